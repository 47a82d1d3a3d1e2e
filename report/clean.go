package report

import (
	"strings"
	"unicode/utf8"

	"github.com/apiadvisor/apiadvisor/rules"
	"github.com/charmbracelet/x/ansi"
)

// Clean makes text from a file safe to show on a terminal: escape
// sequences are removed whole, other control characters (C0 but newline
// and tab, DEL, C1; see rules.IsControl) are dropped, and invalid UTF-8
// becomes U+FFFD. A rules or answers file is something a colleague hands
// you; showing it must be as safe as paging it with less. JSON and YAML
// escape such characters themselves and do not need it.
func Clean(s string) string {
	if isClean(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = ansi.Strip(s)
	return strings.Map(func(r rune) rune {
		if rules.IsControl(r) {
			return -1
		}
		return r
	}, s)
}

func isClean(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || rules.IsControl(r) {
			return false
		}
	}
	return true
}
