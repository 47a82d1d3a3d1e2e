// Command apiadvisor recommends the kind of Python API framework a project
// needs, and explains why.
package main

import (
	"os"

	"github.com/apiadvisor/apiadvisor/cmd"
	// Grows the main goroutine's stack before any dependency's init can;
	// see the package comment.
	_ "github.com/apiadvisor/apiadvisor/internal/stack"
)

// Set by the release build's -X ldflags.
var (
	version = ""
	commit  = ""
	date    = ""
)

func main() {
	os.Exit(cmd.Main(cmd.BuildInfo{Version: version, Commit: commit, Date: date}))
}
