package agenda

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"partnercadence/cadence"
)

// Input is everything one meeting's agenda shows: plain data the caller (the
// store, or a test) fills. Only the fields the occurrence's kind uses need
// to be set; what is missing shows as an empty section.
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
	// CarriedOver is cadence.CarriedOver for the occurrence: the open action
	// items of earlier meetings of its series.
	CarriedOver []cadence.ActionItem
	// Flags are the flags to show, already scoped by the caller to the
	// people and partners involved: a 1:1, the member's; a pipeline review,
	// every registration and intro flag; a QBR, the partner's; a readout,
	// every flag.
	Flags []cadence.Flag
	// Partners are, for a 1:1, the member's partners; for a QBR, the partner;
	// for a pipeline review, every partner with open pipeline.
	Partners []cadence.PartnerActivity
	// Registrations are those of Partners: every open one, plus every one
	// decided or closed in the occurrence's quarter (cadence.Fiscal.QuarterOf
	// its date) and the quarter before.
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

// Markdown returns the agenda of in.Occurrence, shaped by its kind:
//
//   - 1:1: who and when; carried over (a task list); the member's flags; a
//     table of the member's partners' pipeline (sourced and influenced, open
//     and won this quarter, days since the last inbound touch); talking
//     points; notes; action items.
//   - pipeline review: who and when; carried over; then every registration
//     that needs a decision — those waiting past the SLA (with a line for
//     those still within it), conflicts, expiring and lapsed ones — and the
//     unregistered intros; then the open pipeline by owner (sourced,
//     influenced, total) and the top cadence.PipelineTopPartners partners by
//     open pipeline, the rest in one line ("… and N more"); talking points;
//     notes; action items. The whole team's pipeline is thousands of
//     partners: the review decides and looks at the large ones.
//   - QBR: who and when (or the window it is due in); the partner's
//     scorecard; its flags; commitments from the last QBR; open action
//     items; talking points; notes; action items.
//   - readout: who and when; carried over; the readout (see Readout);
//     talking points; notes; action items.
//   - one-off meeting: who and when; talking points; notes; action items.
//
// Every kind but a one-off meeting then says what changed since the last
// meeting of its series ("Since last time", cadence.SinceLastTime), before
// the talking points.
//
// The rules for user text are in the package documentation.
func Markdown(in Input) string {
	a := newAgenda(in)
	a.header()
	switch in.Occurrence.Kind {
	case cadence.KindOneOnOne:
		a.carriedOver()
		a.flags("Flags", in.Flags)
		a.d.heading(2, "Pipeline")
		a.pipelineTable()
	case cadence.KindPipeline:
		a.carriedOver()
		a.waiting()
		a.conflicts()
		a.intros()
		a.expiring()
		a.pipelineReview()
	case cadence.KindQBR:
		a.scorecard()
		a.flags("Flags", in.Flags)
		a.commitments()
		a.openActions()
	case cadence.KindReadout:
		a.carriedOver()
		if in.KPIs != nil {
			readoutBody(&a.d, *in.KPIs, in.Flags, in.Top, a.cfg.Currency)
		} else {
			a.d.heading(2, "KPIs")
			a.d.para("No KPIs available.")
		}
	}
	if in.Since != nil && in.Occurrence.Kind != cadence.KindAdhoc {
		a.sinceLastTime(*in.Since)
	}
	a.userText()
	return a.d.String()
}

// agendaWriter holds what every section needs.
type agendaWriter struct {
	in       Input
	cfg      *cadence.Config
	loc      *time.Location
	today    cadence.Date
	quarter  cadence.Quarter
	first    cadence.Date // the quarter's first and last day
	last     cadence.Date
	partners map[string]*cadence.Partner // in in.Partners by NameKey; built on first use (partner)
	regs     map[string]int              // index in in.Registrations by ID of the flags' registrations (-1: none); built on first use
	d        doc
}

func newAgenda(in Input) *agendaWriter {
	cfg := in.Config
	if cfg == nil {
		cfg = cadence.DefaultConfig()
	}
	loc := cfg.Location
	if loc == nil {
		loc = time.UTC
	}
	a := &agendaWriter{
		in: in, cfg: cfg, loc: loc,
		today: cadence.DateIn(in.Now, loc),
	}
	on := in.Occurrence.Date
	if on.IsZero() {
		on = a.today
	}
	a.quarter = cfg.Fiscal().QuarterOf(on)
	a.first, a.last = cfg.Fiscal().Bounds(a.quarter)
	return a
}

// partner returns the input's partner with the given name (by NameKey).
func (a *agendaWriter) partner(name string) (cadence.Partner, bool) {
	if a.partners == nil {
		a.partners = make(map[string]*cadence.Partner, len(a.in.Partners))
		for i := range a.in.Partners {
			a.partners[cadence.NameKey(a.in.Partners[i].Partner.Name)] = &a.in.Partners[i].Partner
		}
	}
	if p := a.partners[cadence.NameKey(name)]; p != nil {
		return *p, true
	}
	return cadence.Partner{}, false
}

// registration returns the input's registration with the given ID, one
// a flag refers to.
func (a *agendaWriter) registration(id string) (cadence.Registration, bool) {
	if a.regs == nil {
		// Only the flags' registrations are asked for: a few of the
		// thousands a pipeline review holds.
		a.regs = make(map[string]int, len(a.in.Flags))
		for _, f := range a.in.Flags {
			a.regs[f.Ref] = -1
		}
		for i := range a.in.Registrations {
			if r := &a.in.Registrations[i]; a.regs[r.ID] == -1 {
				a.regs[r.ID] = i
			}
		}
	}
	i, ok := a.regs[id]
	if !ok || i < 0 {
		return cadence.Registration{}, false
	}
	return a.in.Registrations[i], true
}

func (a *agendaWriter) header() {
	o := a.in.Occurrence
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
		if p, ok := a.partner(o.Partner); ok && p.Owner != "" {
			partner += " (owner " + p.Owner + ")"
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
	o := a.in.Occurrence
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

func (a *agendaWriter) carriedOver() {
	a.d.heading(2, "Carried over")
	if len(a.in.CarriedOver) == 0 {
		a.d.para("Nothing carried over.")
		return
	}
	a.d.list(a.actions(a.in.CarriedOver, true))
}

// flagItem writes a flag as a list item: its kind, owner and message.
func flagItem(f cadence.Flag) string {
	md := "**" + FlagLabel(f.Kind) + "**"
	if strings.TrimSpace(f.Owner) != "" {
		md += " (" + inline(f.Owner) + ")"
	}
	return md + ": " + inline(f.Message)
}

func (a *agendaWriter) flags(title string, flags []cadence.Flag) {
	a.d.heading(2, title)
	if len(flags) == 0 {
		a.d.para("No flags.")
		return
	}
	items := make([]string, len(flags))
	for i, f := range flags {
		items[i] = flagItem(f)
	}
	a.d.list(items)
}

// pipelineTable writes a 1:1's pipeline (cadence.MemberPipelineOf, which
// the meeting screen shows too): each of the member's partners, top tier
// first, with its open and won-this-quarter registrations, sourced and
// influenced, and the days since its last inbound touch; then a total row.
// (A pipeline review's is pipelineReview's, summed by cadence.PipelineOf.)
func (a *agendaWriter) pipelineTable() {
	p := cadence.MemberPipelineOf(a.in.Partners, a.in.Registrations, a.first, a.last)
	if len(p.Rows) == 0 {
		a.d.para("No partners.")
		return
	}
	cur := a.cfg.Currency
	q := a.quarter.String()
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

// owner returns who decides a registration: its owner, else its partner's.
func (a *agendaWriter) owner(r cadence.Registration) string {
	if strings.TrimSpace(r.Owner) != "" {
		return r.Owner
	}
	p, _ := a.partner(r.Partner)
	return p.Owner
}

// pipeline returns the pipeline review's sums: in.Pipeline, else summed
// here from the registrations and the partners' owners.
func (a *agendaWriter) pipeline() cadence.Pipeline {
	if a.in.Pipeline != nil {
		return *a.in.Pipeline
	}
	owners := make(map[string]string, len(a.in.Partners))
	for _, p := range a.in.Partners {
		owners[cadence.NameKey(p.Partner.Name)] = p.Partner.Owner
	}
	return cadence.PipelineOf(cadence.PipelineInput{
		Open: a.in.Registrations, Owners: owners, Flags: a.in.Flags, Partner: a.partner,
	})
}

// waiting writes the registrations waiting for a decision past the SLA
// (the registration_overdue flags), the longest waiting first, and then
// how many more wait within it.
func (a *agendaWriter) waiting() {
	a.d.heading(2, "Waiting for a decision")
	var subs []cadence.Registration
	var unknown []string
	for _, f := range a.flagsOf(cadence.FlagRegistrationOverdue) {
		if r, ok := a.registration(f.Ref); ok {
			subs = append(subs, r)
		} else {
			unknown = append(unknown, flagItem(f))
		}
	}
	p := a.pipeline()
	within := cadence.Deals{Amount: p.Waiting.Amount - p.Overdue.Amount, Count: p.Waiting.Count - p.Overdue.Count}
	if len(subs)+len(unknown) == 0 {
		if within.Count == 0 {
			a.d.para("No registrations waiting for a decision.")
		} else {
			a.d.para("None past the SLA; " + plural(within.Count, "registration", "registrations") + " (" +
				money(within.Amount, a.cfg.Currency) + ") waiting within it.")
		}
		return
	}
	slices.SortFunc(subs, func(x, y cadence.Registration) int {
		return cmp.Or(x.Submitted.Sub(y.Submitted), strings.Compare(x.ID, y.ID))
	})
	sla := a.cfg.Flags.RegistrationSLABusinessDays
	rows := make([][]string, len(subs))
	for i, r := range subs {
		n := a.cfg.Holidays.BusinessDaysAfter(r.Submitted, a.today)
		rows[i] = []string{r.ID, r.Partner, r.Account, money(r.Amount, a.cfg.Currency), string(r.Attribution),
			date(r.Submitted), strconv.Itoa(n) + " (over the " + strconv.Itoa(sla) + "-day SLA)", a.owner(r)}
	}
	if len(rows) > 0 {
		a.d.table([]column{{Header: "Registration"}, {Header: "Partner"}, {Header: "Account"}, {"Amount", true},
			{Header: "Attribution"}, {Header: "Submitted"}, {"Business days waiting", true}, {Header: "Owner"}}, rows)
	}
	if len(unknown) > 0 {
		a.d.list(unknown)
	}
	if within.Count > 0 {
		a.d.para("And " + plural(within.Count, "registration", "registrations") + " (" +
			money(within.Amount, a.cfg.Currency) + ") waiting within the SLA.")
	}
}

// pipelineReview writes the open pipeline by owner and the partners with
// the most of it (cadence.PipelineOf).
func (a *agendaWriter) pipelineReview() {
	cur := a.cfg.Currency
	p := a.pipeline()
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

func (a *agendaWriter) flagsOf(kinds ...cadence.FlagKind) []cadence.Flag {
	var out []cadence.Flag
	for _, f := range a.in.Flags {
		if slices.Contains(kinds, f.Kind) {
			out = append(out, f)
		}
	}
	return out
}

// conflicts writes the registrations that clash over an account, grouped
// by account. A flagged registration the caller did not pass is listed by
// its flag's message.
func (a *agendaWriter) conflicts() {
	a.d.heading(2, "Conflicts")
	flags := a.flagsOf(cadence.FlagRegistrationConflict)
	if len(flags) == 0 {
		a.d.para("No conflicts.")
		return
	}
	var regs []cadence.Registration
	var unknown []string
	for _, f := range flags {
		if r, ok := a.registration(f.Ref); ok {
			regs = append(regs, r)
		} else {
			unknown = append(unknown, flagItem(f))
		}
	}
	if len(regs) > 0 {
		slices.SortStableFunc(regs, func(x, y cadence.Registration) int {
			return cmp.Or(strings.Compare(cadence.AccountKey(x.Account), cadence.AccountKey(y.Account)),
				strings.Compare(cadence.NameKey(x.Partner), cadence.NameKey(y.Partner)),
				strings.Compare(x.ID, y.ID))
		})
		rows := make([][]string, len(regs))
		for i, r := range regs {
			rows[i] = []string{r.Account, r.Partner, r.ID, string(r.Status), money(r.Amount, a.cfg.Currency), a.owner(r)}
		}
		a.d.table([]column{{Header: "Account"}, {Header: "Partner"}, {Header: "Registration"}, {Header: "Status"},
			{"Amount", true}, {Header: "Owner"}}, rows)
	}
	if len(unknown) > 0 {
		a.d.list(unknown)
	}
}

func (a *agendaWriter) intros() {
	a.d.heading(2, "Unregistered intros")
	flags := a.flagsOf(cadence.FlagIntroUnregistered)
	if len(flags) == 0 {
		a.d.para("No unregistered intros.")
		return
	}
	items := make([]string, len(flags))
	for i, f := range flags {
		items[i] = flagItem(f)
	}
	a.d.list(items)
}

// expiring writes the approved registrations whose protection has run out
// (most days ago first) or is about to (soonest first).
func (a *agendaWriter) expiring() {
	a.d.heading(2, "Expiring and lapsed registrations")
	flags := a.flagsOf(cadence.FlagRegistrationLapsed, cadence.FlagRegistrationExpiring)
	if len(flags) == 0 {
		a.d.para("No registrations expiring or lapsed.")
		return
	}
	slices.SortStableFunc(flags, func(x, y cadence.Flag) int {
		lx, ly := x.Kind == cadence.FlagRegistrationLapsed, y.Kind == cadence.FlagRegistrationLapsed
		switch {
		case lx && !ly:
			return -1
		case ly && !lx:
			return 1
		case lx:
			return cmp.Or(cmp.Compare(y.Days, x.Days), strings.Compare(x.Ref, y.Ref))
		}
		return cmp.Or(cmp.Compare(x.Days, y.Days), strings.Compare(x.Ref, y.Ref))
	})
	rows := make([][]string, len(flags))
	for i, f := range flags {
		state, expires := "", a.today
		if f.Kind == cadence.FlagRegistrationLapsed {
			state, expires = "lapsed "+plural(f.Days, "day", "days")+" ago", a.today.AddDays(-f.Days)
		} else {
			state, expires = "expires in "+plural(f.Days, "day", "days"), a.today.AddDays(f.Days)
			if f.Days == 0 {
				state = "expires today"
			}
		}
		r, ok := a.registration(f.Ref)
		if !ok {
			rows[i] = []string{f.Ref, f.Partner, "", "", date(expires), state, f.Owner}
			continue
		}
		if e := r.ExpiresOn(a.cfg.Flags.RegistrationProtectionDays); !e.IsZero() {
			expires = e
		}
		rows[i] = []string{r.ID, r.Partner, r.Account, money(r.Amount, a.cfg.Currency), date(expires), state, a.owner(r)}
	}
	a.d.table([]column{{Header: "Registration"}, {Header: "Partner"}, {Header: "Account"}, {"Amount", true},
		{Header: "Expires"}, {Header: "Protection"}, {Header: "Owner"}}, rows)
}

// scorecard writes the QBR partner's scorecard as a two-column table.
func (a *agendaWriter) scorecard() {
	a.d.heading(2, "Scorecard")
	s := a.in.Scorecard
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

func (a *agendaWriter) commitments() {
	a.d.heading(2, "Commitments from the last QBR")
	last := a.in.LastQBR
	switch {
	case last == nil:
		a.d.para("No earlier QBR on record.")
	case len(last.Actions) == 0:
		a.d.para("No commitments were recorded at the last QBR (" + last.ID + ").")
	default:
		a.d.para("From " + last.ID + ":")
		a.d.list(a.actions(last.Actions, false))
	}
}

// openActions writes the open action items of earlier QBRs but the last
// one, whose are listed under its commitments.
func (a *agendaWriter) openActions() {
	a.d.heading(2, "Open action items")
	var items []cadence.ActionItem
	for _, it := range a.in.CarriedOver {
		if a.in.LastQBR == nil || it.Meeting != a.in.LastQBR.ID {
			items = append(items, it)
		}
	}
	switch {
	case len(items) > 0:
		a.d.list(a.actions(items, true))
	case len(a.in.CarriedOver) > 0:
		a.d.para("No open action items besides the commitments above.")
	default:
		a.d.para("No open action items from earlier QBRs.")
	}
}

// userText writes the record's talking points, notes and action items.
func (a *agendaWriter) userText() {
	var rec cadence.MeetingRecord
	if r := a.in.Occurrence.Record; r != nil {
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
