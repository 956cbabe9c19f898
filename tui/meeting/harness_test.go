package meeting

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"partnercadence/cadence"
	"partnercadence/cadence/demo"
	"partnercadence/store"
	"partnercadence/tui/screentest"
	"partnercadence/tui/session"
	"partnercadence/tui/theme"
)

var newYork = mustZone("America/New_York")

func mustZone(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

// now is the Monday the small demo is generated for: it has flags of every
// kind.
var now = time.Date(2026, 11, 23, 9, 0, 0, 0, newYork)

// newSession builds a session on a fresh small demo database, with the
// config "read" from a file in the test's directory (agendas go beside it).
func newSession(t testing.TB, me string) *session.Session {
	t.Helper()
	dir := t.TempDir()
	cfg, err := cadence.ParseConfig([]byte(demo.Config(demo.Small, now)), filepath.Join(dir, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "cadence.db")
	if err := store.Load(path, cfg, func(l *store.Loader) error { return demo.Generate(demo.Small, 1, now, l) }); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return &session.Session{Store: st, Config: cfg, Clock: func() time.Time { return now }, Me: me}
}

// fakeTick is what a debounce tick turns into in tests: delivered only when
// a test says so.
type fakeTick struct{ msg tea.Msg }

// harness drives the screen the way the root does: it runs commands and
// feeds their messages back, reloads the snapshot after every save (and
// hands it to the screen), and keeps what is meant for the root.
type harness struct {
	t         testing.TB
	sess      *session.Session
	m         Model
	sent      []tea.Msg // Saved, Failed, Notice, Back
	ticks     []tea.Msg // debounce ticks not yet delivered
	clipboard string
}

func newHarness(t testing.TB, me, id string, w, h int) *harness {
	t.Helper()
	sess := newSession(t, me)
	hs := &harness{t: t, sess: sess}
	hs.open(id, w, h)
	return hs
}

func (hs *harness) open(id string, w, h int) {
	hs.t.Helper()
	hs.m = New(hs.sess, theme.NewStyles(true), id)
	hs.m.tick = func(_ time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
		return func() tea.Msg { return fakeTick{fn(now.Add(time.Second))} }
	}
	hs.m.SetSize(w, h)
	hs.run(hs.m.Init())
}

func (hs *harness) send(msg tea.Msg) {
	hs.t.Helper()
	var cmd tea.Cmd
	hs.m, cmd = hs.m.Update(msg)
	hs.run(cmd)
}

var cmdType = reflect.TypeOf(tea.Cmd(nil))

func (hs *harness) run(cmd tea.Cmd) {
	hs.t.Helper()
	if cmd == nil {
		return
	}
	msg := cmd()
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == cmdType {
		// tea.Batch and tea.Sequence: run in order.
		for i := range v.Len() {
			hs.run(v.Index(i).Interface().(tea.Cmd))
		}
		return
	}
	if msg != nil && reflect.TypeOf(msg).Name() == "setClipboardMsg" {
		hs.clipboard = reflect.ValueOf(msg).String()
		return
	}
	switch msg := msg.(type) {
	case nil:
	case fakeTick:
		hs.ticks = append(hs.ticks, msg.msg)
	case session.Back, session.Notice:
		hs.sent = append(hs.sent, msg)
	case session.Failed:
		hs.sent = append(hs.sent, msg)
		hs.send(msg)
	case session.FlushNow:
		// The root saves the outbox.
		hs.run(hs.sess.Flush())
	case session.Flushed:
		if len(msg.Saved) > 0 || msg.Err != nil {
			hs.sent = append(hs.sent, msg)
		}
		hs.send(msg)
		if len(msg.Saved) > 0 {
			hs.send(hs.sess.Load()())
		}
	default:
		if strings.HasPrefix(reflect.TypeOf(msg).String(), "tea.") {
			return // the runtime's own (an exec): nothing to feed back
		}
		hs.send(msg)
	}
}

// saves counts the saves of this meeting that reached the database.
func (hs *harness) saves() int {
	n := 0
	for _, m := range hs.sent {
		if f, ok := m.(session.Flushed); ok {
			for _, sc := range f.Saved {
				if sc.Change.Meeting == hs.m.id {
					n++
				}
			}
		}
	}
	return n
}

// lastSaved returns what the last save that reached the database did.
func (hs *harness) lastSaved() string {
	hs.t.Helper()
	for i := len(hs.sent) - 1; i >= 0; i-- {
		if f, ok := hs.sent[i].(session.Flushed); ok && len(f.Saved) > 0 {
			return f.Saved[len(f.Saved)-1].Change.What
		}
	}
	return ""
}

// keyMsg turns a key name into its key press.
var keyMsg = screentest.KeyNamed

func (hs *harness) press(keys ...string) {
	hs.t.Helper()
	for _, k := range keys {
		hs.send(keyMsg(k))
	}
}

func (hs *harness) typeText(s string) {
	hs.t.Helper()
	for _, r := range s {
		hs.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// clear empties the focused text input.
func (hs *harness) clearInput(n int) {
	hs.t.Helper()
	for range n {
		hs.press("backspace")
	}
}

func (hs *harness) view() string { return ansi.Strip(hs.m.View()) }

func (hs *harness) record(id string) (cadence.MeetingRecord, bool) {
	hs.t.Helper()
	rec, ok, err := hs.sess.Store.Record(id)
	if err != nil {
		hs.t.Fatal(err)
	}
	return rec, ok
}

func (hs *harness) focusSection(s section) {
	hs.t.Helper()
	for range sectionCount {
		if hs.m.focus == s {
			return
		}
		hs.press("tab")
	}
	hs.t.Fatalf("cannot focus %v", s)
}
