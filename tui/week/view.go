package week

import (
	"fmt"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"partnercadence/cadence"
	"partnercadence/tui/theme"
)

// sideBySideWidth is the narrowest body that shows the flags panel beside
// the week rather than under it.
const sideBySideWidth = 100

// geometry is where the parts of the screen go at the current size.
type geometry struct {
	listW, listH   int
	flagsW, flagsH int
	side           bool // flags beside the list (else under it)
}

func (m *Model) geometry() geometry {
	w, h := m.width, m.height
	body := max(h-2, 0) // the header line and the prompt line
	if w >= sideBySideWidth {
		fw := theme.Clamp(w/3, 30, 60)
		return geometry{listW: w - fw - 3, listH: body, flagsW: fw, flagsH: body, side: true}
	}
	g := geometry{listW: w, listH: body, flagsW: w}
	if body >= 10 {
		// The week takes what it needs (at least half), the flags the
		// rest (at least three lines), with a rule between them.
		g.listH = theme.Clamp(len(m.rows), body/2, body-4)
		g.flagsH = body - g.listH - 1
	}
	return g
}

// scrollToCursor moves the window over the rows so that the cursor's row,
// and its day's heading when it is the day's first meeting, are visible.
func (m *Model) scrollToCursor() {
	h := m.geometry().listH
	if h <= 0 || len(m.rows) == 0 {
		m.offset = 0
		return
	}
	if r, ok := m.cursorRow(); ok {
		top := r
		if r > 0 && m.rows[r-1].kind != rowOcc && m.rows[r-1].kind != rowDue {
			top = r - 1
		}
		if top < m.offset {
			m.offset = top
		}
		if r >= m.offset+h {
			m.offset = r - h + 1
		}
	}
	m.offset = theme.Clamp(m.offset, 0, max(len(m.rows)-h, 0))
}

// View draws the screen in exactly the size it was given.
func (m Model) View() string {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		return ""
	}
	if m.oneOff != nil {
		return theme.Frame(m.oneOffView(w), w, h)
	}
	g := m.geometry()
	c := m.cache.at(m.gen, w, h)
	// Every line below is exactly w wide: the list and the flags are
	// padded (and cached) as they are drawn.
	lines := make([]string, 0, h)
	lines = append(lines, theme.Pad(m.header(w), w))
	list := m.listLines(c, g.listW, g.listH)
	switch {
	case g.side:
		flags := m.flagLines(c, g.flagsW, g.flagsH)
		sep := m.styles.Muted.Render(" │ ")
		for i := range g.listH {
			lines = append(lines, list[i]+sep+flags[i])
		}
	default:
		lines = append(lines, list...)
		if g.flagsH > 0 {
			lines = append(lines, m.styles.Muted.Render(strings.Repeat("─", w)))
			lines = append(lines, m.flagLines(c, g.flagsW, g.flagsH)...)
		}
	}
	lines = append(lines, theme.Pad(m.promptLine(w), w))
	if len(lines) > h {
		lines = lines[:h]
	}
	return strings.Join(lines, "\n")
}

// renderCache keeps the drawn rows and flags panel between frames: moving
// the cursor redraws two rows, not the screen. It is shared by the copies
// of a Model and valid for one generation (see Model.invalidate) and size.
type renderCache struct {
	gen, w, h int
	rows      map[int]string // row position*2 (+1 when under the cursor) → line
	flags     []string
}

func (c *renderCache) at(gen, w, h int) *renderCache {
	if c.gen != gen || c.w != w || c.h != h || c.rows == nil {
		*c = renderCache{gen: gen, w: w, h: h, rows: map[int]string{}}
	}
	return c
}

func (m *Model) header(w int) string {
	end := m.start.AddDays(6)
	_, wk := m.start.Start(time.UTC).ISOWeek()
	left := m.styles.Header.Render(fmt.Sprintf("Week %d · %s – %s", wk, fmtDate(m.start, "Mon Jan 2"), fmtDate(end, "Mon Jan 2 2006")))
	var tags []string
	if !m.loaded {
		tags = append(tags, "loading…")
	}
	if m.mine {
		tags = append(tags, "mine first")
	}
	if m.filter != "" {
		tags = append(tags, "filter: "+theme.OneLine(m.filter))
	}
	tags = append(tags, theme.OneLine(m.sess.Config.Timezone))
	right := m.styles.Muted.Render(strings.Join(tags, " · "))
	if gap := w - lipgloss.Width(left) - lipgloss.Width(right); gap >= 2 {
		return left + strings.Repeat(" ", gap) + right
	}
	return left
}

func (m *Model) listLines(c *renderCache, w, h int) []string {
	out := make([]string, h)
	sel := -1
	if r, ok := m.cursorRow(); ok {
		sel = r
	}
	blank := strings.Repeat(" ", w)
	for i := range h {
		r := m.offset + i
		if r >= len(m.rows) {
			out[i] = blank
			continue
		}
		k := 2 * r
		if r == sel {
			k++
		}
		line, ok := c.rows[k]
		if !ok {
			line = theme.Pad(m.rowLine(m.rows[r], r == sel, w), w)
			c.rows[k] = line
		}
		out[i] = line
	}
	return out
}

// columns of a meeting row.
const (
	markW = 2
	timeW = 5
	kindW = 8
	gapW  = 2
)

func (m *Model) rowLine(r row, selected bool, w int) string {
	st := m.styles
	switch r.kind {
	case rowDay:
		return m.dayLine(r, w)
	case rowDueHead:
		return st.Header.Render(theme.Truncate(fmt.Sprintf("QBRs to schedule · window open this week (%d)", m.dueShown()), w))
	}
	o := m.occOf(r)
	statusW := theme.Clamp((w-markW-timeW-kindW-3*gapW)/2, 8, 20)
	whoW := max(w-markW-timeW-kindW-statusW-3*gapW, 0)
	when := "due"
	if o.Scheduled() {
		when = o.Start.In(loc(m.sess.Config)).Format("15:04")
	} else if r.kind == rowDue {
		when = ""
	}
	status, statusStyle := m.status(o, r.kind == rowDue)
	mark := "  "
	if selected {
		mark = "▸ "
	}
	gap := strings.Repeat(" ", gapW)
	cells := []string{theme.Pad(when, timeW), theme.Pad(kindLabel(o.Kind), kindW), theme.Pad(theme.OneLine(m.who(o)), whoW), theme.Pad(status, statusW)}
	if selected {
		return st.Selected.Render(theme.Pad(mark+strings.Join(cells, gap), w))
	}
	text := lipgloss.NewStyle()
	if m.mine && !m.isMine(o) {
		text, statusStyle = st.Muted, st.Muted
	}
	return mark + text.Render(strings.Join(cells[:3], gap)+gap) + statusStyle.Render(cells[3])
}

func (m *Model) dueShown() int {
	n := 0
	for _, r := range m.rows {
		if r.kind == rowDue {
			n++
		}
	}
	return n
}

func (m *Model) dayLine(r row, w int) string {
	st := m.styles
	label := fmtDate(r.date, "Mon Jan 2")
	if !r.date2.IsZero() {
		label += " – " + fmtDate(r.date2, "Mon Jan 2")
	}
	var notes []string
	if r.date == m.sess.Today() || r.date2 == m.sess.Today() {
		notes = append(notes, "today")
	}
	if m.sess.Config.Holidays[r.date] {
		notes = append(notes, "holiday")
	}
	line := st.Header.Render(label)
	if len(notes) > 0 {
		line += st.Title.Render(" · " + strings.Join(notes, " · "))
	}
	if r.empty && m.loaded {
		line += st.Muted.Render("   no meetings")
	}
	return theme.Truncate(line, w)
}

// missed reports whether a meeting is over with nobody saying it was
// held, skipped or cancelled: what the meeting_missed flag says of it.
func (m *Model) missed(o cadence.Occurrence) bool {
	cfg := m.sess.Config
	if o.Kind == cadence.KindAdhoc || o.Holiday || o.Status != cadence.MeetingScheduled {
		return false
	}
	if !cfg.Start.IsZero() && o.Date.Before(cfg.Start) {
		return false
	}
	return !o.Deadline(loc(cfg)).After(m.sess.Now())
}

// status is what a meeting's status column says, and in which style.
func (m *Model) status(o cadence.Occurrence, due bool) (string, lipgloss.Style) {
	st := m.styles
	if m.sess.Outbox.Waiting(o.ID) {
		if m.sess.Outbox.Err() != nil {
			return "not saved", st.Error
		}
		return "saving…", st.Muted
	}
	style, ok := st.Meeting[o.Status]
	if !ok {
		style = lipgloss.NewStyle()
	}
	switch {
	case due:
		return "due by " + fmtDate(o.Window[1], "Mon Jan 2"), st.Warn
	case o.Holiday && o.Status == cadence.MeetingScheduled:
		return "holiday · r moves it", st.Warn
	case m.missed(o):
		return "missed", st.Error
	case o.Kind == cadence.KindQBR && !o.Scheduled() && o.Status == cadence.MeetingScheduled:
		return "not scheduled", st.Warn
	case o.Moved && o.Kind != cadence.KindQBR && o.Kind != cadence.KindAdhoc && o.Date != o.Planned:
		from := "moved from " + fmtDate(o.Planned, "Mon 2")
		if o.Status == cadence.MeetingScheduled {
			return from, st.Warn
		}
		return string(o.Status) + " · from " + fmtDate(o.Planned, "Mon 2"), style
	case o.Moved && o.Kind != cadence.KindQBR && o.Kind != cadence.KindAdhoc && o.Status == cadence.MeetingScheduled:
		return "moved", st.Warn
	}
	return string(o.Status), style
}

// flagLines is the flags panel: the snapshot's flags, most severe first,
// only me's when the me switch is on.
func (m *Model) flagLines(c *renderCache, w, h int) []string {
	if len(c.flags) == h {
		return c.flags
	}
	c.flags = m.drawFlags(w, h)
	return c.flags
}

func (m *Model) drawFlags(w, h int) []string {
	out := make([]string, h)
	if h == 0 {
		return out
	}
	st := m.styles
	flags, title := m.panelShown, m.panelTitle
	out[0] = st.Header.Render(theme.Truncate(title, w))
	const tagW = 9
	tag := func(f cadence.Flag) string {
		style, ok := st.Flag[f.Kind]
		if !ok {
			style = st.Warn
		}
		return style.Render(theme.Pad(theme.FlagTag(f.Kind), min(tagW, w)))
	}
	if m.panel {
		// Focused: a line a flag, the cursor's marked, scrolled to it;
		// the Flags screen (2) has every message whole.
		cur := m.flagList.Cursor()
		out[0] = st.Header.Render(theme.Truncate(fmt.Sprintf("%s · %d of %d", title, cur+1, len(flags)), w))
		from, to := m.flagList.Visible()
		for i := 1; i < h && from+i-1 < to; i++ {
			n := from + i - 1
			f := flags[m.flagList.Item(n)]
			if n == cur {
				out[i] = st.Selected.Render(theme.Pad("▸ "+theme.FlagTag(f.Kind)+" "+theme.OneLine(f.Message), w))
				continue
			}
			out[i] = "  " + tag(f) + theme.Truncate(theme.OneLine(f.Message), w-tagW-2)
		}
		return out
	}
	// Each flag gets as many lines (up to three) as the panel has room for
	// all of them; when one line each is too many, the last says how many
	// are left out.
	per := 1
	if len(flags) > 0 {
		per = theme.Clamp((h-1)/len(flags), 1, 3)
	}
	i := 1
	for n, f := range flags {
		if i >= h {
			break
		}
		if per == 1 {
			if i == h-1 && n < len(flags)-1 {
				out[i] = st.Muted.Render(theme.Truncate(fmt.Sprintf("+%d more · tab to scroll", len(flags)-n), w))
				break
			}
			out[i] = tag(f) + theme.Truncate(theme.OneLine(f.Message), w-tagW)
			i++
			continue
		}
		parts := strings.Split(ansi.Wrap(theme.OneLine(f.Message), max(w-tagW, 1), ""), "\n")
		if len(parts) > per {
			parts[per-1] = theme.Truncate(strings.Join(parts[per-1:], " ")+" ", w-tagW)
			parts = parts[:per]
		}
		for j, p := range parts {
			lead := strings.Repeat(" ", min(tagW, w))
			if j == 0 {
				lead = tag(f)
			}
			out[i] = lead + p
			i++
		}
	}
	for i := range out {
		out[i] = theme.Pad(out[i], w)
	}
	return out
}

func (m *Model) panelFlags() ([]cadence.Flag, string) {
	if m.snap == nil {
		return nil, "Flags · loading…"
	}
	all := m.snap.Flags
	if m.mine && m.mePM {
		mine := cadence.FlagsFor(all, m.sess.Me)
		if len(mine) == 0 {
			return nil, fmt.Sprintf("Flags · none of yours (%d in all)", len(all))
		}
		return mine, fmt.Sprintf("Flags · yours (%d of %d)", len(mine), len(all))
	}
	if len(all) == 0 {
		return nil, "Flags · none: nothing fell through the cracks"
	}
	return all, fmt.Sprintf("Flags (%d)", len(all))
}

// promptLine is the last line: a confirmation, the reschedule form, the
// filter input, or a summary of the week.
func (m *Model) promptLine(w int) string {
	st := m.styles
	switch {
	case m.confirming != nil:
		c := m.confirming
		q := fmt.Sprintf("Cancel %s on %s? y/n", theme.OneLine(c.occ.Title), m.when(c.occ))
		switch {
		case c.move:
			q = fmt.Sprintf("Move it to %s? %s. y/n", c.at.In(loc(m.sess.Config)).Format("Mon Jan 2 15:04"), strings.Join(c.why, "; "))
		case c.status == cadence.MeetingHeld:
			q = fmt.Sprintf("Mark %s held? %s. y/n", theme.OneLine(c.occ.Title), strings.Join(c.why, "; "))
		}
		return st.Warn.Render(theme.Truncate(q, w))
	case m.form != nil:
		f := m.form
		inputs := f.inputs[0].View() + "  " + f.inputs[1].View()
		if f.err != "" {
			return theme.Truncate(inputs+"  "+st.Error.Render(theme.OneLine(f.err)), w)
		}
		name := theme.OneLine(f.occ.Title)
		title := "Reschedule " + name + ": "
		if f.occ.Kind == cadence.KindQBR && !f.occ.Scheduled() {
			title = fmt.Sprintf("Schedule %s (window %s – %s): ", name, fmtDate(f.occ.Window[0], "Jan 2"), fmtDate(f.occ.Window[1], "Jan 2"))
		}
		// The inputs first: what is typed stays on screen however long
		// the title.
		return theme.Truncate(inputs+"  "+st.Muted.Render(title), w)
	case m.filtering:
		return theme.Truncate(m.filterIn.View(), w)
	}
	return st.Muted.Render(theme.Truncate(m.summary(), w))
}

func (m *Model) when(o cadence.Occurrence) string {
	if o.Scheduled() {
		return o.Start.In(loc(m.sess.Config)).Format("Mon Jan 2 15:04")
	}
	return "due " + fmtDate(o.Date, "Mon Jan 2")
}

// summary counts the week's meetings by status.
func (m *Model) summary() string {
	if !m.loaded {
		return "loading the week…"
	}
	count := map[cadence.MeetingStatus]int{}
	for _, o := range m.occs {
		count[o.Status]++
	}
	parts := []string{plural(len(m.occs), "meeting", "meetings")}
	for _, s := range []cadence.MeetingStatus{cadence.MeetingHeld, cadence.MeetingSkipped, cadence.MeetingCancelled} {
		if count[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", count[s], s))
		}
	}
	if len(m.due) > 0 {
		parts = append(parts, plural(len(m.due), "QBR to schedule", "QBRs to schedule"))
	}
	return strings.Join(parts, " · ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// fmtDate formats a date with a time layout.
func fmtDate(d cadence.Date, layout string) string {
	if d.IsZero() {
		return ""
	}
	return d.Start(time.UTC).Format(layout)
}
