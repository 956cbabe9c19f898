package flags

import "charm.land/bubbles/v2/key"

// KeyMap is every key of the Flags screen; syncKeys enables those that do
// something in the current state.
type KeyMap struct {
	Up, Down, Top, Bottom, PageUp, PageDown key.Binding

	Open  key.Binding // go to what the flag is about
	Kind  key.Binding // cycle the kind filter
	Owner key.Binding // cycle the owner filter
	Mine  key.Binding // only the flags of the member at the keyboard
	Clear key.Binding // drop every filter
}

// DefaultKeyMap returns the Flags screen's keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "first")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "last")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+d"), key.WithHelp("pgdn", "page down")),

		Open:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "go fix it")),
		Kind:  key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "kind filter")),
		Owner: key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "owner filter")),
		Mine:  key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "mine")),
		Clear: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "all flags")),
	}
}

// ShortHelp is the screen's part of the status line.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.Kind, k.Owner, k.Mine, k.Clear}
}

// FullHelp is the screen's columns in the help overlay.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown},
		{k.Open, k.Kind, k.Owner, k.Mine, k.Clear},
	}
}

// syncKeys enables exactly the keys that do something in the current state.
func (m *Model) syncKeys() {
	k := &m.keys
	some := len(m.shown) > 0
	for _, b := range []*key.Binding{&k.Up, &k.Down, &k.Top, &k.Bottom, &k.PageUp, &k.PageDown, &k.Open} {
		b.SetEnabled(some)
	}
	k.Kind.SetEnabled(len(m.all) > 0)
	k.Owner.SetEnabled(len(m.owners) > 1)
	k.Mine.SetEnabled(m.sess != nil && m.sess.Me != "")
	k.Clear.SetEnabled(m.kind != "" || m.owner != "")
}
