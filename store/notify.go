package store

import "sync"

// changes is the in-process signal of committed writes: a channel that is
// closed, and replaced by a new one, after every write transaction of this
// process commits. A reader takes the channel before it reads and waits on
// it afterwards, so a write that committed in between is never missed.
type changes struct {
	mu sync.Mutex
	ch chan struct{}
}

// current returns the channel the next commit closes.
func (c *changes) current() <-chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ch == nil {
		c.ch = make(chan struct{})
	}
	return c.ch
}

// committed wakes every waiter of the current channel and starts a new one.
func (c *changes) committed() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ch != nil {
		close(c.ch)
	}
	c.ch = make(chan struct{})
}

// Changes returns a channel that is closed once a write of this process
// (through this Store) commits after the call. Take it before reading, wait
// on it after: `cadence serve` uses it to show every session another's
// change at once. Writes of other processes do not close it; Stamp notices
// those.
func (s *Store) Changes() <-chan struct{} { return s.changes.current() }
