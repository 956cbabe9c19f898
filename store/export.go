package store

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"

	"partnercadence/cadence"
)

// ExportFormat and ExportVersion identify the export file. The format is
// documented in the README; a newer version is refused by Restore.
const (
	ExportFormat  = "cadence-export"
	ExportVersion = 1
)

// exportHeader is everything in an export before the record arrays.
type exportHeader struct {
	Format   string   `json:"format"`
	Version  int      `json:"version"`
	Config   string   `json:"config,omitempty"`
	Counters Counters `json:"counters"`
}

// Export writes everything in the database as JSON: a header, then the
// arrays partners, registrations, touchpoints and meetings, one record a
// line, each in key order — so the same data always gives the same bytes.
// Summaries and indexes are not exported; Restore rebuilds them.
func (s *Store) Export(out io.Writer) error {
	w := bufio.NewWriterSize(out, 1<<16)
	err := s.view(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		head, err := json.Marshal(exportHeader{
			Format: ExportFormat, Version: ExportVersion,
			Config: string(meta.Get(embeddedConfigKey)),
			Counters: Counters{
				Registration: getU64(meta, nextRegKey), Action: getU64(meta, nextActionKey), Adhoc: getU64(meta, nextAdhocKey),
			},
		})
		if err != nil {
			return err
		}
		w.Write(head[:len(head)-1]) // leave the object open for the arrays
		names := map[string]string{}
		sections := []struct {
			name   string
			bucket []byte
			line   func(k, v []byte) (any, error)
		}{
			{"partners", bucketPartners, func(k, v []byte) (any, error) {
				p, err := decodePartner(v)
				names[string(k)] = p.Name
				return toPartnerJSON(p), err
			}},
			{"registrations", bucketRegistrations, func(_, v []byte) (any, error) {
				r, err := decodeRegistration(v)
				return registrationJSON(r), err
			}},
			{"touchpoints", bucketTouchpoints, func(k, v []byte) (any, error) {
				slug := string(k[:bytes.IndexByte(k, 0)])
				t, err := decodeTouch(names[slug], k, v)
				return touchpointJSON(t), err
			}},
			{"meetings", bucketMeetings, func(_, v []byte) (any, error) { return json.RawMessage(v), nil }},
		}
		for _, sec := range sections {
			fmt.Fprintf(w, ",\n%q: [", sec.name)
			first := true
			err := tx.Bucket(sec.bucket).ForEach(func(k, v []byte) error {
				rec, err := sec.line(k, v)
				if err != nil {
					return fmt.Errorf("%s %q: %w", sec.name, k, err)
				}
				b, err := json.Marshal(rec)
				if err != nil {
					return err
				}
				if !first {
					w.WriteByte(',')
				}
				first = false
				w.WriteString("\n")
				_, err = w.Write(b)
				return err
			})
			if err != nil {
				return err
			}
			if !first {
				w.WriteString("\n")
			}
			w.WriteByte(']')
		}
		_, err = w.WriteString("}\n")
		return err
	})
	if err != nil {
		return err
	}
	return w.Flush()
}

// Restore reads an export into the database at path, which must not exist
// or be empty. It reads the whole file before the new database is moved into
// place, so a bad file leaves nothing behind.
func Restore(path string, cfg *cadence.Config, in io.Reader, name string) error {
	dec := json.NewDecoder(bufio.NewReaderSize(in, 1<<16))
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%s: not a cadence export: %s", name, fmt.Sprintf(format, args...))
	}
	return Load(path, cfg, func(l *Loader) error {
		if t, err := dec.Token(); err != nil || t != json.Delim('{') {
			return bad("it does not start with a JSON object")
		}
		var head exportHeader
		for dec.More() {
			t, err := dec.Token()
			if err != nil {
				return bad("%v", err)
			}
			key, _ := t.(string)
			switch key {
			case "format":
				err = dec.Decode(&head.Format)
			case "version":
				err = dec.Decode(&head.Version)
			case "config":
				err = dec.Decode(&head.Config)
			case "counters":
				err = dec.Decode(&head.Counters)
			case "partners":
				err = restoreArray(dec, name, key, head, func(j partnerJSON) error { return l.Partner(j.partner()) })
			case "registrations":
				err = restoreArray(dec, name, key, head, func(j registrationJSON) error { return l.Registration(j.registration()) })
			case "touchpoints":
				err = restoreArray(dec, name, key, head, func(j touchpointJSON) error { return l.Touchpoint(cadence.Touchpoint(j)) })
			case "meetings":
				err = restoreArray(dec, name, key, head, func(j meetingJSON) error { return l.Record(j.record()) })
			default:
				return bad("unknown field %q", key)
			}
			if err != nil {
				return err
			}
		}
		if head.Format != ExportFormat {
			return bad("format is %q, want %q", head.Format, ExportFormat)
		}
		if err := l.Counters(head.Counters); err != nil {
			return err
		}
		return l.EmbedConfig(head.Config)
	})
}

// restoreArray decodes one array of records, handing each to add. The
// header must have come first, so a newer export is refused before any of
// its records is read.
func restoreArray[T any](dec *json.Decoder, name, key string, head exportHeader, add func(T) error) error {
	if head.Format != ExportFormat {
		return fmt.Errorf("%s: not a cadence export (no \"format\": %q before %q)", name, ExportFormat, key)
	}
	if head.Version > ExportVersion {
		return fmt.Errorf("%s: export version %d is newer than this cadence reads (%d): upgrade cadence", name, head.Version, ExportVersion)
	}
	if t, err := dec.Token(); err != nil || t != json.Delim('[') {
		return fmt.Errorf("%s: %s is not an array", name, key)
	}
	for i := 1; dec.More(); i++ {
		var v T
		if err := dec.Decode(&v); err != nil {
			return fmt.Errorf("%s: %s #%d: %w", name, key, i, err)
		}
		if err := add(v); err != nil {
			return fmt.Errorf("%s: %s #%d: %w", name, key, i, err)
		}
	}
	_, err := dec.Token() // ]
	return err
}

// Backup writes a consistent copy of the database to path (mode 0600) while
// other processes may be using it: one read transaction, written to a
// temporary file beside path. The copy is then checked as Check does, and
// moved into place only if it passes: a damaged database gives an error
// wrapping ErrDamaged and leaves nothing behind, so a backup is always one
// that can be restored from.
func (s *Store) Backup(path string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".backup-*")
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("backup: %w", err)
	}
	// The file as it is, at its own schema version, even when this Store
	// reads an upgraded copy of it.
	err = s.viewFile(func(tx *bolt.Tx) error {
		_, err := tx.WriteTo(tmp)
		return err
	})
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	r, err := checkCopy(tmp.Name())
	if err != nil {
		return fmt.Errorf("backup: check the copy: %w", err)
	}
	if !r.Healthy() {
		r.Path = s.path
		return fmt.Errorf("backup refused, nothing was written to %s: %w", path, r.Err())
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}
