package store

import (
	"bytes"
	"fmt"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"

	"partnercadence/cadence"
)

// Partners returns every partner, sorted by ID (slug).
func (s *Store) Partners() ([]cadence.Partner, error) {
	var out []cadence.Partner
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, err = allPartners(tx)
		return err
	})
	return out, err
}

func allPartners(tx *bolt.Tx) ([]cadence.Partner, error) {
	b := tx.Bucket(bucketPartners)
	var out []cadence.Partner
	err := b.ForEach(func(k, v []byte) error {
		p, err := decodePartner(v)
		if err != nil {
			return fmt.Errorf("partner %s: %w", k, err)
		}
		out = append(out, p)
		return nil
	})
	return out, err
}

// Partner returns the partner with the given name (matched by its ID form,
// so "acme inc" finds "Acme, Inc.").
func (s *Store) Partner(name string) (cadence.Partner, bool, error) {
	var p cadence.Partner
	var ok bool
	err := s.view(func(tx *bolt.Tx) error {
		p, ok = readPartner(tx, cadence.Slug(name))
		return nil
	})
	return p, ok, err
}

// Activity returns every partner with its current activity summary.
func (s *Store) Activity() ([]cadence.PartnerActivity, error) {
	var out []cadence.PartnerActivity
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, err = allActivity(tx)
		return err
	})
	return out, err
}

// allActivity walks the partners and their summaries side by side: both
// buckets are keyed by slug, so two cursors replace a lookup per partner.
func allActivity(tx *bolt.Tx) ([]cadence.PartnerActivity, error) {
	pb := tx.Bucket(bucketPartners)
	out := make([]cadence.PartnerActivity, 0, getU64(tx.Bucket(bucketMeta), partnerCountKey))
	sums := tx.Bucket(bucketActivity).Cursor()
	sk, sv := sums.First()
	pc := pb.Cursor()
	for k, v := pc.First(); k != nil; k, v = pc.Next() {
		p, err := decodePartner(v)
		if err != nil {
			return nil, fmt.Errorf("partner %s: %w", k, err)
		}
		for sk != nil && bytes.Compare(sk, k) < 0 {
			sk, sv = sums.Next()
		}
		var summary []byte
		if bytes.Equal(sk, k) {
			summary = sv
		}
		out = append(out, withActivity(p, summary))
	}
	return out, nil
}

// withActivity joins a partner and its encoded activity summary (nil: none
// yet).
func withActivity(p cadence.Partner, summary []byte) cadence.PartnerActivity {
	a := decodeActivity(summary)
	return cadence.PartnerActivity{
		Partner: p, LastInbound: a.LastInbound, LastTouch: a.LastTouch,
		FirstWon: a.FirstWon, OpenRegistrations: a.Open,
	}
}

// FlagInput gathers, in one read transaction, everything cadence.Flags needs
// at now: summaries and indexes only, never history.
func (s *Store) FlagInput(cfg *cadence.Config, now time.Time) (cadence.FlagInput, error) {
	in := cadence.FlagInput{Now: now, Config: cfg}
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		if in.Partners, err = allActivity(tx); err != nil {
			return err
		}
		if in.Open, err = openRegistrations(tx); err != nil {
			return err
		}
		return flagRest(tx, &in)
	})
	return in, err
}

// flagRest reads into in, whose partners and open registrations are read,
// the rest of what the flags need: the unregistered intros of the lookback,
// the open actions, and the records of the missed-meeting lookback and of
// the meetings prep_hours ahead.
func flagRest(tx *bolt.Tx, in *cadence.FlagInput) error {
	cfg, today := in.Config, in.Config.Today(in.Now)
	var err error
	if in.Intros, err = unregisteredIntros(tx, today.AddDays(-cfg.Flags.IntroLookbackDays)); err != nil {
		return err
	}
	if in.Actions, err = openActions(tx); err != nil {
		return err
	}
	if in.Records, err = recordStubsBetween(tx, today.AddDays(-cfg.Flags.MissedLookbackDays), today, nil); err != nil {
		return err
	}
	return comingRecords(tx, cfg, in.Now, in.Records, nil)
}

// comingRecords puts into recs, in full, the records of the meetings from
// today to the end of the flags' prep_hours ahead of now: meeting_unprepared
// reads their talking points, which the stubs leave out. keep is as for
// recordStubsBetween.
func comingRecords(tx *bolt.Tx, cfg *cadence.Config, now time.Time, recs map[string]cadence.MeetingRecord, keep func(id []byte) bool) error {
	if cfg.Flags.PrepHours <= 0 {
		return nil
	}
	from := cfg.Today(now)
	to := cadence.DateIn(now.Add(time.Duration(cfg.Flags.PrepHours)*time.Hour), cfg.Location)
	end := dateKey(to.AddDays(1))
	meetings := tx.Bucket(bucketMeetings)
	c := tx.Bucket(bucketMeetingsByDate).Cursor()
	for k, _ := c.Seek(dateKey(from)); k != nil && bytes.Compare(k, end) < 0; k, _ = c.Next() {
		if keep != nil && !keep(k[5:]) {
			continue
		}
		v := meetings.Get(k[5:])
		if v == nil {
			continue
		}
		j, err := decode[meetingJSON](v)
		if err != nil {
			return fmt.Errorf("meeting %s: %w", k[5:], err)
		}
		recs[string(k[5:])] = j.record()
	}
	return nil
}

func openRegistrations(tx *bolt.Tx) ([]cadence.Registration, error) {
	b := tx.Bucket(bucketRegOpen)
	out := make([]cadence.Registration, 0, keysBetween(b, nil, nil))
	err := b.ForEach(func(k, v []byte) error {
		r, err := decodeRegistration(v)
		if err != nil {
			return fmt.Errorf("registration %s: %w", k, err)
		}
		out = append(out, r)
		return nil
	})
	return out, err
}

// unregisteredIntros returns the unregistered intros on or after since (all
// of them when since is zero). The flags leave out intros older than
// intro_lookback_days, and a team's history can hold thousands: an old
// one is skipped on the date read from its bytes, without decoding it.
func unregisteredIntros(tx *bolt.Tx, since cadence.Date) ([]cadence.Intro, error) {
	var out []cadence.Intro
	err := tx.Bucket(bucketIntros).ForEach(func(k, v []byte) error {
		if d, ok := introDate(v); ok && !since.IsZero() && d.Before(since) {
			return nil
		}
		in, err := decode[cadence.Intro](v)
		if err != nil {
			return fmt.Errorf("intro %q: %w", k, err)
		}
		out = append(out, in)
		return nil
	})
	return out, err
}

func openActions(tx *bolt.Tx) ([]cadence.ActionItem, error) {
	var out []cadence.ActionItem
	err := tx.Bucket(bucketActionsOpen).ForEach(func(k, v []byte) error {
		a, err := decodeAction(v)
		if err != nil {
			return fmt.Errorf("action %s: %w", k, err)
		}
		out = append(out, a)
		return nil
	})
	return out, err
}

// OpenActions returns every open action item, sorted by due date then ID.
func (s *Store) OpenActions() ([]cadence.ActionItem, error) {
	var out []cadence.ActionItem
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, err = openActions(tx)
		return err
	})
	sort.Slice(out, func(i, j int) bool {
		if out[i].Due != out[j].Due {
			return out[i].Due.Before(out[j].Due)
		}
		return out[i].ID < out[j].ID
	})
	return out, err
}

// Records returns every meeting record planned or held between from and to
// (inclusive), keyed by ID: what cadence's schedule needs for that range.
func (s *Store) Records(from, to cadence.Date) (map[string]cadence.MeetingRecord, error) {
	var out map[string]cadence.MeetingRecord
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, err = recordsBetween(tx, from, to)
		return err
	})
	return out, err
}

func recordsBetween(tx *bolt.Tx, from, to cadence.Date) (map[string]cadence.MeetingRecord, error) {
	out := map[string]cadence.MeetingRecord{}
	meetings := tx.Bucket(bucketMeetings)
	c := tx.Bucket(bucketMeetingsByDate).Cursor()
	end := dateKey(to.AddDays(1))
	for k, _ := c.Seek(dateKey(from)); k != nil && bytes.Compare(k, end) < 0; k, _ = c.Next() {
		id := string(k[5:])
		if _, ok := out[id]; ok {
			continue
		}
		j, err := decode[meetingJSON](meetings.Get(k[5:]))
		if err != nil {
			return nil, fmt.Errorf("meeting %s: %w", id, err)
		}
		out[id] = j.record()
	}
	return out, nil
}

// recordStubsBetween is recordsBetween with only each record's status,
// time, length and title: what the schedule needs, read from the date index
// without decoding notes or actions. When keep is not nil, only the records
// whose ID it keeps are read.
func recordStubsBetween(tx *bolt.Tx, from, to cadence.Date, keep func(id []byte) bool) (map[string]cadence.MeetingRecord, error) {
	b := tx.Bucket(bucketMeetingsByDate)
	end := dateKey(to.AddDays(1))
	c := b.Cursor()
	n := 0
	for k, _ := c.Seek(dateKey(from)); k != nil && bytes.Compare(k, end) < 0; k, _ = c.Next() {
		if keep == nil || keep(k[5:]) {
			n++
		}
	}
	out := make(map[string]cadence.MeetingRecord, n)
	for k, v := c.Seek(dateKey(from)); k != nil && bytes.Compare(k, end) < 0; k, v = c.Next() {
		if keep != nil && !keep(k[5:]) {
			continue
		}
		if _, ok := out[string(k[5:])]; ok {
			continue // a moved meeting's second entry: the stubs are the same
		}
		id := string(k[5:])
		rec, err := decodeMeetingStub(id, v)
		if err != nil {
			return nil, fmt.Errorf("meeting %s: %w", id, err)
		}
		out[id] = rec
	}
	return out, nil
}

// Record returns the record of one meeting, and whether there is one.
func (s *Store) Record(id string) (cadence.MeetingRecord, bool, error) {
	var rec cadence.MeetingRecord
	var ok bool
	err := s.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketMeetings).Get([]byte(id))
		if v == nil {
			return nil
		}
		j, err := decode[meetingJSON](v)
		if err != nil {
			return fmt.Errorf("meeting %s: %w", id, err)
		}
		rec, ok = j.record(), true
		return nil
	})
	return rec, ok, err
}

// Registration returns the registration with the given ID.
func (s *Store) Registration(id string) (cadence.Registration, bool, error) {
	var r cadence.Registration
	var ok bool
	err := s.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketRegistrations).Get([]byte(id))
		if v == nil {
			return nil
		}
		var err error
		r, err = decodeRegistration(v)
		ok = err == nil
		return err
	})
	return r, ok, err
}

// OpenRegistrations returns every submitted or approved registration.
func (s *Store) OpenRegistrations() ([]cadence.Registration, error) {
	var out []cadence.Registration
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, err = openRegistrations(tx)
		return err
	})
	return out, err
}

// PartnerRegistrations returns every registration of one partner, oldest
// submission first.
func (s *Store) PartnerRegistrations(partner string) ([]cadence.Registration, error) {
	var out []cadence.Registration
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, err = partnerRegistrations(tx, cadence.Slug(partner))
		return err
	})
	return out, err
}

// partnerRegistrations returns a partner's registrations, oldest submitted
// first.
func partnerRegistrations(tx *bolt.Tx, slug string) ([]cadence.Registration, error) {
	var out []cadence.Registration
	prefix := append([]byte(slug), 0)
	c := tx.Bucket(bucketRegByPartner).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		r, err := decodeRegistration(v)
		if err != nil {
			return nil, fmt.Errorf("registration %s: %w", k[len(prefix)+5:], err)
		}
		out = append(out, r)
	}
	return out, nil
}

// ownerRegistrations returns the registrations of an owner's partners that
// are open or were decided or closed on or after since, in no particular
// order: one sequential read of bucketRegByOwner.
func ownerRegistrations(tx *bolt.Tx, owner string, since cadence.Date) ([]cadence.Registration, error) {
	prefix := append([]byte(cadence.NameKey(owner)), 0)
	from := append(prefix[:len(prefix):len(prefix)], dateKey(since)...)
	b := tx.Bucket(bucketRegByOwner)
	out := make([]cadence.Registration, 0, keysBetween(b, from, prefixEnd(prefix)))
	c := b.Cursor()
	for k, v := c.Seek(from); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		r, err := decodeRegistration(v)
		if err != nil {
			return nil, fmt.Errorf("registration %s: %w", k[len(prefix)+5:], err)
		}
		out = append(out, r)
	}
	return out, nil
}

// Touchpoints returns a partner's touchpoints, newest first, at most limit of
// them (all when limit ≤ 0).
func (s *Store) Touchpoints(partner string, limit int) ([]cadence.Touchpoint, error) {
	var out []cadence.Touchpoint
	err := s.view(func(tx *bolt.Tx) error {
		slug := cadence.Slug(partner)
		p, ok := readPartner(tx, slug)
		if !ok {
			return fmt.Errorf("no partner %q", partner)
		}
		prefix := append([]byte(slug), 0)
		c := tx.Bucket(bucketTouchpoints).Cursor()
		k, v := c.Seek(append([]byte(slug), 1))
		if k == nil {
			k, v = c.Last()
		} else {
			k, v = c.Prev()
		}
		for ; k != nil && bytes.HasPrefix(k, prefix); k, v = c.Prev() {
			t, err := decodeTouch(p.Name, k, v)
			if err != nil {
				return fmt.Errorf("touchpoint of %s: %w", p.Name, err)
			}
			out = append(out, t)
			if limit > 0 && len(out) == limit {
				break
			}
		}
		return nil
	})
	return out, err
}

// lastTouchesAsOf returns each partner's latest touch (either direction, or
// a submitted registration) on or before asOf, from the month summaries of
// asOf's month and the three before it: enough for "a touch in the last 90
// days", the only question the KPIs ask of it. A partner not touched in those
// months is left out. asOf is the end of a finished quarter, so a whole month.
func lastTouchesAsOf(tx *bolt.Tx, asOf cadence.Date) map[string]cadence.Date {
	out := map[string]cadence.Date{}
	c := tx.Bucket(bucketTouchMonths).Cursor()
	first := asOf.AddMonths(-3)
	for m := monthKey(first); string(m) <= string(monthKey(asOf)); {
		prefix := append(m, 0)
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			d := dateFromKey(v)
			if slug := string(k[3:]); !d.After(asOf) && d.After(out[slug]) {
				out[slug] = d
			}
		}
		n := uint16(m[0])<<8 | uint16(m[1]) + 1
		m = []byte{byte(n >> 8), byte(n)}
	}
	return out
}

// KPIInput gathers what cadence.ComputeKPIs needs for quarter q at now:
// registrations through the open, decided and closed indexes, conversations
// from the per-day counts, and partner activity as of the quarter's end (or
// today, if that is earlier; for a finished quarter LastTouch is exact within
// the four months before its end, and zero for a partner silent longer).
func (s *Store) KPIInput(cfg *cadence.Config, now time.Time, q cadence.Quarter) (cadence.KPIInput, error) {
	in := cadence.KPIInput{Config: cfg, Now: now, Quarter: q}
	fiscal := cfg.Fiscal()
	first, last := fiscal.Bounds(q)
	asOf := last
	if today := cfg.Today(now); today.Before(asOf) {
		asOf = today
	}
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		if in.Partners, err = allActivity(tx); err != nil {
			return err
		}
		if asOf != cfg.Today(now) {
			last := lastTouchesAsOf(tx, asOf)
			for i := range in.Partners {
				in.Partners[i].LastTouch = last[in.Partners[i].Partner.Slug()]
			}
		}
		open, err := openRegistrations(tx)
		if err != nil {
			return err
		}
		// Then those decided or closed in the quarter, each once: an open
		// one is in already, and one closed in the quarter that was also
		// decided in it came with the decisions.
		from, end := dateKey(first), dateKey(last.AddDays(1))
		n := len(open) + keysBetween(tx.Bucket(bucketRegByDecided), from, end) + keysBetween(tx.Bucket(bucketRegByClosed), from, end)
		in.Registrations = append(make([]cadence.Registration, 0, n), open...)
		inQuarter := func(d cadence.Date) bool { return !d.Before(first) && !d.After(last) }
		for _, index := range []struct {
			bucket []byte
			taken  func(cadence.Registration) bool
		}{
			{bucketRegByDecided, func(r cadence.Registration) bool { return r.Status.Open() }},
			{bucketRegByClosed, func(r cadence.Registration) bool { return r.Status.Open() || inQuarter(r.Decided) }},
		} {
			c := tx.Bucket(index.bucket).Cursor()
			for k, v := c.Seek(from); k != nil && bytes.Compare(k, end) < 0; k, v = c.Next() {
				r, err := decodeRegistration(v)
				if err != nil {
					return fmt.Errorf("registration %s: %w", k[5:], err)
				}
				if !index.taken(r) {
					in.Registrations = append(in.Registrations, r)
				}
			}
		}
		conv := tx.Bucket(bucketConversations).Cursor()
		for k, v := conv.Seek(from); k != nil && bytes.Compare(k, end) < 0; k, v = conv.Next() {
			in.Conversations += int(beU32(v))
		}
		recs, err := recordStubsBetween(tx, first, last, nil)
		if err != nil {
			return err
		}
		for id, rec := range recs {
			// A QBR's planned date is its window's last day: inside its quarter.
			if kind, _, planned, err := cfg.ParseOccurrenceID(id); err == nil && kind == cadence.KindQBR &&
				fiscal.QuarterOf(planned) == q {
				in.QBRs = append(in.QBRs, rec)
			}
		}
		sort.Slice(in.QBRs, func(i, j int) bool { return in.QBRs[i].ID < in.QBRs[j].ID })
		return nil
	})
	return in, err
}

// keysBetween counts the keys of b from from (nil: the first) up to end
// (nil: the last), without reading a value: a read that follows it fills
// a slice of the right size instead of growing one, which was half of what
// the readout of a past quarter allocated.
func keysBetween(b *bolt.Bucket, from, end []byte) int {
	n := 0
	c := b.Cursor()
	k, _ := c.First()
	if from != nil {
		k, _ = c.Seek(from)
	}
	for ; k != nil && (end == nil || bytes.Compare(k, end) < 0); k, _ = c.Next() {
		n++
	}
	return n
}

// introDateField is how the JSON of a cadence.Intro names its date. Inside a
// JSON string a quote is escaped, so these bytes only ever start the field.
var introDateField = []byte(`"Date":"`)

// introDate reads the date of an encoded intro without decoding the rest;
// ok is false when it cannot, and the caller decodes it in full.
func introDate(v []byte) (cadence.Date, bool) {
	i := bytes.Index(v, introDateField)
	if i < 0 || len(v) < i+len(introDateField)+10 {
		return cadence.Date{}, false
	}
	s := v[i+len(introDateField):]
	if len(s) < 11 || s[10] != '"' {
		return cadence.Date{}, false
	}
	d, err := cadence.ParseDate(string(s[:10]))
	return d, err == nil
}
