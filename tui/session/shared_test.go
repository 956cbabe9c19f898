package session_test

import (
	"sync"
	"testing"
	"time"

	"partnercadence/cadence"
	"partnercadence/cadence/agenda"
	"partnercadence/tui/screentest"
	"partnercadence/tui/session"
)

// serveSessions returns n sessions of one process as `cadence serve` makes
// them: one store, one config, one Shared.
func serveSessions(t *testing.T, n int) []*session.Session {
	t.Helper()
	first := screentest.DemoSession(t)
	first.Shared = &session.Shared{}
	all := []*session.Session{first}
	for range n - 1 {
		all = append(all, &session.Session{Store: first.Store, Config: first.Config, Clock: first.Clock, Me: first.Me, Shared: first.Shared})
	}
	return all
}

// What a screen derives from a snapshot is built once however many
// sessions (and goroutines) ask, each gets that one value, and a new
// snapshot builds it again.
func TestDeriveOncePerSnapshot(t *testing.T) {
	sessions := serveSessions(t, 4)
	snap := load(t, sessions[0])
	if other := load(t, sessions[1]); other != snap {
		t.Fatalf("two sessions of one process read two snapshots")
	}
	type key struct{}
	var mu sync.Mutex
	builds := 0
	build := func(s *session.Snapshot) *[]string {
		mu.Lock()
		builds++
		mu.Unlock()
		names := make([]string, len(s.Partners))
		for i, p := range s.Partners {
			names[i] = p.Partner.Name
		}
		return &names
	}
	got := make([]*[]string, 8)
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() { got[i] = session.Derive(snap, key{}, build) })
	}
	wg.Wait()
	for i, g := range got {
		if g != got[0] {
			t.Errorf("caller %d got a value of its own", i)
		}
	}
	if builds != 1 || len(*got[0]) != len(snap.Partners) || len(snap.Partners) == 0 {
		t.Errorf("%d builds of %d names for %d partners, want 1 build of every name", builds, len(*got[0]), len(snap.Partners))
	}
	type otherKey struct{}
	if session.Derive(snap, otherKey{}, build) == got[0] || builds != 2 {
		t.Errorf("another key shares the first key's value (%d builds)", builds)
	}

	// A write: the next snapshot has a cache of its own.
	write(t, sessions[2], "- after the write")
	next := load(t, sessions[3])
	if next == snap {
		t.Fatalf("the snapshot outlived a write")
	}
	if session.Derive(next, key{}, build) == got[0] || builds != 3 {
		t.Errorf("a new snapshot took the old one's value (%d builds)", builds)
	}
}

// The sessions that have one meeting open share its read until a write
// commits; the read after it shows the write.
func TestMeetingDataSharedUntilAWrite(t *testing.T) {
	sessions := serveSessions(t, 3)
	id := danaNextID
	first, err := sessions[0].MeetingData(id)
	if err != nil {
		t.Fatal(err)
	}
	second, err := sessions[1].MeetingData(id)
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Partners) == 0 || &first.Partners[0] != &second.Partners[0] {
		t.Fatalf("two sessions read meeting %s twice (%d partners)", id, len(first.Partners))
	}

	write(t, sessions[2], "- seen by the others")
	after, err := sessions[1].MeetingData(id)
	if err != nil {
		t.Fatal(err)
	}
	if got := talkingPoints(after); got != "- seen by the others" {
		t.Errorf("after the write, the meeting's talking points read %q", got)
	}
	if got := talkingPoints(first); got == "- seen by the others" {
		t.Errorf("the read from before the write was changed in place")
	}
}

// danaNextID is Dana Cruz's 1:1 in the week of the demo.
const danaNextID = "1on1/dana-cruz/2026-11-25"

func talkingPoints(md agenda.Input) string {
	if md.Occurrence.Record == nil {
		return ""
	}
	return md.Occurrence.Record.Text(cadence.FieldTalkingPoints).Text
}

// write saves text as the talking points of Dana's 1:1, as sess's member,
// the way the outbox does.
func write(t *testing.T, sess *session.Session, text string) {
	t.Helper()
	rec, _, err := sess.Store.Record(danaNextID)
	if err != nil {
		t.Fatal(err)
	}
	change := cadence.MeetingChange{Meeting: danaNextID, What: "talking points", Edits: []cadence.MeetingEdit{
		{Kind: cadence.EditText, Field: cadence.FieldTalkingPoints, Base: rec.Text(cadence.FieldTalkingPoints), Text: text},
	}}
	if _, _, err := sess.Store.EditMeeting(sess.Config, sess.Me, change); err != nil {
		t.Fatal(err)
	}
}

// A minute on, the flags are computed again once for the sessions showing
// a snapshot: the later poll takes the earlier one's result.
func TestReflagOnceForAll(t *testing.T) {
	sessions := serveSessions(t, 2)
	now := screentest.Now
	for _, s := range sessions {
		s.Clock = func() time.Time { return now }
	}
	snap := load(t, sessions[0])
	now = now.Add(2 * time.Minute)
	a, ok := sessions[0].Poll(snap)().(session.Reflagged)
	if !ok {
		t.Fatalf("the first poll a minute on did not reflag")
	}
	now = now.Add(time.Second)
	b, ok := sessions[1].Poll(snap)().(session.Reflagged)
	if !ok {
		t.Fatalf("the second poll a minute on did not reflag")
	}
	if a.Snapshot != b.Snapshot || a.Snapshot == snap || b.From != snap {
		t.Errorf("each session computed the flags for itself")
	}
	if c := load(t, sessions[1]); c != a.Snapshot {
		t.Errorf("a load after the reflag reads another snapshot")
	}
}
