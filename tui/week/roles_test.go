package week

import (
	"errors"
	"strings"
	"testing"

	"partnercadence/cadence"
	"partnercadence/tui/session"
	"partnercadence/tui/theme"
)

// TestPartnerManagerOpensOnNextOneOnOne: Dana's Week opens with the cursor
// on her next 1:1, not on the first meeting of the day.
func TestPartnerManagerOpensOnNextOneOnOne(t *testing.T) {
	hs := newHarness(t, "Dana Cruz", 100, 30)
	if got, want := hs.selectedID(), "1on1/dana-cruz/2026-11-25"; got != want {
		t.Errorf("selected %s, want %s", got, want)
	}
	head := newHarness(t, "Jordan Lee", 100, 30)
	if got, want := head.selectedID(), "1on1/priya-natarajan/2026-11-24"; got != want {
		t.Errorf("the head's cursor: %s, want the first meeting from today on, %s", got, want)
	}
}

// TestRefusedKeysSayWhoMay: on Priya's 1:1, Dana's H, S, C and r are
// disabled (shown as not allowed), and H says in one line who may mark
// it, without queueing a change.
func TestRefusedKeysSayWhoMay(t *testing.T) {
	hs := newHarness(t, "Dana Cruz", 100, 30)
	hs.press("up") // Priya's 1:1 on Tuesday
	if got := hs.selectedID(); got != "1on1/priya-natarajan/2026-11-24" {
		t.Fatalf("selected %s", got)
	}
	k := hs.m.Keys().(KeyMap)
	for _, b := range []struct {
		name string
		on   bool
	}{{"held", theme.Refused(k.Held)}, {"skipped", theme.Refused(k.Skipped)}, {"cancelled", theme.Refused(k.Cancelled)}, {"reschedule", theme.Refused(k.Reschedule)}} {
		if !b.on {
			t.Errorf("%s is not shown as refused on Priya's 1:1", b.name)
		}
	}
	hs.sent = nil
	hs.press("H")
	if n := hs.sess.Outbox.Len(); n != 0 {
		t.Errorf("%d changes queued, want none", n)
	}
	var failed []session.Failed
	for _, m := range hs.sent {
		if f, ok := m.(session.Failed); ok {
			failed = append(failed, f)
		}
	}
	want := "only the head or Priya Natarajan may change the status of the 1:1 with Priya Natarajan of 2026-11-24"
	if len(failed) != 1 || !strings.Contains(failed[0].Err.Error(), want) || !cadenceRefusal(failed[0].Err) {
		t.Errorf("sent %v, want one refusal %q", hs.sent, want)
	}
	// Her own 1:1: the keys work.
	hs.press("down")
	k = hs.m.Keys().(KeyMap)
	if !k.Held.Enabled() || theme.Refused(k.Held) {
		t.Errorf("H is not enabled on Dana's own 1:1")
	}
}

func cadenceRefusal(err error) bool {
	var na *cadence.NotAllowedError
	return errors.As(err, &na)
}
