package main

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	gossh "golang.org/x/crypto/ssh"

	"partnercadence/cadence"
)

// hostKeyName is the host key's file name beside the database.
const hostKeyName = "cadence_ssh_host_ed25519_key"

// hostKey reads the server's host key from path, or, when there is no file
// there, makes a new ed25519 key and writes it there (mode 0600, whole or
// not at all). It returns the PEM and the key's SHA256 fingerprint. A key
// others may read is refused, as OpenSSH refuses one: whoever holds it can
// pose as the server.
func hostKey(path string) (pemBytes []byte, fingerprint string, err error) {
	pemBytes, err = os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		if pemBytes, err = newHostKey(path); err != nil {
			return nil, "", err
		}
	} else if err != nil {
		return nil, "", fmt.Errorf("host key %s: %w", path, err)
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, "", fmt.Errorf("host key %s: %w", path, err)
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		return nil, "", fmt.Errorf("host key %s can be read by others (mode %04o): make it private (chmod 600 %s) or remove it to have a new one made", path, perm, path)
	}
	signer, err := gossh.ParsePrivateKey(pemBytes)
	if err != nil {
		return nil, "", fmt.Errorf("host key %s is not an SSH private key (%v): remove it to have a new one made, or name another with --host-key", path, err)
	}
	return pemBytes, gossh.FingerprintSHA256(signer.PublicKey()), nil
}

// newHostKey writes a new ed25519 host key to path: into a temporary file
// beside it first, then linked into place, so a crash leaves no half-written
// key and a key made meanwhile by another server is never replaced (that
// one is read instead).
func newHostKey(path string) ([]byte, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("make a host key: %w", err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "cadence serve host key")
	if err != nil {
		return nil, fmt.Errorf("make a host key: %w", err)
	}
	pemBytes := pem.EncodeToMemory(block)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("write host key %s: %w", path, err)
	}
	tmp, err := createBeside(path, 0o600)
	if err != nil {
		return nil, fmt.Errorf("write host key %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(pemBytes)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Link(tmp.Name(), path)
	}
	if errors.Is(err, fs.ErrExist) {
		return os.ReadFile(path)
	}
	if err != nil {
		return nil, fmt.Errorf("write host key %s: %w", path, err)
	}
	return pemBytes, nil
}

// teamKeys maps each public key of the config's ssh_keys (its wire form)
// to the member it logs in.
type teamKeys map[string]string

// keysOf reads every member's ssh_keys. A key that is not an SSH public key
// is an error naming the member and the key: it would never let them in.
func keysOf(cfg *cadence.Config) (teamKeys, error) {
	keys := teamKeys{}
	var problems []string
	for _, m := range cfg.Team {
		for i, line := range m.SSHKeys {
			pub, _, _, _, err := gossh.ParseAuthorizedKey([]byte(line))
			if err != nil {
				problems = append(problems, fmt.Sprintf("team member %s: ssh_keys item %d is not a public key this server can read (%v); paste the whole line of their ~/.ssh/id_ed25519.pub", cadence.VisibleLine(m.Name), i+1, err))
				continue
			}
			keys[string(pub.Marshal())] = m.Name
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(problems, "; "))
	}
	return keys, nil
}
