package registrations

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"

	"partnercadence/tui/theme"
)

// frame cuts or pads lines to exactly w cells and h lines.
func frame(lines []string, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	var b strings.Builder
	for i := range h {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i < len(lines) {
			b.WriteString(theme.Pad(lines[i], w))
		} else {
			b.WriteString(strings.Repeat(" ", w))
		}
	}
	return b.String()
}

func ansiWidth(s string) int { return lipgloss.Width(s) }

// newInput returns a one-line text input styled from the theme.
func newInput(st theme.Styles, prompt, placeholder string) textinput.Model {
	in := textinput.New()
	in.Prompt = prompt
	in.Placeholder = placeholder
	in.SetStyles(inputStyles(st))
	return in
}

// inputStyles styles the bubbles text input with the theme's colours (and
// a steady cursor: a blinking one would redraw the screen twice a second).
func inputStyles(st theme.Styles) textinput.Styles {
	s := textinput.DefaultStyles(st.IsDark)
	s.Focused.Prompt = st.Header
	s.Focused.Text = lipgloss.NewStyle()
	s.Focused.Placeholder = st.Muted
	s.Blurred.Prompt = st.Muted
	s.Blurred.Text = st.Muted
	s.Blurred.Placeholder = st.Muted
	s.Cursor.Color = st.Title.GetForeground()
	s.Cursor.Blink = false
	return s
}

// column is one column of a table: its title, its least width, how it grows
// (its cap in each round of handing out spare width: 0 takes all that is
// left, -1 sits the round out), whether it is right-aligned, and its priority (0 is dropped last) when the width is
// too small for every column.
type column struct {
	title string
	min   int
	grow  []int
	right bool
	prio  int
	width int
}

// layout fits cols into width: the least important columns are dropped
// until the rest fit, and spare width goes to the growing columns, round by
// round. Dropped columns get width 0 and render as nothing.
func layout(cols []column, width int) []column {
	cols = slices.Clone(cols)
	for i := range cols {
		cols[i].width = cols[i].min
	}
	used := func() int {
		n, seps := 0, -1
		for _, c := range cols {
			if c.width > 0 {
				n += c.width
				seps++
			}
		}
		return n + max(seps, 0)
	}
	// Drop the least important column while the rest do not fit.
	for used() > width {
		worst := -1
		for i, c := range cols {
			if c.width > 0 && (worst < 0 || c.prio > cols[worst].prio) {
				worst = i
			}
		}
		if worst < 0 || cols[worst].prio == 0 {
			// Only the first column is left: squeeze it.
			if worst >= 0 {
				cols[worst].width = max(width, 0)
			}
			break
		}
		cols[worst].width = 0
	}
	spare := width - used()
	for round := 0; spare > 0; round++ {
		more := false
		for i, c := range cols {
			if c.width == 0 || round >= len(c.grow) {
				continue
			}
			more = true
			add := spare
			switch capW := c.grow[round]; {
			case capW < 0:
				continue
			case capW > 0:
				add = min(spare, max(capW-c.width, 0))
			}
			cols[i].width += add
			spare -= add
		}
		if !more {
			break
		}
	}
	return cols
}

// colsWidth is the width renderCells fills with cols.
func colsWidth(cols []column) int {
	n, seps := 0, -1
	for _, c := range cols {
		if c.width > 0 {
			n += c.width
			seps++
		}
	}
	return n + max(seps, 0)
}

// renderCells pads each cell to its column and joins them with one space.
func renderCells(cols []column, cells []string) string {
	var b strings.Builder
	first := true
	for i, c := range cols {
		if c.width == 0 {
			continue
		}
		if !first {
			b.WriteByte(' ')
		}
		first = false
		if c.right {
			b.WriteString(padLeft(cells[i], c.width))
		} else {
			b.WriteString(theme.Pad(cells[i], c.width))
		}
	}
	return b.String()
}

func padLeft(s string, w int) string {
	s = theme.Truncate(s, w)
	if n := w - ansiWidth(s); n > 0 {
		return strings.Repeat(" ", n) + s
	}
	return s
}
