package cmd

import (
	"fmt"
	"os"
	"runtime/debug"
	"sync"
)

// recoverCrash, deferred by Main, turns a panic anywhere in the run into
// one line on stderr and exit code 1. Left to the runtime, a panic would
// print pages of goroutines and exit 2, which here means a usage error;
// and one raised while the form holds the terminal would leave it raw,
// with the cursor hidden. The stack is printed only with APIADVISOR_DEBUG=1.
//
// It writes to os.Stderr itself: whatever panicked may have been building
// the streams.
func recoverCrash(code *int) {
	r := recover()
	if r == nil {
		return
	}
	stack := debug.Stack()
	if p, ok := r.(cmdPanic); ok {
		r, stack = p.value, p.stack
	}
	giveBackTerminal()
	fmt.Fprintf(os.Stderr, "apiadvisor: internal error: %v; please report it\n", r)
	if truthy(os.Getenv("APIADVISOR_DEBUG")) {
		os.Stderr.Write(stack)
	}
	*code = exitError
}

// crashRestore is how to give the terminal back after a panic while the
// form holds it.
var crashRestore struct {
	sync.Mutex
	restore func()
}

// onCrash makes restore run if the run panics before done is called.
func onCrash(restore func()) (done func()) {
	crashRestore.Lock()
	crashRestore.restore = restore
	crashRestore.Unlock()
	return func() {
		crashRestore.Lock()
		crashRestore.restore = nil
		crashRestore.Unlock()
	}
}

func giveBackTerminal() {
	crashRestore.Lock()
	restore := crashRestore.restore
	crashRestore.restore = nil
	crashRestore.Unlock()
	if restore != nil {
		restore()
	}
}

// cmdPanic is a panic in a Bubble Tea command, which runs in a goroutine
// of its own: no recover on the main goroutine could catch it there, so
// guard (formmodel.go) brings it back as a message and formModel raises it
// again in its Update, on the goroutine that runs the form, with the stack
// it had.
type cmdPanic struct {
	value any
	stack []byte
}
