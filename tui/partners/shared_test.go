package partners

import (
	"strings"
	"testing"

	"partnercadence/tui/session"
)

// Two sessions of one process (`cadence serve`) showing one snapshot share
// its rows and sort orders, and each keeps its own cursor, sort and filter.
func TestSessionsShareRows(t *testing.T) {
	a := newSession(t)
	a.Shared = &session.Shared{}
	b := &session.Session{Store: a.Store, Config: a.Config, Clock: a.Clock, Me: "Dana Cruz", Shared: a.Shared}
	ma, mb := newModel(t, a, 120, 30), newModel(t, b, 120, 30)
	if ma.snap != mb.snap || len(ma.tbl.rows) == 0 || &ma.tbl.rows[0] != &mb.tbl.rows[0] {
		t.Fatalf("the two sessions built the table's rows each")
	}

	ma = press(t, ma, keyDown, keyDown, keyRune('s')) // a: third row, sorted by tier
	mb = press(t, mb, keyRune('/'))
	mb = typeText(t, mb, "zz-no-such-partner")
	if &ma.tbl.set.order(sortTier)[0] != &mb.tbl.set.order(sortTier)[0] {
		t.Errorf("the sort by tier was made for each session")
	}
	if ma.tbl.sortBy != sortTier || mb.tbl.sortBy != sortName {
		t.Errorf("one session's sort changed the other's: %v, %v", ma.tbl.sortBy, mb.tbl.sortBy)
	}
	if v := plain(ma); strings.Contains(v, "zz-no-such-partner") || !strings.Contains(v, "▸") {
		t.Errorf("the other session's filter shows in this one, or its cursor is gone:\n%s", v)
	}
	if v := plain(mb); !strings.Contains(v, `none of your partners matches "zz-no-such-partner"`) {
		t.Errorf("the filter typed in this session does not show:\n%s", v)
	}
}
