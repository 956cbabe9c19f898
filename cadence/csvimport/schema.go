package csvimport

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"partnercadence/cadence"
)

// Partners reads a partners file: canonical header
// name,type,tier,owner,status,joined,contact,email,domain[,notes], or a CRM
// account export (see the package documentation for the names accepted).
//
// It returns the rows in file order, warnings about what it read around
// (columns it does not know, an encoding it had to guess), and, when any row
// is bad, a *Errors reporting every problem and no rows at all. An importer
// that checks the rows against a database too uses ReadPartners.
func Partners(r io.Reader, file string, opt Options) ([]Row[cadence.Partner], []Problem, error) {
	return clean(ReadPartners(r, file, opt))
}

// ReadPartners reads a partners file as Partners does, but returns every
// row it could make out with the problems of form it found, so that the
// caller can check the bad rows' references as well and report every
// problem of the file in one pass. Its error is only a failure to read r.
func ReadPartners(r io.Reader, file string, opt Options) (*File[cadence.Partner], error) {
	return decode(r, file, partnerSchema(newSettings(opt)))
}

// Registrations reads a deal registrations file: canonical header
// id,partner,account,amount,submitted,status,decided,expires,closed,attribution,owner,
// or a Salesforce report or HubSpot deal export. Results are as for Partners.
//
// A registration without an attribution is sourced. A closed date on an open
// (submitted or approved) registration is dropped: CRMs export the expected
// close date of open deals, and closed means the date of the outcome.
func Registrations(r io.Reader, file string, opt Options) ([]Row[cadence.Registration], []Problem, error) {
	return clean(ReadRegistrations(r, file, opt))
}

// ReadRegistrations reads a registrations file as Registrations does, with
// every row and problem, as ReadPartners does.
func ReadRegistrations(r io.Reader, file string, opt Options) (*File[cadence.Registration], error) {
	return decode(r, file, registrationSchema(newSettings(opt)))
}

// Touchpoints reads a touchpoints file: canonical header
// partner,date,kind,direction,account,note,by, or a CRM activity export.
// Results are as for Partners.
func Touchpoints(r io.Reader, file string, opt Options) ([]Row[cadence.Touchpoint], []Problem, error) {
	return clean(ReadTouchpoints(r, file, opt))
}

// ReadTouchpoints reads a touchpoints file as Touchpoints does, with every
// row and problem, as ReadPartners does.
func ReadTouchpoints(r io.Reader, file string, opt Options) (*File[cadence.Touchpoint], error) {
	return decode(r, file, touchpointSchema(newSettings(opt)))
}

// text stores a cell as is (already trimmed): notes keep their line breaks,
// each written as LF. A CSV reader turns CRLF into LF only where a line of
// the file ends, so a CR left inside the text would read differently once
// the text is written out and read again.
func text[T any](dst func(*T) *string) func(*T, string) error {
	return func(v *T, s string) error {
		if strings.Contains(s, "\r") {
			s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
		}
		*dst(v) = s
		return nil
	}
}

// oneLine stores a one-line cell (a name, an id), with every run of white space
// folded to one space: a line break inside a quoted account name is an
// accident of the CRM's text box, not part of the name.
func oneLine[T any](dst func(*T) *string) func(*T, string) error {
	return func(v *T, s string) error {
		*dst(v) = foldSpace(s)
		return nil
	}
}

// foldSpace is strings.Join(strings.Fields(s), " "): every run of white
// space becomes one space, and none is left at either end. A cell already
// in that form, nearly every one, is returned as it is, without the two
// allocations.
func foldSpace(s string) string {
	if s != "" && (s[0] == ' ' || s[len(s)-1] == ' ') {
		return strings.Join(strings.Fields(s), " ")
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || c < ' ' || (c == ' ' && s[i+1] == ' ') {
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return s
}

func partnerSchema(st *settings) *schema[cadence.Partner] {
	type P = cadence.Partner
	sch := &schema[P]{
		kind: "partners", st: st,
		fields: []field[P]{
			{
				name: "name", required: true,
				headers: []string{"name", "Partner Name", "Account Name", "Company name"},
				set:     oneLine(func(p *P) *string { return &p.Name }),
			},
			{
				name:    "crm_id",
				headers: []string{"crm_id", "Id", "Account ID", "Record ID", "Company ID", "CRM ID"},
				set:     oneLine(func(p *P) *string { return &p.CRMID }),
			},
			{
				name: "type", required: true,
				headers:  []string{"Partner Type"},
				fallback: []string{"type", "Account Type", "Company Type"},
				set: func(p *P, s string) (err error) {
					p.Type, _, err = mapEnum(st, "type", st.column("type"), s, cadence.ParsePartnerType, typeWords)
					return err
				},
			},
			{
				name: "tier", required: true,
				headers: []string{"tier", "Partner Tier", "Partner Level", "Partner_Tier__c", "Tier__c"},
				set: func(p *P, s string) (err error) {
					p.Tier, err = mapTier(st, st.column("tier"), s)
					return err
				},
			},
			{
				name: "owner", required: true,
				headers:  []string{"Partner Manager", "Channel Manager", "Partner Account Manager"},
				fallback: []string{"owner", "Account Owner", "Company owner", "Owner Email", "OwnerId"},
				set: func(p *P, s string) error {
					if s == "" {
						return errors.New("is empty (the team member who manages the partner)")
					}
					p.Owner = foldSpace(s)
					return nil
				},
			},
			{
				name:    "status",
				headers: []string{"status", "Partner Status"},
				set: func(p *P, s string) (err error) {
					if _, ok := st.columns["status"]; !ok {
						p.Status = cadence.PartnerActive
						return nil
					}
					p.Status, _, err = mapEnum(st, "partner_status", st.column("status"), s, cadence.ParsePartnerStatus, partnerStatusWords)
					return err
				},
			},
			{
				name:     "joined",
				headers:  []string{"joined", "Joined Date", "Start Date", "Partner Since", "Date Joined"},
				fallback: []string{"Created Date", "Create Date"},
				conv:     fieldDate,
				set:      dateField(st, "joined", func(p *P) *cadence.Date { return &p.Joined }),
			},
			{
				name:    "contact",
				headers: []string{"contact", "Primary Contact", "Contact Name", "Partner Contact"},
				set:     oneLine(func(p *P) *string { return &p.Contact }),
			},
			{
				name:    "email",
				headers: []string{"email", "Contact Email", "Primary Contact Email", "Email Address"},
				set: func(p *P, s string) (err error) {
					p.Email, err = parseEmail(s)
					return err
				},
			},
			{
				name:    "domain",
				headers: []string{"domain", "Website", "Company Domain Name", "Website URL"},
				set: func(p *P, s string) (err error) {
					p.Domain, err = parseDomain(s)
					return err
				},
			},
			{
				name:     "notes",
				headers:  []string{"notes", "Note"},
				fallback: []string{"Description"},
				set:      text(func(p *P) *string { return &p.Notes }),
			},
		},
		validate: cadence.Partner.Validate,
		dup: func(p P) (key, field, shown string) {
			return cadence.NameKey(p.Name), "name", p.Name
		},
		dupFields: []string{"name"},
	}
	sch.after = func(warn func(line int, column, format string, args ...any)) {
		if _, ok := st.columns["status"]; !ok {
			warn(1, "status", "no status column: every partner is imported as active (add a Partner Status column to say otherwise)")
		}
	}
	return sch
}

func registrationSchema(st *settings) *schema[cadence.Registration] {
	type R = cadence.Registration
	var currency, currencyCell string // the first currency seen, and where
	var swapped int                   // rows created after they closed
	sch := &schema[R]{
		kind: "registrations", st: st,
		fields: []field[R]{
			{
				name: "id", required: true,
				headers: []string{"id", "Deal Registration ID", "Deal Registration Number", "Registration ID", "Record ID", "Deal ID", "Opportunity ID"},
				set:     oneLine(func(r *R) *string { return &r.ID }),
			},
			{
				name: "partner", required: true,
				headers: []string{"partner", "Partner Account", "Partner Account: Account Name", "Partner Name",
					"PartnerAccountId", "Partner Account ID", "Partner Company ID"},
				fallback: []string{"Associated Company IDs", "Associated Company ID", "Associated Company IDs (Primary)"},
				set:      oneLine(func(r *R) *string { return &r.Partner }),
			},
			{
				name: "account", required: true,
				headers:  []string{"account", "Account Name", "Customer", "Customer Name", "Company", "Associated Company", "Associated Company (Primary)"},
				fallback: []string{"Deal Name", "Opportunity Name", "Name"},
				set:      oneLine(func(r *R) *string { return &r.Account }),
			},
			{
				name: "amount", required: true,
				headers:  []string{"Amount (converted)", "Amount in company currency", "Deal Amount", "Estimated Value", "Estimated Deal Value"},
				fallback: []string{"amount"},
				conv:     fieldAmount,
				set: func(r *R, s string) error {
					n, cur, err := amountIn(st, "amount", s)
					if err != nil {
						return err
					}
					if cur != "" {
						if currency == "" {
							currency, currencyCell = cur, s
						} else if cur != currency {
							return fmt.Errorf("%s is in %s but %s is in %s: use one currency per file (cadence does not convert)", Quote(s), cur, Quote(currencyCell), currency)
						}
					}
					r.Amount = n
					return nil
				},
			},
			{
				name: "submitted", required: true,
				headers:  []string{"submitted", "Submitted Date", "Date Submitted", "Registration Date"},
				fallback: createdHeaders,
				conv:     fieldDate,
				set:      dateField(st, "submitted", func(r *R) *cadence.Date { return &r.Submitted }),
			},
			{
				name: "status", required: true,
				headers:  []string{"status", "Registration Status", "Approval Status"},
				fallback: []string{"Stage", "Deal Stage", "StageName", "Stage Name"},
				set: func(r *R, s string) (err error) {
					var src string
					r.Status, src, err = mapEnum(st, "stage", st.column("status"), s, cadence.ParseRegStatus, stageWords)
					st.openStage = isOpenStage(src, r.Status)
					return err
				},
			},
			{
				name:    "decided",
				headers: []string{"decided", "Approved Date", "Approval Date", "Decision Date", "Date Approved"},
				conv:    fieldDate,
				set:     dateField(st, "decided", func(r *R) *cadence.Date { return &r.Decided }),
			},
			{
				name:    "expires",
				headers: []string{"expires", "Expiration Date", "Expiry Date", "Expires On"},
				conv:    fieldDate,
				set:     dateField(st, "expires", func(r *R) *cadence.Date { return &r.Expires }),
			},
			{
				name:    "closed",
				headers: []string{"closed", "Close Date", "Closed Date"},
				conv:    fieldDate,
				set:     dateField(st, "closed", func(r *R) *cadence.Date { return &r.Closed }),
			},
			{
				name:    "attribution",
				headers: []string{"attribution", "Partner Attribution", "Type of Influence", "Influence Type", "Attribution Type"},
				set: func(r *R, s string) (err error) {
					if s == "" {
						r.Attribution = cadence.Sourced
						return nil
					}
					r.Attribution, _, err = mapEnum(st, "attribution", st.column("attribution"), s, cadence.ParseAttribution, attributionWords)
					return err
				},
			},
			{
				name:     "owner",
				headers:  []string{"Channel Manager", "Partner Manager", "Channel Account Manager"},
				fallback: []string{"owner", "Deal owner", "Opportunity Owner", "Record Owner", "OwnerId", "Owner Email"},
				set:      oneLine(func(r *R) *string { return &r.Owner }),
			},
		},
		finish: func(r *R) {
			if st.openStage && r.Decided.IsZero() {
				// An open CRM stage is a deal being worked: approved,
				// decided when it was registered unless the file says.
				r.Decided = r.Submitted
			}
			st.openStage = false
			if r.Status.Open() {
				r.Closed = cadence.Date{}
			}
			if h, ok := st.columns["submitted"]; ok && slices.ContainsFunc(createdHeaders, func(c string) bool { return normalizeHeader(c) == normalizeHeader(h) }) &&
				!r.Closed.IsZero() && r.Closed.Before(r.Submitted) {
				// Migrated records: created in the CRM after they closed.
				r.Submitted = r.Closed
				if !r.Decided.IsZero() && r.Decided.After(r.Closed) {
					r.Decided = r.Closed
				}
				swapped++
			}
		},
		validate: cadence.Registration.Validate,
		dup: func(r R) (key, field, shown string) {
			return cadence.NameKey(r.ID), "id", r.ID
		},
		dupFields: []string{"id"},
	}
	sch.after = func(warn func(line int, column, format string, args ...any)) {
		if swapped > 0 {
			warn(0, st.column("submitted"), "%d %s created after %s closed (migrated data): %s is taken as submitted there",
				swapped, plural(swapped, "registration was", "registrations were"), plural(swapped, "it", "they"), st.column("closed"))
		}
	}
	return sch
}

// createdHeaders are the CRM columns of when a record was created.
var createdHeaders = []string{"Created Date", "Create Date", "CreatedDate"}

func touchpointSchema(st *settings) *schema[cadence.Touchpoint] {
	type T = cadence.Touchpoint
	partnerKeys := map[string]string{} // partner as written → cadence.NameKey
	var buf []byte                     // the key of dup
	sch := &schema[T]{
		kind: "touchpoints", st: st,
		fields: []field[T]{
			{
				name: "partner", required: true,
				headers: []string{"partner", "Partner Name", "Partner Account", "Partner Account: Account Name",
					"PartnerAccountId", "Partner Account ID"},
				fallback: []string{"Company / Account", "Related To", "Associated Company", "Associated Company IDs",
					"Associated Company ID", "Company ID", "AccountId", "Account ID"},
				set: oneLine(func(t *T) *string { return &t.Partner }),
			},
			{
				name: "date", required: true,
				headers:  []string{"date", "Activity Date", "Date of Activity"},
				fallback: []string{"Due Date", "Created Date", "Create Date", "CreatedDate", "Activity date and time", "StartDateTime"},
				conv:     fieldDate,
				set:      dateField(st, "date", func(t *T) *cadence.Date { return &t.Date }),
			},
			{
				name: "kind", required: true,
				headers:  []string{"kind", "Activity Type", "Touchpoint Type"},
				fallback: []string{"type", "Task Subtype", "Event Subtype", "Activity"},
				set: func(t *T, s string) (err error) {
					t.Kind, _, err = mapEnum(st, "kind", st.column("kind"), s, cadence.ParseTouchKind, kindWords)
					return err
				},
			},
			{
				name: "direction", required: true,
				headers:  []string{"direction", "Call direction"},
				fallback: []string{"Call Type"},
				set: func(t *T, s string) (err error) {
					t.Direction, _, err = mapEnum(st, "direction", st.column("direction"), s, cadence.ParseDirection, directionWords)
					return err
				},
			},
			{
				name:    "account",
				headers: []string{"account", "Customer", "Customer Account", "Introduced Account"},
				set:     oneLine(func(t *T) *string { return &t.Account }),
			},
			{
				name:     "note",
				headers:  []string{"note", "Notes", "Comments", "Description", "Call notes", "Note body"},
				fallback: []string{"Subject"},
				set:      text(func(t *T) *string { return &t.Note }),
			},
			{
				name:     "by",
				headers:  []string{"by", "Logged By", "Assigned", "Assigned To"},
				fallback: []string{"Activity Owner", "Created By", "OwnerId", "Activity assigned to", "HubSpot Owner"},
				set:      oneLine(func(t *T) *string { return &t.By }),
			},
		},
		validate: cadence.Touchpoint.Validate,
		dup: func(t T) (key, field, shown string) {
			// One allocation a row: a file may have hundreds of
			// thousands, naming the same few partners.
			nk, ok := partnerKeys[t.Partner]
			if !ok {
				nk = cadence.NameKey(t.Partner)
				partnerKeys[t.Partner] = nk
			}
			buf = append(buf[:0], nk...)
			buf = binary.BigEndian.AppendUint32(append(buf, 0), uint32(t.Date.Sub(cadence.Date{})))
			for _, s := range []string{string(t.Kind), string(t.Direction), cadence.AccountKey(t.Account), t.Note} {
				buf = append(append(buf, 0), s...)
			}
			return string(buf), "row", ""
		},
		dupFields: []string{"partner", "date", "kind", "direction", "account", "note"},
	}
	return sch
}
