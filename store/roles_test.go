package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"partnercadence/cadence"
)

// The team of the role tests: one of each role, two partner managers.
const (
	rHead  = "Jordan Lee"
	rDana  = "Dana Cruz"
	rPriya = "Priya Natarajan"
	rSam   = "Sam Ortiz"
	rAlex  = "Alex Morgan"
)

var roleActors = []string{rHead, "", rDana, rPriya, rSam, rAlex, "Pat Doe"}

func rolesTeamConfig(t *testing.T) *cadence.Config {
	t.Helper()
	cfg, err := cadence.ParseConfig([]byte(`
timezone = "UTC"
start = 2026-01-05
[[team]]
name = "Jordan Lee"
role = "head"
[[team]]
name = "Dana Cruz"
role = "partner_manager"
[[team]]
name = "Priya Natarajan"
role = "partner_manager"
[[team]]
name = "Sam Ortiz"
role = "sales"
[[team]]
name = "Alex Morgan"
role = "exec"
`), "roles.toml")
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// rolesTouch is the touchpoint rolesDB logs for a partner.
func rolesTouch(partner string) cadence.Touchpoint {
	return cadence.Touchpoint{Partner: partner, Date: d("2026-11-18"), Kind: cadence.TouchEmail, Direction: cadence.Outbound, Note: "deck", By: rHead}
}

// rolesDB writes, as the head, a database with Dana's partner Acme and
// Priya's partner Zeta (a touchpoint each, rolesTouch), a registration of each (R-1 of Acme decided by Sam,
// R-2 of Zeta decided by Dana), and a record of each kind of meeting, each
// with an action of Alex's; it returns the file's path.
func rolesDB(t *testing.T, cfg *cadence.Config) string {
	t.Helper()
	s := newTestStore(t)
	for _, p := range []cadence.Partner{
		{Name: "Acme", Type: cadence.TypeReseller, Tier: 1, Owner: rDana, Status: cadence.PartnerActive, Joined: d("2025-06-01")},
		{Name: "Zeta", Type: cadence.TypeISV, Tier: 1, Owner: rPriya, Status: cadence.PartnerActive, Joined: d("2025-06-01")},
	} {
		if err := s.SavePartner(cfg, "", p); err != nil {
			t.Fatal(err)
		}
	}
	for _, tp := range []cadence.Touchpoint{rolesTouch("Acme"), rolesTouch("Zeta")} {
		if _, err := s.AddTouchpoint(cfg, rHead, tp); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range []cadence.Registration{
		{ID: "R-1", Partner: "Acme", Account: "Globex", Amount: 100, Submitted: d("2026-11-16"), Status: cadence.RegSubmitted, Attribution: cadence.Sourced, Owner: rSam},
		{ID: "R-2", Partner: "Zeta", Account: "Initech", Amount: 100, Submitted: d("2026-11-16"), Status: cadence.RegSubmitted, Attribution: cadence.Sourced, Owner: rDana},
	} {
		if _, err := s.SaveRegistration(cfg, rHead, r); err != nil {
			t.Fatal(err)
		}
	}
	at := time.Date(2026, 11, 27, 15, 0, 0, 0, time.UTC)
	for _, rec := range []cadence.MeetingRecord{
		{ID: "1on1/dana-cruz/2026-11-24"}, {ID: "1on1/priya-natarajan/2026-11-24"},
		{ID: "qbr/acme/2026-Q4"}, {ID: "pipeline/2026-12-01"}, {ID: "readout/2026-12-31"},
		{ID: "adhoc/", Title: "summit", At: at, Attendees: []string{rHead, rDana, rAlex}},
	} {
		rec.Actions = []cadence.ActionItem{{Text: "sign", Owner: rAlex}, {Text: "call", Owner: rDana}}
		if _, err := s.SaveRecord(cfg, rHead, rec); err != nil {
			t.Fatal(err)
		}
	}
	return s.Path()
}

// TestRolesInTheStore makes each change of DESIGN §1's table as every kind
// of actor, each on its own copy of one database: the actors the table
// allows succeed; every other one is refused with ErrNotAllowed (and
// ErrRefused, so the outbox drops it), and the file is byte for byte as it
// was.
func TestRolesInTheStore(t *testing.T) {
	cfg := rolesTeamConfig(t)
	src := rolesDB(t, cfg)
	partner := func(name, owner string) cadence.Partner {
		return cadence.Partner{Name: name, Type: cadence.TypeReseller, Tier: 1, Owner: owner, Status: cadence.PartnerActive, Joined: d("2025-06-01")}
	}
	touch := func(partner string) cadence.Touchpoint {
		return cadence.Touchpoint{Partner: partner, Date: d("2026-11-20"), Kind: cadence.TouchCall, Direction: cadence.Inbound}
	}
	reg := func(s *Store, id string, change func(*cadence.Registration)) cadence.Registration {
		r, _, err := s.Registration(id)
		if err != nil {
			t.Fatal(err)
		}
		change(&r)
		return r
	}
	edit := func(id string, edits ...cadence.MeetingEdit) func(*Store, string) error {
		return func(s *Store, actor string) error {
			_, _, err := s.EditMeeting(cfg, actor, cadence.MeetingChange{Meeting: id, Edits: edits})
			return err
		}
	}
	text := func(f cadence.TextField) cadence.MeetingEdit {
		return cadence.MeetingEdit{Kind: cadence.EditText, Field: f, Text: "- prepared"}
	}
	held := cadence.MeetingEdit{Kind: cadence.EditStatus, Status: cadence.MeetingHeld}
	moved := cadence.MeetingEdit{Kind: cadence.EditMove, At: time.Date(2026, 11, 26, 16, 0, 0, 0, time.UTC)}
	actionOf := func(id string, owner string) func(s *Store) string {
		return func(s *Store) string {
			rec, _, err := s.Record(id)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range rec.Actions {
				if a.Owner == owner {
					return a.ID
				}
			}
			t.Fatalf("%s has no action of %s", id, owner)
			return ""
		}
	}
	actionEdit := func(id, owner string, kind cadence.EditKind, newOwner string) func(*Store, string) error {
		return func(s *Store, actor string) error {
			e := cadence.MeetingEdit{Kind: kind, Action: cadence.ActionItem{ID: actionOf(id, owner)(s), Text: "sign it", Owner: newOwner, Done: d("2026-11-25")}}
			_, _, err := s.EditMeeting(cfg, actor, cadence.MeetingChange{Meeting: id, Edits: []cadence.MeetingEdit{e}})
			return err
		}
	}
	addAction := func(id, owner string) func(*Store, string) error {
		return edit(id, cadence.MeetingEdit{Kind: cadence.EditAddAction, Action: cadence.ActionItem{Text: "follow up", Owner: owner}})
	}
	headOnly := []string{rHead, ""}
	headDana := []string{rHead, "", rDana}
	headSales := []string{rHead, "", rSam}
	headSalesDana := []string{rHead, "", rSam, rDana}
	tests := []struct {
		name    string
		allowed []string
		write   func(s *Store, actor string) error
	}{
		{"add a partner owned by Dana", headDana, func(s *Store, a string) error { return s.SavePartner(cfg, a, partner("Nova", rDana)) }},
		{"edit Dana's partner", headDana, func(s *Store, a string) error { return s.SavePartner(cfg, a, partner("Acme", rDana)) }},
		{"give Dana's partner to Priya", headOnly, func(s *Store, a string) error { return s.SavePartner(cfg, a, partner("Acme", rPriya)) }},
		{"take Priya's partner for Dana", headOnly, func(s *Store, a string) error { return s.SavePartner(cfg, a, partner("Zeta", rDana)) }},
		{"log a touchpoint for Dana's partner", headDana, func(s *Store, a string) error {
			_, err := s.AddTouchpoint(cfg, a, touch("Acme"))
			return err
		}},
		{"log a touchpoint for Priya's partner", []string{rHead, "", rPriya}, func(s *Store, a string) error {
			_, err := s.AddTouchpoint(cfg, a, touch("Zeta"))
			return err
		}},
		{"edit a touchpoint of Dana's partner", headDana, func(s *Store, a string) error {
			after := rolesTouch("Acme")
			after.Note = "deck and pricing"
			_, err := s.EditTouchpoint(cfg, a, rolesTouch("Acme"), after)
			return err
		}},
		{"delete a touchpoint of Dana's partner", headDana, func(s *Store, a string) error {
			return s.DeleteTouchpoint(cfg, a, rolesTouch("Acme"))
		}},
		{"delete a touchpoint of Priya's partner", []string{rHead, "", rPriya}, func(s *Store, a string) error {
			return s.DeleteTouchpoint(cfg, a, rolesTouch("Zeta"))
		}},
		{"take back the add of R-1 (Sam's) of Dana's partner (DeleteRegistration)", headSales, func(s *Store, a string) error {
			return s.DeleteRegistration(cfg, a, reg(s, "R-1", func(*cadence.Registration) {}))
		}},
		{"undo an edit of Dana's partner (UndoPartner)", headDana, func(s *Store, a string) error {
			before := partner("Acme", rDana)
			before.Tier = 2
			return s.UndoPartner(cfg, a, before, partner("Acme", rDana))
		}},
		{"undo the add of the one-off Dana attends (DeleteOneOff)", headDana, func(s *Store, a string) error {
			rec, _, _ := s.Record("adhoc/1")
			return s.DeleteOneOff(cfg, a, rec)
		}},
		{"add a registration for Dana's partner", headSalesDana, func(s *Store, a string) error {
			_, err := s.SaveRegistration(cfg, a, cadence.Registration{Partner: "Acme", Account: "Hooli", Submitted: d("2026-11-20"), Status: cadence.RegSubmitted, Attribution: cadence.Sourced})
			return err
		}},
		{"edit R-1 of Dana's partner", headSalesDana, func(s *Store, a string) error {
			_, err := s.SaveRegistration(cfg, a, reg(s, "R-1", func(r *cadence.Registration) { r.Amount = 500 }))
			return err
		}},
		{"approve R-1 (Sam's)", headSales, func(s *Store, a string) error {
			_, err := s.SaveRegistration(cfg, a, reg(s, "R-1", func(r *cadence.Registration) { r.Status, r.Decided = cadence.RegApproved, d("2026-11-20") }))
			return err
		}},
		{"approve R-2 (Dana's, of Priya's partner)", []string{rHead, "", rSam, rDana}, func(s *Store, a string) error {
			_, err := s.SaveRegistration(cfg, a, reg(s, "R-2", func(r *cadence.Registration) { r.Status, r.Decided = cadence.RegRejected, d("2026-11-20") }))
			return err
		}},
		{"mark R-2 of Priya's partner lost", []string{rHead, "", rSam, rPriya}, func(s *Store, a string) error {
			_, err := s.SaveRegistration(cfg, a, reg(s, "R-2", func(r *cadence.Registration) { r.Status, r.Closed = cadence.RegLost, d("2026-11-20") }))
			return err
		}},
		{"take R-1 (Sam's) for Dana", headSales, func(s *Store, a string) error {
			_, err := s.SaveRegistration(cfg, a, reg(s, "R-1", func(r *cadence.Registration) { r.Owner = rDana }))
			return err
		}},
		{"Dana's 1:1: talking points", headDana, edit("1on1/dana-cruz/2026-11-24", text(cadence.FieldTalkingPoints))},
		{"Dana's 1:1: held", headDana, edit("1on1/dana-cruz/2026-11-24", held)},
		{"Dana's 1:1: moved", headDana, edit("1on1/dana-cruz/2026-11-24", moved)},
		{"Dana's 1:1: an action", headDana, addAction("1on1/dana-cruz/2026-11-24", rDana)},
		{"Priya's 1:1: notes", []string{rHead, "", rPriya}, edit("1on1/priya-natarajan/2026-11-24", text(cadence.FieldNotes))},
		{"QBR of Dana's partner: satisfaction", headDana, edit("qbr/acme/2026-Q4", cadence.MeetingEdit{Kind: cadence.EditSatisfaction, Satisfaction: 8})},
		{"pipeline: notes", headSales, edit("pipeline/2026-12-01", text(cadence.FieldNotes))},
		{"pipeline: talking points", []string{rHead, "", rSam, rDana, rPriya}, edit("pipeline/2026-12-01", text(cadence.FieldTalkingPoints))},
		{"pipeline: an action for Dana", headSalesDana, addAction("pipeline/2026-12-01", rDana)},
		{"pipeline: an action for Sam", headSales, addAction("pipeline/2026-12-01", rSam)},
		{"pipeline: Dana edits her action", headSalesDana, actionEdit("pipeline/2026-12-01", rDana, cadence.EditAction, rDana)},
		{"readout: talking points", []string{rHead, "", rAlex}, edit("readout/2026-12-31", text(cadence.FieldTalkingPoints))},
		{"readout: notes", headOnly, edit("readout/2026-12-31", text(cadence.FieldNotes))},
		{"one-off Dana attends: notes", headDana, edit("adhoc/1", text(cadence.FieldNotes))},
		{"add a one-off meeting with Dana", headDana, func(s *Store, a string) error {
			_, err := s.SaveRecord(cfg, a, cadence.MeetingRecord{ID: "adhoc/", Title: "dinner", At: time.Date(2026, 11, 30, 18, 0, 0, 0, time.UTC), Attendees: []string{rDana}})
			return err
		}},
		{"Priya's 1:1: Alex marks his action done", []string{rHead, "", rPriya, rAlex}, actionEdit("1on1/priya-natarajan/2026-11-24", rAlex, cadence.EditActionDone, "")},
		{"readout: Alex edits his action", []string{rHead, "", rAlex}, actionEdit("readout/2026-12-31", rAlex, cadence.EditAction, rAlex)},
		{"QBR: Alex deletes his action", headDana, actionEdit("qbr/acme/2026-Q4", rAlex, cadence.EditDeleteAction, "")},
		{"add a registration for Dana's partner (AddRegistration)", headSalesDana, func(s *Store, a string) error {
			_, err := s.AddRegistration(cfg, a, cadence.Registration{Partner: "Acme", Account: "Initech", Submitted: d("2026-11-20"), Status: cadence.RegSubmitted, Attribution: cadence.Sourced})
			return err
		}},
		{"edit R-1 of Dana's partner (UpdateRegistration)", headSalesDana, func(s *Store, a string) error {
			_, _, err := s.UpdateRegistration(cfg, a, reg(s, "R-1", func(*cadence.Registration) {}), func(r cadence.Registration) cadence.Registration {
				r.Amount = 700
				return r
			})
			return err
		}},
		{"mark R-2 of Priya's partner expired (UpdateRegistration)", []string{rHead, "", rSam, rPriya}, func(s *Store, a string) error {
			_, _, err := s.UpdateRegistration(cfg, a, reg(s, "R-2", func(*cadence.Registration) {}), func(r cadence.Registration) cadence.Registration {
				r.Status, r.Decided, r.Closed = cadence.RegExpired, d("2026-11-20"), d("2026-11-21")
				return r
			})
			return err
		}},
		{"rename Dana's partner", headDana, func(s *Store, a string) error {
			_, err := s.RenamePartner(cfg, a, "Acme", "Acme Cloud")
			return err
		}},
		{"undo a change of Dana's 1:1", headDana, func(s *Store, a string) error {
			rec, _, _ := s.Record("1on1/dana-cruz/2026-11-24")
			return s.UndoMeeting(cfg, a, rec.ID, rec, []cadence.MeetingEdit{{Kind: cadence.EditStatus, Status: cadence.MeetingHeld}})
		}},
		{"Priya's 1:1: whole record saved", []string{rHead, "", rPriya}, func(s *Store, a string) error {
			rec, _, _ := s.Record("1on1/priya-natarajan/2026-11-24")
			rec.Notes = "saved whole"
			_, err := s.SaveRecord(cfg, a, rec)
			return err
		}},
	}
	dir := t.TempDir()
	for i, tt := range tests {
		for j, actor := range roleActors {
			path := filepath.Join(dir, fmt.Sprintf("%d-%d.db", i, j))
			copyFile(t, src, path)
			before, _ := os.ReadFile(path)
			s, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			err = tt.write(s, actor)
			after, _ := os.ReadFile(path)
			may := false
			for _, a := range tt.allowed {
				may = may || a == actor
			}
			switch {
			case may && err != nil:
				t.Errorf("%s by %q: %v, want allowed", tt.name, actor, err)
			case may && bytes.Equal(before, after):
				t.Errorf("%s by %q: allowed, but nothing was written", tt.name, actor)
			case !may && !errors.Is(err, cadence.ErrNotAllowed):
				t.Errorf("%s by %q: %v, want refused (ErrNotAllowed)", tt.name, actor, err)
			case !may && !errors.Is(err, ErrRefused):
				t.Errorf("%s by %q: %v does not wrap ErrRefused", tt.name, actor, err)
			case !may && !bytes.Equal(before, after):
				t.Errorf("%s by %q: refused, but the file changed", tt.name, actor)
			case !may && (!strings.HasPrefix(err.Error(), "only ") || strings.Contains(err.Error(), "\n")):
				t.Errorf("%s by %q: message %q, want one line saying who may", tt.name, actor, err)
			}
			s.Close()
			os.Remove(path)
		}
	}
}

// Deleting a partner asks the role rule inside the delete's transaction:
// the head and its owner may delete it; every other role is refused, and
// the file is left byte for byte as it was.
func TestDeletePartnerAsksTheRule(t *testing.T) {
	cfg := rolesTeamConfig(t)
	src := rolesDB(t, cfg)
	s, err := Open(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SavePartner(cfg, "", cadence.Partner{Name: "Solo", Type: cadence.TypeISV, Tier: 3, Owner: rDana, Status: cadence.PartnerProspect, Joined: d("2026-11-01")}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for j, actor := range roleActors {
		path := filepath.Join(dir, fmt.Sprintf("%d.db", j))
		copyFile(t, src, path)
		before, _ := os.ReadFile(path)
		st, err := Open(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		err = st.DeletePartner(cfg, actor, "Solo")
		_, still, _ := st.Partner("Solo")
		after, _ := os.ReadFile(path)
		switch actor {
		case rHead, "", rDana:
			if err != nil || still {
				t.Errorf("delete by %q: %v (still there: %v), want deleted", actor, err, still)
			}
		default:
			if !errors.Is(err, cadence.ErrNotAllowed) || !errors.Is(err, ErrRefused) {
				t.Errorf("delete by %q: %v, want a refusal", actor, err)
			}
			if !bytes.Equal(before, after) || !still {
				t.Errorf("delete by %q was refused but the file changed", actor)
			}
		}
	}
}
