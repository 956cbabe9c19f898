package partners

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/sahilm/fuzzy"

	"partnercadence/cadence"
	"partnercadence/tui/session"
	"partnercadence/tui/theme"
)

// sortKey is a column the table can be sorted by.
type sortKey int

// The sorts, in the order s cycles through them.
const (
	sortName sortKey = iota
	sortTier
	sortSilent
	sortOpen
	sortOwner
	sortCount
)

var sortNames = [sortCount]string{"name", "tier", "days silent", "open registrations", "owner"}

// naturalDesc says which sorts put the biggest value first before S
// reverses them: the most silent partner and the one with the most open
// registrations are what a user sorts by those columns for.
var naturalDesc = [sortCount]bool{sortSilent: true, sortOpen: true}

// row is one partner as the table shows it, computed once per snapshot.
type row struct {
	act    cadence.PartnerActivity
	name   string // one line
	silent int    // days since the last inbound touch; -1 when there was none
	flags  int
	worst  cadence.FlagKind // the most severe of its flags
	hay    string           // what the fuzzy filter matches
}

// table is the partner list: every row, the rows shown (filtered and sorted)
// and a cache of rendered rows.
type table struct {
	// set is the snapshot's rows, shared with the other sessions; rows,
	// byKey, hays and flagged are its, read-only.
	set     *rowSet
	rows    []row
	byKey   map[string]int // partner NameKey → index in rows
	hays    []string
	flagged int      // rows with at least one flag
	gen     int      // counts snapshots loaded, to tell a stale match
	matched matchSet // the last fuzzy match

	sortBy  sortKey
	reverse bool // S: the opposite of the sort's natural order
	byMatch bool // with a filter: best match first, until s or S picks a sort
	// mine is the NameKey of the owner whose partners alone are shown; ""
	// shows everyone's.
	mine string

	shown  []int // indexes into rows, in display order
	cursor int   // index into shown
	top    int   // first index of shown drawn

	width  int
	cols   []theme.Column
	gutter string         // spaces left of a row
	marker string         // the cursor row's gutter: "▸ "
	pad    string         // spaces after the last column, when the columns do not fill the width
	cache  map[int]string // row index → rendered line (not under the cursor), exactly width wide
}

func newTable() table { return table{cache: map[int]string{}} }

// rowSet is the table's rows of one snapshot and day, with their sort
// orders: built once per snapshot and shared, read-only, by every session
// showing it (session.Derive); a session keeps only its cursor, filter,
// sort and rendered lines.
type rowSet struct {
	rows    []row
	byKey   map[string]int // partner NameKey → index in rows
	hays    []string
	flagged int // rows with at least one flag

	orderOnce [sortCount]sync.Once
	orders    [sortCount][]int // every row in each sort's natural order, built when first needed
}

// rowsKey is the key of a snapshot's rowSet: the days silent count from
// today.
type rowsKey struct{ today cadence.Date }

// load takes the rows of a snapshot.
func (t *table) load(snap *session.Snapshot, today cadence.Date) {
	set := session.Derive(snap, rowsKey{today}, func(snap *session.Snapshot) *rowSet { return buildRows(snap, today) })
	t.set, t.rows, t.byKey, t.hays, t.flagged = set, set.rows, set.byKey, set.hays, set.flagged
	t.gen++
	t.matched = matchSet{}
	t.invalidate()
}

// buildRows computes the rows of a snapshot.
func buildRows(snap *session.Snapshot, today cadence.Date) *rowSet {
	type flagSum struct {
		n     int
		worst cadence.FlagKind
	}
	sums := map[string]flagSum{}
	for _, f := range snap.Flags {
		if f.Partner == "" {
			continue
		}
		k := cadence.NameKey(f.Partner)
		s := sums[k]
		if s.n == 0 || f.Kind.Severity() < s.worst.Severity() {
			s.worst = f.Kind
		}
		s.n++
		sums[k] = s
	}
	set := &rowSet{
		rows:  make([]row, len(snap.Partners)),
		hays:  make([]string, len(snap.Partners)),
		byKey: make(map[string]int, len(snap.Partners)),
	}
	for i, a := range snap.Partners {
		p := a.Partner
		k := cadence.NameKey(p.Name)
		r := row{act: a, name: theme.OneLine(p.Name), silent: -1, flags: sums[k].n, worst: sums[k].worst}
		if !a.LastInbound.IsZero() {
			r.silent = max(today.Sub(a.LastInbound), 0)
		}
		r.hay = r.name + "  " + theme.OneLine(p.Owner) + "  " + string(p.Type) + "  " + string(p.Status)
		set.rows[i], set.hays[i] = r, r.hay
		set.byKey[k] = i
		if r.flags > 0 {
			set.flagged++
		}
	}
	return set
}

// order returns every row index in the natural order of sort s; the slice
// is shared and is not to be changed.
func (t *table) order(s sortKey) []int {
	if t.set == nil {
		return nil
	}
	return t.set.order(s)
}

// order returns every row index in the natural order of sort s, sorting
// once for all the sessions that ask.
func (set *rowSet) order(s sortKey) []int {
	set.orderOnce[s].Do(func() { set.orders[s] = set.sort(s) })
	return set.orders[s]
}

func (set *rowSet) sort(s sortKey) []int {
	rows := set.rows
	o := make([]int, len(rows))
	for i := range o {
		o[i] = i
	}
	names := make([]string, len(rows)) // keyed once, not per comparison
	for i := range rows {
		names[i] = cadence.NameKey(rows[i].name)
	}
	byName := func(a, b int) int { return cmp.Or(strings.Compare(names[a], names[b]), cmp.Compare(a, b)) }
	var c func(a, b int) int
	switch s {
	case sortName:
		c = byName
	case sortTier:
		c = func(a, b int) int {
			return cmp.Or(cmp.Compare(rows[a].act.Partner.Tier, rows[b].act.Partner.Tier), byName(a, b))
		}
	case sortSilent:
		// Never heard from counts as the most silent.
		silent := func(i int) int {
			if rows[i].silent < 0 {
				return int(^uint(0) >> 1)
			}
			return rows[i].silent
		}
		c = func(a, b int) int { return cmp.Or(cmp.Compare(silent(b), silent(a)), byName(a, b)) }
	case sortOpen:
		c = func(a, b int) int {
			return cmp.Or(cmp.Compare(rows[b].act.OpenRegistrations, rows[a].act.OpenRegistrations), byName(a, b))
		}
	case sortOwner:
		owners := make([]string, len(rows))
		for i := range rows {
			owners[i] = cadence.NameKey(rows[i].act.Partner.Owner)
		}
		c = func(a, b int) int { return cmp.Or(strings.Compare(owners[a], owners[b]), byName(a, b)) }
	}
	slices.SortFunc(o, c)
	return o
}

// refilter recomputes the rows shown for query and the current sort, and
// puts the cursor on the partner named keep if it is still shown (else on
// the first row when keep is "", else where it was). With a query it uses
// the last fuzzy match computed (see match), which is for this query except
// while a newer one is being matched.
func (t *table) refilter(query, keep string) {
	order := t.order(t.sortBy)
	var shown []int
	switch {
	case query == "":
		shown = slices.Clone(order)
		if t.reverse {
			slices.Reverse(shown)
		}
	case t.byMatch:
		shown = slices.Clone(t.matched.ranked)
	default:
		match := make([]bool, len(t.rows))
		for _, i := range t.matched.rows {
			match[i] = true
		}
		shown = make([]int, 0, len(t.matched.rows))
		for _, i := range order {
			if match[i] {
				shown = append(shown, i)
			}
		}
		if t.reverse {
			slices.Reverse(shown)
		}
	}
	if t.mine != "" {
		shown = slices.DeleteFunc(shown, func(i int) bool { return cadence.NameKey(t.rows[i].act.Partner.Owner) != t.mine })
	}
	t.shown = shown
	switch {
	case keep == "":
		t.cursor, t.top = 0, 0
	default:
		if i, ok := t.byKey[cadence.NameKey(keep)]; ok {
			if at := slices.Index(t.shown, i); at >= 0 {
				t.cursor = at
			}
		}
	}
	t.cursor = theme.Clamp(t.cursor, 0, len(t.shown)-1)
}

// matchSet is the fuzzy match of one query over one snapshot's rows.
type matchSet struct {
	gen    int    // the table's generation it was computed on
	query  string // "" for none
	ranked []int  // matching rows, best match first
	rows   []int  // the same rows in row order, to narrow the next query
}

// matched carries a fuzzy match computed in a Cmd.
type matched struct{ set matchSet }

// match returns a Cmd that fuzzy-matches query against the rows off the
// event loop: over 5,000 partners one letter costs a few milliseconds, more
// than a keypress may take. A query that extends the last one matched only
// searches that one's matches (a subsequence match of "abc" is one of "ab").
func (t *table) match(query string) tea.Cmd {
	gen, hays := t.gen, t.hays
	var within []int
	if last := t.matched; last.gen == gen && last.query != "" && strings.HasPrefix(query, last.query) {
		within = last.rows
	}
	return func() tea.Msg { return matched{rank(gen, query, hays, within)} }
}

// matchNow computes the match for query at once (after a new snapshot).
func (t *table) matchNow(query string) {
	t.matched = matchSet{}
	if query != "" {
		t.matched = rank(t.gen, query, t.hays, nil)
	}
}

// rank fuzzy-matches query against hays (only the rows within, when not
// nil): best score first, ties in row order.
func rank(gen int, query string, hays []string, within []int) matchSet {
	src := rowSource{hays: hays, rows: within}
	ms := fuzzy.FindFromNoSort(query, src)
	type hit struct{ score, row int }
	hits := make([]hit, len(ms))
	set := matchSet{gen: gen, query: query, rows: make([]int, len(ms)), ranked: make([]int, len(ms))}
	for i, mt := range ms {
		hits[i] = hit{mt.Score, src.row(mt.Index)}
		set.rows[i] = hits[i].row
	}
	slices.SortStableFunc(hits, func(a, b hit) int { return cmp.Compare(b.score, a.score) })
	for i, h := range hits {
		set.ranked[i] = h.row
	}
	return set
}

// rowSource is the fuzzy source of some rows' haystacks (all when rows is
// nil), in row order.
type rowSource struct {
	hays []string
	rows []int
}

func (s rowSource) row(i int) int {
	if s.rows == nil {
		return i
	}
	return s.rows[i]
}

func (s rowSource) String(i int) string { return s.hays[s.row(i)] }

func (s rowSource) Len() int {
	if s.rows == nil {
		return len(s.hays)
	}
	return len(s.rows)
}

// selected returns the row under the cursor.
func (t *table) selected() (row, bool) {
	if t.cursor < 0 || t.cursor >= len(t.shown) {
		return row{}, false
	}
	return t.rows[t.shown[t.cursor]], true
}

func (t *table) selectedName() string {
	r, ok := t.selected()
	if !ok {
		return ""
	}
	return r.act.Partner.Name
}

// move moves the cursor by delta rows, keeping it inside the n rows drawn.
func (t *table) move(delta, n int) {
	t.cursor = theme.Clamp(t.cursor+delta, 0, len(t.shown)-1)
	t.scrollTo(n)
}

// scrollTo adjusts top so that the cursor is one of the n rows drawn.
func (t *table) scrollTo(n int) {
	n = max(n, 1)
	if t.cursor < t.top {
		t.top = t.cursor
	}
	if t.cursor >= t.top+n {
		t.top = t.cursor - n + 1
	}
	t.top = theme.Clamp(t.top, 0, max(len(t.shown)-n, 0))
}

func (t *table) invalidate() { t.cache = map[int]string{} }

func (t *table) setWidth(w int) {
	if w == t.width && t.cols != nil {
		return
	}
	t.width = w
	g := min(gutter, w)
	t.cols = theme.Layout(partnerColumns(), w-g)
	t.gutter = strings.Repeat(" ", g)
	t.marker = string([]rune("▸ ")[:g])
	t.pad = strings.Repeat(" ", max(w-g-theme.ColumnsWidth(t.cols), 0))
	t.invalidate()
}

// The table's columns.
const (
	colName = iota
	colTier
	colType
	colOwner
	colStatus
	colSilent
	colOpen
	colFlags
)

// gutter is the room left of the first column for the cursor marker.
const gutter = 2

func partnerColumns() []theme.Column {
	return []theme.Column{
		colName:   {Title: "Name", Min: 12, Grow: []int{30, 0}, Prio: 0},
		colTier:   {Title: "Tier", Min: 4, Prio: 3},
		colType:   {Title: "Type", Min: 11, Prio: 7},
		colOwner:  {Title: "Owner", Min: 10, Grow: []int{18}, Prio: 4},
		colStatus: {Title: "Status", Min: 10, Prio: 6},
		colSilent: {Title: "Silent", Min: 6, Right: true, Prio: 2},
		colOpen:   {Title: "Regs", Min: 4, Right: true, Prio: 5},
		colFlags:  {Title: "Flags", Min: 5, Prio: 1},
	}
}

// cells returns a row's cell texts; styled colours the flag marker.
func (r row) cells(st theme.Styles, styled bool) []string {
	p := r.act.Partner
	silent := "never"
	if r.silent >= 0 {
		silent = strconv.Itoa(r.silent) + "d"
	}
	open := ""
	if n := r.act.OpenRegistrations; n > 0 {
		open = strconv.Itoa(n)
	}
	flags := ""
	if r.flags > 0 {
		flags = fmt.Sprintf("●%d", r.flags)
		if styled {
			flags = st.Flag[r.worst].Render(flags)
		}
	}
	return []string{
		colName:   r.name,
		colTier:   strconv.Itoa(p.Tier),
		colType:   theme.OneLine(string(p.Type)),
		colOwner:  theme.OneLine(p.Owner),
		colStatus: theme.OneLine(string(p.Status)),
		colSilent: silent,
		colOpen:   open,
		colFlags:  flags,
	}
}

// line renders row i of rows (not under the cursor), from the cache when it
// can.
func (t *table) line(i int, st theme.Styles) string {
	if s, ok := t.cache[i]; ok {
		return s
	}
	s := t.gutter + theme.RenderCells(t.cols, t.rows[i].cells(st, true)) + t.pad
	if len(t.cache) >= maxCached {
		// Scrolled through thousands of rows: keep a few screens, not
		// every line seen (each session has its own). Emptied in place:
		// View draws on a copy of the model, which shares this map.
		clear(t.cache)
	}
	t.cache[i] = s
	return s
}

// maxCached is how many rendered lines the table keeps: several screens.
const maxCached = 512

// cursorLine renders row i under the cursor: marked and highlighted.
func (t *table) cursorLine(i int, st theme.Styles) string {
	return st.Selected.Render(t.marker + theme.RenderCells(t.cols, t.rows[i].cells(st, false)) + t.pad)
}

// tableRows is how many partner rows fit under the table's headers.
func (m Model) tableRows() int {
	h := m.height
	if m.log != nil {
		h -= len(m.log.view(m.styles))
	}
	return max(h-m.tableHeaderLines(), 1)
}

func (m Model) tableHeaderLines() int {
	if m.filtering || m.query != "" {
		return 3
	}
	return 2
}

// tableView draws the summary line, the filter, the column headers and the
// visible rows.
func (m Model) tableView(h int) []string {
	t := &m.tbl
	w := t.width
	lines := make([]string, 0, h)
	lines = append(lines, theme.Pad(m.summary(), w))
	if m.filtering || m.query != "" {
		if m.filtering {
			lines = append(lines, theme.Pad(m.filter.View(), w))
		} else {
			lines = append(lines, theme.Pad(m.styles.Muted.Render("/ "+theme.OneLine(m.query)+"  (esc clears)"), w))
		}
	}
	titles := make([]string, len(t.cols))
	for i, c := range t.cols {
		titles[i] = c.Title
		if i == sortColumn(t.sortBy) {
			titles[i] += m.sortArrow()
		}
	}
	lines = append(lines, t.gutter+m.styles.Header.Render(theme.RenderCells(t.cols, titles))+t.pad)
	if len(t.shown) == 0 {
		msg := "no partners yet: press a to add one, or import a CSV (cadence import partners FILE.csv)"
		switch {
		case m.query != "":
			msg = fmt.Sprintf("no partner matches %q: esc clears the filter", m.query)
			if t.mine != "" {
				msg = fmt.Sprintf("none of your partners matches %q: esc clears the filter, m shows everyone's", m.query)
			}
		case t.mine != "" && len(t.rows) > 0:
			msg = "no partner is yours yet: m shows everyone's, a adds one"
		}
		return append(lines, theme.Pad(m.styles.Muted.Render("  "+msg), w))
	}
	n := max(h-len(lines), 0)
	t.scrollTo(max(n, 1))
	for i := t.top; i < len(t.shown) && i < t.top+n; i++ {
		r := t.shown[i]
		if i == t.cursor {
			lines = append(lines, t.cursorLine(r, m.styles))
			continue
		}
		lines = append(lines, t.line(r, m.styles))
	}
	return lines
}

// sortColumn returns the column a sort is shown on.
func sortColumn(s sortKey) int {
	return [sortCount]int{sortName: colName, sortTier: colTier, sortSilent: colSilent, sortOpen: colOpen, sortOwner: colOwner}[s]
}

// sortArrow says which way the column is sorted: ↑ smallest first.
func (m Model) sortArrow() string {
	if m.query != "" && m.tbl.byMatch {
		return ""
	}
	if naturalDesc[m.tbl.sortBy] != m.tbl.reverse {
		return "↓"
	}
	return "↑"
}

func (m Model) summary() string {
	t := m.tbl
	flagged := t.flagged
	count := fmt.Sprintf("%d partners", len(t.rows))
	switch {
	case t.mine != "":
		count = fmt.Sprintf("my %d of %d partners (m: everyone's)", len(t.shown), len(t.rows))
	case m.me != "":
		count = fmt.Sprintf("everyone's %d partners (m: mine)", len(t.rows))
		if m.query != "" {
			count = fmt.Sprintf("%d of everyone's %d partners (m: mine)", len(t.shown), len(t.rows))
		}
	case m.query != "":
		count = fmt.Sprintf("%d of %d partners", len(t.shown), len(t.rows))
	}
	sortBy := "sort: " + sortNames[t.sortBy] + " " + m.sortArrow()
	if m.query != "" && t.byMatch {
		sortBy = "sort: best match"
	}
	return m.styles.Header.Render("Partners") + "  " + count + " · " + fmt.Sprintf("%d flagged", flagged) + " · " + m.styles.Muted.Render(sortBy)
}

func (m Model) tableKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.keys
	n := m.tableRows()
	t := &m.tbl
	switch {
	case key.Matches(msg, k.Up):
		t.move(-1, n)
	case key.Matches(msg, k.Down):
		t.move(1, n)
	case key.Matches(msg, k.Top):
		t.move(-len(t.shown), n)
	case key.Matches(msg, k.Bottom):
		t.move(len(t.shown), n)
	case key.Matches(msg, k.PageUp):
		t.move(-n, n)
	case key.Matches(msg, k.PageDown):
		t.move(n, n)
	case key.Matches(msg, k.Open):
		if r, ok := t.selected(); ok {
			return m.openDetail(r.act.Partner.Name)
		}
	case key.Matches(msg, k.Filter):
		m.filtering = true
		m.filter.SetValue(m.query)
		m.filter.CursorEnd()
		return m, m.filter.Focus()
	case key.Matches(msg, k.ClearFilter):
		keep := t.selectedName()
		m.query = ""
		m.filter.SetValue("")
		t.refilter("", keep)
		t.scrollTo(n)
	case key.Matches(msg, k.Sort):
		keep := t.selectedName()
		if !(m.query != "" && t.byMatch) {
			t.sortBy = (t.sortBy + 1) % sortCount
		}
		t.byMatch, t.reverse = false, false
		t.refilter(m.query, keep)
		t.scrollTo(n)
	case key.Matches(msg, k.Reverse):
		keep := t.selectedName()
		if m.query != "" && t.byMatch {
			t.byMatch = false
		} else {
			t.reverse = !t.reverse
		}
		t.refilter(m.query, keep)
		t.scrollTo(n)
	case key.Matches(msg, k.Mine):
		keep := t.selectedName()
		if t.mine == "" {
			t.mine = m.me
		} else {
			t.mine = ""
		}
		t.refilter(m.query, keep)
		t.scrollTo(n)
	case key.Matches(msg, k.Add):
		return m.openForm(cadence.Partner{}, false)
	case key.Matches(msg, k.Edit):
		if r, ok := t.selected(); ok {
			return m.openForm(r.act.Partner, true)
		}
	case key.Matches(msg, k.Log):
		if r, ok := t.selected(); ok {
			return m.openLog(r.act.Partner.Name)
		}
	case key.Matches(msg, k.Delete):
		if r, ok := t.selected(); ok {
			return m.askDelete(r.act.Partner)
		}
	}
	return m, nil
}

// filterKey handles keys while the filter input has focus: the arrows still
// move the cursor, enter keeps the filter, esc drops it.
func (m Model) filterKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.keys
	n := m.tableRows()
	switch {
	case key.Matches(msg, k.Accept):
		m.filtering = false
		m.filter.Blur()
		return m, nil
	case key.Matches(msg, k.Cancel):
		keep := m.tbl.selectedName()
		m.filtering = false
		m.filter.Blur()
		m.filter.SetValue("")
		m.query = ""
		m.tbl.refilter("", keep)
		m.tbl.scrollTo(n)
		return m, nil
	case key.Matches(msg, k.ArrowUp):
		m.tbl.move(-1, n)
		return m, nil
	case key.Matches(msg, k.ArrowDown):
		m.tbl.move(1, n)
		return m, nil
	}
	return m.updateInput(msg)
}
