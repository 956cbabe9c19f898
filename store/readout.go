package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"partnercadence/cadence"
)

// ReadoutData is what the executive readout of a quarter needs, read in one
// transaction: the KPI inputs of the quarter's trend and the flags now.
type ReadoutData struct {
	// Trend holds the KPI input of each quarter of cadence.TrendOf(q),
	// oldest first, q's last. A quarter that ended before today holds of
	// each partner touched by its end or with a first win only what the
	// KPIs count (status, joined, last touch, first win). Only q's holds
	// the open registrations (the open pipeline and coverage are
	// figures of today, shown for it alone), and of the registrations
	// decided or closed in a quarter only those won in q carry their
	// names and IDs (the top partners): the rest hold what the KPIs count.
	Trend []cadence.KPIInput
	Flags cadence.FlagInput
}

// ReadoutInput reads, in one transaction, what the readout shows of quarter
// q at now: the partners and open registrations once, for the KPIs of q and
// of the four quarters before it and for the flags; each quarter's decided
// and closed registrations through their indexes (those of the earlier
// quarters counted as they are read, without a string decoded); each
// quarter's conversations from the per-day counts; partner activity as of
// each finished quarter's end from the month summaries, walked beside the
// partners in key order; and the quarters' QBR records.
func (s *Store) ReadoutInput(cfg *cadence.Config, now time.Time, q cadence.Quarter) (ReadoutData, error) {
	var out ReadoutData
	fiscal := cfg.Fiscal()
	today := cfg.Today(now)
	quarters := cadence.TrendOf(q)
	out.Trend = make([]cadence.KPIInput, len(quarters))
	err := s.view(func(tx *bolt.Tx) error {
		partners, err := allActivity(tx)
		if err != nil {
			return err
		}
		keys := partnerKeys(tx, len(partners))
		dropMapped(tx) // every partner's record and summary: read
		// quarter reads quarter i of the trend into out.Trend[i]; open is
		// for the last.
		quarter := func(i int, open []cadence.Registration) error {
			qi := quarters[i]
			first, last := fiscal.Bounds(qi)
			in := cadence.KPIInput{Config: cfg, Now: now, Quarter: qi, Partners: partners}
			if asOf := last; asOf.Before(today) {
				// What the KPIs count of a partner, as of the quarter's
				// end: whether it was engaged and touched, and its first
				// win. Names stay out: no KPI shows them.
				touched := lastTouchesInOrder(tx, keys, asOf)
				in.Partners = nil
				in.Engagement = make([]cadence.Engagement, 0, len(partners))
				for j, p := range partners {
					if touched[j].IsZero() && p.FirstWon.IsZero() {
						continue
					}
					e := cadence.EngagementOf(p)
					e.LastTouch = touched[j]
					in.Engagement = append(in.Engagement, e)
				}
			}
			var err error
			if i == len(quarters)-1 {
				in.Registrations, err = quarterRegistrations(tx, open, first, last)
			} else {
				in.Tally, err = tallyQuarter(tx, cfg, qi, first, last)
			}
			if err != nil {
				return err
			}
			from, end := dateKey(first), dateKey(last.AddDays(1))
			conv := tx.Bucket(bucketConversations).Cursor()
			for k, v := conv.Seek(from); k != nil && bytes.Compare(k, end) < 0; k, v = conv.Next() {
				in.Conversations += int(beU32(v))
			}
			out.Trend[i] = in
			dropMapped(tx) // a quarter's ranges: the next reads others
			return nil
		}
		// The earliest quarters are read beside the rest, in the same
		// read-only transaction: most of the readout's time, on a second
		// core (the quarter before q stays here, which balances the two). A read-only bbolt transaction keeps no state its readers
		// change (etcd shares one among concurrent readers). The
		// transaction stays open until they are read, whatever happens.
		// The reader is guarded as the transaction is: a damaged page is
		// an error that says so, never a crash.
		earlier := make(chan error, 1)
		go func() {
			earlier <- s.guard(func() error {
				for i := range len(quarters) - 2 {
					if err := quarter(i, nil); err != nil {
						return err
					}
				}
				return nil
			})
		}()
		waited := false
		defer func() {
			if !waited {
				<-earlier
			}
		}()

		open, err := openRegistrations(tx)
		if err != nil {
			return err
		}
		fin := cadence.FlagInput{Now: now, Config: cfg, Partners: partners, Open: open}
		if err := flagRest(tx, &fin); err != nil {
			return err
		}
		out.Flags = fin
		dropMapped(tx)
		if err := quarter(len(quarters)-1, open); err != nil {
			return err
		}
		if err := quarter(len(quarters)-2, nil); err != nil {
			return err
		}

		oldest, _ := fiscal.Bounds(quarters[0])
		_, newest := fiscal.Bounds(q)
		recs, err := recordStubsBetween(tx, oldest, newest, func(id []byte) bool { return bytes.HasPrefix(id, []byte("qbr/")) })
		if err != nil {
			return err
		}
		qbrs := map[cadence.Quarter][]cadence.MeetingRecord{}
		for id, rec := range recs {
			// A QBR's ID ends with its quarter, the one its score counts
			// in (the order of a quarter's QBRs makes no difference to a
			// mean of whole scores).
			if pq, err := cadence.ParseQuarter(id[strings.LastIndexByte(id, '/')+1:]); err == nil {
				qbrs[pq] = append(qbrs[pq], rec)
			}
		}
		// Each quarter's QBRs go in once the earlier quarters are read:
		// Trend is theirs until then.
		waited = true
		if err := <-earlier; err != nil {
			return err
		}
		for i := range out.Trend {
			out.Trend[i].QBRs = qbrs[quarters[i]]
		}
		return nil
	})
	return out, err
}

// quarterRegistrations returns the open registrations and those decided or
// closed in [first, last], each once, as KPIInput has them. The decided
// and closed ones come with their figures only (amount, dates, status,
// attribution), without a string decoded, except those won in the
// quarter: the top partners name them.
func quarterRegistrations(tx *bolt.Tx, open []cadence.Registration, first, last cadence.Date) ([]cadence.Registration, error) {
	from, end := dateKey(first), dateKey(last.AddDays(1))
	n := len(open) + keysBetween(tx.Bucket(bucketRegByDecided), from, end) + keysBetween(tx.Bucket(bucketRegByClosed), from, end)
	out := append(make([]cadence.Registration, 0, n), open...)
	err := eachDecidedOrClosed(tx, first, last, true, func(r cadence.Registration, v []byte) error {
		if r.Status == cadence.RegWon && !r.Closed.Before(first) && !r.Closed.After(last) {
			var err error
			if r, err = decodeRegistration(v); err != nil {
				return err
			}
		}
		out = append(out, r)
		return nil
	})
	return out, err
}

// tallyQuarter counts the registrations decided or closed in quarter q,
// [first, last], as they are read: an earlier quarter of the trend, whose
// open pipeline and coverage the trend does not show, and whose
// registrations nothing else needs held.
func tallyQuarter(tx *bolt.Tx, cfg *cadence.Config, q cadence.Quarter, first, last cadence.Date) (*cadence.RegistrationTally, error) {
	t := cadence.NewRegistrationTally(cfg, q)
	err := eachDecidedOrClosed(tx, first, last, false, func(r cadence.Registration, _ []byte) error {
		t.Add(r)
		return nil
	})
	return t, err
}

// eachDecidedOrClosed calls fn, once each, with the figures of every
// registration decided or closed in [first, last] (and its encoded value),
// through the decided and closed indexes. With skipOpen, one still open is
// left out: the caller has the open ones.
func eachDecidedOrClosed(tx *bolt.Tx, first, last cadence.Date, skipOpen bool, fn func(cadence.Registration, []byte) error) error {
	from, end := dateKey(first), dateKey(last.AddDays(1))
	inQuarter := func(d cadence.Date) bool { return !d.Before(first) && !d.After(last) }
	for _, index := range []struct {
		bucket []byte
		taken  func(cadence.Registration) bool
	}{
		{bucketRegByDecided, func(r cadence.Registration) bool { return skipOpen && r.Status.Open() }},
		{bucketRegByClosed, func(r cadence.Registration) bool {
			return (skipOpen && r.Status.Open()) || inQuarter(r.Decided)
		}},
	} {
		c := tx.Bucket(index.bucket).Cursor()
		for k, v := c.Seek(from); k != nil && bytes.Compare(k, end) < 0; k, v = c.Next() {
			r, err := decodeRegistrationFigures(v)
			if err == nil && !index.taken(r) {
				err = fn(r, v)
			}
			if err != nil {
				return fmt.Errorf("registration %s: %w", k[5:], err)
			}
		}
	}
	return nil
}

// partnerKeys returns the keys of the partners bucket in order: the slugs
// of allActivity's partners, one for one. They are valid while tx is open.
func partnerKeys(tx *bolt.Tx, n int) [][]byte {
	out := make([][]byte, 0, n)
	c := tx.Bucket(bucketPartners).Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		out = append(out, k)
	}
	return out
}

// lastTouchesInOrder is lastTouchesAsOf for the partners with the given
// keys (sorted, as the bucket holds them), by position: each month's
// summaries are sorted by slug too, so one walk beside the keys finds each
// partner without a map or a string.
func lastTouchesInOrder(tx *bolt.Tx, keys [][]byte, asOf cadence.Date) []cadence.Date {
	out := make([]cadence.Date, len(keys))
	c := tx.Bucket(bucketTouchMonths).Cursor()
	for m, last := monthKey(asOf.AddMonths(-3)), monthKey(asOf); string(m) <= string(last); {
		prefix := append(m, 0)
		i := 0
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			slug := k[3:]
			for i < len(keys) && bytes.Compare(keys[i], slug) < 0 {
				i++
			}
			if i == len(keys) {
				break
			}
			if !bytes.Equal(keys[i], slug) {
				continue // a partner deleted since
			}
			if d := dateFromKey(v); !d.After(asOf) && d.After(out[i]) {
				out[i] = d
			}
		}
		n := uint16(m[0])<<8 | uint16(m[1]) + 1
		m = []byte{byte(n >> 8), byte(n)}
	}
	return out
}

// decodeRegistrationFigures decodes what the KPIs count of a registration
// — amount, dates, status, attribution — leaving its ID, partner, account
// and owner empty; it does not allocate. A damaged value is an error, as
// decodeRegistration says.
func decodeRegistrationFigures(b []byte) (cadence.Registration, error) {
	if len(b) == 0 || b[0] != recordFormat {
		return cadence.Registration{}, errDamaged
	}
	b = b[1:]
	bad := false
	uv := func() uint64 {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			bad = true
			return 0
		}
		b = b[n:]
		return v
	}
	str := func() []byte {
		n := uv()
		if bad || n > uint64(len(b)) {
			bad = true
			return nil
		}
		s := b[:n]
		b = b[n:]
		return s
	}
	date := func() cadence.Date { return cadence.Date{}.AddDays(int(uv())) }
	// encodeRegistration's order: ID, partner, account, amount, submitted,
	// status, decided, expires, closed, attribution, owner.
	str()
	str()
	str()
	var r cadence.Registration
	u := uv()
	r.Amount = int64(u>>1) ^ -int64(u&1)
	r.Submitted = date()
	status := str()
	r.Decided, r.Expires, r.Closed = date(), date(), date()
	attribution := str()
	if bad {
		return cadence.Registration{}, errDamaged
	}
	for _, s := range cadence.RegStatuses {
		if string(status) == string(s) {
			r.Status = s
		}
	}
	if r.Status == "" {
		r.Status = cadence.RegStatus(status) // one no build knows
	}
	switch string(attribution) {
	case string(cadence.Sourced):
		r.Attribution = cadence.Sourced
	case string(cadence.Influenced):
		r.Attribution = cadence.Influenced
	default:
		r.Attribution = cadence.Attribution(attribution)
	}
	return r, nil
}
