package store

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"partnercadence/cadence"
)

func TestAddRegistration(t *testing.T) {
	s := newTestStore(t)
	cfg := testConfig(t)
	seed(t, s, cfg)
	r := cadence.Registration{Partner: "northwind systems", Account: "Globex", Amount: 48000, Submitted: d("2026-11-23"),
		Status: cadence.RegSubmitted, Attribution: cadence.Sourced, Owner: "Dana Cruz"}
	got, err := s.AddRegistration(cfg, "Jordan Lee", r)
	if err != nil {
		t.Fatal(err)
	}
	stored, ok, _ := s.Registration(got.ID)
	if !ok || stored.Partner != "Northwind Systems" || stored.Amount != 48000 || got.ID != "R-4" {
		t.Errorf("added %+v as %s, stored %+v", got, got.ID, stored)
	}
	// The intro of Globex Corp is not answered (another account), the
	// registration is open.
	open, _ := s.OpenRegistrations()
	if len(open) != 3 {
		t.Errorf("%d open registrations, want 3", len(open))
	}
	for _, tt := range []struct {
		name string
		r    cadence.Registration
		want string
	}{
		{"unknown partner", cadence.Registration{Partner: "Nobody Inc", Account: "X", Submitted: d("2026-11-23"), Status: cadence.RegSubmitted, Attribution: cadence.Sourced}, `no partner "Nobody Inc"`},
		{"owner off the team", cadence.Registration{Partner: "Brightline", Account: "X", Submitted: d("2026-11-23"), Status: cadence.RegSubmitted, Attribution: cadence.Sourced, Owner: "Zed"}, `owner: "Zed" is not on the team`},
		{"taken ID", cadence.Registration{ID: "R-1", Partner: "Brightline", Account: "X", Submitted: d("2026-11-23"), Status: cadence.RegSubmitted, Attribution: cadence.Sourced}, "registration R-1 exists already"},
		{"no account", cadence.Registration{Partner: "Brightline", Submitted: d("2026-11-23"), Status: cadence.RegSubmitted, Attribution: cadence.Sourced}, "account"},
	} {
		before, _ := s.Generation()
		_, err := s.AddRegistration(cfg, "Jordan Lee", tt.r)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
		if after, _ := s.Generation(); after != before {
			t.Errorf("%s: a refused add wrote (generation %d → %d)", tt.name, before, after)
		}
	}
}

// TestUpdateRegistrationSeesAnotherWriter: a change made from what the
// screen showed is refused once another process changed the registration,
// and the other change stays.
func TestUpdateRegistrationSeesAnotherWriter(t *testing.T) {
	s := newTestStore(t)
	cfg := testConfig(t)
	seed(t, s, cfg)
	base, _, _ := s.Registration("R-3")
	other, err := Open(s.Path(), Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	changed := base
	changed.Amount = 99000
	if _, err := other.SaveRegistration(cfg, "", changed); err != nil {
		t.Fatal(err)
	}
	_, _, err = s.UpdateRegistration(cfg, "Jordan Lee", base, func(r cadence.Registration) cadence.Registration {
		r.Expires = d("2027-03-01")
		return r
	})
	if !errors.Is(err, ErrChangedMeanwhile) {
		t.Fatalf("update from a stale base: %v, want ErrChangedMeanwhile", err)
	}
	got, _, _ := s.Registration("R-3")
	if got.Amount != 99000 || !got.Expires.IsZero() {
		t.Errorf("stored %+v, want the other writer's amount and no new expiry", got)
	}
	saved, before, err := s.UpdateRegistration(cfg, "Jordan Lee", got, func(r cadence.Registration) cadence.Registration {
		r.Expires = d("2027-03-01")
		r.Partner, r.ID = "Brightline", "R-99" // neither moves
		return r
	})
	if err != nil || saved.Expires != d("2027-03-01") || saved.ID != "R-3" || saved.Partner != "Northwind Systems" || before != got {
		t.Errorf("update: %+v (before %+v), %v", saved, before, err)
	}
}

// TestUpdateRegistrationRacingWriters: two processes change one
// registration from the same base at once; exactly one wins, the other is
// told, and the stored registration is the winner's whole change.
func TestUpdateRegistrationRacingWriters(t *testing.T) {
	a := newTestStore(t)
	cfg := testConfig(t)
	seed(t, a, cfg)
	b, err := Open(a.Path(), Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	for round := range 10 {
		base, _, _ := a.Registration("R-3")
		var wg sync.WaitGroup
		results := make([]error, 2)
		for i, st := range []*Store{a, b} {
			wg.Go(func() {
				_, _, results[i] = st.UpdateRegistration(cfg, "Jordan Lee", base, func(r cadence.Registration) cadence.Registration {
					r.Amount = int64(1000*round + i + 1)
					r.Account = fmt.Sprintf("Hooli %d-%d", round, i)
					return r
				})
			})
		}
		wg.Wait()
		wins := 0
		for _, err := range results {
			switch {
			case err == nil:
				wins++
			case !errors.Is(err, ErrChangedMeanwhile):
				t.Fatalf("round %d: %v", round, err)
			}
		}
		got, _, _ := a.Registration("R-3")
		i := int(got.Amount) - 1000*round - 1
		if wins != 1 || i < 0 || i > 1 || got.Account != fmt.Sprintf("Hooli %d-%d", round, i) {
			t.Fatalf("round %d: %d wins, stored %+v", round, wins, got)
		}
	}
}

// TestUndoMeeting: an undo restores what the change replaced, unless the
// record moved on since, when it writes nothing.
func TestUndoMeeting(t *testing.T) {
	s := newTestStore(t)
	cfg := testConfig(t)
	const id = "1on1/dana-cruz/2026-11-25"
	held := cadence.MeetingChange{Meeting: id, What: "held", Edits: []cadence.MeetingEdit{{Kind: cadence.EditStatus, Status: cadence.MeetingHeld}}}
	undo := []cadence.MeetingEdit{{Kind: cadence.EditStatus, Status: cadence.MeetingScheduled}}
	after, _, err := s.EditMeeting(cfg, "Jordan Lee", held)
	if err != nil {
		t.Fatal(err)
	}
	// Another process skips it meanwhile: the undo is refused.
	other, err := Open(s.Path(), Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := other.EditMeeting(cfg, "Dana Cruz", cadence.MeetingChange{Meeting: id, Edits: []cadence.MeetingEdit{{Kind: cadence.EditStatus, Status: cadence.MeetingSkipped}}}); err != nil {
		t.Fatal(err)
	}
	if err := s.UndoMeeting(cfg, "Jordan Lee", id, after, undo); !errors.Is(err, ErrChangedMeanwhile) || !strings.Contains(err.Error(), "its status is skipped now") {
		t.Fatalf("undo after another change: %v", err)
	}
	if rec, _, _ := s.Record(id); rec.Status != cadence.MeetingSkipped {
		t.Errorf("after a refused undo: %s, want the other's skipped", rec.Status)
	}
	// Held again, then undone: scheduled, and the talking points typed
	// meanwhile stay.
	after, _, _ = s.EditMeeting(cfg, "Jordan Lee", held)
	if _, _, err := other.EditMeeting(cfg, "Dana Cruz", cadence.MeetingChange{Meeting: id, Edits: []cadence.MeetingEdit{{Kind: cadence.EditText, Field: cadence.FieldTalkingPoints, Text: "- renewals"}}}); err != nil {
		t.Fatal(err)
	}
	if err := s.UndoMeeting(cfg, "Jordan Lee", id, after, undo); err != nil {
		t.Fatal(err)
	}
	if rec, _, _ := s.Record(id); rec.Status != cadence.MeetingScheduled || rec.TalkingPoints != "- renewals" {
		t.Errorf("after undo: %s %q, want scheduled with the talking points kept", rec.Status, rec.TalkingPoints)
	}
}

// TestRenamePartner: everything keyed by the partner's ID follows the new
// name in one transaction, the doctor finds the file sound, and the old
// name is free.
func TestRenamePartner(t *testing.T) {
	s := newTestStore(t)
	cfg := testConfig(t)
	seed(t, s, cfg)
	const oldQBR = "qbr/northwind-systems/2026-Q4"
	if _, _, err := s.EditMeeting(cfg, "Jordan Lee", cadence.MeetingChange{Meeting: oldQBR, Edits: []cadence.MeetingEdit{
		{Kind: cadence.EditStatus, Status: cadence.MeetingHeld},
		{Kind: cadence.EditAddAction, Action: cadence.ActionItem{Text: "Send the scorecard", Owner: "Dana Cruz", Due: d("2026-12-01")}},
	}}); err != nil {
		t.Fatal(err)
	}
	beforeTouches, _ := s.Touchpoints("Northwind Systems", 100)
	before, _ := s.FlagInput(cfg, time.Date(2026, 11, 23, 9, 0, 0, 0, cfg.Location))

	p, err := s.RenamePartner(cfg, "Jordan Lee", "northwind systems", "Northwind Cloud")
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "Northwind Cloud" || p.Owner != "Dana Cruz" || p.Tier != 1 {
		t.Errorf("renamed %+v", p)
	}
	if _, ok, _ := s.Partner("Northwind Systems"); ok {
		t.Error("the old name is still a partner")
	}
	touches, _ := s.Touchpoints("Northwind Cloud", 100)
	if len(touches) != len(beforeTouches) || len(touches) == 0 || touches[0].Partner != "Northwind Cloud" {
		t.Errorf("touchpoints %d (want %d): %+v", len(touches), len(beforeTouches), touches)
	}
	for _, id := range []string{"R-2", "R-3"} {
		if r, _, _ := s.Registration(id); r.Partner != "Northwind Cloud" {
			t.Errorf("%s: partner %q", id, r.Partner)
		}
	}
	if regs, _ := s.PartnerRegistrations("Northwind Cloud"); len(regs) != 2 {
		t.Errorf("%d registrations under the new name, want 2", len(regs))
	}
	if _, ok, _ := s.Record(oldQBR); ok {
		t.Error("the QBR record is still under the old ID")
	}
	rec, ok, _ := s.Record("qbr/northwind-cloud/2026-Q4")
	if !ok || rec.Status != cadence.MeetingHeld || len(rec.Actions) != 1 || rec.Actions[0].Meeting != "qbr/northwind-cloud/2026-Q4" {
		t.Errorf("QBR record %+v, %v", rec, ok)
	}
	open, _ := s.OpenActions()
	if len(open) != 1 || open[0].Meeting != "qbr/northwind-cloud/2026-Q4" {
		t.Errorf("open actions %+v", open)
	}
	// The flags are the same but for the name.
	after, _ := s.FlagInput(cfg, time.Date(2026, 11, 23, 9, 0, 0, 0, cfg.Location))
	bf, af := cadence.Flags(before), cadence.Flags(after)
	if len(bf) != len(af) {
		t.Errorf("%d flags before, %d after", len(bf), len(af))
	}
	for i := range min(len(bf), len(af)) {
		want := strings.NewReplacer("Northwind Systems'", "Northwind Cloud's", "Northwind Systems", "Northwind Cloud", "northwind-systems", "northwind-cloud").Replace(bf[i].Message)
		if af[i].Message != want || strings.ReplaceAll(bf[i].Ref, "northwind-systems", "northwind-cloud") != af[i].Ref {
			t.Errorf("flag %d: %s %q, want %q", i, af[i].Ref, af[i].Message, want)
		}
	}
	r, err := Doctor(s.Path(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Healthy() {
		t.Errorf("the doctor after a rename: %v", r.Problems)
	}
	// Another partner's ID is refused, and nothing is written.
	gen, _ := s.Generation()
	if _, err := s.RenamePartner(cfg, "Jordan Lee", "Northwind Cloud", "BRIGHTLINE"); err == nil || !strings.Contains(err.Error(), `same ID (brightline) as partner "Brightline"`) {
		t.Errorf("rename onto Brightline: %v", err)
	}
	if g, _ := s.Generation(); g != gen {
		t.Error("a refused rename wrote")
	}
}

// TestRenameRacesATouchpoint: a rename while another process logs
// touchpoints for the partner loses none of them, whichever goes first.
func TestRenameRacesATouchpoint(t *testing.T) {
	s := newTestStore(t)
	cfg := testConfig(t)
	seed(t, s, cfg)
	other, err := Open(s.Path(), Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	added := make(chan string, 20)
	wg.Go(func() {
		for i := range 20 {
			for _, name := range []string{"Northwind Systems", "Northwind Cloud"} {
				if ok, err := other.AddTouchpoint(cfg, "", cadence.Touchpoint{Partner: name, Date: d("2026-11-20"), Kind: cadence.TouchCall,
					Direction: cadence.Inbound, Note: fmt.Sprintf("call %d", i)}); err == nil && ok {
					added <- name
					break
				}
			}
		}
	})
	if _, err := s.RenamePartner(cfg, "Jordan Lee", "Northwind Systems", "Northwind Cloud"); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	close(added)
	n := 0
	for range added {
		n++
	}
	touches, _ := s.Touchpoints("Northwind Cloud", 1000)
	calls := 0
	for _, tp := range touches {
		if strings.HasPrefix(tp.Note, "call ") {
			calls++
		}
	}
	if n != 20 || calls != 20 {
		t.Errorf("%d calls logged, %d under the new name; want 20 and 20", n, calls)
	}
	if r, err := Doctor(s.Path(), cfg); err != nil || !r.Healthy() {
		t.Errorf("doctor: %v %v", err, r.Problems)
	}
}

func TestDeletePartner(t *testing.T) {
	s := newTestStore(t)
	cfg := testConfig(t)
	seed(t, s, cfg)
	gen, _ := s.Generation()
	err := s.DeletePartner(cfg, "Jordan Lee", "Northwind Systems")
	if !errors.Is(err, ErrInUse) || !strings.Contains(err.Error(), "Northwind Systems has 3 touchpoints, 2 registrations") {
		t.Fatalf("delete of a partner with history: %v", err)
	}
	if g, _ := s.Generation(); g != gen {
		t.Error("a refused delete wrote")
	}
	fresh := cadence.Partner{Name: "Typo Partnr", Type: cadence.TypeISV, Tier: 3, Owner: "Dana Cruz", Status: cadence.PartnerProspect, Joined: d("2026-11-20")}
	if err := s.SavePartner(cfg, "", fresh); err != nil {
		t.Fatal(err)
	}
	if uses, _ := s.PartnerUses("Typo Partnr"); len(uses) != 0 {
		t.Errorf("uses of a new partner: %v", uses)
	}
	if err := s.DeletePartner(cfg, "Jordan Lee", "typo partnr"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.Partner("Typo Partnr"); ok {
		t.Error("still there after delete")
	}
	ps, _ := s.Partners()
	if len(ps) != 2 {
		t.Errorf("%d partners, want the 2 of the seed", len(ps))
	}
	if r, err := Doctor(s.Path(), cfg); err != nil || !r.Healthy() {
		t.Errorf("doctor: %v %v", err, r.Problems)
	}
}
