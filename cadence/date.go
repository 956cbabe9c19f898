package cadence

import (
	"fmt"
	"strings"
	"time"
)

// Date is a calendar date with no time of day and no zone: a local date in the
// config's time zone. The zero Date means "no date".
//
// It is stored as a day number (Rata Die: 0001-01-01 is day 1), so dates
// compare with < and ==, and the days between two dates is a subtraction.
type Date struct{ rd int32 }

// unixEpochRD is the Rata Die day number of 1970-01-01.
const unixEpochRD = 719163

// NewDate returns the date y-m-d; out-of-range days and months normalise the
// way time.Date does (2026-02-30 is 2026-03-02).
func NewDate(y int, m time.Month, d int) Date {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return Date{int32(t.Unix()/86400) + unixEpochRD}
}

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return NewDate(y, m, d)
}

// DateIn returns the calendar date of t in loc.
func DateIn(t time.Time, loc *time.Location) Date { return DateOf(t.In(loc)) }

// ParseDate reads a date written as YYYY-MM-DD, MM/DD/YYYY or an RFC 3339
// timestamp (whose own calendar date is taken).
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", "01/02/2006", "1/2/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return DateOf(t), nil
		}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return DateOf(t), nil
	}
	return Date{}, fmt.Errorf("%q is not a date (use YYYY-MM-DD, MM/DD/YYYY or RFC 3339)", s)
}

// MustDate is NewDate from a YYYY-MM-DD literal; it panics on a bad literal and
// is meant for tests and fixed tables only.
func MustDate(s string) Date {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return DateOf(t)
}

// IsZero reports whether d is the zero Date ("no date").
func (d Date) IsZero() bool { return d.rd == 0 }

func (d Date) utc() time.Time {
	return time.Unix(int64(d.rd-unixEpochRD)*86400, 0).UTC()
}

// YMD returns the year, month and day of d.
func (d Date) YMD() (int, time.Month, int) { return d.utc().Date() }

// Year returns d's year.
func (d Date) Year() int { return d.utc().Year() }

// Month returns d's month.
func (d Date) Month() time.Month { return d.utc().Month() }

// Day returns d's day of the month.
func (d Date) Day() int { return d.utc().Day() }

// Weekday returns d's day of the week.
func (d Date) Weekday() time.Weekday {
	// Rata Die day 1 (0001-01-01) was a Monday.
	return time.Weekday(((d.rd % 7) + 7) % 7)
}

// AddDays returns the date n days after d (before it when n < 0).
func (d Date) AddDays(n int) Date { return Date{d.rd + int32(n)} }

// AddMonths returns d moved by n months, clamped to the last day of the
// target month (2026-01-31 plus one month is 2026-02-28).
func (d Date) AddMonths(n int) Date {
	y, m, day := d.YMD()
	first := NewDate(y, m+time.Month(n), 1)
	fy, fm, _ := first.YMD()
	return NewDate(fy, fm, min(day, DaysIn(fy, fm)))
}

// Sub returns the days from o to d: positive when d is later.
func (d Date) Sub(o Date) int { return int(d.rd - o.rd) }

// Before reports whether d is earlier than o.
func (d Date) Before(o Date) bool { return d.rd < o.rd }

// Equal reports whether d and o are the same date. (go-cmp compares Dates
// with it, so a struct that holds one, such as Flag, needs no option.)
func (d Date) Equal(o Date) bool { return d.rd == o.rd }

// After reports whether d is later than o.
func (d Date) After(o Date) bool { return d.rd > o.rd }

// At returns the instant at hour:minute local time on d in loc. On the day
// daylight saving time ends the wall-clock time is kept (10:00 stays 10:00).
func (d Date) At(c Clock, loc *time.Location) time.Time {
	y, m, day := d.YMD()
	return time.Date(y, m, day, c.Hour, c.Minute, 0, 0, loc)
}

// Start returns midnight at the beginning of d in loc.
func (d Date) Start(loc *time.Location) time.Time { return d.At(Clock{}, loc) }

// String writes d as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	var b [10]byte
	return string(d.appendISO(b[:0]))
}

// appendISO appends d written YYYY-MM-DD (nothing for the zero Date) to dst:
// what time.Format writes, without its cost. Every occurrence's ID and most
// flag messages hold a date.
func (d Date) appendISO(dst []byte) []byte {
	if d.IsZero() {
		return dst
	}
	y, m, day := d.YMD()
	if y < 1000 || y > 9999 {
		return d.utc().AppendFormat(dst, "2006-01-02")
	}
	return append(dst, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+int(m)/10), byte('0'+int(m)%10), '-', byte('0'+day/10), byte('0'+day%10))
}

// MarshalText writes d as YYYY-MM-DD ("" for the zero Date).
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads YYYY-MM-DD; "" is the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	t, err := time.Parse("2006-01-02", string(b))
	if err != nil {
		return fmt.Errorf("%q is not a date (use YYYY-MM-DD)", b)
	}
	*d = DateOf(t)
	return nil
}

// DaysIn returns the number of days in month m of year y.
func DaysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// Clock is a local time of day, minutes resolution.
type Clock struct{ Hour, Minute int }

// ParseClock reads "HH:MM" (24-hour; "9:30" is accepted).
func ParseClock(s string) (Clock, error) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return Clock{}, fmt.Errorf("%q is not a time of day (use HH:MM, 24-hour)", s)
	}
	return Clock{t.Hour(), t.Minute()}, nil
}

// String writes c as HH:MM.
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", c.Hour, c.Minute) }
