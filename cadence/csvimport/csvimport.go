package csvimport

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	stdunicode "unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"partnercadence/cadence"
)

// Row is one record read from a file, with the line it starts on.
type Row[T any] struct {
	// Line is the file line the record starts on (a quoted field may span
	// several lines), for messages about the row.
	Line int
	// Value is the record, already checked with its Validate method. In a
	// row that is not Clean, a field that Failed holds its zero value.
	Value T

	src *source
	// failed lists the fields with a problem; bad is set when the row has
	// any problem, also one that is not about a field (a duplicate).
	failed []string
	bad    bool
}

// Clean reports whether the file has nothing wrong with the row: no problem
// was reported on its line.
func (r Row[T]) Clean() bool { return !r.bad }

// Failed reports whether field (a canonical name such as "partner") of the
// row could not be read, or failed its check: a caller checks a field
// against the database only when it did not, so that one mistake is
// reported once.
func (r Row[T]) Failed(field string) bool { return slices.Contains(r.failed, field) }

// Problem returns a problem about field (a canonical name such as "partner")
// of this row, in the form this package reports its own: the column is the
// header as the file wrote it ("Partner Account: Account Name"), or the field
// name when the file had no such column. Callers use it for the checks that
// need more than the file, such as a partner that does not exist.
func (r Row[T]) Problem(field, problem string) Problem {
	p := Problem{Line: r.Line, Column: field, Problem: problem}
	if r.src != nil {
		p.File = r.src.file
		if h, ok := r.src.columns[field]; ok {
			p.Column = h
		}
	}
	return p
}

// source is what the rows of one file share.
type source struct {
	file    string
	columns map[string]string // field name → header as written
}

// field is one field of a record and the headers it is read from.
type field[T any] struct {
	name     string
	required bool // the file must have a column for it
	// headers name the column as cadence and CRM exports write it.
	headers []string
	// fallback headers are read only when no column has one of headers:
	// "Deal Name" is the account only when there is no "Account Name".
	fallback []string
	// set parses a cell, trimmed, into the record; its error is the
	// problem text. Fields without a column get "".
	set func(v *T, cell string) error
	// conv is fieldDate or fieldAmount for a column whose convention
	// (date order, decimal mark) is settled by its values.
	conv byte
}

// Kinds of field whose reading depends on a convention.
const (
	fieldDate   = 'D'
	fieldAmount = 'A'
)

// errSettled is the error of a cell in a column whose convention could not
// be settled: the column's problem is reported once, not on every row.
var errSettled = errors.New("column not read")

// schema describes one kind of file.
type schema[T any] struct {
	kind     string
	fields   []field[T]
	finish   func(*T) // optional, after every field is set
	validate func(T) error
	// dup returns the key that must be unique within a file, the field to
	// report a duplicate on, and the value to show ("" to list dupFields).
	dup       func(T) (key, field, shown string)
	dupFields []string // a duplicate is only checked when these parsed
	st        *settings
	// after runs once every row is read, for the file's warnings.
	after func(warn func(line int, column, format string, args ...any))
}

// canonical returns the canonical header of the kind, comma separated.
func (s *schema[T]) canonical() string {
	names := make([]string, len(s.fields))
	for i, f := range s.fields {
		names[i] = f.name
	}
	return strings.Join(names, ",")
}

// normalizeHeader folds a header for matching: lowercase, without spaces,
// underscores, hyphens, dots or byte order marks.
func normalizeHeader(h string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\u00a0', '_', '-', '.', '\ufeff':
			return -1
		}
		return r
	}, strings.ToLower(h))
}

// File is what one file holds: every row the reader could make out, good or
// bad, the problems of form it found in them, and its warnings.
type File[T any] struct {
	// Name is the file's name as the messages give it.
	Name string
	// Rows are the records in file order, each with its line, the bad ones
	// too (Row.Clean, Row.Failed), so that a caller can check their
	// references as well and report every problem in one pass. A record
	// the reader cannot make out (a wrong number of fields) is not among
	// them; nor is any when the header is wrong.
	Rows []Row[T]
	// Problems are the problems of form, in file order. A caller adds its
	// own (Errors.Add) and reports them all together.
	Problems Errors
	// Warnings say what was read around rather than imported: unknown
	// columns, a guessed encoding.
	Warnings []Problem
	// Mapped lists each distinct CRM value read as a cadence value, once,
	// with how many rows had it, in the order first met.
	Mapped []Mapping
}

// decode reads one file of kind s. See ReadPartners for the contract.
func decode[T any](r io.Reader, file string, s *schema[T]) (*File[T], error) {
	raw, err := readAll(r)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", file, err)
	}
	d := &decoder[T]{s: s, file: file}
	rows := d.run(raw)
	if s.after != nil && len(rows) > 0 {
		s.after(d.warn)
	}
	d.errs.Sort()
	return &File[T]{Name: file, Rows: rows, Problems: d.errs, Warnings: d.warnings, Mapped: s.st.mappings()}, nil
}

// readAll reads r to the end, into one buffer of the file's size when r is
// a file: io.ReadAll would grow it step by step, allocating twice the size
// of a large file.
func readAll(r io.Reader) ([]byte, error) {
	var b bytes.Buffer
	if f, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
			b.Grow(int(info.Size()) + bytes.MinRead)
		}
	}
	_, err := b.ReadFrom(r)
	return b.Bytes(), err
}

// clean is the contract of Partners, Registrations and Touchpoints: the rows
// only when every one is good.
func clean[T any](f *File[T], err error) ([]Row[T], []Problem, error) {
	if err != nil {
		return nil, nil, err
	}
	if err := f.Problems.Err(); err != nil {
		return nil, f.Warnings, err
	}
	return f.Rows, f.Warnings, nil
}

// decoder holds the state of reading one file.
type decoder[T any] struct {
	s        *schema[T]
	file     string
	errs     Errors
	warnings []Problem

	cr     *csv.Reader
	header []string
	cols   []int // per field of s: the column index, or -1
	order  []int // indexes of s.fields in the order to read them
	src    *source
}

func (d *decoder[T]) problem(line int, column, format string, args ...any) {
	d.errs.Add(Problem{File: d.file, Line: line, Column: column, Problem: fmt.Sprintf(format, args...)})
}

func (d *decoder[T]) warn(line int, column, format string, args ...any) {
	d.warnings = append(d.warnings, Problem{File: d.file, Line: line, Column: column, Problem: fmt.Sprintf(format, args...)})
}

func (d *decoder[T]) run(raw []byte) []Row[T] {
	data := d.toUTF8(raw)
	if bytes.IndexByte(data, '\n') < 0 && bytes.IndexByte(data, '\r') >= 0 {
		// Classic Mac OS line ends (CR only): encoding/csv knows only LF
		// and CRLF, and would read the file as one line.
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = sniffComma(data)
	cr.FieldsPerRecord = -1 // checked here, to report every bad row
	cr.LazyQuotes = true    // a stray quote in a hand-edited file is text
	cr.TrimLeadingSpace = cr.Comma != '\t'
	d.cr = cr

	header, err := cr.Read()
	if err == io.EOF {
		d.problem(1, "header", "the file is empty: its first row must name the columns, e.g. %s", d.s.canonical())
		return nil
	}
	if err != nil {
		d.readError(err)
		return nil
	}
	headerLine, _ := cr.FieldPos(0)
	if !d.mapHeader(header, headerLine) {
		return nil
	}

	// The records are read first: a date or amount column's convention
	// is settled by all of its values before any is read.
	type record struct {
		line, runsTo int
		cells        []string
	}
	var records []record
	end := "" // what ended the data, for rows after it
	for {
		off := cr.InputOffset()
		if rest := data[off:]; bytes.HasPrefix(rest, []byte("\n")) || bytes.HasPrefix(rest, []byte("\r\n")) {
			end = fmt.Sprintf("line %d (blank)", 1+bytes.Count(data[:off], []byte("\n")))
			break
		}
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			d.readError(err)
			return nil
		}
		line, _ := cr.FieldPos(0)
		if blank(rec) {
			end = fmt.Sprintf("line %d (an empty row)", line)
			break
		}
		if grandTotals(rec[0]) {
			end = fmt.Sprintf("line %d (%q)", line, strings.TrimSpace(rec[0]))
			break
		}
		r := record{line: line, cells: rec}
		if len(rec) != len(d.header) {
			// Where the record ends, for a hint about a missing quote.
			last := len(rec) - 1
			l, _ := cr.FieldPos(last)
			r.runsTo = l + strings.Count(rec[last], "\n")
		}
		records = append(records, r)
	}
	if end != "" {
		d.checkAfterEnd(cr, end)
	}
	for i, f := range d.s.fields {
		if f.conv != 0 && d.cols[i] >= 0 {
			c := d.cols[i]
			col := newSettleColumn()
			for _, r := range records {
				if c < len(r.cells) {
					cell := strings.TrimSpace(r.cells[c])
					if f.conv == fieldDate {
						col.note(dateSettles(cell), r.line, cell)
					} else {
						col.note(amountSettles(cell), r.line, cell)
					}
				}
			}
			d.settle(f, col)
		}
	}
	rows := make([]Row[T], 0, len(records))
	seen := make(map[string]int, len(records)) // duplicate key → first line
	for _, r := range records {
		if row, ok := d.row(r.cells, r.line, r.runsTo, seen); ok {
			rows = append(rows, row)
		}
	}
	return rows
}

// toUTF8 returns the file's bytes as UTF-8 without a byte order mark.
// UTF-16 (Excel's "Unicode Text") is decoded by its byte order mark; bytes
// that are not UTF-8 are read as Windows-1252, the encoding Excel and
// Salesforce use by default for Western European text, with a warning.
func (d *decoder[T]) toUTF8(raw []byte) []byte {
	if bytes.HasPrefix(raw, []byte{0xff, 0xfe}) || bytes.HasPrefix(raw, []byte{0xfe, 0xff}) {
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		if b, err := dec.Bytes(raw); err == nil {
			return b
		}
	}
	data := bytes.TrimPrefix(raw, []byte("\ufeff"))
	if utf8.Valid(data) {
		return data
	}
	b, _ := charmap.Windows1252.NewDecoder().Bytes(data) // every byte decodes
	d.warn(0, "", "not UTF-8: read as Windows-1252 (export or save the file as \"CSV UTF-8\" to be sure accented letters are right)")
	return b
}

// sniffComma returns the delimiter of the first line: a comma, unless the
// line has none and has semicolons (spreadsheets in locales with a decimal
// comma) or tabs.
func sniffComma(data []byte) rune {
	line := data
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		line = data[:i]
	}
	counts := map[rune]int{}
	quoted := false
	for _, r := range string(line) {
		switch {
		case r == '"':
			quoted = !quoted
		case !quoted && (r == ',' || r == ';' || r == '\t'):
			counts[r]++
		}
	}
	switch {
	case counts[','] > 0:
		return ','
	case counts[';'] >= counts['\t'] && counts[';'] > 0:
		return ';'
	case counts['\t'] > 0:
		return '\t'
	}
	return ','
}

// readError reports an error of the CSV reader. With LazyQuotes and no
// fixed field count, reading from memory does not fail; this is a guard.
func (d *decoder[T]) readError(err error) {
	d.problem(0, "", "%v", err)
}

// mapHeader matches the header row to the fields of the schema and reports
// what is missing, doubled or unknown. It reports whether reading can go on.
func (d *decoder[T]) mapHeader(header []string, line int) bool {
	type match struct {
		field    int
		fallback bool
	}
	index := map[string]match{}
	for i, f := range d.s.fields {
		for _, h := range f.headers {
			index[normalizeHeader(h)] = match{i, false}
		}
		for _, h := range f.fallback {
			index[normalizeHeader(h)] = match{i, true}
		}
	}

	d.header = make([]string, len(header))
	primary := make([][]int, len(d.s.fields))
	fallback := make([][]int, len(d.s.fields))
	notes := make([]string, len(header)) // per column: a warning
	var unknown []int
	for c, h := range header {
		h = strings.TrimSpace(strings.ReplaceAll(h, "\ufeff", ""))
		d.header[c] = h
		m, ok := index[normalizeHeader(h)]
		switch {
		case ok && m.fallback:
			fallback[m.field] = append(fallback[m.field], c)
		case ok:
			primary[m.field] = append(primary[m.field], c)
		case h == "":
			// A column without a header: ignored, but a value in it is
			// reported on its row.
		default:
			unknown = append(unknown, c)
		}
	}

	ok := true
	d.cols = make([]int, len(d.s.fields))
	d.src = &source{file: d.file, columns: map[string]string{}}
	d.s.st.columns = d.src.columns
	for i, f := range d.s.fields {
		cols := primary[i]
		if len(cols) == 0 {
			cols = fallback[i]
		} else {
			for _, c := range fallback[i] {
				notes[c] = fmt.Sprintf("ignored: %s is read from %s", f.name, Quote(d.header[cols[0]]))
			}
		}
		d.cols[i] = -1
		switch {
		case len(cols) == 0 && f.required:
			d.problem(line, f.name, "required column is missing (name it %s)", orList(slices.Concat(f.headers, f.fallback)))
			ok = false
		case len(cols) > 1:
			for _, c := range cols[1:] {
				d.problem(line, d.header[c], "%s is already read from %s (column %d): keep one of them", f.name, Quote(d.header[cols[0]]), cols[0]+1)
			}
			ok = false
		case len(cols) == 1:
			d.cols[i] = cols[0]
			d.src.columns[f.name] = d.header[cols[0]]
		}
	}
	// Fields are read in the file's column order, those without a column
	// last, so that a row's problems read left to right.
	d.order = make([]int, len(d.s.fields))
	for i := range d.order {
		d.order[i] = i
	}
	slices.SortStableFunc(d.order, func(a, b int) int {
		ca, cb := d.cols[a], d.cols[b]
		if ca < 0 {
			ca = len(d.header)
		}
		if cb < 0 {
			cb = len(d.header)
		}
		return ca - cb
	})

	var ignored []string
	for _, c := range unknown {
		if s := d.suggest(d.header[c]); s != "" {
			notes[c] = fmt.Sprintf("unknown column, ignored: did you mean %s?", s)
		} else {
			ignored = append(ignored, d.header[c])
		}
	}
	for c, n := range notes {
		if n != "" {
			d.warn(line, d.header[c], "%s", n)
		}
	}
	if len(ignored) > 0 {
		d.warn(line, "", "ignored columns cadence does not read: %s", strings.Join(ignored, ", "))
	}
	return ok
}

// orList writes names as `a, b or c`, quoting those with spaces.
func orList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = n
		if strings.ContainsAny(n, " ,:") {
			q[i] = fmt.Sprintf("%q", n)
		}
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// suggest returns the header that h is probably a misspelling of, among
// those of the fields the file has no column for, or "".
func (d *decoder[T]) suggest(h string) string {
	n := normalizeHeader(h)
	if len(n) < 4 {
		return ""
	}
	for i, f := range d.s.fields {
		if d.cols[i] >= 0 {
			continue
		}
		for _, k := range slices.Concat(f.headers, f.fallback) {
			if cadence.EditDistance(n, normalizeHeader(k)) <= 2 {
				return k
			}
		}
	}
	return ""
}

// row reads one data record. It reports every problem of the record, and
// returns the record unless it could not be made out (a wrong number of
// fields); the Row says whether it is clean and which fields failed.
func (d *decoder[T]) row(rec []string, line, runsTo int, seen map[string]int) (Row[T], bool) {
	before := len(d.errs.Problems)
	// Spreadsheets pad rows with empty cells past the header: harmless.
	for len(rec) > len(d.header) && strings.TrimSpace(rec[len(rec)-1]) == "" {
		rec = rec[:len(rec)-1]
	}
	if len(rec) != len(d.header) {
		hint := ""
		if runsTo > line {
			hint = fmt.Sprintf(" (the record runs to line %d: is a closing quote missing?)", runsTo)
		}
		d.problem(line, "row", "has %d fields but the header has %d%s", len(rec), len(d.header), hint)
		return Row[T]{}, false
	}
	for c, h := range d.header {
		if h == "" && strings.TrimSpace(rec[c]) != "" {
			d.problem(line, fmt.Sprintf("column %d", c+1), "has a value but no header: name the column or empty it")
		}
	}

	var v T
	var failed []string
	silent := false // a field of a column not read
	for _, i := range d.order {
		f := d.s.fields[i]
		cell := ""
		if c := d.cols[i]; c >= 0 {
			cell = strings.TrimSpace(rec[c])
		}
		if err := f.set(&v, cell); err != nil {
			failed = append(failed, f.name)
			if errors.Is(err, errSettled) {
				silent = true
			} else {
				d.problem(line, d.column(f.name), "%v", err)
			}
		}
	}
	if d.s.finish != nil {
		d.s.finish(&v)
	}
	for _, err := range leaves(d.s.validate(v)) {
		var fe *cadence.FieldError
		var ee *cadence.EnumError
		switch {
		case errors.As(err, &fe):
			if !slices.Contains(failed, fe.Field) {
				failed = append(failed, fe.Field)
				d.problem(line, d.column(fe.Field), "%s", fe.Problem)
			}
		case errors.As(err, &ee):
			if !slices.Contains(failed, ee.Field) {
				failed = append(failed, ee.Field)
				d.problem(line, d.column(ee.Field), "%s is not one of %s", Quote(ee.Value), strings.Join(ee.Allowed, ", "))
			}
		default:
			d.problem(line, "row", "%v", err)
		}
	}
	if !slices.ContainsFunc(d.s.dupFields, func(f string) bool { return slices.Contains(failed, f) }) {
		key, f, shown := d.s.dup(v)
		if first, ok := seen[key]; ok {
			if shown != "" {
				d.problem(line, d.column(f), "%s is already on line %d", Quote(shown), first)
			} else {
				d.problem(line, f, "same %s as line %d", andList(d.s.dupFields), first)
			}
		} else {
			seen[key] = line
		}
	}
	return Row[T]{Line: line, Value: v, src: d.src, failed: failed, bad: silent || len(d.errs.Problems) > before}, true
}

// column returns the header the file wrote for field, or the field's name.
func (d *decoder[T]) column(field string) string {
	if h, ok := d.src.columns[field]; ok {
		return h
	}
	return field
}

// andList writes names as `a, b and c`.
func andList(names []string) string {
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// leaves flattens the errors.Join tree that Validate returns.
func leaves(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, leaves(e)...)
		}
		return out
	}
	return []error{err}
}

// blank reports whether every cell of rec is empty or white space.
func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// grandTotals reports whether a first cell is the label of the row where
// Salesforce reports end their data: "Grand Totals (2 records)" or "Grand
// Total", but not a name that starts with those words ("Grand Total
// Fitness"), which is data.
func grandTotals(cell string) bool {
	if t := strings.TrimLeftFunc(cell, stdunicode.IsSpace); t == "" || (t[0] != 'g' && t[0] != 'G') {
		return false // nearly every row: no allocation
	}
	rest, ok := strings.CutPrefix(strings.ToLower(strings.Join(strings.Fields(cell), " ")), "grand total")
	if !ok {
		return false
	}
	rest = strings.TrimSpace(strings.TrimPrefix(rest, "s"))
	return rest == "" || strings.HasPrefix(rest, "(")
}

// footerPrefixes start the rows reports put after their data.
var footerPrefixes = []string{"grand total", "total", "subtotal", "copyright", "©", "confidential", "generated by", "filtered by"}

// checkAfterEnd reads the rows after the end of the data (a blank line or a
// Grand Totals row, where Salesforce reports put their footer) and reports
// the first that looks like data rather than a footer, so that a blank line
// in the middle of a file never drops rows silently.
func (d *decoder[T]) checkAfterEnd(cr *csv.Reader, end string) {
	for {
		rec, err := cr.Read()
		if err != nil {
			return // io.EOF, or a footer that is not CSV: nothing to import
		}
		if len(rec) != len(d.header) || blank(rec) {
			continue
		}
		first := ""
		for _, c := range rec {
			if first = strings.ToLower(strings.TrimSpace(c)); first != "" {
				break
			}
		}
		if slices.ContainsFunc(footerPrefixes, func(p string) bool { return strings.HasPrefix(first, p) }) {
			continue
		}
		line, _ := cr.FieldPos(0)
		d.problem(line, "row", "looks like data but comes after %s, where the data ends: remove that line to import the rows after it, or delete them", end)
		return
	}
}
