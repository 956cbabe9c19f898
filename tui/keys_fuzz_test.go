package tui

import (
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"partnercadence/cadence"
	"partnercadence/cadence/demo"
	"partnercadence/store"
	"partnercadence/tui/screentest"
	"partnercadence/tui/session"
)

// FuzzKeys drives the whole app — the root model on the small demo, as
// Jordan Lee (the head), Dana Cruz (a partner manager), Sam Ortiz (sales)
// or nobody — with a fuzzed sequence of key presses, pastes, mouse wheel
// turns, background colours and terminal sizes (from 0×0 through 80×24 to
// 255 wide). The commands the model returns run at once, their messages fed
// back as Bubble Tea would; ticks (the poll, the typing debounce) and quit
// are dropped. Whatever the sequence, nothing panics, the commands come to
// an end, and from 80×24 up every frame fits the terminal: no line wider
// than it, no more lines than its height. Below 80×24 the frame is one line
// that fits.
//
// Each input runs on its own copy of the demo database, so the writes the
// keys make (held meetings, actions, talking points, approvals) are
// harmless, and its own temporary directory for the files the app writes
// (an exported agenda, the file $EDITOR would open).
func FuzzKeys(f *testing.F) {
	cfg, template := fuzzDemo(f)
	for _, s := range []struct {
		w, h uint8
		keys string
	}{
		{80, 24, ""},
		{80, 24, "jj\x01\x0f\x0f\x0f?\x02"}, // open a meeting, move around, help
		{100, 30, "j\x01\x0f\x0fa\xfe\x0cSend the deck\x01H"},          // add an action by paste, mark held
		{80, 24, "\x01\x0f\x01Ask about Q1 *pricing*\x02\x06\x02q"},    // write talking points, quit
		{120, 40, "2/north\x01\x02ljjcall\x01\x02"},                    // filter partners, log a touchpoint
		{80, 24, "3Ay\x83Rn4[[]t5\x01"},                                // registrations, readout, team
		{200, 60, "\x04\x04\x03\x03t\xff\x50\x18\x01\xff\x00\x00\x01"}, // weeks, resize to tiny and back
		{79, 24, "jjj\x01"},
		{80, 23, "\x0f\x0f"},
		{1, 1, "\x01"},
		{0, 0, "q"},
		{255, 255, "\xfd\x00\xfd\x01\xfc\xfb2\xfd\x00"}, // wheel, colours
		{80, 24, "\x01\x0f\x01\x1b]0;TITLE\x07\x7f\x00é日🎉\x02\x13"},
		{90, 26, "2a\xfe\x10Evil\x1b[31mCorp\x01\x02"},
	} {
		f.Add(uint8(0), s.w, s.h, []byte(s.keys))
	}
	f.Fuzz(func(t *testing.T, who, w, h uint8, keys []byte) {
		watchdog := time.AfterFunc(60*time.Second, func() {
			panic(fmt.Sprintf("%s: still running after a minute (an endless loop?)", t.Name()))
		})
		defer watchdog.Stop()
		sess := fuzzSession(t, cfg, template, who)
		d := keyDriver{t: t, width: int(w), height: int(h)}
		model := d.start(sess)
		for _, msg := range decodeKeys(keys) {
			if ws, ok := msg.(tea.WindowSizeMsg); ok {
				d.width, d.height = ws.Width, ws.Height
			}
			model = d.update(model, msg)
		}
		if err := sess.Store.Close(); err != nil {
			t.Errorf("close the database: %v", err)
		}
	})
}

// fuzzDemo writes the small demo once, for every input to copy.
func fuzzDemo(f *testing.F) (*cadence.Config, []byte) {
	f.Helper()
	cfg, err := cadence.ParseConfig([]byte(demo.Config(demo.Small, screentest.Now)), "demo")
	if err != nil {
		f.Fatal(err)
	}
	path := filepath.Join(f.TempDir(), "demo.db")
	if err := store.Load(path, cfg, func(l *store.Loader) error { return demo.Generate(demo.Small, 1, screentest.Now, l) }); err != nil {
		f.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	return cfg, data
}

// fuzzMe are the people an input can be: the head, a partner manager,
// sales, and nobody (no me in the config).
var fuzzMe = []string{"Jordan Lee", "Dana Cruz", "Sam Ortiz", ""}

// fuzzSession opens a fresh copy of the demo in the input's own directory,
// with the config's path there too (an exported agenda goes beside it) and
// TMPDIR there (the file $EDITOR would open).
func fuzzSession(t *testing.T, cfg *cadence.Config, template []byte, who uint8) *session.Session {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	path := filepath.Join(dir, "cadence.db")
	if err := os.WriteFile(path, template, 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := *cfg
	c.Path = filepath.Join(dir, "config.toml")
	c.Me = fuzzMe[int(who)%len(fuzzMe)]
	return &session.Session{Store: st, Config: &c, Clock: func() time.Time { return screentest.Now }, Me: c.Me}
}

// maxEvents bounds the events of one input, and maxMessages the messages
// the commands of one event may bring (a chain of commands that never ends
// is a bug of its own).
const (
	maxEvents   = 64
	maxMessages = 500
)

// fuzzKeyTable is what the bytes 0x00–0x1f and 0x80–0xfa stand for: the
// named keys, ctrl keys, and the keys the app's screens use most, so that a
// short input reaches deep.
var fuzzKeyTable = func() []tea.Msg {
	k := func(code rune, mod tea.KeyMod) tea.Msg { return tea.KeyPressMsg{Code: code, Mod: mod} }
	r := func(s string) tea.Msg { c, _ := utf8.DecodeRuneInString(s); return screentest.Key(c) }
	out := []tea.Msg{
		nil, // 0x00: a NUL key press, set below
		k(tea.KeyEnter, 0), k(tea.KeyEscape, 0), k(tea.KeyLeft, 0), k(tea.KeyRight, 0),
		k(tea.KeyUp, 0), k(tea.KeyDown, 0), k(tea.KeyBackspace, 0), k(tea.KeyDelete, 0),
		k(tea.KeyHome, 0), k(tea.KeyEnd, 0), k(tea.KeyPgUp, 0), k(tea.KeyPgDown, 0),
		tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}, k(tea.KeyTab, tea.ModShift), k(tea.KeyTab, 0),
		k('a', tea.ModCtrl), k('e', tea.ModCtrl), k('k', tea.ModCtrl), k('u', tea.ModCtrl),
		k('w', tea.ModCtrl), k('d', tea.ModCtrl), k('s', tea.ModCtrl), k('n', tea.ModCtrl),
		k('p', tea.ModCtrl), k('h', tea.ModCtrl), k('j', tea.ModCtrl), k(tea.KeyF1, 0),
		k(tea.KeyInsert, 0), k(tea.KeyEnter, tea.ModAlt), k(tea.KeyLeft, tea.ModCtrl), k(tea.KeyRight, tea.ModShift),
	}
	out[0] = tea.KeyPressMsg{Code: 0, Text: "\x00"}
	for _, s := range []string{
		"1", "2", "3", "4", "5", "j", "k", "q", "?", "/", "a", "e", "E", "x", "d", "H", "S", "C", "r", "m",
		"s", "l", "A", "R", "W", "L", "f", "[", "]", "t", "y", "n", "u", "g", "G", "h", "i", "o", "p", "v",
		"é", "日", "🎉", "\u009b", "\u202e",
	} {
		out = append(out, r(s))
	}
	return out
}()

// decodeKeys turns bytes into events: 0x20–0x7e type that character;
// 0x00–0x1f and 0x80–0xfa are fuzzKeyTable (modulo its length); 0xfb and
// 0xfc set a light and a dark background; 0xfd turns the mouse wheel (the
// next byte: down when even, up when odd, at row byte/2); 0xfe pastes the
// next n bytes (n the byte after it, modulo 200); 0xff resizes the terminal
// to the next two bytes (width, height).
func decodeKeys(b []byte) []tea.Msg {
	var out []tea.Msg
	next := func() (byte, bool) {
		if len(b) == 0 {
			return 0, false
		}
		c := b[0]
		b = b[1:]
		return c, true
	}
	for len(out) < maxEvents {
		c, ok := next()
		if !ok {
			break
		}
		switch {
		case c >= 0x20 && c <= 0x7e:
			out = append(out, screentest.Key(rune(c)))
		case c == 0xfb:
			out = append(out, tea.BackgroundColorMsg{Color: color.White})
		case c == 0xfc:
			out = append(out, tea.BackgroundColorMsg{Color: color.Black})
		case c == 0xfd:
			arg, _ := next()
			btn := tea.MouseWheelDown
			if arg%2 == 1 {
				btn = tea.MouseWheelUp
			}
			out = append(out, tea.MouseWheelMsg{Button: btn, X: 10, Y: int(arg / 2)})
		case c == 0xfe:
			n, _ := next()
			size := min(int(n)%200, len(b))
			out = append(out, tea.PasteMsg{Content: string(b[:size])})
			b = b[size:]
		case c == 0xff:
			w, _ := next()
			h, _ := next()
			out = append(out, tea.WindowSizeMsg{Width: int(w), Height: int(h)})
		default:
			i := int(c)
			if c >= 0x80 {
				i -= 0x80 - 0x20
			}
			out = append(out, fuzzKeyTable[i%len(fuzzKeyTable)])
		}
	}
	return out
}

// Commands that wait are recognised by their code: every command tea.Tick
// and tea.Every make is the same closure, and so is every poll of the
// session (it waits for a write or its tick).
var (
	tickCode  = reflect.ValueOf(tea.Tick(time.Hour, func(time.Time) tea.Msg { return nil })).Pointer()
	everyCode = reflect.ValueOf(tea.Every(time.Hour, func(time.Time) tea.Msg { return nil })).Pointer()
	pollCode  = reflect.ValueOf((&session.Session{}).Poll(nil)).Pointer()
	cmdType   = reflect.TypeFor[tea.Cmd]()
)

// keyDriver runs the model the way Bubble Tea would, synchronously.
type keyDriver struct {
	t             *testing.T
	width, height int
}

// start opens the app on sess at the driver's size, its start-up loads
// run.
func (d *keyDriver) start(sess *session.Session) tea.Model {
	d.t.Helper()
	var m tea.Model = New(sess, true)
	m = d.send(m, m.Init())
	return d.update(m, tea.WindowSizeMsg{Width: d.width, Height: d.height})
}

// press sends each named key in turn (screentest.KeyNamed).
func (d *keyDriver) press(m tea.Model, keys ...string) tea.Model {
	d.t.Helper()
	for _, k := range keys {
		m = d.update(m, screentest.KeyNamed(k))
	}
	return m
}

// update sends msg, runs the commands that follow, then checks the frame.
func (d *keyDriver) update(m tea.Model, msg tea.Msg) tea.Model {
	d.t.Helper()
	m, cmd := m.Update(msg)
	m = d.send(m, cmd)
	d.checkFrame(m, msg)
	return m
}

// send runs cmd and every command its messages bring, in order (a batch's
// commands one after the other), feeding each message to the model; ticks
// and quit are dropped.
func (d *keyDriver) send(m tea.Model, cmd tea.Cmd) tea.Model {
	d.t.Helper()
	queue := []tea.Cmd{cmd}
	for n := 0; len(queue) > 0; {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		if code := reflect.ValueOf(c).Pointer(); code == tickCode || code == everyCode || code == pollCode {
			continue
		}
		msg := c()
		switch msg := msg.(type) {
		case nil, tea.QuitMsg:
			continue
		case tea.BatchMsg:
			queue = append(queue, msg...)
			continue
		}
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == cmdType {
			// tea.Sequence's message: its commands, in order, before the rest.
			seq := make([]tea.Cmd, v.Len())
			for i := range seq {
				seq[i] = v.Index(i).Interface().(tea.Cmd)
			}
			queue = append(seq, queue...)
			continue
		}
		if n++; n > maxMessages {
			d.t.Fatalf("commands keep coming: %d messages from one event, the last a %T", n, msg)
		}
		var next tea.Cmd
		m, next = m.Update(msg)
		queue = append(queue, next)
	}
	return m
}

// checkFrame checks that the frame fits the terminal.
func (d *keyDriver) checkFrame(m tea.Model, after tea.Msg) {
	d.t.Helper()
	frame := m.View().Content
	lines := strings.Split(frame, "\n")
	if d.width < MinWidth || d.height < MinHeight {
		// The message wraps rather than being cut, within the terminal.
		wide := slices.ContainsFunc(lines, func(l string) bool { return ansi.StringWidth(l) > max(d.width, 0) })
		if len(lines) > max(d.height, 1) || wide {
			d.t.Fatalf("at %d×%d after %#v the frame is %d lines, want at most %d of at most %d columns:\n%s",
				d.width, d.height, after, len(lines), max(d.height, 1), d.width, frame)
		}
		return
	}
	if len(lines) > d.height {
		d.t.Fatalf("at %d×%d after %#v the frame is %d lines:\n%s", d.width, d.height, after, len(lines), ansi.Strip(frame))
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > d.width {
			d.t.Fatalf("at %d×%d after %#v line %d is %d columns wide:\n%q\n%s", d.width, d.height, after, i+1, w, ansi.Strip(l), ansi.Strip(frame))
		}
	}
}
