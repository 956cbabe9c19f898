// Package store keeps cadence's data in one bbolt file.
//
// bbolt locks its file for as long as it is open, even read-only, so a Store
// holds the file only while a transaction runs: every call opens it, runs one
// transaction and closes it again. That is what lets `cadence flags` run in one
// terminal while the app is open in another. Other processes' changes are
// noticed through Stamp, which is cheap enough to poll. A command that only
// reads and exits opens its Store ReadOnly instead: the file is mapped once,
// and a writer elsewhere waits the few milliseconds until Close.
package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// ErrLocked is returned when another process holds the file longer than the
// lock timeout.
var ErrLocked = errors.New("database is in use by another cadence process (close it or wait for it to finish, then try again)")

// ErrNoDatabase is returned by Open without Create when the file does not
// exist.
var ErrNoDatabase = errors.New("no database")

// ErrNotEmpty is returned by Restore and demo writes into a database that
// already holds data.
var ErrNotEmpty = errors.New("database is not empty")

// Options say how to open a Store.
type Options struct {
	// Create makes the file (mode 0600) and its parent directories when
	// they do not exist. Without it a missing file is ErrNoDatabase.
	Create bool
	// Timeout is how long to wait for another process's lock; 0 means 3s.
	Timeout time.Duration
	// ReadOnly keeps the file open read-only from Open (after any schema
	// upgrade) until Close, for a caller that only reads and then exits;
	// its writes fail.
	ReadOnly bool
}

// Store is a cadence database file.
type Store struct {
	path    string
	timeout time.Duration
	// mu orders this process's own transactions: a writer waiting for the
	// file is not starved by this process's readers taking turns on the
	// shared lock (sync.RWMutex holds new readers back behind a waiting
	// writer). Other processes are ordered by bbolt's file lock.
	mu sync.RWMutex
	// embedded is the config stored in the file, read when it was opened.
	embedded string
	readOnly bool
	held     *bolt.DB // a ReadOnly Store's open file, nil once closed
}

// errReadOnly is returned by the writes of a Store opened ReadOnly.
var errReadOnly = errors.New("the database was opened read-only")

// Open checks that path is a cadence database of a version this build
// understands, creating or upgrading it as needed, and returns a Store for
// it. It does not keep the file open, unless opt.ReadOnly.
func Open(path string, opt Options) (*Store, error) {
	s := &Store{path: path, timeout: opt.Timeout, readOnly: opt.ReadOnly}
	if s.timeout == 0 {
		s.timeout = 3 * time.Second
	}
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if !opt.Create {
			return nil, fmt.Errorf("%s: %w (create one with `cadence demo --db %s` or `cadence import`, or open the app)", path, ErrNoDatabase, path)
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("create database directory: %w", err)
		}
	case err != nil:
		return nil, fmt.Errorf("database %s: %w", path, err)
	case info.IsDir():
		return nil, fmt.Errorf("database %s is a directory, not a file", path)
	}
	if s.readOnly && info != nil && info.Size() > 0 {
		// Mapped once: the version is read through the open the reads use.
		if s.held, err = s.open(true); err != nil {
			return nil, err
		}
	}
	version, err := s.schemaVersion()
	switch {
	case err != nil:
	case version > currentVersion:
		err = fmt.Errorf("%s was written by a newer cadence (schema version %d; this build reads up to %d): upgrade cadence; the file was not changed", path, version, currentVersion)
	case version < currentVersion:
		s.Close()
		if err = s.migrate(version); err == nil && s.readOnly {
			s.held, err = s.open(true)
		}
	}
	if err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Close closes the file of a Store opened ReadOnly; for any other Store it
// does nothing, as the file is open only during each call.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.held == nil {
		return nil
	}
	err := s.held.Close()
	s.held = nil
	return err
}

// Path returns the database file's path.
func (s *Store) Path() string { return s.path }

// schemaVersion reads the file's schema version without changing it: 0 for
// a missing or empty file (which migrate will initialise).
func (s *Store) schemaVersion() (uint64, error) {
	info, err := os.Stat(s.path)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && info.Size() == 0) {
		return 0, nil
	}
	var version uint64
	err = s.view(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			empty := true
			_ = tx.ForEach(func([]byte, *bolt.Bucket) error { empty = false; return nil })
			if empty {
				return nil
			}
			return fmt.Errorf("%s is a bbolt file but not a cadence database (it has no meta bucket); the file was not changed", s.path)
		}
		v := meta.Get(schemaVersionKey)
		if len(v) != 8 {
			return fmt.Errorf("%s is not a cadence database (no schema version); the file was not changed", s.path)
		}
		version = binary.BigEndian.Uint64(v)
		s.embedded = string(meta.Get(embeddedConfigKey))
		return nil
	})
	return version, err
}

// open opens the file, mapping bbolt's errors to ones a user can act on.
func (s *Store) open(readOnly bool) (*bolt.DB, error) {
	db, err := bolt.Open(s.path, 0o600, &bolt.Options{
		Timeout:  s.timeout,
		ReadOnly: readOnly,
	})
	switch {
	case err == nil:
		return db, nil
	case errors.Is(err, bolterrors.ErrTimeout):
		return nil, fmt.Errorf("%s: %w", s.path, ErrLocked)
	case errors.Is(err, bolterrors.ErrInvalid), errors.Is(err, bolterrors.ErrVersionMismatch),
		errors.Is(err, bolterrors.ErrChecksum), errors.Is(err, bolterrors.ErrInvalidMapping):
		return nil, fmt.Errorf("%s is not a cadence database or is damaged (%v); the file was not changed", s.path, err)
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("%s: %w", s.path, ErrNoDatabase)
	default:
		return nil, fmt.Errorf("open database %s: %w", s.path, err)
	}
}

// view runs fn in a read transaction on a read-only open of the file.
func (s *Store) view(fn func(tx *bolt.Tx) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.readOnly {
		if s.held == nil {
			return fmt.Errorf("%s: the database was closed", s.path)
		}
		return s.held.View(fn)
	}
	db, err := s.open(true)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.View(fn)
}

// update runs fn in a write transaction and bumps the generation so other
// processes notice the change.
func (s *Store) update(fn func(tx *bolt.Tx) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.readOnly {
		return fmt.Errorf("%s: %w", s.path, errReadOnly)
	}
	db, err := s.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Update(func(tx *bolt.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		return bumpGeneration(tx)
	})
}

func bumpGeneration(tx *bolt.Tx) error {
	meta := tx.Bucket(bucketMeta)
	return meta.Put(generationKey, u64(getU64(meta, generationKey)+1))
}

// Stamp identifies the file's current content cheaply (size and time of the
// last write), so a caller can poll it and reload only when it changes.
type Stamp struct {
	Size    int64
	ModTime time.Time
}

// Stamp returns the file's current Stamp.
func (s *Store) Stamp() (Stamp, error) {
	info, err := os.Stat(s.path)
	if err != nil {
		return Stamp{}, err
	}
	return Stamp{info.Size(), info.ModTime()}, nil
}

// Generation returns the count of write transactions the file has seen.
func (s *Store) Generation() (uint64, error) {
	var g uint64
	err := s.view(func(tx *bolt.Tx) error {
		g = getU64(tx.Bucket(bucketMeta), generationKey)
		return nil
	})
	return g, err
}

// Check runs bbolt's consistency check over the whole file.
func (s *Store) Check() error {
	return s.view(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			return err
		}
		return nil
	})
}

// EmbeddedConfig returns the config TOML stored in the file by `cadence
// demo` (as it was when the Store was opened), or "" when there is none. It
// is used only when no config file exists, so a demo database works on its
// own.
func (s *Store) EmbeddedConfig() (string, error) { return s.embedded, nil }

// Empty reports whether the database holds no partners, registrations,
// touchpoints or meeting records.
func (s *Store) Empty() (bool, error) {
	empty := true
	err := s.view(func(tx *bolt.Tx) error {
		empty = isEmpty(tx)
		return nil
	})
	return empty, err
}

func isEmpty(tx *bolt.Tx) bool {
	for _, name := range [][]byte{bucketPartners, bucketRegistrations, bucketTouchpoints, bucketMeetings} {
		if b := tx.Bucket(name); b != nil {
			if k, _ := b.Cursor().First(); k != nil {
				return false
			}
		}
	}
	return true
}

func u64(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}

func getU64(b *bolt.Bucket, key []byte) uint64 {
	v := b.Get(key)
	if len(v) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(v)
}

// nextID returns the next value of the counter at key (1 on first use).
func nextID(tx *bolt.Tx, key []byte) (uint64, error) {
	meta := tx.Bucket(bucketMeta)
	n := getU64(meta, key) + 1
	return n, meta.Put(key, u64(n))
}
