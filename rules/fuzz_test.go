package rules

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// FuzzLoad feeds arbitrary bytes to the knowledge-base loader: it must
// return a knowledge base or an error, never panic or hang, and whatever
// it accepts must evaluate without panicking.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(minimal))
	f.Add(defaultYAML)
	f.Add([]byte("version: x\nextends: default\n"))
	f.Add([]byte("a: &a [1]\nb: *a\n"))
	f.Add([]byte("version: x\nrules:\n  - {id: r, when: {any: [{not: {q: 1}}]}, effect: {}, reason: r, source: s}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		defer watchdog(data)()
		kb, problems := Validate(data, "fuzz.yaml")
		if kb == nil {
			if !hasErrors(problems) {
				t.Fatalf("no knowledge base and no error: %v", problems)
			}
			return
		}
		// Every rule evaluates, with nothing answered and with each
		// question's first probe value answered.
		probed := Answers{}
		for i, vals := range kb.ProbeValues() {
			if len(vals) > 0 {
				probed[kb.Questions[i].Key] = vals[0]
			}
		}
		for _, a := range []Answers{{}, probed} {
			for i := range kb.Rules {
				_ = kb.Rules[i].When.Eval(a)
			}
		}
		for i := range kb.Rules {
			_ = kb.Rules[i].When.String()
		}
	})
}

// FuzzConditionEval parses a condition and evaluates it against answers
// decoded from a second input: any mix of types must evaluate to one of
// the three truth values.
func FuzzConditionEval(f *testing.F) {
	f.Add("{concurrency: high}", "concurrency: high")
	f.Add("{team_size: {gte: 15, lt: 100}}", "team_size: 20")
	f.Add("{any: [{admin: true}, {not: {orm: false}}]}", "admin: false\norm: 3")
	f.Add("{workload: [io, mixed]}", "workload: [io]")
	f.Fuzz(func(t *testing.T, when, answers string) {
		defer watchdog(when + "\x00" + answers)()
		var c Condition
		if err := yaml.Unmarshal([]byte(when), &c); err != nil {
			return
		}
		var a Answers
		if err := yaml.Unmarshal([]byte(answers), &a); err != nil {
			a = Answers{}
		}
		// Negation swaps true and false and keeps unknown.
		got, neg := c.Eval(a), (&Condition{Not: &c}).Eval(a)
		if want := map[Truth]Truth{True: False, False: True, Unknown: Unknown}[got]; neg != want {
			t.Fatalf("Eval = %d, its negation %d", got, neg)
		}
		_ = c.String()
	})
}

// FuzzParseAnswers checks answers files against the built-in questions.
func FuzzParseAnswers(f *testing.F) {
	f.Add([]byte("concurrency: high\nteam_size: 4\norm: false\n"))
	f.Add([]byte(`{"team_size": 4.5}`))
	f.Add([]byte("orm: true\norm: false\n"))
	f.Add([]byte("- a\n"))
	f.Add([]byte("orm: yes\nteam_size: 0x10\n"))
	f.Add([]byte("{\"orm\": true} {\"orm\": false}"))
	f.Add([]byte("orm: true\n---\norm: false\n"))
	kb, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		defer watchdog(data)()
		file, err := ParseAnswersFile(data, "fuzz.yaml", kb)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("multi-line error: %q", err)
			}
			if strings.HasPrefix(err.Error(), "fuzz.yaml:0:") {
				t.Fatalf("error at line 0: %q", err)
			}
			return
		}
		if err := kb.CheckAnswers(file.Answers); err != nil {
			t.Fatalf("accepted answers that do not check: %v", err)
		}
	})
}

// watchdog turns a hang into a crash the fuzzer records: an input that
// takes seconds is a denial of service for `advise` or `rules validate`.
func watchdog[T string | []byte](input T) (stop func()) {
	timer := time.AfterFunc(3*time.Second, func() {
		panic(fmt.Sprintf("input took over 3s: %q", input))
	})
	return func() { timer.Stop() }
}
