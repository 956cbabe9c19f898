package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"partnercadence/cadence/csvimport"
	"partnercadence/store"
)

// warn prints the importer's warnings (e.g. columns it ignores) to stderr.
func warn(cmd *cobra.Command, warnings []csvimport.Problem) {
	for _, w := range warnings {
		fmt.Fprintf(cmd.ErrOrStderr(), "warning: %s\n", w)
	}
}

func newImportCmd(g *globals) *cobra.Command {
	var dryRun bool
	cmd := &cobra.Command{
		Use:   "import partners|registrations|touchpoints FILE.csv",
		Short: "Import a CSV export (Salesforce, HubSpot or cadence's own columns)",
		Long: `Import partners, deal registrations or touchpoints from a CSV file. Headers are
matched ignoring case, spaces and underscores, with the usual CRM export names as
aliases (see the README). One file is one transaction: if any row is bad, nothing
is written and every bad row is reported as FILE:LINE: column: problem.
Importing the same file again changes nothing; an empty cell never erases a
stored value.`,
		Example: `  cadence import partners partners.csv
  cadence import registrations "Deal Registrations Report.csv" --dry-run`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return usagef("import needs what to import and a file: cadence import partners|registrations|touchpoints FILE.csv")
			}
			switch args[0] {
			case "partners", "registrations", "touchpoints":
				return nil
			}
			return usagef("cannot import %q: choose partners, registrations or touchpoints", args[0])
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			kind, file := args[0], args[1]
			f, err := os.Open(file)
			if err != nil {
				return err
			}
			defer f.Close()
			s, err := g.open(true)
			if err != nil {
				return err
			}
			defer s.store.Close()
			var res store.ImportResult
			switch kind {
			case "partners":
				rows, warnings, perr := csvimport.Partners(f, file)
				if perr != nil {
					return perr
				}
				warn(cmd, warnings)
				res, err = s.store.ImportPartners(s.cfg, file, rows, dryRun)
			case "registrations":
				rows, warnings, perr := csvimport.Registrations(f, file)
				if perr != nil {
					return perr
				}
				warn(cmd, warnings)
				res, err = s.store.ImportRegistrations(s.cfg, file, rows, dryRun)
			case "touchpoints":
				rows, warnings, perr := csvimport.Touchpoints(f, file)
				if perr != nil {
					return perr
				}
				warn(cmd, warnings)
				res, err = s.store.ImportTouchpoints(s.cfg, file, rows, dryRun)
			}
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if dryRun {
				for _, c := range res.Changes {
					fmt.Fprintln(out, c)
				}
				fmt.Fprintf(out, "dry run: would add %d and change %d %s (%d unchanged); nothing was written\n", res.Added, res.Changed, kind, res.Unchanged)
				return nil
			}
			fmt.Fprintf(out, "imported %s: %d added, %d changed, %d unchanged\n", file, res.Added, res.Changed, res.Unchanged)
			return nil
		},
	}
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "print what would be added and changed, and write nothing")
	return cmd
}
