package cadence

import (
	"time"
)

// Config is the typed config file (§6) with every default applied. It is
// read-only to the app.
type Config struct {
	// Path is the file it was read from ("" for the built-in defaults).
	Path string

	Timezone             string
	Location             *time.Location
	Currency             string
	FiscalYearStartMonth int
	// Start is the first date on which a meeting can be flagged missed.
	Start    Date
	Me       string
	Holidays Holidays
	Team     []Member

	OneOnOne       OneOnOneConfig
	PipelineReview PipelineReviewConfig
	QBR            QBRConfig
	Readout        ReadoutConfig

	Flags   FlagConfig
	Targets Targets
	// Import is how CSV imports read what a file leaves open ([import]).
	Import ImportConfig
}

// OneOnOneConfig is the default weekly 1:1 of every partner manager.
type OneOnOneConfig struct {
	Weekday time.Weekday
	Time    Clock
	Minutes int
}

// PipelineReviewConfig is the monthly joint pipeline review with sales.
type PipelineReviewConfig struct {
	Day       DayRule
	Time      Clock
	Minutes   int
	Attendees []string // beyond the head and the partner managers
}

// QBRConfig is the quarterly business review with top-tier partners.
type QBRConfig struct {
	Tiers       []int
	WindowWeeks int
	Minutes     int
}

// ReadoutEvery is how often the executive readout happens.
type ReadoutEvery string

// The readout frequencies.
const (
	EveryMonth   ReadoutEvery = "month"
	EveryQuarter ReadoutEvery = "quarter"
)

// ReadoutConfig is the executive readout.
type ReadoutConfig struct {
	Every   ReadoutEvery
	Day     DayRule
	Time    Clock
	Minutes int
}

// FlagConfig holds the thresholds of §4.
type FlagConfig struct {
	// SilentAfterDays is indexed by tier: [1], [2], [3] ([0] is unused).
	SilentAfterDays               [4]int
	RegistrationSLABusinessDays   int
	RegistrationExpiryWarningDays int
	RegistrationProtectionDays    int
	IntroRegistrationDays         int
	// IntroLookbackDays is the age past which an unregistered intro no
	// longer raises a flag: an intro older than this is history, not a
	// deal to chase.
	IntroLookbackDays  int
	MissedLookbackDays int
	// PrepHours is how long before a 1:1 or a scheduled QBR a missing
	// set of talking points raises meeting_unprepared.
	PrepHours int
}

// Targets are the quarter's goals that the KPIs are measured against.
type Targets struct {
	PartnerRevenue int64 // per quarter
	NewARR         int64 // per quarter
}

// DefaultConfig returns the config used when there is no file: every default
// of §6, UTC, and an empty team.
func DefaultConfig() *Config {
	return &Config{
		Timezone:             "UTC",
		Location:             time.UTC,
		Currency:             "USD",
		FiscalYearStartMonth: 1,
		OneOnOne:             OneOnOneConfig{Weekday: time.Tuesday, Time: Clock{10, 0}, Minutes: 30},
		PipelineReview: PipelineReviewConfig{
			Day: DayRule{Nth: 1, Weekday: time.Tuesday}, Time: Clock{15, 0}, Minutes: 60,
		},
		QBR: QBRConfig{Tiers: []int{1}, WindowWeeks: 6, Minutes: 75},
		Readout: ReadoutConfig{
			Every: EveryQuarter, Day: DayRule{Nth: Last, Weekday: time.Thursday}, Time: Clock{16, 0}, Minutes: 45,
		},
		Flags: FlagConfig{
			SilentAfterDays:               [4]int{0, 21, 45, 90},
			RegistrationSLABusinessDays:   3,
			RegistrationExpiryWarningDays: 14,
			RegistrationProtectionDays:    90,
			IntroRegistrationDays:         7,
			IntroLookbackDays:             90,
			MissedLookbackDays:            28,
			PrepHours:                     24,
		},
		Targets: Targets{PartnerRevenue: 1200000, NewARR: 10000000},
	}
}

// Member returns the team member with the given name (compared
// case-insensitively) and whether there is one.
func (c *Config) Member(name string) (Member, bool) {
	k := NameKey(name)
	for _, m := range c.Team {
		if NameKey(m.Name) == k {
			return m, true
		}
	}
	return Member{}, false
}

// Head returns the name of the first member whose role is head, or "".
func (c *Config) Head() string {
	for _, m := range c.Team {
		if m.Role == RoleHead {
			return m.Name
		}
	}
	return ""
}

// PartnerManagers returns the members whose role is partner_manager, in
// config order.
func (c *Config) PartnerManagers() []Member {
	var out []Member
	for _, m := range c.Team {
		if m.Role == RolePartnerManager {
			out = append(out, m)
		}
	}
	return out
}

// Fiscal returns the fiscal calendar of the config.
func (c *Config) Fiscal() Fiscal { return Fiscal{StartMonth: time.Month(c.FiscalYearStartMonth)} }

// Today returns the local date of now in the config's zone.
func (c *Config) Today(now time.Time) Date { return DateIn(now, c.Location) }
