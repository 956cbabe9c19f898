// Package session is what every screen of the app shares: the database, the
// config, the clock and who "me" is; the snapshot of the data the screens
// show; and the messages that move between the screens and the root.
//
// All database work runs in tea.Cmds built here, so a screen never blocks the
// UI and never starts a goroutine of its own.
package session

import (
	"fmt"
	"slices"
	"strings"
	"sync"
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
	// Outbox holds the meeting changes not yet in the database.
	Outbox Outbox
	// Shared, when set, is the snapshot the sessions of one process share
	// (`cadence serve`): read once per change of the database, not once
	// per session.
	Shared *Shared
}

// Shared is the latest snapshot read by any of the sessions that share a
// Store and a Config. Screens never change a snapshot, so one is read by
// many. It is safe for concurrent use.
type Shared struct {
	mu   sync.Mutex
	snap *Snapshot
	cfg  *cadence.Config
	// loading is closed when the read under way ends; nil when none is.
	loading chan struct{}
	// meetings are the latest reads of the meetings open in a session, by
	// meeting ID (see MeetingData).
	meetings map[string]*meetingRead
}

// reflag returns snap with its flags computed again at now, once for all
// the sessions showing snap: their polls come at different moments, and
// the later ones take the snapshot the first one made (without a copy of
// the flags, and of what the screens derive from them, for each).
func (sh *Shared) reflag(snap *Snapshot, now time.Time) *Snapshot {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	cur := sh.snap
	sameRead := cur != nil && cur.changes == snap.changes && cur.Stamp == snap.Stamp
	if sameRead && cur.At.After(snap.At) {
		return cur
	}
	next := snap.reflag(now)
	if sameRead {
		sh.snap = next
	}
	return next
}

// load returns the shared snapshot while it is current for s — no write
// committed since it began to be read, the file unchanged, the same config
// and day — else reads a new one, one session at a time: the sessions that
// a change wakes together wait for the first one's read.
func (sh *Shared) load(s *Session) (*Snapshot, error) {
	for {
		sh.mu.Lock()
		if snap := sh.snap; snap != nil && sh.cfg == s.Config && sh.current(s, snap) {
			sh.mu.Unlock()
			return snap, nil
		}
		if wait := sh.loading; wait != nil {
			sh.mu.Unlock()
			<-wait
			continue
		}
		done := make(chan struct{})
		sh.loading = done
		sh.mu.Unlock()

		snap, err := s.read()
		sh.mu.Lock()
		sh.loading = nil
		if err == nil {
			sh.snap, sh.cfg = snap, s.Config
		}
		sh.mu.Unlock()
		close(done)
		return snap, err
	}
}

// current reports whether snap still shows the database for s.
func (sh *Shared) current(s *Session, snap *Snapshot) bool {
	select {
	case <-snap.changes:
		return false
	default:
	}
	stamp, err := s.Store.Stamp()
	return err == nil && stamp == snap.Stamp && s.Config.Today(s.Now()) == s.Config.Today(snap.At)
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
	// input is what the flags were computed from, indexed, so that they are
	// computed again as the clock moves on without reading the database.
	input cadence.FlagInput
	// changes is closed by the first write of this process committed
	// after the snapshot began to be read (store.Changes).
	changes <-chan struct{}
	// derived is what screens computed from this snapshot (see Derive),
	// shared by the sessions that show it.
	derived *derived
}

// reflag returns the snapshot with its flags computed again at now.
func (s *Snapshot) reflag(now time.Time) *Snapshot {
	next := *s
	next.input.Now = now
	next.At, next.Flags = now, cadence.Flags(next.input)
	next.derived = &derived{} // the rows show the new flags
	return &next
}

// Partner returns the partner with the given name (matched by ID form): a
// binary search, the partners being in the order of their IDs.
func (s *Snapshot) Partner(name string) (cadence.PartnerActivity, bool) {
	slug := cadence.Slug(name)
	i, ok := slices.BinarySearchFunc(s.Partners, slug, func(p cadence.PartnerActivity, slug string) int {
		return strings.Compare(p.Partner.Slug(), slug)
	})
	if !ok {
		return cadence.PartnerActivity{}, false
	}
	return s.Partners[i], true
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
	// Undo, when set, takes the write back; the root keeps it for `u`.
	Undo *Undo
}

// Undo takes one saved change back: What says what the change was ("Acme
// Cloud's registration R-12 approved"), Do writes the previous values, and
// refuses (store.ErrChangedMeanwhile) when the record changed since.
type Undo struct {
	What string
	Do   func(*store.Store) error
}

// Changed reports that the database changed since From was read: a write
// of another session of this process (`cadence serve`), or of another
// process. The root reloads, unless From is no longer its snapshot (then a
// newer one is on its way, watched by its own poll).
type Changed struct {
	Stamp store.Stamp
	From  *Snapshot
}

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
	if s.Shared != nil {
		return s.Shared.load(s)
	}
	return s.read()
}

// read reads a snapshot from the database.
func (s *Session) read() (*Snapshot, error) {
	// Taken first: a write that commits while the snapshot is read wakes
	// its poll at once.
	changes := s.Store.Changes()
	stamp, err := s.Store.Stamp()
	if err != nil {
		return nil, err
	}
	now := s.Now()
	in, err := s.Store.FlagInput(s.Config, now)
	if err != nil {
		return nil, err
	}
	in.Index = cadence.NewFlagIndex(in.Partners, in.Open)
	return &Snapshot{
		At: now, Partners: in.Partners, Open: in.Open, Intros: in.Intros, Actions: in.Actions,
		Flags: cadence.Flags(in), Stamp: stamp, input: in, changes: changes,
		derived: &derived{},
	}, nil
}

// WriteUndoable is Write for a change that can be taken back: fn returns
// how, and Saved carries it to the root.
func (s *Session) WriteUndoable(what, notice, ref string, fn func(*store.Store) (*Undo, error)) tea.Cmd {
	return func() tea.Msg {
		undo, err := fn(s.Store)
		if err != nil {
			return Failed{What: what, Err: err}
		}
		return Saved{Notice: notice, Ref: ref, Undo: undo}
	}
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

// pollEvery is how often the app looks for other processes' changes and
// at the clock; reflagEvery is how often the flags follow the clock (a
// meeting's deadline passes, a registration's wait grows) when nothing
// changed.
const (
	pollEvery   = 500 * time.Millisecond
	reflagEvery = time.Minute
)

// Poll waits until this process commits a write (another session's
// change, in `cadence serve`: it reaches every session at once) or a moment
// has passed. It reports Changed after such a write, or if the database's
// stamp differs from snap's (another process wrote), or the day has turned
// since snap was read (the flags' window of meetings moved); Reflagged when
// snap's flags are a minute old; else a PollTick, which the root sends back
// to Poll while snap is current.
func (s *Session) Poll(snap *Snapshot) tea.Cmd { return poll{s, snap}.wait }

// poll is one Poll: its wait is the command (one function, whatever the
// caller, so a test driver can tell a poll from the commands it runs).
type poll struct {
	s    *Session
	snap *Snapshot
}

func (p poll) wait() tea.Msg {
	s, snap := p.s, p.snap
	timer := time.NewTimer(pollEvery)
	defer timer.Stop()
	select {
	case <-snap.changes:
		stamp, _ := s.Store.Stamp()
		return Changed{Stamp: stamp, From: snap}
	case <-timer.C:
	}
	stamp, err := s.Store.Stamp()
	if err != nil {
		return PollTick{Snapshot: snap}
	}
	now := s.Now()
	switch {
	case stamp != snap.Stamp, s.Config.Today(now) != s.Config.Today(snap.At):
		return Changed{Stamp: stamp, From: snap}
	case now.Sub(snap.At) >= reflagEvery:
		if s.Shared != nil {
			return Reflagged{From: snap, Snapshot: s.Shared.reflag(snap, now)}
		}
		return Reflagged{From: snap, Snapshot: snap.reflag(now)}
	}
	return PollTick{Snapshot: snap}
}

// PollTick is a poll that found nothing new; the root polls again while
// Snapshot is still its current one.
type PollTick struct{ Snapshot *Snapshot }

// Reflagged carries From with its flags computed again at a later moment;
// the root takes it only while From is still its current snapshot.
type Reflagged struct{ From, Snapshot *Snapshot }

// MayChangeMeeting says whether me may change part of the meeting id, as
// the screen's data shows it (rec is its record, nil when it has none;
// partners give a QBR's partner and its owner): nil, or the refusal the
// store would give. Screens ask it to show a key disabled; the store asks
// the same rule again when the change is written.
func (s *Session) MayChangeMeeting(partners []cadence.PartnerActivity, id string, rec *cadence.MeetingRecord, part cadence.MeetingPart, act cadence.ActionChange) error {
	var stored cadence.MeetingRecord
	if rec != nil {
		stored = *rec
	}
	scope, err := s.Config.MeetingScopeOf(id, func(slug string) (cadence.Partner, bool) {
		for _, p := range partners {
			if p.Partner.Slug() == slug {
				return p.Partner, true
			}
		}
		return cadence.Partner{}, false
	}, stored)
	if err != nil {
		return nil // not a meeting ID: the store says what is wrong with it
	}
	return s.Config.MayChangeMeeting(s.Me, scope, part, act)
}
