package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"
)

// These tests run the built binary, as a user would, for what it does to
// files (DESIGN §9): the modes of what it writes under a umask, never the
// database as a target, never an existing file without --force.

// ranCommand is what one run of the binary did.
type ranCommand struct {
	stdout, stderr string
	code           int
}

// runDeadline bounds every run of the binary: the store gives up on a file
// another process holds after a few seconds, so a run that reaches this has
// hung.
const runDeadline = 10 * time.Second

// runBinary runs bin with args under umask (e.g. "022"; "" keeps the
// test's own) in dir. A run that has not ended within runDeadline is
// killed, and the test fails.
func runBinary(t *testing.T, dir, umask, bin string, args ...string) ranCommand {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), runDeadline)
	defer cancel()
	var cmd *exec.Cmd
	if umask != "" {
		// The umask is the process's; a shell sets it for the binary only.
		cmd = exec.CommandContext(ctx, "sh", append([]string{"-c", `umask "$0" && exec "$@"`, umask, bin}, args...)...)
	} else {
		cmd = exec.CommandContext(ctx, bin, args...)
	}
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_CONFIG_HOME="+dir+"/config", "XDG_DATA_HOME="+dir+"/data",
		"CADENCE_DB=", "CADENCE_CONFIG=", "NO_COLOR=1")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	// Errorf, not Fatalf: runs may go side by side in goroutines.
	if ctx.Err() != nil {
		t.Errorf("cadence %s did not end within %v", strings.Join(args, " "), runDeadline)
		return ranCommand{out.String(), errb.String(), -1}
	}
	code := 0
	if ee, ok := errors.AsType[*exec.ExitError](err); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Errorf("cadence %s: %v", strings.Join(args, " "), err)
		code = -1
	}
	return ranCommand{out.String(), errb.String(), code}
}

// demoDB writes the small demo into dir/name and returns its path.
func demoDB(t *testing.T, dir, bin, name string) string {
	t.Helper()
	db := filepath.Join(dir, name)
	if r := runBinary(t, dir, "", bin, "--now", "2026-11-23", "demo", "--db", db); r.code != 0 {
		t.Fatalf("demo: exit %d\n%s", r.code, r.stderr)
	}
	return db
}

// fileSum is the SHA-256 of the file at path.
func fileSum(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func fileMode(t *testing.T, path string) fs.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}

// writers are the commands that write a file with -o, and whether what
// they write holds the team's data (then it is 0600 whatever the umask).
var writers = []struct {
	name    string
	args    []string
	private bool
}{
	{"agenda", []string{"agenda", "next-1on1", "Dana Cruz"}, false},
	{"readout", []string{"readout"}, false},
	{"calendar", []string{"calendar"}, false},
	{"export", []string{"export"}, true},
}

// TestOutputModes: agendas, readouts and calendars get 0666 less the
// umask (0644 under 022, 0600 under 077); an export is 0600 under either;
// a file replaced with --force is never loosened: the new one has no
// permission the old one lacked (an existing 0600 file stays 0600, a 0640
// one 0640, a 0444 one 0444).
func TestOutputModes(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	db := demoDB(t, dir, bin, "team.db")
	for _, w := range writers {
		for _, tc := range []struct {
			umask string
			old   fs.FileMode // 0: no file there before
			want  fs.FileMode
		}{
			{"022", 0, 0o644},
			{"077", 0, 0o600},
			{"002", 0, 0o664},
			{"022", 0o600, 0o600},
			{"022", 0o640, 0o640},
			{"002", 0o604, 0o604},
			{"077", 0o644, 0o600},
			{"022", 0o444, 0o444},
		} {
			want := tc.want
			if w.private {
				want = 0o600
				if tc.old != 0 {
					want &= tc.old
				}
			}
			name := w.name + "/umask " + tc.umask
			if tc.old != 0 {
				name += "/over " + tc.old.String()
			}
			t.Run(name, func(t *testing.T) {
				out := filepath.Join(t.TempDir(), "out")
				args := append([]string{"--db", db, "--now", "2026-11-23"}, w.args...)
				args = append(args, "-o", out)
				if tc.old != 0 {
					if err := os.WriteFile(out, []byte("old\n"), 0o600); err != nil {
						t.Fatal(err)
					}
					if err := os.Chmod(out, tc.old); err != nil {
						t.Fatal(err)
					}
					args = append(args, "--force")
				}
				r := runBinary(t, dir, tc.umask, bin, args...)
				if r.code != 0 {
					t.Fatalf("exit %d\n%s", r.code, r.stderr)
				}
				if got := fileMode(t, out); got != want {
					t.Errorf("mode %v, want %v", got, want)
				}
				if b, _ := os.ReadFile(out); len(b) < 100 || bytes.Equal(b, []byte("old\n")) {
					t.Errorf("the file holds %q, not the %s", b, w.name)
				}
				left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".*"))
				if len(left) != 0 {
					t.Errorf("temporary files left behind: %v", left)
				}
			})
		}
	}
}

// TestOutputNeverTheDatabase: -o naming the database, by its own path, by
// ./ and ../, through a symbolic link or a hard link, is refused with exit
// 1 and the file is untouched — with --force too; so is backup onto it.
func TestOutputNeverTheDatabase(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	db := demoDB(t, dir, bin, "team.db")
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("team.db", filepath.Join(dir, "link.db")); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(db, filepath.Join(dir, "hard.db")); err != nil {
		t.Fatal(err)
	}
	sum := fileSum(t, db)
	for _, tc := range []struct {
		target, want string
	}{
		{"team.db", "team.db is the database: write to another file"},
		{db, db + " is the database: write to another file"},
		{"../" + filepath.Base(dir) + "/team.db", " is the database: write to another file"},
		{"./team.db", "./team.db is the database: write to another file"},
		{"sub/../team.db", "sub/../team.db is the database: write to another file"},
		{"link.db", "link.db is the database (team.db) by another name: write to another file"},
		{"hard.db", "hard.db is the database (team.db) by another name: write to another file"},
	} {
		for _, force := range []bool{false, true} {
			var runs [][]string
			for _, w := range writers {
				runs = append(runs, append(append([]string{}, w.args...), "-o", tc.target))
			}
			runs = append(runs, []string{"backup", tc.target})
			for _, args := range runs {
				if force {
					args = append(args, "--force")
				}
				args = append([]string{"--db", "team.db", "--now", "2026-11-23"}, args...)
				r := runBinary(t, dir, "", bin, args...)
				if r.code != 1 || !strings.Contains(r.stderr, tc.want) {
					t.Errorf("cadence %s: exit %d, stderr %q; want exit 1 and %q", strings.Join(args, " "), r.code, r.stderr, tc.want)
				}
				if got := fileSum(t, db); got != sum {
					t.Fatalf("cadence %s changed the database", strings.Join(args, " "))
				}
			}
		}
	}
	if fi, err := os.Lstat(filepath.Join(dir, "link.db")); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("link.db is no longer a symbolic link: %v", err)
	}
}

// TestOutputExistingNeedsForce: a file that exists is refused without
// --force ("FILE exists; use --force to replace it", exit 1, its bytes
// untouched); with --force it is replaced by exactly what the command
// prints to stdout. A directory is refused either way.
func TestOutputExistingNeedsForce(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	db := demoDB(t, dir, bin, "team.db")
	for _, w := range writers {
		t.Run(w.name, func(t *testing.T) {
			base := append([]string{"--db", db, "--now", "2026-11-23"}, w.args...)
			out := filepath.Join(dir, w.name+".out")
			if err := os.WriteFile(out, []byte("keep me\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			r := runBinary(t, dir, "", bin, append(base, "-o", out)...)
			if want := out + " exists; use --force to replace it"; r.code != 1 || !strings.Contains(r.stderr, want) {
				t.Errorf("without --force: exit %d, stderr %q; want exit 1 and %q", r.code, r.stderr, want)
			}
			if b, _ := os.ReadFile(out); string(b) != "keep me\n" {
				t.Errorf("without --force the file now holds %.40q", b)
			}

			printed := runBinary(t, dir, "", bin, base...)
			r = runBinary(t, dir, "", bin, append(base, "-o", out, "--force")...)
			if r.code != 0 {
				t.Fatalf("--force: exit %d\n%s", r.code, r.stderr)
			}
			b, _ := os.ReadFile(out)
			if string(b) != printed.stdout || len(b) < 100 {
				t.Errorf("--force wrote %d bytes that differ from the %d it prints", len(b), len(printed.stdout))
			}

			sub := filepath.Join(dir, w.name+".d")
			if err := os.Mkdir(sub, 0o755); err != nil {
				t.Fatal(err)
			}
			r = runBinary(t, dir, "", bin, append(base, "-o", sub, "--force")...)
			if want := sub + " is a directory: give the name of a file to write"; r.code != 1 || !strings.Contains(r.stderr, want) {
				t.Errorf("a directory: exit %d, stderr %q; want exit 1 and %q", r.code, r.stderr, want)
			}
		})
	}
}

// TestBackupOntoExisting: backup onto another database that exists is
// refused without --force (exit 1, that database's bytes unchanged); with
// --force it becomes a 0600 copy whose export is the original's.
func TestBackupOntoExisting(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	db := demoDB(t, dir, bin, "team.db")
	other := filepath.Join(dir, "other.db")
	if r := runBinary(t, dir, "", bin, "--now", "2026-11-01", "demo", "--db", other, "--seed", "7"); r.code != 0 {
		t.Fatalf("demo: exit %d\n%s", r.code, r.stderr)
	}
	if err := os.Chmod(other, 0o644); err != nil {
		t.Fatal(err)
	}
	sum := fileSum(t, other)
	r := runBinary(t, dir, "", bin, "--db", db, "backup", other)
	if want := "backup: " + other + " exists; use --force to replace it"; r.code != 1 || !strings.Contains(r.stderr, want) {
		t.Errorf("backup onto a database: exit %d, stderr %q; want exit 1 and %q", r.code, r.stderr, want)
	}
	if got := fileSum(t, other); got != sum {
		t.Fatal("the refused backup changed the other database")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) != 0 {
		t.Errorf("files left behind: %v", left)
	}

	r = runBinary(t, dir, "", bin, "--db", db, "backup", other, "--force")
	if r.code != 0 || !strings.Contains(r.stderr, "backed up "+db+" to "+other) {
		t.Fatalf("backup --force: exit %d\n%s", r.code, r.stderr)
	}
	if got := fileMode(t, other); got != 0o600 {
		t.Errorf("backup mode %v, want 0600", got)
	}
	want := runBinary(t, dir, "", bin, "--db", db, "export")
	got := runBinary(t, dir, "", bin, "--db", other, "export")
	if got.code != 0 || got.stdout != want.stdout {
		t.Errorf("the backup's export (exit %d, %d bytes) is not the database's (%d bytes)", got.code, len(got.stdout), len(want.stdout))
	}
}

// TestCalendarRanges: a range of more than five years is a usage error
// (exit 2) that says the largest range and what to do — at once, where it
// used to loop for ever over the end of 2040 in New York; a range of
// nearly five years over that edge is written, with the zone's yearly
// rule in its VTIMEZONE and the meetings of 2041 in it.
func TestCalendarRanges(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	db := demoDB(t, dir, bin, "team.db")
	for _, tc := range []struct{ from, to, want string }{
		{"2026-01-01", "2046-01-01", "--from 2026-01-01 --to 2046-01-01 is more than 5 years, the most one calendar covers: give a --to no later than 2031-01-01, and write the rest into another file"},
		{"2040-12-27", "2046-01-01", "give a --to no later than 2045-12-27"},
		{"2026-11-23", "2031-11-24", "give a --to no later than 2031-11-23"},
	} {
		r := runBinary(t, dir, "", bin, "--db", db, "--now", "2026-11-23", "calendar", "--from", tc.from, "--to", tc.to)
		if r.code != 2 || !strings.Contains(r.stderr, tc.want) || r.stdout != "" {
			t.Errorf("calendar --from %s --to %s: exit %d, stderr %q, %d bytes out; want exit 2 and %q",
				tc.from, tc.to, r.code, r.stderr, len(r.stdout), tc.want)
		}
	}

	r := runBinary(t, dir, "", bin, "--db", db, "--now", "2026-11-23", "calendar", "--from", "2038-01-01", "--to", "2042-12-31")
	if r.code != 0 {
		t.Fatalf("calendar over 2040/41: exit %d\n%s", r.code, r.stderr)
	}
	cal, err := goical.NewDecoder(strings.NewReader(r.stdout)).Decode()
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	var onsets []string
	for _, c := range cal.Children {
		if c.Name == goical.CompTimezone {
			for _, o := range c.Children {
				on := o.Name + " " + o.Props.Get(goical.PropDateTimeStart).Value
				if rule := o.Props.Get(goical.PropRecurrenceRule); rule != nil {
					on += " " + rule.Value
				}
				onsets = append(onsets, on)
			}
		}
	}
	// New York's yearly rule, from the year before the first meeting.
	want := []string{"STANDARD 20371101T020000 FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
		"DAYLIGHT 20370308T020000 FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"}
	if strings.Join(onsets, "\n") != strings.Join(want, "\n") {
		t.Errorf("VTIMEZONE observances:\n%s\nwant:\n%s", strings.Join(onsets, "\n"), strings.Join(want, "\n"))
	}
	n2041 := 0
	for _, e := range cal.Events() {
		if strings.HasPrefix(e.Props.Get(goical.PropDateTimeStart).Value, "2041") {
			n2041++
		}
	}
	if n2041 < 50 { // a weekly 1:1 each, a monthly review, …
		t.Errorf("%d meetings in 2041, want a year's worth", n2041)
	}
}
