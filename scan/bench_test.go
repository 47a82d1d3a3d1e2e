package scan

import (
	"context"
	"fmt"
	"testing"
)

// benchTree writes n packages of a FastAPI service: routes with async
// handlers, models, schemas, services with async clients, and tests.
func benchTree(b *testing.B, n int) string {
	b.Helper()
	files := map[string]string{
		"pyproject.toml": "[project]\nname = \"bench\"\ndependencies = [\"fastapi\", \"sqlalchemy[asyncio]\", \"asyncpg\", \"celery\"]\n",
		"Dockerfile":     "FROM python:3.13-slim\n",
		"app/db.py":      "from sqlalchemy.ext.asyncio import create_async_engine\n",
	}
	for i := range n {
		p := fmt.Sprintf("app/d%d/", i)
		files[p+"routes.py"] = "from fastapi import APIRouter\nrouter = APIRouter()\n\n@router.get(\"/\")\nasync def list_items():\n    ...\n"
		files[p+"models.py"] = "from sqlalchemy import Column, Integer\nfrom app.db import Base\n\nclass Item(Base):\n    id = Column(Integer, primary_key=True)\n"
		files[p+"schemas.py"] = "from pydantic import BaseModel\n\nclass ItemIn(BaseModel):\n    name: str\n"
		files[p+"services.py"] = "import httpx\n\nclient = httpx.AsyncClient()\n"
		files[fmt.Sprintf("tests/test_d%d.py", i)] = "import httpx\n"
		files[fmt.Sprintf("docs/d%d.md", i)] = "# docs\n"
	}
	dir := b.TempDir()
	for name, content := range files {
		writeBench(b, dir, name, content)
	}
	return dir
}

func BenchmarkScan1000Files(b *testing.B) { benchScan(b, 170) }

func BenchmarkScan5000Files(b *testing.B) { benchScan(b, 835) }

func benchScan(b *testing.B, packages int) {
	dir := benchTree(b, packages)
	b.ResetTimer()
	for b.Loop() {
		res, err := Scan(context.Background(), dir, Options{NoGit: true})
		if err != nil || res.Answers[KeyWorkload] != "io" {
			b.Fatalf("%v %v", err, res.Answers)
		}
	}
}

func BenchmarkScanPython(b *testing.B) {
	src := []byte(`from fastapi import APIRouter, Depends
from sqlalchemy.ext.asyncio import AsyncSession
import httpx

router = APIRouter()


@router.get("/items")
async def list_items(session: AsyncSession = Depends()):
    async with httpx.AsyncClient() as c:
        return await c.get("/")


class Helper:
    def run(self):
        return 1
`)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		scanPython("app/routes.py", src)
	}
}

func BenchmarkParsePyproject(b *testing.B) {
	src := []byte("[project]\nname = \"x\"\ndependencies = [\n  \"fastapi>=0.115\",\n  \"sqlalchemy[asyncio]>=2\",\n  \"asyncpg\",\n]\n\n[dependency-groups]\ndev = [\"pytest\", \"ruff\"]\n")
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, _, w := parsePyproject("pyproject.toml", src); w != nil {
			b.Fatal(w)
		}
	}
}
