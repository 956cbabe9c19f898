package registrations

import (
	"partnercadence/cadence"
	"partnercadence/tui/theme"
)

// gutter is the room left of the first column for the cursor marker.
const gutter = 2

// The queue's columns.
const (
	colID = iota
	colPartner
	colAccount
	colAmount
	colSubmitted
	colStatus
	colExpires
	colOwner
	colReason
)

func regColumns() []theme.Column {
	// Spare width goes first to the reason, then to the partner and the
	// account, the owner, a long (CRM) ID, and what is left to the reason.
	return []theme.Column{
		colID:        {Title: "ID", Min: 6, Grow: []int{-1, -1, -1, 15}, Prio: 0},
		colPartner:   {Title: "Partner", Min: 14, Grow: []int{-1, 18}, Prio: 2},
		colAccount:   {Title: "Account", Min: 14, Grow: []int{-1, 18}, Prio: 3},
		colAmount:    {Title: "Amount", Min: 10, Right: true, Prio: 4},
		colSubmitted: {Title: "Submitted", Min: 10, Prio: 8},
		colStatus:    {Title: "Status", Min: 9, Prio: 5},
		colExpires:   {Title: "Expires", Min: 10, Prio: 6},
		colOwner:     {Title: "Owner", Min: 10, Grow: []int{-1, -1, 16}, Prio: 7},
		colReason:    {Title: "Why", Min: 20, Grow: []int{22, -1, -1, -1, 0}, Prio: 1},
	}
}

// cells returns an item's cell texts; styled colours the reason by the
// item's most severe flag.
func (m Model) cells(it item, styled bool) []string {
	r := it.reg
	var expires string
	if r.Status == cadence.RegApproved {
		if exp := r.ExpiresOn(m.sess.Config.Flags.RegistrationProtectionDays); !exp.IsZero() {
			expires = exp.String()
		}
	}
	reason := theme.OneLine(it.reason) // it names other registrations by ID
	if styled {
		switch {
		case it.worst != "":
			reason = m.styles.Flag[it.worst].Render(reason)
		case it.cat == catClosed && r.Status == cadence.RegWon:
			reason = m.styles.Good.Render(reason)
		default:
			reason = m.styles.Muted.Render(reason)
		}
	}
	return []string{
		colID:        theme.OneLine(r.ID),
		colPartner:   theme.OneLine(r.Partner),
		colAccount:   theme.OneLine(r.Account),
		colAmount:    cadence.FormatMoney(r.Amount, m.sess.Config.Currency),
		colSubmitted: r.Submitted.String(),
		colStatus:    theme.OneLine(string(r.Status)),
		colExpires:   expires,
		colOwner:     theme.OneLine(r.Owner),
		colReason:    reason,
	}
}
