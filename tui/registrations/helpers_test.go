package registrations

import (
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"partnercadence/tui/screentest"
	"partnercadence/tui/session"
	"partnercadence/tui/theme"
)

// The tests' clock, session and keys: see package screentest.
var (
	now        = screentest.Now
	newSession = screentest.DemoSession
	keyRune    = screentest.Key
	lineWith   = screentest.LineWith
	keyEnter   = screentest.Enter
	keyEsc     = screentest.Esc
	keyDown    = screentest.Down
	keyUp      = screentest.Up
	keyBksp    = screentest.Backspace
)

// newModel returns the screen at w×h with the session's snapshot loaded.
func newModel(t testing.TB, sess *session.Session, w, h int) Model {
	t.Helper()
	m := New(sess, theme.NewStyles(true))
	m.SetSize(w, h)
	m, _ = run(t, m, sess.Load())
	return m
}

func run(t testing.TB, m Model, cmd tea.Cmd) (Model, []tea.Msg) {
	t.Helper()
	return screentest.Run(t, m.sess, m, cmd)
}

func press(t testing.TB, m Model, keys ...tea.KeyPressMsg) Model {
	t.Helper()
	return screentest.Press(t, m.sess, m, keys...)
}

// typeText sends each rune of s as a key press.
func typeText(t testing.TB, m Model, s string) Model {
	t.Helper()
	for _, r := range s {
		m = press(t, m, keyRune(r))
	}
	return m
}

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

// shownItems returns the indexes into m.items of the rows the list shows,
// in order.
func shownItems(m Model) []int {
	out := make([]int, m.list.Len())
	for p := range out {
		out[p] = m.list.Item(p)
	}
	return out
}
