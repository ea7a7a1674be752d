#!/usr/bin/env bash
# The claim index, measured side by side in one run on a generated corpus:
#   - `check one-draft.md --index FILE` vs `check one-draft.md --against corpus/`
#     (the same report, checked byte for byte);
#   - building the index from scratch vs a plain `check` of the corpus, and
#     an update when nothing changed;
#   - the database's size vs the `extract --format jsonl` output;
#   - `check corpus/ --cache DIR` cold, warm, and with one article changed,
#     vs the plain check (the same report, checked byte for byte).
#
#   bench/index.sh [--mb 200] [--dir /tmp/crosscheck-index-bench] [--shared ../shared]
#                  [--bin target/release/crosscheck] [--runs 10]
#
# Builds the release binary unless --bin is given; prints a Markdown table.
set -euo pipefail

mb=200
dir=/tmp/crosscheck-index-bench
shared=../shared
bin=
runs=10
while [ $# -gt 0 ]; do
    case "$1" in
        --mb) mb=$2; shift 2 ;;
        --dir) dir=$2; shift 2 ;;
        --shared) shared=$2; shift 2 ;;
        --bin) bin=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "bench/index.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
if [ -z "$bin" ]; then
    cargo build --release --quiet
    bin=${CARGO_TARGET_DIR:-target}/release/crosscheck
fi
bin=$(realpath "$bin")
mkdir -p "$dir"
cd "$dir"
corpus=corpus-$mb
if [ ! -d "$corpus" ]; then
    python3 "$shared/bench/gen_corpus.py" --seeds "$shared/seeds" --out "$corpus" --mb "$mb"
fi
# One draft: a generated article with other figures (so it contradicts).
first=$(find "$corpus" -name '*.txt' | sort | sed -n 1p)
sed -e 's/196/201/g; s/93/95/g; s/800/640/g' "$first" > one-draft.md

# Seconds a command takes (its output to /dev/null), as a number.
seconds() {
    local start end
    start=$(date +%s.%N)
    "$@" > /dev/null 2>&1 || true
    end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN {print b - a}'
}
# The median of several runs.
median() {
    local n=$1; shift
    for _ in $(seq "$n"); do seconds "$@"; done | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

rm -f claims.db claims.db-wal claims.db-shm claims.db.lock
plain=$(seconds "$bin" check "$corpus" --format json --no-config)
build=$(seconds "$bin" index update "$corpus" --db claims.db --no-config)
again=$(seconds "$bin" index update "$corpus" --db claims.db --no-config)
against=$(median 3 "$bin" check one-draft.md --against "$corpus" --format json --no-config)
indexed=$(median "$runs" "$bin" check one-draft.md --index claims.db --format json --no-config)
"$bin" extract "$corpus" --format jsonl --no-config > claims.jsonl || true
db_bytes=$(stat -c %s claims.db)
jsonl_bytes=$(stat -c %s claims.jsonl)

for format in json human; do
    "$bin" check one-draft.md --against "$corpus" --format "$format" --no-config > against.$format || true
    "$bin" check one-draft.md --index claims.db --format "$format" --no-config > indexed.$format || true
    cmp -s against.$format indexed.$format || { echo "bench/index.sh: --index and --against differ in $format" >&2; exit 1; }
done
"$bin" index export --db claims.db > exported.jsonl
cmp -s exported.jsonl claims.jsonl || { echo "bench/index.sh: index export differs from extract" >&2; exit 1; }

# `check --cache`: cold, warm (median of 3), then one article changed (a
# space at its end, taken back afterwards); its report is the plain one's.
rm -rf cache
cached_cold=$(seconds "$bin" check "$corpus" --cache cache --format json --no-config)
cached_warm=$(median 3 "$bin" check "$corpus" --cache cache --format json --no-config)
touched=$(find "$corpus" -name '*.txt' | sort | sed -n 2p)
cp "$touched" touched.orig
printf ' ' >> "$touched"
cached_one=$(seconds "$bin" check "$corpus" --cache cache --format json --no-config)
"$bin" check "$corpus" --cache cache --format json --no-config > cached.json 2>/dev/null || true
"$bin" check "$corpus" --format json --no-config > plain.json || true
cp touched.orig "$touched"
cmp -s plain.json cached.json || { echo "bench/index.sh: check --cache and check differ" >&2; exit 1; }

files=$(find "$corpus" -type f | wc -l)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
printf '%s MiB corpus, %s files, %s cores; release build\n\n' "$mb" "$files" "$(nproc)"
printf '| what | time (s) | vs |\n| --- | ---: | --- |\n'
printf '| `check corpus/` (plain) | %.2f | |\n' "$plain"
printf '| `index update corpus/` from scratch | %.2f | %s× the plain check |\n' "$build" "$(ratio "$build" "$plain")"
printf '| `index update corpus/`, nothing changed | %.2f | %s× the plain check |\n' "$again" "$(ratio "$again" "$plain")"
printf '| `check one-draft.md --against corpus/` (median of 3) | %.3f | |\n' "$against"
printf '| `check one-draft.md --index claims.db` (median of %s) | %.3f | %s× faster than `--against` |\n' "$runs" "$indexed" "$(ratio "$against" "$indexed")"
printf '| `check corpus/ --cache DIR`, cold | %.2f | %s× the plain check |\n' "$cached_cold" "$(ratio "$cached_cold" "$plain")"
printf '| `check corpus/ --cache DIR`, nothing changed (median of 3) | %.2f | %s× the plain check |\n' "$cached_warm" "$(ratio "$cached_warm" "$plain")"
printf '| `check corpus/ --cache DIR`, one article changed | %.2f | %s× the plain check |\n' "$cached_one" "$(ratio "$cached_one" "$plain")"
printf '\n| file | bytes | vs |\n| --- | ---: | --- |\n'
printf '| `extract --format jsonl` | %s | |\n' "$jsonl_bytes"
printf '| `claims.db` | %s | %s× the JSONL |\n' "$db_bytes" "$(ratio "$db_bytes" "$jsonl_bytes")"
printf '\nReports of `--index` and `--against` (json, human), `index export` vs `extract --format jsonl`, and `check --cache` vs `check` (json): byte-identical.\n'
