package store

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	bolt "go.etcd.io/bbolt"

	"partnercadence/cadence"
)

// introFlag is what a user sees of an intro_unregistered flag.
type introFlag struct {
	Ref  string
	Days int
	Date string
}

// introFlags returns the intro_unregistered flags of the store at Monday
// 2026-11-23 (the lookback's first day is 2026-08-25).
func introFlags(t *testing.T, s *Store, cfg *cadence.Config) []introFlag {
	t.Helper()
	in, err := s.FlagInput(cfg, time.Date(2026, 11, 23, 9, 0, 0, 0, cfg.Location))
	if err != nil {
		t.Fatal(err)
	}
	var out []introFlag
	for _, f := range cadence.Flags(in) {
		if f.Kind == cadence.FlagIntroUnregistered {
			out = append(out, introFlag{f.Ref, f.Days, f.Date.String()})
		}
	}
	return out
}

func introOf(partner, account, date string) cadence.Touchpoint {
	return cadence.Touchpoint{Partner: partner, Date: d(date), Kind: cadence.TouchIntro, Direction: cadence.Inbound, Account: account, By: "Dana Cruz"}
}

// introStore is a store with one partner of Dana's and the intros given.
func introStore(t *testing.T, intros ...cadence.Touchpoint) (*Store, *cadence.Config) {
	t.Helper()
	s, cfg := newTestStore(t), testConfig(t)
	p := cadence.Partner{Name: "Northwind", Type: cadence.TypeReseller, Tier: 2, Owner: "Dana Cruz", Status: cadence.PartnerActive, Joined: d("2025-06-01")}
	if err := s.SavePartner(cfg, "", p); err != nil {
		t.Fatal(err)
	}
	for _, in := range intros {
		if _, err := s.AddTouchpoint(cfg, "", in); err != nil {
			t.Fatal(err)
		}
	}
	return s, cfg
}

func wantIntroFlags(t *testing.T, s *Store, cfg *cadence.Config, when string, want []introFlag) {
	t.Helper()
	if diff := cmp.Diff(want, introFlags(t, s, cfg)); diff != "" {
		t.Errorf("%s: intro flags (-want +got):\n%s", when, diff)
	}
	if err := s.Check(); err != nil {
		t.Errorf("%s: %v", when, err)
	}
}

// TestReintroductionIsFlagged: of one partner's intros of one account, the
// latest one of the lookback (older than 7 days, not older than 90) is
// flagged and dated, however the intros arrive, whatever came first.
func TestReintroductionIsFlagged(t *testing.T) {
	acme := "northwind/acme-corp"
	tests := []struct {
		name   string
		intros []cadence.Touchpoint
		want   []introFlag
	}{
		{"on the lookback's first day", []cadence.Touchpoint{introOf("Northwind", "Acme Corp", "2026-08-25")}, []introFlag{{acme, 90, "2026-08-25"}}},
		{"the day before the lookback", []cadence.Touchpoint{introOf("Northwind", "Acme Corp", "2026-08-24")}, nil},
		{
			"introduced again inside the lookback, the first intro outside it",
			[]cadence.Touchpoint{introOf("Northwind", "Acme Corp", "2026-06-01"), introOf("Northwind", "Acme Corp", "2026-10-01")},
			[]introFlag{{acme, 53, "2026-10-01"}},
		},
		{
			"the same, logged latest first",
			[]cadence.Touchpoint{introOf("Northwind", "Acme Corp", "2026-10-01"), introOf("Northwind", "Acme Corp", "2026-06-01")},
			[]introFlag{{acme, 53, "2026-10-01"}},
		},
		{
			"introduced again on the lookback's first day, the first the day before",
			[]cadence.Touchpoint{introOf("Northwind", "Acme Corp", "2026-08-24"), introOf("Northwind", "ACME  corp", "2026-08-25")},
			[]introFlag{{acme, 90, "2026-08-25"}},
		},
		{
			"introduced again 7 days ago: the earlier intro of the lookback counts",
			[]cadence.Touchpoint{introOf("Northwind", "Acme Corp", "2026-11-01"), introOf("Northwind", "Acme Corp", "2026-11-16")},
			[]introFlag{{acme, 22, "2026-11-01"}},
		},
		{
			"introduced again 8 days ago",
			[]cadence.Touchpoint{introOf("Northwind", "Acme Corp", "2026-11-01"), introOf("Northwind", "Acme Corp", "2026-11-15")},
			[]introFlag{{acme, 8, "2026-11-15"}},
		},
		{
			"introduced again 7 days ago, the first outside the lookback",
			[]cadence.Touchpoint{introOf("Northwind", "Acme Corp", "2026-05-01"), introOf("Northwind", "Acme Corp", "2026-11-16")},
			nil,
		},
		{
			"two intros of one day, different notes",
			[]cadence.Touchpoint{introOf("Northwind", "Acme Corp", "2026-10-01"), func() cadence.Touchpoint {
				t := introOf("Northwind", "Acme Corp", "2026-10-01")
				t.Note = "again, by phone"
				return t
			}()},
			[]introFlag{{acme, 53, "2026-10-01"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, cfg := introStore(t, tt.intros...)
			wantIntroFlags(t, s, cfg, "after the intros", tt.want)
		})
	}
}

// TestReintroductionAndRegistrations: a registration of the partner and
// account (any status, any date) answers every intro of it, one made after
// it too (DESIGN §4); taking it back, or moving it to another account,
// brings all of them back, and the latest of the lookback is flagged
// again. Deleting that intro leaves the one before it flagged.
func TestReintroductionAndRegistrations(t *testing.T) {
	acme := "northwind/acme-corp"
	s, cfg := introStore(t, introOf("Northwind", "Acme Corp", "2026-06-01"), introOf("Northwind", "Acme Corp", "2026-09-01"))
	wantIntroFlags(t, s, cfg, "two intros", []introFlag{{acme, 83, "2026-09-01"}})

	lost := cadence.Registration{Partner: "Northwind", Account: "acme corp", Amount: 9000, Submitted: d("2026-09-05"), Status: cadence.RegLost,
		Decided: d("2026-09-06"), Closed: d("2026-10-01"), Attribution: cadence.Sourced, Owner: "Dana Cruz"}
	saved, err := s.AddRegistration(cfg, "", lost)
	if err != nil {
		t.Fatal(err)
	}
	wantIntroFlags(t, s, cfg, "after a lost registration", nil)

	if _, err := s.AddTouchpoint(cfg, "", introOf("Northwind", "Acme Corp", "2026-10-20")); err != nil {
		t.Fatal(err)
	}
	wantIntroFlags(t, s, cfg, "a second intro after the registration", nil)

	if err := s.DeleteRegistration(cfg, "", saved); err != nil {
		t.Fatal(err)
	}
	wantIntroFlags(t, s, cfg, "the registration taken back", []introFlag{{acme, 34, "2026-10-20"}})

	if err := s.DeleteTouchpoint(cfg, "", introOf("Northwind", "Acme Corp", "2026-10-20")); err != nil {
		t.Fatal(err)
	}
	wantIntroFlags(t, s, cfg, "the latest intro deleted", []introFlag{{acme, 83, "2026-09-01"}})

	saved, err = s.AddRegistration(cfg, "", lost)
	if err != nil {
		t.Fatal(err)
	}
	wantIntroFlags(t, s, cfg, "registered again", nil)
	if _, _, err := s.UpdateRegistration(cfg, "", saved, func(r cadence.Registration) cadence.Registration {
		r.Account = "Globex"
		return r
	}); err != nil {
		t.Fatal(err)
	}
	wantIntroFlags(t, s, cfg, "the registration moved to another account", []introFlag{{acme, 83, "2026-09-01"}})

	if _, err := s.RenamePartner(cfg, "", "Northwind", "Northwind Systems"); err != nil {
		t.Fatal(err)
	}
	wantIntroFlags(t, s, cfg, "the partner renamed", []introFlag{{"northwind-systems/acme-corp", 83, "2026-09-01"}})
}

// TestMigrationKeepsEveryIntro: a file of schema version 2 listed only the
// earliest intro of an account; its upgrade lists them all, so a
// re-introduction inside the lookback is flagged, and the file passes its
// check.
func TestMigrationKeepsEveryIntro(t *testing.T) {
	s, cfg := introStore(t, introOf("Northwind", "Acme Corp", "2026-06-01"), introOf("Northwind", "Acme Corp", "2026-10-01"),
		introOf("Northwind", "Initech", "2026-09-30"))
	// Version 2: one entry per partner and account, the earliest, keyed
	// slug 0 account key.
	err := s.update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketIntros); err != nil {
			return err
		}
		b, err := tx.CreateBucket(bucketIntros)
		if err != nil {
			return err
		}
		for _, in := range []cadence.Intro{
			{Partner: "Northwind", Account: "Acme Corp", Date: d("2026-06-01"), By: "Dana Cruz"},
			{Partner: "Northwind", Account: "Initech", Date: d("2026-09-30"), By: "Dana Cruz"},
		} {
			v, err := json.Marshal(in)
			if err != nil {
				return err
			}
			if err := b.Put(join([]byte("northwind"), []byte(cadence.AccountKey(in.Account))), v); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(schemaVersionKey, u64(2))
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := introFlags(t, s, cfg); len(got) != 1 || got[0].Ref != "northwind/initech" {
		t.Fatalf("before the upgrade the flags are %+v, want only Initech's (Acme's earliest intro is past the lookback)", got)
	}
	s, err = Open(s.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if v, err := s.schemaVersion(); err != nil || v != currentVersion {
		t.Fatalf("schema version %d (%v), want %d", v, err, currentVersion)
	}
	wantIntroFlags(t, s, cfg, "after the upgrade", []introFlag{{"northwind/initech", 54, "2026-09-30"}, {"northwind/acme-corp", 53, "2026-10-01"}})
}
