package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	bolt "go.etcd.io/bbolt"

	"partnercadence/cadence"
)

// toVersion1 turns s's file into one of schema version 1, the first
// migration's: no index of registrations by owner or of open ones by
// account, partners_by_owner carrying nothing, and one unregistered intro
// per partner and account, the earliest.
func toVersion1(t *testing.T, s *Store) {
	t.Helper()
	err := s.update(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketRegByOwner, bucketRegOpenByAccount} {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
		b := tx.Bucket(bucketPartnersByOwner)
		var keys [][]byte
		_ = b.ForEach(func(k, _ []byte) error { keys = append(keys, bytes.Clone(k)); return nil })
		for _, k := range keys {
			if err := b.Put(k, nil); err != nil {
				return err
			}
		}
		earliest := map[string][]byte{} // partner slug 0 account key → intro
		err := tx.Bucket(bucketIntros).ForEach(func(k, v []byte) error {
			key := k
			if i := bytes.IndexByte(k, 0); i >= 0 {
				if j := bytes.IndexByte(k[i+1:], 0); j >= 0 {
					key = k[:i+1+j]
				}
			}
			if old, ok := earliest[string(key)]; ok {
				a, _ := decode[cadence.Intro](old)
				b, _ := decode[cadence.Intro](v)
				if !b.Date.Before(a.Date) {
					return nil
				}
			}
			earliest[string(key)] = bytes.Clone(v)
			return nil
		})
		if err != nil {
			return err
		}
		if err := tx.DeleteBucket(bucketIntros); err != nil {
			return err
		}
		intros, err := tx.CreateBucket(bucketIntros)
		if err != nil {
			return err
		}
		for k, v := range earliest {
			if err := intros.Put([]byte(k), v); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(schemaVersionKey, u64(1))
	})
	if err != nil {
		t.Fatal(err)
	}
}

// fileBytes is a file's bytes and modification time.
type fileBytes struct {
	data    []byte
	modTime time.Time
}

func bytesOf(t *testing.T, path string) fileBytes {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fileBytes{data, info.ModTime()}
}

func (f fileBytes) same(o fileBytes) bool {
	return bytes.Equal(f.data, o.data) && f.modTime.Equal(o.modTime)
}

// emptyDir fails the test when dir holds anything.
func emptyDir(t *testing.T, dir, when string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("%s: %s is left in the temporary directory", when, e.Name())
	}
}

// readAll is what the read-only commands read: the flags, the partners'
// activity, the open actions and the export (every record).
type readAll struct {
	Flags    []cadence.Flag
	Activity []cadence.PartnerActivity
	Actions  []cadence.ActionItem
	Export   string
}

func readEverything(t *testing.T, s *Store, cfg *cadence.Config, now time.Time) readAll {
	t.Helper()
	in, err := s.FlagInput(cfg, now)
	if err != nil {
		t.Fatal(err)
	}
	activity, err := s.Activity()
	if err != nil {
		t.Fatal(err)
	}
	actions, err := s.OpenActions()
	if err != nil {
		t.Fatal(err)
	}
	var export bytes.Buffer
	if err := s.Export(&export); err != nil {
		t.Fatal(err)
	}
	return readAll{cadence.Flags(in), activity, actions, export.String()}
}

// A read-only open of a file of an older schema reads it through a
// private upgraded copy: the file keeps its bytes and its modification
// time, no copy is left in the temporary directory (not even while the
// Store is open), and what it reads is what the same file upgraded by a
// write open reads.
func TestReadOnlyOpenOfOlderFileWritesNothing(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	s, cfg, now := demoStore(t)
	toVersion1(t, s)
	path := s.Path()
	before := bytesOf(t, path)
	// The file's mtime has a resolution: a write in the same tick would
	// not show in it, the bytes compared would.
	time.Sleep(20 * time.Millisecond)

	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if file, current, ok := ro.OlderSchema(); !ok || file != 1 || current != currentVersion {
		t.Errorf("OlderSchema() = %d, %d, %v; want 1, %d, true", file, current, ok, currentVersion)
	}
	emptyDir(t, tmp, "while the read-only Store is open")
	got := readEverything(t, ro, cfg, now)
	if len(got.Flags) == 0 || len(got.Activity) == 0 || len(got.Actions) == 0 {
		t.Fatalf("the upgraded copy reads %d flags, %d partners, %d open actions", len(got.Flags), len(got.Activity), len(got.Actions))
	}
	if err := ro.Close(); err != nil {
		t.Fatal(err)
	}
	emptyDir(t, tmp, "after Close")
	if !bytesOf(t, path).same(before) {
		t.Fatal("a read-only open changed the file of schema version 1")
	}

	rw, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if v, err := rw.schemaVersion(); err != nil || v != currentVersion {
		t.Fatalf("a write open left schema version %d (%v), want %d", v, err, currentVersion)
	}
	if _, _, ok := rw.OlderSchema(); ok {
		t.Error("a write open says it reads an older schema after upgrading the file")
	}
	if bytesOf(t, path).same(before) {
		t.Fatal("a write open did not upgrade the file")
	}
	if err := rw.Check(); err != nil {
		t.Fatalf("the upgraded file: %v", err)
	}
	want := readEverything(t, rw, cfg, now)
	sameDate := cmp.Comparer(func(x, y cadence.Date) bool { return x == y })
	if diff := cmp.Diff(want, got, sameDate); diff != "" {
		t.Errorf("read through the upgraded copy vs the upgraded file (-file +copy):\n%s", diff)
	}
}

// A read-only open of an older file that a writer holds waits and fails as
// any read-only open does (ErrLocked), leaving the file and the
// temporary directory as they were.
func TestReadOnlyOpenOfOlderFileWhileLocked(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	s, _, _ := demoStore(t)
	toVersion1(t, s)
	before := bytesOf(t, s.Path())
	held, err := bolt.Open(s.Path(), 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(s.Path(), Options{ReadOnly: true, Timeout: 100 * time.Millisecond})
	if !errors.Is(err, ErrLocked) {
		t.Errorf("read-only open of a held older file: %v, want ErrLocked", err)
	}
	if err := held.Close(); err != nil {
		t.Fatal(err)
	}
	emptyDir(t, tmp, "after the locked open")
	if !bytesOf(t, s.Path()).same(before) {
		t.Error("the locked open changed the file")
	}
}

// A backup made through a Store that reads an upgraded copy is a copy of
// the file itself, at its own schema version.
func TestBackupOfOlderFileKeepsItsSchema(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	s, _, _ := demoStore(t)
	toVersion1(t, s)
	before := bytesOf(t, s.Path())
	ro, err := Open(s.Path(), Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	target := filepath.Join(t.TempDir(), "backup.db")
	if err := ro.Backup(target); err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(target, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var version uint64
	db.View(func(tx *bolt.Tx) error {
		version = binary.BigEndian.Uint64(tx.Bucket(bucketMeta).Get(schemaVersionKey))
		return nil
	})
	if version != 1 {
		t.Errorf("the backup has schema version %d, want the file's 1", version)
	}
	if !bytesOf(t, s.Path()).same(before) {
		t.Error("the backup changed the file")
	}
}
