package partners

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"partnercadence/cadence"
	"partnercadence/cadence/demo"
	"partnercadence/tui/session"
	"partnercadence/tui/theme"
)

// largeSnapshot synthesizes the large demo's 5,000 partners (DESIGN §10) in
// memory, with a flag on one in five: generating the large demo itself takes
// half a minute, and the table reads nothing but the snapshot.
func largeSnapshot(b *testing.B) (*session.Session, *session.Snapshot) {
	b.Helper()
	cfg, err := cadence.ParseConfig([]byte(demo.Config(demo.Large, now)), "demo")
	if err != nil {
		b.Fatal(err)
	}
	sess := &session.Session{Config: cfg, Clock: func() time.Time { return now }, Me: cfg.Team[0].Name}
	today := sess.Today()
	snap := &session.Snapshot{At: now}
	for i := range demo.LargePartners {
		p := cadence.Partner{
			Name:   fmt.Sprintf("Partner %04d %s", i, []string{"Systems", "Labs", "Digital", "Consulting", "Cloud"}[i%5]),
			Type:   cadence.PartnerTypes[i%len(cadence.PartnerTypes)],
			Tier:   1 + i%3,
			Owner:  cfg.Team[i%len(cfg.Team)].Name,
			Status: cadence.PartnerStatuses[i%len(cadence.PartnerStatuses)],
			Joined: today.AddDays(-400 - i%300),
		}
		snap.Partners = append(snap.Partners, cadence.PartnerActivity{
			Partner: p, LastInbound: today.AddDays(-(i % 120)), LastTouch: today.AddDays(-(i % 30)),
			OpenRegistrations: i % 4,
		})
		if i%5 == 0 {
			snap.Flags = append(snap.Flags, cadence.Flag{
				Kind: cadence.FlagKinds[i%len(cadence.FlagKinds)], Partner: p.Name, Owner: p.Owner, Days: i % 30,
			})
		}
	}
	return sess, snap
}

// BenchmarkKeypress is Update + View of one key on the Partners table with
// 5,000 partners at 120×40: the §10 budget is 1 ms.
func BenchmarkKeypress(b *testing.B) {
	sess, snap := largeSnapshot(b)
	m := New(sess, theme.NewStyles(true))
	m.SetSize(120, 40)
	m, _ = m.Update(session.Loaded{Snapshot: snap})
	_ = m.View()
	down, top := keyRune('j'), keyRune('g')
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		k := down
		if m.tbl.list.Cursor() == m.tbl.list.Len()-1 {
			k = top
		}
		m, _ = m.Update(k)
		_ = m.View()
	}
}

// BenchmarkFilterKeypress is one more letter typed into the fuzzy filter
// over 5,000 partners: Update + View echo the letter at once, and the match
// itself runs in the Cmd they return (BenchmarkFilterMatch), whose result
// is then applied (BenchmarkFilterApply).
func BenchmarkFilterKeypress(b *testing.B) {
	sess, snap := largeSnapshot(b)
	m := New(sess, theme.NewStyles(true))
	m.SetSize(120, 40)
	m, _ = m.Update(session.Loaded{Snapshot: snap})
	m, _ = m.Update(keyRune('/'))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		var k tea.Msg = keyRune('s')
		if m.query != "" {
			k = keyBksp
		}
		m, _ = m.Update(k)
		_ = m.View()
	}
}

// BenchmarkFilterMatch is the fuzzy match of a first letter (no narrowing)
// over 5,000 partners, as the filter's Cmd runs it off the event loop.
func BenchmarkFilterMatch(b *testing.B) {
	sess, snap := largeSnapshot(b)
	m := New(sess, theme.NewStyles(true))
	m.SetSize(120, 40)
	m, _ = m.Update(session.Loaded{Snapshot: snap})
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m.tbl.list.SetQuery("")
		_ = m.tbl.list.SetQuery("s")()
	}
}

// BenchmarkFilterApply is Update + View of a match result for 5,000
// partners, every one of which matches.
func BenchmarkFilterApply(b *testing.B) {
	sess, snap := largeSnapshot(b)
	m := New(sess, theme.NewStyles(true))
	m.SetSize(120, 40)
	m, _ = m.Update(session.Loaded{Snapshot: snap})
	m, _ = m.Update(keyRune('/'))
	m, _ = m.Update(keyRune('p'))
	res := m.tbl.list
	res.SetQuery("")
	matched := res.SetQuery("p")()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m, _ = m.Update(matched)
		_ = m.View()
	}
}

// BenchmarkWheel is Update + View of a notch of the mouse wheel on the
// table of 5,000 partners.
func BenchmarkWheel(b *testing.B) {
	sess, snap := largeSnapshot(b)
	m := New(sess, theme.NewStyles(true))
	m.SetSize(120, 40)
	m, _ = m.Update(session.Loaded{Snapshot: snap})
	_ = m.View()
	down, top := tea.MouseWheelMsg{Button: tea.MouseWheelDown}, keyRune('g')
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		var k tea.Msg = down
		if m.tbl.list.Cursor() == m.tbl.list.Len()-1 {
			k = top
		}
		m, _ = m.Update(k)
		_ = m.View()
	}
}

// BenchmarkSortKeypress is s (the next sort) on 5,000 partners, each sort's
// order computed once and then reused.
func BenchmarkSortKeypress(b *testing.B) {
	sess, snap := largeSnapshot(b)
	m := New(sess, theme.NewStyles(true))
	m.SetSize(120, 40)
	m, _ = m.Update(session.Loaded{Snapshot: snap})
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m, _ = m.Update(keyRune('s'))
		_ = m.View()
	}
}
