package cmd

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/apiadvisor/apiadvisor/report"
)

// adrFileName is the slug of the record apiadvisor writes.
const adrFileName = "choose-api-framework.md"

var adrNumbered = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d{4})-.+\.md$`) })

// writeADRFile writes the record as the next numbered file in dir, beside
// any ADRs already there, creating dir if need be, and returns its path.
// The record appears whole or not at all: it is written to a temporary
// file and linked into place under a number no other file has, so runs
// racing for the same number each end up with one of their own.
func writeADRFile(dir string, doc report.Advice, date string) (string, error) {
	if dir == "" {
		return "", usageErrorf("--adr-dir: the path is empty")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("adr dir: %w", err)
	}
	var b strings.Builder
	if err := report.Render(&b, report.Markdown, doc, report.Options{Date: date}); err != nil {
		return "", err
	}
	tmp, err := writeTemp(filepath.Join(dir, adrFileName), []byte(b.String()))
	if err != nil {
		return "", fmt.Errorf("write adr: %w", err)
	}
	defer os.Remove(tmp)
	for range 100 {
		next, err := nextADRNumber(dir)
		if err != nil {
			return "", err
		}
		path := filepath.Join(dir, fmt.Sprintf("%04d-%s", next, adrFileName))
		err = os.Link(tmp, path)
		if errors.Is(err, fs.ErrExist) {
			continue // another run took this number first
		}
		if err != nil {
			return "", fmt.Errorf("write adr: %w", err)
		}
		return path, nil
	}
	return "", fmt.Errorf("write adr: could not claim a record number in %q", dir)
}

// checkADRDir reports, before any output, a --adr-dir that cannot be a
// directory: an existing file, or a path through one. It creates
// nothing: a run that fails later leaves no empty directory behind.
func checkADRDir(dir string) error {
	for p := filepath.Clean(dir); ; p = filepath.Dir(p) {
		st, err := os.Stat(p)
		switch {
		case err == nil && st.IsDir():
			return nil
		case err == nil:
			return usageErrorf("--adr-dir %q: %q is not a directory", dir, p)
		case !errors.Is(err, fs.ErrNotExist):
			return usageErrorf("--adr-dir %q: %w", dir, pathCause(err))
		}
		if parent := filepath.Dir(p); parent == p {
			return nil
		}
	}
}

// nextADRNumber is one past the highest record number in dir.
func nextADRNumber(dir string) (int, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, fmt.Errorf("adr dir: %w", err)
	}
	next := 1
	for _, e := range entries {
		if m := adrNumbered().FindStringSubmatch(e.Name()); m != nil {
			if n, _ := strconv.Atoi(m[1]); n >= next {
				next = n + 1
			}
		}
	}
	if next > 9999 {
		return 0, fmt.Errorf("adr dir %q already holds record 9999", dir)
	}
	return next, nil
}

// recordDate is today, or SOURCE_DATE_EPOCH when set, so records can be
// reproduced byte for byte. A value that is not a whole number of
// seconds, or falls outside the years 1970 to 9999 (a date with more
// digits, or none to speak of), is refused rather than ignored: a build
// that sets it expects the date it set.
func recordDate(ios *IOStreams) (string, error) {
	s := ios.Getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		return time.Now().UTC().Format(time.DateOnly), nil
	}
	const last = 253402300799 // 9999-12-31T23:59:59Z
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > last {
		return "", usageErrorf("invalid value %q for SOURCE_DATE_EPOCH: want whole seconds since 1970, up to the end of 9999", s)
	}
	return time.Unix(n, 0).UTC().Format(time.DateOnly), nil
}
