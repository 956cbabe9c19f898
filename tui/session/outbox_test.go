package session_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"partnercadence/cadence"
	"partnercadence/store"
	"partnercadence/tui/screentest"
	"partnercadence/tui/session"
)

const meetingID = "1on1/dana-cruz/2026-11-25"

func newOutboxSession(t *testing.T) *session.Session {
	t.Helper()
	return screentest.DemoSession(t)
}

// flush saves the outbox as the root does.
func flush(s *session.Session) session.Flushed { return s.Flush()().(session.Flushed) }

func textChange(base cadence.TextVersion, text string) cadence.MeetingChange {
	return cadence.MeetingChange{Meeting: meetingID, What: "talking points", Edits: []cadence.MeetingEdit{
		{Kind: cadence.EditText, Field: cadence.FieldTalkingPoints, Base: base, Text: text},
	}}
}

func stored(t *testing.T, s *session.Session) cadence.MeetingRecord {
	t.Helper()
	rec, _, err := s.Store.Record(meetingID)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// TestOutboxTypingOnIsNotAConflictWithItself: text typed on while the
// screen still names the version it loaded is saved as typed — the
// session's own earlier save is not taken for someone else's.
func TestOutboxTypingOnIsNotAConflictWithItself(t *testing.T) {
	s := newOutboxSession(t)
	base := cadence.TextVersion{}
	for _, text := range []string{"- renewal", "- renewal\n- MDF", "- renewal (signed)\n- MDF\n- QBR"} {
		s.Outbox.Add(textChange(base, text))
		if f := flush(s); f.Err != nil || len(f.Saved) != 1 {
			t.Fatalf("flush: %+v", f)
		}
		if got := stored(t, s).TalkingPoints; got != text {
			t.Errorf("stored %q, want %q", got, text)
		}
	}
}

// TestOutboxMergesAnotherSave: another person's save between two of ours
// is merged in, and our later typing keeps it.
func TestOutboxMergesAnotherSave(t *testing.T) {
	s := newOutboxSession(t)
	s.Outbox.Add(textChange(cadence.TextVersion{}, "- renewal"))
	first := flush(s)
	if first.Err != nil {
		t.Fatal(first.Err)
	}
	// Dana, elsewhere, adds a line to what she read (the first save).
	if _, _, err := s.Store.EditMeeting(s.Config, "Dana Cruz", textChange(first.Saved[0].Results[0].Text, "- renewal\n- Dana: pricing")); err != nil {
		t.Fatal(err)
	}
	// Jordan types on from his own text; his screen still names rev 0.
	s.Outbox.Add(textChange(cadence.TextVersion{}, "- renewal\n- Jordan: hiring"))
	f := flush(s)
	if f.Err != nil || len(f.Saved) != 1 {
		t.Fatalf("flush: %+v", f)
	}
	got := stored(t, s).TalkingPoints
	if got != "- renewal\n- Jordan: hiring\n- Dana: pricing" {
		t.Errorf("stored %q", got)
	}
	if res := f.Saved[0].Results[0]; !res.Merged || res.Conflict || res.By != "Dana Cruz" {
		t.Errorf("result %+v, want merged with Dana's", res)
	}
}

// TestOutboxKeepsWhatTheDatabaseWillNotTake: while the file is held a save
// fails and everything stays queued in order; once free, it lands.
func TestOutboxKeepsWhatTheDatabaseWillNotTake(t *testing.T) {
	s := newOutboxSession(t)
	release := holdWriteLock(t, s.Store.Path())
	s.Outbox.Add(textChange(cadence.TextVersion{}, "typed"))
	s.Outbox.Add(cadence.MeetingChange{Meeting: meetingID, What: "held", Edits: []cadence.MeetingEdit{{Kind: cadence.EditStatus, Status: cadence.MeetingHeld}}})
	f := flush(s)
	if !errors.Is(f.Err, store.ErrLocked) || f.Pending != 2 || f.Failures != 1 || len(f.Saved) != 0 {
		t.Fatalf("flush while held: %+v", f)
	}
	if !s.Outbox.Waiting(meetingID) {
		t.Error("the changes are not waiting")
	}
	if _, text, ok := s.Outbox.PendingText(meetingID, cadence.FieldTalkingPoints); !ok || text != "typed" {
		t.Errorf("pending text %q, %v", text, ok)
	}
	if got := session.RetryAfter(f.Failures); got != time.Second {
		t.Errorf("first retry after %v", got)
	}
	release()
	f = flush(s)
	if f.Err != nil || f.Pending != 0 || len(f.Saved) != 2 {
		t.Fatalf("flush once free: %+v", f)
	}
	if rec := stored(t, s); rec.TalkingPoints != "typed" || rec.Status != cadence.MeetingHeld {
		t.Errorf("stored %+v", rec)
	}
	if s.Outbox.Err() != nil || s.Outbox.Len() != 0 {
		t.Errorf("outbox after success: %v, %d", s.Outbox.Err(), s.Outbox.Len())
	}
}

// TestOutboxRecoveryFile: what cannot be saved goes to a recovery file
// whole; adopted again, it is saved and the file removed.
func TestOutboxRecoveryFile(t *testing.T) {
	s := newOutboxSession(t)
	s.Outbox.Add(textChange(cadence.TextVersion{}, "kept for later"))
	path, err := s.WriteRecovery()
	if err != nil || path == "" || s.Outbox.Len() != 0 {
		t.Fatalf("WriteRecovery = %q, %v; %d left", path, err, s.Outbox.Len())
	}
	next := &session.Session{Store: s.Store, Config: s.Config, Clock: s.Clock, Me: "Jordan Lee"}
	found, err := next.Store.Recoveries()
	if err != nil || len(found) != 1 || found[0].Path != path {
		t.Fatalf("Recoveries = %+v, %v", found, err)
	}
	next.Outbox.AdoptRecovery(found[0])
	if f := flush(next); f.Err != nil || len(f.Saved) != 1 {
		t.Fatalf("flush: %+v", f)
	}
	if got := stored(t, next).TalkingPoints; got != "kept for later" {
		t.Errorf("stored %q", got)
	}
	if left, _ := next.Store.Recoveries(); len(left) != 0 {
		t.Errorf("recovery file left: %+v", left)
	}
}

func TestRetryAfterGrowsToFiveSeconds(t *testing.T) {
	var got []string
	for n := 1; n <= 5; n++ {
		got = append(got, session.RetryAfter(n).String())
	}
	if s := strings.Join(got, " "); s != "1s 2s 4s 5s 5s" {
		t.Errorf("backoff %s", s)
	}
}

// holdWriteLock opens the file as another writer would, holding bbolt's
// exclusive lock until release.
func holdWriteLock(t *testing.T, path string) (release func()) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return func() { db.Close() }
}
