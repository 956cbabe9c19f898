package partners

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/google/go-cmp/cmp"

	"partnercadence/cadence"
	"partnercadence/tui/session"
)

// shownNames returns the names of the rows shown, in order.
func shownNames(m Model) []string {
	var out []string
	for _, i := range shownRows(m) {
		out = append(out, m.tbl.rows[i].act.Partner.Name)
	}
	return out
}

func TestTableView(t *testing.T) {
	sess := newSession(t)
	for _, size := range [][2]int{{100, 30}, {80, 22}, {120, 38}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			m := newModel(t, sess, size[0], size[1])
			m = press(t, m, keyRune('j'), keyRune('j'))
			golden.RequireEqual(t, []byte(plain(m)))
		})
	}
}

func TestTableShowsEveryColumn(t *testing.T) {
	m := newModel(t, newSession(t), 100, 30)
	// Orbital Alliance Partners has an intro flag and a QBR action flag;
	// the marker counts both.
	got := strings.Fields(lineWith(plain(m), "Orbital Alliance Partners"))
	want := []string{"Orbital", "Alliance", "Partners", "1", "alliance", "Dana", "Cruz", "active", "9d", "2", "●2"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Orbital's row (-want +got):\n%s", diff)
	}
	if got := lineWith(plain(m), "Juniper Ventures"); !strings.Contains(got, "never") {
		t.Errorf("a partner never heard from shows %q, want \"never\" as its days silent", got)
	}
}

func TestCursorKeys(t *testing.T) {
	m := newModel(t, newSession(t), 100, 30)
	n := m.tbl.list.Len()
	steps := []struct {
		key  tea.Msg
		want int
	}{
		{keyRune('j'), 1},
		{keyDown, 2},
		{keyRune('k'), 1},
		{keyUp, 0},
		{keyUp, 0}, // stays on the first row
		{keyRune('G'), n - 1},
		{keyRune('g'), 0},
		{tea.KeyPressMsg{Code: tea.KeyPgDown}, 28}, // one page: 30 lines less the two header lines
		{tea.KeyPressMsg{Code: tea.KeyPgUp}, 0},
		{tea.MouseWheelMsg{Button: tea.MouseWheelDown}, 3},
		{tea.MouseWheelMsg{Button: tea.MouseWheelUp}, 0},
	}
	for i, s := range steps {
		m, _ = m.Update(s.key)
		if m.tbl.list.Cursor() != s.want {
			t.Fatalf("step %d (%v): cursor %d, want %d", i, s.key, m.tbl.list.Cursor(), s.want)
		}
	}
	m = press(t, m, keyRune('G'))
	if got := lineWith(plain(m), "▸"); !strings.Contains(got, "Zenith") && !strings.Contains(got, shownNames(m)[n-1]) {
		t.Errorf("after G the cursor row is %q, want the last partner %q", got, shownNames(m)[n-1])
	}
}

func TestSort(t *testing.T) {
	m := newModel(t, newSession(t), 100, 30)
	if got := shownNames(m)[0]; got != "Acme Cloud Marketplace" {
		t.Errorf("first by name: %q", got)
	}
	m = press(t, m, keyRune('s'))
	if !strings.Contains(plain(m), "sort: tier ↑") {
		t.Errorf("header does not say the sort:\n%s", plain(m))
	}
	last := 0
	for _, i := range shownRows(m) {
		tier := m.tbl.rows[i].act.Partner.Tier
		if tier < last {
			t.Fatalf("by tier: tier %d after %d", tier, last)
		}
		last = tier
	}
	m = press(t, m, keyRune('s'))
	if !strings.Contains(plain(m), "sort: days silent ↓") {
		t.Errorf("header does not say the sort:\n%s", plain(m))
	}
	// Never heard from counts as the most silent, then the most days.
	got := shownNames(m)[:3]
	want := []string{"Juniper Ventures", "Keystone Managed Services", "Foxglove Systems Integration"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("most silent first (-want +got):\n%s", diff)
	}
	m = press(t, m, keyRune('S'))
	if !strings.Contains(plain(m), "sort: days silent ↑") {
		t.Errorf("S does not reverse in the header:\n%s", plain(m))
	}
	if got := shownNames(m)[m.tbl.list.Len()-1]; got != "Juniper Ventures" {
		t.Errorf("reversed: last is %q, want Juniper Ventures", got)
	}
	m = press(t, m, keyRune('s'), keyRune('s'))
	if !strings.Contains(plain(m), "sort: owner ↑") {
		t.Errorf("header does not say the sort:\n%s", plain(m))
	}
	if got := m.tbl.rows[m.tbl.list.Item(0)].act.Partner.Owner; got != "Dana Cruz" {
		t.Errorf("by owner: first owner %q, want Dana Cruz", got)
	}
	m = press(t, m, keyRune('s'))
	if !strings.Contains(plain(m), "sort: name ↑") {
		t.Errorf("s does not cycle back to name:\n%s", plain(m))
	}
}

func TestSortKeepsTheCursorOnItsPartner(t *testing.T) {
	m := newModel(t, newSession(t), 100, 30)
	m = press(t, m, keyRune('j'), keyRune('j'), keyRune('j'))
	before := m.tbl.selectedName()
	m = press(t, m, keyRune('s'))
	if got := m.tbl.selectedName(); got != before {
		t.Errorf("after s the cursor is on %q, want %q", got, before)
	}
}

func TestFilter(t *testing.T) {
	m := newModel(t, newSession(t), 100, 30)
	m = press(t, m, keyRune('/'))
	if !m.Capturing() {
		t.Fatal("the filter does not capture keys")
	}
	m = typeText(t, m, "northwnd") // fuzzy: a letter missing
	if got := shownNames(m); len(got) == 0 || got[0] != "Northwind Systems" {
		t.Fatalf("filter northwnd: %v, want Northwind Systems first", got)
	}
	golden.RequireEqual(t, []byte(plain(m)))

	m = press(t, m, keyEnter)
	if m.Capturing() || m.query != "northwnd" {
		t.Fatalf("enter: capturing %v, query %q; want the filter kept and the keys free", m.Capturing(), m.query)
	}
	if !strings.Contains(plain(m), "/ northwnd  (esc clears)") {
		t.Errorf("an applied filter is not shown:\n%s", plain(m))
	}
	m = press(t, m, keyEsc)
	if m.query != "" || m.tbl.list.Len() != len(m.tbl.rows) {
		t.Errorf("esc: query %q, %d of %d rows", m.query, m.tbl.list.Len(), len(m.tbl.rows))
	}
}

func TestFilterMatchesOwnerTypeAndStatus(t *testing.T) {
	m := newModel(t, newSession(t), 100, 30)
	tests := []struct {
		query string
		want  func(cadence.Partner) bool
	}{
		{"priya", func(p cadence.Partner) bool { return p.Owner == "Priya Natarajan" }},
		{"marketplace", func(p cadence.Partner) bool { return p.Type == cadence.TypeMarketplace }},
		{"churned", func(p cadence.Partner) bool { return p.Status == cadence.PartnerChurned }},
	}
	for _, tt := range tests {
		f := press(t, m, keyRune('/'))
		f = typeText(t, f, tt.query)
		if f.tbl.list.Len() == 0 {
			t.Errorf("%q matches nothing", tt.query)
			continue
		}
		// Best match first: the first row is what was asked for.
		if p := f.tbl.rows[f.tbl.list.Item(0)].act.Partner; !tt.want(p) {
			t.Errorf("%q: first match %+v", tt.query, p)
		}
		if !strings.Contains(plain(f), "sort: best match") {
			t.Errorf("%q: the header does not say the rows are by best match", tt.query)
		}
	}
}

func TestFilterNarrowingMatchesAFullSearch(t *testing.T) {
	m := newModel(t, newSession(t), 100, 30)
	m = press(t, m, keyRune('/'))
	for _, q := range []string{"a", "ac", "act", "acti", "activ", "active"} {
		m = typeText(t, m, q[len(q)-1:])
		full := newModel(t, m.sess, 100, 30)
		full = press(t, full, keyRune('/'))
		full = typeText(t, full, q)
		if diff := cmp.Diff(shownRows(full), shownRows(m)); diff != "" {
			t.Errorf("%q narrowed from the last query differs from a full search (-full +narrowed):\n%s", q, diff)
		}
	}
}

func TestStaleMatchIsIgnored(t *testing.T) {
	m := newModel(t, newSession(t), 100, 30)
	m = press(t, m, keyRune('/'))
	// Two letters typed before the first one's match arrives.
	m, first := m.Update(keyRune('h'))
	m, second := m.Update(keyRune('e'))
	m, _ = run(t, m, second)
	want := shownRows(m)
	m, _ = run(t, m, first) // "h" arrives late
	if diff := cmp.Diff(want, shownRows(m)); diff != "" {
		t.Errorf("a late match for an older query changed the rows (-he +after):\n%s", diff)
	}
}

func TestFilterNoMatch(t *testing.T) {
	m := newModel(t, newSession(t), 100, 30)
	m = press(t, m, keyRune('/'))
	m = typeText(t, m, "zzzzqqq")
	if !strings.Contains(plain(m), `no partner matches "zzzzqqq"`) {
		t.Errorf("no empty-state message:\n%s", plain(m))
	}
	m = press(t, m, keyEnter, keyRune('j'), keyEnter) // nothing to move to or open
	if m.inDetail {
		t.Error("enter opened a detail with nothing selected")
	}
}

func TestDetail(t *testing.T) {
	sess := newSession(t)
	m := newModel(t, sess, 100, 30)
	for m.tbl.selectedName() != "Orbital Alliance Partners" {
		m = press(t, m, keyRune('j'))
	}
	m = press(t, m, keyEnter)
	if !m.inDetail || !m.detail.loaded {
		t.Fatalf("enter: inDetail %v, loaded %v", m.inDetail, m.detail.loaded)
	}
	for i := 1; i < len(m.detail.entries); i++ {
		if m.detail.entries[i].date.After(m.detail.entries[i-1].date) {
			t.Fatalf("timeline not newest first at %d: %s after %s", i, m.detail.entries[i].date, m.detail.entries[i-1].date)
		}
	}
	var regs, touches int
	for _, e := range m.detail.entries {
		if e.reg != nil {
			regs++
		} else {
			touches++
		}
	}
	if regs == 0 || touches == 0 {
		t.Errorf("timeline has %d registrations and %d touchpoints; want both", regs, touches)
	}
	golden.RequireEqual(t, []byte(plain(m)))

	m = press(t, m, keyEsc)
	if m.inDetail || m.tbl.selectedName() != "Orbital Alliance Partners" {
		t.Errorf("esc: inDetail %v, cursor on %q", m.inDetail, m.tbl.selectedName())
	}
}

func TestDetailLoadsMoreOnScroll(t *testing.T) {
	sess := newSession(t)
	// 450 more touchpoints than the demo gave: three pages.
	start := cadence.MustDate("2020-01-01")
	for i := range 450 {
		tp := cadence.Touchpoint{
			Partner: "Helix Data", Date: start.AddDays(i), Kind: cadence.TouchEmail,
			Direction: cadence.Outbound, Note: fmt.Sprintf("old email %d", i), By: "Marcus Bell",
		}
		if _, err := sess.Store.AddTouchpoint(sess.Config, "", tp); err != nil {
			t.Fatal(err)
		}
	}
	all, err := sess.Store.Touchpoints("Helix Data", 0)
	if err != nil {
		t.Fatal(err)
	}
	m := newModel(t, sess, 100, 30)
	m, _ = run(t, m, func() tea.Msg { return nil })
	var cmd tea.Cmd
	m, cmd = m.openDetail("Helix Data")
	m, _ = run(t, m, cmd)
	if got := len(m.detail.touches); got != timelinePage || !m.detail.more {
		t.Fatalf("first page: %d touchpoints, more %v; want %d and more", got, m.detail.more, timelinePage)
	}
	for range 20 {
		m = press(t, m, keyRune('G'))
	}
	if got := len(m.detail.touches); got != len(all) || m.detail.more {
		t.Errorf("after scrolling to the end: %d touchpoints (more %v), want all %d", got, m.detail.more, len(all))
	}
	if !strings.Contains(plain(m), "old email 0") {
		t.Errorf("the oldest touchpoint is not at the end:\n%s", plain(m))
	}
}

func TestFormNamesTheBadField(t *testing.T) {
	sess := newSession(t)
	m := newModel(t, sess, 100, 30)
	m = press(t, m, keyRune('a'))
	if m.form == nil || !m.Capturing() {
		t.Fatal("a does not open a capturing form")
	}
	m = typeText(t, m, "Quill & Ink Agency")
	m = press(t, m, keyTab)
	m = typeText(t, m, "Agencyy")
	m = press(t, m, keyTab)
	m = clearInput(t, m, 3)
	m = typeText(t, m, "7")
	m = press(t, m, keyCtrlS)
	if m.form == nil {
		t.Fatal("the form closed with errors")
	}
	view := plain(m)
	if want := `type: "Agencyy" is not one of reseller, isv, agency, marketplace, alliance, referral, si (and 1 more)`; m.form.err != want {
		t.Errorf("error %q, want %q", m.form.err, want)
	}
	if !strings.Contains(view, `type: "Agencyy" is not one of`) {
		t.Errorf("the error is not shown:\n%s", view)
	}
	if got := lineWith(view, "tier"); !strings.HasPrefix(got, "✗ tier") {
		t.Errorf("the tier label is not marked bad: %q", got)
	}
	if m.form.focus != fieldType {
		t.Errorf("focus on %s, want the first bad field, type", fieldLabels[m.form.focus])
	}
	golden.RequireEqual(t, []byte(view))

	// The input is kept: fix the type (case-insensitively) and the tier.
	if got := m.form.inputs[fieldName].Value(); got != "Quill & Ink Agency" {
		t.Errorf("name lost: %q", got)
	}
	m = clearInput(t, m, len("Agencyy"))
	m = typeText(t, m, "AGENCY")
	m = press(t, m, keyTab)
	m = clearInput(t, m, 3)
	m = typeText(t, m, "2")
	m = press(t, m, keyTab)
	m = clearInput(t, m, 20)
	m = typeText(t, m, "Nobody Here")
	m = press(t, m, keyCtrlS)
	if !strings.Contains(plain(m), `owner: "Nobody Here" is not on the team`) {
		t.Errorf("owner not checked against the team:\n%s", plain(m))
	}
	m = clearInput(t, m, 20)
	m = typeText(t, m, "dana cruz")
	m = press(t, m, keyCtrlS)
	if m.form != nil {
		t.Fatalf("the form is still open:\n%s", plain(m))
	}
	p, ok, err := sess.Store.Partner("Quill & Ink Agency")
	if err != nil || !ok {
		t.Fatalf("partner not saved: %v %v", ok, err)
	}
	want := cadence.Partner{
		Name: "Quill & Ink Agency", Type: cadence.TypeAgency, Tier: 2, Owner: "Dana Cruz",
		Status: cadence.PartnerProspect, Joined: sess.Today(),
	}
	if diff := cmp.Diff(want, p, equateDates); diff != "" {
		t.Errorf("saved partner (-want +got):\n%s", diff)
	}
	if got := m.tbl.selectedName(); got != "Quill & Ink Agency" {
		t.Errorf("the cursor is on %q, want the new partner", got)
	}
}

func TestFormRefusesAnExistingName(t *testing.T) {
	m := newModel(t, newSession(t), 100, 30)
	m = press(t, m, keyRune('a'))
	m = typeText(t, m, "northwind systems")
	m = press(t, m, keyTab)
	m = typeText(t, m, "isv")
	m = press(t, m, keyCtrlS)
	if got := m.form.err; !strings.HasPrefix(got, `name: "Northwind Systems" already exists`) {
		t.Errorf("error %q, want the name named", got)
	}
}

func TestEditKeepsTheName(t *testing.T) {
	sess := newSession(t)
	m := newModel(t, sess, 100, 30)
	m = press(t, m, keyRune('e'))
	name := m.form.original.Name
	if m.form.focus == fieldName {
		t.Error("editing focuses the name")
	}
	for m.form.focus != fieldTier {
		m = press(t, m, keyTab)
	}
	m = clearInput(t, m, 3)
	m = typeText(t, m, "2")
	m = press(t, m, keyCtrlS)
	p, _, err := sess.Store.Partner(name)
	if err != nil || p.Tier != 2 || p.Name != name {
		t.Errorf("after edit: %+v (%v), want %s at tier 2", p, err, name)
	}
}

// TestEditRenames: a new name in the edit form renames the partner, its
// touchpoints and registrations with it.
func TestEditRenames(t *testing.T) {
	sess := newSession(t)
	m := newModel(t, sess, 100, 30)
	m = press(t, m, keyRune('e'))
	name := m.form.original.Name
	before, _ := sess.Store.Touchpoints(name, 1000)
	for m.form.focus != fieldName {
		m = press(t, m, keyTab)
	}
	m = clearInput(t, m, len(name)+2)
	m = typeText(t, m, "Acme Cloud Exchange")
	m = press(t, m, keyCtrlS)
	if _, ok, _ := sess.Store.Partner(name); ok {
		t.Errorf("%s is still a partner", name)
	}
	p, ok, _ := sess.Store.Partner("Acme Cloud Exchange")
	after, _ := sess.Store.Touchpoints("Acme Cloud Exchange", 1000)
	if !ok || len(after) != len(before) || len(after) == 0 {
		t.Errorf("renamed %+v (%v): %d touchpoints, want %d", p, ok, len(after), len(before))
	}
	if !strings.Contains(plain(m), "Acme Cloud Exchange") {
		t.Errorf("the table does not show the new name:\n%s", plain(m))
	}
}

func TestEditKeepsMultilineNotes(t *testing.T) {
	sess := newSession(t)
	p, _, _ := sess.Store.Partner("Helix Data")
	p.Notes = "line one\nline two"
	if err := sess.Store.SavePartner(sess.Config, "", p); err != nil {
		t.Fatal(err)
	}
	m := newModel(t, sess, 100, 30)
	for m.tbl.selectedName() != "Helix Data" {
		m = press(t, m, keyRune('j'))
	}
	m = press(t, m, keyRune('e'))
	for m.form.focus != fieldContact {
		m = press(t, m, keyTab)
	}
	m = typeText(t, m, " Jr")
	m = press(t, m, keyCtrlS)
	got, _, _ := sess.Store.Partner("Helix Data")
	if got.Notes != "line one\nline two" || !strings.HasSuffix(got.Contact, " Jr") {
		t.Errorf("after edit: contact %q, notes %q; want the contact changed and the notes as they were", got.Contact, got.Notes)
	}
}

// A form opened on stored values with control characters shows them as
// symbols, and saving it keeps every field the user did not touch exactly as
// stored, escape codes and all; the field that was edited takes the new text.
func TestEditKeepsUntouchedFieldsWithControls(t *testing.T) {
	sess := newSession(t)
	p, _, _ := sess.Store.Partner("Helix Data")
	p.Contact = "Mal\x1b[31mory\u009b"
	p.Domain = "helix\x00.example"
	p.Email = "ops@helix\x07.example"
	p.Notes = "line one\r\nline \x1b]0;TITLE\x07two\x7f"
	if err := sess.Store.SavePartner(sess.Config, "", p); err != nil {
		t.Fatal(err)
	}
	m := newModel(t, sess, 100, 30)
	for m.tbl.selectedName() != "Helix Data" {
		m = press(t, m, keyRune('j'))
	}
	m = press(t, m, keyRune('e'))
	view := m.View()
	for _, want := range []string{"Mal␛[31mory", "helix␀.example", "ops@helix␇.example", "line one line ␛]0;TITLE␇two␡"} {
		if !strings.Contains(ansi.Strip(view), want) {
			t.Errorf("the form does not show %q:\n%s", want, plain(m))
		}
	}
	if bad := strings.ContainsAny(view, "\x00\x07\x7f\u009b") || strings.Contains(view, "\x1b]") || strings.Contains(view, "\x1b[31m"); bad {
		t.Errorf("the form draws the data's control codes: %q", view)
	}
	for m.form.focus != fieldTier {
		m = press(t, m, keyTab)
	}
	m = clearInput(t, m, 3)
	m = typeText(t, m, "1")
	for m.form.focus != fieldDomain {
		m = press(t, m, keyTab)
	}
	m = clearInput(t, m, 40)
	m = typeText(t, m, "helix.example")
	m = press(t, m, keyCtrlS)
	if m.form != nil {
		t.Fatalf("the form did not save: %s", m.form.err)
	}
	got, _, _ := sess.Store.Partner("Helix Data")
	want := p
	want.Tier, want.Domain = 1, "helix.example"
	if diff := cmp.Diff(want, got, equateDates); diff != "" {
		t.Errorf("stored partner after the edit (-want +got):\n%s", diff)
	}
}

func TestLogTouchpoint(t *testing.T) {
	sess := newSession(t)
	m := newModel(t, sess, 100, 30)
	for m.tbl.selectedName() != "Larkspur Apps" {
		m = press(t, m, keyRune('j'))
	}
	m = press(t, m, keyRune('l'))
	if m.log == nil || !m.Capturing() {
		t.Fatal("l does not open a capturing log")
	}
	m = press(t, m, keyRune('i'), keyRune('i'), keyEnter) // intro, inbound, no account
	if !strings.Contains(plain(m), "account: is required for an intro") {
		t.Errorf("an intro without an account is not refused:\n%s", plain(m))
	}
	m = typeText(t, m, "Blue Harbor Bank")
	m = press(t, m, keyEnter)
	m = typeText(t, m, "Warm intro from their CTO")
	m = press(t, m, keyEnter)
	golden.RequireEqual(t, []byte(plain(m)))
	m = press(t, m, keyEnter)
	if m.log != nil {
		t.Fatalf("the log is still open:\n%s", plain(m))
	}
	got, err := sess.Store.Touchpoints("Larkspur Apps", 1)
	if err != nil || len(got) != 1 {
		t.Fatalf("touchpoints: %v %v", got, err)
	}
	want := cadence.Touchpoint{
		Partner: "Larkspur Apps", Date: sess.Today(), Kind: cadence.TouchIntro, Direction: cadence.Inbound,
		Account: "Blue Harbor Bank", Note: "Warm intro from their CTO", By: "Jordan Lee",
	}
	if diff := cmp.Diff(want, got[0], equateDates); diff != "" {
		t.Errorf("logged touchpoint (-want +got):\n%s", diff)
	}
	// The snapshot was reloaded: the partner was heard from today.
	if got := lineWith(plain(m), "Larkspur Apps"); !strings.Contains(got, " 0d ") {
		t.Errorf("the row does not show today's inbound touch: %q", got)
	}
}

func TestLogTouchpointFromDetailWithOtherDate(t *testing.T) {
	sess := newSession(t)
	m := newModel(t, sess, 100, 30)
	m = press(t, m, keyEnter) // Acme Cloud Marketplace
	name := m.detail.name
	m = press(t, m, keyRune('l'), keyRune('c'), keyRune('o'), keyEnter)
	m = typeText(t, m, "Quarterly check-in")
	m = press(t, m, keyEnter)
	m = clearInput(t, m, 10)
	m = typeText(t, m, "2026-11-20")
	m = press(t, m, keyTab)
	m = clearInput(t, m, 20)
	m = typeText(t, m, "Nobody")
	m = press(t, m, keyEnter)
	if !strings.Contains(m.log.err, `by: "Nobody" is not on the team`) {
		t.Errorf("by not checked: %q", m.log.err)
	}
	m = clearInput(t, m, 10)
	m = typeText(t, m, "priya natarajan")
	m = press(t, m, keyEnter)
	if m.log != nil || !m.inDetail {
		t.Fatalf("logOpen %v inDetail %v:\n%s", m.log != nil, m.inDetail, plain(m))
	}
	if !strings.Contains(plain(press(t, m, keyRune('g'))), "Quarterly check-in") {
		t.Errorf("the timeline was not reloaded after the write:\n%s", plain(m))
	}
	tps, _ := sess.Store.Touchpoints(name, 0)
	found := false
	for _, tp := range tps {
		if tp.Note == "Quarterly check-in" {
			found = tp.Date == cadence.MustDate("2026-11-20") && tp.By == "Priya Natarajan" && tp.Kind == cadence.TouchCall && tp.Direction == cadence.Outbound
		}
	}
	if !found {
		t.Errorf("the call is not in the store as logged: %+v", tps[:3])
	}
}

func TestLogEscCancels(t *testing.T) {
	sess := newSession(t)
	m := newModel(t, sess, 100, 30)
	before, _ := sess.Store.Touchpoints(m.tbl.selectedName(), 0)
	m = press(t, m, keyRune('l'), keyRune('n'), keyRune('o'), keyEsc)
	if m.log != nil || m.Capturing() {
		t.Error("esc leaves the log open")
	}
	after, _ := sess.Store.Touchpoints(m.tbl.selectedName(), 0)
	if len(after) != len(before) {
		t.Errorf("esc wrote a touchpoint: %d → %d", len(before), len(after))
	}
}

func TestWriteErrorKeepsTheForm(t *testing.T) {
	m := newModel(t, newSession(t), 100, 30)
	m = press(t, m, keyRune('e'))
	m.form.saving = true
	m, _ = m.Update(session.Failed{What: whatSavePartner, Err: &cadence.FieldError{Field: "status", Problem: "is wrong"}})
	if m.form == nil || m.form.saving || !m.form.bad[fieldStatus] || m.form.focus != fieldStatus {
		t.Errorf("after a failed write: open %v saving %v bad %v focus %d", m.form != nil, m.form.saving, m.form.bad, m.form.focus)
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
	table := enabled(m)
	for _, want := range []string{"filter", "sort", "open", "add partner", "edit partner", "log touchpoint"} {
		if !table[want] {
			t.Errorf("table: %q not in help", want)
		}
	}
	for _, not := range []string{"back", "save", "clear filter", "call"} {
		if table[not] {
			t.Errorf("table: %q in help but does nothing", not)
		}
	}
	form := enabled(press(t, m, keyRune('a')))
	if form["sort"] || !form["save"] {
		t.Errorf("form help: %v", form)
	}
	kind := enabled(press(t, m, keyRune('l')))
	if !kind["call"] || kind["inbound"] || kind["open"] {
		t.Errorf("log help: %v", kind)
	}
}

func TestTinySizes(t *testing.T) {
	sess := newSession(t)
	base := newModel(t, sess, 100, 30)
	states := map[string]Model{
		"table":  base,
		"filter": typeText(t, press(t, base, keyRune('/')), "a"),
		"detail": press(t, base, keyEnter),
		"form":   press(t, base, keyRune('a')),
		"log":    press(t, base, keyRune('l'), keyRune('c')),
		"empty":  New(sess, base.styles),
	}
	for name, m := range states {
		for _, size := range [][2]int{{0, 0}, {1, 1}, {10, 3}, {80, 22}, {3, 40}} {
			m.SetSize(size[0], size[1])
			m, _ = m.Update(keyRune('j'))
			view := m.View()
			lines := strings.Split(view, "\n")
			if size[0] == 0 || size[1] == 0 {
				if view != "" {
					t.Errorf("%s at %v: %q, want nothing", name, size, view)
				}
				continue
			}
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

func TestFormEnterWalksThenSaves(t *testing.T) {
	sess := newSession(t)
	m := newModel(t, sess, 80, 22)
	m = press(t, m, keyRune('e'))
	for i := 0; m.form.focus != fieldNotes; i++ {
		if i > fieldCount {
			t.Fatal("enter does not reach the notes")
		}
		m = press(t, m, keyEnter)
	}
	golden.RequireEqual(t, []byte(plain(m)))
	m = press(t, m, keyEnter)
	if m.form != nil {
		t.Errorf("enter on the last field did not save:\n%s", plain(m))
	}
}

func TestFilterArrowsMoveTheCursor(t *testing.T) {
	m := newModel(t, newSession(t), 100, 30)
	m = press(t, m, keyRune('/'))
	m = typeText(t, m, "a")
	m = press(t, m, keyDown, keyDown, keyUp)
	if m.tbl.list.Cursor() != 1 || m.query != "a" {
		t.Errorf("cursor %d, query %q; want 1 and the arrows not typed", m.tbl.list.Cursor(), m.query)
	}
	m = typeText(t, m, "jk")
	if m.query != "ajk" {
		t.Errorf("j and k are not letters in the filter: query %q", m.query)
	}
}

func TestDetailAtMinimumSize(t *testing.T) {
	m := newModel(t, newSession(t), 80, 22)
	m = press(t, m, keyRune('j'), keyEnter)
	golden.RequireEqual(t, []byte(plain(m)))
}

// TestDeleteOffersChurnedWhenInUse: D on a partner with history says what
// refers to it and offers churned; on a partner nothing refers to, it
// deletes after y.
func TestDeleteOffersChurnedWhenInUse(t *testing.T) {
	sess := newSession(t)
	m := newModel(t, sess, 100, 30)
	name := m.tbl.selectedName()
	m = press(t, m, keyRune('D'))
	if flat := strings.Join(strings.Fields(plain(m)), " "); !strings.Contains(flat, name+" cannot be deleted: it has 206 touchpoints, 27 registrations, 8 QBR records. Mark it churned instead? y/n") {
		t.Fatalf("D on %s:\n%s", name, plain(m))
	}
	m = press(t, m, keyRune('y'))
	if p, _, _ := sess.Store.Partner(name); p.Status != cadence.PartnerChurned {
		t.Errorf("after y: %s is %s, want churned", name, p.Status)
	}

	typo := cadence.Partner{Name: "Aaa Typo Partnr", Type: cadence.TypeISV, Tier: 3, Owner: "Dana Cruz", Status: cadence.PartnerProspect, Joined: sess.Today()}
	if err := sess.Store.SavePartner(sess.Config, "", typo); err != nil {
		t.Fatal(err)
	}
	m = newModel(t, sess, 100, 30)
	for m.tbl.selectedName() != typo.Name {
		m = press(t, m, keyRune('k'))
	}
	m = press(t, m, keyRune('D'))
	if line := lineWith(plain(m), "Delete Aaa Typo Partnr?"); !strings.Contains(line, "Nothing refers to it. y/n") {
		t.Fatalf("D on a new partner: %q", line)
	}
	m = press(t, m, keyRune('y'))
	if _, ok, _ := sess.Store.Partner(typo.Name); ok {
		t.Error("still there after D y")
	}
	if strings.Contains(plain(m), typo.Name) {
		t.Errorf("the table still lists it:\n%s", plain(m))
	}
}
