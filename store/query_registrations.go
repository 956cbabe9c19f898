package store

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"partnercadence/cadence"
)

// RegistrationsByStatus returns the registrations with the given status,
// newest first, at most limit of them (all when limit ≤ 0).
//
// Open statuses (submitted, approved) come from the open registrations,
// newest submission first. Closed ones are read from the date indexes
// backwards — won, lost and expired by their closed date, rejected by its
// decided date — and each entry's status is checked in place, so the walk
// stops once limit are found: it reads about limit ÷ (the status's share of
// the index) entries, a few hundred to a few thousand for a page of 200 on
// the large demo, never the registrations' history as a whole unless the
// status is that rare. A closed registration with no closed date (a rejected one with
// no decided date), which only an import can make, is in no index and is not
// returned.
func (s *Store) RegistrationsByStatus(status cadence.RegStatus, limit int) ([]cadence.Registration, error) {
	var index []byte
	switch status {
	case cadence.RegSubmitted, cadence.RegApproved:
		return s.openByStatus(status, limit)
	case cadence.RegRejected:
		index = bucketRegByDecided
	case cadence.RegWon, cadence.RegLost, cadence.RegExpired:
		index = bucketRegByClosed
	default:
		return nil, fmt.Errorf("registrations by status: %q is not a registration status", status)
	}
	var out []cadence.Registration
	err := s.view(func(tx *bolt.Tx) error {
		// The index carries the registration: one sequential walk, and
		// only the ones of the status are decoded.
		c := tx.Bucket(index).Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			if len(k) < 6 || !registrationHas(v, status) {
				continue
			}
			id := k[5:]
			r, err := decodeRegistration(v)
			if err != nil {
				return fmt.Errorf("registration %s: %w", id, err)
			}
			if r.Status != status {
				continue
			}
			out = append(out, r)
			if limit > 0 && len(out) == limit {
				break
			}
		}
		return nil
	})
	return out, err
}

// openByStatus returns the open registrations of one status, newest
// submission first (then by ID, descending).
func (s *Store) openByStatus(status cadence.RegStatus, limit int) ([]cadence.Registration, error) {
	var out []cadence.Registration
	err := s.view(func(tx *bolt.Tx) error {
		open, err := openRegistrations(tx)
		for _, r := range open {
			if r.Status == status {
				out = append(out, r)
			}
		}
		return err
	})
	slices.SortFunc(out, func(a, b cadence.Registration) int {
		return cmp.Or(b.Submitted.Sub(a.Submitted), strings.Compare(b.ID, a.ID))
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, err
}
