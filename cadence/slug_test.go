package cadence

import (
	"slices"
	"strings"
	"testing"
)

// plainSlug and plainKey are Slug and AccountKey as written before their
// ASCII fast paths: the reference the fast paths must agree with.
func plainSlug(s string) string {
	var b strings.Builder
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

func plainKey(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

var slugCases = []string{
	"", " ", "-", "--", "a", "acme", "acme-inc", "Acme, Inc.", "ACME inc", "  acme  ", "-acme-", "a--b",
	"Northwind Systems", "1on1", "O'Brien & Sons", "x\ty\nz", "ACME  Corp ", "acme corp", " a", "a ",
	"a\u00a0b", "a\x00b", "\x00", " \x00 ", "Ünited Ærospace", "\u212aelvin", "\u0130stanbul", "Straße", "acme\u0085corp",
	"a very long partner name that runs past sixty-four bytes, with punctuation!",
	"A VERY LONG PARTNER NAME THAT RUNS PAST SIXTY-FOUR BYTES WITH   SPACES   ",
	"\xff\xfe bad utf-8", "tab\v\fform\rfeed",
}

func TestSlugMatchesPlain(t *testing.T) {
	for _, s := range slugCases {
		if got, want := Slug(s), plainSlug(s); got != want {
			t.Errorf("Slug(%q) = %q, want %q", s, got, want)
		}
		if got, want := string(appendSlug([]byte("x-"), s)), "x-"+plainSlug(s); got != want {
			t.Errorf("appendSlug(x-, %q) = %q, want %q", s, got, want)
		}
	}
}

func TestAccountKeyMatchesPlain(t *testing.T) {
	for _, s := range slugCases {
		if got, want := AccountKey(s), plainKey(s); got != want {
			t.Errorf("AccountKey(%q) = %q, want %q", s, got, want)
		}
		if got, want := string(appendKey([]byte("x "), s)), "x "+plainKey(s); got != want {
			t.Errorf("appendKey(x , %q) = %q, want %q", s, got, want)
		}
	}
}

func TestSlugAllocations(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64
	}{
		{"northwind-systems", 0},
		{"Northwind Systems", 1},
	} {
		if got := testing.AllocsPerRun(100, func() { Slug(c.in) }); got != c.want {
			t.Errorf("Slug(%q): %v allocations, want %v", c.in, got, c.want)
		}
		key := strings.ReplaceAll(c.in, "-", " ")
		if got := testing.AllocsPerRun(100, func() { AccountKey(key) }); got != c.want {
			t.Errorf("AccountKey(%q): %v allocations, want %v", key, got, c.want)
		}
	}
}

func TestSlugSet(t *testing.T) {
	var set slugSet
	for _, slug := range []string{"acme-inc", "northwind-systems", "a", "", "x-y-z", "\u00fcber"} {
		set.add(slug)
	}
	names := append(slices.Clone(slugCases), "ACME inc", "Acme, Inc.", "acme", "Northwind  Systems!", "Northwind System",
		"X Y Z", "x-y-z-", "--x y z", "x yz", "A", "a1", "!!!", "Über")
	for _, name := range names {
		slug := plainSlug(name)
		want := set.has(slug)
		got, ok := set.match(name)
		if ok != want || ok && got != slug {
			t.Errorf("match(%q) = %q, %t; want %q, %t", name, got, ok, slug, want)
		}
		if got := Slug(AccountKey(name)); got != slug {
			t.Errorf("Slug(AccountKey(%q)) = %q, want %q", name, got, slug)
		}
		if got := hasSlug(name, slug); !got {
			t.Errorf("hasSlug(%q, %q) = false", name, slug)
		}
		if got := hasSlug(name, slug+"x"); got {
			t.Errorf("hasSlug(%q, %q) = true", name, slug+"x")
		}
	}
	if _, ok := (&slugSet{}).match("acme"); ok {
		t.Errorf("an empty set matches")
	}
}

func FuzzSlug(f *testing.F) {
	for _, s := range slugCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Slug(s), plainSlug(s); got != want {
			t.Errorf("Slug(%q) = %q, want %q", s, got, want)
		}
		if got, want := AccountKey(s), plainKey(s); got != want {
			t.Errorf("AccountKey(%q) = %q, want %q", s, got, want)
		}
		slug := plainSlug(s)
		if got := Slug(AccountKey(s)); got != slug {
			// The flags match slugs against partners' keys.
			t.Errorf("Slug(AccountKey(%q)) = %q, want %q", s, got, slug)
		}
		if !hasSlug(s, slug) || hasSlug(s, slug+"-") || hasSlug(s, "-"+slug) {
			t.Errorf("hasSlug(%q, …) disagrees with Slug %q", s, slug)
		}
		var set slugSet
		set.add(slug)
		if got, ok := set.match(s); !ok || got != slug {
			t.Errorf("a set of %q: match(%q) = %q, %t", slug, s, got, ok)
		}
	})
}
