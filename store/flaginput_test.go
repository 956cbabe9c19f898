package store

import (
	"testing"
	"time"

	"partnercadence/cadence"
)

// TestFlagInputIntroLookback: the store hands the flags only the intros of
// the lookback window, at its edge and either side of it, and the flags
// raise one for each of those past intro_registration_days.
func TestFlagInputIntroLookback(t *testing.T) {
	s := newTestStore(t)
	cfg := testConfig(t) // intro_lookback_days 90
	seed(t, s, cfg)
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, cfg.Location)
	today := cfg.Today(now)
	for _, tp := range []cadence.Touchpoint{
		{Partner: "Brightline", Date: today.AddDays(-89), Kind: cadence.TouchIntro, Direction: cadence.Inbound, Account: "Day 89"},
		{Partner: "Brightline", Date: today.AddDays(-90), Kind: cadence.TouchIntro, Direction: cadence.Inbound, Account: "Day 90"},
		{Partner: "Brightline", Date: today.AddDays(-91), Kind: cadence.TouchIntro, Direction: cadence.Inbound, Account: "Day 91"},
		{Partner: "Brightline", Date: today.AddDays(-900), Kind: cadence.TouchIntro, Direction: cadence.Inbound, Account: "Day 900"},
	} {
		if _, err := s.AddTouchpoint(cfg, "", tp); err != nil {
			t.Fatal(err)
		}
	}
	in, err := s.FlagInput(cfg, now)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, i := range in.Intros {
		got[i.Account] = true
	}
	for acct, want := range map[string]bool{"Globex  Corp": true, "Day 89": true, "Day 90": true, "Day 91": false, "Day 900": false} {
		if got[acct] != want {
			t.Errorf("intro of %q read: %v, want %v (read: %v)", acct, got[acct], want, got)
		}
	}
	var refs []string
	for _, f := range cadence.Flags(in) {
		if f.Kind == cadence.FlagIntroUnregistered {
			refs = append(refs, f.Ref)
		}
	}
	want := []string{"brightline/day-90", "brightline/day-89", "northwind-systems/globex-corp"}
	if len(refs) != len(want) || refs[0] != want[0] || refs[1] != want[1] || refs[2] != want[2] {
		t.Errorf("intro flags %v, want %v", refs, want)
	}
}

func TestIntroDate(t *testing.T) {
	for _, tt := range []struct {
		v    string
		want string
		ok   bool
	}{
		{`{"Partner":"A","Account":"B","Date":"2026-01-02","By":""}`, "2026-01-02", true},
		{`{"Partner":"A \"Date\":\"1999-01-01\"","Date":"2026-01-02"}`, "2026-01-02", true},
		{`{"Partner":"A","Date":""}`, "", false},
		{`{"Partner":"A","Date":"2026-1-2"}`, "", false},
		{`{"Partner":"A"}`, "", false},
	} {
		d, ok := introDate([]byte(tt.v))
		if ok != tt.ok || ok && d.String() != tt.want {
			t.Errorf("introDate(%s) = %s, %v; want %s, %v", tt.v, d, ok, tt.want, tt.ok)
		}
	}
}

// TestFlagInputUnpreparedReadsTalkingPoints: a 1:1 due within prep_hours
// is flagged until its record has talking points, which the store reads in
// full for the coming days.
func TestFlagInputUnpreparedReadsTalkingPoints(t *testing.T) {
	s := newTestStore(t)
	cfg := testConfig(t) // Dana Cruz: Tuesdays 10:00
	seed(t, s, cfg)
	now := time.Date(2026, 11, 24, 7, 0, 0, 0, cfg.Location)
	const id = "1on1/dana-cruz/2026-11-24"
	unprepared := func() []cadence.Flag {
		t.Helper()
		in, err := s.FlagInput(cfg, now)
		if err != nil {
			t.Fatal(err)
		}
		var out []cadence.Flag
		for _, f := range cadence.Flags(in) {
			if f.Kind == cadence.FlagMeetingUnprepared {
				out = append(out, f)
			}
		}
		return out
	}
	if got := unprepared(); len(got) != 1 || got[0].Ref != id || got[0].Days != 3 {
		t.Fatalf("before talking points: %+v, want %s in 3 hours", got, id)
	}
	edit := func(e cadence.MeetingEdit) {
		t.Helper()
		if _, _, err := s.EditMeeting(cfg, "Dana Cruz", cadence.MeetingChange{Meeting: id, What: "test", Edits: []cadence.MeetingEdit{e}}); err != nil {
			t.Fatal(err)
		}
	}
	edit(cadence.MeetingEdit{Kind: cadence.EditText, Field: cadence.FieldTalkingPoints, Text: "  \n"})
	if got := unprepared(); len(got) != 1 {
		t.Fatalf("with a record and blank talking points: %+v, want the flag", got)
	}
	edit(cadence.MeetingEdit{Kind: cadence.EditText, Field: cadence.FieldTalkingPoints, Base: cadence.TextVersion{Rev: 1, Text: "  \n"}, Text: "- renewals"})
	if got := unprepared(); len(got) != 0 {
		t.Errorf("with talking points: %+v, want none", got)
	}
}
