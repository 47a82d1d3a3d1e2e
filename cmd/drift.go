package cmd

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/apiadvisor/apiadvisor/advisor"
	"github.com/apiadvisor/apiadvisor/rules"
)

// errDrift exits 1 after the drift report has been printed.
var errDrift = fmt.Errorf("advice drifted: %w", errSilent)

// savedResult is the part of a saved result that drift compares: what
// was recommended, on what grounds, by which knowledge base.
type savedResult struct {
	KBVersion      string        `json:"kb_version"`
	Answers        rules.Answers `json:"answers"`
	Recommendation struct {
		Category   string   `json:"category"`
		Frameworks []string `json:"frameworks"`
	} `json:"recommendation"`
	Reasons []struct {
		Rule string `json:"rule"`
	} `json:"reasons"`
}

// checkDrift compares the advice with a result saved by `advise -o json`
// and reports every difference on stderr.
func checkDrift(ios *IOStreams, path string, res *advisor.Result) error {
	data, err := readLimited(path, rules.MaxFileSize)
	if err != nil {
		return fmt.Errorf("check against: %w", err)
	}
	var prev savedResult
	if err := json.Unmarshal(data, &prev); err != nil || prev.KBVersion == "" {
		return usageErrorf("check against %q: not a result saved with -o json", path)
	}
	curRules := make([]string, 0, len(res.Reasons))
	for _, r := range res.Reasons {
		curRules = append(curRules, r.Rule)
	}

	var diffs []string
	diff := func(what string, a, b any, same bool) {
		if !same {
			diffs = append(diffs, fmt.Sprintf("%s: %v → %v", what, show(a), show(b)))
		}
	}
	rec := res.Recommendation
	diff("recommendation", prev.Recommendation.Category, rec.Category, prev.Recommendation.Category == rec.Category)
	diff("frameworks", prev.Recommendation.Frameworks, rec.Frameworks, slices.Equal(prev.Recommendation.Frameworks, rec.Frameworks))
	diff("fired rules", ruleIDsOf(prev), curRules, slices.Equal(ruleIDsOf(prev), curRules))
	diff("knowledge base", prev.KBVersion, res.KBVersion, prev.KBVersion == res.KBVersion)
	diff("answers", prev.Answers, res.Answers, sameAnswers(prev.Answers, res.Answers))
	if len(diffs) == 0 {
		fmt.Fprintf(ios.ErrOut, "No drift from %s.\n", path)
		return nil
	}
	fmt.Fprintf(ios.ErrOut, "The advice drifted from %s:\n", path)
	for _, d := range diffs {
		fmt.Fprintf(ios.ErrOut, "  %s\n", d)
	}
	return errDrift
}

// sameAnswers compares answers as they print: a saved file's numbers come
// back from JSON as float64, the engine's are int.
func sameAnswers(a, b rules.Answers) bool {
	return maps.EqualFunc(a, b, func(x, y any) bool { return rules.Format(x) == rules.Format(y) })
}

func ruleIDsOf(r savedResult) []string {
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
