// Package cadence is the domain of the partnerships operating cadence, kept
// pure: types, config, the schedule of meetings, the flags that say what fell
// through the cracks, and the quarter's KPIs.
//
// Nothing here touches a terminal, a database or the clock: every function
// that depends on the current moment takes now as an argument, so the same
// inputs always give the same answer.
package cadence
