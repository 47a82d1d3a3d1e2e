//go:build !unix

package cmd

// stdoutClosed cannot tell a closed stdout here; writes report it if
// the system does.
func stdoutClosed() bool { return false }
