package session

import (
	"time"

	"partnercadence/cadence"
	"partnercadence/cadence/agenda"
	"partnercadence/store"
)

// meetingRead is one read of a meeting's agenda data shared by the sessions
// that have the meeting open (`cadence serve`).
type meetingRead struct {
	// changes, stamp and at say what the read saw: it holds until a write
	// commits or the file changes, the day turns or the flags it computed
	// are reflagEvery old.
	changes <-chan struct{}
	stamp   store.Stamp
	at      time.Time
	cfg     *cadence.Config
	// done is closed when md and err are set.
	done chan struct{}
	md   agenda.Input
	err  error
}

// MeetingData reads the agenda of the meeting with the given ID (see
// store.Store.AgendaInput). The sessions of one process (`cadence serve`) share
// the read: a change wakes every session, and those with that meeting open
// read it once, not once each. What it returns is shared: it is not to be
// changed.
func (s *Session) MeetingData(id string) (agenda.Input, error) {
	if s.Shared == nil {
		return s.Store.AgendaInput(s.Config, s.Now(), id)
	}
	return s.Shared.meetingData(s, id)
}

func (sh *Shared) meetingData(s *Session, id string) (agenda.Input, error) {
	for {
		sh.mu.Lock()
		if r := sh.meetings[id]; r != nil {
			select {
			case <-r.done:
				if r.err == nil && r.current(s) {
					sh.mu.Unlock()
					return r.md, nil
				}
			default:
				// Under way: wait for it, then look again (it may be
				// out of date by then, or have failed).
				sh.mu.Unlock()
				<-r.done
				if r.err == nil && r.current(s) {
					return r.md, nil
				}
				sh.mu.Lock()
				if sh.meetings[id] == r {
					delete(sh.meetings, id)
				}
				sh.mu.Unlock()
				continue
			}
		}
		// Taken first, as for a snapshot: a write that commits during the
		// read makes it out of date at once.
		r := &meetingRead{changes: s.Store.Changes(), at: s.Now(), cfg: s.Config, done: make(chan struct{})}
		sh.prune(s)
		if sh.meetings == nil {
			sh.meetings = map[string]*meetingRead{}
		}
		sh.meetings[id] = r
		sh.mu.Unlock()

		r.stamp, r.err = s.Store.Stamp()
		if r.err == nil {
			r.md, r.err = s.Store.AgendaInput(s.Config, r.at, id)
		}
		close(r.done)
		if r.err != nil {
			sh.mu.Lock()
			if sh.meetings[id] == r {
				delete(sh.meetings, id) // the next one tries again
			}
			sh.mu.Unlock()
		}
		return r.md, r.err
	}
}

// prune drops the finished reads that no longer hold, so that the data of
// meetings nobody has open is not kept. sh.mu is held.
func (sh *Shared) prune(s *Session) {
	for id, r := range sh.meetings {
		select {
		case <-r.done:
			if r.err != nil || !r.current(s) {
				delete(sh.meetings, id)
			}
		default:
		}
	}
}

// current reports whether the read still shows the database for s.
func (r *meetingRead) current(s *Session) bool {
	select {
	case <-r.changes:
		return false
	default:
	}
	now := s.Now()
	if r.cfg != s.Config {
		return false
	}
	if now.Sub(r.at) >= reflagEvery || s.Config.Today(now) != s.Config.Today(r.at) {
		return false
	}
	stamp, err := s.Store.Stamp()
	return err == nil && stamp == r.stamp
}
