package agenda

import (
	"strconv"
	"strings"

	"partnercadence/cadence"
)

// sinceListMax is how many entries one kind of change lists before it
// counts the rest.
const sinceListMax = cadence.SinceShown

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
	// add lists one kind of change: its count (n, those the changes omit
	// included) and its entries, at most sinceListMax, the rest counted.
	add := func(title string, n int, entries []string) {
		if n == 0 {
			return
		}
		var md strings.Builder
		md.WriteString("**" + title + " (" + strconv.Itoa(n) + ")**")
		for _, e := range entries {
			md.WriteString("\n  - " + e)
		}
		if len(entries) < n {
			md.WriteString("\n  - " + inline("… and "+strconv.Itoa(n-len(entries))+" more"))
		}
		items = append(items, md.String())
	}
	regs := func(rs []cadence.Registration, day func(cadence.Registration) cadence.Date) []string {
		out := make([]string, min(len(rs), sinceListMax))
		for i := range out {
			out[i] = reg(rs[i], day(rs[i]))
		}
		return out
	}
	n := c.Counts()
	protection := a.cfg.Flags.RegistrationProtectionDays
	add("Registrations submitted", n.Submitted, regs(c.Submitted, func(r cadence.Registration) cadence.Date { return r.Submitted }))
	decided := make([]string, min(len(c.Decided), sinceListMax))
	for i, r := range c.Decided[:len(decided)] {
		verb := "approved"
		if r.Status == cadence.RegRejected {
			verb = "rejected"
		}
		decided[i] = reg(r, r.Decided) + " " + verb
	}
	add("Registrations decided", n.Decided, decided)
	add("Registrations won", n.Won, regs(c.Won, func(r cadence.Registration) cadence.Date { return r.Closed }))
	add("Registrations lost", n.Lost, regs(c.Lost, func(r cadence.Registration) cadence.Date { return r.Closed }))
	add("Registrations lapsed", n.Lapsed, regs(c.Lapsed, func(r cadence.Registration) cadence.Date {
		if r.Status == cadence.RegExpired {
			return r.Closed
		}
		return r.ExpiresOn(protection).AddDays(1)
	}))
	touches := make([]string, min(len(c.Touches), sinceListMax))
	for i, t := range c.Touches[:len(touches)] {
		touches[i] = inline(t.Partner + ": " + strconv.Itoa(t.Inbound) + " inbound, " + strconv.Itoa(t.Outbound) + " outbound")
	}
	add("Touchpoints by partner", n.Touches, touches)
	flags := func(fs []cadence.Flag) []string {
		out := make([]string, min(len(fs), sinceListMax))
		for i, f := range fs[:len(out)] {
			out[i] = flagItem(f)
		}
		return out
	}
	add("Flags raised", n.Raised, flags(c.Raised))
	add("Flags cleared", n.Cleared, flags(c.Cleared))
	add("Actions done", n.Done, a.actions(c.Done[:min(len(c.Done), sinceListMax)], true))
	a.d.list(items)
}
