package cmd

import (
	"os"
	"os/exec"
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
	for _, want := range []string{`\fBAPIADVISOR_RULES=FILE\fP`, `(same as \-\-no\-input)`, `\fBapiadvisor\-advise\fP(1)`, `\fB\-\-rules\fP \fIFILE\fP`} {
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
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if want := len(allCommands()) - 2; len(entries) != want { // all but man (hidden) and help
		t.Errorf("%d pages, want one per visible command (%d)", len(entries), want)
	}
	// Every page is valid roff: groff, where installed, warns about
	// nothing (-ww: all warnings; -k: UTF-8 input).
	groff, err := exec.LookPath("groff")
	if err != nil {
		t.Log("groff not installed; pages not rendered")
		return
	}
	for _, e := range entries {
		out, err := exec.Command(groff, "-k", "-man", "-Tutf8", "-ww", "-z", filepath.Join(dir, e.Name())).CombinedOutput()
		if err != nil || len(out) > 0 {
			t.Errorf("groff %s: %v\n%s", e.Name(), err, out)
		}
	}
}

func TestManEscapesRequests(t *testing.T) {
	got := manLines(".SH not a section\n'also not\nback\\slash -flag")
	want := "\\&.SH not a section\n\\&'also not\nback\\eslash \\-flag"
	if got != want {
		t.Errorf("manLines = %q, want %q", got, want)
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
