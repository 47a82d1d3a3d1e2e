package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/apiadvisor/apiadvisor/cmd"
	"github.com/spf13/cobra"
)

// epoch is 2025-12-02T00:00:00Z.
const epoch = "1764633600"

// generate runs gen-docs into a fresh directory and returns it with the
// pages by name.
func generate(t *testing.T) (string, map[string]string) {
	t.Helper()
	dir := t.TempDir()
	var stderr bytes.Buffer
	getenv := func(k string) string {
		if k == "SOURCE_DATE_EPOCH" {
			return epoch
		}
		return ""
	}
	if code := run([]string{"--out", dir, "--version", "v1.2.3"}, getenv, &stderr); code != 0 {
		t.Fatalf("gen-docs exited %d: %s", code, stderr.String())
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	pages := map[string]string{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		pages[e.Name()] = string(b)
	}
	return dir, pages
}

// wantPages names a page for every command a user can run, as help lists
// them: cobra's help command and hidden ones (__complete) get none.
func wantPages() []string {
	var names []string
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		names = append(names, strings.ReplaceAll(c.CommandPath(), " ", "-")+".1")
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() && sub.Name() != "help" {
				walk(sub)
			}
		}
	}
	walk(cmd.Command(cmd.BuildInfo{}))
	slices.Sort(names)
	return names
}

func TestOnePagePerCommand(t *testing.T) {
	_, pages := generate(t)
	got := slices.Sorted(func(yield func(string) bool) {
		for name := range pages {
			if !yield(name) {
				return
			}
		}
	})
	if want := wantPages(); !slices.Equal(got, want) {
		t.Errorf("pages:\n got %q\nwant %q", got, want)
	}
	for _, name := range []string{"apiadvisor.1", "apiadvisor-advise.1", "apiadvisor-rules-validate.1", "apiadvisor-completion-zsh.1"} {
		if _, ok := pages[name]; !ok {
			t.Errorf("no page %s", name)
		}
	}
	for _, name := range []string{"apiadvisor-help.1", "apiadvisor-__complete.1"} {
		if _, ok := pages[name]; ok {
			t.Errorf("page %s should not exist", name)
		}
	}
}

var thLine = regexp.MustCompile(`(?m)^\.TH "([A-Z-]+)" "1" "2025-12-02" "apiadvisor v1\.2\.3" "apiadvisor manual"$`)

func TestPagesAreCleanRoff(t *testing.T) {
	_, pages := generate(t)
	for name, page := range pages {
		th := thLine.FindStringSubmatch(page)
		if th == nil {
			t.Errorf("%s: no .TH line with the SOURCE_DATE_EPOCH date:\n%s", name, firstLines(page, 3))
		} else if want := strings.ToUpper(strings.TrimSuffix(name, ".1")); th[1] != want {
			t.Errorf("%s: .TH title %q, want %q", name, th[1], want)
		}
		if strings.Contains(page, "Auto generated") {
			t.Errorf("%s: has cobra's auto-generated tag", name)
		}
		for i := 0; i < len(page); i++ {
			if page[i] >= 0x80 {
				t.Errorf("%s: byte %#x at offset %d is not ASCII", name, page[i], i)
				break
			}
		}
		if strings.Contains(page, "\t") {
			t.Errorf("%s: has a tab, which is a tab in filled text outside an example", name)
		}
		if !strings.HasSuffix(page, "\n") {
			t.Errorf("%s: last line has no newline", name)
		}
	}
	// The em dash of advise's description survives as an escape.
	if !strings.Contains(pages["apiadvisor-advise.1"], `framework \[u2014] lightweight`) {
		t.Error("advise page lacks its em dash as \\[u2014]")
	}
}

var seeAlsoRef = regexp.MustCompile(`\\fB([^\\(]+)\((\d)\)\\fP`)

func TestSeeAlsoPointsAtPagesThatExist(t *testing.T) {
	_, pages := generate(t)
	for name, page := range pages {
		_, seeAlso, ok := strings.Cut(page, "\n.SH SEE ALSO\n")
		if !ok {
			t.Errorf("%s: no SEE ALSO", name)
			continue
		}
		refs := seeAlsoRef.FindAllStringSubmatch(seeAlso, -1)
		if len(refs) == 0 {
			t.Errorf("%s: SEE ALSO names no page: %q", name, seeAlso)
		}
		for _, ref := range refs {
			if _, ok := pages[ref[1]+"."+ref[2]]; !ok {
				t.Errorf("%s: SEE ALSO %s(%s) has no page", name, ref[1], ref[2])
			}
		}
	}
}

func TestRootPageListsEnvironmentAndExitStatus(t *testing.T) {
	_, pages := generate(t)
	root := pages["apiadvisor.1"]
	exit := strings.Index(root, "\n.SH EXIT STATUS\n")
	env := strings.Index(root, "\n.SH ENVIRONMENT\n")
	example := strings.Index(root, "\n.SH EXAMPLE\n")
	if exit < 0 || env < exit || example < env {
		t.Fatalf("want EXIT STATUS, ENVIRONMENT, EXAMPLE in that order; at %d, %d, %d", exit, env, example)
	}
	for _, e := range cmd.ExitCodes() {
		if !strings.Contains(root[exit:env], ".TP\n\\fB"+e.Name+"\\fP\n") {
			t.Errorf("EXIT STATUS lacks %s", e.Name)
		}
	}
	for _, e := range cmd.Environment() {
		if !strings.Contains(root[env:example], ".TP\n\\fB"+roffText(e.Name)+"\\fP\n"+roffText(e.Desc)+"\n") {
			t.Errorf("ENVIRONMENT lacks %s", e.Name)
		}
	}
	if strings.Contains(pages["apiadvisor-advise.1"], ".SH ENVIRONMENT") {
		t.Error("a subcommand's page repeats the environment")
	}
}

func TestFlagsAreTaggedParagraphs(t *testing.T) {
	_, pages := generate(t)
	advise := pages["apiadvisor-advise.1"]
	want := ".SH OPTIONS\n.TP\n\\fB--accessible\\fP[=false]\nask questions line by line"
	if !strings.Contains(advise, want) {
		t.Errorf("advise page lacks %q", want)
	}
	if strings.Contains(advise, ".PP\n.TP") {
		t.Error("advise page has an empty paragraph before a flag")
	}
}

func TestIndentedHelpStaysVerbatim(t *testing.T) {
	_, pages := generate(t)
	want := ".EX\n  - name: small team, heavy I/O\n    answers: {concurrency: high, workload: io, team_size: 4}\n"
	if !strings.Contains(pages["apiadvisor-rules-test.1"], want) {
		t.Errorf("rules test page lacks its scenario example as an .EX block")
	}
}

func TestFenceIndented(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{"a\n\n  x\n    y\n\nb", "a\n\n```\n  x\n    y\n```\n\nb"},
		{"a\n\n  x\ny", "a\n\n  x\ny"},
		{"", ""},
	} {
		if got := fenceIndented(tc.in); got != tc.want {
			t.Errorf("fenceIndented(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestPagesAreReproducible(t *testing.T) {
	_, first := generate(t)
	_, second := generate(t)
	for name, page := range first {
		if second[name] != page {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

func TestPageDate(t *testing.T) {
	now := func() time.Time { return time.Date(2026, 12, 1, 23, 0, 0, 0, time.FixedZone("X", 3*3600)) }
	for _, tc := range []struct{ epoch, want string }{
		{"", "2026-12-01"},
		{"0", "1970-01-01"},
		{epoch, "2025-12-02"},
		{"253402300799", "9999-12-31"},
	} {
		got, err := cmd.SourceDate(tc.epoch, now)
		if err != nil || got.Format(time.DateOnly) != tc.want {
			t.Errorf("SourceDate(%q) = %v, %v; want %s", tc.epoch, got, err, tc.want)
		}
	}
}

func TestBadUsageExits2(t *testing.T) {
	for _, tc := range []struct {
		name, epoch string
		args        []string
	}{
		{"letters", "yesterday", nil},
		{"negative", "-1", nil},
		{"float", "1764633600.5", nil},
		{"past year 9999", "253402300800", nil},
		{"overflow", "99999999999999999999", nil},
		{"unknown flag", "", []string{"--section", "8"}},
		{"argument", "", []string{"extra"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "pages")
			var stderr bytes.Buffer
			getenv := func(k string) string {
				if k == "SOURCE_DATE_EPOCH" {
					return tc.epoch
				}
				return ""
			}
			args := append([]string{"--out", out}, tc.args...)
			if code := run(args, getenv, &stderr); code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if tc.epoch != "" {
				msg := stderr.String()
				if strings.Count(msg, "\n") != 1 || !strings.Contains(msg, "SOURCE_DATE_EPOCH") || !strings.Contains(msg, tc.epoch) {
					t.Errorf("want one line naming SOURCE_DATE_EPOCH and %q, got %q", tc.epoch, msg)
				}
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("wrote pages despite the error")
			}
		})
	}
}

// TestOnlyTheGeneratorLinksCobraDoc: the shipped binary must not carry
// cobra/doc and its markdown renderer, whose init would run on every start.
func TestOnlyTheGeneratorLinksCobraDoc(t *testing.T) {
	docPkgs := []string{"github.com/spf13/cobra/doc", "github.com/cpuguy83/go-md2man/v2/md2man", "github.com/russross/blackfriday/v2"}
	deps := func(pkg string) []string {
		out, err := exec.Command("go", "list", "-deps", pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		return strings.Fields(string(out))
	}
	binary := deps("github.com/apiadvisor/apiadvisor")
	if !slices.Contains(binary, "github.com/spf13/cobra") {
		t.Fatal("go list found no cobra in the binary: the check would prove nothing")
	}
	for _, p := range docPkgs {
		if slices.Contains(binary, p) {
			t.Errorf("the apiadvisor binary links %s", p)
		}
	}
	generator := deps("github.com/apiadvisor/apiadvisor/cmd/gen-docs")
	for _, p := range docPkgs {
		if !slices.Contains(generator, p) {
			t.Errorf("gen-docs does not link %s", p)
		}
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	return strings.Join(lines[:min(n, len(lines))], "\n")
}
