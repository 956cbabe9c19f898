package store

import (
	"os"
	"testing"
)

// BenchmarkDoctor is `cadence doctor` on the large demo ($CADENCE_BENCH_DB):
// every page, bbolt's check and cadence's own.
func BenchmarkDoctor(b *testing.B) {
	path := os.Getenv("CADENCE_BENCH_DB")
	if path == "" {
		b.Skip("set CADENCE_BENCH_DB to a large demo database")
	}
	for b.Loop() {
		r, err := Doctor(path, nil)
		if err != nil {
			b.Fatal(err)
		}
		if !r.Healthy() {
			b.Fatalf("large demo: %v", r.Problems)
		}
	}
}
