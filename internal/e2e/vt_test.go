package e2e

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// vt is a small terminal emulator: enough of a VT100/xterm to follow what
// Bubble Tea's renderer draws (it redraws only the lines that changed, and
// moves the cursor over the rest), so tests can read the screen a person
// sees rather than the byte stream. Every rune is taken as one cell wide.
type vt struct {
	cols, rows    int
	cells         [][]rune
	row, col      int
	wrapPending   bool
	savedRow      int
	savedCol      int
	cursorVisible bool
	scrollback    []string
	pending       []byte // an incomplete sequence or rune from the last write

	// frame is the screen as it stood at the end of the last complete
	// Bubble Tea frame (each ends by moving the cursor back the full
	// width); frames counts them.
	frame  []string
	frames int
}

func newVT(cols, rows int) *vt {
	v := &vt{cols: cols, rows: rows, cursorVisible: true}
	v.cells = make([][]rune, rows)
	for i := range v.cells {
		v.cells[i] = v.blankRow()
	}
	return v
}

func (v *vt) blankRow() []rune {
	r := make([]rune, v.cols)
	for i := range r {
		r[i] = ' '
	}
	return r
}

// resize keeps the content, cutting or padding rows and lines, as xterm
// does without reflow.
func (v *vt) resize(cols, rows int) {
	cells := make([][]rune, rows)
	for i := range cells {
		cells[i] = make([]rune, cols)
		for j := range cells[i] {
			cells[i][j] = ' '
			if i < len(v.cells) && j < len(v.cells[i]) {
				cells[i][j] = v.cells[i][j]
			}
		}
	}
	v.cells, v.cols, v.rows = cells, cols, rows
	v.row, v.col = min(v.row, rows-1), min(v.col, cols-1)
	v.wrapPending = false
}

// lines returns the screen's rows, trailing blanks trimmed.
func (v *vt) lines() []string {
	out := make([]string, v.rows)
	for i, r := range v.cells {
		out[i] = strings.TrimRight(string(r), " ")
	}
	return out
}

func (v *vt) lineFeed() {
	if v.row < v.rows-1 {
		v.row++
		return
	}
	v.scrollback = append(v.scrollback, strings.TrimRight(string(v.cells[0]), " "))
	copy(v.cells, v.cells[1:])
	v.cells[v.rows-1] = v.blankRow()
}

func (v *vt) put(r rune) {
	if v.wrapPending {
		v.col = 0
		v.lineFeed()
		v.wrapPending = false
	}
	v.cells[v.row][v.col] = r
	if v.col == v.cols-1 {
		v.wrapPending = true
	} else {
		v.col++
	}
}

func (v *vt) erase(row, from, to int) {
	for c := max(from, 0); c < min(to, v.cols); c++ {
		v.cells[row][c] = ' '
	}
}

// Write interprets p; a sequence cut in the middle waits for the next write.
func (v *vt) Write(p []byte) {
	data := append(v.pending, p...)
	v.pending = nil
	i := 0
	for i < len(data) {
		b := data[i]
		switch {
		case b == 0x1b:
			n, ok := v.escape(data[i:])
			if !ok {
				v.pending = append([]byte(nil), data[i:]...)
				return
			}
			i += n
			continue
		case b == '\r':
			v.col, v.wrapPending = 0, false
		case b == '\n' || b == 0x0b || b == 0x0c:
			v.lineFeed()
			v.wrapPending = false
		case b == '\b':
			v.col, v.wrapPending = max(v.col-1, 0), false
		case b == '\t':
			v.col = min((v.col/8+1)*8, v.cols-1)
		case b < 0x20 || b == 0x7f:
			// bell and other controls: nothing to draw
		default:
			if !utf8.FullRune(data[i:]) {
				v.pending = append([]byte(nil), data[i:]...)
				return
			}
			r, n := utf8.DecodeRune(data[i:])
			v.put(r)
			i += n
			continue
		}
		i++
	}
}

// escape interprets the sequence at the start of s (s[0] is ESC) and
// returns its length, or false if s ends before the sequence does.
func (v *vt) escape(s []byte) (int, bool) {
	if len(s) < 2 {
		return 0, false
	}
	switch s[1] {
	case '[':
		for j := 2; j < len(s); j++ {
			if s[j] >= 0x40 && s[j] <= 0x7e {
				v.csi(string(s[2:j]), s[j])
				return j + 1, true
			}
		}
		return 0, len(s) > 256 // give up on garbage rather than stall
	case ']', 'P', '_', '^', 'X': // strings, ended by BEL or ST
		for j := 2; j < len(s); j++ {
			if s[j] == 0x07 {
				return j + 1, true
			}
			if s[j] == 0x1b && j+1 < len(s) && s[j+1] == '\\' {
				return j + 2, true
			}
		}
		return 0, false
	case '(', ')', '*', '+', '#', '%', ' ':
		if len(s) < 3 {
			return 0, false
		}
		return 3, true
	case '7':
		v.savedRow, v.savedCol = v.row, v.col
	case '8':
		v.row, v.col, v.wrapPending = v.savedRow, v.savedCol, false
	case 'D':
		v.lineFeed()
	case 'E':
		v.col = 0
		v.lineFeed()
	case 'M':
		if v.row > 0 {
			v.row--
		} else {
			copy(v.cells[1:], v.cells[:v.rows-1])
			v.cells[0] = v.blankRow()
		}
	case 'c':
		*v = *newVT(v.cols, v.rows)
	}
	return 2, true
}

func (v *vt) csi(params string, final byte) {
	private := ""
	if params != "" && strings.ContainsRune("?<>=", rune(params[0])) {
		private, params = params[:1], params[1:]
	}
	var ps []int
	for _, f := range strings.FieldsFunc(params, func(r rune) bool { return r == ';' || r == ':' }) {
		n, _ := strconv.Atoi(f)
		ps = append(ps, n)
	}
	arg := func(i, def int) int {
		if i < len(ps) && ps[i] > 0 {
			return ps[i]
		}
		return def
	}
	if private != "" {
		if private == "?" && (final == 'h' || final == 'l') && arg(0, 0) == 25 {
			v.cursorVisible = final == 'h'
		}
		return
	}
	if final != 'm' {
		v.wrapPending = false
	}
	switch final {
	case 'A':
		v.row = max(v.row-arg(0, 1), 0)
	case 'B', 'e':
		v.row = min(v.row+arg(0, 1), v.rows-1)
	case 'C', 'a':
		v.col = min(v.col+arg(0, 1), v.cols-1)
	case 'D':
		n := arg(0, 1)
		v.col = max(v.col-n, 0)
		if n >= v.cols { // Bubble Tea ends every frame this way
			v.frame = v.lines()
			v.frames++
		}
	case 'E':
		v.row, v.col = min(v.row+arg(0, 1), v.rows-1), 0
	case 'F':
		v.row, v.col = max(v.row-arg(0, 1), 0), 0
	case 'G', '`':
		v.col = min(arg(0, 1)-1, v.cols-1)
	case 'd':
		v.row = min(arg(0, 1)-1, v.rows-1)
	case 'H', 'f':
		v.row, v.col = min(arg(0, 1)-1, v.rows-1), min(arg(1, 1)-1, v.cols-1)
	case 'J':
		switch arg(0, 0) {
		case 0:
			v.erase(v.row, v.col, v.cols)
			for r := v.row + 1; r < v.rows; r++ {
				v.erase(r, 0, v.cols)
			}
		case 1:
			for r := 0; r < v.row; r++ {
				v.erase(r, 0, v.cols)
			}
			v.erase(v.row, 0, v.col+1)
		default:
			for r := range v.rows {
				v.erase(r, 0, v.cols)
			}
		}
	case 'K':
		switch arg(0, 0) {
		case 0:
			v.erase(v.row, v.col, v.cols)
		case 1:
			v.erase(v.row, 0, v.col+1)
		default:
			v.erase(v.row, 0, v.cols)
		}
	case 'X':
		v.erase(v.row, v.col, v.col+arg(0, 1))
	case 'P':
		n := min(arg(0, 1), v.cols-v.col)
		line := v.cells[v.row]
		copy(line[v.col:], line[v.col+n:])
		v.erase(v.row, v.cols-n, v.cols)
	case '@':
		n := min(arg(0, 1), v.cols-v.col)
		line := v.cells[v.row]
		copy(line[v.col+n:], line[v.col:])
		v.erase(v.row, v.col, v.col+n)
	case 'L', 'M':
		n := min(arg(0, 1), v.rows-v.row)
		rest := v.cells[v.row:]
		if final == 'L' {
			copy(rest[n:], rest)
			for i := range n {
				rest[i] = v.blankRow()
			}
		} else {
			copy(rest, rest[n:])
			for i := len(rest) - n; i < len(rest); i++ {
				rest[i] = v.blankRow()
			}
		}
	case 's':
		v.savedRow, v.savedCol = v.row, v.col
	case 'u':
		v.row, v.col = v.savedRow, v.savedCol
	}
}

// TestVT checks the emulator on the sequences Bubble Tea's renderer uses.
func TestVT(t *testing.T) {
	v := newVT(10, 3)
	// A first frame of two lines, then a redraw that skips the unchanged
	// first line, as Bubble Tea does; a rune split across writes.
	v.Write([]byte("\rhello\x1b[K\r\n\x1b[1mw\xe2\x94"))
	v.Write([]byte("\x83rld\x1b[0m\x1b[K\x1b[10D"))
	if got := strings.Join(v.lines(), "|"); got != "hello|w┃rld|" || v.frames != 1 {
		t.Fatalf("screen %q, %d frames", got, v.frames)
	}
	v.Write([]byte("\x1b[1A\n\x1b]11;?\x1b\\there\x1b[K\x1b[10D"))
	if got := strings.Join(v.frame, "|"); got != "hello|there|" {
		t.Fatalf("frame %q", got)
	}
	// Autowrap at the margin and scrolling at the bottom.
	v.Write([]byte("\r\n0123456789ab\r\nz"))
	if got := strings.Join(v.lines(), "|"); got != "0123456789|ab|z" || len(v.scrollback) != 2 {
		t.Fatalf("screen %q, scrollback %q", got, v.scrollback)
	}
	v.Write([]byte("\x1b[2J\x1b[2;3HX\x1b[?25l"))
	if got := strings.Join(v.lines(), "|"); got != "|  X|" || v.cursorVisible {
		t.Fatalf("screen %q, cursor visible %v", got, v.cursorVisible)
	}
}
