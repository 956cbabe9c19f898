package cadence

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Member is a person on the team. Members live in the config only.
type Member struct {
	Name  string
	Role  Role
	Email string
	// OneOnOne overrides the default weekly 1:1 slot; nil keeps the default.
	OneOnOne *OneOnOneSlot
	// Since is the first date this member is on the team: no 1:1 is due
	// before it. Zero means "from the config's start".
	Since   Date
	SSHKeys []string
}

// Slug returns the member's ID form, used in 1:1 IDs.
func (m Member) Slug() string { return Slug(m.Name) }

// OneOnOneSlot is a weekday and time for a member's weekly 1:1.
type OneOnOneSlot struct {
	Weekday time.Weekday
	Time    Clock
}

// Partner is a company the team partners with.
type Partner struct {
	Name    string
	Type    PartnerType
	Tier    int // 1 = top, 2, 3
	Owner   string
	Status  PartnerStatus
	Joined  Date
	Contact string
	Email   string
	Domain  string
	Notes   string
	// CRMID is the partner's record ID in the team's CRM (Salesforce
	// Account Id, HubSpot Record ID), by which imports may name it.
	CRMID string
}

// Slug returns the partner's ID form, used in QBR IDs and flag refs.
func (p Partner) Slug() string { return Slug(p.Name) }

// FieldError says which field of a record is wrong and why.
type FieldError struct {
	Field   string
	Problem string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Problem }

func fieldErr(field, format string, args ...any) error {
	return &FieldError{Field: field, Problem: fmt.Sprintf(format, args...)}
}

// Validate checks the partner on its own: a name that has an ID form, a known
// type and status, a tier of 1–3. Whether the owner is on the team is the
// caller's check (see Config.Member).
func (p Partner) Validate() error {
	var errs []error
	if strings.TrimSpace(p.Name) == "" {
		errs = append(errs, fieldErr("name", "is empty"))
	} else if p.Slug() == "" {
		errs = append(errs, fieldErr("name", "%q has no letter a–z or digit, so it has no ID", p.Name))
	}
	if _, err := ParsePartnerType(string(p.Type)); err != nil {
		errs = append(errs, err)
	}
	if p.Tier < 1 || p.Tier > 3 {
		errs = append(errs, fieldErr("tier", "%d is not 1, 2 or 3", p.Tier))
	}
	if _, err := ParsePartnerStatus(string(p.Status)); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// Touchpoint is one contact with a partner.
type Touchpoint struct {
	Partner   string
	Date      Date
	Kind      TouchKind
	Direction Direction
	Account   string // required for an intro: the customer the partner introduced
	Note      string
	By        string
}

// Validate checks the touchpoint on its own.
func (t Touchpoint) Validate() error {
	var errs []error
	if strings.TrimSpace(t.Partner) == "" {
		errs = append(errs, fieldErr("partner", "is empty"))
	}
	if t.Date.IsZero() {
		errs = append(errs, fieldErr("date", "is empty"))
	}
	if _, err := ParseTouchKind(string(t.Kind)); err != nil {
		errs = append(errs, err)
	}
	if _, err := ParseDirection(string(t.Direction)); err != nil {
		errs = append(errs, err)
	}
	if t.Kind == TouchIntro && strings.TrimSpace(t.Account) == "" {
		errs = append(errs, fieldErr("account", "is required for an intro (the customer the partner introduced)"))
	}
	return errors.Join(errs...)
}

// Registration is a deal registration: a partner's claim on a customer deal.
type Registration struct {
	ID          string
	Partner     string
	Account     string
	Amount      int64 // whole units of the config's currency
	Submitted   Date
	Status      RegStatus
	Decided     Date // when approved or rejected
	Expires     Date // zero: Decided + registration_protection_days
	Closed      Date // when won, lost or expired
	Attribution Attribution
	Owner       string // the member who decides it
}

// Validate checks the registration on its own.
func (r Registration) Validate() error {
	var errs []error
	if strings.TrimSpace(r.ID) == "" {
		errs = append(errs, fieldErr("id", "is empty"))
	}
	if strings.TrimSpace(r.Partner) == "" {
		errs = append(errs, fieldErr("partner", "is empty"))
	}
	if strings.TrimSpace(r.Account) == "" {
		errs = append(errs, fieldErr("account", "is empty"))
	}
	if r.Amount < 0 {
		errs = append(errs, fieldErr("amount", "%d is negative", r.Amount))
	}
	if r.Submitted.IsZero() {
		errs = append(errs, fieldErr("submitted", "is empty"))
	}
	if _, err := ParseRegStatus(string(r.Status)); err != nil {
		errs = append(errs, err)
	}
	if _, err := ParseAttribution(string(r.Attribution)); err != nil {
		errs = append(errs, err)
	}
	if r.Status == RegApproved && r.Decided.IsZero() && r.Expires.IsZero() {
		errs = append(errs, fieldErr("decided", "is required for an approved registration (or give expires)"))
	}
	if r.Status == RegWon && r.Closed.IsZero() {
		errs = append(errs, fieldErr("closed", "is required for a won registration (the date the deal closed)"))
	}
	if !r.Decided.IsZero() && !r.Submitted.IsZero() && r.Decided.Before(r.Submitted) {
		errs = append(errs, fieldErr("decided", "%s is before submitted %s", r.Decided, r.Submitted))
	}
	if !r.Closed.IsZero() && !r.Submitted.IsZero() && r.Closed.Before(r.Submitted) {
		errs = append(errs, fieldErr("closed", "%s is before submitted %s", r.Closed, r.Submitted))
	}
	return errors.Join(errs...)
}

// ExpiresOn returns the date the registration's protection ends: Expires if
// set, else Decided plus protectionDays, else the zero Date.
func (r Registration) ExpiresOn(protectionDays int) Date {
	if !r.Expires.IsZero() {
		return r.Expires
	}
	if r.Decided.IsZero() {
		return Date{}
	}
	return r.Decided.AddDays(protectionDays)
}

// MeetingRecord is what someone recorded about one occurrence (keyed by its
// ID) or about a one-off meeting (keyed "adhoc/<n>"). Only occurrences that
// someone touched have a record.
type MeetingRecord struct {
	ID     string
	Status MeetingStatus // "" reads as scheduled
	// At is a moved or scheduled start (UTC); zero keeps the planned time.
	At time.Time
	// Title, Minutes and Attendees describe a one-off meeting; occurrences
	// of the cadence take theirs from the config.
	Title         string
	Minutes       int
	Attendees     []string
	TalkingPoints string // markdown, written before
	Notes         string // markdown, written during or after
	Satisfaction  int    // 1–10, QBRs only; 0 = not given
	Actions       []ActionItem
	// TalkingPointsRev and NotesRev count the saves that changed each
	// text, and TalkingPointsBy and NotesBy name who made the last one:
	// a save made from an older revision is merged (see Apply).
	TalkingPointsRev, NotesRev int
	TalkingPointsBy, NotesBy   string
	// Revision counts the changes to what a calendar shows of the meeting
	// — its status, time or title — made by Apply: the calendar's
	// SEQUENCE, so that a calendar app takes an updated event over the
	// one it has, and not every export's. 0 for a record written before
	// it was kept.
	Revision int
}

// Validate checks the record on its own.
func (r MeetingRecord) Validate() error {
	var errs []error
	if r.ID == "" {
		errs = append(errs, fieldErr("id", "is empty"))
	}
	if r.Status != "" {
		if _, err := ParseMeetingStatus(string(r.Status)); err != nil {
			errs = append(errs, err)
		}
	}
	if r.Satisfaction != 0 && (r.Satisfaction < 1 || r.Satisfaction > 10) {
		errs = append(errs, fieldErr("satisfaction", "%d is not between 1 and 10", r.Satisfaction))
	}
	if r.Minutes < 0 {
		errs = append(errs, fieldErr("minutes", "%d is negative", r.Minutes))
	}
	for i, a := range r.Actions {
		if err := a.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("action %d: %w", i+1, err))
		}
	}
	return errors.Join(errs...)
}

// ActionItem is something someone agreed to do in a meeting.
type ActionItem struct {
	ID      string
	Text    string
	Owner   string
	Due     Date
	Done    Date   // zero while open
	Meeting string // the ID of the meeting it came from
}

// Open reports whether the action is not done yet.
func (a ActionItem) Open() bool { return a.Done.IsZero() }

// Validate checks the action item on its own.
func (a ActionItem) Validate() error {
	var errs []error
	if a.ID == "" {
		errs = append(errs, fieldErr("id", "is empty"))
	}
	if strings.TrimSpace(a.Text) == "" {
		errs = append(errs, fieldErr("text", "is empty"))
	}
	return errors.Join(errs...)
}
