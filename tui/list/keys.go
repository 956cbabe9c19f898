package list

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// KeyMap is the movement and filter keys every list screen shares: a
// screen's KeyMap embeds it, so help shows them the same everywhere, and
// the screen turns each on or off for its state (a key that does nothing
// is disabled, and help leaves it out).
type KeyMap struct {
	Up, Down         key.Binding
	Top, Bottom      key.Binding
	PageUp, PageDown key.Binding
	// Filter opens the fuzzy filter; ClearFilter drops it.
	Filter, ClearFilter key.Binding
}

// DefaultKeyMap returns the list keys: arrows and vim keys, g/G, pages,
// / and esc.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:          key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		Down:        key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		Top:         key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "first")),
		Bottom:      key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "last")),
		PageUp:      key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup/ctrl+u", "page up")),
		PageDown:    key.NewBinding(key.WithKeys("pgdown", "ctrl+d"), key.WithHelp("pgdn/ctrl+d", "page down")),
		Filter:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		ClearFilter: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
	}
}

// Movement returns the keys that move the cursor, for help columns.
func (k KeyMap) Movement() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown}
}

// SetMovement turns the movement keys on or off together.
func (k *KeyMap) SetMovement(on bool) {
	for _, b := range []*key.Binding{&k.Up, &k.Down, &k.Top, &k.Bottom, &k.PageUp, &k.PageDown} {
		b.SetEnabled(on)
	}
}

// FilterKeys are the keys while a filter's text is typed: Accept keeps
// the filter, Cancel empties it, and Up and Down still move the cursor
// (j and k are letters then). A screen whose filter has no arrows leaves
// them unbound.
type FilterKeys struct{ Accept, Cancel, Up, Down key.Binding }

// FilterEdit is what a key did to a filter being typed (see EditFilter).
type FilterEdit int

const (
	// FilterTyped: the key went to the text, which may have changed.
	FilterTyped FilterEdit = iota
	// FilterKept: typing ended, the filter kept.
	FilterKept
	// FilterDropped: typing ended, the text emptied.
	FilterDropped
	// FilterMoved: the cursor moved.
	FilterMoved
)

// Ended reports whether typing the filter ended.
func (e FilterEdit) Ended() bool { return e == FilterKept || e == FilterDropped }

// Changed reports whether the filter's text may have changed: the screen
// applies it (SetQuery).
func (e FilterEdit) Changed() bool { return e == FilterTyped || e == FilterDropped }

// EditFilter handles a key while in, a filter's text, has the keys, for l:
// Accept keeps the filter and Cancel empties it (in loses the focus), Up
// and Down move l's cursor, and any other key edits the text. The screen
// ends typing on Ended and applies in.Value() on Changed.
func EditFilter(msg tea.KeyPressMsg, in *textinput.Model, l *Model, k FilterKeys) (FilterEdit, tea.Cmd) {
	switch {
	case key.Matches(msg, k.Accept):
		in.Blur()
		return FilterKept, nil
	case key.Matches(msg, k.Cancel):
		in.Blur()
		in.SetValue("")
		return FilterDropped, nil
	case key.Matches(msg, k.Up):
		l.Move(-1)
		return FilterMoved, nil
	case key.Matches(msg, k.Down):
		l.Move(1)
		return FilterMoved, nil
	}
	var cmd tea.Cmd
	*in, cmd = in.Update(msg)
	return FilterTyped, cmd
}
