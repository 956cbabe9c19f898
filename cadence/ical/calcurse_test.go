package ical

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"partnercadence/cadence"
)

// calcurse is the importer CI checks the calendar with (issue 5): every
// event imported, none skipped, the times right across the DST change.
// Without calcurse the test is skipped, unless CI=true: then it fails.
func calcurse(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("calcurse")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("calcurse is not on PATH and CI=true: install it (apt-get install -y calcurse)")
		}
		t.Skip("calcurse is not on PATH (apt-get install -y calcurse); set CI=true to make this a failure")
	}
	return bin
}

type apt struct {
	start, end int64
	summary    string
}

var (
	importReport = regexp.MustCompile(`(\d+) apps / (\d+) events / (\d+) todos / (\d+) skipped`)
	queryLine    = regexp.MustCompile(`^(\d+) (\d+) (\S*) (.*)$`)
)

func TestCalcurseImport(t *testing.T) {
	bin := calcurse(t)
	cfg := configIn(t, "")
	const moved, cancelled = "1on1/dana-cruz/2026-11-24", "1on1/dana-cruz/2026-11-17"
	hostile := "Who: Dana, Jordan; \\back\\slash\nline two 🎉 日本語 " + strings.Repeat("long text ", 20)
	occs := occurrences(t, cfg, map[string]cadence.MeetingRecord{
		moved:     {ID: moved, At: time.Date(2026, 11, 25, 16, 0, 0, 0, time.UTC)},
		cancelled: {ID: cancelled, Status: cadence.MeetingCancelled},
		"adhoc/1": {ID: "adhoc/1", Title: "Launch; party, \\o/ 🎉\nsecond line", At: time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC), Minutes: 90},
		"adhoc/2": {ID: "adhoc/2", Title: "Repeated hour", At: time.Date(2026, 11, 1, 6, 30, 0, 0, time.UTC), Minutes: 20},
	})
	var want []apt
	descriptions := map[string]string{}
	for _, o := range occs {
		if o.Scheduled() {
			want = append(want, apt{o.Start.Unix(), o.End.Unix(), summaryText(o.Title)})
			descriptions[summaryText(o.Title)+"@"+strconv.FormatInt(o.Start.Unix(), 10)] = textValue(hostile + "\n" + o.ID)
		}
	}
	file := filepath.Join(t.TempDir(), "cadence.ics")
	data := write(t, cfg, occs, fixtureNow, func(o cadence.Occurrence) string { return hostile + "\n" + o.ID })
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	// calcurse stores wall-clock times in its own zone: import in two zones
	// other than the calendar's and compare instants.
	for _, zone := range []string{"UTC", "Australia/Sydney"} {
		t.Run(zone, func(t *testing.T) {
			dir := t.TempDir()
			run := func(args ...string) string {
				t.Helper()
				cmd := exec.Command(bin, append([]string{"-D", dir, "-C", dir}, args...)...)
				cmd.Env = append(os.Environ(), "TZ="+zone, "HOME="+dir)
				out, err := cmd.CombinedOutput()
				if err != nil {
					t.Fatalf("calcurse %s: %v\n%s", strings.Join(args, " "), err, out)
				}
				return string(out)
			}
			report := run("-i", file)
			m := importReport.FindStringSubmatch(report)
			if m == nil {
				t.Fatalf("no import report in %q", report)
			}
			if m[1] != strconv.Itoa(len(want)) || m[2] != "0" || m[3] != "0" || m[4] != "0" {
				t.Fatalf("calcurse imported %s apps, %s events, %s todos, %s skipped; want %d apps and nothing else\n%s",
					m[1], m[2], m[3], m[4], len(want), report)
			}
			out := run("-Q", "--input-datefmt", "4", "--from", "2026-10-18", "--to", "2026-12-02",
				"--format-apt", "%s %e %n %m\n")
			var got []apt
			for line := range strings.SplitSeq(out, "\n") {
				m := queryLine.FindStringSubmatch(line)
				if m == nil {
					continue
				}
				start, _ := strconv.ParseInt(m[1], 10, 64)
				end, _ := strconv.ParseInt(m[2], 10, 64)
				got = append(got, apt{start, end, m[4]})
				note, err := os.ReadFile(filepath.Join(dir, "notes", m[3]))
				if err != nil {
					t.Errorf("%s: note %s: %v", m[4], m[3], err)
					continue
				}
				if d := descriptions[m[4]+"@"+m[1]]; !strings.HasPrefix(string(note), d) {
					t.Errorf("%s: calcurse's note reads %q, want it to start with %q", m[4], note, d)
				}
			}
			cmp := func(a, b apt) int {
				if a.start != b.start {
					return int(a.start - b.start)
				}
				return strings.Compare(a.summary, b.summary)
			}
			slices.SortFunc(got, cmp)
			slices.SortFunc(want, cmp)
			if !slices.Equal(got, want) {
				t.Errorf("calcurse holds\n%v\nwant\n%v\n%s", got, want, out)
			}
			// The 10:00 New York 1:1 either side of the change.
			for _, at := range []string{"2026-10-27T14:00:00Z", "2026-11-03T15:00:00Z"} {
				ts, _ := time.Parse(time.RFC3339, at)
				if !slices.ContainsFunc(got, func(a apt) bool { return a.start == ts.Unix() && a.summary == "1:1 with Dana Cruz" }) {
					t.Errorf("calcurse has no 1:1 at %s", at)
				}
			}
		})
	}
}
