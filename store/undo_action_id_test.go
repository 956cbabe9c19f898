package store

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"partnercadence/cadence"
)

const undoMeeting = "1on1/dana-cruz/2026-11-24"

// threeActions stores Dana's 1:1 with A-1 (open), A-2 (done) and A-3
// (open, due), and returns the record.
func threeActions(t *testing.T, s *Store, cfg *cadence.Config) cadence.MeetingRecord {
	t.Helper()
	rec, _, err := s.EditMeeting(cfg, "Jordan Lee", cadence.MeetingChange{Meeting: undoMeeting, Edits: []cadence.MeetingEdit{
		{Kind: cadence.EditAddAction, Action: cadence.ActionItem{Text: "Send the deck", Owner: "Dana Cruz"}},
		{Kind: cadence.EditAddAction, Action: cadence.ActionItem{Text: "Book the QBR", Owner: "Jordan Lee", Due: d("2026-11-20")}},
		{Kind: cadence.EditAddAction, Action: cadence.ActionItem{Text: "Chase R-7", Owner: "Dana Cruz", Due: d("2026-12-01")}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	rec, _, err = s.EditMeeting(cfg, "Jordan Lee", cadence.MeetingChange{Meeting: undoMeeting, Edits: []cadence.MeetingEdit{
		{Kind: cadence.EditActionDone, Action: cadence.ActionItem{ID: "A-2", Done: d("2026-11-21")}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if ids := actionIDs(rec); ids != "A-1 A-2 A-3" {
		t.Fatalf("actions %s, want A-1 A-2 A-3", ids)
	}
	return rec
}

func actionIDs(rec cadence.MeetingRecord) string {
	var ids []string
	for _, a := range rec.Actions {
		ids = append(ids, a.ID)
	}
	return strings.Join(ids, " ")
}

// deleteAction deletes action i of rec as the meeting screen does and
// returns the record as saved and the edits that undo it (the action
// added again as it was).
func deleteAction(t *testing.T, s *Store, cfg *cadence.Config, rec cadence.MeetingRecord, i int) (cadence.MeetingRecord, []cadence.MeetingEdit) {
	t.Helper()
	a := rec.Actions[i]
	after, _, err := s.EditMeeting(cfg, "Jordan Lee", cadence.MeetingChange{Meeting: undoMeeting, Edits: []cadence.MeetingEdit{
		{Kind: cadence.EditDeleteAction, Action: cadence.ActionItem{ID: a.ID}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	return after, []cadence.MeetingEdit{{Kind: cadence.EditAddAction, Action: a}}
}

// TestUndoDeletedActionKeepsItsID: undoing the delete of an action puts it
// back with its ID, status, owner, due and done date, at its old place;
// an open one is open again under its ID (the flags and carried-over lists
// find it); the next new action still gets a new number.
func TestUndoDeletedActionKeepsItsID(t *testing.T) {
	s, cfg := newTestStore(t), testConfig(t)
	rec := threeActions(t, s, cfg)
	for _, i := range []int{1, 0, 2} { // the done one, the first, the last
		want := rec.Actions
		after, undo := deleteAction(t, s, cfg, rec, i)
		if err := s.UndoMeeting(cfg, "Jordan Lee", undoMeeting, after, undo); err != nil {
			t.Fatalf("undo the delete of %s: %v", want[i].ID, err)
		}
		got, _, err := s.Record(undoMeeting)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got.Actions); diff != "" {
			t.Errorf("after undoing the delete of %s (-before the delete +after the undo):\n%s", want[i].ID, diff)
		}
		rec = got
	}
	open, err := s.OpenActions()
	if err != nil {
		t.Fatal(err)
	}
	var openIDs []string
	for _, a := range open {
		openIDs = append(openIDs, a.ID+" "+a.Meeting)
	}
	if diff := cmp.Diff([]string{"A-1 " + undoMeeting, "A-3 " + undoMeeting}, openIDs); diff != "" {
		t.Errorf("open actions (-want +got):\n%s", diff)
	}
	added, _, err := s.EditMeeting(cfg, "Jordan Lee", cadence.MeetingChange{Meeting: undoMeeting, Edits: []cadence.MeetingEdit{
		{Kind: cadence.EditAddAction, Action: cadence.ActionItem{Text: "New one", Owner: "Dana Cruz"}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if ids := actionIDs(added); ids != "A-1 A-2 A-3 A-4" {
		t.Errorf("after a new action: %s, want A-1 A-2 A-3 A-4", ids)
	}
}

// TestUndoDeletedActionRefusedWhenIDTaken: when another writer used the
// deleted action's ID meanwhile — in the same meeting or another one — the
// undo says so, refuses with ErrChangedMeanwhile and writes nothing.
func TestUndoDeletedActionRefusedWhenIDTaken(t *testing.T) {
	for _, where := range []string{undoMeeting, "pipeline/2026-12-01"} {
		t.Run(where, func(t *testing.T) {
			s, cfg := newTestStore(t), testConfig(t)
			rec := threeActions(t, s, cfg)
			after, undo := deleteAction(t, s, cfg, rec, 1)
			// Another writer (a restore, an import of records) files an
			// action under A-2.
			other := cadence.MeetingRecord{ID: where}
			if where == undoMeeting {
				other = after
			}
			other.Actions = append(other.Actions, cadence.ActionItem{ID: "A-2", Text: "Someone else's", Owner: "Sam Ortiz"})
			if _, err := s.SaveRecord(cfg, "Jordan Lee", other); err != nil {
				t.Fatal(err)
			}
			if where == undoMeeting {
				after, _, _ = s.Record(undoMeeting)
			}
			gen, _ := s.Generation()
			err := s.UndoMeeting(cfg, "Jordan Lee", undoMeeting, after, undo)
			if !errors.Is(err, ErrChangedMeanwhile) {
				t.Fatalf("undo: %v, want ErrChangedMeanwhile", err)
			}
			if want := `action A-2 is now "Someone else's" of ` + where; !strings.Contains(err.Error(), want) {
				t.Errorf("undo says %q, want it to say %q", err, want)
			}
			if g, _ := s.Generation(); g != gen {
				t.Errorf("the refused undo wrote (generation %d → %d)", gen, g)
			}
		})
	}
}
