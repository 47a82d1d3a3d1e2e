package term

import (
	"os"
	"testing"
)

func TestParseOSC11(t *testing.T) {
	tests := []struct {
		reply    string
		dark, ok bool
	}{
		{"\x1b]11;rgb:0000/0000/0000\x1b\\\x1b[1;1R", true, true},
		{"\x1b]11;rgb:ffff/ffff/ffff\x07\x1b[12;40R", false, true},
		{"\x1b]11;rgb:28/2a/36\x1b\\", true, true},
		{"\x1b]11;rgb:fdfd/f6f6/e3e3\x1b\\", false, true},
		{"\x1b[1;1R", false, false},
		{"", false, false},
		{"\x1b]11;rgb:zz/00/00", false, false},
	}
	for _, tt := range tests {
		dark, ok := parseOSC11(tt.reply)
		if dark != tt.dark || ok != tt.ok {
			t.Errorf("parseOSC11(%q) = %v, %v; want %v, %v", tt.reply, dark, ok, tt.dark, tt.ok)
		}
	}
}

func TestFromColorFGBG(t *testing.T) {
	for v, want := range map[string]bool{"": true, "15;0": true, "0;15": false, "12;8": true, "default;7": false, "garbage": true} {
		if got := fromColorFGBG(v); got != want {
			t.Errorf("fromColorFGBG(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestStartBackgroundQueryWithoutATerminal(t *testing.T) {
	f, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for env, want := range map[string]bool{"0;15": false, "15;0": true, "": true} {
		t.Setenv("COLORFGBG", env)
		q := StartBackgroundQuery(f)
		if q.finish != nil {
			t.Errorf("COLORFGBG=%q: a query was sent to %s", env, os.DevNull)
		}
		if got := q.Dark(); got != want {
			t.Errorf("COLORFGBG=%q: Dark() = %v, want %v", env, got, want)
		}
	}
	var none *BackgroundQuery
	if !none.Dark() {
		t.Error("a query never sent should answer dark")
	}
}
