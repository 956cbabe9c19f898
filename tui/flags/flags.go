// Package flags is the Flags screen: every flag, most severe first, each
// message whole (wrapped to the width), filtered by kind and owner (`m` for
// the member at the keyboard) and, with `/`, fuzzily by its partner, owner,
// kind and what it is about (a registration's ID, a meeting's). Enter asks the root to go to what the flag
// is about, where it can be fixed; coming back, the list is the fresh one
// and the cursor stays where it was.
//
// Only the flags on screen are wrapped and drawn, and a flag's lines are
// kept until the data, the width or the styles change: a key costs the same
// with 5,000 flags as with 5.
package flags

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"partnercadence/cadence"
	"partnercadence/tui/list"
	"partnercadence/tui/session"
	"partnercadence/tui/theme"
)

// Open asks the root to go to what Flag is about, ready to fix it there.
type Open struct{ Flag cadence.Flag }

// Model is the Flags screen.
type Model struct {
	sess   *session.Session
	styles theme.Styles
	keys   KeyMap

	width, height int

	snap   *session.Snapshot
	all    []cadence.Flag
	owners []string // the flags' owners, sorted, for the owner filter

	kind  cadence.FlagKind // "" for every kind
	owner string           // "" for every owner

	// list is the cursor over all: the kind and owner filters give its
	// order, and it applies the text filter.
	list      list.Model
	filter    textinput.Model
	filtering bool

	lines map[int][]string // a flag's drawn lines (not under the cursor), by index into all
}

// flagSource is the list's Source over a snapshot's flags: each named by
// its kind and ref, matched on its partner, owner, kind and ref.
type flagSource struct {
	keys, hays []string
}

// Source returns a list.Source over flags, for every list of flags (this
// screen's, the Week's flags panel): a flag is named by its kind and ref
// and filtered by its partner, owner, kind and ref.
func Source(flags []cadence.Flag) list.Source { return newFlagSource(flags) }

func newFlagSource(flags []cadence.Flag) flagSource {
	s := flagSource{keys: make([]string, len(flags)), hays: make([]string, len(flags))}
	for i, f := range flags {
		s.keys[i] = string(f.Kind) + "\x00" + f.Ref
		// Not the message: a long text scatters a fuzzy match and its
		// length outweighs a whole word matched in a name.
		s.hays[i] = theme.OneLine(f.Partner) + "  " + theme.OneLine(f.Owner) + "  " + theme.FlagTag(f.Kind) + "  " + theme.OneLine(f.Ref)
	}
	return s
}

func (s flagSource) Len() int                 { return len(s.keys) }
func (s flagSource) Key(i int) string         { return s.keys[i] }
func (s flagSource) FilterValue(i int) string { return s.hays[i] }

// New builds the screen; it shows nothing until the first session.Loaded.
func New(sess *session.Session, styles theme.Styles) Model {
	m := Model{sess: sess, styles: styles, keys: DefaultKeyMap(), lines: map[int][]string{}, list: list.New()}
	m.filter = theme.NewInput(styles, "/ ", "partner, owner, kind or ID")
	m.setItemHeight()
	m.syncKeys()
	return m
}

// Init loads nothing: the root delivers the snapshot.
func (m Model) Init() tea.Cmd { return nil }

// SetSize sets the size the screen draws in.
func (m *Model) SetSize(w, h int) {
	if w != m.width {
		m.lines = map[int][]string{}
	}
	m.width, m.height = w, h
	m.filter.SetWidth(max(w-4, 1))
	m.setItemHeight()
	m.list.SetHeight(m.rows())
}

// setItemHeight tells the list how many lines each flag takes, from the
// lines cache (a map: the list's func and the model's copies share it).
func (m *Model) setItemHeight() {
	lines, mm := m.lines, *m
	m.list.SetItemHeight(func(i int) int {
		if l, ok := lines[i]; ok {
			return len(l)
		}
		return len(mm.entry(i))
	})
}

// SetStyles sets the styles, after the terminal reported its background.
func (m *Model) SetStyles(s theme.Styles) {
	m.styles = s
	m.filter.SetStyles(theme.InputStyles(s))
	m.lines = map[int][]string{}
	m.setItemHeight()
}

// Keys returns the screen's keys for the status line and help.
func (m Model) Keys() help.KeyMap { return m.keys }

// Capturing reports whether the text filter is being typed.
func (m Model) Capturing() bool { return m.filtering }

// Selected returns the flag under the cursor.
func (m Model) Selected() (cadence.Flag, bool) {
	i, ok := m.list.Selected()
	if !ok {
		return cadence.Flag{}, false
	}
	return m.all[i], true
}

// Update handles the snapshot, keys and the mouse wheel.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	m, cmd := m.update(msg)
	m.syncKeys()
	return m, cmd
}

func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case session.Loaded:
		m.load(msg.Snapshot)
	case list.Matched:
		m.list.Apply(msg)
	case tea.MouseWheelMsg:
		m.list.Wheel(msg)
	case tea.KeyPressMsg:
		if m.filtering {
			return m.filterKey(msg)
		}
		return m.key(msg)
	default:
		if m.filtering {
			var cmd tea.Cmd
			m.filter, cmd = m.filter.Update(msg)
			return m, tea.Batch(cmd, m.list.SetQuery(m.filter.Value()))
		}
	}
	return m, nil
}

// filterKey handles keys while the filter is typed: the arrows still move,
// enter keeps the filter, esc drops it.
func (m Model) filterKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.keys
	edit, cmd := list.EditFilter(msg, &m.filter, &m.list, list.FilterKeys{Accept: k.Accept, Cancel: k.Cancel, Up: k.ArrowUp, Down: k.ArrowDown})
	m.filtering = m.filtering && !edit.Ended()
	if edit.Changed() {
		cmd = tea.Batch(cmd, m.list.SetQuery(m.filter.Value()))
	}
	return m, cmd
}

// load takes a new snapshot. The cursor stays on its flag while that flag
// is still raised; when it is gone (fixed), the cursor keeps its place and
// so lands on the flag that followed it.
func (m *Model) load(snap *session.Snapshot) {
	if snap == m.snap {
		return
	}
	m.snap = snap
	m.all = snap.Flags
	m.lines = map[int][]string{}
	m.setItemHeight()
	seen := map[string]bool{}
	m.owners = m.owners[:0]
	for _, f := range m.all {
		if !seen[f.Owner] {
			seen[f.Owner] = true
			m.owners = append(m.owners, f.Owner)
		}
	}
	slices.SortFunc(m.owners, func(a, b string) int { return strings.Compare(cadence.NameKey(a), cadence.NameKey(b)) })
	m.list.SetSource(newFlagSource(m.all), m.order())
}

// relist applies the kind and owner filters, keeping the cursor on its
// flag (else in its place).
func (m *Model) relist() { m.list.SetOrder(m.order()) }

// order is the flags the kind and owner filters let through; nil when
// there is neither.
func (m *Model) order() []int {
	if m.kind == "" && m.owner == "" {
		return nil
	}
	order := make([]int, 0, len(m.all))
	ownerKey := cadence.NameKey(m.owner)
	for i, f := range m.all {
		if m.kind != "" && f.Kind != m.kind {
			continue
		}
		if m.owner != "" && cadence.NameKey(f.Owner) != ownerKey {
			continue
		}
		order = append(order, i)
	}
	return order
}

func (m Model) key(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.keys
	if m.list.HandleKey(msg, k.KeyMap) {
		return m, nil
	}
	switch {
	case key.Matches(msg, k.Open):
		if f, ok := m.Selected(); ok {
			return m, func() tea.Msg { return Open{Flag: f} }
		}
	case key.Matches(msg, k.Filter):
		m.filtering = true
		m.filter.SetValue(m.list.Query())
		m.filter.CursorEnd()
		return m, m.filter.Focus()
	case key.Matches(msg, k.ClearFilter):
		m.filter.SetValue("")
		return m, m.list.SetQuery("")
	case key.Matches(msg, k.Kind):
		m.kind = m.nextKind()
		m.relist()
		m.list.Select(0)
	case key.Matches(msg, k.Owner):
		m.owner = m.nextOwner()
		m.relist()
		m.list.Select(0)
	case key.Matches(msg, k.Mine):
		if cadence.NameKey(m.owner) == cadence.NameKey(m.sess.Me) {
			m.owner = ""
		} else {
			m.owner = m.sess.Me
		}
		m.relist()
		m.list.Select(0)
	case key.Matches(msg, k.Clear):
		m.kind, m.owner = "", ""
		m.relist()
	}
	return m, nil
}

// nextKind is the kind filter after the current one: every kind that has
// flags, most severe first, then every kind again.
func (m Model) nextKind() cadence.FlagKind {
	counts := cadence.CountByKind(m.all)
	start := 0
	if m.kind != "" {
		start = m.kind.Severity() + 1
	}
	for _, k := range cadence.FlagKinds[min(start, len(cadence.FlagKinds)):] {
		if counts[k] > 0 {
			return k
		}
	}
	return ""
}

// nextOwner is the owner filter after the current one.
func (m Model) nextOwner() string {
	if m.owner == "" {
		if len(m.owners) > 0 {
			return m.owners[0]
		}
		return ""
	}
	i := slices.IndexFunc(m.owners, func(o string) bool { return cadence.NameKey(o) == cadence.NameKey(m.owner) })
	if i < 0 || i+1 >= len(m.owners) {
		return ""
	}
	return m.owners[i+1]
}

// rows is how many lines the list has under the title and the filter
// line.
func (m Model) rows() int { return max(m.height-2, 1) }

// entry returns flag i's lines as drawn when not under the cursor: a line
// of kind, owner, partner and age, then the message, wrapped and indented.
func (m *Model) entry(i int) []string {
	if l, ok := m.lines[i]; ok {
		return l
	}
	st := m.styles
	f := m.all[i]
	w := max(m.width, 20)
	head := "● " + theme.Pad(theme.FlagTag(f.Kind), 10) + " " + theme.OneLine(f.Owner)
	if f.Partner != "" {
		head += " · " + theme.OneLine(f.Partner)
	}
	head += " · " + age(f)
	lines := []string{"  " + st.Flag[f.Kind].Render(theme.Truncate(head, w-2))}
	for _, l := range wrap(theme.OneLine(f.Message), w-6) {
		lines = append(lines, "    "+l)
	}
	m.lines[i] = lines
	return lines
}

// wrap breaks one line of text into lines of at most width cells, at
// spaces, cutting a word only when it is longer than a line. Widths are
// measured as the frame measures them, so a line never runs past the edge.
func wrap(s string, width int) []string {
	width = max(width, 1)
	var out []string
	line, lineW := "", 0
	for _, word := range strings.Split(s, " ") {
		ww := ansi.StringWidth(word)
		for ww > width { // a word longer than a line: cut it
			if line != "" {
				out = append(out, line)
				line, lineW = "", 0
			}
			head := ansi.Truncate(word, width, "")
			out = append(out, head)
			word = word[len(head):]
			ww = ansi.StringWidth(word)
		}
		switch {
		case line == "":
			line, lineW = word, ww
		case lineW+1+ww <= width:
			line += " " + word
			lineW += 1 + ww
		default:
			out = append(out, line)
			line, lineW = word, ww
		}
	}
	if line != "" || len(out) == 0 {
		out = append(out, line)
	}
	return out
}

// age says what a flag's days mean, in a few words.
func age(f cadence.Flag) string {
	n := strconv.Itoa(f.Days)
	switch f.Kind {
	case cadence.FlagRegistrationOverdue:
		return n + " business days pending"
	case cadence.FlagRegistrationExpiring:
		if f.Days == 0 {
			return "expires today"
		}
		return n + " days left"
	case cadence.FlagRegistrationLapsed:
		return "lapsed " + n + " days ago"
	case cadence.FlagRegistrationConflict:
		return "conflict"
	case cadence.FlagMeetingUnprepared:
		if f.Days == 0 {
			return "starts within the hour"
		}
		return "starts in " + n + " h"
	case cadence.FlagActionOverdue:
		return n + " days overdue"
	}
	return n + " days"
}

// View draws the screen in exactly the size SetSize gave.
func (m Model) View() string {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		return ""
	}
	st := m.styles
	second := ""
	if m.filtering {
		second = m.filter.View()
	} else if q := m.list.Query(); q != "" {
		second = st.Muted.Render("/ " + theme.OneLine(q) + "  (esc clears)")
	}
	lines := []string{m.title(), second}
	if m.snap == nil {
		lines = append(lines, st.Muted.Render("loading…"))
		return theme.Frame(lines, w, h)
	}
	if m.list.Len() == 0 {
		switch {
		case len(m.all) == 0:
			lines = append(lines, st.Good.Render("No flags: nothing has fallen through the cracks."))
		case m.list.Query() != "":
			lines = append(lines, st.Muted.Render(fmt.Sprintf("No flag matches %q; esc clears the filter.", theme.OneLine(m.list.Query()))))
		default:
			lines = append(lines, st.Muted.Render("No flag matches the filter; esc shows every flag."))
		}
		return theme.Frame(lines, w, h)
	}
	from, to := m.list.Visible()
	for p := from; p < to; p++ {
		entry := m.entry(m.list.Item(p))
		if p == m.list.Cursor() {
			entry = slices.Clone(entry)
			entry[0] = st.Selected.Render("▸ " + ansi.Strip(entry[0])[2:])
		}
		lines = append(lines, entry...)
	}
	if len(lines) > h {
		lines = lines[:h]
	}
	return theme.Frame(lines, w, h)
}

// title is the first line: where the cursor is and what the filters keep.
func (m Model) title() string {
	st := m.styles
	t := st.Header.Render("Flags")
	if m.snap == nil {
		return t
	}
	pos := "0"
	if m.list.Len() > 0 {
		pos = strconv.Itoa(m.list.Cursor() + 1)
	}
	t += "  " + pos + " of " + strconv.Itoa(m.list.Len())
	if m.list.Len() != len(m.all) {
		t += " (" + strconv.Itoa(len(m.all)) + " in all)"
	}
	kind, owner := "all", "all"
	if m.kind != "" {
		kind = theme.FlagTag(m.kind)
	}
	if m.owner != "" {
		owner = theme.OneLine(m.owner)
		if cadence.NameKey(m.owner) == cadence.NameKey(m.sess.Me) {
			owner += " (mine)"
		}
	}
	t += st.Muted.Render("  ·  kind: " + kind + "  ·  owner: " + owner)
	return theme.Truncate(t, m.width)
}
