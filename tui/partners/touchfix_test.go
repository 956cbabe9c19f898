package partners

import (
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"partnercadence/cadence"
	"partnercadence/store"
	"partnercadence/tui/session"
)

// pressAll sends keys one by one and returns every message their commands
// brought.
func pressAll(t *testing.T, m Model, keys ...tea.KeyPressMsg) (Model, []tea.Msg) {
	t.Helper()
	var all []tea.Msg
	for _, k := range keys {
		var cmd tea.Cmd
		var msgs []tea.Msg
		m, cmd = m.Update(k)
		m, msgs = run(t, m, cmd)
		all = append(all, msgs...)
	}
	return m, all
}

// savedUndo returns the undo the first Saved among msgs carries.
func savedUndo(t *testing.T, msgs []tea.Msg) (session.Saved, *session.Undo) {
	t.Helper()
	for _, msg := range msgs {
		switch msg := msg.(type) {
		case session.Saved:
			if msg.Undo == nil {
				t.Fatalf("saved %q without an undo", msg.Notice)
			}
			return msg, msg.Undo
		case session.Failed:
			t.Fatalf("failed: %v", msg)
		}
	}
	t.Fatalf("nothing saved: %v", msgs)
	return session.Saved{}, nil
}

// openOnTouch opens the first partner's detail with the cursor on its
// newest touchpoint, and returns that touchpoint.
func openOnTouch(t *testing.T, sess *session.Session) (Model, cadence.Touchpoint) {
	t.Helper()
	m := newModel(t, sess, 100, 30)
	m = press(t, m, keyEnter)
	for m.detail.selectedTouch() == nil && m.detail.list.Cursor() < len(m.detail.entries)-1 {
		m = press(t, m, keyRune('j'))
	}
	tp := m.detail.selectedTouch()
	if tp == nil {
		t.Fatalf("no touchpoint in %s's timeline", m.detail.name)
	}
	return m, *tp
}

func storedTouches(t *testing.T, sess *session.Session, partner string) []cadence.Touchpoint {
	t.Helper()
	ts, err := sess.Store.Touchpoints(partner, 0)
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

func holds(ts []cadence.Touchpoint, want cadence.Touchpoint) bool {
	for _, tp := range ts {
		if tp == want {
			return true
		}
	}
	return false
}

// TestEditTouchpointFromTimeline: e on the selected touchpoint opens the
// log filled in with it; enter keeps the kind, o makes it outbound, the
// note is changed, enter saves; the store holds the edited touchpoint
// instead of the old one, the timeline shows it, and the undo brings the
// old one back.
func TestEditTouchpointFromTimeline(t *testing.T) {
	sess := newSession(t)
	m, old := openOnTouch(t, sess)
	m = press(t, m, keyRune('e'))
	if m.log == nil || m.log.editing == nil {
		t.Fatal("e does not open the log on the touchpoint")
	}
	if !strings.Contains(plain(m), "Edit the touchpoint") || !strings.Contains(plain(m), "enter keeps "+string(old.Kind)) {
		t.Errorf("the panel does not say it edits:\n%s", plain(m))
	}
	m = press(t, m, keyEnter, keyRune('o'), keyEnter) // kind kept, outbound, account kept
	if got := m.log.note.Value(); got != old.Note {
		t.Errorf("the note is not filled in: %q, want %q", got, old.Note)
	}
	m = clearInput(t, m, len([]rune(old.Note)))
	m = typeText(t, m, "Corrected note")
	m, msgs := pressAll(t, m, keyEnter, keyEnter)
	saved, undo := savedUndo(t, msgs)
	if m.log != nil {
		t.Errorf("the log is still open after saving: %s", saved.Notice)
	}
	want := old
	want.Direction, want.Note = cadence.Outbound, "Corrected note"
	ts := storedTouches(t, sess, old.Partner)
	if !holds(ts, want) || holds(ts, old) {
		t.Errorf("stored touchpoints do not hold the edit %+v in place of %+v", want, old)
	}
	if !strings.Contains(plain(m), "Corrected note") {
		t.Errorf("the timeline does not show the edit:\n%s", plain(m))
	}
	if err := undo.Do(sess.Store); err != nil {
		t.Fatal(err)
	}
	ts = storedTouches(t, sess, old.Partner)
	if !holds(ts, old) || holds(ts, want) {
		t.Errorf("the undo did not bring back %+v", old)
	}
	if err := undo.Do(sess.Store); !errors.Is(err, store.ErrChangedMeanwhile) {
		t.Errorf("a second undo: %v, want ErrChangedMeanwhile", err)
	}
}

// TestDeleteTouchpointAsksFirst: d asks, naming the touchpoint; n leaves
// it; y deletes it; the undo logs it again.
func TestDeleteTouchpointAsksFirst(t *testing.T) {
	sess := newSession(t)
	m, tp := openOnTouch(t, sess)
	m = press(t, m, keyRune('d'))
	if !m.Capturing() || !strings.Contains(plain(m), "Delete "+tp.Partner+"'s "+string(tp.Kind)+" of "+tp.Date.String()) {
		t.Fatalf("d does not ask:\n%s", plain(m))
	}
	m = press(t, m, keyRune('n'))
	if !holds(storedTouches(t, sess, tp.Partner), tp) || m.Capturing() {
		t.Fatal("n deleted, or the question stayed")
	}
	count := func(m Model) int {
		n := 0
		for _, x := range m.detail.touches {
			if x == tp {
				n++
			}
		}
		return n
	}
	shown := count(m)
	m, msgs := pressAll(t, m, keyRune('d'), keyRune('y'))
	_, undo := savedUndo(t, msgs)
	if holds(storedTouches(t, sess, tp.Partner), tp) {
		t.Fatal("y did not delete it")
	}
	if got := count(m); got != shown-1 {
		t.Errorf("the timeline shows it %d times after the delete, want %d", got, shown-1)
	}
	if err := undo.Do(sess.Store); err != nil {
		t.Fatal(err)
	}
	if !holds(storedTouches(t, sess, tp.Partner), tp) {
		t.Error("the undo did not bring it back")
	}
}

// TestLogTouchpointUndo: the undo of a logged touchpoint deletes it.
func TestLogTouchpointUndo(t *testing.T) {
	sess := newSession(t)
	m := newModel(t, sess, 100, 30)
	name := m.tbl.selectedName()
	m = press(t, m, keyRune('l'), keyRune('c'), keyRune('i'), keyEnter)
	m = typeText(t, m, "Undo me")
	_, msgs := pressAll(t, m, keyEnter, keyEnter)
	_, undo := savedUndo(t, msgs)
	find := func() bool {
		for _, tp := range storedTouches(t, sess, name) {
			if tp.Note == "Undo me" {
				return true
			}
		}
		return false
	}
	if !find() {
		t.Fatal("not logged")
	}
	if err := undo.Do(sess.Store); err != nil {
		t.Fatal(err)
	}
	if find() {
		t.Error("the undo left it")
	}
}

// TestTouchKeysOnARegistrationRow: e and d on a registration say where it
// is changed, and change nothing.
func TestTouchKeysOnARegistrationRow(t *testing.T) {
	sess := newSession(t)
	m := newModel(t, sess, 100, 30)
	m = press(t, m, keyEnter)
	for m.detail.list.Cursor() < len(m.detail.entries)-1 && m.detail.entries[m.detail.list.Item(m.detail.list.Cursor())].reg == nil {
		m = press(t, m, keyRune('j'))
	}
	if m.detail.entries[m.detail.list.Item(m.detail.list.Cursor())].reg == nil {
		t.Skip("the first partner has no registration")
	}
	for _, k := range []rune{'e', 'd'} {
		next, msgs := pressAll(t, m, keyRune(k))
		said := ""
		for _, msg := range msgs {
			if n, ok := msg.(session.Notice); ok {
				said = n.Text
			}
		}
		if !strings.Contains(said, "registration") || next.log != nil || next.dropping != nil {
			t.Errorf("%c on a registration: notice %q, log %v, asking %v", k, said, next.log != nil, next.dropping != nil)
		}
	}
}

// TestPartnerEditUndo: E in the detail edits the partner; the undo of a
// rename renames it back.
func TestPartnerEditUndo(t *testing.T) {
	sess := newSession(t)
	m := newModel(t, sess, 100, 30)
	m = press(t, m, keyEnter)
	from := m.detail.name
	m = press(t, m, keyRune('E'))
	if m.form == nil || !m.form.editing {
		t.Fatal("E does not open the partner form in the detail")
	}
	for m.form.focus != fieldName {
		m = press(t, m, keyTab)
	}
	m = clearInput(t, m, len(from)+2)
	m = typeText(t, m, "Renamed Partner")
	_, msgs := pressAll(t, m, keyCtrlS)
	_, undo := savedUndo(t, msgs)
	if _, ok, _ := sess.Store.Partner("Renamed Partner"); !ok {
		t.Fatal("not renamed")
	}
	if err := undo.Do(sess.Store); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := sess.Store.Partner(from); !ok {
		t.Errorf("the undo did not rename it back to %q", from)
	}
	if _, ok, _ := sess.Store.Partner("Renamed Partner"); ok {
		t.Error("the new name is still there")
	}
}

// TestDeleteAndChurnUndo: the undo of D y on a partner nothing refers to
// adds it again as it was; the undo of marking one churned restores its
// status.
func TestDeleteAndChurnUndo(t *testing.T) {
	sess := newSession(t)
	m := newModel(t, sess, 100, 30)
	name := m.tbl.selectedName()
	was, _, _ := sess.Store.Partner(name)
	_, msgs := pressAll(t, m, keyRune('D'), keyRune('y'))
	_, undo := savedUndo(t, msgs)
	if p, _, _ := sess.Store.Partner(name); p.Status != cadence.PartnerChurned {
		t.Fatalf("%s is %s, want churned", name, p.Status)
	}
	if err := undo.Do(sess.Store); err != nil {
		t.Fatal(err)
	}
	if p, _, _ := sess.Store.Partner(name); p != was {
		t.Errorf("after the undo: %+v, want %+v", p, was)
	}

	typo := cadence.Partner{Name: "Aaa Typo Partnr", Type: cadence.TypeISV, Tier: 3, Owner: "Dana Cruz", Status: cadence.PartnerProspect, Joined: sess.Today()}
	if err := sess.Store.SavePartner(sess.Config, "", typo); err != nil {
		t.Fatal(err)
	}
	m = newModel(t, sess, 100, 30)
	for m.tbl.selectedName() != typo.Name {
		m = press(t, m, keyRune('k'))
	}
	_, msgs = pressAll(t, m, keyRune('D'), keyRune('y'))
	_, undo = savedUndo(t, msgs)
	if _, ok, _ := sess.Store.Partner(typo.Name); ok {
		t.Fatal("still there after D y")
	}
	if err := undo.Do(sess.Store); err != nil {
		t.Fatal(err)
	}
	if p, ok, _ := sess.Store.Partner(typo.Name); !ok || p != typo {
		t.Errorf("after the undo: %+v (%v), want %+v", p, ok, typo)
	}
}

// TestTimelineCursorStaysOnItsEntry: a touchpoint logged elsewhere (another
// window, the command line) lands above the cursor; when the timeline is
// read again the cursor is still on the touchpoint it was on, not on
// whatever took its place.
func TestTimelineCursorStaysOnItsEntry(t *testing.T) {
	sess := newSession(t)
	m, _ := openOnTouch(t, sess)
	m = press(t, m, keyRune('j'))
	i, ok := m.detail.selected()
	if !ok {
		t.Fatal("nothing selected in the timeline")
	}
	was := m.detail.entries[i]
	if _, err := sess.Store.AddTouchpoint(sess.Config, sess.Config.Head(), cadence.Touchpoint{
		Partner: m.detail.name, Date: sess.Today(), Kind: cadence.TouchCall, Direction: cadence.Inbound, Note: "a call logged elsewhere", By: sess.Config.Head(),
	}); err != nil {
		t.Fatal(err)
	}
	m, _ = run(t, m, sess.Load())
	if strings.Count(plain(m), "a call logged elsewhere") != 1 {
		t.Fatalf("the new touchpoint is not in the timeline:\n%s", plain(m))
	}
	i, _ = m.detail.selected()
	if got := m.detail.entries[i]; got.date != was.date || (got.touch == nil) != (was.touch == nil) ||
		(got.touch != nil && *got.touch != *was.touch) || (got.reg != nil && got.reg.ID != was.reg.ID) {
		t.Errorf("the cursor moved from %+v to %+v", was, got)
	}
	if row := lineWith(plain(m), "▸"); strings.Contains(row, "a call logged elsewhere") {
		t.Errorf("the cursor's row is the new touchpoint: %q", row)
	}
}
