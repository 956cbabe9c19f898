package cadence

import (
	"strings"
	"testing"
)

func TestMoveConcerns(t *testing.T) {
	cfg := fkConfig(t)
	cfg.Holidays = Holidays{fkDate("2026-11-26"): true}
	now := fkAt(t, fkMonday) // Mon 2026-11-23 09:00
	oneOnOne, err := cfg.OccurrenceByID("1on1/dana-cruz/2026-11-24", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	day := func(d string) []Occurrence { return cfg.Occurrences(fkDate(d), fkDate(d), nil, nil) }
	tests := []struct {
		name string
		at   string
		want []string // a part of each reason, in order; nil for none
	}{
		{"a working morning", "2026-11-25 10:00", nil},
		{"a holiday", "2026-11-26 10:00", []string{"2026-11-26 is a holiday"}},
		{"a Saturday", "2026-11-28 10:00", []string{"2026-11-28 is a Saturday"}},
		{"the past", "2026-11-23 08:59", []string{"is in the past"}},
		{"now exactly is not the past", "2026-11-23 09:00", nil},
		// The pipeline review on the first Tuesday, 15:00–16:00: Jordan
		// Lee and Dana Cruz attend both.
		{"onto the review", "2026-12-01 15:30", []string{"Dana Cruz and Jordan Lee have Pipeline review then (15:00–16:00)"}},
		{"ending as the review starts", "2026-12-01 14:30", nil},
		{"starting as the review ends", "2026-12-01 16:00", nil},
		{"a minute into the review's end", "2026-12-01 15:59", []string{"Pipeline review then"}},
		{"its own slot is no clash", "2026-11-24 10:00", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			at := fkAt(t, tt.at)
			got := cfg.MoveConcerns(oneOnOne, at, now, day(DateOf(at.In(cfg.Location)).String()))
			if len(got) != len(tt.want) {
				t.Fatalf("concerns %q, want %d like %q", got, len(tt.want), tt.want)
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("concern %q, want it to say %q", got[i], w)
				}
			}
		})
	}
}
