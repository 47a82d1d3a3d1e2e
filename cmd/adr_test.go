package cmd

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
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
