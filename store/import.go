package store

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"partnercadence/cadence"
	"partnercadence/cadence/csvimport"
)

// ImportResult says what an import did, or would do with DryRun.
type ImportResult struct {
	Added, Changed, Unchanged int
	// Changes describes every addition and change, one line each, in file
	// order: "FILE:LINE: add partner Northwind Systems".
	Changes []string
}

// errDryRun rolls back the transaction of a dry run.
var errDryRun = errors.New("dry run")

// importTx runs apply in one write transaction: every row or none. With
// dryRun the transaction is rolled back after computing the result.
func (s *Store) importTx(dryRun bool, apply func(w *writer) error) error {
	err := s.update(func(tx *bolt.Tx) error {
		w := newWriter(tx)
		if err := apply(w); err != nil {
			return err
		}
		if err := w.flush(); err != nil {
			return err
		}
		if dryRun {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		return nil
	}
	return err
}

// checkMember adds a problem when name is set and not on the team.
func checkMember(errs *csvimport.Errors, cfg *cadence.Config, file string, line int, column, name string) {
	if name == "" {
		return
	}
	if _, ok := cfg.Member(name); ok {
		return
	}
	where := "the config"
	if cfg.Path != "" {
		where = cfg.Path
	}
	errs.Add(csvimport.Problem{File: file, Line: line, Column: column,
		Problem: fmt.Sprintf("%q is not on the team in %s (add a [[team]] entry, or fix the name)", name, where)})
}

// ImportPartners adds the file's partners and updates the ones already
// there (matched by name). An empty cell never erases a stored value.
func (s *Store) ImportPartners(cfg *cadence.Config, file string, rows []csvimport.Row[cadence.Partner], dryRun bool) (ImportResult, error) {
	var res ImportResult
	err := s.importTx(dryRun, func(w *writer) error {
		var errs csvimport.Errors
		for _, row := range rows {
			p := row.Value
			checkMember(&errs, cfg, file, row.Line, "owner", p.Owner)
			old, exists := w.partner(p.Slug())
			if exists && cadence.NameKey(old.Name) != cadence.NameKey(p.Name) {
				errs.Add(csvimport.Problem{File: file, Line: row.Line, Column: "name",
					Problem: fmt.Sprintf("%q has the same ID (%s) as the stored partner %q: use that exact name, or a more distinct one", p.Name, p.Slug(), old.Name)})
				continue
			}
			if exists {
				p = mergePartner(old, p)
			}
			switch {
			case !exists:
				res.Added++
				res.Changes = append(res.Changes, fmt.Sprintf("%s:%d: add partner %s", file, row.Line, p.Name))
			case p != old:
				res.Changed++
				res.Changes = append(res.Changes, fmt.Sprintf("%s:%d: change partner %s: %s", file, row.Line, p.Name, diff(partnerFields(old), partnerFields(p))))
			default:
				res.Unchanged++
				continue
			}
			if err := w.putPartner(p); err != nil {
				errs.Add(csvimport.Problem{File: file, Line: row.Line, Column: "name", Problem: err.Error()})
			}
		}
		return errs.Err()
	})
	return res, err
}

// ImportRegistrations adds the file's registrations and updates the ones
// already there (matched by ID). Every partner must exist.
func (s *Store) ImportRegistrations(cfg *cadence.Config, file string, rows []csvimport.Row[cadence.Registration], dryRun bool) (ImportResult, error) {
	var res ImportResult
	err := s.importTx(dryRun, func(w *writer) error {
		var errs csvimport.Errors
		regs := w.tx.Bucket(bucketRegistrations)
		for _, row := range rows {
			r := row.Value
			p, ok := w.partner(cadence.Slug(r.Partner))
			if !ok {
				errs.Add(csvimport.Problem{File: file, Line: row.Line, Column: "partner",
					Problem: fmt.Sprintf("no partner %q (import it first with `cadence import partners`)", r.Partner)})
				continue
			}
			r.Partner = p.Name
			checkMember(&errs, cfg, file, row.Line, "owner", r.Owner)
			var old cadence.Registration
			exists := false
			if v := regs.Get([]byte(r.ID)); v != nil {
				stored, err := decodeRegistration(v)
				if err != nil {
					return fmt.Errorf("registration %s: %w", r.ID, err)
				}
				old, exists = stored, true
				r = mergeRegistration(old, r)
			}
			switch {
			case !exists:
				res.Added++
				res.Changes = append(res.Changes, fmt.Sprintf("%s:%d: add registration %s (%s, %s)", file, row.Line, r.ID, r.Partner, r.Account))
			case r != old:
				res.Changed++
				res.Changes = append(res.Changes, fmt.Sprintf("%s:%d: change registration %s: %s", file, row.Line, r.ID, diff(registrationFields(old), registrationFields(r))))
			default:
				res.Unchanged++
				continue
			}
			if err := r.Validate(); err != nil {
				errs.Add(csvimport.Problem{File: file, Line: row.Line, Column: "row", Problem: err.Error()})
				continue
			}
			if err := w.putRegistration(r); err != nil {
				return err
			}
		}
		return errs.Err()
	})
	return res, err
}

// ImportTouchpoints adds the file's touchpoints; one already stored (same
// partner, date, kind, direction, account and note) is left as it is.
func (s *Store) ImportTouchpoints(cfg *cadence.Config, file string, rows []csvimport.Row[cadence.Touchpoint], dryRun bool) (ImportResult, error) {
	var res ImportResult
	err := s.importTx(dryRun, func(w *writer) error {
		var errs csvimport.Errors
		for _, row := range rows {
			t := row.Value
			p, ok := w.partner(cadence.Slug(t.Partner))
			if !ok {
				errs.Add(csvimport.Problem{File: file, Line: row.Line, Column: "partner",
					Problem: fmt.Sprintf("no partner %q (import it first with `cadence import partners`)", t.Partner)})
				continue
			}
			t.Partner = p.Name
			checkMember(&errs, cfg, file, row.Line, "by", t.By)
			added, err := w.addTouchpoint(t)
			if err != nil {
				return err
			}
			if !added {
				res.Unchanged++
				continue
			}
			res.Added++
			res.Changes = append(res.Changes, fmt.Sprintf("%s:%d: add %s %s with %s on %s", file, row.Line, t.Direction, t.Kind, t.Partner, t.Date))
		}
		return errs.Err()
	})
	return res, err
}

// mergePartner lays the imported partner over the stored one: an empty
// imported field keeps the stored value.
func mergePartner(old, p cadence.Partner) cadence.Partner {
	keep(&p.Type, old.Type)
	keep(&p.Owner, old.Owner)
	keep(&p.Status, old.Status)
	keep(&p.Joined, old.Joined)
	keep(&p.Contact, old.Contact)
	keep(&p.Email, old.Email)
	keep(&p.Domain, old.Domain)
	keep(&p.Notes, old.Notes)
	keep(&p.Tier, old.Tier)
	p.Name = old.Name
	return p
}

func mergeRegistration(old, r cadence.Registration) cadence.Registration {
	keep(&r.Decided, old.Decided)
	keep(&r.Expires, old.Expires)
	keep(&r.Closed, old.Closed)
	keep(&r.Owner, old.Owner)
	return r
}

func keep[T comparable](field *T, stored T) {
	var zero T
	if *field == zero {
		*field = stored
	}
}

func partnerFields(p cadence.Partner) [][2]string {
	return [][2]string{
		{"type", string(p.Type)}, {"tier", fmt.Sprint(p.Tier)}, {"owner", p.Owner}, {"status", string(p.Status)},
		{"joined", p.Joined.String()}, {"contact", p.Contact}, {"email", p.Email}, {"domain", p.Domain}, {"notes", p.Notes},
	}
}

func registrationFields(r cadence.Registration) [][2]string {
	return [][2]string{
		{"partner", r.Partner}, {"account", r.Account}, {"amount", fmt.Sprint(r.Amount)}, {"submitted", r.Submitted.String()},
		{"status", string(r.Status)}, {"decided", r.Decided.String()}, {"expires", r.Expires.String()},
		{"closed", r.Closed.String()}, {"attribution", string(r.Attribution)}, {"owner", r.Owner},
	}
}

// diff lists the fields that differ as "field old → new".
func diff(old, cur [][2]string) string {
	var parts []string
	for i := range old {
		if old[i][1] != cur[i][1] {
			parts = append(parts, fmt.Sprintf("%s %s → %s", old[i][0], quoteEmpty(old[i][1]), quoteEmpty(cur[i][1])))
		}
	}
	return strings.Join(slices.Clip(parts), ", ")
}

func quoteEmpty(s string) string {
	if s == "" {
		return `""`
	}
	if len(s) > 40 {
		return s[:37] + "..."
	}
	return s
}
