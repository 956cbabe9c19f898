package flags

import (
	"charm.land/bubbles/v2/key"

	"partnercadence/tui/list"
)

// KeyMap is every key of the Flags screen; syncKeys enables those that do
// something in the current state.
type KeyMap struct {
	// KeyMap is the list keys every list screen shares.
	list.KeyMap
	// ArrowUp and ArrowDown move the cursor while the filter is typed
	// (where j and k are letters); Accept and Cancel end typing it.
	ArrowUp, ArrowDown, Accept, Cancel key.Binding

	Open  key.Binding // go to what the flag is about
	Kind  key.Binding // cycle the kind filter
	Owner key.Binding // cycle the owner filter
	Mine  key.Binding // only the flags of the member at the keyboard
	Clear key.Binding // drop every filter
}

// DefaultKeyMap returns the Flags screen's keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		KeyMap:    list.DefaultKeyMap(),
		ArrowUp:   key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "up")),
		ArrowDown: key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "down")),
		Accept:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply filter")),
		Cancel:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),

		Open:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "go fix it")),
		Kind:  key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "kind filter")),
		Owner: key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "owner filter")),
		Mine:  key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "mine")),
		Clear: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "all flags")),
	}
}

// ShortHelp is the screen's part of the status line.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Accept, k.Cancel, k.Open, k.Filter, k.Kind, k.Owner, k.Mine, k.ClearFilter, k.Clear}
}

// FullHelp is the screen's columns in the help overlay.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.ArrowUp, k.ArrowDown, k.Top, k.Bottom, k.PageUp, k.PageDown},
		{k.Open, k.Filter, k.ClearFilter, k.Accept, k.Cancel, k.Kind, k.Owner, k.Mine, k.Clear},
	}
}

// syncKeys enables exactly the keys that do something in the current state.
func (m *Model) syncKeys() {
	k := &m.keys
	typing := m.filtering
	some := m.list.Len() > 0 && !typing
	k.SetMovement(some)
	k.Open.SetEnabled(some)
	k.ArrowUp.SetEnabled(typing)
	k.ArrowDown.SetEnabled(typing)
	k.Accept.SetEnabled(typing)
	k.Cancel.SetEnabled(typing)
	k.Filter.SetEnabled(!typing && len(m.all) > 0)
	k.ClearFilter.SetEnabled(!typing && m.list.Query() != "")
	k.Kind.SetEnabled(!typing && len(m.all) > 0)
	k.Owner.SetEnabled(!typing && len(m.owners) > 1)
	k.Mine.SetEnabled(!typing && m.sess != nil && m.sess.Me != "")
	// esc drops the text filter first, then the kind and owner filters.
	k.Clear.SetEnabled(!typing && m.list.Query() == "" && (m.kind != "" || m.owner != ""))
}
