package cadence

import "testing"

// TestAppendNameKey checks that the appended key is NameKey's, for ASCII
// names, names already in key form, and names that are not ASCII.
func TestAppendNameKey(t *testing.T) {
	for _, name := range []string{"Acme Corp", "  ACME\t corp ", "acme corp", "", "Ünïcode  GmbH", "Zoë Ørsted", "a very long partner name that is longer than sixty-four bytes in all, Inc."} {
		buf := []byte("prefix:")
		if got, want := string(AppendNameKey(buf, name)), "prefix:"+NameKey(name); got != want {
			t.Errorf("AppendNameKey(%q) = %q, want %q", name, got, want)
		}
	}
}
