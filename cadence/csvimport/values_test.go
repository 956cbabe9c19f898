package csvimport

import (
	"testing"
	"time"

	"partnercadence/cadence"
)

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in      string
		want    int64
		wantCur string
		wantErr string
	}{
		{in: "", want: 0},
		{in: "1200", want: 1200},
		{in: "$120,000.00", want: 120000, wantCur: "USD"},
		{in: "$45,500.50", want: 45501, wantCur: "USD"},
		{in: "45,500.49", want: 45500},
		{in: "USD 1,200", want: 1200, wantCur: "USD"},
		{in: "US$ 1,200", want: 1200, wantCur: "USD"},
		{in: "1200 EUR", want: 1200, wantCur: "EUR"},
		{in: "1200 chf", want: 1200, wantCur: "CHF"},
		{in: "€1.234.567,89", want: 1234568, wantCur: "EUR"},
		{in: "1 234,50 €", want: 1235, wantCur: "EUR"},
		{in: "1\u00a0234\u00a0567", want: 1234567},
		{in: "£999.99", want: 1000, wantCur: "GBP"},
		{in: "¥1,000,000", want: 1000000, wantCur: "JPY"},
		{in: "C$2,500", want: 2500, wantCur: "CAD"},
		{in: "12,5", want: 13},
		{in: "1,234", want: 1234},
		{in: "1.234.567", want: 1234567},
		{in: "1'234'567", want: 1234567},
		{in: ".50", want: 1},
		{in: "0.00", want: 0},
		{in: "-0", want: 0},
		{in: "+1,200", want: 1200},
		{in: "-1200", wantErr: `"-1200" is negative`},
		{in: "-$1,200.00", wantErr: `"-$1,200.00" is negative`},
		{in: "$-0.40", wantErr: `"$-0.40" is negative`},
		{in: "(1,200)", wantErr: `"(1,200)" is negative`},
		{in: "−50", wantErr: `"−50" is negative`},
		{in: "1234567890123456", wantErr: `"1234567890123456" is too large`},
		{in: "$", wantErr: `"$" is not an amount (write it like 1200, 1,200.50 or $1,200)`},
		{in: "12k", wantErr: `"12k" is not an amount (write it like 1200, 1,200.50 or $1,200)`},
		{in: "$12 USD", wantErr: `"$12 USD" is not an amount (write it like 1200, 1,200.50 or $1,200)`},
		{in: "1,2,3", wantErr: `"1,2,3" is not an amount (write it like 1200, 1,200.50 or $1,200)`},
		{in: "1,,000", wantErr: `"1,,000" is not an amount (write it like 1200, 1,200.50 or $1,200)`},
		{in: "1234,567.00", wantErr: `"1234,567.00" is not an amount (write it like 1200, 1,200.50 or $1,200)`},
		{in: "1.2.3", wantErr: `"1.2.3" is not an amount (write it like 1200, 1,200.50 or $1,200)`},
		{in: "1,234.5.6", wantErr: `"1,234.5.6" is not an amount (write it like 1200, 1,200.50 or $1,200)`},
		{in: "12/3", wantErr: `"12/3" is not an amount (write it like 1200, 1,200.50 or $1,200)`},
		{in: "1.234,56,7", wantErr: `"1.234,56,7" is not an amount (write it like 1200, 1,200.50 or $1,200)`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, cur, err := parseAmount(tt.in)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("parseAmount(%q) = %d, %v; want error %q", tt.in, got, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseAmount(%q): %v", tt.in, err)
			}
			if got != tt.want || cur != tt.wantCur {
				t.Errorf("parseAmount(%q) = %d %q, want %d %q", tt.in, got, cur, tt.want, tt.wantCur)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	const notADate = " is not a date (use YYYY-MM-DD, MM/DD/YYYY, DD/MM/YYYY, DD.MM.YYYY or RFC 3339)"
	tests := []struct {
		in      string
		order   byte
		loc     *time.Location
		want    string
		wantErr string
	}{
		{in: "", want: ""},
		{in: "2026-11-23", want: "2026-11-23"},
		{in: "11/23/2026", want: "2026-11-23"},
		{in: "23/11/2026", want: "2026-11-23"},
		{in: "1/5/2026", wantErr: `"1/5/2026" is 2026-01-05 or 2026-05-01: set date_order under [import]`},
		{in: "1/5/2026", order: mdy, want: "2026-01-05"},
		{in: "1/5/2026", order: dmy, want: "2026-05-01"},
		{in: "5/5/2026", want: "2026-05-05"},
		{in: "02/03/24", order: dmy, want: "2024-03-02"},
		{in: "02/03/24", order: mdy, want: "2024-02-03"},
		{in: "12/31/99", want: "1999-12-31"},
		{in: "05.11.2026", want: "2026-11-05"},
		{in: "5.11.26", want: "2026-11-05"},
		{in: "2026-11-23T22:30:00-05:00", want: "2026-11-24"},
		{in: "2027-03-17T23:30:00Z", loc: berlin, want: "2027-03-18"},
		{in: "2027-03-17T23:30:00.000+0000", loc: berlin, want: "2027-03-18"},
		{in: "2027-03-17T22:30:00Z", loc: berlin, want: "2027-03-17"},
		{in: "2026-11-23T15:45:00", want: "2026-11-23"},
		{in: "2026-11-23 15:45", want: "2026-11-23"},
		{in: "2026-11-23 15:45:00.000 UTC", want: "2026-11-23"},
		{in: "11/23/2026 3:45 PM", want: "2026-11-23"},
		{in: "11/23/2026, 3:45 p.m.", want: "2026-11-23"},
		{in: "23/11/2026", order: mdy, wantErr: `"23/11/2026" is not a date month first (MM/DD/YYYY), as the column's other dates are`},
		{in: "11/23/2026 soon", wantErr: `"11/23/2026 soon"` + notADate},
		{in: "31.02.2026", wantErr: `"31.02.2026"` + notADate},
		{in: "13/45/2026 10:00", wantErr: `"13/45/2026 10:00"` + notADate},
	}
	for _, tt := range tests {
		t.Run(tt.in+string(rune(tt.order)), func(t *testing.T) {
			loc := tt.loc
			if loc == nil {
				loc = time.UTC
			}
			got, err := parseDateIn(tt.in, tt.order, loc)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("parseDateIn(%q) = %v, %v; want error %q", tt.in, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got.String() != tt.want {
				t.Errorf("parseDateIn(%q) = %v, %v; want %s", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestEnumSynonyms(t *testing.T) {
	status := map[string]cadence.RegStatus{
		"Approved": cadence.RegApproved, "ACCEPTED": cadence.RegApproved,
		"Pending": cadence.RegSubmitted, "Submitted": cadence.RegSubmitted, "Pending Approval": cadence.RegSubmitted,
		"Closed Won": cadence.RegWon, "closed-won": cadence.RegWon, "Won": cadence.RegWon,
		"Closed Lost": cadence.RegLost, "Lost": cadence.RegLost,
		"Rejected": cadence.RegRejected, "Declined": cadence.RegRejected,
		"Expired": cadence.RegExpired,
	}
	for in, want := range status {
		if got, _, err := mapEnum(newSettings(Options{}), "stage", "status", in, cadence.ParseRegStatus, stageWords); err != nil || got != want {
			t.Errorf("status %q = %q, %v; want %q", in, got, err, want)
		}
	}
	types := map[string]cadence.PartnerType{
		"Reseller": cadence.TypeReseller, "VAR": cadence.TypeReseller, "Value-Added Reseller": cadence.TypeReseller,
		"System Integrator": cadence.TypeSI, "SI": cadence.TypeSI, "Technology Partner": cadence.TypeISV,
		"Referral Partner": cadence.TypeReferral, "Strategic Alliance": cadence.TypeAlliance,
	}
	for in, want := range types {
		if got, _, err := mapEnum(newSettings(Options{}), "type", "type", in, cadence.ParsePartnerType, typeWords); err != nil || got != want {
			t.Errorf("type %q = %q, %v; want %q", in, got, err, want)
		}
	}
	if got, _, err := mapEnum(newSettings(Options{}), "attribution", "attribution", "Co-Sell", cadence.ParseAttribution, attributionWords); err != nil || got != cadence.Influenced {
		t.Errorf("attribution Co-Sell = %q, %v; want influenced", got, err)
	}
	if got, _, err := mapEnum(newSettings(Options{}), "direction", "direction", "Outgoing", cadence.ParseDirection, directionWords); err != nil || got != cadence.Outbound {
		t.Errorf("direction Outgoing = %q, %v; want outbound", got, err)
	}
	if got, _, err := mapEnum(newSettings(Options{}), "kind", "kind", "Phone Call", cadence.ParseTouchKind, kindWords); err != nil || got != cadence.TouchCall {
		t.Errorf("kind Phone Call = %q, %v; want call", got, err)
	}
}

func TestParseDomainAndEmail(t *testing.T) {
	domains := map[string]string{
		"":                                  "",
		"acme.com":                          "acme.com",
		"https://www.Acme.com/partners?x=1": "acme.com",
		"http://acme.co.uk:8080":            "acme.co.uk",
		"www.acme.com.":                     "acme.com",
	}
	for in, want := range domains {
		if got, err := parseDomain(in); err != nil || got != want {
			t.Errorf("parseDomain(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"acme", "acme .com", "https://"} {
		if got, err := parseDomain(in); err == nil {
			t.Errorf("parseDomain(%q) = %q, want an error", in, got)
		}
	}
	emails := map[string]string{
		"":                            "",
		"ana@northwind.example":       "ana@northwind.example",
		"Ana <ana@northwind.example>": "ana@northwind.example",
	}
	for in, want := range emails {
		if got, err := parseEmail(in); err != nil || got != want {
			t.Errorf("parseEmail(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}
