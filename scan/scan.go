package scan

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sync"
)

// SchemaVersion is the version of the Result document
// (schema/scan.schema.json). It changes only when a field is removed or
// changes meaning.
const SchemaVersion = 1

// DefaultMaxFileSize is the per-file read limit when Options.MaxFileSize is 0.
const DefaultMaxFileSize = 1 << 20

// Question keys the scan knows. KeyConcurrency and KeyAsyncExperience are
// never inferred (infer says why): asked, they always come back in
// Result.Unknown.
const (
	KeyExistingStack   = "existing_stack"
	KeyORM             = "orm"
	KeyMigrations      = "migrations"
	KeyAdmin           = "admin"
	KeyBackgroundJobs  = "background_jobs"
	KeyRealtime        = "realtime"
	KeyDeployment      = "deployment"
	KeyArchitecture    = "architecture"
	KeyTeamSize        = "team_size"
	KeyAPIDocs         = "api_docs"
	KeyValidation      = "validation"
	KeyWorkload        = "workload"
	KeyConcurrency     = "concurrency"
	KeyAsyncExperience = "async_experience"
)

// Strengths of evidence.
const (
	// Strong evidence is a declaration: a dependency, a setting, a config
	// file, a route the code declares.
	Strong = "strong"
	// Weak evidence suggests an answer without settling it: a reading of
	// code patterns (workload), or an application server dependency
	// (deployment "server"), since the same server runs inside containers.
	Weak = "weak"
)

// keys is every question the scan knows, in the order answers and evidence
// are reported.
var keys = []string{
	KeyConcurrency, KeyWorkload, KeyTeamSize, KeyORM, KeyMigrations, KeyAdmin,
	KeyAPIDocs, KeyValidation, KeyArchitecture, KeyAsyncExperience,
	KeyExistingStack, KeyBackgroundJobs, KeyRealtime, KeyDeployment,
}

// Questions returns the keys of every question the scan knows, in a fixed
// order; Options.Questions defaults to it.
func Questions() []string { return slices.Clone(keys) }

// ErrNotDir is wrapped by the error Scan returns when the directory does not
// exist or is not a directory: a usage error for the caller (exit 2).
var ErrNotDir = errors.New("not a directory")

// Options tunes a scan. The zero value scans for every known question.
type Options struct {
	// Questions are the question keys the caller's knowledge base asks, in
	// order. Only these are answered; Unknown lists those without an
	// inferred answer. Nil means Questions().
	Questions []string
	// Accept, when set, says whether the caller takes an inferred answer
	// (its knowledge base may accept other values); one it refuses is
	// dropped with its evidence, and the question is unknown.
	Accept func(question string, value any) bool
	// MaxFileSize caps each file read; 0 means DefaultMaxFileSize. Larger
	// files are skipped with a warning, never read.
	MaxFileSize int64
	// Git is the git executable; "" means "git" from PATH.
	Git string
	// NoGit runs no git command: files are listed by walking the tree with
	// its .gitignore files, and team_size stays unknown.
	NoGit bool
	// Workers bounds the files read at once; 0 means 4×GOMAXPROCS.
	Workers int
}

// Result is what a scan found. Its JSON form is described by
// schema/scan.schema.json.
type Result struct {
	SchemaVersion int `json:"schema_version"`
	// Dir is the scanned directory as the caller gave it.
	Dir string `json:"dir"`
	// Answers holds only answers with evidence: string, int or bool values.
	Answers map[string]any `json:"answers"`
	// Evidence supports Answers: at least one entry for each.
	Evidence []Evidence `json:"evidence"`
	// Unknown lists the asked questions without an answer, in asked order.
	Unknown []string `json:"unknown"`
	// Components are the services of a repository holding several; empty
	// for one project.
	Components []Component `json:"components"`
	// Warnings are files that could not be read or parsed.
	Warnings []Warning `json:"warnings"`
	// Note says why the result is empty, when it is.
	Note string `json:"note,omitempty"`
}

// Evidence is one observation that supports an answer.
type Evidence struct {
	Question string `json:"question"`
	Value    any    `json:"value"`
	// File is slash-separated and relative to the scanned directory, or
	// "git" for what git log said (Detail says what was counted).
	File     string `json:"file"`
	Line     int    `json:"line,omitempty"`
	Detail   string `json:"detail"`
	Strength string `json:"strength"`
}

// Component is one service of a multi-service repository, with the answers
// inferred from its own files.
type Component struct {
	Name string `json:"name"`
	// Dir is the component's directory relative to the scanned one,
	// slash-separated; "." for the scanned directory itself.
	Dir      string         `json:"dir"`
	Answers  map[string]any `json:"answers"`
	Evidence []Evidence     `json:"evidence"`
}

// Warning is a file the scan could not read or parse, with the line at
// fault when there is one.
type Warning struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

// Scan reads the project in dir and infers answers with their evidence.
// It returns an error wrapping ErrNotDir when dir is not a directory, and
// ctx.Err() when ctx ends first; unreadable or malformed files become
// Warnings.
func Scan(ctx context.Context, dir string, opt Options) (*Result, error) {
	root, err := resolveRoot(dir)
	if err != nil {
		return nil, err
	}
	s := newScanner(root, opt)
	if err := s.run(ctx); err != nil {
		return nil, err
	}
	return s.result(dir), nil
}

// resolveRoot checks dir and returns its absolute, symlink-free form, which
// every symlink inside is checked against.
func resolveRoot(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("scan %q: %w", dir, err)
	}
	real, err := filepath.EvalSymlinks(abs)
	if errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("scan %q: %w (%w)", dir, ErrNotDir, fs.ErrNotExist)
	}
	if err != nil {
		return "", fmt.Errorf("scan %q: %w", dir, err)
	}
	fi, err := os.Stat(real)
	if err != nil {
		return "", fmt.Errorf("scan %q: %w", dir, err)
	}
	if !fi.IsDir() {
		return "", fmt.Errorf("scan %q: %w", dir, ErrNotDir)
	}
	return real, nil
}

func (o Options) questions() []string {
	if o.Questions == nil {
		return keys
	}
	return o.Questions
}

func (o Options) maxFileSize() int64 {
	if o.MaxFileSize <= 0 {
		return DefaultMaxFileSize
	}
	return o.MaxFileSize
}

func (o Options) workers() int {
	if o.Workers > 0 {
		return o.Workers
	}
	return 4 * runtime.GOMAXPROCS(0)
}

func (o Options) git() string {
	if o.Git == "" {
		return "git"
	}
	return o.Git
}

// lazyRegexp compiles a pattern the first time it is used: the scanner is
// linked into every apiadvisor run, and only `scan` and `advise --from`
// need its patterns, so start-up must not pay for compiling them.
func lazyRegexp(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}
