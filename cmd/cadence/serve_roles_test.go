package main

import (
	"os"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"partnercadence/cadence"
	"partnercadence/cadence/demo"
)

// Over SSH a session acts as the member whose key logged in, and the role
// table holds for each role: on Dana Cruz's 1:1, another partner manager,
// sales and the exec are refused in one line with nothing written; Dana
// herself may mark it skipped, and the head may cancel it.
func TestServeRolesActAsTheKeysMember(t *testing.T) {
	tm := newTeam(t, demo.Small)
	priya, _ := keyFile(t, tm.dir, "priya_ed25519")
	sam, _ := keyFile(t, tm.dir, "sam_ed25519")
	alex, _ := keyFile(t, tm.dir, "alex_ed25519")
	tm.text = withKey(withKey(withKey(tm.text, "Priya Natarajan", priya), "Sam Ortiz", sam), "Alex Morgan", alex)
	if err := os.WriteFile(tm.config, []byte(tm.text), 0o600); err != nil {
		t.Fatal(err)
	}
	r := startServe(t, tm, serveOptions{})
	const id = "1on1/dana-cruz/2026-11-25"

	onDanasOneOnOne := func(key gossh.Signer) *appClient {
		t.Helper()
		a := openApp(t, r.addr, key)
		a.waitFor("Week 48")
		a.send("/", "dana", "\r")
		a.waitFor("filter: dana")
		return a
	}
	for _, who := range []struct {
		name string
		key  gossh.Signer
	}{{"Priya Natarajan", priya}, {"Sam Ortiz", sam}, {"Alex Morgan", alex}} {
		before := fileSum(t, tm.db)
		a := onDanasOneOnOne(who.key)
		a.send("S")
		a.waitFor("only the head or Dana Cruz may")
		time.Sleep(300 * time.Millisecond) // a write, had one been sent, would have landed
		if got := recordOf(t, tm.db, id).Status; got != "" {
			t.Errorf("%s: the 1:1's status is %q after a refused change", who.name, got)
		}
		if after := fileSum(t, tm.db); after != before {
			t.Errorf("%s: the database changed after a refused change", who.name)
		}
		a.send("q")
		a.wait(t)
	}

	dana := onDanasOneOnOne(tm.dana)
	dana.send("S")
	waitStatus(t, tm.db, id, cadence.MeetingSkipped)
	dana.send("q")
	dana.wait(t)

	jordan := onDanasOneOnOne(tm.jordan)
	jordan.waitFor("skipped")
	jordan.send("C")
	jordan.waitFor("Cancel ")
	jordan.send("y")
	waitStatus(t, tm.db, id, cadence.MeetingCancelled)
	jordan.send("q")
	jordan.wait(t)
}

// waitStatus waits until the meeting record id has status want.
func waitStatus(t *testing.T, db, id string, want cadence.MeetingStatus) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		got := recordOf(t, db, id).Status
		if got == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: status %q, want %q", id, got, want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
