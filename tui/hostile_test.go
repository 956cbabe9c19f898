package tui

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"partnercadence/cadence"
	"partnercadence/tui/screentest"
	"partnercadence/tui/session"
)

// Text from the data never reaches the terminal as control codes (issue 10
// item 5, DESIGN §9): a partner, a touchpoint, a registration, a one-off
// meeting and an action item carrying escape sequences, C1 codes and other
// controls are shown on every screen as visible symbols.

// The hostile values. hostileName sets the window title; hostileAccount
// also writes "echo pwned" to the clipboard (OSC 52); hostileText colours
// what follows it red, starts a C1 CSI, rings the bell, and carries NUL, CR
// and DEL.
const (
	hostileName    = "Evil\x1b]0;TITLE\x07Corp"
	hostileAccount = "Evil\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b]0;TITLE\x07Corp"
	hostileText    = "red \x1b[31mRED \u009b31m c1 \x07bel \x00nul \rcr \x7fdel"
	hostileID      = "EVIL-\x1b]0;TITLE\x07-1"
	// hostileTitle is a one-off meeting's title.
	hostileTitle = "Board \x1b[31mprep\x07"
)

// What the hostile values look like on screen.
const (
	shownName = "Evil␛]0;TITLE␇Corp"
	shownText = "red ␛[31mRED \ufffd31m c1 ␇bel ␀nul ␍cr ␡del"
)

// addHostileData writes the hostile values into the session's database, each
// where a screen shows it: a tier-1 partner of Dana's (a silent partner),
// an intro nobody registered, an overdue registration, a one-off meeting on
// Monday morning and an overdue action item in Dana's next 1:1.
func addHostileData(t *testing.T, sess *session.Session) {
	t.Helper()
	st, cfg := sess.Store, sess.Config
	day := func(s string) cadence.Date {
		d, err := cadence.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	p := cadence.Partner{
		Name: hostileName, Type: cadence.PartnerType("reseller"), Tier: 1, Owner: "Dana Cruz",
		Status: cadence.PartnerStatus("active"), Joined: day("2026-01-05"),
		Contact: "Mal\x1b[31mory", Email: "mal@evil.example", Domain: "evil\x00.example", Notes: hostileText,
	}
	if err := st.SavePartner(cfg, "", p); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddTouchpoint(cfg, "", cadence.Touchpoint{
		Partner: hostileName, Date: day("2026-11-10"), Kind: cadence.TouchIntro, Direction: cadence.Inbound,
		Account: hostileAccount, Note: hostileText, By: "Dana Cruz",
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveRegistration(cfg, "", cadence.Registration{
		ID: hostileID, Partner: hostileName, Account: "Acct \x1b[31mRed", Amount: 12000,
		Submitted: day("2026-11-02"), Status: cadence.RegSubmitted, Attribution: cadence.Sourced, Owner: "Dana Cruz",
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveRecord(cfg, "", cadence.MeetingRecord{
		ID: "adhoc/", Title: hostileTitle, Minutes: 30, Attendees: []string{"Dana Cruz", "Jordan Lee"},
		At: time.Date(2026, 11, 23, 13, 0, 0, 0, time.UTC), // Monday 08:00 in New York
	}); err != nil {
		t.Fatal(err)
	}
	const oneOnOne = "1on1/dana-cruz/2026-11-25"
	rec, _, err := st.Record(oneOnOne)
	if err != nil {
		t.Fatal(err)
	}
	rec.ID = oneOnOne
	rec.Actions = append(rec.Actions, cadence.ActionItem{Text: hostileText, Owner: "Dana Cruz", Due: day("2026-11-20")})
	if _, err := st.SaveRecord(cfg, "", rec); err != nil {
		t.Fatal(err)
	}
}

// frameLog keeps every frame the root model drew.
type frameLog struct {
	mu     sync.Mutex
	frames []string
}

func (l *frameLog) add(s string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if n := len(l.frames); n == 0 || l.frames[n-1] != s {
		l.frames = append(l.frames, s)
	}
}

func (l *frameLog) all() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.frames...)
}

func (l *frameLog) last() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.frames) == 0 {
		return ""
	}
	return l.frames[len(l.frames)-1]
}

// recorder is the root model, keeping each frame it draws.
type recorder struct {
	m   Model
	log *frameLog
}

func (r recorder) Init() tea.Cmd { return r.m.Init() }

func (r recorder) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	next, cmd := r.m.Update(msg)
	r.m = next.(Model)
	return r, cmd
}

func (r recorder) View() tea.View {
	v := r.m.View()
	r.log.add(v.Content)
	return v
}

// lockedBuffer collects what the program wrote to its terminal.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) drain(r io.Reader) {
	b.mu.Lock()
	defer b.mu.Unlock()
	_, _ = io.Copy(&b.buf, r)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestHostileDataNeverReachesTheTerminal(t *testing.T) {
	sess := demoSession(t)
	addHostileData(t, sess)
	log := &frameLog{}
	// True colour: the app's own colours are 24-bit, so a plain "31" (red)
	// in the output can only have come from the data.
	tm := teatest.NewTestModel(t, recorder{m: New(sess, true), log: log},
		teatest.WithInitialTermSize(140, 40),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.TrueColor)))
	var out lockedBuffer
	// waitFor waits until the last frame, stripped, shows want.
	waitFor := func(want string) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for !strings.Contains(ansi.Strip(log.last()), want) {
			out.drain(tm.Output())
			if time.Now().After(deadline) {
				tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
				last := log.last()
				if bad := rawControls(last); bad != "" {
					// The data's codes broke the layout: that is the failure.
					t.Fatalf("the screen carries %s from the data (and never showed %q):\n%s", bad, want, ansi.Strip(last))
				}
				t.Fatalf("the screen never showed %q; it shows:\n%s", want, ansi.Strip(last))
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	keys := func(names ...string) {
		for _, k := range names {
			tm.Send(screentest.KeyNamed(k))
			time.Sleep(30 * time.Millisecond)
		}
	}
	// selectRow presses j until the line under the cursor (marked ▸) shows
	// want.
	selectRow := func(want string) {
		t.Helper()
		for range 40 {
			if strings.Contains(screentest.LineWith(ansi.Strip(log.last()), "▸"), want) {
				return
			}
			keys("j")
			time.Sleep(30 * time.Millisecond)
		}
		t.Fatalf("no row with %q; the screen shows:\n%s", want, ansi.Strip(log.last()))
	}

	// The Week: the one-off meeting's row and the flags panel.
	waitFor("Flags (")
	waitFor("Jordan Lee, Dana Cruz")
	selectRow("one-off")
	keys("r") // the reschedule form names the meeting
	waitFor("Reschedule Board")
	keys("esc", "C") // so does the cancel confirmation
	waitFor("Cancel Board")
	keys("n", "H") // marking it held: the notice in the status line names it
	waitFor("marked held")
	keys("enter") // the meeting screen's header
	waitFor("its agenda is what you write")
	keys("esc")

	// Flags: every message whole, the hostile ones among them.
	keys("2")
	waitFor("Flags  1 of")
	waitFor("approve or reject it")

	// Partners: the row, the timeline, the edit form.
	keys("3")
	waitFor("flagged")
	keys("/")
	tm.Type("evil")
	keys("enter", "enter")
	waitFor("Timeline")
	waitFor("intro")
	keys("E")
	waitFor("Edit Evil")
	keys("esc", "esc", "esc")

	// Registrations: the queue and the detail.
	keys("4")
	waitFor("Registrations")
	keys("/")
	tm.Type("evil")
	keys("enter", "enter")
	waitFor("submitted")
	waitFor("owner")
	keys("A") // the confirmation quotes the partner and the account
	waitFor("y/n")
	keys("n", "esc")

	// The Readout, then Team: Dana's partners, flags and actions.
	keys("5")
	waitFor("Readout")
	keys("6")
	waitFor("Next 1:1")
	keys("/")
	tm.Type("dana")
	keys("enter")
	waitFor("Open actions")

	// Dana's next 1:1: the agenda, the actions, the action form and the
	// delete confirmation.
	keys("enter")
	waitFor("Carried over")
	keys("tab", "tab", "tab") // to the actions
	for range 10 {
		keys("j")
	}
	keys("enter")
	waitFor("Edit action")
	keys("esc", "d")
	waitFor("Delete action")
	keys("n", "?")
	waitFor("Keys: Meeting")
	keys("x", "esc")
	waitFor("Week ")
	keys("q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(20*time.Second))
	out.drain(tm.Output())

	frames := log.all()
	var seen strings.Builder
	for i, f := range frames {
		if bad := rawControls(f); bad != "" {
			t.Fatalf("frame %d carries %s from the data; it shows:\n%s", i, bad, ansi.Strip(f))
		}
		if line := redText(f); line != "" {
			t.Fatalf("frame %d draws text red (an SGR 31 from the data): %q", i, line)
		}
		seen.WriteString(ansi.Strip(f))
	}
	for _, want := range []string{shownName, "␛[31m", "␛]52;c;ZWNobyBwd25lZA==␇", "␇", "␀", "␍", "␡", "\ufffd31m", "Board ␛[31mprep␇"} {
		if !strings.Contains(seen.String(), want) {
			t.Errorf("no frame shows %q", want)
		}
	}
	if bad := terminalBytes(out.String()); bad != "" {
		t.Errorf("the terminal received %s", bad)
	}
}

// rawControls names a control character or sequence in a frame that only
// the data could have put there ("" for none). A frame's own codes are SGR
// (colours, bold) alone.
func rawControls(frame string) string {
	for _, c := range []struct{ seq, name string }{
		{"\x1b]", "an OSC sequence (ESC ])"},
		{"\x07", "a BEL"},
		{"\u009b", "a C1 CSI (U+009B)"},
		{"\x1b[31m", "an SGR 31 (red)"},
		{"\x00", "a NUL"},
		{"\r", "a CR"},
		{"\x7f", "a DEL"},
	} {
		if strings.Contains(frame, c.seq) {
			return c.name
		}
	}
	for i := 0; i < len(frame); i++ {
		if frame[i] == 0x1b && (i+1 >= len(frame) || frame[i+1] != '[') {
			return "an escape that is not a CSI: " + strconv.Quote(frame[i:min(i+12, len(frame))])
		}
	}
	return ""
}

// redText follows the SGR codes of a frame as a terminal would and returns
// the first line with text drawn in ANSI red (SGR 31), or "".
func redText(frame string) string {
	red := false
	for _, line := range strings.Split(frame, "\n") {
		for i := 0; i < len(line); {
			if line[i] == 0x1b && i+1 < len(line) && line[i+1] == '[' {
				j := i + 2
				for j < len(line) && (line[j] < 0x40 || line[j] > 0x7e) {
					j++
				}
				if j < len(line) && line[j] == 'm' {
					red = sgrRed(line[i+2:j], red)
				}
				i = j + 1
				continue
			}
			if red && line[i] != ' ' {
				return ansi.Strip(line)
			}
			i++
		}
	}
	return ""
}

// sgrRed applies one SGR's parameters to whether the foreground is red.
func sgrRed(params string, red bool) bool {
	ps := strings.FieldsFunc(params, func(r rune) bool { return r == ';' })
	if len(ps) == 0 {
		return false // ESC[m resets
	}
	for i := 0; i < len(ps); i++ {
		switch p := ps[i]; {
		case p == "0" || p == "39":
			red = false
		case p == "31":
			red = true
		case p == "38":
			red = false
			if i+1 < len(ps) && ps[i+1] == "5" {
				i += 2
			} else if i+1 < len(ps) && ps[i+1] == "2" {
				i += 4
			}
		case p == "48" || p == "58":
			if i+1 < len(ps) && ps[i+1] == "5" {
				i += 2
			} else if i+1 < len(ps) && ps[i+1] == "2" {
				i += 4
			}
		case len(p) == 2 && (p[0] == '3' || p[0] == '9') && p[1] >= '0' && p[1] <= '7':
			red = false
		}
	}
	return red
}

// terminalBytes names what the data put into the bytes the program wrote
// to its terminal ("" for nothing): the program's own OSC sequences (its
// window title, the background colour query) are allowed, nothing else.
func terminalBytes(out string) string {
	for i := 0; i < len(out); i++ {
		switch c := out[i]; {
		case c == 0x1b && i+1 < len(out) && out[i+1] == ']':
			// Read to BEL, or to ST (ESC \).
			j := i + 2
			for j < len(out) && out[j] != 0x07 && !(out[j] == 0x1b && j+1 < len(out) && out[j+1] == '\\') {
				j++
			}
			body := out[i+2 : min(j, len(out))]
			if strings.HasPrefix(body, "52;") || strings.Contains(body, "TITLE") || strings.Contains(body, "ZWNo") {
				return "the data's OSC sequence " + strconv.Quote(body)
			}
			i = j
		case c == 0x1b && i+1 < len(out) && out[i+1] == '[':
			j := i + 2
			for j < len(out) && (out[j] < 0x40 || out[j] > 0x7e) {
				j++
			}
			if j < len(out) && out[j] == 'm' && sgrRed(out[i+2:j], false) {
				return "an SGR 31 (red), which only the data has: " + strconv.Quote(out[i:j+1])
			}
			i = j
		case c == 0x07:
			return "a BEL outside the program's own OSC sequences"
		case c == 0x00 || c == 0x7f:
			return "a " + strconv.Quote(string(c))
		case c == 0xc2 && i+1 < len(out) && out[i+1] >= 0x80 && out[i+1] < 0xa0:
			return "a C1 code " + strconv.Quote(out[i:i+2])
		}
	}
	return ""
}
