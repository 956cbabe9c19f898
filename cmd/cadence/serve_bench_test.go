package main

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"partnercadence/cadence"
	"partnercadence/store"
)

// benchSessions is how many sessions browse at once (DESIGN §10).
const benchSessions = 20

// BenchmarkServe20Sessions serves a copy of the large demo ($CADENCE_BENCH_DB)
// from the built binary, as its own process, to 20 SSH sessions on
// loopback (120×40 terminals) that browse the Partners screen (5,000 rows)
// at once: every iteration, each of the 20 presses a key at the same moment
// (within a frame's tick: see offBeat) and waits for its frame. It reports,
// for DESIGN §10's serve row:
//
//   - ms-key-to-frame-p50 / -p95: from a key sent to the bytes of the
//     frame that answers it (the cursor's marker on its new row), over
//     every key of every session;
//   - ms-server-cpu-per-key: the server process's CPU time (user and
//     system, /proc/PID/stat) over those keys, per key; and
//     ms-client-cpu-per-key the same for the benchmark's own process (the
//     20 SSH clients), which shares the cores: the client keeps the bytes
//     and looks for the marker, without emulating a terminal, while keys
//     are timed;
//   - ms-key-alone-p50: key to frame for one session pressing keys while
//     the other 19 wait, for comparison;
//   - MiB-rss, MiB-peak, MiB-per-session: the server's resident memory
//     (/proc/PID/status VmRSS and VmHWM) with the 20 sessions open, and
//     (VmHWM - VmRSS before the first session) / 20; MiB-rss-file and
//     MiB-rss-anon split VmRSS into the database's mapped pages and the
//     process's own memory;
//   - ms-edit-seen-max / -p50: from the commit of talking points typed in
//     one session (the file's change) to the frame that shows them in each
//     of the 19 others, which have that 1:1 open.
//
// Skipped without $CADENCE_BENCH_DB; see the README.
func BenchmarkServe20Sessions(b *testing.B) {
	src := os.Getenv("CADENCE_BENCH_DB")
	if src == "" {
		b.Skip("set CADENCE_BENCH_DB to a large demo database (cadence demo --size large)")
	}
	dir := b.TempDir()
	db := filepath.Join(dir, "large.db")
	copyFileTo(b, src, db)
	tm := &team{dir: dir, db: db, config: filepath.Join(dir, "config.toml")}
	keys := benchConfig(b, tm)

	cmd, addr, log := serveProcess(b, tm, "--max-sessions", strconv.Itoa(benchSessions))
	pid := cmd.Process.Pid
	before := procStatus(b, pid, "VmRSS")

	sessions := make([]*benchSession, len(keys))
	var wg sync.WaitGroup
	for i, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sessions[i] = openBenchSession(b, addr, k)
		}()
	}
	wg.Wait()
	for _, s := range sessions {
		s.waitFor(b, " flags")
		s.press(b, "3") // Partners
		s.waitFor(b, "5000 partners")
	}

	var lat []time.Duration
	var mu sync.Mutex
	key := 0
	serverCPU, clientCPU := procCPU(b, pid), selfCPU(b)
	for b.Loop() {
		k := []string{"j", "k"}[key%2]
		key++
		var round sync.WaitGroup
		for _, s := range sessions {
			round.Add(1)
			go func() {
				defer round.Done()
				s.offBeat()
				d := s.keyToFrame(b, k)
				mu.Lock()
				lat = append(lat, d)
				mu.Unlock()
			}()
		}
		round.Wait()
	}
	b.StopTimer()
	pressed := float64(len(lat))
	b.ReportMetric(ms(procCPU(b, pid)-serverCPU)/pressed, "ms-server-cpu-per-key")
	b.ReportMetric(ms(selfCPU(b)-clientCPU)/pressed, "ms-client-cpu-per-key")
	slices.Sort(lat)
	b.ReportMetric(ms(lat[len(lat)/2]), "ms-key-to-frame-p50")
	b.ReportMetric(ms(lat[len(lat)*95/100]), "ms-key-to-frame-p95")
	// The same keys pressed by one session while the others wait: the
	// latency of a key without 19 others queued beside it.
	var alone []time.Duration
	for i := range 40 {
		sessions[0].offBeat()
		alone = append(alone, sessions[0].keyToFrame(b, []string{"j", "k"}[i%2]))
	}
	slices.Sort(alone)
	b.ReportMetric(ms(alone[len(alone)/2]), "ms-key-alone-p50")
	rss, peak := procStatus(b, pid, "VmRSS"), procStatus(b, pid, "VmHWM")
	b.ReportMetric(rss, "MiB-rss")
	// Of which the database's pages mapped by bbolt (the page cache,
	// shared and given back under pressure) and the process's own.
	b.ReportMetric(procStatus(b, pid, "RssFile"), "MiB-rss-file")
	b.ReportMetric(procStatus(b, pid, "RssAnon"), "MiB-rss-anon")
	b.ReportMetric(peak, "MiB-peak")
	b.ReportMetric((peak-before)/benchSessions, "MiB-per-session")

	// Every session opens Dana Cruz's 1:1 of this week; the head writes
	// its talking points.
	for _, s := range sessions {
		s.press(b, "1")
		s.waitFor(b, "Week 48")
		s.press(b, "/", "dana cruz", "\r")
		s.waitFor(b, "filter: dana cruz")
		s.press(b, "\r")
		s.waitFor(b, "1:1 with Dana Cruz")
		s.press(b, "\t")
	}
	head, others := sessions[0], sessions[1:]
	head.press(b, "\r")
	head.waitFor(b, "esc stop editing")
	text := "Edit-seen-by-" + strconv.Itoa(len(others)) + "-sessions"
	for _, s := range others {
		s.expect(text)
	}
	stamp, err := os.Stat(db)
	if err != nil {
		b.Fatal(err)
	}
	head.press(b, text)
	var committed time.Time
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(200 * time.Microsecond) {
		if st, err := os.Stat(db); err == nil && (st.ModTime() != stamp.ModTime() || st.Size() != stamp.Size()) {
			committed = time.Now()
			break
		}
		if time.Now().After(deadline) {
			b.Fatalf("the talking points were never saved; log:\n%s", log)
		}
	}
	var seen []time.Duration
	for _, s := range others {
		seen = append(seen, s.seen(b).Sub(committed))
	}
	slices.Sort(seen)
	b.ReportMetric(ms(seen[len(seen)/2]), "ms-edit-seen-p50")
	b.ReportMetric(ms(seen[len(seen)-1]), "ms-edit-seen-max")
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// benchConfig writes the large demo's own config (stored in the database)
// with an SSH key for each of its first 20 members, the head first, and
// returns the keys in that order.
func benchConfig(b *testing.B, tm *team) []gossh.Signer { return benchConfigT(b, tm) }

func benchConfigT(b testing.TB, tm *team) []gossh.Signer {
	b.Helper()
	st, err := store.Open(tm.db, store.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	text, err := st.EmbeddedConfig()
	st.Close()
	if err != nil || text == "" {
		b.Fatalf("the database has no config of its own (%v): is it a demo?", err)
	}
	cfg, err := cadence.ParseConfig([]byte(text), "embedded")
	if err != nil {
		b.Fatal(err)
	}
	var keys []gossh.Signer
	for _, m := range cfg.Team[:benchSessions] {
		k := newSigner(b)
		text = withKey(text, m.Name, k)
		keys = append(keys, k)
	}
	if cfg.Team[0].Role != cadence.RoleHead {
		b.Fatalf("the first member, %s, is not the head", cfg.Team[0].Name)
	}
	if err := os.WriteFile(tm.config, []byte(text), 0o600); err != nil {
		b.Fatal(err)
	}
	return keys
}

func copyFileTo(b *testing.B, from, to string) {
	b.Helper()
	in, err := os.Open(from)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	// On disk before the server starts: else the first commit's fsync
	// writes the whole copy, and the edit's time to the others with it.
	if err := out.Sync(); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
}

// procCPU returns the CPU time (user and system) process pid has used.
func procCPU(b *testing.B, pid int) time.Duration {
	b.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		b.Fatal(err)
	}
	// The fields after the command's name, which is in parentheses:
	// state is the first, utime the 12th and stime the 13th.
	f := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+1:]))
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		b.Fatalf("/proc/%d/stat: %q", pid, data)
	}
	const ticks = 100 // USER_HZ on Linux
	return time.Duration(utime+stime) * time.Second / ticks
}

// selfCPU returns the CPU time (user and system) this process has used.
func selfCPU(b *testing.B) time.Duration {
	b.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// procStatus reads a size field of /proc/PID/status, in MiB.
func procStatus(b *testing.B, pid int, field string) float64 {
	b.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			if err != nil {
				b.Fatal(err)
			}
			return kb / 1024
		}
	}
	b.Fatalf("no %s in /proc/%d/status", field, pid)
	return 0
}

// benchSession is one SSH session of the benchmark. Its client does as
// little as it can while keys are timed, so that the 20 clients on the same
// cores cost the server's measure as little as possible: the output is
// kept as bytes, and a key's frame is proven by its bytes (the cursor's
// marker ▸, drawn on the row the key moved to). The output goes through a
// terminal emulator only when the test reads the screen (waitFor) and
// while an edit is awaited (expect: the text must show on the screen).
type benchSession struct {
	sess  *gossh.Session
	stdin io.Writer
	term  *screen

	mu sync.Mutex
	// pending is output not drawn on term yet.
	pending []byte
	// frame, while a key waits for its frame, takes the time the bytes
	// that draw the cursor's marker arrived; from is where the key's
	// output starts in pending.
	frame chan time.Time
	from  int
	// want is the text expected (expect); seenAt when it showed.
	want   string
	seenAt time.Time
	found  chan struct{}
}

func openBenchSession(b *testing.B, addr string, key gossh.Signer) *benchSession {
	c, err := dial(b, addr, gossh.PublicKeys(key))
	if err != nil {
		b.Error(err)
		return nil
	}
	b.Cleanup(func() { c.Close() })
	sess, err := c.NewSession()
	if err != nil {
		b.Error(err)
		return nil
	}
	s := &benchSession{sess: sess, term: newScreen(120, 40)}
	stdin, err := sess.StdinPipe()
	if err != nil {
		b.Error(err)
		return nil
	}
	s.stdin = stdin
	stdout, err := sess.StdoutPipe()
	if err != nil {
		b.Error(err)
		return nil
	}
	go io.Copy(stdin, s.term) // the terminal's answers
	go s.read(stdout)
	if err := sess.RequestPty("xterm-256color", 40, 120, gossh.TerminalModes{}); err != nil {
		b.Error(err)
		return nil
	}
	if err := sess.Shell(); err != nil {
		b.Error(err)
		return nil
	}
	b.Cleanup(func() { sess.Close() })
	return s
}

// cursorMarker is what the Partners table draws on the cursor's row.
var cursorMarker = []byte("▸")

// read keeps the output, noting when the frame a key waits for arrives and
// when the text expected first shows.
func (s *benchSession) read(r io.Reader) {
	buf := make([]byte, 32<<10)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			at := time.Now()
			s.mu.Lock()
			s.pending = append(s.pending, buf[:n]...)
			if s.frame != nil && bytes.Contains(s.pending[s.from:], cursorMarker) {
				s.frame <- at
				s.frame = nil
			}
			if s.want != "" && s.seenAt.IsZero() {
				s.draw()
				if strings.Contains(s.term.String(), s.want) {
					s.seenAt = at
					close(s.found)
				}
			}
			s.mu.Unlock()
		}
		if err != nil {
			return
		}
	}
}

// draw feeds the output kept to the terminal emulator; s.mu is held.
func (s *benchSession) draw() {
	if len(s.pending) > 0 {
		s.term.Write(s.pending)
		s.pending = s.pending[:0]
	}
}

// screen returns the text on the screen.
func (s *benchSession) screen() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.draw()
	return s.term.String()
}

func (s *benchSession) press(b *testing.B, keys ...string) {
	b.Helper()
	for _, k := range keys {
		if _, err := io.WriteString(s.stdin, k); err != nil {
			b.Fatal(err)
		}
		time.Sleep(30 * time.Millisecond)
	}
}

// offBeat waits a random part of a frame's tick. A session draws on its
// program's ticker (serveFPS); a key sent the moment the last frame arrived
// reaches the server just after a tick and always waits the whole next one
// (8.3 ms at 120 frames a second), where a person's keys, unrelated to the
// ticker, wait half of one on average.
func (s *benchSession) offBeat() {
	time.Sleep(rand.N(time.Second / serveFPS))
}

// keyToFrame sends key (one that moves the Partners table's cursor) and
// returns the time until the bytes that draw the cursor on its new row
// arrived.
func (s *benchSession) keyToFrame(b *testing.B, key string) time.Duration {
	frame := make(chan time.Time, 1)
	s.mu.Lock()
	if len(s.pending) > 1<<20 {
		s.draw()
	}
	s.frame, s.from = frame, len(s.pending)
	s.mu.Unlock()
	start := time.Now()
	if _, err := io.WriteString(s.stdin, key); err != nil {
		b.Error(err)
		return 0
	}
	select {
	case at := <-frame:
		return at.Sub(start)
	case <-time.After(10 * time.Second):
		b.Error("no frame within 10s of a key")
		return 0
	}
}

func (s *benchSession) waitFor(b *testing.B, text string) {
	b.Helper()
	for deadline := time.Now().Add(30 * time.Second); !strings.Contains(s.screen(), text); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			b.Fatalf("the session never showed %q; it shows:\n%s", text, s.screen())
		}
	}
}

// expect makes the session note when text first shows.
func (s *benchSession) expect(text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.draw()
	s.want, s.seenAt, s.found = text, time.Time{}, make(chan struct{})
}

// seen returns when the expected text first showed.
func (s *benchSession) seen(b *testing.B) time.Time {
	b.Helper()
	select {
	case <-s.found:
	case <-time.After(20 * time.Second):
		b.Fatalf("the edit never showed; the session shows:\n%s", s.screen())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.seenAt
}
