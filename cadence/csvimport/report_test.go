package csvimport

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// hostile is the intro account of issue 10: an OSC 52 that sets the
// clipboard and an OSC 0 that sets the window title.
const hostile = "Evil\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b]0;TITLE\x07Corp"

// hostileShown is how it must print on a terminal.
const hostileShown = "Evil␛]52;c;ZWNobyBwd25lZA==␇␛]0;TITLE␇Corp"

// rawControls returns the control characters (C0 but line feed, DEL, C1)
// in s, quoted: what a terminal would act on.
func rawControls(s string) string {
	var found []string
	for _, r := range s {
		if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			found = append(found, fmt.Sprintf("%U", r))
		}
	}
	return strings.Join(found, " ")
}

// TestErrorsReportFirstHundredAndCount: 250 problems added in reverse
// order print as the first 100 in line order and one line counting the
// other 150.
func TestErrorsReportFirstHundredAndCount(t *testing.T) {
	var e Errors
	for line := 251; line >= 2; line-- {
		e.Add(Problem{File: "big.csv", Line: line, Column: "by", Problem: "is not on the team"})
	}
	lines := strings.Split(e.Err().Error(), "\n")
	if got, want := len(lines), MaxShown+1; got != want {
		t.Fatalf("%d lines, want %d", got, want)
	}
	for i, l := range lines[:MaxShown] {
		if want := fmt.Sprintf("big.csv:%d: by: is not on the team", i+2); l != want {
			t.Fatalf("line %d = %q, want %q", i+1, l, want)
		}
	}
	if got, want := lines[MaxShown], "big.csv: and 150 more problems not shown (250 in all): fix the ones above and import again to see the rest"; got != want {
		t.Errorf("last line = %q, want %q", got, want)
	}
	if got := e.Len(); got != 250 {
		t.Errorf("Len() = %d, want 250", got)
	}
}

// TestErrorsExactlyHundred: at the limit nothing is left to count.
func TestErrorsExactlyHundred(t *testing.T) {
	var e Errors
	for line := range MaxShown {
		e.Add(Problem{File: "f.csv", Line: line + 2, Problem: "bad"})
	}
	if got := strings.Count(e.Error(), "\n") + 1; got != MaxShown {
		t.Errorf("%d lines, want %d", got, MaxShown)
	}
	if strings.Contains(e.Error(), "more problem") {
		t.Errorf("a count line with nothing left to count")
	}
}

// TestReadKeepsBadRows: the Read functions return every row they could
// make out, with the problems of form, so that a caller can check the bad
// rows' references too; Partners and friends still return no rows.
func TestReadKeepsBadRows(t *testing.T) {
	src := "partner,date,kind,direction,account,note,by\n" +
		"Acme,31/31/2026,call,inbound,,,Nobody\n" + // bad date
		"Globex,2026-11-02,call,inbound,,,Dana Cruz\n" + // good
		"Initech,2026-11-03,call\n" + // too few fields: not a row
		"Hooli,2026-11-04,dance,sideways,,,Sam\n" // bad kind and direction
	in, err := ReadTouchpoints(strings.NewReader(src), "t.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Line    int
		Partner string
		By      string
		Clean   bool
		Failed  []string
	}
	var got []row
	for _, r := range in.Rows {
		var failed []string
		for _, f := range []string{"partner", "date", "kind", "direction", "by"} {
			if r.Failed(f) {
				failed = append(failed, f)
			}
		}
		got = append(got, row{r.Line, r.Value.Partner, r.Value.By, r.Clean(), failed})
	}
	want := []row{
		{2, "Acme", "Nobody", false, []string{"date"}},
		{3, "Globex", "Dana Cruz", true, nil},
		{5, "Hooli", "Sam", false, []string{"kind", "direction"}},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("rows (-want +got):\n%s", d)
	}
	wantProblems := `t.csv:2: date: "31/31/2026" is not a date (use YYYY-MM-DD, MM/DD/YYYY, DD/MM/YYYY, DD.MM.YYYY or RFC 3339)
t.csv:4: row: has 3 fields but the header has 7
t.csv:5: kind: "dance" is not one of call, email, meeting, intro, event, note (or map it under [import.values] kind in the config)
t.csv:5: direction: "sideways" is not one of inbound, outbound (or map it under [import.values] direction in the config)`
	if got := in.Problems.Error(); got != wantProblems {
		t.Errorf("problems:\n%s\nwant:\n%s", got, wantProblems)
	}
	rows, _, err := Touchpoints(strings.NewReader(src), "t.csv", Options{})
	if err == nil || rows != nil {
		t.Errorf("Touchpoints: %d rows, err %v; want no rows and the problems", len(rows), err)
	}
}

// TestHostileCellsPrintAsSymbols: a value with escape sequences, in any
// column and in a header, reaches a problem or a warning with its control
// characters as symbols, never raw.
func TestHostileCellsPrintAsSymbols(t *testing.T) {
	header := "partner,date,kind,direction,account,note,by,X" + hostile + "\n"
	var rows strings.Builder
	rows.WriteString(header)
	// One hostile cell in each column that echoes its value.
	for _, col := range []int{1, 2, 3} {
		cells := []string{"Acme", "2026-11-02", "call", "inbound", "", "", "Dana Cruz", ""}
		cells[col] = `"` + hostile + `"`
		rows.WriteString(strings.Join(cells, ",") + "\n")
	}
	in, err := ReadTouchpoints(strings.NewReader(rows.String()), "evil.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	report := in.Problems.Error()
	for _, w := range in.Warnings {
		report += "\n" + w.String()
	}
	if raw := rawControls(report); raw != "" {
		t.Errorf("the report holds %s raw:\n%s", raw, report)
	}
	for _, want := range []string{
		`evil.csv:2: date: "` + hostileShown + `" is not a date`,
		`evil.csv:3: kind: "` + hostileShown + `" is not one of`,
		`evil.csv:4: direction: "` + hostileShown + `" is not one of`,
		`X` + hostileShown,
	} {
		if !strings.Contains(report, want) {
			t.Errorf("the report has no %q:\n%s", want, report)
		}
	}
	if got, want := Quote(hostile), `"`+hostileShown+`"`; got != want {
		t.Errorf("Quote = %q, want %q", got, want)
	}
	if got, want := Quote(`say "hi" \o/`), `"say "hi" \o/"`; got != want {
		t.Errorf("Quote = %q, want %q (quotes and backslashes as written)", got, want)
	}
	// A problem whose text was built elsewhere is made safe where it prints.
	p := Problem{File: "f\x1b[2J.csv", Line: 2, Column: "by\x07", Problem: "no \x9b partner"}
	if got, want := p.String(), "f␛[2J.csv:2: by␇: no \ufffd partner"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

// TestFoldSpace: one-line cells keep their text and fold white space runs.
func TestFoldSpace(t *testing.T) {
	for in, want := range map[string]string{
		"Dana Cruz":        "Dana Cruz",
		"Dana  Cruz":       "Dana Cruz",
		"Dana\tCruz":       "Dana Cruz",
		"Dana\r\nCruz":     "Dana Cruz",
		"Dana\u00a0 Cruz":  "Dana Cruz",
		"Zoë Ångström":     "Zoë Ångström",
		"":                 "",
		"x":                "x",
		"Acme \x1b[31mRed": "Acme \x1b[31mRed",
		" lead":            "lead",
		"trail ":           "trail",
	} {
		if got := foldSpace(in); got != want {
			t.Errorf("foldSpace(%q) = %q, want %q", in, got, want)
		}
	}
	// The same as the long way for every string of these bytes up to 4 long.
	alphabet := []string{"a", " ", "\t", "\n", "\x1b", "\u00a0", "\u0085", "é"}
	var walk func(s string, n int)
	walk = func(s string, n int) {
		if got, want := foldSpace(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("foldSpace(%q) = %q, want %q", s, got, want)
		}
		if n == 0 {
			return
		}
		for _, c := range alphabet {
			walk(s+c, n-1)
		}
	}
	walk("", 4)
}
