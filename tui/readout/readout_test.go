package readout

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/google/go-cmp/cmp"

	"partnercadence/cadence"
	"partnercadence/store"
	"partnercadence/tui/screentest"
	"partnercadence/tui/session"
	"partnercadence/tui/theme"
)

// demoSession is the small demo on Mon 2026-11-23 09:00 in New York: a
// day with flags of every kind.
var demoSession = screentest.DemoSession

// run runs cmd and everything it batches, synchronously, and returns the
// messages it produced.
func run(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range batch {
			out = append(out, run(c)...)
		}
		return out
	}
	if msg == nil {
		return nil
	}
	return []tea.Msg{msg}
}

// settle feeds cmd's messages back into m until nothing is left to do, and
// returns the messages meant for the root.
func settle(t testing.TB, m Model, cmd tea.Cmd) (Model, []tea.Msg) {
	t.Helper()
	var root []tea.Msg
	queue := run(cmd)
	for i := 0; len(queue) > 0; i++ {
		if i > 100 {
			t.Fatal("messages never settle")
		}
		msg := queue[0]
		queue = queue[1:]
		switch msg.(type) {
		case kpisLoaded, session.Loaded:
			var c tea.Cmd
			m, c = m.Update(msg)
			queue = append(queue, run(c)...)
		default:
			root = append(root, msg)
		}
	}
	return m, root
}

// open builds the screen at w×h with its data loaded.
func open(t testing.TB, sess *session.Session, w, h int) Model {
	t.Helper()
	m := New(sess, theme.NewStyles(true))
	m.SetSize(w, h)
	m, root := settle(t, m, tea.Batch(m.Init(), sess.Load()))
	if len(root) != 0 {
		t.Fatalf("unexpected messages: %v", root)
	}
	return m
}

// press sends one key and settles what it starts.
func press(t testing.TB, m Model, keys ...tea.KeyPressMsg) Model {
	t.Helper()
	for _, k := range keys {
		var cmd tea.Cmd
		m, cmd = m.Update(k)
		m, _ = settle(t, m, cmd)
	}
	return m
}

func char(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Text: string(r)} }

func checkSize(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Fatalf("view has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if got := lipgloss.Width(l); got != w {
			t.Fatalf("line %d is %d cells wide, want %d: %q", i, got, w, ansi.Strip(l))
		}
	}
}

func TestGoldenCurrentQuarter(t *testing.T) {
	sess := demoSession(t)
	for _, size := range []struct{ w, h int }{{100, 30}, {80, 22}, {80, 24}, {120, 40}} {
		t.Run(sizeName(size.w, size.h), func(t *testing.T) {
			m := open(t, sess, size.w, size.h)
			view := m.View()
			checkSize(t, view, size.w, size.h)
			golden.RequireEqual(t, []byte(ansi.Strip(view)))
		})
	}
}

func TestGoldenPreviousQuarter(t *testing.T) {
	sess := demoSession(t)
	for _, size := range []struct{ w, h int }{{100, 30}, {80, 22}, {80, 24}, {120, 40}} {
		t.Run(sizeName(size.w, size.h), func(t *testing.T) {
			m := press(t, open(t, sess, size.w, size.h), char('['))
			view := m.View()
			checkSize(t, view, size.w, size.h)
			golden.RequireEqual(t, []byte(ansi.Strip(view)))
		})
	}
}

// TestGoldenEmptyQuarter is a quarter before the demo team's first data:
// every ratio says why it has no value instead of printing 0 or NaN.
func TestGoldenEmptyQuarter(t *testing.T) {
	sess := demoSession(t)
	m := open(t, sess, 100, 30)
	for range 11 { // 2026-Q4 back to 2024-Q1
		m = press(t, m, char('h'))
	}
	if got, want := m.quarter, (cadence.Quarter{Year: 2024, Q: 1}); got != want {
		t.Fatalf("quarter = %v, want %v", got, want)
	}
	view := ansi.Strip(m.View())
	if strings.Contains(view, "NaN") {
		t.Errorf("view prints NaN:\n%s", view)
	}
	golden.RequireEqual(t, []byte(view))
}

func sizeName(w, h int) string { return fmt.Sprintf("%dx%d", w, h) }

func TestQuarterKeys(t *testing.T) {
	sess := demoSession(t)
	m := open(t, sess, 100, 30)
	q4 := cadence.Quarter{Year: 2026, Q: 4}
	if m.quarter != q4 || m.kpis == nil || m.kpis.Quarter != q4 {
		t.Fatalf("opens on %v with KPIs %v, want %v", m.quarter, m.kpis, q4)
	}
	if m.keys.Next.Enabled() || m.keys.This.Enabled() {
		t.Errorf("next quarter and this quarter are enabled on the current quarter")
	}
	// The current quarter is the latest: "]" does nothing there.
	if m2 := press(t, m, char(']')); m2.quarter != q4 {
		t.Errorf("] on the current quarter moved to %v", m2.quarter)
	}

	steps := []struct {
		key  tea.KeyPressMsg
		want cadence.Quarter
	}{
		{char('['), cadence.Quarter{Year: 2026, Q: 3}},
		{tea.KeyPressMsg{Code: tea.KeyLeft}, cadence.Quarter{Year: 2026, Q: 2}},
		{char('h'), cadence.Quarter{Year: 2026, Q: 1}},
		{char('h'), cadence.Quarter{Year: 2025, Q: 4}},
		{char(']'), cadence.Quarter{Year: 2026, Q: 1}},
		{tea.KeyPressMsg{Code: tea.KeyRight}, cadence.Quarter{Year: 2026, Q: 2}},
		{char('l'), cadence.Quarter{Year: 2026, Q: 3}},
		{char('['), cadence.Quarter{Year: 2026, Q: 2}},
		{char('t'), q4},
	}
	for _, st := range steps {
		m = press(t, m, st.key)
		if m.quarter != st.want {
			t.Fatalf("after %q: quarter %v, want %v", st.key.String(), m.quarter, st.want)
		}
		if m.kpis == nil || m.kpis.Quarter != st.want {
			t.Fatalf("after %q: KPIs of %v, want %v", st.key.String(), m.kpis, st.want)
		}
		if !strings.Contains(ansi.Strip(m.View()), "Readout "+st.want.String()) {
			t.Fatalf("after %q: view does not name %v", st.key.String(), st.want)
		}
		if got, want := m.keys.Next.Enabled(), st.want != q4; got != want {
			t.Errorf("on %v: next enabled = %v, want %v", st.want, got, want)
		}
	}
}

// TestWhenItComputes: a key that only scrolls starts no work; a
// quarter key and fresh data each start one computation; the same data with
// its flags computed again later in the day starts none.
func TestWhenItComputes(t *testing.T) {
	sess := demoSession(t)
	m := open(t, sess, 80, 10) // short: the KPIs scroll
	for _, k := range []tea.KeyPressMsg{char('j'), char('k'), char('G'), char('g'), {Code: tea.KeyDown}} {
		if _, cmd := m.Update(k); cmd != nil {
			t.Errorf("%q started a command", k.String())
		}
	}
	if _, cmd := m.Update(char('[')); cmd == nil {
		t.Error("[ started no computation")
	}
	later := *m.snap
	later.At = later.At.Add(time.Hour)
	if _, cmd := m.Update(session.Loaded{Snapshot: &later}); cmd != nil {
		t.Error("the same data an hour later started a computation")
	}
	fresh := *m.snap
	fresh.Stamp.Size++
	if _, cmd := m.Update(session.Loaded{Snapshot: &fresh}); cmd == nil {
		t.Error("fresh data started no computation")
	}
	tomorrow := *m.snap
	tomorrow.At = tomorrow.At.AddDate(0, 0, 1)
	if _, cmd := m.Update(session.Loaded{Snapshot: &tomorrow}); cmd == nil {
		t.Error("the next day started no computation")
	}
}

func TestStaleAnswerDropped(t *testing.T) {
	sess := demoSession(t)
	m := open(t, sess, 100, 30)
	before := m.View()
	// An answer for a quarter no longer on screen changes nothing.
	m, _ = m.Update(kpisLoaded{quarter: cadence.Quarter{Year: 2025, Q: 1}, gen: m.gen + 1})
	if diff := cmp.Diff(ansi.Strip(before), ansi.Strip(m.View())); diff != "" {
		t.Errorf("an answer for another quarter changed the view (-want +got):\n%s", diff)
	}
	// An older answer for the same quarter does not replace a newer one.
	m, _ = m.Update(kpisLoaded{quarter: m.quarter, gen: m.shown - 1})
	if diff := cmp.Diff(ansi.Strip(before), ansi.Strip(m.View())); diff != "" {
		t.Errorf("an older answer changed the view (-want +got):\n%s", diff)
	}
}

func TestLoadError(t *testing.T) {
	sess := demoSession(t)
	m := open(t, sess, 100, 30)
	m, cmd := m.Update(kpisLoaded{quarter: m.quarter, gen: m.gen, err: errors.New("disk on fire")})
	msgs := run(cmd)
	if len(msgs) != 1 {
		t.Fatalf("got %d messages, want one session.Failed", len(msgs))
	}
	f, ok := msgs[0].(session.Failed)
	if !ok || !strings.Contains(f.Error(), "disk on fire") || !strings.Contains(f.Error(), "2026-Q4") {
		t.Errorf("message %v, want a Failed naming the quarter and the error", msgs[0])
	}
	if view := ansi.Strip(m.View()); !strings.Contains(view, "Could not compute the readout: disk on fire") {
		t.Errorf("view does not say what failed:\n%s", view)
	}
}

func TestScroll(t *testing.T) {
	sess := demoSession(t)
	m := open(t, sess, 80, 8)
	if m.keys.Up.Enabled() || !m.keys.Down.Enabled() {
		t.Fatalf("at the top: up %v down %v, want up off, down on", m.keys.Up.Enabled(), m.keys.Down.Enabled())
	}
	first := func(m Model) string { return strings.Split(ansi.Strip(m.View()), "\n")[1] }
	if got := first(m); !strings.HasPrefix(got, "Partner revenue") {
		t.Fatalf("first KPI line %q", got)
	}
	m = press(t, m, char('j'))
	if got := first(m); !strings.HasPrefix(got, "  sourced") {
		t.Errorf("after j the first line is %q, want the sourced revenue", got)
	}
	m = press(t, m, char('G'))
	if m.keys.Down.Enabled() || !m.keys.Up.Enabled() {
		t.Errorf("at the bottom: up %v down %v, want up on, down off", m.keys.Up.Enabled(), m.keys.Down.Enabled())
	}
	if view := ansi.Strip(m.View()); !strings.Contains(view, "3 action overdue") {
		t.Errorf("G does not show the last line:\n%s", view)
	}
	for range 20 {
		m, _ = m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	}
	if got := first(m); !strings.HasPrefix(got, "Partner revenue") {
		t.Errorf("the wheel did not scroll back to the top: %q", got)
	}
	// The list keys' pages: pgdn and ctrl+d a screen (7 lines) down,
	// pgup back.
	top := ansi.Strip(m.View())
	byLines := m
	for range 7 {
		byLines = press(t, byLines, char('j'))
	}
	for _, k := range []tea.KeyPressMsg{{Code: tea.KeyPgDown}, {Code: 'd', Mod: tea.ModCtrl}} {
		paged := press(t, m, k)
		if got, want := ansi.Strip(paged.View()), ansi.Strip(byLines.View()); got != want || got == top {
			t.Errorf("%s did not scroll 7 lines:\n%s\nwant:\n%s", k, got, want)
		}
		if back := press(t, paged, tea.KeyPressMsg{Code: tea.KeyPgUp}); ansi.Strip(back.View()) != top {
			t.Errorf("pgup after %s did not come back to the top:\n%s", k, ansi.Strip(back.View()))
		}
	}
	// Tall enough: nothing scrolls, so no scroll key is offered.
	m = open(t, sess, 100, 45)
	for _, b := range []key.Binding{m.keys.Up, m.keys.Down, m.keys.Top, m.keys.Bottom, m.keys.PageUp, m.keys.PageDown, m.keys.Filter} {
		if b.Enabled() {
			t.Errorf("%s enabled with nothing to scroll", b.Help().Key)
		}
	}
}

func TestTinySizes(t *testing.T) {
	sess := demoSession(t)
	m := open(t, sess, 100, 30)
	for _, size := range []struct{ w, h int }{{0, 0}, {1, 1}, {10, 3}, {2, 40}, {80, 22}, {200, 2}} {
		m.SetSize(size.w, size.h)
		view := m.View()
		if size.w == 0 || size.h == 0 {
			if view != "" {
				t.Errorf("%dx%d: view %q, want empty", size.w, size.h, view)
			}
			continue
		}
		checkSize(t, view, size.w, size.h)
		m = press(t, m, char('j'), char('['), char('G'), char('t'))
	}
}

// BenchmarkKeypress is Update+View of one key at 120×40: a scroll and a
// quarter change (without the computation, which runs in a Cmd).
func BenchmarkKeypress(b *testing.B) {
	sess := demoSession(b)
	m := open(b, sess, 120, 40)
	keys := []tea.KeyPressMsg{char('j'), char('k'), char('['), char(']')}
	b.ResetTimer()
	for i := range b.N {
		m, _ = m.Update(keys[i%len(keys)])
		_ = m.View()
	}
}

// TestEmptyDatabase: a team that has just started has no numbers; every
// KPI says so in words.
func TestEmptyDatabase(t *testing.T) {
	sess := demoSession(t)
	st, err := store.Open(filepath.Join(t.TempDir(), "empty.db"), store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	sess.Store = st
	m := open(t, sess, 100, 30)
	view := ansi.Strip(m.View())
	checkSize(t, m.View(), 100, 30)
	for _, want := range []string{
		"Partner revenue                 $0  ░░░░░░░░░░░░░░░░░░░░░░░░░  0% of the $1,200,000 target",
		"Open pipeline, now              $0  sourced $0 · influenced $0",
		"Pipeline coverage            0.00×  ░░░░░░░░░░░░░░░░░░░░░░░░░  of $1,200,000 left to win",
		"Registration accuracy            —  no registration decided in 2026-Q4",
		"Registration SLA                 —  no registration decided in 2026-Q4",
		"Partner satisfaction             —  no QBRs held yet",
		"Time to first deal               —  no first deals in the last four quarters",
		"0 silent partner", // the schedule's unheld meetings are the only flags
	} {
		if !strings.Contains(view, want) {
			t.Errorf("view lacks %q:\n%s", want, view)
		}
	}
	if strings.Contains(view, "NaN") {
		t.Errorf("view prints NaN:\n%s", view)
	}
}

func TestSparkline(t *testing.T) {
	for _, c := range []struct {
		values []float64
		has    []bool
		want   string
	}{
		{[]float64{0, 1, 2, 3, 4}, []bool{true, true, true, true, true}, "▁▃▅▆█"},
		{[]float64{831000, 933000, 1530000, 903000, 156500}, []bool{true, true, true, true, true}, "▄▅█▅▁"},
		{[]float64{5, 5, 5}, []bool{true, true, true}, "▄▄▄"},
		{[]float64{0, 7, 0, 6}, []bool{false, true, false, true}, "·█·▁"},
		{[]float64{0, 0}, []bool{false, false}, "··"},
	} {
		if got := sparkline(c.values, c.has, "·"); got != c.want {
			t.Errorf("sparkline(%v, %v) = %q, want %q", c.values, c.has, got, c.want)
		}
	}
}

// TestTrendOnScreen: the trend of the current quarter and of a finished
// one shows each KPI's first and last figure beside its sparkline, and a
// finished quarter's coverage says the quarter is over.
func TestTrendOnScreen(t *testing.T) {
	sess := demoSession(t)
	m := open(t, sess, 120, 60)
	view := ansi.Strip(m.View())
	for _, want := range []string{
		"Trend · 2025-Q4 → 2026-Q4",
		"Partner revenue           ▄▅█▅▁  $831,000 → $156,500",
		"Active partners           ▁▁▁▁█  25 → 28",
		"past the 15–25 threshold",
	} {
		if !strings.Contains(view, want) {
			t.Errorf("current quarter: no %q in\n%s", want, view)
		}
	}
	m = press(t, m, char('['))
	view = ansi.Strip(m.View())
	for _, want := range []string{
		"Trend · 2025-Q3 → 2026-Q3",
		"the quarter is over",
		"Active partners                   25",
		"at the 15–25 threshold",
	} {
		if !strings.Contains(view, want) {
			t.Errorf("2026-Q3: no %q in\n%s", want, view)
		}
	}
	if strings.Contains(view, "left to win") {
		t.Errorf("a finished quarter shows a coverage ratio:\n%s", view)
	}
}
