package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"partnercadence/cadence"
)

// bigStore is a test store whose partners fill pages of their own (a small
// bucket is stored inside its parent's page), with touchpoints,
// registrations, a meeting record with actions and intros.
func bigStore(t *testing.T) (*Store, *cadence.Config) {
	t.Helper()
	s := newTestStore(t)
	cfg := testConfig(t)
	seed(t, s, cfg)
	for i := range 150 {
		p := cadence.Partner{Name: fmt.Sprintf("Partner %03d", i), Type: cadence.TypeReseller, Tier: 2, Owner: "Dana Cruz",
			Status: cadence.PartnerActive, Joined: d("2025-01-06"), Notes: "a partner that takes some room on a page"}
		if err := s.SavePartner(cfg, "", p); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.SaveRecord(cfg, "", cadence.MeetingRecord{
		ID: "1on1/dana-cruz/2026-11-17", Status: cadence.MeetingHeld, At: time.Date(2026, 11, 19, 14, 0, 0, 0, cfg.Location),
		Actions: []cadence.ActionItem{{Text: "Send the MDF policy", Owner: "Dana Cruz", Due: d("2026-11-20")}},
	}); err != nil {
		t.Fatal(err)
	}
	return s, cfg
}

// fileState is what must not change: the bytes and the mode.
type fileState struct {
	sum  [32]byte
	mode os.FileMode
}

func stateOf(t *testing.T, path string) fileState {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	var sum [32]byte
	if !info.IsDir() {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		sum = sha256.Sum256(b)
	}
	return fileState{sum, info.Mode()}
}

// leafPage returns a leaf page of bucket in the file at path, found by
// following the first child of each branch page.
func leafPageOf(t *testing.T, path string, bucket []byte) uint64 {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var id uint64
	db.View(func(tx *bolt.Tx) error {
		id = uint64(tx.Bucket(bucket).Root())
		return nil
	})
	db.Close()
	if id == 0 {
		t.Fatalf("bucket %s is inline: it has no page of its own", bucket)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	page := make([]byte, 4096)
	for {
		if _, err := f.ReadAt(page, int64(id)*4096); err != nil {
			t.Fatal(err)
		}
		if binary.LittleEndian.Uint16(page[8:]) == leafPage {
			return id
		}
		id = binary.LittleEndian.Uint64(page[pageHeaderSize+8:])
	}
}

func overwrite(t *testing.T, path string, at int64, b []byte) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(b, at); err != nil {
		t.Fatal(err)
	}
}

// highWater is the file's size in use: pages × page size, from the meta.
func highWater(t *testing.T, path string) int64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, bad := fileMetaOf(f)
	if bad != "" {
		t.Fatal(bad)
	}
	return int64(m.hwm) * int64(m.pageSize)
}

// TestOpenRefusesDamagedFilesUntouched: every kind of damage Open can see
// without reading the whole file is refused — for reading, for writing and
// for creating — with ErrDamaged, a message naming the file and what to
// do, and the file's bytes and mode as they were.
func TestOpenRefusesDamagedFilesUntouched(t *testing.T) {
	base, _ := bigStore(t)
	hwm := highWater(t, base.Path())
	random := make([]byte, 64<<10)
	rnd := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(rnd.Uint32())
	}
	for _, tt := range []struct {
		name   string
		damage func(t *testing.T, path string)
		want   string
	}{
		{"truncated to 1 byte", truncate(1), "it has no bbolt header"},
		{"truncated to 100 bytes", truncate(100), "it is cut short"},
		{"truncated to one page", truncate(4096), "it is cut short"},
		{"truncated to half", truncate(hwm / 2), fmt.Sprintf("where its header says %d", hwm)},
		{"one page short", truncate(hwm - 4096), "it is cut short"},
		{"first meta page zeroed", zeroPage(0), "its first meta page (page 0) is damaged"},
		{"second meta page zeroed", zeroPage(1), "its second meta page (page 1) is damaged"},
		{"both meta pages zeroed", func(t *testing.T, path string) { zeroPage(0)(t, path); zeroPage(1)(t, path) }, "it is not a bbolt database file"},
		{"meta checksum", func(t *testing.T, path string) { overwrite(t, path, pageHeaderSize+48, []byte{0xff}) }, "its checksum does not match"},
		{"random bytes", func(t *testing.T, path string) { os.WriteFile(path, random, 0o600) }, "it is not a bbolt database file"},
		{"text", func(t *testing.T, path string) {
			os.WriteFile(path, bytes.Repeat([]byte("these are my notes\n"), 1000), 0o600)
		}, "it is not a bbolt database file"},
		{"empty", func(t *testing.T, path string) { os.WriteFile(path, nil, 0o600) }, "it is empty (0 bytes)"},
		{"directory", func(t *testing.T, path string) { os.Remove(path); os.Mkdir(path, 0o700) }, "it is a directory"},
		{"empty bbolt file", func(t *testing.T, path string) {
			os.Remove(path)
			db, err := bolt.Open(path, 0o600, nil)
			if err != nil {
				t.Fatal(err)
			}
			db.Close()
		}, "a bbolt file with nothing in it"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "team.db")
			copyFile(t, base.Path(), path)
			tt.damage(t, path)
			before := stateOf(t, path)
			for _, opt := range []Options{{}, {ReadOnly: true}, {Create: true}} {
				_, err := Open(path, opt)
				if !errors.Is(err, ErrDamaged) {
					t.Fatalf("Open(%+v) = %v, want ErrDamaged", opt, err)
				}
				msg := err.Error()
				for _, want := range []string{path + " is not a cadence database or is damaged", tt.want, "the file was not changed"} {
					if !strings.Contains(msg, want) {
						t.Errorf("Open(%+v): %q does not say %q", opt, msg, want)
					}
				}
				if after := stateOf(t, path); after != before {
					t.Errorf("Open(%+v) changed the file: %v, was %v", opt, after, before)
				}
			}
			entries, _ := os.ReadDir(filepath.Dir(path))
			if len(entries) != 1 {
				t.Errorf("the directory holds %d entries, want only the file: %v", len(entries), entries)
			}
		})
	}
}

func truncate(size int64) func(t *testing.T, path string) {
	return func(t *testing.T, path string) {
		if err := os.Truncate(path, size); err != nil {
			t.Fatal(err)
		}
	}
}

func zeroPage(id int64) func(t *testing.T, path string) {
	return func(t *testing.T, path string) { overwrite(t, path, id*4096, make([]byte, 4096)) }
}

func copyFile(t testing.TB, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestZeroedLeafPageIsAnErrorNotAPanic: bbolt panics on a page that is not
// what its parent says. Every read and write that meets the zeroed page
// returns ErrDamaged instead; a read that never meets it still works; the
// file is never written.
func TestZeroedLeafPageIsAnErrorNotAPanic(t *testing.T) {
	base, cfg := bigStore(t)
	path := filepath.Join(t.TempDir(), "team.db")
	copyFile(t, base.Path(), path)
	page := leafPageOf(t, path, bucketPartners)
	zeroPage(int64(page))(t, path)
	before := stateOf(t, path)

	for _, opt := range []Options{{}, {ReadOnly: true}} {
		s, err := Open(path, opt)
		if err != nil {
			t.Fatalf("Open(%+v) = %v: the meta pages are sound, Open does not read partners", opt, err)
		}
		_, err = s.Partners()
		if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), fmt.Sprintf("page %d is not a page of the database (it is zeroed", page)) {
			t.Errorf("Partners() = %v, want ErrDamaged naming page %d", err, page)
		}
		if _, err := s.FlagInput(cfg, time.Date(2026, 11, 23, 9, 0, 0, 0, cfg.Location)); !errors.Is(err, ErrDamaged) {
			t.Errorf("FlagInput() = %v, want ErrDamaged", err)
		}
		if err := s.Export(io.Discard); !errors.Is(err, ErrDamaged) {
			t.Errorf("Export() = %v, want ErrDamaged", err)
		}
		// The registrations are on other pages.
		if r, ok, err := s.Registration("R-1"); err != nil || !ok || r.Account != "initech" {
			t.Errorf("Registration(R-1) = %+v, %v, %v; want it read", r, ok, err)
		}
		s.Close()
	}
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := cadence.Partner{Name: "Partner 000", Type: cadence.TypeReseller, Tier: 1, Owner: "Dana Cruz", Status: cadence.PartnerActive}
	if err := s.SavePartner(cfg, "", p); !errors.Is(err, ErrDamaged) {
		t.Errorf("SavePartner onto the zeroed page = %v, want ErrDamaged", err)
	}
	if err := s.Check(); !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), fmt.Sprintf(`bucket "partners": page %d is all zeros`, page)) {
		t.Errorf("Check() = %v, want the zeroed page in words", err)
	}
	if after := stateOf(t, path); after != before {
		t.Errorf("the damaged file changed")
	}
}

// TestDamageNeverPanics writes random bytes over random places of a sound
// file, hundreds of times: Doctor, Open and every kind of read either work
// or return an error — bbolt's panics and a read's faults never escape
// (either would end this test's process).
func TestDamageNeverPanics(t *testing.T) {
	base, cfg := bigStore(t)
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, cfg.Location)
	hwm := highWater(t, base.Path())
	rnd := rand.New(rand.NewPCG(10, 7))
	dir := t.TempDir()
	unhealthy := 0
	for i := range 300 {
		path := filepath.Join(dir, fmt.Sprintf("%d.db", i))
		copyFile(t, base.Path(), path)
		// A few bytes, a run or a whole page, past the meta pages.
		at := 8192 + rnd.Int64N(hwm-8192)
		n := []int{1, 8, 64, 4096}[rnd.IntN(4)]
		junk := make([]byte, n)
		for j := range junk {
			junk[j] = byte(rnd.IntN(256))
		}
		overwrite(t, path, at, junk)
		r, err := Doctor(path, cfg)
		if err != nil {
			t.Fatalf("%d: Doctor: %v", i, err)
		}
		if !r.Healthy() {
			unhealthy++
		}
		if s, err := Open(path, Options{ReadOnly: true}); err == nil {
			s.Partners()
			s.FlagInput(cfg, now)
			s.Export(io.Discard)
			s.KPIInput(cfg, now, cfg.Fiscal().QuarterOf(d("2026-11-23")))
			s.Close()
		}
		os.Remove(path)
	}
	// Most junk lands on pages in use; some lands on free pages or in the
	// unused tail of a page, where it harms nothing.
	if unhealthy < 100 {
		t.Errorf("Doctor found damage in %d of 300 damaged files; want most", unhealthy)
	}
}

// TestDoctorFindsEachDisagreement breaks one index or summary at a time
// with bbolt directly, as a bug or a stray tool would: Doctor names it in
// words, says the records are intact and advises export and restore.
func TestDoctorFindsEachDisagreement(t *testing.T) {
	base, cfg := bigStore(t)
	put := func(bucket []byte, key, value []byte) func(tx *bolt.Tx) error {
		return func(tx *bolt.Tx) error { return tx.Bucket(bucket).Put(key, value) }
	}
	del := func(bucket []byte, key []byte) func(tx *bolt.Tx) error {
		return func(tx *bolt.Tx) error { return tx.Bucket(bucket).Delete(key) }
	}
	regValue := func(tx *bolt.Tx, id string) []byte {
		return bytes.Clone(tx.Bucket(bucketRegistrations).Get([]byte(id)))
	}
	for _, tt := range []struct {
		name   string
		change func(tx *bolt.Tx) error
		want   string
	}{
		{"open registration missing", del(bucketRegOpen, []byte("R-1")),
			`registration "R-1" is missing from the list of open registrations (registrations_open)`},
		{"won registration listed open", func(tx *bolt.Tx) error { return tx.Bucket(bucketRegOpen).Put([]byte("R-2"), regValue(tx, "R-2")) },
			`registration "R-2" (won) is in the list of open registrations (registrations_open), where it does not belong`},
		{"stale copy", func(tx *bolt.Tx) error {
			v := regValue(tx, "R-3")
			v[len(v)-1] ^= 1
			return tx.Bucket(bucketRegByDecided).Put(join(dateKey(d("2026-09-02")), []byte("R-3")), v)
		}, `registration "R-3" differs from its copy in the index of registrations by decision date`},
		{"owner index missing", del(bucketRegByOwner, ownerRegKey("Dana Cruz", cadence.Registration{ID: "R-1", Status: cadence.RegSubmitted})),
			`registration "R-1" is missing from the index of registrations by owner`},
		{"stray account entry", put(bucketRegByAccount, join([]byte("gone"), []byte("brightline"), []byte("R-99")), nil),
			"the index of registrations by account (registrations_by_account) holds 4 entries where the records call for 3: 1 are stale"},
		{"partner missing from owner index", del(bucketPartnersByOwner, join([]byte(cadence.NameKey("Dana Cruz")), []byte("brightline"))),
			`partner "Brightline" is missing from the index of partners by owner`},
		{"open count", put(bucketActivity, []byte("brightline"), encodeActivity(activity{LastInbound: d("2026-11-16"), LastTouch: d("2026-11-16"), Open: 5})),
			`partner "Brightline"'s activity summary (partner_activity) counts 5 open registrations, but there are 1`},
		{"last inbound behind", put(bucketActivity, []byte("brightline"), encodeActivity(activity{LastInbound: d("2026-11-01"), LastTouch: d("2026-11-16"), Open: 1})),
			`has the last inbound touch on 2026-11-01, but there is one on 2026-11-16`},
		{"conversations", put(bucketConversations, dateKey(d("2026-10-01")), be32(7)),
			"the count of conversations per day (conversations_by_day) says 7 on 2026-10-01, but the touchpoints hold 1"},
		{"month missing", del(bucketTouchMonths, join(monthKey(d("2026-11-10")), []byte("northwind-systems"))),
			`partner "Northwind Systems"'s touches of 2026-11 are missing from the latest touch per partner and month`},
		{"intro missing", func(tx *bolt.Tx) error {
			return deletePrefix(tx.Bucket(bucketIntros), introPrefix("northwind-systems", cadence.AccountKey("Globex  Corp")))
		},
			`intro of "globex corp" on 2026-11-02, which no registration answers, is missing from the list of unregistered intros`},
		{"answered intro listed", put(bucketIntros, join([]byte("brightline"), []byte("initech")), []byte(`{"Partner":"Brightline","Account":"Initech","Date":"2026-11-01"}`)),
			`partner "Brightline"'s intro of "initech" is in the list of unregistered intros (unregistered_intros), but a registration answers it`},
		{"partner count", put(bucketMeta, partnerCountKey, u64(3)),
			"the partner count (meta partner_count) says 3, but there are 152 partners"},
		{"meeting stub missing", del(bucketMeetingsByDate, join(dateKey(d("2026-11-19")), []byte("1on1/dana-cruz/2026-11-17"))),
			`meeting "1on1/dana-cruz/2026-11-17" (on 2026-11-19) is missing from the index of meetings by date`},
		{"open action missing", del(bucketActionsOpen, []byte("A-1")),
			`open action "A-1" of meeting "1on1/dana-cruz/2026-11-17" is missing from the list of open action items`},
		{"touchpoint of no partner", put(bucketTouchpoints, join([]byte("ghost"), dateKey(d("2026-11-01")), u64(1)), []byte{1, 1, 0, 0, 0}),
			`1 touchpoints belong to partner ID "ghost", which is not in the database`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "team.db")
			copyFile(t, base.Path(), path)
			db, err := bolt.Open(path, 0o600, nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := db.Update(tt.change); err != nil {
				t.Fatal(err)
			}
			db.Close()
			r, err := Doctor(path, cfg)
			if err != nil {
				t.Fatal(err)
			}
			if r.Healthy() || r.Damaged {
				t.Errorf("healthy %v, damaged %v; want an index problem on intact records", r.Healthy(), r.Damaged)
			}
			if !strings.Contains(strings.Join(r.Problems, "\n"), tt.want) {
				t.Errorf("problems:\n%s\nwant one saying %q", strings.Join(r.Problems, "\n"), tt.want)
			}
			if !strings.Contains(r.Advice(), "export -o all.json") {
				t.Errorf("advice = %q, want export and restore", r.Advice())
			}
			if err := (&Store{path: path, timeout: time.Second}).Check(); !errors.Is(err, ErrDamaged) {
				t.Errorf("Check() = %v, want ErrDamaged", err)
			}
		})
	}
}

// TestDoctorOnASoundFileChangesNothing: a healthy file is reported healthy
// with what it holds, and neither its bytes nor its time change.
func TestDoctorOnASoundFileChangesNothing(t *testing.T) {
	s, cfg := bigStore(t)
	before := stateOf(t, s.Path())
	info, _ := os.Stat(s.Path())
	r, err := Doctor(s.Path(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Healthy() {
		t.Fatalf("problems: %v", r.Problems)
	}
	got := fmt.Sprintf("%d partners, %d registrations, %d touchpoints, %d meetings, version %d", r.Partners, r.Registrations, r.Touchpoints, r.Meetings, r.Version)
	if want := fmt.Sprintf("152 partners, 3 registrations, 5 touchpoints, 1 meetings, version %d", currentVersion); got != want {
		t.Errorf("report: %s; want %s", got, want)
	}
	if r.Pages == 0 || r.Advice() != "" || r.Err() != nil {
		t.Errorf("pages %d, advice %q, err %v", r.Pages, r.Advice(), r.Err())
	}
	after, _ := os.Stat(s.Path())
	if stateOf(t, s.Path()) != before || !after.ModTime().Equal(info.ModTime()) {
		t.Error("Doctor changed the file")
	}
	// A writer holding the file: Doctor waits its timeout, then says so.
	db, err := bolt.Open(s.Path(), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := Doctor(s.Path(), cfg); !errors.Is(err, ErrLocked) {
		t.Errorf("Doctor while locked = %v, want ErrLocked", err)
	}
}

// TestDoctorNamesTheDamage: damage to the file's pages is said in words,
// with the advice to go back to a backup or an export.
func TestDoctorNamesTheDamage(t *testing.T) {
	base, cfg := bigStore(t)
	leaf := leafPageOf(t, base.Path(), bucketPartners)
	for _, tt := range []struct {
		name   string
		damage func(t *testing.T, path string)
		want   string
	}{
		{"zeroed leaf", zeroPage(int64(leaf)), fmt.Sprintf(`bucket "partners": page %d is all zeros (overwritten)`, leaf)},
		{"page of another", func(t *testing.T, path string) { overwrite(t, path, int64(leaf)*4096, u64le(leaf+1)) },
			fmt.Sprintf(`bucket "partners": page %d holds something else (it says it is page %d)`, leaf, leaf+1)},
		{"element out of the page", func(t *testing.T, path string) {
			overwrite(t, path, int64(leaf)*4096+pageHeaderSize+4, []byte{0xff, 0xff, 0, 0}) // the first element's pos
		}, fmt.Sprintf(`bucket "partners": page %d: element 0 points outside the page`, leaf)},
		{"truncated", truncate(8192 + 100), "it is cut short"},
		{"empty", func(t *testing.T, path string) { os.WriteFile(path, nil, 0o600) }, "it is empty (0 bytes)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "team.db")
			copyFile(t, base.Path(), path)
			tt.damage(t, path)
			before := stateOf(t, path)
			r, err := Doctor(path, cfg)
			if err != nil {
				t.Fatal(err)
			}
			if !r.Damaged || len(r.Problems) == 0 || r.Problems[0] != tt.want && !strings.HasPrefix(r.Problems[0], tt.want) {
				t.Errorf("damaged %v, problems %q; want first %q", r.Damaged, r.Problems, tt.want)
			}
			if a := r.Advice(); !strings.Contains(a, "backup") && !strings.Contains(a, "restore") {
				t.Errorf("advice = %q", a)
			}
			if stateOf(t, path) != before {
				t.Error("Doctor changed the file")
			}
		})
	}
}

func u64le(v uint64) []byte { return binary.LittleEndian.AppendUint64(nil, v) }

// TestBackupRefusesADamagedFile: the copy is checked before it gets its
// name; a damaged database leaves nothing behind.
func TestBackupRefusesADamagedFile(t *testing.T) {
	base, _ := bigStore(t)
	path := filepath.Join(t.TempDir(), "team.db")
	copyFile(t, base.Path(), path)
	zeroPage(int64(leafPageOf(t, path, bucketPartners)))(t, path)
	before := stateOf(t, path)
	s, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	dir := t.TempDir()
	target := filepath.Join(dir, "backup.db")
	err = s.Backup(target)
	if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "backup refused, nothing was written to "+target) ||
		!strings.Contains(err.Error(), "is all zeros") {
		t.Errorf("Backup = %v, want it refused for the zeroed page", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("backup left %v behind", entries)
	}
	if stateOf(t, path) != before {
		t.Error("Backup changed the database")
	}
}

// TestNewDatabasesAreWholeOrNothing: a new database appears whole, under
// its name only; an empty file is never taken for one; a file removed
// under a Store is not made again by a later call; two processes creating
// the same database at once both get it.
func TestNewDatabasesAreWholeOrNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "new.db")
	s, err := Open(path, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 || entries[0].Name() != "new.db" {
		t.Errorf("directory after create: %v, want new.db alone", entries)
	}
	if err := s.Check(); err != nil {
		t.Errorf("new database: %v", err)
	}

	os.Remove(path)
	if _, err := s.Partners(); !errors.Is(err, ErrNoDatabase) {
		t.Errorf("read after the file went: %v, want ErrNoDatabase", err)
	}
	if err := s.SavePartner(testConfig(t), "", cadence.Partner{Name: "Acme", Type: cadence.TypeReseller, Tier: 1, Owner: "Dana Cruz", Status: cadence.PartnerActive}); !errors.Is(err, ErrNoDatabase) {
		t.Errorf("write after the file went: %v, want ErrNoDatabase", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a call after the file went made it again (%v)", err)
	}

	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o600)
	if _, err := Open(empty, Options{Create: true}); !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "remove the empty file") {
		t.Errorf("Open(empty, Create) = %v, want it refused with what to do", err)
	}
	if info, _ := os.Stat(empty); info.Size() != 0 {
		t.Errorf("the empty file now has %d bytes", info.Size())
	}

	both := filepath.Join(dir, "both.db")
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Go(func() { _, errs[i] = Open(both, Options{Create: true}) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("creator %d: %v", i, err)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("directory: %v, want empty.db and both.db", entries)
	}
}
