package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"partnercadence/cadence"
)

// MaxProblems is how many problems a Report lists in words; the rest are
// counted.
const MaxProblems = 20

// maxCounted is where a check stops counting problems: a file that bad has
// shown what it is.
const maxCounted = 100000

// Report is what a whole-file check found.
type Report struct {
	Path    string
	Version uint64 // schema version; 0 when the file has none
	// What the file holds.
	Partners, Registrations, Touchpoints, Meetings int
	Pages                                          int // pages read
	Took                                           time.Duration
	// Problems lists the first MaxProblems problems in words; More counts
	// the others.
	Problems []string
	More     int
	// Damaged is set when the file itself is damaged (its pages, or records
	// that cannot be read), not only an index or summary that disagrees
	// with intact records: the advice differs.
	Damaged bool
	// Notes are things worth knowing that are not problems.
	Notes []string
	hint  string // what to do, when the usual advice does not fit
}

// Healthy reports whether the check found nothing wrong.
func (r *Report) Healthy() bool { return len(r.Problems) == 0 }

// Count is the number of problems found.
func (r *Report) Count() int { return len(r.Problems) + r.More }

func (r *Report) add(problem string) bool {
	if len(r.Problems) < MaxProblems {
		r.Problems = append(r.Problems, problem)
	} else {
		r.More++
	}
	return r.Count() < maxCounted
}

// fromError records a DamageError as the report's problem.
func (r *Report) fromError(err error) {
	var de *DamageError
	if !errors.As(err, &de) {
		r.add(err.Error())
		return
	}
	r.Damaged = true
	r.add(de.Problem)
	r.hint = de.Hint
}

func (r *Report) addf(format string, args ...any) bool { return r.add(fmt.Sprintf(format, args...)) }

// Advice says how to recover from what the report found.
func (r *Report) Advice() string {
	switch {
	case r.Healthy():
		return ""
	case r.hint != "":
		return r.hint
	case r.Damaged:
		return fmt.Sprintf("The file itself is damaged; nothing was changed. Keep it as it is, and recover from the latest backup that passes this check "+
			"(`cadence doctor --db BACKUP`, then copy it to %s), or restore your latest export into a new file "+
			"(`cadence restore EXPORT.json --db NEW.db`) and use that instead.", r.Path)
	default:
		return fmt.Sprintf("The records read fine, but an index or summary disagrees with them. Export and restore rebuild every index from the records: "+
			"`cadence --db %s export -o all.json`, then `cadence --db NEW.db restore all.json` and `cadence doctor --db NEW.db`, and use NEW.db instead.", r.Path)
	}
}

// Err returns nil for a healthy report, else an error wrapping ErrDamaged
// that lists the problems.
func (r *Report) Err() error {
	if r.Healthy() {
		return nil
	}
	var b strings.Builder
	for i, p := range r.Problems {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p)
	}
	if r.More > 0 {
		fmt.Fprintf(&b, "; and %d more", r.More)
	}
	return &DamageError{Path: r.Path, Problem: fmt.Sprintf("it fails its check (%s)", b.String()), Hint: r.Advice()}
}

// Doctor checks the database at path without changing it — opened
// read-only, never upgraded: every page and bbolt's own consistency check,
// then cadence's own (schema version, every index and copy against its
// records, every summary against the history it sums up). cfg dates meeting
// records as the writer did (its zone, its QBR window); nil means the
// config embedded in the file, else the defaults, as the other commands do.
// It reads the file in one pass per bucket, holding no more than a
// partner's history at a time.
//
// What is wrong with the file is in the Report; the error is for what kept
// the check from running (no file, a lock, no permission).
func Doctor(path string, cfg *cadence.Config) (*Report, error) {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", path, ErrNoDatabase)
	}
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	r := &Report{Path: path}
	if err := regularFile(path, info); err != nil {
		r.fromError(err)
		return r, nil
	}
	return checkFile(r, 3*time.Second, cfg, true)
}

// checkFile opens the file of r read-only and runs the checks: with full,
// the ones that need the config too (cfg may then still be nil).
func checkFile(r *Report, timeout time.Duration, cfg *cadence.Config, full bool) (*Report, error) {
	s := &Store{path: r.Path, timeout: timeout, readOnly: true}
	err := s.guard(func() error {
		var err error
		s.held, err = s.open(true)
		return err
	})
	switch {
	case errors.Is(err, ErrDamaged):
		r.fromError(err)
		return r, nil
	case err != nil:
		return nil, err
	}
	defer s.Close()
	return s.check(r, cfg, full)
}

// report checks a Store's file as Doctor does, with cfg (nil: leave out
// what depends on the config).
func (s *Store) report(cfg *cadence.Config) (*Report, error) {
	r := &Report{Path: s.path}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.readOnly {
		if s.held == nil {
			return nil, fmt.Errorf("%s: the database was closed", s.path)
		}
		return s.check(r, cfg, false)
	}
	t := &Store{path: s.path, timeout: s.timeout, readOnly: true}
	err := t.guard(func() error {
		var err error
		t.held, err = t.open(true)
		return err
	})
	if err != nil {
		return nil, err
	}
	defer t.Close()
	return t.check(r, cfg, false)
}

// check runs every check on s.held, which is open read-only. embedded says
// to fall back on the file's embedded config when cfg is nil.
func (s *Store) check(r *Report, cfg *cadence.Config, embedded bool) (*Report, error) {
	start := time.Now()
	defer func() { r.Took = time.Since(start) }()
	err := s.guard(func() error {
		f, err := os.Open(s.path)
		if err != nil {
			return err
		}
		defer f.Close()
		meta, bad := fileMetaOf(f)
		if bad != "" {
			r.Damaged = true
			r.add(bad)
			return nil
		}
		// Every page, read through the file: what bbolt would panic or
		// fault on is a sentence here, and bbolt's own check (which runs
		// in a goroutine of its own, out of reach of a recover) then only
		// meets pages known to be sound.
		w := &pageWalk{f: f, meta: meta, problem: r.add}
		w.walk()
		r.Pages = w.pages
		if !r.Healthy() {
			r.Damaged = true
			return nil
		}
		err = s.held.View(func(tx *bolt.Tx) error {
			for err := range tx.Check() {
				r.addf("bbolt's check: %v", err)
			}
			return nil
		})
		if err != nil || !r.Healthy() {
			r.Damaged = true
			return err
		}
		return s.held.View(func(tx *bolt.Tx) error {
			c := &checker{tx: tx, r: r, cfg: cfg, cursors: map[string]*bolt.Cursor{}}
			if cfg == nil && embedded {
				c.cfg = cadence.DefaultConfig()
				if meta := tx.Bucket(bucketMeta); meta != nil {
					if text := meta.Get(embeddedConfigKey); len(text) > 0 {
						parsed, err := cadence.ParseConfig(bytes.Clone(text), s.path+" (embedded config)")
						if err != nil {
							r.Notes = append(r.Notes, fmt.Sprintf("the embedded config does not read (%v): meetings were dated with the defaults", err))
						} else {
							c.cfg = parsed
						}
					}
				}
			}
			c.run()
			return nil
		})
	})
	if errors.Is(err, ErrDamaged) {
		r.fromError(err)
		return r, nil
	}
	return r, err
}

// checker runs cadence's own checks inside one read transaction.
type checker struct {
	tx  *bolt.Tx
	r   *Report
	cfg *cadence.Config // nil: the dates meeting records are filed under are not checked
	// owners maps each partner's slug to its owner.
	owners map[string]string
	names  map[string]string // slug → display name
	// cursors are kept per bucket for get.
	cursors map[string]*bolt.Cursor
}

// descriptions name the buckets in words.
var descriptions = map[string]string{
	string(bucketPartnersByOwner):  "the index of partners by owner",
	string(bucketActivity):         "the partner activity summaries",
	string(bucketRegOpen):          "the list of open registrations",
	string(bucketRegByPartner):     "the index of registrations by partner",
	string(bucketRegByOwner):       "the index of registrations by owner",
	string(bucketRegByAccount):     "the index of registrations by account",
	string(bucketRegOpenByAccount): "the index of open registrations by account",
	string(bucketRegByDecided):     "the index of registrations by decision date",
	string(bucketRegByClosed):      "the index of registrations by close date",
	string(bucketMeetingsByDate):   "the index of meetings by date",
	string(bucketActionsOpen):      "the list of open action items",
	string(bucketConversations):    "the count of conversations per day",
	string(bucketTouchMonths):      "the latest touch per partner and month",
	string(bucketIntros):           "the list of unregistered intros",
}

func describe(bucket []byte) string {
	return fmt.Sprintf("%s (%s)", descriptions[string(bucket)], bucket)
}

func (c *checker) run() {
	version, err := readSchema(c.tx, c.r.Path)
	c.r.Version = version
	var de *DamageError
	switch {
	case errors.As(err, &de):
		c.r.Damaged = true
		c.r.add(de.Problem)
		c.r.hint = de.Hint
		return
	case errors.Is(err, ErrNewer):
		c.r.addf("it was written by a newer cadence (schema version %d; this build knows up to %d)", version, currentVersion)
		c.r.hint = "Check it with the cadence that wrote it, or upgrade: this one leaves it as it is."
		return
	case version < currentVersion:
		c.r.Notes = append(c.r.Notes, fmt.Sprintf("schema version %d: the next command that writes upgrades it to %d; its indexes are checked after that", version, currentVersion))
	}
	meta := c.tx.Bucket(bucketMeta)
	if g := meta.Get(generationKey); g != nil && len(g) != 8 {
		c.r.add("its write counter (meta generation) is damaged")
	}
	for _, name := range allBuckets {
		if c.tx.Bucket(name) == nil && (c.r.Version == currentVersion || (!bytes.Equal(name, bucketRegByOwner) && !bytes.Equal(name, bucketRegOpenByAccount))) {
			c.r.addf("bucket %s is missing", name)
		}
	}
	if !c.r.Healthy() {
		c.r.Damaged = true
		return
	}
	c.partners()
	c.registrations()
	c.history()
	c.meetings()
}

// sameCount reports an index with entries beyond those its records call
// for (entries for records that are gone, or filed under an old key).
func (c *checker) sameCount(bucket []byte, want int) {
	if got := c.tx.Bucket(bucket).Stats().KeyN; got > want {
		c.r.addf("%s holds %d entries where the records call for %d: %d are stale", describe(bucket), got, want, got-want)
	}
}

// get reads key from bucket through a cursor kept for the bucket (a Get
// makes a new cursor each time, and the check makes millions).
func (c *checker) get(bucket, key []byte) []byte {
	cur, ok := c.cursors[string(bucket)]
	if !ok {
		cur = c.tx.Bucket(bucket).Cursor()
		c.cursors[string(bucket)] = cur
	}
	k, v := cur.Seek(key)
	if !bytes.Equal(k, key) {
		return nil
	}
	if v == nil {
		return []byte{} // present, with an empty value
	}
	return v
}

// entry checks that bucket holds key, with value want unless want is nil.
func (c *checker) entry(what string, bucket, key, want []byte) {
	got := c.get(bucket, key)
	switch {
	case got == nil:
		c.r.addf("%s is missing from %s", what, describe(bucket))
	case want != nil && !bytes.Equal(got, want):
		c.r.addf("%s differs from its copy in %s", what, describe(bucket))
	}
}

// absent checks that bucket does not hold key.
func (c *checker) absent(what string, bucket, key []byte) {
	if c.get(bucket, key) != nil {
		c.r.addf("%s is in %s, where it does not belong", what, describe(bucket))
	}
}

// note records something worth knowing that is not damage: the writers
// number new records from counters that IDs given from outside (an import)
// do not advance, so a counter behind the IDs in use is a hazard of the
// data as written, and a restore keeps it.
func (c *checker) note(format string, args ...any) {
	c.r.Notes = append(c.r.Notes, fmt.Sprintf(format, args...))
}

func (c *checker) current() bool { return c.r.Version == currentVersion }

func (c *checker) partners() {
	c.owners, c.names = map[string]string{}, map[string]string{}
	n := 0
	err := c.tx.Bucket(bucketPartners).ForEach(func(k, v []byte) error {
		n++
		p, err := decodePartner(v)
		if err != nil {
			c.r.Damaged = true
			c.r.addf("partner %q: its record cannot be read", k)
			return nil
		}
		what := fmt.Sprintf("partner %q", p.Name)
		if p.Slug() != string(k) {
			c.r.addf("%s is filed under %q, not its ID %q", what, k, p.Slug())
		}
		c.owners[string(k)], c.names[string(k)] = p.Owner, p.Name
		var want []byte
		if c.current() {
			want = v
		}
		c.entry(what, bucketPartnersByOwner, join([]byte(cadence.NameKey(p.Owner)), k), want)
		if len(c.tx.Bucket(bucketActivity).Get(k)) != 16 {
			c.r.addf("%s has no activity summary in %s", what, describe(bucketActivity))
		}
		return nil
	})
	if err != nil {
		c.r.add(err.Error())
	}
	c.r.Partners = n
	if got := getU64(c.tx.Bucket(bucketMeta), partnerCountKey); got != uint64(n) {
		c.r.addf("the partner count (meta partner_count) says %d, but there are %d partners", got, n)
	}
	c.sameCount(bucketPartnersByOwner, n)
	c.sameCount(bucketActivity, n)
}

func (c *checker) registrations() {
	var n, open, decided, closed int
	var maxID uint64
	err := c.tx.Bucket(bucketRegistrations).ForEach(func(k, v []byte) error {
		n++
		r, err := decodeRegistration(v)
		if err != nil {
			c.r.Damaged = true
			c.r.addf("registration %q: its record cannot be read", k)
			return nil
		}
		what := fmt.Sprintf("registration %q", r.ID)
		if r.ID != string(k) {
			c.r.addf("%s is filed under %q", what, k)
		}
		if m, ok := numbered(r.ID, "R-"); ok && m > maxID {
			maxID = m
		}
		slug := cadence.Slug(r.Partner)
		owner, ok := c.owners[slug]
		if !ok {
			c.r.addf("%s belongs to partner %q, who is not in the database", what, r.Partner)
		}
		id := []byte(r.ID)
		acctKey := join([]byte(cadence.AccountKey(r.Account)), []byte(slug), id)
		c.entry(what, bucketRegByPartner, join([]byte(slug), dateKey(r.Submitted), id), v)
		c.entry(what, bucketRegByAccount, acctKey, nil)
		if ok && c.current() {
			c.entry(what, bucketRegByOwner, ownerRegKey(owner, r), v)
		}
		if r.Status.Open() {
			open++
			c.entry(what, bucketRegOpen, id, v)
			if c.current() {
				c.entry(what, bucketRegOpenByAccount, acctKey, nil)
			}
		} else {
			c.absent(what+" ("+string(r.Status)+")", bucketRegOpen, id)
			if c.current() {
				c.absent(what+" ("+string(r.Status)+")", bucketRegOpenByAccount, acctKey)
			}
		}
		if !r.Decided.IsZero() {
			decided++
			c.entry(what, bucketRegByDecided, join(dateKey(r.Decided), id), v)
		}
		if !r.Closed.IsZero() {
			closed++
			c.entry(what, bucketRegByClosed, join(dateKey(r.Closed), id), v)
		}
		return nil
	})
	if err != nil {
		c.r.add(err.Error())
	}
	c.r.Registrations = n
	if next := getU64(c.tx.Bucket(bucketMeta), nextRegKey); next < maxID {
		c.note("the counter for new registration IDs is at R-%d, but R-%d exists: a registration added without an ID would replace R-%d", next, maxID, next+1)
	}
	c.sameCount(bucketRegByPartner, n)
	c.sameCount(bucketRegByAccount, n)
	c.sameCount(bucketRegOpen, open)
	c.sameCount(bucketRegByDecided, decided)
	c.sameCount(bucketRegByClosed, closed)
	if c.current() {
		c.sameCount(bucketRegByOwner, n)
		c.sameCount(bucketRegOpenByAccount, open)
	}
}

// history walks the touchpoints and each partner's registrations, partner
// by partner (both are keyed by partner first), and checks the summaries
// they feed: activity, conversations per day, touches per month and
// unregistered intros. It holds one partner's months and intros at a time,
// and a count per day.
func (c *checker) history() {
	touches := c.tx.Bucket(bucketTouchpoints).Cursor()
	tk, tv := touches.First()
	regs := c.tx.Bucket(bucketRegByPartner).Cursor()
	conversations := map[uint32]uint32{} // day → count
	orphans := map[string]int{}
	slugOf := func(k []byte) []byte {
		if i := bytes.IndexByte(k, 0); i >= 0 {
			return k[:i]
		}
		return k
	}
	partners := c.tx.Bucket(bucketPartners).Cursor()
	for pk, _ := partners.First(); ; pk, _ = partners.Next() {
		// Touchpoints of partners that sort before this one (or after the
		// last) have no partner.
		for tk != nil && (pk == nil || bytes.Compare(slugOf(tk), pk) < 0) {
			orphans[string(slugOf(tk))]++
			c.r.Touchpoints++
			tk, tv = touches.Next()
		}
		if pk == nil {
			break
		}
		slug := string(pk)
		name := c.names[slug]
		var want activity
		months := map[uint16]cadence.Date{}
		intros := map[string][]cadence.Touchpoint{} // account key → its intros
		noteMonth := func(d cadence.Date) {
			m := monthKey(d)
			key := uint16(m[0])<<8 | uint16(m[1])
			if d.After(months[key]) {
				months[key] = d
			}
		}
		for ; tk != nil && bytes.Equal(slugOf(tk), pk); tk, tv = touches.Next() {
			c.r.Touchpoints++
			t, err := decodeTouch(name, tk, tv)
			if err != nil {
				c.r.Damaged = true
				c.r.addf("a touchpoint of partner %q cannot be read", name)
				continue
			}
			if !bytes.Equal(touchKey(slug, t), tk) {
				c.r.addf("a touchpoint of partner %q on %s is filed under a key that does not match what it says", name, t.Date)
			}
			if t.Date.After(want.LastTouch) {
				want.LastTouch = t.Date
			}
			if t.Direction == cadence.Inbound && t.Date.After(want.LastInbound) {
				want.LastInbound = t.Date
			}
			noteMonth(t.Date)
			if t.Kind.Conversation() {
				conversations[binary.BigEndian.Uint32(dateKey(t.Date))]++
			}
			if t.Kind == cadence.TouchIntro {
				acct := cadence.AccountKey(t.Account)
				intros[acct] = append(intros[acct], t)
			}
		}
		prefix := append([]byte(slug), 0)
		for k, v := regs.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = regs.Next() {
			r, err := decodeRegistration(v)
			if err != nil {
				c.r.addf("an entry of partner %q in %s cannot be read", name, describe(bucketRegByPartner))
				continue
			}
			if r.Submitted.After(want.LastTouch) {
				want.LastTouch = r.Submitted
			}
			if r.Submitted.After(want.LastInbound) {
				want.LastInbound = r.Submitted
			}
			noteMonth(r.Submitted)
			if r.Status.Open() {
				want.Open++
			}
			if r.Status == cadence.RegWon && !r.Closed.IsZero() && (want.FirstWon.IsZero() || r.Closed.Before(want.FirstWon)) {
				want.FirstWon = r.Closed
			}
		}
		c.activity(slug, name, want)
		c.months(slug, name, months)
		c.intros(slug, name, intros)
	}
	for slug, n := range orphans {
		c.r.addf("%d touchpoints belong to partner ID %q, which is not in the database", n, slug)
	}
	c.conversations(conversations)
}

// activity compares a partner's stored summary with its history. The last
// touch and last inbound only ever move forward (a registration whose
// submitted date is corrected keeps the later one), so the summary may be
// later than the history, never earlier; the open count and first win are
// recounted on every change and must match.
func (c *checker) activity(slug, name string, want activity) {
	v := c.tx.Bucket(bucketActivity).Get([]byte(slug))
	if len(v) != 16 {
		return // reported with the partner
	}
	got := decodeActivity(v)
	what := fmt.Sprintf("partner %q's activity summary (%s)", name, bucketActivity)
	if got.LastInbound.Before(want.LastInbound) {
		c.r.addf("%s has the last inbound touch on %s, but there is one on %s", what, got.LastInbound, want.LastInbound)
	}
	if got.LastTouch.Before(want.LastTouch) {
		c.r.addf("%s has the last touch on %s, but there is one on %s", what, got.LastTouch, want.LastTouch)
	}
	if got.Open != want.Open {
		c.r.addf("%s counts %d open registrations, but there are %d", what, got.Open, want.Open)
	}
	if got.FirstWon != want.FirstWon {
		c.r.addf("%s has the first win on %s, but the registrations say %s", what, dateOrNone(got.FirstWon), dateOrNone(want.FirstWon))
	}
}

func dateOrNone(d cadence.Date) string {
	if d.IsZero() {
		return "none"
	}
	return d.String()
}

// months checks the latest touch per month of one partner: there for every
// month with a touch, and no earlier than the latest.
func (c *checker) months(slug, name string, months map[uint16]cadence.Date) {
	b := c.tx.Bucket(bucketTouchMonths)
	for m, d := range months {
		v := b.Get(join([]byte{byte(m >> 8), byte(m)}, []byte(slug)))
		switch {
		case len(v) != 4:
			c.r.addf("partner %q's touches of %s are missing from %s", name, d.String()[:7], describe(bucketTouchMonths))
		case dateFromKey(v).Before(d):
			c.r.addf("%s has partner %q's latest touch of %s on %s, but there is one on %s", describe(bucketTouchMonths), name, d.String()[:7], dateFromKey(v), d)
		}
	}
}

// intros checks one partner's unregistered intros: each intro of an
// account no registration of the partner answers is listed under its key,
// and nothing else is. A file before schema 3 listed only the earliest of
// an account; its upgrade lists them all, so it is checked after that.
func (c *checker) intros(slug, name string, intros map[string][]cadence.Touchpoint) {
	if c.r.Version < 3 {
		return
	}
	b := c.tx.Bucket(bucketIntros)
	byAccount := c.tx.Bucket(bucketRegByAccount)
	want := map[string]bool{}
	for acct, ts := range intros {
		if hasPrefix(byAccount, join([]byte(acct), []byte(slug), nil)) {
			continue
		}
		for _, t := range ts {
			key := introKey(slug, t)
			want[string(key)] = true
			v := b.Get(key)
			if v == nil {
				c.r.addf("partner %q's intro of %q on %s, which no registration answers, is missing from %s", name, acct, t.Date, describe(bucketIntros))
				continue
			}
			in, err := decode[cadence.Intro](v)
			if err != nil {
				c.r.addf("partner %q's intro of %q on %s in %s cannot be read", name, acct, t.Date, describe(bucketIntros))
			} else if in.Date != t.Date {
				c.r.addf("%s has partner %q's intro of %q on %s dated %s", describe(bucketIntros), name, acct, t.Date, in.Date)
			}
		}
	}
	prefix := append([]byte(slug), 0)
	cur := b.Cursor()
	for k, _ := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = cur.Next() {
		if want[string(k)] {
			continue
		}
		acct := k[len(prefix):]
		if i := bytes.IndexByte(acct, 0); i >= 0 {
			acct = acct[:i]
		}
		if hasPrefix(byAccount, join(acct, []byte(slug), nil)) {
			c.r.addf("partner %q's intro of %q is in %s, but a registration answers it", name, acct, describe(bucketIntros))
		} else {
			c.r.addf("%s lists partner %q's intro of %q, but there is no such intro", describe(bucketIntros), name, acct)
		}
	}
}

func (c *checker) conversations(want map[uint32]uint32) {
	seen := 0
	err := c.tx.Bucket(bucketConversations).ForEach(func(k, v []byte) error {
		if len(k) != 4 || len(v) != 4 {
			c.r.addf("%s has a damaged entry", describe(bucketConversations))
			return nil
		}
		day := binary.BigEndian.Uint32(k)
		if n, ok := want[day]; !ok || n != beU32(v) {
			c.r.addf("%s says %d on %s, but the touchpoints hold %d", describe(bucketConversations), beU32(v), dateFromKey(k), n)
		}
		if _, ok := want[day]; ok {
			seen++
		}
		return nil
	})
	if err != nil {
		c.r.add(err.Error())
	}
	if seen < len(want) {
		c.r.addf("%s is missing %d days that have conversations", describe(bucketConversations), len(want)-seen)
	}
}

func (c *checker) meetings() {
	var stubs, open int
	var maxAction, maxAdhoc uint64
	// Without a config, planned dates are read from the IDs that carry
	// them (every kind but a QBR, whose date is the config's window).
	ids := c.cfg
	if ids == nil {
		ids = cadence.DefaultConfig()
	}
	err := c.tx.Bucket(bucketMeetings).ForEach(func(k, v []byte) error {
		c.r.Meetings++
		j, err := decode[meetingJSON](v)
		if err != nil {
			c.r.Damaged = true
			c.r.addf("meeting %q: its record cannot be read", k)
			return nil
		}
		rec := j.record()
		what := fmt.Sprintf("meeting %q", rec.ID)
		if rec.ID != string(k) {
			c.r.addf("%s is filed under %q", what, k)
			return nil
		}
		kind, _, planned, err := ids.ParseOccurrenceID(rec.ID)
		if err != nil {
			c.r.addf("%s has an ID cadence does not read: %v", what, err)
			return nil
		}
		if m, ok := numbered(rec.ID, "adhoc/"); ok && m > maxAdhoc {
			maxAdhoc = m
		}
		stub := encodeMeetingStub(rec)
		if c.cfg != nil {
			for _, d := range recordDates(rec, planned, localDate(c.cfg)) {
				stubs++
				c.entry(fmt.Sprintf("%s (on %s)", what, d), bucketMeetingsByDate, join(dateKey(d), k), stub)
			}
		} else {
			if kind != cadence.KindQBR && !planned.IsZero() {
				c.entry(fmt.Sprintf("%s (on %s)", what, planned), bucketMeetingsByDate, join(dateKey(planned), k), stub)
			}
			if !rec.At.IsZero() {
				// Its actual date, in whatever zone, is within a day of
				// the date in UTC.
				u := cadence.DateIn(rec.At, time.UTC)
				found := false
				for _, d := range []cadence.Date{u.AddDays(-1), u, u.AddDays(1)} {
					found = found || bytes.Equal(c.get(bucketMeetingsByDate, join(dateKey(d), k)), stub)
				}
				if !found {
					c.r.addf("%s (around %s) is missing from %s", what, u, describe(bucketMeetingsByDate))
				}
			}
		}
		for _, a := range rec.Actions {
			if m, ok := numbered(a.ID, "A-"); ok && m > maxAction {
				maxAction = m
			}
			if !a.Open() {
				c.absent(fmt.Sprintf("action %q (done)", a.ID), bucketActionsOpen, []byte(a.ID))
				continue
			}
			open++
			a.Meeting = rec.ID
			c.entry(fmt.Sprintf("open action %q of %s", a.ID, what), bucketActionsOpen, []byte(a.ID), encodeAction(a))
		}
		return nil
	})
	if err != nil {
		c.r.add(err.Error())
	}
	byDate := c.tx.Bucket(bucketMeetingsByDate)
	if c.cfg != nil {
		// Every record's stubs are where they belong, so an entry beyond
		// them is one that does not.
		if got := byDate.Stats().KeyN; got > stubs {
			c.r.addf("%s holds %d entries where the records call for %d: %d are stale or filed under dates the config does not give them (was the time zone or the QBR window changed?)", describe(bucketMeetingsByDate), got, stubs, got-stubs)
		}
		c.finishMeetings(open, maxAction, maxAdhoc)
		return
	}
	// Without the config, every entry of the date index is checked to be
	// a stub of a record that exists.
	err = byDate.ForEach(func(k, v []byte) error {
		if len(k) < 6 || k[4] != 0 {
			c.r.addf("%s has a damaged key", describe(bucketMeetingsByDate))
			return nil
		}
		id := k[5:]
		rv := c.tx.Bucket(bucketMeetings).Get(id)
		if rv == nil {
			c.r.addf("%s lists meeting %q on %s, which has no record", describe(bucketMeetingsByDate), id, dateFromKey(k[:4]))
			return nil
		}
		if j, err := decode[meetingJSON](rv); err == nil && !bytes.Equal(encodeMeetingStub(j.record()), v) {
			c.r.addf("meeting %q differs from its entry on %s in %s", id, dateFromKey(k[:4]), describe(bucketMeetingsByDate))
		}
		return nil
	})
	if err != nil {
		c.r.add(err.Error())
	}
	c.finishMeetings(open, maxAction, maxAdhoc)
}

// finishMeetings checks the counts the meeting records call for.
func (c *checker) finishMeetings(open int, maxAction, maxAdhoc uint64) {
	c.sameCount(bucketActionsOpen, open)
	meta := c.tx.Bucket(bucketMeta)
	if next := getU64(meta, nextActionKey); next < maxAction {
		c.note("the counter for new action IDs is at A-%d, but A-%d exists: a new action item could take an ID in use", next, maxAction)
	}
	if next := getU64(meta, nextAdhocKey); next < maxAdhoc {
		c.note("the counter for new one-off meetings is at adhoc/%d, but adhoc/%d exists: a new one-off meeting would replace adhoc/%d", next, maxAdhoc, next+1)
	}
}

// numbered reads n from an ID of the form prefix + n.
func numbered(id, prefix string) (uint64, bool) {
	rest, ok := strings.CutPrefix(id, prefix)
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseUint(rest, 10, 64)
	return n, err == nil
}

// checkCopy checks the file at path, a copy just written, with every check
// that does not need the config.
func checkCopy(path string) (*Report, error) {
	return checkFile(&Report{Path: path}, time.Second, nil, false)
}
