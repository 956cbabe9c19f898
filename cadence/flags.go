package cadence

import (
	"cmp"
	"hash/maphash"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Flags computes every flag of §4 at in.Now, sorted most severe kind first,
// then most days first, then by ref.
//
// A flag nobody owns by the rules of §4 (a partner or registration with no
// owner, an action with none) goes to the head: somebody must act on it.
func Flags(in FlagInput) []Flag {
	cfg := configOrDefault(in.Config)
	x := in.Index
	if !x.of(in.Partners, in.Open) {
		x = NewFlagIndex(in.Partners, in.Open)
	}
	fc := &flagContext{
		cfg: cfg, now: in.Now, today: cfg.Today(in.Now),
		partners: in.Partners, names: x.names, byName: x.byName,
	}
	byAccount := x.accounts

	var out []Flag
	out = fc.silentPartners(out, in.Partners)
	out = fc.registrations(out, in.Open)
	out = fc.conflicts(out, in.Open, byAccount)
	out = fc.intros(out, in.Intros, in.Open, byAccount)
	out = fc.missedMeetings(out, in.Partners, in.Records, in.Series)
	out = fc.overdueActions(out, in.Actions)
	out = fc.unprepared(out, in.Partners, in.Records, in.Series)
	SortFlags(out)
	return out
}

// keyList holds the keys of many names in one string: a few allocations
// rather than one per name.
type keyList struct {
	all  strings.Builder // grows without zeroing, and String does not copy
	ends []int32         // where each key ends in all
}

// newKeyList returns a list with room for n keys of names of a usual length.
func newKeyList(n int) *keyList {
	l := &keyList{ends: make([]int32, 0, n)}
	l.all.Grow(24 * n)
	return l
}

func (l *keyList) appendKey(s string) {
	var buf [64]byte
	l.all.Write(appendKey(buf[:0], s))
	l.ends = append(l.ends, int32(l.all.Len()))
}

func (l *keyList) len() int { return len(l.ends) }

// at returns the i-th key appended.
func (l *keyList) at(i int) string {
	start := int32(0)
	if i > 0 {
		start = l.ends[i-1]
	}
	return l.all.String()[start:l.ends[i]]
}

// keyIndex finds the keys of a keyList by their text. It is a map from key
// to position without the map: a table of positions, a quarter the size of
// a map[string]int and with no pointers for the garbage collector to
// follow. The flags build two on every call (5,000 partners and 3,000
// registrations on the large demo), and their garbage was what set the pace
// of collection.
type keyIndex struct {
	keys  *keyList
	seed  maphash.Seed
	slots []int32 // 1 + the position of the key that took the slot; 0 when empty
}

func newKeyIndex(keys *keyList) *keyIndex {
	size := 8
	for size < 2*keys.len() { // at most half full, so that probes stay short
		size *= 2
	}
	return &keyIndex{keys: keys, seed: maphash.MakeSeed(), slots: make([]int32, size)}
}

// slot returns the slot of key: the one holding it, or the empty one where
// it goes.
func (x *keyIndex) slot(key string) *int32 {
	mask := uint64(len(x.slots) - 1)
	for h := maphash.String(x.seed, key) & mask; ; h = (h + 1) & mask {
		if s := &x.slots[h]; *s == 0 || x.keys.at(int(*s-1)) == key {
			return s
		}
	}
}

// find returns the position that holds key.
func (x *keyIndex) find(key string) (int, bool) {
	s := *x.slot(key)
	return int(s - 1), s != 0
}

// SortFlags sorts flags the way Flags returns them: most severe kind first,
// then most days first, then by ref (then partner and message, so that the
// order never depends on the input's).
func SortFlags(flags []Flag) {
	slices.SortStableFunc(flags, func(a, b Flag) int {
		// Compared one key at a time (cmp.Or would work out every key of
		// every pair), and most pairs are of the same kind.
		if a.Kind != b.Kind {
			if c := cmp.Compare(a.Kind.Severity(), b.Kind.Severity()); c != 0 {
				return c
			}
		}
		if c := cmp.Compare(b.Days, a.Days); c != 0 {
			return c
		}
		if c := strings.Compare(a.Ref, b.Ref); c != 0 {
			return c
		}
		if c := strings.Compare(a.Partner, b.Partner); c != 0 {
			return c
		}
		return strings.Compare(a.Message, b.Message)
	})
}

// FlagsFor returns the flags owned by member (names compared
// case-insensitively), in their order.
func FlagsFor(flags []Flag, member string) []Flag {
	k := NameKey(member)
	var out []Flag
	for _, f := range flags {
		if NameKey(f.Owner) == k {
			out = append(out, f)
		}
	}
	return out
}

// CountByKind counts flags by kind; kinds with no flag are absent.
func CountByKind(flags []Flag) map[FlagKind]int {
	out := make(map[FlagKind]int)
	for _, f := range flags {
		out[f.Kind]++
	}
	return out
}

type flagContext struct {
	cfg      *Config
	now      time.Time
	today    Date
	partners []PartnerActivity
	names    *keyList  // the partners' NameKeys, by index
	byName   *keyIndex // a partner's NameKey → its index in partners (the last of equal keys)
}

// FlagIndex is what the flags work out from the partners and the open
// registrations alone: every partner's name and every registration's account
// as keys (NameKey, AccountKey) and the lookups on them. Building it is
// about half the work of Flags on the large demo (§10), so a caller that
// computes the flags again over the same data keeps it (FlagInput.Index).
// It is not changed after it is built and may be shared.
type FlagIndex struct {
	partners []PartnerActivity // what it was built from
	open     []Registration
	names    *keyList  // the partners' NameKeys, by index
	byName   *keyIndex // a partner's NameKey → its index in partners (the last of equal keys)
	accounts accountIndex
}

// NewFlagIndex indexes partners and open, which must not change while the
// index is in use.
func NewFlagIndex(partners []PartnerActivity, open []Registration) *FlagIndex {
	names := newKeyList(len(partners))
	for i := range partners {
		names.appendKey(partners[i].Partner.Name)
	}
	x := &FlagIndex{partners: partners, open: open, names: names, byName: newKeyIndex(names), accounts: newAccountIndex(open)}
	for i := range names.len() {
		*x.byName.slot(names.at(i)) = int32(i + 1) // the last of equal keys wins
	}
	return x
}

// of reports whether x was built from these very slices.
func (x *FlagIndex) of(partners []PartnerActivity, open []Registration) bool {
	return x != nil && sameSlice(x.partners, partners) && sameSlice(x.open, open)
}

func sameSlice[T any](a, b []T) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// partner returns the partner named name as stored, or a partner with just
// that name when it is unknown.
func (fc *flagContext) partner(name string) Partner {
	if i, ok := fc.byName.find(NameKey(name)); ok {
		return fc.partners[i].Partner
	}
	return Partner{Name: name}
}

// owner returns the first non-empty name, else the head.
func (fc *flagContext) owner(names ...string) string {
	for _, n := range names {
		if strings.TrimSpace(n) != "" {
			return n
		}
	}
	return fc.cfg.Head()
}

func (fc *flagContext) money(amount int64) string { return FormatMoney(amount, fc.cfg.Currency) }

// quantity writes n with its unit. Like the messages, it concatenates
// rather than calling fmt.Sprintf: a call writes a few hundred messages, and
// Sprintf took a tenth of the flags' time on the large demo (§10).
func quantity(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// silentPartners raises silent_partner. It counts from the last inbound
// touch (a submitted registration counts, see PartnerActivity), else from the
// partner's joined date; a partner with neither has nothing to count from
// and is not flagged. A tier outside 1–3, or a threshold below 1, raises
// nothing.
func (fc *flagContext) silentPartners(out []Flag, partners []PartnerActivity) []Flag {
	for i := range partners {
		pa := &partners[i]
		p := &pa.Partner
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
			Message: p.Name + " (tier " + strconv.Itoa(p.Tier) + ") has been silent for " + quantity(days, "day", "days") +
				" since " + since + " " + from.String() + " (tier " + strconv.Itoa(p.Tier) + " threshold: " +
				strconv.Itoa(threshold) + " days): reach out to " + who + ".",
		})
	}
	return out
}

// registrations raises registration_overdue, registration_expiring and
// registration_lapsed. Most open registrations raise nothing: the partner
// and the message are looked up and written only for those that do.
func (fc *flagContext) registrations(out []Flag, open []Registration) []Flag {
	fl := fc.cfg.Flags
	for i := range open {
		r := &open[i]
		var kind FlagKind
		var days int
		var exp Date
		switch r.Status {
		case RegSubmitted:
			// Holidays only take days off: most pending registrations
			// are within the SLA counting weekdays alone.
			if weekdaysAfter(r.Submitted, fc.today) <= fl.RegistrationSLABusinessDays {
				continue
			}
			days = fc.cfg.Holidays.BusinessDaysAfter(r.Submitted, fc.today)
			if days <= fl.RegistrationSLABusinessDays {
				continue
			}
			kind = FlagRegistrationOverdue
		case RegApproved:
			exp = r.ExpiresOn(fl.RegistrationProtectionDays)
			if exp.IsZero() {
				continue
			}
			switch left := exp.Sub(fc.today); {
			case left < 0:
				kind, days = FlagRegistrationLapsed, -left
			case left <= fl.RegistrationExpiryWarningDays:
				kind, days = FlagRegistrationExpiring, left
			default:
				continue
			}
		default:
			continue
		}
		p := fc.partner(r.Partner)
		f := Flag{Kind: kind, Partner: p.Name, Owner: fc.owner(r.Owner, p.Owner), Ref: r.ID, Days: days, Date: exp}
		if kind == FlagRegistrationOverdue {
			f.Date = r.Submitted
		}
		what := Possessive(p.Name) + " registration " + r.ID + " for " + r.Account + " (" + fc.money(r.Amount) + ")"
		switch kind {
		case FlagRegistrationOverdue:
			f.Message = what + " has waited " + quantity(days, "business day", "business days") + " for a decision since " +
				r.Submitted.String() + " (SLA: " + strconv.Itoa(fl.RegistrationSLABusinessDays) + "): approve or reject it."
		case FlagRegistrationLapsed:
			f.Message = what + " lost its protection " + quantity(days, "day", "days") + " ago (" + exp.String() +
				") with no outcome recorded: mark it won, lost or expired, or extend it."
		case FlagRegistrationExpiring:
			when := "today"
			if days > 0 {
				when = "in " + quantity(days, "day", "days")
			}
			f.Message = what + " loses its protection " + when + " (" + exp.String() + "): push the deal to an outcome or extend it."
		}
		out = append(out, f)
	}
	return out
}

// accountIndex finds the open registrations of an account (AccountKey),
// for the conflicts and the intros. It keys each registration once, and
// chains an account's registrations rather than keep a slice per account:
// nearly every account has one, and the large demo has 3,000 open.
type accountIndex struct {
	keys  *keyList  // the AccountKey of each registration, by index
	first *keyIndex // an account key → its first registration
	heads []int32   // the first registration of each account, in order
	next  []int32   // a registration → the next of its account, or -1
}

func newAccountIndex(open []Registration) accountIndex {
	keys := newKeyList(len(open))
	for i := range open {
		keys.appendKey(open[i].Account)
	}
	n := keys.len()
	x := accountIndex{keys: keys, first: newKeyIndex(keys), heads: make([]int32, 0, n), next: make([]int32, n)}
	last := make([]int32, n) // of an account's first registration: its last
	for i := range int32(n) {
		x.next[i] = -1
		s := x.first.slot(keys.at(int(i)))
		if *s != 0 {
			f := *s - 1
			x.next[last[f]], last[f] = i, i
			continue
		}
		*s, last[i] = i+1, i
		x.heads = append(x.heads, i)
	}
	return x
}

// conflicts raises registration_conflict: open registrations that name the
// same account (AccountKey) from two or more partners (NameKey). Every open
// registration of such an account is flagged, including a partner's second
// one for it. Registrations with no account name are never grouped.
func (fc *flagContext) conflicts(out []Flag, open []Registration, byAccount accountIndex) []Flag {
	type group struct {
		first int // the group's first registration, which orders the groups
		regs  []Registration
	}
	var groups []group
	for _, f := range byAccount.heads {
		if byAccount.keys.at(int(f)) == "" || byAccount.next[f] < 0 {
			continue // no account name, or a single registration
		}
		g := group{first: -1}
		for i := f; i >= 0; i = byAccount.next[i] {
			if open[i].Status.Open() {
				if g.first < 0 {
					g.first = int(i)
				}
				g.regs = append(g.regs, open[i])
			}
		}
		if len(g.regs) > 1 {
			groups = append(groups, g)
		}
	}
	slices.SortFunc(groups, func(a, b group) int { return a.first - b.first })
	for _, gr := range groups {
		g := gr.regs
		partner := NameKey(g[0].Partner)
		if !slices.ContainsFunc(g[1:], func(r Registration) bool { return NameKey(r.Partner) != partner }) {
			continue
		}
		for _, r := range g {
			p := fc.partner(r.Partner)
			var others []string
			for _, o := range g {
				if o.ID != r.ID {
					others = append(others, fc.partner(o.Partner).Name+" ("+o.ID+", "+string(o.Status)+")")
				}
			}
			slices.Sort(others)
			out = append(out, Flag{
				Kind: FlagRegistrationConflict, Partner: p.Name, Owner: fc.owner(r.Owner, p.Owner), Ref: r.ID, Date: r.Submitted,
				Message: Possessive(p.Name) + " registration " + r.ID + " for " + r.Account + " (" + fc.money(r.Amount) + ", " +
					string(r.Status) + ") clashes with " + strings.Join(others, ", ") + ": decide which partner owns the deal.",
			})
		}
	}
	return out
}

// intros raises intro_unregistered for intros older than
// intro_registration_days and no older than intro_lookback_days. An intro that an open registration of the same partner and account
// answers is skipped even if the store's summary still lists it. The
// intros of one partner and account (and two whose partner and account
// have the same ID form) make one flag, for the latest of them in that
// window: an account introduced again is counted, and dated, from the
// re-introduction.
func (fc *flagContext) intros(out []Flag, intros []Intro, open []Registration, byAccount accountIndex) []Flag {
	answered := func(in Intro) bool {
		f, ok := byAccount.first.find(AccountKey(in.Account))
		if !ok {
			return false
		}
		partner := NameKey(in.Partner)
		for i := int32(f); i >= 0; i = byAccount.next[i] {
			if NameKey(open[i].Partner) == partner {
				return true
			}
		}
		return false
	}
	seen := make(map[string]int) // ref → index in out
	for _, in := range intros {
		if in.Date.IsZero() {
			continue
		}
		days := fc.today.Sub(in.Date)
		if days <= fc.cfg.Flags.IntroRegistrationDays || days > fc.cfg.Flags.IntroLookbackDays || answered(in) {
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
			Message: p.Name + " introduced " + in.Account + " " + quantity(days, "day", "days") + " ago (" + in.Date.String() + by +
				") and there is no registration for it: ask " + p.Name + " to register the deal.",
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
func (fc *flagContext) missedMeetings(out []Flag, partners []PartnerActivity, records map[string]MeetingRecord, series []string) []Flag {
	lookback := fc.cfg.Flags.MissedLookbackDays
	if lookback < 0 {
		return out
	}
	from := fc.today.AddDays(-lookback)
	// Nearly every occurrence of the window was held, skipped or
	// cancelled: the schedule leaves those out without building them.
	s := fc.cfg.schedule()
	s.unsettledOnly = true
	// Then it reads the partners only for their QBRs: the eligible
	// partners' when a QBR window ends in the lookback, and the partners of
	// unsettled records', whatever their status now. Passing just these
	// partners, in their order, gives the same occurrences as passing every
	// partner, without copying thousands of them.
	qbrsDue, _ := s.qbrsDue(from, fc.today)
	var recorded slugSet // partner slugs of unsettled QBR records
	for id, rec := range records {
		if slug, ok := qbrSlug(id); ok && !rec.Status.Settled() {
			recorded.add(slug)
		}
	}
	var wanted []int
	for i := range partners {
		if len(qbrsDue) > 0 && fc.cfg.qbrEligible(partners[i].Partner) {
			wanted = append(wanted, i)
		} else if _, ok := recorded.match(fc.names.at(i)); ok { // a name's key has its slug
			wanted = append(wanted, i)
		}
	}
	ps := make([]Partner, len(wanted))
	for j, i := range wanted {
		ps[j] = partners[i].Partner
	}
	loc := fc.cfg.Location
	var only seriesFilter
	if len(series) > 0 {
		picked := make(map[string]bool, len(series))
		for _, s := range series {
			picked[s] = true
		}
		only = func(s string) bool { return picked[s] }
	}
	for _, o := range s.occurrences(from, fc.today, only, ps, records) {
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
			msg = title + " was due by " + o.Date.String() + " (" + quantity(days, "day", "days") +
				" ago) and was never scheduled or held: schedule it, or mark it skipped or cancelled."
		} else {
			msg = title + " on " + o.Date.Weekday().String()[:3] + " " + o.Date.String() + " (" + quantity(days, "day", "days") +
				" ago) has no record of being held: mark it held, skipped or cancelled, or reschedule it."
		}
		out = append(out, Flag{
			Kind: FlagMeetingMissed, Partner: fc.partner(o.Partner).Name, Owner: fc.owner(missedOwner(o, fc.partner(o.Partner))),
			Ref: o.ID, Days: days, Date: o.Date, Message: msg,
		})
	}
	return out
}

// unprepared raises meeting_unprepared: a 1:1, or a QBR with a time, that
// takes place, starts after now and at most prep_hours after it, and has
// no talking points. Only the records of the coming days are looked at,
// and a QBR has a time only through its record, so the partners passed on
// are just those of the QBR records with a time in those days.
func (fc *flagContext) unprepared(out []Flag, partners []PartnerActivity, records map[string]MeetingRecord, series []string) []Flag {
	hours := fc.cfg.Flags.PrepHours
	if hours <= 0 {
		return out
	}
	loc := fc.cfg.Location
	until := fc.now.Add(time.Duration(hours) * time.Hour)
	from, to := fc.today, DateIn(until, loc)
	// Only the records of the coming days matter: a 1:1's by the date its
	// ID ends with, any by a time in the window. Picking them by their IDs'
	// text spares parsing the lookback's thousand others.
	lo, hi := from.String(), to.String()
	coming := map[string]MeetingRecord{}
	var qbrs slugSet
	for id, rec := range records {
		inWindow := !rec.At.IsZero() && !rec.At.Before(fc.now) && !rec.At.After(until)
		if slug, ok := qbrSlug(id); ok && inWindow {
			qbrs.add(slug)
			coming[id] = rec
			continue
		}
		if d := id[max(len(id)-10, 0):]; inWindow || strings.HasPrefix(id, string(KindOneOnOne)+"/") && d >= lo && d <= hi {
			coming[id] = rec
		}
	}
	records = coming
	var ps []Partner
	if qbrs.n > 0 {
		for i := range partners {
			if _, ok := qbrs.match(fc.names.at(i)); ok {
				ps = append(ps, partners[i].Partner)
			}
		}
	}
	picked := make(map[string]bool, len(series))
	for _, s := range series {
		picked[s] = true
	}
	only := func(s string) bool {
		if len(picked) > 0 && !picked[s] {
			return false
		}
		return strings.HasPrefix(s, string(KindOneOnOne)+"/") || strings.HasPrefix(s, string(KindQBR)+"/")
	}
	for _, o := range fc.cfg.schedule().occurrences(from, to, only, ps, records) {
		if !o.Scheduled() || !o.TakesPlace() || !o.Start.After(fc.now) || o.Start.After(until) {
			continue
		}
		if o.Record != nil && strings.TrimSpace(o.Record.TalkingPoints) != "" {
			continue
		}
		left := int(o.Start.Sub(fc.now) / time.Hour)
		when := "within the hour"
		if left > 0 {
			when = "in " + quantity(left, "hour", "hours")
		}
		owner := o.Member
		partner := ""
		if o.Kind == KindQBR {
			p := fc.partner(o.Partner)
			owner, partner = p.Owner, p.Name
		}
		start := o.Start.In(loc)
		out = append(out, Flag{
			Kind: FlagMeetingUnprepared, Partner: partner, Owner: fc.owner(owner), Ref: o.ID, Days: left, Date: DateOf(start),
			Message: o.Title + " on " + start.Weekday().String()[:3] + " " + DateOf(start).String() + " at " + start.Format("15:04") +
				" (" + when + ") has no talking points: write what to cover before it starts.",
		})
	}
	return out
}

// overdueActions raises action_overdue. An action that came from a QBR
// carries that QBR's partner.
func (fc *flagContext) overdueActions(out []Flag, actions []ActionItem) []Flag {
	var overdue []ActionItem
	var qbrs slugSet // the partner slugs of the overdue actions' QBRs
	for _, a := range actions {
		if !a.Open() || a.Due.IsZero() || !a.Due.Before(fc.today) {
			continue
		}
		overdue = append(overdue, a)
		if slug, ok := qbrSlug(a.Meeting); ok {
			qbrs.add(slug)
		}
	}
	qbrPartners := make(map[string]string, qbrs.n) // partner slug → name
	for i := range fc.partners {
		// A name's key has its slug, and the keys lie together in memory
		// where the names do not. The last of the partners of a slug
		// wins, as in the lookup by name.
		if slug, ok := qbrs.match(fc.names.at(i)); ok {
			qbrPartners[slug] = fc.partners[i].Partner.Name
		}
	}
	for _, a := range overdue {
		days := fc.today.Sub(a.Due)
		partner := ""
		if slug, ok := qbrSlug(a.Meeting); ok {
			partner = qbrPartners[slug]
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
			Message: whose + " action " + strconv.Quote(a.Text) + from + " was due " + a.Due.String() + " (" +
				quantity(days, "day", "days") + " ago): do it, or agree a new date.",
		})
	}
	return out
}

// qbrSlug returns the partner slug of a QBR's meeting ID.
func qbrSlug(meeting string) (string, bool) {
	rest, ok := strings.CutPrefix(meeting, qbrIDPrefix)
	if !ok {
		return "", false
	}
	slug, _, _ := strings.Cut(rest, "/")
	return slug, true
}

// Possessive returns the possessive form of a name: "Dana Cruz's",
// "Northwind Systems'".
func Possessive(name string) string {
	if strings.HasSuffix(name, "s") || strings.HasSuffix(name, "S") {
		return name + "'"
	}
	return name + "'s"
}

// missedOwner is who should act on a meeting that did not happen: the
// partner's owner for a QBR, the member for a 1:1 ("" falls to the head).
func missedOwner(o Occurrence, p Partner) string {
	if o.Kind == KindQBR {
		return p.Owner
	}
	return o.Member
}
