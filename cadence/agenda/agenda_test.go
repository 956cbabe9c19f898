package agenda

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"partnercadence/cadence"
)

// The exact markdown of a small 1:1 agenda: hostile names escaped, the
// user's markdown quoted, every section present.
const wantOneOnOne = `# 1:1 with Dana Cruz

- **When:** Tue 24 Nov 2026, 10:00–10:30 EST
- **Who:** Jordan Lee, Dana Cruz
- **Status:** scheduled
- **Meeting ID:** 1on1/dana-cruz/2026-11-24

## Carried over

- [ ] \- chase the MDF form — Dana Cruz, due 2026-11-20 (overdue by 3 days), from 1on1/dana-cruz/2026-11-17

## Flags

- **Registration overdue** (Dana Cruz): Registration R-1 for - leading dash has waited 5 business days: approve or reject it.
- **Registration conflict** (Dana Cruz): Pipe \| Co \*bold\* \_x\_ \#1 \[link\](x) \` + "`code\\`" + ` \<b> registration R-1 clashes with Acme, Inc. (R-5, submitted).
- **Registration conflict** (Dana Cruz): Acme, Inc. registration R-5 clashes.
- **Registration lapsed** (Dana Cruz): R-2 lost its protection 1 day ago.
- **Registration expiring** (Dana Cruz): R-4 loses its protection today.
- **Intro not registered** (Dana Cruz): Pipe \| Co \*bold\* \_x\_ \#1 \[link\](x) \` + "`code\\`" + ` \<b> introduced \` + "`Globex\\`" + ` 9 days ago and there is no registration for it.
- **Silent partner** (Dana Cruz): Acme, Inc. (tier 2) has been silent for 295 days.

## Pipeline

| Partner | Tier | Sourced open | Sourced won 2026-Q4 | Influenced open | Influenced won 2026-Q4 | Days since last inbound |
| --- | --: | --: | --: | --: | --: | --: |
| Pipe \| Co \*bold\* \_x\_ \#1 \[link\](x) \` + "`code\\`" + ` \<b> | 1 | $50,000 (1 deal) | $120,000 (1 deal) | $20,000 (1 deal) | $0 | 12 |
| Acme, Inc. | 2 | $40,000 (2 deals) | $0 | $0 | $0 | never |
| Total |  | $90,000 (3 deals) | $120,000 (1 deal) | $20,000 (1 deal) | $0 |  |

## Talking points

> # Renewal
> - ask about *Q1* plans
> ` + "```" + `
> unclosed fence

## Notes

> Title
> ===
> <!-- never closed

## Action items

- [ ] \[x\] send the deck \| today — Dana Cruz, due 2026-11-27
- [x] 1\. call \*them\* — Jordan Lee, due 2026-11-20, done 2026-11-19
`

func TestOneOnOneExact(t *testing.T) {
	got := Markdown(oneOnOneInput(t))
	if diff := cmp.Diff(wantOneOnOne, got); diff != "" {
		t.Errorf("Markdown(1:1) mismatch (-want +got):\n%s", diff)
	}
}

func section(t *testing.T, d mdDoc, title string) []ast.Node {
	t.Helper()
	nodes, ok := d.section(title)
	if !ok {
		t.Fatalf("no section %q; headings %v", title, d.headings())
	}
	return nodes
}

// onlyTable returns the one table a section holds.
func onlyTable(t *testing.T, d mdDoc, title string) [][]string {
	t.Helper()
	nodes := section(t, d, title)
	if len(nodes) != 1 {
		t.Fatalf("section %q: nodes %d, want one table", title, len(nodes))
	}
	if _, ok := nodes[0].(*east.Table); !ok {
		t.Fatalf("section %q holds a %s, want a table", title, nodes[0].Kind())
	}
	return d.cells(nodes[0])
}

// tableIn returns the first table a section holds, and the text of each
// paragraph in it.
func tableIn(t *testing.T, d mdDoc, title string) ([][]string, []string) {
	t.Helper()
	var table [][]string
	var paras []string
	for _, n := range section(t, d, title) {
		switch n.(type) {
		case *east.Table:
			if table == nil {
				table = d.cells(n)
			}
		case *ast.Paragraph:
			paras = append(paras, d.text(n))
		}
	}
	if table == nil {
		t.Fatalf("section %q holds no table", title)
	}
	return table, paras
}

// onlyList returns the items of the one list a section holds.
func onlyList(t *testing.T, d mdDoc, title string) []mdTask {
	t.Helper()
	nodes := section(t, d, title)
	if len(nodes) != 1 {
		t.Fatalf("section %q: nodes %d, want one list", title, len(nodes))
	}
	if _, ok := nodes[0].(*ast.List); !ok {
		t.Fatalf("section %q holds a %s, want a list", title, nodes[0].Kind())
	}
	return d.items(nodes[0])
}

// onlyPara returns the text of the one paragraph a section holds.
func onlyPara(t *testing.T, d mdDoc, title string) string {
	t.Helper()
	nodes := section(t, d, title)
	if len(nodes) != 1 {
		t.Fatalf("section %q: nodes %d, want one paragraph", title, len(nodes))
	}
	if _, ok := nodes[0].(*ast.Paragraph); !ok {
		t.Fatalf("section %q holds a %s, want a paragraph", title, nodes[0].Kind())
	}
	return d.text(nodes[0])
}

func task(checked bool, text string) mdTask { return mdTask{Checked: &checked, Text: text} }

func item(text string) mdTask { return mdTask{Text: text} }

func checkHeadings(t *testing.T, d mdDoc, want []mdHeading) {
	t.Helper()
	if diff := cmp.Diff(want, d.headings()); diff != "" {
		t.Errorf("top-level headings (-want +got):\n%s", diff)
	}
}

func checkTasks(t *testing.T, what string, got, want []mdTask) {
	t.Helper()
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", what, diff)
	}
}

func TestOneOnOneParsed(t *testing.T) {
	d := parseMD(Markdown(oneOnOneInput(t)))
	checkHeadings(t, d, []mdHeading{
		{1, "1:1 with Dana Cruz"}, {2, "Carried over"}, {2, "Flags"}, {2, "Pipeline"},
		{2, "Talking points"}, {2, "Notes"}, {2, "Action items"},
	})
	top := children(d.root)
	checkTasks(t, "header", d.items(top[1]), []mdTask{
		item("When: Tue 24 Nov 2026, 10:00–10:30 EST"),
		item("Who: Jordan Lee, Dana Cruz"),
		item("Status: scheduled"),
		item("Meeting ID: 1on1/dana-cruz/2026-11-24"),
	})
	checkTasks(t, "carried over", onlyList(t, d, "Carried over"), []mdTask{
		task(false, "- chase the MDF form — Dana Cruz, due 2026-11-20 (overdue by 3 days), from 1on1/dana-cruz/2026-11-17"),
	})
	flags := onlyList(t, d, "Flags")
	if len(flags) != 7 || flags[1].Text != "Registration conflict (Dana Cruz): "+hostilePartner+" registration R-1 clashes with Acme, Inc. (R-5, submitted)." {
		t.Errorf("flags %+v", flags)
	}
	wantCells := [][]string{
		{"Partner", "Tier", "Sourced open", "Sourced won 2026-Q4", "Influenced open", "Influenced won 2026-Q4", "Days since last inbound"},
		{hostilePartner, "1", "$50,000 (1 deal)", "$120,000 (1 deal)", "$20,000 (1 deal)", "$0", "12"},
		{plainPartner, "2", "$40,000 (2 deals)", "$0", "$0", "$0", "never"},
		{"Total", "", "$90,000 (3 deals)", "$120,000 (1 deal)", "$20,000 (1 deal)", "$0", ""},
	}
	if diff := cmp.Diff(wantCells, onlyTable(t, d, "Pipeline")); diff != "" {
		t.Errorf("pipeline table (-want +got):\n%s", diff)
	}
	checkTasks(t, "action items", onlyList(t, d, "Action items"), []mdTask{
		task(false, "[x] send the deck | today — Dana Cruz, due 2026-11-27"),
		task(true, "1. call *them* — Jordan Lee, due 2026-11-20, done 2026-11-19"),
	})
	for _, title := range []string{"Talking points", "Notes"} {
		nodes := section(t, d, title)
		if len(nodes) != 1 || nodes[0].Kind() != ast.KindBlockquote {
			t.Errorf("section %q: %d nodes, want one block quote", title, len(nodes))
		}
	}
	// The user's "# Renewal" stays a heading, inside the quote.
	tp := section(t, d, "Talking points")[0]
	if h, ok := tp.FirstChild().(*ast.Heading); !ok || d.text(h) != "Renewal" {
		t.Errorf("talking points start with %s, want the user's heading Renewal", tp.FirstChild().Kind())
	}
}

// FuzzAgenda renders a 1:1 and a pipeline review whose partner name,
// account, action text and notes are anything at all: the agenda's sections
// stay what they are and the names come back as the same text.
func FuzzAgenda(f *testing.F) {
	f.Add(hostilePartner, "- leading dash", "1. numbered", "# notes\n```")
	f.Add("a\nb", "> quote", "[ ] x", "<pre>\n\n## Action items")
	f.Add("", " ", "*", "")
	f.Fuzz(func(t *testing.T, name, account, text, notes string) {
		if cadence.NameKey(name) == cadence.NameKey(plainPartner) {
			t.Skip("the name of the fixture's other partner")
		}
		in := oneOnOneInput(t)
		in.Partners[0].Partner.Name = name
		for i := range in.Registrations[:3] {
			in.Registrations[i].Partner = name
			in.Registrations[i].Account = account
		}
		rec := *in.Occurrence.Record
		rec.Notes = notes
		rec.Actions = slices.Clone(rec.Actions)
		rec.Actions[0].Text = text
		in.Occurrence.Record = &rec

		d := parseMD(Markdown(in))
		checkHeadings(t, d, []mdHeading{
			{1, "1:1 with Dana Cruz"}, {2, "Carried over"}, {2, "Flags"}, {2, "Pipeline"},
			{2, "Talking points"}, {2, "Notes"}, {2, "Action items"},
		})
		rows := onlyTable(t, d, "Pipeline")
		if len(rows) != 4 || !slices.Contains([]string{rows[1][0], rows[2][0]}, inlineText(name)) {
			t.Errorf("pipeline table %q: no row for %q", rows, inlineText(name))
		}
		acts := onlyList(t, d, "Action items")
		wantText := inlineText(text)
		if wantText == "" {
			wantText = "(no text)"
		}
		if len(acts) != 2 || acts[0].Checked == nil || *acts[0].Checked ||
			!strings.HasPrefix(acts[0].Text, wantText+" — Dana Cruz") {
			t.Errorf("action items %+v, want the first to read %q", acts, wantText)
		}

		in = pipelineInput(t)
		in.Partners[0].Partner.Name = name
		for i := range in.Registrations[:3] {
			in.Registrations[i].Partner = name
			in.Registrations[i].Account = account
		}
		d = parseMD(Markdown(in))
		checkHeadings(t, d, pipelineHeadings)
		waiting, _ := tableIn(t, d, "Waiting for a decision")
		if len(waiting) != 2 || waiting[1][1] != inlineText(name) || waiting[1][2] != inlineText(account) {
			t.Errorf("waiting table %q, want R-1 of %q for %q", waiting, inlineText(name), inlineText(account))
		}
	})
}

var pipelineHeadings = []mdHeading{
	{1, "Pipeline review"}, {2, "Carried over"}, {2, "Waiting for a decision"}, {2, "Conflicts"},
	{2, "Unregistered intros"}, {2, "Expiring and lapsed registrations"}, {2, "Pipeline by owner"},
	{2, "Top partners by open pipeline"}, {2, "Talking points"}, {2, "Notes"}, {2, "Action items"},
}

func TestPipelineReviewParsed(t *testing.T) {
	d := parseMD(Markdown(pipelineInput(t)))
	checkHeadings(t, d, pipelineHeadings)
	checkTable := func(title string, want [][]string) {
		t.Helper()
		if diff := cmp.Diff(want, onlyTable(t, d, title)); diff != "" {
			t.Errorf("%s table (-want +got):\n%s", title, diff)
		}
	}
	// Only what is past the SLA is listed; the rest is one line.
	checkTableAndParas := func(title string, want [][]string, wantParas ...string) {
		t.Helper()
		got, paras := tableIn(t, d, title)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s table (-want +got):\n%s", title, diff)
		}
		if diff := cmp.Diff(wantParas, paras); diff != "" {
			t.Errorf("%s paragraphs (-want +got):\n%s", title, diff)
		}
	}
	checkTableAndParas("Waiting for a decision", [][]string{
		{"Registration", "Partner", "Account", "Amount", "Attribution", "Submitted", "Business days waiting", "Owner"},
		{"R-1", hostilePartner, "- leading dash", "$50,000", "sourced", "2026-11-16", "5 (over the 3-day SLA)", "Dana Cruz"},
	}, "And 1 registration ($10,000) waiting within the SLA.")
	checkTable("Conflicts", [][]string{
		{"Account", "Partner", "Registration", "Status", "Amount", "Owner"},
		{"- leading dash", plainPartner, "R-5", "submitted", "$10,000", "Dana Cruz"},
		{"- leading dash", hostilePartner, "R-1", "submitted", "$50,000", "Dana Cruz"},
	})
	checkTasks(t, "intros", onlyList(t, d, "Unregistered intros"), []mdTask{
		item("Intro not registered (Dana Cruz): " + hostilePartner + " introduced `Globex` 9 days ago and there is no registration for it."),
	})
	checkTable("Expiring and lapsed registrations", [][]string{
		{"Registration", "Partner", "Account", "Amount", "Expires", "Protection", "Owner"},
		{"R-2", hostilePartner, "> quote", "$20,000", "2026-11-22", "lapsed 1 day ago", "Dana Cruz"},
		{"R-4", plainPartner, "a b", "$30,000", "2026-11-23", "expires today", "Dana Cruz"},
	})
	checkTableAndParas("Pipeline by owner", [][]string{
		{"Owner", "Sourced open", "Influenced open", "Open"},
		{"Dana Cruz", "$90,000 (3 deals)", "$20,000 (1 deal)", "$110,000 (4 deals)"},
		{"Total", "$90,000 (3 deals)", "$20,000 (1 deal)", "$110,000 (4 deals)"},
	}, "Open: $110,000 (4 deals) — $90,000 (3 deals) sourced, $20,000 (1 deal) influenced — across 2 partners.")
	checkTable("Top partners by open pipeline", [][]string{
		{"Partner", "Owner", "Tier", "Sourced open", "Influenced open", "Open"},
		{hostilePartner, "Dana Cruz", "1", "$50,000 (1 deal)", "$20,000 (1 deal)", "$70,000 (2 deals)"},
		{plainPartner, "Dana Cruz", "2", "$40,000 (2 deals)", "$0", "$40,000 (2 deals)"},
	})
	for title, want := range map[string]string{
		"Carried over": "Nothing carried over.", "Talking points": "No talking points yet.",
		"Notes": "No notes yet.", "Action items": "No action items yet.",
	} {
		if got := onlyPara(t, d, title); got != want {
			t.Errorf("section %q reads %q, want %q", title, got, want)
		}
	}
}

func TestQBRParsed(t *testing.T) {
	in := qbrInput(t)
	d := parseMD(Markdown(in))
	checkHeadings(t, d, []mdHeading{
		{1, "QBR: " + hostilePartner + " (2026-Q4)"}, {2, "Scorecard"}, {2, "Flags"},
		{2, "Commitments from the last QBR"}, {2, "Open action items"},
		{2, "Talking points"}, {2, "Notes"}, {2, "Action items"},
	})
	checkTasks(t, "header", d.items(children(d.root)[1]), []mdTask{
		item("When: Tue 20 Oct 2026, 14:00–15:15 EDT"),
		item("Who: Jordan Lee, Dana Cruz"),
		item("Partner: " + hostilePartner + " (owner Dana Cruz)"),
		item("Window: 2026-10-01 to 2026-11-11"),
		item("Status: held"),
		item("Satisfaction: 8/10"),
		item("Meeting ID: " + in.Occurrence.ID),
	})
	want := [][]string{
		{"Measure", "Value"},
		{"Tier", "1"},
		{"Type", "reseller"},
		{"Owner", "Dana Cruz"},
		{"Status", "active"},
		{"Joined", "2025-03-02"},
		{"Time to first deal", "45 days (first win 2025-04-16)"},
		{"Sourced won 2026-Q4", "$120,000 (1 deal)"},
		{"Sourced won 2026-Q3", "$0"},
		{"Influenced won 2026-Q4", "$0"},
		{"Influenced won 2026-Q3", "$0"},
		{"Open pipeline", "$50,000 (1 deal) sourced, $20,000 (1 deal) influenced"},
		{"Registrations decided 2026-Q4", "0 approved, 0 rejected"},
		{"Registrations decided, all time", "2 approved, 0 rejected"},
		{"Last satisfaction", "none recorded"},
	}
	if diff := cmp.Diff(want, onlyTable(t, d, "Scorecard")); diff != "" {
		t.Errorf("scorecard (-want +got):\n%s", diff)
	}
	nodes := section(t, d, "Commitments from the last QBR")
	if len(nodes) != 2 {
		t.Fatalf("commitments: %d nodes, want a paragraph and a list", len(nodes))
	}
	checkTasks(t, "commitments", d.items(nodes[1]), []mdTask{
		task(true, "Joint webinar — Dana Cruz, due 2026-09-30, done 2026-09-28"),
		task(false, "Send price list — Jordan Lee, due 2026-10-01 (overdue by 53 days)"),
	})
	checkTasks(t, "open action items", onlyList(t, d, "Open action items"), []mdTask{
		task(false, "Old promise — Dana Cruz, from qbr/"+cadence.Slug(hostilePartner)+"/2026-Q2"),
	})
}

func TestUnscheduledQBR(t *testing.T) {
	in := occurrenceInput(t, "qbr/"+cadence.Slug(hostilePartner)+"/2026-Q4", nil)
	d := parseMD(Markdown(in))
	when := d.items(children(d.root)[1])[0].Text
	if when != "When: not scheduled yet (due by 2026-11-11)" {
		t.Errorf("header reads %q", when)
	}
	for title, want := range map[string]string{
		"Scorecard":                     "No scorecard available.",
		"Commitments from the last QBR": "No earlier QBR on record.",
		"Open action items":             "No open action items from earlier QBRs.",
	} {
		if got := onlyPara(t, d, title); got != want {
			t.Errorf("section %q reads %q, want %q", title, got, want)
		}
	}
}

var readoutSections = []mdHeading{
	{2, "KPIs"}, {2, "Workload threshold"}, {2, "Flags"}, {3, "By kind"}, {3, "By owner"},
	{2, "Top partners by sourced revenue"},
}

func TestReadoutParsed(t *testing.T) {
	d := parseMD(Readout([]cadence.KPIs{fixtureKPIs(t)}, fixtureFlags(), fixtureTop(), nil))
	checkHeadings(t, d, append([]mdHeading{{1, "Partnerships readout: 2026-Q4"}}, readoutSections...))
	kpis := onlyTable(t, d, "KPIs")
	var names []string
	for _, r := range kpis[1:] {
		names = append(names, r[0])
	}
	wantNames := []string{
		"Partner-sourced revenue", "Partner-influenced revenue", "Partner revenue (sourced + influenced)",
		"Open partner pipeline", "Pipeline coverage", "Sourced share of new ARR", "Active partners",
		"Partner-led conversations", "Deal-registration accuracy", "Registration SLA attainment",
		"Partner satisfaction", "Time to first deal",
	}
	if diff := cmp.Diff(wantNames, names); diff != "" {
		t.Errorf("KPI rows (-want +got):\n%s", diff)
	}
	for _, want := range [][]string{
		{"Partner revenue (sourced + influenced)", "$120,000", "$1,200,000", "10% of target"},
		{"Pipeline coverage", "0.1× the $1,080,000 still to win", "—", "—"},
		{"Sourced share of new ARR", "1.2% of $10,000,000 new ARR", "5–10%", "below the band"},
		{"Active partners", "1", "15–25 (workload threshold)", "below the threshold"},
		{"Partner-led conversations", "42", "50 a quarter (workload threshold)", "below the threshold"},
		{"Partner satisfaction", "7.0/10 (1 QBR)", "—", "—"},
	} {
		if !slices.ContainsFunc(kpis, func(r []string) bool { return slices.Equal(r, want) }) {
			t.Errorf("no KPI row %q in %q", want, kpis)
		}
	}
	checkTasks(t, "workload", d.items(section(t, d, "Workload threshold")[0]), []mdTask{
		item("Active partners: 1 — below the threshold (15–25)"),
		item("Partner-led conversations this quarter: 42 — below the threshold (50)"),
	})
	byKind := onlyTable(t, d, "By kind")
	if len(byKind) != 11 || !slices.Equal(byKind[2], []string{"Registration conflict", "2"}) ||
		!slices.Equal(byKind[9], []string{"Meeting unprepared", "0"}) || !slices.Equal(byKind[10], []string{"Total", "7"}) {
		t.Errorf("flags by kind %q", byKind)
	}
	if diff := cmp.Diff([][]string{{"Owner", "Flags", "Kinds"}, {"Dana Cruz", "7",
		"1 registration overdue, 2 registration conflict, 1 registration lapsed, 1 registration expiring, 1 intro not registered, 1 silent partner"}},
		onlyTable(t, d, "By owner")); diff != "" {
		t.Errorf("flags by owner (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([][]string{{"Rank", "Partner", "Sourced won", "Influenced won"}, {"1", hostilePartner, "$120,000", "$0"}},
		onlyTable(t, d, "Top partners by sourced revenue")); diff != "" {
		t.Errorf("top partners (-want +got):\n%s", diff)
	}
}

func TestReadoutEmpty(t *testing.T) {
	k := cadence.ComputeKPIs(cadence.KPIInput{Config: fixtureCfg(t), Now: fixtureNow, Quarter: cadence.Quarter{Year: 2026, Q: 4}})
	d := parseMD(Readout([]cadence.KPIs{k}, nil, nil, nil))
	checkHeadings(t, d, append([]mdHeading{{1, "Partnerships readout: 2026-Q4"}}, readoutSections...))
	if got := onlyPara(t, d, "By owner"); got != "No flags." {
		t.Errorf("flags by owner read %q", got)
	}
	if got := onlyPara(t, d, "Top partners by sourced revenue"); got != "No partner-sourced revenue won in 2026-Q4." {
		t.Errorf("top partners read %q", got)
	}
	kpis := onlyTable(t, d, "KPIs")
	for _, want := range [][]string{
		{"Deal-registration accuracy", "no registrations decided", "—", "—"},
		{"Partner satisfaction", "no QBR scores", "—", "—"},
		{"Time to first deal", "no first wins in the last four quarters", "—", "—"},
	} {
		if !slices.ContainsFunc(kpis, func(r []string) bool { return slices.Equal(r, want) }) {
			t.Errorf("no KPI row %q in %q", want, kpis)
		}
	}
}

func TestReadoutOccurrence(t *testing.T) {
	in := occurrenceInput(t, "readout/2026-10-29", nil)
	k := fixtureKPIs(t)
	in.KPIs, in.Top = &k, fixtureTop()
	d := parseMD(Markdown(in))
	want := []mdHeading{{1, "Executive readout (2026-Q3)"}, {2, "Carried over"}}
	want = append(want, readoutSections...)
	want = append(want, mdHeading{2, "Talking points"}, mdHeading{2, "Notes"}, mdHeading{2, "Action items"})
	checkHeadings(t, d, want)

	in.KPIs = nil
	d = parseMD(Markdown(in))
	if got := onlyPara(t, d, "KPIs"); got != "No KPIs available." {
		t.Errorf("KPIs read %q", got)
	}
}

func TestAdhoc(t *testing.T) {
	cfg := fixtureCfg(t)
	rec := cadence.MeetingRecord{
		ID: "adhoc/7", Title: "# Launch *party*\nwith | pipes", At: time.Date(2026, 12, 2, 20, 30, 0, 0, time.UTC),
		Minutes: 90, Attendees: []string{"Dana Cruz", "Guest <guest@example.com>"},
		TalkingPoints: "1. cake", Actions: []cadence.ActionItem{{ID: "A-9", Text: "Book room"}},
	}
	o, err := cfg.OccurrenceByID("adhoc/7", nil, map[string]cadence.MeetingRecord{"adhoc/7": rec})
	if err != nil {
		t.Fatal(err)
	}
	d := parseMD(Markdown(Input{Config: cfg, Now: fixtureNow, Occurrence: o, Flags: fixtureFlags()}))
	checkHeadings(t, d, []mdHeading{{1, "# Launch *party* with | pipes"}, {2, "Talking points"}, {2, "Notes"}, {2, "Action items"}})
	checkTasks(t, "header", d.items(children(d.root)[1]), []mdTask{
		item("When: Wed 2 Dec 2026, 15:30–17:00 EST"),
		item("Who: Dana Cruz, Guest <guest@example.com>"),
		item("Status: scheduled"),
		item("Meeting ID: adhoc/7"),
	})
	checkTasks(t, "action items", onlyList(t, d, "Action items"), []mdTask{task(false, "Book room")})
}

func TestEmptyOneOnOne(t *testing.T) {
	in := occurrenceInput(t, "1on1/dana-cruz/2026-11-24", nil)
	in.Partners, in.Registrations, in.Flags = nil, nil, nil
	d := parseMD(Markdown(in))
	for title, want := range map[string]string{
		"Carried over": "Nothing carried over.", "Flags": "No flags.", "Pipeline": "No partners.",
		"Talking points": "No talking points yet.", "Notes": "No notes yet.", "Action items": "No action items yet.",
	} {
		if got := onlyPara(t, d, title); got != want {
			t.Errorf("section %q reads %q, want %q", title, got, want)
		}
	}
	in = occurrenceInput(t, "pipeline/2026-12-01", nil)
	in.Partners, in.Registrations, in.Flags = nil, nil, nil
	d = parseMD(Markdown(in))
	for title, want := range map[string]string{
		"Waiting for a decision":            "No registrations waiting for a decision.",
		"Conflicts":                         "No conflicts.",
		"Unregistered intros":               "No unregistered intros.",
		"Expiring and lapsed registrations": "No registrations expiring or lapsed.",
		"Pipeline by owner":                 "No open partner pipeline.",
	} {
		if got := onlyPara(t, d, title); got != want {
			t.Errorf("section %q reads %q, want %q", title, got, want)
		}
	}
}

func TestWhenAcrossDST(t *testing.T) {
	for id, want := range map[string]string{
		"1on1/dana-cruz/2026-10-27": "When: Tue 27 Oct 2026, 10:00–10:30 EDT",
		"1on1/dana-cruz/2026-11-03": "When: Tue 3 Nov 2026, 10:00–10:30 EST",
	} {
		d := parseMD(Markdown(occurrenceInput(t, id, nil)))
		if got := d.items(children(d.root)[1])[0].Text; got != want {
			t.Errorf("%s: %q, want %q", id, got, want)
		}
	}
}

func TestWhen(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, c := range []struct{ start, end, want string }{
		{"2026-11-24T15:00:00Z", "2026-11-24T15:30:00Z", "Tue 24 Nov 2026, 10:00–10:30 EST"},
		{"2026-11-25T04:30:00Z", "2026-11-25T05:15:00Z", "Tue 24 Nov 2026, 23:30 EST – Wed 25 Nov 2026, 00:15 EST"},
		{"2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z", "Sun 1 Nov 2026, 01:30 EDT–01:30 EST"},
		{"2026-11-24T15:00:00Z", "2026-11-24T15:00:00Z", "Tue 24 Nov 2026, 10:00 EST"},
	} {
		if got := when(at(c.start), at(c.end), ny); got != c.want {
			t.Errorf("when(%s, %s) = %q, want %q", c.start, c.end, got, c.want)
		}
	}
}

func TestMovedStatus(t *testing.T) {
	const id = "1on1/dana-cruz/2026-11-24"
	rec := cadence.MeetingRecord{ID: id, At: time.Date(2026, 11, 25, 16, 0, 0, 0, time.UTC)}
	d := parseMD(Markdown(occurrenceInput(t, id, &rec)))
	items := d.items(children(d.root)[1])
	if items[0].Text != "When: Wed 25 Nov 2026, 11:00–11:30 EST" || items[2].Text != "Status: scheduled (moved from 2026-11-24)" {
		t.Errorf("header %+v", items)
	}
}

func TestTopPartners(t *testing.T) {
	regs := []cadence.Registration{
		{Partner: "B", Status: cadence.RegWon, Closed: d("2026-10-02"), Amount: 10, Attribution: cadence.Sourced},
		{Partner: "a", Status: cadence.RegWon, Closed: d("2026-10-03"), Amount: 10, Attribution: cadence.Sourced},
		{Partner: "A", Status: cadence.RegWon, Closed: d("2026-10-04"), Amount: 5, Attribution: cadence.Influenced},
		{Partner: "C", Status: cadence.RegWon, Closed: d("2026-10-05"), Amount: 99, Attribution: cadence.Influenced},
		{Partner: "D", Status: cadence.RegWon, Closed: d("2026-09-30"), Amount: 99, Attribution: cadence.Sourced},
		{Partner: "E", Status: cadence.RegApproved, Amount: 99, Attribution: cadence.Sourced},
		{Partner: "F", Status: cadence.RegWon, Closed: d("2026-12-31"), Amount: 7, Attribution: cadence.Sourced},
	}
	got := TopPartners(regs, d("2026-10-01"), d("2026-12-31"), 0)
	want := []PartnerRevenue{{"a", 10, 5}, {"B", 10, 0}, {"F", 7, 0}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("TopPartners (-want +got):\n%s", diff)
	}
	if got := TopPartners(regs, d("2026-10-01"), d("2026-12-31"), 2); len(got) != 2 {
		t.Errorf("TopPartners(n=2) returned %d", len(got))
	}
}

func TestBrief(t *testing.T) {
	in := oneOnOneInput(t)
	want := "Who: Jordan Lee, Dana Cruz\n\nTalking points:\n# Renewal\n- ask about *Q1* plans\n```\nunclosed fence\n\n" +
		"Open action items: 1\n\nFull agenda: cadence agenda 1on1/dana-cruz/2026-11-24"
	if got := Brief(in.Occurrence); got != want {
		t.Errorf("Brief = %q, want %q", got, want)
	}
}

// TestReadoutTrend: the trend is a table of each KPI by quarter, oldest
// first, as a GFM parser reads it; open pipeline and coverage show for the
// quarter of the readout alone.
func TestReadoutTrend(t *testing.T) {
	cur := fixtureKPIs(t)
	prev := cur
	prev.Quarter = cadence.Quarter{Year: 2026, Q: 3}
	prev.SourcedRevenue = cadence.Deals{Amount: 300000, Count: 2}
	prev.ActivePartners = 25
	prev.Coverage = cadence.Coverage{Over: true}
	prev.Satisfaction = cadence.Satisfaction{}
	d := parseMD(Readout([]cadence.KPIs{prev, cur}, nil, nil, nil))
	checkHeadings(t, d, []mdHeading{{1, "Partnerships readout: 2026-Q4"}, {2, "KPIs"}, {2, "Trend"},
		{2, "Workload threshold"}, {2, "Flags"}, {3, "By kind"}, {3, "By owner"}, {2, "Top partners by sourced revenue"}})
	nodes := section(t, d, "Trend")
	if len(nodes) != 2 {
		t.Fatalf("trend: %d nodes, want a paragraph and a table", len(nodes))
	}
	if _, ok := nodes[1].(*east.Table); !ok {
		t.Fatalf("trend holds a %s, want a table", nodes[1].Kind())
	}
	trend := d.cells(nodes[1])
	if diff := cmp.Diff([]string{"KPI", "2026-Q3", "2026-Q4"}, trend[0]); diff != "" {
		t.Errorf("trend header (-want +got):\n%s", diff)
	}
	for _, want := range [][]string{
		{"Partner-sourced revenue", "$300,000", "$120,000"},
		{"Open partner pipeline", "—", "$110,000"},
		{"Pipeline coverage", "—", "0.1×"},
		{"Active partners", "25", "1"},
		{"Partner satisfaction", "—", "7.0/10"},
	} {
		if !slices.ContainsFunc(trend, func(r []string) bool { return slices.Equal(r, want) }) {
			t.Errorf("no trend row %q in %q", want, trend)
		}
	}
	if len(trend) != 13 {
		t.Errorf("%d trend rows, want a header and 12 KPIs", len(trend))
	}
}
