package store

import (
	"bytes"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"partnercadence/cadence"
)

// migration moves the file from version-1 to version. Each runs in its own
// transaction, which also writes the new schema_version.
type migration struct {
	version uint64
	name    string
	up      func(tx *bolt.Tx) error
}

// migrations, in order. Append, never edit: a file records how far it got.
var migrations = []migration{
	{1, "create buckets", func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		return nil
	}},
	{2, "index registrations by owner and open ones by account; partners by owner carry the partner", func(tx *bolt.Tx) error {
		byOwner, err := tx.CreateBucketIfNotExists(bucketRegByOwner)
		if err != nil {
			return err
		}
		openByAccount, err := tx.CreateBucketIfNotExists(bucketRegOpenByAccount)
		if err != nil {
			return err
		}
		partnersByOwner := tx.Bucket(bucketPartnersByOwner)
		owners := map[string]string{} // partner slug → owner
		err = tx.Bucket(bucketPartners).ForEach(func(k, v []byte) error {
			p, err := decodePartner(v)
			if err != nil {
				return fmt.Errorf("partner %s: %w", k, err)
			}
			owners[string(k)] = p.Owner
			return partnersByOwner.Put(join([]byte(cadence.NameKey(p.Owner)), k), v)
		})
		if err != nil {
			return err
		}
		// The new index is written in key order: bbolt splits nodes only at
		// commit, so inserting a large file's registrations at random
		// places would shift ever longer nodes (minutes instead of a
		// second).
		type entry struct{ key, value []byte }
		var entries []entry
		err = tx.Bucket(bucketRegByPartner).ForEach(func(k, v []byte) error {
			slug := k[:bytes.IndexByte(k, 0)]
			r, err := decodeRegistration(v)
			if err != nil {
				return fmt.Errorf("registration %s: %w", k[len(slug)+6:], err)
			}
			if r.Status.Open() {
				key := join([]byte(cadence.AccountKey(r.Account)), slug, []byte(r.ID))
				if err := openByAccount.Put(key, nil); err != nil {
					return err
				}
			}
			entries = append(entries, entry{ownerRegKey(owners[string(slug)], r), v})
			return nil
		})
		if err != nil {
			return err
		}
		slices.SortFunc(entries, func(a, b entry) int { return bytes.Compare(a.key, b.key) })
		for _, e := range entries {
			if err := byOwner.Put(e.key, e.value); err != nil {
				return err
			}
		}
		return nil
	}},
	{3, "keep every unregistered intro of an account, not only the earliest", func(tx *bolt.Tx) error {
		// The old summary holds one entry, partner slug 0 account key, for
		// each partner and account with an intro no registration answers:
		// exactly those whose intros the new one lists, one by one.
		type pair struct{ slug, acct string }
		var pairs []pair
		err := tx.Bucket(bucketIntros).ForEach(func(k, _ []byte) error {
			i := bytes.IndexByte(k, 0)
			if i < 0 {
				return fmt.Errorf("unregistered intro %q: no account in its key", k)
			}
			// A key already in the new form (slug 0 account key 0 …)
			// names its pair too.
			acct := k[i+1:]
			if j := bytes.IndexByte(acct, 0); j >= 0 {
				acct = acct[:j]
			}
			p := pair{string(k[:i]), string(acct)}
			if len(pairs) == 0 || pairs[len(pairs)-1] != p {
				pairs = append(pairs, p)
			}
			return nil
		})
		if err != nil {
			return err
		}
		if err := tx.DeleteBucket(bucketIntros); err != nil {
			return err
		}
		if _, err := tx.CreateBucket(bucketIntros); err != nil {
			return err
		}
		w := newWriter(tx)
		for _, p := range pairs {
			if err := w.recountIntroKey(p.slug, p.acct); err != nil {
				return err
			}
		}
		return nil
	}},
}

// currentVersion is the schema version this build writes.
var currentVersion = migrations[len(migrations)-1].version

func (s *Store) migrate(from uint64) error {
	db, err := s.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	for _, m := range migrations {
		if m.version <= from {
			continue
		}
		err := db.Update(func(tx *bolt.Tx) error {
			// Another process may have upgraded the file since Open read it.
			if meta := tx.Bucket(bucketMeta); meta != nil && getU64(meta, schemaVersionKey) >= m.version {
				return nil
			}
			if err := m.up(tx); err != nil {
				return err
			}
			meta, err := tx.CreateBucketIfNotExists(bucketMeta)
			if err != nil {
				return err
			}
			return meta.Put(schemaVersionKey, u64(m.version))
		})
		if err != nil {
			return fmt.Errorf("upgrade database %s to version %d (%s): %w", s.path, m.version, m.name, err)
		}
	}
	return nil
}
