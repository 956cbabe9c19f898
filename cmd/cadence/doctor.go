package main

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"partnercadence/store"
)

func newDoctorCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "doctor",
		Short: "Check the database file and say how to recover if it is damaged",
		Long: `Check the database file without changing it: every page, bbolt's own
consistency check, and cadence's own — the schema version, every index against
its records, every summary against the history it sums up. Prints what is wrong
in words and how to recover. Exit status 0 when the file is healthy, 1 when not.
It reads the whole file, holding it read-only meanwhile (a save in the app
waits; a large database takes seconds).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, err := g.dbPath()
			if err != nil {
				return err
			}
			// A config file dates meeting records as the writers did; with
			// none, Doctor uses the one embedded in the database.
			cfg, err := g.configFile()
			if err != nil {
				return err
			}
			r, err := store.Doctor(path, cfg)
			if err != nil {
				return err
			}
			writeReport(cmd.OutOrStdout(), r)
			if !r.Healthy() {
				return fmt.Errorf("%s is not healthy: %s", path, plural(r.Count(), "problem"))
			}
			return nil
		},
	}
}

// writeReport prints a doctor's report: a healthy file in one line, else the
// problems (the first store.MaxProblems, then a count) and what to do.
func writeReport(w io.Writer, r *store.Report) {
	if r.Healthy() {
		fmt.Fprintf(w, "%s is healthy: %s, %s, %s, %s (schema version %d; %s checked in %s)\n",
			r.Path, plural(r.Partners, "partner"), plural(r.Registrations, "registration"),
			plural(r.Touchpoints, "touchpoint"), plural(r.Meetings, "meeting record"),
			r.Version, plural(r.Pages, "page"), r.Took.Round(time.Millisecond))
	} else {
		fmt.Fprintf(w, "%s has %s:\n", r.Path, plural(r.Count(), "problem"))
		for _, p := range r.Problems {
			fmt.Fprintf(w, "  - %s\n", p)
		}
		if r.More > 0 {
			fmt.Fprintf(w, "  … and %s more\n", plural(r.More, "problem"))
		}
	}
	for _, n := range r.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
	if a := r.Advice(); a != "" {
		fmt.Fprintf(w, "What to do: %s\n", a)
	}
}

// plural writes n and the noun, with an s unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
