package scan

import (
	"path"
	"strings"
)

// dep is one dependency declared in a manifest.
type dep struct {
	name   string // PEP 503-normalised
	extras []string
	spec   string // version specifier as written, e.g. ">=5.2,<6"
	pin    string // the exact version when spec is "==X"
	file   string
	line   int
	// dev marks development-only groups (dev, test, docs, lint…): tools
	// the service does not run with.
	dev bool
	// transitive marks an entry a pip-compile output says was pulled in by
	// another package ("# via fastapi"), not asked for.
	transitive bool
	// root is the project directory the manifest belongs to.
	root string
}

// lockPkg is one resolved package in a lock file.
type lockPkg struct {
	name, version, file string
}

var normRuns = lazyRegexp(`[-_.]+`)

// normalize applies PEP 503: lowercase, runs of -, _ and . become one -.
func normalize(name string) string {
	return normRuns().ReplaceAllString(strings.ToLower(strings.TrimSpace(name)), "-")
}

// pep508 splits a requirement into name, extras and the rest: version
// specifiers, a direct reference and markers.
var pep508 = lazyRegexp(`^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?\s*(.*)$`)

// exactPin matches a specifier that names one version: ==5.2.1 or ===5.2.1.
var exactPin = lazyRegexp(`^\(?\s*===?\s*([A-Za-z0-9][A-Za-z0-9.+!_-]*)\s*\)?$`)

// parseRequirement parses a PEP 508 requirement string.
func parseRequirement(s string) (dep, bool) {
	if i := strings.IndexByte(s, ';'); i >= 0 {
		s = s[:i] // environment markers: the dependency is declared either way
	}
	m := pep508().FindStringSubmatch(s)
	if m == nil {
		return dep{}, false
	}
	rest := strings.TrimSpace(m[3])
	if rest != "" && !strings.ContainsAny(rest[:1], "<>=!~(@") {
		return dep{}, false
	}
	d := dep{name: normalize(m[1])}
	for e := range strings.SplitSeq(m[2], ",") {
		if e = strings.TrimSpace(e); e != "" {
			d.extras = append(d.extras, normalize(e))
		}
	}
	if strings.HasPrefix(rest, "@") {
		return d, true // direct reference: a URL, no version
	}
	d.setSpec(rest)
	return d, true
}

// setSpec records a version specifier without its spaces, and the version
// it pins when it names exactly one (a wildcard such as ==5.* names many).
func (d *dep) setSpec(s string) {
	d.spec = strings.Join(strings.Fields(s), "")
	if p := exactPin().FindStringSubmatch(d.spec); p != nil && !strings.Contains(p[1], "*") {
		d.pin = p[1]
	}
}

var devGroupRe = lazyRegexp(`(?i)(^|[-_.])(dev|develop|development|test|tests|testing|lint|linting|docs?|typing|types|mypy|style|format|ci|coverage|bench|benchmarks?|local)($|[-_.])`)

// devGroup reports whether a dependency group, extra or requirements file
// name is for development only.
func devGroup(name string) bool { return devGroupRe().MatchString(name) }

// projectRoot is the directory a manifest describes: its own, or the parent
// of a requirements directory.
func projectRoot(file string) string {
	dir := path.Dir(file)
	switch path.Base(dir) {
	case "requirements", "reqs", "requirements.d":
		return path.Dir(dir)
	}
	return dir
}
