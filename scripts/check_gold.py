"""Check every gold file against the corpus it annotates; print one line per problem.

    .venv/bin/python scripts/check_gold.py

For each ``corpus/annotations/<kind>_gold[_<split>].csv`` (`arabic_media.annotations.gold_files`)
it loads the split's corpus and runs the kind's checker (`check_stance_gold`,
`check_attribution_gold`, `check_quotation_gold`). Exit status 1 when any problem is
found. It judges form (rows, offsets, labels), never the annotation itself.
"""

from __future__ import annotations

import sys

from arabic_media import annotations
from arabic_media.corpus import load_corpus
from arabic_media.lexicons import load_actors
from arabic_media.paths import relative


def main() -> int:
    actor_ids = set(load_actors()["actor_id"]) | annotations.proposed_actor_ids()
    corpora: dict[str, object] = {}
    problems: list[str] = []
    for kind, split, path in annotations.gold_files():
        corpus = corpora.get(split) or corpora.setdefault(split, load_corpus(annotations.split_corpus_dir(split)))
        name = relative(path)
        if kind == "stance":
            found = annotations.check_stance_gold(annotations.load_stance_gold(split), corpus, name=name)
        elif kind == "attribution":
            found = annotations.check_attribution_gold(annotations.load_attribution_gold(split), corpus, actor_ids,
                                                       name=name)
        else:
            found = annotations.check_quotation_gold(annotations.load_quotation_gold(split), corpus, actor_ids,
                                                     name=name)
        print(f"{name}: {len(found)} problem(s)")
        problems += found
    for line in problems:
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
