package cadence

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the DST tests must not depend on the machine's zoneinfo

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// scheduleConfig is a New York team: Jordan heads it, Dana's 1:1 is moved
// to Wednesdays 11:00, Ravi keeps the default Tuesday 10:00.
func scheduleConfig(t *testing.T) *Config {
	t.Helper()
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	c := DefaultConfig()
	c.Timezone, c.Location = "America/New_York", loc
	c.Team = []Member{
		{Name: "Alex Kim", Role: RoleExec},
		{Name: "Jordan Lee", Role: RoleHead},
		{Name: "Dana Cruz", Role: RolePartnerManager, OneOnOne: &OneOnOneSlot{Weekday: time.Wednesday, Time: Clock{11, 0}}},
		{Name: "Ravi Patel", Role: RolePartnerManager},
		{Name: "Sam Ortiz", Role: RoleSales},
		{Name: "Mia Chen", Role: RoleExec},
	}
	c.PipelineReview.Attendees = []string{"sam ortiz"}
	return c
}

// scheduleCmp lets cmp compare Dates, whose day number is unexported.
var scheduleCmp = cmpopts.EquateComparable(Date{})

var schedulePartners = []Partner{
	{Name: "Acme, Inc.", Tier: 1, Owner: "dana cruz", Status: PartnerActive, Joined: MustDate("2025-03-01")},
	{Name: "Globex", Tier: 1, Owner: "Ravi Patel", Status: PartnerActive},
	{Name: "Initech", Tier: 2, Owner: "Ravi Patel", Status: PartnerActive},
	{Name: "Umbrella", Tier: 1, Owner: "Dana Cruz", Status: PartnerPaused},
	{Name: "Hooli", Tier: 1, Owner: "Dana Cruz", Status: PartnerActive, Joined: MustDate("2026-11-20")},
}

// ids lists the occurrences' IDs in order, with their actual date where a
// record moved them.
func ids(occ []Occurrence) []string {
	out := []string{}
	for _, o := range occ {
		s := o.ID
		if o.Moved && o.Kind != KindQBR {
			s += "@" + o.Date.String()
		}
		out = append(out, s)
	}
	return out
}

func at(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestScheduleDayRules(t *testing.T) {
	tests := []struct {
		rule  string
		month string // any date in the month
		want  string
	}{
		{"first tue", "2026-11-15", "2026-11-03"},
		{"second tue", "2026-11-15", "2026-11-10"},
		{"third tue", "2026-11-15", "2026-11-17"},
		{"fourth tue", "2026-11-15", "2026-11-24"},
		{"last tue", "2026-11-15", "2026-11-24"},
		{"last mon", "2026-11-15", "2026-11-30"},
		{"first sun", "2026-11-15", "2026-11-01"}, // the month starts on the weekday
		{"last sat", "2026-02-10", "2026-02-28"},  // the month ends on the weekday
		{"day 5", "2026-11-15", "2026-11-05"},
		{"day 31", "2026-02-10", "2026-02-28"},
		{"day 31", "2028-02-10", "2028-02-29"}, // leap year
		{"day 30", "2026-04-10", "2026-04-30"},
		{"day 1", "2027-01-10", "2027-01-01"},
	}
	for _, tt := range tests {
		t.Run(tt.rule+" "+tt.month[:7], func(t *testing.T) {
			c := scheduleConfig(t)
			rule, err := ParseDayRule(tt.rule)
			if err != nil {
				t.Fatal(err)
			}
			c.PipelineReview.Day = rule
			m := MustDate(tt.month)
			first := NewDate(m.Year(), m.Month(), 1)
			var got []string
			for _, o := range c.Occurrences(first, first.AddMonths(1).AddDays(-1), nil, nil) {
				if o.Kind == KindPipeline {
					got = append(got, o.ID)
				}
			}
			if diff := cmp.Diff(got, []string{"pipeline/" + tt.want}); diff != "" {
				t.Errorf("pipeline reviews (-got +want):\n%s", diff)
			}
			if _, err := c.OccurrenceByID("pipeline/"+tt.want, nil, nil); err != nil {
				t.Errorf("OccurrenceByID: %v", err)
			}
		})
	}
}

func TestOccurrencesWeek(t *testing.T) {
	c := scheduleConfig(t)
	got := c.Occurrences(MustDate("2026-11-02"), MustDate("2026-11-08"), schedulePartners, nil)
	want := []string{"1on1/ravi-patel/2026-11-03", "pipeline/2026-11-03", "1on1/dana-cruz/2026-11-04"}
	if diff := cmp.Diff(ids(got), want); diff != "" {
		t.Fatalf("IDs (-got +want):\n%s", diff)
	}
	loc := c.Location
	wantOcc := []Occurrence{
		{
			ID: "1on1/ravi-patel/2026-11-03", Kind: KindOneOnOne, Series: "1on1/ravi-patel", Title: "1:1 with Ravi Patel",
			Planned: MustDate("2026-11-03"), Date: MustDate("2026-11-03"),
			Start: time.Date(2026, 11, 3, 10, 0, 0, 0, loc), End: time.Date(2026, 11, 3, 10, 30, 0, 0, loc), Minutes: 30,
			Member: "Ravi Patel", Attendees: []string{"Jordan Lee", "Ravi Patel"}, Status: MeetingScheduled,
		},
		{
			ID: "pipeline/2026-11-03", Kind: KindPipeline, Series: "pipeline", Title: "Pipeline review",
			Planned: MustDate("2026-11-03"), Date: MustDate("2026-11-03"),
			Start: time.Date(2026, 11, 3, 15, 0, 0, 0, loc), End: time.Date(2026, 11, 3, 16, 0, 0, 0, loc), Minutes: 60,
			Attendees: []string{"Jordan Lee", "Dana Cruz", "Ravi Patel", "Sam Ortiz"}, Status: MeetingScheduled,
		},
		{
			ID: "1on1/dana-cruz/2026-11-04", Kind: KindOneOnOne, Series: "1on1/dana-cruz", Title: "1:1 with Dana Cruz",
			Planned: MustDate("2026-11-04"), Date: MustDate("2026-11-04"),
			Start: time.Date(2026, 11, 4, 11, 0, 0, 0, loc), End: time.Date(2026, 11, 4, 11, 30, 0, 0, loc), Minutes: 30,
			Member: "Dana Cruz", Attendees: []string{"Jordan Lee", "Dana Cruz"}, Status: MeetingScheduled,
		},
	}
	if diff := cmp.Diff(got, wantOcc, scheduleCmp); diff != "" {
		t.Errorf("occurrences (-got +want):\n%s", diff)
	}
	if got := c.Occurrences(MustDate("2026-11-08"), MustDate("2026-11-02"), schedulePartners, nil); got != nil {
		t.Errorf("reversed range: got %v, want nil", ids(got))
	}
}

func TestOccurrencesOneOnOneDST(t *testing.T) {
	c := scheduleConfig(t)
	tests := []struct {
		date    string
		wantUTC string
		offset  int // hours east of UTC
	}{
		{"2026-03-03", "2026-03-03T15:00:00Z", -5},
		{"2026-03-10", "2026-03-10T14:00:00Z", -4}, // DST began Sunday 2026-03-08
		{"2026-10-27", "2026-10-27T14:00:00Z", -4},
		{"2026-11-03", "2026-11-03T15:00:00Z", -5}, // DST ended Sunday 2026-11-01
	}
	for _, tt := range tests {
		t.Run(tt.date, func(t *testing.T) {
			o, err := c.OccurrenceByID("1on1/ravi-patel/"+tt.date, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := o.Start.UTC().Format(time.RFC3339); got != tt.wantUTC {
				t.Errorf("start = %s, want %s", got, tt.wantUTC)
			}
			if got := o.Start.Format("15:04"); got != "10:00" {
				t.Errorf("local start = %s, want 10:00", got)
			}
			if _, off := o.Start.Zone(); off != tt.offset*3600 {
				t.Errorf("offset = %dh, want %dh", off/3600, tt.offset)
			}
			if got := o.End.Sub(o.Start); got != 30*time.Minute {
				t.Errorf("length = %s, want 30m", got)
			}
		})
	}
	// The week DST ends, as Occurrences returns it.
	var got []string
	for _, o := range c.Occurrences(MustDate("2026-10-26"), MustDate("2026-11-08"), nil, nil) {
		if o.Series == "1on1/ravi-patel" {
			got = append(got, o.Start.UTC().Format(time.RFC3339))
		}
	}
	if diff := cmp.Diff(got, []string{"2026-10-27T14:00:00Z", "2026-11-03T15:00:00Z"}); diff != "" {
		t.Errorf("Ravi's 1:1s (-got +want):\n%s", diff)
	}
}

func TestOccurrencesMemberSince(t *testing.T) {
	c := scheduleConfig(t)
	c.Team[3].Since = MustDate("2026-08-12") // a Wednesday in the middle of Q3
	var got []string
	for _, o := range c.Occurrences(MustDate("2026-08-01"), MustDate("2026-08-31"), nil, nil) {
		if o.Series == "1on1/ravi-patel" {
			got = append(got, o.ID)
		}
	}
	want := []string{"1on1/ravi-patel/2026-08-18", "1on1/ravi-patel/2026-08-25"}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("(-got +want):\n%s", diff)
	}
	_, err := c.OccurrenceByID("1on1/ravi-patel/2026-08-11", nil, nil)
	if !errors.Is(err, ErrNoOccurrence) || !strings.Contains(err.Error(), "from 2026-08-12") {
		t.Errorf("1:1 before Since: got %v, want ErrNoOccurrence naming 2026-08-12", err)
	}
	o, ok := c.PrevInSeries(Occurrence{Kind: KindOneOnOne, Series: "1on1/ravi-patel", Planned: MustDate("2026-08-18")}, nil, nil)
	if ok {
		t.Errorf("PrevInSeries before Since = %s, want none", o.ID)
	}
}

func TestOccurrencesFiscalQuarters(t *testing.T) {
	c := scheduleConfig(t)
	c.FiscalYearStartMonth = 2 // Feb 2026–Jan 2027 is FY2027
	partners := []Partner{{Name: "Acme", Tier: 1, Owner: "Dana Cruz", Status: PartnerActive}}
	tests := []struct {
		name     string
		from, to string
		want     []string
	}{
		{"first quarter of FY2027", "2026-02-01", "2026-04-30", []string{"readout/2026-02-26", "qbr/acme/2027-Q1"}},
		{"window's last day", "2026-03-14", "2026-03-14", []string{"qbr/acme/2027-Q1"}},
		{"day after the window", "2026-03-15", "2026-03-15", []string{}},
		{"last quarter crosses the calendar year", "2026-11-01", "2027-01-31", []string{"readout/2026-11-26", "qbr/acme/2027-Q4"}},
		{"first day of FY2028", "2027-02-01", "2027-03-31", []string{"readout/2027-02-25", "qbr/acme/2028-Q1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, o := range c.Occurrences(MustDate(tt.from), MustDate(tt.to), partners, nil) {
				if o.Kind == KindQBR || o.Kind == KindReadout {
					got = append(got, o.ID)
				}
			}
			if got == nil {
				got = []string{}
			}
			if diff := cmp.Diff(got, tt.want); diff != "" {
				t.Errorf("(-got +want):\n%s", diff)
			}
		})
	}
	o, err := c.OccurrenceByID("qbr/acme/2027-Q4", partners, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := o.Window, [2]Date{MustDate("2026-11-01"), MustDate("2026-12-12")}; got != want {
		t.Errorf("2027-Q4 window = %v, want %v", got, want)
	}
	r, err := c.OccurrenceByID("readout/2026-02-26", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := r.Quarter, (Quarter{2026, 4}); got != want {
		t.Errorf("readout of Feb 2026 reads out %s, want %s (Nov 2025–Jan 2026)", got, want)
	}
}

// TestQBRsDue: the quarters whose QBR window ends in a range, for ranges
// of a day, a year and none (the end before the start: the loop over
// quarters must end at once, not walk on past the end).
func TestQBRsDue(t *testing.T) {
	s := scheduleConfig(t).schedule() // calendar quarters, 6-week windows
	tests := []struct {
		name     string
		from, to string
		want     []string
	}{
		{"a window's last day", "2026-11-11", "2026-11-11", []string{"2026-Q4"}},
		{"a day with none", "2026-11-12", "2026-11-12", nil},
		{"a year", "2026-01-01", "2026-12-31", []string{"2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"}},
		{"end before start", "2026-12-31", "2026-01-01", nil},
		{"end a year before start", "2027-02-14", "2026-02-14", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			quarters, ends := s.qbrsDue(MustDate(tt.from), MustDate(tt.to))
			var got []string
			for i, q := range quarters {
				got = append(got, q.String())
				if w := s.window(q)[1]; ends[i] != w {
					t.Errorf("%s ends %s, want %s", q, ends[i], w)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("qbrsDue(%s, %s) = %v, want %v", tt.from, tt.to, got, tt.want)
			}
		})
	}
}

func TestQuarterBefore(t *testing.T) {
	for _, tt := range []struct {
		q, o Quarter
		want bool
	}{
		{Quarter{2026, 3}, Quarter{2026, 4}, true},
		{Quarter{2026, 4}, Quarter{2026, 4}, false},
		{Quarter{2026, 4}, Quarter{2027, 1}, true},
		{Quarter{2027, 1}, Quarter{2026, 4}, false},
	} {
		if got := tt.q.Before(tt.o); got != tt.want {
			t.Errorf("%s.Before(%s) = %v, want %v", tt.q, tt.o, got, tt.want)
		}
	}
}

func TestOccurrencesQBR(t *testing.T) {
	c := scheduleConfig(t)
	q4 := func(from, to string) []string {
		t.Helper()
		var got []string
		for _, o := range c.Occurrences(MustDate(from), MustDate(to), schedulePartners, nil) {
			if o.Kind == KindQBR {
				got = append(got, o.ID)
			}
		}
		return got
	}
	// Acme and Globex are eligible; Initech is tier 2, Umbrella paused, and
	// Hooli joined after the Q4 window (2026-10-01 to 2026-11-11) closed.
	if diff := cmp.Diff(q4("2026-10-01", "2026-12-31"), []string{"qbr/acme-inc/2026-Q4", "qbr/globex/2026-Q4"}); diff != "" {
		t.Errorf("2026-Q4 (-got +want):\n%s", diff)
	}
	// A partner whose name has no ID form cannot have a QBR ID.
	noID := append(slices.Clone(schedulePartners), Partner{Name: "***", Tier: 1, Owner: "Dana Cruz", Status: PartnerActive})
	for _, o := range c.Occurrences(MustDate("2026-10-01"), MustDate("2026-12-31"), noID, nil) {
		if o.Partner == "***" {
			t.Errorf("QBR %q for a partner without an ID form", o.ID)
		}
	}
	if diff := cmp.Diff(q4("2027-01-01", "2027-03-31"), []string{"qbr/acme-inc/2027-Q1", "qbr/globex/2027-Q1", "qbr/hooli/2027-Q1"}); diff != "" {
		t.Errorf("2027-Q1 (-got +want):\n%s", diff)
	}

	o, err := c.OccurrenceByID("qbr/acme-inc/2026-Q4", schedulePartners, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := Occurrence{
		ID: "qbr/acme-inc/2026-Q4", Kind: KindQBR, Series: "qbr/acme-inc", Title: "QBR: Acme, Inc. (2026-Q4)",
		Planned: MustDate("2026-11-11"), Date: MustDate("2026-11-11"), Minutes: 75,
		Partner: "Acme, Inc.", Quarter: Quarter{2026, 4}, Window: [2]Date{MustDate("2026-10-01"), MustDate("2026-11-11")},
		Attendees: []string{"Jordan Lee", "Dana Cruz"}, Status: MeetingScheduled,
	}
	if diff := cmp.Diff(o, want, scheduleCmp); diff != "" {
		t.Errorf("unscheduled QBR (-got +want):\n%s", diff)
	}
	if o.Scheduled() {
		t.Error("unscheduled QBR reports Scheduled")
	}

	t.Run("window clamped to the quarter", func(t *testing.T) {
		c := scheduleConfig(t)
		c.QBR.WindowWeeks = 20
		o, err := c.OccurrenceByID("qbr/globex/2026-Q4", schedulePartners, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := o.Window, [2]Date{MustDate("2026-10-01"), MustDate("2026-12-31")}; got != want {
			t.Errorf("window = %v, want %v", got, want)
		}
		c.QBR.WindowWeeks = 0
		if got, want := c.QBRWindow(Quarter{2026, 1})[1], MustDate("2026-03-31"); got != want {
			t.Errorf("window_weeks 0: last day = %s, want %s", got, want)
		}
	})

	t.Run("scheduled by a record", func(t *testing.T) {
		records := map[string]MeetingRecord{
			"qbr/acme-inc/2026-Q4": {ID: "qbr/acme-inc/2026-Q4", At: at(t, "2026-10-20T18:00:00Z"), Notes: "went well"},
		}
		occ := c.Occurrences(MustDate("2026-10-20"), MustDate("2026-10-20"), schedulePartners, records)
		var got *Occurrence
		for i := range occ {
			if occ[i].Kind == KindQBR {
				got = &occ[i]
			}
		}
		if got == nil {
			t.Fatalf("QBR scheduled on 2026-10-20 missing from %v", ids(occ))
		}
		if got.Start.Format(time.RFC3339) != "2026-10-20T14:00:00-04:00" || got.End.Sub(got.Start) != 75*time.Minute {
			t.Errorf("start %s, end %s; want 2026-10-20T14:00-04:00 for 75m", got.Start, got.End)
		}
		if got.Date != MustDate("2026-10-20") || got.Planned != MustDate("2026-11-11") || !got.Moved {
			t.Errorf("date %s planned %s moved %v; want 2026-10-20, 2026-11-11, true", got.Date, got.Planned, got.Moved)
		}
		if got.Record == nil || got.Record.Notes != "went well" {
			t.Errorf("record = %+v, want the record", got.Record)
		}
		if ids := ids(c.Occurrences(MustDate("2026-11-11"), MustDate("2026-11-11"), schedulePartners, records)); strings.Contains(strings.Join(ids, " "), "acme") {
			t.Errorf("scheduled QBR still on its window's last day: %v", ids)
		}
	})
}

func TestOccurrencesSortUnscheduledLast(t *testing.T) {
	c := scheduleConfig(t)
	c.QBR.WindowWeeks = 1 // Q4 2026 window ends Wednesday 2026-10-07, Dana's 1:1 day
	got := ids(c.Occurrences(MustDate("2026-10-07"), MustDate("2026-10-07"), schedulePartners, nil))
	want := []string{"1on1/dana-cruz/2026-10-07", "qbr/acme-inc/2026-Q4", "qbr/globex/2026-Q4"}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("(-got +want):\n%s", diff)
	}
}

func TestOccurrencesMovedByRecord(t *testing.T) {
	c := scheduleConfig(t)
	records := map[string]MeetingRecord{
		// moved from the week of Nov 2 to Thursday of the next week
		"1on1/ravi-patel/2026-11-03": {At: at(t, "2026-11-12T17:00:00Z")},
		// moved from September into the week of Nov 9
		"1on1/dana-cruz/2026-09-02": {At: at(t, "2026-11-09T14:00:00Z"), Status: MeetingHeld},
		// moved within its day
		"pipeline/2026-11-03": {At: at(t, "2026-11-03T21:00:00Z")},
	}
	tests := []struct {
		from, to string
		want     []string
	}{
		{"2026-11-02", "2026-11-08", []string{"pipeline/2026-11-03@2026-11-03", "1on1/dana-cruz/2026-11-04"}},
		{"2026-11-09", "2026-11-15", []string{
			"1on1/dana-cruz/2026-09-02@2026-11-09", "1on1/ravi-patel/2026-11-10", "1on1/dana-cruz/2026-11-11",
			"1on1/ravi-patel/2026-11-03@2026-11-12",
		}},
		{"2026-08-31", "2026-09-06", []string{"1on1/ravi-patel/2026-09-01", "pipeline/2026-09-01"}},
	}
	for _, tt := range tests {
		t.Run(tt.from, func(t *testing.T) {
			if diff := cmp.Diff(ids(c.Occurrences(MustDate(tt.from), MustDate(tt.to), nil, records)), tt.want); diff != "" {
				t.Errorf("(-got +want):\n%s", diff)
			}
		})
	}
	o, err := c.OccurrenceByID("1on1/ravi-patel/2026-11-03", nil, records)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := o.Start.Format(time.RFC3339), "2026-11-12T12:00:00-05:00"; got != want {
		t.Errorf("moved start = %s, want %s", got, want)
	}
	if got, want := o.End.Format(time.RFC3339), "2026-11-12T12:30:00-05:00"; got != want {
		t.Errorf("moved end = %s, want %s", got, want)
	}
}

func TestOccurrencesStatuses(t *testing.T) {
	c := scheduleConfig(t)
	records := map[string]MeetingRecord{
		"1on1/ravi-patel/2026-11-03": {Status: MeetingHeld, Actions: []ActionItem{{ID: "A1", Text: "send deck"}}},
		"1on1/ravi-patel/2026-11-10": {Status: MeetingSkipped},
		"1on1/ravi-patel/2026-11-17": {Status: MeetingCancelled},
		"1on1/ravi-patel/2026-11-24": {TalkingPoints: "pricing"},
	}
	got := map[string]MeetingStatus{}
	for _, o := range c.Occurrences(MustDate("2026-11-01"), MustDate("2026-12-07"), nil, records) {
		if o.Series == "1on1/ravi-patel" {
			got[o.ID] = o.Status
			if _, has := records[o.ID]; (o.Record != nil) != has {
				t.Errorf("%s: record %v, want one only where there is a record", o.ID, o.Record)
			}
			if o.Moved {
				t.Errorf("%s moved without an At", o.ID)
			}
		}
	}
	want := map[string]MeetingStatus{
		"1on1/ravi-patel/2026-11-03": MeetingHeld,
		"1on1/ravi-patel/2026-11-10": MeetingSkipped,
		"1on1/ravi-patel/2026-11-17": MeetingCancelled,
		"1on1/ravi-patel/2026-11-24": MeetingScheduled,
		"1on1/ravi-patel/2026-12-01": MeetingScheduled,
	}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("(-got +want):\n%s", diff)
	}
	// The occurrence holds a copy: changing it leaves the caller's record alone.
	o, err := c.OccurrenceByID("1on1/ravi-patel/2026-11-03", nil, records)
	if err != nil {
		t.Fatal(err)
	}
	o.Record.Actions[0].Text = "changed"
	o.Record.Status = MeetingSkipped
	if r := records["1on1/ravi-patel/2026-11-03"]; r.Actions[0].Text != "send deck" || r.Status != MeetingHeld {
		t.Errorf("record changed through the occurrence: %+v", r)
	}
}

func TestOccurrencesOffCadenceRecord(t *testing.T) {
	// Dana's 1:1 used to be on Tuesdays; the config moved it to Wednesdays.
	// The Tuesday that was held keeps its notes.
	c := scheduleConfig(t)
	records := map[string]MeetingRecord{
		"1on1/dana-cruz/2026-11-03":   {Status: MeetingHeld, Notes: "old slot"},
		"1on1/gone-member/2026-11-03": {Status: MeetingHeld},
		"qbr/umbrella/2026-Q4":        {Status: MeetingHeld, Satisfaction: 8},
		"not an id":                   {},
	}
	got := ids(c.Occurrences(MustDate("2026-11-02"), MustDate("2026-11-11"), schedulePartners, records))
	want := []string{
		"1on1/ravi-patel/2026-11-03", "1on1/dana-cruz/2026-11-03", "pipeline/2026-11-03", "1on1/dana-cruz/2026-11-04",
		"1on1/ravi-patel/2026-11-10", "1on1/dana-cruz/2026-11-11", "qbr/acme-inc/2026-Q4", "qbr/globex/2026-Q4", "qbr/umbrella/2026-Q4",
	}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("(-got +want):\n%s", diff)
	}
	o, err := c.OccurrenceByID("1on1/dana-cruz/2026-11-03", nil, records)
	if err != nil {
		t.Fatalf("off-cadence ID with a record: %v", err)
	}
	if o.Start.Format("15:04") != "11:00" || o.Status != MeetingHeld {
		t.Errorf("got %s %s, want 11:00 held", o.Start.Format("15:04"), o.Status)
	}
	if _, err := c.OccurrenceByID("1on1/gone-member/2026-11-03", nil, records); !errors.Is(err, ErrNoOccurrence) {
		t.Errorf("unknown member with a record: got %v, want ErrNoOccurrence", err)
	}
}

func TestOccurrencesAdhoc(t *testing.T) {
	c := scheduleConfig(t)
	records := map[string]MeetingRecord{
		"adhoc/3": {
			ID: "adhoc/3", Title: "Marketplace launch", Minutes: 45, At: at(t, "2026-11-05T19:00:00Z"),
			Attendees: []string{"Ravi Patel", "Guest Speaker", "jordan lee"}, Status: MeetingHeld,
		},
		"adhoc/4": {ID: "adhoc/4", Title: "no time yet"},
		"adhoc/5": {ID: "adhoc/5", At: at(t, "2026-11-06T04:30:00Z")}, // 23:30 local on the 5th
	}
	got := c.Occurrences(MustDate("2026-11-05"), MustDate("2026-11-05"), nil, records)
	if diff := cmp.Diff(ids(got), []string{"adhoc/3", "adhoc/5"}); diff != "" {
		t.Fatalf("(-got +want):\n%s", diff)
	}
	loc := c.Location
	rec := records["adhoc/3"]
	want := Occurrence{
		ID: "adhoc/3", Kind: KindAdhoc, Series: "adhoc/3", Title: "Marketplace launch",
		Planned: MustDate("2026-11-05"), Date: MustDate("2026-11-05"),
		Start: time.Date(2026, 11, 5, 14, 0, 0, 0, loc), End: time.Date(2026, 11, 5, 14, 45, 0, 0, loc), Minutes: 45,
		Attendees: []string{"Jordan Lee", "Ravi Patel", "Guest Speaker"}, Status: MeetingHeld, Record: &rec,
	}
	if diff := cmp.Diff(got[0], want, scheduleCmp); diff != "" {
		t.Errorf("adhoc/3 (-got +want):\n%s", diff)
	}
	if got[1].Title != "One-off meeting" || got[1].Minutes != 30 || got[1].Status != MeetingScheduled {
		t.Errorf("adhoc/5 defaults: %q %dm %s", got[1].Title, got[1].Minutes, got[1].Status)
	}
	if o, err := c.OccurrenceByID("adhoc/3", nil, records); err != nil || o.Title != "Marketplace launch" {
		t.Errorf("OccurrenceByID(adhoc/3) = %q, %v", o.Title, err)
	}
	for _, id := range []string{"adhoc/4", "adhoc/9"} {
		if _, err := c.OccurrenceByID(id, nil, records); !errors.Is(err, ErrNoOccurrence) {
			t.Errorf("OccurrenceByID(%s): got %v, want ErrNoOccurrence", id, err)
		}
	}
	if _, ok := c.NextInSeries(got[0], nil, records); ok {
		t.Error("a one-off meeting has a next occurrence")
	}
}

func TestOccurrencesReadout(t *testing.T) {
	tests := []struct {
		every       ReadoutEvery
		want        []string
		wantQuarter []Quarter
	}{
		{EveryQuarter, []string{"readout/2026-10-29", "readout/2027-01-28"}, []Quarter{{2026, 3}, {2026, 4}}},
		{EveryMonth, []string{"readout/2026-10-29", "readout/2026-11-26", "readout/2026-12-31", "readout/2027-01-28"}, []Quarter{{}, {}, {}, {}}},
	}
	for _, tt := range tests {
		t.Run(string(tt.every), func(t *testing.T) {
			c := scheduleConfig(t)
			c.Readout.Every = tt.every
			var got []string
			var quarters []Quarter
			for _, o := range c.Occurrences(MustDate("2026-10-01"), MustDate("2027-01-31"), nil, nil) {
				if o.Kind == KindReadout {
					got = append(got, o.ID)
					quarters = append(quarters, o.Quarter)
					if diff := cmp.Diff(o.Attendees, []string{"Alex Kim", "Jordan Lee", "Mia Chen"}); diff != "" {
						t.Errorf("%s attendees (-got +want):\n%s", o.ID, diff)
					}
					if o.Start.Format("15:04") != "16:00" || o.Minutes != 45 {
						t.Errorf("%s at %s for %dm, want 16:00 for 45m", o.ID, o.Start.Format("15:04"), o.Minutes)
					}
				}
			}
			if diff := cmp.Diff(got, tt.want); diff != "" {
				t.Errorf("IDs (-got +want):\n%s", diff)
			}
			if diff := cmp.Diff(quarters, tt.wantQuarter); diff != "" {
				t.Errorf("quarters (-got +want):\n%s", diff)
			}
		})
	}
	c := scheduleConfig(t)
	o, err := c.OccurrenceByID("readout/2026-10-29", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if o.Title != "Executive readout (2026-Q3)" {
		t.Errorf("title = %q", o.Title)
	}
}

func TestOccurrenceByIDErrors(t *testing.T) {
	c := scheduleConfig(t)
	tests := []struct {
		id       string
		sentinel error
		want     string // a part of the message
	}{
		{"1on1/dana-cruz/2026-11-25x", ErrBadOccurrenceID, "YYYY-MM-DD"},
		{"1on1/dana-cruz/2026-11-24", ErrNoOccurrence, "no 1:1 with Dana Cruz on 2026-11-24: Dana Cruz's 1:1s are on Wednesdays at 11:00; the nearest is 2026-11-25"},
		{"1on1/ravi-patel/2026-11-25", ErrNoOccurrence, "Ravi Patel's 1:1s are on Tuesdays at 10:00; the nearest is 2026-11-24"},
		{"1on1/ravi-patel/2026-11-28", ErrNoOccurrence, "the nearest is 2026-12-01"},
		{"1on1/dana-kruz/2026-11-25", ErrNoOccurrence, `no partner manager with the ID "dana-kruz" (1:1s are with dana-cruz, ravi-patel)`},
		{"1on1/sam-ortiz/2026-11-24", ErrNoOccurrence, "1:1s are with partner managers, and Sam Ortiz's role is sales"},
		{"pipeline/2026-11-04", ErrNoOccurrence, "pipeline reviews are on the first tue of each month, in November 2026 on 2026-11-03"},
		{"readout/2026-11-26", ErrNoOccurrence, "first month of each quarter; the next is 2027-01-28"},
		{"readout/2026-10-22", ErrNoOccurrence, "readouts are on the last thu, in October 2026 on 2026-10-29"},
		{"qbr/nobody/2026-Q4", ErrNoOccurrence, `no partner with the ID "nobody"`},
		{"qbr/umbrella/2026-Q4", ErrNoOccurrence, "QBRs are for active partners, and Umbrella is paused"},
		{"qbr/initech/2026-Q4", ErrNoOccurrence, "QBRs are for partners of tier 1, and Initech is tier 2"},
		{"qbr/hooli/2026-Q4", ErrNoOccurrence, "it joined on 2026-11-20, after that quarter's window (2026-10-01 to 2026-11-11)"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			_, err := c.OccurrenceByID(tt.id, schedulePartners, nil)
			if !errors.Is(err, tt.sentinel) {
				t.Fatalf("got %v, want %v", err, tt.sentinel)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %q, want it to contain %q", err, tt.want)
			}
		})
	}
	c.QBR.Tiers = []int{1, 2}
	c.Team = c.Team[:2]
	if _, err := c.OccurrenceByID("qbr/umbrella/2026-Q4", schedulePartners, nil); err == nil || !strings.Contains(err.Error(), "paused") {
		t.Errorf("got %v", err)
	}
	c.QBR.Tiers = []int{2, 3}
	if _, err := c.OccurrenceByID("qbr/acme-inc/2026-Q4", schedulePartners, nil); err == nil || !strings.Contains(err.Error(), "tier 2 or 3") {
		t.Errorf("got %v, want it to name tier 2 or 3", err)
	}
	if _, err := c.OccurrenceByID("1on1/ravi-patel/2026-11-24", nil, nil); err == nil || !strings.Contains(err.Error(), "the team has no partner managers") {
		t.Errorf("got %v, want it to say there are no partner managers", err)
	}
}

func TestParseOccurrenceID(t *testing.T) {
	c := scheduleConfig(t)
	good := []struct {
		id      string
		kind    Kind
		series  string
		planned string
	}{
		{"1on1/dana-cruz/2026-11-24", KindOneOnOne, "1on1/dana-cruz", "2026-11-24"},
		{"pipeline/2026-11-03", KindPipeline, "pipeline", "2026-11-03"},
		{"readout/2026-10-29", KindReadout, "readout", "2026-10-29"},
		{"qbr/acme-inc/2026-Q4", KindQBR, "qbr/acme-inc", "2026-11-11"},
		{"qbr/x1/2028-Q1", KindQBR, "qbr/x1", "2028-02-11"},
		{"adhoc/12", KindAdhoc, "adhoc/12", ""},
	}
	for _, tt := range good {
		t.Run(tt.id, func(t *testing.T) {
			kind, series, planned, err := c.ParseOccurrenceID(tt.id)
			if err != nil {
				t.Fatal(err)
			}
			if kind != tt.kind || series != tt.series || planned.String() != tt.planned {
				t.Errorf("got %s %s %s, want %s %s %s", kind, series, planned, tt.kind, tt.series, tt.planned)
			}
			if got := SeriesOf(tt.id); got != tt.series {
				t.Errorf("SeriesOf = %q, want %q", got, tt.series)
			}
		})
	}
	bad := []struct{ id, want string }{
		{"", `"" is not a kind of meeting; a meeting ID looks like 1on1/<member-slug>/<YYYY-MM-DD>`},
		{"meeting/2026-11-03", `"meeting" is not a kind of meeting`},
		{"1on1/dana-cruz", "has 2 parts, not 3; a 1:1 ID looks like 1on1/<member-slug>/<YYYY-MM-DD>, e.g. 1on1/dana-cruz/2026-11-24"},
		{"1on1/Dana-Cruz/2026-11-24", `"Dana-Cruz" is not a slug`},
		{"1on1/dana--cruz/2026-11-24", `"dana--cruz" is not a slug`},
		{"1on1//2026-11-24", `"" is not a slug`},
		{"1on1/dana-cruz/2026-11-31", `"2026-11-31" is not a date written YYYY-MM-DD`},
		{"1on1/dana-cruz/2026-1-24", `"2026-1-24" is not a date`},
		{"pipeline/2026-11-03/x", "has 3 parts, not 2; a pipeline review ID looks like pipeline/<YYYY-MM-DD>"},
		{"readout/11/03/2026", "a readout ID looks like readout/<YYYY-MM-DD>"},
		{"qbr/acme/2026-Q5", `"2026-Q5" is not a quarter written YYYY-Qn; a QBR ID looks like qbr/<partner-slug>/<YYYY>-Q<n>`},
		{"qbr/acme/2026q4", `"2026q4" is not a quarter`},
		{"qbr/acme/2026-11-11", `is not a quarter`},
		{"adhoc/0", `"0" is not a positive whole number; a one-off meeting ID looks like adhoc/<n>`},
		{"adhoc/07", `"07" is not a positive whole number`},
		{"adhoc/x", `"x" is not a positive whole number`},
	}
	for _, tt := range bad {
		t.Run("bad "+tt.id, func(t *testing.T) {
			_, _, _, err := c.ParseOccurrenceID(tt.id)
			if !errors.Is(err, ErrBadOccurrenceID) {
				t.Fatalf("got %v, want ErrBadOccurrenceID", err)
			}
			if errors.Is(err, ErrNoOccurrence) {
				t.Errorf("%v also matches ErrNoOccurrence", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %q, want it to contain %q", err, tt.want)
			}
			if _, err := c.OccurrenceByID(tt.id, nil, nil); !errors.Is(err, ErrBadOccurrenceID) {
				t.Errorf("OccurrenceByID: got %v, want ErrBadOccurrenceID", err)
			}
		})
	}
}

func TestSeriesOf(t *testing.T) {
	for id, want := range map[string]string{
		"1on1/dana-cruz/2026-11-24": "1on1/dana-cruz",
		"qbr/acme/2026-Q4":          "qbr/acme",
		"pipeline/2026-11-03":       "pipeline",
		"adhoc/7":                   "adhoc/7",
		"nonsense":                  "nonsense",
	} {
		if got := SeriesOf(id); got != want {
			t.Errorf("SeriesOf(%q) = %q, want %q", id, got, want)
		}
	}
}

func TestNextPrevInSeries(t *testing.T) {
	c := scheduleConfig(t)
	records := map[string]MeetingRecord{
		// a move does not change the order of the series: it is by planned date
		"1on1/ravi-patel/2027-01-05": {At: at(t, "2027-01-08T15:00:00Z")},
	}
	tests := []struct {
		id, next, prev string
	}{
		{"1on1/ravi-patel/2026-12-29", "1on1/ravi-patel/2027-01-05", "1on1/ravi-patel/2026-12-22"},
		{"1on1/ravi-patel/2027-01-05", "1on1/ravi-patel/2027-01-12", "1on1/ravi-patel/2026-12-29"},
		{"1on1/dana-cruz/2026-12-30", "1on1/dana-cruz/2027-01-06", "1on1/dana-cruz/2026-12-23"},
		{"pipeline/2026-12-01", "pipeline/2027-01-05", "pipeline/2026-11-03"},
		{"readout/2026-10-29", "readout/2027-01-28", "readout/2026-07-30"},
		{"readout/2027-01-28", "readout/2027-04-29", "readout/2026-10-29"},
		{"qbr/acme-inc/2026-Q4", "qbr/acme-inc/2027-Q1", "qbr/acme-inc/2026-Q3"},
		{"qbr/acme-inc/2027-Q1", "qbr/acme-inc/2027-Q2", "qbr/acme-inc/2026-Q4"},
		{"qbr/hooli/2027-Q1", "qbr/hooli/2027-Q2", ""}, // joined 2026-11-20
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			o, err := c.OccurrenceByID(tt.id, schedulePartners, records)
			if err != nil {
				t.Fatal(err)
			}
			next, ok := c.NextInSeries(o, schedulePartners, records)
			if got := map[bool]string{true: next.ID}[ok]; got != tt.next {
				t.Errorf("next = %q, want %q", got, tt.next)
			}
			prev, ok := c.PrevInSeries(o, schedulePartners, records)
			if got := map[bool]string{true: prev.ID}[ok]; got != tt.prev {
				t.Errorf("prev = %q, want %q", got, tt.prev)
			}
		})
	}
	o, _ := c.OccurrenceByID("1on1/ravi-patel/2026-12-29", nil, records)
	next, _ := c.NextInSeries(o, nil, records)
	if !next.Moved || next.Date != MustDate("2027-01-08") {
		t.Errorf("next 1:1 has its record applied: moved %v date %s, want moved to 2027-01-08", next.Moved, next.Date)
	}
	if _, ok := c.NextInSeries(Occurrence{Kind: KindQBR, Series: "qbr/umbrella", Planned: MustDate("2026-11-11")}, schedulePartners, nil); ok {
		t.Error("a paused partner has a next QBR")
	}
}

func TestNextOneOnOne(t *testing.T) {
	c := scheduleConfig(t)
	records := map[string]MeetingRecord{"1on1/ravi-patel/2026-11-10": {Status: MeetingSkipped}}
	tests := []struct {
		name, member, now, want string
	}{
		{"before it starts", "Ravi Patel", "2026-11-02T12:00:00Z", "1on1/ravi-patel/2026-11-03"},
		{"while it runs", "ravi patel", "2026-11-03T15:20:00Z", "1on1/ravi-patel/2026-11-03"},
		{"as it ends", "RAVI PATEL", "2026-11-03T15:30:00Z", "1on1/ravi-patel/2026-11-17"}, // 11-10 is skipped
		{"override slot", "Dana Cruz", "2026-11-03T15:30:00Z", "1on1/dana-cruz/2026-11-04"},
		{"not on the team", "Nobody", "2026-11-03T15:30:00Z", ""},
		{"not a partner manager", "Sam Ortiz", "2026-11-03T15:30:00Z", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, ok := c.NextOneOnOne(tt.member, at(t, tt.now), records)
			if got := map[bool]string{true: o.ID}[ok]; got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDeadline(t *testing.T) {
	c := scheduleConfig(t)
	qbr, err := c.OccurrenceByID("qbr/acme-inc/2026-Q4", schedulePartners, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := qbr.Deadline(c.Location), time.Date(2026, 11, 12, 0, 0, 0, 0, c.Location); !got.Equal(want) {
		t.Errorf("unscheduled QBR deadline = %s, want %s", got, want)
	}
	one, err := c.OccurrenceByID("1on1/ravi-patel/2026-11-03", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := one.Deadline(c.Location), at(t, "2026-11-03T15:30:00Z"); !got.Equal(want) {
		t.Errorf("1:1 deadline = %s, want %s", got, want)
	}
}

func TestCarriedOver(t *testing.T) {
	c := scheduleConfig(t)
	open := []ActionItem{
		{ID: "A5", Text: "undated", Meeting: "1on1/ravi-patel/2026-10-27"},
		{ID: "A4", Text: "b", Due: MustDate("2026-11-06"), Meeting: "1on1/ravi-patel/2026-10-20"},
		{ID: "A3", Text: "a", Due: MustDate("2026-11-06"), Meeting: "1on1/ravi-patel/2026-10-27"},
		{ID: "A2", Text: "earliest due", Due: MustDate("2026-10-30"), Meeting: "1on1/ravi-patel/2026-10-27"},
		{ID: "A6", Text: "done", Due: MustDate("2026-10-30"), Done: MustDate("2026-10-31"), Meeting: "1on1/ravi-patel/2026-10-27"},
		{ID: "A7", Text: "from this meeting", Meeting: "1on1/ravi-patel/2026-11-03"},
		{ID: "A8", Text: "later meeting", Meeting: "1on1/ravi-patel/2026-11-10"},
		{ID: "A9", Text: "other series", Meeting: "1on1/dana-cruz/2026-10-28"},
		{ID: "A10", Text: "pipeline", Meeting: "pipeline/2026-10-06"},
		{ID: "A11", Text: "bad id", Meeting: "1on1/ravi-patel/someday"},
		{ID: "Q1", Text: "qbr earlier", Meeting: "qbr/acme-inc/2026-Q3"},
		{ID: "Q2", Text: "qbr same", Meeting: "qbr/acme-inc/2026-Q4"},
		{ID: "Q3", Text: "qbr last year", Meeting: "qbr/acme-inc/2025-Q4"},
		{ID: "Q4", Text: "qbr later", Meeting: "qbr/acme-inc/2027-Q1"},
		{ID: "X1", Text: "adhoc", Meeting: "adhoc/3"},
	}
	ids := func(a []ActionItem) []string {
		out := []string{}
		for _, x := range a {
			out = append(out, x.ID)
		}
		return out
	}
	tests := []struct {
		id   string
		want []string
	}{
		{"1on1/ravi-patel/2026-11-03", []string{"A2", "A3", "A4", "A5"}},
		{"pipeline/2026-11-03", []string{"A10"}},
		{"pipeline/2026-10-06", []string{}},
		{"qbr/acme-inc/2026-Q4", []string{"Q1", "Q3"}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			o, err := c.OccurrenceByID(tt.id, schedulePartners, nil)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(ids(CarriedOver(o, open)), tt.want); diff != "" {
				t.Errorf("(-got +want):\n%s", diff)
			}
		})
	}
	if got := CarriedOver(Occurrence{ID: "adhoc/3", Kind: KindAdhoc, Series: "adhoc/3"}, open); len(got) != 0 {
		t.Errorf("one-off meeting carries over %v", ids(got))
	}
}

// BenchmarkOccurrencesLookback is the meeting_missed flag's share of the
// 2 ms flag budget (§10): the 28 days before today on the large demo's
// scale, 40 members and 5,000 partners.
func BenchmarkOccurrencesLookback(b *testing.B) {
	c := DefaultConfig()
	c.Team = []Member{{Name: "Head", Role: RoleHead}}
	for i := range 39 {
		c.Team = append(c.Team, Member{Name: fmt.Sprintf("Manager %d", i), Role: RolePartnerManager})
	}
	partners := make([]Partner, 5000)
	for i := range partners {
		partners[i] = Partner{Name: fmt.Sprintf("Partner %d", i), Tier: 1 + i%3, Owner: "Manager 1", Status: PartnerActive}
	}
	records := map[string]MeetingRecord{}
	from, to := MustDate("2026-10-15"), MustDate("2026-11-11") // holds a QBR window's end
	for _, o := range c.Occurrences(from, to, partners, nil) {
		records[o.ID] = MeetingRecord{ID: o.ID, Status: MeetingHeld}
	}
	b.ResetTimer()
	for b.Loop() {
		c.Occurrences(from, to, partners, records)
	}
}
