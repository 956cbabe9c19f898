package agenda

import (
	"slices"
	"strings"
	"time"

	"partnercadence/cadence"
)

// An agenda is made in three steps, so that what a meeting needs is decided
// here and nowhere else:
//
//  1. PlanFor says, from the meeting's ID alone, what its agenda needs read:
//     whose partners, which registrations, which series' records, which
//     quarter's KPIs.
//  2. The store answers the plan with keyed queries, filling Answers; it
//     decides nothing about what an agenda shows.
//  3. Assemble computes from the answers what the agenda shows (its flags,
//     what is carried over, what changed since last time, the scorecard, the
//     KPIs) as an Input, and Build cuts that into the typed sections that the
//     markdown (Markdown) and the meeting screen both render.

// PartnerScope says whose partners an agenda reads.
type PartnerScope int

const (
	// NoPartners: a one-off meeting is about no partner.
	NoPartners PartnerScope = iota
	// MemberPartners: a 1:1 is about the member's partners (Plan.Member).
	MemberPartners
	// OnePartner: a QBR is about its partner (Plan.Partner).
	OnePartner
	// EveryPartner: a readout is about every partner.
	EveryPartner
	// PipelinePartners: a pipeline review is about the partners with open
	// pipeline, as their registrations name them with their owner (their
	// records are not read), and the partners of unregistered intros.
	PipelinePartners
)

// RegistrationScope says which registrations an agenda reads.
type RegistrationScope int

const (
	// NoRegistrations: a one-off meeting shows none.
	NoRegistrations RegistrationScope = iota
	// MemberRegistrations: the registrations of the member's partners that
	// are open or were decided or closed on or after Plan.RegistrationsFrom.
	MemberRegistrations
	// PartnerRegistrations: every registration of the QBR's partner, for
	// its scorecard.
	PartnerRegistrations
	// OpenRegistrations: every open registration, and the unregistered
	// intros of the intro lookback; and for "since last time" the
	// registrations settled in its window.
	OpenRegistrations
)

// Plan is what one occurrence's agenda needs read (see PlanFor).
type Plan struct {
	ID     string
	Kind   cadence.Kind
	Series string // cadence.SeriesOf(ID)
	// Member is a 1:1's member as the team names them; empty when the ID
	// names no one on the team.
	Member string
	// Partner is a QBR's partner's slug.
	Partner       string
	Partners      PartnerScope
	Registrations RegistrationScope
	// Whole is set for an agenda about the whole team (a pipeline review, a
	// readout): every flag of its kinds is shown, and "since last time" lists
	// the first cadence.SinceShown changes of each kind and leaves the
	// touchpoints out (a quarter's of the whole team).
	Whole bool
	// DealsOnly is set for a pipeline review: its flags are the deal flags
	// (cadence.DealFlags), and no meeting record or action is read for them.
	DealsOnly bool
	// QBRs asks for the QBR partner's QBR records, for its scorecard and
	// the last QBR's commitments.
	QBRs bool
	// KPIs is the quarter a readout reads out: the meeting's, or for a
	// quarterly readout the one just ended. Zero for the other kinds.
	KPIs cadence.Quarter
}

// PlanFor says what the agenda of the occurrence with the given ID needs.
// It fails for an ID that is not a meeting of cfg's cadence's shape.
func PlanFor(cfg *cadence.Config, id string) (Plan, error) {
	kind, _, planned, err := cfg.ParseOccurrenceID(id)
	if err != nil {
		return Plan{}, err
	}
	p := Plan{ID: id, Kind: kind, Series: cadence.SeriesOf(id)}
	switch kind {
	case cadence.KindOneOnOne:
		p.Partners, p.Registrations = MemberPartners, MemberRegistrations
		slug := p.Series[len(cadence.KindOneOnOne)+1:]
		if i := slices.IndexFunc(cfg.Team, func(m cadence.Member) bool { return m.Slug() == slug }); i >= 0 {
			p.Member = cfg.Team[i].Name
		}
	case cadence.KindQBR:
		p.Partners, p.Registrations = OnePartner, PartnerRegistrations
		p.Partner = p.Series[len(cadence.KindQBR)+1:]
		p.QBRs = true
	case cadence.KindPipeline:
		p.Partners, p.Registrations = PipelinePartners, OpenRegistrations
		p.Whole, p.DealsOnly = true, true
	case cadence.KindReadout:
		p.Partners, p.Registrations = EveryPartner, OpenRegistrations
		p.Whole = true
		p.KPIs = cfg.Fiscal().QuarterOf(planned)
		if cfg.Readout.Every == cadence.EveryQuarter {
			p.KPIs = p.KPIs.Prev() // a quarterly readout reads out the quarter just ended
		}
	}
	return p, nil
}

// MissedSeries returns the series whose meeting records the flags of the
// agenda check (missed and unprepared meetings), given the partners read;
// all reports that every series counts (an agenda about the whole team).
// A 1:1's are its own and its partners' QBRs; a QBR's and a one-off
// meeting's, their own. A pipeline review's flags read no record at all.
func (p Plan) MissedSeries(partners []cadence.PartnerActivity) (series []string, all bool) {
	if p.Whole {
		return nil, !p.DealsOnly
	}
	series = append(make([]string, 0, len(partners)+1), p.Series)
	if p.Kind == cadence.KindOneOnOne {
		for _, a := range partners {
			series = append(series, string(cadence.KindQBR)+"/"+a.Partner.Slug())
		}
	}
	return series, false
}

// RegistrationsFrom is the first day on which a settled registration of
// a 1:1's partners is read (MemberRegistrations): the first day of the
// quarter before the meeting's, or of the window "since last time" covers
// when that starts earlier.
func (p Plan) RegistrationsFrom(cfg *cadence.Config, occ cadence.Occurrence, w cadence.SinceWindow) cadence.Date {
	fiscal := cfg.Fiscal()
	from, _ := fiscal.Bounds(fiscal.QuarterOf(occ.Date).Prev())
	if !w.First && w.From.Before(from) {
		from = w.From
	}
	return from
}

// Answers is what the store read for a Plan: plain data, each field as the
// plan's scopes say.
type Answers struct {
	// Now is the instant the answers were read for.
	Now time.Time
	// Occurrence is the meeting, its record attached when there is one.
	Occurrence cadence.Occurrence
	// Window is what "since last time" covers (cadence.Window).
	Window cadence.SinceWindow
	// Partners are those of Plan.Partners, with their activity summaries
	// (for PipelinePartners: names and owners only).
	Partners []cadence.PartnerActivity
	// Records are the meeting records the flags check: those of
	// Plan.MissedSeries from the missed-meeting lookback to the coming
	// days, the meeting's own included.
	Records map[string]cadence.MeetingRecord
	// Actions are every open action item; Done the action items of the
	// series' earlier meetings done in Window.
	Actions, Done []cadence.ActionItem
	// Registrations are those of Plan.Registrations, open ones first for
	// OpenRegistrations; for OpenRegistrations with a window, Changed is
	// the same slice with the registrations settled in the window after
	// them (the input of "since last time").
	Registrations []cadence.Registration
	Changed       []cadence.Registration
	// Rivals are the open registrations of other partners that name an
	// account of one of Registrations' open ones: the other side of a
	// conflict. Read for the scopes of a few partners.
	Rivals []cadence.Registration
	// Intros are the partners' unregistered intros; for OpenRegistrations,
	// every one of the intro lookback.
	Intros []cadence.Intro
	// Touchpoints are the partners' touchpoints in Window (not for a Whole
	// plan).
	Touchpoints []cadence.Touchpoint
	// QBRs are the QBR partner's QBR records, oldest first (Plan.QBRs).
	QBRs []cadence.MeetingRecord
	// KPIInput is the readout quarter's (Plan.KPIs).
	KPIInput *cadence.KPIInput
	// PartnerOf[i], for PipelinePartners, is the index in Partners of
	// Registrations[i]'s partner (cadence.PipelineInput.PartnerOf); and
	// PartnerRecord looks a partner's record up by name, for the few that
	// a pipeline review names. It reads the store's open transaction:
	// Assemble is called inside it.
	PartnerOf     []int32
	PartnerRecord func(name string) (cadence.Partner, bool)
}

// Assemble decides what the agenda of plan shows from what the store read
// for it:
//
//   - the flags: computed over the answers (a pipeline review's are the
//     deal flags), then kept when they are about the meeting's people or
//     partners (a Whole plan keeps them all);
//   - carried over: the open action items of the series' earlier meetings,
//     and those done since last time (cadence.CarriedOverSince);
//   - since last time (cadence.SinceLastTime), over the plan's scope;
//   - the registrations shown: a QBR's are the open ones and those decided
//     or closed since the first day of the quarter before, in the order
//     they were submitted;
//   - a QBR's scorecard and its last QBR; a readout's KPIs and top
//     partners; a pipeline review's sums (cadence.PipelineOf).
func Assemble(cfg *cadence.Config, plan Plan, a Answers) Input {
	if plan.Registrations != OpenRegistrations {
		// A few partners' registrations are shown, and their changes
		// listed, in the order they were submitted (the answers' slice is
		// sorted in place).
		slices.SortFunc(a.Registrations, func(x, y cadence.Registration) int {
			if x.Submitted != y.Submitted {
				return x.Submitted.Sub(y.Submitted)
			}
			return strings.Compare(x.ID, y.ID)
		})
	}
	occ := a.Occurrence
	today := cfg.Today(a.Now)
	in := Input{Config: cfg, Now: a.Now, Occurrence: occ, Partners: a.Partners}
	in.CarriedOver = cadence.CarriedOverSince(occ, append(slices.Clip(a.Actions), a.Done...), a.Window)

	series, all := plan.MissedSeries(a.Partners)
	fi := cadence.FlagInput{Now: a.Now, Config: cfg, Records: a.Records, Partners: a.Partners, Actions: a.Actions, Intros: a.Intros}
	if !all {
		fi.Series = series
	}
	open := a.Registrations
	if plan.Registrations != OpenRegistrations {
		open = make([]cadence.Registration, 0, len(a.Registrations)+len(a.Rivals))
		for _, r := range a.Registrations {
			if r.Status.Open() {
				open = append(open, r)
			}
		}
		open = append(open, a.Rivals...)
	}
	fi.Open = open
	if plan.DealsOnly {
		fi.Records, fi.Actions = nil, nil
		in.Flags = cadence.DealFlags(fi)
		p := cadence.PipelineOf(cadence.PipelineInput{
			Open: a.Registrations, Flags: in.Flags, Partners: a.Partners, PartnerOf: a.PartnerOf, Partner: a.PartnerRecord,
		})
		in.Pipeline = &p
	} else {
		in.Flags = cadence.Flags(fi)
	}
	if !plan.Whole {
		in.Flags = scoped(in.Flags, plan.Member, a.Partners)
	}

	in.Registrations = a.Registrations
	if plan.Kind == cadence.KindQBR {
		since, _ := cfg.Fiscal().Bounds(cfg.Fiscal().QuarterOf(occ.Date).Prev())
		if !a.Window.First && a.Window.From.Before(since) {
			since = a.Window.From
		}
		in.Registrations = slices.DeleteFunc(slices.Clone(a.Registrations), func(r cadence.Registration) bool {
			return !r.Status.Open() && r.Decided.Before(since) && r.Closed.Before(since)
		})
	}

	changes := cadence.Changes{SinceWindow: a.Window}
	if !a.Window.First {
		sin := cadence.SinceInput{Config: cfg, Window: a.Window, Today: today, Partners: a.Partners, Flags: in.Flags,
			Actions: a.Done, Registrations: a.Registrations, Touchpoints: a.Touchpoints}
		if plan.Whole {
			sin.Registrations = a.Changed
			sin.Limit = cadence.SinceShown
		}
		changes = cadence.SinceLastTime(sin)
	}
	in.Since = &changes

	if plan.Kind == cadence.KindQBR && len(a.Partners) == 1 {
		sc := cadence.Scorecard(a.Partners[0], a.Registrations, a.QBRs, occ.Quarter, cfg)
		in.Scorecard = &sc
		for i := len(a.QBRs) - 1; i >= 0; i-- {
			if a.QBRs[i].ID < occ.ID {
				last := a.QBRs[i]
				in.LastQBR = &last
				break
			}
		}
	}
	if a.KPIInput != nil {
		k := cadence.ComputeKPIs(*a.KPIInput)
		in.KPIs = &k
		first, last := cfg.Fiscal().Bounds(a.KPIInput.Quarter)
		in.Top = TopPartners(a.KPIInput.Registrations, first, last, 10)
	}
	return in
}

// scoped keeps the flags owned by member or about one of partners.
func scoped(flags []cadence.Flag, member string, partners []cadence.PartnerActivity) []cadence.Flag {
	involved := make(map[string]bool, len(partners))
	for _, p := range partners {
		involved[p.Partner.Slug()] = true
	}
	memberKey := cadence.NameKey(member)
	var out []cadence.Flag
	for _, f := range flags {
		if member != "" && cadence.NameKey(f.Owner) == memberKey || involved[cadence.Slug(f.Partner)] {
			out = append(out, f)
		}
	}
	return out
}
