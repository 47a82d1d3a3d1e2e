package advisor

import (
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/apiadvisor/apiadvisor/rules"
)

// lintKB is the rules package's small valid knowledge base.
var lintKB = func() string {
	b, err := os.ReadFile("../rules/testdata/minimal.yaml")
	if err != nil {
		panic(err)
	}
	return string(b)
}()

func TestLint(t *testing.T) {
	src := lintKB + `  - id: impossible
    when: {team_size: {gte: 50, lt: 20}}
    effect: {weights: {full: 1}}
    reason: Never.
    source: https://example.org/
  - id: shadowed
    when: {admin: true, concurrency: high}
    effect: {weights: {fast: 1}}
    reason: Always undone by admin-needed.
    source: https://example.org/
`
	kb, problems := Check([]byte(src), "t.yaml")
	if kb == nil {
		t.Fatalf("errors: %v", problems)
	}
	var got []string
	for _, p := range problems {
		if p.Severity != rules.SevWarning {
			t.Errorf("unexpected error: %s", p)
		}
		got = append(got, p.String())
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		`t.yaml:56: warning: rule "impossible": can never fire`,
		`rule "shadowed": shadowed by knock-out "admin-needed"`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("lint:\n%s\nwant %q", all, want)
		}
	}
	if _, err := rules.Load(strings.NewReader(src), "t.yaml"); err != nil {
		t.Errorf("warnings must not stop a load: %v", err)
	}
}

// TestLintConcurrently: Lint keeps its state to itself, so one knowledge
// base — the shared built-in one, say — can be linted from several
// goroutines at once (run with -race to see it).
func TestLintConcurrently(t *testing.T) {
	kb, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	want := len(Lint(kb))
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if got := len(Lint(kb)); got != want {
				t.Errorf("concurrent Lint found %d problems, want %d", got, want)
			}
		})
	}
	wg.Wait()
}
