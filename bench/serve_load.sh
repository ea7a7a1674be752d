#!/usr/bin/env bash
# 50 concurrent reviews of different drafts against a claim index, for
# 60 s, on 127.0.0.1 only: `crosscheck serve` on a generated corpus's
# index, and bench/serve_load.py as the clients. Prints the errors, the
# p50/p95/p99 latency and the server's RSS after a warm-up and at the end.
#
#   bench/serve_load.sh [--mb 200] [--dir /tmp/crosscheck-serve-bench]
#                       [--shared ../shared] [--bin target/release/crosscheck]
#                       [--clients 50] [--seconds 60] [--warmup 10] [--drafts 200]
#
# Builds the release binary unless --bin is given.
set -euo pipefail

mb=200
dir=/tmp/crosscheck-serve-bench
shared=../shared
bin=
clients=50
seconds=60
warmup=10
ndrafts=200
here=$(cd "$(dirname "$0")" && pwd)
while [ $# -gt 0 ]; do
    case "$1" in
        --mb) mb=$2; shift 2 ;;
        --dir) dir=$2; shift 2 ;;
        --shared) shared=$(realpath "$2"); shift 2 ;;
        --bin) bin=$2; shift 2 ;;
        --clients) clients=$2; shift 2 ;;
        --seconds) seconds=$2; shift 2 ;;
        --warmup) warmup=$2; shift 2 ;;
        --drafts) ndrafts=$2; shift 2 ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) echo "bench/serve_load.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
shared=$(realpath "$shared")
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
if [ ! -s "claims-$mb.db" ]; then
    /usr/bin/time -f "index update: %e s, %M KiB max RSS" \
        "$bin" index update "$corpus" --db "claims-$mb.db" --no-config >/dev/null
fi
# Different drafts: generated articles of another random seed (other
# figures, other outlets), so each review has its own findings.
if [ ! -d "drafts-$ndrafts" ]; then
    python3 "$shared/bench/gen_corpus.py" --seeds "$shared/seeds" --out drafts-gen \
        --mb 2 --seed 7 --per-dir 100000
    mkdir -p "drafts-$ndrafts"
    find drafts-gen -name '*.txt' | sort | head -n "$ndrafts" | while read -r f; do
        cp "$f" "drafts-$ndrafts/"
    done
fi
"$bin" serve --index "claims-$mb.db" --bind 127.0.0.1:0 --no-config --workers 8 > serve.out 2> serve.err &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
    grep -q 'listening on' serve.out 2>/dev/null && break
    sleep 0.1
done
addr=$(sed -n 's|.*listening on http://\([^/]*\)/.*|\1|p' serve.out)
echo "corpus: $mb MiB ($(find "$corpus" -name '*.txt' | wc -l) articles), index $(du -h "claims-$mb.db" | cut -f1), server $addr, pid $server" >&2
python3 "$here/serve_load.py" --addr "$addr" --pid "$server" --drafts "drafts-$ndrafts" \
    --clients "$clients" --seconds "$seconds" --warmup "$warmup"
