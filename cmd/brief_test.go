package cmd

import (
	"strings"
	"testing"
)

// TestBriefTextFitsOneScreen: the default text output of a fully answered
// run leads with the answer and fits in 40 lines of 80 columns, for
// answers that fill each section (a plan, warnings, guidance, reasons on
// both sides); --explain still shows every reason with its source.
func TestBriefTextFitsOneScreen(t *testing.T) {
	for _, args := range []string{
		"--concurrency high --workload io --team-size 30 --orm --migrations --admin --architecture monolith --api-docs --validation --async-experience some --existing-stack none --realtime=false --background-jobs --deployment containers",
		"--concurrency high --workload mixed --team-size 3 --orm=false --migrations --admin --architecture services --api-docs=false --validation --async-experience none --existing-stack django --realtime --background-jobs --deployment serverless",
		"--concurrency low --workload cpu --team-size 50 --orm --migrations --admin --architecture monolith --api-docs --validation=false --async-experience strong --existing-stack flask --realtime=false --background-jobs=false --deployment server",
		"--concurrency medium --workload io --team-size 8 --orm=false --migrations=false --admin=false --architecture services --api-docs --validation --async-experience some --existing-stack fastapi --realtime --background-jobs --deployment containers",
	} {
		code, out, stderr := run(t, nil, append([]string{"advise"}, strings.Fields(args)...)...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", args, code, stderr)
		}
		lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
		if len(lines) > 40 {
			t.Errorf("%s: %d lines, want at most 40:\n%s", args, len(lines), out)
		}
		if !strings.HasPrefix(lines[0], "Recommendation: ") && lines[0] != "Undecided" {
			t.Errorf("%s: the output does not lead with the answer: %q", args, lines[0])
		}
		_, full, _ := run(t, nil, append([]string{"advise", "--explain"}, strings.Fields(args)...)...)
		if !strings.Contains(full, "source, as of 20") || !strings.Contains(full, ": https://") || !strings.Contains(full, "Trace (every rule)") {
			t.Errorf("%s: --explain lacks sources or the trace", args)
		}
	}
}
