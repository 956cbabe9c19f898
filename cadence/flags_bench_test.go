package cadence_test

import (
	"sync"
	"testing"
	"time"

	"partnercadence/cadence"
	"partnercadence/cadence/demo"
)

// largeFlagInput is the FlagInput of the large demo (DESIGN §10) on Monday
// 2026-11-23 at 09:00 in New York: what the store would hand the flags inside
// the running app. Generating it takes seconds, so the benchmarks and
// TestFlagsMatchPlain share one.
var largeFlagInput = sync.OnceValues(func() (cadence.FlagInput, error) {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		return cadence.FlagInput{}, err
	}
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, loc)
	cfg, err := cadence.ParseConfig([]byte(demo.Config(demo.Large, now)), "large demo config")
	if err != nil {
		return cadence.FlagInput{}, err
	}
	s := newSummarySink(cfg.Today(now))
	if err := demo.Generate(demo.Large, 1, now, s); err != nil {
		return cadence.FlagInput{}, err
	}
	return s.input(cfg, now), nil
})

// summarySink keeps of the demo's stream what the store keeps for the flags:
// per-partner summaries, the open registrations, the intros and the
// records. It does not keep the million touchpoints.
type summarySink struct {
	today    cadence.Date
	acts     []cadence.PartnerActivity
	byName   map[string]int // NameKey → index in acts
	intros   []cadence.Touchpoint
	regs     []cadence.Registration
	records  []cadence.MeetingRecord
	answered map[[2]string]bool // partner NameKey, AccountKey of every registration
}

func newSummarySink(today cadence.Date) *summarySink {
	return &summarySink{today: today, byName: map[string]int{}, answered: map[[2]string]bool{}}
}

// later moves *d to x when x is later and not after today.
func (s *summarySink) later(d *cadence.Date, x cadence.Date) {
	if !x.After(s.today) && x.After(*d) {
		*d = x
	}
}

func (s *summarySink) Partner(p cadence.Partner) error {
	s.byName[cadence.NameKey(p.Name)] = len(s.acts)
	s.acts = append(s.acts, cadence.PartnerActivity{Partner: p})
	return nil
}

func (s *summarySink) Touchpoint(t cadence.Touchpoint) error {
	a := &s.acts[s.byName[cadence.NameKey(t.Partner)]]
	s.later(&a.LastTouch, t.Date)
	if t.Direction == cadence.Inbound {
		s.later(&a.LastInbound, t.Date)
	}
	if t.Kind == cadence.TouchIntro {
		s.intros = append(s.intros, t)
	}
	return nil
}

func (s *summarySink) Registration(r cadence.Registration) error {
	a := &s.acts[s.byName[cadence.NameKey(r.Partner)]]
	s.later(&a.LastTouch, r.Submitted)
	s.later(&a.LastInbound, r.Submitted)
	if r.Status.Open() {
		a.OpenRegistrations++
		s.regs = append(s.regs, r)
	}
	if r.Status == cadence.RegWon && (a.FirstWon.IsZero() || r.Closed.Before(a.FirstWon)) {
		a.FirstWon = r.Closed
	}
	s.answered[[2]string{cadence.NameKey(r.Partner), cadence.AccountKey(r.Account)}] = true
	return nil
}

func (s *summarySink) Record(r cadence.MeetingRecord) error {
	s.records = append(s.records, r)
	return nil
}

// input assembles the FlagInput at now. Records are those whose planned or
// actual date lies in the missed-meeting lookback window, as FlagInput asks.
func (s *summarySink) input(cfg *cadence.Config, now time.Time) cadence.FlagInput {
	in := cadence.FlagInput{
		Now:      now,
		Config:   cfg,
		Partners: s.acts,
		Open:     s.regs,
		Records:  map[string]cadence.MeetingRecord{},
	}
	seen := map[[2]string]int{} // → index in in.Intros
	for _, t := range s.intros {
		k := [2]string{cadence.NameKey(t.Partner), cadence.AccountKey(t.Account)}
		if s.answered[k] {
			continue
		}
		if i, ok := seen[k]; ok {
			if t.Date.Before(in.Intros[i].Date) {
				in.Intros[i].Date = t.Date
			}
			continue
		}
		seen[k] = len(in.Intros)
		in.Intros = append(in.Intros, cadence.Intro{Partner: t.Partner, Account: t.Account, Date: t.Date, By: t.By})
	}
	lo, hi := s.today.AddDays(-cfg.Flags.MissedLookbackDays), s.today
	inWindow := func(d cadence.Date) bool { return !d.IsZero() && !d.Before(lo) && !d.After(hi) }
	for _, r := range s.records {
		for _, a := range r.Actions {
			if a.Open() {
				in.Actions = append(in.Actions, a)
			}
		}
		_, _, planned, err := cfg.ParseOccurrenceID(r.ID)
		var actual cadence.Date
		if !r.At.IsZero() {
			actual = cadence.DateIn(r.At, cfg.Location)
		}
		if err == nil && inWindow(planned) || inWindow(actual) {
			in.Records[r.ID] = r
		}
	}
	return in
}

// BenchmarkFlagsLarge is the budget "all flags recomputed inside the
// running app ≤ 2 ms" of DESIGN §10, from the large demo's summaries in
// memory:
//
//	go test ./cadence/ -run XXX -bench FlagsLarge -benchmem
func BenchmarkFlagsLarge(b *testing.B) {
	if testing.Short() {
		b.Skip("generating the large demo takes seconds")
	}
	in, err := largeFlagInput()
	if err != nil {
		b.Fatal(err)
	}
	var flags []cadence.Flag
	for b.Loop() {
		flags = cadence.Flags(in)
	}
	b.ReportMetric(float64(len(flags)), "flags")
}

// BenchmarkPlainFlagsLarge is BenchmarkFlagsLarge for the flags as first
// written (PlainFlags), to compare with on the same machine and load.
func BenchmarkPlainFlagsLarge(b *testing.B) {
	if testing.Short() {
		b.Skip("generating the large demo takes seconds")
	}
	in, err := largeFlagInput()
	if err != nil {
		b.Fatal(err)
	}
	var flags []cadence.Flag
	for b.Loop() {
		flags = cadence.PlainFlags(in)
	}
	b.ReportMetric(float64(len(flags)), "flags")
}

// BenchmarkParseConfigLarge reads the large demo's config (40 members,
// eight years of holidays): every command pays it once.
func BenchmarkParseConfigLarge(b *testing.B) {
	text := []byte(demo.Config(demo.Large, time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)))
	for b.Loop() {
		if _, err := cadence.ParseConfig(text, "large.toml"); err != nil {
			b.Fatal(err)
		}
	}
}
