package cmd

import (
	"encoding/json"
	"fmt"
	"reflect"
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
	var cur savedResult
	raw, _ := json.Marshal(res)
	_ = json.Unmarshal(raw, &cur)

	var diffs []string
	diff := func(what string, a, b any) {
		if !reflect.DeepEqual(a, b) {
			diffs = append(diffs, fmt.Sprintf("%s: %v → %v", what, show(a), show(b)))
		}
	}
	diff("recommendation", prev.Recommendation.Category, cur.Recommendation.Category)
	diff("frameworks", prev.Recommendation.Frameworks, cur.Recommendation.Frameworks)
	diff("fired rules", ruleIDsOf(prev), ruleIDsOf(cur))
	diff("knowledge base", prev.KBVersion, cur.KBVersion)
	diff("answers", prev.Answers, cur.Answers)
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
