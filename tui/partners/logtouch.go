package partners

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"partnercadence/cadence"
	"partnercadence/store"
	"partnercadence/tui/session"
	"partnercadence/tui/theme"
)

// whatLogTouch and whatEditTouch name the log's writes in session.Failed.
const (
	whatLogTouch  = "log touchpoint"
	whatEditTouch = "edit touchpoint"
)

// logStep is where the touchpoint log is: one key for the kind and the
// direction, a line each for the account and the note, then the date and
// who (prefilled with today and me), and enter saves.
type logStep int

const (
	stepKind logStep = iota
	stepDirection
	stepAccount
	stepNote
	stepWhen
)

// logFlow logs one touchpoint with a partner from a panel at the bottom of
// the table or the detail.
type logFlow struct {
	partner string
	step    logStep
	kind    cadence.TouchKind
	dir     cadence.Direction
	account textinput.Model
	note    textinput.Model
	date    textinput.Model
	by      textinput.Model
	onBy    bool // the by field has focus (else the date)
	err     string
	saving  bool
	ref     string
	width   int
	team    int // team size: by must be on the team when there is one
	// editing is the touchpoint being edited (the log filled in with it);
	// nil while logging a new one.
	editing *cadence.Touchpoint
}

func (m Model) openLog(partner string) (Model, tea.Cmd) {
	st := m.styles
	l := logFlow{partner: partner, team: len(m.sess.Config.Team)}
	l.account = theme.NewInput(st, "", "the customer's account")
	l.note = theme.NewInput(st, "", "what happened, in a line")
	l.date = theme.NewInput(st, "", "YYYY-MM-DD")
	l.by = theme.NewInput(st, "", "who")
	l.setWidth(m.width) // before the values: an input works out its visible part as they are set
	l.date.SetValue(m.sess.Today().String())
	by := m.sess.Me
	if me, ok := m.sess.MeMember(); ok {
		by = me.Name
	}
	l.by.SetValue(by)
	m.log = &l
	return m, nil
}

// openEditLog opens the log filled in with t, to edit it: enter keeps the
// kind and the direction, the lines hold what t says.
func (m Model) openEditLog(t cadence.Touchpoint) (Model, tea.Cmd) {
	m, _ = m.openLog(t.Partner)
	l := m.log
	l.editing = &t
	l.kind, l.dir = t.Kind, t.Direction
	l.account.SetValue(theme.OneLine(t.Account))
	l.note.SetValue(theme.OneLine(t.Note))
	l.date.SetValue(t.Date.String())
	l.by.SetValue(t.By)
	return m, nil
}

// kept returns typed, or was when typed is what the log showed of it: a
// line left alone keeps what it held, control characters included.
func kept(typed, was string) string {
	if typed == theme.OneLine(was) {
		return was
	}
	return theme.OneLine(typed)
}

func (l *logFlow) setWidth(w int) {
	l.width = w
	l.account.SetWidth(theme.Clamp(w-14, 1, 60))
	l.note.SetWidth(theme.Clamp(w-14, 1, 100))
	l.date.SetWidth(11)
	l.by.SetWidth(theme.Clamp(w-40, 1, 24))
}

func (l *logFlow) setStyles(st theme.Styles) {
	for _, in := range []*textinput.Model{&l.account, &l.note, &l.date, &l.by} {
		in.SetStyles(theme.InputStyles(st))
	}
}

// focused returns the input the current step types into, if any.
func (l *logFlow) focused() *textinput.Model {
	switch l.step {
	case stepAccount:
		return &l.account
	case stepNote:
		return &l.note
	case stepWhen:
		if l.onBy {
			return &l.by
		}
		return &l.date
	}
	return nil
}

func (l *logFlow) updateFocused(msg tea.Msg) tea.Cmd {
	in := l.focused()
	if in == nil {
		return nil
	}
	var cmd tea.Cmd
	*in, cmd = in.Update(msg)
	return cmd
}

// goTo moves to a step and focuses its input.
func (l *logFlow) goTo(s logStep) tea.Cmd {
	l.step, l.err = s, ""
	for _, in := range []*textinput.Model{&l.account, &l.note, &l.date, &l.by} {
		in.Blur()
	}
	if in := l.focused(); in != nil {
		return in.Focus()
	}
	return nil
}

func (m Model) logKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.keys
	l := m.log
	if key.Matches(msg, k.Cancel) {
		m.log = nil
		return m, nil
	}
	if l.saving {
		return m, nil
	}
	switch l.step {
	case stepKind:
		if l.editing != nil && key.Matches(msg, k.Keep) {
			return m, l.goTo(stepDirection)
		}
		kinds := []struct {
			b    key.Binding
			kind cadence.TouchKind
		}{
			{k.Call, cadence.TouchCall}, {k.Email, cadence.TouchEmail}, {k.Meeting, cadence.TouchMeeting},
			{k.Intro, cadence.TouchIntro}, {k.Event, cadence.TouchEvent}, {k.Note, cadence.TouchNote},
		}
		for _, c := range kinds {
			if key.Matches(msg, c.b) {
				l.kind = c.kind
				return m, l.goTo(stepDirection)
			}
		}
		l.err = "press one of c, e, m, i, v, n (esc cancels)"
	case stepDirection:
		switch {
		case l.editing != nil && key.Matches(msg, k.Keep):
			return m, l.goTo(stepAccount)
		case key.Matches(msg, k.Inbound):
			l.dir = cadence.Inbound
			return m, l.goTo(stepAccount)
		case key.Matches(msg, k.Outbound):
			l.dir = cadence.Outbound
			return m, l.goTo(stepAccount)
		}
		l.err = "press i (inbound: they reached us) or o (outbound: we reached them)"
	case stepAccount:
		if key.Matches(msg, k.Accept) {
			if l.kind == cadence.TouchIntro && strings.TrimSpace(l.account.Value()) == "" {
				l.err = "account: is required for an intro (the customer the partner introduced)"
				return m, nil
			}
			return m, l.goTo(stepNote)
		}
		return m, l.updateFocused(msg)
	case stepNote:
		if key.Matches(msg, k.Accept) {
			return m, l.goTo(stepWhen)
		}
		return m, l.updateFocused(msg)
	case stepWhen:
		switch {
		case key.Matches(msg, k.Accept):
			return m.submitLog()
		case key.Matches(msg, k.NextField):
			l.onBy = !l.onBy
			return m, l.goTo(stepWhen)
		}
		return m, l.updateFocused(msg)
	}
	return m, nil
}

// submitLog checks the date and who, then writes the touchpoint.
func (m Model) submitLog() (Model, tea.Cmd) {
	l := m.log
	date, err := cadence.ParseDate(strings.TrimSpace(l.date.Value()))
	if err != nil {
		l.onBy = false
		l.err = fmt.Sprintf("date: %q is not a date (YYYY-MM-DD)", l.date.Value())
		return m, l.goTo(stepWhen)
	}
	by := strings.TrimSpace(l.by.Value())
	if mem, ok := m.sess.Config.Member(by); ok {
		by = mem.Name
	} else if by != "" && l.team > 0 {
		l.onBy = true
		cmd := l.goTo(stepWhen)
		l.err = fmt.Sprintf("by: %q is not on the team", by)
		return m, cmd
	}
	name := m.log.partner
	if p, ok := m.partnerByName(name); ok {
		name = p.Partner.Name
	}
	t := cadence.Touchpoint{
		Partner: name, Date: date, Kind: l.kind, Direction: l.dir,
		Account: theme.OneLine(l.account.Value()), Note: theme.OneLine(l.note.Value()), By: by,
	}
	l.saving, l.err = true, ""
	l.ref = "touchpoint:" + cadence.Slug(name) + ":" + date.String()
	cfg, me := m.sess.Config, m.sess.Me
	if before := l.editing; before != nil {
		t.Account, t.Note = kept(l.account.Value(), before.Account), kept(l.note.Value(), before.Note)
		was := *before
		notice := fmt.Sprintf("edited %s's %s of %s", name, was.Kind, was.Date)
		return m, m.sess.WriteUndoable(whatEditTouch, notice, l.ref, func(st *store.Store) (*session.Undo, error) {
			saved, err := st.EditTouchpoint(cfg, me, was, t)
			if err != nil {
				return nil, err
			}
			return &session.Undo{What: notice, Do: func(st *store.Store) error {
				_, err := st.EditTouchpoint(cfg, me, saved, was)
				return err
			}}, nil
		})
	}
	notice := fmt.Sprintf("logged %s %s (%s) with %s", t.Kind, date, t.Direction, name)
	return m, m.sess.WriteUndoable(whatLogTouch, notice, l.ref, func(st *store.Store) (*session.Undo, error) {
		added, err := st.AddTouchpoint(cfg, me, t)
		if err == nil && !added {
			err = errors.New("it is already logged (same day, kind, direction, account and note)")
		}
		if err != nil {
			return nil, err
		}
		return &session.Undo{What: notice, Do: func(st *store.Store) error {
			return st.DeleteTouchpoint(cfg, me, t)
		}}, nil
	})
}

// dropQuestion asks before d deletes t.
func dropQuestion(t cadence.Touchpoint) string {
	what := []string{string(t.Direction)}
	for _, s := range []string{t.Account, t.Note} {
		if s = theme.OneLine(s); s != "" {
			what = append(what, s)
		}
	}
	return fmt.Sprintf("Delete %s's %s of %s (%s)? u undoes it. y/n", theme.OneLine(t.Partner), t.Kind, t.Date, strings.Join(what, " · "))
}

// dropKey answers the question d asked: y deletes the touchpoint, anything
// else leaves it.
func (m Model) dropKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	t := *m.dropping
	m.dropping = nil
	if msg.String() != "y" {
		return m, nil
	}
	cfg, me := m.sess.Config, m.sess.Me
	notice := fmt.Sprintf("deleted %s's %s of %s", t.Partner, t.Kind, t.Date)
	return m, m.sess.WriteUndoable("delete touchpoint", notice, "touchpoint:"+cadence.Slug(t.Partner)+":"+t.Date.String(), func(st *store.Store) (*session.Undo, error) {
		if err := st.DeleteTouchpoint(cfg, me, t); err != nil {
			return nil, err
		}
		return &session.Undo{What: notice, Do: func(st *store.Store) error {
			added, err := st.AddTouchpoint(cfg, me, t)
			if err == nil && !added {
				err = fmt.Errorf("%w: the same touchpoint was logged again since", store.ErrChangedMeanwhile)
			}
			return err
		}}, nil
	})
}

// view draws the log's panel: a rule, what is chosen so far, the current
// step and a hint or an error.
func (l *logFlow) view(st theme.Styles) []string {
	w := max(l.width, 1)
	title := "Log a touchpoint"
	if l.editing != nil {
		title = "Edit the touchpoint"
	}
	chosen := []string{st.Header.Render(title), theme.OneLine(l.partner)}
	if l.kind != "" {
		chosen = append(chosen, string(l.kind))
	}
	if l.dir != "" {
		chosen = append(chosen, string(l.dir))
	}
	if l.step > stepAccount {
		if a := theme.OneLine(l.account.Value()); a != "" {
			chosen = append(chosen, a)
		}
	}
	var ask, hint string
	switch l.step {
	case stepKind:
		ask = "kind:  c call · e email · m meeting · i intro · v event · n note"
		hint = "one key · esc cancels"
		if l.editing != nil {
			hint = "one key · enter keeps " + string(l.editing.Kind) + " · esc cancels"
		}
	case stepDirection:
		ask = "direction:  i inbound (they reached us) · o outbound (we reached them)"
		hint = "one key · esc cancels"
		if l.editing != nil {
			hint = "one key · enter keeps " + string(l.editing.Direction) + " · esc cancels"
		}
	case stepAccount:
		ask = "account: " + l.account.View()
		hint = "optional: enter skips"
		if l.kind == cadence.TouchIntro {
			hint = "required for an intro: the customer the partner introduced"
		}
	case stepNote:
		ask = "note: " + l.note.View()
		hint = "one line · enter goes on"
	case stepWhen:
		ask = "date: " + l.date.View() + "  by: " + l.by.View()
		hint = "enter saves · tab switches between date and by · esc cancels"
	}
	msg := st.Muted.Render(hint)
	switch {
	case l.saving:
		msg = st.Muted.Render("saving…")
	case l.err != "":
		msg = st.Error.Render(theme.OneLine(l.err))
	}
	return []string{
		st.Muted.Render(strings.Repeat("─", w)),
		strings.Join(chosen, " · "),
		ask,
		msg,
	}
}
