package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"partnercadence/cadence"
	"partnercadence/cadence/demo"
	"partnercadence/store"
)

func newDemoCmd(g *globals) *cobra.Command {
	var size string
	var seed int64
	cmd := &cobra.Command{
		Use:   "demo --db FILE",
		Short: "Write a demo team's data into a new database",
		Long: `Write a believable demo dataset into a new database: a team, partners of every
type and tier, a year of touchpoints, registrations and meetings (small), or the
large benchmark set of DESIGN §10. The demo's config is stored in the database,
so it works without a config file. Refuses a FILE that already holds data.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if g.db == "" {
				return usagef("demo needs --db FILE: the new database to write")
			}
			sz, err := demo.ParseSize(size)
			if err != nil {
				return usageError{err}
			}
			probe := &globals{now: g.now}
			now, err := probe.nowIn(cadence.DefaultConfig())
			if err != nil {
				return err
			}
			text := demo.Config(sz, now)
			cfg, err := cadence.ParseConfig([]byte(text), "demo config")
			if err != nil {
				return fmt.Errorf("demo config: %w", err)
			}
			if g.now != "" { // a bare date means the start of that day in the demo's zone
				if now, err = g.nowIn(cfg); err != nil {
					return err
				}
			}
			err = store.Load(g.db, cfg, func(l *store.Loader) error {
				if err := l.EmbedConfig(text); err != nil {
					return err
				}
				return demo.Generate(sz, seed, now, l)
			})
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "wrote the %s demo to %s\n", sz, g.db)
			return nil
		},
	}
	cmd.Flags().StringVar(&size, "size", "small", "small (a team of 6, ~30 partners) or large (the §10 benchmark set)")
	cmd.Flags().Int64Var(&seed, "seed", 1, "random seed: the same seed and --now give the same data")
	return cmd
}

func newExportCmd(g *globals) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "export [-o FILE.json]",
		Short: "Write everything in the database as JSON",
		Long: `Write everything in the database as one JSON document (format "cadence-export",
version 1; see the README). 'cadence restore' reads it back.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := g.open(false)
			if err != nil {
				return err
			}
			defer s.store.Close()
			return writeOutput(cmd.OutOrStdout(), out, s.store.Export)
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to FILE instead of standard output")
	return cmd
}

func newRestoreCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "restore FILE.json",
		Short: "Read an export into an empty database",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := g.dbPath()
			if err != nil {
				return err
			}
			f, err := os.Open(args[0])
			if err != nil {
				return err
			}
			defer f.Close()
			cfg, err := g.loadConfig(nil)
			if err != nil {
				return err
			}
			if err := store.Restore(path, cfg, f, args[0]); err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "restored %s into %s\n", args[0], path)
			return nil
		},
	}
}

func newBackupCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "backup FILE",
		Short: "Write a consistent copy of the database, even while it is in use",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := g.open(false)
			if err != nil {
				return err
			}
			defer s.store.Close()
			if err := s.store.Backup(args[0]); err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "backed up %s to %s\n", s.store.Path(), args[0])
			return nil
		},
	}
}

// writeOutput runs write into the file at path (all or nothing: a temporary
// file moved into place), or into stdout when path is "".
func writeOutput(stdout io.Writer, path string, write func(io.Writer) error) error {
	if path == "" {
		return writeStdout(stdout, write)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".cadence-out-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	err = write(tmp)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
