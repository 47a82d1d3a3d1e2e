//go:build !unix

package cmd

import "testing"

// specialFileCases needs FIFOs and sockets, which this system lacks.
func specialFileCases(*testing.T, string) []hostileCase { return nil }
