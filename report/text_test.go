package report

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestWrapText(t *testing.T) {
	tests := []struct {
		text  string
		width int
		want  []string
	}{
		{"a batteries-included framework", 24, []string{"a batteries-included", "framework"}},
		{"rule io-bound-high-concurrency fired", 30, []string{"rule io-bound-high-concurrency", "fired"}},
		{"two\nlines", 80, []string{"two", "lines"}},
		{"wide 日本語 characters count twice", 16, []string{"wide 日本語", "characters count", "twice"}},
	}
	for _, tt := range tests {
		got := wrapText(tt.text, tt.width)
		if !slices.Equal(got, tt.want) {
			t.Errorf("wrapText(%q, %d) = %q, want %q", tt.text, tt.width, got, tt.want)
		}
		for _, l := range got {
			if ansi.StringWidth(l) > max(tt.width, minWidth/2) {
				t.Errorf("wrapText(%q, %d): line %q is too wide", tt.text, tt.width, l)
			}
			if strings.HasSuffix(l, "-") {
				t.Errorf("wrapText(%q, %d) broke a word at a hyphen: %q", tt.text, tt.width, got)
			}
		}
	}
}

// TestFitHangingIndent: a "name   text" line, as help lists commands and
// variables, continues under its text, at any width.
func TestFitHangingIndent(t *testing.T) {
	in := "  revisit     Re-run the decision records against today's knowledge base"
	for _, width := range []int{40, 60} {
		lines := strings.Split(Fit(in, width), "\n")
		if len(lines) < 2 || !strings.HasPrefix(lines[0], "  revisit     Re-run ") {
			t.Fatalf("%d columns: %q", width, lines)
		}
		for _, l := range lines[1:] {
			if !strings.HasPrefix(l, strings.Repeat(" ", 14)) || l[14] == ' ' || ansi.StringWidth(l) > width {
				t.Errorf("%d columns: continuation %q is not under the text or overruns", width, l)
			}
		}
	}
}

func TestFitKeepsLinesThatFit(t *testing.T) {
	in := "  short line\n    a much longer line that will not fit in twenty columns"
	got := Fit(in, 30)
	lines := strings.Split(got, "\n")
	if lines[0] != "  short line" {
		t.Errorf("a line that fits changed: %q", lines[0])
	}
	for _, l := range lines[1:] {
		if !strings.HasPrefix(l, "    ") || ansi.StringWidth(l) > 30 {
			t.Errorf("continuation %q lost its indent or overruns", l)
		}
	}
}

func TestTableFallsBackToBlocks(t *testing.T) {
	w := newTextWriter(Options{Width: 30})
	w.table([]string{"id", "url"}, [][]string{{"one", "https://example.org/a/rather/long/path"}})
	for _, l := range strings.Split(strings.TrimRight(w.String(), "\n"), "\n") {
		if ansi.StringWidth(l) > 30 {
			t.Errorf("table line %q is wider than 30", l)
		}
	}
	if !strings.HasPrefix(w.String(), "one\n") {
		t.Errorf("a table too wide should list each row as a block:\n%s", w.String())
	}
}

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                  "plain",
		"title\x1b]0;pwned\x07!": "title!",
		"clear\x1b[2Jscreen":     "clearscreen",
		"bell\a and \u009b csi":  "bell and  csi",
		"keeps\ttabs\nand lines": "keeps\ttabs\nand lines",
		"bad \xff utf8":          "bad \uFFFD utf8",
	} {
		if got := Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFormatsFor(t *testing.T) {
	if got := FormatsFor(Advice{}); !slices.Equal(got, []Format{Text, JSON, YAML, Markdown, HTML}) {
		t.Errorf("advice formats = %v", got)
	}
	if got := FormatsFor(RuleList{}); !slices.Equal(got, []Format{Text, JSON, YAML}) {
		t.Errorf("rule list formats = %v", got)
	}
}

// TestItemFitsAfterTheWiderPrefix: an item whose first-line prefix is
// wider than the one of the lines after it still fits the width.
func TestItemFitsAfterTheWiderPrefix(t *testing.T) {
	for _, brief := range []bool{false, true} {
		w := newTextWriter(Options{Width: 40})
		text := strings.Repeat("word ", 30)
		if brief {
			w.itemBrief("        was ", "          ", w.st.plain, text, 2)
		} else {
			w.item("        was ", "          ", w.st.plain, text)
		}
		for _, l := range strings.Split(strings.TrimRight(w.String(), "\n"), "\n") {
			if ansi.StringWidth(l) > 40 {
				t.Errorf("brief %v: line %q is wider than 40", brief, l)
			}
		}
	}
}
