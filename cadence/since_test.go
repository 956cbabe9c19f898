package cadence

import (
	"slices"
	"testing"
	"time"
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
