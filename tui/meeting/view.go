package meeting

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"

	"partnercadence/cadence"
	"partnercadence/tui/theme"
)

// wideWidth is the narrowest body that shows the agenda beside the talking
// points, notes and actions rather than one section at a time.
const wideWidth = 120

// headerHeight is the title, when, with, and the tabs (or a rule).
const headerHeight = 4

// geometry is where the parts of the screen go at the current size.
type geometry struct {
	wide    bool
	bodyH   int // between the header and the prompt lines
	promptH int
	leftW   int // the agenda (wide), or every section (narrow)
	rightW  int
	// heights of talking points, notes and actions in the right column
	// (wide), each under its title line.
	partH [3]int
}

func (m *Model) geometry() geometry {
	w, h := m.width, m.height
	g := geometry{promptH: len(m.promptLines(w))}
	g.bodyH = max(h-headerHeight-g.promptH, 0)
	if w < wideWidth {
		g.leftW = w
		return g
	}
	g.wide = true
	g.leftW = w * 11 / 20
	g.rightW = max(w-g.leftW-3, 0)
	inner := max(g.bodyH-3, 0) // three title lines
	g.partH = [3]int{inner / 3, inner / 3, inner - 2*(inner/3)}
	return g
}

// sizeTexts fits the text boxes to the space their section has.
func (m *Model) sizeTexts() {
	g := m.geometry()
	for i := range m.text {
		w, h := g.leftW, g.bodyH
		if g.wide {
			w, h = g.rightW, g.partH[i]
		}
		w, h = max(w, 1), max(h, 1)
		if m.text[i].Width() != w {
			m.text[i].SetWidth(w)
		}
		if m.text[i].Height() != h {
			m.text[i].SetHeight(h)
		}
	}
}

// agendaWidth and pageHeight are the agenda's box.
func (m *Model) agendaWidth() int { return m.geometry().leftW }

func (m *Model) pageHeight() int { return m.geometry().bodyH }

// agendaToCursor scrolls the agenda so the carried-over action under the
// cursor is visible.
func (m *Model) agendaToCursor() {
	lines := m.agenda(m.agendaWidth()).lines
	h := m.pageHeight()
	for i, l := range lines {
		if l.carried != m.agendaCursor {
			continue
		}
		if i < m.agendaOffset {
			m.agendaOffset = i
		}
		if i >= m.agendaOffset+h {
			m.agendaOffset = i - h + 1
		}
	}
	m.agendaOffset = theme.Clamp(m.agendaOffset, 0, max(len(lines)-h, 0))
}

// View draws the screen in exactly the size it was given.
func (m Model) View() string {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		return ""
	}
	g := m.geometry()
	// The body's lines are exactly w wide as drawn; the header and prompt
	// lines are padded here.
	lines := m.headerLines(w, g)
	for i := range lines {
		lines[i] = theme.Pad(lines[i], w)
	}
	if g.wide {
		left := m.agendaBox(g.leftW, g.bodyH)
		right := make([]string, 0, g.bodyH)
		for i, sec := range []section{secTalking, secNotes, secActions} {
			right = append(right, m.sectionTitle(sec, g.rightW))
			right = append(right, m.sectionBox(sec, g.rightW, g.partH[i])...)
		}
		// Every part of the right column is drawn exactly rightW wide:
		// measuring it again would cost more than the rest of a key.
		sep := m.styles.Muted.Render(" │ ")
		blankRight := strings.Repeat(" ", g.rightW)
		for i := range g.bodyH {
			r := blankRight
			if i < len(right) {
				r = right[i]
			}
			lines = append(lines, left[i]+sep+r)
		}
	} else {
		lines = append(lines, m.sectionBox(m.focus, w, g.bodyH)...)
	}
	for _, l := range m.promptLines(w) {
		lines = append(lines, theme.Pad(l, w))
	}
	if len(lines) > h {
		lines = lines[:h]
	}
	blank := strings.Repeat(" ", w)
	for len(lines) < h {
		lines = append(lines, blank)
	}
	return strings.Join(lines, "\n")
}

// agendaCache keeps the drawn agenda between frames: typing in the notes
// beside it, or moving the cursor, does not draw it again. It is shared by
// the copies of a Model and valid for one generation (see Model.invalidate)
// and width.
type agendaCache struct {
	gen, w int
	lines  []agendaLine
	padded map[int]string // line → the line padded to w
}

// agenda returns the agenda drawn in w cells, from the cache when it holds
// this generation.
func (m *Model) agenda(w int) *agendaCache {
	c := m.cache
	if c.lines == nil || c.gen != m.gen || c.w != w {
		*c = agendaCache{gen: m.gen, w: w, lines: m.agendaLines(w), padded: map[int]string{}}
	}
	return c
}

func (m *Model) headerLines(w int, g geometry) []string {
	st := m.styles
	o := m.md.Occurrence
	title := theme.OneLine(o.Title)
	if !m.loaded {
		title = theme.OneLine(m.id)
	}
	status := string(m.status())
	statusStyle, ok := st.Meeting[m.status()]
	if !ok {
		statusStyle = lipgloss.NewStyle()
	}
	if m.loaded && o.Kind == cadence.KindQBR && !o.Scheduled() && m.status() == cadence.MeetingScheduled {
		status, statusStyle = "not scheduled", st.Warn
	}
	right := statusStyle.Render(status)
	if s := m.readOnlyLabel(); s != "" {
		right = st.Warn.Render(s) + "  " + right
	}
	if s := m.textStateLabel(); s != "" {
		right = st.Muted.Render(s) + "  " + right
	}
	first := st.Header.Render(theme.Truncate(title, max(w-lipgloss.Width(right)-2, 1)))
	if gap := w - lipgloss.Width(first) - lipgloss.Width(right); gap >= 1 {
		first += strings.Repeat(" ", gap) + right
	}
	out := []string{first, st.Muted.Render(theme.Truncate(m.when(), w)), st.Muted.Render(theme.Truncate(m.with(), w))}
	if g.wide {
		label := sectionNames[secAgenda]
		if m.focus == secAgenda {
			out = append(out, st.TabOn.Render(label))
		} else {
			out = append(out, st.Tab.Render(label))
		}
		return out
	}
	var tabs []string
	for s := range sectionCount {
		label := sectionNames[s]
		if s == secActions {
			label = fmt.Sprintf("%s (%d)", label, len(m.rec.Actions))
		}
		if s == m.focus {
			tabs = append(tabs, st.TabOn.Render(label))
		} else {
			tabs = append(tabs, st.Tab.Render(label))
		}
	}
	return append(out, theme.Truncate(strings.Join(tabs, " "), w))
}

// textStateLabel says where the typed text stands.
func (m *Model) textStateLabel() string {
	switch {
	case m.anyDirty():
		return "unsaved"
	case m.sess.Outbox.Waiting(m.id) && m.sess.Outbox.Err() != nil:
		return "not saved yet, retrying"
	case m.sess.Outbox.Waiting(m.id):
		return "saving…"
	case m.saved:
		return "saved"
	}
	return ""
}

// when is the meeting's date and time in the config's zone.
func (m *Model) when() string {
	if !m.loaded {
		if m.loadErr != nil {
			return "Could not load the meeting: " + theme.OneLine(m.loadErr.Error())
		}
		return "Loading…"
	}
	o := m.md.Occurrence
	loc := m.sess.Config.Location
	var s string
	if o.Scheduled() {
		start, end := o.Start.In(loc), o.End.In(loc)
		s = start.Format("Mon Jan 2 2006 · 15:04") + "–" + end.Format("15:04 MST")
		if o.Moved && o.Kind != cadence.KindQBR && o.Kind != cadence.KindAdhoc && o.Date != o.Planned {
			s += " · moved from " + fmtDate(o.Planned, "Mon Jan 2")
		}
	} else {
		s = "Not scheduled · due by " + fmtDate(o.Window[1], "Mon Jan 2 2006")
	}
	if o.Kind == cadence.KindQBR {
		s += fmt.Sprintf(" · window %s – %s", fmtDate(o.Window[0], "Jan 2"), fmtDate(o.Window[1], "Jan 2"))
		if m.rec.Satisfaction > 0 {
			s += fmt.Sprintf(" · satisfaction %d/10", m.rec.Satisfaction)
		}
	}
	return s
}

// with is who the meeting is with.
func (m *Model) with() string {
	o := m.md.Occurrence
	if !m.loaded {
		return ""
	}
	s := "With " + strings.Join(o.Attendees, ", ")
	if o.Kind == cadence.KindQBR {
		s = "With " + o.Partner
		for _, p := range m.md.Partners {
			if p.Partner.Contact != "" && p.Partner.Slug() == cadence.Slug(o.Partner) {
				s += " (" + p.Partner.Contact + ")"
			}
		}
		s += " · " + strings.Join(o.Attendees, ", ")
	}
	return theme.OneLine(s)
}

// readOnlyLabel says which of the meeting's texts me may not change:
// "read-only" for both, "notes read-only" for one; "" when they may change
// both.
func (m *Model) readOnlyLabel() string {
	if !m.loaded {
		return ""
	}
	var ro []string
	for i, f := range textFields {
		if m.textRefusal(f) != nil {
			ro = append(ro, strings.ToLower(sectionNames[secTalking+section(i)]))
		}
	}
	switch len(ro) {
	case 0:
		return ""
	case len(textFields):
		return "read-only"
	}
	return ro[0] + " read-only"
}

func (m *Model) sectionTitle(sec section, w int) string {
	label := sectionNames[sec]
	if sec == secActions {
		label = fmt.Sprintf("%s (%d)", label, len(m.rec.Actions))
	}
	if sec.isText() && m.loaded && m.textRefusal(textFields[sec.textIndex()]) != nil {
		label += " · read-only"
	}
	if sec == m.focus {
		return theme.Pad(m.styles.TabOn.Render(theme.Truncate(label, w)), w)
	}
	return theme.Pad(m.styles.Tab.Render(theme.Truncate(label, w)), w)
}

// sectionBox draws one section in w×h.
func (m *Model) sectionBox(sec section, w, h int) []string {
	switch sec {
	case secAgenda:
		return m.agendaBox(w, h)
	case secActions:
		return m.actionsBox(w, h)
	}
	out := make([]string, h)
	rows := m.text[sec.textIndex()].rows()
	blank := strings.Repeat(" ", w)
	for i := range out {
		out[i] = blank
		if i < len(rows) {
			out[i] = rows[i]
		}
	}
	return out
}

func (m *Model) agendaBox(w, h int) []string {
	out := make([]string, h)
	c := m.agenda(w)
	sel := m.focus == secAgenda
	for i := range h {
		n := m.agendaOffset + i
		if n >= len(c.lines) {
			out[i] = strings.Repeat(" ", w)
			continue
		}
		l := c.lines[n]
		if sel && l.carried >= 0 && l.carried == m.agendaCursor {
			out[i] = m.styles.Selected.Render(theme.Pad(l.plain, w))
			continue
		}
		p, ok := c.padded[n]
		if !ok {
			p = theme.Pad(l.text, w)
			c.padded[n] = p
		}
		out[i] = p
	}
	return out
}

func (m *Model) actionsBox(w, h int) []string {
	out := make([]string, h)
	if h == 0 {
		return out
	}
	st := m.styles
	acts := m.rec.Actions
	if len(acts) == 0 {
		out[0] = st.Muted.Render(theme.Truncate("No action items yet: press a to add one.", w))
	}
	offset := max(m.actionCursor-h+1, 0)
	today := m.sess.Today()
	for i := range h {
		n := offset + i
		if n >= len(acts) {
			out[i] = theme.Pad(out[i], w)
			continue
		}
		a := acts[n]
		box := "[ ] "
		if !a.Open() {
			box = "[x] "
		}
		parts := []string{theme.OneLine(a.Owner)}
		if !a.Due.IsZero() {
			parts = append(parts, "due "+fmtDate(a.Due, "Jan 2"))
		}
		if a.ID == "" {
			parts = append(parts, "saving…")
		} else {
			parts = append(parts, theme.OneLine(a.ID))
		}
		meta := fitMeta(parts, w-len(box)-2)
		textW := max(w-len(box)-lipgloss.Width(meta)-2, 6)
		text := theme.Pad(theme.OneLine(a.Text), textW)
		plain := box + text + "  " + meta
		switch {
		case m.focus == secActions && n == m.actionCursor:
			out[i] = st.Selected.Render(theme.Pad(plain, w))
			continue
		case !a.Open():
			out[i] = st.Good.Render(box+text) + "  " + st.Muted.Render(meta)
		case !a.Due.IsZero() && a.Due.Before(today):
			out[i] = box + text + "  " + st.Warn.Render(meta)
		default:
			out[i] = box + text + "  " + st.Muted.Render(meta)
		}
		out[i] = theme.Pad(out[i], w)
	}
	return out
}

// promptLines is the bottom of the screen: the action form, a
// confirmation, the satisfaction input, or a message (one line, blank when
// there is nothing to say).
func (m *Model) promptLines(w int) []string {
	st := m.styles
	switch {
	case m.form != nil:
		return m.form.lines(m, w)
	case m.confirm != nil:
		return []string{st.Warn.Render(theme.Truncate(theme.OneLine(m.confirm.prompt), w))}
	case m.sat != nil:
		line := m.sat.View()
		if m.message != "" {
			line += "  " + st.Error.Render(theme.OneLine(m.message))
		}
		return []string{theme.Truncate(line, w)}
	case m.message != "" && m.isError:
		return []string{st.Error.Render(theme.Truncate(theme.OneLine(m.message), w))}
	case m.message != "":
		return []string{st.Notice.Render(theme.Truncate(theme.OneLine(m.message), w))}
	}
	return []string{""}
}
