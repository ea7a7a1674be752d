#!/usr/bin/env bash
# Map/reduce under Spark, for real: the map step (bench/spark_map.py, the
# README's recipe) pipes a generated JSONL corpus with three broken lines
# through `crosscheck extract` with RDD.pipe in Spark local mode; the
# reduce is `crosscheck check --claims`. Asserts that the reduce's report
# (JSON, SARIF and human: findings, quotes and summary), its stderr and its exit code are
# byte for byte those of one `check` over the corpus, and prints both times.
#
#   bench/spark.sh [--mb 200] [--dir /tmp/crosscheck-spark] [--shared ../shared]
#                  [--bin target/release/crosscheck] [--master local[2]]
#
# Installs what is missing: pyspark (PyPI, in a virtual environment under
# --dir) and a Java runtime (Debian package, with apt-get).
set -euo pipefail

mb=200
dir=/tmp/crosscheck-spark
shared=../shared
bin=
master='local[2]'
pyspark_version=4.3.0
while [ $# -gt 0 ]; do
    case "$1" in
        --mb) mb=$2; shift 2 ;;
        --dir) dir=$2; shift 2 ;;
        --shared) shared=$2; shift 2 ;;
        --bin) bin=$2; shift 2 ;;
        --master) master=$2; shift 2 ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) echo "bench/spark.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
here=$(cd "$(dirname "$0")" && pwd)
shared=$(realpath "$shared")
if [ -z "$bin" ]; then
    cargo build --release --quiet
    bin=${CARGO_TARGET_DIR:-target}/release/crosscheck
fi
bin=$(realpath "$bin")
mkdir -p "$dir"
cd "$dir"

# Java: Spark 4 needs 17 or later.
java_major() { java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
if ! command -v java >/dev/null 2>&1 || [ "$(java_major)" -lt 17 ]; then
    echo "spark.sh: installing a Java runtime with apt-get" >&2
    sudo=()
    [ "$(id -u)" -ne 0 ] && sudo=(sudo -n)
    ${sudo[@]+"${sudo[@]}"} apt-get update -qq
    ${sudo[@]+"${sudo[@]}"} apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless ||
        ${sudo[@]+"${sudo[@]}"} apt-get install -y -qq --no-install-recommends default-jre-headless
fi
# PySpark, in a virtual environment of its own.
if ! venv/bin/python -c "import pyspark" 2>/dev/null; then
    echo "spark.sh: installing pyspark $pyspark_version from PyPI" >&2
    python3 -m venv venv
    venv/bin/pip install -q "pyspark==$pyspark_version"
fi
export PYSPARK_PYTHON=$dir/venv/bin/python
export PYSPARK_DRIVER_PYTHON=$dir/venv/bin/python

# The corpus: generated, with three broken lines (cut off, not JSON, not an
# article) near the start, in the middle and at the end.
corpus=corpus-$mb.jsonl
if [ ! -f "$corpus" ]; then
    python3 "$shared/bench/gen_corpus.py" --seeds "$shared/seeds" --out whole.jsonl --mb "$mb" --jsonl
    python3 - whole.jsonl "$corpus" <<'EOF'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines(keepends=True)
broken = ['{"id": "cut", "text": "الدورة الثالثة\n', "not json\n", '["an array"]\n']
for at, line in zip([10, len(lines) // 2, len(lines)], broken):
    lines.insert(at, line)
open(sys.argv[2], "w", encoding="utf-8").write("".join(lines))
EOF
    rm whole.jsonl
fi
lines=$(wc -l < "$corpus")
echo "corpus: $corpus, $(du -m "$corpus" | cut -f1) MiB, $lines lines" >&2

now() { date +%s.%N; }
# One machine: one check over the corpus.
start=$(now)
set +e
"$bin" check "$corpus" --no-config --format json > one.json 2> one.stderr
one_code=$?
set -e
one_time=$(echo "$(now) - $start" | bc)
"$bin" check "$corpus" --no-config --format sarif > one.sarif 2>/dev/null || true
"$bin" check "$corpus" --no-config --format human --color never > one.human 2>/dev/null || true

# Spark: the map step with RDD.pipe, then the reduce.
rm -rf claims
start=$(now)
venv/bin/spark-submit --master "$master" --conf spark.ui.enabled=false \
    "$here/spark_map.py" "$bin" "$dir/claims" "$corpus" 2> spark.log
map_time=$(echo "$(now) - $start" | bc)
start=$(now)
set +e
"$bin" check --claims claims/part-* --no-config --format json > reduced.json 2> reduced.stderr
reduced_code=$?
set -e
reduce_time=$(echo "$(now) - $start" | bc)
"$bin" check --claims claims/part-* --no-config --format sarif > reduced.sarif 2>/dev/null || true
"$bin" check --claims claims/part-* --no-config --format human --color never > reduced.human 2>/dev/null || true

status=0
same() {
    if cmp -s "$1" "$2"; then
        echo "same: $1 $2" >&2
    else
        echo "DIFFERENT: $1 $2" >&2
        status=1
    fi
}
same one.json reduced.json
same one.sarif reduced.sarif
same one.human reduced.human
same one.stderr reduced.stderr
if [ "$one_code" != "$reduced_code" ]; then
    echo "DIFFERENT exit codes: one run $one_code, reduce $reduced_code" >&2
    status=1
fi
summary=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"])' one.json)
echo "summary: $summary; exit code $one_code; parts: $(ls claims/part-* | wc -l)" >&2

printf '| run | seconds |\n| --- | ---: |\n'
printf '| one `check` over %s MiB (2 threads) | %.1f |\n' "$mb" "$one_time"
printf '| Spark %s: map (RDD.pipe, JVM start included) | %.1f |\n' "$master" "$map_time"
printf '| reduce: `check --claims claims/part-*` | %.1f |\n' "$reduce_time"
printf '| Spark map + reduce | %.1f |\n' "$(echo "$map_time + $reduce_time" | bc)"
exit $status
