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

func regColumns() []column {
	// Spare width goes first to the reason, then to the partner and the
	// account, the owner, a long (CRM) ID, and what is left to the reason.
	return []column{
		colID:        {title: "ID", min: 6, grow: []int{-1, -1, -1, 15}, prio: 0},
		colPartner:   {title: "Partner", min: 14, grow: []int{-1, 18}, prio: 2},
		colAccount:   {title: "Account", min: 14, grow: []int{-1, 18}, prio: 3},
		colAmount:    {title: "Amount", min: 10, right: true, prio: 4},
		colSubmitted: {title: "Submitted", min: 10, prio: 8},
		colStatus:    {title: "Status", min: 9, prio: 5},
		colExpires:   {title: "Expires", min: 10, prio: 6},
		colOwner:     {title: "Owner", min: 10, grow: []int{-1, -1, 16}, prio: 7},
		colReason:    {title: "Why", min: 20, grow: []int{22, -1, -1, -1, 0}, prio: 1},
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
	reason := it.reason
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
		colID:        r.ID,
		colPartner:   theme.OneLine(r.Partner),
		colAccount:   theme.OneLine(r.Account),
		colAmount:    cadence.FormatMoney(r.Amount, m.sess.Config.Currency),
		colSubmitted: r.Submitted.String(),
		colStatus:    string(r.Status),
		colExpires:   expires,
		colOwner:     theme.OneLine(r.Owner),
		colReason:    reason,
	}
}
