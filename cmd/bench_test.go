package cmd

import (
	"context"
	"io"
	"strings"
	"testing"
)

// BenchmarkAdviseRun is a whole non-interactive `advise -o json` run
// in-process: flag parsing, knowledge base, evaluation with counterfactuals
// and JSON output. Start-up of the real binary is measured by bench/run.sh.
func BenchmarkAdviseRun(b *testing.B) {
	args := strings.Fields("advise --concurrency high --workload io --team-size 4 --orm=false --migrations --admin=false --api-docs --validation --architecture services --async-experience some -o json")
	for b.Loop() {
		ios := &IOStreams{In: strings.NewReader(""), Out: io.Discard, ErrOut: io.Discard, env: func(string) string { return "" }}
		if code := (&App{IO: ios}).Run(context.Background(), args); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}
