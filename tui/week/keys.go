package week

import (
	"charm.land/bubbles/v2/key"

	"partnercadence/tui/list"
)

// KeyMap is every key of the Week screen. Which ones are on depends on the
// state (a list, a confirmation, the reschedule form, the filter); the model
// turns them on and off in one place, updateKeys.
type KeyMap struct {
	// KeyMap is the list keys every list screen shares: they move among
	// the meetings, or in the flags panel.
	list.KeyMap
	PrevWeek, NextWeek, Today key.Binding
	Open                      key.Binding
	Held, Skipped, Cancelled  key.Binding
	Reschedule                key.Binding
	NewMeeting                key.Binding
	Me                        key.Binding
	// FocusFlags moves to the flags panel, where the list keys move
	// between flags, OpenFlag goes to what one is about, and LeaveFlags
	// comes back to the meetings.
	FocusFlags, OpenFlag, LeaveFlags key.Binding

	// A one-line confirmation.
	Yes, No key.Binding
	// The reschedule form and the filter input.
	Submit, NextField, Cancel key.Binding
}

// DefaultKeyMap returns the Week screen's keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		KeyMap:     list.DefaultKeyMap(),
		PrevWeek:   key.NewBinding(key.WithKeys("h", "left"), key.WithHelp("←/h", "previous week")),
		NextWeek:   key.NewBinding(key.WithKeys("l", "right"), key.WithHelp("→/l", "next week")),
		Today:      key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "this week")),
		Open:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Held:       key.NewBinding(key.WithKeys("H"), key.WithHelp("H", "held")),
		Skipped:    key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "skipped")),
		Cancelled:  key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "cancel")),
		Reschedule: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reschedule")),
		Me:         key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "mine first")),
		NewMeeting: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new one-off meeting")),
		FocusFlags: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "flags panel")),
		OpenFlag:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "go fix the flag")),
		LeaveFlags: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the meetings")),
		Yes:        key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes")),
		No:         key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "no")),
		Submit:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save")),
		NextField:  key.NewBinding(key.WithKeys("tab", "shift+tab"), key.WithHelp("tab", "next field")),
		Cancel:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

// ShortHelp is the Week screen's part of the bottom line; keys that are off
// are left out by the help view.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{
		k.Open, k.OpenFlag, k.Held, k.Reschedule, k.FocusFlags, k.LeaveFlags, k.PrevWeek, k.NextWeek, k.Me, k.Filter, k.ClearFilter,
		k.Yes, k.No, k.Submit, k.NextField, k.Cancel,
	}
}

// FullHelp is the Week screen's columns in the help screen.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown, k.Open, k.FocusFlags, k.OpenFlag, k.LeaveFlags},
		{k.PrevWeek, k.NextWeek, k.Today, k.Me, k.Filter, k.ClearFilter},
		{k.Held, k.Skipped, k.Cancelled, k.Reschedule, k.NewMeeting},
		{k.Yes, k.No, k.Submit, k.NextField, k.Cancel},
	}
}
