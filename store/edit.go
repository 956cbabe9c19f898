package store

import (
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"partnercadence/cadence"
)

// The edits the app makes, one transaction each.

// SavePartner adds a partner, or replaces the one with the same name (and
// so the same ID). Its owner must be on the config's team.
func (s *Store) SavePartner(cfg *cadence.Config, p cadence.Partner) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if _, ok := cfg.Member(p.Owner); !ok && len(cfg.Team) > 0 {
		return fmt.Errorf("owner: %q is not on the team", p.Owner)
	}
	return s.update(func(tx *bolt.Tx) error {
		w := newWriter(tx)
		if err := w.putPartner(p); err != nil {
			return err
		}
		return w.flush()
	})
}

// AddTouchpoint logs a touchpoint; it reports false when the same touchpoint
// was already there.
func (s *Store) AddTouchpoint(t cadence.Touchpoint) (bool, error) {
	if err := t.Validate(); err != nil {
		return false, err
	}
	var added bool
	err := s.update(func(tx *bolt.Tx) error {
		w := newWriter(tx)
		var err error
		if added, err = w.addTouchpoint(t); err != nil {
			return err
		}
		return w.flush()
	})
	return added, err
}

// SaveRegistration adds or replaces a registration. An empty ID gets the
// next R-<n>; the registration as saved is returned.
func (s *Store) SaveRegistration(r cadence.Registration) (cadence.Registration, error) {
	err := s.update(func(tx *bolt.Tx) error {
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
		w := newWriter(tx)
		if err := w.putRegistration(r); err != nil {
			return err
		}
		return w.flush()
	})
	return r, err
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
		rec, results = cadence.MeetingRecord{ID: id}, nil
		if v := tx.Bucket(bucketMeetings).Get([]byte(id)); v != nil {
			j, err := decode[meetingJSON](v)
			if err != nil {
				return fmt.Errorf("meeting %s: %w", id, err)
			}
			rec = j.record()
			rec.ID = id
		}
		for _, e := range change.Edits {
			res, err := rec.Apply(e, actor)
			if err != nil {
				return fmt.Errorf("%w: %s: %w", ErrRefused, id, err)
			}
			results = append(results, res)
		}
		var err error
		rec, err = putRecordTx(tx, cfg, rec)
		return err
	})
	return rec, results, err
}

// SaveRecord stores a meeting record under its ID, giving new action items
// (those with an empty ID) the next A-<n>, and a one-off meeting (ID
// "adhoc/") the next adhoc/<n>. It returns the record as saved.
func (s *Store) SaveRecord(cfg *cadence.Config, rec cadence.MeetingRecord) (cadence.MeetingRecord, error) {
	err := s.update(func(tx *bolt.Tx) error {
		if rec.ID == "adhoc/" {
			n, err := nextID(tx, nextAdhocKey)
			if err != nil {
				return err
			}
			rec.ID = fmt.Sprintf("adhoc/%d", n)
		}
		var err error
		rec, err = putRecordTx(tx, cfg, rec)
		return err
	})
	return rec, err
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

// ErrRefused marks a change the store refuses for what it is (an edit that
// breaks a rule of the data), as opposed to one that could not be written
// now: trying it again will not help.
var ErrRefused = errors.New("change refused")
