package agenda

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"partnercadence/cadence"
)

// Agenda is a meeting's agenda cut into typed sections, in the order they
// are shown (see Build). Markdown writes it; the meeting screen draws the
// same sections, so that every total, sort and choice of flags is made
// once, here.
type Agenda struct {
	Occurrence cadence.Occurrence
	// Today is the reference day (Input.Now in the config's zone) and
	// Quarter the fiscal quarter of the meeting's date (of today for a
	// meeting with none): "this quarter" in its figures.
	Today   cadence.Date
	Quarter cadence.Quarter
	Config  *cadence.Config
	// Owner is a QBR partner's owner, when the partner is on record.
	Owner string
	// Sections come between the header (who, when, status) and the user's
	// own text (talking points, notes, action items), which the caller
	// writes from Occurrence.Record.
	Sections []Section
}

// Section is one part of an agenda. It is one of *ActionList, *FlagList,
// *MemberPipeline, *Waiting, *Conflicts, *Expiring, *PipelineReview,
// *Scorecard, *ReadoutSection and *Since.
type Section interface{ section() }

// ActionList is a list of action items of earlier meetings, in
// cadence.SortActions order, each with the ID of the meeting it is in
// (Meeting): what is carried over, a QBR's commitments from the last QBR,
// or its open action items of the QBRs before.
type ActionList struct {
	Title string
	// From is the meeting the whole list is from (the last QBR, for its
	// commitments); empty when each item says its own.
	From  string
	Items []cadence.ActionItem
	// Empty is what to say when Items is empty.
	Empty string
}

// FlagList is a list of flags, in the order cadence.SortFlags gives.
type FlagList struct {
	Title string
	Flags []cadence.Flag
	Empty string
}

// MemberPipeline is a 1:1's table of the member's partners' pipeline
// (cadence.MemberPipelineOf).
type MemberPipeline struct {
	Member   string
	Pipeline cadence.MemberPipeline
}

// DealRow is a registration in a pipeline review's lists: the
// registration (Found false when the caller did not pass it: then only
// Flag says what it is) with who decides it (its owner, else its
// partner's).
type DealRow struct {
	Flag         cadence.Flag
	Registration cadence.Registration
	Found        bool
	Owner        string
}

// Waiting is a pipeline review's registrations waiting for a decision past
// the SLA (the registration_overdue flags), the longest waiting first,
// with how long each has waited in business days, and how many more wait
// within the SLA.
type Waiting struct {
	Rows         []DealRow
	BusinessDays []int // of Rows, by index
	SLA          int
	Within       cadence.Deals
}

// Conflicts is a pipeline review's registrations that clash over an
// account, grouped by account, then by partner.
type Conflicts struct{ Rows []DealRow }

// Expiring is a pipeline review's approved registrations whose protection
// has run out (most days ago first) or is about to (soonest first), with
// the day it ends.
type Expiring struct {
	Rows    []DealRow
	Expires []cadence.Date // of Rows, by index
}

// PipelineReview is a pipeline review's open pipeline, by owner and for
// the partners with the most of it (cadence.PipelineOf).
type PipelineReview struct{ Pipeline cadence.Pipeline }

// Scorecard is a QBR partner's scorecard; nil when the partner is not on
// record.
type Scorecard struct{ Scorecard *cadence.PartnerScorecard }

// ReadoutSection is a readout meeting's KPIs of the quarter it reads out (nil when
// none could be computed), the flags by kind and by owner, and the top
// partners by sourced revenue won.
type ReadoutSection struct {
	KPIs  *cadence.KPIs
	Flags []cadence.Flag
	Top   []PartnerRevenue
}

// Since is what changed since the previous meeting of the series.
type Since struct{ Changes cadence.Changes }

func (*ActionList) section()     {}
func (*FlagList) section()       {}
func (*MemberPipeline) section() {}
func (*Waiting) section()        {}
func (*Conflicts) section()      {}
func (*Expiring) section()       {}
func (*PipelineReview) section() {}
func (*Scorecard) section()      {}
func (*ReadoutSection) section() {}
func (*Since) section()          {}

// Build cuts in into the sections of its occurrence's kind:
//
//   - 1:1: carried over (the open action items of the series' earlier
//     meetings, and those done since last time); the member's flags; the
//     member's partners' pipeline (sourced and influenced, open and won
//     this quarter, days since the last inbound touch).
//   - pipeline review: carried over; then every registration that needs a
//     decision — those waiting past the SLA (and how many more wait within
//     it), conflicts, unregistered intros, expiring and lapsed ones; then
//     the open pipeline by owner and the top cadence.PipelineTopPartners
//     partners by open pipeline, the rest summed in one line. The whole
//     team's pipeline is thousands of partners: the review decides and
//     looks at the large ones.
//   - QBR: the partner's scorecard; its flags; the commitments of the last
//     QBR; the open action items of the QBRs before it.
//   - readout: carried over; the KPIs, the flags by kind and owner, the top
//     partners.
//   - one-off meeting: nothing between its header and its text.
//
// Every kind but a one-off meeting then says what changed since the last
// meeting of its series (when in.Since is set).
func Build(in Input) Agenda {
	b := newBuilder(in)
	ag := Agenda{Occurrence: in.Occurrence, Today: b.today, Quarter: b.quarter, Config: b.cfg}
	if in.Occurrence.Kind == cadence.KindQBR {
		if p, ok := b.partner(in.Occurrence.Partner); ok {
			ag.Owner = p.Owner
		}
	}
	add := func(s Section) { ag.Sections = append(ag.Sections, s) }
	carried := func() *ActionList {
		items := slices.Clone(in.CarriedOver)
		cadence.SortActions(items)
		return &ActionList{Title: "Carried over", Items: items, Empty: "Nothing carried over."}
	}
	flags := func() *FlagList { return &FlagList{Title: "Flags", Flags: in.Flags, Empty: "No flags."} }
	switch in.Occurrence.Kind {
	case cadence.KindOneOnOne:
		add(carried())
		add(flags())
		add(&MemberPipeline{Member: in.Occurrence.Member,
			Pipeline: cadence.MemberPipelineOf(in.Partners, in.Registrations, b.first, b.last)})
	case cadence.KindPipeline:
		p := b.pipeline()
		add(carried())
		add(b.waiting(p))
		add(b.conflicts())
		add(&FlagList{Title: "Unregistered intros", Flags: b.flagsOf(cadence.FlagIntroUnregistered), Empty: "No unregistered intros."})
		add(b.expiring())
		add(&PipelineReview{Pipeline: p})
	case cadence.KindQBR:
		add(&Scorecard{Scorecard: in.Scorecard})
		add(flags())
		add(b.commitments())
		add(b.openActions())
	case cadence.KindReadout:
		add(carried())
		add(&ReadoutSection{KPIs: in.KPIs, Flags: in.Flags, Top: in.Top})
	}
	if in.Since != nil && in.Occurrence.Kind != cadence.KindAdhoc {
		add(&Since{Changes: *in.Since})
	}
	return ag
}

// builder holds what the sections are built from.
type builder struct {
	in       Input
	cfg      *cadence.Config
	today    cadence.Date
	quarter  cadence.Quarter
	first    cadence.Date // the quarter's first and last day
	last     cadence.Date
	named    map[string]*cadence.Partner // in in.Partners by name as written; built on first use (partner)
	partners map[string]*cadence.Partner // the same by NameKey, built when a name is not found as written
	regs     map[string]int              // index in in.Registrations by ID of the flags' registrations (-1: none); built on first use
}

func newBuilder(in Input) *builder {
	cfg := in.Config
	if cfg == nil {
		cfg = cadence.DefaultConfig()
	}
	loc := cfg.Location
	if loc == nil {
		loc = time.UTC
	}
	b := &builder{in: in, cfg: cfg, today: cadence.DateIn(in.Now, loc)}
	on := in.Occurrence.Date
	if on.IsZero() {
		on = b.today
	}
	b.quarter = cfg.Fiscal().QuarterOf(on)
	b.first, b.last = cfg.Fiscal().Bounds(b.quarter)
	return b
}

// partner returns the input's partner with the given name (by NameKey).
// Names are looked up as written first: a pipeline review's thousands of
// partners are named as their registrations name them, and their keys are
// worked out only when a name is not found so.
func (b *builder) partner(name string) (cadence.Partner, bool) {
	if b.named == nil {
		b.named = make(map[string]*cadence.Partner, len(b.in.Partners))
		for i := range b.in.Partners {
			b.named[b.in.Partners[i].Partner.Name] = &b.in.Partners[i].Partner
		}
	}
	if p := b.named[name]; p != nil {
		return *p, true
	}
	if b.partners == nil {
		b.partners = make(map[string]*cadence.Partner, len(b.in.Partners))
		for i := range b.in.Partners {
			b.partners[cadence.NameKey(b.in.Partners[i].Partner.Name)] = &b.in.Partners[i].Partner
		}
	}
	if p := b.partners[cadence.NameKey(name)]; p != nil {
		return *p, true
	}
	return cadence.Partner{}, false
}

// row returns the registration a flag refers to as a DealRow.
func (b *builder) row(f cadence.Flag) DealRow {
	if b.regs == nil {
		// Only the flags' registrations are asked for: a few of the
		// thousands a pipeline review holds.
		b.regs = make(map[string]int, len(b.in.Flags))
		for _, f := range b.in.Flags {
			b.regs[f.Ref] = -1
		}
		left := len(b.regs)
		for i := 0; i < len(b.in.Registrations) && left > 0; i++ {
			if r := &b.in.Registrations[i]; b.regs[r.ID] == -1 {
				b.regs[r.ID] = i
				left--
			}
		}
	}
	row := DealRow{Flag: f, Owner: f.Owner}
	if i, ok := b.regs[f.Ref]; ok && i >= 0 {
		row.Registration, row.Found = b.in.Registrations[i], true
		row.Owner = b.owner(row.Registration)
	}
	return row
}

// owner returns who decides a registration: its owner, else its partner's.
func (b *builder) owner(r cadence.Registration) string {
	if strings.TrimSpace(r.Owner) != "" {
		return r.Owner
	}
	p, _ := b.partner(r.Partner)
	return p.Owner
}

func (b *builder) flagsOf(kinds ...cadence.FlagKind) []cadence.Flag {
	var out []cadence.Flag
	for _, f := range b.in.Flags {
		if slices.Contains(kinds, f.Kind) {
			out = append(out, f)
		}
	}
	return out
}

// pipeline returns the pipeline review's sums: in.Pipeline, else summed
// here from the registrations and the partners' owners.
func (b *builder) pipeline() cadence.Pipeline {
	if b.in.Pipeline != nil {
		return *b.in.Pipeline
	}
	owners := make(map[string]string, len(b.in.Partners))
	for _, p := range b.in.Partners {
		owners[cadence.NameKey(p.Partner.Name)] = p.Partner.Owner
	}
	return cadence.PipelineOf(cadence.PipelineInput{
		Open: b.in.Registrations, Owners: owners, Flags: b.in.Flags, Partner: b.partner,
	})
}

func (b *builder) waiting(p cadence.Pipeline) *Waiting {
	w := &Waiting{SLA: b.cfg.Flags.RegistrationSLABusinessDays,
		Within: cadence.Deals{Amount: p.Waiting.Amount - p.Overdue.Amount, Count: p.Waiting.Count - p.Overdue.Count}}
	for _, f := range b.flagsOf(cadence.FlagRegistrationOverdue) {
		w.Rows = append(w.Rows, b.row(f))
	}
	// Those on record first, the longest waiting first; then the others
	// in the flags' order.
	slices.SortStableFunc(w.Rows, foundFirst(func(r, s *cadence.Registration) int {
		return cmp.Or(r.Submitted.Sub(s.Submitted), strings.Compare(r.ID, s.ID))
	}))
	w.BusinessDays = make([]int, len(w.Rows))
	for i, r := range w.Rows {
		if r.Found {
			w.BusinessDays[i] = b.cfg.Holidays.BusinessDaysAfter(r.Registration.Submitted, b.today)
		}
	}
	return w
}

func (b *builder) conflicts() *Conflicts {
	c := &Conflicts{}
	for _, f := range b.flagsOf(cadence.FlagRegistrationConflict) {
		c.Rows = append(c.Rows, b.row(f))
	}
	// The keys are worked out once, not at each comparison.
	keys := make(map[string][2]string, len(c.Rows))
	for _, row := range c.Rows {
		r := &row.Registration
		keys[r.ID] = [2]string{cadence.AccountKey(r.Account), cadence.NameKey(r.Partner)}
	}
	slices.SortStableFunc(c.Rows, foundFirst(func(r, s *cadence.Registration) int {
		kr, ks := keys[r.ID], keys[s.ID]
		return cmp.Or(strings.Compare(kr[0], ks[0]), strings.Compare(kr[1], ks[1]), strings.Compare(r.ID, s.ID))
	}))
	return c
}

// foundFirst orders the rows whose registration is on record first, by
// cmp, and the others after them in the order they came.
func foundFirst(cmp func(r, s *cadence.Registration) int) func(x, y DealRow) int {
	return func(x, y DealRow) int {
		switch {
		case x.Found && y.Found:
			return cmp(&x.Registration, &y.Registration)
		case x.Found:
			return -1
		case y.Found:
			return 1
		}
		return 0
	}
}

func (b *builder) expiring() *Expiring {
	flags := b.flagsOf(cadence.FlagRegistrationLapsed, cadence.FlagRegistrationExpiring)
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
	e := &Expiring{Rows: make([]DealRow, len(flags)), Expires: make([]cadence.Date, len(flags))}
	for i, f := range flags {
		e.Rows[i] = b.row(f)
		e.Expires[i] = b.today.AddDays(f.Days)
		if f.Kind == cadence.FlagRegistrationLapsed {
			e.Expires[i] = b.today.AddDays(-f.Days)
		}
		if r := e.Rows[i]; r.Found {
			if d := r.Registration.ExpiresOn(b.cfg.Flags.RegistrationProtectionDays); !d.IsZero() {
				e.Expires[i] = d
			}
		}
	}
	return e
}

// commitments are the action items recorded at the partner's last QBR.
func (b *builder) commitments() *ActionList {
	l := &ActionList{Title: "Commitments from the last QBR", Empty: "No earlier QBR on record."}
	if last := b.in.LastQBR; last != nil {
		l.From = last.ID
		l.Empty = "No commitments were recorded at the last QBR (" + last.ID + ")."
		l.Items = make([]cadence.ActionItem, len(last.Actions))
		for i, it := range last.Actions {
			if it.Meeting == "" {
				it.Meeting = last.ID
			}
			l.Items[i] = it
		}
		// One the meeting ticked (carried over) is shown as it is now.
		for _, c := range b.in.CarriedOver {
			if c.Meeting == last.ID {
				if i := slices.IndexFunc(l.Items, func(it cadence.ActionItem) bool { return it.ID == c.ID }); i >= 0 {
					l.Items[i] = c
				}
			}
		}
	}
	return l
}

// openActions are the carried-over action items of earlier QBRs but the
// last one, whose are its commitments.
func (b *builder) openActions() *ActionList {
	l := &ActionList{Title: "Open action items", Empty: "No open action items from earlier QBRs."}
	for _, it := range b.in.CarriedOver {
		if b.in.LastQBR == nil || it.Meeting != b.in.LastQBR.ID {
			l.Items = append(l.Items, it)
		}
	}
	if len(l.Items) == 0 && len(b.in.CarriedOver) > 0 {
		l.Empty = "No open action items besides the commitments above."
	}
	cadence.SortActions(l.Items)
	return l
}
