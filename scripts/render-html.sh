#!/usr/bin/env bash
# Renders a crosscheck HTML report to a PNG with headless Chromium, and
# fails if the page logs a console error or its DOM comes back empty.
#
#   scripts/render-html.sh REPORT.html OUT.png [WIDTH,HEIGHT]
#
# Needs Chromium (Debian: `apt-get install chromium`; for Arabic glyphs also
# `fonts-noto-core`). The browser runs offline-minded: no sync, no
# component updates, no background networking, a throwaway profile.
set -euo pipefail

if [ $# -lt 2 ]; then
    echo "usage: $0 REPORT.html OUT.png [WIDTH,HEIGHT]" >&2
    exit 2
fi
report=$1
out=$2
size=${3:-1280,1600}

if [ ! -f "$report" ]; then
    echo "render-html: no such file: $report" >&2
    exit 2
fi

browser=""
for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then
        browser=$candidate
        break
    fi
done
if [ -z "$browser" ]; then
    echo "render-html: Chromium not found (Debian: apt-get install chromium fonts-noto-core)" >&2
    exit 2
fi

profile=$(mktemp -d)
logs=$(mktemp -d)
trap 'rm -rf "$profile" "$logs"' EXIT

url="file://$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
out_abs="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"

flags=(
    --headless --no-sandbox --disable-gpu --disable-quic --no-first-run
    --disable-background-networking --disable-component-update --disable-sync
    --hide-scrollbars --enable-logging=stderr --v=0
)

# 1. The screenshot.
"$browser" "${flags[@]}" --user-data-dir="$profile" \
    --screenshot="$out_abs" --window-size="$size" "$url" \
    >"$logs/shot.out" 2>"$logs/shot.err" || true
if [ ! -s "$out_abs" ]; then
    echo "render-html: Chromium wrote no screenshot; its log:" >&2
    cat "$logs/shot.err" >&2
    exit 1
fi

# 2. The DOM, to check that the page parsed and nothing logged an error.
"$browser" "${flags[@]}" --user-data-dir="$profile" --dump-dom "$url" \
    >"$logs/dom.html" 2>"$logs/dom.err" || true

status=0
if grep -hiE 'CONSOLE.*(error|uncaught)|Uncaught ' "$logs/shot.err" "$logs/dom.err" >"$logs/console"; then
    echo "render-html: the page logged console errors:" >&2
    cat "$logs/console" >&2
    status=1
fi
if ! grep -q '</html>' "$logs/dom.html"; then
    echo "render-html: Chromium returned no DOM for $report" >&2
    status=1
fi
if grep -qiE '<script|onerror=' "$logs/dom.html"; then
    echo "render-html: the DOM holds a script or an event handler" >&2
    status=1
fi
if [ "$status" -eq 0 ]; then
    echo "render-html: wrote $out ($(wc -c <"$out_abs") bytes); no console errors"
fi
exit "$status"
