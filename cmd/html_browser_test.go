package cmd

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestHTMLInChromium renders -o html pages in a real headless Chromium —
// to PNG, to PDF and to its DOM — and checks that each renders, holds the
// advice's sections, and makes no network request. It needs Chromium:
// .ci/run installs Debian's package and sets APIADVISOR_CHROMIUM; go test
// on a machine without it skips this one test.
func TestHTMLInChromium(t *testing.T) {
	chromium := os.Getenv("APIADVISOR_CHROMIUM")
	if chromium == "" {
		t.Skip("set APIADVISOR_CHROMIUM to a Chromium binary (.ci/run does)")
	}
	dir := t.TempDir()
	pages := map[string]struct {
		args []string
		want []string
	}{
		"hybrid": {
			[]string{"advise", "--concurrency", "high", "--workload", "io", "--team-size", "30", "--orm", "--migrations", "--admin", "--architecture", "monolith", "--existing-stack", "django"},
			[]string{"Hybrid of the two", "Scores", "For", "Switch or coexist, least disruptive first", "What to know before you start", "Where the source article is dated"},
		},
		"warnings": {
			[]string{"advise", "--admin", "--orm=false", "--concurrency", "low"},
			[]string{"Warnings", "Why not the others", "Unknown"},
		},
		"team": {
			[]string{"team", "../testdata/team/alice.yaml", "../testdata/team/bob.yaml"},
			[]string{"Team: Alice, Bob", "changes the recommendation"},
		},
	}
	for name, p := range pages {
		t.Run(name, func(t *testing.T) {
			code, out, stderr := run(t, map[string]string{"SOURCE_DATE_EPOCH": "1764547200"}, append(p.args, "-o", "html")...)
			if code != 0 {
				t.Fatalf("%v: exit %d: %s", p.args, code, stderr)
			}
			page := filepath.Join(dir, name+".html")
			if err := os.WriteFile(page, []byte(out), 0o644); err != nil {
				t.Fatal(err)
			}
			url := "file://" + page
			png := filepath.Join(dir, name+".png")
			pdf := filepath.Join(dir, name+".pdf")
			netlog := filepath.Join(dir, name+".netlog.json")
			headless(t, chromium, dir, "--screenshot="+png, "--window-size=412,2000", url)
			headless(t, chromium, dir, "--print-to-pdf="+pdf, "--no-pdf-header-footer", url)
			dom := headless(t, chromium, dir, "--dump-dom", "--log-net-log="+netlog, "--net-log-capture-mode=Everything", url)
			checkMagic(t, png, "\x89PNG\r\n\x1a\n")
			checkMagic(t, pdf, "%PDF-")
			for _, w := range p.want {
				if !strings.Contains(dom, w) {
					t.Errorf("the rendered page lacks %q", w)
				}
			}
			if reqs := pageRequests(t, netlog); len(reqs) > 0 {
				t.Errorf("the page requested %v", reqs)
			}
		})
	}
	// The network check can fail: a page that loads an image is caught.
	bad := filepath.Join(dir, "bad.html")
	if err := os.WriteFile(bad, []byte(`<!doctype html><img src="http://192.0.2.1/x.png">`), 0o644); err != nil {
		t.Fatal(err)
	}
	netlog := filepath.Join(dir, "bad.netlog.json")
	headless(t, chromium, dir, "--dump-dom", "--log-net-log="+netlog, "--net-log-capture-mode=Everything", "--timeout=2000", "file://"+bad)
	if len(pageRequests(t, netlog)) == 0 {
		t.Error("a page that loads an image was not caught requesting it: the check proves nothing")
	}
}

// headless runs Chromium as the probe does on this machine: with its
// background networking and updates off, and a fresh profile.
func headless(t *testing.T, chromium, dir string, args ...string) string {
	t.Helper()
	profile, err := os.MkdirTemp(dir, "profile")
	if err != nil {
		t.Fatal(err)
	}
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile}
	cmd := exec.Command(chromium, append(base, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("chromium %v: %v\n%s", args, err, stderr.String())
		}
	case <-time.After(60 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("chromium %v did not finish in 60 s", args)
	}
	return stdout.String()
}

func checkMagic(t *testing.T, path, magic string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) < 1000 || !strings.HasPrefix(string(data), magic) {
		t.Errorf("%s is not a rendered %q file (%d bytes)", filepath.Base(path), magic, len(data))
	}
}

// pageRequests lists the URLs the page itself asked for, from Chromium's
// net log. Chromium's own background requests (update and time checks)
// carry no initiator ("not an origin"); anything the page loads carries
// the page's origin.
func pageRequests(t *testing.T, netlog string) []string {
	t.Helper()
	data, err := os.ReadFile(netlog)
	if err != nil {
		t.Fatal(err)
	}
	var log struct {
		Events []struct {
			Params map[string]any `json:"params"`
		} `json:"events"`
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("net log: %v", err)
	}
	var out []string
	for _, e := range log.Events {
		url, _ := e.Params["url"].(string)
		initiator, ok := e.Params["initiator"].(string)
		if url != "" && ok && initiator != "not an origin" {
			out = append(out, url)
		}
	}
	return out
}
