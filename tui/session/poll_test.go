package session

import (
	"path/filepath"
	"testing"
	"time"

	"partnercadence/cadence"
	"partnercadence/cadence/demo"
	"partnercadence/store"
)

// In `cadence serve` every session shares one Store: a write of one session
// wakes the poll of another through the store's change signal, not through
// the file's stamp. The snapshot here is given the stamp of the file after
// the write, so a poll that only looked at the stamp would see nothing new.
func TestPollWakesOnAnotherSessionsWrite(t *testing.T) {
	now := time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)
	cfg, err := cadence.ParseConfig([]byte(demo.Config(demo.Small, now)), "demo")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "cadence.db")
	if err := store.Load(path, cfg, func(l *store.Loader) error { return demo.Generate(demo.Small, 1, now, l) }); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	clock := func() time.Time { return now }
	head := &Session{Store: st, Config: cfg, Clock: clock, Me: cfg.Team[0].Name}
	other := &Session{Store: st, Config: cfg, Clock: clock, Me: cfg.Team[1].Name}

	snap, err := head.load()
	if err != nil {
		t.Fatal(err)
	}
	other.Outbox.Add(cadence.MeetingChange{Meeting: "1on1/dana-cruz/2026-11-25", What: "talking points", Edits: []cadence.MeetingEdit{
		{Kind: cadence.EditText, Field: cadence.FieldTalkingPoints, Text: "from the other session"},
	}})
	if f := other.flush(); f.Err != nil || len(f.Saved) != 1 {
		t.Fatalf("the other session's save: %+v", f)
	}
	if snap.Stamp, err = st.Stamp(); err != nil {
		t.Fatal(err)
	}
	msg := head.Poll(snap)()
	got, ok := msg.(Changed)
	if !ok {
		t.Fatalf("poll after another session's write = %T, want Changed", msg)
	}
	if got.From != snap {
		t.Errorf("Changed.From is not the snapshot polled")
	}
	// Nothing written since: the poll waits its moment and finds nothing.
	quiet := &Snapshot{At: now, Stamp: snap.Stamp, changes: st.Changes()}
	if msg, ok := head.Poll(quiet)().(PollTick); !ok || msg.Snapshot != quiet {
		t.Errorf("poll with nothing written = %#v, want PollTick of its snapshot", msg)
	}
}

// Sessions that share a snapshot (`cadence serve`) read the database once
// per change: the second session gets the first one's snapshot, until a
// write commits, after which both get the one new read.
func TestSharedSnapshotReadOncePerChange(t *testing.T) {
	now := time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)
	cfg, err := cadence.ParseConfig([]byte(demo.Config(demo.Small, now)), "demo")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "cadence.db")
	if err := store.Load(path, cfg, func(l *store.Loader) error { return demo.Generate(demo.Small, 1, now, l) }); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	clock := func() time.Time { return now }
	shared := &Shared{}
	head := &Session{Store: st, Config: cfg, Clock: clock, Me: cfg.Team[0].Name, Shared: shared}
	other := &Session{Store: st, Config: cfg, Clock: clock, Me: cfg.Team[1].Name, Shared: shared}
	first, err := head.load()
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := other.load(); again != first {
		t.Error("the second session read the database again instead of sharing the snapshot")
	}
	other.Outbox.Add(cadence.MeetingChange{Meeting: "1on1/dana-cruz/2026-11-25", What: "talking points", Edits: []cadence.MeetingEdit{
		{Kind: cadence.EditText, Field: cadence.FieldTalkingPoints, Text: "shared"},
	}})
	if f := other.flush(); f.Err != nil {
		t.Fatal(f.Err)
	}
	after, err := head.load()
	if err != nil {
		t.Fatal(err)
	}
	if after == first {
		t.Fatal("after a write the shared snapshot is the old one")
	}
	if again, _ := other.load(); again != after {
		t.Error("after a write the sessions read the database once each")
	}
	// A session on another config (started after a SIGHUP) reads its own.
	cfg2, _ := cadence.ParseConfig([]byte(demo.Config(demo.Small, now)), "demo")
	late := &Session{Store: st, Config: cfg2, Clock: clock, Shared: shared}
	if own, _ := late.load(); own == after {
		t.Error("a session on another config got the snapshot of the old one")
	}
}
