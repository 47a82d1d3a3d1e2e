package advisor

import (
	"fmt"
	"strings"

	"github.com/apiadvisor/apiadvisor/rules"
)

// Part is one component's advice, named.
type Part struct {
	Name   string
	Result *Result
}

// Summarize says in a sentence what the advice for several components of
// one system adds up to: "keep Django for back-office; ingestion fits a
// lightweight async framework". A component that already runs on a
// framework of the recommended kind is told to keep it.
func Summarize(kb *rules.KB, parts []Part) string {
	if len(parts) == 0 {
		return ""
	}
	same := true
	for _, p := range parts[1:] {
		if p.Result.Recommendation.Category != parts[0].Result.Recommendation.Category {
			same = false
		}
	}
	var phrases []string
	for _, p := range parts {
		rec := p.Result.Recommendation
		stack, runs := p.Result.Answers["existing_stack"].(string)
		switch {
		case rec.Category == Undecided:
			phrases = append(phrases, fmt.Sprintf("%s is undecided (%s)", p.Name, DecideHint(rec.Deciding)))
		case runs && stack != "none" && stack != "other" && len(p.Result.Plan) == 0:
			phrases = append(phrases, fmt.Sprintf("keep %s for %s", choiceLabel(kb, "existing_stack", stack), p.Name))
		default:
			phrases = append(phrases, fmt.Sprintf("%s fits %s", p.Name, withArticle(rec.Name)))
		}
	}
	s := strings.Join(phrases, "; ")
	if same && parts[0].Result.Recommendation.Category != Undecided {
		s = fmt.Sprintf("Every component fits %s: %s", withArticle(parts[0].Result.Recommendation.Name), s)
	}
	return upperFirst(s) + "."
}

// DecideHint words what would decide undecided advice: "answer a, b or
// c", or "answer more questions" when no question stands out.
func DecideHint(keys []string) string {
	if len(keys) == 0 {
		return "answer more questions"
	}
	return "answer " + rules.OrList(keys)
}

// choiceLabel names an answer as its question labels it.
func choiceLabel(kb *rules.KB, key, value string) string {
	if q := kb.Question(key); q != nil {
		return q.ChoiceLabel(value)
	}
	return value
}

func withArticle(name string) string {
	if name == "" {
		return name
	}
	if strings.ContainsRune("AEIOUaeiou", rune(name[0])) {
		return "an " + lowerFirst(name)
	}
	return "a " + lowerFirst(name)
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
