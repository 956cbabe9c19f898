package cadence_test

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"partnercadence/cadence"
	"partnercadence/cadence/demo"
)

// watchdog crashes the process when one fuzz input runs for longer than
// limit: the fuzz engine has no timeout of its own, and a crash is what it
// records (with the input) instead of stalling. It measures nothing: every
// input here takes milliseconds.
func watchdog(t *testing.T, what string, limit time.Duration) {
	timer := time.AfterFunc(limit, func() {
		panic(fmt.Sprintf("%s: still running after %v (an endless loop?)", what, limit))
	})
	t.Cleanup(func() { timer.Stop() })
}

// configSeeds are config files the fuzzer starts from: the documented
// example, the demo's, and files that exercise every kind of problem.
func configSeeds(f *testing.F) [][]byte {
	f.Helper()
	example, err := os.ReadFile("../config.example.toml")
	if err != nil {
		f.Fatal(err)
	}
	seeds := [][]byte{example, []byte(demo.Config(demo.Small, time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)))}
	for _, s := range []string{
		"",
		"timezone = America/New_York",
		"me = \"a\"\n\nme = \"b\"",
		"[cadence.qbr\ntiers = [1]",
		"holidays = [2026-12-25,\n2026-12-26\nme = \"x\"",
		"timzone = \"UTC\"",
		"[[team]]\nname = \"A\"\nrole = \"head\"\n[[team]]\nname = \"a\"\nrole = \"exec\"\nemial = \"x\"",
		"[team]\nname = \"A\"",
		"team = 3",
		"cadence = []",
		"[flags]\nsilent_after_days = { tier1 = 10,\n  tier4 = 5 }",
		"[cadence.pipeline_review]\nday = \"day 31\"\n[cadence.readout]\nevery = \"month\"\nday = \"fifth fri\"",
		"[cadence.one_on_one]\nweekday = \"sunday\"\ntime = \"23:59\"\nminutes = 1440",
		"timezone = \"Pacific/Kiritimati\"\nholidays = [2026-12-25, \"2026-12-26\", 3]",
		"timezone = \"America/New_York\"\nstart = 2040-12-27\n[cadence.one_on_one]\ntime = \"01:30\"",
		"fiscal_year_start_month = 13\ncurrency = \"€€€\"\n[targets]\nnew_arr = 1.5e300",
		"\"timezone\" = \"UTC\"\ncadence.qbr.tiers = [3, 2, 2]\n'me' = \"nobody\"",
		"[[team]]\nname = \"Dana\"\nrole = \"partner_manager\"\none_on_one = { weekday = \"wed\" }\nsince = 2026-03-02\nssh_keys = [\"ssh-ed25519 AAAA x\", \"ssh-ed25519 AAAA y\"]",
		"a.b.c = 1\n[x.\"y.z\"]\n[[x.w]]\n[[team.one_on_one]]",
		"timezone = \"\x1b]0;TITLE\x07\"\n\x00 = 1",
	} {
		seeds = append(seeds, []byte(s))
	}
	return seeds
}

// FuzzConfig feeds any bytes to the config parser. It never panics; every
// problem it reports names the file, and a line within the file where the
// file wrote the key (a syntax error always has one); and a config that
// parses gives a schedule — a few weeks of meetings from a fuzzed date,
// every ID read back, the neighbours in each series, the next 1:1s and the
// missed-meeting flags — without a panic or an endless loop.
func FuzzConfig(f *testing.F) {
	for i, s := range configSeeds(f) {
		f.Add(s, int16(i*97-400))
	}
	f.Fuzz(func(t *testing.T, data []byte, day int16) {
		watchdog(t, "FuzzConfig", 20*time.Second)
		const path = "fuzz/config.toml"
		cfg, err := cadence.ParseConfig(data, path)
		if err != nil {
			if cfg != nil {
				t.Errorf("ParseConfig returned a config with the error %v", err)
			}
			checkConfigErrors(t, data, path, err)
			return
		}
		if cfg == nil || cfg.Location == nil {
			t.Fatalf("ParseConfig returned %v and no error", cfg)
		}
		checkSchedule(t, cfg, cadence.NewDate(2026, 1, 1).AddDays(int(day)))
	})
}

// checkConfigErrors checks that every problem of err is a *ConfigError on
// path, with a problem to read and a line inside the file; that a syntax
// error has a line; and that a problem about a key the file wrote points at a
// line.
func checkConfigErrors(t *testing.T, data []byte, path string, err error) {
	t.Helper()
	lines := 1 + strings.Count(string(data), "\n")
	_, syntaxErr := toml.Decode(string(data), new(map[string]any))
	var pe toml.ParseError
	syntax := errors.As(syntaxErr, &pe)

	var leaves []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		leaves = j.Unwrap()
	} else {
		leaves = []error{err}
	}
	defined := map[string]bool{}
	if !syntax {
		var v map[string]any
		md, _ := toml.Decode(string(data), &v)
		for _, k := range md.Keys() {
			defined[strings.Join(k, ".")] = true
		}
	}
	for _, e := range leaves {
		ce, ok := e.(*cadence.ConfigError)
		if !ok {
			t.Errorf("problem %T %q is not a *cadence.ConfigError", e, e)
			continue
		}
		if ce.Path != path || !strings.HasPrefix(ce.Error(), path+":") {
			t.Errorf("problem %q does not name the file %s", ce.Error(), path)
		}
		if strings.TrimSpace(ce.Problem) == "" {
			t.Errorf("problem %q says nothing", ce.Error())
		}
		if ce.Line < 0 || ce.Line > lines {
			t.Errorf("problem %q: line %d of a file of %d lines", ce.Error(), ce.Line, lines)
		}
		switch {
		case syntax && ce.Line == 0:
			t.Errorf("syntax error %q has no line (decoder: %v)", ce.Error(), syntaxErr)
		case !syntax && defined[ce.Key] && ce.Line == 0:
			t.Errorf("problem %q is about key %s, which the file writes, but has no line", ce.Error(), ce.Key)
		}
	}
	if syntax && len(leaves) != 1 {
		t.Errorf("a syntax error gives %d problems, want it alone: %v", len(leaves), err)
	}
}

// checkSchedule works out six weeks of cfg's meetings from from, for one
// partner of every tier, and checks what can be checked without a second
// implementation: the occurrences are in the range and in order, and each
// ID reads back (OccurrenceByID) as the same meeting.
func checkSchedule(t *testing.T, cfg *cadence.Config, from cadence.Date) {
	t.Helper()
	to := from.AddDays(41)
	partners := []cadence.Partner{
		{Name: "Acme, Inc.", Type: cadence.TypeReseller, Tier: 1, Owner: cfg.Head(), Status: cadence.PartnerActive, Joined: from.AddDays(-400)},
		{Name: "Globex", Type: cadence.TypeISV, Tier: 2, Owner: cfg.Head(), Status: cadence.PartnerActive, Joined: from.AddDays(-30)},
		{Name: "Initech", Type: cadence.TypeSI, Tier: 3, Owner: cfg.Head(), Status: cadence.PartnerOnboarding, Joined: from},
	}
	occs := cfg.Occurrences(from, to, partners, nil)
	for i, o := range occs {
		if o.Date.Before(from) || o.Date.After(to) {
			t.Errorf("Occurrences(%s, %s) holds %s on %s", from, to, o.ID, o.Date)
		}
		if i > 0 && o.Date.Before(occs[i-1].Date) {
			t.Errorf("Occurrences out of order: %s on %s after %s on %s", o.ID, o.Date, occs[i-1].ID, occs[i-1].Date)
		}
		if o.Scheduled() && o.End.Before(o.Start) {
			t.Errorf("%s ends at %v, before its start %v", o.ID, o.End, o.Start)
		}
		back, err := cfg.OccurrenceByID(o.ID, partners, nil)
		switch {
		case err != nil:
			t.Errorf("OccurrenceByID(%q), an ID Occurrences gave: %v", o.ID, err)
		case back.ID != o.ID || back.Date != o.Date || !back.Start.Equal(o.Start) || !back.End.Equal(o.End):
			t.Errorf("OccurrenceByID(%q) = %s on %s %v–%v, want %s on %s %v–%v",
				o.ID, back.ID, back.Date, back.Start, back.End, o.ID, o.Date, o.Start, o.End)
		}
		if i < 12 {
			if n, ok := cfg.NextInSeries(o, partners, nil); ok && !n.Planned.After(o.Planned) {
				t.Errorf("NextInSeries(%s) = %s, not later", o.ID, n.ID)
			}
			if p, ok := cfg.PrevInSeries(o, partners, nil); ok && !p.Planned.Before(o.Planned) {
				t.Errorf("PrevInSeries(%s) = %s, not earlier", o.ID, p.ID)
			}
		}
	}
	now := from.Start(cfg.Location).Add(9 * time.Hour)
	for _, m := range cfg.PartnerManagers() {
		if o, ok := cfg.NextOneOnOne(m.Name, now, nil); ok && !o.End.After(now) {
			t.Errorf("NextOneOnOne(%s) at %v ends at %v, already over", m.Name, now, o.End)
		}
	}
	acts := make([]cadence.PartnerActivity, len(partners))
	for i, p := range partners {
		acts[i] = cadence.PartnerActivity{Partner: p}
	}
	for _, fl := range cadence.Flags(cadence.FlagInput{Now: to.Start(cfg.Location), Config: cfg, Partners: acts}) {
		if fl.Kind == "" || fl.Message == "" {
			t.Errorf("flag %+v has no kind or message", fl)
		}
	}
	q := cfg.Fiscal().QuarterOf(from)
	if first, last := cfg.Fiscal().Bounds(q); from.Before(first) || from.After(last) {
		t.Errorf("QuarterOf(%s) = %s, which runs %s to %s", from, q, first, last)
	}
}
