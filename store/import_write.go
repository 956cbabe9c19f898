package store

import (
	"bytes"
	"slices"

	"partnercadence/cadence"
)

// pendingTouch is a checked touchpoint of an import, with its partner's
// slug and its key.
type pendingTouch struct {
	slug string
	key  []byte
	t    cadence.Touchpoint
}

// writeTouchpoints writes the touchpoints of an import in the order of
// their keys (partner, date): bbolt then walks each page of the bucket
// once, in order, instead of jumping across the whole bucket for every
// row, which is most of the time of a large import.
func writeTouchpoints(w *writer, pending []pendingTouch, res ImportResult) (ImportResult, error) {
	slices.SortFunc(pending, func(a, b pendingTouch) int { return bytes.Compare(a.key, b.key) })
	for i := range pending {
		p := &pending[i]
		added, err := w.putTouchpoint(p.slug, p.key, p.t)
		if err != nil {
			return res, err
		}
		if added {
			res.Added++
		} else {
			res.Unchanged++
		}
	}
	return res, nil
}
