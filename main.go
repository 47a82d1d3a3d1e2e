// Command apiadvisor recommends the kind of Python API framework a project
// needs, and explains why.
package main

import (
	"os"

	"github.com/apiadvisor/apiadvisor/cmd"
	// For its side effect: without it, Bubble Tea's package init asks the
	// terminal for its background colour on every start, and a terminal
	// that never answers stalls the program for five seconds.
	_ "github.com/apiadvisor/apiadvisor/internal/noquery"
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
