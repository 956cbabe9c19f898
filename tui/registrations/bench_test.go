package registrations

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"partnercadence/cadence"
	"partnercadence/cadence/demo"
	"partnercadence/tui/list"
	"partnercadence/tui/session"
	"partnercadence/tui/theme"
)

// largeQueue is the screen at 120×40 over the large demo's 5,000 partners
// and 3,000 open registrations (synthesized in memory, flags computed as
// the app does).
func largeQueue(b *testing.B) Model {
	b.Helper()
	cfg, err := cadence.ParseConfig([]byte(demo.Config(demo.Large, now)), "demo")
	if err != nil {
		b.Fatal(err)
	}
	sess := &session.Session{Config: cfg, Clock: func() time.Time { return now }, Me: cfg.Team[0].Name}
	today := sess.Today()
	in := cadence.FlagInput{Now: now, Config: cfg}
	for i := range demo.LargePartners {
		p := cadence.Partner{
			Name: fmt.Sprintf("Partner %04d", i), Type: cadence.TypeReseller, Tier: 1 + i%3,
			Owner: cfg.Team[i%len(cfg.Team)].Name, Status: cadence.PartnerActive, Joined: today.AddDays(-400),
		}
		in.Partners = append(in.Partners, cadence.PartnerActivity{Partner: p, LastInbound: today.AddDays(-(i % 20))})
	}
	for i := range 3000 {
		r := cadence.Registration{
			ID: fmt.Sprintf("R-%d", i+1), Partner: fmt.Sprintf("Partner %04d", (i*7)%demo.LargePartners),
			Account: fmt.Sprintf("Account %d", i%2900), Amount: int64(5000 + i*100), Submitted: today.AddDays(-(i % 120)),
			Status: cadence.RegSubmitted, Attribution: cadence.Sourced, Owner: cfg.Team[i%len(cfg.Team)].Name,
		}
		if i%3 != 0 {
			r.Status, r.Decided = cadence.RegApproved, r.Submitted.AddDays(2)
		}
		in.Open = append(in.Open, r)
	}
	snap := &session.Snapshot{At: now, Partners: in.Partners, Open: in.Open, Flags: cadence.Flags(in)}
	m := New(sess, theme.NewStyles(true))
	m.SetSize(120, 40)
	m, _ = m.Update(session.Loaded{Snapshot: snap})
	_ = m.View()
	return m
}

// BenchmarkKeypress is Update + View of one key on the queue of 3,000 open
// registrations.
func BenchmarkKeypress(b *testing.B) {
	m := largeQueue(b)
	down, top := keyRune('j'), keyRune('g')
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		k := down
		if m.list.Cursor() == m.list.Len()-1 {
			k = top
		}
		m, _ = m.Update(k)
		_ = m.View()
	}
}

// BenchmarkFilterKeypress is one letter typed into the fuzzy filter over
// 3,000 registrations and deleted again: Update + View echo it at once, the
// match runs in the Cmd they return (BenchmarkFilterMatch), and its result
// is applied by BenchmarkFilterApply.
func BenchmarkFilterKeypress(b *testing.B) {
	m := largeQueue(b)
	m, _ = m.Update(keyRune('/'))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		k := keyRune('7')
		if m.list.Query() != "" {
			k = keyBksp
		}
		m, _ = m.Update(k)
		_ = m.View()
	}
}

// BenchmarkFilterMatch is the match of a first letter over 3,000
// registrations, off the event loop.
func BenchmarkFilterMatch(b *testing.B) {
	m := largeQueue(b)
	m, _ = m.Update(keyRune('/'))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m.list.SetQuery("")
		if cmd := m.list.SetQuery("7"); cmd != nil {
			_ = cmd()
		}
	}
}

// BenchmarkFilterApply is Update + View of a match's result: 3,000
// registrations, most of which match.
func BenchmarkFilterApply(b *testing.B) {
	m := largeQueue(b)
	m, _ = m.Update(keyRune('/'))
	m, cmd := m.Update(keyRune('7'))
	res := cmd()
	for {
		batch, ok := res.(tea.BatchMsg)
		if !ok {
			break
		}
		for _, c := range batch {
			if c != nil {
				if r, ok := c().(list.Matched); ok {
					res = r
				}
			}
		}
		if _, ok := res.(list.Matched); !ok {
			b.Fatalf("typing into the filter returned %T, not a match", res)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m, _ = m.Update(res)
		_ = m.View()
	}
}

// BenchmarkWheel is Update + View of a notch of the mouse wheel.
func BenchmarkWheel(b *testing.B) {
	m := largeQueue(b)
	down, top := tea.MouseWheelMsg{Button: tea.MouseWheelDown}, keyRune('g')
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		var k tea.Msg = down
		if m.list.Cursor() == m.list.Len()-1 {
			k = top
		}
		m, _ = m.Update(k)
		_ = m.View()
	}
}
