package meeting

import (
	"charm.land/bubbles/v2/key"

	"partnercadence/tui/list"
)

// KeyMap is every key of the Meeting screen. Which ones are on depends on
// the section in focus and on what is open (a text being edited, a form, a
// confirmation); updateKeys decides, in one place.
type KeyMap struct {
	NextSection, PrevSection key.Binding
	// The movement keys every screen shares (tui/list): up and down the
	// carried-over actions or the action items, pages of the agenda.
	Up, Down, Top, Bottom key.Binding
	PageUp, PageDown      key.Binding

	Write, Editor, StopEditing key.Binding // talking points and notes
	Toggle, Add, Edit, Delete  key.Binding // action items
	Satisfaction               key.Binding
	Held, Skipped, Cancelled   key.Binding
	Export, Back               key.Binding
	// Move is never on: a meeting is moved from the Week, and r here says
	// so.
	Move key.Binding

	// A one-line confirmation.
	Yes, No key.Binding
	// The action form and the satisfaction input.
	Submit, NextField, Cancel key.Binding
}

// DefaultKeyMap returns the Meeting screen's keys.
func DefaultKeyMap() KeyMap {
	move := list.DefaultKeyMap()
	return KeyMap{
		NextSection:  key.NewBinding(key.WithKeys("tab", "l", "right"), key.WithHelp("tab/→", "next section")),
		PrevSection:  key.NewBinding(key.WithKeys("shift+tab", "h", "left"), key.WithHelp("shift+tab/←", "previous section")),
		Up:           move.Up,
		Down:         move.Down,
		Top:          move.Top,
		Bottom:       move.Bottom,
		PageUp:       move.PageUp,
		PageDown:     move.PageDown,
		Write:        key.NewBinding(key.WithKeys("enter", "i"), key.WithHelp("enter", "write")),
		Editor:       key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "$EDITOR")),
		StopEditing:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "stop editing")),
		Toggle:       key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "done/undo")),
		Add:          key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add action")),
		Edit:         key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "edit action")),
		Delete:       key.NewBinding(key.WithKeys("d", "delete"), key.WithHelp("d", "delete action")),
		Satisfaction: key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "satisfaction")),
		Held:         key.NewBinding(key.WithKeys("H"), key.WithHelp("H", "held")),
		Skipped:      key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "skipped")),
		Cancelled:    key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "cancel")),
		Export:       key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "export")),
		Back:         key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Move:         key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "move (from the Week)"), key.WithDisabled()),
		Yes:          key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes")),
		No:           key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "no")),
		Submit:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save")),
		NextField:    key.NewBinding(key.WithKeys("tab", "shift+tab"), key.WithHelp("tab", "next field")),
		Cancel:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

// ShortHelp is the Meeting screen's part of the bottom line; keys that are
// off are left out by the help view.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{
		k.NextSection, k.Write, k.Editor, k.StopEditing, k.Toggle, k.Add, k.Edit, k.Held, k.Export, k.Back,
		k.Yes, k.No, k.Submit, k.NextField, k.Cancel,
	}
}

// FullHelp is the Meeting screen's columns in the help screen.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.NextSection, k.PrevSection, k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown},
		{k.Write, k.Editor, k.StopEditing, k.Toggle, k.Add, k.Edit, k.Delete},
		{k.Satisfaction, k.Held, k.Skipped, k.Cancelled, k.Export, k.Back},
		{k.Yes, k.No, k.Submit, k.NextField, k.Cancel},
	}
}
