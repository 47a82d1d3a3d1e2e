package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestFromProject: with advise --from, the questions the project answers
// are asked too, each starting on the inferred answer with what showed it
// in the help, so Enter confirms it; a corrected one comes from the form.
func TestFromProject(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"pyproject.toml":                  "[project]\nname = \"shop\"\ndependencies = [\"django>=5.2\"]\n",
		"shop/settings.py":                "INSTALLED_APPS = [\n    \"django.contrib.admin\",\n]\n",
		"shop/migrations/0001_initial.py": "",
	}
	for name, body := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := startSession(t, options{answer: true, pipeStdout: true, args: []string{"advise", "--from", dir, "-o", "json"}})
	for _, qq := range questions {
		s.waitFor(qq.Prompt)
		switch qq.Key {
		case "orm":
			// Pre-selected, with its evidence: Enter keeps it.
			s.waitFor("Inferred from pyproject.toml:3")
			labels, _ := qq.labels()
			s.waitUntil("the cursor on Yes", 5*time.Second, func([]string) bool {
				_, cur, ok := s.cursor(qq.Prompt, labels)
				return ok && cur == "Yes"
			})
			s.send(enter)
		case "admin":
			// Pre-selected Yes; corrected to No.
			s.waitFor("django.contrib.admin")
			s.moveTo2(qq, "No")
			s.send(enter)
		case "existing_stack":
			s.waitFor("Inferred from pyproject.toml:3")
			s.send(enter)
		default:
			s.send(enter) // the option it starts on: inferred, or Don't know
		}
	}
	if code, sig := s.wait(); code != 0 {
		t.Fatalf("exit %d (signal %v)\n%s", code, sig, s.report())
	}
	var r struct {
		Answers map[string]any    `json:"answers"`
		Source  map[string]string `json:"answers_source"`
	}
	if err := json.Unmarshal(s.stdout.Bytes(), &r); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, s.stdout.String())
	}
	want := map[string]string{"orm": "inferred", "migrations": "inferred", "existing_stack": "inferred", "admin": "form"}
	for k, v := range want {
		if r.Source[k] != v {
			t.Errorf("answers_source[%s] = %q, want %q (all: %v)", k, r.Source[k], v, r.Source)
		}
	}
	if r.Answers["admin"] != false || r.Answers["orm"] != true || r.Answers["existing_stack"] != "django" {
		t.Errorf("answers = %v, want orm true, admin false, existing_stack django", r.Answers)
	}
	if line := reproduceLine(t, s); !strings.Contains(line, "--existing-stack=django") || !strings.Contains(line, "--admin=false") {
		t.Errorf("reproduce line %q lacks the inferred and corrected answers", line)
	}
}

// moveTo2 moves a Select's cursor to target from wherever it starts, one
// key at a time, waiting to see each move.
func (s *session) moveTo2(qq question, target string) {
	s.t.Helper()
	labels, _ := qq.labels()
	for range len(labels) {
		_, cur, ok := s.cursor(qq.Prompt, labels)
		if ok && cur == target {
			return
		}
		before := cur
		s.send(down)
		s.waitUntil("the cursor to move", 5*time.Second, func([]string) bool {
			_, now, ok := s.cursor(qq.Prompt, labels)
			return ok && now != before
		})
	}
	s.t.Fatalf("%s: never reached %q\n%s", qq.Key, target, s.report())
}
