package cadence

import (
	"fmt"
	"strings"
)

// EnumError says that a field holds a value outside its allowed set.
type EnumError struct {
	Field   string
	Value   string
	Allowed []string
}

func (e *EnumError) Error() string {
	return fmt.Sprintf("%s: %q is not one of %s", e.Field, e.Value, strings.Join(e.Allowed, ", "))
}

// parseEnum matches s case-insensitively (and ignoring surrounding space)
// against allowed.
func parseEnum[T ~string](field, s string, allowed []T) (T, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	for _, a := range allowed {
		if string(a) == v {
			return a, nil
		}
	}
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = string(a)
	}
	return "", &EnumError{Field: field, Value: s, Allowed: names}
}

// Role is what a team member does.
type Role string

// The roles of §3.
const (
	RoleHead           Role = "head"
	RolePartnerManager Role = "partner_manager"
	RoleSales          Role = "sales"
	RoleExec           Role = "exec"
)

// Roles lists every Role in the order the docs give them.
var Roles = []Role{RoleHead, RolePartnerManager, RoleSales, RoleExec}

// ParseRole reads a role case-insensitively.
func ParseRole(s string) (Role, error) { return parseEnum("role", s, Roles) }

// PartnerType is the kind of partnership.
type PartnerType string

// The partner types of §3.
const (
	TypeReseller    PartnerType = "reseller"
	TypeISV         PartnerType = "isv"
	TypeAgency      PartnerType = "agency"
	TypeMarketplace PartnerType = "marketplace"
	TypeAlliance    PartnerType = "alliance"
	TypeReferral    PartnerType = "referral"
	TypeSI          PartnerType = "si"
)

// PartnerTypes lists every PartnerType.
var PartnerTypes = []PartnerType{TypeReseller, TypeISV, TypeAgency, TypeMarketplace, TypeAlliance, TypeReferral, TypeSI}

// ParsePartnerType reads a partner type case-insensitively.
func ParsePartnerType(s string) (PartnerType, error) { return parseEnum("type", s, PartnerTypes) }

// PartnerStatus is where a partner is in its life.
type PartnerStatus string

// The partner statuses of §3.
const (
	PartnerProspect   PartnerStatus = "prospect"
	PartnerOnboarding PartnerStatus = "onboarding"
	PartnerActive     PartnerStatus = "active"
	PartnerPaused     PartnerStatus = "paused"
	PartnerChurned    PartnerStatus = "churned"
)

// PartnerStatuses lists every PartnerStatus.
var PartnerStatuses = []PartnerStatus{PartnerProspect, PartnerOnboarding, PartnerActive, PartnerPaused, PartnerChurned}

// ParsePartnerStatus reads a partner status case-insensitively.
func ParsePartnerStatus(s string) (PartnerStatus, error) {
	return parseEnum("status", s, PartnerStatuses)
}

// Engaged reports whether the partner is one the team is expected to hear
// from: onboarding or active.
func (s PartnerStatus) Engaged() bool { return s == PartnerOnboarding || s == PartnerActive }

// TouchKind is how a touchpoint happened.
type TouchKind string

// The touchpoint kinds of §3.
const (
	TouchCall    TouchKind = "call"
	TouchEmail   TouchKind = "email"
	TouchMeeting TouchKind = "meeting"
	TouchIntro   TouchKind = "intro"
	TouchEvent   TouchKind = "event"
	TouchNote    TouchKind = "note"
)

// TouchKinds lists every TouchKind.
var TouchKinds = []TouchKind{TouchCall, TouchEmail, TouchMeeting, TouchIntro, TouchEvent, TouchNote}

// ParseTouchKind reads a touchpoint kind case-insensitively.
func ParseTouchKind(s string) (TouchKind, error) { return parseEnum("kind", s, TouchKinds) }

// Conversation reports whether the kind counts as a partner-led conversation
// (§5: call, meeting or intro).
func (k TouchKind) Conversation() bool {
	return k == TouchCall || k == TouchMeeting || k == TouchIntro
}

// Direction says who reached whom.
type Direction string

// The directions of §3.
const (
	Inbound  Direction = "inbound"  // the partner reached us or replied
	Outbound Direction = "outbound" // we reached them
)

// Directions lists every Direction.
var Directions = []Direction{Inbound, Outbound}

// ParseDirection reads a direction case-insensitively.
func ParseDirection(s string) (Direction, error) { return parseEnum("direction", s, Directions) }

// RegStatus is where a deal registration stands.
type RegStatus string

// The registration statuses of §3.
const (
	RegSubmitted RegStatus = "submitted"
	RegApproved  RegStatus = "approved"
	RegRejected  RegStatus = "rejected"
	RegWon       RegStatus = "won"
	RegLost      RegStatus = "lost"
	RegExpired   RegStatus = "expired"
)

// RegStatuses lists every RegStatus.
var RegStatuses = []RegStatus{RegSubmitted, RegApproved, RegRejected, RegWon, RegLost, RegExpired}

// ParseRegStatus reads a registration status case-insensitively.
func ParseRegStatus(s string) (RegStatus, error) { return parseEnum("status", s, RegStatuses) }

// Open reports whether the registration is still live pipeline: submitted or
// approved.
func (s RegStatus) Open() bool { return s == RegSubmitted || s == RegApproved }

// Attribution says how a partner contributed to a deal.
type Attribution string

// The attributions of §3.
const (
	Sourced    Attribution = "sourced"
	Influenced Attribution = "influenced"
)

// Attributions lists every Attribution.
var Attributions = []Attribution{Sourced, Influenced}

// ParseAttribution reads an attribution case-insensitively.
func ParseAttribution(s string) (Attribution, error) {
	return parseEnum("attribution", s, Attributions)
}

// MeetingStatus is what became of a meeting.
type MeetingStatus string

// The meeting statuses of §3.
const (
	MeetingScheduled MeetingStatus = "scheduled"
	MeetingHeld      MeetingStatus = "held"
	MeetingSkipped   MeetingStatus = "skipped"
	MeetingCancelled MeetingStatus = "cancelled"
)

// MeetingStatuses lists every MeetingStatus.
var MeetingStatuses = []MeetingStatus{MeetingScheduled, MeetingHeld, MeetingSkipped, MeetingCancelled}

// ParseMeetingStatus reads a meeting status case-insensitively.
func ParseMeetingStatus(s string) (MeetingStatus, error) {
	return parseEnum("status", s, MeetingStatuses)
}

// Settled reports whether the meeting needs nothing more: held, skipped or
// cancelled (so it can never be flagged as missed).
func (s MeetingStatus) Settled() bool {
	return s == MeetingHeld || s == MeetingSkipped || s == MeetingCancelled
}
