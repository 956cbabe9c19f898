package theme

import (
	"strings"

	"charm.land/bubbles/v2/key"
)

// notAllowed ends the help of a key that me may not use on the current
// selection: the help overlay shows such a key dimmed instead of hiding it.
const notAllowed = " (not allowed)"

// Allow marks b as one that me may (may true) or may not use on what is
// selected. A key me may not use is disabled and its help says so; the
// screen, when it is pressed, says why in the status line instead of
// writing. Call it after the key is enabled for the screen's state, in the
// one place that sets the keys: a key off for the state stays off, and
// hidden.
func Allow(b *key.Binding, may bool) {
	h := b.Help()
	desc := strings.TrimSuffix(h.Desc, notAllowed)
	if may || !b.Enabled() {
		b.SetHelp(h.Key, desc)
		return
	}
	b.SetEnabled(false)
	b.SetHelp(h.Key, desc+notAllowed)
}

// Refused reports whether b is a key Allow turned off: one me may not use
// here (shown dimmed in help), not one that does nothing now (hidden).
func Refused(b key.Binding) bool {
	return !b.Enabled() && strings.HasSuffix(b.Help().Desc, notAllowed)
}
