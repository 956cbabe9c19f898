package csvimport

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"partnercadence/cadence"
)

// d is cadence.MustDate, short for the tables.
func d(s string) cadence.Date { return cadence.MustDate(s) }

// dateEqual compares Dates, whose field is unexported.
var dateEqual = cmp.Comparer(func(a, b cadence.Date) bool { return a == b })

// values drops the lines, for the cases where only the records matter.
func values[T any](rows []Row[T]) []T {
	out := make([]T, len(rows))
	for i, r := range rows {
		out[i] = r.Value
	}
	return out
}

// lines returns the line of every row.
func lines[T any](rows []Row[T]) []int {
	out := make([]int, len(rows))
	for i, r := range rows {
		out[i] = r.Line
	}
	return out
}

// strs formats problems as the user reads them.
func strs(ps []Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return out
}

func open(t *testing.T, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestRegistrationsFixtures(t *testing.T) {
	tests := []struct {
		file      string
		wantLines []int
		want      []cadence.Registration
		wantWarn  []string
	}{
		{
			file:      "salesforce_registrations.csv",
			wantLines: []int{2, 3, 5, 6, 7}, // the second record spans lines 3–4
			want: []cadence.Registration{
				{
					ID: "a0X5e00000AbC01", Partner: "Northwind Traders", Account: "Contoso, Ltd.", Amount: 120000,
					Submitted: d("2026-10-01"), Status: cadence.RegApproved, Decided: d("2026-10-03"), Expires: d("2026-12-31"),
					// Close Date 03/31/2027 is the expected close of an open deal: dropped.
					Attribution: cadence.Sourced, Owner: "Dana Cruz",
				},
				{
					ID: "a0X5e00000AbC02", Partner: "Northwind Traders", Account: "Fabrikam Holdings", Amount: 45501,
					Submitted: d("2026-10-05"), Status: cadence.RegSubmitted, Attribution: cadence.Influenced, Owner: "Dana Cruz",
				},
				{
					ID: "a0X5e00000AbC03", Partner: "Globex Partners", Account: `Initech "Labs"`, Amount: 8200,
					Submitted: d("2026-09-14"), Status: cadence.RegWon, Decided: d("2026-09-15"), Expires: d("2026-12-14"),
					Closed: d("2026-11-02"), Attribution: cadence.Sourced, Owner: "Priya Shah",
				},
				{
					ID: "a0X5e00000AbC04", Partner: "Globex Partners", Account: "Umbrella Corp", Amount: 0,
					Submitted: d("2026-09-20"), Status: cadence.RegRejected, Decided: d("2026-09-22"),
					Attribution: cadence.Sourced, Owner: "Priya Shah",
				},
				{
					ID: "a0X5e00000AbC05", Partner: "Northwind Traders", Account: "Wayne Enterprises", Amount: 1250000,
					Submitted: d("2026-08-01"), Status: cadence.RegLost, Decided: d("2026-08-03"), Expires: d("2026-11-01"),
					Closed: d("2026-10-15"), Attribution: cadence.Sourced, Owner: "Dana Cruz",
				},
			},
			wantWarn: []string{"salesforce_registrations.csv:1: ignored columns cadence does not read: Lead Source"},
		},
		{
			file:      "hubspot_deals.csv",
			wantLines: []int{2, 3, 4},
			want: []cadence.Registration{
				{
					ID: "9876543210", Partner: "Globex Partners", Account: "Initech – Platform expansion", Amount: 24000,
					Submitted: d("2026-09-01"), Status: cadence.RegWon, Decided: d("2026-09-02"), Closed: d("2026-10-30"),
					Attribution: cadence.Sourced, Owner: "Sam Ortiz",
				},
				{
					ID: "9876543211", Partner: "Northwind Traders", Account: "Hooli", Amount: 9501,
					Submitted: d("2026-11-18"), Status: cadence.RegSubmitted, Attribution: cadence.Sourced, Owner: "Sam Ortiz",
				},
				{
					ID: "9876543212", Partner: "Northwind Traders", Account: "Massive Dynamic", Amount: 0,
					Submitted: d("2026-11-02"), Status: cadence.RegApproved, Decided: d("2026-11-04"),
					Attribution: cadence.Sourced, Owner: "Dana Cruz",
				},
			},
			wantWarn: []string{"hubspot_deals.csv:1: ignored columns cadence does not read: Pipeline, Deal Type"},
		},
		{
			file:      "registrations.csv",
			wantLines: []int{2, 3, 4},
			want: []cadence.Registration{
				{
					ID: "R-1", Partner: "Northwind Traders", Account: "Contoso", Amount: 120000,
					Submitted: d("2026-10-01"), Status: cadence.RegApproved, Decided: d("2026-10-03"), Expires: d("2026-12-31"),
					Attribution: cadence.Sourced, Owner: "Dana Cruz",
				},
				{
					ID: "R-2", Partner: "Globex Partners", Account: "Initech", Amount: 8200,
					Submitted: d("2026-09-14"), Status: cadence.RegWon, Decided: d("2026-09-15"), Closed: d("2026-11-02"),
					Attribution: cadence.Influenced, Owner: "Priya Shah",
				},
				{
					ID: "R-3", Partner: "Northwind Traders", Account: "Hooli", Amount: 9500,
					Submitted: d("2026-11-18"), Status: cadence.RegSubmitted, Attribution: cadence.Sourced,
				},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			rows, warns, err := Registrations(open(t, tt.file), tt.file, Options{})
			if err != nil {
				t.Fatalf("Registrations: %v", err)
			}
			if diff := cmp.Diff(tt.want, values(rows), dateEqual); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantLines, lines(rows)); diff != "" {
				t.Errorf("lines (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantWarn, strs(warns)); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPartnersFixtures(t *testing.T) {
	tests := []struct {
		file     string
		want     []cadence.Partner
		wantWarn []string
	}{
		{
			file: "partners.csv",
			want: []cadence.Partner{
				{
					Name: "Northwind Traders", Type: cadence.TypeReseller, Tier: 1, Owner: "Dana Cruz", Status: cadence.PartnerActive,
					Joined: d("2025-03-01"), Contact: "Ana Trujillo", Email: "ana@northwind.example", Domain: "northwind.example",
					Notes: "Top reseller, EMEA",
				},
				{
					Name: "Globex Partners", Type: cadence.TypeSI, Tier: 2, Owner: "Priya Shah", Status: cadence.PartnerOnboarding,
					Joined: d("2026-09-15"), Contact: "Hank Scorpio", Email: "hank@globex.example", Domain: "globex.example",
				},
				{Name: "Initrode Cloud", Type: cadence.TypeISV, Tier: 3, Owner: "Dana Cruz", Status: cadence.PartnerProspect},
			},
		},
		{
			file: "salesforce_partners.csv",
			want: []cadence.Partner{
				{
					Name: "Northwind Traders", Type: cadence.TypeReseller, Tier: 1, Owner: "Dana Cruz", Status: cadence.PartnerActive,
					Joined: d("2025-03-01"), Contact: "Ana Trujillo", Email: "ana@northwind.example", Domain: "northwind.example",
				},
				{
					Name: "Globex Partners", Type: cadence.TypeSI, Tier: 2, Owner: "Priya Shah", Status: cadence.PartnerOnboarding,
					Joined: d("2026-09-15"), Contact: "Hank Scorpio", Email: "hank@globex.example", Domain: "globex.example",
				},
			},
			wantWarn: []string{
				`salesforce_partners.csv:1: Type: ignored: type is read from "Partner Type"`,
				"salesforce_partners.csv:1: ignored columns cadence does not read: Billing Country",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			rows, warns, err := Partners(open(t, tt.file), tt.file, Options{})
			if err != nil {
				t.Fatalf("Partners: %v", err)
			}
			if diff := cmp.Diff(tt.want, values(rows), dateEqual); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantWarn, strs(warns)); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTouchpointsFixtures(t *testing.T) {
	tests := []struct {
		file     string
		want     []cadence.Touchpoint
		wantWarn []string
	}{
		{
			file: "touchpoints.csv",
			want: []cadence.Touchpoint{
				{Partner: "Northwind Traders", Date: d("2026-11-16"), Kind: cadence.TouchCall, Direction: cadence.Inbound, Note: "Weekly sync; asked for MDF", By: "Dana Cruz"},
				{Partner: "Northwind Traders", Date: d("2026-11-18"), Kind: cadence.TouchIntro, Direction: cadence.Inbound, Account: "Hooli", Note: "Intro to Hooli's CIO, wants a demo", By: "Dana Cruz"},
				{Partner: "Globex Partners", Date: d("2026-11-20"), Kind: cadence.TouchEmail, Direction: cadence.Outbound, Note: "Sent onboarding kit", By: "Priya Shah"},
			},
		},
		{
			file: "salesforce_activities.csv",
			want: []cadence.Touchpoint{
				{Partner: "Northwind Traders", Date: d("2026-11-16"), Kind: cadence.TouchCall, Direction: cadence.Inbound, Note: "Walked through Q4 pipeline", By: "Dana Cruz"},
				{Partner: "Northwind Traders", Date: d("2026-11-18"), Kind: cadence.TouchMeeting, Direction: cadence.Outbound, Note: "Met their new VP of alliances", By: "Dana Cruz"},
				{Partner: "Globex Partners", Date: d("2026-11-20"), Kind: cadence.TouchEmail, Direction: cadence.Outbound, By: "Priya Shah"},
			},
			wantWarn: []string{`salesforce_activities.csv:1: Subject: ignored: note is read from "Comments"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			rows, warns, err := Touchpoints(open(t, tt.file), tt.file, Options{})
			if err != nil {
				t.Fatalf("Touchpoints: %v", err)
			}
			if diff := cmp.Diff(tt.want, values(rows), dateEqual); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantWarn, strs(warns)); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
		})
	}
}

// decodeAny runs the reader of kind on src and returns the error text and
// the warnings, failing the test if rows come back with an error.
func decodeAny(t *testing.T, kind, src string) (string, []string) {
	t.Helper()
	var n int
	var warns []Problem
	var err error
	switch kind {
	case "partners":
		var rows []Row[cadence.Partner]
		rows, warns, err = Partners(strings.NewReader(src), "x.csv", Options{})
		n = len(rows)
	case "registrations":
		var rows []Row[cadence.Registration]
		rows, warns, err = Registrations(strings.NewReader(src), "x.csv", Options{})
		n = len(rows)
	case "touchpoints":
		var rows []Row[cadence.Touchpoint]
		rows, warns, err = Touchpoints(strings.NewReader(src), "x.csv", Options{})
		n = len(rows)
	default:
		t.Fatalf("unknown kind %q", kind)
	}
	if err == nil {
		return "", strs(warns)
	}
	if n != 0 {
		t.Errorf("got %d rows with an error, want none", n)
	}
	var errs *Errors
	if !errors.As(err, &errs) {
		t.Fatalf("error is %T, want *Errors", err)
	}
	return err.Error(), strs(warns)
}

const regHeader = "id,partner,account,amount,submitted,status,decided,expires,closed,attribution,owner\n"

func TestErrors(t *testing.T) {
	tests := []struct {
		name string
		kind string
		src  string
		want string
	}{
		{
			name: "missing required column",
			kind: "registrations",
			src:  "id,partner,amount,submitted,status\nR-1,Acme,100,2026-01-05,submitted\n",
			want: `x.csv:1: account: required column is missing (name it account, "Account Name", Customer, "Customer Name", Company, "Associated Company", "Associated Company (Primary)", "Deal Name", "Opportunity Name" or Name)`,
		},
		{
			name: "missing columns, each named",
			kind: "touchpoints",
			src:  "partner,date\nAcme,2026-01-05\n",
			want: "x.csv:1: kind: required column is missing (name it kind, \"Activity Type\", \"Touchpoint Type\", type, \"Task Subtype\", \"Event Subtype\" or Activity)\n" +
				"x.csv:1: direction: required column is missing (name it direction, \"Call direction\" or \"Call Type\")",
		},
		{
			name: "two columns for one field",
			kind: "registrations",
			src:  "id,partner,account,Customer,amount,submitted,status\n",
			want: `x.csv:1: Customer: account is already read from "account" (column 3): keep one of them`,
		},
		{
			name: "two fallback columns for one field",
			kind: "registrations",
			src:  "id,partner,Deal Name,Opportunity Name,amount,submitted,status\n",
			want: `x.csv:1: Opportunity Name: account is already read from "Deal Name" (column 3): keep one of them`,
		},
		{
			name: "empty file",
			kind: "partners",
			src:  "",
			want: "x.csv:1: header: the file is empty: its first row must name the columns, e.g. name,crm_id,type,tier,owner,status,joined,contact,email,domain,notes",
		},
		{
			name: "bad status",
			kind: "registrations",
			src:  regHeader + "R-1,Acme,Initech,100,2026-01-05,Maybe,,,,,\n",
			want: `x.csv:2: status: "Maybe" is not one of submitted, approved, rejected, won, lost, expired (or map it under [import.values] stage in the config)`,
		},
		{
			name: "bad date",
			kind: "registrations",
			src:  regHeader + "R-1,Acme,Initech,100,13/45/2026,submitted,,,,,\n",
			want: `x.csv:2: submitted: "13/45/2026" is not a date (use YYYY-MM-DD, MM/DD/YYYY, DD/MM/YYYY, DD.MM.YYYY or RFC 3339)`,
		},
		{
			name: "bad amount",
			kind: "registrations",
			src:  regHeader + "R-1,Acme,Initech,12k,2026-01-05,submitted,,,,,\n",
			want: `x.csv:2: amount: "12k" is not an amount (write it like 1200, 1,200.50 or $1,200)`,
		},
		{
			name: "negative amount",
			kind: "registrations",
			src:  regHeader + "R-1,Acme,Initech,\"-$1,200\",2026-01-05,submitted,,,,,\n",
			want: `x.csv:2: amount: "-$1,200" is negative`,
		},
		{
			name: "mixed currencies",
			kind: "registrations",
			src: regHeader +
				"R-1,Acme,Initech,\"$1,200\",2026-01-05,submitted,,,,,\n" +
				"R-2,Acme,Hooli,EUR 900,2026-01-05,submitted,,,,,\n",
			want: `x.csv:3: amount: "EUR 900" is in EUR but "$1,200" is in USD: use one currency per file (cadence does not convert)`,
		},
		{
			name: "bad attribution",
			kind: "registrations",
			src:  regHeader + "R-1,Acme,Initech,100,2026-01-05,submitted,,,,partly,\n",
			want: `x.csv:2: attribution: "partly" is not one of sourced, influenced (or map it under [import.values] attribution in the config)`,
		},
		{
			name: "duplicate id, any case",
			kind: "registrations",
			src: regHeader +
				"R-1,Acme,Initech,100,2026-01-05,submitted,,,,,\n" +
				"R-2,Acme,Hooli,100,2026-01-05,submitted,,,,,\n" +
				"r-1,Acme,Umbrella,100,2026-01-06,submitted,,,,,\n",
			want: `x.csv:4: id: "r-1" is already on line 2`,
		},
		{
			name: "approved without decided (Validate)",
			kind: "registrations",
			src:  regHeader + "R-1,Acme,Initech,100,2026-01-05,approved,,,,,\n",
			want: "x.csv:2: decided: is required for an approved registration (or give expires)",
		},
		{
			name: "Validate problems on a column without a header in the file",
			kind: "registrations",
			src:  "Record ID,Partner,Account,Amount,Created Date,Stage\nR-1,Acme,Initech,100,2026-01-05,Accepted\n",
			want: "x.csv:2: decided: is required for an approved registration (or give expires)",
		},
		{
			name: "empty required cells (Validate)",
			kind: "registrations",
			src:  regHeader + ",,,,,submitted,,,,,\n",
			want: "x.csv:2: id: is empty\nx.csv:2: partner: is empty\nx.csv:2: account: is empty\nx.csv:2: submitted: is empty",
		},
		{
			name: "decided before submitted (Validate)",
			kind: "registrations",
			src:  regHeader + "R-1,Acme,Initech,100,2026-01-05,rejected,2026-01-02,,,,\n",
			want: "x.csv:2: decided: 2026-01-02 is before submitted 2026-01-05",
		},
		{
			name: "wrong field count",
			kind: "registrations",
			src: regHeader +
				"R-1,Acme,Initech,100,2026-01-05,submitted,,,,\n" +
				"R-2,Acme,Hooli,100,2026-01-05,submitted,,,,,,x\n",
			want: "x.csv:2: row: has 10 fields but the header has 11\nx.csv:3: row: has 12 fields but the header has 11",
		},
		{
			name: "unclosed quote",
			kind: "registrations",
			src: regHeader +
				"R-1,Acme,\"Initech,100,2026-01-05,submitted,,,,,\n" +
				"R-2,Acme,Hooli,100,2026-01-05,submitted,,,,,\n",
			want: "x.csv:2: row: has 3 fields but the header has 11 (the record runs to line 4: is a closing quote missing?)",
		},
		{
			name: "every bad row and field, in line order",
			kind: "registrations",
			src: regHeader +
				"R-1,Acme,Initech,100,2026-01-05,submitted,,,,,\n" +
				"R-2,Acme,Hooli,lots,yesterday,open,,,,,\n" +
				"R-3,Acme,Umbrella,100,2026-01-05,submitted,,,,\n" +
				"R-1,Acme,Wayne,100,2026-01-05,won,,,2026-01-01,,\n",
			want: "x.csv:3: amount: \"lots\" is not an amount (write it like 1200, 1,200.50 or $1,200)\n" +
				"x.csv:3: submitted: \"yesterday\" is not a date (use YYYY-MM-DD, MM/DD/YYYY, DD/MM/YYYY, DD.MM.YYYY or RFC 3339)\n" +
				"x.csv:3: status: \"open\" is not one of submitted, approved, rejected, won, lost, expired (or map it under [import.values] stage in the config)\n" +
				"x.csv:4: row: has 10 fields but the header has 11\n" +
				"x.csv:5: closed: 2026-01-01 is before submitted 2026-01-05\n" +
				"x.csv:5: id: \"R-1\" is already on line 2",
		},
		{
			name: "problems name the column as the file writes it",
			kind: "registrations",
			src: "Deal Registration ID,Partner Account: Account Name,Account Name,Amount,Created Date,Approval Status\n" +
				"a01,Acme,Initech,$5,11/31/2026,Maybe\n",
			want: "x.csv:2: Created Date: \"11/31/2026\" is not a date (use YYYY-MM-DD, MM/DD/YYYY, DD/MM/YYYY, DD.MM.YYYY or RFC 3339)\n" +
				"x.csv:2: Approval Status: \"Maybe\" is not one of submitted, approved, rejected, won, lost, expired (or map it under [import.values] stage in the config)",
		},
		{
			name: "value in a column without a header",
			kind: "touchpoints",
			src:  "partner,date,kind,direction,\nAcme,2026-01-05,call,inbound,oops\n",
			want: "x.csv:2: column 5: has a value but no header: name the column or empty it",
		},
		{
			name: "data after a blank line",
			kind: "touchpoints",
			src:  "partner,date,kind,direction\nAcme,2026-01-05,call,inbound\n\nAcme,2026-01-06,call,inbound\n",
			want: "x.csv:4: row: looks like data but comes after line 3 (blank), where the data ends: remove that line to import the rows after it, or delete them",
		},
		{
			name: "data after a row of empty cells",
			kind: "touchpoints",
			src:  "partner,date,kind,direction\nAcme,2026-01-05,call,inbound\n,,,\n\"Total\",,,\nAcme,2026-01-06,call,inbound\n",
			want: "x.csv:5: row: looks like data but comes after line 3 (an empty row), where the data ends: remove that line to import the rows after it, or delete them",
		},
		{
			name: "data after Grand Totals",
			kind: "touchpoints",
			src:  "partner,date,kind,direction\nAcme,2026-01-05,call,inbound\nGrand Totals (1 record),,,\nAcme,2026-01-06,call,inbound\n",
			want: `x.csv:4: row: looks like data but comes after line 3 ("Grand Totals (1 record)"), where the data ends: remove that line to import the rows after it, or delete them`,
		},
		{
			name: "bad tier",
			kind: "partners",
			src:  "name,type,tier,owner,status\nAcme,reseller,Diamond,Dana Cruz,active\n",
			want: `x.csv:2: tier: "Diamond" is not a tier (use 1, 2 or 3, "Tier 1", a metal such as Gold, or map it under [import.values] tier in the config)`,
		},
		{
			name: "empty enums and tier",
			kind: "partners",
			src:  "name,type,tier,owner,status\nAcme,,,Dana Cruz,\n",
			want: "x.csv:2: type: is empty (use one of reseller, isv, agency, marketplace, alliance, referral, si)\n" +
				"x.csv:2: tier: is empty (use 1, 2 or 3)\n" +
				"x.csv:2: status: is empty (use one of prospect, onboarding, active, paused, churned)",
		},
		{
			name: "empty owner",
			kind: "partners",
			src:  "name,type,tier,owner,status\nAcme,reseller,1,,active\n",
			want: "x.csv:2: owner: is empty (the team member who manages the partner)",
		},
		{
			name: "bad email, domain and joined",
			kind: "partners",
			src:  "name,type,tier,owner,status,joined,email,domain\nAcme,reseller,1,Dana Cruz,active,soon,dana at acme,acme\n",
			want: "x.csv:2: joined: \"soon\" is not a date (use YYYY-MM-DD, MM/DD/YYYY, DD/MM/YYYY, DD.MM.YYYY or RFC 3339)\n" +
				"x.csv:2: email: \"dana at acme\" is not an email address\n" +
				"x.csv:2: domain: \"acme\" is not a domain (write it like acme.com)",
		},
		{
			name: "name without an ID (Validate)",
			kind: "partners",
			src:  "name,type,tier,owner,status\n!!!,reseller,1,Dana Cruz,active\n",
			want: `x.csv:2: name: "!!!" has no letter a–z or digit, so it has no ID`,
		},
		{
			name: "duplicate partner name, any case and spacing",
			kind: "partners",
			src:  "name,type,tier,owner,status\nAcme Corp,reseller,1,Dana Cruz,active\nACME   corp ,isv,2,Dana Cruz,active\n",
			want: `x.csv:3: name: "ACME corp" is already on line 2`,
		},
		{
			name: "intro without account",
			kind: "touchpoints",
			src:  "partner,date,kind,direction,account\nAcme,2026-01-05,intro,inbound,\n",
			want: "x.csv:2: account: is required for an intro (the customer the partner introduced)",
		},
		{
			name: "intro without an account column",
			kind: "touchpoints",
			src:  "partner,date,kind,direction\nAcme,2026-01-05,Introduction,inbound\n",
			want: "x.csv:2: account: is required for an intro (the customer the partner introduced)",
		},
		{
			name: "bad kind and direction, empty date",
			kind: "touchpoints",
			src:  "partner,date,kind,direction\nAcme,,chore,sideways\n",
			want: "x.csv:2: kind: \"chore\" is not one of call, email, meeting, intro, event, note (or map it under [import.values] kind in the config)\n" +
				"x.csv:2: direction: \"sideways\" is not one of inbound, outbound (or map it under [import.values] direction in the config)\n" +
				"x.csv:2: date: is empty",
		},
		{
			name: "duplicate touchpoint",
			kind: "touchpoints",
			src: "partner,date,kind,direction,account,note\n" +
				"Acme,2026-01-05,intro,inbound,Hooli,Intro to their CIO\n" +
				"Acme,2026-01-05,call,inbound,,Intro to their CIO\n" +
				"acme,01/05/2026,Intro,Inbound,HOOLI,Intro to their CIO\n" +
				"acme,01/13/2026,Intro,Inbound,HOOLI,Intro to their CIO\n",
			want: "x.csv:4: row: same partner, date, kind, direction, account and note as line 2",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := decodeAny(t, tt.kind, tt.src)
			if got != tt.want {
				t.Errorf("error:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestWarnings(t *testing.T) {
	tests := []struct {
		name string
		kind string
		src  string
		want []string
	}{
		{
			name: "misspelt column",
			kind: "registrations",
			src:  "id,partner,account,amount,submitted,status,Atribution\nR-1,Acme,Initech,100,2026-01-05,submitted,influenced\n",
			want: []string{"x.csv:1: Atribution: unknown column, ignored: did you mean attribution?"},
		},
		{
			name: "no suggestion for a field the file already has",
			kind: "registrations",
			src:  "id,partner,account,amount,submitted,status,Type of Influence,Atribution\nR-1,Acme,Initech,100,2026-01-05,submitted,influenced,x\n",
			want: []string{"x.csv:1: ignored columns cadence does not read: Atribution"},
		},
		{
			name: "fallback column beside its primary",
			kind: "registrations",
			src:  "id,partner,Amount,Amount (converted),account,submitted,status\nR-1,Acme,EUR 90,$100,Initech,2026-01-05,submitted\n",
			want: []string{`x.csv:1: Amount: ignored: amount is read from "Amount (converted)"`},
		},
		{
			name: "unknown columns listed once, headerless empty column silent",
			kind: "touchpoints",
			src:  "partner,date,kind,direction,Region,,Priority\nAcme,2026-01-05,call,inbound,EMEA,,High\n",
			want: []string{"x.csv:1: ignored columns cadence does not read: Region, Priority"},
		},
		{
			name: "not UTF-8",
			kind: "partners",
			src:  "name,type,tier,owner,status\nCaf\xe9 Partners,agency,3,Dana Cruz,active\n",
			want: []string{`x.csv: not UTF-8: read as Windows-1252 (export or save the file as "CSV UTF-8" to be sure accented letters are right)`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errText, got := decodeAny(t, tt.kind, tt.src)
			if errText != "" {
				t.Fatalf("unexpected error:\n%s", errText)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
		})
	}
}
