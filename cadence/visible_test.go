package cadence

import (
	"strings"
	"testing"
)

func TestVisible(t *testing.T) {
	for _, tc := range []struct{ in, want, line string }{
		{"Acme Cloud", "Acme Cloud", "Acme Cloud"},
		{"Zürich Ltd", "Zürich Ltd", "Zürich Ltd"},
		{"Evil\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b]0;TITLE\x07Corp", "Evil␛]52;c;ZWNobyBwd25lZA==␇␛]0;TITLE␇Corp", "Evil␛]52;c;ZWNobyBwd25lZA==␇␛]0;TITLE␇Corp"},
		{"red\x1b[31mtext", "red␛[31mtext", "red␛[31mtext"},
		{"two\nlines\tand tab", "two\nlines\tand tab", "two lines and tab"},
		{"crlf\r\nline", "crlf\nline", "crlf line"},
		{"over\rwrite", "over␍write", "over␍write"},
		{"nul\x00del\x7f", "nul␀del␡", "nul␀del␡"},
		{"c1 csi \u009b31m", "c1 csi \ufffd31m", "c1 csi \ufffd31m"},
		{"raw c1 byte \x9b31m", "raw c1 byte \ufffd31m", "raw c1 byte \ufffd31m"},
		{"bad utf8 \xff\xfe end", "bad utf8 \ufffd\ufffd end", "bad utf8 \ufffd\ufffd end"},
		{"ünïcode then \x1b", "ünïcode then ␛", "ünïcode then ␛"},
	} {
		if got := Visible(tc.in); got != tc.want {
			t.Errorf("Visible(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got := VisibleLine(tc.in); got != tc.line {
			t.Errorf("VisibleLine(%q) = %q, want %q", tc.in, got, tc.line)
		}
	}
}

// TestVisibleLeavesNoControls checks every byte value and every rune up to
// U+00FF: whatever goes in, nothing a terminal acts on comes out.
func TestVisibleLeavesNoControls(t *testing.T) {
	var in strings.Builder
	for c := 0; c < 256; c++ {
		in.WriteByte(byte(c))
	}
	for r := rune(0); r < 0x100; r++ {
		in.WriteRune(r)
	}
	for _, f := range []func(string) string{Visible, VisibleLine} {
		for _, r := range f(in.String()) {
			if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r < 0xa0) {
				t.Fatalf("control %U left in the output", r)
			}
		}
	}
}

func BenchmarkVisiblePlain(b *testing.B) {
	s := "Northwind Traders — weekly sync; asked for MDF"
	b.ReportAllocs()
	for b.Loop() {
		if Visible(s) != s {
			b.Fatal("changed")
		}
	}
}
