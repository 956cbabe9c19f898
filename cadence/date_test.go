package cadence

import (
	"testing"
	"time"
)

// TestDateString holds the fast Date.String to time.Format's answer, across
// the years it writes itself and those it leaves to time.Format.
func TestDateString(t *testing.T) {
	for _, d := range []Date{
		NewDate(1, time.January, 1), NewDate(999, time.December, 31), NewDate(1000, time.January, 1),
		NewDate(2026, time.November, 23), NewDate(2028, time.February, 29), NewDate(9999, time.December, 31),
		NewDate(10000, time.January, 1),
	} {
		if got, want := d.String(), d.utc().Format("2006-01-02"); got != want {
			t.Errorf("Date.String() = %q, want %q", got, want)
		}
	}
	if got := (Date{}).String(); got != "" {
		t.Errorf("zero Date.String() = %q, want \"\"", got)
	}
}
