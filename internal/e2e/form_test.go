package e2e

import (
	"cmp"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
)

// concrete is a set of answers to the built-in questions, as flag values;
// sample derives answers to any question it lacks.
var concrete = map[string]string{
	"concurrency": "high", "workload": "io", "team_size": "4", "orm": "false", "migrations": "false",
	"admin": "false", "api_docs": "true", "validation": "true", "architecture": "services", "async_experience": "some",
}

// byLabel returns the label of a question's option by value.
func byLabel(qq question, value string) string {
	_, byValue := qq.labels()
	return byValue[value]
}

// checkAnswers compares the JSON answers with flag values.
func checkAnswers(t *testing.T, r result, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if v == "" {
			if _, ok := r.Answers[k]; ok {
				t.Errorf("answer %s = %v, want unknown", k, r.Answers[k])
			}
			continue
		}
		if got := fmt.Sprint(r.Answers[k]); got != v {
			t.Errorf("answer %s = %q, want %q", k, got, v)
		}
	}
}

// reproduceLine returns the command printed after "Reproduce this in a
// script:", its continuation lines (ending in " \\") joined into one.
func reproduceLine(t *testing.T, s *session) string {
	t.Helper()
	txt := strings.ReplaceAll(s.transcript(), "\r", "")
	i := strings.LastIndex(txt, "Reproduce this in a script:")
	if i < 0 {
		t.Fatalf("no \"Reproduce this in a script:\"\n%s", s.report())
	}
	var parts []string
	for _, line := range strings.Split(txt[i:], "\n")[1:] {
		line = strings.TrimSpace(line)
		if line == "" && len(parts) == 0 {
			continue
		}
		more := strings.HasSuffix(line, "\\")
		parts = append(parts, strings.TrimSpace(strings.TrimSuffix(line, "\\")))
		if !more {
			return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
		}
	}
	t.Fatalf("nothing after \"Reproduce this in a script:\"\n%s", s.report())
	return ""
}

// TestWalkThrough answers every question with a concrete option, moving
// the cursor to it, checks the JSON result, then runs the command the form
// prints — without a terminal — and expects byte-identical JSON.
func TestWalkThrough(t *testing.T) {
	answers := withSamples(nil)
	// The first number question gets an out-of-range answer first.
	at := slices.IndexFunc(questions, func(q question) bool { return q.Type == "int" && q.Min != nil })
	if at < 0 {
		t.Skip("no question takes a bounded number")
	}
	number := questions[at]
	s := startSession(t, options{args: []string{"advise", "-o", "json"}, answer: true, pipeStdout: true})
	s.answerAll(questions[:at], answers, false)
	// An out-of-range number is refused on the spot, and corrected.
	s.waitFor(number.Prompt)
	s.send(strconv.Itoa(*number.Min-1), enter)
	s.waitUntil("a validation error", 5*time.Second, func(lines []string) bool {
		return slices.ContainsFunc(lines, func(l string) bool { return strings.HasPrefix(strings.TrimSpace(l), "* ") })
	})
	if !onScreen(s.lines(), number.Prompt) {
		t.Fatalf("the form moved on after an invalid %s\n%s", number.Key, s.report())
	}
	s.send(strings.Repeat("\x7f", len(strconv.Itoa(*number.Min-1)))) // backspace
	s.send(answers[number.Key], enter)
	s.answerAll(questions[at+1:], answers, false)
	s.waitFor("Reproduce this in a script:")
	if code, sig := s.wait(); code != 0 {
		t.Fatalf("exit %d (signal %v)\n%s", code, sig, s.report())
	}
	s.checkRestored()
	r := decode(t, s.stdout.Bytes())
	checkAnswers(t, r, answers)
	if len(r.Unknown) != 0 {
		t.Errorf("unknown = %v, want none", r.Unknown)
	}
	t.Logf("recommendation: %s (confidence %.2f)", r.Recommendation.Category, r.Recommendation.Confidence)

	line := reproduceLine(t, s)
	if !strings.HasPrefix(line, "apiadvisor advise ") || !strings.HasSuffix(line, " --no-input -o json") {
		t.Errorf("reproduce line %q: want apiadvisor advise … --no-input -o json", line)
	}
	for k, v := range answers {
		// A dedicated flag where the question has one, --answer otherwise.
		flag := fmt.Sprintf("--%s=%s", strings.ReplaceAll(k, "_", "-"), v)
		if !slices.Contains(strings.Fields(line), flag) && !strings.Contains(line, "--answer "+k+"="+v) {
			t.Errorf("reproduce line %q lacks %s", line, flag)
		}
	}
	again := runPlain(t, 5*time.Second, baseEnv(), nil, strings.Fields(line)[1:]...)
	if again.code != 0 {
		t.Fatalf("%s: exit %d\n%s", line, again.code, again.stderr.String())
	}
	// The same advice, except that every answer now comes from a flag.
	if a, b := withoutSources(t, again.stdout.Bytes()), withoutSources(t, s.stdout.Bytes()); a != b {
		t.Errorf("%s gives different JSON:\n%s\nthe form gave:\n%s", line, again.stdout.Bytes(), s.stdout.Bytes())
	}
	var form struct {
		Sources map[string]string `json:"answers_source"`
	}
	if err := json.Unmarshal(s.stdout.Bytes(), &form); err != nil || form.Sources["workload"] != "form" {
		t.Errorf("answers_source after the form = %v (%v), want workload from the form", form.Sources, err)
	}
}

// withoutSources is a result's JSON without answers_source, which says
// where each answer came from: the form or, when reproduced, flags.
func withoutSources(t *testing.T, data []byte) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, data)
	}
	delete(m, "answers_source")
	out, _ := json.Marshal(m)
	return string(out)
}

// keystrokes are the keys that answer qq with value from a fresh
// question: Down (j with vim) from the first option to the value's, then
// Enter; for a number, its digits then Enter.
func keystrokes(qq question, value string, vim bool) string {
	if qq.Type == "int" {
		return value + enter
	}
	labels, byValue := qq.labels()
	key := down
	if vim {
		key = "j"
	}
	return strings.Repeat(key, slices.Index(labels, byValue[value])) + enter
}

// typeAhead answers: the last option of every Select, "Don't know" on one
// question that allows it, a number for number questions.
func typeAhead() map[string]string {
	values := map[string]string{}
	dontKnowGiven := false
	for _, qq := range questions {
		switch {
		case qq.Type == "int":
			values[qq.Key] = sample(qq)
		case qq.AllowUnknown && !dontKnowGiven && qq.Type == "bool":
			values[qq.Key], dontKnowGiven = "", true
		case qq.Type == "bool":
			values[qq.Key] = "false"
		default:
			values[qq.Key] = qq.Choices[len(qq.Choices)-1].Value
		}
	}
	return values
}

// TestOneWrite answers the whole form in a single write, as a paste or a
// typist faster than the screen would: every key must reach the question
// it was meant for. Keys written together reach Bubble Tea in one read;
// vim keys together even arrive as one message ("jj").
func TestOneWrite(t *testing.T) {
	for _, vim := range []bool{false, true} {
		t.Run(map[bool]string{false: "arrows", true: "vim"}[vim], func(t *testing.T) {
			values := typeAhead()
			var keys strings.Builder
			for _, qq := range questions {
				keys.WriteString(keystrokes(qq, values[qq.Key], vim))
			}
			s := startSession(t, options{answer: true, pipeStdout: true, args: []string{"advise", "-o", "json"}})
			// Raw mode is on once the form draws; keys sent before would be
			// cooked by the terminal (Enter turned into a line feed).
			s.waitFor(questions[0].Prompt)
			s.send(keys.String())
			if code, sig := s.wait(); code != 0 {
				t.Fatalf("exit %d (signal %v) after %q\n%s", code, sig, keys.String(), s.report())
			}
			s.checkRestored()
			r := decode(t, s.stdout.Bytes())
			checkAnswers(t, r, values)
			if want := len(questions) - countEmpty(values); len(r.Answers) != want {
				t.Errorf("%d answers %v, want %d", len(r.Answers), r.Answers, want)
			}
		})
	}
}

// TestPasteIntoInput: a number pasted into the text input (plainly or as a
// bracketed paste), Enter and the next question's keys, all in one write.
func TestPasteIntoInput(t *testing.T) {
	at := slices.IndexFunc(questions, func(q question) bool { return q.Type == "int" })
	if at < 0 || at == len(questions)-1 {
		t.Skip("no number question followed by another")
	}
	number, next := questions[at], questions[at+1]
	for _, tc := range []struct{ name, start, end string }{
		{"typed", "", ""},
		{"bracketed paste", "\x1b[200~", "\x1b[201~"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			values := typeAhead()
			// The next question's answer takes a move: its last option.
			labels, _ := next.labels()
			values[next.Key] = lastValue(next, labels)
			s := startSession(t, options{answer: true, pipeStdout: true, args: []string{"advise", "-o", "json"}})
			s.answerAll(questions[:at], values, false)
			s.waitFor(number.Prompt)
			s.send(tc.start + values[number.Key] + tc.end + enter + keystrokes(next, values[next.Key], false))
			s.answerAll(questions[at+2:], values, false)
			if code, sig := s.wait(); code != 0 {
				t.Fatalf("exit %d (signal %v)\n%s", code, sig, s.report())
			}
			checkAnswers(t, decode(t, s.stdout.Bytes()), values)
		})
	}
}

// lastValue is the value of the last option among labels.
func lastValue(qq question, labels []string) string {
	_, byValue := qq.labels()
	for v, l := range byValue {
		if l == labels[len(labels)-1] {
			return v
		}
	}
	return ""
}

func countEmpty(m map[string]string) int {
	n := 0
	for _, v := range m {
		if v == "" {
			n++
		}
	}
	return n
}

// TestFlagsSkipQuestions: questions answered by flags are not asked.
func TestFlagsSkipQuestions(t *testing.T) {
	s := startSession(t, options{answer: true, pipeStdout: true, args: []string{"advise",
		"--concurrency", "high", "--workload", "io", "--team-size", "4", "--orm=false", "--migrations=false",
		"--admin=false", "--api-docs", "--validation", "--architecture", "services", "-o", "json"}})
	flagged := []string{"concurrency", "workload", "team_size", "orm", "migrations", "admin", "api_docs", "validation", "architecture"}
	want := withSamples(map[string]string{"async_experience": "strong"})
	s.answerAll(without(flagged...), want, false)
	if code, sig := s.wait(); code != 0 {
		t.Fatalf("exit %d (signal %v)\n%s", code, sig, s.report())
	}
	txt := s.transcript()
	for _, k := range flagged {
		if strings.Contains(txt, questionByKey(k).Prompt) {
			t.Errorf("%s was asked although its flag was given", k)
		}
	}
	r := decode(t, s.stdout.Bytes())
	checkAnswers(t, r, want)
	if len(r.Unknown) != 0 {
		t.Errorf("unknown = %v, want none", r.Unknown)
	}
}

// TestDontKnow: "Don't know" everywhere (Enter on the initial option,
// an empty number) leaves every question unknown — every one that allows
// it; the others get a sample answer.
func TestDontKnow(t *testing.T) {
	values := map[string]string{}
	var unknown []string
	for _, qq := range questions {
		values[qq.Key] = unknownOr(qq)
		if values[qq.Key] == "" {
			unknown = append(unknown, qq.Key)
		}
	}
	s := startSession(t, options{answer: true, pipeStdout: true, args: []string{"advise", "-o", "json"}})
	s.answerAll(questions, values, false)
	if code, sig := s.wait(); code != 0 {
		t.Fatalf("exit %d (signal %v)\n%s", code, sig, s.report())
	}
	r := decode(t, s.stdout.Bytes())
	checkAnswers(t, r, values)
	if len(r.Answers) != len(questions)-len(unknown) {
		t.Errorf("answers = %v, want only those to questions without Don't know", r.Answers)
	}
	got := slices.Sorted(slices.Values(r.Unknown))
	if want := slices.Sorted(slices.Values(unknown)); !slices.Equal(got, want) {
		t.Errorf("unknown = %v, want %v", r.Unknown, want)
	}
	if len(unknown) < len(questions) {
		return // what follows holds when nothing at all is known
	}
	if c := r.Recommendation.Confidence; c >= 0.2 {
		t.Errorf("confidence %v with nothing known, want < 0.2", c)
	}
	if line := reproduceLine(t, s); line != "apiadvisor advise --no-input -o json" {
		t.Errorf("reproduce line %q", line)
	}
}

// TestCtrlC interrupts the form at a Select, at the text input and by
// SIGINT from outside: exit 130, no result, nothing said, and the terminal
// as it was.
func TestCtrlC(t *testing.T) {
	for _, tc := range []struct {
		name string
		// at answers some questions and stops on one.
		at   func(s *session)
		stop func(s *session)
	}{
		{"select", func(s *session) {
			at := slices.IndexFunc(questions, func(q question) bool { return q.Type != "int" })
			if at < 0 {
				t.Skip("no question is a choice")
			}
			s.answerAll(questions[:at], withSamples(nil), false)
			s.waitFor(questions[at].Prompt)
			s.send(down)
		}, func(s *session) { s.send(ctrlC) }},
		{"input", func(s *session) {
			at := slices.IndexFunc(questions, func(q question) bool { return q.Type == "int" })
			if at < 0 {
				t.Skip("no question takes a number")
			}
			s.answerAll(questions[:at], withSamples(nil), false)
			s.waitFor(questions[at].Prompt)
			s.send("17")
			s.waitFor("17")
		}, func(s *session) { s.send(ctrlC) }},
		{"SIGINT", func(s *session) {
			// A key handled means Bubble Tea's signal handler is in place.
			if questions[0].Type == "int" {
				s.fill(questions[0], "")
				return
			}
			labels, _ := questions[0].labels()
			s.moveTo(questions[0], labels[1], false)
		}, func(s *session) { _ = s.cmd.Process.Signal(syscall.SIGINT) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := startSession(t, options{answer: true, pipeStdout: true, args: []string{"advise"}})
			tc.at(s)
			s.mu.Lock()
			mark := len(s.raw)
			s.mu.Unlock()
			tc.stop(s)
			code, sig := s.wait()
			if code != 130 {
				t.Errorf("exit %d (signal %v), want 130\n%s", code, sig, s.report())
			}
			s.checkRestored()
			if s.stdout.Len() > 0 {
				t.Errorf("stdout after Ctrl-C: %q", s.stdout.String())
			}
			s.mu.Lock()
			after := strings.ToLower(stripANSI(string(s.raw[mark:])))
			s.mu.Unlock()
			for _, word := range []string{"error", "interrupt", "abort", "^c", "reproduce", "recommendation"} {
				if strings.Contains(after, word) {
					t.Errorf("after Ctrl-C the terminal shows %q: %q", word, after)
				}
			}
		})
	}
}

// TestAccessibleCtrlC: in accessible mode the terminal stays in cooked
// mode, so Ctrl-C is a SIGINT. The run must end as interrupted (130, or
// killed by SIGINT, which a shell reports as 130) without a result.
func TestAccessibleCtrlC(t *testing.T) {
	s := startSession(t, options{answer: true, pipeStdout: true, args: []string{"advise", "--accessible"}})
	s.waitFor("Enter a number between")
	s.send(ctrlC)
	code, sig := s.wait()
	t.Logf("Ctrl-C in accessible mode: exit %d, signal %v", code, sig)
	if code != 130 && sig != syscall.SIGINT {
		t.Errorf("exit %d (signal %v), want 130 or SIGINT\n%s", code, sig, s.report())
	}
	s.checkRestored()
	if s.stdout.Len() > 0 {
		t.Errorf("stdout after Ctrl-C: %q", s.stdout.String())
	}
}

// TestSIGTERM: a form stopped by SIGTERM (kill, a closing IDE, timeout(1))
// was not completed: the run must not print a result built from the
// untouched "Don't know" defaults, nor exit 0, and must restore the
// terminal.
func TestSIGTERM(t *testing.T) {
	s := startSession(t, options{answer: true, pipeStdout: true, args: []string{"advise", "-o", "json"}})
	s.answerAll(questions[:1], withSamples(nil), false)
	s.waitFor(questions[1].Prompt)
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	code, sig := s.wait()
	if code == 0 && sig == 0 {
		t.Errorf("exit 0 after SIGTERM in the form")
	}
	if s.stdout.Len() > 0 {
		t.Errorf("a result was printed after SIGTERM in the form:\n%s", tail(s.stdout.String(), 400))
	}
	if strings.Contains(s.transcript(), "Reproduce this in a script:") {
		t.Errorf("the reproduce line was printed after SIGTERM in the form")
	}
	s.checkRestored()
}

// TestSIGHUP: a hang-up in the form (the terminal window closed, kill
// -HUP) ends the run as interrupted — exit 130 as for Ctrl-C, no result —
// with the terminal given back, as SIGINT and SIGTERM do.
func TestSIGHUP(t *testing.T) {
	s := startSession(t, options{answer: true, pipeStdout: true, args: []string{"advise", "-o", "json"}})
	s.answerAll(questions[:1], withSamples(nil), false)
	s.waitFor(questions[1].Prompt)
	_ = s.cmd.Process.Signal(syscall.SIGHUP)
	if code, sig := s.wait(); code != 130 {
		t.Errorf("exit %d (signal %v) after SIGHUP, want 130\n%s", code, sig, s.report())
	}
	if s.stdout.Len() > 0 {
		t.Errorf("a result was printed after SIGHUP in the form:\n%s", tail(s.stdout.String(), 400))
	}
	if strings.Contains(s.transcript(), "Reproduce this in a script:") {
		t.Errorf("the reproduce line was printed after SIGHUP in the form")
	}
	s.checkRestored()
}

// TestWidths walks through the form in a narrow and a wide terminal (with
// vim keys there), and in one resized from 100 to 40 columns mid-form.
func TestWidths(t *testing.T) {
	answers := withSamples(map[string]string{
		// "mixed" would hit TestNarrowSelectShowsCursor's bug at 40 columns.
		"concurrency": "medium", "workload": "cpu", "team_size": "25", "orm": "true", "migrations": "true",
		"admin": "true", "api_docs": "false", "validation": "", "architecture": "monolith", "async_experience": "none",
	})
	for _, tc := range []struct {
		name       string
		cols, rows uint16
		vim        bool
		resizeTo   uint16
	}{
		{"40 columns", 40, 40, false, 0},
		{"200 columns", 200, 30, true, 0},
		{"resized 100 to 40", 100, 30, false, 40},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := startSession(t, options{answer: true, pipeStdout: true, cols: tc.cols, rows: tc.rows, args: []string{"advise", "-o", "json"}})
			// Resize before a question whose prompt cannot fit in 40
			// columns, so the redraw is visible.
			half := 2
			for half < len(questions)-1 && len([]rune(questions[half].Prompt)) <= 40 {
				half++
			}
			s.answerAll(questions[:half], answers, tc.vim)
			if tc.resizeTo != 0 {
				s.waitFor(questions[half].Prompt)
				if err := pty.Setsize(s.ptmx, &pty.Winsize{Cols: tc.resizeTo, Rows: tc.rows}); err != nil {
					t.Fatal(err)
				}
				s.mu.Lock()
				s.screen.resize(int(tc.resizeTo), int(tc.rows))
				s.mu.Unlock()
				// The form redraws at the new width: the prompt, too long
				// for one line now, wraps between words (a frame drawn
				// for 100 columns would be cut mid-word by the terminal).
				s.waitUntil("a redraw at the new width", 5*time.Second, func([]string) bool {
					s.mu.Lock()
					defer s.mu.Unlock()
					return onScreen(s.screen.frame, questions[half].Prompt) &&
						!strings.Contains(strings.Join(s.screen.frame, "\n"), questions[half].Prompt)
				})
			}
			s.answerAll(questions[half:], answers, tc.vim)
			if code, sig := s.wait(); code != 0 {
				t.Fatalf("exit %d (signal %v)\n%s", code, sig, s.report())
			}
			s.checkRestored()
			r := decode(t, s.stdout.Bytes())
			checkAnswers(t, r, answers)
			if !slices.Equal(r.Unknown, []string{"validation"}) {
				t.Errorf("unknown = %v, want [validation]", r.Unknown)
			}
		})
	}
}

// TestNarrowSelectShowsCursor: at 40 columns the workload options wrap;
// moving the cursor to the last one must show it there, and Enter must
// record it.
func TestNarrowSelectShowsCursor(t *testing.T) {
	flagged := []string{"team_size", "orm", "migrations", "admin", "api_docs", "validation", "architecture", "async_experience"}
	s := startSession(t, options{answer: true, pipeStdout: true, cols: 40, rows: 40, args: []string{"advise", "-o", "json",
		"--team-size", "4", "--orm=false", "--migrations=false", "--admin=false", "--api-docs",
		"--validation", "--architecture", "services", "--async-experience", "some"}})
	qq := questionByKey("workload")
	labels, byValue := qq.labels()
	lastValue := qq.Choices[len(qq.Choices)-1].Value
	last := byValue[lastValue]
	// The bug shows on the second question, not the first.
	s.choose(questionByKey("concurrency"), dontKnow, false)
	s.moveTo(qq, labels[len(labels)-2], false)
	n := s.frames()
	s.send(down)
	s.waitUntil("a frame after Down", 5*time.Second, func([]string) bool { return s.frames() > n })
	if _, cur, _ := s.cursor(qq.Prompt, labels); cur != last {
		t.Errorf("after Down to the last option the cursor shows on %q, want %q\n%s", cur, last, s.report())
	}
	s.send(enter)
	// Questions the knowledge base may have beyond those the flags answer.
	s.answerAll(without(append(flagged, "concurrency", "workload")...), withSamples(nil), false)
	if code, sig := s.wait(); code != 0 {
		t.Fatalf("exit %d (signal %v)\n%s", code, sig, s.report())
	}
	if got := decode(t, s.stdout.Bytes()).Answers["workload"]; got != lastValue {
		t.Errorf("workload = %v, want %s", got, lastValue)
	}
}

// TestNoColor: with NO_COLOR, CLICOLOR=0 or TERM=dumb the result printed
// on a terminal carries no escape codes, and the form none of its colours;
// without them it does (the control). Stdout is a PTY of its own, so it is
// a terminal but its bytes are not mixed with the form's.
func TestNoColor(t *testing.T) {
	flags := []string{"advise", "--concurrency", "high", "--workload", "io", "--team-size", "4", "--orm=false",
		"--migrations=false", "--admin=false", "--api-docs", "--validation", "--architecture", "services"}
	sgr := regexp.MustCompile(`\x1b\[[0-9;:]*m`)
	for _, tc := range []struct {
		env    string
		colour bool
	}{
		{"", true},
		{"NO_COLOR=1", false},
		{"CLICOLOR=0", false},
		{"TERM=dumb", false},
	} {
		t.Run(cmp.Or(tc.env, "colour"), func(t *testing.T) {
			var env []string
			if tc.env != "" {
				env = append(env, tc.env)
			}
			s := startSession(t, options{answer: true, stdoutPTY: true, args: flags, env: env})
			s.answerAll(without("concurrency", "workload", "team_size", "orm", "migrations", "admin", "api_docs", "validation", "architecture"),
				withSamples(nil), false)
			if code, sig := s.wait(); code != 0 {
				t.Fatalf("exit %d (signal %v)\n%s", code, sig, s.report())
			}
			out := s.stdout.String()
			if !strings.Contains(out, "Recommendation") {
				t.Fatalf("no result on stdout: %q", tail(out, 500))
			}
			if got := strings.Contains(out, "\x1b"); got != tc.colour {
				t.Errorf("escape codes in the result: %v, want %v\n%q", got, tc.colour, tail(out, 600))
			}
			s.mu.Lock()
			form := string(s.raw)
			s.mu.Unlock()
			if got := sgr.MatchString(form); got != tc.colour {
				t.Errorf("styled form: %v, want %v (first: %q)", got, tc.colour, sgr.FindString(form))
			}
		})
	}
}

// answerLines answers the line-by-line prompts of accessible mode in
// order, "" taking the default ("Don't know").
func (s *session) answerLines(qs []question, values map[string]string) {
	s.t.Helper()
	for _, qq := range qs {
		v := values[qq.Key]
		switch {
		case qq.Type == "int":
			s.waitFor(qq.Prompt)
			s.send(v, enter)
		case v == "":
			// Enter takes the default, "Don't know".
			s.waitFor(qq.Prompt)
			s.waitUntil("the number prompt", 5*time.Second, func(lines []string) bool {
				return strings.HasPrefix(lastLine(lines), "Enter a number between")
			})
			s.send(enter)
		default:
			_, byValue := qq.labels()
			accessibleChoose(s, qq.Prompt, byValue[v])
		}
	}
}

// accessibleChoose answers a numbered accessible Select with the number
// printed beside label.
func accessibleChoose(s *session, prompt, label string) {
	s.t.Helper()
	var number string
	s.waitUntil(fmt.Sprintf("the numbered options of %q", prompt), 5*time.Second, func(lines []string) bool {
		at := -1
		for i, l := range lines {
			if strings.Contains(l, prompt) {
				at = i
			}
		}
		if at < 0 {
			return false
		}
		number = ""
		for _, l := range lines[at+1:] {
			if n, text, ok := strings.Cut(l, ". "); ok && strings.TrimSpace(text) == label {
				if _, err := strconv.Atoi(n); err == nil {
					number = n
				}
			}
			if strings.HasPrefix(l, "Enter a number between") {
				return number != ""
			}
		}
		return false
	})
	s.send(number, enter)
}

// TestAccessible answers line by line, as a screen-reader user would, with
// --accessible and with ACCESSIBLE=1.
func TestAccessible(t *testing.T) {
	answers := map[string]string{"concurrency": "high", "workload": "cpu", "team_size": "12", "orm": "true", "architecture": "monolith"}
	for _, tc := range []struct {
		name string
		args []string
		env  []string
	}{
		{"flag", []string{"advise", "-o", "json", "--accessible"}, nil},
		{"env", []string{"advise", "-o", "json"}, []string{"ACCESSIBLE=1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := map[string]string{}
			for _, qq := range questions {
				v, ok := answers[qq.Key]
				if !ok {
					v = unknownOr(qq)
				}
				want[qq.Key] = v
			}
			s := startSession(t, options{answer: true, pipeStdout: true, args: tc.args, env: tc.env})
			s.answerLines(questions, want)
			if code, sig := s.wait(); code != 0 {
				t.Fatalf("exit %d (signal %v)\n%s", code, sig, s.report())
			}
			s.checkRestored()
			r := decode(t, s.stdout.Bytes())
			checkAnswers(t, r, want)
			if strings.Contains(string(s.raw), "\x1b[?25l") {
				t.Errorf("accessible mode hid the cursor: it ran the full-screen form")
			}
		})
	}
}

func lastLine(lines []string) string {
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.TrimSpace(lines[i]) != "" {
			return lines[i]
		}
	}
	return ""
}

// hyphenBreakRE matches a line that ends inside a hyphenated word
// ("batteries-" with "included" on the next line).
var hyphenBreakRE = regexp.MustCompile(`\pL-$`)

// TestNoBreakAtHyphen: the form wraps its prompts and help between words,
// never after the hyphen of a compound word or a rule id.
func TestNoBreakAtHyphen(t *testing.T) {
	for _, cols := range []uint16{40, 60} {
		t.Run(fmt.Sprintf("%d columns", cols), func(t *testing.T) {
			answers := withSamples(nil)
			s := startSession(t, options{answer: true, pipeStdout: true, cols: cols, rows: 40, args: []string{"advise", "-o", "json"}})
			for _, qq := range questions {
				s.waitUntil(fmt.Sprintf("a frame showing %q", qq.Prompt), 5*time.Second, func([]string) bool {
					s.mu.Lock()
					defer s.mu.Unlock()
					return onScreen(s.screen.frame, qq.Prompt)
				})
				s.mu.Lock()
				frame := slices.Clone(s.screen.frame)
				s.mu.Unlock()
				for _, line := range frame {
					if hyphenBreakRE.MatchString(strings.TrimRight(line, " ")) {
						t.Errorf("%s: a line ends inside a hyphenated word: %q\n%s", qq.Key, line, strings.Join(frame, "\n"))
						break
					}
				}
				s.answerAll([]question{qq}, answers, false)
			}
			if code, sig := s.wait(); code != 0 {
				t.Fatalf("exit %d (signal %v)\n%s", code, sig, s.report())
			}
			checkAnswers(t, decode(t, s.stdout.Bytes()), answers)
		})
	}
}

const tooSmall = "too small for the form"

// TestTinyTerminal: on a terminal too small for the form — down to the
// 0×0 that script(1) and docker exec -t report before a size is set — the
// questions are asked line by line, and every answer counts. At 20 columns
// and enough rows the form itself runs.
func TestTinyTerminal(t *testing.T) {
	for _, tc := range []struct {
		cols, rows uint16
		form       bool
	}{
		{0, 0, false}, {1, 1, false}, {4, 24, false}, {4, 0, false}, {5, 24, false}, {5, 1, false},
		{19, 200, false}, {80, 0, false}, {80, 1, false}, {80, 5, false},
		{20, 200, true},
	} {
		t.Run(fmt.Sprintf("%dx%d", tc.cols, tc.rows), func(t *testing.T) {
			values := typeAhead()
			o := options{answer: true, pipeStdout: true, args: []string{"advise", "-o", "json"}}
			if tc.form {
				o.cols, o.rows = tc.cols, tc.rows
			} else {
				// The screen has a size of its own; only the PTY reports
				// a small one.
				o.cols, o.rows, o.winsize = 100, 40, &pty.Winsize{Cols: tc.cols, Rows: tc.rows}
			}
			s := startSession(t, o)
			if tc.form {
				s.answerAll(questions, values, false)
			} else {
				s.waitFor(tooSmall)
				s.answerLines(questions, values)
			}
			if code, sig := s.wait(); code != 0 {
				t.Fatalf("exit %d (signal %v)\n%s", code, sig, s.report())
			}
			s.checkRestored()
			checkAnswers(t, decode(t, s.stdout.Bytes()), values)
			txt := s.transcript()
			if strings.Contains(txt, tooSmall) != !tc.form {
				t.Errorf("line by line: %v, want %v", !tc.form, strings.Contains(txt, tooSmall))
			}
			if strings.Contains(strings.ToLower(txt), "panic") {
				t.Errorf("the terminal shows a panic\n%s", s.report())
			}
		})
	}
}

// TestShrinkMidForm: a terminal resized mid-form to 0×0 (its size
// forgotten) or to 4×4 gets a clipped form, not a panic, and the form
// goes on at the next size.
func TestShrinkMidForm(t *testing.T) {
	values := typeAhead()
	s := startSession(t, options{answer: true, pipeStdout: true, args: []string{"advise", "-o", "json"}})
	// resize waits for the redraw: any new output, for at a width of 0 or
	// 4 Bubble Tea's frames do not end the way the screen recognises.
	resize := func(cols, rows uint16) {
		t.Helper()
		s.mu.Lock()
		n := len(s.raw)
		s.mu.Unlock()
		if err := pty.Setsize(s.ptmx, &pty.Winsize{Cols: cols, Rows: rows}); err != nil {
			t.Fatal(err)
		}
		s.waitUntil(fmt.Sprintf("a redraw at %d×%d", cols, rows), 5*time.Second, func([]string) bool {
			s.mu.Lock()
			defer s.mu.Unlock()
			return len(s.raw) > n
		})
	}
	s.answerAll(questions[:1], values, false)
	s.waitFor(questions[1].Prompt)
	resize(0, 0)
	// Answered unseen: the screen's frames cannot be told apart now.
	s.send(keystrokes(questions[1], values[questions[1].Key], false))
	resize(4, 4)
	resize(100, 30)
	s.answerAll(questions[2:], values, false)
	if code, sig := s.wait(); code != 0 {
		t.Fatalf("exit %d (signal %v)\n%s", code, sig, s.report())
	}
	s.checkRestored()
	checkAnswers(t, decode(t, s.stdout.Bytes()), values)
}

// TestAccessibleEOF: the end of input (Ctrl-D) in the line-by-line form
// leaves the questions unanswered; it must not pass for "Don't know" to
// all of them.
func TestAccessibleEOF(t *testing.T) {
	s := startSession(t, options{answer: true, pipeStdout: true, args: []string{"advise", "-o", "json", "--accessible"}})
	s.waitFor(questions[0].Prompt)
	s.send("\x04")
	if code, sig := s.wait(); code != 130 {
		t.Errorf("exit %d (signal %v), want 130\n%s", code, sig, s.report())
	}
	s.checkRestored()
	if s.stdout.Len() > 0 {
		t.Errorf("a result after the input ended: %q", tail(s.stdout.String(), 300))
	}
}
