package week

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/google/go-cmp/cmp"

	"partnercadence/cadence"
	"partnercadence/cadence/demo"
	"partnercadence/store"
	flagsui "partnercadence/tui/flags"
	"partnercadence/tui/screentest"
	"partnercadence/tui/session"
	"partnercadence/tui/theme"
)

var newYork = mustZone("America/New_York")

func mustZone(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

// now is the Monday the small demo is generated for: it has flags of every
// kind.
var now = time.Date(2026, 11, 23, 9, 0, 0, 0, newYork)

// newSession builds a session on a fresh small demo database.
func newSession(t testing.TB, me string) *session.Session {
	t.Helper()
	cfg, err := cadence.ParseConfig([]byte(demo.Config(demo.Small, now)), "demo")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "cadence.db")
	if err := store.Load(path, cfg, func(l *store.Loader) error { return demo.Generate(demo.Small, 1, now, l) }); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return &session.Session{Store: st, Config: cfg, Clock: func() time.Time { return now }, Me: me}
}

// harness drives a screen the way the root does: it runs commands and
// feeds their messages back, reloads the snapshot after every save, and
// keeps the messages meant for the root.
type harness struct {
	t    testing.TB
	sess *session.Session
	m    Model
	sent []tea.Msg // messages for the root: OpenMeeting, Saved, Failed, Notice
}

func newHarness(t testing.TB, me string, w, h int) *harness {
	t.Helper()
	sess := newSession(t, me)
	hs := &harness{t: t, sess: sess, m: New(sess, theme.NewStyles(true))}
	hs.m.SetSize(w, h)
	hs.run(hs.m.Init())
	hs.send(loadSnapshot(t, sess))
	return hs
}

func loadSnapshot(t testing.TB, sess *session.Session) tea.Msg {
	t.Helper()
	msg := sess.Load()()
	if f, ok := msg.(session.Failed); ok {
		t.Fatal(f.Error())
	}
	return msg
}

func (hs *harness) send(msg tea.Msg) {
	hs.t.Helper()
	var cmd tea.Cmd
	hs.m, cmd = hs.m.Update(msg)
	hs.run(cmd)
}

func (hs *harness) run(cmd tea.Cmd) {
	hs.t.Helper()
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			hs.run(c)
		}
	case session.OpenMeeting, session.Notice, session.Back, flagsui.Open:
		hs.sent = append(hs.sent, msg)
	case session.Failed, session.Saved:
		hs.sent = append(hs.sent, msg)
		hs.send(msg)
	case session.FlushNow:
		// The root saves the outbox.
		hs.run(hs.sess.Flush())
	case session.Flushed:
		hs.sent = append(hs.sent, msg)
		hs.send(msg)
		if len(msg.Saved) > 0 {
			hs.send(loadSnapshot(hs.t, hs.sess))
		}
	default:
		hs.send(msg)
	}
}

// keyMsg turns a key name into its key press.
var keyMsg = screentest.KeyNamed

func (hs *harness) press(keys ...string) {
	hs.t.Helper()
	for _, k := range keys {
		hs.send(keyMsg(k))
	}
}

// typeText types s one key at a time.
func (hs *harness) typeText(s string) {
	hs.t.Helper()
	for _, r := range s {
		hs.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func (hs *harness) view() string { return ansi.Strip(hs.m.View()) }

func (hs *harness) selectedID() string {
	o, ok := hs.m.selected()
	if !ok {
		return ""
	}
	return o.ID
}

// selectID moves the cursor to the meeting with the given ID.
func (hs *harness) selectID(id string) {
	hs.t.Helper()
	hs.press("g")
	for range len(hs.m.items) {
		if hs.selectedID() == id {
			return
		}
		hs.press("j")
	}
	hs.t.Fatalf("meeting %s is not on the screen:\n%s", id, hs.view())
}

func (hs *harness) record(id string) cadence.MeetingRecord {
	hs.t.Helper()
	rec, _, err := hs.sess.Store.Record(id)
	if err != nil {
		hs.t.Fatal(err)
	}
	return rec
}

// lineWith returns the view's line containing s.
func lineWith(t *testing.T, view, s string) string {
	t.Helper()
	for _, l := range strings.Split(view, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	t.Fatalf("no line with %q in:\n%s", s, view)
	return ""
}

func TestGolden(t *testing.T) {
	for _, size := range [][2]int{{100, 30}, {80, 22}, {120, 38}, {140, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			hs := newHarness(t, "Jordan Lee", size[0], size[1])
			golden.RequireEqual(t, []byte(hs.view()))
		})
	}
}

func TestThisWeek(t *testing.T) {
	hs := newHarness(t, "Jordan Lee", 100, 30)
	v := hs.view()
	for _, want := range []string{
		"Week 48 · Mon Nov 23 – Sun Nov 29 2026",
		"Mon Nov 23 · today",
		"Thu Nov 26 · holiday",
		"Sat Nov 28 – Sun Nov 29   no meetings",
		"Flags (18)",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	line := lineWith(t, v, "Dana Cruz  ")
	for _, want := range []string{"11:00", "1:1", "scheduled"} {
		if !strings.Contains(line, want) {
			t.Errorf("Dana's 1:1 row %q lacks %q", line, want)
		}
	}
	// The cursor starts on the first meeting from today on.
	if got, want := hs.selectedID(), "1on1/priya-natarajan/2026-11-24"; got != want {
		t.Errorf("selected %s, want %s", got, want)
	}
}

// The week of 2026-11-01 holds the end of daylight saving time: the 1:1s
// stay at their wall-clock time on both sides of it.
func TestDSTWeek(t *testing.T) {
	hs := newHarness(t, "Jordan Lee", 100, 30)
	hs.press("h", "h", "h", "h")
	v := hs.view()
	if !strings.Contains(v, "Week 44 · Mon Oct 26 – Sun Nov 1 2026") {
		t.Fatalf("not the DST week:\n%s", v)
	}
	t.Run("before", func(t *testing.T) { golden.RequireEqual(t, []byte(v)) })
	if line := lineWith(t, v, "Priya Natarajan"); !strings.Contains(line, "10:00  1:1") {
		t.Errorf("Priya's 1:1 before the change: %q, want 10:00", line)
	}
	hs.press("right")
	v = hs.view()
	t.Run("after", func(t *testing.T) { golden.RequireEqual(t, []byte(v)) })
	if line := lineWith(t, v, "Priya Natarajan"); !strings.Contains(line, "10:00  1:1") {
		t.Errorf("Priya's 1:1 after the change: %q, want 10:00", line)
	}
	// And the instant really moved by the hour: 10:00 New York is 15:00
	// UTC after the change (14:00 before it).
	hs.selectID("1on1/priya-natarajan/2026-11-03")
	o, _ := hs.m.selected()
	if got := o.Start.UTC().Format("15:04"); got != "15:00" {
		t.Errorf("Nov 3 10:00 New York is %s UTC, want 15:00", got)
	}
}

// The demo moved Priya's 1:1 of Tue Nov 17 to Wed Nov 18 and held it.
func TestMovedWeek(t *testing.T) {
	hs := newHarness(t, "Jordan Lee", 100, 30)
	hs.press("h")
	v := hs.view()
	golden.RequireEqual(t, []byte(v))
	line := lineWith(t, v, "Priya Natarajan")
	if !strings.Contains(line, "held · from Tue 17") {
		t.Errorf("moved 1:1 row %q, want held · from Tue 17", line)
	}
	// It is listed under Wednesday, not Tuesday.
	if strings.Index(v, "Wed Nov 18") > strings.Index(v, line) {
		t.Errorf("moved 1:1 is not under Wednesday:\n%s", v)
	}
}

func TestNavigation(t *testing.T) {
	hs := newHarness(t, "Jordan Lee", 100, 30)
	ids := func() string { return hs.selectedID() }
	hs.press("g")
	if got, want := ids(), "1on1/priya-natarajan/2026-11-24"; got != want {
		t.Errorf("g: %s, want %s", got, want)
	}
	hs.press("j")
	if got, want := ids(), "1on1/dana-cruz/2026-11-25"; got != want {
		t.Errorf("j: %s, want %s", got, want)
	}
	hs.press("down", "down", "down")
	if got, want := ids(), "1on1/marcus-bell/2026-11-26"; got != want {
		t.Errorf("down past the end: %s, want %s", got, want)
	}
	hs.press("k", "up")
	if got, want := ids(), "1on1/priya-natarajan/2026-11-24"; got != want {
		t.Errorf("k, up: %s, want %s", got, want)
	}
	hs.press("G")
	if got, want := ids(), "1on1/marcus-bell/2026-11-26"; got != want {
		t.Errorf("G: %s, want %s", got, want)
	}
	// A notch of the wheel is three rows, as on every list (the week
	// has three meetings: back to the first).
	hs.send(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	if got, want := ids(), "1on1/priya-natarajan/2026-11-24"; got != want {
		t.Errorf("wheel up: %s, want %s", got, want)
	}
	hs.press("l")
	if !strings.Contains(hs.view(), "Mon Nov 30") {
		t.Errorf("l did not go to next week:\n%s", hs.view())
	}
	hs.press("t")
	if !strings.Contains(hs.view(), "Mon Nov 23 · today") {
		t.Errorf("t did not come back to this week:\n%s", hs.view())
	}
	if hs.m.Keys().(KeyMap).Today.Enabled() {
		t.Error("t is offered on this week, where it does nothing")
	}
}

func TestOpen(t *testing.T) {
	hs := newHarness(t, "Jordan Lee", 100, 30)
	hs.press("j", "enter")
	want := []tea.Msg{session.OpenMeeting{ID: "1on1/dana-cruz/2026-11-25"}}
	if diff := cmp.Diff(want, hs.sent); diff != "" {
		t.Errorf("messages to the root (-want +got):\n%s", diff)
	}
}

func TestMarkHeldKeepsRecord(t *testing.T) {
	hs := newHarness(t, "Jordan Lee", 100, 30)
	id := "1on1/dana-cruz/2026-11-25"
	if _, err := hs.sess.Store.SaveRecord(hs.sess.Config, "", cadence.MeetingRecord{ID: id, TalkingPoints: "- renewals"}); err != nil {
		t.Fatal(err)
	}
	hs.selectID(id)
	hs.press("H")
	// It is ahead (Wednesday; now is Monday): H asks first, and says why.
	if line := lineWith(t, hs.view(), "Mark 1:1 with Dana Cruz held?"); !strings.Contains(line, "still ahead") {
		t.Errorf("H on a future meeting: prompt %q", line)
	}
	if rec := hs.record(id); rec.Status != "" {
		t.Errorf("before y: status %q, want none yet", rec.Status)
	}
	hs.press("y")
	rec := hs.record(id)
	if rec.Status != cadence.MeetingHeld || rec.TalkingPoints != "- renewals" {
		t.Errorf("after H: status %q, talking points %q; want held, kept", rec.Status, rec.TalkingPoints)
	}
	if line := lineWith(t, hs.view(), "Dana Cruz  "); !strings.Contains(line, "held") {
		t.Errorf("row after H: %q", line)
	}
	if f, ok := hs.sent[len(hs.sent)-1].(session.Flushed); !ok || len(f.Saved) != 1 || f.Saved[0].Change.What != "1:1 with Dana Cruz marked held" {
		t.Errorf("last message %#v", hs.sent[len(hs.sent)-1])
	}
	// H again undoes it.
	hs.press("H")
	if rec := hs.record(id); rec.Status != cadence.MeetingScheduled {
		t.Errorf("after H twice: status %q, want scheduled", rec.Status)
	}
	hs.press("S")
	if rec := hs.record(id); rec.Status != cadence.MeetingSkipped {
		t.Errorf("after S: status %q, want skipped", rec.Status)
	}
}

func TestCancelAsksFirst(t *testing.T) {
	hs := newHarness(t, "Jordan Lee", 100, 30)
	id := "1on1/marcus-bell/2026-11-26"
	hs.selectID(id)
	hs.press("C")
	if line := lineWith(t, hs.view(), "Cancel 1:1"); !strings.Contains(line, "Cancel 1:1 with Marcus Bell on Thu Nov 26 14:00? y/n") {
		t.Errorf("prompt %q", line)
	}
	hs.press("n")
	if rec := hs.record(id); rec.Status == cadence.MeetingCancelled {
		t.Fatal("n cancelled the meeting")
	}
	hs.press("C", "y")
	if rec := hs.record(id); rec.Status != cadence.MeetingCancelled {
		t.Errorf("after C y: status %q, want cancelled", rec.Status)
	}
	if line := lineWith(t, hs.view(), "Marcus Bell"); !strings.Contains(line, "cancelled") {
		t.Errorf("row after cancel: %q", line)
	}
}

func TestReschedule(t *testing.T) {
	hs := newHarness(t, "Jordan Lee", 100, 30)
	id := "1on1/dana-cruz/2026-11-25"
	hs.selectID(id)
	hs.press("r")
	if !hs.m.Capturing() {
		t.Fatal("the form does not capture keys")
	}
	if line := lineWith(t, hs.view(), "Reschedule"); !strings.Contains(line, "date 2026-11-25") || !strings.Contains(line, "time 11:00") {
		t.Errorf("form %q, want today's date and time filled in", line)
	}
	// A bad date names the field.
	hs.press("backspace", "backspace")
	hs.typeText("40")
	hs.press("enter")
	if line := lineWith(t, hs.view(), "date:"); !strings.Contains(line, `date: "2026-11-40" is not a date`) {
		t.Errorf("bad date: %q", line)
	}
	hs.press("backspace", "backspace")
	hs.typeText("27")
	hs.press("tab", "backspace", "backspace", "backspace", "backspace", "backspace")
	hs.typeText("25:00")
	hs.press("enter")
	if line := lineWith(t, hs.view(), "time:"); !strings.Contains(line, `time: "25:00" is not a time of day`) {
		t.Errorf("bad time: %q", line)
	}
	for range 5 {
		hs.press("backspace")
	}
	hs.typeText("09:30")
	hs.press("enter")
	// Friday Nov 27 is one of the demo's holidays: it asks first.
	if line := lineWith(t, hs.view(), "Move it to"); !strings.Contains(line, "Move it to Fri Nov 27 09:30? 2026-11-27 is a holiday. y/n") {
		t.Errorf("move onto a holiday: prompt %q", line)
	}
	if rec := hs.record(id); !rec.At.IsZero() {
		t.Fatalf("moved before y: At = %v", rec.At)
	}
	hs.press("y")
	if hs.m.Capturing() {
		t.Fatal("the form stays open after a good date")
	}
	rec := hs.record(id)
	if want := time.Date(2026, 11, 27, 9, 30, 0, 0, newYork); !rec.At.Equal(want) {
		t.Errorf("At = %v, want %v", rec.At, want)
	}
	v := hs.view()
	golden.RequireEqual(t, []byte(v))
	line := lineWith(t, v, "Dana Cruz  ")
	if !strings.Contains(line, "09:30") || !strings.Contains(line, "moved from Wed 25") {
		t.Errorf("moved row %q", line)
	}
	if strings.Index(v, "Fri Nov 27") > strings.Index(v, line) {
		t.Errorf("moved 1:1 is not under Friday:\n%s", v)
	}
	// Moving it back to its slot clears the move.
	hs.press("r")
	hs.press("backspace", "backspace")
	hs.typeText("25")
	hs.press("tab")
	for range 5 {
		hs.press("backspace")
	}
	hs.typeText("11:00")
	hs.press("enter")
	if rec := hs.record(id); !rec.At.IsZero() {
		t.Errorf("At = %v after moving back to the slot, want zero", rec.At)
	}
}

func TestScheduleQBRInsideWindow(t *testing.T) {
	hs := newHarness(t, "Jordan Lee", 100, 30)
	hs.press("l", "l", "l", "l", "l", "l") // Jan 4 2027: the 2027-Q1 window is open
	v := hs.view()
	golden.RequireEqual(t, []byte(v))
	if !strings.Contains(v, "QBRs to schedule · window open this week (6)") {
		t.Fatalf("no QBRs to schedule:\n%s", v)
	}
	id := "qbr/northwind-systems/2027-Q1"
	hs.selectID(id)
	if line := lineWith(t, v, "Northwind Systems ·"); !strings.Contains(line, "due by Thu Feb 11") {
		t.Errorf("QBR row %q", line)
	}
	hs.press("r")
	if line := lineWith(t, hs.view(), "Schedule QBR"); !strings.Contains(line, "window Jan 1 – Feb 11") || !strings.Contains(line, "date 2027-01-01") {
		t.Errorf("form %q", line)
	}
	for range 10 {
		hs.press("backspace")
	}
	hs.typeText("2027-02-12")
	hs.press("enter")
	if line := lineWith(t, hs.view(), "date:"); !strings.Contains(line, "outside the 2027-Q1 QBR window") {
		t.Errorf("outside the window: %q", line)
	}
	for range 10 {
		hs.press("backspace")
	}
	hs.typeText("2027-01-06")
	hs.press("enter")
	// 10:00–11:15 runs into Dana Cruz's 1:1 at 11:00, with the head in both.
	if line := lineWith(t, hs.view(), "Move it to"); !strings.Contains(line, "Dana Cruz and Jordan Lee have 1:1 with Dana Cruz then (11:00–11:30)") {
		t.Errorf("a clash: prompt %q", line)
	}
	hs.press("y")
	if rec := hs.record(id); !rec.At.Equal(time.Date(2027, 1, 6, 10, 0, 0, 0, newYork)) {
		t.Errorf("At = %v", rec.At)
	}
	v = hs.view()
	line := lineWith(t, v, "Northwind Systems ·")
	if !strings.Contains(line, "10:00  QBR") || !strings.Contains(line, "scheduled") {
		t.Errorf("scheduled QBR row %q", line)
	}
	if !strings.Contains(v, "QBRs to schedule · window open this week (5)") {
		t.Errorf("the scheduled QBR is still to schedule:\n%s", v)
	}
}

func TestFilter(t *testing.T) {
	hs := newHarness(t, "Jordan Lee", 100, 30)
	hs.press("/")
	if !hs.m.Capturing() {
		t.Fatal("filter does not capture keys")
	}
	hs.typeText("dana")
	hs.press("enter")
	v := hs.view()
	if strings.Contains(v, "Priya Natarajan  ") || !strings.Contains(v, "Dana Cruz") || !strings.Contains(v, "filter: dana") {
		t.Errorf("filtered view:\n%s", v)
	}
	if got := hs.selectedID(); got != "1on1/dana-cruz/2026-11-25" {
		t.Errorf("selected %s", got)
	}
	hs.press("esc")
	if v := hs.view(); !strings.Contains(v, "Priya Natarajan") {
		t.Errorf("esc did not clear the filter:\n%s", v)
	}
}

func TestMeFilterForPartnerManager(t *testing.T) {
	hs := newHarness(t, "Dana Cruz", 100, 30)
	v := hs.view()
	golden.RequireEqual(t, []byte(v))
	if !strings.Contains(v, "Flags · yours (7 of 18)") || !strings.Contains(v, "mine first") {
		t.Errorf("me view:\n%s", v)
	}
	hs.press("m")
	if v := hs.view(); !strings.Contains(v, "Flags (18)") || strings.Contains(v, "mine first") {
		t.Errorf("m did not turn the filter off:\n%s", v)
	}
	// The head has no me filter.
	head := newHarness(t, "Jordan Lee", 100, 30)
	if head.m.Keys().(KeyMap).Me.Enabled() {
		t.Error("m is offered to the head")
	}
}

func TestMineFirstOrder(t *testing.T) {
	hs := newHarness(t, "Dana Cruz", 100, 30)
	hs.press("l", "l", "l", "l", "l", "l")
	var due []string
	for _, r := range hs.m.rows {
		if r.kind == rowDue {
			due = append(due, hs.m.due[r.occ].Partner)
		}
	}
	// Dana owns Northwind and Orbital: they come first.
	want := []string{"Northwind Systems", "Orbital Alliance Partners", "Acme Cloud Marketplace", "Brightline Consulting", "Helix Data", "Stackwise"}
	if diff := cmp.Diff(want, due); diff != "" {
		t.Errorf("QBRs to schedule (-want +got):\n%s", diff)
	}
}

func TestStaleLoadDropped(t *testing.T) {
	hs := newHarness(t, "Jordan Lee", 100, 30)
	before := hs.view()
	hs.m, _ = hs.m.Update(loadedMsg{seq: hs.m.loadSeq - 1, start: hs.m.start})
	if got := hs.view(); got != before {
		t.Errorf("an old answer replaced the week:\n%s", got)
	}
}

func TestTinySizes(t *testing.T) {
	hs := newHarness(t, "Dana Cruz", 100, 30)
	for _, size := range [][2]int{{0, 0}, {1, 1}, {10, 3}, {80, 22}, {3, 40}, {200, 2}} {
		w, h := size[0], size[1]
		hs.m.SetSize(w, h)
		hs.press("j", "k")
		v := hs.m.View()
		if w == 0 || h == 0 {
			if v != "" {
				t.Errorf("%dx%d: %q, want empty", w, h, v)
			}
			continue
		}
		lines := strings.Split(v, "\n")
		if len(lines) != h {
			t.Errorf("%dx%d: %d lines", w, h, len(lines))
		}
		for i, l := range lines {
			if got := ansi.StringWidth(l); got != w {
				t.Errorf("%dx%d: line %d is %d wide", w, h, i, got)
			}
		}
	}
	hs.m.SetSize(10, 3)
	hs.press("r")
	_ = hs.m.View()
	hs.press("esc", "C")
	_ = hs.m.View()
}

func BenchmarkKeypress(b *testing.B) {
	hs := newHarness(b, "Jordan Lee", 120, 40)
	hs.press("l", "l", "l", "l", "l", "l") // a week with QBRs to schedule
	keys := []tea.KeyPressMsg{keyMsg("j"), keyMsg("k")}
	m := hs.m
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		m, _ = m.Update(keys[i%2])
		_ = m.View()
	}
}

// TestHolidayRowMovesToNextWorkingDay: a 1:1 on Thanksgiving reads as a
// holiday, and r offers the next working day (after the Friday holiday and
// the weekend) at the same time.
func TestHolidayRowMovesToNextWorkingDay(t *testing.T) {
	hs := newHarness(t, "Jordan Lee", 100, 30)
	id := "1on1/marcus-bell/2026-11-26"
	hs.selectID(id)
	if line := lineWith(t, hs.view(), "Marcus Bell  "); !strings.Contains(line, "holiday · r moves it") {
		t.Errorf("holiday row %q", line)
	}
	hs.press("r")
	if line := lineWith(t, hs.view(), "Reschedule"); !strings.Contains(line, "date 2026-11-30") || !strings.Contains(line, "time 14:00") {
		t.Errorf("form %q, want Monday Nov 30 at 14:00", line)
	}
	hs.press("enter")
	// The demo's one-off review with the head runs then: it asks.
	if line := lineWith(t, hs.view(), "Move it to"); !strings.Contains(line, "Jordan Lee has Tiering and rebate review then (13:30–15:00)") {
		t.Errorf("prompt %q", line)
	}
	hs.press("y")
	if rec := hs.record(id); !rec.At.Equal(time.Date(2026, 11, 30, 14, 0, 0, 0, newYork)) {
		t.Errorf("At = %v, want Mon Nov 30 14:00", rec.At)
	}
}

// TestFlagsPanelFocus: tab puts the focus on the flags panel, j reaches
// flags past the "+N more", enter asks to open the one under the cursor,
// esc gives the focus back.
func TestFlagsPanelFocus(t *testing.T) {
	hs := newHarness(t, "Jordan Lee", 80, 22)
	if !hs.m.TakesTab() {
		t.Fatal("tab is not the Week's own key")
	}
	hs.press("tab")
	if hs.m.TakesTab() || !hs.m.panel {
		t.Fatal("tab did not focus the panel")
	}
	n := len(hs.m.snap.Flags)
	for range n - 1 {
		hs.press("j")
	}
	last := hs.m.snap.Flags[n-1]
	if line := lineWith(t, hs.view(), "▸ "+theme.FlagTag(last.Kind)); !strings.Contains(line, theme.OneLine(last.Message)[:20]) {
		t.Errorf("cursor line %q, want the last flag (%s)", line, last.Kind)
	}
	if !strings.Contains(hs.view(), fmt.Sprintf("%d of %d", n, n)) {
		t.Errorf("the panel does not say where the cursor is:\n%s", hs.view())
	}
	hs.sent = nil
	hs.press("enter")
	want := []tea.Msg{flagsui.Open{Flag: last}}
	if diff := cmp.Diff(want, hs.sent); diff != "" {
		t.Errorf("enter (-want +got):\n%s", diff)
	}
	hs.press("esc")
	if hs.m.panel || !hs.m.TakesTab() {
		t.Error("esc did not give the focus back to the meetings")
	}
}

// TestOneOffMeeting: n makes a one-off meeting with a title, a time, who
// and a partner; it is then a meeting of the week like any other.
func TestOneOffMeeting(t *testing.T) {
	hs := newHarness(t, "Jordan Lee", 100, 30)
	hs.press("n")
	if !hs.m.Capturing() || !strings.Contains(hs.view(), "New one-off meeting") {
		t.Fatalf("n: no form:\n%s", hs.view())
	}
	hs.typeText("Joint pitch")
	hs.press("esc")
	if !strings.Contains(hs.view(), "Discard what you typed? y/n") {
		t.Fatalf("esc with a title typed asks nothing:\n%s", hs.view())
	}
	hs.press("n") // no: back to the form
	hs.press("tab", "tab", "tab", "tab")
	hs.typeText(", Dana Cruz")
	hs.press("tab")
	hs.typeText("Nobody Corp")
	hs.press("enter")
	if line := lineWith(t, hs.view(), "partner:"); !strings.Contains(line, `partner: no partner "Nobody Corp"`) {
		t.Errorf("an unknown partner: %q", line)
	}
	for range len("Nobody Corp") {
		hs.press("backspace")
	}
	hs.typeText("northwind systems")
	hs.press("enter")
	if hs.m.oneOff != nil {
		t.Fatalf("the form stays open:\n%s", hs.view())
	}
	// On the day of the meeting under the cursor: Tuesday.
	recs, err := hs.sess.Store.Records(cadence.MustDate("2026-11-24"), cadence.MustDate("2026-11-24"))
	if err != nil {
		t.Fatal(err)
	}
	var got *cadence.MeetingRecord
	for id, r := range recs {
		if strings.HasPrefix(id, "adhoc/") && strings.HasPrefix(r.Title, "Joint pitch") {
			got = &r
		}
	}
	if got == nil || got.Title != "Joint pitch · Northwind Systems" || !got.At.Equal(time.Date(2026, 11, 24, 14, 0, 0, 0, newYork)) ||
		got.Minutes != 30 || strings.Join(got.Attendees, ",") != "Jordan Lee,Dana Cruz" {
		t.Fatalf("one-off record %+v; sent %v; view:\n%s", got, hs.sent, hs.view())
	}
	hs.send(loadSnapshot(t, hs.sess))
	if line := lineWith(t, hs.view(), "one-off"); !strings.Contains(line, "14:00") || !strings.Contains(line, "Jordan Lee, Dana Cruz") {
		t.Errorf("the week's row %q", line)
	}
	// u (the root's) takes the new meeting back while nothing is in it.
	var undo *session.Undo
	for _, msg := range hs.sent {
		if s, ok := msg.(session.Saved); ok {
			undo = s.Undo
		}
	}
	if undo == nil || !strings.Contains(undo.What, "Joint pitch") {
		t.Fatalf("the add carries no undo naming the meeting: %+v", undo)
	}
	if err := undo.Do(hs.sess.Store); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := hs.sess.Store.Record(got.ID); ok {
		t.Errorf("%s is still there after the undo", got.ID)
	}
}
