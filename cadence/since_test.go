package cadence

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// sinceConfig is a config whose 1:1s are weekly on Wednesdays for Dana.
func sinceConfig(t *testing.T) *Config {
	t.Helper()
	cfg := DefaultConfig()
	cfg.Location = time.UTC
	cfg.Team = []Member{{Name: "Jordan Lee", Role: RoleHead}, {Name: "Dana Cruz", Role: RolePartnerManager,
		OneOnOne: &OneOnOneSlot{Weekday: time.Wednesday, Time: Clock{Hour: 11}}}}
	return cfg
}

func TestPreviousMeetingAndWindow(t *testing.T) {
	cfg := sinceConfig(t)
	occ := func(id string, recs map[string]MeetingRecord) Occurrence {
		t.Helper()
		o, err := cfg.OccurrenceByID(id, nil, recs)
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	moved := time.Date(2026, 11, 13, 15, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name  string
		recs  map[string]MeetingRecord
		id    string
		today string
		from  string // "" when first
		to    string
	}{
		{name: "weekly: the previous Wednesday to the meeting's day", id: "1on1/dana-cruz/2026-11-18", today: "2026-11-20",
			from: "2026-11-11", to: "2026-11-18"},
		{name: "before the meeting: up to today", id: "1on1/dana-cruz/2026-11-18", today: "2026-11-16",
			from: "2026-11-11", to: "2026-11-16"},
		{name: "a moved previous meeting counts from the day it moved to", id: "1on1/dana-cruz/2026-11-18", today: "2026-11-18",
			recs: map[string]MeetingRecord{"1on1/dana-cruz/2026-11-11": {ID: "1on1/dana-cruz/2026-11-11", At: moved}},
			from: "2026-11-13", to: "2026-11-18"},
		{name: "a skipped previous meeting is stepped over", id: "1on1/dana-cruz/2026-11-18", today: "2026-11-18",
			recs: map[string]MeetingRecord{"1on1/dana-cruz/2026-11-11": {ID: "1on1/dana-cruz/2026-11-11", Status: MeetingSkipped}},
			from: "2026-11-04", to: "2026-11-18"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := occ(tc.id, tc.recs)
			prev, ok := cfg.PreviousMeeting(o, nil, tc.recs)
			w := Window(o, prev, ok, MustDate(tc.today))
			if w.First || w.From != MustDate(tc.from) || w.To != MustDate(tc.to) {
				t.Errorf("window %v…%v (first %v), want %s…%s", w.From, w.To, w.First, tc.from, tc.to)
			}
		})
	}
	// An ad hoc meeting has no previous meeting.
	if w := Window(Occurrence{Kind: KindAdhoc, Date: MustDate("2026-11-18")}, Occurrence{}, false, MustDate("2026-11-18")); !w.First || w.Contains(MustDate("2026-11-18")) {
		t.Errorf("a first meeting's window %+v contains its own day or is not first", w)
	}
}

func TestSinceLastTime(t *testing.T) {
	cfg := sinceConfig(t)
	w := SinceWindow{From: MustDate("2026-11-11"), To: MustDate("2026-11-18")}
	reg := func(id string, st RegStatus, submitted, decided, closed string) Registration {
		r := Registration{ID: id, Partner: "Acme", Account: "Globex", Status: st, Attribution: Sourced, Amount: 1000}
		for _, p := range []struct {
			s string
			d *Date
		}{{submitted, &r.Submitted}, {decided, &r.Decided}, {closed, &r.Closed}} {
			if p.s != "" {
				*p.d = MustDate(p.s)
			}
		}
		return r
	}
	in := SinceInput{
		Config: cfg, Window: w, Today: MustDate("2026-11-18"),
		Partners: []PartnerActivity{{Partner: Partner{Name: "Acme", Tier: 1, Owner: "Dana Cruz"}}},
		Registrations: []Registration{
			reg("R-1", RegSubmitted, "2026-11-11", "", ""),          // submitted on the first day: in
			reg("R-2", RegSubmitted, "2026-11-10", "", ""),          // the day before: out
			reg("R-3", RegApproved, "2026-11-02", "2026-11-18", ""), // decided on the last day, 12 business days: in, overdue cleared
			reg("R-4", RegWon, "2026-09-01", "2026-09-02", "2026-11-12"),
			reg("R-5", RegLost, "2026-09-01", "2026-09-02", "2026-11-19"), // closed after the window: out
			reg("R-6", RegApproved, "2026-08-01", "2026-08-12", ""),       // expires 2026-11-10, lapsed 11-11: in
			reg("R-7", RegApproved, "2026-08-01", "2026-08-10", ""),       // expires 11-08, lapsed 11-09: out
			reg("R-8", RegExpired, "2026-08-01", "2026-08-14", "2026-11-13"),
		},
		Touchpoints: []Touchpoint{
			{Partner: "Acme", Date: MustDate("2026-11-11"), Direction: Inbound},
			{Partner: "Acme", Date: MustDate("2026-11-18"), Direction: Outbound},
			{Partner: "Acme", Date: MustDate("2026-11-19"), Direction: Outbound},   // after: out
			{Partner: "Initech", Date: MustDate("2026-11-10"), Direction: Inbound}, // before: out
		},
		Flags: []Flag{
			{Kind: FlagActionOverdue, Ref: "A-1", Days: 8},       // raised 11-11: in
			{Kind: FlagActionOverdue, Ref: "A-2", Days: 9},       // raised 11-10: out
			{Kind: FlagSilentPartner, Partner: "Acme", Days: 21}, // raised today (tier 1, 21 days)
			{Kind: FlagRegistrationConflict, Ref: "R-1"},         // no raise day: out
		},
		Actions: []ActionItem{
			{ID: "A-5", Text: "send deck", Due: MustDate("2026-11-12"), Done: MustDate("2026-11-14"), Meeting: "1on1/dana-cruz/2026-11-11"},
			{ID: "A-6", Text: "call", Done: MustDate("2026-11-10"), Meeting: "1on1/dana-cruz/2026-11-04"},
			{ID: "A-7", Text: "open", Meeting: "1on1/dana-cruz/2026-11-11"},
		},
	}
	got := SinceLastTime(in)
	ids := func(rs []Registration) string {
		s := ""
		for _, r := range rs {
			s += r.ID + " "
		}
		return s
	}
	for _, c := range []struct{ what, got, want string }{
		{"submitted", ids(got.Submitted), "R-1 "},
		{"decided", ids(got.Decided), "R-3 "},
		{"won", ids(got.Won), "R-4 "},
		{"lost", ids(got.Lost), ""},
		{"lapsed", ids(got.Lapsed), "R-6 R-8 "},
	} {
		if c.got != c.want {
			t.Errorf("%s: %q, want %q", c.what, c.got, c.want)
		}
	}
	if len(got.Touches) != 1 || got.Touches[0] != (PartnerTouches{Partner: "Acme", Inbound: 1, Outbound: 1}) {
		t.Errorf("touches %+v, want Acme 1 in, 1 out", got.Touches)
	}
	var raised []string
	for _, f := range got.Raised {
		raised = append(raised, f.Ref+string(f.Kind))
	}
	if len(raised) != 2 || raised[0] != "A-1action_overdue" || raised[1] != "silent_partner" {
		t.Errorf("raised %q, want A-1's action_overdue and Acme's silent_partner", raised)
	}
	var cleared []string
	for _, f := range got.Cleared {
		cleared = append(cleared, string(f.Kind)+":"+f.Ref)
	}
	slices.Sort(cleared)
	if want := []string{"action_overdue:A-5", "registration_lapsed:R-8", "registration_overdue:R-3"}; !slices.Equal(cleared, want) {
		t.Errorf("cleared %q, want %q (R-8 expired the day after its protection ended)", cleared, want)
	}
	if len(got.Done) != 1 || got.Done[0].ID != "A-5" {
		t.Errorf("done %+v, want A-5 only", got.Done)
	}
	if got := SinceLastTime(SinceInput{Config: cfg, Window: SinceWindow{First: true}, Registrations: in.Registrations}); !got.Empty() {
		t.Errorf("a first meeting lists changes: %+v", got)
	}
}

func TestCarriedOverSinceShowsDoneInWindow(t *testing.T) {
	o := Occurrence{ID: "1on1/dana-cruz/2026-11-18", Kind: KindOneOnOne, Series: "1on1/dana-cruz", Planned: MustDate("2026-11-18"), Date: MustDate("2026-11-18")}
	w := SinceWindow{From: MustDate("2026-11-11"), To: MustDate("2026-11-18")}
	acts := []ActionItem{
		{ID: "A-1", Meeting: "1on1/dana-cruz/2026-11-11", Done: MustDate("2026-11-18")}, // done in the meeting
		{ID: "A-2", Meeting: "1on1/dana-cruz/2026-11-04", Done: MustDate("2026-11-10")}, // done before: gone
		{ID: "A-3", Meeting: "1on1/dana-cruz/2026-11-04", Due: MustDate("2026-11-20")},  // open
		{ID: "A-4", Meeting: "1on1/dana-cruz/2026-11-18"},                               // this meeting's own
	}
	got := CarriedOverSince(o, acts, w)
	if len(got) != 2 || got[0].ID != "A-3" || got[1].ID != "A-1" || got[1].Open() {
		t.Errorf("carried over %+v, want open A-3 then done A-1", got)
	}
}

// TestSinceLastTimeLimit checks that a limited SinceLastTime keeps, of each
// list, the first entries of the whole list in its order, and counts the
// rest: what a pipeline review lists is what it would list unlimited.
func TestSinceLastTimeLimit(t *testing.T) {
	cfg := sinceConfig(t)
	w := SinceWindow{From: MustDate("2026-10-06"), To: MustDate("2026-11-03")}
	day := func(n int) Date { return w.From.AddDays(n % 29) }
	var regs []Registration
	// Statuses cycle so that every list has many entries, dates repeat so
	// that ties fall to the ID, and the IDs are out of order.
	statuses := []RegStatus{RegSubmitted, RegApproved, RegRejected, RegWon, RegLost, RegExpired}
	for i := range 300 {
		st := statuses[i%len(statuses)]
		r := Registration{ID: fmt.Sprintf("R-%03d", (i*7919)%1000), Partner: fmt.Sprintf("P%d", i%13), Account: "A",
			Status: st, Attribution: Sourced, Amount: int64(1000 + i), Submitted: day(i * 3).AddDays(-40)}
		if i%2 == 0 {
			r.Submitted = day(i)
		}
		if st != RegSubmitted {
			r.Decided = day(i * 5)
			if r.Decided.Before(r.Submitted) {
				r.Decided = r.Submitted
			}
		}
		if st == RegWon || st == RegLost || st == RegExpired {
			r.Closed = day(i * 11)
			if r.Closed.Before(r.Decided) {
				r.Closed = r.Decided
			}
			r.Expires = r.Closed.AddDays(i % 5)
		}
		if st == RegApproved {
			r.Expires = day(i * 13).AddDays(-1)
		}
		regs = append(regs, r)
	}
	var actions []ActionItem
	for i := range 40 {
		actions = append(actions, ActionItem{ID: fmt.Sprintf("A-%02d", (i*37)%100), Text: "x", Done: day(i), Due: day(i * 3)})
	}
	var touches []Touchpoint
	for i := range 200 {
		touches = append(touches, Touchpoint{Partner: fmt.Sprintf("P%d", i%17), Date: day(i), Direction: []Direction{Inbound, Outbound}[i%2]})
	}
	in := SinceInput{Config: cfg, Window: w, Today: MustDate("2026-11-23"), Registrations: regs, Actions: actions, Touchpoints: touches}
	all := SinceLastTime(in)
	const limit = 5
	in.Limit = limit
	got := SinceLastTime(in)
	check := func(what string, got, want any, omitted, n int) {
		t.Helper()
		if n <= limit {
			t.Fatalf("%s: only %d entries, the test needs more than %d", what, n, limit)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: the limited list is not the first %d of the whole (-want +got):\n%s", what, limit, diff)
		}
		if omitted != n-limit {
			t.Errorf("%s: %d omitted, want %d", what, omitted, n-limit)
		}
	}
	o := got.Omitted
	check("submitted", got.Submitted, all.Submitted[:limit], o.Submitted, len(all.Submitted))
	check("decided", got.Decided, all.Decided[:limit], o.Decided, len(all.Decided))
	check("won", got.Won, all.Won[:limit], o.Won, len(all.Won))
	check("lost", got.Lost, all.Lost[:limit], o.Lost, len(all.Lost))
	check("lapsed", got.Lapsed, all.Lapsed[:limit], o.Lapsed, len(all.Lapsed))
	check("touches", got.Touches, all.Touches[:limit], o.Touches, len(all.Touches))
	check("cleared", got.Cleared, all.Cleared[:limit], o.Cleared, len(all.Cleared))
	check("done", got.Done, all.Done[:limit], o.Done, len(all.Done))
	if got.Counts() != all.Counts() {
		t.Errorf("counts %+v, want the unlimited %+v", got.Counts(), all.Counts())
	}
	// The unlimited lists are sorted as SinceLastTime says.
	for i := 1; i < len(all.Submitted); i++ {
		a, b := all.Submitted[i-1], all.Submitted[i]
		if a.Submitted.After(b.Submitted) || a.Submitted == b.Submitted && a.ID >= b.ID {
			t.Fatalf("submitted out of order at %d: %s %s, then %s %s", i, a.Submitted, a.ID, b.Submitted, b.ID)
		}
	}
	for i := 1; i < len(all.Cleared); i++ {
		if all.Cleared[i-1].Kind.Severity() > all.Cleared[i].Kind.Severity() {
			t.Fatalf("cleared out of order at %d: %s, then %s", i, all.Cleared[i-1].Kind, all.Cleared[i].Kind)
		}
	}
	if all.Omitted != (ChangeCounts{}) {
		t.Errorf("an unlimited list omits %+v", all.Omitted)
	}
}
