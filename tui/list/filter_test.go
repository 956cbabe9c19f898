package list

import (
	"testing"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// EditFilter, the one step of every screen's filter being typed: enter
// keeps it, esc empties it, the arrows move the list (j and k are text),
// any other key edits the text.
func TestEditFilter(t *testing.T) {
	keys := FilterKeys{
		Accept: key.NewBinding(key.WithKeys("enter")),
		Cancel: key.NewBinding(key.WithKeys("esc")),
		Up:     key.NewBinding(key.WithKeys("up")),
		Down:   key.NewBinding(key.WithKeys("down")),
	}
	letter := func(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Text: string(r)} }
	for _, tc := range []struct {
		name        string
		key         tea.KeyPressMsg
		edit        FilterEdit
		text        string
		cursor      int
		ended, kept bool
	}{
		{"a letter", letter('j'), FilterTyped, "abj", 1, false, true},
		{"enter", tea.KeyPressMsg{Code: tea.KeyEnter}, FilterKept, "ab", 1, true, false},
		{"esc", tea.KeyPressMsg{Code: tea.KeyEscape}, FilterDropped, "", 1, true, false},
		{"down", keyDown, FilterMoved, "ab", 2, false, true},
		{"up", keyUp, FilterMoved, "ab", 0, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := newList(numbered(5), 5)
			l.Select(1)
			in := textinput.New()
			in.Focus()
			in.SetValue("ab")
			edit, _ := EditFilter(tc.key, &in, &l, keys)
			if edit != tc.edit || in.Value() != tc.text || l.Cursor() != tc.cursor {
				t.Errorf("edit %v, text %q, cursor %d; want %v, %q, %d", edit, in.Value(), l.Cursor(), tc.edit, tc.text, tc.cursor)
			}
			if edit.Ended() != tc.ended || in.Focused() != tc.kept {
				t.Errorf("ended %v, focused %v; want %v, %v", edit.Ended(), in.Focused(), tc.ended, tc.kept)
			}
			if want := tc.edit == FilterTyped || tc.edit == FilterDropped; edit.Changed() != want {
				t.Errorf("changed %v, want %v", edit.Changed(), want)
			}
		})
	}
}
