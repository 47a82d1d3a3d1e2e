package cmd

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// These tests run apiadvisor as a process of its own — this test binary,
// re-executed into TestHelperProcess — where what is under test belongs
// to a process: its file-size limit, its standard streams, signals, and
// runs racing each other.

// TestHelperProcess is apiadvisor's main when APIADVISOR_HELPER is set;
// otherwise it does nothing. APIADVISOR_HELPER_FSIZE sets the file-size
// limit first. SIGXFSZ is left as the Go runtime sets it, ignored, so a
// write past the limit fails with EFBIG as it would for the real binary.
func TestHelperProcess(t *testing.T) {
	if os.Getenv("APIADVISOR_HELPER") != "1" {
		return
	}
	if s := os.Getenv("APIADVISOR_HELPER_FSIZE"); s != "" {
		n, _ := strconv.ParseUint(s, 10, 64)
		if err := unix.Setrlimit(unix.RLIMIT_FSIZE, &unix.Rlimit{Cur: n, Max: n}); err != nil {
			os.Exit(99)
		}
	}
	args := os.Args[slices.Index(os.Args, "--")+1:]
	os.Args = append([]string{"apiadvisor"}, args...)
	os.Exit(Main(BuildInfo{Version: "v0.0.0-test"}))
}

// helper returns a command that runs apiadvisor with args.
func helper(t *testing.T, env []string, args ...string) *exec.Cmd {
	t.Helper()
	c := exec.Command(os.Args[0], append([]string{"-test.run=^TestHelperProcess$", "--"}, args...)...)
	c.Env = append([]string{"APIADVISOR_HELPER=1", "PATH=" + os.Getenv("PATH"), "SOURCE_DATE_EPOCH=1764633600"}, env...)
	return c
}

// exitOf runs c and returns its exit code and stderr.
func exitOf(t *testing.T, c *exec.Cmd) (int, string) {
	t.Helper()
	var stderr bytes.Buffer
	c.Stderr = &stderr
	err := c.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0, stderr.String()
	case errors.As(err, &ee):
		return ee.ExitCode(), stderr.String()
	}
	t.Fatal(err)
	return 0, ""
}

// TestWritesPastTheFileSizeLimit: when a write fails (a full disk, a
// file-size limit), the file written before is untouched and nothing
// partial, empty or temporary is left beside it.
func TestWritesPastTheFileSizeLimit(t *testing.T) {
	limit := []string{"APIADVISOR_HELPER_FSIZE=64"}

	dir := t.TempDir()
	saved := filepath.Join(dir, "answers.yaml")
	if err := os.WriteFile(saved, []byte("orm: true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stderr := exitOf(t, helper(t, limit, append(slices.Clone(decidedArgs), "-o", "json", "--save-answers", saved)...))
	if code != 1 || !strings.Contains(stderr, "save answers: ") || !strings.Contains(stderr, "file too large") {
		t.Errorf("--save-answers past the limit: exit %d, stderr %q", code, stderr)
	}
	if got, _ := os.ReadFile(saved); string(got) != "orm: true\n" {
		t.Errorf("the previous answers changed: %q", got)
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"answers.yaml"}) {
		t.Errorf("left behind: %v", names)
	}

	adr := t.TempDir()
	old := filepath.Join(adr, "0001-use-postgres.md")
	if err := os.WriteFile(old, []byte("# 1. Use Postgres\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stderr = exitOf(t, helper(t, limit, append(slices.Clone(decidedArgs), "--adr-dir", adr)...))
	if code != 1 || !strings.Contains(stderr, "file too large") {
		t.Errorf("--adr-dir past the limit: exit %d, stderr %q", code, stderr)
	}
	if names := dirNames(t, adr); !slices.Equal(names, []string{"0001-use-postgres.md"}) {
		t.Errorf("a partial or empty record was left: %v", names)
	}
}

// TestParallelRecords: runs racing for the next record number each get
// their own, and every record is whole.
func TestParallelRecords(t *testing.T) {
	if testing.Short() {
		t.Skip("starts 50 processes")
	}
	dir := t.TempDir()
	const runs = 50
	var wg sync.WaitGroup
	codes := make([]int, runs)
	stderrs := make([]string, runs)
	for i := range runs {
		wg.Go(func() {
			codes[i], stderrs[i] = exitOf(t, helper(t, nil, append(slices.Clone(decidedArgs), "-o", "json", "--adr-dir", dir)...))
		})
	}
	wg.Wait()
	for i := range runs {
		if codes[i] != 0 {
			t.Errorf("run %d: exit %d, stderr %q", i, codes[i], stderrs[i])
		}
	}
	names := dirNames(t, dir)
	if len(names) != runs {
		t.Fatalf("%d files for %d runs: %v", len(names), runs, names)
	}
	first, err := os.ReadFile(filepath.Join(dir, names[0]))
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range names {
		if want := strconv.Itoa(10000 + i + 1)[1:]; !strings.HasPrefix(name, want+"-") {
			t.Errorf("file %d is %q, want number %s", i, name, want)
		}
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.Equal(b, first) || !bytes.HasSuffix(b, []byte("\n")) || !bytes.HasPrefix(b, []byte("---\n")) {
			t.Errorf("%s is not a whole record (%d bytes, err %v)", name, len(b), err)
		}
	}
}

// TestStdoutFailures: output that cannot be written fails the run with a
// message on stderr — help on a full disk — while a pipe closed by its
// reader ends the run quietly, by SIGPIPE, as other Unix tools end, and
// output sent to /dev/null is no failure.
func TestStdoutFailures(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full")
	}
	defer full.Close()
	for _, args := range [][]string{{"--help"}, {"help", "rules"}, {"version"}, {"rules", "list"}, append(slices.Clone(decidedArgs), "-o", "json")} {
		c := helper(t, nil, args...)
		c.Stdout = full
		code, stderr := exitOf(t, c)
		if code != 1 || stderr != "cannot write to stdout: no space left on device\n" {
			t.Errorf("%v > /dev/full: exit %d, stderr %q", args, code, stderr)
		}
	}

	// Sent to /dev/null, write-only as a shell opens it or read-write as
	// Python's subprocess.DEVNULL and Rust's Stdio::null do, the output is
	// discarded on purpose: no failure.
	for _, flag := range []int{os.O_WRONLY, os.O_RDWR} {
		null, err := os.OpenFile(os.DevNull, flag, 0)
		if err != nil {
			t.Fatal(err)
		}
		c := helper(t, nil, "version")
		c.Stdout = null
		if code, stderr := exitOf(t, c); code != 0 {
			t.Errorf("> /dev/null (flags %#x): exit %d, stderr %q", flag, code, stderr)
		}
		null.Close()
	}

	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	c := helper(t, nil, "rules", "list")
	c.Stdout = w
	var stderr bytes.Buffer
	c.Stderr = &stderr
	err = c.Run()
	w.Close()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGPIPE || stderr.Len() > 0 {
		t.Errorf("closed pipe: %v, stderr %q; want SIGPIPE and nothing said", err, stderr.String())
	}
}
