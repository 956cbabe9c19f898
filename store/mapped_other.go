//go:build !linux

package store

import bolt "go.etcd.io/bbolt"

// dropMapped does nothing where cadence has not measured what mapped pages
// cost (see mapped_linux.go).
func dropMapped(*bolt.Tx) {}
