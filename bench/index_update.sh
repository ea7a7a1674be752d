#!/usr/bin/env bash
# `index update` after a small change, side by side for one or more
# binaries in one run: each builds an index of the generated folder corpus
# from scratch, then 1% of the articles (every 100th file, sorted by path)
# gets a sentence with a new figure appended, and the update that follows
# is timed; the files are put back before the next binary. Prints a
# Markdown table: the build, the update and their ratio (the target is 5%).
#
#   bench/index_update.sh [--mb 200] [--dir /tmp/crosscheck-index-bench]
#                         [--shared ../shared] [--runs 3] BIN...
set -euo pipefail

mb=200
dir=/tmp/crosscheck-index-bench
shared=../shared
runs=3
bins=()
while [ $# -gt 0 ]; do
    case "$1" in
        --mb) mb=$2; shift 2 ;;
        --dir) dir=$2; shift 2 ;;
        --shared) shared=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        -*) echo "bench/index_update.sh: unknown option $1" >&2; exit 2 ;;
        *) bins+=("$(realpath "$1")"); shift ;;
    esac
done
[ ${#bins[@]} -gt 0 ] || { echo "bench/index_update.sh: give one binary or more" >&2; exit 2; }
shared=$(realpath "$shared")
mkdir -p "$dir"
cd "$dir"
corpus=corpus-$mb
if [ ! -d "$corpus" ]; then
    python3 "$shared/bench/gen_corpus.py" --seeds "$shared/seeds" --out "$corpus" --mb "$mb"
fi
find "$corpus" -name '*.txt' | sort | awk 'NR % 100 == 0' > changed.list
rm -rf originals && mkdir originals
while read -r f; do mkdir -p "originals/$(dirname "$f")" && cp -p "$f" "originals/$f"; done < changed.list
restore() { (cd originals && find . -type f | while read -r f; do cp -p "$f" "../$f"; done); }
trap restore EXIT

seconds() {
    local start end
    start=$(date +%s.%N)
    "$@" > /dev/null 2>&1 || true
    end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN {print b - a}'
}

echo "$(wc -l < changed.list) of $(find "$corpus" -name '*.txt' | wc -l) files changed, $runs rounds"
echo
echo '| binary | round | build from scratch (s) | update, 1% changed (s) | update / build |'
echo '| --- | ---: | ---: | ---: | ---: |'
for round in $(seq "$runs"); do
    for bin in "${bins[@]}"; do
        rm -f u.db u.db-wal u.db-shm u.db.lock
        build=$(seconds "$bin" index update "$corpus" --db u.db --no-config)
        # A new sentence with a figure: the article's hash and size change.
        while read -r f; do printf '\nوأعلنت المنظمة مشاركة %d دولة.\n' "$((RANDOM % 200 + 1))" >> "$f"; done < changed.list
        update=$(seconds "$bin" index update "$corpus" --db u.db --no-config)
        restore
        awk -v n="$(basename "$bin")" -v r="$round" -v b="$build" -v u="$update" \
            'BEGIN {printf "| `%s` | %d | %.2f | %.2f | %.1f%% |\n", n, r, b, u, 100 * u / b}'
    done
done
rm -f u.db u.db-wal u.db-shm u.db.lock
