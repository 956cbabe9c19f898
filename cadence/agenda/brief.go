package agenda

import (
	"strconv"
	"strings"

	"partnercadence/cadence"
)

// Brief returns a short plain-text agenda of o for a calendar event's
// description: who attends, the partner of a QBR, the status when it is not
// plainly scheduled, the talking points as written, and the command that
// prints the full agenda. It needs nothing but the occurrence (its record
// attached), so a calendar of many meetings costs no extra reads.
func Brief(o cadence.Occurrence) string {
	var lines []string
	if len(o.Attendees) > 0 {
		lines = append(lines, "Who: "+strings.Join(o.Attendees, ", "))
	}
	if o.Kind == cadence.KindQBR && o.Partner != "" {
		lines = append(lines, "Partner: "+o.Partner)
	}
	if o.Status != "" && o.Status != cadence.MeetingScheduled {
		lines = append(lines, "Status: "+string(o.Status))
	} else if o.Moved && o.Kind != cadence.KindAdhoc && o.Kind != cadence.KindQBR && o.Date != o.Planned {
		lines = append(lines, "Moved from "+o.Planned.String())
	}
	if r := o.Record; r != nil {
		if tp := userMarkdown(r.TalkingPoints); tp != "" {
			lines = append(lines, "", "Talking points:", tp)
		}
		if open := openCount(r.Actions); open > 0 {
			lines = append(lines, "", "Open action items: "+strconv.Itoa(open))
		}
	}
	lines = append(lines, "", "Full agenda: cadence agenda "+o.ID)
	return strings.Join(lines, "\n")
}

func openCount(items []cadence.ActionItem) int {
	n := 0
	for _, it := range items {
		if it.Open() {
			n++
		}
	}
	return n
}
