package cadence

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// plReg is an open registration for the pipeline tests.
func plReg(id, partner, owner string, amount int64, attr Attribution, st RegStatus) Registration {
	return Registration{ID: id, Partner: partner, Account: "Account " + id, Amount: amount, Attribution: attr,
		Status: st, Owner: owner, Submitted: MustDate("2026-11-02")}
}

// TestPipelineOf sums the open pipeline by owner and names the largest
// partners: who owns a registration, how owners and partners tie, and
// where the PipelineTopPartners-th partner ends the named ones.
func TestPipelineOf(t *testing.T) {
	many := func(n int, amount func(i int) int64) []Registration {
		var out []Registration
		for i := range n {
			out = append(out, plReg(fmt.Sprintf("R-%d", i), fmt.Sprintf("P%02d", i), "Dana Cruz", amount(i), Sourced, RegApproved))
		}
		return out
	}
	type owner struct {
		Owner  string
		Amount int64
	}
	type partner struct {
		Partner, Owner string
		Tier           int
		Amount         int64
	}
	for _, tc := range []struct {
		name     string
		in       PipelineInput
		byOwner  []owner
		top      []partner
		partners int
		rest     Split
		restN    int
		waiting  Deals
		overdue  Deals
	}{{
		name: "the registration's owner before its partner's",
		in: PipelineInput{
			Open:   []Registration{plReg("R-1", "Acme", "Dana Cruz", 100, Sourced, RegApproved), plReg("R-2", "Acme", "", 50, Influenced, RegApproved)},
			Owners: map[string]string{"acme": "Marcus Bell"},
		},
		byOwner:  []owner{{"Dana Cruz", 100}, {"Marcus Bell", 50}},
		top:      []partner{{"Acme", "Marcus Bell", 0, 150}},
		partners: 1,
	}, {
		name: "an owner not on the team is summed as written; no owner last among equals",
		in: PipelineInput{
			Open: []Registration{
				plReg("R-1", "Acme", "", 100, Sourced, RegApproved),
				plReg("R-2", "Globex", "", 100, Sourced, RegApproved),
				plReg("R-3", "Initech", "  ", 100, Sourced, RegApproved),
			},
			Owners: map[string]string{"acme": "Zed Former-Employee", "globex": "Ann Able"},
		},
		byOwner:  []owner{{"Ann Able", 100}, {"Zed Former-Employee", 100}, {"", 100}},
		top:      []partner{{"Acme", "Zed Former-Employee", 0, 100}, {"Globex", "Ann Able", 0, 100}, {"Initech", "", 0, 100}},
		partners: 3,
	}, {
		name: "owners spelled two ways are one owner, named as first written",
		in: PipelineInput{
			Open: []Registration{
				plReg("R-1", "Acme", "dana  cruz", 100, Sourced, RegApproved),
				plReg("R-2", "Acme", "Dana Cruz", 100, Sourced, RegApproved),
			},
		},
		byOwner:  []owner{{"dana  cruz", 200}},
		top:      []partner{{"Acme", "", 0, 200}},
		partners: 1,
	}, {
		name: "a partner spelled two ways is one partner; its record names it and gives its tier and owner",
		in: PipelineInput{
			Open: []Registration{
				plReg("R-1", "ACME  corp", "Dana Cruz", 100, Sourced, RegApproved),
				plReg("R-2", "Acme Corp", "Dana Cruz", 100, Influenced, RegSubmitted),
			},
			Partner: func(name string) (Partner, bool) {
				if NameKey(name) == "acme corp" {
					return Partner{Name: "Acme Corp", Tier: 1, Owner: "Priya Natarajan"}, true
				}
				return Partner{}, false
			},
		},
		byOwner:  []owner{{"Dana Cruz", 200}},
		top:      []partner{{"Acme Corp", "Priya Natarajan", 1, 200}},
		partners: 1,
		waiting:  Deals{Amount: 100, Count: 1},
	}, {
		name: "settled and unattributed registrations count nowhere; the overdue are part of the waiting",
		in: PipelineInput{
			Open: []Registration{
				plReg("R-1", "Acme", "Dana Cruz", 100, Sourced, RegSubmitted),
				plReg("R-2", "Acme", "Dana Cruz", 40, Sourced, RegSubmitted),
				plReg("R-3", "Acme", "Dana Cruz", 1000, Sourced, RegWon),
				plReg("R-4", "Globex", "Dana Cruz", 1000, Attribution("referral"), RegApproved),
			},
			Flags: []Flag{{Kind: FlagRegistrationOverdue, Ref: "R-2"}, {Kind: FlagRegistrationLapsed, Ref: "R-1"}},
		},
		byOwner:  []owner{{"Dana Cruz", 140}},
		top:      []partner{{"Acme", "", 0, 140}},
		partners: 1,
		waiting:  Deals{Amount: 140, Count: 2},
		overdue:  Deals{Amount: 40, Count: 1},
	}, {
		name:     "the 20th partner is named, the 21st summed in the rest",
		in:       PipelineInput{Open: many(PipelineTopPartners+1, func(i int) int64 { return int64(1000 - i) })},
		byOwner:  []owner{{"Dana Cruz", 21000 - 210}},
		partners: PipelineTopPartners + 1,
		rest:     Split{Sourced: Deals{Amount: 980, Count: 1}},
		restN:    1,
	}, {
		name:     "partners tied on amount are named by name: the last by name is the one summed",
		in:       PipelineInput{Open: many(PipelineTopPartners+1, func(int) int64 { return 500 })},
		byOwner:  []owner{{"Dana Cruz", 500 * 21}},
		partners: PipelineTopPartners + 1,
		rest:     Split{Sourced: Deals{Amount: 500, Count: 1}},
		restN:    1,
	}, {
		name:     "exactly PipelineTopPartners partners leave no rest",
		in:       PipelineInput{Open: many(PipelineTopPartners, func(i int) int64 { return int64(100 - i) })},
		byOwner:  []owner{{"Dana Cruz", 1810}},
		partners: PipelineTopPartners,
	}} {
		t.Run(tc.name, func(t *testing.T) {
			got := PipelineOf(tc.in)
			var owners []owner
			for _, o := range got.ByOwner {
				owners = append(owners, owner{o.Owner, o.Open.Total().Amount})
			}
			if diff := cmp.Diff(tc.byOwner, owners); diff != "" {
				t.Errorf("by owner (-want +got):\n%s", diff)
			}
			var top []partner
			for _, p := range got.Top {
				top = append(top, partner{p.Partner, p.Owner, p.Tier, p.Open.Total().Amount})
			}
			if tc.top == nil && len(tc.in.Open) >= PipelineTopPartners {
				// The many partners: P00 … in order, as their amounts and
				// names rank them.
				for i := range PipelineTopPartners {
					tc.top = append(tc.top, partner{fmt.Sprintf("P%02d", i), "", 0, tc.in.Open[i].Amount})
				}
			}
			if diff := cmp.Diff(tc.top, top); diff != "" {
				t.Errorf("top partners (-want +got):\n%s", diff)
			}
			if got.Partners != tc.partners || got.RestPartners != tc.restN || got.Rest != tc.rest {
				t.Errorf("partners %d, rest %d %+v; want %d, rest %d %+v", got.Partners, got.RestPartners, got.Rest, tc.partners, tc.restN, tc.rest)
			}
			if got.Waiting != tc.waiting || got.Overdue != tc.overdue {
				t.Errorf("waiting %+v, overdue %+v; want %+v, %+v", got.Waiting, got.Overdue, tc.waiting, tc.overdue)
			}
			// Grouped by the caller (as the store groups them), the sums
			// are the same.
			grouped := tc.in
			at := map[string]int{}
			for _, r := range tc.in.Open {
				k := NameKey(r.Partner)
				i, ok := at[k]
				if !ok {
					i = len(grouped.Partners)
					at[k] = i
					grouped.Partners = append(grouped.Partners, PartnerActivity{Partner: Partner{Name: r.Partner, Owner: tc.in.Owners[k]}})
				}
				grouped.PartnerOf = append(grouped.PartnerOf, int32(i))
			}
			grouped.Owners = nil
			if diff := cmp.Diff(got, PipelineOf(grouped)); diff != "" {
				t.Errorf("grouped by the caller (-by name +grouped):\n%s", diff)
			}
			var total Split
			for _, o := range got.ByOwner {
				addSplit(&total, o.Open)
			}
			if total != got.Open {
				t.Errorf("the owners sum to %+v, the open pipeline is %+v", total, got.Open)
			}
		})
	}
}

// TestDealFlags checks that a pipeline review's flags are exactly the deal
// kinds of the flags the whole team sees, with the same owners, whatever
// else the input holds, and who owns a flag whose partner has no record.
func TestDealFlags(t *testing.T) {
	cfg := fkConfig(t)
	now := fkAt(t, "2026-11-23 09:00")
	reg := func(id, partner, account, owner string, st RegStatus, submitted, decided string) Registration {
		r := Registration{ID: id, Partner: partner, Account: account, Owner: owner, Status: st, Amount: 1000,
			Attribution: Sourced, Submitted: fkDate(submitted)}
		if decided != "" {
			r.Decided = fkDate(decided)
		}
		return r
	}
	partners := []PartnerActivity{
		{Partner: Partner{Name: "Acme", Tier: 1, Owner: "Dana Cruz"}, LastInbound: fkDate("2026-08-01")},
		{Partner: Partner{Name: "Globex", Tier: 2, Owner: "Zed Former-Employee"}},
		{Partner: Partner{Name: "Initech", Tier: 3}},
	}
	open := []Registration{
		reg("R-1", "Acme", "Acme Deal", "", RegSubmitted, "2026-11-02", ""),                 // overdue, the partner's owner
		reg("R-2", "Globex", "Globex Deal", "", RegSubmitted, "2026-11-03", ""),             // overdue, an owner not on the team
		reg("R-3", "Initech", "Initech Deal", "", RegSubmitted, "2026-11-04", ""),           // overdue, no owner anywhere: the head
		reg("R-4", "Hooli", "Hooli Deal", "", RegApproved, "2026-07-01", "2026-08-20"),      // no record: lapsed, the head's
		reg("R-5", "Hooli", "Shared", "Sam Ortiz", RegApproved, "2026-10-01", "2026-10-02"), // conflict with R-6
		reg("R-6", "Acme", "SHARED", "", RegSubmitted, "2026-11-20", ""),
	}
	intros := []Intro{{Partner: "Acme", Account: "New Logo", Date: fkDate("2026-10-20"), By: "Dana Cruz"}}
	actions := []ActionItem{{ID: "A-1", Text: "late", Owner: "Dana Cruz", Due: fkDate("2026-11-01"), Meeting: "pipeline/2026-11-03"}}
	in := FlagInput{Now: now, Config: cfg, Partners: partners, Open: open, Intros: intros, Actions: actions}
	got := DealFlags(in)
	var want []Flag
	for _, f := range Flags(in) {
		for _, k := range DealFlagKinds {
			if f.Kind == k {
				want = append(want, f)
			}
		}
	}
	if diff := fkDiff(want, got); diff != "" {
		t.Errorf("deal flags differ from the team's flags of those kinds (-want +got):\n%s", diff)
	}
	owners := map[string]string{}
	kinds := map[FlagKind]int{}
	for _, f := range got {
		kinds[f.Kind]++
		if f.Kind == FlagRegistrationOverdue || f.Kind == FlagRegistrationLapsed {
			owners[f.Ref] = f.Owner
		}
	}
	for _, tc := range []struct{ ref, owner string }{
		{"R-1", "Dana Cruz"}, {"R-2", "Zed Former-Employee"}, {"R-3", "Jordan Lee"}, {"R-4", "Jordan Lee"},
	} {
		if owners[tc.ref] != tc.owner {
			t.Errorf("%s's flag is owned by %q, want %q", tc.ref, owners[tc.ref], tc.owner)
		}
	}
	for _, k := range []FlagKind{FlagRegistrationOverdue, FlagRegistrationLapsed, FlagRegistrationConflict, FlagIntroUnregistered} {
		if kinds[k] == 0 {
			t.Errorf("no %s flag: the input is meant to raise one (%v)", k, kinds)
		}
	}
	if kinds[FlagActionOverdue]+kinds[FlagSilentPartner] != 0 {
		t.Errorf("a pipeline review's flags hold an action or a silent partner: %v", kinds)
	}
}

// TestMemberPipelineOf checks a 1:1's pipeline rows: which registrations a
// partner's row counts (open ones, won ones closed in the quarter, its first
// and last day included), the rows' order, and the totals.
func TestMemberPipelineOf(t *testing.T) {
	first, last := MustDate("2026-10-01"), MustDate("2026-12-31")
	won := func(id, partner string, amount int64, attr Attribution, closed string) Registration {
		r := plReg(id, partner, "", amount, attr, RegWon)
		r.Closed = MustDate(closed)
		return r
	}
	partners := []PartnerActivity{
		{Partner: Partner{Name: "zeta labs", Tier: 2}},
		{Partner: Partner{Name: "Acme", Tier: 2}, LastInbound: MustDate("2026-11-20")},
		{Partner: Partner{Name: "Quiet Co", Tier: 3}},
		{Partner: Partner{Name: "Beta", Tier: 1}},
	}
	regs := []Registration{
		plReg("R-1", "Acme", "", 100, Sourced, RegSubmitted),
		plReg("R-2", "ACME ", "", 40, Influenced, RegApproved),              // the same partner, spelled otherwise
		plReg("R-3", "Acme", "", 999, Attribution("referral"), RegApproved), // neither: counts nowhere
		won("R-4", "Acme", 7, Sourced, "2026-10-01"),                        // the quarter's first day: in
		won("R-5", "Acme", 9, Influenced, "2026-12-31"),                     // its last day: in
		won("R-6", "Acme", 500, Sourced, "2026-09-30"),                      // the day before: out
		plReg("R-7", "Acme", "", 300, Sourced, RegRejected),                 // settled, not won: out
		plReg("R-8", "Nobody", "", 800, Sourced, RegSubmitted),              // not the member's: out
		plReg("R-9", "Zeta Labs", "", 20, Sourced, RegSubmitted),
	}
	got := MemberPipelineOf(partners, regs, first, last)
	type row struct {
		Name                                   string
		OpenSourced, OpenInfl, WonSrc, WonInfl int64
	}
	var rows []row
	for _, r := range got.Rows {
		rows = append(rows, row{r.Partner.Partner.Name, r.Open.Sourced.Amount, r.Open.Influenced.Amount, r.Won.Sourced.Amount, r.Won.Influenced.Amount})
	}
	want := []row{
		{"Beta", 0, 0, 0, 0},
		{"Acme", 100, 40, 7, 9},
		{"zeta labs", 20, 0, 0, 0}, // tier 2 after Acme: by name, whatever its case
		{"Quiet Co", 0, 0, 0, 0},
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	if got.Open != (Split{Sourced: Deals{Amount: 120, Count: 2}, Influenced: Deals{Amount: 40, Count: 1}}) ||
		got.Won != (Split{Sourced: Deals{Amount: 7, Count: 1}, Influenced: Deals{Amount: 9, Count: 1}}) {
		t.Errorf("totals open %+v, won %+v", got.Open, got.Won)
	}
	for _, tc := range []struct {
		p     PartnerActivity
		today string
		days  int
		ok    bool
	}{
		{partners[1], "2026-11-23", 3, true},
		{partners[1], "2026-11-20", 0, true},
		{partners[1], "2026-11-19", 0, true}, // a touch dated after today: 0, not negative
		{partners[0], "2026-11-23", 0, false},
	} {
		if days, ok := tc.p.DaysSinceInbound(MustDate(tc.today)); days != tc.days || ok != tc.ok {
			t.Errorf("%s on %s: %d days, %v; want %d, %v", tc.p.Partner.Name, tc.today, days, ok, tc.days, tc.ok)
		}
	}
}
