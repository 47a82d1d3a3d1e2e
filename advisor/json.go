package advisor

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/apiadvisor/apiadvisor/rules"
)

// AppendJSON appends r as the indented JSON document apiadvisor prints —
// byte for byte what encoding/json gives for
//
//	enc := json.NewEncoder(w); enc.SetIndent("", "  "); enc.SetEscapeHTML(false); enc.Encode(r)
//
// (TestAppendJSONMatchesEncodingJSON holds it to that on every scenario).
//
// It exists for start-up time: encoding/json works out the layout of
// each struct type by reflection on first use, which for the dozen types
// of a Result was an eighth of a whole `advise -o json` run. An error
// means a value JSON cannot hold (a non-finite number, an answer of an
// unexpected type); encoding/json would refuse it too, or the caller can
// fall back to it.
func (r *Result) AppendJSON(b []byte) ([]byte, error) {
	e := &jsonWriter{b: b}
	e.open('{')
	e.key("schema_version")
	e.b = strconv.AppendInt(e.b, int64(r.SchemaVersion), 10)
	e.strField("kb_version", r.KBVersion)
	e.key("answers")
	e.answers(r.Answers)
	e.key("unknown")
	e.strs(r.Unknown)
	e.key("recommendation")
	e.recommendation(&r.Recommendation)
	e.key("scores")
	list(e, r.Scores, (*jsonWriter).categoryScore)
	e.key("frameworks")
	list(e, r.Frameworks, (*jsonWriter).frameworkScore)
	e.key("reasons")
	list(e, r.Reasons, (*jsonWriter).reason)
	e.key("alternatives")
	list(e, r.Alternatives, (*jsonWriter).alternative)
	e.key("counterfactuals")
	list(e, r.Counterfactuals, (*jsonWriter).counterfactual)
	e.key("notes")
	list(e, r.Notes, (*jsonWriter).note)
	if len(r.Trace) > 0 {
		e.key("trace")
		list(e, r.Trace, (*jsonWriter).ruleTrace)
	}
	e.close('}')
	e.b = append(e.b, '\n')
	return e.b, e.err
}

// jsonWriter writes indented JSON; counts holds, per open object or
// array, how many members it has so far.
type jsonWriter struct {
	b      []byte
	counts []int
	err    error
}

func (e *jsonWriter) open(c byte) {
	e.b = append(e.b, c)
	e.counts = append(e.counts, 0)
}

func (e *jsonWriter) close(c byte) {
	n := e.counts[len(e.counts)-1]
	e.counts = e.counts[:len(e.counts)-1]
	if n > 0 {
		e.newline()
	}
	e.b = append(e.b, c)
}

// member starts the next member of the innermost object or array.
func (e *jsonWriter) member() {
	i := len(e.counts) - 1
	if e.counts[i] > 0 {
		e.b = append(e.b, ',')
	}
	e.counts[i]++
	e.newline()
}

func (e *jsonWriter) newline() {
	e.b = append(e.b, '\n')
	for range e.counts {
		e.b = append(e.b, ' ', ' ')
	}
}

func (e *jsonWriter) key(k string) {
	e.member()
	e.str(k)
	e.b = append(e.b, ':', ' ')
}

func (e *jsonWriter) strField(k, v string) {
	e.key(k)
	e.str(v)
}

func (e *jsonWriter) numField(k string, v float64) {
	e.key(k)
	e.num(v)
}

func (e *jsonWriter) boolField(k string, v bool) {
	e.key(k)
	e.boolean(v)
}

// list writes a slice as encoding/json does: null when nil.
func list[T any](e *jsonWriter, xs []T, write func(*jsonWriter, *T)) {
	if xs == nil {
		e.b = append(e.b, "null"...)
		return
	}
	e.open('[')
	for i := range xs {
		e.member()
		write(e, &xs[i])
	}
	e.close(']')
}

func (e *jsonWriter) strs(xs []string) {
	list(e, xs, func(e *jsonWriter, s *string) { e.str(*s) })
}

func (e *jsonWriter) boolean(v bool) {
	e.b = strconv.AppendBool(e.b, v)
}

// num formats a float64 as encoding/json does: the shortest repr, in
// exponent form only for very small or very large magnitudes.
func (e *jsonWriter) num(f float64) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		e.fail(errors.New("json: unsupported value: " + strconv.FormatFloat(f, 'g', -1, 64)))
		e.b = append(e.b, '0')
		return
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	e.b = strconv.AppendFloat(e.b, f, format, -1, 64)
	if format == 'e' {
		// e-09 → e-9, as encoding/json writes it.
		if n := len(e.b); n >= 4 && e.b[n-4] == 'e' && e.b[n-3] == '-' && e.b[n-2] == '0' {
			e.b[n-2] = e.b[n-1]
			e.b = e.b[:n-1]
		}
	}
}

func (e *jsonWriter) fail(err error) {
	if e.err == nil {
		e.err = err
	}
}

// value writes an answer: the types rules.Question.Parse produces.
func (e *jsonWriter) value(v any) {
	switch v := v.(type) {
	case nil:
		e.b = append(e.b, "null"...)
	case string:
		e.str(v)
	case bool:
		e.boolean(v)
	case int:
		e.b = strconv.AppendInt(e.b, int64(v), 10)
	case float64:
		e.num(v)
	default:
		e.fail(errors.New("json: unexpected answer type"))
		e.b = append(e.b, "null"...)
	}
}

// answers writes a map with its keys sorted, as encoding/json does.
func (e *jsonWriter) answers(a rules.Answers) {
	if a == nil {
		e.b = append(e.b, "null"...)
		return
	}
	keys := make([]string, 0, len(a))
	for k := range a {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	e.open('{')
	for _, k := range keys {
		e.key(k)
		e.value(a[k])
	}
	e.close('}')
}

func (e *jsonWriter) effect(x *rules.Effect) {
	e.open('{')
	if len(x.Weights) > 0 {
		keys := make([]string, 0, len(x.Weights))
		for k := range x.Weights {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		e.key("weights")
		e.open('{')
		for _, k := range keys {
			e.key(k)
			e.num(x.Weights[k])
		}
		e.close('}')
	}
	if len(x.Eliminate) > 0 {
		e.key("eliminate")
		e.strs(x.Eliminate)
	}
	e.close('}')
}

func (e *jsonWriter) recommendation(x *Recommendation) {
	e.open('{')
	e.strField("category", x.Category)
	e.strField("name", x.Name)
	e.key("frameworks")
	e.strs(x.Frameworks)
	e.strField("summary", x.Summary)
	e.numField("confidence", x.Confidence)
	e.numField("margin", x.Margin)
	e.boolField("close_call", x.CloseCall)
	if x.CloseCallWhy != "" {
		e.strField("close_call_why", x.CloseCallWhy)
	}
	e.close('}')
}

func (e *jsonWriter) categoryScore(x *CategoryScore) {
	e.open('{')
	e.strField("category", x.Category)
	e.numField("score", x.Score)
	e.boolField("eliminated", x.Eliminated)
	e.close('}')
}

func (e *jsonWriter) frameworkScore(x *FrameworkScore) {
	e.open('{')
	e.strField("framework", x.Framework)
	e.strField("category", x.Category)
	e.numField("score", x.Score)
	e.boolField("eliminated", x.Eliminated)
	if len(x.EliminatedBy) > 0 {
		e.key("eliminated_by")
		e.strs(x.EliminatedBy)
	}
	e.close('}')
}

func (e *jsonWriter) reason(x *Reason) {
	e.open('{')
	e.strField("rule", x.Rule)
	e.strField("text", x.Text)
	e.strField("source", x.Source)
	e.key("effect")
	e.effect(&x.Effect)
	e.close('}')
}

func (e *jsonWriter) alternative(x *Alternative) {
	e.open('{')
	e.strField("category", x.Category)
	e.strField("name", x.Name)
	e.numField("score", x.Score)
	e.numField("score_gap", x.ScoreGap)
	e.boolField("eliminated", x.Eliminated)
	e.key("eliminated_by")
	list(e, x.EliminatedBy, func(e *jsonWriter, el *Elimination) {
		e.open('{')
		if el.Rule != "" {
			e.key("rule")
			e.str(el.Rule)
		}
		e.strField("reason", el.Reason)
		e.close('}')
	})
	e.key("pulled_down_by")
	e.strs(x.PulledDownBy)
	e.strField("why_not", x.WhyNot)
	e.close('}')
}

func (e *jsonWriter) counterfactual(x *Counterfactual) {
	e.open('{')
	e.key("changes")
	e.answers(x.Changes)
	e.strField("category", x.Category)
	if len(x.Settles) > 0 {
		e.key("settles")
		e.strs(x.Settles)
	}
	e.strField("text", x.Text)
	e.close('}')
}

func (e *jsonWriter) note(x *Note) {
	e.open('{')
	e.strField("id", x.ID)
	e.strField("claim", x.Claim)
	e.strField("truth", x.Truth)
	e.strField("source", x.Source)
	e.close('}')
}

func (e *jsonWriter) ruleTrace(x *RuleTrace) {
	e.open('{')
	e.strField("rule", x.Rule)
	e.strField("when", x.When)
	e.strField("result", x.Result)
	e.boolField("fired", x.Fired)
	e.key("tests")
	list(e, x.Tests, func(e *jsonWriter, t *CheckTrace) {
		e.open('{')
		e.strField("test", t.Test)
		e.key("answer")
		e.value(t.Answer)
		e.strField("result", t.Result)
		e.close('}')
	})
	e.key("effect")
	e.effect(&x.Effect)
	e.close('}')
}

const hexDigits = "0123456789abcdef"

// str writes a JSON string as encoding/json does with HTML escaping off:
// quotes, backslashes and control characters escaped, invalid UTF-8 as
// U+FFFD, and U+2028/U+2029 escaped for JavaScript's sake. (The logic is
// encoding/json's appendString.)
func (e *jsonWriter) str(s string) {
	b := append(e.b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	e.b = append(b, '"')
}
