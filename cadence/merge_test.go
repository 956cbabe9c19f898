package cadence

import (
	"strings"
	"testing"
)

func TestMergeText(t *testing.T) {
	const by = "Dana Cruz"
	for _, tc := range []struct {
		name               string
		base, mine, theirs string
		want               string
		conflict           bool
	}{
		{"nothing changed", "a\nb\n", "a\nb\n", "a\nb\n", "a\nb\n", false},
		{"only mine", "a\nb", "a\nb\nc", "a\nb", "a\nb\nc", false},
		{"only theirs", "a\nb", "a\nb", "x\nb", "x\nb", false},
		{"same change", "a\nb", "a\nB", "a\nB", "a\nB", false},
		{"different lines", "one\ntwo\nthree\nfour", "ONE\ntwo\nthree\nfour", "one\ntwo\nthree\nFOUR", "ONE\ntwo\nthree\nFOUR", false},
		{"both append", "agenda:", "agenda:\n- pricing", "agenda:\n- MDF", "agenda:\n- pricing\n- MDF", false},
		{"both write into empty", "", "mine", "theirs", "mine\ntheirs", false},
		{"mine deletes, theirs edits elsewhere", "a\nb\nc\nd", "a\nc\nd", "a\nb\nc\nD", "a\nc\nD", false},
		{"same line, two versions", "a\nprice: 10\nz", "a\nprice: 12\nz", "a\nprice: 15\nz",
			"a\nprice: 12\n[conflict: Dana Cruz wrote this instead of the lines above]\nprice: 15\n[end of Dana Cruz's version]\nz", true},
		{"mine deletes what theirs edits", "a\nb\nc", "a\nc", "a\nB\nc",
			"a\n[conflict: Dana Cruz wrote this instead of the lines above]\nB\n[end of Dana Cruz's version]\nc", true},
		{"conflict on the last line keeps its lack of newline", "x", "y", "z",
			"y\n[conflict: Dana Cruz wrote this instead of the lines above]\nz\n[end of Dana Cruz's version]", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, conflict := MergeText(tc.base, tc.mine, tc.theirs, by)
			if got != tc.want || conflict != tc.conflict {
				t.Errorf("MergeText(%q, %q, %q) =\n%q, %v\nwant\n%q, %v", tc.base, tc.mine, tc.theirs, got, conflict, tc.want, tc.conflict)
			}
		})
	}
}

// TestMergeTextKeepsEveryLine: whatever two people write from one base,
// every line either of them added is in the result.
func TestMergeTextKeepsEveryLine(t *testing.T) {
	base := "Talking points\n- renewal\n- MDF\n- QBR date"
	mines := []string{base + "\n- pricing", "Talking points\n- renewal (due Dec)\n- MDF\n- QBR date", "- new first\n" + base, ""}
	theirs := []string{base + "\n- hiring", "Talking points\n- renewal (signed)\n- MDF\n- QBR date", "Talking points\n- QBR date", "replaced\nentirely"}
	for _, m := range mines {
		for _, th := range theirs {
			got, _ := MergeText(base, m, th, "Sam Ortiz")
			for _, side := range []string{m, th} {
				for _, line := range strings.Split(side, "\n") {
					if line != "" && !strings.Contains(base, line) && !strings.Contains(got, line) {
						t.Errorf("MergeText(base, %q, %q) = %q lost the added line %q", m, th, got, line)
					}
				}
			}
		}
	}
}

func TestMergeTextNamesSomeone(t *testing.T) {
	got, _ := MergeText("a", "b", "c", "")
	if !strings.Contains(got, "[conflict: another session wrote this instead of the lines above]") {
		t.Errorf("unnamed author: %q", got)
	}
}
