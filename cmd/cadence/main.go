// Command cadence runs a partnerships team's operating cadence: the weekly
// 1:1s, the monthly pipeline review, QBRs and the executive readout, and the
// flags for whatever falls through the cracks. See the README.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"charm.land/fang/v2"

	"partnercadence/cadence"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run executes the command line and returns the exit code: 0 on success, 1
// on failure, 2 on bad usage.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRootCmd()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	opts := []fang.Option{
		fang.WithErrorHandler(func(w io.Writer, _ fang.Styles, err error) {
			// A message may quote the data (a name, a cell, a config
			// value): its control characters are shown, never sent.
			fmt.Fprintf(w, "cadence: %s\n", cadence.Visible(err.Error()))
			if isUsage(err) {
				fmt.Fprintln(w, "Try 'cadence --help' for usage.")
			}
		}),
		fang.WithoutManpage(), // `cadence man` is ours: see man.go
		fang.WithVersion(buildVersion()),
	}
	if err := fang.Execute(context.Background(), root, opts...); err != nil {
		if isUsage(err) {
			return 2
		}
		return 1
	}
	return 0
}

// usageError marks a mistake in how the command was called (exit 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

func isUsage(err error) bool {
	var u usageError
	if errors.As(err, &u) {
		return true
	}
	// cobra's own argument and flag errors are plain errors.
	s := err.Error()
	for _, prefix := range []string{
		"unknown command", "unknown flag", "unknown shorthand flag", "flag needs an argument",
		"invalid argument", "accepts ", "requires at least", "requires at most", "bad flag syntax",
	} {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}
