package store

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"

	"partnercadence/cadence"
	"partnercadence/cadence/agenda"
)

// MeetingData is everything a meeting's agenda shows, gathered in one read
// transaction and scoped to the people and partners involved, so that an
// agenda never costs a computation over the whole database.
type MeetingData struct {
	Occurrence  cadence.Occurrence
	CarriedOver []cadence.ActionItem
	// Flags are the flags owned by the people involved or about the
	// partners involved; every flag for a readout; for a pipeline review,
	// the deal flags (cadence.DealFlags: registrations and intros) of the
	// whole team.
	Flags []cadence.Flag
	// Partners are the partners involved: the 1:1 member's, the QBR's
	// partner, every partner for a readout. For a pipeline review, every
	// partner with open pipeline as its registrations name it, with only
	// its Name and Owner (its record is not read: tier, status and
	// activity are zero), and the partner of an unregistered intro that
	// has none, from its record.
	Partners []cadence.PartnerActivity
	// Registrations are those partners' open registrations and those
	// decided or closed this quarter or last; for a pipeline review, the
	// open registrations only (Pipeline sums them; the settled ones are
	// read for Since alone).
	Registrations []cadence.Registration
	// QBRs are the QBR partner's QBR records, oldest first, and
	// PartnerHistory all its registrations (for the scorecard).
	QBRs           []cadence.MeetingRecord
	PartnerHistory []cadence.Registration
	// KPIInput is set for a readout.
	KPIInput *cadence.KPIInput
	// Since is what changed in the meeting's scope since the previous
	// meeting of its series (cadence.SinceLastTime). A pipeline review's and
	// a readout's, the whole team's, hold the first cadence.SinceShown of
	// each kind and count the rest (Changes.Omitted); their touchpoints are
	// not read.
	Since cadence.Changes
	// Pipeline is the open pipeline summed, for a pipeline review
	// (cadence.PipelineOf).
	Pipeline *cadence.Pipeline
}

// MeetingData gathers the agenda data of the occurrence with the given ID.
func (s *Store) MeetingData(cfg *cadence.Config, now time.Time, id string) (MeetingData, error) {
	var md MeetingData
	kind, _, planned, err := cfg.ParseOccurrenceID(id)
	if err != nil {
		return md, err
	}
	if kind == cadence.KindPipeline {
		err = s.view(func(tx *bolt.Tx) error {
			md, err = pipelineData(tx, cfg, now, id)
			return err
		})
		return md, err
	}
	today := cfg.Today(now)
	if kind == cadence.KindReadout {
		q := cfg.Fiscal().QuarterOf(planned)
		if cfg.Readout.Every == cadence.EveryQuarter {
			q = q.Prev() // a quarterly readout reads out the quarter just ended
		}
		kin, err := s.KPIInput(cfg, now, q)
		if err != nil {
			return md, err
		}
		md.KPIInput = &kin
	}
	err = s.view(func(tx *bolt.Tx) error {
		// A 1:1 or a QBR is about a few partners: read just those. A
		// pipeline review or a readout is about everything.
		var everything bool
		var slugs []string
		var owner string // a 1:1's member, whose partners are read
		var partners []cadence.PartnerActivity
		series := cadence.SeriesOf(id)
		switch kind {
		case cadence.KindOneOnOne:
			if m, ok := memberBySlug(cfg, series[len("1on1/"):]); ok {
				owner = m.Name
				if partners, err = ownedActivity(tx, m.Name); err != nil {
					return err
				}
				for _, a := range partners {
					slugs = append(slugs, a.Partner.Slug())
				}
			}
		case cadence.KindQBR:
			slugs = []string{series[len("qbr/"):]}
			if a, ok := activityOf(tx, slugs[0]); ok {
				partners = append(partners, a)
			}
		case cadence.KindPipeline, cadence.KindReadout:
			everything = true
			if partners, err = allActivity(tx); err != nil {
				return err
			}
		}
		involved := make(map[string]bool, len(slugs))
		plain := make([]cadence.Partner, len(partners))
		for i, a := range partners {
			plain[i] = a.Partner
			if !everything {
				involved[a.Partner.Slug()] = true
			}
		}
		// A 1:1's or a QBR's flags are its people's and partners': the
		// missed meetings worth checking are those of its own series and of
		// its partners' QBRs, so only their records are read.
		var scope []string
		var keep func(id []byte) bool
		if !everything {
			scope = append(make([]string, 0, len(slugs)+1), series)
			if kind == cadence.KindOneOnOne {
				for _, slug := range slugs {
					scope = append(scope, string(cadence.KindQBR)+"/"+slug)
				}
			}
			inScope := make(map[string]bool, len(scope))
			for _, s := range scope {
				inScope[s] = true
			}
			keep = func(id []byte) bool {
				i := bytes.LastIndexByte(id, '/')
				return i > 0 && inScope[string(id[:i])]
			}
		}
		recs, err := recordStubsBetween(tx, today.AddDays(-cfg.Flags.MissedLookbackDays), today, keep)
		if err != nil {
			return err
		}
		if err := comingRecords(tx, cfg, now, recs, keep); err != nil {
			return err
		}
		if v := tx.Bucket(bucketMeetings).Get([]byte(id)); v != nil {
			j, err := decode[meetingJSON](v)
			if err != nil {
				return fmt.Errorf("meeting %s: %w", id, err)
			}
			recs[id] = j.record()
		} else {
			delete(recs, id)
		}
		occ, err := cfg.OccurrenceByID(id, plain, recs)
		if err != nil {
			return err
		}
		md.Occurrence = occ
		actions, err := openActions(tx)
		if err != nil {
			return err
		}
		window, err := sinceWindow(tx, cfg, occ, plain, today)
		if err != nil {
			return err
		}
		var done []cadence.ActionItem // of the series' earlier meetings
		if !window.First {
			if done, err = seriesDone(tx, occ, window); err != nil {
				return err
			}
		}
		md.CarriedOver = cadence.CarriedOverSince(occ, append(slices.Clip(actions), done...), window)

		var people []string
		if occ.Kind == cadence.KindOneOnOne {
			people = []string{occ.Member}
		}
		if occ.Kind == cadence.KindPipeline {
			open, err := openRegistrations(tx)
			if err != nil {
				return err
			}
			for _, r := range open {
				involved[cadence.Slug(r.Partner)] = true
			}
			md.Registrations = open
		}
		switch {
		case !everything:
			md.Partners = partners // a 1:1's or a QBR's partners are all involved
		case occ.Kind == cadence.KindPipeline:
			for _, a := range partners {
				if involved[a.Partner.Slug()] {
					md.Partners = append(md.Partners, a)
				}
			}
		}
		if occ.Kind == cadence.KindQBR {
			if md.QBRs, err = qbrRecords(tx, slugs[0]); err != nil {
				return err
			}
		}

		var ownRegs []cadence.Registration // a 1:1's or a QBR's partners' registrations
		in := cadence.FlagInput{Now: now, Config: cfg, Records: recs, Partners: partners, Actions: actions, Series: scope}
		if everything {
			if in.Open = md.Registrations; occ.Kind != cadence.KindPipeline {
				// A pipeline review read them above.
				if in.Open, err = openRegistrations(tx); err != nil {
					return err
				}
			}
			if in.Intros, err = unregisteredIntros(tx, today.AddDays(-cfg.Flags.IntroLookbackDays)); err != nil {
				return err
			}
		} else {
			fiscal := cfg.Fiscal()
			since, _ := fiscal.Bounds(fiscal.QuarterOf(occ.Date).Prev())
			if !window.First && window.From.Before(since) {
				since = window.From // what changed since last time is read too
			}
			var regs []cadence.Registration
			switch {
			case occ.Kind == cadence.KindQBR && len(slugs) == 1:
				// A QBR's scorecard reads the partner's whole history.
				regs, err = partnerRegistrations(tx, slugs[0])
				md.PartnerHistory = regs
			case occ.Kind == cadence.KindOneOnOne && len(slugs) > 0:
				regs, err = ownerRegistrations(tx, owner, since)
			}
			ownRegs = regs
			if err != nil {
				return err
			}
			// The agenda lists the open ones and those decided or closed in
			// the meeting's quarter or the one before: all a 1:1 read.
			md.Registrations = regs
			if occ.Kind == cadence.KindQBR {
				md.Registrations = slices.DeleteFunc(slices.Clone(regs), func(r cadence.Registration) bool {
					return !r.Status.Open() && r.Decided.Before(since) && r.Closed.Before(since)
				})
			}
			open := make([]cadence.Registration, 0, countOpen(regs))
			for _, r := range regs {
				if r.Status.Open() {
					open = append(open, r)
				}
			}
			introsCursor := tx.Bucket(bucketIntros).Cursor()
			for _, slug := range slugs {
				intros, err := partnerIntros(introsCursor, slug)
				if err != nil {
					return err
				}
				in.Intros = append(in.Intros, intros...)
			}
			// A conflict needs the other side: open registrations of
			// other partners naming the same accounts.
			others, err := rivals(tx, open, involved)
			if err != nil {
				return err
			}
			in.Open = append(open, others...)
		}
		if occ.Kind == cadence.KindPipeline {
			// A pipeline review is about deals, not meetings or actions.
			in.Records, in.Actions = nil, nil
		}
		for _, f := range cadence.Flags(in) {
			if everything || owns(people, f.Owner) || involved[cadence.Slug(f.Partner)] {
				md.Flags = append(md.Flags, f)
			}
		}
		if !window.First {
			sin := cadence.SinceInput{Config: cfg, Window: window, Today: today, Partners: partners, Flags: md.Flags, Actions: done}
			switch {
			case everything:
				open := md.Registrations
				if occ.Kind != cadence.KindPipeline {
					open = in.Open
				}
				if sin.Registrations, err = settledBetween(tx, slices.Clip(open), window.From, window.To); err != nil {
					return err
				}
				// The whole team's changes are thousands: the agenda
				// lists the first few of each kind.
				sin.Limit = cadence.SinceShown
			case occ.Kind == cadence.KindQBR:
				sin.Registrations = md.PartnerHistory
			default:
				sin.Registrations = ownRegs
			}
			// Touchpoints are read per partner: for a 1:1's or a QBR's
			// few. A pipeline review's or a readout's every partner would
			// be a month's or a quarter's touchpoints of the whole team,
			// tens of milliseconds on the large demo: left out there.
			if !everything {
				if sin.Touchpoints, err = touchesBetween(tx, partners, window.From, window.To); err != nil {
					return err
				}
			}
			md.Since = cadence.SinceLastTime(sin)
		} else {
			md.Since = cadence.Changes{SinceWindow: window}
		}
		sort.Slice(md.Registrations, func(i, j int) bool {
			a, b := &md.Registrations[i], &md.Registrations[j] // not copies: a registration is big
			if a.Submitted != b.Submitted {
				return a.Submitted.Before(b.Submitted)
			}
			return a.ID < b.ID
		})
		return nil
	})
	return md, err
}

// memberBySlug finds the team member whose name slugs to slug.
func memberBySlug(cfg *cadence.Config, slug string) (cadence.Member, bool) {
	for _, m := range cfg.Team {
		if m.Slug() == slug {
			return m, true
		}
	}
	return cadence.Member{}, false
}

// ownedActivity returns the partners a member owns with their activity
// summaries: one prefix read of bucketPartnersByOwner, which carries the
// partners, and a lookup of each summary.
func ownedActivity(tx *bolt.Tx, member string) ([]cadence.PartnerActivity, error) {
	prefix := append([]byte(cadence.NameKey(member)), 0)
	b := tx.Bucket(bucketPartnersByOwner)
	out := make([]cadence.PartnerActivity, 0, keysBetween(b, prefix, prefixEnd(prefix)))
	activity := tx.Bucket(bucketActivity).Cursor() // one cursor for every lookup
	c := b.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		slug := k[len(prefix):]
		p, err := decodePartner(v)
		if err != nil {
			return nil, fmt.Errorf("partner %s: %w", slug, err)
		}
		var summary []byte
		if ak, av := activity.Seek(slug); bytes.Equal(ak, slug) {
			summary = av
		}
		out = append(out, withActivity(p, summary))
	}
	return out, nil
}

// activityOf returns one partner with its activity summary.
func activityOf(tx *bolt.Tx, slug string) (cadence.PartnerActivity, bool) {
	p, ok := readPartner(tx, slug)
	if !ok {
		return cadence.PartnerActivity{}, false
	}
	return withActivity(p, tx.Bucket(bucketActivity).Get([]byte(slug))), true
}

// partnerIntros returns one partner's unregistered intros; c is a cursor
// of bucketIntros.
func partnerIntros(c *bolt.Cursor, slug string) ([]cadence.Intro, error) {
	var out []cadence.Intro
	prefix := append([]byte(slug), 0)
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		in, err := decode[cadence.Intro](v)
		if err != nil {
			return nil, fmt.Errorf("intro %q: %w", k, err)
		}
		out = append(out, in)
	}
	return out, nil
}

// rivals returns the open registrations of partners outside involved that
// name the same account as one of open: the other side of a conflict.
func rivals(tx *bolt.Tx, open []cadence.Registration, involved map[string]bool) ([]cadence.Registration, error) {
	var out []cadence.Registration
	seen := map[string]bool{}
	openBucket := tx.Bucket(bucketRegOpen)
	c := tx.Bucket(bucketRegOpenByAccount).Cursor()
	for _, r := range open {
		prefix := append([]byte(cadence.AccountKey(r.Account)), 0)
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			rest := k[len(prefix):]
			i := bytes.IndexByte(rest, 0)
			if i < 0 || involved[string(rest[:i])] {
				continue
			}
			id := string(rest[i+1:])
			v := openBucket.Get([]byte(id))
			if v == nil || seen[id] {
				continue
			}
			seen[id] = true
			other, err := decodeRegistration(v)
			if err != nil {
				return nil, fmt.Errorf("registration %s: %w", id, err)
			}
			out = append(out, other)
		}
	}
	return out, nil
}

func countOpen(regs []cadence.Registration) int {
	n := 0
	for _, r := range regs {
		if r.Status.Open() {
			n++
		}
	}
	return n
}

func owns(people []string, owner string) bool {
	for _, p := range people {
		if cadence.NameKey(p) == cadence.NameKey(owner) {
			return true
		}
	}
	return false
}

// qbrRecords returns a partner's QBR records, oldest first: a prefix seek,
// since records are keyed by ID and QBR IDs start qbr/<slug>/.
func qbrRecords(tx *bolt.Tx, slug string) ([]cadence.MeetingRecord, error) {
	var out []cadence.MeetingRecord
	prefix := []byte("qbr/" + slug + "/")
	c := tx.Bucket(bucketMeetings).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		j, err := decode[meetingJSON](v)
		if err != nil {
			return nil, fmt.Errorf("meeting %s: %w", k, err)
		}
		out = append(out, j.record())
	}
	return out, nil
}

// AgendaInput is MeetingData shaped for cadence/agenda: the scorecard and
// the last QBR's record for a QBR, the KPIs and top partners for a readout.
func (s *Store) AgendaInput(cfg *cadence.Config, now time.Time, id string) (agenda.Input, error) {
	md, err := s.MeetingData(cfg, now, id)
	if err != nil {
		return agenda.Input{}, err
	}
	in := agenda.Input{
		Config: cfg, Now: now, Occurrence: md.Occurrence, CarriedOver: md.CarriedOver,
		Flags: md.Flags, Partners: md.Partners, Registrations: md.Registrations,
		Since: &md.Since, Pipeline: md.Pipeline,
	}
	occ := md.Occurrence
	if occ.Kind == cadence.KindQBR && len(md.Partners) == 1 {
		sc := cadence.Scorecard(md.Partners[0], md.PartnerHistory, md.QBRs, occ.Quarter, cfg)
		in.Scorecard = &sc
		for i := len(md.QBRs) - 1; i >= 0; i-- {
			if md.QBRs[i].ID < occ.ID {
				last := md.QBRs[i]
				in.LastQBR = &last
				break
			}
		}
	}
	if md.KPIInput != nil {
		k := cadence.ComputeKPIs(*md.KPIInput)
		in.KPIs = &k
		first, last := cfg.Fiscal().Bounds(md.KPIInput.Quarter)
		in.Top = agenda.TopPartners(md.KPIInput.Registrations, first, last, 10)
	}
	return in, nil
}
