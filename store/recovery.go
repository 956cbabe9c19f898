package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"partnercadence/cadence"
)

// Recovery is meeting changes that could not be written to the database
// (it was held by another process, read-only or full) when the app had to
// end, kept in a file beside the database until they are saved.
type Recovery struct {
	Path    string // the file
	Written time.Time
	By      string // the member whose changes they are ("" when unknown)
	Changes []cadence.MeetingChange
}

// recoveryFormat names the file format; a newer version is refused.
const (
	recoveryFormat  = "cadence-recovery"
	recoveryVersion = 1
)

type recoveryJSON struct {
	Format  string       `json:"format"`
	Version int          `json:"version"`
	Written time.Time    `json:"written"`
	By      string       `json:"by,omitempty"`
	Changes []changeJSON `json:"changes"`
}

type changeJSON struct {
	Meeting string     `json:"meeting"`
	What    string     `json:"what"`
	Edits   []editJSON `json:"edits"`
}

type editJSON struct {
	Kind         cadence.EditKind      `json:"kind"`
	Field        cadence.TextField     `json:"field,omitempty"`
	BaseRev      int                   `json:"base_rev,omitempty"`
	Base         string                `json:"base,omitempty"`
	Text         string                `json:"text,omitempty"`
	Status       cadence.MeetingStatus `json:"status,omitempty"`
	At           time.Time             `json:"at,omitzero"`
	Satisfaction int                   `json:"satisfaction,omitempty"`
	Action       *actionJSON           `json:"action,omitempty"`
}

// recoveryBases are where the recovery files of the database at path go:
// beside it, else (a directory that cannot be written) in the user's cache
// directory under a name made of the database's absolute path.
func recoveryBases(path string) []string {
	bases := []string{path}
	if abs, err := filepath.Abs(path); err == nil {
		if cache, err := os.UserCacheDir(); err == nil {
			bases = append(bases, filepath.Join(cache, "cadence", "recovery", strings.ReplaceAll(strings.TrimPrefix(abs, "/"), "/", "%")))
		}
	}
	return bases
}

// WriteRecovery writes changes to a new recovery file beside the database:
// mode 0600 (it holds meeting notes), written whole or not at all. It
// returns the file's path.
func (s *Store) WriteRecovery(by string, at time.Time, changes []cadence.MeetingChange) (string, error) {
	doc := recoveryJSON{Format: recoveryFormat, Version: recoveryVersion, Written: at.UTC(), By: by}
	for _, c := range changes {
		cj := changeJSON{Meeting: c.Meeting, What: c.What}
		for _, e := range c.Edits {
			ej := editJSON{
				Kind: e.Kind, Field: e.Field, BaseRev: e.Base.Rev, Base: e.Base.Text, Text: e.Text,
				Status: e.Status, At: e.At, Satisfaction: e.Satisfaction,
			}
			if e.Action != (cadence.ActionItem{}) {
				a := actionJSON(e.Action)
				ej.Action = &a
			}
			cj.Edits = append(cj.Edits, ej)
		}
		doc.Changes = append(doc.Changes, cj)
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return "", err
	}
	var errs []error
	for _, base := range recoveryBases(s.path) {
		path, err := writeNew(fmt.Sprintf("%s.recovery-%s-%d.json", base, at.UTC().Format("20060102T150405"), os.Getpid()), append(b, '\n'))
		if err == nil {
			return path, nil
		}
		errs = append(errs, err)
	}
	return "", fmt.Errorf("write recovery file: %w", errors.Join(errs...))
}

// writeNew writes b to a new file at path (mode 0600; its directory is
// made when missing), whole or not at all, never replacing a file.
func writeNew(path string, b []byte) (string, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(dir, ".cadence-recovery-*") // 0600
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(b)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", err
	}
	for i := 0; ; i++ {
		p := path
		if i > 0 {
			p = strings.TrimSuffix(path, ".json") + fmt.Sprintf("-%d.json", i)
		}
		err := os.Link(tmp.Name(), p) // unlike a rename, never replaces a file
		if !errors.Is(err, os.ErrExist) {
			return p, err
		}
	}
}

// Recoveries reads the recovery files beside the database, oldest first.
func (s *Store) Recoveries() ([]Recovery, error) {
	var paths []string
	for _, base := range recoveryBases(s.path) {
		found, err := filepath.Glob(base + ".recovery-*.json")
		if err != nil {
			return nil, err
		}
		paths = append(paths, found...)
	}
	var out []Recovery
	var errs []error
	for _, p := range paths {
		r, err := readRecovery(p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, r)
	}
	slices.SortStableFunc(out, func(a, b Recovery) int { return a.Written.Compare(b.Written) })
	return out, errors.Join(errs...)
}

func readRecovery(path string) (Recovery, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Recovery{}, err
	}
	var doc recoveryJSON
	if err := json.Unmarshal(b, &doc); err != nil {
		return Recovery{}, fmt.Errorf("recovery file %s: %w (it was left as it is)", path, err)
	}
	if doc.Format != recoveryFormat || doc.Version < 1 || doc.Version > recoveryVersion {
		return Recovery{}, fmt.Errorf("recovery file %s: not a cadence recovery file of a version this build reads (it was left as it is)", path)
	}
	r := Recovery{Path: path, Written: doc.Written, By: doc.By}
	for _, cj := range doc.Changes {
		c := cadence.MeetingChange{Meeting: cj.Meeting, What: cj.What}
		for _, ej := range cj.Edits {
			e := cadence.MeetingEdit{
				Kind: ej.Kind, Field: ej.Field, Base: cadence.TextVersion{Rev: ej.BaseRev, Text: ej.Base}, Text: ej.Text,
				Status: ej.Status, At: ej.At, Satisfaction: ej.Satisfaction,
			}
			if ej.Action != nil {
				e.Action = cadence.ActionItem(*ej.Action)
			}
			c.Edits = append(c.Edits, e)
		}
		r.Changes = append(r.Changes, c)
	}
	return r, nil
}

// RemoveRecovery removes a recovery file whose changes were saved (or that
// the user chose to discard).
func RemoveRecovery(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}
