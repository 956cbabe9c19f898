package week

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"partnercadence/cadence"
	"partnercadence/store"
	"partnercadence/tui/session"
)

// loadedMsg carries the meetings of one week, read by load.
type loadedMsg struct {
	seq   int
	start cadence.Date
	// occs is every occurrence dated in the week.
	occs []cadence.Occurrence
	// due is every QBR whose window is open during the week, that nobody
	// scheduled or settled yet, and that is not due inside the week (those
	// are in occs).
	due []cadence.Occurrence
	err error
}

// load reads the records the week needs and computes its occurrences. The
// partners come from the snapshot; before the first snapshot the command
// reads them itself.
func (m Model) load(seq int) tea.Cmd {
	sess, start := m.sess, m.start
	var partners []cadence.Partner
	haveSnap := m.snap != nil
	if haveSnap {
		partners = make([]cadence.Partner, len(m.snap.Partners))
		for i, p := range m.snap.Partners {
			partners[i] = p.Partner
		}
	}
	return func() tea.Msg {
		msg := loadedMsg{seq: seq, start: start}
		msg.occs, msg.due, msg.err = weekOccurrences(sess.Store, sess.Config, start, partners, haveSnap)
		return msg
	}
}

func weekOccurrences(st *store.Store, cfg *cadence.Config, start cadence.Date, partners []cadence.Partner, haveSnap bool) (occs, due []cadence.Occurrence, err error) {
	if !haveSnap {
		if partners, err = st.Partners(); err != nil {
			return nil, nil, err
		}
	}
	end := start.AddDays(6)
	windows := openWindows(cfg, start, end)
	// Records are indexed by planned and actual date: a QBR's planned date
	// is the last day of its window, which may lie weeks after this one.
	hi := end
	for _, w := range windows {
		if w[1].After(hi) {
			hi = w[1]
		}
	}
	recs, err := st.Records(start, hi)
	if err != nil {
		return nil, nil, err
	}
	occs = cfg.Occurrences(start, end, partners, recs)
	for _, w := range windows {
		if !w[1].After(end) {
			continue // due inside the week: listed on its day
		}
		for _, o := range cfg.Occurrences(w[1], w[1], partners, recs) {
			if o.Kind == cadence.KindQBR && !o.Scheduled() && !o.Status.Settled() {
				due = append(due, o)
			}
		}
	}
	return occs, due, nil
}

// openWindows returns the QBR windows that overlap [from, to].
func openWindows(cfg *cadence.Config, from, to cadence.Date) [][2]cadence.Date {
	f := cfg.Fiscal()
	var out [][2]cadence.Date
	for q := f.QuarterOf(from); q != f.QuarterOf(to).Next(); q = q.Next() {
		if w := cfg.QBRWindow(q); !w[1].Before(from) && !w[0].After(to) {
			out = append(out, w)
		}
	}
	return out
}

// mondayOf returns the Monday of d's week.
func mondayOf(d cadence.Date) cadence.Date {
	return d.AddDays(-((int(d.Weekday()) + 6) % 7))
}

// setStatus marks an occurrence held, skipped, cancelled or back to
// scheduled, keeping whatever else its record holds: the change goes in the
// session's outbox and shows once it is saved.
func setStatus(sess *session.Session, o cadence.Occurrence, status cadence.MeetingStatus) tea.Cmd {
	sess.Outbox.Add(cadence.MeetingChange{
		Meeting: o.ID, What: fmt.Sprintf("%s marked %s", o.Title, status),
		Edits: []cadence.MeetingEdit{{Kind: cadence.EditStatus, Status: status}},
		Undo:  []cadence.MeetingEdit{{Kind: cadence.EditStatus, Status: o.Status}},
	})
	return func() tea.Msg { return session.FlushNow{} }
}

// reschedule moves an occurrence to at (or schedules an unscheduled QBR).
// Moving it back to its planned time clears the move; rescheduling a
// skipped or cancelled meeting puts it back on.
func reschedule(sess *session.Session, o cadence.Occurrence, at time.Time) tea.Cmd {
	cfg := sess.Config
	verb := "moved"
	if o.Kind == cadence.KindQBR && !o.Scheduled() {
		verb = "scheduled"
	}
	what := fmt.Sprintf("%s %s to %s", o.Title, verb, at.In(loc(cfg)).Format("Mon Jan 2 15:04"))
	if o.Kind != cadence.KindQBR && o.Kind != cadence.KindAdhoc {
		if planned, err := cfg.OccurrenceByID(o.ID, nil, nil); err == nil && planned.Start.Equal(at) {
			at = time.Time{}
		}
	}
	var before time.Time
	if o.Record != nil {
		before = o.Record.At
	}
	sess.Outbox.Add(cadence.MeetingChange{Meeting: o.ID, What: what,
		Edits: []cadence.MeetingEdit{{Kind: cadence.EditMove, At: at}},
		// Back to the old time, and the status a move puts back on.
		Undo: []cadence.MeetingEdit{{Kind: cadence.EditMove, At: before}, {Kind: cadence.EditStatus, Status: o.Status}},
	})
	return func() tea.Msg { return session.FlushNow{} }
}

// checkMove works out what is odd about moving o to at — a holiday, a
// weekend, the past, another meeting of one of its people — from that
// day's meetings as the database has them.
func checkMove(sess *session.Session, snap *session.Snapshot, o cadence.Occurrence, at time.Time) tea.Cmd {
	cfg := sess.Config
	var partners []cadence.Partner
	if snap != nil {
		partners = make([]cadence.Partner, len(snap.Partners))
		for i, p := range snap.Partners {
			partners[i] = p.Partner
		}
	}
	now := sess.Now()
	return func() tea.Msg {
		day := cadence.DateIn(at, loc(cfg))
		recs, err := sess.Store.Records(day, day)
		if err != nil {
			return moveChecked{occ: o, at: at, err: err}
		}
		sameDay := cfg.Occurrences(day, day, partners, recs)
		return moveChecked{occ: o, at: at, why: cfg.MoveConcerns(o, at, now, sameDay)}
	}
}

func loc(cfg *cadence.Config) *time.Location {
	if cfg.Location == nil {
		return time.UTC
	}
	return cfg.Location
}

// kindLabel is how a meeting kind reads in a row.
func kindLabel(k cadence.Kind) string {
	switch k {
	case cadence.KindOneOnOne:
		return "1:1"
	case cadence.KindPipeline:
		return "pipeline"
	case cadence.KindQBR:
		return "QBR"
	case cadence.KindReadout:
		return "readout"
	case cadence.KindAdhoc:
		return "one-off"
	}
	return string(k)
}
