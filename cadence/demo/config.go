package demo

import (
	"fmt"
	"strings"
	"time"

	"partnercadence/cadence"
)

// demoZone is the demo team's time zone.
const demoZone = "America/New_York"

// member is one team member as the demo config writes it.
type member struct {
	name, role string
	// slot is the weekday and time of a partner manager's 1:1 when it is not
	// the default ("" keeps the default).
	weekday, time string
	since         cadence.Date
}

// smallTeam is the team of config.example.toml; Marcus Bell joined eight
// weeks after the start, as there.
func smallTeam(start cadence.Date) []member {
	return []member{
		{name: "Jordan Lee", role: "head"},
		{name: "Dana Cruz", role: "partner_manager", weekday: "wed", time: "11:00"},
		{name: "Priya Natarajan", role: "partner_manager"},
		{name: "Marcus Bell", role: "partner_manager", weekday: "thu", time: "14:00", since: start.AddDays(56)},
		{name: "Sam Ortiz", role: "sales"},
		{name: "Alex Morgan", role: "exec"},
	}
}

// Config returns the demo team's config as TOML text that cadence.ParseConfig
// accepts. The small team is the one of config.example.toml; the large one
// has 40 members. The dates in it (start, holidays) are placed relative to
// now: start is the first Monday of January one year (small) or five years
// (large) before now's year. A size other than Large gives the small team.
func Config(size Size, now time.Time) string {
	loc, err := time.LoadLocation(demoZone)
	if err != nil {
		loc = time.UTC // cannot happen: cadence embeds the zone database
	}
	today := cadence.DateIn(now, loc)
	years := 1
	if size == Large {
		years = 5
	}
	start := firstMonday(today.Year() - years)
	team := smallTeam(start)
	if size == Large {
		team = largeTeam(start)
	}

	var b strings.Builder
	fmt.Fprintf(&b, `# The %s demo team of cadence, made by "cadence demo" for %s.
# See config.example.toml for what every key means.

timezone = %q
currency = "USD"
fiscal_year_start_month = 1
start = %s            # the team has run its cadence in the app since then
me = %q
holidays = [
`, size, today, demoZone, start, team[0].name)
	for y := start.Year() - 1; y <= today.Year()+1; y++ {
		b.WriteString("  ")
		for i, d := range usHolidays(y) {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(d.String())
		}
		b.WriteString(",\n")
	}
	b.WriteString("]\n")

	for _, m := range team {
		fmt.Fprintf(&b, "\n[[team]]\nname = %q\nrole = %q\nemail = %q\n", m.name, m.role, email(m.name, "example.com"))
		if m.weekday != "" {
			fmt.Fprintf(&b, "one_on_one = { weekday = %q, time = %q }\n", m.weekday, m.time)
		}
		if !m.since.IsZero() {
			fmt.Fprintf(&b, "since = %s\n", m.since)
		}
	}

	var sales []string
	for _, m := range team {
		if m.role == "sales" {
			sales = append(sales, fmt.Sprintf("%q", m.name))
		}
	}
	fmt.Fprintf(&b, `
[cadence.one_on_one]
weekday = "tue"
time = "10:00"
minutes = 30

[cadence.pipeline_review]
day = "first tue"
time = "15:00"
minutes = 60
attendees = [%s]

[cadence.qbr]
tiers = [1]
window_weeks = 6
minutes = 75

[cadence.readout]
every = "quarter"
day = "last thu"
time = "16:00"
minutes = 45

[flags]
silent_after_days = { tier1 = 21, tier2 = 45, tier3 = 90 }
registration_sla_business_days = 3
registration_expiry_warning_days = 14
registration_protection_days = 90
intro_registration_days = 7
intro_lookback_days = 90
missed_lookback_days = 28
prep_hours = 24

[targets]
partner_revenue = %d
new_arr = %d
`, strings.Join(sales, ", "), targets(size).partnerRevenue, targets(size).newARR)
	return b.String()
}

type target struct{ partnerRevenue, newARR int64 }

// targets are per quarter, set so that partner revenue lands near the
// target and the sourced share of new ARR inside the seed's 5–10% band.
func targets(size Size) target {
	if size == Large {
		return target{partnerRevenue: 100_000_000, newARR: 800_000_000}
	}
	return target{partnerRevenue: 1_200_000, newARR: 10_000_000}
}

// firstMonday returns the first Monday of January of year y.
func firstMonday(y int) cadence.Date {
	d := cadence.NewDate(y, time.January, 1)
	return d.AddDays((int(time.Monday) - int(d.Weekday()) + 7) % 7)
}

// usHolidays returns the US company holidays of year y, in date order; a
// fixed-date holiday on a weekend is observed on the nearest weekday.
func usHolidays(y int) []cadence.Date {
	observed := func(m time.Month, d int) cadence.Date {
		return weekday(cadence.NewDate(y, m, d))
	}
	rule := func(nth int, wd time.Weekday, m time.Month) cadence.Date {
		return cadence.DayRule{Nth: nth, Weekday: wd}.In(y, m)
	}
	thanksgiving := rule(4, time.Thursday, time.November)
	return []cadence.Date{
		observed(time.January, 1),
		rule(3, time.Monday, time.January),  // Martin Luther King Jr. Day
		rule(3, time.Monday, time.February), // Presidents' Day
		rule(cadence.Last, time.Monday, time.May),
		observed(time.June, 19),
		observed(time.July, 4),
		rule(1, time.Monday, time.September),
		thanksgiving,
		thanksgiving.AddDays(1),
		observed(time.December, 25),
	}
}

// email makes first.last@domain from a person's name.
func email(name, domain string) string {
	return strings.ReplaceAll(cadence.Slug(name), "-", ".") + "@" + domain
}

// largeTeam is the 40-member team of the large demo: the small team plus
// generated partner managers, sales and execs. Every partner manager's 1:1
// has a slot of its own (the head attends them all); a third of the
// generated ones joined after the start.
func largeTeam(start cadence.Date) []member {
	team := smallTeam(start)
	taken := map[string]bool{}
	slots := map[[2]string]bool{}
	var clash []int // partner managers whose slot is taken already
	for i, m := range team {
		taken[cadence.Slug(m.name)] = true
		if m.role == "partner_manager" {
			wd, t := m.weekday, m.time
			if wd == "" {
				wd, t = "tue", "10:00"
			}
			if slots[[2]string{wd, t}] {
				clash = append(clash, i)
			}
			slots[[2]string{wd, t}] = true
		}
	}
	// Free 1:1 slots, filled day by day; none clashes with the head's
	// pipeline review (first Tue 15:00) or readout (last Thu 16:00).
	var free [][2]string
	for _, t := range []string{"09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "13:00", "13:30", "14:00", "14:30"} {
		for _, wd := range []string{"mon", "tue", "wed", "thu", "fri"} {
			if s := [2]string{wd, t}; !slots[s] {
				free = append(free, s)
			}
		}
	}
	for _, i := range clash {
		team[i].weekday, team[i].time = free[0][0], free[0][1]
		free = free[1:]
	}
	n := 0
	nextName := func() string {
		for {
			f := firstNames[(n*7+3)%len(firstNames)]
			l := lastNames[(n*13+5)%len(lastNames)]
			n++
			name := f + " " + l
			if !taken[cadence.Slug(name)] {
				taken[cadence.Slug(name)] = true
				return name
			}
		}
	}
	count := func(role string) int {
		c := 0
		for _, m := range team {
			if m.role == role {
				c++
			}
		}
		return c
	}
	for i := 0; count("partner_manager") < 30; i++ {
		m := member{name: nextName(), role: "partner_manager", weekday: free[i][0], time: free[i][1]}
		if i%3 == 2 { // a third joined later, one quarter apart
			m.since = start.AddDays(91 * (i/3 + 1))
		}
		team = append(team, m)
	}
	for count("sales") < 6 {
		team = append(team, member{name: nextName(), role: "sales"})
	}
	for len(team) < LargeTeam {
		team = append(team, member{name: nextName(), role: "exec"})
	}
	return team
}
