package agenda

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"partnercadence/cadence"
)

// The fuzz targets of the markdown writers beyond FuzzAgenda (a 1:1's and a
// pipeline review's names and notes): every other kind of agenda and the
// readout, with the names, owners, accounts, flag messages, titles,
// attendees, talking points, notes and action texts all fuzzed. Whatever the
// text, the writers never panic, and goldmark reads the document back with
// the agenda's own sections, tables and lists only: each text is text where
// it was put, and nothing in it becomes a heading, a table, a link, an
// image, HTML, code or emphasis (the user's talking points and notes stay
// inside their block quotes).

// fuzzWatchdog crashes the process when one input runs for longer than
// limit, so that an endless loop becomes a crash the fuzz engine records
// with its input (it has no timeout of its own). It measures nothing: every
// input here takes milliseconds.
func fuzzWatchdog(t *testing.T, limit time.Duration) {
	timer := time.AfterFunc(limit, func() {
		panic(fmt.Sprintf("%s: still running after %v (an endless loop?)", t.Name(), limit))
	})
	t.Cleanup(func() { timer.Stop() })
}

// ownLabels are the bold labels the writers put before a value; any other
// emphasis outside a block quote came from the data.
var ownLabels = func() []string {
	out := []string{"When:", "Who:", "Partner:", "Window:", "Status:", "Satisfaction:", "Meeting ID:", "Quarter:"}
	for _, k := range cadence.FlagKinds {
		out = append(out, FlagLabel(k))
	}
	return out
}()

// checkNoInjection walks the document outside its block quotes and fails on
// any node the writers never make from data: links, images, HTML, code,
// strike-through, thematic breaks, and emphasis that is not one of the
// writers' own labels. A web or e-mail address may become an autolink (its
// text unchanged, as the package documents).
func checkNoInjection(t *testing.T, d mdDoc) {
	t.Helper()
	ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Blockquote:
			return ast.WalkSkipChildren, nil // the user's own markdown
		case *ast.Link, *ast.Image, *ast.RawHTML, *ast.HTMLBlock, *ast.CodeSpan, *ast.CodeBlock,
			*ast.FencedCodeBlock, *ast.ThematicBreak, *east.Strikethrough:
			t.Errorf("the document holds a %s from the data: %q\n%s", n.Kind(), d.text(n), d.src)
		case *ast.Emphasis:
			if txt := d.text(n); n.Level != 2 || !slices.Contains(ownLabels, txt) {
				t.Errorf("the document holds emphasis %q (level %d) from the data\n%s", txt, n.Level, d.src)
			}
		}
		return ast.WalkContinue, nil
	})
}

// checkUserText checks the talking points and notes sections: the user's
// markdown in one block quote, or the sentence that says there is none.
func checkUserText(t *testing.T, d mdDoc, talking, notes string) {
	t.Helper()
	for _, s := range []struct{ title, md, empty string }{
		{"Talking points", talking, "No talking points yet."},
		{"Notes", notes, "No notes yet."},
	} {
		nodes := section(t, d, s.title)
		if quote(s.md) == "" {
			if len(nodes) != 1 || d.text(nodes[0]) != s.empty {
				t.Errorf("section %s of empty text %q: %d nodes, want the paragraph %q", s.title, s.md, len(nodes), s.empty)
			}
			continue
		}
		if len(nodes) != 1 || nodes[0].Kind() != ast.KindBlockquote {
			kinds := make([]string, len(nodes))
			for i, n := range nodes {
				kinds[i] = n.Kind().String()
			}
			t.Errorf("section %s of %q holds %v, want one block quote", s.title, s.md, kinds)
		}
	}
}

// actionText is what a reader sees of an action item written by the agenda:
// its text (or "(no text)"), then its details.
func actionText(text, details string) string {
	s := inlineText(text)
	if s == "" {
		s = "(no text)"
	}
	if d := inlineText(details); d != "" {
		s += " — " + d
	}
	return s
}

// flagText is what a reader sees of a flag in a list.
func flagText(f cadence.Flag) string {
	s := FlagLabel(f.Kind)
	if o := inlineText(f.Owner); strings.TrimSpace(f.Owner) != "" {
		s += " (" + o + ")"
	}
	return s + ": " + inlineText(f.Message)
}

// sameLine compares texts as a reader sees them: a parser drops the spaces
// at the end of a paragraph or cell, which the expected text may keep.
func sameLine(got, want string) bool {
	return strings.TrimRight(got, " \t") == strings.TrimRight(want, " \t")
}

// fuzzText are the texts of one fuzz input.
type fuzzText struct {
	name, owner, account, message, action, talking, notes, title string
}

var fuzzSeeds = []fuzzText{
	{hostilePartner, "Dana Cruz", "- leading dash", "Registration R-1 waited: approve it.", "[x] send the deck | today",
		"# Renewal\n- ask about *Q1* plans\n```\nunclosed fence", "Title\n===\n<!-- never closed", "# Launch *party*\nwith | pipes"},
	{"Evil\x1b]0;TITLE\x07Corp", "Evil\x1b]52;c;ZWNobyBwd25lZA==\x07Owner", "\u009b31mAcct", "msg \x00 \x7f", "\r\n",
		"\t\tcode\n    more", "<pre>\n\n## Action items", "\x1b[31mred"},
	{"[link](http://x)", "![img](x.png)", "<b>bold</b>", "`code` ~~strike~~ *em* __strong__", "www.example.com mail@example.com",
		"> already quoted\n>\n> more", "| a | b |\n| - | - |\n| c | d |", "<script>alert(1)</script>"},
	{"", " ", "", "", "", " \n\t\n", "", ""},
	{"1. Numbered Inc", "- Dash", "+ plus", "# hash", "---", "***", "~~~ fence", "=="},
	{"a\nb", "c\rd", "e\r\nf", "x\\", "&amp; &#38; AT&T", "[ref]: /url\n\n[ref]", "Setext\n---", "| only | pipes |"},
	{"\xff\xfe invalid", "café 日本 🎉", "\u00a0nbsp\u00a0", "**bold**", "_x_", "\\`", "    indented", "#"},
}

// FuzzAgendaKinds writes a QBR, a readout's agenda and a one-off meeting with
// every text fuzzed, and a 1:1 whose flags carry the fuzzed owner and
// message.
func FuzzAgendaKinds(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s.name, s.owner, s.account, s.message, s.action, s.talking, s.notes, s.title)
	}
	f.Fuzz(func(t *testing.T, name, owner, account, message, action, talking, notes, title string) {
		fuzzWatchdog(t, 20*time.Second)
		in := fuzzText{name, owner, account, message, action, talking, notes, title}
		fuzzQBR(t, in)
		fuzzReadoutAgenda(t, in)
		fuzzAdhoc(t, in)
		fuzzOneOnOneFlags(t, in)
	})
}

func fuzzRecord(id string, in fuzzText) cadence.MeetingRecord {
	rec := fixtureRecord(id)
	rec.TalkingPoints, rec.Notes = in.talking, in.notes
	rec.Actions = slices.Clone(rec.Actions)
	rec.Actions[0].Text, rec.Actions[0].Owner = in.action, in.owner
	return rec
}

func fuzzQBR(t *testing.T, in fuzzText) {
	slug := cadence.Slug(in.name)
	if slug == "" || cadence.NameKey(in.name) == cadence.NameKey(plainPartner) || slug == cadence.Slug(plainPartner) {
		return // no QBR ID, or the fixture's other partner
	}
	cfg := fixtureCfg(t)
	partners := fixturePartners()
	partners[0].Partner.Name, partners[0].Partner.Owner = in.name, in.owner
	regs := fixtureRegistrations()
	for i := range regs[:3] {
		regs[i].Partner, regs[i].Account = in.name, in.account
	}
	id := "qbr/" + slug + "/2026-Q4"
	rec := fuzzRecord(id, in)
	rec.Satisfaction, rec.Status = 8, cadence.MeetingHeld
	rec.At = time.Date(2026, 10, 20, 18, 0, 0, 0, time.UTC)
	o, err := cfg.OccurrenceByID(id, []cadence.Partner{partners[0].Partner, partners[1].Partner}, map[string]cadence.MeetingRecord{id: rec})
	if err != nil {
		t.Fatalf("OccurrenceByID(%q): %v", id, err)
	}
	sc := cadence.Scorecard(partners[0], regs[:3], nil, cadence.Quarter{Year: 2026, Q: 4}, cfg)
	last := cadence.MeetingRecord{ID: "qbr/" + slug + "/2026-Q3", Status: cadence.MeetingHeld,
		Actions: []cadence.ActionItem{{ID: "Q-1", Text: in.action, Owner: in.owner, Due: d("2026-09-30")}}}
	flags := []cadence.Flag{{Kind: cadence.FlagSilentPartner, Partner: in.name, Owner: in.owner, Ref: slug, Days: 30, Message: in.message}}
	d := parseMD(Markdown(Input{Config: cfg, Now: fixtureNow, Occurrence: o, Partners: partners[:1], Registrations: regs,
		Flags: flags, Scorecard: &sc, LastQBR: &last,
		CarriedOver: []cadence.ActionItem{{ID: "Q-0", Text: in.action, Owner: in.owner, Meeting: "qbr/" + slug + "/2026-Q2"}}}))

	checkHeadings(t, d, []mdHeading{
		{1, inlineText(o.Title)}, {2, "Scorecard"}, {2, "Flags"}, {2, "Commitments from the last QBR"},
		{2, "Open action items"}, {2, "Talking points"}, {2, "Notes"}, {2, "Action items"},
	})
	partner := in.name
	if in.owner != "" {
		partner += " (owner " + in.owner + ")"
	}
	if got := d.items(children(d.root)[1]); len(got) < 3 || !sameLine(got[2].Text, "Partner: "+inlineText(partner)) {
		t.Errorf("QBR header %+v, want its third item Partner: %q", got, inlineText(partner))
	}
	score := onlyTable(t, d, "Scorecard")
	if len(score) < 4 || !sameLine(score[3][1], inlineText(in.owner)) {
		t.Errorf("scorecard %q, want the owner %q", score, inlineText(in.owner))
	}
	if fl := onlyList(t, d, "Flags"); len(fl) != 1 || !sameLine(fl[0].Text, flagText(flags[0])) {
		t.Errorf("QBR flags %+v, want %q", fl, flagText(flags[0]))
	}
	if oa := onlyList(t, d, "Open action items"); len(oa) != 1 ||
		!sameLine(oa[0].Text, actionText(in.action, strings.Join(nonEmpty(in.owner, "from qbr/"+slug+"/2026-Q2"), ", "))) {
		t.Errorf("open action items %+v, want the action %q of %q", oa, inlineText(in.action), inlineText(in.owner))
	}
	checkUserText(t, d, in.talking, in.notes)
	checkActions(t, d, in)
	checkNoInjection(t, d)
}

// nonEmpty returns the parts whose trimmed text is not empty, as the writer
// leaves out an owner of white space.
func nonEmpty(parts ...string) []string {
	return slices.DeleteFunc(parts, func(s string) bool { return strings.TrimSpace(s) == "" })
}

// checkActions checks the action items of a fuzzRecord: the first has the
// fuzzed text and owner.
func checkActions(t *testing.T, d mdDoc, in fuzzText) {
	t.Helper()
	acts := onlyList(t, d, "Action items")
	want := actionText(in.action, strings.Join(nonEmpty(in.owner, "due 2026-11-27"), ", "))
	if len(acts) != 2 || acts[0].Checked == nil || *acts[0].Checked || !sameLine(acts[0].Text, want) {
		t.Errorf("action items %+v, want the first unchecked and reading %q", acts, want)
	}
}

func fuzzReadoutAgenda(t *testing.T, in fuzzText) {
	const id = "readout/2026-10-29"
	rec := fuzzRecord(id, in)
	o, err := fixtureCfg(t).OccurrenceByID(id, nil, map[string]cadence.MeetingRecord{id: rec})
	if err != nil {
		t.Fatal(err)
	}
	input := occurrenceInput(t, id, nil)
	input.Occurrence = o
	k := fixtureKPIs(t)
	input.KPIs = &k
	input.Top = []PartnerRevenue{{Partner: in.name, Sourced: 120000, Influenced: 5}}
	input.Flags = fuzzFlags(in)
	d := parseMD(Markdown(input))
	want := []mdHeading{{1, "Executive readout (2026-Q3)"}, {2, "Carried over"}}
	want = append(want, readoutSections...)
	want = append(want, mdHeading{2, "Talking points"}, mdHeading{2, "Notes"}, mdHeading{2, "Action items"})
	checkHeadings(t, d, want)
	checkReadoutTables(t, d, in)
	checkUserText(t, d, in.talking, in.notes)
	checkActions(t, d, in)
	checkNoInjection(t, d)
}

// fuzzFlags are flags of three kinds, all owned by the fuzzed owner.
func fuzzFlags(in fuzzText) []cadence.Flag {
	return []cadence.Flag{
		{Kind: cadence.FlagRegistrationOverdue, Partner: in.name, Owner: in.owner, Ref: "R-1", Days: 5, Message: in.message},
		{Kind: cadence.FlagIntroUnregistered, Partner: in.name, Owner: in.owner, Ref: "x/y", Days: 9, Message: in.message},
		{Kind: cadence.FlagActionOverdue, Partner: "", Owner: in.owner, Ref: "A-1", Days: 2, Message: in.message},
	}
}

// checkReadoutTables checks the readout's tables that carry data: the flags
// by owner (one owner, three flags) and the top partners.
func checkReadoutTables(t *testing.T, d mdDoc, in fuzzText) {
	t.Helper()
	owner := strings.TrimSpace(in.owner)
	if owner == "" {
		owner = "nobody"
	}
	byOwner := onlyTable(t, d, "By owner")
	if len(byOwner) != 2 || !sameLine(byOwner[1][0], inlineText(owner)) || byOwner[1][1] != "3" {
		t.Errorf("flags by owner %q, want one row for %q with 3 flags", byOwner, inlineText(owner))
	}
	top := onlyTable(t, d, "Top partners by sourced revenue")
	if len(top) != 2 || !sameLine(top[1][1], inlineText(in.name)) || top[1][2] != "$120,000" {
		t.Errorf("top partners %q, want one row for %q", top, inlineText(in.name))
	}
}

func fuzzAdhoc(t *testing.T, in fuzzText) {
	cfg := fixtureCfg(t)
	rec := fuzzRecord("adhoc/7", in)
	rec.Title, rec.At, rec.Minutes = in.title, time.Date(2026, 12, 2, 20, 30, 0, 0, time.UTC), 90
	rec.Attendees = []string{in.name, in.owner}
	o, err := cfg.OccurrenceByID("adhoc/7", nil, map[string]cadence.MeetingRecord{"adhoc/7": rec})
	if err != nil {
		t.Fatal(err)
	}
	d := parseMD(Markdown(Input{Config: cfg, Now: fixtureNow, Occurrence: o, Flags: fuzzFlags(in)}))
	checkHeadings(t, d, []mdHeading{{1, inlineText(o.Title)}, {2, "Talking points"}, {2, "Notes"}, {2, "Action items"}})
	who := "nobody listed"
	if len(o.Attendees) > 0 {
		who = strings.Join(o.Attendees, ", ")
	}
	if items := d.items(children(d.root)[1]); len(items) != 4 || !sameLine(items[1].Text, "Who: "+inlineText(who)) {
		t.Errorf("one-off header %+v, want Who: %q", items, inlineText(who))
	}
	checkUserText(t, d, in.talking, in.notes)
	checkActions(t, d, in)
	checkNoInjection(t, d)
}

func fuzzOneOnOneFlags(t *testing.T, in fuzzText) {
	input := oneOnOneInput(t)
	input.Flags = fuzzFlags(in)
	rec := fuzzRecord(input.Occurrence.ID, in)
	input.Occurrence.Record = &rec
	d := parseMD(Markdown(input))
	checkHeadings(t, d, []mdHeading{
		{1, "1:1 with Dana Cruz"}, {2, "Carried over"}, {2, "Flags"}, {2, "Pipeline"},
		{2, "Talking points"}, {2, "Notes"}, {2, "Action items"},
	})
	fl := onlyList(t, d, "Flags")
	if len(fl) != len(input.Flags) {
		t.Fatalf("flags %+v, want %d", fl, len(input.Flags))
	}
	for i, f := range input.Flags {
		if !sameLine(fl[i].Text, flagText(f)) || fl[i].Checked != nil {
			t.Errorf("flag %d reads %q, want %q", i, fl[i].Text, flagText(f))
		}
	}
	checkUserText(t, d, in.talking, in.notes)
	checkActions(t, d, in)
	checkNoInjection(t, d)
}

// FuzzReadout writes the executive readout with a fuzzed partner among the
// top partners and a fuzzed owner of every flag.
func FuzzReadout(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s.name, s.owner, s.message)
	}
	f.Fuzz(func(t *testing.T, name, owner, message string) {
		fuzzWatchdog(t, 20*time.Second)
		in := fuzzText{name: name, owner: owner, message: message}
		top := []PartnerRevenue{{Partner: name, Sourced: 120000, Influenced: 5}, {Partner: "Acme", Sourced: 0, Influenced: 9}}
		d := parseMD(Readout([]cadence.KPIs{fixtureKPIs(t)}, fuzzFlags(in), top, nil))
		checkHeadings(t, d, append([]mdHeading{{1, "Partnerships readout: 2026-Q4"}}, readoutSections...))
		checkReadoutTables(t, d, in)
		checkNoInjection(t, d)
	})
}
