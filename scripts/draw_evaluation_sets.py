"""Draw the extremism development and test sets from the ANT archive, by the committed
query ``corpus/queries/us_tech_extremism.json`` and the seed below.

    .venv/bin/python scripts/draw_evaluation_sets.py

Everything here was fixed and committed before the script was first run, so that no
report was chosen for how it reads:

Source
    The multi-source ANT corpus v2.1 archive beside the project, read as a stream
    (`arabic_media.slices.scan_archive`). Reports under ``SkyNews/`` are skipped by
    their path before they are decoded: reserved for evaluation outside the project.
Query
    `arabic_media.slices`: the report names the US technology companies at least twice,
    one of them in its title or first sentence; topic terms (extremism, terrorism,
    propaganda, hate speech, misinformation, content moderation) occur at least twice;
    and at least one sentence names a company and a topic term together.
Eligibility
    Between `MIN_SENTENCES` and `MAX_SENTENCES` sentences (every one can be
    annotated); not a report the study already holds (its article, the held-out
    reports, the companies sets); of reports with the same body bytes or the same
    normalised title, the first by member path.
Draw and split
    The eligible reports, sorted by member path, are shuffled with
    ``random.Random(SEED)`` and assigned alternately to the development set (1st, 3rd,
    ...) and the test set (2nd, 4th, ...) until each holds at least `MIN_REPORTS`
    reports and `MIN_SET_SENTENCES` sentences. The split is by report.

It writes ``corpus/extremism_dev/`` and ``corpus/extremism_test/`` (the ``<TEXT>``
bodies as published, a manifest pinning each file's sha256 and naming its archive
member) and ``corpus/queries/us_tech_extremism_draw.json`` (the counts of every step,
every eligible report's member path in draw order, and which set each drawn one went
to). Run again, it writes the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from collections import Counter

from arabic_media import paths, slices
from arabic_media.corpus import load_corpus, write_manifest
from arabic_media.corpus.ant import text_body
from arabic_media.corpus.sources import TrecArchive
from arabic_media.files import replacing
from arabic_media.text import normalize

SEED = 20261207
MIN_SENTENCES, MAX_SENTENCES = 5, 25
MIN_REPORTS, MIN_SET_SENTENCES = 10, 100
QUERY = "us_tech_extremism"
SETS = {"dev": paths.CORPUS_DIR / "extremism_dev", "test": paths.CORPUS_DIR / "extremism_test"}
OUTLETS = {"Alarabia": "Al Arabiya", "BBC": "BBC Arabic", "CNN": "CNN Arabic", "France24": "France 24 Arabic"}
CITATION = "cite Chouigui, Ben Khiroun, Elayeb 2021, doi:10.1007/s13369-020-05258-z"


def held_ids() -> set[str]:
    """The article ids the study already holds, in every corpus folder with a manifest."""
    ids = set()
    for manifest in paths.CORPUS_DIR.glob("**/manifest.csv"):
        if manifest.parent in SETS.values():
            continue
        ids |= set(load_corpus(manifest.parent).articles["article_id"].astype(str))
    return ids


def eligible(rows: list[dict], counts: Counter) -> list[dict]:
    """The matched reports that can be drawn, sorted by member path."""
    held, bodies, titles, kept = held_ids(), set(), set(), []
    for row in sorted(rows, key=lambda r: r["member"]):
        if not MIN_SENTENCES <= row["sentences"] <= MAX_SENTENCES:
            counts["matched, refused: sentences out of range"] += 1
        elif row["article_id"] in held:
            counts["matched, refused: already in the study"] += 1
        elif row["sha256"] in bodies or normalize(row["title"]) in titles:
            counts["matched, refused: a duplicate"] += 1
        else:
            kept.append(row)
        bodies.add(row["sha256"])
        titles.add(normalize(row["title"]))
    counts["eligible"] = len(kept)
    return kept


def shuffled(pool: list[dict]) -> list[dict]:
    """The eligible reports (sorted by member path) in the order of the draw."""
    order = list(pool)
    random.Random(SEED).shuffle(order)
    return order


def draw(pool: list[dict]) -> dict[str, list[dict]]:
    """Assign the shuffled reports alternately to the two sets until both are large enough."""
    drawn = {"dev": [], "test": []}
    for number, row in enumerate(shuffled(pool)):
        drawn["dev" if number % 2 == 0 else "test"].append(row)
        if all(len(s) >= MIN_REPORTS and sum(r["sentences"] for r in s) >= MIN_SET_SENTENCES for s in drawn.values()):
            break
    return drawn


def write_set(name: str, rows: list[dict], bodies: dict[str, bytes]) -> None:
    folder = SETS[name]
    (folder / "articles").mkdir(parents=True, exist_ok=True)
    manifest = []
    for row in sorted(rows, key=lambda r: r["article_id"]):
        body = bodies[row["member"]]
        file = f"articles/{row['article_id']}.txt"
        with replacing(folder / file) as partial:
            partial.write_bytes(body)
        folder_name = row["member"].split("/")[1]
        manifest.append({
            "article_id": row["article_id"], "file": file, "sha256": hashlib.sha256(body).hexdigest(),
            "title": row["title"], "outlet": OUTLETS[folder_name], "language": "ar", "published": row["published"],
            "notes": f"ANT corpus v2.1 member {row['member']}, sha256 of the member file {row['sha256']}; drawn for the "
                     f"extremism {'development' if name == 'dev' else 'test'} set by scripts/draw_evaluation_sets.py "
                     f"(query {QUERY}, seed {SEED}); <TEXT> body cut by arabic_media.corpus.ant.text_body; {CITATION}. "
                     "original_outlet and original_language not read off the text, left empty.",
        })
    write_manifest(folder / "manifest.csv", manifest)


def main() -> int:
    archive = paths.ANT_ARCHIVE
    if not archive.is_file():
        print(f"no ANT archive at {paths.relative(archive)}", file=sys.stderr)
        return 2
    query, counts = slices.load_query(QUERY), Counter()
    matched = [row for row in slices.scan_archive(archive, query, counts=counts) if row["matched"]]
    pool = eligible(matched, counts)
    drawn = draw(pool)
    wanted = {row["member"] for rows in drawn.values() for row in rows}
    bodies = {m.name: text_body(m.data, m.name) for m in TrecArchive(archive).members() if m.name in wanted}
    for name, rows in drawn.items():
        write_set(name, rows, bodies)
    record = {
        "query": QUERY, "seed": SEED, "counts": dict(sorted(counts.items())),
        "eligible_in_draw_order": [row["member"] for row in shuffled(pool)],
        "drawn": {name: sorted(row["member"] for row in rows) for name, rows in drawn.items()},
        "sentences": {name: sum(row["sentences"] for row in rows) for name, rows in drawn.items()},
    }
    out = slices.QUERIES_DIR / f"{QUERY}_draw.json"
    with replacing(out) as partial:
        partial.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for line in (f"{k}: {v}" for k, v in record["counts"].items()):
        print(line)
    print({name: len(rows) for name, rows in drawn.items()}, record["sentences"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
