package cmd

import (
	"fmt"
	"path/filepath"

	"github.com/apiadvisor/apiadvisor/advisor"
	"github.com/apiadvisor/apiadvisor/report"
	"github.com/apiadvisor/apiadvisor/rules"
	"github.com/spf13/cobra"
)

// errRevisit exits 1 after the revisit report has been printed.
var errRevisit = fmt.Errorf("records changed or due: %w", errSilent)

type revisitOptions struct {
	app    *App
	dir    string
	write  bool
	output *formatFlag
}

func newRevisitCmd(a *App, runF func(*revisitOptions) error) *cobra.Command {
	opts := &revisitOptions{app: a}
	cmd := &cobra.Command{
		Use:   "revisit [DIR]",
		Short: "Re-run the decision records against today's knowledge base",
		Long: `Re-run every record apiadvisor wrote in DIR — default docs/decisions, or the
directory given with --adr-dir — with the answers stored in it, against the
knowledge base in use, and report for each record:

  holds           the same advice, and every fact it relied on reads the same
  advice changed  from → to, with the rules that now decide it
  facts changed   each sourced fact it relied on that changed since (old and
                  new text with their dates) or is no longer in the
                  knowledge base
  due             nothing changed, but its review-by date has passed

Records other tools wrote are listed as skipped, and so are records no
longer in force (superseded, rejected, deprecated).

With --write, each changed record is superseded: a new record with today's
advice is written next to it, saying "Supersedes" the old one, and the old
one's status becomes "superseded by" the new one, both ways linked. A record
that is only due is left for people to review.

Exit status is 0 when every record holds and 1 when anything changed, is
due or cannot be read, so a scheduled CI job can run it as a check.`,
		Example: `  apiadvisor revisit
  apiadvisor revisit doc/adr -o json
  apiadvisor revisit --write`,
	}
	bindRecordsDir(cmd, &opts.dir, func() error {
		if runF != nil {
			return runF(opts)
		}
		return revisitRun(opts)
	})
	f := cmd.Flags()
	f.BoolVar(&opts.write, "write", false, "supersede each changed record with a new one, linked both ways")
	opts.output = addFormatFlag(cmd, report.Revisit{}, "")
	return cmd
}

func revisitRun(opts *revisitOptions) error {
	ios := opts.app.IO
	kb, err := opts.app.KB()
	if err != nil {
		return err
	}
	recs, err := readRecords(opts.dir)
	if err != nil {
		return err
	}
	today, err := recordDate(ios)
	if err != nil {
		return err
	}
	eng := advisor.New(kb)
	doc := report.Revisit{Dir: opts.dir, Date: today, KBVersion: kb.Version, KB: kb, Records: []report.RecordCheck{}}
	for _, rec := range recs {
		check, res := report.CheckRecord(rec, kb, eng, today)
		if opts.write && check.Verdict == report.VerdictChanged {
			if err := supersede(opts.dir, rec, &check, report.Advice{Result: res, KB: kb}, today); err != nil {
				return err
			}
		}
		doc.Records = append(doc.Records, check)
	}
	if err := opts.app.render(opts.output.value, doc, report.Options{}); err != nil {
		return err
	}
	if doc.Failed() {
		return errRevisit
	}
	return nil
}

// supersede writes today's advice as a new record that supersedes rec,
// and marks rec superseded by it. The old record is rewritten atomically:
// a reader sees it whole, before or after.
func supersede(dir string, rec report.Record, check *report.RecordCheck, doc report.Advice, today string) error {
	if doc.Recommendation.Category == advisor.Undecided {
		check.NotWritten = "the advice is now undecided; " + advisor.DecideHint(doc.Recommendation.Deciding) + " and run advise"
		return nil
	}
	p := rec.Meta.Apiadvisor
	format := rec.Format
	if format == "" {
		format = report.MADR
	}
	link := rec.Link()
	o := report.RecordOptions{Format: format, Component: p.Component, DecisionMakers: rec.Meta.DecisionMakers, Supersedes: &link}
	doc.AnswersSource = p.AnswersSource
	// The old record is read before the new one is written: a record
	// that cannot be read is not left superseded on one side only.
	oldPath := filepath.Join(dir, rec.File)
	data, err := readInput("record", oldPath, rules.MaxFileSize)
	if err != nil {
		return err
	}
	path, n, err := writeRecord(dir, doc, today, o)
	if err != nil {
		return err
	}
	marked, err := report.MarkSuperseded(data, rec, report.RecordLink{Number: n, Title: report.Title(doc), File: filepath.Base(path)})
	if err != nil {
		return err
	}
	if err := writeFile(oldPath, marked); err != nil {
		return fmt.Errorf("mark %q superseded: %w", rec.File, err)
	}
	check.SupersededBy = filepath.Base(path)
	return nil
}
