package agenda

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"partnercadence/cadence"
)

// The agenda of each kind, planned, assembled from answers as a store would
// give them and cut into sections, with no store: what PlanFor asks for,
// which sections Build makes in which order, and the values a reader sees
// in them.
func TestAgendaPerKind(t *testing.T) {
	cfg := fixtureCfg(t)
	qbrSeries := "qbr/" + cadence.Slug(hostilePartner)
	// A registration of another manager's partner naming R-1's account:
	// the other side of a conflict, not this 1:1's to discuss.
	rival := cadence.Registration{ID: "R-9", Partner: "Other Co", Account: "- leading dash", Amount: 7000,
		Submitted: d("2026-11-19"), Status: cadence.RegSubmitted, Attribution: cadence.Sourced}
	other := cadence.PartnerActivity{Partner: cadence.Partner{Name: "Other Co", Tier: 2, Owner: "Jordan Lee", Status: cadence.PartnerActive}}
	actions := []cadence.ActionItem{
		{ID: "A-0", Text: "chase the MDF form", Owner: "Dana Cruz", Due: d("2026-11-20"), Meeting: "1on1/dana-cruz/2026-11-17"},
		{ID: "A-7", Text: "someone else's", Owner: "Jordan Lee", Due: d("2026-11-01"), Meeting: "1on1/jordan-lee/2026-11-10"},
		{ID: "P-1", Text: "ask sales for the forecast", Owner: "Sam Ortiz", Due: d("2026-11-10"), Meeting: "pipeline/2026-11-03"},
		{ID: "Q-2", Text: "Send price list", Owner: "Jordan Lee", Due: d("2026-10-01"), Meeting: qbrSeries + "/2026-Q3"},
		{ID: "Q-0", Text: "Old promise", Owner: "Dana Cruz", Meeting: qbrSeries + "/2026-Q2"},
	}
	qbrs := []cadence.MeetingRecord{
		{ID: qbrSeries + "/2026-Q2", Status: cadence.MeetingHeld, Satisfaction: 6, Actions: []cadence.ActionItem{actions[4]}},
		{ID: qbrSeries + "/2026-Q3", Status: cadence.MeetingHeld, Satisfaction: 8, Actions: []cadence.ActionItem{
			{ID: "Q-1", Text: "Joint webinar", Owner: "Dana Cruz", Due: d("2026-09-30"), Done: d("2026-09-28")}, actions[3]}},
	}
	answers := func(id string, partners []cadence.PartnerActivity, regs []cadence.Registration) Answers {
		t.Helper()
		plain := make([]cadence.Partner, len(partners))
		for i, p := range partners {
			plain[i] = p.Partner
		}
		recs := map[string]cadence.MeetingRecord{}
		for _, r := range qbrs {
			recs[r.ID] = r
		}
		o, err := cfg.OccurrenceByID(id, plain, recs)
		if err != nil {
			t.Fatal(err)
		}
		return Answers{Now: fixtureNow, Occurrence: o, Partners: partners, Registrations: regs, Actions: actions,
			Records: recs, Window: cadence.SinceWindow{First: true}}
	}
	kinds := func(ag Agenda) []string {
		var out []string
		for _, s := range ag.Sections {
			name := reflect.TypeOf(s).Elem().Name()
			switch s := s.(type) {
			case *ActionList:
				name += ":" + s.Title
			case *FlagList:
				name += ":" + s.Title
			}
			out = append(out, name)
		}
		return out
	}
	flagRefs := func(fs []cadence.Flag) []string {
		var out []string
		for _, f := range fs {
			out = append(out, string(f.Kind)+" "+f.Ref)
		}
		return out
	}
	ids := func(items []cadence.ActionItem) []string {
		var out []string
		for _, a := range items {
			out = append(out, a.ID)
		}
		return out
	}
	find := func(ag Agenda, title string) Section {
		for _, s := range ag.Sections {
			switch l := s.(type) {
			case *ActionList:
				if l.Title == title {
					return l
				}
			case *FlagList:
				if l.Title == title {
					return l
				}
			}
			if reflect.TypeOf(s).Elem().Name() == title {
				return s
			}
		}
		t.Fatalf("no section %q", title)
		return nil
	}

	tests := []struct {
		id       string
		plan     Plan
		answers  func(Plan) Answers
		sections []string
		check    func(t *testing.T, in Input, ag Agenda)
	}{{
		id: "1on1/dana-cruz/2026-11-24",
		plan: Plan{ID: "1on1/dana-cruz/2026-11-24", Kind: cadence.KindOneOnOne, Series: "1on1/dana-cruz", Member: "Dana Cruz",
			Partners: MemberPartners, Registrations: MemberRegistrations},
		answers: func(p Plan) Answers {
			a := answers(p.ID, fixturePartners(), fixtureRegistrations())
			a.Rivals = []cadence.Registration{rival}
			a.Partners = append(a.Partners, cadence.PartnerActivity{}) // trimmed below
			a.Partners = a.Partners[:2]
			return a
		},
		sections: []string{"ActionList:Carried over", "FlagList:Flags", "MemberPipeline", "Since"},
		check: func(t *testing.T, in Input, ag Agenda) {
			if got := ids(find(ag, "Carried over").(*ActionList).Items); !slices.Equal(got, []string{"A-0"}) {
				t.Errorf("carried over %v, want only Dana's series' A-0", got)
			}
			for _, f := range find(ag, "Flags").(*FlagList).Flags {
				if f.Partner == "Other Co" {
					t.Errorf("the rival's flag %q is not this 1:1's", f.Message)
				}
			}
			if !slices.Contains(flagRefs(in.Flags), "registration_conflict R-1") {
				t.Errorf("flags %v: no conflict for R-1 against the rival", flagRefs(in.Flags))
			}
			p := find(ag, "MemberPipeline").(*MemberPipeline)
			if p.Member != "Dana Cruz" || len(p.Pipeline.Rows) != 2 {
				t.Fatalf("pipeline of %q with %d rows", p.Member, len(p.Pipeline.Rows))
			}
			// Open: R-1 50,000 and R-5 10,000 sourced, R-4 30,000 sourced,
			// R-2 20,000 influenced; won in Q4: R-3 120,000 sourced.
			if got := p.Pipeline.Open.Sourced.Amount; got != 90000 {
				t.Errorf("open sourced %d, want 90000", got)
			}
			if got := p.Pipeline.Won.Sourced.Amount; got != 120000 {
				t.Errorf("won sourced %d, want 120000", got)
			}
			if !slices.IsSortedFunc(in.Registrations, func(a, b cadence.Registration) int { return a.Submitted.Sub(b.Submitted) }) {
				t.Errorf("registrations not in the order submitted")
			}
		},
	}, {
		id: "pipeline/2026-12-01",
		plan: Plan{ID: "pipeline/2026-12-01", Kind: cadence.KindPipeline, Series: "pipeline",
			Partners: PipelinePartners, Registrations: OpenRegistrations, Whole: true, DealsOnly: true},
		answers: func(p Plan) Answers {
			var open []cadence.Registration
			for _, r := range append(fixtureRegistrations(), rival) {
				if r.Status.Open() {
					open = append(open, r)
				}
			}
			return answers(p.ID, append(fixturePartners(), other), open)
		},
		sections: []string{"ActionList:Carried over", "Waiting", "Conflicts", "FlagList:Unregistered intros", "Expiring", "PipelineReview", "Since"},
		check: func(t *testing.T, in Input, ag Agenda) {
			for _, f := range in.Flags {
				if !slices.Contains(cadence.DealFlagKinds, f.Kind) {
					t.Errorf("a pipeline review's flag %s %s is not about a deal", f.Kind, f.Ref)
				}
			}
			if got := ids(find(ag, "Carried over").(*ActionList).Items); !slices.Equal(got, []string{"P-1"}) {
				t.Errorf("carried over %v, want the last review's P-1", got)
			}
			w := find(ag, "Waiting").(*Waiting)
			if len(w.Rows) == 0 || w.Rows[0].Registration.ID != "R-1" || w.BusinessDays[0] != 5 || w.Rows[0].Owner != "Dana Cruz" {
				t.Errorf("waiting %+v, %v: want R-1 first, 5 business days, Dana's", w.Rows, w.BusinessDays)
			}
			c := find(ag, "Conflicts").(*Conflicts)
			var conflict []string
			for _, r := range c.Rows {
				conflict = append(conflict, r.Registration.ID)
			}
			// One account: by partner name, then ID.
			if want := []string{"R-5", "R-9", "R-1"}; !slices.Equal(conflict, want) {
				t.Errorf("conflicts %v, want %v", conflict, want)
			}
			e := find(ag, "Expiring").(*Expiring)
			if len(e.Rows) == 0 || e.Rows[0].Flag.Kind != cadence.FlagRegistrationLapsed {
				t.Errorf("expiring rows %+v: lapsed first", e.Rows)
			}
			pr := find(ag, "PipelineReview").(*PipelineReview).Pipeline
			if got := pr.Open.Total().Amount; got != 50000+20000+30000+10000+7000 {
				t.Errorf("open pipeline %d, want 117000", got)
			}
			if pr.Partners != 3 || len(pr.ByOwner) == 0 {
				t.Errorf("pipeline across %d partners, %d owners", pr.Partners, len(pr.ByOwner))
			}
		},
	}, {
		id: qbrSeries + "/2026-Q4",
		plan: Plan{ID: qbrSeries + "/2026-Q4", Kind: cadence.KindQBR, Series: qbrSeries, Partner: cadence.Slug(hostilePartner),
			Partners: OnePartner, Registrations: PartnerRegistrations, QBRs: true},
		answers: func(p Plan) Answers {
			a := answers(p.ID, fixturePartners()[:1], fixtureRegistrations()[:3])
			a.QBRs = qbrs
			return a
		},
		sections: []string{"Scorecard", "FlagList:Flags", "ActionList:Commitments from the last QBR", "ActionList:Open action items", "Since"},
		check: func(t *testing.T, in Input, ag Agenda) {
			sc := find(ag, "Scorecard").(*Scorecard).Scorecard
			if sc == nil || sc.Tier != 1 || !sc.HasSatisfaction || sc.LastSatisfaction != 8 {
				t.Errorf("scorecard %+v: tier 1, last satisfaction 8 (2026-Q3)", sc)
			}
			c := find(ag, "Commitments from the last QBR").(*ActionList)
			if c.From != qbrSeries+"/2026-Q3" || !slices.Equal(ids(c.Items), []string{"Q-1", "Q-2"}) {
				t.Errorf("commitments from %s: %v", c.From, ids(c.Items))
			}
			if got := ids(find(ag, "Open action items").(*ActionList).Items); !slices.Equal(got, []string{"Q-0"}) {
				t.Errorf("open action items %v, want Q-0 only (Q-2 is a commitment)", got)
			}
			if ag.Owner != "Dana Cruz" {
				t.Errorf("owner %q", ag.Owner)
			}
		},
	}, {
		id: "readout/2026-10-29",
		plan: Plan{ID: "readout/2026-10-29", Kind: cadence.KindReadout, Series: "readout",
			Partners: EveryPartner, Registrations: OpenRegistrations, Whole: true, KPIs: cadence.Quarter{Year: 2026, Q: 3}},
		answers: func(p Plan) Answers {
			a := answers(p.ID, fixturePartners(), nil)
			a.KPIInput = &cadence.KPIInput{Config: cfg, Now: fixtureNow, Quarter: p.KPIs, Partners: fixturePartners(),
				Registrations: fixtureRegistrations()}
			return a
		},
		sections: []string{"ActionList:Carried over", "ReadoutSection", "Since"},
		check: func(t *testing.T, in Input, ag Agenda) {
			r := find(ag, "ReadoutSection").(*ReadoutSection)
			if r.KPIs == nil || r.KPIs.Quarter != (cadence.Quarter{Year: 2026, Q: 3}) {
				t.Fatalf("readout KPIs %+v: want 2026-Q3's", r.KPIs)
			}
			// R-3 was won on 2026-10-15: Q4, not the quarter read out.
			if len(r.Top) != 0 {
				t.Errorf("top partners %v for 2026-Q3", r.Top)
			}
		},
	}}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			plan, err := PlanFor(cfg, tt.id)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(plan, tt.plan) {
				t.Errorf("plan\n got %+v\nwant %+v", plan, tt.plan)
			}
			in := Assemble(cfg, plan, tt.answers(plan))
			ag := Build(in)
			if got := kinds(ag); !slices.Equal(got, tt.sections) {
				t.Errorf("sections %v, want %v", got, tt.sections)
			}
			tt.check(t, in, ag)
		})
	}
}

// A one-off meeting's agenda is its header and its text: no section.
func TestAgendaOneOff(t *testing.T) {
	cfg := fixtureCfg(t)
	rec := cadence.MeetingRecord{ID: "adhoc/3", Title: "Offsite", At: time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC), Minutes: 60}
	plan, err := PlanFor(cfg, rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	if plan.Partners != NoPartners || plan.Registrations != NoRegistrations || plan.Whole {
		t.Errorf("plan %+v reads partners or registrations", plan)
	}
	o, err := cfg.OccurrenceByID(rec.ID, nil, map[string]cadence.MeetingRecord{rec.ID: rec})
	if err != nil {
		t.Fatal(err)
	}
	ag := Build(Assemble(cfg, plan, Answers{Now: fixtureNow, Occurrence: o, Window: cadence.SinceWindow{First: true}}))
	if len(ag.Sections) != 0 {
		t.Errorf("a one-off meeting has sections %v", fmt.Sprint(ag.Sections))
	}
}

// An ID not of a meeting's shape is refused before anything is read (a
// day the cadence has no such meeting is refused once the store placed it:
// cadence.Config.OccurrenceByID).
func TestPlanForRefusesABadID(t *testing.T) {
	cfg := fixtureCfg(t)
	for _, id := range []string{"qbr/x", "1on1/dana-cruz/tuesday", "nonsense", ""} {
		if _, err := PlanFor(cfg, id); err == nil {
			t.Errorf("PlanFor(%q): no error", id)
		}
	}
}
