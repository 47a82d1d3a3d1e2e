package scan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestHostileTrees scans trees built to hurt: each must end quickly, with
// no panic, the healthy files still read, and the bad ones reported as
// warnings with their file (and line, where there is one). Each tree is
// scanned both through git and by walking.
func TestHostileTrees(t *testing.T) {
	type check func(t *testing.T, res *Result)
	warned := func(file string, line int, msg string) check {
		return func(t *testing.T, res *Result) {
			t.Helper()
			for _, w := range res.Warnings {
				if w.File == file && w.Line == line && strings.Contains(w.Message, msg) {
					return
				}
			}
			t.Errorf("no warning %s:%d %q in %+v", file, line, msg, res.Warnings)
		}
	}
	stillScans := func(t *testing.T, res *Result) {
		t.Helper()
		if res.Answers[KeyExistingStack] != "flask" {
			t.Errorf("healthy files not read: answers %v", res.Answers)
		}
	}
	cases := []struct {
		name  string
		build func(t *testing.T, dir string)
		check []check
	}{
		{"symlink loop", func(t *testing.T, dir string) {
			mkSymlink(t, ".", filepath.Join(dir, "loop"))
			mkSymlink(t, "b.py", filepath.Join(dir, "a.py"))
			mkSymlink(t, "a.py", filepath.Join(dir, "b.py"))
			os.Mkdir(filepath.Join(dir, "sub"), 0o755)
			mkSymlink(t, "..", filepath.Join(dir, "sub", "up"))
		}, []check{warned("a.py", 0, "symlink not followed")}},
		{"symlink to /", func(t *testing.T, dir string) {
			mkSymlink(t, "/", filepath.Join(dir, "root"))
			mkSymlink(t, "/etc/hostname", filepath.Join(dir, "pyproject.toml"))
			mkSymlink(t, "/etc", filepath.Join(dir, "requirements"))
		}, []check{warned("pyproject.toml", 0, "outside the scanned directory")}},
		{"symlink inside is followed", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "real.txt"), []byte("celery\n"), 0o644)
			mkSymlink(t, "real.txt", filepath.Join(dir, "requirements-worker.txt"))
		}, []check{func(t *testing.T, res *Result) {
			if res.Answers[KeyBackgroundJobs] != true {
				t.Errorf("in-tree symlink not read: %v", res.Answers)
			}
		}}},
		{"1 GB sparse files", func(t *testing.T, dir string) {
			for _, name := range []string{"requirements-big.txt", "big.py"} {
				f, err := os.Create(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				if err := f.Truncate(1 << 30); err != nil {
					t.Fatal(err)
				}
				f.Close()
			}
		}, []check{warned("requirements-big.txt", 0, "over the 1.0 MiB limit"), warned("big.py", 0, "1.0 GiB")}},
		{"unreadable file", func(t *testing.T, dir string) {
			p := filepath.Join(dir, "requirements-secret.txt")
			os.WriteFile(p, []byte("sqlalchemy\n"), 0o000)
		}, []check{func(t *testing.T, res *Result) {
			if os.Geteuid() == 0 {
				return // root reads it anyway; the FIFO case covers an unreadable file for root
			}
			warned("requirements-secret.txt", 0, "permission denied")(t, res)
		}}},
		{"FIFO named like a requirements file", func(t *testing.T, dir string) {
			if err := mkfifo(filepath.Join(dir, "requirements-fifo.txt")); err != nil {
				t.Skip("no FIFOs:", err)
			}
		}, []check{func(t *testing.T, res *Result) {
			// git lists no FIFO; the walk does, and must not block on it.
			for _, w := range res.Warnings {
				if w.File == "requirements-fifo.txt" && !strings.Contains(w.Message, "not a regular file") {
					t.Errorf("warning %+v", w)
				}
			}
		}}},
		{"invalid UTF-8", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "bad.py"), []byte("import os\nx = '\xff\xfe'\nimport celery\n"), 0o644)
			os.WriteFile(filepath.Join(dir, "requirements-bad.txt"), []byte("rq\n\xc3\x28\nsqlalchemy\n"), 0o644)
		}, []check{warned("bad.py", 2, "invalid UTF-8"), warned("requirements-bad.txt", 2, "invalid UTF-8"),
			func(t *testing.T, res *Result) {
				if res.Answers[KeyORM] != true || res.Answers[KeyBackgroundJobs] != true {
					t.Errorf("lines around invalid bytes not read: %v", res.Answers)
				}
			}}},
		{"binary .py", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "blob.py"), []byte("import x\n\x00\x01\x02"), 0o644)
		}, []check{warned("blob.py", 2, "binary")}},
		{"malformed pyproject.toml", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "pyproject.toml"), []byte("[project]\nname = \"x\"\ndependencies = [\"django\"\n[tool.x]\n"), 0o644)
		}, []check{warned("pyproject.toml", 4, "invalid TOML")}},
		{"pyproject.toml of the wrong shape", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "pyproject.toml"), []byte("[project]\ndependencies = \"django\"\n"), 0o644)
		}, []check{warned("pyproject.toml", 2, "invalid TOML")}},
		{"malformed lock and compose", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "uv.lock"), []byte("[[package]]\nname = \"flask\nversion = 1\n"), 0o644)
			os.WriteFile(filepath.Join(dir, "docker-compose.yml"), []byte("services:\n  web:\n    build: .\n  x: y: z\n"), 0o644)
		}, []check{warned("uv.lock", 2, "invalid TOML"), warned("docker-compose.yml", 4, "invalid YAML")}},
		{"deep directories and odd names", func(t *testing.T, dir string) {
			deep := dir
			for range 60 {
				deep = filepath.Join(deep, "d")
			}
			os.MkdirAll(deep, 0o755)
			os.WriteFile(filepath.Join(deep, "requirements.txt"), []byte("sqlalchemy\n"), 0o644)
			os.WriteFile(filepath.Join(dir, "new\nline.py"), []byte("import numpy\n"), 0o644)
		}, []check{func(t *testing.T, res *Result) {
			if res.Answers[KeyORM] != true {
				t.Errorf("deep file not read: %v", res.Answers)
			}
		}}},
		{"requirements include cycle and escape", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "requirements-a.txt"), []byte("-r requirements-b.txt\n-r ../../etc/passwd\n"), 0o644)
			os.WriteFile(filepath.Join(dir, "requirements-b.txt"), []byte("-r requirements-a.txt\n-r requirements-a.txt\n"), 0o644)
		}, []check{warned("requirements-a.txt", 2, "outside the scanned directory")}},
		{"virtual environments and vendored code", func(t *testing.T, dir string) {
			for _, p := range []string{"env/pyvenv.cfg", ".venv/x.py", "node_modules/x/requirements.txt", "lib/site-packages/django/requirements.txt", "vendor/requirements.txt"} {
				os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
				os.WriteFile(filepath.Join(dir, p), []byte("django\n"), 0o644)
			}
			os.WriteFile(filepath.Join(dir, "env/requirements.txt"), []byte("django\n"), 0o644)
		}, []check{func(t *testing.T, res *Result) {
			if res.Answers[KeyORM] != nil {
				t.Errorf("read a virtual environment or vendored tree: %+v", res.Evidence)
			}
		}}},
	}
	for _, c := range cases {
		for _, mode := range []string{"walk", "git"} {
			t.Run(c.name+"/"+mode, func(t *testing.T) {
				dir := tree(t, map[string]string{"requirements.txt": "flask\n"})
				if mode == "git" {
					gitRun(t, dir, nil, "init", "-q")
				}
				c.build(t, dir)
				start := time.Now()
				res := mustScan(t, dir, Options{NoGit: mode == "walk"})
				if d := time.Since(start); d > 5*time.Second {
					t.Errorf("scan took %v", d)
				}
				stillScans(t, res)
				for _, ch := range c.check {
					ch(t, res)
				}
				if mode == "walk" && strings.HasPrefix(c.name, "FIFO") {
					warned("requirements-fifo.txt", 0, "not a regular file")(t, res)
				}
			})
		}
	}
}
