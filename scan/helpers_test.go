package scan

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// tree writes files (slash paths → contents) under a new temporary
// directory and returns it.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	write(t, dir, files)
	return dir
}

func writeBench(b *testing.B, dir, name, content string) {
	b.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		b.Fatal(err)
	}
}

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// scanCtx bounds a scan by the test's deadline, less a margin, so that a
// hang fails the test with a message instead of killing the binary.
func scanCtx(t *testing.T) context.Context {
	t.Helper()
	timeout := 20 * time.Second
	if d, ok := t.Deadline(); ok {
		timeout = min(timeout, time.Until(d)*9/10)
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	t.Cleanup(cancel)
	return ctx
}

// mustScan scans dir and checks the invariants every result must keep.
func mustScan(t *testing.T, dir string, opt Options) *Result {
	t.Helper()
	res, err := Scan(scanCtx(t), dir, opt)
	if err != nil {
		t.Fatalf("Scan(%q): %v", dir, err)
	}
	checkResult(t, dir, opt, res)
	return res
}

// checkResult verifies the promises of Result: every answer has evidence
// of the same value, every evidence file exists, Unknown is the asked
// questions without answers, and the JSON matches the schema.
func checkResult(t *testing.T, dir string, opt Options, res *Result) {
	t.Helper()
	checkAnswers(t, dir, "", res.Answers, res.Evidence)
	for _, c := range res.Components {
		checkAnswers(t, dir, c.Name+": ", c.Answers, c.Evidence)
	}
	var want []string
	for _, q := range opt.questions() {
		if _, ok := res.Answers[q]; !ok && !slices.Contains(want, q) {
			want = append(want, q)
		}
	}
	if !slices.Equal(res.Unknown, want) && !(len(want) == 0 && len(res.Unknown) == 0) {
		t.Errorf("unknown = %v, want %v", res.Unknown, want)
	}
	for _, w := range res.Warnings {
		if w.File == "" || w.Message == "" {
			t.Errorf("warning without file or message: %+v", w)
		}
	}
	validateSchema(t, res)
}

func checkAnswers(t *testing.T, dir, prefix string, answers map[string]any, evidence []Evidence) {
	t.Helper()
	for q, v := range answers {
		n := 0
		for _, e := range evidence {
			if e.Question == q {
				n++
				if e.Value != v {
					t.Errorf("%sevidence for %s=%v has value %v: %+v", prefix, q, v, e.Value, e)
				}
			}
		}
		if n == 0 {
			t.Errorf("%sanswer %s=%v has no evidence", prefix, q, v)
		}
	}
	for _, e := range evidence {
		if _, ok := answers[e.Question]; !ok {
			t.Errorf("%sevidence for unanswered %s: %+v", prefix, e.Question, e)
		}
		if e.File == "git" {
			continue
		}
		if strings.Contains(e.File, `\`) || filepath.IsAbs(e.File) {
			t.Errorf("%sevidence file %q is not a relative slash path", prefix, e.File)
		}
		if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(e.File))); err != nil {
			t.Errorf("%sevidence file %q does not exist: %v", prefix, e.File, err)
		}
	}
}

var (
	schemaOnce sync.Once
	schema     *jsonschema.Schema
	schemaErr  error
)

func validateSchema(t *testing.T, res *Result) {
	t.Helper()
	schemaOnce.Do(func() {
		schema, schemaErr = jsonschema.NewCompiler().Compile("../schema/scan.schema.json")
	})
	if schemaErr != nil {
		t.Fatal(schemaErr)
	}
	raw, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Errorf("result does not match schema/scan.schema.json: %v\n%s", err, raw)
	}
}

// evidenceFor returns the evidence for question q.
func evidenceFor(res *Result, q string) []Evidence {
	var out []Evidence
	for _, e := range res.Evidence {
		if e.Question == q {
			out = append(out, e)
		}
	}
	return out
}

// gitRun runs git in dir with a configuration isolated from the machine's.
func gitRun(t *testing.T, dir string, env []string, args ...string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	cmd.Env = append(cmd.Env, env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

// commit makes an empty commit by email at date (RFC 3339).
func commit(t *testing.T, dir, email, date string) {
	t.Helper()
	gitRun(t, dir, []string{"GIT_AUTHOR_DATE=" + date, "GIT_COMMITTER_DATE=" + date},
		"-c", "user.email="+email, "-c", "user.name="+strings.Split(email, "@")[0],
		"commit", "-q", "--allow-empty", "-m", "change by "+email)
}
