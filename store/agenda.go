package store

import (
	"bytes"
	"fmt"
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
	// partners involved (all registration and intro flags for a pipeline
	// review; every flag for a readout).
	Flags []cadence.Flag
	// Partners are the partners involved: the 1:1 member's, the QBR's
	// partner, every partner with open pipeline for a pipeline review.
	Partners []cadence.PartnerActivity
	// Registrations are those partners' open registrations and those
	// decided or closed this quarter or last.
	Registrations []cadence.Registration
	// QBRs are the QBR partner's QBR records, oldest first, and
	// PartnerHistory all its registrations (for the scorecard).
	QBRs           []cadence.MeetingRecord
	PartnerHistory []cadence.Registration
	// KPIInput is set for a readout.
	KPIInput *cadence.KPIInput
}

// MeetingData gathers the agenda data of the occurrence with the given ID.
func (s *Store) MeetingData(cfg *cadence.Config, now time.Time, id string) (MeetingData, error) {
	var md MeetingData
	kind, _, planned, err := cfg.ParseOccurrenceID(id)
	if err != nil {
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
		all, err := allActivity(tx)
		if err != nil {
			return err
		}
		partners := make([]cadence.Partner, len(all))
		for i, a := range all {
			partners[i] = a.Partner
		}
		recs, err := recordStubsBetween(tx, today.AddDays(-cfg.Flags.MissedLookbackDays), today)
		if err != nil {
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
		occ, err := cfg.OccurrenceByID(id, partners, recs)
		if err != nil {
			return err
		}
		md.Occurrence = occ
		actions, err := openActions(tx)
		if err != nil {
			return err
		}
		md.CarriedOver = cadence.CarriedOver(occ, actions)
		open, err := openRegistrations(tx)
		if err != nil {
			return err
		}
		intros, err := unregisteredIntros(tx)
		if err != nil {
			return err
		}

		// Who and what the meeting is about.
		involved := map[string]bool{} // partner slugs
		var people []string
		switch occ.Kind {
		case cadence.KindOneOnOne:
			people = []string{occ.Member}
			for _, a := range all {
				if cadence.NameKey(a.Partner.Owner) == cadence.NameKey(occ.Member) {
					involved[a.Partner.Slug()] = true
				}
			}
		case cadence.KindQBR:
			involved[cadence.Slug(occ.Partner)] = true
			md.QBRs, err = qbrRecords(tx, cadence.Slug(occ.Partner))
			if err != nil {
				return err
			}
		case cadence.KindPipeline:
			for _, r := range open {
				involved[cadence.Slug(r.Partner)] = true
			}
		}
		everything := occ.Kind == cadence.KindReadout || occ.Kind == cadence.KindPipeline
		in := cadence.FlagInput{Now: now, Config: cfg, Records: recs}
		for _, a := range all {
			if everything || involved[a.Partner.Slug()] {
				in.Partners = append(in.Partners, a)
			}
			if involved[a.Partner.Slug()] {
				md.Partners = append(md.Partners, a)
			}
		}
		// Registrations of the partners involved, plus any other open
		// one naming the same account: a conflict needs both sides.
		accounts := map[string]bool{}
		for _, r := range open {
			if everything || involved[cadence.Slug(r.Partner)] {
				accounts[cadence.AccountKey(r.Account)] = true
			}
		}
		for _, r := range open {
			if accounts[cadence.AccountKey(r.Account)] {
				in.Open = append(in.Open, r)
			}
		}
		for _, i := range intros {
			if everything || involved[cadence.Slug(i.Partner)] {
				in.Intros = append(in.Intros, i)
			}
		}
		// Open actions are few: let the flags decide which concern the
		// meeting (an action from a partner's QBR is about that partner).
		in.Actions = actions
		if occ.Kind == cadence.KindPipeline {
			// A pipeline review is about deals, not meetings or actions.
			in.Records, in.Actions = nil, nil
		}
		for _, f := range cadence.Flags(in) {
			if everything || owns(people, f.Owner) || involved[cadence.Slug(f.Partner)] {
				md.Flags = append(md.Flags, f)
			}
		}

		// The partners' registrations: open ones, and those decided or
		// closed in the meeting's quarter or the one before.
		fiscal := cfg.Fiscal()
		thisQ := fiscal.QuarterOf(occ.Date)
		since, _ := fiscal.Bounds(thisQ.Prev())
		recent := func(r cadence.Registration) bool {
			return r.Status.Open() || !r.Decided.Before(since) || !r.Closed.Before(since)
		}
		if occ.Kind == cadence.KindPipeline {
			md.Registrations = append(md.Registrations, open...)
		} else {
			for slug := range involved {
				regs, err := partnerRegistrations(tx, slug)
				if err != nil {
					return err
				}
				if occ.Kind == cadence.KindQBR {
					md.PartnerHistory = regs
				}
				for _, r := range regs {
					if recent(r) {
						md.Registrations = append(md.Registrations, r)
					}
				}
			}
		}
		sort.Slice(md.Registrations, func(i, j int) bool {
			a, b := md.Registrations[i], md.Registrations[j]
			if a.Submitted != b.Submitted {
				return a.Submitted.Before(b.Submitted)
			}
			return a.ID < b.ID
		})
		return nil
	})
	return md, err
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
