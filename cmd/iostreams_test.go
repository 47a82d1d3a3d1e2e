package cmd

import (
	"strings"
	"testing"
)

// TestNoColourWithoutTERM: a terminal of unknown kind (TERM unset) gets
// no colour on either stream; one that names itself does.
func TestNoColourWithoutTERM(t *testing.T) {
	for _, tt := range []struct {
		env   map[string]string
		color bool
	}{
		{nil, false},
		{map[string]string{"TERM": ""}, false},
		{map[string]string{"TERM": "xterm-256color"}, true},
	} {
		ios, _, errOut := testIO("", tt.env)
		ios.outTTY, ios.errTTY = true, true
		if ios.ColorOut() != tt.color || ios.ColorErr() != tt.color {
			t.Errorf("TERM=%q: colour out %v, err %v; want %v", tt.env["TERM"], ios.ColorOut(), ios.ColorErr(), tt.color)
		}
		(&App{IO: ios}).Run(t.Context(), []string{"advise", "--concurrency", "hgih"})
		if got := strings.Contains(errOut.String(), "\x1b"); got != tt.color {
			t.Errorf("TERM=%q: escape codes in the error %v, want %v: %q", tt.env["TERM"], got, tt.color, errOut.String())
		}
	}
}
