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

// pipelineAnswers reads a pipeline review's plan (agenda.PipelinePartners):
// the open registrations, read by their partner's owner from
// bucketRegByOwner so that no partner is decoded for its owner; the
// unregistered intros; the series' actions; the registrations settled since
// the last review. A partner's record is decoded only when asked for, for
// the names of cadence.Pipeline's top rows.
func pipelineAnswers(tx *bolt.Tx, cfg *cadence.Config, now time.Time, plan agenda.Plan, a *agenda.Answers) error {
	today := cfg.Today(now)
	recs := map[string]cadence.MeetingRecord{}
	if v := tx.Bucket(bucketMeetings).Get([]byte(plan.ID)); v != nil {
		j, err := decode[meetingJSON](v)
		if err != nil {
			return fmt.Errorf("meeting %s: %w", plan.ID, err)
		}
		recs[plan.ID] = j.record()
	}
	if err := seriesAnswers(tx, cfg, plan, nil, recs, today, a); err != nil {
		return err
	}
	// The registrations settled since the last review are read after the
	// open ones, into the same slice.
	settledMax := 0
	if !a.Window.First {
		from, end := dateKey(a.Window.From), dateKey(a.Window.To.AddDays(1))
		settledMax = keysBetween(tx.Bucket(bucketRegByDecided), from, end) + keysBetween(tx.Bucket(bucketRegByClosed), from, end)
	}
	var err error
	if a.Intros, err = unregisteredIntros(tx, today.AddDays(-cfg.Flags.IntroLookbackDays)); err != nil {
		return err
	}
	open, partners, partnerOf, byKey, err := openByOwner(tx, cfg, settledMax, len(a.Intros))
	if err != nil {
		return err
	}
	a.Registrations, a.PartnerOf = slices.Clip(open), partnerOf
	// The partners as the flags and the agenda name them: by their
	// registrations' name, with their owner. An intro's partner may have no
	// open registration: its record names it and its owner.
	seen := map[string]bool{}
	for _, in := range a.Intros {
		k := cadence.NameKey(in.Partner)
		if _, ok := byKey[k]; ok || seen[k] {
			continue
		}
		seen[k] = true
		if p, ok := readPartner(tx, cadence.Slug(in.Partner)); ok {
			partners = append(partners, cadence.PartnerActivity{Partner: p})
		}
	}
	a.Partners = partners
	records := tx.Bucket(bucketPartners)
	a.PartnerRecord = func(name string) (cadence.Partner, bool) {
		v := records.Get([]byte(cadence.Slug(name)))
		if v == nil {
			return cadence.Partner{}, false
		}
		p, err := decodePartner(v)
		return p, err == nil
	}
	if !a.Window.First {
		a.Changed, err = settledBetween(tx, open, a.Window.From, a.Window.To)
	}
	return err
}

// openByOwner returns every open registration; their partners, in the
// order they first appear, each named as a registration names it and with
// its owner; the index in those partners of each registration's partner
// (cadence.PipelineInput.PartnerOf); and each partner's index by the
// NameKey of its name. One seek per owner to the open end of its range of
// bucketRegByOwner (the open ones sort after every settled day), keyed by
// the NameKey of the partner's owner. An owner is named as the team lists
// them, else as one of their partners' records writes it. The slices have
// room for extra more registrations and extraPartners more partners.
func openByOwner(tx *bolt.Tx, cfg *cadence.Config, extra, extraPartners int) ([]cadence.Registration, []cadence.PartnerActivity, []int32, map[string]int, error) {
	team := make(map[string]string, len(cfg.Team))
	for _, m := range cfg.Team {
		team[cadence.NameKey(m.Name)] = m.Name
	}
	// Room to spare costs little: memory a fresh process never writes to is
	// never paged in. A map's is, so maps are sized for the two partners in
	// three registrations of the demo.
	n := keysBetween(tx.Bucket(bucketRegOpen), nil, nil)
	out := make([]cadence.Registration, 0, n+extra)
	partners := make([]cadence.PartnerActivity, 0, n+extraPartners)
	partnerOf := make([]int32, 0, n)
	at := make(map[string]int, n*2/3) // NameKey → index in partners
	var buf [64]byte                  // a name's key, looked up without allocating
	byOwner := tx.Bucket(bucketPartnersByOwner).Cursor()
	c := tx.Bucket(bucketRegByOwner).Cursor()
	openDay := []byte{0xff, 0xff, 0xff, 0xff}
	for k, _ := c.First(); k != nil; {
		i := bytes.IndexByte(k, 0)
		if i < 0 {
			return nil, nil, nil, nil, fmt.Errorf("registrations by owner: a key with no owner: %q", k)
		}
		prefix := append(bytes.Clone(k[:i]), 0)
		key := string(k[:i])
		name, ok := team[key]
		if !ok && key != "" {
			if pk, pv := byOwner.Seek(prefix); pk != nil && bytes.HasPrefix(pk, prefix) {
				p, err := decodePartner(pv)
				if err != nil {
					return nil, nil, nil, nil, fmt.Errorf("partner %s: %w", pk[len(prefix):], err)
				}
				name = p.Owner
			}
		}
		from := append(slices.Clip(prefix), openDay...)
		var v []byte
		for k, v = c.Seek(from); k != nil && bytes.HasPrefix(k, from); k, v = c.Next() {
			r, err := decodeRegistration(v)
			if err != nil {
				return nil, nil, nil, nil, fmt.Errorf("registration %s: %w", k[len(from)+1:], err)
			}
			out = append(out, r)
			pk := cadence.AppendNameKey(buf[:0], r.Partner)
			pi, ok := at[string(pk)]
			if !ok {
				pi = len(partners)
				at[string(pk)] = pi
				partners = append(partners, cadence.PartnerActivity{Partner: cadence.Partner{Name: r.Partner, Owner: name}})
			}
			partnerOf = append(partnerOf, int32(pi))
			// The last owner that holds the partner's registrations owns it
			// (a change of owner moves them all: there is one).
			partners[pi].Partner.Owner = name
		}
		if k != nil && bytes.HasPrefix(k, prefix) {
			k, _ = c.Seek(prefixEnd(prefix))
		}
	}
	return out, partners, partnerOf, at, nil
}
