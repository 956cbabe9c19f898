package meeting

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/google/go-cmp/cmp"

	"partnercadence/cadence"
	"partnercadence/tui/session"
)

const (
	danaNext  = "1on1/dana-cruz/2026-11-25" // carries A-459 over from 1on1/dana-cruz/2026-10-28
	danaOld   = "1on1/dana-cruz/2026-10-28"
	orbitalQ4 = "qbr/orbital-alliance-partners/2026-Q4"
)

func TestGolden(t *testing.T) {
	for _, c := range []struct {
		name, id string
		w, h     int
		keys     []string
	}{
		{"1on1_100x30", danaNext, 100, 30, nil},
		{"1on1_80x22", danaNext, 80, 22, nil},
		{"1on1_140x40", danaNext, 140, 40, nil},
		{"1on1_120x38", danaNext, 120, 38, nil},
		{"pipeline_80x22", "pipeline/2026-12-01", 80, 22, nil},
		{"pipeline_120x38", "pipeline/2026-12-01", 120, 38, nil},
		{"1on1_actions_80x22", "1on1/marcus-bell/2026-11-05", 80, 22, []string{"shift+tab"}},
		{"qbr_100x30", orbitalQ4, 100, 30, nil},
		{"qbr_unscheduled_100x30", "qbr/northwind-systems/2027-Q1", 100, 30, nil},
		{"pipeline_100x30", "pipeline/2026-12-01", 100, 30, nil},
		{"readout_100x30", "readout/2026-10-29", 100, 30, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			hs := newHarness(t, "Jordan Lee", c.id, c.w, c.h)
			hs.press(c.keys...)
			golden.RequireEqual(t, []byte(hs.view()))
		})
	}
}

func TestHeader(t *testing.T) {
	hs := newHarness(t, "Jordan Lee", danaNext, 100, 30)
	v := hs.view()
	for _, want := range []string{
		"1:1 with Dana Cruz", "Wed Nov 25 2026 · 11:00–11:30 EST", "With Jordan Lee, Dana Cruz",
		"[ ] Send Copperleaf Studio the updated MDF policy  Dana Cruz · due Nov 11 · from Oct 28 · 12d late",
		"Pipeline · Dana Cruz's partners (10)",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
}

// Opening a meeting and looking around writes nothing.
func TestOpeningWritesNothing(t *testing.T) {
	hs := newHarness(t, "Jordan Lee", danaNext, 100, 30)
	hs.press("tab", "j", "tab", "tab", "k", "tab", "esc")
	if _, ok := hs.record(danaNext); ok {
		t.Error("a record was created by looking")
	}
	if diff := cmp.Diff([]any{session.Back{}}, toAny(hs.sent)); diff != "" {
		t.Errorf("messages to the root (-want +got):\n%s", diff)
	}
}

func toAny[T any](s []T) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

func TestDebounce(t *testing.T) {
	hs := newHarness(t, "Jordan Lee", danaNext, 100, 30)
	hs.focusSection(secTalking)
	hs.press("enter")
	if !hs.m.Capturing() {
		t.Fatal("enter does not start writing")
	}
	hs.typeText("Renewals")
	if got := len(hs.ticks); got != 8 {
		t.Fatalf("%d ticks scheduled, want one per keystroke (8)", got)
	}
	if _, ok := hs.record(danaNext); ok || hs.saves() != 0 {
		t.Fatal("saved before any tick")
	}
	if !strings.Contains(hs.view(), "unsaved") {
		t.Errorf("typed text not shown as unsaved:\n%s", hs.view())
	}
	// Every tick but the last is stale: no save.
	for _, tick := range hs.ticks[:7] {
		hs.send(tick)
	}
	if _, ok := hs.record(danaNext); ok || hs.saves() != 0 {
		t.Fatal("a stale tick saved")
	}
	hs.send(hs.ticks[7])
	rec, ok := hs.record(danaNext)
	if !ok || rec.TalkingPoints != "Renewals" {
		t.Fatalf("after the last tick: record %v %+v, want talking points saved", ok, rec)
	}
	if got := hs.saves(); got != 1 {
		t.Errorf("%d saves, want 1", got)
	}
	if !strings.Contains(hs.view(), "saved") || strings.Contains(hs.view(), "unsaved") {
		t.Errorf("not shown as saved:\n%s", hs.view())
	}
	// The same tick again saves nothing more.
	hs.send(hs.ticks[7])
	if got := hs.saves(); got != 1 {
		t.Errorf("%d saves after a repeated tick, want 1", got)
	}
	// Still writing: q is a letter, esc stops writing first.
	hs.typeText(" q")
	if rec, _ := hs.record(danaNext); rec.TalkingPoints != "Renewals" {
		t.Errorf("saved without a tick: %q", rec.TalkingPoints)
	}
	hs.press("esc")
	if hs.m.Capturing() {
		t.Error("esc did not stop writing")
	}
	// esc again leaves, saving what is pending.
	hs.press("esc")
	if rec, _ := hs.record(danaNext); rec.TalkingPoints != "Renewals q" {
		t.Errorf("leaving saved %q, want %q", rec.TalkingPoints, "Renewals q")
	}
	if _, ok := hs.sent[len(hs.sent)-1].(session.Back); !ok {
		t.Errorf("last message %#v, want Back", hs.sent[len(hs.sent)-1])
	}
}

func TestFlush(t *testing.T) {
	hs := newHarness(t, "Jordan Lee", danaNext, 100, 30)
	if hs.m.Flush() {
		t.Fatal("Flush with nothing pending queued something")
	}
	hs.focusSection(secNotes)
	hs.press("enter")
	hs.typeText("Dana owns the Q1 plan")
	hs.press("enter")
	hs.typeText("next line")
	if !hs.m.Flush() {
		t.Fatal("Flush with typed text queued nothing")
	}
	hs.run(hs.sess.Flush())
	rec, _ := hs.record(danaNext)
	if want := "Dana owns the Q1 plan\nnext line"; rec.Notes != want {
		t.Errorf("notes %q, want %q", rec.Notes, want)
	}
	if rec.TalkingPoints != "" {
		t.Errorf("talking points %q, want untouched", rec.TalkingPoints)
	}
	// The ticks that follow find nothing to do.
	n := hs.saves()
	for _, tick := range hs.ticks {
		hs.send(tick)
	}
	if hs.saves() != n {
		t.Errorf("ticks after a flush saved again")
	}
}

// Typing keeps what else the record holds, written meanwhile elsewhere.
func TestTextKeepsOtherFields(t *testing.T) {
	hs := newHarness(t, "Jordan Lee", danaNext, 100, 30)
	hs.focusSection(secTalking)
	hs.press("enter")
	hs.typeText("x")
	if _, err := hs.sess.Store.SaveRecord(hs.sess.Config, "", cadence.MeetingRecord{ID: danaNext, Status: cadence.MeetingHeld, Notes: "from another terminal"}); err != nil {
		t.Fatal(err)
	}
	hs.send(hs.ticks[len(hs.ticks)-1])
	rec, _ := hs.record(danaNext)
	if rec.TalkingPoints != "x" || rec.Notes != "from another terminal" || rec.Status != cadence.MeetingHeld {
		t.Errorf("record %+v: want the talking points added and the rest kept", rec)
	}
}

func TestToggleCarriedOverUpdatesItsHome(t *testing.T) {
	hs := newHarness(t, "Jordan Lee", danaNext, 100, 30)
	done := func() cadence.Date {
		t.Helper()
		rec, _ := hs.record(danaOld)
		for _, a := range rec.Actions {
			if a.ID == "A-459" {
				return a.Done
			}
		}
		t.Fatalf("A-459 is not in %s", danaOld)
		return cadence.Date{}
	}
	if !done().IsZero() {
		t.Fatal("A-459 is done already")
	}
	hs.press("x")
	if got, want := done(), cadence.MustDate("2026-11-23"); got != want {
		t.Errorf("A-459 done %v, want %v", got, want)
	}
	if _, ok := hs.record(danaNext); ok {
		t.Error("toggling a carried-over action created a record for this meeting")
	}
	v := hs.view()
	if !strings.Contains(v, "[x] Send Copperleaf Studio") || !strings.Contains(v, "Carried over (0 open)") {
		t.Errorf("after x:\n%s", v)
	}
	if got := hs.lastSaved(); got != "action A-459 done" {
		t.Errorf("last save %q, want the action done", got)
	}
	// x again opens it again.
	hs.press("x")
	if got := done(); !got.IsZero() {
		t.Errorf("A-459 done %v after undo, want open", got)
	}
	if v := hs.view(); !strings.Contains(v, "[ ] Send Copperleaf Studio") {
		t.Errorf("after undo:\n%s", v)
	}
}

func TestActions(t *testing.T) {
	hs := newHarness(t, "Jordan Lee", danaNext, 100, 30)
	hs.focusSection(secActions)
	hs.press("a")
	if !hs.m.Capturing() {
		t.Fatal("the action form does not capture keys")
	}
	hs.typeText("Send the MDF brief")
	hs.press("tab")
	if got := hs.m.form.inputs[fieldOwner].Value(); got != "Dana Cruz" {
		t.Errorf("default owner %q, want the 1:1's member", got)
	}
	if got := hs.m.form.inputs[fieldDue].Value(); got != "2026-11-30" {
		t.Errorf("default due %q, want a week from today", got)
	}
	hs.clearInput(9)
	hs.typeText("Zed")
	hs.press("enter")
	if v := hs.view(); !strings.Contains(v, `owner: "Zed" is not on the team`) {
		t.Errorf("bad owner:\n%s", v)
	}
	hs.clearInput(3)
	hs.typeText("pri")
	hs.press("tab")
	hs.clearInput(10)
	hs.typeText("2026-12-40")
	hs.press("enter")
	if v := hs.view(); !strings.Contains(v, `due: "2026-12-40" is not a date`) {
		t.Errorf("bad due:\n%s", v)
	}
	hs.clearInput(2)
	hs.typeText("04")
	hs.press("enter")
	rec, _ := hs.record(danaNext)
	if len(rec.Actions) != 1 {
		t.Fatalf("actions %+v, want one", rec.Actions)
	}
	a := rec.Actions[0]
	if a.Text != "Send the MDF brief" || a.Owner != "Priya Natarajan" || a.Due != cadence.MustDate("2026-12-04") || !strings.HasPrefix(a.ID, "A-") {
		t.Errorf("action %+v", a)
	}
	if v := hs.view(); !strings.Contains(v, "[ ] Send the MDF brief") || !strings.Contains(v, a.ID) {
		t.Errorf("action not shown with its ID:\n%s", v)
	}
	// Edit it: a new due date.
	hs.press("enter", "tab", "tab")
	hs.clearInput(10)
	hs.typeText("2026-12-11")
	hs.press("enter")
	if rec, _ := hs.record(danaNext); rec.Actions[0].Due != cadence.MustDate("2026-12-11") || rec.Actions[0].Text != "Send the MDF brief" {
		t.Errorf("after edit: %+v", rec.Actions[0])
	}
	// Done, and back.
	hs.press("x")
	if rec, _ := hs.record(danaNext); rec.Actions[0].Done != cadence.MustDate("2026-11-23") {
		t.Errorf("after x: %+v", rec.Actions[0])
	}
	hs.press("x")
	if rec, _ := hs.record(danaNext); !rec.Actions[0].Done.IsZero() {
		t.Errorf("after x x: %+v", rec.Actions[0])
	}
	// Delete asks first.
	hs.press("d")
	if v := hs.view(); !strings.Contains(v, fmt.Sprintf("Delete action %s \"Send the MDF brief\"? y/n", a.ID)) {
		t.Errorf("no confirmation:\n%s", v)
	}
	hs.press("n")
	if rec, _ := hs.record(danaNext); len(rec.Actions) != 1 {
		t.Fatal("n deleted the action")
	}
	hs.press("d", "y")
	if rec, _ := hs.record(danaNext); len(rec.Actions) != 0 {
		t.Errorf("after d y: %+v", rec.Actions)
	}
	// It was open: it no longer shows among the open actions.
	open, err := hs.sess.Store.OpenActions()
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range open {
		if o.ID == a.ID {
			t.Errorf("deleted action %s is still open", a.ID)
		}
	}
}

func TestSatisfaction(t *testing.T) {
	id := "qbr/northwind-systems/2026-Q4"
	hs := newHarness(t, "Jordan Lee", id, 100, 30)
	before, _ := hs.record(id)
	for _, bad := range []string{"11", "0", "abc", "7.5", ""} {
		hs.press("s")
		hs.clearInput(4)
		hs.typeText(bad)
		hs.press("enter")
		if v := hs.view(); !strings.Contains(v, fmt.Sprintf("satisfaction: %q is not a whole number from 1 to 10", bad)) {
			t.Errorf("%q accepted or not explained:\n%s", bad, v)
		}
		hs.press("esc")
	}
	if rec, _ := hs.record(id); rec.Satisfaction != before.Satisfaction {
		t.Errorf("a bad score was saved: %d", rec.Satisfaction)
	}
	hs.press("s")
	hs.clearInput(4)
	hs.typeText("8")
	hs.press("enter")
	if rec, _ := hs.record(id); rec.Satisfaction != 8 || rec.Notes != before.Notes {
		t.Errorf("satisfaction %d (notes kept: %v), want 8", rec.Satisfaction, rec.Notes == before.Notes)
	}
	if v := hs.view(); !strings.Contains(v, "This QBR             8/10") {
		t.Errorf("score not shown:\n%s", v)
	}
	// Not a QBR: no satisfaction.
	one := newHarness(t, "Jordan Lee", danaNext, 100, 30)
	if one.m.Keys().(KeyMap).Satisfaction.Enabled() {
		t.Error("s is offered on a 1:1")
	}
}

func TestMarkStatus(t *testing.T) {
	hs := newHarness(t, "Jordan Lee", danaNext, 100, 30)
	// Dana's next 1:1 is still ahead: H asks first, and says why.
	hs.press("H")
	if v := hs.view(); !strings.Contains(v, "Mark 1:1 with Dana Cruz held? It starts Wed Nov 25 11:00, which is still ahead. y/n") {
		t.Errorf("H on a future meeting asks nothing:\n%s", v)
	}
	if rec, _ := hs.record(danaNext); rec.Status == cadence.MeetingHeld {
		t.Error("held before y")
	}
	hs.press("y")
	if rec, _ := hs.record(danaNext); rec.Status != cadence.MeetingHeld {
		t.Errorf("after H y: %q", rec.Status)
	}
	// s and r do nothing on a 1:1, and say why.
	hs.press("s")
	if v := hs.view(); !strings.Contains(v, "Satisfaction is scored at QBRs only") {
		t.Errorf("s on a 1:1 says nothing:\n%s", v)
	}
	hs.press("r")
	if v := hs.view(); !strings.Contains(v, "A meeting is moved from the Week") {
		t.Errorf("r in a meeting says nothing:\n%s", v)
	}
	hs.press("C")
	if v := hs.view(); !strings.Contains(v, "Cancel 1:1 with Dana Cruz? y/n") {
		t.Errorf("no confirmation:\n%s", v)
	}
	hs.press("n")
	if rec, _ := hs.record(danaNext); rec.Status != cadence.MeetingHeld {
		t.Errorf("after C n: %q", rec.Status)
	}
	hs.press("C", "y")
	if rec, _ := hs.record(danaNext); rec.Status != cadence.MeetingCancelled {
		t.Errorf("after C y: %q", rec.Status)
	}
	if line := strings.SplitN(hs.view(), "\n", 2)[0]; !strings.HasSuffix(strings.TrimSpace(line), "cancelled") {
		t.Errorf("header %q", line)
	}
}

func TestEditor(t *testing.T) {
	hs := newHarness(t, "Jordan Lee", danaNext, 100, 30)
	hs.focusSection(secTalking)
	hs.press("enter")
	hs.typeText("draft")
	hs.press("esc")
	// e writes the text to a file; the harness does not run the editor,
	// so play it: change the file, then say the editor is done.
	var cmd tea.Cmd
	hs.m, cmd = hs.m.Update(keyMsg("e"))
	if cmd == nil {
		t.Fatal("e did nothing")
	}
	file := cmd().(editorFile)
	if file.err != nil {
		t.Fatal(file.err)
	}
	b, err := os.ReadFile(file.path)
	if err != nil || string(b) != "draft\n" {
		t.Fatalf("editor file %q, %v; want the text and a final newline", b, err)
	}
	// The editor runs through tea.ExecProcess, which only a running program
	// carries out.
	if _, run := hs.m.Update(file); run == nil {
		t.Fatal("no editor started")
	}
	if err := os.WriteFile(file.path, []byte("- pricing\n- renewals\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	hs.send(editorDone{sec: file.sec, path: file.path})
	rec, _ := hs.record(danaNext)
	if want := "- pricing\n- renewals"; rec.TalkingPoints != want {
		t.Errorf("talking points %q, want %q", rec.TalkingPoints, want)
	}
	if _, err := os.Stat(file.path); !os.IsNotExist(err) {
		t.Errorf("the temporary file is still there: %v", err)
	}
	if v := hs.view(); !strings.Contains(v, "- renewals") || !strings.Contains(v, "saved") {
		t.Errorf("view after the editor:\n%s", v)
	}
}

func TestTinySizes(t *testing.T) {
	hs := newHarness(t, "Jordan Lee", danaNext, 100, 30)
	for _, size := range [][2]int{{0, 0}, {1, 1}, {10, 3}, {80, 22}, {3, 40}, {200, 2}, {130, 5}} {
		w, h := size[0], size[1]
		hs.m.SetSize(w, h)
		for _, k := range []string{"j", "tab", "a"} {
			hs.press(k)
			v := hs.m.View()
			if w == 0 || h == 0 {
				if v != "" {
					t.Errorf("%dx%d: %q, want empty", w, h, v)
				}
				continue
			}
			lines := strings.Split(v, "\n")
			if len(lines) != h {
				t.Errorf("%dx%d after %s: %d lines", w, h, k, len(lines))
			}
			for i, l := range lines {
				if got := ansi.StringWidth(l); got != w {
					t.Errorf("%dx%d after %s: line %d is %d wide", w, h, k, i, got)
				}
			}
		}
		hs.press("esc")
	}
}

func TestBadID(t *testing.T) {
	hs := newHarness(t, "Jordan Lee", "1on1/nobody/2026-11-25", 100, 30)
	v := hs.view()
	if !strings.Contains(v, "Could not load the meeting") {
		t.Errorf("bad ID view:\n%s", v)
	}
	if hs.m.Keys().(KeyMap).Held.Enabled() {
		t.Error("H is offered on a meeting that did not load")
	}
	hs.press("H", "a", "esc")
	if _, ok := hs.sent[len(hs.sent)-1].(session.Back); !ok {
		t.Errorf("esc did not go back: %#v", hs.sent)
	}
}

// BenchmarkTyping is a keystroke in the notes of a QBR on a wide screen:
// Update and View, the agenda beside the text redrawn.
func BenchmarkTyping(b *testing.B) {
	hs := newHarness(b, "Jordan Lee", orbitalQ4, 140, 40)
	hs.focusSection(secNotes)
	hs.press("enter")
	for i := range 20 {
		hs.typeText(fmt.Sprintf("- point %d about the partner's pipeline and plans", i))
		hs.press("enter")
	}
	m := hs.m
	keys := []tea.KeyPressMsg{keyMsg("a"), keyMsg("backspace")}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		m, _ = m.Update(keys[i%2])
		_ = m.View()
	}
}

// BenchmarkTyping200 is a keystroke in notes of 200 lines (DESIGN §10:
// ≤ 1 ms), typed in the middle of the text so that the rows above and
// below the cursor are both on screen: Update and View.
func BenchmarkTyping200(b *testing.B) {
	hs := newHarness(b, "Jordan Lee", orbitalQ4, 140, 40)
	hs.focusSection(secNotes)
	lines := make([]string, 200)
	for i := range lines {
		lines[i] = fmt.Sprintf("- point %d about the partner's pipeline, plans and the next quarter's targets", i)
	}
	hs.press("enter")
	hs.send(tea.PasteMsg{Content: strings.Join(lines, "\n")})
	for range 100 {
		hs.press("up")
	}
	m := hs.m
	if n := m.text[1].LineCount(); n != 200 {
		b.Fatalf("%d lines", n)
	}
	keys := []tea.KeyPressMsg{keyMsg("a"), keyMsg("backspace")}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		m, _ = m.Update(keys[i%2])
		_ = m.View()
	}
}

func TestExport(t *testing.T) {
	hs := newHarness(t, "Jordan Lee", danaNext, 100, 30)
	// What was typed and not yet saved is in the export.
	hs.focusSection(secTalking)
	hs.press("enter")
	hs.typeText("Ask about the *Q1* plan")
	hs.press("esc", "E")
	want := filepath.Join(filepath.Dir(hs.sess.Config.Path), "agendas", "1on1_dana-cruz_2026-11-25.md")
	b, err := os.ReadFile(want)
	if err != nil {
		t.Fatalf("no agenda file: %v", err)
	}
	md := string(b)
	for _, s := range []string{"1:1 with Dana Cruz", "Send Copperleaf Studio the updated MDF policy", `Ask about the *Q1* plan`} {
		if !strings.Contains(md, s) {
			t.Errorf("agenda lacks %q:\n%s", s, md)
		}
	}
	if hs.clipboard != md {
		t.Errorf("clipboard holds %d bytes, want the agenda's %d", len(hs.clipboard), len(md))
	}
	if v := hs.view(); !strings.Contains(v, "Agenda written to "+want) {
		t.Errorf("path not shown:\n%s", v)
	}
	if got := hs.sent[len(hs.sent)-1]; got != (session.Notice{Text: "agenda exported to " + want}) {
		t.Errorf("last message %#v", got)
	}
}

// TestEscThenKeyTypedFast: esc and q close together arrive as alt+q; it
// stops writing and hands q on (to the root, which quits), while alt keys
// the text box knows (alt+b: a word back) stay the text box's.
func TestEscThenKeyTypedFast(t *testing.T) {
	hs := newHarness(t, "Jordan Lee", danaNext, 100, 30)
	hs.focusSection(secTalking)
	hs.press("enter")
	hs.typeText("one two")
	var cmd tea.Cmd
	hs.m, cmd = hs.m.Update(tea.KeyPressMsg{Code: 'b', Mod: tea.ModAlt})
	if !hs.m.Capturing() {
		t.Fatal("alt+b stopped writing")
	}
	hs.run(cmd)
	hs.m, cmd = hs.m.Update(tea.KeyPressMsg{Code: 'q', Mod: tea.ModAlt})
	if hs.m.Capturing() {
		t.Fatal("alt+q (esc, q) did not stop writing")
	}
	if cmd == nil {
		t.Fatal("q was not handed on")
	}
	if got, ok := cmd().(tea.KeyPressMsg); !ok || got.String() != "q" {
		t.Errorf("handed on %#v, want q", got)
	}
	if got := hs.m.text[0].Value(); got != "one two" {
		t.Errorf("text %q", got)
	}
}

// Another session's edit shows as soon as the database says it changed,
// without waiting for the root's new snapshot: the screen reads its own
// records again on session.Changed.
func TestChangedReloadsAtOnce(t *testing.T) {
	hs := newHarness(t, "Jordan Lee", danaNext, 100, 30)
	rec, _ := hs.record(danaNext)
	change := cadence.MeetingChange{Meeting: danaNext, What: "talking points", Edits: []cadence.MeetingEdit{
		{Kind: cadence.EditText, Field: cadence.FieldTalkingPoints, Base: rec.Text(cadence.FieldTalkingPoints), Text: "- typed-by-dana-elsewhere"},
	}}
	if _, _, err := hs.sess.Store.EditMeeting(hs.sess.Config, "Dana Cruz", change); err != nil {
		t.Fatal(err)
	}
	hs.focusSection(secTalking)
	if strings.Contains(hs.view(), "typed-by-dana-elsewhere") {
		t.Fatalf("the screen shows the edit before it was told of a change")
	}
	hs.send(session.Changed{})
	if v := hs.view(); !strings.Contains(v, "typed-by-dana-elsewhere") {
		t.Errorf("after Changed the talking points do not show the other session's edit:\n%s", v)
	}
}
