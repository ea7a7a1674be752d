#!/usr/bin/env bash
# `crosscheck lsp` under a real client: Neovim, headless. Builds an index
# of the seed articles but one, opens a draft whose count of participating
# countries (179) goes against the index's (196), waits for the
# diagnostics and checks them: at the draft's "179", an error with the
# finding's code, pointing at the article that says 196. Exit 0 when they
# are right, 1 when not.
#
# Installs Neovim with apt-get when it is missing (Debian: `neovim`).
# Uses the debug binary (`cargo build` first); CARGO_TARGET_DIR is
# honoured.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

if ! command -v nvim >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        echo "lsp_neovim: no nvim, and no apt-get as root to install it" >&2
        exit 2
    fi
    echo "lsp_neovim: installing neovim with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq || true
    apt-get install -y -qq --no-install-recommends neovim >/dev/null
fi

cargo build --quiet
bin=${CARGO_TARGET_DIR:-$root/target}/debug/crosscheck

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/published"
for f in seeds/*.txt; do
    case "$f" in *003_*) ;; *) cp "$f" "$work/published/" ;; esac
done
(cd "$work" && "$bin" index update published/ --db claims.db --no-config >/dev/null 2>&1)

# A draft of our own: one line of title, then the claim on line 3.
cat >"$work/draft.md" <<'DRAFT'
# الإنتربول في مراكش

انطلقت أشغال الدورة 93 للجمعية العامة للإنتربول بمراكش بمشاركة 179 دولة.
DRAFT

cat >"$work/init.lua" <<LUA
local out = "$work/diagnostics.txt"
local function start()
  local config = {
    name = "crosscheck",
    cmd = { "$bin", "lsp", "--index", "$work/claims.db", "--no-config" },
    root_dir = "$work",
  }
  if vim.lsp.start then
    vim.lsp.start(config)
  else
    -- Neovim 0.7 (Debian 12): no vim.lsp.start yet.
    local id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(0, id)
  end
end
vim.api.nvim_create_autocmd("FileType", { pattern = "markdown", callback = start })
vim.api.nvim_create_autocmd("VimEnter", { callback = function()
  local ok = vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 50)
  local lines = {}
  if not ok then
    table.insert(lines, "NO DIAGNOSTICS")
  end
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local related = d.user_data and d.user_data.lsp and d.user_data.lsp.relatedInformation or {}
    table.insert(lines, string.format("%d:%d-%d:%d severity=%d code=%s related=%d",
      d.lnum, d.col, d.end_lnum, d.end_col, d.severity, tostring(d.code), #related))
    for _, r in ipairs(related) do
      table.insert(lines, "related " .. r.location.uri .. " " .. r.message)
    end
    table.insert(lines, "message " .. d.message:gsub("\n", " | "))
  end
  vim.fn.writefile(lines, out)
  vim.cmd("qall!")
end })
LUA

(cd "$work" && timeout 60 nvim --headless --clean -u "$work/init.lua" draft.md) || true
echo "lsp_neovim: $(nvim --version | head -1); what Neovim received:"
cat "$work/diagnostics.txt" 2>/dev/null || { echo "lsp_neovim: no output" >&2; exit 1; }

fail=0
check() {
    if grep -q -- "$1" "$work/diagnostics.txt"; then
        echo "ok: $2"
    else
        echo "FAIL: $2 (no \`$1\`)" >&2
        fail=1
    fi
}
# The claim on line 3 (0-based 2), "مشاركة 179 دولة": Neovim turns the
# server's UTF-16 positions into byte columns of its buffer.
cols=$(python3 -c 'import sys; l=open(sys.argv[1]).read().split("\n")[2]; c="مشاركة 179 دولة"; i=l.index(c); print(len(l[:i].encode()), len(l[:i].encode()) + len(c.encode()))' "$work/draft.md")
check "^2:${cols% *}-2:${cols#* } " "a diagnostic at the draft's words (line 3, bytes $cols)"
check "severity=1 code=contradiction" "an error with the finding's code"
check "^related file://.*004_" "related information pointing at the article that says 196"
check "^message .*179.*196\|^message .*196.*179" "the message names both figures"
exit $fail
