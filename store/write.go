package store

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"partnercadence/cadence"
)

// writer applies changes inside one write transaction and keeps the summary
// buckets in step. Partner summaries touched by the transaction are cached
// and written once, at flush, so a bulk load of a million touchpoints does
// not rewrite a summary a million times.
type writer struct {
	tx       *bolt.Tx
	partners map[string]cadence.Partner // by slug; read-through cache
	activity map[string]*activity       // by slug; dirty summaries
	recount  map[string]bool            // slugs whose registrations changed
	// months and conversations are the summaries of the touches this
	// transaction adds, written once, in key order, at flush: per row
	// they were four lookups in two buckets.
	months        map[monthSlug]cadence.Date // a partner's latest touch of a month
	conversations map[cadence.Date]uint32    // conversations added, by day
	touches       *bolt.Cursor               // on bucketTouchpoints, to ask what is there
}

// monthSlug is a key of bucketTouchMonths: a month (monthKey) and a
// partner's slug.
type monthSlug struct {
	month uint16
	slug  string
}

func newWriter(tx *bolt.Tx) *writer {
	return &writer{
		tx: tx, partners: map[string]cadence.Partner{},
		activity: map[string]*activity{}, recount: map[string]bool{},
		months: map[monthSlug]cadence.Date{}, conversations: map[cadence.Date]uint32{},
	}
}

// partner returns the stored partner whose name slugs to slug.
func (w *writer) partner(slug string) (cadence.Partner, bool) {
	if p, ok := w.partners[slug]; ok {
		return p, true
	}
	return readPartner(w.tx, slug)
}

func readPartner(tx *bolt.Tx, slug string) (cadence.Partner, bool) {
	v := tx.Bucket(bucketPartners).Get([]byte(slug))
	if v == nil {
		return cadence.Partner{}, false
	}
	p, err := decodePartner(v)
	if err != nil {
		return cadence.Partner{}, false
	}
	return p, true
}

func (w *writer) summary(slug string) *activity {
	if a, ok := w.activity[slug]; ok {
		return a
	}
	a := decodeActivity(w.tx.Bucket(bucketActivity).Get([]byte(slug)))
	w.activity[slug] = &a
	return &a
}

// putPartner stores p under its slug. A different name with the same slug
// as a stored partner is refused: IDs must stay unique.
func (w *writer) putPartner(p cadence.Partner) error {
	slug := p.Slug()
	old, exists := w.partner(slug)
	if exists && cadence.NameKey(old.Name) != cadence.NameKey(p.Name) {
		return fmt.Errorf("partner %q has the same ID (%s) as partner %q: use that exact name, or a more distinct one", p.Name, slug, old.Name)
	}
	if !exists {
		meta := w.tx.Bucket(bucketMeta)
		if err := meta.Put(partnerCountKey, u64(getU64(meta, partnerCountKey)+1)); err != nil {
			return err
		}
	}
	byOwner := w.tx.Bucket(bucketPartnersByOwner)
	if exists {
		if err := byOwner.Delete(join([]byte(cadence.NameKey(old.Owner)), []byte(slug))); err != nil {
			return err
		}
		if cadence.NameKey(old.Owner) != cadence.NameKey(p.Owner) {
			if err := w.moveRegistrations(slug, old.Owner, p.Owner); err != nil {
				return err
			}
		}
	}
	enc := encodePartner(p)
	if err := byOwner.Put(join([]byte(cadence.NameKey(p.Owner)), []byte(slug)), enc); err != nil {
		return err
	}
	w.partners[slug] = p
	if err := w.tx.Bucket(bucketPartners).Put([]byte(slug), enc); err != nil {
		return err
	}
	w.summary(slug) // make sure a summary exists
	return nil
}

// moveRegistrations re-keys a partner's registrations in bucketRegByOwner
// from one owner to another.
func (w *writer) moveRegistrations(slug, from, to string) error {
	byOwner := w.tx.Bucket(bucketRegByOwner)
	prefix := append([]byte(slug), 0)
	c := w.tx.Bucket(bucketRegByPartner).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		r, err := decodeRegistration(v)
		if err != nil {
			return fmt.Errorf("registration %s: %w", k[len(prefix)+5:], err)
		}
		if err := byOwner.Delete(ownerRegKey(from, r)); err != nil {
			return err
		}
		if err := byOwner.Put(ownerRegKey(to, r), v); err != nil {
			return err
		}
	}
	return nil
}

// addTouchpoint stores t (whose Partner must exist) and reports whether it
// was new: a touchpoint with the same identity (§7) is left as it is.
func (w *writer) addTouchpoint(t cadence.Touchpoint) (bool, error) {
	slug := cadence.Slug(t.Partner)
	if _, ok := w.partner(slug); !ok {
		return false, fmt.Errorf("no partner %q", t.Partner)
	}
	tw := newTouchWrite(slug, t)
	return w.putTouch(&tw)
}

// touchWrite is a touchpoint ready to be stored: its key and encoded value,
// and what the summaries need of it. It holds none of the row's text but
// an intro's, so that a large import's rows can be let go before its
// writes.
type touchWrite struct {
	slug       string
	key, value []byte
	date       cadence.Date
	kind       cadence.TouchKind
	direction  cadence.Direction
	intro      *cadence.Touchpoint // an intro, for the unregistered-intros summary
}

// newTouchWrite prepares t, a touchpoint of the partner with slug.
func newTouchWrite(slug string, t cadence.Touchpoint) touchWrite {
	tw := touchWrite{slug: slug, key: touchKey(slug, t), value: encodeTouch(t), date: t.Date, kind: t.Kind, direction: t.Direction}
	if t.Kind == cadence.TouchIntro {
		tw.intro = &t
	}
	return tw
}

// putTouch stores a prepared touchpoint of a partner that exists and
// reports whether it was new.
func (w *writer) putTouch(tw *touchWrite) (bool, error) {
	if w.touches == nil {
		w.touches = w.tx.Bucket(bucketTouchpoints).Cursor()
	}
	if k, _ := w.touches.Seek(tw.key); bytes.Equal(k, tw.key) {
		return false, nil
	}
	if err := w.tx.Bucket(bucketTouchpoints).Put(tw.key, tw.value); err != nil {
		return false, err
	}
	a := w.summary(tw.slug)
	if tw.date.After(a.LastTouch) {
		a.LastTouch = tw.date
	}
	if tw.direction == cadence.Inbound && tw.date.After(a.LastInbound) {
		a.LastInbound = tw.date
	}
	w.noteTouchMonth(tw.slug, tw.date)
	if tw.kind.Conversation() {
		w.conversations[tw.date]++
	}
	if tw.intro != nil {
		if err := w.noteIntro(tw.slug, *tw.intro); err != nil {
			return false, err
		}
	}
	return true, nil
}

// noteTouchMonth notes a touch of the partner on d, for the partner's
// latest touch of d's month that flush keeps.
func (w *writer) noteTouchMonth(slug string, d cadence.Date) {
	k := monthSlug{monthNumber(d), slug}
	if old, ok := w.months[k]; !ok || d.After(old) {
		w.months[k] = d
	}
}

// monthKey is d's month as 2 big-endian bytes (months since year 0).
func monthKey(d cadence.Date) []byte {
	n := monthNumber(d)
	return []byte{byte(n >> 8), byte(n)}
}

// monthNumber is d's month counted from year 0.
func monthNumber(d cadence.Date) uint16 {
	y, m, _ := d.YMD()
	return uint16(y*12 + int(m) - 1)
}

// noteIntro records an intro in the unregistered-intros summary unless a
// registration of the same partner and account already answers it. Every
// intro of an account is kept, not only the earliest: the flag counts the
// latest one of its lookback (DESIGN §4).
func (w *writer) noteIntro(slug string, t cadence.Touchpoint) error {
	acct := cadence.AccountKey(t.Account)
	if hasPrefix(w.tx.Bucket(bucketRegByAccount), join([]byte(acct), []byte(slug), nil)) {
		return nil
	}
	p, _ := w.partner(slug)
	v, err := json.Marshal(cadence.Intro{Partner: p.Name, Account: strings.TrimSpace(t.Account), Date: t.Date, By: t.By})
	if err != nil {
		return err
	}
	return w.tx.Bucket(bucketIntros).Put(introKey(slug, t), v)
}

// introKey is the key of intro t of the partner with slug in bucketIntros:
// slug 0 account key 0 date 0 fingerprint (the touchpoint's key with the
// account key after the slug), so one partner's intros of one account are
// one prefix, in date order.
func introKey(slug string, t cadence.Touchpoint) []byte {
	tk := touchKey(slug, t)
	return join([]byte(slug), []byte(cadence.AccountKey(t.Account)), tk[len(slug)+1:])
}

// introPrefix is the prefix of the partner's intros of account key acct in
// bucketIntros.
func introPrefix(slug, acct string) []byte {
	return join([]byte(slug), []byte(acct), nil)
}

// deletePrefix deletes every key of b that begins with prefix.
func deletePrefix(b *bolt.Bucket, prefix []byte) error {
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Seek(prefix) {
		if err := c.Delete(); err != nil {
			return err
		}
	}
	return nil
}

// putRegistration stores r, replacing the registration with the same ID and
// keeping every index and summary in step.
func (w *writer) putRegistration(r cadence.Registration) error {
	slug := cadence.Slug(r.Partner)
	p, ok := w.partner(slug)
	if !ok {
		return fmt.Errorf("no partner %q", r.Partner)
	}
	r.Partner = p.Name
	if err := raiseCounter(w.tx, nextRegKey, "R-", r.ID); err != nil {
		return err
	}
	regs := w.tx.Bucket(bucketRegistrations)
	id := []byte(r.ID)
	var moved *cadence.Registration // the registration as it was, when its partner or account changes
	if v := regs.Get(id); v != nil {
		old, err := decodeRegistration(v)
		if err != nil {
			return fmt.Errorf("registration %s: %w", r.ID, err)
		}
		if err := w.unindexRegistration(old); err != nil {
			return err
		}
		if cadence.Slug(old.Partner) != slug || cadence.AccountKey(old.Account) != cadence.AccountKey(r.Account) {
			moved = &old
		}
	}
	enc := encodeRegistration(r)
	if err := regs.Put(id, enc); err != nil {
		return err
	}
	if r.Status.Open() {
		if err := w.tx.Bucket(bucketRegOpen).Put(id, enc); err != nil {
			return err
		}
	}
	acct := cadence.AccountKey(r.Account)
	if err := w.tx.Bucket(bucketRegByPartner).Put(join([]byte(slug), dateKey(r.Submitted), id), enc); err != nil {
		return err
	}
	if err := w.tx.Bucket(bucketRegByOwner).Put(ownerRegKey(p.Owner, r), enc); err != nil {
		return err
	}
	acctKey := join([]byte(acct), []byte(slug), id)
	if err := w.tx.Bucket(bucketRegByAccount).Put(acctKey, nil); err != nil {
		return err
	}
	if r.Status.Open() {
		if err := w.tx.Bucket(bucketRegOpenByAccount).Put(acctKey, nil); err != nil {
			return err
		}
	}
	// The date indexes carry the registration itself, so the KPIs read a
	// quarter's decisions and outcomes without a lookup each.
	if !r.Decided.IsZero() {
		if err := w.tx.Bucket(bucketRegByDecided).Put(join(dateKey(r.Decided), id), enc); err != nil {
			return err
		}
	}
	if !r.Closed.IsZero() {
		if err := w.tx.Bucket(bucketRegByClosed).Put(join(dateKey(r.Closed), id), enc); err != nil {
			return err
		}
	}
	// A registration answers every intro of the same partner and account;
	// one that moved to another partner or account no longer answers the
	// old one's.
	if err := deletePrefix(w.tx.Bucket(bucketIntros), introPrefix(slug, acct)); err != nil {
		return err
	}
	if moved != nil {
		if err := w.recountIntro(cadence.Slug(moved.Partner), moved.Account); err != nil {
			return err
		}
	}
	a := w.summary(slug)
	if r.Submitted.After(a.LastTouch) {
		a.LastTouch = r.Submitted
	}
	w.noteTouchMonth(slug, r.Submitted)
	if r.Submitted.After(a.LastInbound) {
		a.LastInbound = r.Submitted
	}
	w.recount[slug] = true
	return nil
}

func (w *writer) unindexRegistration(r cadence.Registration) error {
	slug := cadence.Slug(r.Partner)
	id := []byte(r.ID)
	p, _ := w.partner(slug)
	dels := []struct {
		bucket []byte
		key    []byte
	}{
		{bucketRegOpen, id},
		{bucketRegByPartner, join([]byte(slug), dateKey(r.Submitted), id)},
		{bucketRegByOwner, ownerRegKey(p.Owner, r)},
		{bucketRegByAccount, join([]byte(cadence.AccountKey(r.Account)), []byte(slug), id)},
		{bucketRegOpenByAccount, join([]byte(cadence.AccountKey(r.Account)), []byte(slug), id)},
		{bucketRegByDecided, join(dateKey(r.Decided), id)},
		{bucketRegByClosed, join(dateKey(r.Closed), id)},
	}
	for _, d := range dels {
		if err := w.tx.Bucket(d.bucket).Delete(d.key); err != nil {
			return err
		}
	}
	w.recount[slug] = true
	return nil
}

// putRecord stores a meeting record, replacing the one with the same ID,
// and keeps the date index and the open actions in step. planned is the
// occurrence's planned date (zero for a one-off meeting).
func (w *writer) putRecord(rec cadence.MeetingRecord, planned cadence.Date, loc dateOfFunc) error {
	if err := raiseCounter(w.tx, nextAdhocKey, "adhoc/", rec.ID); err != nil {
		return err
	}
	for _, a := range rec.Actions {
		if err := raiseCounter(w.tx, nextActionKey, "A-", a.ID); err != nil {
			return err
		}
	}
	b := w.tx.Bucket(bucketMeetings)
	id := []byte(rec.ID)
	if v := b.Get(id); v != nil {
		old, err := decode[meetingJSON](v)
		if err != nil {
			return fmt.Errorf("meeting %s: %w", rec.ID, err)
		}
		if err := w.unindexRecord(old.record(), planned, loc); err != nil {
			return err
		}
	}
	v, err := json.Marshal(toMeetingJSON(rec))
	if err != nil {
		return err
	}
	if err := b.Put(id, v); err != nil {
		return err
	}
	stub := encodeMeetingStub(rec)
	for _, d := range recordDates(rec, planned, loc) {
		if err := w.tx.Bucket(bucketMeetingsByDate).Put(join(dateKey(d), id), stub); err != nil {
			return err
		}
	}
	open := w.tx.Bucket(bucketActionsOpen)
	for _, a := range rec.Actions {
		if !a.Open() {
			continue
		}
		a.Meeting = rec.ID
		if err := open.Put([]byte(a.ID), encodeAction(a)); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) unindexRecord(rec cadence.MeetingRecord, planned cadence.Date, loc dateOfFunc) error {
	for _, d := range recordDates(rec, planned, loc) {
		if err := w.tx.Bucket(bucketMeetingsByDate).Delete(join(dateKey(d), []byte(rec.ID))); err != nil {
			return err
		}
	}
	for _, a := range rec.Actions {
		if err := w.tx.Bucket(bucketActionsOpen).Delete([]byte(a.ID)); err != nil {
			return err
		}
	}
	return nil
}

// dateOfFunc turns a record's At into a local date (the config's zone).
type dateOfFunc func(rec cadence.MeetingRecord) cadence.Date

// recordDates is the dates a record is indexed under: its planned date and,
// when it was moved or scheduled, its actual date.
func recordDates(rec cadence.MeetingRecord, planned cadence.Date, dateOf dateOfFunc) []cadence.Date {
	var ds []cadence.Date
	if !planned.IsZero() {
		ds = append(ds, planned)
	}
	if !rec.At.IsZero() {
		if d := dateOf(rec); d != planned {
			ds = append(ds, d)
		}
	}
	return ds
}

// flush writes the cached partner summaries, recounting open registrations
// and first wins where registrations changed.
func (w *writer) flush() error {
	for slug := range w.recount {
		a := w.summary(slug)
		a.Open, a.FirstWon = 0, cadence.Date{}
		c := w.tx.Bucket(bucketRegByPartner).Cursor()
		prefix := append([]byte(slug), 0)
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			id := k[len(prefix)+5:]
			r, err := decodeRegistration(v)
			if err != nil {
				return fmt.Errorf("registration %s: %w", id, err)
			}
			if r.Status.Open() {
				a.Open++
			}
			if r.Status == cadence.RegWon && !r.Closed.IsZero() && (a.FirstWon.IsZero() || r.Closed.Before(a.FirstWon)) {
				a.FirstWon = r.Closed
			}
		}
	}
	if err := w.flushTouchSummaries(); err != nil {
		return err
	}
	b := w.tx.Bucket(bucketActivity)
	for slug, a := range w.activity {
		if err := b.Put([]byte(slug), encodeActivity(*a)); err != nil {
			return err
		}
	}
	w.activity = map[string]*activity{}
	w.recount = map[string]bool{}
	return nil
}

// flushTouchSummaries writes the touch months and conversation counts of
// the touches added, in key order: bbolt then visits each page once.
func (w *writer) flushTouchSummaries() error {
	months := w.tx.Bucket(bucketTouchMonths)
	keys := slices.SortedFunc(maps.Keys(w.months), func(a, b monthSlug) int {
		return cmp.Or(cmp.Compare(a.month, b.month), strings.Compare(a.slug, b.slug))
	})
	for _, k := range keys {
		d := w.months[k]
		key := join([]byte{byte(k.month >> 8), byte(k.month)}, []byte(k.slug))
		if v := months.Get(key); len(v) == 4 && !d.After(dateFromKey(v)) {
			continue
		}
		if err := months.Put(key, dateKey(d)); err != nil {
			return err
		}
	}
	conv := w.tx.Bucket(bucketConversations)
	for _, d := range slices.SortedFunc(maps.Keys(w.conversations), compareDates) {
		dk := dateKey(d)
		n := uint32(0)
		if v := conv.Get(dk); len(v) == 4 {
			n = beU32(v)
		}
		if err := conv.Put(dk, be32(n+w.conversations[d])); err != nil {
			return err
		}
	}
	clear(w.months)
	clear(w.conversations)
	return nil
}

// compareDates orders dates, for slices.SortFunc.
func compareDates(a, b cadence.Date) int {
	switch {
	case a.Before(b):
		return -1
	case a.After(b):
		return 1
	}
	return 0
}

func hasPrefix(b *bolt.Bucket, prefix []byte) bool {
	k, _ := b.Cursor().Seek(prefix)
	return k != nil && bytes.HasPrefix(k, prefix)
}

func be32(n uint32) []byte { return []byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)} }

func beU32(b []byte) uint32 {
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

// raiseCounter makes sure the counter at key is at least n when id is
// prefix followed by n: an ID written as it came (an imported R-7, a
// restored A-12) is never handed out again for something new, which would
// replace it.
func raiseCounter(tx *bolt.Tx, key []byte, prefix, id string) error {
	n, ok := numbered(id, prefix)
	if !ok {
		return nil
	}
	meta := tx.Bucket(bucketMeta)
	if getU64(meta, key) >= n {
		return nil
	}
	return meta.Put(key, u64(n))
}
