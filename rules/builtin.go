//go:build !apiadvisor_gen

package rules

// builtin is the knowledge base compiled from default.yaml.
func builtin() (*KB, error) {
	kb := compiledDefault()
	kb.index()
	return kb, nil
}
