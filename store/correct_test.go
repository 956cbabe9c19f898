package store

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"partnercadence/cadence"
)

func TestAddRegistration(t *testing.T) {
	s := newTestStore(t)
	cfg := testConfig(t)
	seed(t, s, cfg)
	r := cadence.Registration{Partner: "northwind systems", Account: "Globex", Amount: 48000, Submitted: d("2026-11-23"),
		Status: cadence.RegSubmitted, Attribution: cadence.Sourced, Owner: "Dana Cruz"}
	got, err := s.AddRegistration(cfg, "Jordan Lee", r)
	if err != nil {
		t.Fatal(err)
	}
	stored, ok, _ := s.Registration(got.ID)
	if !ok || stored.Partner != "Northwind Systems" || stored.Amount != 48000 || got.ID != "R-4" {
		t.Errorf("added %+v as %s, stored %+v", got, got.ID, stored)
	}
	// The intro of Globex Corp is not answered (another account), the
	// registration is open.
	open, _ := s.OpenRegistrations()
	if len(open) != 3 {
		t.Errorf("%d open registrations, want 3", len(open))
	}
	for _, tt := range []struct {
		name string
		r    cadence.Registration
		want string
	}{
		{"unknown partner", cadence.Registration{Partner: "Nobody Inc", Account: "X", Submitted: d("2026-11-23"), Status: cadence.RegSubmitted, Attribution: cadence.Sourced}, `no partner "Nobody Inc"`},
		{"owner off the team", cadence.Registration{Partner: "Brightline", Account: "X", Submitted: d("2026-11-23"), Status: cadence.RegSubmitted, Attribution: cadence.Sourced, Owner: "Zed"}, `owner: "Zed" is not on the team`},
		{"taken ID", cadence.Registration{ID: "R-1", Partner: "Brightline", Account: "X", Submitted: d("2026-11-23"), Status: cadence.RegSubmitted, Attribution: cadence.Sourced}, "registration R-1 exists already"},
		{"no account", cadence.Registration{Partner: "Brightline", Submitted: d("2026-11-23"), Status: cadence.RegSubmitted, Attribution: cadence.Sourced}, "account"},
	} {
		before, _ := s.Generation()
		_, err := s.AddRegistration(cfg, "Jordan Lee", tt.r)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
		if after, _ := s.Generation(); after != before {
			t.Errorf("%s: a refused add wrote (generation %d → %d)", tt.name, before, after)
		}
	}
}

// TestUpdateRegistrationSeesAnotherWriter: a change made from what the
// screen showed is refused once another process changed the registration,
// and the other change stays.
func TestUpdateRegistrationSeesAnotherWriter(t *testing.T) {
	s := newTestStore(t)
	cfg := testConfig(t)
	seed(t, s, cfg)
	base, _, _ := s.Registration("R-3")
	other, err := Open(s.Path(), Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	changed := base
	changed.Amount = 99000
	if _, err := other.SaveRegistration(changed); err != nil {
		t.Fatal(err)
	}
	_, _, err = s.UpdateRegistration(cfg, "Jordan Lee", base, func(r cadence.Registration) cadence.Registration {
		r.Expires = d("2027-03-01")
		return r
	})
	if !errors.Is(err, ErrChangedMeanwhile) {
		t.Fatalf("update from a stale base: %v, want ErrChangedMeanwhile", err)
	}
	got, _, _ := s.Registration("R-3")
	if got.Amount != 99000 || !got.Expires.IsZero() {
		t.Errorf("stored %+v, want the other writer's amount and no new expiry", got)
	}
	saved, before, err := s.UpdateRegistration(cfg, "Jordan Lee", got, func(r cadence.Registration) cadence.Registration {
		r.Expires = d("2027-03-01")
		r.Partner, r.ID = "Brightline", "R-99" // neither moves
		return r
	})
	if err != nil || saved.Expires != d("2027-03-01") || saved.ID != "R-3" || saved.Partner != "Northwind Systems" || before != got {
		t.Errorf("update: %+v (before %+v), %v", saved, before, err)
	}
}

// TestUpdateRegistrationRacingWriters: two processes change one
// registration from the same base at once; exactly one wins, the other is
// told, and the stored registration is the winner's whole change.
func TestUpdateRegistrationRacingWriters(t *testing.T) {
	a := newTestStore(t)
	cfg := testConfig(t)
	seed(t, a, cfg)
	b, err := Open(a.Path(), Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	for round := range 10 {
		base, _, _ := a.Registration("R-3")
		var wg sync.WaitGroup
		results := make([]error, 2)
		for i, st := range []*Store{a, b} {
			wg.Go(func() {
				_, _, results[i] = st.UpdateRegistration(cfg, "Jordan Lee", base, func(r cadence.Registration) cadence.Registration {
					r.Amount = int64(1000*round + i + 1)
					r.Account = fmt.Sprintf("Hooli %d-%d", round, i)
					return r
				})
			})
		}
		wg.Wait()
		wins := 0
		for _, err := range results {
			switch {
			case err == nil:
				wins++
			case !errors.Is(err, ErrChangedMeanwhile):
				t.Fatalf("round %d: %v", round, err)
			}
		}
		got, _, _ := a.Registration("R-3")
		i := int(got.Amount) - 1000*round - 1
		if wins != 1 || i < 0 || i > 1 || got.Account != fmt.Sprintf("Hooli %d-%d", round, i) {
			t.Fatalf("round %d: %d wins, stored %+v", round, wins, got)
		}
	}
}

// TestUndoMeeting: an undo restores what the change replaced, unless the
// record moved on since, when it writes nothing.
func TestUndoMeeting(t *testing.T) {
	s := newTestStore(t)
	cfg := testConfig(t)
	const id = "1on1/dana-cruz/2026-11-25"
	held := cadence.MeetingChange{Meeting: id, What: "held", Edits: []cadence.MeetingEdit{{Kind: cadence.EditStatus, Status: cadence.MeetingHeld}}}
	undo := []cadence.MeetingEdit{{Kind: cadence.EditStatus, Status: cadence.MeetingScheduled}}
	after, _, err := s.EditMeeting(cfg, "Jordan Lee", held)
	if err != nil {
		t.Fatal(err)
	}
	// Another process skips it meanwhile: the undo is refused.
	other, err := Open(s.Path(), Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := other.EditMeeting(cfg, "Dana Cruz", cadence.MeetingChange{Meeting: id, Edits: []cadence.MeetingEdit{{Kind: cadence.EditStatus, Status: cadence.MeetingSkipped}}}); err != nil {
		t.Fatal(err)
	}
	if err := s.UndoMeeting(cfg, "Jordan Lee", id, after, undo); !errors.Is(err, ErrChangedMeanwhile) || !strings.Contains(err.Error(), "its status is skipped now") {
		t.Fatalf("undo after another change: %v", err)
	}
	if rec, _, _ := s.Record(id); rec.Status != cadence.MeetingSkipped {
		t.Errorf("after a refused undo: %s, want the other's skipped", rec.Status)
	}
	// Held again, then undone: scheduled, and the talking points typed
	// meanwhile stay.
	after, _, _ = s.EditMeeting(cfg, "Jordan Lee", held)
	if _, _, err := other.EditMeeting(cfg, "Dana Cruz", cadence.MeetingChange{Meeting: id, Edits: []cadence.MeetingEdit{{Kind: cadence.EditText, Field: cadence.FieldTalkingPoints, Text: "- renewals"}}}); err != nil {
		t.Fatal(err)
	}
	if err := s.UndoMeeting(cfg, "Jordan Lee", id, after, undo); err != nil {
		t.Fatal(err)
	}
	if rec, _, _ := s.Record(id); rec.Status != cadence.MeetingScheduled || rec.TalkingPoints != "- renewals" {
		t.Errorf("after undo: %s %q, want scheduled with the talking points kept", rec.Status, rec.TalkingPoints)
	}
}
