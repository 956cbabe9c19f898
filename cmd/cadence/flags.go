package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"partnercadence/cadence"
)

func newFlagsCmd(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "flags",
		Short: "Print every flag: what fell through the cracks",
		Long: `Print every flag — what fell through the cracks: registrations waiting past the
SLA, clashing, lapsed or about to lapse; intros nobody registered; partners gone
silent; meetings nobody marked held; action items past due — most severe kind
first, then most days, then ref. The README ("flags --json") says when each is raised.
With --json, an array of objects with kind, partner, owner, ref, days, date and
message (the README's "flags --json" section gives each field's meaning).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			g.reportOnly()
			s, err := g.open(false)
			if err != nil {
				return err
			}
			defer s.store.Close()
			in, err := s.store.FlagInput(s.cfg, s.now)
			if err != nil {
				return err
			}
			flags := cadence.Flags(in)
			out := cmd.OutOrStdout()
			if asJSON {
				if flags == nil {
					flags = []cadence.Flag{}
				}
				// JSON escapes the C0 codes but not DEL or the C1 codes: to
				// a terminal, those are shown as symbols too.
				tw, flush := terminalSafe(out)
				enc := json.NewEncoder(tw)
				enc.SetIndent("", "  ")
				if err := enc.Encode(flags); err != nil {
					return err
				}
				return flush()
			}
			writeFlagTable(out, flags, terminalWidth(out), useColor(out))
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON instead of a table")
	return cmd
}

// terminalWidth returns w's width when it is a terminal, else 0 (no limit).
func terminalWidth(w io.Writer) int {
	if f, ok := w.(*os.File); ok && term.IsTerminal(f.Fd()) {
		if width, _, err := term.GetSize(f.Fd()); err == nil {
			return width
		}
	}
	return 0
}

// useColor reports whether w is a terminal and NO_COLOR is unset or empty.
func useColor(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(f.Fd()) && os.Getenv("NO_COLOR") == ""
}

// writeFlagTable prints flags as aligned columns; messages are cut to width
// when width > 0. Every cell is the data's text on one line with its control
// characters shown as symbols (cadence.VisibleLine), to a terminal or not:
// the table is for reading, and --json is the form that keeps the text.
func writeFlagTable(w io.Writer, flags []cadence.Flag, width int, color bool) {
	if len(flags) == 0 {
		fmt.Fprintln(w, "No flags: nothing has fallen through the cracks.")
		return
	}
	head := []string{"KIND", "DAYS", "OWNER", "PARTNER", "REF", "MESSAGE"}
	rows := [][]string{head}
	for _, f := range flags {
		rows = append(rows, []string{cadence.VisibleLine(string(f.Kind)), strconv.Itoa(f.Days),
			cadence.VisibleLine(f.Owner), cadence.VisibleLine(f.Partner), cadence.VisibleLine(f.Ref), cadence.VisibleLine(f.Message)})
	}
	widths := make([]int, len(head))
	for _, r := range rows {
		for i, c := range r[:len(r)-1] {
			widths[i] = max(widths[i], lipgloss.Width(c))
		}
	}
	bold := lipgloss.NewStyle().Bold(true)
	kindStyle := lipgloss.NewStyle().Foreground(lipgloss.Color("3"))
	for ri, r := range rows {
		var b strings.Builder
		for i, c := range r {
			cell := c
			if i < len(r)-1 {
				pad := widths[i] - lipgloss.Width(c)
				if i == 1 { // numbers align right
					cell = strings.Repeat(" ", pad) + c
				} else {
					cell = c + strings.Repeat(" ", pad)
				}
				cell += "  "
			} else if width > 0 {
				used := lipgloss.Width(b.String())
				cell = truncate(c, width-used)
			}
			if color && ri == 0 {
				cell = bold.Render(cell)
			} else if color && i == 0 {
				cell = kindStyle.Render(cell)
			}
			b.WriteString(cell)
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
	fmt.Fprintf(w, "\n%d flags\n", len(flags))
}

// truncate cuts s to n cells, marking the cut with "…".
func truncate(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if lipgloss.Width(s) <= n {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && lipgloss.Width(string(r))+1 > n {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}
