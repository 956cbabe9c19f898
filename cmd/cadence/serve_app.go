package main

import (
	"fmt"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	bm "charm.land/wish/v2/bubbletea"
	"github.com/charmbracelet/colorprofile"

	"partnercadence/cadence"
	"partnercadence/tui"
	"partnercadence/tui/session"
)

// serveFPS is the most frames a second a session draws.
const serveFPS = 120

// appSession is the app running in one SSH session.
type appSession struct {
	prog *tea.Program
	// poke takes a signal for every key press, mouse click and paste: the
	// idle timer starts again.
	poke chan struct{}

	mu sync.Mutex
	// farewell is the line said once the app was ended from outside, ""
	// if it was not.
	farewell string
}

// stop ends the app from outside: it saves what was typed and quits,
// showing status meanwhile, and farewell once it has ended ("" for a
// closed connection: nobody to tell).
func (a *appSession) stop(status, farewell string) {
	a.mu.Lock()
	if a.farewell == "" {
		a.farewell = farewell
	}
	a.mu.Unlock()
	a.prog.Send(tui.Shutdown{Reason: status})
}

func (a *appSession) farewellLine() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.farewell
}

// filter notes the user's input for the idle timer, and keeps ctrl+z from
// suspending a program that has no terminal of its own to suspend (as
// wish's bubbletea middleware does).
func (a *appSession) filter(_ tea.Model, msg tea.Msg) tea.Msg {
	switch msg.(type) {
	case tea.KeyPressMsg, tea.PasteMsg, tea.MouseClickMsg, tea.MouseWheelMsg:
		select {
		case a.poke <- struct{}{}:
		default:
		}
	case tea.SuspendMsg:
		return tea.ResumeMsg{}
	}
	return msg
}

// runApp runs the app for member in sess until they quit, the connection
// closes, the session is idle too long or the server shuts down. Whatever
// way it ends, what was typed is saved, or kept in a recovery file beside
// the database when the database will not take it.
func (s *server) runApp(sess ssh.Session, member string, cfg *cadence.Config) int {
	ss := &session.Session{Store: s.store, Config: cfg, Clock: s.clock, Me: member, Shared: s.shared}
	a := &appSession{poke: make(chan struct{}, 1)}
	// 120 frames a second at most (Bubble Tea's own default is 60): a
	// frame is drawn on the next tick after a key, and at 60 that wait
	// alone is 8 ms on average, over DESIGN §10's 5 ms from key to frame.
	// A tick with nothing new draws nothing.
	opts := append(bm.MakeOptions(sess), tea.WithoutSignalHandler(), tea.WithFilter(a.filter), tea.WithFPS(serveFPS))
	if noColor(sess.Environ()) {
		opts = append(opts, tea.WithColorProfile(colorprofile.Ascii))
	}
	a.prog = tea.NewProgram(tui.Start(tui.Options{Session: ss, IsDark: true}), opts...)

	s.mu.Lock()
	if s.closing {
		s.mu.Unlock()
		fmt.Fprintln(sess.Stderr(), "cadence: the server is shutting down; try again in a moment")
		return 1
	}
	s.apps[a] = struct{}{}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.apps, a)
		s.mu.Unlock()
	}()

	done := make(chan struct{})
	defer close(done)
	_, windowChanges, _ := sess.Pty()
	go func() {
		for {
			select {
			case <-done:
				return
			case <-sess.Context().Done():
				// The connection closed: save what was typed, and make
				// sure the program ends even if it cannot.
				a.stop("", "")
				kill := time.AfterFunc(shutdownWait, a.prog.Kill)
				<-done
				kill.Stop()
				return
			case w := <-windowChanges:
				a.prog.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
			}
		}
	}()
	go a.watchIdle(s.opts.idleTimeout, done)

	final, err := a.prog.Run()
	if err != nil {
		s.log.Error("app ended with an error", "member", cadence.VisibleLine(member), "error", cadence.VisibleLine(err.Error()))
	}
	recovery := ""
	if m, ok := final.(tui.Model); ok {
		recovery = m.RecoveryPath()
	}
	if recovery == "" && ss.Outbox.Len() > 0 {
		// Killed before it could save: nothing typed is dropped. One
		// more try, then a recovery file.
		ss.Flush()()
	}
	if recovery == "" && ss.Outbox.Len() > 0 {
		if path, werr := ss.WriteRecovery(); werr == nil {
			recovery = path
		} else {
			s.log.Error("unsaved changes could not be kept", "member", cadence.VisibleLine(member), "error", cadence.VisibleLine(werr.Error()))
		}
	}
	if recovery != "" {
		s.log.Warn("unsaved changes kept in a recovery file", "member", cadence.VisibleLine(member), "file", recovery)
	}
	line := a.farewellLine()
	if recovery != "" {
		line = fmt.Sprintf("cadence: the database did not take your last changes; they are kept on the server in %s and offered when you next connect", cadence.VisibleLine(recovery))
	}
	if line != "" {
		fmt.Fprintln(sess.Stderr(), line)
	}
	if err != nil || recovery != "" {
		return 1
	}
	return 0
}

// watchIdle ends the app after idle without input, warning it
// idleWarning before (half the time, for a timeout under two minutes). A
// key press starts the wait again.
func (a *appSession) watchIdle(idle time.Duration, done <-chan struct{}) {
	if idle <= 0 {
		return
	}
	warnBefore := min(idleWarning, idle/2)
	wait := func(d time.Duration) (poked, ended bool) {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-done:
			return false, true
		case <-a.poke:
			return true, false
		case <-t.C:
			return false, false
		}
	}
	for {
		poked, ended := wait(idle - warnBefore)
		if ended {
			return
		}
		if poked {
			continue
		}
		// The status line has half the width: the words are few.
		a.prog.Send(session.Notice{Text: fmt.Sprintf("idle: session ends in %s · press a key", roundDuration(warnBefore))})
		poked, ended = wait(warnBefore)
		if ended {
			return
		}
		if poked {
			a.prog.Send(session.Notice{Text: ""}) // the warning no longer holds
			continue
		}
		a.stop("idle: session ends", fmt.Sprintf("cadence: no key pressed for %s, so the session ended; what you typed is saved", roundDuration(idle)))
		return
	}
}

// roundDuration writes d as people say it: 59m, 1h, 30s.
func roundDuration(d time.Duration) string {
	s := d.Round(time.Second).String()
	s = strings.Replace(s, "m0s", "m", 1)
	s = strings.Replace(s, "h0m", "h", 1)
	return s
}

// noColor reports whether the client's environment asks for no colour
// (NO_COLOR set to anything, as STYLE.md says).
func noColor(environ []string) bool {
	for _, kv := range environ {
		if v, ok := strings.CutPrefix(kv, "NO_COLOR="); ok && v != "" {
			return true
		}
	}
	return false
}
