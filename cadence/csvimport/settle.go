package csvimport

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"partnercadence/cadence"
)

// This file reads dates and amounts, whose reading depends on conventions
// a single value may leave open: the order of day and month (05/11/2026)
// and the decimal mark (1,5 or 1.5). A column's convention is settled by
// the values that can be read only one way, else by the config's [import]
// keys; a value read differently under the two conventions is never
// accepted without one of those.

// Options are what an import takes from the config.
type Options struct {
	// Location is the config's time zone: a timestamp's date is its local
	// date there. Nil means UTC.
	Location *time.Location
	// DateOrder is [import] date_order: "mdy", "dmy" or "" (unset).
	DateOrder string
	// DecimalMark is [import] decimal_mark: ".", "," or "" (unset).
	DecimalMark string
	// Values are [import.values]: per field, a team's own CRM words.
	Values map[string]map[string]string
	// ConfigPath names the config in messages that ask to set a key.
	ConfigPath string
	// PartnerTypes are [import] partner_types: the Salesforce account
	// types that make an account a partner (ReadSalesforce). Empty: every
	// type that reads as a partner type.
	PartnerTypes []string
}

// OptionsFrom returns the options of cfg.
func OptionsFrom(cfg *cadence.Config) Options {
	if cfg == nil {
		return Options{}
	}
	return Options{
		Location: cfg.Location, DateOrder: cfg.Import.DateOrder, DecimalMark: cfg.Import.DecimalMark,
		Values: cfg.Import.Values, ConfigPath: cfg.Path, PartnerTypes: cfg.Import.PartnerTypes,
	}
}

func (o Options) location() *time.Location {
	if o.Location == nil {
		return time.UTC
	}
	return o.Location
}

// where names the config for a message asking to set a key.
func (o Options) where() string {
	if o.ConfigPath == "" {
		return "the config"
	}
	return cadence.VisibleLine(o.ConfigPath)
}

// Conventions a column is read with.
const (
	unsettled = 0
	mdy       = 'm'
	dmy       = 'd'
	failed    = '!' // the column's problem is reported once; its cells are not read
)

// slashDate is a date written with slashes or dots: a/b/y.
type slashDate struct {
	a, b, y int
	dots    bool // DD.MM.YYYY: day first, always
	rest    string
}

// splitSlashDate reads "a/b/y" or "a.b.y" with a two- or four-digit year,
// optionally followed by a time of day.
func splitSlashDate(s string) (slashDate, bool) {
	var sd slashDate
	datePart := s
	if i := strings.IndexAny(s, " T,"); i > 0 {
		datePart, sd.rest = s[:i], strings.TrimLeft(s[i+1:], " ,")
		if !timeRE().MatchString(sd.rest) {
			return sd, false
		}
	}
	sep := "/"
	if strings.Count(datePart, ".") == 2 {
		sep, sd.dots = ".", true
	}
	parts := strings.Split(datePart, sep)
	if len(parts) != 3 {
		return sd, false
	}
	var n [3]int
	for i, p := range parts {
		if len(p) == 0 || len(p) > 4 || (i < 2 && len(p) > 2) {
			return sd, false
		}
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 {
			return sd, false
		}
		n[i] = v
	}
	switch len(parts[2]) {
	case 2:
		// Two-digit years as POSIX reads them: 69–99 are 1969–1999.
		if n[2] >= 69 {
			n[2] += 1900
		} else {
			n[2] += 2000
		}
	case 4:
	default:
		return sd, false
	}
	sd.a, sd.b, sd.y = n[0], n[1], n[2]
	return sd, true
}

// date returns the date with the given order, if it is one.
func (sd slashDate) date(order byte) (cadence.Date, bool) {
	m, d := sd.a, sd.b
	if order == dmy || sd.dots {
		m, d = sd.b, sd.a
	}
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return cadence.Date{}, false
	}
	t := time.Date(sd.y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return cadence.Date{}, false // 31 April
	}
	return cadence.DateOf(t), true
}

// dateSettles returns the order a cell settles: mdy or dmy when it is a
// date only one way, unsettled when it is the same either way or not a
// slash date, and '?' when it is a different date each way.
func dateSettles(s string) byte {
	sd, ok := splitSlashDate(s)
	if !ok || sd.dots {
		return unsettled
	}
	m, mok := sd.date(mdy)
	d, dok := sd.date(dmy)
	switch {
	case mok && dok && m != d:
		return '?'
	case mok && !dok:
		return mdy
	case dok && !mok:
		return dmy
	}
	return unsettled
}

// timestampLayouts are the date-times with a zone that CRMs export
// (Salesforce: 2026-11-23T15:45:00.000+0000; HubSpot: RFC 3339).
var timestampLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.000-0700",
	"2006-01-02T15:04:05-0700",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05-0700",
	"2006-01-02 15:04Z07:00",
}

// parseDateIn reads a date: YYYY-MM-DD, a slash date in order (mdy or dmy;
// unsettled only when the cell reads the same either way), DD.MM.YYYY, two-
// digit years, and any of these with a time of day after them, taken as
// written. A timestamp with a zone (RFC 3339, Salesforce's +0000) is its
// local date in loc. An empty cell is the zero Date.
func parseDateIn(s string, order byte, loc *time.Location) (cadence.Date, error) {
	if s == "" {
		return cadence.Date{}, nil
	}
	if len(s) > 10 && (s[10] == 'T' || s[10] == ' ') {
		for _, l := range timestampLayouts {
			if t, err := time.Parse(l, s); err == nil {
				return cadence.DateOf(t.In(loc)), nil
			}
		}
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return cadence.DateOf(t), nil
	}
	if i := strings.IndexAny(s, " T"); i == 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil && timeRE().MatchString(strings.TrimLeft(s[11:], " ")) {
			return cadence.DateOf(t), nil
		}
	}
	sd, ok := splitSlashDate(s)
	if !ok {
		return cadence.Date{}, notADate(s)
	}
	if sd.dots {
		if d, ok := sd.date(dmy); ok {
			return d, nil
		}
		return cadence.Date{}, notADate(s)
	}
	if order == unsettled {
		m, mok := sd.date(mdy)
		d, dok := sd.date(dmy)
		switch {
		case mok && dok && m == d:
			return m, nil
		case mok && !dok:
			return m, nil
		case dok && !mok:
			return d, nil
		case mok && dok:
			return cadence.Date{}, fmt.Errorf("%s is %s or %s: set date_order under [import]", Quote(s), m, d)
		}
		return cadence.Date{}, notADate(s)
	}
	if d, ok := sd.date(order); ok {
		return d, nil
	}
	name := "month first (MM/DD/YYYY)"
	if order == dmy {
		name = "day first (DD/MM/YYYY)"
	}
	return cadence.Date{}, fmt.Errorf("%s is not a date %s, as the column's other dates are", Quote(s), name)
}

// notADate is the problem of a cell that is no date in any form: made only
// for a bad cell, not for each of a file's dates.
func notADate(s string) error {
	return fmt.Errorf("%s is not a date (use YYYY-MM-DD, MM/DD/YYYY, DD/MM/YYYY, DD.MM.YYYY or RFC 3339)", Quote(s))
}

// amountSettles returns the decimal mark an amount cell settles: '.' or
// ',' when it reads only under one, unsettled when it reads the same under
// both (or under neither), '?' when it reads as two different amounts.
func amountSettles(s string) byte {
	dot, _, errDot := parseAmountAs(s, '.')
	comma, _, errComma := parseAmountAs(s, ',')
	switch {
	case errDot == nil && errComma == nil && dot != comma:
		return '?'
	case errDot == nil && errComma != nil:
		return '.'
	case errComma == nil && errDot != nil:
		return ','
	}
	return unsettled
}

// settleColumn is what the cells of one date or amount column settle.
type settleColumn struct {
	first   map[byte]int    // convention → first line that settles it
	cell    map[byte]string // … and its cell
	open    int             // the first line read differently either way
	openVal string
}

func newSettleColumn() *settleColumn {
	return &settleColumn{first: map[byte]int{}, cell: map[byte]string{}}
}

func (c *settleColumn) note(conv byte, line int, cell string) {
	switch conv {
	case unsettled:
	case '?':
		if c.open == 0 {
			c.open, c.openVal = line, cell
		}
	default:
		if _, ok := c.first[conv]; !ok {
			c.first[conv], c.cell[conv] = line, cell
		}
	}
}
