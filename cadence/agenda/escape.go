package agenda

import (
	"strings"
	"unicode/utf8"
)

// inline returns s as markdown inline text (a heading, a list item, a
// table cell, a run of text in a paragraph) that a CommonMark or GFM parser
// reads back as exactly s, but for these rules (see the package doc):
//
//   - a line break (LF, CR or CRLF), and every other ASCII control character
//     but the tab, becomes one space: inline text is one line;
//   - leading and trailing spaces and tabs are dropped (a parser would drop
//     them anyway);
//   - invalid UTF-8 becomes U+FFFD.
//
// What could be markdown is escaped with a backslash, which CommonMark allows
// before any ASCII punctuation character: everywhere \ ` * _ ~ [ ] < | #, an
// & that starts an entity reference (&amp; &#38;), and at the start a
// - + > = or the . or ) after leading digits when a space or the end
// follows ("1. ", a list, quote or heading marker when the text opens a
// list item; "0.5" stays as is). Everything else is left as
// written, so the markdown stays readable: "Acme, Inc." is written as is.
func inline(s string) string {
	if plain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	escapeInline(&b, s)
	return b.String()
}

// writeInline writes inline(s) to b.
func writeInline(b *strings.Builder, s string) {
	if plain(s) {
		b.WriteString(s)
		return
	}
	escapeInline(b, s)
}

// escapeInline writes inline(s) to b the long way, for any s.
func escapeInline(b *strings.Builder, s string) {
	s = inlineText(s)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\', '`', '*', '_', '~', '[', ']', '<', '|', '#':
			b.WriteByte('\\')
		case '&':
			if entityAt(s[i+1:]) {
				b.WriteByte('\\')
			}
		case '-', '+', '>', '=':
			if i == 0 {
				b.WriteByte('\\')
			}
		case '.', ')':
			if i > 0 && allDigits(s[:i]) && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\t') {
				b.WriteByte('\\')
			}
		}
		b.WriteByte(c)
	}
}

// plain reports whether inline(s) is s itself: printable ASCII with no
// character that could be markdown, no white space at either end, and a
// first character that cannot open a block (most names, dates and
// amounts).
func plain(s string) bool {
	if s == "" || s[len(s)-1] == ' ' {
		return false
	}
	switch c := s[0]; {
	case c == ' ' || c == '-' || c == '+' || c == '>' || c == '=' || ('0' <= c && c <= '9'):
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f || markdownByte[c] {
			return false
		}
	}
	return true
}

// markdownByte marks the bytes inline escapes wherever they are.
var markdownByte = [128]bool{'\\': true, '`': true, '*': true, '_': true, '~': true, '[': true, ']': true, '<': true, '|': true, '#': true, '&': true}

// inlineText is the text inline(s) renders as: what a reader sees.
func inlineText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if strings.IndexFunc(s, isControl) >= 0 {
		s = strings.Map(func(r rune) rune {
			if isControl(r) {
				return ' '
			}
			return r
		}, s)
	}
	return strings.Trim(s, " \t")
}

// isControl reports whether r is an ASCII control character other than the
// tab: inline text has no place for it.
func isControl(r rune) bool { return (r < 0x20 && r != '\t') || r == 0x7f }

// entityAt reports whether s (the text after an &) makes an entity or
// numeric character reference: a run of letters, digits and # ending in ;.
func entityAt(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ';':
			return i > 0
		case c == '#' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		default:
			return false
		}
	}
	return false
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// quote returns the user's own markdown (talking points, notes) as a block
// quote: every line prefixed with "> ", or ">" when blank. A block quote is
// a CommonMark container: whatever is written inside it — a "# " heading, an
// unclosed ``` fence or <pre>, a list — ends with it, so it can never become
// one of the agenda's own sections or swallow the ones after it. Line ends
// are normalised to LF, blank lines at either end are dropped, tabs in a
// line's indentation are expanded to the next multiple of four columns (so
// that indentation means inside the quote what it meant outside), and
// invalid UTF-8 becomes U+FFFD. It returns "" when md has nothing but
// white space.
func quote(md string) string {
	md = userMarkdown(md)
	if md == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(len(md) + 16)
	for line := range strings.SplitSeq(md, "\n") {
		line = expandIndent(line)
		if strings.TrimSpace(line) == "" {
			b.WriteString(">\n")
			continue
		}
		b.WriteString("> ")
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// userMarkdown normalises the user's markdown: valid UTF-8, LF line ends,
// no blank lines at either end. It is "" when md is blank.
func userMarkdown(md string) string {
	if !utf8.ValidString(md) {
		md = strings.ToValidUTF8(md, "\uFFFD")
	}
	md = strings.ReplaceAll(md, "\r\n", "\n")
	md = strings.ReplaceAll(md, "\r", "\n")
	lines := strings.Split(md, "\n")
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	return strings.Join(lines, "\n")
}

// expandIndent replaces the tabs in line's leading white space with spaces
// up to the next multiple of four columns, as CommonMark reads them.
func expandIndent(line string) string {
	if !strings.Contains(line, "\t") {
		return line
	}
	var b strings.Builder
	col := 0
	i := 0
	for ; i < len(line); i++ {
		switch line[i] {
		case ' ':
			b.WriteByte(' ')
			col++
		case '\t':
			n := 4 - col%4
			b.WriteString(strings.Repeat(" ", n))
			col += n
		default:
			b.WriteString(line[i:])
			return b.String()
		}
	}
	return b.String()
}
