package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// readmeSkipped are the README's commands that TestREADMECommands does not
// run, each for its reason: they open the app, which needs a terminal (the
// tmux tests drive it).
var readmeSkipped = []string{
	"go run ./cmd/cadence --demo",
	"go run ./cmd/cadence --db /tmp/demo.db",
	"cadence --db /tmp/demo.db --now 2026-11-23",
}

// readmeIDs are the meeting IDs as the README writes them.
var readmeIDs = regexp.MustCompile(`\b(?:1on1/[a-z0-9-]+/\d{4}-\d\d-\d\d|pipeline/\d{4}-\d\d-\d\d|qbr/[a-z0-9-]+/\d{4}-Q\d|readout/\d{4}-\d\d-\d\d|adhoc/\d+)\b`)

// TestREADMECommands keeps the README true: every `cadence …` command in
// its sh code blocks runs against a demo database of 2026-11-23 (the
// demo's own commands write a new one) and succeeds with output, but for
// those in readmeSkipped; and every meeting ID anywhere in it has an
// agenda on that demo.
func TestREADMECommands(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	if code, _, stderr := runCapture("--now", "2026-11-23", "demo", "--db", db); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	cmds := readmeCommands(string(readme))
	if len(cmds) < 8 {
		t.Fatalf("found %d commands in the README's sh blocks: %q", len(cmds), cmds)
	}
	var skipped []string
	for i, line := range cmds {
		if slices.Contains(readmeSkipped, line) {
			skipped = append(skipped, line)
			continue
		}
		args := shellWords(t, line)
		args = args[slices.Index(args, "cadence")+1:]
		if j := slices.Index(args, ">"); j >= 0 {
			args = args[:j] // the output goes to the test, not to a file
		}
		demo := slices.Contains(args, "demo")
		for j := range args {
			if j > 0 && args[j-1] == "--db" {
				args[j] = db
				if demo {
					args[j] = filepath.Join(dir, "new"+string(rune('a'+i))+".db")
				}
			}
		}
		code, stdout, stderr := runCapture(args...)
		if code != 0 {
			t.Errorf("README: %s\nexit %d: %s", line, code, stderr)
			continue
		}
		if !demo && strings.TrimSpace(stdout) == "" {
			t.Errorf("README: %s\nprinted nothing", line)
		}
	}
	if !slices.Equal(skipped, readmeSkipped) {
		t.Errorf("skipped %q, want every one of %q: the README no longer has one of them", skipped, readmeSkipped)
	}

	ids := readmeIDs.FindAllString(string(readme), -1)
	if len(ids) < 5 {
		t.Fatalf("found %d meeting IDs in the README: %q", len(ids), ids)
	}
	for _, id := range ids {
		code, stdout, stderr := runCapture("--db", db, "--now", "2026-11-23", "agenda", id)
		if code != 0 {
			t.Errorf("README's meeting ID %s: exit %d: %s", id, code, stderr)
		} else if !strings.Contains(stdout, "**Meeting ID:** "+id) {
			t.Errorf("README's meeting ID %s: the agenda does not name it:\n%s", id, stdout)
		}
	}
}

// readmeCommands returns the lines of the README's sh code blocks that run
// cadence (`cadence …`, `go run ./cmd/cadence …`), without their comments.
func readmeCommands(readme string) []string {
	var out []string
	in := false
	for line := range strings.Lines(readme) {
		line = strings.TrimRight(line, "\n")
		switch {
		case strings.HasPrefix(line, "```sh"):
			in = true
			continue
		case strings.HasPrefix(line, "```"):
			in = false
			continue
		}
		if !in {
			continue
		}
		if i := strings.Index(line, " #"); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "cadence ") || strings.HasPrefix(line, "go run ./cmd/cadence") {
			out = append(out, line)
		}
	}
	return out
}

// shellWords splits a command line as sh would for the README's commands:
// words separated by spaces, double quotes around a word with spaces.
func shellWords(t *testing.T, line string) []string {
	t.Helper()
	var words []string
	var w strings.Builder
	quoted, inWord := false, false
	for _, r := range line {
		switch {
		case r == '"':
			quoted, inWord = !quoted, true
		case r == ' ' && !quoted:
			if inWord {
				words = append(words, w.String())
				w.Reset()
			}
			inWord = false
		default:
			w.WriteRune(r)
			inWord = true
		}
	}
	if quoted {
		t.Fatalf("unbalanced quote in %q", line)
	}
	if inWord {
		words = append(words, w.String())
	}
	if len(words) > 2 && words[0] == "go" && words[1] == "run" {
		words = append([]string{"cadence"}, words[3:]...)
	}
	return words
}

// runCapture runs the command line in this process.
func runCapture(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}
