package theme

import (
	"slices"
	"strings"

	"charm.land/lipgloss/v2"
)

// Column is one column of a table: its title, its least width, how it grows
// (its cap in each round of handing out spare width: 0 takes all that is
// left, -1 sits the round out), whether it is right-aligned, and its
// priority when the width is too small for every column (0 is dropped
// last). Width is set by Layout.
type Column struct {
	Title string
	Min   int
	Grow  []int
	Right bool
	Prio  int
	Width int
}

// Layout fits cols into width: the least important columns are dropped
// until the rest fit, and spare width goes to the growing columns, round by
// round. Dropped columns get width 0 and render as nothing.
func Layout(cols []Column, width int) []Column {
	cols = slices.Clone(cols)
	for i := range cols {
		cols[i].Width = cols[i].Min
	}
	// Drop the least important column while the rest do not fit.
	for ColumnsWidth(cols) > width {
		worst := -1
		for i, c := range cols {
			if c.Width > 0 && (worst < 0 || c.Prio > cols[worst].Prio) {
				worst = i
			}
		}
		if worst < 0 || cols[worst].Prio == 0 {
			// Only the first column is left: squeeze it.
			if worst >= 0 {
				cols[worst].Width = max(width, 0)
			}
			break
		}
		cols[worst].Width = 0
	}
	spare := width - ColumnsWidth(cols)
	for round := 0; spare > 0; round++ {
		more := false
		for i, c := range cols {
			if c.Width == 0 || round >= len(c.Grow) {
				continue
			}
			more = true
			add := spare
			switch capW := c.Grow[round]; {
			case capW < 0:
				continue
			case capW > 0:
				add = min(spare, max(capW-c.Width, 0))
			}
			cols[i].Width += add
			spare -= add
		}
		if !more {
			break
		}
	}
	return cols
}

// ColumnsWidth is the width RenderCells fills with cols: the shown columns
// and one space between each two.
func ColumnsWidth(cols []Column) int {
	n, seps := 0, -1
	for _, c := range cols {
		if c.Width > 0 {
			n += c.Width
			seps++
		}
	}
	return n + max(seps, 0)
}

// RenderCells pads each cell to its column and joins them with one space.
func RenderCells(cols []Column, cells []string) string {
	var b strings.Builder
	first := true
	for i, c := range cols {
		if c.Width == 0 {
			continue
		}
		if !first {
			b.WriteByte(' ')
		}
		first = false
		if c.Right {
			b.WriteString(PadLeft(cells[i], c.Width))
		} else {
			b.WriteString(Pad(cells[i], c.Width))
		}
	}
	return b.String()
}

// PadLeft cuts or pads s on the left to exactly w cells (right-aligns it).
func PadLeft(s string, w int) string {
	s = Truncate(s, w)
	if n := w - lipgloss.Width(s); n > 0 {
		return strings.Repeat(" ", n) + s
	}
	return s
}

// Frame cuts or pads lines to exactly w cells and h lines: a screen's body.
func Frame(lines []string, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	var b strings.Builder
	for i := range h {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i < len(lines) {
			b.WriteString(Pad(lines[i], w))
		} else {
			b.WriteString(strings.Repeat(" ", w))
		}
	}
	return b.String()
}
