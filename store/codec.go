package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"hash/fnv"
	"time"

	"partnercadence/cadence"
)

// The JSON forms of the records. They are the values in the database and the
// elements of the export format, so field names are a contract: add fields,
// never rename them.

type partnerJSON struct {
	Name    string                `json:"name"`
	Type    cadence.PartnerType   `json:"type"`
	Tier    int                   `json:"tier"`
	Owner   string                `json:"owner"`
	Status  cadence.PartnerStatus `json:"status"`
	Joined  cadence.Date          `json:"joined,omitzero"`
	Contact string                `json:"contact,omitempty"`
	Email   string                `json:"email,omitempty"`
	Domain  string                `json:"domain,omitempty"`
	Notes   string                `json:"notes,omitempty"`
	CRMID   string                `json:"crm_id,omitempty"`
}

func toPartnerJSON(p cadence.Partner) partnerJSON { return partnerJSON(p) }

func (j partnerJSON) partner() cadence.Partner { return cadence.Partner(j) }

type registrationJSON struct {
	ID          string              `json:"id"`
	Partner     string              `json:"partner"`
	Account     string              `json:"account"`
	Amount      int64               `json:"amount"`
	Submitted   cadence.Date        `json:"submitted"`
	Status      cadence.RegStatus   `json:"status"`
	Decided     cadence.Date        `json:"decided,omitzero"`
	Expires     cadence.Date        `json:"expires,omitzero"`
	Closed      cadence.Date        `json:"closed,omitzero"`
	Attribution cadence.Attribution `json:"attribution"`
	Owner       string              `json:"owner,omitempty"`
}

func (j registrationJSON) registration() cadence.Registration { return cadence.Registration(j) }

type touchpointJSON struct {
	Partner   string            `json:"partner"`
	Date      cadence.Date      `json:"date"`
	Kind      cadence.TouchKind `json:"kind"`
	Direction cadence.Direction `json:"direction"`
	Account   string            `json:"account,omitempty"`
	Note      string            `json:"note,omitempty"`
	By        string            `json:"by,omitempty"`
}

type actionJSON struct {
	ID      string       `json:"id"`
	Text    string       `json:"text"`
	Owner   string       `json:"owner,omitempty"`
	Due     cadence.Date `json:"due,omitzero"`
	Done    cadence.Date `json:"done,omitzero"`
	Meeting string       `json:"meeting"`
}

type meetingJSON struct {
	ID            string                `json:"id"`
	Status        cadence.MeetingStatus `json:"status,omitempty"`
	At            time.Time             `json:"at,omitzero"`
	Title         string                `json:"title,omitempty"`
	Minutes       int                   `json:"minutes,omitempty"`
	Attendees     []string              `json:"attendees,omitempty"`
	TalkingPoints string                `json:"talking_points,omitempty"`
	Notes         string                `json:"notes,omitempty"`
	Satisfaction  int                   `json:"satisfaction,omitempty"`
	Actions       []actionJSON          `json:"actions,omitempty"`
	// The texts' revisions and last authors (see cadence.MeetingRecord).
	TalkingPointsRev int    `json:"talking_points_rev,omitempty"`
	TalkingPointsBy  string `json:"talking_points_by,omitempty"`
	NotesRev         int    `json:"notes_rev,omitempty"`
	NotesBy          string `json:"notes_by,omitempty"`
	// Revision counts the changes to status, time and title (the
	// calendar's SEQUENCE); a record stored before it was kept reads 0.
	Revision int `json:"revision,omitempty"`
}

func toMeetingJSON(r cadence.MeetingRecord) meetingJSON {
	j := meetingJSON{
		ID: r.ID, Status: r.Status, At: r.At.UTC(), Title: r.Title, Minutes: r.Minutes,
		Attendees: r.Attendees, TalkingPoints: r.TalkingPoints, Notes: r.Notes, Satisfaction: r.Satisfaction,
		TalkingPointsRev: r.TalkingPointsRev, TalkingPointsBy: r.TalkingPointsBy, NotesRev: r.NotesRev, NotesBy: r.NotesBy,
		Revision: r.Revision,
	}
	if r.At.IsZero() {
		j.At = time.Time{}
	}
	for _, a := range r.Actions {
		j.Actions = append(j.Actions, actionJSON(a))
	}
	return j
}

func (j meetingJSON) record() cadence.MeetingRecord {
	r := cadence.MeetingRecord{
		ID: j.ID, Status: j.Status, At: j.At, Title: j.Title, Minutes: j.Minutes,
		Attendees: j.Attendees, TalkingPoints: j.TalkingPoints, Notes: j.Notes, Satisfaction: j.Satisfaction,
		TalkingPointsRev: j.TalkingPointsRev, TalkingPointsBy: j.TalkingPointsBy, NotesRev: j.NotesRev, NotesBy: j.NotesBy,
		Revision: j.Revision,
	}
	for _, a := range j.Actions {
		r.Actions = append(r.Actions, cadence.ActionItem(a))
	}
	return r
}

func decode[T any](b []byte) (T, error) {
	var v T
	err := json.Unmarshal(b, &v)
	return v, err
}

// dateKey is a date as 4 big-endian bytes, so keys sort by date.
func dateKey(d cadence.Date) []byte {
	b := make([]byte, 4)
	binary.BigEndian.PutUint32(b, uint32(d.Sub(cadence.Date{})))
	return b
}

// ownerRegKey is r's key in bucketRegByOwner under the partner's owner.
func ownerRegKey(owner string, r cadence.Registration) []byte {
	settled := []byte{0xff, 0xff, 0xff, 0xff}
	if !r.Status.Open() {
		last := r.Decided
		if r.Closed.After(last) {
			last = r.Closed
		}
		settled = dateKey(last)
	}
	return join([]byte(cadence.NameKey(owner)), settled, []byte(r.ID))
}

// prefixEnd returns the first key after every key that starts with prefix,
// which ends with the 0 separator.
func prefixEnd(prefix []byte) []byte {
	end := bytes.Clone(prefix)
	end[len(end)-1]++
	return end
}

func dateFromKey(b []byte) cadence.Date {
	return cadence.Date{}.AddDays(int(binary.BigEndian.Uint32(b)))
}

// join makes a composite key: parts separated by a 0 byte.
func join(parts ...[]byte) []byte {
	n := len(parts) - 1
	for _, p := range parts {
		n += len(p)
	}
	k := make([]byte, 0, n)
	for i, p := range parts {
		if i > 0 {
			k = append(k, 0)
		}
		k = append(k, p...)
	}
	return k
}

// Touchpoints are the bulk of a database (a million in the large demo), so
// they are stored compactly: the partner and date are in the key, and the
// value is kind, direction and three length-prefixed strings.
//
// key:   partner slug 0 date(4) 0 fingerprint(8)
// value: kind(1) direction(1) account note by (each uvarint length + bytes)

var (
	kindCodes = map[cadence.TouchKind]byte{
		cadence.TouchCall: 1, cadence.TouchEmail: 2, cadence.TouchMeeting: 3,
		cadence.TouchIntro: 4, cadence.TouchEvent: 5, cadence.TouchNote: 6,
	}
	dirCodes = map[cadence.Direction]byte{cadence.Inbound: 1, cadence.Outbound: 2}
)

func touchKey(slug string, t cadence.Touchpoint) []byte {
	h := fnv.New64a()
	for _, s := range []string{string(t.Kind), string(t.Direction), t.Account, t.Note} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return join([]byte(slug), dateKey(t.Date), binary.BigEndian.AppendUint64(nil, h.Sum64()))
}

func encodeTouch(t cadence.Touchpoint) []byte {
	b := make([]byte, 0, 2+len(t.Account)+len(t.Note)+len(t.By)+6)
	b = append(b, kindCodes[t.Kind], dirCodes[t.Direction])
	for _, s := range []string{t.Account, t.Note, t.By} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	return b
}

var errBadTouch = errors.New("damaged touchpoint record")

// decodeTouch reads a touchpoint from its key and value; partner is the
// partner's display name.
func decodeTouch(partner string, key, val []byte) (cadence.Touchpoint, error) {
	if len(val) < 2 || len(key) < 14 {
		return cadence.Touchpoint{}, errBadTouch
	}
	t := cadence.Touchpoint{Partner: partner, Date: dateFromKey(key[len(key)-13 : len(key)-9])}
	for k, c := range kindCodes {
		if c == val[0] {
			t.Kind = k
		}
	}
	for d, c := range dirCodes {
		if c == val[1] {
			t.Direction = d
		}
	}
	rest := val[2:]
	var fields [3]string
	for i := range fields {
		n, w := binary.Uvarint(rest)
		if w <= 0 || uint64(len(rest)-w) < n {
			return cadence.Touchpoint{}, errBadTouch
		}
		fields[i] = string(rest[w : w+int(n)])
		rest = rest[w+int(n):]
	}
	t.Account, t.Note, t.By = fields[0], fields[1], fields[2]
	return t, nil
}

// activity is the per-partner summary kept in bucketActivity.
type activity struct {
	LastInbound, LastTouch, FirstWon cadence.Date
	Open                             int
}

func encodeActivity(a activity) []byte {
	b := make([]byte, 0, 16)
	for _, d := range []cadence.Date{a.LastInbound, a.LastTouch, a.FirstWon} {
		b = append(b, dateKey(d)...)
	}
	return binary.BigEndian.AppendUint32(b, uint32(a.Open))
}

func decodeActivity(b []byte) activity {
	if len(b) != 16 {
		return activity{}
	}
	return activity{
		LastInbound: dateFromKey(b[0:4]), LastTouch: dateFromKey(b[4:8]),
		FirstWon: dateFromKey(b[8:12]), Open: int(binary.BigEndian.Uint32(b[12:16])),
	}
}
