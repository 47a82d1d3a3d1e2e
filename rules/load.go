package rules

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Limits for untrusted knowledge bases. A rules file is data, never code,
// and these bounds keep a hostile one from exhausting memory or time.
const (
	// MaxFileSize is the largest rules file Load accepts.
	MaxFileSize = 1 << 20
	// MaxItems bounds each list (questions, frameworks, rules …).
	MaxItems = 10000
)

//go:embed default.yaml
var defaultYAML []byte

// DefaultFile is the name the embedded knowledge base goes by in errors.
const DefaultFile = "default.yaml"

var (
	defaultOnce sync.Once
	defaultKB   *KB
	defaultErr  error
)

// The generator runs with the apiadvisor_gen tag, which leaves the
// generated file out of the build: it can always rebuild default_gen.go,
// even when a schema change has made the old one stop compiling.
//go:generate go run -tags apiadvisor_gen ./internal/gen

// Default returns the built-in knowledge base, built once per process. A
// normal build takes it from default_gen.go, default.yaml compiled to Go
// by `go generate`, which spares every run the YAML parse; a test keeps
// the two identical. The result is shared: callers must not modify it.
func Default() (*KB, error) {
	defaultOnce.Do(func() { defaultKB, defaultErr = builtin() })
	return defaultKB, defaultErr
}

// DefaultSource returns the embedded knowledge base's YAML text.
func DefaultSource() []byte { return bytes.Clone(defaultYAML) }

// Load reads and validates a knowledge base. A file with `extends: default`
// is merged over the embedded knowledge base (see Merge); any other file
// replaces it. name is used in error positions.
func Load(r io.Reader, name string) (*KB, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return parse(data, name)
}

// parse decodes, merges when the file extends the default, and validates.
// It does not lint: warnings are for `rules validate`, not every start.
func parse(data []byte, name string) (*KB, error) {
	kb, problems := check(data, name)
	if hasErrors(problems) {
		return nil, &ValidationError{Problems: SortProblems(problems)}
	}
	return kb, nil
}

// Validate decodes and validates a knowledge base and returns every
// problem without stopping at the first; kb is nil when there are errors.
// It does not lint: advisor.Check adds the checks that need scoring.
func Validate(data []byte, name string) (*KB, []Problem) {
	kb, problems := check(data, name)
	return kb, SortProblems(problems)
}

// SortProblems orders problems by position, file-wide ones (line 0)
// last, so the first one reported is the first one in the file.
func SortProblems(ps []Problem) []Problem {
	sort.SliceStable(ps, func(i, j int) bool {
		li, lj := ps[i].Line, ps[j].Line
		if (li == 0) != (lj == 0) {
			return lj == 0
		}
		return li < lj
	})
	return ps
}

func check(data []byte, name string) (*KB, []Problem) {
	if len(data) > MaxFileSize {
		return nil, []Problem{{File: name, Severity: SevError, Message: fmt.Sprintf("file is larger than %d KiB", MaxFileSize>>10)}}
	}
	kb, problems := decode(data, name)
	if kb == nil || hasErrors(problems) {
		return nil, problems
	}
	if kb.Extends != "" {
		// Checked before the merge, which would lend it the default's.
		if strings.TrimSpace(kb.Version) == "" {
			return nil, append(problems, Problem{File: name, Severity: SevError, Message: "missing version: a file that extends the default needs a version of its own"})
		}
		base, err := Default()
		if err != nil {
			return nil, append(problems, Problem{File: name, Severity: SevError, Message: err.Error()})
		}
		kb = Merge(base, kb)
	}
	problems = append(problems, kb.validate()...)
	if hasErrors(problems) {
		return nil, problems
	}
	kb.index()
	return kb, problems
}

func hasErrors(ps []Problem) bool {
	for _, p := range ps {
		if p.Severity == SevError {
			return true
		}
	}
	return false
}

// decode turns YAML into a KB, reporting structural problems (syntax,
// unknown keys, wrong types) with positions. kb is nil when the document
// could not be read at all.
func decode(data []byte, name string) (*KB, []Problem) {
	fail := func(line int, id, format string, args ...any) []Problem {
		return []Problem{{File: name, Line: line, ID: id, Severity: SevError, Message: fmt.Sprintf(format, args...)}}
	}
	doc, err := parseOne(data)
	if err != nil {
		line, msg := syntaxError(err)
		return nil, fail(line, "", "%s", msg)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, fail(0, "", "empty knowledge base")
	}
	root := doc.Content[0]
	if n := findAlias(root); n != nil {
		return nil, fail(n.Line, "", "anchors and aliases are not allowed in a knowledge base")
	}
	if root.Kind != yaml.MappingNode {
		return nil, fail(root.Line, "", "want a mapping with version, questions, categories, frameworks and rules")
	}
	// A repeated key anywhere — in a rule, inside a condition (two not:
	// or two any:), at the top — would otherwise be decoded as the last
	// one given, the others silently dropped. Like a syntax error, it
	// stops decoding: every one is reported, and nothing else.
	if dups := duplicateKeys(root, nil); len(dups) > 0 {
		var problems []Problem
		for _, k := range dups {
			problems = append(problems, Problem{File: name, Line: k.Line, Severity: SevError, Message: fmt.Sprintf("duplicate key %q", k.Value)})
		}
		return nil, problems
	}
	kb := &KB{File: name}
	// Text that would drive a terminal is an error wherever it appears:
	// a rules file is handed around, and showing it must be as safe as
	// paging it with less.
	problems := controlCharacters(root, name, nil)
	add := func(line int, id string, err error) {
		var pe *posError
		if errors.As(err, &pe) {
			line = pe.line
			err = errors.New(pe.msg)
		} else if l := yamlErrLine(err); l > 0 {
			line, err = l, errors.New(yamlErrMsg(err))
		}
		problems = append(problems, Problem{File: name, Line: line, ID: id, Severity: SevError, Message: err.Error()})
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		switch k.Value {
		case "version":
			if err := v.Decode(&kb.Version); err != nil {
				add(v.Line, "", fmt.Errorf("version must be a string"))
			}
		case "extends":
			if err := v.Decode(&kb.Extends); err != nil || kb.Extends != "default" {
				add(v.Line, "", fmt.Errorf("extends must be \"default\" (or left out to replace the default knowledge base)"))
			}
		case "questions":
			kb.Questions = decodeList[Question](v, "question", "key", add)
		case "categories":
			kb.Categories = decodeList[Category](v, "category", "id", add)
		case "frameworks":
			kb.Frameworks = decodeList[Framework](v, "framework", "id", add)
		case "corrections":
			kb.Corrections = decodeList[Correction](v, "correction", "id", add)
		case "styles":
			kb.Styles = decodeList[Style](v, "style", "id", add)
		case "rules":
			kb.Rules = decodeList[Rule](v, "rule", "id", add)
		case "contradictions":
			kb.Contradictions = decodeList[Contradiction](v, "contradiction", "id", add)
		case "guidance":
			kb.Guidance = decodeList[Guidance](v, "guidance", "id", add)
		case "plans":
			kb.Plans = decodeList[PlanOption](v, "plan", "id", add)
		default:
			add(k.Line, "", fmt.Errorf("unknown key %q: want version, extends, questions, categories, frameworks, corrections, styles, rules, contradictions, guidance or plans", k.Value))
		}
	}
	return kb, problems
}

// decodeList decodes one section item by item, so a bad item is reported
// with its id and the rest are still checked.
func decodeList[T any](n *yaml.Node, what, idKey string, add func(int, string, error)) []T {
	if n.Kind != yaml.SequenceNode {
		add(n.Line, "", fmt.Errorf("%ss must be a list", what))
		return nil
	}
	if len(n.Content) > MaxItems {
		add(n.Line, "", fmt.Errorf("more than %d %ss", MaxItems, what))
		return nil
	}
	out := make([]T, 0, len(n.Content))
	for i, item := range n.Content {
		id := itemID(item, idKey)
		label := fmt.Sprintf("%s %q", what, id)
		if id == "" {
			label = fmt.Sprintf("%s #%d", what, i+1)
		}
		var v T
		if err := checkKeys(item, reflect.TypeOf(v)); err != nil {
			add(item.Line, label, err)
			continue
		}
		if err := item.Decode(&v); err != nil {
			add(item.Line, label, err)
			continue
		}
		setLine(&v, item.Line)
		out = append(out, v)
	}
	return out
}

func itemID(n *yaml.Node, key string) string {
	if n.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key && n.Content[i+1].Kind == yaml.ScalarNode {
			return n.Content[i+1].Value
		}
	}
	return ""
}

func setLine(v any, line int) {
	f := reflect.ValueOf(v).Elem().FieldByName("Line")
	if f.IsValid() && f.CanSet() {
		f.SetInt(int64(line))
	}
}

var conditionType = reflect.TypeOf(Condition{})

// checkKeys rejects mapping keys that the target struct does not declare,
// recursing into nested structs. yaml.v3 can do this only for a whole
// document, and then its errors cannot name the item.
func checkKeys(n *yaml.Node, t reflect.Type) error {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		if t.Kind() == reflect.Slice && n.Kind == yaml.SequenceNode {
			for _, item := range n.Content {
				if err := checkKeys(item, t.Elem()); err != nil {
					return err
				}
			}
			return nil
		}
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || t == conditionType {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return posErrorf(n, "want a mapping, not a %s", kindName(n.Kind))
	}
	fields := keysOf(t)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		f, ok := fields.byKey[k.Value]
		if !ok {
			return posErrorf(k, "unknown key %q: want %s", k.Value, strings.Join(fields.names, ", "))
		}
		if err := checkKeys(v, f.Type); err != nil {
			return err
		}
	}
	return nil
}

// structKeys are the YAML keys a struct declares, in field order.
type structKeys struct {
	byKey map[string]reflect.StructField
	names []string
}

// keyCache holds structKeys by type: working them out by reflection for
// every item made it a tenth of loading a large file.
var keyCache sync.Map

func keysOf(t reflect.Type) *structKeys {
	if k, ok := keyCache.Load(t); ok {
		return k.(*structKeys)
	}
	k := &structKeys{byKey: map[string]reflect.StructField{}}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if tag == "" || tag == "-" {
			continue
		}
		k.byKey[tag] = f
		k.names = append(k.names, tag)
	}
	keyCache.Store(t, k)
	return k
}

// controlCharacters appends a problem for every key or value under n
// that holds a control character other than newline and tab: C0 (ESC
// among them), DEL or C1.
func controlCharacters(n *yaml.Node, name string, out []Problem) []Problem {
	if n.Kind == yaml.ScalarNode {
		if i := strings.IndexFunc(n.Value, IsControl); i >= 0 {
			r, _ := utf8.DecodeRuneInString(n.Value[i:])
			out = append(out, Problem{File: name, Line: n.Line, Severity: SevError,
				Message: fmt.Sprintf("control character %U in %s: text must not carry terminal controls", r, quoteShort(n.Value))})
		}
	}
	for _, c := range n.Content {
		out = controlCharacters(c, name, out)
	}
	return out
}

// IsControl reports a control character that text shown on a terminal
// must not carry: C0 other than newline and tab, DEL and C1.
func IsControl(r rune) bool {
	return (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7f && r < 0xa0)
}

// quoteShort quotes s for a message, escapes and all, cut to a length
// that keeps the message on a line.
func quoteShort(s string) string {
	const most = 40
	if len(s) <= most {
		return strconv.Quote(s)
	}
	cut := most
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut]) + "…"
}

func findAlias(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return n
	}
	for _, c := range n.Content {
		if a := findAlias(c); a != nil {
			return a
		}
	}
	return nil
}

// yamlErrLine pulls the line number out of yaml.v3's error text, which
// has no structured position.
func yamlErrLine(err error) int {
	var line int
	msg := err.Error()
	if i := strings.Index(msg, "line "); i >= 0 {
		fmt.Sscanf(msg[i:], "line %d", &line)
	}
	return line
}

func yamlErrMsg(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n  ")
	// yaml.v3 lists every error of a decode, one a line; the first is
	// what an error that must stay on one line can show.
	msg, _, _ = strings.Cut(msg, "\n")
	if i := strings.Index(msg, "line "); i >= 0 {
		if j := strings.Index(msg[i:], ": "); j >= 0 {
			msg = msg[:i] + msg[i+j+2:]
		}
	}
	return strings.TrimSpace(msg)
}
