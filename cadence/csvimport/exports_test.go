package csvimport

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"partnercadence/cadence"
)

// readExport reads testdata/exports/name as kind and returns its rows'
// values, its problems as text, and its mapped values.
func readExport(t *testing.T, kind, name string, opt Options) (values []any, problems string, mapped []string) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "exports", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var errs Errors
	var ms []Mapping
	switch kind {
	case "partners":
		in, err := ReadPartners(f, name, opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range in.Rows {
			values = append(values, r.Value)
		}
		errs, ms = in.Problems, in.Mapped
	case "registrations":
		in, err := ReadRegistrations(f, name, opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range in.Rows {
			values = append(values, r.Value)
		}
		errs, ms = in.Problems, in.Mapped
	default:
		in, err := ReadTouchpoints(f, name, opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range in.Rows {
			values = append(values, r.Value)
		}
		errs, ms = in.Problems, in.Mapped
	}
	if err := errs.Err(); err != nil {
		problems = err.Error()
	}
	for _, m := range ms {
		mapped = append(mapped, m.String())
	}
	return values, problems, mapped
}

// TestRealExports reads files in the shape of real CRM and spreadsheet
// exports: each is read with the right values, or refused with the one
// [import] key to set.
func TestRealExports(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	type R = cadence.Registration
	type P = cadence.Partner
	type T = cadence.Touchpoint
	tests := []struct {
		name, kind string
		opt        Options
		want       []any
		wantMapped []string
		wantErr    string
	}{
		{
			name: "sf_report_footer.csv", kind: "registrations",
			want: []any{
				R{ID: "DR-001", Partner: "Northwind Traders", Account: "Hooli", Amount: 12500, Submitted: d("2026-10-02"),
					Status: cadence.RegApproved, Decided: d("2026-10-02"), Attribution: cadence.Sourced, Owner: "Dana Cruz"},
				R{ID: "DR-002", Partner: "Northwind Traders", Account: "Initech", Amount: 40000, Submitted: d("2026-10-15"),
					Status: cadence.RegWon, Closed: d("2026-11-03"), Attribution: cadence.Sourced, Owner: "Dana Cruz"},
				R{ID: "DR-003", Partner: "Contoso Partners", Account: "Umbrella", Amount: 1200, Submitted: d("2026-11-05"),
					Status: cadence.RegApproved, Decided: d("2026-11-05"), Attribution: cadence.Sourced, Owner: "Sam Ortiz"},
			},
			wantMapped: []string{
				"Stage: Negotiation/Review → approved (Salesforce stage), 1 row",
				"Stage: Closed Won → won (Salesforce and HubSpot stage), 1 row",
				"Stage: Prospecting → approved (Salesforce stage), 1 row",
			},
		},
		{
			name: "sf_export_Opportunity.csv", kind: "registrations", opt: Options{Location: berlin},
			want: []any{
				// 23:30 UTC on 17 March is 18 March in Berlin.
				R{ID: "0065g00000AbC01", Partner: "0015g00000Par01", Account: "Hooli - Platform", Amount: 12500, Submitted: d("2027-03-18"),
					Status: cadence.RegApproved, Decided: d("2027-03-18"), Attribution: cadence.Sourced, Owner: "0055g00000Usr01"},
				// Created after it closed (migrated): submitted on the close date.
				R{ID: "0065g00000AbC02", Partner: "0015g00000Par01", Account: "Initech - Renewal", Amount: 40000, Submitted: d("2019-06-28"),
					Status: cadence.RegWon, Closed: d("2019-06-28"), Attribution: cadence.Sourced, Owner: "0055g00000Usr02"},
			},
			wantMapped: []string{
				"StageName: Qualification → approved (Salesforce stage), 1 row",
				"StageName: Closed Won → won (Salesforce and HubSpot stage), 1 row",
			},
		},
		{
			name: "dataloader_Account.csv", kind: "partners",
			want: []any{
				P{Name: "Northwind Traders", CRMID: "0015g00000Par01", Type: cadence.TypeReseller, Tier: 1, Owner: "dana@example.com",
					Status: cadence.PartnerActive, Joined: d("2024-01-15"), Domain: "northwind.example"},
				P{Name: "Fabrikam Cloud", CRMID: "0015g00000Par02", Type: cadence.TypeISV, Tier: 2, Owner: "sam@example.com",
					Status: cadence.PartnerActive, Joined: d("2025-06-01"), Domain: "fabrikam.example"},
				P{Name: "Tailspin Installers", CRMID: "0015g00000Par03", Type: cadence.TypeSI, Tier: 3, Owner: "sam@example.com",
					Status: cadence.PartnerActive, Joined: d("2025-07-01")},
			},
			wantMapped: []string{
				"TYPE: Channel Partner / Reseller → reseller (Salesforce account type), 1 row",
				"PARTNER_TIER__C: Gold → 1 (metal tier), 1 row",
				"TYPE: Technology Partner → isv (Salesforce account type), 1 row",
				"PARTNER_TIER__C: Silver → 2 (metal tier), 1 row",
				"TYPE: Installation Partner → si (Salesforce account type), 1 row",
				"PARTNER_TIER__C: Bronze → 3 (metal tier), 1 row",
			},
		},
		{
			name: "hubspot_deals.csv", kind: "registrations",
			want: []any{
				R{ID: "9876543210", Partner: "5551234", Account: "Hooli expansion", Amount: 12500, Submitted: d("2026-10-02"),
					Status: cadence.RegApproved, Decided: d("2026-10-02"), Attribution: cadence.Sourced, Owner: "Dana Cruz"},
				R{ID: "9876543211", Partner: "5551234", Account: "Initech pilot", Amount: 40000, Submitted: d("2026-09-15"),
					Status: cadence.RegWon, Closed: d("2026-11-03"), Attribution: cadence.Sourced, Owner: "Sam Ortiz"},
				R{ID: "9876543212", Partner: "5551235", Account: "Umbrella seats", Amount: 1201, Submitted: d("2026-11-05"),
					Status: cadence.RegApproved, Decided: d("2026-11-05"), Attribution: cadence.Sourced, Owner: "Dana Cruz"},
			},
			wantMapped: []string{
				"Deal Stage: appointmentscheduled → approved (HubSpot stage), 1 row",
				"Deal Stage: closedwon → won (Salesforce and HubSpot stage), 1 row",
				"Deal Stage: contractsent → approved (HubSpot stage), 1 row",
			},
		},
		{
			name: "hubspot_companies.csv", kind: "partners",
			want: []any{
				P{Name: "Northwind Traders", CRMID: "5551234", Type: cadence.TypeReseller, Tier: 1, Owner: "Dana Cruz",
					Status: cadence.PartnerActive, Joined: d("2024-01-15"), Domain: "northwind.example"},
				P{Name: "Fabrikam Cloud", CRMID: "5551235", Type: cadence.TypeReseller, Tier: 1, Owner: "Sam Ortiz",
					Status: cadence.PartnerActive, Joined: d("2025-06-01"), Domain: "fabrikam.example"},
				P{Name: "Contoso Vendor", CRMID: "5551236", Type: cadence.TypeISV, Tier: 3, Owner: "Sam Ortiz",
					Status: cadence.PartnerActive, Joined: d("2025-07-01"), Domain: "contoso.example"},
			},
			wantMapped: []string{
				"Type: PARTNER → reseller (HubSpot company type), 1 row",
				"Partner Tier: Gold → 1 (metal tier), 1 row",
				"Partner Tier: Platinum → 1 (metal tier), 1 row",
				"Type: VENDOR → isv (HubSpot company type), 1 row",
				"Partner Tier: Bronze → 3 (metal tier), 1 row",
			},
		},
		{
			name: "hubspot_calls.csv", kind: "touchpoints",
			want: []any{
				T{Partner: "Northwind Traders", Date: d("2026-11-18"), Kind: cadence.TouchCall, Direction: cadence.Inbound,
					Note: "Asked about the Q1 promo", By: "dana@example.com"},
				T{Partner: "Fabrikam Cloud", Date: d("2026-11-19"), Kind: cadence.TouchCall, Direction: cadence.Outbound,
					Note: "Follow-up on pricing", By: "Sam Ortiz"},
			},
		},
		{
			name: "excel_utf8_bom.csv", kind: "partners",
			want: []any{
				P{Name: "Café Systèmes", Type: cadence.TypeReseller, Tier: 1, Owner: "Dana Cruz", Status: cadence.PartnerActive,
					Joined: d("2026-11-23"), Contact: "Zoë Müller"},
				// 1/5/2026 is month first: 11/23/2026 settles the column.
				P{Name: "Northwind Traders", Type: cadence.TypeSI, Tier: 2, Owner: "Sam Ortiz", Status: cadence.PartnerOnboarding,
					Joined: d("2026-01-05"), Contact: "Ana"},
			},
		},
		{
			name: "windows1252.csv", kind: "registrations",
			want: []any{
				R{ID: "DR-9", Partner: "Café Systèmes", Account: "Société Générale", Amount: 1200, Submitted: d("2026-11-02"),
					Status: cadence.RegSubmitted, Attribution: cadence.Sourced},
			},
			wantMapped: []string{"Registration Status: Pending Approval → submitted (registration status), 1 row"},
		},
		{
			name: "european_semicolon.csv", kind: "registrations",
			want: []any{
				R{ID: "DR-1", Partner: "Northwind Traders", Account: "Hooli", Amount: 1201, Submitted: d("2026-11-05"),
					Status: cadence.RegApproved, Decided: d("2026-11-06"), Attribution: cadence.Sourced},
				R{ID: "DR-2", Partner: "Northwind Traders", Account: "Initech", Amount: 12500, Submitted: d("2026-11-13"),
					Status: cadence.RegSubmitted, Attribution: cadence.Sourced},
				R{ID: "DR-3", Partner: "Northwind Traders", Account: "Umbrella", Amount: 40000, Submitted: d("2024-03-02"),
					Status: cadence.RegSubmitted, Attribution: cadence.Sourced},
			},
			wantMapped: []string{"Registration Status: Pending → submitted (registration status), 2 rows"},
		},
		{
			name: "utf16_unicode.txt", kind: "touchpoints",
			want: []any{
				T{Partner: "Café Systèmes", Date: d("2026-11-18"), Kind: cadence.TouchCall, Direction: cadence.Inbound,
					Note: "Über den Rabatt", By: "Dana Cruz"},
			},
		},
		{
			name: "google_sheets.csv", kind: "touchpoints",
			wantErr: `google_sheets.csv:2: date: "11/5/2026" reads two ways and no value in the column settles which: ` +
				`set date_order = "mdy" (November 5, 2026) or "dmy" (11 May 2026) under [import] in the config`,
		},
		{
			name: "google_sheets.csv", kind: "touchpoints", opt: Options{DateOrder: "dmy"},
			want: []any{
				T{Partner: "Northwind Traders", Date: d("2026-05-11"), Kind: cadence.TouchCall, Direction: cadence.Outbound,
					Note: "Intro call", By: "Dana Cruz"},
				T{Partner: "Northwind Traders", Date: d("2026-06-11"), Kind: cadence.TouchEmail, Direction: cadence.Outbound,
					Note: "Deck sent", By: "Dana Cruz"},
			},
		},
		{
			name: "mac_cr.csv", kind: "touchpoints",
			want: []any{
				T{Partner: "Northwind Traders", Date: d("2026-11-18"), Kind: cadence.TouchCall, Direction: cadence.Inbound, Note: "First", By: "Dana Cruz"},
				T{Partner: "Fabrikam Cloud", Date: d("2026-11-19"), Kind: cadence.TouchMeeting, Direction: cadence.Outbound, Note: "Second", By: "Sam Ortiz"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+tt.opt.DateOrder, func(t *testing.T) {
			got, problems, mapped := readExport(t, tt.kind, tt.name, tt.opt)
			if tt.wantErr != "" {
				if problems != tt.wantErr {
					t.Fatalf("problems:\n%s\nwant:\n%s", problems, tt.wantErr)
				}
				return
			}
			if problems != "" {
				t.Fatalf("problems:\n%s", problems)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateComparable(cadence.Date{})); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantMapped, mapped); diff != "" {
				t.Errorf("mapped (-want +got):\n%s", diff)
			}
		})
	}
}

// TestConfigValuesMapATeamsWords: [import.values] adds a team's own words,
// and wins over the built-in ones.
func TestConfigValuesMapATeamsWords(t *testing.T) {
	src := "id,partner,account,amount,submitted,status,decided\n" +
		"R-1,Acme,Hooli,100,2026-11-02,Verbal Commit,2026-11-03\n" +
		"R-2,Acme,Initech,100,2026-11-02,Qualification,\n"
	opt := Options{Values: map[string]map[string]string{"stage": {"Verbal Commit": "approved", "Qualification": "submitted"}}}
	rows, _, err := Registrations(strings.NewReader(src), "r.csv", opt)
	if err != nil {
		t.Fatal(err)
	}
	if got := []cadence.RegStatus{rows[0].Value.Status, rows[1].Value.Status}; !cmp.Equal(got, []cadence.RegStatus{cadence.RegApproved, cadence.RegSubmitted}) {
		t.Errorf("statuses = %v, want approved, submitted", got)
	}
	if !rows[1].Value.Decided.IsZero() {
		t.Errorf("a stage the team maps to submitted got decided %s", rows[1].Value.Decided)
	}
}

// TestConventionsSettledBothWaysNameBothLines: a column whose values settle
// day first on one line and month first on another is refused naming both.
func TestConventionsSettledBothWaysNameBothLines(t *testing.T) {
	src := "id,partner,account,amount,submitted,status\n" +
		"R-1,Acme,Hooli,\"1,5\",13/11/2026,submitted\n" +
		"R-2,Acme,Hooli,1.50,11/13/2026,submitted\n"
	_, _, err := Registrations(strings.NewReader(src), "r.csv", Options{DateOrder: "mdy", DecimalMark: "."})
	want := `r.csv:3: amount: "1,5" (line 2) and "1.50" (line 3) are written with a decimal comma and with a decimal point: write the column one way` + "\n" +
		`r.csv:3: submitted: "13/11/2026" (line 2) and "11/13/2026" (line 3) are written day first and month first: write the column one way`
	if err == nil || err.Error() != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
}
