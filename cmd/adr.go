package cmd

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/apiadvisor/apiadvisor/report"
	"github.com/apiadvisor/apiadvisor/rules"
	"github.com/spf13/cobra"
)

// defaultADRDir is where records live unless a directory is given: the
// directory MADR suggests.
const defaultADRDir = "docs/decisions"

// writeADRFile writes a record as the next numbered file in dir, beside
// any records already there, creating dir if need be, and returns its
// path and number. The file is named after the title, as adr-tools names
// its records; render is given the number, which a Nygard record's first
// line carries. The record appears whole or not at all: it is written to
// a temporary file and linked into place under a number claimed first,
// so runs racing for the same number each end up with one of their own.
func writeADRFile(dir, title string, render func(number int) (string, error)) (string, int, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", 0, fmt.Errorf("adr dir: %w", err)
	}
	tried := 0
	for range 100 {
		next, err := nextADRNumber(dir)
		if err != nil {
			return "", 0, err
		}
		next = max(next, tried+1)
		tried = next
		release, err := claimNumber(dir, next)
		if errors.Is(err, fs.ErrExist) {
			continue // another run is writing this number
		}
		if err != nil {
			return "", 0, fmt.Errorf("write adr: %w", err)
		}
		path, err := linkRecord(dir, next, title, render)
		release()
		if errors.Is(err, fs.ErrExist) {
			continue // a record with this number appeared meanwhile
		}
		if err != nil {
			return "", 0, err
		}
		return path, next, nil
	}
	return "", 0, fmt.Errorf("write adr: could not claim a record number in %q", dir)
}

// staleClaim is the age past which a claim is taken for one a killed run
// left behind: writing a record takes milliseconds.
const staleClaim = time.Minute

// claimNumber reserves a record number while its file is written: file
// names differ with their titles, so the file itself cannot be the claim.
// The claim is a hidden file that ADR tools do not list; one left by a
// run that was killed is cleared once stale, so no number is lost for good.
func claimNumber(dir string, n int) (release func(), err error) {
	name := filepath.Join(dir, fmt.Sprintf(".%04d.apiadvisor-claim", n))
	f, err := os.OpenFile(name, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if errors.Is(err, fs.ErrExist) {
		if st, serr := os.Stat(name); serr == nil && time.Since(st.ModTime()) > staleClaim {
			os.Remove(name)
			f, err = os.OpenFile(name, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		}
	}
	if err != nil {
		return nil, err
	}
	f.Close()
	return func() { os.Remove(name) }, nil
}

// linkRecord renders the record with its number and links it into place,
// failing with fs.ErrExist when that number is taken after all.
func linkRecord(dir string, n int, title string, render func(int) (string, error)) (string, error) {
	if taken, err := numberTaken(dir, n); err != nil || taken {
		if err == nil {
			err = fs.ErrExist
		}
		return "", err
	}
	content, err := render(n)
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, report.RecordFileName(n, title))
	tmp, err := writeTemp(path, []byte(content))
	if err != nil {
		return "", fmt.Errorf("write adr: %w", err)
	}
	defer os.Remove(tmp)
	if err := os.Link(tmp, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return "", err
		}
		return "", fmt.Errorf("write adr: %w", err)
	}
	return path, nil
}

// writeRecord files advice as the next record in dir, dated date.
func writeRecord(dir string, doc report.Advice, date string, o report.RecordOptions) (string, int, error) {
	return writeADRFile(dir, report.Title(doc), func(n int) (string, error) {
		o.Number = n
		var b strings.Builder
		err := report.Render(&b, report.Markdown, doc, report.Options{Date: date, Record: o})
		return b.String(), err
	})
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
	names, err := recordFiles(dir)
	if err != nil {
		return 0, err
	}
	next := 1
	for _, name := range names {
		if n, ok := report.RecordNumber(name); ok && n >= next {
			next = n + 1
		}
	}
	if next > 9999 {
		return 0, fmt.Errorf("adr dir %q already holds record 9999", dir)
	}
	return next, nil
}

func numberTaken(dir string, n int) (bool, error) {
	names, err := recordFiles(dir)
	if err != nil {
		return false, err
	}
	return slices.ContainsFunc(names, func(name string) bool {
		m, ok := report.RecordNumber(name)
		return ok && m == n
	}), nil
}

// recordFiles lists the numbered records in dir (NNNN-….md), sorted.
func recordFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("adr dir: %w", err)
	}
	var names []string
	for _, e := range entries {
		if _, ok := report.RecordNumber(e.Name()); ok && !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	return names, nil
}

// readRecords reads every numbered record in dir, in number order. A
// missing or unreadable directory is the user's to fix; a record that
// cannot be read says so in its Problem.
func readRecords(dir string) ([]report.Record, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, usageErrorf("records directory %q: %w", dir, pathCause(err))
	}
	if !st.IsDir() {
		return nil, usageErrorf("records directory %q is not a directory", dir)
	}
	names, err := recordFiles(dir)
	if err != nil {
		return nil, err
	}
	out := make([]report.Record, 0, len(names))
	for _, name := range names {
		data, err := readInput("record", filepath.Join(dir, name), rules.MaxFileSize)
		if err != nil {
			rec := report.Record{File: name}
			rec.Number, _ = report.RecordNumber(name)
			rec.Problem = err.Error()
			out = append(out, rec)
			continue
		}
		out = append(out, report.ParseRecord(name, data))
	}
	slices.SortStableFunc(out, func(a, b report.Record) int { return a.Number - b.Number })
	return out, nil
}

// bindRecordsDir gives a records command its directory — an argument or
// --adr-dir, resolved by recordsDir into *dir — before run runs.
func bindRecordsDir(cmd *cobra.Command, dir *string, run func() error) {
	var flag string
	cmd.Args = maxArgs(1, "one directory")
	cmd.ValidArgsFunction = completeDir
	cmd.RunE = func(_ *cobra.Command, args []string) error {
		d, err := recordsDir(args, flag)
		if err != nil {
			return err
		}
		*dir = d
		return run()
	}
	cmd.Flags().StringVar(&flag, "adr-dir", "", "the records directory `DIR`, as for advise (the same as the argument)")
	_ = cmd.MarkFlagDirname("adr-dir")
}

// recordsDir is the directory a records command works on: its argument,
// else --adr-dir, else docs/decisions.
func recordsDir(args []string, flag string) (string, error) {
	switch {
	case len(args) > 0 && flag != "" && filepath.Clean(args[0]) != filepath.Clean(flag):
		return "", usageErrorf("give the records directory once: %q as an argument or %q with --adr-dir", args[0], flag)
	case len(args) > 0:
		return args[0], nil
	case flag != "":
		return flag, nil
	}
	return defaultADRDir, nil
}

// completeDir completes a records directory argument: directories only.
func completeDir(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return nil, cobra.ShellCompDirectiveFilterDirs
}

// recordDate is today, or SOURCE_DATE_EPOCH when set, so records can be
// reproduced byte for byte. A value that is not a whole number of
// seconds, or falls outside the years 1970 to 9999 (a date with more
// digits, or none to speak of), is refused rather than ignored: a build
// that sets it expects the date it set.
func recordDate(ios *IOStreams) (string, error) {
	s := ios.Getenv("SOURCE_DATE_EPOCH")
	day, err := SourceDate(s, time.Now)
	if err != nil {
		return "", usageErrorf("invalid value %q for SOURCE_DATE_EPOCH: want whole seconds since 1970, up to the end of 9999", s)
	}
	return day.Format(time.DateOnly), nil
}

// SourceDate is the time SOURCE_DATE_EPOCH (epoch) names, or now when it
// is empty: what a reproducible build dates its output with. It refuses a
// value that is not whole seconds from 1970 to the end of 9999 (a later
// date needs a fifth year digit). gen-docs dates man pages with it.
func SourceDate(epoch string, now func() time.Time) (time.Time, error) {
	if epoch == "" {
		return now().UTC(), nil
	}
	const last = 253402300799 // 9999-12-31T23:59:59Z
	n, err := strconv.ParseInt(epoch, 10, 64)
	if err != nil || n < 0 || n > last {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH must be whole seconds since 1970, up to the end of 9999, not %q", epoch)
	}
	return time.Unix(n, 0).UTC(), nil
}
