package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"partnercadence/cadence"
	"partnercadence/cadence/csvimport"
	"partnercadence/store"
)

// warn prints the importer's warnings (e.g. columns it ignores) to stderr.
// A Problem prints the file's text with its control characters as symbols.
func warn(cmd *cobra.Command, warnings []csvimport.Problem) {
	for _, w := range warnings {
		fmt.Fprintf(cmd.ErrOrStderr(), "warning: %s\n", w)
	}
}

// runImport reads file as kind and imports it. The database is read to
// check the rows and written only when every row is good (see
// store.Importer): until then it is not created, nor locked for writing.
func runImport(cmd *cobra.Command, g *globals, kind, file string, dryRun bool) (store.ImportResult, []csvimport.Mapping, error) {
	var mapped []csvimport.Mapping
	res, err := readAndImport(cmd, g, kind, file, dryRun, &mapped)
	return res, mapped, err
}

// readAndImport is runImport; the CRM values the file mapped go to mapped.
func readAndImport(cmd *cobra.Command, g *globals, kind, file string, dryRun bool, mapped *[]csvimport.Mapping) (store.ImportResult, error) {
	// The config first: its mistakes are worth hearing about before any
	// database is touched.
	cfg, err := g.configFile()
	if err != nil {
		return store.ImportResult{}, err
	}
	path, err := g.dbPath()
	if err != nil {
		return store.ImportResult{}, err
	}
	f, err := os.Open(file)
	if err != nil {
		return store.ImportResult{}, err
	}
	defer f.Close()
	im, err := store.OpenImport(path)
	if err != nil {
		return store.ImportResult{}, err
	}
	opt := func(cfg *cadence.Config) csvimport.Options { return csvimport.OptionsFrom(cfg) }
	if cfg == nil {
		if cfg, err = fallbackConfig(im.Store()); err != nil {
			return store.ImportResult{}, err
		}
		// No config file: a key the import asks for goes into a new one.
		configPath, _, _ := g.configPath()
		opt = func(cfg *cadence.Config) csvimport.Options {
			o := csvimport.OptionsFrom(cfg)
			o.ConfigPath = "a config file (" + configPath + ", or --config FILE; config.example.toml shows every key)"
			return o
		}
	}
	// An import does not depend on the moment, but a --now that is not a
	// time is still a mistake in how it was called.
	if _, err := g.nowIn(cfg); err != nil {
		return store.ImportResult{}, err
	}
	if kind == "salesforce" {
		if info, err := f.Stat(); err == nil && !info.IsDir() {
			return store.ImportResult{}, fmt.Errorf("%s is not a folder: name the folder of a Salesforce Data Export (the one holding Account.csv, Opportunity.csv and User.csv)", cadence.VisibleLine(file))
		}
		x, err := csvimport.ReadSalesforce(file, opt(cfg))
		if err != nil {
			return store.ImportResult{}, err
		}
		warn(cmd, x.Warnings)
		for _, l := range x.Left {
			fmt.Fprintf(cmd.ErrOrStderr(), "left out: %s\n", cadence.VisibleLine(l))
		}
		*mapped = x.Mapped
		return im.Salesforce(cfg, x, dryRun)
	}
	switch kind {
	case "partners":
		in, err := csvimport.ReadPartners(f, file, opt(cfg))
		if err != nil {
			return store.ImportResult{}, err
		}
		warn(cmd, in.Warnings)
		*mapped = in.Mapped
		return im.Partners(cfg, file, in, dryRun)
	case "registrations":
		in, err := csvimport.ReadRegistrations(f, file, opt(cfg))
		if err != nil {
			return store.ImportResult{}, err
		}
		warn(cmd, in.Warnings)
		*mapped = in.Mapped
		return im.Registrations(cfg, file, in, dryRun)
	default:
		in, err := csvimport.ReadTouchpoints(f, file, opt(cfg))
		if err != nil {
			return store.ImportResult{}, err
		}
		warn(cmd, in.Warnings)
		*mapped = in.Mapped
		return im.Touchpoints(cfg, file, in, dryRun)
	}
}

func newImportCmd(g *globals) *cobra.Command {
	var dryRun bool
	cmd := &cobra.Command{
		Use:   "import partners|registrations|touchpoints FILE.csv | import salesforce DIR",
		Short: "Import a CSV export (Salesforce, HubSpot or cadence's own columns)",
		Long: `Import partners, deal registrations or touchpoints from a CSV file. Headers are
matched ignoring case, spaces and underscores, with the usual CRM export names as
aliases (see the README). One file is one transaction: if any row is bad, nothing
is written and every bad row is reported as FILE:LINE: column: problem.
Importing the same file again changes nothing; an empty cell never erases a
stored value.

"import salesforce DIR" reads a Salesforce Data Export folder (Account.csv,
Opportunity.csv, Task.csv, Event.csv, User.csv): the partner accounts (by their
Type, or [import] partner_types), their opportunities as registrations and their
activities as touchpoints, owners found by their user's email. The whole folder
is one transaction.`,
		Example: `  cadence import partners partners.csv
  cadence import registrations "Deal Registrations Report.csv" --dry-run
  cadence import salesforce ~/Downloads/WE_00D5g000004ABCD_1 --dry-run`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return usagef("import needs what to import and a file: cadence import partners|registrations|touchpoints FILE.csv, or cadence import salesforce DIR")
			}
			switch args[0] {
			case "partners", "registrations", "touchpoints", "salesforce":
				return nil
			}
			return usagef("cannot import %q: choose partners, registrations, touchpoints or salesforce", args[0])
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			kind, file := args[0], args[1]
			res, mapped, err := runImport(cmd, g, kind, file, dryRun)
			if err != nil {
				var problems *csvimport.Errors
				if errors.As(err, &problems) {
					if kind == "salesforce" {
						return fmt.Errorf("%w\nnothing was imported: correct the files and run the import again", err)
					}
					return fmt.Errorf("%w\nnothing was imported: correct the file and run the import again", err)
				}
				return err
			}
			out := cmd.OutOrStdout()
			if dryRun {
				if len(mapped) > 0 {
					fmt.Fprintln(out, "CRM values read as cadence values:")
					for _, m := range mapped {
						fmt.Fprintf(out, "  %s\n", m)
					}
				}
				for _, c := range res.Changes {
					fmt.Fprintln(out, cadence.VisibleLine(c))
				}
				what := kind
				if kind == "salesforce" {
					what = "records"
				}
				fmt.Fprintf(out, "dry run: would add %d and change %d %s (%d unchanged); nothing was written\n", res.Added, res.Changed, what, res.Unchanged)
				return nil
			}
			fmt.Fprintf(out, "imported %s: %d added, %d changed, %d unchanged\n", cadence.VisibleLine(file), res.Added, res.Changed, res.Unchanged)
			return nil
		},
	}
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "print what would be added and changed, and write nothing")
	return cmd
}
