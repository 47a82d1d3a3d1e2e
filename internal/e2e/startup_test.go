package e2e

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFirstPrompt times launch to the first question on the screen, for a
// terminal that answers queries and for one that stays silent: the form
// asks the terminal nothing, so both see it as soon as Bubble Tea draws.
func TestFirstPrompt(t *testing.T) {
	for _, tc := range []struct {
		name   string
		answer bool
	}{{"answering terminal", true}, {"silent terminal", false}} {
		t.Run(tc.name, func(t *testing.T) {
			var times []time.Duration
			for range benchRuns() {
				s := startSession(t, options{answer: tc.answer, args: []string{"advise"}})
				d := s.waitFor(questions[0].Prompt)
				times = append(times, d)
				s.send(ctrlC)
				if code, sig := s.wait(); code != 130 {
					t.Errorf("exit %d (signal %v) after Ctrl-C, want 130", code, sig)
				}
				s.checkRestored()
				if raw := string(s.raw); strings.Contains(raw, queryBackground) || strings.Contains(raw, queryCursor) {
					t.Errorf("the form queried the terminal: %q", tail(raw, 300))
				}
			}
			slices.Sort(times)
			t.Logf("%s: first prompt after %v (median of %v)", tc.name, times[len(times)/2].Round(100*time.Microsecond), times)
			// A terminal that answers no queries must not make anyone wait.
			if worst := times[len(times)-1]; worst > 500*time.Millisecond {
				t.Errorf("%s: first prompt after %v, want < 500ms", tc.name, worst)
			}
		})
	}
}

// benchRuns is how many times the timing tests start the program: 3 in a
// test run, more when bench/run.sh asks for a steadier median.
func benchRuns() int {
	if n, err := strconv.Atoi(os.Getenv("APIADVISOR_BENCH_RUNS")); err == nil && n > 0 {
		return n
	}
	return 3
}

// TestFirstPromptReference times another program's first question the
// way TestFirstPrompt times apiadvisor's: bench/run.sh points it at a
// plain cobra + huh form (APIADVISOR_BENCH_BINARY, its arguments in
// APIADVISOR_BENCH_ARGS, the question in APIADVISOR_BENCH_PROMPT) to
// compare the two on the same machine. It is a measuring tool for the
// bench, not a check: without those variables there is nothing to time.
func TestFirstPromptReference(t *testing.T) {
	bin, prompt := os.Getenv("APIADVISOR_BENCH_BINARY"), os.Getenv("APIADVISOR_BENCH_PROMPT")
	if bin == "" || prompt == "" {
		t.Skip("bench/run.sh sets APIADVISOR_BENCH_BINARY and APIADVISOR_BENCH_PROMPT")
	}
	var times []time.Duration
	for range benchRuns() {
		s := startSession(t, options{answer: true, binary: bin, args: strings.Fields(os.Getenv("APIADVISOR_BENCH_ARGS"))})
		times = append(times, s.waitFor(prompt))
		s.send(ctrlC)
		s.wait()
	}
	slices.Sort(times)
	t.Logf("reference: first prompt after %v (median of %v)", times[len(times)/2].Round(100*time.Microsecond), times)
}

// TestNoQueryWithoutForm: runs that show no form must not query the
// terminal, even with a silent terminal on stdout. Bubble Tea v1's package
// init would (and wait 5 s) if internal/noquery did not pre-empt it.
func TestNoQueryWithoutForm(t *testing.T) {
	for _, args := range [][]string{
		{"--version"},
		{"version"},
		{"--help"},
		{"advise", "--no-input", "--concurrency", "high"},
	} {
		name := strings.Join(args, " ")
		t.Run("all on the terminal/"+name, func(t *testing.T) {
			s := startSession(t, options{args: args})
			if code, sig := s.wait(); code != 0 {
				t.Fatalf("exit %d (signal %v)\n%s", code, sig, s.report())
			}
			took := time.Since(s.start)
			t.Logf("%s: %v", name, took.Round(time.Millisecond))
			if took > time.Second {
				t.Errorf("%s took %v on a silent terminal, want < 1s", name, took)
			}
			if strings.Contains(string(s.raw), queryBackground) || strings.Contains(string(s.raw), queryCursor) {
				t.Errorf("%s queried the terminal", name)
			}
		})
		t.Run("only stdout on the terminal/"+name, func(t *testing.T) {
			ptmx, tty := openPTY(t)
			defer ptmx.Close()
			var screen bytes.Buffer
			read := make(chan struct{})
			go func() {
				defer close(read)
				_, _ = screen.ReadFrom(ptmx)
			}()
			r := runPlain(t, 3*time.Second, baseEnv(), func(c *exec.Cmd) { c.Stdout = tty }, args...)
			tty.Close()
			<-read
			if r.code != 0 {
				t.Fatalf("exit %d (signal %v): %s", r.code, r.sig, r.stderr.String())
			}
			t.Logf("%s: %v", name, r.took.Round(time.Millisecond))
			if r.took > time.Second {
				t.Errorf("%s took %v with a silent terminal on stdout, want < 1s", name, r.took)
			}
			if strings.Contains(screen.String(), queryBackground) {
				t.Errorf("%s queried the terminal", name)
			}
		})
	}
}

// TestNeverHangs runs advise where no form can be shown, in the ways
// scripts get it wrong; each must return within two seconds without
// prompting.
func TestNeverHangs(t *testing.T) {
	const limit = 2 * time.Second
	allUnknown := func(t *testing.T, r *plainRun) {
		t.Helper()
		if r.code != 0 {
			t.Fatalf("exit %d (signal %v): %s", r.code, r.sig, r.stderr.String())
		}
		res := decode(t, r.stdout.Bytes())
		if !slices.Equal(res.Unknown, keys()) {
			t.Errorf("unknown = %v, want %v", res.Unknown, keys())
		}
	}
	t.Run("stdin closed", func(t *testing.T) {
		allUnknown(t, runPlain(t, limit, baseEnv(), nil, "advise", "-o", "json"))
	})
	t.Run("stdin a pipe that never closes", func(t *testing.T) {
		pr, pw, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		defer pw.Close()
		defer pr.Close()
		allUnknown(t, runPlain(t, limit, baseEnv(), func(c *exec.Cmd) { c.Stdin = pr }, "advise", "-o", "json"))
	})
	t.Run("stdout a closed pipe", func(t *testing.T) {
		pr, pw, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		pr.Close()
		defer pw.Close()
		r := runPlain(t, limit, baseEnv(), func(c *exec.Cmd) { c.Stdout = pw }, "advise", "--explain")
		t.Logf("exit %d, signal %v, after %v", r.code, r.sig, r.took.Round(time.Millisecond))
		// Writing to a pipe nobody reads ends the run by SIGPIPE, or the
		// program notices and exits quietly.
		if !(r.code == 0 && r.sig == 0 || r.sig == syscall.SIGPIPE) {
			t.Errorf("exit %d (signal %v), want 0 or SIGPIPE", r.code, r.sig)
		}
		if s := strings.ToLower(r.stderr.String()); strings.Contains(s, "broken pipe") || strings.Contains(s, "error") {
			t.Errorf("stderr: %q", r.stderr.String())
		}
	})
	t.Run("CI=true without a terminal", func(t *testing.T) {
		r := runPlain(t, limit, baseEnv("CI=true"), nil, "advise")
		if r.code != 0 {
			t.Fatalf("exit %d (signal %v): %s", r.code, r.sig, r.stderr.String())
		}
		out := r.stdout.String()
		i := strings.Index(out, "\nUnknown\n")
		if i < 0 {
			t.Fatalf("no Unknown section:\n%s", out)
		}
		for _, k := range keys() {
			if !strings.Contains(out[i:], k) {
				t.Errorf("Unknown section does not list %s", k)
			}
		}
		if strings.Contains(out, "\x1b") {
			t.Errorf("escape codes in piped output")
		}
	})
	// A terminal on one side only: no form (it needs keys from stdin and
	// a screen on stderr), so no wait for keys that never come.
	t.Run("stdin a terminal, stderr a pipe", func(t *testing.T) {
		ptmx, tty := openPTY(t)
		defer ptmx.Close()
		defer tty.Close()
		allUnknown(t, runPlain(t, limit, baseEnv(), func(c *exec.Cmd) { c.Stdin = tty }, "advise", "-o", "json"))
	})
	t.Run("stderr a terminal, stdin a pipe", func(t *testing.T) {
		ptmx, tty := openPTY(t)
		defer ptmx.Close()
		defer tty.Close()
		go func() { _, _ = io.Copy(io.Discard, ptmx) }()
		pr, pw, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		defer pw.Close()
		defer pr.Close()
		allUnknown(t, runPlain(t, limit, baseEnv(), func(c *exec.Cmd) { c.Stdin, c.Stderr = pr, tty }, "advise", "-o", "json"))
	})
	for _, env := range []string{"APIADVISOR_NO_INPUT=1", ""} {
		name := "APIADVISOR_NO_INPUT=1 on a terminal"
		args := []string{"advise", "-o", "json"}
		if env == "" {
			name, args = "--no-input on a terminal", append(args, "--no-input")
		}
		t.Run(name, func(t *testing.T) {
			var extra []string
			if env != "" {
				extra = append(extra, env)
			}
			s := startSession(t, options{pipeStdout: true, args: args, env: extra})
			if code, sig := s.wait(); code != 0 {
				t.Fatalf("exit %d (signal %v)\n%s", code, sig, s.report())
			}
			if took := time.Since(s.start); took > limit {
				t.Errorf("took %v", took)
			}
			if s.transcript() != "" {
				t.Errorf("the terminal shows %q, want nothing", tail(s.transcript(), 300))
			}
			res := decode(t, s.stdout.Bytes())
			if !slices.Equal(res.Unknown, keys()) {
				t.Errorf("unknown = %v", res.Unknown)
			}
		})
	}
}

// TestPairedStartup times two commands the way bench/run.sh compares
// apiadvisor's start-up with a Go hello-world's: run alternately, so that
// both meet the same machine state, each pair giving a ratio of wall
// times; it logs the medians. The commands are APIADVISOR_BENCH_BASE and
// APIADVISOR_BENCH_CMD (split at spaces), run APIADVISOR_BENCH_RUNS times
// each after ten warm-ups. Peak RSS is measured apart, with GNU time:
// os/exec starts a child with vfork, and Linux then counts the parent's
// memory in the child's peak. Like TestFirstPromptReference it is a
// measuring tool, not a check.
func TestPairedStartup(t *testing.T) {
	base, cmd := strings.Fields(os.Getenv("APIADVISOR_BENCH_BASE")), strings.Fields(os.Getenv("APIADVISOR_BENCH_CMD"))
	if len(base) == 0 || len(cmd) == 0 {
		t.Skip("bench/run.sh sets APIADVISOR_BENCH_BASE and APIADVISOR_BENCH_CMD")
	}
	run := func(argv []string) float64 {
		c := exec.Command(argv[0], argv[1:]...)
		start := time.Now()
		if err := c.Run(); err != nil {
			t.Fatalf("%s: %v", strings.Join(argv, " "), err)
		}
		return time.Since(start).Seconds() * 1000
	}
	for range 10 {
		run(base)
		run(cmd)
	}
	var baseMS, cmdMS, ratio []float64
	for range benchRuns() {
		b, c := run(base), run(cmd)
		baseMS, cmdMS, ratio = append(baseMS, b), append(cmdMS, c), append(ratio, c/b)
	}
	median := func(s []float64) float64 { slices.Sort(s); return s[len(s)/2] }
	t.Logf("paired: %d pairs: %.2f ms / %.2f ms, median ratio %.2f", len(ratio), median(baseMS), median(cmdMS), median(ratio))
}
