package scan

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"sync"
)

// scanner holds one scan's state: the file list, then the facts read from
// the files, then the result inferred from the facts.
type scanner struct {
	root string // absolute, symlink-free
	opt  Options
	max  int64

	warnings []Warning
	facts    facts
	// python says a Python project is there: a manifest or a .py file.
	python      bool
	firstPython string // the first .py file in path order
	projects    map[string]*project
	compose     []composeService
	// team and teamErr are set by countTeam, which runs beside the file
	// reads: read them only after it is done.
	team    *Evidence
	teamErr error
}

// fileResult is what reading one file gave.
type fileResult struct {
	rel      string
	kind     kind
	exists   bool
	warns    []Warning
	man      *manifest
	aerich   bool
	req      *reqFile
	locks    []lockPkg
	py       *pyFacts
	deploys  []deployHit
	services []composeService
}

func newScanner(root string, opt Options) *scanner {
	return &scanner{root: root, opt: opt, max: opt.maxFileSize(), projects: map[string]*project{}}
}

func (s *scanner) run(ctx context.Context) error {
	var repo *gitRepo
	if !s.opt.NoGit {
		var err error
		if repo, err = openGit(ctx, s.opt.git(), s.root); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			s.warn(Warning{File: "git", Message: err.Error()})
		}
	}
	var teamDone sync.WaitGroup
	if repo != nil {
		if repo.shallow {
			s.warn(Warning{File: "git", Message: "shallow clone: history is incomplete, team_size left unknown"})
		} else {
			teamDone.Go(func() { s.countTeam(ctx, repo) })
		}
	}
	files, err := s.list(ctx, repo)
	if err == nil {
		err = s.read(ctx, files)
	}
	teamDone.Wait()
	if s.teamErr != nil {
		s.warn(Warning{File: "git", Message: s.teamErr.Error()})
	}
	if err != nil {
		return err
	}
	return ctx.Err()
}

// countTeam leaves its error in s.teamErr rather than warning: the file
// reads append warnings at the same time.
func (s *scanner) countTeam(ctx context.Context, repo *gitRepo) {
	ev, ok, err := repo.teamEvidence(ctx)
	switch {
	case err != nil && ctx.Err() == nil:
		s.teamErr = err
	case ok:
		s.team = &ev
	}
}

// list returns the files to consider, slash-separated, relative to root.
func (s *scanner) list(ctx context.Context, repo *gitRepo) ([]string, error) {
	var files []string
	if repo != nil {
		var err error
		files, err = repo.files(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			s.warn(Warning{File: "git", Message: err.Error() + "; walking the directory instead"})
			files = nil
			repo = nil
		}
	}
	if repo == nil {
		w := &walker{ctx: ctx, root: s.root, max: s.max}
		if err := w.walk(".", nil); err != nil {
			return nil, err
		}
		s.warnings = append(s.warnings, w.warns...)
		files = w.files
		sort.Strings(files)
	}
	kept := files[:0]
	for _, f := range files {
		if !skipped(f) {
			kept = append(kept, f)
		}
	}
	return dropVenvs(kept), nil
}

// read classifies the files and reads those that matter with a bounded
// pool of workers; results are merged in path order, so output does not
// depend on which worker finished first.
func (s *scanner) read(ctx context.Context, files []string) error {
	type job struct {
		rel  string
		kind kind
	}
	var jobs []job
	for _, f := range files {
		if k := classify(f); k != kNone {
			jobs = append(jobs, job{f, k})
		}
	}
	// Only files that said something keep a result: most of a large tree
	// says nothing, and 100,000 empty results would be most of the memory.
	results := make([]*fileResult, len(jobs))
	seen := make([]bool, len(jobs)) // the file exists, readable or not
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(s.opt.workers(), max(len(jobs), 1)) {
		wg.Go(func() {
			var buf []byte
			for i := range next {
				r := s.readOne(jobs[i].rel, jobs[i].kind, &buf)
				seen[i] = r.exists || len(r.warns) > 0
				if !r.empty() {
					results[i] = &r
				}
			}
		})
	}
feed:
	for i := range jobs {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	for i, r := range results {
		switch jobs[i].kind {
		case kPython, kPythonPathOnly, kSetupPy, kPyproject, kPipfile, kSetupCfg, kRequirements:
			// A file that exists but could not be read still shows a project.
			s.python = s.python || seen[i]
		}
		if s.firstPython == "" && seen[i] && (jobs[i].kind == kPython || jobs[i].kind == kPythonPathOnly) {
			s.firstPython = jobs[i].rel
		}
		if r != nil {
			s.merge(r)
		}
	}
	s.followIncludes(results)
	return nil
}

// empty reports a result with nothing to merge: a file that vanished, or
// a module that matched no pattern.
func (r *fileResult) empty() bool {
	if len(r.warns) > 0 || r.man != nil || r.req != nil || len(r.locks) > 0 || len(r.deploys) > 0 || len(r.services) > 0 {
		return false
	}
	switch r.kind {
	case kPython:
		return r.py == nil || r.py.empty()
	case kPythonPathOnly:
		_, migration := migrationPath(r.rel)
		return !r.exists || !migration
	case kAlembicIni:
		return !r.exists
	}
	return true
}

// readOne reads and parses one file. A panic in a parser is a bug, but one
// hostile file must not take the scan down: it becomes a warning.
func (s *scanner) readOne(rel string, k kind, buf *[]byte) (r fileResult) {
	r = fileResult{rel: rel, kind: k}
	defer func() {
		if p := recover(); p != nil {
			r = fileResult{rel: rel, kind: kNone, warns: []Warning{{File: rel, Message: fmt.Sprintf("internal error while reading: %v", p)}}}
		}
	}()
	if pathOnly(k) {
		fi, err := os.Lstat(filepath.Join(s.root, filepath.FromSlash(rel)))
		r.exists = err == nil && !fi.IsDir()
		if r.exists {
			r.deploys, _, _ = readDeploy(rel, k, nil)
		}
		return r
	}
	data, warn := readFileBuf(s.root, rel, s.max, buf)
	if warn != nil {
		r.warns = append(r.warns, *warn)
		return r
	}
	if data == nil {
		// Vanished since listed, or a directory: nothing to say. An empty
		// file reads as a non-nil empty slice.
		return r
	}
	r.exists = true
	if k != kTOMLLock && k != kPipfileLock {
		w, binary := textCheck(rel, data)
		if w != nil {
			r.warns = append(r.warns, *w)
		}
		if binary {
			return r
		}
	}
	s.parse(&r, data)
	return r
}

func pathOnly(k kind) bool {
	switch k {
	case kPythonPathOnly, kAlembicIni, kHelmChart, kZappa, kChalice, kFly, kAppServerConfig:
		return true
	}
	return false
}

func (s *scanner) parse(r *fileResult, data []byte) {
	var w *Warning
	switch r.kind {
	case kPyproject:
		var m manifest
		m, r.aerich, w = parsePyproject(r.rel, data)
		r.man = &m
	case kPipfile:
		var m manifest
		m, w = parsePipfile(r.rel, data)
		r.man = &m
	case kSetupCfg:
		m := parseSetupCfg(r.rel, data)
		r.man = &m
	case kSetupPy:
		m := parseSetupPy(r.rel, data)
		r.man = &m
		py := scanPython(r.rel, data)
		r.py = &py
	case kRequirements:
		req := parseRequirements(r.rel, data)
		r.req = &req
	case kTOMLLock:
		r.locks, w = parseTOMLLock(r.rel, data)
	case kPipfileLock:
		r.locks, w = parsePipfileLock(r.rel, data)
	case kPython:
		py := scanPython(r.rel, data)
		r.py = &py
	default:
		r.deploys, r.services, w = readDeploy(r.rel, r.kind, data)
	}
	if w != nil {
		r.warns = append(r.warns, *w)
	}
}

func (s *scanner) warn(w Warning) { s.warnings = append(s.warnings, w) }

// merge adds one file's facts to the scan's.
func (s *scanner) merge(r *fileResult) {
	s.warnings = append(s.warnings, r.warns...)
	if !r.exists {
		return
	}
	f := &s.facts
	aux := isAuxPath(r.rel)
	switch {
	case r.man != nil:
		s.addProject(r.rel, r.man.name)
		if !aux {
			f.addDeps(r.man.deps, projectRoot(r.rel))
		}
		if r.aerich && !aux {
			f.paths = append(f.paths, pathHit{q: KeyMigrations, file: r.rel, what: "pyproject.toml configures aerich, Tortoise ORM's migrations ([tool.aerich])"})
		}
	case r.req != nil:
		s.addProject(r.rel, "")
		if !aux {
			f.addDeps(r.req.deps, projectRoot(r.rel))
		}
	}
	if r.py != nil && !aux {
		f.py = append(f.py, pyFile{rel: r.rel, facts: r.py})
	}
	f.locks = append(f.locks, r.locks...)
	if !aux {
		f.deploys = append(f.deploys, r.deploys...)
		s.compose = append(s.compose, r.services...)
	}
	if aux {
		return
	}
	if r.kind == kAlembicIni {
		f.paths = append(f.paths, pathHit{q: KeyMigrations, file: r.rel, what: "alembic.ini configures Alembic migrations"})
	} else if hit, ok := migrationPath(r.rel); ok && r.kind == kPythonPathOnly {
		f.paths = append(f.paths, hit)
	}
}

// migrationPath recognises migration files by their path alone: Django's
// numbered migrations and Alembic's env.py.
func migrationPath(rel string) (pathHit, bool) {
	dir, base := path.Dir(rel), path.Base(rel)
	switch {
	case path.Base(dir) == "migrations" && len(base) > 5 && isDigits(base[:4]) && base[4] == '_':
		return pathHit{q: KeyMigrations, file: rel, what: "a Django migrations folder"}, true
	case base == "env.py" && (path.Base(dir) == "alembic" || path.Base(dir) == "migrations"):
		return pathHit{q: KeyMigrations, file: rel, what: "Alembic's migration environment"}, true
	}
	return pathHit{}, false
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// followIncludes reads requirements files named by -r lines that were not
// read already (their names need not say "requirements"). Their
// dependencies belong to the including file's project. Each file is read
// once, so include cycles end.
func (s *scanner) followIncludes(results []*fileResult) {
	seen := map[string]bool{}
	type pending struct {
		inc  include
		from string
		root string
	}
	var queue []pending
	for _, r := range results {
		if r != nil && r.kind == kRequirements {
			seen[r.rel] = true
			if r.req != nil && !isAuxPath(r.rel) {
				for _, inc := range r.req.includes {
					queue = append(queue, pending{inc, r.rel, projectRoot(r.rel)})
				}
			}
		}
	}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if seen[p.inc.file] {
			continue
		}
		seen[p.inc.file] = true
		if p.inc.file == ".." || len(p.inc.file) > 2 && p.inc.file[:3] == "../" || path.IsAbs(p.inc.file) {
			s.warn(Warning{File: p.from, Line: p.inc.line, Message: fmt.Sprintf("include %q is outside the scanned directory; not read", p.inc.file)})
			continue
		}
		data, w := readFile(s.root, p.inc.file, s.max)
		if w != nil {
			s.warn(*w)
			continue
		}
		if data == nil {
			s.warn(Warning{File: p.from, Line: p.inc.line, Message: fmt.Sprintf("included file %q not found", p.inc.file)})
			continue
		}
		if w, binary := textCheck(p.inc.file, data); w != nil {
			s.warn(*w)
			if binary {
				continue
			}
		}
		req := parseRequirements(p.inc.file, data)
		s.facts.addDeps(req.deps, p.root)
		for _, inc := range req.includes {
			queue = append(queue, pending{inc, p.inc.file, p.root})
		}
	}
}
