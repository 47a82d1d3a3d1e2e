package scan

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// pyprojectDoc is the part of pyproject.toml the scan reads: PEP 621
// [project], PEP 735 [dependency-groups], Poetry, uv and PDM dependency
// tables, and aerich's migration settings.
type pyprojectDoc struct {
	Project struct {
		Name                 string              `toml:"name"`
		Dependencies         []string            `toml:"dependencies"`
		OptionalDependencies map[string][]string `toml:"optional-dependencies"`
	} `toml:"project"`
	DependencyGroups map[string][]any `toml:"dependency-groups"`
	Tool             struct {
		Poetry struct {
			Name            string         `toml:"name"`
			Dependencies    map[string]any `toml:"dependencies"`
			DevDependencies map[string]any `toml:"dev-dependencies"`
			Group           map[string]struct {
				Dependencies map[string]any `toml:"dependencies"`
			} `toml:"group"`
		} `toml:"poetry"`
		UV struct {
			DevDependencies []string `toml:"dev-dependencies"`
		} `toml:"uv"`
		PDM struct {
			DevDependencies map[string][]string `toml:"dev-dependencies"`
		} `toml:"pdm"`
		Aerich map[string]any `toml:"aerich"`
	} `toml:"tool"`
}

// parsePyproject reads the dependencies of a pyproject.toml with go-toml.
// The decoder gives no positions, so each dependency's line comes from a
// second pass with go-toml's own parser (tomlLines), which reports where
// every key and string is: exact even when a name appears in several tables.
func parsePyproject(rel string, data []byte) (manifest, bool, *Warning) {
	var doc pyprojectDoc
	if err := toml.Unmarshal(data, &doc); err != nil {
		return manifest{}, false, tomlWarning(rel, err)
	}
	lines := tomlLines(data)
	var m manifest
	m.name = doc.Project.Name
	if m.name == "" {
		m.name = doc.Tool.Poetry.Name
	}
	add := func(path string, reqs []string, dev bool) {
		for _, r := range reqs {
			if d, ok := parseRequirement(r); ok {
				d.file, d.line, d.dev = rel, lines["S:"+path+"\x00"+r], dev
				m.deps = append(m.deps, d)
			}
		}
	}
	add("project.dependencies", doc.Project.Dependencies, false)
	for _, g := range slices.Sorted(maps.Keys(doc.Project.OptionalDependencies)) {
		add("project.optional-dependencies."+g, doc.Project.OptionalDependencies[g], devGroup(g))
	}
	for _, g := range slices.Sorted(maps.Keys(doc.DependencyGroups)) {
		var reqs []string
		for _, item := range doc.DependencyGroups[g] {
			if s, ok := item.(string); ok { // {include-group = "…"} entries name no package
				reqs = append(reqs, s)
			}
		}
		add("dependency-groups."+g, reqs, devGroup(g))
	}
	add("tool.uv.dev-dependencies", doc.Tool.UV.DevDependencies, true)
	for _, g := range slices.Sorted(maps.Keys(doc.Tool.PDM.DevDependencies)) {
		add("tool.pdm.dev-dependencies."+g, doc.Tool.PDM.DevDependencies[g], true)
	}
	addTable := func(path string, table map[string]any, dev bool) {
		for _, name := range slices.Sorted(maps.Keys(table)) {
			if strings.EqualFold(name, "python") {
				continue
			}
			m.deps = append(m.deps, tableDep(rel, name, table[name], lines["K:"+path+"."+name], dev))
		}
	}
	p := doc.Tool.Poetry
	addTable("tool.poetry.dependencies", p.Dependencies, false)
	addTable("tool.poetry.dev-dependencies", p.DevDependencies, true)
	for _, g := range slices.Sorted(maps.Keys(p.Group)) {
		addTable("tool.poetry.group."+g+".dependencies", p.Group[g].Dependencies, devGroup(g))
	}
	return m, doc.Tool.Aerich != nil, nil
}

// pipfileDoc is a Pipfile's [packages] and [dev-packages].
type pipfileDoc struct {
	Packages    map[string]any `toml:"packages"`
	DevPackages map[string]any `toml:"dev-packages"`
}

func parsePipfile(rel string, data []byte) (manifest, *Warning) {
	var doc pipfileDoc
	if err := toml.Unmarshal(data, &doc); err != nil {
		return manifest{}, tomlWarning(rel, err)
	}
	lines := tomlLines(data)
	var m manifest
	for _, name := range slices.Sorted(maps.Keys(doc.Packages)) {
		m.deps = append(m.deps, tableDep(rel, name, doc.Packages[name], lines["K:packages."+name], false))
	}
	for _, name := range slices.Sorted(maps.Keys(doc.DevPackages)) {
		m.deps = append(m.deps, tableDep(rel, name, doc.DevPackages[name], lines["K:dev-packages."+name], true))
	}
	return m, nil
}

// tableDep reads a Poetry or Pipfile entry: name = "spec", or a table with
// version and extras, or (Poetry) a list of such tables.
func tableDep(rel, name string, v any, line int, dev bool) dep {
	d := dep{name: normalize(name), file: rel, line: line, dev: dev}
	if list, ok := v.([]any); ok && len(list) > 0 {
		v = list[0]
	}
	var spec string
	switch v := v.(type) {
	case string:
		spec = v
	case map[string]any:
		spec, _ = v["version"].(string)
		if extras, ok := v["extras"].([]any); ok {
			for _, e := range extras {
				if s, ok := e.(string); ok {
					d.extras = append(d.extras, normalize(s))
				}
			}
		}
	}
	if spec != "*" { // Poetry's and Pipfile's "any version"
		d.setSpec(spec)
	}
	return d
}

// parseTOMLLock reads the [[package]] name and version pairs of uv.lock,
// poetry.lock or pdm.lock in one pass of go-toml's parser: lock files can
// be large, and nothing else in them matters here.
func parseTOMLLock(rel string, data []byte) ([]lockPkg, *Warning) {
	var p unstable.Parser
	p.Reset(data)
	var pkgs []lockPkg
	inPackage := false
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			key := keyPath(e.Key())
			inPackage = e.Kind == unstable.ArrayTable && len(key) == 1 && key[0] == "package"
			if inPackage {
				pkgs = append(pkgs, lockPkg{file: rel})
			}
		case unstable.KeyValue:
			if !inPackage {
				continue
			}
			key, v := keyPath(e.Key()), e.Value()
			if len(key) != 1 || v.Kind != unstable.String {
				continue
			}
			last := &pkgs[len(pkgs)-1]
			switch key[0] {
			case "name":
				last.name = normalize(string(v.Data))
			case "version":
				last.version = string(v.Data)
			}
		}
	}
	if err := p.Error(); err != nil {
		return nil, parserWarning(&p, rel, err)
	}
	return pkgs, nil
}

// parsePipfileLock reads Pipfile.lock's default and develop sections.
func parsePipfileLock(rel string, data []byte) ([]lockPkg, *Warning) {
	var doc map[string]map[string]struct {
		Version string `json:"version"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		w := &Warning{File: rel, Message: "invalid JSON: " + err.Error()}
		var se *json.SyntaxError
		if errors.As(err, &se) {
			w.Line = lineAt(data, int(min(se.Offset, int64(len(data)))))
		}
		return nil, w
	}
	var pkgs []lockPkg
	for _, section := range []string{"default", "develop"} {
		for _, name := range slices.Sorted(maps.Keys(doc[section])) {
			pkgs = append(pkgs, lockPkg{name: normalize(name), version: strings.TrimPrefix(doc[section][name].Version, "=="), file: rel})
		}
	}
	return pkgs, nil
}

// tomlLines indexes where keys and strings are: "K:a.b.c" is the line of
// key a.b.c, and "S:a.b.c\x00value" the line of the string value at that
// path (an array's elements share its path). Errors are ignored: it is
// called on documents the decoder accepted.
func tomlLines(data []byte) map[string]int {
	idx := map[string]int{}
	var p unstable.Parser
	p.Reset(data)
	var table []string
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			table = keyPath(e.Key())
		case unstable.KeyValue:
			indexKeyValue(&p, idx, table, e)
		}
	}
	return idx
}

func indexKeyValue(p *unstable.Parser, idx map[string]int, prefix []string, kv *unstable.Node) {
	it := kv.Key()
	var first *unstable.Node
	path := append([]string(nil), prefix...)
	for it.Next() {
		if first == nil {
			first = it.Node()
		}
		path = append(path, string(it.Node().Data))
	}
	if first != nil && first.Raw.Length > 0 {
		setFirst(idx, "K:"+strings.Join(path, "."), p.Shape(first.Raw).Start.Line)
	}
	indexValue(p, idx, path, kv.Value())
}

func indexValue(p *unstable.Parser, idx map[string]int, path []string, v *unstable.Node) {
	switch v.Kind {
	case unstable.String:
		if v.Raw.Length > 0 {
			setFirst(idx, "S:"+strings.Join(path, ".")+"\x00"+string(v.Data), p.Shape(v.Raw).Start.Line)
		}
	case unstable.Array:
		it := v.Children()
		for it.Next() {
			indexValue(p, idx, path, it.Node())
		}
	case unstable.InlineTable:
		it := v.Children()
		for it.Next() {
			if n := it.Node(); n.Kind == unstable.KeyValue {
				indexKeyValue(p, idx, path, n)
			}
		}
	}
}

func setFirst(idx map[string]int, k string, line int) {
	if _, ok := idx[k]; !ok {
		idx[k] = line
	}
}

func keyPath(it unstable.Iterator) []string {
	var parts []string
	for it.Next() {
		parts = append(parts, string(it.Node().Data))
	}
	return parts
}

// tomlWarning turns a go-toml decode error into a warning at its line.
func tomlWarning(rel string, err error) *Warning {
	w := &Warning{File: rel, Message: "invalid TOML: " + strings.TrimPrefix(err.Error(), "toml: ")}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		w.Line, _ = de.Position()
	}
	return w
}

// parserWarning turns an error of go-toml's parser into a warning at its line.
func parserWarning(p *unstable.Parser, rel string, err error) *Warning {
	w := &Warning{File: rel, Message: fmt.Sprintf("invalid TOML: %v", err)}
	var pe *unstable.ParserError
	if errors.As(err, &pe) && len(pe.Highlight) > 0 {
		w.Line = p.Shape(p.Range(pe.Highlight)).Start.Line
	}
	return w
}
