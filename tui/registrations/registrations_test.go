package registrations

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/google/go-cmp/cmp"

	"partnercadence/cadence"
	"partnercadence/tui/session"
)

// shownIDs returns the IDs of the rows shown, in order.
func shownIDs(m Model) []string {
	var out []string
	for _, i := range shownItems(m) {
		out = append(out, m.items[i].reg.ID)
	}
	return out
}

// selectID moves the cursor to the registration with the given ID.
func selectID(t *testing.T, m Model, id string) Model {
	t.Helper()
	m = press(t, m, keyRune('g'))
	for range m.list.Len() + 1 {
		if m.selectedID() == id {
			return m
		}
		m = press(t, m, keyRune('j'))
	}
	t.Fatalf("%s is not in the list: %v", id, shownIDs(m))
	return m
}

func TestQueueView(t *testing.T) {
	sess := newSession(t)
	for _, size := range [][2]int{{120, 30}, {100, 30}, {80, 22}, {120, 38}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			m := newModel(t, sess, size[0], size[1])
			golden.RequireEqual(t, []byte(plain(m)))
		})
	}
}

func TestQueueMostUrgentFirst(t *testing.T) {
	m := newModel(t, newSession(t), 100, 30)
	// The small demo's flags on Nov 23: overdue R-306 (7 bd), R-307 and
	// R-309 (6 bd); in conflict; R-247 (25 d) and R-248
	// (24 d) lapsed; R-264 expiring today and R-272 in 12 days; then the
	// other submitted ones, oldest first; then the approved ones.
	got := shownIDs(m)[:12]
	want := []string{"R-306", "R-307", "R-309", "R-297", "R-314", "R-247", "R-248", "R-264", "R-272", "R-312", "R-313", "R-315"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("queue order (-want +got):\n%s", diff)
	}
	reasons := map[string]string{}
	for _, it := range m.items {
		reasons[it.reg.ID] = it.reason
	}
	for id, want := range map[string]string{
		"R-306": "overdue 7 bd",
		"R-297": "conflict with R-314",
		"R-314": "conflict with R-297",
		"R-247": "lapsed 25 d ago",
		"R-264": "expires today",
		"R-272": "expires in 12 d",
		"R-312": "pending 1 bd",
	} {
		if reasons[id] != want {
			t.Errorf("%s: reason %q, want %q", id, reasons[id], want)
		}
	}
	// Every row says why; at 120 columns it shows every column.
	m.SetSize(120, 30)
	row := lineWith(plain(m), "R-306")
	for _, want := range []string{"Beacon Growth", "Sunrise Light", "$54,000", "2026-11-12", "submitted", "Marcus Be", "overdue 7 bd"} {
		if !strings.Contains(row, want) {
			t.Errorf("R-306's row %q lacks %q", row, want)
		}
	}
	if row := lineWith(plain(m), "R-272"); !strings.Contains(row, "2026-12-05") {
		t.Errorf("R-272's row %q does not show its expiry", row)
	}
}

func TestStatusFilter(t *testing.T) {
	sess := newSession(t)
	m := newModel(t, sess, 100, 30)
	statusOf := func(m Model) map[cadence.RegStatus]int {
		n := map[cadence.RegStatus]int{}
		for _, i := range shownItems(m) {
			n[m.items[i].reg.Status]++
		}
		return n
	}
	open := m.list.Len()
	m = press(t, m, keyRune('f'))
	if n := statusOf(m); len(n) != 1 || n[cadence.RegSubmitted] == 0 {
		t.Errorf("submitted: %v", n)
	}
	if !strings.Contains(plain(m), "submitted: ") {
		t.Errorf("the header does not name the filter:\n%s", plain(m))
	}
	m = press(t, m, keyRune('f'))
	if n := statusOf(m); len(n) != 1 || n[cadence.RegApproved] == 0 {
		t.Errorf("approved: %v", n)
	}
	for _, status := range []cadence.RegStatus{cadence.RegWon, cadence.RegLost, cadence.RegRejected, cadence.RegExpired} {
		m = press(t, m, keyRune('f'))
		n := statusOf(m)
		if len(n) != 1 || n[status] == 0 {
			t.Errorf("%s: %v", status, n)
		}
		want, err := sess.Store.RegistrationsByStatus(status, closedLimit)
		if err != nil {
			t.Fatal(err)
		}
		if m.list.Len() != len(want) || m.items[m.list.Item(0)].reg.ID != want[0].ID {
			t.Errorf("%s: %d rows starting %s, want %d starting %s (newest first)", status, m.list.Len(), m.items[m.list.Item(0)].reg.ID, len(want), want[0].ID)
		}
	}
	m = press(t, m, keyRune('f'))
	if n := statusOf(m); len(n) != 6 || m.list.Len() <= open {
		t.Errorf("all: %v (%d rows)", n, m.list.Len())
	}
	if got := m.items[m.list.Item(0)].reg.ID; got != "R-306" {
		t.Errorf("all: starts with %s, want the open queue first", got)
	}
	m = press(t, m, keyRune('f'))
	if m.list.Len() != open || !strings.Contains(plain(m), "open: ") {
		t.Errorf("f does not cycle back to open: %d rows", m.list.Len())
	}
}

func TestWonFilterView(t *testing.T) {
	m := newModel(t, newSession(t), 100, 30)
	m = press(t, m, keyRune('f'), keyRune('f'), keyRune('f'))
	golden.RequireEqual(t, []byte(plain(m)))
}

func TestTextFilter(t *testing.T) {
	m := newModel(t, newSession(t), 100, 30)
	m = press(t, m, keyRune('/'))
	if !m.Capturing() {
		t.Fatal("the filter does not capture keys")
	}
	m = typeText(t, m, "northwind")
	for _, i := range shownItems(m) {
		if m.items[i].reg.Partner != "Northwind Systems" {
			t.Errorf("filter northwind shows %s of %s", m.items[i].reg.ID, m.items[i].reg.Partner)
		}
	}
	if m.list.Len() == 0 {
		t.Fatal("filter northwind shows nothing")
	}
	m = press(t, m, keyEnter)
	if m.Capturing() {
		t.Error("enter leaves the filter capturing")
	}
	m = press(t, m, keyRune('/'))
	m = clearInput(t, m, 20)
	m = typeText(t, m, "redwood")
	if diff := cmp.Diff([]string{"R-297", "R-314"}, shownIDs(m)); diff != "" {
		t.Errorf("filter by account (-want +got):\n%s", diff)
	}
	m = clearInput(t, m, 20)
	m = typeText(t, m, "r-31")
	// Fuzzy: the IDs that hold r-31 whole come first (best match first,
	// the shortest line of the five first).
	if diff := cmp.Diff([]string{"R-315", "R-314", "R-311", "R-313", "R-312"}, shownIDs(m)[:5]); diff != "" {
		t.Errorf("filter by ID, best match first (-want +got):\n%s", diff)
	}
	m = clearInput(t, m, 20)
	m = typeText(t, m, "mosaic pioneer") // partner and account, fuzzily
	if got := shownIDs(m); len(got) == 0 || got[0] != "R-307" {
		t.Errorf("filter by partner and account: %v, want R-307 first", got)
	}
	m = clearInput(t, m, 20)
	m = typeText(t, m, "priya") // the owner
	for _, i := range shownItems(m)[:1] {
		if it := m.items[i]; !strings.Contains(it.reg.Owner+it.reg.Partner+it.reg.Account, "Priya") {
			t.Errorf("filter by owner: first %s owned by %q", it.reg.ID, it.reg.Owner)
		}
	}
	m = press(t, m, keyEsc)
	if m.list.Query() != "" || m.Capturing() || m.list.Len() != len(m.items) {
		t.Errorf("esc: query %q, capturing %v, %d of %d", m.list.Query(), m.Capturing(), m.list.Len(), len(m.items))
	}
}

func TestApproveConfirmAndCancel(t *testing.T) {
	sess := newSession(t)
	m := newModel(t, sess, 100, 30)
	m = selectID(t, m, "R-307")
	m = press(t, m, keyRune('A'))
	if !m.confirming || !m.Capturing() {
		t.Fatal("A does not ask")
	}
	if got := lineWith(plain(m), "? y/n"); !strings.HasPrefix(got, "approve R-307 (Mosaic Marketing Co., Pioneer Bay Outfitters, $5,000)? y/n") {
		t.Errorf("question %q", got)
	}
	m = press(t, m, keyRune('x')) // not an answer: still asking
	if !m.confirming {
		t.Error("x answered the question")
	}
	m = press(t, m, keyRune('n'))
	if m.confirming {
		t.Error("n does not cancel")
	}
	r, _, _ := sess.Store.Registration("R-307")
	if r.Status != cadence.RegSubmitted {
		t.Errorf("after n: %s is %s, want submitted", r.ID, r.Status)
	}

	before := m.list.Cursor()
	m = press(t, m, keyRune('A'), keyRune('y'))
	r, _, _ = sess.Store.Registration("R-307")
	today := sess.Today()
	if r.Status != cadence.RegApproved || r.Decided != today || !r.Expires.IsZero() {
		t.Errorf("after y: %+v; want approved, decided today, no explicit expiry", r)
	}
	if got := r.ExpiresOn(sess.Config.Flags.RegistrationProtectionDays); got != today.AddDays(90) {
		t.Errorf("expires %s, want today + 90 days", got)
	}
	// The snapshot was reloaded: R-307 left the overdue ones, and the
	// cursor stays in its place in the queue, on what came next, rather
	// than follow R-307 down the list.
	if it, ok := m.selected(); !ok || m.list.Cursor() != before || it.reg.ID == "R-307" {
		t.Errorf("after approval the cursor is at %d on %s, want %d on another", m.list.Cursor(), it.reg.ID, before)
	}
}

func TestRejectWonLost(t *testing.T) {
	sess := newSession(t)
	m := newModel(t, sess, 100, 30)
	today := sess.Today()
	tests := []struct {
		id, key string
		want    func(cadence.Registration) bool
	}{
		{"R-306", "R", func(r cadence.Registration) bool { return r.Status == cadence.RegRejected && r.Decided == today }},
		{"R-264", "W", func(r cadence.Registration) bool { return r.Status == cadence.RegWon && r.Closed == today }},
		{"R-309", "L", func(r cadence.Registration) bool { return r.Status == cadence.RegLost && r.Closed == today }},
	}
	for _, tt := range tests {
		m = selectID(t, m, tt.id)
		m = press(t, m, keyRune(rune(tt.key[0])))
		if !m.confirming {
			t.Fatalf("%s %s: no question; note %q", tt.key, tt.id, m.note)
		}
		m = press(t, m, keyRune('y'))
		r, _, err := sess.Store.Registration(tt.id)
		if err != nil || !tt.want(r) {
			t.Errorf("%s %s: %+v (%v)", tt.key, tt.id, r, err)
		}
		if m.writing != "" {
			t.Errorf("%s %s: still writing after Saved", tt.key, tt.id)
		}
	}
	// Won and lost registrations leave the open queue.
	ids := strings.Join(shownIDs(m), " ")
	if strings.Contains(ids, "R-264 ") || strings.Contains(ids, "R-309 ") || strings.Contains(ids, "R-306 ") {
		t.Errorf("closed registrations still in the queue: %s", ids)
	}
}

func TestInvalidTransitionsAreRefused(t *testing.T) {
	sess := newSession(t)
	m := newModel(t, sess, 100, 30)
	m = selectID(t, m, "R-297") // approved
	m = press(t, m, keyRune('A'))
	if m.confirming {
		t.Fatal("approving an approved registration asks")
	}
	want := "cannot approve R-297: it is approved, and only a submitted registration can be approved"
	if m.note != want || !strings.Contains(plain(m), want) {
		t.Errorf("note %q, want %q shown", m.note, want)
	}
	m = press(t, m, keyRune('R'))
	if m.confirming || !strings.HasPrefix(m.note, "cannot reject R-297") {
		t.Errorf("reject approved: confirming %v, note %q", m.confirming, m.note)
	}
	// In the won list, won and lost are refused.
	m = press(t, m, keyRune('f'), keyRune('f'), keyRune('f'))
	id := m.selectedID()
	m = press(t, m, keyRune('L'))
	if m.confirming || !strings.Contains(m.note, "it is won already, and only a submitted or approved registration can be marked lost") {
		t.Errorf("lost after won: confirming %v, note %q", m.confirming, m.note)
	}
	r, _, _ := sess.Store.Registration(id)
	if r.Status != cadence.RegWon {
		t.Errorf("%s is %s", id, r.Status)
	}
	// The next key clears the note.
	m = press(t, m, keyRune('j'))
	if m.note != "" {
		t.Errorf("note %q stays", m.note)
	}
}

func TestWriteSeesAnotherProcessChange(t *testing.T) {
	sess := newSession(t)
	m := newModel(t, sess, 100, 30)
	m = selectID(t, m, "R-307")
	m = press(t, m, keyRune('A'))
	// Meanwhile an import rejects it.
	r, _, _ := sess.Store.Registration("R-307")
	r.Status, r.Decided = cadence.RegRejected, sess.Today()
	if _, err := sess.Store.SaveRegistration(sess.Config, "", r); err != nil {
		t.Fatal(err)
	}
	var cmd tea.Cmd
	m, cmd = m.Update(keyRune('y'))
	m, msgs := run(t, m, cmd)
	var failed *session.Failed
	for _, msg := range msgs {
		if f, ok := msg.(session.Failed); ok {
			failed = &f
		}
	}
	if failed == nil || !strings.Contains(failed.Error(), "now rejected") {
		t.Fatalf("no failure reported: %v", msgs)
	}
	if !strings.Contains(plain(m), "it changed meanwhile") {
		t.Errorf("the screen does not say why:\n%s", plain(m))
	}
	got, _, _ := sess.Store.Registration("R-307")
	if got.Status != cadence.RegRejected {
		t.Errorf("R-307 is %s, want the other process's rejected kept", got.Status)
	}
}

func TestDetail(t *testing.T) {
	sess := newSession(t)
	m := newModel(t, sess, 100, 30)
	m = selectID(t, m, "R-314")
	m = press(t, m, keyEnter)
	if !m.inDetail || m.detailReg == nil {
		t.Fatal("enter does not open the detail")
	}
	view := plain(m)
	for _, want := range []string{"R-314", "Fathom Analytics", "REDWOOD VALLEY TELECOM", "registration_conflict", "≠ R-297 · Quarry Labs"} {
		if !strings.Contains(view, want) {
			t.Errorf("detail lacks %q", want)
		}
	}
	golden.RequireEqual(t, []byte(view))

	// Approve from the detail; the detail follows the store.
	m = press(t, m, keyRune('A'), keyRune('y'))
	if m.detailReg.Status != cadence.RegApproved || !strings.Contains(lineWith(plain(m), "status"), "approved") {
		t.Errorf("the detail shows %s after approval", m.detailReg.Status)
	}
	m = press(t, m, keyEsc)
	if m.inDetail {
		t.Error("esc does not go back")
	}
}

func TestCursorKeys(t *testing.T) {
	m := newModel(t, newSession(t), 100, 30)
	n := m.list.Len()
	steps := []struct {
		key  tea.Msg
		want int
	}{
		{keyRune('j'), 1},
		{keyDown, 2},
		{keyRune('k'), 1},
		{keyUp, 0},
		{keyRune('G'), n - 1},
		{keyRune('g'), 0},
		{tea.KeyPressMsg{Code: tea.KeyPgDown}, 28},
		{tea.KeyPressMsg{Code: tea.KeyPgUp}, 0},
		{tea.MouseWheelMsg{Button: tea.MouseWheelDown}, 3},
		{tea.MouseWheelMsg{Button: tea.MouseWheelUp}, 0},
	}
	for i, s := range steps {
		m, _ = m.Update(s.key)
		if m.list.Cursor() != s.want {
			t.Fatalf("step %d (%v): cursor %d, want %d", i, s.key, m.list.Cursor(), s.want)
		}
	}
}

func TestHelpShowsOnlyWorkingKeys(t *testing.T) {
	m := newModel(t, newSession(t), 100, 30)
	enabled := func(m Model) map[string]bool {
		out := map[string]bool{}
		for _, group := range m.Keys().FullHelp() {
			for _, b := range group {
				if b.Enabled() {
					out[b.Help().Desc] = true
				}
			}
		}
		return out
	}
	list := enabled(m)
	for _, want := range []string{"approve", "reject", "won", "lost", "status filter", "filter", "details"} {
		if !list[want] {
			t.Errorf("queue: %q not in help", want)
		}
	}
	if list["yes"] || list["back"] {
		t.Errorf("queue help: %v", list)
	}
	ask := enabled(press(t, m, keyRune('A')))
	if !ask["yes"] || !ask["no"] || ask["approve"] || ask["filter"] {
		t.Errorf("confirmation help: %v", ask)
	}
}

func TestTinySizes(t *testing.T) {
	sess := newSession(t)
	base := newModel(t, sess, 100, 30)
	states := map[string]Model{
		"queue":   base,
		"filter":  typeText(t, press(t, base, keyRune('/')), "r"),
		"detail":  press(t, base, keyEnter),
		"confirm": press(t, base, keyRune('A')),
		"closed":  press(t, base, keyRune('f'), keyRune('f'), keyRune('f')),
		"empty":   New(sess, base.styles),
	}
	for name, m := range states {
		for _, size := range [][2]int{{0, 0}, {1, 1}, {10, 3}, {80, 22}, {3, 40}} {
			m.SetSize(size[0], size[1])
			m, _ = m.Update(keyRune('j'))
			view := m.View()
			if size[0] == 0 || size[1] == 0 {
				if view != "" {
					t.Errorf("%s at %v: %q, want nothing", name, size, view)
				}
				continue
			}
			lines := strings.Split(view, "\n")
			if len(lines) != size[1] {
				t.Errorf("%s at %v: %d lines", name, size, len(lines))
			}
			for i, l := range lines {
				if w := lipgloss.Width(l); w != size[0] {
					t.Errorf("%s at %v: line %d is %d wide", name, size, i, w)
				}
			}
		}
	}
}
