package registrations

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"partnercadence/cadence"
	"partnercadence/store"
	"partnercadence/tui/session"
	"partnercadence/tui/theme"
)

// detailLoaded carries one registration read from the store.
type detailLoaded struct {
	id  string
	reg *cadence.Registration
	err error
}

func loadDetail(st *store.Store, id string) tea.Cmd {
	return func() tea.Msg {
		r, ok, err := st.Registration(id)
		switch {
		case err != nil:
			return detailLoaded{id: id, err: err}
		case !ok:
			return detailLoaded{id: id, err: fmt.Errorf("%s is no longer in the database", id)}
		}
		return detailLoaded{id: id, reg: &r}
	}
}

// openDetail shows a registration: at once as the list has it, then as the
// store has it now.
func (m Model) openDetail(r cadence.Registration) (Model, tea.Cmd) {
	m.inDetail, m.detailID, m.detailReg, m.detailErr, m.detailTop = true, r.ID, &r, nil, 0
	return m, loadDetail(m.sess.Store, r.ID)
}

func (m Model) detailKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Back):
		m.inDetail = false
		if m.backOnEsc {
			m.backOnEsc = false
			return m, func() tea.Msg { return session.Back{} }
		}
	case key.Matches(msg, k.Up):
		m.detailTop = max(m.detailTop-1, 0)
	case key.Matches(msg, k.Down):
		m.detailTop++
	case key.Matches(msg, k.PageUp):
		m.detailTop = max(m.detailTop-m.height/2, 0)
	case key.Matches(msg, k.PageDown):
		m.detailTop += m.height / 2
	case key.Matches(msg, k.Top):
		m.detailTop = 0
	case key.Matches(msg, k.Bottom):
		m.detailTop = len(m.detailView())
	case key.Matches(msg, k.Approve):
		return m.ask(actApprove, m.detailRef())
	case key.Matches(msg, k.Reject):
		return m.ask(actReject, m.detailRef())
	case key.Matches(msg, k.Won):
		return m.ask(actWon, m.detailRef())
	case key.Matches(msg, k.Lost):
		return m.ask(actLost, m.detailRef())
	case key.Matches(msg, k.Expired):
		return m.ask(actExpired, m.detailRef())
	case key.Matches(msg, k.Edit):
		if r := m.detailRef(); r.ok {
			return m.openForm(formEdit, r.reg)
		}
	case key.Matches(msg, k.Extend):
		return m.extend(m.detailRef())
	}
	m.clampDetail()
	return m, nil
}

// clampDetail keeps the detail's scroll between its first line and the
// point where its last line is at the bottom.
func (m *Model) clampDetail() {
	m.detailTop = theme.Clamp(m.detailTop, 0, max(len(m.detailView())-m.height+m.footerLines(), 0))
}

// detailView is the registration's fields, its flags, and the other open
// registrations of the same account (the ones it conflicts with first).
func (m Model) detailView() []string {
	st := m.styles
	if m.detailReg == nil {
		if m.detailErr != nil {
			return []string{st.Error.Render(theme.OneLine(m.detailErr.Error())), st.Muted.Render("esc goes back")}
		}
		return []string{st.Muted.Render("loading " + theme.OneLine(m.detailID) + "…")}
	}
	r := *m.detailReg
	cfg := m.sess.Config
	today := m.sess.Today()
	money := func(n int64) string { return cadence.FormatMoney(n, cfg.Currency) }
	dash := func(d cadence.Date) string {
		if d.IsZero() {
			return "—"
		}
		return d.String() + " (" + ago(d, today) + ")"
	}
	lines := []string{
		st.Title.Render(theme.OneLine(r.ID)) + "  " + theme.OneLine(r.Partner) + " · " + theme.OneLine(r.Account),
		"",
	}
	field := func(label, value string) {
		lines = append(lines, st.Muted.Render(theme.Pad(label, 12))+value)
	}
	field("amount", money(r.Amount)+" · "+theme.OneLine(string(r.Attribution)))
	field("status", theme.OneLine(string(r.Status)))
	submitted := dash(r.Submitted)
	if r.Status == cadence.RegSubmitted {
		submitted += fmt.Sprintf(" · %d business days pending (SLA %d)",
			cfg.Holidays.BusinessDaysAfter(r.Submitted, today), cfg.Flags.RegistrationSLABusinessDays)
	}
	field("submitted", submitted)
	field("decided", dash(r.Decided))
	expires := "—"
	if exp := r.ExpiresOn(cfg.Flags.RegistrationProtectionDays); !exp.IsZero() {
		expires = exp.String()
		if r.Status == cadence.RegApproved {
			switch left := exp.Sub(today); {
			case left < 0:
				expires += fmt.Sprintf(" (lapsed %d d ago)", -left)
			case left == 0:
				expires += " (today)"
			default:
				expires += fmt.Sprintf(" (in %d d)", left)
			}
		}
		if r.Expires.IsZero() {
			expires += st.Muted.Render(fmt.Sprintf(" · the decision + %d days", cfg.Flags.RegistrationProtectionDays))
		}
	}
	field("expires", expires)
	field("closed", dash(r.Closed))
	field("owner", orDash(theme.OneLine(r.Owner)))

	var flags []cadence.Flag
	for _, f := range m.snap.Flags {
		if _, ok := regFlags[f.Kind]; ok && f.Ref == r.ID {
			flags = append(flags, f)
		}
	}
	lines = append(lines, "")
	if len(flags) == 0 {
		lines = append(lines, st.Good.Render("no flags"))
	} else {
		lines = append(lines, st.Header.Render(fmt.Sprintf("Flags (%d)", len(flags))))
		for _, f := range flags {
			lines = append(lines, "  "+st.Flag[f.Kind].Render("● "+string(f.Kind))+"  "+theme.OneLine(f.Message))
		}
	}

	acct := cadence.AccountKey(r.Account)
	partner := cadence.NameKey(r.Partner)
	var same []string
	for _, o := range m.snap.Open {
		if o.ID == r.ID || cadence.AccountKey(o.Account) != acct {
			continue
		}
		mark := "  "
		if cadence.NameKey(o.Partner) != partner {
			mark = st.Flag[cadence.FlagRegistrationConflict].Render("≠ ")
		}
		same = append(same, "  "+mark+strings.Join([]string{
			theme.OneLine(o.ID), theme.OneLine(o.Partner), theme.OneLine(o.Account), money(o.Amount), theme.OneLine(string(o.Status)),
			"submitted " + o.Submitted.String(), orDash(theme.OneLine(o.Owner)),
		}, " · "))
	}
	lines = append(lines, "")
	if len(same) == 0 {
		lines = append(lines, st.Muted.Render("no other open registration names this account"))
	} else {
		lines = append(lines, st.Header.Render("Other open registrations for this account")+st.Muted.Render("  (≠ another partner: a conflict)"))
		lines = append(lines, same...)
	}
	if m.detailErr != nil {
		lines = append(lines, "", st.Error.Render("could not read it again: "+theme.OneLine(m.detailErr.Error())))
	}
	return lines
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
