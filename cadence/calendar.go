package cadence

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Last is the DayRule.Nth of "last <weekday>".
const Last = -1

// DayRule picks one day of a month: "first tue" … "fourth tue", "last thu",
// or "day 5" (clamped to the month's last day).
type DayRule struct {
	Nth     int // 1–4, or Last; 0 for a "day N" rule
	Weekday time.Weekday
	Day     int // the N of "day N"
}

var ordinals = map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4, "last": Last}

// ParseDayRule reads a day rule case-insensitively.
func ParseDayRule(s string) (DayRule, error) {
	f := strings.Fields(strings.ToLower(s))
	bad := fmt.Errorf("%q is not a day rule (use first|second|third|fourth|last <weekday>, or day N with N 1–31)", s)
	if len(f) != 2 {
		return DayRule{}, bad
	}
	if f[0] == "day" {
		n, err := strconv.Atoi(f[1])
		if err != nil || n < 1 || n > 31 {
			return DayRule{}, bad
		}
		return DayRule{Day: n}, nil
	}
	nth, ok := ordinals[f[0]]
	if !ok {
		return DayRule{}, bad
	}
	wd, err := ParseWeekday(f[1])
	if err != nil {
		return DayRule{}, bad
	}
	return DayRule{Nth: nth, Weekday: wd}, nil
}

// In returns the day the rule picks in month m of year y.
func (r DayRule) In(y int, m time.Month) Date {
	switch {
	case r.Nth == 0:
		return NewDate(y, m, min(max(r.Day, 1), DaysIn(y, m)))
	case r.Nth == Last:
		d := NewDate(y, m, DaysIn(y, m))
		return d.AddDays(-((int(d.Weekday()) - int(r.Weekday) + 7) % 7))
	default:
		d := NewDate(y, m, 1)
		return d.AddDays((int(r.Weekday)-int(d.Weekday())+7)%7 + 7*(r.Nth-1))
	}
}

// String writes the rule the way it is configured.
func (r DayRule) String() string {
	if r.Nth == 0 {
		return fmt.Sprintf("day %d", r.Day)
	}
	for name, n := range ordinals {
		if n == r.Nth {
			return name + " " + weekdayNames[r.Weekday]
		}
	}
	return "?"
}

var weekdayNames = [7]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// ParseWeekday reads "tue", "Tuesday" or "TUES", case-insensitively.
func ParseWeekday(s string) (time.Weekday, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	if len(v) >= 3 {
		for i, n := range weekdayNames {
			full := strings.ToLower(time.Weekday(i).String())
			if v == n || strings.HasPrefix(full, v) {
				return time.Weekday(i), nil
			}
		}
	}
	return 0, &EnumError{Field: "weekday", Value: s, Allowed: weekdayNames[:]}
}

// Fiscal is a fiscal calendar: the year starts in StartMonth (1 gives
// calendar quarters). A fiscal year is named for the calendar year in which
// it ends: with StartMonth 2, Feb 2026–Jan 2027 is FY2027.
type Fiscal struct{ StartMonth time.Month }

// Quarter is a fiscal quarter, e.g. 2026-Q4.
type Quarter struct {
	Year int // the fiscal year
	Q    int // 1–4
}

// String writes the quarter as YYYY-Qn.
func (q Quarter) String() string { return fmt.Sprintf("%d-Q%d", q.Year, q.Q) }

// Prev returns the quarter before q.
func (q Quarter) Prev() Quarter {
	if q.Q == 1 {
		return Quarter{q.Year - 1, 4}
	}
	return Quarter{q.Year, q.Q - 1}
}

// Next returns the quarter after q.
func (q Quarter) Next() Quarter {
	if q.Q == 4 {
		return Quarter{q.Year + 1, 1}
	}
	return Quarter{q.Year, q.Q + 1}
}

// Before reports whether q comes before o.
func (q Quarter) Before(o Quarter) bool {
	return q.Year < o.Year || q.Year == o.Year && q.Q < o.Q
}

// ParseQuarter reads "2026-Q4" (case-insensitive; "2026Q4" also works).
func ParseQuarter(s string) (Quarter, error) {
	v := strings.ToUpper(strings.TrimSpace(s))
	y, q, ok := strings.Cut(strings.Replace(v, "-Q", "Q", 1), "Q")
	year, err1 := strconv.Atoi(y)
	n, err2 := strconv.Atoi(q)
	if !ok || err1 != nil || err2 != nil || n < 1 || n > 4 || year < 1000 || year > 9999 {
		return Quarter{}, fmt.Errorf("%q is not a quarter (use YYYY-Qn, e.g. 2026-Q4)", s)
	}
	return Quarter{year, n}, nil
}

func (f Fiscal) start() time.Month {
	if f.StartMonth < 1 || f.StartMonth > 12 {
		return 1
	}
	return f.StartMonth
}

// QuarterOf returns the fiscal quarter that contains d.
func (f Fiscal) QuarterOf(d Date) Quarter {
	y, m, _ := d.YMD()
	s := f.start()
	fy := y
	if s > 1 && m >= s {
		fy = y + 1
	}
	return Quarter{fy, int((m-s+12)%12)/3 + 1}
}

// Bounds returns the first and last day of q.
func (f Fiscal) Bounds(q Quarter) (first, last Date) {
	s := f.start()
	y := q.Year
	if s > 1 {
		y--
	}
	first = NewDate(y, s+time.Month(3*(q.Q-1)), 1)
	return first, first.AddMonths(3).AddDays(-1)
}

// Holidays is a set of non-working dates.
type Holidays map[Date]bool

// BusinessDay reports whether d is Monday to Friday and not a holiday.
func (h Holidays) BusinessDay(d Date) bool {
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday && !h[d]
}

// BusinessDaysAfter counts the business days after from, up to and including
// to: submitted on a Monday, Friday is the fourth. It is 0 when to is not
// after from.
func (h Holidays) BusinessDaysAfter(from, to Date) int {
	n := to.Sub(from)
	count := weekdaysAfter(from, to)
	if count == 0 {
		return 0
	}
	// Take off the holidays on weekdays in (from, to]. Looking up each day
	// of a short span costs less than going through every holiday: the
	// flags ask for every pending registration, most a few days old, and a
	// config can list years of holidays.
	if n <= len(h) {
		for d := from.AddDays(1); !d.After(to); d = d.AddDays(1) {
			if _, ok := h[d]; ok && d.Weekday() != time.Saturday && d.Weekday() != time.Sunday {
				count--
			}
		}
		return count
	}
	for hd := range h {
		if hd.After(from) && !hd.After(to) && hd.Weekday() != time.Saturday && hd.Weekday() != time.Sunday {
			count--
		}
	}
	return count
}

// weekdaysAfter counts the days Monday to Friday after from, up to and
// including to: BusinessDaysAfter without the holidays, and never fewer.
func weekdaysAfter(from, to Date) int {
	n := to.Sub(from)
	if n <= 0 {
		return 0
	}
	weeks := n / 7
	count := weeks * 5
	for d := from.AddDays(weeks*7 + 1); !d.After(to); d = d.AddDays(1) {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			count++
		}
	}
	return count
}

// Sorted returns the holidays in date order.
func (h Holidays) Sorted() []Date {
	out := make([]Date, 0, len(h))
	for d := range h {
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b Date) int { return a.Sub(b) })
	return out
}
