// Package theme holds the app's styles, built for the terminal's background,
// and the small drawing helpers every screen shares (a bar, a clamp).
package theme

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"partnercadence/cadence"
)

// Styles is every style the screens use. Build it with NewStyles, rebuild it
// when the terminal reports its background, and pass it down.
type Styles struct {
	IsDark bool

	App      lipgloss.Style // the whole frame
	Title    lipgloss.Style // the app name in the tab bar
	Tab      lipgloss.Style
	TabOn    lipgloss.Style
	Header   lipgloss.Style // section and column headers
	Muted    lipgloss.Style // secondary text
	Selected lipgloss.Style // the row under the cursor
	Status   lipgloss.Style // the bottom line
	Notice   lipgloss.Style // a confirmation in the bottom line
	Error    lipgloss.Style // an error in the bottom line
	Warn     lipgloss.Style // a flag, an overdue item
	Good     lipgloss.Style // held, met, done
	Box      lipgloss.Style // a bordered panel
	Input    lipgloss.Style // a focused input's frame

	// Flag colours a flag kind by severity.
	Flag map[cadence.FlagKind]lipgloss.Style
	// Meeting colours a meeting status.
	Meeting map[cadence.MeetingStatus]lipgloss.Style
}

// NewStyles builds the styles for a dark or light background.
func NewStyles(isDark bool) Styles {
	ld := lipgloss.LightDark(isDark)
	accent := ld(lipgloss.Color("#5A3FD6"), lipgloss.Color("#A78BFA"))
	muted := ld(lipgloss.Color("#6B6B6B"), lipgloss.Color("#8A8A8A"))
	selBg := ld(lipgloss.Color("#E4DDFB"), lipgloss.Color("#3B3160"))
	red := ld(lipgloss.Color("#C0262D"), lipgloss.Color("#FF6B6B"))
	amber := ld(lipgloss.Color("#A15C00"), lipgloss.Color("#F5B041"))
	green := ld(lipgloss.Color("#1E7F3C"), lipgloss.Color("#5FD38D"))
	blue := ld(lipgloss.Color("#1F5FAF"), lipgloss.Color("#7FB2F0"))

	s := Styles{
		IsDark:   isDark,
		App:      lipgloss.NewStyle(),
		Title:    lipgloss.NewStyle().Bold(true).Foreground(accent),
		Tab:      lipgloss.NewStyle().Foreground(muted).Padding(0, 1),
		TabOn:    lipgloss.NewStyle().Bold(true).Foreground(accent).Underline(true).Padding(0, 1),
		Header:   lipgloss.NewStyle().Bold(true),
		Muted:    lipgloss.NewStyle().Foreground(muted),
		Selected: lipgloss.NewStyle().Background(selBg).Bold(true),
		Status:   lipgloss.NewStyle().Foreground(muted),
		Notice:   lipgloss.NewStyle().Foreground(green),
		Error:    lipgloss.NewStyle().Foreground(red).Bold(true),
		Warn:     lipgloss.NewStyle().Foreground(amber),
		Good:     lipgloss.NewStyle().Foreground(green),
		Box:      lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(muted).Padding(0, 1),
		Input:    lipgloss.NewStyle().Border(lipgloss.NormalBorder()).BorderForeground(accent),
	}
	high := lipgloss.NewStyle().Foreground(red).Bold(true)
	mid := lipgloss.NewStyle().Foreground(amber)
	low := lipgloss.NewStyle().Foreground(blue)
	s.Flag = map[cadence.FlagKind]lipgloss.Style{
		cadence.FlagRegistrationOverdue:  high,
		cadence.FlagRegistrationConflict: high,
		cadence.FlagRegistrationLapsed:   high,
		cadence.FlagRegistrationExpiring: mid,
		cadence.FlagIntroUnregistered:    mid,
		cadence.FlagSilentPartner:        mid,
		cadence.FlagMeetingMissed:        low,
		cadence.FlagActionOverdue:        low,
		cadence.FlagMeetingUnprepared:    low,
	}
	s.Meeting = map[cadence.MeetingStatus]lipgloss.Style{
		cadence.MeetingScheduled: lipgloss.NewStyle(),
		cadence.MeetingHeld:      lipgloss.NewStyle().Foreground(green),
		cadence.MeetingSkipped:   lipgloss.NewStyle().Foreground(muted),
		cadence.MeetingCancelled: lipgloss.NewStyle().Foreground(muted).Strikethrough(true),
	}
	return s
}

// Bar draws a horizontal bar of width cells filled to frac (0–1; more is
// drawn full and marked with a "+").
func Bar(frac float64, width int) string {
	width = max(width, 1)
	if frac < 0 || frac != frac {
		frac = 0
	}
	over := frac > 1
	filled := int(min(frac, 1)*float64(width) + 0.5)
	b := strings.Repeat("█", filled) + strings.Repeat("░", width-filled)
	if over {
		b += "+"
	}
	return b
}

// Clamp returns v limited to [lo, hi] (lo wins when hi < lo).
func Clamp(v, lo, hi int) int {
	return max(lo, min(v, hi))
}

// Truncate cuts s to at most w cells, ending with "…" when cut.
func Truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return ansi.Truncate(s, w, "…")
}

// Pad cuts or pads s with spaces to exactly w cells.
func Pad(s string, w int) string {
	s = Truncate(s, w)
	if n := w - lipgloss.Width(s); n > 0 {
		s += strings.Repeat(" ", n)
	}
	return s
}

// OneLine makes text from the data one line that is safe to draw, for rows,
// cells, prompts and messages: control characters become visible symbols
// (cadence.VisibleLine: an escape sequence in a name is shown as "␛]0;…",
// never acted on), line breaks and tabs become spaces, and runs of spaces
// one. Every screen draws data through it (or through cadence.Visible, for
// panes of several lines).
func OneLine(s string) string {
	s = cadence.VisibleLine(s)
	if folded(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// folded reports whether s has no space at either end, no two spaces
// together and no space but U+0020: what OneLine would return unchanged
// (most names and notes), found without allocating.
func folded(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' ') {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return false
		}
		i += n
	}
	return true
}

// FlagTag is a flag kind in a word, for panels and lists.
func FlagTag(k cadence.FlagKind) string {
	switch k {
	case cadence.FlagRegistrationOverdue:
		return "overdue"
	case cadence.FlagRegistrationConflict:
		return "conflict"
	case cadence.FlagRegistrationLapsed:
		return "lapsed"
	case cadence.FlagRegistrationExpiring:
		return "expiring"
	case cadence.FlagIntroUnregistered:
		return "intro"
	case cadence.FlagSilentPartner:
		return "silent"
	case cadence.FlagMeetingMissed:
		return "missed"
	case cadence.FlagActionOverdue:
		return "action"
	case cadence.FlagMeetingUnprepared:
		return "unprepared"
	}
	return strings.ReplaceAll(string(k), "_", " ")
}
