package partners

import (
	"strings"

	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"

	"partnercadence/tui/theme"
)

// frame cuts or pads lines to exactly w cells and h lines.
func frame(lines []string, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	var b strings.Builder
	for i := range h {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i < len(lines) {
			b.WriteString(theme.Pad(lines[i], w))
		} else {
			b.WriteString(strings.Repeat(" ", w))
		}
	}
	return b.String()
}

func ansiWidth(s string) int { return lipgloss.Width(s) }

// newInput returns a one-line text input styled from the theme.
func newInput(st theme.Styles, prompt, placeholder string) textinput.Model {
	in := textinput.New()
	in.Prompt = prompt
	in.Placeholder = placeholder
	in.SetStyles(inputStyles(st))
	return in
}

// inputStyles styles the bubbles text input with the theme's colours (and
// a steady cursor: a blinking one would redraw the screen twice a second).
func inputStyles(st theme.Styles) textinput.Styles {
	s := textinput.DefaultStyles(st.IsDark)
	s.Focused.Prompt = st.Header
	s.Focused.Text = lipgloss.NewStyle()
	s.Focused.Placeholder = st.Muted
	s.Blurred.Prompt = st.Muted
	s.Blurred.Text = st.Muted
	s.Blurred.Placeholder = st.Muted
	s.Cursor.Color = st.Title.GetForeground()
	s.Cursor.Blink = false
	return s
}
