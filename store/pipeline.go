package store

import (
	"bytes"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"partnercadence/cadence"
)

// pipelineData gathers a pipeline review's agenda data (see MeetingData):
// the open registrations, read by their partner's owner from
// bucketRegByOwner so that no partner is decoded for its owner; the
// unregistered intros; the series' actions; the registrations settled since
// the last review. The partners are decoded only for the names of
// cadence.Pipeline's top rows. What it holds is decided in cadence
// (cadence.DealFlags, cadence.PipelineOf, cadence.SinceLastTime).
func pipelineData(tx *bolt.Tx, cfg *cadence.Config, now time.Time, id string) (MeetingData, error) {
	var md MeetingData
	today := cfg.Today(now)
	recs := map[string]cadence.MeetingRecord{}
	if v := tx.Bucket(bucketMeetings).Get([]byte(id)); v != nil {
		j, err := decode[meetingJSON](v)
		if err != nil {
			return md, fmt.Errorf("meeting %s: %w", id, err)
		}
		recs[id] = j.record()
	}
	occ, err := cfg.OccurrenceByID(id, nil, recs)
	if err != nil {
		return md, err
	}
	md.Occurrence = occ
	actions, err := openActions(tx)
	if err != nil {
		return md, err
	}
	window, err := sinceWindow(tx, cfg, occ, nil, today)
	if err != nil {
		return md, err
	}
	var done []cadence.ActionItem
	if !window.First {
		if done, err = seriesDone(tx, occ, window); err != nil {
			return md, err
		}
	}
	md.CarriedOver = cadence.CarriedOverSince(occ, append(slices.Clip(actions), done...), window)

	// The registrations settled since the last review are read after the
	// open ones, into the same slice.
	settledMax := 0
	if !window.First {
		from, end := dateKey(window.From), dateKey(window.To.AddDays(1))
		settledMax = keysBetween(tx.Bucket(bucketRegByDecided), from, end) + keysBetween(tx.Bucket(bucketRegByClosed), from, end)
	}
	intros, err := unregisteredIntros(tx, today.AddDays(-cfg.Flags.IntroLookbackDays))
	if err != nil {
		return md, err
	}
	open, partners, partnerOf, byKey, err := openByOwner(tx, cfg, settledMax, len(intros))
	if err != nil {
		return md, err
	}
	md.Registrations = slices.Clip(open)
	// The partners as the flags and the agenda name them: by their
	// registrations' name, with their owner. Their records are not read.
	md.Partners = partners
	// An intro's partner may have no open registration: its record names
	// it and its owner.
	seen := map[string]bool{}
	for _, in := range intros {
		k := cadence.NameKey(in.Partner)
		if _, ok := byKey[k]; ok || seen[k] {
			continue
		}
		seen[k] = true
		if p, ok := readPartner(tx, cadence.Slug(in.Partner)); ok {
			md.Partners = append(md.Partners, cadence.PartnerActivity{Partner: p})
		}
	}
	md.Flags = cadence.DealFlags(cadence.FlagInput{Now: now, Config: cfg, Partners: md.Partners, Open: open, Intros: intros})
	records := tx.Bucket(bucketPartners)
	pipeline := cadence.PipelineOf(cadence.PipelineInput{
		Open: md.Registrations, Flags: md.Flags, Partners: partners, PartnerOf: partnerOf,
		Partner: func(name string) (cadence.Partner, bool) {
			v := records.Get([]byte(cadence.Slug(name)))
			if v == nil {
				return cadence.Partner{}, false
			}
			p, err := decodePartner(v)
			return p, err == nil
		},
	})
	md.Pipeline = &pipeline
	if window.First {
		md.Since = cadence.Changes{SinceWindow: window}
		return md, nil
	}
	regs, err := settledBetween(tx, open, window.From, window.To)
	if err != nil {
		return md, err
	}
	// The whole team's changes are thousands: the agenda lists the first
	// few of each kind.
	md.Since = cadence.SinceLastTime(cadence.SinceInput{
		Config: cfg, Window: window, Today: today, Partners: md.Partners, Flags: md.Flags, Actions: done,
		Registrations: regs, Limit: cadence.SinceShown,
	})
	return md, nil
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
