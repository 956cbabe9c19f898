package main

import (
	"io"
	"os"
	"unicode/utf8"

	"github.com/charmbracelet/x/term"

	"partnercadence/cadence"
)

// terminalSafe returns the writer a command that prints data writes to, and
// the flush to call when it is done. To a file or a pipe that is w itself:
// the text stays as its format has it (markdown, iCalendar and JSON escape
// what they must). To a terminal it is a filter that shows the data's
// control characters as symbols (cadence.Visible: an escape sequence in a
// name is printed as "␛]0;…", never acted on), so a terminal never receives
// them.
func terminalSafe(w io.Writer) (io.Writer, func() error) {
	if !isTerminal(w) {
		return w, func() error { return nil }
	}
	v := &visibleWriter{w: w}
	return v, v.Flush
}

// writeStdout runs write into stdout through terminalSafe: the stdout
// branch of writeOutput, for agenda, readout, calendar and export.
func writeStdout(stdout io.Writer, write func(io.Writer) error) error {
	out, flush := terminalSafe(stdout)
	if err := write(out); err != nil {
		return err
	}
	return flush()
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// visibleWriter passes what is written to w through cadence.Visible. Text
// may be cut anywhere between two writes, so the end of a write that could
// still change meaning — a rune not complete yet, or a CR that a LF may
// follow — is held back until the next write or Flush.
type visibleWriter struct {
	w    io.Writer
	held []byte
}

// Write writes p, shown visibly, except the few bytes at its end that wait
// for the next write.
func (v *visibleWriter) Write(p []byte) (int, error) {
	data := p
	if len(v.held) > 0 {
		data = make([]byte, 0, len(v.held)+len(p))
		data = append(append(data, v.held...), p...)
	}
	n := len(data) - unfinished(data)
	if n > 0 {
		if _, err := io.WriteString(v.w, cadence.Visible(string(data[:n]))); err != nil {
			return 0, err
		}
	}
	v.held = append(v.held[:0], data[n:]...)
	return len(p), nil
}

// Flush writes what is held back: an unfinished rune shows as U+FFFD, a
// last CR as ␍.
func (v *visibleWriter) Flush() error {
	if len(v.held) == 0 {
		return nil
	}
	_, err := io.WriteString(v.w, cadence.Visible(string(v.held)))
	v.held = v.held[:0]
	return err
}

// unfinished returns how many bytes at the end of b must wait for the next
// write: a CR (a CRLF is written as a line end, a lone CR as ␍), or the
// start of a UTF-8 sequence that is not complete yet.
func unfinished(b []byte) int {
	if len(b) == 0 {
		return 0
	}
	if b[len(b)-1] == '\r' {
		return 1
	}
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax+1; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return len(b) - i
			}
			return 0
		}
	}
	return 0
}
