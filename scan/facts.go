package scan

import (
	"path"
	"strings"
)

// facts are the observations inference works from, each tied to a file.
type facts struct {
	deps    []dep
	locks   []lockPkg // every lock file: a workspace lock may sit above a component
	py      []pyFile
	paths   []pathHit
	deploys []deployHit
}

// pyFile is one module's facts.
type pyFile struct {
	rel   string
	facts *pyFacts
}

// pathHit is a file whose existence is the evidence.
type pathHit struct {
	q    string
	file string
	what string
}

func (f *facts) addDeps(deps []dep, root string) {
	for _, d := range deps {
		d.root = root
		f.deps = append(f.deps, d)
	}
}

// within returns the facts from files under dir, leaving out those under
// any of except (nested components, which answer for themselves).
func (f *facts) within(dir string, except []string) *facts {
	in := func(file string) bool {
		if !under(file, dir) {
			return false
		}
		for _, e := range except {
			if under(file, e) {
				return false
			}
		}
		return true
	}
	return &facts{
		locks:   f.locks,
		deps:    keep(f.deps, func(d dep) bool { return in(d.file) }),
		py:      keep(f.py, func(p pyFile) bool { return in(p.rel) }),
		paths:   keep(f.paths, func(p pathHit) bool { return in(p.file) }),
		deploys: keep(f.deploys, func(d deployHit) bool { return in(d.file) }),
	}
}

// keep returns the items of s that ok accepts, in a new slice.
func keep[T any](s []T, ok func(T) bool) []T {
	var out []T
	for _, x := range s {
		if ok(x) {
			out = append(out, x)
		}
	}
	return out
}

// under reports whether the slash path file is in dir ("." holds all).
func under(file, dir string) bool {
	return dir == "." || file == dir || strings.HasPrefix(file, dir+"/")
}

// direct lists the dependencies the project chose for running: not
// development-only, not pulled in by another package.
func (f *facts) direct() []dep {
	var out []dep
	for _, d := range f.deps {
		if !d.dev && !d.transitive {
			out = append(out, d)
		}
	}
	return out
}

// lockVersion finds the locked version of a dependency in the nearest lock
// file at or above the manifest's directory.
func (f *facts) lockVersion(d dep) (version, file string) {
	best := -1
	for _, l := range f.locks {
		dir := path.Dir(l.file)
		if l.name != d.name || l.version == "" || !under(d.file, dir) {
			continue
		}
		depth := 0 // the nearest lock has the longest directory
		if dir != "." {
			depth = len(dir)
		}
		if depth > best {
			best, version, file = depth, l.version, l.file
		}
	}
	return version, file
}

// describe says what a dependency declaration says about its version:
// "django==5.2.1", "django>=5.0, locked at 5.2.3 in uv.lock", or "django".
func (f *facts) describe(d dep) string {
	s := d.name
	if len(d.extras) > 0 {
		s += "[" + strings.Join(d.extras, ",") + "]"
	}
	s += d.spec
	if d.pin == "" {
		if v, file := f.lockVersion(d); v != "" {
			s += ", locked at " + v + " in " + file
		}
	}
	return s
}
