// Package list is the one list component of the screens: a cursor over the
// items a screen lists, a scroll offset that keeps the cursor in view,
// paging by the visible height, the mouse wheel, and a fuzzy filter
// (github.com/sahilm/fuzzy) whose matched runes the screen can highlight.
//
// It knows nothing of how a row looks: the screen asks which items are
// visible (Visible, Item) and draws them itself, from its own caches. That
// is why it is ours and not bubbles/list, which draws every item through
// its own delegate and styles and matches a filter inside the keypress:
// over 5,000 one-line items, ↓ and View cost it 0.97 ms and a letter typed
// in its filter ~7 ms (BenchmarkBubblesList*, 2026-12-03), against the
// 1 ms a keypress may take with the screen's own drawing (DESIGN §10).
//
// The cursor stays on its item (named by Source.Key) when the data or the
// order changes, when the filter is cleared, and when a filter text that
// keeps the screen's order changes. When the item went away it keeps its
// place after new data (a fixed flag's place goes to the flag after it).
// A new filter text that ranks the items puts it on the best match, as
// fzf and bubbles/list do: the item it was on has moved to wherever its
// score put it, and what the user looks for is at the top.
//
// A key costs the same with 5,000 items as with 5: moving allocates
// nothing; only a new filter text or new data allocates in proportion to
// the items. A filter over many items is matched off the event loop (the
// Cmd SetQuery returns) and applied when its Matched arrives.
package list

import (
	"cmp"
	"slices"
	"strings"
	"sync/atomic"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/sahilm/fuzzy"
)

// Source is what a list lists. Its items are addressed by index; a Source
// given to SetSource must not change afterwards (a match may still be
// reading it off the event loop), so a screen builds a new one per refresh.
type Source interface {
	// Len is the number of items.
	Len() int
	// Key names item i across refreshes: the cursor stays on the item
	// with the same key when the data or the filter changes.
	Key(i int) string
	// FilterValue is the text of item i the filter matches.
	FilterValue(i int) string
}

// WheelStep is how many rows one notch of the mouse wheel moves the cursor.
const WheelStep = 3

// SyncLimit is how many items a filter matches at once, inside the
// keypress; more are matched by the Cmd SetQuery returns. Matching 500
// short texts takes well under the keypress budget.
const SyncLimit = 500

// ids tells lists apart, so that a Matched reaches only its own list.
var ids atomic.Int64

// Model is a list's cursor, scroll offset and filter over a Source.
type Model struct {
	id     int64
	src    Source
	order  []int // the items the screen lists, in its order; nil: every item in source order
	all    []int // every item in source order, when order is nil
	shown  []int // order narrowed by the filter (owned: rebuilt, never shared with order)
	cursor int   // position in shown
	top    int   // the first position drawn
	height int   // the lines the rows have

	// itemHeight is the lines item i takes; nil: one line each.
	itemHeight func(item int) int

	query  string
	ranked bool // a filter lists the best match first
	gen    int  // counts sources, to tell a stale match
	match  matchSet
}

// matchSet is the fuzzy match of one query over one source.
type matchSet struct {
	gen   int
	query string
	items []int   // matching items, in source order
	score []int   // their scores
	runes [][]int // their matched runes' byte offsets in FilterValue
	// at is each source item's position in items plus one; 0 when it
	// does not match.
	at []int32
	// ranked is the items of listed that match, best first and ties in
	// listed's order: sorted along with the match, off the event loop.
	listed, ranked []int
}

// Matched carries a filter's match computed off the event loop; the screen
// hands it to Apply.
type Matched struct {
	id  int64
	set matchSet
}

// New returns an empty list whose filter ranks the best match first.
func New() Model {
	return Model{id: ids.Add(1), ranked: true}
}

// SetHeight sets how many lines the rows have, and keeps the cursor in
// view.
func (l *Model) SetHeight(h int) {
	l.height = max(h, 1)
	l.scroll()
}

// Height returns the lines the rows have.
func (l Model) Height() int { return l.height }

// SetItemHeight makes items take more than one line each: f(item) is how
// many lines a source item takes. Nil makes every item one line again.
func (l *Model) SetItemHeight(f func(item int) int) {
	l.itemHeight = f
	l.scroll()
}

// SetRanked says whether a filter lists the best match first (ties in the
// screen's order) or keeps the screen's order.
func (l *Model) SetRanked(ranked bool) {
	if l.ranked == ranked {
		return
	}
	keep, ok := l.selectedKey()
	l.ranked = ranked
	l.relist(keep, ok, true)
}

// Ranked reports whether a filter lists the best match first.
func (l Model) Ranked() bool { return l.ranked }

// SetSource lists src, every item in source order (or, with order not nil,
// the items order names in that order), and keeps the cursor on the item
// it was on when that is still listed; when it went away, the cursor keeps
// its place, and so lands on the item that followed it. A filter in force
// is matched again, at once.
func (l *Model) SetSource(src Source, order []int) {
	keep, ok := l.selectedKey()
	l.setSource(src, order, keep, ok)
}

// SetSourceInPlace lists src as SetSource does, but keeps the cursor's
// place rather than its item: an item that a change moved away (a decided
// registration leaving the top of a queue) leaves the cursor with the
// list.
func (l *Model) SetSourceInPlace(src Source, order []int) {
	l.setSource(src, order, "", false)
}

func (l *Model) setSource(src Source, order []int, keep string, ok bool) {
	l.src = src
	l.gen++
	l.all = nil
	l.match = matchSet{}
	if l.query != "" {
		l.match = rank(l.gen, l.query, src, nil, nil)
	}
	l.setOrder(order)
	l.relist(keep, ok, false)
}

// SetOrder changes which items are listed and in which order (a sort, or a
// filter of the screen's own), over the same source; the cursor stays on
// its item. The list reads order and does not change it.
func (l *Model) SetOrder(order []int) {
	keep, ok := l.selectedKey()
	l.setOrder(order)
	l.relist(keep, ok, false)
}

func (l *Model) setOrder(order []int) {
	l.order = order
	if order == nil && l.src != nil && len(l.all) != l.src.Len() {
		l.all = make([]int, l.src.Len())
		for i := range l.all {
			l.all[i] = i
		}
	}
}

func (l *Model) listed() []int {
	if l.order != nil {
		return l.order
	}
	return l.all
}

// Query returns the filter text in force.
func (l Model) Query() string { return l.query }

// SetQuery sets the filter text. A match over at most SyncLimit items is
// applied at once and the Cmd is nil; a larger one runs in the Cmd, whose
// Matched the screen gives to Apply, and until then the list shows the
// previous match. A query that extends the last one matched searches only
// that one's matches.
func (l *Model) SetQuery(q string) tea.Cmd {
	if q == l.query {
		return nil
	}
	l.query = q
	if q == "" {
		keep, ok := l.selectedKey()
		l.match = matchSet{}
		l.relist(keep, ok, true)
		return nil
	}
	if l.src == nil {
		return nil
	}
	var within []int
	if last := l.match; last.gen == l.gen && last.query != "" && strings.HasPrefix(q, last.query) {
		within = last.items
	}
	n := l.src.Len()
	if within != nil {
		n = len(within)
	}
	gen, src, id, listed := l.gen, l.src, l.id, l.listed()
	if !l.ranked {
		listed = nil
	}
	if n <= SyncLimit {
		l.Apply(Matched{id: id, set: rank(gen, q, src, within, listed)})
		return nil
	}
	return func() tea.Msg { return Matched{id: id, set: rank(gen, q, src, within, listed)} }
}

// Apply takes a match computed by a Cmd of SetQuery. It ignores one that is
// another list's, or stale: of older data, or of a query no longer typed.
func (l *Model) Apply(m Matched) {
	if m.id != l.id || m.set.gen != l.gen || m.set.query != l.query {
		return
	}
	keep, ok := l.selectedKey()
	if l.ranked {
		// A new ranking: the cursor goes to the best match, as in
		// every fuzzy finder.
		ok = false
		l.cursor = 0
	}
	l.match = m.set
	l.relist(keep, ok, true)
}

// rank fuzzy-matches query against src's items (only those within, when
// not nil), keeping them in source order; with listed not nil it also
// ranks the matching items of listed.
func rank(gen int, query string, src Source, within, listed []int) matchSet {
	fs := fuzzySource{src: src, items: within}
	ms := fuzzy.FindFromNoSort(query, fs)
	set := matchSet{
		gen: gen, query: query, items: make([]int, len(ms)), score: make([]int, len(ms)),
		runes: make([][]int, len(ms)), at: make([]int32, src.Len()),
	}
	for i, mt := range ms {
		item := fs.item(mt.Index)
		set.items[i], set.score[i], set.runes[i] = item, mt.Score, mt.MatchedIndexes
		set.at[item] = int32(i + 1)
	}
	if listed != nil {
		set.listed, set.ranked = listed, rankListed(listed, set)
	}
	return set
}

// rankListed returns the items of listed that match in set, best first,
// ties in listed's order.
func rankListed(listed []int, set matchSet) []int {
	at, score := set.at, set.score
	out := make([]int, 0, min(len(listed), len(set.items)))
	for _, i := range listed {
		if i < len(at) && at[i] > 0 {
			out = append(out, i)
		}
	}
	slices.SortStableFunc(out, func(a, b int) int { return cmp.Compare(score[at[b]-1], score[at[a]-1]) })
	return out
}

// same reports whether a and b are the same slice (not merely equal).
func same(a, b []int) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// fuzzySource is the fuzzy.Source of some of a Source's items (all when
// items is nil).
type fuzzySource struct {
	src   Source
	items []int
}

func (s fuzzySource) item(i int) int {
	if s.items == nil {
		return i
	}
	return s.items[i]
}

func (s fuzzySource) String(i int) string { return s.src.FilterValue(s.item(i)) }

func (s fuzzySource) Len() int {
	if s.items == nil {
		return s.src.Len()
	}
	return len(s.items)
}

// relist recomputes the items shown and puts the cursor on the item named
// keep (when ok and still shown); else, after a new filter (toFirst), on
// the first item, the best match, and after new data it keeps its place.
func (l *Model) relist(keep string, ok, toFirst bool) {
	listed := l.listed()
	switch {
	case l.query == "":
		l.shown = listed
	case len(l.match.at) == 0:
		// No match computed for this source yet: nothing is known to
		// match.
		l.shown = nil
	case l.ranked && l.match.ranked != nil && same(l.match.listed, listed):
		l.shown = l.match.ranked // ranked with the match, off the event loop
	case l.ranked:
		l.shown = rankListed(listed, l.match)
	default:
		at := l.match.at
		shown := make([]int, 0, min(len(listed), len(l.match.items)))
		for _, i := range listed {
			if i < len(at) && at[i] > 0 {
				shown = append(shown, i)
			}
		}
		l.shown = shown
	}
	if ok && l.src != nil {
		found := false
		for p, i := range l.shown {
			if l.src.Key(i) == keep {
				l.cursor, found = p, true
				break
			}
		}
		if !found && toFirst {
			l.cursor = 0
		}
	}
	l.cursor = clamp(l.cursor, 0, len(l.shown)-1)
	l.scroll()
}

func (l Model) selectedKey() (string, bool) {
	i, ok := l.Selected()
	if !ok {
		return "", false
	}
	return l.src.Key(i), true
}

// Len returns how many items are shown (listed and passing the filter).
func (l Model) Len() int { return len(l.shown) }

// Total returns how many items the screen lists, before the filter.
func (l Model) Total() int { return len(l.listed()) }

// Item returns the source item shown at position p.
func (l Model) Item(p int) int { return l.shown[p] }

// Cursor returns the cursor's position among the items shown.
func (l Model) Cursor() int { return l.cursor }

// Selected returns the source item under the cursor; false when nothing is
// shown.
func (l Model) Selected() (int, bool) {
	if l.cursor < 0 || l.cursor >= len(l.shown) {
		return 0, false
	}
	return l.shown[l.cursor], true
}

// Matches reports whether source item passes the filter; without one every
// item does.
func (l Model) Matches(item int) bool {
	if l.query == "" {
		return true
	}
	return item >= 0 && item < len(l.match.at) && l.match.at[item] > 0
}

// MatchedRunes returns the byte offsets in item's FilterValue of the runes
// the filter matched, for highlighting; nil without a filter.
func (l Model) MatchedRunes(item int) []int {
	if l.query == "" || item < 0 || item >= len(l.match.at) || l.match.at[item] == 0 {
		return nil
	}
	return l.match.runes[l.match.at[item]-1]
}

// Visible returns the positions shown on screen: from is the first, to one
// past the last (an item taller than what is left may be cut at the
// bottom).
func (l Model) Visible() (from, to int) {
	from = l.top
	if l.itemHeight == nil {
		return from, min(from+l.height, len(l.shown))
	}
	used := 0
	for to = from; to < len(l.shown) && used < l.height; to++ {
		used += l.itemHeight(l.shown[to])
	}
	return from, to
}

// Select puts the cursor on position p (clamped).
func (l *Model) Select(p int) {
	l.cursor = clamp(p, 0, len(l.shown)-1)
	l.scroll()
}

// SelectKey puts the cursor on the shown item whose Key is k, and reports
// whether there was one.
func (l *Model) SelectKey(k string) bool {
	for p, i := range l.shown {
		if l.src.Key(i) == k {
			l.Select(p)
			return true
		}
	}
	return false
}

// Move moves the cursor by delta positions, clamped to the items shown.
func (l *Model) Move(delta int) { l.Select(l.cursor + delta) }

// Page returns how many positions a page moves: the visible height, or
// with items taller than a line, the items drawn whole on the screen.
func (l Model) Page() int {
	if l.itemHeight == nil {
		return l.height
	}
	used, n := 0, 0
	for p := l.top; p < len(l.shown); p++ {
		used += l.itemHeight(l.shown[p])
		if used > l.height {
			break
		}
		n++
	}
	return max(n, 1)
}

// HandleKey moves the cursor for a movement key of k (Up, Down, Top,
// Bottom, PageUp, PageDown; a disabled key does nothing) and reports
// whether msg was one.
func (l *Model) HandleKey(msg tea.KeyPressMsg, k KeyMap) bool {
	switch {
	case key.Matches(msg, k.Up):
		l.Move(-1)
	case key.Matches(msg, k.Down):
		l.Move(1)
	case key.Matches(msg, k.Top):
		l.Select(0)
	case key.Matches(msg, k.Bottom):
		l.Select(len(l.shown) - 1)
	case key.Matches(msg, k.PageUp):
		l.Move(-l.Page())
	case key.Matches(msg, k.PageDown):
		l.Move(l.Page())
	default:
		return false
	}
	return true
}

// Wheel moves the cursor WheelStep rows a notch of the mouse wheel, the
// view following it, and reports whether msg was a vertical notch.
func (l *Model) Wheel(msg tea.MouseWheelMsg) bool {
	switch msg.Mouse().Button {
	case tea.MouseWheelUp:
		l.Move(-WheelStep)
	case tea.MouseWheelDown:
		l.Move(WheelStep)
	default:
		return false
	}
	return true
}

// scroll moves the first position drawn so that the cursor's item is drawn
// whole (or, taller than the screen, from its first line), and no more
// room than needed is left empty below the last item.
func (l *Model) scroll() {
	n := len(l.shown)
	if n == 0 {
		l.top = 0
		return
	}
	h := max(l.height, 1)
	if l.itemHeight == nil {
		if l.cursor < l.top {
			l.top = l.cursor
		}
		if l.cursor >= l.top+h {
			l.top = l.cursor - h + 1
		}
		l.top = clamp(l.top, 0, max(n-h, 0))
		return
	}
	l.top = clamp(l.top, 0, n-1)
	if l.cursor < l.top {
		l.top = l.cursor
		return
	}
	used := 0
	for p := l.cursor; p >= l.top; p-- {
		used += l.itemHeight(l.shown[p])
		if used > h && p < l.cursor {
			l.top = p + 1
			return
		}
	}
}

func clamp(v, lo, hi int) int {
	if hi < lo {
		return lo
	}
	return min(max(v, lo), hi)
}
