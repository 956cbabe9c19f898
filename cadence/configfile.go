package cadence

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"math"
	"net/mail"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // the time zone must load on machines without zoneinfo

	"github.com/BurntSushi/toml"
)

// ConfigError is one problem in a config file: which file, which line, which
// key and what is wrong with it. ParseConfig returns every problem it finds,
// joined with errors.Join, each as a *ConfigError.
type ConfigError struct {
	Path    string // the file as it was named to ParseConfig or LoadConfig
	Line    int    // 1-based; 0 when the line is not known
	Key     string // the dotted TOML key (e.g. cadence.qbr.tiers); "" when there is none
	Problem string
}

// Error writes the problem as "file:line: key: problem", leaving out the line
// or the key when they are not known.
func (e *ConfigError) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Key != "" {
		b.WriteString(e.Key)
		b.WriteString(": ")
	}
	b.WriteString(e.Problem)
	return b.String()
}

// LoadConfig reads and checks the config file at path (see ParseConfig). A
// missing file gives an error that matches fs.ErrNotExist, so the caller can
// fall back to the first-run screen.
func LoadConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return ParseConfig(data, path)
}

// ParseConfig reads a config file (§6; config.example.toml documents every
// key) whose text is data; path names it in errors and in Config.Path. Every
// key left out keeps its value from DefaultConfig.
//
// It reports every problem it can find at once, one per line of the error,
// each a *ConfigError naming the file, the line and the key: syntax, unknown
// keys, values of the wrong type or out of range, and names that are not on
// the team. A syntax error, or a table given as another type (such as [team]
// written for [[team]]), stops the reading and is reported alone.
func ParseConfig(data []byte, path string) (*Config, error) {
	var raw rawConfig
	md, err := toml.Decode(string(data), &raw)
	if err != nil {
		return nil, decodeProblem(err, path, string(data))
	}
	l := &configLoader{path: path, src: string(data), schema: configSchemaOf(&raw)}
	l.unknownKeys(md)
	cfg := l.build(&raw)
	if len(l.errs) > 0 {
		slices.SortStableFunc(l.errs, func(a, b *ConfigError) int {
			return cmp.Compare(lineOrder(a.Line), lineOrder(b.Line))
		})
		errs := make([]error, len(l.errs))
		for i, e := range l.errs {
			errs[i] = e
		}
		return nil, errors.Join(errs...)
	}
	return cfg, nil
}

// lineOrder sorts problems by line, with those of no known line last.
func lineOrder(line int) int {
	if line == 0 {
		return math.MaxInt
	}
	return line
}

// The raw config mirrors the TOML file key for key. Every value is a
// tomlValue, checked and converted while the Config is built, so that a value
// of the wrong type becomes a located problem (and the other keys are still
// checked) instead of stopping the decoder at the first one.
type rawConfig struct {
	Timezone             tomlValue   `toml:"timezone"`
	Currency             tomlValue   `toml:"currency"`
	FiscalYearStartMonth tomlValue   `toml:"fiscal_year_start_month"`
	Start                tomlValue   `toml:"start"`
	Me                   tomlValue   `toml:"me"`
	Holidays             tomlValue   `toml:"holidays"`
	Team                 []rawMember `toml:"team"`
	Cadence              rawCadence  `toml:"cadence"`
	Flags                rawFlags    `toml:"flags"`
	Targets              rawTargets  `toml:"targets"`
	Import               rawImport   `toml:"import"`
}

type rawMember struct {
	Name     tomlValue `toml:"name"`
	Role     tomlValue `toml:"role"`
	Email    tomlValue `toml:"email"`
	OneOnOne rawSlot   `toml:"one_on_one"`
	Since    tomlValue `toml:"since"`
	SSHKeys  tomlValue `toml:"ssh_keys"`
}

type rawSlot struct {
	Weekday tomlValue `toml:"weekday"`
	Time    tomlValue `toml:"time"`
}

type rawCadence struct {
	OneOnOne struct {
		Weekday tomlValue `toml:"weekday"`
		Time    tomlValue `toml:"time"`
		Minutes tomlValue `toml:"minutes"`
	} `toml:"one_on_one"`
	PipelineReview struct {
		Day       tomlValue `toml:"day"`
		Time      tomlValue `toml:"time"`
		Minutes   tomlValue `toml:"minutes"`
		Attendees tomlValue `toml:"attendees"`
	} `toml:"pipeline_review"`
	QBR struct {
		Tiers       tomlValue `toml:"tiers"`
		WindowWeeks tomlValue `toml:"window_weeks"`
		Minutes     tomlValue `toml:"minutes"`
	} `toml:"qbr"`
	Readout struct {
		Every   tomlValue `toml:"every"`
		Day     tomlValue `toml:"day"`
		Time    tomlValue `toml:"time"`
		Minutes tomlValue `toml:"minutes"`
	} `toml:"readout"`
}

type rawFlags struct {
	SilentAfterDays struct {
		Tier1 tomlValue `toml:"tier1"`
		Tier2 tomlValue `toml:"tier2"`
		Tier3 tomlValue `toml:"tier3"`
	} `toml:"silent_after_days"`
	RegistrationSLABusinessDays   tomlValue `toml:"registration_sla_business_days"`
	RegistrationExpiryWarningDays tomlValue `toml:"registration_expiry_warning_days"`
	RegistrationProtectionDays    tomlValue `toml:"registration_protection_days"`
	IntroRegistrationDays         tomlValue `toml:"intro_registration_days"`
	IntroLookbackDays             tomlValue `toml:"intro_lookback_days"`
	MissedLookbackDays            tomlValue `toml:"missed_lookback_days"`
	PrepHours                     tomlValue `toml:"prep_hours"`
}

type rawTargets struct {
	PartnerRevenue tomlValue `toml:"partner_revenue"`
	NewARR         tomlValue `toml:"new_arr"`
}

type rawImport struct {
	DateOrder    tomlValue `toml:"date_order"`
	DecimalMark  tomlValue `toml:"decimal_mark"`
	PartnerTypes tomlValue `toml:"partner_types"`
	Values       struct {
		Stage         tomlValue `toml:"stage"`
		Type          tomlValue `toml:"type"`
		Tier          tomlValue `toml:"tier"`
		PartnerStatus tomlValue `toml:"partner_status"`
		Kind          tomlValue `toml:"kind"`
		Direction     tomlValue `toml:"direction"`
		Attribution   tomlValue `toml:"attribution"`
	} `toml:"values"`
}

// tomlValue is one value of the file exactly as the decoder found it.
type tomlValue struct {
	v   any
	set bool
}

// UnmarshalTOML keeps the value whatever its type.
func (t *tomlValue) UnmarshalTOML(v any) error {
	t.v, t.set = v, true
	return nil
}

// configSchema is what keys the file may hold, read off rawConfig's tags so
// that the struct stays the one list of keys.
type configSchema struct {
	kinds    map[string]schemaKind // dotted key → kind
	children map[string][]string   // dotted key of a table ("" for the top) → its keys in order
}

type schemaKind int

const (
	schemaValue schemaKind = iota
	schemaTable
	schemaArrayOfTables
)

func configSchemaOf(raw *rawConfig) configSchema {
	s := configSchema{kinds: map[string]schemaKind{}, children: map[string][]string{}}
	var walk func(prefix string, t reflect.Type)
	walk = func(prefix string, t reflect.Type) {
		for f := range t.Fields() {
			name := f.Tag.Get("toml")
			key := joinKey(prefix, name)
			s.children[prefix] = append(s.children[prefix], name)
			switch {
			case f.Type == reflect.TypeFor[tomlValue]():
				s.kinds[key] = schemaValue
			case f.Type.Kind() == reflect.Slice:
				s.kinds[key] = schemaArrayOfTables
				walk(key, f.Type.Elem())
			default:
				s.kinds[key] = schemaTable
				walk(key, f.Type)
			}
		}
	}
	walk("", reflect.TypeOf(raw).Elem())
	return s
}

func joinKey(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

// decodeProblem turns an error of the TOML decoder into a located problem.
// Syntax errors carry their line; the decoder's other errors come from a
// table of the file given as another type (e.g. [team] for [[team]]), and
// name only the key, so the line is looked up in the text.
func decodeProblem(err error, path, text string) error {
	if pe, ok := errors.AsType[toml.ParseError](err); ok {
		// The line is counted from the offset: the decoder puts an
		// unexpected line end on the line after it.
		line := pe.Position.Line
		if s := pe.Position.Start; s > 0 && s <= len(text) {
			line = 1 + strings.Count(text[:s], "\n")
		}
		return &ConfigError{Path: path, Line: line, Key: pe.LastKey, Problem: tidyMessage(pe.Message)}
	}
	msg := err.Error()
	m := lastKeyRE().FindStringSubmatch(msg)
	if m == nil {
		return &ConfigError{Path: path, Problem: tidyMessage(strings.TrimPrefix(msg, "toml: "))}
	}
	key, uerr := strconv.Unquote(m[1])
	if uerr != nil {
		key = m[1]
	}
	var raw rawConfig
	schema := configSchemaOf(&raw)
	lines := scanTOMLKeys(text)
	want := "a table"
	wantKinds := []string{kindTable}
	if schema.kinds[key] == schemaArrayOfTables {
		want = fmt.Sprintf("an array of tables ([[%s]])", key)
		wantKinds = []string{kindArrayOfTables, kindArray}
	}
	at := lines.misfit(key, wantKinds)
	return &ConfigError{Path: path, Line: at.line, Key: key, Problem: fmt.Sprintf("want %s, got %s", want, at.kind)}
}

// lastKeyRE finds the key in the decoder's type errors; it is compiled on
// first use, since only a broken file needs it.
var lastKeyRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`last key ("(?:[^"\\]|\\.)*")`) })

// tidyMessage makes a decoder message read like ours: lowercase, with no
// trailing full stop.
func tidyMessage(s string) string {
	s = strings.TrimSuffix(strings.TrimSpace(s), ".")
	if len(s) > 1 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'a' && s[1] <= 'z' {
		s = strings.ToLower(s[:1]) + s[1:]
	}
	return s
}

// configLoader builds a Config from the raw file and collects every problem.
type configLoader struct {
	path   string
	src    string
	lines  *tomlKeyLines // where each key is, scanned from src at the first problem
	schema configSchema
	errs   []*ConfigError
}

// keyLines returns where each key of the file is. Only a problem needs a
// line number, so a good file is never scanned twice.
func (l *configLoader) keyLines() tomlKeyLines {
	if l.lines == nil {
		lines := scanTOMLKeys(l.src)
		l.lines = &lines
	}
	return *l.lines
}

// fail records a problem with the value at key, written with array indices
// (team[2].role) so that the right line is found; the message names the key
// without them.
func (l *configLoader) fail(key, format string, args ...any) {
	l.errs = append(l.errs, &ConfigError{
		Path:    l.path,
		Line:    l.keyLines().line(key),
		Key:     stripIndices(key),
		Problem: fmt.Sprintf(format, args...),
	})
}

// unknownKeys reports every key of the file that rawConfig has no place for,
// compared case-sensitively as TOML does (the decoder itself would quietly
// accept "Timezone" for "timezone").
func (l *configLoader) unknownKeys(md toml.MetaData) {
	keys := md.Keys()
	fulls := make([]string, len(keys))
	present := make(map[string]bool, len(keys))
	for i, k := range keys {
		fulls[i] = strings.Join(k, ".")
		present[fulls[i]] = true
	}
	reported := map[string]bool{}
	for at, k := range keys {
		full := fulls[at]
		end := -1 // where the key of k[:i] ends in full
		for i := 1; i <= len(k); i++ {
			end += 1 + len(k[i-1])
			key := full[:end]
			kind, known := l.schema.kinds[key]
			if known && kind == schemaValue {
				break // anything below belongs to the value; its type is checked later
			}
			if known {
				continue
			}
			if i < len(k) && (present[key] || reported[key]) {
				break // reported on its own, or through an earlier key under it
			}
			reported[key] = true
			parent := strings.Join(k[:i-1], ".")
			problem := fmt.Sprintf("unknown key (known top-level keys: %s)", strings.Join(l.schema.children[""], ", "))
			if parent != "" {
				problem = fmt.Sprintf("unknown key (known keys in %s: %s)", parent, strings.Join(l.schema.children[parent], ", "))
				if _, top := l.schema.kinds[k[i-1]]; top {
					// The usual slip: a top-level key written below a
					// table header belongs to that table.
					problem = fmt.Sprintf("unknown key (%s is a top-level key: move it above the first [table] or [[team]] header)", k[i-1])
				}
			}
			n := 0 // earlier keys of the same name, under earlier [[team]] headers
			for _, f := range fulls[:at] {
				if f == full {
					n++
				}
			}
			l.errs = append(l.errs, &ConfigError{
				Path:    l.path,
				Line:    l.keyLines().occurrence(full, n),
				Key:     toml.Key(k[:i]).String(),
				Problem: problem,
			})
			break
		}
	}
}

// The readers below check one value and convert it. Each returns false,
// reporting nothing, when the key is absent, and false after reporting a
// problem when the value is wrong.

func (l *configLoader) integer(key string, v tomlValue) (int64, bool) {
	if !v.set {
		return 0, false
	}
	n, ok := tomlInteger(v.v)
	if !ok {
		l.fail(key, "want a whole number, got %s", describeTOML(v.v))
	}
	return n, ok
}

func tomlInteger(v any) (int64, bool) {
	switch n := v.(type) {
	case int64:
		return n, true
	case float64: // 1.2e6 is a fine way to write an amount
		if n == math.Trunc(n) && math.Abs(n) < 1<<53 {
			return int64(n), true
		}
	}
	return 0, false
}

func (l *configLoader) text(key string, v tomlValue) (string, bool) {
	if !v.set {
		return "", false
	}
	s, ok := v.v.(string)
	if !ok {
		l.fail(key, "want a string, got %s", describeTOML(v.v))
	}
	return strings.TrimSpace(s), ok
}

// date accepts a TOML local date (2026-01-05) or the same in quotes.
func (l *configLoader) date(key string, v tomlValue) (Date, bool) {
	if !v.set {
		return Date{}, false
	}
	d, err := tomlDate(v.v)
	if err != nil {
		l.fail(key, "%s", err)
		return Date{}, false
	}
	return d, true
}

func tomlDate(v any) (Date, error) {
	switch t := v.(type) {
	case time.Time:
		if t.Location().String() == "date-local" {
			return DateOf(t), nil
		}
	case string:
		if tt, err := time.Parse("2006-01-02", strings.TrimSpace(t)); err == nil {
			return DateOf(tt), nil
		}
		return Date{}, fmt.Errorf("%q is not a date (write it as 2026-01-05, without quotes)", t)
	}
	return Date{}, fmt.Errorf("want a date such as 2026-01-05, got %s", describeTOML(v))
}

// clock accepts "HH:MM" or a TOML local time (10:00).
func (l *configLoader) clock(key string, v tomlValue, dst *Clock) {
	if !v.set {
		return
	}
	switch t := v.v.(type) {
	case string:
		c, err := ParseClock(t)
		if err != nil {
			l.fail(key, "%s", err)
			return
		}
		*dst = c
	case time.Time:
		if t.Location().String() == "time-local" && t.Second() == 0 && t.Nanosecond() == 0 {
			*dst = Clock{t.Hour(), t.Minute()}
			return
		}
		l.fail(key, "want a time of day such as \"10:00\", got %s", describeTOML(v.v))
	default:
		l.fail(key, "want a time of day such as \"10:00\", got %s", describeTOML(v.v))
	}
}

func (l *configLoader) weekday(key string, v tomlValue, dst *time.Weekday) {
	s, ok := l.text(key, v)
	if !ok {
		return
	}
	wd, err := ParseWeekday(s)
	if err != nil {
		l.fail(key, "%s", enumProblem(err))
		return
	}
	*dst = wd
}

func (l *configLoader) dayRule(key string, v tomlValue, dst *DayRule) {
	s, ok := l.text(key, v)
	if !ok {
		return
	}
	r, err := ParseDayRule(s)
	if err != nil {
		l.fail(key, "%s", err)
		return
	}
	*dst = r
}

// minutes reads the length of a meeting: more than nothing, at most a day.
func (l *configLoader) minutes(key string, v tomlValue, dst *int) {
	n, ok := l.integer(key, v)
	switch {
	case !ok:
	case n <= 0:
		l.fail(key, "%d is not a meeting length (use minutes above 0)", n)
	case n > 24*60:
		l.fail(key, "%d minutes is longer than a day", n)
	default:
		*dst = int(n)
	}
}

// days reads a threshold in days: 0 or more.
func (l *configLoader) days(key string, v tomlValue, dst *int) {
	n, ok := l.integer(key, v)
	switch {
	case !ok:
	case n < 0:
		l.fail(key, "%d is negative (use 0 or more days)", n)
	case n > 100*366:
		l.fail(key, "%d days is more than a century", n)
	default:
		*dst = int(n)
	}
}

func (l *configLoader) amount(key string, v tomlValue, dst *int64) {
	n, ok := l.integer(key, v)
	switch {
	case !ok:
	case n < 0:
		l.fail(key, "%d is negative (use 0 or more)", n)
	default:
		*dst = n
	}
}

// array reads an array, reporting a value of another type.
func (l *configLoader) array(key string, v tomlValue, of string) ([]any, bool) {
	if !v.set {
		return nil, false
	}
	a, ok := v.v.([]any)
	if !ok {
		l.fail(key, "want an array of %s, got %s", of, describeTOML(v.v))
	}
	return a, ok
}

// textList reads an array of strings, trimmed; a wrong element is reported
// and left out.
func (l *configLoader) textList(key string, v tomlValue, of string) ([]string, bool) {
	a, ok := l.array(key, v, of)
	if !ok {
		return nil, false
	}
	out := make([]string, 0, len(a))
	for i, e := range a {
		s, ok := e.(string)
		if !ok {
			l.fail(key, "item %d: want a string, got %s", i+1, describeTOML(e))
			continue
		}
		out = append(out, strings.TrimSpace(s))
	}
	return out, true
}

// enumProblem is an EnumError's message without its field, which the key
// already names.
func enumProblem(err error) string {
	if e, ok := errors.AsType[*EnumError](err); ok {
		return fmt.Sprintf("%q is not one of %s", e.Value, strings.Join(e.Allowed, ", "))
	}
	return err.Error()
}

// describeTOML says what a decoded value is, the way a user would write it.
func describeTOML(v any) string {
	switch t := v.(type) {
	case string:
		return fmt.Sprintf("the string %q", t)
	case int64:
		return fmt.Sprintf("the number %d", t)
	case float64:
		return fmt.Sprintf("the number %v", t)
	case bool:
		return fmt.Sprintf("the boolean %v", t)
	case time.Time:
		switch t.Location().String() {
		case "date-local":
			return "the date " + t.Format("2006-01-02")
		case "time-local":
			return "the time " + t.Format("15:04:05")
		case "datetime-local":
			return "the date-time " + t.Format("2006-01-02T15:04:05")
		}
		return "the date-time " + t.Format(time.RFC3339)
	case []map[string]any:
		return "an array of tables"
	case []any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("a %T", v)
}

// build turns the raw file into a Config, starting from DefaultConfig so that
// every key left out keeps its default.
func (l *configLoader) build(raw *rawConfig) *Config {
	cfg := DefaultConfig()
	cfg.Path = l.path

	if s, ok := l.text("timezone", raw.Timezone); ok {
		l.timezone(cfg, s)
	}
	if s, ok := l.text("currency", raw.Currency); ok {
		c := strings.ToUpper(s)
		if len(c) != 3 || strings.Trim(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
			l.fail("currency", "%q is not a currency code (use its 3 letters, e.g. USD)", s)
		} else {
			cfg.Currency = c
		}
	}
	if n, ok := l.integer("fiscal_year_start_month", raw.FiscalYearStartMonth); ok {
		if n < 1 || n > 12 {
			l.fail("fiscal_year_start_month", "%d is not a month (use 1–12; 1 gives calendar quarters)", n)
		} else {
			cfg.FiscalYearStartMonth = int(n)
		}
	}
	if d, ok := l.date("start", raw.Start); ok {
		cfg.Start = d
	}
	if a, ok := l.array("holidays", raw.Holidays, "dates"); ok {
		cfg.Holidays = Holidays{}
		for i, e := range a {
			d, err := tomlDate(e)
			if err != nil {
				l.fail("holidays", "item %d: %s", i+1, err)
				continue
			}
			cfg.Holidays[d] = true
		}
	}

	l.cadence(cfg, &raw.Cadence)
	l.flags(cfg, &raw.Flags)
	l.amount("targets.partner_revenue", raw.Targets.PartnerRevenue, &cfg.Targets.PartnerRevenue)
	l.amount("targets.new_arr", raw.Targets.NewARR, &cfg.Targets.NewARR)
	l.importSection(cfg, &raw.Import)

	// The team comes after the cadence: a partial 1:1 override takes the rest
	// of its slot from [cadence.one_on_one].
	l.team(cfg, raw.Team)
	if s, ok := l.text("me", raw.Me); ok && s != "" {
		if m, ok := l.member(cfg, "me", s); ok {
			cfg.Me = m
		}
	}
	if names, ok := l.textList("cadence.pipeline_review.attendees", raw.Cadence.PipelineReview.Attendees, "names"); ok {
		cfg.PipelineReview.Attendees = []string{}
		for _, s := range names {
			m, ok := l.member(cfg, "cadence.pipeline_review.attendees", s)
			switch {
			case !ok:
			case slices.Contains(cfg.PipelineReview.Attendees, m):
				l.fail("cadence.pipeline_review.attendees", "%q is listed twice", s)
			default:
				cfg.PipelineReview.Attendees = append(cfg.PipelineReview.Attendees, m)
			}
		}
	}
	return cfg
}

func (l *configLoader) timezone(cfg *Config, s string) {
	if s == "" || s == "Local" {
		// "Local" would follow whichever machine runs the app; the team
		// shares one calendar.
		l.fail("timezone", "%q is not a time zone name (use an IANA name such as America/New_York, or UTC)", s)
		return
	}
	loc, err := time.LoadLocation(s)
	if err != nil {
		l.fail("timezone", "unknown time zone %q (use an IANA name such as America/New_York, or UTC)", s)
		return
	}
	cfg.Timezone, cfg.Location = s, loc
}

// member returns the configured spelling of the team member called name
// (compared case-insensitively), reporting a name that is not on the team
// with the names it could be.
func (l *configLoader) member(cfg *Config, key, name string) (string, bool) {
	m, ok := cfg.Member(name)
	if !ok {
		l.fail(key, "%s", notOnTeam(cfg.Team, name))
		return "", false
	}
	return m.Name, true
}

// teamListed is how many names notOnTeam lists before it says how many
// more there are.
const teamListed = 8

// notOnTeam says that name is not on team, and what it could be: the
// closest name when one is close (a typo, a first name alone), then the
// team's names in the file's order.
func notOnTeam(team []Member, name string) string {
	if len(team) == 0 {
		return fmt.Sprintf("%q is not on the team, which is empty (add a [[team]] entry with its name and role)", name)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%q is not on the team", name)
	if near, ok := nearestMember(team, name); ok {
		fmt.Fprintf(&b, ": did you mean %q?", near)
	}
	b.WriteString(" (team: ")
	var names []string
	seen := make(map[string]bool, len(team))
	for _, m := range team {
		if k := NameKey(m.Name); !seen[k] { // a name given twice is reported on its own
			seen[k] = true
			names = append(names, VisibleLine(m.Name))
		}
	}
	if len(names) > teamListed {
		names = append(names[:teamListed], fmt.Sprintf("… %d more", len(names)-teamListed))
	}
	b.WriteString(strings.Join(names, ", "))
	b.WriteString("; fix the spelling or add a [[team]] entry)")
	return b.String()
}

// nearestMember returns the member whose name is name with a typo or two
// (ignoring case and spacing), or the only one whose name starts with
// name's words ("Jordan" for Jordan Lee).
func nearestMember(team []Member, name string) (string, bool) {
	k := []rune(NameKey(name))
	if len(k) == 0 {
		return "", false
	}
	best, bestDist, prefixed, prefixes := "", len(k)/4+1, "", 0
	for _, m := range team {
		mk := NameKey(m.Name)
		if d := EditDistance(string(k), mk); d < bestDist {
			best, bestDist = m.Name, d
		}
		if strings.HasPrefix(mk, string(k)+" ") {
			prefixed, prefixes = m.Name, prefixes+1
		}
	}
	switch {
	case best != "":
		return best, true
	case prefixes == 1:
		return prefixed, true
	}
	return "", false
}

// EditDistance is the Levenshtein distance between a and b, by runes: how
// near a misspelt name or header is to a known one.
func EditDistance(as, bs string) int {
	a, b := []rune(as), []rune(bs)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func (l *configLoader) cadence(cfg *Config, raw *rawCadence) {
	o := raw.OneOnOne
	l.weekday("cadence.one_on_one.weekday", o.Weekday, &cfg.OneOnOne.Weekday)
	l.clock("cadence.one_on_one.time", o.Time, &cfg.OneOnOne.Time)
	l.minutes("cadence.one_on_one.minutes", o.Minutes, &cfg.OneOnOne.Minutes)

	p := raw.PipelineReview
	l.dayRule("cadence.pipeline_review.day", p.Day, &cfg.PipelineReview.Day)
	l.clock("cadence.pipeline_review.time", p.Time, &cfg.PipelineReview.Time)
	l.minutes("cadence.pipeline_review.minutes", p.Minutes, &cfg.PipelineReview.Minutes)

	q := raw.QBR
	if a, ok := l.array("cadence.qbr.tiers", q.Tiers, "tiers such as [1, 2]"); ok {
		tiers := []int{}
		for i, e := range a {
			n, ok := tomlInteger(e)
			switch {
			case !ok:
				l.fail("cadence.qbr.tiers", "item %d: want a tier (1, 2 or 3), got %s", i+1, describeTOML(e))
			case n < 1 || n > 3:
				l.fail("cadence.qbr.tiers", "%d is not a tier (use 1, 2 or 3)", n)
			case !slices.Contains(tiers, int(n)):
				tiers = append(tiers, int(n))
			}
		}
		slices.Sort(tiers)
		cfg.QBR.Tiers = tiers
	}
	if n, ok := l.integer("cadence.qbr.window_weeks", q.WindowWeeks); ok {
		if n < 1 || n > 13 {
			l.fail("cadence.qbr.window_weeks", "%d is out of range (use 1–13: the window is the first weeks of the quarter)", n)
		} else {
			cfg.QBR.WindowWeeks = int(n)
		}
	}
	l.minutes("cadence.qbr.minutes", q.Minutes, &cfg.QBR.Minutes)

	r := raw.Readout
	if s, ok := l.text("cadence.readout.every", r.Every); ok {
		switch e := ReadoutEvery(strings.ToLower(s)); e {
		case EveryMonth, EveryQuarter:
			cfg.Readout.Every = e
		default:
			l.fail("cadence.readout.every", "%q is not one of %s, %s", s, EveryMonth, EveryQuarter)
		}
	}
	l.dayRule("cadence.readout.day", r.Day, &cfg.Readout.Day)
	l.clock("cadence.readout.time", r.Time, &cfg.Readout.Time)
	l.minutes("cadence.readout.minutes", r.Minutes, &cfg.Readout.Minutes)
}

func (l *configLoader) flags(cfg *Config, raw *rawFlags) {
	f := &cfg.Flags
	l.days("flags.silent_after_days.tier1", raw.SilentAfterDays.Tier1, &f.SilentAfterDays[1])
	l.days("flags.silent_after_days.tier2", raw.SilentAfterDays.Tier2, &f.SilentAfterDays[2])
	l.days("flags.silent_after_days.tier3", raw.SilentAfterDays.Tier3, &f.SilentAfterDays[3])
	l.days("flags.registration_sla_business_days", raw.RegistrationSLABusinessDays, &f.RegistrationSLABusinessDays)
	l.days("flags.registration_expiry_warning_days", raw.RegistrationExpiryWarningDays, &f.RegistrationExpiryWarningDays)
	l.days("flags.registration_protection_days", raw.RegistrationProtectionDays, &f.RegistrationProtectionDays)
	l.days("flags.intro_registration_days", raw.IntroRegistrationDays, &f.IntroRegistrationDays)
	l.days("flags.intro_lookback_days", raw.IntroLookbackDays, &f.IntroLookbackDays)
	l.days("flags.missed_lookback_days", raw.MissedLookbackDays, &f.MissedLookbackDays)
	if n, ok := l.integer("flags.prep_hours", raw.PrepHours); ok {
		switch {
		case n < 0:
			l.fail("flags.prep_hours", "%d is negative (use 0 or more hours; 0 turns meeting_unprepared off)", n)
		case n > 24*366:
			l.fail("flags.prep_hours", "%d hours is more than a year", n)
		default:
			f.PrepHours = int(n)
		}
	}
	// An intro is flagged after intro_registration_days and until
	// intro_lookback_days: a window that closes before it opens would
	// turn the flag off without a word.
	if f.IntroLookbackDays < f.IntroRegistrationDays {
		if raw.IntroLookbackDays.set {
			l.fail("flags.intro_lookback_days", "%d is less than intro_registration_days (%d), so no intro would ever be flagged (use %d or more)",
				f.IntroLookbackDays, f.IntroRegistrationDays, f.IntroRegistrationDays)
		} else {
			l.fail("flags.intro_registration_days", "%d is more than intro_lookback_days (default %d), so no intro would ever be flagged (set intro_lookback_days too)",
				f.IntroRegistrationDays, f.IntroLookbackDays)
		}
	}
}

func (l *configLoader) team(cfg *Config, raw []rawMember) {
	byName := map[string]int{} // NameKey → index in raw
	bySlug := map[string]int{}
	keyOwner := map[string]string{} // "<type> <base64>" → member name
	for i, rm := range raw {
		at := "team[" + strconv.Itoa(i) + "]"
		var m Member
		name, ok := l.text(at+".name", rm.Name)
		slug := Slug(name)
		switch {
		case !rm.Name.set || ok && name == "":
			l.fail(at+".name", "is missing (every member needs a name)")
		case !ok:
		case slug == "":
			l.fail(at+".name", "%q has no letter a–z or digit, so it has no ID (1:1 IDs use it)", name)
		default:
			key := NameKey(name)
			if j, dup := byName[key]; dup {
				l.fail(at+".name", "%q is on the team twice (also line %d)", name, l.keyLines().line(fmt.Sprintf("team[%d].name", j)))
			} else if j, dup := bySlug[slug]; dup {
				l.fail(at+".name", "%q and %q (line %d) have the same ID %q in meeting IDs; make the names distinct",
					name, cfg.Team[j].Name, l.keyLines().line(fmt.Sprintf("team[%d].name", j)), slug)
			} else {
				byName[key] = i
				bySlug[slug] = i
			}
			m.Name = name
		}

		if !rm.Role.set {
			l.fail(at+".role", "is missing (use %s)", joinRoles())
		} else if s, ok := l.text(at+".role", rm.Role); ok {
			r, err := ParseRole(s)
			if err != nil {
				l.fail(at+".role", "%s", enumProblem(err))
			}
			m.Role = r
		}

		if s, ok := l.text(at+".email", rm.Email); ok && s != "" {
			if a, err := mail.ParseAddress(s); err != nil || a.Address != s {
				l.fail(at+".email", "%q is not an email address (write just the address, e.g. dana@example.com)", s)
			} else {
				m.Email = s
			}
		}

		if rm.OneOnOne.Weekday.set || rm.OneOnOne.Time.set {
			slot := OneOnOneSlot{Weekday: cfg.OneOnOne.Weekday, Time: cfg.OneOnOne.Time}
			l.weekday(at+".one_on_one.weekday", rm.OneOnOne.Weekday, &slot.Weekday)
			l.clock(at+".one_on_one.time", rm.OneOnOne.Time, &slot.Time)
			if m.Role != "" && m.Role != RolePartnerManager {
				l.fail(at+".one_on_one", "only partner managers have a weekly 1:1 (this member's role is %s)", m.Role)
			}
			m.OneOnOne = &slot
		}

		if d, ok := l.date(at+".since", rm.Since); ok {
			m.Since = d
		}

		if keys, ok := l.textList(at+".ssh_keys", rm.SSHKeys, "public keys"); ok {
			for _, k := range keys {
				f := strings.Fields(k)
				if len(f) < 2 {
					l.fail(at+".ssh_keys", "%q is not a public key (paste a line of ~/.ssh/id_ed25519.pub: \"ssh-ed25519 AAAA… comment\")", k)
					continue
				}
				id := f[0] + " " + f[1]
				if owner, dup := keyOwner[id]; dup {
					l.fail(at+".ssh_keys", "the key %s… is also %s's (each key must name one member)", shortKey(id), owner)
					continue
				}
				keyOwner[id] = m.Name
				m.SSHKeys = append(m.SSHKeys, k)
			}
		}
		cfg.Team = append(cfg.Team, m)
	}
}

func joinRoles() string {
	names := make([]string, len(Roles))
	for i, r := range Roles {
		names[i] = string(r)
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// shortKey is enough of a public key to recognise it in a message.
func shortKey(id string) string {
	if len(id) > 30 {
		return id[:30]
	}
	return id
}

// tomlKeyLines locates the keys of a TOML file's text. The decoder gives no
// line for a key it does not know, nor for a value our checks refuse, so the
// loader finds them here. The scan runs only on text that has already parsed,
// so it can trust the syntax.
type tomlKeyLines struct {
	// first maps a key written with array indices ("team[1].one_on_one")
	// to the line where it is first defined.
	first map[string]int
	// all maps a key without indices ("team.one_on_one") to each of its
	// definitions in file order, the way toml.MetaData.Keys lists them.
	all map[string][]keyAt
}

// keyAt is one definition of a key: its line, and what kind of value it
// holds, for messages such as "got a string".
type keyAt struct {
	line int
	kind string
}

// The kinds of value a definition can hold.
const (
	kindTable         = "a table"
	kindArrayOfTables = "an array of tables"
	kindArray         = "an array"
)

// line returns the line of key (written with indices), or of its nearest
// enclosing key that the file defines; 0 when there is none.
func (kl tomlKeyLines) line(key string) int {
	for {
		if n, ok := kl.first[key]; ok {
			return n
		}
		i := strings.LastIndexAny(key, ".[")
		if i < 0 {
			return 0
		}
		key = key[:i]
	}
}

// occurrence returns the line of the n-th definition (from 0) of key,
// written without indices, or of its nearest enclosing key.
func (kl tomlKeyLines) occurrence(key string, n int) int {
	for {
		if at := kl.all[key]; len(at) > 0 {
			return at[min(n, len(at)-1)].line
		}
		i := strings.LastIndex(key, ".")
		if i < 0 {
			return 0
		}
		key, n = key[:i], 0
	}
}

// misfit returns the first definition of key (without indices) whose kind
// is none of want: the one the decoder stopped at.
func (kl tomlKeyLines) misfit(key string, want []string) keyAt {
	at := kl.all[key]
	for _, a := range at {
		if !slices.Contains(want, a.kind) {
			return a
		}
	}
	if len(at) > 0 {
		return at[0]
	}
	return keyAt{kind: "another type"}
}

func stripIndices(key string) string {
	var b strings.Builder
	skip := false
	for _, r := range key {
		switch {
		case r == '[':
			skip = true
		case r == ']':
			skip = false
		case !skip:
			b.WriteRune(r)
		}
	}
	return b.String()
}

type tomlScanner struct {
	src    string
	pos    int
	line   int
	arrays map[string]int // an array of tables (with indices) → its elements so far
	out    tomlKeyLines
}

func scanTOMLKeys(src string) tomlKeyLines {
	s := &tomlScanner{
		src: src, line: 1, arrays: map[string]int{},
		out: tomlKeyLines{first: map[string]int{}, all: map[string][]keyAt{}},
	}
	table := ""
	for {
		s.space(true)
		if s.pos >= len(s.src) {
			return s.out
		}
		line := s.line
		switch {
		case strings.HasPrefix(s.src[s.pos:], "[["):
			s.pos += 2
			keys := s.key()
			parent := s.resolve(keys[:max(len(keys)-1, 0)])
			p := joinKey(parent, strings.Join(keys[len(keys)-1:], "."))
			s.arrays[p]++
			if _, ok := s.out.first[p]; !ok {
				s.out.first[p] = line
			}
			table = fmt.Sprintf("%s[%d]", p, s.arrays[p]-1)
			s.record(table, line, kindArrayOfTables)
		case s.src[s.pos] == '[':
			s.pos++
			table = s.resolve(s.key())
			s.record(table, line, kindTable)
		default:
			s.keyValue(table)
		}
		s.restOfLine()
	}
}

// resolve turns the keys of a table header into a key with indices: a key
// that names an array of tables means its latest element.
func (s *tomlScanner) resolve(keys []string) string {
	p := ""
	for _, k := range keys {
		p = joinKey(p, k)
		if n, ok := s.arrays[p]; ok {
			p = fmt.Sprintf("%s[%d]", p, n-1)
		}
		if _, ok := s.out.first[p]; !ok {
			s.out.first[p] = s.line
		}
	}
	return p
}

func (s *tomlScanner) record(key string, line int, kind string) {
	if _, ok := s.out.first[key]; !ok {
		s.out.first[key] = line
	}
	plain := stripIndices(key)
	s.out.all[plain] = append(s.out.all[plain], keyAt{line, kind})
}

// keyValue reads `key = value` inside table.
func (s *tomlScanner) keyValue(table string) {
	line, start := s.line, s.pos
	keys := s.key()
	s.space(false)
	if s.peek() == '=' {
		s.pos++
	}
	s.space(false)
	p := table
	for i, k := range keys {
		p = joinKey(p, k)
		if _, ok := s.out.first[p]; !ok && i < len(keys)-1 {
			s.out.first[p] = line
		}
	}
	s.record(p, line, s.kind())
	s.value(p)
	if s.pos == start {
		s.pos++ // never stall on text the scan does not understand
	}
}

// kind says what the value starting here is.
func (s *tomlScanner) kind() string {
	rest := s.src[s.pos:]
	switch {
	case rest == "":
		return "nothing"
	case rest[0] == '{':
		return kindTable
	case rest[0] == '[':
		return kindArray
	case rest[0] == '"' || rest[0] == '\'':
		return "a string"
	case strings.HasPrefix(rest, "true") || strings.HasPrefix(rest, "false"):
		return "a boolean"
	case len(rest) >= 10 && rest[4] == '-' && rest[7] == '-':
		return "a date"
	case len(rest) >= 5 && rest[2] == ':':
		return "a time"
	}
	return "a number"
}

func (s *tomlScanner) value(key string) {
	switch s.peek() {
	case '{':
		s.pos++
		for {
			s.space(true)
			switch s.peek() {
			case 0:
				return
			case '}':
				s.pos++
				return
			case ',':
				s.pos++
			default:
				s.keyValue(key)
			}
		}
	case '[':
		s.pos++
		for i := 0; ; {
			s.space(true)
			switch s.peek() {
			case 0:
				return
			case ']':
				s.pos++
				return
			case ',':
				s.pos++
				i++
			default:
				start := s.pos
				s.value(fmt.Sprintf("%s[%d]", key, i))
				if s.pos == start {
					s.pos++
				}
			}
		}
	case '"', '\'':
		s.str()
	default:
		start := s.pos
		for s.pos < len(s.src) && !strings.ContainsRune(" \t\r\n,]}#", rune(s.src[s.pos])) {
			s.pos++
		}
		// A date and a time may be separated by a space.
		if s.pos-start == 10 && s.src[start+4] == '-' && s.pos+1 < len(s.src) && s.src[s.pos] == ' ' &&
			s.src[s.pos+1] >= '0' && s.src[s.pos+1] <= '9' {
			s.pos++
			s.value(key)
		}
	}
}

// key reads a dotted key, bare or quoted, and returns its parts.
func (s *tomlScanner) key() []string {
	var keys []string
	for {
		s.space(false)
		switch c := s.peek(); c {
		case '"', '\'':
			start := s.pos
			s.str()
			k := s.src[start:s.pos]
			if u, err := strconv.Unquote(k); c == '"' && err == nil {
				k = u
			} else if len(k) >= 2 {
				k = k[1 : len(k)-1]
			}
			keys = append(keys, k)
		default:
			start := s.pos
			for s.pos < len(s.src) && isBareKeyByte(s.src[s.pos]) {
				s.pos++
			}
			keys = append(keys, s.src[start:s.pos])
		}
		s.space(false)
		if s.peek() != '.' {
			return keys
		}
		s.pos++
	}
}

func isBareKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c >= 0x80
}

// str skips a string of any of TOML's four kinds, counting its lines.
func (s *tomlScanner) str() {
	q := s.src[s.pos]
	delim := s.src[s.pos : s.pos+1]
	if strings.HasPrefix(s.src[s.pos:], strings.Repeat(delim, 3)) {
		delim = strings.Repeat(delim, 3)
	}
	s.pos += len(delim)
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		switch {
		case c == '\\' && q == '"':
			s.pos++
			if s.peek() == '\n' {
				s.line++
			}
			s.pos++
		case strings.HasPrefix(s.src[s.pos:], delim):
			s.pos += len(delim)
			// A multi-line string may end with one or two quotes of its own.
			for i := 0; len(delim) == 3 && i < 2 && s.peek() == q; i++ {
				s.pos++
			}
			return
		case c == '\n':
			s.line++
			s.pos++
		default:
			s.pos++
		}
	}
}

// space skips blanks, and when lines is set also line ends and comments.
func (s *tomlScanner) space(lines bool) {
	for s.pos < len(s.src) {
		switch s.src[s.pos] {
		case ' ', '\t', '\r':
			s.pos++
		case '\n':
			if !lines {
				return
			}
			s.line++
			s.pos++
		case '#':
			if !lines {
				return
			}
			for s.pos < len(s.src) && s.src[s.pos] != '\n' {
				s.pos++
			}
		default:
			return
		}
	}
}

// restOfLine skips what is left of a line after a header or a value: blanks,
// a comment, the closing brackets of a header.
func (s *tomlScanner) restOfLine() {
	for s.pos < len(s.src) && s.src[s.pos] != '\n' {
		s.pos++
	}
}

func (s *tomlScanner) peek() byte {
	if s.pos < len(s.src) {
		return s.src[s.pos]
	}
	return 0
}

// ImportConfig is the [import] section: what a CSV import reads from the
// config when a file leaves it open.
type ImportConfig struct {
	// DateOrder is "mdy" or "dmy": how a date such as 05/11/2026 is read
	// when no date in its column settles it; "" asks the user to set it.
	DateOrder string
	// DecimalMark is "." or ",": the decimal mark of an amount that no
	// amount in its column settles; "" asks the user to set it.
	DecimalMark string
	// Values maps a team's own CRM words to cadence values, per field
	// ("stage", "type", "tier", "partner_status", "kind", "direction",
	// "attribution"): CRM word as written → cadence value (a tier as "1").
	Values map[string]map[string]string
	// PartnerTypes are the Salesforce account types that make an account
	// a partner in `cadence import salesforce`; empty: every type that
	// reads as a partner type.
	PartnerTypes []string
}

// ImportValueFields are the keys of [import.values], in order.
var ImportValueFields = []string{"stage", "type", "tier", "partner_status", "kind", "direction", "attribution"}

// importValueCheck checks a value of [import.values] for field.
func importValueCheck(field, v string) (string, error) {
	var err error
	switch field {
	case "stage":
		_, err = ParseRegStatus(v)
	case "type":
		_, err = ParsePartnerType(v)
	case "partner_status":
		_, err = ParsePartnerStatus(v)
	case "kind":
		_, err = ParseTouchKind(v)
	case "direction":
		_, err = ParseDirection(v)
	case "attribution":
		_, err = ParseAttribution(v)
	case "tier":
		if v != "1" && v != "2" && v != "3" {
			err = fmt.Errorf("%s is not a tier (use 1, 2 or 3)", v)
		}
	}
	return v, err
}

func (l *configLoader) importSection(cfg *Config, raw *rawImport) {
	im := &cfg.Import
	if s, ok := l.text("import.date_order", raw.DateOrder); ok {
		switch strings.ToLower(s) {
		case "mdy", "dmy":
			im.DateOrder = strings.ToLower(s)
		default:
			l.fail("import.date_order", "%q is not a date order (use \"mdy\" for 11/23/2026 or \"dmy\" for 23/11/2026)", s)
		}
	}
	if s, ok := l.text("import.decimal_mark", raw.DecimalMark); ok {
		switch s {
		case ".", ",":
			im.DecimalMark = s
		default:
			l.fail("import.decimal_mark", "%q is not a decimal mark (use \".\" for 1,200.50 or \",\" for 1.200,50)", s)
		}
	}
	if raw.PartnerTypes.set {
		list, ok := raw.PartnerTypes.v.([]any)
		if !ok {
			l.fail("import.partner_types", "want a list of Salesforce account types, got %s", describeTOML(raw.PartnerTypes.v))
		}
		for _, x := range list {
			s, ok := x.(string)
			if !ok || strings.TrimSpace(s) == "" {
				l.fail("import.partner_types", "want a list of Salesforce account types (strings), got %s", describeTOML(x))
				continue
			}
			im.PartnerTypes = append(im.PartnerTypes, strings.TrimSpace(s))
		}
	}
	v := &raw.Values
	for i, t := range []tomlValue{v.Stage, v.Type, v.Tier, v.PartnerStatus, v.Kind, v.Direction, v.Attribution} {
		field := ImportValueFields[i]
		key := "import.values." + field
		if !t.set {
			continue
		}
		m, ok := t.v.(map[string]any)
		if !ok {
			l.fail(key, "want a table of CRM value = cadence value, got %s", describeTOML(t.v))
			continue
		}
		words := slices.Sorted(maps.Keys(m))
		for _, word := range words {
			var s string
			switch x := m[word].(type) {
			case string:
				s = strings.TrimSpace(x)
			case int64:
				s = strconv.FormatInt(x, 10)
			default:
				l.fail(key, "%q: want a string, got %s", word, describeTOML(x))
				continue
			}
			s = strings.ToLower(s)
			if _, err := importValueCheck(field, s); err != nil {
				l.fail(key, "%q: %s", word, enumProblem(err))
				continue
			}
			if im.Values == nil {
				im.Values = map[string]map[string]string{}
			}
			if im.Values[field] == nil {
				im.Values[field] = map[string]string{}
			}
			im.Values[field][word] = s
		}
	}
}
