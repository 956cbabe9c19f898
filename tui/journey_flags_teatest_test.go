package tui

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"partnercadence/cadence"
	"partnercadence/tui/screentest"
)

// seen is what the journey reads of the running app: copied out by the
// program's own goroutine after each update, so the test never touches the
// model while Bubble Tea runs it.
type seen struct {
	keys        int       // key presses handled
	last        time.Time // when the last message was handled
	active      int
	meetingOpen bool
	flags       []cadence.Flag
	selected    cadence.Flag
	hasSelected bool
	status      string
}

// observed runs the root model and records what seen holds after each of
// its updates.
type observed struct {
	inner tea.Model
	mu    *sync.Mutex
	s     *seen
}

func (o observed) Init() tea.Cmd { return o.inner.Init() }

func (o observed) View() tea.View { return o.inner.View() }

func (o observed) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	next, cmd := o.inner.Update(msg)
	o.inner = next
	m := next.(Model)
	o.mu.Lock()
	defer o.mu.Unlock()
	if _, ok := msg.(tea.KeyPressMsg); ok {
		o.s.keys++
	}
	o.s.last = time.Now()
	o.s.active, o.s.meetingOpen, o.s.status = m.active, m.meetingOpen, m.status
	if m.snap != nil {
		o.s.flags = m.snap.Flags
	}
	o.s.selected, o.s.hasSelected = m.flags.Selected()
	return o, cmd
}

// TestJourneyMondaysFlagsTeatest is Monday's flags in a real Bubble Tea
// program (teatest, 100×30, no colour): from the Flags screen one flag of
// every kind the demo raises is fixed where enter leads, each time coming
// back with esc to a shorter list; then u takes the last fix back, the
// flag returns, and the status line says what was undone. Each key waits
// for the app to have handled it and for what it started to settle.
func TestJourneyMondaysFlagsTeatest(t *testing.T) {
	sess := demoSession(t)
	var mu sync.Mutex
	st := &seen{}
	tm := teatest.NewTestModel(t, observed{inner: New(sess, true), mu: &mu, s: st},
		teatest.WithInitialTermSize(100, 30),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	now := func() seen {
		mu.Lock()
		defer mu.Unlock()
		return *st
	}
	// settle waits until the app has handled nothing for a moment: what a
	// key started (a load, a write and the reload after it) has arrived.
	settle := func() {
		t.Helper()
		eventually(t, "the app settles", func() bool { return time.Since(now().last) > 150*time.Millisecond })
	}
	keys := func(names ...string) {
		t.Helper()
		for _, k := range names {
			before := now().keys
			tm.Send(screentest.KeyNamed(k))
			eventually(t, "key "+k+" handled", func() bool { return now().keys > before })
			settle()
		}
	}
	typeText := func(s string) {
		t.Helper()
		for _, r := range s {
			keys(string(r))
		}
	}
	has := func(kind cadence.FlagKind, ref string) bool {
		for _, f := range now().flags {
			if f.Kind == kind && f.Ref == ref {
				return true
			}
		}
		return false
	}
	eventually(t, "the flags are loaded", func() bool { return len(now().flags) > 0 })
	settle()

	keys("2")
	if now().active != screenFlags {
		t.Fatalf("2 did not open the Flags screen (screen %d)", now().active)
	}
	counts := cadence.CountByKind(now().flags)
	fixes := mondaysFixes
	total := len(now().flags)
	var last cadence.Flag
	for _, fx := range fixes {
		keys("f")
		s := now()
		if !s.hasSelected || s.selected.Kind != fx.kind {
			t.Fatalf("f: the cursor is on %v (%s), want %s", s.hasSelected, s.selected.Kind, fx.kind)
		}
		f := s.selected
		keys(fx.keys...)
		if fx.text != "" {
			typeText(fx.text)
			keys(fx.then...)
		}
		if s := now(); s.active != screenFlags || s.meetingOpen {
			t.Fatalf("%s: esc did not come back to the Flags screen (screen %d, meeting open %v)", fx.kind, s.active, s.meetingOpen)
		}
		if has(f.Kind, f.Ref) {
			t.Fatalf("%s %s is still raised after its fix; status %q", f.Kind, f.Ref, now().status)
		}
		if n := len(now().flags); n >= total {
			t.Fatalf("%s: %d flags after the fix, %d before", fx.kind, n, total)
		}
		total = len(now().flags)
		last = f
	}
	for kind, n := range counts {
		fixed := false
		for _, fx := range fixes {
			fixed = fixed || fx.kind == kind
		}
		if n > 0 && !fixed {
			t.Errorf("the demo raised %s, which the journey did not fix", kind)
		}
	}
	keys("esc", "u")
	if !has(last.Kind, last.Ref) {
		t.Errorf("u did not bring %s %s back; status: %q", last.Kind, last.Ref, now().status)
	}
	if st := now().status; !strings.Contains(st, "undone: ") {
		t.Errorf("u says %q, want what it undid", st)
	}
	tm.Send(screentest.KeyNamed("q"))
	final := tm.FinalModel(t, teatest.WithFinalTimeout(30*time.Second)).(observed).inner.(Model)
	// The message is wrapped on screen: compare the words.
	words := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	msg := words(last.Message)
	msg = msg[:min(len(msg), 60)]
	scr := ansi.Strip(final.View().Content)
	if !strings.Contains(words(scr), msg) || !strings.Contains(scr, fmt.Sprintf("2 Flags %d", total+1)) {
		t.Errorf("the final screen does not list the flag that came back (%q) among %d:\n%s", msg, total+1, scr)
	}
}
