#!/usr/bin/env bash
# `crosscheck lsp` from a keystroke to diagnostics, on a generated corpus.
# Builds (once) an index of a generated folder corpus, starts the release
# server on it, opens a 10 KB draft (the seeds' paragraphs that state
# figures, some figures changed so it contradicts the corpus), then makes
# 20 edits. Each edit types a new figure over one of the draft's figures,
# one didChange a keystroke, `--gap` ms apart (faster than the debounce),
# and times from its last didChange to the publishDiagnostics of that
# version. Prints the median and p95 over the 20 edits, and the same less
# the debounce. Run twice: with the debounce, typed; and with none, each
# edit one didChange (the check alone, with the protocol's round trip).
#
#   bench/lsp_latency.sh [--mb 200] [--dir /tmp/crosscheck-lsp-bench] [--shared ../shared]
#                        [--bin target/release/crosscheck] [--debounce 50] [--gap 30]
#
# Builds the release binary unless --bin is given.
set -euo pipefail

mb=200
dir=/tmp/crosscheck-lsp-bench
shared=../shared
bin=
debounce=50
gap=30
while [ $# -gt 0 ]; do
    case "$1" in
        --mb) mb=$2; shift 2 ;;
        --dir) dir=$2; shift 2 ;;
        --shared) shared=$2; shift 2 ;;
        --bin) bin=$2; shift 2 ;;
        --debounce) debounce=$2; shift 2 ;;
        --gap) gap=$2; shift 2 ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "bench/lsp_latency.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
root=$(cd "$(dirname "$0")/.." && pwd)
shared=$(realpath "$shared")
if [ -z "$bin" ]; then
    (cd "$root" && cargo build --release --quiet)
    bin=${CARGO_TARGET_DIR:-$root/target}/release/crosscheck
fi
bin=$(realpath "$bin")
mkdir -p "$dir"
cd "$dir"
corpus=corpus-$mb
if [ ! -d "$corpus" ]; then
    python3 "$shared/bench/gen_corpus.py" --seeds "$shared/seeds" --out "$corpus" --mb "$mb"
fi
if [ ! -f "claims-$mb.db" ]; then
    start=$(date +%s.%N)
    "$bin" index update "$corpus" --db "claims-$mb.db" --no-config >/dev/null
    echo "index update $corpus: $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}') s" >&2
fi

# The draft: the seeds' paragraphs that state a figure, in turn, until
# 10 KB; every other paragraph's figures moved by one, so some disagree
# with the corpus.
python3 - "$root/seeds" draft.md <<'PY'
import os, re, sys
seeds, out = sys.argv[1], sys.argv[2]
paragraphs = []
for name in sorted(os.listdir(seeds)):
    text = open(os.path.join(seeds, name), encoding="utf-8").read()
    paragraphs += [p.strip() for p in re.split(r"\n\s*\n", text) if re.search(r"\d{2,}", p) and len(p) < 1500]
draft, i = [], 0
while len("\n\n".join(draft).encode()) < 10 * 1024:
    p = paragraphs[i % len(paragraphs)]
    if i % 2:
        p = re.sub(r"\d+", lambda m: str(int(m.group()) + 1) if len(m.group()) < 4 else m.group(), p)
    draft.append(p)
    i += 1
open(out, "w", encoding="utf-8").write("# draft\n\n" + "\n\n".join(draft) + "\n")
PY

run() {
    python3 - "$bin" "$dir" "claims-$mb.db" "$1" "$gap" "$2" <<'PY'
import json, math, os, re, statistics, subprocess, sys, threading, queue, time
bin, work, db, debounce, gap = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]) / 1000
keystrokes = sys.argv[6] == "typed"
server = subprocess.Popen([bin, "lsp", "--index", db, "--no-config", f"--debounce={debounce}"],
                          cwd=work, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
inbox = queue.Queue()

def reader():
    out = server.stdout
    while True:
        length = None
        while True:
            line = out.readline()
            if not line:
                return
            line = line.strip()
            if not line:
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        inbox.put((time.perf_counter(), json.loads(out.read(length))))

threading.Thread(target=reader, daemon=True).start()
def send(message):
    body = json.dumps(message).encode()
    server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    server.stdin.flush()
    return time.perf_counter()
def wait(want):
    while True:
        at, m = inbox.get(timeout=120)
        if want(m):
            return at, m

uri = "file://" + os.path.join(work, "draft.md")
text = open(os.path.join(work, "draft.md"), encoding="utf-8").read()
send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
      "params": {"processId": None, "rootUri": "file://" + work, "capabilities": {}}})
wait(lambda m: m.get("id") == 1)
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
opened = send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
    "uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
def published(version):
    return wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["version"] == version)
at, m = published(1)
print(f"  open: {(at - opened) * 1000:.0f} ms, {len(m['params']['diagnostics'])} diagnostics", file=sys.stderr)

def position(offset):
    before = text[:offset]
    line = before.count("\n")
    start = before.rfind("\n") + 1
    return {"line": line, "character": len(before[start:].encode("utf-16-le")) // 2}

# The edits: over the draft's figures of two or three digits, spread
# through it; each typed as delete-the-figure then one keystroke a digit.
figures = [m for m in re.finditer(r"(?<!\d)\d{2,3}(?!\d)", text)]
step = max(1, len(figures) // 20)
version, latencies, counts = 1, [], []
for n in range(20):
    m = figures[(n * step) % len(figures)]
    new = str(int(m.group()) + 1 + n % 3)
    keys = [(m.start(), m.end(), "")] + [(m.start() + i, m.start() + i, new[i]) for i in range(len(new))]
    if not keystrokes:
        keys = [(m.start(), m.end(), new)]
    for start, end, typed in keys:
        change = {"range": {"start": position(start), "end": position(end)}, "text": typed}
        text = text[:start] + typed + text[end:]
        version += 1
        last = send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}})
        if (start, end, typed) != keys[-1]:
            time.sleep(gap)
    # Figures later in the text moved by the length difference.
    figures = [f for f in re.finditer(r"(?<!\d)\d{2,3}(?!\d)", text)]
    at, m = published(version)
    latencies.append((at - last) * 1000)
    counts.append(len(m["params"]["diagnostics"]))

send({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None})
wait(lambda m: m.get("id") == 2)
send({"jsonrpc": "2.0", "method": "exit", "params": None})
server.wait(timeout=30)
ordered = sorted(latencies)
p95 = ordered[math.ceil(0.95 * len(ordered)) - 1]  # nearest rank
median = statistics.median(ordered)
print(f"| {debounce} | {'keystrokes' if keystrokes else 'one change'} | {median:.0f} | {p95:.0f} | {median - debounce:.0f} | {p95 - debounce:.0f} | "
      f"{min(ordered):.0f}–{max(ordered):.0f} | {min(counts)}–{max(counts)} |")
PY
}

echo "draft.md: $(wc -c < draft.md) bytes; corpus-$mb: $(find "$corpus/" -name '*.txt' | wc -l) files; $(nproc) cores" >&2
echo "| debounce (ms) | an edit | median (ms) | p95 (ms) | median less the debounce | p95 less the debounce | range (ms) | diagnostics |"
echo "| ---: | --- | ---: | ---: | ---: | ---: | --- | --- |"
run "$debounce" typed
run 0 one
