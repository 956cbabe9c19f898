package cadence

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// TextField names one of a meeting record's texts.
type TextField string

// The texts of a meeting record.
const (
	FieldTalkingPoints TextField = "talking_points"
	FieldNotes         TextField = "notes"
)

// TextVersion is a text as it was stored at a revision.
type TextVersion struct {
	Rev  int
	Text string
}

// Text returns the record's text f with its revision.
func (r *MeetingRecord) Text(f TextField) TextVersion {
	if f == FieldNotes {
		return TextVersion{r.NotesRev, r.Notes}
	}
	return TextVersion{r.TalkingPointsRev, r.TalkingPoints}
}

// TextBy returns who saved the record's text f last ("" when unknown).
func (r *MeetingRecord) TextBy(f TextField) string {
	if f == FieldNotes {
		return r.NotesBy
	}
	return r.TalkingPointsBy
}

func (r *MeetingRecord) setText(f TextField, v TextVersion, by string) {
	if f == FieldNotes {
		r.Notes, r.NotesRev, r.NotesBy = v.Text, v.Rev, by
		return
	}
	r.TalkingPoints, r.TalkingPointsRev, r.TalkingPointsBy = v.Text, v.Rev, by
}

// EditKind says what a MeetingEdit changes.
type EditKind string

// The kinds of MeetingEdit.
const (
	EditText         EditKind = "text"          // Field, Base, Text
	EditStatus       EditKind = "status"        // Status
	EditMove         EditKind = "move"          // At (zero: back to the planned time)
	EditSatisfaction EditKind = "satisfaction"  // Satisfaction
	EditAddAction    EditKind = "add_action"    // Action (its ID is given on saving; see Apply for one given with its ID)
	EditAction       EditKind = "edit_action"   // Action.ID, Text, Owner, Due
	EditActionDone   EditKind = "action_done"   // Action.ID, Done (zero: open again)
	EditDeleteAction EditKind = "delete_action" // Action.ID
)

// MeetingEdit is one change a person makes to a meeting record. It is
// applied to the record as stored at the moment it is written, not to the
// copy the person saw, so that two people's changes to one meeting both
// land: texts are merged (MergeText), actions are added, changed and
// removed one by one, and of two status changes the later wins.
type MeetingEdit struct {
	Kind EditKind
	// Field, Base and Text are a text edit: the text as the person saw it
	// when they started (Base) and as they left it (Text).
	Field        TextField
	Base         TextVersion
	Text         string
	Status       MeetingStatus
	At           time.Time
	Satisfaction int
	Action       ActionItem
}

// MeetingChange is edits of one meeting record made together, with what
// they do in words ("talking points of 1:1 Dana Cruz Nov 25").
type MeetingChange struct {
	Meeting string // the record's ID
	What    string
	Edits   []MeetingEdit
	// Undo, when set, are the edits that take this change back (the
	// status, time, satisfaction or action as they were before it), for
	// the app's undo; they are not written with the change.
	Undo []MeetingEdit `json:",omitempty"`
}

// UndoBlocked says why a record is no longer as a change left it (after,
// the record as saved), so that undoing the change would overwrite what
// someone did since; "" when nothing of what the change touched moved:
// the status, the time, the satisfaction, and each action's done date,
// due date and text.
func UndoBlocked(cur, after MeetingRecord) string {
	switch {
	case cur.Status != after.Status:
		st := cur.Status
		if st == "" {
			st = MeetingScheduled
		}
		return "its status is " + string(st) + " now"
	case !cur.At.Equal(after.At):
		return "it was moved again"
	case cur.Satisfaction != after.Satisfaction:
		return "its satisfaction changed"
	}
	for _, a := range after.Actions {
		for _, c := range cur.Actions {
			if c.ID == a.ID && (c.Done != a.Done || c.Due != a.Due || c.Text != a.Text) {
				return "action " + a.ID + " changed"
			}
		}
	}
	return ""
}

// EditResult says what became of a MeetingEdit.
type EditResult struct {
	// Text is, for a text edit, the text stored and its revision.
	Text TextVersion
	// Merged reports that someone else's save, made after the edit's
	// Base, was merged in; Conflict that they changed the same lines (both
	// versions are kept); By names them.
	Merged, Conflict bool
	By               string
	// Gone reports an edit of an action that is no longer there (someone
	// deleted it): nothing was changed.
	Gone bool
}

// Apply makes edit e, by the member named by, to the record. The record's
// ID must be set; an added action gets no ID here (the store numbers it).
// An action added with its ID is one put back, as the undo of its delete
// does: it keeps that ID (carried-over actions and merges refer to it),
// its status, owner, due and done date, and takes its old place, before
// the first action numbered after it; an ID the record already holds is
// refused.
func (r *MeetingRecord) Apply(e MeetingEdit, by string) (EditResult, error) {
	// What a calendar shows: a change of it is a new revision.
	status, at, title := r.Status.orScheduled(), r.At, r.Title
	defer func() {
		if r.Status.orScheduled() != status || !r.At.Equal(at) || r.Title != title {
			r.Revision++
		}
	}()
	switch e.Kind {
	case EditText:
		if e.Field != FieldTalkingPoints && e.Field != FieldNotes {
			return EditResult{}, fmt.Errorf("edit of unknown text %q", e.Field)
		}
		stored, storedBy := r.Text(e.Field), r.TextBy(e.Field)
		text, conflict := MergeText(e.Base.Text, e.Text, stored.Text, storedBy)
		res := EditResult{
			Merged:   stored.Rev != e.Base.Rev && stored.Text != e.Base.Text,
			Conflict: conflict, By: storedBy,
		}
		if text == stored.Text {
			res.Text = stored
			return res, nil
		}
		res.Text = TextVersion{Rev: stored.Rev + 1, Text: text}
		r.setText(e.Field, res.Text, by)
		return res, nil
	case EditStatus:
		if _, err := ParseMeetingStatus(string(e.Status)); err != nil && e.Status != "" {
			return EditResult{}, err
		}
		r.Status = e.Status
	case EditMove:
		r.At = e.At.UTC()
		if e.At.IsZero() {
			r.At = time.Time{}
		}
		// A meeting moved is a meeting on again.
		if r.Status == MeetingSkipped || r.Status == MeetingCancelled {
			r.Status = MeetingScheduled
		}
	case EditSatisfaction:
		r.Satisfaction = e.Satisfaction
	case EditAddAction:
		a := e.Action
		a.Meeting = r.ID
		if a.ID == "" {
			r.Actions = append(r.Actions, a)
			break
		}
		if r.actionIndex(a.ID) >= 0 {
			return EditResult{}, fmt.Errorf("action %s is in the meeting already", a.ID)
		}
		at := len(r.Actions)
		for i, b := range r.Actions {
			if actionIDLess(a.ID, b.ID) {
				at = i
				break
			}
		}
		r.Actions = slices.Insert(r.Actions, at, a)
	case EditAction, EditActionDone, EditDeleteAction:
		i := r.actionIndex(e.Action.ID)
		if i < 0 {
			return EditResult{Gone: true}, nil
		}
		switch e.Kind {
		case EditAction:
			a := &r.Actions[i]
			a.Text, a.Owner, a.Due = e.Action.Text, e.Action.Owner, e.Action.Due
		case EditActionDone:
			r.Actions[i].Done = e.Action.Done
		default:
			r.Actions = append(r.Actions[:i:i], r.Actions[i+1:]...)
		}
	default:
		return EditResult{}, fmt.Errorf("unknown meeting edit %q", e.Kind)
	}
	return EditResult{}, nil
}

// orScheduled reads "" as MeetingScheduled, as a record does.
func (s MeetingStatus) orScheduled() MeetingStatus {
	if s == "" {
		return MeetingScheduled
	}
	return s
}

// actionIDLess reports whether action ID a was given before b: A-9 before
// A-10 (the numbers the store hands out, in order), any other IDs as text.
func actionIDLess(a, b string) bool {
	na, okA := actionNumber(a)
	nb, okB := actionNumber(b)
	if okA && okB {
		return na < nb
	}
	return a < b
}

// actionNumber returns n of an action ID "A-<n>".
func actionNumber(id string) (uint64, bool) {
	digits, ok := strings.CutPrefix(id, "A-")
	if !ok || digits == "" {
		return 0, false
	}
	n, err := strconv.ParseUint(digits, 10, 64)
	return n, err == nil
}

func (r *MeetingRecord) actionIndex(id string) int {
	for i, a := range r.Actions {
		if a.ID == id {
			return i
		}
	}
	return -1
}
