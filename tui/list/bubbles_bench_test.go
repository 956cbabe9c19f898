package list

import (
	"fmt"
	"testing"

	bl "charm.land/bubbles/v2/list"
	tea "charm.land/bubbletea/v2"
)

// The benchmarks below measure bubbles/list, not ours: why this package
// exists (see the package comment).

// blItem is a bubbles/list item of one line.
type blItem string

func (i blItem) FilterValue() string { return string(i) }
func (i blItem) Title() string       { return string(i) }
func (i blItem) Description() string { return "" }

// BenchmarkBubblesListKeypress is ↓ and View on a bubbles/list of 5,000
// one-line items at 120×40: the whole keypress budget, before a screen
// draws anything of its own.
func BenchmarkBubblesListKeypress(b *testing.B) {
	items := make([]bl.Item, 5000)
	for i := range items {
		items[i] = blItem(fmt.Sprintf("Partner %04d Systems  Dana Cruz  reseller  active", i))
	}
	d := bl.NewDefaultDelegate()
	d.ShowDescription = false
	d.SetSpacing(0)
	l := bl.New(items, d, 120, 40)
	_ = l.View()
	down := tea.KeyPressMsg{Code: tea.KeyDown}
	b.ReportAllocs()
	for b.Loop() {
		l, _ = l.Update(down)
		_ = l.View()
	}
}

// BenchmarkBubblesListFilterKey is a letter typed and deleted in a
// bubbles/list filter over 5,000 items, each with its View: the list
// matches and rebuilds its items inside the keypress.
func BenchmarkBubblesListFilterKey(b *testing.B) {
	items := make([]bl.Item, 5000)
	for i := range items {
		items[i] = blItem(fmt.Sprintf("Partner %04d Systems  Dana Cruz  reseller  active", i))
	}
	d := bl.NewDefaultDelegate()
	d.ShowDescription = false
	l := bl.New(items, d, 120, 40)
	l.SetFilterText("s")
	b.ReportAllocs()
	for b.Loop() {
		l.SetFilterText("sy")
		_ = l.View()
		l.SetFilterText("s")
		_ = l.View()
	}
}
