#!/usr/bin/env python3
"""Writes a realistic Python service tree for bench/scan.sh.

    gentree.py DIR FILES

About FILES files: a FastAPI + SQLAlchemy service split into packages
(routes with async handlers, models, schemas, services importing async
clients), Django-style settings, tests, migrations, docs, front-end assets
and requirements files — the mix of names a real repository has, most of
which the scan must skip without opening.
"""
import os
import random
import sys

root, total = sys.argv[1], int(sys.argv[2])
rng = random.Random(42)

ROUTES = '''from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import get_session
from app.{pkg}.schemas import {cls}In, {cls}Out
from app.{pkg}.services import {pkg}_service

router = APIRouter(prefix="/{pkg}", tags=["{pkg}"])


@router.get("/", response_model=list[{cls}Out])
async def list_{pkg}(session: AsyncSession = Depends(get_session)):
    return await {pkg}_service.list(session)


@router.post("/", response_model={cls}Out, status_code=201)
async def create_{pkg}(body: {cls}In, session: AsyncSession = Depends(get_session)):
    return await {pkg}_service.create(session, body)


@router.get("/{{item_id}}", response_model={cls}Out)
def get_{pkg}(item_id: int):
    raise HTTPException(status_code=404)
'''

MODELS = '''from sqlalchemy import Column, Integer, String, ForeignKey
from sqlalchemy.orm import relationship

from app.db import Base


class {cls}(Base):
    __tablename__ = "{pkg}"
    id = Column(Integer, primary_key=True)
    name = Column(String(200), nullable=False)
    owner_id = Column(Integer, ForeignKey("users.id"))
    owner = relationship("User")
'''

SCHEMAS = '''from pydantic import BaseModel, Field


class {cls}In(BaseModel):
    name: str = Field(max_length=200)


class {cls}Out({cls}In):
    id: int
'''

SERVICES = '''import httpx
from sqlalchemy import select

from app.{pkg}.models import {cls}


class {cls}Service:
    def __init__(self):
        self.client = httpx.AsyncClient(timeout=5)

    async def list(self, session):
        result = await session.execute(select({cls}))
        return result.scalars().all()

    async def create(self, session, body):
        item = {cls}(name=body.name)
        session.add(item)
        await session.commit()
        return item


{pkg}_service = {cls}Service()
'''

TEST = '''import pytest
from httpx import ASGITransport, AsyncClient

from app.main import app


@pytest.mark.anyio
async def test_list_{pkg}():
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as c:
        r = await c.get("/{pkg}/")
    assert r.status_code == 200
'''

STATIC = "/* generated */\n" + "body { margin: 0; }\n" * 40


def write(rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


write("pyproject.toml", '''[project]
name = "bench-service"
version = "1.0.0"
dependencies = [
    "fastapi[standard]>=0.115",
    "sqlalchemy[asyncio]>=2.0",
    "asyncpg>=0.30",
    "alembic>=1.14",
    "httpx>=0.28",
    "celery[redis]>=5.4",
    "pydantic>=2.9",
]

[dependency-groups]
dev = ["pytest", "pytest-asyncio", "ruff", "mypy"]
''')
lock = ['version = 1\nrequires-python = ">=3.12"\n']
for i in range(300):
    lock.append(f'\n[[package]]\nname = "pkg{i}"\nversion = "1.{i}.0"\nsource = {{ registry = "https://pypi.org/simple" }}\n'
                f'wheels = [{{ url = "https://files.example/pkg{i}-1.{i}.0-py3-none-any.whl", hash = "sha256:{i:064x}" }}]\n')
lock.append('\n[[package]]\nname = "fastapi"\nversion = "0.115.12"\n')
write("uv.lock", "".join(lock))
write("requirements/base.txt", "fastapi==0.115.12\nsqlalchemy==2.0.36\nasyncpg==0.30.0\n")
write("requirements/dev.txt", "-r base.txt\npytest\n")
write("Dockerfile", "FROM python:3.13-slim\nCOPY . /app\nCMD [\"uvicorn\", \"app.main:app\"]\n")
write("docker-compose.yml", "services:\n  api:\n    build: .\n  db:\n    image: postgres:17\n")
write("alembic.ini", "[alembic]\nscript_location = migrations\n")
write("migrations/env.py", "from alembic import context\n")
write(".gitignore", "__pycache__/\n*.pyc\n.venv/\n")
write("app/__init__.py", "")
write("app/db.py", "from sqlalchemy.ext.asyncio import create_async_engine\nengine = create_async_engine('postgresql+asyncpg://')\n")
write("app/main.py", "from fastapi import FastAPI\napp = FastAPI()\n")

n = 14
pkg = 0
while n < total:
    name = f"domain{pkg}"
    cls = f"Domain{pkg}"
    for f, tmpl in (("__init__.py", ""), ("routes.py", ROUTES), ("models.py", MODELS),
                    ("schemas.py", SCHEMAS), ("services.py", SERVICES)):
        write(f"app/{name}/{f}", tmpl.format(pkg=name, cls=cls))
    write(f"tests/{name}/test_{name}.py", TEST.format(pkg=name))
    write(f"migrations/versions/{pkg:04d}_{name}.py", f"revision = '{pkg:04d}'\n")
    write(f"docs/{name}.md", f"# {cls}\n\nThe {name} endpoints.\n" * 5)
    write(f"frontend/src/{name}/index.ts", f"export const {name} = {pkg};\n" * 10)
    write(f"frontend/src/{name}/style.css", STATIC)
    n += 10
    pkg += 1
