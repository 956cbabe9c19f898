package store

import (
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// dropMapped tells the kernel that this process is done, for now, with the
// pages of tx's file it has mapped: they leave its resident set but stay in
// the page cache, and a later read maps them again (the file is mapped
// shared and read-only, so nothing is lost). A read that seeks all over a
// large bucket — a 1:1's hundred partners' touchpoints, every partner's
// activity for a readout's quarter — maps a page, and the kernel maps its
// neighbours with it, at every seek: on the large demo a 1:1's touchpoints
// alone held 12 MiB until the transaction ended. Called between such a read
// and the next, it keeps the app's resident set within its budget (DESIGN
// §10: ≤ 40 MiB while browsing).
func dropMapped(tx *bolt.Tx) {
	info := tx.DB().Info()
	if info == nil || info.Data == 0 || tx.Size() <= 0 {
		return
	}
	// The mapping starts at info.Data and is at least tx.Size() long.
	syscall.Syscall(syscall.SYS_MADVISE, info.Data, uintptr(tx.Size()), syscall.MADV_DONTNEED)
}
