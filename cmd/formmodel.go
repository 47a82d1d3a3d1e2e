package cmd

import (
	"math"
	"reflect"
	"runtime/debug"
	"slices"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/cellbuf"
)

// formModel is the Bubble Tea model the form runs as: a huh.Form behind a
// thin layer that makes typing ahead safe.
//
// huh v1 moves to the next question through two commands rather than at
// once. Enter on a Select or an Input makes the field return the command
// huh.NextField (field_select.go, field_input.go); Bubble Tea runs every
// command in a goroutine of its own and sends back what it returns
// (Program.handleCommands in bubbletea tea.go). The group then handles
// that nextFieldMsg by blurring the field and returning the command
// nextGroup (group.go, Group.nextField), which again comes back through a
// goroutine before the form changes group (form.go, the nextGroupMsg case
// of Form.Update). Keys are not commands: the input reader sends them
// straight to the same message channel. Keys that arrive together — a
// paste, a fast typist, a slow redraw over SSH — are therefore queued
// ahead of both messages, and the form hands them to the question just
// answered: Down moves its cursor again (changing its answer, since a
// Select writes its value on every move), a second Enter answers it again
// and skips the next question. Besides, Bubble Tea reports the printable
// keys found in one read as a single message ("jj"), which matches none of
// a Select's bindings, so vim keys typed ahead do nothing.
//
// formModel holds keys back while a key that may move the form (Enter,
// Tab, Shift-Tab) is still on its way: it tracks the commands that key
// started, delivers the moves they return (NextField, PrevField) to the
// form at once instead of queueing them behind the keys, and replays the
// held keys in order once the form shows another question, or once
// nothing the key started is left in flight (a refused answer moves
// nowhere). It also splits a message of several typed runes into one key
// per rune. Bubble Tea's own messages (Quit, Interrupt, …) found on the way
// go back to Bubble Tea untouched.
type formModel struct {
	// form is built by build on first use (see built).
	form  *huh.Form
	build func() *huh.Form
	// moveKeys are the keys that can make a field move the form: huh's
	// Next, Submit and Prev bindings for the field types the form uses.
	moveKeys []string
	// texts are the fields' titles and help, wrapped here at each width
	// (see wrapWords); frame is the width huh's theme adds around them.
	texts []fieldText
	frame int
	// selector is the width of the cursor before a Select's options.
	selector int

	moving   bool      // a move started by a key is in flight
	move     int       // numbers the moves, so late messages of an old one are told apart
	inFlight int       // commands of the current move not yet returned
	from     huh.Field // the field focused when the move started
	held     []tea.KeyMsg
}

// settledMsg carries what a tracked command returned back to formModel,
// ahead of any key still waiting in Bubble Tea's queue.
type settledMsg struct {
	move int
	msg  tea.Msg
}

func newFormModel(build func() *huh.Form, km *huh.KeyMap, texts []fieldText, frame, selector int) *formModel {
	var keys []string
	for _, b := range []interface{ Keys() []string }{
		km.Select.Next, km.Select.Submit, km.Select.Prev,
		km.Input.Next, km.Input.Submit, km.Input.Prev,
	} {
		keys = append(keys, b.Keys()...)
	}
	return &formModel{build: build, moveKeys: keys, texts: texts, frame: frame, selector: selector}
}

// Init builds the form and starts it.
func (m *formModel) Init() tea.Cmd { return guard(m.built().Init()) }

// built returns the form, built on first use. Bubble Tea shows the first
// frame on its first render tick, which it starts counting before it calls
// Init: built there, the form's groups (about 4 ms of huh measuring every
// question) are built during that wait instead of before it, and the first
// question shows that much sooner.
func (m *formModel) built() *huh.Form {
	if m.form == nil {
		m.form = m.build()
	}
	return m.form
}

// View draws the form.
func (m *formModel) View() string { return m.form.View() }

// Update hands msg to the form, holding keys back while the form moves.
// The commands it returns report a panic as a message (see guard), which
// it raises again here, where recoverCrash can catch it.
func (m *formModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if p, ok := msg.(cmdPanic); ok {
		panic(p)
	}
	cmd := m.update(msg)
	if _, ok := msg.(tea.KeyMsg); ok && testPanics {
		testPanic("key")
		cmd = tea.Batch(cmd, func() tea.Msg { testPanic("command"); return nil })
	}
	return m, guard(cmd)
}

func (m *formModel) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case settledMsg:
		return m.settle(msg)
	case tea.KeyMsg:
		var cmds []tea.Cmd
		for _, k := range splitRunes(msg) {
			cmds = append(cmds, m.key(k))
		}
		return tea.Batch(cmds...)
	case tea.WindowSizeMsg:
		msg = m.layout(msg)
		_, cmd := m.form.Update(msg)
		return cmd
	}
	_, cmd := m.form.Update(msg)
	return cmd
}

// layout fits the form to the terminal's new size and returns the size
// huh is to lay it out for: never narrower than minFormCols, for huh's text
// input panics below 5 columns, and 80 columns when the size is unknown
// (0, as script(1) or docker exec -t report until a size is set); and as
// tall as the form needs, whatever the terminal's height, for huh fits a
// short terminal by hiding a question's answers. Bubble Tea, which keeps
// the real size, then clips the frame: lines cut at the right margin, the
// top lines dropped, the answers and key help still in view. askForm does
// not start the form on a terminal that small (see minFormCols), so this
// happens only when the terminal shrinks mid-form.
//
// It also lays the fields out for that width (wrapping their text, see
// fieldText.set) before huh measures the form.
func (m *formModel) layout(size tea.WindowSizeMsg) tea.WindowSizeMsg {
	switch {
	case size.Width <= 0:
		size.Width = 80
	case size.Width < minFormCols:
		size.Width = minFormCols
	}
	size.Height = math.MaxInt32
	for _, t := range m.texts {
		t.set(wrapWords(t.title, size.Width-m.frame), wrapWords(t.desc, size.Width-m.frame), size.Width)
	}
	return size
}

// fits reports whether the full-screen form fits a terminal cols wide and
// rows high: at least minFormCols wide, and tall enough for the tallest
// question at that width.
func (m *formModel) fits(cols, rows int) bool {
	return cols >= minFormCols && rows >= m.rowsNeeded(cols)
}

// rowsNeeded is how many rows the form takes cols wide: its tallest
// question (title, help, every option or the input line), then a blank
// line and the key help. It reckons the way huh lays the form out — each
// text wrapped by cellbuf.Wrap to the field's width less the theme's
// frame, and less the selector for options — without rendering anything:
// huh's own layout of every question costs 4 ms, which Bubble Tea hides
// in the wait for its first frame but which would delay it here.
// TestRowsNeeded holds the two to agreement.
func (m *formModel) rowsNeeded(cols int) int {
	limit := cols - m.frame
	tallest := 0
	for _, t := range m.texts {
		h := huhLines(wrapWords(t.title, limit), limit) + huhLines(wrapWords(t.desc, limit), limit)
		if t.options == nil {
			h++ // the input line
		}
		for _, o := range t.options {
			h += huhLines(o, limit-m.selector)
		}
		tallest = max(tallest, h)
	}
	return tallest + 2
}

// huhLines is the number of lines huh shows s on, limit cells wide.
func huhLines(s string, limit int) int {
	if s == "" {
		return 0
	}
	// huh's wrap (wrap.go).
	return lipgloss.Height(cellbuf.Wrap(s, limit, ",.-; "))
}

// splitRunes turns a message of several typed runes into one key per
// rune, as they were typed. A bracketed paste stays whole: it is text for
// an input, not keys.
func splitRunes(k tea.KeyMsg) []tea.KeyMsg {
	if k.Type != tea.KeyRunes || k.Paste || len(k.Runes) < 2 {
		return []tea.KeyMsg{k}
	}
	out := make([]tea.KeyMsg, len(k.Runes))
	for i, r := range k.Runes {
		out[i] = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: k.Alt}
	}
	return out
}

// key gives k to the form, or holds it while a move is in flight.
func (m *formModel) key(k tea.KeyMsg) tea.Cmd {
	if m.moving {
		m.held = append(m.held, k)
		return nil
	}
	from := m.form.GetFocusedField()
	_, cmd := m.form.Update(k)
	if cmd == nil || m.form.State != huh.StateNormal || !slices.Contains(m.moveKeys, k.String()) {
		return cmd
	}
	m.moving, m.from, m.inFlight = true, from, 0
	m.move++
	return m.track(cmd)
}

// track runs cmd as part of the current move: what it returns comes back
// as a settledMsg.
func (m *formModel) track(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	m.inFlight++
	move := m.move
	return func() tea.Msg { return settledMsg{move: move, msg: cmd()} }
}

// settle handles what a tracked command returned.
func (m *formModel) settle(s settledMsg) tea.Cmd {
	current := m.moving && s.move == m.move
	if current {
		m.inFlight--
	}
	var cmd tea.Cmd
	switch msg := s.msg.(type) {
	case nil:
	case tea.BatchMsg:
		if !current {
			cmd = func() tea.Msg { return msg }
			break
		}
		cmds := make([]tea.Cmd, 0, len(msg))
		for _, c := range msg {
			cmds = append(cmds, m.track(c))
		}
		cmd = tea.Batch(cmds...)
	default:
		switch {
		case current && (msg == huh.NextField() || msg == huh.PrevField()):
			// The field asks to move: the group answers with the command
			// that changes group, which belongs to the move too.
			_, next := m.form.Update(msg)
			cmd = m.track(next)
		case fromHuh(msg):
			_, cmd = m.form.Update(msg)
		default:
			// Bubble Tea's own (Quit, Interrupt, a sequence): it must see them.
			cmd = func() tea.Msg { return msg }
		}
	}
	if current && m.moved() {
		return tea.Batch(cmd, m.release())
	}
	return cmd
}

// moved ends the current move when the form shows another question, is
// done, or has nothing of the move left in flight.
func (m *formModel) moved() bool {
	if m.form.State == huh.StateNormal && m.form.GetFocusedField() == m.from && m.inFlight > 0 {
		return false
	}
	m.moving, m.from = false, nil
	return true
}

// release replays the held keys in order until one starts another move;
// the rest wait for that one. Keys typed after the last answer go nowhere.
func (m *formModel) release() tea.Cmd {
	held := m.held
	m.held = nil
	if m.form.State != huh.StateNormal {
		return nil
	}
	var cmds []tea.Cmd
	for i, k := range held {
		if m.moving {
			m.held = append(m.held, held[i:]...)
			break
		}
		cmds = append(cmds, m.key(k))
	}
	return tea.Batch(cmds...)
}

// fromHuh reports whether msg is one of huh's own messages, which go to
// the form.
func fromHuh(msg tea.Msg) bool {
	t := reflect.TypeOf(msg)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.PkgPath() == reflect.TypeFor[huh.Form]().PkgPath()
}

// guard makes cmd report a panic as a cmdPanic message, and guards the
// commands of any batch or sequence it returns, which Bubble Tea runs in
// goroutines of their own too.
func guard(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				msg = cmdPanic{value: r, stack: debug.Stack()}
			}
		}()
		return guardAll(cmd())
	}
}

// guardAll guards the commands of a batch or a sequence. Bubble Tea's
// sequence type is unexported: it is recognised as a slice of commands
// and rebuilt as the same type.
func guardAll(msg tea.Msg) tea.Msg {
	if msg == nil {
		return nil
	}
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeFor[tea.Cmd]() {
		return msg
	}
	out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
	for i := range v.Len() {
		cmd, _ := v.Index(i).Interface().(tea.Cmd)
		out.Index(i).Set(reflect.ValueOf(guard(cmd)))
	}
	return out.Interface()
}
