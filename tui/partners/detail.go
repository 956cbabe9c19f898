package partners

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"partnercadence/cadence"
	"partnercadence/store"
	"partnercadence/tui/list"
	"partnercadence/tui/session"
	"partnercadence/tui/theme"
)

// timelinePage is how many touchpoints the detail reads at a time: the first
// page when it opens, one more each time the user scrolls near the end.
const timelinePage = 200

// timelineLoaded carries a partner's newest touchpoints and all its
// registrations.
type timelineLoaded struct {
	partner string
	limit   int
	touches []cadence.Touchpoint
	regs    []cadence.Registration
	err     error
}

// loadTimeline reads a partner's newest limit touchpoints and every
// registration.
func loadTimeline(st *store.Store, partner string, limit int) tea.Cmd {
	return func() tea.Msg {
		msg := timelineLoaded{partner: partner, limit: limit}
		msg.touches, msg.err = st.Touchpoints(partner, limit)
		if msg.err == nil {
			msg.regs, msg.err = st.PartnerRegistrations(partner)
		}
		return msg
	}
}

// entry is one line of a timeline: a touchpoint or a registration (on its
// submitted date).
type entry struct {
	date  cadence.Date
	touch *cadence.Touchpoint
	reg   *cadence.Registration
}

// detail is the state of the detail view of one partner.
type detail struct {
	name    string // the partner, as named in the snapshot
	limit   int    // touchpoints asked for
	loading bool
	loaded  bool
	more    bool // the store may hold older touchpoints than those read
	err     error
	touches []cadence.Touchpoint
	regs    []cadence.Registration
	entries []entry
	// list is the cursor over entries (e and d act on its touchpoint),
	// kept on its entry when the timeline is read again.
	list list.Model
}

// selectedTouch returns the touchpoint of the selected entry; nil when
// the entry is a registration or there is none.
func (d *detail) selectedTouch() *cadence.Touchpoint {
	i, ok := d.list.Selected()
	if !ok {
		return nil
	}
	return d.entries[i].touch
}

// selected returns the index of the selected entry; false with none.
func (d *detail) selected() (int, bool) { return d.list.Selected() }

// timelineSource is the list's Source over a timeline's entries: a
// registration named by its ID, a touchpoint by what it records (they have
// no ID); the timeline has no text filter.
type timelineSource []string

func newTimelineSource(entries []entry) timelineSource {
	s := make(timelineSource, len(entries))
	for i, e := range entries {
		if e.reg != nil {
			s[i] = "r\x00" + e.reg.ID
			continue
		}
		t := e.touch
		s[i] = strings.Join([]string{"t", t.Date.String(), string(t.Kind), string(t.Direction), t.Account, t.Note, t.By}, "\x00")
	}
	return s
}

func (s timelineSource) Len() int               { return len(s) }
func (s timelineSource) Key(i int) string       { return s[i] }
func (s timelineSource) FilterValue(int) string { return "" }

func (m Model) openDetail(name string) (Model, tea.Cmd) {
	m.inDetail = true
	m.detail = detail{name: name, limit: timelinePage, loading: true, list: list.New()}
	m.detail.list.SetHeight(m.detailRows())
	return m, loadTimeline(m.sess.Store, name, timelinePage)
}

// reload reads the timeline again (after a write, or another process's
// change), as far as it had been read.
func (d *detail) reload(sess *session.Session) tea.Cmd {
	d.loading = true
	return loadTimeline(sess.Store, d.name, max(d.limit, timelinePage))
}

// apply takes a loaded timeline, if it is still the one wanted.
func (d *detail) apply(msg timelineLoaded) {
	if cadence.NameKey(msg.partner) != cadence.NameKey(d.name) || msg.limit < d.limit {
		return
	}
	d.loading, d.loaded, d.err = false, true, msg.err
	if msg.err != nil {
		return
	}
	d.limit = msg.limit
	d.touches, d.regs = msg.touches, msg.regs
	d.more = len(msg.touches) >= msg.limit
	d.entries = mergeTimeline(d.touches, d.regs, d.more)
	d.list.SetSource(newTimelineSource(d.entries), nil)
}

// mergeTimeline merges touchpoints (newest first) and registrations into one
// list, newest first. While older touchpoints are still unread (more),
// registrations older than the oldest touchpoint read wait for them, so the
// timeline never shows a gap.
func mergeTimeline(touches []cadence.Touchpoint, regs []cadence.Registration, more bool) []entry {
	var oldest cadence.Date
	if more && len(touches) > 0 {
		oldest = touches[len(touches)-1].Date
	}
	out := make([]entry, 0, len(touches)+len(regs))
	for i := range touches {
		out = append(out, entry{date: touches[i].Date, touch: &touches[i]})
	}
	for i := range regs {
		if more && regs[i].Submitted.Before(oldest) {
			continue
		}
		out = append(out, entry{date: regs[i].Submitted, reg: &regs[i]})
	}
	// Newest first; on one day, registrations before touchpoints.
	slices.SortStableFunc(out, func(a, b entry) int {
		if c := b.date.Sub(a.date); c != 0 {
			return c
		}
		switch {
		case a.reg != nil && b.reg == nil:
			return -1
		case a.reg == nil && b.reg != nil:
			return 1
		}
		return 0
	})
	return out
}

// wantsMore reports whether the user has scrolled near the end of what was
// read while the store holds more.
func (d *detail) wantsMore(n int) bool {
	from, _ := d.list.Visible()
	return d.more && !d.loading && from+2*max(n, 1) >= len(d.entries)
}

func (m Model) detailKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.keys
	d := &m.detail
	switch {
	case key.Matches(msg, k.Back):
		m.inDetail = false
		if m.backOnEsc {
			m.backOnEsc = false
			return m, func() tea.Msg { return session.Back{} }
		}
		return m, nil
	case d.list.HandleKey(msg, k.KeyMap):
	case key.Matches(msg, k.EditPartner):
		if p, ok := m.detailPartner(); ok {
			return m.openForm(p.Partner, true)
		}
	case key.Matches(msg, k.EditTouch):
		if t := d.selectedTouch(); t != nil {
			return m.openEditLog(*t)
		}
	case key.Matches(msg, k.DeleteTouch):
		if t := d.selectedTouch(); t != nil {
			tp := *t
			m.dropping = &tp
			return m, nil
		}
	case anyOf(msg, k.EditTouch, k.DeleteTouch):
		// e and d act on a touchpoint; the row selected is not one.
		if len(d.entries) > 0 {
			return m, func() tea.Msg {
				return session.Notice{Text: "the selected row is a registration: change it on the Registrations screen (e and d edit and delete touchpoints)"}
			}
		}
	case key.Matches(msg, k.Log):
		return m.openLog(m.detail.name)
	case key.Matches(msg, k.Delete):
		if p, ok := m.detailPartner(); ok {
			return m.askDelete(p.Partner)
		}
	}
	return m, m.more()
}

// more asks for the next page of touchpoints when the user nears the end.
func (m *Model) more() tea.Cmd {
	d := &m.detail
	if !m.inDetail || !d.wantsMore(m.detailRows()) {
		return nil
	}
	d.loading = true
	d.limit += timelinePage
	return loadTimeline(m.sess.Store, d.name, d.limit)
}

// detailHead returns the lines above the timeline: the partner's fields,
// its flags and the timeline's title.
func (m Model) detailHead() []string {
	st := m.styles
	a, ok := m.detailPartner()
	if !ok {
		return []string{st.Header.Render(theme.OneLine(m.detail.name)), st.Warn.Render("this partner is no longer in the database (esc goes back)")}
	}
	p := a.Partner
	today := m.sess.Today()
	head := st.Title.Render(theme.OneLine(p.Name)) + "  " +
		fmt.Sprintf("tier %d · %s · %s · owner %s", p.Tier, theme.OneLine(string(p.Type)), theme.OneLine(string(p.Status)), orDash(theme.OneLine(p.Owner)))
	lines := []string{head}

	var who []string
	if !p.Joined.IsZero() {
		who = append(who, "joined "+p.Joined.String())
	}
	contact := theme.OneLine(p.Contact)
	if p.Email != "" {
		contact = strings.TrimSpace(contact + " <" + theme.OneLine(p.Email) + ">")
	}
	if contact != "" {
		who = append(who, "contact "+contact)
	}
	if p.Domain != "" {
		who = append(who, theme.OneLine(p.Domain))
	}
	if len(who) > 0 {
		lines = append(lines, strings.Join(who, " · "))
	}

	activity := []string{"last inbound " + since(a.LastInbound, today), "last touch " + since(a.LastTouch, today)}
	activity = append(activity, plural(a.OpenRegistrations, "open registration", "open registrations"))
	if !a.FirstWon.IsZero() {
		activity = append(activity, "first win "+a.FirstWon.String())
	}
	lines = append(lines, strings.Join(activity, " · "))
	if notes := theme.OneLine(p.Notes); notes != "" {
		lines = append(lines, st.Muted.Render("notes: ")+notes)
	}

	var flags []cadence.Flag
	key := cadence.NameKey(p.Name)
	for _, f := range m.snap.Flags {
		if f.Partner != "" && cadence.NameKey(f.Partner) == key {
			flags = append(flags, f)
		}
	}
	lines = append(lines, "")
	if len(flags) == 0 {
		lines = append(lines, st.Good.Render("no flags"))
	} else {
		lines = append(lines, st.Header.Render(fmt.Sprintf("Flags (%d)", len(flags))))
		// At most a third of the screen: the timeline needs the rest.
		room := max(m.height/3, 1)
		for i, f := range flags {
			if i == room-1 && len(flags) > room {
				lines = append(lines, st.Muted.Render(fmt.Sprintf("  … and %d more", len(flags)-i)))
				break
			}
			lines = append(lines, "  "+st.Flag[f.Kind].Render("● "+string(f.Kind))+"  "+theme.OneLine(f.Message))
		}
	}
	lines = append(lines, "")

	d := m.detail
	title := "Timeline, newest first"
	switch {
	case d.err != nil:
		title += " · " + st.Error.Render("could not read it: "+theme.OneLine(d.err.Error()))
	case !d.loaded:
		title += " · " + st.Muted.Render("loading…")
	default:
		count := plural(len(d.touches), "touchpoint", "touchpoints") + ", " + plural(len(d.regs), "registration", "registrations")
		if d.more {
			count = "newest " + count + " (more as you scroll)"
		}
		title += " · " + st.Muted.Render(count)
	}
	return append(lines, st.Header.Render("Timeline")+strings.TrimPrefix(title, "Timeline"))
}

// detailRows is how many timeline entries fit under the head.
func (m Model) detailRows() int {
	h := m.height
	if m.log != nil {
		h -= len(m.log.view(m.styles))
	}
	return max(h-len(m.detailHead()), 1)
}

func (m Model) detailView(h int) []string {
	lines := m.detailHead()
	d := m.detail
	if d.loaded && len(d.entries) == 0 && d.err == nil {
		return append(lines, m.styles.Muted.Render("  nothing yet: press l to log a touchpoint"))
	}
	n := max(h-len(lines), 0)
	cols := theme.Layout(timelineColumns(), m.width-gutter)
	from, to := d.list.Visible()
	for p := from; p < to && p < from+n; p++ {
		i := d.list.Item(p)
		row := theme.RenderCells(cols, d.entries[i].cells(m.styles, m.sess.Config))
		if p == d.list.Cursor() {
			lines = append(lines, m.styles.Selected.Render(theme.Pad("▸ "+row, m.width)))
			continue
		}
		lines = append(lines, "  "+row)
	}
	return lines
}

func timelineColumns() []theme.Column {
	// Spare width goes to the note first, then to who, the account, and
	// what is left to the note again.
	return []theme.Column{
		{Title: "Date", Min: 10, Prio: 0},
		{Title: "Kind", Min: 7, Prio: 1},
		{Title: "Dir", Min: 3, Prio: 3},
		{Title: "Account", Min: 10, Grow: []int{-1, -1, 20}, Prio: 4},
		{Title: "Note", Min: 10, Grow: []int{40, -1, -1, 0}, Prio: 2},
		{Title: "By", Min: 10, Grow: []int{-1, 14}, Prio: 5},
	}
}

// cells returns the entry's date, kind, direction, account, text and who.
func (e entry) cells(st theme.Styles, cfg *cadence.Config) []string {
	if t := e.touch; t != nil {
		dir := "in"
		if t.Direction == cadence.Outbound {
			dir = "out"
		}
		return []string{t.Date.String(), theme.OneLine(string(t.Kind)), dir, theme.OneLine(t.Account), theme.OneLine(t.Note), theme.OneLine(t.By)}
	}
	r := e.reg
	parts := []string{theme.OneLine(r.ID), cadence.FormatMoney(r.Amount, cfg.Currency), theme.OneLine(string(r.Attribution)), theme.OneLine(string(r.Status))}
	switch {
	case !r.Closed.IsZero():
		parts[3] += " " + r.Closed.String()
	case !r.Decided.IsZero():
		parts[3] += " " + r.Decided.String()
	}
	if exp := r.ExpiresOn(cfg.Flags.RegistrationProtectionDays); r.Status == cadence.RegApproved && !exp.IsZero() {
		parts = append(parts, "expires "+exp.String())
	}
	text := strings.Join(parts, " · ")
	switch r.Status {
	case cadence.RegWon:
		text = st.Good.Render(text)
	case cadence.RegLost, cadence.RegRejected, cadence.RegExpired:
		text = st.Muted.Render(text)
	}
	return []string{r.Submitted.String(), "reg", "in", theme.OneLine(r.Account), text, theme.OneLine(r.Owner)}
}

// since says how long ago d was: "2026-11-20 (3 d ago)", "today", "never".
func since(d, today cadence.Date) string {
	switch n := today.Sub(d); {
	case d.IsZero():
		return "never"
	case n == 0:
		return d.String() + " (today)"
	case n < 0:
		return d.String()
	default:
		return fmt.Sprintf("%s (%d d ago)", d, n)
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// anyOf reports whether msg presses one of bs, enabled or not: for a key
// that does not apply to the selection, to say why.
func anyOf(msg tea.KeyPressMsg, bs ...key.Binding) bool {
	for _, b := range bs {
		b.SetEnabled(true)
		if key.Matches(msg, b) {
			return true
		}
	}
	return false
}
