package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestListKeysSameOnEveryScreen: the list keys do the same on every list
// screen, as a user sees it at 80×24 — G puts the cursor (▸) on the last
// row, g on the first, and / opens a filter that narrows fuzzily ("dcrz"
// is in no name, but Dana Cruz's letters are in that order), the best
// match under the cursor; esc brings every row back, the cursor staying
// on its row.
func TestListKeysSameOnEveryScreen(t *testing.T) {
	sess := demoSession(t)
	d := keyDriver{t: t, width: 80, height: 24}
	m := d.start(sess)
	press := func(keys ...string) {
		t.Helper()
		m = d.press(m, keys...)
	}
	screen := func() string { return ansi.Strip(m.(Model).View().Content) }
	cursor := func() string {
		for _, l := range strings.Split(screen(), "\n") {
			if strings.HasPrefix(l, "▸") {
				return l
			}
		}
		return ""
	}
	tests := []struct {
		screen, name string
		first, last  string // on the cursor's row after g and after G
		match        string // on the cursor's row after /dcrz
		gone         string // shown before the filter, not after
	}{
		{"1", "Week", "Priya Natarajan", "Marcus Bell", "Dana Cruz", "Priya Natarajan"},
		{"2", "Flags", "Beacon Growth Partners", "Orbital Alliance Partners · 2 days overdue", "Dana Cruz", "Beacon Growth Partners"},
		{"3", "Partners", "Acme Cloud", "Summit Cloud Exchange", "Dana Cruz", "Acme Cloud"},
		{"4", "Registrations", "R-306", "R-311", "Quarry Labs", "R-306"},
		{"6", "Team", "Jordan Lee (me)", "Alex Morgan", "Dana Cruz", "Alex Morgan"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			press(tt.screen, "G")
			if got := cursor(); !strings.Contains(got, tt.last) {
				t.Errorf("G: the cursor's row is %q, want the last, %q:\n%s", got, tt.last, screen())
			}
			press("g")
			if got := cursor(); !strings.Contains(got, tt.first) {
				t.Errorf("g: the cursor's row is %q, want the first, %q:\n%s", got, tt.first, screen())
			}
			if !strings.Contains(screen(), tt.gone) {
				t.Fatalf("before the filter %q is not shown:\n%s", tt.gone, screen())
			}
			press("/", "d", "c", "r", "z")
			if v := screen(); !strings.Contains(v, "/ dcrz") || strings.Contains(v, tt.gone) {
				t.Errorf("/dcrz: the filter line is missing or %q is still shown:\n%s", tt.gone, v)
			}
			if got := cursor(); !strings.Contains(got, tt.match) {
				t.Errorf("/dcrz: the cursor's row is %q, want the best match, with %q:\n%s", got, tt.match, screen())
			}
			press("esc")
			if v := screen(); strings.Contains(v, "/ dcrz") || !strings.Contains(cursor(), tt.match) {
				t.Errorf("esc: the filter is still on, or the cursor left its row:\n%s", v)
			}
			press("g")
			if v := screen(); !strings.Contains(v, tt.gone) {
				t.Errorf("esc, g: %q is not back:\n%s", tt.gone, v)
			}
		})
	}
}
