package ical

import (
	"testing"
	"time"

	"partnercadence/cadence"
)

const fixtureConfig = `
timezone = "America/New_York"
start = 2026-01-05

[[team]]
name = "Jordan Lee"
role = "head"

[[team]]
name = "Dana Cruz"
role = "partner_manager"

[[team]]
name = "Alex Kim"
role = "exec"

[cadence.one_on_one]
weekday = "tue"
time = "10:00"
minutes = 30
`

func configIn(t testing.TB, zone string) *cadence.Config {
	t.Helper()
	cfg, err := cadence.ParseConfig([]byte(fixtureConfig), "fixture.toml")
	if err != nil {
		t.Fatal(err)
	}
	if zone != "" {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		cfg.Timezone, cfg.Location = zone, loc
	}
	return cfg
}

var fixtureNow = time.Date(2026, 10, 20, 12, 0, 0, 0, time.UTC)

func partners() []cadence.Partner {
	return []cadence.Partner{{Name: "Acme, Inc.", Type: cadence.TypeReseller, Tier: 1, Owner: "Dana Cruz",
		Status: cadence.PartnerActive, Joined: cadence.MustDate("2025-01-01")}}
}

// occurrences returns the fixture's meetings from 2026-10-20 to 2026-11-30
// with the given records.
func occurrences(t testing.TB, cfg *cadence.Config, recs map[string]cadence.MeetingRecord) []cadence.Occurrence {
	t.Helper()
	return cfg.Occurrences(cadence.MustDate("2026-10-20"), cadence.MustDate("2026-11-30"), partners(), recs)
}
