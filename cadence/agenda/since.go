package agenda

import (
	"strconv"

	"partnercadence/cadence"
)

// sinceListMax is how many entries one kind of change lists before it
// counts the rest.
const sinceListMax = 20

// sinceLastTime writes what changed since the previous meeting of the
// series: one list item per kind of change that has any, each with its
// entries as a nested list.
func (a *agendaWriter) sinceLastTime(c cadence.Changes) {
	a.d.heading(2, "Since last time")
	if c.First {
		a.d.para("This is the first meeting of its series: nothing to compare with yet.")
		return
	}
	prev := "the last meeting (" + date(c.Previous.Date) + ")"
	span := date(c.From) + " to " + date(c.To)
	if c.Empty() {
		a.d.para("Nothing changed since " + prev + ", " + span + ".")
		return
	}
	a.d.para("What changed since " + prev + ", " + span + ":")
	cur := a.cfg.Currency
	reg := func(r cadence.Registration, day cadence.Date) string {
		return inline(r.ID+" "+r.Partner+": "+r.Account+", "+money(r.Amount, cur)+" "+string(r.Attribution)) + " — " + date(day)
	}
	var items []string
	add := func(title string, entries []string) {
		if len(entries) == 0 {
			return
		}
		md := "**" + title + " (" + strconv.Itoa(len(entries)) + ")**"
		for i, e := range entries {
			if i == sinceListMax {
				md += "\n  - " + inline("… and "+strconv.Itoa(len(entries)-i)+" more")
				break
			}
			md += "\n  - " + e
		}
		items = append(items, md)
	}
	regs := func(rs []cadence.Registration, day func(cadence.Registration) cadence.Date) []string {
		out := make([]string, len(rs))
		for i, r := range rs {
			out[i] = reg(r, day(r))
		}
		return out
	}
	protection := a.cfg.Flags.RegistrationProtectionDays
	add("Registrations submitted", regs(c.Submitted, func(r cadence.Registration) cadence.Date { return r.Submitted }))
	decided := make([]string, len(c.Decided))
	for i, r := range c.Decided {
		verb := "approved"
		if r.Status == cadence.RegRejected {
			verb = "rejected"
		}
		decided[i] = reg(r, r.Decided) + " " + verb
	}
	add("Registrations decided", decided)
	add("Registrations won", regs(c.Won, func(r cadence.Registration) cadence.Date { return r.Closed }))
	add("Registrations lost", regs(c.Lost, func(r cadence.Registration) cadence.Date { return r.Closed }))
	add("Registrations lapsed", regs(c.Lapsed, func(r cadence.Registration) cadence.Date {
		if r.Status == cadence.RegExpired {
			return r.Closed
		}
		return r.ExpiresOn(protection).AddDays(1)
	}))
	touches := make([]string, len(c.Touches))
	for i, t := range c.Touches {
		touches[i] = inline(t.Partner + ": " + strconv.Itoa(t.Inbound) + " inbound, " + strconv.Itoa(t.Outbound) + " outbound")
	}
	add("Touchpoints by partner", touches)
	flags := func(fs []cadence.Flag) []string {
		out := make([]string, len(fs))
		for i, f := range fs {
			out[i] = flagItem(f)
		}
		return out
	}
	add("Flags raised", flags(c.Raised))
	add("Flags cleared", flags(c.Cleared))
	add("Actions done", a.actions(c.Done, true))
	a.d.list(items)
}
