package theme

import (
	"fmt"
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

// AllowKeys applies Allow to each of keys, with why[i] saying why me may
// not use keys[i] (nil: they may); a nil key is skipped. Screens return
// fixed arrays of keys and reasons, kept apart, so that their model stays
// off the heap on every key.
func AllowKeys(keys []*key.Binding, why []error) {
	for i, b := range keys {
		if b != nil {
			Allow(b, why[i] == nil)
		}
	}
}

// RefusedPress returns why me may not use the key msg presses, when it is
// one of keys that Allow turned off (why[i] says why for keys[i]); nil
// otherwise. The screen shows the reason (session.Failed) instead of
// writing.
func RefusedPress(msg fmt.Stringer, keys []*key.Binding, why []error) error {
	for i, b := range keys {
		if b == nil || why[i] == nil || !Refused(*b) {
			continue
		}
		on := *b
		on.SetEnabled(true)
		if key.Matches(msg, on) {
			return why[i]
		}
	}
	return nil
}
