package store

import (
	"partnercadence/cadence"
	"partnercadence/cadence/csvimport"
)

// Salesforce imports a Salesforce Data Export folder read by
// csvimport.ReadSalesforce: its partner accounts, then their opportunities
// as registrations, then their activities as touchpoints, owners found by
// their user's email. The folder is checked as one: its partners count as
// existing for its other files, and every problem of every file is
// reported together. It is written in one transaction, all of it or
// nothing, as Partners is.
func (im *Importer) Salesforce(cfg *cadence.Config, x *csvimport.Salesforce, dryRun bool) (ImportResult, error) {
	return importWith(im, cfg, "Account.csv", &x.Problems, dryRun, func(c *rowChecker, w *writer) (ImportResult, error) {
		c.users = x.Users
		c.partnerHint = "no partner account in Account.csv has that ID; see [import] partner_types"
		var total ImportResult
		add := func(res ImportResult, err error) error {
			total.Added += res.Added
			total.Changed += res.Changed
			total.Unchanged += res.Unchanged
			total.Changes = append(total.Changes, res.Changes...)
			return err
		}
		if x.Partners != nil {
			c.file = x.Partners.Name
			if err := add(importPartners(c, x.Partners.Rows, w)); err != nil {
				return total, err
			}
			if w == nil {
				c.plan(x.Partners.Rows)
			}
		}
		if x.Registrations != nil {
			c.file = x.Registrations.Name
			if err := add(importRegistrations(c, x.Registrations.Rows, w)); err != nil {
				return total, err
			}
		}
		for _, f := range x.Touchpoints {
			c.file = f.Name
			if err := add(importTouchpoints(c, f.Rows, w)); err != nil {
				return total, err
			}
		}
		return total, nil
	})
}
