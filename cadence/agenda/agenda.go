package agenda

import (
	"strconv"
	"strings"
	"time"

	"partnercadence/cadence"
)

// Input is everything one meeting's agenda shows, decided: what Assemble
// makes of a plan's answers (or a test fills). Only the fields the
// occurrence's kind uses need to be set; what is missing shows as an empty
// section.
type Input struct {
	// Config gives the zone, the currency, the fiscal calendar and the
	// registration SLA; nil means cadence.DefaultConfig().
	Config *cadence.Config
	// Now is the reference instant: "today" for days since the last inbound
	// touch, business days waiting and overdue actions.
	Now time.Time
	// Occurrence is the meeting, its Record attached when there is one
	// (talking points, notes, action items, satisfaction).
	Occurrence cadence.Occurrence
	// CarriedOver is cadence.CarriedOverSince for the occurrence: the open
	// action items of earlier meetings of its series, and those done since
	// last time.
	CarriedOver []cadence.ActionItem
	// Flags are the flags to show, scoped to the people and partners
	// involved: a 1:1, the member's and their partners'; a pipeline review,
	// every registration and intro flag; a QBR, the partner's; a readout,
	// every flag.
	Flags []cadence.Flag
	// Partners are, for a 1:1, the member's partners; for a QBR, the partner;
	// for a pipeline review, every partner with open pipeline.
	Partners []cadence.PartnerActivity
	// Registrations are those of Partners: every open one, plus every one
	// decided or closed in the occurrence's quarter (cadence.Fiscal.QuarterOf
	// its date) and the quarter before (or since last time, when that is
	// earlier); for a pipeline review, the open ones.
	Registrations []cadence.Registration
	// Scorecard is the partner's scorecard, for a QBR.
	Scorecard *cadence.PartnerScorecard
	// LastQBR is the record of the partner's previous QBR, for "commitments
	// from the last QBR"; nil when there is none.
	LastQBR *cadence.MeetingRecord
	// KPIs are the quarter's numbers, for a readout.
	KPIs *cadence.KPIs
	// Top are the top partners by sourced revenue won in the quarter, for a
	// readout (see TopPartners).
	Top []PartnerRevenue
	// Since is what changed since the previous meeting of the series
	// (cadence.SinceLastTime); nil leaves the section out.
	Since *cadence.Changes
	// Pipeline is the open pipeline summed, for a pipeline review
	// (cadence.PipelineOf); nil sums Registrations, with Partners' owners.
	Pipeline *cadence.Pipeline
}

// Markdown returns the agenda of in.Occurrence: its header (who, when,
// status), the sections Build cuts it into, each as a level-2 heading, and
// the record's talking points, notes and action items.
//
// The rules for user text are in the package documentation.
func Markdown(in Input) string {
	return Build(in).Markdown()
}

// Markdown writes the agenda (see the package function Markdown).
func (ag Agenda) Markdown() string {
	a := &agendaWriter{ag: ag, cfg: ag.Config, loc: ag.Config.Location, today: ag.Today}
	if a.loc == nil {
		a.loc = time.UTC
	}
	a.header()
	for _, s := range ag.Sections {
		switch s := s.(type) {
		case *ActionList:
			a.actionList(s)
		case *FlagList:
			a.flagList(s)
		case *MemberPipeline:
			a.memberPipeline(s)
		case *Waiting:
			a.waiting(s)
		case *Conflicts:
			a.conflicts(s)
		case *Expiring:
			a.expiring(s)
		case *PipelineReview:
			a.pipelineReview(s.Pipeline)
		case *Scorecard:
			a.scorecard(s.Scorecard)
		case *ReadoutSection:
			if s.KPIs != nil {
				readoutBody(&a.d, *s.KPIs, s.Flags, s.Top, a.cfg.Currency)
			} else {
				a.d.heading(2, "KPIs")
				a.d.para("No KPIs available.")
			}
		case *Since:
			a.sinceLastTime(s.Changes)
		}
	}
	a.userText()
	return a.d.String()
}

// agendaWriter writes an Agenda as markdown.
type agendaWriter struct {
	ag    Agenda
	cfg   *cadence.Config
	loc   *time.Location
	today cadence.Date
	d     doc
}

func (a *agendaWriter) header() {
	o := a.ag.Occurrence
	a.d.heading(1, o.Title)
	var items []string
	if o.Scheduled() {
		items = append(items, label("When", when(o.Start, o.End, a.loc)))
	} else if o.Kind == cadence.KindQBR {
		items = append(items, label("When", "not scheduled yet (due by "+date(o.Window[1])+")"))
	} else {
		items = append(items, label("When", "not scheduled"))
	}
	who := "nobody listed"
	if len(o.Attendees) > 0 {
		who = strings.Join(o.Attendees, ", ")
	}
	items = append(items, label("Who", who))
	if o.Kind == cadence.KindQBR {
		partner := o.Partner
		if a.ag.Owner != "" {
			partner += " (owner " + a.ag.Owner + ")"
		}
		items = append(items, label("Partner", partner))
		items = append(items, label("Window", date(o.Window[0])+" to "+date(o.Window[1])))
	}
	if o.Kind == cadence.KindReadout && o.Quarter.Year != 0 {
		items = append(items, label("Quarter", o.Quarter.String()))
	}
	items = append(items, label("Status", a.status()))
	if r := o.Record; o.Kind == cadence.KindQBR && r != nil && r.Satisfaction > 0 {
		items = append(items, label("Satisfaction", strconv.Itoa(r.Satisfaction)+"/10"))
	}
	items = append(items, label("Meeting ID", o.ID))
	a.d.list(items)
}

// status writes the meeting's status and, for a meeting of the cadence that
// a record moved, where it was planned.
func (a *agendaWriter) status() string {
	o := a.ag.Occurrence
	s := string(o.Status)
	if s == "" {
		s = string(cadence.MeetingScheduled)
	}
	if !o.Moved || o.Kind == cadence.KindAdhoc || o.Kind == cadence.KindQBR {
		return s
	}
	if o.Date != o.Planned && !o.Planned.IsZero() {
		return s + " (moved from " + date(o.Planned) + ")"
	}
	return s + " (moved from its usual time)"
}

// action writes one action item as a task list item's text: the checkbox,
// the text, then its owner, due date (and whether it is overdue), done date
// and, when from is set, the meeting it came from.
func (a *agendaWriter) action(it cadence.ActionItem, from bool) string {
	box := "[ ] "
	if !it.Open() {
		box = "[x] "
	}
	var details []string
	if strings.TrimSpace(it.Owner) != "" {
		details = append(details, it.Owner)
	}
	if !it.Due.IsZero() {
		due := "due " + date(it.Due)
		if it.Open() && it.Due.Before(a.today) {
			due += " (overdue by " + plural(a.today.Sub(it.Due), "day", "days") + ")"
		}
		details = append(details, due)
	}
	if !it.Open() {
		details = append(details, "done "+date(it.Done))
	}
	if from && it.Meeting != "" {
		details = append(details, "from "+it.Meeting)
	}
	text := inline(it.Text)
	if text == "" {
		text = "(no text)"
	}
	md := box + text
	if len(details) > 0 {
		md += " — " + inline(strings.Join(details, ", "))
	}
	return md
}

func (a *agendaWriter) actions(items []cadence.ActionItem, from bool) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = a.action(it, from)
	}
	return out
}

// actionList writes a list of earlier meetings' action items: a line that
// says where they are from when they are all from one meeting, then the
// task list, each item saying its meeting otherwise.
func (a *agendaWriter) actionList(l *ActionList) {
	a.d.heading(2, l.Title)
	if len(l.Items) == 0 {
		a.d.para(l.Empty)
		return
	}
	if l.From != "" {
		a.d.para("From " + l.From + ":")
	}
	a.d.list(a.actions(l.Items, l.From == ""))
}

// flagItem writes a flag as a list item: its kind, owner and message.
func flagItem(f cadence.Flag) string {
	md := "**" + FlagLabel(f.Kind) + "**"
	if strings.TrimSpace(f.Owner) != "" {
		md += " (" + inline(f.Owner) + ")"
	}
	return md + ": " + inline(f.Message)
}

func (a *agendaWriter) flagList(l *FlagList) {
	a.d.heading(2, l.Title)
	if len(l.Flags) == 0 {
		a.d.para(l.Empty)
		return
	}
	items := make([]string, len(l.Flags))
	for i, f := range l.Flags {
		items[i] = flagItem(f)
	}
	a.d.list(items)
}

// memberPipeline writes a 1:1's pipeline: each of the member's partners,
// top tier first, with its open and won-this-quarter registrations,
// sourced and influenced, and the days since its last inbound touch; then
// a total row.
func (a *agendaWriter) memberPipeline(s *MemberPipeline) {
	a.d.heading(2, "Pipeline")
	p := s.Pipeline
	if len(p.Rows) == 0 {
		a.d.para("No partners.")
		return
	}
	cur := a.cfg.Currency
	q := a.ag.Quarter.String()
	cols := []column{{Header: "Partner"},
		{"Tier", true},
		{"Sourced open", true}, {"Sourced won " + q, true},
		{"Influenced open", true}, {"Influenced won " + q, true},
		{"Days since last inbound", true}}
	zero := deals(cadence.Deals{}, cur) // most cells of a partner's row
	cell := func(d cadence.Deals) string {
		if d == (cadence.Deals{}) {
			return zero
		}
		return deals(d, cur)
	}
	cells := make([][]string, 0, len(p.Rows)+1)
	for _, r := range p.Rows {
		inbound := "never"
		if days, ok := r.Partner.DaysSinceInbound(a.today); ok {
			inbound = strconv.Itoa(days)
		}
		cells = append(cells, []string{r.Partner.Partner.Name, strconv.Itoa(r.Partner.Partner.Tier),
			cell(r.Open.Sourced), cell(r.Won.Sourced), cell(r.Open.Influenced), cell(r.Won.Influenced), inbound})
	}
	cells = append(cells, []string{"Total", "", deals(p.Open.Sourced, cur), deals(p.Won.Sourced, cur),
		deals(p.Open.Influenced, cur), deals(p.Won.Influenced, cur), ""})
	a.d.table(cols, cells)
}

// unknown lists the rows whose registration the agenda was not given, by
// their flags.
func unknown(rows []DealRow) []string {
	var out []string
	for _, r := range rows {
		if !r.Found {
			out = append(out, flagItem(r.Flag))
		}
	}
	return out
}

// waiting writes the registrations waiting for a decision past the SLA,
// and then how many more wait within it.
func (a *agendaWriter) waiting(w *Waiting) {
	a.d.heading(2, "Waiting for a decision")
	cur := a.cfg.Currency
	if len(w.Rows) == 0 {
		if w.Within.Count == 0 {
			a.d.para("No registrations waiting for a decision.")
		} else {
			a.d.para("None past the SLA; " + plural(w.Within.Count, "registration", "registrations") + " (" +
				money(w.Within.Amount, cur) + ") waiting within it.")
		}
		return
	}
	var rows [][]string
	for i, row := range w.Rows {
		if r := row.Registration; row.Found {
			rows = append(rows, []string{r.ID, r.Partner, r.Account, money(r.Amount, cur), string(r.Attribution),
				date(r.Submitted), strconv.Itoa(w.BusinessDays[i]) + " (over the " + strconv.Itoa(w.SLA) + "-day SLA)", row.Owner})
		}
	}
	if len(rows) > 0 {
		a.d.table([]column{{Header: "Registration"}, {Header: "Partner"}, {Header: "Account"}, {"Amount", true},
			{Header: "Attribution"}, {Header: "Submitted"}, {"Business days waiting", true}, {Header: "Owner"}}, rows)
	}
	if u := unknown(w.Rows); len(u) > 0 {
		a.d.list(u)
	}
	if w.Within.Count > 0 {
		a.d.para("And " + plural(w.Within.Count, "registration", "registrations") + " (" +
			money(w.Within.Amount, cur) + ") waiting within the SLA.")
	}
}

// pipelineReview writes the open pipeline by owner and the partners with
// the most of it.
func (a *agendaWriter) pipelineReview(p cadence.Pipeline) {
	cur := a.cfg.Currency
	a.d.heading(2, "Pipeline by owner")
	if p.Partners == 0 {
		a.d.para("No open partner pipeline.")
		return
	}
	a.d.para("Open: " + deals(p.Open.Total(), cur) + " — " + deals(p.Open.Sourced, cur) + " sourced, " +
		deals(p.Open.Influenced, cur) + " influenced — across " + plural(p.Partners, "partner", "partners") + ".")
	rows := make([][]string, 0, len(p.ByOwner)+1)
	for _, o := range p.ByOwner {
		owner := o.Owner
		if strings.TrimSpace(owner) == "" {
			owner = "(no owner)"
		}
		rows = append(rows, []string{owner, deals(o.Open.Sourced, cur), deals(o.Open.Influenced, cur), deals(o.Open.Total(), cur)})
	}
	rows = append(rows, []string{"Total", deals(p.Open.Sourced, cur), deals(p.Open.Influenced, cur), deals(p.Open.Total(), cur)})
	a.d.table([]column{{Header: "Owner"}, {"Sourced open", true}, {"Influenced open", true}, {"Open", true}}, rows)

	a.d.heading(2, "Top partners by open pipeline")
	rows = make([][]string, len(p.Top))
	for i, t := range p.Top {
		rows[i] = []string{t.Partner, t.Owner, strconv.Itoa(t.Tier), deals(t.Open.Sourced, cur), deals(t.Open.Influenced, cur), deals(t.Open.Total(), cur)}
	}
	a.d.table([]column{{Header: "Partner"}, {Header: "Owner"}, {"Tier", true}, {"Sourced open", true}, {"Influenced open", true}, {"Open", true}}, rows)
	if p.RestPartners > 0 {
		a.d.para("… and " + plural(p.RestPartners, "more partner", "more partners") + " (total " + deals(p.Rest.Total(), cur) + ": " +
			money(p.Rest.Sourced.Amount, cur) + " sourced, " + money(p.Rest.Influenced.Amount, cur) + " influenced).")
	}
}

// conflicts writes the registrations that clash over an account, grouped
// by account. A flagged registration the caller did not pass is listed by
// its flag's message.
func (a *agendaWriter) conflicts(c *Conflicts) {
	a.d.heading(2, "Conflicts")
	if len(c.Rows) == 0 {
		a.d.para("No conflicts.")
		return
	}
	var rows [][]string
	for _, row := range c.Rows {
		if r := row.Registration; row.Found {
			rows = append(rows, []string{r.Account, r.Partner, r.ID, string(r.Status), money(r.Amount, a.cfg.Currency), row.Owner})
		}
	}
	if len(rows) > 0 {
		a.d.table([]column{{Header: "Account"}, {Header: "Partner"}, {Header: "Registration"}, {Header: "Status"},
			{"Amount", true}, {Header: "Owner"}}, rows)
	}
	if u := unknown(c.Rows); len(u) > 0 {
		a.d.list(u)
	}
}

// Protection says how a registration's protection stands: "lapsed N days
// ago", "expires in N days" or "expires today", from its flag.
func Protection(f cadence.Flag) string {
	switch {
	case f.Kind == cadence.FlagRegistrationLapsed:
		return "lapsed " + plural(f.Days, "day", "days") + " ago"
	case f.Days == 0:
		return "expires today"
	}
	return "expires in " + plural(f.Days, "day", "days")
}

// expiring writes the approved registrations whose protection has run out
// or is about to.
func (a *agendaWriter) expiring(e *Expiring) {
	a.d.heading(2, "Expiring and lapsed registrations")
	if len(e.Rows) == 0 {
		a.d.para("No registrations expiring or lapsed.")
		return
	}
	rows := make([][]string, len(e.Rows))
	for i, row := range e.Rows {
		f, r := row.Flag, row.Registration
		if !row.Found {
			rows[i] = []string{f.Ref, f.Partner, "", "", date(e.Expires[i]), Protection(f), row.Owner}
			continue
		}
		rows[i] = []string{r.ID, r.Partner, r.Account, money(r.Amount, a.cfg.Currency), date(e.Expires[i]), Protection(f), row.Owner}
	}
	a.d.table([]column{{Header: "Registration"}, {Header: "Partner"}, {Header: "Account"}, {"Amount", true},
		{Header: "Expires"}, {Header: "Protection"}, {Header: "Owner"}}, rows)
}

// scorecard writes the QBR partner's scorecard as a two-column table.
func (a *agendaWriter) scorecard(s *cadence.PartnerScorecard) {
	a.d.heading(2, "Scorecard")
	if s == nil {
		a.d.para("No scorecard available.")
		return
	}
	cur := a.cfg.Currency
	q, prev := s.Quarter.String(), s.Quarter.Prev().String()
	firstDeal := "no won deal yet"
	switch {
	case s.HasFirstDeal:
		firstDeal = plural(s.DaysToFirstDeal, "day", "days") + " (first win " + date(s.FirstWon) + ")"
	case !s.FirstWon.IsZero():
		firstDeal = "first win " + date(s.FirstWon) + " (joined date unknown)"
	}
	sat := "none recorded"
	if s.HasSatisfaction {
		sat = strconv.Itoa(s.LastSatisfaction) + "/10 (" + s.LastSatisfactionQuarter.String() + " QBR)"
	}
	rows := [][]string{
		{"Tier", strconv.Itoa(s.Tier)},
		{"Type", string(s.Type)},
		{"Owner", s.Owner},
		{"Status", string(s.Status)},
		{"Joined", date(s.Joined)},
		{"Time to first deal", firstDeal},
		{"Sourced won " + q, deals(s.Won.Sourced, cur)},
		{"Sourced won " + prev, deals(s.WonLastQuarter.Sourced, cur)},
		{"Influenced won " + q, deals(s.Won.Influenced, cur)},
		{"Influenced won " + prev, deals(s.WonLastQuarter.Influenced, cur)},
		{"Open pipeline", deals(s.Open.Sourced, cur) + " sourced, " + deals(s.Open.Influenced, cur) + " influenced"},
		{"Registrations decided " + q, decisions(s.Decided)},
		{"Registrations decided, all time", decisions(s.DecidedAllTime)},
		{"Last satisfaction", sat},
	}
	a.d.table([]column{{Header: "Measure"}, {Header: "Value"}}, rows)
}

func decisions(d cadence.Decisions) string {
	return strconv.Itoa(d.Approved) + " approved, " + strconv.Itoa(d.Rejected) + " rejected"
}

// userText writes the record's talking points, notes and action items.
func (a *agendaWriter) userText() {
	var rec cadence.MeetingRecord
	if r := a.ag.Occurrence.Record; r != nil {
		rec = *r
	}
	a.d.heading(2, "Talking points")
	a.d.quoted(rec.TalkingPoints, "No talking points yet.")
	a.d.heading(2, "Notes")
	a.d.quoted(rec.Notes, "No notes yet.")
	a.d.heading(2, "Action items")
	if len(rec.Actions) == 0 {
		a.d.para("No action items yet.")
		return
	}
	a.d.list(a.actions(rec.Actions, false))
}
