package cmd

import (
	"reflect"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// TestGuard: a panic in a command, or in a command of the batch or
// sequence it returns, comes back as a cmdPanic message; batches and
// sequences keep their type, so Bubble Tea still runs them as such.
func TestGuard(t *testing.T) {
	boom := func() tea.Msg { panic("boom") }
	quiet := func() tea.Msg { return nil }
	isPanic := func(t *testing.T, msg tea.Msg) {
		t.Helper()
		p, ok := msg.(cmdPanic)
		if !ok || p.value != "boom" || len(p.stack) == 0 {
			t.Errorf("got %#v, want the panic reported", msg)
		}
	}
	isPanic(t, guard(boom)())
	for name, cmd := range map[string]tea.Cmd{
		"batch":    tea.Batch(quiet, boom),
		"sequence": tea.Sequence(quiet, boom),
	} {
		t.Run(name, func(t *testing.T) {
			msg := guard(cmd)()
			if want := reflect.TypeOf(cmd()); reflect.TypeOf(msg) != want {
				t.Fatalf("guarded %s returned %T, want %v", name, msg, want)
			}
			cmds := reflect.ValueOf(msg)
			if got := cmds.Index(0).Interface().(tea.Cmd)(); got != nil {
				t.Errorf("first command returned %v, want nil", got)
			}
			isPanic(t, cmds.Index(1).Interface().(tea.Cmd)())
		})
	}
	if guard(nil) != nil {
		t.Error("guard(nil) is not nil")
	}
}
