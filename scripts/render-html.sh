#!/usr/bin/env bash
# Renders a crosscheck HTML report to a PNG with headless Chromium, and
# fails if the page logs any console message, its DOM comes back empty, or
# the DOM holds a live element or attribute (a script, an on* handler, a
# javascript: or network URL). Escaped article text such as `&lt;script&gt;`
# is text, and passes: that is what the report must produce.
#
# tests/html_render.rs runs it on the seeds and on a hostile article when
# Chromium is installed (and says it skipped otherwise, or fails under
# CROSSCHECK_REQUIRE_CHROMIUM=1, which .ci/run sets once Chromium is there).
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

# Checks the dumped DOM: no <script> element, no on* event attribute, no
# javascript: URL, nothing loaded from the network. Prints what it found
# and fails, or prints nothing.
dom_is_inert() {
    if ! command -v python3 >/dev/null 2>&1; then
        # Without a parser: a real tag starts with `<` (text has `&lt;`).
        if grep -qiE '<script[[:space:]>]|<[a-z][^>]*[[:space:]]on[a-z]+[[:space:]]*=' "$1"; then
            echo "the DOM holds a script or an event handler"
            return 1
        fi
        return 0
    fi
    python3 - "$1" <<'PY'
import sys
from html.parser import HTMLParser

class Check(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed"):
            self.found.append(f"a <{tag}> element")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.found.append(f"an event handler {name}= on <{tag}>")
            elif name in ("src", "href", "srcset", "action", "formaction", "poster"):
                if value.startswith("javascript:"):
                    self.found.append(f"a javascript: URL in <{tag} {name}>")
                elif "://" in value or value.startswith("//"):
                    self.found.append(f"a network URL in <{tag} {name}={value[:60]}>")
        if tag == "link":
            self.found.append("a <link> element (the report must be self-contained)")

check = Check()
with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
    check.feed(f.read())
if check.found:
    print("the DOM is not inert: " + "; ".join(sorted(set(check.found))))
    sys.exit(1)
PY
}

status=0
# Chromium logs every console message as `INFO:CONSOLE` (older builds:
# `ERROR:CONSOLE` for errors); an uncaught exception says `Uncaught`.
# A report runs no script, so any console message at all is suspect.
if grep -hE ':CONSOLE[(:]' "$logs/shot.err" "$logs/dom.err" >"$logs/console"; then
    echo "render-html: the page logged console errors:" >&2
    cat "$logs/console" >&2
    status=1
fi
if ! grep -q '</html>' "$logs/dom.html"; then
    echo "render-html: Chromium returned no DOM for $report" >&2
    status=1
fi
# Elements and attributes, not text: an article quoting `<script>` or
# `onerror=` is escaped into text, which is what a report must do, so a
# plain grep of the DOM would flag exactly the reports that are safe.
if ! inert=$(dom_is_inert "$logs/dom.html"); then
    echo "render-html: $inert" >&2
    status=1
fi
if [ "$status" -eq 0 ]; then
    echo "render-html: wrote $out ($(wc -c <"$out_abs") bytes); no console errors"
fi
exit "$status"
