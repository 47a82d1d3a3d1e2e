#!/usr/bin/env bash
# Bounded work at the caps: every command on every worst-shape knowledge
# base that the loader's caps accept (1 MiB, 10,000 items a list), timed on
# the real binary. Prints a Markdown table for bench/RESULTS.md; exits 1 if
# any run takes 1 s or more, or 256 MiB or more.
#   bash bench/caps.sh [RUNS]      # median of RUNS runs each (default 5)
# The shapes are internal/capsgen's; BenchmarkCaps (cmd) runs the same
# commands in-process. Needs GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
runs=${1:-5}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$tmp/apiadvisor" .
shapes=$(go run ./internal/capsgen/gencaps "$tmp")

commands=(
  "advise|advise --rules {r} --answers {a} --no-input -o json"
  "advise, nothing answered|advise --rules {r} --no-input"
  "advise --explain|advise --rules {r} --answers {a} --no-input --explain"
  "rules validate|rules validate {r}"
  "rules test|--rules {r} rules test {s}"
  "questions|--rules {r} questions"
)

# median of a column of numbers
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

echo "| shape | command | wall (median) | CPU user+sys | peak RSS | exit |"
echo "| --- | --- | --- | --- | --- | --- |"
over=0
for shape in $shapes; do
  for entry in "${commands[@]}"; do
    label=${entry%%|*}
    args=${entry#*|}
    args=${args//\{r\}/$tmp/$shape.rules.yaml}
    args=${args//\{a\}/$tmp/$shape.answers.yaml}
    args=${args//\{s\}/$tmp/$shape.scenarios.yaml}
    : > "$tmp/times"
    code=0
    for _ in $(seq "$runs"); do
      # shellcheck disable=SC2086
      /usr/bin/time -q -o "$tmp/t" -f '%e %U %S %M' "$tmp/apiadvisor" $args >/dev/null 2>"$tmp/err" || code=$?
      cat "$tmp/t" >> "$tmp/times"
    done
    wall=$(awk '{print $1}' "$tmp/times" | median)
    cpu=$(awk '{printf "%.2f\n", $2 + $3}' "$tmp/times" | median)
    rss=$(awk '{print $4}' "$tmp/times" | median)
    mib=$(awk -v k="$rss" 'BEGIN {printf "%.0f", k / 1024}')
    if awk -v w="$wall" -v k="$rss" 'BEGIN {exit !(w >= 1 || k >= 256 * 1024)}'; then over=1; fi
    echo "| $shape | $label | ${wall} s | ${cpu} s | ${mib} MiB | $code |"
  done
done
echo
echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores, $(go version | awk '{print $3}'),"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg), with \`bash bench/caps.sh $runs\`."
exit $over
