package agenda

import (
	"testing"
	"time"

	"partnercadence/cadence"
)

const fixtureConfig = `
timezone = "America/New_York"
currency = "USD"
start = 2026-01-05
holidays = [2026-11-26, 2026-12-25]

[[team]]
name = "Jordan Lee"
role = "head"

[[team]]
name = "Dana Cruz"
role = "partner_manager"

[[team]]
name = "Sam Ortiz"
role = "sales"

[[team]]
name = "Alex Kim"
role = "exec"

[cadence.one_on_one]
weekday = "tue"
time = "10:00"
minutes = 30

[cadence.pipeline_review]
day = "first tue"
time = "15:00"
minutes = 60
attendees = ["Sam Ortiz"]

[cadence.qbr]
tiers = [1]
window_weeks = 6
minutes = 75

[cadence.readout]
every = "quarter"
day = "last thu"
time = "16:00"
minutes = 45

[targets]
partner_revenue = 1200000
new_arr = 10000000
`

// The hostile names of issue 5: every one must come back as the same text.
const (
	hostilePartner = "Pipe | Co *bold* _x_ #1 [link](x) `code` <b>"
	plainPartner   = "Acme, Inc."
)

func fixtureCfg(t testing.TB) *cadence.Config {
	t.Helper()
	cfg, err := cadence.ParseConfig([]byte(fixtureConfig), "fixture.toml")
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// fixtureNow is Monday 23 Nov 2026, 09:00 in New York.
var fixtureNow = time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)

func d(s string) cadence.Date { return cadence.MustDate(s) }

func fixturePartners() []cadence.PartnerActivity {
	return []cadence.PartnerActivity{
		{
			Partner: cadence.Partner{Name: hostilePartner, Type: cadence.TypeReseller, Tier: 1, Owner: "Dana Cruz",
				Status: cadence.PartnerActive, Joined: d("2025-03-02")},
			LastInbound: d("2026-11-11"), LastTouch: d("2026-11-20"), FirstWon: d("2025-04-16"), OpenRegistrations: 3,
		},
		{
			Partner: cadence.Partner{Name: plainPartner, Type: cadence.TypeISV, Tier: 2, Owner: "Dana Cruz",
				Status: cadence.PartnerActive, Joined: d("2026-02-01")},
		},
	}
}

func fixtureRegistrations() []cadence.Registration {
	return []cadence.Registration{
		{ID: "R-1", Partner: hostilePartner, Account: "- leading dash", Amount: 50000, Submitted: d("2026-11-16"),
			Status: cadence.RegSubmitted, Attribution: cadence.Sourced, Owner: "Dana Cruz"},
		{ID: "R-2", Partner: hostilePartner, Account: "> quote", Amount: 20000, Submitted: d("2026-08-01"),
			Status: cadence.RegApproved, Decided: d("2026-08-24"), Attribution: cadence.Influenced},
		{ID: "R-3", Partner: hostilePartner, Account: "1. numbered", Amount: 120000, Submitted: d("2026-09-01"),
			Status: cadence.RegWon, Decided: d("2026-09-02"), Closed: d("2026-10-15"), Attribution: cadence.Sourced},
		{ID: "R-4", Partner: plainPartner, Account: "a\nb", Amount: 30000, Submitted: d("2026-11-02"),
			Status: cadence.RegApproved, Decided: d("2026-11-03"), Expires: d("2026-11-23"), Attribution: cadence.Sourced, Owner: "Dana Cruz"},
		{ID: "R-5", Partner: plainPartner, Account: "- leading dash", Amount: 10000, Submitted: d("2026-11-18"),
			Status: cadence.RegSubmitted, Attribution: cadence.Sourced},
	}
}

func fixtureFlags() []cadence.Flag {
	return []cadence.Flag{
		{Kind: cadence.FlagRegistrationOverdue, Partner: hostilePartner, Owner: "Dana Cruz", Ref: "R-1", Days: 5,
			Message: "Registration R-1 for - leading dash has waited 5 business days: approve or reject it."},
		{Kind: cadence.FlagRegistrationConflict, Partner: hostilePartner, Owner: "Dana Cruz", Ref: "R-1",
			Message: hostilePartner + " registration R-1 clashes with Acme, Inc. (R-5, submitted)."},
		{Kind: cadence.FlagRegistrationConflict, Partner: plainPartner, Owner: "Dana Cruz", Ref: "R-5",
			Message: plainPartner + " registration R-5 clashes."},
		{Kind: cadence.FlagRegistrationLapsed, Partner: hostilePartner, Owner: "Dana Cruz", Ref: "R-2", Days: 1,
			Message: "R-2 lost its protection 1 day ago."},
		{Kind: cadence.FlagRegistrationExpiring, Partner: plainPartner, Owner: "Dana Cruz", Ref: "R-4", Days: 0,
			Message: "R-4 loses its protection today."},
		{Kind: cadence.FlagIntroUnregistered, Partner: hostilePartner, Owner: "Dana Cruz", Ref: "pipe-co/x", Days: 9,
			Message: hostilePartner + " introduced `Globex` 9 days ago and there is no registration for it."},
		{Kind: cadence.FlagSilentPartner, Partner: plainPartner, Owner: "Dana Cruz", Ref: "acme-inc", Days: 295,
			Message: "Acme, Inc. (tier 2) has been silent for 295 days."},
	}
}

func fixtureRecord(id string) cadence.MeetingRecord {
	return cadence.MeetingRecord{
		ID:            id,
		TalkingPoints: "# Renewal\n- ask about *Q1* plans\n```\nunclosed fence",
		Notes:         "Title\n===\n<!-- never closed",
		Actions: []cadence.ActionItem{
			{ID: "A-1", Text: "[x] send the deck | today", Owner: "Dana Cruz", Due: d("2026-11-27"), Meeting: id},
			{ID: "A-2", Text: "1. call *them*", Owner: "Jordan Lee", Due: d("2026-11-20"), Done: d("2026-11-19"), Meeting: id},
		},
	}
}

// oneOnOneInput is a 1:1 with Dana on Tue 24 Nov 2026, 10:00 in New York.
func oneOnOneInput(t testing.TB) Input {
	t.Helper()
	cfg := fixtureCfg(t)
	const id = "1on1/dana-cruz/2026-11-24"
	partners := fixturePartners()
	var ps []cadence.Partner
	for _, p := range partners {
		ps = append(ps, p.Partner)
	}
	o, err := cfg.OccurrenceByID(id, ps, map[string]cadence.MeetingRecord{id: fixtureRecord(id)})
	if err != nil {
		t.Fatal(err)
	}
	return Input{
		Config: cfg, Now: fixtureNow, Occurrence: o,
		CarriedOver: []cadence.ActionItem{
			{ID: "A-0", Text: "- chase\nthe MDF form", Owner: "Dana Cruz", Due: d("2026-11-20"), Meeting: "1on1/dana-cruz/2026-11-17"},
		},
		Flags:         cadence.FlagsFor(fixtureFlags(), "Dana Cruz"),
		Partners:      partners,
		Registrations: fixtureRegistrations(),
	}
}

// occurrenceInput is the agenda input of any meeting ID of the fixture.
func occurrenceInput(t testing.TB, id string, rec *cadence.MeetingRecord) Input {
	t.Helper()
	cfg := fixtureCfg(t)
	partners := fixturePartners()
	var ps []cadence.Partner
	for _, p := range partners {
		ps = append(ps, p.Partner)
	}
	recs := map[string]cadence.MeetingRecord{}
	if rec != nil {
		recs[id] = *rec
	}
	o, err := cfg.OccurrenceByID(id, ps, recs)
	if err != nil {
		t.Fatal(err)
	}
	return Input{Config: cfg, Now: fixtureNow, Occurrence: o, Partners: partners,
		Registrations: fixtureRegistrations(), Flags: fixtureFlags()}
}

func pipelineInput(t testing.TB) Input {
	in := occurrenceInput(t, "pipeline/2026-12-01", nil)
	return in
}

func qbrInput(t testing.TB) Input {
	t.Helper()
	id := "qbr/" + cadence.Slug(hostilePartner) + "/2026-Q4"
	rec := fixtureRecord(id)
	rec.Satisfaction = 8
	rec.Status = cadence.MeetingHeld
	rec.At = time.Date(2026, 10, 20, 18, 0, 0, 0, time.UTC)
	in := occurrenceInput(t, id, &rec)
	in.Partners = in.Partners[:1]
	sc := cadence.Scorecard(in.Partners[0], in.Registrations[:3], nil, cadence.Quarter{Year: 2026, Q: 4}, in.Config)
	in.Scorecard = &sc
	last := cadence.MeetingRecord{ID: "qbr/" + cadence.Slug(hostilePartner) + "/2026-Q3", Status: cadence.MeetingHeld,
		Actions: []cadence.ActionItem{
			{ID: "Q-1", Text: "Joint webinar", Owner: "Dana Cruz", Due: d("2026-09-30"), Done: d("2026-09-28")},
			{ID: "Q-2", Text: "Send price list", Owner: "Jordan Lee", Due: d("2026-10-01"), Meeting: "qbr/" + cadence.Slug(hostilePartner) + "/2026-Q3"},
		}}
	in.LastQBR = &last
	in.CarriedOver = []cadence.ActionItem{last.Actions[1],
		{ID: "Q-0", Text: "Old promise", Owner: "Dana Cruz", Meeting: "qbr/" + cadence.Slug(hostilePartner) + "/2026-Q2"}}
	return in
}

func fixtureKPIs(t testing.TB) cadence.KPIs {
	t.Helper()
	return cadence.ComputeKPIs(cadence.KPIInput{
		Config: fixtureCfg(t), Now: fixtureNow, Quarter: cadence.Quarter{Year: 2026, Q: 4},
		Partners: fixturePartners(), Registrations: fixtureRegistrations(), Conversations: 42,
		QBRs: []cadence.MeetingRecord{{ID: "qbr/acme-inc/2026-Q4", Status: cadence.MeetingHeld, Satisfaction: 7}},
	})
}

func fixtureTop() []PartnerRevenue {
	return TopPartners(fixtureRegistrations(), d("2026-10-01"), d("2026-12-31"), 5)
}
