package term

import (
	"os"
	"testing"
)

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
