package store

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"partnercadence/cadence"
	"partnercadence/cadence/demo"
)

// demoStore loads the small demo as it is on Monday 2026-11-23.
func demoStore(t *testing.T) (*Store, *cadence.Config, time.Time) {
	t.Helper()
	ny, _ := time.LoadLocation("America/New_York")
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, ny)
	cfg, err := cadence.ParseConfig([]byte(demo.Config(demo.Small, now)), "demo")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "demo.db")
	if err := Load(path, cfg, func(l *Loader) error { return demo.Generate(demo.Small, 1, now, l) }); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s, cfg, now
}

func TestMeetingDataIsScopedToWhoIsInvolved(t *testing.T) {
	s, cfg, now := demoStore(t)
	all, err := s.FlagInput(cfg, now)
	if err != nil {
		t.Fatal(err)
	}
	allFlags := cadence.Flags(all)

	md, err := s.MeetingData(cfg, now, "1on1/dana-cruz/2026-11-25")
	if err != nil {
		t.Fatal(err)
	}
	if md.Occurrence.Member != "Dana Cruz" {
		t.Fatalf("occurrence = %+v", md.Occurrence)
	}
	mine := map[string]bool{}
	for _, p := range md.Partners {
		if p.Partner.Owner != "Dana Cruz" {
			t.Errorf("partner %s is %s's, not Dana's", p.Partner.Name, p.Partner.Owner)
		}
		mine[p.Partner.Name] = true
	}
	if len(md.Partners) == 0 {
		t.Fatal("Dana has no partners in the agenda")
	}
	// Every flag of the full set that is Dana's or about her partners is
	// in the agenda, and nothing else.
	want := 0
	for _, f := range allFlags {
		if f.Owner == "Dana Cruz" || mine[f.Partner] {
			want++
		}
	}
	if len(md.Flags) != want || want == 0 {
		t.Errorf("agenda has %d flags, want %d (Dana's or her partners')", len(md.Flags), want)
	}
	for _, r := range md.Registrations {
		if !mine[r.Partner] {
			t.Errorf("registration %s of %s is not one of Dana's partners'", r.ID, r.Partner)
		}
	}
	for _, a := range md.CarriedOver {
		if cadence.SeriesOf(a.Meeting) != "1on1/dana-cruz" || !a.Open() {
			t.Errorf("carried over %+v is not an open action of Dana's 1:1s", a)
		}
	}

	qbr, err := s.MeetingData(cfg, now, "qbr/northwind-systems/2026-Q4")
	if err != nil {
		t.Fatal(err)
	}
	if len(qbr.Partners) != 1 || qbr.Partners[0].Partner.Name != "Northwind Systems" || len(qbr.QBRs) == 0 {
		t.Errorf("QBR data: partners %v, %d QBR records", qbr.Partners, len(qbr.QBRs))
	}
	for i := 1; i < len(qbr.QBRs); i++ {
		if qbr.QBRs[i-1].ID >= qbr.QBRs[i].ID {
			t.Errorf("QBR records out of order: %s before %s", qbr.QBRs[i-1].ID, qbr.QBRs[i].ID)
		}
	}

	if _, err := s.MeetingData(cfg, now, "1on1/dana-cruz/2026-11-24"); err == nil {
		t.Error("a 1:1 on a day Dana has none: no error")
	}
}

// The month summaries give each partner's latest touch as of a past
// quarter's end exactly as the full history does, within four months.
func TestLastTouchesAsOfMatchesHistory(t *testing.T) {
	s, cfg, now := demoStore(t)
	_, asOf := cfg.Fiscal().Bounds(cfg.Fiscal().QuarterOf(cfg.Today(now)).Prev())
	in, err := s.KPIInput(cfg, now, cfg.Fiscal().QuarterOf(asOf))
	if err != nil {
		t.Fatal(err)
	}
	horizon := asOf.AddMonths(-3).AddDays(-asOf.AddMonths(-3).Day() + 1)
	checked := 0
	for _, pa := range in.Partners {
		var want cadence.Date
		tps, _ := s.Touchpoints(pa.Partner.Name, 0)
		for _, tp := range tps {
			if !tp.Date.After(asOf) && tp.Date.After(want) {
				want = tp.Date
			}
		}
		regs, _ := s.PartnerRegistrations(pa.Partner.Name)
		for _, r := range regs {
			if !r.Submitted.After(asOf) && r.Submitted.After(want) {
				want = r.Submitted
			}
		}
		if want.Before(horizon) {
			want = cadence.Date{}
		}
		if pa.LastTouch != want {
			t.Errorf("%s: last touch as of %s = %s, want %s", pa.Partner.Name, asOf, pa.LastTouch, want)
		}
		if !want.IsZero() {
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no partner was touched in the quarter: the test checks nothing")
	}
}

// A quarter's KPI input holds every registration that is open, or was
// decided or closed in the quarter, each exactly once: the same set a
// search of every partner's history finds.
func TestKPIRegistrationsMatchHistory(t *testing.T) {
	s, cfg, now := demoStore(t)
	partners, err := s.Partners()
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []cadence.Quarter{cfg.Fiscal().QuarterOf(cfg.Today(now)), cfg.Fiscal().QuarterOf(cfg.Today(now)).Prev()} {
		first, last := cfg.Fiscal().Bounds(q)
		in := func(d cadence.Date) bool { return !d.Before(first) && !d.After(last) }
		want := map[string]int{}
		for _, p := range partners {
			regs, err := s.PartnerRegistrations(p.Name)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range regs {
				if r.Status.Open() || in(r.Decided) || in(r.Closed) {
					want[r.ID] = 1
				}
			}
		}
		kin, err := s.KPIInput(cfg, now, q)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int{}
		both := 0
		for _, r := range kin.Registrations {
			got[r.ID]++
			if !r.Status.Open() && in(r.Decided) && in(r.Closed) {
				both++
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: registrations (-history +KPI input):\n%s", q, diff)
		}
		if both == 0 && q == cfg.Fiscal().QuarterOf(cfg.Today(now)).Prev() {
			t.Errorf("%s: no registration both decided and closed in the quarter: the test shows nothing", q)
		}
	}
}
