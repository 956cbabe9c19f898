package main

import (
	"io"
	"os"
	"strings"
	"testing"
)

// BenchmarkAgendaCommandPipeline runs `cadence agenda pipeline/2026-11-03`
// in the process, from the command line to the markdown written: config,
// store, the agenda's plan, reads and sections, the markdown (set
// CADENCE_BENCH_DB to the large demo). What a whole process adds — start,
// the binary's pages, the exit — is measured with hyperfine (README).
func BenchmarkAgendaCommandPipeline(b *testing.B) {
	db := os.Getenv("CADENCE_BENCH_DB")
	if db == "" {
		b.Skip()
	}
	for b.Loop() {
		if code := run([]string{"--db", db, "--now", "2026-11-23", "agenda", "pipeline/2026-11-03"}, strings.NewReader(""), io.Discard, io.Discard); code != 0 {
			b.Fatal(code)
		}
	}
}
