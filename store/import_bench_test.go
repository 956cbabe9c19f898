package store

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"

	"partnercadence/cadence"
	"partnercadence/cadence/csvimport"
)

// touchpointsCSV returns n touchpoints of the two test partners, each by
// by; every row is different.
func touchpointsCSV(n int, by string) []byte {
	var b bytes.Buffer
	b.WriteString("partner,date,kind,direction,account,note,by\n")
	partners := []string{"Northwind Systems", "Brightline"}
	for i := range n {
		fmt.Fprintf(&b, "%s,2026-%02d-%02d,call,inbound,,call %d,%s\n", partners[i%2], 1+i%10, 1+i%28, i, by)
	}
	return b.Bytes()
}

// BenchmarkImportBadRows is the budget "a failing import of 200,000 rows
// (every row bad) reports within 2 s": read the file, check every row
// against the database and the team, and write the report, whose first
// hundred lines and count are what `cadence import` prints.
func BenchmarkImportBadRows(b *testing.B) {
	path := filepath.Join(b.TempDir(), "cadence.db")
	cfg := importTestStore(b, path)
	src := touchpointsCSV(200_000, "Nobody Here")
	for b.Loop() {
		in, err := csvimport.ReadTouchpoints(bytes.NewReader(src), "bad.csv", csvimport.Options{})
		if err != nil {
			b.Fatal(err)
		}
		im, err := OpenImport(path)
		if err != nil {
			b.Fatal(err)
		}
		_, err = im.Touchpoints(cfg, "bad.csv", in, false)
		var problems *csvimport.Errors
		if !errors.As(err, &problems) || problems.Len() != 200_000 {
			b.Fatalf("err = %.200v, want 200,000 problems", err)
		}
		_ = err.Error()
	}
}

// importTestStore makes a database at path with the two test partners and
// returns its config.
func importTestStore(tb testing.TB, path string) *cadence.Config {
	tb.Helper()
	cfg, err := cadence.ParseConfig([]byte(`
timezone = "America/New_York"
[[team]]
name = "Jordan Lee"
role = "head"
[[team]]
name = "Dana Cruz"
role = "partner_manager"
`), "team.toml")
	if err != nil {
		tb.Fatal(err)
	}
	s, err := Open(path, Options{Create: true})
	if err != nil {
		tb.Fatal(err)
	}
	for _, p := range []cadence.Partner{
		{Name: "Northwind Systems", Type: cadence.TypeReseller, Tier: 1, Owner: "Dana Cruz", Status: cadence.PartnerActive, Joined: d("2025-06-01")},
		{Name: "Brightline", Type: cadence.TypeSI, Tier: 2, Owner: "Dana Cruz", Status: cadence.PartnerActive, Joined: d("2025-09-01")},
	} {
		if err := s.SavePartner(cfg, "", p); err != nil {
			tb.Fatal(err)
		}
	}
	return cfg
}

// BenchmarkImportTouchpointsLarge is the budget "import of 100,000
// touchpoints into the large demo": each run imports them into a fresh copy
// of $CADENCE_BENCH_DB (the copy is not timed). The whole process, with its
// peak memory, is measured with /usr/bin/time (see the README).
func BenchmarkImportTouchpointsLarge(b *testing.B) {
	src, cfg, _ := benchStore(b)
	var partners []string
	err := src.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPartners).ForEach(func(_, v []byte) error {
			p, err := decodePartner(v)
			partners = append(partners, p.Name)
			return err
		})
	})
	if err != nil {
		b.Fatal(err)
	}
	var csv bytes.Buffer
	csv.WriteString("partner,date,kind,direction,account,note,by\n")
	for i := range 100_000 {
		fmt.Fprintf(&csv, "%s,2026-%02d-%02d,call,inbound,,import %d,%s\n", partners[i*7919%len(partners)], 1+i%10, 1+i%28, i, cfg.Team[i%len(cfg.Team)].Name)
	}
	path := filepath.Join(b.TempDir(), "large.db")
	for b.Loop() {
		b.StopTimer()
		copyFile(b, src.Path(), path)
		b.StartTimer()
		in, err := csvimport.ReadTouchpoints(bytes.NewReader(csv.Bytes()), "touchpoints.csv", csvimport.Options{})
		if err != nil {
			b.Fatal(err)
		}
		im, err := OpenImport(path)
		if err != nil {
			b.Fatal(err)
		}
		res, err := im.Touchpoints(cfg, "touchpoints.csv", in, false)
		if err != nil || res.Added != 100_000 {
			b.Fatalf("import: %+v, %v; want 100,000 added", res, err)
		}
	}
}
