#!/usr/bin/env python3
"""Scores the number, ordinal and date grammars against the reference corpora.

Reads the held-out corpora (Duckling and Recognizers-Text test cases, kept
outside the repository) and runs them through `crosscheck probe`, one input a
line on stdin; each output line is JSON: {"input": "...", "values": ["43"]}.

    numerals_ar.tsv           text<TAB>value     passes when values == [value]
    numerals_ar_multi.tsv     text<TAB>v1;v2     passes when values == [v1, v2]
    numerals_ar_negative.tsv  text               passes when values == []
    ordinals_ar.tsv           text<TAB>value     (--kind ordinal)
    dates_ar.tsv              text<TAB>date      --kind date, or date-range for a/b;
                                                 section [C] with --reference 2013-02-12

Values are compared as decimals, so "1.10" and "1.1" are equal. probe prints a
number with its qualifier ("~800", ">140"); the reference corpora give the
stated number only, so a qualifier prefix is not scored (">1000000000000"
passes for 1000000000000).

Usage: bench/score_grammars.py [CORPORA_DIR] [--binary PATH] [--verbose] [--fail-under PCT]
CORPORA_DIR defaults to ../shared/reference-corpora, relative to the parent
of the repository root; the binary defaults to target/release/crosscheck.
"""

import argparse
import json
import subprocess
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# (file, probe kind, how the expected column reads)
SUITES = [
    ("numerals_ar.tsv", "number", "one"),
    ("numerals_ar_multi.tsv", "number", "list"),
    ("numerals_ar_negative.tsv", "number", "none"),
    ("ordinals_ar.tsv", "ordinal", "one"),
]


def read_cases(path, mode):
    """(input, expected values as strings) for every case line."""
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, _, expected = line.partition("\t")
        if mode == "none":
            values = []
        elif mode == "list":
            values = [v.strip() for v in expected.split(";") if v.strip()]
        else:
            values = [expected.strip()]
        cases.append((text, values))
    return cases


QUALIFIERS = (">=", "<=", "~", ">", "<")


def as_number(value):
    value = str(value)
    for q in QUALIFIERS:
        if value.startswith(q) and len(value) > len(q):
            value = value[len(q):]
            break
    try:
        return Decimal(value).normalize()
    except InvalidOperation:
        return value


def same(got, expected):
    return len(got) == len(expected) and all(as_number(g) == as_number(e) for g, e in zip(got, expected))


def read_date_cases(path):
    """(section, input, expected) for every case of dates_ar.tsv."""
    cases, section = [], "A"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# ["):
            section = line[3]
        if not line.strip() or line.startswith("#"):
            continue
        text, _, expected = line.partition("\t")
        cases.append((section, text, expected.strip()))
    return cases


def score_dates(binary, path, verbose):
    """Scores dates_ar.tsv by section; returns (passed, total)."""
    cases = read_date_cases(path)
    passed_all = 0
    for section in sorted({c[0] for c in cases}):
        group = [c for c in cases if c[0] == section]
        reference = ["--reference", "2013-02-12"] if section == "C" else []
        passed = 0
        for kind in ("date", "date-range"):
            subset = [c for c in group if ("/" in c[2]) == (kind == "date-range")]
            if not subset:
                continue
            results = probe(binary, kind, [c[1] for c in subset], reference)
            for (_, text, expected), got in zip(subset, results):
                if got == [expected]:
                    passed += 1
                elif verbose:
                    print(f"    FAIL [{section}] {text!r}: expected {expected}, got {got}")
        passed_all += passed
        share = 100.0 * passed / len(group)
        print(f"{'dates_ar.tsv [' + section + ']':28} {passed:4}/{len(group):<4} {share:5.1f}%")
    return passed_all, len(cases)


def probe(binary, kind, inputs, extra=()):
    """Runs the probe once over all inputs; returns one value list an input."""
    stdin = "".join(text.replace("\n", " ") + "\n" for text in inputs)
    proc = subprocess.run(
        [str(binary), "probe", "--kind", kind, *extra],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"probe --kind {kind} exited with {proc.returncode}: {proc.stderr.strip()}")
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    if len(lines) != len(inputs):
        raise RuntimeError(f"probe --kind {kind}: {len(inputs)} inputs but {len(lines)} output lines")
    return [[str(v) for v in line.get("values", [])] for line in lines]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="?", default="../shared/reference-corpora",
                        help="folder of the reference corpora (relative paths start at the repository root)")
    parser.add_argument("--binary", default="target/release/crosscheck", help="the crosscheck binary")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every failure")
    parser.add_argument("--fail-under", type=float, metavar="PCT",
                        help="exit 1 when the share of all cases passed is below PCT")
    args = parser.parse_args()

    corpora = Path(args.corpora)
    if not corpora.is_absolute():
        corpora = REPO / corpora
    binary = Path(args.binary)
    if not binary.is_absolute():
        binary = REPO / binary
    if not corpora.is_dir():
        sys.exit(f"no corpora folder at {corpora}")
    if not binary.exists():
        sys.exit(f"no binary at {binary} (cargo build --release)")

    total_passed = total_cases = 0
    for name, kind, mode in SUITES:
        path = corpora / name
        if not path.exists():
            print(f"{name:28} missing")
            continue
        cases = read_cases(path, mode)
        try:
            results = probe(binary, kind, [text for text, _ in cases])
        except (RuntimeError, json.JSONDecodeError, OSError) as err:
            sys.exit(f"{name}: {err}")
        failures = [(text, expected, got) for (text, expected), got in zip(cases, results) if not same(got, expected)]
        passed = len(cases) - len(failures)
        total_passed += passed
        total_cases += len(cases)
        share = 100.0 * passed / len(cases) if cases else 0.0
        print(f"{name:28} {passed:4}/{len(cases):<4} {share:5.1f}%")
        if args.verbose:
            for text, expected, got in failures:
                print(f"    FAIL {text!r}: expected {expected}, got {got}")
    dates = corpora / "dates_ar.tsv"
    if dates.exists():
        passed, total = score_dates(binary, dates, args.verbose)
        total_passed += passed
        total_cases += total
    if total_cases:
        share = 100.0 * total_passed / total_cases
        print(f"{'all':28} {total_passed:4}/{total_cases:<4} {share:5.1f}%")
        if args.fail_under is not None and share < args.fail_under:
            sys.exit(f"the grammars pass {share:.1f}% of the reference cases, under --fail-under {args.fail_under}")
    elif args.fail_under is not None:
        sys.exit("no reference cases were scored")


if __name__ == "__main__":
    main()
