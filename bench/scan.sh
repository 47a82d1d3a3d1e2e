#!/usr/bin/env bash
# Speed and footprint of `apiadvisor scan` against ripgrep on generated
# trees, measured in one run on the same machine. Prints a Markdown
# section for bench/RESULTS.md.
#   bash bench/scan.sh
# Installs ripgrep, hyperfine and GNU time with apt-get when missing;
# needs git, go and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
need() { command -v "$1" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }
need rg ripgrep
need hyperfine hyperfine
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$tmp/apiadvisor" .

# A git repository: the generated files in one commit, then a year of
# history by twelve people (and a bot), as team_size reads it.
make_repo() { # dir files
  python3 bench/gentree.py "$1" "$2"
  git -C "$1" init -q -b main
  git -C "$1" add -A
  GIT_AUTHOR_DATE=2025-01-01T00:00:00Z GIT_COMMITTER_DATE=2025-01-01T00:00:00Z \
    git -C "$1" -c user.email=dev0@example.com -c user.name=dev0 commit -q -m "generated tree"
  for i in $(seq 1 240); do
    local who="dev$((i % 12))@example.com"
    [ $((i % 20)) -eq 0 ] && who="49699333+dependabot[bot]@users.noreply.github.com"
    local day; day=$(date -u -d "2025-01-01 +$((i * 36 / 24)) days" +%Y-%m-%dT12:00:00Z)
    GIT_AUTHOR_DATE=$day GIT_COMMITTER_DATE=$day \
      git -C "$1" -c user.email="$who" -c user.name="${who%@*}" commit -q --allow-empty -m "change $i"
  done
}
make_repo "$tmp/t5k" 5000
make_repo "$tmp/t100k" 100000
# The same trees outside git: scan walks them, honouring .gitignore.
for t in t5k t100k; do
  mkdir "$tmp/$t-walk"
  git -C "$tmp/$t" archive HEAD | tar -x -C "$tmp/$t-walk"
done
n5=$(git -C "$tmp/t5k" ls-files | wc -l)
n100=$(git -C "$tmp/t100k" ls-files | wc -l)

rg5="rg -c --type py 'async def' $tmp/t5k"
scan5="$tmp/apiadvisor scan -o json $tmp/t5k"
walk5="$tmp/apiadvisor scan -o json $tmp/t5k-walk"
hyperfine -N --warmup 5 --runs 40 --export-json "$tmp/t5k.json" "$rg5" "$scan5" "$walk5" >/dev/null 2>&1
hyperfine -N --warmup 1 --runs 10 --export-json "$tmp/t100k.json" \
  "rg -c --type py 'async def' $tmp/t100k" "$tmp/apiadvisor scan -o json $tmp/t100k" "$tmp/apiadvisor scan -o json $tmp/t100k-walk" >/dev/null 2>&1

# Paired runs: rg and the scan alternate, so that both meet the same
# machine state; the ratio is the median of the 41 per-pair ratios.
paired=$(python3 - "$tmp/t5k" "$tmp/apiadvisor" <<'PY'
import statistics, subprocess, sys, time
tree, binary = sys.argv[1], sys.argv[2]
scan = [binary, "scan", "-o", "json"]
def run(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=False)
    return time.perf_counter() - t
for _ in range(5):
    run(["rg", "-c", "--type", "py", "async def", tree]); run(scan + [tree])
ratios, rgs, scans = [], [], []
for _ in range(41):
    a = run(["rg", "-c", "--type", "py", "async def", tree]); b = run(scan + [tree])
    rgs.append(a); scans.append(b); ratios.append(b / a)
print(f"{statistics.median(rgs)*1000:.1f} {statistics.median(scans)*1000:.1f} {statistics.median(ratios):.2f}")
PY
)
read -r p_rg p_scan p_ratio <<<"$paired"

median() { python3 -c "import json,sys; r=json.load(open('$1'))['results'][$2]; print(f\"{r['median']*1000:.1f}\")"; }
rss() { # peak RSS in KiB, median of 5 runs
  for _ in 1 2 3 4 5; do /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; done | sort -n | sed -n 3p
}
rss100=$(rss "$tmp/apiadvisor" scan -o json "$tmp/t100k")
walk100=$(rss "$tmp/apiadvisor" scan -o json "$tmp/t100k-walk")
team=$("$tmp/apiadvisor" scan -o json "$tmp/t5k" | python3 -c "import json,sys; print(json.load(sys.stdin)['answers'].get('team_size'))")

echo "## Scan speed and footprint"
echo
echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores, $(go env GOVERSION),"
echo "$(rg --version | head -1), with \`bash bench/scan.sh\`."
echo
echo "| tree | command | wall time (median) | × rg | peak RSS |"
echo "| --- | --- | --- | --- | --- |"
echo "| $n5 files | \`rg -c --type py 'async def'\` | $(median "$tmp/t5k.json" 0) ms | 1.00 | $(rss rg -c --type py 'async def' "$tmp/t5k") KiB |"
echo "| $n5 files | \`apiadvisor scan\` (git ls-files, git log) | $(median "$tmp/t5k.json" 1) ms | $(python3 -c "print(f'{$(median "$tmp/t5k.json" 1)/$(median "$tmp/t5k.json" 0):.2f}')") | $(rss "$tmp/apiadvisor" scan -o json "$tmp/t5k") KiB |"
echo "| $n5 files | \`apiadvisor scan\`, outside git (walk) | $(median "$tmp/t5k.json" 2) ms | $(python3 -c "print(f'{$(median "$tmp/t5k.json" 2)/$(median "$tmp/t5k.json" 0):.2f}')") | $(rss "$tmp/apiadvisor" scan -o json "$tmp/t5k-walk") KiB |"
echo "| $n100 files | \`rg -c --type py 'async def'\` | $(median "$tmp/t100k.json" 0) ms | 1.00 | $(rss rg -c --type py 'async def' "$tmp/t100k") KiB |"
echo "| $n100 files | \`apiadvisor scan\` (git ls-files, git log) | $(median "$tmp/t100k.json" 1) ms | $(python3 -c "print(f'{$(median "$tmp/t100k.json" 1)/$(median "$tmp/t100k.json" 0):.2f}')") | $rss100 KiB |"
echo "| $n100 files | \`apiadvisor scan\`, outside git (walk) | $(median "$tmp/t100k.json" 2) ms | $(python3 -c "print(f'{$(median "$tmp/t100k.json" 2)/$(median "$tmp/t100k.json" 0):.2f}')") | $walk100 KiB |"
echo
echo "- Paired runs on the $n5-file tree (41 pairs, rg and scan alternating):"
echo "  rg $p_rg ms, scan $p_scan ms, median ratio $p_ratio×."
echo "- team_size read from the generated history: $team (12 people; the bot is excluded)."
echo
echo "| target | measured | met |"
echo "| --- | --- | --- |"
echo "| \`scan\` ≤ 3× \`rg -c --type py 'async def'\` on ~5,000 files (paired) | $p_ratio× | $(python3 -c "print('yes' if $p_ratio <= 3 else 'no')") |"
peak=$(( rss100 > walk100 ? rss100 : walk100 ))
echo "| peak RSS < 100 MB on 100,000 files | $((peak / 1024)) MiB | $(python3 -c "print('yes' if $peak < 100 * 1000 * 1000 / 1024 else 'no')") |"
