package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"

	"partnercadence/cadence"
	"partnercadence/store"
)

// Control characters from the data never reach a terminal (issue 10 item 5,
// DESIGN §9): the flags table shows them as symbols wherever it goes; the
// report commands keep the text as their format has it for a file or a
// pipe, and show the symbols to a terminal.

// The hostile values, as the issue found them: a partner's name sets the
// window title, an intro's account also puts "echo pwned" on the clipboard
// (OSC 52), and a note colours what follows it red and carries a C1 CSI,
// a BEL and a DEL.
const (
	evilName    = "Evil\x1b]0;TITLE\x07Corp"
	evilAccount = "Evil\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b]0;TITLE\x07Corp"
	evilNote    = "note \x1b[31mred\u009b31m\x07bel\x7fdel"
)

func TestVisibleWriterSplitAnywhere(t *testing.T) {
	in := "Evil\x1b]0;TITLE\x07Corp · Zürich 東京\r\nnext\rline\u009b31m\x00\x7f\xff\xfe end\r"
	want := cadence.Visible(in)
	for cut := 0; cut <= len(in); cut++ {
		var out bytes.Buffer
		v := &visibleWriter{w: &out}
		for _, part := range []string{in[:cut], in[cut:]} {
			if n, err := v.Write([]byte(part)); n != len(part) || err != nil {
				t.Fatalf("Write(%q) = %d, %v", part, n, err)
			}
		}
		if err := v.Flush(); err != nil {
			t.Fatal(err)
		}
		if out.String() != want {
			t.Fatalf("cut at %d: %q, want %q", cut, out.String(), want)
		}
	}
	// A byte at a time.
	var out bytes.Buffer
	v := &visibleWriter{w: &out}
	for i := range len(in) {
		v.Write([]byte{in[i]})
	}
	v.Flush()
	if out.String() != want {
		t.Errorf("a byte at a time: %q, want %q", out.String(), want)
	}
}

func TestTerminalSafeLeavesFilesAndPipesAlone(t *testing.T) {
	var buf bytes.Buffer
	if w, _ := terminalSafe(&buf); w != io.Writer(&buf) {
		t.Error("a buffer is filtered")
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if got, _ := terminalSafe(w); got != io.Writer(w) {
		t.Error("a pipe is filtered")
	}
	if err := writeOutput(&buf, outputFile{}, func(w io.Writer) error { _, err := io.WriteString(w, evilNote); return err }); err != nil {
		t.Fatal(err)
	}
	if buf.String() != evilNote {
		t.Errorf("writeOutput to a pipe wrote %q, want the text as it was", buf.String())
	}
}

func TestFlagTableShowsControlsAsSymbols(t *testing.T) {
	flags := []cadence.Flag{
		{Kind: cadence.FlagIntroUnregistered, Days: 13, Owner: "Dana Cruz", Partner: evilName, Ref: "evil/intro",
			Message: evilName + " introduced " + evilAccount + ":\n" + evilNote},
		{Kind: cadence.FlagSilentPartner, Days: 40, Owner: "Dana Cruz", Partner: "Plain Partner", Ref: "plain-partner", Message: "quiet"},
	}
	for _, color := range []bool{false, true} {
		var buf bytes.Buffer
		writeFlagTable(&buf, flags, 0, color)
		out := buf.String()
		if bad := dataControls(out); bad != "" {
			t.Errorf("color %v: the table carries %s:\n%q", color, bad, out)
		}
		lines := strings.Split(ansi.Strip(out), "\n")
		if !strings.Contains(lines[1], "Evil␛]0;TITLE␇Corp introduced Evil␛]52;c;ZWNobyBwd25lZA==␇␛]0;TITLE␇Corp: note ␛[31mred\ufffd31m␇bel␡del") {
			t.Errorf("color %v: the flag's row does not show its message as symbols: %q", color, lines[1])
		}
		// The next row starts in the default colour, its columns where the
		// header's are.
		if want := strings.Index(lines[0], "PARTNER"); strings.Index(lines[2], "Plain Partner") != want {
			t.Errorf("color %v: the next row is out of line:\n%s\n%s", color, lines[0], lines[2])
		}
	}
}

// dataControls names a control code in out that did not come from the
// table's own styling (bold, and yellow for the kind): "" for none.
func dataControls(out string) string {
	for i := 0; i < len(out); i++ {
		switch c := out[i]; {
		case c == 0x1b:
			j := i + 1
			if j >= len(out) || out[j] != '[' {
				return "an escape that is not a CSI at " + strconv.Quote(out[i:min(i+10, len(out))])
			}
			for j++; j < len(out) && (out[j] < 0x40 || out[j] > 0x7e); j++ {
			}
			if j >= len(out) || out[j] != 'm' {
				return "a CSI that is not a colour at " + strconv.Quote(out[i:min(j+1, len(out))])
			}
			for _, p := range strings.Split(out[i+2:j], ";") {
				if p == "31" {
					return "an SGR 31 (red), which only the data has"
				}
			}
			i = j
		case c < 0x20 && c != '\n' && c != '\t', c == 0x7f:
			return "a " + strconv.Quote(string(c))
		case c == 0xc2 && i+1 < len(out) && out[i+1] >= 0x80 && out[i+1] < 0xa0:
			return "a C1 code " + strconv.Quote(out[i:i+2])
		}
	}
	return ""
}

// hostileDB writes the small demo into a database and imports the hostile
// values through the command line, as a user would: a partner, its intro
// and a registration from CSV files. Dana's next 1:1 gets talking points
// and an action item with them.
func hostileDB(t *testing.T, bin string) string {
	t.Helper()
	dir := t.TempDir()
	db := filepath.Join(dir, "team.db")
	cadenceRun(t, bin, "--now", "2026-11-23", "demo", "--db", db)
	files := map[string]string{
		"partners":      "name,type,tier,owner,status,joined\n\"" + evilName + "\",reseller,1,Dana Cruz,active,2026-01-05\n",
		"touchpoints":   "partner,date,kind,direction,account,note,by\n\"" + evilName + "\",2026-11-10,intro,inbound,\"" + evilAccount + "\",\"" + evilNote + "\",Dana Cruz\n",
		"registrations": "id,partner,account,amount,submitted,status,attribution,owner\n\"EVIL-\x1b]0;TITLE\x07-1\",\"" + evilName + "\",\"Acct \x1b[31mRed\",12000,2026-11-02,submitted,sourced,Dana Cruz\n",
	}
	for _, kind := range []string{"partners", "touchpoints", "registrations"} {
		csv := filepath.Join(dir, kind+".csv")
		if err := os.WriteFile(csv, []byte(files[kind]), 0o600); err != nil {
			t.Fatal(err)
		}
		cadenceRun(t, bin, "--db", db, "--now", "2026-11-23", "import", kind, csv)
	}
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	text, err := st.EmbeddedConfig()
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := cadence.ParseConfig([]byte(text), "the demo's config")
	if err != nil {
		t.Fatal(err)
	}
	const id = "1on1/dana-cruz/2026-11-25"
	rec, _, err := st.Record(id)
	if err != nil {
		t.Fatal(err)
	}
	rec.ID = id
	rec.TalkingPoints = "Ask " + evilName + " about " + evilAccount + "\n" + evilNote
	rec.Actions = append(rec.Actions, cadence.ActionItem{Text: "Chase " + evilAccount, Owner: "Dana Cruz"})
	if _, err := st.SaveRecord(cfg, "", rec); err != nil {
		t.Fatal(err)
	}
	return db
}

// cadenceRun runs the binary and returns its stdout; it fails the test on
// a non-zero exit.
func cadenceRun(t *testing.T, bin string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "NO_COLOR=")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("cadence %s: %v\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	return out
}

// onTerminal runs the binary with a terminal (a pty) as its stdout and
// stderr, and returns every byte the terminal received.
func onTerminal(t *testing.T, bin string, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "NO_COLOR=", "TERM=xterm-256color")
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 400, Rows: 50})
	if err != nil {
		t.Fatal(err)
	}
	defer tty.Close()
	var out bytes.Buffer
	done := make(chan error, 1)
	go func() {
		_, err := io.Copy(&out, tty)
		done <- err
	}()
	werr := cmd.Wait()
	select {
	case err := <-done:
		// Linux reports the end of a pty whose other side closed as EIO.
		if err != nil && !errors.Is(err, syscall.EIO) {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the terminal's output never ended")
	}
	if werr != nil {
		t.Fatalf("cadence %s on a terminal: %v\n%s", strings.Join(args, " "), werr, out.Bytes())
	}
	return out.String()
}

func TestHostileDataOnTheCommandLine(t *testing.T) {
	bin := buildBinary(t)
	db := hostileDB(t, bin)
	at := []string{"--db", db, "--now", "2026-11-23"}
	const agendaID = "1on1/dana-cruz/2026-11-25"

	// flags, to a pipe: the table shows the symbols, and only them.
	table := string(cadenceRun(t, bin, append(at, "flags")...))
	if bad := dataControls(table); bad != "" {
		t.Errorf("flags to a pipe carries %s", bad)
	}
	for _, want := range []string{"Evil␛]0;TITLE␇Corp introduced Evil␛]52;c;ZWNobyBwd25lZA==␇␛]0;TITLE␇Corp", "EVIL-␛]0;TITLE␇-1"} {
		if !strings.Contains(table, want) {
			t.Errorf("flags does not show %q:\n%s", want, table)
		}
	}
	// flags --json keeps the text: decoded, it is the account as imported.
	var flags []cadence.Flag
	if err := json.Unmarshal(cadenceRun(t, bin, append(at, "flags", "--json")...), &flags); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range flags {
		found = found || f.Kind == cadence.FlagIntroUnregistered && strings.Contains(f.Message, evilAccount)
	}
	if !found {
		t.Errorf("flags --json lost the account's text: %+v", flags)
	}
	// agenda, to a pipe: the talking points are quoted as written; export
	// keeps the note's C1 code and DEL (JSON does not escape them).
	md := string(cadenceRun(t, bin, append(at, "agenda", agendaID)...))
	if !strings.Contains(md, "\x1b]0;TITLE\x07") {
		t.Errorf("agenda to a pipe changed the talking points:\n%q", md)
	}
	if export := string(cadenceRun(t, bin, append(at, "export")...)); !strings.Contains(export, "red\u009b31m\\u0007bel\x7fdel") {
		t.Errorf("export to a pipe changed the note: %q", export)
	}

	// To a terminal: every report command sends no control code of the
	// data, and shows it — as symbols, or escaped by its format (JSON).
	for _, c := range []struct {
		args  []string
		shows []string
	}{
		{[]string{"flags"}, []string{"Evil␛]0;TITLE␇Corp introduced Evil␛]52;c;ZWNobyBwd25lZA==␇␛]0;TITLE␇Corp"}},
		{[]string{"flags", "--json"}, []string{`Evil\u001b]0;TITLE\u0007Corp`}},
		{[]string{"agenda", agendaID}, []string{"␛]0;TITLE␇", "red\ufffd31m␇bel␡del"}},
		{[]string{"readout"}, nil},
		{[]string{"calendar", "--from", "2026-11-23", "--to", "2026-12-31"}, nil},
		{[]string{"export"}, []string{`Evil\u001b]0;TITLE\u0007Corp`, "red\ufffd31m\\u0007bel␡del"}},
	} {
		out := onTerminal(t, bin, append(at, c.args...)...)
		// The terminal driver turns each LF into CRLF on the way out.
		if bad := dataControls(strings.ReplaceAll(out, "\r\n", "\n")); bad != "" {
			t.Errorf("cadence %s on a terminal sends %s:\n%q", strings.Join(c.args, " "), bad, out)
		}
		for _, want := range c.shows {
			if !strings.Contains(out, want) {
				t.Errorf("cadence %s on a terminal does not show %q:\n%s", strings.Join(c.args, " "), want, out)
			}
		}
	}
}

// In a real terminal (tmux, with applications allowed to set the
// clipboard), printing the agenda and the flags leaves the window title and
// the clipboard as they were.
func TestTmuxHostileDataSetsNoTitleNorClipboard(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("tmux is not installed (.ci/run installs it)")
		}
		t.Skip("tmux is not installed")
	}
	bin := buildBinary(t)
	db := hostileDB(t, bin)
	// A server of its own: its options and buffers are this test's.
	sock := "cadence-hostile-" + strconv.Itoa(os.Getpid())
	tmux := func(args ...string) string {
		t.Helper()
		out, err := exec.Command("tmux", append([]string{"-L", sock, "-f", "/dev/null"}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	tmux("new-session", "-d", "-s", "hostile", "-x", "200", "-y", "50", "sh")
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", sock, "kill-server").Run() })
	tmux("set-option", "-s", "set-clipboard", "on")
	tmux("select-pane", "-t", "hostile", "-T", "before")
	cmdline := strings.Join([]string{bin, "--db", db, "--now", "2026-11-23", "agenda", "1on1/dana-cruz/2026-11-25", ";",
		bin, "--db", db, "--now", "2026-11-23", "flags", ";", "echo", "DONE-$((40+2))"}, " ")
	tmux("send-keys", "-t", "hostile", "-l", cmdline)
	tmux("send-keys", "-t", "hostile", "Enter")
	deadline := time.Now().Add(10 * time.Second)
	screen := ""
	for !strings.Contains(screen, "DONE-42") {
		if time.Now().After(deadline) {
			t.Fatalf("the commands never finished; the screen shows:\n%s", screen)
		}
		time.Sleep(50 * time.Millisecond)
		screen = tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", "hostile")
	}
	if title := strings.TrimSpace(tmux("display-message", "-p", "-t", "hostile", "#{pane_title}")); title != "before" {
		t.Errorf("the pane's title is %q, want it unchanged (%q)", title, "before")
	}
	if out, err := exec.Command("tmux", "-L", sock, "list-buffers").CombinedOutput(); err == nil && len(bytes.TrimSpace(out)) > 0 {
		t.Errorf("something set the clipboard: %s", out)
	}
	if !strings.Contains(screen, "Evil␛]52;c;ZWNobyBwd25lZA==␇␛]0;TITLE␇Corp") {
		t.Errorf("the screen does not show the account as symbols:\n%s", screen)
	}
	if colored := tmux("capture-pane", "-p", "-e", "-S", "-200", "-t", "hostile"); strings.Contains(colored, "\x1b[31m") {
		t.Errorf("the data's colour code reached the screen:\n%q", colored)
	}
}
