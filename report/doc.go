// Package report renders apiadvisor's documents — advice, decision
// records, comparisons, listings and check results — as text, JSON, YAML,
// markdown or HTML. It knows nothing of flags or terminals: the command line
// picks the format and the width and hands it a writer.
package report
