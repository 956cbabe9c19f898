package cadence

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// seriesSearchDays bounds how far NextInSeries, PrevInSeries and
// NextOneOnOne look: more than a year, so a quarterly series always has a
// neighbour when it has one at all.
const seriesSearchDays = 400

// adhocDefaultMinutes is the length of a one-off meeting whose record gives
// none.
const adhocDefaultMinutes = 30

// ErrBadOccurrenceID is matched (with errors.Is) by every error that says a
// meeting ID is malformed: an unknown kind, a bad slug, date or quarter.
var ErrBadOccurrenceID = errors.New("malformed meeting ID")

// ErrNoOccurrence is matched (with errors.Is) by every error that says a
// well-formed meeting ID names no meeting: an unknown member or partner, or a
// date the cadence does not call for.
var ErrNoOccurrence = errors.New("no such meeting")

// idError is an error about a meeting ID that callers branch on through one
// of the sentinels above while users read the specific message.
type idError struct {
	sentinel error
	msg      string
}

func (e *idError) Error() string        { return e.msg }
func (e *idError) Is(target error) bool { return target == e.sentinel }

func noOccurrence(format string, args ...any) error {
	return &idError{ErrNoOccurrence, fmt.Sprintf(format, args...)}
}

// idShapes says what a valid ID of each kind looks like, for error messages.
var idShapes = map[Kind]string{
	KindOneOnOne: "a 1:1 ID looks like 1on1/<member-slug>/<YYYY-MM-DD>, e.g. 1on1/dana-cruz/2026-11-24",
	KindPipeline: "a pipeline review ID looks like pipeline/<YYYY-MM-DD>, e.g. pipeline/2026-11-03",
	KindQBR:      "a QBR ID looks like qbr/<partner-slug>/<YYYY>-Q<n>, e.g. qbr/acme/2026-Q4",
	KindReadout:  "a readout ID looks like readout/<YYYY-MM-DD>, e.g. readout/2026-10-29",
	KindAdhoc:    "a one-off meeting ID looks like adhoc/<n>, e.g. adhoc/12",
}

func badID(id string, kind Kind, problem string) error {
	shape, ok := idShapes[kind]
	if !ok {
		shape = "a meeting ID looks like 1on1/<member-slug>/<YYYY-MM-DD>, pipeline/<YYYY-MM-DD>, " +
			"qbr/<partner-slug>/<YYYY>-Q<n>, readout/<YYYY-MM-DD> or adhoc/<n>"
	}
	return &idError{ErrBadOccurrenceID, fmt.Sprintf("meeting ID %q: %s; %s", id, problem, shape)}
}

// occID is a parsed meeting ID.
type occID struct {
	id      string
	kind    Kind
	series  string
	slug    string  // the member of a 1:1 or the partner of a QBR
	planned Date    // zero for a one-off meeting
	quarter Quarter // a QBR's
}

// ParseOccurrenceID checks the shape of a meeting ID (§3) and returns its
// kind, its series (the ID without its date or quarter; a one-off meeting is
// its own series) and its planned date: the date in the ID, for a QBR the
// last day of the quarter's window, for a one-off meeting the zero Date.
// It does not check that the meeting is on the cadence: see OccurrenceByID.
func (c *Config) ParseOccurrenceID(id string) (kind Kind, series string, planned Date, err error) {
	p, err := c.parseID(id)
	if err != nil {
		return "", "", Date{}, err
	}
	return p.kind, p.series, p.planned, nil
}

func (c *Config) parseID(id string) (occID, error) {
	p, err := parseIDShape(id)
	if err == nil && p.kind == KindQBR {
		p.planned = c.QBRWindow(p.quarter)[1]
	}
	return p, err
}

// parseIDShape is parseID but for a QBR's planned date, which needs the
// config.
func parseIDShape(id string) (occID, error) {
	// Written without strings.Split and time.Parse: the store parses the ID
	// of every record it reads, and so do Occurrences and the flags.
	kind, rest, _ := strings.Cut(id, "/")
	p := occID{id: id, kind: Kind(kind)}
	parts := 1 + strings.Count(id, "/")
	want := 0
	switch p.kind {
	case KindOneOnOne, KindQBR:
		want = 3
	case KindPipeline, KindReadout, KindAdhoc:
		want = 2
	}
	switch {
	case want == 0:
		return occID{}, badID(id, "", fmt.Sprintf("%q is not a kind of meeting", kind))
	case parts != want:
		return occID{}, badID(id, p.kind, fmt.Sprintf("has %d parts, not %d", parts, want))
	}
	last := rest
	if want == 3 {
		p.slug, last, _ = strings.Cut(rest, "/")
		if !isSlug(p.slug) {
			return occID{}, badID(id, p.kind, fmt.Sprintf("%q is not a slug (lowercase a–z and 0–9 joined by single dashes)", p.slug))
		}
	}
	p.series = id[:len(id)-len(last)-1]
	switch p.kind {
	case KindAdhoc:
		if n, ok := digits(last); !ok || n < 1 || last[0] == '0' {
			return occID{}, badID(id, p.kind, fmt.Sprintf("%q is not a positive whole number", last))
		}
		p.series = id
	case KindQBR:
		y, yok := digits(last[:min(4, len(last))])
		n, nok := digits(last[min(6, len(last)):])
		if len(last) != 7 || !yok || !nok || last[4:6] != "-Q" || y < 1000 || n < 1 || n > 4 {
			return occID{}, badID(id, p.kind, fmt.Sprintf("%q is not a quarter written YYYY-Qn", last))
		}
		p.quarter = Quarter{y, n}
	default:
		d, ok := parseISODate(last)
		if !ok {
			return occID{}, badID(id, p.kind, fmt.Sprintf("%q is not a date written YYYY-MM-DD", last))
		}
		p.planned = d
	}
	return p, nil
}

// isSlug reports whether s is a non-empty slug: what Slug makes of itself.
func isSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for _, r := range []byte(s) {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '-' {
			return false
		}
	}
	return true
}

// digits reads a non-empty run of ASCII digits (at most 9, so it cannot
// overflow).
func digits(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	n := 0
	for _, r := range []byte(s) {
		if r < '0' || r > '9' {
			return 0, false
		}
		n = n*10 + int(r-'0')
	}
	return n, true
}

// parseISODate reads exactly YYYY-MM-DD, a real date. It is time.Parse's
// answer without its cost: the store parses every record's ID it reads.
func parseISODate(s string) (Date, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, false
	}
	y, yok := digits(s[:4])
	m, mok := digits(s[5:7])
	d, dok := digits(s[8:])
	if !yok || !mok || !dok || y < 1 || m < 1 || m > 12 || d < 1 || d > DaysIn(y, time.Month(m)) {
		return Date{}, false
	}
	return NewDate(y, time.Month(m), d), true
}

// SeriesOf returns the series of a meeting ID: the ID without its trailing
// date or quarter ("1on1/dana-cruz", "pipeline", "qbr/acme", "readout"). A
// one-off meeting is its own series.
func SeriesOf(id string) string {
	if strings.HasPrefix(id, string(KindAdhoc)+"/") {
		return id
	}
	if i := strings.LastIndexByte(id, '/'); i >= 0 {
		return id[:i]
	}
	return id
}

func (c *Config) loc() *time.Location {
	if c.Location == nil {
		return time.UTC
	}
	return c.Location
}

// schedule is the config prepared for computing many occurrences in one
// call: who attends what is worked out once, not per meeting (a QBR per
// partner for 5,000 partners).
type schedule struct {
	*Config
	head string
	rank map[string]int // a member's NameKey → position in the team
	// attendees of the review and the readout, and of a meeting of the
	// head with one other person by that person's name as written
	pipelineAttendees, readoutAttendees []string
	withHead                            map[string][]string
	quarterNames                        map[Quarter]string
	windows                             map[Quarter][2]Date

	// unsettledOnly leaves out every occurrence whose record settles it
	// (held, skipped or cancelled), without building it: the missed-meeting
	// flag ignores those, and when its lookback holds the end of a QBR
	// window it holds a QBR for every eligible partner, nearly all held.
	unsettledOnly bool
	idBuf         []byte // settled spells IDs in it
}

// settled reports whether s leaves out the occurrence of the given kind,
// member or partner slug (a 1:1's or a QBR's), planned date (not a QBR's)
// and quarter (a QBR's): whether s is unsettledOnly and its record settles
// it. It spells the ID in a reused buffer, so that leaving an occurrence out
// costs a map lookup and no allocation.
func (s *schedule) settled(records map[string]MeetingRecord, kind Kind, slug string, planned Date, q Quarter) bool {
	if !s.unsettledOnly || len(records) == 0 {
		return false
	}
	id := append(append(s.idBuf[:0], kind...), '/')
	if slug != "" {
		id = append(append(id, slug...), '/')
	}
	if kind == KindQBR {
		id = append(id, s.quarterName(q)...)
	} else {
		id = planned.appendISO(id)
	}
	s.idBuf = id
	rec, ok := records[string(id)]
	return ok && rec.Status.Settled()
}

// twoAttendees returns the attendees of a meeting of the head with one
// person (a 1:1, a QBR with the partner's owner), worked out once per person.
func (s *schedule) twoAttendees(name string) []string {
	a, ok := s.withHead[name]
	if !ok {
		a = s.attendees(s.head, name)
		s.withHead[name] = a
	}
	return slices.Clone(a)
}

// quarterName is q.String(), worked out once per quarter.
func (s *schedule) quarterName(q Quarter) string {
	qs, ok := s.quarterNames[q]
	if !ok {
		qs = q.String()
		s.quarterNames[q] = qs
	}
	return qs
}

// window is QBRWindow, worked out once per quarter.
func (s *schedule) window(q Quarter) [2]Date {
	w, ok := s.windows[q]
	if !ok {
		w = s.QBRWindow(q)
		s.windows[q] = w
	}
	return w
}

func (c *Config) schedule() *schedule {
	s := &schedule{
		Config:       c,
		head:         c.Head(),
		rank:         make(map[string]int, len(c.Team)),
		withHead:     map[string][]string{},
		quarterNames: map[Quarter]string{},
		windows:      map[Quarter][2]Date{},
	}
	for i := len(c.Team) - 1; i >= 0; i-- { // the first of two equal names wins
		s.rank[NameKey(c.Team[i].Name)] = i
	}
	pipeline, readout := []string{s.head}, []string{s.head}
	for _, m := range c.Team {
		switch m.Role {
		case RolePartnerManager:
			pipeline = append(pipeline, m.Name)
		case RoleExec:
			readout = append(readout, m.Name)
		}
	}
	s.pipelineAttendees = s.attendees(append(pipeline, c.PipelineReview.Attendees...)...)
	s.readoutAttendees = s.attendees(readout...)
	return s
}

// attendees returns the named people once each: team members in config
// order (with their names as the config writes them), then anyone not on
// the team in the order given.
func (s *schedule) attendees(names ...string) []string {
	type person struct {
		rank int
		name string
	}
	people := make([]person, 0, len(names))
	seen := make(map[string]bool, len(names))
	for i, n := range names {
		k := NameKey(n)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		if r, ok := s.rank[k]; ok {
			people = append(people, person{r, s.Team[r].Name})
		} else {
			people = append(people, person{len(s.Team) + i, strings.TrimSpace(n)})
		}
	}
	slices.SortFunc(people, func(a, b person) int { return a.rank - b.rank })
	out := make([]string, len(people))
	for i, p := range people {
		out[i] = p.name
	}
	return out
}

// oneOnOneSlot returns the weekday and time of m's weekly 1:1.
func (c *Config) oneOnOneSlot(m Member) OneOnOneSlot {
	if m.OneOnOne != nil {
		return *m.OneOnOne
	}
	return OneOnOneSlot{Weekday: c.OneOnOne.Weekday, Time: c.OneOnOne.Time}
}

func (c *Config) timed(o Occurrence, at Clock) Occurrence {
	o.Date = o.Planned
	o.Start = o.Planned.At(at, c.loc())
	o.End = o.Start.Add(time.Duration(o.Minutes) * time.Minute)
	o.Status = MeetingScheduled
	return o
}

func (s *schedule) oneOnOne(m Member, planned Date) Occurrence {
	id := string(KindOneOnOne) + "/" + m.Slug() + "/" + planned.String()
	series := id[:len(id)-len("/YYYY-MM-DD")]
	return s.timed(Occurrence{
		ID:        id,
		Kind:      KindOneOnOne,
		Series:    series,
		Title:     "1:1 with " + m.Name,
		Planned:   planned,
		Minutes:   s.OneOnOne.Minutes,
		Member:    m.Name,
		Attendees: s.twoAttendees(m.Name),
	}, s.oneOnOneSlot(m).Time)
}

func (s *schedule) pipeline(planned Date) Occurrence {
	return s.timed(Occurrence{
		ID:        string(KindPipeline) + "/" + planned.String(),
		Kind:      KindPipeline,
		Series:    string(KindPipeline),
		Title:     "Pipeline review",
		Planned:   planned,
		Minutes:   s.PipelineReview.Minutes,
		Attendees: slices.Clone(s.pipelineAttendees),
	}, s.PipelineReview.Time)
}

// quarterlyReadout reports whether the readout is held once a quarter; any
// value other than "month" reads as the default, quarterly.
func (c *Config) quarterlyReadout() bool { return c.Readout.Every != EveryMonth }

func (s *schedule) readout(planned Date) Occurrence {
	o := Occurrence{
		ID:        string(KindReadout) + "/" + planned.String(),
		Kind:      KindReadout,
		Series:    string(KindReadout),
		Title:     "Executive readout",
		Planned:   planned,
		Minutes:   s.Readout.Minutes,
		Attendees: slices.Clone(s.readoutAttendees),
	}
	if s.quarterlyReadout() {
		o.Quarter = s.Fiscal().QuarterOf(planned).Prev()
		o.Title += " (" + o.Quarter.String() + ")"
	}
	return s.timed(o, s.Readout.Time)
}

// QBRWindow returns the first and last day of q's QBR window: the first
// WindowWeeks weeks of the quarter, clamped to its last day (the whole
// quarter when WindowWeeks is not positive).
func (c *Config) QBRWindow(q Quarter) [2]Date {
	first, last := c.Fiscal().Bounds(q)
	if ww := c.QBR.WindowWeeks; ww > 0 {
		if end := first.AddDays(7*ww - 1); end.Before(last) {
			last = end
		}
	}
	return [2]Date{first, last}
}

// qbrEligible reports whether p has QBRs at all: it is active and of a QBR
// tier.
func (c *Config) qbrEligible(p Partner) bool {
	return p.Status == PartnerActive && slices.Contains(c.QBR.Tiers, p.Tier)
}

func (s *schedule) qbr(p Partner, q Quarter) Occurrence { return s.slugQBR(p, p.Slug(), q) }

// slugQBR is qbr for a partner whose slug is known.
func (s *schedule) slugQBR(p Partner, slug string, q Quarter) Occurrence {
	qs := s.quarterName(q)
	id := string(KindQBR) + "/" + slug + "/" + qs
	series := id[:len(id)-len(qs)-1]
	w := s.window(q)
	return Occurrence{
		ID:        id,
		Kind:      KindQBR,
		Series:    series,
		Title:     "QBR: " + p.Name + " (" + qs + ")",
		Planned:   w[1],
		Date:      w[1],
		Minutes:   s.QBR.Minutes,
		Partner:   p.Name,
		Quarter:   q,
		Window:    w,
		Attendees: s.twoAttendees(p.Owner),
		Status:    MeetingScheduled,
	}
}

func (s *schedule) adhoc(id string, rec MeetingRecord) Occurrence {
	minutes := rec.Minutes
	if minutes <= 0 {
		minutes = adhocDefaultMinutes
	}
	title := strings.TrimSpace(rec.Title)
	if title == "" {
		title = "One-off meeting"
	}
	start := rec.At.In(s.loc())
	o := Occurrence{
		ID:        id,
		Kind:      KindAdhoc,
		Series:    id,
		Title:     title,
		Planned:   DateOf(start),
		Date:      DateOf(start),
		Start:     start,
		End:       start.Add(time.Duration(minutes) * time.Minute),
		Minutes:   minutes,
		Attendees: s.attendees(rec.Attendees...),
	}
	s.attach(&o, rec)
	return o
}

// apply puts a record on its occurrence: its status, and its time when it
// moved or scheduled the occurrence.
func (c *Config) apply(o *Occurrence, rec MeetingRecord) {
	if !rec.At.IsZero() {
		o.Start = rec.At.In(c.loc())
		o.End = o.Start.Add(time.Duration(o.Minutes) * time.Minute)
		o.Date = DateOf(o.Start)
		o.Moved = true
	}
	c.attach(o, rec)
}

func (c *Config) attach(o *Occurrence, rec MeetingRecord) {
	o.Status = rec.Status
	if o.Status == "" {
		o.Status = MeetingScheduled
	}
	rec.Attendees = slices.Clone(rec.Attendees)
	rec.Actions = slices.Clone(rec.Actions)
	o.Record = &rec
}

// memberBySlug returns the first team member whose name slugs to slug.
func (c *Config) memberBySlug(slug string) (Member, bool) {
	for _, m := range c.Team {
		if m.Slug() == slug {
			return m, true
		}
	}
	return Member{}, false
}

func partnerBySlug(partners []Partner, slug string) (Partner, bool) {
	var buf [64]byte // no allocation per partner passed over
	for i := range partners {
		if string(appendSlug(buf[:0], partners[i].Name)) == slug {
			return partners[i], true
		}
	}
	return Partner{}, false
}

// build makes the occurrence an ID names, on the cadence or not (a record
// keeps its meeting even after the config moved the series). It fails only
// when the member or partner is unknown.
func (s *schedule) build(p occID, partners []Partner) (Occurrence, error) {
	switch p.kind {
	case KindOneOnOne:
		m, ok := s.memberBySlug(p.slug)
		if !ok {
			return Occurrence{}, s.unknownMember(p.slug)
		}
		return s.oneOnOne(m, p.planned), nil
	case KindQBR:
		pt, ok := partnerBySlug(partners, p.slug)
		if !ok {
			return Occurrence{}, noOccurrence("no partner with the ID %q", p.slug)
		}
		return s.qbr(pt, p.quarter), nil
	case KindPipeline:
		return s.pipeline(p.planned), nil
	default:
		return s.readout(p.planned), nil
	}
}

func (c *Config) unknownMember(slug string) error {
	var with []string
	for _, m := range c.PartnerManagers() {
		with = append(with, m.Slug())
	}
	if len(with) == 0 {
		return noOccurrence("no partner manager with the ID %q: the team has no partner managers", slug)
	}
	return noOccurrence("no partner manager with the ID %q (1:1s are with %s)", slug, strings.Join(with, ", "))
}

// check is build for an ID without a record: the meeting must be one the
// cadence calls for.
func (s *schedule) check(p occID, partners []Partner) (Occurrence, error) {
	o, err := s.build(p, partners)
	if err != nil {
		return Occurrence{}, err
	}
	y, mon, _ := p.planned.YMD()
	day := p.planned.String()
	switch p.kind {
	case KindOneOnOne:
		m, _ := s.memberBySlug(p.slug)
		if m.Role != RolePartnerManager {
			return Occurrence{}, noOccurrence("no 1:1 with %s: 1:1s are with partner managers, and %s's role is %s", m.Name, m.Name, m.Role)
		}
		slot := s.oneOnOneSlot(m)
		if wd := p.planned.Weekday(); wd != slot.Weekday {
			off := (int(slot.Weekday) - int(wd) + 7) % 7
			if off > 3 {
				off -= 7
			}
			return Occurrence{}, noOccurrence("no 1:1 with %s on %s: %s's 1:1s are on %ss at %s; the nearest is %s",
				m.Name, day, m.Name, slot.Weekday, slot.Time, p.planned.AddDays(off).String())
		}
		if !m.Since.IsZero() && p.planned.Before(m.Since) {
			return Occurrence{}, noOccurrence("no 1:1 with %s on %s: %s is on the team from %s",
				m.Name, day, m.Name, m.Since.String())
		}
	case KindPipeline:
		if want := s.PipelineReview.Day.In(y, mon); want != p.planned {
			return Occurrence{}, noOccurrence("no pipeline review on %s: pipeline reviews are on the %s of each month, in %s %d on %s",
				day, s.PipelineReview.Day, mon, y, want.String())
		}
	case KindReadout:
		if s.quarterlyReadout() && !s.quarterStart(mon) {
			first, _ := s.Fiscal().Bounds(s.Fiscal().QuarterOf(p.planned).Next())
			return Occurrence{}, noOccurrence("no executive readout on %s: readouts are on the %s of the first month of each quarter; the next is %s",
				day, s.Readout.Day, s.Readout.Day.In(first.Year(), first.Month()).String())
		}
		if want := s.Readout.Day.In(y, mon); want != p.planned {
			return Occurrence{}, noOccurrence("no executive readout on %s: readouts are on the %s, in %s %d on %s",
				day, s.Readout.Day, mon, y, want.String())
		}
	case KindQBR:
		pt, _ := partnerBySlug(partners, p.slug)
		if pt.Status != PartnerActive {
			return Occurrence{}, noOccurrence("no QBR with %s: QBRs are for active partners, and %s is %s", pt.Name, pt.Name, pt.Status)
		}
		if !slices.Contains(s.QBR.Tiers, pt.Tier) {
			return Occurrence{}, noOccurrence("no QBR with %s: QBRs are for partners of tier %s, and %s is tier %d",
				pt.Name, joinInts(s.QBR.Tiers), pt.Name, pt.Tier)
		}
		if !pt.Joined.IsZero() && o.Window[1].Before(pt.Joined) {
			return Occurrence{}, noOccurrence("no QBR with %s in %s: it joined on %s, after that quarter's window (%s to %s)",
				pt.Name, p.quarter, pt.Joined.String(), o.Window[0].String(), o.Window[1].String())
		}
	}
	return o, nil
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = strconv.Itoa(n)
	}
	if len(s) > 1 {
		return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
	}
	return strings.Join(s, "")
}

// quarterStart reports whether month m begins a fiscal quarter.
func (c *Config) quarterStart(m time.Month) bool {
	return (int(m)-int(c.Fiscal().start())+12)%3 == 0
}

// OccurrenceByID returns the meeting an ID names, with its record applied. An
// ID without a record must be on the cadence: a partner manager's 1:1 on the
// weekday of the member's slot and not before the member's Since, a review or readout on the
// day its rule picks, a QBR of a QBR-eligible partner in a quarter whose
// window ends on or after it joined. An ID with a record only needs a known
// member or partner, so a meeting that happened keeps its notes after the
// config moves the series. A one-off meeting needs a record with a time.
// Errors match ErrBadOccurrenceID or ErrNoOccurrence.
func (c *Config) OccurrenceByID(id string, partners []Partner, records map[string]MeetingRecord) (Occurrence, error) {
	p, err := c.parseID(id)
	if err != nil {
		return Occurrence{}, err
	}
	s := c.schedule()
	rec, hasRec := records[id]
	if p.kind == KindAdhoc {
		switch {
		case !hasRec:
			return Occurrence{}, noOccurrence("no one-off meeting %s", id)
		case rec.At.IsZero():
			return Occurrence{}, noOccurrence("one-off meeting %s has no date and time", id)
		}
		return s.adhoc(id, rec), nil
	}
	var o Occurrence
	if hasRec {
		o, err = s.build(p, partners)
	} else {
		o, err = s.check(p, partners)
	}
	if err != nil {
		return Occurrence{}, err
	}
	if hasRec {
		c.apply(&o, rec)
	}
	c.markHoliday(&o)
	return o, nil
}

// parsedRecords parses the records' IDs, leaving out those that are not
// meeting IDs (and, when s is unsettledOnly, the settled ones).
func (s *schedule) parsedRecords(records map[string]MeetingRecord) []occID {
	var out []occID
	if !s.unsettledOnly { // else nearly all are left out
		out = make([]occID, 0, len(records))
	}
	for id, rec := range records {
		if s.unsettledOnly && rec.Status.Settled() {
			continue
		}
		if p, err := parseIDShape(id); err == nil {
			if p.kind == KindQBR {
				p.planned = s.window(p.quarter)[1]
			}
			out = append(out, p)
		}
	}
	return out
}

// qbrsDue returns the quarters whose QBR window ends in [lo, hi], and those
// ends. They do not depend on the partner: most ranges (a week, a month)
// hold none, and then the partners need no look at all. An empty range (hi
// before lo) holds none.
func (s *schedule) qbrsDue(lo, hi Date) (quarters []Quarter, ends []Date) {
	f := s.Fiscal()
	last := f.QuarterOf(hi)
	for q := f.QuarterOf(lo); !last.Before(q); q = q.Next() {
		if end := s.window(q)[1]; !end.Before(lo) && !end.After(hi) {
			quarters, ends = append(quarters, q), append(ends, end)
		}
	}
	return quarters, ends
}

// seriesFilter picks the series a schedule generates; nil picks every
// series but one-off meetings.
type seriesFilter func(series string) bool

// oneSeries picks just series, or every one when it is "".
func oneSeries(series string) seriesFilter {
	if series == "" {
		return nil
	}
	return func(s string) bool { return s == series }
}

// keeps reports whether f picks series.
func (f seriesFilter) keeps(series string) bool { return f == nil || f(series) }

// planned returns the occurrences whose planned date lies in [lo, hi], of
// the series only picks, with their records applied. Records of IDs off
// the current cadence add their occurrence.
func (s *schedule) planned(lo, hi Date, only seriesFilter, partners []Partner, records map[string]MeetingRecord, recs []occID) []Occurrence {
	if hi.Before(lo) {
		return nil
	}
	all := only == nil
	quarters, ends := s.qbrsDue(lo, hi)
	eligible := 0
	if len(quarters) > 0 {
		for i := range partners {
			if s.qbrEligible(partners[i]) {
				eligible++
			}
		}
	}
	// Size the result once: an Occurrence is a few hundred bytes, and a
	// range that holds a window's end holds a QBR for every eligible
	// partner. (Leaving out the settled ones leaves few.)
	size := len(recs) + 2*(hi.Sub(lo)/28+2)
	if all && !s.unsettledOnly {
		size += len(s.Team)*(hi.Sub(lo)/7+1) + eligible*len(quarters)
	}
	out := make([]Occurrence, 0, size)
	seenSlug := map[string]bool{}
	for _, m := range s.PartnerManagers() {
		slug := m.Slug()
		if slug == "" || seenSlug[slug] || !all && !only(string(KindOneOnOne)+"/"+slug) {
			continue
		}
		seenSlug[slug] = true
		start := lo
		if m.Since.After(start) {
			start = m.Since
		}
		wd := s.oneOnOneSlot(m).Weekday
		for d := start.AddDays((int(wd) - int(start.Weekday()) + 7) % 7); !d.After(hi); d = d.AddDays(7) {
			if !s.settled(records, KindOneOnOne, slug, d, Quarter{}) {
				out = append(out, s.oneOnOne(m, d))
			}
		}
	}
	pipeline := only.keeps(string(KindPipeline))
	readout := only.keeps(string(KindReadout))
	if pipeline || readout {
		ly, lm, _ := lo.YMD()
		for first := NewDate(ly, lm, 1); !first.After(hi); first = first.AddMonths(1) {
			y, m, _ := first.YMD()
			if d := s.PipelineReview.Day.In(y, m); pipeline && !d.Before(lo) && !d.After(hi) &&
				!s.settled(records, KindPipeline, "", d, Quarter{}) {
				out = append(out, s.pipeline(d))
			}
			if !readout || s.quarterlyReadout() && !s.quarterStart(m) {
				continue
			}
			if d := s.Readout.Day.In(y, m); !d.Before(lo) && !d.After(hi) &&
				!s.settled(records, KindReadout, "", d, Quarter{}) {
				out = append(out, s.readout(d))
			}
		}
	}
	seenSlug = make(map[string]bool, eligible)
	for i := range partners {
		if len(quarters) == 0 {
			break
		}
		p := &partners[i]
		if !s.qbrEligible(*p) {
			continue
		}
		slug := p.Slug()
		if slug == "" || seenSlug[slug] || !all && !only(string(KindQBR)+"/"+slug) {
			continue
		}
		seenSlug[slug] = true
		for i, q := range quarters {
			if (p.Joined.IsZero() || !ends[i].Before(p.Joined)) && !s.settled(records, KindQBR, slug, Date{}, q) {
				out = append(out, s.slugQBR(*p, slug, q))
			}
		}
	}
	var generated map[string]bool
	for _, r := range recs {
		if r.kind == KindAdhoc || r.planned.Before(lo) || r.planned.After(hi) || !only.keeps(r.series) {
			continue
		}
		if generated == nil {
			generated = make(map[string]bool, len(out))
			for _, o := range out {
				generated[o.ID] = true
			}
		}
		if generated[r.id] {
			continue
		}
		if o, err := s.build(r, partners); err == nil {
			out = append(out, o)
			generated[r.id] = true
		}
	}
	for i := range out {
		if rec, ok := records[out[i].ID]; ok {
			s.apply(&out[i], rec)
		}
	}
	return out
}

// Occurrences returns every meeting whose date — where it actually happens,
// after a record moved it — lies in [from, to], with the records applied,
// sorted by start (an unscheduled QBR at the end of its date), then by ID.
// One-off meetings come from records keyed adhoc/<n> that have a time.
// records must hold at least every record whose planned or actual date lies
// in the range; more do no harm.
func (c *Config) Occurrences(from, to Date, partners []Partner, records map[string]MeetingRecord) []Occurrence {
	return c.schedule().occurrences(from, to, nil, partners, records)
}

func (s *schedule) occurrences(from, to Date, only seriesFilter, partners []Partner, records map[string]MeetingRecord) []Occurrence {
	if to.Before(from) {
		return nil
	}
	recs := s.parsedRecords(records)
	all := s.planned(from, to, only, partners, records, recs)
	// A record can move a meeting out of the range (the filter below drops
	// it) or into it from anywhere: every record with a time in the range
	// brings its meeting, whatever its planned date. This is what generating
	// over a range widened by the furthest move would give, without the
	// cost of a wide range.
	for _, r := range recs {
		rec := records[r.id]
		if rec.At.IsZero() || !only.keeps(r.series) {
			continue
		}
		if d := DateIn(rec.At, s.loc()); d.Before(from) || d.After(to) {
			continue
		}
		switch {
		case r.kind == KindAdhoc:
			all = append(all, s.adhoc(r.id, rec))
		case r.planned.Before(from) || r.planned.After(to):
			if o, err := s.build(r, partners); err == nil {
				s.apply(&o, rec)
				all = append(all, o)
			}
		}
	}
	// Sort positions, not the occurrences themselves: an Occurrence is a
	// few hundred bytes and a range can hold a QBR for every partner.
	order := make([]int, 0, len(all))
	keys := make([]sortKey, len(all))
	for i := range all {
		if o := &all[i]; !o.Date.Before(from) && !o.Date.After(to) {
			order = append(order, i)
			keys[i] = sortKeyOf(o)
		}
	}
	slices.SortFunc(order, func(a, b int) int { return keys[a].compare(&keys[b]) })
	if len(order) == 0 {
		return nil
	}
	out := make([]Occurrence, len(order))
	for i, j := range order {
		out[i] = all[j]
		s.markHoliday(&out[i])
	}
	return out
}

// sortKey is what occurrences are ordered by: date, then scheduled before
// unscheduled, then start, then ID.
type sortKey struct {
	date        Date
	unscheduled bool
	start       time.Time
	id          string
}

func sortKeyOf(o *Occurrence) sortKey {
	return sortKey{o.Date, !o.Scheduled(), o.Start, o.ID}
}

func (k *sortKey) compare(o *sortKey) int {
	if k.date != o.date {
		return k.date.Sub(o.date)
	}
	if k.unscheduled != o.unscheduled {
		if o.unscheduled {
			return -1
		}
		return 1
	}
	if d := k.start.Compare(o.start); d != 0 {
		return d
	}
	return strings.Compare(k.id, o.id)
}

// NextInSeries returns the occurrence of o's series with the earliest planned
// date after o's (next week's 1:1, next month's review, next quarter's QBR),
// looking up to 400 days ahead. A one-off meeting has none.
func (c *Config) NextInSeries(o Occurrence, partners []Partner, records map[string]MeetingRecord) (Occurrence, bool) {
	return c.neighbour(o, 1, partners, records)
}

// PrevInSeries returns the occurrence of o's series with the latest planned
// date before o's, looking up to 400 days back. A one-off meeting has none.
func (c *Config) PrevInSeries(o Occurrence, partners []Partner, records map[string]MeetingRecord) (Occurrence, bool) {
	return c.neighbour(o, -1, partners, records)
}

func (c *Config) neighbour(o Occurrence, dir int, partners []Partner, records map[string]MeetingRecord) (Occurrence, bool) {
	if o.Kind == KindAdhoc || o.Planned.IsZero() {
		return Occurrence{}, false
	}
	lo, hi := o.Planned.AddDays(1), o.Planned.AddDays(seriesSearchDays)
	if dir < 0 {
		lo, hi = o.Planned.AddDays(-seriesSearchDays), o.Planned.AddDays(-1)
	}
	s := c.schedule()
	cands := s.planned(lo, hi, oneSeries(o.Series), partners, records, s.parsedRecords(records))
	if len(cands) == 0 {
		return Occurrence{}, false
	}
	byPlanned := func(a, b Occurrence) int {
		if d := a.Planned.Sub(b.Planned); d != 0 {
			return d
		}
		return strings.Compare(a.ID, b.ID)
	}
	var n Occurrence
	if dir < 0 {
		n = slices.MaxFunc(cands, byPlanned)
	} else {
		n = slices.MinFunc(cands, byPlanned)
	}
	c.markHoliday(&n)
	return n, true
}

// NextOneOnOne returns the first 1:1 of the member (name compared
// case-insensitively) that ends after now, leaving out the skipped and
// cancelled ones: the one to prepare for. It looks up to 400 days ahead.
func (c *Config) NextOneOnOne(member string, now time.Time, records map[string]MeetingRecord) (Occurrence, bool) {
	m, ok := c.Member(member)
	if !ok {
		return Occurrence{}, false
	}
	today := c.Today(now)
	for _, o := range c.schedule().occurrences(today.AddDays(-1), today.AddDays(seriesSearchDays), oneSeries(string(KindOneOnOne)+"/"+m.Slug()), nil, records) {
		if o.TakesPlace() && o.End.After(now) {
			return o, true
		}
	}
	return Occurrence{}, false
}

// Deadline returns when the occurrence is over: its end, or for a QBR
// nobody has scheduled, midnight at the end of its date (the window's last
// day) in loc. The meeting_missed flag counts from it.
func (o Occurrence) Deadline(loc *time.Location) time.Time {
	if o.Scheduled() {
		return o.End
	}
	return o.Date.AddDays(1).Start(loc)
}

// CarriedOver returns the open actions from earlier occurrences of o's
// series — those whose meeting ID is of the same series with a planned date
// (for a QBR, a quarter) before o's — sorted by due date (undated last),
// then ID. A one-off meeting carries nothing over: it has no earlier
// occurrence.
func CarriedOver(o Occurrence, open []ActionItem) []ActionItem {
	return CarriedOverSince(o, open, SinceWindow{First: true})
}

// CarriedOverSince is CarriedOver, with the actions of earlier occurrences
// of o's series that were done in w (see Window) added, done: an action
// closed in the meeting, or since the last one, shows ticked on the agenda
// instead of vanishing from it.
func CarriedOverSince(o Occurrence, actions []ActionItem, w SinceWindow) []ActionItem {
	if o.Kind == KindAdhoc {
		return nil
	}
	var out []ActionItem
	for _, a := range actions {
		if (!a.Open() && !w.Contains(a.Done)) || SeriesOf(a.Meeting) != o.Series || a.Meeting == o.ID {
			continue
		}
		last := a.Meeting[len(o.Series)+1:]
		var earlier bool
		if o.Kind == KindQBR {
			q, err := ParseQuarter(last)
			earlier = err == nil && (q.Year < o.Quarter.Year || q.Year == o.Quarter.Year && q.Q < o.Quarter.Q)
		} else {
			d, ok := parseISODate(last)
			earlier = ok && d.Before(o.Planned)
		}
		if earlier {
			out = append(out, a)
		}
	}
	SortActions(out)
	return out
}
