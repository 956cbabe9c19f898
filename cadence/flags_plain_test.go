package cadence

// This file keeps the flags as first written, for TestFlagsMatchPlain.

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// plainFlags is Flags as first written, before it was made fast (DESIGN
// §10): the oracle TestFlagsMatchPlain holds the fast one to. It computes the
// missed meetings from the full Occurrences, and keys every partner and
// registration on every call.
func plainFlags(in FlagInput) []Flag {
	cfg := configOrDefault(in.Config)
	fc := plainFlagContext{
		cfg:      cfg,
		now:      in.Now,
		today:    cfg.Today(in.Now),
		partners: make(map[string]Partner, len(in.Partners)),
	}
	for _, p := range in.Partners {
		fc.partners[NameKey(p.Partner.Name)] = p.Partner
	}

	var out []Flag
	out = fc.silentPartners(out, in.Partners)
	out = fc.registrations(out, in.Open)
	out = fc.conflicts(out, in.Open)
	out = fc.intros(out, in.Intros, in.Open)
	out = fc.missedMeetings(out, in.Partners, in.Records)
	out = fc.overdueActions(out, in.Actions)
	out = fc.unprepared(out, in.Partners, in.Records)
	SortFlags(out)
	return out
}

type plainFlagContext struct {
	cfg      *Config
	now      time.Time
	today    Date
	partners map[string]Partner // by NameKey
}

// partner returns the partner named name as stored, or a partner with just
// that name when it is unknown.
func (fc *plainFlagContext) partner(name string) Partner {
	if p, ok := fc.partners[NameKey(name)]; ok {
		return p
	}
	return Partner{Name: name}
}

// owner returns the first non-empty name, else the head.
func (fc *plainFlagContext) owner(names ...string) string {
	for _, n := range names {
		if strings.TrimSpace(n) != "" {
			return n
		}
	}
	return fc.cfg.Head()
}

// silentPartners raises silent_partner. It counts from the last inbound
// touch (a submitted registration counts, see PartnerActivity), else from the
// partner's joined date; a partner with neither has nothing to count from
// and is not flagged. A tier outside 1–3, or a threshold below 1, raises
// nothing.
func (fc *plainFlagContext) silentPartners(out []Flag, partners []PartnerActivity) []Flag {
	for _, pa := range partners {
		p := pa.Partner
		if !p.Status.Engaged() || p.Tier < 1 || p.Tier > 3 {
			continue
		}
		threshold := fc.cfg.Flags.SilentAfterDays[p.Tier]
		if threshold < 1 {
			continue
		}
		from, since := pa.LastInbound, "its last inbound touch on"
		if from.IsZero() {
			from, since = p.Joined, "joining on"
		}
		if from.IsZero() {
			continue
		}
		days := fc.today.Sub(from)
		if days < threshold {
			continue
		}
		who := p.Name
		if p.Contact != "" {
			who = p.Contact + " at " + p.Name
		}
		out = append(out, Flag{
			Kind: FlagSilentPartner, Partner: p.Name, Owner: fc.owner(p.Owner), Ref: p.Slug(), Days: days, Date: from,
			Message: fmt.Sprintf("%s (tier %d) has been silent for %s since %s %s (tier %d threshold: %d days): reach out to %s.",
				p.Name, p.Tier, quantity(days, "day", "days"), since, from, p.Tier, threshold, who),
		})
	}
	return out
}

// registrations raises registration_overdue, registration_expiring and
// registration_lapsed.
func (fc *plainFlagContext) registrations(out []Flag, open []Registration) []Flag {
	fl := fc.cfg.Flags
	for _, r := range open {
		p := fc.partner(r.Partner)
		base := Flag{Partner: p.Name, Owner: fc.owner(r.Owner, p.Owner), Ref: r.ID}
		what := fmt.Sprintf("%s registration %s for %s (%s)", Possessive(p.Name), r.ID, r.Account, fc.money(r.Amount))
		switch r.Status {
		case RegSubmitted:
			pending := fc.cfg.Holidays.BusinessDaysAfter(r.Submitted, fc.today)
			if pending <= fl.RegistrationSLABusinessDays {
				continue
			}
			base.Kind, base.Days, base.Date = FlagRegistrationOverdue, pending, r.Submitted
			base.Message = fmt.Sprintf("%s has waited %s for a decision since %s (SLA: %d): approve or reject it.",
				what, quantity(pending, "business day", "business days"), r.Submitted, fl.RegistrationSLABusinessDays)
		case RegApproved:
			exp := r.ExpiresOn(fl.RegistrationProtectionDays)
			if exp.IsZero() {
				continue
			}
			left := exp.Sub(fc.today)
			switch {
			case left < 0:
				base.Kind, base.Days, base.Date = FlagRegistrationLapsed, -left, exp
				base.Message = fmt.Sprintf("%s lost its protection %s ago (%s) with no outcome recorded: mark it won, lost or expired, or extend it.",
					what, quantity(-left, "day", "days"), exp)
			case left <= fl.RegistrationExpiryWarningDays:
				base.Kind, base.Days, base.Date = FlagRegistrationExpiring, left, exp
				when := "today"
				if left > 0 {
					when = "in " + quantity(left, "day", "days")
				}
				base.Message = fmt.Sprintf("%s loses its protection %s (%s): push the deal to an outcome or extend it.",
					what, when, exp)
			default:
				continue
			}
		default:
			continue
		}
		out = append(out, base)
	}
	return out
}

// conflicts raises registration_conflict: open registrations that name the
// same account (AccountKey) from two or more partners (NameKey). Every open
// registration of such an account is flagged, including a partner's second
// one for it. Registrations with no account name are never grouped.
func (fc *plainFlagContext) conflicts(out []Flag, open []Registration) []Flag {
	groups := make(map[string][]Registration)
	var order []string
	for _, r := range open {
		k := AccountKey(r.Account)
		if !r.Status.Open() || k == "" {
			continue
		}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], r)
	}
	for _, k := range order {
		g := groups[k]
		distinct := make(map[string]bool)
		for _, r := range g {
			distinct[NameKey(r.Partner)] = true
		}
		if len(distinct) < 2 {
			continue
		}
		for _, r := range g {
			p := fc.partner(r.Partner)
			var others []string
			for _, o := range g {
				if o.ID != r.ID {
					others = append(others, fmt.Sprintf("%s (%s, %s)", fc.partner(o.Partner).Name, o.ID, o.Status))
				}
			}
			slices.Sort(others)
			out = append(out, Flag{
				Kind: FlagRegistrationConflict, Partner: p.Name, Owner: fc.owner(r.Owner, p.Owner), Ref: r.ID, Date: r.Submitted,
				Message: fmt.Sprintf("%s registration %s for %s (%s, %s) clashes with %s: decide which partner owns the deal.",
					Possessive(p.Name), r.ID, r.Account, fc.money(r.Amount), r.Status, strings.Join(others, ", ")),
			})
		}
	}
	return out
}

// intros raises intro_unregistered for intros older than the configured
// days. An intro that an open registration of the same partner and account
// answers is skipped even if the store's summary still lists it. The
// intros of one partner and account (and two whose partner and account
// have the same ID form) make one flag, counted from the latest of them in
// the window.
func (fc *plainFlagContext) intros(out []Flag, intros []Intro, open []Registration) []Flag {
	answered := make(map[[2]string]bool, len(open))
	for _, r := range open {
		answered[[2]string{NameKey(r.Partner), AccountKey(r.Account)}] = true
	}
	seen := make(map[string]int) // ref → index in out
	for _, in := range intros {
		if in.Date.IsZero() || answered[[2]string{NameKey(in.Partner), AccountKey(in.Account)}] {
			continue
		}
		days := fc.today.Sub(in.Date)
		if days <= fc.cfg.Flags.IntroRegistrationDays || days > fc.cfg.Flags.IntroLookbackDays {
			continue
		}
		p := fc.partner(in.Partner)
		ref := p.Slug() + "/" + Slug(in.Account)
		by := ""
		if in.By != "" {
			by = ", logged by " + in.By
		}
		f := Flag{
			Kind: FlagIntroUnregistered, Partner: p.Name, Owner: fc.owner(p.Owner), Ref: ref, Days: days, Date: in.Date,
			Message: fmt.Sprintf("%s introduced %s %s ago (%s%s) and there is no registration for it: ask %s to register the deal.",
				p.Name, in.Account, quantity(days, "day", "days"), in.Date, by, p.Name),
		}
		if i, ok := seen[ref]; ok {
			if days < out[i].Days {
				out[i] = f
			}
			continue
		}
		seen[ref] = len(out)
		out = append(out, f)
	}
	return out
}

// missedMeetings raises meeting_missed for the cadence's occurrences in the
// lookback window. One-off (adhoc) meetings are not part of the cadence and
// are never flagged.
func (fc *plainFlagContext) missedMeetings(out []Flag, partners []PartnerActivity, records map[string]MeetingRecord) []Flag {
	lookback := fc.cfg.Flags.MissedLookbackDays
	if lookback < 0 {
		return out
	}
	ps := make([]Partner, len(partners))
	for i, p := range partners {
		ps[i] = p.Partner
	}
	loc := fc.cfg.Location
	for _, o := range fc.cfg.Occurrences(fc.today.AddDays(-lookback), fc.today, ps, records) {
		if o.Kind == KindAdhoc || o.Holiday || o.Status.Settled() || o.Deadline(loc).After(fc.now) {
			continue
		}
		if !fc.cfg.Start.IsZero() && o.Date.Before(fc.cfg.Start) {
			continue
		}
		// Occurrences keeps to [today−lookback, today]; the check states
		// the rule here rather than rely on it.
		days := fc.today.Sub(o.Date)
		if days < 0 || days > lookback {
			continue
		}
		title := o.Title
		var msg string
		if o.Kind == KindQBR && !o.Scheduled() {
			msg = fmt.Sprintf("%s was due by %s (%s ago) and was never scheduled or held: schedule it, or mark it skipped or cancelled.",
				title, o.Date, quantity(days, "day", "days"))
		} else {
			msg = fmt.Sprintf("%s on %s %s (%s ago) has no record of being held: mark it held, skipped or cancelled, or reschedule it.",
				title, o.Date.Weekday().String()[:3], o.Date, quantity(days, "day", "days"))
		}
		out = append(out, Flag{
			Kind: FlagMeetingMissed, Partner: fc.partner(o.Partner).Name, Owner: fc.owner(missedOwner(o, fc.partner(o.Partner))),
			Ref: o.ID, Days: days, Date: o.Date, Message: msg,
		})
	}
	return out
}

// overdueActions raises action_overdue. An action that came from a QBR
// carries that QBR's partner.
func (fc *plainFlagContext) overdueActions(out []Flag, actions []ActionItem) []Flag {
	var bySlug map[string]string
	for _, a := range actions {
		if !a.Open() || a.Due.IsZero() || !a.Due.Before(fc.today) {
			continue
		}
		days := fc.today.Sub(a.Due)
		partner := ""
		if strings.HasPrefix(a.Meeting, qbrIDPrefix) {
			if bySlug == nil {
				bySlug = make(map[string]string, len(fc.partners))
				for _, p := range fc.partners {
					bySlug[p.Slug()] = p.Name
				}
			}
			slug, _, _ := strings.Cut(strings.TrimPrefix(a.Meeting, qbrIDPrefix), "/")
			partner = bySlug[slug]
		}
		owner := fc.owner(a.Owner)
		from := ""
		if a.Meeting != "" {
			from = " from " + a.Meeting
		}
		whose := "An"
		if owner != "" {
			whose = Possessive(owner)
		}
		out = append(out, Flag{
			Kind: FlagActionOverdue, Partner: partner, Owner: owner, Ref: a.ID, Days: days, Date: a.Due,
			Message: fmt.Sprintf("%s action %q%s was due %s (%s ago): do it, or agree a new date.",
				whose, a.Text, from, a.Due, quantity(days, "day", "days")),
		})
	}
	return out
}

// unprepared raises meeting_unprepared from the full Occurrences of the
// coming days.
func (fc *plainFlagContext) unprepared(out []Flag, partners []PartnerActivity, records map[string]MeetingRecord) []Flag {
	if fc.cfg.Flags.PrepHours <= 0 {
		return out
	}
	loc := fc.cfg.Location
	until := fc.now.Add(time.Duration(fc.cfg.Flags.PrepHours) * time.Hour)
	ps := make([]Partner, len(partners))
	for i, p := range partners {
		ps[i] = p.Partner
	}
	for _, o := range fc.cfg.Occurrences(fc.today, DateIn(until, loc), ps, records) {
		if o.Kind != KindOneOnOne && o.Kind != KindQBR {
			continue
		}
		if o.Start.IsZero() || o.Holiday || o.Status == MeetingCancelled || o.Status == MeetingSkipped {
			continue
		}
		if !o.Start.After(fc.now) || o.Start.After(until) {
			continue
		}
		if o.Record != nil && strings.TrimSpace(o.Record.TalkingPoints) != "" {
			continue
		}
		hours := int(o.Start.Sub(fc.now).Hours())
		when := "within the hour"
		if hours > 0 {
			when = fmt.Sprintf("in %d hour", hours)
			if hours > 1 {
				when += "s"
			}
		}
		owner, partner := o.Member, ""
		if o.Kind == KindQBR {
			p := fc.partner(o.Partner)
			owner, partner = p.Owner, p.Name
		}
		start := o.Start.In(loc)
		out = append(out, Flag{
			Kind: FlagMeetingUnprepared, Partner: partner, Owner: fc.owner(owner), Ref: o.ID, Days: hours, Date: DateOf(start),
			Message: fmt.Sprintf("%s on %s %s at %s (%s) has no talking points: write what to cover before it starts.",
				o.Title, start.Format("Mon"), DateOf(start), start.Format("15:04"), when),
		})
	}
	return out
}

func (fc *plainFlagContext) money(amount int64) string { return FormatMoney(amount, fc.cfg.Currency) }
