// Package advisor is apiadvisor's decision logic: it evaluates a knowledge
// base's rules against a project's answers and explains the outcome — what
// fired, what lost and why, how close the call was and what would change it.
// It is pure: no terminal, flags, files or styling.
package advisor
