package cadence

import (
	"strings"
	"unicode/utf8"
)

// Visible returns s safe to print on a terminal: every control character
// that a terminal would act on (C0 codes such as ESC and BEL, DEL, the C1
// codes U+0080–U+009F) becomes a visible symbol — ESC is shown as ␛, BEL as
// ␇ — and bytes that are not UTF-8 become U+FFFD. Line feeds and tabs are
// kept (multi-line panes lay them out), and a carriage return before a line
// feed is dropped. Text from the data (names, notes, CSV cells) goes through
// it, or through VisibleLine, on every way to a terminal; the markdown,
// iCalendar and JSON writers keep the text as it was and escape it for
// their own format instead.
//
// Plain text, the usual case, is returned as it is, without allocating.
func Visible(s string) string { return visible(s, false) }

// VisibleLine is Visible for a cell or row that must stay one line: line
// feeds and tabs become spaces too.
func VisibleLine(s string) string { return visible(s, true) }

func visible(s string, oneLine bool) string {
	if plain(s, oneLine) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteRune(utf8.RuneError)
		case r == '\r' && i+1 < len(s) && s[i+1] == '\n':
			// CRLF is a line end: the LF alone says so.
		case (r == '\n' || r == '\t') && oneLine:
			b.WriteByte(' ')
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r < 0x20:
			b.WriteRune(0x2400 + r) // U+2400 CONTROL PICTURES: ␀ … ␟
		case r == 0x7f:
			b.WriteRune('␡')
		case r >= 0x80 && r < 0xa0:
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// plain reports whether s has nothing for visible to change.
func plain(s string, oneLine bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x20 && c < 0x7f:
		case c == '\n' || c == '\t':
			if oneLine {
				return false
			}
		case c >= 0x80:
			// Multi-byte: C1 codes are U+0080–U+009F (0xC2 0x80–0x9F), and
			// invalid UTF-8 must be checked rune by rune.
			if c == 0xc2 && i+1 < len(s) && s[i+1] < 0xa0 {
				return false
			}
			if !utf8.ValidString(s[i:]) {
				return false
			}
			return plainFrom(s[i:], oneLine)
		default:
			return false
		}
	}
	return true
}

// plainFrom is plain for valid UTF-8 that has non-ASCII runes.
func plainFrom(s string, oneLine bool) bool {
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t':
			if oneLine {
				return false
			}
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
			return false
		}
	}
	return true
}
