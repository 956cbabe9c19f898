package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
)

// These tests hold the database from another process, as a long import or
// a restore in another terminal would, and run every command and the app
// beside it (DESIGN §9): each either works or says "database is in use by
// another cadence process" and exits 1 within a few seconds — none hangs.

const inUse = "database is in use by another cadence process"

// holdDatabase starts holdlock (TestMain's helper: the test binary
// re-executed, which opens the file with bbolt for writing and sleeps) on
// db, and returns once the file is held. The holder is killed when the test
// ends.
func holdDatabase(t *testing.T, db string) {
	t.Helper()
	path, err := exec.LookPath("holdlock")
	if err != nil {
		t.Fatalf("holdlock is not on $PATH (TestMain installs it): %v", err)
	}
	cmd := exec.Command(path, db, "300")
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() {
		cmd.Wait()
		close(exited)
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
	})
	deadline := time.Now().Add(10 * time.Second)
	for !heldByOther(t, db) {
		select {
		case <-exited:
			t.Fatalf("holdlock ended before it held %s: %s", db, errb.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("holdlock did not take %s within 10 s", db)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// heldByOther reports whether another process holds db's lock for
// writing: bbolt takes an exclusive flock, so a shared one cannot be had.
func heldByOther(t *testing.T, db string) bool {
	t.Helper()
	f, err := os.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	err = syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB)
	if err == nil {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		return false
	}
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return true
	}
	t.Fatalf("flock %s: %v", db, err)
	return false
}

// lockedCommands is every command that opens the database, with what it
// shows when it works.
func lockedCommands(dir, db string) []struct {
	args  []string
	works string // on stdout or stderr when the command worked
} {
	return []struct {
		args  []string
		works string
	}{
		{[]string{"--db", db, "--now", "2026-11-23", "flags"}, "registration_"},
		{[]string{"--db", db, "--now", "2026-11-23", "agenda", "1on1/dana-cruz/2026-11-25"}, "# 1:1 with Dana Cruz"},
		{[]string{"--db", db, "--now", "2026-11-23", "readout"}, "# Partnerships readout"},
		{[]string{"--db", db, "--now", "2026-11-23", "calendar"}, "BEGIN:VCALENDAR"},
		{[]string{"--db", db, "export"}, `"format":"cadence-export"`},
		{[]string{"--db", db, "backup", filepath.Join(dir, "copy.db")}, "backed up"},
		{[]string{"--db", db, "import", "partners", filepath.Join(dir, "more.csv")}, "1 added"},
		{[]string{"--db", db, "restore", filepath.Join(dir, "team.json")}, "restored"},
		{[]string{"--db", db, "--now", "2026-11-23", "demo"}, "wrote the small demo"},
	}
}

// TestLockedDatabase: while another process holds the database for
// writing, each command — flags, agenda, readout, calendar, export,
// backup, import, restore, demo — and the app started on it either works
// or prints "database is in use by another cadence process" and exits 1,
// within a few seconds; none hangs, none writes the file.
func TestLockedDatabase(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	db := demoDB(t, dir, bin, "team.db")
	if r := runBinary(t, dir, "", bin, "--db", db, "export", "-o", filepath.Join(dir, "team.json")); r.code != 0 {
		t.Fatalf("export: exit %d\n%s", r.code, r.stderr)
	}
	if err := os.WriteFile(filepath.Join(dir, "more.csv"),
		[]byte("name,type,tier,owner,status,joined\nQuartz Analytics,isv,3,Dana Cruz,prospect,2026-11-01\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sum := fileSum(t, db)
	holdDatabase(t, db)

	// The runs go side by side: each waits out the store's few seconds.
	cmds := lockedCommands(dir, db)
	results := make([]ranCommand, len(cmds))
	var wg sync.WaitGroup
	for i, c := range cmds {
		wg.Go(func() { results[i] = runBinary(t, dir, "", bin, c.args...) })
	}
	var app appRun
	var appTook time.Duration
	wg.Go(func() {
		start := time.Now()
		app = runAppOnPTY(t, bin, "--db", db, "--now", "2026-11-23T09:00:00-05:00")
		appTook = time.Since(start)
	})
	wg.Wait()

	for i, c := range cmds {
		r := results[i]
		worked := r.code == 0 && strings.Contains(r.stdout+r.stderr, c.works)
		refused := r.code == 1 && strings.Contains(r.stderr, inUse) && r.stdout == ""
		if !worked && !refused {
			t.Errorf("cadence %s: exit %d\nstdout %.200q\nstderr %q\nwant it to work (%q) or exit 1 saying %q",
				strings.Join(c.args, " "), r.code, r.stdout, r.stderr, c.works, inUse)
		}
	}
	for i, c := range cmds {
		t.Logf("cadence %s: exit %d %s", strings.Join(c.args, " "), results[i].code, strings.TrimSpace(results[i].stderr))
	}
	t.Logf("the app: exit %d after %v, opened and quit: %v", app.code, appTook.Round(time.Millisecond), app.quit)
	if !app.quit && !(app.code == 1 && strings.Contains(app.screen, inUse)) {
		t.Errorf("the app: exit %d, screen %q; want it to open and quit, or exit 1 saying %q", app.code, app.screen, inUse)
	}
	if _, err := os.Stat(filepath.Join(dir, "copy.db")); err == nil && results[5].code != 0 {
		t.Error("a refused backup left copy.db behind")
	}
	if got := fileSum(t, db); got != sum {
		t.Error("the held database changed")
	}
}

// appRun is how a run of the app on a pty ended.
type appRun struct {
	code   int
	screen string // everything it wrote
	quit   bool   // it opened (drew its tabs) and quit on q
}

// runAppOnPTY starts the app on a terminal of 100×30. If it opens (its
// tab bar shows), it is sent q; either way it must end within runDeadline.
func runAppOnPTY(t *testing.T, bin string, args ...string) appRun {
	t.Helper()
	cmd := exec.Command(bin, args...)
	dir := t.TempDir()
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "NO_COLOR=1", "HOME="+dir, "XDG_CONFIG_HOME="+dir)
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 100, Rows: 30})
	if err != nil {
		t.Error(err)
		return appRun{code: -1}
	}
	defer tty.Close()
	var mu sync.Mutex
	var seen []byte
	read := make(chan struct{})
	go func() {
		defer close(read)
		buf := make([]byte, 32<<10)
		var answered [2]int
		for {
			n, err := tty.Read(buf)
			mu.Lock()
			seen = append(seen, buf[:n]...)
			// Answer the terminal queries (background colour, device
			// attributes) as a terminal does: unanswered, the command
			// line's error output waits seconds for them.
			for i, q := range [2][2]string{{"\x1b]11;?", "\x1b]11;rgb:0000/0000/0000\x1b\\"}, {"\x1b[c", "\x1b[?62;22c"}} {
				for asked := bytes.Count(seen, []byte(q[0])); answered[i] < asked; answered[i]++ {
					io.WriteString(tty, q[1])
				}
			}
			mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	deadline := time.After(runDeadline)
	opened := false
	for {
		select {
		case err := <-exited:
			select { // what is still in the pty
			case <-read:
			case <-time.After(time.Second):
			}
			mu.Lock()
			defer mu.Unlock()
			code := 0
			if ee, ok := errors.AsType[*exec.ExitError](err); ok {
				code = ee.ExitCode()
			}
			return appRun{code: code, screen: string(seen), quit: opened && code == 0}
		case <-deadline:
			cmd.Process.Kill()
			<-exited
			mu.Lock()
			defer mu.Unlock()
			t.Errorf("the app did not end within %v (quit sent: %v); it wrote:\n%s", runDeadline, opened, seen)
			return appRun{code: -1, screen: string(seen)}
		case <-time.After(50 * time.Millisecond):
			mu.Lock()
			drawn := bytes.Contains(seen, []byte("Registrations"))
			mu.Unlock()
			if drawn && !opened {
				opened = true
				io.WriteString(tty, "q")
			}
		}
	}
}

// TestCommandsBesideOpenApp: while the app is open on the database in a
// real terminal (tmux), every read-only command works (flags, agenda,
// readout, calendar, export, backup), and so does an import — each within
// the deadline; the app then quits normally.
func TestCommandsBesideOpenApp(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	db := demoDB(t, dir, bin, "team.db")
	if err := os.WriteFile(filepath.Join(dir, "more.csv"),
		[]byte("name,type,tier,owner,status,joined\nQuartz Analytics,isv,3,Dana Cruz,prospect,2026-11-01\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := startTmux(t, 100, 30, []string{"HOME=" + dir, "XDG_CONFIG_HOME=" + dir},
		bin, "--db", db, "--now", "2026-11-23T09:00:00-05:00")
	s.waitFor("Week 48")
	s.keys("3")
	s.waitFor("Northwind Systems")

	for _, c := range lockedCommands(dir, db) {
		if c.args[len(c.args)-1] == "demo" || c.args[2] == "restore" {
			continue // they write only into an empty database
		}
		r := runBinary(t, dir, "", bin, c.args...)
		if r.code != 0 || !strings.Contains(r.stdout+r.stderr, c.works) {
			t.Errorf("cadence %s beside the open app: exit %d\nstdout %.200q\nstderr %q; want it to work (%q)",
				strings.Join(c.args, " "), r.code, r.stdout, r.stderr, c.works)
		}
	}
	s.keys("/", "-l", "quartz")
	s.waitFor("Quartz Analytics") // the import, seen by the app
	s.keys("Escape")
	s.keys("q")
	s.waitGone()
}
