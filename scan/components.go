package scan

import (
	"fmt"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// project is a directory with its own dependency manifests.
type project struct {
	root      string
	name      string
	manifests []string
}

func (s *scanner) addProject(file, name string) {
	root := projectRoot(file)
	p := s.projects[root]
	if p == nil {
		p = &project{root: root}
		s.projects[root] = p
	}
	p.manifests = append(p.manifests, file)
	if p.name == "" && name != "" {
		p.name = name
	}
}

// service is a deployable Python service found in the repository.
type service struct {
	dir  string
	name string
	ev   Evidence // what makes it a service, for architecture's evidence
}

// services finds independently deployable Python services: project roots
// whose own direct dependencies include a web framework, and compose
// services built from a directory holding Python code that is not such a
// project already (a worker with its own build). Projects under tests,
// docs or examples are not services.
func (s *scanner) services() []service {
	var out []service
	direct := s.facts.direct()
	for _, root := range slices.Sorted(maps.Keys(s.projects)) {
		if root != "." && isAuxPath(root+"/x") {
			continue
		}
		for _, d := range direct {
			if d.root != root {
				continue
			}
			if sig, ok := signalFor(d.name, KeyExistingStack); ok {
				out = append(out, service{dir: root, name: s.projects[root].name, ev: Evidence{
					Question: KeyArchitecture, File: d.file, Line: d.line,
					Detail: fmt.Sprintf("a project at %s depends on %s (%s)", dirText(root), d.name, sig.what)}})
				break
			}
		}
	}
	for _, c := range s.compose {
		if slices.ContainsFunc(out, func(sv service) bool { return under(sv.dir, c.context) || under(c.context, sv.dir) }) {
			continue // the service's own project, or a context holding one
		}
		if !s.hasPythonUnder(c.context) {
			continue
		}
		out = append(out, service{dir: c.context, name: c.name, ev: Evidence{
			Question: KeyArchitecture, File: c.file, Line: c.line,
			Detail: fmt.Sprintf("compose service %q is built from Python code in %s", c.name, dirText(c.context))}})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].dir < out[j].dir })
	return out
}

func (s *scanner) hasPythonUnder(dir string) bool {
	for root := range s.projects {
		if under(root, dir) {
			return true
		}
	}
	for _, p := range s.facts.py {
		if under(p.rel, dir) {
			return true
		}
	}
	return false
}

func dirText(dir string) string {
	if dir == "." {
		return "the top level"
	}
	return dir + "/"
}

// architecture answers monolith or services; for services it returns the
// components, each answered from its own files.
func (s *scanner) architecture(in *inference) []Component {
	svcs := s.services()
	if len(svcs) < 2 {
		if ev := s.monolithEvidence(svcs); ev.File != "" {
			in.add(ev)
		}
		return nil
	}
	var comps []Component
	dirs := make([]string, len(svcs))
	for i, sv := range svcs {
		dirs[i] = sv.dir
	}
	for _, sv := range svcs {
		ev := sv.ev
		ev.Value = "services"
		ev.Detail += fmt.Sprintf("; one of %d services", len(svcs))
		in.add(ev)
		var nested []string
		for _, d := range dirs {
			if d != sv.dir && under(d, sv.dir) {
				nested = append(nested, d)
			}
		}
		ci := infer(s.facts.within(sv.dir, nested))
		comps = append(comps, Component{Name: s.componentName(sv), Dir: sv.dir, Answers: ci.answers, Evidence: ci.evidence})
	}
	return comps
}

func (s *scanner) monolithEvidence(svcs []service) Evidence {
	ev := Evidence{Question: KeyArchitecture, Value: "monolith"}
	if len(svcs) == 1 {
		ev.File, ev.Line = svcs[0].ev.File, svcs[0].ev.Line
		ev.Detail = svcs[0].ev.Detail + "; the only deployable Python service found"
		return ev
	}
	// No web framework anywhere: one project all the same; point at its
	// top-most manifest, or its first module.
	var best string
	for _, p := range s.projects {
		for _, m := range p.manifests {
			if best == "" || strings.Count(m, "/") < strings.Count(best, "/") || strings.Count(m, "/") == strings.Count(best, "/") && m < best {
				best = m
			}
		}
	}
	if best == "" {
		best = s.firstPython
	}
	ev.File = best
	ev.Detail = "one Python project; no second deployable service found"
	return ev
}

func (s *scanner) componentName(sv service) string {
	if sv.name != "" {
		return sv.name
	}
	if p := s.projects[sv.dir]; p != nil && p.name != "" {
		return p.name
	}
	if sv.dir == "." {
		return filepath.Base(s.root)
	}
	return path.Base(sv.dir)
}
