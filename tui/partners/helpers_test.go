package partners

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/google/go-cmp/cmp"

	"partnercadence/cadence"
	"partnercadence/cadence/demo"
	"partnercadence/store"
	"partnercadence/tui/session"
	"partnercadence/tui/theme"
)

// now is the tests' fixed clock: the small demo has flags of every kind on
// that day.
var now = time.Date(2026, 11, 23, 9, 0, 0, 0, newYork())

func newYork() *time.Location {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		panic(err)
	}
	return loc
}

// newSession writes the small demo into a temporary database and returns a
// session on it with the clock fixed at now.
func newSession(t testing.TB) *session.Session {
	t.Helper()
	cfg, err := cadence.ParseConfig([]byte(demo.Config(demo.Small, now)), "demo")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "cadence.db")
	if err := store.Load(path, cfg, func(l *store.Loader) error { return demo.Generate(demo.Small, 1, now, l) }); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return &session.Session{Store: st, Config: cfg, Clock: func() time.Time { return now }, Me: "Jordan Lee"}
}

// newModel returns the screen at w×h with the session's snapshot loaded.
func newModel(t testing.TB, sess *session.Session, w, h int) Model {
	t.Helper()
	m := New(sess, theme.NewStyles(true))
	m.SetSize(w, h)
	m, _ = run(t, m, sess.Load())
	return m
}

// run feeds cmd's messages (batches included) back into the model until
// there are none, skipping the root's business (polling) and timers.
func run(t testing.TB, m Model, cmd tea.Cmd) (Model, []tea.Msg) {
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
			// The root reloads the snapshot after every write.
			queue = append(queue, m.sess.Load())
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

// press sends keys one by one, running the commands they return.
func press(t testing.TB, m Model, keys ...tea.KeyPressMsg) Model {
	t.Helper()
	for _, k := range keys {
		var cmd tea.Cmd
		m, cmd = m.Update(k)
		m, _ = run(t, m, cmd)
	}
	return m
}

// typeText sends each rune of s as a key press.
func typeText(t testing.TB, m Model, s string) Model {
	t.Helper()
	for _, r := range s {
		m = press(t, m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return m
}

func keyRune(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Text: string(r)} }

var (
	keyEnter = tea.KeyPressMsg{Code: tea.KeyEnter}
	keyEsc   = tea.KeyPressMsg{Code: tea.KeyEscape}
	keyTab   = tea.KeyPressMsg{Code: tea.KeyTab}
	keyDown  = tea.KeyPressMsg{Code: tea.KeyDown}
	keyUp    = tea.KeyPressMsg{Code: tea.KeyUp}
	keyCtrlS = tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
	keyBksp  = tea.KeyPressMsg{Code: tea.KeyBackspace}
)

// equateDates compares cadence.Date values (unexported fields) by value.
var equateDates = cmp.Comparer(func(a, b cadence.Date) bool { return a == b })

// plain returns the view without escape codes.
func plain(m Model) string { return ansi.Strip(m.View()) }

// clearInput deletes what the focused input holds.
func clearInput(t testing.TB, m Model, n int) Model {
	t.Helper()
	for range n {
		m = press(t, m, keyBksp)
	}
	return m
}

func lineWith(view, s string) string {
	for _, l := range strings.Split(view, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}
