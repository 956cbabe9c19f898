package store

import (
	"errors"
	"maps"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"partnercadence/cadence"
)

// summaryBuckets returns what the summaries hold: the partners' activity,
// the touches per month, the conversations per day and the unregistered
// intros, as raw keys and values.
func summaryBuckets(t *testing.T, s *Store) map[string]map[string]string {
	t.Helper()
	out := map[string]map[string]string{}
	err := s.view(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketActivity, bucketTouchMonths, bucketConversations, bucketIntros} {
			m := map[string]string{}
			if err := tx.Bucket(b).ForEach(func(k, v []byte) error {
				m[string(k)] = string(v)
				return nil
			}); err != nil {
				return err
			}
			out[string(b)] = m
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// rebuilt writes a new database with s's partners and registrations and
// the touchpoints given, each written once: what the summaries of s must
// equal after a correction.
func rebuilt(t *testing.T, cfg *cadence.Config, s *Store, touches []cadence.Touchpoint) *Store {
	t.Helper()
	fresh := newTestStore(t)
	partners, err := s.Partners()
	if err != nil {
		t.Fatal(err)
	}
	var regs []cadence.Registration
	for _, p := range partners {
		if err := fresh.SavePartner(cfg, "", p); err != nil {
			t.Fatal(err)
		}
		rs, err := s.PartnerRegistrations(p.Name)
		if err != nil {
			t.Fatal(err)
		}
		regs = append(regs, rs...)
	}
	for _, tp := range touches {
		if _, err := fresh.AddTouchpoint(cfg, "", tp); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range regs {
		if _, err := fresh.SaveRegistration(cfg, "", r); err != nil {
			t.Fatal(err)
		}
	}
	return fresh
}

func allTouches(t *testing.T, s *Store) []cadence.Touchpoint {
	t.Helper()
	var out []cadence.Touchpoint
	for _, name := range []string{"Northwind Systems", "Brightline"} {
		ts, err := s.Touchpoints(name, 0)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, ts...)
	}
	return out
}

// TestTouchpointCorrectionsKeepSummaries edits and deletes touchpoints of
// every kind that feeds a summary, and checks each time that the
// summaries are exactly those of a database written from scratch with the
// touchpoints left, that the doctor finds it healthy, and what the
// partner's activity says.
func TestTouchpointCorrectionsKeepSummaries(t *testing.T) {
	cfg := testConfig(t)
	call := cadence.Touchpoint{Partner: "Northwind Systems", Date: d("2026-10-01"), Kind: cadence.TouchCall, Direction: cadence.Inbound, By: "Dana Cruz"}
	email := cadence.Touchpoint{Partner: "Northwind Systems", Date: d("2026-11-10"), Kind: cadence.TouchEmail, Direction: cadence.Outbound}
	intro := cadence.Touchpoint{Partner: "Northwind Systems", Date: d("2026-11-02"), Kind: cadence.TouchIntro, Direction: cadence.Inbound, Account: "Globex  Corp"}
	answered := cadence.Touchpoint{Partner: "Brightline", Date: d("2026-11-01"), Kind: cadence.TouchIntro, Direction: cadence.Inbound, Account: "Initech"}
	with := func(tp cadence.Touchpoint, change func(*cadence.Touchpoint)) cadence.Touchpoint {
		change(&tp)
		return tp
	}
	tests := []struct {
		name    string
		write   func(s *Store) error
		partner string
		// the partner's activity after it
		lastInbound, lastTouch string
		intros                 int // unregistered intros left
	}{
		{"delete the latest touch (an email)", func(s *Store) error { return s.DeleteTouchpoint(cfg, "Jordan Lee", email) },
			"Northwind Systems", "2026-11-02", "2026-11-02", 1},
		{"delete the intro: the intro flag's source and the last inbound go", func(s *Store) error { return s.DeleteTouchpoint(cfg, "Jordan Lee", intro) },
			"Northwind Systems", "2026-10-01", "2026-11-10", 0},
		{"delete an intro a registration answers", func(s *Store) error { return s.DeleteTouchpoint(cfg, "Dana Cruz", answered) },
			"Brightline", "2026-11-16", "2026-11-16", 1},
		{"edit the call: outbound, a month later", func(s *Store) error {
			_, err := s.EditTouchpoint(cfg, "Jordan Lee", call, with(call, func(tp *cadence.Touchpoint) { tp.Direction, tp.Date = cadence.Outbound, d("2026-11-20") }))
			return err
		}, "Northwind Systems", "2026-11-02", "2026-11-20", 1},
		{"edit the intro to another account and an earlier month", func(s *Store) error {
			_, err := s.EditTouchpoint(cfg, "Jordan Lee", intro, with(intro, func(tp *cadence.Touchpoint) { tp.Account, tp.Date = "Hooli", d("2026-08-15") }))
			return err
		}, "Northwind Systems", "2026-10-01", "2026-11-10", 0},
		{"edit the email into an intro of an account", func(s *Store) error {
			_, err := s.EditTouchpoint(cfg, "Jordan Lee", email, with(email, func(tp *cadence.Touchpoint) {
				tp.Kind, tp.Direction, tp.Account = cadence.TouchIntro, cadence.Inbound, "Umbrella"
			}))
			return err
		}, "Northwind Systems", "2026-11-10", "2026-11-10", 2},
		{"edit only the note and who", func(s *Store) error {
			_, err := s.EditTouchpoint(cfg, "Jordan Lee", call, with(call, func(tp *cadence.Touchpoint) { tp.Note, tp.By = "renewal", "Jordan Lee" }))
			return err
		}, "Northwind Systems", "2026-11-02", "2026-11-10", 1},
	}
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, cfg.Location)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestStore(t)
			seed(t, s, cfg)
			if err := tt.write(s); err != nil {
				t.Fatal(err)
			}
			want := summaryBuckets(t, rebuilt(t, cfg, s, allTouches(t, s)))
			got := summaryBuckets(t, s)
			for b := range want {
				if !maps.Equal(got[b], want[b]) {
					t.Errorf("bucket %s:\n got %q\nwant %q", b, got[b], want[b])
				}
			}
			acts, _ := s.Activity()
			for _, a := range acts {
				if a.Partner.Name == tt.partner && (a.LastInbound.String() != tt.lastInbound || a.LastTouch.String() != tt.lastTouch) {
					t.Errorf("%s: last inbound %s, last touch %s; want %s, %s", tt.partner, a.LastInbound, a.LastTouch, tt.lastInbound, tt.lastTouch)
				}
			}
			in, err := s.FlagInput(cfg, now)
			if err != nil {
				t.Fatal(err)
			}
			if len(in.Intros) != tt.intros {
				t.Errorf("%d unregistered intros %+v, want %d", len(in.Intros), in.Intros, tt.intros)
			}
			r, err := Doctor(s.Path(), cfg)
			if err != nil || !r.Healthy() {
				t.Errorf("doctor: %v %+v", err, r)
			}
		})
	}
}

// TestTouchpointCorrectionRefusesStale: an edit or delete made from a
// touchpoint that is no longer stored as shown changes nothing.
func TestTouchpointCorrectionRefusesStale(t *testing.T) {
	cfg := testConfig(t)
	s := newTestStore(t)
	seed(t, s, cfg)
	call := cadence.Touchpoint{Partner: "Northwind Systems", Date: d("2026-10-01"), Kind: cadence.TouchCall, Direction: cadence.Inbound, By: "Dana Cruz"}
	stale := call
	stale.By = "Jordan Lee" // who logged it differs from what is stored
	gone := call
	gone.Date = d("2026-10-02")
	dup := cadence.Touchpoint{Partner: "Northwind Systems", Date: d("2026-11-10"), Kind: cadence.TouchEmail, Direction: cadence.Outbound}
	gen, _ := s.Generation()
	for _, tt := range []struct {
		name string
		err  error
		want error
	}{
		{"delete of a changed one", s.DeleteTouchpoint(cfg, "Jordan Lee", stale), ErrChangedMeanwhile},
		{"delete of a gone one", s.DeleteTouchpoint(cfg, "Jordan Lee", gone), ErrChangedMeanwhile},
		{"edit of a gone one", func() error { _, err := s.EditTouchpoint(cfg, "Jordan Lee", gone, call); return err }(), ErrChangedMeanwhile},
		{"edit into one that is logged already", func() error { _, err := s.EditTouchpoint(cfg, "Jordan Lee", call, dup); return err }(), nil},
		{"edit of an unknown partner", func() error {
			x := call
			x.Partner = "Nobody"
			_, err := s.EditTouchpoint(cfg, "Jordan Lee", x, x)
			return err
		}(), nil},
	} {
		switch {
		case tt.err == nil:
			t.Errorf("%s: no error", tt.name)
		case tt.want != nil && !errors.Is(tt.err, tt.want):
			t.Errorf("%s: %v, want %v", tt.name, tt.err, tt.want)
		}
	}
	if after, _ := s.Generation(); after != gen {
		t.Errorf("refused corrections wrote (generation %d → %d)", gen, after)
	}
	if ts := allTouches(t, s); len(ts) != 5 {
		t.Errorf("%d touchpoints, want the 5 seeded", len(ts))
	}
}

// TestTouchpointEditRacesAWriter: two processes edit the same touchpoint
// at once from the same view; exactly one edit lands, the other is refused
// with ErrChangedMeanwhile, and the database stays healthy.
func TestTouchpointEditRacesAWriter(t *testing.T) {
	cfg := testConfig(t)
	s := newTestStore(t)
	seed(t, s, cfg)
	other, err := Open(s.Path(), Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	call := cadence.Touchpoint{Partner: "Northwind Systems", Date: d("2026-10-01"), Kind: cadence.TouchCall, Direction: cadence.Inbound, By: "Dana Cruz"}
	notes := []string{"first", "second"}
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i, st := range []*Store{s, other} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			after := call
			after.Note = notes[i]
			_, errs[i] = st.EditTouchpoint(cfg, "Jordan Lee", call, after)
		}()
	}
	wg.Wait()
	landed := -1
	for i, err := range errs {
		switch {
		case err == nil:
			if landed >= 0 {
				t.Fatal("both edits landed")
			}
			landed = i
		case !errors.Is(err, ErrChangedMeanwhile):
			t.Errorf("edit %d: %v, want ErrChangedMeanwhile", i, err)
		}
	}
	if landed < 0 {
		t.Fatalf("no edit landed: %v", errs)
	}
	var notesStored []string
	for _, tp := range allTouches(t, s) {
		if tp.Kind == cadence.TouchCall {
			notesStored = append(notesStored, tp.Note)
		}
	}
	if len(notesStored) != 1 || notesStored[0] != notes[landed] {
		t.Errorf("calls stored with notes %q, want only %q", notesStored, notes[landed])
	}
	if r, err := Doctor(s.Path(), cfg); err != nil || !r.Healthy() {
		t.Errorf("doctor: %v %+v", err, r)
	}
}

// TestDeleteRegistration takes back the add of a registration: the intro
// it answered is unregistered again and the summaries are those of a
// database that never had it; a registration changed since is refused.
func TestDeleteRegistration(t *testing.T) {
	cfg := testConfig(t)
	s := newTestStore(t)
	seed(t, s, cfg)
	r, err := s.AddRegistration(cfg, "Jordan Lee", cadence.Registration{Partner: "Northwind Systems", Account: "globex corp", Amount: 9000,
		Submitted: d("2026-11-21"), Status: cadence.RegSubmitted, Attribution: cadence.Sourced})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, cfg.Location)
	if in, _ := s.FlagInput(cfg, now); len(in.Intros) != 0 {
		t.Fatalf("the registration left intros %+v", in.Intros)
	}
	changed := r
	changed.Amount = 1
	if err := s.DeleteRegistration(cfg, "Jordan Lee", changed); !errors.Is(err, ErrChangedMeanwhile) {
		t.Errorf("delete from a stale view: %v, want ErrChangedMeanwhile", err)
	}
	if err := s.DeleteRegistration(cfg, "Jordan Lee", r); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.Registration(r.ID); ok {
		t.Error("the registration is still there")
	}
	in, _ := s.FlagInput(cfg, now)
	if len(in.Intros) != 1 || in.Intros[0].Account != "Globex  Corp" || in.Intros[0].Date != d("2026-11-02") {
		t.Errorf("intros %+v, want Globex Corp's of 2026-11-02 back", in.Intros)
	}
	want := summaryBuckets(t, rebuilt(t, cfg, s, allTouches(t, s)))
	got := summaryBuckets(t, s)
	for b := range want {
		if !maps.Equal(got[b], want[b]) {
			t.Errorf("bucket %s:\n got %q\nwant %q", b, got[b], want[b])
		}
	}
	if err := s.DeleteRegistration(cfg, "Jordan Lee", r); !errors.Is(err, ErrChangedMeanwhile) {
		t.Errorf("second delete: %v, want ErrChangedMeanwhile", err)
	}
	if rep, err := Doctor(s.Path(), cfg); err != nil || !rep.Healthy() {
		t.Errorf("doctor: %v %+v", err, rep)
	}
}

// TestUndoPartner takes back an edit, a rename with an edit, and an add;
// each refuses once the partner changed since.
func TestUndoPartner(t *testing.T) {
	cfg := testConfig(t)
	s := newTestStore(t)
	seed(t, s, cfg)
	before, _, _ := s.Partner("Brightline")
	edited := before
	edited.Tier, edited.Notes = 1, "upgraded"
	if err := s.SavePartner(cfg, "Jordan Lee", edited); err != nil {
		t.Fatal(err)
	}
	stale := edited
	stale.Notes = "not what is stored"
	if err := s.UndoPartner(cfg, "Jordan Lee", before, stale); !errors.Is(err, ErrChangedMeanwhile) {
		t.Errorf("undo from a stale view: %v, want ErrChangedMeanwhile", err)
	}
	if err := s.UndoPartner(cfg, "Jordan Lee", before, edited); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := s.Partner("Brightline"); got != before {
		t.Errorf("after undoing the edit: %+v, want %+v", got, before)
	}

	// A rename and an edit, as the form saves them, come back in one undo.
	nw, _, _ := s.Partner("Northwind Systems")
	renamed, err := s.RenamePartner(cfg, "Jordan Lee", nw.Name, "Northwind Cloud")
	if err != nil {
		t.Fatal(err)
	}
	renamed.Contact = "Ada"
	if err := s.SavePartner(cfg, "Jordan Lee", renamed); err != nil {
		t.Fatal(err)
	}
	if err := s.UndoPartner(cfg, "Jordan Lee", nw, renamed); err != nil {
		t.Fatal(err)
	}
	if got, ok, _ := s.Partner("Northwind Systems"); !ok || got != nw {
		t.Errorf("after undoing the rename: %+v (%v), want %+v", got, ok, nw)
	}
	if regs, _ := s.PartnerRegistrations("Northwind Systems"); len(regs) != 2 {
		t.Errorf("%d registrations back under the old name, want 2", len(regs))
	}

	// An add is taken back while nothing refers to the partner.
	solo := cadence.Partner{Name: "Solo", Type: cadence.TypeISV, Tier: 3, Owner: "Dana Cruz", Status: cadence.PartnerProspect, Joined: d("2026-11-01")}
	if err := s.SavePartner(cfg, "Jordan Lee", solo); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddTouchpoint(cfg, "Jordan Lee", cadence.Touchpoint{Partner: "Solo", Date: d("2026-11-20"), Kind: cadence.TouchCall, Direction: cadence.Inbound}); err != nil {
		t.Fatal(err)
	}
	if err := s.UndoPartner(cfg, "Jordan Lee", cadence.Partner{}, solo); !errors.Is(err, ErrInUse) {
		t.Errorf("undoing the add of a partner with a touchpoint: %v, want ErrInUse", err)
	}
	if err := s.DeleteTouchpoint(cfg, "Jordan Lee", cadence.Touchpoint{Partner: "Solo", Date: d("2026-11-20"), Kind: cadence.TouchCall, Direction: cadence.Inbound}); err != nil {
		t.Fatal(err)
	}
	if err := s.UndoPartner(cfg, "Jordan Lee", cadence.Partner{}, solo); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.Partner("Solo"); ok {
		t.Error("the added partner is still there")
	}
	// A delete is taken back by adding it again, unless its ID was taken
	// meanwhile.
	if err := s.SavePartner(cfg, "Jordan Lee", solo); err != nil {
		t.Fatal(err)
	}
	if err := s.UndoPartner(cfg, "Jordan Lee", solo, cadence.Partner{}); !errors.Is(err, ErrChangedMeanwhile) {
		t.Errorf("undoing a delete while the name is taken: %v, want ErrChangedMeanwhile", err)
	}
	if err := s.DeletePartner(cfg, "Jordan Lee", "Solo"); err != nil {
		t.Fatal(err)
	}
	if err := s.UndoPartner(cfg, "Sam Ortiz", solo, cadence.Partner{}); !errors.Is(err, ErrRefused) {
		t.Errorf("sales undoing a delete: %v, want refused", err)
	}
	if err := s.UndoPartner(cfg, "Jordan Lee", solo, cadence.Partner{}); err != nil {
		t.Fatal(err)
	}
	if got, ok, _ := s.Partner("Solo"); !ok || got != solo {
		t.Errorf("after undoing the delete: %+v (%v), want %+v", got, ok, solo)
	}
	if r, err := Doctor(s.Path(), cfg); err != nil || !r.Healthy() {
		t.Errorf("doctor: %v %+v", err, r)
	}
}

// TestDeleteOneOff takes back the add of a one-off meeting while it is as
// added, and refuses once something was written in it.
func TestDeleteOneOff(t *testing.T) {
	cfg := testConfig(t)
	s := newTestStore(t)
	at := time.Date(2026, 11, 27, 15, 0, 0, 0, time.UTC)
	add := func() cadence.MeetingRecord {
		rec, err := s.SaveRecord(cfg, "Jordan Lee", cadence.MeetingRecord{ID: "adhoc/", Status: cadence.MeetingScheduled, Title: "summit", Minutes: 30, At: at, Attendees: []string{"Dana Cruz"}})
		if err != nil {
			t.Fatal(err)
		}
		return rec
	}
	a, b := add(), add()
	if _, _, err := s.EditMeeting(cfg, "Jordan Lee", cadence.MeetingChange{Meeting: b.ID, Edits: []cadence.MeetingEdit{{Kind: cadence.EditText, Field: cadence.FieldNotes, Text: "agreed"}}}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteOneOff(cfg, "Sam Ortiz", a); !errors.Is(err, ErrRefused) {
		t.Errorf("sales, who does not attend: %v, want refused", err)
	}
	if err := s.DeleteOneOff(cfg, "Jordan Lee", b); !errors.Is(err, ErrChangedMeanwhile) {
		t.Errorf("a meeting with notes: %v, want ErrChangedMeanwhile", err)
	}
	if err := s.DeleteOneOff(cfg, "Jordan Lee", a); err != nil {
		t.Fatal(err)
	}
	day := cadence.DateIn(at, cfg.Location)
	recs, _ := s.Records(day, day)
	if _, ok := recs[a.ID]; ok || len(recs) != 1 {
		t.Errorf("%d records of the day (%s among them: %v), want only %s", len(recs), a.ID, ok, b.ID)
	}
	if r, err := Doctor(s.Path(), cfg); err != nil || !r.Healthy() {
		t.Errorf("doctor: %v %+v", err, r)
	}
}

// TestTouchpointDeleteRacesAnEdit: one process deletes a touchpoint while
// another edits it, from the same view: exactly one lands, the other is
// refused with ErrChangedMeanwhile, and the summaries stay right.
func TestTouchpointDeleteRacesAnEdit(t *testing.T) {
	cfg := testConfig(t)
	s := newTestStore(t)
	seed(t, s, cfg)
	other, err := Open(s.Path(), Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	intro := cadence.Touchpoint{Partner: "Northwind Systems", Date: d("2026-11-02"), Kind: cadence.TouchIntro, Direction: cadence.Inbound, Account: "Globex  Corp"}
	edited := intro
	edited.Date = d("2026-11-03")
	errs := make([]error, 2)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); errs[0] = s.DeleteTouchpoint(cfg, "Jordan Lee", intro) }()
	go func() { defer wg.Done(); _, errs[1] = other.EditTouchpoint(cfg, "Jordan Lee", intro, edited) }()
	wg.Wait()
	if (errs[0] == nil) == (errs[1] == nil) {
		t.Fatalf("delete: %v; edit: %v; want exactly one to land", errs[0], errs[1])
	}
	for _, err := range errs {
		if err != nil && !errors.Is(err, ErrChangedMeanwhile) {
			t.Errorf("%v, want ErrChangedMeanwhile", err)
		}
	}
	n := 0
	for _, tp := range allTouches(t, s) {
		if tp.Kind == cadence.TouchIntro && tp.Partner == "Northwind Systems" {
			n++
			if errs[1] != nil || tp != edited {
				t.Errorf("intro %+v left; delete %v, edit %v", tp, errs[0], errs[1])
			}
		}
	}
	if want := map[bool]int{true: 1, false: 0}[errs[1] == nil]; n != want {
		t.Errorf("%d intros left, want %d", n, want)
	}
	want := summaryBuckets(t, rebuilt(t, cfg, s, allTouches(t, s)))
	got := summaryBuckets(t, s)
	for b := range want {
		if !maps.Equal(got[b], want[b]) {
			t.Errorf("bucket %s:\n got %q\nwant %q", b, got[b], want[b])
		}
	}
}
