//go:build apiadvisor_gen

package rules

// builtin parses default.yaml. The apiadvisor_gen tag is set only for the
// generator that writes default_gen.go, which is then left out of the
// build (see the go:generate line in load.go).
func builtin() (*KB, error) {
	return parse(defaultYAML, DefaultFile)
}
