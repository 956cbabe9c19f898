package agenda

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"partnercadence/cadence"
)

// PartnerRevenue is one partner's revenue won in a quarter, by attribution.
type PartnerRevenue struct {
	Partner    string
	Sourced    int64
	Influenced int64
}

// TopPartners sums the registrations won with closed in [first, last] by
// partner (names compared case-insensitively, the first spelling kept) and
// returns the n with the most sourced revenue (all when n ≤ 0), most first,
// ties by influenced revenue, then name. Partners with no sourced revenue are
// left out.
func TopPartners(regs []cadence.Registration, first, last cadence.Date, n int) []PartnerRevenue {
	byKey := map[string]int{}
	var out []PartnerRevenue
	for _, r := range regs {
		if r.Status != cadence.RegWon || r.Closed.IsZero() || r.Closed.Before(first) || r.Closed.After(last) {
			continue
		}
		k := cadence.NameKey(r.Partner)
		i, ok := byKey[k]
		if !ok {
			i = len(out)
			byKey[k] = i
			out = append(out, PartnerRevenue{Partner: r.Partner})
		}
		switch r.Attribution {
		case cadence.Sourced:
			out[i].Sourced += r.Amount
		case cadence.Influenced:
			out[i].Influenced += r.Amount
		}
	}
	out = slices.DeleteFunc(out, func(p PartnerRevenue) bool { return p.Sourced <= 0 })
	sortRevenue(out)
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out
}

func sortRevenue(ps []PartnerRevenue) {
	slices.SortStableFunc(ps, func(a, b PartnerRevenue) int {
		return cmp.Or(cmp.Compare(b.Sourced, a.Sourced), cmp.Compare(b.Influenced, a.Influenced),
			strings.Compare(cadence.NameKey(a.Partner), cadence.NameKey(b.Partner)))
	})
}

// Readout returns the executive readout of a quarter as markdown, for
// `cadence readout`: the KPIs against their targets; their trend over the
// quarter and the ones before it (trend holds the KPIs of each, oldest
// first, the readout's quarter last; a trend of one quarter has no trend
// table); the workload threshold against the seed's bands (15–25 active
// partners, 50 partner-led conversations a quarter); flags by kind and by
// owner; and the top partners by sourced revenue (those in top with any,
// most first). flags are every flag at the time; cfg gives the currency
// when the KPIs have none and may be nil.
func Readout(trend []cadence.KPIs, flags []cadence.Flag, top []PartnerRevenue, cfg *cadence.Config) string {
	k := trend[len(trend)-1]
	currency := k.Currency
	if currency == "" && cfg != nil {
		currency = cfg.Currency
	}
	var d doc
	d.heading(1, "Partnerships readout: "+k.Quarter.String())
	asOf := "as of " + date(k.AsOf)
	if k.AsOf == k.Last {
		asOf = "the quarter is over"
	}
	d.para(k.Quarter.String() + " runs " + date(k.First) + " to " + date(k.Last) + "; " + asOf + ".")
	kpis(&d, k, currency)
	if len(trend) > 1 {
		trendTable(&d, trend, currency)
	}
	workload(&d, k.Workload)
	flagCounts(&d, flags)
	topPartners(&d, k.Quarter, top, currency)
	return d.String()
}

// trendTable writes each KPI for each quarter of the trend.
func trendTable(d *doc, trend []cadence.KPIs, cur string) {
	d.heading(2, "Trend")
	last := trend[len(trend)-1].Quarter.String()
	d.para("Each KPI for " + last + " and the quarters before it. Open pipeline and coverage are figures of today: they show for " + last + " alone.")
	cols := []column{{Header: "KPI"}}
	for _, k := range trend {
		cols = append(cols, column{Header: k.Quarter.String(), Right: true})
	}
	var rows [][]string
	for _, r := range TrendRows(trend, cur) {
		rows = append(rows, append([]string{r.KPI}, r.Cells...))
	}
	d.table(cols, rows)
}

// TrendRow is one KPI across the quarters of a trend.
type TrendRow struct {
	KPI string
	// Cells words each quarter's figure ("—" where it has none); Values
	// holds it as a number (money in whole units, shares 0–1) where Has
	// says it has one: the markdown's table and the app's sparklines.
	Cells  []string
	Values []float64
	Has    []bool
	// Today marks a figure of today (open pipeline, coverage): it has a
	// value in the last quarter alone.
	Today bool
}

// TrendRows returns the KPIs of trend (oldest first) as one row each, in
// the readout's order. Open pipeline and coverage are figures of today and
// have a value only in the current quarter (coverage: while it runs).
func TrendRows(trend []cadence.KPIs, cur string) []TrendRow {
	n := len(trend)
	row := func(name string, fig func(k cadence.KPIs, last bool) (string, float64, bool)) TrendRow {
		r := TrendRow{KPI: name, Cells: make([]string, n), Values: make([]float64, n), Has: make([]bool, n)}
		for i, k := range trend {
			c, v, ok := fig(k, i == n-1)
			r.Cells[i], r.Values[i], r.Has[i] = none, v, ok
			if ok {
				r.Cells[i] = c
			}
		}
		return r
	}
	amount := func(f func(cadence.KPIs) int64) func(cadence.KPIs, bool) (string, float64, bool) {
		return func(k cadence.KPIs, _ bool) (string, float64, bool) {
			a := f(k)
			return money(a, cur), float64(a), true
		}
	}
	ratio := func(f func(cadence.KPIs) cadence.Ratio) func(cadence.KPIs, bool) (string, float64, bool) {
		return func(k cadence.KPIs, _ bool) (string, float64, bool) {
			r := f(k)
			return percent(r.Value), r.Value, r.HasValue
		}
	}
	today := func(r TrendRow) TrendRow {
		r.Today = true
		return r
	}
	count := func(f func(cadence.KPIs) int) func(cadence.KPIs, bool) (string, float64, bool) {
		return func(k cadence.KPIs, _ bool) (string, float64, bool) {
			v := f(k)
			return strconv.Itoa(v), float64(v), true
		}
	}
	return []TrendRow{
		row("Partner-sourced revenue", amount(func(k cadence.KPIs) int64 { return k.SourcedRevenue.Amount })),
		row("Partner-influenced revenue", amount(func(k cadence.KPIs) int64 { return k.InfluencedRevenue.Amount })),
		row("Partner revenue (sourced + influenced)", amount(func(k cadence.KPIs) int64 {
			return k.SourcedRevenue.Amount + k.InfluencedRevenue.Amount
		})),
		today(row("Open partner pipeline", func(k cadence.KPIs, last bool) (string, float64, bool) {
			a := k.OpenPipeline.Total().Amount
			return money(a, cur), float64(a), last
		})),
		today(row("Pipeline coverage", func(k cadence.KPIs, last bool) (string, float64, bool) {
			c := k.Coverage
			switch {
			case !last || c.Over:
				return "", 0, false
			case c.Met:
				return "met", 1, true
			}
			return fmt.Sprintf("%.1f×", c.Ratio), c.Ratio, c.HasRatio
		})),
		row("Sourced share of new ARR", func(k cadence.KPIs, _ bool) (string, float64, bool) {
			s := k.SourcedShare
			return fmt.Sprintf("%.1f%%", s.Share*100), s.Share, s.HasValue
		}),
		row("Active partners", count(func(k cadence.KPIs) int { return k.ActivePartners })),
		row("Partner-led conversations", count(func(k cadence.KPIs) int { return k.Conversations })),
		row("Deal-registration accuracy", ratio(func(k cadence.KPIs) cadence.Ratio { return k.RegistrationAccuracy })),
		row("Registration SLA attainment", ratio(func(k cadence.KPIs) cadence.Ratio { return k.SLAAttainment })),
		row("Partner satisfaction", func(k cadence.KPIs, _ bool) (string, float64, bool) {
			s := k.Satisfaction
			return fmt.Sprintf("%.1f/10", s.Mean), s.Mean, s.HasValue
		}),
		row("Time to first deal", func(k cadence.KPIs, _ bool) (string, float64, bool) {
			t := k.TimeToFirstDeal
			return strconv.FormatFloat(t.MedianDays, 'f', -1, 64) + " days", t.MedianDays, t.HasValue
		}),
	}
}

// readoutBody writes the readout's sections at level 2.
func readoutBody(d *doc, k cadence.KPIs, flags []cadence.Flag, top []PartnerRevenue, cur string) {
	kpis(d, k, cur)
	workload(d, k.Workload)
	flagCounts(d, flags)
	topPartners(d, k.Quarter, top, cur)
}

const none = "—"

func kpis(d *doc, k cadence.KPIs, cur string) {
	d.heading(2, "KPIs")
	d.table([]column{{Header: "KPI"}, {Header: "Value"}, {Header: "Target"}, {Header: "Status"}}, KPIRows(k, cur))
}

// KPIRows returns the quarter's KPIs as rows of four plain-text cells —
// KPI, value, target, status ("—" where there is none) — in the order the
// readout shows them: the one wording of every figure, for the markdown and
// the app's readout meeting alike.
func KPIRows(k cadence.KPIs, cur string) [][]string {
	won := k.SourcedRevenue.Amount + k.InfluencedRevenue.Amount
	revenueTarget, revenueStatus := none, "no target set"
	if k.RevenueTarget > 0 {
		revenueTarget = money(k.RevenueTarget, cur)
		revenueStatus = percent(float64(won)/float64(k.RevenueTarget)) + " of target"
	}
	open := k.OpenPipeline
	coverage, coverageStatus := none, "no target set"
	switch c := k.Coverage; {
	case c.Over:
		coverage, coverageStatus = "the quarter is over", none
	case c.Met:
		coverage, coverageStatus = "target met", "met"
	case c.HasRatio:
		coverage = fmt.Sprintf("%.1f× the %s still to win", c.Ratio, money(c.Remaining, cur))
		coverageStatus = none
	}
	share, shareStatus := none, "no new-ARR target set"
	if s := k.SourcedShare; s.HasValue {
		share = fmt.Sprintf("%.1f%% of %s new ARR", s.Share*100, money(s.NewARR, cur))
		shareStatus = string(s.Band) + " the band"
	}
	band := fmt.Sprintf("%d–%d%%", cadence.SourcedSharePercentLow, cadence.SourcedSharePercentHigh)
	ratio := func(r cadence.Ratio, of string) string {
		if !r.HasValue {
			return "no registrations decided"
		}
		return percent(r.Value) + " (" + strconv.Itoa(r.Part) + " of " + strconv.Itoa(r.Whole) + of + ")"
	}
	sat := "no QBR scores"
	if s := k.Satisfaction; s.HasValue {
		sat = fmt.Sprintf("%.1f/10 (%s)", s.Mean, plural(s.Count, "QBR", "QBRs"))
	}
	ttfd := "no first wins in the last four quarters"
	if t := k.TimeToFirstDeal; t.HasValue {
		ttfd = fmt.Sprintf("%s days (median of %s whose first win closed %s to %s)",
			strconv.FormatFloat(t.MedianDays, 'f', -1, 64), plural(t.Count, "partner", "partners"), date(t.From), date(t.To))
	}
	w := k.Workload
	rows := [][]string{
		{"Partner-sourced revenue", deals(k.SourcedRevenue, cur), none, none},
		{"Partner-influenced revenue", deals(k.InfluencedRevenue, cur), none, none},
		{"Partner revenue (sourced + influenced)", money(won, cur), revenueTarget, revenueStatus},
		{"Open partner pipeline", deals(open.Total(), cur) + ": " + money(open.Sourced.Amount, cur) + " sourced, " +
			money(open.Influenced.Amount, cur) + " influenced", none, none},
		{"Pipeline coverage", coverage, none, coverageStatus},
		{"Sourced share of new ARR", share, band, shareStatus},
		{"Active partners", strconv.Itoa(k.ActivePartners),
			fmt.Sprintf("%d–%d (workload threshold)", cadence.WorkloadPartnersLow, cadence.WorkloadPartnersHigh),
			w.PartnersPlace() + " the threshold"},
		{"Partner-led conversations", strconv.Itoa(k.Conversations),
			fmt.Sprintf("%d a quarter (workload threshold)", cadence.WorkloadConversations),
			w.ConversationsPlace() + " the threshold"},
		{"Deal-registration accuracy", ratio(k.RegistrationAccuracy, " decided"), none, none},
		{"Registration SLA attainment", ratio(k.SLAAttainment,
			" decided within "+plural(k.SLABusinessDays, "business day", "business days")), none, none},
		{"Partner satisfaction", sat, none, none},
		{"Time to first deal", ttfd, none, none},
	}
	return rows
}

func workload(d *doc, w cadence.Workload) {
	d.heading(2, "Workload threshold")
	d.list([]string{
		inline(fmt.Sprintf("Active partners: %d — %s the threshold (%d–%d)", w.ActivePartners, w.PartnersPlace(),
			cadence.WorkloadPartnersLow, cadence.WorkloadPartnersHigh)),
		inline(fmt.Sprintf("Partner-led conversations this quarter: %d — %s the threshold (%d)", w.Conversations,
			w.ConversationsPlace(), cadence.WorkloadConversations)),
	})
	if w.Verdict != "" {
		d.para(w.Verdict)
	}
}

// flagCounts writes the flags by kind (every kind, most severe first) and
// by owner (most flags first).
func flagCounts(d *doc, flags []cadence.Flag) {
	d.heading(2, "Flags")
	byKind := cadence.CountByKind(flags)
	d.heading(3, "By kind")
	rows := make([][]string, 0, len(cadence.FlagKinds)+2)
	for _, k := range cadence.FlagKinds {
		rows = append(rows, []string{FlagLabel(k), strconv.Itoa(byKind[k])})
	}
	// A kind this build does not know still counts.
	var other []cadence.FlagKind
	for k := range byKind {
		if !slices.Contains(cadence.FlagKinds, k) {
			other = append(other, k)
		}
	}
	slices.Sort(other)
	for _, k := range other {
		rows = append(rows, []string{FlagLabel(k), strconv.Itoa(byKind[k])})
	}
	rows = append(rows, []string{"Total", strconv.Itoa(len(flags))})
	d.table([]column{{Header: "Kind"}, {"Flags", true}}, rows)

	d.heading(3, "By owner")
	if len(flags) == 0 {
		d.para("No flags.")
		return
	}
	type owner struct {
		name   string
		counts map[cadence.FlagKind]int
		total  int
	}
	var owners []*owner
	byName := map[string]*owner{}
	for _, f := range flags {
		k := cadence.NameKey(f.Owner)
		o := byName[k]
		if o == nil {
			name := strings.TrimSpace(f.Owner)
			if name == "" {
				name = "nobody"
			}
			o = &owner{name: name, counts: map[cadence.FlagKind]int{}}
			byName[k] = o
			owners = append(owners, o)
		}
		o.counts[f.Kind]++
		o.total++
	}
	slices.SortStableFunc(owners, func(a, b *owner) int {
		return cmp.Or(cmp.Compare(b.total, a.total), strings.Compare(cadence.NameKey(a.name), cadence.NameKey(b.name)))
	})
	rows = rows[:0]
	for _, o := range owners {
		var parts []string
		for _, k := range append(slices.Clone(cadence.FlagKinds), other...) {
			if n := o.counts[k]; n > 0 {
				parts = append(parts, strconv.Itoa(n)+" "+strings.ToLower(FlagLabel(k)))
			}
		}
		rows = append(rows, []string{o.name, strconv.Itoa(o.total), strings.Join(parts, ", ")})
	}
	d.table([]column{{Header: "Owner"}, {"Flags", true}, {Header: "Kinds"}}, rows)
}

func topPartners(d *doc, q cadence.Quarter, top []PartnerRevenue, cur string) {
	d.heading(2, "Top partners by sourced revenue")
	top = slices.DeleteFunc(slices.Clone(top), func(p PartnerRevenue) bool { return p.Sourced <= 0 })
	if len(top) == 0 {
		d.para("No partner-sourced revenue won in " + q.String() + ".")
		return
	}
	sortRevenue(top)
	rows := make([][]string, len(top))
	for i, p := range top {
		rows[i] = []string{strconv.Itoa(i + 1), p.Partner, money(p.Sourced, cur), money(p.Influenced, cur)}
	}
	d.table([]column{{"Rank", true}, {Header: "Partner"}, {"Sourced won", true}, {"Influenced won", true}}, rows)
}
