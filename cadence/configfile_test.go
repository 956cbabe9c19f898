package cadence

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// tomlLines joins lines into a file, so that the n-th argument is line n.
func tomlLines(lines ...string) []byte { return []byte(strings.Join(lines, "\n") + "\n") }

// configOpts compares Configs: zones by name, dates by value.
var configOpts = cmp.Options{
	cmp.Comparer(func(a, b *time.Location) bool { return a.String() == b.String() }),
	cmp.Comparer(func(a, b Date) bool { return a == b }),
}

func mustParseConfig(t *testing.T, data []byte) *Config {
	t.Helper()
	cfg, err := ParseConfig(data, "config.toml")
	if err != nil {
		t.Fatalf("ParseConfig: %v", err)
	}
	return cfg
}

func TestParseConfigDefaults(t *testing.T) {
	for _, tc := range []struct {
		name string
		data string
	}{
		{"empty", ""},
		{"comments only", "# nothing yet\n\n   # still nothing\n"},
		{"empty tables", "[cadence.qbr]\n[flags]\nsilent_after_days = {}\n[targets]\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := mustParseConfig(t, []byte(tc.data))
			want := DefaultConfig()
			want.Path = "config.toml"
			if diff := cmp.Diff(got, want, configOpts); diff != "" {
				t.Errorf("config (-got +want):\n%s", diff)
			}
		})
	}
}

func TestParseConfigEveryKey(t *testing.T) {
	data := tomlLines(
		`timezone = "Europe/Berlin"`,
		`currency = "eur"`,
		`fiscal_year_start_month = 2`,
		`start = 2026-02-02`,
		`me = "ana  WEBER"`,
		`holidays = [2026-12-24, 2026-12-25, 2026-12-24]`,
		`[[team]]`,
		`name = " Ana Weber "`,
		`role = "HEAD"`,
		`email = "ana@example.de"`,
		`ssh_keys = ["ssh-ed25519 AAAAC3Nza ana@laptop", " ssh-rsa AAAAB3Nza "]`,
		`[[team]]`,
		`name = "Ben Vogel"`,
		`role = "partner_manager"`,
		`one_on_one = { weekday = "Thursday" }`,
		`since = 2026-03-02`,
		`[[team]]`,
		`name = "Cem Aydin"`,
		`role = "partner_manager"`,
		`one_on_one.time = "8:30"`,
		`[[team]]`,
		`name = "Dora Klein"`,
		`role = "sales"`,
		`[cadence.one_on_one]`,
		`weekday = "mon"`,
		`time = 09:15`,
		`minutes = 25`,
		`[cadence.pipeline_review]`,
		`day = "day 5"`,
		`time = "14:00"`,
		`minutes = 50`,
		`attendees = ["DORA KLEIN", "Ana Weber"]`,
		`[cadence.qbr]`,
		`tiers = [2, 1, 2]`,
		`window_weeks = 4`,
		`minutes = 90`,
		`[cadence.readout]`,
		`every = "Month"`,
		`day = "second wed"`,
		`time = "17:30"`,
		`minutes = 40`,
		`[flags]`,
		`silent_after_days = { tier1 = 14, tier2 = 30, tier3 = 60 }`,
		`registration_sla_business_days = 2`,
		`registration_expiry_warning_days = 10`,
		`registration_protection_days = 60`,
		`intro_registration_days = 5`,
		`intro_lookback_days = 60`,
		`missed_lookback_days = 0`,
		`prep_hours = 12`,
		`[targets]`,
		`partner_revenue = 2.5e6`,
		`new_arr = 20_000_000`,
	)
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	want := &Config{
		Path:                 "config.toml",
		Timezone:             "Europe/Berlin",
		Location:             berlin,
		Currency:             "EUR",
		FiscalYearStartMonth: 2,
		Start:                MustDate("2026-02-02"),
		Me:                   "Ana Weber",
		Holidays:             Holidays{MustDate("2026-12-24"): true, MustDate("2026-12-25"): true},
		Team: []Member{
			{Name: "Ana Weber", Role: RoleHead, Email: "ana@example.de",
				SSHKeys: []string{"ssh-ed25519 AAAAC3Nza ana@laptop", "ssh-rsa AAAAB3Nza"}},
			// A partial override takes the rest from [cadence.one_on_one],
			// even though that table comes later in the file.
			{Name: "Ben Vogel", Role: RolePartnerManager,
				OneOnOne: &OneOnOneSlot{Weekday: time.Thursday, Time: Clock{9, 15}}, Since: MustDate("2026-03-02")},
			{Name: "Cem Aydin", Role: RolePartnerManager,
				OneOnOne: &OneOnOneSlot{Weekday: time.Monday, Time: Clock{8, 30}}},
			{Name: "Dora Klein", Role: RoleSales},
		},
		OneOnOne: OneOnOneConfig{Weekday: time.Monday, Time: Clock{9, 15}, Minutes: 25},
		PipelineReview: PipelineReviewConfig{
			Day: DayRule{Day: 5}, Time: Clock{14, 0}, Minutes: 50, Attendees: []string{"Dora Klein", "Ana Weber"},
		},
		QBR: QBRConfig{Tiers: []int{1, 2}, WindowWeeks: 4, Minutes: 90},
		Readout: ReadoutConfig{
			Every: EveryMonth, Day: DayRule{Nth: 2, Weekday: time.Wednesday}, Time: Clock{17, 30}, Minutes: 40,
		},
		Flags: FlagConfig{
			SilentAfterDays:               [4]int{0, 14, 30, 60},
			RegistrationSLABusinessDays:   2,
			RegistrationExpiryWarningDays: 10,
			RegistrationProtectionDays:    60,
			IntroRegistrationDays:         5,
			IntroLookbackDays:             60,
			MissedLookbackDays:            0,
			PrepHours:                     12,
		},
		Targets: Targets{PartnerRevenue: 2500000, NewARR: 20000000},
	}
	got := mustParseConfig(t, data)
	if diff := cmp.Diff(got, want, configOpts); diff != "" {
		t.Errorf("config (-got +want):\n%s", diff)
	}
}

func TestParseConfigPartialValues(t *testing.T) {
	for _, tc := range []struct {
		name  string
		data  []byte
		check func(t *testing.T, c *Config)
	}{
		{
			name: "one tier of silent_after_days keeps the others",
			data: tomlLines(`[flags]`, `silent_after_days = { tier1 = 10 }`),
			check: func(t *testing.T, c *Config) {
				if got, want := c.Flags.SilentAfterDays, [4]int{0, 10, 45, 90}; got != want {
					t.Errorf("SilentAfterDays = %v, want %v", got, want)
				}
			},
		},
		{
			name: "dotted key for one tier",
			data: tomlLines(`flags.silent_after_days.tier3 = 120`),
			check: func(t *testing.T, c *Config) {
				if got, want := c.Flags.SilentAfterDays, [4]int{0, 21, 45, 120}; got != want {
					t.Errorf("SilentAfterDays = %v, want %v", got, want)
				}
			},
		},
		{
			name: "since parsed, 1:1 override weekday only",
			data: tomlLines(
				`[[team]]`,
				`name = "Dana Cruz"`,
				`role = "partner_manager"`,
				`one_on_one = { weekday = "wed" }`,
				`since = 2026-04-01`,
			),
			check: func(t *testing.T, c *Config) {
				m, ok := c.Member("dana cruz")
				if !ok {
					t.Fatal("Dana Cruz is not on the team")
				}
				if got, want := m.Since, MustDate("2026-04-01"); got != want {
					t.Errorf("Since = %v, want %v", got, want)
				}
				if got, want := *m.OneOnOne, (OneOnOneSlot{Weekday: time.Wednesday, Time: Clock{10, 0}}); got != want {
					t.Errorf("OneOnOne = %+v, want %+v", got, want)
				}
			},
		},
		{
			name: "quoted dates are read too",
			data: tomlLines(`start = "2026-01-05"`, `holidays = ["2026-07-03"]`),
			check: func(t *testing.T, c *Config) {
				if got, want := c.Start, MustDate("2026-01-05"); got != want {
					t.Errorf("Start = %v, want %v", got, want)
				}
				if !c.Holidays[MustDate("2026-07-03")] || len(c.Holidays) != 1 {
					t.Errorf("Holidays = %v, want only 2026-07-03", c.Holidays.Sorted())
				}
			},
		},
		{
			name: "no QBRs, nobody extra at the pipeline review",
			data: tomlLines(`[cadence.qbr]`, `tiers = []`, `[cadence.pipeline_review]`, `attendees = []`),
			check: func(t *testing.T, c *Config) {
				if len(c.QBR.Tiers) != 0 || c.QBR.Tiers == nil {
					t.Errorf("QBR.Tiers = %#v, want empty", c.QBR.Tiers)
				}
				if len(c.PipelineReview.Attendees) != 0 {
					t.Errorf("Attendees = %#v, want empty", c.PipelineReview.Attendees)
				}
			},
		},
		{
			name: "UTC and an empty me",
			data: tomlLines(`timezone = "UTC"`, `me = ""`),
			check: func(t *testing.T, c *Config) {
				if c.Location != time.UTC || c.Me != "" {
					t.Errorf("Location, Me = %v, %q; want UTC, \"\"", c.Location, c.Me)
				}
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.check(t, mustParseConfig(t, tc.data))
		})
	}
}

func TestConfigExample(t *testing.T) {
	cfg, err := LoadConfig("../config.example.toml")
	if err != nil {
		t.Fatalf("LoadConfig: %v", err)
	}
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	want := DefaultConfig()
	want.Path = "../config.example.toml"
	want.Timezone, want.Location = "America/New_York", ny
	want.Start = MustDate("2026-01-05")
	want.Me = "Jordan Lee"
	want.Holidays = Holidays{MustDate("2026-11-26"): true, MustDate("2026-12-25"): true}
	want.Team = []Member{
		{Name: "Jordan Lee", Role: RoleHead, Email: "jordan.lee@example.com", SSHKeys: []string{
			"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKj+OTIUfsFkGwDMh6EurHxwFlgkPGhOE31MCeXHNK9l jordan@laptop",
		}},
		{Name: "Dana Cruz", Role: RolePartnerManager, Email: "dana.cruz@example.com",
			OneOnOne: &OneOnOneSlot{Weekday: time.Wednesday, Time: Clock{11, 0}}},
		{Name: "Priya Natarajan", Role: RolePartnerManager, Email: "priya.natarajan@example.com"},
		{Name: "Marcus Bell", Role: RolePartnerManager, Email: "marcus.bell@example.com", OneOnOne: &OneOnOneSlot{Weekday: time.Thursday, Time: Clock{14, 0}}, Since: MustDate("2026-03-02")},
		{Name: "Sam Ortiz", Role: RoleSales, Email: "sam.ortiz@example.com"},
		{Name: "Alex Morgan", Role: RoleExec, Email: "alex.morgan@example.com"},
	}
	want.PipelineReview.Attendees = []string{"Sam Ortiz"}
	want.Import = ImportConfig{DateOrder: "mdy", DecimalMark: ".",
		PartnerTypes: []string{"Channel Partner / Reseller", "Installation Partner", "Technology Partner"}, Values: map[string]map[string]string{
			"stage":          {"Verbal Commit": "approved", "Won - Paid": "won"},
			"type":           {"Referral Agent": "referral"},
			"tier":           {"Diamond": "1", "Registered": "3"},
			"partner_status": {"Suspended": "paused"},
			"kind":           {"Webinar": "event"},
			"direction":      {"Internal": "outbound"},
			"attribution":    {"Co-sold": "influenced"},
		}}
	// The example writes every other key out with its default value.
	if diff := cmp.Diff(cfg, want, configOpts); diff != "" {
		t.Errorf("config.example.toml (-got +want):\n%s", diff)
	}
	if got, want := cfg.Head(), "Jordan Lee"; got != want {
		t.Errorf("Head() = %q, want %q", got, want)
	}
	if got := len(cfg.PartnerManagers()); got != 3 {
		t.Errorf("%d partner managers, want 3", got)
	}
}

// TestConfigExampleDocumentsEveryKey keeps the example the reference: every
// key the loader knows is written in it.
func TestConfigExampleDocumentsEveryKey(t *testing.T) {
	data, err := os.ReadFile("../config.example.toml")
	if err != nil {
		t.Fatal(err)
	}
	lines := scanTOMLKeys(string(data))
	for key, kind := range configSchemaOf(&rawConfig{}).kinds {
		if kind == schemaValue && len(lines.all[key]) == 0 {
			t.Errorf("config.example.toml does not set %s", key)
		}
	}
}

func TestParseConfigErrors(t *testing.T) {
	team := []string{
		`[[team]]`,
		`name = "Jordan Lee"`,
		`role = "head"`,
		`[[team]]`,
		`name = "Dana Cruz"`,
		`role = "partner_manager"`,
	} // lines 1–6
	withTeam := func(lines ...string) []byte { return tomlLines(append(team[:len(team):len(team)], lines...)...) }
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		// Syntax.
		{"unquoted string", tomlLines(`currency = "USD"`, `timezone = America/New_York`),
			`config.toml:2: timezone: expected value but found "America" instead`},
		{"key given twice", tomlLines(`me = "a"`, ``, `me = "b"`),
			`config.toml:3: me: key 'me' has already been defined`},
		{"unclosed header", tomlLines(`[cadence.qbr`, `tiers = [1]`),
			`config.toml:1: expected '.' or ']' to end table name, but got '\n' instead`},
		{"unclosed array", tomlLines(`holidays = [2026-12-25,`, `2026-12-26`, `me = "x"`),
			`config.toml:3: holidays: expected a comma (',') or array terminator (']'), but got 'm'`},

		// Unknown keys.
		{"unknown top-level key", tomlLines(``, `timzone = "UTC"`),
			`config.toml:2: timzone: unknown key (known top-level keys: timezone, currency, fiscal_year_start_month, start, me, holidays, team, cadence, flags, targets, import)`},
		{"unknown key in a nested table", tomlLines(`[cadence.qbr]`, `tiers = [1]`, `# comment`, `tier = 2`),
			`config.toml:4: cadence.qbr.tier: unknown key (known keys in cadence.qbr: tiers, window_weeks, minutes)`},
		{"unknown table", tomlLines(`[cadence.one_on_one]`, `minutes = 30`, `[cadence.standup]`, `minutes = 15`),
			`config.toml:3: cadence.standup: unknown key (known keys in cadence: one_on_one, pipeline_review, qbr, readout)`},
		{"unknown key in an inline table", tomlLines(`[flags]`, `silent_after_days = {`, `  tier1 = 10,`, `  tier4 = 5 }`),
			`config.toml:4: flags.silent_after_days.tier4: unknown key (known keys in flags.silent_after_days: tier1, tier2, tier3)`},
		{"unknown key in the second member", withTeam(`emial = "dana@example.com"`),
			`config.toml:7: team.emial: unknown key (known keys in team: name, role, email, one_on_one, since, ssh_keys)`},
		{"unknown dotted key", tomlLines(`cadence.qbr.minutes = 60`, `cadence.weekly.minutes = 30`, `cadence.weekly.day = "mon"`),
			`config.toml:2: cadence.weekly: unknown key (known keys in cadence: one_on_one, pipeline_review, qbr, readout)`},
		{"top-level key under a table", withTeam(`me = "Dana Cruz"`),
			`config.toml:7: team.me: unknown key (me is a top-level key: move it above the first [table] or [[team]] header)`},
		{"keys are case-sensitive", tomlLines(`Timezone = "UTC"`),
			`config.toml:1: Timezone: unknown key (known top-level keys: timezone, currency, fiscal_year_start_month, start, me, holidays, team, cadence, flags, targets, import)`},

		// Wrong types.
		{"minutes as text", tomlLines(`[cadence.one_on_one]`, `weekday = "tue"`, `minutes = "thirty"`),
			`config.toml:3: cadence.one_on_one.minutes: want a whole number, got the string "thirty"`},
		{"fractional amount", tomlLines(`[targets]`, `new_arr = 1.5`),
			`config.toml:2: targets.new_arr: want a whole number, got the number 1.5`},
		{"tiers not an array", tomlLines(`[cadence.qbr]`, `tiers = 1`),
			`config.toml:2: cadence.qbr.tiers: want an array of tiers such as [1, 2], got the number 1`},
		{"tier as text", tomlLines(`[cadence.qbr]`, `tiers = [1, "2"]`),
			`config.toml:2: cadence.qbr.tiers: item 2: want a tier (1, 2 or 3), got the string "2"`},
		{"holiday as text", tomlLines(`holidays = [`, `  2026-12-25,`, `  "xmas",`, `]`),
			`config.toml:1: holidays: item 2: "xmas" is not a date (write it as 2026-01-05, without quotes)`},
		{"holiday as a number", tomlLines(`holidays = [20261225]`),
			`config.toml:1: holidays: item 1: want a date such as 2026-01-05, got the number 20261225`},
		{"start as a date-time", tomlLines(`start = 2026-01-05T09:00:00`),
			`config.toml:1: start: want a date such as 2026-01-05, got the date-time 2026-01-05T09:00:00`},
		{"start with a zone", tomlLines(`start = 2026-01-05T09:00:00Z`),
			`config.toml:1: start: want a date such as 2026-01-05, got the date-time 2026-01-05T09:00:00Z`},
		{"name as a number", tomlLines(`[[team]]`, `name = 7`, `role = "head"`),
			`config.toml:2: team.name: want a string, got the number 7`},
		{"time as a boolean", tomlLines(`[cadence.readout]`, `time = true`),
			`config.toml:2: cadence.readout.time: want a time of day such as "10:00", got the boolean true`},
		{"time with seconds", tomlLines(`[cadence.readout]`, `time = 16:00:30`),
			`config.toml:2: cadence.readout.time: want a time of day such as "10:00", got the time 16:00:30`},
		{"weekday as a table", tomlLines(`[cadence.one_on_one]`, `weekday = { day = "tue" }`),
			`config.toml:2: cadence.one_on_one.weekday: want a string, got a table`},
		{"attendees as a string", tomlLines(`[cadence.pipeline_review]`, `attendees = "Sam Ortiz"`),
			`config.toml:2: cadence.pipeline_review.attendees: want an array of names, got the string "Sam Ortiz"`},
		{"ssh key as a number", withTeam(`ssh_keys = [1]`),
			`config.toml:7: team.ssh_keys: item 1: want a string, got the number 1`},
		{"since as text", withTeam(`since = "March"`),
			`config.toml:7: team.since: "March" is not a date (write it as 2026-01-05, without quotes)`},
		{"[team] for [[team]]", tomlLines(`me = "x"`, `[team]`, `name = "x"`),
			`config.toml:2: team: want an array of tables ([[team]]), got a table`},
		{"one_on_one as a string in the second member", withTeam(
			`one_on_one = "wed 11:00"`,
		), `config.toml:7: team.one_on_one: want a table, got a string`},
		{"one_on_one well typed first, then not", tomlLines(
			`[[team]]`, `name = "A"`, `role = "partner_manager"`, `one_on_one = { weekday = "wed" }`,
			`[[team]]`, `name = "B"`, `role = "partner_manager"`, `one_on_one = ["wed"]`,
		), `config.toml:8: team.one_on_one: want a table, got an array`},
		{"flags as a value", tomlLines(`flags = 3`),
			`config.toml:1: flags: want a table, got a number`},
		{"silent_after_days as a number", tomlLines(`[flags]`, `silent_after_days = 30`),
			`config.toml:2: flags.silent_after_days: want a table, got a number`},

		// Checks of single values.
		{"unknown time zone", tomlLines(`timezone = "Mars/Olympus_Mons"`),
			`config.toml:1: timezone: unknown time zone "Mars/Olympus_Mons" (use an IANA name such as America/New_York, or UTC)`},
		{"local time zone", tomlLines(`timezone = "Local"`),
			`config.toml:1: timezone: "Local" is not a time zone name (use an IANA name such as America/New_York, or UTC)`},
		{"currency too long", tomlLines(`currency = "EURO"`),
			`config.toml:1: currency: "EURO" is not a currency code (use its 3 letters, e.g. USD)`},
		{"currency symbol", tomlLines(`currency = "$"`),
			`config.toml:1: currency: "$" is not a currency code (use its 3 letters, e.g. USD)`},
		{"fiscal month 13", tomlLines(`fiscal_year_start_month = 13`),
			`config.toml:1: fiscal_year_start_month: 13 is not a month (use 1–12; 1 gives calendar quarters)`},
		{"fiscal month 0", tomlLines(`fiscal_year_start_month = 0`),
			`config.toml:1: fiscal_year_start_month: 0 is not a month (use 1–12; 1 gives calendar quarters)`},
		{"tier 4", tomlLines(`[cadence.qbr]`, `window_weeks = 6`, `tiers = [1, 4]`),
			`config.toml:3: cadence.qbr.tiers: 4 is not a tier (use 1, 2 or 3)`},
		{"tier 0", tomlLines(`cadence.qbr.tiers = [0]`),
			`config.toml:1: cadence.qbr.tiers: 0 is not a tier (use 1, 2 or 3)`},
		{"window 14 weeks", tomlLines(`[cadence.qbr]`, `window_weeks = 14`),
			`config.toml:2: cadence.qbr.window_weeks: 14 is out of range (use 1–13: the window is the first weeks of the quarter)`},
		{"window 0 weeks", tomlLines(`[cadence.qbr]`, `window_weeks = 0`),
			`config.toml:2: cadence.qbr.window_weeks: 0 is out of range (use 1–13: the window is the first weeks of the quarter)`},
		{"minutes 0", tomlLines(`[cadence.qbr]`, `minutes = 0`),
			`config.toml:2: cadence.qbr.minutes: 0 is not a meeting length (use minutes above 0)`},
		{"minutes negative", tomlLines(`[cadence.readout]`, `minutes = -45`),
			`config.toml:2: cadence.readout.minutes: -45 is not a meeting length (use minutes above 0)`},
		{"minutes over a day", tomlLines(`[cadence.pipeline_review]`, `minutes = 1441`),
			`config.toml:2: cadence.pipeline_review.minutes: 1441 minutes is longer than a day`},
		{"every week", tomlLines(`[cadence.readout]`, `every = "week"`),
			`config.toml:2: cadence.readout.every: "week" is not one of month, quarter`},
		{"bad day rule", tomlLines(`[cadence.pipeline_review]`, `day = "first tuesday of the month"`),
			`config.toml:2: cadence.pipeline_review.day: "first tuesday of the month" is not a day rule (use first|second|third|fourth|last <weekday>, or day N with N 1–31)`},
		{"day 32", tomlLines(`[cadence.readout]`, `day = "day 32"`),
			`config.toml:2: cadence.readout.day: "day 32" is not a day rule (use first|second|third|fourth|last <weekday>, or day N with N 1–31)`},
		{"bad time", tomlLines(`[cadence.pipeline_review]`, `time = "25:00"`),
			`config.toml:2: cadence.pipeline_review.time: "25:00" is not a time of day (use HH:MM, 24-hour)`},
		{"bad weekday", tomlLines(`[cadence.one_on_one]`, `weekday = "funday"`),
			`config.toml:2: cadence.one_on_one.weekday: "funday" is not one of sun, mon, tue, wed, thu, fri, sat`},
		{"negative threshold", tomlLines(`[flags]`, `intro_registration_days = -1`),
			`config.toml:2: flags.intro_registration_days: -1 is negative (use 0 or more days)`},
		{"negative tier threshold", tomlLines(`[flags]`, `silent_after_days = { tier2 = -5 }`),
			`config.toml:2: flags.silent_after_days.tier2: -5 is negative (use 0 or more days)`},
		{"lookback shorter than the wait", tomlLines(`[flags]`, `intro_registration_days = 7`, `intro_lookback_days = 6`),
			`config.toml:3: flags.intro_lookback_days: 6 is less than intro_registration_days (7), so no intro would ever be flagged (use 7 or more)`},
		{"wait past the default lookback", tomlLines(`[flags]`, `intro_registration_days = 91`),
			`config.toml:2: flags.intro_registration_days: 91 is more than intro_lookback_days (default 90), so no intro would ever be flagged (set intro_lookback_days too)`},
		{"negative prep hours", tomlLines(`[flags]`, `prep_hours = -1`),
			`config.toml:2: flags.prep_hours: -1 is negative (use 0 or more hours; 0 turns meeting_unprepared off)`},
		{"prep hours as text", tomlLines(`[flags]`, `prep_hours = "24"`),
			`config.toml:2: flags.prep_hours: want a whole number, got the string "24"`},
		{"absurd threshold", tomlLines(`[flags]`, `missed_lookback_days = 99999999`),
			`config.toml:2: flags.missed_lookback_days: 99999999 days is more than a century`},
		{"negative target", tomlLines(`[targets]`, `partner_revenue = -1`),
			`config.toml:2: targets.partner_revenue: -1 is negative (use 0 or more)`},

		// The team.
		{"bad role", withTeam(`[[team]]`, `name = "Sam Ortiz"`, `role = "boss"`),
			`config.toml:9: team.role: "boss" is not one of head, partner_manager, sales, exec`},
		{"missing role", withTeam(`[[team]]`, `name = "Sam Ortiz"`, `email = "sam@example.com"`),
			`config.toml:7: team.role: is missing (use head, partner_manager, sales or exec)`},
		{"missing name", withTeam(`[[team]]`, `role = "exec"`),
			`config.toml:7: team.name: is missing (every member needs a name)`},
		{"empty name", withTeam(`[[team]]`, `name = "  "`, `role = "exec"`),
			`config.toml:8: team.name: is missing (every member needs a name)`},
		{"name without an ID", withTeam(`[[team]]`, `name = "王芳"`, `role = "exec"`),
			`config.toml:8: team.name: "王芳" has no letter a–z or digit, so it has no ID (1:1 IDs use it)`},
		{"name twice", withTeam(`[[team]]`, `name = "dana  cruz"`, `role = "sales"`),
			`config.toml:8: team.name: "dana  cruz" is on the team twice (also line 5)`},
		{"names with one ID", withTeam(`[[team]]`, `name = "Dana-Cruz"`, `role = "sales"`),
			`config.toml:8: team.name: "Dana-Cruz" and "Dana Cruz" (line 5) have the same ID "dana-cruz" in meeting IDs; make the names distinct`},
		{"bad email", withTeam(`email = "Dana Cruz <dana@example.com>"`),
			`config.toml:7: team.email: "Dana Cruz <dana@example.com>" is not an email address (write just the address, e.g. dana@example.com)`},
		{"1:1 override for the head", tomlLines(`[[team]]`, `name = "Jordan Lee"`, `role = "head"`, `one_on_one = { weekday = "mon" }`),
			`config.toml:4: team.one_on_one: only partner managers have a weekly 1:1 (this member's role is head)`},
		{"bad override weekday", withTeam(`one_on_one = { weekday = "someday", time = "11:00" }`),
			`config.toml:7: team.one_on_one.weekday: "someday" is not one of sun, mon, tue, wed, thu, fri, sat`},
		{"bad override weekday on its own line", withTeam(`[team.one_on_one]`, `time = "11:00"`, `weekday = "someday"`),
			`config.toml:9: team.one_on_one.weekday: "someday" is not one of sun, mon, tue, wed, thu, fri, sat`},
		{"not a public key", withTeam(`ssh_keys = ["AAAAC3NzaC1lZDI1NTE5"]`),
			`config.toml:7: team.ssh_keys: "AAAAC3NzaC1lZDI1NTE5" is not a public key (paste a line of ~/.ssh/id_ed25519.pub: "ssh-ed25519 AAAA… comment")`},
		{"one key, two members", tomlLines(
			`[[team]]`, `name = "Jordan Lee"`, `role = "head"`, `ssh_keys = ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK jordan"]`,
			`[[team]]`, `name = "Dana Cruz"`, `role = "partner_manager"`, `ssh_keys = ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK dana"]`,
		), `config.toml:8: team.ssh_keys: the key ssh-ed25519 AAAAC3NzaC1lZDI1NT… is also Jordan Lee's (each key must name one member)`},
		{"me not on the team", tomlLines(append([]string{`me = "Nobody Here"`}, team...)...),
			`config.toml:1: me: "Nobody Here" is not on the team (team: Jordan Lee, Dana Cruz; fix the spelling or add a [[team]] entry)`},
		{"me a first name", tomlLines(append([]string{`me = "Jordan"`}, team...)...),
			`config.toml:1: me: "Jordan" is not on the team: did you mean "Jordan Lee"? (team: Jordan Lee, Dana Cruz; fix the spelling or add a [[team]] entry)`},
		{"me with no team", tomlLines(`me = "Jordan Lee"`),
			`config.toml:1: me: "Jordan Lee" is not on the team, which is empty (add a [[team]] entry with its name and role)`},
		{"attendee not on the team", withTeam(`[cadence.pipeline_review]`, `attendees = ["Dana Cruz", "Sam Ortiz"]`),
			`config.toml:8: cadence.pipeline_review.attendees: "Sam Ortiz" is not on the team (team: Jordan Lee, Dana Cruz; fix the spelling or add a [[team]] entry)`},
		{"attendee twice", withTeam(`[cadence.pipeline_review]`, `attendees = ["Dana Cruz", "dana cruz"]`),
			`config.toml:8: cadence.pipeline_review.attendees: "dana cruz" is listed twice`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseConfig(tc.data, "config.toml")
			if err == nil {
				t.Fatalf("ParseConfig: no error, want %q", tc.want)
			}
			if got := err.Error(); got != tc.want {
				t.Errorf("error:\n got %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestParseConfigReportsEveryProblem(t *testing.T) {
	data := tomlLines(
		`me = "Nobody"`,                    // 1
		`timezone = "Nowhere/Town"`,        // 2
		`currency = "dollars"`,             // 3
		`[[team]]`,                         // 4
		`name = "Dana Cruz"`,               // 5
		`role = "boss"`,                    // 6
		`[[team]]`,                         // 7
		`name = "Dana Cruz"`,               // 8
		`role = "partner_manager"`,         // 9
		`one_on_one = { weekday = "tue" }`, // 10
		`[cadence.qbr]`,                    // 11
		`tiers = [1, 5]`,                   // 12
		`minutes = "long"`,                 // 13
		`window = 6`,                       // 14
		`[cadence.pipeline_review]`,        // 15
		`attendees = ["Sam Ortiz"]`,        // 16
		`[flags]`,                          // 17
		`missed_lookback_days = -1`,        // 18
	)
	want := strings.Join([]string{
		`config.toml:1: me: "Nobody" is not on the team (team: Dana Cruz; fix the spelling or add a [[team]] entry)`,
		`config.toml:2: timezone: unknown time zone "Nowhere/Town" (use an IANA name such as America/New_York, or UTC)`,
		`config.toml:3: currency: "dollars" is not a currency code (use its 3 letters, e.g. USD)`,
		`config.toml:6: team.role: "boss" is not one of head, partner_manager, sales, exec`,
		`config.toml:8: team.name: "Dana Cruz" is on the team twice (also line 5)`,
		`config.toml:12: cadence.qbr.tiers: 5 is not a tier (use 1, 2 or 3)`,
		`config.toml:13: cadence.qbr.minutes: want a whole number, got the string "long"`,
		`config.toml:14: cadence.qbr.window: unknown key (known keys in cadence.qbr: tiers, window_weeks, minutes)`,
		`config.toml:16: cadence.pipeline_review.attendees: "Sam Ortiz" is not on the team (team: Dana Cruz; fix the spelling or add a [[team]] entry)`,
		`config.toml:18: flags.missed_lookback_days: -1 is negative (use 0 or more days)`,
	}, "\n")
	_, err := ParseConfig(data, "config.toml")
	if err == nil {
		t.Fatal("ParseConfig: no error")
	}
	if diff := cmp.Diff(strings.Split(err.Error(), "\n"), strings.Split(want, "\n")); diff != "" {
		t.Errorf("errors (-got +want):\n%s", diff)
	}
	// Each problem is a *ConfigError a caller can take apart.
	var ce *ConfigError
	if !errors.As(err, &ce) {
		t.Fatalf("errors.As(%T, *ConfigError) = false", err)
	}
	if got, want := *ce, (ConfigError{Path: "config.toml", Line: 1, Key: "me",
		Problem: `"Nobody" is not on the team (team: Dana Cruz; fix the spelling or add a [[team]] entry)`}); got != want {
		t.Errorf("first problem = %+v, want %+v", got, want)
	}
}

// TestMeNotOnTeam: a config whose me is not a team member is refused with
// the file, the line, and the names it could be — the nearest one first
// when there is one, the team (at most eight names) after it.
func TestMeNotOnTeam(t *testing.T) {
	big := []string{`timezone = "America/New_York"`, `me = "Nobody Here"`}
	for _, name := range []string{"Jordan Lee", "Dana Cruz", "Priya Natarajan", "Sam Ortiz", "Mia Chen",
		"Ravi Patel", "Alex Kim", "Lee Wong", "Ana Lima", "Bo Chen"} {
		big = append(big, `[[team]]`, fmt.Sprintf("name = %q", name), `role = "partner_manager"`)
	}
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"a stranger", tomlLines(
			`timezone = "America/New_York"`, ``, `# who uses this copy`, `me = "Nobody Here"`,
			`[[team]]`, `name = "Jordan Lee"`, `role = "head"`, `[[team]]`, `name = "Dana Cruz"`, `role = "partner_manager"`),
			`config.toml:4: me: "Nobody Here" is not on the team (team: Jordan Lee, Dana Cruz; fix the spelling or add a [[team]] entry)`},
		{"a typo", tomlLines(`me = "Dana Cruiz"`, `[[team]]`, `name = "Jordan Lee"`, `role = "head"`, `[[team]]`, `name = "Dana Cruz"`, `role = "partner_manager"`),
			`config.toml:1: me: "Dana Cruiz" is not on the team: did you mean "Dana Cruz"? (team: Jordan Lee, Dana Cruz; fix the spelling or add a [[team]] entry)`},
		{"a first name two members share", tomlLines(`me = "Dana"`, `[[team]]`, `name = "Dana Cruz"`, `role = "head"`, `[[team]]`, `name = "Dana Scully"`, `role = "partner_manager"`),
			`config.toml:1: me: "Dana" is not on the team (team: Dana Cruz, Dana Scully; fix the spelling or add a [[team]] entry)`},
		{"a team of ten", tomlLines(big...),
			`config.toml:2: me: "Nobody Here" is not on the team (team: Jordan Lee, Dana Cruz, Priya Natarajan, Sam Ortiz, Mia Chen, Ravi Patel, Alex Kim, Lee Wong, … 2 more; fix the spelling or add a [[team]] entry)`},
		{"a control character in a name", tomlLines(`me = "Nobody"`, `[[team]]`, `name = "Dana\u001b]0;x\u0007 Cruz"`, `role = "head"`),
			`config.toml:1: me: "Nobody" is not on the team (team: Dana␛]0;x␇ Cruz; fix the spelling or add a [[team]] entry)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := ParseConfig(tc.data, "config.toml")
			if err == nil {
				t.Fatalf("ParseConfig: no error (me = %q), want %q", cfg.Me, tc.want)
			}
			if got := err.Error(); got != tc.want {
				t.Errorf("error:\n got %s\nwant %s", got, tc.want)
			}
		})
	}
	// And a member, in any case, is accepted as the team spells the name.
	cfg, err := ParseConfig(tomlLines(`me = "dana cruz"`, `[[team]]`, `name = "Dana Cruz"`, `role = "head"`), "config.toml")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Me != "Dana Cruz" {
		t.Errorf("Me = %q, want %q", cfg.Me, "Dana Cruz")
	}
}

func TestConfigErrorString(t *testing.T) {
	for _, tc := range []struct {
		err  ConfigError
		want string
	}{
		{ConfigError{Path: "c.toml", Line: 3, Key: "me", Problem: "p"}, "c.toml:3: me: p"},
		{ConfigError{Path: "c.toml", Key: "me", Problem: "p"}, "c.toml: me: p"},
		{ConfigError{Path: "c.toml", Line: 3, Problem: "p"}, "c.toml:3: p"},
		{ConfigError{Path: "c.toml", Problem: "p"}, "c.toml: p"},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("%+v.Error() = %q, want %q", tc.err, got, tc.want)
		}
	}
}

func TestLoadConfig(t *testing.T) {
	dir := t.TempDir()
	t.Run("missing file", func(t *testing.T) {
		_, err := LoadConfig(filepath.Join(dir, "none.toml"))
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("LoadConfig error = %v, want one matching fs.ErrNotExist", err)
		}
	})
	t.Run("names the file in errors", func(t *testing.T) {
		path := filepath.Join(dir, "config.toml")
		if err := os.WriteFile(path, tomlLines(`[flags]`, `silent_after_days = { tier1 = "x" }`), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := LoadConfig(path)
		want := path + `:2: flags.silent_after_days.tier1: want a whole number, got the string "x"`
		if err == nil || err.Error() != want {
			t.Errorf("LoadConfig error = %v, want %s", err, want)
		}
	})
	t.Run("sets Path", func(t *testing.T) {
		path := filepath.Join(dir, "ok.toml")
		if err := os.WriteFile(path, []byte(`currency = "gbp"`), 0o600); err != nil {
			t.Fatal(err)
		}
		cfg, err := LoadConfig(path)
		if err != nil {
			t.Fatal(err)
		}
		if cfg.Path != path || cfg.Currency != "GBP" {
			t.Errorf("Path, Currency = %q, %q; want %q, GBP", cfg.Path, cfg.Currency, path)
		}
	})
}

func TestScanTOMLKeys(t *testing.T) {
	src := string(tomlLines(
		`# [not] = a header`,       // 1
		`title = """`,              // 2
		`[fake]`,                   // 3
		`key = 1 """`,              // 4
		`lit = '''`,                // 5
		`'''`,                      // 6
		`esc = "a \" [b] # c"`,     // 7
		`"quoted key".x = 1`,       // 8
		`arr = [ # comment`,        // 9
		`  { k = 1 },`,             // 10
		`  { k = 2 } ]`,            // 11
		`at = 1979-05-27 07:32:00`, // 12
		`[[a]]`,                    // 13
		`[[a.b]]`,                  // 14
		`x = 1`,                    // 15
		`[[a]]`,                    // 16
		`[[a.b]]`,                  // 17
		`x = 2`,                    // 18
		`[ a . c ]`,                // 19
		`'y' = { z = [1,`,          // 20
		`  2], w = "}" }`,          // 21
		`s = """x""""`,             // 22
		`after = true`,             // 23
	))
	got := scanTOMLKeys(src)
	wantFirst := map[string]int{
		"title":        2,
		"lit":          5,
		"esc":          7,
		"quoted key":   8,
		"quoted key.x": 8,
		"arr":          9,
		"arr[0].k":     10,
		"arr[1].k":     11,
		"at":           12,
		"a[0]":         13,
		"a[0].b[0]":    14,
		"a[0].b[0].x":  15,
		"a[1]":         16,
		"a[1].b[0].x":  18,
		"a[1].c":       19,
		"a[1].c.y":     20,
		"a[1].c.y.z":   20,
		"a[1].c.y.w":   21,
		"a[1].c.s":     22,
		"a[1].c.after": 23,
	}
	for key, want := range wantFirst {
		if got := got.first[key]; got != want {
			t.Errorf("first[%q] = %d, want %d", key, got, want)
		}
	}
	for _, key := range []string{"fake", "key", "not"} {
		if n, ok := got.first[key]; ok {
			t.Errorf("first[%q] = %d, want no such key (it is inside a string or comment)", key, n)
		}
	}
	if diff := cmp.Diff(got.all["a.b.x"], []keyAt{{15, "a number"}, {18, "a number"}}, cmp.AllowUnexported(keyAt{})); diff != "" {
		t.Errorf("all[a.b.x] (-got +want):\n%s", diff)
	}
	if diff := cmp.Diff(got.all["a"], []keyAt{{13, kindArrayOfTables}, {16, kindArrayOfTables}}, cmp.AllowUnexported(keyAt{})); diff != "" {
		t.Errorf("all[a] (-got +want):\n%s", diff)
	}
	for _, tc := range []struct {
		key  string
		n    int
		want int
	}{
		{"a.b.x", 1, 18},
		{"a.b.x", 5, 18}, // past the last: the last
		{"a.b.x.nope", 0, 15},
		{"nope", 0, 0},
	} {
		if got := got.occurrence(tc.key, tc.n); got != tc.want {
			t.Errorf("occurrence(%q, %d) = %d, want %d", tc.key, tc.n, got, tc.want)
		}
	}
	for key, want := range map[string]int{"a[1].c.y.z.q": 20, "a[7]": 13, "zzz": 0} {
		if got := got.line(key); got != want {
			t.Errorf("line(%q) = %d, want %d", key, got, want)
		}
	}
	if got := got.misfit("nope", []string{kindTable}); got.line != 0 {
		t.Errorf("misfit of an absent key = %+v, want line 0", got)
	}
}

func TestDescribeTOML(t *testing.T) {
	for _, tc := range []struct {
		v    any
		want string
	}{
		{"x", `the string "x"`},
		{int64(3), "the number 3"},
		{2.5, "the number 2.5"},
		{false, "the boolean false"},
		{[]any{1}, "an array"},
		{[]map[string]any{{}}, "an array of tables"},
		{map[string]any{}, "a table"},
		{time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC), "the date-time 2026-01-05T09:00:00Z"},
		{uint8(1), "a uint8"},
	} {
		if got := describeTOML(tc.v); got != tc.want {
			t.Errorf("describeTOML(%#v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}
