package csvimport

import (
	"errors"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"

	"partnercadence/cadence"
)

func TestProblemString(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{File: "a.csv", Line: 3, Column: "Amount", Problem: "is negative"}, "a.csv:3: Amount: is negative"},
		{Problem{File: "a.csv", Line: 1, Problem: "ignored columns"}, "a.csv:1: ignored columns"},
		{Problem{File: "a.csv", Problem: "not UTF-8"}, "a.csv: not UTF-8"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

func TestErrorsAdd(t *testing.T) {
	var e Errors
	if err := e.Err(); err != nil {
		t.Fatalf("empty Errors: Err() = %v, want nil", err)
	}
	var nilErrs *Errors
	if err := nilErrs.Err(); err != nil {
		t.Fatalf("nil *Errors: Err() = %v, want nil", err)
	}
	e.Add(Problem{File: "p.csv", Line: 5, Column: "a", Problem: "first on 5"})
	e.Add(Problem{File: "p.csv", Line: 2, Column: "b", Problem: "on 2"})
	e.Add(Problem{File: "r.csv", Line: 9, Column: "c", Problem: "other file"})
	e.Add(Problem{File: "p.csv", Line: 5, Column: "d", Problem: "second on 5"})
	e.Add(Problem{File: "p.csv", Line: 7, Column: "e", Problem: "on 7"})
	e.Add(Problem{File: "r.csv", Line: 1, Column: "f", Problem: "other file, earlier"})
	want := "p.csv:2: b: on 2\n" +
		"p.csv:5: a: first on 5\n" +
		"p.csv:5: d: second on 5\n" +
		"p.csv:7: e: on 7\n" +
		"r.csv:1: f: other file, earlier\n" +
		"r.csv:9: c: other file"
	err := e.Err()
	if err == nil {
		t.Fatal("Err() = nil, want the problems")
	}
	if got := err.Error(); got != want {
		t.Errorf("Error():\n%s\nwant:\n%s", got, want)
	}
}

// TestCallerProblems is the store's use: rows read fine, a check that needs
// the database fails, and the caller reports it in the same form, on the
// column as the file named it.
func TestCallerProblems(t *testing.T) {
	src := "Deal Registration ID,Partner Account: Account Name,Account Name,Amount,Created Date,Status\n" +
		"a01,Nobody Inc,Initech,$5,11/02/2026,Pending\n"
	rows, _, err := Registrations(strings.NewReader(src), "sf.csv", Options{DateOrder: "mdy"})
	if err != nil {
		t.Fatal(err)
	}
	var errs Errors
	errs.Add(rows[0].Problem("partner", `no partner named "Nobody Inc"`))
	errs.Add(rows[0].Problem("owner", "is empty and the partner has no owner"))
	want := "sf.csv:2: Partner Account: Account Name: no partner named \"Nobody Inc\"\n" +
		"sf.csv:2: owner: is empty and the partner has no owner"
	if got := errs.Error(); got != want {
		t.Errorf("Error():\n%s\nwant:\n%s", got, want)
	}
	// A Row built by hand has no file.
	r := Row[cadence.Partner]{Line: 4}
	if got, want := r.Problem("tier", "is 9").String(), ":4: tier: is 9"; got != want {
		t.Errorf("hand-built row: %q, want %q", got, want)
	}
}

func TestReadError(t *testing.T) {
	boom := errors.New("disk on fire")
	_, _, err := Partners(iotest.ErrReader(boom), "p.csv", Options{})
	if !errors.Is(err, boom) || err.Error() != "read p.csv: disk on fire" {
		t.Errorf("err = %v, want read p.csv: disk on fire", err)
	}
	var errs *Errors
	if errors.As(err, &errs) {
		t.Errorf("a read error is not a list of problems")
	}
}

// TestDialects covers the forms of CSV that spreadsheets and CRMs write.
func TestDialects(t *testing.T) {
	want := []cadence.Touchpoint{
		{Partner: "Café Partners", Date: d("2026-01-05"), Kind: cadence.TouchCall, Direction: cadence.Inbound, Note: "Sync, weekly"},
		{Partner: "Acme", Date: d("2026-01-06"), Kind: cadence.TouchEmail, Direction: cadence.Outbound, Note: "line one\nline two"},
	}
	utf16le := func(s string) string {
		u := utf16.Encode([]rune("\ufeff" + s))
		b := make([]byte, 2*len(u))
		for i, r := range u {
			b[2*i], b[2*i+1] = byte(r), byte(r>>8)
		}
		return string(b)
	}
	tests := []struct {
		name      string
		src       string
		wantLines []int
	}{
		{
			name:      "comma, LF",
			src:       "partner,date,kind,direction,note\nCafé Partners,2026-01-05,call,inbound,\"Sync, weekly\"\nAcme,2026-01-06,email,outbound,\"line one\nline two\"\n",
			wantLines: []int{2, 3},
		},
		{
			name:      "BOM, CRLF, spaces after commas, padded rows, no final newline",
			src:       "\ufeff Partner , Date ,KIND,Direction,Note\r\nCafé Partners, 2026-01-05, call, inbound, \"Sync, weekly\",,\r\nAcme,2026-01-06,email,outbound,\"line one\r\nline two\"",
			wantLines: []int{2, 3},
		},
		{
			name:      "blank lines before the header, trailing blank lines",
			src:       "\n\npartner,date,kind,direction,note\nCafé Partners,2026-01-05,call,inbound,\"Sync, weekly\"\nAcme,2026-01-06,email,outbound,\"line one\nline two\"\n\n\n",
			wantLines: []int{4, 5},
		},
		{
			name:      "semicolons",
			src:       "partner;date;kind;direction;note\nCafé Partners;2026-01-05;call;inbound;Sync, weekly\nAcme;2026-01-06;email;outbound;\"line one\nline two\"\n",
			wantLines: []int{2, 3},
		},
		{
			name:      "tabs, UTF-16 (Excel Unicode Text)",
			src:       utf16le("partner\tdate\tkind\tdirection\tnote\r\nCafé Partners\t2026-01-05\tcall\tinbound\tSync, weekly\r\nAcme\t2026-01-06\temail\toutbound\t\"line one\r\nline two\"\r\n"),
			wantLines: []int{2, 3},
		},
		{
			name:      "Windows-1252",
			src:       "partner,date,kind,direction,note\nCaf\xe9 Partners,2026-01-05,call,inbound,\"Sync, weekly\"\nAcme,2026-01-06,email,outbound,\"line one\nline two\"\n",
			wantLines: []int{2, 3},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, _, err := Touchpoints(strings.NewReader(tt.src), "t.csv", Options{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, values(rows), dateEqual); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantLines, lines(rows)); diff != "" {
				t.Errorf("lines (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSniffComma(t *testing.T) {
	tests := map[string]rune{
		"a,b;c\n":         ',',
		"a;b;c\n1,5;2;3":  ';',
		"a\tb\tc":         '\t',
		"\"x;y\"\tb\tc\n": '\t',
		"single\n":        ',',
		"":                ',',
	}
	for in, want := range tests {
		if got := sniffComma([]byte(in)); got != want {
			t.Errorf("sniffComma(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHeaderOnly(t *testing.T) {
	rows, warns, err := Registrations(strings.NewReader("\ufeff"+regHeader), "r.csv", Options{})
	if err != nil || len(rows) != 0 || len(warns) != 0 {
		t.Errorf("header only: %d rows, warnings %v, err %v; want nothing", len(rows), warns, err)
	}
}

func TestSalesforceFooterVariants(t *testing.T) {
	// Some Salesforce exports close the data with a row holding one empty
	// quoted field rather than an empty line; the footer after it has rows
	// of the header's width too.
	src := "\ufeff\"Id\",\"Partner\",\"Account\",\"Amount\",\"Created Date\",\"Status\"\r\n" +
		"\"a01\",\"Acme\",\"Initech\",\"$1,000.00\",\"11/02/2026\",\"Pending\"\r\n" +
		"\"\"\r\n" +
		"\"Grand Totals (1 records)\",\"\",\"\",\"$1,000.00\",\"\",\"\"\r\n" +
		"\"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.\",\"\",\"\",\"\",\"\",\"\"\r\n" +
		"\"Confidential Information - Do Not Distribute\"\r\n" +
		"\"Generated By:  Jordan Lee  11/23/2026 9:14 AM\"\r\n"
	rows, _, err := Registrations(strings.NewReader(src), "sf.csv", Options{DateOrder: "mdy"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Value.Amount != 1000 || rows[0].Line != 2 {
		t.Errorf("rows = %+v, want one row of 1000 on line 2", rows)
	}
}
