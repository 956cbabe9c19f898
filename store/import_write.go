package store

import (
	"bytes"
	"slices"
)

// writeTouchpoints writes the touchpoints of an import in the order of
// their keys (partner, date): bbolt then walks each page of the bucket
// once, in order, instead of jumping across the whole bucket for every
// row, which is most of the time of a large import. The order is sorted,
// not the writes themselves, which are larger to move.
func writeTouchpoints(w *writer, pending []touchWrite, res ImportResult) (ImportResult, error) {
	order := make([]int32, len(pending))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return bytes.Compare(pending[a].key, pending[b].key) })
	for _, i := range order {
		added, err := w.putTouch(&pending[i])
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
