package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

// styles are built per rendering, only when text is written: fixed ANSI
// colours (no AdaptiveColor, which would query the terminal) and the
// Ascii profile whenever colour is off, so pipes get plain text.
type styles struct {
	plain, title, heading, accent, faint, warn, bad, ok lipgloss.Style
}

// Renderer styles text for a stream that is coloured (in the 256-colour
// palette) or not (plain text). It is told a dark background rather than
// asked: asking is a terminal query, and the colours used suit both.
func Renderer(color bool) *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetHasDarkBackground(true)
	if color {
		r.SetColorProfile(termenv.ANSI256)
	} else {
		r.SetColorProfile(termenv.Ascii)
	}
	return r
}

// newStyles returns styles for a stream that is coloured or not.
func newStyles(color bool) *styles {
	s := Renderer(color).NewStyle()
	return &styles{
		plain:   s,
		title:   s.Bold(true).Foreground(lipgloss.Color("13")),
		heading: s.Bold(true),
		accent:  s.Foreground(lipgloss.Color("6")),
		faint:   s.Foreground(lipgloss.Color("8")),
		warn:    s.Foreground(lipgloss.Color("3")),
		bad:     s.Foreground(lipgloss.Color("1")),
		ok:      s.Foreground(lipgloss.Color("2")),
	}
}

// textWriter lays text out for a terminal of a given width: every line it
// writes fits, styled or not.
type textWriter struct {
	strings.Builder
	o  Options
	st *styles
}

func newTextWriter(o Options) *textWriter {
	return &textWriter{o: o, st: newStyles(o.Color)}
}

// width is the usable width, never below minWidth.
func (w *textWriter) width() int { return max(w.o.Width, minWidth) }

// line writes one line as it is; it must already fit.
func (w *textWriter) line(s string) {
	w.WriteString(s)
	w.WriteByte('\n')
}

// blank writes an empty line.
func (w *textWriter) blank() { w.WriteByte('\n') }

// section starts a titled section after a blank line.
func (w *textWriter) section(title string) {
	w.blank()
	w.line(w.st.heading.Render(Clean(title)))
}

// para writes text wrapped to the width, each line starting with indent,
// every line in style.
func (w *textWriter) para(indent string, style lipgloss.Style, text string) {
	w.item(indent, indent, style, text)
}

// item writes text wrapped to the width: the first line starts with
// first (a bullet, say), the others with rest; the text is wrapped to fit
// after the wider of the two.
func (w *textWriter) item(first, rest string, style lipgloss.Style, text string) {
	for i, l := range wrapText(Clean(text), w.width()-prefixWidth(first, rest)) {
		prefix := rest
		if i == 0 {
			prefix = first
		}
		w.line(prefix + style.Render(l))
	}
}

func prefixWidth(first, rest string) int {
	return max(ansi.StringWidth(first), ansi.StringWidth(rest))
}

// itemBrief is item cut to at most lines lines, the last ending in "…"
// when the text goes on: brief output shows the gist, --explain the rest.
// It cuts between words, keeping a column for the ellipsis.
func (w *textWriter) itemBrief(first, rest string, style lipgloss.Style, text string, lines int) {
	all := wrapText(Clean(text), w.width()-prefixWidth(first, rest)-1)
	if len(all) > lines {
		all = all[:lines]
		all[lines-1] = strings.TrimRight(all[lines-1], " ,;:—") + "…"
	}
	for i, l := range all {
		prefix := rest
		if i == 0 {
			prefix = first
		}
		w.line(prefix + style.Render(l))
	}
}

// labelled writes "label text", the label styled, the text wrapped under
// it at indent.
func (w *textWriter) labelled(first, rest string, label string, labelStyle lipgloss.Style, text string) {
	label = Clean(label)
	lines := wrapText(label+" "+Clean(text), w.width()-ansi.StringWidth(rest))
	for i, l := range lines {
		if i == 0 {
			l = labelStyle.Render(label) + strings.TrimPrefix(l, label)
			w.line(first + l)
			continue
		}
		w.line(rest + l)
	}
}

// nbHyphen stands in for "-" while text is wrapped: x/ansi treats every
// hyphen as a place to break, which would split identifiers such as
// "lightweight-async" or "io-bound-high-concurrency" over two lines.
const nbHyphen = "\u2011"

// wrapText folds text into lines at most width columns wide (wide
// characters and escape codes counted as a terminal shows them), breaking
// at spaces, and inside a word only when the word alone is wider than the
// line. Runs of whitespace become one space; a newline stays a break.
func wrapText(text string, width int) []string {
	width = max(width, minWidth/2)
	var out []string
	for _, para := range strings.Split(text, "\n") {
		para = strings.Join(strings.Fields(para), " ")
		if para == "" {
			out = append(out, "")
			continue
		}
		wrapped := ansi.Wrap(strings.ReplaceAll(para, "-", nbHyphen), width, "")
		for _, l := range strings.Split(wrapped, "\n") {
			out = append(out, strings.TrimRight(strings.ReplaceAll(l, nbHyphen, "-"), " "))
		}
	}
	return out
}

// Fit wraps every line of text wider than width, continuing it at the
// line's own indentation, or under its second column; lines that fit are
// left exactly as they are.
// It is the last pass over help text, whose layout is hand-made for 80
// columns and must still fit a narrower terminal.
func Fit(text string, width int) string {
	width = max(width, minWidth)
	lines := strings.Split(text, "\n")
	var out []string
	for _, l := range lines {
		if ansi.StringWidth(l) <= width {
			out = append(out, l)
			continue
		}
		body := strings.TrimLeft(l, " ")
		indent := l[:len(l)-len(body)]
		// A "name   text" line — a command or a variable and what it
		// does — continues under its text, keeping the columns.
		if gap := strings.Index(body, "  "); gap > 0 && !strings.Contains(body[:gap], " ") {
			text := strings.TrimLeft(body[gap:], " ")
			if head := l[:len(l)-len(text)]; len(head) <= width/2 {
				for i, wl := range wrapText(text, width-len(head)) {
					if i > 0 {
						head = strings.Repeat(" ", len(head))
					}
					out = append(out, head+wl)
				}
				continue
			}
		}
		if len(indent) > width/2 {
			indent = indent[:width/2]
		}
		for _, wl := range wrapText(body, width-len(indent)) {
			out = append(out, indent+wl)
		}
	}
	return strings.Join(out, "\n")
}

// table writes aligned columns when they fit the width, and otherwise one
// block per row: the first cell as a heading, the others indented under
// it, each wrapped. A table is never wider than the terminal.
func (w *textWriter) table(header []string, rows [][]string) {
	widths := columnWidths(header, rows)
	total := 0
	for _, wd := range widths {
		total += wd + 2
	}
	if total-2 <= w.width() {
		w.tableRow(widths, header, true)
		for _, r := range rows {
			w.tableRow(widths, r, false)
		}
		return
	}
	for i, r := range rows {
		if i > 0 {
			w.blank()
		}
		w.line(w.st.heading.Render(Clean(r[0])))
		for _, c := range r[1:] {
			if c != "" {
				w.para("  ", w.st.plain, c)
			}
		}
	}
}

// columnWidths is each column's widest cell, header included.
func columnWidths(header []string, rows [][]string) []int {
	widths := make([]int, len(header))
	for i, h := range header {
		widths[i] = ansi.StringWidth(h)
	}
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], ansi.StringWidth(Clean(c)))
		}
	}
	return widths
}

// wrappedTable is table with one column that may wrap: when the rows do
// not fit, that column narrows (to no less than half a small terminal)
// and its cells continue on lines of their own, the other cells blank.
// Narrower still, it falls back to table's blocks.
func (w *textWriter) wrappedTable(header []string, rows [][]string, wrap int) {
	widths := columnWidths(header, rows)
	others := 0
	for i, wd := range widths {
		if i != wrap {
			others += wd + 2
		}
	}
	room := w.width() - others
	if room >= widths[wrap] || room < minWidth {
		w.table(header, rows)
		return
	}
	widths[wrap] = room
	w.tableRow(widths, header, true)
	for _, r := range rows {
		lines := wrapText(Clean(r[wrap]), room)
		for j, l := range lines {
			cells := make([]string, len(r))
			if j == 0 {
				copy(cells, r)
			}
			cells[wrap] = l
			w.tableRow(widths, cells, false)
		}
	}
}

func (w *textWriter) tableRow(widths []int, cells []string, header bool) {
	var b strings.Builder
	for i, c := range cells {
		c = Clean(c)
		if header {
			c = strings.ToUpper(c)
		}
		b.WriteString(c)
		if i < len(cells)-1 {
			b.WriteString(strings.Repeat(" ", widths[i]-ansi.StringWidth(c)+2))
		}
	}
	w.line(strings.TrimRight(b.String(), " "))
}

// plural writes a count and a noun, "1 error" or "2 errors".
func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// Plural is plural for the command line's own messages.
func Plural(n int, noun string) string { return plural(n, noun) }
