package cadence

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The seed's thresholds (head-of-partnerships-2026): partner motions break at
// about 15 to 25 active partners or 50 partner-led conversations a quarter
// without a full-time owner, and partner-sourced revenue at 5 to 10% of new
// ARR is where a dedicated head pays for itself.
const (
	WorkloadPartnersLow     = 15
	WorkloadPartnersHigh    = 25
	WorkloadConversations   = 50
	SourcedSharePercentLow  = 5
	SourcedSharePercentHigh = 10
)

const (
	// activeWindowDays is the window of "active partners": the 90 days
	// ending at the reference date, both ends included.
	activeWindowDays = 90
	qbrIDPrefix      = "qbr/"
)

// Level places a number against a band: below it, within it, or above it.
// The zero Level means there is nothing to place (no data).
type Level string

// The levels.
const (
	LevelBelow  Level = "below"
	LevelWithin Level = "within"
	LevelAbove  Level = "above"
)

// Deals is a sum of registration amounts and how many registrations make it.
type Deals struct {
	Amount int64
	Count  int
}

func (d *Deals) add(r Registration) {
	d.Amount += r.Amount
	d.Count++
}

// Split is a sum of registrations by attribution.
type Split struct {
	Sourced    Deals
	Influenced Deals
}

// Total returns sourced plus influenced.
func (s Split) Total() Deals {
	return Deals{Amount: s.Sourced.Amount + s.Influenced.Amount, Count: s.Sourced.Count + s.Influenced.Count}
}

func (s *Split) add(r Registration) {
	switch r.Attribution {
	case Sourced:
		s.Sourced.add(r)
	case Influenced:
		s.Influenced.add(r)
	}
}

// Ratio is Part out of Whole. When Whole is 0 there is no value: HasValue is
// false and Value is 0 (never NaN).
type Ratio struct {
	Part, Whole int
	Value       float64 // Part ÷ Whole, 0–1
	HasValue    bool
}

func newRatio(part, whole int) Ratio {
	r := Ratio{Part: part, Whole: whole}
	if whole > 0 {
		r.Value = float64(part) / float64(whole)
		r.HasValue = true
	}
	return r
}

// Coverage is the open partner pipeline against what is left of the
// quarter's partner revenue target.
type Coverage struct {
	Pipeline int64 // open pipeline, sourced and influenced
	Target   int64 // targets.partner_revenue; 0 means no target is set
	Won      int64 // sourced and influenced revenue won this quarter
	// Remaining is Target − Won; 0 or less once the target is met.
	Remaining int64
	// Ratio is Pipeline ÷ Remaining; HasRatio is false when nothing remains
	// or no target is set.
	Ratio    float64
	HasRatio bool
	// Met is true when a target is set and nothing of it remains.
	Met bool
	// Over is true when the quarter ended before today: coverage is a
	// question about what is left to win, asked only of the current
	// quarter, so a finished one has no ratio and is not "met".
	Over bool
}

// SourcedShare is partner-sourced revenue as a share of the quarter's new
// ARR target, placed against the seed's 5–10% band.
type SourcedShare struct {
	Sourced int64
	NewARR  int64 // targets.new_arr
	// Share is Sourced ÷ NewARR (0.05 is 5%); HasValue is false when no
	// new-ARR target is set.
	Share    float64
	HasValue bool
	// Band is below 5%, within 5–10% (both ends included), or above 10%;
	// "" when there is no value.
	Band Level
}

// Satisfaction is the mean satisfaction of the quarter's held QBRs that
// have a score.
type Satisfaction struct {
	Mean     float64 // 1–10
	Count    int     // QBRs it is the mean of
	HasValue bool    // false: no held QBR has a score ("no data", not 0)
}

// TimeToFirstDeal is the median number of days from a partner joining to its
// first won registration.
type TimeToFirstDeal struct {
	MedianDays float64 // x.5 when the count is even
	Count      int     // partners it is the median of
	HasValue   bool
	// From and To are the four quarters whose first wins are counted.
	From, To Date
}

// Workload places the quarter against the seed's workflow threshold: the
// point where a part-time owner can no longer keep up.
type Workload struct {
	ActivePartners int
	// Partners is below 15, within 15–25 (both ends included) or above 25.
	Partners      Level
	Conversations int
	// ConversationsLevel is below 50, or above from 50 on (the threshold
	// is reached).
	ConversationsLevel Level
	// Level is the overall verdict: above if either number is past its
	// threshold, within if active partners are in the band, else below.
	Level   Level
	Verdict string // one line
}

// KPIInput is everything the quarter's KPIs are computed from: summaries and
// bounded lists, never the whole history.
type KPIInput struct {
	Config  *Config
	Now     time.Time
	Quarter Quarter
	// Partners is every partner with its activity summary; LastTouch is as
	// of min(today, the quarter's last day).
	Partners []PartnerActivity
	// Engagement is what the KPIs read of more partners, counted with
	// Partners: a reader that holds several quarters (the readout's trend)
	// gives each past quarter's partners this way, a fifth of their size.
	Engagement []Engagement
	// Registrations holds every open registration, plus every one decided
	// or closed in Quarter (more is harmless: the KPIs pick by date).
	Registrations []Registration
	// Tally, when set, is the registrations as counted while they were
	// read (a reader that need not hold them); Registrations is then not
	// counted.
	Tally *RegistrationTally
	// Conversations counts touchpoints of kind call, meeting or intro dated
	// in the quarter (counted by the store).
	Conversations int
	// QBRs holds the QBR records whose ID names this quarter.
	QBRs []MeetingRecord
}

// KPIs are the quarter's numbers of §5, each with its target where one
// exists.
type KPIs struct {
	Quarter     Quarter
	First, Last Date // the quarter's first and last day
	// AsOf is the reference date: today, or the quarter's last day for a
	// quarter that is over.
	AsOf     Date
	Currency string

	// SourcedRevenue and InfluencedRevenue are the registrations won with
	// closed in the quarter, by attribution.
	SourcedRevenue    Deals
	InfluencedRevenue Deals
	// RevenueTarget is targets.partner_revenue: the goal for sourced plus
	// influenced revenue.
	RevenueTarget int64
	// OpenPipeline is every submitted or approved registration, now.
	OpenPipeline Split
	Coverage     Coverage
	SourcedShare SourcedShare
	// ActivePartners counts onboarding and active partners touched (either
	// way, or by a submitted registration) in the 90 days ending at AsOf.
	ActivePartners int
	// Conversations counts the quarter's calls, meetings and intros.
	Conversations int
	// RegistrationAccuracy is, of the registrations decided in the quarter,
	// those not rejected.
	RegistrationAccuracy Ratio
	// SLAAttainment is, of the registrations decided in the quarter, those
	// decided within SLABusinessDays business days of their submission.
	SLAAttainment   Ratio
	SLABusinessDays int
	Satisfaction    Satisfaction
	TimeToFirstDeal TimeToFirstDeal
	Workload        Workload
}

// ComputeKPIs computes the KPIs of in.Quarter.
func ComputeKPIs(in KPIInput) KPIs {
	cfg := configOrDefault(in.Config)
	fiscal := cfg.Fiscal()
	first, last := fiscal.Bounds(in.Quarter)
	asOf := cfg.Today(in.Now)
	if asOf.After(last) {
		asOf = last
	}
	k := KPIs{
		Quarter: in.Quarter, First: first, Last: last, AsOf: asOf,
		Currency:        cfg.Currency,
		RevenueTarget:   cfg.Targets.PartnerRevenue,
		Conversations:   in.Conversations,
		SLABusinessDays: cfg.Flags.RegistrationSLABusinessDays,
	}

	t := in.Tally
	if t == nil {
		t = NewRegistrationTally(cfg, in.Quarter)
		for _, r := range in.Registrations {
			t.Add(r)
		}
	}
	k.OpenPipeline, k.SourcedRevenue, k.InfluencedRevenue = t.open, t.sourced, t.influenced
	k.RegistrationAccuracy = newRatio(t.accurate, t.decided)
	k.SLAAttainment = newRatio(t.inSLA, t.decided)

	won := k.SourcedRevenue.Amount + k.InfluencedRevenue.Amount
	k.Coverage = coverage(k.OpenPipeline.Total().Amount, cfg.Targets.PartnerRevenue, won)
	if cfg.Today(in.Now).After(last) {
		k.Coverage = Coverage{Pipeline: k.Coverage.Pipeline, Target: k.Coverage.Target, Won: won, Remaining: k.Coverage.Remaining, Over: true}
	}
	k.SourcedShare = sourcedShare(k.SourcedRevenue.Amount, cfg.Targets.NewARR)

	firstDeals := firstDealsIn(fiscal, in.Quarter)
	for _, p := range in.Partners {
		e := EngagementOf(p)
		if e.activeOn(asOf) {
			k.ActivePartners++
		}
		firstDeals.add(e)
	}
	for _, e := range in.Engagement {
		if e.activeOn(asOf) {
			k.ActivePartners++
		}
		firstDeals.add(e)
	}
	k.Satisfaction = satisfaction(in.QBRs, in.Quarter)
	k.TimeToFirstDeal = firstDeals.median()
	k.Workload = workload(k.ActivePartners, in.Conversations)
	return k
}

// RegistrationTally counts what a quarter's KPIs take of registrations —
// the open pipeline, revenue won in the quarter, decisions made in it and
// how many were accurate and within the SLA — one registration at a time,
// each added once.
type RegistrationTally struct {
	first, last         Date
	holidays            Holidays
	slaDays             int
	open                Split
	sourced, influenced Deals
	decided, accurate   int
	inSLA               int
}

// NewRegistrationTally returns an empty tally for quarter q under cfg's
// fiscal year, holidays and SLA.
func NewRegistrationTally(cfg *Config, q Quarter) *RegistrationTally {
	cfg = configOrDefault(cfg)
	first, last := cfg.Fiscal().Bounds(q)
	return &RegistrationTally{first: first, last: last, holidays: cfg.Holidays, slaDays: cfg.Flags.RegistrationSLABusinessDays}
}

// Add counts r: in the open pipeline if it is open, in the revenue if it
// was won with closed in the quarter, in the decisions if it was decided
// in the quarter.
func (t *RegistrationTally) Add(r Registration) {
	if r.Status.Open() {
		t.open.add(r)
	}
	if r.Status == RegWon && dateWithin(r.Closed, t.first, t.last) {
		switch r.Attribution {
		case Sourced:
			t.sourced.add(r)
		case Influenced:
			t.influenced.add(r)
		}
	}
	if dateWithin(r.Decided, t.first, t.last) {
		t.decided++
		if r.Status != RegRejected {
			t.accurate++
		}
		if t.holidays.BusinessDaysAfter(r.Submitted, r.Decided) <= t.slaDays {
			t.inSLA++
		}
	}
}

// configOrDefault lets a caller with no config file still get answers.
func configOrDefault(c *Config) *Config {
	if c == nil {
		c = DefaultConfig()
	}
	if c.Location == nil {
		cp := *c
		cp.Location = time.UTC
		c = &cp
	}
	return c
}

// dateWithin reports whether d is set and lies in [first, last].
func dateWithin(d, first, last Date) bool {
	return !d.IsZero() && !d.Before(first) && !d.After(last)
}

// Engagement is what a quarter's KPIs read of a partner: its status, when
// it was last touched (as of the quarter), when it joined and when its
// first deal was won.
type Engagement struct {
	Status                      PartnerStatus
	Joined, LastTouch, FirstWon Date
}

// EngagementOf returns what the KPIs read of p.
func EngagementOf(p PartnerActivity) Engagement {
	return Engagement{Status: p.Partner.Status, Joined: p.Partner.Joined, LastTouch: p.LastTouch, FirstWon: p.FirstWon}
}

// activeOn reports whether the partner counts as active on ref: onboarding
// or active, and touched in the 90 days ending at ref (ref−89 … ref). A
// touch dated after ref says nothing about the window and does not count.
func (e Engagement) activeOn(ref Date) bool {
	if !e.Status.Engaged() || e.LastTouch.IsZero() {
		return false
	}
	d := ref.Sub(e.LastTouch)
	return d >= 0 && d < activeWindowDays
}

func coverage(pipeline, target, won int64) Coverage {
	c := Coverage{Pipeline: pipeline, Target: target, Won: won, Remaining: target - won}
	switch {
	case target <= 0:
		// No target set: there is nothing to cover and nothing to meet.
	case c.Remaining <= 0:
		c.Met = true
	default:
		c.Ratio = float64(pipeline) / float64(c.Remaining)
		c.HasRatio = true
	}
	return c
}

func sourcedShare(sourced, newARR int64) SourcedShare {
	s := SourcedShare{Sourced: sourced, NewARR: newARR}
	if newARR <= 0 {
		return s
	}
	s.Share = float64(sourced) / float64(newARR)
	s.HasValue = true
	// Compare in integers so that exactly 5% and exactly 10% are within.
	switch {
	case sourced*100 < SourcedSharePercentLow*newARR:
		s.Band = LevelBelow
	case sourced*100 > SourcedSharePercentHigh*newARR:
		s.Band = LevelAbove
	default:
		s.Band = LevelWithin
	}
	return s
}

// satisfaction averages the held QBRs of q that have a score. Records whose
// ID does not name q are ignored, whatever the caller passed.
func satisfaction(qbrs []MeetingRecord, q Quarter) Satisfaction {
	var s Satisfaction
	sum := 0
	for _, r := range qbrs {
		rq, ok := qbrQuarter(r.ID)
		if !ok || rq != q || r.Status != MeetingHeld || r.Satisfaction <= 0 {
			continue
		}
		sum += r.Satisfaction
		s.Count++
	}
	if s.Count > 0 {
		s.Mean = float64(sum) / float64(s.Count)
		s.HasValue = true
	}
	return s
}

// qbrQuarter reads the quarter out of a QBR ID, "qbr/<partner-slug>/2026-Q4".
func qbrQuarter(id string) (Quarter, bool) {
	if !strings.HasPrefix(id, qbrIDPrefix) {
		return Quarter{}, false
	}
	i := strings.LastIndexByte(id, '/')
	q, err := ParseQuarter(id[i+1:])
	if err != nil || i < len(qbrIDPrefix) {
		return Quarter{}, false
	}
	return q, true
}

// firstDeals gathers the days to first deal of the partners whose first
// win closed in the four quarters ending with a quarter (see median).
type firstDeals struct {
	t    TimeToFirstDeal
	days []int
}

func firstDealsIn(f Fiscal, q Quarter) *firstDeals {
	from, _ := f.Bounds(q.Prev().Prev().Prev())
	_, to := f.Bounds(q)
	return &firstDeals{t: TimeToFirstDeal{From: from, To: to}}
}

func (fd *firstDeals) add(e Engagement) {
	if d, ok := e.daysToFirstDeal(); ok && dateWithin(e.FirstWon, fd.t.From, fd.t.To) {
		fd.days = append(fd.days, d)
	}
}

// median is the median over the partners added whose first win closed in
// the four quarters. A partner with no joined date, or one whose first win
// predates its joined date (bad data), is left out.
func (fd *firstDeals) median() TimeToFirstDeal {
	t, days := fd.t, fd.days
	if len(days) == 0 {
		return t
	}
	slices.Sort(days)
	n := len(days)
	t.Count = n
	t.HasValue = true
	if n%2 == 1 {
		t.MedianDays = float64(days[n/2])
	} else {
		t.MedianDays = float64(days[n/2-1]+days[n/2]) / 2
	}
	return t
}

func (e Engagement) daysToFirstDeal() (int, bool) {
	if e.Joined.IsZero() || e.FirstWon.IsZero() {
		return 0, false
	}
	d := e.FirstWon.Sub(e.Joined)
	return d, d >= 0
}

// PartnersPlace words where the active partners stand against the
// workload threshold: "below" the 15–25 band, "at" the threshold inside it
// (25 is at, not past), "past" it above.
func (w Workload) PartnersPlace() string { return place(w.Partners) }

// ConversationsPlace words where the quarter's partner-led conversations
// stand against the threshold of 50: "below", "at" (exactly 50), "past".
func (w Workload) ConversationsPlace() string {
	if w.Conversations == WorkloadConversations {
		return "at"
	}
	return place(w.ConversationsLevel)
}

func place(l Level) string {
	switch l {
	case LevelBelow:
		return "below"
	case LevelWithin:
		return "at"
	}
	return "past"
}

func workload(active, conversations int) Workload {
	w := Workload{ActivePartners: active, Conversations: conversations}
	switch {
	case active < WorkloadPartnersLow:
		w.Partners = LevelBelow
	case active > WorkloadPartnersHigh:
		w.Partners = LevelAbove
	default:
		w.Partners = LevelWithin
	}
	w.ConversationsLevel = LevelBelow
	if conversations >= WorkloadConversations {
		w.ConversationsLevel = LevelAbove
	}
	numbers := fmt.Sprintf("%d active partners (threshold %d–%d) and %d partner-led conversations this quarter (threshold %d)",
		active, WorkloadPartnersLow, WorkloadPartnersHigh, conversations, WorkloadConversations)
	switch {
	case w.Partners == LevelAbove || w.ConversationsLevel == LevelAbove:
		w.Level = LevelAbove
		w.Verdict = "Past the workload threshold: " + numbers + " is more than a part-time owner can keep up with; it needs a full-time owner."
	case w.Partners == LevelWithin:
		w.Level = LevelWithin
		w.Verdict = "At the workload threshold: " + numbers + " is where a part-time owner starts to miss registrations and intros."
	default:
		w.Level = LevelBelow
		w.Verdict = "Below the workload threshold: " + numbers + " is still within what a part-time owner can keep up with."
	}
	return w
}

// TrendQuarters is how many quarters a readout's trend shows: its quarter
// and the four before it.
const TrendQuarters = 5

// TrendOf returns the quarters of q's trend, oldest first, q last.
func TrendOf(q Quarter) []Quarter {
	out := make([]Quarter, TrendQuarters)
	for i := TrendQuarters - 1; i >= 0; i-- {
		out[i] = q
		q = q.Prev()
	}
	return out
}

// ComputeTrend computes the KPIs of each of ins (the inputs of a trend's
// quarters, oldest first): the readout's quarter and the four before it,
// so the direction shows, not one number. Open pipeline and coverage are
// figures of today: in the trend they mean something for the current
// quarter only.
func ComputeTrend(ins []KPIInput) []KPIs {
	out := make([]KPIs, len(ins))
	for i, in := range ins {
		out[i] = ComputeKPIs(in)
	}
	return out
}

// PartnerScorecard is one partner's numbers, shown in its QBR agenda and
// detail view.
type PartnerScorecard struct {
	Partner string
	Tier    int
	Type    PartnerType
	Owner   string
	Status  PartnerStatus
	Joined  Date
	Quarter Quarter

	// FirstWon is the closed date of its first won registration (zero if
	// none); DaysToFirstDeal is the days from Joined to it, valid when
	// HasFirstDeal.
	FirstWon        Date
	DaysToFirstDeal int
	HasFirstDeal    bool

	// Won and WonLastQuarter are its registrations won with closed in the
	// quarter and in the one before, by attribution.
	Won            Split
	WonLastQuarter Split
	// Open is its submitted and approved registrations.
	Open Split
	// Decided counts its registrations approved and rejected with decided
	// in the quarter; DecidedAllTime counts them whenever decided.
	Decided        Decisions
	DecidedAllTime Decisions

	// LastSatisfaction is the score of its latest held QBR with a score,
	// up to the quarter, and that QBR's quarter; valid when HasSatisfaction.
	LastSatisfaction        int
	LastSatisfactionQuarter Quarter
	HasSatisfaction         bool
}

// Decisions counts registrations by how they were decided. A registration
// that was approved and later won, lost or expired counts as approved.
type Decisions struct {
	Approved, Rejected int
}

func (d *Decisions) add(r Registration) {
	if r.Status == RegRejected {
		d.Rejected++
	} else {
		d.Approved++
	}
}

// Scorecard computes p's scorecard for quarter q from all of its
// registrations and its QBR records.
func Scorecard(p PartnerActivity, regs []Registration, qbrs []MeetingRecord, q Quarter, cfg *Config) PartnerScorecard {
	cfg = configOrDefault(cfg)
	fiscal := cfg.Fiscal()
	first, last := fiscal.Bounds(q)
	prevFirst, prevLast := fiscal.Bounds(q.Prev())
	s := PartnerScorecard{
		Partner: p.Partner.Name, Tier: p.Partner.Tier, Type: p.Partner.Type, Owner: p.Partner.Owner,
		Status: p.Partner.Status, Joined: p.Partner.Joined, Quarter: q, FirstWon: p.FirstWon,
	}
	s.DaysToFirstDeal, s.HasFirstDeal = EngagementOf(p).daysToFirstDeal()
	if !s.HasFirstDeal {
		s.DaysToFirstDeal = 0
	}
	for _, r := range regs {
		if r.Status.Open() {
			s.Open.add(r)
		}
		if r.Status == RegWon {
			if dateWithin(r.Closed, first, last) {
				s.Won.add(r)
			} else if dateWithin(r.Closed, prevFirst, prevLast) {
				s.WonLastQuarter.add(r)
			}
		}
		if !r.Decided.IsZero() {
			s.DecidedAllTime.add(r)
			if dateWithin(r.Decided, first, last) {
				s.Decided.add(r)
			}
		}
	}
	for _, r := range qbrs {
		rq, ok := qbrQuarter(r.ID)
		if !ok || r.Status != MeetingHeld || r.Satisfaction <= 0 || quarterAfter(rq, q) {
			continue
		}
		if !s.HasSatisfaction || quarterAfter(rq, s.LastSatisfactionQuarter) {
			s.LastSatisfaction, s.LastSatisfactionQuarter, s.HasSatisfaction = r.Satisfaction, rq, true
		}
	}
	return s
}

func quarterAfter(a, b Quarter) bool {
	return a.Year > b.Year || (a.Year == b.Year && a.Q > b.Q)
}

// FormatMoney writes a whole amount with thousands separators and its
// currency: "$1,200,000" for USD, "€1,200,000" for EUR, "£1,200,000" for GBP,
// and "1,200,000 CHF" for any other code (just the number when there is none).
func FormatMoney(amount int64, currency string) string {
	code := strings.ToUpper(strings.TrimSpace(currency))
	var buf [32]byte
	b := buf[:0]
	// Work in uint64 so that the most negative int64 has a magnitude.
	mag := uint64(amount)
	if amount < 0 {
		b = append(b, '-')
		mag = -mag
	}
	switch code {
	case "USD":
		b = append(b, '$')
	case "EUR":
		b = append(b, "€"...)
	case "GBP":
		b = append(b, "£"...)
	}
	var digits [20]byte
	d := strconv.AppendUint(digits[:0], mag, 10)
	for i, c := range d {
		if i > 0 && (len(d)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, c)
	}
	switch code {
	case "USD", "EUR", "GBP", "":
	default:
		b = append(b, ' ')
		b = append(b, code...)
	}
	return string(b)
}
