package cmd

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/apiadvisor/apiadvisor/advisor"
	"github.com/apiadvisor/apiadvisor/report"
	"github.com/apiadvisor/apiadvisor/rules"
)

// errDrift exits 1 after the drift report has been printed.
var errDrift = fmt.Errorf("advice drifted: %w", errSilent)

// readSavedResult reads a result saved by `advise -o json` into the
// result type itself.
func readSavedResult(path string) (*advisor.Result, error) {
	data, err := readInput("--check-against file", path, rules.MaxFileSize)
	if err != nil {
		return nil, err
	}
	if key, line := rules.DuplicateKey(data); key != "" {
		return nil, usageErrorf("--check-against file %q: line %d: duplicate key %q", path, line, key)
	}
	var saved advisor.Result
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&saved); err != nil || saved.KBVersion == "" {
		return nil, usageErrorf("--check-against file %q: not a result saved with -o json", path)
	}
	if dec.More() {
		return nil, usageErrorf("--check-against file %q: data after the saved result", path)
	}
	return &saved, nil
}

// checkDrift compares the advice with a saved result and reports every
// difference on stderr: what was recommended, on what grounds, by which
// knowledge base.
func checkDrift(ios *IOStreams, path string, prev, res *advisor.Result) error {
	var diffs []string
	diff := func(what string, a, b any, same bool) {
		if !same {
			diffs = append(diffs, fmt.Sprintf("%s: %v → %v", what, show(a), show(b)))
		}
	}
	was, now := prev.Recommendation, res.Recommendation
	diff("recommendation", was.Category, now.Category, was.Category == now.Category)
	diff("frameworks", was.Frameworks, now.Frameworks, slices.Equal(was.Frameworks, now.Frameworks))
	wasRules, nowRules := ruleIDsOf(prev), ruleIDsOf(res)
	diff("fired rules", wasRules, nowRules, slices.Equal(wasRules, nowRules))
	diff("knowledge base", prev.KBVersion, res.KBVersion, prev.KBVersion == res.KBVersion)
	diff("answers", prev.Answers, res.Answers, sameAnswers(prev.Answers, res.Answers))
	if len(diffs) == 0 {
		fmt.Fprintf(ios.ErrOut, "No drift from %s.\n", displayName(path))
		return nil
	}
	fmt.Fprintf(ios.ErrOut, "The advice drifted from %s:\n", displayName(path))
	for _, d := range diffs {
		fmt.Fprintf(ios.ErrOut, "  %s\n", report.Clean(d))
	}
	return errDrift
}

// sameAnswers compares answers as they print.
func sameAnswers(a, b rules.Answers) bool {
	return maps.EqualFunc(a, b, func(x, y any) bool { return rules.Format(x) == rules.Format(y) })
}

func ruleIDsOf(r *advisor.Result) []string {
	ids := make([]string, 0, len(r.Reasons))
	for _, x := range r.Reasons {
		ids = append(ids, x.Rule)
	}
	return ids
}

func show(v any) string {
	switch x := v.(type) {
	case []string:
		if len(x) == 0 {
			return "(none)"
		}
		return strings.Join(x, ", ")
	case string:
		if x == "" {
			return "(none)"
		}
		return x
	}
	b, _ := json.Marshal(v)
	return string(b)
}
