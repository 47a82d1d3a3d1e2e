package e2e

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// moduleRoot is where `go build .` builds apiadvisor.
func moduleRoot(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatalf("go env GOMOD: %v", err)
	}
	return filepath.Dir(strings.TrimSpace(string(out)))
}

// TestLinkerDropsDeadCode guards the binary's size, and with it start-up
// time and memory: one reachable call of reflect's MethodByName (executing
// any text/template does it, cobra's help templates among them) makes the
// linker keep every exported method of every reachable type — 2 MB more
// binary, faulted in on every start.
func TestLinkerDropsDeadCode(t *testing.T) {
	if testing.Short() {
		t.Skip("links the binary")
	}
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-dumpdep", "-o", os.DevNull, ".")
	cmd.Dir = moduleRoot(t)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	var deps bytes.Buffer
	cmd.Stderr = &deps
	if err := cmd.Run(); err != nil {
		t.Fatalf("go build -ldflags=-dumpdep: %v\n%.2000s", err, deps.String())
	}
	var culprits []string
	sc := bufio.NewScanner(&deps)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		// "caller <ReflectMethod> -> callee": the caller is what disables
		// dead-code elimination of methods.
		if caller, _, ok := strings.Cut(sc.Text(), " <ReflectMethod>"); ok && !slices.Contains(culprits, caller) {
			culprits = append(culprits, caller)
		}
	}
	if len(culprits) > 0 {
		t.Errorf("reachable functions call methods by name, so the linker keeps every exported method: %s",
			strings.Join(culprits, ", "))
	}
}

// TestStrippedBinarySize: a release binary stays within 8 MiB.
func TestStrippedBinarySize(t *testing.T) {
	if testing.Short() {
		t.Skip("links the binary")
	}
	const limit = 8 << 20
	out := filepath.Join(t.TempDir(), "apiadvisor")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", out, ".")
	cmd.Dir = moduleRoot(t)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, msg)
	}
	fi, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("stripped binary: %.2f MiB", float64(fi.Size())/(1<<20))
	if fi.Size() > limit {
		t.Errorf("stripped binary is %d bytes, want ≤ %d (8 MiB)", fi.Size(), limit)
	}
}

// TestNoQueryInitialisesBeforeBubbleTea: internal/noquery must settle the
// background colour before Bubble Tea's package init asks the terminal for
// it (see that package's comment); the two are ordered only by Go's
// init-order rule, so this checks the order in the real binary.
func TestNoQueryInitialisesBeforeBubbleTea(t *testing.T) {
	cmd := exec.Command(binary, "--version")
	cmd.Env = append(baseEnv(), "GODEBUG=inittrace=1")
	var trace bytes.Buffer
	cmd.Stderr = &trace
	if err := cmd.Run(); err != nil {
		t.Fatalf("apiadvisor --version: %v\n%s", err, trace.String())
	}
	const (
		noquery = "github.com/apiadvisor/apiadvisor/internal/noquery"
		tea     = "github.com/charmbracelet/bubbletea"
	)
	at := map[string]int{}
	n := 0
	for line := range strings.Lines(trace.String()) {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "init" {
			at[f[1]] = n
			n++
		}
	}
	q, okQ := at[noquery]
	b, okB := at[tea]
	if !okQ || !okB {
		t.Fatalf("%s or %s is not in the init trace:\n%s", noquery, tea, trace.String())
	}
	if q > b {
		t.Errorf("%s initialises after %s, which then queries the terminal", noquery, tea)
	}
}
