package rules

// Merge lays overlay over base: an item whose id (or question key) is
// already in base replaces it in place, a new one is appended. This lets a
// team adjust one rule's weight or add its own rules without copying the
// whole default knowledge base. The version becomes "base+overlay" so
// every output shows both. The result is not validated; Check does that.
func Merge(base, overlay *KB) *KB {
	return &KB{
		Version:        base.Version + "+" + overlay.Version,
		Extends:        overlay.Extends,
		File:           overlay.File,
		Questions:      mergeBy(base.Questions, overlay.Questions, func(q Question) string { return q.Key }),
		Categories:     mergeBy(base.Categories, overlay.Categories, func(c Category) string { return c.ID }),
		Frameworks:     mergeBy(base.Frameworks, overlay.Frameworks, func(f Framework) string { return f.ID }),
		Corrections:    mergeBy(base.Corrections, overlay.Corrections, func(c Correction) string { return c.ID }),
		Styles:         mergeBy(base.Styles, overlay.Styles, func(s Style) string { return s.ID }),
		Rules:          mergeBy(base.Rules, overlay.Rules, func(r Rule) string { return r.ID }),
		Contradictions: mergeBy(base.Contradictions, overlay.Contradictions, func(c Contradiction) string { return c.ID }),
		Guidance:       mergeBy(base.Guidance, overlay.Guidance, func(g Guidance) string { return g.ID }),
		Plans:          mergeBy(base.Plans, overlay.Plans, func(p PlanOption) string { return p.ID }),
	}
}

func mergeBy[T any](base, overlay []T, id func(T) string) []T {
	out := make([]T, len(base), len(base)+len(overlay))
	copy(out, base)
	at := make(map[string]int, len(base))
	for i, item := range base {
		at[id(item)] = i
	}
	for _, item := range overlay {
		if i, ok := at[id(item)]; ok {
			out[i] = item
			continue
		}
		at[id(item)] = len(out)
		out = append(out, item)
	}
	return out
}
