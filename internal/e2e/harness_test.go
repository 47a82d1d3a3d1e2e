// Package e2e drives the real apiadvisor binary in a pseudo-terminal, as a
// person would: it waits for text on the (emulated) screen before every
// key, answers or ignores the terminal queries a real terminal would, and
// fails with the screen and the raw bytes it captured.
package e2e

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

var (
	// binary is the apiadvisor built once for the whole package.
	binary string
	// root is the module's directory; work is where binaries are built.
	root, work string
	// questions are the built-in questions, read from the binary itself
	// (`apiadvisor questions -o json`), in the order the form asks them.
	questions []question
)

type question struct {
	Key          string `json:"key"`
	Prompt       string `json:"prompt"`
	Type         string `json:"type"`
	AllowUnknown bool   `json:"allow_unknown"`
	Min          *int   `json:"min"`
	Max          *int   `json:"max"`
	Choices      []struct {
		Value string `json:"value"`
		Label string `json:"label"`
	} `json:"choices"`
}

// labels returns the options a Select shows, "Don't know" first when the
// question allows it, and the label for each value.
func (q question) labels() (all []string, byValue map[string]string) {
	byValue = map[string]string{}
	if q.AllowUnknown {
		byValue[""] = dontKnow
		all = []string{dontKnow}
	}
	switch q.Type {
	case "bool":
		byValue["true"], byValue["false"] = "Yes", "No"
		all = append(all, "Yes", "No")
	case "choice":
		for _, c := range q.Choices {
			label := cmp.Or(c.Label, c.Value)
			byValue[c.Value] = label
			all = append(all, label)
		}
	}
	return all, byValue
}

// keys returns the question keys in the order the form asks them.
func keys() []string {
	out := make([]string, len(questions))
	for i, qq := range questions {
		out[i] = qq.Key
	}
	return out
}

// sample is a concrete answer to q, as a flag value: the one concrete
// gives when it suits q, else one derived from q's type (its first choice,
// true, the smallest number it accepts), so that a question added to the
// knowledge base needs no test edit.
func sample(q question) string {
	_, byValue := q.labels()
	if v, ok := concrete[q.Key]; ok && v != "" && (q.Type == "int" || byValue[v] != "") {
		return v
	}
	switch q.Type {
	case "bool":
		return "true"
	case "int":
		return strconv.Itoa(*cmp.Or(q.Min, q.Max, new(int)))
	}
	return q.Choices[0].Value
}

// withSamples returns an answer for every question: given's where it has
// one ("" for Don't know), sample's otherwise.
func withSamples(given map[string]string) map[string]string {
	out := map[string]string{}
	for _, qq := range questions {
		v, ok := given[qq.Key]
		if !ok {
			v = sample(qq)
		}
		out[qq.Key] = v
	}
	return out
}

// unknownOr is "" (Don't know) for a question that allows it, else a
// sample answer: the answer of someone who knows as little as allowed.
func unknownOr(q question) string {
	if q.AllowUnknown {
		return ""
	}
	return sample(q)
}

// without returns the questions whose keys are not among skip, in order.
func without(skip ...string) []question {
	var out []question
	for _, qq := range questions {
		if !slices.Contains(skip, qq.Key) {
			out = append(out, qq)
		}
	}
	return out
}

// asAnswerFlags turns answers into --answer key=value flags, which every
// question has, dedicated flag or not.
func asAnswerFlags(answers map[string]string) []string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(answers)) {
		out = append(out, "--answer", k+"="+answers[k])
	}
	return out
}

func questionByKey(key string) question {
	for _, qq := range questions {
		if qq.Key == key {
			return qq
		}
	}
	panic("no question " + key)
}

func TestMain(m *testing.M) {
	os.Exit(testMain(m))
}

func testMain(m *testing.M) int {
	dir, err := os.MkdirTemp("", "apiadvisor-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	gomod, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil || strings.TrimSpace(string(gomod)) == "" || strings.TrimSpace(string(gomod)) == os.DevNull {
		fmt.Fprintf(os.Stderr, "e2e: cannot find the module root (go env GOMOD: %q, %v)\n", gomod, err)
		return 1
	}
	root, work = filepath.Dir(strings.TrimSpace(string(gomod))), dir
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	if binary, err = build(ctx, "apiadvisor"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	list := exec.CommandContext(ctx, binary, "questions", "-o", "json")
	list.Env = baseEnv()
	out, err := list.Output()
	if err == nil {
		err = json.Unmarshal(out, &questions)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "e2e: apiadvisor questions -o json: %v\n%s\n", err, out)
		return 1
	}
	if len(questions) == 0 {
		fmt.Fprintf(os.Stderr, "e2e: apiadvisor questions -o json lists no questions\n%s\n", out)
		return 1
	}
	return m.Run()
}

// build builds apiadvisor as releases are (static, no cgo), so start-up
// is timed on the binary users run, with any build tags given.
func build(ctx context.Context, name string, tags ...string) (string, error) {
	out := filepath.Join(work, name)
	args := []string{"build", "-trimpath", "-o", out}
	if len(tags) > 0 {
		args = append(args, "-tags", strings.Join(tags, ","))
	}
	cmd := exec.CommandContext(ctx, "go", append(args, ".")...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("e2e: build %s: %w", name, err)
	}
	return out, nil
}

var panicking struct {
	once   sync.Once
	binary string
	err    error
}

// panicBinary is apiadvisor built with the apiadvisor_testpanic tag: it
// panics where APIADVISOR_TEST_PANIC says. Built on first use.
func panicBinary(t *testing.T) string {
	t.Helper()
	panicking.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		panicking.binary, panicking.err = build(ctx, "apiadvisor-testpanic", "apiadvisor_testpanic")
	})
	if panicking.err != nil {
		t.Fatal(panicking.err)
	}
	return panicking.binary
}

// Keys as a terminal sends them.
const (
	enter = "\r"
	down  = "\x1b[B"
	up    = "\x1b[A"
	ctrlC = "\x03"
)

const dontKnow = "Don't know"

// baseEnv is a minimal environment: nothing from the test's own (no CI,
// NO_COLOR, COLORFGBG or APIADVISOR_* leaks), then extra, which overrides.
func baseEnv(extra ...string) []string {
	env := map[string]string{"PATH": os.Getenv("PATH"), "HOME": os.Getenv("HOME"), "TERM": "xterm-256color"}
	order := []string{"PATH", "HOME", "TERM"}
	for _, kv := range extra {
		k, v, _ := strings.Cut(kv, "=")
		if _, ok := env[k]; !ok {
			order = append(order, k)
		}
		env[k] = v
	}
	out := make([]string, 0, len(order))
	for _, k := range order {
		out = append(out, k+"="+env[k])
	}
	return out
}

// session is one run of the binary with a PTY as its terminal.
type session struct {
	t      *testing.T
	ptmx   *os.File
	cmd    *exec.Cmd
	stdout bytes.Buffer // when stdout is a pipe; read it after wait
	start  time.Time
	answer bool

	// before is the terminal's mode before the process started.
	before *unix.Termios

	mu      sync.Mutex
	raw     []byte
	screen  *vt
	scanned int             // how far raw has been searched for queries
	queries []time.Duration // when each background query arrived
	changed chan struct{}   // signalled after each read

	exited     chan struct{} // the process has been reaped
	drained    chan struct{} // the PTY has been read to its end
	stdoutDone chan struct{} // with stdoutPTY: stdout read to its end
	waitErr    error
}

type options struct {
	// binary runs instead of the package's apiadvisor.
	binary string
	args   []string
	env    []string
	// cols and rows are the screen's size, 100×30 by default.
	cols, rows uint16
	// winsize, when set, is the size the PTY reports instead, as script(1)
	// and docker exec -t report 0×0 on a screen that has a real size.
	winsize *pty.Winsize
	// answer makes the terminal reply to the background-colour (OSC 11)
	// and cursor-position (CSI 6n) queries; a silent terminal never does.
	answer bool
	// pipeStdout sends stdout to a buffer so the result can be parsed
	// while the form draws on the PTY (stdin and stderr).
	pipeStdout bool
	// stdoutPTY gives stdout a second terminal of its own: it is a TTY
	// (so colour is decided as for a person) but its bytes are not mixed
	// with the form's. They land in session.stdout.
	stdoutPTY bool
}

// openPTY opens a PTY pair, closed when the test ends (closing it sooner
// is fine), and skips the test on a system that has no PTYs.
func openPTY(t *testing.T) (ptmx, tty *os.File) {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal available: %v", err)
	}
	t.Cleanup(func() {
		tty.Close()
		ptmx.Close()
	})
	return ptmx, tty
}

func startSession(t *testing.T, o options) *session {
	t.Helper()
	ptmx, tty := openPTY(t)
	if o.cols == 0 {
		o.cols = 100
	}
	if o.rows == 0 {
		o.rows = 30
	}
	winsize := &pty.Winsize{Cols: o.cols, Rows: o.rows}
	if o.winsize != nil {
		winsize = o.winsize
	}
	if err := pty.Setsize(ptmx, winsize); err != nil {
		t.Fatal(err)
	}
	before, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	s := &session{
		t: t, ptmx: ptmx, answer: o.answer, before: before,
		screen:  newVT(int(o.cols), int(o.rows)),
		changed: make(chan struct{}, 1),
		exited:  make(chan struct{}), drained: make(chan struct{}),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	s.cmd = exec.CommandContext(ctx, cmp.Or(o.binary, binary), o.args...)
	s.cmd.WaitDelay = time.Second
	s.cmd.Env = baseEnv(o.env...)
	s.cmd.Stdin, s.cmd.Stdout, s.cmd.Stderr = tty, tty, tty
	var outMaster, outTTY *os.File
	switch {
	case o.pipeStdout:
		s.cmd.Stdout = &s.stdout
	case o.stdoutPTY:
		outMaster, outTTY = openPTY(t)
		if err := pty.Setsize(outMaster, &pty.Winsize{Cols: o.cols, Rows: o.rows}); err != nil {
			t.Fatal(err)
		}
		// Raw output: the bytes as written, without ONLCR's \r.
		tios, err := unix.IoctlGetTermios(int(outTTY.Fd()), unix.TCGETS)
		if err != nil {
			t.Fatal(err)
		}
		tios.Oflag &^= unix.OPOST
		if err := unix.IoctlSetTermios(int(outTTY.Fd()), unix.TCSETS, tios); err != nil {
			t.Fatal(err)
		}
		s.cmd.Stdout = outTTY
		s.stdoutDone = make(chan struct{})
	}
	// A session of its own with the PTY as controlling terminal, as a
	// shell would start it: Ctrl-C in cooked mode then signals it.
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	s.start = time.Now()
	if err := s.cmd.Start(); err != nil {
		cancel()
		t.Fatal(err)
	}
	// The child holds the terminal now; once it exits, reads from the
	// master end with EIO after the last byte, so output is never lost.
	tty.Close()
	if outTTY != nil {
		outTTY.Close()
		go func() {
			defer close(s.stdoutDone)
			_, _ = s.stdout.ReadFrom(outMaster) // ends with EIO after the last byte
		}()
	}
	go s.read()
	go func() {
		s.waitErr = s.cmd.Wait()
		close(s.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-s.exited:
		default:
			_ = s.cmd.Process.Kill()
			<-s.exited
		}
		cancel()
		select {
		case <-s.drained:
		case <-time.After(2 * time.Second):
		}
		ptmx.Close()
		if outMaster != nil {
			select {
			case <-s.stdoutDone:
			case <-time.After(2 * time.Second):
			}
			outMaster.Close()
		}
	})
	return s
}

const (
	queryBackground = "\x1b]11;?"
	queryCursor     = "\x1b[6n"
	replyBackground = "\x1b]11;rgb:0000/0000/0000\x1b\\"
	replyCursor     = "\x1b[1;1R"
)

// read copies the PTY into the screen and, for an answering terminal,
// replies to the queries as a real terminal would, in the order asked.
func (s *session) read() {
	defer close(s.drained)
	buf := make([]byte, 8192)
	for {
		n, err := s.ptmx.Read(buf)
		if n > 0 {
			s.mu.Lock()
			s.raw = append(s.raw, buf[:n]...)
			s.screen.Write(buf[:n])
			var replies []string
			for {
				rest := s.raw[s.scanned:]
				ib, ic := bytes.Index(rest, []byte(queryBackground)), bytes.Index(rest, []byte(queryCursor))
				if ib < 0 && ic < 0 {
					// Keep a tail that may be the start of a query.
					s.scanned = max(s.scanned, len(s.raw)-len(queryBackground)+1)
					break
				}
				if ib >= 0 && (ic < 0 || ib < ic) {
					s.queries = append(s.queries, time.Since(s.start))
					replies = append(replies, replyBackground)
					s.scanned += ib + len(queryBackground)
				} else {
					replies = append(replies, replyCursor)
					s.scanned += ic + len(queryCursor)
				}
			}
			s.mu.Unlock()
			if s.answer {
				for _, r := range replies {
					_, _ = s.ptmx.WriteString(r)
				}
			}
			select {
			case s.changed <- struct{}{}:
			default:
			}
		}
		if err != nil {
			return
		}
	}
}

var ansiRE = regexp.MustCompile(`\x1b\[[0-9;:?<>=]*[ -/]*[@-~]|\x1b[\]P_^X][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()*+#%][0-9A-Za-z@]|\x1b[=>78DEMc]`)

func stripANSI(s string) string { return ansiRE.ReplaceAllString(s, "") }

// transcript is everything written to the terminal, escape sequences
// removed: text that scrolled away or was overwritten is still in it.
func (s *session) transcript() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return stripANSI(string(s.raw))
}

// lines is the screen as it is now.
func (s *session) lines() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.screen.lines()
}

// unwrap joins screen lines into one string, dropping the form's left
// border and collapsing spaces, so text wrapped at a narrow width is still
// found.
func unwrap(lines []string) string {
	var parts []string
	for _, l := range lines {
		l = strings.TrimLeft(l, " ┃│")
		if l != "" {
			parts = append(parts, l)
		}
	}
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

// onScreen reports whether text is on the screen, also when wrapped (at
// a space or after a hyphen) over several lines of the form.
func onScreen(lines []string, text string) bool {
	if strings.Contains(strings.Join(lines, "\n"), text) {
		return true
	}
	squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }
	return strings.Contains(squeeze(unwrap(lines)), squeeze(text))
}

// report is the failure context: the screen, the transcript's tail and
// the raw bytes' tail.
func (s *session) report() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b strings.Builder
	b.WriteString("--- screen ---\n")
	lines := s.screen.lines()
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	for _, l := range lines {
		b.WriteString("|" + l + "\n")
	}
	txt := stripANSI(string(s.raw))
	b.WriteString("--- transcript tail ---\n" + tail(txt, 2000) + "\n")
	fmt.Fprintf(&b, "--- raw tail ---\n%q\n", tail(string(s.raw), 1500))
	return b.String()
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// waitUntil waits, without sleeping blindly, until cond holds for the
// screen; it fails if the process ends first or time runs out.
func (s *session) waitUntil(what string, timeout time.Duration, cond func(lines []string) bool) time.Duration {
	s.t.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		if cond(s.lines()) {
			return time.Since(s.start)
		}
		select {
		case <-s.changed:
		case <-s.drained:
			if cond(s.lines()) {
				return time.Since(s.start)
			}
			<-s.exited
			s.t.Fatalf("the process ended (%v) before %s\n%s", s.waitErr, what, s.report())
		case <-deadline.C:
			s.t.Fatalf("timed out after %v waiting for %s\n%s", timeout, what, s.report())
		}
	}
}

// waitFor waits until text is on the screen and returns the time since
// the process started.
func (s *session) waitFor(text string) time.Duration {
	s.t.Helper()
	return s.waitUntil(fmt.Sprintf("%q on screen", text), 5*time.Second, func(l []string) bool { return onScreen(l, text) })
}

func (s *session) send(keys ...string) {
	s.t.Helper()
	for _, k := range keys {
		if _, err := s.ptmx.WriteString(k); err != nil {
			s.t.Fatalf("send %q: %v", k, err)
		}
	}
}

var selectorRE = regexp.MustCompile(`^[┃│ ]*> (.*)$`)

// cursor reads a Select in the last complete frame: the options visible,
// top to bottom, and the one the cursor is on; ok is false while the frame
// does not show the prompt and a selected option yet. A label too long
// for a narrow terminal wraps, so its first line is matched as a prefix.
func (s *session) cursor(prompt string, labels []string) (visible []string, current string, ok bool) {
	s.mu.Lock()
	frame := slices.Clone(s.screen.frame)
	s.mu.Unlock()
	if !onScreen(frame, prompt) {
		return nil, "", false
	}
	for _, line := range frame {
		text := strings.TrimLeft(line, " ┃│")
		selected := false
		if m := selectorRE.FindStringSubmatch(line); m != nil {
			text, selected = m[1], true
		}
		text = strings.TrimSpace(text)
		for _, label := range labels {
			if text != "" && (text == label || len(text) >= 8 && strings.HasPrefix(label, text)) {
				visible = append(visible, label)
				if selected {
					current = label
				}
				break
			}
		}
	}
	return visible, current, current != ""
}

// choose answers a Select as a person would: it waits for the question,
// checks the cursor starts on "Don't know" (or the first option, where
// the question has no "Don't know"), presses Down or Up (j or k
// with vim) one key at a time, waiting to see the cursor move to the next
// option each time, and presses Enter on the option labelled target.
func (s *session) choose(qq question, target string, vim bool) {
	s.t.Helper()
	s.moveTo(qq, target, vim)
	s.send(enter)
}

// moveTo is choose without the Enter.
func (s *session) moveTo(qq question, target string, vim bool) {
	s.t.Helper()
	labels, _ := qq.labels()
	var visible []string
	var current string
	s.waitUntil(fmt.Sprintf("the options of %q", qq.Prompt), 5*time.Second, func([]string) bool {
		var ok bool
		visible, current, ok = s.cursor(qq.Prompt, labels)
		return ok
	})
	if current != labels[0] {
		s.t.Fatalf("%s: the cursor starts on %q, want %q\n%s", qq.Key, current, labels[0], s.report())
	}
	// The options in screen order: the choices as defined, with "Don't
	// know" first unless another option shows above it.
	order := labels
	if qq.AllowUnknown && slices.Index(visible, dontKnow) != 0 {
		order = append(slices.Clone(labels[1:]), dontKnow)
	}
	from, to := slices.Index(order, current), slices.Index(order, target)
	if to < 0 {
		s.t.Fatalf("%s: no option %q among %q", qq.Key, target, order)
	}
	step, key := 1, down
	if vim {
		key = "j"
	}
	if to < from {
		step, key = -1, up
		if vim {
			key = "k"
		}
	}
	for i := from; i != to; i += step {
		next := order[i+step]
		s.send(key)
		// One key at a time: keys written together reach Bubble Tea as
		// one message ("jj"), which matches no binding.
		s.waitUntil(fmt.Sprintf("the cursor on %q", next), 5*time.Second, func([]string) bool {
			_, cur, ok := s.cursor(qq.Prompt, labels)
			return ok && cur == next
		})
	}
}

// frames counts the complete frames drawn so far.
func (s *session) frames() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.screen.frames
}

// fill answers a text input: waits for its prompt, types text, Enter.
func (s *session) fill(qq question, text string) {
	s.t.Helper()
	s.waitFor(qq.Prompt)
	s.send(text, enter)
}

// answerAll answers the questions in order with the given values ("" for
// Don't know), choosing options by their labels.
func (s *session) answerAll(qs []question, values map[string]string, vim bool) {
	s.t.Helper()
	for _, qq := range qs {
		v := values[qq.Key]
		if qq.Type == "int" {
			s.fill(qq, v)
			continue
		}
		_, byValue := qq.labels()
		label, ok := byValue[v]
		if !ok {
			s.t.Fatalf("%s: no option for value %q", qq.Key, v)
		}
		s.choose(qq, label, vim)
	}
}

// wait returns the exit status once the process ends and its output has
// been read.
func (s *session) wait() (code int, sig syscall.Signal) {
	s.t.Helper()
	select {
	case <-s.exited:
	case <-time.After(10 * time.Second):
		s.t.Fatalf("the process did not exit\n%s", s.report())
	}
	select {
	case <-s.drained:
	case <-time.After(2 * time.Second):
		s.t.Fatalf("the terminal was not closed after the process exited\n%s", s.report())
	}
	if s.stdoutDone != nil {
		select {
		case <-s.stdoutDone:
		case <-time.After(2 * time.Second):
			s.t.Fatalf("stdout's terminal was not closed after the process exited")
		}
	}
	return exitStatus(s.t, s.waitErr)
}

// exitStatus splits a Wait error into an exit code and a signal.
func exitStatus(t *testing.T, err error) (int, syscall.Signal) {
	t.Helper()
	if err == nil {
		return 0, 0
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("wait: %v", err)
	}
	if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return -1, ws.Signal()
	}
	return ee.ExitCode(), 0
}

// termios reads the terminal's mode through the master: on Linux the
// master's TCGETS reports the slave's settings.
func (s *session) termios() *unix.Termios {
	s.t.Helper()
	tios, err := unix.IoctlGetTermios(int(s.ptmx.Fd()), unix.TCGETS)
	if err != nil {
		s.t.Fatal(err)
	}
	return tios
}

// checkRestored fails unless the terminal is back in the mode it had
// before the process started, with the cursor visible.
func (s *session) checkRestored() {
	s.t.Helper()
	after := s.termios()
	b := s.before
	if b.Iflag != after.Iflag || b.Oflag != after.Oflag || b.Cflag != after.Cflag || b.Lflag != after.Lflag || b.Cc != after.Cc {
		s.t.Errorf("terminal mode not restored:\nbefore %+v\nafter  %+v", *b, *after)
	}
	if after.Lflag&(unix.ICANON|unix.ECHO) != unix.ICANON|unix.ECHO {
		s.t.Errorf("terminal left without ICANON|ECHO (lflag %#x)", after.Lflag)
	}
	s.mu.Lock()
	visible := s.screen.cursorVisible
	s.mu.Unlock()
	if !visible {
		s.t.Errorf("cursor left hidden\n%s", s.report())
	}
}

// result is the part of `advise -o json` the tests read.
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
		t.Fatalf("stdout is not a JSON result: %v\n%q", err, tail(string(out), 2000))
	}
	if r.Recommendation.Category == "" {
		t.Errorf("recommendation.category is empty")
	}
	return r
}

// plain runs the binary with no terminal at all and a hard deadline.
type plainRun struct {
	stdout, stderr bytes.Buffer
	code           int
	sig            syscall.Signal
	took           time.Duration
}

func runPlain(t *testing.T, limit time.Duration, env []string, setup func(*exec.Cmd), args ...string) *plainRun {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = env
	cmd.WaitDelay = 500 * time.Millisecond
	r := &plainRun{}
	cmd.Stdout, cmd.Stderr = &r.stdout, &r.stderr
	if setup != nil {
		setup(cmd)
	}
	start := time.Now()
	err := cmd.Run()
	r.took = time.Since(start)
	if ctx.Err() != nil {
		t.Fatalf("%v did not return within %v; stderr: %q", args, limit, r.stderr.String())
	}
	r.code, r.sig = exitStatus(t, err)
	return r
}
