package cadence

import "testing"

// The edges of §3's holiday rule and of §4's intro_lookback_days and
// meeting_unprepared: at every edge and on either side of it.

func TestHolidayRule(t *testing.T) {
	// Dana Cruz's 1:1 is on Tuesdays at 10:00; Tuesday 2026-11-17 is the
	// holiday of most rows. "Now" is Monday 2026-11-23 09:00.
	const id = "1on1/dana-cruz/2026-11-17"
	tests := []struct {
		name        string
		holidays    []string
		rec         *MeetingRecord
		wantDate    string
		wantHoliday bool
		wantMissed  int // days of the missed flag; -1 for none
	}{
		{"the day itself", []string{"2026-11-17"}, nil, "2026-11-17", true, -1},
		{"the day before is the holiday", []string{"2026-11-16"}, nil, "2026-11-17", false, 6},
		{"the day after is the holiday", []string{"2026-11-18"}, nil, "2026-11-17", false, 6},
		{"no holidays", nil, nil, "2026-11-17", false, 6},
		{"moved to the next working day", []string{"2026-11-17"},
			&MeetingRecord{ID: id, At: fkAt(t, "2026-11-18 10:00").UTC()}, "2026-11-18", false, 5},
		{"moved to another hour of the holiday", []string{"2026-11-17"},
			&MeetingRecord{ID: id, At: fkAt(t, "2026-11-17 14:00").UTC()}, "2026-11-17", true, -1},
		{"marked held anyway", []string{"2026-11-17"},
			&MeetingRecord{ID: id, Status: MeetingHeld}, "2026-11-17", false, -1},
		{"a record with talking points only", []string{"2026-11-17"},
			&MeetingRecord{ID: id, TalkingPoints: "pipeline"}, "2026-11-17", true, -1},
		{"moved onto a holiday from another day", []string{"2026-11-18"},
			&MeetingRecord{ID: id, At: fkAt(t, "2026-11-18 10:00").UTC()}, "2026-11-18", false, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := fkConfig(t)
			cfg.Holidays = Holidays{}
			for _, d := range tt.holidays {
				cfg.Holidays[fkDate(d)] = true
			}
			recs := map[string]MeetingRecord{}
			if tt.rec != nil {
				recs[id] = *tt.rec
			}
			o, err := cfg.OccurrenceByID(id, nil, recs)
			if err != nil {
				t.Fatal(err)
			}
			if o.Date != fkDate(tt.wantDate) || o.Holiday != tt.wantHoliday {
				t.Errorf("OccurrenceByID: date %s holiday %v, want %s %v", o.Date, o.Holiday, tt.wantDate, tt.wantHoliday)
			}
			var inRange *Occurrence
			occs := cfg.Occurrences(fkDate("2026-11-16"), fkDate("2026-11-20"), nil, recs)
			for i := range occs {
				if occs[i].ID == id {
					inRange = &occs[i]
				}
			}
			if inRange == nil || inRange.Holiday != tt.wantHoliday {
				t.Errorf("Occurrences: %+v, want holiday %v", inRange, tt.wantHoliday)
			}
			missed := -1
			for _, f := range fkOfKind(Flags(FlagInput{Now: fkAt(t, fkMonday), Config: cfg, Records: recs}), FlagMeetingMissed) {
				if f.Ref == id {
					missed = f.Days
				}
			}
			if missed != tt.wantMissed {
				t.Errorf("missed flag days %d, want %d", missed, tt.wantMissed)
			}
		})
	}
}

func TestHolidayOnlyForDatedSeries(t *testing.T) {
	cfg := fkConfig(t)
	cfg.Holidays = Holidays{fkDate("2026-12-01"): true} // first Tuesday: the pipeline review
	got := map[Kind]bool{}
	partners := []Partner{fkPartner("Northwind", 1, "Dana Cruz")}
	for _, o := range cfg.Occurrences(fkDate("2026-11-30"), fkDate("2026-12-04"), partners, nil) {
		if o.Date == fkDate("2026-12-01") {
			got[o.Kind] = o.Holiday
		}
	}
	if !got[KindOneOnOne] || !got[KindPipeline] {
		t.Errorf("on the holiday: %v, want the 1:1 and the review marked", got)
	}
	// A QBR due on a holiday is due, not off: it has no day of its own.
	cfg.Holidays = Holidays{fkDate("2027-02-11"): true} // the last day of Q1's six-week window
	for _, o := range cfg.Occurrences(fkDate("2027-02-11"), fkDate("2027-02-11"), partners, nil) {
		if o.Kind == KindQBR && o.Holiday {
			t.Errorf("QBR %s marked as a holiday", o.ID)
		}
	}
}

func TestNextWorkingDay(t *testing.T) {
	cfg := fkConfig(t)
	cfg.Holidays = Holidays{fkDate("2026-11-26"): true, fkDate("2026-11-27"): true}
	for _, tt := range []struct{ from, want string }{
		{"2026-11-25", "2026-11-30"}, // Thanksgiving, the day after, the weekend
		{"2026-11-24", "2026-11-25"},
		{"2026-11-20", "2026-11-23"}, // Friday to Monday
	} {
		if got := cfg.NextWorkingDay(fkDate(tt.from)); got != fkDate(tt.want) {
			t.Errorf("NextWorkingDay(%s) = %s, want %s", tt.from, got, tt.want)
		}
	}
}

func TestFlagIntroLookback(t *testing.T) {
	cfg := fkConfig(t) // intro_registration_days 7, intro_lookback_days 90
	partners := []PartnerActivity{{Partner: fkPartner("Northwind", 2, "Dana Cruz"), LastInbound: fkDate("2026-11-20")}}
	today := fkDate("2026-11-23")
	for _, tt := range []struct {
		days, lookback int
		want           bool
	}{
		{7, 90, false}, {8, 90, true}, {89, 90, true}, {90, 90, true}, {91, 90, false}, {400, 90, false},
		{30, 30, true}, {31, 30, false}, {8, 8, true}, {9, 8, false},
	} {
		cfg.Flags.IntroLookbackDays = tt.lookback
		in := Intro{Partner: "Northwind", Account: "Acme Corp", Date: today.AddDays(-tt.days)}
		got := fkOfKind(Flags(FlagInput{Now: fkAt(t, fkMonday), Config: cfg, Partners: partners, Intros: []Intro{in}}), FlagIntroUnregistered)
		if (len(got) == 1) != tt.want || len(got) == 1 && got[0].Days != tt.days {
			t.Errorf("intro %d days old, lookback %d: %+v, want flagged %v", tt.days, tt.lookback, got, tt.want)
		}
	}
}

func TestFlagMeetingUnprepared(t *testing.T) {
	// Dana Cruz's 1:1 starts on Tuesday 2026-11-24 at 10:00.
	const id = "1on1/dana-cruz/2026-11-24"
	tests := []struct {
		name string
		now  string
		rec  *MeetingRecord
		hols []string
		want int // days; -1 for no flag
	}{
		{"25 hours before", "2026-11-23 09:00", nil, nil, -1},
		{"24 hours and a minute before", "2026-11-23 09:59", nil, nil, -1},
		{"exactly 24 hours before", "2026-11-23 10:00", nil, nil, 24},
		{"23 hours 59 minutes before", "2026-11-23 10:01", nil, nil, 23},
		{"an hour before", "2026-11-24 09:00", nil, nil, 1},
		{"59 minutes before", "2026-11-24 09:01", nil, nil, 0},
		{"a minute before", "2026-11-24 09:59", nil, nil, 0},
		{"as it starts", "2026-11-24 10:00", nil, nil, -1},
		{"while it runs", "2026-11-24 10:10", nil, nil, -1},
		{"talking points only blank", "2026-11-24 09:00", &MeetingRecord{ID: id, TalkingPoints: " \n\t "}, nil, 1},
		{"talking points written", "2026-11-24 09:00", &MeetingRecord{ID: id, TalkingPoints: "- renewals"}, nil, -1},
		{"skipped", "2026-11-24 09:00", &MeetingRecord{ID: id, Status: MeetingSkipped}, nil, -1},
		{"cancelled", "2026-11-24 09:00", &MeetingRecord{ID: id, Status: MeetingCancelled}, nil, -1},
		{"marked held ahead of time", "2026-11-24 09:00", &MeetingRecord{ID: id, Status: MeetingHeld}, nil, 1},
		{"on a holiday", "2026-11-24 09:00", nil, []string{"2026-11-24"}, -1},
		{"moved off the holiday to later that week", "2026-11-24 18:00",
			&MeetingRecord{ID: id, At: fkAt(t, "2026-11-25 08:00").UTC()}, []string{"2026-11-24"}, 14},
		{"moved out of the window", "2026-11-24 09:00",
			&MeetingRecord{ID: id, At: fkAt(t, "2026-11-25 10:00").UTC()}, nil, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := fkConfig(t)
			cfg.Holidays = Holidays{}
			for _, d := range tt.hols {
				cfg.Holidays[fkDate(d)] = true
			}
			recs := map[string]MeetingRecord{}
			if tt.rec != nil {
				recs[id] = *tt.rec
			}
			got := fkOfKind(Flags(FlagInput{Now: fkAt(t, tt.now), Config: cfg, Records: recs}), FlagMeetingUnprepared)
			days := -1
			if len(got) == 1 && got[0].Ref == id {
				days = got[0].Days
				if got[0].Owner != "Dana Cruz" {
					t.Errorf("owner %q, want Dana Cruz", got[0].Owner)
				}
			} else if len(got) > 0 {
				t.Fatalf("flags %+v", got)
			}
			if days != tt.want {
				t.Errorf("days %d, want %d", days, tt.want)
			}
		})
	}

	cfg := fkConfig(t)
	got := fkOfKind(Flags(FlagInput{Now: fkAt(t, "2026-11-24 07:30"), Config: cfg}), FlagMeetingUnprepared)
	want := "1:1 with Dana Cruz on Tue 2026-11-24 at 10:00 (in 2 hours) has no talking points: write what to cover before it starts."
	if len(got) != 1 || got[0].Message != want {
		t.Errorf("flags %+v, want one with message %q", got, want)
	} else if got[0].Date != fkDate("2026-11-24") {
		t.Errorf("date %v, want the meeting's 2026-11-24", got[0].Date)
	}
	cfg.Flags.PrepHours = 0
	if got := fkOfKind(Flags(FlagInput{Now: fkAt(t, "2026-11-24 09:30"), Config: cfg}), FlagMeetingUnprepared); len(got) != 0 {
		t.Errorf("prep_hours 0: flags %+v, want none", got)
	}
}

func TestFlagMeetingUnpreparedQBR(t *testing.T) {
	cfg := fkConfig(t)
	partners := []PartnerActivity{{Partner: fkPartner("Northwind", 1, "Dana Cruz"), LastInbound: fkDate("2026-11-20")}}
	const id = "qbr/northwind/2026-Q4"
	scheduled := map[string]MeetingRecord{id: {ID: id, At: fkAt(t, "2026-11-24 14:00").UTC()}}
	tests := []struct {
		name string
		recs map[string]MeetingRecord
		want int
	}{
		{"scheduled tomorrow", scheduled, 29 - 24},
		{"not scheduled", nil, -1},
		{"scheduled with talking points", map[string]MeetingRecord{id: {ID: id, At: fkAt(t, "2026-11-24 14:00").UTC(), TalkingPoints: "scorecard"}}, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fkOfKind(Flags(FlagInput{Now: fkAt(t, "2026-11-24 09:00"), Config: cfg, Partners: partners, Records: tt.recs}), FlagMeetingUnprepared)
			days := -1
			for _, f := range got {
				if f.Ref == id {
					days = f.Days
					if f.Owner != "Dana Cruz" || f.Partner != "Northwind" {
						t.Errorf("owner %q partner %q, want the partner's owner and the partner", f.Owner, f.Partner)
					}
				}
			}
			if days != tt.want {
				t.Errorf("days %d, want %d (flags %+v)", days, tt.want, got)
			}
		})
	}
}
