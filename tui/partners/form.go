package partners

import (
	"errors"
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

// whatSavePartner names the form's write in session.Failed.
const whatSavePartner = "save partner"

// The form's fields, in order.
const (
	fieldName = iota
	fieldType
	fieldTier
	fieldOwner
	fieldStatus
	fieldJoined
	fieldContact
	fieldEmail
	fieldDomain
	fieldNotes
	fieldCount
)

var fieldLabels = [fieldCount]string{"name", "type", "tier", "owner", "status", "joined", "contact", "email", "domain", "notes"}

// form adds or edits one partner. Nothing is written until the user saves;
// then the form stays open, showing "saving…", until session.Saved arrives,
// and an error keeps every field as typed.
type form struct {
	editing  bool
	original cadence.Partner // the partner being edited
	team     []string        // the team's names, for the owner hint
	inputs   [fieldCount]textinput.Model
	focus    int
	bad      [fieldCount]bool
	err      string
	saving   bool
	ref      string // the Saved ref of the write under way
	// savedName is the name written, to select the new partner after a
	// reload.
	savedName string
	width     int
	// stored is each field's value as the form opened on it: a field left
	// as shown keeps that value exactly (the input shows a stored value on
	// one line, with control characters as symbols).
	stored [fieldCount]theme.Stored
}

func (m Model) openForm(p cadence.Partner, editing bool) (Model, tea.Cmd) {
	f := form{editing: editing, original: p}
	for _, mem := range m.sess.Config.Team {
		f.team = append(f.team, mem.Name)
	}
	values := [fieldCount]string{
		fieldName: p.Name, fieldType: string(p.Type), fieldTier: strconv.Itoa(p.Tier),
		fieldOwner: p.Owner, fieldStatus: string(p.Status), fieldJoined: dateText(p.Joined),
		fieldContact: p.Contact, fieldEmail: p.Email, fieldDomain: p.Domain, fieldNotes: p.Notes,
	}
	if !editing {
		values = [fieldCount]string{fieldTier: "3", fieldStatus: string(cadence.PartnerProspect), fieldJoined: m.sess.Today().String()}
		if me, ok := m.sess.MeMember(); ok {
			values[fieldOwner] = me.Name
		}
	}
	for i := range f.inputs {
		f.inputs[i] = theme.NewInput(m.styles, "› ", placeholders[i])
	}
	// The width first: an input works out its visible part as it is set.
	f.setWidth(m.width)
	for i := range f.inputs {
		f.stored[i] = theme.Prefill(&f.inputs[i], values[i])
	}
	m.form = &f
	if editing {
		return m, m.form.focusOn(fieldType)
	}
	return m, m.form.focusOn(fieldName)
}

var placeholders = [fieldCount]string{
	fieldName:    "the partner's company name",
	fieldType:    "reseller, isv, agency, marketplace, alliance, referral or si",
	fieldTier:    "1 (top), 2 or 3",
	fieldOwner:   "a team member",
	fieldStatus:  "prospect, onboarding, active, paused or churned",
	fieldJoined:  "YYYY-MM-DD",
	fieldContact: "the person we talk to",
	fieldEmail:   "their email",
	fieldDomain:  "example.com",
	fieldNotes:   "one line",
}

func dateText(d cadence.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func (f *form) setWidth(w int) {
	f.width = w
	for i := range f.inputs {
		// The mark, the label, the prompt and the cursor take the rest.
		f.inputs[i].SetWidth(theme.Clamp(w-labelWidth-6, 1, 70))
	}
}

func (f *form) setStyles(st theme.Styles) {
	for i := range f.inputs {
		f.inputs[i].SetStyles(theme.InputStyles(st))
	}
}

// editable reports whether field i can be changed: every field can (a new
// name renames the partner, store.RenamePartner, its records following).
func (f *form) editable(i int) bool { return true }

func (f *form) focusOn(i int) tea.Cmd {
	for j := range f.inputs {
		f.inputs[j].Blur()
	}
	f.focus = i
	return f.inputs[i].Focus()
}

// step moves the focus to the next (or previous) editable field, wrapping.
func (f *form) step(delta int) tea.Cmd {
	i := f.focus
	for range fieldCount {
		i = (i + delta + fieldCount) % fieldCount
		if f.editable(i) {
			break
		}
	}
	return f.focusOn(i)
}

func (f *form) updateFocused(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
	return cmd
}

func (m Model) formKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.keys
	f := m.form
	if f.saving {
		// The write is under way; only esc (leave it to finish) does anything.
		if key.Matches(msg, k.Cancel) {
			m.form = nil
		}
		return m, nil
	}
	switch {
	case key.Matches(msg, k.Cancel):
		m.form = nil
		return m, nil
	case key.Matches(msg, k.Save):
		return m.submitForm()
	case key.Matches(msg, k.Submit):
		if f.focus == fieldCount-1 {
			return m.submitForm()
		}
		return m, f.step(1)
	case key.Matches(msg, k.NextField):
		return m, f.step(1)
	case key.Matches(msg, k.PrevField):
		return m, f.step(-1)
	}
	return m, f.updateFocused(msg)
}

// submitForm validates the form and, if it is good, writes the partner.
func (m Model) submitForm() (Model, tea.Cmd) {
	f := m.form
	p, errs := f.partner(m)
	f.bad = [fieldCount]bool{}
	f.err = ""
	if len(errs) > 0 {
		for _, e := range errs {
			f.bad[e.field] = true
		}
		f.err = errs[0].Error()
		if len(errs) > 1 {
			f.err += fmt.Sprintf(" (and %d more)", len(errs)-1)
		}
		return m, f.focusOn(errs[0].field)
	}
	f.saving = true
	f.savedName = p.Name
	f.ref = "partner:" + p.Slug()
	verb := "added"
	if f.editing {
		verb = "saved"
	}
	cfg, me, from := m.sess.Config, m.sess.Me, f.original.Name
	notice := verb + " partner " + p.Name
	if f.editing && p.Name != from {
		notice = "renamed partner " + from + " to " + p.Name
	}
	var before cadence.Partner // none: an add
	if f.editing {
		before = f.original
	}
	return m, m.sess.WriteUndoable(whatSavePartner, notice, f.ref, func(st *store.Store) (*session.Undo, error) {
		if f.editing && p.Name != from {
			// The rename moves everything keyed by the partner in one
			// transaction; the other fields are saved after it.
			if _, err := st.RenamePartner(cfg, me, from, p.Name); err != nil {
				return nil, err
			}
		}
		if err := st.SavePartner(cfg, me, p); err != nil {
			return nil, err
		}
		return undoPartner(st, cfg, me, notice, before, p), nil
	})
}

// undoPartner is how to take back a save of a partner that stored p over
// before (zero: an add), with p as the database holds it now.
func undoPartner(st *store.Store, cfg *cadence.Config, me, what string, before, p cadence.Partner) *session.Undo {
	if stored, ok, err := st.Partner(p.Name); err == nil && ok {
		p = stored
	}
	return &session.Undo{What: what, Do: func(st *store.Store) error {
		return st.UndoPartner(cfg, me, before, p)
	}}
}

// fieldError is a problem with one field of the form.
type fieldError struct {
	field   int
	problem string
}

func (e fieldError) Error() string { return fieldLabels[e.field] + ": " + e.problem }

// partner reads the form into a partner, or says which fields are wrong.
func (f *form) partner(m Model) (cadence.Partner, []fieldError) {
	var errs []fieldError
	bad := func(field int, format string, args ...any) {
		errs = append(errs, fieldError{field, fmt.Sprintf(format, args...)})
	}
	// A field left as it was shown keeps its value as stored; an edited one
	// is taken trimmed.
	v := func(i int) string {
		in := f.inputs[i].Value()
		if f.stored[i].Edited(in) {
			return strings.TrimSpace(in)
		}
		return f.stored[i].Value(in)
	}
	edited := func(i int) bool { return f.stored[i].Edited(f.inputs[i].Value()) }
	p := f.original
	if f.editing && edited(fieldName) {
		name := theme.OneLine(v(fieldName))
		switch renamed := (cadence.Partner{Name: name}); {
		case name == "":
			bad(fieldName, "is empty")
		case renamed.Slug() == "":
			bad(fieldName, "%q has no letter a–z or digit, so it cannot have an ID", name)
		case renamed.Slug() != f.original.Slug() && m.snap != nil:
			if old, ok := m.snap.Partner(name); ok {
				bad(fieldName, "%q has the same ID as %q: use a more distinct name", name, old.Partner.Name)
			}
		}
		p.Name = name
	}
	if !f.editing {
		p = cadence.Partner{Name: theme.OneLine(v(fieldName))}
		switch {
		case p.Name == "":
			bad(fieldName, "is empty")
		case p.Slug() == "":
			bad(fieldName, "%q has no letter a–z or digit, so it cannot have an ID", p.Name)
		default:
			if old, ok := m.partnerByName(p.Name); ok {
				bad(fieldName, "%q already exists: edit it with e instead", old.Partner.Name)
			} else if m.snap != nil {
				if old, ok := m.snap.Partner(p.Name); ok {
					bad(fieldName, "%q has the same ID as %q: use a more distinct name", p.Name, old.Partner.Name)
				}
			}
		}
	}
	var err error
	if p.Type, err = cadence.ParsePartnerType(v(fieldType)); err != nil {
		bad(fieldType, "%s", enumProblem(err, v(fieldType)))
	}
	tier := strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(v(fieldTier)), "tier"), "t")
	if n, err := strconv.Atoi(strings.TrimSpace(tier)); err != nil || n < 1 || n > 3 {
		bad(fieldTier, "%q is not 1, 2 or 3", v(fieldTier))
	} else {
		p.Tier = n
	}
	p.Owner = v(fieldOwner)
	if mem, ok := m.sess.Config.Member(p.Owner); ok {
		p.Owner = mem.Name
	} else if len(f.team) > 0 {
		if p.Owner == "" {
			bad(fieldOwner, "is empty: give a team member (%s)", strings.Join(f.team, ", "))
		} else {
			bad(fieldOwner, "%q is not on the team (%s)", p.Owner, strings.Join(f.team, ", "))
		}
	}
	if p.Status, err = cadence.ParsePartnerStatus(v(fieldStatus)); err != nil {
		bad(fieldStatus, "%s", enumProblem(err, v(fieldStatus)))
	}
	p.Joined = cadence.Date{}
	if s := v(fieldJoined); s != "" {
		if p.Joined, err = cadence.ParseDate(s); err != nil {
			bad(fieldJoined, "%q is not a date (YYYY-MM-DD)", s)
		}
	}
	p.Contact = v(fieldContact)
	p.Email = v(fieldEmail)
	if edited(fieldEmail) && p.Email != "" && (!strings.Contains(p.Email, "@") || strings.ContainsAny(p.Email, " <>")) {
		bad(fieldEmail, "%q is not an email address", p.Email)
	}
	p.Domain = v(fieldDomain)
	p.Notes = v(fieldNotes)
	return p, errs
}

// enumProblem turns a cadence enum error into the part after "field: ".
func enumProblem(err error, value string) string {
	var ee *cadence.EnumError
	if errors.As(err, &ee) {
		if strings.TrimSpace(value) == "" {
			return "is empty: one of " + strings.Join(ee.Allowed, ", ")
		}
		return fmt.Sprintf("%q is not one of %s", ee.Value, strings.Join(ee.Allowed, ", "))
	}
	return err.Error()
}

// storeError shows an error the store gave, on the field it names.
func (f *form) storeError(err error) {
	f.err = err.Error()
	f.bad = [fieldCount]bool{}
	field := -1
	var fe *cadence.FieldError
	var ee *cadence.EnumError
	switch {
	case errors.As(err, &fe):
		field = fieldIndex(fe.Field)
	case errors.As(err, &ee):
		field = fieldIndex(ee.Field)
	case errors.Is(err, cadence.ErrNotAllowed):
		field = fieldOwner // whose partner it is decides who may change it
	case strings.Contains(f.err, "same ID"):
		field = fieldName
	default:
		if name, _, ok := strings.Cut(f.err, ":"); ok {
			field = fieldIndex(name)
		}
	}
	if field >= 0 && f.editable(field) {
		f.bad[field] = true
		f.focusOn(field)
	}
}

func fieldIndex(name string) int {
	for i, l := range fieldLabels {
		if l == strings.TrimSpace(name) {
			return i
		}
	}
	return -1
}

// labelWidth is the room for a field's label.
const labelWidth = 9

func (f *form) view(st theme.Styles, h int) []string {
	title := "Add a partner"
	if f.editing {
		title = "Edit " + theme.OneLine(f.original.Name)
	}
	lines := []string{st.Header.Render(title), ""}
	for i := range f.inputs {
		label := fieldLabels[i]
		ls := st.Muted
		if i == f.focus {
			ls = st.Header
		}
		mark := "  "
		if f.bad[i] {
			ls, mark = st.Error, "✗ "
		}
		lines = append(lines, mark+ls.Render(theme.Pad(label, labelWidth))+f.inputs[i].View())
	}
	lines = append(lines, "")
	switch {
	case f.saving:
		lines = append(lines, st.Muted.Render("saving…"))
	case f.err != "":
		lines = append(lines, st.Error.Render(theme.OneLine(f.err)))
	default:
		lines = append(lines, st.Muted.Render(f.hint()))
	}
	if len(lines) > h && h > 0 {
		// Keep the focused field and the message line in view.
		msg := lines[len(lines)-1]
		start := theme.Clamp(f.focus+2-(h-2), 0, len(lines)-h)
		lines = append(lines[start:start+max(h-1, 0)], msg)
	}
	return lines
}

// hint says what the focused field takes.
func (f *form) hint() string {
	i := f.focus
	switch i {
	case fieldOwner:
		if len(f.team) > 0 {
			return "owner: one of " + theme.OneLine(strings.Join(f.team, ", "))
		}
	case fieldNotes:
		return "notes: one line · enter saves"
	}
	return fieldLabels[i] + ": " + placeholders[i]
}
