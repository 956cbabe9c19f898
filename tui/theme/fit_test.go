package theme

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Width counts cells as lipgloss does, for the lines the screens draw and
// for the ones its byte count cannot measure (wide characters, sequences
// it does not know).
func TestWidthAsLipgloss(t *testing.T) {
	st := NewStyles(true)
	for _, s := range []string{
		"",
		"plain text",
		st.Header.Render("Partners") + "  5000 partners · " + st.Muted.Render("sort: name ↑"),
		st.Selected.Render("▸ Acme Cloud        1  reseller"),
		"\x1b[38;2;10;20;30mcolour\x1b[m and \x1b]8;;https://example.com\x07a link\x1b]8;;\x07",
		"\x1b]8;;https://example.com\x1b\\st-ended\x1b]8;;\x1b\\",
		"wide 漢字 and 👍🏽 emoji",
		"a lone escape \x1b",
		"\x1b[unfinished",
		"bell\x07 and del\x7f",
		"\x1bPdcs\x1b\\ text",
	} {
		if got, want := Width(s), lipgloss.Width(s); got != want {
			t.Errorf("Width(%q) = %d, lipgloss.Width = %d", s, got, want)
		}
		if got, want := Width(s), ansi.StringWidth(s); got != want {
			t.Errorf("Width(%q) = %d, ansi.StringWidth = %d", s, got, want)
		}
	}
}

// Fits takes exactly h lines of exactly w cells, and nothing else.
func TestFits(t *testing.T) {
	row := strings.Repeat("x", 10)
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{row + "\n" + row, true},
		{row + "\n" + row + "\n", false},      // three lines
		{row, false},                          // one
		{row + "\n" + row[:9], false},         // a short line
		{row + "\n" + row + "x", false},       // a long one
		{row + "\n" + row[:9] + "\t", false},  // a tab lipgloss would widen
		{row + "\r\n" + row[:9] + "x", false}, // a carriage return
		{"\x1b[1m" + row + "\x1b[m\n▸ " + row[:8], true},
	} {
		if got := Fits(tc.s, 10, 2); got != tc.want {
			t.Errorf("Fits(%q, 10, 2) = %v, want %v", tc.s, got, tc.want)
		}
	}
}

// A body that Fits is what the root's cut-and-pad would make of it, and
// padding the bars to its width is what joining them would: the root skips
// both for such a body and draws the same bytes.
func TestFitsSkipsNothing(t *testing.T) {
	st := NewStyles(true)
	w, h := 40, 3
	body := strings.Join([]string{
		Pad(st.Header.Render("Partners")+"  5000 partners", w),
		st.Selected.Render(Pad("▸ Acme Cloud  1  reseller  ●2", w)),
		Pad("  Bolt 漢字 Labs", w),
	}, "\n")
	if !Fits(body, w, h) {
		t.Fatalf("the body does not fit %d×%d:\n%s", w, h, body)
	}
	if got := lipgloss.NewStyle().Width(w).Height(h).MaxWidth(w).MaxHeight(h).Render(body); got != body {
		t.Errorf("lipgloss changes a body that fits:\n%q\n%q", got, body)
	}
	top, status := st.Title.Render("cadence")+" 1 Week", st.Muted.Render("j/k move")
	want := lipgloss.JoinVertical(lipgloss.Left, top, body, status)
	if got := Pad(top, w) + "\n" + body + "\n" + Pad(status, w); got != want {
		t.Errorf("padded bars differ from JoinVertical:\n%q\n%q", got, want)
	}
}
