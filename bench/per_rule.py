#!/usr/bin/env python3
"""Where does crosscheck's time go? Times each rule of a pack on its own.

    bench/per_rule.py --bin target/release/crosscheck --pack rules/interpol.yaml CORPUS

For every rule of the pack it writes a one-rule pack (the pack's header plus
that rule), then times, once each, on CORPUS:

- `crosscheck check --no-default-rules --rules ONE CORPUS --format json -jN`
- `rg -o -f PATTERNS -jN CORPUS` over that rule's expanded patterns
  (`crosscheck rules patterns`), and how many matches rg prints.

It also times the whole pack with `check` and with `extract`, and prints a
Markdown table. Single runs: use it on a small corpus (5-20 MiB) to see
which rule costs what, not for headline numbers (that is bench/run.sh).
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time


def split_pack(text):
    """The pack's header (everything before the rule list's items) and one
    text block per rule (each starting at its `  - id:` line)."""
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.startswith("  - id:")]
    if not starts:
        raise SystemExit("no `  - id:` rule items found in the pack")
    header = "".join(lines[: starts[0]])
    bounds = starts + [len(lines)]
    rules = ["".join(lines[a:b]) for a, b in zip(bounds, bounds[1:])]
    return header, rules


def timed(cmd, stdout=subprocess.DEVNULL):
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=stdout, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr}")
    return elapsed, proc


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default="target/release/crosscheck")
    ap.add_argument("--pack", default="rules/interpol.yaml")
    ap.add_argument("-j", "--threads", type=int, default=1)
    ap.add_argument("corpus")
    args = ap.parse_args()

    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(args.corpus) for f in fs) \
        if os.path.isdir(args.corpus) else os.path.getsize(args.corpus)
    mib = size / 1048576
    j = f"-j{args.threads}"
    header, rules = split_pack(open(args.pack, encoding="utf-8").read())
    whole = ["--no-default-rules", "--rules", args.pack]

    print(f"corpus {args.corpus}: {mib:.1f} MiB; pack {args.pack}: {len(rules)} rules; {j}\n")
    print("| rules | patterns | crosscheck check s | MiB/s | rg -o s | rg matches |")
    print("|---|--:|--:|--:|--:|--:|")
    with tempfile.TemporaryDirectory() as tmp:
        for block in rules:
            rule_id = block.split("id:", 1)[1].split("\n", 1)[0].strip()
            one = os.path.join(tmp, f"{rule_id}.yaml")
            with open(one, "w", encoding="utf-8") as f:
                f.write(header + block)
            flags = ["--no-default-rules", "--rules", one]
            pats = os.path.join(tmp, f"{rule_id}.txt")
            with open(pats, "w") as f:
                subprocess.run([args.bin, "rules", "patterns", *flags], stdout=f, check=True)
            npat = sum(1 for _ in open(pats, encoding="utf-8"))
            t_cc, _ = timed([args.bin, "check", *flags, args.corpus, "--format", "json", j])
            t_rg, rg = timed(["rg", "-o", "-f", pats, j, args.corpus], stdout=subprocess.PIPE)
            print(f"| {rule_id} | {npat} | {t_cc:.2f} | {mib / t_cc:.1f} | {t_rg:.2f} | {rg.stdout.count(chr(10))} |",
                  flush=True)
        t_check, _ = timed([args.bin, "check", *whole, args.corpus, "--format", "json", j])
        t_extract, _ = timed([args.bin, "extract", *whole, args.corpus, "--format", "json", j])
        print(f"| whole pack: check | | {t_check:.2f} | {mib / t_check:.1f} | | |")
        print(f"| whole pack: extract | | {t_extract:.2f} | {mib / t_extract:.1f} | | |")


if __name__ == "__main__":
    main()
