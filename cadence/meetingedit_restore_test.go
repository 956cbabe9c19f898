package cadence

import (
	"strings"
	"testing"
)

// TestApplyPutsBackAnActionAtItsPlace: an action added with its ID (the
// undo of its delete) keeps the ID and sits before the first action
// numbered after it — A-9 before A-10, not after it as text would sort —
// and an ID the record holds already is refused, the record unchanged.
func TestApplyPutsBackAnActionAtItsPlace(t *testing.T) {
	ids := func(r MeetingRecord) string {
		var s []string
		for _, a := range r.Actions {
			s = append(s, a.ID)
		}
		return strings.Join(s, " ")
	}
	tests := []struct {
		have, put, want string
	}{
		{"A-8 A-10", "A-9", "A-8 A-9 A-10"},
		{"A-10 A-11", "A-9", "A-9 A-10 A-11"},
		{"A-8 A-9", "A-10", "A-8 A-9 A-10"},
		{"", "A-3", "A-3"},
		{"A-2 X-1", "A-3", "A-2 A-3 X-1"},
	}
	for _, tt := range tests {
		r := MeetingRecord{ID: "1on1/dana-cruz/2026-11-24"}
		for _, id := range strings.Fields(tt.have) {
			r.Actions = append(r.Actions, ActionItem{ID: id, Text: id})
		}
		put := ActionItem{ID: tt.put, Text: "back", Owner: "Dana Cruz", Due: MustDate("2026-11-30"), Done: MustDate("2026-11-20")}
		if _, err := r.Apply(MeetingEdit{Kind: EditAddAction, Action: put}, "Jordan Lee"); err != nil {
			t.Fatalf("%s + %s: %v", tt.have, tt.put, err)
		}
		if got := ids(r); got != tt.want {
			t.Errorf("%s + %s = %s, want %s", tt.have, tt.put, got, tt.want)
		}
		for _, a := range r.Actions {
			if a.ID == tt.put {
				put.Meeting = r.ID
				if a != put {
					t.Errorf("put back as %+v, want %+v", a, put)
				}
			}
		}
	}
	r := MeetingRecord{ID: "1on1/dana-cruz/2026-11-24", Actions: []ActionItem{{ID: "A-3", Text: "mine"}}}
	if _, err := r.Apply(MeetingEdit{Kind: EditAddAction, Action: ActionItem{ID: "A-3", Text: "back"}}, "Jordan Lee"); err == nil || !strings.Contains(err.Error(), "A-3") {
		t.Errorf("putting back A-3 over A-3: %v, want a refusal naming it", err)
	}
	if len(r.Actions) != 1 || r.Actions[0].Text != "mine" {
		t.Errorf("the refusal changed the record: %+v", r.Actions)
	}
}
