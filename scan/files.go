package scan

import (
	"context"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// kind is what a file is to the scan, judged by its path alone, so that only
// files whose names matter are ever opened.
type kind uint8

const (
	kNone kind = iota
	kPyproject
	kPipfile
	kPipfileLock
	kSetupCfg
	kSetupPy
	kRequirements
	kTOMLLock // uv.lock, poetry.lock, pdm.lock
	kPython
	kPythonPathOnly // tests and migrations: their path counts, their code does not
	kAlembicIni
	kDockerfile
	kCompose
	kHelmChart
	kServerless
	kSAM
	kZappa
	kChalice
	kFly
	kProcfile
	kAppServerConfig
	kSystemd
	kYAML // any other YAML: a Kubernetes manifest, maybe
)

// skipDirs are directories whose contents are never the project's own:
// VCS data, virtual environments, installed or vendored packages, caches
// and build outputs.
var skipDirs = map[string]bool{
	".git": true, ".hg": true, ".svn": true,
	".venv": true, "venv": true, "node_modules": true, "site-packages": true,
	"__pycache__": true, "vendor": true, "third_party": true, "_vendor": true,
	"dist": true, "build": true, ".tox": true, ".nox": true, ".eggs": true,
	".mypy_cache": true, ".pytest_cache": true, ".ruff_cache": true,
}

// skipped reports whether a slash path lies in a directory the scan never
// enters.
func skipped(rel string) bool {
	for dir := range strings.SplitSeq(path.Dir(rel), "/") {
		if skipDirs[dir] || strings.HasSuffix(dir, ".egg-info") {
			return true
		}
	}
	return false
}

// classify names the kind of a slash path relative to the scanned directory.
// Deployment files under tests, docs, examples or hidden directories are
// not read: a recorded HTTP cassette is YAML, and a dev container has a
// Dockerfile, but neither says how the service ships.
func classify(rel string) kind {
	k := classifyName(rel)
	if k >= kAlembicIni && isAuxPath(rel) {
		return kNone
	}
	return k
}

func classifyName(rel string) kind {
	base := path.Base(rel)
	dir := path.Dir(rel)
	ext := path.Ext(base)
	switch base {
	case "pyproject.toml":
		return kPyproject
	case "Pipfile":
		return kPipfile
	case "Pipfile.lock":
		return kPipfileLock
	case "setup.cfg":
		return kSetupCfg
	case "setup.py":
		return kSetupPy
	case "uv.lock", "poetry.lock", "pdm.lock":
		return kTOMLLock
	case "alembic.ini":
		return kAlembicIni
	case "Dockerfile", "Containerfile":
		return kDockerfile
	case "Chart.yaml":
		return kHelmChart
	case "serverless.yml", "serverless.yaml":
		return kServerless
	case "template.yaml", "template.yml":
		return kSAM
	case "zappa_settings.json", "zappa_settings.yml", "zappa_settings.yaml", "zappa_settings.toml":
		return kZappa
	case "fly.toml":
		return kFly
	case "Procfile":
		return kProcfile
	case "uwsgi.ini", "gunicorn.conf.py", "gunicorn_conf.py":
		return kAppServerConfig
	}
	if base == "config.json" && path.Base(dir) == ".chalice" {
		return kChalice
	}
	if strings.HasPrefix(base, "Dockerfile.") || strings.HasSuffix(base, ".Dockerfile") || strings.HasSuffix(base, ".dockerfile") {
		return kDockerfile
	}
	if isRequirements(rel) {
		return kRequirements
	}
	switch ext {
	case ".py":
		if isAuxPath(rel) || isMigrationsDir(dir) {
			return kPythonPathOnly
		}
		return kPython
	case ".yml", ".yaml":
		if strings.HasPrefix(base, "docker-compose") || strings.HasPrefix(base, "compose.") || strings.HasPrefix(base, "compose-") {
			return kCompose
		}
		return kYAML
	case ".service":
		return kSystemd
	}
	return kNone
}

// isRequirements matches pip requirements files: requirements*.txt,
// *-requirements.txt, their pip-tools *.in sources, and any .txt or .in in a
// directory named requirements.
func isRequirements(rel string) bool {
	base := path.Base(rel)
	ext := path.Ext(base)
	if ext != ".txt" && ext != ".in" {
		return false
	}
	if strings.Contains(strings.ToLower(base), "requirements") {
		return true
	}
	switch path.Base(path.Dir(rel)) {
	case "requirements", "reqs", "requirements.d":
		return true
	}
	return false
}

// auxDirs hold code that is not the service: tests, documentation,
// examples and benchmarks (and hidden directories, see isAuxPath). Their files show a Python project exists, but
// are not evidence of what it runs on (httpx.AsyncClient drives FastAPI
// tests; an example app may use another framework).
var auxDirs = map[string]bool{
	"tests": true, "test": true, "testing": true, "docs": true, "doc": true,
	"examples": true, "example": true, "samples": true, "sample": true, "benchmarks": true,
}

// isAuxPath reports whether a slash path is test, docs or example code:
// under one of auxDirs, or named as pytest names tests.
func isAuxPath(rel string) bool {
	base := path.Base(rel)
	if strings.HasPrefix(base, "test_") || strings.HasSuffix(base, "_test.py") || base == "conftest.py" || base == "tests.py" {
		return true
	}
	for dir := range strings.SplitSeq(path.Dir(rel), "/") {
		// Hidden directories hold tool configuration and samples
		// (.devcontainer, .github, .semgrep), not the service; .chalice is
		// the one whose config says how the service deploys.
		if auxDirs[dir] || len(dir) > 1 && dir[0] == '.' && dir != ".." && dir != ".chalice" {
			return true
		}
	}
	return false
}

func isMigrationsDir(dir string) bool {
	b := path.Base(dir)
	if b == "versions" {
		b = path.Base(path.Dir(dir))
		return b == "alembic" || b == "migrations"
	}
	return b == "migrations"
}

// dropVenvs removes files under directories holding a pyvenv.cfg: virtual
// environments under any name.
func dropVenvs(files []string) []string {
	var venvs []string
	for _, f := range files {
		if path.Base(f) == "pyvenv.cfg" && path.Dir(f) != "." {
			venvs = append(venvs, path.Dir(f)+"/")
		}
	}
	if len(venvs) == 0 {
		return files
	}
	return slices.DeleteFunc(files, func(f string) bool {
		for _, v := range venvs {
			if strings.HasPrefix(f, v) {
				return true
			}
		}
		return false
	})
}

// walker lists a tree that is not in a git work tree, honouring every
// .gitignore on the way. go-git's matcher is used because it implements
// git's rules for nested .gitignore files and negation; the walk itself is
// hand-written so that it can skip virtual environments by their pyvenv.cfg
// and never follow a symlinked directory (no loops, nothing outside root).
type walker struct {
	ctx   context.Context
	root  string
	max   int64
	files []string
	warns []Warning
}

func (w *walker) walk(rel string, patterns []gitignore.Pattern) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	entries, err := os.ReadDir(filepath.Join(w.root, filepath.FromSlash(rel)))
	if err != nil {
		w.warns = append(w.warns, Warning{File: rel, Message: "cannot list directory: " + unwrapPathError(err)})
		return nil
	}
	var domain []string
	if rel != "." {
		domain = strings.Split(rel, "/")
	}
	for _, e := range entries {
		switch {
		case e.Name() == "pyvenv.cfg" && rel != ".":
			return nil
		case e.Name() == ".gitignore" && e.Type().IsRegular():
			patterns = append(slices.Clip(patterns), w.gitignore(join(rel, e.Name()), domain)...)
		}
	}
	m := gitignore.NewMatcher(patterns)
	for _, e := range entries {
		name := e.Name()
		child := join(rel, name)
		comps := append(slices.Clip(domain), name)
		if e.IsDir() {
			if skipDirs[name] || strings.HasSuffix(name, ".egg-info") || m.Match(comps, true) {
				continue
			}
			if err := w.walk(child, patterns); err != nil {
				return err
			}
			continue
		}
		if !m.Match(comps, false) {
			w.files = append(w.files, child)
		}
	}
	return nil
}

func (w *walker) gitignore(rel string, domain []string) []gitignore.Pattern {
	data, warn := readFile(w.root, rel, w.max)
	if warn != nil {
		w.warns = append(w.warns, *warn)
		return nil
	}
	var ps []gitignore.Pattern
	for line := range strings.SplitSeq(string(data), "\n") {
		line = strings.TrimSuffix(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		ps = append(ps, gitignore.ParsePattern(line, domain))
	}
	return ps
}

func join(dir, name string) string {
	if dir == "." {
		return name
	}
	return dir + "/" + name
}
