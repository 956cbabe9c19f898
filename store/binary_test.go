package store

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"partnercadence/cadence"
)

func TestBinaryRecordsRoundTrip(t *testing.T) {
	p := cadence.Partner{Name: "Ünïcode | Partners, Inc.", Type: cadence.TypeSI, Tier: 3, Owner: "Dana Cruz",
		Status: cadence.PartnerPaused, Joined: d("2024-02-29"), Contact: "", Email: "a@b.example", Domain: "b.example", Notes: "line one\nline two"}
	r := cadence.Registration{ID: "a0X5e00000AbC01", Partner: p.Name, Account: "Acme", Amount: -1 << 40, Submitted: d("2026-11-02"),
		Status: cadence.RegApproved, Decided: d("2026-11-03"), Attribution: cadence.Influenced}
	a := cadence.ActionItem{ID: "A-9", Text: "Send the \"MDF\" policy", Owner: "Dana Cruz", Due: d("2026-12-01"), Meeting: "1on1/dana-cruz/2026-11-25"}
	stub := cadence.MeetingRecord{ID: "qbr/x/2026-Q4", Status: cadence.MeetingHeld, At: time.Date(2026, 11, 3, 15, 0, 0, 0, time.UTC), Minutes: 75, Title: "", Satisfaction: 8}

	gotP, err := decodePartner(encodePartner(p))
	if err != nil || gotP != p {
		t.Errorf("partner: %v\n%s", err, cmp.Diff(p, gotP, cmp.Comparer(func(x, y cadence.Date) bool { return x == y })))
	}
	gotR, err := decodeRegistration(encodeRegistration(r))
	if err != nil || gotR != r {
		t.Errorf("registration: %+v, %v", gotR, err)
	}
	gotA, err := decodeAction(encodeAction(a))
	if err != nil || gotA != a {
		t.Errorf("action: %+v, %v", gotA, err)
	}
	gotS, err := decodeMeetingStub(stub.ID, encodeMeetingStub(stub))
	if err != nil || !gotS.At.Equal(stub.At) || gotS.Status != stub.Status || gotS.Minutes != 75 || gotS.Satisfaction != 8 {
		t.Errorf("stub: %+v, %v", gotS, err)
	}
}

func TestBinaryDamageIsAnError(t *testing.T) {
	good := encodePartner(cadence.Partner{Name: "Northwind", Type: cadence.TypeISV, Tier: 1})
	for name, b := range map[string][]byte{
		"empty":          nil,
		"unknown format": append([]byte{9}, good[1:]...),
		"cut string":     good[:4],
		"bad varint":     {recordFormat, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff},
	} {
		if _, err := decodePartner(b); !errors.Is(err, errDamaged) {
			t.Errorf("%s: err = %v, want errDamaged", name, err)
		}
	}
}

// An owner's registrations read from since on (ownerRegistrations) are
// exactly those open, or decided or closed on or after since; and
// registrationHas agrees with decoding the status.
func TestOwnerKeyOrdersLiveRegistrationsLast(t *testing.T) {
	since := d("2026-07-01")
	from := append([]byte(cadence.NameKey("Dana Cruz")+"\x00"), dateKey(since)...)
	dates := []cadence.Date{{}, d("2026-06-30"), since, d("2026-11-20")}
	for _, status := range cadence.RegStatuses {
		for _, decided := range dates {
			for _, closed := range dates {
				r := cadence.Registration{ID: "R-1", Partner: "Northwind | Ünïcode", Account: "Acme", Amount: 125_000,
					Submitted: d("2024-02-29"), Status: status, Decided: decided, Expires: d("2027-01-01"), Closed: closed,
					Attribution: cadence.Sourced, Owner: "Dana Cruz"}
				want := status.Open() || !decided.Before(since) || !closed.Before(since)
				if got := bytes.Compare(ownerRegKey("Dana Cruz", r), from) >= 0; got != want {
					t.Errorf("%s decided %s closed %s: read from %s = %v, want %v", status, decided, closed, since, got, want)
				}
				enc := encodeRegistration(r)
				for _, s := range cadence.RegStatuses {
					if got := registrationHas(enc, s); got != (s == status) {
						t.Errorf("a %s registration has status %s: %v", status, s, got)
					}
				}
			}
		}
	}
	// Damage has every status, so that decoding reports it.
	good := encodeRegistration(cadence.Registration{ID: "R-2", Status: cadence.RegLost, Decided: d("2020-01-02")})
	for _, b := range [][]byte{nil, good[:5], append([]byte{9}, good[1:]...)} {
		if !registrationHas(b, cadence.RegWon) {
			t.Errorf("damaged value %v is passed over", b)
		}
	}
}
