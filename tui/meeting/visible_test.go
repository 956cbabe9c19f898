package meeting

import (
	"strings"
	"testing"

	"partnercadence/cadence"
)

// An action item whose text and owner carry control characters: the list,
// the edit form and the delete confirmation show them as symbols, and
// editing only the due date keeps the text exactly as stored.
func TestActionWithControlsShownAsSymbolsAndKept(t *testing.T) {
	hs := newHarness(t, "Jordan Lee", danaNext, 100, 30)
	const text = "Call \x1b]0;TITLE\x07Evil\x1b[31m back\u009b\x00\r\x7f"
	rec, _ := hs.record(danaNext)
	rec.ID = danaNext
	rec.Actions = []cadence.ActionItem{{Text: text, Owner: "Dana Cruz", Due: cadence.MustDate("2026-11-30")}}
	if _, err := hs.sess.Store.SaveRecord(hs.sess.Config, "", rec); err != nil {
		t.Fatal(err)
	}
	hs.open(danaNext, 100, 30)
	hs.focusSection(secActions)
	const shown = "Call ␛]0;TITLE␇Evil␛[31m back\ufffd␀␍␡"
	check := func(when string) {
		t.Helper()
		raw := hs.m.View()
		for _, bad := range []string{"\x1b]", "\x07", "\x1b[31m", "\u009b", "\x00", "\r", "\x7f"} {
			if strings.Contains(raw, bad) {
				t.Fatalf("%s: the screen carries %q from the data:\n%s", when, bad, hs.view())
			}
		}
	}
	check("the list")
	if !strings.Contains(hs.view(), shown) {
		t.Errorf("the list does not show the text as symbols:\n%s", hs.view())
	}
	hs.press("enter")
	check("the edit form")
	if got := hs.m.form.inputs[fieldText].Value(); got != "Call ␛]0;TITLE␇Evil␛[31m back␀␍␡" {
		t.Errorf("the form shows %q", got)
	}
	hs.press("tab", "tab")
	hs.clearInput(10)
	hs.typeText("2026-12-11")
	hs.press("enter")
	got, _ := hs.record(danaNext)
	if len(got.Actions) != 1 || got.Actions[0].Text != text || got.Actions[0].Due != cadence.MustDate("2026-12-11") {
		t.Fatalf("after editing the due date: %+v, want the text as stored (%q) due 2026-12-11", got.Actions, text)
	}
	hs.press("d")
	check("the delete confirmation")
	if !strings.Contains(hs.view(), "Delete action "+got.Actions[0].ID+` "Call`) {
		t.Errorf("no confirmation:\n%s", hs.view())
	}
	hs.press("n")
}

// TestTalkingPointsKeepUntouchedControls: stored talking points with an
// escape show it as ␛; a line typed on below saves, and the line left
// alone keeps its escape byte for byte (bubbles' textarea would drop it).
func TestTalkingPointsKeepUntouchedControls(t *testing.T) {
	hs := newHarness(t, "Jordan Lee", danaNext, 100, 30)
	stored := "keep \x1b[31mred\x1b[0m as is\nsecond"
	if _, err := hs.sess.Store.SaveRecord(hs.sess.Config, "", cadence.MeetingRecord{ID: danaNext, TalkingPoints: stored}); err != nil {
		t.Fatal(err)
	}
	hs.open(danaNext, 100, 30)
	hs.focusSection(secTalking)
	if v := hs.view(); !strings.Contains(v, "keep ␛[31mred␛[0m as is") {
		t.Fatalf("stored escape not shown as a symbol:\n%s", v)
	}
	if strings.Contains(hs.m.View(), "\x1b[31mred") {
		t.Fatal("the stored escape reaches the terminal")
	}
	hs.press("enter", "down", "end", "enter")
	hs.typeText("third")
	hs.send(hs.ticks[len(hs.ticks)-1])
	rec, _ := hs.record(danaNext)
	if want := stored + "\nthird"; rec.TalkingPoints != want {
		t.Errorf("saved %q, want %q", rec.TalkingPoints, want)
	}
}
