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

// RuleKey is a key that writes, with why me may not use it on what is
// selected (nil: they may).
type RuleKey struct {
	Binding *key.Binding
	Err     error
}

// AllowKeys applies Allow to each of keys.
func AllowKeys(keys []RuleKey) {
	for _, k := range keys {
		Allow(k.Binding, k.Err == nil)
	}
}

// RefusedPress returns why me may not use the key msg presses, when it is
// one of keys that Allow turned off; nil otherwise. The screen shows the
// reason (session.Failed) instead of writing.
func RefusedPress(msg interface{ String() string }, keys []RuleKey) error {
	for _, k := range keys {
		if k.Err == nil || !Refused(*k.Binding) {
			continue
		}
		on := *k.Binding
		on.SetEnabled(true)
		if key.Matches(msg, on) {
			return k.Err
		}
	}
	return nil
}
