//go:build !unix

package term

import "os"

// queryBackground does not query on systems without termios and poll:
// the caller falls back to COLORFGBG, then dark.
func queryBackground(*os.File) (dark, ok bool) { return false, false }
