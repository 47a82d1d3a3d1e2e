//go:build !unix

package scan

import "os"

// openNonBlocking opens for reading; only Unix has FIFOs that block an open.
func openNonBlocking(name string) (*os.File, error) {
	return os.Open(name)
}
