#!/usr/bin/env bash
# Does a refactor change any output? Builds two commits from `git archive`
# (so edits in progress in the work tree do not leak in), runs a fixed list
# of cases with each binary, and compares, byte for byte, each case's
# stdout, `-o` file and exit code. One line a case, `same` or `DIFFERS`,
# then a summary; exits 1 when any case differs.
#
#   bench/same_output.sh BEFORE AFTER          # e.g. 6f01cfb HEAD
#   SAME_MB=20 bench/same_output.sh HEAD~1 HEAD  # quick: a 20 MiB corpus
#
# Settings (environment):
#   SAME_DIR     scratch folder: sources, target, binaries, corpora, outputs
#                (default /tmp/crosscheck-same-output)
#   SAME_MB      size of the generated corpora in MiB (default 200)
#   SAME_SHARED  the ../shared checkout with bench/gen_corpus.py and seeds/
#                (default: beside the repository); without it only the
#                in-repo cases run
#   SAME_KEEP=1  keep the corpus cases' outputs; by default each is kept
#                only as its sha256 and size, since at 200 MiB they are
#                tens to hundreds of MB and there are two of each
#   SAME_AFTER_CHECK_ARGS  flags the AFTER binary's `check` runs get too,
#                e.g. `--all-claims` to compare a build that quotes fewer
#                claims with one that quoted them all
#
# Cases: on seeds/ every `check` format, `extract` jsonl and json, `diff --by
# source` (table, json), `check --claims` over that binary's own extraction;
# the news stories of tests/news with their packs (check json and human,
# diff json); the seeds as drafts `--against` the archive; on the generated
# JSONL corpus check json and sarif, extract jsonl, diff json and `check
# --claims` over the extraction in 2 shards; on the generated folder corpus
# check json with -j2 and -j1. The AFTER binary's -j1 and -j2 reports are
# also compared with each other: the thread count must not change output.
set -euo pipefail
start=$SECONDS
usage="usage: bench/same_output.sh BEFORE AFTER"
repo=$(cd "$(dirname "$0")/.." && pwd)
before=${1:?$usage}
after=${2:?$usage}
dir=${SAME_DIR:-/tmp/crosscheck-same-output}
mb=${SAME_MB:-200}
shared=${SAME_SHARED:-$repo/../shared}
keep=${SAME_KEEP:-0}

# Resolve both revisions now: HEAD may move while we build and run.
before_commit=$(git -C "$repo" rev-parse --verify "$before^{commit}")
after_commit=$(git -C "$repo" rev-parse --verify "$after^{commit}")
mkdir -p "$dir/bin"

# The binary of one commit, built once: `git archive` into the scratch
# folder, one CARGO_TARGET_DIR for every build (dependencies compile once),
# the binary copied out under its commit so the next run reuses it.
# `cargo clean -p crosscheck` first, because cargo would otherwise reuse
# the other commit's build: it names the crate's artifacts the same
# whatever folder the sources are in, and judges them fresh by mtime, and
# `git archive` gives every file its commit's time, older than that build.
build() { # commit -> prints the binary's path
    local commit=$1 bin=$dir/bin/crosscheck-$1 src=$dir/src-$1
    if [ ! -x "$bin" ]; then
        rm -rf "$src" && mkdir -p "$src"
        git -C "$repo" archive "$commit" | tar -x -C "$src"
        (
            cd "$src"
            export CARGO_TARGET_DIR=$dir/target
            cargo clean --release -p crosscheck -q
            nice -n 10 cargo build --release --locked -q
        ) >&2
        cp "$dir/target/release/crosscheck" "$bin.tmp" && mv "$bin.tmp" "$bin"
        rm -rf "$src"
    fi
    echo "$bin"
}
declare -A bin
bin[before]=$(build "$before_commit")
bin[after]=$(build "$after_commit")
echo "before: ${before_commit:0:7} ($before), after: ${after_commit:0:7} ($after); built in $((SECONDS - start)) s"
if [ "$before_commit" != "$after_commit" ] && cmp -s "${bin[before]}" "${bin[after]}"; then
    echo "note: the two binaries are byte-identical (the commits differ outside the code?)"
fi

# Every case runs from one copy of the AFTER commit's tree, so the relative
# paths in the output (seeds/003_….txt) are the same for both binaries and
# nobody's edit to seeds/ or tests/news/ can land between the two runs.
root=$dir/root
rm -rf "$root" && mkdir -p "$root"
git -C "$repo" archive "$after_commit" | tar -x -C "$root"

# The corpora, made once a size (gen_corpus.py is deterministic); written
# under a temporary name first so an interrupted run is not reused.
corpora=yes
jsonl=$dir/corpus-$mb.jsonl
folder=$dir/corpus-$mb
if [ -f "$shared/bench/gen_corpus.py" ] && [ -d "$shared/seeds" ]; then
    if [ ! -f "$jsonl" ]; then
        python3 "$shared/bench/gen_corpus.py" --seeds "$shared/seeds" --out "$jsonl.tmp" --mb "$mb" --jsonl
        mv "$jsonl.tmp" "$jsonl"
    fi
    if [ ! -d "$folder" ]; then
        rm -rf "$folder.tmp"
        python3 "$shared/bench/gen_corpus.py" --seeds "$shared/seeds" --out "$folder.tmp" --mb "$mb"
        mv "$folder.tmp" "$folder"
    fi
else
    corpora=no
    echo "no $shared/bench/gen_corpus.py or $shared/seeds: only the in-repo cases run (SAME_SHARED=DIR to point at ../shared)"
fi

# Outputs: $res/CASE/{before,after}.{stdout,code,stderr,o}. Fresh each run.
res=$dir/out
rm -rf "$res" && mkdir -p "$res"
stagedir=$dir/stage # per-binary inputs (claim shards) go here, at one path
out_file=$dir/o/report # the `-o` path: one path for both binaries
mkdir -p "$stagedir" "$dir/o"

# Same terminal for every run: human output wraps at COLUMNS, no colours,
# and no GitHub step summary appended to (`--format github` writes one).
export COLUMNS=100 NO_COLOR=1
unset GITHUB_STEP_SUMMARY

cases=0 differ=0

# Replace a big output by "sha256 size" (unless SAME_KEEP=1).
shrink() { # file
    [ "$keep" = 1 ] && return 0
    printf '%s %s\n' "$(sha256sum <"$1" | cut -d' ' -f1)" "$(stat -c %s "$1")" >"$1.sha256"
    rm -f "$1"
}

# Compare two outputs kept in full or as sha256; prints nothing when same.
compare() { # a b -> "cmp a b" or ""
    if [ -f "$1" ] && [ -f "$2" ]; then
        cmp -s "$1" "$2" || echo "cmp $1 $2"
    elif [ -f "$1.sha256" ] && [ -f "$2.sha256" ]; then
        cmp -s "$1.sha256" "$2.sha256" || echo "cmp $1.sha256 $2.sha256: sha256 and size; SAME_KEEP=1 keeps the outputs"
    elif [ -e "$1" ] || [ -e "$1.sha256" ] || [ -e "$2" ] || [ -e "$2.sha256" ]; then
        echo "only one of $1 $2"
    fi
}

# same NAME ARGS...: run `crosscheck ARGS --no-config` with each binary and
# compare. In ARGS, `@OUT@` is the `-o` file. Variables for one call:
#   stage=FN  FN SIDE runs before each binary (puts that binary's inputs
#             in place);
#   post=FN   FN SIDE runs after it (keeps what a later case needs);
#   big=1     the outputs are kept only as sha256 (see shrink).
same() {
    local name=$1 side code f
    shift
    local -a args=("${@//@OUT@/$out_file}") extra
    mkdir -p "$res/$name"
    for side in before after; do
        [ -z "${stage:-}" ] || "$stage" "$side"
        rm -f "$out_file"
        extra=()
        if [ "$side" = after ] && [ "${args[0]}" = check ]; then
            read -ra extra <<<"${SAME_AFTER_CHECK_ARGS:-}"
        fi
        code=0
        (cd "$root" && "${bin[$side]}" "${args[@]}" ${extra[@]+"${extra[@]}"} --no-config) \
            >"$res/$name/$side.stdout" 2>"$res/$name/$side.stderr" || code=$?
        echo "$code" >"$res/$name/$side.code"
        [ ! -e "$out_file" ] || mv "$out_file" "$res/$name/$side.o"
        [ -z "${post:-}" ] || "$post" "$side"
        if [ "${big:-0}" = 1 ]; then
            for f in "$res/$name/$side.stdout" "$res/$name/$side.o"; do
                [ ! -f "$f" ] || shrink "$f"
            done
        fi
    done
    cases=$((cases + 1))
    local bc ac d line=""
    read -r bc <"$res/$name/before.code"
    read -r ac <"$res/$name/after.code"
    [ "$bc" = "$ac" ] || line="exit $bc vs $ac"
    for f in stdout o; do
        d=$(compare "$res/$name/before.$f" "$res/$name/after.$f")
        [ -z "$d" ] || line="${line:+$line; }$d"
    done
    # No case here is a usage error: exit 2 from both means the case
    # itself is wrong (a flag that no longer exists, a missing path), not
    # that the outputs agree.
    if [ -n "$line" ]; then
        differ=$((differ + 1))
        printf '%-28s DIFFERS (%s)\n' "$name" "$line"
    elif [ "$ac" = 2 ]; then
        differ=$((differ + 1))
        printf '%-28s BROKEN (exit 2 with both binaries: %s)\n' "$name" "$res/$name/after.stderr"
    else
        printf '%-28s same\n' "$name"
    fi
}

# --- On seeds/: every format of check, extract, diff, and the reduce step.
for format in human json sarif html github short jsonl; do
    same "seeds-check-$format" check seeds/ --format "$format"
done
# With -o, and with the sources named so that the page's claims-by-source
# matrix has several columns.
same seeds-check-html-o check seeds/ --sources docs/seeds-sources.yaml --format html -o @OUT@
same seeds-extract-jsonl extract seeds/ --format jsonl
same seeds-extract-json extract seeds/ --format json
same seeds-diff-source diff --by source seeds/ --sources docs/seeds-sources.yaml
same seeds-diff-source-json diff --by source seeds/ --sources docs/seeds-sources.yaml --format json
# `check --claims` reads the shard that the same binary extracted above.
# shellcheck disable=SC2317 # called by same(), through $stage
stage_seeds_shard() { cp "$res/seeds-extract-jsonl/$1.stdout" "$stagedir/seeds.jsonl"; }
stage=stage_seeds_shard same seeds-check-claims check --claims "$stagedir/seeds.jsonl" --format json
stage=stage_seeds_shard same seeds-check-claims-human check --claims "$stagedir/seeds.jsonl"
rm -f "$stagedir/seeds.jsonl"

# --- The news stories of tests/news (as tests/news.rs runs them): each
# story's articles and extra articles with its own packs only.
news() { # story paths... -- packs...
    local story=$1 n=tests/news
    shift
    local -a paths=() packs=()
    while [ "$1" != -- ]; do paths+=("$n/$1"); shift; done
    shift
    for p in "$@"; do packs+=(--rules "$n/$p"); done
    same "news-$story-check-json" check "${paths[@]}" --no-default-rules "${packs[@]}" --format json
    same "news-$story-check-human" check "${paths[@]}" --no-default-rules "${packs[@]}"
    same "news-$story-diff-json" diff --by source "${paths[@]}" --no-default-rules "${packs[@]}" --format json
}
news quake quake extra -- quake-ar.yaml quake-en.yaml
news flood flood flood-extra -- flood-ar.yaml flood-fr.yaml flood-en.yaml
news storm storm -- storm-ar.yaml storm-en.yaml

# --- The seeds as drafts against the archive's earlier assembly (scopes).
same against-check-human check seeds/ --against tests/news/archive
same against-check-json check seeds/ --against tests/news/archive --format json

# --- The generated corpora.
if [ "$corpora" = yes ]; then
    big=1 same "jsonl$mb-check-json" check "$jsonl" --format json -j2
    big=1 same "jsonl$mb-check-sarif" check "$jsonl" --format sarif -j2
    # The extraction, split into 2 shards by line, is the next case's input.
    # shellcheck disable=SC2317 # called by same(), through $post
    split_shards() { split -n l/2 -d "$res/jsonl$mb-extract-jsonl/$1.stdout" "$stagedir/$1-shard-"; }
    post=split_shards big=1 same "jsonl$mb-extract-jsonl" extract "$jsonl" --format jsonl -j2
    big=1 same "jsonl$mb-diff-source-json" diff --by source "$jsonl" --format json -j2
    # shellcheck disable=SC2317 # called by same(), through $stage
    stage_shards() { # the same two paths for both binaries
        mv "$stagedir/$1-shard-00" "$stagedir/shard-1.jsonl"
        mv "$stagedir/$1-shard-01" "$stagedir/shard-2.jsonl"
    }
    stage=stage_shards big=1 same "jsonl$mb-check-claims-2" check --claims "$stagedir/shard-1.jsonl" "$stagedir/shard-2.jsonl" --format json -j2
    rm -f "$stagedir"/*shard*

    big=1 same "folder$mb-check-json-j2" check "$folder" --format json -j2
    big=1 same "folder$mb-check-json-j1" check "$folder" --format json -j1
    # Within AFTER: -j1 and -j2 must give the same report and exit code.
    cases=$((cases + 1))
    a=$res/folder$mb-check-json-j1/after b=$res/folder$mb-check-json-j2/after
    why=$(compare "$a.stdout" "$b.stdout")
    cmp -s "$a.code" "$b.code" || why="exit $(cat "$a.code") vs $(cat "$b.code") $why"
    if [ -z "$why" ]; then
        printf '%-28s same\n' "after-folder$mb-j1-vs-j2"
    else
        differ=$((differ + 1))
        printf '%-28s DIFFERS (%s)\n' "after-folder$mb-j1-vs-j2" "$why"
    fi
fi

skipped=""
[ "$corpora" = yes ] || skipped=" (corpus cases skipped: no $shared)"
if [ "$differ" = 0 ]; then
    echo "all $cases cases same$skipped; outputs in $res"
else
    echo "$differ of $cases cases DIFFER$skipped; outputs in $res"
fi
wall=$((SECONDS - start))
echo "wall time: $wall s ($((wall / 60))m$(printf %02d $((wall % 60)))s)"
[ "$differ" = 0 ]
