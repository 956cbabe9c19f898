package cadence

import (
	"errors"
	"strings"
	"testing"
)

// The team of the role tests: one of each role, two partner managers.
const (
	head  = "Jordan Lee"
	dana  = "Dana Cruz"
	priya = "Priya Natarajan"
	sam   = "Sam Ortiz"
	alex  = "Alex Morgan"
)

func rolesConfig(t *testing.T) *Config {
	t.Helper()
	cfg, err := ParseConfig([]byte(`
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

// actors is every kind of actor the rules know: the head, "" (acts as the
// head), both partner managers, sales, exec and someone not on the team.
var actors = []string{head, "", dana, priya, sam, alex, "Pat Doe"}

// checkRule compares err with want: the actors in allowed may, every
// other one is refused with a one-line ErrNotAllowed whose message names
// who may ("only ").
func checkRule(t *testing.T, name string, allowed []string, rule func(actor string) error) {
	t.Helper()
	for _, a := range actors {
		err := rule(a)
		may := false
		for _, ok := range allowed {
			may = may || ok == a
		}
		switch {
		case may && err != nil:
			t.Errorf("%s by %q: refused (%v), want allowed", name, a, err)
		case !may && err == nil:
			t.Errorf("%s by %q: allowed, want refused", name, a)
		case !may:
			if !errors.Is(err, ErrNotAllowed) {
				t.Errorf("%s by %q: %v does not wrap ErrNotAllowed", name, a, err)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "only ") || strings.Contains(msg, "\n") {
				t.Errorf("%s by %q: message %q, want one line starting with \"only \"", name, a, msg)
			}
		}
	}
}

var (
	headOnly    = []string{head, ""}
	headAndDana = []string{head, "", dana}
	headSales   = []string{head, "", sam}
	headSalesD  = []string{head, "", sam, dana}
)

func TestMayChangePartner(t *testing.T) {
	cfg := rolesConfig(t)
	tests := []struct {
		name          string
		change        PartnerChange
		before, after string
		allowed       []string
	}{
		{"add own", PartnerAdd, "", dana, headAndDana},
		{"add for another", PartnerAdd, "", priya, []string{head, "", priya}},
		{"edit own", PartnerEdit, dana, dana, headAndDana},
		{"rename own", PartnerRename, dana, dana, headAndDana},
		{"delete own", PartnerDelete, dana, "", headAndDana},
		{"edit another's", PartnerEdit, priya, priya, []string{head, "", priya}},
		{"give own away", PartnerEdit, dana, priya, headOnly},
		{"take another's", PartnerEdit, priya, dana, headOnly},
		{"give the head's away", PartnerEdit, head, dana, headOnly},
	}
	for _, tt := range tests {
		checkRule(t, tt.name, tt.allowed, func(a string) error {
			return cfg.MayChangePartner(a, tt.change, "Acme Cloud", tt.before, tt.after)
		})
	}
}

func TestMayChangeTouchpoints(t *testing.T) {
	cfg := rolesConfig(t)
	for _, change := range []TouchpointChange{TouchpointLog, TouchpointEdit, TouchpointDelete} {
		checkRule(t, string(change)+" own partner's", headAndDana, func(a string) error {
			return cfg.MayChangeTouchpoints(a, change, "Acme Cloud", dana)
		})
		checkRule(t, string(change)+" ownerless partner's", headOnly, func(a string) error {
			return cfg.MayChangeTouchpoints(a, change, "Acme Cloud", "")
		})
	}
}

func TestMayChangeRegistration(t *testing.T) {
	cfg := rolesConfig(t)
	// R-1 is of Dana's partner Acme, decided by Sam; R-2 of Priya's partner
	// Zeta, decided by Dana.
	acme := RegistrationScope{ID: "R-1", Partner: "Acme", PartnerOwner: dana, Owner: sam, NewPartner: "Acme", NewPartnerOwner: dana, NewOwner: sam}
	zeta := RegistrationScope{ID: "R-2", Partner: "Zeta", PartnerOwner: priya, Owner: dana, NewPartner: "Zeta", NewPartnerOwner: priya, NewOwner: dana}
	added := RegistrationScope{NewPartner: "Acme", NewPartnerOwner: dana, NewOwner: dana}
	tests := []struct {
		name    string
		change  RegistrationChange
		s       RegistrationScope
		allowed []string
	}{
		{"add for own partner", RegistrationAdd, added, headSalesD},
		{"add owned by nobody", RegistrationAdd, RegistrationScope{NewPartner: "Acme", NewPartnerOwner: dana}, headSalesD},
		{"add for another's partner", RegistrationAdd, RegistrationScope{NewPartner: "Zeta", NewPartnerOwner: priya}, []string{head, "", sam, priya}},
		{"add owned by another", RegistrationAdd, RegistrationScope{NewPartner: "Acme", NewPartnerOwner: dana, NewOwner: sam}, headSales},
		{"edit own partner's", RegistrationEdit, acme, headSalesD},
		{"extend own partner's", RegistrationExtend, acme, headSalesD},
		{"won own partner's", RegistrationWon, acme, headSalesD},
		{"lost own partner's", RegistrationLost, acme, headSalesD},
		{"expired own partner's", RegistrationExpired, acme, headSalesD},
		{"approve own partner's owned by sales", RegistrationApprove, acme, headSales},
		{"reject own partner's owned by sales", RegistrationReject, acme, headSales},
		{"approve one she owns of another's partner", RegistrationApprove, zeta, []string{head, "", sam, dana}},
		{"reject one she owns of another's partner", RegistrationReject, zeta, []string{head, "", sam, dana}},
		{"edit another's partner's", RegistrationEdit, zeta, []string{head, "", sam, priya}},
		{"won another's partner's", RegistrationWon, zeta, []string{head, "", sam, priya}},
		{"take another's", RegistrationEdit, func() RegistrationScope { s := acme; s.NewOwner = dana; return s }(), headSales},
		{"give own away", RegistrationEdit, func() RegistrationScope { s := zeta; s.NewOwner = sam; return s }(), headSales},
		{"move to another's partner", RegistrationEdit, func() RegistrationScope { s := acme; s.NewPartner, s.NewPartnerOwner = "Zeta", priya; return s }(), headSales},
	}
	for _, tt := range tests {
		checkRule(t, tt.name, tt.allowed, func(a string) error {
			return cfg.MayChangeRegistration(a, tt.change, tt.s)
		})
	}
}

func TestRegistrationChangeOf(t *testing.T) {
	r := Registration{ID: "R-1", Partner: "Acme", Account: "B", Status: RegApproved, Expires: NewDate(2026, 12, 1)}
	ext, won, ed := r, r, r
	ext.Expires = NewDate(2027, 1, 1)
	won.Status = RegWon
	ed.Amount = 5
	tests := []struct {
		before, after Registration
		want          RegistrationChange
	}{
		{Registration{}, r, RegistrationAdd},
		{r, ext, RegistrationExtend},
		{r, won, RegistrationWon},
		{r, ed, RegistrationEdit},
	}
	for _, tt := range tests {
		if got := RegistrationChangeOf(tt.before, tt.after); got != tt.want {
			t.Errorf("RegistrationChangeOf(%+v, %+v) = %s, want %s", tt.before, tt.after, got, tt.want)
		}
	}
}

var meetingParts = []MeetingPart{PartTalkingPoints, PartNotes, PartStatus, PartTime, PartSatisfaction}

func TestMayChangeMeeting(t *testing.T) {
	cfg := rolesConfig(t)
	noPartner := func(string) (Partner, bool) { return Partner{}, false }
	scope := func(id string, rec MeetingRecord) MeetingScope {
		t.Helper()
		s, err := cfg.MeetingScopeOf(id, func(slug string) (Partner, bool) {
			if slug == "acme" {
				return Partner{Name: "Acme", Owner: dana}, true
			}
			return noPartner(slug)
		}, rec)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	oneOnOne := scope("1on1/dana-cruz/2026-11-25", MeetingRecord{})
	otherOneOnOne := scope("1on1/priya-natarajan/2026-11-24", MeetingRecord{})
	qbr := scope("qbr/acme/2026-Q4", MeetingRecord{})
	pipeline := scope("pipeline/2026-12-01", MeetingRecord{})
	readout := scope("readout/2026-12-31", MeetingRecord{})
	adhoc := scope("adhoc/3", MeetingRecord{Attendees: []string{head, dana, alex}})
	salesAdhoc := scope("adhoc/4", MeetingRecord{Attendees: []string{sam}})
	for _, part := range append(meetingParts, PartAddAction) {
		add := ActionChange{After: ActionItem{Text: "x", Owner: dana}}
		checkRule(t, "1:1 "+string(part), headAndDana, func(a string) error { return cfg.MayChangeMeeting(a, oneOnOne, part, add) })
		checkRule(t, "another's 1:1 "+string(part), []string{head, "", priya}, func(a string) error {
			return cfg.MayChangeMeeting(a, otherOneOnOne, part, add)
		})
		checkRule(t, "QBR of her partner "+string(part), headAndDana, func(a string) error { return cfg.MayChangeMeeting(a, qbr, part, add) })
		checkRule(t, "one-off she attends "+string(part), headAndDana, func(a string) error { return cfg.MayChangeMeeting(a, adhoc, part, add) })
		checkRule(t, "one-off sales attends "+string(part), []string{head, "", sam}, func(a string) error {
			return cfg.MayChangeMeeting(a, salesAdhoc, part, add)
		})
	}
	// A QBR of a partner nobody owns, or of another manager's partner.
	priyas := MeetingScope{ID: "qbr/zeta/2026-Q4", Kind: KindQBR, Partner: "Zeta", PartnerOwner: priya, Title: "the QBR of Zeta"}
	checkRule(t, "QBR of another's partner", []string{head, "", priya}, func(a string) error {
		return cfg.MayChangeMeeting(a, priyas, PartNotes, ActionChange{})
	})
	// The pipeline review: sales all; a partner manager the talking points
	// and actions they own.
	for _, part := range []MeetingPart{PartNotes, PartStatus, PartTime} {
		checkRule(t, "pipeline "+string(part), headSales, func(a string) error { return cfg.MayChangeMeeting(a, pipeline, part, ActionChange{}) })
	}
	checkRule(t, "pipeline talking points", []string{head, "", sam, dana, priya}, func(a string) error {
		return cfg.MayChangeMeeting(a, pipeline, PartTalkingPoints, ActionChange{})
	})
	danas := ActionItem{ID: "A-1", Text: "call", Owner: dana}
	alexs := ActionItem{ID: "A-2", Text: "sign", Owner: alex}
	checkRule(t, "pipeline: add an action for Dana", headSalesD, func(a string) error {
		return cfg.MayChangeMeeting(a, pipeline, PartAddAction, ActionChange{After: danas})
	})
	checkRule(t, "pipeline: edit Dana's action", headSalesD, func(a string) error {
		return cfg.MayChangeMeeting(a, pipeline, PartEditAction, ActionChange{Before: danas, After: danas})
	})
	checkRule(t, "pipeline: delete Dana's action", headSalesD, func(a string) error {
		return cfg.MayChangeMeeting(a, pipeline, PartDeleteAction, ActionChange{Before: danas})
	})
	checkRule(t, "pipeline: Dana gives her action to Sam", headSales, func(a string) error {
		return cfg.MayChangeMeeting(a, pipeline, PartEditAction, ActionChange{Before: danas, After: ActionItem{ID: "A-1", Text: "call", Owner: sam}})
	})
	// The readout: attendees (head, exec) all; an exec only talking points;
	// a partner manager who does not attend nothing.
	checkRule(t, "readout talking points", []string{head, "", alex}, func(a string) error {
		return cfg.MayChangeMeeting(a, readout, PartTalkingPoints, ActionChange{})
	})
	checkRule(t, "readout notes", headOnly, func(a string) error { return cfg.MayChangeMeeting(a, readout, PartNotes, ActionChange{}) })
	// An exec attending a one-off meeting may not change it.
	checkRule(t, "one-off talking points, exec attends", headAndDana, func(a string) error {
		return cfg.MayChangeMeeting(a, adhoc, PartTalkingPoints, ActionChange{})
	})
	// Adding a one-off meeting: only one its maker attends.
	checkRule(t, "add a one-off meeting with Dana", headAndDana, func(a string) error {
		return cfg.MayChangeMeeting(a, scope("adhoc/", MeetingRecord{Attendees: []string{dana}}), PartDetails, ActionChange{})
	})
	// Any action: its owner marks it done and edits it, wherever it is.
	for _, s := range []MeetingScope{otherOneOnOne, readout, pipeline} {
		checkRule(t, s.Title+": Alex marks his action done", append([]string{alex}, adminsOf(s)...), func(a string) error {
			return cfg.MayChangeMeeting(a, s, PartActionDone, ActionChange{Before: alexs, After: alexs})
		})
		checkRule(t, s.Title+": Alex edits his action", append([]string{alex}, adminsOf(s)...), func(a string) error {
			return cfg.MayChangeMeeting(a, s, PartEditAction, ActionChange{Before: alexs, After: alexs})
		})
		gave := alexs
		gave.Owner = dana
		checkRule(t, s.Title+": Alex gives his action away", adminsOf(s), func(a string) error {
			return cfg.MayChangeMeeting(a, s, PartEditAction, ActionChange{Before: alexs, After: gave})
		})
	}
}

// adminsOf returns who may change the actions of s by its own rule.
func adminsOf(s MeetingScope) []string {
	switch s.Kind {
	case KindOneOnOne:
		return []string{head, "", s.Member}
	case KindPipeline:
		return headSales
	}
	return headOnly
}

func TestRefusalMessages(t *testing.T) {
	cfg := rolesConfig(t)
	one, _ := cfg.MeetingScopeOf("1on1/priya-natarajan/2026-11-24", nil, MeetingRecord{})
	tests := []struct {
		err  error
		want string
	}{
		{cfg.MayChangeTouchpoints(priya, TouchpointLog, "Acme Cloud", dana),
			"only the head or Acme Cloud's owner (Dana Cruz) may log touchpoints for Acme Cloud"},
		{cfg.MayChangePartner(dana, PartnerEdit, "Acme Cloud", dana, priya),
			"only the head may give Acme Cloud (Dana Cruz) to Priya Natarajan"},
		{cfg.MayChangePartner(dana, PartnerRename, "Zeta", priya, priya),
			"only the head or Zeta's owner (Priya Natarajan) may rename Zeta"},
		{cfg.MayChangeRegistration(alex, RegistrationApprove, RegistrationScope{ID: "R-7", Partner: "Acme", PartnerOwner: dana, Owner: dana, NewPartner: "Acme", NewPartnerOwner: dana, NewOwner: dana}),
			"only the head, sales or R-7's owner (Dana Cruz) may approve R-7"},
		{cfg.MayChangeMeeting(dana, one, PartNotes, ActionChange{}),
			"only the head or Priya Natarajan may change the notes of the 1:1 with Priya Natarajan of 2026-11-24"},
		{cfg.MayChangePartner(sam, PartnerAdd, "Acme", "", sam),
			"only the head or a partner manager may add partners"},
		{cfg.MayChangePartner(dana, PartnerAdd, "Acme", "", priya),
			"only the head or Priya Natarajan may add a partner owned by Priya Natarajan"},
		{cfg.MayChangePartner("Pat Doe", PartnerAdd, "Acme", "", "Pat Doe"),
			"only team members may change anything, and Pat Doe is not on the team (add them to the config's [[team]])"},
	}
	for _, tt := range tests {
		if tt.err == nil {
			t.Errorf("allowed, want %q", tt.want)
			continue
		}
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("message = %q, want %q", got, tt.want)
		}
	}
}

func TestMeetingPartOf(t *testing.T) {
	stored := MeetingRecord{ID: "pipeline/2026-12-01", Actions: []ActionItem{{ID: "A-1", Text: "call", Owner: dana}}}
	part, act := MeetingPartOf(MeetingEdit{Kind: EditAction, Action: ActionItem{ID: "A-1", Text: "call back", Owner: sam}}, stored)
	if part != PartEditAction || act.Before.Owner != dana || act.After.Owner != sam || act.After.Text != "call back" {
		t.Errorf("edit action: %s %+v", part, act)
	}
	part, act = MeetingPartOf(MeetingEdit{Kind: EditActionDone, Action: ActionItem{ID: "A-1", Done: NewDate(2026, 12, 1)}}, stored)
	if part != PartActionDone || act.Before.Owner != dana || act.After.Done != (NewDate(2026, 12, 1)) {
		t.Errorf("done: %s %+v", part, act)
	}
	if part, _ := MeetingPartOf(MeetingEdit{Kind: EditText, Field: FieldNotes}, stored); part != PartNotes {
		t.Errorf("notes: %s", part)
	}
}
