#!/usr/bin/env bash
# The check step of action.yml: `crosscheck check --format github` on the
# paths the workflow gives, annotations on stdout, and (crosscheck does it
# when $GITHUB_STEP_SUMMARY names a file) a table of every finding in the
# job summary. The exit code is crosscheck's: 0, 1 (a finding at or above
# --fail-on) or 2 (a usage, rule, config or input error), which the summary
# then explains.
#
# Inputs, from the environment (action.yml sets them from its `with:`):
#   INPUT_PATHS  articles to check, separated by white space (default: .)
#   INPUT_ARGS   more arguments to `crosscheck check`, separated by white space
#   CROSSCHECK   the crosscheck binary (default: crosscheck on PATH)
set -uo pipefail

crosscheck=${CROSSCHECK:-crosscheck}
read -r -a paths <<<"${INPUT_PATHS:-.}"
read -r -a args <<<"${INPUT_ARGS:-}"
if [ "${#paths[@]}" -eq 0 ]; then
    paths=(.)
fi

"$crosscheck" check "${paths[@]}" --format github ${args[@]+"${args[@]}"}
code=$?

if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ "$code" -eq 2 ]; then
    {
        echo "crosscheck stopped with exit code 2: a usage, rule or config error, or an"
        echo "input that could not be read. The step's log says which."
        echo
    } >>"$GITHUB_STEP_SUMMARY"
fi
exit "$code"
