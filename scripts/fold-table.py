#!/usr/bin/env python3
"""Regenerates src/search/fold.txt from OpenCC's dictionaries (docs/SEARCH.md).

Usage: scripts/fold-table.py DICTIONARY_DIR > src/search/fold.txt
DICTIONARY_DIR is assets/dictionaries of the crates.io package ferrous-opencc (after
`cargo fetch` in a scratch crate that depends on it: ~/.cargo/registry/src/*/ferrous-opencc-*/).
"""
import sys
from pathlib import Path


def single_chars(path):
    """key -> first candidate, for one-character keys and values that differ."""
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        key, values = line.split("\t", 1)
        value = values.split(" ")[0]
        if len(key) == 1 and len(value) == 1 and key != value:
            table[key] = value
    return table


def one_to_many(path):
    """key -> its first other candidate, for one-character keys whose first candidate
    is the key itself (瞭 -> 瞭 了): simplified Chinese keeps them in a few words of its
    own (瞭望, 覆盖, 狼藉), but a traditional page writing 瞭解 means 了解."""
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        key, values = line.split("\t", 1)
        values = values.split(" ")
        if len(key) == 1 and values[0] == key:
            other = [v for v in values[1:] if len(v) == 1 and v != key]
            if other:
                table[key] = other[0]
    return table


def main():
    src = Path(sys.argv[1])
    ts = single_chars(src / "TSCharacters.txt")
    tw = single_chars(src / "TWVariantsRev.txt")
    hk = single_chars(src / "HKVariantsRev.txt")
    simplified = set(ts.values())
    # One-to-many characters fold on both sides (page and query): 了解 and 瞭解 meet,
    # at the cost of merging 瞭望 with 了望 (docs/SEARCH.md).
    many = one_to_many(src / "TSCharacters.txt")
    ts.update(many)
    fold = {}
    for key in set(ts) | set(tw) | set(hk):
        c = key
        # Regional variants apply only to characters that are not simplified forms
        # themselves: otherwise 么 (simplified) would fold to 幺.
        if key not in simplified:
            c = tw.get(hk.get(c, c), hk.get(c, c))
        c = ts.get(c, c)
        if c != key:
            fold[key] = c
    for key in fold:  # resolve chains so that folding is idempotent
        while fold[key] in fold:
            fold[key] = fold[fold[key]]
    out = sys.stdout
    out.write("# Traditional -> Simplified character folding for search, one pair per line.\n")
    out.write("# Derived from OpenCC's dictionaries (https://github.com/BYVoid/OpenCC, Apache-2.0)\n")
    out.write("# as shipped in the crates.io package ferrous-opencc 0.4.0, assets/dictionaries/:\n")
    out.write("# TSCharacters, with HKVariantsRev and TWVariantsRev applied first to characters that\n")
    out.write("# are not themselves simplified forms; single characters, first candidate, chains\n")
    out.write("# resolved so folding is idempotent. Characters whose first candidate is themselves\n")
    out.write("# (瞭 -> 瞭 了) fold to their first other candidate. How to regenerate: docs/SEARCH.md.\n")
    for key in sorted(fold, key=ord):
        out.write(f"{key}\t{fold[key]}\n")


if __name__ == "__main__":
    main()
