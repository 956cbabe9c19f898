package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
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
