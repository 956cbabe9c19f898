// Package agenda decides what a meeting's agenda holds and writes it, and
// the executive readout, as markdown (CommonMark with GitHub's tables and
// task lists), for `cadence agenda`, `cadence readout` and the app's
// export. PlanFor says what an agenda needs read, Assemble decides what it
// shows from the store's answers, and Build cuts it into the typed sections
// that Markdown and the meeting screen both draw (see plan.go). It is pure:
// everything arrives as plain data, and it never reads the clock.
//
// # Text that survives any user input
//
// Names, accounts, flag messages and action texts are inline text: a
// CommonMark or GFM parser reads each back as exactly the text it was, with
// three documented exceptions —
//
//   - a line break (LF, CR or CRLF), and any other ASCII control character
//     but the tab, becomes one space: a heading, list item or table cell is
//     one line;
//   - leading and trailing spaces and tabs are dropped (markdown drops them
//     anyway);
//   - invalid UTF-8 becomes U+FFFD.
//
// What could be markdown is escaped with a backslash, which CommonMark allows
// before any ASCII punctuation: always \ ` * _ ~ [ ] < | #, an & that would
// start an entity (&amp;), and at the start of the text - + > = and the . or )
// after leading digits followed by a space ("1. "), which would open a list
// or a quote. Other punctuation is left alone so that the markdown stays
// readable as plain text ("Acme, Inc." is written as is). A web address or an
// e-mail address may become a link in a GFM renderer; its text is unchanged.
//
// Talking points and notes are the user's own markdown and are kept as
// written, inside a block quote (every line prefixed with "> "). A block
// quote is a container: nothing written inside it — a "# " heading, an
// unclosed ``` fence, <pre> or <!-- — can close it, become one of the
// agenda's own sections or swallow the sections after it. A heading the user
// wrote stays a heading, inside the quote, and so does a list; a single line
// break inside a paragraph is written as a hard line break, so the lines
// read as the user wrote them in any renderer. Line ends become LF, blank lines at
// either end are dropped, and tabs in a line's indentation become spaces to
// the next multiple of four columns (what they meant outside the quote).
//
// Every section is always written; an empty one says so ("No flags."), so a
// reader knows it was checked. Times are shown in the config's zone
// ("Tue 24 Nov 2026, 10:00–10:30 EST"), dates as YYYY-MM-DD and money with
// cadence.FormatMoney.
package agenda
