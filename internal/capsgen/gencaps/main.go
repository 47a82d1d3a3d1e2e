// Command gencaps writes the capsgen shapes into a directory, three files
// a shape (NAME.rules.yaml, NAME.answers.yaml, NAME.scenarios.yaml), for
// bench/caps.sh to run the real binary on.
//
//	go run ./internal/capsgen/gencaps DIR
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/apiadvisor/apiadvisor/internal/capsgen"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gencaps DIR")
		os.Exit(2)
	}
	dir := os.Args[1]
	for _, s := range capsgen.Shapes() {
		for suffix, text := range map[string]string{"rules": s.Rules, "answers": s.Answers, "scenarios": s.Scenarios} {
			name := filepath.Join(dir, s.Name+"."+suffix+".yaml")
			if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
				fmt.Fprintln(os.Stderr, "gencaps:", err)
				os.Exit(1)
			}
		}
		fmt.Println(s.Name)
	}
}
