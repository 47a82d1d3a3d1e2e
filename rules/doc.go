// Package rules holds apiadvisor's knowledge base: the questions it asks,
// the frameworks it knows, and the rules that turn answers into scores.
// The knowledge base is data (embedded YAML, or a user's file); this package
// loads it, validates it with file:line positions, and imports nothing of ours.
package rules
