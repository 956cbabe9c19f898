package cadence

import "time"

// FlagKind names one of the nine things that fall through the cracks (§4).
type FlagKind string

// The flag kinds, most severe first: the order flags are listed in.
const (
	FlagRegistrationOverdue  FlagKind = "registration_overdue"
	FlagRegistrationConflict FlagKind = "registration_conflict"
	FlagRegistrationLapsed   FlagKind = "registration_lapsed"
	FlagRegistrationExpiring FlagKind = "registration_expiring"
	FlagIntroUnregistered    FlagKind = "intro_unregistered"
	FlagSilentPartner        FlagKind = "silent_partner"
	FlagMeetingMissed        FlagKind = "meeting_missed"
	FlagActionOverdue        FlagKind = "action_overdue"
	FlagMeetingUnprepared    FlagKind = "meeting_unprepared"
)

// FlagKinds lists every kind, most severe first.
var FlagKinds = []FlagKind{
	FlagRegistrationOverdue, FlagRegistrationConflict, FlagRegistrationLapsed,
	FlagRegistrationExpiring, FlagIntroUnregistered, FlagSilentPartner,
	FlagMeetingMissed, FlagActionOverdue, FlagMeetingUnprepared,
}

// Severity returns the kind's rank: 0 is the most severe.
func (k FlagKind) Severity() int {
	for i, f := range FlagKinds {
		if f == k {
			return i
		}
	}
	return len(FlagKinds)
}

// Flag is one thing that fell through the cracks. Its JSON form is the
// contract of `cadence flags --json`.
type Flag struct {
	Kind    FlagKind `json:"kind"`
	Partner string   `json:"partner"`
	Owner   string   `json:"owner"`
	Ref     string   `json:"ref"`
	Days    int      `json:"days"`
	// Date is the date the flag counts from: the last inbound touch (or
	// joined) of a silent partner, the submitted date of an overdue or
	// conflicting registration, the expiry of a lapsed or expiring one, the
	// intro's date, the missed meeting's date (a QBR's due date) and the
	// action's due date. Written "YYYY-MM-DD" in JSON.
	Date    Date   `json:"date"`
	Message string `json:"message"`
}

// PartnerActivity is the summary of one partner that the flags and KPIs
// need, kept by the store so that nothing scans touchpoint history.
type PartnerActivity struct {
	Partner Partner
	// LastInbound is the latest inbound touchpoint or submitted registration
	// (on its submitted date), up to the reference date; zero if none.
	LastInbound Date
	// LastTouch is the latest touchpoint in either direction or submitted
	// registration, up to the reference date; zero if none.
	LastTouch Date
	// FirstWon is the closed date of the partner's first won registration;
	// zero if none.
	FirstWon Date
	// OpenRegistrations counts its submitted and approved registrations.
	OpenRegistrations int
}

// Intro is an intro touchpoint that no registration of the same partner and
// account answers yet: the summary the intro_unregistered flag reads. A
// partner that introduced an account more than once has one Intro for
// each; the flag counts the latest in its window.
type Intro struct {
	Partner string
	Account string
	Date    Date
	By      string
}

// FlagInput is everything the flags are computed from: summaries, never
// history.
type FlagInput struct {
	Now    time.Time
	Config *Config
	// Partners is every partner with its activity summary.
	Partners []PartnerActivity
	// Open is every registration whose status is submitted or approved.
	Open []Registration
	// Intros is every intro with no registration for its partner and account.
	Intros []Intro
	// Actions is every open action item.
	Actions []ActionItem
	// Records holds at least every meeting record whose planned or actual
	// date lies within the missed-meeting lookback window, keyed by ID, and
	// in full (with its talking points) every record whose date lies from
	// today to the end of the prep_hours ahead of Now; the flags compute
	// the occurrences from the config themselves.
	Records map[string]MeetingRecord
	// Series, when not empty, limits the meetings checked for
	// meeting_missed to these series ("1on1/dana-cruz",
	// "qbr/northwind-systems"; see SeriesOf), and Records need hold only
	// theirs: an agenda wants the missed meetings of its own people and
	// partners, not the whole team's.
	Series []string
	// Index is optional: NewFlagIndex(Partners, Open), kept by a caller
	// that computes the flags again over the same partners and
	// registrations (the app, as the clock moves on). Flags works it out
	// itself when it is nil or was built from other slices.
	Index *FlagIndex
}
