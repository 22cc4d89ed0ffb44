"""Check the attribution and quotation gold (issue 11) against the corpus.

Run from the project root:

    PYTHONPATH=src .venv/bin/python scripts/check_attribution_gold.py

For every ``corpus/annotations/attribution_gold*.csv`` and ``quotation_gold*.csv`` it
checks, and prints one line per problem (exit status 1 if any):

- the columns are those of ``ATTRIBUTION_GUIDELINES.md``;
- the article is in the study corpus or the held-out corpus, and the sentence exists;
- every offset pair slices the article's text exactly to the surface in the row, and
  cue, source and content lie inside the row's sentence, and the content neither starts
  nor ends with a space nor ends with punctuation;
- attributions are numbered 1, 2, ... in each article; a parent exists, comes before
  its child, holds the child's cue in its content span, and depth = parent depth + 1
  (depth 1 when there is no parent);
- ``source_actor_id`` is in ``corpus/lexicons/actors.csv`` or in
  ``attribution_actors_proposed.csv`` (empty only with ``source_type`` ``unnamed``);
- every sentence has at least one row, and a ``no attribution`` row is its sentence's
  only row and has every other cell empty;
- quotations: ``text`` equals the slice, a quote mark stands just before ``start`` and
  at ``end``, the sentence is that of the opening mark, every pair of quote marks in an
  annotated article is listed, a ``name`` has no speaker.

It does not judge the annotation: only that it is well formed and points at the text.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from arabic_media.corpus import load_corpus

ROOT = Path(__file__).resolve().parent.parent
ANN = ROOT / "corpus" / "annotations"
ATTR_COLS = [
    "article_id", "sentence", "attribution", "parent", "depth", "cue", "cue_start", "cue_end",
    "source", "source_start", "source_end", "source_actor_id", "source_type",
    "content_start", "content_end", "note",
]
QUOTE_COLS = ["article_id", "sentence", "quotation", "start", "end", "text", "kind", "speaker_actor_id", "note"]
SOURCE_TYPES = {"media", "government_or_military", "company", "expert", "unnamed", "armed_group", "other"}
KINDS = {"statement", "borrowed_term", "name"}
MARKS = '"“”«»‘’'

problems: list[str] = []


def problem(where: str, message: str) -> None:
    problems.append(f"{where}: {message}")


def read(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def actor_ids() -> set[str]:
    ids = {row["actor_id"] for row in read(ROOT / "corpus" / "lexicons" / "actors.csv")[1]}
    proposed = ANN / "attribution_actors_proposed.csv"
    if proposed.exists():
        ids |= {row["actor_id"] for row in read(proposed)[1]}
    return ids


def main() -> int:
    corpora = [load_corpus(ROOT / "corpus"), load_corpus(ROOT / "corpus" / "heldout")]
    texts, sentences = {}, {}
    for corpus in corpora:
        for article_id in corpus.articles["article_id"]:
            texts[article_id] = corpus.text(article_id)
        for row in corpus.sentences.itertuples():
            sentences[(row.article_id, int(row.sentence))] = (int(row.start), int(row.end))
    actors = actor_ids()

    def sentence_of(article_id: str, offset: int) -> int | None:
        for (aid, number), (start, end) in sentences.items():
            if aid == article_id and start <= offset < end:
                return number
        return None

    for path in sorted(ANN.glob("attribution_gold*.csv")):
        columns, rows = read(path)
        name = path.relative_to(ROOT).as_posix()
        if columns != ATTR_COLS:
            problem(name, f"columns {columns} are not {ATTR_COLS}")
            continue
        seen: dict[tuple[str, int], dict] = {}
        rows_per_sentence: dict[tuple[str, int], int] = {}
        expected_number: dict[str, int] = {}
        for line, row in enumerate(rows, start=2):
            where = f"{name} line {line}"
            aid = row["article_id"]
            if aid not in texts:
                problem(where, f"unknown article {aid!r}")
                continue
            text, number = texts[aid], int(row["sentence"])
            if (aid, number) not in sentences:
                problem(where, f"no sentence {number} in {aid}")
                continue
            rows_per_sentence[(aid, number)] = rows_per_sentence.get((aid, number), 0) + 1
            s_start, s_end = sentences[(aid, number)]
            if not row["cue"]:
                others = [c for c in ATTR_COLS if c not in ("article_id", "sentence", "note") and row[c]]
                if row["note"] != "no attribution" or others:
                    problem(where, f"a row without a cue must have note 'no attribution' and nothing else (has {others})")
                continue
            attribution = int(row["attribution"])
            expected_number[aid] = expected_number.get(aid, 0) + 1
            if attribution != expected_number[aid]:
                problem(where, f"attribution {attribution}, expected {expected_number[aid]}")
            spans = [("cue", row["cue_start"], row["cue_end"], row["cue"])]
            if row["source"] or row["source_start"] or row["source_end"]:
                spans.append(("source", row["source_start"], row["source_end"], row["source"]))
            for label, start, end, surface in spans:
                start, end = int(start), int(end)
                if text[start:end] != surface:
                    problem(where, f"{label} {start}:{end} slices to {text[start:end]!r}, not {surface!r}")
                if not (s_start <= start < end <= s_end):
                    problem(where, f"{label} {start}:{end} is not inside sentence {number} ({s_start}:{s_end})")
            c_start, c_end = int(row["content_start"]), int(row["content_end"])
            if not (s_start <= c_start < c_end <= s_end):
                problem(where, f"content {c_start}:{c_end} is not inside sentence {number}")
            content = text[c_start:c_end]
            if content != content.strip() or content[-1:] in (".", "،", "؛", ","):
                problem(where, f"content {c_start}:{c_end} starts or ends with a space or punctuation: {content!r}")
            if row["source_type"] not in SOURCE_TYPES:
                problem(where, f"source_type {row['source_type']!r} not one of {sorted(SOURCE_TYPES)}")
            actor = row["source_actor_id"]
            if actor and actor not in actors:
                problem(where, f"source_actor_id {actor!r} is in neither actors.csv nor the proposed actors")
            if not actor and row["source_type"] != "unnamed":
                problem(where, "empty source_actor_id is allowed only with source_type 'unnamed'")
            depth = int(row["depth"])
            if row["parent"]:
                parent = seen.get((aid, int(row["parent"])))
                if parent is None:
                    problem(where, f"parent {row['parent']} does not exist before this row")
                else:
                    if depth != int(parent["depth"]) + 1:
                        problem(where, f"depth {depth} is not parent depth {parent['depth']} + 1")
                    if not (int(parent["content_start"]) <= int(row["cue_start"]) < int(parent["content_end"])):
                        problem(where, "the cue is not inside the parent's content span")
            elif depth != 1:
                problem(where, f"depth {depth} without a parent")
            seen[(aid, attribution)] = row
        for aid in {row["article_id"] for row in rows if row["article_id"] in texts}:
            for (sid, number) in sentences:
                if sid == aid and (aid, number) not in rows_per_sentence:
                    problem(name, f"{aid} sentence {number} has no row")
        for row in rows:
            key = (row["article_id"], int(row["sentence"]))
            if row["note"] == "no attribution" and rows_per_sentence.get(key, 0) > 1:
                problem(name, f"{key} is marked 'no attribution' but has other rows")

    for path in sorted(ANN.glob("quotation_gold*.csv")):
        columns, rows = read(path)
        name = path.relative_to(ROOT).as_posix()
        if columns != QUOTE_COLS:
            problem(name, f"columns {columns} are not {QUOTE_COLS}")
            continue
        listed: dict[str, set[tuple[int, int]]] = {}
        for line, row in enumerate(rows, start=2):
            where = f"{name} line {line}"
            aid = row["article_id"]
            if aid not in texts:
                problem(where, f"unknown article {aid!r}")
                continue
            text, start, end = texts[aid], int(row["start"]), int(row["end"])
            listed.setdefault(aid, set()).add((start, end))
            if text[start:end] != row["text"]:
                problem(where, f"{start}:{end} slices to {text[start:end]!r}, not {row['text']!r}")
            if start < 1 or end >= len(text) or text[start - 1] not in MARKS or text[end] not in MARKS:
                problem(where, "no quote mark just before start and at end")
            if sentence_of(aid, start - 1) != int(row["sentence"]):
                problem(where, f"the opening mark is in sentence {sentence_of(aid, start - 1)}, not {row['sentence']}")
            if row["kind"] not in KINDS:
                problem(where, f"kind {row['kind']!r} not one of {sorted(KINDS)}")
            speaker = row["speaker_actor_id"]
            if speaker and speaker not in actors:
                problem(where, f"speaker_actor_id {speaker!r} is in neither actors.csv nor the proposed actors")
            if row["kind"] == "name" and speaker:
                problem(where, "a name has no speaker")
        for aid, spans in listed.items():
            marks = [i for i, ch in enumerate(texts[aid]) if ch in MARKS]
            pairs = {(a + 1, b) for a, b in zip(marks[::2], marks[1::2])}
            for start, end in sorted(pairs - spans):
                problem(name, f"{aid}: quoted span {start}:{end} {texts[aid][start:end]!r} is not listed")

    for line in problems:
        print(line)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
