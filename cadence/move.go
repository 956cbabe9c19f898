package cadence

import (
	"slices"
	"strings"
	"time"
)

// MoveConcerns says, one reason a line, why putting o at `at` may be a
// mistake worth a second look (§8: moving a meeting asks first and says
// why): the day is a holiday, a weekend day, or already past, or one of
// o's people has another meeting then. sameDay is every occurrence of that
// day as the schedule has it (others' moves applied); o itself in it is
// ignored. No concern: nil.
func (c *Config) MoveConcerns(o Occurrence, at, now time.Time, sameDay []Occurrence) []string {
	loc := c.loc()
	start := at.In(loc)
	day := DateOf(start)
	minutes := o.Minutes
	if minutes <= 0 {
		minutes = 30
	}
	end := start.Add(time.Duration(minutes) * time.Minute)
	var out []string
	if c.Holidays[day] {
		out = append(out, day.String()+" is a holiday")
	}
	if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
		out = append(out, day.String()+" is a "+wd.String())
	}
	if start.Before(now) {
		out = append(out, start.Format("Mon Jan 2 15:04")+" is in the past: the meeting would be flagged missed at once")
	}
	people := map[string]bool{}
	for _, a := range o.Attendees {
		people[NameKey(a)] = true
	}
	for _, other := range sameDay {
		if other.ID == o.ID || !other.Scheduled() || !other.TakesPlace() {
			continue
		}
		if !other.Start.Before(end) || !start.Before(other.End) {
			continue
		}
		var both []string
		for _, a := range other.Attendees {
			if people[NameKey(a)] {
				both = append(both, a)
			}
		}
		if len(both) == 0 {
			continue
		}
		slices.Sort(both)
		out = append(out, strings.Join(both, " and ")+" "+verb(len(both))+" "+other.Title+" then ("+
			other.Start.In(loc).Format("15:04")+"–"+other.End.In(loc).Format("15:04")+")")
	}
	return out
}

func verb(n int) string {
	if n == 1 {
		return "has"
	}
	return "have"
}
