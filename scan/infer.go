package scan

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"
)

// maxEvidence caps the entries kept for one answer: enough to check it,
// few enough to read.
const maxEvidence = 5

// inference is the answers and evidence inferred from one set of facts.
type inference struct {
	answers  map[string]any
	evidence []Evidence
	count    map[string]int
}

func newInference() *inference {
	return &inference{answers: map[string]any{}, count: map[string]int{}}
}

// add records evidence for q=v; the first evidence for a question sets its
// answer, and each rule adds evidence only for the value it chose.
func (in *inference) add(e Evidence) {
	if e.Strength == "" {
		e.Strength = Strong
	}
	if _, ok := in.answers[e.Question]; !ok {
		in.answers[e.Question] = e.Value
	}
	if in.count[e.Question] >= maxEvidence {
		return
	}
	for _, old := range in.evidence {
		if old.Question == e.Question && old.File == e.File && old.Line == e.Line && old.Detail == e.Detail {
			return
		}
	}
	in.count[e.Question]++
	in.evidence = append(in.evidence, e)
}

// infer applies every rule to the facts. Absence of evidence is never an
// answer: a project without Celery in its manifests may run jobs some way
// the scan cannot see, so questions without positive evidence stay unknown,
// and boolean answers are only ever true.
//
// Two questions are never answered. concurrency: code and configuration
// show how a service is built, not how many requests it will have in
// flight, and replica or worker counts are capacity guesses, not load.
// async_experience: it asks about the people; async code in a repository
// may come from a template, a generator or a former team, and telling who
// wrote it would take git blame over every async line, for a guess still.
func infer(f *facts) *inference {
	in := newInference()
	direct := f.direct()
	inferStack(in, f, direct)
	fromPackages(in, f, direct, KeyORM)
	inferMigrations(in, f, direct)
	inferFromCode(in, f, direct, KeyAdmin)
	inferBackground(in, f, direct)
	inferRealtime(in, f, direct)
	inferAPIDocs(in, f, direct)
	inferValidation(in, f, direct)
	inferDeployment(in, f, direct)
	inferWorkload(in, f)
	return in
}

// depEvidence is the evidence a dependency gives for q=v.
func depEvidence(f *facts, d dep, q string, v any, what string) Evidence {
	return Evidence{Question: q, Value: v, File: d.file, Line: d.line,
		Detail: fmt.Sprintf("depends on %s (%s)", f.describe(d), what), Strength: Strong}
}

// fromPackages adds evidence for q from every direct dependency whose
// package means q=true.
func fromPackages(in *inference, f *facts, direct []dep, q string) {
	for _, d := range direct {
		if sig, ok := signalFor(d.name, q); ok {
			in.add(depEvidence(f, d, q, sig.v, sig.what))
		}
	}
}

// signalFor is what depending on the package name says about q. The
// packages table gives a package at most one signal per question.
func signalFor(name, q string) (signal, bool) {
	for _, sig := range packages()[name] {
		if sig.q == q {
			return sig, true
		}
	}
	return signal{}, false
}

// fromSettings adds evidence for q from INSTALLED_APPS entries.
func fromSettings(in *inference, f *facts, q string) {
	for _, p := range f.py {
		if p.facts.settings == nil {
			continue
		}
		for _, app := range p.facts.settings.apps {
			if sig, ok := appSignal(app.label); ok && sig.q == q {
				in.add(Evidence{Question: q, Value: sig.v, File: p.rel, Line: app.line,
					Detail: fmt.Sprintf("INSTALLED_APPS includes %q (%s)", app.label, sig.what)})
			}
		}
	}
}

// appSignal looks an INSTALLED_APPS entry up by itself or by a dotted
// prefix: "django.contrib.admin.apps.SimpleAdminConfig" is the admin.
func appSignal(label string) (signal, bool) {
	for l := label; l != ""; {
		if sig, ok := installedApps()[l]; ok {
			return sig, true
		}
		i := strings.LastIndexByte(l, '.')
		if i < 0 {
			break
		}
		l = l[:i]
	}
	return signal{}, false
}

// inferFromCode answers q from settings first (where the project switches
// a feature on), then from dependencies.
func inferFromCode(in *inference, f *facts, direct []dep, q string) {
	fromSettings(in, f, q)
	fromPackages(in, f, direct, q)
}

// inferStack picks the framework the project runs on. Only direct
// dependencies count — a lock entry or a pip-compile "# via" line is a
// framework's own dependency (Starlette under FastAPI), not a choice. With
// several, the rank in stackRank decides, and the detail names the others.
// Without any in the manifests, imports in the code decide the same way.
//
// "none" is never inferred: a project whose manifests name no framework
// the scan knows may still run on one it does not know, or on one
// installed outside its manifests, and "none" would have no file or line
// to point at. It stays a choice the user makes for a new project.
func inferStack(in *inference, f *facts, direct []dep) {
	type cand struct {
		v, name string
		ev      Evidence
	}
	var cands []cand
	for _, d := range direct {
		if sig, ok := signalFor(d.name, KeyExistingStack); ok {
			cands = append(cands, cand{sig.v.(string), sig.what, depEvidence(f, d, KeyExistingStack, sig.v, sig.what)})
		}
	}
	if len(cands) == 0 {
		for _, p := range f.py {
			for _, imp := range p.facts.imports {
				if m := modules()[imp.module]; m.stack != "" {
					cands = append(cands, cand{m.stack, m.stackName, Evidence{Question: KeyExistingStack, Value: m.stack,
						File: p.rel, Line: imp.line, Detail: fmt.Sprintf("imports %s (%s); no manifest declares a framework", imp.module, m.stackName)}})
				}
			}
		}
	}
	if len(cands) == 0 {
		return
	}
	sort.SliceStable(cands, func(i, j int) bool { return stackRank[cands[i].v] < stackRank[cands[j].v] })
	primary := cands[0].v
	var others []string
	for _, c := range cands {
		if c.v != primary && !slices.Contains(others, c.name) {
			others = append(others, c.name)
		}
	}
	for i, c := range cands {
		if c.v != primary {
			continue
		}
		if i == 0 && len(others) > 0 {
			c.ev.Detail += fmt.Sprintf("; also uses %s, which ranks lower (Django, FastAPI, Litestar, Flask, then others)", strings.Join(others, ", "))
		}
		in.add(c.ev)
	}
}

// inferMigrations: migration files on disk first (one per folder), then
// packages whose job is migrations (Django among them).
func inferMigrations(in *inference, f *facts, direct []dep) {
	seenDir := map[string]bool{}
	for _, p := range f.paths {
		if p.q != KeyMigrations || seenDir[path.Dir(p.file)] {
			continue
		}
		seenDir[path.Dir(p.file)] = true
		in.add(Evidence{Question: KeyMigrations, Value: true, File: p.file, Detail: p.what})
	}
	fromPackages(in, f, direct, KeyMigrations)
	for _, p := range f.py {
		for _, imp := range p.facts.imports {
			if m := modules()[imp.module]; m.migrations != "" && !seenDir[path.Dir(p.rel)] {
				seenDir[path.Dir(p.rel)] = true
				in.add(Evidence{Question: KeyMigrations, Value: true, File: p.rel, Line: imp.line,
					Detail: fmt.Sprintf("imports %s (%s migrations)", imp.module, m.migrations)})
			}
		}
	}
}

func inferBackground(in *inference, f *facts, direct []dep) {
	fromPackages(in, f, direct, KeyBackgroundJobs)
	fromSettings(in, f, KeyBackgroundJobs)
	for _, p := range f.py {
		if s := p.facts.settings; s != nil && s.tasksLine > 0 {
			in.add(Evidence{Question: KeyBackgroundJobs, Value: true, File: p.rel, Line: s.tasksLine,
				Detail: "TASKS setting configures Django's task framework"})
		}
		seen := map[string]bool{} // one import per module and file
		for _, imp := range p.facts.imports {
			if m := modules()[imp.module]; m.background != "" && !seen[m.background] {
				seen[m.background] = true
				in.add(Evidence{Question: KeyBackgroundJobs, Value: true, File: p.rel, Line: imp.line,
					Detail: fmt.Sprintf("imports %s (%s)", imp.module, m.background)})
			}
		}
	}
}

// inferRealtime: websocket routes and consumers in the code first, with
// their lines, then settings and packages.
func inferRealtime(in *inference, f *facts, direct []dep) {
	for _, p := range f.py {
		for _, h := range p.facts.handlers {
			if h.websocket {
				in.add(Evidence{Question: KeyRealtime, Value: true, File: p.rel, Line: h.line,
					Detail: fmt.Sprintf("websocket route %s", h.name)})
			}
		}
		for _, h := range p.facts.hits {
			if h.kind == hitRealtime {
				in.add(Evidence{Question: KeyRealtime, Value: true, File: p.rel, Line: h.line, Detail: h.text})
			}
		}
	}
	fromSettings(in, f, KeyRealtime)
	fromPackages(in, f, direct, KeyRealtime)
}

// inferAPIDocs counts docs generators, and FastAPI and Litestar
// themselves: both generate an OpenAPI schema and serve interactive docs
// by default, so a project on them has generated docs unless its code
// turns them off (openapi_url=None / openapi_config=None). The question is
// whether the project wants generated docs; having them served is the
// best evidence of that the code can give.
func inferAPIDocs(in *inference, f *facts, direct []dep) {
	fromPackages(in, f, direct, KeyAPIDocs)
	fromSettings(in, f, KeyAPIDocs)
	for _, p := range f.py {
		for _, h := range p.facts.hits {
			if h.kind == hitDocsOff {
				return
			}
		}
	}
	for _, d := range direct {
		switch d.name {
		case "fastapi", "fastapi-slim":
			in.add(depEvidence(f, d, KeyAPIDocs, true, "FastAPI serves OpenAPI docs at /docs and /redoc by default"))
		case "litestar":
			in.add(depEvidence(f, d, KeyAPIDocs, true, "Litestar serves OpenAPI docs at /schema by default"))
		}
	}
}

// inferValidation is conservative: true only when a framework that
// validates requests from type hints is a dependency and the project
// declares typed models — model classes in its code, or Pydantic or
// msgspec as a dependency of its own.
func inferValidation(in *inference, f *facts, direct []dep) {
	var framework *Evidence
	var models []Evidence
	for _, d := range direct {
		if name, ok := typeHintValidators[d.name]; ok && framework == nil {
			ev := depEvidence(f, d, KeyValidation, true, name+" validates request bodies from type-hinted models")
			framework = &ev
		}
		if lib := modelLibraries[d.name]; lib.pkg != "" {
			models = append(models, depEvidence(f, d, KeyValidation, true, lib.pkg+" models"))
		}
	}
	if framework == nil {
		return
	}
	var code []Evidence
	for _, p := range f.py {
		for _, m := range p.facts.models {
			code = append(code, Evidence{Question: KeyValidation, Value: true, File: p.rel, Line: m.line,
				Detail: fmt.Sprintf("class %s is a %s model", m.text, modelLibraries[m.lib].class)})
		}
	}
	if len(code) == 0 && len(models) == 0 {
		return
	}
	in.add(*framework)
	for _, e := range append(code, models...) {
		in.add(e)
	}
}

// inferDeployment: serverless wins over containers, and containers over a
// plain server. A repository with a Lambda adapter or a SAM/Serverless
// template deploys functions even when it also has a Dockerfile (often for
// local development, or a Lambda container image); a Dockerfile or
// manifests beat a Procfile or an app server dependency, since the same
// Gunicorn runs inside the container.
func inferDeployment(in *inference, f *facts, direct []dep) {
	byValue := map[string][]Evidence{}
	addHit := func(v string, e Evidence) { byValue[v] = append(byValue[v], e) }
	for _, h := range f.deploys {
		addHit(h.value, Evidence{Question: KeyDeployment, Value: h.value, File: h.file, Line: h.line, Detail: h.what, Strength: Strong})
	}
	for _, p := range f.py {
		for _, h := range p.facts.hits {
			if h.kind == hitServerless {
				addHit(deployServerless, Evidence{Question: KeyDeployment, Value: deployServerless, File: p.rel, Line: h.line, Detail: h.text})
			}
		}
	}
	for _, d := range direct {
		if sig, ok := signalFor(d.name, KeyDeployment); ok {
			v := sig.v.(string)
			addHit(v, depEvidence(f, d, KeyDeployment, v, sig.what))
		}
		if name, ok := appServers[d.name]; ok {
			e := depEvidence(f, d, KeyDeployment, deployServer, name+" runs the app as a long-lived server process")
			e.Strength = Weak
			addHit(deployServer, e)
		}
	}
	order := []string{deployServerless, deployContainers, deployServer}
	for i, v := range order {
		evs := byValue[v]
		if len(evs) == 0 {
			continue
		}
		var beaten []string
		for _, lower := range order[i+1:] {
			if len(byValue[lower]) > 0 {
				beaten = append(beaten, fmt.Sprintf("%s (%s)", lower, byValue[lower][0].File))
			}
		}
		if len(beaten) > 0 {
			evs[0].Detail += "; wins over " + strings.Join(beaten, ", ")
		}
		for _, e := range evs {
			in.add(e)
		}
		return
	}
}

// inferWorkload reads the code for what requests spend time on, and only
// as weak evidence: async request handlers together with async I/O
// clients mean I/O-bound async work (io); numerical, imaging or ML
// libraries imported by modules that serve requests mean CPU work in the
// request path (cpu); both mean mixed. Nothing found leaves it unknown.
func inferWorkload(in *inference, f *facts) {
	var asyncHandler, driver, cpu *Evidence
	for _, p := range f.py {
		for _, h := range p.facts.handlers {
			if h.async && asyncHandler == nil {
				asyncHandler = &Evidence{File: p.rel, Line: h.line, Detail: fmt.Sprintf("async request handler %s", h.name)}
			}
		}
		for _, imp := range p.facts.imports {
			m := modules()[imp.module]
			if m.asyncDriver != "" && driver == nil {
				driver = &Evidence{File: p.rel, Line: imp.line, Detail: fmt.Sprintf("imports %s, an async I/O client", m.asyncDriver)}
			}
			if m.cpu != "" && cpu == nil && p.facts.viewModule {
				cpu = &Evidence{File: p.rel, Line: imp.line, Detail: fmt.Sprintf("a module serving requests imports %s (CPU-bound work)", m.cpu)}
			}
		}
		for _, h := range p.facts.hits {
			if h.kind == hitAsyncClient && driver == nil {
				driver = &Evidence{File: p.rel, Line: h.line, Detail: fmt.Sprintf("uses %s, an async I/O client", h.text)}
			}
		}
	}
	io := asyncHandler != nil && driver != nil
	var v string
	switch {
	case io && cpu != nil:
		v = "mixed"
	case io:
		v = "io"
	case cpu != nil:
		v = "cpu"
	default:
		return
	}
	for _, e := range []*Evidence{asyncHandler, driver, cpu} {
		if e == nil || e == asyncHandler && !io || e == driver && !io {
			continue
		}
		e.Question, e.Value, e.Strength = KeyWorkload, v, Weak
		in.add(*e)
	}
}
