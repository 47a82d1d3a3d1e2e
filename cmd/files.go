package cmd

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"unicode/utf8"

	"github.com/apiadvisor/apiadvisor/advisor"
	"github.com/apiadvisor/apiadvisor/rules"
)

// readInput reads a file the user named with a flag (what says which:
// "rules file", "answers file" …). Every failure is the user's to fix, so
// it is a usage error naming the file: it does not exist, is a directory
// or a special file, or is too large to be what the flag wants. A FIFO,
// socket or device is refused before it is read, so nothing can hang.
func readInput(what, path string, limit int64) ([]byte, error) {
	if path == "" {
		return nil, usageErrorf("%s: the path is empty", what)
	}
	// A device is refused before it is opened: opening some has effects
	// of its own (a tape rewinds, a watchdog starts).
	st, err := os.Stat(path)
	if err != nil {
		return nil, usageErrorf("%s %q: %w", what, path, pathCause(err))
	}
	if err := checkRegular(what, path, st, limit); err != nil {
		return nil, err
	}
	// O_NONBLOCK keeps open from waiting for a FIFO's writer, should the
	// path have been replaced by one since; what was opened is checked
	// again before a byte is read.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, usageErrorf("%s %q: %w", what, path, pathCause(err))
	}
	defer f.Close()
	if st, err = f.Stat(); err != nil {
		return nil, usageErrorf("%s %q: %w", what, path, pathCause(err))
	}
	if err := checkRegular(what, path, st, limit); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, usageErrorf("%s %q: %w", what, path, pathCause(err))
	}
	if int64(len(data)) > limit {
		return nil, usageErrorf("%s %q is larger than %d KiB", what, path, limit>>10)
	}
	return data, nil
}

// checkRegular refuses anything but a regular file of at most limit
// bytes: a directory, a FIFO, a socket or a device cannot be what a flag
// names, and reading one could block or never end.
func checkRegular(what, path string, st fs.FileInfo, limit int64) error {
	switch mode := st.Mode(); {
	case mode.IsDir():
		return usageErrorf("%s %q is a directory, not a file", what, path)
	case !mode.IsRegular():
		return usageErrorf("%s %q is not a regular file (%s)", what, path, fileKind(mode))
	case st.Size() > limit:
		return usageErrorf("%s %q is larger than %d KiB", what, path, limit>>10)
	}
	return nil
}

// displayName is a path as messages show it: as it is, or quoted when it
// holds a newline, an escape or another control character (or is not
// UTF-8), so that an error naming it stays one line and the terminal
// shows the name rather than obeying it.
func displayName(path string) string {
	if !utf8.ValidString(path) || strings.IndexFunc(path, func(r rune) bool {
		return r < 0x20 || r >= 0x7f && r < 0xa0
	}) >= 0 {
		return strconv.Quote(path)
	}
	return path
}

// pathCause drops the *PathError wrapper, whose text repeats the path.
func pathCause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "a device"
	}
	return "not a regular file"
}

// readTeam reads one answers file a person. Each member is named by the
// file's name: key, else by the file name without its extension.
func readTeam(ios *IOStreams, paths []string, kb *rules.KB) ([]advisor.Member, error) {
	var members []advisor.Member
	seen := map[string]bool{}
	for _, path := range paths {
		if path == "-" {
			return nil, usageErrorf("--answers -: a team's answers must be files, one a person")
		}
		f, err := readAnswersFile(ios, path, kb)
		if err != nil {
			return nil, err
		}
		if len(f.Components) > 0 {
			return nil, usageErrorf("answers file %q: a team member's answers cannot describe components", path)
		}
		name := f.Name
		if name == "" {
			name = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		}
		if seen[name] {
			return nil, usageErrorf("answers file %q: two members are named %q; give each file a name: key", path, name)
		}
		seen[name] = true
		members = append(members, advisor.Member{Name: name, Answers: f.Answers})
	}
	return members, nil
}

// readAnswersFile reads --answers: a file, or stdin for "-".
func readAnswersFile(ios *IOStreams, path string, kb *rules.KB) (*rules.AnswersFile, error) {
	var data []byte
	var err error
	name := path
	if path == "-" {
		name = "stdin"
		data, err = io.ReadAll(io.LimitReader(ios.In, rules.MaxFileSize+1))
		if err != nil {
			return nil, fmt.Errorf("read answers from stdin: %w", err)
		}
	} else if data, err = readInput("answers file", path, rules.MaxFileSize); err != nil {
		return nil, err
	}
	f, err := rules.ParseAnswersFile(data, displayName(name), kb)
	if err != nil {
		return nil, &usageError{err}
	}
	return f, nil
}

// writeFile replaces path with data atomically: the data goes to a
// temporary file in the same directory, which is renamed over path only
// once it is complete. On a full disk or a file-size limit the previous
// file is untouched and nothing partial is left behind. (renameio does
// this too, but not on Windows, which releases build for.)
func writeFile(path string, data []byte) error {
	tmp, err := writeTemp(path, data)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// writeTemp writes data to a new temporary file beside path and returns
// its name; the caller renames or links it into place.
func writeTemp(path string, data []byte) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}
