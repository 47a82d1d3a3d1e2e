package scan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// gitRepo runs git in the scanned directory. The git CLI, as gh uses it,
// rather than go-git: it honours every ignore source (.git/info/exclude,
// core.excludesFile), mailmap and the user's git, and lists 100,000 files
// faster than a Go reimplementation walks them.
type gitRepo struct {
	git     string
	dir     string
	prefix  string // the scanned directory's path inside the work tree
	shallow bool
}

// gitError is a git command that failed; stderr's first line says why.
type gitError struct {
	args   []string
	stderr string
	err    error
}

func (e *gitError) Error() string {
	msg := strings.TrimSpace(e.stderr)
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	if msg == "" {
		msg = e.err.Error()
	}
	return fmt.Sprintf("git %s: %s", e.args[0], msg)
}

func (e *gitError) Unwrap() error { return e.err }

func (g *gitRepo) run(ctx context.Context, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, g.git, append([]string{"-C", g.dir}, args...)...)
	// No prompts, no lock files, no pager, messages in English.
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "GIT_OPTIONAL_LOCKS=0", "GIT_PAGER=cat", "LC_ALL=C")
	cmd.WaitDelay = time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, &gitError{args: args, stderr: stderr.String(), err: err}
	}
	return stdout.Bytes(), nil
}

// openGit returns the repository dir is in, or nil when it is in none (or
// git is not installed). A git that fails otherwise — a repository owned by
// another user, say — is returned as an error to become a warning.
func openGit(ctx context.Context, git, dir string) (*gitRepo, error) {
	if _, err := exec.LookPath(git); err != nil {
		return nil, nil
	}
	g := &gitRepo{git: git, dir: dir}
	out, err := g.run(ctx, "rev-parse", "--is-inside-work-tree", "--show-prefix", "--is-shallow-repository")
	if err != nil {
		var ge *gitError
		if errors.As(err, &ge) && strings.Contains(ge.stderr, "not a git repository") {
			return nil, nil
		}
		return nil, err
	}
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(lines) < 3 || lines[0] != "true" {
		return nil, nil // inside .git, or a bare repository
	}
	g.prefix = strings.TrimSuffix(lines[1], "/")
	g.shallow = lines[2] == "true"
	return g, nil
}

// files lists tracked and untracked-but-not-ignored files under the
// scanned directory, relative to it.
func (g *gitRepo) files(ctx context.Context) ([]string, error) {
	out, err := g.run(ctx, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	if err != nil {
		return nil, err
	}
	var files []string
	for f := range bytes.SplitSeq(out, []byte{0}) {
		if len(f) > 0 {
			files = append(files, string(f))
		}
	}
	sort.Strings(files)
	return slices.Compact(files), nil
}

// teamEvidence counts distinct author e-mails (case-insensitive, after
// .mailmap, bots excluded) in the twelve months before the last commit,
// so that a repository nobody touched this year still tells its team's
// size. It returns ok=false when there is no history to count.
func (g *gitRepo) teamEvidence(ctx context.Context) (ev Evidence, ok bool, err error) {
	pathspec := []string{}
	if g.prefix != "" {
		pathspec = []string{"--", "."}
	}
	out, err := g.run(ctx, append([]string{"log", "-1", "--format=%ct"}, pathspec...)...)
	if err != nil {
		var ge *gitError
		if errors.As(err, &ge) && (strings.Contains(ge.stderr, "does not have any commits") || strings.Contains(ge.stderr, "bad default revision")) {
			return Evidence{}, false, nil
		}
		return Evidence{}, false, err
	}
	last, err := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
	if err != nil {
		return Evidence{}, false, nil // no commit touches this directory
	}
	end := time.Unix(last, 0).UTC()
	start := end.AddDate(-1, 0, 0)
	args := append([]string{"log", "--since=" + start.Format(time.RFC3339), "--format=%ct%x00%aE%x00%aN"}, pathspec...)
	if out, err = g.run(ctx, args...); err != nil {
		return Evidence{}, false, err
	}
	emails := map[string]bool{}
	for line := range strings.SplitSeq(string(out), "\n") {
		parts := strings.Split(line, "\x00")
		if len(parts) != 3 {
			continue
		}
		t, err := strconv.ParseInt(parts[0], 10, 64)
		if err != nil || t < start.Unix() || t > last {
			continue // --since stops the walk early but not exactly
		}
		email := strings.ToLower(strings.TrimSpace(parts[1]))
		if isBot(email, parts[2]) {
			continue
		}
		emails[email] = true
	}
	n := len(emails)
	if n == 0 {
		return Evidence{}, false, nil
	}
	scope := ""
	if g.prefix != "" {
		scope = " touching this directory"
	}
	noun := "e-mails"
	if n == 1 {
		noun = "e-mail"
	}
	detail := fmt.Sprintf("%d distinct author %s in `git log`%s from %s to %s (the 12 months before the last commit), bots excluded",
		n, noun, scope, start.Format(time.DateOnly), end.Format(time.DateOnly))
	n = min(n, 10000) // scan.schema.json's maximum for team_size
	return Evidence{Question: KeyTeamSize, Value: n, File: "git", Detail: detail, Strength: Strong}, true, nil
}

// botRe matches the local part or name of automation accounts.
var botRe = lazyRegexp(`(?i)(\[bot\]|^(dependabot|renovate|renovate-bot|github-actions|actions|action|pre-commit-ci|greenkeeper|snyk-bot|mergify|imgbot|allcontributors|weblate|pyup-bot|deepsource-autofix|codecov|semantic-release-bot|bors|noreply|no-reply)$|[-_.\s]bot$|^bot$)`)

// isBot reports whether an author is an automation account: a [bot] suffix
// (GitHub apps), a known bot's name or address, or a bare noreply address.
// Personal GitHub noreply addresses (ID+user@users.noreply.github.com) are
// people and count.
func isBot(email, name string) bool {
	local, _, _ := strings.Cut(email, "@")
	if i := strings.IndexByte(local, '+'); i >= 0 && strings.HasSuffix(email, "@users.noreply.github.com") {
		local = local[i+1:]
	}
	return botRe().MatchString(local) || botRe().MatchString(strings.TrimSpace(name))
}
