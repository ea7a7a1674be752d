#!/usr/bin/env bash
# `check` on one corpus with two commits side by side: each built from
# `git archive REV` (so edits in progress do not leak in), then run in
# turn, N times each; prints wall and CPU seconds, peak RSS, the ratio of
# the medians, and whether the two reports are byte-identical.
#
#   bench/before_after.sh BEFORE AFTER [RUNS]
#   BENCH_DIR=/tmp/cc-ba BENCH_SHARED=../shared bench/before_after.sh 0f38a8f HEAD 5
#
# The corpus is the 200 MiB JSONL of ../shared/bench/gen_corpus.py
# (BENCH_MB to change the size), made once in BENCH_DIR.
#
# BENCH_MODE=instructions counts instructions instead of timing: each
# binary runs `check -j1` once under valgrind's callgrind, on the corpus
# (BENCH_MB defaults to 20 here) and on its first article alone (the
# start-up: compiling the packs); the counts are the same from run to run
# whatever else the machine does, so their ratio settles what timings on
# a shared machine cannot.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
before=${1:?usage: bench/before_after.sh BEFORE AFTER [RUNS]}
after=${2:?usage: bench/before_after.sh BEFORE AFTER [RUNS]}
runs=${3:-5}
dir=${BENCH_DIR:-/tmp/crosscheck-before-after}
shared=${BENCH_SHARED:-$repo/../shared}
mode=${BENCH_MODE:-time}
if [ "$mode" = instructions ]; then mb=${BENCH_MB:-20}; else mb=${BENCH_MB:-200}; fi
mkdir -p "$dir"
corpus=$dir/corpus-$mb.jsonl
[ -f "$corpus" ] || python3 "$shared/bench/gen_corpus.py" --seeds "$shared/seeds" --out "$corpus" --mb "$mb" --jsonl
for name in before after; do
    rev=${!name}
    commit=$(git -C "$repo" rev-parse "$rev")
    if [ -x "$dir/$name" ] && [ "$(cat "$dir/$name.commit" 2>/dev/null)" = "$commit" ]; then
        continue
    fi
    src=$dir/src-$name
    rm -rf "$src" && mkdir -p "$src"
    git -C "$repo" archive "$rev" | tar -x -C "$src"
    # git archive dates every file at its commit, older than the last
    # build in the shared target folder: without a clean, cargo would take
    # the other commit's crosscheck as up to date.
    (cd "$src" && CARGO_TARGET_DIR=$dir/target cargo clean --release -q -p crosscheck &&
        CARGO_TARGET_DIR=$dir/target cargo build --release -q)
    cp "$dir/target/release/crosscheck" "$dir/$name"
    echo "$commit" >"$dir/$name.commit"
done
if [ "$mode" = instructions ]; then
    command -v valgrind >/dev/null || { echo "BENCH_MODE=instructions needs valgrind" >&2; exit 2; }
    head -n 1 "$corpus" >"$dir/one-$mb.jsonl"
    count() { # binary input -> instructions
        # check exits 1 on the corpus's findings: not a failure here.
        { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$1" check "$2" --format json -j1 --no-config \
            -o "$dir/out-$(basename "$1")-$(basename "$2").json" 2>&1 >/dev/null || true; } |
            sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
    }
    echo "before: $(git -C "$repo" rev-parse --short "$before"), after: $(git -C "$repo" rev-parse --short "$after"), instructions, corpus $mb MiB, -j1"
    declare -A n
    for name in before after; do
        n[$name-one]=$(count "$dir/$name" "$dir/one-$mb.jsonl")
        n[$name-all]=$(count "$dir/$name" "$corpus")
        echo "$name: start-up ${n[$name-one]}, whole ${n[$name-all]}"
    done
    awk -v b1="${n[before-one]}" -v ba="${n[before-all]}" -v a1="${n[after-one]}" -v aa="${n[after-all]}" 'BEGIN {
        printf "ratio after/before: whole %.3f, start-up %.3f, per article beyond start-up %.3f\n", aa / ba, a1 / b1, (aa - a1) / (ba - b1)
    }'
    if cmp -s "$dir/out-before-corpus-$mb.jsonl.json" "$dir/out-after-corpus-$mb.jsonl.json"; then
        echo "reports: byte-identical"
    else
        echo "reports: differ"
    fi
    exit 0
fi
echo "before: $(git -C "$repo" rev-parse --short "$before"), after: $(git -C "$repo" rev-parse --short "$after"), $runs runs each"
for _ in $(seq "$runs"); do
    for name in before after; do
        /usr/bin/time -f "$name %e %U %S %M" "$dir/$name" check "$corpus" --format json -j2 --no-config \
            -o "$dir/out-$name.json" 2>&1 | tail -1 || true # exit 1: the corpus has errors
    done
done | awk '
    { printf "%-6s wall %.2f s  cpu %.2f s  %d MiB\n", $1, $2, $3 + $4, $5 / 1024; wall[$1] = wall[$1] " " $2; cpu[$1] = cpu[$1] " " ($3 + $4) }
    function median(list,   a, n, i, j, t) {
        n = split(list, a, " ")
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    END {
        printf "median wall: before %.2f s, after %.2f s, ratio %.2f\n", median(wall["before"]), median(wall["after"]), median(wall["after"]) / median(wall["before"])
        printf "median cpu:  before %.2f s, after %.2f s, ratio %.2f\n", median(cpu["before"]), median(cpu["after"]), median(cpu["after"]) / median(cpu["before"])
    }'
if cmp -s "$dir/out-before.json" "$dir/out-after.json"; then
    echo "reports: byte-identical"
else
    echo "reports: differ (cmp $dir/out-before.json $dir/out-after.json)"
fi
