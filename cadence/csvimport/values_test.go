package csvimport

import (
	"testing"

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
	tests := []struct {
		in      string
		want    string
		wantErr string
	}{
		{in: "", want: ""},
		{in: "2026-11-23", want: "2026-11-23"},
		{in: "11/23/2026", want: "2026-11-23"},
		{in: "1/5/2026", want: "2026-01-05"},
		{in: "2026-11-23T22:30:00-05:00", want: "2026-11-23"},
		{in: "2026-11-23T15:45:00", want: "2026-11-23"},
		{in: "2026-11-23 15:45", want: "2026-11-23"},
		{in: "2026-11-23 15:45:00.000 UTC", want: "2026-11-23"},
		{in: "11/23/2026 3:45 PM", want: "2026-11-23"},
		{in: "11/23/2026, 3:45 p.m.", want: "2026-11-23"},
		{in: "11/23/2026 soon", wantErr: `"11/23/2026 soon" is not a date (use YYYY-MM-DD, MM/DD/YYYY or RFC 3339)`},
		{in: "23/11/2026", wantErr: `"23/11/2026" is not a date (use YYYY-MM-DD, MM/DD/YYYY or RFC 3339)`},
		{in: "13/45/2026 10:00", wantErr: `"13/45/2026 10:00" is not a date (use YYYY-MM-DD, MM/DD/YYYY or RFC 3339)`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseDate(tt.in)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("parseDate(%q) = %v, %v; want error %q", tt.in, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got.String() != tt.want {
				t.Errorf("parseDate(%q) = %v, %v; want %s", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestParseTier(t *testing.T) {
	for in, want := range map[string]int{"1": 1, "2": 2, "3": 3, "Tier 1": 1, "tier-2": 2, "TIER_3": 3, "T1": 1, "t 2": 2, "1.0": 1, "tier1": 1} {
		if got, err := parseTier(in); err != nil || got != want {
			t.Errorf("parseTier(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"0", "4", "Tier 4", "Gold", "1.5", "11"} {
		if got, err := parseTier(in); err == nil {
			t.Errorf("parseTier(%q) = %d, want an error", in, got)
		}
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
		if got, err := parseEnum(in, cadence.ParseRegStatus, regStatusSynonyms); err != nil || got != want {
			t.Errorf("status %q = %q, %v; want %q", in, got, err, want)
		}
	}
	types := map[string]cadence.PartnerType{
		"Reseller": cadence.TypeReseller, "VAR": cadence.TypeReseller, "Value-Added Reseller": cadence.TypeReseller,
		"System Integrator": cadence.TypeSI, "SI": cadence.TypeSI, "Technology Partner": cadence.TypeISV,
		"Referral Partner": cadence.TypeReferral, "Strategic Alliance": cadence.TypeAlliance,
	}
	for in, want := range types {
		if got, err := parseEnum(in, cadence.ParsePartnerType, partnerTypeSynonyms); err != nil || got != want {
			t.Errorf("type %q = %q, %v; want %q", in, got, err, want)
		}
	}
	if got, err := parseEnum("Co-Sell", cadence.ParseAttribution, attributionSynonyms); err != nil || got != cadence.Influenced {
		t.Errorf("attribution Co-Sell = %q, %v; want influenced", got, err)
	}
	if got, err := parseEnum("Outgoing", cadence.ParseDirection, directionSynonyms); err != nil || got != cadence.Outbound {
		t.Errorf("direction Outgoing = %q, %v; want outbound", got, err)
	}
	if got, err := parseEnum("Phone Call", cadence.ParseTouchKind, touchKindSynonyms); err != nil || got != cadence.TouchCall {
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
