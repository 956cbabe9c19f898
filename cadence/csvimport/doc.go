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
//	  type *         Partner Type; else type
//	  tier *         Partner Tier, Partner Level
//	  owner *        Partner Manager, Channel Manager,
//	                 Partner Account Manager; else owner, Account Owner,
//	                 Company owner
//	  status *       Partner Status
//	  joined         Joined Date, Start Date, Partner Since, Date Joined;
//	                 else Created Date, Create Date
//	  contact        Primary Contact, Contact Name, Partner Contact
//	  email          Contact Email, Primary Contact Email, Email Address
//	  domain         Website, Company Domain Name, Website URL
//	  notes          Note; else Description
//	registrations
//	  id *           Deal Registration ID, Deal Registration Number,
//	                 Registration ID, Record ID, Deal ID
//	  partner *      Partner Account, Partner Account: Account Name,
//	                 Partner Name
//	  account *      Account Name, Customer, Customer Name, Company,
//	                 Associated Company, Associated Company (Primary);
//	                 else Deal Name, Opportunity Name
//	  amount *       Amount (converted), Amount in company currency,
//	                 Deal Amount, Estimated Value, Estimated Deal Value;
//	                 else amount
//	  submitted *    Submitted Date, Date Submitted, Registration Date;
//	                 else Created Date, Create Date
//	  status *       Registration Status, Approval Status; else Stage,
//	                 Deal Stage
//	  decided        Approved Date, Approval Date, Decision Date,
//	                 Date Approved
//	  expires        Expiration Date, Expiry Date, Expires On
//	  closed         Close Date, Closed Date
//	  attribution    Partner Attribution, Type of Influence, Influence Type,
//	                 Attribution Type
//	  owner          Channel Manager, Partner Manager,
//	                 Channel Account Manager; else owner, Deal owner,
//	                 Opportunity Owner, Record Owner
//	touchpoints
//	  partner *      Partner Name, Partner Account,
//	                 Partner Account: Account Name; else Company / Account,
//	                 Related To
//	  date *         Activity Date, Date of Activity; else Due Date,
//	                 Created Date, Create Date
//	  kind *         Activity Type, Touchpoint Type; else type, Task Subtype
//	  direction *    else Call Type
//	  account        Customer, Customer Account, Introduced Account
//	  note           Notes, Comments, Description; else Subject
//	  by             Logged By, Assigned, Assigned To; else Activity Owner,
//	                 Created By
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
// header row has no comma. Lines may end in CRLF; quoted fields may hold
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
// Every cell is trimmed. Enumerations are read case-insensitively, with the
// names CRMs use, compared on letters and digits only ("Closed - Won" is
// "closedwon"):
//
//	registration status  Pending, Pending Approval, Pending Review,
//	                     Awaiting Approval, Submitted for Approval, In Review,
//	                     Under Review, New → submitted; Accepted → approved;
//	                     Declined, Denied → rejected; Closed Won → won;
//	                     Closed Lost → lost
//	attribution          Partner Sourced, Source → sourced; Partner
//	                     Influenced, Influence, Co-sell → influenced; empty
//	                     or no column → sourced (a registered deal is the
//	                     partner's unless said otherwise)
//	partner type         VAR, Value Added Reseller → reseller; Technology,
//	                     Technology Partner, Tech Partner → isv; System(s)
//	                     Integrator → si; Strategic Alliance → alliance;
//	                     "<type> Partner" → <type>
//	touchpoint kind      Phone, Phone Call, Logged Call → call;
//	                     Introduction → intro; plurals (Calls, Emails, …)
//	direction            In, Incoming → inbound; Out, Outgoing → outbound
//
// A value outside these reports the allowed values. A tier is 1, 2 or 3,
// also written "Tier 1", "T1" or "1.0". Dates are YYYY-MM-DD, MM/DD/YYYY or
// RFC 3339, also followed by a time of day as CRMs export date-time fields
// ("11/23/2026 3:45 PM", "2026-11-23 15:45"): the date is taken as written.
// Amounts may carry a currency symbol or ISO code ("$120,000.00", "USD 1,200",
// "1200 EUR", "1.200,50 €"), thousands separators (commas, spaces, or dots
// when the comma is the decimal mark) and decimals, which are rounded to whole
// units; the currency is not converted, so one file must not mix currencies.
// A negative amount is an error; an empty amount is 0. A website URL is read
// as its domain ("https://www.acme.com/" is acme.com) and "Name <address>" as
// the address. A closed date on an open (submitted or approved) registration
// is dropped: CRMs export the expected close date of open deals there.
//
// # Checks
//
// Every record is checked with its Validate method, and each problem is
// reported on the column it is about. Within a file, two registrations with
// the same id (compared case-insensitively), two partners with the same name
// (cadence.NameKey) or two touchpoints with the same partner, date, kind,
// direction, account and note are an error on the second, naming the line of
// the first.
package csvimport
