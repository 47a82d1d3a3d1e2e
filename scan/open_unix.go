//go:build unix

package scan

import (
	"os"
	"syscall"
)

// openNonBlocking opens for reading without blocking: opening a FIFO
// for reading otherwise waits for a writer that may never come.
func openNonBlocking(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
