package demo

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"partnercadence/cadence"
)

// rec is a meeting record being made, with when it happens (to number its
// actions in time order).
type rec struct {
	cadence.MeetingRecord
	when time.Time
	date cadence.Date
}

// emitRecords writes the meeting records, by ID.
func (g *gen) emitRecords(sink Sink) error {
	recs := g.records()
	slices.SortFunc(recs, func(a, b rec) int { return strings.Compare(a.ID, b.ID) })
	for i := range recs {
		if err := sink.Record(recs[i].MeetingRecord); err != nil {
			return err
		}
	}
	return nil
}

// records makes a record for every occurrence of the cadence from the
// config's start until now — held mostly, some skipped or cancelled, a few
// missed on purpose — plus talking points for some of the coming week's
// meetings, the current quarter's scheduled QBRs and a few one-off meetings.
func (g *gen) records() []rec {
	r := newRand(g.seed, streamMeetings, 0)
	loc := g.cfg.Location
	partners := make([]cadence.Partner, len(g.plans))
	byName := make(map[string]int, len(g.plans))
	for i := range g.plans {
		partners[i] = g.plans[i].p
		byName[g.plans[i].p.Name] = i
	}
	week := g.today.AddDays(7)
	to := g.today.AddDays(7*max(g.cfg.QBR.WindowWeeks, 1) + 7)
	occs := g.cfg.Occurrences(g.start, to, partners, nil)
	missed := g.pickMissed(r, occs)
	unprepared := ""
	prep := g.now.Add(time.Duration(g.cfg.Flags.PrepHours) * time.Hour)
	for _, o := range occs {
		if o.Kind == cadence.KindOneOnOne && o.TakesPlace() && o.Start.After(g.now) && !o.Start.After(prep) {
			unprepared = o.ID
			break
		}
	}

	var out []rec
	for _, o := range occs {
		var x rec
		switch {
		case o.Kind == cadence.KindQBR:
			pl := &g.plans[byName[o.Partner]]
			var ok bool
			if x, ok = g.qbrRecord(r, o, pl, loc); !ok {
				continue
			}
		case o.Date.After(week):
			continue
		case o.End.After(g.now):
			// Still ahead: some have talking points written already, but
			// not the first 1:1 due within the flags' prep hours, so that
			// meeting_unprepared shows whenever one is due, and none of
			// those on a holiday: they wait for someone to move them.
			if !chance(r, 0.5) {
				continue
			}
			x = rec{MeetingRecord: cadence.MeetingRecord{ID: o.ID, Status: cadence.MeetingScheduled}, when: o.Start, date: o.Date}
			x.TalkingPoints = g.talkingPoints(r, o, nil, g.someOwned(r, o.Member, 2))
			if o.Holiday || o.ID == unprepared {
				continue // (written and dropped: the rest of the demo stays as it was)
			}
		case missed[o.ID]:
			continue
		default:
			x = g.pastRecord(r, o)
		}
		out = append(out, x)
	}
	out = append(out, g.adhoc(r, loc)...)

	// Number the actions in the order the meetings happened.
	slices.SortStableFunc(out, func(a, b rec) int { return cmp.Or(a.when.Compare(b.when), strings.Compare(a.ID, b.ID)) })
	g.settleActions(r, out)
	n := 0
	for i := range out {
		for k := range out[i].Actions {
			n++
			out[i].Actions[k].ID = "A-" + strconv.Itoa(n)
			out[i].Actions[k].Meeting = out[i].ID
		}
	}
	g.lastAction = n
	return out
}

// pickMissed chooses the 1:1s that nobody recorded: recent past ones inside
// the missed-meeting lookback, the latest of them and others of different
// partner managers where possible.
func (g *gen) pickMissed(r *rand.Rand, occs []cadence.Occurrence) map[string]bool {
	lo := g.today.AddDays(-g.cfg.Flags.MissedLookbackDays + 2)
	var cands []cadence.Occurrence
	for _, o := range occs {
		if o.Kind == cadence.KindOneOnOne && !o.End.After(g.now) && !o.Date.Before(lo) && !o.Date.Before(g.start) &&
			!g.cfg.Holidays[o.Date] {
			cands = append(cands, o)
		}
	}
	out := map[string]bool{}
	want := g.scenarios().missed
	if len(cands) == 0 || want == 0 {
		return out
	}
	latest := cands[len(cands)-1]
	out[latest.ID] = true
	members := map[string]bool{latest.Member: true}
	rest := cands[:len(cands)-1]
	r.Shuffle(len(rest), func(i, j int) { rest[i], rest[j] = rest[j], rest[i] })
	for pass := 0; pass < 2 && len(out) < want; pass++ {
		for _, o := range rest {
			if len(out) == want {
				break
			}
			if !out[o.ID] && (pass == 1 || !members[o.Member]) {
				out[o.ID] = true
				members[o.Member] = true
			}
		}
	}
	return out
}

// pastRecord is the record of a 1:1, pipeline review or readout that is over.
func (g *gen) pastRecord(r *rand.Rand, o cadence.Occurrence) rec {
	x := rec{MeetingRecord: cadence.MeetingRecord{ID: o.ID, Status: cadence.MeetingHeld}, when: o.Start, date: o.Date}
	skip, cancel := 0.05, 0.03
	switch o.Kind {
	case cadence.KindPipeline:
		skip, cancel = 0, 0.03
	case cadence.KindReadout:
		skip, cancel = 0, 0
	}
	y := r.Float64()
	switch {
	case g.cfg.Holidays[o.Date]:
		x.Status, x.Notes = cadence.MeetingCancelled, "Cancelled: company holiday."
		return x
	case y < skip:
		x.Status, x.Notes = cadence.MeetingSkipped, pick(r, skipReasons)
		return x
	case y < skip+cancel:
		x.Status, x.Notes = cadence.MeetingCancelled, pick(r, cancelReasons)
		return x
	}
	if o.Kind == cadence.KindOneOnOne && chance(r, 0.05) {
		// Moved by a day, to the next business day (or the one before).
		at := o.Start.AddDate(0, 0, 1)
		if d := o.Date.AddDays(1); !g.cfg.Holidays.BusinessDay(d) {
			at = o.Start.AddDate(0, 0, -1)
		}
		if d := cadence.DateIn(at, g.cfg.Location); g.cfg.Holidays.BusinessDay(d) && !at.Add(time.Duration(o.Minutes)*time.Minute).After(g.now) {
			x.At, x.when, x.date = at.UTC(), at, d
		}
	}
	focus := g.someOwned(r, o.Member, 2)
	x.TalkingPoints = g.talkingPoints(r, o, nil, focus)
	x.Notes, x.Actions = g.heldNotes(r, o, x.date, nil, focus)
	return x
}

// qbrRecord is the record of a QBR, if it has one: held (or skipped) when
// its window is over or it already took place, scheduled when it is set for
// later in the current window.
func (g *gen) qbrRecord(r *rand.Rand, o cadence.Occurrence, pl *plan, loc *time.Location) (rec, bool) {
	w := o.Window
	if w[0].After(g.today) {
		return rec{}, false
	}
	d := w[0].AddDays(span(r, 7, max(7, w[1].Sub(w[0])-3)))
	for !g.cfg.Holidays.BusinessDay(d) && d.After(w[0]) {
		d = d.AddDays(-1)
	}
	at := d.At(cadence.Clock{Hour: 14}, loc)
	x := rec{MeetingRecord: cadence.MeetingRecord{ID: o.ID, At: at.UTC()}, when: at, date: d}
	end := at.Add(time.Duration(o.Minutes) * time.Minute)
	if end.After(g.now) {
		if !chance(r, 0.7) {
			return rec{}, false
		}
		x.Status = cadence.MeetingScheduled
		x.TalkingPoints = g.talkingPoints(r, o, pl, nil)
		return x, true
	}
	quiet := g.today.AddDays(-pl.silent)
	switch {
	case pl.silent > 0 && d.After(quiet):
		x.Status, x.Notes = cadence.MeetingSkipped, "Skipped: "+pl.p.Name+" did not confirm a date."
		return x, true
	case chance(r, 0.04):
		x.Status, x.Notes = cadence.MeetingSkipped, "Skipped: the partner asked to combine it with next quarter's."
		return x, true
	}
	x.Status = cadence.MeetingHeld
	x.TalkingPoints = g.talkingPoints(r, o, pl, nil)
	x.Notes, x.Actions = g.heldNotes(r, o, d, pl, nil)
	// Satisfaction clusters per partner, with the odd bad quarter.
	base := 6 + int(splitmix(uint64(g.seed)^uint64(pl.acctBase+1))%4)
	x.Satisfaction = min(10, max(1, base+span(r, -1, 1)))
	if chance(r, 0.06) {
		x.Satisfaction = span(r, 3, 5)
	}
	return x, true
}

// talkingPoints writes what someone prepared for the meeting: for a 1:1,
// about the partners in focus; for a QBR, about the partner pl.
func (g *gen) talkingPoints(r *rand.Rand, o cadence.Occurrence, pl *plan, focus []string) string {
	var b strings.Builder
	switch o.Kind {
	case cadence.KindOneOnOne:
		for _, name := range focus {
			b.WriteString("- " + name + ": " + pick(r, oneOnOneTopics) + "\n")
		}
		b.WriteString("- " + pick(r, generalTopics) + "\n")
	case cadence.KindPipeline:
		for _, t := range pickN(r, pipelineTopics, 3) {
			b.WriteString("- " + t + "\n")
		}
	case cadence.KindReadout:
		for _, t := range pickN(r, readoutTopics, 4) {
			b.WriteString("- " + t + "\n")
		}
	case cadence.KindQBR:
		b.WriteString("Agenda for " + pl.p.Name + " (" + pl.p.Contact + "):\n\n")
		for _, t := range pickN(r, qbrTopics, 4) {
			b.WriteString("1. " + t + "\n")
		}
	}
	return b.String()
}

// heldNotes writes the notes and action items of a meeting that was held on
// date, about the same partners as its talking points.
func (g *gen) heldNotes(r *rand.Rand, o cadence.Occurrence, date cadence.Date, pl *plan, focus []string) (string, []cadence.ActionItem) {
	var b strings.Builder
	var acts []cadence.ActionItem
	add := func(text, owner string, days int) {
		acts = append(acts, cadence.ActionItem{Text: text, Owner: owner, Due: date.AddDays(days)})
	}
	switch o.Kind {
	case cadence.KindOneOnOne:
		for _, name := range focus {
			b.WriteString(name + " " + pick(r, oneOnOneObservations) + ". ")
		}
		b.WriteString("\n\n" + pick(r, oneOnOneClosers))
		n := weighted(r, []int{20, 35, 30, 15})
		for k, tmpl := range pickN(r, actionTemplates, n) {
			if len(focus) == 0 {
				break
			}
			owner := o.Member
			if chance(r, 0.2) {
				owner = g.head
			}
			add(fmt.Sprintf(tmpl, focus[k%len(focus)]), owner, pick(r, []int{7, 7, 7, 14}))
		}
	case cadence.KindPipeline:
		fmt.Fprintf(&b, "Went through %d open registrations with sales. %s. %s.",
			span(r, 12, 40), pick(r, []string{"Two deals need a sales owner", "Forecast holds", "One deal slipped to next quarter", "Good week for partner-sourced deals"}),
			pick(r, []string{"Sales asked for earlier notice on large registrations", "Agreed to tighten the approval SLA", "Marketplace deals need a separate forecast line"}))
		for _, text := range pickN(r, pipelineActions, span(r, 1, 3)) {
			owners := append([]string{g.head}, g.sales...)
			if len(g.pms) > 0 {
				owners = append(owners, g.pms[r.IntN(len(g.pms))].Name)
			}
			add(text, pick(r, owners), span(r, 10, 21))
		}
	case cadence.KindReadout:
		b.WriteString(pick(r, []string{
			"The executive team wants partner-sourced revenue split by motion next time.",
			"CFO asked for the cost per partner-sourced dollar.",
			"CRO backed the partner tiering proposal; budget review next month.",
			"Good reception; asked for a deeper look at marketplace deals.",
		}))
		for _, text := range pickN(r, readoutActions, span(r, 1, 2)) {
			add(text, g.head, span(r, 14, 28))
		}
	case cadence.KindQBR:
		fmt.Fprintf(&b, "Held with %s and their sales lead. %s",
			pl.p.Contact, pick(r, []string{
				"They want more joint marketing next quarter.",
				"Scorecard is ahead of plan; they asked for a higher discount tier.",
				"Pipeline is thin; agreed on an account-mapping session.",
				"Two escalations dented the relationship; follow-ups agreed.",
				"Strong quarter; exec sponsors met for the first time.",
			}))
		for _, tmpl := range pickN(r, qbrActions, span(r, 1, 3)) {
			owner := pl.p.Owner
			if chance(r, 0.25) {
				owner = g.head
			}
			add(fmt.Sprintf(tmpl, pl.p.Name), owner, span(r, 14, 30))
		}
	case cadence.KindAdhoc:
		b.WriteString(pick(r, []string{
			"Good discussion; decisions captured below.",
			"Agreed the next steps; owners below.",
		}))
		add("Write up the decisions and share them with the team", g.head, 7)
	}
	return b.String(), acts
}

// settleActions marks what got done: everything due before today is done
// except a few, left open on purpose; of what is due later, some is done
// early.
func (g *gen) settleActions(r *rand.Rand, recs []rec) {
	type ref struct{ rec, act int }
	var late []ref
	for i := range recs {
		x := &recs[i]
		for k := range x.Actions {
			a := &x.Actions[k]
			if a.Due.Before(g.today) {
				a.Done = between(r, x.date.AddDays(1), earlier(a.Due.AddDays(5), g.today))
				if a.Due.AddDays(21).After(g.today) && !x.date.Before(g.start) {
					late = append(late, ref{i, k})
				}
			} else if first := x.date.AddDays(1); !first.After(g.today) && chance(r, 0.4) {
				a.Done = between(r, first, g.today)
			}
		}
	}
	want := g.scenarios().lateActions
	if len(late) == 0 {
		// Make one: the latest held meeting at least two days ago gets an
		// action that was due yesterday.
		for i := len(recs) - 1; i >= 0; i-- {
			if x := &recs[i]; x.Status == cadence.MeetingHeld && x.date.Before(g.today.AddDays(-1)) {
				owner := g.head
				if len(x.Actions) > 0 {
					owner = x.Actions[0].Owner
				}
				x.Actions = append(x.Actions, cadence.ActionItem{
					Text: "Send the follow-up notes to everyone who attended", Owner: owner, Due: g.today.AddDays(-1),
				})
				return
			}
		}
		return
	}
	r.Shuffle(len(late), func(i, j int) { late[i], late[j] = late[j], late[i] })
	for _, l := range late[:min(want, len(late))] {
		recs[l.rec].Actions[l.act].Done = cadence.Date{}
	}
}

// adhoc makes a few one-off meetings: most in the past, one in the coming
// week.
func (g *gen) adhoc(r *rand.Rand, loc *time.Location) []rec {
	titles := []string{
		"Partner advisory board",
		"Partner summit planning",
		"Tiering and rebate review",
		"Marketplace listing review",
		"Partner program budget",
		"Co-sell kickoff with field sales",
	}
	n := 3
	if g.size == Large {
		n = 24
	}
	var out []rec
	for k := 0; k < n; k++ {
		var d cadence.Date
		if k == n-1 {
			d = g.today.AddDays(span(r, 2, 6))
		} else {
			d = between(r, g.start.AddDays(30), g.today.AddDays(-3))
		}
		for !g.cfg.Holidays.BusinessDay(d) {
			d = d.AddDays(1)
		}
		at := d.At(cadence.Clock{Hour: 13, Minute: 30}, loc)
		attendees := []string{g.head}
		if len(g.pms) > 0 {
			attendees = append(attendees, g.pms[r.IntN(len(g.pms))].Name)
		}
		if len(g.sales) > 0 && chance(r, 0.5) {
			attendees = append(attendees, g.sales[r.IntN(len(g.sales))])
		}
		x := rec{
			MeetingRecord: cadence.MeetingRecord{
				ID: "adhoc/" + strconv.Itoa(k+1), Title: pick(r, titles), At: at.UTC(),
				Minutes: pick(r, []int{45, 60, 90}), Attendees: attendees,
				TalkingPoints: "- Goals for the session\n- Decisions we need today\n- Owners and dates\n",
			},
			when: at, date: d,
		}
		if at.After(g.now) {
			x.Status = cadence.MeetingScheduled
		} else {
			x.Status = cadence.MeetingHeld
			x.Notes, x.Actions = g.heldNotes(r, cadence.Occurrence{Kind: cadence.KindAdhoc}, d, nil, nil)
		}
		out = append(out, x)
	}
	g.lastAdhoc = n
	return out
}

// someOwned returns up to n names of engaged partners owned by member, or
// of any engaged partner when the member owns none.
func (g *gen) someOwned(r *rand.Rand, member string, n int) []string {
	idx := g.ownedBy[member]
	if len(idx) == 0 {
		idx = g.ownedBy[g.head]
	}
	if len(idx) == 0 {
		return nil
	}
	out := make([]string, 0, n)
	for k := 0; k < n && k < len(idx); k++ {
		name := g.plans[idx[r.IntN(len(idx))]].p.Name
		if !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}

// pickN returns n distinct elements of list in random order.
func pickN(r *rand.Rand, list []string, n int) []string {
	p := r.Perm(len(list))
	out := make([]string, 0, n)
	for _, i := range p[:min(n, len(p))] {
		out = append(out, list[i])
	}
	return out
}
