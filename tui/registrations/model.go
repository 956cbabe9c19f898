// Package registrations is the Registrations screen: the deal-registration
// queue, most urgent first (overdue, conflicts, lapsed, expiring, then the
// rest), a status filter that also reaches closed registrations, a text
// filter, each registration's details, and approve, reject, won and lost,
// each confirmed before it is written.
package registrations

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"partnercadence/cadence"
	"partnercadence/store"
	"partnercadence/tui/list"
	"partnercadence/tui/session"
	"partnercadence/tui/theme"
)

// statusFilter is which registrations the queue lists.
type statusFilter int

// The status filters, in the order f cycles through them.
const (
	filterOpen statusFilter = iota
	filterSubmitted
	filterApproved
	filterWon
	filterLost
	filterRejected
	filterExpired
	filterAll
	filterCount
)

var filterNames = [filterCount]string{"open", "submitted", "approved", "won", "lost", "rejected", "expired", "all"}

// closedStatus is the status a filter of closed registrations reads from
// the store; "" for the filters the snapshot answers.
var closedStatus = [filterCount]cadence.RegStatus{
	filterWon: cadence.RegWon, filterLost: cadence.RegLost, filterRejected: cadence.RegRejected, filterExpired: cadence.RegExpired,
}

// closedLimit is how many closed registrations a filter lists: the newest.
const closedLimit = 200

// closedLoaded carries closed registrations read for a filter.
type closedLoaded struct {
	filter statusFilter
	regs   []cadence.Registration
	err    error
}

// loadClosed reads the newest closed registrations for filter f: one status,
// or for "all" every closed status merged.
func loadClosed(st *store.Store, f statusFilter) tea.Cmd {
	return func() tea.Msg {
		msg := closedLoaded{filter: f}
		statuses := []cadence.RegStatus{closedStatus[f]}
		if f == filterAll {
			statuses = []cadence.RegStatus{cadence.RegWon, cadence.RegLost, cadence.RegRejected, cadence.RegExpired}
		}
		for _, s := range statuses {
			regs, err := st.RegistrationsByStatus(s, closedLimit)
			if err != nil {
				msg.err = err
				return msg
			}
			msg.regs = append(msg.regs, regs...)
		}
		sortClosed(msg.regs)
		if len(msg.regs) > closedLimit {
			msg.regs = msg.regs[:closedLimit]
		}
		return msg
	}
}

// Model is the Registrations screen.
type Model struct {
	sess   *session.Session
	styles theme.Styles
	keys   KeyMap

	width, height int

	snap   *session.Snapshot
	queue  []item // the open registrations, most urgent first
	status statusFilter
	closed []item // closed registrations for the status filter
	// closedState says whether closed holds the filter's registrations:
	// loading, loaded or failed.
	closedLoading bool
	closedErr     error

	items  []item            // what the status filter lists
	list   list.Model        // the cursor over items, the mine filter and the text filter
	cache  map[string]string // registration ID → rendered row (not under the cursor), exactly width wide
	cols   []theme.Column
	gutter string         // spaces left of a row
	marker string         // the cursor row's gutter: "▸ "
	pad    string         // spaces after the last column, when the columns do not fill the width
	urgent [catClosed]int // open registrations by category

	filter    textinput.Model
	filtering bool

	inDetail  bool
	detailID  string
	detailReg *cadence.Registration // read from the store; nil until then
	detailErr error
	detailTop int

	// me is the NameKey of a partner manager using this copy ("" for
	// anyone else); mine lists only their registrations: of their partners,
	// or decided by them.
	me   string
	mine bool
	// owners is each partner's owner by the partner's name as stored (a
	// registration names its partner so), from the snapshot: the rules
	// and the mine filter ask it for every row.
	owners map[string]string
	// backOnEsc is set when another screen showed a registration (Show):
	// esc from its detail goes back there.
	backOnEsc bool
	// stayPut keeps the cursor's place, not its registration, at the next
	// snapshot: a decided registration leaves the top of the queue, and the
	// cursor stays with the queue.
	stayPut bool
	// form adds, edits or extends a registration; nil while closed.
	form *regForm

	confirming bool
	pending    pendingAction // confirmed or being confirmed
	writing    string        // the ref of a write under way
	note       string        // a refusal or an error, shown until the next key
}

// New builds the screen; it shows nothing until the first session.Loaded.
func New(sess *session.Session, styles theme.Styles) Model {
	m := Model{sess: sess, styles: styles, keys: DefaultKeyMap(), cache: map[string]string{}, list: list.New()}
	m.filter = theme.NewInput(styles, "/ ", "partner, account or ID")
	if me, ok := sess.MeMember(); ok && me.Role == cadence.RolePartnerManager {
		m.me, m.mine = cadence.NameKey(me.Name), true
	}
	m.syncKeys()
	return m
}

// Show opens the detail of registration id, for another screen (the Flags
// screen), with its decisions at hand: esc from it sends session.Back, to
// return there. The queue's cursor moves onto it when the queue lists it.
func (m Model) Show(id string) (Model, tea.Cmd) {
	r := cadence.Registration{ID: id}
	if m.list.SelectKey(id) {
		r, _ = m.selectedRegistration()
	}
	m, cmd := m.openDetail(r)
	m.backOnEsc = true
	m.syncKeys()
	return m, cmd
}

// Init loads nothing: the root delivers the snapshot.
func (m Model) Init() tea.Cmd { return nil }

// SetSize gives the screen its body size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	g := min(gutter, m.width)
	m.cols = theme.Layout(regColumns(), m.width-g)
	m.gutter = strings.Repeat(" ", g)
	m.marker = string([]rune("▸ ")[:g])
	m.pad = strings.Repeat(" ", max(m.width-g-theme.ColumnsWidth(m.cols), 0))
	m.filter.SetWidth(max(m.width-4, 1))
	m.cache = map[string]string{}
	m.list.SetHeight(m.listRows())
}

// SetStyles replaces the styles (the terminal's background changed).
func (m *Model) SetStyles(s theme.Styles) {
	m.styles = s
	m.filter.SetStyles(theme.InputStyles(s))
	m.cache = map[string]string{}
}

// Keys returns the keys active now.
func (m Model) Keys() help.KeyMap { return m.keys }

// Capturing reports whether the filter has focus or a confirmation waits
// for its answer.
func (m Model) Capturing() bool { return m.filtering || m.confirming || m.form != nil }

// Update handles the snapshot, the screen's own messages, keys and the mouse
// wheel.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	m, cmd := m.update(msg)
	m.list.SetHeight(m.listRows()) // the filter line and the footer come and go
	m.syncKeys()
	return m, cmd
}

func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case session.Loaded:
		return m.loaded(msg.Snapshot)
	case closedLoaded:
		if msg.filter == m.status {
			m.closedLoading, m.closedErr = false, msg.err
			m.closed = closedItems(msg.regs, m.sess.Today())
			m.cache = map[string]string{}
			m.relist()
		}
		return m, nil
	case detailLoaded:
		if msg.id == m.detailID {
			m.detailReg, m.detailErr = msg.reg, msg.err
		}
		return m, nil
	case session.Saved:
		if m.writing != "" && msg.Ref == m.writing {
			m.writing, m.note = "", ""
		}
		return m, nil
	case session.Failed:
		if m.writing != "" && msg.What == m.pending.what() {
			m.writing = ""
			m.note = msg.Error()
			if errors.Is(msg.Err, cadence.ErrNotAllowed) {
				m.note = msg.Err.Error() // one line: who may
			}
		}
		return m, nil
	case list.Matched:
		m.list.Apply(msg)
		return m, nil
	case tea.MouseWheelMsg:
		return m.wheel(msg), nil
	case tea.KeyPressMsg:
		return m.key(msg)
	}
	if m.filtering {
		var cmd tea.Cmd
		m.filter, cmd = m.filter.Update(msg)
		return m, tea.Batch(cmd, m.setQuery(m.filter.Value()))
	}
	return m, nil
}

// loaded takes a new snapshot, keeping the cursor on the same registration,
// and rereads what the snapshot does not hold (closed registrations, the
// detail's registration).
func (m Model) loaded(snap *session.Snapshot) (Model, tea.Cmd) {
	m.snap = snap
	m.owners = make(map[string]string, len(snap.Partners))
	for _, p := range snap.Partners {
		m.owners[p.Partner.Name] = p.Partner.Owner
	}
	m.queue = buildQueue(snap, m.sess.Config, m.sess.Today())
	m.urgent = [catClosed]int{}
	for _, it := range m.queue {
		m.urgent[it.cat]++
	}
	m.cache = map[string]string{}
	m.relist()
	var cmds []tea.Cmd
	if m.needsClosed() {
		m.closedLoading = true
		cmds = append(cmds, loadClosed(m.sess.Store, m.status))
	}
	if m.inDetail {
		cmds = append(cmds, loadDetail(m.sess.Store, m.detailID))
	}
	return m, tea.Batch(cmds...)
}

func (m Model) needsClosed() bool { return m.status >= filterWon }

// relist lists what the status filter and the mine switch let through,
// keeping the cursor on the same registration when it can (else in its
// place); the list applies the text filter.
func (m *Model) relist() {
	switch m.status {
	case filterOpen:
		m.items = m.queue
	case filterSubmitted, filterApproved:
		want := cadence.RegSubmitted
		if m.status == filterApproved {
			want = cadence.RegApproved
		}
		m.items = nil
		for _, it := range m.queue {
			if it.reg.Status == want {
				m.items = append(m.items, it)
			}
		}
	case filterAll:
		m.items = append(slices.Clip(m.queue), m.closed...)
	default:
		m.items = m.closed
	}
	m.list.SetHeight(m.listRows())
	if m.stayPut {
		m.stayPut = false
		m.list.SetSourceInPlace(itemSource(m.items), m.mineOrder())
		return
	}
	m.list.SetSource(itemSource(m.items), m.mineOrder())
}

// mineOrder is the items the mine switch lets through, in queue order;
// nil (all of them) when it is off.
func (m *Model) mineOrder() []int {
	if !m.mine {
		return nil
	}
	order := make([]int, 0, len(m.items))
	for i, it := range m.items {
		if m.isMine(it.reg) {
			order = append(order, i)
		}
	}
	return order
}

// isMine reports whether r is me's: of one of their partners, or decided
// by them.
func (m *Model) isMine(r cadence.Registration) bool {
	return cadence.NameKey(r.Owner) == m.me || cadence.NameKey(m.partnerOwner(r.Partner)) == m.me
}

// setQuery sets the text filter; over many registrations the match runs
// in the Cmd it returns.
func (m *Model) setQuery(q string) tea.Cmd {
	defer m.list.SetHeight(m.listRows()) // the filter line comes and goes
	return m.list.SetQuery(q)
}

func (m Model) selected() (item, bool) {
	i, ok := m.list.Selected()
	if !ok {
		return item{}, false
	}
	return m.items[i], true
}

func (m Model) selectedRegistration() (cadence.Registration, bool) {
	it, ok := m.selected()
	return it.reg, ok
}

func (m Model) selectedID() string {
	it, ok := m.selected()
	if !ok {
		return ""
	}
	return it.reg.ID
}

// regRef is the registration an action would apply to.
type regRef struct {
	reg cadence.Registration
	ok  bool
}

func (m Model) selectedRef() regRef {
	it, ok := m.selected()
	return regRef{it.reg, ok}
}

func (m Model) detailRef() regRef {
	if m.detailReg == nil {
		return regRef{}
	}
	return regRef{*m.detailReg, true}
}

// listRows is how many registrations fit under the headers.
func (m Model) listRows() int {
	return max(m.height-m.headerLines()-m.footerLines(), 1)
}

func (m Model) headerLines() int {
	if m.filtering || m.list.Query() != "" {
		return 3
	}
	return 2
}

func (m Model) footerLines() int {
	if m.footer() != "" {
		return 1
	}
	return 0
}

func (m Model) wheel(msg tea.MouseWheelMsg) Model {
	if m.confirming {
		return m
	}
	if m.inDetail {
		switch msg.Button {
		case tea.MouseWheelUp:
			m.detailTop -= list.WheelStep
		case tea.MouseWheelDown:
			m.detailTop += list.WheelStep
		}
		m.clampDetail()
		return m
	}
	m.list.Wheel(msg)
	return m
}

func (m Model) key(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	m.note = ""
	rk, why := m.ruleKeys()
	if err := theme.RefusedPress(msg, rk[:], why[:]); err != nil && !m.confirming && !m.filtering && m.form == nil {
		return m, func() tea.Msg { return session.Failed{What: "change registration", Err: err} }
	}
	switch {
	case m.form != nil:
		return m.formKey(msg)
	case m.confirming:
		return m.confirmKey(msg)
	case m.filtering:
		return m.filterKey(msg)
	case m.inDetail:
		return m.detailKey(msg)
	}
	k := m.keys
	if m.backOnEsc && m.list.Query() == "" && msg.String() == "esc" {
		// Shown for another screen (a flag's new registration, saved):
		// esc goes back there.
		m.backOnEsc = false
		return m, backCmd
	}
	if m.list.HandleKey(msg, k.KeyMap) {
		return m, nil
	}
	switch {
	case key.Matches(msg, k.Open):
		if it, ok := m.selected(); ok {
			return m.openDetail(it.reg)
		}
	case key.Matches(msg, k.Filter):
		m.filtering = true
		m.filter.SetValue(m.list.Query())
		m.filter.CursorEnd()
		m.list.SetHeight(m.listRows())
		return m, m.filter.Focus()
	case key.Matches(msg, k.ClearFilter):
		m.filter.SetValue("")
		return m, m.setQuery("")
	case key.Matches(msg, k.Status):
		m.status = (m.status + 1) % filterCount
		m.closed, m.closedErr, m.closedLoading = nil, nil, false
		m.relist()
		m.list.Select(0)
		if m.needsClosed() {
			m.closedLoading = true
			return m, loadClosed(m.sess.Store, m.status)
		}
	case key.Matches(msg, k.Mine):
		m.mine = !m.mine
		m.relist()
	case key.Matches(msg, k.Approve):
		return m.ask(actApprove, m.selectedRef())
	case key.Matches(msg, k.Reject):
		return m.ask(actReject, m.selectedRef())
	case key.Matches(msg, k.Won):
		return m.ask(actWon, m.selectedRef())
	case key.Matches(msg, k.Lost):
		return m.ask(actLost, m.selectedRef())
	case key.Matches(msg, k.Expired):
		return m.ask(actExpired, m.selectedRef())
	case key.Matches(msg, k.Add):
		return m.openForm(formAdd, cadence.Registration{
			Submitted: m.sess.Today(), Attribution: cadence.Sourced, Status: cadence.RegSubmitted,
		})
	case key.Matches(msg, k.Edit):
		if r := m.selectedRef(); r.ok {
			return m.openForm(formEdit, r.reg)
		}
	case key.Matches(msg, k.Extend):
		return m.extend(m.selectedRef())
	}
	return m, nil
}

// extend opens the form for a new expires date, or says why it cannot.
func (m Model) extend(r regRef) (Model, tea.Cmd) {
	if !r.ok {
		return m, nil
	}
	if why := actExtend.refusal(r.reg.ID, r.reg.Status); why != "" {
		m.note = why
		return m, nil
	}
	return m.openForm(formExtend, r.reg)
}

// filterKey handles keys while the filter has focus: the arrows still move
// the cursor, enter keeps the filter, esc drops it.
func (m Model) filterKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.keys
	edit, cmd := list.EditFilter(msg, &m.filter, &m.list, list.FilterKeys{Accept: k.Accept, Cancel: k.Cancel, Up: k.ArrowUp, Down: k.ArrowDown})
	m.filtering = m.filtering && !edit.Ended()
	if edit == list.FilterKept {
		m.list.SetHeight(m.listRows())
	}
	if edit.Changed() {
		cmd = tea.Batch(cmd, m.setQuery(m.filter.Value()))
	}
	return m, cmd
}

// View draws the screen in exactly the size SetSize gave.
func (m Model) View() string {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		return ""
	}
	if m.snap == nil {
		return theme.Frame([]string{m.styles.Muted.Render("loading registrations…")}, w, h)
	}
	var lines []string
	if m.form != nil {
		lines = m.formView()
		for i, l := range lines {
			lines[i] = theme.Pad(l, w)
		}
	} else if m.inDetail {
		lines = m.detailView()
		lines = lines[min(m.detailTop, max(len(lines)-1, 0)):]
		for i, l := range lines {
			lines[i] = theme.Pad(l, w)
		}
	} else {
		// The list's lines are exactly w wide already: measuring 40 of them
		// again would cost more than the rest of a keypress.
		lines = m.listView()
	}
	foot := m.footer()
	bodyH := h
	if foot != "" {
		bodyH--
	}
	if len(lines) > bodyH {
		lines = lines[:max(bodyH, 0)]
	}
	blank := strings.Repeat(" ", w)
	for len(lines) < bodyH {
		lines = append(lines, blank)
	}
	if foot != "" {
		lines = append(lines, theme.Pad(foot, w))
	}
	return strings.Join(lines, "\n")
}

// footer is the bottom line: a confirmation, a write under way, or a
// refusal; "" when there is none.
func (m Model) footer() string {
	st := m.styles
	switch {
	case m.confirming:
		return st.Warn.Render(theme.OneLine(m.pending.question(m.sess.Config.Currency)))
	case m.writing != "":
		return st.Muted.Render(theme.OneLine(m.pending.progress()))
	case m.note != "":
		return st.Error.Render(theme.OneLine(m.note))
	}
	return ""
}

// listView draws the queue's lines, each exactly as wide as the screen.
func (m Model) listView() []string {
	st := m.styles
	w := m.width
	lines := []string{theme.Pad(m.summary(), w)}
	if m.filtering {
		lines = append(lines, theme.Pad(m.filter.View(), w))
	} else if q := m.list.Query(); q != "" {
		lines = append(lines, theme.Pad(st.Muted.Render("/ "+theme.OneLine(q)+"  (esc clears)"), w))
	}
	titles := make([]string, len(m.cols))
	for i, c := range m.cols {
		titles[i] = c.Title
	}
	lines = append(lines, m.gutter+st.Header.Render(theme.RenderCells(m.cols, titles))+m.pad)
	if m.list.Len() == 0 {
		var msg string
		switch {
		case m.closedLoading:
			msg = "loading " + filterNames[m.status] + " registrations…"
		case m.closedErr != nil:
			return append(lines, theme.Pad(st.Error.Render("  could not read them: "+theme.OneLine(m.closedErr.Error())), w))
		case m.list.Query() != "":
			msg = fmt.Sprintf("no %s registration matches %q: esc clears the filter", filterNames[m.status], theme.OneLine(m.list.Query()))
		case m.mine:
			msg = fmt.Sprintf("none of your registrations is %s · m shows everyone's, f another status", filterNames[m.status])
		default:
			msg = fmt.Sprintf("no %s registrations · f shows another status", filterNames[m.status])
		}
		return append(lines, theme.Pad(st.Muted.Render("  "+msg), w))
	}
	from, to := m.list.Visible()
	for p := from; p < to; p++ {
		it := m.items[m.list.Item(p)]
		if p == m.list.Cursor() {
			lines = append(lines, st.Selected.Render(m.marker+theme.RenderCells(m.cols, m.cells(it, false))+m.pad))
			continue
		}
		lines = append(lines, m.row(it))
	}
	return lines
}

// row renders an item not under the cursor, from the cache when it can.
func (m Model) row(it item) string {
	if s, ok := m.cache[it.reg.ID]; ok {
		return s
	}
	s := m.gutter + theme.RenderCells(m.cols, m.cells(it, true)) + m.pad
	m.cache[it.reg.ID] = s
	return s
}

// summary is the top line: the status filter, counts by urgency.
func (m Model) summary() string {
	st := m.styles
	count := fmt.Sprintf("%s: %d", filterNames[m.status], len(m.items))
	switch {
	case m.mine:
		count = fmt.Sprintf("mine, %s: %d of %d (m: everyone's)", filterNames[m.status], m.list.Len(), len(m.items))
	case m.me != "":
		count = fmt.Sprintf("everyone's, %s: %d of %d (m: mine)", filterNames[m.status], m.list.Len(), len(m.items))
	case m.list.Query() != "":
		count = fmt.Sprintf("%s: %d of %d", filterNames[m.status], m.list.Len(), len(m.items))
	}
	parts := []string{st.Header.Render("Registrations"), count}
	if m.status == filterOpen || m.status == filterAll {
		n := m.urgent
		for _, c := range []struct {
			cat  category
			name string
			kind cadence.FlagKind
		}{
			{catOverdue, "overdue", cadence.FlagRegistrationOverdue},
			{catConflict, "in conflict", cadence.FlagRegistrationConflict},
			{catLapsed, "lapsed", cadence.FlagRegistrationLapsed},
			{catExpiring, "expiring", cadence.FlagRegistrationExpiring},
		} {
			if n[c.cat] > 0 {
				parts = append(parts, st.Flag[c.kind].Render(fmt.Sprintf("%d %s", n[c.cat], c.name)))
			}
		}
	}
	if m.needsClosed() && len(m.closed) >= closedLimit {
		parts = append(parts, st.Muted.Render(fmt.Sprintf("closed: the newest %d", closedLimit)))
	}
	return strings.Join(parts, " · ")
}
