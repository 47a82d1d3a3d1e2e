//go:build apiadvisor_testpanic

package cmd

import (
	"fmt"
	"os"
)

// testPanics builds panics on demand into a binary for the crash
// handler's tests (internal/e2e builds one with -tags apiadvisor_testpanic);
// release builds leave this file out, so users cannot reach them.
const testPanics = true

// testPanic panics when APIADVISOR_TEST_PANIC names where.
func testPanic(where string) {
	if os.Getenv("APIADVISOR_TEST_PANIC") == where {
		panic(fmt.Sprintf("test panic at %s", where))
	}
}
