package registrations

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"partnercadence/cadence"
	"partnercadence/tui/session"
	"partnercadence/tui/theme"
)

// category is where a registration stands in the queue, most urgent first.
type category int

const (
	catOverdue   category = iota // submitted, past the SLA
	catConflict                  // the same account claimed by another partner
	catLapsed                    // approved, protection ran out with no outcome
	catExpiring                  // approved, protection ends soon
	catSubmitted                 // waiting for a decision, inside the SLA
	catApproved                  // protected
	catClosed                    // won, lost, rejected or expired
)

// item is one registration as the queue shows it.
type item struct {
	reg       cadence.Registration
	cat       category
	days      int // the flag's days (overdue, lapsed, expiring)
	reason    string
	worst     cadence.FlagKind // the most severe flag on it; "" if none
	flags     []cadence.Flag
	conflicts []string // IDs of the open registrations it clashes with
	hay       string   // ID, partner, account and owner, for the fuzzy filter
}

// itemSource is the list's Source over the items a status filter lists:
// each named by its ID, matched on its ID, partner, account and owner.
type itemSource []item

func (s itemSource) Len() int                 { return len(s) }
func (s itemSource) Key(i int) string         { return s[i].reg.ID }
func (s itemSource) FilterValue(i int) string { return s[i].hay }

// regFlags are the flag kinds that are about one registration.
var regFlags = map[cadence.FlagKind]category{
	cadence.FlagRegistrationOverdue:  catOverdue,
	cadence.FlagRegistrationConflict: catConflict,
	cadence.FlagRegistrationLapsed:   catLapsed,
	cadence.FlagRegistrationExpiring: catExpiring,
}

// buildQueue orders the snapshot's open registrations most urgent first:
// overdue (most business days first), conflicts (grouped by account), lapsed
// (longest lapsed first), expiring (fewest days left first), the other
// submitted ones (oldest first), then the other approved ones (soonest
// expiry first).
func buildQueue(snap *session.Snapshot, cfg *cadence.Config, today cadence.Date) []item {
	byRef := map[string][]cadence.Flag{}
	for _, f := range snap.Flags {
		if _, ok := regFlags[f.Kind]; ok {
			byRef[f.Ref] = append(byRef[f.Ref], f)
		}
	}
	byAccount := map[string][]string{}
	for _, r := range snap.Open {
		k := cadence.AccountKey(r.Account)
		byAccount[k] = append(byAccount[k], r.ID)
	}
	prot := cfg.Flags.RegistrationProtectionDays
	items := make([]item, 0, len(snap.Open))
	for _, r := range snap.Open {
		it := item{reg: r, flags: byRef[r.ID], hay: hayOf(r)}
		it.cat = catApproved
		if r.Status == cadence.RegSubmitted {
			it.cat = catSubmitted
		}
		hasConflict := false
		for _, f := range it.flags {
			if f.Kind == cadence.FlagRegistrationConflict {
				hasConflict = true
			}
			if c := regFlags[f.Kind]; c < it.cat {
				it.cat, it.days, it.worst = c, f.Days, f.Kind
			}
		}
		if hasConflict {
			for _, id := range byAccount[cadence.AccountKey(r.Account)] {
				if id != r.ID {
					it.conflicts = append(it.conflicts, id)
				}
			}
			slices.Sort(it.conflicts)
		}
		switch it.cat {
		case catOverdue:
			it.reason = fmt.Sprintf("overdue %d bd", it.days)
		case catConflict:
			it.reason = "conflict with " + strings.Join(it.conflicts, ", ")
		case catLapsed:
			it.reason = fmt.Sprintf("lapsed %d d ago", it.days)
		case catExpiring:
			it.reason = "expires today"
			if it.days > 0 {
				it.reason = fmt.Sprintf("expires in %d d", it.days)
			}
		case catSubmitted:
			it.reason = fmt.Sprintf("pending %d bd", cfg.Holidays.BusinessDaysAfter(r.Submitted, today))
		case catApproved:
			if exp := r.ExpiresOn(prot); !exp.IsZero() {
				it.days = exp.Sub(today)
				it.reason = fmt.Sprintf("protected %d d", it.days)
			}
		}
		if hasConflict && it.cat != catConflict {
			it.reason += "; conflict with " + strings.Join(it.conflicts, ", ")
		}
		items = append(items, it)
	}
	slices.SortFunc(items, func(a, b item) int {
		if c := cmp.Compare(a.cat, b.cat); c != 0 {
			return c
		}
		var c int
		switch a.cat {
		case catOverdue, catLapsed:
			c = cmp.Compare(b.days, a.days)
		case catExpiring, catApproved:
			c = cmp.Compare(a.days, b.days)
		case catConflict:
			c = strings.Compare(cadence.AccountKey(a.reg.Account), cadence.AccountKey(b.reg.Account))
		}
		return cmp.Or(c, a.reg.Submitted.Sub(b.reg.Submitted), strings.Compare(a.reg.ID, b.reg.ID))
	})
	return items
}

// closedItems makes queue items of closed registrations, newest first.
func closedItems(regs []cadence.Registration, today cadence.Date) []item {
	items := make([]item, 0, len(regs))
	for _, r := range regs {
		d := closedOn(r)
		reason := string(r.Status)
		if !d.IsZero() {
			reason += " " + ago(d, today)
		}
		items = append(items, item{reg: r, cat: catClosed, reason: reason, hay: hayOf(r)})
	}
	return items
}

// closedOn is the date a closed registration got its status.
func closedOn(r cadence.Registration) cadence.Date {
	if r.Status == cadence.RegRejected || r.Closed.IsZero() {
		return r.Decided
	}
	return r.Closed
}

// sortClosed orders closed registrations newest first.
func sortClosed(regs []cadence.Registration) {
	slices.SortStableFunc(regs, func(a, b cadence.Registration) int {
		return cmp.Or(closedOn(b).Sub(closedOn(a)), strings.Compare(b.ID, a.ID))
	})
}

func ago(d, today cadence.Date) string {
	switch n := today.Sub(d); {
	case n == 0:
		return "today"
	case n > 0:
		return fmt.Sprintf("%d d ago", n)
	default:
		return "on " + d.String()
	}
}

// hayOf is what the filter matches of a registration: its ID, partner,
// account and owner, on one line.
func hayOf(r cadence.Registration) string {
	return r.ID + "  " + theme.OneLine(r.Partner) + "  " + theme.OneLine(r.Account) + "  " + theme.OneLine(r.Owner)
}
