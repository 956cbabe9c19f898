package store

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"partnercadence/cadence"
)

func TestRegistrationsByStatus(t *testing.T) {
	s := newTestStore(t)
	cfg := testConfig(t)
	for _, name := range []string{"Northwind", "Acme"} {
		p := cadence.Partner{Name: name, Type: cadence.TypeReseller, Tier: 2, Owner: "Dana Cruz", Status: cadence.PartnerActive}
		if err := s.SavePartner(cfg, "", p); err != nil {
			t.Fatal(err)
		}
	}
	reg := func(id string, status cadence.RegStatus, submitted, decided, closed string) cadence.Registration {
		r := cadence.Registration{
			ID: id, Partner: "Northwind", Account: "Account " + id, Amount: 1000, Submitted: d(submitted),
			Status: status, Attribution: cadence.Sourced, Owner: "Dana Cruz",
		}
		if decided != "" {
			r.Decided = d(decided)
		}
		if closed != "" {
			r.Closed = d(closed)
		}
		return r
	}
	for _, r := range []cadence.Registration{
		reg("R-1", cadence.RegWon, "2026-01-05", "2026-01-06", "2026-03-01"),
		reg("R-2", cadence.RegLost, "2026-01-10", "2026-01-12", "2026-02-15"),
		reg("R-3", cadence.RegWon, "2026-02-01", "2026-02-02", "2026-05-20"),
		reg("R-4", cadence.RegRejected, "2026-02-03", "2026-02-05", ""),
		reg("R-5", cadence.RegExpired, "2026-02-04", "2026-02-05", "2026-05-06"),
		reg("R-6", cadence.RegRejected, "2026-03-03", "2026-03-04", ""),
		reg("R-7", cadence.RegWon, "2026-03-05", "2026-03-06", "2026-04-01"),
		reg("R-8", cadence.RegSubmitted, "2026-11-20", "", ""),
		reg("R-9", cadence.RegApproved, "2026-10-01", "2026-10-02", ""),
		reg("R-10", cadence.RegSubmitted, "2026-11-18", "", ""),
		reg("R-11", cadence.RegApproved, "2026-09-01", "2026-09-03", ""), // won below
	} {
		if _, err := s.SaveRegistration(testConfig(t), "", r); err != nil {
			t.Fatalf("save %s: %v", r.ID, err)
		}
	}
	// A decision recorded later moves R-11 from approved to won.
	won := reg("R-11", cadence.RegWon, "2026-09-01", "2026-09-03", "2026-11-02")
	if _, err := s.SaveRegistration(testConfig(t), "", won); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		status cadence.RegStatus
		limit  int
		want   []string
	}{
		{cadence.RegWon, 0, []string{"R-11", "R-3", "R-7", "R-1"}},
		{cadence.RegWon, 2, []string{"R-11", "R-3"}},
		{cadence.RegLost, 0, []string{"R-2"}},
		{cadence.RegExpired, 10, []string{"R-5"}},
		{cadence.RegRejected, 0, []string{"R-6", "R-4"}},
		{cadence.RegSubmitted, 0, []string{"R-8", "R-10"}},
		{cadence.RegSubmitted, 1, []string{"R-8"}},
		{cadence.RegApproved, 0, []string{"R-9"}},
	}
	for _, tt := range tests {
		got, err := s.RegistrationsByStatus(tt.status, tt.limit)
		if err != nil {
			t.Fatalf("%s: %v", tt.status, err)
		}
		var ids []string
		for _, r := range got {
			if r.Status != tt.status {
				t.Errorf("%s: got %s with status %s", tt.status, r.ID, r.Status)
			}
			ids = append(ids, r.ID)
		}
		if diff := cmp.Diff(tt.want, ids); diff != "" {
			t.Errorf("RegistrationsByStatus(%s, %d) (-want +got):\n%s", tt.status, tt.limit, diff)
		}
	}
	if _, err := s.RegistrationsByStatus("pending", 10); err == nil {
		t.Error("RegistrationsByStatus(pending) gave no error")
	}
}
