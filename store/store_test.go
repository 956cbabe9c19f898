package store

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	bolt "go.etcd.io/bbolt"

	"partnercadence/cadence"
)

// newTestStore opens a fresh database in a temporary directory and checks
// its consistency when the test ends.
func newTestStore(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "sub", "cadence.db"), Options{Create: true, Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Check(); err != nil {
			t.Errorf("consistency check: %v", err)
		}
	})
	return s
}

func testConfig(t *testing.T) *cadence.Config {
	t.Helper()
	cfg, err := cadence.ParseConfig([]byte(`
timezone = "America/New_York"
start = 2026-01-05
me = "Jordan Lee"
[[team]]
name = "Jordan Lee"
role = "head"
[[team]]
name = "Dana Cruz"
role = "partner_manager"
[[team]]
name = "Sam Ortiz"
role = "sales"
`), "test.toml")
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

var d = cadence.MustDate

func TestOpenCreatesPrivateFileAndParents(t *testing.T) {
	s := newTestStore(t)
	info, err := os.Stat(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := info.Mode().Perm(), os.FileMode(0o600); got != want {
		t.Errorf("mode = %v, want %v", got, want)
	}
	empty, err := s.Empty()
	if err != nil || !empty {
		t.Errorf("Empty() = %v, %v; want true, nil", empty, err)
	}
}

func TestOpenMissingWithoutCreate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "none.db")
	_, err := Open(path, Options{})
	if !errors.Is(err, ErrNoDatabase) {
		t.Fatalf("err = %v, want ErrNoDatabase", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Open without Create made %s", path)
	}
}

func TestOpenRefusesForeignFilesUntouched(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	content := bytes.Repeat([]byte("not a database\n"), 800)
	os.WriteFile(text, content, 0o644)

	foreign := filepath.Join(dir, "other.db")
	db, _ := bolt.Open(foreign, 0o600, nil)
	db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("stuff")); return err })
	db.Close()

	newer := filepath.Join(dir, "newer.db")
	s, err := Open(newer, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	s.update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(schemaVersionKey, u64(currentVersion+1)) })

	tests := []struct {
		path, want string
	}{
		{text, "not a cadence database or is damaged"},
		{foreign, "not a cadence database (it has no meta bucket)"},
		{newer, "written by a newer cadence"},
	}
	for _, tt := range tests {
		before, _ := os.ReadFile(tt.path)
		_, err := Open(tt.path, Options{Create: true})
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "not changed") {
			t.Errorf("Open(%s) = %v, want an error containing %q and saying the file was not changed", filepath.Base(tt.path), err, tt.want)
		}
		after, _ := os.ReadFile(tt.path)
		if !bytes.Equal(before, after) {
			t.Errorf("Open(%s) changed the file", filepath.Base(tt.path))
		}
	}
}

func TestLockedByAnotherWriter(t *testing.T) {
	s := newTestStore(t)
	// Another process holding the file for writing: an exclusive flock.
	db, err := bolt.Open(s.Path(), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = s.AddTouchpoint(testConfig(t), "", cadence.Touchpoint{Partner: "x", Date: d("2026-11-02"), Kind: cadence.TouchCall, Direction: cadence.Inbound})
	if !errors.Is(err, ErrLocked) {
		t.Errorf("write while locked: err = %v, want ErrLocked", err)
	}
	if !strings.Contains(err.Error(), "database is in use by another cadence process") {
		t.Errorf("message = %q", err)
	}
	_, err = s.Partners()
	if !errors.Is(err, ErrLocked) {
		t.Errorf("read while write-locked: err = %v, want ErrLocked", err)
	}
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("waited %v for the lock", elapsed)
	}
	db.Close()
	if _, err := s.Partners(); err != nil {
		t.Errorf("read after release: %v", err)
	}
}

func TestReadersShareTheFile(t *testing.T) {
	s := newTestStore(t)
	db, err := bolt.Open(s.Path(), 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := s.Partners(); err != nil {
		t.Errorf("read beside another reader: %v", err)
	}
}

// A ReadOnly Store maps the file once and holds it until Close: it reads,
// refuses to write, keeps writers waiting meanwhile and lets them in after.
func TestReadOnlyStoreHoldsTheFileUntilClose(t *testing.T) {
	w := newTestStore(t)
	cfg := testConfig(t)
	seed(t, w, cfg)

	r, err := Open(w.Path(), Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if ps, err := r.Partners(); err != nil || len(ps) != 2 {
		t.Fatalf("read-only read: %d partners, %v", len(ps), err)
	}
	p := cadence.Partner{Name: "Acme", Type: cadence.TypeReseller, Tier: 2, Owner: "Dana Cruz", Status: cadence.PartnerActive, Joined: d("2026-01-05")}
	if err := r.SavePartner(cfg, "", p); !errors.Is(err, errReadOnly) {
		t.Errorf("write through a read-only store: %v, want %v", err, errReadOnly)
	}
	if err := w.SavePartner(cfg, "", p); !errors.Is(err, ErrLocked) {
		t.Errorf("write while another store holds the file: %v, want ErrLocked", err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Partners(); err == nil || !strings.Contains(err.Error(), "closed") {
		t.Errorf("read after Close: %v", err)
	}
	if err := w.SavePartner(cfg, "", p); err != nil {
		t.Errorf("write after the read-only store closed: %v", err)
	}
}

func seed(t *testing.T, s *Store, cfg *cadence.Config) {
	t.Helper()
	for _, p := range []cadence.Partner{
		{Name: "Northwind Systems", Type: cadence.TypeReseller, Tier: 1, Owner: "Dana Cruz", Status: cadence.PartnerActive, Joined: d("2025-06-01")},
		{Name: "Brightline", Type: cadence.TypeSI, Tier: 2, Owner: "Dana Cruz", Status: cadence.PartnerActive, Joined: d("2025-09-01")},
	} {
		if err := s.SavePartner(cfg, "", p); err != nil {
			t.Fatal(err)
		}
	}
	for _, tp := range []cadence.Touchpoint{
		{Partner: "Northwind Systems", Date: d("2026-10-01"), Kind: cadence.TouchCall, Direction: cadence.Inbound, By: "Dana Cruz"},
		{Partner: "Northwind Systems", Date: d("2026-11-10"), Kind: cadence.TouchEmail, Direction: cadence.Outbound},
		{Partner: "Northwind Systems", Date: d("2026-11-02"), Kind: cadence.TouchIntro, Direction: cadence.Inbound, Account: "Globex  Corp"},
		{Partner: "Brightline", Date: d("2026-11-01"), Kind: cadence.TouchIntro, Direction: cadence.Inbound, Account: "Initech"},
		{Partner: "Brightline", Date: d("2026-11-05"), Kind: cadence.TouchMeeting, Direction: cadence.Outbound},
	} {
		if _, err := s.AddTouchpoint(testConfig(t), "", tp); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range []cadence.Registration{
		{ID: "R-1", Partner: "Brightline", Account: "initech", Amount: 50000, Submitted: d("2026-11-16"), Status: cadence.RegSubmitted, Attribution: cadence.Sourced, Owner: "Jordan Lee"},
		{ID: "R-2", Partner: "Northwind Systems", Account: "Acme", Amount: 20000, Submitted: d("2026-03-01"), Status: cadence.RegWon, Decided: d("2026-03-03"), Closed: d("2026-05-01"), Attribution: cadence.Sourced},
		{ID: "R-3", Partner: "Northwind Systems", Account: "Hooli", Amount: 70000, Submitted: d("2026-09-01"), Status: cadence.RegApproved, Decided: d("2026-09-02"), Attribution: cadence.Influenced},
	} {
		if _, err := s.SaveRegistration(testConfig(t), "", r); err != nil {
			t.Fatal(err)
		}
	}
}

func TestSummariesFollowWrites(t *testing.T) {
	s := newTestStore(t)
	cfg := testConfig(t)
	seed(t, s, cfg)

	got, err := s.Activity()
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Name                             string
		LastInbound, LastTouch, FirstWon string
		Open                             int
	}
	var rows []row
	for _, a := range got {
		rows = append(rows, row{a.Partner.Name, a.LastInbound.String(), a.LastTouch.String(), a.FirstWon.String(), a.OpenRegistrations})
	}
	want := []row{
		{"Brightline", "2026-11-16", "2026-11-16", "", 1},
		{"Northwind Systems", "2026-11-02", "2026-11-10", "2026-05-01", 1},
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("activity (-want +got):\n%s", diff)
	}

	in, err := s.FlagInput(cfg, time.Date(2026, 11, 23, 9, 0, 0, 0, cfg.Location))
	if err != nil {
		t.Fatal(err)
	}
	// Initech's intro is answered by R-1 (account compared case-insensitively);
	// Globex's is not.
	if len(in.Intros) != 1 || in.Intros[0].Account != "Globex  Corp" || in.Intros[0].Partner != "Northwind Systems" {
		t.Errorf("intros = %+v, want only Northwind's Globex Corp", in.Intros)
	}
	if len(in.Open) != 2 {
		t.Errorf("open registrations = %d, want 2", len(in.Open))
	}

	// Marking R-3 won moves the first win earlier? No: later. Losing R-2
	// clears the first win.
	r2, _, _ := s.Registration("R-2")
	r2.Status = cadence.RegLost
	if _, err := s.SaveRegistration(testConfig(t), "", r2); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Activity()
	if !got[1].FirstWon.IsZero() || got[1].OpenRegistrations != 1 {
		t.Errorf("after losing R-2: first won %s, open %d; want none, 1", got[1].FirstWon, got[1].OpenRegistrations)
	}
}

func TestTouchpointsNewestFirstAndIdempotent(t *testing.T) {
	s := newTestStore(t)
	cfg := testConfig(t)
	seed(t, s, cfg)
	added, err := s.AddTouchpoint(testConfig(t), "", cadence.Touchpoint{Partner: "northwind systems", Date: d("2026-10-01"), Kind: cadence.TouchCall, Direction: cadence.Inbound, By: "Dana Cruz"})
	if err != nil || added {
		t.Errorf("adding the same touchpoint again: added %v, err %v; want false, nil", added, err)
	}
	got, err := s.Touchpoints("Northwind Systems", 2)
	if err != nil {
		t.Fatal(err)
	}
	var dates []string
	for _, tp := range got {
		dates = append(dates, tp.Date.String()+" "+string(tp.Kind))
	}
	if diff := cmp.Diff([]string{"2026-11-10 email", "2026-11-02 intro"}, dates); diff != "" {
		t.Errorf("touchpoints (-want +got):\n%s", diff)
	}
	if got[1].Account != "Globex  Corp" || got[1].Partner != "Northwind Systems" {
		t.Errorf("decoded intro = %+v", got[1])
	}
}

func TestPartnerIDsStayUnique(t *testing.T) {
	s := newTestStore(t)
	cfg := testConfig(t)
	seed(t, s, cfg)
	err := s.SavePartner(cfg, "", cadence.Partner{Name: "Northwind, Systems!", Type: cadence.TypeISV, Tier: 3, Owner: "Dana Cruz", Status: cadence.PartnerActive})
	if err == nil || !strings.Contains(err.Error(), `same ID (northwind-systems) as partner "Northwind Systems"`) {
		t.Errorf("err = %v", err)
	}
	err = s.SavePartner(cfg, "", cadence.Partner{Name: "Zeta", Type: cadence.TypeISV, Tier: 3, Owner: "Nobody", Status: cadence.PartnerActive})
	if err == nil || !strings.Contains(err.Error(), `owner: "Nobody" is not on the team`) {
		t.Errorf("err = %v", err)
	}
}

func TestRecordsAndOpenActions(t *testing.T) {
	s := newTestStore(t)
	cfg := testConfig(t)
	rec := cadence.MeetingRecord{
		ID:     "1on1/dana-cruz/2026-11-17",
		Status: cadence.MeetingHeld,
		At:     time.Date(2026, 11, 19, 14, 0, 0, 0, cfg.Location), // moved to Thursday
		Notes:  "Talked | pipeline",
		Actions: []cadence.ActionItem{
			{Text: "Send the MDF policy", Owner: "Dana Cruz", Due: d("2026-11-20")},
			{Text: "Done already", Owner: "Jordan Lee", Done: d("2026-11-18")},
		},
	}
	saved, err := s.SaveRecord(cfg, "", rec)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Actions[0].ID != "A-1" || saved.Actions[1].ID != "A-2" || saved.Actions[0].Meeting != rec.ID {
		t.Errorf("action IDs = %+v", saved.Actions)
	}
	for _, r := range []struct {
		from, to string
		want     bool
	}{
		{"2026-11-17", "2026-11-17", true}, // planned date
		{"2026-11-19", "2026-11-19", true}, // actual date
		{"2026-11-18", "2026-11-18", false},
	} {
		got, err := s.Records(d(r.from), d(r.to))
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := got[rec.ID]; ok != r.want {
			t.Errorf("Records(%s..%s) has the record = %v, want %v", r.from, r.to, ok, r.want)
		}
	}
	open, _ := s.OpenActions()
	if len(open) != 1 || open[0].ID != "A-1" {
		t.Fatalf("open actions = %+v", open)
	}
	saved.Actions[0].Done = d("2026-11-21")
	saved.At = time.Time{}
	if _, err := s.SaveRecord(cfg, "", saved); err != nil {
		t.Fatal(err)
	}
	open, _ = s.OpenActions()
	if len(open) != 0 {
		t.Errorf("open actions after done = %+v", open)
	}
	got, _ := s.Records(d("2026-11-19"), d("2026-11-19"))
	if len(got) != 0 {
		t.Errorf("record still indexed under its old actual date: %v", got)
	}
	back, ok, err := s.Record(rec.ID)
	if err != nil || !ok || back.Notes != rec.Notes || back.Status != cadence.MeetingHeld {
		t.Errorf("Record = %+v, %v, %v", back, ok, err)
	}
	if _, err := s.SaveRecord(cfg, "", cadence.MeetingRecord{ID: "weekly/dana"}); err == nil {
		t.Error("saved a record under an ID that is not an occurrence")
	}
	adhoc, err := s.SaveRecord(cfg, "", cadence.MeetingRecord{ID: "adhoc/", Title: "Partner summit prep", Minutes: 30, At: time.Date(2026, 11, 24, 13, 0, 0, 0, time.UTC)})
	if err != nil || adhoc.ID != "adhoc/1" {
		t.Errorf("adhoc = %q, %v; want adhoc/1", adhoc.ID, err)
	}
}

func TestExportRestoreExportIsIdentical(t *testing.T) {
	s := newTestStore(t)
	cfg := testConfig(t)
	seed(t, s, cfg)
	if _, err := s.SaveRecord(cfg, "", cadence.MeetingRecord{ID: "qbr/northwind-systems/2026-Q4", Status: cadence.MeetingHeld, Satisfaction: 8,
		TalkingPoints: "- renewals\n- \"quotes\" & <tags>", Actions: []cadence.ActionItem{{Text: "Joint plan", Owner: "Dana Cruz", Due: d("2026-12-01")}}}); err != nil {
		t.Fatal(err)
	}
	var first bytes.Buffer
	if err := s.Export(&first); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "restored.db")
	if err := Restore(path, cfg, bytes.NewReader(first.Bytes()), "export.json"); err != nil {
		t.Fatal(err)
	}
	r, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var second bytes.Buffer
	if err := r.Export(&second); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(first.String(), second.String()); diff != "" {
		t.Errorf("export after restore differs (-first +second):\n%s", diff)
	}
	// Summaries are rebuilt, not exported.
	a1, _ := s.Activity()
	a2, _ := r.Activity()
	if diff := cmp.Diff(a1, a2, cmp.Comparer(func(x, y cadence.Date) bool { return x == y })); diff != "" {
		t.Errorf("activity after restore (-before +after):\n%s", diff)
	}
	// Counters carry over: the next action is A-2, not A-1 again.
	rec, _ := r.SaveRecord(cfg, "", cadence.MeetingRecord{ID: "pipeline/2026-12-01", Actions: []cadence.ActionItem{{Text: "x"}}})
	if rec.Actions[0].ID != "A-2" {
		t.Errorf("next action after restore = %s, want A-2", rec.Actions[0].ID)
	}
	if err := Restore(path, cfg, bytes.NewReader(first.Bytes()), "export.json"); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("restore into a non-empty database: err = %v, want ErrNotEmpty", err)
	}
}

func TestRestoreRejectsBadFilesAndLeavesNothing(t *testing.T) {
	cfg := testConfig(t)
	for _, tt := range []struct{ name, in, want string }{
		{"not json", "hello", "does not start with a JSON object"},
		{"wrong format", `{"format":"other","version":1,"partners":[]}`, `no "format": "cadence-export"`},
		{"newer", `{"format":"cadence-export","version":99,"partners":[]}`, "export version 99 is newer"},
		{"bad partner", `{"format":"cadence-export","version":1,"partners":[{"name":"X","type":"bank","tier":1,"owner":"Dana Cruz","status":"active"}]}`, `partners #1: partner "X": type: "bank" is not one of`},
		{"unknown partner", `{"format":"cadence-export","version":1,"registrations":[{"id":"R-1","partner":"Nope","account":"A","amount":1,"submitted":"2026-01-01","status":"submitted","attribution":"sourced"}]}`, `no partner "Nope"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "r.db")
			err := Restore(path, cfg, strings.NewReader(tt.in), "in.json")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
			entries, _ := os.ReadDir(filepath.Dir(path))
			if len(entries) != 0 {
				t.Errorf("left files behind: %v", entries)
			}
		})
	}
}

func TestBackupIsAConsistentPrivateCopy(t *testing.T) {
	s := newTestStore(t)
	cfg := testConfig(t)
	seed(t, s, cfg)
	// Another process reading at the same time does not stop a backup.
	db, err := bolt.Open(s.Path(), 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	path := filepath.Join(t.TempDir(), "backup.db")
	if err := s.Backup(path); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(path)
	if info.Mode().Perm() != 0o600 {
		t.Errorf("backup mode = %v, want 0600", info.Mode().Perm())
	}
	b, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Check(); err != nil {
		t.Fatal(err)
	}
	ps, _ := b.Partners()
	if len(ps) != 2 {
		t.Errorf("backup has %d partners, want 2", len(ps))
	}
}

func TestGenerationAndStampChangeOnWrite(t *testing.T) {
	s := newTestStore(t)
	cfg := testConfig(t)
	g1, _ := s.Generation()
	st1, _ := s.Stamp()
	seed(t, s, cfg)
	g2, _ := s.Generation()
	st2, _ := s.Stamp()
	if g2 <= g1 {
		t.Errorf("generation %d → %d, want it to grow", g1, g2)
	}
	if st1 == st2 {
		t.Error("stamp did not change after writes")
	}
}

func TestLoadKeepsIDCountersAfterGeneratedData(t *testing.T) {
	cfg := testConfig(t)
	path := filepath.Join(t.TempDir(), "demo.db")
	err := Load(path, cfg, func(l *Loader) error {
		if err := l.Partner(cadence.Partner{Name: "Northwind", Type: cadence.TypeReseller, Tier: 1, Owner: "Dana Cruz", Status: cadence.PartnerActive}); err != nil {
			return err
		}
		if err := l.Registration(cadence.Registration{ID: "R-5", Partner: "Northwind", Account: "A", Submitted: d("2026-11-02"), Status: cadence.RegSubmitted, Attribution: cadence.Sourced}); err != nil {
			return err
		}
		return l.LastIDs(5, 7, 2)
	})
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.SaveRegistration(testConfig(t), "", cadence.Registration{Partner: "Northwind", Account: "B", Submitted: d("2026-11-20"), Status: cadence.RegSubmitted, Attribution: cadence.Sourced})
	if err != nil || r.ID != "R-6" {
		t.Errorf("next registration = %q, %v; want R-6 (R-5 came with the data)", r.ID, err)
	}
	rec, err := s.SaveRecord(cfg, "", cadence.MeetingRecord{ID: "adhoc/", Title: "x", At: time.Date(2026, 11, 24, 15, 0, 0, 0, time.UTC), Actions: []cadence.ActionItem{{Text: "y"}}})
	if err != nil || rec.ID != "adhoc/3" || rec.Actions[0].ID != "A-8" {
		t.Errorf("next adhoc and action = %q, %q, %v; want adhoc/3, A-8", rec.ID, rec.Actions[0].ID, err)
	}
}
