package cmd

import "testing"

func TestWrapWords(t *testing.T) {
	for _, tt := range []struct {
		in    string
		limit int
		want  string
	}{
		{"Batteries-included frameworks give one", 12, "Batteries-included\nframeworks\ngive one"},
		{"Influences: io-bound-high, low-concurrency", 20, "Influences:\nio-bound-high,\nlow-concurrency"},
		{"a b c\nd e", 3, "a b\nc\nd e"},
		{"exactly ten", 11, "exactly ten"},
		{"keep  it", 0, "keep  it"},
	} {
		if got := wrapWords(tt.in, tt.limit); got != tt.want {
			t.Errorf("wrapWords(%q, %d) = %q, want %q", tt.in, tt.limit, got, tt.want)
		}
	}
}
