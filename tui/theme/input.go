package theme

import (
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"
)

// NewInput returns a one-line text input in the theme's colours.
func NewInput(st Styles, prompt, placeholder string) textinput.Model {
	in := textinput.New()
	in.Prompt = prompt
	in.Placeholder = placeholder
	in.SetStyles(InputStyles(st))
	return in
}

// InputStyles styles the bubbles text input with the theme's colours (and
// a steady cursor: a blinking one would redraw the screen twice a second).
func InputStyles(st Styles) textinput.Styles {
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

// EditInput is NewInput holding value, w cells wide, with the cursor at the
// end: a field of a form that edits something that exists.
func EditInput(st Styles, prompt, value string, width int) textinput.Model {
	in := NewInput(st, prompt, "")
	in.SetWidth(width)
	in.SetValue(value)
	in.CursorEnd()
	return in
}
