package firstrun

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"partnercadence/tui/theme"
)

func TestExampleConfigIsTheRepositoryOne(t *testing.T) {
	want, err := os.ReadFile("../../config.example.toml")
	if err != nil {
		t.Fatal(err)
	}
	if ExampleConfig != string(want) {
		t.Fatal("tui/firstrun/example.toml differs from config.example.toml: copy it over (cp config.example.toml tui/firstrun/example.toml)")
	}
}

func TestWriteExampleConfigOnce(t *testing.T) {
	dir := t.TempDir()
	paths := Paths{Config: filepath.Join(dir, "cadence", "config.toml"), Database: filepath.Join(dir, "db")}
	m := New(paths, theme.NewStyles(true))
	m.SetSize(100, 30)
	m, cmd := m.Update(tea.KeyPressMsg{Code: 'c', Text: "c"})
	m, _ = m.Update(cmd())
	got, err := os.ReadFile(paths.Config)
	if err != nil || string(got) != ExampleConfig {
		t.Fatalf("config not written: %v", err)
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Wrote "+paths.Config) {
		t.Errorf("view does not say where the config went:\n%s", v)
	}
	// Never over an existing file.
	m, cmd = m.Update(tea.KeyPressMsg{Code: 'c', Text: "c"})
	m, _ = m.Update(cmd())
	if v := ansi.Strip(m.View()); !strings.Contains(v, "already exists") {
		t.Errorf("second write did not refuse:\n%s", v)
	}
}

func TestKeysAskTheRoot(t *testing.T) {
	m := New(Paths{Config: "c", Database: "d"}, theme.NewStyles(false))
	for _, tt := range []struct {
		key  tea.KeyPressMsg
		want tea.Msg
	}{
		{tea.KeyPressMsg{Code: 'd', Text: "d"}, StartDemo{}},
		{tea.KeyPressMsg{Code: tea.KeyEnter}, StartEmpty{}},
	} {
		_, cmd := m.Update(tt.key)
		if cmd == nil || cmd() != tt.want {
			t.Errorf("%v: got %v, want %T", tt.key, cmd, tt.want)
		}
	}
	m, _ = m.Update(tea.KeyPressMsg{Code: 'i', Text: "i"})
	m.SetSize(100, 40)
	if v := ansi.Strip(m.View()); !strings.Contains(v, "cadence import partners partners.csv") {
		t.Errorf("import help not shown:\n%s", v)
	}
	for _, size := range [][2]int{{0, 0}, {1, 1}, {10, 3}} {
		m.SetSize(size[0], size[1])
		_ = m.View()
	}
}
