package cadence

import "time"

// Kind is the kind of meeting an occurrence is.
type Kind string

// The meeting kinds of §3, plus one-off meetings.
const (
	KindOneOnOne Kind = "1on1"
	KindPipeline Kind = "pipeline"
	KindQBR      Kind = "qbr"
	KindReadout  Kind = "readout"
	KindAdhoc    Kind = "adhoc"
)

// Occurrence is one meeting the cadence calls for (or a one-off meeting from
// a record). It is computed, never stored; its ID is stable (§3).
type Occurrence struct {
	ID     string // e.g. "1on1/dana-cruz/2026-11-24", "qbr/acme/2026-Q4"
	Kind   Kind
	Series string // the ID without its date or quarter: "1on1/dana-cruz", "pipeline", "qbr/acme", "readout"
	Title  string // e.g. "1:1 with Dana Cruz", "QBR: Acme (2026-Q4)"

	// Planned is the date the cadence gives it: for a QBR, the window's last
	// day (the date it is due by).
	Planned Date
	// Date is the local date it happens on: Planned, or the date it was
	// moved or scheduled to.
	Date Date
	// Start and End are zero for a QBR nobody has scheduled yet.
	Start, End time.Time
	Minutes    int

	Member    string   // the partner manager of a 1:1
	Partner   string   // the partner of a QBR
	Quarter   Quarter  // the quarter of a QBR or a quarterly readout
	Window    [2]Date  // a QBR's window: first and last day
	Attendees []string // every member expected, in config order

	Status MeetingStatus // from its record; MeetingScheduled when none
	Moved  bool          // its record moved or scheduled it
	// Holiday reports that it falls on one of the config's holidays and so
	// does not take place (§3): a 1:1, review or readout on its planned
	// date, not moved to another day by a record and not marked held. It
	// is never missed, never unprepared, and the calendar leaves it out.
	Holiday bool
	Record  *MeetingRecord
}

// TakesPlace reports whether the meeting happens: not cancelled, not
// skipped, not on a holiday.
func (o Occurrence) TakesPlace() bool {
	return !o.Holiday && o.Status != MeetingCancelled && o.Status != MeetingSkipped
}

// markHoliday sets o.Holiday by §3's rule. A QBR is never on a holiday: it
// has a date of its own only once someone schedules it, and a one-off
// meeting is always put on its day by someone.
func (c *Config) markHoliday(o *Occurrence) {
	o.Holiday = false
	switch o.Kind {
	case KindOneOnOne, KindPipeline, KindReadout:
	default:
		return
	}
	if o.Status == MeetingHeld || o.Date != o.Planned || !c.Holidays[o.Date] {
		return
	}
	o.Holiday = true
}

// NextWorkingDay returns the first business day after d: the day a meeting
// on a holiday moves to.
func (c *Config) NextWorkingDay(d Date) Date {
	for n := d.AddDays(1); ; n = n.AddDays(1) {
		if c.Holidays.BusinessDay(n) {
			return n
		}
	}
}

// Scheduled reports whether the occurrence has a time (an unscheduled QBR
// has only a window).
func (o Occurrence) Scheduled() bool { return !o.Start.IsZero() }
