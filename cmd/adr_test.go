package cmd

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestWriteRecordRace: runs writing records into one directory at once
// each get a number of their own, whatever their titles.
func TestWriteRecordRace(t *testing.T) {
	dir := t.TempDir()
	answers := [][]string{
		{"--concurrency", "high", "--workload", "io", "--team-size", "4", "--orm=false", "--admin=false"},
		{"--team-size", "40", "--architecture", "monolith", "--orm", "--migrations", "--admin"},
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			args := append([]string{"advise", "--adr-dir", dir, "-o", "json"}, answers[i%2]...)
			if code, _, stderr := run(t, nil, args...); code != 0 {
				t.Errorf("exit %d: %s", code, stderr)
			}
		}()
	}
	wg.Wait()
	names := dirNames(t, dir)
	if len(names) != 8 {
		t.Fatalf("%d files: %q", len(names), names)
	}
	for i, name := range names {
		if !strings.HasPrefix(name, fmt.Sprintf("%04d-", i+1)) {
			t.Errorf("numbers are not 1 to 8, each once: %q", names)
			break
		}
	}
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	slices.Sort(names)
	return names
}

// TestStaleClaim: a claim a killed run left behind costs its number only
// until it is stale.
func TestStaleClaim(t *testing.T) {
	dir := t.TempDir()
	claim := filepath.Join(dir, ".0001.apiadvisor-claim")
	if err := os.WriteFile(claim, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"advise", "--adr-dir", dir, "--concurrency", "high", "--workload", "io", "--team-size", "4", "--orm=false", "--admin=false"}
	if code, _, stderr := run(t, nil, args...); code != 0 || !strings.Contains(stderr, "0002-") {
		t.Errorf("with a fresh claim on 1: exit %d, %s", code, stderr)
	}
	old := time.Now().Add(-2 * staleClaim)
	if err := os.Chtimes(claim, old, old); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "0002-use-fastapi-or-litestar.md"))
	if code, _, stderr := run(t, nil, args...); code != 0 || !strings.Contains(stderr, "0001-") {
		t.Errorf("with a stale claim on 1: exit %d, %s", code, stderr)
	}
	if _, err := os.Stat(claim); !os.IsNotExist(err) {
		t.Errorf("the stale claim is still there: %v", err)
	}
}
