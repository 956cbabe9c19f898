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

// oneOnOneRecordsDays is the same for a weekly 1:1: the steps
// cadence.PreviousMeeting takes, a week each, and one more.
const oneOnOneRecordsDays = 7 * 9

// sinceWindow finds the previous meeting of occ's series from the stubs of
// the series' records (a range of the date index, keyed by the series) and
// returns the window "since last time" covers.
func sinceWindow(tx *bolt.Tx, cfg *cadence.Config, occ cadence.Occurrence, partners []cadence.Partner, today cadence.Date) (cadence.SinceWindow, error) {
	if occ.Kind == cadence.KindAdhoc || occ.Planned.IsZero() {
		return cadence.SinceWindow{First: true}, nil
	}
	back := seriesRecordsDays
	if occ.Kind == cadence.KindOneOnOne {
		back = oneOnOneRecordsDays
	}
	recs, err := seriesStubs(tx, occ, occ.Planned.AddDays(-back))
	if err != nil {
		return cadence.SinceWindow{}, err
	}
	prev, ok := cfg.PreviousMeeting(occ, partners, recs)
	return cadence.Window(occ, prev, ok, today), nil
}

// seriesStubs returns the stubs (recordStubsBetween) of the records of
// occ's series planned from from to occ's day. A series' IDs end in their
// planned day and sort by it, so they are one range of the meetings
// bucket's keys; each stub is its planned day's entry in the date index.
// Reading the date index by day instead would step over every other
// series' meetings of those days (a year of the whole team's 1:1s for a
// pipeline review). A QBR's IDs name a quarter: its series is read by
// the date index.
func seriesStubs(tx *bolt.Tx, occ cadence.Occurrence, from cadence.Date) (map[string]cadence.MeetingRecord, error) {
	prefix := []byte(occ.Series + "/")
	if occ.Kind == cadence.KindQBR {
		return recordStubsBetween(tx, from, occ.Planned, func(id []byte) bool { return bytes.HasPrefix(id, prefix) })
	}
	out := map[string]cadence.MeetingRecord{}
	byDate := tx.Bucket(bucketMeetingsByDate)
	last := occ.Series + "/" + occ.Planned.String()
	c := tx.Bucket(bucketMeetings).Cursor()
	for k, v := c.Seek([]byte(occ.Series + "/" + from.String())); k != nil && bytes.HasPrefix(k, prefix) && string(k) <= last; k, v = c.Next() {
		id := string(k)
		planned, err := cadence.ParseDate(id[len(prefix):])
		if err != nil {
			continue // no meeting of the cadence (doctor reports such a key)
		}
		if stub := byDate.Get(join(dateKey(planned), k)); stub != nil {
			rec, err := decodeMeetingStub(id, stub)
			if err != nil {
				return nil, fmt.Errorf("meeting %s: %w", id, err)
			}
			out[id] = rec
			continue
		}
		// Not in the index (doctor reports that): the record itself.
		j, err := decode[meetingJSON](v)
		if err != nil {
			return nil, fmt.Errorf("meeting %s: %w", id, err)
		}
		out[id] = j.record()
	}
	return out, nil
}

// seriesDone returns the action items done in w of the records of occ's
// series before occ of the last year: one range of the meetings bucket,
// whose IDs sort by date (by quarter for a QBR) within a series. Only a
// record with an action done in w is decoded (see doneIn).
func seriesDone(tx *bolt.Tx, occ cadence.Occurrence, w cadence.SinceWindow) ([]cadence.ActionItem, error) {
	var out []cadence.ActionItem
	prefix := []byte(occ.Series + "/")
	from := prefix
	if occ.Kind != cadence.KindQBR {
		from = []byte(occ.Series + "/" + occ.Planned.AddDays(-seriesRecordsDays).String())
	}
	c := tx.Bucket(bucketMeetings).Cursor()
	for k, v := c.Seek(from); k != nil && bytes.HasPrefix(k, prefix) && string(k) < occ.ID; k, v = c.Next() {
		if !doneIn(v, w) {
			continue
		}
		j, err := decode[meetingJSON](v)
		if err != nil {
			return nil, fmt.Errorf("meeting %s: %w", k, err)
		}
		for _, a := range j.record().Actions {
			if !a.Open() && w.Contains(a.Done) {
				out = append(out, a)
			}
		}
	}
	return out, nil
}

// doneKey is how an action's done date starts in a record's JSON. Inside a
// JSON string every quote is escaped, so the bytes occur only as the key.
var doneKey = []byte(`"done":"`)

// doneIn reports whether a meeting record's JSON holds an action done in
// w, without decoding it: most records hold none, and their notes are the
// bulk of what a decode would read.
func doneIn(v []byte, w cadence.SinceWindow) bool {
	for {
		i := bytes.Index(v, doneKey)
		if i < 0 {
			return false
		}
		v = v[i+len(doneKey):]
		if len(v) >= 10 {
			if d, err := cadence.ParseDate(string(v[:10])); err == nil && w.Contains(d) {
				return true
			}
		}
	}
}

// touchesBetween returns the touchpoints of the partners (by slug and
// name) dated in [from, to]: one seek per partner in the touchpoints
// bucket, keyed partner then date, for the partners whose activity summary
// says they were touched on or after from (the summary's last touch is the
// latest of all their touchpoints).
func touchesBetween(tx *bolt.Tx, partners []cadence.PartnerActivity, from, to cadence.Date) ([]cadence.Touchpoint, error) {
	var out []cadence.Touchpoint
	c := tx.Bucket(bucketTouchpoints).Cursor()
	for i, p := range partners {
		if i%16 == 15 {
			dropMapped(tx) // each seek maps pages of its own (see dropMapped)
		}
		if p.LastTouch.Before(from) {
			// Its summary's last touch is before the window: nothing to
			// read. (Each seek lands on a page of its own: on the large
			// demo a 1:1's hundred partners cost 12 MiB of mapped pages.)
			continue
		}
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

// settledBetween appends to out the registrations decided or closed in
// [from, to] that are not open (the open ones are read with the open
// bucket): two ranges of the decision and close date indexes. An open one,
// and one already read from the first range, is skipped by its key and
// status before it is decoded.
func settledBetween(tx *bolt.Tx, out []cadence.Registration, from, to cadence.Date) ([]cadence.Registration, error) {
	seen := map[string]bool{}
	start, end := dateKey(from), dateKey(to.AddDays(1))
	for i, bucket := range [][]byte{bucketRegByDecided, bucketRegByClosed} {
		c := tx.Bucket(bucket).Cursor()
		for k, v := c.Seek(start); k != nil && bytes.Compare(k, end) < 0; k, v = c.Next() {
			id := k[5:]
			if registrationOpen(v) || seen[string(id)] {
				continue
			}
			r, err := decodeRegistration(v)
			if err != nil {
				return nil, fmt.Errorf("registration %s: %w", id, err)
			}
			if r.Status.Open() {
				continue
			}
			if i == 0 { // the close dates' range is the last read
				seen[r.ID] = true
			}
			out = append(out, r)
		}
	}
	return out, nil
}
