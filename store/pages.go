package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// bbolt's file format (version 2), read here through the file with every
// offset checked, so that a damaged file gives a sentence, never a fault.
// bbolt itself reads pages straight from its memory map and trusts what it
// finds: a page that is not what its parent says makes it panic, and an
// offset out of the file makes the process fault. The layouts below are
// those of go.etcd.io/bbolt/internal/common (Meta, Page, the page elements,
// InBucket); they have not changed since the format's version 2 (2014).
const (
	boltMagic   = 0xED0CDAED
	boltVersion = 2

	pageHeaderSize  = 16 // id u64, flags u16, count u16, overflow u32
	pageElementSize = 16 // branch: pos u32, ksize u32, pgid u64; leaf: flags, pos, ksize, vsize u32
	bucketHeaderLen = 16 // a bucket's value: root pgid u64, sequence u64 (then an inline page)
	metaChecksumAt  = 56 // the checksum covers the meta's first 56 bytes

	branchPage   = 0x01
	leafPage     = 0x02
	metaPage     = 0x04
	freelistPage = 0x10
	bucketLeaf   = 0x01

	noFreelist = ^uint64(0)

	// maxPageBytes bounds what one page (with its overflow) may ask the
	// walk to read, so a damaged overflow count cannot exhaust memory.
	maxPageBytes = 256 << 20
	// maxDepth bounds the nesting of pages and buckets the walk follows.
	maxDepth = 64
)

// fileMeta is what a meta page says about the file.
type fileMeta struct {
	pageSize uint32
	root     uint64 // the root bucket's page
	freelist uint64 // the freelist's page, or noFreelist
	hwm      uint64 // the high-water mark: pages below it are in use or free
	txid     uint64
}

// parseMeta reads the meta page in b (page id want), returning what is
// wrong with it in words, or "".
func parseMeta(b []byte, want uint64) (fileMeta, string) {
	le := binary.LittleEndian
	if len(b) < pageHeaderSize+metaChecksumAt+8 {
		return fileMeta{}, "it is cut short"
	}
	m := b[pageHeaderSize:]
	switch {
	case le.Uint32(m[0:]) != boltMagic:
		return fileMeta{}, "it has no bbolt header"
	case le.Uint32(m[4:]) != boltVersion:
		return fileMeta{}, fmt.Sprintf("its format version is %d, not %d", le.Uint32(m[4:]), boltVersion)
	}
	h := fnv.New64a()
	h.Write(m[:metaChecksumAt])
	if h.Sum64() != le.Uint64(m[metaChecksumAt:]) {
		return fileMeta{}, "its checksum does not match (the page was overwritten or partly written)"
	}
	fm := fileMeta{
		pageSize: le.Uint32(m[8:]), root: le.Uint64(m[16:]), freelist: le.Uint64(m[32:]),
		hwm: le.Uint64(m[40:]), txid: le.Uint64(m[48:]),
	}
	switch {
	case le.Uint64(b[0:]) != want || le.Uint16(b[8:]) != metaPage:
		return fm, "it does not identify itself as that meta page"
	case fm.pageSize < 512 || fm.pageSize > 1<<24 || fm.pageSize&(fm.pageSize-1) != 0:
		return fm, fmt.Sprintf("its page size %d is impossible", fm.pageSize)
	case fm.hwm < 3 || fm.root < 2 || fm.root >= fm.hwm:
		return fm, fmt.Sprintf("its root page %d is outside the file's %d pages", fm.root, fm.hwm)
	case fm.freelist != noFreelist && (fm.freelist < 2 || fm.freelist >= fm.hwm):
		return fm, fmt.Sprintf("its freelist page %d is outside the file's %d pages", fm.freelist, fm.hwm)
	}
	return fm, ""
}

// readMetas reads and checks both meta pages of the file f of size bytes.
// bbolt falls back to the older meta page when the newer one fails its
// checksum, as it would after a torn write; but bbolt writes a meta page
// in one small write after syncing everything it points to, so on a real
// disk a bad meta page is damage from outside, and the older page describes
// a state the file has since overwritten. Both must be sound. It returns
// the meta bbolt would use (the higher transaction), or what is wrong.
func readMetas(f io.ReaderAt, size int64) (fileMeta, string) {
	var page0, page1 [4096]byte
	n, _ := f.ReadAt(page0[:], 0)
	m0, bad0 := parseMeta(page0[:n], 0)
	at := int64(4096) // bbolt's own guess when the first page says nothing
	if bad0 == "" {
		at = int64(m0.pageSize)
		if need := int64(m0.hwm) * at; need > size {
			return fileMeta{}, cutShort(size, need)
		}
	}
	n, _ = f.ReadAt(page1[:], at)
	m1, bad1 := parseMeta(page1[:n], 1)
	switch {
	case bad0 != "" && bad1 != "":
		if !hasMagic(page0[:]) && !hasMagic(page1[:]) {
			return fileMeta{}, "it is not a bbolt database file (it has no bbolt header)"
		}
		if size < 2*at {
			return fileMeta{}, fmt.Sprintf("it is cut short: %d bytes, less than its two header pages (a copy that did not finish, or a full disk)", size)
		}
		return fileMeta{}, "both its meta pages are damaged: the first because " + bad0 + ", the second because " + bad1
	case bad0 != "":
		return fileMeta{}, "its first meta page (page 0) is damaged: " + bad0
	case bad1 != "":
		if int64(m0.pageSize)*2 > size {
			return fileMeta{}, cutShort(size, int64(m0.hwm)*int64(m0.pageSize))
		}
		return fileMeta{}, "its second meta page (page 1) is damaged: " + bad1
	case m1.pageSize != m0.pageSize:
		return fileMeta{}, fmt.Sprintf("its meta pages disagree on the page size (%d and %d)", m0.pageSize, m1.pageSize)
	}
	if need := int64(m1.hwm) * int64(m1.pageSize); need > size {
		return fileMeta{}, cutShort(size, need)
	}
	if m1.txid > m0.txid {
		return m1, ""
	}
	return m0, ""
}

func cutShort(size, need int64) string {
	return fmt.Sprintf("it is cut short: %d bytes, where its header says %d (a copy that did not finish, or a full disk)", size, need)
}

// hasMagic reports whether a meta page carries bbolt's magic number.
func hasMagic(b []byte) bool {
	return len(b) >= pageHeaderSize+4 && binary.LittleEndian.Uint32(b[pageHeaderSize:]) == boltMagic
}

// pageWalk checks every page reachable from a meta page, reading them
// through the file: that each is the page its parent names, of the right
// kind, with every element inside it and keys in order, that no page is
// used twice and that every page below the high-water mark is used or free.
type pageWalk struct {
	f     io.ReaderAt
	meta  fileMeta
	seen  []uint64 // bitset: pages in use or free
	pages int      // pages read
	// problem is called with what is wrong, in words; it returns false to
	// stop the walk.
	problem func(string) bool
	stopped bool
	buf     []byte
}

func (w *pageWalk) report(format string, args ...any) {
	if !w.stopped && !w.problem(fmt.Sprintf(format, args...)) {
		w.stopped = true
	}
}

// mark records pages id … id+overflow as seen, reporting a page seen
// before; it returns false when the run leaves the file.
func (w *pageWalk) mark(id uint64, overflow uint32, what string) bool {
	if id+uint64(overflow) >= w.meta.hwm {
		w.report("%s: page %d (+%d overflow) lies beyond the file's %d pages", what, id, overflow, w.meta.hwm)
		return false
	}
	for i := id; i <= id+uint64(overflow); i++ {
		if w.seen[i/64]&(1<<(i%64)) != 0 {
			w.report("%s: page %d is used twice", what, i)
			return false
		}
		w.seen[i/64] |= 1 << (i % 64)
	}
	return true
}

// page reads page id with its overflow; what names its place for messages.
func (w *pageWalk) page(id uint64, what string) ([]byte, bool) {
	ps := int64(w.meta.pageSize)
	if id < 2 || id >= w.meta.hwm {
		w.report("%s: page %d is outside the file's %d pages", what, id, w.meta.hwm)
		return nil, false
	}
	if cap(w.buf) < int(ps) {
		w.buf = make([]byte, ps)
	}
	b := w.buf[:ps]
	if _, err := w.f.ReadAt(b, int64(id)*ps); err != nil {
		w.report("%s: page %d cannot be read: %v", what, id, err)
		return nil, false
	}
	w.pages++
	le := binary.LittleEndian
	if got := le.Uint64(b); got != id {
		// Counted as used, so it is not reported a second time as lost.
		w.seen[id/64] |= 1 << (id % 64)
		if allZero(b) {
			w.report("%s: page %d is all zeros (overwritten)", what, id)
		} else {
			w.report("%s: page %d holds something else (it says it is page %d)", what, id, got)
		}
		return nil, false
	}
	overflow := le.Uint32(b[12:])
	if !w.mark(id, overflow, what) {
		return nil, false
	}
	if overflow > 0 {
		total := (int64(overflow) + 1) * ps
		if total > maxPageBytes {
			w.report("%s: page %d claims %d overflow pages", what, id, overflow)
			return nil, false
		}
		big := make([]byte, total)
		if _, err := w.f.ReadAt(big, int64(id)*ps); err != nil {
			w.report("%s: page %d cannot be read: %v", what, id, err)
			return nil, false
		}
		b = big
	}
	return b, true
}

// walk checks the whole file.
func (w *pageWalk) walk() {
	w.seen = make([]uint64, (w.meta.hwm+63)/64)
	w.seen[0] |= 3 // the meta pages
	w.freelist()
	if !w.stopped {
		w.tree(w.meta.root, "the root bucket", 0)
	}
	if w.stopped {
		return
	}
	lost := 0
	first := uint64(0)
	for i := uint64(0); i < w.meta.hwm; i++ {
		if w.seen[i/64]&(1<<(i%64)) == 0 {
			if lost == 0 {
				first = i
			}
			lost++
		}
	}
	switch {
	case lost == 1:
		w.report("page %d is neither in use nor free", first)
	case lost > 1:
		w.report("%d pages (the first is page %d) are neither in use nor free", lost, first)
	}
}

func (w *pageWalk) freelist() {
	if w.meta.freelist == noFreelist {
		return
	}
	b, ok := w.page(w.meta.freelist, "the freelist")
	if !ok {
		return
	}
	le := binary.LittleEndian
	if le.Uint16(b[8:]) != freelistPage {
		w.report("the freelist: page %d is not a freelist page", w.meta.freelist)
		return
	}
	at, count := pageHeaderSize, uint64(le.Uint16(b[10:]))
	if count == 0xFFFF {
		count = le.Uint64(b[at:])
		at += 8
	}
	if count > uint64(len(b)-at)/8 {
		w.report("the freelist: page %d says it lists %d pages, more than it can hold", w.meta.freelist, count)
		return
	}
	for i := range count {
		id := le.Uint64(b[at+int(i)*8:])
		if !w.mark(id, 0, "the freelist") {
			return
		}
	}
}

// tree checks the bucket whose root is page id.
func (w *pageWalk) tree(id uint64, bucket string, depth int) {
	if depth > maxDepth {
		w.report("%s: pages nest deeper than %d levels", bucket, maxDepth)
		return
	}
	b, ok := w.page(id, bucket)
	if !ok {
		return
	}
	switch binary.LittleEndian.Uint16(b[8:]) {
	case branchPage:
		var children []uint64
		ok := w.elements(b, id, bucket, true, func(_ []byte, _ uint32, child uint64, _ []byte) {
			children = append(children, child)
		})
		if !ok {
			return
		}
		for _, c := range children {
			if w.stopped {
				return
			}
			w.tree(c, bucket, depth+1)
		}
	case leafPage:
		var subs []struct {
			name  string
			value []byte
		}
		ok := w.elements(b, id, bucket, false, func(key []byte, flags uint32, _ uint64, value []byte) {
			if flags&bucketLeaf != 0 {
				subs = append(subs, struct {
					name  string
					value []byte
				}{bucketName(bucket, key), bytes.Clone(value)})
			}
		})
		if !ok {
			return
		}
		for _, s := range subs {
			if w.stopped {
				return
			}
			w.bucket(s.name, s.value, depth+1)
		}
	default:
		w.report("%s: page %d is neither a branch nor a leaf (type %#x)", bucket, id, binary.LittleEndian.Uint16(b[8:]))
	}
}

// bucket checks a bucket from its value in the parent's leaf.
func (w *pageWalk) bucket(name string, value []byte, depth int) {
	if len(value) < bucketHeaderLen {
		w.report("%s: its header is %d bytes, not %d", name, len(value), bucketHeaderLen)
		return
	}
	root := binary.LittleEndian.Uint64(value)
	if root != 0 {
		w.tree(root, name, depth)
		return
	}
	// An inline bucket: a leaf page inside the value, holding no buckets.
	inline := value[bucketHeaderLen:]
	if len(inline) < pageHeaderSize || binary.LittleEndian.Uint16(inline[8:]) != leafPage {
		w.report("%s: its inline page is damaged", name)
		return
	}
	w.elements(inline, 0, name, false, func(key []byte, flags uint32, _ uint64, _ []byte) {
		if flags&bucketLeaf != 0 {
			w.report("%s: an inline bucket holds a bucket (%q)", name, key)
		}
	})
}

// elements checks the elements of a branch or leaf page b (page id) and
// calls fn for each: its key, and a leaf's flags and value or a branch's
// child page. It returns false when the page is damaged.
func (w *pageWalk) elements(b []byte, id uint64, bucket string, branch bool, fn func(key []byte, flags uint32, child uint64, value []byte)) bool {
	le := binary.LittleEndian
	count := int(le.Uint16(b[10:]))
	if pageHeaderSize+count*pageElementSize > len(b) {
		w.report("%s: page %d says it holds %d elements, more than fit", bucket, id, count)
		return false
	}
	if count == 0 && branch {
		w.report("%s: branch page %d is empty", bucket, id)
		return false
	}
	var prev []byte
	for i := range count {
		at := pageHeaderSize + i*pageElementSize
		e := b[at : at+pageElementSize]
		var flags uint32
		var pos, ksize, vsize uint64
		var child uint64
		if branch {
			pos, ksize, child = uint64(le.Uint32(e[0:])), uint64(le.Uint32(e[4:])), le.Uint64(e[8:])
		} else {
			flags, pos, ksize, vsize = le.Uint32(e[0:]), uint64(le.Uint32(e[4:])), uint64(le.Uint32(e[8:])), uint64(le.Uint32(e[12:]))
		}
		start := uint64(at) + pos
		if start+ksize+vsize > uint64(len(b)) {
			w.report("%s: page %d: element %d points outside the page", bucket, id, i)
			return false
		}
		key := b[start : start+ksize]
		if i > 0 && bytes.Compare(prev, key) >= 0 {
			w.report("%s: page %d: keys out of order at element %d", bucket, id, i)
			return false
		}
		prev = key
		fn(key, flags, child, b[start+ksize:start+ksize+vsize])
	}
	return true
}

// bucketName names a bucket for messages: its path of printable names.
func bucketName(parent string, key []byte) string {
	name := fmt.Sprintf("bucket %q", key)
	if parent != "the root bucket" {
		name = parent + " › " + name
	}
	return name
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// fileMetaOf reads the meta pages of the open file f.
func fileMetaOf(f *os.File) (fileMeta, string) {
	if f == nil {
		return fileMeta{}, "it could not be read"
	}
	info, err := f.Stat()
	if err != nil {
		return fileMeta{}, err.Error()
	}
	return readMetas(f, info.Size())
}
