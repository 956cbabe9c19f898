package store

import (
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"

	"partnercadence/cadence"
)

// trendFigures is what a trend shows of one quarter's KPIs, compared as a
// whole.
type trendFigures struct {
	Quarter                     cadence.Quarter
	Sourced, Influenced         cadence.Deals
	Active, Conversations       int
	Accuracy, SLA               cadence.Ratio
	Satisfaction                cadence.Satisfaction
	FirstDealDays               float64
	FirstDealCount              int
	CoverageOver, CoverageRatio bool
	OpenPipeline                int64
}

func figuresOf(k cadence.KPIs, last bool) trendFigures {
	f := trendFigures{
		Quarter: k.Quarter, Sourced: k.SourcedRevenue, Influenced: k.InfluencedRevenue,
		Active: k.ActivePartners, Conversations: k.Conversations,
		Accuracy: k.RegistrationAccuracy, SLA: k.SLAAttainment, Satisfaction: k.Satisfaction,
		FirstDealDays: k.TimeToFirstDeal.MedianDays, FirstDealCount: k.TimeToFirstDeal.Count, CoverageOver: k.Coverage.Over, CoverageRatio: k.Coverage.HasRatio,
	}
	if last {
		f.OpenPipeline = k.OpenPipeline.Total().Amount
	}
	return f
}

// TestReadoutTrend: on the small demo (today 2026-11-23), the one read of
// the readout gives, for the current quarter and for a finished one, each
// quarter of the trend the same KPIs as reading that quarter alone
// (KPIInput), the flags of FlagInput, and the figures the demo holds.
func TestReadoutTrend(t *testing.T) {
	s, cfg, now := demoStore(t)
	fiscal := cfg.Fiscal()
	for _, c := range []struct {
		q               cadence.Quarter
		sourced, active []int64
	}{
		{cadence.Quarter{Year: 2026, Q: 4}, []int64{401000, 636000, 567000, 687500, 125500}, []int64{25, 25, 25, 25, 28}},
		// 2026-Q3 is over: 25 active partners, at the 15–25 threshold.
		{cadence.Quarter{Year: 2026, Q: 3}, []int64{435000, 401000, 636000, 567000, 687500}, []int64{21, 25, 25, 25, 25}},
	} {
		q := c.q
		data, err := s.ReadoutInput(cfg, now, q)
		if err != nil {
			t.Fatal(err)
		}
		trend := cadence.ComputeTrend(data.Trend)
		if len(trend) != cadence.TrendQuarters || trend[len(trend)-1].Quarter != q {
			t.Fatalf("%s: trend of %d quarters ending %s", q, len(trend), trend[len(trend)-1].Quarter)
		}
		var sourced, active []int64
		for _, k := range trend {
			sourced = append(sourced, k.SourcedRevenue.Amount)
			active = append(active, int64(k.ActivePartners))
		}
		if !reflect.DeepEqual(sourced, c.sourced) || !reflect.DeepEqual(active, c.active) {
			t.Errorf("%s: sourced revenue %v, active partners %v; want %v, %v", q, sourced, active, c.sourced, c.active)
		}
		if w := trend[len(trend)-1].Workload; q.Q == 3 && w.PartnersPlace() != "at" {
			t.Errorf("%s: %d active partners are %q the threshold, want at", q, w.ActivePartners, w.PartnersPlace())
		}
		for i, k := range trend {
			last := i == len(trend)-1
			in, err := s.KPIInput(cfg, now, k.Quarter)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(figuresOf(cadence.ComputeKPIs(in), last), figuresOf(k, last)); diff != "" {
				t.Errorf("readout %s, quarter %s (-alone +trend):\n%s", q, k.Quarter, diff)
			}
		}
		if last := trend[len(trend)-1]; q == fiscal.QuarterOf(cfg.Today(now)) {
			if last.Coverage.Over || !last.Coverage.HasRatio {
				t.Errorf("%s is running: coverage %+v", q, last.Coverage)
			}
		} else if !last.Coverage.Over || last.Coverage.HasRatio {
			t.Errorf("%s is over: coverage %+v", q, last.Coverage)
		}
		fin, err := s.FlagInput(cfg, now)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := cadence.Flags(data.Flags), cadence.Flags(fin); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %d flags from the readout's read, %d from FlagInput", q, len(got), len(want))
		}
	}
}
