package store

import (
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	bolt "go.etcd.io/bbolt"

	"partnercadence/cadence"
	"partnercadence/cadence/csvimport"
)

// fileSum returns the SHA-256 of the file at path.
func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func readTouchpoints(t *testing.T, src string) *csvimport.File[cadence.Touchpoint] {
	t.Helper()
	in, err := csvimport.ReadTouchpoints(strings.NewReader(src), "t.csv", csvimport.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func readPartners(t *testing.T, src string) *csvimport.File[cadence.Partner] {
	t.Helper()
	in, err := csvimport.ReadPartners(strings.NewReader(src), "p.csv", csvimport.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func readRegistrations(t *testing.T, src string) *csvimport.File[cadence.Registration] {
	t.Helper()
	in, err := csvimport.ReadRegistrations(strings.NewReader(src), "r.csv", csvimport.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func openImport(t *testing.T, path string) *Importer {
	t.Helper()
	im, err := OpenImport(path)
	if err != nil {
		t.Fatal(err)
	}
	return im
}

const touchHeader = "partner,date,kind,direction,account,note,by\n"

// TestImportReportsEveryProblemInOnePass: problems of form and references
// to unknown partners and members are reported together, in line order, and
// nothing is written.
func TestImportReportsEveryProblemInOnePass(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cadence.db")
	cfg := importTestStore(t, path)
	before := fileSum(t, path)
	in := readTouchpoints(t, touchHeader+
		"Ghost Co,31/31/2026,call,inbound,,,Dana Cruz\n"+ // bad date, unknown partner
		"Brightline,2026-11-02,call,inbound,,,Nobody\n"+ // unknown member
		"Brightline,2026-11-03,call,inbound,,,Dana Cruz\n"+ // good
		"Northwind Systems,2026-11-04,dance,inbound,,,Zed\n"+ // bad kind, unknown member
		"Ghost Co,2026-11-05,call,inbound,,,Nobody\n") // the same unknowns again
	_, err := openImport(t, path).Touchpoints(cfg, "t.csv", in, false)
	want := `t.csv:2: date: "31/31/2026" is not a date (use YYYY-MM-DD, MM/DD/YYYY, DD/MM/YYYY, DD.MM.YYYY or RFC 3339)
t.csv:2: partner: no partner "Ghost Co", by name or CRM ID (import it first with ` + "`cadence import partners`" + `)
t.csv:3: by: "Nobody" is not on the team in team.toml (add a [[team]] entry, or fix the name)
t.csv:5: kind: "dance" is not one of call, email, meeting, intro, event, note (or map it under [import.values] kind in the config)
t.csv:5: by: "Zed" is not on the team in team.toml (add a [[team]] entry, or fix the name)
t.csv:6: partner: no partner "Ghost Co", by name or CRM ID (import it first with ` + "`cadence import partners`" + `)
t.csv:6: by: "Nobody" is not on the team in team.toml (add a [[team]] entry, or fix the name)`
	var problems *csvimport.Errors
	if !errors.As(err, &problems) {
		t.Fatalf("err = %v, want the problems", err)
	}
	if d := cmp.Diff(want, err.Error()); d != "" {
		t.Errorf("report (-want +got):\n%s", d)
	}
	if fileSum(t, path) != before {
		t.Errorf("a failed import changed the database file")
	}
}

// TestFailedImportNeedsNoWriteLock: while another process reads the
// database (it holds bbolt's shared lock, as `cadence flags` and the app's
// reads do), a failing import and a dry run still report at once: they
// never ask for the write lock, which would wait for the reader and then
// fail with "in use".
func TestFailedImportNeedsNoWriteLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cadence.db")
	cfg := importTestStore(t, path)
	reader, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()

	im := openImport(t, path)
	_, err = im.Touchpoints(cfg, "t.csv", readTouchpoints(t, touchHeader+"Brightline,2026-11-02,call,inbound,,,Nobody\n"), false)
	if errors.Is(err, ErrLocked) || err == nil || !strings.Contains(err.Error(), `"Nobody" is not on the team`) {
		t.Errorf("failing import beside a reader: %v; want its problem", err)
	}
	res, err := im.Touchpoints(cfg, "t.csv", readTouchpoints(t, touchHeader+"Brightline,2026-11-02,call,inbound,,,Dana Cruz\n"), true)
	if err != nil || res.Added != 1 {
		t.Errorf("dry run beside a reader: %+v, %v; want 1 added", res, err)
	}
}

// TestFailedImportIntoNewPathLeavesNothing: a failing import, or a dry
// run, into a path that does not exist creates neither the file nor its
// directories; a good import then creates both.
func TestFailedImportIntoNewPathLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "new", "sub", "cadence.db")
	cfg := testConfig(t)
	partners := "name,type,tier,owner,status\nAcme,isv,2,Dana Cruz,active\n"

	tests := []struct {
		name   string
		src    string
		dryRun bool
		kind   string
	}{
		{"bad partner row", "name,type,tier,owner,status\nAcme,isv,9,Dana Cruz,active\n", false, "partners"},
		{"owner not on the team", "name,type,tier,owner,status\nAcme,isv,2,Nobody,active\n", false, "partners"},
		{"touchpoint of a partner not there", touchHeader + "Acme,2026-11-02,call,inbound,,,Dana Cruz\n", false, "touchpoints"},
		{"dry run of a good file", partners, true, "partners"},
	}
	for _, tt := range tests {
		im := openImport(t, path)
		var err error
		if tt.kind == "partners" {
			_, err = im.Partners(cfg, "p.csv", readPartners(t, tt.src), tt.dryRun)
		} else {
			_, err = im.Touchpoints(cfg, "t.csv", readTouchpoints(t, tt.src), tt.dryRun)
		}
		if (err == nil) != tt.dryRun {
			t.Errorf("%s: err = %v", tt.name, err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Fatalf("%s: left %s behind", tt.name, entries[0].Name())
		}
	}

	res, err := openImport(t, path).Partners(cfg, "p.csv", readPartners(t, partners), false)
	if err != nil || res.Added != 1 {
		t.Fatalf("good import: %+v, %v", res, err)
	}
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p, ok, err := s.Partner("Acme"); err != nil || !ok || p.Owner != "Dana Cruz" {
		t.Errorf("Partner(Acme) = %+v, %v, %v", p, ok, err)
	}
}

// TestImportChecksAgainInsideTheWrite: the rows are checked without the
// write lock, so the database may change before the write; the write
// checks again. Here the file did not exist when the import was checked,
// and another import created it with a partner whose ID the file's partner
// would take.
func TestImportChecksAgainInsideTheWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cadence.db")
	cfg := testConfig(t)
	im := openImport(t, path) // no database yet

	other, err := Open(path, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := other.SavePartner(cfg, "", cadence.Partner{Name: "Acme, Inc.", Type: cadence.TypeISV, Tier: 2, Owner: "Dana Cruz", Status: cadence.PartnerActive}); err != nil {
		t.Fatal(err)
	}
	before := fileSum(t, path)

	_, err = im.Partners(cfg, "p.csv", readPartners(t, "name,type,tier,owner,status\nACME Inc,isv,1,Dana Cruz,active\nGlobex,si,3,Dana Cruz,active\n"), false)
	want := `p.csv:2: name: "ACME Inc" has the same ID (acme-inc) as the partner "Acme, Inc.": use that exact name, or a more distinct one`
	if err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant %s", err, want)
	}
	if fileSum(t, path) != before {
		t.Errorf("the import wrote although the write's own check failed")
	}
}

// TestImportCountsAndDryRun: added, changed and unchanged rows, the dry
// run's lines, and a second import of the same file changing nothing.
func TestImportCountsAndDryRun(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cadence.db")
	cfg := importTestStore(t, path)
	src := "id,partner,account,amount,submitted,status,decided,owner\n" +
		"R-1,brightline,Initech,5000,2026-11-02,submitted,,Dana Cruz\n" +
		"R-2,Northwind Systems,Hooli,900,2026-11-03,approved,2026-11-04,\n"
	res, err := openImport(t, path).Registrations(cfg, "r.csv", readRegistrations(t, src), false)
	if want := (ImportResult{Added: 2}); err != nil || !cmp.Equal(res, want) {
		t.Fatalf("first import: %+v, %v; want %+v", res, err, want)
	}
	changed := "id,partner,account,amount,submitted,status,decided,owner\n" +
		"R-1,Brightline,Initech,5000,2026-11-02,approved,2026-11-05,\n" +
		"R-2,Northwind Systems,Hooli,900,2026-11-03,approved,2026-11-04,\n" +
		"R-3,Northwind Systems,Umbrella,100,2026-11-06,submitted,,\n"
	before := fileSum(t, path)
	res, err = openImport(t, path).Registrations(cfg, "r.csv", readRegistrations(t, changed), true)
	want := ImportResult{Added: 1, Changed: 1, Unchanged: 1, Changes: []string{
		"r.csv:2: change registration R-1: status submitted → approved, decided \"\" → 2026-11-05",
		"r.csv:4: add registration R-3 (Northwind Systems, Umbrella)",
	}}
	if err != nil || !cmp.Equal(res, want) {
		t.Errorf("dry run: %v\n%s", err, cmp.Diff(want, res))
	}
	if fileSum(t, path) != before {
		t.Errorf("a dry run changed the database file")
	}
	res, err = openImport(t, path).Registrations(cfg, "r.csv", readRegistrations(t, changed), false)
	if want := (ImportResult{Added: 1, Changed: 1, Unchanged: 1}); err != nil || !cmp.Equal(res, want) {
		t.Errorf("import: %+v, %v; want %+v", res, err, want)
	}
	res, err = openImport(t, path).Registrations(cfg, "r.csv", readRegistrations(t, changed), false)
	if want := (ImportResult{Unchanged: 3}); err != nil || !cmp.Equal(res, want) {
		t.Errorf("again: %+v, %v; want %+v", res, err, want)
	}
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, ok, err := s.Registration("R-1")
	if err != nil || !ok || r.Status != cadence.RegApproved || r.Owner != "Dana Cruz" || r.Partner != "Brightline" {
		t.Errorf("R-1 = %+v, %v, %v; want approved, owner kept, partner named as stored", r, ok, err)
	}
	if err := s.Check(); err != nil {
		t.Error(err)
	}
}

// TestImportTouchpointsWritesOnce: touchpoints are added once; the same
// file again leaves them unchanged.
func TestImportTouchpointsWritesOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cadence.db")
	cfg := importTestStore(t, path)
	src := string(touchpointsCSV(500, "Dana Cruz"))
	for i, want := range []ImportResult{{Added: 500}, {Unchanged: 500}} {
		res, err := openImport(t, path).Touchpoints(cfg, "t.csv", readTouchpoints(t, src), false)
		if err != nil || !cmp.Equal(res, want) {
			t.Errorf("import %d: %+v, %v; want %+v", i+1, res, err, want)
		}
	}
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	tps, err := s.Touchpoints("Brightline", 0)
	if err != nil || len(tps) != 250 {
		t.Errorf("Brightline has %d touchpoints (%v), want 250", len(tps), err)
	}
	if err := s.Check(); err != nil {
		t.Error(err)
	}
}

// TestDryRunShowsHostileTextAsSymbols: what a dry run prints of the file's
// cells has its control characters as symbols.
func TestDryRunShowsHostileTextAsSymbols(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cadence.db")
	cfg := importTestStore(t, path)
	const hostile = "Evil\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b]0;TITLE\x07Corp"
	src := "id,partner,account,amount,submitted,status\n" +
		"\"R-\x1b[2J9\",Brightline,\"" + hostile + "\",100,2026-11-02,submitted\n"
	res, err := openImport(t, path).Registrations(cfg, "r.csv", readRegistrations(t, src), true)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"r.csv:2: add registration R-␛[2J9 (Brightline, Evil␛]52;c;ZWNobyBwd25lZA==␇␛]0;TITLE␇Corp)"}
	if d := cmp.Diff(want, res.Changes); d != "" {
		t.Errorf("changes (-want +got):\n%s", d)
	}
}

func TestShortValue(t *testing.T) {
	for in, want := range map[string]string{
		"":                             `""`,
		"plain":                        "plain",
		"two\nlines":                   "two lines",
		"\x1b]0;T\x07":                 "␛]0;T␇",
		strings.Repeat("é", 45):        strings.Repeat("é", 37) + "...",
		strings.Repeat("ab", 20):       strings.Repeat("ab", 20),
		strings.Repeat("ab", 20) + "c": strings.Repeat("ab", 18) + "a...",
	} {
		if got := shortValue(in); got != want {
			t.Errorf("shortValue(%q) = %q, want %q", in, got, want)
		}
	}
}
