package e2e

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"
)

const crashLine = "apiadvisor: internal error: test panic at %s; please report it"

// TestCrash: a panic outside the form ends the run with one line on
// stderr and exit 1 (not Go's 2, which here means a usage error); with
// APIADVISOR_DEBUG=1 the stack follows the line.
func TestCrash(t *testing.T) {
	for _, debug := range []bool{false, true} {
		t.Run(fmt.Sprintf("debug=%v", debug), func(t *testing.T) {
			env := baseEnv("APIADVISOR_TEST_PANIC=advise")
			if debug {
				env = append(env, "APIADVISOR_DEBUG=1")
			}
			bin := panicBinary(t)
			r := runPlain(t, 10*time.Second, env, func(c *exec.Cmd) { c.Path = bin }, "advise", "--no-input", "-o", "json")
			if r.code != 1 || r.sig != 0 {
				t.Errorf("exit %d (signal %v), want 1", r.code, r.sig)
			}
			if r.stdout.Len() > 0 {
				t.Errorf("stdout: %q", tail(r.stdout.String(), 300))
			}
			lines := strings.Split(strings.TrimSuffix(r.stderr.String(), "\n"), "\n")
			if want := fmt.Sprintf(crashLine, "advise"); lines[0] != want {
				t.Errorf("stderr starts %q, want %q", lines[0], want)
			}
			stack := strings.Contains(r.stderr.String(), "goroutine ") && strings.Contains(r.stderr.String(), "testPanic")
			if debug != stack || !debug && len(lines) != 1 {
				t.Errorf("stack printed: %v, want %v\n%s", stack, debug, r.stderr.String())
			}
		})
	}
}

// TestCrashHookNotInRelease: the binary users get has no test panics.
func TestCrashHookNotInRelease(t *testing.T) {
	r := runPlain(t, 5*time.Second, baseEnv("APIADVISOR_TEST_PANIC=advise"), nil, "advise", "--no-input", "-o", "json")
	if r.code != 0 {
		t.Errorf("exit %d: %s", r.code, r.stderr.String())
	}
}

// TestCrashInForm: a panic while the form holds the terminal — building
// the form, in its update, or in a command Bubble Tea runs in a goroutine
// of its own — gives the terminal back (its mode, the cursor) and ends as
// any other panic does.
func TestCrashInForm(t *testing.T) {
	for _, tc := range []struct {
		where string
		debug bool
	}{{"build", false}, {"key", false}, {"command", false}, {"command", true}} {
		t.Run(fmt.Sprintf("%s debug=%v", tc.where, tc.debug), func(t *testing.T) {
			env := []string{"APIADVISOR_TEST_PANIC=" + tc.where}
			if tc.debug {
				env = append(env, "APIADVISOR_DEBUG=1")
			}
			s := startSession(t, options{binary: panicBinary(t), env: env, answer: true, pipeStdout: true, args: []string{"advise", "-o", "json"}})
			if tc.where != "build" { // a panic building the form comes before any question
				s.waitFor(questions[0].Prompt)
				s.send(down)
			}
			code, sig := s.wait()
			if code != 1 || sig != 0 {
				t.Errorf("exit %d (signal %v), want 1\n%s", code, sig, s.report())
			}
			s.checkRestored()
			if s.stdout.Len() > 0 {
				t.Errorf("stdout: %q", tail(s.stdout.String(), 300))
			}
			txt := s.transcript()
			if want := fmt.Sprintf(crashLine, tc.where); !strings.Contains(txt, want) {
				t.Errorf("no %q on the terminal\n%s", want, s.report())
			}
			stack := strings.Contains(txt, "goroutine ") && strings.Contains(txt, "testPanic")
			if stack != tc.debug {
				t.Errorf("stack printed: %v, want %v\n%s", stack, tc.debug, s.report())
			}
			if strings.Contains(txt, "Caught") {
				t.Errorf("Bubble Tea reported the panic itself\n%s", s.report())
			}
		})
	}
}
