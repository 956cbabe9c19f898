package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const importTeam = `timezone = "Europe/Berlin"
[[team]]
name = "Jordan Lee"
role = "head"
[[team]]
name = "Dana Cruz"
role = "partner_manager"
`

// importEnv is a directory with a config and a path for a database that
// does not exist yet; it returns the global options that name them.
func importEnv(t *testing.T) (dir string, globals []string) {
	t.Helper()
	dir = t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("XDG_DATA_HOME", dir)
	t.Setenv("CADENCE_DB", "")
	t.Setenv("CADENCE_CONFIG", "")
	writeTestFile(t, filepath.Join(dir, "team.toml"), importTeam)
	return dir, []string{"--config", filepath.Join(dir, "team.toml"), "--db", filepath.Join(dir, "data", "cadence.db")}
}

func writeTestFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

// runImportInProcess runs the command line in this process and returns the exit
// code and the bytes it wrote to stdout and stderr.
func runImportInProcess(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// terminalControls lists the control characters in s that a terminal acts on:
// C0 codes other than the line feed, DEL, and C1 codes.
func terminalControls(s string) string {
	var found []string
	for _, r := range s {
		if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			found = append(found, fmt.Sprintf("%U", r))
		}
	}
	return strings.Join(found, " ")
}

// TestImportEchoesHostileTextAsSymbols: every cell value import prints —
// in problems, warnings and a dry run's lines — reaches stdout and stderr
// with its control characters as visible symbols, whatever column it is in.
func TestImportEchoesHostileTextAsSymbols(t *testing.T) {
	const hostile = "Evil\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b]0;TITLE\x07Corp"
	const shown = "Evil␛]52;c;ZWNobyBwd25lZA==␇␛]0;TITLE␇Corp"
	dir, g := importEnv(t)
	q := func(s string) string { return `"` + s + `"` }
	file := func(name, text string) string {
		path := filepath.Join(dir, name)
		writeTestFile(t, path, text)
		return path
	}

	partners := file("p.csv", "name,type,tier,owner,status,contact,notes\n"+
		q(hostile)+",isv,2,Dana Cruz,active,"+q(hostile)+","+q(hostile+"\x9b31m\x00\x7f")+"\n")
	code, out, errs := runImportInProcess(append(g, "import", "partners", partners)...)
	if code != 0 {
		t.Fatalf("import partners: exit %d\n%s", code, errs)
	}

	var stdout, stderr strings.Builder
	for _, step := range []struct {
		args []string
		code int
		want []string // in stdout or stderr
	}{
		{
			// A dry run names the partner and the account.
			args: []string{"import", "registrations", file("r.csv", "id,partner,account,amount,submitted,status\n"+
				q("R-\x1b[2J1")+","+q(hostile)+","+q(hostile)+",100,2026-11-02,submitted\n"), "--dry-run"},
			want: []string{"add registration R-␛[2J1 (" + shown + ", " + shown + ")"},
		},
		{
			args: []string{"import", "touchpoints", file("t.csv", "partner,date,kind,direction,account,note,by\n"+
				q(hostile)+",2026-11-02,intro,inbound,"+q(hostile)+","+q(hostile)+",Dana Cruz\n"), "--dry-run"},
			want: []string{"add inbound intro with " + shown + " on 2026-11-02"},
		},
		{
			// Every column that echoes its value, and an unknown header.
			args: []string{"import", "touchpoints", file("bad.csv", "partner,date,kind,direction,account,note,by,"+q("X"+hostile)+"\n"+
				q("No "+hostile)+","+q(hostile)+","+q(hostile)+","+q(hostile)+",,,"+q(hostile)+",\n")},
			code: 1,
			want: []string{
				`bad.csv:1: ignored columns cadence does not read: X` + shown,
				`bad.csv:2: partner: no partner "No ` + shown + `"`,
				`bad.csv:2: date: "` + shown + `" is not a date`,
				`bad.csv:2: kind: "` + shown + `" is not one of`,
				`bad.csv:2: direction: "` + shown + `" is not one of`,
				`bad.csv:2: by: "` + shown + `" is not on the team`,
			},
		},
		{
			args: []string{"import", "registrations", file("badr.csv", "id,partner,account,amount,submitted,status,attribution,owner\n"+
				"R-2,"+q(hostile)+",x,"+q(hostile)+",2026-11-02,"+q(hostile)+","+q(hostile)+","+q(hostile)+"\n")},
			code: 1,
			want: []string{
				`badr.csv:2: amount: "` + shown + `" is not an amount`,
				`badr.csv:2: status: "` + shown + `" is not one of`,
				`badr.csv:2: attribution: "` + shown + `" is not one of`,
				`badr.csv:2: owner: "` + shown + `" is not on the team`,
			},
		},
	} {
		code, out, errs := runImportInProcess(append(g, step.args...)...)
		if code != step.code {
			t.Errorf("cadence %s: exit %d, want %d\n%s", step.args[:2], code, step.code, errs)
		}
		for _, w := range step.want {
			if !strings.Contains(out+errs, w) {
				t.Errorf("cadence %s: no %q in\nstdout:\n%s\nstderr:\n%s", step.args[:2], w, out, errs)
			}
		}
		stdout.WriteString(out)
		stderr.WriteString(errs)
	}
	for name, b := range map[string]string{"stdout": out + stdout.String(), "stderr": stderr.String()} {
		if raw := terminalControls(b); raw != "" {
			t.Errorf("%s holds %s raw:\n%s", name, raw, b)
		}
	}
}

// TestImportReportsFirstHundredAndCount: 250 bad rows print the first 100
// problems, one line counting the rest, and that nothing was imported.
func TestImportReportsFirstHundredAndCount(t *testing.T) {
	dir, g := importEnv(t)
	var src strings.Builder
	src.WriteString("name,type,tier,owner,status\n")
	for i := range 250 {
		fmt.Fprintf(&src, "Partner %d,isv,2,Nobody Here,active\n", i)
	}
	path := filepath.Join(dir, "p.csv")
	writeTestFile(t, path, src.String())
	code, out, errs := runImportInProcess(append(g, "import", "partners", path)...)
	if code != 1 || out != "" {
		t.Errorf("exit %d, stdout %q; want 1 and nothing", code, out)
	}
	lines := strings.Split(strings.TrimSuffix(errs, "\n"), "\n")
	if len(lines) != 102 {
		t.Fatalf("%d lines on stderr, want 100 problems and 2 more:\n%s", len(lines), errs)
	}
	if want := "cadence: " + path + `:2: owner: "Nobody Here" is not on the team in ` + filepath.Join(dir, "team.toml"); !strings.HasPrefix(lines[0], want) {
		t.Errorf("first line %q, want it to start %q", lines[0], want)
	}
	if want := path + ":101: owner:"; !strings.HasPrefix(lines[99], want) {
		t.Errorf("100th line %q, want it to start %q", lines[99], want)
	}
	if want := path + ": and 150 more problems not shown (250 in all)"; !strings.HasPrefix(lines[100], want) {
		t.Errorf("count line %q, want it to start %q", lines[100], want)
	}
	if want := "nothing was imported: correct the file and run the import again"; lines[101] != want {
		t.Errorf("last line %q, want %q", lines[101], want)
	}
}

// TestFailedImportLeavesNoDatabase: a failing import, or a dry run, into a
// database path that does not exist leaves neither a file nor a directory;
// a good import creates both.
func TestFailedImportLeavesNoDatabase(t *testing.T) {
	dir, g := importEnv(t)
	good := filepath.Join(dir, "good.csv")
	writeTestFile(t, good, "name,type,tier,owner,status\nAcme,isv,2,Dana Cruz,active\n")
	bad := filepath.Join(dir, "bad.csv")
	writeTestFile(t, bad, "name,type,tier,owner,status\nAcme,isv,2,Nobody,active\n")
	refs := filepath.Join(dir, "refs.csv")
	writeTestFile(t, refs, "partner,date,kind,direction,account,note,by\nAcme,2026-11-02,call,inbound,,,Dana Cruz\n")

	for _, args := range [][]string{
		{"import", "partners", bad},
		{"import", "touchpoints", refs},
		{"import", "partners", good, "--dry-run"},
	} {
		code, _, errs := runImportInProcess(append(g, args...)...)
		if want := map[bool]int{true: 0, false: 1}[len(args) == 4]; code != want {
			t.Errorf("cadence %s: exit %d, want %d\n%s", args, code, want, errs)
		}
		if _, err := os.Stat(filepath.Join(dir, "data")); !os.IsNotExist(err) {
			t.Fatalf("cadence %s left %s behind (%v)", args, filepath.Join(dir, "data"), err)
		}
	}
	code, out, errs := runImportInProcess(append(g, "import", "partners", good)...)
	if code != 0 || !strings.Contains(out, "1 added") {
		t.Fatalf("good import: exit %d\n%s%s", code, out, errs)
	}
	info, err := os.Stat(filepath.Join(dir, "data", "cadence.db"))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("database after a good import: %v, %v; want a 0600 file", info, err)
	}
}
