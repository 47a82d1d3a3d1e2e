package scan

import (
	"bytes"
	"path"
	"slices"
	"strings"
)

// pyFacts is what one Python module says, read as text.
type pyFacts struct {
	imports  []pyImport // only modules the scan has a use for
	handlers []handler  // request handlers: routed functions, async views
	// viewModule marks a module that defines request handlers: it has a
	// route decorator, a view class, or is a Django views module.
	viewModule bool
	models     []codeHit // request-model classes (pydantic, msgspec, Ninja)
	hits       []codeHit // websocket routes, async clients, Mangum, docs off
	settings   *settingsFacts
}

// pyImport is an import of a module the knowledge tables know.
type pyImport struct {
	module string // the table's key: "fastapi", "redis.asyncio", …
	line   int
}

// handler is a function serving requests.
type handler struct {
	line      int
	async     bool
	websocket bool
	name      string
}

type hitKind uint8

const (
	hitRealtime hitKind = iota + 1
	hitAsyncClient
	hitServerless
	hitDocsOff
)

// codeHit is one line of code matching a pattern.
type codeHit struct {
	kind hitKind // zero in pyFacts.models, which holds models only
	line int
	text string // what was matched, for the evidence detail
	lib  string // the library the pattern belongs to
}

var (
	classRe = lazyRegexp(`^class\s+(\w+)\s*\(([^)]*)`)
)

// routeMethods are decorator names that declare a route in FastAPI,
// Starlette, Flask, Quart, Litestar, Sanic, Django Ninja, DRF and Pyramid.
var routeMethods = map[string]bool{
	"get": true, "post": true, "put": true, "patch": true, "delete": true,
	"head": true, "options": true, "trace": true, "route": true,
	"api_route": true, "api_view": true, "view_config": true,
	"websocket": true, "websocket_route": true, "websocket_listener": true,
}

var websocketMethods = map[string]bool{"websocket": true, "websocket_route": true, "websocket_listener": true}

// viewBaseRe matches base-class suffixes of request handlers: Django and DRF
// views, Litestar controllers, Starlette endpoints, Flask MethodView and
// Flask-RESTful resources, Channels consumers.
var viewBaseRe = lazyRegexp(`(View|ViewSet|APIView|Controller|HTTPEndpoint|WebSocketEndpoint|Resource|Consumer)\b`)

// scanPython reads a module line by line; every pattern is first tested
// with a cheap byte search on the whole file, so most modules cost a few
// scans of their bytes and no regexp at all.
func scanPython(rel string, src []byte) pyFacts {
	var f pyFacts
	base := path.Base(rel)
	f.viewModule = base == "views.py" || base == "viewsets.py" || base == "api.py" || base == "consumers.py" ||
		strings.Contains("/"+path.Dir(rel)+"/", "/views/")
	hasImport := bytes.Contains(src, []byte("import"))
	hasDecorator := bytes.IndexByte(src, '@') >= 0
	hasClass := bytes.Contains(src, []byte("class "))
	hasAsync := bytes.Contains(src, []byte("async def"))
	var imported map[string]bool
	if hasImport || hasDecorator || hasClass || hasAsync {
		imported = f.lines(src, hasImport, hasDecorator, hasClass)
	}
	f.patterns(src, imported)
	if bytes.Contains(src, []byte("INSTALLED_APPS")) {
		s := readSettings(src)
		f.settings = &s
	}
	if len(f.handlers) > 0 {
		f.viewModule = true
	}
	if imported["alembic"] && (base == "env.py" || path.Base(path.Dir(rel)) == "versions") {
		// An Alembic environment or revision script: its model classes
		// and imports are schema history, not the running service.
		f.imports = slices.DeleteFunc(f.imports, func(i pyImport) bool { return i.module != "alembic" })
		f.handlers, f.models, f.hits, f.viewModule = nil, nil, nil, false
	}
	return f
}

// empty reports a module that said nothing the scan uses.
func (f *pyFacts) empty() bool {
	return len(f.imports) == 0 && len(f.handlers) == 0 && len(f.models) == 0 && len(f.hits) == 0 && f.settings == nil
}

// lines walks the module's lines for imports, decorators, classes and defs.
func (f *pyFacts) lines(src []byte, imports, decorators, classes bool) (imported map[string]bool) {
	routePending := false
	websocketPending := false
	imported = map[string]bool{}
	var modelCandidates []codeHit
	for n, rest := 1, src; len(rest) > 0; n++ {
		var line []byte
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			line, rest = rest, nil
		}
		t := bytes.TrimLeft(line, " \t")
		if len(t) == 0 {
			continue
		}
		switch t[0] {
		case 'i', 'f':
			if imports && (bytes.HasPrefix(t, []byte("import ")) || bytes.HasPrefix(t, []byte("from "))) {
				for _, m := range importedModules(string(bytes.TrimRight(t, "\r"))) {
					imported[strings.SplitN(m, ".", 2)[0]] = true
					if key, ok := knownModule(m); ok {
						f.imports = append(f.imports, pyImport{module: key, line: n})
					}
				}
			}
		case '@':
			if !decorators {
				continue
			}
			name, rest := word(skipSpace(t[1:]), true)
			if len(name) > 0 && len(skipSpace(rest)) > 0 && skipSpace(rest)[0] == '(' {
				last := string(name[bytes.LastIndexByte(name, '.')+1:])
				if routeMethods[last] {
					routePending = true
					websocketPending = websocketPending || websocketMethods[last]
				}
			}
		case 'a', 'd':
			fn, param, async, ok := parseDef(t)
			if !ok {
				continue
			}
			switch {
			case routePending && !async && !websocketPending:
				// A plain routed function: the module serves requests, and
				// that is all inference needs to remember of it.
				f.viewModule = true
			case routePending:
				f.handlers = append(f.handlers, handler{line: n, async: async, websocket: websocketPending, name: fn})
			case async && param == "request" && f.viewModule:
				// A Django async view, or an async method of a view class.
				f.handlers = append(f.handlers, handler{line: n, async: true, name: fn})
			}
			routePending, websocketPending = false, false
		case 'c':
			if !bytes.HasPrefix(t, []byte("class ")) {
				continue
			}
			routePending, websocketPending = false, false
			if !classes {
				continue
			}
			m := classRe().FindSubmatch(t)
			if m == nil {
				continue
			}
			bases := string(m[2])
			if viewBaseRe().MatchString(bases) {
				f.viewModule = true
			}
			if lib := modelLibrary(bases); lib != "" {
				modelCandidates = append(modelCandidates, codeHit{line: n, text: string(m[1]), lib: lib})
			}
		}
	}
	// A base named BaseModel or Schema is a request model only when the
	// module imports the library that defines it (marshmallow has a Schema
	// too).
	for _, c := range modelCandidates {
		if imported[c.lib] {
			f.models = append(f.models, c)
			break // one model a module is evidence enough
		}
	}
	return imported
}

// parseDef reads "def name(first" or "async def name(self, first" and
// returns the name and the first parameter after self.
func parseDef(t []byte) (name, param string, async, ok bool) {
	if rest, found := bytes.CutPrefix(t, []byte("async")); found && len(rest) > 0 && (rest[0] == ' ' || rest[0] == '\t') {
		async, t = true, skipSpace(rest)
	}
	rest, found := bytes.CutPrefix(t, []byte("def"))
	if !found || len(rest) == 0 || rest[0] != ' ' && rest[0] != '\t' {
		return "", "", false, false
	}
	n, rest := word(skipSpace(rest), false)
	rest = skipSpace(rest)
	if len(n) == 0 || len(rest) == 0 || rest[0] != '(' {
		return "", "", false, false
	}
	p, rest := word(skipSpace(rest[1:]), false)
	if string(p) == "self" {
		if rest = skipSpace(rest); len(rest) > 0 && rest[0] == ',' {
			p, _ = word(skipSpace(rest[1:]), false)
		}
	}
	return string(n), string(p), async, true
}

// word splits a leading identifier (dotted, when dots is set) off b.
func word(b []byte, dots bool) (w, rest []byte) {
	i := 0
	for i < len(b) && (isNameByte(b[i]) || b[i] >= '0' && b[i] <= '9' || dots && b[i] == '.') {
		i++
	}
	return b[:i], b[i:]
}

func skipSpace(b []byte) []byte { return bytes.TrimLeft(b, " \t") }

// modelLibrary names the module whose model class a base list names.
func modelLibrary(bases string) string {
	for b := range strings.SplitSeq(bases, ",") {
		b = strings.TrimSpace(b)
		switch {
		case b == "BaseModel" || b == "pydantic.BaseModel":
			return "pydantic"
		case b == "SQLModel" || b == "sqlmodel.SQLModel":
			return "sqlmodel"
		case b == "Schema" || b == "ModelSchema" || b == "ninja.Schema":
			return "ninja"
		case b == "Struct" || strings.HasPrefix(b, "msgspec.Struct"):
			return "msgspec"
		}
	}
	return ""
}

var importPunct = strings.NewReplacer("(", " ", ")", " ", "\\", " ")

// importedModules lists the modules an import statement names:
// "import a.b, c as d" gives a.b and c; "from a import b, c" gives a, a.b
// and a.c, so that "from redis import asyncio" counts as redis.asyncio.
// Hand-split rather than matched with a regexp: it runs on every import
// line of every module, and was most of a scan's CPU time as a regexp.
func importedModules(line string) []string {
	if i := strings.IndexByte(line, '#'); i >= 0 {
		line = line[:i]
	}
	f := strings.Fields(importPunct.Replace(line))
	var out []string
	switch {
	case len(f) >= 2 && f[0] == "from":
		mod := f[1]
		if strings.HasPrefix(mod, ".") {
			return nil // a relative import is the project's own code
		}
		out = append(out, mod)
		if len(f) < 3 || f[2] != "import" {
			return out
		}
		for _, names := range strings.Split(strings.Join(f[3:], " "), ",") {
			name, _, _ := strings.Cut(strings.TrimSpace(names), " ")
			if name != "" && name != "*" {
				out = append(out, mod+"."+name)
			}
		}
	case len(f) >= 2 && f[0] == "import":
		for _, names := range strings.Split(strings.Join(f[1:], " "), ",") {
			if name, _, _ := strings.Cut(strings.TrimSpace(names), " "); name != "" {
				out = append(out, name)
			}
		}
	}
	return out
}

// knownModule finds the longest prefix of a dotted module name that the
// knowledge tables know.
func knownModule(m string) (string, bool) {
	for {
		if _, ok := modules()[m]; ok {
			return m, true
		}
		i := strings.LastIndexByte(m, '.')
		if i < 0 {
			return "", false
		}
		m = m[:i]
	}
}

// codePattern is a substring that marks a capability where it appears.
type codePattern struct {
	kind   hitKind
	needle string
	lib    string // the module the file must import for the pattern to count; "" for any
	what   string
}

// codePatterns are searched with bytes.Index in every module; the gate is
// a substring every needle of its group contains, tested first.
var codePatterns = []struct {
	gate     string
	patterns []codePattern
}{
	{"ocket", []codePattern{
		{hitRealtime, "WebSocketRoute(", "", "a Starlette WebSocketRoute"},
		{hitRealtime, "WebSocketEndpoint", "", "a Starlette WebSocketEndpoint"},
		{hitRealtime, "websocket_urlpatterns", "", "Channels websocket_urlpatterns"},
		{hitRealtime, "WebsocketConsumer", "channels", "a Channels websocket consumer"},
		{hitRealtime, "WebSocketResponse(", "aiohttp", "an aiohttp WebSocketResponse"},
		{hitRealtime, "WebSocketHandler", "tornado", "a Tornado WebSocketHandler"},
		{hitRealtime, "WebsocketListener", "litestar", "a Litestar WebsocketListener"},
		{hitRealtime, "@socketio.on(", "", "a Socket.IO event handler"},
		{hitRealtime, "socketio.AsyncServer(", "socketio", "a python-socketio server"},
		{hitRealtime, "socketio.Server(", "socketio", "a python-socketio server"},
		{hitRealtime, "SocketIO(", "flask_socketio", "a Flask-SocketIO server"},
		{hitRealtime, "Sock(", "flask_sock", "a flask-sock websocket server"},
	}},
	{"EventSource", []codePattern{
		{hitRealtime, "EventSourceResponse(", "", "a server-sent events response"},
	}},
	{"Async", []codePattern{
		{hitAsyncClient, "AsyncClient(", "httpx", "httpx.AsyncClient"},
		{hitAsyncClient, "AsyncIOMotorClient(", "motor", "Motor's AsyncIOMotorClient"},
		{hitAsyncClient, "AsyncElasticsearch(", "elasticsearch", "AsyncElasticsearch"},
		{hitAsyncClient, "AsyncOpenAI(", "openai", "openai.AsyncOpenAI"},
		{hitAsyncClient, "AsyncConnection", "psycopg", "psycopg's AsyncConnection"},
	}},
	{"async_", []codePattern{
		{hitAsyncClient, "create_async_engine(", "sqlalchemy", "SQLAlchemy create_async_engine"},
		{hitAsyncClient, "async_sessionmaker(", "sqlalchemy", "SQLAlchemy async_sessionmaker"},
	}},
	{"ClientSession(", []codePattern{
		{hitAsyncClient, "ClientSession(", "aiohttp", "aiohttp.ClientSession"},
	}},
	{"Mangum(", []codePattern{
		{hitServerless, "Mangum(", "mangum", "wraps the ASGI app in Mangum for AWS Lambda"},
	}},
	{"=None", []codePattern{
		{hitDocsOff, "openapi_url=None", "", "openapi_url=None turns off the OpenAPI schema and docs"},
		{hitDocsOff, "openapi_config=None", "", "openapi_config=None turns off Litestar's OpenAPI docs"},
	}},
}

// patterns records the first line of each code pattern in the module whose
// gate substring and library import are present.
func (f *pyFacts) patterns(src []byte, imported map[string]bool) {
	for _, g := range codePatterns {
		if !bytes.Contains(src, []byte(g.gate)) {
			continue
		}
		for _, p := range g.patterns {
			if p.lib != "" && !imported[p.lib] {
				continue
			}
			i := bytes.Index(src, []byte(p.needle))
			if i < 0 || p.kind == hitDocsOff && !unconditionalNone(src[i+len(p.needle):]) {
				continue
			}
			f.hits = append(f.hits, codeHit{kind: p.kind, line: lineAt(src, i), text: p.what, lib: p.lib})
		}
	}
}

// unconditionalNone reports whether a keyword argument set to None ends
// there: "openapi_url=None," turns docs off, "openapi_url=None if PROD else
// …" only in some environments, which is not evidence of no docs.
func unconditionalNone(after []byte) bool {
	after = bytes.TrimLeft(after, " \t")
	return len(after) == 0 || after[0] == ',' || after[0] == ')' || after[0] == '\n' || after[0] == '\r' || after[0] == '#'
}
