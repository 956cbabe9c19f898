// Package session is what every screen of the app shares: the database, the
// config, the clock and who "me" is; the snapshot of the data the screens
// show; and the messages that move between the screens and the root.
//
// All database work runs in tea.Cmds built here, so a screen never blocks the
// UI and never starts a goroutine of its own.
package session

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"partnercadence/cadence"
	"partnercadence/store"
)

// Session is the app's handle on its data. It is shared by pointer and not
// changed after start.
type Session struct {
	Store  *store.Store
	Config *cadence.Config
	// Clock returns the current moment; tests fix it.
	Clock func() time.Time
	// Me is the member using this copy: the config's me, or in serve mode
	// the member whose key connected. It may be "".
	Me string
}

// Now returns the current moment.
func (s *Session) Now() time.Time { return s.Clock() }

// Today returns the local date of now in the config's zone.
func (s *Session) Today() cadence.Date { return s.Config.Today(s.Now()) }

// MeMember returns the member who uses this copy, if the config names one.
func (s *Session) MeMember() (cadence.Member, bool) {
	if s.Me == "" {
		return cadence.Member{}, false
	}
	return s.Config.Member(s.Me)
}

// Snapshot is the data most screens show, read in one transaction and
// replaced whole whenever the database changes.
type Snapshot struct {
	// At is the moment the flags were computed for.
	At time.Time
	// Partners is every partner with its activity summary, sorted by ID.
	Partners []cadence.PartnerActivity
	// Open is every submitted or approved registration.
	Open []cadence.Registration
	// Intros is every intro no registration answers yet.
	Intros []cadence.Intro
	// Actions is every open action item.
	Actions []cadence.ActionItem
	// Flags is every flag at At, in the order of §4.
	Flags []cadence.Flag
	// Stamp identifies the database content the snapshot was read from.
	Stamp store.Stamp
}

// Partner returns the partner with the given name (matched by ID form).
func (s *Snapshot) Partner(name string) (cadence.PartnerActivity, bool) {
	slug := cadence.Slug(name)
	for _, p := range s.Partners {
		if p.Partner.Slug() == slug {
			return p, true
		}
	}
	return cadence.PartnerActivity{}, false
}

// Loaded carries a fresh snapshot; the root hands it to every screen.
type Loaded struct{ Snapshot *Snapshot }

// Failed reports an error of a load or a write, for the status line.
type Failed struct {
	What string // what was being done: "save notes", "load the week"
	Err  error
}

// Error says what failed and why.
func (f Failed) Error() string { return fmt.Sprintf("%s: %v", f.What, f.Err) }

// Saved reports a write that reached the database; Notice is shown in the
// status line. The root reloads the snapshot after it.
type Saved struct {
	Notice string
	// Ref identifies what was saved, for the screen that asked (e.g. the
	// meeting ID whose notes were saved); may be "".
	Ref string
}

// Changed reports that another process changed the database.
type Changed struct{ Stamp store.Stamp }

// OpenMeeting asks the root to open the meeting screen on an occurrence.
type OpenMeeting struct{ ID string }

// Back asks the root to close the screen on top (the meeting) and return to
// the one below.
type Back struct{}

// Notice asks the root to show a line in the status bar.
type Notice struct{ Text string }

// Load reads a fresh snapshot.
func (s *Session) Load() tea.Cmd {
	return func() tea.Msg {
		snap, err := s.load()
		if err != nil {
			return Failed{What: "load data", Err: err}
		}
		return Loaded{Snapshot: snap}
	}
}

func (s *Session) load() (*Snapshot, error) {
	stamp, err := s.Store.Stamp()
	if err != nil {
		return nil, err
	}
	now := s.Now()
	in, err := s.Store.FlagInput(s.Config, now)
	if err != nil {
		return nil, err
	}
	return &Snapshot{
		At: now, Partners: in.Partners, Open: in.Open, Intros: in.Intros, Actions: in.Actions,
		Flags: cadence.Flags(in), Stamp: stamp,
	}, nil
}

// Write runs fn against the store and reports Saved (with notice and ref) or
// Failed (with what).
func (s *Session) Write(what, notice, ref string, fn func(*store.Store) error) tea.Cmd {
	return func() tea.Msg {
		if err := fn(s.Store); err != nil {
			return Failed{What: what, Err: err}
		}
		return Saved{Notice: notice, Ref: ref}
	}
}

// pollEvery is how often the app looks for other processes' changes.
const pollEvery = time.Second

// Poll waits a moment, then reports Changed if the database's stamp differs
// from last; otherwise it reports nothing new (a pollTick the root sends
// back to Poll).
func (s *Session) Poll(last store.Stamp) tea.Cmd {
	return tea.Tick(pollEvery, func(time.Time) tea.Msg {
		stamp, err := s.Store.Stamp()
		if err != nil || stamp == last {
			return PollTick{Stamp: last}
		}
		return Changed{Stamp: stamp}
	})
}

// PollTick is a poll that found nothing new; the root polls again.
type PollTick struct{ Stamp store.Stamp }
