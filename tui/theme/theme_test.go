package theme

import (
	"strings"
	"testing"
)

func TestOneLine(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Acme Cloud", "Acme Cloud"},
		{"", ""},
		{"  padded  out  ", "padded out"},
		{"two\nlines\tand a tab", "two lines and a tab"},
		{"crlf\r\nline", "crlf line"},
		{"Zürich  AG\n", "Zürich AG"},
		{"no\u00a0break", "no break"},
		{"Evil\x1b]0;TITLE\x07Corp", "Evil␛]0;TITLE␇Corp"},
		{"Evil\x1b]52;c;ZWNobyBwd25lZA==\x07Corp", "Evil␛]52;c;ZWNobyBwd25lZA==␇Corp"},
		{"red \x1b[31mRED", "red ␛[31mRED"},
		{"c1 \u009b31m", "c1 \ufffd31m"},
		{"nul\x00 cr\r del\x7f vt\v ff\f", "nul␀ cr␍ del␡ vt␋ ff␌"},
		{"bad \xff utf-8", "bad \ufffd utf-8"},
	} {
		if got := OneLine(tc.in); got != tc.want {
			t.Errorf("OneLine(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// Rows are drawn through OneLine for every name of every row drawn: a plain
// name costs nothing.
func TestOneLinePlainDoesNotAllocate(t *testing.T) {
	name := "Northwind Systems · Dana Cruz"
	if n := testing.AllocsPerRun(100, func() { _ = OneLine(name) }); n != 0 {
		t.Errorf("OneLine of a plain name allocates %v times", n)
	}
}

// A field prefilled with a stored value shows it safely and, left as shown,
// gives back the value exactly; edited, it gives what was typed.
func TestPrefillKeepsTheStoredValue(t *testing.T) {
	st := NewStyles(true)
	for _, tc := range []struct{ stored, shown string }{
		{"Dana Cruz", "Dana Cruz"},
		{"Mal\x1b[31mory", "Mal␛[31mory"},
		{"Evil\x1b]0;TITLE\x07Corp", "Evil␛]0;TITLE␇Corp"},
		{"two\nlines", "two lines"},
		// The input drops U+FFFD (what a C1 code and bad UTF-8 show as):
		// the stored value is kept all the same.
		{"c1 \u009b31m \xff", "c1 31m "},
	} {
		in := NewInput(st, "› ", "")
		s := Prefill(&in, tc.stored)
		if got := in.Value(); got != tc.shown {
			t.Errorf("Prefill(%q) shows %q, want %q", tc.stored, got, tc.shown)
		}
		if strings.ContainsAny(in.View(), "\x07\x00\u009b") || strings.Contains(in.View(), "\x1b]") || strings.Contains(in.View(), "\x1b[31m") {
			t.Errorf("the input for %q draws control codes: %q", tc.stored, in.View())
		}
		if got := s.Value(in.Value()); got != tc.stored || s.Edited(in.Value()) {
			t.Errorf("untouched field of %q gives %q (edited %v), want the stored value", tc.stored, got, s.Edited(in.Value()))
		}
		in.SetValue(in.Value() + "!")
		if got := s.Value(in.Value()); got != tc.shown+"!" || !s.Edited(in.Value()) {
			t.Errorf("edited field of %q gives %q (edited %v), want %q", tc.stored, got, s.Edited(in.Value()), tc.shown+"!")
		}
	}
}
