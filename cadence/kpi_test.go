package cadence

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestKPIRevenueAndPipeline(t *testing.T) {
	cfg := fkConfig(t)
	q := Quarter{2026, 4} // 2026-10-01 … 2026-12-31
	regs := []Registration{
		{ID: "R-1", Partner: "Northwind", Status: RegWon, Attribution: Sourced, Amount: 100000, Closed: fkDate("2026-10-01")},
		{ID: "R-2", Partner: "Northwind", Status: RegWon, Attribution: Sourced, Amount: 50000, Closed: fkDate("2026-12-31")},
		{ID: "R-3", Partner: "Contoso", Status: RegWon, Attribution: Sourced, Amount: 7, Closed: fkDate("2026-09-30")},
		{ID: "R-4", Partner: "Contoso", Status: RegWon, Attribution: Influenced, Amount: 30000, Closed: fkDate("2026-11-15")},
		{ID: "R-5", Partner: "Contoso", Status: RegLost, Attribution: Sourced, Amount: 9, Closed: fkDate("2026-11-15")},
		{ID: "R-6", Partner: "Contoso", Status: RegWon, Attribution: Sourced, Amount: 11, Closed: fkDate("2027-01-01")},
		{ID: "R-7", Partner: "Contoso", Status: RegSubmitted, Attribution: Sourced, Amount: 400000, Submitted: fkDate("2026-12-01")},
		{ID: "R-8", Partner: "Contoso", Status: RegApproved, Attribution: Influenced, Amount: 250000, Submitted: fkDate("2026-06-01"), Decided: fkDate("2026-06-02")},
		{ID: "R-9", Partner: "Contoso", Status: RegApproved, Attribution: Sourced, Amount: 600000, Submitted: fkDate("2026-06-01"), Decided: fkDate("2026-06-02")},
	}
	got := ComputeKPIs(KPIInput{Config: cfg, Now: fkAt(t, "2026-12-31 23:59"), Quarter: q, Registrations: regs, Conversations: 12})
	if diff := fkDiff(Deals{Amount: 150000, Count: 2}, got.SourcedRevenue); diff != "" {
		t.Errorf("sourced revenue (-want +got):\n%s", diff)
	}
	if diff := fkDiff(Deals{Amount: 30000, Count: 1}, got.InfluencedRevenue); diff != "" {
		t.Errorf("influenced revenue (-want +got):\n%s", diff)
	}
	wantPipeline := Split{Sourced: Deals{1000000, 2}, Influenced: Deals{250000, 1}}
	if diff := fkDiff(wantPipeline, got.OpenPipeline); diff != "" {
		t.Errorf("open pipeline (-want +got):\n%s", diff)
	}
	if got.OpenPipeline.Total() != (Deals{1250000, 3}) {
		t.Errorf("pipeline total = %v", got.OpenPipeline.Total())
	}
	// 1,250,000 ÷ (1,200,000 − 180,000)
	wantCov := Coverage{Pipeline: 1250000, Target: 1200000, Won: 180000, Remaining: 1020000, Ratio: 1250000.0 / 1020000, HasRatio: true}
	if diff := fkDiff(wantCov, got.Coverage); diff != "" {
		t.Errorf("coverage (-want +got):\n%s", diff)
	}
	if got.RevenueTarget != 1200000 || got.Conversations != 12 || got.Currency != "USD" || got.SLABusinessDays != 3 {
		t.Errorf("targets = %d %d %q %d", got.RevenueTarget, got.Conversations, got.Currency, got.SLABusinessDays)
	}
	if got.First != fkDate("2026-10-01") || got.Last != fkDate("2026-12-31") || got.AsOf != fkDate("2026-12-31") {
		t.Errorf("bounds = %s %s %s", got.First, got.Last, got.AsOf)
	}
	// 23:59 in New York on Dec 31 is already Jan 1 in UTC: still Q4 here.
	if got.Quarter != q {
		t.Errorf("quarter = %s", got.Quarter)
	}
}

func TestKPICoverage(t *testing.T) {
	tests := []struct {
		name                  string
		pipeline, target, won int64
		want                  Coverage
	}{
		{"some remains", 3000000, 1200000, 200000, Coverage{3000000, 1200000, 200000, 1000000, 3, true, false, false}},
		{"no pipeline", 0, 1200000, 0, Coverage{0, 1200000, 0, 1200000, 0, true, false, false}},
		{"one unit remains", 5, 1200000, 1199999, Coverage{5, 1200000, 1199999, 1, 5, true, false, false}},
		{"exactly met", 500, 1200000, 1200000, Coverage{500, 1200000, 1200000, 0, 0, false, true, false}},
		{"beaten", 500, 1200000, 1500000, Coverage{500, 1200000, 1500000, -300000, 0, false, true, false}},
		{"no target", 500, 0, 0, Coverage{500, 0, 0, 0, 0, false, false, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := coverage(tt.pipeline, tt.target, tt.won)
			if diff := fkDiff(tt.want, got); diff != "" {
				t.Errorf("coverage (-want +got):\n%s", diff)
			}
			if math.IsNaN(got.Ratio) || math.IsInf(got.Ratio, 0) {
				t.Errorf("ratio = %v", got.Ratio)
			}
		})
	}
}

func TestKPISourcedShareBand(t *testing.T) {
	tests := []struct {
		sourced, newARR int64
		band            Level
		has             bool
	}{
		{0, 10000000, LevelBelow, true},
		{499999, 10000000, LevelBelow, true},
		{500000, 10000000, LevelWithin, true},
		{500001, 10000000, LevelWithin, true},
		{999999, 10000000, LevelWithin, true},
		{1000000, 10000000, LevelWithin, true},
		{1000001, 10000000, LevelAbove, true},
		{1000000, 0, "", false},
		{1000000, -5, "", false},
	}
	for _, tt := range tests {
		got := sourcedShare(tt.sourced, tt.newARR)
		if got.Band != tt.band || got.HasValue != tt.has {
			t.Errorf("sourcedShare(%d, %d) = %+v, want band %q has %v", tt.sourced, tt.newARR, got, tt.band, tt.has)
		}
		if tt.has && got.Share != float64(tt.sourced)/float64(tt.newARR) {
			t.Errorf("sourcedShare(%d, %d).Share = %v", tt.sourced, tt.newARR, got.Share)
		}
		if !tt.has && got.Share != 0 {
			t.Errorf("sourcedShare(%d, %d).Share = %v, want 0", tt.sourced, tt.newARR, got.Share)
		}
	}

	// Through ComputeKPIs: 700,000 sourced of a 10M new-ARR target is 7%.
	cfg := fkConfig(t)
	regs := []Registration{{ID: "R-1", Status: RegWon, Attribution: Sourced, Amount: 700000, Closed: fkDate("2026-11-02")}}
	got := ComputeKPIs(KPIInput{Config: cfg, Now: fkAt(t, "2026-11-23 09:00"), Quarter: Quarter{2026, 4}, Registrations: regs})
	want := SourcedShare{Sourced: 700000, NewARR: 10000000, Share: 0.07, HasValue: true, Band: LevelWithin}
	if diff := fkDiff(want, got.SourcedShare); diff != "" {
		t.Errorf("sourced share (-want +got):\n%s", diff)
	}
}

func TestKPIActivePartners(t *testing.T) {
	cfg := fkConfig(t)
	q := Quarter{2026, 4}
	ap := func(name string, st PartnerStatus, last string) PartnerActivity {
		pa := PartnerActivity{Partner: Partner{Name: name, Tier: 2, Status: st}}
		if last != "" {
			pa.LastTouch = fkDate(last)
		}
		return pa
	}
	tests := []struct {
		name string
		now  string
		p    PartnerActivity
		want int
	}{
		// Today 2026-11-23: the window is 2026-08-26 … 2026-11-23.
		{"touched today", "2026-11-23 09:00", ap("A", PartnerActive, "2026-11-23"), 1},
		{"89 days ago", "2026-11-23 09:00", ap("A", PartnerActive, "2026-08-26"), 1},
		{"90 days ago", "2026-11-23 09:00", ap("A", PartnerActive, "2026-08-25"), 0},
		{"onboarding", "2026-11-23 09:00", ap("A", PartnerOnboarding, "2026-11-01"), 1},
		{"paused", "2026-11-23 09:00", ap("A", PartnerPaused, "2026-11-01"), 0},
		{"churned", "2026-11-23 09:00", ap("A", PartnerChurned, "2026-11-01"), 0},
		{"prospect", "2026-11-23 09:00", ap("A", PartnerProspect, "2026-11-01"), 0},
		{"never touched", "2026-11-23 09:00", ap("A", PartnerActive, ""), 0},
		{"touch after the reference date", "2026-11-23 09:00", ap("A", PartnerActive, "2026-11-24"), 0},
		// A quarter that is over counts back from its last day: 2026-10-03 … 2026-12-31.
		{"past quarter, 89 days before its end", "2027-03-01 09:00", ap("A", PartnerActive, "2026-10-03"), 1},
		{"past quarter, 90 days before its end", "2027-03-01 09:00", ap("A", PartnerActive, "2026-10-02"), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ComputeKPIs(KPIInput{Config: cfg, Now: fkAt(t, tt.now), Quarter: q, Partners: []PartnerActivity{tt.p}})
			if got.ActivePartners != tt.want {
				t.Errorf("active partners = %d, want %d", got.ActivePartners, tt.want)
			}
			if got.Workload.ActivePartners != tt.want {
				t.Errorf("workload active partners = %d, want %d", got.Workload.ActivePartners, tt.want)
			}
		})
	}
}

func TestKPIAccuracyAndSLA(t *testing.T) {
	cfg := fkConfig(t)
	cfg.Holidays = Holidays{fkDate("2026-11-26"): true}
	q := Quarter{2026, 4}
	now := fkAt(t, "2026-12-15 09:00")
	reg := func(id string, st RegStatus, submitted, decided string) Registration {
		r := Registration{ID: id, Partner: "Northwind", Account: "Acme", Status: st, Submitted: fkDate(submitted), Attribution: Sourced}
		if decided != "" {
			r.Decided = fkDate(decided)
		}
		return r
	}
	tests := []struct {
		name          string
		regs          []Registration
		accuracy, sla Ratio
	}{
		{"nothing decided", []Registration{reg("R-1", RegSubmitted, "2026-11-02", "")}, Ratio{}, Ratio{}},
		{
			"decided outside the quarter",
			[]Registration{reg("R-1", RegApproved, "2026-09-25", "2026-09-30"), reg("R-2", RegRejected, "2027-01-01", "2027-01-01")},
			Ratio{}, Ratio{},
		},
		{
			// Mon → Thu is 3 business days (within), Mon → Fri is 4 (late).
			"SLA boundary",
			[]Registration{reg("R-1", RegApproved, "2026-11-02", "2026-11-05"), reg("R-2", RegRejected, "2026-11-02", "2026-11-06")},
			Ratio{1, 2, 0.5, true}, Ratio{1, 2, 0.5, true},
		},
		{
			// Submitted Fri, decided Wed: Mon, Tue, Wed = 3.
			"over a weekend",
			[]Registration{reg("R-1", RegWon, "2026-10-02", "2026-10-07"), reg("R-2", RegLost, "2026-10-02", "2026-10-08")},
			Ratio{2, 2, 1, true}, Ratio{1, 2, 0.5, true},
		},
		{
			// Thanksgiving 2026-11-26 is a holiday: Mon 23 → Mon 30 is Tue, Wed, Fri, Mon = 4.
			"over a holiday",
			[]Registration{reg("R-1", RegExpired, "2026-11-23", "2026-11-27"), reg("R-2", RegApproved, "2026-11-23", "2026-11-30")},
			Ratio{2, 2, 1, true}, Ratio{1, 2, 0.5, true},
		},
		{
			"first and last day of the quarter",
			[]Registration{reg("R-1", RegRejected, "2026-09-30", "2026-10-01"), reg("R-2", RegRejected, "2026-12-31", "2026-12-31")},
			Ratio{0, 2, 0, true}, Ratio{2, 2, 1, true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ComputeKPIs(KPIInput{Config: cfg, Now: now, Quarter: q, Registrations: tt.regs})
			if diff := fkDiff(tt.accuracy, got.RegistrationAccuracy); diff != "" {
				t.Errorf("accuracy (-want +got):\n%s", diff)
			}
			if diff := fkDiff(tt.sla, got.SLAAttainment); diff != "" {
				t.Errorf("SLA attainment (-want +got):\n%s", diff)
			}
		})
	}
}

func TestKPISatisfaction(t *testing.T) {
	cfg := fkConfig(t)
	q := Quarter{2026, 4}
	rec := func(id string, st MeetingStatus, score int) MeetingRecord {
		return MeetingRecord{ID: id, Status: st, Satisfaction: score}
	}
	tests := []struct {
		name string
		qbrs []MeetingRecord
		want Satisfaction
	}{
		{"no records", nil, Satisfaction{}},
		{"held without a score", []MeetingRecord{rec("qbr/northwind/2026-Q4", MeetingHeld, 0)}, Satisfaction{}},
		{"only scheduled", []MeetingRecord{rec("qbr/northwind/2026-Q4", MeetingScheduled, 9)}, Satisfaction{}},
		{
			"mean of held",
			[]MeetingRecord{
				rec("qbr/northwind/2026-Q4", MeetingHeld, 8),
				rec("qbr/contoso/2026-Q4", MeetingHeld, 5),
				rec("qbr/fabrikam/2026-Q4", MeetingSkipped, 1),
				rec("qbr/tailspin/2026-Q3", MeetingHeld, 1),
				rec("1on1/dana-cruz/2026-11-03", MeetingHeld, 1),
				rec("qbr/2026-Q4", MeetingHeld, 1),
				rec("qbr/litware/notaquarter", MeetingHeld, 1),
			},
			Satisfaction{Mean: 6.5, Count: 2, HasValue: true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ComputeKPIs(KPIInput{Config: cfg, Now: fkAt(t, "2026-11-23 09:00"), Quarter: q, QBRs: tt.qbrs})
			if diff := fkDiff(tt.want, got.Satisfaction); diff != "" {
				t.Errorf("satisfaction (-want +got):\n%s", diff)
			}
		})
	}
}

func TestKPITimeToFirstDeal(t *testing.T) {
	cfg := fkConfig(t)
	q := Quarter{2026, 4} // four quarters: 2026-01-01 … 2026-12-31
	p := func(joined, firstWon string) PartnerActivity {
		pa := PartnerActivity{Partner: Partner{Name: "P", Status: PartnerActive}}
		if joined != "" {
			pa.Partner.Joined = fkDate(joined)
		}
		if firstWon != "" {
			pa.FirstWon = fkDate(firstWon)
		}
		return pa
	}
	window := func(w TimeToFirstDeal) TimeToFirstDeal {
		w.From, w.To = fkDate("2026-01-01"), fkDate("2026-12-31")
		return w
	}
	tests := []struct {
		name     string
		partners []PartnerActivity
		want     TimeToFirstDeal
	}{
		{"no partners", nil, window(TimeToFirstDeal{})},
		{"no first win", []PartnerActivity{p("2026-01-01", "")}, window(TimeToFirstDeal{})},
		{"no joined date", []PartnerActivity{p("", "2026-05-01")}, window(TimeToFirstDeal{})},
		{"win before joining", []PartnerActivity{p("2026-05-02", "2026-05-01")}, window(TimeToFirstDeal{})},
		{"one", []PartnerActivity{p("2026-05-01", "2026-05-01")}, window(TimeToFirstDeal{MedianDays: 0, Count: 1, HasValue: true})},
		{
			"odd count",
			[]PartnerActivity{p("2026-01-01", "2026-01-31"), p("2025-12-01", "2026-12-31"), p("2026-03-01", "2026-03-11")},
			window(TimeToFirstDeal{MedianDays: 30, Count: 3, HasValue: true}),
		},
		{
			"even count",
			[]PartnerActivity{p("2026-01-01", "2026-01-11"), p("2026-01-01", "2026-01-21"), p("2026-01-01", "2026-02-01"), p("2026-01-01", "2026-04-11")},
			window(TimeToFirstDeal{MedianDays: 25.5, Count: 4, HasValue: true}),
		},
		{
			"wins outside the four quarters",
			[]PartnerActivity{p("2025-01-01", "2025-12-31"), p("2025-01-01", "2027-01-01"), p("2026-01-01", "2026-01-01")},
			window(TimeToFirstDeal{MedianDays: 0, Count: 1, HasValue: true}),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ComputeKPIs(KPIInput{Config: cfg, Now: fkAt(t, "2026-12-31 12:00"), Quarter: q, Partners: tt.partners})
			if diff := fkDiff(tt.want, got.TimeToFirstDeal); diff != "" {
				t.Errorf("time to first deal (-want +got):\n%s", diff)
			}
		})
	}
}

func TestKPIFiscalYearEdges(t *testing.T) {
	cfg := fkConfig(t)
	cfg.FiscalYearStartMonth = 2
	// FY2027 runs Feb 2026 – Jan 2027; FY2026-Q4 is Nov 2025 – Jan 2026.
	regs := []Registration{
		{ID: "R-1", Status: RegWon, Attribution: Sourced, Amount: 100, Closed: fkDate("2025-11-01")},
		{ID: "R-2", Status: RegWon, Attribution: Sourced, Amount: 200, Closed: fkDate("2026-01-31")},
		{ID: "R-3", Status: RegWon, Attribution: Sourced, Amount: 400, Closed: fkDate("2026-02-01")},
		{ID: "R-4", Status: RegWon, Attribution: Influenced, Amount: 800, Closed: fkDate("2027-01-31")},
		{ID: "R-5", Status: RegWon, Attribution: Influenced, Amount: 1600, Closed: fkDate("2027-02-01")},
		{ID: "R-6", Status: RegWon, Attribution: Sourced, Amount: 3200, Closed: fkDate("2025-10-31")},
	}
	partners := []PartnerActivity{
		{Partner: Partner{Name: "A", Status: PartnerActive, Joined: fkDate("2026-01-01")}, FirstWon: fkDate("2026-01-31")},
		{Partner: Partner{Name: "B", Status: PartnerActive, Joined: fkDate("2025-01-01")}, FirstWon: fkDate("2025-02-01")},
		{Partner: Partner{Name: "C", Status: PartnerActive, Joined: fkDate("2025-01-01")}, FirstWon: fkDate("2025-01-31")},
	}
	tests := []struct {
		name        string
		q           Quarter
		now         string
		first, last string
		sourced     int64
		influenced  int64
		ttfd        TimeToFirstDeal
	}{
		{
			"FY2026-Q4", Quarter{2026, 4}, "2026-02-01 00:00", "2025-11-01", "2026-01-31", 300, 0,
			// Four quarters: FY2026-Q1 (Feb 2025) … FY2026-Q4; B (31 days) and A (30 days); C won before the window.
			TimeToFirstDeal{MedianDays: 30.5, Count: 2, HasValue: true, From: fkDate("2025-02-01"), To: fkDate("2026-01-31")},
		},
		{
			"FY2027-Q1", Quarter{2027, 1}, "2026-02-01 00:00", "2026-02-01", "2026-04-30", 400, 0,
			TimeToFirstDeal{MedianDays: 30, Count: 1, HasValue: true, From: fkDate("2025-05-01"), To: fkDate("2026-04-30")},
		},
		{
			"FY2027-Q4", Quarter{2027, 4}, "2027-06-01 00:00", "2026-11-01", "2027-01-31", 0, 800,
			TimeToFirstDeal{From: fkDate("2026-02-01"), To: fkDate("2027-01-31")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ComputeKPIs(KPIInput{Config: cfg, Now: fkAt(t, tt.now), Quarter: tt.q, Registrations: regs, Partners: partners})
			if got.First != fkDate(tt.first) || got.Last != fkDate(tt.last) {
				t.Errorf("bounds = %s … %s, want %s … %s", got.First, got.Last, tt.first, tt.last)
			}
			if got.SourcedRevenue.Amount != tt.sourced || got.InfluencedRevenue.Amount != tt.influenced {
				t.Errorf("revenue = %d sourced, %d influenced; want %d, %d",
					got.SourcedRevenue.Amount, got.InfluencedRevenue.Amount, tt.sourced, tt.influenced)
			}
			if diff := fkDiff(tt.ttfd, got.TimeToFirstDeal); diff != "" {
				t.Errorf("time to first deal (-want +got):\n%s", diff)
			}
		})
	}
}

func TestKPIAsOf(t *testing.T) {
	cfg := fkConfig(t)
	q := Quarter{2026, 4}
	tests := []struct {
		now, want string
	}{
		{"2026-11-23 09:00", "2026-11-23"},
		{"2026-12-31 23:59", "2026-12-31"},
		{"2027-01-01 00:00", "2026-12-31"},
		{"2028-05-01 12:00", "2026-12-31"},
	}
	for _, tt := range tests {
		got := ComputeKPIs(KPIInput{Config: cfg, Now: fkAt(t, tt.now), Quarter: q})
		if got.AsOf != fkDate(tt.want) {
			t.Errorf("now %s: as of %s, want %s", tt.now, got.AsOf, tt.want)
		}
	}
}

func TestKPIEmpty(t *testing.T) {
	// No config, no data: every ratio says it has no value, never NaN.
	got := ComputeKPIs(KPIInput{Now: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC), Quarter: Quarter{2026, 4}})
	want := KPIs{
		Quarter: Quarter{2026, 4}, First: fkDate("2026-10-01"), Last: fkDate("2026-12-31"), AsOf: fkDate("2026-11-23"),
		Currency: "USD", RevenueTarget: 1200000, SLABusinessDays: 3,
		Coverage:        Coverage{Target: 1200000, Remaining: 1200000, HasRatio: true},
		SourcedShare:    SourcedShare{NewARR: 10000000, HasValue: true, Band: LevelBelow},
		TimeToFirstDeal: TimeToFirstDeal{From: fkDate("2026-01-01"), To: fkDate("2026-12-31")},
		Workload:        workload(0, 0),
	}
	if diff := fkDiff(want, got); diff != "" {
		t.Errorf("empty KPIs (-want +got):\n%s", diff)
	}
	if got.Workload.Level != LevelBelow {
		t.Errorf("workload level = %q", got.Workload.Level)
	}
}

func TestKPIWorkload(t *testing.T) {
	tests := []struct {
		active, conv      int
		partners, convLvl Level
		level             Level
		verdictStartsWith string
		// where each stands, as the readout words it
		partnersPlace, convPlace string
	}{
		{14, 0, LevelBelow, LevelBelow, LevelBelow, "Below the workload threshold", "below", "below"},
		{15, 0, LevelWithin, LevelBelow, LevelWithin, "At the workload threshold", "at", "below"},
		{25, 49, LevelWithin, LevelBelow, LevelWithin, "At the workload threshold", "at", "below"},
		{26, 0, LevelAbove, LevelBelow, LevelAbove, "Past the workload threshold", "past", "below"},
		{14, 49, LevelBelow, LevelBelow, LevelBelow, "Below the workload threshold", "below", "below"},
		{14, 50, LevelBelow, LevelAbove, LevelAbove, "Past the workload threshold", "below", "at"},
		{20, 51, LevelWithin, LevelAbove, LevelAbove, "Past the workload threshold", "at", "past"},
	}
	for _, tt := range tests {
		got := workload(tt.active, tt.conv)
		if p, c := got.PartnersPlace(), got.ConversationsPlace(); p != tt.partnersPlace || c != tt.convPlace {
			t.Errorf("workload(%d, %d) places %q/%q, want %q/%q", tt.active, tt.conv, p, c, tt.partnersPlace, tt.convPlace)
		}
		if got.Partners != tt.partners || got.ConversationsLevel != tt.convLvl || got.Level != tt.level {
			t.Errorf("workload(%d, %d) = %q/%q/%q, want %q/%q/%q", tt.active, tt.conv,
				got.Partners, got.ConversationsLevel, got.Level, tt.partners, tt.convLvl, tt.level)
		}
		if !strings.HasPrefix(got.Verdict, tt.verdictStartsWith) || strings.Contains(got.Verdict, "\n") {
			t.Errorf("workload(%d, %d).Verdict = %q", tt.active, tt.conv, got.Verdict)
		}
	}
	// Through ComputeKPIs, with the numbers in the verdict.
	cfg := fkConfig(t)
	var ps []PartnerActivity
	for range 15 {
		ps = append(ps, PartnerActivity{Partner: Partner{Name: "P", Status: PartnerActive}, LastTouch: fkDate("2026-11-20")})
	}
	got := ComputeKPIs(KPIInput{Config: cfg, Now: fkAt(t, "2026-11-23 09:00"), Quarter: Quarter{2026, 4}, Partners: ps, Conversations: 49})
	want := "At the workload threshold: 15 active partners (threshold 15–25) and 49 partner-led conversations this quarter (threshold 50) is where a part-time owner starts to miss registrations and intros."
	if got.Workload.Verdict != want {
		t.Errorf("verdict = %q, want %q", got.Workload.Verdict, want)
	}
}

func TestScorecard(t *testing.T) {
	cfg := fkConfig(t)
	q := Quarter{2026, 4}
	pa := PartnerActivity{
		Partner:  Partner{Name: "Northwind", Tier: 1, Type: TypeReseller, Owner: "Dana Cruz", Status: PartnerActive, Joined: fkDate("2026-01-10")},
		FirstWon: fkDate("2026-03-01"),
	}
	regs := []Registration{
		{ID: "R-1", Status: RegWon, Attribution: Sourced, Amount: 100, Submitted: fkDate("2026-02-01"), Decided: fkDate("2026-02-02"), Closed: fkDate("2026-03-01")},
		{ID: "R-2", Status: RegWon, Attribution: Influenced, Amount: 200, Submitted: fkDate("2026-08-01"), Decided: fkDate("2026-08-03"), Closed: fkDate("2026-09-30")},
		{ID: "R-3", Status: RegWon, Attribution: Sourced, Amount: 400, Submitted: fkDate("2026-08-01"), Decided: fkDate("2026-10-01"), Closed: fkDate("2026-10-01")},
		{ID: "R-4", Status: RegWon, Attribution: Sourced, Amount: 800, Submitted: fkDate("2026-08-01"), Closed: fkDate("2026-12-31")},
		{ID: "R-5", Status: RegRejected, Attribution: Sourced, Amount: 1600, Submitted: fkDate("2026-10-01"), Decided: fkDate("2026-10-02")},
		{ID: "R-6", Status: RegRejected, Attribution: Sourced, Amount: 3200, Submitted: fkDate("2026-05-01"), Decided: fkDate("2026-05-02")},
		{ID: "R-7", Status: RegSubmitted, Attribution: Sourced, Amount: 6400, Submitted: fkDate("2026-11-01")},
		{ID: "R-8", Status: RegApproved, Attribution: Influenced, Amount: 12800, Submitted: fkDate("2026-09-01"), Decided: fkDate("2026-09-02")},
		{ID: "R-9", Status: RegLost, Attribution: Influenced, Amount: 25600, Submitted: fkDate("2026-09-01"), Decided: fkDate("2026-11-02"), Closed: fkDate("2026-11-20")},
	}
	qbrs := []MeetingRecord{
		{ID: "qbr/northwind/2026-Q2", Status: MeetingHeld, Satisfaction: 6},
		{ID: "qbr/northwind/2026-Q3", Status: MeetingHeld, Satisfaction: 8},
		{ID: "qbr/northwind/2026-Q4", Status: MeetingHeld},                       // no score
		{ID: "qbr/northwind/2027-Q1", Status: MeetingHeld, Satisfaction: 2},      // after the quarter
		{ID: "qbr/northwind/2026-Q1", Status: MeetingCancelled, Satisfaction: 1}, // not held
	}
	got := Scorecard(pa, regs, qbrs, q, cfg)
	want := PartnerScorecard{
		Partner: "Northwind", Tier: 1, Type: TypeReseller, Owner: "Dana Cruz", Status: PartnerActive,
		Joined: fkDate("2026-01-10"), Quarter: q,
		FirstWon: fkDate("2026-03-01"), DaysToFirstDeal: 50, HasFirstDeal: true,
		Won:              Split{Sourced: Deals{1200, 2}},
		WonLastQuarter:   Split{Influenced: Deals{200, 1}},
		Open:             Split{Sourced: Deals{6400, 1}, Influenced: Deals{12800, 1}},
		Decided:          Decisions{Approved: 2, Rejected: 1},
		DecidedAllTime:   Decisions{Approved: 5, Rejected: 2},
		LastSatisfaction: 8, LastSatisfactionQuarter: Quarter{2026, 3}, HasSatisfaction: true,
	}
	if diff := fkDiff(want, got); diff != "" {
		t.Errorf("scorecard (-want +got):\n%s", diff)
	}

	// A new partner: nothing won, no QBR, no data rather than zeros.
	fresh := PartnerActivity{Partner: Partner{Name: "Fabrikam", Tier: 3, Status: PartnerOnboarding, Joined: fkDate("2026-11-01")}}
	got = Scorecard(fresh, nil, nil, q, nil)
	want = PartnerScorecard{Partner: "Fabrikam", Tier: 3, Status: PartnerOnboarding, Joined: fkDate("2026-11-01"), Quarter: q}
	if diff := fkDiff(want, got); diff != "" {
		t.Errorf("fresh scorecard (-want +got):\n%s", diff)
	}

	// Bad data: a first win before joining has no time to first deal.
	odd := PartnerActivity{Partner: Partner{Name: "Odd", Joined: fkDate("2026-05-01")}, FirstWon: fkDate("2026-04-01")}
	if got := Scorecard(odd, nil, nil, q, cfg); got.HasFirstDeal || got.DaysToFirstDeal != 0 {
		t.Errorf("odd scorecard: %d days, has %v", got.DaysToFirstDeal, got.HasFirstDeal)
	}

	// Quarters compare across years: 2026-Q1 held later than 2025-Q4.
	qbrs = []MeetingRecord{
		{ID: "qbr/northwind/2026-Q1", Status: MeetingHeld, Satisfaction: 9},
		{ID: "qbr/northwind/2025-Q4", Status: MeetingHeld, Satisfaction: 3},
	}
	if got := Scorecard(pa, nil, qbrs, q, cfg); got.LastSatisfaction != 9 || got.LastSatisfactionQuarter != (Quarter{2026, 1}) {
		t.Errorf("last satisfaction = %d in %s", got.LastSatisfaction, got.LastSatisfactionQuarter)
	}
}

func TestFormatMoney(t *testing.T) {
	tests := []struct {
		amount   int64
		currency string
		want     string
	}{
		{0, "USD", "$0"},
		{7, "USD", "$7"},
		{999, "USD", "$999"},
		{1000, "USD", "$1,000"},
		{48000, "USD", "$48,000"},
		{100000, "USD", "$100,000"},
		{1200000, "USD", "$1,200,000"},
		{1200000, "usd", "$1,200,000"},
		{-48000, "USD", "-$48,000"},
		{1200000, "EUR", "€1,200,000"},
		{1200000, "GBP", "£1,200,000"},
		{1200000, "CHF", "1,200,000 CHF"},
		{1200000, " chf ", "1,200,000 CHF"},
		{1200000, "", "1,200,000"},
		{math.MinInt64, "USD", "-$9,223,372,036,854,775,808"},
		{math.MaxInt64, "EUR", "€9,223,372,036,854,775,807"},
	}
	for _, tt := range tests {
		if got := FormatMoney(tt.amount, tt.currency); got != tt.want {
			t.Errorf("FormatMoney(%d, %q) = %q, want %q", tt.amount, tt.currency, got, tt.want)
		}
	}
}

// TestKPICoverageOnlyWhileTheQuarterRuns: coverage asks what is left to win
// of a quarter, so a finished one says it is over (no ratio, not met), on
// its last day it still has a ratio, and ComputeTrend gives each quarter
// its own answer.
func TestKPICoverageOnlyWhileTheQuarterRuns(t *testing.T) {
	cfg := fkConfig(t)
	cfg.Targets.PartnerRevenue = 1000
	open := []Registration{{ID: "R-1", Partner: "P", Status: RegApproved, Amount: 500, Attribution: Sourced, Submitted: fkDate("2026-09-01")}}
	for _, tt := range []struct {
		now      string
		q        Quarter
		over     bool
		hasRatio bool
	}{
		{"2026-11-23 09:00", Quarter{2026, 4}, false, true},
		{"2026-12-31 09:00", Quarter{2026, 4}, false, true},
		{"2027-01-01 09:00", Quarter{2026, 4}, true, false},
		{"2026-11-23 09:00", Quarter{2026, 3}, true, false},
	} {
		got := ComputeKPIs(KPIInput{Config: cfg, Now: fkAt(t, tt.now), Quarter: tt.q, Registrations: open}).Coverage
		if got.Over != tt.over || got.HasRatio != tt.hasRatio || got.Met {
			t.Errorf("%s at %s: coverage %+v, want over %v, ratio %v", tt.q, tt.now, got, tt.over, tt.hasRatio)
		}
	}
	trend := ComputeTrend([]KPIInput{
		{Config: cfg, Now: fkAt(t, "2026-11-23 09:00"), Quarter: Quarter{2026, 3}, Registrations: open},
		{Config: cfg, Now: fkAt(t, "2026-11-23 09:00"), Quarter: Quarter{2026, 4}, Registrations: open},
	})
	if !trend[0].Coverage.Over || trend[1].Coverage.Over || trend[1].Coverage.Ratio != 0.5 {
		t.Errorf("trend coverage %+v, %+v", trend[0].Coverage, trend[1].Coverage)
	}
	if got := TrendOf(Quarter{2026, 2}); !slices.Equal(got, []Quarter{{2025, 2}, {2025, 3}, {2025, 4}, {2026, 1}, {2026, 2}}) {
		t.Errorf("TrendOf(2026-Q2) = %v", got)
	}
}
