package csvimport

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"partnercadence/cadence"
)

// Salesforce is a Salesforce Data Export folder read as cadence records:
// the partner accounts of Account.csv, the opportunities of those partners
// in Opportunity.csv as registrations, and their activities in Task.csv
// and Event.csv as touchpoints. Every row keeps its file and line, and
// every column its header as the export wrote it, for messages.
type Salesforce struct {
	Partners      *File[cadence.Partner]
	Registrations *File[cadence.Registration]
	// Touchpoints are the files of activities: Task.csv, then Event.csv
	// (a file the folder lacks is left out).
	Touchpoints []*File[cadence.Touchpoint]
	// Users are User.csv's users: record ID → email address. An owner is
	// a user's ID; a team member is found by the user's email.
	Users map[string]string
	// Problems are the problems of form of every file, in file order.
	Problems Errors
	// Warnings say what was read around, file by file.
	Warnings []Problem
	// Mapped lists each distinct CRM value read as a cadence value.
	Mapped []Mapping
	// Left says what the folder holds that is not imported, one line a
	// file: accounts that are not partners, opportunities and activities
	// of no partner account.
	Left []string
}

// The columns of a Data Export that cadence reads, by object (besides the
// IDs that relate the records).
var (
	accountColumns = []string{"Id", "Name", "Type", "OwnerId", "CreatedDate", "Website", "Description",
		"Partner_Tier__c", "Tier__c"}
	opportunityColumns = []string{"Id", "Amount", "CreatedDate", "StageName", "CloseDate", "OwnerId"}
)

// SalesforceFiles are the files of a Data Export that ReadSalesforce reads.
var SalesforceFiles = []string{"Account.csv", "Opportunity.csv", "Task.csv", "Event.csv", "User.csv"}

// ReadSalesforce reads the Data Export folder dir. Account.csv, Opportunity.csv
// and User.csv must be there; Task.csv and Event.csv are read when they are.
// An account is a partner when its Type is one of opt.PartnerTypes or,
// without them, when its Type reads as a partner type (built-in Salesforce
// words or [import.values] type). Its error is only a failure to read a
// file; what is wrong in the files is in Problems.
func ReadSalesforce(dir string, opt Options) (*Salesforce, error) {
	x := &Salesforce{Users: map[string]string{}}
	for _, name := range SalesforceFiles {
		x.Problems.FileOrder = append(x.Problems.FileOrder, filepath.Join(dir, name))
	}
	tables := map[string]*sheet{}
	for _, name := range SalesforceFiles {
		raw, err := os.ReadFile(filepath.Join(dir, name))
		switch {
		case errors.Is(err, fs.ErrNotExist) && (name == "Task.csv" || name == "Event.csv"):
			continue
		case errors.Is(err, fs.ErrNotExist):
			x.Problems.Add(Problem{File: filepath.Join(dir, name), Problem: "not found: a Salesforce Data Export folder has Account.csv, Opportunity.csv and User.csv (Task.csv and Event.csv when activities are exported)"})
			continue
		case err != nil:
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		t := readTable(raw, filepath.Join(dir, name))
		x.Warnings = append(x.Warnings, t.warnings...)
		tables[name] = t
	}
	if x.Problems.Len() > 0 {
		return x, nil
	}

	users := tables["User.csv"]
	if users.need(&x.Problems, "Id", "Email") {
		id, email := users.col("Id"), users.col("Email")
		for _, r := range users.rows {
			x.Users[r.cell(id)] = r.cell(email)
		}
	}

	// The accounts: partners by type, and every account's name, for the
	// customer an opportunity is for.
	accounts := tables["Account.csv"]
	names := map[string]string{} // account ID → name
	partners := map[string]bool{}
	if accounts.need(&x.Problems, "Id", "Name", "Type", "OwnerId") {
		id, name, typ := accounts.col("Id"), accounts.col("Name"), accounts.col("Type")
		others := 0
		partnerType := partnerTyper(opt)
		keep := accounts.rows[:0]
		for _, r := range accounts.rows {
			names[r.cell(id)] = r.cell(name)
			if partnerType(r.cell(typ)) {
				partners[r.cell(id)] = true
				keep = append(keep, r)
			} else {
				others++
			}
		}
		accounts.rows = keep
		if others > 0 {
			x.Left = append(x.Left, fmt.Sprintf("Account.csv: %d %s whose Type is no partner type (set [import] partner_types to choose)", others, plural(others, "account", "accounts")))
		}
		in, err := ReadPartners(accounts.project(accountColumns), accounts.file, opt)
		if err != nil {
			return nil, err
		}
		remap(accounts, in)
		x.Partners = in
	}

	// The opportunities of a partner: its PartnerAccountId, or its
	// account when that is a partner.
	opps := tables["Opportunity.csv"]
	if x.Partners != nil && opps.need(&x.Problems, "Id", "AccountId", "StageName", "CreatedDate") {
		acct, partnerCol := opps.col("AccountId"), opps.col("PartnerAccountId")
		nameCol := opps.col("Name")
		left := 0
		keep := opps.rows[:0]
		for _, r := range opps.rows {
			p := r.cell(partnerCol)
			a := r.cell(acct)
			customer := names[a]
			if p == "" && partners[a] {
				p, customer = a, ""
			}
			if p == "" {
				left++
				continue
			}
			if customer == "" {
				customer = r.cell(nameCol)
			}
			r.extra = []string{p, customer}
			keep = append(keep, r)
		}
		opps.rows = keep
		if left > 0 {
			x.Left = append(x.Left, fmt.Sprintf("Opportunity.csv: %d %s of no partner account", left, plural(left, "opportunity", "opportunities")))
		}
		in, err := ReadRegistrations(opps.project(opportunityColumns, "PartnerAccountId", "Account Name"), opps.file, opt)
		if err != nil {
			return nil, err
		}
		remap(opps, in)
		x.Registrations = in
	}

	// Activities of a partner account, by the account they are on or the
	// record they are about.
	var late []Problem // warnings of the activities, after the readers' own
	for _, name := range []string{"Task.csv", "Event.csv"} {
		t := tables[name]
		date := "ActivityDate"
		if t != nil && t.col(date) < 0 && name == "Event.csv" {
			date = "StartDateTime"
		}
		if t == nil || x.Partners == nil || !t.need(&x.Problems, date, "OwnerId") {
			continue
		}
		acct, what := t.col("AccountId"), t.col("WhatId")
		if acct < 0 && what < 0 {
			x.Problems.Add(Problem{File: t.file, Line: t.headerLine, Column: "header", Problem: "has neither AccountId nor WhatId: nothing says which account an activity is on"})
			continue
		}
		kindCol, kindHeader := t.col("TaskSubtype"), "TaskSubtype"
		if name == "Event.csv" || kindCol < 0 {
			kindCol, kindHeader = t.col("Type"), "Type"
		}
		dirCol := t.col("CallType")
		left, undirected := 0, 0
		keep := t.rows[:0]
		for _, r := range t.rows {
			p := r.cell(acct)
			if !partners[p] {
				p = r.cell(what)
			}
			if !partners[p] {
				left++
				continue
			}
			kind := r.cell(kindCol)
			if kind == "" && name == "Event.csv" {
				kind = "Meeting"
			}
			dir := r.cell(dirCol)
			if dir == "" {
				dir = "Outbound"
				undirected++
			}
			r.extra = []string{p, kind, dir}
			keep = append(keep, r)
		}
		t.rows = keep
		if left > 0 {
			x.Left = append(x.Left, fmt.Sprintf("%s: %d %s of no partner account", name, left, plural(left, "activity", "activities")))
		}
		switch {
		case undirected > 0 && name == "Event.csv":
			late = append(late, Problem{File: t.file, Problem: fmt.Sprintf("%d %s read as outbound: an event has no direction", undirected, plural(undirected, "event", "events"))})
		case undirected > 0:
			late = append(late, Problem{File: t.file, Problem: fmt.Sprintf("%d %s without a CallType read as outbound (logged by the team)", undirected, plural(undirected, "task", "tasks"))})
		}
		columns := []string{"ActivityDate", "Subject", "OwnerId"}
		if t.col("ActivityDate") < 0 {
			columns[0] = "StartDateTime"
		}
		in, err := ReadTouchpoints(t.project(columns, "AccountId", kindHeader, "CallType"), t.file, opt)
		if err != nil {
			return nil, err
		}
		remap(t, in)
		x.Touchpoints = append(x.Touchpoints, in)
	}

	if x.Partners != nil {
		x.addFile(&x.Partners.Problems, x.Partners.Warnings, x.Partners.Mapped)
	}
	if x.Registrations != nil {
		x.addFile(&x.Registrations.Problems, x.Registrations.Warnings, x.Registrations.Mapped)
	}
	for _, f := range x.Touchpoints {
		x.addFile(&f.Problems, f.Warnings, f.Mapped)
	}
	x.Warnings = append(x.Warnings, late...)
	return x, nil
}

// addFile adds the problems, warnings and mappings of one file.
func (x *Salesforce) addFile(e *Errors, w []Problem, m []Mapping) {
	e.Sort()
	for _, p := range e.Problems {
		x.Problems.Add(p)
	}
	x.Warnings = append(x.Warnings, w...)
	x.Mapped = append(x.Mapped, m...)
}

// partnerTyper returns whether an account's Type makes it a partner.
func partnerTyper(opt Options) func(string) bool {
	if len(opt.PartnerTypes) > 0 {
		return func(s string) bool {
			return slices.ContainsFunc(opt.PartnerTypes, func(t string) bool { return valueKey(t) == valueKey(s) })
		}
	}
	return func(s string) bool {
		if s == "" {
			return false
		}
		_, _, err := mapEnum(newSettings(opt), "type", "Type", s, cadence.ParsePartnerType, typeWords)
		return err == nil
	}
}

// sheet is one file of an export as text: its header and its records.
type sheet struct {
	file       string
	header     []string
	headerLine int
	rows       []tableRow
	warnings   []Problem
	lines      map[int]int // line of a record in the last projection → its line in the file
}

type tableRow struct {
	line  int
	cells []string
	extra []string // cells of the columns a projection adds
}

func (r tableRow) cell(c int) string {
	if c < 0 || c >= len(r.cells) {
		return ""
	}
	return strings.TrimSpace(r.cells[c])
}

// readTable reads a file's records as they are: what they mean is for the
// readers of the kinds to say.
func readTable(raw []byte, file string) *sheet {
	d := &decoder[struct{}]{file: file}
	data := d.toUTF8(raw)
	if bytes.IndexByte(data, '\n') < 0 && bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	t := &sheet{file: file, warnings: d.warnings}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			break // with LazyQuotes, reading from memory does not fail
		}
		line, _ := cr.FieldPos(0)
		if t.header == nil {
			t.header, t.headerLine = rec, line
			continue
		}
		if blank(rec) {
			continue
		}
		t.rows = append(t.rows, tableRow{line: line, cells: rec})
	}
	return t
}

// col returns the index of the column named name, or -1.
func (t *sheet) col(name string) int {
	for i, h := range t.header {
		if normalizeHeader(h) == normalizeHeader(name) {
			return i
		}
	}
	return -1
}

// need reports whether t has every one of columns, adding a problem for
// each it lacks.
func (t *sheet) need(problems *Errors, columns ...string) bool {
	ok := true
	for _, c := range columns {
		if t.col(c) < 0 {
			problems.Add(Problem{File: t.file, Line: t.headerLine, Column: "header", Problem: fmt.Sprintf("has no %s column: export the object with all its fields", c)})
			ok = false
		}
	}
	return ok
}

// project writes t's rows as CSV for a reader: the columns of the file
// named in columns (those it has, under their headers as written), then one
// column per name in extra, holding each row's extra cells. The export's
// other columns (IsDeleted, SystemModstamp, …) are not cadence's to read.
// It remembers each record's line in the file, for remap.
func (t *sheet) project(columns []string, extra ...string) io.Reader {
	var keep []int
	for _, c := range columns {
		if i := t.col(c); i >= 0 {
			keep = append(keep, i)
		}
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	line := 1 // of the projection, where the next record starts
	t.lines = map[int]int{}
	write := func(rec []string, from int) {
		_ = w.Write(rec)
		t.lines[line] = from
		line++
		for _, c := range rec {
			line += strings.Count(c, "\n")
		}
	}
	rec := make([]string, 0, len(keep)+len(extra))
	for _, i := range keep {
		rec = append(rec, t.header[i])
	}
	write(append(rec, extra...), t.headerLine)
	for _, r := range t.rows {
		rec = rec[:0]
		for _, i := range keep {
			if i < len(r.cells) {
				rec = append(rec, r.cells[i])
			} else {
				rec = append(rec, "")
			}
		}
		write(append(rec, r.extra...), r.line)
	}
	w.Flush()
	return &b
}

// remap gives the rows, problems and warnings that a reader found in the
// last projection the lines of the file.
func remap[T any](t *sheet, f *File[T]) {
	fix := func(l int) int {
		if from, ok := t.lines[l]; ok {
			return from
		}
		return l
	}
	for i := range f.Problems.Problems {
		f.Problems.Problems[i].Line = fix(f.Problems.Problems[i].Line)
	}
	for i := range f.Warnings {
		f.Warnings[i].Line = fix(f.Warnings[i].Line)
	}
	for i := range f.Rows {
		f.Rows[i].Line = fix(f.Rows[i].Line)
	}
}
