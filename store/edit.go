package store

import (
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"partnercadence/cadence"
)

// The edits the app makes, one transaction each.

// SavePartner adds a partner, or replaces the one with the same name (and
// so the same ID), as the member named actor. Its owner must be on the
// config's team, and the actor allowed to make the change
// (cadence.Config.MayChangePartner) against the partner as stored.
func (s *Store) SavePartner(cfg *cadence.Config, actor string, p cadence.Partner) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if _, ok := cfg.Member(p.Owner); !ok && len(cfg.Team) > 0 {
		return fmt.Errorf("owner: %q is not on the team", p.Owner)
	}
	return s.update(func(tx *bolt.Tx) error {
		w := newWriter(tx)
		change, before := cadence.PartnerAdd, ""
		if old, ok := w.partner(p.Slug()); ok {
			change, before = cadence.PartnerEdit, old.Owner
		}
		if err := cfg.MayChangePartner(actor, change, p.Name, before, p.Owner); err != nil {
			return refused(err)
		}
		if err := w.putPartner(p); err != nil {
			return err
		}
		return w.flush()
	})
}

// AddTouchpoint logs a touchpoint as the member named actor, who must be
// allowed to log touchpoints for its partner as stored; it reports false
// when the same touchpoint was already there.
func (s *Store) AddTouchpoint(cfg *cadence.Config, actor string, t cadence.Touchpoint) (bool, error) {
	if err := t.Validate(); err != nil {
		return false, err
	}
	var added bool
	err := s.update(func(tx *bolt.Tx) error {
		w := newWriter(tx)
		if p, ok := w.partner(cadence.Slug(t.Partner)); ok {
			if err := cfg.MayChangeTouchpoints(actor, cadence.TouchpointLog, p.Name, p.Owner); err != nil {
				return refused(err)
			}
		}
		var err error
		if added, err = w.addTouchpoint(t); err != nil {
			return err
		}
		return w.flush()
	})
	return added, err
}

// SaveRegistration adds or replaces a registration as the member named
// actor, who must be allowed to make the change against the registration
// and its partners as stored (cadence.Config.MayChangeRegistration). An
// empty ID gets the next R-<n>; the registration as saved is returned.
func (s *Store) SaveRegistration(cfg *cadence.Config, actor string, r cadence.Registration) (cadence.Registration, error) {
	err := s.update(func(tx *bolt.Tx) error {
		w := newWriter(tx)
		if err := mayChangeRegistration(w, cfg, actor, r); err != nil {
			return err
		}
		if r.ID == "" {
			n, err := nextID(tx, nextRegKey)
			if err != nil {
				return err
			}
			r.ID = fmt.Sprintf("R-%d", n)
		}
		if err := r.Validate(); err != nil {
			return err
		}
		if err := w.putRegistration(r); err != nil {
			return err
		}
		return w.flush()
	})
	return r, err
}

// mayChangeRegistration checks the rule for saving r over the registration
// stored under its ID. Owners are the ones who decide: the registration's,
// else its partner's.
func mayChangeRegistration(w *writer, cfg *cadence.Config, actor string, r cadence.Registration) error {
	var before cadence.Registration
	if r.ID != "" {
		if v := w.tx.Bucket(bucketRegistrations).Get([]byte(r.ID)); v != nil {
			var err error
			if before, err = decodeRegistration(v); err != nil {
				return fmt.Errorf("registration %s: %w", r.ID, err)
			}
		}
	}
	scope := cadence.RegistrationScope{ID: r.ID, NewPartner: r.Partner, NewOwner: r.Owner}
	if p, ok := w.partner(cadence.Slug(r.Partner)); ok {
		scope.NewPartner, scope.NewPartnerOwner = p.Name, p.Owner
	}
	if scope.NewOwner == "" {
		scope.NewOwner = scope.NewPartnerOwner
	}
	if before.ID != "" {
		scope.Partner, scope.Owner = before.Partner, before.Owner
		if p, ok := w.partner(cadence.Slug(before.Partner)); ok {
			scope.Partner, scope.PartnerOwner = p.Name, p.Owner
		}
		if scope.Owner == "" {
			scope.Owner = scope.PartnerOwner
		}
	}
	if err := cfg.MayChangeRegistration(actor, cadence.RegistrationChangeOf(before, r), scope); err != nil {
		return refused(err)
	}
	return nil
}

// EditMeeting makes the change's edits, by the member named actor, to the
// meeting record as stored, in one transaction: two people's edits of one
// meeting both land (texts are merged, see cadence.MeetingRecord.Apply).
// New action items get the next A-<n>, and a one-off meeting (ID "adhoc/")
// the next adhoc/<n>. It returns the record as saved and what became of
// each edit.
func (s *Store) EditMeeting(cfg *cadence.Config, actor string, change cadence.MeetingChange) (cadence.MeetingRecord, []cadence.EditResult, error) {
	var rec cadence.MeetingRecord
	var results []cadence.EditResult
	err := s.update(func(tx *bolt.Tx) error {
		id := change.Meeting
		if id == "adhoc/" {
			n, err := nextID(tx, nextAdhocKey)
			if err != nil {
				return err
			}
			id = fmt.Sprintf("adhoc/%d", n)
		}
		var err error
		results = nil
		if rec, err = storedRecord(tx, id); err != nil {
			return err
		}
		scope, err := meetingScope(tx, cfg, change.Meeting, rec)
		if err != nil {
			return fmt.Errorf("%w: %w", ErrRefused, err)
		}
		for _, e := range change.Edits {
			part, act := cadence.MeetingPartOf(e, rec)
			if err := cfg.MayChangeMeeting(actor, scope, part, act); err != nil {
				return refused(err)
			}
			res, err := rec.Apply(e, actor)
			if err != nil {
				return fmt.Errorf("%w: %s: %w", ErrRefused, id, err)
			}
			results = append(results, res)
		}
		rec, err = putRecordTx(tx, cfg, rec)
		return err
	})
	return rec, results, err
}

// SaveRecord stores a meeting record under its ID as the member named
// actor, who must be allowed to change every part in which it differs from
// the record as stored (cadence.RecordChanges). New action items (those
// with an empty ID) get the next A-<n>, and a one-off meeting (ID
// "adhoc/") the next adhoc/<n>. It returns the record as saved.
func (s *Store) SaveRecord(cfg *cadence.Config, actor string, rec cadence.MeetingRecord) (cadence.MeetingRecord, error) {
	err := s.update(func(tx *bolt.Tx) error {
		stored := cadence.MeetingRecord{} // none yet: every part set is a change
		if v := tx.Bucket(bucketMeetings).Get([]byte(rec.ID)); v != nil {
			var err error
			if stored, err = storedRecord(tx, rec.ID); err != nil {
				return err
			}
		}
		scopeOf := stored
		if rec.ID == "adhoc/" {
			scopeOf = rec // who attends a new one-off meeting
		}
		scope, err := meetingScope(tx, cfg, rec.ID, scopeOf)
		if err != nil {
			return fmt.Errorf("%w: %w", ErrRefused, err)
		}
		for _, c := range cadence.RecordChanges(stored, rec) {
			if err := cfg.MayChangeMeeting(actor, scope, c.Part, c.Action); err != nil {
				return refused(err)
			}
		}
		if rec.ID == "adhoc/" {
			n, err := nextID(tx, nextAdhocKey)
			if err != nil {
				return err
			}
			rec.ID = fmt.Sprintf("adhoc/%d", n)
		}
		rec, err = putRecordTx(tx, cfg, rec)
		return err
	})
	return rec, err
}

// storedRecord returns the meeting record stored under id, or an empty one
// with that ID.
func storedRecord(tx *bolt.Tx, id string) (cadence.MeetingRecord, error) {
	v := tx.Bucket(bucketMeetings).Get([]byte(id))
	if v == nil {
		return cadence.MeetingRecord{ID: id}, nil
	}
	j, err := decode[meetingJSON](v)
	if err != nil {
		return cadence.MeetingRecord{}, fmt.Errorf("meeting %s: %w", id, err)
	}
	rec := j.record()
	rec.ID = id
	return rec, nil
}

// meetingScope returns what the rule needs of the meeting id, whose record
// as stored is rec: a QBR's partner is read as stored.
func meetingScope(tx *bolt.Tx, cfg *cadence.Config, id string, rec cadence.MeetingRecord) (cadence.MeetingScope, error) {
	return cfg.MeetingScopeOf(id, func(slug string) (cadence.Partner, bool) { return readPartner(tx, slug) }, rec)
}

// putRecordTx numbers rec's new action items, checks it and stores it.
func putRecordTx(tx *bolt.Tx, cfg *cadence.Config, rec cadence.MeetingRecord) (cadence.MeetingRecord, error) {
	_, _, planned, err := cfg.ParseOccurrenceID(rec.ID)
	if err != nil {
		return rec, fmt.Errorf("%w: %w", ErrRefused, err)
	}
	rec.Actions = append([]cadence.ActionItem(nil), rec.Actions...)
	for i := range rec.Actions {
		if rec.Actions[i].ID == "" {
			n, err := nextID(tx, nextActionKey)
			if err != nil {
				return rec, err
			}
			rec.Actions[i].ID = fmt.Sprintf("A-%d", n)
		}
		rec.Actions[i].Meeting = rec.ID
	}
	if err := rec.Validate(); err != nil {
		return rec, fmt.Errorf("%w: %s: %w", ErrRefused, rec.ID, err)
	}
	return rec, newWriter(tx).putRecord(rec, planned, localDate(cfg))
}

// localDate returns the function that dates a record's At in the config's
// zone.
func localDate(cfg *cadence.Config) dateOfFunc {
	return func(rec cadence.MeetingRecord) cadence.Date { return cadence.DateIn(rec.At, cfg.Location) }
}

// refused marks a refusal of the rules (cadence.ErrNotAllowed) as one the
// store makes for good: it wraps both, and reads as the rule's own line.
func refused(err error) error { return &refusal{err} }

type refusal struct{ err error }

func (r *refusal) Error() string   { return r.err.Error() }
func (r *refusal) Unwrap() []error { return []error{ErrRefused, r.err} }

// ErrRefused marks a change the store refuses for what it is (an edit that
// breaks a rule of the data), as opposed to one that could not be written
// now: trying it again will not help.
var ErrRefused = errors.New("change refused")
