"""Record what outside stemmers make of the gold words, so the study can score them
without installing them.

Run once, from the project root, whenever ``corpus/lexicons/grouping_gold.csv`` or
``corpus/lexicons/grouping_gold_heldout.csv`` changes:

    python scripts/build_grouping_candidates.py

Needs, at build time only: ``snowballstemmer==3.1.1`` (BSD-3-Clause) and
``tashaphyne==0.3.6`` (GPL; it brings ``pyarabic==0.6.15``). pyarabic itself has
normalisation helpers but no stemmer, so it is not a candidate of its own.

Writes ``corpus/lexicons/grouping_candidates.csv``: ``candidate, package, version,
norm, key``, one row per candidate and gold word: the article's gold words in their
file order, then the held-out gold words not already listed. Each stemmer is given
the normalised word (the form the study counts), and its output is the group key:

``snowball``         snowballstemmer's Arabic stemmer (``stemWord``).
``tashaphyne-stem``  Tashaphyne's ArabicLightStemmer: ``light_stem`` then ``get_stem``.
``tashaphyne-root``  the same, ``get_root`` (an aggressive root-level grouping).

Tashaphyne picks a root by iterating over a Python set, so its choice depends on the
string hash seed (``الامن`` -> ``ولم`` on one run, ``لوم`` on the next). The script
therefore re-runs itself with ``PYTHONHASHSEED=0``, so that the stored keys, and the
notebook's scores computed from them, are the same on every build.
"""

from __future__ import annotations

import csv
import os
import sys
from importlib.metadata import version

from arabic_media.paths import LEXICONS_DIR

PINS = {"snowballstemmer": "3.1.1", "tashaphyne": "0.3.6"}


def main() -> None:
    for package, pin in PINS.items():
        if version(package) != pin:
            sys.exit(f"{package} {version(package)} is installed; this build expects {pin}")
    import snowballstemmer
    from tashaphyne.stemming import ArabicLightStemmer

    words: list[str] = []
    for gold in ("grouping_gold.csv", "grouping_gold_heldout.csv"):
        with (LEXICONS_DIR / gold).open(encoding="utf-8", newline="") as handle:
            words += [row["norm"] for row in csv.DictReader(handle)]
    words = list(dict.fromkeys(words))  # a word in both lists gets one row per candidate
    snowball = snowballstemmer.stemmer("arabic")
    light = ArabicLightStemmer()

    def tashaphyne(word: str, part: str) -> str:
        light.light_stem(word)
        return light.get_stem() if part == "stem" else light.get_root()

    candidates = {
        "snowball": ("snowballstemmer", snowball.stemWord),
        "tashaphyne-stem": ("tashaphyne", lambda w: tashaphyne(w, "stem")),
        "tashaphyne-root": ("tashaphyne", lambda w: tashaphyne(w, "root")),
    }
    rows = []
    for name, (package, stem) in candidates.items():
        for word in words:
            rows.append({"candidate": name, "package": package, "version": PINS[package], "norm": word, "key": stem(word)})
    with (LEXICONS_DIR / "grouping_candidates.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["candidate", "package", "version", "norm", "key"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(words)} gold words x {len(candidates)} candidates -> {len(rows)} rows")


if __name__ == "__main__":
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})
    main()
