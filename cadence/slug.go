package cadence

import "strings"

// Slug makes the ID form of a name (§3): lowercase, every run of characters
// other than a–z and 0–9 becomes one "-", trimmed of "-".
// "Acme, Inc." and "ACME inc" both slug to "acme-inc".
func Slug(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}

// AccountKey is the form in which account names are compared (§4): lowercase,
// trimmed, every run of white space folded to one space. "ACME  Corp " and
// "acme corp" name the same account.
func AccountKey(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// NameKey is the form in which partner and member names are compared: names
// are unique case-insensitively, ignoring surrounding and repeated spaces.
func NameKey(s string) string { return AccountKey(s) }
