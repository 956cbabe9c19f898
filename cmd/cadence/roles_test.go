package main

import (
	"strings"
	"testing"

	"partnercadence/store"
)

// TestTmuxPartnerManagerIsRefusedOnAnothersPartner opens the app as Dana
// Cruz (--me) on the demo: the Week's cursor is on her next 1:1, Partners
// shows her own, and trying to edit another manager's partner says in one
// line who may, with the database file byte for byte as it was.
func TestTmuxPartnerManagerIsRefusedOnAnothersPartner(t *testing.T) {
	bin := buildBinary(t)
	db := demoDB(t, t.TempDir(), bin, "team.db")
	other, owner := anotherManagersPartner(t, db, "Dana Cruz")
	before := fileSum(t, db)

	s := startApp(t, bin, db, "--me", "'Dana Cruz'")
	if line := lineOf(s.screen(), "▸"); !strings.Contains(line, "1:1") || !strings.Contains(line, "Dana Cruz") {
		t.Errorf("the cursor is not on Dana's next 1:1: %q\n%s", line, s.screen())
	}
	s.keys("3")
	s.waitFor("(m: everyone's)")
	s.keys("m")
	s.waitFor("(m: mine)")
	s.keys("/", "-l", other, "Enter")
	s.waitFor("(esc clears)")
	s.keys("e")
	want := "only the head or " + other + "'s owner (" + owner + ") may edit " + other
	scr := s.waitFor(want)
	if strings.Contains(scr, "Save") || strings.Contains(scr, "Edit partner") {
		t.Errorf("a form opened:\n%s", scr)
	}
	if after := fileSum(t, db); after != before {
		t.Error("the database changed")
	}
	s.keys("q")
	s.waitFor("cadence-exit=0")
	if after := fileSum(t, db); after != before {
		t.Error("the database changed by the time the app ended")
	}
}

// anotherManagersPartner returns a partner whose owner is neither me nor
// the head, and its owner.
func anotherManagersPartner(t *testing.T, db, me string) (name, owner string) {
	t.Helper()
	st, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ps, err := st.Partners()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.Owner != me && p.Owner != "Jordan Lee" && !strings.ContainsAny(p.Name, "'\"") {
			return p.Name, p.Owner
		}
	}
	t.Fatal("no partner of another manager in the demo")
	return "", ""
}
