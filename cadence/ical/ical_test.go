package ical

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"
	"github.com/teambition/rrule-go"

	"partnercadence/cadence"
)

// The output is read back with github.com/emersion/go-ical, a parser we did
// not write with (the writer is github.com/arran4/golang-ical).

func write(t testing.TB, cfg *cadence.Config, occs []cadence.Occurrence, now time.Time, describe func(cadence.Occurrence) string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, cfg, occs, now, describe); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func decode(t testing.TB, data []byte) *goical.Calendar {
	t.Helper()
	cal, err := goical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatalf("decode: %v\n%s", err, data)
	}
	return cal
}

func text(t testing.TB, c *goical.Component, name string) string {
	t.Helper()
	p := c.Props.Get(name)
	if p == nil {
		t.Fatalf("%s has no %s", c.Name, name)
	}
	s, err := p.Text()
	if err != nil {
		t.Fatalf("%s %s: %v", c.Name, name, err)
	}
	return s
}

func eventByUID(t testing.TB, cal *goical.Calendar, uid string) goical.Event {
	t.Helper()
	for _, e := range cal.Events() {
		if p := e.Props.Get(goical.PropUID); p != nil && p.Value == uid {
			return e
		}
	}
	t.Fatalf("no event %s", uid)
	return goical.Event{}
}

func TestCalendar(t *testing.T) {
	cfg := configIn(t, "")
	occs := occurrences(t, cfg, nil)
	cal := decode(t, write(t, cfg, occs, fixtureNow, nil))
	for name, want := range map[string]string{
		goical.PropProductID: ProdID, goical.PropVersion: "2.0",
		goical.PropCalendarScale: "GREGORIAN", goical.PropMethod: "PUBLISH",
	} {
		if got := text(t, cal.Component, name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	var wantUIDs []string
	unscheduled := 0
	for _, o := range occs {
		if o.Scheduled() {
			wantUIDs = append(wantUIDs, o.ID+"@cadence")
		} else {
			unscheduled++
		}
	}
	if unscheduled == 0 {
		t.Fatal("the fixture should hold a QBR nobody scheduled")
	}
	var uids []string
	for _, e := range cal.Events() {
		uids = append(uids, e.Props.Get(goical.PropUID).Value)
		if got := text(t, e.Component, goical.PropStatus); got != "CONFIRMED" {
			t.Errorf("%s: STATUS %s", uids[len(uids)-1], got)
		}
		stamp, err := e.Props.DateTime(goical.PropDateTimeStamp, nil)
		if err != nil || !stamp.Equal(fixtureNow) || !strings.HasSuffix(e.Props.Get(goical.PropDateTimeStamp).Value, "Z") {
			t.Errorf("DTSTAMP %v %v, want %v in UTC", e.Props.Get(goical.PropDateTimeStamp).Value, err, fixtureNow)
		}
	}
	if !slices.Equal(uids, wantUIDs) {
		t.Errorf("UIDs %q, want %q", uids, wantUIDs)
	}
	e := eventByUID(t, cal, "readout/2026-10-29@cadence")
	if got := text(t, e.Component, goical.PropSummary); got != "Executive readout (2026-Q3)" {
		t.Errorf("SUMMARY %q", got)
	}
	if got := text(t, e.Component, goical.PropCategories); got != "readout" {
		t.Errorf("CATEGORIES %q", got)
	}
	if e.Props.Get(goical.PropDescription) != nil {
		t.Errorf("DESCRIPTION with no describe func")
	}
}

// TestTimesAcrossDST: a 10:00 New York 1:1 either side of the 1 Nov 2026
// change is 14:00Z, then 15:00Z — read through the TZID (the parser's zone
// database) and through the VTIMEZONE alone.
func TestTimesAcrossDST(t *testing.T) {
	cfg := configIn(t, "")
	data := write(t, cfg, occurrences(t, cfg, nil), fixtureNow, nil)
	cal := decode(t, data)
	zones := timezones(t, cal)
	for uid, want := range map[string][2]string{
		"1on1/dana-cruz/2026-10-27@cadence": {"2026-10-27T14:00:00Z", "2026-10-27T14:30:00Z"},
		"1on1/dana-cruz/2026-11-03@cadence": {"2026-11-03T15:00:00Z", "2026-11-03T15:30:00Z"},
	} {
		e := eventByUID(t, cal, uid)
		for i, prop := range []string{goical.PropDateTimeStart, goical.PropDateTimeEnd} {
			p := e.Props.Get(prop)
			if tz := p.Params.Get(goical.PropTimezoneID); tz != "America/New_York" {
				t.Errorf("%s %s: TZID %q", uid, prop, tz)
			}
			got, err := p.DateTime(nil)
			if err != nil || got.UTC().Format(time.RFC3339) != want[i] {
				t.Errorf("%s %s = %v (%v), want %s", uid, prop, got.UTC(), err, want[i])
			}
			if got := zones.resolve(t, p); got.UTC().Format(time.RFC3339) != want[i] {
				t.Errorf("%s %s by the VTIMEZONE = %v, want %s", uid, prop, got.UTC(), want[i])
			}
		}
	}
	obs := zones["America/New_York"]
	// New York's rule since 2007, from the year before the first event.
	want := []tzObservance{
		{"STANDARD", "20251102T020000", "-0400", "-0500", "EST", "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU"},
		{"DAYLIGHT", "20250309T020000", "-0500", "-0400", "EDT", "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"},
	}
	if !slices.Equal(obs, want) {
		t.Errorf("VTIMEZONE observances %+v, want %+v", obs, want)
	}
}

// tzObservance is a STANDARD or DAYLIGHT component as written.
type tzObservance struct {
	Kind, Start, From, To, Name, RRule string
}

// zoneTable is the calendar's VTIMEZONEs by TZID.
type zoneTable map[string][]tzObservance

func timezones(t testing.TB, cal *goical.Calendar) zoneTable {
	t.Helper()
	out := zoneTable{}
	for _, c := range cal.Children {
		if c.Name != goical.CompTimezone {
			continue
		}
		id := text(t, c, goical.PropTimezoneID)
		for _, o := range c.Children {
			rule := ""
			if p := o.Props.Get(goical.PropRecurrenceRule); p != nil {
				rule = p.Value
			}
			out[id] = append(out[id], tzObservance{o.Name, o.Props.Get(goical.PropDateTimeStart).Value,
				o.Props.Get(goical.PropTimezoneOffsetFrom).Value, o.Props.Get(goical.PropTimezoneOffsetTo).Value,
				text(t, o, goical.PropTimezoneName), rule})
		}
	}
	return out
}

func parseOffset(t testing.TB, s string) time.Duration {
	t.Helper()
	var sign, h, m, sec int
	switch len(s) {
	case 5:
		_, err := fmt.Sscanf(s[1:], "%02d%02d", &h, &m)
		if err != nil {
			t.Fatalf("offset %q: %v", s, err)
		}
	case 7:
		_, err := fmt.Sscanf(s[1:], "%02d%02d%02d", &h, &m, &sec)
		if err != nil {
			t.Fatalf("offset %q: %v", s, err)
		}
	default:
		t.Fatalf("offset %q", s)
	}
	sign = 1
	if s[0] == '-' {
		sign = -1
	}
	return time.Duration(sign) * (time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(sec)*time.Second)
}

// resolve reads a DATE-TIME by RFC 5545's rules using only the calendar's
// VTIMEZONE (not a zone database): the observance in effect is the one with
// the latest onset at or before the instant; a local time that occurs twice
// is the first. An observance's RRULE is expanded by
// github.com/teambition/rrule-go, not by us.
func (z zoneTable) resolve(t testing.TB, p *goical.Prop) time.Time {
	t.Helper()
	if strings.HasSuffix(p.Value, "Z") {
		v, err := time.Parse(utcLayout, p.Value)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tzid := p.Params.Get(goical.PropTimezoneID)
	obs, ok := z[tzid]
	if !ok || len(obs) == 0 {
		t.Fatalf("%s: no VTIMEZONE %q", p.Value, tzid)
	}
	local, err := time.Parse(localLayout, p.Value)
	if err != nil {
		t.Fatal(err)
	}
	type span struct {
		onset time.Time
		to    time.Duration
	}
	var spans []span
	for _, o := range obs {
		start, err := time.Parse(localLayout, o.Start)
		if err != nil {
			t.Fatal(err)
		}
		onsets := []time.Time{start}
		if o.RRule != "" {
			opt, err := rrule.StrToROption(o.RRule)
			if err != nil {
				t.Fatalf("RRULE %s: %v", o.RRule, err)
			}
			opt.Dtstart = start
			r, err := rrule.NewRRule(*opt)
			if err != nil {
				t.Fatalf("RRULE %s: %v", o.RRule, err)
			}
			onsets = r.Between(start, local.AddDate(1, 0, 0), true)
		}
		for _, on := range onsets {
			spans = append(spans, span{on.Add(-parseOffset(t, o.From)), parseOffset(t, o.To)})
		}
	}
	slices.SortFunc(spans, func(a, b span) int { return a.onset.Compare(b.onset) })
	for i, s := range spans {
		at := local.Add(-s.to)
		if i > 0 && at.Before(s.onset) {
			continue
		}
		if i+1 < len(spans) && !at.Before(spans[i+1].onset) {
			continue
		}
		return at
	}
	t.Fatalf("%s;TZID=%s falls in no observance of %+v", p.Value, tzid, obs)
	return time.Time{}
}

// TestZones writes a meeting every 7 hours 13 minutes for two years in
// zones with and without daylight saving time, with odd offsets and
// southern summers, and reads every start back through the VTIMEZONE alone.
func TestZones(t *testing.T) {
	for _, zone := range []string{
		"America/New_York", "Europe/London", "Europe/Dublin", "Australia/Sydney", "Asia/Kolkata",
		"Asia/Tokyo", "America/Sao_Paulo", "Pacific/Chatham", "Africa/Casablanca", "Australia/Lord_Howe", "Etc/GMT+5",
	} {
		t.Run(zone, func(t *testing.T) {
			cfg := configIn(t, zone)
			var occs []cadence.Occurrence
			for at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC); at.Year() < 2028; at = at.Add(7*time.Hour + 13*time.Minute) {
				occs = append(occs, cadence.Occurrence{ID: "adhoc/" + fmt.Sprint(len(occs)+1), Kind: cadence.KindAdhoc,
					Title: "x", Start: at.In(cfg.Location), End: at.Add(45 * time.Minute).In(cfg.Location)})
			}
			cal := decode(t, write(t, cfg, occs, fixtureNow, nil))
			zones := timezones(t, cal)
			events := cal.Events()
			if len(events) != len(occs) {
				t.Fatalf("%d events, want %d", len(events), len(occs))
			}
			utc := 0
			for i, e := range events {
				for _, c := range []struct {
					prop string
					want time.Time
				}{{goical.PropDateTimeStart, occs[i].Start}, {goical.PropDateTimeEnd, occs[i].End}} {
					p := e.Props.Get(c.prop)
					if strings.HasSuffix(p.Value, "Z") {
						utc++
					}
					if got := zones.resolve(t, p); !got.Equal(c.want) {
						t.Fatalf("%s %s = %v, want %v", p.Value, p.Params.Get(goical.PropTimezoneID), got.UTC(), c.want.UTC())
					}
				}
			}
			if utc > 8 {
				t.Errorf("%d times written in UTC: only the repeated hour should be", utc)
			}
		})
	}
}

func TestUTCConfig(t *testing.T) {
	cfg := configIn(t, "UTC")
	data := write(t, cfg, occurrences(t, cfg, nil), fixtureNow, nil)
	cal := decode(t, data)
	if z := timezones(t, cal); len(z) != 0 {
		t.Errorf("VTIMEZONE %v in a UTC calendar", z)
	}
	e := eventByUID(t, cal, "1on1/dana-cruz/2026-11-03@cadence")
	if got := e.Props.Get(goical.PropDateTimeStart).Value; got != "20261103T100000Z" {
		t.Errorf("DTSTART %s, want 20261103T100000Z", got)
	}
}

// TestRepeatedHour: 01:30 happens twice in New York on 1 Nov 2026. The
// first is written with the TZID (RFC 5545 reads an ambiguous time as the
// first); the second can only be written in UTC.
func TestRepeatedHour(t *testing.T) {
	cfg := configIn(t, "")
	first := time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC)
	second := time.Date(2026, 11, 1, 6, 30, 0, 0, time.UTC)
	occs := []cadence.Occurrence{
		{ID: "adhoc/1", Kind: cadence.KindAdhoc, Title: "first", Start: first.In(cfg.Location), End: first.Add(15 * time.Minute)},
		{ID: "adhoc/2", Kind: cadence.KindAdhoc, Title: "second", Start: second.In(cfg.Location), End: second.Add(15 * time.Minute)},
	}
	cal := decode(t, write(t, cfg, occs, fixtureNow, nil))
	if got := eventByUID(t, cal, "adhoc/1@cadence").Props.Get(goical.PropDateTimeStart); got.Value != "20261101T013000" ||
		got.Params.Get(goical.PropTimezoneID) != "America/New_York" {
		t.Errorf("first 01:30: DTSTART %s %v", got.Value, got.Params)
	}
	if got := eventByUID(t, cal, "adhoc/2@cadence").Props.Get(goical.PropDateTimeStart); got.Value != "20261101T063000Z" {
		t.Errorf("second 01:30: DTSTART %s, want 20261101T063000Z", got.Value)
	}
}

func TestMovedAndCancelled(t *testing.T) {
	cfg := configIn(t, "")
	const id = "1on1/dana-cruz/2026-11-24"
	plain := decode(t, write(t, cfg, occurrences(t, cfg, nil), fixtureNow, nil))
	movedRec := map[string]cadence.MeetingRecord{id: {ID: id, At: time.Date(2026, 11, 25, 16, 0, 0, 0, time.UTC), Revision: 1}}
	moved := decode(t, write(t, cfg, occurrences(t, cfg, movedRec), fixtureNow, nil))
	movedLater := decode(t, write(t, cfg, occurrences(t, cfg, movedRec), fixtureNow.Add(24*time.Hour), nil))
	cancelledCal := decode(t, write(t, cfg, occurrences(t, cfg, map[string]cadence.MeetingRecord{
		id: {ID: id, At: time.Date(2026, 11, 25, 16, 0, 0, 0, time.UTC), Status: cadence.MeetingCancelled, Revision: 2},
	}), fixtureNow, nil))
	skipped := decode(t, write(t, cfg, occurrences(t, cfg, map[string]cadence.MeetingRecord{
		id: {ID: id, Status: cadence.MeetingSkipped, Revision: 1},
	}), fixtureNow, nil))
	later := decode(t, write(t, cfg, occurrences(t, cfg, nil), fixtureNow.Add(time.Minute), nil))

	seq := func(cal *goical.Calendar) int {
		t.Helper()
		n, err := eventByUID(t, cal, id+"@cadence").Props.Get(goical.PropSequence).Int()
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	// The SEQUENCE is the record's revision: it changes with the meeting,
	// not with the moment of the export.
	got := []int{seq(plain), seq(later), seq(moved), seq(movedLater), seq(cancelledCal), seq(skipped)}
	if want := []int{0, 0, 1, 1, 2, 1}; !slices.Equal(got, want) {
		t.Errorf("SEQUENCE plain, a minute later, moved, moved a day later, then cancelled, skipped = %v, want %v", got, want)
	}
	e := eventByUID(t, moved, id+"@cadence")
	if start, err := e.DateTimeStart(nil); err != nil || !start.Equal(time.Date(2026, 11, 25, 16, 0, 0, 0, time.UTC)) {
		t.Errorf("moved DTSTART %v %v", start, err)
	}
	for name, cal := range map[string]*goical.Calendar{"cancelled": cancelledCal, "skipped": skipped} {
		if got := text(t, eventByUID(t, cal, id+"@cadence").Component, goical.PropStatus); got != "CANCELLED" {
			t.Errorf("%s: STATUS %s, want CANCELLED", name, got)
		}
	}
	// The same inputs give the same file.
	a := write(t, cfg, occurrences(t, cfg, nil), fixtureNow, nil)
	b := write(t, cfg, occurrences(t, cfg, nil), fixtureNow, nil)
	if !bytes.Equal(a, b) {
		t.Error("two writes of the same calendar differ")
	}
}

var hostileText = []string{
	`back\slash; semi, comma: colon "quote"`,
	"line one\nline two\r\nline three\rfour",
	"\\n is not a newline, \\, is not a comma",
	"tab\there",
	"ctl\x00\x01\x1f\x7fdone",
	"émoji 🎉🎉🎉 and 日本語のテキスト and 한국어",
	"\xff\xfeinvalid UTF-8",
	"ends with a backslash \\",
	",;\\\n",
	"",
	" leading and trailing spaces ",
	strings.Repeat("🎉日", 300),
	strings.Repeat("a", 74) + "é" + strings.Repeat("b", 74) + "日本" + strings.Repeat("\\", 80),
}

// roundTrip writes one event whose summary and description are s and reads
// them back.
func roundTrip(t testing.TB, s string) (summary, description string, data []byte) {
	t.Helper()
	cfg := configIn(t, "")
	at := time.Date(2026, 11, 24, 15, 0, 0, 0, time.UTC)
	o := cadence.Occurrence{ID: "adhoc/1", Kind: cadence.KindAdhoc, Title: s, Start: at, End: at.Add(time.Hour)}
	data = write(t, cfg, []cadence.Occurrence{o}, fixtureNow, func(cadence.Occurrence) string { return s })
	checkLines(t, data)
	cal := decode(t, data)
	e := eventByUID(t, cal, "adhoc/1@cadence")
	summary = text(t, e.Component, goical.PropSummary)
	if p := e.Props.Get(goical.PropDescription); p != nil {
		description = text(t, e.Component, goical.PropDescription)
	}
	return summary, description, data
}

// checkLines checks the physical lines: CRLF ends, no bare CR or LF, at
// most 75 octets, and each one valid UTF-8 (a fold never splits a
// character).
func checkLines(t testing.TB, data []byte) {
	t.Helper()
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Fatalf("the file does not end with CRLF")
	}
	for i, line := range bytes.Split(data[:len(data)-2], []byte("\r\n")) {
		if bytes.ContainsAny(line, "\r\n") {
			t.Errorf("line %d holds a bare CR or LF: %q", i+1, line)
		}
		if len(line) > 75 {
			t.Errorf("line %d is %d octets: %q", i+1, len(line), line)
		}
		if !utf8.Valid(line) {
			t.Errorf("line %d splits a UTF-8 sequence: %q", i+1, line)
		}
	}
}

func TestTextRoundTrip(t *testing.T) {
	for _, s := range hostileText {
		summary, desc, data := roundTrip(t, s)
		if want := textValue(s); desc != want {
			t.Errorf("DESCRIPTION %q read back as %q, want %q\n%s", s, desc, want, data)
		}
		if want := summaryText(s); summary != want {
			t.Errorf("SUMMARY %q read back as %q, want %q", s, summary, want)
		}
	}
}

func TestTextValue(t *testing.T) {
	for in, want := range map[string]string{
		"a\r\nb\rc\nd":    "a\nb\nc\nd",
		"x\x00y\x1bz\x7f": "xyz",
		"\t":              "\t",
		"\xffok":          "\uFFFDok",
	} {
		if got := textValue(in); got != want {
			t.Errorf("textValue(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzText: whatever the text, the file parses, its lines are folded
// correctly and the text reads back as textValue(s).
func FuzzText(f *testing.F) {
	for _, s := range hostileText {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		summary, desc, data := roundTrip(t, s)
		if want := textValue(s); desc != want {
			t.Errorf("DESCRIPTION %q read back as %q, want %q\n%s", s, desc, want, data)
		}
		if want := summaryText(s); summary != want {
			t.Errorf("SUMMARY %q read back as %q, want %q", s, summary, want)
		}
	})
}

func TestNoEvents(t *testing.T) {
	for _, zone := range []string{"", "UTC"} {
		cfg := configIn(t, zone)
		data := write(t, cfg, nil, fixtureNow, nil)
		checkLines(t, data)
		cal := decode(t, data)
		if n := len(cal.Events()); n != 0 {
			t.Errorf("%q: %d events", zone, n)
		}
		if zone == "" && len(timezones(t, cal)["America/New_York"]) == 0 {
			t.Errorf("no VTIMEZONE in an empty calendar")
		}
	}
}

// withDeadline runs f and fails the test if it has not returned after d:
// a walk over time that stops advancing would otherwise hang the run.
func withDeadline(t *testing.T, d time.Duration, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s has not returned after %v: a loop over time does not advance", what, d)
	}
}

// TestTransitionsOverLeapYearEnd walks New York's zone over the end of
// 2040, where Go's ZoneBounds ends the year a day early and returns that
// end again for every instant of the last day (golang/go#81583). The walk
// ends, and yields the real changes only: no bound at a new year.
func TestTransitionsOverLeapYearEnd(t *testing.T) {
	for _, tc := range []struct {
		zone     string
		from, to time.Time
		want     []string
	}{
		{"America/New_York", time.Date(2040, 6, 1, 0, 0, 0, 0, time.UTC), time.Date(2041, 6, 1, 0, 0, 0, 0, time.UTC),
			[]string{"2040-11-04T06:00:00Z", "2041-03-10T07:00:00Z"}},
		// from inside the last day of 2040, where ZoneBounds's end lies behind
		{"America/New_York", time.Date(2040, 12, 31, 12, 0, 0, 0, time.UTC), time.Date(2041, 12, 31, 0, 0, 0, 0, time.UTC),
			[]string{"2041-03-10T07:00:00Z", "2041-11-03T06:00:00Z"}},
		{"Europe/London", time.Date(2040, 12, 1, 0, 0, 0, 0, time.UTC), time.Date(2045, 1, 31, 0, 0, 0, 0, time.UTC),
			[]string{"2041-03-31T01:00:00Z", "2041-10-27T01:00:00Z", "2042-03-30T01:00:00Z", "2042-10-26T01:00:00Z",
				"2043-03-29T01:00:00Z", "2043-10-25T01:00:00Z", "2044-03-27T01:00:00Z", "2044-10-30T01:00:00Z"}},
		{"Australia/Sydney", time.Date(2040, 11, 1, 0, 0, 0, 0, time.UTC), time.Date(2041, 5, 1, 0, 0, 0, 0, time.UTC),
			[]string{"2041-04-06T16:00:00Z"}},
		{"Asia/Tokyo", time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2042, 1, 1, 0, 0, 0, 0, time.UTC), nil},
	} {
		t.Run(tc.zone+"/"+tc.from.Format("2006-01-02"), func(t *testing.T) {
			loc, err := time.LoadLocation(tc.zone)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			withDeadline(t, 10*time.Second, "transitions", func() {
				for tr := range transitions(loc, tc.from, tc.to) {
					got = append(got, tr.UTC().Format(time.RFC3339))
				}
			})
			if !slices.Equal(got, tc.want) {
				t.Errorf("transitions = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestCalendarOverLeapYearEnd writes a meeting every 7 hours 13 minutes
// from October 2040 to April 2041 in New York: Write returns, the
// VTIMEZONE holds the zone's yearly rule (the years Go's zone data gives
// by the TZif footer, where every year starts a new period), and every time
// reads back through it alone.
func TestCalendarOverLeapYearEnd(t *testing.T) {
	cfg := configIn(t, "America/New_York")
	var occs []cadence.Occurrence
	for at := time.Date(2040, 10, 1, 0, 0, 0, 0, time.UTC); at.Before(time.Date(2041, 4, 30, 0, 0, 0, 0, time.UTC)); at = at.Add(7*time.Hour + 13*time.Minute) {
		occs = append(occs, cadence.Occurrence{ID: "adhoc/" + fmt.Sprint(len(occs)+1), Kind: cadence.KindAdhoc,
			Title: "x", Start: at.In(cfg.Location), End: at.Add(45 * time.Minute).In(cfg.Location)})
	}
	var data []byte
	withDeadline(t, 10*time.Second, "Write", func() {
		var b bytes.Buffer
		if err := Write(&b, cfg, occs, fixtureNow, nil); err != nil {
			t.Error(err)
		}
		data = b.Bytes()
	})
	cal := decode(t, data)
	zones := timezones(t, cal)
	// The walk over the zone's bounds ends, and finds the US rule in the
	// years the zone's footer gives.
	want := []tzObservance{
		{"STANDARD", "20391106T020000", "-0400", "-0500", "EST", "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU"},
		{"DAYLIGHT", "20390313T020000", "-0500", "-0400", "EDT", "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"},
	}
	if got := zones["America/New_York"]; !slices.Equal(got, want) {
		t.Errorf("VTIMEZONE observances %+v, want %+v", got, want)
	}
	events := cal.Events()
	if len(events) != len(occs) {
		t.Fatalf("%d events, want %d", len(events), len(occs))
	}
	for i, e := range events {
		p := e.Props.Get(goical.PropDateTimeStart)
		if got := zones.resolve(t, p); !got.Equal(occs[i].Start) {
			t.Fatalf("%s %s = %v, want %v", p.Value, p.Params.Get(goical.PropTimezoneID), got.UTC(), occs[i].Start.UTC())
		}
	}
}

// TestCalendarName checks the calendar's name and zone, as calendar apps
// show them.
func TestCalendarName(t *testing.T) {
	cfg := configIn(t, "")
	cfg.Team = append([]cadence.Member{{Name: "Jordan Lee", Role: cadence.RoleHead}}, cfg.Team...)
	cal := decode(t, write(t, cfg, occurrences(t, cfg, nil), fixtureNow, nil))
	if got := text(t, cal.Component, "X-WR-CALNAME"); got != "cadence — Jordan Lee's team" {
		t.Errorf("X-WR-CALNAME %q", got)
	}
	if got := text(t, cal.Component, "X-WR-TIMEZONE"); got != "America/New_York" {
		t.Errorf("X-WR-TIMEZONE %q", got)
	}
	// A name with TEXT's special characters and a control character.
	cfg.Team[0].Name = "Lee, Jordan; \\Jr.\x1b[31m"
	cal = decode(t, write(t, cfg, nil, fixtureNow, nil))
	if got := text(t, cal.Component, "X-WR-CALNAME"); got != "cadence — Lee, Jordan; \\Jr.[31m's team" {
		t.Errorf("X-WR-CALNAME %q", got)
	}
	utc := decode(t, write(t, configIn(t, "UTC"), nil, fixtureNow, nil))
	if got := text(t, utc.Component, "X-WR-TIMEZONE"); got != "UTC" {
		t.Errorf("UTC: X-WR-TIMEZONE %q", got)
	}
}

// TestRuleOrTransitions: a zone that keeps one rule over the years covered
// is written as that rule; one whose rule changed in them (the US in 2007)
// or that has no daylight saving time is written change by change.
func TestRuleOrTransitions(t *testing.T) {
	for _, tt := range []struct {
		zone     string
		from, to time.Time
		rules    []string
	}{
		{"Europe/Berlin", time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 5, 1, 0, 0, 0, 0, time.UTC),
			[]string{"FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"}},
		{"Australia/Sydney", time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC),
			[]string{"FREQ=YEARLY;BYMONTH=4;BYDAY=1SU", "FREQ=YEARLY;BYMONTH=10;BYDAY=1SU"}},
		{"America/New_York", time.Date(2007, 5, 1, 0, 0, 0, 0, time.UTC), time.Date(2007, 6, 1, 0, 0, 0, 0, time.UTC), nil},
		{"Asia/Tokyo", time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), nil},
	} {
		t.Run(tt.zone, func(t *testing.T) {
			cfg := configIn(t, tt.zone)
			occs := []cadence.Occurrence{
				{ID: "adhoc/1", Kind: cadence.KindAdhoc, Title: "x", Start: tt.from.In(cfg.Location), End: tt.from.Add(time.Hour)},
				{ID: "adhoc/2", Kind: cadence.KindAdhoc, Title: "y", Start: tt.to.In(cfg.Location), End: tt.to.Add(time.Hour)},
			}
			cal := decode(t, write(t, cfg, occs, fixtureNow, nil))
			zones := timezones(t, cal)
			var rules []string
			for _, o := range zones[tt.zone] {
				if o.RRule != "" {
					rules = append(rules, o.RRule)
				}
			}
			if !slices.Equal(rules, tt.rules) {
				t.Errorf("RRULEs %q, want %q (observances %+v)", rules, tt.rules, zones[tt.zone])
			}
			for i, e := range cal.Events() {
				if got := zones.resolve(t, e.Props.Get(goical.PropDateTimeStart)); !got.Equal(occs[i].Start) {
					t.Errorf("%s reads back as %v, want %v", occs[i].ID, got.UTC(), occs[i].Start.UTC())
				}
			}
		})
	}
}

// TestHolidayLeftOut: a meeting on one of the config's holidays is not in
// the calendar; moved off the holiday, it is, on its new day.
func TestHolidayLeftOut(t *testing.T) {
	cfg := configIn(t, "")
	const id = "1on1/dana-cruz/2026-11-24"
	cfg.Holidays = cadence.Holidays{cadence.MustDate("2026-11-24"): true}
	has := func(cal *goical.Calendar) bool {
		for _, e := range cal.Events() {
			if p := e.Props.Get(goical.PropUID); p != nil && p.Value == id+"@cadence" {
				return true
			}
		}
		return false
	}
	if has(decode(t, write(t, cfg, occurrences(t, cfg, nil), fixtureNow, nil))) {
		t.Error("the 1:1 on the holiday is in the calendar")
	}
	moved := decode(t, write(t, cfg, occurrences(t, cfg, map[string]cadence.MeetingRecord{
		id: {ID: id, At: time.Date(2026, 11, 25, 16, 0, 0, 0, time.UTC)},
	}), fixtureNow, nil))
	if !has(moved) {
		t.Error("moved off the holiday, the 1:1 is still left out")
	}
}
