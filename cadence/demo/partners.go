package demo

import (
	"math/rand/v2"
	"slices"
	"strings"

	"partnercadence/cadence"
)

// plan is one partner and what the generation will make for it.
type plan struct {
	p cadence.Partner
	// from and until bound its activity (inclusive): from joining (or the
	// start of the history) to today, or to when it was paused or churned.
	from, until cadence.Date
	// nTouch and nReg are how many touchpoints and registrations it gets,
	// the scenario ones included.
	nTouch, nReg int
	// acctBase is the account index of its first registration.
	acctBase int
	// silent > 0 makes it a silent partner: its last inbound touch is that
	// many days before today.
	silent int
	// specials are registrations made to raise flags; they replace the last
	// of its nReg ordinary ones.
	specials []special
	// lostIntros are intros that nobody registered.
	lostIntros []lostIntro
}

// engaged reports whether the partner is one the team expects to hear from.
func (pl *plan) engaged() bool { return pl.p.Status.Engaged() }

type specialKind uint8

const (
	specOverdue      specialKind = iota + 1 // submitted, pending past the SLA
	specExpiring                            // approved, protection ends within the warning
	specLapsed                              // approved, protection ran out
	specConflictHeld                        // approved, for an account another partner now registers
	specConflictNew                         // submitted for an account another partner holds
)

type special struct {
	kind    specialKind
	account int // account index
}

type lostIntro struct {
	daysAgo int
	account int
}

// scenarios is how many of each flag-raising situation a demo has.
type scenarios struct {
	silent, overdue, expiring, lapsed, conflicts, lostIntros, missed, lateActions int
}

func (g *gen) scenarios() scenarios {
	if g.size == Large {
		return scenarios{silent: 40, overdue: 40, expiring: 50, lapsed: 30, conflicts: 10, lostIntros: 40, missed: 6, lateActions: 30}
	}
	return scenarios{silent: 2, overdue: 3, expiring: 2, lapsed: 2, conflicts: 1, lostIntros: 2, missed: 2, lateActions: 3}
}

// smallPartner is one partner of the small demo, written out by hand.
type smallPartner struct {
	name   string
	typ    cadence.PartnerType
	tier   int
	status cadence.PartnerStatus
	owner  int // index of a partner manager; -1 for the head
	joined int // days before today
	domain string
	notes  string
}

var smallPartners = []smallPartner{
	{"Northwind Systems", cadence.TypeReseller, 1, cadence.PartnerActive, 0, 1420, "northwindsystems.com",
		"Largest reseller in the Northeast; co-selling since the first partner program. Exec sponsor: Jordan."},
	{"Acme Cloud Marketplace", cadence.TypeMarketplace, 1, cadence.PartnerActive, -1, 980, "acmecloud.com",
		"Private offers through the marketplace; counts toward customers' committed spend. Listing renewed yearly."},
	{"Brightline Consulting", cadence.TypeSI, 1, cadence.PartnerActive, 1, 1210, "brightlineconsulting.com",
		"Implementation partner for enterprise rollouts; 14 certified consultants."},
	{"Helix Data", cadence.TypeISV, 1, cadence.PartnerActive, 2, 860, "helixdata.io",
		"Native integration in their analytics suite; joint roadmap reviewed each QBR."},
	{"Orbital Alliance Partners", cadence.TypeAlliance, 1, cadence.PartnerActive, 0, 1130, "orbitalalliance.com",
		"Global alliance: joint go-to-market in EMEA and co-funded events."},
	{"Stackwise", cadence.TypeISV, 1, cadence.PartnerActive, 1, 640, "stackwise.dev",
		"Developer-tools ISV; embeds our API, strong in mid-market."},
	{"Bluefin Digital", cadence.TypeAgency, 2, cadence.PartnerActive, 2, 720, "bluefindigital.com",
		"Digital agency; brings us into e-commerce rebuilds."},
	{"Cobalt Integration Services", cadence.TypeSI, 2, cadence.PartnerActive, 0, 810, "cobaltintegration.com",
		"Regional SI in the Midwest; good at migrations from legacy tools."},
	{"Evergreen IT Solutions", cadence.TypeReseller, 2, cadence.PartnerActive, 1, 1050, "evergreenit.com",
		"Public sector reseller with state contract vehicles."},
	{"Fathom Analytics", cadence.TypeISV, 2, cadence.PartnerActive, 2, 530, "fathomanalytics.io",
		"Connector in their marketplace; co-marketing twice a year."},
	{"Granite Ridge Advisors", cadence.TypeReferral, 2, cadence.PartnerActive, 0, 690, "graniteridgeadvisors.com",
		"Fractional-CFO firm; refers finance teams. 10% referral fee on first-year ARR."},
	{"Lumen Creative", cadence.TypeAgency, 2, cadence.PartnerActive, 1, 450, "lumencreative.co",
		"Brand and web agency; strong with retail customers."},
	{"Pinnacle Channel Partners", cadence.TypeReseller, 2, cadence.PartnerOnboarding, 2, 48, "pinnaclechannel.com",
		"Signed last month; first enablement done, certification in progress."},
	{"Quarry Labs", cadence.TypeISV, 2, cadence.PartnerActive, 0, 575, "quarrylabs.com",
		"Workflow ISV; integration listed in our app directory."},
	{"Riverbend Technology Group", cadence.TypeReseller, 2, cadence.PartnerActive, 1, 900, "riverbendtech.com",
		"Value-added reseller in the Southeast; bundles our product with managed services."},
	{"Summit Cloud Exchange", cadence.TypeMarketplace, 2, cadence.PartnerActive, 2, 380, "summitcloud.exchange",
		"Second marketplace; smaller but growing in the public sector."},
	{"Oakridge Alliances", cadence.TypeAlliance, 2, cadence.PartnerActive, 0, 760, "oakridgealliances.com",
		"Technology alliance with a shared hardware bundle."},
	{"Atlas Referral Network", cadence.TypeReferral, 3, cadence.PartnerActive, 1, 610, "atlasreferral.net",
		"Network of independent consultants; sporadic but high-quality referrals."},
	{"Beacon Growth Partners", cadence.TypeReferral, 3, cadence.PartnerActive, 2, 420, "beacongrowth.com",
		"Growth consultancy for Series A–B startups."},
	{"Copperleaf Studio", cadence.TypeAgency, 3, cadence.PartnerActive, 0, 330, "copperleaf.studio",
		"Boutique design studio; two shared customers."},
	{"Driftwood Software", cadence.TypeISV, 3, cadence.PartnerOnboarding, 1, 33, "driftwoodsoftware.com",
		"Building an integration; sandbox access granted, launch planned next quarter."},
	{"Ember & Oak Digital", cadence.TypeAgency, 3, cadence.PartnerActive, 2, 510, "emberandoak.com",
		"Agency for hospitality brands."},
	{"Foxglove Systems Integration", cadence.TypeSI, 3, cadence.PartnerPaused, 0, 880, "foxglove-si.com",
		"Paused while they reorganise their practice; revisit next half."},
	{"Harborview IT", cadence.TypeReseller, 3, cadence.PartnerActive, 1, 700, "harborviewit.com",
		"Small reseller covering the Pacific Northwest."},
	{"Ironclad Security Partners", cadence.TypeAlliance, 3, cadence.PartnerActive, 2, 470, "ironcladsecurity.com",
		"Security alliance: joint compliance story for regulated customers."},
	{"Juniper Ventures", cadence.TypeReferral, 3, cadence.PartnerProspect, 0, 40, "juniperventures.vc",
		"VC platform team; could refer portfolio companies. Second call scheduled."},
	{"Keystone Managed Services", cadence.TypeReseller, 3, cadence.PartnerChurned, 1, 1300, "keystonemsp.com",
		"Churned: acquired by a competitor's partner. Existing customers moved to Northwind."},
	{"Larkspur Apps", cadence.TypeISV, 3, cadence.PartnerOnboarding, 2, 61, "larkspurapps.com",
		"Mobile ISV; co-marketing plan drafted, first joint webinar pending."},
	{"Mosaic Marketing Co.", cadence.TypeAgency, 3, cadence.PartnerActive, 0, 560, "mosaicmarketing.co",
		"Marketing agency; resells our starter plan to its clients."},
	{"Nimbus Partners LLC", cadence.TypeSI, 3, cadence.PartnerActive, 1, 390, "nimbuspartners.com",
		"Two-person SI; very responsive, small deals."},
	{"Polaris Referral Partners", cadence.TypeReferral, 2, cadence.PartnerActive, 2, 820, "polarisreferral.com",
		"Referral partner in financial services; warm intros to CIOs."},
}

// planPartners makes every partner, sorted by slug, with its volumes and
// scenarios.
func (g *gen) planPartners() {
	r := newRand(g.seed, streamPartners, 0)
	if g.size == Large {
		g.plans = g.largePartners(r)
	} else {
		g.plans = g.smallPartners(r)
	}
	slugs := make(map[string]string, len(g.plans))
	for i := range g.plans {
		slugs[g.plans[i].p.Name] = g.plans[i].p.Slug()
	}
	slices.SortFunc(g.plans, func(a, b plan) int { return strings.Compare(slugs[a.p.Name], slugs[b.p.Name]) })
	if g.size == Large {
		g.allocate(r)
	} else {
		g.volumes(r)
	}
	g.assignScenarios()
	base := 0
	for i := range g.plans {
		g.plans[i].acctBase = base
		base += g.plans[i].nReg
	}
	g.totalRegs = base
	g.ownedBy = map[string][]int{}
	for i := range g.plans {
		if pl := &g.plans[i]; pl.engaged() {
			g.ownedBy[pl.p.Owner] = append(g.ownedBy[pl.p.Owner], i)
		}
	}
}

// window sets when a partner was active, from its status.
func (g *gen) window(r *rand.Rand, pl *plan) {
	pl.from = pl.p.Joined
	if pl.from.Before(g.history) {
		pl.from = g.history
	}
	pl.until = g.today
	switch pl.p.Status {
	case cadence.PartnerPaused:
		pl.until = g.today.AddDays(-span(r, 45, 150))
	case cadence.PartnerChurned:
		pl.until = g.today.AddDays(-span(r, 120, 400))
	}
	if pl.until.Before(pl.from.AddDays(30)) {
		pl.until = pl.from.AddDays(30)
		if pl.until.After(g.today) {
			pl.until = g.today
		}
	}
}

func (g *gen) smallPartners(r *rand.Rand) []plan {
	out := make([]plan, 0, len(smallPartners))
	for i, sp := range smallPartners {
		owner := g.head
		if sp.owner >= 0 && len(g.pms) > 0 {
			owner = g.pms[sp.owner%len(g.pms)].Name
		}
		joined := sp.joined
		if joined > 200 {
			joined += span(r, -15, 15)
		}
		first := firstNames[(i*5+2)%len(firstNames)]
		last := lastNames[(i*11+7)%len(lastNames)]
		pl := plan{p: cadence.Partner{
			Name: sp.name, Type: sp.typ, Tier: sp.tier, Owner: owner, Status: sp.status,
			Joined:  g.today.AddDays(-joined),
			Contact: first + " " + last,
			Email:   email(first+" "+last, sp.domain),
			Domain:  sp.domain,
			Notes:   sp.notes,
		}}
		g.window(r, &pl)
		out = append(out, pl)
	}
	return out
}

// rates are touchpoints and registrations per 30 days.
func rates(p cadence.Partner) (touch, reg float64) {
	touch = [4]float64{0, 6, 4, 2.5}[p.Tier]
	reg = [4]float64{0, 1.1, 0.55, 0.25}[p.Tier]
	switch p.Status {
	case cadence.PartnerOnboarding:
		touch *= 1.6
		reg *= 0.6
	case cadence.PartnerProspect:
		touch, reg = 1.5, 0
	}
	return touch, reg
}

// volumes sets the small demo's counts from the rates.
func (g *gen) volumes(r *rand.Rand) {
	for i := range g.plans {
		pl := &g.plans[i]
		t, rg := rates(pl.p)
		months := float64(pl.until.Sub(pl.from)+1) / 30
		pl.nTouch = max(3, int(t*months*(0.8+0.4*r.Float64())+0.5))
		pl.nReg = int(rg*months*(0.8+0.4*r.Float64()) + 0.5)
		if pl.p.Status == cadence.PartnerActive {
			pl.nReg = max(pl.nReg, 3)
		}
	}
}

// allocate sets the large demo's counts: exactly LargeTouchpoints and
// LargeRegistrations in all, shared in proportion to the rates, with at
// least two touchpoints for every partner.
func (g *gen) allocate(r *rand.Rand) {
	wt := make([]float64, len(g.plans))
	wr := make([]float64, len(g.plans))
	for i := range g.plans {
		pl := &g.plans[i]
		t, rg := rates(pl.p)
		days := float64(pl.until.Sub(pl.from) + 1)
		j := 0.7 + 0.6*r.Float64()
		wt[i], wr[i] = t*days*j, rg*days*j
	}
	const floor = 2
	nt := share(wt, LargeTouchpoints-floor*len(g.plans))
	nr := share(wr, LargeRegistrations)
	for i := range g.plans {
		g.plans[i].nTouch = nt[i] + floor
		g.plans[i].nReg = nr[i]
	}
}

// share splits total in proportion to the weights, exactly: the running
// rounded prefix sums never drift.
func share(w []float64, total int) []int {
	sum := 0.0
	for _, x := range w {
		sum += x
	}
	out := make([]int, len(w))
	acc, prev := 0.0, 0
	for i, x := range w {
		acc += x
		cur := int(float64(total) * acc / sum)
		if i == len(w)-1 {
			cur = total
		}
		out[i] = cur - prev
		prev = cur
	}
	return out
}

// largePartners makes LargePartners partners with distinct names and slugs.
func (g *gen) largePartners(r *rand.Rand) []plan {
	types := []cadence.PartnerType{
		cadence.TypeReseller, cadence.TypeISV, cadence.TypeAgency, cadence.TypeReferral,
		cadence.TypeSI, cadence.TypeAlliance, cadence.TypeMarketplace,
	}
	typeWeights := []int{25, 20, 15, 15, 12, 8, 5}
	regions := []string{"Northeast", "Southeast", "Midwest", "Southwest", "West Coast", "Canada", "UK and Ireland", "DACH", "Nordics", "ANZ"}
	seen := make(map[string]bool, LargePartners)
	out := make([]plan, 0, LargePartners)
	for len(out) < LargePartners {
		typ := types[weighted(r, typeWeights)]
		name := pick(r, partnerStems)
		if m := pick(r, partnerMiddles); m != "" {
			name += " " + m
		}
		name += " " + pick(r, partnerSuffixes[typ])
		slug := cadence.Slug(name)
		if seen[slug] {
			continue
		}
		seen[slug] = true
		tier := 1 + weighted(r, []int{10, 30, 60})
		status := []cadence.PartnerStatus{
			cadence.PartnerActive, cadence.PartnerOnboarding, cadence.PartnerProspect,
			cadence.PartnerPaused, cadence.PartnerChurned,
		}[weighted(r, []int{78, 6, 5, 6, 5})]
		var joined cadence.Date
		switch status {
		case cadence.PartnerOnboarding:
			joined = g.today.AddDays(-span(r, 14, 80))
		case cadence.PartnerProspect:
			joined = g.today.AddDays(-span(r, 10, 120))
		default:
			joined = between(r, g.history.AddDays(-3*365), g.today.AddDays(-120))
		}
		owner := g.head
		if len(g.pms) > 0 && !(tier == 1 && chance(r, 0.01)) {
			owner = g.pms[r.IntN(len(g.pms))].Name
		}
		contact := pick(r, firstNames) + " " + pick(r, lastNames)
		domain := strings.ReplaceAll(slug, "-", "") + pick(r, []string{".com", ".com", ".io", ".co", ".net"})
		region := pick(r, regions)
		notes := string(typ) + " partner in " + region + "."
		switch {
		case status == cadence.PartnerPaused:
			notes += " Paused pending their reorganisation."
		case status == cadence.PartnerChurned:
			notes += " Churned; customers moved to other partners."
		case tier == 1:
			notes += " Strategic: exec sponsor on both sides."
		}
		pl := plan{p: cadence.Partner{
			Name: name, Type: typ, Tier: tier, Owner: owner, Status: status, Joined: joined,
			Contact: contact, Email: email(contact, domain), Domain: domain, Notes: notes,
		}}
		g.window(r, &pl)
		out = append(out, pl)
	}
	return out
}

// weighted returns an index drawn in proportion to the weights.
func weighted(r *rand.Rand, w []int) int {
	total := 0
	for _, x := range w {
		total += x
	}
	n := r.IntN(total)
	for i, x := range w {
		if n < x {
			return i
		}
		n -= x
	}
	return len(w) - 1
}

// assignScenarios picks the partners that raise flags, one situation per
// partner, among those with enough history for it.
func (g *gen) assignScenarios() {
	r := newRand(g.seed, streamScenarios, 0)
	sc := g.scenarios()
	used := make([]bool, len(g.plans))
	candidates := func(minAge, minReg int, ok func(*plan) bool) []int {
		var out []int
		for i := range g.plans {
			pl := &g.plans[i]
			if used[i] || !pl.engaged() || pl.from.After(g.today.AddDays(-minAge)) || pl.nReg < minReg || pl.nTouch < 6 {
				continue
			}
			if ok == nil || ok(pl) {
				out = append(out, i)
			}
		}
		return out
	}
	take := func(c []int, n int) []int {
		r.Shuffle(len(c), func(i, j int) { c[i], c[j] = c[j], c[i] })
		c = c[:min(n, len(c))]
		slices.Sort(c)
		for _, i := range c {
			used[i] = true
		}
		return c
	}
	fl := g.cfg.Flags
	silence := func(i int) {
		pl := &g.plans[i]
		extra := [4][2]int{{}, {2, 8}, {3, 15}, {5, 30}}[pl.p.Tier]
		pl.silent = fl.SilentAfterDays[pl.p.Tier] + span(r, extra[0], extra[1])
	}
	// Silent: at least one tier-1 partner, the rest of any tier.
	for _, i := range take(candidates(200, 0, func(pl *plan) bool { return pl.p.Tier == 1 }), max(1, sc.silent/4)) {
		silence(i)
	}
	for _, i := range take(candidates(200, 0, func(pl *plan) bool { return pl.p.Tier > 1 }), sc.silent-max(1, sc.silent/4)) {
		silence(i)
	}
	// Every special registration takes the account index of one of the
	// partner's own registrations (the last ones), except conflicts, which
	// share a reserved one: reserve(k) is filled in below.
	addSpecial := func(i int, kind specialKind) {
		pl := &g.plans[i]
		pl.specials = append(pl.specials, special{kind: kind, account: -1})
	}
	for _, i := range take(candidates(30, 2, nil), sc.overdue) {
		addSpecial(i, specOverdue)
	}
	for _, i := range take(candidates(150, 2, nil), sc.expiring) {
		addSpecial(i, specExpiring)
	}
	for _, i := range take(candidates(150, 2, nil), sc.lapsed) {
		addSpecial(i, specLapsed)
	}
	pairs := take(candidates(60, 2, nil), 2*sc.conflicts)
	g.conflicts = len(pairs) / 2
	r.Shuffle(len(pairs), func(i, j int) { pairs[i], pairs[j] = pairs[j], pairs[i] })
	for k := 0; k < g.conflicts; k++ {
		g.plans[pairs[2*k]].specials = append(g.plans[pairs[2*k]].specials, special{kind: specConflictHeld, account: -2 - k})
		g.plans[pairs[2*k+1]].specials = append(g.plans[pairs[2*k+1]].specials, special{kind: specConflictNew, account: -2 - k})
	}
	for n, i := range take(candidates(30, 0, nil), sc.lostIntros) {
		pl := &g.plans[i]
		pl.lostIntros = append(pl.lostIntros, lostIntro{daysAgo: span(r, 9, 20), account: -2 - sc.conflicts - n})
	}
}

// account resolves an account index: a registration's own (index ≥ 0) or a
// reserved one (index ≤ -2) past every registration's.
func (g *gen) account(i int) string {
	if i <= -2 {
		i = g.totalRegs + (-2 - i)
	}
	return accountName(i % accountSpace)
}
