#!/usr/bin/env bash
# Benchmark crosscheck against ripgrep on a generated Arabic news corpus.
#
#   bench/run.sh                 # 200 MiB corpora, results in bench/results-200.md
#   bench/run.sh --mb 20         # a quick run
#   bench/run.sh --mb 1024 --dir /scratch/cc --shared /path/to/shared
#
# Options (or environment variables):
#   --mb N        corpus size in MiB (BENCH_MB, default 200)
#   --dir DIR     scratch folder for corpora, binaries and raw results
#                 (BENCH_DIR, default /tmp/crosscheck-bench)
#   --shared DIR  the shared folder holding bench/gen_corpus.py and seeds/
#                 (BENCH_SHARED, default <repo>/../shared)
#   --runs N      timed runs per command (BENCH_RUNS, default 3)
#   --warmup N    untimed runs first (BENCH_WARMUP, default 1)
#   --corpus C    folder or jsonl; repeatable (default both)
#   --no-j1       skip crosscheck -j1 (the -j1 / -j2 rows)
#   --rg-timeout S  stop each rg run after S seconds (BENCH_RG_TIMEOUT);
#                 a stopped run is reported as "> S s", a lower bound
#   --rules FILE  time this pack instead of the default packs
#                 (crosscheck --no-default-rules --rules FILE), e.g. one rule
#   --at REV      benchmark a commit instead of the working tree: `git archive
#                 REV` into DIR/src-REV, built there (shared DIR/target), so
#                 uncommitted edits in progress do not leak into the numbers
#   --skip-build  use target/release/crosscheck as it is
#   --out FILE    results file (default bench/results-<mb>.md)
#
# What it does: builds the release binary and copies it aside (others may
# rebuild target/ while this runs); installs ripgrep, hyperfine and GNU time
# with apt when missing; generates a folder corpus and a JSONL corpus of the
# same size (reused when already there); exports the packs' expanded
# patterns with `crosscheck rules patterns`; then, per corpus, one hyperfine
# run times side by side `crosscheck check --format json -j2`, `-j1` and
# `rg -o -f patterns.txt -j2`, every crosscheck run under `/usr/bin/time -v`
# for its peak RSS. It prints a Markdown table (crosscheck / rg, j1 / j2,
# MiB/s) and writes it, with the machine, the code and the exact commands,
# to the results file.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mb=${BENCH_MB:-200}
dir=${BENCH_DIR:-/tmp/crosscheck-bench}
shared=${BENCH_SHARED:-$repo/../shared}
runs=${BENCH_RUNS:-3}
warmup=${BENCH_WARMUP:-1}
rg_timeout=${BENCH_RG_TIMEOUT:-}
out=""
build=1
at=""
j1=1
corpora=()
rules=()
argv="$*"

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }
die() { echo "bench/run.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case $1 in
    --mb) mb=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --shared) shared=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --corpus) corpora+=("$2"); shift 2 ;;
    --no-j1) j1=0; shift ;;
    --rg-timeout) rg_timeout=$2; shift 2 ;;
    --rules) rules=(--no-default-rules --rules "$(realpath "$2")"); shift 2 ;;
    --at) at=$2; shift 2 ;;
    --skip-build) build=0; shift ;;
    --out) out=$2; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown argument: $1 (try --help)" ;;
  esac
done
[ ${#corpora[@]} -gt 0 ] || corpora=(folder jsonl)
for c in "${corpora[@]}"; do
  case $c in folder | jsonl) ;; *) die "--corpus wants folder or jsonl, got '$c'" ;; esac
done
case $mb in '' | *[!0-9.]* | .*) die "--mb wants a number, got '$mb'" ;; esac
out=${out:-$repo/bench/results-$mb.md}
say() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }

# --- tools -------------------------------------------------------------------
missing=()
command -v rg >/dev/null || missing+=(ripgrep)
command -v hyperfine >/dev/null || missing+=(hyperfine)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get install -y "${missing[@]}" >/dev/null ||
    { "${sudo[@]}" apt-get update >/dev/null && "${sudo[@]}" apt-get install -y "${missing[@]}" >/dev/null; }
fi
gen=$shared/bench/gen_corpus.py
seeds=$shared/seeds
if [ ! -f "$gen" ] || [ ! -d "$seeds" ]; then
  die "no $gen or $seeds (use --shared DIR or BENCH_SHARED)"
fi
gen=$(realpath "$gen")
seeds=$(realpath "$seeds")

# --- build -------------------------------------------------------------------
cd "$repo"
mkdir -p "$dir"
if [ -n "$at" ]; then
  commit=$(git rev-parse --short "$at^{commit}") || die "no commit $at"
  dirty=0
  src=$dir/src-$commit
  if [ ! -d "$src" ]; then
    rm -rf "$src.tmp"
    mkdir -p "$src.tmp"
    git archive "$commit" | tar -x -C "$src.tmp"
    mv "$src.tmp" "$src"
  fi
  say "cargo build --release (at $commit, in $src)"
  (cd "$src" && CARGO_TARGET_DIR=$dir/target cargo build --release --quiet)
  built=$dir/target/release/crosscheck
else
  if [ "$build" -eq 1 ]; then
    say "cargo build --release"
    cargo build --release --quiet
  fi
  built=target/release/crosscheck
  [ -x "$built" ] || die "no $built (drop --skip-build)"
  commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
  dirty=$(git status --porcelain --untracked-files=no 2>/dev/null | wc -l)
fi
# A private copy: others may rebuild target/ while this runs.
bin=$dir/crosscheck-$commit
[ "$dirty" -eq 0 ] || bin=$bin-dirty
cp "$built" "$bin"

# --- corpora -----------------------------------------------------------------
# Named by size and renamed into place only once complete, so an interrupted
# generation is never reused. The generator is deterministic (fixed seed).
folder=$dir/corpus-$mb
jsonl=$dir/corpus-$mb.jsonl
if [ ! -d "$folder" ]; then
  say "generating $folder"
  rm -rf "$folder.tmp"
  python3 "$gen" --seeds "$seeds" --out "$folder.tmp" --mb "$mb" >&2
  mv "$folder.tmp" "$folder"
fi
if [ ! -f "$jsonl" ]; then
  say "generating $jsonl"
  python3 "$gen" --seeds "$seeds" --out "$jsonl.tmp" --mb "$mb" --jsonl >&2
  mv "$jsonl.tmp" "$jsonl"
fi

patterns=$dir/patterns.txt
if ! "$bin" rules patterns ${rules[@]+"${rules[@]}"} >"$patterns"; then
  die "\`crosscheck rules patterns\` failed: the packs do not load (see above; --rules FILE to use another pack)"
fi
# The grammars write "never" as the empty class `[^\s\S]`, which the
# regex crate of rg 13 (Debian 12) refuses; `(?:\z.)` never matches either.
sed -i 's/\[^\\s\\S\]/(?:\\z.)/g' "$patterns"
npatterns=$(wc -l <"$patterns")

# --- timing ------------------------------------------------------------------
raw=$dir/raw-$mb
mkdir -p "$raw"
q() { printf '%q' "$1"; }
cc="$(q "$bin") check"
for r in ${rules[@]+"${rules[@]}"}; do cc+=" $(q "$r")"; done
rows=()     # Markdown table rows
commands=() # the exact commands, for the results file

# time_corpus KIND PATH BYTES: one hyperfine run over this corpus's commands
time_corpus() {
  local kind=$1 path=$2 bytes=$3 json args=() p
  json=$raw/$kind.json
  p=$(q "$path")
  rm -f "$raw/$kind".*.rss
  # Each crosscheck run appends its `time -v` report; peak RSS is their max.
  args+=(-n cc-j2 "/usr/bin/time -v -a -o $raw/$kind.j2.rss $cc $p --format json -j2 > /dev/null")
  [ "$j1" -eq 0 ] ||
    args+=(-n cc-j1 "/usr/bin/time -v -a -o $raw/$kind.j1.rss $cc $p --format json -j1 > /dev/null")
  args+=(-n rg "${rg_timeout:+timeout $rg_timeout }rg -o -f $(q "$patterns") -j2 $p > /dev/null")
  commands+=("$kind: \`$cc $p --format json -j2 > /dev/null\`")
  [ "$j1" -eq 0 ] || commands+=("$kind: \`$cc $p --format json -j1 > /dev/null\`")
  commands+=("$kind: \`${rg_timeout:+timeout $rg_timeout }rg -o -f $(q "$patterns") -j2 $p > /dev/null\`")
  say "$kind corpus: $path"
  # crosscheck exits 1 when it finds contradictions, which this corpus has.
  hyperfine --style basic --ignore-failure --warmup "$warmup" --runs "$runs" \
    --export-json "$json" "${args[@]}" >&2
  mapfile -t -O ${#rows[@]} rows < <(python3 - "$kind" "$bytes" "$json" "$raw" <<'PY'
import glob, json, sys
kind, size, path, raw = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
mib = size / 1048576
res = {r["command"]: r for r in json.load(open(path))["results"]}

def rss(tag):
    peaks = [int(line.split(":")[1]) for line in open(f"{raw}/{kind}.{tag}.rss")
             if "Maximum resident set size" in line]
    return f"{max(peaks) / 1024:.0f}" if peaks else "?"

def stopped(name):
    # `timeout` exits 124 when it stops rg: that run's time is a lower bound.
    return 124 in (res[name].get("exit_codes") or [])

def t(name):
    r = res[name]
    if stopped(name):
        return f'> {r["median"]:.0f} (stopped)', f'< {mib / r["median"]:.1f}', f'> {r["user"] + r["system"]:.0f}'
    return f'{r["median"]:.2f} ± {r["stddev"] or 0:.2f}', f"{mib / r['median']:.1f}", f'{r["user"] + r["system"]:.1f}'

def row(label, a, b, peak):
    (ta, sa, ca), (tb, sb, cb) = t(a), t(b)
    bound = "< " if stopped(b) else ""
    ratio = res[a]["median"] / res[b]["median"]
    cpu = (res[a]["user"] + res[a]["system"]) / (res[b]["user"] + res[b]["system"])
    print(f"| {kind} | {label} | {mib:.0f} | {ta} | {sa} | {ca} | {tb} | {sb} | {cb} "
          f"| **{bound}{ratio:.2f}** | {bound}{cpu:.2f} | {peak} |")

row("crosscheck -j2 / rg -j2", "cc-j2", "rg", rss("j2"))
if "cc-j1" in res:
    row("crosscheck -j1 / -j2", "cc-j1", "cc-j2", rss("j1"))
PY
  )
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for c in "${corpora[@]}"; do
  case $c in
    folder) time_corpus folder "$folder" "$(find "$folder" -type f -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s}')" ;;
    jsonl) time_corpus jsonl "$jsonl" "$(stat -c %s "$jsonl")" ;;
  esac
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# --- report ------------------------------------------------------------------
table=$(
  echo "| corpus | A / B | MiB | A median s | A MiB/s | A CPU s | B median s | B MiB/s | B CPU s | A / B time | A / B CPU | A peak RSS MiB |"
  echo "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
  printf '%s\n' "${rows[@]}"
)
{
  echo "# crosscheck benchmark, $mb MiB"
  echo
  echo "Generated by \`bench/run.sh${argv:+ $argv}\` on $(date -u '+%Y-%m-%d %H:%M UTC')."
  echo
  echo "$table"
  echo
  echo "Median of $runs runs after $warmup warmup run(s), with hyperfine (\`± stddev\`)."
  echo "MiB/s is the corpus size over the median. \`A / B time\` is the ratio of"
  echo "medians: above 1, A is slower. CPU s is the mean user + system time of a"
  echo "run, which a busy machine disturbs less than wall time; \`A / B CPU\` is"
  echo "their ratio. Peak RSS is the largest \"Maximum resident"
  echo "set size\" that \`/usr/bin/time -v\` reported over A's runs."
  echo "Load average (1, 5, 15 min) before: $load_before; after: $load_after."
  echo
  echo "## Code"
  echo
  echo "- commit \`$commit\`, $([ "$dirty" -eq 0 ] && echo "clean tree" || echo "$dirty tracked file(s) with uncommitted changes")"
  echo "- binary: \`cargo build --release\`$([ -z "$at" ] || echo " of \`git archive $commit\`"), copied to \`$bin\`"
  echo "- rules: ${rules[*]:-the default packs}; $npatterns expanded patterns (\`crosscheck rules patterns\`) in \`$patterns\`"
  echo
  echo "## Corpus"
  echo
  echo "- folder: \`$folder\`: $(find "$folder" -type f -name '*.txt' | wc -l) .txt files, $(du -sb --apparent-size "$folder" | cut -f1) bytes on disk"
  echo "- jsonl: \`$jsonl\`: $(wc -l <"$jsonl") lines, $(stat -c %s "$jsonl") bytes"
  echo "- made by \`python3 $gen --seeds $seeds --out PATH --mb $mb [--jsonl]\`"
  echo
  echo "## Machine"
  echo
  echo "- nproc: $(nproc)"
  echo "- CPU: $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "- RAM: $(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "- kernel: $(uname -sr)"
  echo "- $(rustc --version)"
  echo "- $(rg --version | sed -n 1p), $(hyperfine --version)"
  echo
  echo "## Commands"
  echo
  echo "Each crosscheck command ran under \`/usr/bin/time -v -a -o FILE\`."
  echo
  for c in "${commands[@]}"; do echo "- $c"; done
  echo
  echo "Raw hyperfine exports: \`$raw/*.json\`."
} >"$out"

echo
echo "$table"
echo
say "written to $out"
