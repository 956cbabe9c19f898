package cadence

import (
	"strings"

	udiff "github.com/aymanbagabas/go-udiff"
)

// MergeText merges two people's edits of the same text, line by line (a
// three-way merge): base is the text both started from, mine the text being
// saved, theirs the text stored meanwhile by theirsBy. Lines changed on one
// side only take that side's change; lines both changed the same way are
// kept once; where both changed the same lines differently, both versions
// are kept — mine first, then theirs under a line that names theirsBy and
// over a line that ends it — and conflict is true. Insertions both made at
// the same place are both kept, mine first. Nothing either side wrote is
// ever dropped.
func MergeText(base, mine, theirs, theirsBy string) (merged string, conflict bool) {
	switch {
	case mine == theirs, theirs == base:
		return mine, false
	case mine == base:
		return theirs, false
	}
	// Compared as lines that all end in a newline, so an edit of a last
	// line without one is like any other.
	b, m, t := withNewline(base), withNewline(mine), withNewline(theirs)
	x, y := udiff.Lines(b, m), udiff.Lines(b, t)
	var edits []udiff.Edit
	for i, j := 0, 0; i < len(x) || j < len(y); {
		// A cluster: edits of either side whose ranges of base overlap.
		var cx, cy []udiff.Edit
		var lo, hi int
		if j >= len(y) || i < len(x) && x[i].Start <= y[j].Start {
			cx, lo, hi = append(cx, x[i]), x[i].Start, x[i].End
			i++
		} else {
			cy, lo, hi = append(cy, y[j]), y[j].Start, y[j].End
			j++
		}
		in := func(e udiff.Edit) bool { return e.Start < hi || e.Start == lo && lo == hi }
		for grew := true; grew; {
			grew = false
			if i < len(x) && in(x[i]) {
				cx, hi, grew = append(cx, x[i]), max(hi, x[i].End), true
				i++
			}
			if j < len(y) && in(y[j]) {
				cy, hi, grew = append(cy, y[j]), max(hi, y[j].End), true
				j++
			}
		}
		if both, ok := udiff.Merge(cx, cy); ok {
			edits = append(edits, both...)
			continue
		}
		region := b[lo:hi]
		edits = append(edits, udiff.Edit{Start: lo, End: hi, New: withNewline(applyAt(region, cx, lo)) +
			conflictStart(theirsBy) + withNewline(applyAt(region, cy, lo)) + conflictEnd(theirsBy)})
		conflict = true
	}
	out, err := udiff.Apply(b, edits)
	if err != nil {
		// The edits come from the diff of these very texts; should they
		// ever not apply, keep both texts whole rather than lose one.
		return withNewline(mine) + conflictStart(theirsBy) + withNewline(theirs) + conflictEnd(theirsBy), true
	}
	if !strings.HasSuffix(mine, "\n") && !strings.HasSuffix(theirs, "\n") {
		out = strings.TrimSuffix(out, "\n")
	}
	return out, conflict
}

// ConflictMarker is how the line that starts another person's version of
// conflicting lines begins.
const ConflictMarker = "[conflict: "

func conflictStart(by string) string {
	return ConflictMarker + someone(by) + " wrote this instead of the lines above]\n"
}

func conflictEnd(by string) string {
	return "[end of " + someone(by) + "'s version]\n"
}

func someone(by string) string {
	if strings.TrimSpace(by) == "" {
		return "another session"
	}
	return by
}

func withNewline(s string) string {
	if s == "" || strings.HasSuffix(s, "\n") {
		return s
	}
	return s + "\n"
}

// applyAt applies edits made to a whole text to its part region, which
// starts at offset lo.
func applyAt(region string, edits []udiff.Edit, lo int) string {
	shifted := make([]udiff.Edit, len(edits))
	for i, e := range edits {
		shifted[i] = udiff.Edit{Start: e.Start - lo, End: e.End - lo, New: e.New}
	}
	out, err := udiff.Apply(region, shifted)
	if err != nil {
		return region
	}
	return out
}
