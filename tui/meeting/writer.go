package meeting

import (
	"errors"
	"sync"

	"partnercadence/cadence"
	"partnercadence/store"
)

// patch is one edit of a meeting record: applied to the record as the
// database holds it at the moment of writing, so that whatever else the
// record holds (another screen's status change, another process's notes)
// is kept.
type patch struct {
	id    string // the record it changes: this meeting's, or an action's home
	apply func(*cadence.MeetingRecord)
	// textSeq is, for a talking points or notes patch, the edit it carries
	// (see Model.editSeq); 0 for any other patch.
	textSeq int
}

// writer puts the screen's edits into the database in the order they were
// made. Bubble Tea runs commands concurrently, so two saves of the same
// record made a moment apart could otherwise read, change and write over
// each other. Every edit joins a queue; a write command takes the whole
// queue under one lock, applies it to freshly read records and saves them.
// A command that finds the queue empty (an earlier one took its edits) does
// nothing.
//
// It is shared by pointer between the copies of a Model; its fields are
// guarded by mu.
type writer struct {
	write sync.Mutex // held for a whole read, patch and save

	mu      sync.Mutex
	queue   []patch
	running int // write commands started and not finished
	// textSaved is the latest text edit (textSeq) that reached the
	// database; flushes counts finished writes, so a read started before
	// one can be told apart from one started after.
	textSaved int
	flushes   int
	// textQueued is the latest text edit queued, by whichever copy of the
	// Model: Flush queues from a copy the running model never sees.
	textQueued int
}

// add queues an edit.
func (w *writer) add(p patch) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.queue = append(w.queue, p)
	w.textQueued = max(w.textQueued, p.textSeq)
}

// queuedText returns the latest text edit queued.
func (w *writer) queuedText() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.textQueued
}

// started counts a write command handed to Bubble Tea.
func (w *writer) started() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.running++
}

// state reports whether edits are queued or being written, the latest text
// edit saved, and the number of finished writes.
func (w *writer) state() (busy bool, textSaved, flushes int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.queue) > 0 || w.running > 0, w.textSaved, w.flushes
}

// flush writes every queued edit. Edits of one record are applied in order
// and saved in one transaction; records are saved in the order of their
// first edit. When a save fails, its text edits go back on the queue (what
// the user typed is never dropped; the next save tries again) and the other
// edits are reported lost in the error.
func (w *writer) flush(st *store.Store, cfg *cadence.Config) error {
	w.write.Lock()
	defer w.write.Unlock()
	w.mu.Lock()
	batch := w.queue
	w.queue = nil
	w.mu.Unlock()

	var errs []error
	var failed []patch
	textSaved := 0
	var order []string
	byRecord := map[string][]patch{}
	for _, p := range batch {
		if _, ok := byRecord[p.id]; !ok {
			order = append(order, p.id)
		}
		byRecord[p.id] = append(byRecord[p.id], p)
	}
	for _, id := range order {
		ps := byRecord[id]
		err := saveWith(st, cfg, id, ps)
		if err != nil {
			errs = append(errs, err)
			for _, p := range ps {
				if p.textSeq > 0 {
					failed = append(failed, p)
				}
			}
			continue
		}
		for _, p := range ps {
			textSaved = max(textSaved, p.textSeq)
		}
	}

	w.mu.Lock()
	defer w.mu.Unlock()
	w.queue = append(failed, w.queue...)
	w.running = max(w.running-1, 0)
	w.textSaved = max(w.textSaved, textSaved)
	w.flushes++
	return errors.Join(errs...)
}

func saveWith(st *store.Store, cfg *cadence.Config, id string, ps []patch) error {
	rec, _, err := st.Record(id)
	if err != nil {
		return err
	}
	rec.ID = id
	for _, p := range ps {
		p.apply(&rec)
	}
	_, err = st.SaveRecord(cfg, rec)
	return err
}

// Patches. Each sets a value rather than changing one, so applying it to a
// record that already has it changes nothing.

func setTalkingPoints(text string) func(*cadence.MeetingRecord) {
	return func(r *cadence.MeetingRecord) { r.TalkingPoints = text }
}

func setNotes(text string) func(*cadence.MeetingRecord) {
	return func(r *cadence.MeetingRecord) { r.Notes = text }
}

func setStatus(s cadence.MeetingStatus) func(*cadence.MeetingRecord) {
	return func(r *cadence.MeetingRecord) { r.Status = s }
}

func setSatisfaction(n int) func(*cadence.MeetingRecord) {
	return func(r *cadence.MeetingRecord) { r.Satisfaction = n }
}

// addAction appends a new action (the store gives it its ID).
func addAction(a cadence.ActionItem) func(*cadence.MeetingRecord) {
	return func(r *cadence.MeetingRecord) { r.Actions = append(r.Actions, a) }
}

// editAction sets an action's text, owner and due date.
func editAction(id, text, owner string, due cadence.Date) func(*cadence.MeetingRecord) {
	return func(r *cadence.MeetingRecord) {
		for i := range r.Actions {
			if r.Actions[i].ID == id {
				r.Actions[i].Text, r.Actions[i].Owner, r.Actions[i].Due = text, owner, due
			}
		}
	}
}

// setDone marks an action done on a date, or open again (the zero Date).
func setDone(id string, done cadence.Date) func(*cadence.MeetingRecord) {
	return func(r *cadence.MeetingRecord) {
		for i := range r.Actions {
			if r.Actions[i].ID == id {
				r.Actions[i].Done = done
			}
		}
	}
}

func deleteAction(id string) func(*cadence.MeetingRecord) {
	return func(r *cadence.MeetingRecord) {
		out := r.Actions[:0:0]
		for _, a := range r.Actions {
			if a.ID != id {
				out = append(out, a)
			}
		}
		r.Actions = out
	}
}
