package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"charm.land/ssh"
	"github.com/spf13/cobra"

	"partnercadence/cadence"
)

// sessionCommands are the commands a session may run without the app
// (`ssh -p 23234 HOST flags`): those that only read, and write their output
// back to the session, never to a file on the server.
var sessionCommands = []string{"flags", "agenda", "readout"}

// runCommand runs a read-only command for member and returns its exit
// status: 0, 1 on failure, 2 on bad usage (as the command line's).
func (s *server) runCommand(sess ssh.Session, member string, cfg *cadence.Config, args []string) int {
	// Whatever reads the output, a terminal or a script, the data's control
	// characters reach it as symbols: the server cannot know which it is.
	stdout := &visibleWriter{w: sess}
	stderr := sess.Stderr()
	code := execCommand(sess.Context(), &globals{now: s.g.now, me: member, served: &opened{store: s.store, cfg: cfg}}, args, stdout, stderr)
	if err := stdout.Flush(); err != nil && code == 0 {
		code = 1
	}
	return code
}

// execCommand runs args as one of sessionCommands with g's store and
// config, and returns the exit status.
func execCommand(ctx context.Context, g *globals, args []string, stdout, stderr io.Writer) int {
	root := &cobra.Command{
		Use:   "ssh -p PORT HOST",
		Short: "cadence over SSH: the app, or a read-only command",
		Long: `Over SSH, cadence runs the app (connect with a terminal), or one of these
read-only commands, as you: ` + strings.Join(sessionCommands, ", ") + `. Their output comes
back to you; redirect it on your side (ssh -p PORT HOST agenda ID > agenda.md).`,
		SilenceErrors: true,
		SilenceUsage:  true,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("%q is not a command cadence runs over SSH; these are: %s (and the app: ssh -t)", cadence.VisibleLine(args[0]), strings.Join(sessionCommands, ", "))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			for _, name := range []string{"output", "force"} {
				if f := cmd.Flags().Lookup(name); f != nil && f.Changed {
					return usagef("--%s writes a file on the server; over SSH the output comes back to you: redirect it on your side (> FILE)", name)
				}
			}
			return nil
		},
	}
	root.PersistentFlags().StringVar(&g.now, "now", g.now, "pretend it is TIME: a date (2026-11-23, start of that day) or RFC 3339")
	root.AddCommand(newFlagsCmd(g), newAgendaCmd(g), newReadoutCmd(g))
	for _, c := range root.Commands() {
		for _, name := range []string{"output", "force"} {
			if c.Flags().Lookup(name) != nil {
				_ = c.Flags().MarkHidden(name)
			}
		}
	}
	root.SetArgs(args)
	root.SetIn(strings.NewReader(""))
	root.SetOut(stdout)
	root.SetErr(stderr)
	if err := root.ExecuteContext(ctx); err != nil {
		fmt.Fprintf(stderr, "cadence: %s\n", cadence.Visible(err.Error()))
		if isUsage(err) {
			return 2
		}
		return 1
	}
	return 0
}
