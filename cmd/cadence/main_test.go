package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
	bolt "go.etcd.io/bbolt"

	"partnercadence/cadence"
	"partnercadence/store"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"cadence":     func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
		"holdlock":    holdLock,
		"keepwriting": keepWriting,
	})
}

// TestScripts runs the command line end to end: every script in
// testdata/script is a session at a shell, with files to start from.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("HOME", env.WorkDir+"/home")
			env.Setenv("XDG_CONFIG_HOME", env.WorkDir+"/home/.config")
			env.Setenv("XDG_DATA_HOME", env.WorkDir+"/home/.local/share")
			env.Setenv("NO_COLOR", "1")
			// Real-looking CRM exports (BOMs, CRLF, report footers) are kept
			// byte-exact beside the CSV codec; every script gets a copy.
			return copyDir("../../cadence/csvimport/testdata", env.WorkDir+"/crm")
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"jsonflags": jsonFlags,
			"sleep":     sleep,
		},
	})
}

// holdlock FILE SECONDS is a separate process that holds FILE open for
// writing (bbolt's exclusive lock) for SECONDS: another process in the middle
// of a long write. Scripts run it in the background with exec … &.
func holdLock() {
	if len(os.Args) != 3 {
		fatal("usage: holdlock FILE SECONDS")
	}
	db, err := bolt.Open(os.Args[1], 0o600, &bolt.Options{Timeout: 5 * time.Second})
	check(err)
	time.Sleep(seconds(os.Args[2]))
	check(db.Close())
	os.Exit(0)
}

// keepwriting FILE SECONDS is a separate process that writes to the database
// through the store every 20 ms for SECONDS, as the open app does while
// someone types; read-only commands must keep working beside it.
func keepWriting() {
	if len(os.Args) != 3 {
		fatal("usage: keepwriting FILE SECONDS")
	}
	st, err := store.Open(os.Args[1], store.Options{})
	check(err)
	cfg := cadence.DefaultConfig()
	deadline := time.Now().Add(seconds(os.Args[2]))
	for i := 0; time.Now().Before(deadline); i++ {
		_, err := st.SaveRecord(cfg, "", cadence.MeetingRecord{ID: "adhoc/", Title: fmt.Sprintf("typing %d", i), Minutes: 30,
			At: time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)})
		check(err)
		time.Sleep(20 * time.Millisecond)
	}
	os.Exit(0)
}

func seconds(s string) time.Duration {
	f, err := strconv.ParseFloat(s, 64)
	check(err)
	return time.Duration(f * float64(time.Second))
}

func check(err error) {
	if err != nil {
		fatal(err.Error())
	}
}

func fatal(msg string) {
	fmt.Fprintln(os.Stderr, msg)
	os.Exit(1)
}

// jsonflags FILE KIND... checks that FILE is a JSON array of flags with
// every §4 field, holding at least one flag of each KIND.
func jsonFlags(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 1 {
		ts.Fatalf("usage: jsonflags FILE KIND...")
	}
	var flags []map[string]any
	ts.Check(json.Unmarshal([]byte(ts.ReadFile(args[0])), &flags))
	seen := map[string]int{}
	for i, f := range flags {
		for _, k := range []string{"kind", "partner", "owner", "ref", "days", "message"} {
			if _, ok := f[k]; !ok {
				ts.Fatalf("flag %d has no %q: %v", i, k, f)
			}
		}
		seen[f["kind"].(string)]++
	}
	for _, k := range args[1:] {
		if seen[k] == 0 {
			ts.Fatalf("no %s flag in %v", k, seen)
		}
	}
}

func copyDir(from, to string) error {
	entries, err := os.ReadDir(from)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(to, 0o755); err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(from + "/" + e.Name())
		if err != nil {
			return err
		}
		if err := os.WriteFile(to+"/"+e.Name(), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func sleep(ts *testscript.TestScript, neg bool, args []string) {
	d, err := time.ParseDuration(args[0])
	ts.Check(err)
	time.Sleep(d)
}

// TestExitCodes checks the exit code contract of §7: 0 success, 1 failure,
// 2 bad usage.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("XDG_DATA_HOME", dir)
	t.Setenv("CADENCE_DB", "")
	t.Setenv("CADENCE_CONFIG", "")
	for _, tt := range []struct {
		args   []string
		want   int
		stderr string
	}{
		{[]string{"--help"}, 0, ""},
		{[]string{"bogus"}, 2, "unknown command"},
		{[]string{"flags", "--bogus"}, 2, "unknown flag"},
		{[]string{"import", "widgets", "x.csv"}, 2, `cannot import "widgets"`},
		{[]string{"demo"}, 2, "demo needs --db FILE"},
		{[]string{"--now", "tomorrow", "demo", "--db", dir + "/d.db"}, 2, `--now "tomorrow" is not a date`},
		{[]string{"--db", dir + "/missing.db", "flags"}, 1, "no database"},
		{[]string{"import", "partners", dir + "/nope.csv"}, 1, "no such file"},
	} {
		var out, errb bytes.Buffer
		got := run(tt.args, strings.NewReader(""), &out, &errb)
		if got != tt.want || !strings.Contains(errb.String(), tt.stderr) {
			t.Errorf("cadence %s: exit %d, stderr %q; want exit %d, stderr containing %q",
				strings.Join(tt.args, " "), got, errb.String(), tt.want, tt.stderr)
		}
	}
}
