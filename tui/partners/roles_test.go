package partners

import (
	"errors"
	"strings"
	"testing"

	"partnercadence/cadence"
	"partnercadence/tui/session"
	"partnercadence/tui/theme"
)

// refusals returns the refusals among msgs.
func refusals(msgs []any) []string {
	var out []string
	for _, m := range msgs {
		if f, ok := m.(session.Failed); ok && errors.Is(f.Err, cadence.ErrNotAllowed) {
			out = append(out, f.Err.Error())
		}
	}
	return out
}

// TestPartnerManagerSeesOwnPartnersFirst: Dana's Partners opens on her own
// partners, saying so; m shows everyone's and says that.
func TestPartnerManagerSeesOwnPartnersFirst(t *testing.T) {
	sess := newSession(t)
	sess.Me = "Dana Cruz"
	m := newModel(t, sess, 120, 30)
	v := plain(m)
	if !strings.Contains(v, "my ") || !strings.Contains(v, "(m: everyone's)") {
		t.Errorf("the header does not say only hers are shown:\n%s", v)
	}
	if m.tbl.list.Len() == 0 {
		t.Fatal("none of Dana's partners shown")
	}
	for _, i := range shownRows(m) {
		if o := m.tbl.rows[i].act.Partner.Owner; o != "Dana Cruz" {
			t.Errorf("shown a partner of %s", o)
		}
	}
	mine := m.tbl.list.Len()
	m = press(t, m, keyRune('m'))
	if v := plain(m); !strings.Contains(v, "everyone's") || !strings.Contains(v, "(m: mine)") || m.tbl.list.Len() <= mine {
		t.Errorf("m did not show everyone's (%d rows):\n%s", m.tbl.list.Len(), v)
	}
	// The head sees everyone's, with no m.
	head := newModel(t, newSession(t), 120, 30)
	if head.tbl.mine != "" || head.keys.Mine.Enabled() {
		t.Errorf("the head's table is filtered or offers m")
	}
}

// TestEditAnotherManagersPartnerIsRefused: on a partner of Priya's, Dana's
// e and l are shown not allowed; e says who may, and no form opens.
func TestEditAnotherManagersPartnerIsRefused(t *testing.T) {
	sess := newSession(t)
	sess.Me = "Dana Cruz"
	m := newModel(t, sess, 120, 30)
	m = press(t, m, keyRune('m'))
	for range m.tbl.list.Len() {
		if r, _ := m.tbl.selected(); r.act.Partner.Owner != "Dana Cruz" {
			break
		}
		m = press(t, m, keyDown)
	}
	r, _ := m.tbl.selected()
	if r.act.Partner.Owner == "Dana Cruz" {
		t.Fatal("no partner of another owner")
	}
	if !theme.Refused(m.keys.Edit) || !theme.Refused(m.keys.Log) {
		t.Errorf("e and l are not shown refused on %s's partner", r.act.Partner.Owner)
	}
	next, cmd := m.Update(keyRune('e'))
	next, msgs := run(t, next, cmd)
	if next.form != nil {
		t.Error("e opened the form")
	}
	any := make([]any, len(msgs))
	for i, msg := range msgs {
		any[i] = msg
	}
	want := "only the head or " + r.act.Partner.Name + "'s owner (" + r.act.Partner.Owner + ") may edit " + r.act.Partner.Name
	if got := refusals(any); len(got) != 1 || got[0] != want {
		t.Errorf("refusals %q, want [%q]", got, want)
	}
	// A sales member may add no partner: a is shown not allowed.
	sess2 := newSession(t)
	sess2.Me = "Sam Ortiz"
	s := newModel(t, sess2, 120, 30)
	if !theme.Refused(s.keys.Add) || !theme.Refused(s.keys.Edit) {
		t.Errorf("sales may add or edit partners")
	}
}
