package cadence

// PlainFlags exports plainFlags to the tests of package cadence_test, which
// can use the demo data.
var PlainFlags = plainFlags
