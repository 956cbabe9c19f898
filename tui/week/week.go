// Package week is the Week screen: the seven days of a week in the config's
// time zone with every meeting the cadence calls for (time, kind, who,
// status), the QBRs still to schedule, and the flags panel. From it a
// meeting is opened, marked held, skipped or cancelled, or rescheduled.
package week

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"partnercadence/cadence"
	flagsui "partnercadence/tui/flags"
	"partnercadence/tui/list"
	"partnercadence/tui/session"
	"partnercadence/tui/theme"
)

// Model is the Week screen.
type Model struct {
	sess   *session.Session
	styles theme.Styles
	keys   KeyMap

	width, height int

	snap *session.Snapshot
	mePM bool // sess.Me is a partner manager

	start   cadence.Date // the Monday shown
	loadSeq int          // the latest load asked for; older answers are dropped
	loaded  bool         // occs and due are the week of start
	occs    []cadence.Occurrence
	due     []cadence.Occurrence

	rows  []row
	items []int // positions in rows that the cursor can be on, in the list's order
	// list is the cursor over the meetings (items) and their filter; the
	// rows scroll by offset, the day headings being rows too.
	list   list.Model
	offset int // first row shown
	selID  string

	mine       bool // "me" first (and the flags panel shows only mine)
	filter     string
	filterIn   textinput.Model
	filtering  bool
	confirming *confirmation
	form       *rescheduleForm
	oneOff     *oneOffForm

	// panel is set while the flags panel has the focus; flagList is its
	// cursor.
	panel      bool
	flagList   list.Model
	panelShown []cadence.Flag // the flags the panel lists
	panelTitle string

	// gen counts the changes to what the rows and the flags panel show;
	// cache holds them drawn for one gen.
	gen   int
	cache *renderCache
}

// invalidate marks the drawn rows and flags as out of date.
func (m *Model) invalidate() { m.gen++ }

// confirmation is a status change or a move waiting for y/n, with why it
// asks.
type confirmation struct {
	occ    cadence.Occurrence
	status cadence.MeetingStatus
	// move is set for a move to at; why says what is odd about it (or
	// about marking a future meeting held).
	move bool
	at   time.Time
	why  []string
}

// moveChecked carries what MoveConcerns says of a move the form asked for.
type moveChecked struct {
	occ cadence.Occurrence
	at  time.Time
	why []string
	err error
}

// New returns the Week screen on the week of today.
func New(sess *session.Session, styles theme.Styles) Model {
	m := Model{
		sess:     sess,
		styles:   styles,
		keys:     DefaultKeyMap(),
		start:    mondayOf(sess.Today()),
		cache:    &renderCache{},
		list:     list.New(),
		flagList: list.New(),
	}
	if me, ok := sess.MeMember(); ok && me.Role == cadence.RolePartnerManager {
		m.mePM, m.mine = true, true
	}
	m.filterIn = theme.EditInput(styles, "/ ", "", 30)
	m.relistPanel()
	m.updateKeys()
	return m
}

// Init loads the week.
func (m Model) Init() tea.Cmd { return m.load(m.loadSeq) }

// SetSize sets the size of the screen's body.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	m.invalidate()
	m.setHeights()
	m.scrollToCursor()
}

// setHeights gives the two lists their heights: the rows of the week and
// the flags panel's lines under its title.
func (m *Model) setHeights() {
	g := m.geometry()
	m.list.SetHeight(g.listH)
	m.flagList.SetHeight(g.flagsH - 1)
}

// SetStyles sets the styles.
func (m *Model) SetStyles(s theme.Styles) {
	m.styles = s
	m.invalidate()
	m.filterIn.SetStyles(theme.InputStyles(s))
	if m.form != nil {
		for i := range m.form.inputs {
			m.form.inputs[i].SetStyles(theme.InputStyles(s))
		}
	}
}

// Keys returns the keys that work now.
func (m Model) Keys() help.KeyMap { return m.keys }

// Capturing reports whether a text input has the keyboard.
func (m Model) Capturing() bool { return m.filtering || m.form != nil || m.oneOff != nil }

// Update handles data, keys and the screen's own messages.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case session.Loaded:
		m.setSnapshot(msg.Snapshot)
		cmd = m.reload()
	case loadedMsg:
		cmd = m.takeLoaded(msg)
	case oneOffChecked:
		cmd = m.takeOneOffChecked(msg)
	case moveChecked:
		switch {
		case msg.err != nil:
			cmd = func() tea.Msg { return session.Failed{What: "check the new time", Err: msg.err} }
		case len(msg.why) == 0:
			m.invalidate()
			m.selID = msg.occ.ID
			cmd = reschedule(m.sess, msg.occ, msg.at)
		default:
			m.confirming = &confirmation{occ: msg.occ, move: true, at: msg.at, why: msg.why}
		}
	case session.Flushed:
		// A row says "saving…" while its change waits in the outbox.
		m.invalidate()
	case tea.KeyPressMsg:
		cmd = m.key(msg)
	case tea.MouseWheelMsg:
		if m.confirming == nil && m.form == nil && m.oneOff == nil {
			if m.panel {
				m.flagList.Wheel(msg)
				m.invalidate()
			} else if m.list.Wheel(msg) {
				m.moved()
			}
		}
	default:
		if m.oneOff != nil {
			m.oneOff.inputs[m.oneOff.focus], cmd = m.oneOff.inputs[m.oneOff.focus].Update(msg)
		} else if m.form != nil {
			m.form.inputs[m.form.focus], cmd = m.form.inputs[m.form.focus].Update(msg)
		} else if m.filtering {
			m.filterIn, cmd = m.filterIn.Update(msg)
		}
	}
	m.updateKeys()
	return m, cmd
}

func (m *Model) setSnapshot(s *session.Snapshot) {
	m.snap = s
	m.invalidate()
	m.relistPanel()
}

// relistPanel lists the panel's flags anew (a snapshot, the me switch),
// its cursor staying on its flag.
func (m *Model) relistPanel() {
	m.panelShown, m.panelTitle = m.panelFlags()
	m.flagList.SetSource(flagsui.Source(m.panelShown), nil)
}

// ownerOf returns the owner of the partner with the given name, from the
// snapshot.
func (m *Model) ownerOf(partner string) string {
	if m.snap == nil {
		return ""
	}
	p, _ := m.snap.Partner(partner)
	return p.Partner.Owner
}

// reload asks for the week of m.start again.
func (m *Model) reload() tea.Cmd {
	m.loadSeq++
	return m.load(m.loadSeq)
}

// goTo shows the week starting on monday.
func (m *Model) goTo(monday cadence.Date) tea.Cmd {
	if monday == m.start {
		return nil
	}
	m.start, m.loaded, m.selID = monday, false, ""
	m.occs, m.due = nil, nil
	m.rebuild()
	return m.reload()
}

func (m *Model) takeLoaded(msg loadedMsg) tea.Cmd {
	if msg.seq != m.loadSeq || msg.start != m.start {
		return nil
	}
	if msg.err != nil {
		return func() tea.Msg { return session.Failed{What: "load the week", Err: msg.err} }
	}
	m.occs, m.due, m.loaded = msg.occs, msg.due, true
	m.rebuild()
	return nil
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	if m.confirming == nil && m.form == nil && !m.filtering {
		rk, why := m.ruleKeys()
		if err := theme.RefusedPress(msg, rk[:], why[:]); err != nil {
			return func() tea.Msg { return session.Failed{What: "change the meeting", Err: err} }
		}
	}
	switch {
	case m.confirming != nil:
		c := *m.confirming
		switch {
		case key.Matches(msg, k.Yes):
			m.confirming = nil
			m.invalidate()
			if c.move {
				m.selID = c.occ.ID
				return reschedule(m.sess, c.occ, c.at)
			}
			return setStatus(m.sess, c.occ, c.status)
		case key.Matches(msg, k.No):
			m.confirming = nil
		}
		return nil
	case m.oneOff != nil:
		return m.oneOffKey(msg)
	case m.form != nil:
		return m.formKey(msg)
	case m.filtering:
		return m.filterKey(msg)
	case m.panel:
		return m.panelKey(msg)
	}
	switch {
	case key.Matches(msg, k.FocusFlags):
		m.panel = true
		m.invalidate()
		return nil
	case key.Matches(msg, k.NewMeeting):
		day := m.sess.Today()
		if o, ok := m.selected(); ok && !o.Date.Before(day) {
			day = o.Date
		}
		m.oneOff = newOneOffForm(m.sess, m.styles, day, m.width)
		return m.oneOff.inputs[0].Focus()
	case m.list.HandleKey(msg, k.KeyMap):
		m.moved()
	case key.Matches(msg, k.PrevWeek):
		return m.goTo(m.start.AddDays(-7))
	case key.Matches(msg, k.NextWeek):
		return m.goTo(m.start.AddDays(7))
	case key.Matches(msg, k.Today):
		return m.goTo(mondayOf(m.sess.Today()))
	case key.Matches(msg, k.Me):
		m.mine = !m.mine
		m.rebuild()
		m.relistPanel()
	case key.Matches(msg, k.Filter):
		m.filtering = true
		m.filterIn.SetValue(m.filter)
		m.filterIn.CursorEnd()
		return m.filterIn.Focus()
	case key.Matches(msg, k.ClearFilter):
		m.setFilter("")
	case key.Matches(msg, k.Open):
		if o, ok := m.selected(); ok {
			id := o.ID
			return func() tea.Msg { return session.OpenMeeting{ID: id} }
		}
	case key.Matches(msg, k.Held):
		return m.mark(cadence.MeetingHeld)
	case key.Matches(msg, k.Skipped):
		return m.mark(cadence.MeetingSkipped)
	case key.Matches(msg, k.Cancelled):
		if o, ok := m.selected(); ok {
			if o.Status == cadence.MeetingCancelled {
				return m.mark(cadence.MeetingCancelled)
			}
			m.confirming = &confirmation{occ: o, status: cadence.MeetingCancelled}
		}
	case key.Matches(msg, k.Reschedule):
		if o, ok := m.selected(); ok {
			m.form = newRescheduleForm(o, m.sess, m.styles)
			return m.form.inputs[0].Focus()
		}
	}
	return nil
}

// TakesTab reports whether tab is the screen's own key now (it moves to the
// flags panel) rather than the root's next screen.
func (m Model) TakesTab() bool { return m.keys.FocusFlags.Enabled() }

// panelKey moves in the flags panel, opens a flag, or leaves the panel.
func (m *Model) panelKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.LeaveFlags):
		m.panel = false
		m.invalidate()
	case m.flagList.HandleKey(msg, k.KeyMap):
		m.invalidate()
	case key.Matches(msg, k.OpenFlag):
		if i, ok := m.flagList.Selected(); ok {
			f := m.panelShown[i]
			return func() tea.Msg { return flagsui.Open{Flag: f} }
		}
	}
	return nil
}

// mark sets the selected meeting's status; marking it with the status it
// has puts it back to scheduled, so a slip of the finger is one key to undo.
func (m *Model) mark(status cadence.MeetingStatus) tea.Cmd {
	o, ok := m.selected()
	if !ok {
		return nil
	}
	if o.Status == status {
		status = cadence.MeetingScheduled
	}
	if status == cadence.MeetingHeld && o.Scheduled() && o.Start.After(m.sess.Now()) {
		m.confirming = &confirmation{occ: o, status: status,
			why: []string{"it starts " + o.Start.In(loc(m.sess.Config)).Format("Mon Jan 2 15:04") + ", which is still ahead"}}
		return nil
	}
	m.invalidate()
	return setStatus(m.sess, o, status)
}

func (m *Model) filterKey(msg tea.KeyPressMsg) tea.Cmd {
	edit, cmd := list.EditFilter(msg, &m.filterIn, &m.list, list.FilterKeys{Accept: m.keys.Submit, Cancel: m.keys.Cancel})
	m.filtering = m.filtering && !edit.Ended()
	if edit.Changed() {
		m.setFilter(m.filterIn.Value())
	}
	return cmd
}

// setFilter filters the meetings fuzzily by v, in the week's order (a
// week has a few dozen meetings: matched at once).
func (m *Model) setFilter(v string) {
	if v == m.filter {
		return
	}
	m.filter = v
	m.list.SetQuery(v)
	m.rebuild()
}

func (m *Model) formKey(msg tea.KeyPressMsg) tea.Cmd {
	f := m.form
	switch {
	case key.Matches(msg, m.keys.Cancel):
		m.form = nil
		return nil
	case key.Matches(msg, m.keys.NextField):
		f.inputs[f.focus].Blur()
		f.focus = 1 - f.focus
		return f.inputs[f.focus].Focus()
	case key.Matches(msg, m.keys.Submit):
		at, err := f.parse(m.sess.Config)
		if err != nil {
			f.err = err.Error()
			return nil
		}
		m.form = nil
		return checkMove(m.sess, m.snap, f.occ, at)
	}
	var cmd tea.Cmd
	f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
	f.err = ""
	return cmd
}

// selected returns the meeting under the cursor.
func (m *Model) selected() (cadence.Occurrence, bool) {
	i, ok := m.list.Selected()
	if !ok {
		return cadence.Occurrence{}, false
	}
	return m.occAt(i), true
}

// occAt returns the list's item i: an occurrence of the week, or after
// them a QBR to schedule.
func (m *Model) occAt(i int) cadence.Occurrence {
	if i < len(m.occs) {
		return m.occs[i]
	}
	return m.due[i-len(m.occs)]
}

// cursorRow returns the row of the cursor's meeting; false with none.
func (m *Model) cursorRow() (int, bool) {
	p := m.list.Cursor()
	if p < 0 || p >= len(m.items) || m.list.Len() == 0 {
		return 0, false
	}
	return m.items[p], true
}

func (m *Model) occOf(r row) cadence.Occurrence {
	if r.kind == rowDue {
		return m.due[r.occ]
	}
	return m.occs[r.occ]
}

// moved follows the list's cursor: the meeting it is on, the rows shown.
func (m *Model) moved() {
	if o, ok := m.selected(); ok {
		m.selID = o.ID
	}
	m.scrollToCursor()
}

// updateKeys turns each key on or off for the state the screen is in: the
// one place that decides what help shows.
func (m *Model) updateKeys() {
	k := &m.keys
	prompt := m.confirming != nil || m.form != nil || m.filtering || m.oneOff != nil
	panelFlags := m.panelShown
	inPanel := m.panel && !prompt
	onList := !prompt && !m.panel
	_, has := m.selected()
	for _, b := range []*bindingRef{
		{&k.Up, onList || inPanel}, {&k.Down, onList || inPanel}, {&k.Top, onList || inPanel}, {&k.Bottom, onList || inPanel},
		// Pages only where there is more than a screen: else they are g
		// and G again, and the help at 80×24 has no line to spare.
		{&k.PageUp, (onList && len(m.rows) > m.list.Height()) || (inPanel && len(panelFlags) > m.flagList.Height())},
		{&k.PageDown, (onList && len(m.rows) > m.list.Height()) || (inPanel && len(panelFlags) > m.flagList.Height())},
		{&k.FocusFlags, onList && len(panelFlags) > 0}, {&k.OpenFlag, inPanel && len(panelFlags) > 0}, {&k.LeaveFlags, inPanel},
		{&k.PrevWeek, onList}, {&k.NextWeek, onList}, {&k.Today, onList && m.start != mondayOf(m.sess.Today())},
		{&k.Open, onList && has}, {&k.Held, onList && has}, {&k.Skipped, onList && has},
		{&k.Cancelled, onList && has}, {&k.Reschedule, onList && has},
		{&k.Me, onList && m.mePM}, {&k.NewMeeting, onList}, {&k.Filter, onList}, {&k.ClearFilter, onList && m.filter != ""},
		{&k.Yes, m.confirming != nil}, {&k.No, m.confirming != nil},
		{&k.Submit, m.form != nil || m.filtering}, {&k.NextField, m.form != nil},
		{&k.Cancel, m.form != nil || m.filtering},
	} {
		b.binding.SetEnabled(b.on)
	}
	if m.filtering {
		k.Submit.SetHelp("enter", "apply filter")
	} else {
		k.Submit.SetHelp("enter", "save")
	}
	rk, why := m.ruleKeys()
	theme.AllowKeys(rk[:], why[:])
}

// ruleKeys returns the keys that change the selected meeting, with why me
// may not use them on it.
func (m *Model) ruleKeys() (keys [4]*key.Binding, why [4]error) {
	o, ok := m.selected()
	if !ok {
		return keys, why
	}
	k := &m.keys
	var partners []cadence.PartnerActivity
	if m.snap != nil {
		partners = m.snap.Partners
	}
	status := m.sess.MayChangeMeeting(partners, o.ID, o.Record, cadence.PartStatus, cadence.ActionChange{})
	keys = [4]*key.Binding{&k.Held, &k.Skipped, &k.Cancelled, &k.Reschedule}
	why = [4]error{status, status, status, m.sess.MayChangeMeeting(partners, o.ID, o.Record, cadence.PartTime, cadence.ActionChange{})}
	return keys, why
}

// rebuild lays out the rows from the occurrences, the filter and the me
// switch, keeping the cursor on the same meeting when it is still there.
func (m *Model) rebuild() {
	m.invalidate()
	src := m.source()
	// The list's order is the meetings' order on screen, before the
	// filter: it narrows that order without reordering it.
	var order []int
	for _, r := range layout(m, false) {
		if i, ok := m.itemOf(r); ok {
			order = append(order, i)
		}
	}
	if order == nil {
		order = []int{}
	}
	m.list.SetRanked(false)
	m.list.SetSource(src, order)
	m.rows, m.items = layout(m, true), m.items[:0:0]
	for i, r := range m.rows {
		if r.kind == rowOcc || r.kind == rowDue {
			m.items = append(m.items, i)
		}
	}
	if o, ok := m.selected(); !ok || o.ID != m.selID {
		// First time on this week, or its meeting gone: a partner
		// manager's next 1:1, else the first meeting from today on.
		p := 0
		today := m.sess.Today()
		for i, ri := range m.items {
			if !m.occOf(m.rows[ri]).Date.Before(today) {
				p = i
				break
			}
		}
		if i, ok := m.nextOneOnOne(); ok {
			p = i
		}
		m.list.Select(p)
	}
	if o, ok := m.selected(); ok {
		m.selID = o.ID
	}
	m.setHeights()
	m.scrollToCursor()
}

// source is the list's Source over the week's meetings: the occurrences,
// then the QBRs to schedule; each named by its ID and filtered by its
// title, who it is with, its kind and status.
func (m *Model) source() weekSource {
	s := weekSource{ids: make([]string, 0, len(m.occs)+len(m.due)), hays: make([]string, 0, len(m.occs)+len(m.due))}
	for _, occs := range [][]cadence.Occurrence{m.occs, m.due} {
		for _, o := range occs {
			s.ids = append(s.ids, o.ID)
			s.hays = append(s.hays, theme.OneLine(o.Title+"  "+m.who(o)+"  "+kindLabel(o.Kind)+"  "+string(o.Status)))
		}
	}
	return s
}

// weekSource is the Week's meetings as a list.Source.
type weekSource struct{ ids, hays []string }

func (s weekSource) Len() int                 { return len(s.ids) }
func (s weekSource) Key(i int) string         { return s.ids[i] }
func (s weekSource) FilterValue(i int) string { return s.hays[i] }

// itemOf returns the list item of a meeting's row.
func (m *Model) itemOf(r row) (int, bool) {
	switch r.kind {
	case rowOcc:
		return r.occ, true
	case rowDue:
		return len(m.occs) + r.occ, true
	}
	return 0, false
}

// nextOneOnOne returns the position in items of me's next 1:1 (the first
// not over yet and not cancelled), when me is a partner manager and it is
// in the week shown.
func (m *Model) nextOneOnOne() (int, bool) {
	if !m.mePM {
		return 0, false
	}
	now, me := m.sess.Now(), cadence.NameKey(m.sess.Me)
	for i, ri := range m.items {
		o := m.occOf(m.rows[ri])
		if o.Kind == cadence.KindOneOnOne && cadence.NameKey(o.Member) == me && o.End.After(now) &&
			o.Status != cadence.MeetingCancelled && o.Status != cadence.MeetingSkipped {
			return i, true
		}
	}
	return 0, false
}

// isMine reports whether o is one of me's own: my 1:1, a QBR of a
// partner I own.
func (m *Model) isMine(o cadence.Occurrence) bool {
	me := cadence.NameKey(m.sess.Me)
	switch o.Kind {
	case cadence.KindOneOnOne:
		return cadence.NameKey(o.Member) == me
	case cadence.KindQBR:
		return cadence.NameKey(m.ownerOf(o.Partner)) == me
	}
	return false
}

// who is the person or partner a meeting is with.
func (m *Model) who(o cadence.Occurrence) string {
	switch o.Kind {
	case cadence.KindOneOnOne:
		return o.Member
	case cadence.KindQBR:
		if owner := m.ownerOf(o.Partner); owner != "" {
			return o.Partner + " · " + owner
		}
		return o.Partner
	}
	return strings.Join(o.Attendees, ", ")
}

// rowKind is what a row of the week shows.
type rowKind int

const (
	rowDay     rowKind = iota // a day's heading (with "no meetings" when empty)
	rowOcc                    // a meeting on that day
	rowDueHead                // the heading of the QBRs to schedule
	rowDue                    // a QBR to schedule
)

type row struct {
	kind  rowKind
	date  cadence.Date
	date2 cadence.Date // a weekend shown on one line: Sunday
	empty bool         // a day with no meetings
	occ   int          // index into occs (rowOcc) or due (rowDue)
}

// layout returns the rows of the week: each day with its meetings (mine
// first when the me switch is on), an empty weekend on one line, then the
// QBRs to schedule; filtered, only the meetings the list's filter lets
// through.
func layout(m *Model, filtered bool) []row {
	matches := func(item int) bool { return !filtered || m.list.Matches(item) }
	byDay := make([][]int, 7)
	for i, o := range m.occs {
		if d := o.Date.Sub(m.start); d >= 0 && d < 7 && matches(i) {
			byDay[d] = append(byDay[d], i)
		}
	}
	var rows []row
	for d := 0; d < 7; d++ {
		date := m.start.AddDays(d)
		if d == 5 && len(byDay[5]) == 0 && len(byDay[6]) == 0 {
			rows = append(rows, row{kind: rowDay, date: date, date2: date.AddDays(1), empty: true})
			break
		}
		day := byDay[d]
		rows = append(rows, row{kind: rowDay, date: date, empty: len(day) == 0})
		if m.mine {
			slices.SortStableFunc(day, func(a, b int) int { return boolRank(m.isMine(m.occs[a])) - boolRank(m.isMine(m.occs[b])) })
		}
		for _, i := range day {
			rows = append(rows, row{kind: rowOcc, date: date, occ: i})
		}
	}
	var due []int
	for i := range m.due {
		if matches(len(m.occs) + i) {
			due = append(due, i)
		}
	}
	if len(due) > 0 {
		if m.mine {
			slices.SortStableFunc(due, func(a, b int) int { return boolRank(m.isMine(m.due[a])) - boolRank(m.isMine(m.due[b])) })
		}
		rows = append(rows, row{kind: rowDueHead})
		for _, i := range due {
			rows = append(rows, row{kind: rowDue, occ: i, date: m.due[i].Date})
		}
	}
	return rows
}

func boolRank(mine bool) int {
	if mine {
		return 0
	}
	return 1
}

// rescheduleForm asks for a new date and time.
type rescheduleForm struct {
	occ    cadence.Occurrence
	inputs [2]textinput.Model // date, time
	focus  int
	err    string
}

func newRescheduleForm(o cadence.Occurrence, sess *session.Session, styles theme.Styles) *rescheduleForm {
	l := loc(sess.Config)
	date, clock := "", "10:00"
	switch {
	case o.Holiday:
		// The key that moves it: the next working day, same time.
		date, clock = sess.Config.NextWorkingDay(o.Date).String(), o.Start.In(l).Format("15:04")
	case o.Scheduled():
		date, clock = o.Start.In(l).Format("2006-01-02"), o.Start.In(l).Format("15:04")
	case o.Kind == cadence.KindQBR:
		// The first day of the window still ahead, if any.
		d := sess.Today()
		if d.Before(o.Window[0]) || d.After(o.Window[1]) {
			d = o.Window[0]
		}
		date = d.String()
	}
	f := &rescheduleForm{occ: o}
	f.inputs[0] = theme.EditInput(styles, "date ", date, 10)
	f.inputs[1] = theme.EditInput(styles, "time ", clock, 5)
	return f
}

// parse reads the form: a date and time in the config's zone; a QBR's date
// must lie in its window.
func (f *rescheduleForm) parse(cfg *cadence.Config) (time.Time, error) {
	ds, cs := strings.TrimSpace(f.inputs[0].Value()), strings.TrimSpace(f.inputs[1].Value())
	d, err := time.Parse("2006-01-02", ds)
	if err != nil {
		return time.Time{}, fmt.Errorf("date: %q is not a date (use YYYY-MM-DD)", ds)
	}
	c, err := cadence.ParseClock(cs)
	if err != nil {
		return time.Time{}, fmt.Errorf("time: %w", err)
	}
	date := cadence.DateOf(d)
	if o := f.occ; o.Kind == cadence.KindQBR && (date.Before(o.Window[0]) || date.After(o.Window[1])) {
		return time.Time{}, fmt.Errorf("date: %s is outside the %s QBR window (%s – %s)",
			date, o.Quarter, o.Window[0].String(), o.Window[1].String())
	}
	return date.At(c, loc(cfg)), nil
}

type bindingRef struct {
	binding *key.Binding
	on      bool
}
