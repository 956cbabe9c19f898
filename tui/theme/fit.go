package theme

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Fits reports whether s is exactly h lines of exactly w cells each, with
// no tab or carriage return: what a screen's View promises, and what the
// root would otherwise cut and pad it to. It measures a line of plain ASCII
// and escape sequences by counting its bytes, without the grapheme
// segmentation that measuring any text needs (over every line of every
// frame, that was most of the work of a keypress).
func Fits(s string, w, h int) bool {
	if strings.Count(s, "\n") != h-1 || strings.ContainsAny(s, "\t\r") {
		return false
	}
	for line := range strings.SplitSeq(s, "\n") {
		if Width(line) != w {
			return false
		}
	}
	return true
}

// Width is the cells s takes on a terminal (as lipgloss.Width, for one
// line): counted byte by byte when s is ASCII text and escape sequences,
// measured in full otherwise.
func Width(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			return ansi.StringWidth(s)
		case c == 0x1b:
			end, ok := escapeEnd(s, i)
			if !ok {
				return ansi.StringWidth(s)
			}
			i = end
		case c < 0x20 || c == 0x7f:
			// Other control characters take no cell.
		default:
			n++
		}
	}
	return n
}

// escapeEnd returns the index of the last byte of the CSI sequence (ESC [
// … final byte) or the OSC sequence (ESC ] … BEL or ESC \) that starts at
// s[i]; ok is false for any other sequence, or one not ended.
func escapeEnd(s string, i int) (end int, ok bool) {
	if i+1 >= len(s) {
		return 0, false
	}
	switch s[i+1] {
	case '[':
		for j := i + 2; j < len(s); j++ {
			if c := s[j]; c >= 0x40 && c <= 0x7e {
				return j, true
			} else if c < 0x20 || c > 0x7e {
				return 0, false
			}
		}
	case ']':
		for j := i + 2; j < len(s); j++ {
			switch s[j] {
			case 0x07:
				return j, true
			case 0x1b:
				if j+1 < len(s) && s[j+1] == '\\' {
					return j + 1, true
				}
				return 0, false
			}
		}
	}
	return 0, false
}
