package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// These tests drive the built binary in a real terminal (tmux), as a user
// would: send keys, read the screen. They need tmux; CI installs it, and
// there a missing tmux is a failure, not a skip.

// tmuxSessions counts the sessions started, so that each has its own name
// (a test may run two apps side by side).
var tmuxSessions atomic.Int64

// tmuxSession is one cadence running in a detached tmux session.
type tmuxSession struct {
	t    *testing.T
	name string
}

// buildBinary builds cadence once per test run.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "cadence")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// startTmux runs the command line in a new tmux session of the given size.
func startTmux(t *testing.T, width, height int, env []string, args ...string) *tmuxSession {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("tmux is not installed (.ci/run installs it)")
		}
		t.Skip("tmux is not installed")
	}
	name := fmt.Sprintf("cadence-test-%s-%d", strings.ReplaceAll(t.Name(), "/", "-"), tmuxSessions.Add(1))
	_ = exec.Command("tmux", "kill-session", "-t", name).Run()
	cmdline := strings.Join(append(env, args...), " ")
	cmd := exec.Command("tmux", "new-session", "-d", "-s", name, "-x", strconv.Itoa(width), "-y", strconv.Itoa(height), cmdline)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("tmux new-session: %v\n%s", err, out)
	}
	s := &tmuxSession{t: t, name: name}
	t.Cleanup(func() { _ = exec.Command("tmux", "kill-session", "-t", name).Run() })
	return s
}

// keys sends tmux key names ("Enter", "Escape", "Down", "q"), one at a
// time with a pause, as a person types: an Escape followed at once by a key
// would reach the app as alt+key. "-l" sends the next argument as literal
// text.
func (s *tmuxSession) keys(keys ...string) {
	s.t.Helper()
	for i := 0; i < len(keys); i++ {
		args := []string{"send-keys", "-t", s.name}
		if keys[i] == "-l" && i+1 < len(keys) {
			i++
			args = append(args, "-l", keys[i])
		} else {
			args = append(args, keys[i])
		}
		if out, err := exec.Command("tmux", args...).CombinedOutput(); err != nil {
			s.t.Fatalf("tmux send-keys %v: %v\n%s", args, err, out)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// screen returns what the terminal shows now.
func (s *tmuxSession) screen() string {
	out, err := exec.Command("tmux", "capture-pane", "-p", "-t", s.name).CombinedOutput()
	if err != nil {
		return ""
	}
	return string(out)
}

// waitFor waits until the screen contains want, or fails showing the screen.
func (s *tmuxSession) waitFor(want string) string {
	s.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		scr := s.screen()
		if strings.Contains(scr, want) {
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("screen never showed %q; it shows:\n%s", want, scr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitGone waits until the tmux session has ended (the program quit).
func (s *tmuxSession) waitGone() {
	s.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for exec.Command("tmux", "has-session", "-t", s.name).Run() == nil {
		if time.Now().After(deadline) {
			s.t.Fatalf("cadence did not quit; the screen shows:\n%s", s.screen())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestTmuxTour opens the app on a demo and visits every screen as a user
// would, then quits.
func TestTmuxTour(t *testing.T) {
	bin := buildBinary(t)
	home := t.TempDir()
	s := startTmux(t, 100, 30, []string{"HOME=" + home, "XDG_CONFIG_HOME=" + home, "XDG_DATA_HOME=" + home},
		bin, "--demo", "--now", "2026-11-23T09:00:00-05:00")
	s.waitFor("Week 48")
	s.waitFor("2 Flags 1")
	s.keys("3")
	s.waitFor("Northwind Systems")
	s.keys("/")
	s.keys("-l", "orbital")
	s.waitFor("Orbital Alliance Partners")
	s.keys("Escape", "4")
	s.waitFor("R-306")
	s.keys("5")
	s.waitFor("Pipeline coverage")
	s.keys("6")
	s.waitFor("Priya Natarajan")
	s.keys("?")
	s.waitFor("press any key to close")
	s.keys("Escape", "1", "j", "Enter")
	s.waitFor("Carried over")
	s.keys("Escape")
	s.waitFor("Week 48")
	s.keys("q")
	s.waitGone()
}

// TestTmuxSeesOtherProcessesChanges keeps the app open while an import runs
// in "another terminal"; the new partner shows up without a restart.
func TestTmuxSeesOtherProcessesChanges(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "team.db")
	if out, err := exec.Command(bin, "--now", "2026-11-23", "demo", "--db", db).CombinedOutput(); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	s := startTmux(t, 100, 30, []string{"HOME=" + dir, "XDG_CONFIG_HOME=" + dir},
		bin, "--db", db, "--now", "2026-11-23T09:00:00-05:00")
	s.waitFor("Week 48")
	s.keys("3")
	s.waitFor("Northwind Systems")

	csv := filepath.Join(dir, "new.csv")
	os.WriteFile(csv, []byte("name,type,tier,owner,status,joined\nAardvark Analytics,isv,1,Dana Cruz,active,2026-11-20\n"), 0o644)
	if out, err := exec.Command(bin, "--db", db, "import", "partners", csv).CombinedOutput(); err != nil {
		t.Fatalf("import while the app is open: %v\n%s", err, out)
	}
	s.waitFor("Aardvark Analytics")
	// And the read-only commands work beside the open app.
	if out, err := exec.Command(bin, "--db", db, "--now", "2026-11-23", "flags").CombinedOutput(); err != nil {
		t.Fatalf("flags while the app is open: %v\n%s", err, out)
	}
	s.keys("q")
	s.waitGone()
}

// TestTmuxSmallTerminal: below 80×24 the app says so, and recovers when the
// terminal grows.
func TestTmuxSmallTerminal(t *testing.T) {
	bin := buildBinary(t)
	home := t.TempDir()
	s := startTmux(t, 60, 20, []string{"HOME=" + home, "XDG_CONFIG_HOME=" + home, "XDG_DATA_HOME=" + home},
		bin, "--demo", "--now", "2026-11-23T09:00:00-05:00")
	s.waitFor("needs a terminal of at least 80×24")
	if out, err := exec.Command("tmux", "resize-window", "-t", s.name, "-x", "100", "-y", "30").CombinedOutput(); err != nil {
		t.Fatalf("resize: %v\n%s", err, out)
	}
	s.waitFor("Week 48")
	s.keys("q")
	s.waitGone()
}

// TestTmuxFirstRun: no config, no data: the first-run screen, then the demo.
func TestTmuxFirstRun(t *testing.T) {
	bin := buildBinary(t)
	home := t.TempDir()
	s := startTmux(t, 100, 30, []string{"HOME=" + home, "XDG_CONFIG_HOME=" + home + "/config", "XDG_DATA_HOME=" + home + "/data", "CADENCE_DB=", "CADENCE_CONFIG="},
		bin, "--now", "2026-11-23T09:00:00-05:00")
	s.waitFor("Welcome to cadence")
	s.waitFor(home + "/config/cadence/config.toml")
	s.keys("c")
	s.waitFor("Wrote " + home + "/config/cadence/config.toml")
	s.keys("d")
	s.waitFor("Week 48")
	s.keys("q")
	s.waitGone()
	if _, err := os.Stat(filepath.Join(home, "config", "cadence", "config.toml")); err != nil {
		t.Errorf("example config not written: %v", err)
	}
}

// TestTmuxFirstRunReadsTheConfigItWrote: the example config written from
// the first-run screen is the one the app then runs on (its team, its me),
// not the built-in fallback.
func TestTmuxFirstRunReadsTheConfigItWrote(t *testing.T) {
	bin := buildBinary(t)
	home := t.TempDir()
	s := startTmux(t, 100, 30, []string{"HOME=" + home, "XDG_CONFIG_HOME=" + home + "/config", "XDG_DATA_HOME=" + home + "/data", "CADENCE_DB=", "CADENCE_CONFIG="},
		bin, "--now", "2026-11-23T09:00:00-05:00")
	s.waitFor("Welcome to cadence")
	s.keys("c")
	s.waitFor("Wrote " + home + "/config/cadence/config.toml")
	s.keys("Enter")
	s.waitFor("Week 48")
	// The example config's team has weekly 1:1s (none without a config),
	// and its holidays.
	s.waitFor("1:1       Marcus Bell")
	s.waitFor("Thu Nov 26 · holiday")
	s.keys("q")
	s.waitGone()
}
