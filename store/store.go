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
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
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

// ErrDamaged is wrapped by every error about a file that is damaged, cut
// short, empty, or not a cadence database at all (see DamageError), so
// callers can tell it from a lock or a missing file.
var ErrDamaged = errors.New("not a usable cadence database")

// ErrNewer is wrapped by the error about a file written by a newer cadence.
var ErrNewer = errors.New("written by a newer cadence")

// DamageError says what is wrong with a database file and what to do. It
// wraps ErrDamaged. cadence never writes to such a file.
type DamageError struct {
	Path    string
	Problem string // what is wrong, in words
	Hint    string // what to do; "" gives the usual advice
}

func (e *DamageError) Error() string {
	hint := e.Hint
	if hint == "" {
		hint = fmt.Sprintf("`cadence doctor --db %s` says what is wrong; to recover, copy back a backup of it (`cadence backup` makes them) or restore an export into a new file (`cadence restore FILE.json --db NEW.db`)", e.Path)
	}
	return fmt.Sprintf("%s is not a cadence database or is damaged: %s; the file was not changed. %s", e.Path, e.Problem, hint)
}

// Unwrap makes errors.Is(err, ErrDamaged) hold.
func (e *DamageError) Unwrap() error { return ErrDamaged }

func (s *Store) damaged(problem string) error { return &DamageError{Path: s.path, Problem: problem} }

// emptyFile is the error for a file of 0 bytes: not a database, and not
// one cadence made (it builds a new database beside its place and moves
// it in whole), so it is not taken for a new one either.
func emptyFile(path string) error {
	return &DamageError{Path: path, Problem: "it is empty (0 bytes)", Hint: fmt.Sprintf(
		"If it should hold your data, that was lost before cadence opened it: copy back a backup, or `cadence restore FILE.json --db %s` (restore fills an empty file). To start a new database, remove the empty file or name one that does not exist.", path)}
}

// Options say how to open a Store.
type Options struct {
	// Create makes the file (mode 0600) and its parent directories when
	// they do not exist. Without it a missing file is ErrNoDatabase.
	Create bool
	// Timeout is how long to wait for another process's lock; 0 means 3s.
	Timeout time.Duration
	// ReadOnly keeps the file open read-only from Open until Close, for a
	// caller that only reads and then exits; its writes fail. It never
	// writes the file, not even to upgrade it: a file of an older schema
	// is read through a private upgraded copy (see OlderSchema).
	ReadOnly bool
	// UpgradeOnWrite, for a caller that may or may not write (an import,
	// which writes nothing when a row is bad or with --dry-run), leaves a
	// file of an older schema as it is until the Store's first write: it
	// is read through an upgraded copy as with ReadOnly, and upgraded in
	// place just before that write.
	UpgradeOnWrite bool
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
	// olderSchema is the file's schema version when a ReadOnly Store
	// reads it through an upgraded copy (held is then that copy), else 0.
	olderSchema uint64
	// upgradeOnWrite: the first write upgrades the file, then reads and
	// writes go to it (Options.UpgradeOnWrite); until then the Store
	// reads the upgraded copy, as a ReadOnly one.
	upgradeOnWrite bool
	// scratch marks the Store of a private copy no one keeps: its writes
	// are not synced to disk.
	scratch bool
	// copyPath is the upgraded copy's file while it still has a name
	// (only where an open file cannot be removed); Close removes it.
	copyPath string
	// changes is closed and replaced after every committed write.
	changes changes
}

// errReadOnly is returned by the writes of a Store opened ReadOnly.
var errReadOnly = errors.New("the database was opened read-only")

// Open checks that path is a cadence database of a version this build
// understands, creating (opt.Create) or upgrading it as needed, and returns
// a Store for it. It does not keep the file open, unless opt.ReadOnly.
//
// Only a missing file is ever created, whole (see create): an empty file, a
// damaged one or another program's is refused with a DamageError and left
// as it is. Open checks what it can without reading the whole file — both
// meta pages sound, the file as long as they say — so it costs the same on
// any size of database; Check and Doctor read everything.
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
		if err := create(path); err != nil {
			return nil, err
		}
	case err != nil:
		return nil, fmt.Errorf("database %s: %w", path, err)
	default:
		if err := regularFile(path, info); err != nil {
			return nil, err
		}
	}
	err = s.guard(func() error {
		var err error
		if s.readOnly {
			// Mapped once: the version is read through the open the reads use.
			if s.held, err = s.open(true); err != nil {
				return err
			}
		}
		version, err := s.schemaVersion()
		switch {
		case err != nil:
			return err
		case version < currentVersion && s.readOnly:
			err = s.readUpgraded(version)
		case version < currentVersion && opt.UpgradeOnWrite:
			if s.held, err = s.open(true); err != nil {
				return err
			}
			if err = s.readUpgraded(version); err == nil {
				// Reads go to the copy until the first write.
				s.readOnly, s.upgradeOnWrite = true, true
			}
		case version < currentVersion:
			err = s.migrate(version)
		}
		return err
	})
	if err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// readUpgraded makes a Store whose file has the older schema version, and
// is held read-only in s.held, read a private copy of it upgraded to the
// current one, so a command that only reads never writes the file. The
// copy is taken while s.held holds the file (its shared lock keeps writers
// out meanwhile), into a new 0600 file in the system's temporary
// directory, upgraded there, opened read-only and removed at once: the
// open file stays readable until Close, and a crash leaves nothing behind.
func (s *Store) readUpgraded(version uint64) error {
	f, err := os.CreateTemp("", "cadence-upgraded-copy-*.db")
	if err != nil {
		return fmt.Errorf("read %s (schema version %d) through an upgraded copy: %w", s.path, version, err)
	}
	tmp := f.Name()
	defer func() {
		if err := os.Remove(tmp); err != nil && s.held != nil {
			s.copyPath = tmp // an open file that cannot be removed: on Close
		}
	}()
	// s.held holds the file's shared lock, which every writer's exclusive
	// one waits for: the file as it is on disk is consistent, and copied
	// whole it is copied in the kernel (copy_file_range).
	src, err := os.Open(s.path)
	if err == nil {
		_, err = io.Copy(f, src)
		src.Close()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	// The file itself is let go now: a writer elsewhere need not wait
	// while the copy is upgraded.
	s.held.Close()
	s.held = nil
	if err == nil {
		c := &Store{path: tmp, timeout: s.timeout, scratch: true}
		if err = c.migrate(version); err == nil {
			s.held, err = c.open(true)
		}
	}
	if err != nil {
		return fmt.Errorf("read %s (schema version %d) through an upgraded copy: %w", s.path, version, err)
	}
	s.olderSchema = version
	return nil
}

// OlderSchema reports, for a Store opened ReadOnly (or UpgradeOnWrite,
// until its first write) on a file of an older schema, the file's version
// and the one this build writes: such a Store reads a private upgraded
// copy and leaves the file as it is, until a write open (the app, any
// change) upgrades it.
func (s *Store) OlderSchema() (file, current uint64, ok bool) {
	return s.olderSchema, currentVersion, s.olderSchema != 0
}

// regularFile refuses what cannot be a database: a directory, a device, an
// empty file.
func regularFile(path string, info fs.FileInfo) error {
	switch {
	case info.IsDir():
		return &DamageError{Path: path, Problem: "it is a directory, not a file", Hint: "Name the database file itself (--db FILE)."}
	case !info.Mode().IsRegular():
		return &DamageError{Path: path, Problem: fmt.Sprintf("it is not a regular file (%v)", info.Mode().Type()), Hint: "Name the database file itself (--db FILE)."}
	case info.Size() == 0:
		return emptyFile(path)
	}
	return nil
}

// create makes a new, empty database at path, whole or not at all: it is
// built in a temporary file beside path (bbolt's header, then the schema)
// and linked into place, so a crash never leaves an empty or half-made file
// there, and a file that appeared meanwhile — another process creating the
// same database — is never replaced.
func create(path string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create database %s: %w", path, err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".new-*")
	if err != nil {
		return fmt.Errorf("create database %s: %w", path, err)
	}
	tmp := f.Name()
	f.Close()
	defer os.Remove(tmp)
	db, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: time.Second})
	if err == nil {
		err = db.Close()
	}
	if err == nil {
		t := &Store{path: tmp, timeout: time.Second}
		err = t.migrate(0)
	}
	if err != nil {
		return fmt.Errorf("create database %s: %w", path, err)
	}
	if err := os.Link(tmp, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil // made meanwhile by another process: Open checks theirs
		}
		// A file system without hard links: move it, unless the file
		// appeared meanwhile.
		if _, serr := os.Lstat(path); serr == nil {
			return nil
		}
		if err := os.Rename(tmp, path); err != nil {
			return fmt.Errorf("create database %s: %w", path, err)
		}
	}
	// The new name is durable once the directory is; a file system that
	// cannot sync a directory keeps it as durable as it can.
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// Close closes the file of a Store opened ReadOnly; for any other Store it
// does nothing, as the file is open only during each call.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closeHeld()
}

// closeHeld closes the held file, s.mu held.
func (s *Store) closeHeld() error {
	if s.held == nil {
		return nil
	}
	err := s.held.Close()
	s.held = nil
	if s.copyPath != "" {
		if rerr := os.Remove(s.copyPath); err == nil {
			err = rerr
		}
		s.copyPath = ""
	}
	return err
}

// Path returns the database file's path.
func (s *Store) Path() string { return s.path }

// schemaVersion reads the file's schema version without changing it.
func (s *Store) schemaVersion() (uint64, error) {
	var version uint64
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		version, err = readSchema(tx, s.path)
		if err == nil {
			s.embedded = string(tx.Bucket(bucketMeta).Get(embeddedConfigKey))
		}
		return err
	})
	return version, err
}

// readSchema reads the schema version of the file at path. A file with no
// schema version is not a cadence database: create makes every new one
// with its schema in place before it has a name.
func readSchema(tx *bolt.Tx, path string) (uint64, error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		empty := true
		_ = tx.ForEach(func([]byte, *bolt.Bucket) error { empty = false; return nil })
		if empty {
			return 0, &DamageError{Path: path, Problem: "it is a bbolt file with nothing in it, not a cadence database (another program's, or one an older cadence began and did not finish)",
				Hint: "If nothing of yours is in it, remove it and run the command again."}
		}
		return 0, &DamageError{Path: path, Problem: "it is a bbolt file but not a cadence database (it has no meta bucket)", Hint: "Name your cadence database (--db FILE)."}
	}
	v := meta.Get(schemaVersionKey)
	if len(v) != 8 || binary.BigEndian.Uint64(v) == 0 {
		return 0, &DamageError{Path: path, Problem: "it has no schema version"}
	}
	version := binary.BigEndian.Uint64(v)
	if version > currentVersion {
		return version, fmt.Errorf("%s was %w (schema version %d; this build reads up to %d): upgrade cadence; the file was not changed", path, ErrNewer, version, currentVersion)
	}
	return version, nil
}

// errEmpty is open's signal that the file it opened has 0 bytes.
var errEmpty = errors.New("empty file")

// open opens the file, mapping bbolt's errors to ones a user can act on. It
// never creates or initialises a file — bbolt would make a new database of
// a missing or empty one — and refuses a file whose meta pages are not
// both sound or that is shorter than they say (see readMetas).
func (s *Store) open(readOnly bool) (db *bolt.DB, err error) {
	var file *os.File
	openFile := func(name string, flag int, perm os.FileMode) (*os.File, error) {
		f, err := os.OpenFile(name, flag&^os.O_CREATE, perm)
		if err != nil {
			return nil, err
		}
		if info, err := f.Stat(); err == nil && info.Size() == 0 {
			f.Close()
			return nil, errEmpty
		}
		file = f
		return f, nil
	}
	defer func() {
		// bbolt panics on a page that is not what it expects, for one when
		// it loads the freelist of a file opened for writing.
		if r := recover(); r != nil {
			if file != nil {
				file.Close()
			}
			db, err = nil, s.damaged(fmt.Sprintf("opening it failed (%v)", r))
		}
	}()
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	db, err = bolt.Open(s.path, 0o600, &bolt.Options{
		Timeout:    s.timeout,
		ReadOnly:   readOnly,
		NoSync:     s.scratch,
		NoGrowSync: s.scratch,
		OpenFile:   openFile,
	})
	switch {
	case err == nil:
	case errors.Is(err, bolterrors.ErrTimeout):
		return nil, fmt.Errorf("%s: %w", s.path, ErrLocked)
	case errors.Is(err, errEmpty):
		return nil, emptyFile(s.path)
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("%s: %w", s.path, ErrNoDatabase)
	case errors.Is(err, fs.ErrPermission) && !readOnly:
		return nil, fmt.Errorf("cannot write to %s: %w: the file is read-only to you; make it writable (chmod u+w %s) or run cadence as its owner; the file was not changed", s.path, fs.ErrPermission, s.path)
	case errors.Is(err, fs.ErrPermission):
		return nil, fmt.Errorf("cannot read %s: %w: run cadence as the file's owner, or make it readable to you (chmod u+r %s)", s.path, fs.ErrPermission, s.path)
	case errors.Is(err, syscall.EROFS):
		return nil, fmt.Errorf("cannot write to %s: it is on a read-only file system; the file was not changed", s.path)
	default:
		// What bbolt refuses for the file's content (no header, bad
		// checksums, too small for its pages) is damage: say which.
		problem := ""
		if f, oerr := os.Open(s.path); oerr == nil {
			_, problem = fileMetaOf(f)
			f.Close()
		}
		if problem == "" && !errors.Is(err, bolterrors.ErrInvalid) && !errors.Is(err, bolterrors.ErrVersionMismatch) &&
			!errors.Is(err, bolterrors.ErrChecksum) && !strings.Contains(err.Error(), "file size too small") {
			return nil, fmt.Errorf("open database %s: %w", s.path, err)
		}
		if problem == "" {
			problem = err.Error()
		}
		return nil, s.damaged(problem)
	}
	if _, bad := fileMetaOf(file); bad != "" {
		db.Close()
		return nil, s.damaged(bad)
	}
	return db, nil
}

// guard runs fn, turning a panic into the damage error. bbolt reads pages
// straight from its memory map and panics on one that is not what its
// parent says ("page expected to be …"), and a damaged page can point a read
// outside the file, which faults: both are recovered here, at the store's
// edge, so a damaged file gives a message and exit 1, never a crash.
func (s *Store) guard(fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = s.damaged(panicWords(r))
		}
	}()
	return fn()
}

// panicWords says what a recovered panic from reading the file means.
func panicWords(r any) string {
	msg := fmt.Sprint(r)
	var want, got uint64
	if _, err := fmt.Sscanf(msg, "assertion failed: Page expected to be: %d, but self identifies as %d", &want, &got); err == nil {
		if got == 0 {
			return fmt.Sprintf("page %d is not a page of the database (it is zeroed, or something else was written over it)", want)
		}
		return fmt.Sprintf("page %d is not the page it should be (it says it is page %d)", want, got)
	}
	if e, ok := r.(runtime.Error); ok && strings.Contains(e.Error(), "fault") {
		return fmt.Sprintf("a damaged page points outside the file (%v)", e)
	}
	return fmt.Sprintf("reading it failed (%s)", msg)
}

// view runs fn in a read transaction on a read-only open of the file.
func (s *Store) view(fn func(tx *bolt.Tx) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.readOnly {
		if s.held == nil {
			return fmt.Errorf("%s: the database was closed", s.path)
		}
		return s.guard(func() error { return s.held.View(fn) })
	}
	return s.guard(func() error {
		db, err := s.open(true)
		if err != nil {
			return err
		}
		defer db.Close()
		return db.View(fn)
	})
}

// viewFile runs fn in a read transaction of the file itself, as it is on
// disk: for a Store that reads an upgraded copy (OlderSchema), a
// read-only open of the file for that transaction, else view.
func (s *Store) viewFile(fn func(tx *bolt.Tx) error) error {
	if s.olderSchema == 0 {
		return s.view(fn)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.guard(func() error {
		db, err := s.open(true)
		if err != nil {
			return err
		}
		defer db.Close()
		return db.View(fn)
	})
}

// update runs fn in a write transaction and bumps the generation so other
// processes notice the change. A panic inside rolls the transaction back
// (bbolt's Update does) before guard turns it into an error.
func (s *Store) update(fn func(tx *bolt.Tx) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.readOnly && !s.upgradeOnWrite {
		return fmt.Errorf("%s: %w", s.path, errReadOnly)
	}
	if s.upgradeOnWrite {
		if err := s.guard(func() error { return s.migrate(s.olderSchema) }); err != nil {
			return err
		}
		s.closeHeld()
		s.readOnly, s.upgradeOnWrite, s.olderSchema = false, false, 0
	}
	return s.guard(func() error {
		db, err := s.open(false)
		if err != nil {
			return err
		}
		defer db.Close()
		err = db.Update(func(tx *bolt.Tx) error {
			if err := fn(tx); err != nil {
				return err
			}
			return bumpGeneration(tx)
		})
		if err == nil {
			s.changes.committed()
		}
		return err
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

// Check reads the whole file and checks it as Doctor does (every page,
// bbolt's own check, every index and summary against the records), except
// for what depends on the config. It returns nil, or an error wrapping
// ErrDamaged that lists what is wrong.
func (s *Store) Check() error {
	r, err := s.report(nil)
	if err != nil {
		return err
	}
	return r.Err()
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
