package cadence_test

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"partnercadence/cadence"
	"partnercadence/cadence/demo"
)

// smallFlagInput is the small demo's FlagInput at now, made with seed, and
// all of its meeting records.
func smallFlagInput(t *testing.T, seed int64, now time.Time) (cadence.FlagInput, map[string]cadence.MeetingRecord) {
	t.Helper()
	cfg, err := cadence.ParseConfig([]byte(demo.Config(demo.Small, now)), "small demo config")
	if err != nil {
		t.Fatal(err)
	}
	s := newSummarySink(cfg.Today(now))
	if err := demo.Generate(demo.Small, seed, now, s); err != nil {
		t.Fatal(err)
	}
	all := make(map[string]cadence.MeetingRecord, len(s.records))
	for _, r := range s.records {
		all[r.ID] = r
	}
	return s.input(cfg, now), all
}

// TestFlagsMatchPlain holds Flags to the flags as first written
// (PlainFlags), which compute the missed meetings from the full
// Occurrences: the fast paths must not change a flag. It runs the small demo
// at moments around quarter and QBR window ends, weekends, a holiday and DST,
// with the records of the lookback window only and with every record, and
// with some of the settled meetings unsettled again (so that QBRs and 1:1s
// get flagged), then the large demo unless -short.
func TestFlagsMatchPlain(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	var nows []time.Time
	for d := range 400 {
		if d%9 == 0 {
			// Every ninth day of 2026 and into 2027, at a different hour.
			nows = append(nows, time.Date(2026, 1, 1, d%24, 30, 0, 0, ny).AddDate(0, 0, d))
		}
	}
	nows = append(nows,
		time.Date(2026, 11, 23, 9, 0, 0, 0, ny),   // the report's Monday
		time.Date(2026, 11, 11, 23, 59, 0, 0, ny), // the end of a Q4 QBR window
		time.Date(2026, 11, 12, 0, 0, 0, 0, ny),
		time.Date(2026, 3, 8, 12, 0, 0, 0, ny), // DST starts
		time.Date(2027, 1, 1, 0, 30, 0, 0, ny), // a holiday, a quarter's first day
	)
	for i, now := range nows {
		seed := int64(1 + i%3)
		in, all := smallFlagInput(t, seed, now)
		t.Run(fmt.Sprintf("%s/seed%d", now.Format("2006-01-02T15:04"), seed), func(t *testing.T) {
			checkFlagsMatchPlain(t, in)
			in.Records = all
			checkFlagsMatchPlain(t, in)
		})
	}
	if testing.Short() {
		return
	}
	in, err := largeFlagInput()
	if err != nil {
		t.Fatal(err)
	}
	t.Run("large", func(t *testing.T) { checkFlagsMatchPlain(t, in) })
}

// checkFlagsMatchPlain compares Flags with PlainFlags on in, and on
// variants of it that raise more flags, or the same ones by other paths.
func checkFlagsMatchPlain(t *testing.T, in cadence.FlagInput) {
	t.Helper()
	check := func(what string, in cadence.FlagInput) {
		t.Helper()
		got, want := cadence.Flags(in), cadence.PlainFlags(in)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: Flags differ from PlainFlags (-plain +fast):\n%s", what, diff)
		}
	}
	check("as given", in)

	// Every third record loses its status, so that its meeting is no
	// longer settled; every fifth is gone, so that its meeting has no
	// record at all.
	changed := in
	changed.Records = maps.Clone(in.Records)
	for i, id := range slices.Sorted(maps.Keys(in.Records)) {
		switch {
		case i%5 == 0:
			delete(changed.Records, id)
		case i%3 == 0:
			r := changed.Records[id]
			r.Status = ""
			changed.Records[id] = r
		}
	}
	check("records unsettled or gone", changed)

	// Every fourth partner is paused, some of them with a QBR recorded
	// (and unsettled above) but no longer due. Registrations and intros
	// name their partner and account in other cases and spacing, other
	// partners register the same accounts, and the intros' summary lags:
	// it still lists intros that a registration answers.
	changed.Partners = slices.Clone(in.Partners)
	for i := range changed.Partners {
		if i%4 == 0 {
			changed.Partners[i].Partner.Status = cadence.PartnerPaused
		}
	}
	changed.Open = slices.Clone(in.Open)
	changed.Intros = slices.Clone(in.Intros)
	for i := range in.Open {
		r := &changed.Open[i]
		switch i % 7 {
		case 0:
			r.Partner = strings.ToUpper(r.Partner)
		case 1:
			r.Account = " " + strings.ToLower(r.Account) + "  "
		case 2:
			changed.Intros = append(changed.Intros, cadence.Intro{
				Partner: strings.ToLower(r.Partner), Account: strings.ToUpper(r.Account), Date: r.Submitted.AddDays(-30),
			})
		case 3, 4:
			// Another partner registers the same account: a conflict when
			// submitted, none when already won.
			other := *r
			other.ID += "-x"
			other.Partner = in.Partners[i%len(in.Partners)].Partner.Name
			other.Account = strings.ToUpper(r.Account)
			other.Status = cadence.RegSubmitted
			if i%7 == 3 {
				other.Status, other.Closed = cadence.RegWon, r.Submitted
			}
			changed.Open = append(changed.Open, other)
		}
	}
	check("partners paused, names respelled", changed)

	// No records at all: every meeting of the window is missed.
	changed.Records = nil
	check("no records", changed)
}

// TestFlagIndexReused holds Flags with a kept index to Flags without one, as
// the clock moves on over the same data (what the app does), and checks that
// an index of other slices is not used.
func TestFlagIndexReused(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 11, 23, 9, 0, 0, 0, ny)
	in, _ := smallFlagInput(t, 1, start)
	in.Index = cadence.NewFlagIndex(in.Partners, in.Open)
	for h := range 48 {
		at := in
		at.Now = start.Add(time.Duration(h) * 90 * time.Minute)
		want := cadence.Flags(cadence.FlagInput{Now: at.Now, Config: in.Config, Partners: in.Partners,
			Open: in.Open, Intros: in.Intros, Actions: in.Actions, Records: in.Records})
		if diff := cmp.Diff(want, cadence.Flags(at)); diff != "" {
			t.Fatalf("at %s, with the index (-without +with):\n%s", at.Now, diff)
		}
	}
	// An index of other data: a copy of the registrations with every
	// account renamed would hide every conflict if it were used.
	other := slices.Clone(in.Open)
	for i := range other {
		other[i].Account = fmt.Sprintf("account %d", i)
	}
	stale := in
	stale.Index = cadence.NewFlagIndex(in.Partners, other)
	want := cadence.Flags(cadence.FlagInput{Now: in.Now, Config: in.Config, Partners: in.Partners,
		Open: in.Open, Intros: in.Intros, Actions: in.Actions, Records: in.Records})
	if diff := cmp.Diff(want, cadence.Flags(stale)); diff != "" {
		t.Fatalf("an index of other registrations was used (-want +got):\n%s", diff)
	}
	if cadence.CountByKind(want)[cadence.FlagRegistrationConflict] == 0 {
		t.Fatal("the small demo has no conflict: the check above proves nothing")
	}
}
