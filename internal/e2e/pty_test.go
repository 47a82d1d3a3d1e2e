// Package e2e drives the real apiadvisor binary in a pseudo-terminal, as a
// person would: it waits for text on the screen before every key, and
// fails with the captured screen.
package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "apiadvisor-e2e")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "apiadvisor")
	build := exec.Command("go", "build", "-o", binary, "github.com/apiadvisor/apiadvisor")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		panic("build apiadvisor: " + err.Error())
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// Keys as a terminal sends them.
const (
	enter = "\r"
	down  = "\x1b[B"
	ctrlC = "\x03"
)

// session is one run of the binary on a PTY.
type session struct {
	t      *testing.T
	ptmx   *os.File
	tty    *os.File
	cmd    *exec.Cmd
	stdout bytes.Buffer // when stdout is a pipe
	start  time.Time

	mu     sync.Mutex
	screen bytes.Buffer
	// mark is where the screen stood when keys were last sent: waitFor
	// looks only at what was drawn since, so text left over from an
	// earlier question cannot satisfy it.
	mark int
	done chan struct{}
	err  error
}

type options struct {
	args       []string
	env        []string
	cols, rows uint16
	// answer makes the terminal reply to the background-colour and
	// cursor-position queries; a silent terminal never does.
	answer bool
	// pipeStdout sends stdout to a buffer so the result can be parsed
	// while the form draws on the PTY.
	pipeStdout bool
}

func baseEnv(extra ...string) []string {
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"), "TERM=xterm-256color"}
	return append(env, extra...)
}

func startSession(t *testing.T, o options) *session {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal available: %v", err)
	}
	if o.cols == 0 {
		o.cols, o.rows = 100, 30
	}
	if err := pty.Setsize(ptmx, &pty.Winsize{Cols: o.cols, Rows: o.rows}); err != nil {
		t.Fatal(err)
	}
	s := &session{t: t, ptmx: ptmx, tty: tty, done: make(chan struct{})}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	s.cmd = exec.CommandContext(ctx, binary, o.args...)
	s.cmd.Env = baseEnv(o.env...)
	s.cmd.Stdin, s.cmd.Stderr = tty, tty
	s.cmd.Stdout = tty
	if o.pipeStdout {
		s.cmd.Stdout = &s.stdout
	}
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	s.start = time.Now()
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go s.read(o.answer)
	go func() {
		s.err = s.cmd.Wait()
		close(s.done)
	}()
	t.Cleanup(func() {
		_ = s.cmd.Process.Kill()
		<-s.done
		ptmx.Close()
		tty.Close()
	})
	return s
}

// read copies the PTY into the screen buffer and, for an answering
// terminal, replies to the queries a real terminal answers.
func (s *session) read(answer bool) {
	buf := make([]byte, 4096)
	for {
		n, err := s.ptmx.Read(buf)
		if n > 0 {
			chunk := buf[:n]
			s.mu.Lock()
			s.screen.Write(chunk)
			s.mu.Unlock()
			if answer && bytes.Contains(chunk, []byte("\x1b]11;?")) {
				_, _ = s.ptmx.WriteString("\x1b]11;rgb:1e1e/1e1e/2e2e\x1b\\")
			}
			if answer && bytes.Contains(chunk, []byte("\x1b[6n")) {
				_, _ = s.ptmx.WriteString("\x1b[1;1R")
			}
		}
		if err != nil {
			return
		}
	}
}

var ansi = regexp.MustCompile(`\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]`)

func (s *session) raw() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.screen.String()
}

// text is everything drawn, escape sequences removed.
func (s *session) text() string { return ansi.ReplaceAllString(s.raw(), "") }

// fresh is what was drawn since the last keys were sent.
func (s *session) fresh() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return ansi.ReplaceAllString(s.screen.String()[s.mark:], "")
}

func (s *session) tail() string {
	txt := s.text()
	if len(txt) > 3000 {
		txt = txt[len(txt)-3000:]
	}
	return txt
}

// waitFor polls until text is on screen, failing with the screen.
func (s *session) waitFor(text string) time.Duration {
	s.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(s.fresh(), text) {
			return time.Since(s.start)
		}
		select {
		case <-s.done:
			// Output written just before exit may still be in the PTY:
			// give the reader a moment to drain it.
			drain := time.Now().Add(time.Second)
			for time.Now().Before(drain) {
				if strings.Contains(s.fresh(), text) {
					return time.Since(s.start)
				}
				time.Sleep(time.Millisecond)
			}
			s.t.Fatalf("process exited (%v) before %q appeared; screen:\n%s", s.err, text, s.tail())
		case <-time.After(time.Millisecond):
		}
	}
	s.t.Fatalf("timed out waiting for %q; screen:\n%s", text, s.tail())
	return 0
}

// answer waits for a question's prompt, then sends the keys.
func (s *session) answer(prompt string, keys ...string) {
	s.t.Helper()
	s.waitFor(prompt)
	s.mu.Lock()
	s.mark = s.screen.Len()
	s.mu.Unlock()
	for _, k := range keys {
		if _, err := s.ptmx.WriteString(k); err != nil {
			s.t.Fatal(err)
		}
	}
}

// wait returns the exit code once the process ends.
func (s *session) wait() int {
	s.t.Helper()
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		s.t.Fatalf("process did not exit; screen:\n%s", s.tail())
	}
	var ee *exec.ExitError
	if errors.As(s.err, &ee) {
		return ee.ExitCode()
	}
	if s.err != nil {
		s.t.Fatalf("wait: %v", s.err)
	}
	return 0
}

// The prompts, in the order the form asks them.
var prompts = []string{
	"How many requests",
	"What do requests mostly",
	"How many developers",
	"Do you want an ORM",
	"schema-migrations workflow",
	"ready-made admin panel",
	"interactive API docs",
	"request validation",
	"one application or a set of services",
	"async Python experience",
}

type result struct {
	Answers        map[string]any `json:"answers"`
	Unknown        []string       `json:"unknown"`
	Recommendation struct {
		Category   string  `json:"category"`
		Confidence float64 `json:"confidence"`
	} `json:"recommendation"`
}

func decode(t *testing.T, out []byte) result {
	t.Helper()
	var r result
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("stdout is not a result: %v\n%s", err, out)
	}
	return r
}

// TestWalkThrough answers every question and checks the result, then runs
// the command the form prints and expects byte-identical JSON.
func TestWalkThrough(t *testing.T) {
	s := startSession(t, options{args: []string{"advise", "-o", "json"}, answer: true, pipeStdout: true})
	// Each select starts on "Don't know"; Down moves through the choices.
	s.answer(prompts[0], down, down, down, enter) // high
	s.answer(prompts[1], down, enter)             // io
	s.answer(prompts[2], "4", enter)
	s.answer(prompts[3], down, down, enter) // no
	s.answer(prompts[4], down, down, enter) // no
	s.answer(prompts[5], down, down, enter) // no
	s.answer(prompts[6], down, enter)       // yes
	s.answer(prompts[7], down, enter)       // yes
	s.answer(prompts[8], down, down, enter) // services
	s.answer(prompts[9], down, down, enter) // some
	s.waitFor("--no-input -o json")         // the end of the reproduce line
	if code := s.wait(); code != 0 {
		t.Fatalf("exit %d; screen:\n%s", code, s.tail())
	}
	r := decode(t, s.stdout.Bytes())
	want := map[string]any{"concurrency": "high", "workload": "io", "team_size": float64(4), "orm": false, "migrations": false,
		"admin": false, "api_docs": true, "validation": true, "architecture": "services", "async_experience": "some"}
	for k, v := range want {
		if r.Answers[k] != v {
			t.Errorf("answer %s = %v, want %v", k, r.Answers[k], v)
		}
	}
	if r.Recommendation.Category != "lightweight-async" || len(r.Unknown) != 0 {
		t.Errorf("category %q, unknown %v", r.Recommendation.Category, r.Unknown)
	}

	screen := s.text()
	i := strings.Index(screen, "Reproduce this in a script:")
	if i < 0 {
		t.Fatalf("no reproduce line; screen:\n%s", s.tail())
	}
	line := strings.TrimSpace(strings.SplitN(screen[i:], "\n", 3)[1])
	line = strings.Join(strings.Fields(strings.ReplaceAll(line, "\r", "")), " ")
	if !strings.HasPrefix(line, "apiadvisor advise ") {
		t.Fatalf("reproduce line %q", line)
	}
	again := exec.Command(binary, strings.Fields(line)[1:]...)
	again.Env = baseEnv()
	out, err := again.Output()
	if err != nil {
		t.Fatalf("%s: %v", line, err)
	}
	if !bytes.Equal(out, s.stdout.Bytes()) {
		t.Errorf("the printed command gives different JSON:\n%s\nvs\n%s", out, s.stdout.Bytes())
	}
}

// TestFlagsSkipQuestions: questions answered by flags are not asked.
func TestFlagsSkipQuestions(t *testing.T) {
	s := startSession(t, options{answer: true, pipeStdout: true, args: []string{"advise", "-o", "json",
		"--concurrency", "high", "--workload", "io", "--team-size", "4", "--orm=false", "--migrations=false",
		"--admin=false", "--api-docs", "--validation", "--architecture", "services"}})
	s.answer(prompts[9], enter)
	if code := s.wait(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if strings.Contains(s.text(), prompts[0]) {
		t.Error("the concurrency question was asked although --concurrency was given")
	}
	if r := decode(t, s.stdout.Bytes()); len(r.Unknown) != 1 || r.Unknown[0] != "async_experience" {
		t.Errorf("unknown = %v, want [async_experience]", r.Unknown)
	}
}

// TestDontKnow: every question answered "Don't know" stays unknown.
func TestDontKnow(t *testing.T) {
	s := startSession(t, options{answer: true, pipeStdout: true, args: []string{"advise", "-o", "json"}})
	for _, p := range prompts {
		s.answer(p, enter)
	}
	if code := s.wait(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	r := decode(t, s.stdout.Bytes())
	if len(r.Unknown) != len(prompts) || r.Recommendation.Confidence >= 0.2 {
		t.Errorf("unknown %v, confidence %v", r.Unknown, r.Recommendation.Confidence)
	}
}

// TestCtrlC: interrupting the form exits 130, says nothing, and leaves the
// terminal as it found it.
func TestCtrlC(t *testing.T) {
	s := startSession(t, options{answer: true, args: []string{"advise"}})
	before, err := unix.IoctlGetTermios(int(s.tty.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	s.answer(prompts[0], down)
	s.answer(prompts[0], ctrlC)
	if code := s.wait(); code != 130 {
		t.Fatalf("exit %d, want 130; screen:\n%s", code, s.tail())
	}
	after, err := unix.IoctlGetTermios(int(s.tty.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	if before.Lflag != after.Lflag || before.Iflag != after.Iflag || before.Oflag != after.Oflag {
		t.Errorf("terminal modes changed: lflag %#x → %#x, iflag %#x → %#x", before.Lflag, after.Lflag, before.Iflag, after.Iflag)
	}
	for _, word := range []string{"interrupted", "error", "aborted"} {
		if strings.Contains(strings.ToLower(s.text()), word) {
			t.Errorf("screen mentions %q:\n%s", word, s.tail())
		}
	}
}

// TestWidths: the form works in a narrow and a wide terminal.
func TestWidths(t *testing.T) {
	for _, cols := range []uint16{40, 200} {
		t.Run(fmt.Sprintf("%d columns", cols), func(t *testing.T) {
			s := startSession(t, options{answer: true, pipeStdout: true, cols: cols, rows: 40, args: []string{"advise", "-o", "json"}})
			// Words short enough to survive wrapping at 40 columns.
			for _, word := range []string{"requests", "spend", "developers", "ORM", "migrations", "admin", "docs", "validation", "application", "async"} {
				s.answer(word, enter)
			}
			if code := s.wait(); code != 0 {
				t.Fatalf("exit %d at %d columns; screen:\n%s", code, cols, s.tail())
			}
			if r := decode(t, s.stdout.Bytes()); len(r.Unknown) != len(prompts) {
				t.Errorf("%d columns: unknown %v", cols, r.Unknown)
			}
		})
	}
}

// TestNoColorResult: with NO_COLOR or TERM=dumb the result on a terminal
// carries no escape codes; without them it does (the control).
func TestNoColorResult(t *testing.T) {
	flags := []string{"advise", "--concurrency", "high", "--workload", "io", "--team-size", "4", "--orm=false",
		"--migrations=false", "--admin=false", "--api-docs", "--validation", "--architecture", "services"}
	for _, tc := range []struct {
		env     []string
		escapes bool
	}{
		{nil, true},
		{[]string{"NO_COLOR=1"}, false},
		{[]string{"TERM=dumb"}, false},
	} {
		s := startSession(t, options{answer: true, args: flags, env: tc.env})
		s.answer(prompts[9], enter)
		s.waitFor("knowledge base")
		if code := s.wait(); code != 0 {
			t.Fatalf("%v: exit %d", tc.env, code)
		}
		raw := s.raw()
		i := strings.Index(raw, "Recommendation:")
		if i < 0 {
			t.Fatalf("%v: no result on screen", tc.env)
		}
		j := strings.Index(raw, "Reproduce this")
		if j < i {
			j = len(raw)
		}
		if got := strings.Contains(raw[i:j], "\x1b"); got != tc.escapes {
			t.Errorf("%v: escape codes in the result = %v, want %v", tc.env, got, tc.escapes)
		}
	}
}

// TestAccessible answers line by line, as a screen reader user would.
func TestAccessible(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		env  []string
	}{
		{"flag", []string{"advise", "-o", "json", "--accessible"}, nil},
		{"env", []string{"advise", "-o", "json"}, []string{"ACCESSIBLE=1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := startSession(t, options{answer: true, pipeStdout: true, args: tc.args, env: tc.env})
			s.answer(prompts[0], "4\r") // high
			for _, p := range prompts[1:] {
				want := "\r" // the default: Don't know, or empty for team_size
				if p == prompts[2] {
					want = "12\r"
				}
				s.answer(p, want)
			}
			if code := s.wait(); code != 0 {
				t.Fatalf("exit %d; screen:\n%s", code, s.tail())
			}
			r := decode(t, s.stdout.Bytes())
			if r.Answers["concurrency"] != "high" || r.Answers["team_size"] != float64(12) {
				t.Errorf("answers %v", r.Answers)
			}
		})
	}
}

// TestFirstPrompt times launch to the first question on screen, for a
// terminal that answers the background query and one that stays silent.
func TestFirstPrompt(t *testing.T) {
	for _, answer := range []bool{true, false} {
		s := startSession(t, options{answer: answer, args: []string{"advise"}})
		d := s.waitFor(prompts[0])
		t.Logf("answering terminal %v: first prompt after %v", answer, d.Round(time.Millisecond))
		if d > time.Second {
			t.Errorf("answering terminal %v: first prompt after %v", answer, d)
		}
		_, _ = s.ptmx.WriteString(ctrlC)
		s.wait()
	}
}

// TestNoQueryWhenNotAsking: with a silent terminal on stdout, runs that
// show no form must not wait on a terminal query (Bubble Tea's init would
// wait five seconds if internal/term did not pre-empt it).
func TestNoQueryWhenNotAsking(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"advise", "--no-input", "--concurrency", "high"}, {"--help"}} {
		s := startSession(t, options{args: args})
		if code := s.wait(); code != 0 {
			t.Fatalf("%v: exit %d", args, code)
		}
		if d := time.Since(s.start); d > time.Second {
			t.Errorf("%v took %v on a silent terminal", args, d)
		}
		if strings.Contains(s.raw(), "\x1b]11;?") {
			t.Errorf("%v queried the terminal's background", args)
		}
	}
}

// TestNeverHangs runs advise with no terminal at all in the ways scripts
// get it wrong; each must return within two seconds.
func TestNeverHangs(t *testing.T) {
	run := func(t *testing.T, cmd *exec.Cmd) (int, time.Duration) {
		t.Helper()
		start := time.Now()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				return ee.ExitCode(), time.Since(start)
			}
			return 0, time.Since(start)
		case <-time.After(2 * time.Second):
			_ = cmd.Process.Kill()
			t.Fatalf("%v did not return within 2s", cmd.Args)
		}
		return 0, 0
	}
	t.Run("stdin closed", func(t *testing.T) {
		cmd := exec.Command(binary, "advise", "-o", "json")
		cmd.Env = baseEnv()
		var out bytes.Buffer
		cmd.Stdout = &out
		if code, _ := run(t, cmd); code != 0 {
			t.Fatalf("exit %d", code)
		}
		if r := decode(t, out.Bytes()); len(r.Unknown) != len(prompts) {
			t.Errorf("unknown %v", r.Unknown)
		}
	})
	t.Run("stdin a pipe that never closes", func(t *testing.T) {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		defer r.Close()
		cmd := exec.Command(binary, "advise", "-o", "json")
		cmd.Env = baseEnv()
		cmd.Stdin = r
		if code, _ := run(t, cmd); code != 0 {
			t.Fatalf("exit %d", code)
		}
	})
	t.Run("stdout a closed pipe", func(t *testing.T) {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		r.Close()
		defer w.Close()
		cmd := exec.Command(binary, "advise", "--explain")
		cmd.Env = baseEnv()
		cmd.Stdout = w
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		start := time.Now()
		_ = cmd.Start()
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			// A write to a closed pipe ends the run by SIGPIPE, quietly.
			var ee *exec.ExitError
			if err != nil && !errors.As(err, &ee) {
				t.Fatal(err)
			}
			if strings.Contains(strings.ToLower(stderr.String()), "broken pipe") {
				t.Errorf("stderr: %q", stderr.String())
			}
		case <-time.After(2 * time.Second):
			_ = cmd.Process.Kill()
			t.Fatalf("did not return within 2s (started %v ago)", time.Since(start))
		}
	})
	t.Run("CI=true without a terminal", func(t *testing.T) {
		cmd := exec.Command(binary, "advise")
		cmd.Env = baseEnv("CI=true")
		var out bytes.Buffer
		cmd.Stdout = &out
		if code, _ := run(t, cmd); code != 0 || !strings.Contains(out.String(), "Unknown") {
			t.Fatalf("exit %d, output %q", code, out.String())
		}
	})
}
