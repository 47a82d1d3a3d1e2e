package scan

import (
	"slices"
	"testing"
)

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"Django": "django", "Flask_Migrate": "flask-migrate", "zope.interface": "zope-interface",
		"a-_.-b": "a-b", " SQLAlchemy ": "sqlalchemy",
	} {
		if got := normalize(in); got != want {
			t.Errorf("normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseRequirement(t *testing.T) {
	for _, c := range []struct {
		in              string
		name, spec, pin string
		extras          []string
		ok              bool
	}{
		{"Django==5.2.1", "django", "==5.2.1", "5.2.1", nil, true},
		{"django >= 5.0, <6", "django", ">=5.0,<6", "", nil, true},
		{"fastapi[standard,all]>=0.115", "fastapi", ">=0.115", "", []string{"standard", "all"}, true},
		{"uvicorn[standard] ; python_version >= '3.9'", "uvicorn", "", "", []string{"standard"}, true},
		{"pkg @ https://example.invalid/pkg.whl", "pkg", "", "", nil, true},
		{"requests (>=2.0)", "requests", "(>=2.0)", "", nil, true},
		{"django==5.2.*", "django", "==5.2.*", "", nil, true},
		{"not a requirement", "", "", "", nil, false},
		{"", "", "", "", nil, false},
	} {
		d, ok := parseRequirement(c.in)
		if ok != c.ok || d.name != c.name || d.spec != c.spec || d.pin != c.pin || !slices.Equal(d.extras, c.extras) {
			t.Errorf("parseRequirement(%q) = %+v, %v", c.in, d, ok)
		}
	}
}

func TestParseRequirements(t *testing.T) {
	src := "# comment\n" +
		"-r base.txt\n" +
		"--requirement ../shared/requirements.txt\n" +
		"-c constraints.txt\n" +
		"--index-url https://example.invalid/simple\n" +
		"-e git+https://example.invalid/repo.git@v1#egg=My_Pkg\n" +
		"-e .\n" +
		"https://example.invalid/archive.zip#egg=zipped&subdirectory=x\n" +
		"celery[redis]==5.5.2 \\\n    --hash=sha256:0\n" +
		"django>=5 # inline comment\n" +
		"starlette==0.46\n    # via\n    #   fastapi\n    #   sse-starlette\n" +
		"uvicorn==0.34\n    # via -r requirements.in\n"
	got := parseRequirements("reqs/requirements.txt", []byte(src))
	wantIncludes := []include{{"reqs/base.txt", 2}, {"shared/requirements.txt", 3}}
	if !slices.Equal(got.includes, wantIncludes) {
		t.Errorf("includes = %+v, want %+v", got.includes, wantIncludes)
	}
	type row struct {
		name       string
		line       int
		transitive bool
	}
	var rows []row
	for _, d := range got.deps {
		rows = append(rows, row{d.name, d.line, d.transitive})
	}
	want := []row{{"my-pkg", 6, false}, {"zipped", 8, false}, {"celery", 9, false}, {"django", 11, false}, {"starlette", 12, true}, {"uvicorn", 16, false}}
	if !slices.Equal(rows, want) {
		t.Errorf("deps = %+v, want %+v", rows, want)
	}
	if dev := parseRequirements("requirements/test.txt", []byte("pytest\n")); !dev.deps[0].dev {
		t.Error("requirements/test.txt is a dev file")
	}
	if prod := parseRequirements("requirements/production.txt", []byte("gunicorn\n")); prod.deps[0].dev {
		t.Error("requirements/production.txt is not a dev file")
	}
}

func TestReadSettings(t *testing.T) {
	src := `from .base import *  # noqa
INSTALLED_APPS: list[str] = [
    "a",  # "commented"
    'b',
    """c""",
    *EXTRA,
]
EXTRA = (
    r'd',
)
if DEBUG:
    INSTALLED_APPS += ["e"]
INSTALLED_APPS.insert(0, "f")
OTHER = ["x"]
TASKS = {}
`
	f := readSettings([]byte(src))
	var labels []string
	for _, a := range f.apps {
		labels = append(labels, a.label)
	}
	slices.Sort(labels)
	if want := []string{"a", "b", "c", "d", "e", "f"}; !slices.Equal(labels, want) {
		t.Errorf("apps = %v, want %v", labels, want)
	}
	if f.tasksLine != 15 {
		t.Errorf("TASKS at line %d, want 15", f.tasksLine)
	}
}

func TestImportedModules(t *testing.T) {
	for in, want := range map[string][]string{
		"import os, redis.asyncio as r":            {"os", "redis.asyncio"},
		"from redis import asyncio as aioredis":    {"redis", "redis.asyncio"},
		"from fastapi import (FastAPI, WebSocket)": {"fastapi", "fastapi.FastAPI", "fastapi.WebSocket"},
		"from . import views":                      nil,
		"from x import *  # noqa":                  {"x"},
	} {
		if got := importedModules(in); !slices.Equal(got, want) {
			t.Errorf("importedModules(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestClassify(t *testing.T) {
	for in, want := range map[string]kind{
		"pyproject.toml": kPyproject, "a/requirements-dev.txt": kRequirements, "requirements/base.in": kRequirements,
		"app/main.py": kPython, "tests/test_x.py": kPythonPathOnly, "app/migrations/0001_initial.py": kPythonPathOnly,
		"Dockerfile.prod": kDockerfile, "docker/web.Dockerfile": kDockerfile, "compose.prod.yaml": kCompose,
		"k8s/deploy.yml": kYAML, ".chalice/config.json": kChalice, "tests/cassette.yaml": kNone,
		".devcontainer/Dockerfile": kNone, "README.md": kNone, "uv.lock": kTOMLLock,
	} {
		if got := classify(in); got != want {
			t.Errorf("classify(%q) = %v, want %v", in, got, want)
		}
	}
}
