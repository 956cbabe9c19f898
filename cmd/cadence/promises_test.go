package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"partnercadence/cadence/demo"
	"partnercadence/store"
)

// These tests hold the promises of the README's "What cadence promises"
// about typed text: it survives signals, a closed terminal, a kill after
// the save, a database held by another process, and a second person
// editing the same meeting.

const (
	danaMeeting = "1on1/dana-cruz/2026-11-25"
	appNow      = "2026-11-23T09:00:00-05:00"
)

// startApp opens the app on db in tmux. A shell stays in the terminal
// after cadence ends and prints its exit status, so the terminal it leaves
// behind can be read.
func startApp(t *testing.T, bin, db string, extra ...string) *tmuxSession {
	t.Helper()
	dir := filepath.Dir(db)
	args := append([]string{bin, "--db", db, "--now", appNow}, extra...)
	args = append(args, ";", "echo", "cadence-exit=$?", ";", "sleep", "300")
	s := startTmux(t, 100, 30, []string{"HOME=" + dir, "XDG_CONFIG_HOME=" + dir}, args...)
	s.waitFor("Week 48")
	return s
}

func (s *tmuxSession) tmux(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", args...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

// openDanasMeeting moves the Week's cursor to Dana's 1:1 and opens it.
func (s *tmuxSession) openDanasMeeting() {
	s.t.Helper()
	for range 6 {
		if line := lineOf(s.screen(), "▸"); strings.Contains(line, "Dana Cruz") {
			s.keys("Enter")
			s.waitFor("1:1 with Dana Cruz")
			return
		}
		s.keys("j")
	}
	s.t.Fatalf("no row for Dana's 1:1:\n%s", s.screen())
}

func lineOf(screen, marker string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, marker) {
			return l
		}
	}
	return ""
}

// writingDanasTalkingPoints opens the app on a new demo database, and in it
// Dana's 1:1, writing its talking points.
func writingDanasTalkingPoints(t *testing.T) (bin, db string, s *tmuxSession) {
	t.Helper()
	bin = buildBinary(t)
	db = demoDB(t, t.TempDir(), bin, "team.db")
	s = startApp(t, bin, db)
	s.openDanasMeeting()
	s.writeTalkingPoints()
	return bin, db, s
}

// writeTalkingPoints focuses the talking points and starts writing.
func (s *tmuxSession) writeTalkingPoints() {
	s.t.Helper()
	s.keys("Tab", "Enter")
	s.waitFor("esc stop editing")
}

// appPID is the process ID of the cadence running on db (read from /proc,
// so the test needs nothing beyond tmux).
func appPID(t *testing.T, bin, db string) int {
	t.Helper()
	want := bin + "\x00--db\x00" + db + "\x00"
	dirs, _ := os.ReadDir("/proc")
	for _, d := range dirs {
		pid, err := strconv.Atoi(d.Name())
		if err != nil {
			continue
		}
		if cmdline, err := os.ReadFile(filepath.Join("/proc", d.Name(), "cmdline")); err == nil && strings.HasPrefix(string(cmdline), want) {
			return pid
		}
	}
	t.Fatalf("no cadence process on %s", db)
	return 0
}

// waitExit waits until process pid has ended.
func waitExit(t *testing.T, pid int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for syscall.Kill(pid, 0) == nil {
		if time.Now().After(deadline) {
			t.Fatalf("cadence (pid %d) did not end", pid)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// talkingPoints reads the stored talking points of Dana's 1:1.
func talkingPoints(t *testing.T, db string) string {
	t.Helper()
	st, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rec, _, err := st.Record(danaMeeting)
	if err != nil {
		t.Fatal(err)
	}
	return rec.TalkingPoints
}

// TestTmuxSignalsSaveTypedText types talking points and, with no pause,
// sends SIGINT, SIGTERM or SIGHUP, or closes the terminal: the text is in
// the database, and the terminal is left as it was (no alternate screen,
// cursor shown).
func TestTmuxSignalsSaveTypedText(t *testing.T) {
	bin := buildBinary(t)
	for _, sig := range []string{"INT", "TERM", "HUP", "closed terminal"} {
		t.Run(strings.ReplaceAll(sig, " ", "_"), func(t *testing.T) {
			db := demoDB(t, t.TempDir(), bin, "team.db")
			s := startApp(t, bin, db)
			s.openDanasMeeting()
			s.writeTalkingPoints()
			pid := appPID(t, bin, db)
			text := "typed before " + sig
			s.tmux("send-keys", "-t", s.name, "-l", text)
			// The signal comes before the save (a second after the last
			// key), as soon as the app has the keys: keys still in the
			// terminal when it closes are the terminal's to drop.
			s.waitFor(text)
			if sig == "closed terminal" {
				s.tmux("kill-session", "-t", s.name)
			} else {
				if err := exec.Command("kill", "-"+sig, fmt.Sprint(pid)).Run(); err != nil {
					t.Fatal(err)
				}
			}
			waitExit(t, pid)
			if got := talkingPoints(t, db); got != text {
				t.Errorf("talking points after %s: %q, want %q", sig, got, text)
			}
			if sig == "closed terminal" {
				return
			}
			s.waitFor("cadence-exit=0")
			if got := s.tmux("display", "-p", "-t", s.name, "#{alternate_on} #{cursor_flag}"); got != "0 1" {
				t.Errorf("after %s: alternate screen, cursor shown = %q, want \"0 1\"", sig, got)
			}
		})
	}
}

// TestTmuxKillAfterSave: once the screen says saved, not even SIGKILL
// loses the text.
func TestTmuxKillAfterSave(t *testing.T) {
	bin, db, s := writingDanasTalkingPoints(t)
	s.keys("-l", "renewal terms")
	s.waitFor(" saved  ")
	pid := appPID(t, bin, db)
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	waitExit(t, pid)
	if got := talkingPoints(t, db); got != "renewal terms" {
		t.Errorf("after SIGKILL: %q", got)
	}
	if err := checkDB(db); err != nil {
		t.Error(err)
	}
}

func checkDB(db string) error {
	st, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer st.Close()
	return st.Check()
}

// TestTmuxEscThenQuitWhileSaving: esc and q 0.2 s apart right after
// typing leave the app, with the text saved.
func TestTmuxEscThenQuitWhileSaving(t *testing.T) {
	bin, db, s := writingDanasTalkingPoints(t)
	pid := appPID(t, bin, db)
	s.tmux("send-keys", "-t", s.name, "-l", "esc then q")
	s.tmux("send-keys", "-t", s.name, "Escape")
	time.Sleep(200 * time.Millisecond)
	s.tmux("send-keys", "-t", s.name, "q")
	waitExit(t, pid)
	if got := talkingPoints(t, db); got != "esc then q" {
		t.Errorf("talking points %q", got)
	}
}

// holdFile holds bbolt's lock on db (flock(1), the same flock(2) lock) until
// the returned function is called.
func holdFile(t *testing.T, db string) (release func()) {
	t.Helper()
	// -o: flock itself holds the lock, not the sleep it runs.
	cmd := exec.Command("flock", "-x", "-o", db, "sleep", "60")
	if err := cmd.Start(); err != nil {
		t.Fatalf("flock: %v (util-linux)", err)
	}
	// Wait until the lock is really held.
	deadline := time.Now().Add(5 * time.Second)
	for exec.Command("flock", "-x", "-n", db, "true").Run() == nil {
		if time.Now().After(deadline) {
			t.Fatal("flock never took the lock")
		}
		time.Sleep(20 * time.Millisecond)
	}
	var released bool
	release = func() {
		if !released {
			released = true
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	}
	t.Cleanup(release)
	return release
}

// TestTmuxSaveBlockedByLockLands: a save while another process holds the
// file says so, is retried, and lands once the file is free.
func TestTmuxSaveBlockedByLockLands(t *testing.T) {
	_, db, s := writingDanasTalkingPoints(t)
	release := holdFile(t, db)
	s.keys("-l", "while held")
	s.waitFor("not saved yet, retrying")
	s.waitFor("not saved (database in use)")
	release()
	s.waitFor("everything waiting is in the database now")
	if got := talkingPoints(t, db); got != "while held" {
		t.Errorf("talking points %q after the lock went", got)
	}
}

// TestTmuxQuitWithUnsavedKeepsARecoveryFile: q while the file is held asks;
// quitting anyway writes the text to a private recovery file, which the
// next start offers and saves.
func TestTmuxQuitWithUnsavedKeepsARecoveryFile(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	db := demoDB(t, dir, bin, "team.db")
	s := startApp(t, bin, db)
	s.openDanasMeeting()
	s.writeTalkingPoints()
	release := holdFile(t, db)
	s.keys("-l", "kept for later", "Escape", "q")
	s.waitFor("Quit with unsaved changes?")
	s.waitFor("Talking points of 1:1 with Dana Cruz")
	s.keys("y")
	pane := s.waitFor("cadence: the database did not take the last changes")
	files, _ := filepath.Glob(db + ".recovery-*.json")
	if len(files) != 1 || !strings.Contains(strings.ReplaceAll(pane, "\n", ""), filepath.Base(files[0])) {
		t.Fatalf("recovery files %v; the terminal says:\n%s", files, pane)
	}
	if info, err := os.Stat(files[0]); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("recovery file mode %v, %v; want 0600", info.Mode(), err)
	}
	release()
	if got := talkingPoints(t, db); got != "" {
		t.Errorf("talking points %q although the file was held", got)
	}

	s2 := startTmux(t, 100, 30, []string{"HOME=" + dir, "XDG_CONFIG_HOME=" + dir}, bin, "--db", db, "--now", appNow)
	s2.waitFor("Unsaved changes from an earlier run")
	s2.waitFor("Talking points of 1:1 with Dana Cruz")
	s2.keys("y")
	s2.waitFor("everything waiting is in the database now")
	if got := talkingPoints(t, db); got != "kept for later" {
		t.Errorf("talking points %q after restoring", got)
	}
	if files, _ := filepath.Glob(db + ".recovery-*.json"); len(files) != 0 {
		t.Errorf("recovery file left after it was saved: %v", files)
	}
}

// TestTmuxTwoPeopleEditOneMeeting: Jordan and Dana, in two terminals, each
// write talking points and add an action to the same 1:1: both people's
// words and both actions are in the database, and each screen shows both.
func TestTmuxTwoPeopleEditOneMeeting(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	db := demoDB(t, dir, bin, "team.db")
	now, _ := time.Parse(time.RFC3339, appNow)
	text := demo.Config(demo.Small, now)
	danaConfig := filepath.Join(dir, "dana.toml")
	if err := os.WriteFile(danaConfig, []byte(strings.Replace(text, `me = "Jordan Lee"`, `me = "Dana Cruz"`, 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, `me = "Jordan Lee"`) {
		t.Fatal("the demo config no longer names Jordan Lee as me")
	}
	jordan := startApp(t, bin, db)
	dana := startApp(t, bin, db, "--config", danaConfig)
	for _, s := range []*tmuxSession{jordan, dana} {
		s.openDanasMeeting()
		s.writeTalkingPoints()
	}
	// Both type before either save lands.
	jordan.keys("-l", "Jordan: renewal pricing")
	dana.keys("-l", "Dana: MDF request")
	jordan.waitFor(" saved  ")
	dana.waitFor(" saved  ")
	got := talkingPoints(t, db)
	for _, want := range []string{"Jordan: renewal pricing", "Dana: MDF request"} {
		if !strings.Contains(got, want) {
			t.Errorf("talking points lost %q: %q", want, got)
		}
	}
	// The one who saved second was told, and both screens show both lines.
	jordan.waitFor("Dana: MDF request")
	dana.waitFor("Jordan: renewal pricing")
	if !strings.Contains(jordan.screen()+dana.screen(), "Merged with the changes") {
		t.Errorf("neither screen says the texts were merged:\n%s\n%s", jordan.screen(), dana.screen())
	}
	// Each adds an action.
	for i, s := range []*tmuxSession{jordan, dana} {
		s.keys("Escape", "Tab", "Tab", "a")
		s.waitFor("New action item")
		s.keys("-l", fmt.Sprintf("action from window %d", i+1), "Enter")
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		st, err := store.Open(db, store.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		rec, _, err := st.Record(danaMeeting)
		st.Close()
		if err != nil {
			t.Fatal(err)
		}
		var texts []string
		for _, a := range rec.Actions {
			texts = append(texts, a.Text)
		}
		all := strings.Join(texts, "|")
		if strings.Contains(all, "action from window 1") && strings.Contains(all, "action from window 2") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("actions in the database: %q", texts)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
