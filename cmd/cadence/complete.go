package main

import (
	"strings"
	"time"

	"github.com/spf13/cobra"

	"partnercadence/cadence"
	"partnercadence/cadence/demo"
	"partnercadence/store"
)

// Shell completion: cobra's `cadence completion bash|zsh|fish|powershell`
// writes a script that calls `cadence __complete ARGS…` for the candidates;
// the functions here give them. They read the config and the database when
// a candidate depends on them (meeting IDs, names, quarters), and are
// silent: a missing or damaged file, a lock held too long or a bad option
// gives fewer candidates, never a message in the middle of a command line.

// completionTimeout is how long completion waits for a database another
// process holds: a tab key must answer at once.
const completionTimeout = 300 * time.Millisecond

// agendaHorizon is how far ahead completion lists every meeting; beyond
// it, up to agendaReach, only the next meeting of each series (the next
// readout, a QBR due later in the quarter).
const (
	agendaHorizon = 6 * 7
	agendaReach   = 120
)

// addCompletions gives the root's commands their argument and flag
// completions. The commands are found by name, so each stays in its own
// file unchanged.
func addCompletions(root *cobra.Command, g *globals) {
	noFiles := func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	_ = root.RegisterFlagCompletionFunc("me", g.completeMembers)
	_ = root.RegisterFlagCompletionFunc("now", noFiles)
	for _, c := range root.Commands() {
		switch c.Name() {
		case "import":
			c.ValidArgsFunction = completeImport
		case "agenda":
			c.ValidArgsFunction = g.completeAgenda
		case "readout":
			c.ValidArgsFunction = noFiles
			_ = c.RegisterFlagCompletionFunc("quarter", g.completeQuarter)
		case "demo":
			c.ValidArgsFunction = noFiles
			_ = c.RegisterFlagCompletionFunc("size", completeSize)
			_ = c.RegisterFlagCompletionFunc("seed", noFiles)
		case "calendar":
			c.ValidArgsFunction = noFiles
			_ = c.RegisterFlagCompletionFunc("from", noFiles)
			_ = c.RegisterFlagCompletionFunc("to", noFiles)
		case "restore":
			c.ValidArgsFunction = filesEnding("json")
		case "backup":
			c.ValidArgsFunction = filesEnding()
		case "flags", "export", "doctor":
			c.ValidArgsFunction = noFiles
		}
	}
}

// importKinds are what `cadence import` reads, in the order they are best
// imported (partners first: the others name them).
var importKinds = []cobra.Completion{
	cobra.CompletionWithDesc("partners", "name, type, tier, owner, status, joined, …"),
	cobra.CompletionWithDesc("registrations", "deal registrations: id, partner, account, amount, …"),
	cobra.CompletionWithDesc("touchpoints", "calls, emails, meetings, intros: partner, date, kind, …"),
	cobra.CompletionWithDesc("salesforce", "a Salesforce Data Export folder: accounts, opportunities, tasks, events, users"),
}

// completeImport completes import's kind, then its CSV file (a folder
// for salesforce).
func completeImport(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	switch len(args) {
	case 0:
		return withPrefix(importKinds, toComplete), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveKeepOrder
	case 1:
		if args[0] == "salesforce" {
			return nil, cobra.ShellCompDirectiveFilterDirs
		}
		return []cobra.Completion{"csv"}, cobra.ShellCompDirectiveFilterFileExt
	}
	return nil, cobra.ShellCompDirectiveNoFileComp
}

// filesEnding completes one file argument: files with one of the
// extensions, or any file when none is given.
func filesEnding(exts ...string) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		if len(exts) == 0 {
			return nil, cobra.ShellCompDirectiveDefault
		}
		return exts, cobra.ShellCompDirectiveFilterFileExt
	}
}

func completeSize(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var out []cobra.Completion
	for _, s := range demo.Sizes {
		desc := "a team of 6, about 30 partners, two years of history"
		if s == demo.Large {
			desc = "5,000 partners, 1,000,000 touchpoints (takes a while)"
		}
		out = append(out, cobra.CompletionWithDesc(string(s), desc))
	}
	return withPrefix(out, toComplete), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveKeepOrder
}

// withPrefix keeps the candidates that start with prefix.
func withPrefix(cands []cobra.Completion, prefix string) []cobra.Completion {
	var out []cobra.Completion
	for _, c := range cands {
		if strings.HasPrefix(c, prefix) {
			out = append(out, c)
		}
	}
	return out
}

// completionSource is what completion reads: the config (never nil), the
// moment and, when the database could be opened, the store.
type completionSource struct {
	cfg   *cadence.Config
	now   time.Time
	store *store.Store
}

func (s completionSource) Close() {
	if s.store != nil {
		s.store.Close()
	}
}

// completionData opens what completion reads, silently: whatever fails is
// left out. The database is opened only when withStore is set.
func (g *globals) completionData(withStore bool) completionSource {
	var src completionSource
	cfg, err := g.configFile()
	if err != nil {
		cfg = nil
	}
	if withStore || cfg == nil {
		if path, err := g.dbPath(); err == nil {
			if st, err := store.Open(path, store.Options{ReadOnly: true, Timeout: completionTimeout}); err == nil {
				src.store = st
			}
		}
	}
	if cfg == nil {
		var st *store.Store
		if src.store != nil {
			st = src.store
		}
		if cfg, err = fallbackConfig(st); err != nil || cfg == nil {
			cfg = cadence.DefaultConfig()
		}
	}
	src.cfg = cfg
	if src.now, err = g.nowIn(cfg); err != nil {
		src.now = time.Now()
	}
	return src
}

// completeMembers completes --me with the team's names.
func (g *globals) completeMembers(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	src := g.completionData(false)
	defer src.Close()
	var out []cobra.Completion
	for _, m := range src.cfg.Team {
		out = append(out, cobra.CompletionWithDesc(m.Name, string(m.Role)))
	}
	return withPrefix(out, toComplete), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveKeepOrder
}

// completeQuarter completes --quarter with this fiscal quarter and the
// four before it (the quarters the readout's trend shows), newest first.
func (g *globals) completeQuarter(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	src := g.completionData(false)
	defer src.Close()
	q := src.cfg.Fiscal().QuarterOf(src.cfg.Today(src.now))
	var out []cobra.Completion
	for i := range 5 {
		desc := "this quarter"
		if i > 0 {
			first, last := src.cfg.Fiscal().Bounds(q)
			desc = first.String() + " to " + last.String()
		}
		out = append(out, cobra.CompletionWithDesc(q.String(), desc))
		q = q.Prev()
	}
	return withPrefix(out, strings.ToUpper(toComplete)), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveKeepOrder
}

// completeAgenda completes agenda's ID with the meetings of the last week
// and the next six, then the next of every other series (the next
// readout, a QBR due later), in date order, with "next-1on1"; after
// next-1on1, the partner managers' names.
func (g *globals) completeAgenda(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	const directive = cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveKeepOrder
	if len(args) == 1 && args[0] == "next-1on1" {
		src := g.completionData(false)
		defer src.Close()
		var out []cobra.Completion
		for _, m := range src.cfg.PartnerManagers() {
			out = append(out, m.Name)
		}
		return withPrefix(out, toComplete), directive
	}
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	g.reportOnly() // a bounded read, then exit: as the report commands
	src := g.completionData(true)
	defer src.Close()
	out := []cobra.Completion{cobra.CompletionWithDesc("next-1on1", "the next 1:1 with a partner manager: next-1on1 NAME")}
	for _, o := range agendaCandidates(src) {
		out = append(out, cobra.CompletionWithDesc(o.ID, cadence.VisibleLine(o.Title)+", "+o.Date.String()))
	}
	return withPrefix(out, toComplete), directive
}

// agendaCandidates are the meetings agenda's completion offers.
func agendaCandidates(src completionSource) []cadence.Occurrence {
	today := src.cfg.Today(src.now)
	from, horizon, reach := today.AddDays(-7), today.AddDays(agendaHorizon), today.AddDays(agendaReach)
	// This quarter's QBRs, held or due earlier in the quarter, too.
	qbrsFrom, _ := src.cfg.Fiscal().Bounds(src.cfg.Fiscal().QuarterOf(today))
	if from.Before(qbrsFrom) {
		qbrsFrom = from
	}
	var partners []cadence.Partner
	var recs map[string]cadence.MeetingRecord
	if src.store != nil {
		partners, _ = src.store.Partners()
		recs, _ = src.store.Records(qbrsFrom, reach)
	}
	var out []cadence.Occurrence
	seen := map[string]bool{}
	for _, o := range src.cfg.Occurrences(qbrsFrom, reach, partners, recs) {
		switch {
		case o.Date.Before(from) && o.Kind != cadence.KindQBR:
			continue
		case o.Date.After(horizon) && seen[o.Series]:
			continue
		}
		seen[o.Series] = true
		out = append(out, o)
	}
	return out
}
