package scan

import (
	"strings"
)

// manifest is what one project manifest declares.
type manifest struct {
	name string // the project's name, when the manifest gives one
	deps []dep
}

// parseSetupCfg reads setuptools' setup.cfg: [metadata] name and
// [options] install_requires / [options.extras_require]. Hand-written: an
// INI library gives no line numbers, and only these keys matter. Values
// continue on indented lines, as configparser reads them.
func parseSetupCfg(rel string, data []byte) manifest {
	var m manifest
	section, key := "", ""
	for i, raw := range strings.Split(string(data), "\n") {
		line := strings.TrimRight(raw, "\r")
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || trimmed[0] == '#' || trimmed[0] == ';' {
			continue
		}
		if strings.HasPrefix(trimmed, "[") && strings.HasSuffix(trimmed, "]") {
			section, key = strings.TrimSpace(trimmed[1:len(trimmed)-1]), ""
			continue
		}
		value := trimmed
		if line[0] != ' ' && line[0] != '\t' {
			k, v, ok := strings.Cut(trimmed, "=")
			if !ok {
				k, v, ok = strings.Cut(trimmed, ":")
			}
			if !ok {
				key = ""
				continue
			}
			key, value = strings.TrimSpace(k), strings.TrimSpace(v)
			if section == "metadata" && key == "name" {
				m.name = value
			}
		}
		var group string
		switch {
		case section == "options" && key == "install_requires":
		case section == "options.extras_require" && key != "":
			group = key
		default:
			continue
		}
		if j := strings.Index(value, " #"); j >= 0 {
			value = value[:j]
		}
		if d, ok := parseRequirement(value); ok {
			d.file, d.line, d.dev = rel, i+1, group != "" && devGroup(group)
			m.deps = append(m.deps, d)
		}
	}
	return m
}

// parseSetupPy reads the string literals of setup(install_requires=[…],
// extras_require={…}) and setup(name="…") as text; a setup.py that computes
// its requirements yields what literals it has.
func parseSetupPy(rel string, data []byte) manifest {
	var m manifest
	toks := pyTokens(data)
	for i := 0; i+2 < len(toks); i++ {
		t := toks[i]
		if t.kind != tName || toks[i+1].kind != tOp || toks[i+1].text != "=" {
			continue
		}
		switch t.text {
		case "name":
			if m.name == "" && toks[i+2].kind == tString {
				m.name = toks[i+2].text
			}
		case "install_requires", "extras_require":
			extras := t.text == "extras_require"
			depth, group := 0, ""
			for j := i + 2; j < len(toks); j++ {
				u := toks[j]
				if u.kind == tOp {
					switch u.text {
					case "(", "[", "{":
						depth++
					case ")", "]", "}":
						depth--
					}
				}
				if depth <= 0 && j > i+2 {
					break
				}
				if u.kind != tString {
					continue
				}
				// In extras_require the keys are strings too: "key": names
				// the extra its list belongs to, as in setup.cfg.
				if extras && j+1 < len(toks) && toks[j+1].text == ":" {
					group = u.text
					continue
				}
				if d, ok := parseRequirement(u.text); ok {
					d.file, d.line, d.dev = rel, u.line, group != "" && devGroup(group)
					m.deps = append(m.deps, d)
				}
			}
		}
	}
	return m
}
