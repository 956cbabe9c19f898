package store

import (
	"os"
	"testing"
	"time"

	"partnercadence/cadence"
)

// The benchmarks read a large demo database named by $CADENCE_BENCH_DB
// (made with `cadence demo --db FILE --size large --now 2026-11-23`); without
// it they are skipped. See the README's performance table.
func benchStore(b *testing.B) (*Store, *cadence.Config, time.Time) {
	b.Helper()
	path := os.Getenv("CADENCE_BENCH_DB")
	if path == "" {
		b.Skip("set CADENCE_BENCH_DB to a large demo database")
	}
	s, err := Open(path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	text, err := s.EmbeddedConfig()
	if err != nil {
		b.Fatal(err)
	}
	cfg, err := cadence.ParseConfig([]byte(text), "embedded")
	if err != nil {
		b.Fatal(err)
	}
	return s, cfg, time.Date(2026, 11, 23, 9, 0, 0, 0, cfg.Location)
}

// BenchmarkFlags is the work of `cadence flags`: gather the summaries, then
// compute every flag.
func BenchmarkFlags(b *testing.B) {
	s, cfg, now := benchStore(b)
	for b.Loop() {
		in, err := s.FlagInput(cfg, now)
		if err != nil {
			b.Fatal(err)
		}
		_ = cadence.Flags(in)
	}
}

// BenchmarkFlagsInMemory is the budget "all flags recomputed inside the
// running app": the summaries read once and indexed once, as the app holds
// them, then only cadence.Flags as the clock moves on.
func BenchmarkFlagsInMemory(b *testing.B) {
	s, cfg, now := benchStore(b)
	in, err := s.FlagInput(cfg, now)
	if err != nil {
		b.Fatal(err)
	}
	in.Index = cadence.NewFlagIndex(in.Partners, in.Open)
	var flags []cadence.Flag
	for b.Loop() {
		flags = cadence.Flags(in)
	}
	b.ReportMetric(float64(len(flags)), "flags")
}

// BenchmarkFlagInput is the store's part alone.
func BenchmarkFlagInput(b *testing.B) {
	s, cfg, now := benchStore(b)
	for b.Loop() {
		if _, err := s.FlagInput(cfg, now); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkKPIInput gathers the readout's data for the current quarter.
func BenchmarkKPIInput(b *testing.B) {
	s, cfg, now := benchStore(b)
	q := cfg.Fiscal().QuarterOf(cfg.Today(now))
	for b.Loop() {
		if _, err := s.KPIInput(cfg, now, q); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkKPIInputPast is a finished quarter: activity as of its end.
func BenchmarkKPIInputPast(b *testing.B) {
	s, cfg, now := benchStore(b)
	q := cfg.Fiscal().QuarterOf(cfg.Today(now)).Prev()
	for b.Loop() {
		if _, err := s.KPIInput(cfg, now, q); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAgendaInput plans, reads and assembles a 1:1's agenda: the
// work of `cadence agenda` and of opening a meeting in the app.
func BenchmarkAgendaInput(b *testing.B) {
	s, cfg, now := benchStore(b)
	occ, ok := cfg.NextOneOnOne(cfg.PartnerManagers()[0].Name, now, nil)
	if !ok {
		b.Fatal("no 1:1")
	}
	for b.Loop() {
		if _, err := s.AgendaInput(cfg, now, occ.ID); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadout is the work of `cadence readout`: one read of the
// quarter's trend (it and the four quarters before it) and the flags, and
// their KPIs.
func BenchmarkReadout(b *testing.B) {
	s, cfg, now := benchStore(b)
	q := cfg.Fiscal().QuarterOf(cfg.Today(now))
	for b.Loop() {
		data, err := s.ReadoutInput(cfg, now, q)
		if err != nil {
			b.Fatal(err)
		}
		cadence.ComputeTrend(data.Trend)
		cadence.Flags(data.Flags)
	}
}

// BenchmarkReadoutInput is the store's part of the readout alone.
func BenchmarkReadoutInput(b *testing.B) {
	s, cfg, now := benchStore(b)
	q := cfg.Fiscal().QuarterOf(cfg.Today(now))
	for b.Loop() {
		if _, err := s.ReadoutInput(cfg, now, q); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAgendaInputPipeline plans, reads and assembles the pipeline
// review's agenda: the work of `cadence agenda pipeline/…` on every open
// deal.
func BenchmarkAgendaInputPipeline(b *testing.B) {
	s, cfg, now := benchStore(b)
	for b.Loop() {
		if _, err := s.AgendaInput(cfg, now, "pipeline/2026-11-03"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEditTouchpoint edits the newest touchpoint of a partner and
// back, each a write transaction that works the partner's summaries out
// again (on a copy of the large demo: it writes).
func BenchmarkEditTouchpoint(b *testing.B) {
	s, cfg, _ := benchStore(b)
	head := cfg.Head()
	partners, err := s.Partners()
	if err != nil || len(partners) == 0 {
		b.Fatal(err)
	}
	ts, err := s.Touchpoints(partners[len(partners)/2].Name, 1)
	if err != nil || len(ts) == 0 {
		b.Fatal(err)
	}
	a := ts[0]
	other := a
	other.Note += " (edited)"
	for b.Loop() {
		if _, err := s.EditTouchpoint(cfg, head, a, other); err != nil {
			b.Fatal(err)
		}
		a, other = other, a
	}
}
