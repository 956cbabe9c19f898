package store

// Every bucket and meta key of the database file. Keys sort the way queries
// read them: dates as 4-byte big-endian day numbers, composite keys joined by
// a 0 byte, so "latest touch of partner X" or "records of this week" is a
// cursor Seek, never a scan.
var (
	// bucketMeta holds schemaVersionKey, generationKey, the ID counters and
	// embeddedConfigKey.
	bucketMeta = []byte("meta")

	// bucketPartners: partner slug → partner (binary, see encodePartner).
	bucketPartners = []byte("partners")
	// bucketPartnersByOwner: owner name key 0 partner slug → the partner (a
	// copy), so a member's partners are one prefix read.
	bucketPartnersByOwner = []byte("partners_by_owner")
	// bucketActivity: partner slug → activity summary (binary, see
	// encodeActivity): last inbound, last touch, first won, open count.
	bucketActivity = []byte("partner_activity")

	// bucketTouchpoints: partner slug 0 date 0 fingerprint → touchpoint
	// (JSON). The fingerprint is a hash of kind, direction, account and note,
	// so a touchpoint's identity (§7) is its key and re-imports are no-ops.
	bucketTouchpoints = []byte("touchpoints")
	// bucketConversations: date → count of call, meeting and intro
	// touchpoints on that day (uint32), for the partner-led conversations KPI.
	bucketConversations = []byte("conversations_by_day")
	// bucketTouchMonths: month(2) 0 partner slug → the partner's latest
	// touch (either direction, or a submitted registration) in that month,
	// so the KPIs of a past quarter read a few months of small entries
	// instead of seeking through every partner's touchpoints.
	bucketTouchMonths = []byte("touches_by_month")
	// bucketIntros: partner slug 0 account key 0 date 0 fingerprint (see
	// introKey) → an intro of that account that no registration of the
	// partner answers (JSON cadence.Intro). Every such intro is listed, so
	// the flag can count the latest one of its lookback (before schema 3
	// only the earliest of an account was, keyed slug 0 account key).
	bucketIntros = []byte("unregistered_intros")

	// bucketRegistrations: registration ID → registration (binary, see
	// encodeRegistration).
	bucketRegistrations = []byte("registrations")
	// bucketRegOpen: ID → the registration (a copy, so the flags read the
	// open ones without a lookup each), for submitted and approved ones.
	bucketRegOpen = []byte("registrations_open")
	// bucketRegByPartner: partner slug 0 submitted date 0 ID → the
	// registration (a copy: a partner's history is one sequential read).
	bucketRegByPartner = []byte("registrations_by_partner")
	// bucketRegByOwner: the partner's owner (name key) 0 settled day 0 ID →
	// the registration (a copy). The settled day is the later of decided
	// and closed, or the largest day while the registration is open, so a
	// 1:1's registrations (open, or settled since a date) are one
	// sequential read. A partner's change of owner moves its entries.
	bucketRegByOwner = []byte("registrations_by_owner")
	// bucketRegByAccount: account key 0 partner slug 0 ID → nil.
	bucketRegByAccount = []byte("registrations_by_account")
	// bucketRegOpenByAccount: the same keys → nil, for the open
	// registrations only: a conflict's other side is a seek in a few pages.
	bucketRegOpenByAccount = []byte("registrations_open_by_account")
	// bucketRegByDecided and bucketRegByClosed: date 0 ID → the registration
	// (a copy, so a quarter's decisions and outcomes read without lookups).
	bucketRegByDecided = []byte("registrations_by_decided")
	bucketRegByClosed  = []byte("registrations_by_closed")

	// bucketMeetings: record ID → meeting record (JSON, actions included).
	bucketMeetings = []byte("meetings")
	// bucketMeetingsByDate: date 0 record ID → a stub of the record (see
	// encodeMeetingStub), one entry for the planned date and one for the
	// actual date when it differs.
	bucketMeetingsByDate = []byte("meetings_by_date")
	// bucketActionsOpen: action ID → the open action (binary, see
	// encodeAction), kept in step
	// with the records so the flags never read every record.
	bucketActionsOpen = []byte("actions_open")

	schemaVersionKey  = []byte("schema_version")
	generationKey     = []byte("generation")
	nextRegKey        = []byte("next_registration")
	nextActionKey     = []byte("next_action")
	nextAdhocKey      = []byte("next_adhoc")
	embeddedConfigKey = []byte("embedded_config")
	// partnerCountKey counts the partners, so a read of all of them
	// allocates once.
	partnerCountKey = []byte("partner_count")
)

// allBuckets lists every bucket the current schema has.
var allBuckets = [][]byte{
	bucketMeta, bucketPartners, bucketPartnersByOwner, bucketActivity, bucketTouchpoints,
	bucketConversations, bucketTouchMonths, bucketIntros, bucketRegistrations, bucketRegOpen,
	bucketRegByPartner, bucketRegByOwner, bucketRegByAccount, bucketRegOpenByAccount, bucketRegByDecided,
	bucketRegByClosed, bucketMeetings, bucketMeetingsByDate, bucketActionsOpen,
}
