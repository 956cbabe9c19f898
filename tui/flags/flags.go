// Package flags is the Flags screen: every flag, most severe first, each
// message whole (wrapped to the width), filtered by kind and owner (`m` for
// the member at the keyboard). Enter asks the root to go to what the flag
// is about, where it can be fixed; coming back, the list is the fresh one
// and the cursor stays where it was.
//
// Only the flags on screen are wrapped and drawn, and a flag's lines are
// kept until the data, the width or the styles change: a key costs the same
// with 5,000 flags as with 5.
package flags

import (
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"partnercadence/cadence"
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

	shown  []int // indexes into all that pass the filters
	cursor int   // index into shown
	top    int   // the first of shown drawn

	lines map[int][]string // a flag's drawn lines (not under the cursor), by index into all
}

// New builds the screen; it shows nothing until the first session.Loaded.
func New(sess *session.Session, styles theme.Styles) Model {
	m := Model{sess: sess, styles: styles, keys: DefaultKeyMap(), lines: map[int][]string{}}
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
	m.scrollTo()
}

// SetStyles sets the styles, after the terminal reported its background.
func (m *Model) SetStyles(s theme.Styles) {
	m.styles = s
	m.lines = map[int][]string{}
}

// Keys returns the screen's keys for the status line and help.
func (m Model) Keys() help.KeyMap { return m.keys }

// Capturing reports whether the screen takes text: it never does.
func (m Model) Capturing() bool { return false }

// Selected returns the flag under the cursor.
func (m Model) Selected() (cadence.Flag, bool) {
	if m.cursor < 0 || m.cursor >= len(m.shown) {
		return cadence.Flag{}, false
	}
	return m.all[m.shown[m.cursor]], true
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
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			m.move(-3)
		case tea.MouseWheelDown:
			m.move(3)
		}
	case tea.KeyPressMsg:
		return m.key(msg)
	}
	return m, nil
}

// load takes a new snapshot. The cursor stays on its flag while that flag
// is still raised; when it is gone (fixed), the cursor keeps its place and
// so lands on the flag that followed it.
func (m *Model) load(snap *session.Snapshot) {
	if snap == m.snap {
		return
	}
	prev, hadPrev := m.Selected()
	m.snap = snap
	m.all = snap.Flags
	m.lines = map[int][]string{}
	seen := map[string]bool{}
	m.owners = m.owners[:0]
	for _, f := range m.all {
		if !seen[f.Owner] {
			seen[f.Owner] = true
			m.owners = append(m.owners, f.Owner)
		}
	}
	slices.SortFunc(m.owners, func(a, b string) int { return strings.Compare(cadence.NameKey(a), cadence.NameKey(b)) })
	m.relist()
	if hadPrev {
		for i, j := range m.shown {
			if f := m.all[j]; f.Kind == prev.Kind && f.Ref == prev.Ref {
				m.cursor = i
				break
			}
		}
	}
	m.scrollTo()
}

// relist applies the filters, keeping the cursor's place.
func (m *Model) relist() {
	m.shown = m.shown[:0]
	ownerKey := cadence.NameKey(m.owner)
	for i, f := range m.all {
		if m.kind != "" && f.Kind != m.kind {
			continue
		}
		if m.owner != "" && cadence.NameKey(f.Owner) != ownerKey {
			continue
		}
		m.shown = append(m.shown, i)
	}
	m.cursor = theme.Clamp(m.cursor, 0, len(m.shown)-1)
	m.scrollTo()
}

func (m Model) key(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Up):
		m.move(-1)
	case key.Matches(msg, k.Down):
		m.move(1)
	case key.Matches(msg, k.Top):
		m.move(-len(m.shown))
	case key.Matches(msg, k.Bottom):
		m.move(len(m.shown))
	case key.Matches(msg, k.PageUp):
		m.move(-max(m.rows()/3, 1))
	case key.Matches(msg, k.PageDown):
		m.move(max(m.rows()/3, 1))
	case key.Matches(msg, k.Open):
		if f, ok := m.Selected(); ok {
			return m, func() tea.Msg { return Open{Flag: f} }
		}
	case key.Matches(msg, k.Kind):
		m.kind = m.nextKind()
		m.cursor, m.top = 0, 0
		m.relist()
	case key.Matches(msg, k.Owner):
		m.owner = m.nextOwner()
		m.cursor, m.top = 0, 0
		m.relist()
	case key.Matches(msg, k.Mine):
		if cadence.NameKey(m.owner) == cadence.NameKey(m.sess.Me) {
			m.owner = ""
		} else {
			m.owner = m.sess.Me
		}
		m.cursor, m.top = 0, 0
		m.relist()
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

func (m *Model) move(delta int) {
	m.cursor = theme.Clamp(m.cursor+delta, 0, len(m.shown)-1)
	m.scrollTo()
}

// rows is how many lines the list has under the title.
func (m Model) rows() int { return max(m.height-2, 1) }

// scrollTo moves the first flag drawn so that the cursor's flag is drawn
// whole (or, taller than the screen, from its first line).
func (m *Model) scrollTo() {
	if len(m.shown) == 0 {
		m.top = 0
		return
	}
	m.top = theme.Clamp(m.top, 0, len(m.shown)-1)
	if m.cursor < m.top {
		m.top = m.cursor
		return
	}
	rows := m.rows()
	used := 0
	for i := m.cursor; i >= m.top; i-- {
		used += m.height1(m.shown[i])
		if used > rows && i < m.cursor {
			m.top = i + 1
			return
		}
	}
}

// height1 is how many lines flag i takes.
func (m *Model) height1(i int) int { return len(m.entry(i)) }

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
	lines := []string{m.title(), ""}
	if m.snap == nil {
		lines = append(lines, st.Muted.Render("loading…"))
		return theme.Frame(lines, w, h)
	}
	if len(m.shown) == 0 {
		if len(m.all) == 0 {
			lines = append(lines, st.Good.Render("No flags: nothing has fallen through the cracks."))
		} else {
			lines = append(lines, st.Muted.Render("No flag matches the filter; esc shows every flag."))
		}
		return theme.Frame(lines, w, h)
	}
	rows := m.rows()
	for i := m.top; i < len(m.shown) && len(lines)-2 < rows; i++ {
		entry := m.entry(m.shown[i])
		if i == m.cursor {
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
	if len(m.shown) > 0 {
		pos = strconv.Itoa(m.cursor + 1)
	}
	t += "  " + pos + " of " + strconv.Itoa(len(m.shown))
	if len(m.shown) != len(m.all) {
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
