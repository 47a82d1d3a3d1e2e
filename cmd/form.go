package cmd

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/apiadvisor/apiadvisor/rules"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// dontKnow is the form value for "Don't know": the question stays unknown.
const dontKnow = ""

// askForm shows one group per unanswered question and adds the answers
// given. It is the only place the form is built, so the non-interactive
// path never pays for it.
func askForm(ctx context.Context, io *IOStreams, kb *rules.KB, qs []*rules.Question, answers rules.Answers, accessible bool) error {
	prepareRenderer(io)
	values := make([]string, len(qs))
	form, keymap := newForm(kb, qs, values)
	var err error
	if accessible {
		err = form.WithAccessible(true).WithInput(io.In).WithOutput(io.ErrOut).RunWithContext(ctx)
	} else {
		err = runForm(ctx, io, form, keymap)
	}
	if err != nil {
		return err
	}
	for i, q := range qs {
		if values[i] == dontKnow {
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

// newForm builds the form: one group per question, each answer landing in
// values at the question's index.
func newForm(kb *rules.KB, qs []*rules.Question, values []string) (*huh.Form, *huh.KeyMap) {
	groups := make([]*huh.Group, len(qs))
	// Each field gets the theme before anything measures it: huh measures
	// a select when its options are set and a group when it is built, and
	// a field without a theme builds a whole new default theme on every
	// render — 10 ms and 13 MB for this form. (huh gives NewGroup no way to
	// take a theme first, so each group still builds a few.)
	theme := formTheme()
	for i, q := range qs {
		groups[i] = huh.NewGroup(field(kb, q, &values[i], theme))
	}
	// formModel needs to know which keys move the form: it hands huh the
	// key map it reads them from.
	keymap := huh.NewDefaultKeyMap()
	return huh.NewForm(groups...).WithTheme(theme).WithKeyMap(keymap), keymap
}

// runForm runs the full-screen form as formModel (see there why not with
// huh's own Run) and reports how it ended.
func runForm(ctx context.Context, io *IOStreams, form *huh.Form, keymap *huh.KeyMap) error {
	// What huh's Run would set: Enter on the last question quits, Ctrl-C
	// interrupts.
	form.SubmitCmd, form.CancelCmd = tea.Quit, tea.Interrupt
	p := tea.NewProgram(newFormModel(form, keymap),
		tea.WithContext(ctx),
		tea.WithInput(io.In),
		tea.WithOutput(io.ErrOut),
		tea.WithReportFocus(),
		// Bubble Tea draws its first frame on the first render tick; a
		// faster tick shows the first question sooner.
		tea.WithFPS(120),
	)
	_, err := p.Run()
	switch {
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

func field(kb *rules.KB, q *rules.Question, value *string, theme *huh.Theme) huh.Field {
	desc := q.Help
	if ids := kb.RulesReading(q.Key); len(ids) > 0 {
		desc = strings.TrimSpace(desc) + "\nInfluences: " + strings.Join(ids, ", ")
	}
	if q.Type == rules.TypeInt {
		placeholder := "leave empty if you don't know"
		if !q.AllowUnknown {
			placeholder = q.Accepted()
		}
		in := huh.NewInput()
		in.WithTheme(theme)
		return in.Title(q.Prompt).Description(desc).Placeholder(placeholder).
			Validate(func(s string) error {
				if strings.TrimSpace(s) == "" && q.AllowUnknown {
					return nil
				}
				_, err := q.Parse(s)
				return err
			}).Value(value)
	}
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
	sel := huh.NewSelect[string]()
	sel.WithTheme(theme)
	return sel.Title(q.Prompt).Description(desc).Options(opts...).Value(value)
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
