package cadence

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestConfigImportSection(t *testing.T) {
	cfg, err := ParseConfig([]byte(`
[import]
date_order = "DMY"
decimal_mark = ","
partner_types = ["Partner", " Channel Partner / Reseller "]

[import.values]
stage = { "Verbal Commit" = "approved", "Won - Paid" = "won" }
tier = { Diamond = 1, "Registered" = "3" }
`), "c.toml")
	if err != nil {
		t.Fatal(err)
	}
	want := ImportConfig{
		DateOrder: "dmy", DecimalMark: ",", PartnerTypes: []string{"Partner", "Channel Partner / Reseller"},
		Values: map[string]map[string]string{
			"stage": {"Verbal Commit": "approved", "Won - Paid": "won"},
			"tier":  {"Diamond": "1", "Registered": "3"},
		},
	}
	if d := cmp.Diff(want, cfg.Import); d != "" {
		t.Errorf("[import] (-want +got):\n%s", d)
	}
}

func TestConfigImportErrors(t *testing.T) {
	_, err := ParseConfig([]byte(`[import]
date_order = "ymd"
decimal_mark = "·"
partner_types = "Partner"

[import.values]
stage = { "Verbal Commit" = "maybe" }
tier = { Diamond = 4 }
kind = "call"
`), "c.toml")
	want := []string{
		`c.toml:2: import.date_order: "ymd" is not a date order (use "mdy" for 11/23/2026 or "dmy" for 23/11/2026)`,
		`c.toml:3: import.decimal_mark: "·" is not a decimal mark (use "." for 1,200.50 or "," for 1.200,50)`,
		`c.toml:4: import.partner_types: want a list of Salesforce account types, got the string "Partner"`,
		`c.toml:7: import.values.stage: "Verbal Commit": "maybe" is not one of submitted, approved, rejected, won, lost, expired`,
		`c.toml:8: import.values.tier: "Diamond": 4 is not a tier (use 1, 2 or 3)`,
		`c.toml:9: import.values.kind: want a table of CRM value = cadence value, got the string "call"`,
	}
	if err == nil {
		t.Fatal("no error")
	}
	if got := strings.Split(err.Error(), "\n"); !cmp.Equal(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", err, strings.Join(want, "\n"))
	}
}
