package store

import (
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	bolt "go.etcd.io/bbolt"

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

	md, err := s.AgendaInput(cfg, now, "1on1/dana-cruz/2026-11-25")
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
		if cadence.SeriesOf(a.Meeting) != "1on1/dana-cruz" || !a.Open() && !md.Since.Contains(a.Done) {
			t.Errorf("carried over %+v is not an action of Dana's 1:1s open or done since last time", a)
		}
	}

	qbr, err := s.AgendaInput(cfg, now, "qbr/northwind-systems/2026-Q4")
	if err != nil {
		t.Fatal(err)
	}
	if len(qbr.Partners) != 1 || qbr.Partners[0].Partner.Name != "Northwind Systems" || qbr.Scorecard == nil || qbr.LastQBR == nil {
		t.Fatalf("QBR data: partners %v, scorecard %v, last QBR %v", qbr.Partners, qbr.Scorecard, qbr.LastQBR)
	}
	if got := qbr.LastQBR.ID; got != "qbr/northwind-systems/2026-Q3" {
		t.Errorf("the last QBR before 2026-Q4's is %s, want 2026-Q3's", got)
	}

	if _, err := s.AgendaInput(cfg, now, "1on1/dana-cruz/2026-11-24"); err == nil {
		t.Error("a 1:1 on a day Dana has none: no error")
	}
}

// Every 1:1's and QBR's flags, read for that meeting alone (its people's
// and partners' data, its series' records), are exactly the whole team's
// flags that are its member's or about its partners.
func TestMeetingDataFlagsMatchTheWholeTeams(t *testing.T) {
	s, cfg, now := demoStore(t)
	// A QBR in the lookback that was never held, of a partner Dana now
	// owns: its missed flag is the partner's, and so in Dana's 1:1s too.
	const qbr = "qbr/acme-cloud-marketplace/2026-Q4"
	rec, ok, err := s.Record(qbr)
	if err != nil || !ok {
		t.Fatalf("%s: %v %v", qbr, ok, err)
	}
	rec.Status = cadence.MeetingScheduled
	if _, err := s.SaveRecord(cfg, "", rec); err != nil {
		t.Fatal(err)
	}
	acme, _, err := s.Partner("Acme Cloud Marketplace")
	if err != nil {
		t.Fatal(err)
	}
	acme.Owner = "Dana Cruz"
	if err := s.SavePartner(cfg, "", acme); err != nil {
		t.Fatal(err)
	}
	in, err := s.FlagInput(cfg, now)
	if err != nil {
		t.Fatal(err)
	}
	all := cadence.Flags(in)
	if !slices.ContainsFunc(all, func(f cadence.Flag) bool { return f.Kind == cadence.FlagMeetingMissed && f.Ref == qbr }) {
		t.Fatalf("%s is not flagged missed", qbr)
	}
	partners, err := s.Partners()
	if err != nil {
		t.Fatal(err)
	}
	today := cfg.Today(now)
	recs, err := s.Records(today.AddDays(-60), today.AddDays(100))
	if err != nil {
		t.Fatal(err)
	}
	sameDate := cmp.Comparer(func(x, y cadence.Date) bool { return x == y })
	checked := map[cadence.Kind]int{}
	for _, o := range cfg.Occurrences(today.AddDays(-35), today.AddDays(100), partners, recs) {
		if o.Kind != cadence.KindOneOnOne && o.Kind != cadence.KindQBR {
			continue
		}
		mine := map[string]bool{} // the meeting's partners
		for _, p := range partners {
			if o.Kind == cadence.KindOneOnOne && p.Owner == o.Member || o.Kind == cadence.KindQBR && p.Name == o.Partner {
				mine[p.Name] = true
			}
		}
		var want []cadence.Flag
		for _, f := range all {
			if o.Kind == cadence.KindOneOnOne && f.Owner == o.Member || mine[f.Partner] {
				want = append(want, f)
			}
		}
		md, err := s.AgendaInput(cfg, now, o.ID)
		if err != nil {
			t.Fatalf("%s: %v", o.ID, err)
		}
		if diff := cmp.Diff(want, md.Flags, sameDate); diff != "" {
			t.Errorf("%s: flags (-whole team's +the meeting's):\n%s", o.ID, diff)
		}
		checked[o.Kind]++
	}
	if checked[cadence.KindOneOnOne] < 10 || checked[cadence.KindQBR] < 3 {
		t.Errorf("checked %v meetings; the demo should give more", checked)
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

// indexesAgree checks the copies the indexes carry against the partners
// and their full histories: for every owner and a few dates,
// registrations_by_owner gives exactly the registrations of that owner's
// partners that are open or were decided or closed since then, and holds
// nothing else; partners_by_owner carries each partner as it is;
// registrations_open_by_account has each registration while it is open.
func indexesAgree(t *testing.T, s *Store) {
	t.Helper()
	partners, err := s.Partners()
	if err != nil {
		t.Fatal(err)
	}
	history := map[string][]cadence.Registration{} // by owner
	total := 0
	for _, p := range partners {
		regs, err := s.PartnerRegistrations(p.Name)
		if err != nil {
			t.Fatal(err)
		}
		history[p.Owner] = append(history[p.Owner], regs...)
		total += len(regs)
	}
	ids := func(regs []cadence.Registration) []string {
		out := make([]string, len(regs))
		for i, r := range regs {
			out[i] = r.ID + " " + string(r.Status)
		}
		slices.Sort(out)
		return out
	}
	err = s.view(func(tx *bolt.Tx) error {
		if n := tx.Bucket(bucketRegByOwner).Stats().KeyN; n != total {
			t.Errorf("registrations_by_owner holds %d entries, the partners have %d registrations", n, total)
		}
		open := 0
		sameDate := cmp.Comparer(func(x, y cadence.Date) bool { return x == y })
		for _, p := range partners {
			owned, err := ownedActivity(tx, p.Owner)
			if err != nil {
				return err
			}
			i := slices.IndexFunc(owned, func(a cadence.PartnerActivity) bool { return a.Partner.Name == p.Name })
			if i < 0 {
				t.Errorf("%s is not among %s's partners", p.Name, p.Owner)
			} else if diff := cmp.Diff(p, owned[i].Partner, sameDate); diff != "" {
				t.Errorf("%s as %s's partner (-stored +index):\n%s", p.Name, p.Owner, diff)
			}
			regs, err := partnerRegistrations(tx, p.Slug())
			if err != nil {
				return err
			}
			for _, r := range regs {
				key := join([]byte(cadence.AccountKey(r.Account)), []byte(p.Slug()), []byte(r.ID))
				if tx.Bucket(bucketRegByAccount).Get(key) == nil {
					t.Errorf("%s is not in registrations_by_account", r.ID)
				}
				if in := tx.Bucket(bucketRegOpenByAccount).Get(key) != nil; in != r.Status.Open() {
					t.Errorf("%s (%s) in registrations_open_by_account: %v", r.ID, r.Status, in)
				}
			}
			for _, r := range regs {
				if r.Status.Open() {
					open++
				}
			}
		}
		if n := tx.Bucket(bucketRegOpenByAccount).Stats().KeyN; n != open {
			t.Errorf("registrations_open_by_account holds %d entries, %d registrations are open", n, open)
		}
		for owner, regs := range history {
			for _, since := range []cadence.Date{{}, d("2026-07-01"), d("2026-10-01"), d("2099-01-01")} {
				var want []cadence.Registration
				for _, r := range regs {
					if r.Status.Open() || !r.Decided.Before(since) || !r.Closed.Before(since) {
						want = append(want, r)
					}
				}
				got, err := ownerRegistrations(tx, owner, since)
				if err != nil {
					return err
				}
				if diff := cmp.Diff(ids(want), ids(got)); diff != "" {
					t.Errorf("%s's registrations since %s (-history +index):\n%s", owner, since, diff)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestOwnerIndexFollowsWrites(t *testing.T) {
	s, cfg, _ := demoStore(t)
	indexesAgree(t, s)

	// A partner changes hands: its registrations move with it.
	p, ok, err := s.Partner("Northwind Systems")
	if err != nil || !ok {
		t.Fatalf("Northwind Systems: %v %v", ok, err)
	}
	from := p.Owner
	p.Owner = "Priya Natarajan"
	if p.Owner == from {
		p.Owner = "Dana Cruz"
	}
	if err := s.SavePartner(cfg, "", p); err != nil {
		t.Fatal(err)
	}
	indexesAgree(t, s)
	regs, err := s.PartnerRegistrations(p.Name)
	if err != nil || len(regs) == 0 {
		t.Fatalf("Northwind's registrations: %d, %v", len(regs), err)
	}

	// A registration is decided, then closed: its key moves with its dates.
	r := regs[len(regs)-1]
	r.Status, r.Decided, r.Closed = cadence.RegApproved, r.Submitted, cadence.Date{}
	if _, err := s.SaveRegistration(testConfig(t), "", r); err != nil {
		t.Fatal(err)
	}
	indexesAgree(t, s)
	r.Status, r.Closed = cadence.RegLost, r.Submitted.AddDays(1)
	if _, err := s.SaveRegistration(testConfig(t), "", r); err != nil {
		t.Fatal(err)
	}
	indexesAgree(t, s)

	// A new registration lands under the partner's new owner.
	r.ID, r.Status, r.Decided, r.Closed = "", cadence.RegSubmitted, cadence.Date{}, cadence.Date{}
	if _, err := s.SaveRegistration(testConfig(t), "", r); err != nil {
		t.Fatal(err)
	}
	indexesAgree(t, s)
}

// A database of schema version 1 lacks two indexes and partners_by_owner
// carries nothing: opening it builds and fills them.
func TestMigrationBuildsOwnerIndex(t *testing.T) {
	s, cfg, now := demoStore(t)
	want, err := s.AgendaInput(cfg, now, "1on1/dana-cruz/2026-11-25")
	if err != nil {
		t.Fatal(err)
	}
	// Version 1: no owner index or index of open registrations by account;
	// partners_by_owner carries nothing.
	err = s.update(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketRegByOwner, bucketRegOpenByAccount} {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
		b := tx.Bucket(bucketPartnersByOwner)
		var keys [][]byte
		_ = b.ForEach(func(k, _ []byte) error { keys = append(keys, k); return nil })
		for _, k := range keys {
			if err := b.Put(k, nil); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(schemaVersionKey, u64(1))
	})
	if err != nil {
		t.Fatal(err)
	}
	// A read-only command reads it through an upgraded copy.
	s, err = Open(s.Path(), Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, err := s.schemaVersion(); err != nil || v != currentVersion {
		t.Fatalf("schema version after the upgrade: %d, %v; want %d", v, err, currentVersion)
	}
	indexesAgree(t, s)
	got, err := s.AgendaInput(cfg, now, "1on1/dana-cruz/2026-11-25")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Registrations) == 0 {
		t.Fatal("Dana's 1:1 has no registrations")
	}
	sameDate := cmp.Comparer(func(x, y cadence.Date) bool { return x == y })
	if diff := cmp.Diff(want.Partners, got.Partners, sameDate); diff != "" {
		t.Errorf("Dana's partners after the upgrade (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(want.Registrations, got.Registrations, sameDate); diff != "" {
		t.Errorf("Dana's registrations after the upgrade (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(want.Flags, got.Flags, sameDate); diff != "" {
		t.Errorf("Dana's flags after the upgrade (-before +after):\n%s", diff)
	}
}
