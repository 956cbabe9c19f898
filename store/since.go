package store

import (
	"bytes"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"partnercadence/cadence"
)

// seriesRecordsDays is how far back the records of a meeting's series are
// read: far enough for cadence.PreviousMeeting's steps over skipped
// meetings, and for actions done lately from meetings of the last year.
const seriesRecordsDays = 400

// sinceWindow finds the previous meeting of occ's series from the stubs of
// the series' records (a range of the date index, keyed by the series) and
// returns the window "since last time" covers.
func sinceWindow(tx *bolt.Tx, cfg *cadence.Config, occ cadence.Occurrence, partners []cadence.Partner, today cadence.Date) (cadence.SinceWindow, error) {
	if occ.Kind == cadence.KindAdhoc || occ.Planned.IsZero() {
		return cadence.SinceWindow{First: true}, nil
	}
	prefix := []byte(occ.Series + "/")
	recs, err := recordStubsBetween(tx, occ.Planned.AddDays(-seriesRecordsDays), occ.Planned,
		func(id []byte) bool { return bytes.HasPrefix(id, prefix) })
	if err != nil {
		return cadence.SinceWindow{}, err
	}
	prev, ok := cfg.PreviousMeeting(occ, partners, recs)
	return cadence.Window(occ, prev, ok, today), nil
}

// seriesActions returns the action items, done or open, of the records of
// occ's series before occ of the last year: one range of the meetings
// bucket, whose IDs sort by date (by quarter for a QBR) within a series.
func seriesActions(tx *bolt.Tx, occ cadence.Occurrence) ([]cadence.ActionItem, error) {
	var out []cadence.ActionItem
	prefix := []byte(occ.Series + "/")
	from := prefix
	if occ.Kind != cadence.KindQBR {
		from = []byte(occ.Series + "/" + occ.Planned.AddDays(-seriesRecordsDays).String())
	}
	c := tx.Bucket(bucketMeetings).Cursor()
	for k, v := c.Seek(from); k != nil && bytes.HasPrefix(k, prefix) && string(k) < occ.ID; k, v = c.Next() {
		j, err := decode[meetingJSON](v)
		if err != nil {
			return nil, fmt.Errorf("meeting %s: %w", k, err)
		}
		out = append(out, j.record().Actions...)
	}
	return out, nil
}

// touchesBetween returns the touchpoints of the partners (by slug and
// name) dated in [from, to]: one seek per partner in the touchpoints
// bucket, keyed partner then date.
func touchesBetween(tx *bolt.Tx, partners []cadence.PartnerActivity, from, to cadence.Date) ([]cadence.Touchpoint, error) {
	var out []cadence.Touchpoint
	c := tx.Bucket(bucketTouchpoints).Cursor()
	for _, p := range partners {
		slug := p.Partner.Slug()
		start := join([]byte(slug), dateKey(from))
		end := join([]byte(slug), dateKey(to.AddDays(1)))
		for k, v := c.Seek(start); k != nil && bytes.Compare(k, end) < 0; k, v = c.Next() {
			t, err := decodeTouch(p.Partner.Name, k, v)
			if err != nil {
				return nil, fmt.Errorf("touchpoint of %s: %w", slug, err)
			}
			out = append(out, t)
		}
	}
	return out, nil
}

// settledBetween returns the registrations decided or closed in [from, to]
// that are not open (the open ones are read with the open bucket): two
// ranges of the decision and close date indexes.
func settledBetween(tx *bolt.Tx, from, to cadence.Date) ([]cadence.Registration, error) {
	var out []cadence.Registration
	seen := map[string]bool{}
	start, end := dateKey(from), dateKey(to.AddDays(1))
	for _, bucket := range [][]byte{bucketRegByDecided, bucketRegByClosed} {
		c := tx.Bucket(bucket).Cursor()
		for k, v := c.Seek(start); k != nil && bytes.Compare(k, end) < 0; k, v = c.Next() {
			r, err := decodeRegistration(v)
			if err != nil {
				return nil, fmt.Errorf("registration %s: %w", k[5:], err)
			}
			if r.Status.Open() || seen[r.ID] {
				continue
			}
			seen[r.ID] = true
			out = append(out, r)
		}
	}
	return out, nil
}
