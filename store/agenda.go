package store

import (
	"bytes"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"partnercadence/cadence"
	"partnercadence/cadence/agenda"
)

// AgendaInput is the agenda of the occurrence with the given ID: planned by
// agenda.PlanFor, answered here with keyed queries in one read transaction
// (a readout's KPI input in one more) scoped to the people and partners
// involved, so that an agenda never costs a computation over the whole
// database, and assembled by agenda.Assemble, which decides what it shows.
// It is what `cadence agenda` writes and the meeting screen shows.
func (s *Store) AgendaInput(cfg *cadence.Config, now time.Time, id string) (agenda.Input, error) {
	plan, err := agenda.PlanFor(cfg, id)
	if err != nil {
		return agenda.Input{}, err
	}
	a := agenda.Answers{Now: now}
	if plan.KPIs != (cadence.Quarter{}) {
		kin, err := s.KPIInput(cfg, now, plan.KPIs)
		if err != nil {
			return agenda.Input{}, err
		}
		a.KPIInput = &kin
	}
	var in agenda.Input
	err = s.view(func(tx *bolt.Tx) error {
		read := answer
		if plan.Partners == agenda.PipelinePartners {
			read = pipelineAnswers
		}
		if err := read(tx, cfg, now, plan, &a); err != nil {
			return err
		}
		// In the transaction: a.PartnerRecord reads it.
		in = agenda.Assemble(cfg, plan, a)
		return nil
	})
	return in, err
}

// answer reads a plan of every scope but agenda.PipelinePartners.
func answer(tx *bolt.Tx, cfg *cadence.Config, now time.Time, plan agenda.Plan, a *agenda.Answers) error {
	today := cfg.Today(now)
	var err error
	switch plan.Partners {
	case agenda.MemberPartners:
		if plan.Member != "" {
			if a.Partners, err = ownedActivity(tx, plan.Member); err != nil {
				return err
			}
		}
	case agenda.OnePartner:
		if p, ok := activityOf(tx, plan.Partner); ok {
			a.Partners = []cadence.PartnerActivity{p}
		}
	case agenda.EveryPartner:
		if a.Partners, err = allActivity(tx); err != nil {
			return err
		}
	}
	plain := make([]cadence.Partner, len(a.Partners))
	for i, p := range a.Partners {
		plain[i] = p.Partner
	}
	var keep func(id []byte) bool
	if series, all := plan.MissedSeries(a.Partners); !all {
		inScope := make(map[string]bool, len(series))
		for _, s := range series {
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
	if v := tx.Bucket(bucketMeetings).Get([]byte(plan.ID)); v != nil {
		j, err := decode[meetingJSON](v)
		if err != nil {
			return fmt.Errorf("meeting %s: %w", plan.ID, err)
		}
		recs[plan.ID] = j.record()
	} else {
		delete(recs, plan.ID)
	}
	if err := seriesAnswers(tx, cfg, plan, plain, recs, today, a); err != nil {
		return err
	}
	if plan.QBRs {
		if a.QBRs, err = qbrRecords(tx, plan.Partner); err != nil {
			return err
		}
	}
	if plan.Registrations == agenda.OpenRegistrations {
		if a.Registrations, err = openRegistrations(tx); err != nil {
			return err
		}
		if a.Intros, err = unregisteredIntros(tx, today.AddDays(-cfg.Flags.IntroLookbackDays)); err != nil {
			return err
		}
		if !a.Window.First {
			a.Changed, err = settledBetween(tx, slices.Clip(a.Registrations), a.Window.From, a.Window.To)
		}
		return err
	}
	if len(a.Partners) == 0 {
		return nil
	}
	switch plan.Registrations {
	case agenda.PartnerRegistrations:
		a.Registrations, err = partnerRegistrations(tx, plan.Partner)
	case agenda.MemberRegistrations:
		a.Registrations, err = ownerRegistrations(tx, plan.Member, plan.RegistrationsFrom(cfg, a.Occurrence, a.Window))
	}
	if err != nil {
		return err
	}
	involved := make(map[string]bool, len(a.Partners))
	introsCursor := tx.Bucket(bucketIntros).Cursor()
	for _, p := range a.Partners {
		slug := p.Partner.Slug()
		involved[slug] = true
		intros, err := partnerIntros(introsCursor, slug)
		if err != nil {
			return err
		}
		a.Intros = append(a.Intros, intros...)
	}
	if a.Rivals, err = rivals(tx, a.Registrations, involved); err != nil {
		return err
	}
	if !a.Window.First {
		a.Touchpoints, err = touchesBetween(tx, a.Partners, a.Window.From, a.Window.To)
		dropMapped(tx)
	}
	return err
}

// seriesAnswers places the meeting (with the records read, recs, which
// hold its own) and reads what every agenda shows of its series: the open
// action items, the window "since last time" covers and the actions done
// in it.
func seriesAnswers(tx *bolt.Tx, cfg *cadence.Config, plan agenda.Plan, partners []cadence.Partner, recs map[string]cadence.MeetingRecord, today cadence.Date, a *agenda.Answers) error {
	var err error
	a.Records = recs
	if a.Occurrence, err = cfg.OccurrenceByID(plan.ID, partners, recs); err != nil {
		return err
	}
	if a.Actions, err = openActions(tx); err != nil {
		return err
	}
	if a.Window, err = sinceWindow(tx, cfg, a.Occurrence, partners, today); err != nil {
		return err
	}
	if !a.Window.First {
		a.Done, err = seriesDone(tx, a.Occurrence, a.Window)
	}
	return err
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
// name the same account as one of the open ones of regs: the other side of
// a conflict.
func rivals(tx *bolt.Tx, regs []cadence.Registration, involved map[string]bool) ([]cadence.Registration, error) {
	var out []cadence.Registration
	seen := map[string]bool{}
	openBucket := tx.Bucket(bucketRegOpen)
	c := tx.Bucket(bucketRegOpenByAccount).Cursor()
	for _, r := range regs {
		if !r.Status.Open() {
			continue
		}
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
