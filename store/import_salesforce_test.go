package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"partnercadence/cadence"
	"partnercadence/cadence/csvimport"
)

const salesforceExport = "../cadence/csvimport/testdata/sfexport"

func salesforceConfig(t *testing.T) *cadence.Config {
	t.Helper()
	cfg, err := cadence.ParseConfig([]byte(`
timezone = "America/New_York"
[[team]]
name = "Jordan Lee"
role = "head"
[[team]]
name = "Dana Cruz"
role = "partner_manager"
email = "dana.cruz@example.com"
[[team]]
name = "Priya Natarajan"
role = "partner_manager"
email = "priya.natarajan@example.com"
`), "team.toml")
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func readSalesforce(t *testing.T, dir string, cfg *cadence.Config) *csvimport.Salesforce {
	t.Helper()
	x, err := csvimport.ReadSalesforce(dir, csvimport.OptionsFrom(cfg))
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// TestImportSalesforceFolder imports the Data Export fixture into a new
// database: the partner accounts (not the customers) with their CRM IDs,
// tiers and owners found by their user's email; their opportunities with
// the customer's name as the account (not the opportunity of no partner);
// their tasks and events (not the customer's). Importing it again changes
// nothing.
func TestImportSalesforceFolder(t *testing.T) {
	cfg := salesforceConfig(t)
	path := filepath.Join(t.TempDir(), "cadence.db")
	res, err := openImport(t, path).Salesforce(cfg, readSalesforce(t, salesforceExport, cfg), false)
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 7 || res.Changed != 0 || res.Unchanged != 0 {
		t.Errorf("result %+v, want 7 added", res)
	}

	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	partners, err := s.Partners()
	if err != nil {
		t.Fatal(err)
	}
	wantPartners := []cadence.Partner{
		{Name: "Fabrikam Cloud", CRMID: "0015g00000Par02AAA", Type: cadence.TypeISV, Tier: 2, Owner: "Priya Natarajan",
			Status: cadence.PartnerActive, Joined: d("2025-06-01"), Domain: "fabrikam.example"},
		{Name: "Northwind Traders", CRMID: "0015g00000Par01AAA", Type: cadence.TypeReseller, Tier: 1, Owner: "Dana Cruz",
			Status: cadence.PartnerActive, Joined: d("2024-01-15"), Domain: "northwind.example", Notes: "Resells the platform in the Midwest"},
	}
	if diff := cmp.Diff(wantPartners, partners, cmp.AllowUnexported(cadence.Date{})); diff != "" {
		t.Errorf("partners (-want +got):\n%s", diff)
	}
	for _, want := range []cadence.Registration{
		{ID: "0065g00000Opp01AAA", Partner: "Northwind Traders", Account: "Hooli", Amount: 12500, Submitted: d("2026-10-02"),
			Status: cadence.RegApproved, Decided: d("2026-10-02"), Attribution: cadence.Sourced, Owner: "Dana Cruz"},
		{ID: "0065g00000Opp02AAA", Partner: "Fabrikam Cloud", Account: "Initech", Amount: 40000, Submitted: d("2026-06-01"),
			Status: cadence.RegWon, Closed: d("2026-09-30"), Attribution: cadence.Sourced, Owner: "Priya Natarajan"},
	} {
		got, ok, err := s.Registration(want.ID)
		if err != nil || !ok {
			t.Fatalf("registration %s: %v, %v", want.ID, ok, err)
		}
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(cadence.Date{})); diff != "" {
			t.Errorf("registration %s (-want +got):\n%s", want.ID, diff)
		}
	}
	if _, ok, _ := s.Registration("0065g00000Opp03AAA"); ok {
		t.Error("the opportunity of no partner account was imported")
	}
	touches, err := s.Touchpoints("Northwind Traders", 10)
	if err != nil {
		t.Fatal(err)
	}
	wantTouches := []cadence.Touchpoint{
		{Partner: "Northwind Traders", Date: d("2026-11-20"), Kind: cadence.TouchMeeting, Direction: cadence.Outbound, Note: "QBR with Northwind", By: "Dana Cruz"},
		{Partner: "Northwind Traders", Date: d("2026-11-18"), Kind: cadence.TouchCall, Direction: cadence.Inbound, Note: "Quarterly pipeline call", By: "Dana Cruz"},
	}
	if diff := cmp.Diff(wantTouches, touches, cmp.AllowUnexported(cadence.Date{})); diff != "" {
		t.Errorf("Northwind's touchpoints (-want +got):\n%s", diff)
	}
	touches, err = s.Touchpoints("Fabrikam Cloud", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(touches) != 1 || touches[0].Kind != cadence.TouchEmail || touches[0].By != "Priya Natarajan" || touches[0].Direction != cadence.Outbound {
		t.Errorf("Fabrikam's touchpoints = %+v, want the one outbound email by Priya Natarajan", touches)
	}
	s.Close()

	res, err = openImport(t, path).Salesforce(cfg, readSalesforce(t, salesforceExport, cfg), false)
	if err != nil || res.Added != 0 || res.Changed != 0 || res.Unchanged != 7 {
		t.Errorf("again: %+v, %v; want 7 unchanged", res, err)
	}
}

// TestImportSalesforceBadRowsWriteNothing breaks rows in four files of the
// fixture (and names a customer as an opportunity's partner): the import reports every problem of every file in
// one pass, form and references alike, as FILE:LINE: column: problem, and
// leaves the database as it was, byte for byte.
func TestImportSalesforceBadRowsWriteNothing(t *testing.T) {
	cfg := salesforceConfig(t)
	dir := t.TempDir()
	for _, name := range csvimport.SalesforceFiles {
		b, err := os.ReadFile(filepath.Join(salesforceExport, name))
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		switch name {
		case "Account.csv": // a partner owned by a user not on the team
			text = strings.Replace(text, `"Technology Partner","","Germany","fabrikam.example","0055g00000Usr02AAA"`,
				`"Technology Partner","","Germany","fabrikam.example","0055g00000Usr03AAA"`, 1)
		case "Opportunity.csv": // an amount that is not one; a partner that is a customer
			text = strings.Replace(text, `"Closed Won","40000"`, `"Closed Won","forty thousand"`, 1)
			text = strings.Replace(text, `"0015g00000Cus01AAA","0015g00000Par01AAA"`, `"0015g00000Cus01AAA","0015g00000Cus02AAA"`, 1)
		case "Task.csv": // an owner who is no user
			text = strings.Replace(text, `"Completed","Normal","0055g00000Usr02AAA"`, `"Completed","Normal","0055g00000Usr09AAA"`, 1)
		case "Event.csv": // no date
			text = strings.Replace(text, `"2026-11-20","60"`, `"2026-13-40","60"`, 1)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "cadence.db")
	// A database with something in it already, that must stay as it is.
	im := openImport(t, path)
	if _, err := im.Partners(cfg, "p.csv", readPartners(t, "name,type,tier,owner\nBrightline,si,2,Dana Cruz\n"), false); err != nil {
		t.Fatal(err)
	}
	before := fileSum(t, path)

	_, err := openImport(t, path).Salesforce(cfg, readSalesforce(t, dir, cfg), false)
	var problems *csvimport.Errors
	if !errors.As(err, &problems) {
		t.Fatalf("error %v, want the problems", err)
	}
	want := filepath.Join(dir, "Account.csv") + `:4: OwnerId: user "0055g00000Usr03AAA" ("integration@example.com") is not on the team in team.toml (add a [[team]] entry with email = "integration@example.com")
` + filepath.Join(dir, "Opportunity.csv") + `:2: PartnerAccountId: no partner "0015g00000Cus02AAA", by name or CRM ID (no partner account in Account.csv has that ID; see [import] partner_types)
` + filepath.Join(dir, "Opportunity.csv") + `:3: Amount: "forty thousand" is not an amount (write it like 1200, 1,200.50 or $1,200)
` + filepath.Join(dir, "Task.csv") + `:3: OwnerId: "0055g00000Usr09AAA" is no user in User.csv (export the users with the other objects)
` + filepath.Join(dir, "Event.csv") + `:2: ActivityDate: "2026-13-40" is not a date (use YYYY-MM-DD, MM/DD/YYYY, DD/MM/YYYY, DD.MM.YYYY or RFC 3339)`
	if got := err.Error(); got != want {
		t.Errorf("error:\n%s\nwant:\n%s", got, want)
	}
	if fileSum(t, path) != before {
		t.Error("the failed import changed the database")
	}
}

// TestImportSalesforceDryRun lists what the folder would add, file by file
// with its lines, and writes nothing: a database that is not there is not
// created.
func TestImportSalesforceDryRun(t *testing.T) {
	cfg := salesforceConfig(t)
	path := filepath.Join(t.TempDir(), "cadence.db")
	res, err := openImport(t, path).Salesforce(cfg, readSalesforce(t, salesforceExport, cfg), true)
	if err != nil {
		t.Fatal(err)
	}
	in := func(name string) string { return filepath.Join(salesforceExport, name) }
	want := []string{
		in("Account.csv") + ":2: add partner Northwind Traders",
		in("Account.csv") + ":4: add partner Fabrikam Cloud",
		in("Opportunity.csv") + ":2: add registration 0065g00000Opp01AAA (Northwind Traders, Hooli)",
		in("Opportunity.csv") + ":3: add registration 0065g00000Opp02AAA (Fabrikam Cloud, Initech)",
		in("Task.csv") + ":2: add inbound call with Northwind Traders on 2026-11-18",
		in("Task.csv") + ":3: add outbound email with Fabrikam Cloud on 2026-11-19",
		in("Event.csv") + ":2: add outbound meeting with Northwind Traders on 2026-11-20",
	}
	if diff := cmp.Diff(want, res.Changes); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the dry run made the database: %v", err)
	}
}
