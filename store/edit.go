package store

import (
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
		_, _, planned, err := cfg.ParseOccurrenceID(rec.ID)
		if err != nil {
			return err
		}
		rec.Actions = append([]cadence.ActionItem(nil), rec.Actions...)
		for i := range rec.Actions {
			if rec.Actions[i].ID == "" {
				n, err := nextID(tx, nextActionKey)
				if err != nil {
					return err
				}
				rec.Actions[i].ID = fmt.Sprintf("A-%d", n)
			}
			rec.Actions[i].Meeting = rec.ID
		}
		if err := rec.Validate(); err != nil {
			return err
		}
		w := newWriter(tx)
		return w.putRecord(rec, planned, localDate(cfg))
	})
	return rec, err
}

// localDate returns the function that dates a record's At in the config's
// zone.
func localDate(cfg *cadence.Config) dateOfFunc {
	return func(rec cadence.MeetingRecord) cadence.Date { return cadence.DateIn(rec.At, cfg.Location) }
}
