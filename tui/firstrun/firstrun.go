// Package firstrun is the screen cadence opens with when there is no config
// and no data yet: it says where the files go and offers the demo, an
// import, and the example config.
package firstrun

import (
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"partnercadence/cadence"
	"partnercadence/tui/theme"
)

// ExampleConfig is config.example.toml, every key documented (a test keeps
// this copy identical to the one at the top of the repository).
//
//go:embed example.toml
var ExampleConfig string

// Paths says where the config and the database go.
type Paths struct {
	Config   string
	Database string
}

// KeyMap is the first-run screen's keys.
type KeyMap struct {
	Demo, Config, Import, Start key.Binding
}

// DefaultKeyMap returns the first-run keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Demo:   key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "open a demo team")),
		Config: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "write the example config")),
		Import: key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "how to import")),
		Start:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "start empty")),
	}
}

// ShortHelp lists the keys for the status line.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Demo, k.Config, k.Import, k.Start} }

// FullHelp lists the keys for the help screen.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// StartDemo asks the root to open the app on a generated demo.
type StartDemo struct{}

// StartEmpty asks the root to open the app on the (empty) database.
type StartEmpty struct{}

// wroteConfig reports the example config written (or why not).
type wroteConfig struct {
	path string
	err  error
}

// Model is the first-run screen.
type Model struct {
	paths      Paths
	styles     theme.Styles
	keys       KeyMap
	width      int
	height     int
	showImport bool
	message    string
	failed     bool
}

// New builds the screen.
func New(paths Paths, styles theme.Styles) Model {
	return Model{paths: paths, styles: styles, keys: DefaultKeyMap()}
}

// Update handles the screen's keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case wroteConfig:
		if msg.err != nil {
			m.message, m.failed = msg.err.Error(), true
		} else {
			m.message, m.failed = fmt.Sprintf("Wrote %s. Edit it (your team, time zone, holidays), then start cadence again.", msg.path), false
		}
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, m.keys.Demo):
			return m, func() tea.Msg { return StartDemo{} }
		case key.Matches(msg, m.keys.Config):
			return m, writeExample(m.paths.Config)
		case key.Matches(msg, m.keys.Import):
			m.showImport = !m.showImport
		case key.Matches(msg, m.keys.Start):
			return m, func() tea.Msg { return StartEmpty{} }
		}
	}
	return m, nil
}

// writeExample writes the example config where cadence looks for it, never
// over an existing file.
func writeExample(path string) tea.Cmd {
	return func() tea.Msg {
		if _, err := os.Stat(path); err == nil {
			return wroteConfig{path, fmt.Errorf("%s already exists; cadence will read it on the next start", path)}
		} else if !errors.Is(err, fs.ErrNotExist) {
			return wroteConfig{path, err}
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return wroteConfig{path, err}
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return wroteConfig{path, err}
		}
		_, err = f.WriteString(ExampleConfig)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return wroteConfig{path, err}
	}
}

// SetSize sets the body size.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

// SetStyles replaces the styles.
func (m *Model) SetStyles(s theme.Styles) { m.styles = s }

// Keys returns the screen's keys.
func (m Model) Keys() help.KeyMap { return m.keys }

// View draws the screen.
func (m Model) View() string {
	var b strings.Builder
	line := func(s string) { b.WriteString(theme.Truncate(s, m.width) + "\n") }
	exists := func(path string) string {
		if _, err := os.Stat(path); err == nil {
			return m.styles.Good.Render("(exists)")
		}
		return m.styles.Muted.Render("(not there yet)")
	}
	line(m.styles.Title.Render("Welcome to cadence"))
	line("")
	line("It runs your partnerships cadence: 1:1s, pipeline reviews, QBRs, the executive readout,")
	line("and flags what falls through the cracks. There is no config and no data yet.")
	line("")
	line(m.styles.Header.Render("Where the files go"))
	// Paths and messages come from the environment and the files: shown
	// with their control characters as symbols, like the data.
	line("  config    " + cadence.VisibleLine(m.paths.Config) + "  " + exists(m.paths.Config))
	line("  database  " + cadence.VisibleLine(m.paths.Database) + "  " + exists(m.paths.Database))
	line("")
	line(m.styles.Header.Render("What next"))
	line("  d      explore a demo team (a temporary database, removed when you quit)")
	line("  c      write the example config to " + cadence.VisibleLine(m.paths.Config) + " to edit")
	line("  i      how to import your partners, registrations and touchpoints from CSV")
	line("  enter  start with an empty database")
	if m.showImport {
		line("")
		line(m.styles.Header.Render("Importing"))
		line("  In another terminal, partners first, then what refers to them:")
		line("    cadence import partners partners.csv")
		line("    cadence import registrations registrations.csv --dry-run")
		line("    cadence import touchpoints touchpoints.csv")
		line("  Salesforce report and HubSpot export columns are understood (see the README).")
		line("  cadence notices the new data without a restart.")
	}
	if m.message != "" {
		line("")
		st := m.styles.Notice
		if m.failed {
			st = m.styles.Error
		}
		line(st.Render(theme.OneLine(m.message)))
	}
	return b.String()
}
