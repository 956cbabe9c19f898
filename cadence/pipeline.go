package cadence

import (
	"cmp"
	"slices"
	"strings"
)

// PipelineTopPartners is how many partners a pipeline review names: the
// ones with the most open pipeline. The others are one line, counted and
// summed: a review of thousands of partners is read in a meeting, and the
// long tail is better read on the Partners screen.
const PipelineTopPartners = 20

// DealFlagKinds are the flags a pipeline review decides: it is about deals,
// not meetings, actions or silent partners (those are the 1:1s').
var DealFlagKinds = []FlagKind{
	FlagRegistrationOverdue, FlagRegistrationConflict, FlagRegistrationLapsed,
	FlagRegistrationExpiring, FlagIntroUnregistered,
}

// DealFlags computes the flags of DealFlagKinds at in.Now, sorted as Flags
// sorts them. It reads in.Open, in.Intros and, for the partners' names and
// owners, in.Partners (a partner's activity is not read: a partner with no
// record here is named as its registrations name it and owned by the
// registration's owner, else the head). Records, Actions and Series are
// not read.
func DealFlags(in FlagInput) []Flag {
	cfg := configOrDefault(in.Config)
	x := in.Index
	if !x.of(in.Partners, in.Open) {
		x = NewFlagIndex(in.Partners, in.Open)
	}
	fc := &flagContext{
		cfg: cfg, now: in.Now, today: cfg.Today(in.Now),
		partners: in.Partners, names: x.names, byName: x.byName,
	}
	var out []Flag
	out = fc.registrations(out, in.Open)
	out = fc.conflicts(out, in.Open, x.accounts)
	out = fc.intros(out, in.Intros, in.Open, x.accounts)
	SortFlags(out)
	return out
}

// OwnerPipeline is one owner's open pipeline.
type OwnerPipeline struct {
	// Owner is who decides the registrations: each one's owner, else its
	// partner's; empty for none.
	Owner string
	Open  Split
}

// PartnerPipeline is one partner's open pipeline.
type PartnerPipeline struct {
	// Partner is the partner's name as stored (as its registrations name it
	// when it has no record).
	Partner string
	Owner   string
	Tier    int
	Open    Split
}

// Pipeline is what a pipeline review shows of the open pipeline as a whole.
type Pipeline struct {
	// Open is every open (submitted or approved) registration, by
	// attribution.
	Open Split
	// ByOwner is the open pipeline by owner, the largest first, then by
	// name (the empty owner last among equals).
	ByOwner []OwnerPipeline
	// Partners is how many partners have open pipeline.
	Partners int
	// Top are the PipelineTopPartners partners with the most open pipeline,
	// the largest first, then by name.
	Top []PartnerPipeline
	// Rest is the open pipeline of the partners after Top, RestPartners of
	// them.
	Rest         Split
	RestPartners int
	// Waiting is what is submitted and not decided yet; Overdue, the part
	// of it past the SLA (the registration_overdue flags).
	Waiting, Overdue Deals
}

// PipelineInput is what PipelineOf reads.
type PipelineInput struct {
	// Open is every open registration.
	Open []Registration
	// Owners gives a partner's owner by the NameKey of its name: every
	// partner of Open with an owner.
	Owners map[string]string
	// Flags are the deal flags (DealFlags) of Open: the overdue ones are
	// summed in Waiting.
	Flags []Flag
	// Partner looks a partner's record up by name; it is asked only for the
	// partners of Top (for the tier and the name as stored). Nil, or false,
	// names the partner as its registrations do, tier 0.
	Partner func(name string) (Partner, bool)
	// Top is how many partners to name; 0 means PipelineTopPartners.
	Top int
	// Partners and PartnerOf, optional and together, say whose each
	// registration is: Partners lists the partners of Open once each, as
	// their first registration names them, with their owner, and
	// PartnerOf[i] is the index in Partners of Open[i]'s partner. A caller
	// that grouped the registrations as it read them (the store, by owner)
	// spares PipelineOf grouping them again by name; Owners is then not
	// read.
	Partners  []PartnerActivity
	PartnerOf []int32
}

// PipelineOf sums the open pipeline: in total and by owner by attribution,
// and by partner for the largest few. A registration whose attribution is
// neither sourced nor influenced counts in neither.
func PipelineOf(in PipelineInput) Pipeline {
	top := in.Top
	if top <= 0 {
		top = PipelineTopPartners
	}
	var out Pipeline
	type partner struct {
		name, key, owner string
		open             Split
	}
	var partners []partner
	var partnerOf func(i int, r *Registration) int
	if in.PartnerOf != nil && len(in.PartnerOf) == len(in.Open) {
		partners = make([]partner, len(in.Partners))
		for i := range in.Partners {
			p := &in.Partners[i].Partner
			partners[i] = partner{name: p.Name, owner: p.Owner}
		}
		partnerOf = func(i int, _ *Registration) int { return int(in.PartnerOf[i]) }
	} else {
		// Owners names nearly every partner: the maps and the list are
		// made for that many.
		byKey := make(map[string]int, len(in.Owners))
		byName := make(map[string]int, len(in.Owners)) // the same, by name as written
		partners = make([]partner, 0, len(in.Owners))
		partnerOf = func(_ int, r *Registration) int {
			pi, ok := byName[r.Partner]
			if !ok {
				key := NameKey(r.Partner)
				if pi, ok = byKey[key]; !ok {
					pi = len(partners)
					partners = append(partners, partner{name: r.Partner, key: key, owner: in.Owners[key]})
					byKey[key] = pi
				}
				byName[r.Partner] = pi
			}
			return pi
		}
	}
	// key is a partner's NameKey, worked out when first needed: only ties
	// on amount compare partners by name.
	key := func(i int) string {
		p := &partners[i]
		if p.key == "" {
			p.key = NameKey(p.name)
		}
		return p.key
	}
	byOwner := map[string]int{}      // NameKey → index in out.ByOwner
	ownerSpelled := map[string]int{} // the same, by name as written
	overdue := make(map[string]bool)
	for _, f := range in.Flags {
		if f.Kind == FlagRegistrationOverdue {
			overdue[f.Ref] = true
		}
	}
	for i := range in.Open {
		r := &in.Open[i]
		if !r.Status.Open() {
			continue
		}
		p := &partners[partnerOf(i, r)]
		owner := p.owner
		if strings.TrimSpace(r.Owner) != "" {
			owner = r.Owner
		}
		oi, ok := ownerSpelled[owner]
		if !ok {
			key := NameKey(owner)
			if oi, ok = byOwner[key]; !ok {
				oi = len(out.ByOwner)
				byOwner[key] = oi
				out.ByOwner = append(out.ByOwner, OwnerPipeline{Owner: owner})
			}
			ownerSpelled[owner] = oi
		}
		p.open.add(*r)
		out.ByOwner[oi].Open.add(*r)
		out.Open.add(*r)
		if r.Status == RegSubmitted {
			out.Waiting.Amount += r.Amount
			out.Waiting.Count++
			if overdue[r.ID] {
				out.Overdue.Amount += r.Amount
				out.Overdue.Count++
			}
		}
	}
	slices.SortFunc(out.ByOwner, func(a, b OwnerPipeline) int {
		return cmp.Or(cmp.Compare(b.Open.Total().Amount, a.Open.Total().Amount),
			cmp.Compare(emptyLast(a.Owner), emptyLast(b.Owner)),
			strings.Compare(NameKey(a.Owner), NameKey(b.Owner)))
	})
	// Only the top few are ordered: the others are summed.
	type ranked struct {
		i      int
		amount int64
	}
	byAmount := func(a, b ranked) int {
		if c := cmp.Compare(b.amount, a.amount); c != 0 {
			return c // not cmp.Or: it would work out both keys first
		}
		return strings.Compare(key(a.i), key(b.i))
	}
	best := make([]ranked, 0, top+1)
	for i := range partners {
		p := &partners[i]
		if p.open.Total().Count == 0 {
			continue
		}
		out.Partners++
		addSplit(&out.Rest, p.open)
		r := ranked{i, p.open.Total().Amount}
		if len(best) == top && byAmount(r, best[top-1]) >= 0 {
			continue
		}
		at, _ := slices.BinarySearchFunc(best, r, byAmount)
		best = slices.Insert(best, at, r)
		if len(best) > top {
			best = best[:top]
		}
	}
	out.RestPartners = out.Partners - len(best)
	for _, b := range best {
		p := partners[b.i]
		subSplit(&out.Rest, p.open)
		row := PartnerPipeline{Partner: p.name, Owner: p.owner, Open: p.open}
		if in.Partner != nil {
			if rec, ok := in.Partner(p.name); ok {
				row.Partner, row.Tier = rec.Name, rec.Tier
				if row.Owner == "" {
					row.Owner = rec.Owner
				}
			}
		}
		out.Top = append(out.Top, row)
	}
	return out
}

// emptyLast orders a name before no name.
func emptyLast(name string) int {
	if strings.TrimSpace(name) == "" {
		return 1
	}
	return 0
}

func subSplit(to *Split, s Split) {
	to.Sourced.Amount -= s.Sourced.Amount
	to.Sourced.Count -= s.Sourced.Count
	to.Influenced.Amount -= s.Influenced.Amount
	to.Influenced.Count -= s.Influenced.Count
}

func addSplit(to *Split, s Split) {
	to.Sourced.Amount += s.Sourced.Amount
	to.Sourced.Count += s.Sourced.Count
	to.Influenced.Amount += s.Influenced.Amount
	to.Influenced.Count += s.Influenced.Count
}

// PartnerFigures is one partner's row of a 1:1's pipeline: its open
// registrations and those won in the quarter, by attribution.
type PartnerFigures struct {
	Partner   PartnerActivity
	Open, Won Split
}

// MemberPipeline is a 1:1's pipeline: a row for every one of the member's
// partners, and their totals.
type MemberPipeline struct {
	// Rows are the partners, top tier first, then by name (NameKey).
	Rows []PartnerFigures
	// Open and Won sum the rows.
	Open, Won Split
}

// MemberPipelineOf sums each partner's registrations for a 1:1: open
// (submitted or approved) ones, and those won with a closed date from first
// to last (the quarter's days, both included), each split by attribution;
// a registration whose attribution is neither sourced nor influenced counts
// in neither. A registration is a partner's when its partner's name has the
// partner's NameKey; one whose partner is not in partners is left out.
func MemberPipelineOf(partners []PartnerActivity, regs []Registration, first, last Date) MemberPipeline {
	out := MemberPipeline{Rows: make([]PartnerFigures, len(partners))}
	keys := make([]string, len(partners))
	at := make(map[string]int, len(partners))
	for i := range partners {
		out.Rows[i].Partner = partners[i]
		keys[i] = NameKey(partners[i].Partner.Name)
		at[keys[i]] = i
	}
	var buf [64]byte
	for i := range regs {
		r := &regs[i]
		pi, ok := at[string(AppendNameKey(buf[:0], r.Partner))]
		if !ok {
			continue
		}
		switch row := &out.Rows[pi]; {
		case r.Status.Open():
			row.Open.add(*r)
		case r.Status == RegWon && !r.Closed.IsZero() && !r.Closed.Before(first) && !r.Closed.After(last):
			row.Won.add(*r)
		}
	}
	order := make([]int, len(partners))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		return cmp.Or(cmp.Compare(partners[a].Partner.Tier, partners[b].Partner.Tier), strings.Compare(keys[a], keys[b]), a-b)
	})
	rows := make([]PartnerFigures, len(order))
	for i, j := range order {
		rows[i] = out.Rows[j]
		addSplit(&out.Open, rows[i].Open)
		addSplit(&out.Won, rows[i].Won)
	}
	out.Rows = rows
	return out
}

// DaysSinceInbound returns the days from the partner's last inbound touch
// to today (0 when it is later), and false when there was none.
func (p PartnerActivity) DaysSinceInbound(today Date) (int, bool) {
	if p.LastInbound.IsZero() {
		return 0, false
	}
	return max(0, today.Sub(p.LastInbound)), true
}
