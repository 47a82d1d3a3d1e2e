package scan

import "testing"

// FuzzParsers feeds every parser the same bytes: none may panic or hang,
// whatever a hostile file holds.
func FuzzParsers(f *testing.F) {
	for _, seed := range []string{
		"INSTALLED_APPS = [\n 'django.contrib.admin',\n]\n",
		"@app.websocket('/ws')\nasync def ws(request):\n    import numpy\n",
		"from redis import (asyncio as r,\n x)\nclass A(BaseModel): pass\n",
		"-r base.txt\ndjango==5 \\\n --hash=x\n# via\n#   fastapi\n",
		"[project]\ndependencies = [\"fastapi\"]\n[tool.poetry.dependencies]\nx = {version = \"1\"}\n",
		"[[package]]\nname = \"a\"\nversion = \"1\"\n",
		"services:\n  web:\n    build:\n      context: ../x\n",
		"setup(name='x', install_requires=['a', \"b>=1\"], extras_require={'dev': ['c']})\n",
		"[options]\ninstall_requires =\n    flask\n",
		"'''unterminated", "\"\\", "x = (", "\xff\xfe\x00",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		scanPython("views.py", data)
		readSettings(data)
		parseRequirements("requirements.txt", data)
		parsePyproject("pyproject.toml", data)
		parsePipfile("Pipfile", data)
		parseTOMLLock("uv.lock", data)
		parsePipfileLock("Pipfile.lock", data)
		parseSetupCfg("setup.cfg", data)
		parseSetupPy("setup.py", data)
		for _, k := range []kind{kDockerfile, kCompose, kYAML, kSAM, kServerless, kProcfile, kSystemd} {
			readDeploy("f", k, data)
		}
		textCheck("f", data)
	})
}
