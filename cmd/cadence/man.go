package main

import (
	"fmt"
	"strings"

	mcobra "github.com/muesli/mango-cobra"
	"github.com/muesli/roff"
	"github.com/spf13/cobra"
)

// newManCmd is `cadence man`: the man page, built from the commands' own
// help by mango (as fang's hidden `man` would, but listed, and written to
// the command's output so that it can be redirected and tested).
func newManCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "man",
		Short: "Print cadence's man page (roff)",
		Long: `Print the man page, in roff, made from the commands' help. Read it with
'cadence man | man -l -', or install it where man looks:
'cadence man > ~/.local/share/man/man1/cadence.1'.`,
		Args:              cobra.NoArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, _ []string) error {
			page, err := mcobra.NewManPage(1, cmd.Root())
			if err != nil {
				return fmt.Errorf("man page: %w", err)
			}
			// mango starts a paragraph at every line break: the help's
			// lines, wrapped for a terminal, are joined into one.
			page = page.WithLongDescription(strings.Join(strings.Fields(cmd.Root().Long), " ")).
				WithSection("Files", manFiles).
				WithSection("Exit status", "0 on success, 1 on failure, 2 on bad usage.").
				WithSection("See also", "The README of cadence: the app's keys, the flags, the config, importing CSV.")
			_, err = fmt.Fprint(cmd.OutOrStdout(), page.Build(roff.NewDocument()))
			return err
		},
	}
}

const manFiles = `The config is read from --config FILE, else $CADENCE_CONFIG, else $XDG_CONFIG_HOME/cadence/config.toml (~/.config/cadence/config.toml). ` +
	`The database is --db FILE, else $CADENCE_DB, else $XDG_DATA_HOME/cadence/cadence.db (~/.local/share/cadence/cadence.db).`
