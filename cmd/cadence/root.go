package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func newRootCmd() *cobra.Command {
	g := &globals{}
	root := &cobra.Command{
		Use:   "cadence",
		Short: "Run a partnerships team's operating cadence from the terminal",
		Long: `cadence runs a partnerships team's operating cadence: weekly 1:1s with each
partner manager, the monthly joint pipeline review with sales, QBRs with
top-tier partners and the executive readout. It flags what falls through the
cracks: registrations nobody decided or about to lapse, intros nobody
registered, partners who went quiet, meetings that did not happen.`,
		Example: `  cadence demo --db /tmp/demo.db          # write a demo team's data
  cadence --db /tmp/demo.db flags          # what fell through the cracks
  cadence import partners partners.csv     # bring in your CRM export
  cadence export -o cadence.json           # everything, portable`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprint(cmd.OutOrStdout(), `The interactive app is not part of this build yet; use the commands:

  cadence demo --db FILE [--size small|large] [--seed N]   write a demo dataset
  cadence flags [--json]                                   print every flag
  cadence import partners|registrations|touchpoints FILE   import a CSV export
  cadence export [-o FILE] / cadence restore FILE          everything, as JSON
  cadence backup FILE                                      a consistent copy

Run 'cadence --help' for the options.
`)
			return nil
		},
	}
	g.register(root)
	root.AddCommand(
		newFlagsCmd(g),
		newDemoCmd(g),
		newImportCmd(g),
		newExportCmd(g),
		newRestoreCmd(g),
		newBackupCmd(g),
	)
	return root
}
