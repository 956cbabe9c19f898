package partners

import (
	"charm.land/bubbles/v2/key"

	"partnercadence/cadence"
	"partnercadence/tui/list"
	"partnercadence/tui/session"
	"partnercadence/tui/theme"
)

// KeyMap is every key of the Partners screen. Which of them are enabled
// depends on what is open (table, filter, detail, form, log); syncKeys sets
// that in one place, so help never lists a key that does nothing.
type KeyMap struct {
	// KeyMap is the list keys every list screen shares: they move in the
	// table and in the detail's timeline.
	list.KeyMap
	// ArrowUp and ArrowDown move the cursor while the filter has focus
	// (where j and k are letters).
	ArrowUp, ArrowDown key.Binding

	Open      key.Binding // the detail of the partner under the cursor
	Back      key.Binding // from the detail to the table
	Sort      key.Binding // next sort column
	Reverse   key.Binding // reverse the sort
	Add, Edit key.Binding // the partner form
	Delete    key.Binding // delete (or mark churned)
	Log       key.Binding // log a touchpoint
	// In the detail: e and d act on the timeline's selected touchpoint, E
	// edits the partner (e in the table).
	EditTouch, DeleteTouch, EditPartner key.Binding
	// Mine switches a partner manager's table between their own partners
	// and everyone's.
	Mine key.Binding

	// Inputs: the filter, the form and the log's text steps.
	Accept    key.Binding // enter: apply the filter, next step of the log
	Cancel    key.Binding // esc: close the filter, form or log
	Submit    key.Binding // enter in the form: next field, or save on the last
	NextField key.Binding
	PrevField key.Binding
	Save      key.Binding

	// The log's one-key steps.
	Call, Email, Meeting, Intro, Event, Note key.Binding
	Inbound, Outbound                        key.Binding
	// Keep takes the kind or direction as it is, while editing a
	// touchpoint.
	Keep key.Binding
}

// DefaultKeyMap returns the Partners screen's keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		KeyMap:    list.DefaultKeyMap(),
		ArrowUp:   key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "up")),
		ArrowDown: key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "down")),

		Open:        key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Back:        key.NewBinding(key.WithKeys("esc", "h", "left"), key.WithHelp("esc", "back")),
		Sort:        key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort")),
		Reverse:     key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "reverse sort")),
		Add:         key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add partner")),
		Edit:        key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit partner")),
		Delete:      key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "delete partner")),
		Log:         key.NewBinding(key.WithKeys("l"), key.WithHelp("l", "log touchpoint")),
		EditTouch:   key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit touchpoint")),
		DeleteTouch: key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete touchpoint")),
		EditPartner: key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "edit partner")),
		Mine:        key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "mine/everyone's")),

		Accept:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply")),
		Cancel:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Submit:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next field; save on the last")),
		NextField: key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("tab/↓", "next field")),
		PrevField: key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("shift+tab/↑", "previous field")),
		Save:      key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save")),

		Call:     key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "call")),
		Email:    key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "email")),
		Meeting:  key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "meeting")),
		Intro:    key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "intro")),
		Event:    key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "event")),
		Note:     key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "note")),
		Inbound:  key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "inbound")),
		Outbound: key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "outbound")),
		Keep:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep")),
	}
}

// ShortHelp is the screen's part of the status line.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{
		k.Call, k.Email, k.Meeting, k.Intro, k.Event, k.Note, k.Inbound, k.Outbound,
		k.Keep, k.Open, k.Accept, k.Save, k.Submit, k.Filter, k.Sort, k.Log, k.Edit, k.EditTouch, k.DeleteTouch, k.Back, k.ClearFilter, k.Cancel,
	}
}

// FullHelp is the screen's columns in the help overlay.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.ArrowUp, k.ArrowDown, k.Top, k.Bottom, k.PageUp, k.PageDown},
		{k.Open, k.Back, k.Filter, k.ClearFilter, k.Sort, k.Reverse, k.Mine},
		{k.Add, k.Edit, k.EditPartner, k.Delete, k.Log, k.EditTouch, k.DeleteTouch, k.Accept, k.Submit, k.NextField, k.PrevField, k.Save, k.Cancel},
		{k.Call, k.Email, k.Meeting, k.Intro, k.Event, k.Note, k.Inbound, k.Outbound, k.Keep},
	}
}

// syncKeys enables exactly the keys that do something in the current state.
func (m *Model) syncKeys() {
	k := &m.keys
	all := []*key.Binding{
		&k.Up, &k.Down, &k.Top, &k.Bottom, &k.PageUp, &k.PageDown, &k.ArrowUp, &k.ArrowDown,
		&k.Open, &k.Back, &k.Filter, &k.ClearFilter, &k.Sort, &k.Reverse, &k.Add, &k.Edit, &k.Delete, &k.Log,
		&k.EditTouch, &k.DeleteTouch, &k.EditPartner, &k.Keep,
		&k.Mine, &k.Accept, &k.Cancel, &k.Submit, &k.NextField, &k.PrevField, &k.Save,
		&k.Call, &k.Email, &k.Meeting, &k.Intro, &k.Event, &k.Note, &k.Inbound, &k.Outbound,
	}
	for _, b := range all {
		b.SetEnabled(false)
	}
	on := func(bs ...*key.Binding) {
		for _, b := range bs {
			b.SetEnabled(true)
		}
	}
	switch {
	case m.deleting != nil || m.dropping != nil:
		// A question waits: y answers yes, any other key no.
		k.Cancel.SetHelp("any other key", "no")
		on(&k.Cancel)
	case m.form != nil:
		on(&k.Submit, &k.NextField, &k.PrevField, &k.Save, &k.Cancel)
	case m.log != nil:
		on(&k.Cancel)
		switch m.log.step {
		case stepKind:
			on(&k.Call, &k.Email, &k.Meeting, &k.Intro, &k.Event, &k.Note)
			if m.log.editing != nil {
				k.Keep.SetHelp("enter", "keep "+string(m.log.kind))
				on(&k.Keep)
			}
		case stepDirection:
			on(&k.Inbound, &k.Outbound)
			if m.log.editing != nil {
				k.Keep.SetHelp("enter", "keep "+string(m.log.dir))
				on(&k.Keep)
			}
		case stepWhen:
			k.Accept.SetHelp("enter", "save")
			on(&k.Accept, &k.NextField)
			k.NextField.SetHelp("tab", "date/by")
		default:
			k.Accept.SetHelp("enter", "next")
			on(&k.Accept)
		}
	case m.filtering:
		k.Accept.SetHelp("enter", "apply filter")
		k.Cancel.SetHelp("esc", "clear filter")
		on(&k.Accept, &k.Cancel, &k.ArrowUp, &k.ArrowDown)
	case m.inDetail:
		on(&k.Up, &k.Down, &k.Top, &k.Bottom, &k.PageUp, &k.PageDown, &k.Back, &k.Log)
		if _, ok := m.detailPartner(); ok {
			on(&k.EditPartner, &k.Delete)
			if m.detail.selectedTouch() != nil {
				on(&k.EditTouch, &k.DeleteTouch)
			}
		}
	default:
		on(&k.Filter, &k.Sort, &k.Reverse)
		if m.me != "" {
			on(&k.Mine)
		}
		if m.snap != nil {
			on(&k.Add)
		}
		if m.tbl.list.Len() > 0 {
			on(&k.Up, &k.Down, &k.Top, &k.Bottom, &k.PageUp, &k.PageDown, &k.Open, &k.Edit, &k.Delete, &k.Log)
		}
		if m.query != "" {
			on(&k.ClearFilter)
		}
	}
	if m.log == nil || m.log.step != stepWhen {
		k.NextField.SetHelp("tab/↓", "next field")
	}
	if !m.filtering && m.deleting == nil && m.dropping == nil {
		k.Cancel.SetHelp("esc", "cancel")
	}
	if m.tbl.mine != "" {
		k.Mine.SetHelp("m", "everyone's partners")
	} else {
		k.Mine.SetHelp("m", "my partners")
	}
	rk, why := m.ruleKeys()
	theme.AllowKeys(rk[:], why[:])
}

// ruleKeys returns the keys that write, with why me may not use them on
// the partner selected (the table's cursor, or the detail's partner).
func (m *Model) ruleKeys() (keys [6]*key.Binding, why [6]error) {
	k := &m.keys
	cfg, me := m.sess.Config, m.sess.Me
	keys[0], why[0] = &k.Add, cfg.MayChangePartner(me, cadence.PartnerAdd, "a partner", "", addOwner(m.sess))
	var p cadence.Partner
	if m.inDetail {
		a, _ := m.detailPartner()
		p = a.Partner
	} else if r, ok := m.tbl.selected(); ok {
		p = r.act.Partner
	}
	if p.Name == "" {
		return keys, why
	}
	keys[1], why[1] = &k.Edit, cfg.MayChangePartner(me, cadence.PartnerEdit, p.Name, p.Owner, p.Owner)
	keys[2], why[2] = &k.Log, cfg.MayChangeTouchpoints(me, cadence.TouchpointLog, p.Name, p.Owner)
	keys[3], why[3] = &k.EditPartner, why[1]
	keys[4], why[4] = &k.EditTouch, cfg.MayChangeTouchpoints(me, cadence.TouchpointEdit, p.Name, p.Owner)
	keys[5], why[5] = &k.DeleteTouch, cfg.MayChangeTouchpoints(me, cadence.TouchpointDelete, p.Name, p.Owner)
	return keys, why
}

// addOwner is the owner a partner added by me gets at first: me, or the
// head when no one is me.
func addOwner(s *session.Session) string {
	if me, ok := s.MeMember(); ok {
		return me.Name
	}
	return s.Config.Head()
}
