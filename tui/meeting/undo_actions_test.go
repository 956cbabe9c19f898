package meeting

import (
	"strings"
	"testing"

	"partnercadence/cadence"
	"partnercadence/tui/session"
)

// lastSavedChange returns the last change the harness saw saved.
func (hs *harness) lastSavedChange() session.SavedChange {
	hs.t.Helper()
	for i := len(hs.sent) - 1; i >= 0; i-- {
		if f, ok := hs.sent[i].(session.Flushed); ok && len(f.Saved) > 0 {
			return f.Saved[len(f.Saved)-1]
		}
	}
	hs.t.Fatal("nothing saved")
	return session.SavedChange{}
}

// undo writes what the root's u would for the last saved change.
func (hs *harness) undo() {
	hs.t.Helper()
	c := hs.lastSavedChange()
	edits := c.UndoEdits()
	if len(edits) == 0 {
		hs.t.Fatalf("%q cannot be undone", c.Change.What)
	}
	if err := hs.sess.Store.UndoMeeting(hs.sess.Config, hs.sess.Me, c.Record.ID, c.Record, edits); err != nil {
		hs.t.Fatal(err)
	}
	hs.send(hs.sess.Load()())
}

// TestUndoActionAddAndDelete: u takes back an added action (deleting the
// one the store numbered) and a deleted one (adding it again as it was);
// typing is not taken back by u.
func TestUndoActionAddAndDelete(t *testing.T) {
	hs := newHarness(t, "Jordan Lee", danaNext, 100, 30)
	hs.focusSection(secActions)
	hs.press("a")
	hs.typeText("Send the MDF brief")
	hs.press("enter")
	rec, _ := hs.record(danaNext)
	if len(rec.Actions) != 1 {
		t.Fatalf("actions %+v, want one", rec.Actions)
	}
	added := rec.Actions[0]
	hs.undo()
	if rec, _ := hs.record(danaNext); len(rec.Actions) != 0 {
		t.Fatalf("after undoing the add: %+v", rec.Actions)
	}

	hs.press("a")
	hs.typeText("Call the CFO")
	hs.press("enter")
	rec, _ = hs.record(danaNext)
	if len(rec.Actions) != 1 {
		t.Fatalf("actions %+v, want one", rec.Actions)
	}
	kept := rec.Actions[0]
	if kept.ID == added.ID {
		t.Errorf("a new action reuses %s", added.ID)
	}
	hs.press("d", "y")
	if rec, _ := hs.record(danaNext); len(rec.Actions) != 0 {
		t.Fatalf("d y left %+v", rec.Actions)
	}
	hs.undo()
	rec, _ = hs.record(danaNext)
	if len(rec.Actions) != 1 || rec.Actions[0].Text != kept.Text || rec.Actions[0].Owner != kept.Owner || rec.Actions[0].Due != kept.Due {
		t.Errorf("after undoing the delete: %+v, want %+v again", rec.Actions, kept)
	}

	typing := session.SavedChange{Change: cadence.MeetingChange{Edits: []cadence.MeetingEdit{{Kind: cadence.EditText, Field: cadence.FieldNotes, Text: "x"}}}}
	if edits := typing.UndoEdits(); edits != nil {
		t.Errorf("typing is undone with %+v, want not by u", edits)
	}
}

// TestUndoOfACarriedTickShows: x ticks an earlier meeting's action; u (in
// the root) takes it back in the database, and the agenda shows it open
// again, not the tick this screen saved.
func TestUndoOfACarriedTickShows(t *testing.T) {
	hs := newHarness(t, "Jordan Lee", danaNext, 100, 30)
	hs.press("x")
	if v := hs.view(); !strings.Contains(v, "[x] Send Copperleaf Studio") {
		t.Fatalf("after x:\n%s", v)
	}
	hs.undo()
	if v := hs.view(); !strings.Contains(v, "[ ] Send Copperleaf Studio") || !strings.Contains(v, "Carried over (1 open)") {
		t.Errorf("after u, the tick is still shown:\n%s", v)
	}
}
