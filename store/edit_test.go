package store

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"partnercadence/cadence"
)

// TestEditMeetingRacingWritersKeepEverything races two Stores on one file
// (two bbolt opens lock each other as two processes do), each adding
// actions and lines of talking points from the text it last saw: every
// action and every line is in the database afterwards.
func TestEditMeetingRacingWritersKeepEverything(t *testing.T) {
	a := newTestStore(t)
	b, err := Open(a.Path(), Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	cfg := testConfig(t)
	const id = "1on1/dana-cruz/2026-11-25"
	const rounds = 15
	var wg sync.WaitGroup
	errs := make(chan error, 2*rounds)
	for _, w := range []struct {
		st *Store
		by string
	}{{a, "Jordan Lee"}, {b, "Dana Cruz"}} {
		wg.Go(func() {
			base := cadence.TextVersion{}
			mine := ""
			for i := range rounds {
				mine += fmt.Sprintf("- %s point %d\n", w.by, i)
				rec, res, err := w.st.EditMeeting(cfg, w.by, cadence.MeetingChange{Meeting: id, Edits: []cadence.MeetingEdit{
					{Kind: cadence.EditText, Field: cadence.FieldTalkingPoints, Base: base, Text: mine},
					{Kind: cadence.EditAddAction, Action: cadence.ActionItem{Text: fmt.Sprintf("%s action %d", w.by, i), Owner: w.by}},
				}})
				if err != nil {
					errs <- err
					return
				}
				// As the app does: the saved text is the new base, and
				// what the user sees.
				base, mine = res[0].Text, rec.TalkingPoints
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	rec, _, err := a.Record(id)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, who := range []string{"Jordan Lee", "Dana Cruz"} {
		for i := range rounds {
			if line := fmt.Sprintf("- %s point %d", who, i); !strings.Contains(rec.TalkingPoints, line) {
				t.Errorf("talking points lost %q:\n%s", line, rec.TalkingPoints)
			}
			text := fmt.Sprintf("%s action %d", who, i)
			if !slices.ContainsFunc(rec.Actions, func(a cadence.ActionItem) bool { return a.Text == text }) {
				t.Errorf("action %q lost", text)
			}
		}
	}
	for _, a := range rec.Actions {
		ids = append(ids, a.ID)
	}
	slices.Sort(ids)
	if len(slices.Compact(ids)) != 2*rounds {
		t.Errorf("action IDs not unique: %v", ids)
	}
	if rec.TalkingPointsRev < rounds {
		t.Errorf("revision %d after %d saves", rec.TalkingPointsRev, 2*rounds)
	}
}

func TestEditMeetingReportsMergeAndConflict(t *testing.T) {
	s := newTestStore(t)
	cfg := testConfig(t)
	const id = "pipeline/2026-12-01"
	text := func(base cadence.TextVersion, v string) cadence.MeetingChange {
		return cadence.MeetingChange{Meeting: id, Edits: []cadence.MeetingEdit{{Kind: cadence.EditText, Field: cadence.FieldNotes, Base: base, Text: v}}}
	}
	_, res, err := s.EditMeeting(cfg, "Sam Ortiz", text(cadence.TextVersion{}, "forecast: 1.0M"))
	if err != nil || res[0].Merged || res[0].Text.Rev != 1 {
		t.Fatalf("first save: %+v %v", res, err)
	}
	base := res[0].Text
	if _, res, err = s.EditMeeting(cfg, "Sam Ortiz", text(base, "forecast: 1.2M\nrisks: none")); err != nil || res[0].Merged {
		t.Fatalf("Sam's second save: %+v %v", res, err)
	}
	rec, res, err := s.EditMeeting(cfg, "Jordan Lee", text(base, "forecast: 1.5M"))
	if err != nil {
		t.Fatal(err)
	}
	want := "forecast: 1.5M\n[conflict: Sam Ortiz wrote this instead of the lines above]\nforecast: 1.2M\nrisks: none\n[end of Sam Ortiz's version]"
	if !res[0].Merged || !res[0].Conflict || res[0].By != "Sam Ortiz" || rec.Notes != want || rec.NotesBy != "Jordan Lee" {
		t.Errorf("second save: %+v\n%q", res[0], rec.Notes)
	}
	stored, _, _ := s.Record(id)
	if stored.Notes != want || stored.NotesRev != 3 {
		t.Errorf("stored %q rev %d", stored.Notes, stored.NotesRev)
	}
}

func TestEditMeetingFailsWholeOnABadEdit(t *testing.T) {
	s := newTestStore(t)
	cfg := testConfig(t)
	_, _, err := s.EditMeeting(cfg, "Jordan Lee", cadence.MeetingChange{Meeting: "pipeline/2026-12-01", Edits: []cadence.MeetingEdit{
		{Kind: cadence.EditStatus, Status: cadence.MeetingHeld},
		{Kind: cadence.EditSatisfaction, Satisfaction: 11},
	}})
	if err == nil || !strings.Contains(err.Error(), "satisfaction") {
		t.Fatalf("err = %v", err)
	}
	if _, ok, _ := s.Record("pipeline/2026-12-01"); ok {
		t.Error("half the change was written")
	}
}

func TestRecoveryFileRoundTrip(t *testing.T) {
	s := newTestStore(t)
	at := time.Date(2026, 11, 25, 15, 4, 5, 0, time.UTC)
	changes := []cadence.MeetingChange{{
		Meeting: "1on1/dana-cruz/2026-11-25", What: "talking points of the 1:1",
		Edits: []cadence.MeetingEdit{
			{Kind: cadence.EditText, Field: cadence.FieldTalkingPoints, Base: cadence.TextVersion{Rev: 3, Text: "old"}, Text: "old\nnew \x1b line"},
			{Kind: cadence.EditAddAction, Action: cadence.ActionItem{Text: "send deck", Owner: "Dana Cruz", Due: d("2026-11-27")}},
			{Kind: cadence.EditStatus, Status: cadence.MeetingHeld},
		},
	}}
	path, err := s.WriteRecovery("Dana Cruz", at, changes)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("recovery file %s: %v %v", path, info.Mode(), err)
	}
	second, err := s.WriteRecovery("Dana Cruz", at, changes[:0])
	if err != nil || second == path {
		t.Fatalf("a second file at the same second: %q, %v", second, err)
	}
	got, err := s.Recoveries()
	if err != nil || len(got) != 2 {
		t.Fatalf("Recoveries = %d, %v", len(got), err)
	}
	r := got[slices.IndexFunc(got, func(r Recovery) bool { return r.Path == path })]
	if r.Path != path || !r.Written.Equal(at) || r.By != "Dana Cruz" || len(r.Changes) != 1 {
		t.Fatalf("read back %+v", r)
	}
	c := r.Changes[0]
	if c.Meeting != changes[0].Meeting || c.What != changes[0].What || len(c.Edits) != 3 ||
		c.Edits[0].Base != changes[0].Edits[0].Base || c.Edits[0].Text != changes[0].Edits[0].Text ||
		c.Edits[1].Action != changes[0].Edits[1].Action || c.Edits[2].Status != cadence.MeetingHeld {
		t.Errorf("changes read back %+v", c)
	}
	for _, p := range []string{path, second} {
		if err := RemoveRecovery(p); err != nil {
			t.Fatal(err)
		}
	}
	if got, _ := s.Recoveries(); len(got) != 0 {
		t.Errorf("after removal: %d files", len(got))
	}
}

// TestNewIDsNeverReplaceImportedOnes: a registration imported as R-7 and
// an action restored as A-4 are not handed out again: the next ones added
// are, and the imported ones are still there.
func TestNewIDsNeverReplaceImportedOnes(t *testing.T) {
	s := newTestStore(t)
	cfg := testConfig(t)
	if err := s.SavePartner(cfg, "", cadence.Partner{Name: "Northwind", Type: cadence.TypeReseller, Tier: 1, Owner: "Dana Cruz", Status: cadence.PartnerActive}); err != nil {
		t.Fatal(err)
	}
	imported := cadence.Registration{ID: "R-7", Partner: "Northwind", Account: "Contoso", Amount: 100, Submitted: d("2026-11-02"), Status: cadence.RegSubmitted, Attribution: cadence.Sourced}
	if _, err := s.SaveRegistration(testConfig(t), "", imported); err != nil {
		t.Fatal(err)
	}
	added := imported
	added.ID, added.Account = "", "Fabrikam"
	got, err := s.SaveRegistration(testConfig(t), "", added)
	if err != nil || got.ID != "R-8" {
		t.Fatalf("new registration %q, %v; want R-8", got.ID, err)
	}
	if r, ok, _ := s.Registration("R-7"); !ok || r.Account != "Contoso" {
		t.Errorf("R-7 is now %+v", r)
	}
	if _, err := s.SaveRecord(cfg, "", cadence.MeetingRecord{ID: "pipeline/2026-12-01", Actions: []cadence.ActionItem{{ID: "A-4", Text: "restored"}}}); err != nil {
		t.Fatal(err)
	}
	rec, _, err := s.EditMeeting(cfg, "Jordan Lee", cadence.MeetingChange{Meeting: "pipeline/2026-12-01", Edits: []cadence.MeetingEdit{{Kind: cadence.EditAddAction, Action: cadence.ActionItem{Text: "new"}}}})
	if err != nil || len(rec.Actions) != 2 || rec.Actions[1].ID != "A-5" {
		t.Fatalf("actions %+v, %v; want A-4 kept and A-5 added", rec.Actions, err)
	}
}

// TestMeetingRevisionIsStored: the revision that a change of status or time
// makes is in the database, read back by every reader (the calendar reads
// Records), and a record stored without one reads as revision 0.
func TestMeetingRevisionIsStored(t *testing.T) {
	s := newTestStore(t)
	cfg := testConfig(t)
	const id = "pipeline/2026-12-01"
	edit := func(e cadence.MeetingEdit) {
		t.Helper()
		if _, _, err := s.EditMeeting(cfg, "Jordan Lee", cadence.MeetingChange{Meeting: id, Edits: []cadence.MeetingEdit{e}}); err != nil {
			t.Fatal(err)
		}
	}
	edit(cadence.MeetingEdit{Kind: cadence.EditText, Field: cadence.FieldNotes, Text: "forecast"})
	edit(cadence.MeetingEdit{Kind: cadence.EditMove, At: time.Date(2026, 12, 2, 20, 0, 0, 0, time.UTC)})
	edit(cadence.MeetingEdit{Kind: cadence.EditStatus, Status: cadence.MeetingCancelled})
	rec, ok, err := s.Record(id)
	if err != nil || !ok || rec.Revision != 2 {
		t.Fatalf("Record: revision %d (%v, %v), want 2", rec.Revision, ok, err)
	}
	recs, err := s.Records(d("2026-11-30"), d("2026-12-05"))
	if err != nil || recs[id].Revision != 2 {
		t.Fatalf("Records: revision %d (%v), want 2", recs[id].Revision, err)
	}
	old, err := decode[meetingJSON]([]byte(`{"id":"pipeline/2026-12-01","status":"held","at":"2026-12-01T20:00:00Z"}`))
	if err != nil || old.record().Revision != 0 {
		t.Errorf("a record stored before revisions: %+v, %v", old.record(), err)
	}
}
