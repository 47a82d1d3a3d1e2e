package term

import (
	"os"
	"testing"

	"github.com/charmbracelet/lipgloss"
)

func TestInitSettlesTheBackground(t *testing.T) {
	// Were it unsettled, asking would query a terminal on stdout.
	if !lipgloss.HasDarkBackground() {
		t.Error("the background is not settled as dark")
	}
}

func TestIsTerminal(t *testing.T) {
	f, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if IsTerminal(f) {
		t.Errorf("%s is a terminal", os.DevNull)
	}
	if IsTerminal(nil) {
		t.Error("no file is a terminal")
	}
}
