package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestManPage(t *testing.T) {
	code, out, errOut := helpRun(t, false, map[string]string{"SOURCE_DATE_EPOCH": "1700000000"}, "man")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	lines := strings.SplitN(out, "\n", 3)
	if lines[0] != ".nh" || !strings.HasPrefix(lines[1], `.TH "APIADVISOR" "1" `) {
		t.Fatalf("page does not start with a roff header:\n%s", strings.Join(lines[:2], "\n"))
	}
	// The build date (2026-01-02) wins over SOURCE_DATE_EPOCH (Nov 2023).
	if !strings.Contains(lines[1], `"Jan 2026" "apiadvisor v1.2.3" "apiadvisor manual"`) {
		t.Errorf("header %s: want the build date and source apiadvisor v1.2.3", lines[1])
	}
	sections := []string{".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH OPTIONS", ".SH EXAMPLE", ".SH ENVIRONMENT", ".SH EXIT STATUS", ".SH SEE ALSO"}
	last := -1
	for _, s := range sections {
		i := strings.Index(out, "\n"+s+"\n")
		if i < 0 {
			t.Errorf("page lacks %s", s)
			continue
		}
		if i < last {
			t.Errorf("%s is out of order", s)
		}
		last = i
	}
	for _, want := range []string{`\fBAPIADVISOR_RULES=FILE\fP`, `(same as \-\-no\-input)`, "apiadvisor-advise(1)"} {
		if !strings.Contains(out, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(out, "Auto generated") {
		t.Error("page carries cobra's auto-generated tag, which dates it")
	}
}

func TestManDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "man")
	code, _, errOut := helpRun(t, false, nil, "man", "--dir", dir)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	tests := []struct{ file, header, want string }{
		{"apiadvisor.1", `.TH "APIADVISOR" "1"`, ".SH ENVIRONMENT"},
		{"apiadvisor-advise.1", `.TH "APIADVISOR-ADVISE" "1"`, ".SH OPTIONS"},
		{"apiadvisor-rules-validate.1", `.TH "APIADVISOR-RULES-VALIDATE" "1"`, ".SH SYNOPSIS"},
	}
	for _, tt := range tests {
		data, err := os.ReadFile(filepath.Join(dir, tt.file))
		if err != nil {
			t.Error(err)
			continue
		}
		page := string(data)
		if !strings.Contains(page, tt.header) || !strings.Contains(page, tt.want) {
			t.Errorf("%s lacks %q or %q:\n%.200s", tt.file, tt.header, tt.want, page)
		}
	}
	if !strings.Contains(errOut, dir) {
		t.Errorf("stderr %q does not say where the pages went", errOut)
	}
}

func TestManDate(t *testing.T) {
	tests := []struct {
		name, date, epoch, want string
	}{
		{"build date", "2025-06-07T08:09:10Z", "1767225600", "2025-06-07"},
		{"SOURCE_DATE_EPOCH", "", "1767225600", "2026-01-01"},
		{"unparsable build date", "unknown", "1767225600", "2026-01-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &App{IO: &IOStreams{env: func(k string) string {
				if k == "SOURCE_DATE_EPOCH" {
					return tt.epoch
				}
				return ""
			}}, Build: BuildInfo{Date: tt.date}}
			if got := manDate(a).Format("2006-01-02"); got != tt.want {
				t.Errorf("manDate = %s, want %s", got, tt.want)
			}
		})
	}
}
