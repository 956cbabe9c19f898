package demo

import "partnercadence/cadence"

// The word lists below are fixed: the demo must be the same on every
// machine for a given seed and moment, so nothing here may come from a map.

// firstNames and lastNames make people: generated team members and partner
// contacts.
var firstNames = []string{
	"Avery", "Blake", "Camila", "Diego", "Elena", "Farah", "Gavin", "Hana",
	"Isaac", "Jade", "Kofi", "Lena", "Mateo", "Nadia", "Omar", "Paige",
	"Quinn", "Rosa", "Samir", "Tessa", "Uma", "Victor", "Wren", "Ximena",
	"Yusuf", "Zoe", "Aaron", "Bianca", "Colin", "Daria", "Ethan", "Fiona",
	"Grace", "Hugo", "Ines", "Jonah", "Keira", "Liam", "Maya", "Noah",
	"Olivia", "Pablo", "Rhea", "Simone", "Theo", "Valeria", "Wyatt", "Yara",
}

var lastNames = []string{
	"Abbott", "Baptiste", "Chen", "Dalton", "Eriksen", "Fischer", "Gallagher", "Haddad",
	"Ibarra", "Jensen", "Kowalski", "Lindqvist", "Mensah", "Novak", "Okafor", "Petrov",
	"Quintero", "Ramires", "Sato", "Tanaka", "Underwood", "Vasquez", "Whitfield", "Xu",
	"Yilmaz", "Zimmerman", "Alvarez", "Brennan", "Castillo", "Delgado", "Ellison", "Ferreira",
	"Greer", "Holloway", "Iverson", "Juarez", "Kaur", "Lachance", "Moreau", "Nakamura",
	"Oyelaran", "Park", "Reyes", "Sullivan", "Thornton", "Vance", "Walsh", "Young",
}

// Partner names for the large demo: stem + optional middle + a suffix that
// fits the partner's type ("Northwind Cloud Systems", "Bluefin Consulting").
var partnerStems = []string{
	"Northwind", "Brightline", "Bluefin", "Cobalt", "Evergreen", "Fathom", "Granite", "Lumen",
	"Pinnacle", "Quarry", "Riverbend", "Summit", "Atlas", "Beacon", "Copperleaf", "Driftwood",
	"Ember", "Foxglove", "Harborview", "Ironclad", "Juniper", "Keystone", "Larkspur", "Mosaic",
	"Nimbus", "Oakridge", "Polaris", "Redwood", "Sable", "Tidewater", "Upland", "Vantage",
	"Westbrook", "Yellowstone", "Zenith", "Aspen", "Bramble", "Cascade", "Delta", "Elevate",
	"Falcon", "Glacier", "Horizon", "Inlet", "Jetstream", "Kestrel", "Lighthouse", "Meridian",
	"Northstar", "Onyx", "Prairie", "Quantum", "Ridgeline", "Sequoia", "Trident", "Unity",
	"Vertex", "Willow", "Xenon", "Yarrow", "Anchor", "Bellwether", "Crestview", "Dovetail",
}

var partnerMiddles = []string{
	"", "", "", "", "Cloud", "Data", "Digital", "Tech", "Bay", "River", "Point", "Peak",
	"Blue", "Red", "Green", "North", "West", "Pacific", "Atlantic", "Metro",
}

var partnerSuffixes = map[cadence.PartnerType][]string{
	cadence.TypeReseller:    {"Systems", "Technologies", "IT", "Networks", "Solutions", "Computing", "Infotech"},
	cadence.TypeISV:         {"Software", "Labs", "Analytics", "Apps", "AI", "Platforms", "Data"},
	cadence.TypeAgency:      {"Digital", "Creative", "Studio", "Media", "Interactive", "Agency", "Marketing"},
	cadence.TypeMarketplace: {"Marketplace", "Exchange", "Cloud Marketplace", "App Store", "Commerce"},
	cadence.TypeAlliance:    {"Alliance", "Global", "Group", "Holdings", "Alliances"},
	cadence.TypeReferral:    {"Advisors", "Partners", "Ventures", "Capital", "Referral Network"},
	cadence.TypeSI:          {"Consulting", "Integration", "Services", "Consulting Group", "Systems Integration"},
}

// Account (customer) names: a + b + c, 64 × 48 × 40 = 122,880 distinct
// names, enough for every registration of the large demo to name its own.
var accountA = []string{
	"Blue", "Cedar", "Summit", "Harbor", "Granite", "Silver", "Pacific", "Redwood",
	"Iron", "Maple", "Golden", "Crystal", "Falcon", "Willow", "Coastal", "Prairie",
	"Liberty", "Eagle", "Highland", "Lakeside", "Pioneer", "Sterling", "Orchard", "Canyon",
	"Frontier", "Heritage", "Meadow", "Osprey", "Crown", "Bayside", "Keystone", "Evergreen",
	"Northern", "Southern", "Eastern", "Western", "Central", "Midland", "Capital", "Union",
	"Metro", "Urban", "Valley", "Mountain", "Ocean", "Sunrise", "Sunset", "Harvest",
	"Beacon", "Anchor", "Compass", "Vista", "Oak", "Pine", "Birch", "Elm",
	"Aurora", "Atlas", "Apex", "Premier", "Regal", "Royal", "Noble", "Patriot",
}

var accountB = []string{
	"Ridge", "Peak", "River", "Bridge", "Field", "Stone", "Lake", "Point",
	"Creek", "Grove", "Hill", "Harbor", "Springs", "Park", "Gate", "Crossing",
	"Valley", "Bay", "Forge", "Mill", "Works", "Haven", "Landing", "Shore",
	"Trail", "Brook", "Meadows", "Heights", "Square", "Street", "Row", "Crest",
	"Rock", "Wood", "Dale", "Glen", "Port", "View", "Star", "Light",
	"Line", "Path", "Way", "Court", "Arch", "Tower", "Bend", "Fork",
}

var accountC = []string{
	"Health", "Logistics", "Bank", "Foods", "Insurance", "Manufacturing", "Retail", "Energy",
	"Labs", "Media", "Credit Union", "Hospitality", "Pharma", "Airlines", "Motors", "Textiles",
	"Financial", "Realty", "Utilities", "Telecom", "Biotech", "Construction", "Apparel", "Brewing",
	"Freight", "Hospital", "University", "Schools", "Dental", "Clinics", "Mutual", "Capital",
	"Outfitters", "Markets", "Grocers", "Chemicals", "Robotics", "Aerospace", "Mining", "Farms",
}

// accountName returns the i-th account name; names are distinct for
// i < len(accountA)*len(accountB)*len(accountC). A multiplicative scramble
// keeps neighbouring indices from sharing words.
func accountName(i int) string {
	n := len(accountA) * len(accountB) * len(accountC)
	// 48271 is prime and shares no factor with n (2^13·3·5), so i → i*48271 mod n is a
	// permutation of [0, n).
	j := (i*48271 + 7919) % n
	a := j % len(accountA)
	j /= len(accountA)
	b := j % len(accountB)
	c := j / len(accountB)
	return accountA[a] + " " + accountB[b] + " " + accountC[c]
}

// accountSpace is how many distinct account names accountName makes.
var accountSpace = len(accountA) * len(accountB) * len(accountC)

// Touchpoint notes by kind and direction. Indexed [kind][direction].
var touchNotes = map[cadence.TouchKind][2][]string{
	cadence.TouchEmail: {
		{ // inbound
			"Asked for the updated price list",
			"Replied on the co-sell plan; wants a call next week",
			"Sent their quarterly pipeline update",
			"Asked about MDF for a joint webinar",
			"Confirmed attendance at the partner summit",
			"Shared a new contact after their reorg",
			"Requested a demo environment for their SEs",
			"Sent signed partner addendum",
			"Asked how to register a deal in the portal",
			"Flagged a competitive situation at a customer",
		},
		{ // outbound
			"Sent the new partner enablement deck",
			"Followed up on last week's call",
			"Shared the joint value proposition draft",
			"Sent the quarterly partner newsletter",
			"Invited them to the partner advisory board",
			"Sent MDF policy and claim form",
			"Shared the co-marketing calendar",
			"Checked in on open opportunities",
			"Sent the certification course links",
			"Followed up — no reply yet",
		},
	},
	cadence.TouchCall: {
		{
			"They called about a pricing exception",
			"Partner rep called to align on an account plan",
			"Call on their renewal motion",
			"They called to escalate a support case",
			"Pipeline check-in requested by the partner",
			"Their sales lead called about territory overlap",
		},
		{
			"Quarterly pipeline call",
			"Account mapping session",
			"Call to plan the joint webinar",
			"Intro call with their new channel lead",
			"Checked on certification progress",
			"Call to walk through the new rebate tiers",
		},
	},
	cadence.TouchMeeting: {
		{
			"Joint account planning workshop at their office",
			"They hosted our team for a co-sell kickoff",
			"Executive sponsor meeting, requested by the partner",
			"Solution architecture review with their SEs",
		},
		{
			"Enablement session for their sales team",
			"Co-sell planning meeting",
			"Onsite business review prep",
			"Product roadmap briefing for their leadership",
		},
	},
	cadence.TouchEvent: {
		{
			"Met their team at the partner summit",
			"They invited us to their customer day",
			"Co-hosted booth at the industry conference",
		},
		{
			"Joint webinar with the partner",
			"Partner dinner at the regional roadshow",
			"Hosted their team at our user conference",
		},
	},
	cadence.TouchNote: {
		{
			"Partner feedback from the NPS survey",
			"They mentioned budget pressure next quarter",
		},
		{
			"Internal: update the partner's tier review",
			"Internal: check contract renewal date",
			"Internal: draft the joint success story",
			"Internal: align with sales on territory",
		},
	},
}

// silentNotes are outbound touches to a partner that has gone quiet.
var silentNotes = []string{
	"Followed up — no reply yet",
	"Left a voicemail for the partner lead",
	"Second follow-up on the co-sell plan, no answer",
	"Pinged their channel lead on LinkedIn",
}

// Meeting text.

var oneOnOneTopics = []string{
	"co-sell plan for the quarter",
	"registration backlog",
	"MDF request for a joint webinar",
	"renewal risk at two shared customers",
	"QBR prep and the scorecard",
	"enablement session for their new reps",
	"new champion after their reorg",
	"pricing exception on a large deal",
	"certification progress",
	"account mapping results",
	"territory overlap with the field team",
	"joint case study",
}

var oneOnOneObservations = []string{
	"is on track for the quarter",
	"asked for a second sales engineer on their deals",
	"wants to co-host a webinar next month",
	"saw a deal slip to next quarter",
	"has two new reps to onboard",
	"is pushing for a higher discount tier",
	"registered fewer deals than planned; needs a nudge",
	"closed a good deal and wants to build on it",
	"needs clarity on the rebate tiers",
	"is quiet since their reorg",
}

var oneOnOneClosers = []string{
	"Agreed to keep the focus on the tier-1 co-sell plans.",
	"Next week: review the registration queue together before the pipeline review.",
	"Good week overall; no escalations.",
	"Workload is high; revisit the tier-3 coverage model next month.",
	"Agreed to bring the two stalled deals to the pipeline review.",
	"Asked for help getting a sales owner on the partner's biggest deal.",
}

var generalTopics = []string{
	"Hiring plan for partner ops",
	"Feedback on the new deal registration form",
	"Partner advisory board agenda",
	"Career goals and next step",
	"Time split between recruiting and managing partners",
	"Workload: too many tier-3 partners?",
}

var actionTemplates = []string{
	"Send %s the updated MDF policy",
	"Book the next QBR with %s",
	"Chase %s on their open registrations",
	"Share the co-sell one-pager with %s",
	"Review the enablement plan with %s",
	"Set up account mapping with %s",
	"Draft the joint success story with %s",
	"Get the certification dates from %s",
	"Confirm the rebate tier for %s",
	"Introduce %s to the regional sales lead",
}

var pipelineTopics = []string{
	"Open registrations by partner and stage",
	"Deals that need a sales owner",
	"Registrations waiting for a decision",
	"Approved registrations close to expiry",
	"Partner-sourced vs influenced this quarter",
	"Conflicts between partners on the same account",
	"Slipped deals and why",
	"Forecast call for the quarter",
}

var pipelineActions = []string{
	"Assign a sales owner to every approved registration over $50k",
	"Clean up registrations with no activity in 60 days",
	"Send the partner pipeline report to sales leadership",
	"Review conflicting registrations with both partner managers",
	"Update forecast categories for partner deals",
}

var readoutTopics = []string{
	"Partner-sourced and influenced revenue against target",
	"Open partner pipeline and coverage",
	"Active partners and partner-led conversations",
	"Deal-registration accuracy and SLA",
	"Partner satisfaction from QBRs",
	"Asks: budget for a partner marketing lead",
	"Top three partners and what they need from us",
	"Risks: concentration in two partners",
}

var readoutActions = []string{
	"Send the readout deck to the executive team",
	"Draft the business case for a partner ops hire",
	"Prepare the partner program budget for next year",
	"Write up the partner tiering proposal",
}

var qbrTopics = []string{
	"Scorecard: sourced and influenced revenue",
	"Joint pipeline for next quarter",
	"Enablement and certification status",
	"Marketing plan and MDF",
	"Executive sponsor alignment",
	"Support escalations and product feedback",
	"Renewals at shared customers",
}

var qbrActions = []string{
	"Send the QBR summary and scorecard to %s",
	"Agree joint targets for next quarter with %s",
	"Schedule a product roadmap briefing for %s",
	"Plan a joint campaign with %s",
	"Follow up on the support escalations from %s",
}

var skipReasons = []string{
	"Skipped: partner summit week.",
	"Skipped: out on PTO.",
	"Skipped: covered everything in the pipeline review.",
	"Skipped: travelling to a customer onsite.",
}

var cancelReasons = []string{
	"Cancelled: company holiday.",
	"Cancelled: all-hands offsite.",
	"Cancelled: clash with board prep.",
}
