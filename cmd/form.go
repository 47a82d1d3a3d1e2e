package cmd

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/apiadvisor/apiadvisor/internal/term"
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
	renderer, bg := prepareRenderer(io, !accessible)
	// The terminal answers the background query while the form is built;
	// whatever happens in between, reading the answer restores it.
	defer bg.Dark()
	values := make([]string, len(qs))
	groups := make([]*huh.Group, len(qs))
	// Each field gets the theme before anything measures it: huh measures
	// a select when its options are set and a group when it is built, and
	// a field without a theme builds a whole new default theme on every
	// render — 10 ms and 13 MB for this form. (huh gives NewGroup no way to
	// take a theme first, so each group still builds a few.)
	theme := huh.ThemeCharm()
	for i, q := range qs {
		groups[i] = huh.NewGroup(field(kb, q, &values[i], theme))
	}
	renderer.SetHasDarkBackground(bg.Dark())
	form := huh.NewForm(groups...).
		WithTheme(theme).
		WithAccessible(accessible).
		WithProgramOptions(
			tea.WithInput(io.In),
			tea.WithOutput(io.ErrOut),
			tea.WithReportFocus(),
			// Bubble Tea draws its first frame on the first render tick; a
			// faster tick shows the first question sooner.
			tea.WithFPS(120),
		)
	if accessible {
		form = form.WithInput(io.In).WithOutput(io.ErrOut)
	}
	if err := form.RunWithContext(ctx); err != nil {
		if errors.Is(err, huh.ErrUserAborted) || ctx.Err() != nil {
			return errInterrupted
		}
		return fmt.Errorf("form: %w", err)
	}
	// Bubble Tea ends quietly on SIGTERM: the form returns no error but was
	// never submitted, and its unanswered questions must not pass for
	// "Don't know". (Accessible mode never sets the state; it runs to the
	// end or the process dies.)
	if !accessible && form.State != huh.StateCompleted {
		return errInterrupted
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

// prepareRenderer points lipgloss at stderr, where the form draws, and
// starts the one short light-or-dark query — so neither the theme's
// adaptive colours nor a stdout redirect can trigger termenv's own
// five-second query. Accessible mode prints plain lines, so it skips the
// query; a nil query answers dark.
func prepareRenderer(io *IOStreams, query bool) (*lipgloss.Renderer, *term.BackgroundQuery) {
	r := lipgloss.NewRenderer(io.ErrOut)
	r.SetHasDarkBackground(true)
	var bg *term.BackgroundQuery
	if f := io.StderrFile(); f != nil && io.ColorErr() && query {
		bg = term.StartBackgroundQuery(f)
	}
	if !io.ColorErr() {
		r.SetColorProfile(termenv.Ascii)
	}
	lipgloss.SetDefaultRenderer(r)
	return r, bg
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
