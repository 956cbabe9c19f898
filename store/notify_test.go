package store

import (
	"testing"

	"partnercadence/cadence"
)

func closed(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// A committed write closes the channel taken before it, and only that one:
// the next write is signalled on a new channel. A write that does not
// commit (the store refuses it) signals nothing.
func TestChangesClosedByEveryCommittedWrite(t *testing.T) {
	s := newTestStore(t)
	cfg := testConfig(t)
	before := s.Changes()
	if closed(before) {
		t.Fatal("the channel is closed before any write")
	}
	change := cadence.MeetingChange{Meeting: "1on1/dana-cruz/2026-11-24", What: "talking points", Edits: []cadence.MeetingEdit{
		{Kind: cadence.EditText, Field: cadence.FieldTalkingPoints, Text: "renewals first"},
	}}
	if _, _, err := s.EditMeeting(cfg, "Jordan Lee", change); err != nil {
		t.Fatal(err)
	}
	if !closed(before) {
		t.Error("a committed write did not close the channel taken before it")
	}
	after := s.Changes()
	if closed(after) {
		t.Error("the channel taken after the write is closed already")
	}
	bad := cadence.MeetingChange{Meeting: change.Meeting, What: "nonsense", Edits: []cadence.MeetingEdit{{Kind: "no_such_edit"}}}
	if _, _, err := s.EditMeeting(cfg, "Jordan Lee", bad); err == nil {
		t.Fatal("an edit of an unknown kind was taken")
	}
	if closed(after) {
		t.Error("a write that failed closed the channel")
	}
	if _, _, err := s.EditMeeting(cfg, "Jordan Lee", change); err != nil {
		t.Fatal(err)
	}
	if !closed(after) {
		t.Error("the second committed write did not close the new channel")
	}
}
