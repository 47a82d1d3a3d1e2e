package cmd

import (
	"fmt"
	"os"
	"reflect"
	"runtime/debug"
	"sync"

	tea "github.com/charmbracelet/bubbletea"
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
// guard brings it back as a message and formModel raises it again in its
// Update, on the goroutine that runs the form, with the stack it had.
type cmdPanic struct {
	value any
	stack []byte
}

// guard makes cmd report a panic as a cmdPanic message, and guards the
// commands of any batch or sequence it returns, which Bubble Tea runs in
// goroutines of their own too.
func guard(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				msg = cmdPanic{value: r, stack: debug.Stack()}
			}
		}()
		return guardAll(cmd())
	}
}

// guardAll guards the commands of a batch or a sequence. Bubble Tea's
// sequence type is unexported: it is recognised as a slice of commands
// and rebuilt as the same type.
func guardAll(msg tea.Msg) tea.Msg {
	if msg == nil {
		return nil
	}
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeFor[tea.Cmd]() {
		return msg
	}
	out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
	for i := range v.Len() {
		cmd, _ := v.Index(i).Interface().(tea.Cmd)
		out.Index(i).Set(reflect.ValueOf(guard(cmd)))
	}
	return out.Interface()
}
