package session

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"partnercadence/cadence"
	"partnercadence/store"
)

// Outbox holds the meeting changes made in this session that are not in
// the database yet, in the order they were made. A change leaves it only
// once its transaction committed: a save that fails (the file is held by
// another process, read-only, full) stays, is retried, and is written to a
// recovery file if the app has to end first. It is shared by pointer and
// safe for the concurrent commands of Bubble Tea.
type Outbox struct {
	write sync.Mutex // one flush at a time

	mu       sync.Mutex
	queue    []cadence.MeetingChange
	inFlight []cadence.MeetingChange // taken by the flush under way
	// lastErr is the error of the last flush, nil once one succeeds;
	// failures counts the flushes that failed in a row.
	lastErr  error
	failures int
	// sent is, per meeting and text, the text last saved and the version
	// it became: a later save of the same text, typed on from it, is
	// merged from there (see flush).
	sent map[textKey]sentText
	// recoveries are recovery files whose changes were put back on the
	// queue: removed once the queue is saved (or written to a new file).
	recoveries []string
}

type textKey struct {
	meeting string
	field   cadence.TextField
}

type sentText struct {
	text   string
	result cadence.TextVersion
}

// Add queues a change. A text edit of a meeting's text that is still
// queued (not yet being written) replaces that one's text and keeps its
// base: the later text was typed on from the earlier.
func (o *Outbox) Add(c cadence.MeetingChange) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(c.Edits) == 1 && c.Edits[0].Kind == cadence.EditText {
		e := c.Edits[0]
		for i := range o.queue {
			q := &o.queue[i]
			if q.Meeting == c.Meeting && len(q.Edits) == 1 && q.Edits[0].Kind == cadence.EditText && q.Edits[0].Field == e.Field {
				q.Edits[0].Text = e.Text
				return
			}
		}
	}
	c.Edits = slices.Clone(c.Edits)
	o.queue = append(o.queue, c)
}

// Len returns the number of changes not yet in the database.
func (o *Outbox) Len() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.queue) + len(o.inFlight)
}

// Pending returns every change not yet in the database, oldest first.
func (o *Outbox) Pending() []cadence.MeetingChange {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append(slices.Clone(o.inFlight), o.queue...)
}

// PendingText returns the latest text of meeting's field that is waiting
// to be saved, and its base.
func (o *Outbox) PendingText(meeting string, field cadence.TextField) (base cadence.TextVersion, text string, ok bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, c := range append(slices.Clone(o.inFlight), o.queue...) {
		if c.Meeting != meeting {
			continue
		}
		for _, e := range c.Edits {
			if e.Kind == cadence.EditText && e.Field == field {
				base, text, ok = e.Base, e.Text, true
			}
		}
	}
	return base, text, ok
}

// Waiting reports whether a change of meeting's record waits to be saved.
func (o *Outbox) Waiting(meeting string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, c := range append(slices.Clone(o.inFlight), o.queue...) {
		if c.Meeting == meeting {
			return true
		}
	}
	return false
}

// Err returns why the last save failed, or nil when it did not.
func (o *Outbox) Err() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.lastErr
}

// AdoptRecovery queues the changes of a recovery file; the file is removed
// once they are saved.
func (o *Outbox) AdoptRecovery(r store.Recovery) {
	for _, c := range r.Changes {
		o.Add(c)
	}
	o.mu.Lock()
	o.recoveries = append(o.recoveries, r.Path)
	o.mu.Unlock()
}

// FlushNow asks the root to save the outbox; a screen returns it after
// adding to the outbox.
type FlushNow struct{}

// Flushed reports a flush of the outbox: the changes saved (with the
// records as saved), the error that stopped it, and how many changes
// still wait.
type Flushed struct {
	Saved   []SavedChange
	Err     error
	Pending int
	// Failures counts the flushes that failed in a row, for the backoff.
	Failures int
}

// SavedChange is a change that reached the database.
type SavedChange struct {
	Change  cadence.MeetingChange
	Record  cadence.MeetingRecord
	Results []cadence.EditResult
}

// UndoEdits returns the edits that take the change back from the record
// as saved: those the change carries, or for an added action the delete of
// the action the store numbered for it (the last of the record's actions
// with its text and owner). Nil when the change is not taken back by
// undo (typing).
func (c SavedChange) UndoEdits() []cadence.MeetingEdit {
	if len(c.Change.Undo) > 0 {
		return c.Change.Undo
	}
	if len(c.Change.Edits) != 1 || c.Change.Edits[0].Kind != cadence.EditAddAction {
		return nil
	}
	added := c.Change.Edits[0].Action
	for i := len(c.Record.Actions) - 1; i >= 0; i-- {
		a := c.Record.Actions[i]
		if strings.TrimSpace(a.Text) == strings.TrimSpace(added.Text) && cadence.NameKey(a.Owner) == cadence.NameKey(added.Owner) {
			return []cadence.MeetingEdit{{Kind: cadence.EditDeleteAction, Action: cadence.ActionItem{ID: a.ID}}}
		}
	}
	return nil
}

// Flush returns the command that saves every queued change.
func (s *Session) Flush() tea.Cmd {
	return func() tea.Msg { return s.flush() }
}

// flush writes the queued changes in order, one transaction each, and
// stops at the first that fails for a reason that may pass (the file is
// held or cannot be written): it and the ones after it stay queued. A
// change the store refuses outright (it can never be written) is reported
// and kept in a recovery file, never silently dropped.
func (s *Session) flush() Flushed {
	o := &s.Outbox
	o.write.Lock()
	defer o.write.Unlock()
	o.mu.Lock()
	batch := o.queue
	o.queue, o.inFlight = nil, batch
	o.mu.Unlock()

	var out Flushed
	var refused []cadence.MeetingChange
	var refusal error
	done := 0
	for _, c := range batch {
		c = o.rebase(c)
		rec, res, err := s.Store.EditMeeting(s.Config, s.Me, c)
		if errors.Is(err, store.ErrRefused) {
			refused = append(refused, c)
			if refusal == nil {
				refusal = err
			}
			done++
			continue
		}
		if err != nil {
			out.Err = errors.Join(out.Err, err)
			break
		}
		done++
		o.noteSent(c, res)
		out.Saved = append(out.Saved, SavedChange{Change: c, Record: rec, Results: res})
	}
	var unkept []cadence.MeetingChange
	otherErr := out.Err
	if len(refused) > 0 {
		// A refusal is final: the change leaves the queue, and what was
		// typed goes to a recovery file so that nothing typed is lost. If
		// no file can be written, the change stays queued: dropped, it
		// would be lost.
		r := &Refused{Err: refusal}
		path, err := s.Store.WriteRecovery(s.Me, s.Now(), refused)
		if err != nil {
			r.KeptErr, unkept = err, refused
		}
		r.Kept = path
		out.Err = errors.Join(r, out.Err)
	}

	o.mu.Lock()
	defer o.mu.Unlock()
	o.queue = append(append(unkept, batch[done:len(batch):len(batch)]...), o.queue...)
	o.inFlight = nil
	if out.Err != nil && done < len(batch) {
		o.failures++
	} else {
		o.failures = 0
	}
	o.lastErr = out.Err
	out.Pending, out.Failures = len(o.queue), o.failures
	if len(o.queue) == 0 && otherErr == nil {
		// Everything is saved, or refused and kept in a new file: the
		// recovery files adopted have served.
		for _, p := range o.recoveries {
			_ = store.RemoveRecovery(p)
		}
		o.recoveries = nil
	}
	return out
}

// Refused reports meeting changes the store refused for good (the rules
// do not let me make them, or the data does not allow them): they left the
// outbox, and what they carried was written to the recovery file Kept
// (offered at the next start). Its message is one line: why, and where
// the text is.
type Refused struct {
	Err     error
	Kept    string
	KeptErr error // why no recovery file could be written
}

func (r *Refused) Error() string {
	switch {
	case r.Kept != "":
		return r.Err.Error() + "; what was typed is kept in " + r.Kept
	case r.KeptErr != nil:
		return r.Err.Error() + "; could not keep what was typed: " + r.KeptErr.Error()
	}
	return r.Err.Error()
}

// Unwrap returns the refusal.
func (r *Refused) Unwrap() error { return r.Err }

// rebase gives a text edit the base it was really typed from. The screen
// names the version it last loaded; when this session saved the same text
// since, the text was typed on from what was saved, so the merge starts
// there — else the session's own earlier lines would look like someone
// else's.
func (o *Outbox) rebase(c cadence.MeetingChange) cadence.MeetingChange {
	o.mu.Lock()
	defer o.mu.Unlock()
	for i, e := range c.Edits {
		if e.Kind != cadence.EditText {
			continue
		}
		last, ok := o.sent[textKey{c.Meeting, e.Field}]
		if ok && e.Base.Rev <= last.result.Rev && e.Base != last.result {
			c.Edits[i].Base = cadence.TextVersion{Rev: last.result.Rev, Text: last.text}
		}
	}
	return c
}

func (o *Outbox) noteSent(c cadence.MeetingChange, res []cadence.EditResult) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.sent == nil {
		o.sent = map[textKey]sentText{}
	}
	for i, e := range c.Edits {
		if e.Kind == cadence.EditText && i < len(res) {
			o.sent[textKey{c.Meeting, e.Field}] = sentText{text: e.Text, result: res[i].Text}
		}
	}
}

// RetryAfter is how long to wait before saving again after failures
// flushes failed in a row: 1, 2, 4, then every 5 seconds.
func RetryAfter(failures int) time.Duration {
	d := time.Second << max(failures-1, 0)
	return min(d, 5*time.Second)
}

// WriteRecovery writes every change not yet saved to a recovery file
// beside the database and empties the outbox; it returns the file's path
// ("" when there was nothing to write).
func (s *Session) WriteRecovery() (string, error) {
	o := &s.Outbox
	o.write.Lock() // no flush half-way through
	defer o.write.Unlock()
	pending := o.Pending()
	if len(pending) == 0 {
		return "", nil
	}
	path, err := s.Store.WriteRecovery(s.Me, s.Now(), pending)
	if err != nil {
		return "", err
	}
	o.mu.Lock()
	old := o.recoveries
	o.queue, o.inFlight, o.recoveries = nil, nil, nil
	o.mu.Unlock()
	for _, p := range old {
		_ = store.RemoveRecovery(p) // its changes are in the new file
	}
	return path, nil
}
