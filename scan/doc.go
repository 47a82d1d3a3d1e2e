// Package scan reads a Python project directory as text, and its git history
// through the git command, and infers answers to the advisor's questions with
// the evidence (file, line, detail) for each; it never runs the project's code.
package scan
