package meeting

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"

	"partnercadence/cadence/agenda"
	"partnercadence/tui/session"
)

// The $EDITOR round trip: the text goes to a temporary file (editorFile),
// the editor runs with the terminal to itself (tea.ExecProcess, then
// editorDone), and the file is read back and removed (editorText).

type editorFile struct {
	sec  section
	path string
	err  error
}

type editorDone struct {
	sec  section
	path string
	err  error
}

type editorText struct {
	sec  section
	text string
	err  error
}

// openEditor writes the focused text to a temporary file.
func (m *Model) openEditor() tea.Cmd {
	if !m.focus.isText() {
		return nil
	}
	sec, text := m.focus, m.typed(m.focus.textIndex())
	name := strings.ReplaceAll(m.id, "/", "_") + "-" + strings.ReplaceAll(strings.ToLower(sectionNames[sec]), " ", "-") + "-*.md"
	return func() tea.Msg {
		f, err := os.CreateTemp("", name)
		if err != nil {
			return editorFile{sec: sec, err: err}
		}
		// A text file ends with a newline (editors and tools expect one);
		// it is taken off again on the way back.
		if text != "" && !strings.HasSuffix(text, "\n") {
			text += "\n"
		}
		_, err = f.WriteString(text)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return editorFile{sec: sec, path: f.Name(), err: err}
	}
}

// editorCommand is the user's editor: $VISUAL, else $EDITOR, else vi. The
// variable may carry arguments ("code --wait").
func editorCommand(path string) *exec.Cmd {
	ed := os.Getenv("VISUAL")
	if strings.TrimSpace(ed) == "" {
		ed = os.Getenv("EDITOR")
	}
	args := strings.Fields(ed)
	if len(args) == 0 {
		args = []string{"vi"}
	}
	return exec.Command(args[0], append(args[1:], path)...)
}

func (m *Model) runEditor(msg editorFile) tea.Cmd {
	if msg.err != nil {
		if msg.path != "" {
			_ = os.Remove(msg.path) // best effort: it holds nothing new
		}
		m.note("could not start the editor: "+msg.err.Error(), true)
		return nil
	}
	sec, path := msg.sec, msg.path
	return tea.ExecProcess(editorCommand(path), func(err error) tea.Msg {
		return editorDone{sec: sec, path: path, err: err}
	})
}

// readEditorFile reads the edited text back and removes the file. When the
// editor failed the text is left as it was.
func readEditorFile(msg editorDone) tea.Cmd {
	return func() tea.Msg {
		defer os.Remove(msg.path)
		if msg.err != nil {
			return editorText{sec: msg.sec, err: fmt.Errorf("the editor failed, nothing changed: %w", msg.err)}
		}
		b, err := os.ReadFile(msg.path)
		if err != nil {
			return editorText{sec: msg.sec, err: err}
		}
		return editorText{sec: msg.sec, text: string(b)}
	}
}

// takeEditorText puts the edited text in place and saves it at once.
func (m *Model) takeEditorText(msg editorText) tea.Cmd {
	if msg.err != nil {
		m.note(msg.err.Error(), true)
		return nil
	}
	i := msg.sec.textIndex()
	// Editors end files with a newline the user never typed.
	text := strings.TrimRight(msg.text, "\n")
	if text == m.typed(i) {
		return nil
	}
	// The editor's text is saved as it came back, control characters
	// and all; the text box shows it.
	m.queueText() // anything typed before the editor opened
	m.setText(i, text)
	m.queueField(i, text)
	return flushNow
}

// exported reports an agenda written to a file.
type exported struct {
	path     string
	markdown string
	err      error
}

// agendaPath is where the agenda of meeting id is written: an agendas
// folder beside the config file (or in the current directory when there is
// no file), named after the ID.
func agendaPath(configPath, id string) string {
	dir := "."
	if configPath != "" {
		dir = filepath.Dir(configPath)
	}
	p := filepath.Join(dir, "agendas", strings.ReplaceAll(id, "/", "_")+".md")
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return p
}

// export saves what is pending, then writes the agenda's markdown to its
// file and hands it to the clipboard.
func (m *Model) export() tea.Cmd {
	sess, id := m.sess, m.id
	path := agendaPath(sess.Config.Path, id)
	write := func() tea.Msg {
		in, err := sess.Store.AgendaInput(sess.Config, sess.Now(), id)
		if err != nil {
			return exported{err: err}
		}
		md := agenda.Markdown(in)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return exported{err: err}
		}
		if err := os.WriteFile(path, []byte(md), 0o666); err != nil { // as the umask says
			return exported{err: err}
		}
		return exported{path: path, markdown: md}
	}
	// What is typed or waiting goes in first, so the agenda has it.
	m.queueText()
	return tea.Sequence(m.sess.Flush(), write)
}

func (m *Model) takeExport(msg exported) tea.Cmd {
	if msg.err != nil {
		err := msg.err
		return func() tea.Msg { return session.Failed{What: "export the agenda", Err: err} }
	}
	m.note("Agenda written to "+msg.path+" and copied to the clipboard.", false)
	path := msg.path
	return tea.Batch(tea.SetClipboard(msg.markdown), func() tea.Msg {
		return session.Notice{Text: "agenda exported to " + path}
	})
}
