package csvimport

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"partnercadence/cadence"
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
// it is 0 and the column when it is empty. The file's own text (a header, a
// quoted cell) may hold control characters: they are shown as symbols
// (cadence.VisibleLine), so printing a problem never sends the file's
// escape sequences to a terminal, and a problem stays one line.
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
	return cadence.VisibleLine(b.String())
}

// Quote returns a cell's value in double quotes for a problem or a message
// about the import, with its control characters shown as symbols
// (cadence.VisibleLine): `"Evil␛]0;TITLE␇Corp"`. Unlike %q it leaves
// quotes, backslashes and non-ASCII letters as they are, so the value reads
// as the user wrote it.
func Quote(s string) string {
	return `"` + cadence.VisibleLine(s) + `"`
}

// MaxShown is how many problems Errors.Error lists before it counts the
// rest: a file with 200,000 bad rows is a file with one mistake repeated,
// and the first hundred show it.
const MaxShown = 100

// Errors is every problem found in an import. An import is all or nothing,
// so the functions of this package report every bad row and field at once,
// and callers that check more (a partner that is not in the database, an
// owner who is not on the team) add their own problems with Add and report
// them the same way.
//
// The zero Errors is empty and ready to use.
type Errors struct {
	// Problems are in the order they were added until Err, Error or Sort
	// puts them in file order: by line within a file, files in the order
	// they first appear, problems of one line in the order they were
	// added.
	Problems []Problem
	// FileOrder, when set, puts the problems of the files it names first,
	// in its order: an import of several files reports them in the order
	// the user knows them, not in the order they were checked.
	FileOrder []string

	unsorted bool // a problem was added before one it must follow
}

// Add records p. It costs the same however many problems there are: the
// order of the file is restored once, when the problems are read.
func (e *Errors) Add(p Problem) {
	if n := len(e.Problems); n > 0 && !e.unsorted {
		last := e.Problems[n-1]
		if last.File != p.File || last.Line > p.Line {
			e.unsorted = true
		}
	}
	e.Problems = append(e.Problems, p)
}

// Len returns how many problems e holds.
func (e *Errors) Len() int {
	if e == nil {
		return 0
	}
	return len(e.Problems)
}

// Sort puts the problems in file order (see Problems).
func (e *Errors) Sort() {
	if e == nil || !e.unsorted {
		return
	}
	files := map[string]int{} // file → the order it first appeared in
	for _, f := range e.FileOrder {
		if _, ok := files[f]; !ok {
			files[f] = len(files)
		}
	}
	for _, p := range e.Problems {
		if _, ok := files[p.File]; !ok {
			files[p.File] = len(files)
		}
	}
	slices.SortStableFunc(e.Problems, func(a, b Problem) int {
		if c := cmp.Compare(files[a.File], files[b.File]); c != 0 {
			return c
		}
		return cmp.Compare(a.Line, b.Line)
	})
	e.unsorted = false
}

// Err returns e, in file order, as an error, or nil when it holds no
// problem.
func (e *Errors) Err() error {
	if e == nil || len(e.Problems) == 0 {
		return nil
	}
	e.Sort()
	return e
}

// Error prints one problem a line, in file order: the first MaxShown, then
// one line that counts the rest.
func (e *Errors) Error() string {
	e.Sort()
	var b strings.Builder
	for i, p := range e.Problems {
		if i == MaxShown {
			rest := len(e.Problems) - MaxShown
			fmt.Fprintf(&b, "\n%s: and %d more %s not shown (%d in all): fix the ones above and import again to see the rest",
				cadence.VisibleLine(p.File), rest, plural(rest, "problem", "problems"), len(e.Problems))
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.String())
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
