// Package screentest is what the screens' tests share: the small demo in a
// temporary database on a fixed clock, and a loop that runs a screen's
// commands back into it the way the root does.
package screentest

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/google/go-cmp/cmp"

	"partnercadence/cadence"
	"partnercadence/cadence/demo"
	"partnercadence/store"
	"partnercadence/tui/session"
)

// NewYork is the demo's time zone.
var NewYork = mustZone("America/New_York")

// Now is the tests' fixed clock: Monday 2026-11-23, 09:00 in New York. The
// small demo has flags of every kind on that day.
var Now = time.Date(2026, 11, 23, 9, 0, 0, 0, NewYork)

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// DemoSession writes the small demo (seed 1, as of Now) into a temporary
// database and returns a session on it for Jordan Lee, the head, with the
// clock fixed at Now.
func DemoSession(t testing.TB) *session.Session {
	t.Helper()
	cfg, err := cadence.ParseConfig([]byte(demo.Config(demo.Small, Now)), "demo")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "cadence.db")
	if err := store.Load(path, cfg, func(l *store.Loader) error { return demo.Generate(demo.Small, 1, Now, l) }); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return &session.Session{Store: st, Config: cfg, Clock: func() time.Time { return Now }, Me: "Jordan Lee"}
}

// Screen is what Run needs of a screen: its Update.
type Screen[M any] interface {
	Update(tea.Msg) (M, tea.Cmd)
}

// Run feeds cmd's messages (batches included) back into the screen until
// there are none, reloading the snapshot after every write as the root does.
// It returns the screen and every message it handled.
func Run[M Screen[M]](t testing.TB, sess *session.Session, m M, cmd tea.Cmd) (M, []tea.Msg) {
	t.Helper()
	var seen []tea.Msg
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		switch msg := msg.(type) {
		case nil:
			continue
		case tea.BatchMsg:
			queue = append(queue, msg...)
			continue
		case session.Saved:
			queue = append(queue, sess.Load())
		}
		seen = append(seen, msg)
		var next tea.Cmd
		m, next = m.Update(msg)
		queue = append(queue, next)
		if len(seen) > 100 {
			t.Fatalf("commands keep coming: %T …", msg)
		}
	}
	return m, seen
}

// Press sends keys one by one, running the commands each returns.
func Press[M Screen[M]](t testing.TB, sess *session.Session, m M, keys ...tea.KeyPressMsg) M {
	t.Helper()
	for _, k := range keys {
		var cmd tea.Cmd
		m, cmd = m.Update(k)
		m, _ = Run(t, sess, m, cmd)
	}
	return m
}

// Key is the key press of a printable rune.
func Key(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Text: string(r)} }

// The named keys the tests press.
var (
	Enter     = tea.KeyPressMsg{Code: tea.KeyEnter}
	Esc       = tea.KeyPressMsg{Code: tea.KeyEscape}
	Tab       = tea.KeyPressMsg{Code: tea.KeyTab}
	Down      = tea.KeyPressMsg{Code: tea.KeyDown}
	Up        = tea.KeyPressMsg{Code: tea.KeyUp}
	CtrlS     = tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
	Backspace = tea.KeyPressMsg{Code: tea.KeyBackspace}
)

// EquateDates compares cadence.Date values (unexported fields) by value.
var EquateDates = cmp.Comparer(func(a, b cadence.Date) bool { return a == b })

// LineWith returns the first line of view that contains s, or "".
func LineWith(view, s string) string {
	for _, l := range strings.Split(view, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

// KeyNamed turns a key's name as help shows it ("j", "H", "enter", "esc",
// "tab", "shift+tab", "up", "left", "backspace", …) into its key press.
func KeyNamed(name string) tea.KeyPressMsg {
	special := map[string]rune{
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "up": tea.KeyUp, "down": tea.KeyDown,
		"left": tea.KeyLeft, "right": tea.KeyRight, "backspace": tea.KeyBackspace, "home": tea.KeyHome, "end": tea.KeyEnd,
	}
	if r, ok := special[name]; ok {
		return tea.KeyPressMsg{Code: r}
	}
	if name == "shift+tab" {
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	}
	return Key([]rune(name)[0])
}
