package scan

import (
	"fmt"
	"slices"
	"sort"
)

// result assembles the Result: answers restricted to the asked questions,
// everything sorted, empty lists as [] rather than null.
func (s *scanner) result(dir string) *Result {
	res := &Result{
		SchemaVersion: SchemaVersion, Dir: dir,
		Answers: map[string]any{}, Evidence: []Evidence{}, Unknown: []string{},
		Components: []Component{}, Warnings: []Warning{},
	}
	asked := s.opt.questions()
	if !s.python {
		res.Note = fmt.Sprintf("no Python project found in %s", dir)
	} else {
		in := infer(&s.facts)
		comps := s.architecture(in)
		if s.team != nil {
			in.add(*s.team)
		}
		res.Answers, res.Evidence = restrict(in.answers, in.evidence, asked, s.opt.Accept)
		for _, c := range comps {
			c.Answers, c.Evidence = restrict(c.Answers, c.Evidence, asked, s.opt.Accept)
			res.Components = append(res.Components, c)
		}
	}
	for _, q := range asked {
		if _, ok := res.Answers[q]; !ok && !slices.Contains(res.Unknown, q) {
			res.Unknown = append(res.Unknown, q)
		}
	}
	res.Warnings = append(res.Warnings, s.warnings...)
	sort.SliceStable(res.Warnings, func(i, j int) bool {
		a, b := res.Warnings[i], res.Warnings[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Message < b.Message
	})
	res.Warnings = slices.Compact(res.Warnings)
	return res
}

// restrict keeps the answers and evidence of asked questions whose answer
// accept takes (nil takes all), evidence in the asked order (each
// question's entries in the order its rule gave them, strongest first).
func restrict(answers map[string]any, evidence []Evidence, asked []string, accept func(string, any) bool) (map[string]any, []Evidence) {
	order := map[string]int{}
	for i, q := range asked {
		if _, ok := order[q]; !ok {
			order[q] = i
		}
	}
	outA := map[string]any{}
	for q, v := range answers {
		if _, ok := order[q]; ok && (accept == nil || accept(q, v)) {
			outA[q] = v
		}
	}
	outE := []Evidence{}
	for _, e := range evidence {
		if _, ok := outA[e.Question]; ok {
			outE = append(outE, e)
		}
	}
	sort.SliceStable(outE, func(i, j int) bool { return order[outE[i].Question] < order[outE[j].Question] })
	return outA, outE
}
