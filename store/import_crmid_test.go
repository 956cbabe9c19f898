package store

import (
	"path/filepath"
	"strings"
	"testing"

	"partnercadence/cadence"
	"partnercadence/cadence/csvimport"
)

// TestImportResolvesCRMIDsAndEmails: partners keep their CRM record ID;
// registrations and touchpoints may name a partner by it, and owners and
// `by` may be a member's email; what is stored is the partner's and the
// member's name. An ID no partner carries is a problem of its row.
func TestImportResolvesCRMIDsAndEmails(t *testing.T) {
	cfg, err := cadence.ParseConfig([]byte(`
[[team]]
name = "Jordan Lee"
role = "head"
[[team]]
name = "Dana Cruz"
role = "partner_manager"
email = "dana@example.com"
`), "team.toml")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "cadence.db")
	opt := csvimport.OptionsFrom(cfg)
	partners, err := csvimport.ReadPartners(strings.NewReader("Record ID,Company name,Type,Partner Tier,Company owner\n"+
		"5551234,Northwind Traders,PARTNER,Gold,DANA@example.com\n"), "companies.csv", opt)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := openImport(t, path).Partners(cfg, "companies.csv", partners, false); err != nil {
		t.Fatal(err)
	}
	regs, err := csvimport.ReadRegistrations(strings.NewReader("Record ID,Deal Name,Deal Stage,Amount,Create Date,Deal owner,Associated Company IDs\n"+
		"98761,Hooli expansion,qualifiedtobuy,\"12,500\",2026-10-02 14:03,dana@example.com,5551234\n"), "deals.csv", opt)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := openImport(t, path).Registrations(cfg, "deals.csv", regs, false); err != nil {
		t.Fatal(err)
	}
	touches, err := csvimport.ReadTouchpoints(strings.NewReader("Activity date,Activity type,Call direction,Associated Company IDs,Activity assigned to\n"+
		"2026-11-18 09:30,CALL,INBOUND,5551234,dana@example.com\n"), "calls.csv", opt)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := openImport(t, path).Touchpoints(cfg, "calls.csv", touches, false); err != nil {
		t.Fatal(err)
	}

	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, ok, err := s.Partner("Northwind Traders")
	if err != nil || !ok {
		t.Fatalf("partner: %v, %v", ok, err)
	}
	if p.CRMID != "5551234" || p.Owner != "Dana Cruz" || p.Tier != 1 || p.Type != cadence.TypeReseller {
		t.Errorf("partner = %+v, want CRM ID 5551234, owner Dana Cruz, tier 1, reseller", p)
	}
	r, ok, err := s.Registration("98761")
	if err != nil || !ok {
		t.Fatalf("registration: %v, %v", ok, err)
	}
	if r.Partner != "Northwind Traders" || r.Owner != "Dana Cruz" || r.Amount != 12500 || r.Status != cadence.RegApproved || r.Decided != d("2026-10-02") {
		t.Errorf("registration = %+v, want Northwind Traders, Dana Cruz, 12500, approved, decided 2026-10-02", r)
	}
	ts, err := s.Touchpoints("Northwind Traders", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != 1 || ts[0].By != "Dana Cruz" || ts[0].Direction != cadence.Inbound || ts[0].Date != d("2026-11-18") {
		t.Errorf("touchpoints = %+v, want one inbound call by Dana Cruz on 2026-11-18", ts)
	}

	bad, err := csvimport.ReadTouchpoints(strings.NewReader("Activity date,Activity type,Call direction,Associated Company IDs,Activity assigned to\n"+
		"2026-11-19,CALL,INBOUND,5559999,nobody@example.com\n"), "calls.csv", opt)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err = openImport(t, path).Touchpoints(cfg, "calls.csv", bad, false)
	want := "calls.csv:2: Associated Company IDs: no partner \"5559999\", by name or CRM ID (import it first with `cadence import partners`)\n" +
		"calls.csv:2: Activity assigned to: \"nobody@example.com\" is not on the team in team.toml (add a [[team]] entry, or fix the name)"
	if err == nil || err.Error() != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
}
