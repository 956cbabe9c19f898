package demo

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"partnercadence/cadence"
)

// deal is one registration of a partner, with the intro that led to it.
type deal struct {
	reg   cadence.Registration // without its ID
	intro cadence.Date         // zero: the partner made no intro for it
}

// deals returns partner i's registrations, ordinary then special. It is a
// function of (seed, i) only, so the touchpoint pass (which needs the
// intros) and the registration pass make the same deals.
func (g *gen) deals(i int, out []deal) []deal {
	out = out[:0]
	pl := &g.plans[i]
	r := newRand(g.seed, streamDeals, uint64(i))
	last := pl.until
	if pl.silent > 0 {
		last = g.today.AddDays(-pl.silent - 1)
	}
	ordinary := pl.nReg - len(pl.specials)
	for j := 0; j < ordinary; j++ {
		reg := g.newReg(r, pl, g.account(pl.acctBase+j))
		reg.Submitted = between(r, pl.from, last)
		g.settle(r, &reg)
		d := deal{reg: reg}
		if reg.Attribution == cadence.Sourced && chance(r, introChance(pl.p.Type)) {
			d.intro = reg.Submitted.AddDays(-span(r, 0, 6))
			if d.intro.Before(pl.from) {
				d.intro = pl.from
			}
		}
		out = append(out, d)
	}
	fl := g.cfg.Flags
	prot := fl.RegistrationProtectionDays
	for j, s := range pl.specials {
		acct := s.account
		if acct == -1 {
			acct = pl.acctBase + ordinary + j
		}
		reg := g.newReg(r, pl, g.account(acct))
		d := deal{}
		switch s.kind {
		case specOverdue:
			k := 4
			for g.cfg.Holidays.BusinessDaysAfter(g.today.AddDays(-k), g.today) <= fl.RegistrationSLABusinessDays {
				k++
			}
			reg.Submitted = g.today.AddDays(-k - span(r, 0, 5))
			reg.Status = cadence.RegSubmitted
		case specExpiring, specLapsed:
			exp := g.today.AddDays(span(r, 0, fl.RegistrationExpiryWarningDays))
			if s.kind == specLapsed {
				exp = g.today.AddDays(-span(r, 2, 25))
			}
			reg.Decided = exp.AddDays(-prot)
			if chance(r, 0.4) { // protection was extended once
				reg.Decided = reg.Decided.AddDays(-span(r, 10, 30))
				reg.Expires = exp
			}
			reg.Submitted = reg.Decided.AddDays(-span(r, 1, 4))
			reg.Status = cadence.RegApproved
		case specConflictHeld:
			reg.Decided = g.today.AddDays(-span(r, 10, 40))
			reg.Submitted = reg.Decided.AddDays(-span(r, 1, 3))
			reg.Status = cadence.RegApproved
			reg.Attribution = cadence.Sourced
		case specConflictNew:
			// The same customer, written the way this partner's CRM has it.
			reg.Account = strings.ToUpper(reg.Account)
			reg.Submitted = g.today.AddDays(-span(r, 0, 2))
			reg.Status = cadence.RegSubmitted
			reg.Attribution = cadence.Sourced
			d.intro = reg.Submitted
		}
		if reg.Submitted.Before(pl.from) {
			reg.Submitted = pl.from
		}
		d.reg = reg
		out = append(out, d)
	}
	return out
}

// introChance is how often a sourced deal of the partner's type began with
// a logged intro.
func introChance(t cadence.PartnerType) float64 {
	switch t {
	case cadence.TypeReferral:
		return 0.9
	case cadence.TypeReseller, cadence.TypeAgency, cadence.TypeSI:
		return 0.6
	}
	return 0.4
}

// sourcedChance is the share of a type's registrations that it sourced
// (rather than influenced).
func sourcedChance(t cadence.PartnerType) float64 {
	switch t {
	case cadence.TypeReferral:
		return 0.9
	case cadence.TypeReseller:
		return 0.75
	case cadence.TypeAgency:
		return 0.6
	case cadence.TypeMarketplace:
		return 0.5
	case cadence.TypeISV:
		return 0.4
	case cadence.TypeSI:
		return 0.35
	}
	return 0.3
}

var lnAmountRange = math.Log(250_000.0 / 5_000.0)

// newReg starts a registration: partner, account, amount, attribution and
// owner.
func (g *gen) newReg(r *rand.Rand, pl *plan, account string) cadence.Registration {
	// Skewed towards small deals; tier-1 partners bring bigger ones.
	skew := [4]float64{0, 1.3, 1.8, 2.3}[pl.p.Tier]
	amount := int64(5000*math.Exp(math.Pow(r.Float64(), skew)*lnAmountRange)/500+0.5) * 500
	amount = min(max(amount, 5000), 250_000)
	attr := cadence.Influenced
	if chance(r, sourcedChance(pl.p.Type)) {
		attr = cadence.Sourced
	}
	owner := pl.p.Owner
	if amount >= 150_000 {
		owner = g.head // big deals are the head's call
	}
	return cadence.Registration{Partner: pl.p.Name, Account: account, Amount: amount, Attribution: attr, Owner: owner}
}

// settle decides what became of an ordinary registration by today. Nothing
// it leaves open raises a flag: a pending one is inside the SLA, an approved
// one is protected beyond the expiry warning. The flags come from the
// special registrations alone.
func (g *gen) settle(r *rand.Rand, reg *cadence.Registration) {
	if g.today.Sub(reg.Submitted) <= 2 {
		reg.Status = cadence.RegSubmitted
		return
	}
	bd := span(r, 1, 3)
	if chance(r, 0.15) {
		bd = span(r, 4, 8) // decided late: the SLA attainment KPI has something to say
	}
	reg.Decided = g.addBusinessDays(reg.Submitted, bd)
	if reg.Decided.After(g.today) {
		reg.Decided = g.today
	}
	if chance(r, 0.12) {
		reg.Status = cadence.RegRejected
		return
	}
	fl := g.cfg.Flags
	prot := fl.RegistrationProtectionDays
	exp := reg.Decided.AddDays(prot)
	x := r.Float64()
	fate, closed := cadence.RegExpired, exp
	switch {
	case x < 0.45:
		fate, closed = cadence.RegWon, reg.Decided.AddDays(span(r, 5, max(5, prot-2)))
	case x < 0.78:
		fate, closed = cadence.RegLost, reg.Decided.AddDays(span(r, 5, max(5, prot-2)))
	}
	if !closed.After(g.today) {
		reg.Status, reg.Closed = fate, closed
		return
	}
	if exp.Sub(g.today) <= fl.RegistrationExpiryWarningDays {
		// It would be flagged as expiring: it has closed already instead.
		reg.Status = cadence.RegLost
		if chance(r, 0.55) {
			reg.Status = cadence.RegWon
		}
		reg.Closed = between(r, reg.Decided.AddDays(1), g.today)
		return
	}
	reg.Status = cadence.RegApproved
}

// addBusinessDays returns the n-th business day after d.
func (g *gen) addBusinessDays(d cadence.Date, n int) cadence.Date {
	for n > 0 {
		d = d.AddDays(1)
		if g.cfg.Holidays.BusinessDay(d) {
			n--
		}
	}
	return d
}

// Touchpoint kinds by weight, and how often each is inbound.
var (
	touchKinds   = []cadence.TouchKind{cadence.TouchEmail, cadence.TouchCall, cadence.TouchMeeting, cadence.TouchEvent, cadence.TouchNote}
	engagedMix   = []int{42, 22, 14, 6, 16}
	prospectMix  = []int{60, 25, 10, 0, 5}
	inboundShare = []float64{0.5, 0.45, 0.5, 0.4, 0.15}
	// kindNotes is touchNotes by the index of touchKinds.
	kindNotes = func() [][2][]string {
		out := make([][2][]string, len(touchKinds))
		for i, k := range touchKinds {
			out[i] = touchNotes[k]
		}
		return out
	}()
)

// recentInbound is how many days back every engaged partner that is not
// meant to be silent last reached out at the latest: below every tier's
// silence threshold.
const recentInbound = 10

// touches returns partner i's touchpoints, in buf, in no particular order.
func (g *gen) touches(i int, deals []deal, buf []cadence.Touchpoint) []cadence.Touchpoint {
	buf = buf[:0]
	pl := &g.plans[i]
	r := newRand(g.seed, streamTouches, uint64(i))
	name, owner := pl.p.Name, pl.p.Owner

	// Intros first: the unregistered ones always, then those that led to a
	// registration, as many as fit while leaving room for other touches.
	for _, li := range pl.lostIntros {
		d := g.today.AddDays(-li.daysAgo)
		if d.Before(pl.from) {
			d = pl.from
		}
		acct := g.account(li.account)
		buf = append(buf, cadence.Touchpoint{
			Partner: name, Date: d, Kind: cadence.TouchIntro, Direction: cadence.Inbound,
			Account: acct, Note: "Introduced " + acct + "; they are evaluating vendors this quarter", By: owner,
		})
	}
	for k := range deals {
		if len(buf) >= pl.nTouch-1 {
			break
		}
		d := &deals[k]
		if d.intro.IsZero() {
			continue
		}
		buf = append(buf, cadence.Touchpoint{
			Partner: name, Date: d.intro, Kind: cadence.TouchIntro, Direction: cadence.Inbound,
			Account: d.reg.Account, Note: "Intro to " + d.reg.Account, By: owner,
		})
	}
	intros := len(buf)

	mix := engagedMix
	inboundScale := 1.0
	if pl.p.Status == cadence.PartnerProspect {
		mix, inboundScale = prospectMix, 0.5
	}
	for len(buf) < pl.nTouch {
		ki := weighted(r, mix)
		kind := touchKinds[ki]
		dir, notes := cadence.Outbound, kindNotes[ki][1]
		if chance(r, inboundShare[ki]*inboundScale) {
			dir, notes = cadence.Inbound, kindNotes[ki][0]
		}
		by := owner
		switch {
		case kind == cadence.TouchEvent && len(g.sales) > 0 && chance(r, 0.3):
			by = pick(r, g.sales)
		case pl.p.Tier == 1 && chance(r, 0.15):
			by = g.head
		}
		buf = append(buf, cadence.Touchpoint{
			Partner: name, Date: between(r, pl.from, pl.until), Kind: kind, Direction: dir,
			Note: pick(r, notes), By: by,
		})
	}
	others := buf[intros:]

	switch {
	case pl.silent > 0:
		// Quiet since the silent date: only our follow-ups after it.
		quiet := g.today.AddDays(-pl.silent)
		last := -1
		for k := range others {
			t := &others[k]
			if t.Date.After(quiet) {
				t.Direction, t.Kind, t.Note = cadence.Outbound, cadence.TouchEmail, pick(r, silentNotes)
			} else if last < 0 || t.Date.After(others[last].Date) {
				last = k
			}
		}
		if last < 0 {
			last = 0
		}
		t := &others[last]
		t.Date, t.Direction, t.Kind = quiet, cadence.Inbound, cadence.TouchEmail
		t.Note = pickNote(r, t.Kind, t.Direction)
	case pl.engaged():
		// Everyone else reached out recently.
		latest := cadence.Date{}
		newest := 0
		for k := range buf {
			if buf[k].Direction == cadence.Inbound && buf[k].Date.After(latest) {
				latest = buf[k].Date
			}
		}
		if g.today.Sub(latest) > recentInbound {
			for k := range others {
				if others[k].Date.After(others[newest].Date) {
					newest = k
				}
			}
			t := &others[newest]
			if d := g.today.AddDays(-span(r, 0, recentInbound)); d.After(t.Date) {
				t.Date = d
			}
			if t.Date.Before(pl.from) {
				t.Date = pl.from
			}
			if t.Kind == cadence.TouchNote {
				t.Kind = cadence.TouchEmail
			}
			t.Direction = cadence.Inbound
			t.Note = pickNote(r, t.Kind, t.Direction)
		}
	}
	return buf
}

// dateOrder fills order with the indices of buf in date order, ties in
// index order. Sorting packed keys is much faster than moving touchpoints.
func dateOrder(buf []cadence.Touchpoint, order []uint64) []uint64 {
	order = order[:0]
	if len(buf) == 0 {
		return order
	}
	first := buf[0].Date
	for k := range buf {
		if buf[k].Date.Before(first) {
			first = buf[k].Date
		}
	}
	for k := range buf {
		order = append(order, uint64(buf[k].Date.Sub(first))<<32|uint64(k))
	}
	slices.Sort(order)
	return order
}

func pickNote(r *rand.Rand, k cadence.TouchKind, d cadence.Direction) string {
	notes := touchNotes[k]
	if d == cadence.Inbound {
		return pick(r, notes[0])
	}
	return pick(r, notes[1])
}

// emitTouchpoints writes every partner's touchpoints, partner by partner.
func (g *gen) emitTouchpoints(sink Sink) error {
	var ds []deal
	var buf []cadence.Touchpoint
	var order []uint64
	for i := range g.plans {
		ds = g.deals(i, ds)
		buf = g.touches(i, ds, buf)
		order = dateOrder(buf, order)
		for _, k := range order {
			if err := sink.Touchpoint(buf[uint32(k)]); err != nil {
				return err
			}
		}
	}
	return nil
}

// emitRegistrations writes every registration by submitted date. Those
// submitted before the team adopted the app (the config's start) came from
// the CRM and keep its IDs; the rest are, … in submitted order.
func (g *gen) emitRegistrations(sink Sink) error {
	all := make([]cadence.Registration, 0, g.totalRegs)
	var ds []deal
	for i := range g.plans {
		ds = g.deals(i, ds)
		for k := range ds {
			all = append(all, ds[k].reg)
		}
	}
	// By submitted date, ties in partner order: sort packed keys, not
	// registrations.
	order := make([]uint64, len(all))
	for k := range all {
		order[k] = uint64(all[k].Submitted.Sub(g.history.AddDays(-1000)))<<32 | uint64(k)
	}
	slices.Sort(order)
	crm, n := 0, 0
	var id []byte
	for _, k := range order {
		reg := &all[uint32(k)]
		if reg.Submitted.Before(g.start) {
			reg.ID = salesforceID(crm)
			crm++
		} else {
			n++
			id = strconv.AppendInt(append(id[:0], "R-"...), int64(n), 10)
			reg.ID = string(id)
		}
		if err := sink.Registration(*reg); err != nil {
			return err
		}
	}
	g.lastReg = n
	return nil
}

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// salesforceID returns the n-th of a set of distinct 15-character
// Salesforce-style record IDs ("a0B5e00000" and five base-62 digits).
func salesforceID(n int) string {
	const space = 62 * 62 * 62 * 62 * 62 // 916,132,832 = 2^5·31^5
	v := (n*7919 + 104729) % space       // 7919 is prime, coprime with the space
	var b [15]byte
	copy(b[:], "a0B5e00000")
	for i := 14; i >= 10; i-- {
		b[i] = base62[v%62]
		v /= 62
	}
	return string(b[:])
}
