package theme

import (
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"

	"partnercadence/cadence"
)

// NewInput returns a one-line text input in the theme's colours.
func NewInput(st Styles, prompt, placeholder string) textinput.Model {
	in := textinput.New()
	in.Prompt = prompt
	if placeholder != "" {
		// Dimmed and in brackets: a hint never reads as a value, also
		// where there is no colour to dim it (NO_COLOR).
		placeholder = "[" + placeholder + "]"
	}
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

// EditInput is NewInput holding value (shown as Prefill shows it), w cells
// wide, with the cursor at the end: a field of a form that edits something
// that exists. A form that saves the field keeps what Prefill returns.
func EditInput(st Styles, prompt, value string, width int) textinput.Model {
	in := NewInput(st, prompt, "")
	in.SetWidth(width)
	Prefill(&in, value)
	return in
}

// Stored is a form field prefilled with a value from the data: the value as
// stored, and the text its input showed for it. The two differ when the
// value has control characters (shown as symbols) or line breaks (shown as
// spaces); Value keeps the stored value while the field is left as shown,
// so saving a form never changes a field the user did not touch.
type Stored struct {
	value, shown string
}

// Prefill makes in show the stored value v, safely (cadence.VisibleLine:
// control characters as symbols, on one line), with the cursor at the end,
// and returns what Value needs to tell an untouched field from an edited one.
func Prefill(in *textinput.Model, v string) Stored {
	in.SetValue(cadence.VisibleLine(v))
	in.CursorEnd()
	return Stored{value: v, shown: in.Value()}
}

// Value is what the field holds when its input reads input: the stored
// value, exactly, while input is still what was shown for it; else input.
func (s Stored) Value(input string) string {
	if !s.Edited(input) {
		return s.value
	}
	return input
}

// Edited reports whether input is no longer what the field showed for the
// stored value.
func (s Stored) Edited(input string) bool { return input != s.shown }
