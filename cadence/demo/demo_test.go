package demo

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"math/rand/v2"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"partnercadence/cadence"
)

var newYork = func() *time.Location {
	loc, err := time.LoadLocation(demoZone)
	if err != nil {
		panic(err)
	}
	return loc
}()

// testNows are moments the small demo must look right at: a Monday morning
// in Thanksgiving week, a Sunday (the day DST starts), the first day of a
// quarter, New Year's Day (a holiday and a quarter's first day), and a
// Friday evening.
var testNows = []time.Time{
	time.Date(2026, 11, 23, 10, 0, 0, 0, newYork),
	time.Date(2026, 3, 8, 12, 0, 0, 0, newYork),
	time.Date(2026, 10, 1, 9, 0, 0, 0, newYork),
	time.Date(2027, 1, 1, 0, 30, 0, 0, newYork),
	time.Date(2025, 6, 13, 18, 45, 0, 0, newYork),
}

// collected is everything a generation emitted, in order.
type collected struct {
	partners []cadence.Partner
	touches  []cadence.Touchpoint
	regs     []cadence.Registration
	recs     []cadence.MeetingRecord
	phase    int // 0 partners, 1 touchpoints, 2 registrations, 3 records
	outOfOrd []string
	lastIDs  [3]uint64
}

func (c *collected) enter(phase int, what string) {
	if phase < c.phase {
		c.outOfOrd = append(c.outOfOrd, what)
	}
	c.phase = phase
}

func (c *collected) Partner(p cadence.Partner) error {
	c.enter(0, "partner "+p.Name)
	c.partners = append(c.partners, p)
	return nil
}

func (c *collected) Touchpoint(t cadence.Touchpoint) error {
	c.enter(1, "touchpoint of "+t.Partner)
	c.touches = append(c.touches, t)
	return nil
}

func (c *collected) Registration(r cadence.Registration) error {
	c.enter(2, "registration "+r.ID)
	c.regs = append(c.regs, r)
	return nil
}

func (c *collected) Record(r cadence.MeetingRecord) error {
	c.enter(3, "record "+r.ID)
	c.recs = append(c.recs, r)
	return nil
}

func (c *collected) LastIDs(reg, act, adhoc uint64) error {
	c.lastIDs = [3]uint64{reg, act, adhoc}
	return nil
}

func generate(t testing.TB, size Size, seed int64, now time.Time) (*cadence.Config, *collected) {
	t.Helper()
	cfg, err := cadence.ParseConfig([]byte(Config(size, now)), "demo")
	if err != nil {
		t.Fatalf("Config(%s, %s) does not parse: %v", size, now, err)
	}
	c := &collected{}
	if err := Generate(size, seed, now, c); err != nil {
		t.Fatalf("Generate(%s, %d, %s): %v", size, seed, now, err)
	}
	if len(c.outOfOrd) > 0 {
		t.Fatalf("emitted out of phase order: %v", c.outOfOrd[:min(5, len(c.outOfOrd))])
	}
	return cfg, c
}

// flagInput computes what the store would summarise, from the history.
func flagInput(cfg *cadence.Config, now time.Time, c *collected) cadence.FlagInput {
	today := cfg.Today(now)
	acts := make([]cadence.PartnerActivity, len(c.partners))
	byName := map[string]*cadence.PartnerActivity{}
	for i, p := range c.partners {
		acts[i].Partner = p
		byName[cadence.NameKey(p.Name)] = &acts[i]
	}
	later := func(d *cadence.Date, x cadence.Date) {
		if !x.After(today) && x.After(*d) {
			*d = x
		}
	}
	for _, t := range c.touches {
		a := byName[cadence.NameKey(t.Partner)]
		later(&a.LastTouch, t.Date)
		if t.Direction == cadence.Inbound {
			later(&a.LastInbound, t.Date)
		}
	}
	in := cadence.FlagInput{Now: now, Config: cfg, Partners: acts, Records: map[string]cadence.MeetingRecord{}}
	registered := map[[2]string]bool{}
	for _, r := range c.regs {
		a := byName[cadence.NameKey(r.Partner)]
		later(&a.LastTouch, r.Submitted)
		later(&a.LastInbound, r.Submitted)
		if r.Status.Open() {
			a.OpenRegistrations++
			in.Open = append(in.Open, r)
		}
		if r.Status == cadence.RegWon && (a.FirstWon.IsZero() || r.Closed.Before(a.FirstWon)) {
			a.FirstWon = r.Closed
		}
		registered[[2]string{cadence.NameKey(r.Partner), cadence.AccountKey(r.Account)}] = true
	}
	intro := map[[2]string]int{}
	for _, t := range c.touches {
		k := [2]string{cadence.NameKey(t.Partner), cadence.AccountKey(t.Account)}
		if t.Kind != cadence.TouchIntro || registered[k] {
			continue
		}
		if i, ok := intro[k]; ok {
			if t.Date.Before(in.Intros[i].Date) {
				in.Intros[i].Date = t.Date
			}
			continue
		}
		intro[k] = len(in.Intros)
		in.Intros = append(in.Intros, cadence.Intro{Partner: t.Partner, Account: t.Account, Date: t.Date, By: t.By})
	}
	for _, r := range c.recs {
		in.Records[r.ID] = r
		for _, a := range r.Actions {
			if a.Open() {
				in.Actions = append(in.Actions, a)
			}
		}
	}
	return in
}

// TestSmallShowsEveryFlag is the demo's promise: on the day it is made, it
// shows a few flags of every kind, and not hundreds.
func TestSmallShowsEveryFlag(t *testing.T) {
	for _, now := range testNows {
		for _, seed := range []int64{1, 2, 42} {
			t.Run(fmt.Sprintf("%s/seed%d", now.Format("2006-01-02T15:04"), seed), func(t *testing.T) {
				cfg, c := generate(t, Small, seed, now)
				flags := cadence.Flags(flagInput(cfg, now, c))
				counts := cadence.CountByKind(flags)
				for _, k := range cadence.FlagKinds {
					if lo := wantAtLeast(cfg, now, k); counts[k] < lo || counts[k] > 6 {
						t.Errorf("%s: %d flags, want %d–6", k, counts[k], lo)
					}
				}
				if t.Failed() {
					for _, f := range flags {
						t.Logf("%s %s: %s", f.Kind, f.Ref, f.Message)
					}
				}
			})
		}
	}
}

// wantAtLeast returns how few flags of kind k the small demo may show at
// now: one of every kind, but meeting_unprepared only when a 1:1 that takes
// place starts within the prep hours (none does over a weekend).
func wantAtLeast(cfg *cadence.Config, now time.Time, k cadence.FlagKind) int {
	if k != cadence.FlagMeetingUnprepared {
		return 1
	}
	until := now.Add(time.Duration(cfg.Flags.PrepHours) * time.Hour)
	for _, o := range cfg.Occurrences(cfg.Today(now), cadence.DateIn(until, cfg.Location), nil, nil) {
		if o.Kind == cadence.KindOneOnOne && o.TakesPlace() && o.Start.After(now) && !o.Start.After(until) {
			return 1
		}
	}
	return 0
}

// TestSmallFlagsAtNov23 pins the flags of the default demo on the moment
// the report quotes, by kind.
func TestSmallFlagsAtNov23(t *testing.T) {
	now := testNows[0]
	cfg, c := generate(t, Small, 1, now)
	flags := cadence.Flags(flagInput(cfg, now, c))
	for _, f := range flags {
		t.Logf("%-22s %-40s days=%-3d owner=%s", f.Kind, f.Ref, f.Days, f.Owner)
	}
	got := cadence.CountByKind(flags)
	want := map[cadence.FlagKind]int{
		cadence.FlagSilentPartner:        2,
		cadence.FlagRegistrationOverdue:  3,
		cadence.FlagRegistrationExpiring: 2,
		cadence.FlagRegistrationLapsed:   2,
		cadence.FlagRegistrationConflict: 2,
		cadence.FlagIntroUnregistered:    2,
		cadence.FlagMeetingMissed:        2,
		cadence.FlagActionOverdue:        3,
		cadence.FlagMeetingUnprepared:    1, // Dana Cruz's 1:1 on Tuesday at 10:00
	}
	for _, k := range cadence.FlagKinds {
		if got[k] != want[k] {
			t.Errorf("%s: got %d flags, want %d", k, got[k], want[k])
		}
	}
}

// hashSink hashes everything emitted.
type hashSink struct{ h hash.Hash }

func (s hashSink) Partner(p cadence.Partner) error { fmt.Fprintf(s.h, "P%+v\n", p); return nil }
func (s hashSink) Touchpoint(t cadence.Touchpoint) error {
	fmt.Fprintf(s.h, "T%+v\n", t)
	return nil
}
func (s hashSink) Registration(r cadence.Registration) error {
	fmt.Fprintf(s.h, "R%+v\n", r)
	return nil
}
func (s hashSink) Record(r cadence.MeetingRecord) error {
	fmt.Fprintf(s.h, "M%s %s %s %q %q %d %+v\n", r.ID, r.Status, r.At.UTC().Format(time.RFC3339), r.TalkingPoints, r.Notes, r.Satisfaction, r.Actions)
	return nil
}

func digest(t *testing.T, size Size, seed int64, now time.Time) string {
	t.Helper()
	s := hashSink{sha256.New()}
	if err := Generate(size, seed, now, s); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(s.h.Sum(nil))
}

func TestDeterministic(t *testing.T) {
	now := testNows[0]
	a, b := digest(t, Small, 7, now), digest(t, Small, 7, now)
	if a != b {
		t.Errorf("same seed and now: digests %s and %s differ", a, b)
	}
	if c := digest(t, Small, 8, now); c == a {
		t.Errorf("seeds 7 and 8 give the same data")
	}
	if c := digest(t, Small, 7, now.Add(24*time.Hour)); c == a {
		t.Errorf("a day later gives the same data")
	}
	// The same moment written in another zone is the same moment.
	if c := digest(t, Small, 7, now.UTC()); c != a {
		t.Errorf("now in UTC gives other data than the same instant in New York")
	}
}

func TestConfig(t *testing.T) {
	for _, size := range Sizes {
		for _, now := range testNows {
			text := Config(size, now)
			cfg, err := cadence.ParseConfig([]byte(text), "demo")
			if err != nil {
				t.Fatalf("%s at %s: %v\n%s", size, now, err, text)
			}
			if text != Config(size, now) {
				t.Errorf("%s: Config is not deterministic", size)
			}
			today := cfg.Today(now)
			years := map[Size]int{Small: 1, Large: 5}[size]
			if cfg.Start.Year() != today.Year()-years || cfg.Start.Weekday() != time.Monday || cfg.Start.Day() > 7 {
				t.Errorf("%s at %s: start %s, want the first Monday of %d", size, today, cfg.Start, today.Year()-years)
			}
			if cfg.Head() != "Jordan Lee" || cfg.Me != "Jordan Lee" {
				t.Errorf("%s: head %q, me %q; want Jordan Lee", size, cfg.Head(), cfg.Me)
			}
			if !cfg.Holidays[cadence.DayRule{Nth: 4, Weekday: time.Thursday}.In(today.Year(), time.November)] {
				t.Errorf("%s: Thanksgiving %d is not a holiday", size, today.Year())
			}
			roles := map[cadence.Role]int{}
			for _, m := range cfg.Team {
				roles[m.Role]++
			}
			want := map[Size]map[cadence.Role]int{
				Small: {cadence.RoleHead: 1, cadence.RolePartnerManager: 3, cadence.RoleSales: 1, cadence.RoleExec: 1},
				Large: {cadence.RoleHead: 1, cadence.RolePartnerManager: 30, cadence.RoleSales: 6, cadence.RoleExec: 3},
			}[size]
			for role, n := range want {
				if roles[role] != n {
					t.Errorf("%s: %d members of role %s, want %d", size, roles[role], role, n)
				}
			}
			if size == Large {
				// No two 1:1s at the same time: the head attends them all.
				seen := map[string]string{}
				for _, m := range cfg.PartnerManagers() {
					slot := fmt.Sprint(cfg.OneOnOne.Weekday, cfg.OneOnOne.Time)
					if m.OneOnOne != nil {
						slot = fmt.Sprint(m.OneOnOne.Weekday, m.OneOnOne.Time)
					}
					if other, dup := seen[slot]; dup {
						t.Errorf("large: %s and %s both have their 1:1 at %s", other, m.Name, slot)
					}
					seen[slot] = m.Name
				}
			}
		}
	}
}

func TestParseSize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Size
		ok   bool
	}{{"small", Small, true}, {" Large ", Large, true}, {"medium", "", false}, {"", "", false}} {
		got, err := ParseSize(tc.in)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("ParseSize(%q) = %q, %v; want %q, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

// TestSmallIsValid checks every record on its own and against the others.
func TestSmallIsValid(t *testing.T) {
	for _, now := range testNows {
		for _, seed := range []int64{1, 99} {
			t.Run(fmt.Sprintf("%s/seed%d", now.Format("2006-01-02"), seed), func(t *testing.T) {
				cfg, c := generate(t, Small, seed, now)
				checkValid(t, cfg, now, c)
				checkSmallVariety(t, c)
			})
		}
	}
}

func checkValid(t *testing.T, cfg *cadence.Config, now time.Time, c *collected) {
	t.Helper()
	today := cfg.Today(now)
	errorf := func(limit *int, format string, args ...any) {
		t.Helper()
		if *limit < 10 {
			t.Errorf(format, args...)
		}
		*limit++
	}
	onTeam := func(name string) bool { _, ok := cfg.Member(name); return ok }
	var bad int

	partners := map[string]bool{}
	for i, p := range c.partners {
		if err := p.Validate(); err != nil {
			errorf(&bad, "partner %q: %v", p.Name, err)
		}
		if partners[cadence.NameKey(p.Name)] {
			errorf(&bad, "partner %q twice", p.Name)
		}
		partners[cadence.NameKey(p.Name)] = true
		if !onTeam(p.Owner) {
			errorf(&bad, "partner %q: owner %q is not on the team", p.Name, p.Owner)
		}
		if i > 0 && p.Slug() <= c.partners[i-1].Slug() {
			errorf(&bad, "partners not sorted by slug: %q after %q", p.Slug(), c.partners[i-1].Slug())
		}
		if p.Joined.IsZero() || p.Joined.After(today) {
			errorf(&bad, "partner %q joined %s (today %s)", p.Name, p.Joined, today)
		}
	}

	// Touchpoints: grouped per partner in partner order, each in date order.
	order := map[string]int{}
	for i, p := range c.partners {
		order[p.Name] = i
	}
	for i, tp := range c.touches {
		if err := tp.Validate(); err != nil {
			errorf(&bad, "touchpoint %d: %v", i, err)
		}
		pi, ok := order[tp.Partner]
		if !ok {
			errorf(&bad, "touchpoint %d: unknown partner %q", i, tp.Partner)
			continue
		}
		if !onTeam(tp.By) {
			errorf(&bad, "touchpoint %d: by %q is not on the team", i, tp.By)
		}
		if tp.Date.After(today) {
			errorf(&bad, "touchpoint %d of %s: dated %s, after today %s", i, tp.Partner, tp.Date, today)
		}
		if i > 0 {
			prev := c.touches[i-1]
			if pp := order[prev.Partner]; pp > pi || pp == pi && tp.Date.Before(prev.Date) {
				errorf(&bad, "touchpoint %d (%s %s) out of order after %s %s", i, tp.Partner, tp.Date, prev.Partner, prev.Date)
			}
		}
	}

	ids := map[string]bool{}
	for i, r := range c.regs {
		if err := r.Validate(); err != nil {
			errorf(&bad, "registration %s: %v", r.ID, err)
		}
		if ids[r.ID] {
			errorf(&bad, "registration ID %s twice", r.ID)
		}
		ids[r.ID] = true
		if !partners[cadence.NameKey(r.Partner)] {
			errorf(&bad, "registration %s: unknown partner %q", r.ID, r.Partner)
		}
		if !onTeam(r.Owner) {
			errorf(&bad, "registration %s: owner %q is not on the team", r.ID, r.Owner)
		}
		if r.Amount < 5000 || r.Amount > 250000 {
			errorf(&bad, "registration %s: amount %d outside 5k–250k", r.ID, r.Amount)
		}
		if i > 0 && r.Submitted.Before(c.regs[i-1].Submitted) {
			errorf(&bad, "registration %s submitted %s, before the previous one's %s", r.ID, r.Submitted, c.regs[i-1].Submitted)
		}
		if r.Submitted.After(today) || r.Decided.After(today) || r.Closed.After(today) {
			errorf(&bad, "registration %s: dates after today %s: %+v", r.ID, today, r)
		}
		if !strings.HasPrefix(r.ID, "R-") && !(len(r.ID) == 15 && strings.HasPrefix(r.ID, "a0B5e")) {
			errorf(&bad, "registration ID %q is neither R-<n> nor a Salesforce ID", r.ID)
		}
		if strings.HasPrefix(r.ID, "R-") == r.Submitted.Before(cfg.Start) {
			errorf(&bad, "registration %s submitted %s: R-<n> IDs are for registrations since start %s", r.ID, r.Submitted, cfg.Start)
		}
		decided := !r.Decided.IsZero()
		closed := !r.Closed.IsZero()
		switch r.Status {
		case cadence.RegSubmitted:
			if decided || closed {
				errorf(&bad, "registration %s submitted but decided %s, closed %s", r.ID, r.Decided, r.Closed)
			}
		case cadence.RegApproved, cadence.RegRejected:
			if !decided || closed {
				errorf(&bad, "registration %s %s: decided %q, closed %q", r.ID, r.Status, r.Decided, r.Closed)
			}
		case cadence.RegWon, cadence.RegLost, cadence.RegExpired:
			if !decided || !closed || r.Closed.Before(r.Decided) {
				errorf(&bad, "registration %s %s: decided %q, closed %q", r.ID, r.Status, r.Decided, r.Closed)
			}
		}
	}
	var nR uint64
	for _, r := range c.regs {
		if strings.HasPrefix(r.ID, "R-") {
			nR++
		}
	}
	if c.lastIDs[0] != nR {
		t.Errorf("LastIDs registration = %d, want %d", c.lastIDs[0], nR)
	}

	// Every intro has a registration, except the ones meant to be flagged.
	acts := map[string]bool{}
	var nA uint64
	for i, m := range c.recs {
		if err := m.Validate(); err != nil {
			errorf(&bad, "record %s: %v", m.ID, err)
		}
		if i > 0 && m.ID <= c.recs[i-1].ID {
			errorf(&bad, "records not sorted by ID: %s after %s", m.ID, c.recs[i-1].ID)
		}
		kind, _, planned, err := cfg.ParseOccurrenceID(m.ID)
		if err != nil {
			errorf(&bad, "record ID %s: %v", m.ID, err)
			continue
		}
		if _, err := cfg.OccurrenceByID(m.ID, c.partners, map[string]cadence.MeetingRecord{m.ID: m}); err != nil {
			errorf(&bad, "record %s is no meeting of the cadence: %v", m.ID, err)
		}
		if kind != cadence.KindAdhoc && planned.Before(cfg.Start) {
			errorf(&bad, "record %s planned before start %s", m.ID, cfg.Start)
		}
		if m.Satisfaction != 0 && kind != cadence.KindQBR {
			errorf(&bad, "record %s: satisfaction outside a QBR", m.ID)
		}
		if m.Status.Settled() && !m.At.IsZero() && m.At.After(now) {
			errorf(&bad, "record %s is %s but happens at %s, after now", m.ID, m.Status, m.At)
		}
		for _, a := range m.Actions {
			nA++
			if acts[a.ID] {
				errorf(&bad, "action ID %s twice", a.ID)
			}
			acts[a.ID] = true
			if !strings.HasPrefix(a.ID, "A-") {
				errorf(&bad, "action ID %q is not A-<n>", a.ID)
			}
			if a.Meeting != m.ID {
				errorf(&bad, "action %s: meeting %q, want %q", a.ID, a.Meeting, m.ID)
			}
			if _, _, _, err := cfg.ParseOccurrenceID(a.Meeting); err != nil {
				errorf(&bad, "action %s: meeting %v", a.ID, err)
			}
			if !onTeam(a.Owner) {
				errorf(&bad, "action %s: owner %q is not on the team", a.ID, a.Owner)
			}
			if a.Due.IsZero() || a.Done.After(today) {
				errorf(&bad, "action %s: due %s, done %s (today %s)", a.ID, a.Due, a.Done, today)
			}
		}
	}
	if c.lastIDs[1] != nA {
		t.Errorf("LastIDs action = %d, want %d", c.lastIDs[1], nA)
	}
	if bad > 10 {
		t.Errorf("… and %d more problems", bad-10)
	}
}

// checkSmallVariety checks the small demo has a bit of everything.
func checkSmallVariety(t *testing.T, c *collected) {
	t.Helper()
	types, tiers, statuses := map[cadence.PartnerType]int{}, map[int]int{}, map[cadence.PartnerStatus]int{}
	for _, p := range c.partners {
		types[p.Type]++
		tiers[p.Tier]++
		statuses[p.Status]++
	}
	for _, ty := range cadence.PartnerTypes {
		if types[ty] == 0 {
			t.Errorf("no partner of type %s", ty)
		}
	}
	for _, tier := range []int{1, 2, 3} {
		if tiers[tier] == 0 {
			t.Errorf("no partner of tier %d", tier)
		}
	}
	for _, s := range cadence.PartnerStatuses {
		if statuses[s] == 0 {
			t.Errorf("no partner of status %s", s)
		}
	}
	if statuses[cadence.PartnerActive] < len(c.partners)/2 {
		t.Errorf("only %d of %d partners are active", statuses[cadence.PartnerActive], len(c.partners))
	}
	kinds, dirs := map[cadence.TouchKind]int{}, map[cadence.Direction]int{}
	for _, tp := range c.touches {
		kinds[tp.Kind]++
		dirs[tp.Direction]++
	}
	for _, k := range cadence.TouchKinds {
		if kinds[k] == 0 {
			t.Errorf("no touchpoint of kind %s", k)
		}
	}
	if dirs[cadence.Inbound] == 0 || dirs[cadence.Outbound] == 0 {
		t.Errorf("touchpoint directions: %v", dirs)
	}
	regStatus, attr := map[cadence.RegStatus]int{}, map[cadence.Attribution]int{}
	crm := 0
	for _, r := range c.regs {
		regStatus[r.Status]++
		attr[r.Attribution]++
		if !strings.HasPrefix(r.ID, "R-") {
			crm++
		}
	}
	for _, s := range cadence.RegStatuses {
		if regStatus[s] == 0 {
			t.Errorf("no registration of status %s", s)
		}
	}
	if attr[cadence.Sourced] == 0 || attr[cadence.Influenced] == 0 || crm == 0 {
		t.Errorf("attributions %v, CRM IDs %d", attr, crm)
	}
	meetings := map[cadence.MeetingStatus]int{}
	kindsM := map[string]int{}
	sat := 0
	for _, m := range c.recs {
		meetings[m.Status]++
		kindsM[strings.SplitN(m.ID, "/", 2)[0]]++
		if m.Satisfaction > 0 {
			sat++
		}
	}
	for _, s := range cadence.MeetingStatuses {
		if meetings[s] == 0 {
			t.Errorf("no meeting record of status %s", s)
		}
	}
	for _, k := range []string{"1on1", "pipeline", "qbr", "readout", "adhoc"} {
		if kindsM[k] == 0 {
			t.Errorf("no meeting record of kind %s", k)
		}
	}
	if sat == 0 {
		t.Errorf("no QBR with a satisfaction score")
	}
	t.Logf("%d partners, %d touchpoints, %d registrations (%v), %d records (%v)",
		len(c.partners), len(c.touches), len(c.regs), regStatus, len(c.recs), meetings)
}

// TestEveryIntroIsAnswered: outside the intros meant to be flagged (recent,
// a couple of weeks old), every intro has a registration.
func TestEveryIntroIsAnswered(t *testing.T) {
	now := testNows[0]
	cfg, c := generate(t, Small, 3, now)
	in := flagInput(cfg, now, c)
	today := cfg.Today(now)
	for _, i := range in.Intros {
		if age := today.Sub(i.Date); age > 21 {
			t.Errorf("intro of %s by %s on %s (%d days ago) was never registered", i.Account, i.Partner, i.Date, age)
		}
	}
}

func TestAccountNamesDistinct(t *testing.T) {
	seen := make(map[string]int, accountSpace)
	for i := range accountSpace {
		n := accountName(i)
		if j, dup := seen[cadence.AccountKey(n)]; dup {
			t.Fatalf("accountName(%d) = accountName(%d) = %q", i, j, n)
		}
		seen[cadence.AccountKey(n)] = i
	}
	if accountSpace < LargeRegistrations+1000 {
		t.Errorf("only %d account names for %d registrations", accountSpace, LargeRegistrations)
	}
}

func TestSalesforceIDsDistinct(t *testing.T) {
	seen := map[string]bool{}
	for i := range 200000 {
		id := salesforceID(i)
		if seen[id] || len(id) != 15 {
			t.Fatalf("salesforceID(%d) = %q: repeated or not 15 characters", i, id)
		}
		seen[id] = true
	}
}

func TestShare(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	w := make([]float64, 997)
	for i := range w {
		w[i] = r.Float64() * 10
	}
	got := share(w, 123457)
	sum := 0
	for _, n := range got {
		if n < 0 {
			t.Fatalf("negative share %d", n)
		}
		sum += n
	}
	if sum != 123457 {
		t.Errorf("shares sum to %d, want 123457", sum)
	}
}

// countSink counts what is emitted and checks it cheaply.
type countSink struct {
	partners, touches, regs, recs, actions int
	err                                    error
	firstRecord                            cadence.Date
	cfg                                    *cadence.Config
	lastSlug                               string
}

func (s *countSink) fail(err error) {
	if s.err == nil {
		s.err = err
	}
}

func (s *countSink) Partner(p cadence.Partner) error {
	s.partners++
	if err := p.Validate(); err != nil {
		s.fail(err)
	}
	if slug := p.Slug(); slug <= s.lastSlug {
		s.fail(fmt.Errorf("partner %q (%s) after %s: slugs not sorted or not distinct", p.Name, slug, s.lastSlug))
	} else {
		s.lastSlug = slug
	}
	if _, ok := s.cfg.Member(p.Owner); !ok {
		s.fail(fmt.Errorf("partner %q: owner %q is not on the team", p.Name, p.Owner))
	}
	return nil
}

func (s *countSink) Touchpoint(t cadence.Touchpoint) error {
	s.touches++
	if err := t.Validate(); err != nil {
		s.fail(err)
	}
	return nil
}

func (s *countSink) Registration(r cadence.Registration) error {
	s.regs++
	if err := r.Validate(); err != nil {
		s.fail(fmt.Errorf("registration %s: %w", r.ID, err))
	}
	return nil
}

func (s *countSink) Record(r cadence.MeetingRecord) error {
	s.recs++
	s.actions += len(r.Actions)
	if err := r.Validate(); err != nil {
		s.fail(fmt.Errorf("record %s: %w", r.ID, err))
	}
	if _, _, planned, err := s.cfg.ParseOccurrenceID(r.ID); err != nil {
		s.fail(err)
	} else if !strings.HasPrefix(r.ID, "adhoc/") && (s.firstRecord.IsZero() || planned.Before(s.firstRecord)) {
		s.firstRecord = planned
	}
	return nil
}

func TestLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("the large demo takes a few seconds")
	}
	now := testNows[0]
	cfg, err := cadence.ParseConfig([]byte(Config(Large, now)), "demo")
	if err != nil {
		t.Fatal(err)
	}
	s := &countSink{cfg: cfg}
	if err := Generate(Large, 1, now, s); err != nil {
		t.Fatal(err)
	}
	t.Logf("large demo: %d partners, %d touchpoints, %d registrations, %d records with %d actions",
		s.partners, s.touches, s.regs, s.recs, s.actions)
	if s.err != nil {
		t.Errorf("invalid record: %v", s.err)
	}
	if len(cfg.Team) != LargeTeam {
		t.Errorf("team of %d, want %d", len(cfg.Team), LargeTeam)
	}
	for _, c := range []struct {
		what      string
		got, want int
	}{
		{"partners", s.partners, LargePartners},
		{"touchpoints", s.touches, LargeTouchpoints},
		{"registrations", s.regs, LargeRegistrations},
	} {
		if c.got != c.want {
			t.Errorf("%d %s, want exactly %d", c.got, c.what, c.want)
		}
	}
	if years := cfg.Today(now).Sub(s.firstRecord) / 365; years < 5 {
		t.Errorf("meeting records start %s: %d years of history, want at least 5", s.firstRecord, years)
	}
}

// TestLargeFlags checks the large demo's flags stay a manageable list: every
// kind present, none by the thousand.
func TestLargeFlags(t *testing.T) {
	if testing.Short() {
		t.Skip("the large demo takes a few seconds")
	}
	now := testNows[0]
	cfg, err := cadence.ParseConfig([]byte(Config(Large, now)), "demo")
	if err != nil {
		t.Fatal(err)
	}
	sum := &summarySink{c: collected{}}
	if err := Generate(Large, 1, now, sum); err != nil {
		t.Fatal(err)
	}
	counts := cadence.CountByKind(cadence.Flags(sum.input(cfg, now)))
	t.Logf("large flags: %v", counts)
	for _, k := range cadence.FlagKinds {
		if n := counts[k]; n < 1 || n > 200 {
			t.Errorf("%s: %d flags, want 1–200", k, n)
		}
	}
}

// summarySink keeps what the flags need of the large demo without keeping
// its touchpoints: it keeps only intro and the latest inbound touches.
type summarySink struct {
	c       collected
	inbound map[string]cadence.Date
}

func (s *summarySink) Partner(p cadence.Partner) error { return s.c.Partner(p) }
func (s *summarySink) Touchpoint(t cadence.Touchpoint) error {
	if t.Kind == cadence.TouchIntro {
		s.c.touches = append(s.c.touches, t)
		return nil
	}
	if t.Direction == cadence.Inbound {
		if s.inbound == nil {
			s.inbound = map[string]cadence.Date{}
		}
		if t.Date.After(s.inbound[t.Partner]) {
			s.inbound[t.Partner] = t.Date
		}
	}
	return nil
}
func (s *summarySink) Registration(r cadence.Registration) error { return s.c.Registration(r) }
func (s *summarySink) Record(r cadence.MeetingRecord) error      { return s.c.Record(r) }

func (s *summarySink) input(cfg *cadence.Config, now time.Time) cadence.FlagInput {
	for name, d := range s.inbound {
		s.c.touches = append(s.c.touches, cadence.Touchpoint{Partner: name, Date: d, Kind: cadence.TouchEmail, Direction: cadence.Inbound})
	}
	return flagInput(cfg, now, &s.c)
}

type discard struct{}

func (discard) Partner(cadence.Partner) error           { return nil }
func (discard) Touchpoint(cadence.Touchpoint) error     { return nil }
func (discard) Registration(cadence.Registration) error { return nil }
func (discard) Record(cadence.MeetingRecord) error      { return nil }

// errSink fails on the n-th call.
type errSink struct{ n int }

var errStop = errors.New("stop")

func (s *errSink) step() error {
	s.n--
	if s.n == 0 {
		return errStop
	}
	return nil
}
func (s *errSink) Partner(cadence.Partner) error           { return s.step() }
func (s *errSink) Touchpoint(cadence.Touchpoint) error     { return s.step() }
func (s *errSink) Registration(cadence.Registration) error { return s.step() }
func (s *errSink) Record(cadence.MeetingRecord) error      { return s.step() }

func TestSinkErrorStops(t *testing.T) {
	_, c := generate(t, Small, 1, testNows[0])
	total := len(c.partners) + len(c.touches) + len(c.regs) + len(c.recs)
	for _, n := range []int{1, len(c.partners) + 1, total - len(c.recs), total} {
		if err := Generate(Small, 1, testNows[0], &errSink{n: n}); !errors.Is(err, errStop) {
			t.Errorf("sink failing on call %d: Generate returned %v, want its error", n, err)
		}
	}
	if err := Generate("huge", 1, testNows[0], discard{}); err == nil {
		t.Errorf("Generate with size huge: no error")
	}
}

func BenchmarkGenerateLarge(b *testing.B) {
	now := testNows[0]
	for b.Loop() {
		if err := Generate(Large, 1, now, discard{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGenerateSmall(b *testing.B) {
	now := testNows[0]
	for b.Loop() {
		if err := Generate(Small, 1, now, discard{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSmallConfigIsTheExample: the small demo's team and settings are those
// of config.example.toml; only the dates (start, holidays) follow now.
func TestSmallConfigIsTheExample(t *testing.T) {
	data, err := os.ReadFile("../../config.example.toml")
	if err != nil {
		t.Skipf("no example config: %v", err)
	}
	ex, err := cadence.ParseConfig(data, "config.example.toml")
	if err != nil {
		t.Fatal(err)
	}
	got, err := cadence.ParseConfig([]byte(Config(Small, testNows[0])), "demo")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		what      string
		got, want any
	}{
		{"timezone", got.Timezone, ex.Timezone},
		{"currency", got.Currency, ex.Currency},
		{"fiscal year", got.FiscalYearStartMonth, ex.FiscalYearStartMonth},
		{"me", got.Me, ex.Me},
		{"1:1", got.OneOnOne, ex.OneOnOne},
		{"pipeline review", got.PipelineReview, ex.PipelineReview},
		{"QBR", got.QBR, ex.QBR},
		{"readout", got.Readout, ex.Readout},
		{"flags", got.Flags, ex.Flags},
		{"targets", got.Targets, ex.Targets},
		{"team size", len(got.Team), len(ex.Team)},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s: demo has %+v, the example %+v", c.what, c.got, c.want)
		}
	}
	for i := range min(len(got.Team), len(ex.Team)) {
		g, e := got.Team[i], ex.Team[i]
		if g.Name != e.Name || g.Role != e.Role || g.Email != e.Email || !reflect.DeepEqual(g.OneOnOne, e.OneOnOne) {
			t.Errorf("member %d: demo has %+v, the example %+v", i, g, e)
		}
		// A member who joined later did so as long after the start.
		if g.Since.IsZero() != e.Since.IsZero() || !e.Since.IsZero() && g.Since.Sub(got.Start) != e.Since.Sub(ex.Start) {
			t.Errorf("%s: since %s (start %s), the example %s (start %s)", g.Name, g.Since, got.Start, e.Since, ex.Start)
		}
	}
	for d := range ex.Holidays {
		if !got.Holidays[d] {
			t.Errorf("the example's holiday %s is not one of the demo's", d)
		}
	}
}

// TestSmallFlagsAllYear sweeps a year of days at different hours: whatever
// the day, the demo shows every kind of flag, a few each.
func TestSmallFlagsAllYear(t *testing.T) {
	if testing.Short() {
		t.Skip("a sweep over a year")
	}
	for d := 0; d < 366; d += 5 {
		now := time.Date(2026, 1, 1, 0, 10, 0, 0, newYork).AddDate(0, 0, d).Add(time.Duration(d%24) * time.Hour)
		cfg, c := generate(t, Small, int64(d), now)
		counts := cadence.CountByKind(cadence.Flags(flagInput(cfg, now, c)))
		for _, k := range cadence.FlagKinds {
			if lo := wantAtLeast(cfg, now, k); counts[k] < lo || counts[k] > 6 {
				t.Errorf("%s, seed %d: %d %s flags, want %d–6", now, d, counts[k], k, lo)
			}
		}
	}
}

// fnvSink hashes what is emitted, cheaply enough for the large demo.
type fnvSink struct{ h uint64 }

func (s *fnvSink) str(v string) {
	for i := 0; i < len(v); i++ {
		s.h = (s.h ^ uint64(v[i])) * 1099511628211
	}
	s.h = (s.h ^ 0xff) * 1099511628211
}

func (s *fnvSink) num(n int64) { s.str(strconv.FormatInt(n, 36)) }

func (s *fnvSink) date(d cadence.Date) { s.num(int64(d.Sub(cadence.Date{}))) }

func (s *fnvSink) Partner(p cadence.Partner) error {
	s.str(p.Name + string(p.Type) + p.Owner + string(p.Status) + p.Contact + p.Email + p.Domain + p.Notes)
	s.num(int64(p.Tier))
	s.date(p.Joined)
	return nil
}

func (s *fnvSink) Touchpoint(t cadence.Touchpoint) error {
	s.str(t.Partner)
	s.date(t.Date)
	s.str(string(t.Kind))
	s.str(string(t.Direction))
	s.str(t.Account)
	s.str(t.Note)
	s.str(t.By)
	return nil
}

func (s *fnvSink) Registration(r cadence.Registration) error {
	s.str(r.ID + r.Partner + r.Account + string(r.Status) + string(r.Attribution) + r.Owner)
	s.num(r.Amount)
	for _, d := range []cadence.Date{r.Submitted, r.Decided, r.Expires, r.Closed} {
		s.date(d)
	}
	return nil
}

func (s *fnvSink) Record(r cadence.MeetingRecord) error {
	s.str(fmt.Sprintf("%+v", r))
	return nil
}

func TestLargeDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("the large demo takes a few seconds")
	}
	now := testNows[0]
	var sums [3]uint64
	for i, seed := range []int64{5, 5, 6} {
		s := &fnvSink{h: 14695981039346656037}
		if err := Generate(Large, seed, now, s); err != nil {
			t.Fatal(err)
		}
		sums[i] = s.h
	}
	if sums[0] != sums[1] {
		t.Errorf("same seed and now: %x and %x differ", sums[0], sums[1])
	}
	if sums[0] == sums[2] {
		t.Errorf("seeds 5 and 6 give the same large demo")
	}
}
