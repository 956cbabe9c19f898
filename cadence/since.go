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

// SinceShown is how many entries of one kind of change an agenda lists
// before it counts the rest ("… and N more"). A pipeline review's changes
// are thousands: SinceInput.Limit keeps only these.
const SinceShown = 20

// ChangeCounts counts entries of each list of Changes.
type ChangeCounts struct {
	Submitted, Decided, Won, Lost, Lapsed, Touches, Raised, Cleared, Done int
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
	// Omitted counts, per list, the entries after the first SinceInput.Limit
	// that the list leaves out: a list's own length plus its Omitted is how
	// many there are.
	Omitted ChangeCounts
}

// Empty reports whether nothing changed.
func (c Changes) Empty() bool {
	return len(c.Submitted)+len(c.Decided)+len(c.Won)+len(c.Lost)+len(c.Lapsed)+
		len(c.Touches)+len(c.Raised)+len(c.Cleared)+len(c.Done) == 0 && c.Omitted == (ChangeCounts{})
}

// Counts returns how many entries each list has, those omitted included.
func (c Changes) Counts() ChangeCounts {
	o := c.Omitted
	return ChangeCounts{
		Submitted: len(c.Submitted) + o.Submitted, Decided: len(c.Decided) + o.Decided,
		Won: len(c.Won) + o.Won, Lost: len(c.Lost) + o.Lost, Lapsed: len(c.Lapsed) + o.Lapsed,
		Touches: len(c.Touches) + o.Touches, Raised: len(c.Raised) + o.Raised,
		Cleared: len(c.Cleared) + o.Cleared, Done: len(c.Done) + o.Done,
	}
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
	// Limit, above 0, keeps the first Limit entries of each list, in the
	// list's order, and counts the others in Changes.Omitted (SinceShown for
	// an agenda that lists no more). 0 keeps them all.
	Limit int
}

// firstOf keeps the first limit of the items it is given in cmp's order
// (all of them when limit is 0) and counts them all: the few an agenda
// lists of thousands are picked without sorting the thousands. cmp must be
// a total order.
type firstOf[T any] struct {
	cmp   func(a, b T) int
	limit int
	kept  []T
	count int
}

func (f *firstOf[T]) add(x T) {
	f.count++
	if f.limit <= 0 {
		f.kept = append(f.kept, x)
		return
	}
	if len(f.kept) == f.limit && f.cmp(x, f.kept[f.limit-1]) >= 0 {
		return
	}
	at, _ := slices.BinarySearchFunc(f.kept, x, f.cmp)
	f.kept = slices.Insert(f.kept, at, x)
	if len(f.kept) > f.limit {
		f.kept = f.kept[:f.limit]
	}
}

// sorted returns the kept items in order and how many were left out.
func (f *firstOf[T]) sorted() ([]T, int) {
	if f.limit <= 0 {
		slices.SortFunc(f.kept, f.cmp)
	}
	return f.kept, f.count - len(f.kept)
}

// registrations returns the kept registrations as values.
func registrations(f *firstOf[*Registration]) ([]Registration, int) {
	kept, omitted := f.sorted()
	if len(kept) == 0 {
		return nil, omitted
	}
	out := make([]Registration, len(kept))
	for i, r := range kept {
		out[i] = *r
	}
	return out, omitted
}

// SinceLastTime lists what changed during in.Window, by these rules (a day
// "in the window" is one of SinceWindow.From…To, both included):
//
//   - Submitted: registrations submitted in the window (any status now),
//     by submitted date, then ID.
//   - Decided: registrations decided (approved or rejected) in the window,
//     by decided date, then ID.
//   - Won, Lost: registrations won or lost with closed in the window, by
//     closed date, then ID.
//   - Lapsed: registrations whose protection ran out in the window: status
//     expired with closed in the window, or still approved with the day
//     after expires (the first day the registration_lapsed flag stands) in
//     the window; by that day, then ID.
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
//     Days is 0 and whose Message says what answered it; most severe
//     first, then in the order of in.Registrations and in.Actions.
//   - Done: action items done in the window, by done date then ID.
//
// With in.Limit each list keeps its first in.Limit entries (see
// SinceInput.Limit). With no previous meeting (Window.First) it returns no
// changes.
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
	// The partners by NameKey, made when first asked: a pipeline review's
	// thousands are asked about only for the few changes it lists.
	var partners map[string]*Partner
	partner := func(name string) *Partner {
		if partners == nil {
			partners = make(map[string]*Partner, len(in.Partners))
			for i := range in.Partners {
				partners[NameKey(in.Partners[i].Partner.Name)] = &in.Partners[i].Partner
			}
		}
		return partners[NameKey(name)]
	}
	regOwner := func(r *Registration) string {
		if strings.TrimSpace(r.Owner) != "" {
			return r.Owner
		}
		if p := partner(r.Partner); p != nil {
			return p.Owner
		}
		return ""
	}
	limit := in.Limit
	byID := func(a, b *Registration) int { return strings.Compare(a.ID, b.ID) }
	byClosed := func(a, b *Registration) int { return cmp.Or(a.Closed.Sub(b.Closed), byID(a, b)) }
	submitted := firstOf[*Registration]{limit: limit, cmp: func(a, b *Registration) int { return cmp.Or(a.Submitted.Sub(b.Submitted), byID(a, b)) }}
	decided := firstOf[*Registration]{limit: limit, cmp: func(a, b *Registration) int { return cmp.Or(a.Decided.Sub(b.Decided), byID(a, b)) }}
	won := firstOf[*Registration]{limit: limit, cmp: byClosed}
	lost := firstOf[*Registration]{limit: limit, cmp: byClosed}
	lapsed := firstOf[*Registration]{limit: limit, cmp: func(a, b *Registration) int {
		return cmp.Or(lapsedOn(*a, protection).Sub(lapsedOn(*b, protection)), byID(a, b))
	}}
	// A cleared flag is made (its message written) only when it is kept.
	type answered struct {
		seq    int // in the order of the registrations, then the actions
		kind   FlagKind
		reg    *Registration
		action *ActionItem
	}
	cleared := firstOf[answered]{limit: limit, cmp: func(a, b answered) int {
		return cmp.Or(a.kind.Severity()-b.kind.Severity(), a.seq-b.seq)
	}}
	clear := func(kind FlagKind, r *Registration, a *ActionItem) {
		cleared.add(answered{seq: cleared.count, kind: kind, reg: r, action: a})
	}
	for i := range in.Registrations {
		r := &in.Registrations[i]
		if w.Contains(r.Submitted) {
			submitted.add(r)
		}
		if w.Contains(r.Decided) && r.Status != RegSubmitted {
			decided.add(r)
			// No more business days than calendar days: most decisions
			// are told in time without counting them.
			if sla := cfg.Flags.RegistrationSLABusinessDays; r.Decided.Sub(r.Submitted) > sla && cfg.Holidays.BusinessDaysAfter(r.Submitted, r.Decided) > sla {
				clear(FlagRegistrationOverdue, r, nil)
			}
		}
		closed := (r.Status == RegWon || r.Status == RegLost || r.Status == RegExpired) && w.Contains(r.Closed)
		if !closed && r.Status != RegApproved {
			continue
		}
		expires := r.ExpiresOn(protection)
		switch {
		case r.Status == RegWon && closed:
			won.add(r)
		case r.Status == RegLost && closed:
			lost.add(r)
		case r.Status == RegExpired && closed:
			lapsed.add(r)
		case r.Status == RegApproved && !expires.IsZero() && w.Contains(expires.AddDays(1)):
			lapsed.add(r)
		}
		if closed && !r.Decided.IsZero() && !expires.IsZero() && expires.Sub(r.Closed) <= cfg.Flags.RegistrationExpiryWarningDays {
			kind := FlagRegistrationExpiring
			if r.Closed.After(expires) {
				kind = FlagRegistrationLapsed
			}
			clear(kind, r, nil)
		}
	}
	o := &out.Omitted
	out.Submitted, o.Submitted = registrations(&submitted)
	out.Decided, o.Decided = registrations(&decided)
	out.Won, o.Won = registrations(&won)
	out.Lost, o.Lost = registrations(&lost)
	out.Lapsed, o.Lapsed = registrations(&lapsed)

	byPartner := map[string]int{}
	var touches []PartnerTouches
	var keys []string // each partner's NameKey, as touches
	for _, t := range in.Touchpoints {
		if !w.Contains(t.Date) {
			continue
		}
		k := NameKey(t.Partner)
		i, ok := byPartner[k]
		if !ok {
			i = len(touches)
			byPartner[k] = i
			touches = append(touches, PartnerTouches{Partner: t.Partner})
			keys = append(keys, k)
		}
		if t.Direction == Inbound {
			touches[i].Inbound++
		} else {
			touches[i].Outbound++
		}
	}
	byTouches := firstOf[int]{limit: limit, cmp: func(a, b int) int {
		x, y := &touches[a], &touches[b]
		return cmp.Or(cmp.Compare(y.Inbound+y.Outbound, x.Inbound+x.Outbound), strings.Compare(keys[a], keys[b]))
	}}
	for i := range touches {
		byTouches.add(i)
	}
	kept, omitted := byTouches.sorted()
	for _, i := range kept {
		out.Touches = append(out.Touches, touches[i])
	}
	o.Touches = omitted

	for _, f := range in.Flags {
		tier := 0
		if f.Kind == FlagSilentPartner {
			if p := partner(f.Partner); p != nil {
				tier = p.Tier
			}
		}
		if on, ok := RaisedOn(f, in.Today, cfg, tier); ok && w.Contains(on) {
			if limit > 0 && len(out.Raised) == limit {
				o.Raised++
				continue
			}
			out.Raised = append(out.Raised, f)
		}
	}
	done := firstOf[*ActionItem]{limit: limit, cmp: func(a, b *ActionItem) int {
		return cmp.Or(a.Done.Sub(b.Done), strings.Compare(a.ID, b.ID))
	}}
	for i := range in.Actions {
		a := &in.Actions[i]
		if a.Open() || !w.Contains(a.Done) {
			continue
		}
		done.add(a)
		if !a.Due.IsZero() && a.Done.After(a.Due) {
			clear(FlagActionOverdue, nil, a)
		}
	}
	actions, omitted := done.sorted()
	for _, a := range actions {
		out.Done = append(out.Done, *a)
	}
	o.Done = omitted
	answers, omitted := cleared.sorted()
	for _, c := range answers {
		var f Flag
		switch r, a := c.reg, c.action; {
		case a != nil:
			f = Flag{Kind: c.kind, Owner: a.Owner, Ref: a.ID,
				Message: "“" + a.Text + "” was done " + a.Done.String() + ", due " + a.Due.String()}
		case c.kind == FlagRegistrationOverdue:
			f = Flag{Kind: c.kind, Partner: r.Partner, Owner: regOwner(r), Ref: r.ID,
				Message: r.ID + " (" + r.Account + ") was decided " + r.Decided.String() + ", past the SLA"}
		default:
			f = Flag{Kind: c.kind, Partner: r.Partner, Owner: regOwner(r), Ref: r.ID,
				Message: r.ID + " (" + r.Account + ") was marked " + string(r.Status) + " " + r.Closed.String()}
		}
		out.Cleared = append(out.Cleared, f)
	}
	o.Cleared = omitted
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
