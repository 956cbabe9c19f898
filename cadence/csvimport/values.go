package csvimport

import (
	"errors"
	"fmt"
	"net/mail"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"

	"partnercadence/cadence"
)

// This file reads single cells. Every function takes a cell already trimmed
// of surrounding white space and returns an error whose text is the problem
// as the user reads it after "FILE:LINE: column: ".

// valueKey folds a value for synonym lookup: lowercase letters and digits
// only, so "Closed Won", "closed-won" and "CLOSED_WON" are all "closedwon".
func valueKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// parseEnum reads an enum cell with parse (the cadence.Parse* function), then
// with the CRM synonyms in syn (keyed by valueKey). A bad or empty value
// reports the allowed values.
func parseEnum[E ~string](s string, parse func(string) (E, error), syn map[string]E) (E, error) {
	v, err := parse(s)
	if err == nil {
		return v, nil
	}
	if v, ok := syn[valueKey(s)]; ok && s != "" {
		return v, nil
	}
	var ee *cadence.EnumError
	if !errors.As(err, &ee) {
		return "", err
	}
	if s == "" {
		return "", fmt.Errorf("is empty (use one of %s)", strings.Join(ee.Allowed, ", "))
	}
	return "", fmt.Errorf("%s is not one of %s", Quote(s), strings.Join(ee.Allowed, ", "))
}

// tierRE reads "1", "Tier 1", "tier-1", "T1" and spreadsheet "1.0".
var tierRE = lazyRegexp(`(?i)^(?:tier|t)?[\s_-]*([123])(?:\.0+)?$`)

func parseTier(s string) (int, error) {
	if s == "" {
		return 0, errors.New("is empty (use 1, 2 or 3)")
	}
	m := tierRE().FindStringSubmatch(s)
	if m == nil {
		return 0, fmt.Errorf("%s is not a tier (use 1, 2 or 3; \"Tier 1\" and \"T1\" work too)", Quote(s))
	}
	return int(m[1][0] - '0'), nil
}

// timeRE is the time of day that CRM date-time columns append to the date:
// "15:45", "15:45:00", "3:45 PM", with an optional zone.
var timeRE = lazyRegexp(`(?i)^\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?\s*(?:z|[+-]\d{2}:?\d{2}|[a-z]{2,5})?$`)

// currencyNames maps what a cell may carry around an amount to the currency
// it names, so that "$" and "USD" count as the same currency.
var currencyNames = map[string]string{
	"$": "USD", "US$": "USD", "USD": "USD",
	"€": "EUR", "EUR": "EUR",
	"£": "GBP", "GBP": "GBP",
	"¥": "JPY", "JPY": "JPY", "円": "JPY",
	"C$": "CAD", "CA$": "CAD",
	"A$": "AUD", "AU$": "AUD",
}

// isoCodeRE is any other ISO 4217 code ("CHF 1,200", "1200 sek").
var isoCodeRE = lazyRegexp(`^[A-Za-z]{3}$`)

// maxAmountDigits keeps amounts well inside int64.
const maxAmountDigits = 15

// parseAmount reads an amount whose decimal mark no other value settles:
// it is read only when both conventions read it the same (see
// parseAmountAs), or only one reads it at all.
func parseAmount(s string) (int64, string, error) {
	dot, cur, errDot := parseAmountAs(s, '.')
	comma, curComma, errComma := parseAmountAs(s, ',')
	switch {
	case errDot == nil && errComma == nil && dot != comma:
		return 0, "", fmt.Errorf("%s is %d with a decimal point or %d with a decimal comma: set decimal_mark under [import]", Quote(s), dot, comma)
	case errDot == nil:
		return dot, cur, nil
	case errComma == nil:
		return comma, curComma, nil
	}
	return 0, "", errDot
}

// parseAmountAs reads an amount in whole units of a currency, with dec as
// the decimal mark: "$120,000.00", "USD 1,200", "1200 EUR", "1 200,50 €",
// "(1,200)". Money has no third decimal, so one separator followed by
// exactly three digits groups thousands under either mark ("1.200 €" is
// 1200). It returns the amount rounded to whole units (half away from
// zero) and the currency it carried ("" when none). Negative amounts are
// errors; an empty cell is 0.
func parseAmountAs(s string, dec byte) (int64, string, error) {
	if s == "" {
		return 0, "", nil
	}
	bad := fmt.Errorf("%s is not an amount (write it like 1200, 1,200.50 or $1,200)", Quote(s))
	t := s
	neg := false
	if strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") {
		neg = true // accounting notation
		t = t[1 : len(t)-1]
	}
	first := strings.IndexFunc(t, isDigit)
	last := strings.LastIndexFunc(t, isDigit)
	if first < 0 {
		return 0, "", bad
	}
	prefix, number, suffix := t[:first], t[first:last+1], t[last+1:]
	if strings.HasSuffix(prefix, string(dec)) { // ".50"
		prefix, number = prefix[:len(prefix)-1], "0"+string(dec)+number
	}
	for _, sign := range []string{"-", "−"} {
		if strings.Contains(prefix, sign) {
			neg = true
			prefix = strings.ReplaceAll(prefix, sign, "")
		}
	}
	prefix = strings.TrimSpace(strings.ReplaceAll(prefix, "+", ""))
	suffix = strings.TrimSpace(suffix)
	cur := ""
	switch {
	case prefix != "" && suffix != "":
		return 0, "", bad
	case prefix != "":
		cur = prefix
	case suffix != "":
		cur = suffix
	}
	if cur != "" {
		code, ok := currencyNames[strings.ToUpper(strings.ReplaceAll(cur, " ", ""))]
		switch {
		case ok:
			cur = code
		case isoCodeRE().MatchString(cur):
			cur = strings.ToUpper(cur)
		default:
			return 0, "", bad
		}
	}
	whole, frac, ok := splitNumber(number, dec)
	if !ok {
		return 0, "", bad
	}
	whole = strings.TrimLeft(whole, "0")
	if len(whole) > maxAmountDigits {
		return 0, "", fmt.Errorf("%s is too large", Quote(s))
	}
	var n int64
	for _, r := range whole {
		n = n*10 + int64(r-'0')
	}
	if frac != "" && frac[0] >= '5' {
		n++
	}
	if neg && (n > 0 || strings.Trim(frac, "0") != "") {
		return 0, "", fmt.Errorf("%s is negative", Quote(s))
	}
	return n, cur, nil
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// splitNumber splits a number into its whole and fractional digits, with
// dec as the decimal mark and the other of "." and "," grouping thousands;
// spaces (also no-break spaces) and apostrophes group thousands too. One
// separator followed by exactly three digits, after a first group that
// does not start with 0, groups thousands whatever dec is: money has no
// third decimal.
func splitNumber(s string, dec byte) (whole, frac string, ok bool) {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\u00a0', '\u202f', '\'', '’':
			return -1
		}
		return r
	}, s)
	if s == "" || strings.Trim(s, "0123456789,.") != "" {
		return "", "", false
	}
	group := byte(',')
	if dec == ',' {
		group = '.'
	}
	if i := strings.IndexAny(s, ",."); i > 0 && strings.Count(s, ",")+strings.Count(s, ".") == 1 &&
		len(s)-i-1 == 3 && i <= 3 && s[0] != '0' {
		return s[:i] + s[i+1:], "", true
	}
	whole = s
	if i := strings.IndexByte(s, dec); i >= 0 {
		whole, frac = s[:i], s[i+1:]
		if frac == "" || strings.IndexByte(frac, dec) >= 0 || strings.IndexByte(frac, group) >= 0 {
			return "", "", false
		}
	}
	groups := strings.Split(whole, string(group))
	for i, g := range groups {
		if g == "" || (i > 0 && len(g) != 3) || (i == 0 && len(groups) > 1 && (len(g) > 3 || g[0] == '0')) {
			return "", "", false
		}
	}
	return strings.Join(groups, ""), frac, true
}

// parseDomain reads a web domain, also from a website URL:
// "https://www.Acme.com/partners" is "acme.com".
func parseDomain(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	d := strings.ToLower(s)
	if i := strings.Index(d, "://"); i >= 0 {
		d = d[i+3:]
	}
	if i := strings.IndexAny(d, "/?#"); i >= 0 {
		d = d[:i]
	}
	if i := strings.LastIndexByte(d, ':'); i >= 0 {
		d = d[:i] // a port
	}
	d = strings.TrimPrefix(strings.TrimSuffix(d, "."), "www.")
	for strings.HasPrefix(d, "www.") {
		d = d[len("www."):]
	}
	if strings.ContainsAny(d, ":/?#@\\") || slices.Contains(strings.Split(d, "."), "") {
		// A label of nothing ("acme..com") or with a web address's
		// punctuation in it ("acme.com:80:90") is no domain; and what is
		// stored must read as itself again.
		d = ""
	}
	if !strings.Contains(d, ".") || strings.ContainsFunc(d, unicode.IsSpace) || strings.HasPrefix(d, ".") {
		return "", fmt.Errorf("%s is not a domain (write it like acme.com)", Quote(s))
	}
	return d, nil
}

// parseEmail reads an email address, also in the "Name <address>" form
// contact exports use, and keeps the address.
func parseEmail(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	a, err := mail.ParseAddress(s)
	if err != nil {
		return "", fmt.Errorf("%s is not an email address", Quote(s))
	}
	return a.Address, nil
}

// lazyRegexp compiles expr on first use: every command links this package,
// few import a file, and compiling at start-up cost each of them 0.3 ms.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
