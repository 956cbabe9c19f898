// Package readout is the Readout screen: one quarter's KPIs (DESIGN §5)
// against the targets, their trend over the quarter and the four before it
// as sparklines, the workload threshold and today's flag counts — what the
// Head of Partnerships shows the C-suite.
//
// The KPIs are computed in a tea.Cmd when the screen opens, when the quarter
// changes and when the data changes, never on a key that only scrolls.
package readout

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"partnercadence/cadence"
	"partnercadence/cadence/agenda"
	"partnercadence/tui/list"
	"partnercadence/tui/session"
	"partnercadence/tui/theme"
)

// KeyMap is the Readout screen's keys.
type KeyMap struct {
	Prev, Next, This key.Binding
	// KeyMap is the list keys every screen shares: its movement keys
	// scroll the readout, through the viewport's own key map (vpKeys).
	// There is nothing to filter: Filter and ClearFilter stay off.
	list.KeyMap
}

// DefaultKeyMap returns the Readout keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Prev:   key.NewBinding(key.WithKeys("[", "h", "left"), key.WithHelp("[/h/←", "previous quarter")),
		Next:   key.NewBinding(key.WithKeys("]", "l", "right"), key.WithHelp("]/l/→", "next quarter")),
		This:   key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "this quarter")),
		KeyMap: list.DefaultKeyMap(),
	}
}

// ShortHelp lists the keys for the status line.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Prev, k.Next, k.This, k.Down, k.Up} }

// FullHelp lists the keys for the help screen.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Prev, k.Next, k.This}, k.Movement()}
}

// kpisLoaded carries the KPIs of one quarter and of its trend, or why they
// could not be read.
type kpisLoaded struct {
	quarter cadence.Quarter
	gen     int // the request it answers; older answers are dropped
	kpis    cadence.KPIs
	trend   []cadence.KPIs // oldest first, kpis last
	err     error
}

// Model is the Readout screen.
type Model struct {
	sess   *session.Session
	styles theme.Styles
	keys   KeyMap
	width  int
	height int

	quarter cadence.Quarter
	// gen numbers the KPI requests; shown is the one on screen.
	gen, shown int
	kpis       *cadence.KPIs // nil until the quarter's KPIs arrive
	trend      []cadence.KPIs
	err        error
	snap       *session.Snapshot

	// vp holds the laid-out content below the header, each line exactly
	// width cells wide, and scrolls it.
	vp viewport.Model
}

// New builds the screen on the current fiscal quarter.
func New(sess *session.Session, styles theme.Styles) Model {
	m := Model{
		sess: sess, styles: styles, keys: DefaultKeyMap(),
		quarter: currentQuarter(sess),
		vp:      viewport.New(),
	}
	// The list keys scroll it (setKeys turns them on and off).
	m.vp.MouseWheelDelta = list.WheelStep
	m.keys.Filter.SetEnabled(false)
	m.keys.ClearFilter.SetEnabled(false)
	m.refresh()
	return m
}

func currentQuarter(sess *session.Session) cadence.Quarter {
	return sess.Config.Fiscal().QuarterOf(sess.Today())
}

// Init loads the KPIs of the quarter on screen.
func (m Model) Init() tea.Cmd { return m.load() }

// load reads and computes the KPIs of m.quarter and of its trend, in one
// read.
func (m Model) load() tea.Cmd {
	sess, q, gen := m.sess, m.quarter, m.gen
	return func() tea.Msg {
		data, err := sess.Store.ReadoutInput(sess.Config, sess.Now(), q)
		if err != nil {
			return kpisLoaded{quarter: q, gen: gen, err: err}
		}
		trend := cadence.ComputeTrend(data.Trend)
		return kpisLoaded{quarter: q, gen: gen, kpis: trend[len(trend)-1], trend: trend}
	}
}

// Update handles the data, the quarter keys and scrolling.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case session.Loaded:
		// The KPIs change with the data and the date, not with the flags
		// the app computes again as the clock moves on within a day.
		prev, today := m.snap, m.sess.Config.Today
		m.snap = msg.Snapshot
		if prev == nil || prev.Stamp != m.snap.Stamp || today(prev.At) != today(m.snap.At) || m.err != nil {
			m.gen++
			cmd = m.load()
		}
		m.refresh()
	case kpisLoaded:
		if msg.quarter != m.quarter || msg.gen < m.shown {
			break
		}
		m.shown = msg.gen
		if msg.err != nil {
			m.kpis, m.trend, m.err = nil, nil, msg.err
			cmd = failed("compute the readout of "+msg.quarter.String(), msg.err)
		} else {
			k := msg.kpis
			m.kpis, m.trend, m.err = &k, msg.trend, nil
		}
		m.refresh()
	case tea.KeyPressMsg:
		cmd = m.key(msg)
	case tea.MouseWheelMsg:
		m.vp, _ = m.vp.Update(msg)
		m.setKeys()
	}
	return m, cmd
}

func failed(what string, err error) tea.Cmd {
	return func() tea.Msg { return session.Failed{What: what, Err: err} }
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Prev):
		return m.show(m.quarter.Prev())
	case key.Matches(msg, k.Next):
		return m.show(m.quarter.Next())
	case key.Matches(msg, k.This):
		return m.show(currentQuarter(m.sess))
	case key.Matches(msg, k.Top):
		m.vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		m.vp.GotoBottom()
	default:
		m.vp, _ = m.vp.Update(msg) // up, down and the pages: vpKeys
	}
	m.setKeys()
	return nil
}

// pageHeight is the number of content lines on screen, below the header.
func (m Model) pageHeight() int { return max(m.height-1, 0) }

// show switches to quarter q and asks for its KPIs.
func (m *Model) show(q cadence.Quarter) tea.Cmd {
	if q == m.quarter {
		return nil
	}
	m.quarter = q
	m.gen++
	m.kpis, m.err = nil, nil
	m.refresh()
	return m.load()
}

// setKeys turns the bindings on and off by state: the one place that does.
func (m *Model) setKeys() {
	cur := currentQuarter(m.sess)
	m.keys.Next.SetEnabled(quarterBefore(m.quarter, cur))
	m.keys.This.SetEnabled(m.quarter != cur)
	m.keys.Prev.SetEnabled(m.quarter.Year > 1)
	up := !m.vp.AtTop()
	down := !m.vp.AtBottom()
	m.keys.Up.SetEnabled(up)
	m.keys.Top.SetEnabled(up)
	m.keys.Down.SetEnabled(down)
	m.keys.Bottom.SetEnabled(down)
	m.keys.PageUp.SetEnabled(up)
	m.keys.PageDown.SetEnabled(down)
	m.vp.KeyMap = vpKeys(m.keys.KeyMap)
}

// vpKeys is the viewport's key map made of the list keys, so the readout
// scrolls with the keys every list moves with (top and bottom, which the
// viewport has no keys for, are the screen's).
func vpKeys(k list.KeyMap) viewport.KeyMap {
	return viewport.KeyMap{Up: k.Up, Down: k.Down, PageUp: k.PageUp, PageDown: k.PageDown}
}

func quarterBefore(a, b cadence.Quarter) bool {
	return a.Year < b.Year || a.Year == b.Year && a.Q < b.Q
}

// SetSize gives the screen its body size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	m.refresh()
}

// SetStyles replaces the styles (the terminal's background changed).
func (m *Model) SetStyles(s theme.Styles) {
	m.styles = s
	m.refresh()
}

// Keys returns the bindings active now.
func (m Model) Keys() help.KeyMap { return m.keys }

// Capturing is always false: the screen has no text input.
func (m Model) Capturing() bool { return false }

// View draws the quarter's header and the scrolled KPIs, exactly
// width×height.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if m.height == 1 {
		return m.header()
	}
	return m.header() + "\n" + m.vp.View()
}

// refresh lays the content out again for the current data, size and
// styles, so that View only picks lines.
func (m *Model) refresh() {
	lines := m.content()
	for i, l := range lines {
		lines[i] = theme.Pad(l, m.width)
	}
	m.vp.SetWidth(m.width)
	m.vp.SetHeight(m.pageHeight())
	m.vp.SetContentLines(lines)
	m.setKeys()
}

func (m Model) header() string {
	s := m.styles
	first, last := m.sess.Config.Fiscal().Bounds(m.quarter)
	when := "closed"
	switch today := m.sess.Today(); {
	case m.quarter == currentQuarter(m.sess):
		when = "this quarter, as of " + day(today)
	case today.Before(first):
		when = "not started"
	}
	line := s.Header.Render("Readout "+m.quarter.String()) +
		s.Muted.Render(fmt.Sprintf(" · %s – %s · %s", shortDate(first), longDate(last), when))
	return theme.Pad(line, m.width)
}

// The column layout of a KPI row: label, value, bar, note.
const (
	labelWidth = 25 // "Partner-led conversations"
	barMin     = 8
	barMax     = 30
)

// row is one KPI line.
type row struct {
	label, value string
	bar          string // drawn bar, or "" for none
	note         string // styled
	more         string // said after the note only when all of it fits
}

func newRow(label, value, bar, note string) row {
	return row{label: label, value: value, bar: bar, note: note}
}

// content is every line below the header.
func (m Model) content() []string {
	s := m.styles
	w := m.width
	switch {
	case w <= 0:
		return nil
	case m.err != nil:
		return []string{theme.Truncate(s.Error.Render("Could not compute the readout: "+theme.OneLine(m.err.Error())), w)}
	case m.kpis == nil:
		return []string{theme.Truncate(s.Muted.Render("Computing "+m.quarter.String()+"…"), w)}
	}
	k := m.kpis
	money := func(v int64) string { return cadence.FormatMoney(v, k.Currency) }
	bars := m.barWidth(k)
	var rows []row
	add := func(r row) { rows = append(rows, r) }

	// Revenue against the partner revenue target.
	won := k.SourcedRevenue.Amount + k.InfluencedRevenue.Amount
	if k.RevenueTarget > 0 {
		frac := float64(won) / float64(k.RevenueTarget)
		st := lipgloss.NewStyle()
		if frac >= 1 {
			st = s.Good
		}
		add(newRow("Partner revenue", money(won), st.Render(theme.Bar(frac, bars)),
			fmt.Sprintf("%s of the %s target", percent(frac), money(k.RevenueTarget))))
		for _, d := range []struct {
			name  string
			deals cadence.Deals
		}{{"sourced", k.SourcedRevenue}, {"influenced", k.InfluencedRevenue}} {
			f := float64(d.deals.Amount) / float64(k.RevenueTarget)
			add(newRow("  "+d.name, money(d.deals.Amount), theme.Bar(f, bars),
				fmt.Sprintf("%s · %s", percent(f), count(d.deals.Count, "deal won", "deals won"))))
		}
	} else {
		add(newRow("Partner revenue", money(won), "", s.Muted.Render("no partner revenue target set")))
		add(newRow("  sourced", money(k.SourcedRevenue.Amount), "", count(k.SourcedRevenue.Count, "deal won", "deals won")))
		add(newRow("  influenced", money(k.InfluencedRevenue.Amount), "", count(k.InfluencedRevenue.Count, "deal won", "deals won")))
	}

	// Pipeline, open now, and how far it covers what is left to win.
	p := k.OpenPipeline
	add(newRow("Open pipeline, now", money(p.Total().Amount), "",
		fmt.Sprintf("sourced %s · influenced %s", money(p.Sourced.Amount), money(p.Influenced.Amount))))
	switch c := k.Coverage; {
	case c.Over:
		add(newRow("Pipeline coverage", "—", "", s.Muted.Render("the quarter is over")))
	case c.Met:
		add(newRow("Pipeline coverage", "met", s.Good.Render(theme.Bar(1, bars)),
			s.Good.Render("target reached: nothing left to cover")))
	case c.HasRatio:
		add(newRow("Pipeline coverage", fmt.Sprintf("%.2f×", c.Ratio), theme.Bar(c.Ratio, bars),
			"of "+money(c.Remaining)+" left to win"))
	default:
		add(newRow("Pipeline coverage", "—", "", s.Muted.Render("no partner revenue target set")))
	}

	// Sourced share of new ARR against the 5–10% band.
	if sh := k.SourcedShare; sh.HasValue {
		lo, hi := float64(cadence.SourcedSharePercentLow)/100, float64(cadence.SourcedSharePercentHigh)/100
		add(newRow("Sourced share of new ARR", fmt.Sprintf("%.1f%%", sh.Share*100),
			bandBar(sh.Share, lo, hi, hi*1.5, bars+1),
			m.level(sh.Band, fmt.Sprintf("%s the %d–%d%% band", place(sh.Band), cadence.SourcedSharePercentLow, cadence.SourcedSharePercentHigh), false)))
		rows[len(rows)-1].more = s.Muted.Render(" of the " + money(sh.NewARR) + " new ARR target")
	} else {
		add(newRow("Sourced share of new ARR", "—", "", s.Muted.Render("no new ARR target set")))
	}

	// The workload threshold: active partners against the band,
	// conversations against the line, and the verdict.
	wl := k.Workload
	add(newRow("Active partners", fmt.Sprint(wl.ActivePartners),
		bandBar(float64(wl.ActivePartners), cadence.WorkloadPartnersLow, cadence.WorkloadPartnersHigh, cadence.WorkloadPartnersHigh*1.4, bars+1),
		m.level(wl.Partners, fmt.Sprintf("%s the %d–%d threshold", wl.PartnersPlace(), cadence.WorkloadPartnersLow, cadence.WorkloadPartnersHigh), true)))
	convNote := fmt.Sprintf("%s the threshold of %d", wl.ConversationsPlace(), cadence.WorkloadConversations)
	add(newRow("Partner-led conversations", fmt.Sprint(wl.Conversations),
		theme.Bar(float64(wl.Conversations)/cadence.WorkloadConversations, bars),
		m.level(wl.ConversationsLevel, convNote, true)))

	lines := m.rows(rows, bars)
	rows = rows[:0]
	for _, l := range strings.Split(ansi.Wrap(wl.Verdict, max(w-2, 1), ""), "\n") {
		lines = append(lines, theme.Truncate("  "+m.level(wl.Level, l, true), w))
	}

	// Registrations, satisfaction, time to first deal.
	if r := k.RegistrationAccuracy; r.HasValue {
		add(newRow("Registration accuracy", percent(r.Value), theme.Bar(r.Value, bars),
			fmt.Sprintf("%d of %d not rejected", r.Part, r.Whole)))
	} else {
		add(newRow("Registration accuracy", "—", "", s.Muted.Render("no registration decided in "+k.Quarter.String())))
	}
	if r := k.SLAAttainment; r.HasValue {
		add(newRow("Registration SLA", percent(r.Value), theme.Bar(r.Value, bars),
			fmt.Sprintf("%d of %d in %s", r.Part, r.Whole, count(k.SLABusinessDays, "business day", "business days"))))
	} else {
		add(newRow("Registration SLA", "—", "", s.Muted.Render("no registration decided in "+k.Quarter.String())))
	}
	if sat := k.Satisfaction; sat.HasValue {
		add(newRow("Partner satisfaction", fmt.Sprintf("%.1f/10", sat.Mean), theme.Bar(sat.Mean/10, bars),
			"mean of "+count(sat.Count, "held QBR", "held QBRs")))
	} else {
		add(newRow("Partner satisfaction", "—", "", s.Muted.Render("no QBRs held yet")))
	}
	if t := k.TimeToFirstDeal; t.HasValue {
		f := m.sess.Config.Fiscal()
		add(newRow("Time to first deal", days(t.MedianDays), "",
			fmt.Sprintf("median of %s (%s – %s)", count(t.Count, "partner", "partners"), f.QuarterOf(t.From), f.QuarterOf(t.To))))
	} else {
		add(newRow("Time to first deal", "—", "", s.Muted.Render("no first deals in the last four quarters")))
	}
	lines = append(lines, m.rows(rows, bars)...)
	lines = append(lines, m.trendLines()...)
	return append(lines, m.flagLines()...)
}

// trendLabels are the screen's short names of the KPIs of agenda.TrendRows.
var trendLabels = map[string]string{
	"Partner revenue (sourced + influenced)": "Partner revenue",
	"Partner-sourced revenue":                "  sourced",
	"Partner-influenced revenue":             "  influenced",
	"Deal-registration accuracy":             "Registration accuracy",
	"Registration SLA attainment":            "Registration SLA",
}

// trendLines draw each KPI over the quarter and the four before it: a
// sparkline (one cell a quarter, oldest first; "·" where a quarter has no
// figure) and the first and last figures. Open pipeline and coverage, which
// are figures of today, are in the rows above alone.
func (m Model) trendLines() []string {
	if len(m.trend) < 2 {
		return nil
	}
	s := m.styles
	first, last := m.trend[0].Quarter, m.trend[len(m.trend)-1].Quarter
	out := []string{theme.Truncate(s.Header.Render("Trend")+s.Muted.Render(fmt.Sprintf(" · %s → %s", first, last)), m.width)}
	rows := agenda.TrendRows(m.trend, m.kpis.Currency)
	// Revenue first, as in the rows above.
	order := []int{2, 0, 1}
	for i := 3; i < len(rows); i++ {
		order = append(order, i)
	}
	for _, i := range order {
		r := rows[i]
		if r.Today {
			continue
		}
		label, ok := trendLabels[r.KPI]
		if !ok {
			label = r.KPI
		}
		line := theme.Pad(label, labelWidth)
		if !strings.HasPrefix(label, " ") {
			line = s.Header.Render(line)
		}
		line += " " + sparkline(r.Values, r.Has, s.Muted.Render("·")) + "  "
		if slices.Contains(r.Has, true) {
			line += r.Cells[0] + s.Muted.Render(" → ") + r.Cells[len(r.Cells)-1]
		} else {
			line += s.Muted.Render("no figures in these quarters")
		}
		out = append(out, theme.Truncate(line, m.width))
	}
	return out
}

// sparkLevels are the cells of a sparkline, lowest first.
var sparkLevels = []rune("▁▂▃▄▅▆▇█")

// sparkline draws values (those has marks) as one cell each, scaled from
// their smallest to their largest; all equal, they sit in the middle. A
// value missing is drawn as missing.
func sparkline(values []float64, has []bool, missing string) string {
	lo, hi, seen := 0.0, 0.0, false
	for i, v := range values {
		if !has[i] {
			continue
		}
		if !seen || v < lo {
			lo = v
		}
		if !seen || v > hi {
			hi = v
		}
		seen = true
	}
	var b strings.Builder
	for i, v := range values {
		switch {
		case !has[i]:
			b.WriteString(missing)
		case hi == lo:
			b.WriteRune(sparkLevels[len(sparkLevels)/2-1])
		default:
			b.WriteRune(sparkLevels[int((v-lo)/(hi-lo)*float64(len(sparkLevels)-1)+0.5)])
		}
	}
	return b.String()
}

// barWidth shares what the label and value leave between the bar and the
// note: at 80 columns a 12-cell bar leaves the note 28, and the bar grows
// faster than the note up to barMax.
func (m Model) barWidth(k *cadence.KPIs) int {
	rest := m.width - labelWidth - 1 - valueWidth(k) - 2 - 2
	return theme.Clamp(rest*3/5-12, barMin, barMax)
}

// valueWidth is the widest value a row shows (money grows with the data).
func valueWidth(k *cadence.KPIs) int {
	widest := 8 // "244 days", "1.48×"
	for _, v := range []int64{k.OpenPipeline.Total().Amount, k.SourcedRevenue.Amount + k.InfluencedRevenue.Amount} {
		widest = max(widest, lipgloss.Width(cadence.FormatMoney(v, k.Currency)))
	}
	return widest
}

// rows lays KPI rows out in columns, each cut to the screen's width.
func (m Model) rows(rows []row, bars int) []string {
	vw := 0
	for _, r := range rows {
		vw = max(vw, lipgloss.Width(r.value))
	}
	if m.kpis != nil {
		vw = max(vw, valueWidth(m.kpis))
	}
	out := make([]string, 0, len(rows))
	for _, r := range rows {
		label := theme.Pad(r.label, labelWidth)
		if !strings.HasPrefix(r.label, " ") {
			label = m.styles.Header.Render(label)
		}
		line := label + " " + strings.Repeat(" ", max(vw-lipgloss.Width(r.value), 0)) + r.value + "  "
		if r.bar != "" {
			line += theme.Pad(r.bar, bars+1) + " "
		}
		line += r.note
		if r.more != "" && lipgloss.Width(line)+lipgloss.Width(r.more) <= m.width {
			line += r.more
		}
		out = append(out, theme.Truncate(line, m.width))
	}
	return out
}

// flagLines are today's flag counts by kind, most severe first, in their
// colours; they are counted now whatever the quarter on screen.
func (m Model) flagLines() []string {
	s := m.styles
	if m.snap == nil {
		return []string{theme.Truncate(s.Header.Render("Flags now")+s.Muted.Render(" · loading…"), m.width)}
	}
	counts := cadence.CountByKind(m.snap.Flags)
	title := s.Header.Render(fmt.Sprintf("Flags now · %d", len(m.snap.Flags)))
	if m.quarter != currentQuarter(m.sess) {
		title += s.Muted.Render(" · counted today, not for " + m.quarter.String())
	}
	out := []string{theme.Truncate(title, m.width)}
	const cell = 26 // "3 registration expiring" and a gap
	cols := theme.Clamp((m.width-2)/cell, 1, len(cadence.FlagKinds))
	var line strings.Builder
	for i, kind := range cadence.FlagKinds {
		n := counts[kind]
		st := s.Flag[kind]
		if n == 0 {
			st = s.Muted
		}
		line.WriteString(theme.Pad(st.Render(fmt.Sprintf("%d %s", n, kindLabel(kind))), cell))
		if (i+1)%cols == 0 || i == len(cadence.FlagKinds)-1 {
			out = append(out, theme.Truncate("  "+strings.TrimRight(line.String(), " "), m.width))
			line.Reset()
		}
	}
	return out
}

// level styles a note by how good its level is: for a workload, above the
// band is the warning; for a share of revenue, below it is.
func (m Model) level(l cadence.Level, text string, workload bool) string {
	bad := l == cadence.LevelBelow
	if workload {
		bad = l != cadence.LevelBelow
	}
	if bad {
		return m.styles.Warn.Render(text)
	}
	return m.styles.Good.Render(text)
}

// bandBar draws v on a scale of 0–top in width cells, with the band lo–hi
// marked by two "│" (which take two of the cells).
func bandBar(v, lo, hi, top float64, width int) string {
	n := max(width-3, 1) // two marks, and the "+" of a full bar
	cells := []rune(theme.Bar(v/top, n))
	at := func(x float64) int { return theme.Clamp(int(x/top*float64(n)+0.5), 0, n) }
	l, h := at(lo), at(hi)
	return string(cells[:l]) + "│" + string(cells[l:h]) + "│" + string(cells[h:])
}

func place(l cadence.Level) string {
	switch l {
	case cadence.LevelBelow:
		return "below"
	case cadence.LevelAbove:
		return "above"
	}
	return "within"
}

func kindLabel(k cadence.FlagKind) string { return strings.ReplaceAll(string(k), "_", " ") }

func percent(f float64) string { return fmt.Sprintf("%.0f%%", f*100) }

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func days(d float64) string {
	if d == float64(int(d)) {
		return count(int(d), "day", "days")
	}
	return fmt.Sprintf("%.1f days", d)
}

func day(d cadence.Date) string {
	return d.Weekday().String()[:3] + " " + shortDate(d)
}

func shortDate(d cadence.Date) string {
	_, mo, dd := d.YMD()
	return fmt.Sprintf("%s %d", mo.String()[:3], dd)
}

func longDate(d cadence.Date) string { return fmt.Sprintf("%s, %d", shortDate(d), d.Year()) }
