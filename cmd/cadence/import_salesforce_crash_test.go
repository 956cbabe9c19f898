package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestImportSalesforceSurvivesSIGKILL kills `cadence import salesforce`
// (a Data Export folder of 1,000 partner accounts, 10,000 opportunities and
// 40,000 activities into the small demo) 16 times and reopens the database
// after each: bbolt's consistency check passes and the export is byte for
// byte the one from before the import or the one from after it — the
// folder is one transaction, never a part of it. Half of the kills come at
// a random moment of the whole run, half at a random moment of the commit.
func TestImportSalesforceSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("kills 16 imports of a 51,000-record folder")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	base := filepath.Join(dir, "base.db")
	mustRunCadence(t, bin, "demo", "--db", base, "--now", "2026-11-23")
	export := filepath.Join(dir, "WE_00D5g000004ABCD_1")
	writeSalesforceExport(t, export, 1_000, 10_000, 30_000, 10_000)
	none := exportBytes(t, base)

	db := filepath.Join(dir, "cadence.db")
	copyTo(t, base, db)
	cmd := startSalesforceImport(t, bin, db, export)
	start := time.Now()
	changed, ok := waitForChange(db, 5*time.Minute)
	if !ok {
		t.Fatalf("the import never changed the database file\n%s", cmd.Stderr)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("uninterrupted import: %v\n%s", err, cmd.Stderr)
	}
	took, commit := time.Since(start), time.Since(changed)
	all := exportBytes(t, db)
	if bytes.Equal(all, none) {
		t.Fatal("the import changed nothing")
	}
	for _, want := range []string{`"SF Partner 999"`, `"0065g0000000009999"`, `"imported task 29999"`, `"imported event 9999"`} {
		if !bytes.Contains(all, []byte(want)) {
			t.Fatalf("the uninterrupted import's export lacks %s", want)
		}
	}

	killDuringImport(t, 16, base, db, took, commit, none, all, func() *exec.Cmd { return startSalesforceImport(t, bin, db, export) })
}

// startSalesforceImport starts the built cadence importing the export
// folder into db.
func startSalesforceImport(t *testing.T, bin, db, folder string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(bin, "--db", db, "import", "salesforce", folder)
	cmd.Stderr = &bytes.Buffer{}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

// writeSalesforceExport writes a Data Export folder in Salesforce's shape
// (every value quoted, CRLF, IDs relating the objects) of partners partner
// accounts and as many customer accounts, and opps opportunities, tasks
// tasks and events events of the partners, owned by two of the demo's team.
func writeSalesforceExport(t *testing.T, dir string, partners, opps, tasks, events int) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	write := func(name string, header []string, n int, row func(i int) []string) {
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		w.UseCRLF = true
		_ = w.Write(header)
		for i := range n {
			_ = w.Write(row(i))
		}
		w.Flush()
		// Salesforce quotes every value.
		text := strings.ReplaceAll(b.String(), ",", `","`)
		text = strings.ReplaceAll(text, "\r\n", "\"\r\n\"")
		text = `"` + strings.TrimSuffix(text, `"`)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	users := []string{"0055g00000Usr01AAA", "0055g00000Usr02AAA"}
	write("User.csv", []string{"Id", "Username", "Name", "Email", "IsActive"}, 2, func(i int) []string {
		email := []string{"dana.cruz@example.com", "priya.natarajan@example.com"}[i]
		return []string{users[i], email + ".prod", []string{"Dana Cruz", "Priya Natarajan"}[i], email, "true"}
	})
	partnerID := func(i int) string { return fmt.Sprintf("0015g000000P%06d", i) }
	customerID := func(i int) string { return fmt.Sprintf("0015g000000C%06d", i) }
	write("Account.csv", []string{"Id", "IsDeleted", "Name", "Type", "Website", "OwnerId", "CreatedDate", "Partner_Tier__c"}, 2*partners, func(i int) []string {
		if i%2 == 1 {
			return []string{customerID(i / 2), "false", fmt.Sprintf("Customer %d", i/2), "Customer - Direct", "", users[0], "2024-03-01T09:00:00.000+0000", ""}
		}
		return []string{partnerID(i / 2), "false", fmt.Sprintf("SF Partner %d", i/2), "Channel Partner / Reseller", "", users[i/2%2], "2024-03-01T09:00:00.000+0000", "Silver"}
	})
	write("Opportunity.csv", []string{"Id", "AccountId", "PartnerAccountId", "Name", "StageName", "Amount", "CloseDate", "OwnerId", "CreatedDate"}, opps, func(i int) []string {
		return []string{fmt.Sprintf("0065g000000%07d", i), customerID(i % partners), partnerID(i % partners), fmt.Sprintf("Deal %d", i),
			"Qualification", fmt.Sprint(1000 + i), "2027-03-31", users[i%2], fmt.Sprintf("2026-%02d-%02dT10:00:00.000+0000", 1+i%10, 1+i%28)}
	})
	write("Task.csv", []string{"Id", "WhatId", "Subject", "ActivityDate", "OwnerId", "AccountId", "CallType", "TaskSubtype"}, tasks, func(i int) []string {
		return []string{fmt.Sprintf("00T5g00000%08d", i), partnerID(i % partners), fmt.Sprintf("imported task %d", i),
			fmt.Sprintf("2026-%02d-%02d", 1+i%10, 1+i%28), users[i%2], partnerID(i % partners), []string{"Inbound", "Outbound"}[i%2], "Call"}
	})
	write("Event.csv", []string{"Id", "WhatId", "Subject", "ActivityDate", "OwnerId", "AccountId", "Type", "EventSubtype"}, events, func(i int) []string {
		return []string{fmt.Sprintf("00U5g00000%08d", i), partnerID(i % partners), fmt.Sprintf("imported event %d", i),
			fmt.Sprintf("2026-%02d-%02d", 1+i%10, 1+i%28), users[i%2], partnerID(i % partners), "Meeting", "Event"}
	})
}
