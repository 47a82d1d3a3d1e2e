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

func TestSizeOfNonTerminal(t *testing.T) {
	f, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if c, r := Size(f); c != 0 || r != 0 {
		t.Errorf("Size(%s) = %d×%d, want 0×0", os.DevNull, c, r)
	}
	if c, r := Size(nil); c != 0 || r != 0 {
		t.Errorf("Size(nil) = %d×%d, want 0×0", c, r)
	}
}
