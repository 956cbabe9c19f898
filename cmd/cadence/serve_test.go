package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	gossh "golang.org/x/crypto/ssh"

	"partnercadence/cadence"
	"partnercadence/cadence/demo"
	"partnercadence/store"
)

// serveNow is the moment every serve test runs at: Monday of week 48, when
// Dana Cruz's 1:1 of Wednesday is coming up.
const serveNow = "2026-11-23T09:00:00-05:00"

// syncBuffer is a bytes.Buffer that a server's log and a test may use at once.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// team is a demo database with a config that gives Jordan Lee (the head)
// and Dana Cruz (a partner manager) an SSH key each.
type team struct {
	dir, db, config string
	text            string // the config as written
	jordan, dana    gossh.Signer
	// jordanKey and danaKey are their private keys' files, for ssh -i.
	jordanKey, danaKey string
}

func newSigner(t testing.TB) gossh.Signer {
	t.Helper()
	s, _ := newKey(t)
	return s
}

// newKey makes an ed25519 key: its signer and its private key in
// OpenSSH's PEM form, for a key file.
func newKey(t testing.TB) (gossh.Signer, []byte) {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "")
	if err != nil {
		t.Fatal(err)
	}
	return s, pem.EncodeToMemory(block)
}

// keyFile makes a key and writes its private half to dir/name (0600), as
// ssh -i wants it.
func keyFile(t testing.TB, dir, name string) (gossh.Signer, string) {
	t.Helper()
	s, pemBytes := newKey(t)
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, pemBytes, 0o600); err != nil {
		t.Fatal(err)
	}
	return s, path
}

func authorizedLine(s gossh.Signer) string {
	return strings.TrimSpace(string(gossh.MarshalAuthorizedKey(s.PublicKey())))
}

// withKey returns config text with key added to the member's ssh_keys.
func withKey(text, member string, s gossh.Signer) string {
	line := fmt.Sprintf("name = %q\n", member)
	return strings.Replace(text, line, line+fmt.Sprintf("ssh_keys = [%q]\n", authorizedLine(s)), 1)
}

func newTeam(t testing.TB, size demo.Size) *team {
	t.Helper()
	now, err := time.Parse(time.RFC3339, serveNow)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	tm := &team{dir: dir, db: filepath.Join(dir, "team.db"), config: filepath.Join(dir, "config.toml")}
	tm.jordan, tm.jordanKey = keyFile(t, dir, "jordan_ed25519")
	tm.dana, tm.danaKey = keyFile(t, dir, "dana_ed25519")
	text := demo.Config(size, now)
	cfg, err := cadence.ParseConfig([]byte(text), "demo")
	if err != nil {
		t.Fatal(err)
	}
	if err := store.Load(tm.db, cfg, func(l *store.Loader) error { return demo.Generate(size, 1, now, l) }); err != nil {
		t.Fatal(err)
	}
	tm.text = withKey(withKey(text, "Jordan Lee", tm.jordan), "Dana Cruz", tm.dana)
	if !strings.Contains(tm.text, "ssh_keys") {
		t.Fatal("the demo config names no Jordan Lee or Dana Cruz")
	}
	if err := os.WriteFile(tm.config, []byte(tm.text), 0o600); err != nil {
		t.Fatal(err)
	}
	return tm
}

// running is a server started in the test's process on a loopback port.
type running struct {
	s    *server
	addr string
	log  *syncBuffer
}

// startServe serves tm in this process until the test ends.
func startServe(t testing.TB, tm *team, o serveOptions) *running {
	t.Helper()
	if o.listen == "" {
		o.listen = "127.0.0.1:0"
	}
	if o.maxSessions == 0 {
		o.maxSessions = defaultMaxSessions
	}
	if o.idleTimeout == 0 {
		o.idleTimeout = defaultIdleTimeout
	}
	log := &syncBuffer{}
	g := &globals{db: tm.db, config: tm.config, now: serveNow}
	s, err := newServer(g, o, log)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve ended with %v", err)
		}
	})
	return &running{s: s, addr: s.ln.Addr().String(), log: log}
}

func dial(t testing.TB, addr string, auth ...gossh.AuthMethod) (*gossh.Client, error) {
	t.Helper()
	return gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User: "anyone", Auth: auth, HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second,
	})
}

func mustDial(t testing.TB, addr string, key gossh.Signer) *gossh.Client {
	t.Helper()
	c, err := dial(t, addr, gossh.PublicKeys(key))
	if err != nil {
		t.Fatalf("log in: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// execute runs command in a new session of c and returns its output,
// its standard error and its exit status.
func execute(t testing.TB, c *gossh.Client, command string) (stdout, stderr string, status int) {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	var out, errOut bytes.Buffer
	sess.Stdout, sess.Stderr = &out, &errOut
	err = sess.Run(command)
	var exit *gossh.ExitError
	switch {
	case errors.As(err, &exit):
		status = exit.ExitStatus()
	case err != nil:
		t.Fatalf("run %q: %v", command, err)
	}
	return out.String(), errOut.String(), status
}

// Keys of the config log in; a key nobody listed, a password and
// keyboard-interactive are refused, each with a line in the log that says
// from where and with what.
func TestServeLogins(t *testing.T) {
	tm := newTeam(t, demo.Small)
	r := startServe(t, tm, serveOptions{})
	for name, key := range map[string]gossh.Signer{"Jordan Lee": tm.jordan, "Dana Cruz": tm.dana} {
		c := mustDial(t, r.addr, key)
		out, _, status := execute(t, c, "flags")
		if status != 0 || !strings.Contains(out, "KIND") {
			t.Errorf("%s: flags gave status %d and %q", name, status, out)
		}
	}
	stranger := newSigner(t)
	challenge := gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return []string{"secret"}, nil })
	// (The server offers only public keys: a client with a password or
	// answers to keyboard-interactive has nothing to try.)
	for _, tc := range []struct {
		what   string
		auth   gossh.AuthMethod
		logged string
	}{
		{"an unknown key", gossh.PublicKeys(stranger), "key_fingerprints=" + gossh.FingerprintSHA256(stranger.PublicKey()) + " methods=publickey"},
		{"a password", gossh.Password("secret"), `reason="no public key offered (passwords and keyboard-interactive are not accepted)"`},
		{"keyboard-interactive", challenge, `reason="no public key offered (passwords and keyboard-interactive are not accepted)"`},
	} {
		before := strings.Count(r.log.String(), `msg="login refused"`)
		if c, err := dial(t, r.addr, tc.auth); err == nil {
			c.Close()
			t.Errorf("%s logged in", tc.what)
		}
		deadline := time.Now().Add(5 * time.Second)
		for strings.Count(r.log.String(), `msg="login refused"`) == before && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		// The last refusal's line: another session's disconnect may be
		// logged after it.
		var line string
		for l := range strings.Lines(r.log.String()) {
			if strings.Contains(l, `msg="login refused"`) {
				line = strings.TrimSpace(l)
			}
		}
		for _, want := range []string{`msg="login refused"`, "user=anyone", "remote=127.0.0.1:", tc.logged} {
			if !strings.Contains(line, want) {
				t.Errorf("%s: the log's last refusal lacks %q: %s", tc.what, want, line)
			}
		}
	}
	for _, want := range []string{`msg=connect member="Jordan Lee"`, `msg=disconnect member="Dana Cruz"`, "duration=", "key_fingerprint=" + gossh.FingerprintSHA256(tm.dana.PublicKey())} {
		if !strings.Contains(r.log.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, r.log)
		}
	}
}

// logLine returns the line of log that contains s.
func logLine(log, s string) string {
	for _, l := range strings.Split(log, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

// A session without a terminal is told in one line how to connect.
func TestServeWithoutTerminal(t *testing.T) {
	tm := newTeam(t, demo.Small)
	r := startServe(t, tm, serveOptions{})
	c := mustDial(t, r.addr, tm.dana)
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	sess.Stdout, sess.Stderr = &out, &errOut
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	err = sess.Wait()
	var exit *gossh.ExitError
	if !errors.As(err, &exit) || exit.ExitStatus() != 1 {
		t.Errorf("a session without a terminal ended with %v, want exit status 1", err)
	}
	want := fmt.Sprintf("connect with ssh -t -p %s 127.0.0.1", r.s.port)
	if lines := strings.Split(strings.TrimSpace(errOut.String()), "\n"); len(lines) != 1 || !strings.Contains(lines[0], want) {
		t.Errorf("a session without a terminal was told %q, want one line with %q", errOut.String(), want)
	}
	if out.Len() != 0 {
		t.Errorf("and got output %q", out.String())
	}
}

// serveBinary builds cadence once for the tests that run it as its own
// process.
var serveBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "cadence-serve-test-")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "cadence")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

func serveBin(t testing.TB) string {
	t.Helper()
	bin, err := serveBinary()
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

// An exec request runs a read-only command as the member who logged in:
// its output is the command line's own, byte for byte, and its exit
// status too. Any other command, and -o (a file on the server), are
// refused with exit status 2, and nothing is written.
func TestServeExec(t *testing.T) {
	tm := newTeam(t, demo.Small)
	r := startServe(t, tm, serveOptions{})
	bin := serveBin(t)
	c := mustDial(t, r.addr, tm.dana)
	for _, tc := range []struct {
		remote string
		local  []string
	}{
		{"flags", []string{"flags"}},
		{"flags --json", []string{"flags", "--json"}},
		{`agenda next-1on1 "Dana Cruz"`, []string{"agenda", "next-1on1", "Dana Cruz"}},
		{"agenda 1on1/dana-cruz/2026-11-25", []string{"agenda", "1on1/dana-cruz/2026-11-25"}},
		{"readout --quarter 2026-Q3", []string{"readout", "--quarter", "2026-Q3"}},
		{"agenda 1on1/nobody/2026-11-25", []string{"agenda", "1on1/nobody/2026-11-25"}},
	} {
		got, gotErr, status := execute(t, c, tc.remote)
		cmd := exec.Command(bin, append([]string{"--db", tm.db, "--config", tm.config, "--now", serveNow}, tc.local...)...)
		var want, wantErr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &want, &wantErr
		wantStatus := 0
		if err := cmd.Run(); err != nil {
			var exit *exec.ExitError
			if !errors.As(err, &exit) {
				t.Fatal(err)
			}
			wantStatus = exit.ExitCode()
		}
		if got != want.String() {
			t.Errorf("ssh %s: output differs from the command line's:\n--- ssh\n%s\n--- command line\n%s", tc.remote, got, want.String())
		}
		if status != wantStatus || gotErr != wantErr.String() {
			t.Errorf("ssh %s: exit status %d, stderr %q; the command line: %d, %q", tc.remote, status, gotErr, wantStatus, wantErr.String())
		}
		if wantStatus == 0 && len(got) < 100 {
			t.Errorf("ssh %s: output %q is too short to show anything", tc.remote, got)
		}
	}
	target := filepath.Join(tm.dir, "agenda.md")
	for _, tc := range []struct{ command, want string }{
		{"import partners /etc/passwd", `"import" is not a command cadence runs over SSH; these are: flags, agenda, readout`},
		{"calendar", `"calendar" is not a command`},
		{"agenda next-1on1 Dana -o " + target, "--output writes a file on the server"},
		{"flags --db /etc/passwd", "unknown flag: --db"},
		{"flags --me 'Jordan Lee'", "unknown flag: --me"},
	} {
		out, errOut, status := execute(t, c, tc.command)
		if status != 2 || !strings.Contains(errOut, tc.want) || out != "" {
			t.Errorf("ssh %s: status %d, stdout %q, stderr %q; want status 2 and %q", tc.command, status, out, errOut, tc.want)
		}
	}
	if _, err := os.Stat(target); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("-o over ssh wrote %s (%v)", target, err)
	}
}

// At most --max-sessions at once: the next is told why in one line, and a
// place frees when a session ends.
func TestServeMaxSessions(t *testing.T) {
	tm := newTeam(t, demo.Small)
	r := startServe(t, tm, serveOptions{maxSessions: 1})
	first := openApp(t, r.addr, tm.jordan)
	first.waitFor("Week 48")
	c := mustDial(t, r.addr, tm.dana)
	_, errOut, status := execute(t, c, "flags")
	if status != 1 || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "limit of 1 sessions (--max-sessions)") {
		t.Errorf("the session over the limit: status %d, told %q", status, errOut)
	}
	if !strings.Contains(r.log.String(), `msg="session refused"`) {
		t.Errorf("no refusal in the log:\n%s", r.log)
	}
	first.send("q")
	first.wait(t)
	if out, _, status := execute(t, c, "flags"); status != 0 || !strings.Contains(out, "KIND") {
		t.Errorf("after the first session ended: status %d, %q", status, out)
	}
}

// appClient is the app in an SSH session with a terminal of 100×30, as
// the Go client sees it: a terminal emulator draws what the app sends, and
// answers the app's questions (its background colour) as a terminal does.
type appClient struct {
	t     testing.TB
	sess  *gossh.Session
	stdin io.WriteCloser
	term  *screen
	// errOut is the session's standard error: the line said at the end.
	errOut syncBuffer
	done   chan error
}

func openApp(t testing.TB, addr string, key gossh.Signer) *appClient {
	t.Helper()
	c := mustDial(t, addr, key)
	return startApp100x30(t, c)
}

func startApp100x30(t testing.TB, c *gossh.Client) *appClient {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	a := &appClient{t: t, sess: sess, done: make(chan error, 1), term: newScreen(100, 30)}
	sess.Stdout, sess.Stderr = a.term, &a.errOut
	if a.stdin, err = sess.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	go io.Copy(a.stdin, a.term) // the terminal's answers
	if err := sess.RequestPty("xterm-256color", 30, 100, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	go func() { a.done <- sess.Wait() }()
	// (The goroutine copying the terminal's answers stays blocked once the
	// session is gone: closing vt's emulator races with its Read.)
	t.Cleanup(func() { sess.Close() })
	return a
}

// screen is a terminal emulator that the session's output and a test's
// reads may use at once (vt's own SafeEmulator does not lock its String).
type screen struct {
	mu sync.Mutex
	e  *vt.Emulator
}

func newScreen(width, height int) *screen { return &screen{e: vt.NewEmulator(width, height)} }

// Write draws output.
func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.e.Write(p)
}

// Read reads the terminal's answers to the program's questions.
func (s *screen) Read(p []byte) (int, error) { return s.e.Read(p) }

// String is the text on the screen.
func (s *screen) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.e.String()
}

// screenText is what the terminal shows now.
func (a *appClient) screenText() string { return a.term.String() }

// waitFor waits until the app has sent want, and returns when it saw it.
func (a *appClient) waitFor(want string) time.Time {
	a.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if strings.Contains(a.screenText(), want) {
			return time.Now()
		}
		if time.Now().After(deadline) {
			text := a.screenText()
			a.t.Fatalf("the app never showed %q; it shows:\n%s", want, text)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// send types keys, one write each, with a pause as a person types (a lone
// escape must not run into the next key).
func (a *appClient) send(keys ...string) {
	a.t.Helper()
	for _, k := range keys {
		if _, err := io.WriteString(a.stdin, k); err != nil {
			a.t.Fatalf("type %q: %v", k, err)
		}
		time.Sleep(60 * time.Millisecond)
	}
}

// wait waits for the session to end and returns its exit status.
func (a *appClient) wait(t testing.TB) int {
	t.Helper()
	select {
	case err := <-a.done:
		var exit *gossh.ExitError
		if errors.As(err, &exit) {
			return exit.ExitStatus()
		}
		if err != nil {
			t.Fatalf("session: %v", err)
		}
		return 0
	case <-time.After(10 * time.Second):
		t.Fatalf("the session did not end; it showed:\n%s", a.screenText())
		return -1
	}
}

// openDanasMeeting opens the 1:1 with Dana Cruz of Wednesday from the
// Week (the filter finds it whatever the order), and shows its talking
// points.
func (a *appClient) openDanasMeeting() {
	a.t.Helper()
	a.waitFor("Week 48")
	a.send("/", "dana", "\r")
	a.waitFor("filter: dana")
	a.send("\r")
	a.waitFor("1:1 with Dana Cruz")
	a.send("\t")
}

func recordOf(t testing.TB, db, id string) cadence.MeetingRecord {
	t.Helper()
	st, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rec, _, err := st.Record(id)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// Dana types talking points in her session; Jordan, with the same 1:1
// open in his, sees them within 500 ms of the save (DESIGN §9: an
// in-process signal, not the poll of the file).
func TestServeEditReachesOtherSession(t *testing.T) {
	tm := newTeam(t, demo.Small)
	r := startServe(t, tm, serveOptions{})
	jordan := openApp(t, r.addr, tm.jordan)
	dana := openApp(t, r.addr, tm.dana)
	jordan.openDanasMeeting()
	dana.openDanasMeeting()
	jordan.waitFor("Talking points")
	dana.send("\r") // edit
	dana.waitFor("esc stop editing")
	saved := r.s.store.Changes()
	dana.send("Renewal-pricing-for-Q1")
	var committed time.Time
	select {
	case <-saved:
		committed = time.Now()
	case <-time.After(10 * time.Second):
		t.Fatal("Dana's talking points were never saved")
	}
	seen := jordan.waitFor("Renewal-pricing-for-Q1")
	if d := seen.Sub(committed); d > 500*time.Millisecond {
		t.Errorf("Jordan saw Dana's talking points %s after they were saved; the budget is 500ms", d)
	}
	t.Logf("an edit reached the other session %s after its commit", seen.Sub(committed))
	if got := recordOf(t, tm.db, "1on1/dana-cruz/2026-11-25").TalkingPoints; got != "Renewal-pricing-for-Q1" {
		t.Errorf("talking points in the database: %q", got)
	}
}

// Jordan and Dana type into the same talking points at the same moment:
// both texts are in the database (store.EditMeeting merges them).
func TestServeTwoSessionsTypeSameText(t *testing.T) {
	tm := newTeam(t, demo.Small)
	r := startServe(t, tm, serveOptions{})
	jordan := openApp(t, r.addr, tm.jordan)
	dana := openApp(t, r.addr, tm.dana)
	for _, a := range []*appClient{jordan, dana} {
		a.openDanasMeeting()
		a.send("\r")
		a.waitFor("esc stop editing")
	}
	jordan.send("Jordan-renewal-pricing")
	dana.send("Dana-MDF-request")
	deadline := time.Now().Add(10 * time.Second)
	for {
		got := recordOf(t, tm.db, "1on1/dana-cruz/2026-11-25").TalkingPoints
		if strings.Contains(got, "Jordan-renewal-pricing") && strings.Contains(got, "Dana-MDF-request") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("talking points in the database: %q; want both texts", got)
		}
		time.Sleep(50 * time.Millisecond)
	}
	jordan.waitFor("Dana-MDF-request")
	dana.waitFor("Jordan-renewal-pricing")
}

// A session left alone is warned, then ended, saying why; a key press
// before the end keeps it open.
func TestServeIdleTimeout(t *testing.T) {
	tm := newTeam(t, demo.Small)
	r := startServe(t, tm, serveOptions{idleTimeout: 2 * time.Second})
	a := openApp(t, r.addr, tm.dana)
	a.waitFor("Week 48")
	a.waitFor("idle: session ends in 1s · press a key")
	a.send("3") // stays, on Partners
	a.waitFor("Northwind Systems")
	if status := a.wait(t); status != 0 {
		t.Errorf("an idle session ended with status %d", status)
	}
	if got := a.errOut.String(); !strings.Contains(got, "cadence: no key pressed for 2s, so the session ended; what you typed is saved") {
		t.Errorf("the idle session was told %q", got)
	}
}

var servingRE = regexp.MustCompile(`msg=serving listen=(\S+)`)

// serveProcess runs `cadence serve` as its own process on tm and returns
// it with its address; stderr collects its log.
func serveProcess(t testing.TB, tm *team, extra ...string) (*exec.Cmd, string, *syncBuffer) {
	t.Helper()
	bin := serveBin(t)
	args := append([]string{"--db", tm.db, "--config", tm.config, "--now", serveNow, "serve", "--listen", "127.0.0.1:0"}, extra...)
	cmd := exec.Command(bin, args...)
	log := &syncBuffer{}
	cmd.Stderr = log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	deadline := time.Now().Add(10 * time.Second)
	for {
		if m := servingRE.FindStringSubmatch(log.String()); m != nil {
			return cmd, m[1], log
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start:\n%s", log)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// SIGTERM with a session half-way through typing: the session is told,
// what was typed is in the database, and the process exits 0 within a few
// seconds.
func TestServeSIGTERMSavesTyping(t *testing.T) {
	tm := newTeam(t, demo.Small)
	cmd, addr, log := serveProcess(t, tm)
	dana := openApp(t, addr, tm.dana)
	dana.openDanasMeeting()
	dana.send("\r")
	dana.waitFor("esc stop editing")
	// Typed, shown, not saved yet (a save waits for a pause in typing).
	dana.send("typed-just-before-the-shutdown")
	dana.waitFor("typed-just-before-the-shutdown")
	if err := cmd.Process.Signal(os.Interrupt); err != nil { // SIGINT and SIGTERM alike
		t.Fatal(err)
	}
	start := time.Now()
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	dana.waitFor("the server is shutting down") // in the status line, while it saves
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("serve exited with %v, want 0; log:\n%s", err, log)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("serve did not exit within 10s of SIGINT; log:\n%s", log)
	}
	t.Logf("serve exited %s after the signal", time.Since(start))
	if got := recordOf(t, tm.db, "1on1/dana-cruz/2026-11-25").TalkingPoints; got != "typed-just-before-the-shutdown" {
		t.Errorf("talking points after the shutdown: %q", got)
	}
	dana.wait(t)
	if got := dana.errOut.String(); !strings.Contains(got, "the server is shutting down; what you typed is saved") {
		t.Errorf("the session was told %q", got)
	}
}

// SIGTERM itself, on a server with no session: exit 0.
func TestServeSIGTERMExitsZero(t *testing.T) {
	tm := newTeam(t, demo.Small)
	cmd, _, log := serveProcess(t, tm)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("serve exited with %v after SIGTERM; log:\n%s", err, log)
	}
	if !strings.Contains(log.String(), `msg="shutting down" signal=terminated`) {
		t.Errorf("no shutdown in the log:\n%s", log)
	}
}

// SIGHUP reads the config again: a new member's key logs in, the open
// session goes on, and a config with a mistake leaves the old one in
// force.
func TestServeSIGHUPAddsKey(t *testing.T) {
	tm := newTeam(t, demo.Small)
	cmd, addr, log := serveProcess(t, tm)
	jordan := openApp(t, addr, tm.jordan)
	jordan.waitFor("Week 48")
	sam := newSigner(t)
	if c, err := dial(t, addr, gossh.PublicKeys(sam)); err == nil {
		c.Close()
		t.Fatal("Sam's key logged in before it was in the config")
	}
	if err := os.WriteFile(tm.config, []byte(withKey(tm.text, "Sam Ortiz", sam)), 0o600); err != nil {
		t.Fatal(err)
	}
	hup := func(want string) {
		t.Helper()
		before := strings.Count(log.String(), want)
		if err := cmd.Process.Signal(syscall.SIGHUP); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(5 * time.Second)
		for strings.Count(log.String(), want) == before {
			if time.Now().After(deadline) {
				t.Fatalf("no %q after SIGHUP:\n%s", want, log)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	hup(`msg="config reloaded"`)
	c := mustDial(t, addr, sam)
	if out, _, status := execute(t, c, "flags"); status != 0 || !strings.Contains(out, "KIND") {
		t.Errorf("Sam after SIGHUP: status %d, %q", status, out)
	}
	if !strings.Contains(log.String(), `msg=connect member="Sam Ortiz"`) {
		t.Errorf("Sam's connect is not logged as Sam:\n%s", log)
	}
	// The session opened before goes on.
	jordan.send("3")
	jordan.waitFor("Northwind Systems")

	// A config with a mistake: reported, and the old one stays.
	if err := os.WriteFile(tm.config, []byte(tm.text+"\nbogus_key = 1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	hup(`msg="config not reloaded: the old one stays in force"`)
	if !strings.Contains(logLine(log.String(), "config not reloaded"), "bogus_key") {
		t.Errorf("the log does not say what is wrong:\n%s", log)
	}
	if _, _, status := execute(t, mustDial(t, addr, sam), "flags"); status != 0 {
		t.Errorf("Sam's key no longer works after a bad config: status %d", status)
	}
}

// The command line works beside serve: read-only commands at once, and an
// import either works or says the database is in use, within seconds.
func TestServeCommandLineBeside(t *testing.T) {
	tm := newTeam(t, demo.Small)
	r := startServe(t, tm, serveOptions{})
	jordan := openApp(t, r.addr, tm.jordan)
	jordan.waitFor("Week 48")
	jordan.send("3")
	jordan.waitFor("Northwind Systems")
	bin := serveBin(t)
	base := []string{"--db", tm.db, "--config", tm.config, "--now", serveNow}
	for _, args := range [][]string{{"flags"}, {"agenda", "1on1/dana-cruz/2026-11-25"}, {"readout"}, {"export"}} {
		start := time.Now()
		out, err := exec.Command(bin, append(base, args...)...).CombinedOutput()
		if err != nil {
			t.Errorf("%v beside serve: %v\n%s", args, err, out)
		}
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("%v beside serve took %s", args, d)
		}
	}
	csv := filepath.Join(tm.dir, "new.csv")
	if err := os.WriteFile(csv, []byte("name,type,tier,owner,status,joined\nAardvark Analytics,isv,1,Dana Cruz,active,2026-11-20\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	out, err := exec.Command(bin, append(base, "import", "partners", csv)...).CombinedOutput()
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("import beside serve took %s", d)
	}
	if err != nil && !strings.Contains(string(out), "database is in use") {
		t.Fatalf("import beside serve: %v\n%s", err, out)
	}
	if err == nil {
		// Another process's change reaches the sessions by the poll.
		jordan.waitFor("Aardvark Analytics")
	}
}

// Unsaved changes kept from an earlier session are offered to the member
// who made them, not to whoever connects first.
func TestServeRecoveryOfferedToItsAuthor(t *testing.T) {
	tm := newTeam(t, demo.Small)
	st, err := store.Open(tm.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	now, _ := time.Parse(time.RFC3339, serveNow)
	change := cadence.MeetingChange{Meeting: "1on1/dana-cruz/2026-11-25", What: "talking points of 1:1 Dana Cruz Nov 25", Edits: []cadence.MeetingEdit{
		{Kind: cadence.EditText, Field: cadence.FieldTalkingPoints, Text: "kept-for-jordan"},
	}}
	if _, err := st.WriteRecovery("Jordan Lee", now, []cadence.MeetingChange{change}); err != nil {
		t.Fatal(err)
	}
	r := startServe(t, tm, serveOptions{})
	dana := openApp(t, r.addr, tm.dana)
	dana.waitFor("Week 48")
	jordan := openApp(t, r.addr, tm.jordan)
	jordan.waitFor("Unsaved changes from an earlier run")
	// Dana's session looked for them first: by now it has its answer.
	dana.waitFor("2 Flags 1")
	if strings.Contains(dana.screenText(), "Unsaved changes from an earlier run") {
		t.Errorf("Dana was offered Jordan's unsaved changes:\n%s", dana.screenText())
	}
	jordan.send("y")
	deadline := time.Now().Add(10 * time.Second)
	for recordOf(t, tm.db, "1on1/dana-cruz/2026-11-25").TalkingPoints != "kept-for-jordan" {
		if time.Now().After(deadline) {
			t.Fatal("Jordan's kept changes were not saved")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A connection that drops half-way through typing (a closed laptop, a
// lost network) loses nothing: the session saves what was typed.
func TestServeDroppedConnectionSavesTyping(t *testing.T) {
	tm := newTeam(t, demo.Small)
	r := startServe(t, tm, serveOptions{})
	c := mustDial(t, r.addr, tm.dana)
	dana := startApp100x30(t, c)
	dana.openDanasMeeting()
	dana.send("\r")
	dana.waitFor("esc stop editing")
	dana.send("typed-before-the-line-dropped")
	dana.waitFor("typed-before-the-line-dropped")
	c.Close()
	deadline := time.Now().Add(10 * time.Second)
	for recordOf(t, tm.db, "1on1/dana-cruz/2026-11-25").TalkingPoints != "typed-before-the-line-dropped" {
		if time.Now().After(deadline) {
			t.Fatalf("talking points after the connection dropped: %q", recordOf(t, tm.db, "1on1/dana-cruz/2026-11-25").TalkingPoints)
		}
		time.Sleep(20 * time.Millisecond)
	}
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(r.log.String(), `msg=disconnect member="Dana Cruz"`); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no disconnect logged:\n%s", r.log)
		}
	}
}
