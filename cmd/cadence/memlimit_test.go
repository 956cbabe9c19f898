package main

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// The app's memory limit follows the live heap up: a limit below it would
// make the collector run at every frame (a third of a core while the app
// sat idle on the large demo after browsing it). With 48 MiB live it is
// set a quarter above that; with little live it stays at its floor.
func TestMemoryLimitStaysAboveTheLiveHeap(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	for _, tc := range []struct {
		live int
		min  int64
	}{{0, appMemoryLimit}, {48, 48 << 20 * 5 / 4}} {
		keep := make([][]byte, tc.live)
		for i := range keep {
			keep[i] = make([]byte, 1<<20)
			keep[i][0] = 1
		}
		runtime.GC()
		debug.SetMemoryLimit(1 << 40)
		stop, done := make(chan struct{}), make(chan struct{})
		go func() { keepMemoryLimit(stop, 0); close(done) }()
		deadline := time.Now().Add(3 * time.Second)
		for debug.SetMemoryLimit(-1) == 1<<40 && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
		close(stop)
		<-done
		limit := debug.SetMemoryLimit(-1)
		if limit < tc.min || limit == 1<<40 {
			t.Errorf("%d MiB live: the limit is %d MiB, want at least %d MiB", tc.live, limit>>20, tc.min>>20)
		}
		if tc.live == 0 && limit > appMemoryLimit+16<<20 {
			t.Errorf("nothing much live: the limit is %d MiB, want about %d MiB", limit>>20, appMemoryLimit>>20)
		}
		runtime.KeepAlive(keep)
	}
}
