package scan

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestScanErrors(t *testing.T) {
	dir := tree(t, map[string]string{"file.txt": "x"})
	for name, path := range map[string]string{
		"missing":  filepath.Join(dir, "nope"),
		"a file":   filepath.Join(dir, "file.txt"),
		"dangling": mkSymlink(t, filepath.Join(dir, "gone"), filepath.Join(dir, "dangling")),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Scan(scanCtx(t), path, Options{})
			if !errors.Is(err, ErrNotDir) {
				t.Fatalf("err = %v, want ErrNotDir", err)
			}
		})
	}
	_, err := Scan(scanCtx(t), filepath.Join(dir, "nope"), Options{})
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing dir: err = %v, want also fs.ErrNotExist", err)
	}
}

func mkSymlink(t *testing.T, target, link string) string {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symlinks:", err)
	}
	return link
}

func TestNoPythonProject(t *testing.T) {
	for name, files := range map[string]map[string]string{
		"empty":      {},
		"javascript": {"package.json": "{}", "index.js": "", "Dockerfile": "FROM node\n"},
	} {
		t.Run(name, func(t *testing.T) {
			dir := tree(t, files)
			res := mustScan(t, dir, Options{NoGit: true})
			if len(res.Answers) != 0 || res.Note != "no Python project found in "+dir {
				t.Errorf("answers %v, note %q", res.Answers, res.Note)
			}
			if !slices.Equal(res.Unknown, Questions()) {
				t.Errorf("unknown = %v", res.Unknown)
			}
		})
	}
}

func TestQuestionsRestrictAnswers(t *testing.T) {
	dir := tree(t, map[string]string{"requirements.txt": "django\ncelery\n"})
	opt := Options{NoGit: true, Questions: []string{"orm", "not_a_question", "admin"}}
	res := mustScan(t, dir, opt)
	if len(res.Answers) != 1 || res.Answers["orm"] != true {
		t.Errorf("answers = %v, want only orm", res.Answers)
	}
	if !slices.Equal(res.Unknown, []string{"not_a_question", "admin"}) {
		t.Errorf("unknown = %v", res.Unknown)
	}
	for _, e := range res.Evidence {
		if e.Question != "orm" {
			t.Errorf("evidence for a question not asked: %+v", e)
		}
	}
}

func TestCancelled(t *testing.T) {
	dir := tree(t, map[string]string{"requirements.txt": "django\n"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Scan(ctx, dir, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// TestDeterministic scans the same tree with one and with many workers:
// the JSON must not depend on which file was read first.
func TestDeterministic(t *testing.T) {
	dir := djangoRepo(t)
	var outs []string
	for _, w := range []int{1, 16, 1} {
		res := mustScan(t, dir, Options{NoGit: true, Workers: w})
		raw, err := json.Marshal(res)
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, string(raw))
	}
	if outs[0] != outs[1] || outs[0] != outs[2] {
		t.Errorf("results differ:\n%s\n%s", outs[0], outs[1])
	}
}

func TestArchitecture(t *testing.T) {
	t.Run("two services", func(t *testing.T) {
		dir := tree(t, map[string]string{
			"services/orders/pyproject.toml":   "[project]\nname = \"orders\"\ndependencies = [\"fastapi\", \"sqlalchemy\"]\n",
			"services/orders/app/main.py":      fastapiMain,
			"services/orders/Dockerfile":       "FROM python:3.13\n",
			"services/accounts/pyproject.toml": "[project]\nname = \"accounts-api\"\ndependencies = [\"django\"]\n",
			"services/accounts/settings.py":    "INSTALLED_APPS = ['django.contrib.admin']\n",
			"docs/requirements.txt":            "sphinx\n",
		})
		res := mustScan(t, dir, Options{NoGit: true})
		if res.Answers[KeyArchitecture] != "services" || len(res.Components) != 2 {
			t.Fatalf("architecture %v, %d components: %+v", res.Answers[KeyArchitecture], len(res.Components), res.Components)
		}
		acc, ord := res.Components[0], res.Components[1]
		if acc.Name != "accounts-api" || acc.Dir != "services/accounts" || ord.Name != "orders" || ord.Dir != "services/orders" {
			t.Fatalf("components: %+v", res.Components)
		}
		if acc.Answers[KeyExistingStack] != "django" || acc.Answers[KeyAdmin] != true || acc.Answers[KeyDeployment] != nil {
			t.Errorf("accounts answers: %v", acc.Answers)
		}
		if ord.Answers[KeyExistingStack] != "fastapi" || ord.Answers[KeyORM] != true || ord.Answers[KeyDeployment] != "containers" || ord.Answers[KeyAdmin] != nil {
			t.Errorf("orders answers: %v", ord.Answers)
		}
		if res.Answers[KeyExistingStack] != "django" {
			t.Errorf("top-level stack %v, want django by rank", res.Answers[KeyExistingStack])
		}
	})
	t.Run("compose services from one codebase", func(t *testing.T) {
		dir := tree(t, map[string]string{
			"requirements.txt":   "django\ncelery\n",
			"docker-compose.yml": "services:\n  web:\n    build: .\n  worker:\n    build:\n      context: .\n",
		})
		res := mustScan(t, dir, Options{NoGit: true})
		if res.Answers[KeyArchitecture] != "monolith" || len(res.Components) != 0 {
			t.Errorf("architecture %v, components %+v", res.Answers[KeyArchitecture], res.Components)
		}
	})
	t.Run("compose worker with its own code", func(t *testing.T) {
		dir := tree(t, map[string]string{
			"api/requirements.txt":    "flask\n",
			"worker/requirements.txt": "rq\n",
			"worker/run.py":           "import rq\n",
			"frontend/package.json":   "{}",
			"compose.yaml":            "services:\n  api:\n    build: ./api\n  worker:\n    build: ./worker\n  ui:\n    build: ./frontend\n",
		})
		res := mustScan(t, dir, Options{NoGit: true})
		if res.Answers[KeyArchitecture] != "services" || len(res.Components) != 2 {
			t.Fatalf("architecture %v, components %+v", res.Answers[KeyArchitecture], res.Components)
		}
		if w := res.Components[1]; w.Name != "worker" || w.Answers[KeyBackgroundJobs] != true {
			t.Errorf("worker component: %+v", w)
		}
	})
	t.Run("one project", func(t *testing.T) {
		dir := tree(t, map[string]string{"pyproject.toml": "[project]\nname = \"x\"\ndependencies = [\"flask\"]\n"})
		res := mustScan(t, dir, Options{NoGit: true})
		ev := evidenceFor(res, KeyArchitecture)
		if res.Answers[KeyArchitecture] != "monolith" || ev[0].File != "pyproject.toml" || ev[0].Line != 3 {
			t.Errorf("architecture %v, evidence %+v", res.Answers[KeyArchitecture], ev)
		}
	})
	t.Run("no project", func(t *testing.T) {
		res := mustScan(t, tree(t, map[string]string{"README.md": "hi"}), Options{NoGit: true})
		if _, ok := res.Answers[KeyArchitecture]; ok {
			t.Errorf("architecture answered with no project")
		}
	})
}

// TestAcceptDropsWithEvidence: an answer the caller refuses leaves no
// evidence behind and counts as unknown.
func TestAcceptDropsWithEvidence(t *testing.T) {
	dir := tree(t, map[string]string{"requirements.txt": "django==5.2\n"})
	res := mustScan(t, dir, Options{NoGit: true, Accept: func(q string, _ any) bool { return q != KeyExistingStack }})
	if _, ok := res.Answers[KeyExistingStack]; ok {
		t.Fatalf("existing_stack answered: %v", res.Answers)
	}
	for _, e := range res.Evidence {
		if e.Question == KeyExistingStack {
			t.Errorf("evidence kept for a refused answer: %+v", e)
		}
	}
	if !slices.Contains(res.Unknown, KeyExistingStack) {
		t.Errorf("unknown %v lacks existing_stack", res.Unknown)
	}
	if res.Answers[KeyORM] != true {
		t.Errorf("orm = %v, want true: only the refused answer goes", res.Answers[KeyORM])
	}
}
