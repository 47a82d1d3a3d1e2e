package cmd

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apiadvisor/apiadvisor/rules"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// runQueued imitates Bubble Tea's event loop at its worst for typing
// ahead: every key is already queued when the first is handled, and what
// a command returns queues behind them. It stops at Quit or Interrupt.
func runQueued(t *testing.T, model tea.Model, keys []tea.Msg) {
	t.Helper()
	model.Init() // for its effect: the first question gets the focus
	queue := make(chan tea.Msg, 4096)
	for _, k := range keys {
		queue <- k
	}
	deadline := time.After(20 * time.Second)
	for {
		select {
		case msg := <-queue:
			switch msg.(type) {
			case tea.QuitMsg, tea.InterruptMsg:
				return
			}
			_, cmd := model.Update(msg)
			go runCmd(cmd, queue)
		case <-deadline:
			t.Fatal("the form never quit")
		}
	}
}

// runCmd runs cmd, and the commands of any batch it returns, each in a
// goroutine of its own as Bubble Tea does, and queues what they return.
func runCmd(cmd tea.Cmd, queue chan<- tea.Msg) {
	if cmd == nil {
		return
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		for _, c := range batch {
			go runCmd(c, queue)
		}
		return
	}
	select {
	case queue <- msg:
	default: // the test is over
	}
}

// typeAheadKeys answers every question in one go: the last option of
// each Select (with Down, or vim's j typed together as one message), a
// number typed as one message. It returns the keys and the values they
// should give.
func typeAheadKeys(qs []*rules.Question, vim bool) (keys []tea.Msg, want []string) {
	for _, q := range qs {
		if q.Type == rules.TypeInt {
			n := "1"
			if q.Min != nil {
				n = strconv.Itoa(*q.Min)
			}
			keys = append(keys, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(n)}, tea.KeyMsg{Type: tea.KeyEnter})
			want = append(want, n)
			continue
		}
		values := slices.Concat(unknownValues(q), boolValues(q), q.Values())
		moves := len(values) - 1
		if vim {
			j := make([]rune, moves)
			for i := range j {
				j[i] = 'j'
			}
			keys = append(keys, tea.KeyMsg{Type: tea.KeyRunes, Runes: j})
		} else {
			for range moves {
				keys = append(keys, tea.KeyMsg{Type: tea.KeyDown})
			}
		}
		keys = append(keys, tea.KeyMsg{Type: tea.KeyEnter})
		want = append(want, values[moves])
	}
	return keys, want
}

func unknownValues(q *rules.Question) []string {
	if q.AllowUnknown {
		return []string{dontKnow}
	}
	return nil
}

func boolValues(q *rules.Question) []string {
	if q.Type == rules.TypeBool {
		return []string{"true", "false"}
	}
	return nil
}

// TestFormModelTypeAhead: keys queued ahead of the commands by which huh
// moves to the next question still answer the questions they were typed
// for.
func TestFormModelTypeAhead(t *testing.T) {
	kb, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	qs := toAsk(kb, &answerSet{})
	for _, vim := range []bool{false, true} {
		t.Run(map[bool]string{false: "arrows", true: "vim"}[vim], func(t *testing.T) {
			keys, want := typeAheadKeys(qs, vim)
			values := make([]string, len(qs))
			m := newForm(kb, qs, values, nil)
			runQueued(t, m, keys)
			if m.form.State != huh.StateCompleted {
				t.Errorf("form state %v, want completed", m.form.State)
			}
			if !slices.Equal(values, want) {
				t.Errorf("answers %q, want %q", values, want)
			}
		})
	}
}

// TestNarrowFormShowsEveryOption: where options wrap onto more lines than
// at the last width, every option of every question is still on screen.
func TestNarrowFormShowsEveryOption(t *testing.T) {
	kb, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	qs := toAsk(kb, &answerSet{})
	for _, width := range []int{20, 30, 40, 80} {
		m := newForm(kb, qs, make([]string, len(qs)), nil)
		m.Init()
		m.Update(tea.WindowSizeMsg{Width: width, Height: 100})
		for _, q := range qs {
			if q.Type != rules.TypeInt {
				shown := strings.Join(strings.Fields(strings.ReplaceAll(ansi.Strip(m.View()), "┃", "")), " ")
				for _, c := range q.Choices {
					if label := cmp.Or(c.Label, c.Value); !strings.Contains(shown, label) {
						t.Errorf("%d columns, %s: option %q not shown:\n%s", width, q.Key, label, ansi.Strip(m.View()))
					}
				}
			}
			m.form.NextGroup()
		}
	}
}

// TestRowsNeeded: the form's height reckoned without rendering it is the
// height huh lays it out at, at every width.
func TestRowsNeeded(t *testing.T) {
	kb, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	qs := toAsk(kb, &answerSet{})
	m := newForm(kb, qs, make([]string, len(qs)), nil)
	m.Init()
	for width := minFormCols; width <= 200; width++ {
		m.Update(tea.WindowSizeMsg{Width: width, Height: 1000})
		if got, want := m.rowsNeeded(width), lipgloss.Height(m.View()); got != want {
			t.Errorf("%d columns: rowsNeeded = %d, huh lays the form out on %d rows", width, got, want)
		}
	}
}

func TestFits(t *testing.T) {
	kb, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	qs := toAsk(kb, &answerSet{})
	m := newForm(kb, qs, make([]string, len(qs)), nil)
	need := m.rowsNeeded(80)
	for _, tt := range []struct {
		cols, rows int
		want       bool
	}{
		{0, 0, false}, {1, 1, false}, {4, 1000, false}, {minFormCols - 1, 1000, false},
		{minFormCols, 1000, true}, {80, need, true}, {80, need - 1, false}, {80, 0, false},
	} {
		if got := m.fits(tt.cols, tt.rows); got != tt.want {
			t.Errorf("fits(%d, %d) = %v, want %v (%d rows needed at 80 columns)", tt.cols, tt.rows, got, tt.want, need)
		}
	}
}
