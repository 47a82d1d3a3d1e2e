package scan

// A small Python tokenizer: enough to read settings modules and setup.py
// as text — names, string literals with their lines, operators, and the
// logical-line ends that Python's grammar uses. It never fails: malformed
// input yields tokens that match nothing. Hand-written because no Go
// library tokenizes Python, and running Python is what the scan must not do.

type tokKind uint8

const (
	tName tokKind = iota + 1
	tString
	tOp
	tNewline // end of a logical line
)

type token struct {
	kind tokKind
	text string // a string token holds its contents, without quotes
	line int
}

func pyTokens(src []byte) []token {
	var toks []token
	line, depth := 1, 0
	newline := func() {
		if depth == 0 && len(toks) > 0 && toks[len(toks)-1].kind != tNewline {
			toks = append(toks, token{kind: tNewline, line: line})
		}
	}
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '\n':
			newline()
			line++
			i++
		case c == ' ' || c == '\t' || c == '\r' || c == '\f':
			i++
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '\\' && i+1 < len(src) && src[i+1] == '\n':
			line++
			i += 2
		case c == '"' || c == '\'':
			start := line
			s, n, lines := pyString(src[i:])
			toks = append(toks, token{kind: tString, text: s, line: start})
			line += lines
			i += n
		case isNameByte(c):
			j := i
			for j < len(src) && (isNameByte(src[j]) || src[j] >= '0' && src[j] <= '9') {
				j++
			}
			// A string prefix (r, b, f, u, rb…) glued to a quote.
			if j < len(src) && (src[j] == '"' || src[j] == '\'') && j-i <= 2 && isStringPrefix(src[i:j]) {
				i = j
				continue
			}
			toks = append(toks, token{kind: tName, text: string(src[i:j]), line: line})
			i = j
		default:
			op := string(c)
			if i+1 < len(src) && src[i+1] == '=' && (c == '=' || c == '+' || c == '!' || c == '<' || c == '>' || c == '-' || c == '*') {
				op += "="
			}
			switch c {
			case '(', '[', '{':
				depth++
			case ')', ']', '}':
				if depth > 0 {
					depth--
				}
			}
			toks = append(toks, token{kind: tOp, text: op, line: line})
			i += len(op)
		}
	}
	newline()
	return toks
}

// pyString reads a string literal starting at a quote and returns its
// contents, the bytes consumed and the newlines crossed.
func pyString(b []byte) (s string, n, lines int) {
	q := b[0]
	triple := len(b) >= 3 && b[1] == q && b[2] == q
	i := 1
	if triple {
		i = 3
	}
	start := i
	for i < len(b) {
		switch c := b[i]; {
		case c == '\\' && i+1 < len(b):
			if b[i+1] == '\n' {
				lines++
			}
			i += 2
		case c == '\n' && !triple:
			return string(b[start:i]), i, lines // unterminated: stop at the line end
		case c == '\n':
			lines++
			i++
		case c == q && (!triple || i+2 < len(b) && b[i+1] == q && b[i+2] == q):
			end := i
			if triple {
				return string(b[start:end]), i + 3, lines
			}
			return string(b[start:end]), i + 1, lines
		default:
			i++
		}
	}
	return string(b[start:]), len(b), lines
}

func isNameByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isStringPrefix(p []byte) bool {
	for _, c := range p {
		switch c | 0x20 {
		case 'r', 'b', 'u', 'f', 't':
		default:
			return false
		}
	}
	return true
}

// statements splits tokens into logical lines.
func statements(toks []token) [][]token {
	var out [][]token
	start := 0
	for i, t := range toks {
		if t.kind == tNewline {
			if i > start {
				out = append(out, toks[start:i])
			}
			start = i + 1
		}
	}
	if start < len(toks) {
		out = append(out, toks[start:])
	}
	return out
}

var compoundKeywords = map[string]bool{
	"if": true, "elif": true, "else": true, "try": true, "finally": true,
	"with": true, "while": true, "for": true, "except": true,
}

// assignment reads NAME = expr, NAME += expr, NAME: T = expr and
// NAME.append/extend/insert(expr) — also after "if …:" on one line — and
// returns the target and the expression's tokens.
func assignment(st []token) (target string, expr []token, ok bool) {
	if len(st) > 0 && st[0].kind == tName && compoundKeywords[st[0].text] {
		depth := 0
		for i, t := range st {
			if t.kind == tOp {
				switch t.text {
				case "(", "[", "{":
					depth++
				case ")", "]", "}":
					depth--
				case ":":
					if depth == 0 {
						return assignment(st[i+1:])
					}
				}
			}
		}
		return "", nil, false
	}
	if len(st) < 3 || st[0].kind != tName {
		return "", nil, false
	}
	name := st[0].text
	switch op := st[1]; {
	case op.kind == tOp && (op.text == "=" || op.text == "+="):
		return name, st[2:], true
	case op.kind == tOp && op.text == ":":
		for i := 2; i < len(st); i++ {
			if st[i].kind == tOp && st[i].text == "=" {
				return name, st[i+1:], true
			}
		}
	case op.kind == tOp && op.text == "." && len(st) > 3 && st[3].text == "(":
		switch st[2].text {
		case "append", "extend", "insert":
			return name, st[4:], true
		}
	}
	return "", nil, false
}
