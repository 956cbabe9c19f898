package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"partnercadence/cadence"
	"partnercadence/store"
)

// TestImportSurvivesSIGKILL kills `cadence import` (50,000 touchpoints into
// the small demo, the built binary in its own process) 24 times and reopens
// the database after each: bbolt's consistency check passes and the export
// is byte for byte the one from before the import or the one from after it
// — all of the import or none of it, never a part. Half of the kills come at
// a random moment of the whole run (reading, checking, writing); the other
// half at a random moment of the commit, the only time the file changes:
// from its first change (the file grows) to the end of the process.
func TestImportSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("kills 24 imports of 50,000 rows")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	base := filepath.Join(dir, "base.db")
	mustRunCadence(t, bin, "demo", "--db", base, "--now", "2026-11-23")
	csvPath := filepath.Join(dir, "touchpoints.csv")
	if err := os.WriteFile(csvPath, demoTouchpoints(t, base, 50_000), 0o600); err != nil {
		t.Fatal(err)
	}
	none := exportBytes(t, base)

	// The whole import once, uninterrupted: what "all" looks like, how long
	// it takes and how long its commit takes, which is where the kills are
	// spread.
	db := filepath.Join(dir, "cadence.db")
	copyTo(t, base, db)
	cmd := startImport(t, bin, db, csvPath)
	start := time.Now()
	changed, ok := waitForChange(db, 5*time.Minute)
	if !ok {
		t.Fatal("the import never changed the database file")
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("uninterrupted import: %v", err)
	}
	took, commit := time.Since(start), time.Since(changed)
	all := exportBytes(t, db)
	if bytes.Equal(all, none) {
		t.Fatal("the import changed nothing")
	}

	killDuringImport(t, 24, base, db, took, commit, none, all, func() *exec.Cmd { return startImport(t, bin, db, csvPath) })
}

// killDuringImport starts an import (start) kills times on a fresh copy of
// base at db and SIGKILLs it: half the time at a random moment of the
// uninterrupted import's took, half inside its commit (the last commit of
// it, from the file's first change). After each kill the file must open,
// pass bbolt's check and hold all of the import or none of it (its export
// equal to all or none).
func killDuringImport(t *testing.T, kills int, base, db string, took, commit time.Duration, none, all []byte, start func() *exec.Cmd) {
	t.Helper()
	seed := time.Now().UnixNano()
	t.Logf("seed %d; an uninterrupted import takes %v, the last %v of it from the file's first change", seed, took, commit)
	rng := rand.New(rand.NewPCG(uint64(seed), 0))
	outcomes := map[string]int{}
	for i := range kills {
		copyTo(t, base, db)
		cmd := start()
		mode := "anytime"
		var after time.Duration
		if i%2 == 0 {
			after = time.Duration(rng.Int64N(int64(took) * 11 / 10))
			time.Sleep(after)
		} else {
			mode = "commit"
			changed, ok := waitForChange(db, 2*took)
			after = time.Duration(rng.Int64N(int64(commit)*11/10 + 1))
			if ok {
				time.Sleep(time.Until(changed.Add(after)))
			}
		}
		_ = cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		killed := err != nil && strings.Contains(err.Error(), "killed")
		if err != nil && !killed {
			t.Fatalf("kill %d: import failed on its own: %v\n%s", i+1, err, cmd.Stderr)
		}

		s, err := store.Open(db, store.Options{})
		if err != nil {
			t.Fatalf("kill %d (%s, %v): reopen: %v", i+1, mode, after, err)
		}
		if err := s.Check(); err != nil {
			t.Fatalf("kill %d (%s, %v): consistency check: %v", i+1, mode, after, err)
		}
		s.Close()
		got := exportBytes(t, db)
		var outcome string
		switch {
		case bytes.Equal(got, none):
			outcome = "none"
		case bytes.Equal(got, all):
			outcome = "all"
		default:
			t.Fatalf("kill %d (%s, %v): the database holds part of the import (export of %d bytes; none %d, all %d)",
				i+1, mode, after, len(got), len(none), len(all))
		}
		if !killed {
			outcome = "finished first"
		}
		outcomes[mode+": "+outcome]++
	}
	t.Logf("outcomes: %v", outcomes)
}

// startImport starts the built cadence importing csvPath into db.
func startImport(t *testing.T, bin, db, csvPath string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(bin, "--db", db, "import", "touchpoints", csvPath)
	cmd.Stderr = &bytes.Buffer{}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

// waitForChange polls the file at path until its size or modification time
// changes, and returns when it saw that; false when limit passed first.
func waitForChange(path string, limit time.Duration) (time.Time, bool) {
	before, err := os.Stat(path)
	if err != nil {
		return time.Time{}, false
	}
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		info, err := os.Stat(path)
		if err == nil && (info.Size() != before.Size() || !info.ModTime().Equal(before.ModTime())) {
			return time.Now(), true
		}
		time.Sleep(100 * time.Microsecond)
	}
	return time.Time{}, false
}

// mustRunCadence runs the built cadence and fails the test if it fails.
func mustRunCadence(t *testing.T, bin string, args ...string) {
	t.Helper()
	if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
		t.Fatalf("cadence %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// exportBytes returns the export of the database at path.
func exportBytes(t *testing.T, path string) []byte {
	t.Helper()
	s, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var b bytes.Buffer
	if err := s.Export(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// demoTouchpoints returns a touchpoints CSV of n new touchpoints of the
// demo's partners, each logged by one of its team.
func demoTouchpoints(t *testing.T, path string, n int) []byte {
	t.Helper()
	s, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	partners, err := s.Partners()
	if err != nil {
		t.Fatal(err)
	}
	text, err := s.EmbeddedConfig()
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := cadence.ParseConfig([]byte(text), "embedded")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write([]string{"partner", "date", "kind", "direction", "account", "note", "by"})
	kinds := []string{"call", "email", "meeting", "intro", "event", "note"}
	for i := range n {
		kind := kinds[i%len(kinds)]
		account := ""
		if kind == "intro" {
			account = fmt.Sprintf("Account %d", i)
		}
		_ = w.Write([]string{partners[i%len(partners)].Name, fmt.Sprintf("2026-%02d-%02d", 1+i%10, 1+i%28), kind, "inbound",
			account, fmt.Sprintf("imported %d", i), cfg.Team[i%len(cfg.Team)].Name})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
