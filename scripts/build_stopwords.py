"""Build the study's stop-word and reporting-term lexicons from their sources.

Run once, from the project root, whenever a source or a rule below changes:

    python scripts/build_stopwords.py

It needs the source package installed at the pinned version (``stopwordsiso==0.7.1``);
the study itself does not: it reads the files this script writes.

Writes, in ``corpus/lexicons/``:

``stopwords_ar.txt``
    One normalised stop word per line, sorted, after ``#`` header lines naming the
    source and its version. Built from stopwords-iso's Arabic list (package
    ``stopwordsiso`` 0.7.1, MIT licence) in five steps: (1) every entry through
    ``arabic_media.text.normalize`` with the study's defaults; (2) entries that are
    not Arabic letters only (``،``, a lone tatweel, ``و6``) dropped; (3) single letters
    dropped (the clitics ``و ف ب ل ك`` are handled by the grouping, not here); (4)
    named entries dropped as junk for this study (news-agency and month names, content
    nouns; see ``DROPPED``) and reporting verbs moved to ``reporting_terms.csv``;
    function words the source lacks added by name (``ADDED``); (5) particles given
    their pronoun-suffixed forms (``PRONOUN_HOSTS`` x ``PRONOUN_SUFFIXES``: أنهم، معه)
    and every base its clitic-prefixed variants (``CLITIC_PREFIXES``), except variants
    that are common content words (``PROTECTED``).
``stopwords_ar_changes.csv``
    Every source entry and what became of it (kept, merged, dropped, moved), with the
    reason, so the exclusions can be read by name.
``reporting_terms.csv``
    ``norm, lemma, category``: the reporting verbs (``reporting_verb``) and the
    attribution word ``الصحيفة`` (``attribution``) in the forms news Arabic uses,
    generated from the hand-made table ``REPORTING_VERBS`` below. These are never stop
    words: the attribution analysis counts them.
"""

from __future__ import annotations

import csv
import re
import sys
from importlib.metadata import version
from pathlib import Path

import stopwordsiso  # source package; build time only

from arabic_media.affixes import CONJUNCTIONS, PARTICLE_PREFIXES, PARTICLE_PRONOUNS
from arabic_media.paths import LEXICONS_DIR
from arabic_media.text import normalize

SOURCE = "stopwords-iso (PyPI package stopwordsiso)"
SOURCE_VERSION = "0.7.1"
SOURCE_LICENCE = "MIT"

#: Source entries (normalised) dropped by name, with the reason.
DROPPED = {
    "برس": "news-agency name fragment (فرانس برس)",
    "لوكالة": "news-agency word with clitic (لوكالة = for the agency)",
    "للامم": "fragment of الأمم المتحدة (United Nations), a named entity",
    "ايار": "month name (May), content in news",
    "مايو": "month name (May), content in news",
    "زيارة": "content noun (visit)",
    "قوة": "content noun (force)",
    "عين": "content noun (eye, spring) far more often than 'self'",
    "لقاء": "content noun (meeting) far more often than 'in exchange for'",
}

#: Function words the source lacks, added by name with the reason.
ADDED = {
    "و": "conjunction written apart (before a quotation mark: و\"كلاود فلاير\")",
    "ف": "conjunction written apart",
    "ب": "preposition written apart",
    "ل": "preposition written apart",
    "ك": "preposition written apart",
    "تحت": "preposition (under), missing from the source",
    "فوق": "preposition (above), missing from the source",
    "إحدى": "quantifier (one of, feminine), missing from the source",
    "أحد": "quantifier (one of), the source has it only as احد without hamza",
}

#: Particles and prepositions that take pronoun suffixes (أنهم، معه، عليهم): each gets
#: the forms with ``PRONOUN_SUFFIXES`` before the clitic prefixes are added.
PRONOUN_HOSTS = ("أن", "إن", "لكن", "عن", "من", "مع", "على", "إلى", "في", "عند", "لدى",
                 "بين", "حول", "دون", "ضد", "خلال", "لأن", "كأن", "لعل", "ليت")
PRONOUN_SUFFIXES = PARTICLE_PRONOUNS  # ه ها هم هما هن ك كم كما كن نا (arabic_media.affixes)

#: Lemmas of the reporting verbs and their forms (past 3rd person m/f/pl/dual and
#: present 3rd person), before normalisation. أوضح and أعلن are here because the source
#: list has واوضح and اعلنت: moving them here keeps them out of the stop words.
REPORTING_VERBS = {
    "قال": ["قال", "قالت", "قالوا", "قالا", "يقول", "تقول", "يقولون"],
    "ذكر": ["ذكر", "ذكرت", "ذكروا", "ذكرا", "يذكر", "تذكر", "يذكرون"],
    "أضاف": ["أضاف", "أضافت", "أضافوا", "أضافا", "يضيف", "تضيف", "يضيفون"],
    "اعتبر": ["اعتبر", "اعتبرت", "اعتبروا", "اعتبرا", "يعتبر", "تعتبر", "يعتبرون"],
    "أشار": ["أشار", "أشارت", "أشاروا", "أشارا", "يشير", "تشير", "يشيرون"],
    "أكد": ["أكد", "أكدت", "أكدوا", "أكدا", "يؤكد", "تؤكد", "يؤكدون"],
    "نشر": ["نشر", "نشرت", "نشروا", "نشرا", "ينشر", "تنشر", "ينشرون"],
    "أوضح": ["أوضح", "أوضحت", "أوضحوا", "أوضحا", "يوضح", "توضح", "يوضحون"],
    "أعلن": ["أعلن", "أعلنت", "أعلنوا", "أعلنا", "يعلن", "تعلن", "يعلنون"],
}
#: Conjunctions a verb takes in reporting clauses (وقالت، فأضاف). Not ل/ب: لنشر and
#: بنشرها are the noun "publishing", not a report.
VERB_PREFIXES = ("",) + CONJUNCTIONS

#: The attribution word: "the newspaper", in every clitic form news Arabic gives it.
ATTRIBUTION = {
    "صحيفة": ["صحيفة", "وصحيفة", "فصحيفة", "بصحيفة", "لصحيفة", "كصحيفة"],
    "الصحيفة": ["الصحيفة", "والصحيفة", "فالصحيفة", "بالصحيفة", "للصحيفة", "كالصحيفة",
                "وبالصحيفة", "وللصحيفة"],
}

#: Proclitics a stop word takes: a conjunction, a preposition, or a conjunction then
#: a preposition (وبها، فلما). ال is not among them: stop words are not definite.
CLITIC_PREFIXES = PARTICLE_PREFIXES  # و ف ب ل ك وب ول وك فب فل فك (arabic_media.affixes)

#: Generated variants that are, more often, content words; never added.
PROTECTED = {
    "ولي": "guardian, heir (ولي العهد)",
    "والي": "governor",
    "فهم": "understanding",
}

_ARABIC_WORD = re.compile("^[\u0621-\u063a\u0641-\u064a]+$")


def reporting_rows() -> list[dict[str, str]]:
    rows = {}
    for lemma, forms in REPORTING_VERBS.items():
        for form in forms:
            for prefix in VERB_PREFIXES:
                rows.setdefault(normalize(prefix + form), (normalize(lemma), "reporting_verb"))
    for lemma, forms in ATTRIBUTION.items():
        for form in forms:
            rows.setdefault(normalize(form), ("الصحيفة", "attribution"))
    return [{"norm": n, "lemma": lemma, "category": cat} for n, (lemma, cat) in sorted(rows.items())]


def build() -> None:
    reporting = {row["norm"] for row in reporting_rows()}
    source = sorted(stopwordsiso.stopwords("ar"))
    changes, bases = [], set()
    for entry in source:
        norm = normalize(entry)
        if not _ARABIC_WORD.match(norm):
            action, reason = "dropped", "not Arabic letters only"
        elif len(norm) == 1:
            action, reason = "dropped", "single letter (the clitics written apart are in ADDED)"
        elif norm in DROPPED:
            action, reason = "dropped", DROPPED[norm]
        elif norm in reporting:
            action, reason = "moved", "reporting verb: counted in reporting_terms.csv"
        elif norm in bases:
            action, reason = "merged", "same normalised form as an earlier entry"
        else:
            action, reason = "kept", ""
            bases.add(norm)
        changes.append({"source_entry": entry, "norm": norm, "action": action, "reason": reason})
    for word in ADDED:
        norm = normalize(word)
        if norm not in bases:
            bases.add(norm)
            changes.append({"source_entry": "", "norm": norm, "action": "added", "reason": ADDED[word]})
    for host in PRONOUN_HOSTS:
        # ى becomes ي before a suffix (على -> عليه), which normalize() already writes.
        for suffix in PRONOUN_SUFFIXES:
            bases.add(normalize(host) + suffix)
    stopwords = set(bases)
    for base in bases:
        if len(base) < 2:  # a clitic written apart takes no further clitic
            continue
        for prefix in CLITIC_PREFIXES:
            variant = prefix + base
            if variant not in PROTECTED and variant not in reporting:
                stopwords.add(variant)
    kept = sum(1 for c in changes if c["action"] == "kept")
    added = sum(1 for c in changes if c["action"] == "added")
    LEXICONS_DIR.mkdir(parents=True, exist_ok=True)
    header = [
        "# Arabic stop words of the study, normalised with arabic_media.text.normalize (defaults).",
        f"# Source: {SOURCE} {SOURCE_VERSION}, Arabic list ('ar'), {SOURCE_LICENCE} licence.",
        f"# {len(source)} source entries -> {kept} kept, {added} added by name -> {len(bases)} bases with "
        f"pronoun-suffixed particles -> {len(stopwords)} forms with clitic prefixes {' '.join(CLITIC_PREFIXES)}.",
        "# Built by scripts/build_stopwords.py; what happened to each source entry: stopwords_ar_changes.csv.",
        "# Do not edit by hand: change the script and rebuild.",
    ]
    text = "\n".join(header + sorted(stopwords)) + "\n"
    (LEXICONS_DIR / "stopwords_ar.txt").write_text(text, encoding="utf-8", newline="\n")
    _write_csv(LEXICONS_DIR / "stopwords_ar_changes.csv", changes, ["source_entry", "norm", "action", "reason"])
    _write_csv(LEXICONS_DIR / "reporting_terms.csv", reporting_rows(), ["norm", "lemma", "category"])
    counts = {a: sum(1 for c in changes if c["action"] == a) for a in ("kept", "merged", "dropped", "moved", "added")}
    print(f"source entries: {len(source)}; {counts}; stop-word forms: {len(stopwords)}; "
          f"reporting/attribution forms: {len(reporting)}")


def _write_csv(path: Path, rows: list[dict[str, str]], columns: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    installed = version("stopwordsiso")
    if installed != SOURCE_VERSION:
        sys.exit(f"stopwordsiso {installed} is installed; this build expects {SOURCE_VERSION}")
    build()
