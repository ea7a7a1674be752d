#!/usr/bin/env bash
# Fuzz crosscheck with AFL++ (cargo afl, stable Rust).
#
#   fuzz/run.sh [SECONDS] [TARGET]...
#
# SECONDS: how long each target runs (default 600); TARGET: rules, jsonl,
# frontmatter, grammars (default: all four). Targets run two at a time
# (JOBS=N to change), each on one core. The script installs cargo-afl when
# it is missing, builds the harnesses, writes the seeds and dictionaries to
# fuzz/in/ (git-ignored), runs `cargo afl fuzz` with its output in
# fuzz/out/<target>/ (git-ignored; a later run resumes it) and prints each
# target's fuzzer_stats. Crashes land in fuzz/out/<target>/default/crashes/;
# once fixed, copy them to tests/fuzz_regressions/<target>/ so that
# `cargo test --test fuzz_regressions` replays them for good.
set -euo pipefail
cd "$(dirname "$0")"

secs=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(rules jsonl frontmatter grammars)
jobs=${JOBS:-2}

command -v cargo-afl >/dev/null 2>&1 || cargo install --locked cargo-afl
cargo afl build --release --bins
./target/release/seeds in "${targets[@]}"

export AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_AUTORESUME=1
export AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
# A rule pack compiles its patterns with the number grammar (tens of ms a
# pattern): give each input up to 5 s before it counts as a hang.
run() {
    local t=$1
    mkdir -p out
    cargo afl fuzz -i "in/$t" -o "out/$t" -x "in/$t.dict" -t 5000 -m none \
        -V "$secs" -- "target/release/afl_$t" >"out/$t.log" 2>&1 || {
        echo "afl-fuzz failed on $t; the end of out/$t.log:" >&2
        tail -20 "out/$t.log" >&2
        return 1
    }
}

pids=()
status=0
for t in "${targets[@]}"; do
    run "$t" &
    pids+=($!)
    if [ ${#pids[@]} -ge "$jobs" ]; then
        wait "${pids[0]}" || status=1
        pids=("${pids[@]:1}")
    fi
done
for p in ${pids[@]+"${pids[@]}"}; do wait "$p" || status=1; done

printf '%-12s %8s %12s %9s %10s %8s %8s %8s\n' target run_s execs execs/s edges cover crashes hangs
for t in "${targets[@]}"; do
    s="out/$t/default/fuzzer_stats"
    [ -f "$s" ] || { echo "$t: no fuzzer_stats"; status=1; continue; }
    v() { sed -n "s/^$1 *: *//p" "$s"; }
    printf '%-12s %8s %12s %9s %10s %8s %8s %8s\n' "$t" "$(v run_time)" "$(v execs_done)" \
        "$(v execs_per_sec)" "$(v edges_found)/$(v total_edges)" "$(v bitmap_cvg)" \
        "$(v saved_crashes)" "$(v saved_hangs)"
done
exit $status
