package advisor

import (
	"fmt"
	"slices"
	"strings"

	"github.com/apiadvisor/apiadvisor/rules"
)

// Comparison sets two frameworks side by side — or, when a side is an API
// style, explains why "FastAPI or REST API?" compares things of different
// kinds, and names what builds the style.
type Comparison struct {
	KBVersion     string             `json:"kb_version"`
	CategoryError bool               `json:"category_error"`
	Explanation   string             `json:"explanation,omitempty"`
	Styles        []*rules.Style     `json:"styles,omitempty"`
	Frameworks    []*rules.Framework `json:"frameworks"`
	// Implementers are what builds each style, from the styles' own
	// lists: libraries for GraphQL and gRPC.
	Implementers []rules.Implementer `json:"implementers,omitempty"`
	// Recommendable lists, when a side is a style that any framework can
	// implement (REST), the frameworks the advisor can recommend.
	Recommendable []*rules.Framework `json:"recommendable,omitempty"`
}

// Compare looks up two frameworks or styles by id (styles also by alias,
// in any case). An unknown name is an error naming what is accepted.
func Compare(kb *rules.KB, left, right string) (*Comparison, error) {
	if strings.EqualFold(left, right) {
		return nil, fmt.Errorf("compare needs two different things; got %q twice", left)
	}
	c := &Comparison{KBVersion: kb.Version, Frameworks: []*rules.Framework{}}
	for _, name := range []string{left, right} {
		if st := kb.Style(name); st != nil {
			c.Styles = append(c.Styles, st)
			continue
		}
		f := kb.Framework(strings.ToLower(name))
		if f == nil {
			return nil, fmt.Errorf("unknown framework or style %q: want %s", name, rules.OrList(compareIDs(kb)))
		}
		c.Frameworks = append(c.Frameworks, f)
	}
	if len(c.Styles) == 0 {
		return c, nil
	}
	c.CategoryError = true
	for _, st := range c.Styles {
		c.Implementers = append(c.Implementers, st.Implementers...)
		if len(st.Implementers) == 0 && c.Recommendable == nil {
			for i := range kb.Frameworks {
				if kb.Frameworks[i].Category != "" {
					c.Recommendable = append(c.Recommendable, &kb.Frameworks[i])
				}
			}
		}
	}
	c.Explanation = c.categoryError()
	return c, nil
}

// categoryError says why the two are not alternatives, and what a
// project builds the style with.
func (c *Comparison) categoryError() string {
	if len(c.Frameworks) == 0 {
		var built []string
		for _, st := range c.Styles {
			built = append(built, builtWith(st))
		}
		return fmt.Sprintf("%s and %s are both API styles, not frameworks: a project picks the style its clients need, then what implements it. %s",
			c.Styles[0].Name, c.Styles[1].Name, strings.Join(built, " "))
	}
	f, st := c.Frameworks[0], c.Styles[0]
	head := fmt.Sprintf("%s is a framework and %s is an API style, so they are not alternatives: ", f.Name, st.Name)
	if len(st.Implementers) == 0 {
		return head + fmt.Sprintf("you build a %s API with a framework such as %s. The real choice is which kind of framework.", st.Name, f.Name)
	}
	var with, alone []string
	for _, im := range st.Implementers {
		switch {
		case slices.Contains(im.Frameworks, f.ID):
			with = append(with, im.Name)
		case len(im.Frameworks) == 0:
			alone = append(alone, im.Name)
		}
	}
	switch {
	case len(with) > 0:
		return head + fmt.Sprintf("%s on %s is built with %s.", st.Name, f.Name, rules.OrList(with))
	case len(alone) > 0:
		return head + fmt.Sprintf("%s services in Python are built with %s, not with an HTTP API framework such as %s.", st.Name, rules.OrList(alone), f.Name)
	}
	return head + builtWith(st)
}

// builtWith names what implements a style, or says any framework does.
func builtWith(st *rules.Style) string {
	if len(st.Implementers) == 0 {
		return fmt.Sprintf("%s is built with any of the HTTP frameworks.", st.Name)
	}
	var names []string
	for _, im := range st.Implementers {
		names = append(names, im.Name)
	}
	return fmt.Sprintf("%s is built with %s.", st.Name, rules.OrList(names))
}

func compareIDs(kb *rules.KB) []string {
	var ids []string
	for _, f := range kb.Frameworks {
		ids = append(ids, f.ID)
	}
	for _, s := range kb.Styles {
		ids = append(ids, s.ID)
	}
	return ids
}
