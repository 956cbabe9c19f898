package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"partnercadence/cadence/demo"
)

// sshClient starts the OpenSSH client in tmux, logging in to addr with the
// key file key, as a person would at their terminal. It skips the test
// when ssh is not installed (.ci/run installs openssh-client).
func sshClient(t *testing.T, tm *team, addr, key string) *tmuxSession {
	t.Helper()
	if _, err := exec.LookPath("ssh"); err != nil {
		t.Skip("the OpenSSH client (ssh) is not installed: this end-to-end test of cadence serve needs it (apt-get install openssh-client)")
	}
	host, port, _ := strings.Cut(addr, ":")
	args := []string{"ssh", "-F", "/dev/null", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
		"-o", "IdentitiesOnly=yes", "-o", "LogLevel=ERROR", "-i", key, "-p", port, host,
		";", "echo", "ssh-exit=$?", ";", "sleep", "300"}
	return startTmux(t, 100, 30, []string{"HOME=" + tm.dir, "SSH_AUTH_SOCK="}, args...)
}

// End to end with the real OpenSSH client: Dana, a partner manager,
// prepares her 1:1 (talking points, an action item) in her session; Jordan,
// the head, has the same 1:1 open in his and sees both arrive. A key
// nobody listed is refused.
func TestTmuxServeOpenSSH(t *testing.T) {
	tm := newTeam(t, demo.Small)
	r := startServe(t, tm, serveOptions{})
	dana := sshClient(t, tm, r.addr, tm.danaKey)
	jordan := sshClient(t, tm, r.addr, tm.jordanKey)
	for _, s := range []*tmuxSession{dana, jordan} {
		s.waitFor("Week 48")
		s.keys("/", "-l", "dana", "Enter")
		s.waitFor("filter: dana")
		s.keys("Enter")
		s.waitFor("1:1 with Dana Cruz")
	}
	// Each one's name in the tab bar: they are themselves.
	for s, name := range map[*tmuxSession]string{dana: "Dana Cruz", jordan: "Jordan Lee"} {
		if bar, _, _ := strings.Cut(s.screen(), "\n"); !strings.HasSuffix(strings.TrimSpace(bar), name) {
			t.Errorf("the tab bar does not end with %s: %q", name, bar)
		}
	}
	jordan.keys("Tab")
	jordan.waitFor("No talking points yet")

	dana.keys("Tab", "Enter")
	dana.waitFor("esc stop editing")
	dana.keys("-l", "Ask about the MDF budget for Q1")
	dana.waitFor("Ask about the MDF budget for Q1")
	dana.keys("Escape")
	dana.waitFor("enter write")
	dana.keys("a")
	dana.waitFor("New action item")
	dana.keys("-l", "Send Northwind the co-marketing plan", "Enter")
	dana.waitFor("Action items (1)")

	jordan.waitFor("Ask about the MDF budget for Q1")
	jordan.waitFor("Action items (1)")
	jordan.keys("Tab", "Tab")
	jordan.waitFor("Send Northwind the co-marketing plan")
	rec := recordOf(t, tm.db, "1on1/dana-cruz/2026-11-25")
	if rec.TalkingPoints != "Ask about the MDF budget for Q1" || len(rec.Actions) != 1 || rec.Actions[0].Text != "Send Northwind the co-marketing plan" {
		t.Errorf("the 1:1 in the database: talking points %q, actions %+v", rec.TalkingPoints, rec.Actions)
	}
	for _, s := range []*tmuxSession{dana, jordan} {
		s.keys("Escape", "Escape", "q")
		s.waitFor("ssh-exit=0")
	}

	_, strangerKey := keyFile(t, tm.dir, "stranger_ed25519")
	stranger := sshClient(t, tm, r.addr, strangerKey)
	scr := stranger.waitFor("ssh-exit=255")
	if !strings.Contains(scr, "Permission denied (publickey)") {
		t.Errorf("an unknown key was not refused as ssh says it:\n%s", scr)
	}
	if !strings.Contains(r.log.String(), `msg="login refused"`) {
		t.Errorf("the refusal is not in the log:\n%s", r.log)
	}
	_ = os.Remove(strangerKey)
}
