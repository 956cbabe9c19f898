package cadence

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestApplyTextMergesWithAnotherSave(t *testing.T) {
	rec := MeetingRecord{ID: "1on1/dana-cruz/2026-11-25"}
	// Jordan and Dana both open the meeting on the empty text (rev 0).
	base := rec.Text(FieldTalkingPoints)
	res, err := rec.Apply(MeetingEdit{Kind: EditText, Field: FieldTalkingPoints, Base: base, Text: "- renewal"}, "Dana Cruz")
	if err != nil || res.Merged || res.Text != (TextVersion{1, "- renewal"}) {
		t.Fatalf("first save: %+v, %v", res, err)
	}
	res, err = rec.Apply(MeetingEdit{Kind: EditText, Field: FieldTalkingPoints, Base: base, Text: "- MDF ask"}, "Jordan Lee")
	if err != nil {
		t.Fatal(err)
	}
	want := EditResult{Text: TextVersion{2, "- MDF ask\n- renewal"}, Merged: true, By: "Dana Cruz"}
	if diff := cmp.Diff(want, res); diff != "" {
		t.Errorf("second save (-want +got):\n%s", diff)
	}
	if rec.TalkingPoints != "- MDF ask\n- renewal" || rec.TalkingPointsRev != 2 || rec.TalkingPointsBy != "Jordan Lee" {
		t.Errorf("record after both saves: %q rev %d by %q", rec.TalkingPoints, rec.TalkingPointsRev, rec.TalkingPointsBy)
	}
	// The same save again changes nothing and does not count as a revision.
	res, _ = rec.Apply(MeetingEdit{Kind: EditText, Field: FieldTalkingPoints, Base: TextVersion{2, "- MDF ask\n- renewal"}, Text: "- MDF ask\n- renewal"}, "Jordan Lee")
	if res.Text.Rev != 2 || res.Merged {
		t.Errorf("no-op save: %+v", res)
	}
}

func TestApplyTextConflictKeepsBoth(t *testing.T) {
	rec := MeetingRecord{ID: "pipeline/2026-12-01", Notes: "budget: 10", NotesRev: 4, NotesBy: "Sam Ortiz"}
	base := TextVersion{3, "budget: 5"}
	res, err := rec.Apply(MeetingEdit{Kind: EditText, Field: FieldNotes, Base: base, Text: "budget: 12"}, "Jordan Lee")
	if err != nil {
		t.Fatal(err)
	}
	want := "budget: 12\n[conflict: Sam Ortiz wrote this instead of the lines above]\nbudget: 10\n[end of Sam Ortiz's version]"
	if !res.Merged || !res.Conflict || res.By != "Sam Ortiz" || rec.Notes != want || rec.NotesRev != 5 {
		t.Errorf("got %+v, notes %q", res, rec.Notes)
	}
}

func TestApplyActionsAndStatus(t *testing.T) {
	due := Date{}.AddDays(20000)
	rec := MeetingRecord{ID: "1on1/dana-cruz/2026-11-25", Status: MeetingCancelled, Actions: []ActionItem{
		{ID: "A-1", Text: "send deck", Owner: "Dana Cruz"},
		{ID: "A-2", Text: "call Acme", Owner: "Dana Cruz"},
	}}
	edits := []MeetingEdit{
		{Kind: EditAddAction, Action: ActionItem{Text: "price list", Owner: "Jordan Lee", Due: due}},
		{Kind: EditActionDone, Action: ActionItem{ID: "A-1", Done: due}},
		{Kind: EditAction, Action: ActionItem{ID: "A-2", Text: "call Acme's CFO", Owner: "Jordan Lee"}},
		{Kind: EditDeleteAction, Action: ActionItem{ID: "A-9"}},
		{Kind: EditMove, At: time.Date(2026, 11, 26, 15, 0, 0, 0, time.UTC)},
		{Kind: EditSatisfaction, Satisfaction: 8},
	}
	var gone []bool
	for _, e := range edits {
		res, err := rec.Apply(e, "Jordan Lee")
		if err != nil {
			t.Fatalf("%s: %v", e.Kind, err)
		}
		gone = append(gone, res.Gone)
	}
	want := MeetingRecord{
		ID: rec.ID, Status: MeetingScheduled, At: time.Date(2026, 11, 26, 15, 0, 0, 0, time.UTC), Satisfaction: 8,
		Revision: 1, // the move
		Actions: []ActionItem{
			{ID: "A-1", Text: "send deck", Owner: "Dana Cruz", Done: due},
			{ID: "A-2", Text: "call Acme's CFO", Owner: "Jordan Lee"},
			{Text: "price list", Owner: "Jordan Lee", Due: due, Meeting: rec.ID},
		},
	}
	if diff := cmp.Diff(want, rec, cmpopts.EquateComparable(Date{})); diff != "" {
		t.Errorf("record (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]bool{false, false, false, true, false, false}, gone); diff != "" {
		t.Errorf("gone (-want +got):\n%s", diff)
	}
	if _, err := rec.Apply(MeetingEdit{Kind: EditDeleteAction, Action: ActionItem{ID: "A-1"}}, ""); err != nil || len(rec.Actions) != 2 || rec.Actions[0].ID != "A-2" {
		t.Errorf("delete A-1: %v, %+v", err, rec.Actions)
	}
	if _, err := rec.Apply(MeetingEdit{Kind: "explode"}, ""); err == nil {
		t.Error("an unknown edit was accepted")
	}
}

// TestApplyRevision: a change of what a calendar shows — status, time,
// title — makes a new revision (the calendar's SEQUENCE); texts,
// satisfaction, actions and a status set to what it was do not.
func TestApplyRevision(t *testing.T) {
	at := time.Date(2026, 11, 25, 16, 0, 0, 0, time.UTC)
	r := MeetingRecord{ID: "1on1/dana-cruz/2026-11-24"}
	steps := []struct {
		edit MeetingEdit
		want int
	}{
		{MeetingEdit{Kind: EditText, Field: FieldNotes, Text: "agenda"}, 0},
		{MeetingEdit{Kind: EditStatus, Status: MeetingScheduled}, 0}, // "" is scheduled already
		{MeetingEdit{Kind: EditMove, At: at}, 1},
		{MeetingEdit{Kind: EditMove, At: at}, 1},
		{MeetingEdit{Kind: EditSatisfaction, Satisfaction: 8}, 1},
		{MeetingEdit{Kind: EditAddAction, Action: ActionItem{Text: "x"}}, 1},
		{MeetingEdit{Kind: EditStatus, Status: MeetingCancelled}, 2},
		{MeetingEdit{Kind: EditMove}, 3}, // back to the planned time, and on again
		{MeetingEdit{Kind: EditStatus, Status: MeetingHeld}, 4},
	}
	for i, s := range steps {
		if _, err := r.Apply(s.edit, "Dana Cruz"); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if r.Revision != s.want {
			t.Errorf("step %d (%s): revision %d, want %d", i, s.edit.Kind, r.Revision, s.want)
		}
	}
}
