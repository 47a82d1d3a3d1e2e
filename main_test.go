package main

import (
	"encoding/json"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/apiadvisor/apiadvisor/cmd"
	"github.com/rogpeppe/go-internal/testscript"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

var update = flag.Bool("update", false, "rewrite the golden files inside testdata/script/*.txtar")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"apiadvisor": func() {
			os.Exit(cmd.Main(cmd.BuildInfo{Version: "v0.0.0-test", Commit: "abc1234", Date: "2026-11-25T00:00:00Z"}))
		},
	})
}

// TestScripts runs the end-to-end scripts in testdata/script: the real
// command line, no terminal, stdout and stderr compared with goldens.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"exits":       cmdExits,
			"validresult": cmdValidResult,
			"sameadvice":  cmdSameAdvice,
		},
		Setup: func(env *testscript.Env) error {
			// Scripts see the repository's scenario files and docs.
			wd, err := os.Getwd()
			if err != nil {
				return err
			}
			env.Setenv("REPO", wd)
			env.Setenv("NO_COLOR", "")
			env.Setenv("APIADVISOR_RULES", "")
			env.Setenv("APIADVISOR_OUTPUT", "")
			return nil
		},
	})
}

// cmdExits runs a command and checks its exit status: `exits 2 apiadvisor
// advise --concurrency hgih`. testscript's own exec only tells zero from
// non-zero, and the exit codes are part of the interface.
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE command [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: bad code %q", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exits: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit status %d, want %d", got, want)
	}
}

var (
	resultSchemaOnce sync.Once
	resultSchema     *jsonschema.Schema
	resultSchemaErr  error
)

// cmdValidResult checks that the last command's stdout (or the named
// file) is a result document valid against schema/result.schema.json:
// the published schema is the contract scripts rely on.
func cmdValidResult(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) > 1 {
		ts.Fatalf("usage: validresult [file]")
	}
	resultSchemaOnce.Do(func() {
		resultSchema, resultSchemaErr = compileSchema(filepath.Join(ts.Getenv("REPO"), "schema", "result.schema.json"))
	})
	if resultSchemaErr != nil {
		ts.Fatalf("compile schema: %v", resultSchemaErr)
	}
	name := "stdout"
	if len(args) == 1 {
		name = args[0]
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(ts.ReadFile(name)))
	if err != nil {
		ts.Fatalf("%s is not JSON: %v", name, err)
	}
	if err := resultSchema.Validate(doc); err != nil {
		ts.Fatalf("%s does not match schema/result.schema.json: %v", name, err)
	}
}

// cmdSameAdvice checks that two result documents give the same advice:
// equal in everything but where the answers came from (answers_source),
// which is what differs between flags and an answers file.
func cmdSameAdvice(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: sameadvice file1 file2")
	}
	read := func(name string) map[string]any {
		var m map[string]any
		if err := json.Unmarshal([]byte(ts.ReadFile(name)), &m); err != nil {
			ts.Fatalf("%s is not JSON: %v", name, err)
		}
		delete(m, "answers_source")
		return m
	}
	same := reflect.DeepEqual(read(args[0]), read(args[1]))
	if same == neg {
		ts.Fatalf("%s and %s: same advice = %v", args[0], args[1], same)
	}
}
