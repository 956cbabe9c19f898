package cadence

import (
	"cmp"
	"slices"
	"strings"
)

// prevSearchSteps bounds how many skipped or cancelled meetings
// PreviousMeeting steps over: enough for a two-month gap in a weekly 1:1.
const prevSearchSteps = 8

// PreviousMeeting returns the meeting "since last time" counts from: the
// latest occurrence of o's series planned before o that was neither skipped
// nor cancelled (a skipped meeting is not a time the people met). A moved
// occurrence is returned as moved: its Date is the day it was moved to.
// records must hold the series' records (status and time) of the year
// before o. A one-off meeting, and the first of a series, have none.
func (c *Config) PreviousMeeting(o Occurrence, partners []Partner, records map[string]MeetingRecord) (Occurrence, bool) {
	cur := o
	for range prevSearchSteps {
		prev, ok := c.PrevInSeries(cur, partners, records)
		if !ok {
			return Occurrence{}, false
		}
		if prev.Status != MeetingSkipped && prev.Status != MeetingCancelled {
			return prev, true
		}
		cur = prev
	}
	return Occurrence{}, false
}

// SinceWindow is the days a "since last time" covers.
type SinceWindow struct {
	// Previous is the meeting it counts from; zero when First.
	Previous Occurrence
	// First is true when there is no previous meeting: nothing is listed.
	First bool
	// From and To are the first and last day covered, both included.
	From, To Date
}

// Window returns the days the "since last time" of o covers, given its
// previous meeting (ok false when there is none): from the previous
// meeting's date, included, to o's date or today, whichever is earlier,
// included. Dates carry no time of day, so a change made on the day of a
// meeting shows in that meeting's agenda and again in the next one's:
// shown twice rather than missed.
func Window(o Occurrence, prev Occurrence, ok bool, today Date) SinceWindow {
	if !ok || prev.Date.IsZero() {
		return SinceWindow{First: true}
	}
	to := o.Date
	if to.IsZero() || today.Before(to) {
		to = today
	}
	return SinceWindow{Previous: prev, From: prev.Date, To: to}
}

// Contains reports whether d is a day of the window.
func (w SinceWindow) Contains(d Date) bool {
	return !w.First && !d.IsZero() && !d.Before(w.From) && !d.After(w.To)
}

// PartnerTouches counts one partner's touchpoints in a window.
type PartnerTouches struct {
	Partner           string
	Inbound, Outbound int
}

// Changes is what changed in a meeting's scope during its SinceWindow
// (DESIGN §8, "since last time"). Every list is sorted; see SinceLastTime
// for what each holds.
type Changes struct {
	SinceWindow
	Submitted, Decided, Won, Lost, Lapsed []Registration
	Touches                               []PartnerTouches
	Raised, Cleared                       []Flag
	Done                                  []ActionItem
}

// Empty reports whether nothing changed.
func (c Changes) Empty() bool {
	return len(c.Submitted)+len(c.Decided)+len(c.Won)+len(c.Lost)+len(c.Lapsed)+
		len(c.Touches)+len(c.Raised)+len(c.Cleared)+len(c.Done) == 0
}

// SinceInput is what SinceLastTime reads, all already scoped to the
// meeting: a 1:1's member's partners, a QBR's partner, every partner for a
// pipeline review.
type SinceInput struct {
	Config *Config
	Window SinceWindow
	// Today is the reference day of the flags in force.
	Today Date
	// Partners are the partners in scope (for their tiers and names).
	Partners []PartnerActivity
	// Registrations must include every registration in scope submitted,
	// decided or closed in the window, and every approved one.
	Registrations []Registration
	// Touchpoints are the scope's touchpoints dated in the window.
	Touchpoints []Touchpoint
	// Flags are the flags in force today, scoped to the meeting.
	Flags []Flag
	// Actions are the action items of the series' meetings, done or open.
	Actions []ActionItem
}

// SinceLastTime lists what changed during in.Window, by these rules (a day
// "in the window" is one of SinceWindow.From…To, both included):
//
//   - Submitted: registrations submitted in the window (any status now).
//   - Decided: registrations decided (approved or rejected) in the window.
//   - Won, Lost: registrations won or lost with closed in the window.
//   - Lapsed: registrations whose protection ran out in the window: status
//     expired with closed in the window, or still approved with the day
//     after expires (the first day the registration_lapsed flag stands) in
//     the window.
//   - Touches: per partner, its touchpoints dated in the window by
//     direction; most touches first, then by name.
//   - Raised: the flags in force today whose raise day (RaisedOn) is in the
//     window, most severe first as given.
//   - Cleared: flags that stood and were answered in the window, as far as
//     the records show it: registration_overdue for a registration decided
//     in the window more than the SLA's business days after it was
//     submitted; registration_expiring (registration_lapsed when it had run
//     out) for an approved registration won, lost or expired in the window
//     within the expiry warning of its expires; action_overdue for an
//     action done in the window after its due date. Each is a Flag whose
//     Days is 0 and whose Message says what answered it.
//   - Done: action items done in the window, by done date then ID.
//
// With no previous meeting (Window.First) it returns no changes.
func SinceLastTime(in SinceInput) Changes {
	out := Changes{SinceWindow: in.Window}
	if in.Window.First {
		return out
	}
	cfg := in.Config
	if cfg == nil {
		cfg = DefaultConfig()
	}
	w := in.Window
	protection := cfg.Flags.RegistrationProtectionDays
	owners := make(map[string]string, len(in.Partners))
	for _, p := range in.Partners {
		owners[NameKey(p.Partner.Name)] = p.Partner.Owner
	}
	regOwner := func(r Registration) string {
		if strings.TrimSpace(r.Owner) != "" {
			return r.Owner
		}
		return owners[NameKey(r.Partner)]
	}
	for _, r := range in.Registrations {
		if w.Contains(r.Submitted) {
			out.Submitted = append(out.Submitted, r)
		}
		if w.Contains(r.Decided) && r.Status != RegSubmitted {
			out.Decided = append(out.Decided, r)
			if sla := cfg.Flags.RegistrationSLABusinessDays; cfg.Holidays.BusinessDaysAfter(r.Submitted, r.Decided) > sla {
				out.Cleared = append(out.Cleared, Flag{Kind: FlagRegistrationOverdue, Partner: r.Partner, Owner: regOwner(r), Ref: r.ID,
					Message: r.ID + " (" + r.Account + ") was decided " + r.Decided.String() + ", past the SLA"})
			}
		}
		expires := r.ExpiresOn(protection)
		switch {
		case r.Status == RegWon && w.Contains(r.Closed):
			out.Won = append(out.Won, r)
		case r.Status == RegLost && w.Contains(r.Closed):
			out.Lost = append(out.Lost, r)
		case r.Status == RegExpired && w.Contains(r.Closed):
			out.Lapsed = append(out.Lapsed, r)
		case r.Status == RegApproved && !expires.IsZero() && w.Contains(expires.AddDays(1)):
			out.Lapsed = append(out.Lapsed, r)
		}
		if (r.Status == RegWon || r.Status == RegLost || r.Status == RegExpired) && w.Contains(r.Closed) &&
			!r.Decided.IsZero() && !expires.IsZero() && expires.Sub(r.Closed) <= cfg.Flags.RegistrationExpiryWarningDays {
			kind := FlagRegistrationExpiring
			if r.Closed.After(expires) {
				kind = FlagRegistrationLapsed
			}
			out.Cleared = append(out.Cleared, Flag{Kind: kind, Partner: r.Partner, Owner: regOwner(r), Ref: r.ID,
				Message: r.ID + " (" + r.Account + ") was marked " + string(r.Status) + " " + r.Closed.String()})
		}
	}
	bySubmitted := func(a, b Registration) int {
		return cmp.Or(a.Submitted.Sub(b.Submitted), strings.Compare(a.ID, b.ID))
	}
	byDecided := func(a, b Registration) int { return cmp.Or(a.Decided.Sub(b.Decided), strings.Compare(a.ID, b.ID)) }
	byClosed := func(a, b Registration) int { return cmp.Or(a.Closed.Sub(b.Closed), strings.Compare(a.ID, b.ID)) }
	slices.SortFunc(out.Submitted, bySubmitted)
	slices.SortFunc(out.Decided, byDecided)
	slices.SortFunc(out.Won, byClosed)
	slices.SortFunc(out.Lost, byClosed)
	slices.SortFunc(out.Lapsed, func(a, b Registration) int {
		return cmp.Or(lapsedOn(a, protection).Sub(lapsedOn(b, protection)), strings.Compare(a.ID, b.ID))
	})

	byPartner := map[string]int{}
	for _, t := range in.Touchpoints {
		if !w.Contains(t.Date) {
			continue
		}
		k := NameKey(t.Partner)
		i, ok := byPartner[k]
		if !ok {
			i = len(out.Touches)
			byPartner[k] = i
			out.Touches = append(out.Touches, PartnerTouches{Partner: t.Partner})
		}
		if t.Direction == Inbound {
			out.Touches[i].Inbound++
		} else {
			out.Touches[i].Outbound++
		}
	}
	keys := make(map[string]string, len(out.Touches))
	for k, i := range byPartner {
		keys[out.Touches[i].Partner] = k
	}
	slices.SortFunc(out.Touches, func(a, b PartnerTouches) int {
		return cmp.Or(cmp.Compare(b.Inbound+b.Outbound, a.Inbound+a.Outbound), strings.Compare(keys[a.Partner], keys[b.Partner]))
	})

	tiers := make(map[string]int, len(in.Partners))
	for _, p := range in.Partners {
		tiers[NameKey(p.Partner.Name)] = p.Partner.Tier
	}
	for _, f := range in.Flags {
		if on, ok := RaisedOn(f, in.Today, cfg, tiers[NameKey(f.Partner)]); ok && w.Contains(on) {
			out.Raised = append(out.Raised, f)
		}
	}
	for _, a := range in.Actions {
		if a.Open() || !w.Contains(a.Done) {
			continue
		}
		out.Done = append(out.Done, a)
		if !a.Due.IsZero() && a.Done.After(a.Due) {
			out.Cleared = append(out.Cleared, Flag{Kind: FlagActionOverdue, Owner: a.Owner, Ref: a.ID,
				Message: "“" + a.Text + "” was done " + a.Done.String() + ", due " + a.Due.String()})
		}
	}
	slices.SortFunc(out.Done, func(a, b ActionItem) int { return cmp.Or(a.Done.Sub(b.Done), strings.Compare(a.ID, b.ID)) })
	slices.SortStableFunc(out.Cleared, func(a, b Flag) int { return a.Kind.Severity() - b.Kind.Severity() })
	return out
}

// lapsedOn is the day a registration's protection ran out: its closed date
// when it was marked expired, else the day after it expires.
func lapsedOn(r Registration, protection int) Date {
	if r.Status == RegExpired {
		return r.Closed
	}
	return r.ExpiresOn(protection).AddDays(1)
}

// RaisedOn returns the first day a flag in force today stood, from its
// Days (§4) and the config's thresholds; tier is the flag's partner's tier,
// used by silent_partner. It reports false for a kind whose first day its
// Days cannot tell (registration_conflict, meeting_unprepared).
//
//   - silent_partner: the day the days since the last inbound touch reached
//     the tier's threshold (today − Days + threshold).
//   - registration_overdue: the first business day on which the business
//     days pending exceeded the SLA.
//   - registration_expiring: the day expires came within the warning
//     (today + Days − warning).
//   - registration_lapsed: the day after expires (today − Days + 1).
//   - intro_unregistered: the first day the intro was older than the
//     registration days (today − Days + intro_registration_days + 1).
//   - meeting_missed: the meeting's date (today − Days).
//   - action_overdue: the day after it was due (today − Days + 1).
func RaisedOn(f Flag, today Date, cfg *Config, tier int) (Date, bool) {
	fl := cfg.Flags
	switch f.Kind {
	case FlagSilentPartner:
		if tier < 1 || tier > 3 {
			return Date{}, false
		}
		return today.AddDays(-f.Days + fl.SilentAfterDays[tier]), true
	case FlagRegistrationOverdue:
		// Walk back over the business days counted past the SLA.
		d, extra := today, f.Days-fl.RegistrationSLABusinessDays-1
		for extra > 0 {
			d = d.AddDays(-1)
			if cfg.Holidays.BusinessDay(d) {
				extra--
			}
		}
		return d, true
	case FlagRegistrationExpiring:
		return today.AddDays(f.Days - fl.RegistrationExpiryWarningDays), true
	case FlagRegistrationLapsed, FlagActionOverdue:
		return today.AddDays(-f.Days + 1), true
	case FlagIntroUnregistered:
		return today.AddDays(-f.Days + fl.IntroRegistrationDays + 1), true
	case FlagMeetingMissed:
		return today.AddDays(-f.Days), true
	}
	return Date{}, false
}

// SortActions sorts action items by due date (undated last), then ID: the
// one order in which every list of actions is shown.
func SortActions(items []ActionItem) {
	slices.SortFunc(items, func(a, b ActionItem) int {
		switch {
		case a.Due != b.Due && a.Due.IsZero():
			return 1
		case a.Due != b.Due && b.Due.IsZero():
			return -1
		case a.Due != b.Due:
			return a.Due.Sub(b.Due)
		}
		return strings.Compare(a.ID, b.ID)
	})
}
