package rules

import (
	"bytes"
	"testing"
)

// BenchmarkParseDefault is the cost of reading the embedded knowledge
// base, paid once by every command that needs it.
func BenchmarkParseDefault(b *testing.B) {
	for b.Loop() {
		if _, err := parse(defaultYAML, DefaultFile); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadDefaultSource is Load on the same bytes, as --rules does.
func BenchmarkLoadDefaultSource(b *testing.B) {
	for b.Loop() {
		if _, err := Load(bytes.NewReader(defaultYAML), "x.yaml"); err != nil {
			b.Fatal(err)
		}
	}
}
