// Package csvimport reads partners, deal registrations and touchpoints from
// CSV files: cadence's own format and the exports of common CRMs
// (Salesforce reports, HubSpot exports).
//
// Each of Partners, Registrations and Touchpoints reads a whole file and
// returns its rows, warnings, and an error. An import is all or nothing: when
// anything is wrong the error is an *Errors listing every bad row and field
// (not just the first), one per line as FILE:LINE: column: problem, and no
// rows are returned. Warnings, in the same form, say what was read around
// rather than imported: unknown columns, a guessed encoding. The report
// lists the first MaxShown problems and counts the rest; cell values in it
// are quoted with their control characters shown as symbols (Quote), so it
// is safe to print on a terminal.
//
// The checks that need more than the file (the partner exists, the owner is
// on the team, the id is not taken by another partner) belong to the caller,
// which reports them with Row.Problem and Errors.Add in the same form. So
// that every problem of a file is reported in one pass, ReadPartners,
// ReadRegistrations and ReadTouchpoints return the bad rows too, with the
// problems of form: Row.Clean says whether a row has any, Row.Failed which
// fields could not be read (their references are not checked).
//
// # Headers
//
// The first row names the columns, in any order. Names are matched ignoring
// case, spaces, underscores, hyphens, dots and a byte order mark, so
// "Deal_Registration_ID", "deal registration id" and "DealRegistrationID"
// are the same. Each field is read from its canonical name or from the names
// CRMs export; names after "else" are read only when the file has no column
// with a name before it (HubSpot's "Deal Name" is the account only when there
// is no "Account Name"; a Salesforce report with both "Amount (converted)"
// and "Amount" reads the converted amount) and the others are then ignored
// with a warning. A * marks a field whose column is required.
//
//	partners
//	  name *         Partner Name, Account Name, Company name
//	  crm_id         Id, Account ID, Record ID, Company ID
//	  type *         Partner Type; else type, Account Type, Company Type
//	  tier *         Partner Tier, Partner Level, Partner_Tier__c, Tier__c
//	  owner *        Partner Manager, Channel Manager,
//	                 Partner Account Manager; else owner, Account Owner,
//	                 Company owner, Owner Email, OwnerId
//	  status         Partner Status
//	  joined         Joined Date, Start Date, Partner Since, Date Joined;
//	                 else Created Date, Create Date
//	  contact        Primary Contact, Contact Name, Partner Contact
//	  email          Contact Email, Primary Contact Email, Email Address
//	  domain         Website, Company Domain Name, Website URL
//	  notes          Note; else Description
//	registrations
//	  id *           Deal Registration ID, Deal Registration Number,
//	                 Registration ID, Record ID, Deal ID, Opportunity ID
//	  partner *      Partner Account, Partner Account: Account Name,
//	                 Partner Name, PartnerAccountId, Partner Account ID,
//	                 Partner Company ID; else Associated Company IDs,
//	                 Associated Company ID, Associated Company IDs (Primary)
//	  account *      Account Name, Customer, Customer Name, Company,
//	                 Associated Company, Associated Company (Primary);
//	                 else Deal Name, Opportunity Name, Name
//	  amount *       Amount (converted), Amount in company currency,
//	                 Deal Amount, Estimated Value, Estimated Deal Value;
//	                 else amount
//	  submitted *    Submitted Date, Date Submitted, Registration Date;
//	                 else Created Date, Create Date, CreatedDate
//	  status *       Registration Status, Approval Status; else Stage,
//	                 Deal Stage, StageName, Stage Name
//	  decided        Approved Date, Approval Date, Decision Date,
//	                 Date Approved
//	  expires        Expiration Date, Expiry Date, Expires On
//	  closed         Close Date, Closed Date
//	  attribution    Partner Attribution, Type of Influence, Influence Type,
//	                 Attribution Type
//	  owner          Channel Manager, Partner Manager,
//	                 Channel Account Manager; else owner, Deal owner,
//	                 Opportunity Owner, Record Owner, OwnerId, Owner Email
//	touchpoints
//	  partner *      Partner Name, Partner Account,
//	                 Partner Account: Account Name, PartnerAccountId,
//	                 Partner Account ID; else Company / Account, Related To,
//	                 Associated Company, Associated Company IDs,
//	                 Associated Company ID, Company ID, AccountId,
//	                 Account ID
//	  date *         Activity Date, Date of Activity; else Due Date,
//	                 Created Date, Create Date, CreatedDate,
//	                 Activity date and time, StartDateTime
//	  kind *         Activity Type, Touchpoint Type; else type,
//	                 Task Subtype, Event Subtype, Activity
//	  direction *    Call direction; else Call Type
//	  account        Customer, Customer Account, Introduced Account
//	  note           Notes, Comments, Description, Call notes, Note body;
//	                 else Subject
//	  by             Logged By, Assigned, Assigned To; else Activity Owner,
//	                 Created By, OwnerId, Activity assigned to,
//	                 HubSpot Owner
//
// A missing required column is an error that names the accepted headers; two
// columns read into the same field are an error; a column the table does not
// name is ignored, with a warning (and a "did you mean" when it looks like a
// misspelling of one it does name).
//
// # Files
//
// Files are UTF-8, with or without a byte order mark, or UTF-16 with one
// (Excel's "Unicode Text"); a file that is not valid UTF-8 is read as
// Windows-1252 (Excel's and Salesforce's default in Western locales) with a
// warning. Fields are separated by commas, or by semicolons or tabs when the
// header row has no comma. Lines may end in LF, CRLF or CR alone (classic
// Mac OS, which Excel for Mac still writes as "CSV (Macintosh)"); quoted fields may hold
// commas, quotes and line breaks (a note's line breaks, CRLF, CR or LF, are
// kept as LF), and every line number reported is the line the record starts
// on in the file.
//
// The data ends at the first blank line, row of empty cells or "Grand Totals"
// row, where Salesforce reports start their footer (record counts, copyright
// and confidentiality notices, "Generated By"); what follows is ignored, but
// a row there that has the header's number of fields and does not look like
// a footer is an error, so a stray blank line never drops data silently. A
// data row with a different number of fields than the header is an error
// (empty cells past the header's end are ignored).
//
// # Values
//
// Every cell is trimmed. Enumerations are read as cadence writes them, else
// as the config's [import.values] maps a team's own words (per field:
// stage, type, tier, partner_status, kind, direction, attribution), else by
// the built-in CRM words below, compared on letters and digits only
// ("Closed - Won" is "closedwon"). Each distinct mapped value is listed
// once in File.Mapped, with its row count, for a dry run to show:
//
//	stage (status)       Salesforce: Prospecting, Qualification, Needs
//	                     Analysis, Value Proposition, Id. Decision Makers,
//	                     Perception Analysis, Proposal/Price Quote,
//	                     Negotiation/Review → approved; Closed Won → won;
//	                     Closed Lost → lost. HubSpot: appointmentscheduled,
//	                     qualifiedtobuy, presentationscheduled,
//	                     decisionmakerboughtin, contractsent (and their
//	                     labels) → approved; closedwon, closedlost.
//	                     Pending, Pending Approval, In Review, New, … →
//	                     submitted; Accepted → approved; Declined, Denied →
//	                     rejected
//	type                 Channel Partner / Reseller, VAR, Value Added
//	                     Reseller, HubSpot RESELLER and PARTNER → reseller;
//	                     Technology Partner, Tech Partner, HubSpot VENDOR →
//	                     isv; Installation Partner, System(s) Integrator,
//	                     Implementation Partner → si; Strategic Alliance →
//	                     alliance; "<type> Partner" → <type>
//	tier                 1, 2, 3, "Tier 1", "T1", "1.0"; Platinum, Gold → 1;
//	                     Silver → 2; Bronze → 3
//	kind                 Phone, Phone Call, Logged Call → call; Salesforce
//	                     Task, Other, LinkedIn, Cadence → note; List Email,
//	                     Send Letter/Quote → email; Introduction → intro;
//	                     plurals (Calls, Emails, …)
//	direction            In, Incoming, INBOUND → inbound; Out, Outgoing,
//	                     OUTBOUND → outbound
//	attribution          Partner Sourced, Source → sourced; Partner
//	                     Influenced, Influence, Co-sell → influenced; empty
//	                     or no column → sourced
//
// An open CRM stage is held as approved, decided on the day it was
// submitted unless the file gives a decision date. A value outside these
// reports the allowed values and the [import.values] key to map it with.
// A partners file without a status column imports every partner as active,
// with a warning.
//
// Dates are YYYY-MM-DD, MM/DD/YYYY or DD/MM/YYYY, DD.MM.YYYY, with two-digit
// years (69–99 are 1969–1999), also followed by a time of day as CRMs
// export date-time fields ("11/23/2026 3:45 PM": the date as written). A
// timestamp with a zone (RFC 3339, Salesforce's 2026-11-23T15:45:00.000+0000)
// is its local date in the config's time zone. Amounts may carry a currency
// symbol or ISO code ("$120,000.00", "USD 1,200", "1200 EUR", "1.200,50 €"),
// thousands separators and decimals, which are rounded to whole units; the
// currency is not converted, so one file must not mix currencies. Money has
// no third decimal, so one separator followed by exactly three digits groups
// thousands ("1.200 €" is 1200). A negative amount is an error; an empty
// amount is 0.
//
// Nothing is guessed: the order of day and month and the decimal mark are
// settled per column by the values that can be read only one way (a
// 13/11/2026 settles day first, a 1,5 the decimal comma), else by the
// config's [import] date_order and decimal_mark; a column with a value read
// differently either way and nothing to settle it is reported once, on
// that value's line, naming the key to set. Values that settle a column
// both ways are reported naming both lines. A registration created after
// it closed (migrated data, where Created Date is the submitted date) is
// taken as submitted on its close date, with one warning for the file.
//
// A website URL is read as its domain ("https://www.acme.com/" is acme.com)
// and "Name <address>" as the address. A closed date on an open (submitted
// or approved) registration is dropped: CRMs export the expected close date
// of open deals there.
//
// # Checks
//
// Every record is checked with its Validate method, and each problem is
// reported on the column it is about. Within a file, two registrations with
// the same id (compared case-insensitively), two partners with the same name
// (cadence.NameKey) or two touchpoints with the same partner, date, kind,
// direction, account and note are an error on the second, naming the line of
// the first.
//
// # A Salesforce Data Export folder
//
// ReadSalesforce reads the folder Salesforce's weekly export unpacks to:
// Account.csv, Opportunity.csv and User.csv, and Task.csv and Event.csv
// when activities are exported. The accounts whose Type is a partner type
// (or one of [import] partner_types) are the partners; the opportunities
// whose PartnerAccountId is one of them, or whose account is one, are their
// registrations, with the customer account's Name as the account; the tasks
// and events on a partner account (AccountId, else WhatId) are their
// touchpoints, a task's kind from TaskSubtype and its direction from
// CallType (a task without one, and every event, is outbound, said once as
// a warning). Owners are user IDs: User.csv gives each user's email, and
// the importer finds the team member with that email. Only the columns
// cadence reads are read; the folder's problems are reported in the order
// of the files, on their own lines and under their own headers.
package csvimport
