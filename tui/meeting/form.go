package meeting

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"partnercadence/cadence"
	"partnercadence/tui/theme"
)

// actionForm adds an action item or edits one: its text, owner and due
// date.
type actionForm struct {
	editing string // the ID of the action edited; "" adds one
	inputs  [3]textinput.Model
	// stored is each field's value as the form opened on it: a field left
	// as shown keeps it exactly (the input shows it on one line, with
	// control characters as symbols).
	stored [3]theme.Stored
	focus  int
	err    string
}

const (
	fieldText = iota
	fieldOwner
	fieldDue
)

// newActionForm opens the form on a, or on a new action: owned by the 1:1's
// member (else me, else the head) and due a week from today.
func newActionForm(m *Model, a *cadence.ActionItem) *actionForm {
	f := &actionForm{}
	text, owner, due := "", m.defaultOwner(), m.sess.Today().AddDays(7).String()
	if a != nil {
		f.editing, text, owner, due = a.ID, a.Text, a.Owner, a.Due.String()
	}
	f.inputs[fieldText] = theme.EditInput(m.styles, "action ", "", max(m.width-10, 10))
	f.inputs[fieldOwner] = theme.EditInput(m.styles, "owner  ", "", 20)
	f.inputs[fieldDue] = theme.EditInput(m.styles, "due ", "", 10)
	for i, v := range [3]string{fieldText: text, fieldOwner: owner, fieldDue: due} {
		f.stored[i] = theme.Prefill(&f.inputs[i], v)
	}
	return f
}

func (m *Model) defaultOwner() string {
	if o := m.md.Occurrence; o.Kind == cadence.KindOneOnOne && o.Member != "" {
		return o.Member
	}
	if me, ok := m.sess.MeMember(); ok {
		return me.Name
	}
	return m.sess.Config.Head()
}

func (f *actionForm) focusField(i int) tea.Cmd {
	f.inputs[f.focus].Blur()
	f.focus = i
	return f.inputs[i].Focus()
}

func (f *actionForm) update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
	return cmd
}

func (f *actionForm) setStyles(s theme.Styles) {
	for i := range f.inputs {
		f.inputs[i].SetStyles(theme.InputStyles(s))
	}
}

// value is what field i holds: its stored value while it is left as shown.
func (f *actionForm) value(i int) string { return f.stored[i].Value(f.inputs[i].Value()) }

// parse reads the form; an error names the field that is wrong.
func (f *actionForm) parse(cfg *cadence.Config) (cadence.ActionItem, error) {
	text := f.value(fieldText)
	if f.stored[fieldText].Edited(f.inputs[fieldText].Value()) {
		text = strings.TrimSpace(text)
	}
	if strings.TrimSpace(text) == "" {
		return cadence.ActionItem{}, fmt.Errorf("action: say what is to be done")
	}
	owner, err := teamMember(cfg, f.value(fieldOwner))
	if err != nil {
		return cadence.ActionItem{}, err
	}
	var due cadence.Date
	if s := strings.TrimSpace(f.value(fieldDue)); s != "" {
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			return cadence.ActionItem{}, fmt.Errorf("due: %q is not a date (use YYYY-MM-DD, or leave it empty)", s)
		}
		due = cadence.DateOf(t)
	}
	return cadence.ActionItem{Text: text, Owner: owner, Due: due}, nil
}

// teamMember finds the team member a name means: the member with that name,
// or the only one whose name starts with it (case-insensitively).
func teamMember(cfg *cadence.Config, name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", fmt.Errorf("owner: name a team member")
	}
	if m, ok := cfg.Member(name); ok {
		return m.Name, nil
	}
	var found []string
	for _, m := range cfg.Team {
		if strings.HasPrefix(strings.ToLower(m.Name), strings.ToLower(name)) {
			found = append(found, m.Name)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		var all []string
		for _, m := range cfg.Team {
			all = append(all, m.Name)
		}
		return "", fmt.Errorf("owner: %q is not on the team (%s)", name, strings.Join(all, ", "))
	}
	return "", fmt.Errorf("owner: %q could be %s", name, strings.Join(found, " or "))
}

// lines draws the form in w cells: a title, the text, the owner and due
// date, and the problem with what was entered, if any.
func (f *actionForm) lines(m *Model, w int) []string {
	title := "New action item"
	if f.editing != "" {
		title = "Edit action " + theme.OneLine(f.editing)
	}
	out := []string{
		m.styles.Header.Render(title) + m.styles.Muted.Render("  tab next field · enter save · esc cancel"),
		f.inputs[fieldText].View(),
		f.inputs[fieldOwner].View() + "  " + f.inputs[fieldDue].View(),
	}
	if f.err != "" {
		out = append(out, m.styles.Error.Render(theme.OneLine(f.err)))
	}
	for i := range out {
		out[i] = theme.Truncate(out[i], w)
	}
	return out
}
