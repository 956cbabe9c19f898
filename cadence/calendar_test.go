package cadence

import "testing"

// TestBusinessDaysAfter checks the count against walking the days one by
// one, over spans shorter and longer than the holiday list (which take
// different paths), with holidays on weekends and a holiday set to false
// (still a key of the set, so still a holiday).
func TestBusinessDaysAfter(t *testing.T) {
	h := Holidays{
		MustDate("2026-11-26"): true,  // Thursday
		MustDate("2026-11-27"): true,  // Friday
		MustDate("2026-11-28"): true,  // Saturday: no business day to take off
		MustDate("2026-12-25"): false, // Friday, listed
		MustDate("2027-01-01"): true,
	}
	walk := func(from, to Date) int {
		n := 0
		for d := from.AddDays(1); !d.After(to); d = d.AddDays(1) {
			if _, holiday := h[d]; !holiday && d.Weekday() >= 1 && d.Weekday() <= 5 {
				n++
			}
		}
		return n
	}
	start := MustDate("2026-11-16")
	for i := range 30 {
		from := start.AddDays(i)
		for span := -2; span < 60; span++ {
			to := from.AddDays(span)
			if got, want := h.BusinessDaysAfter(from, to), walk(from, to); got != want {
				t.Errorf("BusinessDaysAfter(%s, %s) = %d, want %d", from, to, got, want)
			}
		}
	}
	// Submitted on the Monday of Thanksgiving week, SLA 3: Monday the 30th
	// is the third business day after it.
	if got := h.BusinessDaysAfter(MustDate("2026-11-23"), MustDate("2026-11-30")); got != 3 {
		t.Errorf("Thanksgiving week: %d business days, want 3", got)
	}
}
