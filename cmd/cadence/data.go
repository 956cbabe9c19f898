package main

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
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
type and tier, two years of touchpoints, registrations and meetings (small), or
the large set the README's performance table is measured on (5,000 partners,
40 members, 1,000,000 touchpoints, 100,000 registrations). The demo's config is stored in the database,
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
	cmd.Flags().StringVar(&size, "size", "small", "small (a team of 6, ~30 partners) or large (5,000 partners, 1,000,000 touchpoints: the README's performance set)")
	cmd.Flags().Int64Var(&seed, "seed", 1, "random seed: the same seed and --now give the same data")
	return cmd
}

func newExportCmd(g *globals) *cobra.Command {
	var out string
	var force bool
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
			return writeOutput(cmd.OutOrStdout(), outputFile{path: out, db: s.store.Path(), force: force, private: true}, s.store.Export)
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to FILE (mode 0600) instead of standard output")
	cmd.Flags().BoolVar(&force, "force", false, "replace FILE if it exists (never the database)")
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
	var force bool
	cmd := &cobra.Command{
		Use:   "backup FILE",
		Short: "Write a consistent copy of the database, even while it is in use",
		Long: `Write a consistent copy of the database to FILE (mode 0600), even while the app
or another command uses it. FILE must not exist, unless --force says to replace
it, and is never the database itself (by any name, link or path).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := g.dbPath()
			if err != nil {
				return err
			}
			// Refused before the database is opened: a backup that
			// cannot be placed must not hold the file even briefly.
			if err := checkTarget(args[0], path, force); err != nil {
				return fmt.Errorf("backup: %w", err)
			}
			target := args[0]
			if real, err := filepath.EvalSymlinks(target); err == nil {
				target = real // written through a link, as -o is
			}
			s, err := g.open(false)
			if err != nil {
				return err
			}
			defer s.store.Close()
			if err := s.store.Backup(target); err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "backed up %s to %s\n", s.store.Path(), args[0])
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "replace FILE if it exists (never the database)")
	return cmd
}

// outputFile is where a command writes its result: the file of -o, or
// stdout when path is "".
type outputFile struct {
	path    string
	db      string // the database's path: never the target
	force   bool   // replace an existing file
	private bool   // the file holds data (an export): mode 0600 whatever the umask
}

// writeOutput runs write into out's file, or into stdout when there is no
// file. The file is written whole or not at all: write fills a temporary
// file beside the target, which is synced and then moved into place. The
// target must not be the database (by any name: checkTarget) nor exist,
// unless out.force says to replace it; a symbolic link is written through,
// as the shell's > does.
//
// A private file is 0600. Any other is created with 0666 less the umask,
// as the shell would. Either way a file it replaces is never loosened: the
// new file has no permission the old one did not (an existing 0600 file
// stays 0600, a 0640 one 0640, a 0444 one 0444).
func writeOutput(stdout io.Writer, out outputFile, write func(io.Writer) error) error {
	if out.path == "" {
		return writeStdout(stdout, write)
	}
	if err := checkTarget(out.path, out.db, out.force); err != nil {
		return err
	}
	target := out.path
	if real, err := filepath.EvalSymlinks(out.path); err == nil {
		target = real
	}
	var old fs.FileMode
	existing := false
	if fi, err := os.Stat(target); err == nil {
		old, existing = fi.Mode().Perm(), true
	}
	perm := fs.FileMode(0o666)
	if out.private {
		perm = 0o600
	}
	tmp, err := createBeside(target, perm)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("write %s: there is no directory %s (create it first)", out.path, filepath.Dir(out.path))
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", out.path, err)
	}
	defer os.Remove(tmp.Name())
	// The mode is settled before a byte is written: text headed for a
	// 0600 file is never readable by others on its way there.
	if err := settleMode(tmp, out.private, existing, old); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", out.path, err)
	}
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	err = tmp.Sync()
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", out.path, err)
	}
	if err := place(tmp.Name(), target, out); err != nil {
		return err
	}
	syncDir(filepath.Dir(target))
	return nil
}

// checkTarget refuses a target that is the database at db, by whatever
// name (the same path, ./ in front, a symbolic or a hard link: the same
// file), a directory, and, unless force is set, any file that exists
// (a dangling symbolic link too).
func checkTarget(target, db string, force bool) error {
	if db != "" {
		if dbInfo, err := os.Stat(db); err == nil {
			if fi, err := os.Stat(target); err == nil && os.SameFile(fi, dbInfo) {
				if sameName(target, db) {
					return fmt.Errorf("%s is the database: write to another file", target)
				}
				return fmt.Errorf("%s is the database (%s) by another name: write to another file", target, db)
			}
		}
	}
	fi, err := os.Stat(target)
	switch {
	case err == nil && fi.IsDir():
		return fmt.Errorf("%s is a directory: give the name of a file to write", target)
	case err == nil && !force:
		return fmt.Errorf("%s exists; use --force to replace it", target)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("write %s: %w", target, err)
	}
	if _, lerr := os.Lstat(target); err != nil && lerr == nil && !force {
		return fmt.Errorf("%s exists (a link to a file that does not); use --force to replace it", target)
	}
	return nil
}

// sameName reports whether the paths a and b name the same file without
// following a link: the same absolute path.
func sameName(a, b string) bool {
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	return errA == nil && errB == nil && absA == absB
}

// createBeside creates a new, empty temporary file with perm (less the
// umask) in target's directory, so that moving it onto target is a rename
// within one file system.
func createBeside(target string, perm fs.FileMode) (*os.File, error) {
	dir, base := filepath.Split(target)
	var buf [6]byte
	for range 100 {
		if _, err := rand.Read(buf[:]); err != nil {
			return nil, err
		}
		name := filepath.Join(dir, "."+base+".tmp-"+hex.EncodeToString(buf[:]))
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, fmt.Errorf("no free temporary name beside %s", target)
}

// settleMode gives the written file its final mode: 0600 when private,
// else the umask's, with no permission that the file it replaces (old) did
// not have.
func settleMode(f *os.File, private, existing bool, old fs.FileMode) error {
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	mode := fi.Mode().Perm()
	want := mode
	if private {
		want = 0o600
	}
	if existing {
		want &= old
	}
	if want == mode {
		return nil
	}
	return f.Chmod(want)
}

// place moves the written file tmp to target. Without force it links
// rather than renames, so that a file that appeared at target since
// checkTarget is refused, not replaced (where the file system has no hard
// links, it checks once more and renames).
func place(tmp, target string, out outputFile) error {
	if out.force {
		if err := checkTarget(out.path, out.db, true); err != nil {
			return err
		}
		if err := os.Rename(tmp, target); err != nil {
			return fmt.Errorf("write %s: %w", out.path, err)
		}
		return nil
	}
	err := os.Link(tmp, target)
	switch {
	case err == nil:
		_ = os.Remove(tmp) // else the deferred Remove takes it
		return nil
	case errors.Is(err, fs.ErrExist):
		return fmt.Errorf("%s exists; use --force to replace it", out.path)
	}
	if err := checkTarget(out.path, out.db, false); err != nil {
		return err
	}
	if err := os.Rename(tmp, target); err != nil {
		return fmt.Errorf("write %s: %w", out.path, err)
	}
	return nil
}

// syncDir makes a rename in dir durable. It is best effort: the file is
// complete either way, and some file systems cannot sync a directory.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
