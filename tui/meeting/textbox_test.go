package meeting

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/google/go-cmp/cmp"
)

func TestWrapRunes(t *testing.T) {
	for _, c := range []struct {
		line string
		w    int
		want []string
	}{
		{"", 10, []string{""}},
		{"short", 10, []string{"short"}},
		{"one two three", 8, []string{"one two ", "three"}},
		// The space at the edge hangs on the row.
		{"abcd efgh", 4, []string{"abcd ", "efgh", ""}},
		{"abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		// A row filled to the edge gets an empty row for the cursor.
		{"abcd", 4, []string{"abcd", ""}},
		{"日本語です", 4, []string{"日本", "語で", "す"}},
	} {
		rs := []rune(c.line)
		var got []string
		for _, s := range wrapRunes(rs, c.w) {
			got = append(got, string(rs[s.start:s.end]))
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("wrap %q at %d (-want +got):\n%s", c.line, c.w, diff)
		}
	}
}

// box returns a focused box of w×h holding text, the cursor at its end.
func box(text string, w, h int) *textBox {
	b := newTextBox("Nothing yet.")
	b.SetWidth(w)
	b.SetHeight(h)
	b.SetValue(text)
	b.Focus()
	return &b
}

// textKey is the key press named like "ctrl+w", "alt+b", "delete".
func textKey(name string) tea.KeyPressMsg {
	var mod tea.KeyMod
	for {
		switch {
		case strings.HasPrefix(name, "ctrl+"):
			mod |= tea.ModCtrl
			name = name[len("ctrl+"):]
			continue
		case strings.HasPrefix(name, "alt+"):
			mod |= tea.ModAlt
			name = name[len("alt+"):]
			continue
		}
		break
	}
	named := map[string]rune{
		"enter": tea.KeyEnter, "up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft,
		"right": tea.KeyRight, "backspace": tea.KeyBackspace, "delete": tea.KeyDelete,
		"home": tea.KeyHome, "end": tea.KeyEnd, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
	}
	code, ok := named[name]
	if !ok {
		code = []rune(name)[0]
	}
	k := tea.KeyPressMsg{Code: code, Mod: mod}
	if !ok && mod == 0 {
		k.Text = name
	}
	return k
}

func (b *textBox) press(t *testing.T, keys ...string) {
	t.Helper()
	for _, k := range keys {
		msg := textKey(k)
		if got := msg.String(); got != k {
			t.Fatalf("key %q reads as %q", k, got)
		}
		b.update(msg)
	}
}

func (b *textBox) typeText(s string) {
	for _, r := range s {
		b.update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func TestTextBoxEdits(t *testing.T) {
	for _, c := range []struct {
		name  string
		text  string
		keys  []string
		typed string
		want  string
	}{
		{"type at the end", "ab", nil, "c", "abc"},
		{"enter splits the line", "abcd", []string{"left", "left", "enter"}, "", "ab\ncd"},
		{"backspace at a line's start joins it to the one above", "ab\ncd", []string{"home", "backspace"}, "", "abcd"},
		{"delete at a line's end joins the one below", "ab\ncd", []string{"up", "end", "delete"}, "", "abcd"},
		{"ctrl+w deletes the word before", "one two three", []string{"ctrl+w"}, "", "one two "},
		{"alt+d deletes the word after", "one two three", []string{"home", "alt+d"}, "", " two three"},
		{"ctrl+k deletes to the line's end", "one two\nthree", []string{"up", "home", "alt+f", "ctrl+k"}, "", "one\nthree"},
		{"ctrl+u deletes to the line's start", "one two", []string{"alt+b", "ctrl+u"}, "", "two"},
		{"word back and type", "one two", []string{"alt+b"}, "new ", "one new two"},
		{"top of the text", "one\ntwo", []string{"ctrl+home"}, "0", "0one\ntwo"},
		{"up keeps the column", "abcdef\nxy\nabcdef", []string{"left", "left", "up", "up"}, "_", "abcd_ef\nxy\nabcdef"},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := box(c.text, 40, 5)
			b.press(t, c.keys...)
			b.typeText(c.typed)
			if got := b.Value(); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

// TestTextBoxPaste: a paste is inserted at the cursor as lines; its line
// endings become lines, a tab spaces, and an escape never gets in.
func TestTextBoxPaste(t *testing.T) {
	b := box("before after", 40, 5)
	b.press(t, "alt+b")
	if !b.update(tea.PasteMsg{Content: "one\r\ntwo\tx\x1b[31m\nthree "}) {
		t.Fatal("a paste reported no change")
	}
	if got, want := b.Value(), "before one\ntwo    x[31m\nthree after"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if b.Line() != 2 {
		t.Errorf("cursor on line %d, want 2", b.Line())
	}
	rev := b.rev
	if b.update(textKey("left")) || b.rev != rev {
		t.Error("moving the cursor counted as a change")
	}
}

// TestTextBoxRows: the box draws exactly its size, wraps at words, moves
// down through wrapped rows, and scrolls to keep the cursor in view.
func TestTextBoxRows(t *testing.T) {
	b := box("alpha beta gamma delta\nsecond\nthird\nfourth", 12, 3)
	b.setLine(0)
	rows := func() []string {
		var out []string
		for _, r := range b.rows() {
			if w := ansi.StringWidth(r); w != 12 {
				t.Errorf("row %q is %d wide", ansi.Strip(r), w)
			}
			out = append(out, strings.TrimRight(ansi.Strip(r), " "))
		}
		return out
	}
	if diff := cmp.Diff([]string{"alpha beta", "gamma delta", "second"}, rows()); diff != "" {
		t.Errorf("top (-want +got):\n%s", diff)
	}
	b.press(t, "down", "down", "down", "down")
	if diff := cmp.Diff([]string{"second", "third", "fourth"}, rows()); diff != "" {
		t.Errorf("after scrolling down (-want +got):\n%s", diff)
	}
	b.press(t, "ctrl+home")
	b.typeText("x")
	if diff := cmp.Diff([]string{"xalpha beta", "gamma delta", "second"}, rows()); diff != "" {
		t.Errorf("after typing at the top (-want +got):\n%s", diff)
	}
	// The cursor's cell is drawn reversed; nothing else is styled.
	if got := b.rows()[0]; !strings.Contains(got, "\x1b[7m") || strings.Count(got, "\x1b[") != 2 {
		t.Errorf("cursor row %q", got)
	}
}

func TestTextBoxPlaceholder(t *testing.T) {
	b := box("", 20, 3)
	b.Blur()
	got := ansi.Strip(strings.Join(b.rows(), "\n"))
	if want := "Nothing yet.        \n                    \n                    "; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// A blurred box takes no keys.
	if b.update(tea.KeyPressMsg{Code: 'a', Text: "a"}) || b.Value() != "" {
		t.Error("a blurred box took a key")
	}
}
