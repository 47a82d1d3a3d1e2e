package scan

import (
	"strings"
	"testing"
)

// inferCase is one inference, present or absent: the files of a small
// project, the question, and the answer (nil for unknown) with the file and
// line its first evidence must name.
type inferCase struct {
	name  string
	files map[string]string
	q     string
	want  any
	file  string
	line  int
}

func runInferCases(t *testing.T, cases []inferCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := tree(t, c.files)
			res := mustScan(t, dir, Options{NoGit: true})
			got, ok := res.Answers[c.q]
			if c.want == nil {
				if ok {
					t.Fatalf("%s = %v, want unknown; evidence %+v", c.q, got, evidenceFor(res, c.q))
				}
				return
			}
			if got != c.want {
				t.Fatalf("%s = %v, want %v; evidence %+v", c.q, got, c.want, res.Evidence)
			}
			ev := evidenceFor(res, c.q)
			if ev[0].File != c.file || ev[0].Line != c.line {
				t.Errorf("first evidence at %s:%d, want %s:%d (%+v)", ev[0].File, ev[0].Line, c.file, c.line, ev)
			}
		})
	}
}

const fastapiMain = `from fastapi import FastAPI

app = FastAPI()


@app.get("/")
def root():
    return {}
`

func TestExistingStack(t *testing.T) {
	runInferCases(t, []inferCase{
		{"django in requirements", map[string]string{"requirements.txt": "# web\nDjango==5.2.1\n"}, KeyExistingStack, "django", "requirements.txt", 2},
		{"fastapi in PEP 621, starlette only in the lock", map[string]string{
			"pyproject.toml": "[project]\nname = \"api\"\ndependencies = [\n  \"fastapi>=0.115\",\n]\n",
			"uv.lock":        "version = 1\n\n[[package]]\nname = \"starlette\"\nversion = \"0.46.0\"\n\n[[package]]\nname = \"fastapi\"\nversion = \"0.115.6\"\n",
		}, KeyExistingStack, "fastapi", "pyproject.toml", 4},
		{"fastapi over starlette, both direct", map[string]string{"requirements.txt": "starlette\nfastapi\n"}, KeyExistingStack, "fastapi", "requirements.txt", 2},
		{"django over fastapi", map[string]string{"requirements.txt": "fastapi\ndjango\n"}, KeyExistingStack, "django", "requirements.txt", 2},
		{"pip-compile: starlette via fastapi is transitive", map[string]string{"requirements.txt": "starlette==0.46.0\n    # via fastapi\nuvicorn==0.34.0\n    # via -r requirements.in\n"}, KeyExistingStack, nil, "", 0},
		{"litestar in poetry", map[string]string{"pyproject.toml": "[tool.poetry]\nname = \"x\"\n\n[tool.poetry.dependencies]\npython = \"^3.12\"\nlitestar = {version = \"^2.15\", extras = [\"standard\"]}\n"}, KeyExistingStack, "litestar", "pyproject.toml", 6},
		{"flask in Pipfile", map[string]string{"Pipfile": "[packages]\nrequests = \"*\"\nFlask = \"==3.1.0\"\n\n[dev-packages]\npytest = \"*\"\n"}, KeyExistingStack, "flask", "Pipfile", 3},
		{"quart in setup.cfg is other", map[string]string{"setup.cfg": "[metadata]\nname = x\n\n[options]\ninstall_requires =\n    requests\n    quart>=0.20\n"}, KeyExistingStack, "other", "setup.cfg", 7},
		{"sanic in setup.py is other", map[string]string{"setup.py": "from setuptools import setup\nsetup(\n    name='x',\n    install_requires=[\n        'sanic>=23',\n    ],\n)\n"}, KeyExistingStack, "other", "setup.py", 5},
		{"import when no manifest names one", map[string]string{"app.py": "import os\nfrom flask import Flask\n"}, KeyExistingStack, "flask", "app.py", 2},
		{"no framework", map[string]string{"requirements.txt": "requests\nnumpy\n", "main.py": "import requests\n"}, KeyExistingStack, nil, "", 0},
		{"dev-only framework", map[string]string{"requirements.txt": "requests\n", "requirements-dev.txt": "django\n"}, KeyExistingStack, nil, "", 0},
		{"lock-only framework", map[string]string{"pyproject.toml": "[project]\nname = \"x\"\ndependencies = [\"requests\"]\n", "poetry.lock": "[[package]]\nname = \"flask\"\nversion = \"3.0.0\"\n"}, KeyExistingStack, nil, "", 0},
		{"framework only in tests", map[string]string{"requirements.txt": "requests\n", "tests/test_app.py": "from fastapi import FastAPI\n"}, KeyExistingStack, nil, "", 0},
	})
}

func TestStackDetailNamesVersionAndOthers(t *testing.T) {
	dir := tree(t, map[string]string{
		"pyproject.toml": "[project]\nname = \"api\"\ndependencies = [\"fastapi>=0.115\", \"starlette\"]\n",
		"uv.lock":        "[[package]]\nname = \"fastapi\"\nversion = \"0.115.6\"\n",
	})
	res := mustScan(t, dir, Options{NoGit: true})
	d := evidenceFor(res, KeyExistingStack)[0].Detail
	for _, want := range []string{"fastapi>=0.115", "locked at 0.115.6 in uv.lock", "also uses Starlette"} {
		if !strings.Contains(d, want) {
			t.Errorf("detail %q lacks %q", d, want)
		}
	}
}

func TestORM(t *testing.T) {
	runInferCases(t, []inferCase{
		{"sqlalchemy in optional deps", map[string]string{"pyproject.toml": "[project]\nname = \"x\"\ndependencies = []\n\n[project.optional-dependencies]\ndb = [\n  \"SQLAlchemy[asyncio]>=2\",\n]\n"}, KeyORM, true, "pyproject.toml", 7},
		{"django", map[string]string{"requirements.txt": "django\n"}, KeyORM, true, "requirements.txt", 1},
		{"tortoise in uv dependency group", map[string]string{"pyproject.toml": "[project]\nname = \"x\"\n\n[dependency-groups]\nserver = [\"tortoise-orm\"]\n"}, KeyORM, true, "pyproject.toml", 5},
		{"dev group does not count", map[string]string{"pyproject.toml": "[project]\nname = \"x\"\n\n[dependency-groups]\ndev = [\"sqlalchemy\"]\n"}, KeyORM, nil, "", 0},
		{"setup.py test extra does not count", map[string]string{"setup.py": "setup(\n    name='x',\n    extras_require={\n        'test': ['sqlalchemy'],\n    },\n)\n"}, KeyORM, nil, "", 0},
		{"setup.py feature extra counts", map[string]string{"setup.py": "setup(\n    name='x',\n    extras_require={\n        'test': ['pytest'],\n        'db': ['sqlalchemy>=2'],\n    },\n)\n"}, KeyORM, true, "setup.py", 5},
		{"setup.cfg dev extra does not count", map[string]string{"setup.cfg": "[metadata]\nname = x\n\n[options.extras_require]\ndev =\n    sqlalchemy\n"}, KeyORM, nil, "", 0},
		{"absent", map[string]string{"requirements.txt": "requests\n"}, KeyORM, nil, "", 0},
	})
}

func TestMigrations(t *testing.T) {
	runInferCases(t, []inferCase{
		{"django migrations folder", map[string]string{"app/migrations/0001_initial.py": "", "app/migrations/__init__.py": ""}, KeyMigrations, true, "app/migrations/0001_initial.py", 0},
		{"alembic.ini", map[string]string{"alembic.ini": "[alembic]\n", "requirements.txt": "requests\n"}, KeyMigrations, true, "alembic.ini", 0},
		{"alembic env.py", map[string]string{"migrations/env.py": "from alembic import context\n"}, KeyMigrations, true, "migrations/env.py", 0},
		{"flask-migrate", map[string]string{"requirements.txt": "flask\nFlask_Migrate==4.0\n"}, KeyMigrations, true, "requirements.txt", 2},
		{"aerich config", map[string]string{"pyproject.toml": "[project]\nname = \"x\"\n\n[tool.aerich]\ntortoise_orm = \"app.db.TORTOISE_ORM\"\n"}, KeyMigrations, true, "pyproject.toml", 0},
		{"absent", map[string]string{"requirements.txt": "flask\n", "app.py": "from flask import Flask\n"}, KeyMigrations, nil, "", 0},
	})
}

func TestAdmin(t *testing.T) {
	runInferCases(t, []inferCase{
		{"list", map[string]string{"mysite/settings.py": "INSTALLED_APPS = [\n    'django.contrib.admin',\n    'django.contrib.auth',\n]\n"}, KeyAdmin, true, "mysite/settings.py", 2},
		{"tuple on one line", map[string]string{"settings.py": "DEBUG = True\nINSTALLED_APPS = ('django.contrib.auth', \"django.contrib.admin\")\n"}, KeyAdmin, true, "settings.py", 2},
		{"augmented in a settings package", map[string]string{
			"config/settings/base.py": "INSTALLED_APPS = ['django.contrib.auth']\n",
			"config/settings/prod.py": "from .base import *\n\nif True:\n    INSTALLED_APPS += [\n        # admin only in production\n        \"django.contrib.admin.apps.SimpleAdminConfig\",\n    ]\n",
		}, KeyAdmin, true, "config/settings/prod.py", 6},
		{"built from named lists", map[string]string{"settings.py": "DJANGO_APPS = [\n    \"django.contrib.auth\",\n    \"django.contrib.admin\",\n]\nLOCAL_APPS = [\"shop\"]\nINSTALLED_APPS = DJANGO_APPS + LOCAL_APPS\n"}, KeyAdmin, true, "settings.py", 3},
		{"append", map[string]string{"settings.py": "INSTALLED_APPS = []\nINSTALLED_APPS.append('django.contrib.admin')\n"}, KeyAdmin, true, "settings.py", 2},
		{"flask-admin", map[string]string{"requirements.txt": "flask\nflask-admin\n"}, KeyAdmin, true, "requirements.txt", 2},
		{"commented out", map[string]string{"settings.py": "INSTALLED_APPS = [\n    # 'django.contrib.admin',\n    'django.contrib.auth',  # 'django.contrib.admin'\n]\n"}, KeyAdmin, nil, "", 0},
		{"another list", map[string]string{"settings.py": "INSTALLED_APPS = ['django.contrib.auth']\nUNUSED = ['django.contrib.admin']\n"}, KeyAdmin, nil, "", 0},
		{"absent", map[string]string{"requirements.txt": "django\n"}, KeyAdmin, nil, "", 0},
	})
}

func TestBackgroundJobs(t *testing.T) {
	runInferCases(t, []inferCase{
		{"celery", map[string]string{"requirements.txt": "django\ncelery[redis]==5.5\n"}, KeyBackgroundJobs, true, "requirements.txt", 2},
		{"django tasks import", map[string]string{"shop/tasks.py": "from django.tasks import task\n"}, KeyBackgroundJobs, true, "shop/tasks.py", 1},
		{"django TASKS setting", map[string]string{"settings.py": "INSTALLED_APPS = []\nTASKS = {\n    \"default\": {\"BACKEND\": \"django.tasks.backends.immediate.ImmediateBackend\"},\n}\n"}, KeyBackgroundJobs, true, "settings.py", 2},
		{"dramatiq in poetry group", map[string]string{"pyproject.toml": "[tool.poetry.group.worker.dependencies]\ndramatiq = \"^1.17\"\n"}, KeyBackgroundJobs, true, "pyproject.toml", 2},
		{"absent", map[string]string{"requirements.txt": "django\n"}, KeyBackgroundJobs, nil, "", 0},
	})
}

func TestRealtime(t *testing.T) {
	runInferCases(t, []inferCase{
		{"channels", map[string]string{"requirements.txt": "django\nchannels\n"}, KeyRealtime, true, "requirements.txt", 2},
		{"fastapi websocket route", map[string]string{"main.py": "from fastapi import FastAPI, WebSocket\n\napp = FastAPI()\n\n\n@app.websocket(\"/ws\")\nasync def ws(websocket: WebSocket):\n    await websocket.accept()\n"}, KeyRealtime, true, "main.py", 7},
		{"router websocket, multi-line decorator", map[string]string{"api/ws.py": "from fastapi import APIRouter\nrouter = APIRouter()\n\n@router.websocket(\n    \"/ws\",\n)\nasync def feed(ws):\n    ...\n"}, KeyRealtime, true, "api/ws.py", 7},
		{"starlette WebSocketRoute", map[string]string{"app.py": "from starlette.routing import WebSocketRoute\n\nroutes = [\n    WebSocketRoute(\"/ws\", endpoint),\n]\n"}, KeyRealtime, true, "app.py", 4},
		{"litestar websocket", map[string]string{"app.py": "from litestar import websocket\n\n@websocket(\"/ws\")\nasync def handler(socket) -> None:\n    pass\n"}, KeyRealtime, true, "app.py", 4},
		{"http routes only", map[string]string{"main.py": fastapiMain, "requirements.txt": "fastapi\n"}, KeyRealtime, nil, "", 0},
		// Django adds daphne to INSTALLED_APPS so that runserver serves ASGI;
		// that says nothing about websockets.
		{"daphne app is not realtime", map[string]string{"settings.py": "INSTALLED_APPS = [\n    'daphne',\n    'django.contrib.auth',\n]\n", "requirements.txt": "django\ndaphne\n"}, KeyRealtime, nil, "", 0},
	})
}

func TestDeployment(t *testing.T) {
	runInferCases(t, []inferCase{
		{"Dockerfile", map[string]string{"requirements.txt": "flask\n", "Dockerfile": "FROM node:22 AS assets\nRUN npm ci\nFROM python:3.13-slim\nCOPY . .\n"}, KeyDeployment, "containers", "Dockerfile", 3},
		{"serverless wins over a Dockerfile", map[string]string{"requirements.txt": "fastapi\nmangum\n", "Dockerfile": "FROM python:3.13\n", "serverless.yml": "service: api\nprovider:\n  name: aws\n"}, KeyDeployment, "serverless", "serverless.yml", 2},
		{"SAM template", map[string]string{"requirements.txt": "flask\n", "template.yaml": "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\n"}, KeyDeployment, "serverless", "template.yaml", 2},
		{"zappa", map[string]string{"requirements.txt": "flask\n", "zappa_settings.json": "{}\n"}, KeyDeployment, "serverless", "zappa_settings.json", 0},
		{"mangum in code", map[string]string{"main.py": "from mangum import Mangum\nfrom fastapi import FastAPI\napp = FastAPI()\nhandler = Mangum(app)\n"}, KeyDeployment, "serverless", "main.py", 4},
		{"kubernetes manifest", map[string]string{"requirements.txt": "flask\n", "deploy/app.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"}, KeyDeployment, "containers", "deploy/app.yaml", 2},
		{"compose build", map[string]string{"requirements.txt": "flask\n", "compose.yaml": "services:\n  web:\n    build: .\n  db:\n    image: postgres:17\n"}, KeyDeployment, "containers", "compose.yaml", 3},
		{"Procfile is a server", map[string]string{"requirements.txt": "flask\n", "Procfile": "release: flask db upgrade\nweb: gunicorn app:app\n"}, KeyDeployment, "server", "Procfile", 2},
		{"compose without build says nothing", map[string]string{"requirements.txt": "flask\n", "docker-compose.yml": "services:\n  db:\n    image: postgres\n"}, KeyDeployment, nil, "", 0},
		{"dev container says nothing", map[string]string{"requirements.txt": "flask\n", ".devcontainer/Dockerfile": "FROM python:3.13\n"}, KeyDeployment, nil, "", 0},
		{"absent", map[string]string{"requirements.txt": "flask\n"}, KeyDeployment, nil, "", 0},
	})
}

func TestAPIDocs(t *testing.T) {
	runInferCases(t, []inferCase{
		{"drf-spectacular", map[string]string{"requirements.txt": "django\ndjangorestframework\ndrf-spectacular\n"}, KeyAPIDocs, true, "requirements.txt", 3},
		{"fastapi serves docs by default", map[string]string{"requirements.txt": "fastapi\n", "main.py": fastapiMain}, KeyAPIDocs, true, "requirements.txt", 1},
		{"fastapi with docs turned off", map[string]string{"requirements.txt": "fastapi\n", "main.py": "from fastapi import FastAPI\napp = FastAPI(openapi_url=None)\n"}, KeyAPIDocs, nil, "", 0},
		{"fastapi with docs off only in production", map[string]string{"requirements.txt": "fastapi\n", "main.py": "from fastapi import FastAPI\napp = FastAPI(openapi_url=None if PROD else \"/openapi.json\")\n"}, KeyAPIDocs, true, "requirements.txt", 1},
		{"flask alone", map[string]string{"requirements.txt": "flask\n"}, KeyAPIDocs, nil, "", 0},
	})
}

func TestValidation(t *testing.T) {
	runInferCases(t, []inferCase{
		{"fastapi with a pydantic model", map[string]string{"requirements.txt": "fastapi\n", "models.py": "from pydantic import BaseModel\n\n\nclass Item(BaseModel):\n    name: str\n"}, KeyValidation, true, "requirements.txt", 1},
		{"ninja schema", map[string]string{"requirements.txt": "django\ndjango-ninja\n", "api.py": "from ninja import Schema\n\nclass In(Schema):\n    x: int\n"}, KeyValidation, true, "requirements.txt", 2},
		{"fastapi without models", map[string]string{"requirements.txt": "fastapi\n", "main.py": fastapiMain}, KeyValidation, nil, "", 0},
		{"flask with pydantic", map[string]string{"requirements.txt": "flask\npydantic\n"}, KeyValidation, nil, "", 0},
		{"marshmallow Schema is not a type-hint model", map[string]string{"requirements.txt": "fastapi\n", "s.py": "from marshmallow import Schema\nclass S(Schema):\n    pass\n"}, KeyValidation, nil, "", 0},
	})
}

func TestWorkload(t *testing.T) {
	asyncHandler := "from fastapi import FastAPI\nimport asyncpg\n\napp = FastAPI()\n\n@app.get(\"/items\")\nasync def items():\n    conn = await asyncpg.connect()\n"
	cpuView := "from flask import Flask\nimport numpy as np\n\napp = Flask(__name__)\n\n@app.route(\"/sum\")\ndef total():\n    return str(np.sum([1]))\n"
	runInferCases(t, []inferCase{
		{"async handler with asyncpg", map[string]string{"main.py": asyncHandler}, KeyWorkload, "io", "main.py", 7},
		{"async handler with httpx.AsyncClient elsewhere", map[string]string{
			"app/routes.py":  "from fastapi import APIRouter\nrouter = APIRouter()\n\n@router.post(\"/x\")\nasync def create():\n    ...\n",
			"app/clients.py": "import httpx\n\nclient = httpx.AsyncClient(timeout=5)\n",
		}, KeyWorkload, "io", "app/routes.py", 5},
		{"numpy in a flask view", map[string]string{"app.py": cpuView}, KeyWorkload, "cpu", "app.py", 2},
		{"both", map[string]string{"main.py": asyncHandler, "views.py": "import pandas\n\nasync def report(request):\n    ...\n"}, KeyWorkload, "mixed", "main.py", 7},
		{"numpy outside request handlers", map[string]string{"app.py": fastapiMain, "etl/job.py": "import numpy\n"}, KeyWorkload, nil, "", 0},
		{"async handler without async I/O", map[string]string{"main.py": "from fastapi import FastAPI\napp = FastAPI()\n\n@app.get(\"/\")\nasync def root():\n    return {}\n"}, KeyWorkload, nil, "", 0},
		{"async client only in tests", map[string]string{"main.py": "from fastapi import FastAPI\napp = FastAPI()\n\n@app.get(\"/\")\nasync def root():\n    return {}\n", "tests/test_main.py": "import httpx\nc = httpx.AsyncClient()\n"}, KeyWorkload, nil, "", 0},
	})
	dir := tree(t, map[string]string{"main.py": asyncHandler})
	for _, e := range evidenceFor(mustScan(t, dir, Options{NoGit: true}), KeyWorkload) {
		if e.Strength != Weak {
			t.Errorf("workload evidence must be weak: %+v", e)
		}
	}
}

func TestNeverAnswered(t *testing.T) {
	dir := tree(t, map[string]string{"main.py": "from fastapi import FastAPI\nimport asyncpg\napp = FastAPI()\n\n@app.get(\"/\")\nasync def root():\n    await asyncpg.connect()\n", "requirements.txt": "fastapi\nasyncpg\n"})
	res := mustScan(t, dir, Options{NoGit: true})
	for _, q := range []string{KeyConcurrency, KeyAsyncExperience} {
		if v, ok := res.Answers[q]; ok {
			t.Errorf("%s = %v; the scan has no defensible rule for it", q, v)
		}
	}
}
