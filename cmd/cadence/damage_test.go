package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// The damage matrix: every kind of damaged, cut short, empty or foreign
// database through every command and the app, run as the built binary. Each
// must exit 1 with a message that names the file and says what to do —
// never a panic, never exit 2 — and leave the file's bytes and mode as they
// were, with nothing new beside it. A read-only file, or one in a read-only
// directory, is not damaged: reading works, writing fails clearly.

// damageEnv is the built binary and a demo database to damage copies of,
// in a directory every user may enter (the read-only cases run as an
// unprivileged user when the tests run as root, who may write anything).
type damageEnv struct {
	bin, base, export, csv, dir string
}

func newDamageEnv(t *testing.T) *damageEnv {
	t.Helper()
	dir, err := os.MkdirTemp("", "cadence-damage-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
			if err == nil && info.IsDir() {
				os.Chmod(path, 0o755)
			}
			return nil
		})
		os.RemoveAll(dir)
	})
	os.Chmod(dir, 0o755)
	e := &damageEnv{dir: dir, bin: filepath.Join(dir, "cadence"), base: filepath.Join(dir, "base.db"),
		export: filepath.Join(dir, "all.json"), csv: filepath.Join(dir, "partners.csv")}
	if out, err := exec.Command("go", "build", "-o", e.bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	if out, err := exec.Command(e.bin, "--now", "2026-11-23", "demo", "--db", e.base).CombinedOutput(); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	if out, err := exec.Command(e.bin, "--db", e.base, "export", "-o", e.export).CombinedOutput(); err != nil {
		t.Fatalf("export: %v\n%s", err, out)
	}
	os.Chmod(e.export, 0o644)
	os.WriteFile(e.csv, []byte("name,type,tier,owner,status,joined\nAardvark Analytics,isv,1,Dana Cruz,active,2026-11-20\n"), 0o644)
	return e
}

// result is one run of the binary.
type result struct {
	code           int
	stdout, stderr string
}

// run runs the binary with args; asUser runs it as nobody when the test
// runs as root.
func (e *damageEnv) run(t *testing.T, asUser bool, args ...string) result {
	t.Helper()
	cmd := exec.Command(e.bin, args...)
	home := filepath.Join(e.dir, "home")
	os.MkdirAll(home, 0o777)
	os.Chmod(home, 0o777)
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+home, "XDG_DATA_HOME="+home, "XDG_CACHE_HOME="+home,
		"CADENCE_DB=", "CADENCE_CONFIG=", "NO_COLOR=1")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if asUser && os.Geteuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	}
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("%v: %v", args, err)
	}
	return result{code, out.String(), errb.String()}
}

const nobody = 65534

// fileState is a file's bytes and mode (a directory's mode alone).
func fileState(t *testing.T, path string) string {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.IsDir() {
		return info.Mode().String()
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%s %x", info.Mode(), sha256.Sum256(b))
}

func entries(dir string) []string {
	var names []string
	es, _ := os.ReadDir(dir)
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// metaPages reads the high-water mark (the bytes in use) of a sound file.
func highWaterMark(t *testing.T, path string) int64 {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var hwm, txid uint64
	for _, at := range []int{16, 4096 + 16} {
		if tx := binary.LittleEndian.Uint64(b[at+48:]); tx >= txid {
			txid, hwm = tx, binary.LittleEndian.Uint64(b[at+40:])
		}
	}
	return int64(hwm) * 4096
}

// partnersLeaf returns a leaf page of the partners bucket.
func partnersLeaf(t *testing.T, path string) int64 {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var id uint64
	db.View(func(tx *bolt.Tx) error { id = uint64(tx.Bucket([]byte("partners")).Root()); return nil })
	db.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for binary.LittleEndian.Uint16(b[id*4096+8:]) != 0x02 { // not a leaf: follow the first child
		id = binary.LittleEndian.Uint64(b[id*4096+16+8:])
	}
	return int64(id)
}

func damageAt(at int64, n int) func(t *testing.T, path string) {
	return func(t *testing.T, path string) {
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, err := f.WriteAt(make([]byte, n), at); err != nil {
			t.Fatal(err)
		}
	}
}

func truncateTo(size int64) func(t *testing.T, path string) {
	return func(t *testing.T, path string) {
		if err := os.Truncate(path, size); err != nil {
			t.Fatal(err)
		}
	}
}

// TestDamageMatrix runs every kind of damage through flags, agenda,
// readout, calendar, export, import, backup, restore, doctor and the app.
func TestDamageMatrix(t *testing.T) {
	e := newDamageEnv(t)
	hwm := highWaterMark(t, e.base)
	leaf := partnersLeaf(t, e.base)
	random := make([]byte, 64<<10)
	for i := range random {
		random[i] = byte(i*7919 + i>>3)
	}
	for _, tt := range []struct {
		name   string
		damage func(t *testing.T, path string)
		what   string // what is wrong, as the message says it
		todo   string // what to do, as the message says it ("" means `cadence doctor --db FILE`)
		// leaf: a damaged page that only the commands that read it meet.
		leaf bool
	}{
		{name: "truncated to 1 byte", damage: truncateTo(1), what: "no bbolt header"},
		{name: "truncated to 100 bytes", damage: truncateTo(100), what: "it is cut short"},
		{name: "truncated after the first page", damage: truncateTo(4096 + 10), what: "it is cut short"},
		{name: "truncated to half", damage: truncateTo(hwm / 2), what: fmt.Sprintf("%d bytes, where its header says %d", hwm/2, hwm)},
		{name: "one page short", damage: truncateTo(hwm - 4096), what: "it is cut short"},
		{name: "zeroed meta page", damage: damageAt(0, 4096), what: "its first meta page (page 0) is damaged"},
		{name: "both meta pages zeroed", damage: damageAt(0, 8192), what: "it is not a bbolt database file"},
		{name: "zeroed leaf page", damage: damageAt(leaf*4096, 4096), what: fmt.Sprintf("page %d ", leaf), leaf: true},
		{name: "random bytes", damage: func(t *testing.T, path string) { os.WriteFile(path, random, 0o600) }, what: "it is not a bbolt database file"},
		{name: "empty", damage: func(t *testing.T, path string) { os.WriteFile(path, nil, 0o600) }, what: "it is empty (0 bytes)", todo: "remove the empty file"},
		{name: "directory", damage: func(t *testing.T, path string) { os.Remove(path); os.Mkdir(path, 0o700) }, what: "it is a directory", todo: "Name the database file itself"},
		{name: "text file", damage: func(t *testing.T, path string) {
			os.WriteFile(path, bytes.Repeat([]byte("My notes. Not a database.\n"), 400), 0o600)
		}, what: "it is not a bbolt database file"},
		{name: "newer schema", damage: func(t *testing.T, path string) {
			db, err := bolt.Open(path, 0o600, nil)
			if err != nil {
				t.Fatal(err)
			}
			db.Update(func(tx *bolt.Tx) error {
				return tx.Bucket([]byte("meta")).Put([]byte("schema_version"), binary.BigEndian.AppendUint64(nil, 99))
			})
			db.Close()
		}, what: "written by a newer cadence (schema version 99", todo: "upgrade cadence"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(e.dir, strings.ReplaceAll(tt.name, " ", "-"))
			os.Mkdir(dir, 0o755)
			db := filepath.Join(dir, "team.db")
			copyTo(t, e.base, db)
			tt.damage(t, db)
			before := fileState(t, db)
			out := filepath.Join(e.dir, "out-"+filepath.Base(dir))
			os.Mkdir(out, 0o755)
			// What to do: by default, see the doctor and go back to a
			// backup or an export.
			todo := []string{tt.todo}
			if tt.todo == "" {
				todo = []string{"`cadence doctor --db ", "cadence restore"}
			}
			for _, c := range []struct {
				name string
				args []string
				// mayWork: a command that need not read the damaged page.
				mayWork bool
			}{
				{"flags", []string{"flags"}, false},
				{"agenda", []string{"agenda", "1on1/dana-cruz/2026-11-25"}, tt.leaf},
				{"readout", []string{"readout"}, false},
				{"calendar", []string{"calendar"}, tt.leaf},
				{"export", []string{"export"}, false},
				{"export -o", []string{"export", "-o", filepath.Join(out, "x.json")}, false},
				{"import", []string{"import", "partners", e.csv}, false},
				{"backup", []string{"backup", filepath.Join(out, "backup.db")}, false},
				{"restore", []string{"restore", e.export}, false},
				{"doctor", []string{"doctor"}, false},
				{"app", nil, tt.leaf},
			} {
				if c.name == "restore" && tt.name == "empty" {
					continue // restore fills an empty file: the advice for it, tested below
				}
				args := append([]string{"--db", db, "--now", "2026-11-23"}, c.args...)
				r := e.run(t, false, args...)
				switch {
				case c.mayWork && r.code == 0:
				case c.name == "app" && tt.leaf:
					// The app opens (the meta pages are sound) and meets
					// the page once it has the terminal, which it gives
					// back before it exits 1: TestDamagedPageInTheApp.
				case r.code != 1:
					t.Errorf("%s: exit %d, want 1\nstderr: %s", c.name, r.code, r.stderr)
				case strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "goroutine "):
					t.Errorf("%s: a panic reached the user:\n%s", c.name, r.stderr)
				case c.name == "doctor":
					if !strings.Contains(r.stdout, tt.what) || !strings.Contains(r.stdout, "What to do:") || !strings.Contains(r.stderr, db+" is not healthy") {
						t.Errorf("doctor: stdout %q, stderr %q; want the problem (%q) and what to do", r.stdout, r.stderr, tt.what)
					}
				default:
					for _, want := range append([]string{db, tt.what}, todo...) {
						if !strings.Contains(r.stderr, want) {
							t.Errorf("%s: stderr %q does not say %q", c.name, r.stderr, want)
						}
					}
					if r.stdout != "" && c.name != "import" {
						t.Errorf("%s: wrote %d bytes to stdout (the app: took the terminal)", c.name, len(r.stdout))
					}
				}
				if got := fileState(t, db); got != before {
					t.Fatalf("%s changed the database: %s, was %s", c.name, got, before)
				}
			}
			if got := entries(dir); len(got) != 1 {
				t.Errorf("beside the database: %v, want nothing new", got)
			}
			if got := entries(out); len(got) != 0 {
				t.Errorf("left behind in the output directory: %v", got)
			}
		})
	}
}

// copyTo copies the file from to a new private file to.
func copyTo(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestRestoreFillsAnEmptyFile: what the message about an empty file
// advises works.
func TestRestoreFillsAnEmptyFile(t *testing.T) {
	e := newDamageEnv(t)
	db := filepath.Join(e.dir, "empty.db")
	os.WriteFile(db, nil, 0o600)
	if r := e.run(t, false, "--db", db, "flags"); r.code != 1 || !strings.Contains(r.stderr, "cadence restore FILE.json --db "+db) {
		t.Fatalf("flags on an empty file: exit %d, %s", r.code, r.stderr)
	}
	if r := e.run(t, false, "--db", db, "restore", e.export); r.code != 0 {
		t.Fatalf("restore into the empty file: exit %d, %s", r.code, r.stderr)
	}
	if r := e.run(t, false, "--db", db, "doctor"); r.code != 0 || !strings.Contains(r.stdout, "is healthy: 31 partners") {
		t.Errorf("doctor after the restore: exit %d, %s%s", r.code, r.stdout, r.stderr)
	}
}

// TestReadOnlyIsNotDamage: a healthy file that is read-only, or in a
// read-only directory, is read as usual; a write fails with a message that
// says why and what to do; nothing changes.
func TestReadOnlyIsNotDamage(t *testing.T) {
	e := newDamageEnv(t)
	setup := func(t *testing.T, name string, fileMode, dirMode os.FileMode) (dir, db string) {
		dir = filepath.Join(e.dir, name)
		os.Mkdir(dir, 0o755)
		db = filepath.Join(dir, "team.db")
		copyTo(t, e.base, db)
		if os.Geteuid() == 0 {
			os.Chown(dir, nobody, nobody)
			os.Chown(db, nobody, nobody)
		}
		os.Chmod(db, fileMode)
		os.Chmod(dir, dirMode)
		return dir, db
	}
	out := filepath.Join(e.dir, "out")
	os.Mkdir(out, 0o777)
	os.Chmod(out, 0o777)
	reads := [][]string{
		{"flags"}, {"agenda", "1on1/dana-cruz/2026-11-25"}, {"readout"}, {"calendar"}, {"export"}, {"doctor"},
		{"backup", filepath.Join(out, "backup.db")},
	}
	t.Run("read-only file", func(t *testing.T) {
		dir, db := setup(t, "ro-file", 0o400, 0o755)
		before := fileState(t, db)
		for _, args := range reads {
			os.Remove(filepath.Join(out, "backup.db"))
			if r := e.run(t, true, append([]string{"--db", db, "--now", "2026-11-23"}, args...)...); r.code != 0 {
				t.Errorf("%s on a read-only file: exit %d, %s", args[0], r.code, r.stderr)
			}
		}
		r := e.run(t, true, "--db", db, "import", "partners", e.csv)
		if r.code != 1 || !strings.Contains(r.stderr, "cannot write to "+db+": permission denied: the file is read-only to you; make it writable (chmod u+w "+db+")") {
			t.Errorf("import into a read-only file: exit %d, %s", r.code, r.stderr)
		}
		if got := fileState(t, db); got != before {
			t.Errorf("the read-only file changed")
		}
		if got := entries(dir); len(got) != 1 {
			t.Errorf("beside the database: %v", got)
		}
	})
	t.Run("read-only directory", func(t *testing.T) {
		dir, db := setup(t, "ro-dir", 0o600, 0o500)
		before := fileState(t, db)
		for _, args := range reads {
			os.Remove(filepath.Join(out, "backup.db"))
			if r := e.run(t, true, append([]string{"--db", db, "--now", "2026-11-23"}, args...)...); r.code != 0 {
				t.Errorf("%s in a read-only directory: exit %d, %s", args[0], r.code, r.stderr)
			}
		}
		if got := fileState(t, db); got != before {
			t.Errorf("a read-only command changed the file")
		}
		// Nothing can be made there: a new database, a backup.
		fresh := filepath.Join(dir, "new.db")
		// A clean file, so that the import gets as far as creating the
		// database: Dana must be on the team.
		config := filepath.Join(filepath.Dir(e.csv), "team.toml")
		os.WriteFile(config, []byte("[[team]]\nname = \"Dana Cruz\"\nrole = \"partner_manager\"\n"), 0o644)
		r := e.run(t, true, "--db", fresh, "--config", config, "import", "partners", e.csv)
		if r.code != 1 || !strings.Contains(r.stderr, "create database "+fresh) || !strings.Contains(r.stderr, "permission denied") {
			t.Errorf("import into a new database in a read-only directory: exit %d, %s", r.code, r.stderr)
		}
		r = e.run(t, true, "--db", db, "backup", filepath.Join(dir, "backup.db"))
		if r.code != 1 || !strings.Contains(r.stderr, "permission denied") {
			t.Errorf("backup into a read-only directory: exit %d, %s", r.code, r.stderr)
		}
		if got := entries(dir); len(got) != 1 {
			t.Errorf("in the read-only directory: %v, want the database alone", got)
		}
	})
	t.Run("app on a read-only file", func(t *testing.T) {
		_, db := setup(t, "ro-app", 0o400, 0o755)
		before := fileState(t, db)
		exit := filepath.Join(out, "app-exit")
		cmdline := e.bin + " --db " + db + " --now 2026-11-23T09:00:00-05:00"
		if os.Geteuid() == 0 {
			cmdline = fmt.Sprintf("setpriv --reuid=%d --regid=%d --clear-groups env HOME=%s %s", nobody, nobody, out, cmdline)
		}
		s := startTmux(t, 120, 30, nil, cmdline+"; echo $? > "+exit)
		s.waitFor("Week 48")
		s.keys("3")
		s.waitFor("Northwind Systems")
		s.keys("q")
		s.waitGone()
		if b, _ := os.ReadFile(exit); strings.TrimSpace(string(b)) != "0" {
			t.Errorf("app exit %q, want 0", b)
		}
		if got := fileState(t, db); got != before {
			t.Errorf("the app changed the read-only file")
		}
	})
}

// TestDamagedPageInTheApp: a page the app's start reads is damaged, which
// opening the file cannot see without reading all of it: the app gives the
// terminal back, says so in words and exits 1, never panics, and leaves the
// file as it was.
func TestDamagedPageInTheApp(t *testing.T) {
	e := newDamageEnv(t)
	db := filepath.Join(e.dir, "team.db")
	copyTo(t, e.base, db)
	damageAt(partnersLeaf(t, db)*4096, 4096)(t, db)
	before := fileState(t, db)
	home := filepath.Join(e.dir, "home")
	s := startTmux(t, 250, 30, []string{"HOME=" + home, "XDG_CONFIG_HOME=" + home}, e.bin, "--db", db, "--now", "2026-11-23T09:00:00-05:00",
		";", "echo", "cadence-exit=$?", ";", "sleep", "300")
	scr := s.waitFor("cadence-exit=")
	if !strings.Contains(scr, "cadence-exit=1") || !strings.Contains(scr, "is not a cadence database or is damaged") || !strings.Contains(scr, "cadence doctor") {
		t.Errorf("the terminal after the app:\n%s", scr)
	}
	if strings.Contains(scr, "panic") {
		t.Errorf("the screen shows a panic:\n%s", scr)
	}
	if got := fileState(t, db); got != before {
		t.Errorf("the app changed the damaged file")
	}
}
