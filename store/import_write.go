package store

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"slices"
)

// writeTouchpoints writes the touchpoints of an import in the order of
// their keys (partner, date): bbolt then walks each page of the bucket
// once, in order, instead of jumping across the whole bucket for every
// row, which is most of the time of a large import. The order is sorted,
// not the writes themselves, which are larger to move.
func writeTouchpoints(w *writer, pending []touchWrite, res ImportResult) (ImportResult, error) {
	// Each write's place in the order, after the first 8 bytes of its key,
	// which tell most keys apart without reading the write.
	type place struct {
		prefix uint64
		i      int32
	}
	order := make([]place, len(pending))
	for i := range pending {
		var b [8]byte
		copy(b[:], pending[i].key)
		order[i] = place{binary.BigEndian.Uint64(b[:]), int32(i)}
	}
	slices.SortFunc(order, func(a, b place) int {
		if c := cmp.Compare(a.prefix, b.prefix); c != 0 {
			return c
		}
		return bytes.Compare(pending[a.i].key, pending[b.i].key)
	})
	for _, o := range order {
		added, err := w.putTouch(&pending[o.i])
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
