#!/usr/bin/env bash
# Start-up and footprint of apiadvisor against a Go hello-world, its
# form's first question against a plain cobra + huh v1 form, and (through
# bench/scan.sh) scan against ripgrep, measured in one run on the same
# machine. Prints the measured sections of bench/RESULTS.md, each with its
# targets.
#   bash bench/run.sh
# Needs hyperfine (apt-get install hyperfine) and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/hello"
cat > "$tmp/hello/main.go" <<'GO'
package main

import "fmt"

func main() { fmt.Println("hello") }
GO
printf 'module hello\n\ngo 1.26\n' > "$tmp/hello/go.mod"
(cd "$tmp/hello" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$tmp/hello-bin" .)
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$tmp/apiadvisor" .
# The same program with the form compiled out (cmd/form.go swapped for a
# stub and cmd/formmodel.go removed through -overlay; the checkout is
# untouched): what huh and Bubble Tea cost a run that never shows a form.
cat > "$tmp/noform.go" <<'GO'
package cmd

import (
	"context"
	"errors"

	"github.com/apiadvisor/apiadvisor/rules"
)

func askForm(context.Context, *IOStreams, *rules.KB, []*rules.Question, rules.Answers, map[string]string, bool) error {
	return errors.New("built without the form")
}
GO
printf '{"Replace":{"%s":"%s","%s":""}}' "$PWD/cmd/form.go" "$tmp/noform.go" "$PWD/cmd/formmodel.go" > "$tmp/overlay.json"
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -overlay "$tmp/overlay.json" -o "$tmp/apiadvisor-noform" .

# The yardstick for the form: a plain cobra command showing a two-question
# huh v1 form with huh's defaults, built from this module's dependencies
# (added through -overlay; the checkout is untouched).
cat > "$tmp/ref.go" <<'GO'
package main

import (
	"fmt"
	"os"

	"github.com/charmbracelet/huh"
	"github.com/spf13/cobra"
)

func main() {
	var level, size string
	root := &cobra.Command{Use: "ref"}
	root.AddCommand(&cobra.Command{
		Use: "advise",
		RunE: func(*cobra.Command, []string) error {
			return huh.NewForm(
				huh.NewGroup(huh.NewSelect[string]().Title("How many requests will be in flight at once at peak?").
					Options(huh.NewOptions("Don't know", "Low", "Medium", "High")...).Value(&level)),
				huh.NewGroup(huh.NewInput().Title("How many developers will work on this API?").Value(&size)),
			).Run()
		},
	})
	if err := root.Execute(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
GO
printf '{"Replace":{"%s":"%s"}}' "$PWD/bench/ref/main.go" "$tmp/ref.go" > "$tmp/ref-overlay.json"
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -overlay "$tmp/ref-overlay.json" -o "$tmp/ref" ./bench/ref

# The floor: a hello-world that imports every package apiadvisor's own
# packages import, apart from its own, and uses none of them. Their
# package inits run and the code those reach is linked, as in apiadvisor;
# what apiadvisor costs above this line is its own code and work.
own=$(go list -m)
# shellcheck disable=SC2046
imports=$(go list -f '{{join .Imports "\n"}}' $(go list -deps -f '{{with .Module}}{{if eq .Path "'"$own"'"}}{{$.ImportPath}}{{end}}{{end}}' . | grep .) |
  sort -u | grep -v -e "^$own" -e '^fmt$' -e '^C$' -e '^unsafe$')
{
  printf 'package main\n\nimport (\n\t"fmt"\n'
  printf '\t_ "%s"\n' $imports
  printf ')\n\nfunc main() { fmt.Println("hello") }\n'
} > "$tmp/floor.go"
printf '{"Replace":{"%s":"%s"}}' "$PWD/bench/floor/main.go" "$tmp/floor.go" > "$tmp/floor-overlay.json"
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -overlay "$tmp/floor-overlay.json" -o "$tmp/floor" ./bench/floor

hello="$tmp/hello-bin"
version="$tmp/apiadvisor --version"
flags="--concurrency high --workload io --team-size 4 --orm=false --migrations --admin=false --api-docs --validation --architecture services --async-experience some --existing-stack none --realtime --background-jobs --deployment containers -o json"
advise="$tmp/apiadvisor advise $flags"
noform="$tmp/apiadvisor-noform advise $flags"

hyperfine -N --warmup 30 --runs 500 --export-json "$tmp/times.json" "$hello" "$version" "$advise" "$noform" "$tmp/floor" >/dev/null 2>&1
mean() { python3 -c "import json,sys; r=json.load(open('$tmp/times.json'))['results'][$1]; print(r['mean']*1000)"; }
rss() { # peak RSS in KiB, median of 21 runs
  for _ in $(seq 21); do /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; done | sort -n | sed -n 11p
}
h_ms=$(mean 0); v_ms=$(mean 1); a_ms=$(mean 2); n_ms=$(mean 3); f_ms=$(mean 4)
# The target's measure: advise and hello-world run alternately, median of
# the per-pair ratios (internal/e2e TestPairedStartup).
paired=$(APIADVISOR_BENCH_RUNS=301 APIADVISOR_BENCH_BASE="$hello" APIADVISOR_BENCH_CMD="$advise" \
  go test -count=1 -run 'TestPairedStartup' -v ./internal/e2e/ | grep -o 'median ratio [0-9.]*' | grep -o '[0-9.]*$')
# shellcheck disable=SC2086
h_rss=$(rss $hello); v_rss=$(rss $version); a_rss=$(rss $advise); n_rss=$(rss $noform); f_rss=$(rss "$tmp/floor")
size=$(stat -c %s "$tmp/apiadvisor")
n_size=$(stat -c %s "$tmp/apiadvisor-noform")
# Launch to the first question on a PTY, medians of 21 runs each:
# apiadvisor on an answering and a silent terminal, and the yardstick.
prompts=$(APIADVISOR_BENCH_RUNS=21 APIADVISOR_BENCH_BINARY="$tmp/ref" APIADVISOR_BENCH_ARGS=advise \
  APIADVISOR_BENCH_PROMPT="How many requests will be in flight" \
  go test -count=1 -run 'TestFirstPrompt' -v ./internal/e2e/ | grep -o '[a-z ]*: first prompt after [0-9.]*ms')
ms() { grep "^ *$1" <<<"$prompts" | grep -o '[0-9.]*ms' | tr -d ms; }
p_ans=$(ms answering); p_sil=$(ms silent); p_ref=$(ms reference)

ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }
met() { python3 -c "print('yes' if $1 else 'no')"; }
cat <<MD
## Start-up and footprint

Measured $(date -u +%Y-%m-%d) on $(nproc) cores, $(go version | awk '{print $3}'), with \`bash bench/run.sh\`.

| run | wall time (mean) | × hello | peak RSS | × hello |
| --- | --- | --- | --- | --- |
| Go hello-world | $(printf %.2f "$h_ms") ms | 1.00 | ${h_rss} KiB | 1.00 |
| \`apiadvisor --version\` | $(printf %.2f "$v_ms") ms | $(ratio "$v_ms" "$h_ms") | ${v_rss} KiB | $(ratio "$v_rss" "$h_rss") |
| \`apiadvisor advise <all flags> -o json\` | $(printf %.2f "$a_ms") ms | $(ratio "$a_ms" "$h_ms") | ${a_rss} KiB | $(ratio "$a_rss" "$h_rss") |
| the same, built without the form | $(printf %.2f "$n_ms") ms | $(ratio "$n_ms" "$h_ms") | ${n_rss} KiB | $(ratio "$n_rss" "$h_rss") |
| hello-world importing what apiadvisor imports | $(printf %.2f "$f_ms") ms | $(ratio "$f_ms" "$h_ms") | ${f_rss} KiB | $(ratio "$f_rss" "$h_rss") |

- Paired runs (301 pairs, hello-world and \`advise\` alternating): median
  ratio ${paired}×.
- Stripped static binary: $(python3 -c "print(f'{$size/1048576:.2f}')") MiB ($(python3 -c "print(f'{$n_size/1048576:.2f}')") MiB without the form).
- Launch to the first question on a PTY (median of 21): ${p_ans} ms on a
  terminal that answers queries, ${p_sil} ms on one that answers none; a plain
  cobra + huh v1 form: ${p_ref} ms, so apiadvisor takes $(ratio "$p_ans" "$p_ref")× its time.

| target | measured | met |
| --- | --- | --- |
| \`advise <all flags> -o json\` ≤ 2.5× hello-world wall time (paired) | ${paired}× | $(met "$paired <= 2.5") |
| … ≤ 3× hello-world peak RSS | $(ratio "$a_rss" "$h_rss")× | $(met "$a_rss <= 3 * $h_rss") |
| first question ≤ 0.75× the plain cobra + huh form | $(ratio "$p_ans" "$p_ref")× | $(met "$p_ans <= 0.75 * $p_ref") |
| first question on a silent terminal < 500 ms | ${p_sil} ms | $(met "$p_sil < 500") |
| stripped binary ≤ 8 MiB | $(python3 -c "print(f'{$size/1048576:.2f}')") MiB | $(met "$size <= 8 * 1048576") |

MD
bash bench/scan.sh
