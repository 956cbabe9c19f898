package registrations

import (
	"errors"
	"strings"
	"testing"

	"partnercadence/store"
	"partnercadence/tui/session"
)

// TestAddRegistrationUndo: the undo of an add deletes the registration
// while nothing changed it, and says which one; after a change it refuses.
func TestAddRegistrationUndo(t *testing.T) {
	sess := newSession(t)
	m := newModel(t, sess, 80, 22)
	m = press(t, m, keyRune('a'))
	m = typeText(t, m, "northwind systems")
	m = press(t, m, keyTab)
	m = typeText(t, m, "Undo Corp")
	m = press(t, m, keyTab)
	m = typeText(t, m, "1,000")
	m, cmd := m.Update(keyEnter)
	_, msgs := run(t, m, cmd)
	var undo *session.Undo
	for _, msg := range msgs {
		if s, ok := msg.(session.Saved); ok {
			undo = s.Undo
		}
	}
	if undo == nil {
		t.Fatalf("the add carries no undo: %v", msgs)
	}
	id := ""
	regs, _ := sess.Store.PartnerRegistrations("Northwind Systems")
	for _, r := range regs {
		if r.Account == "Undo Corp" {
			id = r.ID
		}
	}
	if id == "" || !strings.Contains(undo.What, id) {
		t.Fatalf("added %q; the undo says %q", id, undo.What)
	}
	if err := undo.Do(sess.Store); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := sess.Store.Registration(id); ok {
		t.Errorf("%s is still there after the undo", id)
	}
	if err := undo.Do(sess.Store); !errors.Is(err, store.ErrChangedMeanwhile) {
		t.Errorf("a second undo: %v, want ErrChangedMeanwhile", err)
	}
}
