package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"partnercadence/tui/screentest"
)

// rootHarness drives the root by hand at a fixed size: the messages a
// test needs are fed in, and a key's commands are run at once (the ones a
// key gives here are immediate: a refusal, a screen's load).
type rootHarness struct {
	t *testing.T
	m Model
}

func newRootHarness(t *testing.T, me string, w, h int) *rootHarness {
	t.Helper()
	sess := screentest.DemoSession(t)
	sess.Me = me
	r := &rootHarness{t: t, m: New(sess, true)}
	r.update(tea.WindowSizeMsg{Width: w, Height: h})
	r.update(sess.Load()())
	r.run(r.m.week.Init())
	return r
}

func (r *rootHarness) update(msg tea.Msg) tea.Cmd {
	next, cmd := r.m.Update(msg)
	r.m = next.(Model)
	return cmd
}

// run feeds cmd's messages back, batches included.
func (r *rootHarness) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			r.run(c)
		}
	default:
		r.update(msg)
	}
}

func (r *rootHarness) press(keys ...string) {
	for _, k := range keys {
		r.run(r.update(screentest.KeyNamed(k)))
	}
}

func (r *rootHarness) view() string { return ansi.Strip(r.m.View().Content) }

// TestRefusalLineAt80x24: Dana on the Week, on Priya's 1:1, presses H: the
// status line says in one line who may mark it, nothing waits to be saved,
// and the screen is otherwise as it was.
func TestRefusalLineAt80x24(t *testing.T) {
	r := newRootHarness(t, "Dana Cruz", 80, 24)
	if v := r.view(); !strings.Contains(v, "▸ 11:00  1:1       Dana Cruz") {
		t.Fatalf("the cursor is not on Dana's next 1:1:\n%s", v)
	}
	r.press("up", "H")
	v := r.view()
	golden.RequireEqual(t, []byte(v))
	lines := strings.Split(v, "\n")
	last := lines[len(lines)-1]
	want := "only the head or Priya Natarajan may change the status of the 1:1 with Priya"
	if !strings.HasPrefix(last, want) {
		t.Errorf("status line %q, want it to start %q", last, want)
	}
	if n := r.m.sess.Outbox.Len(); n != 0 {
		t.Errorf("%d changes wait to be saved, want none", n)
	}
}

// TestHelpShowsRefusedKeysDimmed: in the help overlay, the keys Dana may
// not use on Priya's 1:1 are listed (marked not allowed, drawn faint),
// while the head's help lists them as usual.
func TestHelpShowsRefusedKeysDimmed(t *testing.T) {
	r := newRootHarness(t, "Dana Cruz", 80, 24)
	r.press("up", "?")
	v := r.view()
	golden.RequireEqual(t, []byte(v))
	for _, want := range []string{"H held (not allowed)", "r reschedule (not allowed)"} {
		if !strings.Contains(v, want) {
			t.Errorf("help does not list %q:\n%s", want, v)
		}
	}
	// Faint is SGR 2, first in the sequence lipgloss writes.
	raw := r.m.View().Content
	if !strings.Contains(raw, "\x1b[2;38;2;138;138;138mheld (not allowed)") && !strings.Contains(raw, "\x1b[2mheld (not allowed)") {
		t.Errorf("held (not allowed) is not drawn faint in the help overlay")
	}
	if strings.Contains(raw, "\x1b[2;38;2;138;138;138mup") {
		t.Errorf("an allowed key is drawn faint")
	}
	head := newRootHarness(t, "Jordan Lee", 80, 24)
	head.press("up", "?")
	if v := head.view(); strings.Contains(v, "not allowed") || !strings.Contains(v, "held") {
		t.Errorf("the head's help:\n%s", v)
	}
}
