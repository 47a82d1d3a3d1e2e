package cmd

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/apiadvisor/apiadvisor/rules"
)

// hostileCase is a command line that must fail cleanly (or succeed) with
// the given exit code and a fragment of its one stderr line.
type hostileCase struct {
	name string
	args []string
	code int
	want string // a fragment of the one stderr line
	env  map[string]string
}

// decidedArgs is a run whose advice is decided: it has a result to print
// and a record to write.
var decidedArgs = []string{"advise", "--no-input", "--team-size", "40", "--orm", "--admin", "--migrations", "--architecture", "monolith"}

// fileIn returns a function that writes a file in dir and returns its
// path.
func fileIn(t *testing.T, dir string) func(name, content string) string {
	return func(name, content string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
}

// TestHostileInput feeds the command line what a careless script or a
// hostile file can: every case must end within a few seconds with one
// clear line on stderr, the documented exit code, nothing on stdout when
// it fails, and no panic.
func TestHostileInput(t *testing.T) {
	dir := t.TempDir()
	file := fileIn(t, dir)
	huge := filepath.Join(dir, "huge.yaml")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(100 << 20); err != nil { // 100 MB, sparse
		t.Fatal(err)
	}
	f.Close()

	laughs := "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
	for i := 'b'; i <= 'j'; i++ {
		prev := string(i - 1)
		laughs += string(i) + ": &" + string(i) + " [*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + "]\n"
	}
	deep := strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
	deepMap := strings.Repeat("{a: ", 5000) + "1" + strings.Repeat("}", 5000)
	deepRule := "version: x\nrules:\n  - id: r\n    when: " + strings.Repeat("{not: ", 40) + "{concurrency: high}" + strings.Repeat("}", 40) + "\n"
	manyRules := "version: x\nextends: default\nrules:\n" + strings.Repeat("  - {id: r, when: {concurrency: high}, effect: {weights: {hybrid: 1}}, reason: r, source: \"article: x\"}\n", 11000)
	scenarios600k := strings.Repeat("- {name: a scenario that does nothing much but take up room in a file of scenarios}\n", 600<<10/90)
	// minimalKB is a complete knowledge base of 13 lines; its rule's
	// condition is at line 12.
	minimalKB := `version: "min"
questions:
  - {key: q, prompt: p, help: h, type: bool}
categories:
  - {id: a, name: A, summary: s, source: "https://e"}
  - {id: b, name: B, summary: s, source: "https://e"}
frameworks: []
rules:
  - id: r
    reason: r
    source: https://e
    when: {q: true}
    effect: {weights: {a: 1}}
`
	// blendKB is a knowledge base with a hybrid at line 7 and a rule at
	// line 10, its numbers as given.
	blendKB := func(minEach, bonus, weight string) string {
		return `version: "v"
questions:
  - {key: n, prompt: p, help: h, type: int}
categories:
  - {id: a, name: A, summary: s, source: "https://e"}
  - {id: b, name: B, summary: s, source: "https://e"}
  - {id: h, name: H, summary: s, source: "https://e", blend: {of: [a, b], min_each: ` + minEach + `, bonus: ` + bonus + `}}
frameworks: []
rules:
  - {id: r, when: {n: 1}, effect: {weights: {a: ` + weight + `}}, reason: r, source: https://e}
`
	}
	answers := file("answers.yaml", "orm: true\n")
	answersLink := filepath.Join(dir, "answers-link.yaml")
	if err := os.Link(answers, answersLink); err != nil {
		t.Fatal(err)
	}
	rulesFile := file("team-rules.yaml", "extends: default\nversion: team\n")
	saved := file("saved.json", `{"schema_version": 2, "kb_version": "x"}`)
	// decided is a run whose advice is decided, so that it has a result
	// to print and a record to write.
	decided := slices.Clip(slices.Clone(decidedArgs)) // clipped: each append below copies
	garbage := string([]byte{0x00, 0xff, 0xfe, 0x1b, '[', '2', 'J', 0x07, 0x00, 0x89, 'P', 'N', 'G'})

	tests := []hostileCase{
		// Flags.
		{"choice typo", []string{"advise", "--concurrency", "hgih"}, 2, `invalid value "hgih" for --concurrency: want low, medium or high`, nil},
		{"choice wrong case", []string{"advise", "--workload", "IO"}, 2, `invalid value "IO" for --workload`, nil},
		{"empty choice", []string{"advise", "--architecture="}, 2, `invalid value "" for --architecture`, nil},
		{"negative team", []string{"advise", "--team-size=-5"}, 2, `invalid value "-5" for --team-size: want an integer from 1 to 10000`, nil},
		{"zero team", []string{"advise", "--team-size", "0"}, 2, `want an integer from 1 to 10000`, nil},
		{"absurd team", []string{"advise", "--team-size", "1000000"}, 2, `want an integer from 1 to 10000`, nil},
		{"overflowing team", []string{"advise", "--team-size", "99999999999999999999999999"}, 2, `want an integer from 1 to 10000`, nil},
		{"float team", []string{"advise", "--team-size", "4.5"}, 2, `invalid value "4.5" for --team-size`, nil},
		{"hex team", []string{"advise", "--team-size", "0x10"}, 2, `invalid value "0x10" for --team-size`, nil},
		{"bool typo", []string{"advise", "--orm=ture"}, 2, `invalid value "ture" for --orm: want true or false`, nil},
		{"unicode value", []string{"advise", "--concurrency", "hïgh"}, 2, `invalid value "hïgh" for --concurrency`, nil},
		{"control characters", []string{"advise", "--concurrency", "hi\x1b[2Jgh\x07"}, 2, `invalid value "hi\x1b[2Jgh\a" for --concurrency`, nil},
		{"newline in value", []string{"advise", "--workload", "io\ncpu"}, 2, `invalid value "io\ncpu" for --workload`, nil},
		{"very long value", []string{"advise", "--workload", strings.Repeat("x", 100000)}, 2, `for --workload: want io, cpu or mixed`, nil},
		{"unknown flag", []string{"advise", "--colour"}, 2, "unknown flag: --colour", nil},
		{"bad output", []string{"advise", "-o", "pdf"}, 2, `invalid value "pdf" for --output`, nil},
		// --answer.
		{"answer without =", []string{"advise", "--answer", "orm"}, 2, `invalid value "orm" for --answer: want key=value`, nil},
		{"answer unknown key", []string{"advise", "--answer", "colour=red"}, 2, `unknown question "colour" in --answer`, nil},
		{"answer empty key", []string{"advise", "--answer", "=true"}, 2, `unknown question "" in --answer`, nil},
		{"answer bad int", []string{"advise", "--answer", "team_size=lots"}, 2, `invalid value "lots" for --answer team_size`, nil},
		// Answers files.
		{"answers: duplicate key", []string{"advise", "--answers", file("dup.yaml", "orm: true\norm: false\n")}, 2, `dup.yaml:2:`, nil},
		{"answers: name twice", []string{"advise", "--answers", file("dupname.yaml", "name: A\nname: B\norm: true\n")}, 2, `dupname.yaml:2: duplicate key "name"`, nil},
		{"answers: components twice", []string{"advise", "--answers", file("dupcomp.yaml", "components: {a: {orm: true}}\ncomponents: {b: {orm: false}}\n")}, 2, `dupcomp.yaml:2: duplicate key "components"`, nil},
		{"answers: wrong type", []string{"advise", "--answers", file("type.yaml", "team_size: [1, 2]\n")}, 2, `invalid value "" for "team_size"`, nil},
		{"answers: float", []string{"advise", "--answers", file("float.json", `{"team_size": 4.5}`)}, 2, `invalid value "4.5" for "team_size"`, nil},
		{"answers: huge number", []string{"advise", "--answers", file("big.yaml", "team_size: 123456789012345678901234567890\n")}, 2, `for "team_size": want an integer from 1 to 10000`, nil},
		{"answers: billion laughs", []string{"advise", "--answers", file("laughs.yaml", laughs)}, 2, "anchors and aliases are not allowed", nil},
		{"answers: deep nesting", []string{"advise", "--answers", file("deep.yaml", deep)}, 2, "deep.yaml", nil},
		{"answers: binary garbage", []string{"advise", "--answers", file("garbage.yaml", garbage)}, 2, "binary data", nil},
		{"answers: 100 MB", []string{"advise", "--answers", huge}, 2, "is larger than 1024 KiB", nil},
		{"answers: directory", []string{"advise", "--answers", dir}, 2, "is a directory", nil},
		{"answers: unreadable", []string{"advise", "--answers", "/proc/self/mem"}, 2, `answers file "/proc/self/mem": input/output error`, nil},
		{"answers: missing", []string{"advise", "--answers", filepath.Join(dir, "nope.yaml")}, 2, "nope.yaml\": no such file or directory", nil},
		{"answers: empty file", []string{"advise", "--answers", file("empty.yaml", ""), "-o", "json"}, 0, "", nil},
		// Rules files.
		{"rules: billion laughs", []string{"advise", "--rules", file("rlaughs.yaml", laughs)}, 2, "anchors and aliases are not allowed", nil},
		{"rules: deep nesting", []string{"advise", "--rules", file("rdeep.yaml", deepMap)}, 2, "rdeep.yaml", nil},
		{"rules: deep condition", []string{"advise", "--rules", file("rcond.yaml", deepRule)}, 2, "nested deeper than 16 levels", nil},
		{"rules: too many rules", []string{"advise", "--rules", file("many.yaml", manyRules)}, 2, "larger than 1024 KiB", nil},
		{"rules: 100 MB", []string{"advise", "--rules", huge}, 2, "is larger than 1024 KiB", nil},
		{"rules: garbage", []string{"advise", "--rules", file("rgarbage.yaml", garbage)}, 2, "rgarbage.yaml", nil},
		{"rules: a list", []string{"advise", "--rules", file("list.yaml", "- a\n- b\n")}, 2, "want a mapping", nil},
		{"rules: directory", []string{"rules", "validate", dir}, 2, "is a directory", nil},
		{"rules: unreadable", []string{"rules", "validate", "/proc/self/mem"}, 2, `rules file "/proc/self/mem": input/output error`, nil},
		{"scenarios: garbage", []string{"rules", "test", file("sgarbage.yaml", garbage)}, 2, "sgarbage.yaml", nil},
		{"scenarios: unknown field", []string{"rules", "test", file("sfield.yaml", "- name: x\n  answer: {}\n")}, 2, "sfield.yaml:2: field answer not found", nil},
		// Nothing in a file is silently dropped.
		{"rules: second document, advise", []string{"advise", "--rules", file("r2doc2.yaml", minimalKB+"---\nversion: other\n"), "--no-input"}, 2, `r2doc2.yaml:14: a second YAML document: a file holds one`, nil},
		{"rules: data after JSON", []string{"advise", "--rules", file("rtrail.json", `{"version": "x"} {"rules": []}`), "--no-input"}, 2, `rtrail.json:1: data after the end of the document`, nil},
		{"rules: two not: in a condition", []string{"advise", "--rules", file("rnot.yaml", strings.Replace(minimalKB, "when: {q: true}", "when: {not: {q: true}, not: {q: false}}", 1)), "--no-input"}, 2, `rnot.yaml:12: duplicate key "not"`, nil},
		{"rules: two any: in a condition", []string{"advise", "--rules", file("rany.yaml", strings.Replace(minimalKB, "when: {q: true}", "when:\n      any: [{q: true}]\n      any: [{q: false}]", 1)), "--no-input"}, 2, `rany.yaml:14: duplicate key "any"`, nil},
		{"rules: two weights for one id", []string{"advise", "--rules", file("rweight.yaml", strings.Replace(minimalKB, "weights: {a: 1}", "weights: {a: 1, a: -5}", 1)), "--no-input"}, 2, `rweight.yaml:13: duplicate key "a"`, nil},
		{"rules: extends without a version", []string{"advise", "--rules", file("rnover.yaml", "extends: default\nrules: []\n"), "--no-input"}, 2, "a file that extends the default needs a version of its own", nil},
		{"answers: second document", []string{"advise", "--answers", file("a2doc.yaml", "orm: true\n---\norm: false\n"), "--no-input"}, 2, `a2doc.yaml:2: a second YAML document`, nil},
		{"answers: data after JSON", []string{"advise", "--answers", file("atrail.json", `{"orm": true} {"orm": false}`), "--no-input"}, 2, `atrail.json:1: data after the end of the document`, nil},
		{"answers: data after JSON, next line", []string{"advise", "--answers", file("atrail2.json", "{\"orm\": true}\n{\"orm\": false}\n"), "--no-input"}, 2, `atrail2.json:1: data after the end of the document`, nil},
		{"answers: hex team", []string{"advise", "--answers", file("ahex.yaml", "team_size: 0x10\n"), "--no-input"}, 2, `ahex.yaml:1: invalid value "0x10" for "team_size"`, nil},
		{"answers: octal team", []string{"advise", "--answers", file("aoct.yaml", "team_size: 0o17\n"), "--no-input"}, 2, `invalid value "0o17" for "team_size"`, nil},
		{"answers: underscored team", []string{"advise", "--answers", file("aund.yaml", "team_size: 1_000\n"), "--no-input"}, 2, `invalid value "1_000" for "team_size"`, nil},
		{"answers: float team", []string{"advise", "--answers", file("aflt.yaml", "team_size: 4.0\n"), "--no-input"}, 2, `invalid value "4.0" for "team_size"`, nil},
		{"answers: yes, as the flag takes it", []string{"advise", "--answers", file("ayes.yaml", "orm: yes\nadmin: N\n"), "--no-input", "-o", "json"}, 0, "", nil},
		{"answers: on is no boolean", []string{"advise", "--answers", file("aon.yaml", "orm: on\n"), "--no-input"}, 2, `invalid value "on" for "orm": want true or false`, nil},
		{"answers: quoted boolean", []string{"advise", "--answers", file("aquot.json", `{"orm": "true"}`), "--no-input"}, 2, `invalid value "true" for "orm"`, nil},
		{"scenarios: second document", []string{"rules", "test", file("s2doc.yaml", "- name: a\n---\n- name: b\n")}, 2, `s2doc.yaml:2: a second YAML document`, nil},
		{"scenarios: duplicate key", []string{"rules", "test", file("sdup.yaml", "- name: a\n  answers: {orm: true, orm: false}\n")}, 2, `sdup.yaml:2: duplicate key "orm"`, nil},
		{"check-against: duplicate key", []string{"advise", "--no-input", "--check-against", file("cdup.json", "{\"schema_version\": 2, \"kb_version\": \"x\",\n\"kb_version\": \"y\"}")}, 2, `line 2: duplicate key "kb_version"`, nil},
		{"check-against: data after JSON", []string{"advise", "--no-input", "--check-against", file("ctrail.json", `{"schema_version": 2, "kb_version": "x"} {}`)}, 2, "data after the saved result", nil},
		// Numbers are finite.
		{"rules: infinite bonus", []string{"advise", "--rules", file("rbinf.yaml", blendKB("1", ".inf", "1")), "--no-input", "-o", "json"}, 2, `rbinf.yaml:7: category "h": blend bonus is +Inf: want a finite number`, nil},
		{"rules: NaN min_each", []string{"advise", "--rules", file("rbnan.yaml", blendKB(".nan", "0", "1")), "--no-input"}, 2, `rbnan.yaml:7: category "h": blend min_each is NaN`, nil},
		{"rules: -inf weight", []string{"advise", "--rules", file("rwinf.yaml", blendKB("1", "0", "-.inf")), "--no-input"}, 2, `rwinf.yaml:10: rule "r": weight for "a" is -Inf`, nil},
		{"rules: NaN weight", []string{"advise", "--rules", file("rwnan.yaml", blendKB("1", "0", ".NaN")), "--no-input"}, 2, `rwnan.yaml:10: rule "r": weight for "a" is NaN`, nil},
		{"rules: weight past float64", []string{"advise", "--rules", file("rwbig.yaml", blendKB("1", "0", "1e309")), "--no-input"}, 2, `rwbig.yaml:10: rule "r": cannot unmarshal`, nil},
		{"rules: absurd weight", []string{"advise", "--rules", file("rwabs.yaml", blendKB("1", "0", "1e7")), "--no-input"}, 2, `weight for "a" is 1e+07: want a finite number within ±1000000`, nil},
		{"rules: two numbers past float64", []string{"advise", "--rules", file("rb2.yaml", blendKB("1e309", "1e309", "1")), "--no-input"}, 2, "rb2.yaml:7: category \"h\": cannot unmarshal !!str `1e309` into float64\n", nil},
		// No control character from a file reaches the terminal.
		{"rules: OSC in the version", []string{"advise", "--rules", file("resc1.yaml", strings.Replace(minimalKB, `version: "min"`, `version: "\e]0;title\a"`, 1)), "--no-input"}, 2, `resc1.yaml:1: control character U+001B in "\x1b]0;title\a"`, nil},
		{"rules: CSI in a prompt", []string{"questions", "--rules", file("resc2.yaml", strings.Replace(minimalKB, "prompt: p", `prompt: "\x1b[2J"`, 1))}, 2, `resc2.yaml:3: control character U+001B in "\x1b[2J"`, nil},
		{"rules: ESC in a reason", []string{"rules", "list", "--rules", file("resc3.yaml", strings.Replace(minimalKB, "reason: r", `reason: "r\u001b"`, 1))}, 2, `resc3.yaml:10: control character U+001B`, nil},
		{"rules: C1 CSI in a name", []string{"frameworks", "list", "--rules", file("resc4.yaml", strings.Replace(minimalKB, "name: A,", `name: "A\u009b31m",`, 1))}, 2, `resc4.yaml:5: control character U+009B`, nil},
		{"rules: DEL in a key", []string{"advise", "--rules", file("resc5.yaml", strings.Replace(minimalKB, "version:", "\x7fversion:", 1)), "--no-input"}, 2, `resc5.yaml: control characters are not allowed`, nil},
		{"answers: OSC in a value", []string{"advise", "--answers", file("aesc.yaml", `concurrency: "\e]0;pwned\a"`+"\n"), "--no-input"}, 2, `invalid value "\x1b]0;pwned\a" for "concurrency"`, nil},
		{"answers: CSI in a key", []string{"advise", "--answers", file("aesc2.yaml", `"\e[2Jorm": true`+"\n"), "--no-input"}, 2, `unknown question "\x1b[2Jorm"`, nil},
		// Mistyped subcommands fail, on one line, with a suggestion.
		{"subcommand: rules valdiate", []string{"rules", "valdiate"}, 2, `unknown command "valdiate" for "apiadvisor rules"; did you mean "validate"?`, nil},
		{"subcommand: frameworks lsit", []string{"frameworks", "lsit"}, 2, `unknown command "lsit" for "apiadvisor frameworks"; did you mean "list"?`, nil},
		{"subcommand: completion tcsh", []string{"completion", "tcsh"}, 2, `unknown command "tcsh" for "apiadvisor completion"; did you mean "bash", "fish" or "zsh"?`, nil},
		{"subcommand: help nope", []string{"help", "nope"}, 2, `unknown command "nope" for "apiadvisor"; run "apiadvisor --help" for the commands`, nil},
		{"subcommand: nope --help", []string{"nope", "--help"}, 2, `unknown command "nope" for "apiadvisor"; run "apiadvisor --help" for the commands`, nil},
		{"subcommand: rules valdiate --help", []string{"rules", "valdiate", "--help"}, 2, `unknown command "valdiate" for "apiadvisor rules"; did you mean "validate"?`, nil},
		{"subcommand: help rules valdiate", []string{"help", "rules", "valdiate"}, 2, `unknown command "valdiate" for "apiadvisor rules"; did you mean "validate"?`, nil},
		{"subcommand: advize", []string{"advize", "--no-input"}, 2, `unknown command "advize" for "apiadvisor"; did you mean "advise"?`, nil},
		{"subcommand: rules with stray words", []string{"rules", "valdiate", "x.yaml", "--strict"}, 2, `unknown command "valdiate" for "apiadvisor rules"`, nil},
		// Files are never written over an input; errors come before output.
		{"save-answers: over --answers", []string{"advise", "--answers", answers, "--save-answers", answers, "--no-input"}, 2, `is the --answers file of this run: it would be overwritten`, nil},
		{"save-answers: over --answers, another name", []string{"advise", "--answers", answers, "--save-answers", filepath.Join(dir, ".", "answers.yaml"), "--no-input"}, 2, `is the --answers file of this run`, nil},
		{"save-answers: over --answers, a hard link", []string{"advise", "--answers", answers, "--save-answers", answersLink, "--no-input"}, 2, `is the --answers file of this run`, nil},
		{"save-answers: over --rules", []string{"advise", "--rules", rulesFile, "--save-answers", rulesFile, "--no-input"}, 2, `is the --rules file of this run`, nil},
		{"save-answers: over APIADVISOR_RULES", []string{"advise", "--save-answers", rulesFile, "--no-input"}, 2, `is the APIADVISOR_RULES file of this run`, map[string]string{"APIADVISOR_RULES": rulesFile}},
		{"save-answers: over --check-against", []string{"advise", "--check-against", saved, "--save-answers", saved, "--no-input"}, 2, `is the --check-against file of this run`, nil},
		{"check-against: not a result, before the advice", append(decided, "--check-against", file("notres.json", `{"a": 1}`)), 2, "not a result saved with -o json", nil},
		{"check-against: missing, before the advice", append(decided, "--check-against", filepath.Join(dir, "nores.json")), 2, "no such file or directory", nil},
		{"adr-dir: a file, before the advice", append(decided, "--adr-dir", answers), 2, "is not a directory", nil},
		{"adr-dir: under a file, before the advice", append(decided, "--adr-dir", filepath.Join(answers, "adr")), 2, "not a directory", nil},
		// The small things.
		{"empty --rules", []string{"--rules=", "advise", "--no-input"}, 2, "--rules: the path is empty", nil},
		{"empty --rules after the command", []string{"rules", "list", "--rules", ""}, 2, "--rules: the path is empty", nil},
		{"empty --answers", append(decided, "--answers="), 2, "--answers: the path is empty", nil},
		{"empty --adr-dir", append(decided, "--adr-dir", ""), 2, "--adr-dir: the path is empty", nil},
		{"empty --save-answers", append(decided, "--save-answers="), 2, "--save-answers: the path is empty", nil},
		{"empty --check-against", append(decided, "--check-against="), 2, "--check-against: the path is empty", nil},
		{"empty rules validate FILE", []string{"rules", "validate", ""}, 2, "rules file: the path is empty", nil},
		{"SOURCE_DATE_EPOCH: year 10000", append(decided, "-o", "markdown"), 2, `invalid value "253402300800" for SOURCE_DATE_EPOCH`, map[string]string{"SOURCE_DATE_EPOCH": "253402300800"}},
		{"SOURCE_DATE_EPOCH: before 1970", append(decided, "--adr-dir", filepath.Join(dir, "adr-epoch")), 2, `invalid value "-1" for SOURCE_DATE_EPOCH`, map[string]string{"SOURCE_DATE_EPOCH": "-1"}},
		{"SOURCE_DATE_EPOCH: not a number", append(decided, "-o", "markdown"), 2, `invalid value "tomorrow" for SOURCE_DATE_EPOCH`, map[string]string{"SOURCE_DATE_EPOCH": "tomorrow"}},
		{"SOURCE_DATE_EPOCH: unused without a record", append(decided, "-o", "json"), 0, "", map[string]string{"SOURCE_DATE_EPOCH": "tomorrow"}},
		{"file name with a newline", []string{"advise", "--rules", file("bad\nname.yaml", "version: 1\nbogus: 2\n"), "--no-input"}, 2, `bad\nname.yaml":2: unknown key "bogus"`, nil},
		{"file name with an escape", []string{"advise", "--answers", file("a\x1b]0;pwned\a.yaml", "orm: maybe\n"), "--no-input"}, 2, `a\x1b]0;pwned\a.yaml":1: invalid value "maybe"`, nil},
		{"scenario file name with a newline", []string{"rules", "test", file("s\nx.yaml", "- name: a\n  answer: {}\n")}, 2, `s\nx.yaml":2: field answer not found`, nil},
		// Bounded work: what one run reads and does.
		{"scenarios: too many", []string{"rules", "test", file("smany.yaml", strings.Repeat("- {}\n", 10001))}, 2, "more than 10000 scenarios", nil},
		{"scenarios: too much in all", []string{"rules", "test", file("s1.yaml", scenarios600k), file("s2.yaml", scenarios600k)}, 2, "scenario files: more than 1024 KiB in all", nil},
	}
	tests = append(tests, specialFileCases(t, dir)...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			code, stdout, stderr := run(t, tt.env, tt.args...)
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr %q", code, tt.code, stderr)
			}
			lines := strings.Count(stderr, "\n")
			if tt.code != 0 && lines != 1 {
				t.Errorf("stderr has %d lines, want 1: %q", lines, stderr)
			}
			// Errors come before output: a run that fails has written
			// nothing to stdout.
			if tt.code != 0 && stdout != "" {
				t.Errorf("failed, yet wrote to stdout:\n%.300s", stdout)
			}
			if !strings.Contains(stderr, tt.want) {
				t.Errorf("stderr %q lacks %q", stderr, tt.want)
			}
			// No terminal control from a file reaches the terminal.
			if i := strings.IndexFunc(stdout+stderr, rules.IsControl); i >= 0 {
				t.Errorf("output holds a control character: %q", (stdout + stderr)[max(0, i-20):min(len(stdout+stderr), i+20)])
			}
			if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine ") {
				t.Errorf("panic: %s", stderr)
			}
		})
	}
}

// TestNoControlFromFiles runs the commands whose output shows text from
// files — a saved result, scenario names, file and directory names, a
// rules file's problems — with escape sequences in all of it: none may
// reach stdout or stderr.
func TestNoControlFromFiles(t *testing.T) {
	dir := t.TempDir()
	file := fileIn(t, dir)
	decided := slices.Clip(slices.Clone(decidedArgs)) // clipped: each append below copies
	hostileRules := "version: \"v\\e]0;t\\a\"\nquestions:\n  - {key: q, prompt: \"\\x1b[2J\", help: h, type: bool}\n"
	for _, tt := range []struct {
		name string
		args []string
		code int
		want string // a fragment of stdout or stderr
	}{
		{"drift from a saved result", append(decided, "--check-against", file("c.json", `{"schema_version": 2, "kb_version": "\u001b[2J", "recommendation": {"category": "\u001b]0;x\u0007", "frameworks": ["\u009b31m"]}}`)), 1, "The advice drifted from"},
		{"scenario names", []string{"rules", "test", file("s\x1b[2J.yaml", "- name: \"\\e]0;pwned\\a\"\n  answers: {orm: true}\n  expect: {category: \"\\x1b[31m\"}\n")}, 1, "FAIL"},
		{"a rules file's problems", []string{"rules", "validate", file("r\x1b[2J.yaml", hostileRules)}, 1, "2 errors, 0 warnings"},
		{"the command to reproduce", []string{"--rules", file("k\x1b]0;x\a.yaml", "extends: default\nversion: k\n"), "advise", "--orm", "--print-command"}, 0, `--rules $'`},
		{"the record written", append(decided, "--adr-dir", filepath.Join(dir, "adr\x1b[2J")), 0, `Wrote "`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, nil, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr %q", code, tt.code, stderr)
			}
			if !strings.Contains(stdout+stderr, tt.want) {
				t.Errorf("output lacks %q:\n%s\n%s", tt.want, stdout, stderr)
			}
			if i := strings.IndexFunc(stdout+stderr, rules.IsControl); i >= 0 {
				t.Errorf("output holds a control character: %q", (stdout + stderr)[max(0, i-30):min(len(stdout+stderr), i+30)])
			}
		})
	}
}

// TestOnlyWhatNeedsTheRulesReadsThem: help, completion scripts and
// completing a fixed list never load the rules file in use (which at the
// caps takes a third of a second); version and completing ids do.
func TestOnlyWhatNeedsTheRulesReadsThem(t *testing.T) {
	path := filepath.Join(t.TempDir(), "team.yaml")
	if err := os.WriteFile(path, []byte("extends: default\nversion: team\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for args, reads := range map[string]bool{
		"completion bash":                 false,
		"completion zsh":                  false,
		"help":                            false,
		"help rules":                      false,
		"advise --help":                   false,
		"__complete advise --output x":    false,
		"__complete advise --concurrency": false,
		"version":                         true,
		"__complete rules show x":         true,
	} {
		ios, _, _ := testIO("", map[string]string{"APIADVISOR_RULES": path})
		app := &App{IO: ios}
		if code := app.Run(t.Context(), strings.Fields(args)); code != 0 {
			t.Errorf("%s: exit %d", args, code)
		}
		if got := app.kb != nil; got != reads {
			t.Errorf("%s: read the rules file %v, want %v", args, got, reads)
		}
	}
}
