// Package meeting is the Meeting screen, opened on one occurrence: its
// generated agenda (actions carried over, flags, pipeline figures, a QBR's
// scorecard), talking points and notes edited in place or in $EDITOR, its
// action items, a QBR's satisfaction score, its status, and the export of
// the agenda to markdown.
//
// Every edit is a cadence.MeetingEdit put in the session's outbox and
// written at once, except typing: talking points and notes are saved one
// second after the last keystroke, and at once on leaving the screen or
// quitting (Flush). The screen shows what the database holds: a status, an
// action or a score appears once its transaction committed, and a text
// saved against an older version than the stored one comes back merged.
package meeting

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"partnercadence/cadence"
	"partnercadence/cadence/agenda"
	"partnercadence/tui/session"
	"partnercadence/tui/theme"
)

// section is a part of the screen that takes the focus.
type section int

const (
	secAgenda section = iota
	secTalking
	secNotes
	secActions
	sectionCount
)

var sectionNames = [sectionCount]string{"Agenda", "Talking points", "Notes", "Action items"}

// isText reports whether s is edited in a text box.
func (s section) isText() bool { return s == secTalking || s == secNotes }

// textIndex is s's position in Model.text.
func (s section) textIndex() int { return int(s - secTalking) }

// textFields are the texts of the record, in the order of Model.text.
var textFields = [2]cadence.TextField{cadence.FieldTalkingPoints, cadence.FieldNotes}

// saveDelay is how long typing must pause before the text is saved.
const saveDelay = time.Second

// Model is the Meeting screen.
type Model struct {
	sess   *session.Session
	styles theme.Styles
	keys   KeyMap
	id     string

	width, height int

	loadSeq int
	loaded  bool
	loadErr error
	md      agenda.Input

	// rec is this meeting's record as the database holds it (as last read,
	// or as a save of this screen committed it).
	rec cadence.MeetingRecord
	// carriedLocal holds the earlier meetings' actions toggled here, as
	// saved, until a read begun after the save shows them (see savedAction):
	// one marked done stays on the list, and can be undone.
	carriedLocal map[string]savedAction

	focus   section
	editing bool
	text    [2]textBox // talking points, notes
	// base is the stored version each text was last taken from: a save
	// names it, so the store merges what others saved since.
	base    [2]cadence.TextVersion
	dirty   [2]bool // typed since the last save was queued
	editSeq int     // counts keystrokes that changed the text
	saved   bool    // a text of this screen reached the database

	agendaCursor int // position in carried()
	agendaOffset int
	actionCursor int

	form    *actionForm
	sat     *textinput.Model
	confirm *confirmation
	message string
	isError bool

	// gen counts the changes to what the agenda shows; cache holds it
	// drawn for one gen.
	gen      int
	cache    *agendaCache
	sections *builtAgenda
	// tick schedules a message after a delay: tea.Tick, or a fake in tests.
	tick func(time.Duration, func(time.Time) tea.Msg) tea.Cmd
}

// savedAction is an earlier meeting's action as a save of this screen
// committed it, and the last read of the meeting begun before that save.
type savedAction struct {
	item    cadence.ActionItem
	loadSeq int
}

// confirmation is a change waiting for y/n.
type confirmation struct {
	prompt string
	yes    func(m *Model) tea.Cmd
}

// New returns the Meeting screen on the occurrence with the given ID.
func New(sess *session.Session, styles theme.Styles, id string) Model {
	m := Model{
		sess: sess, styles: styles, keys: DefaultKeyMap(), id: id,
		rec:          cadence.MeetingRecord{ID: id},
		carriedLocal: map[string]savedAction{},
		cache:        &agendaCache{},
		sections:     &builtAgenda{},
		tick:         tea.Tick,
	}
	m.text[0] = newTextBox("No talking points yet: press enter to write, e for $EDITOR.")
	m.text[1] = newTextBox("No notes yet: press enter to write, e for $EDITOR.")
	for i := range m.text {
		m.text[i].setStyles(styles.Muted)
	}
	m.updateKeys()
	return m
}

// invalidate marks the drawn agenda as out of date.
func (m *Model) invalidate() { m.gen++ }

// Init loads the meeting.
func (m Model) Init() tea.Cmd { return m.load(m.loadSeq) }

// SetSize sets the size of the screen's body.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	m.invalidate()
	m.sizeTexts()
	if m.form != nil {
		m.form.inputs[fieldText].SetWidth(max(m.width-10, 10))
	}
}

// SetStyles sets the styles.
func (m *Model) SetStyles(s theme.Styles) {
	m.styles = s
	m.invalidate()
	for i := range m.text {
		m.text[i].setStyles(s.Muted)
	}
	if m.form != nil {
		m.form.setStyles(s)
	}
	if m.sat != nil {
		m.sat.SetStyles(theme.InputStyles(s))
	}
}

// Keys returns the keys that work now.
func (m Model) Keys() help.KeyMap { return m.keys }

// Capturing reports whether a text has the keyboard: the talking points or
// notes being written, the action form, the satisfaction input.
func (m Model) Capturing() bool { return m.editing || m.form != nil || m.sat != nil }

// Flush puts whatever is typed and not yet saved in the outbox, and
// reports whether it did. The root calls it before quitting and then saves
// the outbox.
func (m *Model) Flush() bool {
	queued := m.anyDirty()
	m.queueText()
	return queued
}

// flushNow asks the root to save the outbox.
func flushNow() tea.Msg { return session.FlushNow{} }

// dataMsg carries the meeting's data, read by load.
type dataMsg struct {
	seq int
	md  agenda.Input
	err error
}

// saveTick is the debounce of typing: it saves when no key came after the
// one that sent it.
type saveTick struct{ seq int }

func (m Model) load(seq int) tea.Cmd {
	sess, id := m.sess, m.id
	return func() tea.Msg {
		msg := dataMsg{seq: seq}
		msg.md, msg.err = sess.MeetingData(id)
		return msg
	}
}

// title names the meeting in what the status line says of its saves.
func (m *Model) title() string {
	if m.md.Occurrence.Title != "" {
		return m.md.Occurrence.Title
	}
	return m.id
}

// edit puts one edit of this meeting's record in the outbox; the screen
// shows it once it is saved.
func (m *Model) edit(e cadence.MeetingEdit, what string) tea.Cmd {
	return m.editRecord(m.id, e, what)
}

// editRecord puts an edit of record id (this meeting's, or an earlier
// one's that a carried-over action lives in) in the outbox.
func (m *Model) editRecord(id string, e cadence.MeetingEdit, what string) tea.Cmd {
	m.sess.Outbox.Add(cadence.MeetingChange{Meeting: id, What: what, Edits: []cadence.MeetingEdit{e}, Undo: m.undoOf(id, e)})
	return flushNow
}

// undoOf returns the edits that take e back, from the record as the screen
// has it: the status, time, satisfaction or action before e; a deleted
// action is added back as it was, under its own ID. Adding an action and
// typing are not taken back this way (nil).
func (m *Model) undoOf(id string, e cadence.MeetingEdit) []cadence.MeetingEdit {
	var rec cadence.MeetingRecord
	if r := m.md.Occurrence.Record; r != nil && id == m.id {
		rec = *r
	}
	status := rec.Status
	if status == "" {
		status = cadence.MeetingScheduled
	}
	// An action of record id: this meeting's, or one carried over from
	// it (IDs are a meeting's own: A-3 may be in two meetings).
	action := func(aid string) (cadence.ActionItem, bool) {
		for _, a := range rec.Actions {
			if a.ID == aid {
				return a, true
			}
		}
		for _, a := range m.md.CarriedOver {
			if a.ID == aid && a.Meeting == id {
				return a, true
			}
		}
		return cadence.ActionItem{}, false
	}
	switch e.Kind {
	case cadence.EditStatus:
		return []cadence.MeetingEdit{{Kind: cadence.EditStatus, Status: status}}
	case cadence.EditMove:
		return []cadence.MeetingEdit{{Kind: cadence.EditMove, At: rec.At}, {Kind: cadence.EditStatus, Status: status}}
	case cadence.EditSatisfaction:
		return []cadence.MeetingEdit{{Kind: cadence.EditSatisfaction, Satisfaction: rec.Satisfaction}}
	case cadence.EditActionDone:
		if a, ok := action(e.Action.ID); ok {
			return []cadence.MeetingEdit{{Kind: cadence.EditActionDone, Action: cadence.ActionItem{ID: a.ID, Done: a.Done}}}
		}
	case cadence.EditAction:
		if a, ok := action(e.Action.ID); ok {
			return []cadence.MeetingEdit{{Kind: cadence.EditAction, Action: a}}
		}
	case cadence.EditDeleteAction:
		// Added again, as it was, under its own ID.
		if a, ok := action(e.Action.ID); ok {
			return []cadence.MeetingEdit{{Kind: cadence.EditAddAction, Action: a}}
		}
	}
	return nil
}

// queueText puts the talking points and notes typed since the last save in
// the outbox.
func (m *Model) queueText() {
	for i, d := range m.dirty {
		if !d {
			continue
		}
		m.queueField(i, m.typed(i))
		m.dirty[i] = false
	}
}

// queueField puts text i's new value in the outbox.
func (m *Model) queueField(i int, text string) {
	m.sess.Outbox.Add(cadence.MeetingChange{
		Meeting: m.id, What: sectionNames[secTalking+section(i)] + " of " + m.title(),
		Edits: []cadence.MeetingEdit{{Kind: cadence.EditText, Field: textFields[i], Base: m.base[i], Text: text}},
	})
}

// typed returns text i as typed, with the lines left as they were given
// back their control characters (the text box shows them as symbols; see
// setText).
func (m *Model) typed(i int) string {
	return restoreControls(m.text[i].Value(), m.base[i].Text)
}

// restoreControls returns edited with each line that reads as a line of
// base shown through cadence.Visible turned back into that line: what the
// user did not touch keeps its control characters, what they typed is
// what they saw.
func restoreControls(edited, base string) string {
	if cadence.Visible(base) == base {
		return edited // the usual case: nothing was shown differently
	}
	shown := map[string]string{}
	for _, l := range strings.Split(base, "\n") {
		if v := cadence.Visible(l); v != l {
			shown[v] = l
		}
	}
	lines := strings.Split(edited, "\n")
	for i, l := range lines {
		if orig, ok := shown[l]; ok {
			lines[i] = orig
		}
	}
	return strings.Join(lines, "\n")
}

// Update handles data, keys and the screen's own messages.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case session.Loaded, session.Changed:
		// Changed: the database changed (another session's edit); the
		// root reads a new snapshot meanwhile.
		m.loadSeq++
		cmd = m.load(m.loadSeq)
	case dataMsg:
		cmd = m.takeData(msg)
	case saveTick:
		if msg.seq == m.editSeq && m.anyDirty() {
			m.queueText()
			cmd = flushNow
		}
	case session.Flushed:
		m.takeFlushed(msg)
	case editorFile:
		cmd = m.runEditor(msg)
	case editorDone:
		cmd = readEditorFile(msg)
	case editorText:
		cmd = m.takeEditorText(msg)
	case exported:
		cmd = m.takeExport(msg)
	case tea.KeyPressMsg:
		cmd = m.key(msg)
	case tea.MouseWheelMsg:
		switch msg.Mouse().Button {
		case tea.MouseWheelUp:
			m.scroll(-3)
		case tea.MouseWheelDown:
			m.scroll(3)
		}
	default:
		// Pastes and the like go to whatever has the keyboard.
		switch {
		case m.editing:
			cmd = m.typeText(msg)
		case m.form != nil:
			cmd = m.form.update(msg)
		case m.sat != nil:
			*m.sat, cmd = m.sat.Update(msg)
		}
	}
	m.updateKeys()
	return m, cmd
}

func (m *Model) anyDirty() bool { return m.dirty[0] || m.dirty[1] }

func (m *Model) takeData(msg dataMsg) tea.Cmd {
	if msg.seq != m.loadSeq {
		return nil
	}
	if msg.err != nil {
		m.loadErr = msg.err
		return func() tea.Msg { return session.Failed{What: "load " + m.id, Err: msg.err} }
	}
	first := !m.loaded
	m.md, m.loaded, m.loadErr = msg.md, true, nil
	// A read begun after a save shows it, and whatever came after it (an
	// undo, another session's change): the saved copy is no longer needed.
	for k, l := range m.carriedLocal {
		if l.loadSeq < msg.seq {
			delete(m.carriedLocal, k)
		}
	}
	m.invalidate()
	rec := cadence.MeetingRecord{ID: m.id}
	if r := msg.md.Occurrence.Record; r != nil {
		rec = *r
	}
	m.rec = rec
	for i, f := range textFields {
		stored := rec.Text(f)
		base, pending, queued := m.sess.Outbox.PendingText(m.id, f)
		switch {
		case queued && first:
			// Typed here earlier and not saved yet (the database was
			// held): the text waits in the outbox, and shows.
			m.setText(i, pending)
			m.base[i] = base
		case queued, m.dirty[i]:
			// What is being typed or saved stays; the save merges.
		case !first && stored.Rev < m.base[i].Rev:
			// A read from before this screen's own save landed.
		case first || stored != m.base[i] || m.text[i].Value() != cadence.Visible(stored.Text):
			// Another process's change shows.
			m.setText(i, stored.Text)
			m.base[i] = stored
		}
	}
	m.clampCursors()
	return nil
}

// setText puts v in text i, keeping the cursor's line where it can. The
// text box shows v's control characters as symbols: a terminal never gets
// them, and the text box would drop them (typed keeps them).
func (m *Model) setText(i int, v string) {
	ta := &m.text[i]
	v = cadence.Visible(v)
	if ta.Value() == v {
		return
	}
	line := ta.Line()
	ta.SetValue(v)
	ta.setLine(line)
}

// takeFlushed takes what a save of the outbox committed: this meeting's
// record as saved, the merged texts (unless typed on since), and the
// carried-over actions toggled here.
func (m *Model) takeFlushed(msg session.Flushed) {
	for _, sc := range msg.Saved {
		c := sc.Change
		if c.Meeting != m.id {
			for _, e := range c.Edits {
				if e.Kind != cadence.EditActionDone {
					continue
				}
				for _, a := range sc.Record.Actions {
					if a.ID == e.Action.ID {
						a.Meeting = c.Meeting
						m.carriedLocal[carriedKey(a)] = savedAction{a, m.loadSeq}
					}
				}
			}
			m.invalidate()
			continue
		}
		m.rec = sc.Record
		m.invalidate()
		for j, e := range c.Edits {
			switch e.Kind {
			case cadence.EditAddAction:
				m.actionCursor = len(m.rec.Actions) - 1
			case cadence.EditText:
				m.tookText(e, sc.Results[j])
			}
		}
	}
	m.clampCursors()
}

// tookText takes a saved text: when nothing was typed since it was sent,
// the screen shows the text as stored (merged with another person's, if
// they saved meanwhile), and says so.
func (m *Model) tookText(e cadence.MeetingEdit, res cadence.EditResult) {
	i := 0
	if e.Field == cadence.FieldNotes {
		i = 1
	}
	m.saved = true
	if !m.dirty[i] && m.text[i].Value() == cadence.Visible(e.Text) {
		m.setText(i, res.Text.Text)
		m.base[i] = res.Text
	}
	if !res.Merged {
		return
	}
	name := strings.ToLower(sectionNames[secTalking+section(i)])
	who := res.By
	if who == "" {
		who = "another session"
	}
	if res.Conflict {
		m.note(fmt.Sprintf("%s changed the same lines of the %s meanwhile: both versions are kept, theirs marked — edit them into one.", who, name), true)
		return
	}
	m.note(fmt.Sprintf("Merged with the changes %s made to the %s meanwhile.", who, name), false)
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case m.confirm != nil:
		c := m.confirm
		switch {
		case key.Matches(msg, k.Yes):
			m.confirm = nil
			return c.yes(m)
		case key.Matches(msg, k.No):
			m.confirm = nil
		}
		return nil
	case m.form != nil:
		return m.formKey(msg)
	case m.sat != nil:
		return m.satKey(msg)
	case m.editing:
		switch {
		case key.Matches(msg, k.StopEditing):
			m.stopEditing()
			return nil
		case escThenKey(msg, m.text[m.focus.textIndex()].keys):
			// Esc and a key typed close together reach the app as
			// alt+key: it meant "stop writing", then the key.
			m.stopEditing()
			plain := msg
			plain.Mod &^= tea.ModAlt
			plain.Text = string(plain.Code)
			return func() tea.Msg { return plain }
		case key.Matches(msg, k.NextSection):
			return m.moveFocus(1)
		case key.Matches(msg, k.PrevSection):
			return m.moveFocus(-1)
		}
		return m.typeText(msg)
	}
	m.message, m.isError = "", false
	rk, why := m.ruleKeys()
	if err := theme.RefusedPress(msg, rk[:], why[:]); err != nil {
		return func() tea.Msg { return session.Failed{What: "change the meeting", Err: err} }
	}
	// A key that does not apply here says why, rather than nothing.
	switch pressed := msg.String(); {
	case !k.Satisfaction.Enabled() && slices.Contains(k.Satisfaction.Keys(), pressed):
		m.note(m.whyNoSatisfaction(), true)
		return nil
	case slices.Contains(k.Move.Keys(), pressed):
		m.note("A meeting is moved from the Week: esc, then r on its row.", true)
		return nil
	}
	switch {
	case key.Matches(msg, k.Back):
		m.queueText()
		return tea.Sequence(flushNow, func() tea.Msg { return session.Back{} })
	case key.Matches(msg, k.NextSection):
		return m.moveFocus(1)
	case key.Matches(msg, k.PrevSection):
		return m.moveFocus(-1)
	case key.Matches(msg, k.Up):
		m.moveCursor(-1)
	case key.Matches(msg, k.Down):
		m.moveCursor(1)
	case key.Matches(msg, k.Top):
		m.moveCursor(-1 << 20)
	case key.Matches(msg, k.Bottom):
		m.moveCursor(1 << 20)
	case key.Matches(msg, k.PageUp):
		m.scroll(-max(m.pageHeight()-1, 1))
	case key.Matches(msg, k.PageDown):
		m.scroll(max(m.pageHeight()-1, 1))
	case key.Matches(msg, k.Write):
		return m.startEditing()
	case key.Matches(msg, k.Editor):
		return m.openEditor()
	case key.Matches(msg, k.Toggle):
		return m.toggle()
	case key.Matches(msg, k.Add):
		m.form = newActionForm(m, nil)
		return m.form.focusField(0)
	case key.Matches(msg, k.Edit):
		if a, ok := m.selectedAction(); ok {
			if a.ID == "" {
				m.note("That action is still being saved; try again in a moment.", true)
				return nil
			}
			m.form = newActionForm(m, &a)
			return m.form.focusField(0)
		}
	case key.Matches(msg, k.Delete):
		if a, ok := m.selectedAction(); ok && a.ID != "" {
			id := a.ID
			m.confirm = &confirmation{
				prompt: fmt.Sprintf("Delete action %s %q? y/n", id, theme.OneLine(a.Text)),
				yes: func(m *Model) tea.Cmd {
					return m.edit(cadence.MeetingEdit{Kind: cadence.EditDeleteAction, Action: cadence.ActionItem{ID: id}}, "action "+id+" deleted")
				},
			}
		}
	case key.Matches(msg, k.Satisfaction):
		in := theme.EditInput(m.styles, "Satisfaction (1–10): ", satisfactionText(m.rec.Satisfaction), 4)
		m.sat = &in
		return m.sat.Focus()
	case key.Matches(msg, k.Held):
		return m.mark(cadence.MeetingHeld)
	case key.Matches(msg, k.Skipped):
		return m.mark(cadence.MeetingSkipped)
	case key.Matches(msg, k.Cancelled):
		if m.status() == cadence.MeetingCancelled {
			return m.mark(cadence.MeetingCancelled)
		}
		m.confirm = &confirmation{
			prompt: fmt.Sprintf("Cancel %s? y/n", m.md.Occurrence.Title),
			yes:    func(m *Model) tea.Cmd { return m.mark(cadence.MeetingCancelled) },
		}
	case key.Matches(msg, k.Export):
		return m.export()
	}
	return nil
}

// note shows a line in the screen's prompt line.
func (m *Model) note(text string, isError bool) { m.message, m.isError = text, isError }

// status is the meeting's status as the screen shows it.
func (m *Model) status() cadence.MeetingStatus {
	if m.rec.Status == "" {
		return cadence.MeetingScheduled
	}
	return m.rec.Status
}

// mark sets the meeting's status; marking it with the one it has puts it
// back to scheduled.
func (m *Model) mark(s cadence.MeetingStatus) tea.Cmd {
	if m.status() == s {
		s = cadence.MeetingScheduled
	}
	write := func(m *Model) tea.Cmd {
		return m.edit(cadence.MeetingEdit{Kind: cadence.EditStatus, Status: s}, fmt.Sprintf("%s marked %s", m.title(), s))
	}
	if o := m.md.Occurrence; s == cadence.MeetingHeld && o.Scheduled() && o.Start.After(m.sess.Now()) {
		m.confirm = &confirmation{
			prompt: fmt.Sprintf("Mark %s held? It starts %s, which is still ahead. y/n", m.title(), o.Start.In(m.sess.Config.Location).Format("Mon Jan 2 15:04")),
			yes:    write,
		}
		return nil
	}
	return write(m)
}

// whyNoSatisfaction says why s does nothing here.
func (m *Model) whyNoSatisfaction() string {
	if m.md.Occurrence.Kind != cadence.KindQBR {
		return "Satisfaction is scored at QBRs only; this meeting has none."
	}
	return "Satisfaction is scored once the QBR is held: mark it held (H) first."
}

func (m *Model) moveFocus(by int) tea.Cmd {
	wasEditing := m.editing
	m.stopEditing()
	m.focus = section((int(m.focus) + by + int(sectionCount)) % int(sectionCount))
	if wasEditing && m.focus.isText() {
		return m.startEditing()
	}
	return nil
}

func (m *Model) startEditing() tea.Cmd {
	if !m.focus.isText() || !m.loaded {
		return nil
	}
	m.editing = true
	m.text[m.focus.textIndex()].Focus()
	return nil
}

func (m *Model) stopEditing() {
	if m.editing {
		m.text[m.focus.textIndex()].Blur()
	}
	m.editing = false
}

// typeText hands a key (or a paste) to the text being written and, when it
// changed the text, schedules the save.
func (m *Model) typeText(msg tea.Msg) tea.Cmd {
	i := m.focus.textIndex()
	if !m.text[i].update(msg) {
		return nil
	}
	m.dirty[i] = true
	m.editSeq++
	seq := m.editSeq
	return m.tick(saveDelay, func(time.Time) tea.Msg { return saveTick{seq: seq} })
}

func (m *Model) selectedAction() (cadence.ActionItem, bool) {
	if m.focus != secActions || m.actionCursor >= len(m.rec.Actions) {
		return cadence.ActionItem{}, false
	}
	return m.rec.Actions[m.actionCursor], true
}

// toggle marks the action under the cursor done today, or open again. A
// carried-over action lives in an earlier meeting's record: that record is
// the one changed.
func (m *Model) toggle() tea.Cmd {
	today := m.sess.Today()
	switch m.focus {
	case secAgenda:
		list := m.carried()
		if m.agendaCursor >= len(list) {
			return nil
		}
		a := list[m.agendaCursor]
		done := today
		if !a.Open() {
			done = cadence.Date{}
		}
		a.Done = done
		return m.editRecord(a.Meeting, cadence.MeetingEdit{Kind: cadence.EditActionDone, Action: cadence.ActionItem{ID: a.ID, Done: done}}, doneNotice(a))
	case secActions:
		a, ok := m.selectedAction()
		if !ok {
			return nil
		}
		if a.ID == "" {
			m.note("That action is still being saved; try again in a moment.", true)
			return nil
		}
		done := today
		if !a.Open() {
			done = cadence.Date{}
		}
		a.Done = done
		return m.edit(cadence.MeetingEdit{Kind: cadence.EditActionDone, Action: cadence.ActionItem{ID: a.ID, Done: done}}, doneNotice(a))
	}
	return nil
}

func doneNotice(a cadence.ActionItem) string {
	if a.Open() {
		return fmt.Sprintf("action %s open again", a.ID)
	}
	return fmt.Sprintf("action %s done", a.ID)
}

func (m *Model) satKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Cancel):
		m.sat = nil
		return nil
	case key.Matches(msg, m.keys.Submit):
		v := strings.TrimSpace(m.sat.Value())
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 10 {
			m.note(fmt.Sprintf("satisfaction: %q is not a whole number from 1 to 10", v), true)
			return nil
		}
		m.sat = nil
		m.note("", false)
		return m.edit(cadence.MeetingEdit{Kind: cadence.EditSatisfaction, Satisfaction: n}, fmt.Sprintf("satisfaction %d/10 of %s", n, m.title()))
	}
	var cmd tea.Cmd
	*m.sat, cmd = m.sat.Update(msg)
	return cmd
}

func satisfactionText(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func (m *Model) formKey(msg tea.KeyPressMsg) tea.Cmd {
	f := m.form
	switch {
	case key.Matches(msg, m.keys.Cancel):
		m.form = nil
		return nil
	case key.Matches(msg, m.keys.NextField):
		by := 1
		if msg.String() == "shift+tab" {
			by = len(f.inputs) - 1
		}
		return f.focusField((f.focus + by) % len(f.inputs))
	case key.Matches(msg, m.keys.Submit):
		a, err := f.parse(m.sess.Config)
		if err != nil {
			f.err = err.Error()
			return nil
		}
		m.form = nil
		if f.editing == "" {
			return m.edit(cadence.MeetingEdit{Kind: cadence.EditAddAction, Action: a}, fmt.Sprintf("action %q added", theme.OneLine(a.Text)))
		}
		a.ID = f.editing
		return m.edit(cadence.MeetingEdit{Kind: cadence.EditAction, Action: a}, "action "+f.editing+" changed")
	}
	f.err = ""
	return f.update(msg)
}

// escThenKey reports whether msg is alt and a printable key that the text
// box does not take: what a terminal sends for esc followed quickly by that
// key.
func escThenKey(msg tea.KeyPressMsg, km textKeyMap) bool {
	if msg.Mod != tea.ModAlt || !unicode.IsPrint(msg.Code) || msg.Code > unicode.MaxRune {
		return false
	}
	v := reflect.ValueOf(km)
	for i := range v.NumField() {
		if b, ok := v.Field(i).Interface().(key.Binding); ok && key.Matches(msg, b) {
			return false
		}
	}
	return true
}

// moveCursor moves the cursor of the section in focus.
func (m *Model) moveCursor(by int) {
	switch m.focus {
	case secAgenda:
		if n := len(m.carried()); n > 0 {
			m.agendaCursor = theme.Clamp(m.agendaCursor+by, 0, n-1)
			m.agendaToCursor()
			return
		}
		m.scroll(by)
	case secActions:
		m.actionCursor = theme.Clamp(m.actionCursor+by, 0, max(len(m.rec.Actions)-1, 0))
	case secTalking, secNotes:
		ta := &m.text[m.focus.textIndex()]
		for range min(abs(by), ta.LineCount()) {
			if by < 0 {
				ta.CursorUp()
			} else {
				ta.CursorDown()
			}
		}
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// scroll moves the agenda's window (the other sections follow their cursor).
func (m *Model) scroll(by int) {
	if m.focus != secAgenda {
		m.moveCursor(by)
		return
	}
	lines := len(m.agenda(m.agendaWidth()).lines)
	m.agendaOffset = theme.Clamp(m.agendaOffset+by, 0, max(lines-m.pageHeight(), 0))
}

func (m *Model) clampCursors() {
	m.agendaCursor = theme.Clamp(m.agendaCursor, 0, max(len(m.carried())-1, 0))
	m.actionCursor = theme.Clamp(m.actionCursor, 0, max(len(m.rec.Actions)-1, 0))
}

// updateKeys turns each key on or off for the state the screen is in: the
// one place that decides what help shows.
func (m *Model) updateKeys() {
	k := &m.keys
	prompt := m.confirm != nil || m.form != nil || m.sat != nil
	free := !prompt && !m.editing
	isQBR := m.md.Occurrence.Kind == cadence.KindQBR
	_, hasAction := m.selectedAction()
	hasCarried := m.focus == secAgenda && len(m.carried()) > 0
	for _, b := range []struct {
		b  *key.Binding
		on bool
	}{
		{&k.NextSection, free || m.editing}, {&k.PrevSection, free || m.editing},
		{&k.Up, free}, {&k.Down, free}, {&k.Top, free}, {&k.Bottom, free},
		{&k.PageUp, free && m.focus == secAgenda}, {&k.PageDown, free && m.focus == secAgenda},
		{&k.Write, free && m.focus.isText() && m.loaded}, {&k.Editor, free && m.focus.isText() && m.loaded},
		{&k.StopEditing, m.editing},
		{&k.Toggle, free && (hasCarried || hasAction)},
		{&k.Add, free && m.loaded}, {&k.Edit, free && hasAction}, {&k.Delete, free && hasAction},
		{&k.Satisfaction, free && isQBR && m.status() == cadence.MeetingHeld},
		{&k.Held, free && m.loaded}, {&k.Skipped, free && m.loaded}, {&k.Cancelled, free && m.loaded},
		{&k.Export, free && m.loaded}, {&k.Back, free},
		{&k.Yes, m.confirm != nil}, {&k.No, m.confirm != nil},
		{&k.Submit, m.form != nil || m.sat != nil}, {&k.NextField, m.form != nil},
		{&k.Cancel, m.form != nil || m.sat != nil},
	} {
		b.b.SetEnabled(b.on)
	}
	rk, why := m.ruleKeys()
	theme.AllowKeys(rk[:], why[:])
	for i, f := range textFields {
		name := strings.ToLower(sectionNames[secTalking+section(i)])
		if m.textRefusal(f) != nil {
			m.text[i].placeholder = "No " + name + " yet (read-only for you)."
		} else {
			m.text[i].placeholder = "No " + name + " yet: press enter to write, e for $EDITOR."
		}
	}
	// While a text is being written, letters and arrows are the text's:
	// only tab leaves it.
	if m.editing {
		k.NextSection.SetKeys("tab")
		k.NextSection.SetHelp("tab", "next section")
		k.PrevSection.SetKeys("shift+tab")
	} else {
		k.NextSection.SetKeys("tab", "l", "right")
		k.NextSection.SetHelp("tab/→", "next section")
		k.PrevSection.SetKeys("shift+tab", "h", "left")
	}
}

// may says whether me may change part of this meeting (nil) or why not.
func (m *Model) may(part cadence.MeetingPart, act cadence.ActionChange) error {
	return m.sess.MayChangeMeeting(m.md.Partners, m.id, &m.rec, part, act)
}

// textRefusal says why me may not change text f of this meeting (nil:
// they may).
func (m *Model) textRefusal(f cadence.TextField) error {
	if f == cadence.FieldNotes {
		return m.may(cadence.PartNotes, cadence.ActionChange{})
	}
	return m.may(cadence.PartTalkingPoints, cadence.ActionChange{})
}

// ruleKeys returns the keys that change the meeting, with why me may not
// use them on what is selected.
func (m *Model) ruleKeys() (keys [10]*key.Binding, why [10]error) {
	if !m.loaded {
		return keys, why
	}
	k := &m.keys
	none := cadence.ActionChange{}
	status := m.may(cadence.PartStatus, none)
	keys[0], why[0] = &k.Held, status
	keys[1], why[1] = &k.Skipped, status
	keys[2], why[2] = &k.Cancelled, status
	keys[3], why[3] = &k.Satisfaction, m.may(cadence.PartSatisfaction, none)
	// A new action is me's at first; the store checks the owner chosen.
	keys[4], why[4] = &k.Add, m.may(cadence.PartAddAction, cadence.ActionChange{After: cadence.ActionItem{Owner: m.sess.Me}})
	if m.focus.isText() {
		text := m.textRefusal(textFields[m.focus.textIndex()])
		keys[5], why[5] = &k.Write, text
		keys[6], why[6] = &k.Editor, text
	}
	if a, ok := m.selectedAction(); ok {
		keys[7], why[7] = &k.Toggle, m.may(cadence.PartActionDone, cadence.ActionChange{Before: a, After: a})
		keys[8], why[8] = &k.Edit, m.may(cadence.PartEditAction, cadence.ActionChange{Before: a, After: a})
		keys[9], why[9] = &k.Delete, m.may(cadence.PartDeleteAction, cadence.ActionChange{Before: a})
	}
	if list := m.carried(); m.focus == secAgenda && m.agendaCursor < len(list) {
		// A carried-over action lives in an earlier meeting's record.
		a := list[m.agendaCursor]
		keys[7], why[7] = &k.Toggle, m.sess.MayChangeMeeting(m.md.Partners, a.Meeting, &cadence.MeetingRecord{ID: a.Meeting}, cadence.PartActionDone, cadence.ActionChange{Before: a, After: a})
	}
	return keys, why
}
