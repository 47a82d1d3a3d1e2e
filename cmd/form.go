package cmd

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	goio "io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/apiadvisor/apiadvisor/report"
	"github.com/apiadvisor/apiadvisor/rules"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// dontKnow is the form value for "Don't know": the question stays unknown.
const dontKnow = ""

// minFormCols is the narrowest terminal the full-screen form is shown on.
// Narrower, words no longer fit a line (and below 5 columns huh's text
// input panics: its width goes negative). The form also needs the rows to
// show a whole question — its title, help, every answer and the key help:
// 13 rows at 80 columns for the built-in questions, more when narrower —
// for huh hides a question's answers rather than its help when rows run
// short. On a smaller terminal, or one whose size is unknown (script(1)
// and docker exec -t report 0×0 until a size is set), askForm asks line by
// line, as --accessible does. A terminal that shrinks mid-form gets the
// form clipped instead (see formModel.layout).
const minFormCols = 20

// askForm shows one group per question in qs and sets the answers given.
// A question already answered (inferred from the project) starts on that
// answer, with inferred[key] — what showed it — in its help, so Enter
// confirms it; "Don't know" removes it. It is the only place the form is
// built, so the non-interactive path never pays for it.
func askForm(ctx context.Context, io *IOStreams, kb *rules.KB, qs []*rules.Question, answers rules.Answers, inferred map[string]string, accessible bool) error {
	prepareRenderer(io)
	values := make([]string, len(qs))
	for i, q := range qs {
		if v, ok := answers[q.Key]; ok {
			values[i] = rules.Format(v)
		}
	}
	m := newForm(kb, qs, values, inferred)
	if !accessible {
		cols, rows := io.ErrSize()
		if !m.fits(cols, rows) {
			accessible = true
			fmt.Fprintln(io.ErrOut, "The terminal is too small for the form: asking one question at a time, line by line.")
		}
	}
	var err error
	if accessible {
		err = runLines(ctx, io, m.built())
	} else {
		err = runForm(ctx, io, m)
	}
	if err != nil {
		return err
	}
	for i, q := range qs {
		if values[i] == dontKnow {
			delete(answers, q.Key)
			continue
		}
		v, err := q.Parse(values[i])
		if err != nil {
			return usageErrorf("invalid answer %q to %q: %w", values[i], q.Key, err)
		}
		answers[q.Key] = v
	}
	return nil
}

// newForm prepares the form: one group per question, each answer landing
// in values at the question's index. The groups are built by the model's
// Init, not here (see formModel.built).
func newForm(kb *rules.KB, qs []*rules.Question, values []string, inferred map[string]string) *formModel {
	texts := make([]fieldText, len(qs))
	for i, q := range qs {
		texts[i] = questionText(kb, q, inferred[q.Key])
	}
	theme := formTheme()
	// formModel needs to know which keys move the form: it hands huh the
	// key map it reads them from.
	keymap := huh.NewDefaultKeyMap()
	build := func() *huh.Form {
		testPanic("build")
		groups := make([]*huh.Group, len(qs))
		// Each field gets the theme before anything measures it: huh
		// measures a select when its options are set and a group when it
		// is built, and a field without a theme builds a whole new default
		// theme on every render — 10 ms and 13 MB for this form. (huh gives
		// NewGroup no way to take a theme first, so each group still
		// builds a few.)
		for i, q := range qs {
			groups[i] = huh.NewGroup(field(q, &texts[i], &values[i], theme))
		}
		form := huh.NewForm(groups...).WithTheme(theme).WithKeyMap(keymap)
		// What huh's Run would set: Enter on the last question quits,
		// Ctrl-C interrupts.
		form.SubmitCmd, form.CancelCmd = tea.Quit, tea.Interrupt
		return form
	}
	frame := max(theme.Focused.Base.GetHorizontalFrameSize(), theme.Blurred.Base.GetHorizontalFrameSize())
	return newFormModel(build, keymap, texts, frame, lipgloss.Width(theme.Focused.SelectSelector.String()))
}

// runForm runs the full-screen form as formModel (see there why not with
// huh's own Run) and reports how it ended.
func runForm(ctx context.Context, io *IOStreams, m *formModel) error {
	// Bubble Tea puts the terminal in raw mode and hides the cursor. If the
	// run panics, recoverCrash gives the terminal back: Bubble Tea's own
	// recovery, turned off below, would print the panic on stdout, and it
	// misses panics in the goroutines that run some of its commands. (Not
	// deferred: the hook must outlive this function when a panic leaves it.)
	done := func() {}
	if restore := savedTerminal(io.In); restore != nil {
		done = onCrash(func() {
			restore()
			// Clear the line the form ends on; show the cursor; stop
			// bracketed paste and focus reports.
			fmt.Fprint(io.ErrOut, "\r\x1b[K\x1b[?25h\x1b[?2004l\x1b[?1004l")
		})
	}
	p := tea.NewProgram(m,
		tea.WithoutCatchPanics(),
		tea.WithContext(ctx),
		tea.WithInput(io.In),
		tea.WithOutput(io.ErrOut),
		tea.WithReportFocus(),
		// Bubble Tea draws its first frame on the first render tick; a
		// faster tick shows the first question sooner.
		tea.WithFPS(120),
	)
	// Bubble Tea ends the form on SIGINT and SIGTERM, but a hang-up (the
	// terminal window closed, kill -HUP) would kill the process where it
	// stands, the terminal left raw: end the form as interrupted instead,
	// as Ctrl-C does (exit 130). Listened to only while the form runs.
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	ended := make(chan struct{})
	go func() {
		select {
		case <-hup:
			p.Send(tea.InterruptMsg{})
		case <-ended:
		}
	}()
	_, err := p.Run()
	signal.Stop(hup)
	close(ended)
	done()
	form := m.form // built by Init, unless the terminal could not be set up
	switch {
	case form == nil:
		return fmt.Errorf("form: %w", cmp.Or(err, errors.New("the terminal could not be set up")))
	case errors.Is(err, tea.ErrInterrupted), form.State == huh.StateAborted, ctx.Err() != nil:
		return errInterrupted
	case err != nil:
		return fmt.Errorf("form: %w", err)
	case form.State != huh.StateCompleted:
		// Bubble Tea ends quietly on SIGTERM: the form was never submitted,
		// and its unanswered questions must not pass for "Don't know".
		return errInterrupted
	}
	return nil
}

// runLines asks the questions line by line: huh's accessible mode, read
// one byte at a time. Each of huh's prompts reads through a bufio.Scanner
// of its own, which would keep for itself any lines typed ahead beyond
// its own (on a terminal a read returns at most one line, but nothing
// else guarantees it). At the end of the input huh answers every question
// left with its default; those were not answered, so the run ends as
// interrupted rather than with "Don't know" for them.
func runLines(ctx context.Context, io *IOStreams, form *huh.Form) error {
	in := &byteReader{r: io.In}
	if err := form.WithAccessible(true).WithInput(in).WithOutput(io.ErrOut).RunWithContext(ctx); err != nil {
		return fmt.Errorf("form: %w", err)
	}
	if in.eof {
		return errInterrupted
	}
	return nil
}

// byteReader reads r one byte at a time and remembers whether it ended.
type byteReader struct {
	r   goio.Reader
	eof bool
}

// Read reads one byte. Once the input has ended it stays ended: a
// terminal reports Ctrl-D as the end once, then reads on.
func (b *byteReader) Read(p []byte) (int, error) {
	if b.eof {
		return 0, goio.EOF
	}
	if len(p) > 1 {
		p = p[:1]
	}
	n, err := b.r.Read(p)
	if err == goio.EOF {
		b.eof = true
	}
	return n, err
}

// prepareRenderer points lipgloss at stderr, where the form draws, with
// no colour when stderr should have none. The background is settled as
// dark without asking: formTheme needs no answer, and termenv's own query
// would wait up to five seconds on a terminal that never replies.
func prepareRenderer(io *IOStreams) {
	r := lipgloss.NewRenderer(io.ErrOut)
	r.SetHasDarkBackground(true)
	if !io.ColorErr() {
		r.SetColorProfile(termenv.Ascii)
	}
	lipgloss.SetDefaultRenderer(r)
}

// formTheme is huh's Charm layout in the terminal's own sixteen colours,
// with text in its default foreground and help in faint type. Colours
// from the user's palette suit a light and a dark background alike, so
// the form never asks the terminal which it has: that question costs a
// round trip before the first prompt (over SSH, a network one), and on a
// terminal that never answers, a whole timeout.
func formTheme() *huh.Theme {
	t := huh.ThemeBase()
	var (
		accent = lipgloss.Color("5") // magenta
		active = lipgloss.Color("6") // cyan
		good   = lipgloss.Color("2") // green
		bad    = lipgloss.Color("1") // red
		faint  = lipgloss.NewStyle().Faint(true)
	)
	f := &t.Focused
	f.Base = f.Base.BorderForeground(lipgloss.Color("8"))
	f.Card = f.Base
	f.Title = f.Title.Foreground(accent).Bold(true)
	f.NoteTitle = f.NoteTitle.Foreground(accent).Bold(true).MarginBottom(1)
	f.Directory = f.Directory.Foreground(accent)
	f.Description = f.Description.Faint(true)
	f.ErrorIndicator = f.ErrorIndicator.Foreground(bad)
	f.ErrorMessage = f.ErrorMessage.Foreground(bad)
	f.SelectSelector = f.SelectSelector.Foreground(active)
	f.NextIndicator = f.NextIndicator.Foreground(active)
	f.PrevIndicator = f.PrevIndicator.Foreground(active)
	f.MultiSelectSelector = f.MultiSelectSelector.Foreground(active)
	f.SelectedOption = f.SelectedOption.Foreground(good)
	f.SelectedPrefix = lipgloss.NewStyle().Foreground(good).SetString("✓ ")
	f.UnselectedPrefix = faint.SetString("• ")
	f.FocusedButton = f.FocusedButton.Foreground(lipgloss.Color("0")).Background(accent)
	f.Next = f.FocusedButton
	f.TextInput.Cursor = f.TextInput.Cursor.Foreground(active)
	f.TextInput.Placeholder = faint
	f.TextInput.Prompt = f.TextInput.Prompt.Foreground(active)

	t.Blurred = t.Focused
	t.Blurred.Base = t.Focused.Base.BorderStyle(lipgloss.HiddenBorder())
	t.Blurred.Card = t.Blurred.Base
	t.Blurred.NextIndicator = lipgloss.NewStyle()
	t.Blurred.PrevIndicator = lipgloss.NewStyle()

	t.Group.Title = t.Focused.Title
	t.Group.Description = t.Focused.Description
	t.Help.Ellipsis = faint
	t.Help.ShortKey, t.Help.ShortDesc, t.Help.ShortSeparator = faint, faint, faint
	t.Help.FullKey, t.Help.FullDesc, t.Help.FullSeparator = faint, faint, faint
	return t
}

// questionText is what the form says for q: its prompt, its help (with
// what showed an inferred answer, and the considerations it weighs in on)
// and its options' labels.
func questionText(kb *rules.KB, q *rules.Question, inferred string) fieldText {
	desc := q.Help
	if inferred != "" {
		desc = "Inferred from " + report.Clean(inferred) + ". Enter keeps it.\n" + desc
	}
	if topics := kb.Considerations(q.Key); len(topics) > 0 {
		desc = strings.TrimSpace(desc) + "\nWeighs in on: " + strings.Join(topics, "; ") + "."
	}
	t := fieldText{title: q.Prompt, desc: desc}
	if q.Type != rules.TypeInt {
		for _, o := range questionOptions(q) {
			t.options = append(t.options, o.Key)
		}
	}
	return t
}

// questionOptions are a select's options: "Don't know" when allowed, then
// yes and no or the question's choices.
func questionOptions(q *rules.Question) []huh.Option[string] {
	opts := unknownOption(q)
	if q.Type == rules.TypeBool {
		opts = append(opts, huh.NewOption("Yes", "true"), huh.NewOption("No", "false"))
	}
	for _, c := range q.Choices {
		label := c.Label
		if label == "" {
			label = c.Value
		}
		opts = append(opts, huh.NewOption(label, c.Value))
	}
	return opts
}

// field builds q's field from its text, writing the answer to value, and
// gives the text the way to lay the field out for a width.
func field(q *rules.Question, text *fieldText, value *string, theme *huh.Theme) huh.Field {
	if q.Type == rules.TypeInt {
		placeholder := "leave empty if you don't know"
		if !q.AllowUnknown {
			placeholder = q.Accepted()
		}
		in := huh.NewInput()
		in.WithTheme(theme)
		text.set = func(title, desc string, _ int) { in.Title(title).Description(desc) }
		return in.Title(text.title).Description(text.desc).Placeholder(placeholder).
			Validate(func(s string) error {
				if strings.TrimSpace(s) == "" && q.AllowUnknown {
					return nil
				}
				_, err := q.Parse(s)
				return err
			}).Value(value)
	}
	sel := huh.NewSelect[string]()
	sel.WithTheme(theme)
	text.set = func(title, desc string, width int) {
		// A Select sizes the list of its options only when it handles a
		// message, and huh sends a new size only to the question on screen:
		// the others kept the list's height from the last width, and where
		// options wrap onto more lines than before, huh measured the form
		// too short and cut the last options off. Height(0) measures the
		// list again at the new width, before huh measures the form.
		sel.Title(title).Description(desc).WithWidth(width)
		sel.Height(0)
	}
	return sel.Title(text.title).Description(text.desc).Options(questionOptions(q)...).Value(value)
}

// fieldText is a field's title, help and option labels (nil for an input)
// as written, and how to lay the field out for a width with them wrapped
// (set once the field is built).
type fieldText struct {
	title, desc string
	options     []string
	set         func(title, desc string, width int)
}

// wrapWords wraps s to lines of at most limit cells, breaking only at
// spaces and keeping its line breaks. huh wraps titles and help itself but
// also breaks after a hyphen ("batteries-" / "included", and every rule id
// in "Influences:"), and ansi.Wordwrap, which huh's wrapping is built on,
// always breaks at hyphens too. Text wrapped here reaches huh with no line
// too long, so huh breaks nothing more — except a single word longer than
// a line, which has to break somewhere, and breaking it at a hyphen is
// then the best huh can do. (Non-breaking hyphens, U+2011, would also stop
// the breaks, but some terminal fonts lack the glyph, and copied text would
// carry it.)
func wrapWords(s string, limit int) string {
	if limit < 1 {
		return s
	}
	var b strings.Builder
	for i, para := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		width := 0
		for j, word := range strings.Fields(para) {
			w := lipgloss.Width(word)
			switch {
			case j == 0:
			case width+1+w > limit:
				b.WriteByte('\n')
				width = 0
			default:
				b.WriteByte(' ')
				width++
			}
			b.WriteString(word)
			width += w
		}
	}
	return b.String()
}

// unknownOption puts "Don't know" first: it is the neutral default the
// cursor starts on, and huh scrolls a Select whose preselected option is
// last so that the options above it are hidden until the user moves.
func unknownOption(q *rules.Question) []huh.Option[string] {
	if !q.AllowUnknown {
		return nil
	}
	return []huh.Option[string]{huh.NewOption("Don't know", dontKnow)}
}
