package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"partnercadence/cadence"
	"partnercadence/cadence/csvimport"
)

// ImportResult says what an import did, or would do with dryRun.
type ImportResult struct {
	Added, Changed, Unchanged int
	// Changes describes every addition and change of a dry run, one line
	// each, in file order: "FILE:LINE: add partner Northwind Systems". Text
	// from the file is shown with cadence.VisibleLine. A real import
	// leaves it empty: it says only how many.
	Changes []string
}

// Importer imports the rows of a CSV file into the database at a path, all
// of them or none.
//
// It holds the database's write lock only while it writes: the rows are
// checked against the database (the partners they name) and the config (the
// members they name) in a read transaction, which other readers share, and
// only a file with no problem at all is written, in one write transaction
// that checks everything again (another process may have changed the
// database in between). A file with 200,000 bad rows is reported without
// ever taking the write lock, so the app and other commands keep working.
//
// The database need not exist: the rows are then checked against an empty
// one, and the file (with its directories) is created only to write rows
// that are all good, so a failed import leaves nothing behind.
type Importer struct {
	path string
	st   *Store // nil while there is no database at path
}

// OpenImport prepares an import into the database at path. A missing or
// empty file is no database yet, and is not created here; any other file is
// opened as Open opens it (a damaged file or one of a newer cadence is
// refused, an older one upgraded).
func OpenImport(path string) (*Importer, error) {
	im := &Importer{path: path}
	_, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return im, nil
	}
	// A dry run, or an import with a bad row, writes nothing: not even
	// the upgrade of a file of an older schema.
	if im.st, err = Open(path, Options{UpgradeOnWrite: true}); err != nil {
		return nil, err
	}
	return im, nil
}

// Store returns the database, or nil while there is none.
func (im *Importer) Store() *Store { return im.st }

// Partners imports the rows of in, read from file, as partners: it adds new
// ones and updates those already there (matched by name); an empty cell
// never erases a stored value. The problems it finds (an owner not on the
// team, a name whose ID another partner has) are added to in.Problems, and
// when there is any problem at all, of form or of reference, nothing is
// written and the error is in.Problems. With dryRun nothing is written
// either, and the result lists the changes.
func (im *Importer) Partners(cfg *cadence.Config, file string, in *csvimport.File[cadence.Partner], dryRun bool) (ImportResult, error) {
	return importRows(im, cfg, file, in, dryRun, importPartners)
}

// Registrations imports the rows of in as registrations, as Partners does:
// matched by ID; every partner must exist and every owner be on the team.
func (im *Importer) Registrations(cfg *cadence.Config, file string, in *csvimport.File[cadence.Registration], dryRun bool) (ImportResult, error) {
	return importRows(im, cfg, file, in, dryRun, importRegistrations)
}

// Touchpoints imports the rows of in as touchpoints, as Partners does: one
// already stored (same partner, date, kind, direction, account and note) is
// left as it is; every partner must exist and every member be on the team.
func (im *Importer) Touchpoints(cfg *cadence.Config, file string, in *csvimport.File[cadence.Touchpoint], dryRun bool) (ImportResult, error) {
	return importRows(im, cfg, file, in, dryRun, importTouchpoints)
}

// importFunc checks rows against what c reads and, when w is not nil,
// writes them through w, stopping the writes at the first problem.
type importFunc[T any] func(c *rowChecker, rows []csvimport.Row[T], w *writer) (ImportResult, error)

// importRows checks in without the write lock, then writes it when it is clean.
func importRows[T any](im *Importer, cfg *cadence.Config, file string, in *csvimport.File[T], dryRun bool, fn importFunc[T]) (ImportResult, error) {
	return importWith(im, cfg, file, &in.Problems, dryRun, func(c *rowChecker, w *writer) (ImportResult, error) {
		return fn(c, in.Rows, w)
	})
}

// importWith runs run twice: in a read transaction with no writer, to
// check, and, when problems is still empty and this is no dry run, in a
// write transaction with a writer, to check again and write.
func importWith(im *Importer, cfg *cadence.Config, file string, problems *csvimport.Errors, dryRun bool, run func(c *rowChecker, w *writer) (ImportResult, error)) (ImportResult, error) {
	check := func(tx *bolt.Tx) (ImportResult, error) {
		c := newRowChecker(cfg, file, tx, problems)
		c.describe = dryRun
		return run(c, nil)
	}
	var res ImportResult
	var err error
	if im.st == nil {
		res, err = check(nil)
	} else {
		err = im.st.view(func(tx *bolt.Tx) error {
			res, err = check(tx)
			return err
		})
	}
	if err != nil {
		return ImportResult{}, err
	}
	if err := problems.Err(); err != nil {
		return ImportResult{}, err
	}
	if dryRun {
		return res, nil
	}

	if im.st == nil {
		if im.st, err = Open(im.path, Options{Create: true}); err != nil {
			return ImportResult{}, err
		}
	}
	// Everything again, in the write transaction: another process may have
	// renamed a partner or the file may have been created since the check.
	var again csvimport.Errors
	err = im.st.update(func(tx *bolt.Tx) error {
		w := newWriter(tx)
		var err error
		c := newRowChecker(cfg, file, tx, &again)
		c.w = w
		if res, err = run(c, w); err != nil {
			return err
		}
		if err := again.Err(); err != nil {
			return err
		}
		return w.flush()
	})
	if err != nil {
		return ImportResult{}, err
	}
	return res, nil
}

// rowChecker checks what rows name against the team and the database,
// remembering each name's answer: a file names the same few partners and
// members again and again.
type rowChecker struct {
	cfg      *cadence.Config
	file     string
	tx       *bolt.Tx // nil: there is no database yet
	problems *csvimport.Errors
	describe bool // list the changes (a dry run)
	// w, when set, is the writer of the same transaction: the partners
	// read here go into its cache, so that its writes, which look up the
	// partner of every row, do not decode it again each time.
	w *writer

	members  map[string]string           // name → problem, "" when on the team
	partners map[string]partnerReference // name as written → the stored partner
	byCRMID  map[string]string           // CRM record ID → partner slug, read once per file
	names    map[string]string           // name or email as written → the member's name
	// users are a CRM's users (Salesforce User.csv): record ID → email.
	users map[string]string
	// planned are the partners an import of several files adds before
	// the files that name them, by slug, and their slugs by CRM ID: they
	// count as existing while the files are checked.
	planned      map[string]cadence.Partner
	plannedByCRM map[string]string
	// partnerHint says what to do about a partner that is not there;
	// empty: import it first.
	partnerHint string
}

type partnerReference struct {
	p       cadence.Partner
	problem string // "" when the partner exists
}

func newRowChecker(cfg *cadence.Config, file string, tx *bolt.Tx, problems *csvimport.Errors) *rowChecker {
	return &rowChecker{cfg: cfg, file: file, tx: tx, problems: problems,
		members: map[string]string{}, partners: map[string]partnerReference{}, names: map[string]string{}}
}

// memberName returns the team member's name that name refers to: a
// member's name, or a member's email address (as CRMs export owners).
func (c *rowChecker) memberName(name string) string {
	if n, ok := c.names[name]; ok {
		return n
	}
	n := name
	if email, ok := c.users[name]; ok && email != "" {
		name = email // a CRM user's ID: the member with the user's email
	}
	if m, ok := c.cfg.Member(name); ok {
		n = m.Name
	} else if strings.Contains(name, "@") {
		for _, m := range c.cfg.Team {
			if m.Email != "" && strings.EqualFold(m.Email, name) {
				n = m.Name
				break
			}
		}
	}
	c.names[name] = n
	return n
}

// crmPartner returns the slug of the partner whose CRM record ID is id.
// The partners are read once per file, on the first ID that is not a name.
func (c *rowChecker) crmPartner(id string) (string, bool) {
	if c.byCRMID == nil {
		c.byCRMID = map[string]string{}
		if c.tx != nil {
			if b := c.tx.Bucket(bucketPartners); b != nil {
				_ = b.ForEach(func(k, v []byte) error {
					if p, err := decodePartner(v); err == nil && p.CRMID != "" {
						c.byCRMID[p.CRMID] = string(k)
					}
					return nil
				})
			}
		}
	}
	slug, ok := c.byCRMID[id]
	if !ok {
		slug, ok = c.plannedByCRM[id]
	}
	return slug, ok
}

// plan counts the good partners of rows as existing for the rest of a
// check (see rowChecker.planned).
func (c *rowChecker) plan(rows []csvimport.Row[cadence.Partner]) {
	if c.planned == nil {
		c.planned, c.plannedByCRM = map[string]cadence.Partner{}, map[string]string{}
	}
	for _, row := range rows {
		if !row.Clean() {
			continue
		}
		p := row.Value
		slug := p.Slug()
		if _, ok := c.stored(slug); !ok {
			p.Owner = c.memberName(p.Owner)
			c.planned[slug] = p
		}
		if p.CRMID != "" {
			c.plannedByCRM[p.CRMID] = slug
		}
	}
}

// member returns the problem with name as a team member, or "" when it is
// empty or on the team.
func (c *rowChecker) member(name string) string {
	if name == "" {
		return ""
	}
	if problem, ok := c.members[name]; ok {
		return problem
	}
	problem := ""
	if _, ok := c.cfg.Member(c.memberName(name)); !ok {
		where := "the config"
		if c.cfg.Path != "" {
			where = c.cfg.Path
		}
		problem = fmt.Sprintf("%s is not on the team in %s (add a [[team]] entry, or fix the name)", csvimport.Quote(name), cadence.VisibleLine(where))
		if c.users != nil {
			if email, ok := c.users[name]; ok {
				problem = fmt.Sprintf("user %s (%s) is not on the team in %s (add a [[team]] entry with email = %s)",
					csvimport.Quote(name), csvimport.Quote(email), cadence.VisibleLine(where), csvimport.Quote(email))
			} else if !strings.ContainsAny(name, "@ ") {
				problem = fmt.Sprintf("%s is no user in User.csv (export the users with the other objects)", csvimport.Quote(name))
			}
		}
	}
	c.members[name] = problem
	return problem
}

// partner returns the stored partner that name refers to (its slug is the
// partner's ID), or the problem when there is none.
func (c *rowChecker) partner(name string) (cadence.Partner, string) {
	if ref, ok := c.partners[name]; ok {
		return ref.p, ref.problem
	}
	var ref partnerReference
	slug := cadence.Slug(name)
	p, ok := c.stored(slug)
	if !ok {
		// A CRM record ID (Salesforce PartnerAccountId, HubSpot
		// Associated Company IDs) names the partner that carries it.
		if s, found := c.crmPartner(name); found {
			slug = s
			p, ok = c.stored(slug)
		}
	}
	if ok {
		ref.p = p
		if c.w != nil {
			if _, cached := c.w.partners[slug]; !cached {
				c.w.partners[slug] = p
			}
		}
	} else {
		hint := c.partnerHint
		if hint == "" {
			hint = "import it first with `cadence import partners`"
		}
		ref.problem = fmt.Sprintf("no partner %s, by name or CRM ID (%s)", csvimport.Quote(name), hint)
	}
	c.partners[name] = ref
	return ref.p, ref.problem
}

// stored reads the partner with ID slug.
func (c *rowChecker) stored(slug string) (cadence.Partner, bool) {
	if c.tx != nil {
		if p, ok := readPartner(c.tx, slug); ok {
			return p, true
		}
	}
	p, ok := c.planned[slug]
	return p, ok
}

// checkMember adds a problem on field of row when name is not on the team,
// and reports whether it did.
func checkMember[T any](c *rowChecker, row csvimport.Row[T], field, name string) bool {
	if row.Failed(field) {
		return false
	}
	if problem := c.member(name); problem != "" {
		c.problems.Add(row.Problem(field, problem))
		return true
	}
	return false
}

// checkPartner returns the stored partner that field of row names, adding a
// problem when there is none. ok is false then, and when the field itself
// is bad.
func checkPartner[T any](c *rowChecker, row csvimport.Row[T], field, name string) (p cadence.Partner, ok bool) {
	if row.Failed(field) || name == "" {
		return cadence.Partner{}, false
	}
	p, problem := c.partner(name)
	if problem != "" {
		c.problems.Add(row.Problem(field, problem))
		return cadence.Partner{}, false
	}
	return p, true
}

// change records a line of a dry run's result.
func (c *rowChecker) change(res *ImportResult, line int, format string, args ...any) {
	if c.describe {
		res.Changes = append(res.Changes, fmt.Sprintf("%s:%d: ", cadence.VisibleLine(c.file), line)+fmt.Sprintf(format, args...))
	}
}

func importPartners(c *rowChecker, rows []csvimport.Row[cadence.Partner], w *writer) (ImportResult, error) {
	var res ImportResult
	inFile := map[string]cadence.Partner{} // by ID: the file's partners so far
	for _, row := range rows {
		p := row.Value
		bad := !row.Clean()
		bad = checkMember(c, row, "owner", p.Owner) || bad
		p.Owner = c.memberName(p.Owner)
		if row.Failed("name") {
			continue
		}
		slug := p.Slug()
		old, exists := inFile[slug]
		if !exists {
			old, exists = c.stored(slug)
		}
		if exists && cadence.NameKey(old.Name) != cadence.NameKey(p.Name) {
			c.problems.Add(row.Problem("name", fmt.Sprintf("%s has the same ID (%s) as the partner %s: use that exact name, or a more distinct one",
				csvimport.Quote(p.Name), slug, csvimport.Quote(old.Name))))
			continue
		}
		if bad {
			inFile[slug] = p
			continue
		}
		if exists {
			p = mergePartner(old, p)
		}
		inFile[slug] = p
		switch {
		case !exists:
			res.Added++
			c.change(&res, row.Line, "add partner %s", cadence.VisibleLine(p.Name))
		case p != old:
			res.Changed++
			c.change(&res, row.Line, "change partner %s: %s", cadence.VisibleLine(p.Name), diff(partnerFields(old), partnerFields(p)))
		default:
			res.Unchanged++
			continue
		}
		if w != nil && c.problems.Len() == 0 {
			if err := w.putPartner(p); err != nil {
				return res, err
			}
		}
	}
	return res, nil
}

func importRegistrations(c *rowChecker, rows []csvimport.Row[cadence.Registration], w *writer) (ImportResult, error) {
	var res ImportResult
	var regs *bolt.Bucket
	if c.tx != nil {
		regs = c.tx.Bucket(bucketRegistrations)
	}
	for _, row := range rows {
		r := row.Value
		p, ok := checkPartner(c, row, "partner", r.Partner)
		bad := checkMember(c, row, "owner", r.Owner)
		if !ok || bad || !row.Clean() {
			continue
		}
		r.Partner = p.Name
		r.Owner = c.memberName(r.Owner)
		var old cadence.Registration
		exists := false
		if regs != nil {
			if v := regs.Get([]byte(r.ID)); v != nil {
				stored, err := decodeRegistration(v)
				if err != nil {
					return res, fmt.Errorf("registration %s: %w", r.ID, err)
				}
				old, exists = stored, true
				r = mergeRegistration(old, r)
			}
		}
		if exists && r == old {
			res.Unchanged++
			continue
		}
		// Merged with what is stored, a row that read cleanly may still
		// be wrong (a stored decision date after the file's close date).
		if err := r.Validate(); err != nil {
			c.problems.Add(row.Problem("row", err.Error()))
			continue
		}
		if exists {
			res.Changed++
			c.change(&res, row.Line, "change registration %s: %s", cadence.VisibleLine(r.ID), diff(registrationFields(old), registrationFields(r)))
		} else {
			res.Added++
			c.change(&res, row.Line, "add registration %s (%s, %s)", cadence.VisibleLine(r.ID), cadence.VisibleLine(r.Partner), cadence.VisibleLine(r.Account))
		}
		if w != nil && c.problems.Len() == 0 {
			if err := w.putRegistration(r); err != nil {
				return res, err
			}
		}
	}
	return res, nil
}

func importTouchpoints(c *rowChecker, rows []csvimport.Row[cadence.Touchpoint], w *writer) (ImportResult, error) {
	var res ImportResult
	// Whether a touchpoint is new is looked up only where it is needed:
	// by the write itself, or to describe a dry run.
	var stored *bolt.Bucket
	if c.tx != nil && w == nil && c.describe {
		stored = c.tx.Bucket(bucketTouchpoints)
	}
	var pending []touchWrite // the writes, made once every row is checked
	if w != nil {
		pending = make([]touchWrite, 0, len(rows))
	}
	slugs := map[string]string{} // partner name → slug
	for _, row := range rows {
		t := row.Value
		p, ok := checkPartner(c, row, "partner", t.Partner)
		bad := checkMember(c, row, "by", t.By)
		if !ok || bad || !row.Clean() {
			continue
		}
		t.Partner = p.Name
		t.By = c.memberName(t.By)
		slug, ok := slugs[p.Name]
		if !ok {
			slug = p.Slug()
			slugs[p.Name] = slug
		}
		if w != nil {
			pending = append(pending, newTouchWrite(slug, t))
			continue
		}
		if stored != nil && stored.Get(touchKey(slug, t)) != nil {
			res.Unchanged++
			continue
		}
		res.Added++
		c.change(&res, row.Line, "add %s %s with %s on %s", t.Direction, t.Kind, cadence.VisibleLine(t.Partner), t.Date)
	}
	if w == nil || c.problems.Len() > 0 {
		return res, nil
	}
	return writeTouchpoints(w, pending, res)
}

// mergePartner lays the imported partner over the stored one: an empty
// imported field keeps the stored value.
func mergePartner(old, p cadence.Partner) cadence.Partner {
	keep(&p.Type, old.Type)
	keep(&p.Owner, old.Owner)
	keep(&p.Status, old.Status)
	keep(&p.Joined, old.Joined)
	keep(&p.Contact, old.Contact)
	keep(&p.Email, old.Email)
	keep(&p.Domain, old.Domain)
	keep(&p.Notes, old.Notes)
	keep(&p.Tier, old.Tier)
	keep(&p.CRMID, old.CRMID)
	p.Name = old.Name
	return p
}

func mergeRegistration(old, r cadence.Registration) cadence.Registration {
	keep(&r.Decided, old.Decided)
	keep(&r.Expires, old.Expires)
	keep(&r.Closed, old.Closed)
	keep(&r.Owner, old.Owner)
	return r
}

func keep[T comparable](field *T, stored T) {
	var zero T
	if *field == zero {
		*field = stored
	}
}

func partnerFields(p cadence.Partner) [][2]string {
	return [][2]string{
		{"type", string(p.Type)}, {"tier", fmt.Sprint(p.Tier)}, {"owner", p.Owner}, {"status", string(p.Status)},
		{"joined", p.Joined.String()}, {"contact", p.Contact}, {"email", p.Email}, {"domain", p.Domain}, {"notes", p.Notes}, {"crm_id", p.CRMID},
	}
}

func registrationFields(r cadence.Registration) [][2]string {
	return [][2]string{
		{"partner", r.Partner}, {"account", r.Account}, {"amount", fmt.Sprint(r.Amount)}, {"submitted", r.Submitted.String()},
		{"status", string(r.Status)}, {"decided", r.Decided.String()}, {"expires", r.Expires.String()},
		{"closed", r.Closed.String()}, {"attribution", string(r.Attribution)}, {"owner", r.Owner},
	}
}

// diff lists the fields that differ as "field old → new".
func diff(old, cur [][2]string) string {
	var parts []string
	for i := range old {
		if old[i][1] != cur[i][1] {
			parts = append(parts, fmt.Sprintf("%s %s → %s", old[i][0], shortValue(old[i][1]), shortValue(cur[i][1])))
		}
	}
	return strings.Join(slices.Clip(parts), ", ")
}

// shortValue shows a value in a dry run's change: on one line, with its
// control characters as symbols, cut to 40 characters, and "" when empty.
func shortValue(s string) string {
	if s == "" {
		return `""`
	}
	s = cadence.VisibleLine(s)
	if utf8.RuneCountInString(s) > 40 {
		return string([]rune(s)[:37]) + "..."
	}
	return s
}
