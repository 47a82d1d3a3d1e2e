package scan

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// readFile reads the regular file at the slash path rel under root, at most
// max bytes. A symlink is followed only when its target stays inside root.
// Anything else — a FIFO, a device, a file over max, a symlink loop or one
// out of root, a permission error — becomes a Warning and no data; a file
// that vanished since it was listed is skipped silently.
func readFile(root, rel string, max int64) ([]byte, *Warning) {
	return readFileBuf(root, rel, max, nil)
}

// readFileBuf is readFile reading into *buf when it is big enough, so that
// a worker reuses one buffer for thousands of files; the data returned is
// valid until the next call with the same buffer.
func readFileBuf(root, rel string, max int64, buf *[]byte) ([]byte, *Warning) {
	warn := func(format string, args ...any) *Warning {
		return &Warning{File: rel, Message: fmt.Sprintf(format, args...)}
	}
	abs := filepath.Join(root, filepath.FromSlash(rel))
	fi, err := os.Lstat(abs)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, warn("cannot read: %s", unwrapPathError(err))
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		target, err := filepath.EvalSymlinks(abs)
		if err != nil {
			return nil, warn("symlink not followed: %s", unwrapPathError(err))
		}
		if !inside(root, target) {
			return nil, warn("symlink points outside the scanned directory; not followed")
		}
		abs = target
	}
	f, err := openNonBlocking(abs)
	if err != nil {
		return nil, warn("cannot read: %s", unwrapPathError(err))
	}
	defer f.Close()
	// Stat the open file, not the name: what is read is what was checked.
	fi, err = f.Stat()
	if err != nil {
		return nil, warn("cannot read: %s", unwrapPathError(err))
	}
	if !fi.Mode().IsRegular() {
		if fi.IsDir() {
			return nil, nil
		}
		return nil, warn("not a regular file (%s); skipped", fi.Mode().Type())
	}
	if fi.Size() > max {
		return nil, warn("file is %s, over the %s limit; skipped", sizeText(fi.Size()), sizeText(max))
	}
	// Read at most max+1 bytes whatever the size said, so that a file
	// growing under us cannot make the read unbounded.
	var data []byte
	if buf != nil {
		data = (*buf)[:0]
	}
	if need := int(min(fi.Size(), max) + 1); cap(data) < need {
		data = make([]byte, 0, need)
	}
	data, err = readAll(io.LimitReader(f, max+1), data)
	if buf != nil {
		*buf = data
	}
	if err != nil {
		return nil, warn("cannot read: %s", unwrapPathError(err))
	}
	if int64(len(data)) > max {
		return nil, warn("file grew over the %s limit while read; skipped", sizeText(max))
	}
	return data, nil
}

// inside reports whether path is root or under it; both are absolute and
// free of symlinks.
func inside(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// unwrapPathError drops the absolute path os errors carry: warnings name the
// file by its path relative to the scanned directory.
func unwrapPathError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err.Error()
	}
	return err.Error()
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// textCheck returns a warning for data that is not UTF-8 text: binary (a NUL
// byte) or invalid UTF-8, naming the first bad line. binary says the caller
// should not use the data at all.
func textCheck(rel string, data []byte) (w *Warning, binary bool) {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return &Warning{File: rel, Line: lineAt(data, i), Message: "binary data (NUL byte); skipped"}, true
	}
	if utf8.Valid(data) {
		return nil, false
	}
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return &Warning{File: rel, Line: lineAt(data, i), Message: "invalid UTF-8; read as bytes"}, false
		}
		i += size
	}
	return nil, false
}

// lineAt is the 1-based line of byte offset i.
func lineAt(data []byte, i int) int {
	return bytes.Count(data[:i], []byte{'\n'}) + 1
}

// readAll is io.ReadAll appending to b: it keeps b's capacity.
func readAll(r io.Reader, b []byte) ([]byte, error) {
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
}
