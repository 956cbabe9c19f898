package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"partnercadence/cadence"
)

// The host key is made on first start (0600) and the same key is read on
// every start after; a key others may read, or a file that is not a key,
// is refused with what to do.
func TestHostKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", hostKeyName)
	_, first, err := hostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("new host key has mode %04o, want 0600", perm)
	}
	_, again, err := hostKey(path)
	if err != nil || again != first {
		t.Errorf("second start: fingerprint %s (%v), want the first one's %s", again, err, first)
	}
	if !strings.HasPrefix(first, "SHA256:") {
		t.Errorf("fingerprint %q", first)
	}
	os.Chmod(path, 0o644)
	if _, _, err := hostKey(path); err == nil || !strings.Contains(err.Error(), "chmod 600 "+path) {
		t.Errorf("a host key others may read: %v", err)
	}
	os.Chmod(path, 0o600)
	os.WriteFile(path, []byte("not a key"), 0o600)
	if _, _, err := hostKey(path); err == nil || !strings.Contains(err.Error(), "is not an SSH private key") {
		t.Errorf("a file that is not a key: %v", err)
	}
}

// A config key that is not an SSH public key stops the server at start,
// naming the member.
func TestKeysOfRefusesUnreadableKey(t *testing.T) {
	cfg := &cadence.Config{Team: []cadence.Member{
		{Name: "Jordan Lee", SSHKeys: []string{"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEoDummyKeyForJordanLeeExampleOnly0001 jordan@laptop"}},
	}}
	_, err := keysOf(cfg)
	if err == nil || !strings.Contains(err.Error(), "team member Jordan Lee: ssh_keys item 1 is not a public key") {
		t.Errorf("keysOf = %v", err)
	}
	s := newSigner(t)
	cfg.Team[0].SSHKeys = []string{authorizedLine(s) + " jordan@laptop"}
	keys, err := keysOf(cfg)
	if err != nil || keys[string(s.PublicKey().Marshal())] != "Jordan Lee" {
		t.Errorf("keysOf = %v, %v", keys, err)
	}
}
