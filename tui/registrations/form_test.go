package registrations

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"partnercadence/cadence"
	"partnercadence/tui/session"
)

var keyTab = tea.KeyPressMsg{Code: tea.KeyTab}

func TestAddRegistration(t *testing.T) {
	sess := newSession(t)
	m := newModel(t, sess, 80, 22)
	m = press(t, m, keyRune('a'))
	if !m.Capturing() || !strings.Contains(plain(m), "New registration") {
		t.Fatalf("a: no form:\n%s", plain(m))
	}
	golden.RequireEqual(t, []byte(plain(m)))
	// Placeholders read as hints, not values.
	if line := lineWith(plain(m), "partner"); !strings.Contains(line, "[the partner's name]") {
		t.Errorf("placeholder %q, want it in brackets", line)
	}
	m = typeText(t, m, "Northwind Systems")
	m = press(t, m, keyTab)
	m = typeText(t, m, "Globex Corp")
	m = press(t, m, keyTab)
	m = typeText(t, m, "48,000")
	m = press(t, m, keyTab, keyTab)
	m = typeText(t, m, "Nobody")
	m = press(t, m, keyEnter)
	if line := lineWith(plain(m), "owner:"); !strings.Contains(line, `owner: "Nobody" is not on the team`) {
		t.Errorf("a bad owner: %q", line)
	}
	m = clearInput(t, m, 6)
	m = typeText(t, m, "dana cruz")
	m = press(t, m, keyEnter)
	if m.form != nil {
		t.Fatalf("the form stays open:\n%s", plain(m))
	}
	regs, err := sess.Store.PartnerRegistrations("Northwind Systems")
	if err != nil {
		t.Fatal(err)
	}
	var got *cadence.Registration
	for i := range regs {
		if regs[i].Account == "Globex Corp" {
			got = &regs[i]
		}
	}
	if got == nil || got.Amount != 48000 || got.Owner != "Dana Cruz" || got.Status != cadence.RegSubmitted ||
		got.Submitted != sess.Today() || got.Attribution != cadence.Sourced || !strings.HasPrefix(got.ID, "R-") {
		t.Errorf("added %+v", got)
	}
}

func TestFormEscAsksWhenTyped(t *testing.T) {
	sess := newSession(t)
	m := newModel(t, sess, 80, 22)
	m = press(t, m, keyRune('a'), keyEsc)
	if m.form != nil {
		t.Error("esc on an untouched form asks; want it closed")
	}
	m = press(t, m, keyRune('a'))
	m = typeText(t, m, "Nor")
	m = press(t, m, keyEsc)
	if m.form == nil || !strings.Contains(plain(m), "Discard what you typed? y/n") {
		t.Fatalf("esc with input: no question:\n%s", plain(m))
	}
	m = press(t, m, keyRune('n'))
	if m.form == nil || m.form.inputs[fPartner].Value() != "Nor" {
		t.Fatal("n lost the form or its text")
	}
	m = press(t, m, keyEsc, keyRune('y'))
	if m.form != nil {
		t.Error("y did not discard")
	}
}

func TestEditExtendExpire(t *testing.T) {
	sess := newSession(t)
	m := newModel(t, sess, 100, 30)
	m = selectID(t, m, "R-247") // approved, lapsed
	before, _, _ := sess.Store.Registration("R-247")

	m = press(t, m, keyRune('x'))
	want := sess.Today().AddDays(sess.Config.Flags.RegistrationProtectionDays)
	if line := lineWith(plain(m), "expires"); !strings.Contains(line, want.String()) {
		t.Errorf("extend offers %q, want %s (today + the protection days)", line, want)
	}
	m = press(t, m, keyEnter)
	r, _, _ := sess.Store.Registration("R-247")
	if r.Expires != want || r.Status != cadence.RegApproved || r.Amount != before.Amount {
		t.Errorf("after extend: %+v", r)
	}
	for _, f := range m.snap.Flags {
		if f.Ref == "R-247" {
			t.Errorf("still flagged after extend: %s", f.Message)
		}
	}

	m = selectID(t, m, "R-247")
	m = press(t, m, keyRune('e'), keyTab)
	m = clearInput(t, m, 12)
	m = typeText(t, m, "250000")
	m = press(t, m, keyEnter)
	if r, _, _ := sess.Store.Registration("R-247"); r.Amount != 250000 || r.Expires != want {
		t.Errorf("after edit: %+v", r)
	}

	m = selectID(t, m, "R-247")
	m = press(t, m, keyRune('E'))
	if !strings.Contains(plain(m), "mark R-247 expired") {
		t.Errorf("E asks nothing:\n%s", plain(m))
	}
	m = press(t, m, keyRune('y'))
	if r, _, _ := sess.Store.Registration("R-247"); r.Status != cadence.RegExpired || r.Closed != sess.Today() {
		t.Errorf("after E y: %+v", r)
	}
}

func TestExtendRefusedWhenSubmitted(t *testing.T) {
	sess := newSession(t)
	m := newModel(t, sess, 100, 30)
	m = selectID(t, m, "R-306")
	m = press(t, m, keyRune('x'))
	if m.form != nil || !strings.Contains(plain(m), "only an approved registration has a protection to extend") {
		t.Errorf("x on a submitted one:\n%s", plain(m))
	}
}

func TestNewFromIntroGoesBack(t *testing.T) {
	sess := newSession(t)
	m := newModel(t, sess, 80, 22)
	m, _ = m.NewFromIntro("Harborview IT", "Orchard River Chemicals", "Priya Natarajan")
	if line := lineWith(plain(m), "account"); !strings.Contains(line, "Orchard River Chemicals") {
		t.Errorf("account %q", line)
	}
	m = press(t, m, keyTab, keyTab)
	m = typeText(t, m, "40000")
	m = press(t, m, keyEnter)
	var cmd tea.Cmd
	m, cmd = m.Update(keyEsc)
	if cmd == nil {
		t.Fatal("esc after saving: no command")
	}
	if _, ok := cmd().(session.Back); !ok {
		t.Error("esc after saving does not go back")
	}
	for _, f := range m.snap.Flags {
		if f.Kind == cadence.FlagIntroUnregistered && f.Ref == "harborview-it/orchard-river-chemicals" {
			t.Error("the intro is still flagged")
		}
	}
}
