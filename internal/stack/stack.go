// Package stack grows the main goroutine's stack once, before any other
// package initialises, so that nothing later has to.
//
// A goroutine starts on a 2 KB stack. Each time it outgrows it, the
// runtime copies the stack and walks every frame on it, reading each
// function's metadata from the binary's pclntab. Those reads are few but
// scattered, and the kernel maps the binary 64 KB at a time around every
// page read: two growths during package init (a regexp compiled in a
// dependency's init, deep in the call chain) faulted in about 600 KB of
// the binary on every run. Growing the stack here, with only
// runtime.main below, copies two frames instead, and 16 KB is more than
// any run that shows no form needs.
//
// It works because of init order: Go initialises packages in import-path
// order as soon as their imports are ready, and this package imports
// nothing, so it runs before "github.com/atotto/…", "github.com/charm…",
// "go.yaml.in/…" and every other dependency whose init does real work.
package stack

// at keeps the compiler from proving the frame unused.
var at = 0

// frame needs an 8 KB frame, so calling it grows the stack from 2 KB to
// 16 KB in one copy.
//
//go:noinline
func frame() byte {
	var b [8 << 10]byte
	return b[at]
}

func init() { frame() }
