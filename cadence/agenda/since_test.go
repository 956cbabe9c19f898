package agenda

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark/ast"

	"partnercadence/cadence"
)

// TestSinceLastTimeMarkdown reads the "Since last time" section back
// through goldmark's AST: it comes right before the talking points, says which
// days it covers, and lists each kind of change with its entries nested.
func TestSinceLastTimeMarkdown(t *testing.T) {
	in := oneOnOneInput(t)
	c := cadence.Changes{
		SinceWindow: cadence.SinceWindow{Previous: cadence.Occurrence{Date: cadence.MustDate("2026-11-11")},
			From: cadence.MustDate("2026-11-11"), To: cadence.MustDate("2026-11-18")},
		Submitted: []cadence.Registration{{ID: "R-9", Partner: "Acme | Co", Account: "Globex", Amount: 5000,
			Attribution: cadence.Sourced, Submitted: cadence.MustDate("2026-11-12")}},
		Touches: []cadence.PartnerTouches{{Partner: "Acme | Co", Inbound: 2, Outbound: 1}},
		Done:    []cadence.ActionItem{{ID: "A-1", Text: "send deck", Done: cadence.MustDate("2026-11-18"), Meeting: "1on1/dana-cruz/2026-11-11"}},
	}
	in.Since = &c
	d := parseMD(Markdown(in))
	hs := d.headings()
	if len(hs) < 4 || hs[len(hs)-4] != (mdHeading{2, "Since last time"}) {
		t.Fatalf("headings %v, want Since last time right before the talking points", hs)
	}
	nodes := section(t, d, "Since last time")
	if len(nodes) != 2 {
		t.Fatalf("since last time: %d blocks, want a paragraph and a list", len(nodes))
	}
	if got, want := d.text(nodes[0]), "What changed since the last meeting (2026-11-11), 2026-11-11 to 2026-11-18:"; got != want {
		t.Errorf("intro %q, want %q", got, want)
	}
	list, ok := nodes[1].(*ast.List)
	if !ok {
		t.Fatalf("since last time: %s, want a list", nodes[1].Kind())
	}
	var got []string
	for _, item := range children(list) {
		kids := children(item)
		title := d.text(kids[0])
		var entries []string
		if len(kids) > 1 {
			for _, e := range children(kids[1]) {
				entries = append(entries, strings.TrimSpace(d.text(e))) // a task box renders as an input, stripped
			}
		}
		got = append(got, title+": "+strings.Join(entries, " / "))
	}
	want := []string{
		"Registrations submitted (1): R-9 Acme | Co: Globex, $5,000 sourced — 2026-11-12",
		"Touchpoints by partner (1): Acme | Co: 2 inbound, 1 outbound",
		"Actions done (1): send deck — done 2026-11-18, from 1on1/dana-cruz/2026-11-11",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("items:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	first := cadence.Changes{SinceWindow: cadence.SinceWindow{First: true}}
	in.Since = &first
	d = parseMD(Markdown(in))
	if nodes := section(t, d, "Since last time"); len(nodes) != 1 || !strings.HasPrefix(d.text(nodes[0]), "This is the first meeting") {
		t.Errorf("a first meeting's section does not say so")
	}
}

// TestSinceLastTimeMarkdownOmitted reads back a kind of change whose
// entries the changes hold only the first of (cadence.SinceInput.Limit):
// its title counts them all and its last item counts those not listed,
// and a list longer than the agenda lists is cut the same way.
func TestSinceLastTimeMarkdownOmitted(t *testing.T) {
	in := oneOnOneInput(t)
	c := cadence.Changes{
		SinceWindow: cadence.SinceWindow{Previous: cadence.Occurrence{Date: cadence.MustDate("2026-11-11")},
			From: cadence.MustDate("2026-11-11"), To: cadence.MustDate("2026-11-18")},
		Omitted: cadence.ChangeCounts{Submitted: 1576, Won: 3},
	}
	for i := range sinceListMax {
		c.Submitted = append(c.Submitted, cadence.Registration{ID: fmt.Sprintf("R-%02d", i), Partner: "Acme", Account: "Globex",
			Amount: 5000, Attribution: cadence.Sourced, Submitted: cadence.MustDate("2026-11-12")})
	}
	for i := range sinceListMax + 2 {
		c.Lost = append(c.Lost, cadence.Registration{ID: fmt.Sprintf("R-%02d", 50+i), Partner: "Acme", Account: "Globex",
			Amount: 5000, Attribution: cadence.Sourced, Status: cadence.RegLost, Closed: cadence.MustDate("2026-11-13")})
	}
	in.Since = &c
	d := parseMD(Markdown(in))
	nodes := section(t, d, "Since last time")
	list, ok := nodes[len(nodes)-1].(*ast.List)
	if !ok {
		t.Fatalf("since last time: %s, want a list", nodes[len(nodes)-1].Kind())
	}
	type kind struct {
		title   string
		entries int
		last    string
	}
	var got []kind
	for _, item := range children(list) {
		kids := children(item)
		k := kind{title: d.text(kids[0])}
		if len(kids) > 1 {
			entries := children(kids[1])
			k.entries = len(entries)
			k.last = d.text(entries[len(entries)-1])
		}
		got = append(got, k)
	}
	want := []kind{
		{"Registrations submitted (1596)", sinceListMax + 1, "… and 1576 more"},
		{"Registrations lost (22)", sinceListMax + 1, "… and 2 more"},
	}
	// Won holds none of its 3: its title counts them, its one item says so.
	want = slices.Insert(want, 1, kind{"Registrations won (3)", 1, "… and 3 more"})
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(kind{})); diff != "" {
		t.Errorf("kinds of change (-want +got):\n%s", diff)
	}
}
