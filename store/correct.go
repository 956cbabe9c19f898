package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"

	"partnercadence/cadence"
)

// Corrections: writes that change a record someone made before, each in one
// transaction that reads the record as stored, so that a change another
// process made meanwhile is seen, never overwritten unseen.

// ErrChangedMeanwhile is matched (errors.Is) by a correction refused because
// the record is no longer what the change was made from.
var ErrChangedMeanwhile = errors.New("it changed meanwhile")

// AddRegistration adds a new registration by actor: an empty ID gets the next
// R-<n>. Its partner must exist and its owner, if any, be on the team; an ID
// that is taken is refused rather than replaced. It returns the registration
// as saved.
func (s *Store) AddRegistration(cfg *cadence.Config, actor string, r cadence.Registration) (cadence.Registration, error) {
	if r.Owner != "" && len(cfg.Team) > 0 {
		if _, ok := cfg.Member(r.Owner); !ok {
			return r, fmt.Errorf("owner: %q is not on the team", r.Owner)
		}
	}
	err := s.update(func(tx *bolt.Tx) error {
		if r.ID == "" {
			n, err := nextID(tx, nextRegKey)
			if err != nil {
				return err
			}
			r.ID = fmt.Sprintf("R-%d", n)
		} else if tx.Bucket(bucketRegistrations).Get([]byte(r.ID)) != nil {
			return fmt.Errorf("registration %s exists already", r.ID)
		}
		if err := r.Validate(); err != nil {
			return err
		}
		w := newWriter(tx)
		if err := mayChangeRegistration(w, cfg, actor, r); err != nil {
			return err
		}
		if err := w.putRegistration(r); err != nil {
			return err
		}
		return w.flush()
	})
	return r, err
}

// UpdateRegistration changes registration id by actor, in one transaction:
// it reads the registration as stored, refuses with ErrChangedMeanwhile when
// it differs from base (what the person saw when they made the change), and
// writes change(stored). The partner and the ID stay as they are. It returns
// the registration as saved and as it was before.
func (s *Store) UpdateRegistration(cfg *cadence.Config, actor string, base cadence.Registration, change func(cadence.Registration) cadence.Registration) (saved, before cadence.Registration, err error) {
	err = s.update(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketRegistrations).Get([]byte(base.ID))
		if v == nil {
			return fmt.Errorf("registration %s is no longer in the database", base.ID)
		}
		cur, err := decodeRegistration(v)
		if err != nil {
			return fmt.Errorf("registration %s: %w", base.ID, err)
		}
		if cur != base {
			return fmt.Errorf("registration %s: %w (now %s, %s): look again and redo the change", base.ID, ErrChangedMeanwhile, cur.Status, cadence.FormatMoney(cur.Amount, cfg.Currency))
		}
		next := change(cur)
		next.ID, next.Partner = cur.ID, cur.Partner
		if next.Owner != "" && next.Owner != cur.Owner && len(cfg.Team) > 0 {
			if _, ok := cfg.Member(next.Owner); !ok {
				return fmt.Errorf("owner: %q is not on the team", next.Owner)
			}
		}
		if err := next.Validate(); err != nil {
			return err
		}
		w := newWriter(tx)
		if err := mayChangeRegistration(w, cfg, actor, next); err != nil {
			return err
		}
		if err := w.putRegistration(next); err != nil {
			return err
		}
		saved, before = next, cur
		return w.flush()
	})
	return saved, before, err
}

// UndoMeeting takes back a change of meeting record id by actor: after is
// the record as the change saved it, edits what restores the values before
// it. It refuses with ErrChangedMeanwhile when the record moved on since
// (cadence.UndoBlocked), and writes nothing then.
func (s *Store) UndoMeeting(cfg *cadence.Config, actor, id string, after cadence.MeetingRecord, edits []cadence.MeetingEdit) error {
	return s.update(func(tx *bolt.Tx) error {
		cur := cadence.MeetingRecord{ID: id}
		if v := tx.Bucket(bucketMeetings).Get([]byte(id)); v != nil {
			j, err := decode[meetingJSON](v)
			if err != nil {
				return fmt.Errorf("meeting %s: %w", id, err)
			}
			cur = j.record()
			cur.ID = id
		}
		if why := cadence.UndoBlocked(cur, after); why != "" {
			return fmt.Errorf("%s: %w: %s", id, ErrChangedMeanwhile, why)
		}
		scope, err := meetingScope(tx, cfg, id, cur)
		if err != nil {
			return fmt.Errorf("%w: %w", ErrRefused, err)
		}
		for _, e := range edits {
			part, act := cadence.MeetingPartOf(e, cur)
			if err := cfg.MayChangeMeeting(actor, scope, part, act); err != nil {
				return refused(err)
			}
			if e.Kind == cadence.EditAddAction && e.Action.ID != "" {
				// A deleted action put back keeps its ID: refused when
				// someone gave that ID to another action meanwhile.
				why, err := actionIDTaken(tx, cur, e.Action.ID)
				if err != nil {
					return err
				}
				if why != "" {
					return fmt.Errorf("%s: %w: %s", id, ErrChangedMeanwhile, why)
				}
			}
			if _, err := cur.Apply(e, actor); err != nil {
				return fmt.Errorf("%s: %w", id, err)
			}
		}
		_, err = putRecordTx(tx, cfg, cur)
		return err
	})
}

// actionIDTaken says which action holds the ID aid now, in rec (the
// record as it is about to be written) or in any other stored record; ""
// when none does. Records are read as bytes and decoded only where the ID
// appears, so asking costs one pass over the meetings without decoding
// them.
func actionIDTaken(tx *bolt.Tx, rec cadence.MeetingRecord, aid string) (string, error) {
	taken := func(a cadence.ActionItem, meeting string) string {
		return fmt.Sprintf("action %s is now %q of %s", aid, a.Text, meeting)
	}
	for _, a := range rec.Actions {
		if a.ID == aid {
			return taken(a, rec.ID), nil
		}
	}
	id, err := json.Marshal(aid)
	if err != nil {
		return "", err
	}
	needle := append([]byte(`"id":`), id...)
	var why string
	err = tx.Bucket(bucketMeetings).ForEach(func(k, v []byte) error {
		if string(k) == rec.ID || !bytes.Contains(v, needle) {
			return nil
		}
		j, err := decode[meetingJSON](v)
		if err != nil {
			return fmt.Errorf("meeting %s: %w", k, err)
		}
		for _, a := range j.record().Actions {
			if a.ID == aid {
				why = taken(a, string(k))
				return errStop
			}
		}
		return nil
	})
	if errors.Is(err, errStop) {
		err = nil
	}
	return why, err
}

// errStop ends a ForEach early.
var errStop = errors.New("stop")

// RenamePartner renames the partner named from to `to`, by actor, in one
// transaction: everything keyed by the partner's ID moves to the new ID —
// its touchpoints, summaries, intros, registrations (with their indexes)
// and its QBRs' meeting records (qbr/<slug>/<quarter>, with their actions)
// — so the flags and the agendas follow. A name whose ID another partner
// has is refused. It returns the partner as renamed.
func (s *Store) RenamePartner(cfg *cadence.Config, actor, from, to string) (cadence.Partner, error) {
	var renamed cadence.Partner
	err := s.update(func(tx *bolt.Tx) error {
		var err error
		renamed, err = renamePartnerTx(tx, cfg, actor, from, to)
		return err
	})
	return renamed, err
}

// renamePartnerTx is RenamePartner inside the transaction tx.
func renamePartnerTx(tx *bolt.Tx, cfg *cadence.Config, actor, from, to string) (cadence.Partner, error) {
	var renamed cadence.Partner
	to = strings.TrimSpace(to)
	err := func() error {
		w := newWriter(tx)
		oldSlug := cadence.Slug(from)
		old, ok := w.partner(oldSlug)
		if !ok {
			return fmt.Errorf("no partner %q", from)
		}
		newSlug := cadence.Slug(to)
		switch {
		case to == "":
			return fmt.Errorf("name: is empty")
		case newSlug == "":
			return fmt.Errorf("name: %q has no letter a–z or digit, so it has no ID", to)
		case newSlug != oldSlug:
			if other, taken := w.partner(newSlug); taken {
				return fmt.Errorf("name: %q has the same ID (%s) as partner %q: choose a more distinct name", to, newSlug, other.Name)
			}
		}
		if err := cfg.MayChangePartner(actor, cadence.PartnerRename, old.Name, old.Owner, old.Owner); err != nil {
			return refused(err)
		}
		renamed = old
		renamed.Name = to
		if err := renamed.Validate(); err != nil {
			return err
		}
		mv := mover{tx: tx}
		// The registrations leave their old indexes while the partner is
		// still there to find them by, and come back under the new one.
		regs, err := partnerRegistrations(tx, oldSlug)
		if err != nil {
			return err
		}
		for _, r := range regs {
			if err := w.unindexRegistration(r); err != nil {
				return err
			}
			if err := tx.Bucket(bucketRegistrations).Delete([]byte(r.ID)); err != nil {
				return err
			}
		}
		enc := encodePartner(renamed)
		ownerKey := []byte(cadence.NameKey(old.Owner))
		mv.del(bucketPartners, []byte(oldSlug))
		mv.del(bucketPartnersByOwner, join(ownerKey, []byte(oldSlug)))
		mv.put(bucketPartners, []byte(newSlug), enc)
		mv.put(bucketPartnersByOwner, join(ownerKey, []byte(newSlug)), enc)
		mv.rename(bucketActivity, []byte(oldSlug), []byte(newSlug), nil)
		mv.prefix(bucketTouchpoints, oldSlug, newSlug, nil)
		mv.prefix(bucketIntros, oldSlug, newSlug, func(v []byte) ([]byte, error) {
			in, err := decode[cadence.Intro](v)
			if err != nil {
				return nil, err
			}
			in.Partner = to
			return json.Marshal(in)
		})
		mv.touchMonths(oldSlug, newSlug)
		if mv.err != nil {
			return mv.err
		}
		delete(w.partners, oldSlug)
		delete(w.activity, oldSlug)
		delete(w.recount, oldSlug)
		w.partners[newSlug] = renamed
		for _, r := range regs {
			r.Partner = to
			if err := w.putRegistration(r); err != nil {
				return err
			}
		}
		if err := renameQBRs(tx, cfg, w, oldSlug, newSlug); err != nil {
			return err
		}
		return w.flush()
	}()
	return renamed, err
}

// renameQBRs moves the meeting records of a partner's QBRs to its new ID,
// their actions with them.
func renameQBRs(tx *bolt.Tx, cfg *cadence.Config, w *writer, oldSlug, newSlug string) error {
	prefix := []byte(string(cadence.KindQBR) + "/" + oldSlug + "/")
	var recs []cadence.MeetingRecord
	c := tx.Bucket(bucketMeetings).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		j, err := decode[meetingJSON](v)
		if err != nil {
			return fmt.Errorf("meeting %s: %w", k, err)
		}
		rec := j.record()
		rec.ID = string(k)
		recs = append(recs, rec)
	}
	for _, rec := range recs {
		_, _, planned, err := cfg.ParseOccurrenceID(rec.ID)
		if err != nil {
			return fmt.Errorf("meeting %s: %w", rec.ID, err)
		}
		if err := w.unindexRecord(rec, planned, localDate(cfg)); err != nil {
			return err
		}
		if err := tx.Bucket(bucketMeetings).Delete([]byte(rec.ID)); err != nil {
			return err
		}
		rec.ID = string(cadence.KindQBR) + "/" + newSlug + rec.ID[len(prefix)-1:]
		if _, err := putRecordTx(tx, cfg, rec); err != nil {
			return err
		}
	}
	return nil
}

// mover re-keys entries of a transaction's buckets, keeping the first
// error.
type mover struct {
	tx  *bolt.Tx
	err error
}

func (m *mover) put(bucket, k, v []byte) {
	if m.err == nil {
		m.err = m.tx.Bucket(bucket).Put(k, v)
	}
}

func (m *mover) del(bucket, k []byte) {
	if m.err == nil {
		m.err = m.tx.Bucket(bucket).Delete(k)
	}
}

// rename moves the entry at key from to key to, its value changed by fix
// (nil keeps it).
func (m *mover) rename(bucket, from, to []byte, fix func([]byte) ([]byte, error)) {
	if m.err != nil {
		return
	}
	v := m.tx.Bucket(bucket).Get(from)
	if v == nil {
		return
	}
	v = bytes.Clone(v)
	if fix != nil {
		if v, m.err = fix(v); m.err != nil {
			return
		}
	}
	m.del(bucket, from)
	m.put(bucket, to, v)
}

// prefix moves every entry whose key starts with the slug from and a 0 to
// the same key under the slug to.
func (m *mover) prefix(bucket []byte, from, to string, fix func([]byte) ([]byte, error)) {
	if m.err != nil {
		return
	}
	p := append([]byte(from), 0)
	var keys [][]byte
	c := m.tx.Bucket(bucket).Cursor()
	for k, _ := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, _ = c.Next() {
		keys = append(keys, bytes.Clone(k))
	}
	for _, k := range keys {
		m.rename(bucket, k, append([]byte(to), k[len(from):]...), fix)
	}
}

// touchMonths moves the partner's month summaries (month 0 slug keys).
func (m *mover) touchMonths(from, to string) {
	if m.err != nil {
		return
	}
	var keys [][]byte
	c := m.tx.Bucket(bucketTouchMonths).Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		if len(k) > 3 && string(k[3:]) == from {
			keys = append(keys, bytes.Clone(k))
		}
	}
	for _, k := range keys {
		m.rename(bucketTouchMonths, k, append(bytes.Clone(k[:3]), to...), nil)
	}
}

// ErrInUse is matched (errors.Is) by a delete refused because records
// refer to what would be deleted.
var ErrInUse = errors.New("still referred to")

// PartnerUses says what refers to the partner named name: its touchpoints,
// registrations and QBR records, in words ("12 touchpoints, 3
// registrations"); empty when nothing does.
func (s *Store) PartnerUses(name string) ([]string, error) {
	var uses []string
	err := s.view(func(tx *bolt.Tx) error {
		uses = partnerUses(tx, cadence.Slug(name))
		return nil
	})
	return uses, err
}

func partnerUses(tx *bolt.Tx, slug string) []string {
	count := func(bucket, prefix []byte) int {
		n := 0
		c := tx.Bucket(bucket).Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			n++
		}
		return n
	}
	var uses []string
	for _, u := range []struct {
		n         int
		one, many string
	}{
		{count(bucketTouchpoints, append([]byte(slug), 0)), "touchpoint", "touchpoints"},
		{count(bucketRegByPartner, append([]byte(slug), 0)), "registration", "registrations"},
		{count(bucketMeetings, []byte(string(cadence.KindQBR)+"/"+slug+"/")), "QBR record", "QBR records"},
	} {
		switch {
		case u.n == 1:
			uses = append(uses, "1 "+u.one)
		case u.n > 1:
			uses = append(uses, fmt.Sprintf("%d %s", u.n, u.many))
		}
	}
	return uses
}

// DeletePartner deletes the partner named name, by actor, only while
// nothing refers to it; otherwise it refuses with ErrInUse, saying what
// does (mark it churned instead).
func (s *Store) DeletePartner(cfg *cadence.Config, actor, name string) error {
	return s.update(func(tx *bolt.Tx) error {
		slug := cadence.Slug(name)
		p, ok := readPartner(tx, slug)
		if !ok {
			return fmt.Errorf("no partner %q", name)
		}
		return deletePartnerTx(tx, cfg, actor, p)
	})
}

// deletePartnerTx is DeletePartner of the stored partner p inside the
// transaction tx.
func deletePartnerTx(tx *bolt.Tx, cfg *cadence.Config, actor string, p cadence.Partner) error {
	slug := p.Slug()
	if err := cfg.MayChangePartner(actor, cadence.PartnerDelete, p.Name, p.Owner, p.Owner); err != nil {
		return refused(err)
	}
	if uses := partnerUses(tx, slug); len(uses) > 0 {
		return fmt.Errorf("%s has %s: %w; mark it churned instead", p.Name, strings.Join(uses, ", "), ErrInUse)
	}
	mv := mover{tx: tx}
	mv.del(bucketPartners, []byte(slug))
	mv.del(bucketPartnersByOwner, join([]byte(cadence.NameKey(p.Owner)), []byte(slug)))
	mv.del(bucketActivity, []byte(slug))
	var months [][]byte
	c := tx.Bucket(bucketTouchMonths).Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		if len(k) > 3 && string(k[3:]) == slug {
			months = append(months, bytes.Clone(k))
		}
	}
	for _, k := range months {
		mv.del(bucketTouchMonths, k)
	}
	if mv.err != nil {
		return mv.err
	}
	meta := tx.Bucket(bucketMeta)
	if n := getU64(meta, partnerCountKey); n > 0 {
		return meta.Put(partnerCountKey, u64(n-1))
	}
	return nil
}

// UndoPartner takes back a save of a partner by actor: after is the
// partner as the save stored it, before as it was (zero Name: the save
// added it; zero after: it was deleted). It refuses with
// ErrChangedMeanwhile when the partner is no longer stored as after. An
// add is taken back by deleting the partner, only while nothing refers to
// it (else ErrInUse); a delete by adding it again while no partner has its
// ID; a rename by renaming it back, its records following; an edit by
// saving before again. One transaction, with the role rule of each of
// those changes.
func (s *Store) UndoPartner(cfg *cadence.Config, actor string, before, after cadence.Partner) error {
	return s.update(func(tx *bolt.Tx) error {
		if after.Name == "" {
			if other, taken := readPartner(tx, before.Slug()); taken {
				return fmt.Errorf("partner %s: %w: %s was added since", before.Name, ErrChangedMeanwhile, other.Name)
			}
			if err := cfg.MayChangePartner(actor, cadence.PartnerAdd, before.Name, "", before.Owner); err != nil {
				return refused(err)
			}
			w := newWriter(tx)
			if err := w.putPartner(before); err != nil {
				return err
			}
			return w.flush()
		}
		cur, ok := readPartner(tx, after.Slug())
		if !ok || cur != after {
			now := "it is no longer in the database"
			if ok {
				now = "it was edited since"
			}
			return fmt.Errorf("partner %s: %w: %s", after.Name, ErrChangedMeanwhile, now)
		}
		if before.Name == "" {
			return deletePartnerTx(tx, cfg, actor, cur)
		}
		if before.Slug() != after.Slug() || before.Name != after.Name {
			if _, err := renamePartnerTx(tx, cfg, actor, after.Name, before.Name); err != nil {
				return err
			}
			cur.Name = before.Name
		}
		if cur == before {
			return nil
		}
		if err := cfg.MayChangePartner(actor, cadence.PartnerEdit, before.Name, cur.Owner, before.Owner); err != nil {
			return refused(err)
		}
		w := newWriter(tx)
		if err := w.putPartner(before); err != nil {
			return err
		}
		return w.flush()
	})
}

// DeleteOneOff takes back the add of a one-off meeting by actor: it
// deletes the record only while it is as added (nothing written in it, no
// action, its status and time as they were), else it refuses with
// ErrChangedMeanwhile. The actor must be allowed to make every part of the
// meeting that the record holds.
func (s *Store) DeleteOneOff(cfg *cadence.Config, actor string, added cadence.MeetingRecord) error {
	return s.update(func(tx *bolt.Tx) error {
		id := added.ID
		if _, ok := numbered(id, "adhoc/"); !ok {
			return fmt.Errorf("%s is not a one-off meeting", id)
		}
		if tx.Bucket(bucketMeetings).Get([]byte(id)) == nil {
			return fmt.Errorf("%s: %w: it is no longer in the database", id, ErrChangedMeanwhile)
		}
		cur, err := storedRecord(tx, id)
		if err != nil {
			return err
		}
		why := cadence.UndoBlocked(cur, added)
		switch {
		case why != "":
		case strings.TrimSpace(cur.TalkingPoints) != strings.TrimSpace(added.TalkingPoints) || strings.TrimSpace(cur.Notes) != strings.TrimSpace(added.Notes):
			why = "something was written in it"
		case len(cur.Actions) != len(added.Actions):
			why = "its actions changed"
		case cur.Title != added.Title || cur.Minutes != added.Minutes || strings.Join(cur.Attendees, "\x00") != strings.Join(added.Attendees, "\x00"):
			why = "it was edited"
		}
		if why != "" {
			return fmt.Errorf("%s: %w: %s", id, ErrChangedMeanwhile, why)
		}
		scope, err := meetingScope(tx, cfg, id, cur)
		if err != nil {
			return fmt.Errorf("%w: %w", ErrRefused, err)
		}
		for _, c := range cadence.RecordChanges(cadence.MeetingRecord{}, cur) {
			if err := cfg.MayChangeMeeting(actor, scope, c.Part, c.Action); err != nil {
				return refused(err)
			}
		}
		if err := newWriter(tx).unindexRecord(cur, cadence.Date{}, localDate(cfg)); err != nil {
			return err
		}
		return tx.Bucket(bucketMeetings).Delete([]byte(id))
	})
}

// EditTouchpoint replaces the touchpoint before with after, by actor, in one
// transaction that keeps the partner's summaries in step (last touch and
// last inbound, touches per month, conversations per day, unregistered
// intros). The partner stays as it is. It refuses with ErrChangedMeanwhile
// when the stored touchpoint is no longer before, and when after is a
// touchpoint already logged. It returns after as saved.
func (s *Store) EditTouchpoint(cfg *cadence.Config, actor string, before, after cadence.Touchpoint) (cadence.Touchpoint, error) {
	err := s.update(func(tx *bolt.Tx) error {
		w := newWriter(tx)
		p, err := w.storedTouchpoint(cfg, actor, cadence.TouchpointEdit, before)
		if err != nil {
			return err
		}
		after.Partner = p.Name
		after.Account, after.Note = strings.TrimSpace(after.Account), strings.TrimSpace(after.Note)
		if err := after.Validate(); err != nil {
			return err
		}
		slug := p.Slug()
		if k := touchKey(slug, after); !bytes.Equal(k, touchKey(slug, before)) && tx.Bucket(bucketTouchpoints).Get(k) != nil {
			return fmt.Errorf("%s: the same touchpoint (day, kind, direction, account and note) is logged already", p.Name)
		}
		if err := w.removeTouchpoint(slug, before); err != nil {
			return err
		}
		if _, err := w.addTouchpoint(after); err != nil {
			return err
		}
		return w.flush()
	})
	return after, err
}

// DeleteTouchpoint deletes the touchpoint t, by actor, in one transaction
// that keeps the partner's summaries in step. It refuses with
// ErrChangedMeanwhile when the stored touchpoint is no longer t.
func (s *Store) DeleteTouchpoint(cfg *cadence.Config, actor string, t cadence.Touchpoint) error {
	return s.update(func(tx *bolt.Tx) error {
		w := newWriter(tx)
		p, err := w.storedTouchpoint(cfg, actor, cadence.TouchpointDelete, t)
		if err != nil {
			return err
		}
		if err := w.removeTouchpoint(p.Slug(), t); err != nil {
			return err
		}
		return w.flush()
	})
}

// storedTouchpoint finds t's partner, asks the role rule for change, and
// makes sure t is stored as it is given.
func (w *writer) storedTouchpoint(cfg *cadence.Config, actor string, change cadence.TouchpointChange, t cadence.Touchpoint) (cadence.Partner, error) {
	slug := cadence.Slug(t.Partner)
	p, ok := w.partner(slug)
	if !ok {
		return p, fmt.Errorf("no partner %q", t.Partner)
	}
	if err := cfg.MayChangeTouchpoints(actor, change, p.Name, p.Owner); err != nil {
		return p, refused(err)
	}
	what := fmt.Sprintf("%s's %s of %s", p.Name, t.Kind, t.Date)
	v := w.tx.Bucket(bucketTouchpoints).Get(touchKey(slug, t))
	if v == nil {
		return p, fmt.Errorf("%s: %w: it is no longer in the database", what, ErrChangedMeanwhile)
	}
	stored, err := decodeTouch(p.Name, touchKey(slug, t), v)
	if err != nil {
		return p, fmt.Errorf("%s: %w", what, err)
	}
	t.Partner = p.Name
	if stored != t {
		return p, fmt.Errorf("%s: %w (now by %s): look again and redo the change", what, ErrChangedMeanwhile, stored.By)
	}
	return p, nil
}

// removeTouchpoint deletes a stored touchpoint of the partner slug and
// works out again what it fed: the partner's last touch and last inbound,
// its latest touch of the month, the day's conversations and, for an
// intro, the unregistered intro of its account.
func (w *writer) removeTouchpoint(slug string, t cadence.Touchpoint) error {
	if err := w.tx.Bucket(bucketTouchpoints).Delete(touchKey(slug, t)); err != nil {
		return err
	}
	if t.Kind.Conversation() {
		conv := w.tx.Bucket(bucketConversations)
		dk := dateKey(t.Date)
		n := uint32(0)
		if v := conv.Get(dk); len(v) == 4 {
			n = beU32(v)
		}
		var err error
		if n <= 1 {
			err = conv.Delete(dk)
		} else {
			err = conv.Put(dk, be32(n-1))
		}
		if err != nil {
			return err
		}
	}
	if err := w.recountActivity(slug); err != nil {
		return err
	}
	if err := w.recountMonth(slug, t.Date); err != nil {
		return err
	}
	if t.Kind == cadence.TouchIntro {
		return w.tx.Bucket(bucketIntros).Delete(introKey(slug, t))
	}
	return nil
}

// recountActivity sets the partner's last touch and last inbound from what
// is stored: its newest touchpoint, its newest inbound one, and its latest
// submitted registration (which counts as inbound).
func (w *writer) recountActivity(slug string) error {
	a := w.summary(slug)
	a.LastTouch, a.LastInbound = cadence.Date{}, cadence.Date{}
	prefix := append([]byte(slug), 0)
	// The newest registration: the last key under the partner.
	if k := seekLast(w.tx.Bucket(bucketRegByPartner).Cursor(), slug); k != nil {
		d := dateFromKey(k[len(prefix) : len(prefix)+4])
		a.LastTouch, a.LastInbound = d, d
	}
	tc := w.tx.Bucket(bucketTouchpoints).Cursor()
	inbound := dirCodes[cadence.Inbound]
	first := true
	for k, v := seekLastKV(tc, slug); k != nil && bytes.HasPrefix(k, prefix); k, v = tc.Prev() {
		if len(k) < 14 || len(v) < 2 {
			return fmt.Errorf("partner %s: %w", slug, errBadTouch)
		}
		d := dateFromKey(k[len(k)-13 : len(k)-9])
		if first {
			if d.After(a.LastTouch) {
				a.LastTouch = d
			}
			first = false
		}
		if !d.After(a.LastInbound) {
			break // nothing older can be later
		}
		if v[1] == inbound {
			a.LastInbound = d
			break
		}
	}
	return nil
}

// seekLast returns the last key of c under the partner slug, or nil.
func seekLast(c *bolt.Cursor, slug string) []byte {
	k, _ := seekLastKV(c, slug)
	return k
}

func seekLastKV(c *bolt.Cursor, slug string) ([]byte, []byte) {
	prefix := append([]byte(slug), 0)
	k, v := c.Seek(append([]byte(slug), 1))
	if k == nil {
		k, v = c.Last()
	} else {
		k, v = c.Prev()
	}
	if k == nil || !bytes.HasPrefix(k, prefix) {
		return nil, nil
	}
	return k, v
}

// recountMonth sets the partner's latest touch of d's month from its
// touchpoints and registrations of that month, or drops it when there are
// none.
func (w *writer) recountMonth(slug string, d cadence.Date) error {
	y, mo, _ := d.YMD()
	from := cadence.NewDate(y, mo, 1)
	to := from.AddMonths(1)
	var latest cadence.Date
	for _, b := range [][]byte{bucketTouchpoints, bucketRegByPartner} {
		c := w.tx.Bucket(b).Cursor()
		start := join([]byte(slug), dateKey(from))
		end := join([]byte(slug), dateKey(to))
		for k, _ := c.Seek(start); k != nil && bytes.Compare(k, end) < 0; k, _ = c.Next() {
			n := len(slug) + 1
			if len(k) < n+4 {
				break
			}
			if day := dateFromKey(k[n : n+4]); day.After(latest) {
				latest = day
			}
		}
	}
	b := w.tx.Bucket(bucketTouchMonths)
	key := join(monthKey(d), []byte(slug))
	if latest.IsZero() {
		return b.Delete(key)
	}
	return b.Put(key, dateKey(latest))
}

// recountIntro sets the partner's unregistered intros of account from its
// intro touchpoints, or drops them when none is left or a registration
// answers them.
func (w *writer) recountIntro(slug, account string) error {
	return w.recountIntroKey(slug, cadence.AccountKey(account))
}

// recountIntroKey is recountIntro for the account key acct.
func (w *writer) recountIntroKey(slug, acct string) error {
	intros := w.tx.Bucket(bucketIntros)
	if err := deletePrefix(intros, introPrefix(slug, acct)); err != nil {
		return err
	}
	if hasPrefix(w.tx.Bucket(bucketRegByAccount), join([]byte(acct), []byte(slug), nil)) {
		return nil
	}
	p, ok := w.partner(slug)
	if !ok {
		return nil
	}
	prefix := append([]byte(slug), 0)
	intro := kindCodes[cadence.TouchIntro]
	c := w.tx.Bucket(bucketTouchpoints).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if len(v) == 0 || v[0] != intro {
			continue
		}
		t, err := decodeTouch(p.Name, k, v)
		if err != nil {
			return fmt.Errorf("a touchpoint of %s: %w", p.Name, err)
		}
		if cadence.AccountKey(t.Account) != acct {
			continue
		}
		enc, err := json.Marshal(cadence.Intro{Partner: p.Name, Account: strings.TrimSpace(t.Account), Date: t.Date, By: t.By})
		if err != nil {
			return err
		}
		if err := intros.Put(introKey(slug, t), enc); err != nil {
			return err
		}
	}
	return nil
}

// DeleteRegistration deletes registration r, by actor, only while it is
// stored exactly as r (undoing its add: nothing else has changed it since);
// otherwise it refuses with ErrChangedMeanwhile. The partner's summaries
// and an intro the registration answered come back as they were without it.
func (s *Store) DeleteRegistration(cfg *cadence.Config, actor string, r cadence.Registration) error {
	return s.update(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketRegistrations).Get([]byte(r.ID))
		if v == nil {
			return fmt.Errorf("registration %s: %w: it is no longer in the database", r.ID, ErrChangedMeanwhile)
		}
		cur, err := decodeRegistration(v)
		if err != nil {
			return fmt.Errorf("registration %s: %w", r.ID, err)
		}
		if cur != r {
			return fmt.Errorf("registration %s: %w (now %s, %s): look again", r.ID, ErrChangedMeanwhile, cur.Status, cadence.FormatMoney(cur.Amount, cfg.Currency))
		}
		w := newWriter(tx)
		if err := mayDeleteRegistration(w, cfg, actor, cur); err != nil {
			return err
		}
		if err := w.unindexRegistration(cur); err != nil {
			return err
		}
		if err := tx.Bucket(bucketRegistrations).Delete([]byte(cur.ID)); err != nil {
			return err
		}
		slug := cadence.Slug(cur.Partner)
		if err := w.recountActivity(slug); err != nil {
			return err
		}
		if err := w.recountMonth(slug, cur.Submitted); err != nil {
			return err
		}
		if err := w.recountIntro(slug, cur.Account); err != nil {
			return err
		}
		return w.flush()
	})
}

// mayDeleteRegistration asks the rule of adding r: taking an add back is
// for those who may add it.
func mayDeleteRegistration(w *writer, cfg *cadence.Config, actor string, r cadence.Registration) error {
	scope := cadence.RegistrationScope{ID: r.ID, NewPartner: r.Partner, NewOwner: r.Owner}
	if p, ok := w.partner(cadence.Slug(r.Partner)); ok {
		scope.NewPartner, scope.NewPartnerOwner = p.Name, p.Owner
	}
	if scope.NewOwner == "" {
		scope.NewOwner = scope.NewPartnerOwner
	}
	if err := cfg.MayChangeRegistration(actor, cadence.RegistrationAdd, scope); err != nil {
		return refused(err)
	}
	return nil
}
