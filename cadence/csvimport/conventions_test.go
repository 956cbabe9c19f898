package csvimport

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// formatAmount writes cents as a spreadsheet or CRM might, with dec as the
// decimal mark: grouped or not, with 0 or 2 decimals, with a currency.
func formatAmount(r *rand.Rand, cents int64, dec byte) string {
	group := ","
	if dec == ',' {
		group = "."
	}
	if r.IntN(4) == 0 {
		group = " "
	}
	whole := fmt.Sprint(cents / 100)
	if r.IntN(2) == 0 {
		var b strings.Builder
		for i, c := range whole {
			if i > 0 && (len(whole)-i)%3 == 0 {
				b.WriteString(group)
			}
			b.WriteRune(c)
		}
		whole = b.String()
	}
	s := whole
	if r.IntN(2) == 0 {
		s += string(dec) + fmt.Sprintf("%02d", cents%100)
	}
	switch r.IntN(4) {
	case 0:
		s = "$" + s
	case 1:
		s += " €"
	case 2:
		s = "EUR " + s
	}
	return s
}

// TestNoAmountIsReadTwoWays: for every generated amount, either both
// decimal marks read it the same (or only one reads it at all), or reading
// it without a settled mark is refused, naming decimal_mark. And read with
// the mark it was written with, it is the amount that was written.
func TestNoAmountIsReadTwoWays(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 200_000 {
		cents := r.Int64N(1_000_000_000_00)
		if r.IntN(3) == 0 {
			cents = r.Int64N(100_000)
		}
		dec := byte('.')
		if r.IntN(2) == 0 {
			dec = ','
		}
		s := formatAmount(r, cents, dec)
		dot, _, errDot := parseAmountAs(s, '.')
		comma, _, errComma := parseAmountAs(s, ',')
		got, _, err := parseAmount(s)
		switch {
		case errDot == nil && errComma == nil && dot != comma:
			if err == nil || !strings.Contains(err.Error(), "decimal_mark") {
				t.Fatalf("%q reads as %d and %d, but unsettled it is %d, %v; want the import to ask for decimal_mark", s, dot, comma, got, err)
			}
		case err != nil:
			t.Fatalf("%q: %v (dot %d %v, comma %d %v)", s, err, dot, errDot, comma, errComma)
		}
		want := (cents + 50) / 100
		if !strings.Contains(s, string(dec)) || !strings.ContainsAny(s[strings.LastIndexByte(s, dec)+1:], "0123456789") {
			want = cents / 100 // written without decimals
		}
		if n, _, err := parseAmountAs(s, dec); err != nil || n != want {
			t.Fatalf("%q written with %q: read as %d, %v; want %d", s, dec, n, err, want)
		}
	}
}

// TestNoDateIsReadTwoWays: for every day/month/year written with slashes,
// either both orders read it as the same date (or only one reads it), or
// reading it without a settled order is refused, naming date_order; read
// with the order it was written in, it is the date that was written.
func TestNoDateIsReadTwoWays(t *testing.T) {
	for y := range []int{2024, 1999} {
		year := []int{2024, 1999}[y]
		for m := 1; m <= 12; m++ {
			for d := 1; d <= 31; d++ {
				want := time.Date(year, time.Month(m), d, 0, 0, 0, 0, time.UTC)
				if want.Day() != d {
					continue
				}
				for _, yy := range []string{fmt.Sprint(year), fmt.Sprint(year)[2:]} {
					for order, s := range map[byte]string{
						mdy: fmt.Sprintf("%d/%d/%s", m, d, yy),
						dmy: fmt.Sprintf("%02d/%02d/%s", d, m, yy),
					} {
						a, errA := parseDateIn(s, mdy, time.UTC)
						b, errB := parseDateIn(s, dmy, time.UTC)
						got, err := parseDateIn(s, unsettled, time.UTC)
						switch {
						case errA == nil && errB == nil && a != b:
							if err == nil || !strings.Contains(err.Error(), "date_order") {
								t.Fatalf("%q reads as %s and %s, but unsettled it is %s, %v; want the import to ask for date_order", s, a, b, got, err)
							}
						case err != nil:
							t.Fatalf("%q: %v", s, err)
						}
						if w, err := parseDateIn(s, order, time.UTC); err != nil || w.String() != want.Format("2006-01-02") {
							t.Fatalf("%q written %c: read as %s, %v; want %s", s, order, w, err, want.Format("2006-01-02"))
						}
					}
				}
			}
		}
	}
}

// TestAmbiguousColumnAsks: a file's column of values that read two ways
// and nothing to settle them is refused once, on the first such line; one
// value that settles the column makes every other read its way.
func TestAmbiguousColumnAsks(t *testing.T) {
	head := "id,partner,account,amount,submitted,status\n"
	src := head + "R-1,Acme,Hooli,1,2026-11-02,submitted\n" + "R-2,Acme,Hooli,2,05/11/2026,submitted\n" + "R-3,Acme,Hooli,3,04/11/2026,submitted\n"
	_, _, err := Registrations(strings.NewReader(src), "r.csv", Options{})
	want := `r.csv:3: submitted: "05/11/2026" reads two ways and no value in the column settles which: set date_order = "mdy" (May 11, 2026) or "dmy" (5 November 2026) under [import] in the config`
	if err == nil || err.Error() != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
	rows, _, err := Registrations(strings.NewReader(src+"R-4,Acme,Hooli,4,13/11/2026,submitted\n"), "r.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := rows[1].Value.Submitted.String(); got != "2026-11-05" {
		t.Errorf("05/11/2026 in a column 13/11/2026 settles day first: %s, want 2026-11-05", got)
	}
}

// FuzzDateCell reads any cell as a date under each order: it never panics,
// and a cell read without a settled order reads so under both orders that
// read it at all.
func FuzzDateCell(f *testing.F) {
	for _, s := range []string{"05/11/2026", "13/11/2026", "11/13/26", "05.11.2026", "2027-03-17T23:30:00Z",
		"2027-03-17T23:30:00.000+0000", "11/23/2026 3:45 PM", "2026-11-23 15:45", "0/0/0", "99/99/99", "1/1/1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := parseDateIn(s, unsettled, time.UTC)
		if err != nil {
			return
		}
		for _, order := range []byte{mdy, dmy} {
			if d, err := parseDateIn(s, order, time.UTC); err == nil && d != got {
				t.Fatalf("%q read unsettled as %s but as %s with order %c", s, got, d, order)
			}
		}
	})
}

// FuzzAmountCell reads any cell as an amount under each decimal mark: it
// never panics, and an amount read without a settled mark reads so under
// both marks that read it at all.
func FuzzAmountCell(f *testing.F) {
	for _, s := range []string{"1.200 €", "€40.000", "12.500 €", "1,5", "1.50", "$1,250,000.00", "1.234.567,89", "0.500", "(1,200)", "1'234.50", "USD 1 200,50"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, _, err := parseAmount(s)
		if err != nil {
			return
		}
		for _, mark := range []byte{'.', ','} {
			if n, _, err := parseAmountAs(s, mark); err == nil && n != got {
				t.Fatalf("%q read unsettled as %d but as %d with mark %q", s, got, n, mark)
			}
		}
	})
}
