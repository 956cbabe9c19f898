package agenda

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"partnercadence/cadence"
)

// doc builds a markdown document block by block, a blank line between
// blocks.
type doc struct{ b strings.Builder }

func (d *doc) block(md string) {
	if d.b.Len() > 0 {
		d.b.WriteByte('\n')
	}
	d.b.WriteString(md)
	d.b.WriteByte('\n')
}

// heading writes a heading of the given level whose text is plain text.
func (d *doc) heading(level int, text string) {
	d.block(strings.Repeat("#", level) + " " + inline(text))
}

// para writes a paragraph of plain text.
func (d *doc) para(text string) { d.block(inline(text)) }

// list writes a bullet list; items are markdown already.
func (d *doc) list(items []string) {
	var b strings.Builder
	for i, it := range items {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("- ")
		b.WriteString(it)
	}
	d.block(b.String())
}

// column is a table column: its header and whether its numbers align right.
type column struct {
	Header string
	Right  bool
}

// table writes a GFM table; every cell is plain text.
func (d *doc) table(cols []column, rows [][]string) {
	b := &d.b
	if b.Len() > 0 {
		b.WriteByte('\n')
	}
	b.WriteByte('|')
	for _, c := range cols {
		b.WriteByte(' ')
		writeInline(b, c.Header)
		b.WriteString(" |")
	}
	b.WriteString("\n|")
	for _, c := range cols {
		if c.Right {
			b.WriteString(" --: |")
		} else {
			b.WriteString(" --- |")
		}
	}
	for _, r := range rows {
		b.WriteString("\n|")
		for i := range cols {
			b.WriteByte(' ')
			if i < len(r) {
				writeInline(b, r[i])
			}
			b.WriteString(" |")
		}
	}
	b.WriteByte('\n')
}

// quoted writes the user's markdown as a block quote, or the empty text
// when there is none.
func (d *doc) quoted(md, empty string) {
	if q := quote(md); q != "" {
		d.block(q)
		return
	}
	d.para(empty)
}

func (d *doc) String() string { return d.b.String() }

// label is a bold label followed by plain text: "**When:** Tue …".
func label(name, text string) string { return "**" + name + ":** " + inline(text) }

const (
	dateLayout = "2006-01-02"
	dayLayout  = "Mon 2 Jan 2006"
)

// date writes d as YYYY-MM-DD, or "—" when there is none.
func date(d cadence.Date) string {
	if d.IsZero() {
		return "—"
	}
	return d.String()
}

// when writes when a meeting takes place in loc: "Tue 24 Nov 2026,
// 10:00–10:30 EST". The zone is written once when both ends share it, and
// the end's date only when it falls on another day.
func when(start, end time.Time, loc *time.Location) string {
	s := start.In(loc)
	out := s.Format(dayLayout + ", 15:04")
	if end.IsZero() || !end.After(start) {
		return out + " " + s.Format("MST")
	}
	e := end.In(loc)
	sameDay := cadence.DateOf(s) == cadence.DateOf(e)
	switch {
	case sameDay && s.Format("MST") == e.Format("MST"):
		return out + "–" + e.Format("15:04 MST")
	case sameDay:
		return out + " " + s.Format("MST") + "–" + e.Format("15:04 MST")
	default:
		return out + " " + s.Format("MST") + " – " + e.Format(dayLayout+", 15:04 MST")
	}
}

// plural writes n with the singular or plural noun.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// percent writes a 0–1 share as a whole percentage: "42%".
func percent(v float64) string { return fmt.Sprintf("%.0f%%", v*100) }

// money is cadence.FormatMoney.
func money(amount int64, currency string) string { return cadence.FormatMoney(amount, currency) }

// deals writes an amount and how many registrations make it: "$120,000 (2
// deals)", or "$0".
func deals(d cadence.Deals, currency string) string {
	if d.Count == 0 {
		return money(d.Amount, currency)
	}
	return money(d.Amount, currency) + " (" + plural(d.Count, "deal", "deals") + ")"
}

// flagLabels names each flag kind for a reader.
var flagLabels = map[cadence.FlagKind]string{
	cadence.FlagRegistrationOverdue:  "Registration overdue",
	cadence.FlagRegistrationConflict: "Registration conflict",
	cadence.FlagRegistrationLapsed:   "Registration lapsed",
	cadence.FlagRegistrationExpiring: "Registration expiring",
	cadence.FlagIntroUnregistered:    "Intro not registered",
	cadence.FlagSilentPartner:        "Silent partner",
	cadence.FlagMeetingMissed:        "Meeting missed",
	cadence.FlagActionOverdue:        "Action overdue",
	cadence.FlagMeetingUnprepared:    "Meeting unprepared",
}

// FlagLabel returns a reader's name for a flag kind ("Registration
// overdue"); an unknown kind is returned as it is.
func FlagLabel(k cadence.FlagKind) string {
	if l, ok := flagLabels[k]; ok {
		return l
	}
	return string(k)
}
