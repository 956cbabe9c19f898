package main

import (
	"github.com/spf13/cobra"
)

func newRootCmd() *cobra.Command {
	g := &globals{}
	var withDemo bool
	root := &cobra.Command{
		Use:   "cadence",
		Short: "Run a partnerships team's operating cadence from the terminal",
		Long: `cadence runs a partnerships team's operating cadence: weekly 1:1s with each
partner manager, the monthly joint pipeline review with sales, QBRs with
top-tier partners and the executive readout. It flags what falls through the
cracks: registrations nobody decided or about to lapse, intros nobody
registered, partners who went quiet, meetings that did not happen.`,
		Example: `  cadence --demo                           # open the app on a demo team
  cadence                                  # open the app on your own data
  cadence demo --db /tmp/demo.db          # write a demo team's data
  cadence --db /tmp/demo.db flags          # what fell through the cracks
  cadence import partners partners.csv     # bring in your CRM export
  cadence export -o cadence.json           # everything, portable`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runApp(cmd.Context(), g, withDemo)
		},
	}
	root.Flags().BoolVar(&withDemo, "demo", false, "open the app on a generated demo team in a temporary database (removed on exit)")
	g.stderr = root.ErrOrStderr
	g.register(root)
	root.AddCommand(
		newFlagsCmd(g),
		newDemoCmd(g),
		newImportCmd(g),
		newExportCmd(g),
		newRestoreCmd(g),
		newBackupCmd(g),
		newAgendaCmd(g),
		newReadoutCmd(g),
		newCalendarCmd(g),
		newDoctorCmd(g),
		newServeCmd(g),
		newManCmd(),
	)
	addCompletions(root, g)
	return root
}
