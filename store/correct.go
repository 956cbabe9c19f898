package store

import (
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"partnercadence/cadence"
)

// Corrections: writes that change a record someone made before, each in one
// transaction that reads the record as stored, so that a change another
// process made meanwhile is seen, never overwritten unseen.

// ErrChangedMeanwhile is matched (errors.Is) by a correction refused because
// the record is no longer what the change was made from.
var ErrChangedMeanwhile = errors.New("it changed meanwhile")

// AddRegistration adds a new registration by actor: an empty ID gets the next
// R-<n>. Its partner must exist and its owner, if any, be on the team; an ID
// that is taken is refused rather than replaced. It returns the registration
// as saved.
func (s *Store) AddRegistration(cfg *cadence.Config, actor string, r cadence.Registration) (cadence.Registration, error) {
	if r.Owner != "" && len(cfg.Team) > 0 {
		if _, ok := cfg.Member(r.Owner); !ok {
			return r, fmt.Errorf("owner: %q is not on the team", r.Owner)
		}
	}
	err := s.update(func(tx *bolt.Tx) error {
		if r.ID == "" {
			n, err := nextID(tx, nextRegKey)
			if err != nil {
				return err
			}
			r.ID = fmt.Sprintf("R-%d", n)
		} else if tx.Bucket(bucketRegistrations).Get([]byte(r.ID)) != nil {
			return fmt.Errorf("registration %s exists already", r.ID)
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

// UpdateRegistration changes registration id by actor, in one transaction:
// it reads the registration as stored, refuses with ErrChangedMeanwhile when
// it differs from base (what the person saw when they made the change), and
// writes change(stored). The partner and the ID stay as they are. It returns
// the registration as saved and as it was before.
func (s *Store) UpdateRegistration(cfg *cadence.Config, actor string, base cadence.Registration, change func(cadence.Registration) cadence.Registration) (saved, before cadence.Registration, err error) {
	err = s.update(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketRegistrations).Get([]byte(base.ID))
		if v == nil {
			return fmt.Errorf("registration %s is no longer in the database", base.ID)
		}
		cur, err := decodeRegistration(v)
		if err != nil {
			return fmt.Errorf("registration %s: %w", base.ID, err)
		}
		if cur != base {
			return fmt.Errorf("registration %s: %w (now %s, %s): look again and redo the change", base.ID, ErrChangedMeanwhile, cur.Status, cadence.FormatMoney(cur.Amount, cfg.Currency))
		}
		next := change(cur)
		next.ID, next.Partner = cur.ID, cur.Partner
		if next.Owner != "" && next.Owner != cur.Owner && len(cfg.Team) > 0 {
			if _, ok := cfg.Member(next.Owner); !ok {
				return fmt.Errorf("owner: %q is not on the team", next.Owner)
			}
		}
		if err := next.Validate(); err != nil {
			return err
		}
		w := newWriter(tx)
		if err := w.putRegistration(next); err != nil {
			return err
		}
		saved, before = next, cur
		return w.flush()
	})
	return saved, before, err
}

// UndoMeeting takes back a change of meeting record id by actor: after is
// the record as the change saved it, edits what restores the values before
// it. It refuses with ErrChangedMeanwhile when the record moved on since
// (cadence.UndoBlocked), and writes nothing then.
func (s *Store) UndoMeeting(cfg *cadence.Config, actor, id string, after cadence.MeetingRecord, edits []cadence.MeetingEdit) error {
	return s.update(func(tx *bolt.Tx) error {
		cur := cadence.MeetingRecord{ID: id}
		if v := tx.Bucket(bucketMeetings).Get([]byte(id)); v != nil {
			j, err := decode[meetingJSON](v)
			if err != nil {
				return fmt.Errorf("meeting %s: %w", id, err)
			}
			cur = j.record()
			cur.ID = id
		}
		if why := cadence.UndoBlocked(cur, after); why != "" {
			return fmt.Errorf("%s: %w: %s", id, ErrChangedMeanwhile, why)
		}
		for _, e := range edits {
			if _, err := cur.Apply(e, actor); err != nil {
				return fmt.Errorf("%s: %w", id, err)
			}
		}
		_, err := putRecordTx(tx, cfg, cur)
		return err
	})
}
