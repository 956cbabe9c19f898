package meeting

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"partnercadence/cadence"
	"partnercadence/cadence/agenda"
	"partnercadence/tui/theme"
)

// agendaLine is one line of the generated agenda.
type agendaLine struct {
	text    string // styled
	plain   string // the same text unstyled, for the line under the cursor
	carried int    // the position in carried() of the action on this line, or -1
}

// agendaLines draws the generated agenda in w cells: the sections
// agenda.Build cuts the meeting's agenda into, the same the exported
// markdown writes (see agenda.Build for which a kind has), each drawn for
// the screen. The action items of earlier meetings can be ticked here: they
// are carried(), in the order drawn.
func (m *Model) agendaLines(w int) []agendaLine {
	if !m.loaded {
		return []agendaLine{m.line(m.styles.Muted, "Loading the meeting…")}
	}
	b := m.built()
	var out []agendaLine
	tick := 0 // the position in carried() of the next action drawn
	for _, s := range b.agenda.Sections {
		switch s := s.(type) {
		case *agenda.ActionList:
			out = m.actionSection(out, s, &tick, w)
		case *agenda.FlagList:
			out = m.flagSection(out, s, w)
		case *agenda.MemberPipeline:
			out = m.memberPipeline(out, s, w)
		case *agenda.Waiting:
			out = m.waitingSection(out, s, w)
		case *agenda.Conflicts:
			out = m.dealSection(out, fmt.Sprintf("Conflicts (%d)", len(s.Rows)), "No conflicts.", s.Rows, nil, w)
		case *agenda.Expiring:
			out = m.dealSection(out, fmt.Sprintf("Expiring and lapsed (%d)", len(s.Rows)), "No registrations expiring or lapsed.", s.Rows,
				func(i int) string { return agenda.Protection(s.Rows[i].Flag) }, w)
		case *agenda.PipelineReview:
			out = m.pipelineReview(out, s.Pipeline, w)
		case *agenda.Scorecard:
			out = m.scorecard(out, s.Scorecard, w)
		case *agenda.ReadoutSection:
			out = m.kpiSection(out, s.KPIs, w)
			out = m.flagCounts(out, s.Flags, w)
			out = m.topPartners(out, s, w)
		case *agenda.Since:
			out = m.sinceSection(out, s.Changes, w)
		}
	}
	if len(out) == 0 {
		out = append(out, m.line(m.styles.Muted, "A one-off meeting: its agenda is what you write."))
	}
	return out
}

// builtAgenda is the meeting's agenda cut into sections for one gen, and
// the action items of earlier meetings it shows, in the order shown.
type builtAgenda struct {
	gen     int
	agenda  agenda.Agenda
	carried []cadence.ActionItem
}

// built returns the meeting's agenda for this gen: agenda.Build of what
// was read, with the earlier meetings' actions ticked here as saved.
func (m *Model) built() *builtAgenda {
	b := m.sections
	if b.agenda.Config != nil && b.gen == m.gen {
		return b
	}
	in := m.md
	if in.Config == nil {
		in.Config = m.sess.Config
	}
	if len(m.carriedLocal) > 0 {
		in.CarriedOver = slices.Clone(in.CarriedOver)
		seen := map[string]bool{}
		for i, a := range in.CarriedOver {
			if l, ok := m.carriedLocal[carriedKey(a)]; ok {
				in.CarriedOver[i] = l.item
				seen[carriedKey(a)] = true
			}
		}
		for k, l := range m.carriedLocal {
			if !seen[k] {
				in.CarriedOver = append(in.CarriedOver, l.item)
			}
		}
	}
	*b = builtAgenda{gen: m.gen, agenda: agenda.Build(in)}
	for _, s := range b.agenda.Sections {
		if l, ok := s.(*agenda.ActionList); ok {
			b.carried = append(b.carried, l.Items...)
		}
	}
	return b
}

// carriedKey names an action of an earlier meeting: its meeting and ID.
func carriedKey(a cadence.ActionItem) string { return a.Meeting + "\x00" + a.ID }

// carried returns the action items of earlier meetings the agenda shows,
// in the order shown: those the cursor of the agenda ticks.
func (m *Model) carried() []cadence.ActionItem { return m.built().carried }

// line is one line of the agenda in one style. The data in it is made
// visible again here (it is already, cell by cell: this keeps a heading or
// a figure that quotes a name from ever carrying a control code).
func (m *Model) line(style lipgloss.Style, text string) agendaLine {
	text = cadence.VisibleLine(text)
	return agendaLine{text: style.Render(text), plain: text, carried: -1}
}

func (m *Model) heading(out []agendaLine, title string) []agendaLine {
	if len(out) > 0 {
		out = append(out, agendaLine{carried: -1})
	}
	return append(out, m.line(m.styles.Header, title))
}

// actionSection draws a list of earlier meetings' action items, each a
// line the agenda's cursor can tick; tick is the position in carried() of
// the first.
func (m *Model) actionSection(out []agendaLine, l *agenda.ActionList, tick *int, w int) []agendaLine {
	open := 0
	for _, a := range l.Items {
		if a.Open() {
			open++
		}
	}
	title := fmt.Sprintf("%s (%d open)", l.Title, open)
	if l.From != "" {
		title = fmt.Sprintf("%s · %s (%d open)", l.Title, fromLabel(l.From), open)
	}
	out = m.heading(out, theme.Truncate(title, w))
	if len(l.Items) == 0 {
		return append(out, m.line(m.styles.Muted, theme.Truncate("  "+l.Empty, w)))
	}
	today := m.sess.Today()
	for _, a := range l.Items {
		box := "[ ] "
		if !a.Open() {
			box = "[x] "
		}
		parts := []string{theme.OneLine(a.Owner)}
		late := ""
		if !a.Due.IsZero() {
			parts = append(parts, "due "+fmtDate(a.Due, "Jan 2"))
			if a.Open() && a.Due.Before(today) {
				late = fmt.Sprintf(" · %dd late", today.Sub(a.Due))
			}
		}
		if l.From == "" {
			parts = append(parts, "from "+theme.OneLine(fromLabel(a.Meeting)))
		}
		meta := fitMeta(parts, w-2-len(box)-lipgloss.Width(late)-2)
		textW := max(w-2-len(box)-lipgloss.Width(meta+late)-2, 8)
		text := theme.Pad(theme.OneLine(a.Text), textW)
		plain := "  " + box + text + "  " + meta + late
		styled := "  " + box + text + "  " + m.styles.Muted.Render(meta) + m.styles.Warn.Render(late)
		if !a.Open() {
			styled = m.styles.Good.Render("  "+box+text) + "  " + m.styles.Muted.Render(meta)
		}
		out = append(out, agendaLine{text: styled, plain: plain, carried: *tick})
		*tick++
	}
	return out
}

// minText is the fewest cells an action's text keeps in a row before the
// details after it give way.
const minText = 24

// fitMeta joins an action's details (most important first) with " · ",
// leaving out the last ones while they would squeeze the text beside them
// in w cells below minText.
func fitMeta(parts []string, w int) string {
	meta := strings.Join(parts, " · ")
	for len(parts) > 1 && w-lipgloss.Width(meta) < minText {
		parts = parts[:len(parts)-1]
		meta = strings.Join(parts, " · ")
	}
	return meta
}

// fromLabel names the meeting an action came from, briefly: "Nov 17" for a
// dated meeting, "2026-Q3" for a QBR.
func fromLabel(id string) string {
	i := strings.LastIndexByte(id, '/')
	last := id[i+1:]
	if t, err := time.Parse("2006-01-02", last); err == nil {
		return t.Format("Jan 2")
	}
	return last
}

func (m *Model) flagSection(out []agendaLine, l *agenda.FlagList, w int) []agendaLine {
	out = m.heading(out, fmt.Sprintf("%s (%d)", l.Title, len(l.Flags)))
	if len(l.Flags) == 0 {
		return append(out, m.line(m.styles.Muted, "  "+l.Empty))
	}
	for _, f := range l.Flags {
		out = append(out, m.flagLine(f, f.Message, w))
	}
	return out
}

// flagLine is a flag's tag in its kind's colour, then text.
func (m *Model) flagLine(f cadence.Flag, text string, w int) agendaLine {
	const tagW = 9
	tag := theme.Pad(theme.FlagTag(f.Kind), tagW)
	msg := theme.Truncate(theme.OneLine(text), max(w-2-tagW, 1))
	style, ok := m.styles.Flag[f.Kind]
	if !ok {
		style = m.styles.Warn
	}
	return agendaLine{text: "  " + style.Render(tag) + msg, plain: "  " + tag + msg, carried: -1}
}

// waitingSection is a pipeline review's registrations waiting past the SLA,
// the longest waiting first, and how many more wait within it.
func (m *Model) waitingSection(out []agendaLine, s *agenda.Waiting, w int) []agendaLine {
	out = m.dealSection(out, fmt.Sprintf("Waiting for a decision past the %d-day SLA (%d)", s.SLA, len(s.Rows)),
		"None past the SLA.", s.Rows, func(i int) string { return fmt.Sprintf("%d business days", s.BusinessDays[i]) }, w)
	if s.Within.Count > 0 {
		out = append(out, m.line(m.styles.Muted, theme.Truncate(fmt.Sprintf("  and %d (%s) waiting within the SLA",
			s.Within.Count, m.money(s.Within.Amount)), w)))
	}
	return out
}

// dealSection is a pipeline review's list of registrations that need a
// decision: one line each, with what detail says of it.
func (m *Model) dealSection(out []agendaLine, title, empty string, rows []agenda.DealRow, detail func(i int) string, w int) []agendaLine {
	out = m.heading(out, theme.Truncate(title, w))
	if len(rows) == 0 {
		return append(out, m.line(m.styles.Muted, "  "+empty))
	}
	for i, row := range rows {
		text := row.Flag.Message
		if r := row.Registration; row.Found {
			parts := []string{r.ID, r.Partner, r.Account, m.money(r.Amount)}
			if detail != nil {
				parts = append(parts, detail(i))
			}
			if row.Owner != "" {
				parts = append(parts, row.Owner)
			}
			text = strings.Join(parts, " · ")
		}
		out = append(out, m.flagLine(row.Flag, text, w))
	}
	return out
}

func (m *Model) flagCounts(out []agendaLine, flags []cadence.Flag, w int) []agendaLine {
	out = m.heading(out, fmt.Sprintf("Flags by kind (%d in all)", len(flags)))
	counts := cadence.CountByKind(flags)
	if len(counts) == 0 {
		return append(out, m.line(m.styles.Muted, "  No flags."))
	}
	for _, k := range cadence.FlagKinds {
		if n := counts[k]; n > 0 {
			out = append(out, m.line(lipgloss.NewStyle(), theme.Truncate(fmt.Sprintf("  %-24s %4d", k, n), w)))
		}
	}
	return out
}

// topPartners is a readout's partners with the most sourced revenue won in
// the quarter.
func (m *Model) topPartners(out []agendaLine, s *agenda.ReadoutSection, w int) []agendaLine {
	out = m.heading(out, fmt.Sprintf("Top partners by sourced revenue (%d)", len(s.Top)))
	if len(s.Top) == 0 {
		return append(out, m.line(m.styles.Muted, "  No partner-sourced revenue won."))
	}
	rows := make([][]string, len(s.Top))
	for i, p := range s.Top {
		rows[i] = []string{p.Partner, m.money(p.Sourced), m.money(p.Influenced)}
	}
	return m.table(out, []string{"Partner", "Sourced won", "Influenced"}, []int{0, 12, 12}, rows, w)
}

// table draws rows under a header; the first column takes what the others
// leave, the others align right.
func (m *Model) table(out []agendaLine, header []string, widths []int, rows [][]string, w int) []agendaLine {
	first := w - 2
	for _, cw := range widths[1:] {
		first -= cw + 1
	}
	widths = slices.Clone(widths)
	widths[0] = max(first, 6)
	cells := func(r []string) string {
		var b strings.Builder
		b.WriteString("  ")
		for i, c := range r {
			if i == 0 {
				b.WriteString(theme.Pad(theme.OneLine(c), widths[0]))
				continue
			}
			b.WriteByte(' ')
			c = theme.Truncate(c, widths[i])
			b.WriteString(strings.Repeat(" ", max(widths[i]-lipgloss.Width(c), 0)) + c)
		}
		return theme.Truncate(b.String(), w)
	}
	out = append(out, m.line(m.styles.Muted, cells(header)))
	for _, r := range rows {
		out = append(out, m.line(lipgloss.NewStyle(), cells(r)))
	}
	return out
}

func (m *Model) money(n int64) string {
	if n == 0 {
		return "—"
	}
	return cadence.FormatMoney(n, m.sess.Config.Currency)
}

// memberPipeline is a 1:1's table of the member's partners: tier, open
// sourced and influenced pipeline, won this quarter, days since the last
// inbound touch.
func (m *Model) memberPipeline(out []agendaLine, s *agenda.MemberPipeline, w int) []agendaLine {
	p := s.Pipeline
	out = m.heading(out, fmt.Sprintf("Pipeline · %s partners (%d)", theme.OneLine(cadence.Possessive(s.Member)), len(p.Rows)))
	if len(p.Rows) == 0 {
		return append(out, m.line(m.styles.Muted, "  No partners."))
	}
	today := m.sess.Today()
	rows := make([][]string, 0, len(p.Rows))
	for _, r := range p.Rows {
		inbound := "never"
		if days, ok := r.Partner.DaysSinceInbound(today); ok {
			inbound = fmt.Sprintf("%dd", days)
		}
		rows = append(rows, []string{r.Partner.Partner.Name, fmt.Sprint(r.Partner.Partner.Tier), m.money(r.Open.Sourced.Amount),
			m.money(r.Open.Influenced.Amount), m.money(r.Won.Total().Amount), inbound})
	}
	return m.table(out, []string{"Partner", "Tier", "Open sourced", "Open infl.", "Won " + m.built().agenda.Quarter.String(), "Inbound"},
		[]int{0, 4, 12, 12, 12, 7}, rows, w)
}

// pipelineReview is a pipeline review's open pipeline, summed once in
// cadence.PipelineOf: by owner, then the top partners and one line for the
// rest.
func (m *Model) pipelineReview(out []agendaLine, p cadence.Pipeline, w int) []agendaLine {
	if p.Partners == 0 {
		out = m.heading(out, "Pipeline by owner")
		return append(out, m.line(m.styles.Muted, "  No open partner pipeline."))
	}
	out = m.heading(out, theme.Truncate(fmt.Sprintf("Pipeline by owner · %s open (%d) across %d partners",
		m.money(p.Open.Total().Amount), p.Open.Total().Count, p.Partners), w))
	rows := make([][]string, 0, len(p.ByOwner)+1)
	for _, o := range p.ByOwner {
		owner := o.Owner
		if strings.TrimSpace(owner) == "" {
			owner = "(no owner)"
		}
		rows = append(rows, []string{owner, fmt.Sprint(o.Open.Total().Count), m.money(o.Open.Sourced.Amount), m.money(o.Open.Influenced.Amount), m.money(o.Open.Total().Amount)})
	}
	rows = append(rows, []string{"Total", fmt.Sprint(p.Open.Total().Count), m.money(p.Open.Sourced.Amount), m.money(p.Open.Influenced.Amount), m.money(p.Open.Total().Amount)})
	out = m.table(out, []string{"Owner", "Open", "Sourced", "Influenced", "Total"}, []int{0, 5, 12, 12, 12}, rows, w)
	out = m.heading(out, fmt.Sprintf("Top partners by open pipeline (%d)", len(p.Top)))
	rows = make([][]string, len(p.Top))
	for i, t := range p.Top {
		rows[i] = []string{t.Partner, fmt.Sprint(t.Tier), m.money(t.Open.Sourced.Amount), m.money(t.Open.Influenced.Amount), m.money(t.Open.Total().Amount)}
	}
	out = m.table(out, []string{"Partner", "Tier", "Sourced", "Influenced", "Total"}, []int{0, 4, 12, 12, 12}, rows, w)
	if p.RestPartners > 0 {
		out = append(out, m.line(m.styles.Muted, theme.Truncate(fmt.Sprintf("  … and %d more partners (total %s)",
			p.RestPartners, m.money(p.Rest.Total().Amount)), w)))
	}
	return out
}

// scorecard is a QBR's partner scorecard for the QBR's quarter.
func (m *Model) scorecard(out []agendaLine, sc *cadence.PartnerScorecard, w int) []agendaLine {
	o := m.md.Occurrence
	out = m.heading(out, "Scorecard · "+o.Quarter.String())
	if sc == nil {
		return append(out, m.line(m.styles.Muted, "  No such partner."))
	}
	split := func(s cadence.Split) string {
		var parts []string
		if d := s.Sourced; d.Count > 0 {
			parts = append(parts, fmt.Sprintf("%s sourced (%d)", m.money(d.Amount), d.Count))
		}
		if d := s.Influenced; d.Count > 0 {
			parts = append(parts, fmt.Sprintf("%s influenced (%d)", m.money(d.Amount), d.Count))
		}
		if len(parts) == 0 {
			return "none"
		}
		return strings.Join(parts, " · ")
	}
	kv := func(k, v string) agendaLine {
		return m.line(lipgloss.NewStyle(), theme.Truncate(fmt.Sprintf("  %-20s %s", k, v), w))
	}
	firstDeal := "none yet"
	if sc.HasFirstDeal {
		firstDeal = fmt.Sprintf("%s, %d days after joining", sc.FirstWon, sc.DaysToFirstDeal)
	}
	last := "none yet"
	if sc.HasSatisfaction {
		last = fmt.Sprintf("%d/10 in %s", sc.LastSatisfaction, sc.LastSatisfactionQuarter)
	}
	this := "not given (s to set)"
	if m.rec.Satisfaction > 0 {
		this = fmt.Sprintf("%d/10", m.rec.Satisfaction)
	}
	return append(out,
		m.line(m.styles.Muted, theme.Truncate(fmt.Sprintf("  tier %d · %s · %s · owner %s · joined %s",
			sc.Tier, theme.OneLine(string(sc.Type)), theme.OneLine(string(sc.Status)), theme.OneLine(sc.Owner), sc.Joined), w)),
		kv("Won this quarter", split(sc.Won)),
		kv("Won last quarter", split(sc.WonLastQuarter)),
		kv("Open pipeline", split(sc.Open)),
		kv("Decided", fmt.Sprintf("%d approved · %d rejected this quarter (%d · %d in all)",
			sc.Decided.Approved, sc.Decided.Rejected, sc.DecidedAllTime.Approved, sc.DecidedAllTime.Rejected)),
		kv("First deal", firstDeal),
		kv("Last satisfaction", last),
		kv("This QBR", this),
	)
}

// fmtDate formats a date with a time layout.
func fmtDate(d cadence.Date, layout string) string {
	if d.IsZero() {
		return ""
	}
	return d.Start(time.UTC).Format(layout)
}

// sinceSection is what changed since the previous meeting of the series,
// one line per change under a line per kind, from the same
// cadence.Changes the exported agenda lists.
func (m *Model) sinceSection(out []agendaLine, c cadence.Changes, w int) []agendaLine {
	if c.First {
		out = m.heading(out, "Since last time")
		return append(out, m.line(m.styles.Muted, "  First meeting of its series: nothing to compare with yet."))
	}
	out = m.heading(out, theme.Truncate(fmt.Sprintf("Since last time · %s to %s", fmtDate(c.From, "Jan 2"), fmtDate(c.To, "Jan 2")), w))
	if c.Empty() {
		return append(out, m.line(m.styles.Muted, "  Nothing changed."))
	}
	plain := lipgloss.NewStyle()
	entry := func(text string) agendaLine { return m.line(plain, theme.Truncate("    "+theme.OneLine(text), w)) }
	kind := func(title string, n int) {
		out = append(out, m.line(m.styles.Muted, theme.Truncate(fmt.Sprintf("  %s (%d)", title, n), w)))
	}
	// more counts the entries the changes hold no more of (a pipeline
	// review's or a readout's, cadence.SinceShown of each kind).
	more := func(omitted int) {
		if omitted > 0 {
			out = append(out, m.line(m.styles.Muted, theme.Truncate(fmt.Sprintf("    … and %d more", omitted), w)))
		}
	}
	regs := func(title string, rs []cadence.Registration, omitted int, day func(cadence.Registration) cadence.Date) {
		if len(rs)+omitted == 0 {
			return
		}
		kind(title, len(rs)+omitted)
		for _, r := range rs {
			out = append(out, entry(fmt.Sprintf("%s %s · %s · %s · %s", fmtDate(day(r), "Jan 2"), r.ID, r.Partner, r.Account, m.money(r.Amount))))
		}
		more(omitted)
	}
	o := c.Omitted
	regs("Submitted", c.Submitted, o.Submitted, func(r cadence.Registration) cadence.Date { return r.Submitted })
	regs("Decided", c.Decided, o.Decided, func(r cadence.Registration) cadence.Date { return r.Decided })
	regs("Won", c.Won, o.Won, func(r cadence.Registration) cadence.Date { return r.Closed })
	regs("Lost", c.Lost, o.Lost, func(r cadence.Registration) cadence.Date { return r.Closed })
	regs("Lapsed", c.Lapsed, o.Lapsed, func(r cadence.Registration) cadence.Date {
		if r.Status == cadence.RegExpired {
			return r.Closed
		}
		return r.ExpiresOn(m.sess.Config.Flags.RegistrationProtectionDays).AddDays(1)
	})
	if len(c.Touches)+o.Touches > 0 {
		kind("Touchpoints", len(c.Touches)+o.Touches)
		for _, t := range c.Touches {
			out = append(out, entry(fmt.Sprintf("%s · %d in · %d out", t.Partner, t.Inbound, t.Outbound)))
		}
		more(o.Touches)
	}
	for _, fs := range []struct {
		title   string
		flags   []cadence.Flag
		omitted int
	}{{"Flags raised", c.Raised, o.Raised}, {"Flags cleared", c.Cleared, o.Cleared}} {
		if len(fs.flags)+fs.omitted == 0 {
			continue
		}
		kind(fs.title, len(fs.flags)+fs.omitted)
		for _, f := range fs.flags {
			out = append(out, entry(theme.FlagTag(f.Kind)+" "+f.Message))
		}
		more(fs.omitted)
	}
	if len(c.Done)+o.Done > 0 {
		kind("Actions done", len(c.Done)+o.Done)
		for _, a := range c.Done {
			out = append(out, entry(fmt.Sprintf("[x] %s · %s · done %s", a.Text, a.Owner, fmtDate(a.Done, "Jan 2"))))
		}
		more(o.Done)
	}
	return out
}

// kpiSection is a readout's KPIs for the quarter it reads out, each row
// worded by agenda.KPIRows as the exported agenda has it.
func (m *Model) kpiSection(out []agendaLine, k *cadence.KPIs, w int) []agendaLine {
	if k == nil {
		out = m.heading(out, "KPIs")
		return append(out, m.line(m.styles.Muted, "  No KPIs available."))
	}
	out = m.heading(out, "KPIs · "+k.Quarter.String())
	for _, r := range agenda.KPIRows(*k, m.sess.Config.Currency) {
		text := fmt.Sprintf("  %-28s %s", theme.Truncate(r[0], 28), r[1])
		if r[3] != "—" {
			text += " · " + r[3]
		}
		out = append(out, m.line(lipgloss.NewStyle(), theme.Truncate(text, w)))
	}
	return out
}
