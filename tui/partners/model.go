// Package partners is the Partners screen: a table of every partner with its
// tier, type, owner, status, days since the last inbound touch, open
// registrations and flags; a fuzzy filter and sorts; a detail view with the
// partner's timeline; a form to add or edit a partner; and a few-keystroke
// way to log a touchpoint.
//
// The table is drawn for 5,000 partners within a millisecond a key: only the
// visible rows are rendered, and each rendered row is cached until the data,
// the width or the styles change.
package partners

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"partnercadence/cadence"
	"partnercadence/tui/list"
	"partnercadence/tui/session"
	"partnercadence/tui/theme"
)

// Model is the Partners screen.
type Model struct {
	sess   *session.Session
	styles theme.Styles
	keys   KeyMap

	width, height int

	snap *session.Snapshot
	tbl  table

	filter    textinput.Model
	filtering bool   // the filter input has focus
	query     string // the filter applied to the table

	inDetail bool
	detail   detail

	form *form // nil while closed

	log *logFlow // nil while closed

	// me is the NameKey of a partner manager using this copy, "" for anyone
	// else: their table opens on their own partners (tbl.mine), and m
	// switches to everyone's.
	me string

	// selectName is a partner to put the cursor on once the next snapshot
	// holds it (after adding one).
	selectName string
	// deleting is the question D asked; nil while none waits.
	deleting *deleteAsk
	// dropping is the touchpoint d asks to delete; nil while no question
	// waits.
	dropping *cadence.Touchpoint
	// backOnEsc is set when another screen showed a partner (Show): esc
	// from its detail goes back there.
	backOnEsc bool
}

// Show opens the detail of the partner named name, for another screen (the
// Flags screen): esc from it sends session.Back, to return there.
func (m Model) Show(name string) (Model, tea.Cmd) {
	m, cmd := m.openDetail(name)
	m.backOnEsc = true
	m.syncKeys()
	return m, cmd
}

// New builds the screen; it shows nothing until the first session.Loaded.
func New(sess *session.Session, styles theme.Styles) Model {
	m := Model{sess: sess, styles: styles, keys: DefaultKeyMap(), tbl: newTable()}
	m.filter = theme.NewInput(styles, "/ ", "name, owner, type or status")
	if me, ok := sess.MeMember(); ok && me.Role == cadence.RolePartnerManager {
		m.me = cadence.NameKey(me.Name)
		m.tbl.mine = m.me
	}
	m.syncKeys()
	return m
}

// Init loads nothing: the root delivers the snapshot.
func (m Model) Init() tea.Cmd { return nil }

// SetSize gives the screen its body size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	m.tbl.setWidth(m.width)
	m.tbl.list.SetHeight(m.tableRows())
	if m.inDetail {
		m.detail.list.SetHeight(m.detailRows())
	}
	m.filter.SetWidth(max(m.width-4, 1))
	if m.form != nil {
		m.form.setWidth(m.width)
	}
	if m.log != nil {
		m.log.setWidth(m.width)
	}
}

// SetStyles replaces the styles (the terminal's background changed).
func (m *Model) SetStyles(s theme.Styles) {
	m.styles = s
	m.tbl.invalidate()
	m.filter.SetStyles(theme.InputStyles(s))
	if m.form != nil {
		m.form.setStyles(s)
	}
	if m.log != nil {
		m.log.setStyles(s)
	}
}

// Keys returns the keys active now.
func (m Model) Keys() help.KeyMap { return m.keys }

// Capturing reports whether typed keys are text (or a one-key answer) for
// this screen rather than the app's global keys.
func (m Model) Capturing() bool {
	return m.filtering || m.form != nil || m.log != nil || m.deleting != nil || m.dropping != nil
}

// Update handles the snapshot, the screen's own messages, keys and the mouse
// wheel.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	m, cmd := m.update(msg)
	m.tbl.list.SetHeight(m.tableRows()) // the filter line and the log come and go
	if m.inDetail {
		m.detail.list.SetHeight(m.detailRows())
	}
	m.syncKeys()
	return m, cmd
}

func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case session.Loaded:
		return m.loaded(msg.Snapshot)
	case list.Matched:
		// Applied only if it is still the query typed, on this snapshot.
		m.tbl.list.Apply(msg)
		return m, nil
	case timelineLoaded:
		m.detail.apply(msg)
		return m, nil
	case usesRead:
		if msg.err != nil {
			return m, func() tea.Msg { return session.Failed{What: "read what refers to " + msg.partner.Name, Err: msg.err} }
		}
		m.deleting = &deleteAsk{partner: msg.partner, uses: msg.uses}
		return m, nil
	case session.Saved:
		return m.saved(msg)
	case session.Failed:
		m.failed(msg)
		return m, nil
	case tea.MouseWheelMsg:
		return m.wheel(msg)
	case tea.KeyPressMsg:
		return m.key(msg)
	}
	// Anything else (a paste, a cursor blink) belongs to the focused input.
	return m.updateInput(msg)
}

// loaded takes a new snapshot, keeping the cursor on the same partner.
func (m Model) loaded(snap *session.Snapshot) (Model, tea.Cmd) {
	m.snap = snap
	m.tbl.load(snap, m.sess.Today())
	if m.selectName != "" {
		m.tbl.list.SelectKey(cadence.NameKey(m.selectName))
		m.selectName = ""
	}
	if m.inDetail {
		return m, m.detail.reload(m.sess)
	}
	return m, nil
}

// saved closes the form or the log whose write reached the database.
func (m Model) saved(msg session.Saved) (Model, tea.Cmd) {
	switch {
	case m.form != nil && m.form.saving && msg.Ref == m.form.ref:
		if !m.form.editing {
			m.selectName = m.form.savedName
		}
		m.form = nil
	case m.log != nil && m.log.saving && msg.Ref == m.log.ref:
		m.log = nil
	}
	return m, nil
}

// failed shows a write's error in the form or log that made it, keeping what
// the user typed.
func (m *Model) failed(msg session.Failed) {
	switch {
	case m.form != nil && m.form.saving && msg.What == whatSavePartner:
		m.form.saving = false
		m.form.storeError(msg.Err)
	case m.log != nil && m.log.saving && (msg.What == whatLogTouch || msg.What == whatEditTouch):
		m.log.saving = false
		m.log.err = msg.Err.Error()
	}
}

func (m Model) wheel(msg tea.MouseWheelMsg) (Model, tea.Cmd) {
	if m.form != nil || m.log != nil {
		return m, nil
	}
	if m.inDetail {
		m.detail.list.Wheel(msg)
		return m, m.more()
	}
	m.tbl.list.Wheel(msg)
	return m, nil
}

func (m Model) key(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	rk, why := m.ruleKeys()
	if err := theme.RefusedPress(msg, rk[:], why[:]); err != nil && m.form == nil && m.log == nil && !m.filtering {
		return m, func() tea.Msg { return session.Failed{What: "change partner", Err: err} }
	}
	switch {
	case m.deleting != nil:
		return m.deleteKey(msg)
	case m.dropping != nil:
		return m.dropKey(msg)
	case m.form != nil:
		return m.formKey(msg)
	case m.log != nil:
		return m.logKey(msg)
	case m.filtering:
		return m.filterKey(msg)
	case m.inDetail:
		return m.detailKey(msg)
	}
	return m.tableKey(msg)
}

// updateInput hands a non-key message to whichever input has focus.
func (m Model) updateInput(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	switch {
	case m.form != nil:
		cmd = m.form.updateFocused(msg)
	case m.log != nil:
		cmd = m.log.updateFocused(msg)
	case m.filtering:
		m.filter, cmd = m.filter.Update(msg)
		if v := m.filter.Value(); v != m.query {
			m.query = v
			m.tbl.byMatch = true
			m.tbl.list.SetRanked(true)
			cmd = tea.Batch(cmd, m.tbl.list.SetQuery(v))
		}
	}
	return m, cmd
}

// partnerByName returns the snapshot's partner with that name.
func (m Model) partnerByName(name string) (cadence.PartnerActivity, bool) {
	if m.snap == nil {
		return cadence.PartnerActivity{}, false
	}
	i, ok := m.tbl.byKey[cadence.NameKey(name)]
	if !ok {
		return cadence.PartnerActivity{}, false
	}
	return m.tbl.rows[i].act, true
}

// detailPartner returns the partner the detail view shows.
func (m Model) detailPartner() (cadence.PartnerActivity, bool) {
	return m.partnerByName(m.detail.name)
}

// View draws the screen in exactly the size SetSize gave.
func (m Model) View() string {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		return ""
	}
	if m.snap == nil {
		return theme.Frame([]string{m.styles.Muted.Render("loading partners…")}, w, h)
	}
	if m.form != nil {
		return theme.Frame(m.form.view(m.styles, h), w, h)
	}
	var panel []string
	if m.log != nil {
		panel = m.log.view(m.styles)
		panel = panel[max(len(panel)-h, 0):]
	}
	if m.deleting != nil || m.dropping != nil {
		// The question wraps: what refers to the partner is the point.
		ask := ""
		if m.deleting != nil {
			ask = m.deleting.question()
		} else {
			ask = dropQuestion(*m.dropping)
		}
		q := lipgloss.NewStyle().Width(w).Render(ask)
		panel = nil
		for _, l := range strings.Split(q, "\n") {
			panel = append(panel, m.styles.Warn.Render(l))
		}
	}
	bodyH := h - len(panel)
	var lines []string
	if m.inDetail {
		lines = m.detailView(bodyH)
		for i, l := range lines {
			lines[i] = theme.Pad(l, w)
		}
	} else {
		// The table's lines are exactly w wide already: measuring 40 of
		// them again would cost more than the rest of a keypress.
		lines = m.tableView(bodyH)
	}
	if len(lines) > bodyH {
		lines = lines[:bodyH]
	}
	blank := strings.Repeat(" ", w)
	for len(lines) < bodyH {
		lines = append(lines, blank)
	}
	for _, l := range panel {
		lines = append(lines, theme.Pad(l, w))
	}
	return strings.Join(lines, "\n")
}
