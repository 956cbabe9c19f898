package main

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"partnercadence/store"
)

// downgradeToVersion1 rewrites the database at path as schema version 1
// (the first migration) holds it: no index of registrations by owner or of
// open ones by account, partners_by_owner carrying nothing, one
// unregistered intro per partner and account (the earliest).
func downgradeToVersion1(t *testing.T, path string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		for _, name := range []string{"registrations_by_owner", "registrations_open_by_account"} {
			if err := tx.DeleteBucket([]byte(name)); err != nil {
				return err
			}
		}
		b := tx.Bucket([]byte("partners_by_owner"))
		var keys [][]byte
		_ = b.ForEach(func(k, _ []byte) error { keys = append(keys, bytes.Clone(k)); return nil })
		for _, k := range keys {
			if err := b.Put(k, nil); err != nil {
				return err
			}
		}
		// The intro date sits in the JSON as "Date":"YYYY-MM-DD"; the
		// earliest of a partner and account is kept under slug 0 account.
		intros := tx.Bucket([]byte("unregistered_intros"))
		earliest := map[string][]byte{}
		dateOf := func(v []byte) string {
			i := bytes.Index(v, []byte(`"Date":"`))
			if i < 0 || len(v) < i+18 {
				return ""
			}
			return string(v[i+8 : i+18])
		}
		_ = intros.ForEach(func(k, v []byte) error {
			parts := bytes.SplitN(k, []byte{0}, 3)
			key := string(bytes.Join(parts[:min(2, len(parts))], []byte{0}))
			if old, ok := earliest[key]; !ok || dateOf(v) < dateOf(old) {
				earliest[key] = bytes.Clone(v)
			}
			return nil
		})
		if err := tx.DeleteBucket([]byte("unregistered_intros")); err != nil {
			return err
		}
		if intros, err = tx.CreateBucket([]byte("unregistered_intros")); err != nil {
			return err
		}
		for k, v := range earliest {
			if err := intros.Put([]byte(k), v); err != nil {
				return err
			}
		}
		return tx.Bucket([]byte("meta")).Put([]byte("schema_version"), binary.BigEndian.AppendUint64(nil, 1))
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestReadCommandsLeaveOlderFileAlone: on a database of schema version 1,
// every command that only reads — flags (text and JSON), agenda, readout,
// calendar, export, backup, doctor and Tab completion — leaves the file's
// bytes and modification time as they were and no copy in the temporary
// directory; each but doctor and completion says once on stderr that it
// read an upgraded copy; and each prints what it prints once the file is
// upgraded (by opening it for writing, as the app does).
func TestReadCommandsLeaveOlderFileAlone(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	db := demoDB(t, dir, bin, "team.db")
	downgradeToVersion1(t, db)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)

	commands := []struct {
		name string
		args []string
		note bool // says it read an upgraded copy
	}{
		{"flags", []string{"flags"}, true},
		{"flags --json", []string{"flags", "--json"}, true},
		{"agenda", []string{"agenda", "1on1/dana-cruz/2026-11-25"}, true},
		{"agenda next-1on1", []string{"agenda", "next-1on1", "Dana Cruz"}, true},
		{"pipeline agenda", []string{"agenda", "pipeline/2026-12-01"}, true},
		{"readout", []string{"readout"}, true},
		{"calendar", []string{"calendar"}, true},
		{"export", []string{"export"}, true},
		{"backup", []string{"backup", filepath.Join(dir, "backup.db")}, true},
		{"doctor", []string{"doctor"}, false},
		{"completion", []string{"__complete", "agenda", ""}, false},
		{"completion of names", []string{"__complete", "agenda", "next-1on1", ""}, false},
	}
	note := "note: " + db + " is schema 1, this cadence writes "
	before := fileStateOf(t, db)
	time.Sleep(20 * time.Millisecond) // a write in the same mtime tick would still show in the bytes
	got := map[string]string{}
	for _, c := range commands {
		r := runBinary(t, dir, "", bin, append([]string{"--db", db, "--now", "2026-11-23"}, c.args...)...)
		if r.code != 0 {
			t.Errorf("%s on the version-1 file: exit %d\n%s", c.name, r.code, r.stderr)
		}
		if n := strings.Count(r.stderr, note); c.note && n != 1 || !c.note && n != 0 {
			t.Errorf("%s says %d times %q, want %v:\n%s", c.name, n, note, c.note, r.stderr)
		}
		if !fileStateOf(t, db).same(before) {
			t.Fatalf("%s changed the version-1 file", c.name)
		}
		if entries, _ := os.ReadDir(tmp); len(entries) > 0 {
			t.Fatalf("%s left %s in the temporary directory", c.name, entries[0].Name())
		}
		got[c.name] = r.stdout
		os.Remove(filepath.Join(dir, "backup.db"))
	}
	if !strings.Contains(got["doctor"], "schema version 1") {
		t.Errorf("doctor does not report schema version 1:\n%s", got["doctor"])
	}

	// Opened for writing, as the app opens it: upgraded.
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if fileStateOf(t, db).same(before) {
		t.Fatal("a write open did not upgrade the file")
	}
	for _, c := range commands {
		if c.name == "doctor" || c.name == "backup" {
			continue // they report the file's schema version and path
		}
		r := runBinary(t, dir, "", bin, append([]string{"--db", db, "--now", "2026-11-23"}, c.args...)...)
		if r.code != 0 {
			t.Errorf("%s on the upgraded file: exit %d\n%s", c.name, r.code, r.stderr)
		}
		if strings.Contains(r.stderr, "note:") {
			t.Errorf("%s on the upgraded file still notes:\n%s", c.name, r.stderr)
		}
		if r.stdout != got[c.name] {
			t.Errorf("%s: the version-1 file read through its upgraded copy printed\n%s\nthe upgraded file prints\n%s", c.name, got[c.name], r.stdout)
		}
	}
}

// dbFileState is a file's bytes and modification time.
type dbFileState struct {
	data    []byte
	modTime time.Time
}

func fileStateOf(t *testing.T, path string) dbFileState {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return dbFileState{data, info.ModTime()}
}

func (f dbFileState) same(o dbFileState) bool {
	return bytes.Equal(f.data, o.data) && f.modTime.Equal(o.modTime)
}

// TestReadCommandsOnHeldOlderFile: while another process holds a database
// of schema version 1 for writing, the read commands behave as on any held
// file — each says "database is in use by another cadence process" and
// exits 1 within a few seconds — and leave the file and the temporary
// directory as they were.
func TestReadCommandsOnHeldOlderFile(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	db := demoDB(t, dir, bin, "team.db")
	downgradeToVersion1(t, db)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	before := fileStateOf(t, db)
	holdDatabase(t, db)
	for _, args := range [][]string{{"flags"}, {"agenda", "1on1/dana-cruz/2026-11-25"}, {"export"}} {
		start := time.Now()
		r := runBinary(t, dir, "", bin, append([]string{"--db", db, "--now", "2026-11-23"}, args...)...)
		if r.code != 1 || !strings.Contains(r.stderr, inUse) {
			t.Errorf("%s on a held version-1 file: exit %d, stderr %q; want 1 and %q", args[0], r.code, r.stderr, inUse)
		}
		if took := time.Since(start); took > 6*time.Second {
			t.Errorf("%s took %v to give up", args[0], took)
		}
		if entries, _ := os.ReadDir(tmp); len(entries) > 0 {
			t.Errorf("%s left %s in the temporary directory", args[0], entries[0].Name())
		}
	}
	if !fileStateOf(t, db).same(before) {
		t.Error("the held version-1 file changed")
	}
}

// TestImportUpgradesOnlyWhenItWrites: on a database of schema version 1,
// `import --dry-run` and an import with a bad row write nothing, not even
// the upgrade; an import that writes upgrades the file and adds its rows.
func TestImportUpgradesOnlyWhenItWrites(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	db := demoDB(t, dir, bin, "team.db")
	downgradeToVersion1(t, db)
	t.Setenv("TMPDIR", t.TempDir())
	good := filepath.Join(dir, "good.csv")
	bad := filepath.Join(dir, "bad.csv")
	header := "partner,date,kind,direction,account,note,by\n"
	if err := os.WriteFile(good, []byte(header+"Northwind Systems,2026-11-20,intro,inbound,Zenith Mills,met at the fair,Dana Cruz\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte(header+"Northwind Systems,2026-11-20,dance,inbound,,,Dana Cruz\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	before := fileStateOf(t, db)
	time.Sleep(20 * time.Millisecond)
	for _, c := range []struct {
		name string
		args []string
		code int
	}{
		{"dry run", []string{"import", "touchpoints", good, "--dry-run"}, 0},
		{"a bad row", []string{"import", "touchpoints", bad}, 1},
	} {
		r := runBinary(t, dir, "", bin, append([]string{"--db", db, "--now", "2026-11-23"}, c.args...)...)
		if r.code != c.code {
			t.Errorf("%s: exit %d, want %d\n%s", c.name, r.code, c.code, r.stderr)
		}
		if !fileStateOf(t, db).same(before) {
			t.Fatalf("%s changed the version-1 file", c.name)
		}
	}
	r := runBinary(t, dir, "", bin, "--db", db, "--now", "2026-11-23", "import", "touchpoints", good)
	if r.code != 0 {
		t.Fatalf("import: exit %d\n%s", r.code, r.stderr)
	}
	st, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if file, _, ok := st.OlderSchema(); ok {
		t.Errorf("after an import that wrote, the file is still schema %d", file)
	}
	touches, err := st.Touchpoints("Northwind Systems", 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(touches) == 0 || touches[0].Account != "Zenith Mills" {
		t.Errorf("Northwind's latest touchpoints %+v, want the imported intro of Zenith Mills first", touches)
	}
	if err := st.Check(); err != nil {
		t.Errorf("after the import: %v", err)
	}
}
