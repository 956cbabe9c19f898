package agenda

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

var hostile = []string{
	"Pipe | Co *bold* _x_ #1 [link](x) `code` <b>",
	"- leading dash",
	"> quote",
	"1. numbered",
	"2) numbered",
	"a\nb",
	"a\r\nb\rc",
	"+ plus",
	"# hash",
	"Acme #",
	"==",
	"---",
	"***",
	"```",
	"~~~ fence",
	"~~strike~~",
	"[ ] not a task",
	"[x] not done",
	"![img](x.png)",
	"<http://example.com>",
	"<!-- comment",
	"&amp; &#38; &copy; AT&T",
	`back\slash \* \`,
	"trailing backslash \\",
	"    indented code",
	"\ttab",
	"two  spaces  inside",
	"hard break  \nnext",
	"www.example.com",
	"https://example.com/a_b*c",
	"mail@example.com",
	"[foo]: /url",
	"| a | b |",
	"-",
	"1.",
	"123456789. big",
	"1.5 million",
	"1.\tx",
	"12)",
	"3)x",
	"-5%",
	"\x00nul\x01ctl\x7f",
	"snake_case_name",
	"café 日本 🎉",
	"\xff\xfe invalid",
	"\u00a0nbsp\u00a0",
	"Setext\n===",
}

// inlineDoc puts the inline rendering of s in a heading, a list item, a
// task list item and a table cell.
func inlineDoc(s string) string {
	e := inline(s)
	return "# " + e + "\n\n- " + e + "\n\n+ [ ] " + e + "\n\n| head |\n| --- |\n| " + e + " |\n"
}

func checkInline(t *testing.T, s string) {
	t.Helper()
	// The shortcut for plain text writes what the long way would.
	var long strings.Builder
	escapeInline(&long, s)
	if got := inline(s); got != long.String() {
		t.Fatalf("inline(%q) = %q, the long way %q", s, got, long.String())
	}
	d := parseMD(inlineDoc(s))
	want := inlineText(s)
	top := children(d.root)
	if len(top) != 4 {
		t.Fatalf("inline(%q) = %q: top-level nodes %v, want heading, list, list, table", s, inline(s), d.kinds())
	}
	h, ok := top[0].(*ast.Heading)
	if !ok || h.Level != 1 {
		t.Fatalf("inline(%q): first node is %s, want a level-1 heading", s, top[0].Kind())
	}
	if got := d.text(h); got != want {
		t.Errorf("inline(%q) = %q: heading text %q, want %q", s, inline(s), got, want)
	}
	items := d.items(top[1])
	if len(items) != 1 || items[0].Checked != nil || items[0].Text != want {
		t.Errorf("inline(%q) = %q: list item %+v, want one item %q without a checkbox", s, inline(s), items, want)
	}
	tasks := d.items(top[2])
	if len(tasks) != 1 || tasks[0].Checked == nil || *tasks[0].Checked || tasks[0].Text != want {
		t.Errorf("inline(%q) = %q: task item %+v, want one unchecked item %q", s, inline(s), tasks, want)
	}
	if _, ok := top[3].(*east.Table); !ok {
		t.Fatalf("inline(%q): last node is %s, want a table", s, top[3].Kind())
	}
	cells := d.cells(top[3])
	if len(cells) != 2 || len(cells[1]) != 1 || cells[1][0] != want {
		t.Errorf("inline(%q) = %q: table cells %q, want [[head] [%q]]", s, inline(s), cells, want)
	}
}

func TestInlineHostile(t *testing.T) {
	for _, s := range hostile {
		checkInline(t, s)
	}
}

func TestInlineReadable(t *testing.T) {
	for s, want := range map[string]string{
		"Acme, Inc.":                       "Acme, Inc.",
		"Dana Cruz":                        "Dana Cruz",
		"O'Brien & Sons (EU)":              "O'Brien & Sons (EU)",
		"$1,200,000":                       "$1,200,000",
		"2026-11-24":                       "2026-11-24",
		"Tue 24 Nov 2026, 10:00–10:30 EST": "Tue 24 Nov 2026, 10:00–10:30 EST",
		"1:1 with Dana":                    "1:1 with Dana",
		"a\nb":                             "a b",
		"- x":                              `\- x`,
		"1. x":                             `1\. x`,
		"a_b *c*":                          `a\_b \*c\*`,
	} {
		if got := inline(s); got != want {
			t.Errorf("inline(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzInlineEscape(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkInline(t, s)
	})
}

// quoteDoc puts the user's markdown between two of the agenda's sections.
func quoteDoc(md string) string {
	q := quote(md)
	if q == "" {
		q = "Nothing."
	}
	return "## Before\n\n" + q + "\n\n## After\n\nEnd.\n"
}

func checkQuote(t *testing.T, md string) {
	t.Helper()
	d := parseMD(quoteDoc(md))
	want := []mdHeading{{2, "Before"}, {2, "After"}}
	got := d.headings()
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("quote(%q) = %q: top-level headings %v, want %v (nodes %v)", md, quote(md), got, want, d.kinds())
	}
	top := children(d.root)
	if len(top) != 4 {
		t.Fatalf("quote(%q) = %q: top-level nodes %v, want heading, quote, heading, paragraph", md, quote(md), d.kinds())
	}
	if strings.TrimSpace(md) != "" {
		if _, ok := top[1].(*ast.Blockquote); !ok {
			t.Errorf("quote(%q): %s, want a block quote", md, top[1].Kind())
		}
	}
	if got := d.text(top[3]); got != "End." {
		t.Errorf("quote(%q): the paragraph after it reads %q, want End.", md, got)
	}
}

var hostileMarkdown = []string{
	"# Top heading\nmore",
	"Title\n===",
	"Title\n---",
	"```go\nunclosed fence\n# not a heading",
	"~~~\nunclosed",
	"<pre>\nunclosed pre\n\n# x",
	"<!-- unclosed comment\n\n## x",
	"<?php unclosed",
	"<![CDATA[ unclosed",
	"<!DOCTYPE x",
	"<div>\nhtml block",
	"<script>\nalert(1)",
	"- list\n- items\n\n      code in list",
	"    indented code\n# x",
	"\tcode with a tab",
	"| a | b |\n| - | - |\n| c | d |",
	"> already quoted\n>\n> more",
	"[ref]: /url\n\n[ref]",
	"line one\r\nline two\rline three",
	"\n\n\n  \n",
	"trailing\n\n\n",
	"lazy\ncontinuation",
	"* [ ] a task\n* [x] done",
	"1. one\n2. two",
	"Setext after blank\n\n===",
	"\xff invalid",
}

func TestQuoteContained(t *testing.T) {
	for _, md := range hostileMarkdown {
		checkQuote(t, md)
	}
}

func FuzzQuote(f *testing.F) {
	for _, md := range hostileMarkdown {
		f.Add(md)
	}
	f.Fuzz(func(t *testing.T, md string) {
		checkQuote(t, md)
	})
}

// TestQuoteKeepsLineBreaks checks through goldmark's AST that a note of
// three lines reads as three lines (hard breaks, not one joined
// paragraph), that a list stays a list, and that a fenced block is left as
// written.
func TestQuoteKeepsLineBreaks(t *testing.T) {
	md := "Renewal call went well\nThey want a joint webinar\nBudget in Q1\n\n- first\n- second\n\n```\ncode line\nnext\n```"
	d := parseMD(quoteDoc(md))
	bq, ok := children(d.root)[1].(*ast.Blockquote)
	if !ok {
		t.Fatalf("quote(%q): no block quote: %v", md, d.kinds())
	}
	blocks := children(bq)
	if len(blocks) != 3 {
		t.Fatalf("quote(%q): %d blocks in the quote, want paragraph, list, code", md, len(blocks))
	}
	var lines []string
	var line strings.Builder
	for _, c := range children(blocks[0]) {
		tx, ok := c.(*ast.Text)
		if !ok {
			t.Fatalf("paragraph child %s, want text", c.Kind())
		}
		line.Write(tx.Segment.Value(d.src))
		if tx.HardLineBreak() {
			lines = append(lines, line.String())
			line.Reset()
		} else if tx.SoftLineBreak() {
			t.Errorf("soft line break after %q: a renderer joins the lines", line.String())
		}
	}
	lines = append(lines, line.String())
	want := []string{"Renewal call went well", "They want a joint webinar", "Budget in Q1"}
	if strings.Join(lines, "|") != strings.Join(want, "|") {
		t.Errorf("paragraph lines %q, want %q", lines, want)
	}
	if l, ok := blocks[1].(*ast.List); !ok || l.ChildCount() != 2 {
		t.Errorf("second block %s, want a list of two items", blocks[1].Kind())
	}
	if c, ok := blocks[2].(*ast.FencedCodeBlock); !ok {
		t.Errorf("third block %s, want a fenced code block", blocks[2].Kind())
	} else {
		var got strings.Builder
		for i := 0; i < c.Lines().Len(); i++ {
			seg := c.Lines().At(i)
			got.Write(seg.Value(d.src))
		}
		if got.String() != "code line\nnext\n" {
			t.Errorf("code block %q, want the lines as written", got.String())
		}
	}
}
