package registrations

import (
	"errors"
	"strings"
	"testing"

	"partnercadence/cadence"
	"partnercadence/tui/session"
	"partnercadence/tui/theme"
)

// TestPartnerManagerSeesOwnRegistrations: Dana's queue holds the
// registrations of her partners or decided by her, and says so; m shows
// everyone's.
func TestPartnerManagerSeesOwnRegistrations(t *testing.T) {
	sess := newSession(t)
	sess.Me = "Dana Cruz"
	m := newModel(t, sess, 120, 30)
	if v := plain(m); !strings.Contains(v, "mine, open:") || !strings.Contains(v, "(m: everyone's)") {
		t.Errorf("the header does not say only hers are shown:\n%s", v)
	}
	if m.list.Len() == 0 {
		t.Fatal("none of Dana's registrations shown")
	}
	for _, i := range shownItems(m) {
		r := m.items[i].reg
		if r.Owner != "Dana Cruz" && m.partnerOwner(r.Partner) != "Dana Cruz" {
			t.Errorf("shown %s of %s (owner %q)", r.ID, r.Partner, r.Owner)
		}
	}
	mine := m.list.Len()
	m = press(t, m, keyRune('m'))
	if v := plain(m); !strings.Contains(v, "everyone's, open:") || m.list.Len() <= mine {
		t.Errorf("m did not show everyone's (%d):\n%s", m.list.Len(), v)
	}
}

// TestApproveAnothersRegistrationIsRefused: on a registration that is not
// hers to decide, Dana's A and R are shown not allowed and A says who may,
// asking nothing.
func TestApproveAnothersRegistrationIsRefused(t *testing.T) {
	sess := newSession(t)
	sess.Me = "Dana Cruz"
	m := newModel(t, sess, 120, 30)
	m = press(t, m, keyRune('m'))
	var reg cadence.Registration
	for range m.list.Len() {
		it, _ := m.selected()
		owner := it.reg.Owner
		if owner == "" {
			owner = m.partnerOwner(it.reg.Partner)
		}
		if owner != "Dana Cruz" && m.partnerOwner(it.reg.Partner) != "Dana Cruz" {
			reg = it.reg
			break
		}
		m = press(t, m, keyDown)
	}
	if reg.ID == "" {
		t.Fatal("no registration of another's")
	}
	if !theme.Refused(m.keys.Approve) || !theme.Refused(m.keys.Reject) || !theme.Refused(m.keys.Won) {
		t.Errorf("A, R and W are not shown refused on %s", reg.ID)
	}
	next, cmd := m.Update(keyRune('A'))
	next, msgs := run(t, next, cmd)
	if next.confirming {
		t.Error("A asked to confirm")
	}
	var got []string
	for _, msg := range msgs {
		if f, ok := msg.(session.Failed); ok && errors.Is(f.Err, cadence.ErrNotAllowed) {
			got = append(got, f.Err.Error())
		}
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], "only the head, sales or "+reg.ID+"'s owner") || !strings.HasSuffix(got[0], "may approve "+reg.ID) {
		t.Errorf("refusals %q", got)
	}
	// Sales decides every registration.
	sales := newSession(t)
	sales.Me = "Sam Ortiz"
	s := newModel(t, sales, 120, 30)
	if theme.Refused(s.keys.Approve) || !s.keys.Approve.Enabled() {
		t.Errorf("sales may not approve")
	}
}
