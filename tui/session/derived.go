package session

import "sync"

// derived holds what screens compute from one snapshot (a table's rows, its
// sort orders), built once however many sessions show that snapshot. It is
// safe for concurrent use.
type derived struct {
	mu sync.Mutex
	m  map[any]*derivedEntry
}

// derivedEntry is one value of a derived cache, built once.
type derivedEntry struct {
	once sync.Once
	v    any
}

// Derive returns what build computes from snap for key, computing it only
// the first time any session asks for that key on that snapshot (the
// others wait for it). key must be comparable; a package uses a type of its
// own, so that its keys never meet another's. What build returns is shared
// by every session of the process (`cadence serve`): neither build's
// caller nor anyone it hands the value to may change it.
//
// A snapshot made outside this package (a test's) has no cache: build runs
// every time.
func Derive[T any](snap *Snapshot, key any, build func(*Snapshot) T) T {
	c := snap.derived
	if c == nil {
		return build(snap)
	}
	c.mu.Lock()
	e, ok := c.m[key]
	if !ok {
		if c.m == nil {
			c.m = map[any]*derivedEntry{}
		}
		e = &derivedEntry{}
		c.m[key] = e
	}
	c.mu.Unlock()
	e.once.Do(func() { e.v = build(snap) })
	return e.v.(T)
}
