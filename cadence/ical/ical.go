// Package ical writes the cadence's meetings as an RFC 5545 iCalendar file,
// for `cadence calendar`: one VEVENT per meeting that has a time, with a
// stable UID so that importing an updated file updates the events it
// imported before instead of adding them again.
//
// Serialisation is github.com/arran4/golang-ical's: it escapes TEXT values
// (\\ \; \, and a line break as \n) and folds lines at 75 octets without
// splitting a UTF-8 sequence, preferring to fold before a space. This
// package adds what the library leaves to its caller: CRLF line ends (its
// default on Unix is LF), TEXT values that are valid UTF-8 with no control
// characters (RFC 5545 allows none but the tab in TEXT), and the time zone.
//
// # Time zone
//
// Times are written in the config's zone, DTSTART;TZID=America/New_York:…,
// with a VTIMEZONE (also named by X-WR-TIMEZONE) whose STANDARD and
// DAYLIGHT observances are read from Go's zone database
// (time.Time.ZoneBounds). Where the zone follows one yearly rule over the
// years the file covers (and the year before its first event) — every
// change on the nth or last weekday of a month at the same local time, as
// in the US and the EU — the VTIMEZONE is that rule: one STANDARD and one
// DAYLIGHT, each with an RRULE (RFC 5545 §3.6.5), the form Outlook reads.
// Otherwise it lists the observance in effect at the first event and every
// transition up to the last, each with its own DTSTART, so the file is
// exact for the years it covers whatever rules the zone had. A zone with no IANA name (UTC, Local) is written as UTC times
// (…Z) with no VTIMEZONE; so is a time that the zone's local clock shows
// twice (the hour after daylight saving time ends), which a TZID cannot tell
// apart.
//
// # SEQUENCE
//
// An importer replaces an event it has (same UID) only when the new copy has
// a higher SEQUENCE (or, by RFC 5546, the same one and a later DTSTAMP).
// The SEQUENCE is the meeting record's revision (cadence.MeetingRecord's
// Revision), which grows each time someone changes the meeting's status,
// time or title, and is 0 for a meeting nobody changed: the same meeting
// has the same SEQUENCE in every export until it changes. A change that
// the record does not count — new talking points in the description, a
// new time for a whole series in the config — keeps the SEQUENCE and
// comes with a later DTSTAMP.
package ical

import (
	"bytes"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"partnercadence/cadence"
)

// ProdID is the PRODID of every calendar cadence writes.
const ProdID = "-//cadence//partnercadence//EN"

const (
	localLayout = "20060102T150405"
	utcLayout   = "20060102T150405Z"
)

// Write writes occs as a VCALENDAR (PRODID ProdID, VERSION 2.0, CALSCALE
// GREGORIAN, METHOD PUBLISH) to w: the config's zone as a VTIMEZONE, then
// one VEVENT per occurrence that has a time, in the order given (a QBR
// nobody has scheduled has none and is left out). Each event has UID (see
// UID), DTSTAMP (now, UTC), DTSTART, DTEND, SUMMARY (the title, line breaks as spaces), DESCRIPTION
// (describe's text, left out when describe is nil or returns ""),
// CATEGORIES (the kind: 1on1, pipeline, qbr, readout or adhoc), STATUS
// (CANCELLED when cancelled or skipped, else CONFIRMED) and SEQUENCE (see
// Sequence). cfg nil means cadence.DefaultConfig(). A calendar with no event
// still holds the VTIMEZONE (or, in UTC, nothing but its properties).
func Write(w io.Writer, cfg *cadence.Config, occs []cadence.Occurrence, now time.Time, describe func(cadence.Occurrence) string) error {
	if cfg == nil {
		cfg = cadence.DefaultConfig()
	}
	loc := cfg.Location
	if loc == nil {
		loc = time.UTC
	}
	cal := ics.NewCalendarFor("cadence")
	cal.SetProductId(ProdID)
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.MethodPublish)
	cal.SetXWRCalName(textValue(CalendarName(cfg)))

	var timed []cadence.Occurrence
	var first, last time.Time
	for _, o := range occs {
		if !o.Scheduled() || o.Holiday {
			continue // a meeting on a holiday does not take place (§3)
		}
		timed = append(timed, o)
		end := o.End
		if end.Before(o.Start) {
			end = o.Start
		}
		if first.IsZero() || o.Start.Before(first) {
			first = o.Start
		}
		if end.After(last) {
			last = end
		}
	}
	tzid := zoneID(loc)
	if tzid == "" {
		cal.SetXWRTimezone("UTC")
	} else {
		cal.SetXWRTimezone(tzid)
	}
	if tzid != "" {
		if len(timed) == 0 {
			first, last = now, now
		}
		cal.AddVTimezone(vtimezone(loc, tzid, first, last))
	}
	for _, o := range timed {
		ev := cal.AddEvent(UID(o))
		ev.SetDtStampTime(now)
		setTime(&ev.ComponentBase, ics.ComponentPropertyDtStart, o.Start, loc, tzid)
		if o.End.After(o.Start) {
			setTime(&ev.ComponentBase, ics.ComponentPropertyDtEnd, o.End, loc, tzid)
		}
		ev.SetSummary(summaryText(o.Title))
		if describe != nil {
			if desc := textValue(describe(o)); desc != "" {
				ev.SetDescription(desc)
			}
		}
		ev.AddCategory(textValue(string(o.Kind)))
		if cancelled(o) {
			ev.SetStatus(ics.ObjectStatusCancelled)
		} else {
			ev.SetStatus(ics.ObjectStatusConfirmed)
		}
		ev.SetSequence(Sequence(o))
	}
	var buf bytes.Buffer
	if err := cal.SerializeTo(&buf, ics.WithNewLineWindows); err != nil {
		return fmt.Errorf("write calendar: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write calendar: %w", err)
	}
	return nil
}

// UID returns the occurrence's event UID: its ID (§3), which is stable and
// unique, with "@cadence": "1on1/dana-cruz/2026-11-24@cadence".
func UID(o cadence.Occurrence) string { return o.ID + "@cadence" }

// Sequence returns the occurrence's SEQUENCE: its record's revision (0
// with no record). See the package documentation for why.
func Sequence(o cadence.Occurrence) int {
	if o.Record == nil {
		return 0
	}
	return max(0, min(o.Record.Revision, 1<<31-1))
}

// CalendarName is the calendar's X-WR-CALNAME: "cadence — Jordan Lee's
// team", after the config's head, or "cadence" when the team has none.
func CalendarName(cfg *cadence.Config) string {
	for _, m := range cfg.Team {
		if m.Role == cadence.RoleHead {
			return "cadence — " + cadence.Possessive(m.Name) + " team"
		}
	}
	return "cadence"
}

func cancelled(o cadence.Occurrence) bool {
	return o.Status == cadence.MeetingCancelled || o.Status == cadence.MeetingSkipped
}

// textValue returns s as an RFC 5545 TEXT value may hold it, before escaping:
// valid UTF-8 (invalid bytes become U+FFFD), LF line ends (CRLF and CR
// become LF), and no ASCII control character but the tab and LF (the others
// are dropped). The escaping itself (\\ \; \, \n) is the serialiser's.
func textValue(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if !strings.ContainsFunc(s, isControl) && !strings.Contains(s, "\r") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return -1
		}
		return r
	}, s)
}

// summaryText is textValue for a SUMMARY: a title is one line, so its line
// breaks become spaces.
func summaryText(s string) string { return strings.ReplaceAll(textValue(s), "\n", " ") }

// isControl reports whether r is an ASCII control character that TEXT
// cannot hold: all but the tab and LF (which is escaped).
func isControl(r rune) bool { return (r < 0x20 && r != '\t' && r != '\n') || r == 0x7f }

// zoneID returns the TZID to write times in, or "" to write them in UTC: a
// zone with no IANA name (UTC, Local) has none an importer could look up.
func zoneID(loc *time.Location) string {
	switch name := loc.String(); name {
	case "", "UTC", "Local":
		return ""
	default:
		return name
	}
}

// setTime sets a DATE-TIME property: local time with the TZID, or UTC when
// there is no zone or the local time is ambiguous (it occurs twice when
// daylight saving time ends, and RFC 5545 reads such a time as the first).
func setTime(c *ics.ComponentBase, prop ics.ComponentProperty, t time.Time, loc *time.Location, tzid string) {
	if tzid != "" {
		l := t.In(loc)
		if time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), l.Second(), 0, loc).Equal(t.Truncate(time.Second)) &&
			!ambiguous(l, loc) {
			c.SetProperty(prop, l.Format(localLayout), ics.WithTZID(tzid))
			return
		}
	}
	c.SetProperty(prop, t.UTC().Format(utcLayout))
}

// ambiguous reports whether the local clock time of l occurs twice in loc
// and l is not the first of the two.
func ambiguous(l time.Time, loc *time.Location) bool {
	// After a transition that turns the clock back by d, the local times
	// within d of it repeat the ones before it.
	start, _ := l.ZoneBounds()
	if start.IsZero() {
		return false
	}
	_, before := start.Add(-time.Second).In(loc).Zone()
	_, after := l.Zone()
	back := time.Duration(before-after) * time.Second
	return back > 0 && l.Sub(start) < back
}

// vtimezone returns loc as a VTIMEZONE covering [from, to]: its yearly rule
// when it has one over those years (see yearlyRule), else the observance
// in effect at from, then one observance per transition up to to.
func vtimezone(loc *time.Location, tzid string, from, to time.Time) *ics.VTimezone {
	tz := ics.NewTimezone(tzid)
	if rules, ok := yearlyRule(loc, from, to); ok {
		for _, r := range rules {
			tz.Components = append(tz.Components, observance(loc, r.onset, r.onset.In(loc), r.rrule))
		}
		return tz
	}
	at := from.In(loc)
	tz.Components = append(tz.Components, observance(loc, onset(loc, at), at, ""))
	for t := range transitions(loc, from, to) {
		tz.Components = append(tz.Components, observance(loc, t, t.In(loc), ""))
	}
	return tz
}

// transitions yields, in order, the instants in (from, to] at which loc's
// offset or abbreviation changes.
//
// Go's zone data marks more bounds than there are changes: in the years a
// zone's table does not list (from 2038 on, where the rule of the TZif
// footer applies) every year starts a new period, with the same offset as
// the one before. Those are left out. And in such a leap year ZoneBounds
// ends the last period a day early, at 31 December 00:00 UTC, and for an
// instant on that last day it returns that end again, before the instant
// (golang/go#81583): a walk from end to end would stop there for ever. So
// every step here moves strictly forward (see nextBound), and the walk is
// bounded by to.
func transitions(loc *time.Location, from, to time.Time) iter.Seq[time.Time] {
	return func(yield func(time.Time) bool) {
		for at := from; ; {
			next, ok := nextBound(loc, at, to)
			if !ok {
				return
			}
			if changes(loc, next) && !yield(next) {
				return
			}
			at = next
		}
	}
}

// nextBound returns the first bound of loc's zone periods after t and not
// after limit, or false when there is none. It is always after t: where
// ZoneBounds gives an end that is not after the instant asked about, it
// asks again an hour later (zones change their offset at most a few times
// a year), and takes the start of the period it lands in when that start
// is after t.
func nextBound(loc *time.Location, t, limit time.Time) (time.Time, bool) {
	for probe := t; !probe.After(limit); probe = probe.Add(time.Hour) {
		start, end := probe.In(loc).ZoneBounds()
		var next time.Time
		switch {
		case start.After(t):
			next = start
		case end.IsZero(): // the period never ends
			return time.Time{}, false
		case end.After(probe):
			next = end
		default:
			continue
		}
		return next, !next.After(limit)
	}
	return time.Time{}, false
}

// changes reports whether loc's offset, abbreviation or daylight saving
// time differ at t from the second before it.
func changes(loc *time.Location, t time.Time) bool {
	before, after := t.Add(-time.Second).In(loc), t.In(loc)
	nb, ob := before.Zone()
	na, oa := after.Zone()
	return nb != na || ob != oa || before.IsDST() != after.IsDST()
}

// onset returns when the observance in effect at at began: the start of
// its zone period, or of an earlier one where the bound between them
// changes nothing (see transitions). The zero Time means it has always been
// in effect.
func onset(loc *time.Location, at time.Time) time.Time {
	start, _ := at.ZoneBounds()
	// A zone's footer years start a period each 1 January; a few steps back
	// reach the last real change (each step goes back at least a second).
	for range 4 {
		if start.IsZero() || changes(loc, start) {
			break
		}
		start, _ = start.Add(-time.Second).In(loc).ZoneBounds()
	}
	return start
}

// observance returns the STANDARD or DAYLIGHT observance that begins at
// onset (zero: it has always been in effect) and is in effect at at,
// recurring by rrule when it is not "".
func observance(loc *time.Location, onset, at time.Time, rrule string) ics.Component {
	name, to := at.Zone()
	from := to
	dtstart := "19700101T000000"
	if !onset.IsZero() {
		_, from = onset.Add(-time.Second).In(loc).Zone()
		// DTSTART is the onset in the local time it interrupts.
		dtstart = onset.UTC().Add(time.Duration(from) * time.Second).Format(localLayout)
	}
	var c ics.ComponentBase
	c.SetProperty(ics.ComponentPropertyDtStart, dtstart)
	c.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), offset(from))
	c.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), offset(to))
	c.SetProperty(ics.ComponentProperty(ics.PropertyTzname), textValue(name))
	if rrule != "" {
		c.AddRrule(rrule)
	}
	if at.IsDST() {
		return &ics.Daylight{ComponentBase: c}
	}
	return &ics.Standard{ComponentBase: c}
}

// offset writes a UTC offset in seconds as RFC 5545 does: -0500, +0530,
// +001932 with seconds when there are any (historic local mean times).
func offset(seconds int) string {
	sign := '+'
	if seconds < 0 {
		sign, seconds = '-', -seconds
	}
	h, m, s := seconds/3600, seconds/60%60, seconds%60
	if s != 0 {
		return fmt.Sprintf("%c%02d%02d%02d", sign, h, m, s)
	}
	return fmt.Sprintf("%c%02d%02d", sign, h, m)
}

// rule is one observance of a zone's yearly rule: its first onset in the
// years covered, and its RRULE.
type rule struct {
	onset time.Time
	rrule string
}

// yearlyRule returns loc's observances over [from, to] as a yearly rule,
// when it has one: from the start of the year before from's to the end of
// to's, the zone changes exactly twice a year, each change on the same
// month, week (the nth, or the last, of its weekday) and local time, between
// the same offsets and names. The first onset of each change in that span
// is its DTSTART. A zone without daylight saving time, or whose rule changed
// in those years, has none.
func yearlyRule(loc *time.Location, from, to time.Time) ([]rule, bool) {
	first, last := from.In(loc).Year()-1, to.In(loc).Year()
	start := time.Date(first, 1, 1, 0, 0, 0, 0, loc)
	end := time.Date(last+1, 1, 1, 0, 0, 0, 0, loc)
	type change struct {
		at             time.Time
		year           int
		month          time.Month
		weekday        time.Weekday
		nth            int // 1–5
		lastWeek       bool
		clock          string
		name           string
		fromOff, toOff int
		dst            bool
	}
	var groups [2][]change
	for t := range transitions(loc, start, end) {
		if !t.Before(end) {
			break
		}
		_, fromOff := t.Add(-time.Second).In(loc).Zone()
		l := t.In(loc)
		name, toOff := l.Zone()
		// The onset in the local time it interrupts, as DTSTART gives it.
		wall := t.UTC().Add(time.Duration(fromOff) * time.Second)
		days := time.Date(wall.Year(), wall.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
		c := change{at: t, year: wall.Year(), month: wall.Month(), weekday: wall.Weekday(), nth: (wall.Day()-1)/7 + 1,
			lastWeek: wall.Day()+7 > days, clock: wall.Format("150405"), name: name, fromOff: fromOff, toOff: toOff, dst: l.IsDST()}
		i := 0
		if c.dst {
			i = 1
		}
		groups[i] = append(groups[i], c)
	}
	years := last - first + 1
	var out []rule
	for _, g := range groups {
		if len(g) != years {
			return nil, false
		}
		c0 := g[0]
		sameNth, allLast := true, true
		for k, c := range g {
			if c.month != c0.month || c.weekday != c0.weekday || c.clock != c0.clock || c.name != c0.name ||
				c.fromOff != c0.fromOff || c.toOff != c0.toOff || c.year != first+k {
				return nil, false
			}
			sameNth = sameNth && c.nth == c0.nth
			allLast = allLast && c.lastWeek
		}
		week := strconv.Itoa(c0.nth)
		switch {
		case sameNth && c0.nth < 5:
		case allLast:
			week = "-1"
		default:
			return nil, false
		}
		out = append(out, rule{c0.at, "FREQ=YEARLY;BYMONTH=" + strconv.Itoa(int(c0.month)) + ";BYDAY=" + week + weekdays[c0.weekday]})
	}
	// STANDARD first, as zones are usually written.
	return out, true
}

var weekdays = [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}
