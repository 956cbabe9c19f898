// Package tui is the terminal app: a root model that owns the frame (tab bar,
// status line, help) and hands everything else to one screen at a time. Each
// screen is its own package (tui/week, tui/partners, …); they share a
// session.Session and the styles of tui/theme.
package tui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"partnercadence/cadence"
	"partnercadence/store"
	"partnercadence/tui/firstrun"
	"partnercadence/tui/flags"
	"partnercadence/tui/meeting"
	"partnercadence/tui/partners"
	"partnercadence/tui/readout"
	"partnercadence/tui/registrations"
	"partnercadence/tui/session"
	"partnercadence/tui/team"
	"partnercadence/tui/theme"
	"partnercadence/tui/week"
)

// MinWidth and MinHeight are the smallest terminal the app draws in; below
// it says so instead.
const (
	MinWidth  = 80
	MinHeight = 24
)

// screen numbers, in tab order.
const (
	screenWeek = iota
	screenFlags
	screenPartners
	screenRegistrations
	screenReadout
	screenTeam
	screenCount
)

var screenNames = [screenCount]string{"Week", "Flags", "Partners", "Registrations", "Readout", "Team"}

// KeyMap is the root's own keys, shown in help beside the screen's.
type KeyMap struct {
	Quit, Help, Next, Prev key.Binding
	Undo                   key.Binding
	Screens                [screenCount]key.Binding
}

// DefaultKeyMap returns the root's keys.
func DefaultKeyMap() KeyMap {
	k := KeyMap{
		Quit: key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
		Help: key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Next: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next screen")),
		Prev: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous screen")),
		Undo: key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo the last change (not typed text)")),
	}
	for i, name := range screenNames {
		n := fmt.Sprint(i + 1)
		k.Screens[i] = key.NewBinding(key.WithKeys(n), key.WithHelp(n, strings.ToLower(name)))
	}
	return k
}

// ShortHelp is the root's part of the bottom line.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Help, k.Quit} }

// FullHelp is the root's column in the help screen.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{append([]key.Binding{k.Next, k.Prev, k.Undo, k.Help, k.Quit}, k.Screens[:]...)}
}

// Model is the root of the app: the only tea.Model.
type Model struct {
	sess   *session.Session
	styles theme.Styles
	keys   KeyMap
	help   help.Model

	width, height int
	active        int
	showHelp      bool
	meetingOpen   bool
	// backTo is the screen to return to when the one on top sends
	// session.Back: the screen a flag was opened from (Flags or Week), or
	// -1.
	backTo int

	// The screens, by pointer: Bubble Tea copies the root at every
	// message (into an interface, on the heap), and with the screens in it
	// that was 140 KB a message, a session's goroutine stacks grown to
	// megabytes, and the collector busy (`cadence serve`). A copy of the
	// root shares its screens: only the latest is used.
	week          *week.Model
	flags         *flags.Model
	partners      *partners.Model
	registrations *registrations.Model
	readout       *readout.Model
	team          *team.Model
	meeting       *meeting.Model

	snap     *session.Snapshot
	status   string
	statusOK bool

	// flushing is set while a save of the outbox runs; flushAgain when
	// more was queued meanwhile; retry counts the scheduled retries, so
	// only the latest fires.
	flushing, flushAgain bool
	retry                int
	// announceSaved is set from a failed save (or the adoption of an
	// earlier run's changes) until a save empties the outbox, which then
	// says so.
	announceSaved bool
	// quitting says the app ends once the outbox is saved; confirmQuit
	// asks whether to quit with changes the database would not take.
	quitting    quitMode
	confirmQuit bool
	// recoveryPath is where unsaved changes were written on the way out.
	recoveryPath string
	// fatal is why the app could not run at all (a damaged file).
	fatal error
	// shutdownReason is why the app is being ended from outside, shown
	// until it ends.
	shutdownReason string
	// recoveries are unsaved changes of earlier runs, offered at start;
	// discarding asks once more.
	recoveries []store.Recovery
	discarding bool

	// undo holds how to take back the changes made in this session, the
	// latest last (at most maxUndo).
	undo []session.Undo

	// firstRun is set while the first-run screen shows (no session yet).
	firstRun *firstrun.Model
	opts     Options
}

// Options say how the app starts.
type Options struct {
	// Session is the data the app works on. Nil starts on the first-run
	// screen, which needs FirstRun, OpenDemo and OpenEmpty.
	Session *session.Session
	// IsDark is the first guess at the terminal's background; the
	// terminal's answer replaces it.
	IsDark bool
	// FirstRun says where config and database go, for the first-run screen.
	FirstRun firstrun.Paths
	// OpenDemo and OpenEmpty make the session the first-run screen asks
	// for: a generated demo, or the empty database. They run in a tea.Cmd.
	OpenDemo, OpenEmpty func() (*session.Session, error)
}

// Shutdown asks the app to end as if the user quit: pending edits are saved
// first, and what the database will not take goes to a recovery file
// without asking. The command line sends it on SIGINT, SIGTERM and SIGHUP;
// `cadence serve` when the server goes down or a session was idle too long.
type Shutdown struct {
	// Reason, if any, is shown in the status line until the app ends
	// ("the server is shutting down").
	Reason string
}

// shutdownNow ends the app after a Shutdown's grace.
type shutdownNow struct{}

// shutdownGrace is how long a Shutdown waits for keys already typed.
const shutdownGrace = 250 * time.Millisecond

// maxUndo is how many changes back `u` reaches.
const maxUndo = 50

// undone reports an undo that was written, or why it was not.
type undone struct {
	what string
	err  error
}

// pushUndo keeps u for `u`, dropping the oldest beyond maxUndo.
func (m *Model) pushUndo(u session.Undo) {
	m.undo = append(m.undo, u)
	if len(m.undo) > maxUndo {
		m.undo = slices.Delete(m.undo, 0, len(m.undo)-maxUndo)
	}
}

// undoLast takes back the latest change of this session.
func (m Model) undoLast() (tea.Model, tea.Cmd) {
	if len(m.undo) == 0 {
		m.status, m.statusOK = "nothing to undo: no change made in this session is left to take back", false
		return m, nil
	}
	u := m.undo[len(m.undo)-1]
	m.undo = m.undo[:len(m.undo)-1]
	m.status, m.statusOK = "undoing: "+u.What+"…", true
	st := m.sess.Store
	return m, func() tea.Msg { return undone{what: u.What, err: u.Do(st)} }
}

// meetingUndo is how to take back a saved meeting change, if it says.
func (m Model) meetingUndo(c session.SavedChange) (session.Undo, bool) {
	edits := c.UndoEdits()
	if len(edits) == 0 {
		return session.Undo{}, false
	}
	cfg, me, id, after := m.sess.Config, m.sess.Me, c.Record.ID, c.Record
	return session.Undo{What: c.Change.What, Do: func(st *store.Store) error {
		return st.UndoMeeting(cfg, me, id, after, edits)
	}}, true
}

// quitMode is how the app is on its way out.
type quitMode int

const (
	notQuitting  quitMode = iota
	quitAsked             // q or ctrl+c: asks before leaving changes behind
	quitShutdown          // a signal: leaves them in a recovery file
)

// retryTick fires a scheduled retry of a failed save.
type retryTick struct{ n int }

// recoveryWritten reports the recovery file written on the way out.
type recoveryWritten struct {
	path string
	err  error
}

// recoveriesFound carries the recovery files found at start.
type recoveriesFound struct {
	list []store.Recovery
	err  error
}

// Fatal returns why the app ended without showing the data (the file
// is damaged where it first reads), or nil.
func (m Model) Fatal() error { return m.fatal }

// RecoveryPath returns the file unsaved changes were written to when the
// app ended, or "".
func (m Model) RecoveryPath() string { return m.recoveryPath }

// sessionReady carries the session the first-run screen asked for.
type sessionReady struct{ sess *session.Session }

// Start builds the app from options: on the session, or on the first-run
// screen when there is none.
func Start(opts Options) Model {
	if opts.Session != nil {
		m := New(opts.Session, opts.IsDark)
		m.opts = opts
		return m
	}
	styles := theme.NewStyles(opts.IsDark)
	fr := firstrun.New(opts.FirstRun, styles)
	return Model{
		styles: styles, keys: DefaultKeyMap(), help: help.New(), firstRun: &fr, opts: opts,
		// No session yet: the screens are empty until there is one.
		week: new(week.Model), flags: new(flags.Model), partners: new(partners.Model), registrations: new(registrations.Model),
		readout: new(readout.Model), team: new(team.Model), meeting: new(meeting.Model), backTo: -1,
	}
}

// New builds the app on a session. isDark is the first guess at the
// terminal's background; the terminal's answer replaces it.
func New(sess *session.Session, isDark bool) Model {
	styles := theme.NewStyles(isDark)
	m := Model{
		sess: sess, styles: styles, keys: DefaultKeyMap(), help: help.New(),
		week:          ptr(week.New(sess, styles)),
		flags:         ptr(flags.New(sess, styles)),
		backTo:        -1,
		partners:      ptr(partners.New(sess, styles)),
		registrations: ptr(registrations.New(sess, styles)),
		readout:       ptr(readout.New(sess, styles)),
		team:          ptr(team.New(sess, styles)),
		meeting:       new(meeting.Model),
	}
	m.help.Styles = help.DefaultStyles(isDark)
	return m
}

// Init loads the data and starts watching the database for other processes'
// changes.
func (m Model) Init() tea.Cmd {
	if m.firstRun != nil {
		return tea.RequestBackgroundColor
	}
	sess := m.sess
	return tea.Batch(
		tea.RequestBackgroundColor,
		m.sess.Load(),
		m.week.Init(),
		func() tea.Msg {
			list, err := sess.Store.Recoveries()
			// Each person is offered their own unsaved changes: in `cadence
			// serve` the others' are not theirs to save.
			mine := list[:0:0]
			for _, r := range list {
				if r.By == "" || sess.Me == "" || r.By == sess.Me {
					mine = append(mine, r)
				}
			}
			return recoveriesFound{mine, err}
		},
	)
}

// Update handles the global keys, fans out size, colours and data to every
// screen, and forwards everything else to the screen on top.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case Shutdown:
		if m.sess == nil {
			return m, tea.Quit
		}
		if msg.Reason != "" {
			m.shutdownReason = msg.Reason
			m.status, m.statusOK = msg.Reason, false
		}
		// Keys typed just before the signal may still be on their way
		// from the terminal: they get a moment to land in the text.
		return m, tea.Tick(shutdownGrace, func(time.Time) tea.Msg { return shutdownNow{} })
	case shutdownNow:
		return m.quit(quitShutdown)
	}
	if m.firstRun != nil {
		return m.updateFirstRun(msg)
	}
	switch msg := msg.(type) {
	case session.FlushNow:
		return m, m.startFlush()
	case session.Flushed:
		return m.takeFlushed(msg)
	case retryTick:
		if msg.n != m.retry || m.flushing {
			return m, nil
		}
		return m, m.startFlush()
	case recoveryWritten:
		return m.tookRecovery(msg)
	case recoveriesFound:
		m.recoveries = msg.list
		if msg.err != nil {
			m.status, m.statusOK = msg.err.Error(), false
		}
		return m, nil
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.resize()
		return m, nil
	case tea.BackgroundColorMsg:
		m.styles = theme.NewStyles(msg.IsDark())
		m.help.Styles = help.DefaultStyles(msg.IsDark())
		m.restyle()
		return m, nil
	case session.Loaded:
		// Only the screen on top gets fresh data now; the others get it
		// when they come to the top, so hidden screens do no work.
		m.snap = msg.Snapshot
		next, cmd := m.forward(msg)
		return next, tea.Batch(cmd, m.sess.Poll(msg.Snapshot))
	case session.Reflagged:
		if msg.From != m.snap {
			return m, nil // a newer snapshot came meanwhile, with its own poll
		}
		return m.Update(session.Loaded{Snapshot: msg.Snapshot})
	case session.PollTick:
		if msg.Snapshot != m.snap {
			return m, nil // the poll of an older snapshot ends here
		}
		return m, m.sess.Poll(m.snap)
	case session.Changed:
		if msg.From != nil && msg.From != m.snap {
			return m, nil // a newer snapshot is loaded, and polled
		}
		if m.meetingOpen {
			// The meeting reads its own few records at once, beside the
			// snapshot of everything: another's edit shows without
			// waiting for that read.
			var cmd tea.Cmd
			*m.meeting, cmd = m.meeting.Update(msg)
			return m, tea.Batch(cmd, m.sess.Load())
		}
		return m, m.sess.Load()
	case undone:
		if msg.err != nil {
			m.status, m.statusOK = "not undone: "+msg.what+": "+msg.err.Error(), false
			return m, nil
		}
		m.status, m.statusOK = "undone: "+msg.what, true
		next, cmd := m.forward(session.Saved{Notice: m.status})
		return next, tea.Batch(cmd, m.sess.Load())
	case session.Saved:
		if msg.Notice != "" {
			m.status, m.statusOK = msg.Notice, true
		}
		if msg.Undo != nil {
			m.pushUndo(*msg.Undo)
		}
		// The screen that wrote may want to know; everyone gets new data.
		next, cmd := m.forward(msg)
		return next, tea.Batch(cmd, m.sess.Load())
	case session.Failed:
		if m.snap == nil && errors.Is(msg.Err, store.ErrDamaged) {
			// The file is damaged where the first read goes: there is
			// nothing to show, and the command line says what to do.
			m.fatal = msg.Err
			return m, tea.Quit
		}
		m.status, m.statusOK = failureLine(msg), false
		return m.forward(msg)
	case session.Notice:
		m.status, m.statusOK = msg.Text, true
		return m, nil
	case session.OpenMeeting:
		m.meeting = ptr(meeting.New(m.sess, m.styles, msg.ID))
		m.meeting.SetSize(m.bodySize())
		m.meetingOpen = true
		return m, m.meeting.Init()
	case session.Back:
		if !m.meetingOpen && m.backTo >= 0 {
			to := m.backTo
			m.backTo = -1
			next, cmd, _ := m.switchTo(to)
			return next, cmd
		}
		m.meetingOpen = false
		if m.snap != nil {
			return m.forward(session.Loaded{Snapshot: m.snap})
		}
		return m, nil
	case flags.Open:
		return m.openFlag(msg.Flag)
	case tea.KeyPressMsg:
		if m.tooSmall() && m.width > 0 {
			// Nothing the keys would act on is on screen: only quit.
			if key.Matches(msg, m.keys.Quit) {
				return m.quit(quitAsked)
			}
			return m, nil
		}
		if next, cmd, ok := m.globalKey(msg); ok {
			return next, cmd
		}
	}
	return m.forward(msg)
}

// updateFirstRun runs the first-run screen until it asks for a session,
// then starts the app on it.
func (m Model) updateFirstRun(msg tea.Msg) (tea.Model, tea.Cmd) {
	open := func(f func() (*session.Session, error), what string) tea.Cmd {
		return func() tea.Msg {
			sess, err := f()
			if err != nil {
				return session.Failed{What: what, Err: err}
			}
			return sessionReady{sess}
		}
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.firstRun.SetSize(m.bodySize())
		return m, nil
	case tea.BackgroundColorMsg:
		m.opts.IsDark = msg.IsDark()
		m.styles = theme.NewStyles(msg.IsDark())
		m.firstRun.SetStyles(m.styles)
		return m, nil
	case tea.KeyPressMsg:
		if key.Matches(msg, m.keys.Quit) {
			return m, tea.Quit
		}
	case firstrun.StartDemo:
		m.status, m.statusOK = "generating the demo…", true
		return m, open(m.opts.OpenDemo, "open the demo")
	case firstrun.StartEmpty:
		return m, open(m.opts.OpenEmpty, "open the database")
	case session.Failed:
		m.status, m.statusOK = msg.Error(), false
		return m, nil
	case sessionReady:
		opts := m.opts
		opts.Session = msg.sess
		next := Start(opts)
		next.width, next.height = m.width, m.height
		next.resize()
		return next, next.Init()
	}
	fr, cmd := m.firstRun.Update(msg)
	m.firstRun = &fr
	return m, cmd
}

// globalKey handles the root's keys, unless the screen on top is capturing
// text (then "q" is a letter, not quit).
func (m Model) globalKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd, bool) {
	switch {
	case m.confirmQuit:
		next, cmd := m.confirmQuitKey(msg)
		return next, cmd, true
	case m.quitting != notQuitting:
		// Saving on the way out: keys wait, but ctrl+c again means go now,
		// leaving what the database will not take in a recovery file.
		if msg.String() == "ctrl+c" {
			m.quitting = quitShutdown
			m.status, m.statusOK = "quitting: what the database does not take goes to a recovery file", true
		}
		return m, nil, true
	case len(m.recoveries) > 0:
		next, cmd := m.recoveryKey(msg)
		return next, cmd, true
	}
	if msg.String() == "ctrl+c" {
		next, cmd := m.quit(quitAsked)
		return next, cmd, true
	}
	if m.capturing() {
		return m, nil, false
	}
	if m.showHelp {
		// Any key closes the help screen; q still quits.
		m.showHelp = false
		if key.Matches(msg, m.keys.Quit) {
			next, cmd := m.quit(quitAsked)
			return next, cmd, true
		}
		return m, nil, true
	}
	switch {
	case key.Matches(msg, m.keys.Quit):
		next, cmd := m.quit(quitAsked)
		return next, cmd, true
	case key.Matches(msg, m.keys.Help):
		m.showHelp = true
		return m, nil, true
	case key.Matches(msg, m.keys.Undo):
		next, cmd := m.undoLast()
		return next, cmd, true
	case m.meetingOpen:
		return m, nil, false
	case key.Matches(msg, m.keys.Next) && !(m.active == screenWeek && m.week.TakesTab()):
		return m.switchTo((m.active + 1) % screenCount)
	case key.Matches(msg, m.keys.Prev):
		return m.switchTo((m.active + screenCount - 1) % screenCount)
	}
	for i, b := range m.keys.Screens {
		if key.Matches(msg, b) {
			return m.switchTo(i)
		}
	}
	return m, nil, false
}

// openFlag goes to what a flag is about, ready to fix it there: the meeting
// (held, skipped, move; for an action, the meeting it came from, with done
// and its due date), the registration (its decisions), the partner (`l`
// logs a touchpoint), the intro (a new registration filled in from it).
// Esc there comes back to the screen the flag was opened from.
func (m Model) openFlag(f cadence.Flag) (tea.Model, tea.Cmd) {
	from := m.active
	switch f.Kind {
	case cadence.FlagMeetingMissed, cadence.FlagMeetingUnprepared:
		return m.Update(session.OpenMeeting{ID: f.Ref})
	case cadence.FlagActionOverdue:
		if m.snap != nil {
			for _, a := range m.snap.Actions {
				if a.ID == f.Ref && a.Meeting != "" {
					return m.Update(session.OpenMeeting{ID: a.Meeting})
				}
			}
		}
		m.status, m.statusOK = "action "+cadence.VisibleLine(f.Ref)+" is no longer open", false
		return m, nil
	case cadence.FlagRegistrationOverdue, cadence.FlagRegistrationConflict,
		cadence.FlagRegistrationLapsed, cadence.FlagRegistrationExpiring:
		next, cmd, _ := m.switchTo(screenRegistrations)
		m = next.(Model)
		var show tea.Cmd
		*m.registrations, show = m.registrations.Show(f.Ref)
		m.backTo = from
		return m, tea.Batch(cmd, show)
	case cadence.FlagIntroUnregistered:
		if m.snap != nil {
			for _, in := range m.snap.Intros {
				if cadence.Slug(in.Partner)+"/"+cadence.Slug(in.Account) == f.Ref {
					next, cmd, _ := m.switchTo(screenRegistrations)
					m = next.(Model)
					var form tea.Cmd
					*m.registrations, form = m.registrations.NewFromIntro(in.Partner, in.Account, f.Owner)
					m.backTo = from
					return m, tea.Batch(cmd, form)
				}
			}
		}
		fallthrough
	case cadence.FlagSilentPartner:
		if f.Partner == "" {
			return m, nil
		}
		next, cmd, _ := m.switchTo(screenPartners)
		m = next.(Model)
		var show tea.Cmd
		*m.partners, show = m.partners.Show(f.Partner)
		m.backTo = from
		return m, tea.Batch(cmd, show)
	}
	return m, nil
}

// switchTo brings screen i to the top with the latest data.
func (m Model) switchTo(i int) (tea.Model, tea.Cmd, bool) {
	if i == m.active {
		return m, nil, true
	}
	m.backTo = -1
	m.active = i
	if m.snap == nil {
		return m, nil, true
	}
	next, cmd := m.forward(session.Loaded{Snapshot: m.snap})
	return next, cmd, true
}

// quit saves whatever is typed or waiting, then quits. When the database
// will not take it, a quit the user asked for asks first; a shutdown writes
// it to a recovery file and goes.
func (m Model) quit(mode quitMode) (Model, tea.Cmd) {
	if m.meetingOpen {
		m.meeting.Flush()
	}
	if m.sess.Outbox.Len() == 0 && !m.flushing {
		return m, tea.Quit
	}
	m.quitting = max(m.quitting, mode)
	if m.shutdownReason == "" {
		m.status, m.statusOK = "saving before quitting…", true
	}
	return m, m.startFlush()
}

// startFlush saves the outbox, unless a save is under way (then it runs
// again when that one ends).
func (m *Model) startFlush() tea.Cmd {
	if m.flushing {
		m.flushAgain = true
		return nil
	}
	m.flushing, m.flushAgain = true, false
	return m.sess.Flush()
}

// takeFlushed takes the end of a save: the screen on top learns what was
// saved, the status line says what happened, a failure is retried with a
// growing pause, and on the way out the app quits once nothing waits.
func (m Model) takeFlushed(msg session.Flushed) (tea.Model, tea.Cmd) {
	m.flushing = false
	for _, c := range msg.Saved {
		if u, ok := m.meetingUndo(c); ok {
			m.pushUndo(u)
		}
	}
	var cmds []tea.Cmd
	next, cmd := m.forward(msg)
	m = next.(Model)
	cmds = append(cmds, cmd)
	if len(msg.Saved) > 0 {
		cmds = append(cmds, m.sess.Load())
		if what := savedNotice(msg.Saved); what != "" {
			m.status, m.statusOK = what, true
		}
	}
	pending := m.sess.Outbox.Len()
	switch {
	case m.quitting != notQuitting && pending == 0:
		// (A change the store refused is in a recovery file already.)
		return m, tea.Quit
	case m.quitting == quitShutdown && msg.Err != nil:
		return m, m.writeRecovery()
	case m.quitting == quitAsked && msg.Err != nil:
		m.confirmQuit = true
		m.status, m.statusOK = "not saved: "+saveProblem(msg.Err), false
		return m, tea.Batch(cmds...)
	case msg.Err != nil && pending > 0:
		wait := session.RetryAfter(msg.Failures)
		m.retry++
		n := m.retry
		m.announceSaved = true
		m.status, m.statusOK = fmt.Sprintf("not saved (%s): retrying in %ds", saveProblem(msg.Err), int(wait.Seconds())), false
		cmds = append(cmds, tea.Tick(wait, func(time.Time) tea.Msg { return retryTick{n} }))
	case msg.Err != nil:
		m.status, m.statusOK = errorLine(msg.Err), false
	case m.flushAgain || pending > 0:
		cmds = append(cmds, m.startFlush())
	case m.announceSaved:
		m.announceSaved = false
		m.status, m.statusOK = "saved: everything waiting is in the database now", true
	}
	return m, tea.Batch(cmds...)
}

// failureLine is the status line of a failed load or write: a change the
// rules refused says only who may make it (one line); anything else says
// what failed and why.
func failureLine(f session.Failed) string {
	if line, ok := refusalLine(f.Err); ok {
		return line
	}
	return f.Error()
}

// errorLine is the status line of an error: a refusal's own line, else the
// error's text.
func errorLine(err error) string {
	if line, ok := refusalLine(err); ok {
		return line
	}
	return err.Error()
}

// refusalLine returns the line of a change the rules refused: who may
// make it, and for a meeting change where what was typed is kept.
func refusalLine(err error) (string, bool) {
	var r *session.Refused
	if errors.As(err, &r) {
		return r.Error(), true
	}
	var na *cadence.NotAllowedError
	if errors.As(err, &na) {
		return na.Error(), true
	}
	return "", false
}

// saveProblem says in a few words why a save failed.
func saveProblem(err error) string {
	if errors.Is(err, store.ErrLocked) {
		return "database in use"
	}
	return err.Error()
}

// savedNotice says what a save did, in the words of its last change that
// is not typing (a text saved shows in the meeting itself).
func savedNotice(saved []session.SavedChange) string {
	for i := len(saved) - 1; i >= 0; i-- {
		c := saved[i].Change
		if len(c.Edits) == 1 && c.Edits[0].Kind == cadence.EditText {
			continue
		}
		return c.What
	}
	return ""
}

// writeRecovery writes what the database would not take to a recovery
// file beside it.
func (m Model) writeRecovery() tea.Cmd {
	sess := m.sess
	return func() tea.Msg {
		path, err := sess.WriteRecovery()
		return recoveryWritten{path, err}
	}
}

// tookRecovery ends the app once the unsaved changes are in a recovery
// file. If even that cannot be written, a quit the user asked for stays
// open and says so; a shutdown has no one to ask and goes.
func (m Model) tookRecovery(msg recoveryWritten) (tea.Model, tea.Cmd) {
	if msg.err != nil && m.quitting != quitShutdown {
		m.quitting, m.confirmQuit = notQuitting, false
		m.status, m.statusOK = "could not write the unsaved changes anywhere: "+msg.err.Error()+" (cadence keeps them and keeps retrying)", false
		return m, nil
	}
	m.recoveryPath = msg.path
	return m, tea.Quit
}

// confirmQuitKey answers "quit with unsaved changes?".
func (m Model) confirmQuitKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch msg.String() {
	case "y", "q", "ctrl+c":
		m.confirmQuit = false
		m.status, m.statusOK = "writing the unsaved changes to a recovery file…", true
		return m, m.writeRecovery()
	case "n", "esc":
		m.confirmQuit, m.quitting = false, notQuitting
		m.retry++
		n := m.retry
		return m, tea.Tick(session.RetryAfter(1), func(time.Time) tea.Msg { return retryTick{n} })
	}
	return m, nil
}

// recoveryKey answers the offer of an earlier run's unsaved changes.
func (m Model) recoveryKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch {
	case m.discarding && msg.String() == "y":
		for _, r := range m.recoveries {
			_ = store.RemoveRecovery(r.Path) // the user said so
		}
		m.recoveries, m.discarding = nil, false
		m.status, m.statusOK = "the unsaved changes of the last run were discarded", true
	case m.discarding:
		m.discarding = false
	case msg.String() == "y" || msg.String() == "enter":
		for _, r := range m.recoveries {
			m.sess.Outbox.AdoptRecovery(r)
		}
		m.recoveries, m.announceSaved = nil, true
		m.status, m.statusOK = "saving the changes of the last run…", true
		return m, m.startFlush()
	case msg.String() == "n" || msg.String() == "esc":
		m.recoveries = nil
		m.status, m.statusOK = "kept for the next start", true
	case msg.String() == "d":
		m.discarding = true
	case msg.String() == "ctrl+c" || msg.String() == "q":
		return m, tea.Quit
	}
	return m, nil
}

func (m Model) capturing() bool {
	if m.meetingOpen {
		return m.meeting.Capturing()
	}
	switch m.active {
	case screenWeek:
		return m.week.Capturing()
	case screenFlags:
		return m.flags.Capturing()
	case screenPartners:
		return m.partners.Capturing()
	case screenRegistrations:
		return m.registrations.Capturing()
	case screenReadout:
		return m.readout.Capturing()
	case screenTeam:
		return m.team.Capturing()
	}
	return false
}

// forward hands msg to the screen on top.
func (m Model) forward(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	if m.meetingOpen {
		*m.meeting, cmd = m.meeting.Update(msg)
		return m, cmd
	}
	switch m.active {
	case screenWeek:
		*m.week, cmd = m.week.Update(msg)
	case screenFlags:
		*m.flags, cmd = m.flags.Update(msg)
	case screenPartners:
		*m.partners, cmd = m.partners.Update(msg)
	case screenRegistrations:
		*m.registrations, cmd = m.registrations.Update(msg)
	case screenReadout:
		*m.readout, cmd = m.readout.Update(msg)
	case screenTeam:
		*m.team, cmd = m.team.Update(msg)
	}
	return m, cmd
}

// bodySize is the space between the tab bar and the status line.
func (m Model) bodySize() (int, int) {
	return max(m.width, 0), max(m.height-2, 0)
}

func (m *Model) resize() {
	w, h := m.bodySize()
	m.week.SetSize(w, h)
	m.flags.SetSize(w, h)
	m.partners.SetSize(w, h)
	m.registrations.SetSize(w, h)
	m.readout.SetSize(w, h)
	m.team.SetSize(w, h)
	if m.meetingOpen {
		m.meeting.SetSize(w, h)
	}
	m.help.SetWidth(w)
}

func (m *Model) restyle() {
	m.week.SetStyles(m.styles)
	m.flags.SetStyles(m.styles)
	m.partners.SetStyles(m.styles)
	m.registrations.SetStyles(m.styles)
	m.readout.SetStyles(m.styles)
	m.team.SetStyles(m.styles)
	if m.meetingOpen {
		m.meeting.SetStyles(m.styles)
	}
}

// View draws the frame around the screen on top.
func (m Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "cadence"
	return v
}

// tooSmall reports whether the terminal is below the app's minimum size:
// then the app draws only a message and takes no key but quit.
func (m Model) tooSmall() bool { return m.width < MinWidth || m.height < MinHeight }

func (m Model) render() string {
	if m.tooSmall() {
		msg := fmt.Sprintf("cadence needs a terminal of at least %d×%d (this one is %d×%d): make it larger, or q to quit", MinWidth, MinHeight, m.width, m.height)
		if m.width <= 0 || m.height <= 0 {
			return ""
		}
		return lipgloss.NewStyle().Width(m.width).MaxHeight(m.height).Render(msg)
	}
	w, h := m.bodySize()
	var body string
	switch {
	case m.firstRun != nil:
		body = m.firstRun.View()
	case m.confirmQuit:
		body = m.quitView()
	case len(m.recoveries) > 0:
		body = m.recoveryView()
	case m.showHelp:
		body = m.helpView(w, h)
	case m.meetingOpen:
		body = m.meeting.View()
	default:
		switch m.active {
		case screenWeek:
			body = m.week.View()
		case screenFlags:
			body = m.flags.View()
		case screenPartners:
			body = m.partners.View()
		case screenRegistrations:
			body = m.registrations.View()
		case screenReadout:
			body = m.readout.View()
		case screenTeam:
			body = m.team.View()
		}
	}
	// The screens draw exactly w×h; cutting and padding a body that is
	// already so, and padding every line to the widest, measured every
	// character of every frame (most of a keypress's work in serve).
	fits := theme.Fits(body, w, h)
	if !fits {
		body = lipgloss.NewStyle().Width(w).Height(h).MaxWidth(w).MaxHeight(h).Render(body)
	}
	top, status := m.tabBar(), m.statusLine()
	if fits && theme.Width(top) <= w && theme.Width(status) <= w {
		// What JoinVertical makes of them: each line padded to the widest.
		return theme.Pad(top, w) + "\n" + body + "\n" + theme.Pad(status, w)
	}
	return lipgloss.JoinVertical(lipgloss.Left, top, body, status)
}

func (m Model) tabBar() string {
	parts := []string{m.styles.Title.Render("cadence")}
	if m.firstRun != nil {
		return parts[0]
	}
	for i, name := range screenNames {
		label := fmt.Sprintf("%d %s", i+1, name)
		// The flag count is on the Flags tab, so it shows at every width.
		if i == screenFlags && m.snap != nil {
			label += fmt.Sprintf(" %d", len(m.snap.Flags))
		}
		if i == m.active && !m.meetingOpen {
			parts = append(parts, m.styles.TabOn.Render(label))
		} else if i == screenFlags && m.snap != nil && len(m.snap.Flags) > 0 {
			parts = append(parts, m.styles.Tab.Foreground(m.styles.Warn.GetForeground()).Render(label))
		} else {
			parts = append(parts, m.styles.Tab.Render(label))
		}
	}
	left := strings.Join(parts, " ")
	if lipgloss.Width(left) > m.width {
		// Narrow: the tabs matter more than the app's name.
		left = strings.Join(parts[1:], " ")
	}
	// Who is at the keyboard, where the bar has room for it.
	var right string
	switch {
	case m.snap == nil:
		right = m.styles.Muted.Render("loading…")
	case m.sess != nil && m.sess.Me != "":
		right = m.styles.Muted.Render(theme.OneLine(m.sess.Me))
	}
	if lipgloss.Width(left)+1+lipgloss.Width(right) > m.width {
		right = ""
	}
	gap := m.width - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 1 {
		return theme.Truncate(left, m.width)
	}
	return left + strings.Repeat(" ", gap) + right
}

func (m Model) statusLine() string {
	bindings := m.screenKeys().ShortHelp()
	if !m.capturing() {
		// While a screen takes text, q and ? are letters: don't offer them.
		bindings = append(bindings, m.keys.ShortHelp()...)
	}
	short := m.help.ShortHelpView(bindings)
	if m.status == "" {
		return theme.Truncate(short, m.width)
	}
	st := m.styles.Notice
	if !m.statusOK {
		st = m.styles.Error
	}
	// The status line says what happened in full when it can: the keys
	// give way to it, not the other way round.
	text := theme.OneLine(m.status)
	gap := m.width - lipgloss.Width(text) - lipgloss.Width(short)
	if gap < 2 {
		return st.Render(theme.Truncate(text, m.width))
	}
	return st.Render(text) + strings.Repeat(" ", gap) + short
}

// screenKeys returns the key map of the screen on top.
func (m Model) screenKeys() help.KeyMap {
	if m.firstRun != nil {
		return m.firstRun.Keys()
	}
	if m.meetingOpen {
		return m.meeting.Keys()
	}
	switch m.active {
	case screenFlags:
		return m.flags.Keys()
	case screenPartners:
		return m.partners.Keys()
	case screenRegistrations:
		return m.registrations.Keys()
	case screenReadout:
		return m.readout.Keys()
	case screenTeam:
		return m.team.Keys()
	}
	return m.week.Keys()
}

func (m Model) helpView(w, h int) string {
	title := "Keys"
	if m.meetingOpen {
		title += ": Meeting"
	} else {
		title += ": " + screenNames[m.active]
	}
	groups := m.screenKeys().FullHelp()
	if m.meetingOpen {
		// Over a meeting, the screen keys and tab do nothing: esc first.
		groups = append(groups, []key.Binding{m.keys.Undo, m.keys.Help, m.keys.Quit})
	} else {
		k := m.keys
		// On the Week, tab goes to the flags panel first.
		k.Next.SetEnabled(!(m.active == screenWeek && m.week.TakesTab()))
		groups = append(groups, k.FullHelp()...)
	}
	full := m.fullHelp(groups, w)
	return m.styles.Header.Render(title) + "\n\n" + full + "\n\n" + m.styles.Muted.Render("press any key to close")
}

// fullHelp renders the help overlay's columns as bubbles' help does, but
// for a key me may not use on the current selection (theme.Refused): that
// one is shown dimmed in its place, not left out. Keys that do nothing in
// the screen's state are left out. Columns that do not fit beside the
// others start a new row instead of being dropped.
func (m Model) fullHelp(groups [][]key.Binding, width int) string {
	st := m.help.Styles
	sep := st.FullSeparator.Inline(true).Render(m.help.FullSeparator)
	var rows, cols []string
	total := 0
	for _, group := range groups {
		var shown []key.Binding
		keyW := 0
		for _, b := range group {
			if b.Enabled() || theme.Refused(b) {
				shown = append(shown, b)
				keyW = max(keyW, lipgloss.Width(b.Help().Key))
			}
		}
		if len(shown) == 0 {
			continue
		}
		lines := make([]string, len(shown))
		for i, b := range shown {
			k, d := st.FullKey.Inline(true), st.FullDesc.Inline(true)
			if !b.Enabled() {
				k, d = m.styles.Muted.Faint(true), m.styles.Muted.Faint(true)
			}
			pad := strings.Repeat(" ", keyW-lipgloss.Width(b.Help().Key))
			lines[i] = k.Render(b.Help().Key) + pad + " " + d.Render(b.Help().Desc)
		}
		col := lipgloss.JoinVertical(lipgloss.Left, lines...)
		if total > 0 && width > 0 && total+lipgloss.Width(sep)+lipgloss.Width(col) > width {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, cols...))
			cols, total = nil, 0
		}
		if total > 0 {
			col = lipgloss.JoinHorizontal(lipgloss.Top, sep, col)
		}
		total += lipgloss.Width(col)
		cols = append(cols, col)
	}
	if len(cols) > 0 {
		rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, cols...))
	}
	return strings.Join(rows, "\n\n")
}

// quitView asks what to do with changes the database would not take.
func (m Model) quitView() string {
	st := m.styles
	lines := []string{st.Header.Render("Quit with unsaved changes?"), ""}
	lines = append(lines, "These changes are not in the database yet:")
	for _, c := range m.sess.Outbox.Pending() {
		lines = append(lines, "  • "+cadence.VisibleLine(c.What))
	}
	if err := m.sess.Outbox.Err(); err != nil {
		lines = append(lines, "", st.Error.Render("The last save failed: "+cadence.VisibleLine(err.Error())))
	}
	lines = append(lines, "",
		"y  quit: they go to a recovery file beside the database, offered at the next start",
		"n  stay: cadence keeps trying to save them")
	return strings.Join(lines, "\n")
}

// recoveryView offers the unsaved changes of an earlier run.
func (m Model) recoveryView() string {
	st := m.styles
	lines := []string{st.Header.Render("Unsaved changes from an earlier run"), ""}
	for _, r := range m.recoveries {
		who := ""
		if r.By != "" {
			who = " by " + r.By
		}
		lines = append(lines, fmt.Sprintf("Kept %s%s in %s:", r.Written.In(m.sess.Config.Location).Format("Mon Jan 2 15:04"), cadence.VisibleLine(who), cadence.VisibleLine(r.Path)))
		for _, c := range r.Changes {
			lines = append(lines, "  • "+cadence.VisibleLine(c.What))
		}
	}
	if m.discarding {
		return strings.Join(append(lines, "", st.Error.Render("Delete them for good? y/n")), "\n")
	}
	lines = append(lines, "",
		"y  save them now (merged with whatever was saved since)",
		"n  not now (offered again at the next start)",
		"d  discard them")
	return strings.Join(lines, "\n")
}

// ptr returns a pointer to a copy of v.
func ptr[T any](v T) *T { return &v }
