package list

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/google/go-cmp/cmp"
)

// names is a Source of names, each its own key.
type names []string

func (n names) Len() int                 { return len(n) }
func (n names) Key(i int) string         { return n[i] }
func (n names) FilterValue(i int) string { return n[i] }

func numbered(n int) names {
	out := make(names, n)
	for i := range out {
		out[i] = fmt.Sprintf("item %02d", i)
	}
	return out
}

func newList(src Source, h int) Model {
	l := New()
	l.SetHeight(h)
	l.SetSource(src, nil)
	return l
}

var (
	keyUp     = tea.KeyPressMsg{Code: tea.KeyUp}
	keyDown   = tea.KeyPressMsg{Code: tea.KeyDown}
	keyPgUp   = tea.KeyPressMsg{Code: tea.KeyPgUp}
	keyPgDown = tea.KeyPressMsg{Code: tea.KeyPgDown}
	keyHome   = tea.KeyPressMsg{Code: tea.KeyHome}
	keyEnd    = tea.KeyPressMsg{Code: tea.KeyEnd}
	wheelUp   = tea.MouseWheelMsg{Button: tea.MouseWheelUp}
	wheelDown = tea.MouseWheelMsg{Button: tea.MouseWheelDown}
)

func keyRune(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Text: string(r)} }

// send gives the list a key or a wheel notch as a screen does.
func send(l *Model, msg tea.Msg) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		l.HandleKey(msg, DefaultKeyMap())
	case tea.MouseWheelMsg:
		l.Wheel(msg)
	}
}

func TestMovement(t *testing.T) {
	// 20 items, 5 lines: the cursor and the first row drawn after each step.
	steps := []struct {
		msg         tea.Msg
		cursor, top int
	}{
		{keyUp, 0, 0}, // clamped at the top
		{keyRune('j'), 1, 0},
		{keyDown, 2, 0},
		{keyRune('k'), 1, 0},
		{keyPgDown, 6, 2}, // a page is the height
		{keyPgDown, 11, 7},
		{keyPgUp, 6, 6},
		{keyRune('G'), 19, 15},
		{keyDown, 19, 15}, // clamped at the bottom
		{keyPgDown, 19, 15},
		{keyRune('g'), 0, 0},
		{keyEnd, 19, 15},
		{keyHome, 0, 0},
		{tea.KeyPressMsg{Code: 'd', Mod: tea.ModCtrl}, 5, 1},
		{tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}, 0, 0},
		{wheelDown, 3, 0}, // 3 rows a notch, the view following
		{wheelDown, 6, 2},
		{wheelUp, 3, 2},
		{wheelUp, 0, 0},
		{wheelUp, 0, 0},
	}
	l := newList(numbered(20), 5)
	for i, s := range steps {
		send(&l, s.msg)
		if l.Cursor() != s.cursor || l.top != s.top {
			t.Fatalf("step %d (%v): cursor %d top %d, want %d %d", i, s.msg, l.Cursor(), l.top, s.cursor, s.top)
		}
		if from, to := l.Visible(); l.Cursor() < from || l.Cursor() >= to {
			t.Fatalf("step %d: cursor %d not in view [%d, %d)", i, l.Cursor(), from, to)
		}
	}
}

func TestDisabledKeyDoesNothing(t *testing.T) {
	l := newList(numbered(10), 5)
	k := DefaultKeyMap()
	k.SetMovement(false)
	if l.HandleKey(keyDown, k) || l.Cursor() != 0 {
		t.Errorf("a disabled down moved the cursor to %d", l.Cursor())
	}
}

func TestEmptyList(t *testing.T) {
	for _, src := range []Source{nil, names{}} {
		l := New()
		l.SetHeight(5)
		if src != nil {
			l.SetSource(src, nil)
		}
		for _, msg := range []tea.Msg{keyDown, keyUp, keyRune('G'), keyRune('g'), keyPgDown, keyPgUp, wheelDown, wheelUp} {
			send(&l, msg)
		}
		if _, ok := l.Selected(); ok {
			t.Errorf("an empty list has a selection")
		}
		if from, to := l.Visible(); from != 0 || to != 0 || l.Len() != 0 {
			t.Errorf("an empty list shows [%d, %d) of %d", from, to, l.Len())
		}
		if cmd := l.SetQuery("x"); cmd != nil || l.Len() != 0 {
			t.Errorf("a filter over nothing shows %d", l.Len())
		}
	}
}

// shownKeys is what the list shows, in order.
func shownKeys(l Model) []string {
	var out []string
	for p := range l.Len() {
		out = append(out, l.src.Key(l.Item(p)))
	}
	return out
}

func TestFilter(t *testing.T) {
	src := names{"Dana Cruz", "Northwind Traders", "Acme Cloud", "Dune Analytics", "Orbital Alliance", "Andromeda"}
	tests := []struct {
		query  string
		ranked bool
		want   []string
	}{
		{"", true, []string(src)},
		// Subsequence matches only; the best first (a match at the start
		// and of adjacent runes), ties in list order.
		{"an", true, []string{"Andromeda", "Dune Analytics", "Dana Cruz", "Orbital Alliance"}},
		{"an", false, []string{"Dana Cruz", "Dune Analytics", "Orbital Alliance", "Andromeda"}},
		{"dn", true, []string{"Dana Cruz", "Dune Analytics"}},
		{"ACME", true, []string{"Acme Cloud"}},
		{"zzz", true, nil},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%v", tt.query, tt.ranked), func(t *testing.T) {
			l := newList(src, 10)
			l.SetRanked(tt.ranked)
			if tt.query != "" && tt.ranked != l.Ranked() {
				t.Fatal("SetRanked did not take")
			}
			if cmd := l.SetQuery(tt.query); cmd != nil {
				t.Fatal("a small list's filter is not applied at once")
			}
			if diff := cmp.Diff(tt.want, shownKeys(l)); diff != "" {
				t.Errorf("shown (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFilterTiesInListOrder(t *testing.T) {
	// Same length, same match position: the same score.
	src := names{"zb", "xa", "yb", "wa"}
	l := newList(src, 10)
	l.SetOrder([]int{3, 2, 1, 0})
	l.SetQuery("a")
	if diff := cmp.Diff([]string{"wa", "xa"}, shownKeys(l)); diff != "" {
		t.Errorf("a tie (-want +got):\n%s", diff)
	}
}

func TestFilterNarrowsAndClears(t *testing.T) {
	src := names{"Dana Cruz", "Northwind Traders", "Acme Cloud", "Dune Analytics"}
	l := newList(src, 10)
	l.Select(1) // Northwind
	l.SetRanked(false)
	l.SetQuery("n")
	if got, _ := l.selectedKey(); got != "Northwind Traders" {
		t.Errorf("after n in list order the cursor is on %q, want it kept on Northwind Traders", got)
	}
	l.SetRanked(true)
	l.SetQuery("")
	l.SelectKey("Dune Analytics")
	l.SetQuery("n")
	if got, _ := l.selectedKey(); got != "Northwind Traders" || l.Cursor() != 0 {
		t.Errorf("after n ranked the cursor is on %q at %d, want the best match Northwind Traders at 0", got, l.Cursor())
	}
	l.SelectKey("Dune Analytics")
	l.SetQuery("nw")
	if diff := cmp.Diff([]string{"Northwind Traders"}, shownKeys(l)); diff != "" {
		t.Errorf("nw (-want +got):\n%s", diff)
	}
	if got := l.MatchedRunes(1); !cmp.Equal(got, []int{0, 5}) {
		t.Errorf("nw matched the runes at %v of %q, want [0 5]", got, src[1])
	}
	if got := l.MatchedRunes(0); got != nil {
		t.Errorf("an item not shown has matched runes %v", got)
	}
	l.SetQuery("")
	if l.Len() != 4 || l.MatchedRunes(1) != nil {
		t.Errorf("clearing the filter shows %d items, runes %v", l.Len(), l.MatchedRunes(1))
	}
	if got, _ := l.selectedKey(); got != "Northwind Traders" {
		t.Errorf("after clearing the cursor is on %q", got)
	}
}

func TestFilterDropsCursorItem(t *testing.T) {
	src := names{"Acme", "Beacon", "Cobalt", "Dune", "Ember", "Northwind", "Nova"}
	l := newList(src, 10)
	l.Select(4) // Ember
	l.SetQuery("n")
	if got, _ := l.selectedKey(); got != "Nova" || l.Cursor() != 0 {
		t.Errorf("n without Ember: cursor on %q at %d, want the best match Nova (the shortest) at 0", got, l.Cursor())
	}
}

func TestLargeFilterRunsInCmd(t *testing.T) {
	src := numbered(SyncLimit + 1)
	src[len(src)-1] = "the one with a zebra"
	l := newList(src, 10)
	cmd := l.SetQuery("zeb")
	if cmd == nil {
		t.Fatalf("a filter over %d items ran inside the keypress", len(src))
	}
	if l.Len() != len(src) {
		t.Errorf("before its match arrives the list shows %d, want the %d it showed", l.Len(), len(src))
	}
	msg := cmd()
	other := New()
	other.Apply(msg.(Matched)) // another list's: ignored
	l.Apply(msg.(Matched))
	if diff := cmp.Diff([]string{"the one with a zebra"}, shownKeys(l)); diff != "" {
		t.Errorf("zeb (-want +got):\n%s", diff)
	}
	// A match of a query no longer typed is dropped.
	stale := l.SetQuery("z")
	l.SetQuery("ze")
	if stale != nil {
		l.Apply(stale().(Matched))
	}
	if l.Query() != "ze" || len(shownKeys(l)) != 1 {
		t.Errorf("a stale match changed the list: query %q, shown %v", l.Query(), shownKeys(l))
	}
}

// TestOrderChangedWhileMatching: a match ranked off the event loop for one
// order, arriving after the screen changed the order, is ranked again for
// the new one (ties in its order).
func TestOrderChangedWhileMatching(t *testing.T) {
	src := numbered(SyncLimit + 10)
	l := newList(src, 10)
	cmd := l.SetQuery("item 1") // many ties: same length, same runes
	reversed := make([]int, len(src))
	for i := range reversed {
		reversed[i] = len(src) - 1 - i
	}
	l.SetOrder(reversed)
	l.Apply(cmd().(Matched))
	got := shownKeys(l)
	fresh := newList(src, 10)
	fresh.SetOrder(reversed)
	fresh.Apply(fresh.SetQuery("item 1")().(Matched))
	if diff := cmp.Diff(shownKeys(fresh), got); diff != "" || len(got) == 0 {
		t.Errorf("ranked for the old order (-fresh +got):\n%s", diff)
	}
}

func TestRefreshKeepsCursorOnItem(t *testing.T) {
	tests := []struct {
		name   string
		before names
		at     int
		after  names
		query  string
		want   string
	}{
		{"rows inserted above", names{"b", "c", "d"}, 1, names{"a0", "a1", "b", "c", "d"}, "", "c"},
		{"rows inserted above, filtered", names{"cab", "cb", "cc"}, 1, names{"ca", "cab", "cad", "cb", "cc"}, "c", "cb"},
		{"its item deleted: the next takes its place", names{"a", "b", "c", "d"}, 2, names{"a", "b", "d"}, "", "d"},
		{"the last item deleted: clamped", names{"a", "b", "c"}, 2, names{"a", "b"}, "", "b"},
		{"everything deleted", names{"a", "b"}, 1, names{}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newList(tt.before, 3)
			l.SetQuery(tt.query)
			l.SelectKey(tt.before[tt.at])
			l.SetSource(tt.after, nil)
			got, _ := l.selectedKey()
			if got != tt.want {
				t.Errorf("cursor on %q, want %q", got, tt.want)
			}
			if from, to := l.Visible(); l.Len() > 0 && (l.Cursor() < from || l.Cursor() >= to) {
				t.Errorf("cursor %d out of view [%d, %d)", l.Cursor(), from, to)
			}
		})
	}
}

func TestOrderKeepsCursor(t *testing.T) {
	src := names{"a", "b", "c", "d"}
	l := newList(src, 2)
	l.Select(1)
	l.SetOrder([]int{3, 2, 1, 0})
	if got, _ := l.selectedKey(); got != "b" || l.Cursor() != 2 {
		t.Errorf("reversed: cursor on %q at %d, want b at 2", got, l.Cursor())
	}
	l.SetOrder([]int{0, 2})
	if got, _ := l.selectedKey(); got != "c" {
		t.Errorf("b left out: cursor on %q, want c (its place)", got)
	}
}

func TestTallItems(t *testing.T) {
	// Items 3 lines tall in 10 lines: three whole and a part of a fourth.
	l := New()
	l.SetHeight(10)
	l.SetItemHeight(func(int) int { return 3 })
	l.SetSource(numbered(10), nil)
	if from, to := l.Visible(); from != 0 || to != 4 {
		t.Errorf("visible [%d, %d), want [0, 4)", from, to)
	}
	l.Move(3) // the fourth is cut: the view moves so it is whole
	if from, _ := l.Visible(); from != 1 {
		t.Errorf("cursor on the fourth item: first drawn %d, want 1", from)
	}
	l.Select(0)
	send(&l, keyPgDown)
	if l.Cursor() != 3 {
		t.Errorf("pgdn with three whole items on screen: cursor %d, want 3", l.Cursor())
	}
}

func TestMovingDoesNotAllocate(t *testing.T) {
	l := newList(numbered(5000), 40)
	allocs := testing.AllocsPerRun(100, func() {
		l.Move(1)
		l.Move(l.Page())
		l.Wheel(wheelUp)
		_, _ = l.Visible()
	})
	if allocs != 0 {
		t.Errorf("a move allocates %v times", allocs)
	}
	// A key costs the same with 10 items as with 5,000 (key.Matches
	// boxes the key: a constant).
	k := DefaultKeyMap()
	perKey := func(n int) float64 {
		l := newList(numbered(n), 40)
		return testing.AllocsPerRun(100, func() { l.HandleKey(keyPgDown, k); l.HandleKey(keyRune('g'), k) })
	}
	if small, large := perKey(10), perKey(5000); small != large {
		t.Errorf("a key allocates %v times over 10 items, %v over 5,000", small, large)
	}
}

func BenchmarkWheel(b *testing.B) {
	l := newList(numbered(5000), 40)
	b.ReportAllocs()
	for b.Loop() {
		if !l.Wheel(wheelDown) || l.Cursor() == l.Len()-1 {
			l.Select(0)
		}
	}
}

func BenchmarkFilterMatch(b *testing.B) {
	src := numbered(5000)
	for i := range src {
		src[i] = strings.Repeat("Partner ", 1) + src[i] + " Systems  Dana Cruz  reseller  active"
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = rank(1, "s", src, nil, nil)
	}
}
