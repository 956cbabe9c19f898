package store

import (
	"encoding/binary"
	"errors"
	"time"

	"partnercadence/cadence"
)

// Partners and registrations are read whole at every start and every flags
// run, so they are stored in a compact binary form rather than JSON, which
// measured as most of the time of `cadence flags` on the large demo.
//
// A value is a format byte (1) and then the fields in a fixed order: strings
// as a uvarint length and bytes, integers as varints, dates as uvarint day
// numbers (0 = no date). New fields go at the end; a reader treats fields
// missing from the end of an older value as empty.

const recordFormat = 1

var errDamaged = errors.New("damaged record")

type encoder struct{ b []byte }

func newEncoder(size int) *encoder {
	e := &encoder{b: make([]byte, 1, size)}
	e.b[0] = recordFormat
	return e
}

func (e *encoder) str(s string) {
	e.b = binary.AppendUvarint(e.b, uint64(len(s)))
	e.b = append(e.b, s...)
}

func (e *encoder) int(v int64) { e.b = binary.AppendVarint(e.b, v) }
func (e *encoder) date(d cadence.Date) {
	e.b = binary.AppendUvarint(e.b, uint64(d.Sub(cadence.Date{})))
}

// decoder reads fields back. Strings are slices of one string made from the
// whole value, so a record costs one allocation, not one per field.
type decoder struct {
	s   string
	err error
}

func newDecoder(b []byte) *decoder {
	if len(b) == 0 || b[0] != recordFormat {
		return &decoder{err: errDamaged}
	}
	return &decoder{s: string(b[1:])}
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil || d.s == "" {
		return 0
	}
	var v uint64
	var shift uint
	for i := 0; i < len(d.s) && i < binary.MaxVarintLen64; i++ {
		c := d.s[i]
		if c < 0x80 {
			d.s = d.s[i+1:]
			return v | uint64(c)<<shift
		}
		v |= uint64(c&0x7f) << shift
		shift += 7
	}
	d.err = errDamaged
	return 0
}

func (d *decoder) str() string {
	n := d.uvarint()
	if d.err != nil {
		return ""
	}
	if n > uint64(len(d.s)) {
		d.err = errDamaged
		return ""
	}
	v := d.s[:n]
	d.s = d.s[n:]
	return v
}

func (d *decoder) int() int64 {
	u := d.uvarint()
	return int64(u>>1) ^ -int64(u&1)
}

func (d *decoder) date() cadence.Date { return cadence.Date{}.AddDays(int(d.uvarint())) }

func encodePartner(p cadence.Partner) []byte {
	e := newEncoder(64 + len(p.Name) + len(p.Notes))
	e.str(p.Name)
	e.str(string(p.Type))
	e.int(int64(p.Tier))
	e.str(p.Owner)
	e.str(string(p.Status))
	e.date(p.Joined)
	e.str(p.Contact)
	e.str(p.Email)
	e.str(p.Domain)
	e.str(p.Notes)
	e.str(p.CRMID)
	return e.b
}

func decodePartner(b []byte) (cadence.Partner, error) {
	d := newDecoder(b)
	p := cadence.Partner{
		Name: d.str(), Type: cadence.PartnerType(d.str()), Tier: int(d.int()), Owner: d.str(),
		Status: cadence.PartnerStatus(d.str()), Joined: d.date(), Contact: d.str(), Email: d.str(),
		Domain: d.str(), Notes: d.str(), CRMID: d.str(),
	}
	return p, d.err
}

func encodeRegistration(r cadence.Registration) []byte {
	e := newEncoder(64 + len(r.ID) + len(r.Partner) + len(r.Account))
	e.str(r.ID)
	e.str(r.Partner)
	e.str(r.Account)
	e.int(r.Amount)
	e.date(r.Submitted)
	e.str(string(r.Status))
	e.date(r.Decided)
	e.date(r.Expires)
	e.date(r.Closed)
	e.str(string(r.Attribution))
	e.str(r.Owner)
	return e.b
}

func decodeRegistration(b []byte) (cadence.Registration, error) {
	d := newDecoder(b)
	r := cadence.Registration{
		ID: d.str(), Partner: d.str(), Account: d.str(), Amount: d.int(), Submitted: d.date(),
		Status: cadence.RegStatus(d.str()), Decided: d.date(), Expires: d.date(), Closed: d.date(),
		Attribution: cadence.Attribution(d.str()), Owner: d.str(),
	}
	return r, d.err
}

// registrationHas reports, without decoding it, whether the encoded
// registration b has the given status; a damaged value has every status, so
// that decoding it reports the damage. It does not allocate.
func registrationHas(b []byte, status cadence.RegStatus) bool {
	st, ok := registrationStatus(b)
	return !ok || string(st) == string(status)
}

// registrationOpen reports, without decoding it, whether the encoded
// registration b is open (submitted or approved); a damaged value is not,
// so that decoding it reports the damage. It does not allocate.
func registrationOpen(b []byte) bool {
	st, ok := registrationStatus(b)
	return ok && (string(st) == string(cadence.RegSubmitted) || string(st) == string(cadence.RegApproved))
}

// registrationStatus returns the status field of the encoded registration
// b, a slice of b; false when b is damaged before it.
func registrationStatus(b []byte) ([]byte, bool) {
	if len(b) == 0 || b[0] != recordFormat {
		return nil, false
	}
	b = b[1:]
	next := func() (uint64, bool) {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			return 0, false
		}
		b = b[n:]
		return v, true
	}
	skip := func() bool { // a string: its length, then its bytes
		n, ok := next()
		if !ok || n > uint64(len(b)) {
			return false
		}
		b = b[n:]
		return true
	}
	// ID, partner, account, amount, submitted, status: encodeRegistration's
	// order.
	for range 3 {
		if !skip() {
			return nil, false
		}
	}
	for range 2 {
		if _, ok := next(); !ok {
			return nil, false
		}
	}
	n, ok := next()
	if !ok || n > uint64(len(b)) {
		return nil, false
	}
	return b[:n], true
}

// Open actions are read by every flags run: they are kept in the same
// binary form.

func encodeAction(a cadence.ActionItem) []byte {
	e := newEncoder(32 + len(a.ID) + len(a.Text) + len(a.Meeting))
	e.str(a.ID)
	e.str(a.Text)
	e.str(a.Owner)
	e.date(a.Due)
	e.date(a.Done)
	e.str(a.Meeting)
	return e.b
}

func decodeAction(b []byte) (cadence.ActionItem, error) {
	d := newDecoder(b)
	a := cadence.ActionItem{ID: d.str(), Text: d.str(), Owner: d.str(), Due: d.date(), Done: d.date(), Meeting: d.str()}
	return a, d.err
}

// A meeting's entry in the date index carries a stub of the record — status,
// time, length, title and satisfaction — which is all the schedule, the flags
// and the KPIs need, so they never decode the notes.

func encodeMeetingStub(r cadence.MeetingRecord) []byte {
	e := newEncoder(16 + len(r.Title))
	e.str(string(r.Status))
	var at int64
	if !r.At.IsZero() {
		at = r.At.Unix()
	}
	e.int(at)
	e.int(int64(r.Minutes))
	e.str(r.Title)
	e.int(int64(r.Satisfaction))
	return e.b
}

func decodeMeetingStub(id string, b []byte) (cadence.MeetingRecord, error) {
	d := newDecoder(b)
	r := cadence.MeetingRecord{ID: id, Status: cadence.MeetingStatus(d.str())}
	if at := d.int(); at != 0 {
		r.At = time.Unix(at, 0).UTC()
	}
	r.Minutes = int(d.int())
	r.Title = d.str()
	r.Satisfaction = int(d.int())
	return r, d.err
}
