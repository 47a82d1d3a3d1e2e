package scan

import (
	"net/url"
	"path"
	"strings"
)

// reqFile is what one pip requirements file declares.
type reqFile struct {
	deps     []dep
	includes []include
}

// include is a -r line: another requirements file, relative to this one.
type include struct {
	file string // slash path relative to the scanned directory, cleaned
	line int
}

// parseRequirements reads a pip requirements file: one PEP 508 requirement a
// line, # comments, backslash continuations, option lines (-r includes are
// returned, -e and URL lines give their #egg= name, the rest is ignored) and
// per-requirement options such as --hash.
//
// pip-compile output annotates each entry with "# via": an entry pulled in
// only by other packages is marked transitive, so that starlette pinned
// because FastAPI needs it does not count as a framework the project chose.
func parseRequirements(rel string, data []byte) reqFile {
	var out reqFile
	dev := devGroup(strings.TrimSuffix(path.Base(rel), path.Ext(rel))) || devGroup(path.Base(path.Dir(rel)))
	var via *viaBlock
	lines := strings.Split(string(data), "\n")
	for i := 0; i < len(lines); i++ {
		start := i + 1
		line := strings.TrimRight(lines[i], "\r")
		for strings.HasSuffix(line, `\`) && i+1 < len(lines) {
			i++
			line = strings.TrimSuffix(line, `\`) + " " + strings.TrimRight(lines[i], "\r")
		}
		text, comment := cutComment(line)
		text = strings.TrimSpace(text)
		if text == "" {
			if via != nil {
				via.add(comment)
			}
			continue
		}
		via.close(out.deps)
		via = nil
		if strings.HasPrefix(text, "-") {
			if inc, ok := requirementInclude(rel, text); ok {
				out.includes = append(out.includes, include{file: inc, line: start})
				continue
			}
			if name, ok := editableName(text); ok {
				out.deps = append(out.deps, dep{name: name, file: rel, line: start, dev: dev})
			}
			continue
		}
		if strings.Contains(text, "://") || strings.HasPrefix(text, ".") || strings.HasPrefix(text, "/") {
			if name := eggName(text); name != "" {
				out.deps = append(out.deps, dep{name: name, file: rel, line: start, dev: dev})
			}
			continue
		}
		// Per-requirement options (--hash=…, --config-settings …) follow
		// the requirement after a space.
		if j := strings.Index(text, " -"); j >= 0 {
			text = text[:j]
		}
		d, ok := parseRequirement(text)
		if !ok {
			continue
		}
		d.file, d.line, d.dev = rel, start, dev
		out.deps = append(out.deps, d)
		via = &viaBlock{index: len(out.deps) - 1}
	}
	via.close(out.deps)
	return out
}

// cutComment splits a line at a # that starts it or follows whitespace
// (pip's rule: a URL fragment such as #egg= is not a comment).
func cutComment(line string) (text, comment string) {
	for i := 0; i < len(line); i++ {
		if line[i] == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') {
			return line[:i], line[i+1:]
		}
	}
	return line, ""
}

// viaBlock gathers the "# via" comment lines pip-compile writes after an
// entry.
type viaBlock struct {
	index   int
	started bool
	direct  bool // named by a -r file or a constraint: the project asked for it
	any     bool
}

func (v *viaBlock) add(comment string) {
	c := strings.TrimSpace(comment)
	if !v.started {
		if c != "via" && !strings.HasPrefix(c, "via ") {
			return
		}
		v.started = true
		c = strings.TrimSpace(strings.TrimPrefix(c, "via"))
	}
	if c == "" {
		return
	}
	v.any = true
	if strings.HasPrefix(c, "-r ") || strings.HasPrefix(c, "-c ") {
		v.direct = true
	}
}

func (v *viaBlock) close(deps []dep) {
	if v != nil && v.started && v.any && !v.direct {
		deps[v.index].transitive = true
	}
}

// requirementInclude parses -r FILE, -rFILE, --requirement FILE and
// --requirement=FILE; the file is relative to the including one.
func requirementInclude(rel, text string) (string, bool) {
	var arg string
	switch {
	case strings.HasPrefix(text, "--requirement"):
		arg = strings.TrimPrefix(text, "--requirement")
		if arg != "" && arg[0] != '=' && arg[0] != ' ' && arg[0] != '\t' {
			return "", false
		}
		arg = strings.TrimPrefix(arg, "=")
	case strings.HasPrefix(text, "-r"):
		arg = strings.TrimPrefix(text, "-r")
	default:
		return "", false
	}
	arg = strings.TrimSpace(arg)
	if arg == "" || strings.Contains(arg, "://") {
		return "", false
	}
	return path.Clean(path.Join(path.Dir(rel), arg)), true
}

// editableName is the project name of an -e / --editable line, from its
// #egg= fragment; a local path without one has no name to give.
func editableName(text string) (string, bool) {
	for _, p := range []string{"--editable=", "--editable ", "-e "} {
		if strings.HasPrefix(text, p) {
			n := eggName(strings.TrimSpace(strings.TrimPrefix(text, p)))
			return n, n != ""
		}
	}
	return "", false
}

// eggName reads the #egg=NAME fragment of a VCS or archive URL.
func eggName(ref string) string {
	_, frag, ok := strings.Cut(ref, "#")
	if !ok {
		return ""
	}
	q, err := url.ParseQuery(frag)
	if err != nil {
		return ""
	}
	egg := q.Get("egg")
	if egg == "" {
		return ""
	}
	d, ok := parseRequirement(egg)
	if !ok {
		return ""
	}
	return d.name
}
