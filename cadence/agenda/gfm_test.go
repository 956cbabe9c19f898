package agenda

import (
	"bytes"
	"html"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// The markdown is checked with goldmark, a CommonMark and GFM parser we did
// not write: the structure through its AST, the text through its HTML
// renderer (what a reader sees), tags stripped and entities decoded.

var gfm = goldmark.New(goldmark.WithExtensions(extension.GFM))

// mdDoc is a parsed markdown document.
type mdDoc struct {
	src  []byte
	root ast.Node
}

func parseMD(src string) mdDoc {
	b := []byte(src)
	return mdDoc{src: b, root: gfm.Parser().Parse(text.NewReader(b))}
}

var tag = regexp.MustCompile(`<[^>]*>`)

// text returns what a reader sees of n: its HTML rendering without tags,
// with entities decoded and surrounding white space trimmed.
func (d mdDoc) text(n ast.Node) string {
	var buf bytes.Buffer
	if err := gfm.Renderer().Render(&buf, d.src, n); err != nil {
		panic(err)
	}
	// Trim only the line ends the renderer adds around blocks.
	return strings.Trim(html.UnescapeString(tag.ReplaceAllString(buf.String(), "")), "\n")
}

// children returns n's direct children.
func children(n ast.Node) []ast.Node {
	var out []ast.Node
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		out = append(out, c)
	}
	return out
}

// mdHeading is a heading at the top level of a document.
type mdHeading struct {
	Level int
	Text  string
}

// headings returns the document's top-level headings.
func (d mdDoc) headings() []mdHeading {
	var out []mdHeading
	for _, n := range children(d.root) {
		if h, ok := n.(*ast.Heading); ok {
			out = append(out, mdHeading{h.Level, d.text(h)})
		}
	}
	return out
}

// section returns the top-level nodes between the heading with the given
// text and the next heading of the same or a higher level.
func (d mdDoc) section(title string) ([]ast.Node, bool) {
	var out []ast.Node
	level := 0
	for _, n := range children(d.root) {
		h, isHeading := n.(*ast.Heading)
		switch {
		case level == 0 && isHeading && d.text(h) == title:
			level = h.Level
		case level > 0 && isHeading && h.Level <= level:
			return out, true
		case level > 0:
			out = append(out, n)
		}
	}
	return out, level > 0
}

// mdTask is a list item: its checkbox (nil when it has none) and text.
type mdTask struct {
	Checked *bool
	Text    string
}

// items returns the items of a list.
func (d mdDoc) items(list ast.Node) []mdTask {
	var out []mdTask
	for _, li := range children(list) {
		var it mdTask
		ast.Walk(li, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if cb, ok := n.(*east.TaskCheckBox); ok && entering && it.Checked == nil {
				c := cb.IsChecked
				it.Checked = &c
			}
			return ast.WalkContinue, nil
		})
		it.Text = d.text(li)
		if it.Checked != nil {
			// The renderer separates the checkbox from the text by a space.
			it.Text = strings.TrimPrefix(it.Text, " ")
		}
		out = append(out, it)
	}
	return out
}

// cells returns a table's rows (the header first) as the text of each cell.
func (d mdDoc) cells(table ast.Node) [][]string {
	var out [][]string
	for _, row := range children(table) {
		var r []string
		for _, c := range children(row) {
			r = append(r, d.text(c))
		}
		out = append(out, r)
	}
	return out
}

// kinds names the top-level nodes, for failure messages.
func (d mdDoc) kinds() []string {
	var out []string
	for _, n := range children(d.root) {
		out = append(out, n.Kind().String())
	}
	return out
}
