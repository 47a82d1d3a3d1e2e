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
	if key, line := jsonDuplicateKey(data); key != "" {
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

// jsonDuplicateKey returns the first key that repeats an earlier key of
// the same object in the JSON document data, and its line; "" when there
// is none. encoding/json keeps the last of them and drops the others
// without a word. Syntax errors are left to the decoding that follows.
func jsonDuplicateKey(data []byte) (string, int) {
	type frame struct {
		obj, wantKey bool
		keys         map[string]bool
	}
	var stack []*frame
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err != nil {
			return "", 0
		}
		if n := len(stack); n > 0 && stack[n-1].wantKey {
			if k, ok := tok.(string); ok {
				if stack[n-1].keys[k] {
					return k, 1 + bytes.Count(data[:dec.InputOffset()], []byte("\n"))
				}
				stack[n-1].keys[k] = true
				stack[n-1].wantKey = false
				continue
			}
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, &frame{obj: true, wantKey: true, keys: map[string]bool{}})
			continue
		case json.Delim('['):
			stack = append(stack, &frame{})
			continue
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
		}
		if len(stack) == 0 {
			return "", 0 // the document is complete
		}
		// A value is complete: in an object, a key comes next.
		if top := stack[len(stack)-1]; top.obj {
			top.wantKey = true
		}
	}
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
