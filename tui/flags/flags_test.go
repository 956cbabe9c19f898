package flags

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"partnercadence/cadence"
	"partnercadence/tui/screentest"
	"partnercadence/tui/session"
	"partnercadence/tui/theme"
)

var (
	now     = screentest.Now
	keyRune = screentest.Key
)

func newModel(t testing.TB, sess *session.Session, w, h int) Model {
	t.Helper()
	m := New(sess, theme.NewStyles(true))
	m.SetSize(w, h)
	m, _ = screentest.Run(t, sess, m, sess.Load())
	return m
}

func press(t testing.TB, m Model, keys ...tea.KeyPressMsg) Model {
	t.Helper()
	return screentest.Press(t, m.sess, m, keys...)
}

func plain(m Model) string { return ansi.Strip(m.View()) }

func TestGolden(t *testing.T) {
	sess := screentest.DemoSession(t)
	for _, size := range [][2]int{{80, 22}, {120, 38}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			m := newModel(t, sess, size[0], size[1])
			view := plain(m)
			for i, l := range strings.Split(view, "\n") {
				if w := ansi.StringWidth(l); w != size[0] {
					t.Errorf("line %d is %d wide, want %d: %q", i+1, w, size[0], l)
				}
			}
			golden.RequireEqual(t, []byte(view))
		})
	}
}

// TestEveryMessageWhole: paging to the end shows every flag's message in
// full, word for word, at 80 columns.
func TestEveryMessageWhole(t *testing.T) {
	sess := screentest.DemoSession(t)
	m := newModel(t, sess, 80, 22)
	seen := map[string]bool{}
	for range len(m.all) {
		f, _ := m.Selected()
		flat := strings.Join(strings.Fields(plain(m)), " ")
		if !strings.Contains(flat, strings.Join(strings.Fields(f.Message), " ")) {
			t.Errorf("the view at %s does not hold its message %q:\n%s", f.Ref, f.Message, plain(m))
		}
		seen[string(f.Kind)+f.Ref] = true
		m = press(t, m, keyRune('j'))
	}
	if len(seen) != len(m.all) || len(m.all) < 15 {
		t.Errorf("reached %d of %d flags", len(seen), len(m.all))
	}
	if f, _ := m.Selected(); f.Ref != m.all[len(m.all)-1].Ref || !strings.Contains(plain(m), fmt.Sprintf("%d of %d", len(m.all), len(m.all))) {
		t.Errorf("j past the end: cursor on %s, title %q", f.Ref, strings.SplitN(plain(m), "\n", 2)[0])
	}
}

func TestFilters(t *testing.T) {
	sess := screentest.DemoSession(t)
	m := newModel(t, sess, 120, 38)
	all := len(m.all)
	counts := cadence.CountByKind(m.all)

	m = press(t, m, keyRune('f'))
	if m.kind != cadence.FlagRegistrationOverdue || m.list.Len() != counts[cadence.FlagRegistrationOverdue] {
		t.Errorf("f: kind %q with %d shown, want registration_overdue with %d", m.kind, m.list.Len(), counts[cadence.FlagRegistrationOverdue])
	}
	if !strings.Contains(plain(m), "kind: overdue") {
		t.Errorf("the title does not say the kind:\n%s", plain(m))
	}
	// f through every kind with flags comes back to all.
	kinds := 1
	for m.kind != "" {
		m = press(t, m, keyRune('f'))
		kinds++
	}
	if kinds != len(counts)+1 || m.list.Len() != all {
		t.Errorf("f cycled through %d filters (want %d kinds and all), %d shown of %d", kinds, len(counts)+1, m.list.Len(), all)
	}

	m = press(t, m, keyRune('m'))
	for _, i := range shownItems(m) {
		if m.all[i].Owner != "Jordan Lee" {
			t.Errorf("m: %s owned by %s listed", m.all[i].Ref, m.all[i].Owner)
		}
	}
	if want := len(cadence.FlagsFor(m.all, "Jordan Lee")); m.list.Len() != want || want == 0 {
		t.Errorf("m: %d shown, want Jordan Lee's %d", m.list.Len(), want)
	}
	if !strings.Contains(plain(m), "owner: Jordan Lee (mine)") {
		t.Errorf("the title does not say mine:\n%s", plain(m))
	}
	m = press(t, m, keyRune('m'))
	if m.list.Len() != all {
		t.Errorf("m again: %d shown, want all %d", m.list.Len(), all)
	}

	m = press(t, m, keyRune('o'))
	first := m.owner
	m = press(t, m, keyRune('o'))
	if first == "" || m.owner == first {
		t.Errorf("o, o: owners %q then %q, want two different owners", first, m.owner)
	}
	m = press(t, m, screentest.Esc)
	if m.owner != "" || m.kind != "" || m.list.Len() != all {
		t.Errorf("esc: owner %q kind %q, %d shown; want every flag", m.owner, m.kind, m.list.Len())
	}
	m = press(t, m, keyRune('f'), keyRune('o'), keyRune('o'), keyRune('o'), keyRune('o'), keyRune('o'))
	if m.list.Len() == 0 && !strings.Contains(plain(m), "No flag matches the filter") {
		t.Errorf("an empty filter does not say so:\n%s", plain(m))
	}
}

// TestEnterAsksToOpen: enter hands the flag under the cursor to the root.
func TestEnterAsksToOpen(t *testing.T) {
	sess := screentest.DemoSession(t)
	m := newModel(t, sess, 80, 22)
	m = press(t, m, keyRune('j'), keyRune('j'))
	want, _ := m.Selected()
	_, cmd := m.Update(screentest.Enter)
	if cmd == nil {
		t.Fatal("enter: no command")
	}
	got, ok := cmd().(Open)
	if !ok || got.Flag != want {
		t.Errorf("enter: %+v, want Open of %+v", got, want)
	}
}

// TestFixedFlagGoneCursorStays: after a snapshot without the flag under
// the cursor, the cursor keeps its place (now on the next flag); a flag
// still raised keeps the cursor on it even when flags before it go.
func TestFixedFlagGoneCursorStays(t *testing.T) {
	sess := screentest.DemoSession(t)
	m := newModel(t, sess, 80, 22)
	m = press(t, m, keyRune('j'), keyRune('j'))
	snap := *m.snap
	gone := m.all[2]
	snap.Flags = append(append([]cadence.Flag{}, m.all[:2]...), m.all[3:]...)
	m, _ = m.Update(session.Loaded{Snapshot: &snap})
	if f, _ := m.Selected(); m.list.Cursor() != 2 || f == gone || f != snap.Flags[2] {
		t.Errorf("after the fix: cursor %d on %s, want 2 on %s", m.list.Cursor(), f.Ref, snap.Flags[2].Ref)
	}
	snap2 := snap
	on, _ := m.Selected()
	snap2.Flags = snap.Flags[1:]
	m, _ = m.Update(session.Loaded{Snapshot: &snap2})
	if f, _ := m.Selected(); f != on {
		t.Errorf("a flag before it went: cursor on %s, want still %s", f.Ref, on.Ref)
	}
}

func TestWrap(t *testing.T) {
	for _, tt := range []struct {
		s     string
		width int
		want  []string
	}{
		{"a bb ccc", 4, []string{"a bb", "ccc"}},
		{"since 2026-11-02 (SLA: 3)", 16, []string{"since 2026-11-02", "(SLA: 3)"}},
		{"abcdefghij k", 4, []string{"abcd", "efgh", "ij k"}},
		{"Evil␛]0;TITLE␇Corp x", 10, []string{"Evil␛]0;TI", "TLE␇Corp x"}},
		{"", 5, []string{""}},
	} {
		got := wrap(tt.s, tt.width)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("wrap(%q, %d) = %q, want %q", tt.s, tt.width, got, tt.want)
		}
		for _, l := range got {
			if ansi.StringWidth(l) > tt.width {
				t.Errorf("wrap(%q, %d): line %q too wide", tt.s, tt.width, l)
			}
		}
	}
}

// BenchmarkKeypress is Update + View of one key with 5,000 flags at 120×40.
func BenchmarkKeypress(b *testing.B) {
	cfg := cadence.DefaultConfig()
	sess := &session.Session{Config: cfg, Clock: func() time.Time { return now }, Me: "Owner 3"}
	kinds := cadence.FlagKinds
	flags := make([]cadence.Flag, 5000)
	for i := range flags {
		flags[i] = cadence.Flag{
			Kind: kinds[i%len(kinds)], Partner: fmt.Sprintf("Partner %04d", i), Owner: fmt.Sprintf("Owner %d", i%40),
			Ref: fmt.Sprintf("R-%d", i), Days: i % 90,
			Message: fmt.Sprintf("Partner %04d's registration R-%d for Account %d ($12,000) has waited %d business days for a decision since 2026-11-02 (SLA: 3): approve or reject it.", i, i, i, i%90),
		}
	}
	cadence.SortFlags(flags)
	m := New(sess, theme.NewStyles(true))
	m.SetSize(120, 40)
	m, _ = m.Update(session.Loaded{Snapshot: &session.Snapshot{At: now, Flags: flags}})
	_ = m.View()
	down, top := keyRune('j'), keyRune('g')
	b.ReportAllocs()
	for b.Loop() {
		k := down
		if m.list.Cursor() == m.list.Len()-1 {
			k = top
		}
		m, _ = m.Update(k)
		_ = m.View()
	}
}

// shownItems returns the indexes into m.all of the flags listed, in order.
func shownItems(m Model) []int {
	out := make([]int, m.list.Len())
	for p := range out {
		out[p] = m.list.Item(p)
	}
	return out
}

// TestTextFilter: / filters the flags fuzzily by partner, owner, kind and
// ref, the best match first; esc drops it, and then the kind filter.
func TestTextFilter(t *testing.T) {
	sess := screentest.DemoSession(t)
	m := newModel(t, sess, 120, 38)
	all := len(m.all)
	m = press(t, m, keyRune('/'))
	if !m.Capturing() {
		t.Fatal("/ does not open the filter")
	}
	for _, r := range "orbital" {
		m = press(t, m, keyRune(r))
	}
	if m.list.Len() == 0 || m.list.Len() >= all {
		t.Fatalf("orbital: %d of %d shown", m.list.Len(), all)
	}
	if f := m.all[m.list.Item(0)]; f.Partner != "Orbital Alliance Partners" {
		t.Errorf("orbital: the first flag is %s's, want Orbital Alliance Partners'", f.Partner)
	}
	if v := plain(m); !strings.Contains(v, "/ orbital") {
		t.Errorf("the filter line does not show what was typed:\n%s", v)
	}
	m = press(t, m, screentest.Enter)
	if m.Capturing() || m.list.Query() != "orbital" || !strings.Contains(plain(m), "/ orbital  (esc clears)") {
		t.Errorf("enter: capturing %v, query %q\n%s", m.Capturing(), m.list.Query(), plain(m))
	}
	m = press(t, m, keyRune('f'))
	for _, i := range shownItems(m) {
		if f := m.all[i]; f.Kind != m.kind {
			t.Errorf("kind %s and orbital let through %s of %s", m.kind, f.Kind, f.Partner)
		}
	}
	m = press(t, m, screentest.Esc)
	if m.list.Query() != "" || m.kind == "" {
		t.Errorf("the first esc: query %q, kind %q; want the text filter gone, the kind kept", m.list.Query(), m.kind)
	}
	m = press(t, m, screentest.Esc)
	if m.kind != "" || m.list.Len() != all {
		t.Errorf("the second esc: kind %q, %d of %d", m.kind, m.list.Len(), all)
	}
}
