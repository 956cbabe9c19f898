package registrations

import (
	"fmt"
	"testing"
	"time"

	"partnercadence/cadence"
	"partnercadence/cadence/demo"
	"partnercadence/tui/session"
	"partnercadence/tui/theme"
)

// BenchmarkKeypress is Update + View of one key on the queue with the large
// demo's 5,000 partners and 3,000 open registrations (synthesized in memory,
// flags computed as the app does) at 120×40.
func BenchmarkKeypress(b *testing.B) {
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
	down, top := keyRune('j'), keyRune('g')
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		k := down
		if m.cursor == len(m.shown)-1 {
			k = top
		}
		m, _ = m.Update(k)
		_ = m.View()
	}
}
