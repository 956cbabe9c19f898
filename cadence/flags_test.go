package cadence

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// fkConfig is the default config in New York with a small team. Its names
// are prefixed so as not to collide with other test files' helpers.
func fkConfig(t *testing.T) *Config {
	t.Helper()
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatalf("load zone: %v", err)
	}
	c := DefaultConfig()
	c.Timezone, c.Location = "America/New_York", loc
	c.Team = []Member{
		{Name: "Jordan Lee", Role: RoleHead},
		{Name: "Dana Cruz", Role: RolePartnerManager},
		{Name: "Sam Ortiz", Role: RoleSales},
	}
	return c
}

// fkDate is MustDate, short.
func fkDate(s string) Date { return MustDate(s) }

// fkAt reads "2006-01-02 15:04" as New York wall-clock time.
func fkAt(t *testing.T, s string) time.Time {
	t.Helper()
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatalf("load zone: %v", err)
	}
	v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		t.Fatalf("parse %q: %v", s, err)
	}
	return v
}

// fkOfKind keeps the flags of one kind.
func fkOfKind(flags []Flag, kind FlagKind) []Flag {
	var out []Flag
	for _, f := range flags {
		if f.Kind == kind {
			out = append(out, f)
		}
	}
	return out
}

// fkDiff is cmp.Diff that compares Dates by value.
func fkDiff(want, got any, opts ...cmp.Option) string {
	return cmp.Diff(want, got, append(opts, cmpopts.EquateComparable(Date{}))...)
}

// fkIgnoreMessage leaves out the message, and the date the flag counts
// from, which TestFlagDate checks for every kind.
var fkIgnoreMessage = cmpopts.IgnoreFields(Flag{}, "Message", "Date")

func fkPartner(name string, tier int, owner string) Partner {
	return Partner{Name: name, Type: TypeReseller, Tier: tier, Owner: owner, Status: PartnerActive, Joined: fkDate("2025-01-06")}
}

// Monday 2026-11-23, 9:00 in New York.
const fkMonday = "2026-11-23 09:00"

func TestFlagSilentPartner(t *testing.T) {
	cfg := fkConfig(t)
	today := fkDate("2026-11-23")
	tests := []struct {
		name     string
		partner  Partner
		inbound  int // days before today; -1: none
		wantDays int // -1: no flag
	}{
		{"tier 1, 20 days", fkPartner("Northwind", 1, "Dana Cruz"), 20, -1},
		{"tier 1, 21 days", fkPartner("Northwind", 1, "Dana Cruz"), 21, 21},
		{"tier 1, 22 days", fkPartner("Northwind", 1, "Dana Cruz"), 22, 22},
		{"tier 2, 44 days", fkPartner("Contoso", 2, "Dana Cruz"), 44, -1},
		{"tier 2, 45 days", fkPartner("Contoso", 2, "Dana Cruz"), 45, 45},
		{"tier 2, 46 days", fkPartner("Contoso", 2, "Dana Cruz"), 46, 46},
		{"tier 3, 89 days", fkPartner("Fabrikam", 3, "Dana Cruz"), 89, -1},
		{"tier 3, 90 days", fkPartner("Fabrikam", 3, "Dana Cruz"), 90, 90},
		{"tier 3, 91 days", fkPartner("Fabrikam", 3, "Dana Cruz"), 91, 91},
		{"onboarding", func() Partner { p := fkPartner("Northwind", 1, "Dana Cruz"); p.Status = PartnerOnboarding; return p }(), 30, 30},
		{"paused", func() Partner { p := fkPartner("Northwind", 1, "Dana Cruz"); p.Status = PartnerPaused; return p }(), 300, -1},
		{"churned", func() Partner { p := fkPartner("Northwind", 1, "Dana Cruz"); p.Status = PartnerChurned; return p }(), 300, -1},
		{"prospect", func() Partner { p := fkPartner("Northwind", 1, "Dana Cruz"); p.Status = PartnerProspect; return p }(), 300, -1},
		{"bad tier", fkPartner("Northwind", 0, "Dana Cruz"), 300, -1},
		// No inbound touch: counts from joined (2026-11-02 is 21 days back).
		{"never heard, joined 21 days ago", func() Partner { p := fkPartner("Northwind", 1, "Dana Cruz"); p.Joined = fkDate("2026-11-02"); return p }(), -1, 21},
		{"never heard, joined 20 days ago", func() Partner { p := fkPartner("Northwind", 1, "Dana Cruz"); p.Joined = fkDate("2026-11-03"); return p }(), -1, -1},
		{"never heard, no joined date", func() Partner { p := fkPartner("Northwind", 1, "Dana Cruz"); p.Joined = Date{}; return p }(), -1, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pa := PartnerActivity{Partner: tt.partner}
			if tt.inbound >= 0 {
				pa.LastInbound = today.AddDays(-tt.inbound)
			}
			got := fkOfKind(Flags(FlagInput{Now: fkAt(t, fkMonday), Config: cfg, Partners: []PartnerActivity{pa}}), FlagSilentPartner)
			var want []Flag
			if tt.wantDays >= 0 {
				want = []Flag{{Kind: FlagSilentPartner, Partner: tt.partner.Name, Owner: "Dana Cruz", Ref: tt.partner.Slug(), Days: tt.wantDays}}
			}
			if diff := fkDiff(want, got, fkIgnoreMessage); diff != "" {
				t.Errorf("flags (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFlagSilentPartnerMessageAndThreshold(t *testing.T) {
	cfg := fkConfig(t)
	p := fkPartner("Northwind Traders", 1, "")
	p.Contact = "Ana Silva"
	in := FlagInput{Now: fkAt(t, fkMonday), Config: cfg, Partners: []PartnerActivity{{Partner: p, LastInbound: fkDate("2026-10-31")}}}
	got := fkOfKind(Flags(in), FlagSilentPartner)
	want := []Flag{{
		Kind: FlagSilentPartner, Partner: "Northwind Traders", Owner: "Jordan Lee", Ref: "northwind-traders", Days: 23, Date: fkDate("2026-10-31"),
		Message: "Northwind Traders (tier 1) has been silent for 23 days since its last inbound touch on 2026-10-31 (tier 1 threshold: 21 days): reach out to Ana Silva at Northwind Traders.",
	}}
	if diff := fkDiff(want, got); diff != "" {
		t.Errorf("flags (-want +got):\n%s", diff)
	}

	// A configured threshold of 0 turns the tier's flag off.
	cfg.Flags.SilentAfterDays[1] = 0
	if got := fkOfKind(Flags(in), FlagSilentPartner); len(got) != 0 {
		t.Errorf("threshold 0 still flags: %v", got)
	}
}

func TestFlagRegistrationOverdue(t *testing.T) {
	tests := []struct {
		name      string
		submitted string
		now       string
		holidays  []string
		wantDays  int // -1: no flag
	}{
		// Submitted Monday, SLA 3: Thursday is the third business day, Friday the fourth.
		{"Mon → Thu", "2026-11-02", "2026-11-05 17:00", nil, -1},
		{"Mon → Fri", "2026-11-02", "2026-11-06 08:00", nil, 4},
		{"Mon → next Mon", "2026-11-02", "2026-11-09 08:00", nil, 5},
		{"same day", "2026-11-02", "2026-11-02 18:00", nil, -1},
		// Thursday evening in New York is already Friday in UTC.
		{"Mon → Thu 21:00 New York", "2026-11-02", "2026-11-05 21:00", nil, -1},
		// Submitted Friday: the weekend does not count.
		{"Fri → Sat", "2026-11-06", "2026-11-07 12:00", nil, -1},
		{"Fri → Sun", "2026-11-06", "2026-11-08 12:00", nil, -1},
		{"Fri → Wed", "2026-11-06", "2026-11-11 12:00", nil, -1},
		{"Fri → Thu", "2026-11-06", "2026-11-12 12:00", nil, 4},
		// Submitted Thursday, weekend inside the window.
		{"Thu → Tue", "2026-11-05", "2026-11-10 12:00", nil, -1},
		{"Thu → Wed", "2026-11-05", "2026-11-11 12:00", nil, 4},
		// Thanksgiving inside the window.
		{"Mon → Fri over Thanksgiving", "2026-11-23", "2026-11-27 12:00", []string{"2026-11-26"}, -1},
		{"Mon → Mon over Thanksgiving", "2026-11-23", "2026-11-30 12:00", []string{"2026-11-26"}, 4},
		{"holiday on the submitted day", "2026-11-26", "2026-12-01 12:00", []string{"2026-11-26"}, -1},
		{"holiday on a Saturday counts once", "2026-11-05", "2026-11-11 12:00", []string{"2026-11-07"}, 4},
		{"holiday after today", "2026-11-02", "2026-11-06 12:00", []string{"2026-11-09"}, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := fkConfig(t)
			cfg.Holidays = Holidays{}
			for _, h := range tt.holidays {
				cfg.Holidays[fkDate(h)] = true
			}
			r := Registration{ID: "R-12", Partner: "Northwind", Account: "Acme Corp", Amount: 48000,
				Submitted: fkDate(tt.submitted), Status: RegSubmitted, Attribution: Sourced, Owner: "Sam Ortiz"}
			in := FlagInput{Now: fkAt(t, tt.now), Config: cfg, Open: []Registration{r}}
			got := fkOfKind(Flags(in), FlagRegistrationOverdue)
			var want []Flag
			if tt.wantDays >= 0 {
				want = []Flag{{Kind: FlagRegistrationOverdue, Partner: "Northwind", Owner: "Sam Ortiz", Ref: "R-12", Days: tt.wantDays}}
			}
			if diff := fkDiff(want, got, fkIgnoreMessage); diff != "" {
				t.Errorf("flags (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFlagRegistrationMessage(t *testing.T) {
	cfg := fkConfig(t)
	in := FlagInput{
		Now: fkAt(t, fkMonday), Config: cfg,
		Partners: []PartnerActivity{{Partner: fkPartner("Northwind", 2, "Dana Cruz"), LastInbound: fkDate("2026-11-16")}},
		Open: []Registration{{ID: "R-12", Partner: "northwind", Account: "Acme Corp", Amount: 48000,
			Submitted: fkDate("2026-11-16"), Status: RegSubmitted, Attribution: Sourced}},
	}
	got := fkOfKind(Flags(in), FlagRegistrationOverdue)
	want := []Flag{{
		Kind: FlagRegistrationOverdue, Partner: "Northwind", Owner: "Dana Cruz", Ref: "R-12", Days: 5, Date: fkDate("2026-11-16"),
		Message: "Northwind's registration R-12 for Acme Corp ($48,000) has waited 5 business days for a decision since 2026-11-16 (SLA: 3): approve or reject it.",
	}}
	if diff := fkDiff(want, got); diff != "" {
		t.Errorf("flags (-want +got):\n%s", diff)
	}

	cfg.Currency = "CHF"
	if got := fkOfKind(Flags(in), FlagRegistrationOverdue); len(got) != 1 || !strings.Contains(got[0].Message, "(48,000 CHF)") {
		t.Errorf("CHF message: %v", got)
	}
}

func TestFlagRegistrationExpiry(t *testing.T) {
	cfg := fkConfig(t) // warning 14 days, protection 90 days
	tests := []struct {
		name     string
		decided  string
		expires  string
		status   RegStatus
		wantKind FlagKind // "": no flag
		wantDays int
		wantText string
	}{
		{"15 days left", "2026-09-01", "2026-12-08", RegApproved, "", 0, ""},
		{"14 days left", "2026-09-01", "2026-12-07", RegApproved, FlagRegistrationExpiring, 14, "in 14 days (2026-12-07)"},
		{"1 day left", "2026-09-01", "2026-11-24", RegApproved, FlagRegistrationExpiring, 1, "in 1 day (2026-11-24)"},
		{"expires today", "2026-09-01", "2026-11-23", RegApproved, FlagRegistrationExpiring, 0, "today (2026-11-23)"},
		{"expired yesterday", "2026-09-01", "2026-11-22", RegApproved, FlagRegistrationLapsed, 1, "1 day ago (2026-11-22)"},
		{"expired long ago", "2026-01-01", "2026-03-01", RegApproved, FlagRegistrationLapsed, 267, "267 days ago (2026-03-01)"},
		// No expires: decided + 90 days.
		{"default protection ends today", "2026-08-25", "", RegApproved, FlagRegistrationExpiring, 0, "today"},
		{"default protection ended yesterday", "2026-08-24", "", RegApproved, FlagRegistrationLapsed, 1, "1 day ago"},
		{"default protection, 15 days left", "2026-09-09", "", RegApproved, "", 0, ""},
		{"no decided, no expires", "", "", RegApproved, "", 0, ""},
		{"submitted with an old expires", "", "2026-01-01", RegSubmitted, "", 0, ""},
		{"won is not open", "2026-09-01", "2026-11-24", RegWon, "", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Registration{ID: "R-7", Partner: "Contoso", Account: "Tailspin", Amount: 1000,
				Submitted: fkDate("2026-08-20"), Status: tt.status, Attribution: Influenced}
			if tt.decided != "" {
				r.Decided = fkDate(tt.decided)
			}
			if tt.expires != "" {
				r.Expires = fkDate(tt.expires)
			}
			// Submitted with an old date would be overdue: look at expiry only.
			var got []Flag
			for _, f := range Flags(FlagInput{Now: fkAt(t, fkMonday), Config: cfg, Open: []Registration{r}}) {
				if f.Kind == FlagRegistrationExpiring || f.Kind == FlagRegistrationLapsed {
					got = append(got, f)
				}
			}
			var want []Flag
			if tt.wantKind != "" {
				// Contoso is not among the partners and the registration has no owner: the head owns it.
				want = []Flag{{Kind: tt.wantKind, Partner: "Contoso", Owner: "Jordan Lee", Ref: "R-7", Days: tt.wantDays}}
			}
			if diff := fkDiff(want, got, fkIgnoreMessage); diff != "" {
				t.Fatalf("flags (-want +got):\n%s", diff)
			}
			if len(got) == 1 && !strings.Contains(got[0].Message, tt.wantText) {
				t.Errorf("message %q does not contain %q", got[0].Message, tt.wantText)
			}
		})
	}
}

func TestFlagRegistrationConflict(t *testing.T) {
	cfg := fkConfig(t)
	partners := []PartnerActivity{
		{Partner: fkPartner("Northwind", 2, "Dana Cruz"), LastInbound: fkDate("2026-11-20")},
		{Partner: fkPartner("Contoso", 2, "Dana Cruz"), LastInbound: fkDate("2026-11-20")},
	}
	reg := func(id, partner, account string, st RegStatus) Registration {
		return Registration{ID: id, Partner: partner, Account: account, Amount: 5000, Submitted: fkDate("2026-11-20"),
			Decided: fkDate("2026-11-20"), Status: st, Attribution: Sourced, Owner: "Sam Ortiz"}
	}
	conflict := func(id, partner string) Flag {
		return Flag{Kind: FlagRegistrationConflict, Partner: partner, Owner: "Sam Ortiz", Ref: id}
	}
	tests := []struct {
		name string
		open []Registration
		want []Flag
	}{
		{
			"two partners, account spelled differently",
			[]Registration{reg("R-1", "Northwind", "Acme Corp", RegSubmitted), reg("R-2", "CONTOSO", "  acme   CORP ", RegApproved)},
			[]Flag{conflict("R-1", "Northwind"), conflict("R-2", "Contoso")},
		},
		{
			"same partner twice",
			[]Registration{reg("R-1", "Northwind", "Acme Corp", RegSubmitted), reg("R-2", "northwind ", "ACME CORP", RegApproved)},
			nil,
		},
		{
			"same partner twice and another: all three",
			[]Registration{reg("R-1", "Northwind", "Acme Corp", RegSubmitted), reg("R-2", "Northwind", "Acme Corp", RegApproved), reg("R-3", "Contoso", "Acme Corp", RegSubmitted)},
			[]Flag{conflict("R-1", "Northwind"), conflict("R-2", "Northwind"), conflict("R-3", "Contoso")},
		},
		{
			"different accounts",
			[]Registration{reg("R-1", "Northwind", "Acme Corp", RegSubmitted), reg("R-2", "Contoso", "Acme Corporation", RegSubmitted)},
			nil,
		},
		{
			"a closed registration does not conflict",
			[]Registration{reg("R-1", "Northwind", "Acme Corp", RegSubmitted), reg("R-2", "Contoso", "Acme Corp", RegWon), reg("R-3", "Contoso", "Acme Corp", RegRejected)},
			nil,
		},
		{
			"no account never conflicts",
			[]Registration{reg("R-1", "Northwind", " ", RegSubmitted), reg("R-2", "Contoso", "", RegSubmitted)},
			nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fkOfKind(Flags(FlagInput{Now: fkAt(t, fkMonday), Config: cfg, Partners: partners, Open: tt.open}), FlagRegistrationConflict)
			if diff := fkDiff(tt.want, got, fkIgnoreMessage); diff != "" {
				t.Errorf("flags (-want +got):\n%s", diff)
			}
		})
	}

	// The message names the other side.
	got := fkOfKind(Flags(FlagInput{Now: fkAt(t, fkMonday), Config: cfg, Partners: partners,
		Open: []Registration{reg("R-1", "Northwind", "Acme Corp", RegSubmitted), reg("R-2", "Contoso", "Acme Corp", RegApproved)}}), FlagRegistrationConflict)
	want := "Northwind's registration R-1 for Acme Corp ($5,000, submitted) clashes with Contoso (R-2, approved): decide which partner owns the deal."
	if len(got) != 2 || got[0].Message != want || got[0].Days != 0 {
		t.Errorf("conflict flags = %+v, want first message %q", got, want)
	}
}

func TestFlagIntroUnregistered(t *testing.T) {
	cfg := fkConfig(t) // intro_registration_days 7
	partners := []PartnerActivity{{Partner: fkPartner("Northwind", 2, "Dana Cruz"), LastInbound: fkDate("2026-11-20")}}
	intro := func(partner, account, date string) Intro {
		return Intro{Partner: partner, Account: account, Date: fkDate(date), By: "Dana Cruz"}
	}
	flag := func(days int) Flag {
		return Flag{Kind: FlagIntroUnregistered, Partner: "Northwind", Owner: "Dana Cruz", Ref: "northwind/acme-corp", Days: days}
	}
	tests := []struct {
		name   string
		intros []Intro
		open   []Registration
		want   []Flag
	}{
		{"6 days", []Intro{intro("Northwind", "Acme Corp", "2026-11-17")}, nil, nil},
		{"7 days", []Intro{intro("Northwind", "Acme Corp", "2026-11-16")}, nil, nil},
		{"8 days", []Intro{intro("Northwind", "Acme Corp", "2026-11-15")}, nil, []Flag{flag(8)}},
		{"partner name as stored", []Intro{intro("NORTHWIND", "Acme Corp", "2026-11-15")}, nil, []Flag{flag(8)}},
		{
			"answered by the partner's registration",
			[]Intro{intro("Northwind", "Acme Corp", "2026-11-01")},
			[]Registration{{ID: "R-1", Partner: "northwind", Account: "ACME  corp", Status: RegSubmitted, Submitted: fkDate("2026-11-20")}},
			nil,
		},
		{
			"another partner's registration does not answer it",
			[]Intro{intro("Northwind", "Acme Corp", "2026-11-01")},
			[]Registration{{ID: "R-1", Partner: "Contoso", Account: "Acme Corp", Status: RegSubmitted, Submitted: fkDate("2026-11-20")}},
			[]Flag{flag(22)},
		},
		{
			"two intros with the same ref: one flag, the latest",
			[]Intro{intro("Northwind", "Acme Corp", "2026-11-10"), intro("Northwind", "Acme Corp.", "2026-11-01"), intro("Northwind", "ACME corp", "2026-11-12")},
			nil,
			[]Flag{flag(11)},
		},
		// DESIGN §4: an intro older than 7 days and not older than 90
		// (intro_lookback_days) is flagged. Monday 2026-11-23 less 90 days
		// is 2026-08-25, the lookback's first day.
		{"on the lookback's first day", []Intro{intro("Northwind", "Acme Corp", "2026-08-25")}, nil, []Flag{flag(90)}},
		{"the day before the lookback", []Intro{intro("Northwind", "Acme Corp", "2026-08-24")}, nil, nil},
		{
			"introduced again inside the lookback, the first outside it",
			[]Intro{intro("Northwind", "Acme Corp", "2026-06-01"), intro("Northwind", "Acme Corp", "2026-10-01")},
			nil,
			[]Flag{flag(53)},
		},
		{
			"introduced again on the lookback's first day, the first the day before",
			[]Intro{intro("Northwind", "Acme Corp", "2026-08-24"), intro("Northwind", "Acme Corp", "2026-08-25")},
			nil,
			[]Flag{flag(90)},
		},
		{
			"introduced again too recently: the earlier intro of the window counts",
			[]Intro{intro("Northwind", "Acme Corp", "2026-11-01"), intro("Northwind", "Acme Corp", "2026-11-20")},
			nil,
			[]Flag{flag(22)},
		},
		{
			"introduced again too recently, the first outside the lookback",
			[]Intro{intro("Northwind", "Acme Corp", "2026-06-01"), intro("Northwind", "Acme Corp", "2026-11-20")},
			nil,
			nil,
		},
		{
			"introduced again, both answered by the partner's registration",
			[]Intro{intro("Northwind", "Acme Corp", "2026-06-01"), intro("Northwind", "Acme Corp", "2026-10-01")},
			[]Registration{{ID: "R-1", Partner: "Northwind", Account: "Acme Corp", Status: RegApproved, Submitted: fkDate("2026-09-01")}},
			nil,
		},
		{"no date", []Intro{{Partner: "Northwind", Account: "Acme Corp"}}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fkOfKind(Flags(FlagInput{Now: fkAt(t, fkMonday), Config: cfg, Partners: partners, Intros: tt.intros, Open: tt.open}), FlagIntroUnregistered)
			if diff := fkDiff(tt.want, got, fkIgnoreMessage); diff != "" {
				t.Errorf("flags (-want +got):\n%s", diff)
			}
		})
	}

	got := fkOfKind(Flags(FlagInput{Now: fkAt(t, fkMonday), Config: cfg, Partners: partners,
		Intros: []Intro{intro("Northwind", "Acme Corp", "2026-11-15")}}), FlagIntroUnregistered)
	want := "Northwind introduced Acme Corp 8 days ago (2026-11-15, logged by Dana Cruz) and there is no registration for it: ask Northwind to register the deal."
	if len(got) != 1 || got[0].Message != want {
		t.Errorf("intro flags = %+v, want message %q", got, want)
	}

	// A re-introduction's flag shows its own date and who logged it.
	again := intro("Northwind", "Acme Corp", "2026-10-01")
	again.By = "Jordan Lee"
	got = fkOfKind(Flags(FlagInput{Now: fkAt(t, fkMonday), Config: cfg, Partners: partners,
		Intros: []Intro{intro("Northwind", "Acme Corp", "2026-06-01"), again}}), FlagIntroUnregistered)
	want = "Northwind introduced Acme Corp 53 days ago (2026-10-01, logged by Jordan Lee) and there is no registration for it: ask Northwind to register the deal."
	if len(got) != 1 || got[0].Message != want || got[0].Date != fkDate("2026-10-01") {
		t.Errorf("re-introduction flags = %+v, want message %q dated 2026-10-01", got, want)
	}
}

func TestFlagActionOverdue(t *testing.T) {
	cfg := fkConfig(t)
	partners := []PartnerActivity{{Partner: fkPartner("Northwind", 2, "Dana Cruz"), LastInbound: fkDate("2026-11-20")}}
	act := func(id, owner, due, done, meeting string) ActionItem {
		a := ActionItem{ID: id, Text: "Send the MDF plan", Owner: owner, Meeting: meeting}
		if due != "" {
			a.Due = fkDate(due)
		}
		if done != "" {
			a.Done = fkDate(done)
		}
		return a
	}
	tests := []struct {
		name   string
		action ActionItem
		want   []Flag
	}{
		{"due yesterday", act("A-1", "Dana Cruz", "2026-11-22", "", "1on1/dana-cruz/2026-11-17"),
			[]Flag{{Kind: FlagActionOverdue, Owner: "Dana Cruz", Ref: "A-1", Days: 1}}},
		{"due today", act("A-1", "Dana Cruz", "2026-11-23", "", ""), nil},
		{"due tomorrow", act("A-1", "Dana Cruz", "2026-11-24", "", ""), nil},
		{"done", act("A-1", "Dana Cruz", "2026-11-01", "2026-11-20", ""), nil},
		{"no due date", act("A-1", "Dana Cruz", "", "", ""), nil},
		{"from a QBR: carries the partner", act("A-2", "Sam Ortiz", "2026-11-13", "", "qbr/northwind/2026-Q4"),
			[]Flag{{Kind: FlagActionOverdue, Partner: "Northwind", Owner: "Sam Ortiz", Ref: "A-2", Days: 10}}},
		{"from a QBR of an unknown partner", act("A-2", "Sam Ortiz", "2026-11-13", "", "qbr/zzz/2026-Q4"),
			[]Flag{{Kind: FlagActionOverdue, Owner: "Sam Ortiz", Ref: "A-2", Days: 10}}},
		{"no owner: the head", act("A-3", "", "2026-11-20", "", ""),
			[]Flag{{Kind: FlagActionOverdue, Owner: "Jordan Lee", Ref: "A-3", Days: 3}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fkOfKind(Flags(FlagInput{Now: fkAt(t, fkMonday), Config: cfg, Partners: partners, Actions: []ActionItem{tt.action}}), FlagActionOverdue)
			if diff := fkDiff(tt.want, got, fkIgnoreMessage); diff != "" {
				t.Errorf("flags (-want +got):\n%s", diff)
			}
		})
	}

	got := fkOfKind(Flags(FlagInput{Now: fkAt(t, fkMonday), Config: cfg,
		Actions: []ActionItem{act("A-1", "Dana Cruz", "2026-11-22", "", "1on1/dana-cruz/2026-11-17")}}), FlagActionOverdue)
	want := `Dana Cruz's action "Send the MDF plan" from 1on1/dana-cruz/2026-11-17 was due 2026-11-22 (1 day ago): do it, or agree a new date.`
	if len(got) != 1 || got[0].Message != want {
		t.Errorf("action flags = %+v, want message %q", got, want)
	}
	// With no head either, nobody owns it and the message still reads.
	cfg.Team = nil
	got = fkOfKind(Flags(FlagInput{Now: fkAt(t, fkMonday), Config: cfg, Actions: []ActionItem{act("A-3", "", "2026-11-20", "", "")}}), FlagActionOverdue)
	want = `An action "Send the MDF plan" was due 2026-11-20 (3 days ago): do it, or agree a new date.`
	if len(got) != 1 || got[0].Message != want || got[0].Owner != "" {
		t.Errorf("ownerless action flags = %+v, want message %q", got, want)
	}
}

func TestFlagRegistrationOwner(t *testing.T) {
	cfg := fkConfig(t)
	partners := []PartnerActivity{
		{Partner: fkPartner("Northwind", 2, "Dana Cruz"), LastInbound: fkDate("2026-11-20")},
		{Partner: fkPartner("Contoso", 2, ""), LastInbound: fkDate("2026-11-20")},
	}
	tests := []struct {
		name, partner, owner, want string
	}{
		{"registration's owner", "Northwind", "Sam Ortiz", "Sam Ortiz"},
		{"else the partner's owner", "Northwind", "", "Dana Cruz"},
		{"else the head", "Contoso", "", "Jordan Lee"},
		{"unknown partner", "Litware", "", "Jordan Lee"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Registration{ID: "R-1", Partner: tt.partner, Account: "Acme", Submitted: fkDate("2026-11-02"), Status: RegSubmitted, Owner: tt.owner}
			got := fkOfKind(Flags(FlagInput{Now: fkAt(t, fkMonday), Config: cfg, Partners: partners, Open: []Registration{r}}), FlagRegistrationOverdue)
			if len(got) != 1 || got[0].Owner != tt.want {
				t.Errorf("flags = %+v, want owner %q", got, tt.want)
			}
		})
	}
}

// The meeting cadence of fkConfig around Monday 2026-11-23 (lookback 28:
// 2026-10-26 … 2026-11-23): Dana Cruz's 1:1s on Tuesdays at 10:00 (10-27,
// 11-03, 11-10, 11-17), the pipeline review on the first Tuesday at 15:00
// (11-03), the Q3 readout on the last Thursday of October at 16:00 (10-29),
// and Northwind's Q4 QBR, due by 11-11 (the window's last day).
func TestFlagMeetingMissed(t *testing.T) {
	nw := fkPartner("Northwind", 1, "Dana Cruz")
	partners := []PartnerActivity{{Partner: nw, LastInbound: fkDate("2026-11-20")}}
	missed := func(ref, owner, partner string, days int) Flag {
		return Flag{Kind: FlagMeetingMissed, Partner: partner, Owner: owner, Ref: ref, Days: days}
	}
	all := []Flag{
		missed("1on1/dana-cruz/2026-10-27", "Dana Cruz", "", 27),
		missed("readout/2026-10-29", "Jordan Lee", "", 25),
		missed("1on1/dana-cruz/2026-11-03", "Dana Cruz", "", 20),
		missed("pipeline/2026-11-03", "Jordan Lee", "", 20),
		missed("qbr/northwind/2026-Q4", "Dana Cruz", "Northwind", 12),
		missed("1on1/dana-cruz/2026-11-10", "Dana Cruz", "", 13),
		missed("1on1/dana-cruz/2026-11-17", "Dana Cruz", "", 6),
	}
	without := func(refs ...string) []Flag {
		var out []Flag
	next:
		for _, f := range all {
			for _, r := range refs {
				if strings.Contains(f.Ref, r) {
					continue next
				}
			}
			out = append(out, f)
		}
		return out
	}
	rec := func(id string, st MeetingStatus) MeetingRecord { return MeetingRecord{ID: id, Status: st} }
	tests := []struct {
		name     string
		now      string
		start    string
		lookback int // 0: the default 28
		records  []MeetingRecord
		want     []Flag
	}{
		{"no records", fkMonday, "", 0, nil, all},
		{"start excludes earlier dates", fkMonday, "2026-11-10", 0, nil, without("10-27", "10-29", "11-03")},
		{"start on the QBR's last day", fkMonday, "2026-11-11", 0, nil, without("10-27", "10-29", "11-03", "2026-11-10")},
		{"start after today", fkMonday, "2026-11-24", 0, nil, nil},
		{"held, skipped and cancelled are settled", fkMonday, "", 0, []MeetingRecord{
			rec("1on1/dana-cruz/2026-11-17", MeetingHeld),
			rec("pipeline/2026-11-03", MeetingSkipped),
			rec("readout/2026-10-29", MeetingCancelled),
			rec("qbr/northwind/2026-Q4", MeetingHeld),
		}, without("11-17", "pipeline", "readout", "qbr")},
		{"a record that only says scheduled", fkMonday, "", 0, []MeetingRecord{
			rec("1on1/dana-cruz/2026-11-17", MeetingScheduled), rec("1on1/dana-cruz/2026-11-10", ""),
		}, all},
		// Tuesday 2026-11-24 12:00: 10-27 is exactly 28 days back.
		{"lookback 28: 28 days back is in", "2026-11-24 12:00", "", 0, nil, []Flag{
			missed("1on1/dana-cruz/2026-10-27", "Dana Cruz", "", 28),
			missed("readout/2026-10-29", "Jordan Lee", "", 26),
			missed("1on1/dana-cruz/2026-11-03", "Dana Cruz", "", 21),
			missed("pipeline/2026-11-03", "Jordan Lee", "", 21),
			missed("qbr/northwind/2026-Q4", "Dana Cruz", "Northwind", 13),
			missed("1on1/dana-cruz/2026-11-10", "Dana Cruz", "", 14),
			missed("1on1/dana-cruz/2026-11-17", "Dana Cruz", "", 7),
			missed("1on1/dana-cruz/2026-11-24", "Dana Cruz", "", 0),
		}},
		{"lookback 28: 29 days back is out", "2026-11-25 12:00", "", 0, nil, []Flag{
			missed("readout/2026-10-29", "Jordan Lee", "", 27),
			missed("1on1/dana-cruz/2026-11-03", "Dana Cruz", "", 22),
			missed("pipeline/2026-11-03", "Jordan Lee", "", 22),
			missed("qbr/northwind/2026-Q4", "Dana Cruz", "Northwind", 14),
			missed("1on1/dana-cruz/2026-11-10", "Dana Cruz", "", 15),
			missed("1on1/dana-cruz/2026-11-17", "Dana Cruz", "", 8),
			missed("1on1/dana-cruz/2026-11-24", "Dana Cruz", "", 1),
		}},
		{"lookback 7", fkMonday, "", 7, nil, []Flag{missed("1on1/dana-cruz/2026-11-17", "Dana Cruz", "", 6)}},
		// Today's 1:1 runs 10:00–10:30: it is missed from its end on.
		{"today's 1:1 before its end", "2026-11-24 10:29", "2026-11-24", 0, nil, nil},
		{"today's 1:1 at its end", "2026-11-24 10:30", "2026-11-24", 0, nil, []Flag{missed("1on1/dana-cruz/2026-11-24", "Dana Cruz", "", 0)}},
		// Moved: the new date counts, and a move into the future is not missed yet.
		{"moved to tomorrow", fkMonday, "2026-11-12", 0, []MeetingRecord{
			{ID: "1on1/dana-cruz/2026-11-17", Status: MeetingScheduled, At: fkAt(t, "2026-11-24 14:00")},
		}, nil},
		{"moved to later today", fkMonday, "2026-11-12", 0, []MeetingRecord{
			{ID: "1on1/dana-cruz/2026-11-17", At: fkAt(t, "2026-11-23 15:00")},
		}, nil},
		{"moved to last Friday", fkMonday, "2026-11-12", 0, []MeetingRecord{
			{ID: "1on1/dana-cruz/2026-11-17", At: fkAt(t, "2026-11-20 15:00")},
		}, []Flag{missed("1on1/dana-cruz/2026-11-17", "Dana Cruz", "", 3)}},
		{"moved before start", fkMonday, "2026-11-12", 0, []MeetingRecord{
			{ID: "1on1/dana-cruz/2026-11-17", At: fkAt(t, "2026-11-11 15:00")},
		}, nil},
		{"one-off meetings are never missed", fkMonday, "2026-11-18", 0, []MeetingRecord{
			{ID: "adhoc/1", Title: "Offsite", At: fkAt(t, "2026-11-20 09:00")},
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := fkConfig(t)
			if tt.start != "" {
				cfg.Start = fkDate(tt.start)
			}
			if tt.lookback != 0 {
				cfg.Flags.MissedLookbackDays = tt.lookback
			}
			records := map[string]MeetingRecord{}
			for _, r := range tt.records {
				records[r.ID] = r
			}
			got := fkOfKind(Flags(FlagInput{Now: fkAt(t, tt.now), Config: cfg, Partners: partners, Records: records}), FlagMeetingMissed)
			want := fkSorted(tt.want)
			if diff := fkDiff(want, got, fkIgnoreMessage); diff != "" {
				t.Errorf("flags (-want +got):\n%s", diff)
			}
		})
	}
}

// FlagInput.Series limits the missed meetings to the series it names, and
// a record of another series does not bring its meeting back.
func TestFlagMeetingMissedSeries(t *testing.T) {
	partners := []PartnerActivity{{Partner: fkPartner("Northwind", 1, "Dana Cruz"), LastInbound: fkDate("2026-11-20")}}
	refs := func(flags []Flag) []string {
		var out []string
		for _, f := range flags {
			out = append(out, f.Ref)
		}
		slices.Sort(out)
		return out
	}
	moved := map[string]MeetingRecord{ // the pipeline review moved to last Friday, not held
		"pipeline/2026-11-03": {ID: "pipeline/2026-11-03", Status: MeetingScheduled, At: fkAt(t, "2026-11-20 15:00")},
	}
	for _, tt := range []struct {
		series []string
		want   []string
	}{
		{nil, []string{"1on1/dana-cruz/2026-10-27", "1on1/dana-cruz/2026-11-03", "1on1/dana-cruz/2026-11-10",
			"1on1/dana-cruz/2026-11-17", "pipeline/2026-11-03", "qbr/northwind/2026-Q4", "readout/2026-10-29"}},
		{[]string{"1on1/dana-cruz"}, []string{"1on1/dana-cruz/2026-10-27", "1on1/dana-cruz/2026-11-03",
			"1on1/dana-cruz/2026-11-10", "1on1/dana-cruz/2026-11-17"}},
		{[]string{"qbr/northwind", "readout"}, []string{"qbr/northwind/2026-Q4", "readout/2026-10-29"}},
		{[]string{"1on1/priya-natarajan"}, nil},
	} {
		in := FlagInput{Now: fkAt(t, fkMonday), Config: fkConfig(t), Partners: partners, Records: moved, Series: tt.series}
		if diff := cmp.Diff(tt.want, refs(fkOfKind(Flags(in), FlagMeetingMissed))); diff != "" {
			t.Errorf("series %v: missed (-want +got):\n%s", tt.series, diff)
		}
	}
}

func fkSorted(flags []Flag) []Flag {
	out := append([]Flag(nil), flags...)
	SortFlags(out)
	return out
}

// Northwind's Q4 QBR window is 2026-10-01 … 2026-11-11: unscheduled, it is
// missed from midnight at the end of 11-11, New York time.
func TestFlagMeetingMissedQBRWindow(t *testing.T) {
	partners := []PartnerActivity{{Partner: fkPartner("Northwind", 1, "Dana Cruz"), LastInbound: fkDate("2026-11-10")}}
	tests := []struct {
		name    string
		now     string
		records []MeetingRecord
		want    []Flag
		text    string
	}{
		{"last minute of the window", "2026-11-11 23:59", nil, nil, ""},
		{"window over", "2026-11-12 00:00", nil,
			[]Flag{{Kind: FlagMeetingMissed, Partner: "Northwind", Owner: "Dana Cruz", Ref: "qbr/northwind/2026-Q4", Days: 1}},
			"QBR: Northwind (2026-Q4) was due by 2026-11-11 (1 day ago) and was never scheduled or held: schedule it, or mark it skipped or cancelled."},
		{"28 days after the window", "2026-12-09 08:00", nil,
			[]Flag{{Kind: FlagMeetingMissed, Partner: "Northwind", Owner: "Dana Cruz", Ref: "qbr/northwind/2026-Q4", Days: 28}}, ""},
		{"29 days after the window", "2026-12-10 08:00", nil, nil, ""},
		{"scheduled inside the window, not held", "2026-11-12 00:00", []MeetingRecord{
			{ID: "qbr/northwind/2026-Q4", Status: MeetingScheduled, At: fkAt(t, "2026-11-05 14:00")},
		}, []Flag{{Kind: FlagMeetingMissed, Partner: "Northwind", Owner: "Dana Cruz", Ref: "qbr/northwind/2026-Q4", Days: 7}},
			"QBR: Northwind (2026-Q4) on Thu 2026-11-05 (7 days ago) has no record of being held: mark it held, skipped or cancelled, or reschedule it."},
		{"scheduled after now", "2026-11-12 00:00", []MeetingRecord{
			{ID: "qbr/northwind/2026-Q4", Status: MeetingScheduled, At: fkAt(t, "2026-11-19 14:00")},
		}, nil, ""},
		{"held", "2026-11-12 00:00", []MeetingRecord{
			{ID: "qbr/northwind/2026-Q4", Status: MeetingHeld, At: fkAt(t, "2026-11-05 14:00"), Satisfaction: 8},
		}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := fkConfig(t)
			cfg.Start = fkDate("2026-11-01")
			cfg.Team = cfg.Team[:1] // the head only: no 1:1s
			records := map[string]MeetingRecord{}
			for _, r := range tt.records {
				records[r.ID] = r
			}
			got := fkOfKind(Flags(FlagInput{Now: fkAt(t, tt.now), Config: cfg, Partners: partners, Records: records}), FlagMeetingMissed)
			var qbrs []Flag
			for _, f := range got {
				if strings.HasPrefix(f.Ref, "qbr/") {
					qbrs = append(qbrs, f)
				}
			}
			if diff := fkDiff(tt.want, qbrs, fkIgnoreMessage); diff != "" {
				t.Fatalf("flags (-want +got):\n%s", diff)
			}
			if tt.text != "" && qbrs[0].Message != tt.text {
				t.Errorf("message = %q, want %q", qbrs[0].Message, tt.text)
			}
		})
	}
}

func TestFlagMeetingMissedMessage(t *testing.T) {
	cfg := fkConfig(t)
	cfg.Start = fkDate("2026-11-17")
	got := fkOfKind(Flags(FlagInput{Now: fkAt(t, fkMonday), Config: cfg}), FlagMeetingMissed)
	want := []Flag{{
		Kind: FlagMeetingMissed, Owner: "Dana Cruz", Ref: "1on1/dana-cruz/2026-11-17", Days: 6, Date: fkDate("2026-11-17"),
		Message: "1:1 with Dana Cruz on Tue 2026-11-17 (6 days ago) has no record of being held: mark it held, skipped or cancelled, or reschedule it.",
	}}
	if diff := fkDiff(want, got); diff != "" {
		t.Errorf("flags (-want +got):\n%s", diff)
	}

	// A negative lookback turns the flag off.
	cfg.Flags.MissedLookbackDays = -1
	if got := fkOfKind(Flags(FlagInput{Now: fkAt(t, fkMonday), Config: cfg}), FlagMeetingMissed); len(got) != 0 {
		t.Errorf("negative lookback still flags: %v", got)
	}
}

func TestFlagsSortOrder(t *testing.T) {
	cfg := fkConfig(t)
	cfg.Start = fkDate("2026-11-17")
	in := FlagInput{
		Now: fkAt(t, fkMonday), Config: cfg,
		Partners: []PartnerActivity{
			{Partner: fkPartner("Northwind", 2, "Dana Cruz"), LastInbound: fkDate("2026-09-01")}, // 83 days
			{Partner: fkPartner("Contoso", 2, "Dana Cruz"), LastInbound: fkDate("2026-10-01")},   // 53 days
			{Partner: fkPartner("Alpine", 2, "Dana Cruz"), LastInbound: fkDate("2026-10-01")},    // 53 days
		},
		Open: []Registration{
			{ID: "R-2", Partner: "Contoso", Account: "Acme", Submitted: fkDate("2026-11-16"), Status: RegSubmitted, Amount: 1},
			{ID: "R-1", Partner: "Northwind", Account: "Acme", Submitted: fkDate("2026-11-17"), Status: RegSubmitted, Amount: 1},
			{ID: "R-3", Partner: "Contoso", Account: "Tailspin", Submitted: fkDate("2026-08-01"), Decided: fkDate("2026-08-02"), Expires: fkDate("2026-11-30"), Status: RegApproved, Amount: 1, Owner: "Sam Ortiz"},
			{ID: "R-4", Partner: "Contoso", Account: "Wingtip", Submitted: fkDate("2026-08-01"), Decided: fkDate("2026-08-02"), Expires: fkDate("2026-11-20"), Status: RegApproved, Amount: 1},
		},
		Intros:  []Intro{{Partner: "Northwind", Account: "Litware", Date: fkDate("2026-11-01")}},
		Actions: []ActionItem{{ID: "A-9", Text: "x", Owner: "Sam Ortiz", Due: fkDate("2026-11-01")}, {ID: "A-1", Text: "y", Owner: "Dana Cruz", Due: fkDate("2026-11-01")}},
	}
	got := Flags(in)
	type key struct {
		Kind FlagKind
		Ref  string
		Days int
	}
	var keys []key
	for _, f := range got {
		keys = append(keys, key{f.Kind, f.Ref, f.Days})
	}
	want := []key{
		{FlagRegistrationOverdue, "R-2", 5},
		{FlagRegistrationOverdue, "R-1", 4},
		{FlagRegistrationConflict, "R-1", 0},
		{FlagRegistrationConflict, "R-2", 0},
		{FlagRegistrationLapsed, "R-4", 3},
		{FlagRegistrationExpiring, "R-3", 7},
		{FlagIntroUnregistered, "northwind/litware", 22},
		{FlagSilentPartner, "northwind", 83},
		{FlagSilentPartner, "alpine", 53},
		{FlagSilentPartner, "contoso", 53},
		{FlagMeetingMissed, "1on1/dana-cruz/2026-11-17", 6},
		{FlagActionOverdue, "A-1", 22},
		{FlagActionOverdue, "A-9", 22},
	}
	if diff := fkDiff(want, keys); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}

	// The order does not depend on the input's.
	for i, j := 0, len(in.Open)-1; i < j; i, j = i+1, j-1 {
		in.Open[i], in.Open[j] = in.Open[j], in.Open[i]
	}
	in.Partners[0], in.Partners[2] = in.Partners[2], in.Partners[0]
	if diff := fkDiff(got, Flags(in)); diff != "" {
		t.Errorf("reordered input changes the output (-first +second):\n%s", diff)
	}

	// Helpers.
	counts := CountByKind(got)
	wantCounts := map[FlagKind]int{
		FlagRegistrationOverdue: 2, FlagRegistrationConflict: 2, FlagRegistrationLapsed: 1, FlagRegistrationExpiring: 1,
		FlagIntroUnregistered: 1, FlagSilentPartner: 3, FlagMeetingMissed: 1, FlagActionOverdue: 2,
	}
	if diff := fkDiff(wantCounts, counts); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
	dana := FlagsFor(got, "dana cruz")
	if len(dana) != 11 {
		t.Errorf("FlagsFor(dana cruz) = %d flags, want 11", len(dana))
	}
	for _, f := range dana {
		if f.Owner != "Dana Cruz" {
			t.Errorf("FlagsFor(dana cruz) has %+v", f)
		}
	}
	if got := FlagsFor(got, "Nobody"); got != nil {
		t.Errorf("FlagsFor(Nobody) = %v", got)
	}
}

func TestSortFlags(t *testing.T) {
	flags := []Flag{
		{Kind: FlagActionOverdue, Ref: "A-1", Days: 50},
		{Kind: FlagSilentPartner, Ref: "b", Days: 30},
		{Kind: FlagSilentPartner, Ref: "a", Days: 30},
		{Kind: FlagSilentPartner, Ref: "z", Days: 31},
		{Kind: FlagRegistrationOverdue, Ref: "R-9", Days: 4},
		{Kind: "unknown", Ref: "?", Days: 99},
		{Kind: FlagRegistrationConflict, Ref: "R-1", Partner: "B"},
		{Kind: FlagRegistrationConflict, Ref: "R-1", Partner: "A"},
	}
	SortFlags(flags)
	var got []string
	for _, f := range flags {
		got = append(got, string(f.Kind)+" "+f.Ref+" "+f.Partner)
	}
	want := []string{
		"registration_overdue R-9 ",
		"registration_conflict R-1 A",
		"registration_conflict R-1 B",
		"silent_partner z ",
		"silent_partner a ",
		"silent_partner b ",
		"action_overdue A-1 ",
		"unknown ? ",
	}
	if diff := fkDiff(want, got); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
}

func TestFlagsNilConfig(t *testing.T) {
	// No config at all: the defaults in UTC, no team, so nobody to own an
	// ownerless flag.
	in := FlagInput{
		Now:     time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC),
		Actions: []ActionItem{{ID: "A-1", Text: "x", Owner: "Dana Cruz", Due: fkDate("2026-11-20")}},
	}
	got := fkOfKind(Flags(in), FlagActionOverdue)
	want := []Flag{{Kind: FlagActionOverdue, Owner: "Dana Cruz", Ref: "A-1", Days: 3}}
	if diff := fkDiff(want, got, fkIgnoreMessage); diff != "" {
		t.Errorf("flags (-want +got):\n%s", diff)
	}
	cfg := DefaultConfig()
	cfg.Location = nil
	in.Config = cfg
	if diff := fkDiff(want, fkOfKind(Flags(in), FlagActionOverdue), fkIgnoreMessage); diff != "" {
		t.Errorf("nil location (-want +got):\n%s", diff)
	}
}

// TestFlagDate checks the date each kind of flag counts from, as `flags
// --json` gives it: a script reads it instead of parsing the message.
func TestFlagDate(t *testing.T) {
	cfg := fkConfig(t)
	cfg.Start = fkDate("2026-11-17")
	silent := fkPartner("Northwind", 1, "Dana Cruz")
	joinedOnly := fkPartner("Contoso", 1, "Dana Cruz")
	joinedOnly.Joined = fkDate("2026-10-01")
	in := FlagInput{
		Now: fkAt(t, fkMonday), Config: cfg,
		Partners: []PartnerActivity{
			{Partner: silent, LastInbound: fkDate("2026-10-20")},
			{Partner: joinedOnly},
		},
		Open: []Registration{
			{ID: "R-1", Partner: "Northwind", Account: "Acme", Amount: 1, Submitted: fkDate("2026-11-10"), Status: RegSubmitted, Attribution: Sourced},
			{ID: "R-2", Partner: "Contoso", Account: "Acme", Amount: 1, Submitted: fkDate("2026-11-20"), Status: RegSubmitted, Attribution: Sourced},
			{ID: "R-3", Partner: "Contoso", Account: "Tailspin", Amount: 1, Submitted: fkDate("2026-08-01"), Decided: fkDate("2026-08-03"),
				Expires: fkDate("2026-11-30"), Status: RegApproved, Attribution: Sourced},
			{ID: "R-4", Partner: "Contoso", Account: "Fabrikam", Amount: 1, Submitted: fkDate("2026-08-01"), Decided: fkDate("2026-08-03"),
				Expires: fkDate("2026-11-02"), Status: RegApproved, Attribution: Sourced},
		},
		Intros:  []Intro{{Partner: "Northwind", Account: "Globex", Date: fkDate("2026-11-05")}},
		Actions: []ActionItem{{ID: "A-1", Text: "send deck", Owner: "Dana Cruz", Due: fkDate("2026-11-19")}},
	}
	got := map[string]string{}
	for _, f := range Flags(in) {
		got[string(f.Kind)+" "+f.Ref] = f.Date.String()
	}
	want := map[string]string{
		"silent_partner northwind":                 "2026-10-20", // last inbound touch
		"silent_partner contoso":                   "2026-10-01", // no inbound touch: joined
		"registration_overdue R-1":                 "2026-11-10", // submitted
		"registration_conflict R-1":                "2026-11-10", // submitted
		"registration_conflict R-2":                "2026-11-20",
		"registration_expiring R-3":                "2026-11-30", // expires
		"registration_lapsed R-4":                  "2026-11-02",
		"intro_unregistered northwind/globex":      "2026-11-05", // the intro
		"meeting_missed 1on1/dana-cruz/2026-11-17": "2026-11-17", // the meeting
		"action_overdue A-1":                       "2026-11-19", // due
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("flag dates (-want +got):\n%s", diff)
	}
}
