package ical

import (
	"bytes"
	"fmt"
	"slices"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	goical "github.com/emersion/go-ical"

	"partnercadence/cadence"
	"partnercadence/cadence/agenda"
)

// fuzzWatchdog crashes the process when one input runs for longer than
// limit, so that an endless loop (such as a walk over a zone's transitions
// that stops advancing) becomes a crash the fuzz engine records with its
// input: it has no timeout of its own. It measures nothing: every input
// here takes milliseconds.
func fuzzWatchdog(t *testing.T, limit time.Duration) {
	timer := time.AfterFunc(limit, func() {
		panic(fmt.Sprintf("%s: still running after %v (an endless loop?)", t.Name(), limit))
	})
	t.Cleanup(func() { timer.Stop() })
}

// fuzzZones are the zones a fuzzed zone name that does not load falls back
// on: daylight saving time north and south, half-hour and 45-minute offsets,
// a negative DST (Dublin), a 30-minute DST (Lord Howe), zones that moved
// across the date line, and UTC.
var fuzzZones = []string{
	"America/New_York", "Europe/London", "Europe/Dublin", "Australia/Sydney", "Asia/Kolkata", "Asia/Kathmandu",
	"Pacific/Chatham", "Australia/Lord_Howe", "Africa/Casablanca", "America/Sao_Paulo", "Pacific/Apia",
	"Pacific/Kiritimati", "America/St_Johns", "Antarctica/Troll", "Etc/GMT+5", "UTC",
}

// fuzzCalendarSpan bounds a fuzzed range: long enough to cross any year's
// transitions, short enough that one input stays quick.
const fuzzCalendarSpan = 800

// FuzzCalendar writes the meetings of a fuzzed range (starting anywhere
// from 1846 to 2205, up to 800 days long) in a fuzzed zone, for a team
// member, a partner and a one-off meeting whose names, title and talking
// points are fuzzed. It never panics or hangs; the file parses with
// github.com/arran4/golang-ical (the library that writes it) and with
// github.com/emersion/go-ical; there is one VEVENT per meeting with a time,
// with its UID, its SUMMARY and DESCRIPTION reading back as the title and
// the brief (as RFC 5545 TEXT can hold them), and its DTSTART and DTEND,
// read through the file's own VTIMEZONE, the meeting's instants.
func FuzzCalendar(f *testing.F) {
	for _, s := range []struct {
		name, title, notes, zone string
		from                     int16
		days                     uint16
	}{
		{"Priya Natarajan", "Launch party", "- ask about Q1", "America/New_York", 0, 90},
		{"Evil\x1b]0;TITLE\x07Corp", "a\r\nb\rc\x00d\x7f", "x;y,z\\w\n\nmore", "Europe/Dublin", 300, 400},
		{"Café 日本 🎉", "\xff\xfe invalid", "a very long line of talking points that has to be folded at seventy-five octets, with ünïcödé", "Australia/Lord_Howe", -200, 799},
		{"", "", "", "", -32768, 0},
		{"O'Brien, Sons; Co", ",;\\:", "\t", "no/such_zone", 32767, 65535},
		// Past 2037 the zone's rule comes from the TZif footer; a leap year
		// there once stopped the walk over transitions (issue 10, item 6).
		{"Dana", "x", "", "America/New_York", 2733, 20},
		{"Dana", "x", "", "America/New_York", 2500, 799},
		{"Dana", "x", "", "Europe/London", 6000, 799},
	} {
		f.Add(s.name, s.title, s.notes, s.zone, s.from, s.days)
	}
	f.Fuzz(func(t *testing.T, name, title, notes, zone string, from int16, days uint16) {
		fuzzWatchdog(t, 20*time.Second)
		cfg := configIn(t, "")
		loc, err := time.LoadLocation(zone)
		if err != nil || zone == "" || zone == "Local" {
			zone = fuzzZones[len(zone)%len(fuzzZones)]
			loc, _ = time.LoadLocation(zone)
		}
		cfg.Timezone, cfg.Location = zone, loc
		first := cadence.NewDate(2026, 1, 1).AddDays(int(from) * 2)
		last := first.AddDays(int(days) % fuzzCalendarSpan)

		var partners []cadence.Partner
		records := map[string]cadence.MeetingRecord{
			"adhoc/1": {ID: "adhoc/1", Title: title, At: first.Start(loc).Add(14*time.Hour + 30*time.Minute), Minutes: 50,
				Attendees: []string{"Jordan Lee", name}, TalkingPoints: notes},
		}
		if slug := cadence.Slug(name); slug != "" && !slices.ContainsFunc(cfg.Team, func(m cadence.Member) bool { return m.Slug() == slug }) {
			cfg.Team = append(slices.Clone(cfg.Team), cadence.Member{Name: name, Role: cadence.RolePartnerManager})
			partners = append(partners, cadence.Partner{Name: name, Type: cadence.TypeReseller, Tier: 1, Owner: name,
				Status: cadence.PartnerActive, Joined: first.AddDays(-365)})
			q := cfg.Fiscal().QuarterOf(first)
			qbr := "qbr/" + slug + "/" + q.String()
			records[qbr] = cadence.MeetingRecord{ID: qbr, At: first.AddDays(1).Start(loc).Add(16 * time.Hour), TalkingPoints: notes}
		}
		occs := cfg.Occurrences(first, last, partners, records)
		now := first.Start(loc).Add(-time.Hour)

		var b bytes.Buffer
		if err := Write(&b, cfg, occs, now, agenda.Brief); err != nil {
			t.Fatalf("Write: %v", err)
		}
		data := b.Bytes()
		checkLines(t, data)
		var timed []cadence.Occurrence
		for _, o := range occs {
			if o.Scheduled() {
				timed = append(timed, o)
			}
		}
		checkArran(t, data, timed)
		checkEmersion(t, data, timed, zoneID(loc) != "")
	})
}

// checkArran reads the file with the library that wrote it: one VEVENT per
// meeting with a time, in order, each with its UID and its text.
func checkArran(t *testing.T, data []byte, timed []cadence.Occurrence) {
	t.Helper()
	cal, err := ics.ParseCalendar(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("golang-ical cannot read the calendar: %v\n%s", err, data)
	}
	events := cal.Events()
	if len(events) != len(timed) {
		t.Fatalf("golang-ical reads %d events, want %d", len(events), len(timed))
	}
	for i, e := range events {
		o := timed[i]
		if got, want := e.Id(), UID(o); got != want {
			t.Errorf("event %d: UID %q, want %q", i, got, want)
		}
		if p := e.GetProperty(ics.ComponentPropertySummary); p == nil || p.Value != summaryText(o.Title) {
			t.Errorf("%s: golang-ical reads SUMMARY %v, want %q", o.ID, p, summaryText(o.Title))
		}
		if p := e.GetProperty(ics.ComponentPropertyDescription); p == nil || p.Value != textValue(agenda.Brief(o)) {
			t.Errorf("%s: golang-ical reads DESCRIPTION %v, want %q", o.ID, p, textValue(agenda.Brief(o)))
		}
	}
}

// checkEmersion reads the file with a parser that did not write it: the
// same events and texts, and every start and end read through the
// VTIMEZONE alone is the meeting's instant.
func checkEmersion(t *testing.T, data []byte, timed []cadence.Occurrence, zoned bool) {
	t.Helper()
	cal := decode(t, data)
	zones := timezones(t, cal)
	if zoned && len(zones) != 1 {
		t.Errorf("%d VTIMEZONEs, want one", len(zones))
	}
	events := cal.Events()
	if len(events) != len(timed) {
		t.Fatalf("go-ical reads %d events, want %d", len(events), len(timed))
	}
	for i, e := range events {
		o := timed[i]
		if got := text(t, e.Component, goical.PropSummary); got != summaryText(o.Title) {
			t.Errorf("%s: SUMMARY %q, want %q", o.ID, got, summaryText(o.Title))
		}
		if got := text(t, e.Component, goical.PropDescription); got != textValue(agenda.Brief(o)) {
			t.Errorf("%s: DESCRIPTION %q, want %q", o.ID, got, textValue(agenda.Brief(o)))
		}
		for _, c := range []struct {
			prop string
			want time.Time
		}{{goical.PropDateTimeStart, o.Start}, {goical.PropDateTimeEnd, o.End}} {
			p := e.Props.Get(c.prop)
			if p == nil {
				t.Fatalf("%s has no %s", o.ID, c.prop)
			}
			if got := zones.resolve(t, p); !got.Equal(c.want.Truncate(time.Second)) {
				t.Errorf("%s %s %s;TZID=%s reads as %v, want %v", o.ID, c.prop, p.Value,
					p.Params.Get(goical.PropTimezoneID), got.UTC(), c.want.UTC())
			}
		}
	}
}
