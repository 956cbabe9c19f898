package csvimport

import (
	"os"
	"strings"
	"testing"
)

// aliasTable renders the header table of the package documentation from the
// schemas, so that the documentation cannot drift from the code.
func aliasTable() string {
	var b strings.Builder
	section := func(kind string, names []string, required []bool, headers, fallback [][]string) {
		b.WriteString(kind + "\n")
		for i, name := range names {
			label := name
			if required[i] {
				label += " *"
			}
			var alts []string
			for _, h := range headers[i] {
				if normalizeHeader(h) != normalizeHeader(name) {
					alts = append(alts, h)
				}
			}
			var tokens []string
			for j, h := range alts {
				if j < len(alts)-1 {
					h += ","
				} else if len(fallback[i]) > 0 {
					h += ";"
				}
				tokens = append(tokens, h)
			}
			for j, h := range fallback[i] {
				if j == 0 {
					h = "else " + h
				}
				if j < len(fallback[i])-1 {
					h += ","
				}
				tokens = append(tokens, h)
			}
			writeWrapped(&b, "  "+label+strings.Repeat(" ", max(1, 15-len(label))), tokens)
		}
	}
	add := func(kind string, fields int, get func(int) (string, bool, []string, []string)) {
		names := make([]string, fields)
		req := make([]bool, fields)
		hs := make([][]string, fields)
		fs := make([][]string, fields)
		for i := range fields {
			names[i], req[i], hs[i], fs[i] = get(i)
		}
		section(kind, names, req, hs, fs)
	}
	p, r, t := partnerSchema(newSettings(Options{})), registrationSchema(newSettings(Options{})), touchpointSchema(newSettings(Options{}))
	add("partners", len(p.fields), func(i int) (string, bool, []string, []string) {
		f := p.fields[i]
		return f.name, f.required, f.headers, f.fallback
	})
	add("registrations", len(r.fields), func(i int) (string, bool, []string, []string) {
		f := r.fields[i]
		return f.name, f.required, f.headers, f.fallback
	})
	add("touchpoints", len(t.fields), func(i int) (string, bool, []string, []string) {
		f := t.fields[i]
		return f.name, f.required, f.headers, f.fallback
	})
	return b.String()
}

// writeWrapped writes tokens after label, wrapped to 72 columns between
// tokens, with continuation lines indented under the first token.
func writeWrapped(b *strings.Builder, label string, tokens []string) {
	const width = 72
	indent := strings.Repeat(" ", len(label))
	line := label
	for i, w := range tokens {
		if i > 0 && len(line)+1+len(w) > width {
			b.WriteString(line + "\n")
			line = indent
		} else if i > 0 {
			line += " "
		}
		line += w
	}
	b.WriteString(strings.TrimRight(line, " ") + "\n")
}

// TestDocTable checks that doc.go shows the header table the code uses.
func TestDocTable(t *testing.T) {
	src, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	var doc strings.Builder
	for _, l := range strings.Split(string(src), "\n") {
		if rest, ok := strings.CutPrefix(l, "//\t"); ok {
			doc.WriteString(rest + "\n")
		}
	}
	want := aliasTable()
	if !strings.Contains(doc.String(), want) {
		t.Errorf("doc.go's header table is out of date; it should read (as a //<tab> code block):\n%s", want)
	}
}
