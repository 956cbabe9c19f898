package registrations

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"partnercadence/cadence"
	"partnercadence/store"
	"partnercadence/tui/session"
	"partnercadence/tui/theme"
)

// action is a decision on a registration.
type action int

const (
	actApprove action = iota
	actReject
	actWon
	actLost
	actExpired
	actAdd    // the form's writes: no confirmation, the form is one
	actEdit   //
	actExtend //
)

var (
	actVerbs  = [...]string{"approve", "reject", "mark won", "mark lost", "mark expired", "add", "edit", "extend"}
	actDone   = [...]string{"approved", "rejected", "marked won", "marked lost", "marked expired", "added", "saved", "extended"}
	actDoing  = [...]string{"approving", "rejecting", "marking won", "marking lost", "marking expired", "adding", "saving", "extending"}
	actStatus = [...]cadence.RegStatus{cadence.RegApproved, cadence.RegRejected, cadence.RegWon, cadence.RegLost, cadence.RegExpired, "", "", ""}
)

// backCmd asks the root to go back to the screen that showed this one.
func backCmd() tea.Msg { return session.Back{} }

// refusal says why the action cannot apply to a registration with the
// given status, or "" when it can: only a submitted registration is
// approved or rejected; only a submitted or approved one is won or lost.
func (a action) refusal(id string, status cadence.RegStatus) string {
	switch a {
	case actApprove, actReject:
		if status != cadence.RegSubmitted {
			return fmt.Sprintf("cannot %s %s: it is %s, and only a submitted registration can be %s", actVerbs[a], id, status, actDone[a])
		}
	case actWon, actLost, actExpired:
		if status != cadence.RegSubmitted && status != cadence.RegApproved {
			return fmt.Sprintf("cannot %s %s: it is %s already, and only a submitted or approved registration can be %s", actVerbs[a], id, status, actDone[a])
		}
	case actExtend:
		if status != cadence.RegApproved {
			return fmt.Sprintf("cannot extend %s: it is %s, and only an approved registration has a protection to extend", id, status)
		}
	}
	return ""
}

// apply changes r as the action does on day today: approve and reject set
// the decision date (and approve clears any expiry, so it defaults to the
// decision plus the protection days); won and lost set the closed date.
func (a action) apply(r cadence.Registration, today cadence.Date) cadence.Registration {
	r.Status = actStatus[a]
	switch a {
	case actApprove:
		r.Decided, r.Expires = today, cadence.Date{}
	case actReject:
		r.Decided = today
	case actWon, actLost, actExpired:
		r.Closed = today
	}
	return r
}

// pendingAction is an action asked for on one registration.
type pendingAction struct {
	act action
	reg cadence.Registration
}

// what names the write in session.Failed.
func (p pendingAction) what() string { return actVerbs[p.act] + " " + p.reg.ID }

// question is the confirmation: "approve R-12 (Northwind, Acme, $48,000)? y/n".
func (p pendingAction) question(currency string) string {
	r := p.reg
	verb, id := actVerbs[p.act], r.ID
	if p.act == actWon || p.act == actLost || p.act == actExpired {
		verb, id = "mark", r.ID+" "+string(actStatus[p.act])
	}
	return fmt.Sprintf("%s %s (%s, %s, %s)? y/n", verb, id, theme.OneLine(r.Partner), theme.OneLine(r.Account), cadence.FormatMoney(r.Amount, currency))
}

func (p pendingAction) progress() string {
	return actDoing[p.act] + " " + p.reg.ID + "…"
}

// ask starts the confirmation of an action, or says why it cannot be done.
func (m Model) ask(a action, ref regRef) (Model, tea.Cmd) {
	if !ref.ok {
		return m, nil
	}
	if m.writing != "" {
		m.note = "the last change is still being saved: try again in a moment"
		return m, nil
	}
	if why := a.refusal(ref.reg.ID, ref.reg.Status); why != "" {
		m.note = why
		return m, nil
	}
	m.pending = pendingAction{act: a, reg: ref.reg}
	m.confirming = true
	return m, nil
}

// confirmKey answers the confirmation: y writes, n or esc leaves it.
func (m Model) confirmKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Yes):
		m.confirming = false
		return m, m.write()
	case key.Matches(msg, m.keys.No):
		m.confirming = false
		m.note = ""
	}
	return m, nil
}

// write records the confirmed action. It reads the registration again in
// the write, so a change another process made since (say, an import that
// already closed it) is not overwritten.
func (m *Model) write() tea.Cmd {
	p := m.pending
	today := m.sess.Today()
	m.writing = "registration:" + p.reg.ID
	notice := fmt.Sprintf("%s %s (%s, %s)", actDone[p.act], p.reg.ID, theme.OneLine(p.reg.Partner), theme.OneLine(p.reg.Account))
	cfg, me := m.sess.Config, m.sess.Me
	m.stayPut = true
	return m.sess.WriteUndoable(p.what(), notice, m.writing, func(st *store.Store) (*session.Undo, error) {
		saved, before, err := st.UpdateRegistration(cfg, me, p.reg, func(cur cadence.Registration) cadence.Registration {
			return p.act.apply(cur, today)
		})
		if err != nil {
			return nil, err
		}
		return undoRegistration(cfg, me, notice, saved, before), nil
	})
}

// undoRegistration takes a registration back from saved to before, unless
// it changed since.
func undoRegistration(cfg *cadence.Config, me, what string, saved, before cadence.Registration) *session.Undo {
	return &session.Undo{What: what, Do: func(st *store.Store) error {
		_, _, err := st.UpdateRegistration(cfg, me, saved, func(cadence.Registration) cadence.Registration { return before })
		return err
	}}
}
