package csvimport

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong with an imported file, or one warning about it.
// It prints as FILE:LINE: column: problem, the form editors and CI logs
// recognise.
type Problem struct {
	// File is the name the caller gave for the input.
	File string
	// Line is the file line the problem is on: 1 for the header, else the
	// line a record starts on (a quoted field may span several lines).
	// 0 means the whole file.
	Line int
	// Column is the header as written in the file (e.g. "Created Date"),
	// or the canonical field name when the file has no column for it (a
	// missing column), "row" for a problem with the row as a whole, or ""
	// when no column applies.
	Column string
	// Problem says what is wrong, lowercase, without trailing punctuation.
	Problem string
}

// String formats p as FILE:LINE: column: problem, leaving out the line when
// it is 0 and the column when it is empty.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.Column != "" {
		b.WriteString(p.Column)
		b.WriteString(": ")
	}
	b.WriteString(p.Problem)
	return b.String()
}

// Errors is every problem found in an import. An import is all or nothing,
// so the functions of this package report every bad row and field at once,
// and callers that check more (a partner that is not in the database, an
// owner who is not on the team) add their own problems with Add and report
// them the same way.
//
// The zero Errors is empty and ready to use.
type Errors struct {
	// Problems are kept in file order: by line within a file, files in the
	// order they first appear. Add keeps that order.
	Problems []Problem
}

// Add records p after every problem of the same file on the same or an
// earlier line, so problems stay in line order whatever order they were
// found in.
func (e *Errors) Add(p Problem) {
	at := len(e.Problems)
	sameFile := false
	for i, q := range e.Problems {
		if q.File != p.File {
			if sameFile {
				at = i
				break
			}
			continue
		}
		if !sameFile {
			sameFile = true
		}
		if q.Line > p.Line {
			at = i
			break
		}
	}
	e.Problems = append(e.Problems, Problem{})
	copy(e.Problems[at+1:], e.Problems[at:])
	e.Problems[at] = p
}

// Err returns e as an error, or nil when it holds no problem.
func (e *Errors) Err() error {
	if e == nil || len(e.Problems) == 0 {
		return nil
	}
	return e
}

// Error prints one problem a line, in file order.
func (e *Errors) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}
