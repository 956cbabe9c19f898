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
// invalid UTF-8 becomes U+FFFD. A single line break the user wrote inside
// a paragraph becomes a hard line break (two spaces before it), so a
// renderer keeps the lines as written instead of joining them; lines in a
// fenced or indented code block are left as they are. It returns "" when md
// has nothing but white space.
func quote(md string) string {
	md = userMarkdown(md)
	if md == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(len(md) + 16)
	lines := strings.Split(md, "\n")
	var fence string // the open fence's marker, "" outside one
	prevBlank := true
	for i, line := range lines {
		line = expandIndent(line)
		if strings.TrimSpace(line) == "" {
			b.WriteString(">\n")
			prevBlank = true
			continue
		}
		b.WriteString("> ")
		b.WriteString(line)
		code := fence != ""
		if f := fenceMarker(line); f != "" {
			switch {
			case fence == "":
				fence, code = f, true
			case strings.HasPrefix(f, fence) && strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(line), f[:1])) == "":
				fence, code = "", true
			}
		}
		indented := prevBlank && strings.HasPrefix(line, "    ")
		next := i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != ""
		if next && !code && !indented && !startsBlock(line) && !startsBlock(lines[i+1]) &&
			!strings.HasSuffix(line, "  ") && !strings.HasSuffix(line, "\\") {
			// The user's single line break is a line break for the
			// reader too: a hard break (two spaces) where a renderer
			// would otherwise join the lines into one.
			b.WriteString("  ")
		}
		b.WriteByte('\n')
		prevBlank = false
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// startsBlock reports whether line opens a block of its own or ends a
// setext heading — a heading, list item, quote, fence, HTML block, table
// row or thematic break — so that no hard break is needed before or after
// it.
func startsBlock(line string) bool {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || t == "" {
		return false
	}
	switch t[0] {
	case '#', '>', '<', '|', '=', '`', '~':
		return true
	case '-', '*', '+':
		return len(t) == 1 || t[1] == ' ' || t[1] == '\t' || t[1] == t[0]
	}
	n := len(t) - len(strings.TrimLeft(t, "0123456789"))
	return n > 0 && n < 10 && n < len(t) && (t[n] == '.' || t[n] == ')')
}

// fenceMarker returns the run of ` or ~ that opens line as a code fence
// (three or more, after at most three spaces), or "".
func fenceMarker(line string) string {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || len(t) < 3 || (t[0] != '`' && t[0] != '~') {
		return ""
	}
	n := len(t) - len(strings.TrimLeft(t, t[:1]))
	if n < 3 {
		return ""
	}
	return t[:n]
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
