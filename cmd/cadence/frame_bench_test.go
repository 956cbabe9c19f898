package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/creack/pty"
)

// BenchmarkStartToFirstFrame starts the built binary on a terminal (a pty,
// 120×40) on the large demo database named by $CADENCE_BENCH_DB and times the
// whole process from start to the first frame of the app (its tab bar on
// the screen), and, as ms-to-data, to the frame that shows the loaded data
// (the flag count). Skipped without $CADENCE_BENCH_DB; see the README.
// dataShown matches the tab bar once the data is loaded: the Flags tab
// then carries the count.
var dataShown = regexp.MustCompile(`Flags [0-9]`)

func BenchmarkStartToFirstFrame(b *testing.B) {
	db := os.Getenv("CADENCE_BENCH_DB")
	if db == "" {
		b.Skip("set CADENCE_BENCH_DB to a large demo database")
	}
	bin := filepath.Join(b.TempDir(), "cadence")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	var toData time.Duration
	for b.Loop() {
		cmd := exec.Command(bin, "--db", db, "--now", "2026-11-23T09:00:00-05:00")
		cmd.Env = append(os.Environ(), "TERM=xterm-256color", "NO_COLOR=1")
		start := time.Now()
		tty, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 120, Rows: 40})
		if err != nil {
			b.Fatal(err)
		}
		var seen []byte
		buf := make([]byte, 64<<10)
		framed := false
		for {
			n, err := tty.Read(buf)
			if err != nil {
				b.Fatalf("the app ended before its first frame: %v\n%s", err, seen)
			}
			seen = append(seen, buf[:n]...)
			if !framed && bytes.Contains(seen, []byte("Registrations")) {
				framed = true
				b.StopTimer()
			}
			if dataShown.Match(seen) {
				toData += time.Since(start)
				break
			}
		}
		cmd.Process.Kill()
		cmd.Wait()
		tty.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(toData.Milliseconds())/float64(b.N), "ms-to-data")
}
