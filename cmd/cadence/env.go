package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"partnercadence/cadence"
	"partnercadence/store"
)

// globals are the options every command shares (§7).
type globals struct {
	db     string
	config string
	now    string
	me     string
	// served, when set, is the store and config of `cadence serve`, which
	// runs a read-only command for a session in its own process.
	served *opened
	// stderr is where a command's notes go (the root command's stderr).
	stderr func() io.Writer
}

func (g *globals) register(cmd *cobra.Command) {
	f := cmd.PersistentFlags()
	f.StringVar(&g.db, "db", "", "database FILE (default $CADENCE_DB, else $XDG_DATA_HOME/cadence/cadence.db)")
	f.StringVar(&g.config, "config", "", "config FILE (default $CADENCE_CONFIG, else $XDG_CONFIG_HOME/cadence/config.toml)")
	f.StringVar(&g.now, "now", "", "pretend it is TIME: a date (2026-11-23, start of that day) or RFC 3339")
	f.StringVar(&g.me, "me", "", "who is at the keyboard: a team member's NAME (default the config's me)")
}

// meIn is who is at the keyboard: --me, which must name a member of cfg's
// team, else the config's me ("" when neither says).
func (g *globals) meIn(cfg *cadence.Config) (string, error) {
	if g.me == "" {
		return cfg.Me, nil
	}
	if m, ok := cfg.Member(g.me); ok {
		return m.Name, nil
	}
	names := make([]string, len(cfg.Team))
	for i, m := range cfg.Team {
		names[i] = m.Name
	}
	if len(names) == 0 {
		return "", usagef("--me %q: the config has no team (add [[team]] entries to it)", g.me)
	}
	return "", usagef("--me %q is not on the team; the team is: %s", g.me, strings.Join(names, ", "))
}

// dbPath is where the database lives: --db, $CADENCE_DB, or the XDG data
// directory.
func (g *globals) dbPath() (string, error) {
	if g.db != "" {
		return g.db, nil
	}
	if p := os.Getenv("CADENCE_DB"); p != "" {
		return p, nil
	}
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("no --db given and no home directory to keep the database in: %w", err)
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "cadence", "cadence.db"), nil
}

// configPath is where the config is looked for, and whether the user named
// it (then it must exist).
func (g *globals) configPath() (path string, explicit bool, err error) {
	if g.config != "" {
		return g.config, true, nil
	}
	if p := os.Getenv("CADENCE_CONFIG"); p != "" {
		return p, true, nil
	}
	dir := os.Getenv("XDG_CONFIG_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", false, nil
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "cadence", "config.toml"), false, nil
}

// configFile reads the config file: the one named by --config or
// $CADENCE_CONFIG (which must exist), else the one at the default place, if
// any. It returns nil when there is no file at the default place.
func (g *globals) configFile() (*cadence.Config, error) {
	path, explicit, err := g.configPath()
	if err != nil {
		return nil, err
	}
	cfg, err := cadence.LoadConfig(path)
	if err != nil && !explicit && errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return cfg, err
}

// fallbackConfig is the config when there is no file: the one embedded in
// the database (a demo database has one), else the defaults. st may be nil.
func fallbackConfig(st *store.Store) (*cadence.Config, error) {
	if st != nil {
		text, err := st.EmbeddedConfig()
		if err != nil {
			return nil, err
		}
		if text != "" {
			return cadence.ParseConfig([]byte(text), st.Path()+" (embedded config)")
		}
	}
	return cadence.DefaultConfig(), nil
}

// loadConfig reads the config file, else falls back as fallbackConfig does.
func (g *globals) loadConfig(st *store.Store) (*cadence.Config, error) {
	cfg, err := g.configFile()
	if cfg != nil || err != nil {
		return cfg, err
	}
	return fallbackConfig(st)
}

// nowIn returns the moment the command runs at: --now, or the clock.
func (g *globals) nowIn(cfg *cadence.Config) (time.Time, error) {
	if g.now == "" {
		return time.Now(), nil
	}
	if t, err := time.Parse(time.RFC3339, g.now); err == nil {
		return t, nil
	}
	if t, err := time.Parse("2006-01-02", g.now); err == nil {
		return cadence.DateOf(t).Start(cfg.Location), nil
	}
	return time.Time{}, usagef("--now %q is not a date (2026-11-23) or an RFC 3339 time (2026-11-23T09:00:00-05:00)", g.now)
}

// opened is what a command that reads the database works with: the store,
// the config and the moment.
type opened struct {
	store *store.Store
	cfg   *cadence.Config
	now   time.Time
}

// open opens the database (creating it when create is set) and the config.
func (g *globals) open(create bool) (*opened, error) {
	if g.served != nil {
		now, err := g.nowIn(g.served.cfg)
		if err != nil {
			return nil, err
		}
		return &opened{store: g.served.store, cfg: g.served.cfg, now: now}, nil
	}
	// The config first: its mistakes are worth hearing about before any
	// database is touched.
	cfg, err := g.configFile()
	if err != nil {
		return nil, err
	}
	path, err := g.dbPath()
	if err != nil {
		return nil, err
	}
	// A command that does not create the file only reads it: mapped once,
	// held until the command's deferred Close.
	st, err := store.Open(path, store.Options{Create: create, ReadOnly: !create})
	if err != nil {
		return nil, err
	}
	if file, current, ok := st.OlderSchema(); ok && g.stderr != nil {
		fmt.Fprintf(g.stderr(), "note: %s is schema %d, this cadence writes %d; read through an upgraded copy; the first change (or opening the app) upgrades it\n",
			cadence.VisibleLine(path), file, current)
	}
	if cfg == nil {
		if cfg, err = fallbackConfig(st); err != nil {
			st.Close()
			return nil, err
		}
	}
	if _, err := g.meIn(cfg); err != nil {
		st.Close()
		return nil, err
	}
	now, err := g.nowIn(cfg)
	if err != nil {
		st.Close()
		return nil, err
	}
	return &opened{store: st, cfg: cfg, now: now}, nil
}

// reportOnly tunes the garbage collector for a command that reads a bounded
// part of the database, writes a report and exits (flags, agenda, readout,
// calendar): its heap stays at a few MiB, so collecting it is wasted work —
// measured at 3–4 ms of `cadence agenda` on the large demo. The memory limit
// still bounds the heap should a report ever grow. A command that `cadence
// serve` runs for a session leaves the server's collector alone.
func (g *globals) reportOnly() {
	if g.served != nil {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(reportMemoryLimit)
}

const reportMemoryLimit = 64 << 20
