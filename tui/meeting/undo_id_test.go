package meeting

import (
	"errors"
	"strings"
	"testing"

	"partnercadence/cadence"
	"partnercadence/store"
)

// TestUndoDeleteKeepsActionID: in the meeting screen, an action marked
// done and then deleted comes back by u with its own ID, its done date and
// owner, between the actions it sat between; the screen lists it under
// that ID again. Had another writer given the ID to another action
// meanwhile, u says so and puts nothing back.
func TestUndoDeleteKeepsActionID(t *testing.T) {
	hs := newHarness(t, "Jordan Lee", danaNext, 100, 30)
	hs.focusSection(secActions)
	for _, text := range []string{"Send the deck", "Book the QBR", "Chase the renewal"} {
		hs.press("a")
		hs.typeText(text)
		hs.press("enter")
	}
	rec, _ := hs.record(danaNext)
	if len(rec.Actions) != 3 {
		t.Fatalf("actions %+v, want three", rec.Actions)
	}
	before := rec.Actions
	middle := before[1]

	// The cursor is on the last one added: up one, done, delete.
	hs.press("k", "x")
	rec, _ = hs.record(danaNext)
	if rec.Actions[1].ID != middle.ID || rec.Actions[1].Done.IsZero() {
		t.Fatalf("x did not mark %s done: %+v", middle.ID, rec.Actions)
	}
	done := rec.Actions[1]
	hs.press("d", "y")
	rec, _ = hs.record(danaNext)
	if len(rec.Actions) != 2 || rec.Actions[0].ID != before[0].ID || rec.Actions[1].ID != before[2].ID {
		t.Fatalf("d y left %+v, want %s deleted", rec.Actions, middle.ID)
	}
	if strings.Contains(hs.view(), middle.ID) {
		t.Fatalf("the screen still shows %s after its delete:\n%s", middle.ID, hs.view())
	}

	hs.undo()
	rec, _ = hs.record(danaNext)
	if len(rec.Actions) != 3 || rec.Actions[1] != done {
		t.Fatalf("after undoing the delete: %+v, want %+v back in the middle", rec.Actions, done)
	}
	if rec.Actions[0].ID != before[0].ID || rec.Actions[2].ID != before[2].ID {
		t.Errorf("after undoing the delete the order is %+v", rec.Actions)
	}
	if v := hs.view(); !strings.Contains(v, middle.ID) || !strings.Contains(v, "Book the QBR") {
		t.Errorf("the screen does not show %s \"Book the QBR\" again:\n%s", middle.ID, v)
	}

	// Deleted again; meanwhile a restore files another action under its
	// ID in another meeting.
	hs.press("d", "y")
	deleted := hs.lastSavedChange()
	other := cadence.MeetingRecord{ID: "pipeline/2026-12-01", Actions: []cadence.ActionItem{{ID: middle.ID, Text: "Someone else's", Owner: "Sam Ortiz"}}}
	if _, err := hs.sess.Store.SaveRecord(hs.sess.Config, "Jordan Lee", other); err != nil {
		t.Fatal(err)
	}
	err := hs.sess.Store.UndoMeeting(hs.sess.Config, hs.sess.Me, deleted.Record.ID, deleted.Record, deleted.UndoEdits())
	if !errors.Is(err, store.ErrChangedMeanwhile) || !strings.Contains(err.Error(), middle.ID) {
		t.Errorf("undo with %s taken: %v, want ErrChangedMeanwhile naming it", middle.ID, err)
	}
	if rec, _ := hs.record(danaNext); len(rec.Actions) != 2 {
		t.Errorf("the refused undo changed the meeting: %+v", rec.Actions)
	}
}
