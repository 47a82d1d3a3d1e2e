package advisor

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/apiadvisor/apiadvisor/rules"
)

// reference is what cmd printed before AppendJSON, and what it must
// keep printing.
func reference(t *testing.T, r *Result) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func checkSameJSON(t *testing.T, name string, r *Result) {
	t.Helper()
	got, err := r.AppendJSON(nil)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if want := reference(t, r); !bytes.Equal(got, want) {
		i := 0
		for i < min(len(got), len(want)) && got[i] == want[i] {
			i++
		}
		t.Fatalf("%s: AppendJSON differs from encoding/json at byte %d:\ngot  …%q\nwant …%q", name, i, got[max(0, i-80):min(len(got), i+80)], want[max(0, i-80):min(len(want), i+80)])
	}
}

// TestAppendJSONMatchesEncodingJSON compares the two on every shipped
// scenario, with and without the trace, and on random answer sets.
func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	e := engine(t)
	for _, s := range loadScenarios(t, "../testdata/scenarios/*.yaml") {
		checkSameJSON(t, s.Name, e.Advise(s.Answers, Options{}))
		checkSameJSON(t, s.Name+" (explain)", e.Advise(s.Answers, Options{Explain: true}))
	}
	checkSameJSON(t, "no answers", e.Advise(nil, Options{Explain: true}))

	rng := rand.New(rand.NewPCG(1, 2))
	probes := e.KB().ProbeValues()
	for i := range 300 {
		a := rules.Answers{}
		for qi, q := range e.KB().Questions {
			if vs := probes[qi]; len(vs) > 0 && rng.IntN(4) > 0 {
				a[q.Key] = vs[rng.IntN(len(vs))]
			}
		}
		checkSameJSON(t, "random answers", e.Advise(a, Options{Explain: i%2 == 0}))
	}
}

// TestAppendJSONEdgeValues covers what the knowledge base does not hold
// today but a custom one or a future field may: awkward strings, numbers
// in exponent form, empty and nil lists.
func TestAppendJSONEdgeValues(t *testing.T) {
	r := &Result{
		SchemaVersion: 1,
		KBVersion:     "q\"uote\\ <html> & \x00\x01\b\f\n\r\t\x7f é \u2028\u2029 \xff",
		Answers:       rules.Answers{"b": true, "a": 1, "c": "x", "d": 1e-7, "e": nil},
		Unknown:       []string{},
		Recommendation: Recommendation{
			Confidence: 1e21, Margin: -1, CloseCallWhy: "close",
		},
		Scores:       []CategoryScore{{Score: 1e-9}, {Score: -0.5}, {Score: 123456789.125}},
		Frameworks:   []FrameworkScore{{EliminatedBy: []string{"r"}}, {}},
		Reasons:      []Reason{{Effect: rules.Effect{Weights: map[string]float64{"z": 1, "a": -2.5}, Eliminate: []string{"x"}}}, {}},
		Alternatives: []Alternative{{EliminatedBy: []Elimination{{Rule: "r", Reason: "why"}, {Reason: "blend"}}}, {}},
		Counterfactuals: []Counterfactual{
			{Changes: rules.Answers{}, Settles: []string{"k"}},
			{},
		},
		Trace: []RuleTrace{{Tests: []CheckTrace{{Answer: nil}, {Answer: 3}, {Answer: "s"}}}, {}},
	}
	checkSameJSON(t, "edge values", r)

	for _, bad := range []float64{math.Inf(1), math.NaN()} {
		if _, err := (&Result{Recommendation: Recommendation{Margin: bad}}).AppendJSON(nil); err == nil {
			t.Errorf("margin %v: no error", bad)
		}
	}
	if _, err := (&Result{Answers: rules.Answers{"x": struct{}{}}}).AppendJSON(nil); err == nil {
		t.Error("an answer of an unexpected type gave no error")
	}
}

// BenchmarkResultJSON compares the two ways of writing a Result; the
// reflection cost that matters is encoding/json's first call in a fresh
// process, which a warm benchmark hides.
func BenchmarkResultJSON(b *testing.B) {
	e := engine(b)
	r := e.Advise(benchAnswers, Options{})
	b.Run("AppendJSON", func(b *testing.B) {
		var buf []byte
		for b.Loop() {
			buf, _ = r.AppendJSON(buf[:0])
		}
	})
	b.Run("encoding/json", func(b *testing.B) {
		for b.Loop() {
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			_ = enc.Encode(r)
		}
	})
}
