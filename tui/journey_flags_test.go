package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"partnercadence/cadence"
	"partnercadence/tui/screentest"
)

// TestJourneyMondaysFlags is Monday's flags: from the Flags screen, one flag
// of every kind the demo raises is fixed where enter leads (the kind
// filter, f, steps from one kind to the next), each time coming back with
// esc to a shorter list; then u takes the last fix back and its flag
// returns. It runs the app synchronously, as Bubble Tea would, at 100×30.
func TestJourneyMondaysFlags(t *testing.T) {
	sess := demoSession(t)
	d := keyDriver{t: t, width: 100, height: 30}
	m := d.start(sess)
	keys := func(names ...string) {
		t.Helper()
		m = d.press(m, names...)
	}
	typeText := func(s string) {
		t.Helper()
		for _, r := range s {
			m = d.update(m, screentest.Key(r))
		}
	}
	screen := func() string { return ansi.Strip(m.(Model).View().Content) }
	flags := func() []cadence.Flag { return m.(Model).snap.Flags }
	has := func(kind cadence.FlagKind, ref string) bool {
		for _, f := range flags() {
			if f.Kind == kind && f.Ref == ref {
				return true
			}
		}
		return false
	}
	first := func() cadence.Flag {
		t.Helper()
		f, ok := m.(Model).flags.Selected()
		if !ok {
			t.Fatalf("no flag under the cursor:\n%s", screen())
		}
		return f
	}

	keys("2")
	if !strings.Contains(screen(), "Flags  1 of 18") {
		t.Fatalf("the Flags screen:\n%s", screen())
	}
	counts := cadence.CountByKind(flags())
	fixes := mondaysFixes
	total := len(flags())
	var last cadence.Flag
	for _, fx := range fixes {
		keys("f")
		if m.(Model).flags.Selected(); first().Kind != fx.kind {
			t.Fatalf("f: the cursor is on %s, want %s:\n%s", first().Kind, fx.kind, screen())
		}
		f := first()
		keys(fx.keys...)
		if fx.text != "" {
			typeText(fx.text)
			keys(fx.then...)
		}
		if m.(Model).active != screenFlags || m.(Model).meetingOpen {
			t.Fatalf("%s: esc did not come back to the Flags screen:\n%s", fx.kind, screen())
		}
		if has(f.Kind, f.Ref) {
			t.Fatalf("%s %s is still raised after its fix:\n%s", f.Kind, f.Ref, screen())
		}
		if n := len(flags()); n >= total {
			t.Fatalf("%s: %d flags after the fix, %d before", fx.kind, n, total)
		}
		total = len(flags())
		last = f
	}
	for kind, n := range counts {
		if n > 0 && !func() bool {
			for _, fx := range fixes {
				if fx.kind == kind {
					return true
				}
			}
			return false
		}() {
			t.Errorf("the demo raised %s, which the journey did not fix", kind)
		}
	}
	keys("esc", "u")
	if !has(last.Kind, last.Ref) {
		t.Errorf("u did not bring %s %s back; status: %q", last.Kind, last.Ref, m.(Model).status)
	}
	if st := m.(Model).status; !strings.Contains(st, "undone: ") {
		t.Errorf("u says %q, want what it undid", st)
	}
}

// mondaysFixes is the "Monday's flags" journey: for each kind of flag the
// demo raises, the keys that fix it from the Flags screen (enter goes to it),
// text typed after them, and the keys after the text; both journeys (the
// reducer's and teatest's) follow it.
var mondaysFixes = []struct {
	kind cadence.FlagKind
	keys []string
	text string
	then []string
}{
	{cadence.FlagRegistrationOverdue, []string{"enter", "A", "y", "esc"}, "", nil},
	{cadence.FlagRegistrationConflict, []string{"enter", "L", "y", "esc"}, "", nil},
	{cadence.FlagRegistrationLapsed, []string{"enter", "x", "enter", "esc"}, "", nil},
	{cadence.FlagRegistrationExpiring, []string{"enter", "W", "y", "esc"}, "", nil},
	{cadence.FlagIntroUnregistered, []string{"enter", "tab", "tab"}, "40000", []string{"enter", "esc"}},
	{cadence.FlagSilentPartner, []string{"enter", "l", "c", "i", "enter"}, "Caught up on the pipeline", []string{"enter", "enter", "esc"}},
	{cadence.FlagMeetingMissed, []string{"enter", "H", "esc"}, "", nil},
	{cadence.FlagActionOverdue, []string{"enter", "tab", "tab", "tab", "x", "esc"}, "", nil},
}
