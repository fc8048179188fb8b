//go:build unix

package sweep

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// lock takes an exclusive advisory lock on the journal f, so that two
// processes never make the same sweep (or shard) into one directory at
// once. The lock goes with the file's closing or the process's end.
func lock(f *os.File) error {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return fmt.Errorf("sweep: %s is in use by another sweep process; wait for it or stop it", f.Name())
	}
	if err != nil {
		return fmt.Errorf("sweep: locking %s: %w", f.Name(), err)
	}
	return nil
}
