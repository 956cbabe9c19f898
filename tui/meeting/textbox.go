package meeting

import (
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// textBox edits talking points and notes: lines of text with a cursor,
// soft-wrapped at word boundaries to the box's width, shown a box-full of
// rows at a time.
//
// It stands in for bubbles' textarea, which draws its whole content on
// every key, in Update and again in View (2 ms a key at 20 lines, 7 ms at
// 120). A textBox wraps a line once after it changes and keeps the rows it
// drew; a key redraws only the cursor's row and joins the rows on screen,
// so its cost does not grow with the text (BenchmarkTyping200).
//
// The keys are those of bubbles' textarea and readline (textKeyMap) less
// selection and the OS clipboard: a terminal's own paste arrives as a
// tea.PasteMsg and is inserted.
type textBox struct {
	keys        textKeyMap
	placeholder string

	lines [][]rune
	// wraps holds each line's rows as wrapped and drawn at width; an entry
	// is nil when its line changed since.
	wraps         []*wrapped
	row, col      int // the cursor: a line, and a rune within it
	goal          int // the cell kept while moving up and down; -1 when none
	top           int // the first row shown
	width, height int
	focused       bool
	cursor        lipgloss.Style
	muted         lipgloss.Style
	// rev counts changes to the text: a key that leaves it alone leaves
	// rev alone.
	rev int
}

// wrapped is one line cut into rows.
type wrapped struct {
	segs  []segment
	drawn []string // each row as plain text padded to the width; "" until drawn
}

// segment is one row of a line: the runes [start, end).
type segment struct{ start, end int }

// textKeyMap is the keys of a textBox.
type textKeyMap struct {
	CharacterForward, CharacterBackward   key.Binding
	WordForward, WordBackward             key.Binding
	LineNext, LinePrevious                key.Binding
	LineStart, LineEnd                    key.Binding
	InputBegin, InputEnd                  key.Binding
	PageUp, PageDown                      key.Binding
	InsertNewline                         key.Binding
	DeleteCharacterBackward               key.Binding
	DeleteCharacterForward                key.Binding
	DeleteWordBackward, DeleteWordForward key.Binding
	DeleteBeforeCursor, DeleteAfterCursor key.Binding
}

// defaultTextKeyMap returns the keys bubbles' textarea binds to the same
// moves.
func defaultTextKeyMap() textKeyMap {
	b := func(keys ...string) key.Binding { return key.NewBinding(key.WithKeys(keys...)) }
	return textKeyMap{
		CharacterForward:        b("right", "ctrl+f"),
		CharacterBackward:       b("left", "ctrl+b"),
		WordForward:             b("alt+right", "ctrl+right", "alt+f"),
		WordBackward:            b("alt+left", "ctrl+left", "alt+b"),
		LineNext:                b("down", "ctrl+n"),
		LinePrevious:            b("up", "ctrl+p"),
		LineStart:               b("home", "ctrl+a"),
		LineEnd:                 b("end", "ctrl+e"),
		InputBegin:              b("alt+<", "ctrl+home"),
		InputEnd:                b("alt+>", "ctrl+end"),
		PageUp:                  b("pgup"),
		PageDown:                b("pgdown"),
		InsertNewline:           b("enter", "ctrl+m"),
		DeleteCharacterBackward: b("backspace", "ctrl+h"),
		DeleteCharacterForward:  b("delete", "ctrl+d"),
		DeleteWordBackward:      b("alt+backspace", "ctrl+w", "ctrl+backspace"),
		DeleteWordForward:       b("alt+delete", "alt+d", "ctrl+delete"),
		DeleteBeforeCursor:      b("ctrl+u"),
		DeleteAfterCursor:       b("ctrl+k"),
	}
}

// newTextBox returns an empty textBox showing placeholder while empty.
func newTextBox(placeholder string) textBox {
	return textBox{
		keys: defaultTextKeyMap(), placeholder: placeholder,
		lines: [][]rune{{}}, wraps: []*wrapped{nil}, goal: -1, width: 1, height: 1,
		cursor: lipgloss.NewStyle().Reverse(true),
	}
}

// setStyles sets the placeholder's style.
func (b *textBox) setStyles(muted lipgloss.Style) { b.muted = muted }

// Value returns the text, lines joined by "\n".
func (b *textBox) Value() string {
	n := len(b.lines) - 1
	for _, l := range b.lines {
		n += len(l)
	}
	var sb strings.Builder
	sb.Grow(n)
	for i, l := range b.lines {
		if i > 0 {
			sb.WriteByte('\n')
		}
		for _, r := range l {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// SetValue replaces the text with s (as given: s is not sanitized) and puts
// the cursor at its end.
func (b *textBox) SetValue(s string) {
	parts := strings.Split(s, "\n")
	b.lines = make([][]rune, len(parts))
	for i, p := range parts {
		b.lines[i] = []rune(p)
	}
	b.wraps = make([]*wrapped, len(b.lines))
	b.row = len(b.lines) - 1
	b.col = len(b.lines[b.row])
	b.goal = -1
	b.rev++
	b.follow()
}

// Line is the cursor's line; LineCount the number of lines.
func (b *textBox) Line() int { return b.row }

// LineCount returns the number of lines.
func (b *textBox) LineCount() int { return len(b.lines) }

// setLine puts the cursor at the start of line n (clamped).
func (b *textBox) setLine(n int) {
	b.row, b.col, b.goal = max(min(n, len(b.lines)-1), 0), 0, -1
	b.follow()
}

// Focus and Blur give the keyboard to the box and take it back; only a
// focused box shows its cursor and takes keys.
func (b *textBox) Focus() { b.focused = true }

// Blur takes the keyboard from the box.
func (b *textBox) Blur() { b.focused = false }

// Width and Height are the box's size in cells.
func (b *textBox) Width() int { return b.width }

// Height returns the box's height in rows.
func (b *textBox) Height() int { return b.height }

// SetWidth sets the width, wrapping the text again.
func (b *textBox) SetWidth(w int) {
	w = max(w, 1)
	if w == b.width {
		return
	}
	b.width = w
	clear(b.wraps)
	b.follow()
}

// SetHeight sets the number of rows shown.
func (b *textBox) SetHeight(h int) {
	b.height = max(h, 1)
	b.follow()
}

// CursorUp and CursorDown move the cursor one row, keeping its column.
func (b *textBox) CursorUp() { b.vertical(-1) }

// CursorDown moves the cursor one row down.
func (b *textBox) CursorDown() { b.vertical(1) }

// update handles a key or a paste when the box has the keyboard, and
// reports whether the text changed.
func (b *textBox) update(msg tea.Msg) bool {
	if !b.focused {
		return false
	}
	rev := b.rev
	switch msg := msg.(type) {
	case tea.PasteMsg:
		b.insert(msg.Content)
	case tea.KeyPressMsg:
		b.key(msg)
	}
	b.follow()
	return b.rev != rev
}

func (b *textBox) key(msg tea.KeyPressMsg) {
	k := b.keys
	if !key.Matches(msg, k.LineNext, k.LinePrevious, k.PageUp, k.PageDown) {
		b.goal = -1
	}
	line := b.lines[b.row]
	switch {
	case key.Matches(msg, k.CharacterForward):
		if b.col < len(line) {
			b.col++
		} else if b.row < len(b.lines)-1 {
			b.row, b.col = b.row+1, 0
		}
	case key.Matches(msg, k.CharacterBackward):
		if b.col > 0 {
			b.col--
		} else if b.row > 0 {
			b.row--
			b.col = len(b.lines[b.row])
		}
	case key.Matches(msg, k.WordForward):
		b.row, b.col = b.wordRight()
	case key.Matches(msg, k.WordBackward):
		b.row, b.col = b.wordLeft()
	case key.Matches(msg, k.LineNext):
		b.vertical(1)
	case key.Matches(msg, k.LinePrevious):
		b.vertical(-1)
	case key.Matches(msg, k.PageDown):
		b.vertical(b.height)
	case key.Matches(msg, k.PageUp):
		b.vertical(-b.height)
	case key.Matches(msg, k.LineStart):
		b.col = 0
	case key.Matches(msg, k.LineEnd):
		b.col = len(line)
	case key.Matches(msg, k.InputBegin):
		b.row, b.col = 0, 0
	case key.Matches(msg, k.InputEnd):
		b.row = len(b.lines) - 1
		b.col = len(b.lines[b.row])
	case key.Matches(msg, k.InsertNewline):
		b.insert("\n")
	case key.Matches(msg, k.DeleteCharacterBackward):
		if b.col > 0 {
			b.deleteTo(b.row, b.col-1)
		} else if b.row > 0 {
			b.deleteTo(b.row-1, len(b.lines[b.row-1]))
		}
	case key.Matches(msg, k.DeleteCharacterForward):
		if b.col < len(line) {
			b.deleteTo(b.row, b.col+1)
		} else if b.row < len(b.lines)-1 {
			b.deleteTo(b.row+1, 0)
		}
	case key.Matches(msg, k.DeleteWordBackward):
		b.deleteTo(b.wordLeft())
	case key.Matches(msg, k.DeleteWordForward):
		b.deleteTo(b.wordRight())
	case key.Matches(msg, k.DeleteBeforeCursor):
		if b.col > 0 {
			b.deleteTo(b.row, 0)
		} else if b.row > 0 {
			b.deleteTo(b.row-1, len(b.lines[b.row-1]))
		}
	case key.Matches(msg, k.DeleteAfterCursor):
		if b.col < len(line) {
			b.deleteTo(b.row, len(line))
		} else if b.row < len(b.lines)-1 {
			b.deleteTo(b.row+1, 0)
		}
	default:
		if msg.Text != "" && msg.Mod&(tea.ModCtrl|tea.ModAlt) == 0 {
			b.insert(msg.Text)
		}
	}
}

// sanitize makes typed or pasted text fit a line-based text: line endings
// become "\n", a tab four spaces, and other control characters go (a
// terminal must never get them back).
func sanitize(s string) []rune {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	out := make([]rune, 0, len(s))
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r':
			out = append(out, '\n')
		case r == '\t':
			out = append(out, ' ', ' ', ' ', ' ')
		case unicode.IsControl(r) || r == unicode.ReplacementChar:
		default:
			out = append(out, r)
		}
	}
	return out
}

// insert puts s at the cursor and moves the cursor past it.
func (b *textBox) insert(s string) {
	rs := sanitize(s)
	if len(rs) == 0 {
		return
	}
	line := b.lines[b.row]
	tail := append([]rune(nil), line[b.col:]...)
	parts := [][]rune{}
	start := 0
	for i, r := range rs {
		if r == '\n' {
			parts = append(parts, rs[start:i])
			start = i + 1
		}
	}
	parts = append(parts, rs[start:])
	first := append(line[:b.col:b.col], parts[0]...)
	if len(parts) == 1 {
		b.lines[b.row] = append(first, tail...)
		b.wraps[b.row] = nil
		b.col += len(parts[0])
		b.rev++
		return
	}
	added := make([][]rune, 0, len(parts)-1)
	for _, p := range parts[1 : len(parts)-1] {
		added = append(added, append([]rune(nil), p...))
	}
	last := parts[len(parts)-1]
	added = append(added, append(append(make([]rune, 0, len(last)+len(tail)), last...), tail...))
	b.lines[b.row] = first
	b.wraps[b.row] = nil
	b.lines = insertAt(b.lines, b.row+1, added)
	b.wraps = insertAt(b.wraps, b.row+1, make([]*wrapped, len(added)))
	b.row += len(added)
	b.col = len(last)
	b.rev++
}

// insertAt returns s with items inserted before index i.
func insertAt[T any](s []T, i int, items []T) []T {
	out := make([]T, 0, len(s)+len(items))
	out = append(out, s[:i]...)
	out = append(out, items...)
	return append(out, s[i:]...)
}

// deleteTo deletes the text between the cursor and (row, col), either side
// of it, and leaves the cursor where the deleted text began.
func (b *textBox) deleteTo(row, col int) {
	r0, c0, r1, c1 := b.row, b.col, row, col
	if r1 < r0 || (r1 == r0 && c1 < c0) {
		r0, c0, r1, c1 = r1, c1, r0, c0
	}
	if r0 == r1 && c0 == c1 {
		return
	}
	joined := append(append(make([]rune, 0, c0+len(b.lines[r1])-c1), b.lines[r0][:c0]...), b.lines[r1][c1:]...)
	b.lines[r0] = joined
	b.wraps[r0] = nil
	if r1 > r0 {
		b.lines = append(b.lines[:r0+1], b.lines[r1+1:]...)
		b.wraps = append(b.wraps[:r0+1], b.wraps[r1+1:]...)
	}
	b.row, b.col = r0, c0
	b.rev++
}

// wordLeft is where the cursor goes a word back: to the start of the word
// before it, or the end of the line above from a line's start.
func (b *textBox) wordLeft() (int, int) {
	if b.col == 0 {
		if b.row == 0 {
			return 0, 0
		}
		return b.row - 1, len(b.lines[b.row-1])
	}
	l, c := b.lines[b.row], b.col
	for c > 0 && unicode.IsSpace(l[c-1]) {
		c--
	}
	for c > 0 && !unicode.IsSpace(l[c-1]) {
		c--
	}
	return b.row, c
}

// wordRight is where the cursor goes a word on: past the end of the next
// word, or the start of the next line from a line's end.
func (b *textBox) wordRight() (int, int) {
	l, c := b.lines[b.row], b.col
	if c == len(l) {
		if b.row == len(b.lines)-1 {
			return b.row, c
		}
		return b.row + 1, 0
	}
	for c < len(l) && unicode.IsSpace(l[c]) {
		c++
	}
	for c < len(l) && !unicode.IsSpace(l[c]) {
		c++
	}
	return b.row, c
}

// wrap returns line i as wrapped at the width.
func (b *textBox) wrap(i int) *wrapped {
	if w := b.wraps[i]; w != nil {
		return w
	}
	segs := wrapRunes(b.lines[i], b.width)
	w := &wrapped{segs: segs, drawn: make([]string, len(segs))}
	b.wraps[i] = w
	return w
}

// wrapRunes cuts a line into rows of at most w cells, after a space where
// there is one: a space that reaches past the edge hangs there (it is not
// shown), a word longer than a row is cut. A line that fills its last row
// gets an empty row after it, where the cursor goes at its end.
func wrapRunes(line []rune, w int) []segment {
	var segs []segment
	start, cells, afterSpace := 0, 0, -1
	for i, r := range line {
		rw := runeCells(r)
		if cells+rw > w && i > start {
			if r == ' ' {
				segs = append(segs, segment{start, i + 1})
				start, cells, afterSpace = i+1, 0, -1
				continue
			}
			end := i
			if afterSpace > start {
				end = afterSpace
			}
			segs = append(segs, segment{start, end})
			start, cells, afterSpace = end, cellsOf(line[end:i]), -1
		}
		cells += rw
		if r == ' ' {
			afterSpace = i + 1
		}
	}
	segs = append(segs, segment{start, len(line)})
	if cells >= w && len(line) > start {
		segs = append(segs, segment{len(line), len(line)})
	}
	return segs
}

// runeCells is how many cells r takes on a terminal.
func runeCells(r rune) int {
	if r < 0x80 {
		return 1
	}
	return ansi.StringWidth(string(r))
}

func cellsOf(rs []rune) int {
	n := 0
	for _, r := range rs {
		n += runeCells(r)
	}
	return n
}

// cursorSeg is the row of the cursor's line that holds the cursor.
func (b *textBox) cursorSeg() int {
	segs := b.wrap(b.row).segs
	k := 0
	for k+1 < len(segs) && segs[k+1].start <= b.col {
		k++
	}
	return k
}

// visualRow is the cursor's row counted from the top of the text.
func (b *textBox) visualRow() int {
	n := 0
	for i := range b.row {
		n += len(b.wrap(i).segs)
	}
	return n + b.cursorSeg()
}

// vertical moves the cursor by rows, keeping the cell it was in.
func (b *textBox) vertical(by int) {
	k := b.cursorSeg()
	seg := b.wrap(b.row).segs[k]
	if b.goal < 0 {
		b.goal = cellsOf(b.lines[b.row][seg.start:b.col])
	}
	row := b.row
	for ; by > 0; by-- {
		if k+1 < len(b.wrap(row).segs) {
			k++
		} else if row+1 < len(b.lines) {
			row, k = row+1, 0
		} else {
			break
		}
	}
	for ; by < 0; by++ {
		if k > 0 {
			k--
		} else if row > 0 {
			row--
			k = len(b.wrap(row).segs) - 1
		} else {
			break
		}
	}
	segs := b.wrap(row).segs
	seg = segs[k]
	line := b.lines[row]
	col, cells := seg.start, 0
	for col < seg.end {
		rw := runeCells(line[col])
		if cells+rw > b.goal {
			break
		}
		cells += rw
		col++
	}
	if k+1 < len(segs) && col == seg.end && col > seg.start {
		col-- // seg.end is the next row's start
	}
	b.row, b.col = row, col
}

// follow scrolls so that the cursor's row shows.
func (b *textBox) follow() {
	r := b.visualRow()
	if r < b.top {
		b.top = r
	}
	if r >= b.top+b.height {
		b.top = r - b.height + 1
	}
	total := 0
	for i := range b.lines {
		total += len(b.wrap(i).segs)
	}
	b.top = max(min(b.top, total-b.height), 0)
}

// rows draws the box: height rows, each exactly width cells.
func (b *textBox) rows() []string {
	out := make([]string, 0, b.height)
	blank := strings.Repeat(" ", b.width)
	if len(b.lines) == 1 && len(b.lines[0]) == 0 && b.placeholder != "" {
		for i, seg := range wrapRunes([]rune(b.placeholder), b.width) {
			if i == b.height {
				break
			}
			text := string([]rune(b.placeholder)[seg.start:seg.end])
			if i == 0 && b.focused {
				first, rest := splitFirst(text)
				out = append(out, b.cursor.Render(first)+b.muted.Render(pad(rest, b.width-runeCells([]rune(first)[0]))))
				continue
			}
			out = append(out, b.muted.Render(pad(text, b.width)))
		}
		for len(out) < b.height {
			out = append(out, blank)
		}
		return out
	}
	// Find the line and row at the top.
	line, k, n := 0, 0, 0
	for line < len(b.lines) {
		segs := b.wrap(line).segs
		if n+len(segs) > b.top {
			k = b.top - n
			break
		}
		n += len(segs)
		line++
	}
	curSeg := b.cursorSeg()
	for len(out) < b.height && line < len(b.lines) {
		w := b.wrap(line)
		if b.focused && line == b.row && k == curSeg {
			out = append(out, b.drawCursorRow(w.segs[k]))
		} else {
			if w.drawn[k] == "" {
				seg := w.segs[k]
				w.drawn[k] = pad(string(b.lines[line][seg.start:seg.end]), b.width)
			}
			out = append(out, w.drawn[k])
		}
		if k++; k == len(w.segs) {
			line, k = line+1, 0
		}
	}
	for len(out) < b.height {
		out = append(out, blank)
	}
	return out
}

// drawCursorRow draws the row with the cursor, the cell under it reversed.
func (b *textBox) drawCursorRow(seg segment) string {
	l := b.lines[b.row]
	before := l[seg.start:b.col]
	at, after := " ", ""
	if b.col < seg.end {
		at = string(l[b.col])
		after = string(l[b.col+1 : seg.end])
	}
	cells := cellsOf(before)
	if cells >= b.width { // on a space hanging past the edge
		return pad(string(before), b.width-1) + b.cursor.Render(" ")
	}
	atW := ansi.StringWidth(at)
	return string(before) + b.cursor.Render(at) + pad(after, b.width-cells-atW)
}

// pad cuts or fills plain text s to exactly w cells.
func pad(s string, w int) string {
	if w <= 0 {
		return ""
	}
	n := ansi.StringWidth(s)
	if n > w {
		s = ansi.Truncate(s, w, "")
		n = ansi.StringWidth(s)
	}
	return s + strings.Repeat(" ", w-n)
}

// splitFirst returns the first rune of s and the rest.
func splitFirst(s string) (string, string) {
	for i := range s {
		if i > 0 {
			return s[:i], s[i:]
		}
	}
	return s, ""
}
