package scan

import (
	"strings"
	"testing"
)

// djangoRepo is a Django project with the admin, migrations, Celery,
// Channels and a Dockerfile.
func djangoRepo(t *testing.T) string {
	return tree(t, map[string]string{
		"requirements/base.txt":  "Django==5.2.1\ndjangorestframework==3.16.0\ncelery[redis]==5.5.2\nchannels==4.2.0\n",
		"requirements/local.txt": "-r base.txt\ndjango-debug-toolbar\n",
		"requirements.txt":       "-r requirements/base.txt\ngunicorn\n",
		"config/settings/base.py": `DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
]
THIRD_PARTY_APPS = ["rest_framework", "channels"]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + ["shop"]
`,
		"config/asgi.py":                  "from channels.routing import ProtocolTypeRouter\n",
		"shop/migrations/__init__.py":     "",
		"shop/migrations/0001_initial.py": "from django.db import migrations\n",
		"shop/views.py":                   "from rest_framework.views import APIView\n\nclass Items(APIView):\n    pass\n",
		"shop/tasks.py":                   "from celery import shared_task\n",
		"shop/tests/test_views.py":        "import httpx\n",
		"Dockerfile":                      "FROM python:3.13-slim\nCOPY . /app\n",
	})
}

func TestDjangoRepo(t *testing.T) {
	res := mustScan(t, djangoRepo(t), Options{NoGit: true})
	want := map[string]any{
		KeyExistingStack: "django", KeyORM: true, KeyMigrations: true, KeyAdmin: true,
		KeyBackgroundJobs: true, KeyRealtime: true, KeyDeployment: "containers", KeyArchitecture: "monolith",
	}
	checkExactAnswers(t, res, want, "")
	checkFirst(t, res, KeyExistingStack, "requirements/base.txt", 1, "django==5.2.1")
	checkFirst(t, res, KeyAdmin, "config/settings/base.py", 2, `"django.contrib.admin"`)
	checkFirst(t, res, KeyMigrations, "shop/migrations/0001_initial.py", 0, "Django migrations")
	checkFirst(t, res, KeyBackgroundJobs, "requirements/base.txt", 3, "celery")
	checkFirst(t, res, KeyRealtime, "config/settings/base.py", 5, "Channels")
	checkFirst(t, res, KeyDeployment, "Dockerfile", 1, "python:3.13-slim")
}

func checkFirst(t *testing.T, res *Result, q, file string, line int, detail string) {
	t.Helper()
	ev := evidenceFor(res, q)
	if len(ev) == 0 {
		t.Errorf("%s: no evidence", q)
		return
	}
	if ev[0].File != file || ev[0].Line != line || !strings.Contains(ev[0].Detail, detail) {
		t.Errorf("%s: first evidence %s:%d %q, want %s:%d containing %q", q, ev[0].File, ev[0].Line, ev[0].Detail, file, line, detail)
	}
}

func TestFastAPIRepo(t *testing.T) {
	dir := tree(t, map[string]string{
		"pyproject.toml": `[project]
name = "orders-api"
dependencies = [
    "fastapi[standard]>=0.115",
    "asyncpg>=0.30",
    "httpx>=0.28",
    "pydantic>=2",
]

[dependency-groups]
dev = ["pytest", "websockets"]
`,
		"uv.lock":   "version = 1\n\n[[package]]\nname = \"fastapi\"\nversion = \"0.115.12\"\n\n[[package]]\nname = \"starlette\"\nversion = \"0.46.2\"\n\n[[package]]\nname = \"websockets\"\nversion = \"15.0\"\n",
		"app/db.py": "import asyncpg\n\nasync def pool():\n    return await asyncpg.create_pool()\n",
		"app/main.py": `from fastapi import FastAPI
import httpx
from pydantic import BaseModel

app = FastAPI()


class Order(BaseModel):
    id: int


@app.post("/orders")
async def create(order: Order):
    async with httpx.AsyncClient() as client:
        await client.post("https://example.invalid")
`,
	})
	res := mustScan(t, dir, Options{NoGit: true})
	want := map[string]any{
		KeyExistingStack: "fastapi", KeyAPIDocs: true, KeyValidation: true, KeyWorkload: "io", KeyArchitecture: "monolith",
	}
	checkExactAnswers(t, res, want, "websockets is a dev dependency")
	checkFirst(t, res, KeyExistingStack, "pyproject.toml", 4, "locked at 0.115.12 in uv.lock")
	checkFirst(t, res, KeyWorkload, "app/main.py", 13, "async request handler create")
	ev := evidenceFor(res, KeyWorkload)
	if len(ev) != 2 || ev[1].File != "app/db.py" || ev[1].Line != 1 || !strings.Contains(ev[1].Detail, "asyncpg") {
		t.Errorf("workload evidence %+v, want the handler and asyncpg in app/db.py:1", ev)
	}
}

func TestFlaskRepoWithIncludes(t *testing.T) {
	dir := tree(t, map[string]string{
		"requirements.txt": "# production\n-r requirements/prod.txt\n",
		"requirements/prod.txt": "--requirement=common.txt\n--index-url https://pypi.example.invalid/simple\n" +
			"gunicorn==23.0 \\\n    --hash=sha256:abc\n",
		"requirements/common.txt": "-r prod.txt\n-r ../requirements.txt\nflask>=3.0 ; python_version >= \"3.9\"\n" +
			"-e git+https://github.com/example/flask-admin.git@main#egg=Flask_Admin\n" +
			"flask-sqlalchemy[async]==3.1.1  # ORM\n",
		"requirements-dev.txt":    "-r requirements.txt\npytest\nflask-socketio\n",
		"deps/extra.in":           "celery\n",
		"requirements/worker.txt": "-r ../deps/extra.in\n",
		"Procfile":                "web: gunicorn app:app\n",
		"app.py":                  "from flask import Flask\napp = Flask(__name__)\n",
	})
	res := mustScan(t, dir, Options{NoGit: true})
	want := map[string]any{
		KeyExistingStack: "flask", KeyORM: true, KeyAdmin: true, KeyBackgroundJobs: true,
		KeyDeployment: "server", KeyArchitecture: "monolith",
	}
	checkExactAnswers(t, res, want, "flask-socketio is a dev dependency")
	checkFirst(t, res, KeyExistingStack, "requirements/common.txt", 3, "flask>=3.0")
	checkFirst(t, res, KeyORM, "requirements/common.txt", 5, "flask-sqlalchemy[async]==3.1.1")
	checkFirst(t, res, KeyAdmin, "requirements/common.txt", 4, "flask-admin")
	checkFirst(t, res, KeyBackgroundJobs, "deps/extra.in", 1, "celery")
	checkFirst(t, res, KeyDeployment, "Procfile", 1, "Procfile")
	if len(res.Warnings) != 0 {
		t.Errorf("warnings: %+v", res.Warnings)
	}
}

// checkExactAnswers checks that the scan answered exactly want; why says what
// it must have left out, if anything.
func checkExactAnswers(t *testing.T, res *Result, want map[string]any, why string) {
	t.Helper()
	for q, v := range want {
		if res.Answers[q] != v {
			t.Errorf("%s = %v, want %v", q, res.Answers[q], v)
		}
	}
	if len(res.Answers) != len(want) {
		t.Errorf("answers %v, want exactly %v %s", res.Answers, want, why)
	}
}
