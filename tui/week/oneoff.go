package week

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"partnercadence/cadence"
	"partnercadence/store"
	"partnercadence/tui/session"
	"partnercadence/tui/theme"
)

// The one-off meeting form's fields.
const (
	ooTitle = iota
	ooDate
	ooTime
	ooMinutes
	ooWho
	ooPartner
	ooCount
)

var ooLabels = [ooCount]string{"title", "date", "time", "minutes", "who", "partner"}

// oneOffForm makes a one-off meeting (n): a title, when, who, and the
// partner it is about, if any. It has the agenda, notes and actions of any
// meeting once made.
type oneOffForm struct {
	inputs  [ooCount]textinput.Model
	shown   [ooCount]string
	focus   int
	err     string
	leaving bool // esc with something typed asked "discard?"
	// checked is the meeting read from the form while its concerns are
	// asked about.
	checked *cadence.MeetingRecord
	why     []string
}

func newOneOffForm(sess *session.Session, styles theme.Styles, day cadence.Date, width int) *oneOffForm {
	f := &oneOffForm{}
	placeholders := [ooCount]string{"what it is about", "YYYY-MM-DD", "HH:MM", "30", "names, comma-separated", "a partner's name, or empty"}
	values := [ooCount]string{ooDate: day.String(), ooTime: "14:00", ooMinutes: "30"}
	if sess.Me != "" {
		values[ooWho] = sess.Me
	}
	for i := range f.inputs {
		f.inputs[i] = theme.NewInput(styles, "› ", placeholders[i])
		f.inputs[i].SetWidth(theme.Clamp(width-16, 10, 50))
		f.inputs[i].SetValue(values[i])
		f.inputs[i].CursorEnd()
		f.shown[i] = values[i]
	}
	return f
}

func (f *oneOffForm) edited() bool {
	for i := range f.inputs {
		if f.inputs[i].Value() != f.shown[i] {
			return true
		}
	}
	return false
}

// read turns the form into the record of a new one-off meeting.
func (f *oneOffForm) read(sess *session.Session, partners []cadence.PartnerActivity) (cadence.MeetingRecord, error) {
	cfg := sess.Config
	v := func(i int) string { return strings.TrimSpace(f.inputs[i].Value()) }
	rec := cadence.MeetingRecord{ID: "adhoc/", Status: cadence.MeetingScheduled, Title: v(ooTitle)}
	if rec.Title == "" {
		return rec, fmt.Errorf("title: is empty (what the meeting is about)")
	}
	d, err := cadence.ParseDate(v(ooDate))
	if err != nil {
		return rec, fmt.Errorf("date: %q is not a date (use YYYY-MM-DD)", v(ooDate))
	}
	c, err := cadence.ParseClock(v(ooTime))
	if err != nil {
		return rec, fmt.Errorf("time: %w", err)
	}
	rec.At = d.At(c, loc(cfg)).UTC()
	var n int
	if _, err := fmt.Sscanf(v(ooMinutes), "%d", &n); err != nil || n < 5 || n > 8*60 {
		return rec, fmt.Errorf("minutes: %q is not a length from 5 to 480", v(ooMinutes))
	}
	rec.Minutes = n
	for _, name := range strings.Split(v(ooWho), ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		m, ok := cfg.Member(name)
		if !ok && len(cfg.Team) > 0 {
			return rec, fmt.Errorf("who: %q is not on the team", name)
		}
		if ok {
			name = m.Name
		}
		rec.Attendees = append(rec.Attendees, name)
	}
	if len(rec.Attendees) == 0 {
		return rec, fmt.Errorf("who: nobody (name at least one member)")
	}
	if p := v(ooPartner); p != "" {
		slug := cadence.Slug(p)
		found := ""
		for _, pa := range partners {
			if pa.Partner.Slug() == slug {
				found = pa.Partner.Name
			}
		}
		if found == "" {
			return rec, fmt.Errorf("partner: no partner %q", p)
		}
		rec.Title += " · " + found
	}
	return rec, nil
}

// oneOffChecked carries what MoveConcerns says of a new one-off meeting.
type oneOffChecked struct {
	rec cadence.MeetingRecord
	why []string
	err error
}

// checkOneOff asks MoveConcerns about the new meeting's time, from that
// day's meetings as the database has them.
func checkOneOff(sess *session.Session, snap *session.Snapshot, rec cadence.MeetingRecord) tea.Cmd {
	cfg := sess.Config
	var partners []cadence.Partner
	if snap != nil {
		for _, p := range snap.Partners {
			partners = append(partners, p.Partner)
		}
	}
	now := sess.Now()
	return func() tea.Msg {
		day := cadence.DateIn(rec.At, loc(cfg))
		recs, err := sess.Store.Records(day, day)
		if err != nil {
			return oneOffChecked{rec: rec, err: err}
		}
		o := cadence.Occurrence{ID: "adhoc/", Kind: cadence.KindAdhoc, Title: rec.Title, Minutes: rec.Minutes, Attendees: rec.Attendees}
		return oneOffChecked{rec: rec, why: cfg.MoveConcerns(o, rec.At, now, cfg.Occurrences(day, day, partners, recs))}
	}
}

// saveOneOff writes the new one-off meeting; the store gives it its ID.
func saveOneOff(sess *session.Session, rec cadence.MeetingRecord) tea.Cmd {
	cfg, me := sess.Config, sess.Me
	what := fmt.Sprintf("one-off meeting %q on %s", rec.Title, rec.At.In(loc(cfg)).Format("Mon Jan 2 15:04"))
	return sess.WriteUndoable("add a "+what, what+" added", "", func(st *store.Store) (*session.Undo, error) {
		saved, err := st.SaveRecord(cfg, me, rec)
		if err != nil {
			return nil, err
		}
		return &session.Undo{What: what + " added", Do: func(st *store.Store) error {
			return st.DeleteOneOff(cfg, me, saved)
		}}, nil
	})
}

func (m *Model) oneOffKey(msg tea.KeyPressMsg) tea.Cmd {
	f := m.oneOff
	if f.leaving {
		f.leaving = false
		if msg.String() == "y" {
			m.oneOff = nil
		}
		return nil
	}
	if f.checked != nil {
		rec := *f.checked
		f.checked, f.why = nil, nil
		if msg.String() == "y" {
			m.oneOff = nil
			return saveOneOff(m.sess, rec)
		}
		return nil
	}
	switch msg.String() {
	case "esc":
		if f.edited() {
			f.leaving = true
			return nil
		}
		m.oneOff = nil
		return nil
	case "tab", "down":
		f.inputs[f.focus].Blur()
		f.focus = (f.focus + 1) % ooCount
		return f.inputs[f.focus].Focus()
	case "shift+tab", "up":
		f.inputs[f.focus].Blur()
		f.focus = (f.focus + ooCount - 1) % ooCount
		return f.inputs[f.focus].Focus()
	case "enter":
		var partners []cadence.PartnerActivity
		if m.snap != nil {
			partners = m.snap.Partners
		}
		rec, err := f.read(m.sess, partners)
		if err != nil {
			f.err = err.Error()
			return nil
		}
		return checkOneOff(m.sess, m.snap, rec)
	}
	var cmd tea.Cmd
	f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
	f.err = ""
	return cmd
}

// takeOneOffChecked saves the meeting, or asks first when its time is odd.
func (m *Model) takeOneOffChecked(msg oneOffChecked) tea.Cmd {
	f := m.oneOff
	if f == nil {
		return nil
	}
	switch {
	case msg.err != nil:
		f.err = msg.err.Error()
	case len(msg.why) == 0:
		m.oneOff = nil
		return saveOneOff(m.sess, msg.rec)
	default:
		rec := msg.rec
		f.checked, f.why = &rec, msg.why
	}
	return nil
}

// oneOffView is the form, drawn in place of the week.
func (m *Model) oneOffView(w int) []string {
	st := m.styles
	f := m.oneOff
	lines := []string{st.Header.Render("New one-off meeting"), ""}
	for i := range f.inputs {
		mark := "  "
		if i == f.focus {
			mark = "▸ "
		}
		lines = append(lines, mark+st.Muted.Render(theme.Pad(ooLabels[i], 9))+f.inputs[i].View())
	}
	lines = append(lines, "")
	switch {
	case f.checked != nil:
		lines = append(lines, st.Warn.Render(theme.Truncate("Add it anyway? "+strings.Join(f.why, "; ")+". y/n", w)))
	case f.leaving:
		lines = append(lines, st.Warn.Render("Discard what you typed? y/n"))
	case f.err != "":
		lines = append(lines, st.Error.Render(theme.Truncate(theme.OneLine(f.err), w)))
	default:
		lines = append(lines, st.Muted.Render("enter adds it · tab next field · esc leaves"))
	}
	return lines
}
