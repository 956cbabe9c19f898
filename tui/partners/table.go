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

	"partnercadence/cadence"
	"partnercadence/tui/list"
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
	flagged int            // rows with at least one flag

	sortBy  sortKey
	reverse bool // S: the opposite of the sort's natural order
	byMatch bool // with a filter: best match first, until s or S picks a sort
	// mine is the NameKey of the owner whose partners alone are shown; ""
	// shows everyone's.
	mine string

	// list is the cursor over rows: the sort and mine give its order, and
	// it applies the fuzzy filter.
	list list.Model

	width  int
	cols   []theme.Column
	gutter string         // spaces left of a row
	marker string         // the cursor row's gutter: "▸ "
	pad    string         // spaces after the last column, when the columns do not fill the width
	cache  map[int]string // row index → rendered line (not under the cursor), exactly width wide
}

func newTable() table { return table{cache: map[int]string{}, list: list.New()} }

// rowSet is the table's rows of one snapshot and day, with their sort
// orders: built once per snapshot and shared, read-only, by every session
// showing it (session.Derive); a session keeps only its cursor, filter,
// sort and rendered lines.
type rowSet struct {
	rows    []row
	byKey   map[string]int // partner NameKey → index in rows
	keys    []string       // each row's partner NameKey
	hays    []string
	flagged int // rows with at least one flag

	orderOnce [sortCount]sync.Once
	orders    [sortCount][]int // every row in each sort's natural order, built when first needed
}

// Len, Key and FilterValue make a rowSet the table list's Source: a row is
// named by its partner's NameKey and matched on its name, owner, type and
// status.
func (set *rowSet) Len() int { return len(set.rows) }

// Key returns row i's partner NameKey.
func (set *rowSet) Key(i int) string { return set.keys[i] }

// FilterValue returns what the filter matches of row i.
func (set *rowSet) FilterValue(i int) string { return set.hays[i] }

// rowsKey is the key of a snapshot's rowSet: the days silent count from
// today.
type rowsKey struct{ today cadence.Date }

// load takes the rows of a snapshot, the cursor staying on its partner (a
// filter in force is matched again).
func (t *table) load(snap *session.Snapshot, today cadence.Date) {
	set := session.Derive(snap, rowsKey{today}, func(snap *session.Snapshot) *rowSet { return buildRows(snap, today) })
	t.set, t.rows, t.byKey, t.flagged = set, set.rows, set.byKey, set.flagged
	t.list.SetSource(set, t.order())
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
		keys:  make([]string, len(snap.Partners)),
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
		set.rows[i], set.keys[i], set.hays[i] = r, k, r.hay
		set.byKey[k] = i
		if r.flags > 0 {
			set.flagged++
		}
	}
	return set
}

// order returns the rows the table lists, in the order of its sort (the
// shared order, or a copy made for S or m).
func (t *table) order() []int {
	if t.set == nil {
		return nil
	}
	order := t.set.order(t.sortBy)
	if t.reverse {
		order = slices.Clone(order)
		slices.Reverse(order)
	}
	if t.mine != "" {
		order = slices.DeleteFunc(slices.Clone(order), func(i int) bool { return cadence.NameKey(t.rows[i].act.Partner.Owner) != t.mine })
	}
	return order
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

// relist lists the rows in the current sort (best match first while a
// filter ranks them) and mine switch, the cursor staying on its partner.
func (t *table) relist() {
	t.list.SetRanked(t.byMatch)
	t.list.SetOrder(t.order())
}

// selected returns the row under the cursor.
func (t *table) selected() (row, bool) {
	i, ok := t.list.Selected()
	if !ok {
		return row{}, false
	}
	return t.rows[i], true
}

func (t *table) selectedName() string {
	r, ok := t.selected()
	if !ok {
		return ""
	}
	return r.act.Partner.Name
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
	if t.list.Len() == 0 {
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
	from, to := t.list.Visible()
	to = min(to, from+max(h-len(lines), 0))
	for p := from; p < to; p++ {
		r := t.list.Item(p)
		if p == t.list.Cursor() {
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
		count = fmt.Sprintf("my %d of %d partners (m: everyone's)", t.list.Len(), len(t.rows))
	case m.me != "":
		count = fmt.Sprintf("everyone's %d partners (m: mine)", len(t.rows))
		if m.query != "" {
			count = fmt.Sprintf("%d of everyone's %d partners (m: mine)", t.list.Len(), len(t.rows))
		}
	case m.query != "":
		count = fmt.Sprintf("%d of %d partners", t.list.Len(), len(t.rows))
	}
	sortBy := "sort: " + sortNames[t.sortBy] + " " + m.sortArrow()
	if m.query != "" && t.byMatch {
		sortBy = "sort: best match"
	}
	return m.styles.Header.Render("Partners") + "  " + count + " · " + fmt.Sprintf("%d flagged", flagged) + " · " + m.styles.Muted.Render(sortBy)
}

func (m Model) tableKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.keys
	t := &m.tbl
	if t.list.HandleKey(msg, k.KeyMap) {
		return m, nil
	}
	switch {
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
		m.query = ""
		m.filter.SetValue("")
		return m, t.list.SetQuery("")
	case key.Matches(msg, k.Sort):
		if !(m.query != "" && t.byMatch) {
			t.sortBy = (t.sortBy + 1) % sortCount
		}
		t.byMatch, t.reverse = false, false
		t.relist()
	case key.Matches(msg, k.Reverse):
		if m.query != "" && t.byMatch {
			t.byMatch = false
		} else {
			t.reverse = !t.reverse
		}
		t.relist()
	case key.Matches(msg, k.Mine):
		if t.mine == "" {
			t.mine = m.me
		} else {
			t.mine = ""
		}
		t.relist()
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
	edit, cmd := list.EditFilter(msg, &m.filter, &m.tbl.list, list.FilterKeys{Accept: k.Accept, Cancel: k.Cancel, Up: k.ArrowUp, Down: k.ArrowDown})
	m.filtering = m.filtering && !edit.Ended()
	switch v := m.filter.Value(); {
	case edit == list.FilterDropped:
		m.query = ""
		cmd = tea.Batch(cmd, m.tbl.list.SetQuery(""))
	case edit == list.FilterTyped && v != m.query:
		m.query = v
		m.tbl.byMatch = true
		m.tbl.list.SetRanked(true)
		cmd = tea.Batch(cmd, m.tbl.list.SetQuery(v))
	}
	return m, cmd
}
