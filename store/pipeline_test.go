package store

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"partnercadence/cadence"
)

// TestPipelineOwners reads a pipeline review's open registrations by their
// partner's owner and checks who each partner and each sum is said to
// belong to: an owner as the team spells them (two partners' records
// spelling them two ways), an owner no longer on the team as the partner's
// record spells them, a registration's own owner, and a partner its
// registrations spell two ways. (A partner with no owner is
// cadence.PipelineOf's test: a record always has one.)
func TestPipelineOwners(t *testing.T) {
	s := newTestStore(t)
	cfg := testConfig(t)
	// Zed left the team after the partners were saved.
	then := testConfig(t)
	then.Team = append(then.Team, cadence.Member{Name: "Zed Former", Role: cadence.RolePartnerManager})
	for _, p := range []cadence.Partner{
		{Name: "Northwind Systems", Type: cadence.TypeReseller, Tier: 1, Owner: "dana  CRUZ", Status: cadence.PartnerActive, Joined: d("2025-06-01")},
		{Name: "Brightline", Type: cadence.TypeSI, Tier: 2, Owner: "Zed Former", Status: cadence.PartnerActive, Joined: d("2025-09-01")},
		{Name: "Initech Partners", Type: cadence.TypeSI, Tier: 3, Owner: "Dana Cruz", Status: cadence.PartnerActive, Joined: d("2025-09-01")},
	} {
		if err := s.SavePartner(then, "", p); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range []cadence.Registration{
		{ID: "R-1", Partner: "Northwind Systems", Account: "Acme", Amount: 100, Submitted: d("2026-11-16"), Status: cadence.RegSubmitted, Attribution: cadence.Sourced},
		{ID: "R-2", Partner: "northwind  systems", Account: "Hooli", Amount: 50, Submitted: d("2026-09-01"), Status: cadence.RegApproved, Decided: d("2026-09-02"), Attribution: cadence.Influenced, Owner: "Sam Ortiz"},
		{ID: "R-3", Partner: "Brightline", Account: "Globex", Amount: 70, Submitted: d("2026-11-16"), Status: cadence.RegSubmitted, Attribution: cadence.Sourced},
		{ID: "R-4", Partner: "Initech Partners", Account: "Initrode", Amount: 30, Submitted: d("2026-11-16"), Status: cadence.RegSubmitted, Attribution: cadence.Sourced},
		{ID: "R-5", Partner: "Brightline", Account: "Soylent", Amount: 900, Submitted: d("2026-08-01"), Status: cadence.RegWon, Decided: d("2026-08-02"), Closed: d("2026-10-01"), Attribution: cadence.Sourced},
	} {
		if _, err := s.SaveRegistration(cfg, "", r); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, cfg.Location)
	occ, err := cfg.OccurrenceByID("pipeline/2026-11-03", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	md, err := s.AgendaInput(cfg, now, occ.ID)
	if err != nil {
		t.Fatal(err)
	}
	var partners []string
	for _, p := range md.Partners {
		partners = append(partners, p.Partner.Name+" · "+p.Partner.Owner)
	}
	slices.Sort(partners)
	want := []string{"Brightline · Zed Former", "Initech Partners · Dana Cruz", "Northwind Systems · Dana Cruz"}
	if diff := cmp.Diff(want, partners); diff != "" {
		t.Errorf("partners · owner (-want +got):\n%s", diff)
	}
	var ids []string
	for _, r := range md.Registrations {
		ids = append(ids, r.ID)
	}
	slices.Sort(ids)
	if got := strings.Join(ids, " "); got != "R-1 R-2 R-3 R-4" {
		t.Errorf("open registrations %s, want R-1 to R-4 (R-5 is won)", got)
	}
	if md.Pipeline == nil {
		t.Fatal("no pipeline summed for a pipeline review")
	}
	var owners []string
	for _, o := range md.Pipeline.ByOwner {
		owners = append(owners, o.Owner+" "+strconv.FormatInt(o.Open.Total().Amount, 10))
	}
	if diff := cmp.Diff([]string{"Dana Cruz 130", "Zed Former 70", "Sam Ortiz 50"}, owners); diff != "" {
		t.Errorf("pipeline by owner (-want +got):\n%s", diff)
	}
	var top []string
	for _, p := range md.Pipeline.Top {
		top = append(top, p.Partner+" · "+p.Owner)
	}
	if diff := cmp.Diff([]string{"Northwind Systems · Dana Cruz", "Brightline · Zed Former", "Initech Partners · Dana Cruz"}, top); diff != "" {
		t.Errorf("top partners (-want +got):\n%s", diff)
	}
}
