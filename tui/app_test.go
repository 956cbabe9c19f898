package tui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"partnercadence/cadence"
	"partnercadence/cadence/demo"
	"partnercadence/store"
	"partnercadence/tui/firstrun"
	"partnercadence/tui/screentest"
	"partnercadence/tui/session"
)

// The journeys of issue 4, run through the whole app (root and screens) in
// teatest at a fixed size and clock, on a real database. Assertions read the
// database and the final screen, never the raw byte stream.

var newYork, _ = time.LoadLocation("America/New_York")

// demoSession loads the small demo as on Monday 2026-11-23, 09:00 New York.
func demoSession(t *testing.T) *session.Session {
	t.Helper()
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, newYork)
	cfg, err := cadence.ParseConfig([]byte(demo.Config(demo.Small, now)), "demo")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "demo.db")
	if err := store.Load(path, cfg, func(l *store.Loader) error { return demo.Generate(demo.Small, 1, now, l) }); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	// The clock moves (debounced saves need it to) but starts on Monday.
	return &session.Session{Store: st, Config: cfg, Me: cfg.Me, Clock: func() time.Time { return now.Add(time.Since(start)) }}
}

func startApp(t *testing.T, sess *session.Session) *teatest.TestModel {
	t.Helper()
	return teatest.NewTestModel(t, New(sess, true),
		teatest.WithInitialTermSize(100, 30),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
}

func press(tm *teatest.TestModel, keys ...string) {
	for _, k := range keys {
		tm.Send(screentest.KeyNamed(k))
		time.Sleep(30 * time.Millisecond)
	}
}

// eventually polls check until it holds or 10 seconds pass.
func eventually(t *testing.T, what string, check func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !check() {
		if time.Now().After(deadline) {
			t.Fatalf("never happened: %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// screenOf returns what the final model shows, without colours.
func screenOf(t *testing.T, tm *teatest.TestModel) string {
	t.Helper()
	m := tm.FinalModel(t, teatest.WithFinalTimeout(30*time.Second)).(Model)
	return ansi.Strip(m.View().Content)
}

func record(t *testing.T, sess *session.Session, id string) (cadence.MeetingRecord, bool) {
	t.Helper()
	rec, ok, err := sess.Store.Record(id)
	if err != nil {
		t.Fatal(err)
	}
	return rec, ok
}

// The Monday review: open the week, open Dana's 1:1, add an action item,
// mark the meeting held.
func TestJourneyMondayReview(t *testing.T) {
	sess := demoSession(t)
	tm := startApp(t, sess)
	const id = "1on1/dana-cruz/2026-11-25"
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return strings.Contains(string(b), "Dana Cruz") },
		teatest.WithDuration(10*time.Second))
	press(tm, "j", "enter") // Tuesday's 1:1 is first; Dana's (Wednesday) is next
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return strings.Contains(string(b), "Carried over") },
		teatest.WithDuration(10*time.Second))
	press(tm, "tab", "tab", "tab", "a")
	tm.Type("Send Northwind the MDF policy")
	press(tm, "enter") // saved with the default owner (Dana) and due date (a week out)
	eventually(t, "the action item is saved", func() bool {
		rec, ok := record(t, sess, id)
		return ok && len(rec.Actions) == 1
	})
	press(tm, "H", "y") // it is Wednesday's, still ahead: H asks first
	held := func() bool {
		rec, _ := record(t, sess, id)
		return rec.Status == cadence.MeetingHeld
	}
	deadline := time.Now().Add(20 * time.Second)
	for !held() && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if !held() {
		tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
		t.Fatalf("the 1:1 was never marked held; the screen shows:\n%s", screenOf(t, tm))
	}
	rec, _ := record(t, sess, id)
	a := rec.Actions[0]
	if a.Text != "Send Northwind the MDF policy" || a.Owner != "Dana Cruz" || a.Due != cadence.MustDate("2026-11-30") || !a.Open() {
		t.Errorf("action = %+v, want Dana's open action due 2026-11-30", a)
	}
	press(tm, "esc", "q")
	if scr := screenOf(t, tm); !strings.Contains(scr, "held") {
		t.Errorf("the week does not show the 1:1 held:\n%s", scr)
	}
}

// A partner manager writes talking points; they survive a restart.
func TestJourneyTalkingPointsSurviveRestart(t *testing.T) {
	sess := demoSession(t)
	sess.Me = "Dana Cruz"
	const id = "1on1/dana-cruz/2026-11-25"
	tm := startApp(t, sess)
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return strings.Contains(string(b), "Dana Cruz") },
		teatest.WithDuration(10*time.Second))
	tm.Send(session.OpenMeeting{ID: id})
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return strings.Contains(string(b), "Carried over") },
		teatest.WithDuration(10*time.Second))
	press(tm, "tab", "enter")
	tm.Type("Ask about the Q1 joint plan | pricing *exception*")
	// Quit at once: nothing typed may be lost, even inside the debounce.
	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	tm.WaitFinished(t, teatest.WithFinalTimeout(30*time.Second))
	rec, ok := record(t, sess, id)
	if !ok || rec.TalkingPoints != "Ask about the Q1 joint plan | pricing *exception*" {
		t.Fatalf("talking points after quitting = %q (record %v)", rec.TalkingPoints, ok)
	}

	// A new app on the same database shows them.
	tm = startApp(t, sess)
	tm.Send(session.OpenMeeting{ID: id})
	press(tm, "tab")
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return strings.Contains(string(b), "Q1 joint plan") },
		teatest.WithDuration(10*time.Second))
	press(tm, "q")
	if scr := screenOf(t, tm); !strings.Contains(scr, "Ask about the Q1 joint plan") {
		t.Errorf("after a restart the meeting does not show the talking points:\n%s", scr)
	}
}

// The app is usable from 80×24 and says so below; no size panics.
func TestSizes(t *testing.T) {
	sess := demoSession(t)
	m := New(sess, true)
	for _, size := range [][2]int{{1, 1}, {0, 0}, {79, 24}, {80, 23}, {80, 24}, {200, 60}} {
		next, _ := m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		view := ansi.Strip(next.(Model).View().Content)
		small := size[0] < MinWidth || size[1] < MinHeight
		if small && size[0] > 20 && !strings.Contains(view, "needs a terminal of at least 80×24") {
			t.Errorf("%dx%d: no size message:\n%s", size[0], size[1], view)
		}
		if !small {
			lines := strings.Split(view, "\n")
			if len(lines) != size[1] {
				t.Errorf("%dx%d: %d lines", size[0], size[1], len(lines))
			}
			for i, l := range lines {
				if w := ansi.StringWidth(l); w > size[0] {
					t.Errorf("%dx%d: line %d is %d wide", size[0], size[1], i, w)
				}
			}
		}
	}
}

// Approving a registration: the most urgent one is first in the queue; the
// approval is confirmed, then in the database with today's decision date.
func TestJourneyApproveRegistration(t *testing.T) {
	sess := demoSession(t)
	tm := startApp(t, sess)
	press(tm, "4")
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return strings.Contains(string(b), "R-306") },
		teatest.WithDuration(10*time.Second))
	press(tm, "A")
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return strings.Contains(string(b), "approve R-306") },
		teatest.WithDuration(10*time.Second))
	if r, _, _ := sess.Store.Registration("R-306"); r.Status != cadence.RegSubmitted {
		t.Fatalf("R-306 changed before the confirmation: %s", r.Status)
	}
	press(tm, "y")
	eventually(t, "R-306 is approved", func() bool {
		r, _, _ := sess.Store.Registration("R-306")
		return r.Status == cadence.RegApproved
	})
	r, _, _ := sess.Store.Registration("R-306")
	if r.Decided != cadence.MustDate("2026-11-23") {
		t.Errorf("decided = %s, want 2026-11-23", r.Decided)
	}
	// Its registration_overdue flag is gone once the data reloads.
	eventually(t, "the overdue flag clears", func() bool {
		in, _ := sess.Store.FlagInput(sess.Config, sess.Now())
		for _, f := range cadence.Flags(in) {
			if f.Ref == "R-306" {
				return false
			}
		}
		return true
	})
	press(tm, "q")
	if scr := screenOf(t, tm); !strings.Contains(scr, "2 Flags 17") {
		t.Errorf("the tab bar does not show one flag fewer:\n%s", scr)
	}
}

// TestTooSmallTakesNoKeys: at 60×20 the app says so in full, wrapped, and a
// key does nothing but quit.
func TestTooSmallTakesNoKeys(t *testing.T) {
	sess := demoSession(t)
	var m tea.Model = New(sess, true)
	m, _ = m.Update(tea.WindowSizeMsg{Width: 60, Height: 20})
	m, _ = m.Update(screentest.KeyNamed("4"))
	if got := m.(Model).active; got != screenWeek {
		t.Errorf("4 at 60×20 switched to screen %d", got)
	}
	view := strings.Join(strings.Fields(ansi.Strip(m.(Model).View().Content)), " ")
	if !strings.Contains(view, "cadence needs a terminal of at least 80×24 (this one is 60×20): make it larger, or q to quit") {
		t.Errorf("the message is not whole: %q", view)
	}
	if _, cmd := m.Update(screentest.KeyNamed("q")); cmd == nil {
		t.Error("q at 60×20 does not quit")
	}
}

// TestHelpFitsAndOffersOnlyWorkingKeys: at 80 columns no help column is
// cut, and over a meeting the screen keys (tab, 1–6) are not offered.
func TestHelpFitsAndOffersOnlyWorkingKeys(t *testing.T) {
	sess := demoSession(t)
	var m tea.Model = New(sess, true)
	m, _ = m.Update(tea.WindowSizeMsg{Width: 80, Height: 40})
	m, _ = m.Update(session.Loaded{Snapshot: mustLoad(t, sess)})
	m, _ = m.Update(screentest.KeyNamed("?"))
	view := ansi.Strip(m.(Model).View().Content)
	flat := strings.Join(strings.Fields(view), " ")
	// On the Week, tab is the flags panel's: help says so, not "next screen".
	if strings.Contains(flat, "next screen") || !strings.Contains(flat, "tab flags panel") {
		t.Errorf("help on the Week offers tab as next screen:\n%s", view)
	}
	for _, want := range []string{"previous screen", "6 team", "2 flags", "q quit", "u undo the last change"} {
		if !strings.Contains(flat, want) {
			t.Errorf("help at 80 columns lacks %q:\n%s", want, view)
		}
	}
	m, _ = m.Update(screentest.KeyNamed("esc"))
	m, _ = m.Update(session.OpenMeeting{ID: "1on1/dana-cruz/2026-11-25"})
	m, _ = m.Update(screentest.KeyNamed("?"))
	view = ansi.Strip(m.(Model).View().Content)
	if flat := strings.Join(strings.Fields(view), " "); strings.Contains(flat, "next screen") || strings.Contains(flat, "6 team") || !strings.Contains(flat, "q quit") {
		t.Errorf("help over a meeting offers the screen keys:\n%s", view)
	}
}

func mustLoad(t *testing.T, sess *session.Session) *session.Snapshot {
	t.Helper()
	msg := sess.Load()()
	loaded, ok := msg.(session.Loaded)
	if !ok {
		t.Fatalf("load: %v", msg)
	}
	return loaded.Snapshot
}

// The first-run screen, before there is any session, sizes, restyles and
// draws the app without its screens (the root holds them by pointer).
func TestFirstRunWithoutScreens(t *testing.T) {
	dir := t.TempDir()
	m := Start(Options{FirstRun: firstrun.Paths{Config: filepath.Join(dir, "config.toml"), Database: filepath.Join(dir, "cadence.db")}})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	next, _ = next.(Model).Update(tea.BackgroundColorMsg{})
	if v := ansi.Strip(next.(Model).render()); !strings.Contains(v, "Welcome to cadence") {
		t.Errorf("the first-run screen does not show:\n%s", v)
	}
}
