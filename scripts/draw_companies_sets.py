"""Draw the companies development and test sets (reports about the companies at large)
from the ANT corpus.

Run from the project root, with the archive at ``../shared/data/``:

    python scripts/draw_companies_sets.py         # (re)write both sets

The sets were drawn once, with the query and the seed below fixed and committed first;
both are development data now (the test set was read after its one scoring). Run
again, the script writes the same articles and manifests; the two READMEs are the
record of that draw (its counts, its table) and are kept by hand. The extremism sets
are drawn by ``scripts/draw_evaluation_sets.py`` from a query committed as data
(``corpus/queries/``).

(``scripts/check_gold.py`` checks the gold files against the sets.)

Everything below was fixed before the script was first run, so that no article was
picked for how it reads. Reports about US technology companies and their conduct
(platforms and content moderation, privacy and data, extremism) are selected by a
keyword query, filtered by eligibility rules, then drawn at random with a fixed seed
and split by article into a development set (``corpus/companies_dev/``, read while the
guidelines are extended and the rules written) and a test set (``corpus/companies_test/``,
scored once).

Sources (decided up front)
    Members of the multi-source ANT corpus v2.1 archive under ``Alarabia/``, ``BBC/``,
    ``CNN/`` and ``France24/``, in every category except ``sport``. Members under
    ``SkyNews/`` are reserved for evaluation outside the project: they are skipped by
    their path, before their content is read (``archive.extractfile`` is never called
    on them). Excluded by name: the held-out articles (``corpus/heldout/manifest.csv``:
    ``AL-technology-202-20180424``; the Sky News one is skipped with its outlet) and
    ``BB-technology-174-20180427`` (read for the held-out set and left out there).

Query (``COMPANY_NAMES``, ``TOPIC_TERMS`` below), matched on ``arabic_media.text.normalize``
    forms (alef variants as ``ا``, ``ى`` as ``ي``, no diacritics, presentation forms
    mapped back to base letters). A member matches when all three hold:

    Q1. company names (Facebook, Google, Twitter, YouTube, Apple, Amazon, Microsoft, in
        the Arabic spellings of ``COMPANY_NAMES``) occur at least twice in the body, in
        all (so a passing "on Twitter" does not qualify); a name matches a whole token
        (``arabic_media.text.tokenize``), or a run of tokens for a two-word spelling,
        optionally with a clitic in ``NAME_PREFIXES`` in front, never ``ال``; ``ابل``
        (Apple) only bare or after ``ل``/``ول``, because ``وابل`` (a barrage), ``بابل``
        (Babylon) and ``كابل`` (Kabul, cable) are other words;
    Q2. a company name occurs in the ``<TITLE>`` or in the body's first sentence (the
        report is about the company, not only mentioning it);
    Q3. at least one topic term of ``TOPIC_TERMS`` occurs in the body, as a substring
        of the normalised body (the terms are stems or phrases: content removal and
        moderation, privacy and data, extremism, terrorism and hate, fake news and
        disinformation, regulation and antitrust, fines and lawsuits).

Eligibility (decided up front)
    E1. the member is UTF-8, and its ``<TEXT>`` body can be cut by the rule of
        ``arabic_media.corpus.ant.text_body`` (the rule of ``scripts/extract_ant_articles.py``); ``<DOCNO>``,
        ``<TITLE>``, ``<TIME>`` and ``<URL>`` each occur once and ``<TIME>`` parses;
    E2. the body has between ``MIN_SENTENCES`` and ``MAX_SENTENCES`` sentences
        (inclusive), as ``arabic_media.text.split_sentences`` splits the decoded body
        (the same split as ``load_corpus``), so that every sentence can be annotated;
    E3. duplicates: of members whose body bytes are identical, or whose normalised
        titles are identical, only the first by member path is kept.

Draw and split
    The eligible members are sorted by member path and shuffled with
    ``random.Random(SEED).shuffle``. They are assigned in that order, alternately, to
    the development set (1st, 3rd, 5th...) and the test set (2nd, 4th...), and the draw
    stops after the first assignment at which both sets hold at least ``MIN_ARTICLES``
    articles and ``MIN_SET_SENTENCES`` sentences. The split is by article: all the
    sentences of an article are in the same set.

Extraction
    Each drawn member is checked against its sha256 pinned in ``PINNED`` (a different
    copy of the archive is refused) and cut byte for byte by ``arabic_media.corpus.ant.text_body``; the
    manifest rows are built by ``manifest_row`` of ``scripts/extract_ant_articles.py``
    (``title`` from ``<TITLE>``, ``published`` from ``<TIME>``, ``outlet`` by archive
    folder, ``original_outlet`` and ``original_language`` left empty: they were not
    read off the text, and are not guessed). The article id is the ``<DOCNO>`` in lower
    case. The two READMEs record that run, with the counts of each step.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import tarfile
from collections import Counter
from email.utils import parsedate_to_datetime
from pathlib import Path

from extract_ant_articles import ARCHIVE_NAME, PREFIX, manifest_row

from arabic_media.corpus import write_manifest
from arabic_media.corpus.ant import AntFormatError
from arabic_media.corpus.ant import tag as find_tag
from arabic_media.corpus.ant import text_body as cut_text_body
from arabic_media.paths import ANNOTATIONS_DIR, ANT_ARCHIVE, CORPUS_DIR
from arabic_media.text import normalize, split_sentences, tokenize

SEED = 20180612
MIN_SENTENCES, MAX_SENTENCES = 5, 25
MIN_ARTICLES, MIN_SET_SENTENCES = 8, 120

#: Archive folder -> outlet. ``SkyNews/`` is not here: it is skipped by path.
OUTLETS = {
    "Alarabia": "Al Arabiya",
    "BBC": "BBC Arabic",
    "CNN": "CNN Arabic",
    "France24": "France 24 Arabic",
}
RESERVED_FOLDER = "SkyNews"  # evaluation outside the project: never read
SKIPPED_CATEGORIES = {"sport"}
#: Excluded by name (docno): the held-out Al Arabiya article, and the BBC one the
#: held-out README left out.
EXCLUDED_DOCNOS = {"AL-technology-202-20180424", "BB-technology-174-20180427"}

#: company -> Arabic spellings (a two-word spelling is a run of tokens).
COMPANY_NAMES = {
    "facebook": ["فيسبوك", "فيس بوك", "فايسبوك", "فايس بوك"],
    "google": ["غوغل", "جوجل", "قوقل", "كوكل"],
    "twitter": ["تويتر", "توتير"],
    "youtube": ["يوتيوب", "يوتوب", "يو تيوب"],
    "apple": ["آبل", "أبل"],
    "amazon": ["أمازون"],
    "microsoft": ["مايكروسوفت", "ميكروسوفت", "مايكروسفت"],
}
#: Clitics allowed in front of a company name (never the article ال).
NAME_PREFIXES = ["", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك"]
#: Apple's ``ابل`` collides with other words after و, ب, ك, ف: only these.
APPLE_PREFIXES = ["", "ل", "ول"]

#: topic -> terms (stems or phrases, matched as substrings of the normalised body).
TOPIC_TERMS = {
    "content removal and moderation": [
        "حذف", "إزالة", "حظر", "حجب", "رقابة", "حسابات وهمية", "حسابات مزيفة",
        "إغلاق حساب", "تعليق حساب", "المحتوى المسيء", "محتوى مسيء",
    ],
    "privacy and data": [
        "خصوصي", "بيانات المستخدمين", "البيانات الشخصية", "بيانات شخصية",
        "حماية البيانات", "تسريب", "تسرب", "اختراق", "قرصنة", "كامبريدج",
    ],
    "extremism, terrorism and hate": [
        "إرهاب", "تطرف", "متطرف", "داعش", "كراهية", "تحريض", "جهادي",
    ],
    "fake news and disinformation": [
        "أخبار كاذبة", "الأخبار الكاذبة", "أخبار مزيفة", "الأخبار المزيفة",
        "أخبار زائفة", "الأخبار الزائفة", "معلومات مضللة", "المعلومات المضللة", "تضليل",
    ],
    "regulation and antitrust": [
        "قانون", "تشريع", "الكونغرس", "الكونجرس", "مجلس الشيوخ", "المفوضية الأوروبية",
        "الاتحاد الأوروبي", "احتكار",
    ],
    "fines and lawsuits": [
        "غرامة", "غرامات", "دعوى قضائية", "دعاوى", "مقاضاة", "محكمة",
    ],
}

#: Pinned after the first run: sha256 of each drawn member file, as published. A
#: member whose bytes differ is refused, and so is a draw that selects other members.
PINNED: dict[str, str] = {
    "Alarabia/technology/AL-technology-105-20180317.txt": "503e9bbf8d7654fe6aa45aa0c1f36c013efb16d56f155db2a0222fc94f35de68",
    "Alarabia/technology/AL-technology-126-20180328.txt": "c63a220d01fa587dcb9dcc416564e0ba27b7cbb4b9fef992dff686b25c7e772c",
    "Alarabia/technology/AL-technology-164-20180412.txt": "cf6f809a0e9a614706004c0a8a0ef4ec036b5c4432706f1b282fc0099a0fb6b1",
    "Alarabia/technology/AL-technology-184-20180429.txt": "403267d71fc5af5501ebe41d0ac6cf3d484be66b6210bd00faa7058184ed8e6e",
    "Alarabia/technology/AL-technology-264-20180524.txt": "76247e1d9c1ff2fafc5c46360816535274176a7616a9741959d39fe0caff3de4",
    "Alarabia/technology/AL-technology-273-20180528.txt": "487468026ce849a6a1153c2ab26401116253a89128143a934ca9f80c06b61264",
    "Alarabia/technology/AL-technology-277-20180530.txt": "96afa554a54876bc67b7ca4d14029e3a1af723f0be3673f4fff6dafb805ca923",
    "Alarabia/technology/AL-technology-346-20180712.txt": "923f0b8702d74412b5b6598e55e9e62421e62abe530b46f2b6c944f242aebc68",
    "BBC/economy/BB-economy-197-20180726.txt": "3625e6552cc8e1e3bdd86d9cbd29d1e074034133c10b07157633a3fa5cf398aa",
    "BBC/economy/BB-economy-221-20180817.txt": "8226aa96650ccc8baf990dac8e578ba9e414d7175f282574627aae7de8ca0477",
    "BBC/economy/BB-economy-28-20180127.txt": "a8f66c57bc56fabdafb1d5359d9a22aeabcb02f74b5dac7f91c0bdf2fd2a8fb6",
    "BBC/economy/BB-economy-31-20180125.txt": "55c434c4cd40545f0a463a0af8cfc6986b64a6d32b6149af85ef3e9cf0a7e727",
    "BBC/economy/BB-economy-94-20180405.txt": "2afa1bc582bf07f322c42fd7b5b869f84548b1e46887c9729b61d460040a7160",
    "BBC/technology/BB-technology-191-20180504.txt": "a15540805045da46fb3d6cc7848a4dc1a4acee4031de2f0b6ad5b0d5e209c649",
    "BBC/technology/BB-technology-215-20180514.txt": "4293eaf9fa5aec102bad892bca550bb1dbb4ee8d2aa7d77bbeba293116c36aaa",
    "BBC/technology/BB-technology-257-20180608.txt": "4d2005fbdd8f871b5be232b005dcaaf260dbd16f6a69bfb51dd1ed16026cbea5",
    "BBC/technology/BB-technology-71-20180310.txt": "4d64d2d99c9c5afec908ea55e111fc29dd0438b7ce4425dd97a5b7cff3c59feb",
    "BBC/technology/BB-technology-98-20180323.txt": "946affb9568fc9a2f6043ef747289f831c4d4bf0ad72d0d2650f954f93559dee",
    "CNN/middleEast/CN-middleEast-19-20180217.txt": "14d2047aa49fab7c39d4997a2233e59c9d76f2c2d451f0cd27b645b2f222505b",
    "France24/economy/FR-economy-67-20180718.txt": "cd0811a4942dcfaafbd0af9b6a76dceba609d5a41bc0f2e174c7527df80be2aa",
}

DEV_DIR = CORPUS_DIR / "companies_dev"
TEST_DIR = CORPUS_DIR / "companies_test"
GOLD = {"dev": ANNOTATIONS_DIR / "stance_gold_companies_dev.csv", "test": ANNOTATIONS_DIR / "stance_gold_companies_test.csv"}
TARGET = "us_tech_companies"
LABELS = {"FAVOR", "AGAINST", "NONE"}


# --- the query ------------------------------------------------------------------------


def _name_patterns() -> list[tuple[str, tuple[str, ...], list[str]]]:
    """(company, normalised token run, allowed prefixes) for every spelling."""
    patterns = []
    for company, spellings in COMPANY_NAMES.items():
        for spelling in spellings:
            run = tuple(normalize(spelling).split())
            prefixes = APPLE_PREFIXES if company == "apple" else NAME_PREFIXES
            patterns.append((company, run, prefixes))
    return patterns


_PATTERNS = _name_patterns()
_TOPIC_NORMS = [(topic, term, normalize(term)) for topic, terms in TOPIC_TERMS.items() for term in terms]


def _norm_tokens(text: str) -> list[str]:
    return [normalize(text[s.start : s.end]) for s in tokenize(text)]


_NAME_STEMS = sorted({run[0][-3:] for _c, run, _p in _PATTERNS})


def company_mentions(text: str) -> list[str]:
    """The companies named in ``text``, one entry per mention, in text order."""
    norm = normalize(text)
    if not any(stem in norm for stem in _NAME_STEMS):  # fast path: no name at all
        return []
    tokens = _norm_tokens(text)
    found = []
    for i, token in enumerate(tokens):
        for company, run, prefixes in _PATTERNS:
            first = run[0]
            if not any(token == p + first for p in prefixes):
                continue
            if tuple(tokens[i + 1 : i + len(run)]) == run[1:]:
                found.append(company)
                break
    return found


def topic_hits(text: str) -> list[str]:
    """The topic terms (as written in ``TOPIC_TERMS``) found in ``text``."""
    norm = normalize(text)
    return [term for _topic, term, form in _TOPIC_NORMS if form in norm]


# --- scanning the archive -----------------------------------------------------------------


def scan(archive: tarfile.TarFile) -> tuple[list[dict], Counter]:
    """Every eligible member (dicts sorted by path), and the count of each step."""
    counts: Counter = Counter()
    matched = []
    for info in archive:
        if not info.isfile() or not info.name.startswith(PREFIX):
            continue
        path = info.name[len(PREFIX) :]
        parts = path.split("/")
        if len(parts) != 3:  # the corpus README
            continue
        folder, category, filename = parts
        counts["members (articles) in the archive"] += 1
        if folder == RESERVED_FOLDER:
            counts["skipped by path: SkyNews/ (reserved, not read)"] += 1
            continue  # before extractfile: its content is never read
        if folder not in OUTLETS:
            sys.exit(f"{info.name}: unknown outlet folder {folder!r}")
        counts["members of the four outlets"] += 1
        counts[f"scanned: {folder}/"] += 1
        if category in SKIPPED_CATEGORIES:
            counts["skipped: sport category"] += 1
            continue
        docno_from_path = filename.removesuffix(".txt")
        if docno_from_path in EXCLUDED_DOCNOS:
            counts["excluded by name (held-out, BB-technology-174)"] += 1
            continue
        counts["candidates scanned (four outlets, not sport, not excluded)"] += 1
        raw = archive.extractfile(info).read()
        try:
            text = raw.decode("utf-8")
            body_bytes = cut_text_body(raw, info.name)
            docno = find_tag(text, "DOCNO", info.name)
            title = find_tag(text, "TITLE", info.name)
            find_tag(text, "URL", info.name)
            parsedate_to_datetime(find_tag(text, "TIME", info.name))
        except (UnicodeDecodeError, AntFormatError, ValueError, TypeError):
            counts["E1 failed: not UTF-8, body not cuttable, or a tag missing"] += 1
            continue
        body = body_bytes.decode("utf-8")
        spans = split_sentences(body)
        if not spans:
            counts["E1 failed: not UTF-8, body not cuttable, or a tag missing"] += 1
            continue
        mentions = company_mentions(body)
        if len(mentions) < 2:
            continue
        counts["Q1: company named at least twice in the body"] += 1
        lead = body[spans[0].start : spans[0].end]
        if not company_mentions(title) and not company_mentions(lead):
            continue
        counts["Q1+Q2: and named in the title or first sentence"] += 1
        hits = topic_hits(body)
        if not hits:
            continue
        counts["Q1+Q2+Q3: query match"] += 1
        counts[f"query match: {folder}/"] += 1
        n = len(spans)
        if not MIN_SENTENCES <= n <= MAX_SENTENCES:
            counts[f"E2 failed: fewer than {MIN_SENTENCES} or more than {MAX_SENTENCES} sentences"] += 1
            continue
        matched.append(
            {
                "path": path,
                "name": info.name,
                "folder": folder,
                "docno": docno,
                "title": title,
                "raw_sha256": hashlib.sha256(raw).hexdigest(),
                "body_sha256": hashlib.sha256(body_bytes).hexdigest(),
                "n_sentences": n,
                "companies": sorted(set(mentions)),
                "topics": hits,
            }
        )
    matched.sort(key=lambda m: m["path"])
    eligible, seen_bodies, seen_titles = [], set(), set()
    for m in matched:
        key_title = normalize(m["title"])
        if m["body_sha256"] in seen_bodies or key_title in seen_titles:
            counts["E3: duplicate body or title, dropped"] += 1
            continue
        seen_bodies.add(m["body_sha256"])
        seen_titles.add(key_title)
        eligible.append(m)
        counts["eligible"] += 1
        counts[f"eligible: {m['folder']}/"] += 1
    return eligible, counts


def draw(eligible: list[dict]) -> tuple[list[dict], list[dict]]:
    """Shuffle with the seed, assign alternately, stop when both sets meet the bar."""
    order = _draw_order(eligible)
    sets: dict[str, list[dict]] = {"dev": [], "test": []}

    def done(members: list[dict]) -> bool:
        return len(members) >= MIN_ARTICLES and sum(m["n_sentences"] for m in members) >= MIN_SET_SENTENCES

    for i, member in enumerate(order):
        sets["dev" if i % 2 == 0 else "test"].append(member)
        if done(sets["dev"]) and done(sets["test"]):
            return sets["dev"], sets["test"]
    sys.exit(f"the {len(order)} eligible members do not fill both sets")


# --- writing --------------------------------------------------------------------------------


def write_set(archive: tarfile.TarFile, members: list[dict], out: Path) -> list[dict]:
    (out / "articles").mkdir(parents=True, exist_ok=True)
    for old in (out / "articles").glob("*.txt"):
        old.unlink()
    rows = []
    for m in members:
        raw = archive.extractfile(m["name"]).read()
        digest = hashlib.sha256(raw).hexdigest()
        if PINNED and PINNED.get(m["path"]) != digest:
            sys.exit(f"{m['name']}: sha256 is {digest}, expected {PINNED.get(m['path'])}")
        text = raw.decode("utf-8")
        body = cut_text_body(raw, m["name"])
        article_id = m["docno"].lower()
        file = f"articles/{article_id}.txt"
        (out / file).write_bytes(body)
        rows.append(
            manifest_row(
                article_id=article_id,
                file=file,
                body=body,
                text=text,
                name=m["name"],
                member_sha256=digest,
                outlet=OUTLETS[m["folder"]],
                original_outlet="",
                original_language="",
                note=(
                    "Drawn at random for the companies "
                    f"{'development' if out == DEV_DIR else 'test'} set by "
                    "scripts/draw_companies_sets.py; original_outlet and original_language "
                    "not read off the text, left empty"
                ),
                script="scripts/draw_companies_sets.py (the rule of scripts/extract_ant_articles.py)",
            )
        )
    write_manifest(out / "manifest.csv", rows)
    return rows


_ORDER = [
    "members (articles) in the archive",
    "skipped by path",
    "members of the four outlets",
    "scanned:",
    "skipped: sport",
    "excluded by name",
    "candidates scanned",
    "E1 failed",
    "Q1:",
    "Q1+Q2:",
    "Q1+Q2+Q3",
    "query match:",
    "E2 failed",
    "E3",
    "eligible",
]


def _step_order(item: tuple[str, int]) -> tuple[int, str]:
    key = item[0]
    for i, start in enumerate(_ORDER):
        if key.startswith(start):
            return (i, key)
    return (len(_ORDER), key)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.parse_args()
    if not ANT_ARCHIVE.is_file():
        sys.exit(f"{ARCHIVE_NAME} not found; see corpus/companies_dev/README.md")
    with tarfile.open(ANT_ARCHIVE, "r:xz") as archive:
        eligible, counts = scan(archive)
    dev, test = draw(eligible)
    order = {id(m): i for i, m in enumerate(_draw_order(eligible))}
    for m in dev + test:
        m["draw"] = order[id(m)] + 1
    drawn = {m["path"]: m["raw_sha256"] for m in dev + test}
    if PINNED and drawn != PINNED:
        sys.exit("the draw selects other members than those pinned in PINNED: a different archive?")
    with tarfile.open(ANT_ARCHIVE, "r:xz") as archive:
        write_set(archive, dev, DEV_DIR)
        write_set(archive, test, TEST_DIR)
    for k, v in sorted(counts.items(), key=_step_order):
        print(f"{k}: {v}")
    for label, members in (("dev", dev), ("test", test)):
        print(f"{label}: {len(members)} articles, {sum(m['n_sentences'] for m in members)} sentences")
    if not PINNED:
        print("PINNED is empty; pin these in the script:")
        for path, sha in sorted(drawn.items()):
            print(f'    "{path}": "{sha}",')


def _draw_order(eligible: list[dict]) -> list[dict]:
    order = sorted(eligible, key=lambda m: m["path"])
    random.Random(SEED).shuffle(order)
    return order


if __name__ == "__main__":
    main()
