package cadence

import (
	"encoding/binary"
	"slices"
	"strings"
	"unicode/utf8"
)

// Slug makes the ID form of a name (§3): lowercase, every run of characters
// other than a–z and 0–9 becomes one "-", trimmed of "-".
// "Acme, Inc." and "ACME inc" both slug to "acme-inc".
func Slug(s string) string {
	// Slug runs per partner whenever the flags or the meetings are
	// computed, on names (mostly ASCII) and on IDs (already slugs): those
	// take one allocation, or none.
	if isSlug(s) {
		return s
	}
	var buf [64]byte
	return string(appendSlug(buf[:0], s))
}

// unicodeSlug is Slug for any string.
func unicodeSlug(s string) string {
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

// appendSlug appends Slug(s) to dst, without an allocation of its own when s
// is ASCII.
func appendSlug(dst []byte, s string) []byte {
	start := len(dst)
	dst = slices.Grow(dst, len(s)) // a slug is never longer than its name
	b := dst[:start+len(s)]
	n, dash := start, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			// Lowercasing outside ASCII can make a–z ("K", the Kelvin
			// sign, is "k"): leave that to the general path.
			return append(dst[:start], unicodeSlug(s)...)
		}
		c = slugBytes[c]
		if c == 0 {
			dash = true
			continue
		}
		if dash && n > start {
			b[n] = '-'
			n++
		}
		dash = false
		b[n] = c
		n++
	}
	return b[:n]
}

// slugBytes maps an ASCII letter or digit to itself in lowercase, and any
// other ASCII byte to 0.
var slugBytes = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			t[c] = byte(c)
		case 'A' <= c && c <= 'Z':
			t[c] = byte(c) + 'a' - 'A'
		}
	}
	return t
}()

// AccountKey is the form in which account names are compared (§4): lowercase,
// trimmed, every run of white space folded to one space. "ACME  Corp " and
// "acme corp" name the same account.
func AccountKey(s string) string {
	// Names and accounts are compared per registration, intro and flag:
	// an ASCII one takes one allocation, none when already in key form.
	if isASCIIKey(s) {
		return s
	}
	var buf [64]byte
	return string(appendKey(buf[:0], s))
}

// unicodeKey is AccountKey for any string.
func unicodeKey(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

// appendKey appends AccountKey(s) to dst, without an allocation of its own
// when s is ASCII.
func appendKey(dst []byte, s string) []byte {
	if k, ok := appendPlainKey(dst, s); ok {
		return k
	}
	start := len(dst)
	dst = slices.Grow(dst, len(s)) // a key is never longer than an ASCII name
	b := dst[:start+len(s)]
	n, space := start, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return append(dst[:start], unicodeKey(s)...)
		}
		c = keyBytes[c]
		if c == ' ' {
			space = true
			continue
		}
		if space && n > start {
			b[n] = ' '
			n++
		}
		space = false
		b[n] = c
		n++
	}
	return b[:n]
}

// appendPlainKey is appendKey for the usual name: ASCII, words apart by
// single spaces, nothing else that is white space or a control byte. Its key
// is the name in lowercase, which it writes eight bytes at a time (the flags
// key thousands of names a call). It reports false, having appended nothing,
// for any other name.
func appendPlainKey(dst []byte, s string) ([]byte, bool) {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	n := len(s)
	if n == 0 || s[0] == ' ' || s[n-1] == ' ' || strings.Contains(s, "  ") {
		return dst, false
	}
	start := len(dst)
	dst = slices.Grow(dst, n)
	b := dst[start : start+n]
	i := 0
	for ; i+8 <= n; i += 8 {
		x := binary.LittleEndian.Uint64([]byte(s[i : i+8]))
		// A byte of 0x80 or more is not ASCII; one below 0x20 is a
		// control byte (\t, \n, …). Either is for the general path.
		if x&highs != 0 || (x-0x20*ones)&^x&highs != 0 {
			return dst[:start], false
		}
		// The high bit of each byte from 'A' to 'Z', moved to 0x20.
		upper := (x + (0x80-'A')*ones) &^ (x + (0x80-'Z'-1)*ones) & highs
		binary.LittleEndian.PutUint64(b[i:], x|upper>>2)
	}
	for ; i < n; i++ {
		c := s[i]
		if c >= utf8.RuneSelf || c < 0x20 {
			return dst[:start], false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return dst[:start+n], true
}

// keyBytes maps an ASCII byte to itself in lowercase, and white space (as
// unicode.IsSpace, and so strings.Fields, has it) to ' '.
var keyBytes = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		switch {
		case asciiSpace(byte(c)):
			t[c] = ' '
		case 'A' <= c && c <= 'Z':
			t[c] = byte(c) + 'a' - 'A'
		default:
			t[c] = byte(c)
		}
	}
	return t
}()

// isASCIIKey reports whether s is ASCII and its own AccountKey.
func isASCIIKey(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf, 'A' <= c && c <= 'Z':
			return false
		case c == ' ':
			if i == 0 || i == len(s)-1 || s[i+1] == ' ' {
				return false
			}
		case asciiSpace(c):
			return false
		}
	}
	return true
}

// asciiSpace reports whether c is one of the ASCII bytes unicode.IsSpace
// (and so strings.Fields) treats as white space.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// NameKey is the form in which partner and member names are compared: names
// are unique case-insensitively, ignoring surrounding and repeated spaces.
func NameKey(s string) string { return AccountKey(s) }

// AppendNameKey appends NameKey(s) to dst, without an allocation of its own
// when s is ASCII: a caller that looks thousands of names up in a map by
// their key (m[string(AppendNameKey(buf[:0], name))]) allocates none.
func AppendNameKey(dst []byte, s string) []byte { return appendKey(dst, s) }

// slugSet holds a few slugs and finds the names that slug to one of them
// without working out each name's slug: a name nearly always differs from
// every slug in the set at its first letter. The flags look for the
// partners of a few QBRs among thousands.
type slugSet struct {
	n       int
	byFirst [utf8.RuneSelf][]string // the slugs by their first byte
	empty   bool                    // the set holds ""
}

func (s *slugSet) add(slug string) {
	switch {
	case s.has(slug):
	case slug == "":
		s.n++
		s.empty = true
	case slug[0] < utf8.RuneSelf: // else no name slugs to it
		s.n++
		s.byFirst[slug[0]] = append(s.byFirst[slug[0]], slug)
	}
}

// has reports whether slug is in the set.
func (s *slugSet) has(slug string) bool {
	switch {
	case slug == "":
		return s.empty
	case slug[0] < utf8.RuneSelf:
		return slices.Contains(s.byFirst[slug[0]], slug)
	}
	return false
}

// match returns Slug(name) if the set holds it.
func (s *slugSet) match(name string) (string, bool) {
	if s.n == 0 {
		return "", false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= utf8.RuneSelf {
			slug := Slug(name)
			return slug, s.has(slug)
		}
		if c = slugBytes[c]; c != 0 {
			// name[i:] has the slug of name: what comes before is
			// neither a letter nor a digit.
			for _, slug := range s.byFirst[c] {
				if hasSlug(name[i:], slug) {
					return slug, true
				}
			}
			return "", false
		}
	}
	return "", s.empty
}

// hasSlug reports whether Slug(name) is slug, comparing as it goes rather
// than making the slug.
func hasSlug(name, slug string) bool {
	j, dash := 0, false
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= utf8.RuneSelf {
			return Slug(name) == slug
		}
		if c = slugBytes[c]; c == 0 {
			dash = true
			continue
		}
		if dash && j > 0 {
			if j == len(slug) || slug[j] != '-' {
				return false
			}
			j++
		}
		dash = false
		if j == len(slug) || slug[j] != c {
			return false
		}
		j++
	}
	return j == len(slug)
}
