package scan

import (
	"bytes"
	"path"
	"regexp"
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
	hitModel
)

// codeHit is one line of code matching a pattern.
type codeHit struct {
	kind hitKind
	line int
	text string // what was matched, for the evidence detail
	lib  string // the library the pattern belongs to
}

var (
	decoratorRe = regexp.MustCompile(`^@\s*([A-Za-z_][\w.]*)\s*(\()?`)
	classRe     = regexp.MustCompile(`^class\s+(\w+)\s*\(([^)]*)`)
	defRe       = regexp.MustCompile(`^(async\s+)?def\s+(\w+)\s*\(\s*(self\s*,\s*)?(\w*)`)
	importRe    = regexp.MustCompile(`^import\s+(.+)$`)
	fromRe      = regexp.MustCompile(`^from\s+([\w.]+)\s+import\s+\(?\s*([^#]*)`)
)

// routeMethods are decorator names that declare a route in FastAPI,
// Starlette, Flask, Quart, Litestar, Sanic, Django Ninja and DRF.
var routeMethods = map[string]bool{
	"get": true, "post": true, "put": true, "patch": true, "delete": true,
	"head": true, "options": true, "trace": true, "route": true,
	"api_route": true, "api_view": true, "view_config": true,
	"websocket": true, "websocket_route": true, "websocket_listener": true,
}

var websocketMethods = map[string]bool{"websocket": true, "websocket_route": true, "websocket_listener": true}

// viewBases are base-class suffixes of request handlers: Django and DRF
// views, Litestar controllers, Starlette endpoints, Flask MethodView and
// Flask-RESTful resources, Channels consumers.
var viewBaseRe = regexp.MustCompile(`(View|ViewSet|APIView|Controller|HTTPEndpoint|WebSocketEndpoint|Resource|Consumer)\b`)

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
	if hasImport || hasDecorator || hasClass || hasAsync {
		f.lines(src, hasImport, hasDecorator, hasClass)
	}
	f.patterns(src)
	if bytes.Contains(src, []byte("INSTALLED_APPS")) {
		s := readSettings(src)
		f.settings = &s
	}
	if len(f.handlers) > 0 {
		f.viewModule = true
	}
	return f
}

// empty reports a module that said nothing the scan uses.
func (f *pyFacts) empty() bool {
	return len(f.imports) == 0 && len(f.handlers) == 0 && len(f.models) == 0 && len(f.hits) == 0 && f.settings == nil
}

// lines walks the module's lines for imports, decorators, classes and defs.
func (f *pyFacts) lines(src []byte, imports, decorators, classes bool) {
	routePending := false
	websocketPending := false
	imported := map[string]bool{}
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
			if m := decoratorRe.FindSubmatch(t); m != nil && len(m[2]) > 0 {
				name := string(m[1])
				last := name[strings.LastIndexByte(name, '.')+1:]
				if routeMethods[last] {
					routePending = true
					websocketPending = websocketPending || websocketMethods[last]
				}
			}
		case 'a', 'd':
			m := defRe.FindSubmatch(t)
			if m == nil {
				continue
			}
			async := len(m[1]) > 0
			switch {
			case routePending && !async && !websocketPending:
				// A plain routed function: the module serves requests, and
				// that is all inference needs to remember of it.
				f.viewModule = true
			case routePending:
				f.handlers = append(f.handlers, handler{line: n, async: async, websocket: websocketPending, name: string(m[2])})
			case async && string(m[4]) == "request" && f.viewModule:
				// A Django async view, or an async method of a view class.
				f.handlers = append(f.handlers, handler{line: n, async: true, name: string(m[2])})
			}
			routePending, websocketPending = false, false
		case 'c':
			routePending, websocketPending = false, false
			if !classes {
				continue
			}
			m := classRe.FindSubmatch(t)
			if m == nil {
				continue
			}
			bases := string(m[2])
			if viewBaseRe.MatchString(bases) {
				f.viewModule = true
			}
			if lib := modelLibrary(bases); lib != "" {
				modelCandidates = append(modelCandidates, codeHit{kind: hitModel, line: n, text: string(m[1]), lib: lib})
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
}

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
		case b == "Struct" || strings.HasPrefix(b, "msgspec.Struct") || strings.HasPrefix(b, "Struct,"):
			return "msgspec"
		}
	}
	return ""
}

// importedModules lists the modules an import statement names:
// "import a.b, c as d" gives a.b and c; "from a import b, c" gives a, a.b
// and a.c, so that "from redis import asyncio" counts as redis.asyncio.
func importedModules(line string) []string {
	if i := strings.IndexByte(line, '#'); i >= 0 {
		line = line[:i]
	}
	var out []string
	if m := fromRe.FindStringSubmatch(line); m != nil {
		if strings.HasPrefix(m[1], ".") {
			return nil // a relative import is the project's own code
		}
		out = append(out, m[1])
		for name := range strings.SplitSeq(m[2], ",") {
			name = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(name), ")\\"))
			if name, _, _ = strings.Cut(name, " "); name != "" && name != "*" {
				out = append(out, m[1]+"."+name)
			}
		}
		return out
	}
	if m := importRe.FindStringSubmatch(line); m != nil {
		for name := range strings.SplitSeq(m[1], ",") {
			if name, _, _ = strings.Cut(strings.TrimSpace(name), " "); name != "" {
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
		if _, ok := modules[m]; ok {
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
func (f *pyFacts) patterns(src []byte) {
	var imported map[string]bool
	for _, g := range codePatterns {
		if !bytes.Contains(src, []byte(g.gate)) {
			continue
		}
		if imported == nil {
			imported = importedTopLevel(src)
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

// importedTopLevel lists the top-level packages a module imports.
func importedTopLevel(src []byte) map[string]bool {
	out := map[string]bool{}
	for line := range bytes.SplitSeq(src, []byte("\n")) {
		t := bytes.TrimLeft(line, " \t")
		if bytes.HasPrefix(t, []byte("import ")) || bytes.HasPrefix(t, []byte("from ")) {
			for _, m := range importedModules(string(bytes.TrimRight(t, "\r"))) {
				out[strings.SplitN(m, ".", 2)[0]] = true
			}
		}
	}
	return out
}

// unconditionalNone reports whether a keyword argument set to None ends
// there: "openapi_url=None," turns docs off, "openapi_url=None if PROD else
// …" only in some environments, which is not evidence of no docs.
func unconditionalNone(after []byte) bool {
	after = bytes.TrimLeft(after, " \t")
	return len(after) == 0 || after[0] == ',' || after[0] == ')' || after[0] == '\n' || after[0] == '\r' || after[0] == '#'
}
