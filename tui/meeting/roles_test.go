package meeting

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"partnercadence/cadence"
	"partnercadence/tui/session"
	"partnercadence/tui/theme"
)

// TestAnotherManagersOneOnOneIsReadOnly: Dana opens Priya's 1:1. Its
// texts say they are read-only; enter on the talking points says in one
// line who may write them, and nothing is queued or written.
func TestAnotherManagersOneOnOneIsReadOnly(t *testing.T) {
	hs := newHarness(t, "Dana Cruz", "1on1/priya-natarajan/2026-11-24", 100, 30)
	before, _ := hs.record("1on1/priya-natarajan/2026-11-24")
	hs.focusSection(secTalking)
	if v := hs.view(); !strings.Contains(v, "read-only  scheduled") {
		t.Errorf("the view does not say the meeting is read-only:\n%s", v)
	}
	wide := newHarness(t, "Dana Cruz", "1on1/priya-natarajan/2026-11-24", 140, 30)
	if v := wide.view(); !strings.Contains(v, "Talking points · read-only") || !strings.Contains(v, "Notes · read-only") {
		t.Errorf("the wide view does not say the texts are read-only:\n%s", v)
	}
	if k := hs.m.Keys().(KeyMap); !theme.Refused(k.Write) || !theme.Refused(k.Held) || !theme.Refused(k.Add) {
		t.Errorf("write, held and add are not shown refused")
	}
	hs.sent = nil
	hs.press("enter")
	if hs.m.editing {
		t.Fatal("enter opened the text for writing")
	}
	hs.typeText("x")
	if n := hs.sess.Outbox.Len(); n != 0 {
		t.Errorf("%d changes queued, want none", n)
	}
	var refusals []string
	for _, m := range hs.sent {
		if f, ok := m.(session.Failed); ok && errors.Is(f.Err, cadence.ErrNotAllowed) {
			refusals = append(refusals, f.Err.Error())
		}
	}
	want := "only the head or Priya Natarajan may change the talking points of the 1:1 with Priya Natarajan of 2026-11-24"
	if len(refusals) != 1 || refusals[0] != want {
		t.Errorf("refusals %q, want [%q]", refusals, want)
	}
	if after, _ := hs.record("1on1/priya-natarajan/2026-11-24"); after.TalkingPoints != before.TalkingPoints || after.TalkingPointsRev != before.TalkingPointsRev {
		t.Errorf("the talking points changed: %q", after.TalkingPoints)
	}
}

// TestOwnOneOnOneIsWritable: on her own 1:1 Dana writes talking points.
func TestOwnOneOnOneIsWritable(t *testing.T) {
	hs := newHarness(t, "Dana Cruz", danaNext, 100, 30)
	hs.focusSection(secTalking)
	if v := hs.view(); strings.Contains(v, "read-only") {
		t.Errorf("her own 1:1 reads as read-only:\n%s", v)
	}
	hs.press("enter")
	hs.typeText("- renewal")
	hs.press("esc", "esc")
	if rec, _ := hs.record(danaNext); rec.TalkingPoints != "- renewal" {
		t.Errorf("talking points = %q", rec.TalkingPoints)
	}
}

// TestOutboxDropsARefusal: a change the rules refuse (queued before the
// data said so, as from a recovery file) leaves the outbox for good, and
// what it carried is in a recovery file.
func TestOutboxDropsARefusal(t *testing.T) {
	sess := newSession(t, "Dana Cruz")
	sess.Outbox.Add(cadence.MeetingChange{Meeting: "1on1/priya-natarajan/2026-11-24", What: "notes",
		Edits: []cadence.MeetingEdit{{Kind: cadence.EditText, Field: cadence.FieldNotes, Text: "typed by Dana"}}})
	f := sess.Flush()().(session.Flushed)
	var r *session.Refused
	if !errors.As(f.Err, &r) || !errors.Is(f.Err, cadence.ErrNotAllowed) {
		t.Fatalf("flush: %v, want a refusal", f.Err)
	}
	if f.Pending != 0 || sess.Outbox.Len() != 0 {
		t.Errorf("the refused change is still queued (%d)", sess.Outbox.Len())
	}
	if strings.Contains(r.Error(), "\n") || !strings.Contains(r.Error(), "kept in "+filepath.Dir(sess.Store.Path())) {
		t.Errorf("message %q: want one line naming the recovery file", r.Error())
	}
	recs, err := sess.Store.Recoveries()
	if err != nil || len(recs) != 1 || recs[0].Changes[0].Edits[0].Text != "typed by Dana" {
		t.Errorf("recoveries %+v, %v: want the typed text kept", recs, err)
	}
	// Offered at the next start and taken (y): refused again, it is kept
	// in one file, not in one more each time.
	next := &session.Session{Store: sess.Store, Config: sess.Config, Clock: sess.Clock, Me: sess.Me}
	next.Outbox.AdoptRecovery(recs[0])
	if f := next.Flush()().(session.Flushed); !errors.Is(f.Err, cadence.ErrNotAllowed) {
		t.Fatalf("second flush: %v, want a refusal", f.Err)
	}
	if recs, _ := sess.Store.Recoveries(); len(recs) != 1 || recs[0].Changes[0].Edits[0].Text != "typed by Dana" {
		t.Errorf("after taking the recovery again: %d files, want 1 with the typed text", len(recs))
	}
}
