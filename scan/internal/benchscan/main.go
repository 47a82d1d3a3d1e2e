// Command benchscan runs scan.Scan on a directory and prints the result as
// JSON: the driver bench/scan.sh times until the CLI has a scan command.
//
//	go run ./scan/internal/benchscan [-no-git] DIR
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/apiadvisor/apiadvisor/scan"
)

func main() {
	noGit := flag.Bool("no-git", false, "walk the tree instead of asking git")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: benchscan [-no-git] DIR")
		os.Exit(2)
	}
	res, err := scan.Scan(context.Background(), flag.Arg(0), scan.Options{NoGit: *noGit})
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchscan:", err)
		os.Exit(1)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(res); err != nil {
		fmt.Fprintln(os.Stderr, "benchscan:", err)
		os.Exit(1)
	}
}
