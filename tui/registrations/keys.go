package registrations

import (
	"charm.land/bubbles/v2/key"

	"partnercadence/cadence"
	"partnercadence/tui/list"
	"partnercadence/tui/theme"
)

// KeyMap is every key of the Registrations screen; syncKeys enables those
// that do something in the current state.
type KeyMap struct {
	// KeyMap is the list keys every list screen shares; in the detail the
	// movement keys scroll it.
	list.KeyMap
	// ArrowUp and ArrowDown move the cursor while the filter has focus
	// (where j and k are letters).
	ArrowUp, ArrowDown key.Binding

	Open   key.Binding // the registration's detail
	Back   key.Binding // from the detail to the queue
	Accept key.Binding // enter in the filter
	Cancel key.Binding // esc in the filter
	Status key.Binding // cycle the status filter
	// Mine switches a partner manager's list between their registrations
	// (of their partners or decided by them) and everyone's.
	Mine key.Binding

	Approve, Reject, Won, Lost, Expired key.Binding
	Add, Edit, Extend                   key.Binding
	Yes, No                             key.Binding // the confirmation
	// Save, NextField and Leave are the form's keys, for help.
	Save, NextField, Leave key.Binding
}

// DefaultKeyMap returns the Registrations screen's keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		KeyMap:    list.DefaultKeyMap(),
		ArrowUp:   key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "up")),
		ArrowDown: key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "down")),

		Open:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "details")),
		Back:   key.NewBinding(key.WithKeys("esc", "h", "left"), key.WithHelp("esc", "back")),
		Accept: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply filter")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		Status: key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "status filter")),
		Mine:   key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "mine/everyone's")),

		Approve: key.NewBinding(key.WithKeys("A"), key.WithHelp("A", "approve")),
		Reject:  key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "reject")),
		Won:     key.NewBinding(key.WithKeys("W"), key.WithHelp("W", "won")),
		Lost:    key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "lost")),
		Expired: key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "expired")),
		Add:     key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add")),
		Edit:    key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		Extend:  key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "extend protection")),

		Save:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save")),
		NextField: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field")),
		Leave:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "leave")),
		Yes:       key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes")),
		No:        key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "no")),
	}
}

// ShortHelp is the screen's part of the status line.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Save, k.NextField, k.Leave, k.Yes, k.No, k.Accept, k.Cancel, k.Open, k.Approve, k.Reject, k.Won, k.Lost, k.Expired, k.Extend, k.Edit, k.Add, k.Status, k.Filter, k.Back, k.ClearFilter}
}

// FullHelp is the screen's columns in the help overlay.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.ArrowUp, k.ArrowDown, k.Top, k.Bottom, k.PageUp, k.PageDown},
		{k.Open, k.Back, k.Status, k.Mine, k.Filter, k.ClearFilter, k.Accept, k.Cancel},
		{k.Approve, k.Reject, k.Won, k.Lost, k.Expired, k.Extend, k.Yes, k.No},
		{k.Add, k.Edit, k.Save, k.NextField, k.Leave},
	}
}

// syncKeys enables exactly the keys that do something in the current state.
func (m *Model) syncKeys() {
	k := &m.keys
	all := []*key.Binding{
		&k.Up, &k.Down, &k.Top, &k.Bottom, &k.PageUp, &k.PageDown, &k.ArrowUp, &k.ArrowDown,
		&k.Open, &k.Back, &k.Filter, &k.ClearFilter, &k.Accept, &k.Cancel, &k.Status, &k.Mine,
		&k.Approve, &k.Reject, &k.Won, &k.Lost, &k.Yes, &k.No,
		&k.Expired, &k.Add, &k.Edit, &k.Extend, &k.Save, &k.NextField, &k.Leave,
	}
	for _, b := range all {
		b.SetEnabled(false)
	}
	on := func(bs ...*key.Binding) {
		for _, b := range bs {
			b.SetEnabled(true)
		}
	}
	// A decision that does not apply says why when pressed.
	acts := func(r regRef) {
		if r.ok {
			on(&k.Approve, &k.Reject, &k.Won, &k.Lost, &k.Expired, &k.Extend, &k.Edit)
		}
	}
	switch {
	case m.form != nil:
		on(&k.Save, &k.NextField, &k.Leave)
	case m.confirming:
		on(&k.Yes, &k.No)
	case m.filtering:
		on(&k.Accept, &k.Cancel, &k.ArrowUp, &k.ArrowDown)
	case m.inDetail:
		on(&k.Back, &k.Up, &k.Down, &k.Top, &k.Bottom, &k.PageUp, &k.PageDown)
		acts(m.detailRef())
	default:
		on(&k.Filter, &k.Status, &k.Add)
		if m.me != "" {
			on(&k.Mine)
		}
		if m.list.Len() > 0 {
			on(&k.Up, &k.Down, &k.Top, &k.Bottom, &k.PageUp, &k.PageDown, &k.Open)
		}
		acts(m.selectedRef())
		if m.list.Query() != "" {
			on(&k.ClearFilter)
		}
	}
	if m.mine {
		k.Mine.SetHelp("m", "everyone's registrations")
	} else {
		k.Mine.SetHelp("m", "my registrations")
	}
	rk, why := m.ruleKeys()
	theme.AllowKeys(rk[:], why[:])
}

// ruleKeys returns the keys that write, with why me may not use them on
// the registration selected (the list's cursor, or the detail's).
func (m *Model) ruleKeys() (keys [4]*key.Binding, why [4]error) {
	ref := m.selectedRef()
	if m.inDetail {
		ref = m.detailRef()
	}
	if !ref.ok {
		return keys, why
	}
	k := &m.keys
	scope := m.scope(ref.reg)
	keys = [4]*key.Binding{&k.Approve, &k.Reject, &k.Won, &k.Lost}
	for i, change := range [4]cadence.RegistrationChange{cadence.RegistrationApprove, cadence.RegistrationReject, cadence.RegistrationWon, cadence.RegistrationLost} {
		why[i] = m.sess.Config.MayChangeRegistration(m.sess.Me, change, scope)
	}
	return keys, why
}

// scope is what the rules need of a registration whose owner and partner
// stay as they are, with its partner's owner from the snapshot.
func (m *Model) scope(r cadence.Registration) cadence.RegistrationScope {
	owner := m.partnerOwner(r.Partner)
	decider := r.Owner
	if decider == "" {
		decider = owner
	}
	return cadence.RegistrationScope{
		ID: r.ID, Partner: r.Partner, PartnerOwner: owner, Owner: decider,
		NewPartner: r.Partner, NewPartnerOwner: owner, NewOwner: decider,
	}
}

// partnerOwner returns the owner of the partner named name ("" when the
// snapshot does not hold it).
func (m *Model) partnerOwner(name string) string {
	if o, ok := m.owners[name]; ok {
		return o
	}
	if m.snap == nil {
		return ""
	}
	p, _ := m.snap.Partner(name) // a name written otherwise than stored
	return p.Partner.Owner
}
