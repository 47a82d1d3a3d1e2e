package scan

import (
	"strings"
	"testing"
)

func TestTeamSize(t *testing.T) {
	dir := tree(t, map[string]string{"requirements.txt": "flask\n", ".gitignore": "ignored/\n", "ignored/requirements.txt": "django\n"})
	gitRun(t, dir, nil, "init", "-q")
	gitRun(t, dir, nil, "add", ".")
	// Old history, outside the window: these authors do not count.
	commit(t, dir, "old@example.com", "2019-01-01T00:00:00Z")
	commit(t, dir, "gone@example.com", "2024-02-28T23:59:59Z")
	// The window is the 12 months before the last commit (2025-03-01).
	commit(t, dir, "Ana@Example.com", "2024-03-01T00:00:00Z")
	commit(t, dir, "ana@example.com", "2024-06-01T10:00:00Z")
	commit(t, dir, "bo@example.com", "2024-09-01T10:00:00Z")
	commit(t, dir, "12345+cy@users.noreply.github.com", "2024-10-01T10:00:00Z")
	commit(t, dir, "49699333+dependabot[bot]@users.noreply.github.com", "2024-11-01T10:00:00Z")
	commit(t, dir, "41898282+github-actions[bot]@users.noreply.github.com", "2024-12-01T10:00:00Z")
	commit(t, dir, "bot@renovateapp.com", "2025-01-01T10:00:00Z")
	commit(t, dir, "noreply@github.com", "2025-02-01T10:00:00Z")
	commit(t, dir, "bo@example.com", "2025-03-01T00:00:00Z")

	res := mustScan(t, dir, Options{})
	if res.Answers[KeyTeamSize] != 3 {
		t.Fatalf("team_size = %v, want 3 (ana, bo, cy); evidence %+v", res.Answers[KeyTeamSize], evidenceFor(res, KeyTeamSize))
	}
	ev := evidenceFor(res, KeyTeamSize)[0]
	if ev.File != "git" || !strings.Contains(ev.Detail, "3 distinct author e-mails") ||
		!strings.Contains(ev.Detail, "from 2024-03-01 to 2025-03-01") || !strings.Contains(ev.Detail, "bots excluded") {
		t.Errorf("evidence %+v", ev)
	}
	// git ls-files honours .gitignore: Django under ignored/ is not seen.
	if res.Answers[KeyExistingStack] != "flask" {
		t.Errorf("existing_stack = %v, want flask", res.Answers[KeyExistingStack])
	}
	// A subdirectory counts only the commits that touch it: none here.
	write(t, dir, map[string]string{"sub/app.py": "import flask\n"})
	if sub := mustScan(t, dir+"/sub", Options{}); sub.Answers[KeyTeamSize] != nil {
		t.Errorf("untracked subdirectory: team_size = %v, want unknown", sub.Answers[KeyTeamSize])
	}
}

func TestTeamSizeUnknown(t *testing.T) {
	t.Run("no git repository", func(t *testing.T) {
		res := mustScan(t, tree(t, map[string]string{"requirements.txt": "flask\n"}), Options{})
		if _, ok := res.Answers[KeyTeamSize]; ok || len(res.Warnings) != 0 {
			t.Errorf("team_size %v, warnings %v", res.Answers[KeyTeamSize], res.Warnings)
		}
	})
	t.Run("no commits", func(t *testing.T) {
		dir := tree(t, map[string]string{"requirements.txt": "flask\n"})
		gitRun(t, dir, nil, "init", "-q")
		res := mustScan(t, dir, Options{})
		if _, ok := res.Answers[KeyTeamSize]; ok || len(res.Warnings) != 0 {
			t.Errorf("team_size %v, warnings %v", res.Answers[KeyTeamSize], res.Warnings)
		}
		if res.Answers[KeyExistingStack] != "flask" {
			t.Errorf("untracked files must be scanned: %v", res.Answers)
		}
	})
	t.Run("only bots", func(t *testing.T) {
		dir := tree(t, map[string]string{"requirements.txt": "flask\n"})
		gitRun(t, dir, nil, "init", "-q")
		commit(t, dir, "49699333+dependabot[bot]@users.noreply.github.com", "2025-01-01T00:00:00Z")
		if res := mustScan(t, dir, Options{}); res.Answers[KeyTeamSize] != nil {
			t.Errorf("team_size = %v", res.Answers[KeyTeamSize])
		}
	})
	t.Run("NoGit", func(t *testing.T) {
		dir := tree(t, map[string]string{"requirements.txt": "flask\n"})
		gitRun(t, dir, nil, "init", "-q")
		commit(t, dir, "a@example.com", "2025-01-01T00:00:00Z")
		if res := mustScan(t, dir, Options{NoGit: true}); res.Answers[KeyTeamSize] != nil {
			t.Errorf("team_size = %v", res.Answers[KeyTeamSize])
		}
	})
	t.Run("git missing", func(t *testing.T) {
		dir := tree(t, map[string]string{"requirements.txt": "flask\n"})
		gitRun(t, dir, nil, "init", "-q")
		commit(t, dir, "a@example.com", "2025-01-01T00:00:00Z")
		res := mustScan(t, dir, Options{Git: "/nonexistent/git"})
		if res.Answers[KeyTeamSize] != nil || res.Answers[KeyExistingStack] != "flask" {
			t.Errorf("answers %v", res.Answers)
		}
	})
	t.Run("shallow clone", func(t *testing.T) {
		src := tree(t, map[string]string{"requirements.txt": "flask\n"})
		gitRun(t, src, nil, "init", "-q")
		gitRun(t, src, nil, "add", ".")
		commit(t, src, "a@example.com", "2025-01-01T00:00:00Z")
		commit(t, src, "b@example.com", "2025-01-02T00:00:00Z")
		dst := t.TempDir()
		gitRun(t, dst, nil, "clone", "-q", "--depth=1", "file://"+src, "clone")
		res := mustScan(t, dst+"/clone", Options{})
		if res.Answers[KeyTeamSize] != nil || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0].Message, "shallow") {
			t.Errorf("team_size %v, warnings %+v", res.Answers[KeyTeamSize], res.Warnings)
		}
	})
}

func TestIsBot(t *testing.T) {
	for email, want := range map[string]bool{
		"49699333+dependabot[bot]@users.noreply.github.com": true,
		"29139614+renovate[bot]@users.noreply.github.com":   true,
		"bot@renovateapp.com":                               true,
		"action@github.com":                                 true,
		"noreply@github.com":                                true,
		"pre-commit-ci[bot]@users.noreply.github.com":       true,
		"release-bot@example.com":                           true,
		"12345+abbot@users.noreply.github.com":              false,
		"abbot@example.com":                                 false,
		"ana@example.com":                                   false,
		"12345+ana@users.noreply.github.com":                false,
	} {
		if got := isBot(email, "someone"); got != want {
			t.Errorf("isBot(%q) = %v, want %v", email, got, want)
		}
	}
	if !isBot("x@example.com", "Renovate Bot") {
		t.Error(`name "Renovate Bot" is a bot`)
	}
}
