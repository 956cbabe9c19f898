package team

import (
	"errors"
	"fmt"
	"strings"
	"testing"

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
		case nextLoaded, session.Loaded:
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

// press sends keys one by one, settling what each starts, and returns the
// messages meant for the root.
func press(t testing.TB, m Model, keys ...tea.KeyPressMsg) (Model, []tea.Msg) {
	t.Helper()
	var root []tea.Msg
	for _, k := range keys {
		var cmd tea.Cmd
		m, cmd = m.Update(k)
		var out []tea.Msg
		m, out = settle(t, m, cmd)
		root = append(root, out...)
	}
	return m, root
}

func char(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Text: string(r)} }

var (
	enter = tea.KeyPressMsg{Code: tea.KeyEnter}
	esc   = tea.KeyPressMsg{Code: tea.KeyEscape}
)

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

func selectedName(m Model) string {
	mb, _ := m.selected()
	return mb.Name
}

func TestGolden(t *testing.T) {
	sess := demoSession(t)
	for _, tc := range []struct {
		name string
		w, h int
		keys []tea.KeyPressMsg
	}{
		{"head", 100, 30, nil},
		{"head", 80, 22, nil},
		{"head", 120, 38, nil},
		{"partner-manager", 100, 30, []tea.KeyPressMsg{char('j')}},
		{"partner-manager", 80, 22, []tea.KeyPressMsg{char('j')}},
		{"partner-manager", 120, 40, []tea.KeyPressMsg{char('j'), char('j'), char('j')}},
		{"sales", 100, 30, []tea.KeyPressMsg{char('G'), char('k')}},
		{"filtered", 80, 22, []tea.KeyPressMsg{char('/'), char('p'), char('r'), char('i'), enter}},
	} {
		t.Run(fmt.Sprintf("%s-%dx%d", tc.name, tc.w, tc.h), func(t *testing.T) {
			m, _ := press(t, open(t, sess, tc.w, tc.h), tc.keys...)
			view := m.View()
			checkSize(t, view, tc.w, tc.h)
			golden.RequireEqual(t, []byte(ansi.Strip(view)))
		})
	}
}

func TestOrderAndMe(t *testing.T) {
	m := open(t, demoSession(t), 100, 30)
	var got []string
	for _, i := range shownItems(m) {
		mb := m.members[i]
		name := mb.Name
		if mb.me {
			name += " (me)"
		}
		got = append(got, name)
	}
	want := []string{"Jordan Lee (me)", "Dana Cruz", "Priya Natarajan", "Marcus Bell", "Sam Ortiz", "Alex Morgan"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("members (-want +got):\n%s", diff)
	}
}

func TestNavigation(t *testing.T) {
	m := open(t, demoSession(t), 100, 30)
	steps := []struct {
		key  tea.KeyPressMsg
		want string
	}{
		{char('k'), "Jordan Lee"}, // already at the top
		{char('j'), "Dana Cruz"},
		{tea.KeyPressMsg{Code: tea.KeyDown}, "Priya Natarajan"},
		{char('G'), "Alex Morgan"},
		{char('j'), "Alex Morgan"}, // already at the bottom
		{tea.KeyPressMsg{Code: tea.KeyUp}, "Sam Ortiz"},
		{char('g'), "Jordan Lee"},
		{tea.KeyPressMsg{Code: tea.KeyEnd}, "Alex Morgan"},
		{tea.KeyPressMsg{Code: tea.KeyHome}, "Jordan Lee"},
	}
	for _, st := range steps {
		m, _ = press(t, m, st.key)
		if got := selectedName(m); got != st.want {
			t.Fatalf("after %q: selected %q, want %q", st.key.String(), got, st.want)
		}
		view := ansi.Strip(m.View())
		if !strings.Contains(view, "▸ "+st.want) {
			t.Fatalf("after %q: the cursor is not on %s:\n%s", st.key.String(), st.want, view)
		}
		if !strings.Contains(view, "│"+st.want) {
			t.Fatalf("after %q: the detail is not %s's:\n%s", st.key.String(), st.want, view)
		}
	}
	if m.keys.Up.Enabled() || m.keys.Top.Enabled() || !m.keys.Down.Enabled() {
		t.Error("at the top: up should be off and down on")
	}
}

func TestOpenNextOneOnOne(t *testing.T) {
	m := open(t, demoSession(t), 100, 30)
	// The head has no weekly 1:1: enter is off and does nothing.
	if m.keys.Open.Enabled() {
		t.Error("enter is enabled on the head")
	}
	if _, msgs := press(t, m, enter); len(msgs) != 0 {
		t.Errorf("enter on the head sent %v", msgs)
	}
	m, _ = press(t, m, char('j'))
	if !m.keys.Open.Enabled() {
		t.Fatal("enter is disabled on a partner manager")
	}
	_, msgs := press(t, m, enter)
	want := []tea.Msg{session.OpenMeeting{ID: "1on1/dana-cruz/2026-11-25"}}
	if diff := cmp.Diff(want, msgs); diff != "" {
		t.Errorf("enter on Dana Cruz (-want +got):\n%s", diff)
	}
}

func TestFilter(t *testing.T) {
	m := open(t, demoSession(t), 80, 22)
	if m.keys.ClearFilter.Enabled() {
		t.Error("esc is enabled with no filter")
	}
	m, _ = press(t, m, char('/'))
	if !m.Capturing() {
		t.Fatal("/ does not start typing a filter")
	}
	if !m.keys.Accept.Enabled() || m.keys.Down.Enabled() || m.keys.Open.Enabled() {
		t.Error("while typing only the filter keys should be on")
	}
	// Letters are text while typing, even the ones that are keys outside.
	m, _ = press(t, m, char('m'), char('a'), char('r'))
	if got := m.filter.Value(); got != "mar" {
		t.Fatalf("filter %q, want mar", got)
	}
	if got, want := m.list.Len(), 1; got != want {
		t.Fatalf("%d members shown, want %d", got, want)
	}
	if got := selectedName(m); got != "Marcus Bell" {
		t.Errorf("selected %q, want Marcus Bell", got)
	}
	m, _ = press(t, m, enter)
	if m.Capturing() {
		t.Fatal("enter does not end typing")
	}
	if !m.keys.ClearFilter.Enabled() || !m.keys.Open.Enabled() {
		t.Error("with a filter applied esc clears and enter opens")
	}
	if view := ansi.Strip(m.View()); !strings.Contains(view, "/ mar · 1 of 6 · esc clears") {
		t.Errorf("the applied filter is not shown:\n%s", view)
	}
	// Esc clears the filter and keeps the member selected.
	m, _ = press(t, m, esc)
	if got := m.list.Len(); got != 6 {
		t.Errorf("after esc %d members shown, want 6", got)
	}
	if got := selectedName(m); got != "Marcus Bell" {
		t.Errorf("after esc selected %q, want Marcus Bell", got)
	}
	// A filter by role; one that matches nobody says so.
	m, _ = press(t, m, char('/'), char('s'), char('a'), char('l'))
	if got := selectedName(m); got != "Sam Ortiz" {
		t.Errorf("filter sal selected %q, want Sam Ortiz", got)
	}
	m, _ = press(t, m, char('z'), char('z'))
	if view := ansi.Strip(m.View()); !strings.Contains(view, "no member matches the filter") {
		t.Errorf("an empty filter result is not explained:\n%s", view)
	}
	checkSize(t, m.View(), 80, 22)
	m, _ = press(t, m, esc)
	if m.Capturing() || m.filter.Value() != "" || m.list.Len() != 6 {
		t.Errorf("esc while typing: capturing %v, filter %q, %d shown", m.Capturing(), m.filter.Value(), m.list.Len())
	}
}

func TestDetailScroll(t *testing.T) {
	m := open(t, demoSession(t), 80, 22)
	m, _ = press(t, m, char('j')) // Dana Cruz: more detail than fits
	if m.keys.DetailUp.Enabled() || !m.keys.DetailDown.Enabled() {
		t.Fatal("at the top of a long detail: ctrl+u should be off, ctrl+d on")
	}
	m, _ = press(t, m, tea.KeyPressMsg{Code: 'd', Mod: tea.ModCtrl})
	if m.rowsTop == 0 {
		t.Fatal("ctrl+d did not scroll the detail")
	}
	top := m.rowsTop
	m, _ = m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if m.rowsTop != min(top+wheelLines, m.maxRowsTop()) {
		t.Errorf("the wheel scrolled to %d, want %d", m.rowsTop, top+wheelLines)
	}
	for range 20 {
		m, _ = m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	}
	if m.rowsTop != m.maxRowsTop() || m.keys.DetailDown.Enabled() {
		t.Errorf("scrolled past the end: top %d of %d", m.rowsTop, m.maxRowsTop())
	}
	if view := ansi.Strip(m.View()); !strings.Contains(view, "from 1on1/dana-cruz/2026-10-28 · A-459") {
		t.Errorf("the end of the detail is not on screen:\n%s", view)
	}
	// New data keeps the place; another member starts at the top.
	m, _ = settle(t, m, m.sess.Load())
	if m.rowsTop != m.maxRowsTop() {
		t.Errorf("fresh data moved the detail to %d", m.rowsTop)
	}
	m, _ = press(t, m, char('j'))
	if m.rowsTop != 0 {
		t.Errorf("another member's detail starts at %d", m.rowsTop)
	}
	m, _ = m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	if m.rowsTop != 0 {
		t.Errorf("the wheel scrolled above the top: %d", m.rowsTop)
	}
}

func TestCountsFollowData(t *testing.T) {
	sess := demoSession(t)
	m := open(t, sess, 100, 30)
	m, _ = press(t, m, char('j'))
	if got := len(m.work[cadence.NameKey("Dana Cruz")].flags); got != 7 {
		t.Fatalf("Dana Cruz has %d flags, want 7", got)
	}
	// Dana's 1:1 is held: the snapshot reloads and her flags and next 1:1
	// follow.
	write := sess.Write("hold", "held", "", func(st *store.Store) error {
		_, err := st.SaveRecord(sess.Config, "", cadence.MeetingRecord{ID: "1on1/dana-cruz/2026-11-11", Status: cadence.MeetingHeld})
		return err
	})
	if msgs := run(write); len(msgs) != 1 {
		t.Fatalf("write: %v", msgs)
	} else if f, ok := msgs[0].(session.Failed); ok {
		t.Fatal(f)
	}
	m, _ = settle(t, m, sess.Load())
	if got := len(m.work[cadence.NameKey("Dana Cruz")].flags); got != 6 {
		t.Errorf("after holding her missed 1:1 Dana Cruz has %d flags, want 6", got)
	}
	if view := ansi.Strip(m.View()); !strings.Contains(view, "Flags · 6") || strings.Contains(view, "meeting missed") {
		t.Errorf("the detail does not show the new flags:\n%s", view)
	}
}

func TestNextError(t *testing.T) {
	m := open(t, demoSession(t), 100, 30)
	m, _ = press(t, m, char('j'))
	m, cmd := m.Update(nextLoaded{gen: m.gen, err: errors.New("disk on fire")})
	msgs := run(cmd)
	if len(msgs) != 1 {
		t.Fatalf("got %v, want one session.Failed", msgs)
	}
	if f, ok := msgs[0].(session.Failed); !ok || !strings.Contains(f.Error(), "disk on fire") {
		t.Errorf("got %v, want a Failed with the error", msgs[0])
	}
	if view := ansi.Strip(m.View()); !strings.Contains(view, "Next 1:1  could not be read") {
		t.Errorf("the detail does not say the 1:1 could not be read:\n%s", view)
	}
	if m.keys.Open.Enabled() {
		t.Error("enter is on with no next 1:1 known")
	}
	// An answer to an older request is dropped.
	m, _ = m.Update(nextLoaded{gen: m.gen - 1, next: map[string]cadence.Occurrence{}})
	if m.nextErr == nil {
		t.Error("an older answer replaced a newer one")
	}
}

// TestUserText: names and messages with line breaks and escape sequences
// stay on one row and cannot drive the terminal: the escape is shown as ␛.
func TestUserText(t *testing.T) {
	sess := demoSession(t)
	m := New(sess, theme.NewStyles(false))
	m.SetSize(100, 30)
	evil := "Evil\nCorp\x1b[2J\tLtd 東京"
	snap := &session.Snapshot{
		Partners: []cadence.PartnerActivity{{Partner: cadence.Partner{Name: evil, Tier: 1, Owner: "Jordan Lee", Status: cadence.PartnerActive}}},
		Flags:    []cadence.Flag{{Kind: cadence.FlagSilentPartner, Owner: "jordan lee", Message: evil + " is silent\r\nreally"}},
		Actions:  []cadence.ActionItem{{ID: "A-1", Text: "call\n" + evil, Owner: "JORDAN LEE", Meeting: "adhoc/1"}},
	}
	m, _ = m.Update(session.Loaded{Snapshot: snap})
	view := m.View()
	checkSize(t, view, 100, 30)
	if strings.Contains(view, "\x1b[2J") {
		t.Errorf("an escape sequence from user text reached the view:\n%q", view)
	}
	plain := ansi.Strip(view)
	for _, want := range []string{"  Evil Corp␛[2J Ltd 東京 1", "    Evil Corp␛[2J Ltd 東京 is silent really", "call Evil Corp␛[2J Ltd 東京"} {
		if !strings.Contains(plain, want) {
			t.Errorf("view lacks %q:\n%s", want, plain)
		}
	}
}

func TestTinySizes(t *testing.T) {
	sess := demoSession(t)
	for _, filter := range []bool{false, true} {
		m := open(t, sess, 100, 30)
		if filter {
			m, _ = press(t, m, char('/'), char('a'))
		}
		for _, size := range []struct{ w, h int }{{0, 0}, {1, 1}, {10, 3}, {2, 40}, {80, 22}, {99, 5}, {100, 1}, {300, 2}} {
			m.SetSize(size.w, size.h)
			view := m.View()
			if size.w == 0 || size.h == 0 {
				if view != "" {
					t.Errorf("%dx%d: view %q, want empty", size.w, size.h, view)
				}
				continue
			}
			checkSize(t, view, size.w, size.h)
			m, _ = press(t, m, tea.KeyPressMsg{Code: tea.KeyDown}, tea.KeyPressMsg{Code: 'd', Mod: tea.ModCtrl})
			m, _ = m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
			checkSize(t, m.View(), size.w, size.h)
		}
	}
}

// TestNoTeam: a config with no team still draws, and says why it is empty.
func TestNoTeam(t *testing.T) {
	sess := demoSession(t)
	cfg := *sess.Config
	cfg.Team = nil
	sess.Config = &cfg
	m := open(t, sess, 80, 22)
	view := ansi.Strip(m.View())
	checkSize(t, m.View(), 80, 22)
	if !strings.Contains(view, "no members in the config's team") {
		t.Errorf("an empty team is not explained:\n%s", view)
	}
	m, _ = press(t, m, char('j'), enter, char('G'))
	if m.keys.Filter.Enabled() || m.keys.Open.Enabled() {
		t.Error("keys on with nobody to act on")
	}
}

// BenchmarkKeypress is Update+View of one key at 120×40: moving between
// members, on the small demo and on the small demo's team owning 5,000
// partners (about 1,700 for each partner manager).
func BenchmarkKeypress(b *testing.B) {
	sess := demoSession(b)
	keys := []tea.KeyPressMsg{char('j'), char('j'), char('j'), char('k'), char('k'), char('k')}
	b.Run("demo", func(b *testing.B) {
		m := open(b, sess, 120, 40)
		b.ResetTimer()
		for i := range b.N {
			m, _ = m.Update(keys[i%len(keys)])
			_ = m.View()
		}
	})
	b.Run("5000-partners", func(b *testing.B) {
		m := open(b, sess, 120, 40)
		m, _ = m.Update(session.Loaded{Snapshot: bigSnapshot(m.snap, 5000)})
		b.ResetTimer()
		for i := range b.N {
			m, _ = m.Update(keys[i%len(keys)])
			_ = m.View()
		}
	})
}

// bigSnapshot copies snap with n partners spread over the partner managers.
func bigSnapshot(snap *session.Snapshot, n int) *session.Snapshot {
	big := *snap
	big.Partners = make([]cadence.PartnerActivity, n)
	owners := []string{"Dana Cruz", "Priya Natarajan", "Marcus Bell"}
	for i := range big.Partners {
		p := snap.Partners[i%len(snap.Partners)]
		p.Partner.Name = fmt.Sprintf("%s %d", p.Partner.Name, i)
		p.Partner.Owner = owners[i%len(owners)]
		big.Partners[i] = p
	}
	return &big
}

// BenchmarkLoaded is the work fresh data costs the screen: grouping 5,000
// partners by owner (it happens after every save, not on keys).
func BenchmarkLoaded(b *testing.B) {
	sess := demoSession(b)
	m := open(b, sess, 120, 40)
	big := bigSnapshot(m.snap, 5000)
	b.ResetTimer()
	for range b.N {
		m, _ = m.Update(session.Loaded{Snapshot: big})
	}
}

// shownItems returns the indexes into m.members of the members listed.
func shownItems(m Model) []int {
	out := make([]int, m.list.Len())
	for p := range out {
		out[p] = m.list.Item(p)
	}
	return out
}
