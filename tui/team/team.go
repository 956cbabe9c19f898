// Package team is the Team screen: each member of the config's team with
// their partners, their flags, their next 1:1 and their open action items.
//
// Everything per member is grouped once when the data arrives; a key only
// moves the cursor, and View formats just the rows on screen, so the screen
// stays fast with thousands of partners.
package team

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"partnercadence/cadence"
	"partnercadence/tui/list"
	"partnercadence/tui/session"
	"partnercadence/tui/theme"
)

// KeyMap is the Team screen's keys.
type KeyMap struct {
	// KeyMap is the list keys every list screen shares. The team fits on
	// a screen, and its pages are the detail's: PageUp and PageDown stay
	// off, and DetailUp and DetailDown take their keys.
	list.KeyMap
	Open                 key.Binding
	DetailDown, DetailUp key.Binding
	// Accept and Cancel end typing a filter.
	Accept, Cancel key.Binding
}

// DefaultKeyMap returns the Team keys.
func DefaultKeyMap() KeyMap {
	k := KeyMap{
		KeyMap:     list.DefaultKeyMap(),
		Open:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open next 1:1")),
		DetailDown: key.NewBinding(key.WithKeys("ctrl+d", "pgdown"), key.WithHelp("ctrl+d", "scroll detail down")),
		DetailUp:   key.NewBinding(key.WithKeys("ctrl+u", "pgup"), key.WithHelp("ctrl+u", "scroll detail up")),
		Accept:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply filter")),
		Cancel:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
	}
	k.PageUp.SetEnabled(false)
	k.PageDown.SetEnabled(false)
	return k
}

// ShortHelp lists the keys for the status line.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Accept, k.Cancel, k.Down, k.Up, k.Open, k.Filter, k.ClearFilter}
}

// FullHelp lists the keys for the help screen.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom},
		{k.Open, k.DetailDown, k.DetailUp},
		{k.Filter, k.ClearFilter, k.Accept, k.Cancel},
	}
}

// nextLoaded carries every partner manager's next 1:1, by name key.
type nextLoaded struct {
	gen  int
	next map[string]cadence.Occurrence
	err  error
}

// member is one member of the team as the screen lists them.
type member struct {
	cadence.Member
	key  string // cadence.NameKey of the name
	me   bool
	role int // the role's place in cadence.Roles: the list's order
}

// memberSource is the list's Source over the team: each member named by
// their name key, matched on their name and role.
type memberSource []member

func (s memberSource) Len() int                 { return len(s) }
func (s memberSource) Key(i int) string         { return s[i].key }
func (s memberSource) FilterValue(i int) string { return s[i].Name + "  " + roleLabel(s[i].Role) }

// work is what belongs to one member in the snapshot.
type work struct {
	partners []int // indexes into the snapshot's partners: tier, then ID
	flags    []cadence.Flag
	actions  []cadence.ActionItem // due first, undated last
}

// Model is the Team screen.
type Model struct {
	sess   *session.Session
	styles theme.Styles
	pal    palette
	keys   KeyMap
	width  int
	height int

	members []member
	list    list.Model // the cursor over members, and the filter

	filter    textinput.Model
	filtering bool

	snap *session.Snapshot
	work map[string]*work // by member key

	gen     int
	next    map[string]cadence.Occurrence // by member key; nil until loaded
	nextErr error

	// rows is the detail of member rowsFor; stale says it must be laid out
	// again (new data) without moving its scroll position rowsTop.
	rows    []row
	texts   []string // the detail's fixed lines, styled
	rowsFor string
	stale   bool
	rowsTop int
}

// New builds the screen on the config's team: the head first, then the
// partner managers, sales and exec, each in config order.
func New(sess *session.Session, styles theme.Styles) Model {
	m := Model{sess: sess, styles: styles, pal: newPalette(styles), keys: DefaultKeyMap(), work: map[string]*work{}}
	meKey := cadence.NameKey(sess.Me)
	for _, mb := range sess.Config.Team {
		k := cadence.NameKey(mb.Name)
		m.members = append(m.members, member{
			Member: mb, key: k, me: sess.Me != "" && k == meKey,
			role: roleRank(mb.Role),
		})
	}
	slices.SortStableFunc(m.members, func(a, b member) int { return a.role - b.role })
	m.list = list.New()
	m.list.SetSource(memberSource(m.members), nil)
	m.filter = textinput.New()
	m.filter.Prompt = "/ "
	m.filter.Placeholder = "name or role"
	m.filter.SetStyles(filterStyles(styles.IsDark))
	m.sync()
	return m
}

// filterStyles are the filter input's styles, with a steady cursor: a
// blinking one would wake the program twice a second for nothing.
func filterStyles(isDark bool) textinput.Styles {
	st := textinput.DefaultStyles(isDark)
	st.Cursor.Blink = false
	return st
}

func roleRank(r cadence.Role) int {
	if i := slices.Index(cadence.Roles, r); i >= 0 {
		return i
	}
	return len(cadence.Roles)
}

// Init loads the partner managers' next 1:1s.
func (m Model) Init() tea.Cmd { return m.loadNext() }

// loadNext reads the meeting records of the next three weeks and finds each
// partner manager's next 1:1 in them.
func (m Model) loadNext() tea.Cmd {
	sess, gen := m.sess, m.gen
	return func() tea.Msg {
		now, today := sess.Now(), sess.Today()
		recs, err := sess.Store.Records(today.AddDays(-1), today.AddDays(nextWindowDays))
		if err != nil {
			return nextLoaded{gen: gen, err: err}
		}
		next := map[string]cadence.Occurrence{}
		for _, pm := range sess.Config.PartnerManagers() {
			if o, ok := sess.Config.NextOneOnOne(pm.Name, now, recs); ok {
				next[cadence.NameKey(pm.Name)] = o
			}
		}
		return nextLoaded{gen: gen, next: next}
	}
}

// nextWindowDays is how far ahead the records are read for the next 1:1s: a
// weekly 1:1 skipped or cancelled three times running is rare enough.
const nextWindowDays = 21

// Update handles the data, the list and detail keys, the filter and the
// mouse wheel.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case session.Loaded:
		m.snap = msg.Snapshot
		m.group()
		m.gen++
		cmd = m.loadNext()
		m.stale = true
	case nextLoaded:
		if msg.gen < m.gen {
			break
		}
		m.next, m.nextErr = msg.next, msg.err
		if msg.err != nil {
			cmd = func() tea.Msg { return session.Failed{What: "find the next 1:1s", Err: msg.err} }
		}
		m.stale = true
	case list.Matched:
		m.list.Apply(msg)
	case tea.KeyPressMsg:
		if m.filtering {
			cmd = m.filterKey(msg)
		} else {
			cmd = m.key(msg)
		}
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelDown:
			m.scrollDetail(wheelLines)
		case tea.MouseWheelUp:
			m.scrollDetail(-wheelLines)
		}
	default:
		if m.filtering {
			var fcmd tea.Cmd
			m.filter, fcmd = m.filter.Update(msg)
			cmd = tea.Batch(fcmd, m.list.SetQuery(m.filter.Value()))
		}
	}
	m.sync()
	return m, cmd
}

// wheelLines is how far one notch of the mouse wheel scrolls the detail.
const wheelLines = 3

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case m.list.HandleKey(msg, k.KeyMap):
	case key.Matches(msg, k.DetailDown):
		m.scrollDetail(max(m.geometry().detailH/2, 1))
	case key.Matches(msg, k.DetailUp):
		m.scrollDetail(-max(m.geometry().detailH/2, 1))
	case key.Matches(msg, k.Open):
		if o, ok := m.selectedNext(); ok {
			id := o.ID
			return func() tea.Msg { return session.OpenMeeting{ID: id} }
		}
	case key.Matches(msg, k.Filter):
		m.filtering = true
		return m.filter.Focus()
	case key.Matches(msg, k.ClearFilter):
		m.filter.SetValue("")
		return m.list.SetQuery("")
	}
	return nil
}

func (m *Model) filterKey(msg tea.KeyPressMsg) tea.Cmd {
	edit, cmd := list.EditFilter(msg, &m.filter, &m.list, list.FilterKeys{Accept: m.keys.Accept, Cancel: m.keys.Cancel})
	m.filtering = m.filtering && !edit.Ended()
	if edit.Changed() {
		cmd = tea.Batch(cmd, m.list.SetQuery(m.filter.Value()))
	}
	return cmd
}

func (m *Model) scrollDetail(n int) {
	m.rowsTop = theme.Clamp(m.rowsTop+n, 0, m.maxRowsTop())
}

func (m Model) maxRowsTop() int { return max(len(m.rows)-m.geometry().detailH, 0) }

func (m Model) selected() (member, bool) {
	i, ok := m.list.Selected()
	if !ok {
		return member{}, false
	}
	return m.members[i], true
}

func (m Model) selectedNext() (cadence.Occurrence, bool) {
	mb, ok := m.selected()
	if !ok {
		return cadence.Occurrence{}, false
	}
	o, ok := m.next[mb.key]
	return o, ok
}

// group sorts the snapshot's partners, flags and open actions by member.
func (m *Model) group() {
	m.work = make(map[string]*work, len(m.members))
	for _, mb := range m.members {
		m.work[mb.key] = &work{}
	}
	if m.snap == nil {
		return
	}
	// Owners repeat: find each spelling's member once.
	owners := map[string]*work{}
	of := func(name string) *work {
		w, ok := owners[name]
		if !ok {
			w = m.work[cadence.NameKey(name)]
			owners[name] = w
		}
		return w
	}
	for i, p := range m.snap.Partners {
		if w := of(p.Partner.Owner); w != nil {
			w.partners = append(w.partners, i)
		}
	}
	for _, f := range m.snap.Flags {
		if w := of(f.Owner); w != nil {
			w.flags = append(w.flags, f)
		}
	}
	for _, a := range m.snap.Actions {
		if w := of(a.Owner); w != nil && a.Open() {
			w.actions = append(w.actions, a)
		}
	}
	ps := m.snap.Partners
	for _, w := range m.work {
		// The snapshot's partners come sorted by ID, so a stable sort by
		// tier gives tier, then name.
		slices.SortStableFunc(w.partners, func(a, b int) int {
			return cmp.Compare(ps[a].Partner.Tier, ps[b].Partner.Tier)
		})
		// Flags come most severe first; keep that, kind by kind.
		slices.SortStableFunc(w.flags, func(a, b cadence.Flag) int { return a.Kind.Severity() - b.Kind.Severity() })
		cadence.SortActions(w.actions)
	}
}

// sync brings what follows from the state up to date: the detail rows of
// the selected member, the scroll positions and the keys. It is the one
// place that turns keys on and off.
func (m *Model) sync() {
	switch mb, ok := m.selected(); {
	case !ok:
		m.rows, m.rowsFor, m.rowsTop = nil, "", 0
	case mb.key != m.rowsFor:
		m.rows, m.rowsFor, m.rowsTop = m.detail(mb), mb.key, 0
	case m.stale:
		m.rows = m.detail(mb)
	}
	m.stale = false
	m.scrollDetail(0)
	m.list.SetHeight(m.geometry().listRows)

	k := &m.keys
	typing := m.filtering
	k.Accept.SetEnabled(typing)
	k.Cancel.SetEnabled(typing)
	k.Filter.SetEnabled(!typing && len(m.members) > 0)
	k.ClearFilter.SetEnabled(!typing && m.filter.Value() != "")
	at, n := m.list.Cursor(), m.list.Len()
	k.Up.SetEnabled(!typing && at > 0)
	k.Top.SetEnabled(!typing && at > 0)
	k.Down.SetEnabled(!typing && at < n-1)
	k.Bottom.SetEnabled(!typing && at < n-1)
	_, hasNext := m.selectedNext()
	k.Open.SetEnabled(!typing && hasNext)
	k.DetailUp.SetEnabled(!typing && m.rowsTop > 0)
	k.DetailDown.SetEnabled(!typing && m.rowsTop < m.maxRowsTop())
}

// SetSize gives the screen its body size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	m.filter.SetWidth(max(m.geometry().listW-4, 1))
	m.sync()
}

// SetStyles replaces the styles (the terminal's background changed).
func (m *Model) SetStyles(s theme.Styles) {
	m.styles, m.pal = s, newPalette(s)
	m.filter.SetStyles(filterStyles(s.IsDark))
	m.stale = true // the detail's fixed lines carry styles
	m.sync()
}

// Keys returns the bindings active now.
func (m Model) Keys() help.KeyMap { return m.keys }

// Capturing reports whether the filter is being typed.
func (m Model) Capturing() bool { return m.filtering }

// geometry is where the list and the detail go: side by side from
// sideBySide columns on, else the list above the detail.
type geometry struct {
	stacked          bool
	listW, listH     int // the list pane, filter line and header included
	listRows         int // member rows on screen
	detailW, detailH int
}

const (
	sideBySide = 100
	listMinW   = 36
	listMaxW   = 50
)

func (m Model) geometry() geometry {
	w, h := m.width, m.height
	var g geometry
	extra := 1 // the column header
	if m.filtering || m.filter.Value() != "" {
		extra++
	}
	if w >= sideBySide {
		g.listW = theme.Clamp(w*9/20, listMinW, listMaxW)
		g.listH = h
		g.detailW = max(w-g.listW-1, 0)
		g.detailH = h
	} else {
		g.stacked = true
		g.listW = w
		g.listH = min(max(m.list.Len(), 1)+extra, max(h*2/5, extra+1), h)
		g.detailW = w
		g.detailH = max(h-g.listH-1, 0)
	}
	g.listRows = max(g.listH-extra, 0)
	return g
}

// View draws the member list and the selected member's detail, exactly
// width×height.
func (m Model) View() string {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		return ""
	}
	g := m.geometry()
	list := m.listLines(g)
	detail := m.detailLines(g.detailW, g.detailH)
	lines := make([]string, 0, h)
	if g.stacked {
		lines = append(lines, list...)
		if len(lines) < h {
			lines = append(lines, m.pal.muted.on(strings.Repeat("─", w)))
		}
		lines = append(lines, detail...)
	} else {
		sep := m.pal.muted.on("│")
		for i := range h {
			lines = append(lines, list[i]+sep+detail[i])
		}
	}
	for len(lines) < h {
		lines = append(lines, strings.Repeat(" ", w))
	}
	return strings.Join(lines[:h], "\n")
}

// listLines is the list pane: the filter, the column header and the
// members on screen, each line exactly g.listW wide.
func (m Model) listLines(g geometry) []string {
	p := m.pal
	w := g.listW
	out := make([]string, 0, g.listH)
	if m.filtering || m.filter.Value() != "" {
		var line string
		if m.filtering {
			line = theme.Pad(m.filter.View(), w)
		} else {
			line = p.muted.on(cell(fmt.Sprintf("/ %s · %d of %d · esc clears", theme.OneLine(m.filter.Value()), m.list.Len(), len(m.members)), w))
		}
		out = append(out, line)
	}
	cols := listColumns(w)
	if len(out) < g.listH {
		out = append(out, p.header.on(cols.render(w, "", "Member", "Role", "Ptnrs", "Flags", "Acts", "Next 1:1")))
	}
	from, to := m.list.Visible()
	for i := from; i < to && len(out) < g.listH; i++ {
		mb := m.members[m.list.Item(i)]
		wk := m.work[mb.key]
		name := theme.OneLine(mb.Name)
		if mb.me {
			name += " (me)"
		}
		var partners, flags, actions string
		if m.snap != nil && wk != nil {
			partners, flags, actions = strconv.Itoa(len(wk.partners)), strconv.Itoa(len(wk.flags)), strconv.Itoa(len(wk.actions))
		}
		next := "—"
		if o, ok := m.next[mb.key]; ok {
			next = when(o, m.sess.Config)
		}
		if i == m.list.Cursor() {
			out = append(out, p.selected.on(cols.render(w, "▸", name, roleLabel(mb.Role), partners, flags, actions, next)))
			continue
		}
		flagPaint := p.muted
		if wk != nil && len(wk.flags) > 0 {
			flagPaint = p.flag[wk.flags[0].Kind]
		}
		out = append(out, cols.styled(w, []paint{{}, {}, p.muted, {}, flagPaint, {}, p.muted},
			"", name, roleLabel(mb.Role), partners, flags, actions, next))
	}
	if m.list.Len() == 0 && len(out) < g.listH {
		msg := "no members in the config's team"
		if len(m.members) > 0 {
			msg = "no member matches the filter"
		}
		out = append(out, p.muted.on(cell("  "+msg, w)))
	}
	for len(out) < g.listH {
		out = append(out, strings.Repeat(" ", w))
	}
	return out
}

// columns is the member list's column widths; 0 leaves a column out.
type columns []int

// nameMinW is the least the member list gives a name ("Jordan Lee (me)"
// and a little more) before it leaves other columns out.
const nameMinW = 18

// listColumns fits the columns into w: the name takes what the others
// leave, and the others drop out, least needed first, while the name would
// get fewer than nameMinW cells.
func listColumns(w int) columns {
	// marker, name, role, partners, flags, actions, next 1:1
	c := columns{1, 0, 11, 5, 5, 4, 16}
	fixed := func() int {
		n := 0
		for i, v := range c {
			if i != 1 && v > 0 {
				n += v + 1
			}
		}
		return n
	}
	for _, drop := range []int{6, 5, 2, 4, 3} {
		if w-fixed() >= nameMinW {
			break
		}
		c[drop] = 0
	}
	c[1] = max(w-fixed(), 1)
	return c
}

// render lays the cells out plain (for the selected row, styled whole).
func (c columns) render(w int, cells ...string) string {
	return c.styled(w, nil, cells...)
}

// styled lays the cells out, each in its style; counts are right-aligned.
func (c columns) styled(w int, paints []paint, cells ...string) string {
	var b strings.Builder
	used := 0
	for i, width := range c {
		if width == 0 || i >= len(cells) {
			continue
		}
		var text string
		if i >= 3 && i <= 5 {
			text = right(cells[i], width)
		} else {
			text = cell(cells[i], width)
		}
		if paints != nil {
			text = paints[i].on(text)
		}
		if used > 0 {
			b.WriteByte(' ')
			used++
		}
		b.WriteString(text)
		used += width
	}
	if used > w {
		return theme.Truncate(b.String(), w)
	}
	b.WriteString(strings.Repeat(" ", w-used))
	return b.String()
}

// row is one line of the detail: fixed text, or a reference to a partner,
// flag or action that View formats only when it is on screen. It holds no
// pointer, so a member with thousands of partners costs the garbage
// collector nothing to keep.
type row struct {
	kind rowKind
	// i indexes, by kind: texts, the snapshot's partners (-1: the table's
	// header), or the member's flags or actions.
	i int32
}

type rowKind uint8

const (
	rowText rowKind = iota
	rowPartner
	rowFlagKind // a kind's count line; i is the kind's first flag
	rowFlag
	rowAction
	rowActionFrom
)

// detail lays out the member's detail as rows.
func (m *Model) detail(mb member) []row {
	p := m.pal
	m.texts = make([]string, 0, 8) // fresh: an older copy of the model may still show the old ones
	text := func(t string) row {
		m.texts = append(m.texts, t)
		return row{kind: rowText, i: int32(len(m.texts) - 1)}
	}
	title := p.header.on(theme.OneLine(mb.Name))
	if mb.me {
		title += p.muted.on(" (me)")
	}
	title += p.muted.on(" · " + roleLabel(mb.Role))
	if mb.Email != "" {
		title += p.muted.on(" · " + theme.OneLine(mb.Email))
	}
	wk := m.work[mb.key]
	n := 16
	if wk != nil {
		n += len(wk.partners) + 2*len(wk.flags) + 2*len(wk.actions)
	}
	rows := make([]row, 0, n)
	rows = append(rows, text(title), text(m.nextLine(mb)), text(""))

	if m.snap == nil || wk == nil {
		return append(rows, text(p.muted.on("loading…")))
	}
	rows = append(rows, text(p.header.on(fmt.Sprintf("Partners · %d", len(wk.partners)))))
	if len(wk.partners) == 0 {
		rows = append(rows, text(p.muted.on("  no partners")))
	} else {
		rows = append(rows, row{kind: rowPartner, i: -1})
		for _, i := range wk.partners {
			rows = append(rows, row{kind: rowPartner, i: int32(i)})
		}
	}

	rows = append(rows, text(""), text(p.header.on(fmt.Sprintf("Flags · %d", len(wk.flags)))))
	if len(wk.flags) == 0 {
		rows = append(rows, text(p.good.on("  no flags")))
	}
	for i, f := range wk.flags {
		if i == 0 || wk.flags[i-1].Kind != f.Kind {
			rows = append(rows, row{kind: rowFlagKind, i: int32(i)})
		}
		rows = append(rows, row{kind: rowFlag, i: int32(i)})
	}

	rows = append(rows, text(""), text(p.header.on(fmt.Sprintf("Open actions · %d", len(wk.actions)))))
	if len(wk.actions) == 0 {
		rows = append(rows, text(p.muted.on("  no open actions")))
	}
	for i := range wk.actions {
		rows = append(rows, row{kind: rowAction, i: int32(i)}, row{kind: rowActionFrom, i: int32(i)})
	}
	return rows
}

// nextLine says when the member's next 1:1 is.
func (m Model) nextLine(mb member) string {
	p := m.pal
	label := p.header.on("Next 1:1  ")
	switch o, ok := m.next[mb.key]; {
	case mb.Role != cadence.RolePartnerManager:
		return label + p.muted.on("— (weekly 1:1s are with partner managers)")
	case ok:
		line := label + when(o, m.sess.Config) + p.muted.on(" · "+theme.OneLine(o.ID))
		if o.Moved {
			line += p.muted.on(" · moved")
		}
		return line
	case m.nextErr != nil:
		return label + p.err.on("could not be read")
	case m.next == nil:
		return label + p.muted.on("loading…")
	}
	return label + p.muted.on("none in the coming weeks")
}

// detailLines formats the detail rows on screen, each exactly w wide.
func (m Model) detailLines(w, h int) []string {
	out := make([]string, 0, h)
	if w <= 0 {
		for range h {
			out = append(out, "")
		}
		return out
	}
	mb, _ := m.selected()
	wk := m.work[mb.key]
	today := m.sess.Today()
	for i := m.rowsTop; i < len(m.rows) && len(out) < h; i++ {
		out = append(out, m.formatRow(m.rows[i], wk, today, w))
	}
	if m.list.Len() == 0 && len(out) < h {
		out = append(out, m.pal.muted.on(cell("  nobody selected", w)))
	}
	for len(out) < h {
		out = append(out, strings.Repeat(" ", w))
	}
	return out
}

// Column widths in the detail: the partner table, and an action's due
// date before its text.
const (
	tierW        = 4
	statusW      = 10
	sinceW       = 13
	dueW         = 22
	actionIndent = 2 + dueW + 1
)

func (m Model) formatRow(r row, wk *work, today cadence.Date, w int) string {
	p := m.pal
	switch r.kind {
	case rowPartner:
		nameW := max(w-2-tierW-statusW-sinceW-3, 1)
		if r.i < 0 {
			return p.muted.on(cell("  "+cell("Partner", nameW)+" "+cell("Tier", tierW)+" "+cell("Status", statusW)+" "+cell("Last inbound", sinceW), w))
		}
		pa := m.snap.Partners[r.i]
		since, silent := m.sinceInbound(pa, today)
		var sincePaint, statusPaint paint
		if silent {
			sincePaint = p.flag[cadence.FlagSilentPartner]
		}
		if !pa.Partner.Status.Engaged() {
			statusPaint = p.muted
		}
		line := "  " + cell(theme.OneLine(pa.Partner.Name), nameW) + " " + cell(strconv.Itoa(pa.Partner.Tier), tierW) + " " +
			statusPaint.on(cell(theme.OneLine(string(pa.Partner.Status)), statusW)) + " " + sincePaint.on(cell(since, sinceW))
		return padTo(line, 2+nameW+1+tierW+1+statusW+1+sinceW, w)
	case rowFlagKind:
		f := wk.flags[r.i]
		n := 0
		for _, g := range wk.flags[r.i:] {
			if g.Kind != f.Kind {
				break
			}
			n++
		}
		return p.flag[f.Kind].on(cell(fmt.Sprintf("  %d %s", n, kindLabel(f.Kind)), w))
	case rowFlag:
		return cell("    "+theme.OneLine(wk.flags[r.i].Message), w)
	case rowAction:
		a := wk.actions[r.i]
		due, late := dueText(a, today)
		var duePaint paint
		if late {
			duePaint = p.warn
		}
		if w <= actionIndent+1 {
			return duePaint.on(cell("  "+due, w))
		}
		return "  " + duePaint.on(cell(due, dueW)) + " " + cell(theme.OneLine(a.Text), w-actionIndent)
	case rowActionFrom:
		a := wk.actions[r.i]
		from := "from " + theme.OneLine(a.Meeting)
		if a.Meeting == "" {
			from = "from no meeting"
		}
		return p.muted.on(cell(strings.Repeat(" ", actionIndent)+from+" · "+theme.OneLine(a.ID), w))
	}
	return theme.Pad(m.texts[r.i], w)
}

// sinceInbound says how long the partner has been quiet, and whether that
// is past its tier's silence threshold (while it should be talking to us).
func (m Model) sinceInbound(p cadence.PartnerActivity, today cadence.Date) (string, bool) {
	if p.LastInbound.IsZero() {
		return "never", p.Partner.Status.Engaged()
	}
	d := today.Sub(p.LastInbound)
	var text string
	switch {
	case d <= 0:
		text = "today"
	case d == 1:
		text = "1 day ago"
	default:
		text = fmt.Sprintf("%d days ago", d)
	}
	th := m.sess.Config.Flags.SilentAfterDays
	silent := p.Partner.Status.Engaged() && p.Partner.Tier >= 1 && p.Partner.Tier < len(th) && d >= th[p.Partner.Tier]
	return text, silent
}

// dueText says when an action is due, and whether it is late.
func dueText(a cadence.ActionItem, today cadence.Date) (string, bool) {
	switch d := today.Sub(a.Due); {
	case a.Due.IsZero():
		return "no due date", false
	case d == 1:
		return shortDate(a.Due) + ", 1 day late", true
	case d > 0:
		return fmt.Sprintf("%s, %d days late", shortDate(a.Due), d), true
	case d == 0:
		return shortDate(a.Due) + ", today", false
	}
	return "due " + shortDate(a.Due), false
}

// when is an occurrence's day and time in the config's zone.
func when(o cadence.Occurrence, cfg *cadence.Config) string {
	if o.Start.IsZero() {
		return "by " + shortDate(o.Date)
	}
	t := o.Start.In(cfg.Location)
	return t.Format("Mon Jan 2 15:04")
}

func shortDate(d cadence.Date) string {
	_, mo, day := d.YMD()
	return fmt.Sprintf("%s %d", mo.String()[:3], day)
}

func roleLabel(r cadence.Role) string {
	switch r {
	case cadence.RolePartnerManager:
		return "partner mgr"
	case cadence.RoleHead, cadence.RoleSales, cadence.RoleExec:
		return string(r)
	}
	return theme.OneLine(string(r))
}

func kindLabel(k cadence.FlagKind) string { return strings.ReplaceAll(string(k), "_", " ") }

// cell cuts or pads plain text to exactly w cells; plain ASCII (the common
// case) is measured by its length instead of by grapheme.
func cell(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ascii(s) {
		if len(s) > w {
			return s[:w-1] + "…"
		}
		return s + strings.Repeat(" ", w-len(s))
	}
	return theme.Pad(s, w)
}

// right aligns plain text to the right of w cells.
func right(s string, w int) string {
	n := len(s)
	if !ascii(s) {
		n = lipgloss.Width(s)
	}
	if n < w {
		return strings.Repeat(" ", w-n) + s
	}
	return cell(s, w)
}

// padTo pads a line of known width used out to w (or cuts it, when the
// pane is narrower than the row's columns).
func padTo(line string, used, w int) string {
	if used > w {
		return theme.Truncate(line, w)
	}
	return line + strings.Repeat(" ", w-used)
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

// paint is a style reduced to the escape codes around its text, for cells
// whose width is already known: lipgloss's Render measures and splits every
// string, which is most of a frame's cost when done for every cell.
// It suits styles with no padding, margin, border or size.
type paint struct{ pre, post string }

func newPaint(st lipgloss.Style) paint {
	const mark = "\uE000" // private use: no style changes it
	out := st.Render(mark)
	i := strings.Index(out, mark)
	if i < 0 {
		return paint{}
	}
	return paint{pre: out[:i], post: out[i+len(mark):]}
}

// on paints s.
func (p paint) on(s string) string {
	if p.pre == "" && p.post == "" {
		return s
	}
	return p.pre + s + p.post
}

// palette is the screen's styles as paints.
type palette struct {
	muted, warn, good, header, selected, err paint
	flag                                     map[cadence.FlagKind]paint
}

func newPalette(s theme.Styles) palette {
	p := palette{
		muted: newPaint(s.Muted), warn: newPaint(s.Warn), good: newPaint(s.Good),
		header: newPaint(s.Header), selected: newPaint(s.Selected), err: newPaint(s.Error),
		flag: make(map[cadence.FlagKind]paint, len(s.Flag)),
	}
	for k, st := range s.Flag {
		p.flag[k] = newPaint(st)
	}
	return p
}
