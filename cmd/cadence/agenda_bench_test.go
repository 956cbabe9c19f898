package main

import (
	"io"
	"os"
	"strings"
	"testing"
)

func BenchmarkZZAgendaPipelineRun(b *testing.B) {
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
