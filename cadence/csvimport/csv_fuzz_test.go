package csvimport

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/charmap"

	"partnercadence/cadence"
)

// The fuzz targets of the CSV reader: whole files of each kind, and single
// cells of every column. Whatever the bytes, reading never panics and never
// hangs; every problem names the file, a line of it and a column; and what
// is accepted is what the file said.

// fuzzMaxBody bounds a fuzzed file: big enough for any shape of CSV, small
// enough that one input stays quick.
const fuzzMaxBody = 64 << 10

// fuzzWatchdog crashes the process when one input runs for longer than
// limit, so that an endless loop becomes a crash the fuzz engine records
// with its input (it has no timeout of its own). It measures nothing: every
// input here takes milliseconds.
func fuzzWatchdog(t *testing.T, limit time.Duration) {
	timer := time.AfterFunc(limit, func() {
		panic(fmt.Sprintf("%s: still running after %v (an endless loop?)", t.Name(), limit))
	})
	t.Cleanup(func() { timer.Stop() })
}

// fuzzKind is one kind of file, as the fuzz targets use it.
type fuzzKind struct {
	name    string
	fields  []string // canonical header, in order
	valid   []string // a good row in canonical order
	read    func(data []byte) (rows []any, warnings []Problem, err error)
	format  func(v any) []string // a record written back in canonical order
	texts   map[string]func(v any) string
	oneLine map[string]bool // text fields whose white space is folded
}

func readAs[T any](decode func(r *bytes.Reader) ([]Row[T], []Problem, error)) func([]byte) ([]any, []Problem, error) {
	return func(data []byte) ([]any, []Problem, error) {
		rows, warns, err := decode(bytes.NewReader(data))
		out := make([]any, len(rows))
		for i, r := range rows {
			if r.Line < 2 {
				return nil, warns, fmt.Errorf("row %d starts on line %d, before the data", i, r.Line)
			}
			out[i] = r.Value
		}
		return out, warns, err
	}
}

func isoDate(d cadence.Date) string { return d.String() }

var fuzzKinds = []fuzzKind{
	{
		name:   "partners",
		fields: fieldNames(partnerSchema(newSettings(Options{}))),
		valid:  []string{"Northwind Traders", "0015g00000XyZ1a", "reseller", "1", "Dana Cruz", "active", "2025-03-01", "Ana Trujillo", "ana@northwind.example", "northwind.example", "Top reseller, EMEA"},
		read: readAs(func(r *bytes.Reader) ([]Row[cadence.Partner], []Problem, error) {
			return Partners(r, "fuzz.csv", Options{})
		}),
		format: func(v any) []string {
			p := v.(cadence.Partner)
			return []string{p.Name, p.CRMID, string(p.Type), strconv.Itoa(p.Tier), p.Owner, string(p.Status), isoDate(p.Joined), p.Contact, p.Email, p.Domain, p.Notes}
		},
		texts: map[string]func(any) string{
			"name":    func(v any) string { return v.(cadence.Partner).Name },
			"crm_id":  func(v any) string { return v.(cadence.Partner).CRMID },
			"owner":   func(v any) string { return v.(cadence.Partner).Owner },
			"contact": func(v any) string { return v.(cadence.Partner).Contact },
			"notes":   func(v any) string { return v.(cadence.Partner).Notes },
		},
		oneLine: map[string]bool{"name": true, "crm_id": true, "owner": true, "contact": true},
	},
	{
		name:   "registrations",
		fields: fieldNames(registrationSchema(newSettings(Options{}))),
		valid:  []string{"R-1", "Northwind Traders", "Contoso", "120000", "2026-10-01", "approved", "2026-10-03", "2026-12-31", "", "sourced", "Dana Cruz"},
		read: readAs(func(r *bytes.Reader) ([]Row[cadence.Registration], []Problem, error) {
			return Registrations(r, "fuzz.csv", Options{})
		}),
		format: func(v any) []string {
			r := v.(cadence.Registration)
			return []string{r.ID, r.Partner, r.Account, strconv.FormatInt(r.Amount, 10), isoDate(r.Submitted), string(r.Status),
				isoDate(r.Decided), isoDate(r.Expires), isoDate(r.Closed), string(r.Attribution), r.Owner}
		},
		texts: map[string]func(any) string{
			"id":      func(v any) string { return v.(cadence.Registration).ID },
			"partner": func(v any) string { return v.(cadence.Registration).Partner },
			"account": func(v any) string { return v.(cadence.Registration).Account },
			"owner":   func(v any) string { return v.(cadence.Registration).Owner },
		},
		oneLine: map[string]bool{"id": true, "partner": true, "account": true, "owner": true},
	},
	{
		name:   "touchpoints",
		fields: fieldNames(touchpointSchema(newSettings(Options{}))),
		valid:  []string{"Northwind Traders", "2026-11-18", "intro", "inbound", "Hooli", "Intro to Hooli's CIO, wants a demo", "Dana Cruz"},
		read: readAs(func(r *bytes.Reader) ([]Row[cadence.Touchpoint], []Problem, error) {
			return Touchpoints(r, "fuzz.csv", Options{})
		}),
		format: func(v any) []string {
			t := v.(cadence.Touchpoint)
			return []string{t.Partner, isoDate(t.Date), string(t.Kind), string(t.Direction), t.Account, t.Note, t.By}
		},
		texts: map[string]func(any) string{
			"partner": func(v any) string { return v.(cadence.Touchpoint).Partner },
			"account": func(v any) string { return v.(cadence.Touchpoint).Account },
			"note":    func(v any) string { return v.(cadence.Touchpoint).Note },
			"by":      func(v any) string { return v.(cadence.Touchpoint).By },
		},
		oneLine: map[string]bool{"partner": true, "account": true, "by": true},
	},
}

func fieldNames[T any](s *schema[T]) []string {
	out := make([]string, len(s.fields))
	for i, f := range s.fields {
		out[i] = f.name
	}
	return out
}

func kindNamed(name string) fuzzKind {
	for _, k := range fuzzKinds {
		if k.name == name {
			return k
		}
	}
	panic("no kind " + name)
}

// csvFile writes a header and records as CSV.
func csvFile(header []string, records ...[]string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(header)
	for _, r := range records {
		w.Write(r)
	}
	w.Flush()
	return b.Bytes()
}

// checkProblems checks that every problem of err names the file, a line of
// it and a column, and that warnings name the file and no line past its end.
func checkProblems(t *testing.T, data []byte, warnings []Problem, err error) {
	t.Helper()
	lines := 1 + bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r"))
	for _, w := range warnings {
		if w.File != "fuzz.csv" || w.Line < 0 || w.Line > lines || w.Problem == "" {
			t.Errorf("warning %q: want the file, a line within its %d and a message", w, lines)
		}
	}
	if err == nil {
		return
	}
	errs, ok := err.(*Errors)
	if !ok || len(errs.Problems) == 0 {
		t.Fatalf("error %T %q, want *Errors with problems", err, err)
	}
	for i, p := range errs.Problems {
		if p.File != "fuzz.csv" || p.Line < 1 || p.Line > lines || strings.TrimSpace(p.Column) == "" || p.Problem == "" {
			t.Errorf("problem %q: want the file, a line within its %d, a column and a message", p, lines)
		}
		if i > 0 && p.Line < errs.Problems[i-1].Line {
			t.Errorf("problem %q comes after one on line %d", p, errs.Problems[i-1].Line)
		}
	}
}

// checkRoundTrip writes the accepted records back as a canonical file and
// reads it again: every record comes back the same, in the same order, with
// no problem. A value the reader accepted is one it can read again.
func checkRoundTrip(t *testing.T, k fuzzKind, rows []any) {
	t.Helper()
	if len(rows) == 0 {
		return
	}
	records := make([][]string, len(rows))
	for i, v := range rows {
		records[i] = k.format(v)
	}
	data := csvFile(k.fields, records...)
	again, warnings, err := k.read(data)
	if err != nil {
		t.Fatalf("the accepted %s written back do not read again: %v\n%s", k.name, err, data)
	}
	if len(warnings) > 0 {
		t.Errorf("the accepted %s written back give warnings %q", k.name, warnings)
	}
	if diff := cmp.Diff(rows, again, cmp.Comparer(func(a, b cadence.Date) bool { return a == b })); diff != "" {
		t.Errorf("the accepted %s written back read as others (-first +again):\n%s\nfile:\n%q", k.name, diff, data)
	}
}

func addBodySeeds(f *testing.F, k fuzzKind, fixtures ...string) {
	for _, name := range fixtures {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add(csvFile(k.fields, k.valid))
	f.Add([]byte(""))
	f.Add([]byte("\ufeff" + strings.Join(k.fields, ";") + "\n" + strings.Join(k.valid, ";") + "\n"))
	f.Add([]byte(strings.Join(k.fields, "\t") + "\r\n" + strings.Join(k.valid, "\t") + "\r\n\r\nGrand Totals (1 record)\r\n"))
	f.Add([]byte(strings.Join(k.fields, ",") + ",extra\n\"unclosed," + strings.Join(k.valid, ",") + "\n"))
	f.Add(append([]byte(strings.Join(k.fields, ",")+"\n"), []byte("caf\xe9,\x1b]0;TITLE\x07,\x00\n")...))
	f.Add(csvFile(k.fields, k.valid, k.valid))
}

// fuzzBody reads a whole file of kind k.
func fuzzBody(t *testing.T, k fuzzKind, data []byte) {
	if len(data) > fuzzMaxBody {
		t.Skip("larger than a fuzzed file needs to be")
	}
	fuzzWatchdog(t, 20*time.Second)
	rows, warnings, err := k.read(data)
	checkProblems(t, data, warnings, err)
	if err != nil && len(rows) > 0 {
		t.Errorf("%d rows returned with the error %v", len(rows), err)
	}
	if err == nil {
		checkRoundTrip(t, k, rows)
	}
}

// FuzzPartnersCSV reads any bytes as a partners file.
func FuzzPartnersCSV(f *testing.F) {
	k := kindNamed("partners")
	addBodySeeds(f, k, "partners.csv", "salesforce_partners.csv")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzBody(t, k, data) })
}

// FuzzRegistrationsCSV reads any bytes as a registrations file.
func FuzzRegistrationsCSV(f *testing.F) {
	k := kindNamed("registrations")
	addBodySeeds(f, k, "registrations.csv", "salesforce_registrations.csv", "hubspot_deals.csv")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzBody(t, k, data) })
}

// FuzzTouchpointsCSV reads any bytes as a touchpoints file.
func FuzzTouchpointsCSV(f *testing.F) {
	k := kindNamed("touchpoints")
	addBodySeeds(f, k, "touchpoints.csv", "salesforce_activities.csv")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzBody(t, k, data) })
}

// cellAsRead is what the reader should make of cell ci of the one row of
// file: the text encoding/csv reads there (from Windows-1252 when the file
// is not UTF-8), trimmed, with its line breaks written as LF, and for a
// one-line field with every run of white space folded to one space.
func cellAsRead(t *testing.T, file []byte, ci int, oneLine bool) string {
	t.Helper()
	if !utf8.Valid(file) {
		file, _ = charmap.Windows1252.NewDecoder().Bytes(file)
	}
	r := csv.NewReader(bytes.NewReader(file))
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil || len(recs) != 2 || ci >= len(recs[1]) {
		t.Fatalf("encoding/csv reads %q as %q, %v", file, recs, err)
	}
	cell := recs[1][ci]
	if oneLine {
		return strings.Join(strings.Fields(cell), " ")
	}
	cell = strings.ReplaceAll(strings.ReplaceAll(cell, "\r\n", "\n"), "\r", "\n")
	return strings.TrimSpace(cell)
}

// FuzzCSVCell puts any text in one cell of a good row — every column of
// every kind, chosen by kind and column — and reads the file: it never
// panics; a problem is on the row's line and names one of the file's
// columns (or the row); an accepted row holds the cell's text unchanged
// (trimmed, and folded to one line for names and IDs) and reads the same
// when written back.
func FuzzCSVCell(f *testing.F) {
	cells := []string{
		"", " ", "x", "Evil\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b]0;TITLE\x07Corp", "a\nb", "a\r\nb\rc", "\"quoted\"",
		"Grand Totals (3 records)", "Grand Total Fitness", "Total", "=cmd|' /C calc'!A0", "café", "caf\xe9", "\u009b31m", "\x00", "\ufeffbom",
		"  padded  ", "2026-13-45", "12/31/2026", "31.12.2026", "2026-11-23T10:00:00+14:00", "$1,250,000.00", "1.200,50 €",
		"-5", "9999999999999999999999", "1e9", "Tier 1", "Closed Won", "Pending Approval", "inbound", "INTRO", "si",
		"https://www.example.com/", "Ana <ana@example.com>", "not an email", ",", ";", "\t",
	}
	for ki, k := range fuzzKinds {
		for ci := range k.fields {
			for _, c := range cells {
				if (ki+ci+len(c))%3 == 0 || c == "" || strings.HasPrefix(c, "Grand Total") {
					f.Add(uint8(ki), uint8(ci), c)
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, kind, column uint8, cell string) {
		if len(cell) > fuzzMaxBody {
			t.Skip("larger than a cell needs to be")
		}
		fuzzWatchdog(t, 20*time.Second)
		k := fuzzKinds[int(kind)%len(fuzzKinds)]
		ci := int(column) % len(k.fields)
		field := k.fields[ci]
		row := slices.Clone(k.valid)
		row[ci] = cell
		data := csvFile(k.fields, row)
		rows, warnings, err := k.read(data)
		checkProblems(t, data, warnings, err)
		if err != nil {
			for _, p := range err.(*Errors).Problems {
				if p.Line != 2 || (p.Column != "row" && !slices.Contains(k.fields, p.Column)) {
					t.Errorf("%s %s = %q: problem %q, want one on line 2 naming a column of the file or the row", k.name, field, cell, p)
				}
			}
			return
		}
		if ci == 0 && len(rows) == 0 && grandTotals(cellAsRead(t, data, ci, true)) {
			return // the footer of a Salesforce report, where the data ends
		}
		if len(rows) != 1 {
			t.Fatalf("%s %s = %q: the file reads as %d rows and no problem, want the row or a problem\n%q", k.name, field, cell, len(rows), data)
		}
		if text, ok := k.texts[field]; ok {
			want := cellAsRead(t, data, ci, k.oneLine[field])
			if got := text(rows[0]); got != want {
				t.Errorf("%s %s = %q reads as %q, want %q", k.name, field, cell, got, want)
			}
		}
		checkRoundTrip(t, k, rows)
	})
}
