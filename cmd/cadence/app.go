package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"partnercadence/cadence"
	"partnercadence/cadence/demo"
	"partnercadence/store"
	"partnercadence/tui"
	"partnercadence/tui/firstrun"
	"partnercadence/tui/session"
)

// appMemoryLimit is the app's soft memory limit (runtime/debug), and
// appGCPercent its collector's pace below it.
const (
	appMemoryLimit = 16 << 20
	appGCPercent   = 50
)

// keepMemoryLimit sets the app's memory limit after start (the start-up
// loads run without it), and every two seconds keeps it a quarter above
// what the heap holds live plus what the runtime holds besides (stacks, the
// collector's own, spans' unused room): a limit below that makes the
// collector run at every frame Bubble Tea draws (a third of a core while
// the app sat idle on the large demo). It returns when stop is closed.
func keepMemoryLimit(stop <-chan struct{}, after time.Duration) {
	debug.SetGCPercent(appGCPercent)
	select {
	case <-stop:
		return
	case <-time.After(after):
	}
	samples := []metrics.Sample{
		{Name: "/gc/heap/live:bytes"},
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/heap/free:bytes"},
	}
	tick := time.NewTicker(2 * time.Second)
	defer tick.Stop()
	for {
		metrics.Read(samples)
		var v [5]int64
		for i, s := range samples {
			if s.Value.Kind() == metrics.KindUint64 {
				v[i] = int64(s.Value.Uint64())
			}
		}
		live, overhead := v[0], v[1]-v[2]-v[3]-v[4]
		debug.SetMemoryLimit(max(appMemoryLimit, overhead+live*5/4+2<<20))
		select {
		case <-stop:
			return
		case <-tick.C:
		}
	}
}

// runApp opens the terminal app: on a fresh demo in a temporary directory
// (removed on exit) with --demo, on the first-run screen when there is no
// config and no data yet, else on the database.
func runApp(ctx context.Context, g *globals, withDemo bool) error {
	cfg, err := g.configFile()
	if err != nil {
		return err
	}
	dbPath, err := g.dbPath()
	if err != nil {
		return err
	}
	configPath, _, _ := g.configPath()

	// A demo, whether asked for with --demo or from the first-run screen,
	// lives in a temporary directory that goes when the app does.
	var demoDir string
	defer func() {
		if demoDir != "" {
			os.RemoveAll(demoDir)
		}
	}()
	openDemo := func() (*session.Session, error) {
		dir, err := os.MkdirTemp("", "cadence-demo-")
		if err != nil {
			return nil, err
		}
		demoDir = dir
		return demoSession(g, filepath.Join(dir, "demo.db"))
	}
	openDB := func() (*session.Session, error) {
		st, err := store.Open(dbPath, store.Options{Create: true})
		if err != nil {
			return nil, err
		}
		c := cfg
		if c == nil {
			// The first-run screen may have written the example config
			// meanwhile: it is read now, not at the next start.
			if c, err = g.loadConfig(st); err != nil {
				st.Close()
				return nil, err
			}
		}
		return newSession(g, st, c)
	}

	opts := tui.Options{
		IsDark:    true,
		FirstRun:  firstrun.Paths{Config: configPath, Database: dbPath},
		OpenDemo:  openDemo,
		OpenEmpty: openDB,
	}
	switch {
	case withDemo:
		opts.Session, err = openDemo()
	case cfg == nil && !hasData(dbPath):
		// first run: the screen offers the demo, the example config, an import
	default:
		opts.Session, err = openDB()
	}
	if err != nil {
		return err
	}
	// Dark until the terminal says otherwise: the app asks without blocking
	// (tea.RequestBackgroundColor), so the first frame never waits on a
	// terminal that does not answer.
	// The app stays open for hours; a soft limit keeps its heap compact
	// (DESIGN §10: ≤ 40 MiB while browsing). It starts once the start-up
	// loads are done: applied at once it makes the collector race them and
	// delays the first frame. GOMEMLIMIT overrides it.
	if os.Getenv("GOMEMLIMIT") == "" {
		stop := make(chan struct{})
		defer close(stop)
		go keepMemoryLimit(stop, 500*time.Millisecond)
	}
	// cadence handles the signals itself: Bubble Tea's own handler would
	// quit before what is typed is saved. SIGINT, SIGTERM and a closed
	// terminal (SIGHUP) end the app the way q does, except that what the
	// database will not take goes to a recovery file without asking.
	progOpts := []tea.ProgramOption{tea.WithContext(ctx), tea.WithoutSignalHandler()}
	if os.Getenv("NO_COLOR") != "" {
		progOpts = append(progOpts, tea.WithColorProfile(colorprofile.Ascii))
	}
	prog := tea.NewProgram(tui.Start(opts), progOpts...)
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGHUP, syscall.SIGTERM, syscall.SIGINT)
	defer signal.Stop(signals)
	go func() {
		for range signals {
			prog.Send(tui.Shutdown{})
		}
	}()
	final, err := prog.Run()
	if m, ok := final.(tui.Model); ok {
		if m.RecoveryPath() != "" {
			fmt.Fprintf(os.Stderr, "cadence: the database did not take the last changes; they are in %s and will be offered when cadence next starts\n", m.RecoveryPath())
		}
		if m.Fatal() != nil {
			return m.Fatal()
		}
	}
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		return nil
	}
	return err
}

// hasData reports whether the database file exists and holds something.
func hasData(path string) bool {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return false
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		return true // let opening it report the problem
	}
	empty, err := st.Empty()
	return err != nil || !empty
}

// demoSession writes the small demo for now into path and opens a session on
// it with the demo's own config.
func demoSession(g *globals, path string) (*session.Session, error) {
	probe := &globals{now: g.now}
	now, err := probe.nowIn(cadence.DefaultConfig())
	if err != nil {
		return nil, err
	}
	text := demo.Config(demo.Small, now)
	cfg, err := cadence.ParseConfig([]byte(text), "demo config")
	if err != nil {
		return nil, fmt.Errorf("demo config: %w", err)
	}
	err = store.Load(path, cfg, func(l *store.Loader) error {
		if err := l.EmbedConfig(text); err != nil {
			return err
		}
		return demo.Generate(demo.Small, 1, now, l)
	})
	if err != nil {
		return nil, err
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		return nil, err
	}
	return newSession(g, st, cfg)
}

// newSession makes the app's session; --now fixes its clock.
func newSession(g *globals, st *store.Store, cfg *cadence.Config) (*session.Session, error) {
	clock := time.Now
	if g.now != "" {
		now, err := g.nowIn(cfg)
		if err != nil {
			return nil, err
		}
		// A fixed moment that still moves: "what will Monday look like",
		// with the app's polling and debouncing working as usual.
		start := time.Now()
		clock = func() time.Time { return now.Add(time.Since(start)) }
	}
	me, err := g.meIn(cfg)
	if err != nil {
		return nil, err
	}
	return &session.Session{Store: st, Config: cfg, Clock: clock, Me: me}, nil
}
