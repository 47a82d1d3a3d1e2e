package report

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// Record is a decision record as read from its file: what every ADR tool
// shows of one (number, title, status, date), and, in records apiadvisor
// wrote, what produced it. Records written by other tools are read as far
// as they can be.
type Record struct {
	File   string `json:"file"`
	Number int    `json:"number"`
	Title  string `json:"title"`
	// Status is the status's first word, lower-case: proposed, accepted,
	// superseded, … and empty when the record states none.
	Status string `json:"status"`
	// SupersededBy is the link target of a superseded record's status.
	SupersededBy string       `json:"superseded_by,omitempty"`
	Date         string       `json:"date,omitempty"`
	ReviewBy     string       `json:"review_by,omitempty"`
	Component    string       `json:"component,omitempty"`
	Format       RecordFormat `json:"format,omitempty"`
	// Apiadvisor is set on records apiadvisor wrote.
	Apiadvisor bool `json:"apiadvisor"`
	// Problem says what could not be read, when something could not.
	Problem string `json:"problem,omitempty"`
	// Meta is the front matter (or a Nygard record's record data).
	Meta *FrontMatter `json:"-"`
}

// StatusLabel is the status as a listing shows it: "superseded by 5"
// when the superseding record's number is known.
func (r Record) StatusLabel() string {
	if r.Status == "superseded" && r.SupersededBy != "" {
		if n, ok := RecordNumber(r.SupersededBy); ok {
			return fmt.Sprintf("superseded by %d", n)
		}
		return "superseded by " + r.SupersededBy
	}
	if r.Status == "" {
		return "-"
	}
	return r.Status
}

// InForce reports whether the decision still stands: it was not
// superseded, rejected or deprecated.
func (r Record) InForce() bool {
	return !slices.Contains([]string{"superseded", "rejected", "deprecated"}, r.Status)
}

// Link is how other records link to this one.
func (r Record) Link() RecordLink {
	return RecordLink{Number: r.Number, Title: r.Title, File: r.File}
}

var (
	numberedHead = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d+)\.\s+(.*)$`) })
	listField    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[*-]\s+([A-Za-z][A-Za-z -]*?)\s*:\s*(.*)$`) })
	linkLine     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(.+?)\s+\[.*\]\(([^)]*)\)\s*$`) })
	linkTarget   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\]\(([^)]*)\)`) })
	nygardDate   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^Date:\s*(\S+)`) })
)

// statusWords are the statuses a status line can hold on its own.
var statusWords = []string{"draft", "proposed", "accepted", "rejected", "deprecated", "superseded"}

// ParseRecord reads a record: front matter (MADR), the first "#" heading
// (less the "N. " adr-tools puts before the title), the status from the
// front matter, a "* Status:" line (log4brains) or a "## Status" section
// (adr-tools), and apiadvisor's record data. A status that says
// "superseded by" wherever it is wins: another tool may have marked only
// the place it reads.
func ParseRecord(file string, data []byte) Record {
	rec := Record{File: file}
	rec.Number, _ = RecordNumber(file)
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	body := lines
	if len(lines) > 0 && strings.TrimRight(lines[0], " ") == "---" {
		rec.Format = MADR
		end := frontMatterEnd(lines)
		if end < 0 {
			rec.Problem = "front matter: no closing ---"
			end = len(lines) - 1
		}
		front := lines[1 : end+1]
		body = lines[min(end+2, len(lines)):]
		rec.readMeta(strings.Join(front, "\n"), "front matter")
	}

	var heading, listStatus, listDate, date string
	var section []string
	inStatus, beforeH2, inFence := false, true, false
	for i, l := range body {
		if strings.HasPrefix(l, "```") || strings.HasPrefix(l, "~~~") {
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		switch {
		case strings.HasPrefix(l, "# ") && heading == "":
			heading = strings.TrimSpace(l[2:])
			if i == 0 && rec.Format == "" {
				rec.Format = Nygard // refined below: adr-tools' records have "## Status"
			}
			continue
		case strings.HasPrefix(l, "#"):
			inStatus = strings.TrimSpace(l) == "## Status"
			if strings.HasPrefix(l, "## ") {
				beforeH2 = false
			}
			if strings.TrimSpace(l) == recordDataHeading && rec.Meta == nil {
				rec.readMeta(fencedYAML(body[i+1:]), "record data")
			}
			continue
		}
		if inStatus {
			section = append(section, strings.TrimSpace(l))
		}
		if !beforeH2 {
			continue
		}
		if m := listField().FindStringSubmatch(l); m != nil {
			switch strings.ToLower(m[1]) {
			case "status":
				listStatus = m[2]
			case "date":
				listDate = m[2]
			}
		}
		if m := nygardDate().FindStringSubmatch(l); m != nil && date == "" {
			date = m[1]
		}
	}
	if rec.Format == Nygard && section == nil {
		rec.Format = ""
	}

	if m := numberedHead().FindStringSubmatch(heading); m != nil {
		heading = m[2]
		if rec.Number == 0 {
			rec.Number, _ = strconv.Atoi(m[1])
		}
	}
	rec.Title = heading

	var fmStatus, fmDate string
	if rec.Meta != nil {
		fmStatus, fmDate = rec.Meta.Status, rec.Meta.Date
		rec.ReviewBy = rec.Meta.ReviewBy
		if p := rec.Meta.Apiadvisor; p != nil {
			rec.Component = p.Component
		}
	}
	rec.setStatus(fmStatus, listStatus, sectionStatus(section))
	rec.Date = firstOf(fmDate, listDate, date)
	return rec
}

// readMeta decodes front matter or record data. A record whose data
// cannot be read is still listed; Problem says why it cannot be re-run.
func (rec *Record) readMeta(text, what string) {
	var fm FrontMatter
	if err := yaml.Unmarshal([]byte(text), &fm); err != nil {
		if rec.Problem == "" {
			rec.Problem = fmt.Sprintf("%s: %s", what, strings.TrimPrefix(err.Error(), "yaml: "))
		}
		// What a listing needs can still be read line by line.
		fm = FrontMatter{}
		for _, l := range strings.Split(text, "\n") {
			key, value, _ := strings.Cut(l, ":")
			switch key {
			case "apiadvisor":
				rec.Apiadvisor = true
			case "status":
				fm.Status = strings.Trim(strings.TrimSpace(value), `"'`)
			case "date":
				fm.Date = strings.Trim(strings.TrimSpace(value), `"'`)
			}
		}
		rec.Meta = &fm
		return
	}
	rec.Meta = &fm
	rec.Apiadvisor = fm.Apiadvisor != nil
}

// fencedYAML is the content of the first fenced code block in lines.
func fencedYAML(lines []string) string {
	start := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "```") })
	if start < 0 {
		return ""
	}
	end := slices.IndexFunc(lines[start+1:], func(l string) bool { return strings.HasPrefix(l, "```") })
	if end < 0 {
		end = len(lines) - start - 1
	}
	return strings.Join(lines[start+1:start+1+end], "\n")
}

// sectionStatus is what a "## Status" section says: "superseded by …"
// when one of its link lines says so, else its first line that is not a
// link.
func sectionStatus(section []string) string {
	first := ""
	for _, l := range section {
		if l == "" || strings.HasPrefix(l, "<!--") {
			continue
		}
		if m := linkLine().FindStringSubmatch(l); m != nil {
			if strings.EqualFold(m[1], "superseded by") {
				return l
			}
			continue
		}
		if first == "" {
			first = l
		}
	}
	return first
}

// setStatus takes the first status stated, unless one of them says the
// record was superseded.
func (rec *Record) setStatus(candidates ...string) {
	for _, s := range candidates {
		if strings.HasPrefix(strings.ToLower(strings.TrimSpace(s)), "superseded") {
			rec.Status = "superseded"
			if m := linkTarget().FindStringSubmatch(s); m != nil {
				rec.SupersededBy = m[1]
			} else if _, rest, ok := strings.Cut(strings.ToLower(s), "superseded by"); ok {
				rec.SupersededBy = strings.TrimSpace(rest)
			}
			return
		}
	}
	if s := firstOf(candidates...); s != "" {
		word, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(s)), " ")
		rec.Status = strings.Trim(word, ".,;:\"'")
	}
}

func firstOf(s ...string) string {
	for _, x := range s {
		if x = strings.TrimSpace(x); x != "" {
			return x
		}
	}
	return ""
}

// MarkSuperseded returns the record's text with its status changed to
// "superseded by" the given record, everywhere a tool reads it: the
// front matter's status and the "* Status:" line log4brains reads in a
// MADR record (linked by file name, as log4brains links), the "## Status"
// section in a Nygard record (linked by "N. Title", as adr-tools links).
// Everything else is left as it was.
func MarkSuperseded(data []byte, rec Record, by RecordLink) ([]byte, error) {
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	var err error
	switch rec.Format {
	case MADR:
		lines, err = markMADR(lines, by)
	case Nygard:
		lines = markNygard(lines, by)
	default:
		return nil, fmt.Errorf("%s: not a record apiadvisor can mark superseded", rec.File)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rec.File, err)
	}
	eol := "\n"
	if strings.Contains(string(data), "\r\n") {
		eol = "\r\n" // a record kept with Windows line ends keeps them
	}
	return []byte(strings.Join(lines, eol)), nil
}

// frontMatterEnd is the index, in lines[1:], of the line closing the front
// matter that lines[0] opens ("---", or YAML's "..."); -1 when none does.
func frontMatterEnd(lines []string) int {
	return slices.IndexFunc(lines[1:], func(l string) bool { l = strings.TrimRight(l, " "); return l == "---" || l == "..." })
}

func markMADR(lines []string, by RecordLink) ([]string, error) {
	scalar, err := yaml.Marshal("superseded by " + by.markdown())
	if err != nil {
		return nil, err
	}
	fmLine := "status: " + strings.TrimSpace(string(scalar))
	end := frontMatterEnd(lines)
	if end < 0 {
		return nil, fmt.Errorf("front matter: no closing ---")
	}
	end++ // index in lines
	if i := slices.IndexFunc(lines[1:end], func(l string) bool { return strings.HasPrefix(l, "status:") }); i >= 0 {
		lines[i+1] = fmLine
	} else {
		lines = slices.Insert(lines, 1, fmLine)
		end++
	}

	listLine := "Status: superseded by " + by.slugLink()
	title := -1
	for i := end + 1; i < len(lines); i++ {
		l := lines[i]
		if strings.HasPrefix(l, "## ") {
			break
		}
		if strings.HasPrefix(l, "# ") && title < 0 {
			title = i
		}
		if m := listField().FindStringSubmatch(l); m != nil && strings.EqualFold(m[1], "status") {
			lines[i] = l[:1] + " " + listLine
			return lines, nil
		}
	}
	if title < 0 {
		return nil, fmt.Errorf("no title to put the status under")
	}
	return slices.Insert(lines, title+1, "", "* "+listLine), nil
}

// markNygard replaces the status word in the "## Status" section, or
// adds the link at the section's end as adr-tools does when it has none.
func markNygard(lines []string, by RecordLink) []string {
	link := "Superseded by " + by.markdown()
	start := slices.Index(lines, "## Status")
	if start < 0 {
		return append(lines, "", "## Status", "", link, "")
	}
	end := len(lines)
	for i := start + 1; i < len(lines); i++ {
		if strings.HasPrefix(lines[i], "#") {
			end = i
			break
		}
		if slices.Contains(statusWords, strings.ToLower(strings.TrimSpace(lines[i]))) {
			lines[i] = link
			return lines
		}
	}
	for end > start+1 && strings.TrimSpace(lines[end-1]) == "" {
		end--
	}
	return slices.Insert(lines, end, "", link)
}
