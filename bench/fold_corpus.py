#!/usr/bin/env python3
"""Copy a folder corpus with its text folded the way crosscheck folds it.

    bench/fold_corpus.py /tmp/crosscheck-bench/corpus-20 /tmp/crosscheck-bench/corpus-20-folded

crosscheck matches its rules against folded text (src/text/normalize.rs: alef
forms to ا, ى to ي, ة to ه, Arabic-Indic digits to ASCII, harakat, tatweel
and invisible marks removed), and `crosscheck rules patterns` prints the
patterns folded too. `rg -f patterns.txt` over the raw corpus therefore
misses every claim written with ة, أ or ى; over this folded copy it finds
the same candidate matches crosscheck's regexes see, which makes the rg
column a fairer "same regex work" baseline. This mirrors fold_char in
src/text/normalize.rs; keep the two in step.
"""
import os
import sys

TABLE = {}
for i in range(10):
    TABLE[0x0660 + i] = str(i)
    TABLE[0x06F0 + i] = str(i)
TABLE.update({0x066B: ".", 0x066C: ","})
TABLE.update({ord(c): "ا" for c in "أإآٱ"})
TABLE.update({ord("ى"): "ي", ord("ة"): "ه"})
for cp in [0x0640, *range(0x064B, 0x0660), 0x0670, *range(0x200B, 0x2010), 0x061C,
           *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFEFF, 0x2060, 0x00AD]:
    TABLE[cp] = None
for cp in [0x00A0, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000]:
    TABLE[cp] = " "


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, dst = sys.argv[1:]
    for root, _, files in os.walk(src):
        out = os.path.join(dst, os.path.relpath(root, src))
        os.makedirs(out, exist_ok=True)
        for name in files:
            with open(os.path.join(root, name), encoding="utf-8") as f:
                text = f.read().translate(TABLE)
            with open(os.path.join(out, name), "w", encoding="utf-8") as f:
                f.write(text)


if __name__ == "__main__":
    main()
