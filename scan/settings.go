package scan

import "strings"

// appEntry is one string in a Django INSTALLED_APPS setting.
type appEntry struct {
	label string
	line  int
}

// settingsFacts is what a Django settings module says, read as text.
type settingsFacts struct {
	apps      []appEntry
	tasksLine int // line of a TASKS = … setting (Django's task framework)
}

// readSettings finds the INSTALLED_APPS entries of a settings module:
// INSTALLED_APPS = [...] or (...), += and .append/.extend/.insert, across
// lines, and lists built from other names in the same module
// (INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS, or [*DJANGO_APPS, …]),
// which is how cookiecutter-django and many projects write it. Commented-out
// entries do not count. Apps added from other modules by name stay unseen,
// but every settings module is read, so "from .base import *" chains are
// covered file by file.
func readSettings(src []byte) settingsFacts {
	assigned := map[string][][]token{}
	var facts settingsFacts
	for _, st := range statements(pyTokens(src)) {
		target, expr, ok := assignment(st)
		if !ok {
			continue
		}
		assigned[target] = append(assigned[target], expr)
		if target == "TASKS" && facts.tasksLine == 0 {
			facts.tasksLine = st[0].line
		}
	}
	seen := map[string]bool{}
	var collect func(name string)
	collect = func(name string) {
		if seen[name] {
			return
		}
		seen[name] = true
		for _, expr := range assigned[name] {
			for i, t := range expr {
				switch {
				case t.kind == tString:
					facts.apps = append(facts.apps, appEntry{label: strings.TrimSpace(t.text), line: t.line})
				case t.kind == tName && (i == 0 || expr[i-1].text != "."):
					collect(t.text)
				}
			}
		}
	}
	collect("INSTALLED_APPS")
	return facts
}
