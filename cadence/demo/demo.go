// Package demo makes a believable, deterministic demo dataset: a team's
// config and its partners, touchpoints, deal registrations and meeting
// records.
//
// The same size, seed and moment always give the same data, byte for byte:
// randomness comes from PCG streams seeded from the seed, nothing depends on
// map order, and nothing reads the clock. Dates are placed relative to now,
// so that the demo looks lived-in on the day it is generated — a few flags of
// every kind, this week's meetings still ahead.
//
// Generate streams: it holds partners, registrations and meeting records in
// memory (the large demo has 5,000, 100,000 and some 16,000 of them) but
// never more than one partner's touchpoints.
package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"partnercadence/cadence"
)

// Size is how big a demo to make.
type Size string

// The demo sizes.
const (
	// Small is a team of six with about thirty partners and two years of
	// history: what a user explores.
	Small Size = "small"
	// Large is the benchmark set of DESIGN §10: 40 team members, 5,000
	// partners, 1,000,000 touchpoints, 100,000 registrations and five years
	// of meeting records.
	Large Size = "large"
)

// Sizes lists every Size.
var Sizes = []Size{Small, Large}

// ParseSize reads a size case-insensitively.
func ParseSize(s string) (Size, error) {
	v := Size(strings.ToLower(strings.TrimSpace(s)))
	for _, z := range Sizes {
		if v == z {
			return z, nil
		}
	}
	return "", fmt.Errorf("demo size %q is not small or large", s)
}

// The exact volumes of the large demo (DESIGN §10).
const (
	LargePartners      = 5000
	LargeTouchpoints   = 1_000_000
	LargeRegistrations = 100_000
	LargeTeam          = 40
)

// Sink receives the generated data, in this order: every partner (sorted by
// slug), then each partner's touchpoints (partner by partner, each in date
// order), then the registrations (by submitted date), then the meeting
// records (by ID). A sink's error stops the generation and is returned.
type Sink interface {
	Partner(cadence.Partner) error
	Touchpoint(cadence.Touchpoint) error
	Registration(cadence.Registration) error
	Record(cadence.MeetingRecord) error
}

// IDSink is implemented by a sink that later hands out R-<n>, A-<n> and
// adhoc/<n> IDs of its own: Generate calls LastIDs once, after everything
// else, with the highest number of each kind it used, so that the next ID
// handed out never repeats one in the demo.
type IDSink interface {
	LastIDs(registration, action, adhoc uint64) error
}

// Generate makes the demo of the given size for the moment now and writes it
// to sink. The data is a function of (size, seed, now) only.
func Generate(size Size, seed int64, now time.Time, sink Sink) error {
	size, err := ParseSize(string(size))
	if err != nil {
		return err
	}
	cfg, err := cadence.ParseConfig([]byte(Config(size, now)), "demo config")
	if err != nil {
		return fmt.Errorf("demo config: %w", err)
	}
	g := newGen(size, seed, now, cfg)
	g.planPartners()
	for i := range g.plans {
		if err := sink.Partner(g.plans[i].p); err != nil {
			return err
		}
	}
	if err := g.emitTouchpoints(sink); err != nil {
		return err
	}
	if err := g.emitRegistrations(sink); err != nil {
		return err
	}
	if err := g.emitRecords(sink); err != nil {
		return err
	}
	if ids, ok := sink.(IDSink); ok {
		return ids.LastIDs(uint64(g.lastReg), uint64(g.lastAction), uint64(g.lastAdhoc))
	}
	return nil
}

// Random streams: each part of the generation draws from its own stream, so
// that, say, the touchpoints of one partner do not shift when another
// partner gets one more registration.
const (
	streamPartners uint64 = iota + 1
	streamScenarios
	streamDeals
	streamTouches
	streamMeetings
)

// newRand returns the random stream (stream, i) of seed.
func newRand(seed int64, stream, i uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), splitmix(stream<<40^i)))
}

// splitmix scrambles a stream key into a well-spread PCG sequence seed.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// gen holds what the generation shares between its steps.
type gen struct {
	size  Size
	seed  int64
	now   time.Time
	cfg   *cadence.Config
	today cadence.Date
	// start is the config's start: the team has run its cadence in the app
	// since then. history is when the data imported from the CRM begins.
	start, history cadence.Date

	head  string
	pms   []cadence.Member
	sales []string
	execs []string

	plans []plan // sorted by partner slug
	// ownedBy lists the indices of the engaged partners of each member.
	ownedBy map[string][]int

	totalRegs int // registrations, including the scenario ones
	conflicts int // conflict pairs: each uses one reserved account

	lastReg, lastAction, lastAdhoc int
}

func newGen(size Size, seed int64, now time.Time, cfg *cadence.Config) *gen {
	g := &gen{size: size, seed: seed, now: now, cfg: cfg, today: cfg.Today(now), start: cfg.Start}
	g.history = g.start.AddDays(-historyBeforeStart)
	g.head = cfg.Head()
	g.pms = cfg.PartnerManagers()
	for _, m := range cfg.Team {
		switch m.Role {
		case cadence.RoleSales:
			g.sales = append(g.sales, m.Name)
		case cadence.RoleExec:
			g.execs = append(g.execs, m.Name)
		}
	}
	return g
}

// historyBeforeStart is how far before the config's start the imported
// history (touchpoints and registrations) reaches.
const historyBeforeStart = 180

// between returns a date drawn uniformly from [lo, hi]; lo when hi is before
// lo.
func between(r *rand.Rand, lo, hi cadence.Date) cadence.Date {
	n := hi.Sub(lo)
	if n <= 0 {
		return lo
	}
	return lo.AddDays(r.IntN(n + 1))
}

// span returns a number drawn uniformly from [lo, hi].
func span(r *rand.Rand, lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + r.IntN(hi-lo+1)
}

// pick returns a random element of list.
func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

// chance reports true with probability p.
func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

// weekday moves d off a weekend: Saturday to Friday, Sunday to Monday.
func weekday(d cadence.Date) cadence.Date {
	switch d.Weekday() {
	case time.Saturday:
		return d.AddDays(-1)
	case time.Sunday:
		return d.AddDays(1)
	}
	return d
}

// earlier returns the earlier of two dates.
func earlier(a, b cadence.Date) cadence.Date {
	if b.Before(a) {
		return b
	}
	return a
}
