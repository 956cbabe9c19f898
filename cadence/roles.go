package cadence

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Who may change what (DESIGN §1, "What each role may change"). Everyone may
// read everything; the functions here say whether the member named actor may
// make one change, given the records as they are stored. The store calls
// them inside the transaction of the write they guard, and the screens call
// them to show a key disabled before it is pressed: both ask the same rule.
//
// Who the actor is:
//   - "" (a local copy whose config names no me, and the command line's
//     import, restore and demo) acts as the head: whoever can write the file
//     owns it.
//   - a name that is not on the config's team may change nothing.
//   - otherwise the member's role decides, as in the table of §1.
//
// A partner manager may not give a partner or a registration away to
// someone else, nor take someone else's: its owner before and after the
// change must both be them (or, before, nobody). The owner of an action item
// may mark it done and edit it wherever it is, even in a meeting whose other
// parts they may not change; deleting it is a change of the meeting's
// actions.

// ErrNotAllowed marks a change the member making it may not make. Errors
// of the rules wrap it; they are *NotAllowedError.
var ErrNotAllowed = errors.New("not allowed")

// NotAllowedError is a refused change. Its message is one line that says
// who may make it: "only the head or Acme Cloud's owner (Dana Cruz) may log
// touchpoints for Acme Cloud".
type NotAllowedError struct {
	// Actor is the member who tried.
	Actor string
	// May says who may make the change; What is the change in words.
	May, What string
}

func (e *NotAllowedError) Error() string {
	if e.May == "" {
		return e.What
	}
	return "only " + e.May + " may " + e.What
}

// Unwrap returns ErrNotAllowed.
func (e *NotAllowedError) Unwrap() error { return ErrNotAllowed }

// actor is the member making a change, as the rules see them.
type actor struct {
	name string
	role Role
}

func (a actor) head() bool { return a.role == RoleHead }

// is reports whether name names the actor.
func (a actor) is(name string) bool {
	return a.name != "" && NameKey(name) == NameKey(a.name)
}

// actorOf returns who the member named name is for the rules: "" is the
// head; a name not on the team is refused.
func (c *Config) actorOf(name string) (actor, error) {
	if strings.TrimSpace(name) == "" {
		return actor{role: RoleHead}, nil
	}
	m, ok := c.Member(name)
	if !ok {
		return actor{}, &NotAllowedError{Actor: name,
			What: fmt.Sprintf("only team members may change anything, and %s is not on the team (add them to the config's [[team]])", name)}
	}
	return actor{name: m.Name, role: m.Role}, nil
}

// RoleOf returns the role the member named name acts in: the head for "",
// else their role on the team; a name not on the team is refused with an
// ErrNotAllowed error.
func (c *Config) RoleOf(name string) (Role, error) {
	a, err := c.actorOf(name)
	return a.role, err
}

// PartnerChange is a change of a partner.
type PartnerChange string

// The changes of a partner.
const (
	PartnerAdd    PartnerChange = "add"
	PartnerEdit   PartnerChange = "edit"
	PartnerRename PartnerChange = "rename"
	PartnerDelete PartnerChange = "delete"
)

// MayChangePartner says whether actor may make change to the partner named
// name, whose owner is ownerBefore as stored ("" for a partner being added)
// and ownerAfter once changed ("" for a partner being deleted). The head
// may change every partner; a partner manager the ones they own, before and
// after; sales and exec none.
func (c *Config) MayChangePartner(actorName string, change PartnerChange, name, ownerBefore, ownerAfter string) error {
	a, err := c.actorOf(actorName)
	if err != nil || a.head() {
		return err
	}
	what := fmt.Sprintf("%s %s", change, name)
	if change == PartnerAdd {
		what = "add a partner owned by " + ownerName(ownerAfter)
	}
	if change != PartnerAdd && change != PartnerDelete && !sameName(ownerBefore, ownerAfter) {
		what = fmt.Sprintf("give %s (%s) to %s", name, ownerName(ownerBefore), ownerName(ownerAfter))
		if a.role == RolePartnerManager && a.is(ownerBefore) {
			return refuse(a, "the head", what)
		}
	}
	if a.role == RolePartnerManager {
		mine := a.is(ownerAfter) || change == PartnerDelete
		if change != PartnerAdd {
			mine = mine && a.is(ownerBefore)
		}
		if mine {
			return nil
		}
	}
	switch {
	case change == PartnerAdd && a.role != RolePartnerManager:
		return refuse(a, "the head or a partner manager", "add partners")
	case change == PartnerAdd:
		if m, ok := c.Member(ownerAfter); ok && m.Role == RolePartnerManager {
			return refuse(a, "the head or "+m.Name, what)
		}
		return refuse(a, "the head", what)
	case !sameName(ownerBefore, ownerAfter) && change != PartnerDelete:
		return refuse(a, "the head", what)
	}
	return refuse(a, possessive("the head or ", name, ownerBefore), what)
}

// TouchpointChange is a change of a partner's touchpoints.
type TouchpointChange string

// The changes of touchpoints.
const (
	TouchpointLog    TouchpointChange = "log"
	TouchpointEdit   TouchpointChange = "edit"
	TouchpointDelete TouchpointChange = "delete"
)

// MayChangeTouchpoints says whether actor may make change to a touchpoint
// of the partner named partner, whose owner as stored is owner. The head
// may change all; a partner manager those of their own partners; sales and
// exec none.
func (c *Config) MayChangeTouchpoints(actorName string, change TouchpointChange, partner, owner string) error {
	a, err := c.actorOf(actorName)
	if err != nil || a.head() || (a.role == RolePartnerManager && a.is(owner)) {
		return err
	}
	what := fmt.Sprintf("%s touchpoints of %s", change, partner)
	if change == TouchpointLog {
		what = "log touchpoints for " + partner
	}
	return refuse(a, possessive("the head or ", partner, owner), what)
}

// RegistrationChange is a change of a deal registration.
type RegistrationChange string

// The changes of a registration.
const (
	RegistrationAdd     RegistrationChange = "add"
	RegistrationEdit    RegistrationChange = "edit"
	RegistrationExtend  RegistrationChange = "extend"
	RegistrationApprove RegistrationChange = "approve"
	RegistrationReject  RegistrationChange = "reject"
	RegistrationWon     RegistrationChange = "won"
	RegistrationLost    RegistrationChange = "lost"
	RegistrationExpired RegistrationChange = "expired"
)

// RegistrationChangeOf returns the change that turns before into after:
// an add when before has no ID, a decision or an outcome when the status
// moves to one, an extend when only the expiry moves, else an edit.
func RegistrationChangeOf(before, after Registration) RegistrationChange {
	switch {
	case before.ID == "":
		return RegistrationAdd
	case before.Status != after.Status:
		switch after.Status {
		case RegApproved:
			return RegistrationApprove
		case RegRejected:
			return RegistrationReject
		case RegWon:
			return RegistrationWon
		case RegLost:
			return RegistrationLost
		case RegExpired:
			return RegistrationExpired
		}
	case before.Expires != after.Expires && registrationEqualBut(before, after):
		return RegistrationExtend
	}
	return RegistrationEdit
}

func registrationEqualBut(a, b Registration) bool {
	a.Expires = b.Expires
	return a == b
}

// RegistrationScope is what the rule needs of a registration: the one as
// stored (Partner "" when it is being added) with its partner's owner, and
// the one as it will be with its partner's owner.
type RegistrationScope struct {
	ID                                    string
	Partner, PartnerOwner, Owner          string // as stored
	NewPartner, NewPartnerOwner, NewOwner string // once changed
}

// MayChangeRegistration says whether actor may make change to the
// registration s describes. The head and sales may change every
// registration; a partner manager may add, edit, extend and close
// (won, lost, expired) those of their own partners, and approve or reject
// those they own; an exec none. A partner manager's change may not move the
// registration to another's partner nor give it to or take it from another
// member.
func (c *Config) MayChangeRegistration(actorName string, change RegistrationChange, s RegistrationScope) error {
	a, err := c.actorOf(actorName)
	if err != nil || a.head() || a.role == RoleSales {
		return err
	}
	id := s.ID
	if id == "" {
		id = "a registration"
	}
	if a.role == RolePartnerManager {
		moved := s.Partner != "" && NameKey(s.Partner) != NameKey(s.NewPartner)
		if moved && !(a.is(s.PartnerOwner) && a.is(s.NewPartnerOwner)) {
			return refuse(a, "the head or sales", fmt.Sprintf("move %s from %s to %s", id, s.Partner, s.NewPartner))
		}
		if !sameName(s.Owner, s.NewOwner) && !((s.Owner == "" || a.is(s.Owner)) && a.is(s.NewOwner)) {
			return refuse(a, "the head or sales", fmt.Sprintf("give %s (%s) to %s", id, ownerName(s.Owner), ownerName(s.NewOwner)))
		}
	}
	partner, owner := s.Partner, s.PartnerOwner
	if partner == "" {
		partner, owner = s.NewPartner, s.NewPartnerOwner
	}
	switch change {
	case RegistrationApprove, RegistrationReject:
		if a.role == RolePartnerManager && a.is(s.Owner) {
			return nil
		}
		return refuse(a, "the head, sales or "+possessive("", id, s.Owner), fmt.Sprintf("%s %s", change, id))
	}
	if a.role == RolePartnerManager && a.is(owner) {
		return nil
	}
	var what string
	switch change {
	case RegistrationAdd:
		what = "add registrations for " + partner
	case RegistrationWon, RegistrationLost, RegistrationExpired:
		what = fmt.Sprintf("mark %s of %s %s", id, partner, change)
	default:
		what = fmt.Sprintf("%s %s of %s", change, id, partner)
	}
	return refuse(a, possessive("the head, sales or ", partner, owner), what)
}

// MeetingPart is the part of a meeting a change touches.
type MeetingPart string

// The parts of a meeting.
const (
	PartTalkingPoints MeetingPart = "talking points"
	PartNotes         MeetingPart = "notes"
	PartStatus        MeetingPart = "status"
	PartTime          MeetingPart = "time"
	PartSatisfaction  MeetingPart = "satisfaction"
	// PartDetails is a one-off meeting's title, length and attendees, and
	// adding or deleting one.
	PartDetails MeetingPart = "details"
	// PartAddAction adds an action item; PartActionDone marks one done (or
	// open again); PartEditAction changes its text, owner or due date;
	// PartDeleteAction removes it.
	PartAddAction    MeetingPart = "add action"
	PartActionDone   MeetingPart = "action done"
	PartEditAction   MeetingPart = "edit action"
	PartDeleteAction MeetingPart = "delete action"
)

// MeetingScope is what the rule needs of a meeting, as stored.
type MeetingScope struct {
	ID    string
	Kind  Kind
	Title string // for messages: "1:1 with Dana Cruz"
	// Member is a 1:1's partner manager; Partner and PartnerOwner a QBR's
	// partner and its owner.
	Member, Partner, PartnerOwner string
	// Attendees are a readout's or a one-off meeting's people.
	Attendees []string
}

// MeetingScopeOf returns the scope of the meeting with the given ID:
// partner looks up a QBR's partner by slug as stored, and stored is the
// meeting's record as stored (a one-off meeting's attendees come from it).
func (c *Config) MeetingScopeOf(id string, partner func(slug string) (Partner, bool), stored MeetingRecord) (MeetingScope, error) {
	if id == "adhoc/" { // a one-off meeting being added
		return MeetingScope{ID: id, Kind: KindAdhoc, Title: "a new one-off meeting", Attendees: stored.Attendees}, nil
	}
	p, err := c.parseID(id)
	if err != nil {
		return MeetingScope{}, err
	}
	s := MeetingScope{ID: id, Kind: p.kind}
	switch p.kind {
	case KindOneOnOne:
		s.Member = p.slug
		if m, ok := c.memberBySlug(p.slug); ok {
			s.Member = m.Name
		}
		s.Title = "the 1:1 with " + s.Member + " of " + p.planned.String()
	case KindQBR:
		s.Partner = p.slug
		if pt, ok := partner(p.slug); ok {
			s.Partner, s.PartnerOwner = pt.Name, pt.Owner
		}
		s.Title = fmt.Sprintf("the QBR of %s (%s)", s.Partner, p.quarter)
	case KindPipeline:
		s.Title = "the pipeline review of " + p.planned.String()
	case KindReadout:
		s.Attendees = c.schedule().readoutAttendees
		s.Title = "the readout of " + p.planned.String()
	case KindAdhoc:
		s.Attendees = slices.Clone(stored.Attendees)
		s.Title = "the one-off meeting " + id
		if t := strings.TrimSpace(stored.Title); t != "" {
			s.Title = fmt.Sprintf("the one-off meeting %q", t)
		}
	}
	return s, nil
}

// ActionChange is an action item as stored and as it will be, for the
// parts that change one: Before is zero for an action being added, After
// for one being deleted.
type ActionChange struct {
	Before, After ActionItem
}

// MayChangeMeeting says whether actor may change part of the meeting s
// describes; for the parts about an action item, act is the action before
// and after.
//
//   - a 1:1: the head, and its partner manager, all of it;
//   - a QBR: the head, and the partner's owner, all of it;
//   - the pipeline review: the head and sales all of it; a partner manager
//     its talking points and the actions they own (added for themselves);
//   - the readout and one-off meetings: the head all; a partner manager or
//     sales who attends, all of it; an exec the readout's talking points;
//   - any action item: its owner may mark it done and edit it, keeping it
//     theirs.
func (c *Config) MayChangeMeeting(actorName string, s MeetingScope, part MeetingPart, act ActionChange) error {
	a, err := c.actorOf(actorName)
	if err != nil || a.head() {
		return err
	}
	if c.meetingAllows(a, s, part, act) {
		return nil
	}
	// The owner of an action may mark it done and edit it, keeping it theirs.
	ownAction := a.is(act.Before.Owner) && (part == PartActionDone || (part == PartEditAction && a.is(act.After.Owner)))
	if ownAction {
		return nil
	}
	may := c.meetingMay(s, part)
	what := meetingWhat(s, part, act)
	if part == PartActionDone || part == PartEditAction {
		if act.Before.Owner != "" && !a.is(act.Before.Owner) && !strings.Contains(may, act.Before.Owner) {
			if rest, ok := strings.CutPrefix(may, "the head or "); ok {
				may = "the head, " + rest
			}
			may += " or the action's owner (" + act.Before.Owner + ")"
		} else if a.is(act.Before.Owner) && !a.is(act.After.Owner) {
			what = fmt.Sprintf("give %s to %s in %s", actionName(act.Before), ownerName(act.After.Owner), s.Title)
		}
	}
	return refuse(a, may, what)
}

// meetingAllows reports whether a may change part of s by the meeting's own
// rule (not counting the rule of an action's owner).
func (c *Config) meetingAllows(a actor, s MeetingScope, part MeetingPart, act ActionChange) bool {
	switch s.Kind {
	case KindOneOnOne:
		return a.role == RolePartnerManager && a.is(s.Member)
	case KindQBR:
		return a.role == RolePartnerManager && s.PartnerOwner != "" && a.is(s.PartnerOwner)
	case KindPipeline:
		switch a.role {
		case RoleSales:
			return true
		case RolePartnerManager:
			switch part {
			case PartTalkingPoints:
				return true
			case PartAddAction:
				return a.is(act.After.Owner)
			case PartEditAction, PartDeleteAction:
				return a.is(act.Before.Owner) && (part == PartDeleteAction || a.is(act.After.Owner))
			case PartActionDone:
				return a.is(act.Before.Owner)
			}
		}
		return false
	case KindReadout:
		if a.role == RoleExec {
			return part == PartTalkingPoints
		}
		return (a.role == RolePartnerManager || a.role == RoleSales) && attends(a, s.Attendees)
	case KindAdhoc:
		return (a.role == RolePartnerManager || a.role == RoleSales) && attends(a, s.Attendees)
	}
	return false
}

// meetingMay says who may change part of s, in words.
func (c *Config) meetingMay(s MeetingScope, part MeetingPart) string {
	switch s.Kind {
	case KindOneOnOne:
		return "the head or " + s.Member
	case KindQBR:
		return possessive("the head or ", s.Partner, s.PartnerOwner)
	case KindPipeline:
		switch part {
		case PartTalkingPoints:
			return "the head, sales or a partner manager"
		case PartAddAction:
			return "the head, sales or the action's owner (if a partner manager)"
		}
		return "the head or sales"
	case KindReadout:
		if part == PartTalkingPoints {
			return "the head, an exec or the readout's attendees"
		}
		return "the head or the readout's attendees (other than execs)"
	}
	return "the head or the meeting's attendees (other than execs)"
}

func meetingWhat(s MeetingScope, part MeetingPart, act ActionChange) string {
	switch part {
	case PartAddAction:
		return fmt.Sprintf("add an action for %s to %s", ownerName(act.After.Owner), s.Title)
	case PartActionDone:
		return fmt.Sprintf("mark %s of %s done", actionName(act.Before), s.Title)
	case PartEditAction, PartDeleteAction:
		verb := "edit"
		if part == PartDeleteAction {
			verb = "delete"
		}
		return fmt.Sprintf("%s %s of %s", verb, actionName(act.Before), s.Title)
	case PartDetails:
		if s.ID == "adhoc/" {
			return "add a one-off meeting they do not attend"
		}
		return "change " + s.Title
	}
	return fmt.Sprintf("change the %s of %s", part, s.Title)
}

func actionName(a ActionItem) string {
	if a.ID == "" {
		return "an action"
	}
	return "action " + a.ID
}

func attends(a actor, people []string) bool {
	return slices.ContainsFunc(people, a.is)
}

// MeetingPartOf returns the part of a meeting that edit e touches, with the
// action it changes before (as in stored, the record as stored) and after.
func MeetingPartOf(e MeetingEdit, stored MeetingRecord) (MeetingPart, ActionChange) {
	switch e.Kind {
	case EditText:
		if e.Field == FieldNotes {
			return PartNotes, ActionChange{}
		}
		return PartTalkingPoints, ActionChange{}
	case EditStatus:
		return PartStatus, ActionChange{}
	case EditMove:
		return PartTime, ActionChange{}
	case EditSatisfaction:
		return PartSatisfaction, ActionChange{}
	case EditAddAction:
		return PartAddAction, ActionChange{After: e.Action}
	}
	var before ActionItem
	if i := stored.actionIndex(e.Action.ID); i >= 0 {
		before = stored.Actions[i]
	}
	switch e.Kind {
	case EditActionDone:
		after := before
		after.Done = e.Action.Done
		return PartActionDone, ActionChange{Before: before, After: after}
	case EditDeleteAction:
		return PartDeleteAction, ActionChange{Before: before}
	}
	after := before
	after.Text, after.Owner, after.Due = e.Action.Text, e.Action.Owner, e.Action.Due
	return PartEditAction, ActionChange{Before: before, After: after}
}

// refuse returns the refusal of a's change.
func refuse(a actor, may, what string) error {
	return &NotAllowedError{Actor: a.name, May: may, What: what}
}

// possessive returns prefix + "X's owner (O)", or prefix + "X's owner"
// when X has none.
func possessive(prefix, thing, owner string) string {
	if strings.TrimSpace(owner) == "" {
		return prefix + thing + "'s owner"
	}
	return prefix + thing + "'s owner (" + owner + ")"
}

func ownerName(name string) string {
	if strings.TrimSpace(name) == "" {
		return "nobody"
	}
	return name
}

func sameName(a, b string) bool { return NameKey(a) == NameKey(b) }

// PartChange is one part of a meeting that a change of its record touches,
// with the action it changes for the parts about an action.
type PartChange struct {
	Part   MeetingPart
	Action ActionChange
}

// RecordChanges returns the parts in which after differs from before, the
// record as stored (zero when there is none yet): for a store that takes a
// whole record, what MayChangeMeeting must allow.
func RecordChanges(before, after MeetingRecord) []PartChange {
	var out []PartChange
	part := func(changed bool, p MeetingPart) {
		if changed {
			out = append(out, PartChange{Part: p})
		}
	}
	part(before.TalkingPoints != after.TalkingPoints, PartTalkingPoints)
	part(before.Notes != after.Notes, PartNotes)
	part(before.Status != after.Status, PartStatus)
	part(!before.At.Equal(after.At), PartTime)
	part(before.Satisfaction != after.Satisfaction, PartSatisfaction)
	part(before.Title != after.Title || before.Minutes != after.Minutes || !slices.Equal(before.Attendees, after.Attendees) ||
		(before.ID == "" && strings.HasPrefix(after.ID, string(KindAdhoc)+"/")), PartDetails)
	kept := map[string]bool{}
	for _, a := range after.Actions {
		i := before.actionIndex(a.ID)
		if a.ID == "" || i < 0 {
			out = append(out, PartChange{Part: PartAddAction, Action: ActionChange{After: a}})
			continue
		}
		kept[a.ID] = true
		b := before.Actions[i]
		a.Meeting = b.Meeting
		switch {
		case a == b:
		case a.Text == b.Text && a.Owner == b.Owner && a.Due == b.Due:
			out = append(out, PartChange{Part: PartActionDone, Action: ActionChange{Before: b, After: a}})
		default:
			out = append(out, PartChange{Part: PartEditAction, Action: ActionChange{Before: b, After: a}})
		}
	}
	for _, b := range before.Actions {
		if !kept[b.ID] {
			out = append(out, PartChange{Part: PartDeleteAction, Action: ActionChange{Before: b}})
		}
	}
	return out
}
