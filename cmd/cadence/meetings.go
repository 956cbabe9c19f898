package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"partnercadence/cadence"
	"partnercadence/cadence/agenda"
	"partnercadence/cadence/ical"
)

func newAgendaCmd(g *globals) *cobra.Command {
	var out string
	var force bool
	cmd := &cobra.Command{
		Use:   "agenda ID | next-1on1 NAME",
		Short: "Print a meeting's agenda as markdown",
		Long: `Print the agenda of any meeting of the cadence as markdown, shaped by its kind:
a 1:1 (carried-over actions, the member's flags, their partners' pipeline, talking
points, notes, action items), a pipeline review, a QBR (the partner's scorecard) or
the executive readout. IDs look like 1on1/dana-cruz/2026-11-24, pipeline/2026-12-01,
qbr/northwind-traders/2026-Q4, readout/2026-12-31; 'next-1on1 NAME' is the next 1:1
with that partner manager.`,
		Example: `  cadence agenda next-1on1 "Dana Cruz"
  cadence agenda qbr/northwind-traders/2026-Q4 -o qbr.md`,
		Args: func(cmd *cobra.Command, args []string) error {
			switch {
			case len(args) == 1 && args[0] != "next-1on1":
				return nil
			case len(args) == 2 && args[0] == "next-1on1":
				return nil
			}
			return usagef("agenda needs a meeting ID (e.g. 1on1/dana-cruz/2026-11-24) or next-1on1 NAME")
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			g.reportOnly()
			s, err := g.open(false)
			if err != nil {
				return err
			}
			defer s.store.Close()
			id := args[0]
			if id == "next-1on1" {
				m, ok := s.cfg.Member(args[1])
				if !ok || m.Role != cadence.RolePartnerManager {
					return fmt.Errorf("%q is not a partner manager on the team (1:1s are with partner managers: %s)", args[1], strings.Join(partnerManagers(s.cfg), ", "))
				}
				today := s.cfg.Today(s.now)
				recs, err := s.store.Records(today.AddDays(-7), today.AddDays(60))
				if err != nil {
					return err
				}
				occ, ok := s.cfg.NextOneOnOne(m.Name, s.now, recs)
				if !ok {
					return fmt.Errorf("no 1:1 with %s is coming up", m.Name)
				}
				id = occ.ID
			}
			in, err := s.store.AgendaInput(s.cfg, s.now, id)
			if err != nil {
				return err
			}
			return writeOutput(cmd.OutOrStdout(), outputFile{path: out, db: s.store.Path(), force: force}, func(w io.Writer) error {
				_, err := io.WriteString(w, agenda.Markdown(in))
				return err
			})
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to FILE instead of standard output")
	cmd.Flags().BoolVar(&force, "force", false, "replace FILE if it exists (never the database)")
	return cmd
}

func partnerManagers(cfg *cadence.Config) []string {
	var names []string
	for _, m := range cfg.PartnerManagers() {
		names = append(names, m.Name)
	}
	return names
}

func newReadoutCmd(g *globals) *cobra.Command {
	var out, quarter string
	var force bool
	cmd := &cobra.Command{
		Use:   "readout [--quarter 2026-Q4]",
		Short: "Print the executive readout of a quarter as markdown",
		Long: `Print the executive readout as markdown: the KPIs of a quarter against the
targets and their trend over the four quarters before it, the workload threshold (15–25 active partners, 50 partner-led
conversations a quarter), flags by kind and owner, and the top partners by
sourced revenue. The quarter defaults to the current fiscal quarter.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			g.reportOnly()
			s, err := g.open(false)
			if err != nil {
				return err
			}
			defer s.store.Close()
			q := s.cfg.Fiscal().QuarterOf(s.cfg.Today(s.now))
			if quarter != "" {
				if q, err = cadence.ParseQuarter(quarter); err != nil {
					return usageError{fmt.Errorf("--quarter: %w", err)}
				}
			}
			data, err := s.store.ReadoutInput(s.cfg, s.now, q)
			if err != nil {
				return err
			}
			trend := cadence.ComputeTrend(data.Trend)
			first, last := s.cfg.Fiscal().Bounds(q)
			top := agenda.TopPartners(data.Trend[len(data.Trend)-1].Registrations, first, last, 10)
			text := agenda.Readout(trend, cadence.Flags(data.Flags), top, s.cfg)
			return writeOutput(cmd.OutOrStdout(), outputFile{path: out, db: s.store.Path(), force: force}, func(w io.Writer) error {
				_, err := io.WriteString(w, text)
				return err
			})
		},
	}
	cmd.Flags().StringVar(&quarter, "quarter", "", "the fiscal QUARTER, e.g. 2026-Q4 (default: this quarter)")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to FILE instead of standard output")
	cmd.Flags().BoolVar(&force, "force", false, "replace FILE if it exists (never the database)")
	return cmd
}

// maxCalendarYears is the longest range one calendar file covers: years of
// a large team's meetings are already more than a calendar app imports
// comfortably, and a range of centuries would run for minutes.
const maxCalendarYears = 5

func newCalendarCmd(g *globals) *cobra.Command {
	var out, from, to string
	var force bool
	cmd := &cobra.Command{
		Use:   "calendar [--from DATE] [--to DATE]",
		Short: "Write the cadence's meetings as iCalendar (RFC 5545)",
		Long: `Write every meeting with a time between --from and --to (default: today and the
next 13 weeks; at most 5 years) as an iCalendar file to import into a calendar app. Each event has
a stable UID, so importing an updated file updates the events instead of
duplicating them, and a SEQUENCE that grows when the meeting's time, status or
title changes; a cancelled meeting is STATUS:CANCELLED. Unscheduled QBRs have
no time yet and are left out until someone schedules them.

With --me NAME on the command line, only the meetings NAME attends: their 1:1s,
the pipeline reviews and readouts they are invited to, QBRs of their partners and
one-off meetings with them. The config's me alone does not filter: a calendar
for the whole team is the default.`,
		Example: `  cadence calendar -o cadence.ics
  cadence calendar --from 2026-11-01 --to 2026-12-31 -o q4.ics
  cadence calendar --me "Dana Cruz" -o dana.ics`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			g.reportOnly()
			s, err := g.open(false)
			if err != nil {
				return err
			}
			defer s.store.Close()
			today := s.cfg.Today(s.now)
			first, last := today, today.AddDays(13*7)
			if from != "" {
				if first, err = cadence.ParseDate(from); err != nil {
					return usageError{fmt.Errorf("--from: %w", err)}
				}
			}
			if to != "" {
				if last, err = cadence.ParseDate(to); err != nil {
					return usageError{fmt.Errorf("--to: %w", err)}
				}
			}
			if last.Before(first) {
				return usagef("--to %s is before --from %s", last, first)
			}
			if limit := first.AddMonths(12 * maxCalendarYears); last.After(limit) {
				return usagef("--from %s --to %s is more than %d years, the most one calendar covers: give a --to no later than %s, and write the rest into another file",
					first, last, maxCalendarYears, limit)
			}
			partners, err := s.store.Partners()
			if err != nil {
				return err
			}
			recs, err := s.store.Records(first, last)
			if err != nil {
				return err
			}
			occs := s.cfg.Occurrences(first, last, partners, recs)
			if g.me != "" {
				me, err := g.meIn(s.cfg)
				if err != nil {
					return err
				}
				occs = attendedBy(occs, me)
			}
			return writeOutput(cmd.OutOrStdout(), outputFile{path: out, db: s.store.Path(), force: force}, func(w io.Writer) error {
				return ical.Write(w, s.cfg, occs, s.now, agenda.Brief)
			})
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "first DATE (default today)")
	cmd.Flags().StringVar(&to, "to", "", "last DATE (default 13 weeks from today)")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to FILE instead of standard output")
	cmd.Flags().BoolVar(&force, "force", false, "replace FILE if it exists (never the database)")
	return cmd
}

// attendedBy keeps the occurrences that member attends.
func attendedBy(occs []cadence.Occurrence, member string) []cadence.Occurrence {
	var out []cadence.Occurrence
	for _, o := range occs {
		if slices.Contains(o.Attendees, member) {
			out = append(out, o)
		}
	}
	return out
}
