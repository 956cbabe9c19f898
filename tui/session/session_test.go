package session_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"partnercadence/cadence"
	"partnercadence/tui/screentest"
	"partnercadence/tui/session"
)

// The app's flags follow the clock: with the database unchanged, a poll a
// minute or more after the snapshot computes the flags again at the new
// moment, from the snapshot's data alone; a poll on another day reloads.
func TestPollFollowsTheClock(t *testing.T) {
	sess := screentest.DemoSession(t)
	tuesday := screentest.Now.AddDate(0, 0, 1) // 09:00, before Priya's 1:1 at 10:00
	now := tuesday
	sess.Clock = func() time.Time { return now }
	snap := load(t, sess)

	// Tuesday evening: the 1:1 nobody marked held is now missed, and a
	// reload at that moment agrees with the recomputation.
	now = tuesday.Add(14 * time.Hour)
	msg := sess.Poll(snap)()
	got, ok := msg.(session.Reflagged)
	if !ok {
		t.Fatalf("poll at %s = %T, want Reflagged", now, msg)
	}
	if got.From != snap || !got.Snapshot.At.Equal(now) {
		t.Errorf("Reflagged from the right snapshot %v, at %s; want at %s", got.From == snap, got.Snapshot.At, now)
	}
	fresh := load(t, sess)
	if diff := cmp.Diff(fresh.Flags, got.Snapshot.Flags); diff != "" {
		t.Errorf("flags recomputed at %s differ from a reload (-reload +recomputed):\n%s", now, diff)
	}
	if cmp.Equal(snap.Flags, got.Snapshot.Flags) {
		t.Errorf("the flags at 23:00 are those of 09:00: the test shows nothing")
	}
	missed := func(flags []cadence.Flag) int { return cadence.CountByKind(flags)[cadence.FlagMeetingMissed] }
	if n, want := missed(got.Snapshot.Flags), missed(snap.Flags)+1; n != want {
		t.Errorf("%d missed meetings at 23:00, want %d (the 1:1 of 10:00 more)", n, want)
	}

	// Wednesday: the lookback window moved; only a reload has its meetings.
	now = tuesday.AddDate(0, 0, 1)
	if msg := sess.Poll(got.Snapshot)(); !isChanged(msg) {
		t.Errorf("poll on the next day = %T, want Changed", msg)
	}
}

func load(t *testing.T, sess *session.Session) *session.Snapshot {
	t.Helper()
	msg := sess.Load()()
	loaded, ok := msg.(session.Loaded)
	if !ok {
		t.Fatalf("load = %T %v, want Loaded", msg, msg)
	}
	return loaded.Snapshot
}

func isChanged(msg any) bool { _, ok := msg.(session.Changed); return ok }
