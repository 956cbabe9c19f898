package registrations

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"partnercadence/cadence"
	"partnercadence/store"
	"partnercadence/tui/session"
	"partnercadence/tui/theme"
)

// formMode is what the form does.
type formMode int

const (
	formAdd    formMode = iota // a new registration
	formEdit                   // account, amount, attribution, owner, dates
	formExtend                 // a new expires date
)

// The form's fields; a mode shows some of them.
const (
	fPartner = iota
	fAccount
	fAmount
	fAttribution
	fOwner
	fSubmitted
	fDecided
	fExpires
	fClosed
	fCount
)

var fLabels = [fCount]string{"partner", "account", "amount", "attribution", "owner", "submitted", "decided", "expires", "closed"}

var fPlaceholders = [fCount]string{
	fPartner: "the partner's name", fAccount: "the customer's company", fAmount: "whole units, e.g. 48000",
	fAttribution: "sourced or influenced", fOwner: "the team member who decides it",
	fSubmitted: "YYYY-MM-DD", fDecided: "YYYY-MM-DD, or empty", fExpires: "YYYY-MM-DD, or empty for the default",
	fClosed: "YYYY-MM-DD, or empty",
}

var modeFields = [...][]int{
	formAdd:    {fPartner, fAccount, fAmount, fAttribution, fOwner, fSubmitted},
	formEdit:   {fAccount, fAmount, fAttribution, fOwner, fSubmitted, fDecided, fExpires, fClosed},
	formExtend: {fExpires},
}

// regForm adds a registration, edits one, or extends its protection.
// Nothing is written until enter; esc with something typed asks first.
type regForm struct {
	mode    formMode
	base    cadence.Registration // what is edited, as it was shown
	inputs  [fCount]textinput.Model
	shown   [fCount]string // each field's text as the form opened
	focus   int            // index into modeFields[mode]
	err     string
	leaving bool // esc asked "discard?"
}

func (f *regForm) fields() []int { return modeFields[f.mode] }

// edited reports whether any field differs from what the form opened with.
func (f *regForm) edited() bool {
	for _, i := range f.fields() {
		if f.inputs[i].Value() != f.shown[i] {
			return true
		}
	}
	return false
}

func (m Model) openForm(mode formMode, r cadence.Registration) (Model, tea.Cmd) {
	f := &regForm{mode: mode, base: r}
	date := func(d cadence.Date) string {
		if d.IsZero() {
			return ""
		}
		return d.String()
	}
	values := [fCount]string{
		fPartner: r.Partner, fAccount: r.Account, fAmount: strconv.FormatInt(r.Amount, 10),
		fAttribution: string(r.Attribution), fOwner: r.Owner, fSubmitted: date(r.Submitted),
		fDecided: date(r.Decided), fExpires: date(r.Expires), fClosed: date(r.Closed),
	}
	if mode == formAdd && r.Amount == 0 {
		values[fAmount] = ""
	}
	if mode == formExtend {
		// The protection runs on from where it ends (or from today, once
		// it has lapsed) for as long again.
		cfg := m.sess.Config
		from := r.ExpiresOn(cfg.Flags.RegistrationProtectionDays)
		if today := m.sess.Today(); from.Before(today) {
			from = today
		}
		values[fExpires] = from.AddDays(cfg.Flags.RegistrationProtectionDays).String()
	}
	for i := range f.inputs {
		f.inputs[i] = theme.NewInput(m.styles, "› ", fPlaceholders[i])
		f.inputs[i].SetWidth(theme.Clamp(m.width-20, 10, 60))
		f.inputs[i].SetValue(cadence.VisibleLine(values[i]))
		f.inputs[i].CursorEnd()
		f.shown[i] = f.inputs[i].Value()
	}
	if mode == formExtend {
		// The offered date counts as typed: enter takes it as it is.
		f.shown[fExpires] = ""
	}
	m.form = f
	return m, f.inputs[f.fields()[0]].Focus()
}

// NewFromIntro opens the form for a new registration filled in from an
// intro (the intro_unregistered flag): the partner, the account, today,
// sourced, the partner's owner. Esc from the form sends session.Back.
func (m Model) NewFromIntro(partner, account, owner string) (Model, tea.Cmd) {
	m.inDetail = false
	m, cmd := m.openForm(formAdd, cadence.Registration{
		Partner: partner, Account: account, Submitted: m.sess.Today(), Attribution: cadence.Sourced, Owner: owner,
		Status: cadence.RegSubmitted,
	})
	m.form.shown = [fCount]string{} // all of it is offered, none of it typed yet
	m.backOnEsc = true
	m.syncKeys()
	return m, cmd
}

func (m Model) formKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	f := m.form
	fields := f.fields()
	if f.leaving {
		switch msg.String() {
		case "y":
			return m.closeForm()
		default:
			f.leaving = false
		}
		return m, nil
	}
	switch msg.String() {
	case "esc":
		if f.edited() {
			f.leaving = true
			return m, nil
		}
		return m.closeForm()
	case "tab", "down":
		f.inputs[fields[f.focus]].Blur()
		f.focus = (f.focus + 1) % len(fields)
		return m, f.inputs[fields[f.focus]].Focus()
	case "shift+tab", "up":
		f.inputs[fields[f.focus]].Blur()
		f.focus = (f.focus + len(fields) - 1) % len(fields)
		return m, f.inputs[fields[f.focus]].Focus()
	case "enter":
		return m.saveForm()
	}
	var cmd tea.Cmd
	f.inputs[fields[f.focus]], cmd = f.inputs[fields[f.focus]].Update(msg)
	f.err = ""
	return m, cmd
}

// closeForm drops the form; one opened for another screen goes back there.
func (m Model) closeForm() (Model, tea.Cmd) {
	m.form = nil
	if m.backOnEsc && !m.inDetail {
		m.backOnEsc = false
		return m, backCmd
	}
	return m, nil
}

// read turns the form's fields into the registration to write.
func (f *regForm) read(cfg *cadence.Config) (cadence.Registration, error) {
	r := f.base
	val := func(i int) string { return strings.TrimSpace(f.inputs[i].Value()) }
	date := func(i int, required bool) (cadence.Date, error) {
		s := val(i)
		if s == "" {
			if required {
				return cadence.Date{}, fmt.Errorf("%s: is empty (use YYYY-MM-DD)", fLabels[i])
			}
			return cadence.Date{}, nil
		}
		d, err := cadence.ParseDate(s)
		if err != nil {
			return d, fmt.Errorf("%s: %q is not a date (use YYYY-MM-DD)", fLabels[i], s)
		}
		return d, nil
	}
	var err error
	for _, i := range f.fields() {
		switch i {
		case fPartner:
			r.Partner = val(i)
		case fAccount:
			if r.Account = val(i); r.Account == "" {
				return r, fmt.Errorf("account: is empty (the customer the deal is with)")
			}
		case fAmount:
			s := strings.NewReplacer(",", "", "_", "", " ", "").Replace(val(i))
			n, perr := strconv.ParseInt(s, 10, 64)
			if perr != nil || n < 0 {
				return r, fmt.Errorf("amount: %q is not a whole amount of %s (e.g. 48000)", val(i), cfg.Currency)
			}
			r.Amount = n
		case fAttribution:
			a, aerr := cadence.ParseAttribution(val(i))
			if aerr != nil {
				return r, fmt.Errorf("attribution: %q is not sourced or influenced", val(i))
			}
			r.Attribution = a
		case fOwner:
			r.Owner = val(i)
			if r.Owner != "" {
				mem, ok := cfg.Member(r.Owner)
				if !ok && len(cfg.Team) > 0 {
					return r, fmt.Errorf("owner: %q is not on the team", r.Owner)
				}
				if ok {
					r.Owner = mem.Name
				}
			}
		case fSubmitted:
			if r.Submitted, err = date(i, true); err != nil {
				return r, err
			}
		case fDecided:
			if r.Decided, err = date(i, false); err != nil {
				return r, err
			}
		case fExpires:
			if r.Expires, err = date(i, f.mode == formExtend); err != nil {
				return r, err
			}
		case fClosed:
			if r.Closed, err = date(i, false); err != nil {
				return r, err
			}
		}
	}
	if err := r.Validate(); err != nil && f.mode != formAdd {
		return r, err
	}
	return r, nil
}

// saveForm writes the form: a new registration, or the change to the one
// shown, made to it as stored only if nobody changed it meanwhile.
func (m Model) saveForm() (Model, tea.Cmd) {
	f := m.form
	cfg := m.sess.Config
	r, err := f.read(cfg)
	if err != nil {
		f.err = err.Error()
		return m, nil
	}
	if m.writing != "" {
		f.err = "the last change is still being saved: try again in a moment"
		return m, nil
	}
	me := m.sess.Me
	var cmd tea.Cmd
	switch f.mode {
	case formAdd:
		m.writing = "registration:new"
		what := "add a registration for " + theme.OneLine(r.Account)
		notice := fmt.Sprintf("registration added: %s, %s, %s", theme.OneLine(r.Partner), theme.OneLine(r.Account), cadence.FormatMoney(r.Amount, cfg.Currency))
		m.pending = pendingAction{act: actAdd, reg: r}
		cmd = m.sess.WriteUndoable(what, notice, m.writing, func(st *store.Store) (*session.Undo, error) {
			added, err := st.AddRegistration(cfg, me, r)
			if err != nil {
				return nil, err
			}
			if stored, ok, err := st.Registration(added.ID); err == nil && ok {
				added = stored
			}
			return &session.Undo{What: notice + " (" + added.ID + ")", Do: func(st *store.Store) error {
				return st.DeleteRegistration(cfg, me, added)
			}}, nil
		})
	default:
		act := actEdit
		notice := "saved " + r.ID
		if f.mode == formExtend {
			act = actExtend
			notice = fmt.Sprintf("extended %s (%s, %s) to %s", r.ID, theme.OneLine(r.Partner), theme.OneLine(r.Account), r.Expires)
		}
		m.pending = pendingAction{act: act, reg: f.base}
		m.writing = "registration:" + r.ID
		base, next := f.base, r
		cmd = m.sess.WriteUndoable(m.pending.what(), notice, m.writing, func(st *store.Store) (*session.Undo, error) {
			saved, before, err := st.UpdateRegistration(cfg, me, base, func(cur cadence.Registration) cadence.Registration {
				if act == actExtend {
					cur.Expires = next.Expires
					return cur
				}
				return next
			})
			if err != nil {
				return nil, err
			}
			return undoRegistration(cfg, me, notice, saved, before), nil
		})
	}
	m.form = nil
	if m.inDetail {
		cmd = tea.Batch(cmd, loadDetail(m.sess.Store, m.detailID))
	}
	return m, cmd
}

// formView draws the form in place of the list or the detail.
func (m Model) formView() []string {
	st := m.styles
	f := m.form
	title := map[formMode]string{formAdd: "New registration", formEdit: "Edit " + theme.OneLine(f.base.ID), formExtend: "Extend the protection of " + theme.OneLine(f.base.ID)}[f.mode]
	lines := []string{st.Header.Render(title), ""}
	if f.mode != formAdd {
		lines = append(lines, st.Muted.Render(theme.OneLine(f.base.Partner)+" · "+theme.OneLine(f.base.Account)), "")
	}
	for n, i := range f.fields() {
		mark := "  "
		if n == f.focus {
			mark = "▸ "
		}
		lines = append(lines, mark+st.Muted.Render(theme.Pad(fLabels[i], 12))+f.inputs[i].View())
	}
	lines = append(lines, "")
	switch {
	case f.leaving:
		lines = append(lines, st.Warn.Render("Discard what you typed? y/n"))
	case f.err != "":
		lines = append(lines, st.Error.Render(theme.OneLine(f.err)))
	default:
		lines = append(lines, st.Muted.Render("enter saves · tab next field · esc leaves"))
	}
	return lines
}

// formKeysOn are the keys shown while the form is open.
func (k *KeyMap) formKeysOn() {
	for _, b := range []*key.Binding{&k.Save, &k.NextField, &k.Leave} {
		b.SetEnabled(true)
	}
}
