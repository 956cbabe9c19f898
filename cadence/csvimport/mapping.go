package csvimport

import (
	"fmt"
	"strconv"
	"time"

	"partnercadence/cadence"
)

// settings are what the fields of one file's schema share while it is
// read: the options, each column's settled convention, and the CRM values
// mapped so far.
type settings struct {
	opt  Options
	conv map[string]byte // field → mdy/dmy, '.'/',', failed, or unset

	mapped map[mappingKey]*Mapping
	order  []mappingKey

	openStage bool              // the row being read has an open CRM stage
	columns   map[string]string // field → header as written
}

func newSettings(opt Options) *settings {
	return &settings{opt: opt, conv: map[string]byte{}, mapped: map[mappingKey]*Mapping{}}
}

type mappingKey struct{ column, value string }

// Mapping is one distinct CRM value read as a cadence value.
type Mapping struct {
	// Column is the header as written, Value the cell as written.
	Column, Value string
	// To is the cadence value it was read as; Source says whose word it
	// is ("Salesforce stage", "[import.values] stage").
	To, Source string
	// Rows is how many rows had it.
	Rows int
}

// String writes m as `Stage: Qualification → approved (Salesforce stage), 41 rows`,
// with the file's text shown safely.
func (m Mapping) String() string {
	rows := "rows"
	if m.Rows == 1 {
		rows = "row"
	}
	return cadence.VisibleLine(fmt.Sprintf("%s: %s → %s (%s), %d %s", m.Column, m.Value, m.To, m.Source, m.Rows, rows))
}

// column returns the header the file wrote for field, or the field's name.
func (st *settings) column(field string) string {
	if h, ok := st.columns[field]; ok {
		return h
	}
	return field
}

func (st *settings) note(column, value, to, source string) {
	k := mappingKey{column, value}
	if m, ok := st.mapped[k]; ok {
		m.Rows++
		return
	}
	st.mapped[k] = &Mapping{Column: column, Value: value, To: to, Source: source, Rows: 1}
	st.order = append(st.order, k)
}

func (st *settings) mappings() []Mapping {
	if st == nil {
		return nil
	}
	out := make([]Mapping, len(st.order))
	for i, k := range st.order {
		out[i] = *st.mapped[k]
	}
	return out
}

// synonym is a CRM word's cadence value and whose word it is.
type synonym[E any] struct {
	to  E
	src string
}

// table builds a synonym table from words (any spelling; keyed by valueKey).
func table[E any](src string, words map[string]E) map[string]synonym[E] {
	t := make(map[string]synonym[E], len(words))
	for w, v := range words {
		t[valueKey(w)] = synonym[E]{v, src}
	}
	return t
}

// merge returns the tables in one, the first to name a word winning.
func merge[E any](tables ...map[string]synonym[E]) map[string]synonym[E] {
	out := map[string]synonym[E]{}
	for i := len(tables) - 1; i >= 0; i-- {
		for k, v := range tables[i] {
			out[k] = v
		}
	}
	return out
}

// mapEnum reads an enum cell of field (the [import.values] key) as cadence
// spells it, else as the config's [import.values] name it, else by the
// built-in CRM words; a mapped value is noted for the dry run under column.
func mapEnum[E ~string](st *settings, field, column, s string, parse func(string) (E, error), builtin map[string]synonym[E]) (E, string, error) {
	if v, err := parse(s); err == nil || s == "" {
		if err != nil {
			_, err = parseEnum(s, parse, nil)
		}
		return v, "", err
	}
	k := valueKey(s)
	for word, to := range st.opt.Values[field] {
		if valueKey(word) == k {
			v, err := parse(to)
			if err == nil {
				st.note(column, s, to, "[import.values] "+field)
				return v, "config", nil
			}
		}
	}
	if syn, ok := builtin[k]; ok {
		st.note(column, s, string(syn.to), syn.src)
		return syn.to, syn.src, nil
	}
	v, err := parseEnum(s, parse, nil)
	if err != nil {
		err = fmt.Errorf("%w (or map it under [import.values] %s in %s)", err, field, st.opt.where())
	}
	return v, "", err
}

var (
	salesforceStages = table("Salesforce stage", map[string]cadence.RegStatus{
		"Prospecting": cadence.RegApproved, "Qualification": cadence.RegApproved,
		"Needs Analysis": cadence.RegApproved, "Value Proposition": cadence.RegApproved,
		"Id. Decision Makers": cadence.RegApproved, "Perception Analysis": cadence.RegApproved,
		"Proposal/Price Quote": cadence.RegApproved, "Negotiation/Review": cadence.RegApproved,
	})
	closedStages = table("Salesforce and HubSpot stage", map[string]cadence.RegStatus{
		"Closed Won": cadence.RegWon, "Closed Lost": cadence.RegLost,
	})
	hubspotStages = table("HubSpot stage", map[string]cadence.RegStatus{
		"appointmentscheduled": cadence.RegApproved, "qualifiedtobuy": cadence.RegApproved,
		"presentationscheduled": cadence.RegApproved, "decisionmakerboughtin": cadence.RegApproved,
		"contractsent":          cadence.RegApproved,
		"Appointment Scheduled": cadence.RegApproved, "Qualified To Buy": cadence.RegApproved,
		"Presentation Scheduled": cadence.RegApproved, "Decision Maker Bought-In": cadence.RegApproved,
		"Contract Sent": cadence.RegApproved,
	})
	registrationStatuses = table("registration status", map[string]cadence.RegStatus{
		"Pending": cadence.RegSubmitted, "Pending Approval": cadence.RegSubmitted, "Pending Review": cadence.RegSubmitted,
		"Awaiting Approval": cadence.RegSubmitted, "Submitted for Approval": cadence.RegSubmitted,
		"In Review": cadence.RegSubmitted, "Under Review": cadence.RegSubmitted, "New": cadence.RegSubmitted,
		"Accepted": cadence.RegApproved, "Declined": cadence.RegRejected, "Denied": cadence.RegRejected,
		"Expired": cadence.RegExpired,
	})
	stageWords = merge(registrationStatuses, salesforceStages, hubspotStages, closedStages)

	salesforceTypes = table("Salesforce account type", map[string]cadence.PartnerType{
		"Channel Partner / Reseller": cadence.TypeReseller, "Installation Partner": cadence.TypeSI,
		"Technology Partner": cadence.TypeISV,
	})
	hubspotTypes = table("HubSpot company type", map[string]cadence.PartnerType{
		"RESELLER": cadence.TypeReseller, "PARTNER": cadence.TypeReseller, "VENDOR": cadence.TypeISV,
	})
	programTypes = table("partner type", map[string]cadence.PartnerType{
		"VAR": cadence.TypeReseller, "Value Added Reseller": cadence.TypeReseller, "Reseller Partner": cadence.TypeReseller,
		"Channel Partner": cadence.TypeReseller,
		"Technology":      cadence.TypeISV, "Tech Partner": cadence.TypeISV, "ISV Partner": cadence.TypeISV,
		"Agency Partner": cadence.TypeAgency, "Marketplace Partner": cadence.TypeMarketplace,
		"Alliance Partner": cadence.TypeAlliance, "Strategic Alliance": cadence.TypeAlliance,
		"Referral Partner": cadence.TypeReferral, "System Integrator": cadence.TypeSI,
		"Systems Integrator": cadence.TypeSI, "SI Partner": cadence.TypeSI, "Implementation Partner": cadence.TypeSI,
	})
	typeWords = merge(programTypes, salesforceTypes, hubspotTypes)

	kindWords = merge(table("activity type", map[string]cadence.TouchKind{
		"Phone": cadence.TouchCall, "Phone Call": cadence.TouchCall, "Logged Call": cadence.TouchCall,
		"Calls": cadence.TouchCall, "Emails": cadence.TouchEmail, "Meetings": cadence.TouchMeeting,
		"Introduction": cadence.TouchIntro, "Notes": cadence.TouchNote,
	}), table("Salesforce activity type", map[string]cadence.TouchKind{
		"Task": cadence.TouchNote, "ListEmail": cadence.TouchEmail, "List Email": cadence.TouchEmail,
		"Send Letter/Quote": cadence.TouchEmail, "LinkedIn": cadence.TouchNote, "Cadence": cadence.TouchNote,
		"Other": cadence.TouchNote,
	}), table("HubSpot activity type", map[string]cadence.TouchKind{
		"INCOMING_EMAIL": cadence.TouchEmail, "FORWARDED_EMAIL": cadence.TouchEmail, "TASK": cadence.TouchNote,
	}))

	directionWords = table("call direction", map[string]cadence.Direction{
		"In": cadence.Inbound, "Incoming": cadence.Inbound, "Out": cadence.Outbound, "Outgoing": cadence.Outbound,
		"INBOUND": cadence.Inbound, "OUTBOUND": cadence.Outbound,
	})
	attributionWords = table("attribution", map[string]cadence.Attribution{
		"Partner Sourced": cadence.Sourced, "Source": cadence.Sourced,
		"Partner Influenced": cadence.Influenced, "Influence": cadence.Influenced, "Co-sell": cadence.Influenced,
	})
	partnerStatusWords = table("partner status", map[string]cadence.PartnerStatus{
		"Active Partner": cadence.PartnerActive, "Inactive": cadence.PartnerPaused,
		"Former Partner": cadence.PartnerChurned, "Terminated": cadence.PartnerChurned, "Onboard": cadence.PartnerOnboarding,
	})
)

// tierWords are partner program tiers by metal, top first.
var tierWords = map[string]synonym[int]{
	"platinum": {1, "metal tier"}, "gold": {1, "metal tier"}, "silver": {2, "metal tier"}, "bronze": {3, "metal tier"},
}

// mapTier reads a tier: 1, 2, 3 ("Tier 1", "T1", "1.0"), a metal name,
// or a team's own word under [import.values] tier.
func mapTier(st *settings, column, s string) (int, error) {
	n, err := parseTier(s)
	if err == nil || s == "" {
		return n, err
	}
	k := valueKey(s)
	for word, to := range st.opt.Values["tier"] {
		if valueKey(word) == k {
			if n, err := strconv.Atoi(to); err == nil {
				st.note(column, s, to, "[import.values] tier")
				return n, nil
			}
		}
	}
	if syn, ok := tierWords[k]; ok {
		st.note(column, s, strconv.Itoa(syn.to), syn.src)
		return syn.to, nil
	}
	return 0, fmt.Errorf("%s is not a tier (use 1, 2 or 3, \"Tier 1\", a metal such as Gold, or map it under [import.values] tier in %s)", Quote(s), st.opt.where())
}

// isOpenStage reports whether a stage word is an open CRM stage (Salesforce
// or HubSpot): a deal still being worked, which cadence holds as approved.
func isOpenStage(src string, to cadence.RegStatus) bool {
	return to == cadence.RegApproved && (src == "Salesforce stage" || src == "HubSpot stage")
}

// settle decides the convention of field f's column from what its cells
// settle, else from the options, and reports the column once when it
// cannot: two conventions settled by different lines, or a value read
// differently under each with no option to decide.
func (d *decoder[T]) settle(f field[T], c *settleColumn) {
	st := d.s.st
	col := d.column(f.name)
	a, b := byte(mdy), byte(dmy)
	key, opt := "date_order", st.opt.DateOrder
	if f.conv == fieldAmount {
		a, b = '.', ','
		key, opt = "decimal_mark", st.opt.DecimalMark
	}
	la, okA := c.first[a]
	lb, okB := c.first[b]
	switch {
	case okA && okB:
		first, second := a, b
		if lb < la {
			first, second = b, a
		}
		d.problem(c.first[second], col, "%s (line %d) and %s (line %d) are written %s and %s: write the column one way",
			Quote(c.cell[first]), c.first[first], Quote(c.cell[second]), c.first[second], convName(first), convName(second))
		st.conv[f.name] = failed
	case okA:
		st.conv[f.name] = a
	case okB:
		st.conv[f.name] = b
	case opt != "":
		st.conv[f.name] = optConv(opt)
	case c.open != 0:
		hint := `"mdy" (month first) or "dmy" (day first)`
		if sd, ok := splitSlashDate(c.openVal); ok {
			m, okM := sd.date(mdy)
			d, okD := sd.date(dmy)
			if okM && okD {
				hint = fmt.Sprintf(`"mdy" (%s) or "dmy" (%s)`, m.Start(time.UTC).Format("January 2, 2006"), d.Start(time.UTC).Format("2 January 2006"))
			}
		}
		if f.conv == fieldAmount {
			hint = `"." or ","`
		}
		d.problem(c.open, col, "%s reads two ways and no value in the column settles which: set %s = %s under [import] in %s",
			Quote(c.openVal), key, hint, st.opt.where())
		st.conv[f.name] = failed
	}
}

func optConv(opt string) byte {
	switch opt {
	case "mdy":
		return mdy
	case "dmy":
		return dmy
	}
	return opt[0]
}

func convName(c byte) string {
	switch c {
	case mdy:
		return "month first"
	case dmy:
		return "day first"
	case '.':
		return "with a decimal point"
	}
	return "with a decimal comma"
}

// dateField stores a date cell of a column whose order st settles.
func dateField[T any](st *settings, name string, dst func(*T) *cadence.Date) func(*T, string) error {
	return func(v *T, s string) error {
		conv := st.conv[name]
		if conv == failed {
			return errSettled
		}
		d, err := parseDateIn(s, conv, st.opt.location())
		*dst(v) = d
		return err
	}
}

// amountIn reads an amount of a column whose decimal mark st settles.
func amountIn(st *settings, name, s string) (int64, string, error) {
	switch conv := st.conv[name]; conv {
	case failed:
		return 0, "", errSettled
	case '.', ',':
		n, cur, err := parseAmountAs(s, conv)
		if err != nil {
			if _, _, other := parseAmount(s); other == nil {
				err = fmt.Errorf("%s is not an amount %s, as the column's other amounts are", Quote(s), convName(conv))
			}
		}
		return n, cur, err
	}
	return parseAmount(s)
}
