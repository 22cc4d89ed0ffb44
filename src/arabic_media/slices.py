"""A slice of a news corpus by a committed query: the reports about some companies and a
topic, found by rules stated before any report is read.

The query is data (``corpus/queries/<name>.json``, read by `load_query`): which actors
of the gazetteer count as the companies, which terms (normalised substrings) count as
the topic, grouped by subtopic, and the thresholds. A report is in the slice when all
four rules hold (`match_report`):

Q1. it names the companies at least ``min_company_mentions`` times (the gazetteer's
    aliases of the query's actors, matched as the stance rules match a target: clitics
    allowed, longest first, `arabic_media.actors.find_mentions`);
Q2. a company is named in its title or in its first ``lead_sentences`` sentences: the
    report is about the company, not only mentioning it;
Q3. topic terms occur at least ``min_topic_hits`` times in its body (occurrences that do
    not overlap, the longest term first: ``محتوى متطرف`` is one);
Q4. in at least ``min_linked_sentences`` sentences a company and a topic term occur
    together: the report ties the company to the topic, rather than saying that a post
    appeared on Twitter in a report about something else.

Reports under a folder of ``excluded_folders`` (Sky News Arabia, reserved for evaluation
outside the project) are skipped by their path, before their bytes are decoded
(`scan_archive`), and counted as skipped.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from arabic_media.paths import CORPUS_DIR, relative

__all__ = ["QUERIES_DIR", "SliceQuery", "ReportMatch", "load_query", "match_report", "scan_archive"]

_PATTERNS: dict = {}
#: Where the committed queries live.
QUERIES_DIR: Path = CORPUS_DIR / "queries"


@dataclass(frozen=True)
class SliceQuery:
    """A committed query (see the module docstring for the rules it states).

    Attributes
    ----------
    name : str
        The file's stem.
    target : str
        The stance target whose member actors of gazetteer type ``company`` are the
        companies (``us_tech_companies``).
    topics : dict
        Subtopic -> terms, each written as in the text; matched normalised, as
        substrings of the normalised sentence.
    min_company_mentions, lead_sentences, min_topic_hits, min_linked_sentences : int
        The thresholds of rules Q1 to Q4.
    excluded_folders : tuple of str
        Archive folders skipped by path, never read.
    """

    name: str
    target: str
    topics: dict
    min_company_mentions: int = 2
    lead_sentences: int = 1
    min_topic_hits: int = 2
    min_linked_sentences: int = 1
    excluded_folders: tuple = ("SkyNews",)
    _terms: tuple = field(default=(), repr=False, compare=False)

    def terms(self) -> tuple[tuple[str, str], ...]:
        """The query's terms, normalised, each with its subtopic.

        Returns
        -------
        tuple of tuple of (str, str)
            ``(subtopic, normalised term)`` pairs, in the file's order.
        """
        from arabic_media.text import normalize

        return tuple((topic, normalize(term)) for topic, terms in self.topics.items() for term in terms)

    def term_pattern(self):
        """One pattern for every term, the longest first.

        So occurrences are found once each and do not overlap (``محتوى متطرف`` is one
        hit, not two). Compiled once per set of terms.

        Returns
        -------
        re.Pattern
            Matches a normalised term in normalised text.
        """
        import re

        terms = tuple(sorted({term for _, term in self.terms()}, key=lambda t: (-len(t), t)))
        if terms not in _PATTERNS:
            _PATTERNS[terms] = re.compile("|".join(re.escape(term) for term in terms))
        return _PATTERNS[terms]

    def subtopic_of(self) -> dict[str, str]:
        """Each normalised term's subtopic.

        Returns
        -------
        dict of str to str
            Normalised term -> its subtopic (the first listing it).
        """
        found: dict[str, str] = {}
        for topic, term in self.terms():
            found.setdefault(term, topic)
        return found


def load_query(name_or_path: str | Path) -> SliceQuery:
    """Read a committed query.

    Parameters
    ----------
    name_or_path : str or Path
        A query's name (``corpus/queries/<name>.json``) or a path.

    Returns
    -------
    SliceQuery

    Raises
    ------
    ValueError
        For a missing key or an unknown one, naming the file.
    FileNotFoundError
        No such query.
    """
    path = Path(name_or_path)
    if path.suffix != ".json":
        path = QUERIES_DIR / f"{name_or_path}.json"
    if not path.is_file():
        raise FileNotFoundError(f"{relative(path)}: no such query")
    data = json.loads(path.read_text(encoding="utf-8"))
    allowed = {"target", "topics", "min_company_mentions", "lead_sentences", "min_topic_hits",
               "min_linked_sentences", "excluded_folders", "about"}
    unknown = sorted(set(data) - allowed)
    missing = sorted({"target", "topics"} - set(data))
    if unknown or missing:
        raise ValueError(f"{relative(path)}: unknown keys {unknown}, missing keys {missing}")
    data.pop("about", None)
    data["excluded_folders"] = tuple(data.get("excluded_folders", ("SkyNews",)))
    return SliceQuery(name=path.stem, **data)


@dataclass(frozen=True)
class ReportMatch:
    """What the query found in one report.

    Attributes
    ----------
    company_mentions : int
        Mentions of the companies (Q1).
    companies : tuple of str
        The companies named, by actor id, sorted.
    named_in_lead : bool
        A company named in the title or the lead (Q2).
    topic_hits : int
        Topic terms found in the body (Q3), each occurrence counted.
    topics : tuple of str
        The subtopics found, sorted.
    linked_sentences : int
        Sentences naming a company and a topic term (Q4).
    sentences : int
        Sentences of the body.
    matched : bool
        All four rules hold.
    """

    company_mentions: int
    companies: tuple
    named_in_lead: bool
    topic_hits: int
    topics: tuple
    linked_sentences: int
    sentences: int
    matched: bool


_COMPANY_TARGETS: dict[str, object] = {}


def _companies(query: SliceQuery):
    """The query's companies as a `Target` of their aliases (cached per target name)."""
    target = _COMPANY_TARGETS.get(query.target)
    if target is None:
        from arabic_media.actors import Target, load_target

        full = load_target(query.target)
        companies = full.actors[full.actors["type"] == "company"]
        target = _COMPANY_TARGETS[query.target] = Target(
            f"{query.target} companies", companies,
            tuple(a for a in full.aliases if a[2] in set(companies["actor_id"])))
    return target


def match_report(body: str, title: str, query: SliceQuery) -> ReportMatch:
    """Apply the query's rules to one report.

    Parameters
    ----------
    body : str
        The report's text.
    title : str
        Its headline ("" when it has none).
    query : SliceQuery
        The rules and thresholds.

    Returns
    -------
    ReportMatch
        What each rule found; ``matched`` when all four hold. When Q3 fails the
        companies are not looked for (their counts are 0).
    """
    from arabic_media.actors import find_mentions
    from arabic_media.matching import text_sentence_words
    from arabic_media.text import normalize

    pattern, subtopic = query.term_pattern(), query.subtopic_of()
    hits = sum(1 for _ in pattern.finditer(normalize(body)))
    if hits < query.min_topic_hits:  # Q3 fails: no need to find the companies
        return ReportMatch(0, (), False, hits, (), 0, 0, False)
    companies = _companies(query)
    sents = text_sentence_words("report", body)
    mentions = [find_mentions(sent, companies) for sent in sents]
    named = Counter(m.info[0] for found in mentions for m in found)
    in_lead = any(mentions[: query.lead_sentences])
    if title and not in_lead:
        in_lead = any(find_mentions(s, companies) for s in text_sentence_words("title", title))
    linked = 0
    topics = set()
    for sent, found in zip(sents, mentions):
        here = {subtopic[m.group(0)] for m in pattern.finditer(normalize(sent.text))}
        topics |= here
        linked += bool(found and here)
    total = sum(named.values())
    matched = (total >= query.min_company_mentions and in_lead and hits >= query.min_topic_hits
               and linked >= query.min_linked_sentences)
    return ReportMatch(total, tuple(sorted(named)), bool(in_lead), hits, tuple(sorted(topics)), linked, len(sents),
                       matched)


def scan_archive(archive: Path | str, query: SliceQuery, *, counts: Counter | None = None) -> Iterator[dict]:
    """Every report of an ANT-style archive with what the query found in it.

    Read as a stream; reports under an excluded folder are skipped by path before
    decoding, and a report the reader refuses is counted, not yielded.

    Parameters
    ----------
    archive : Path or str
        A TREC archive (`arabic_media.corpus.sources.TrecArchive`).
    query : SliceQuery
        The rules, thresholds and excluded folders.
    counts : Counter, optional
        Filled with the count of each step (members, skipped by path, refused, read).

    Yields
    ------
    dict
        ``member, article_id, outlet, section, published, sha256, title`` and the
        fields of `ReportMatch`, for every report read (matched or not).
    """
    from arabic_media.corpus.ant import AntFormatError, tag
    from arabic_media.corpus.sources import Failure, TrecArchive

    counts = Counter() if counts is None else counts
    source = TrecArchive(Path(archive))
    for member in source.members():
        counts["members"] += 1
        parts = member.name.split("/")
        if any(folder in parts for folder in query.excluded_folders):
            counts["skipped by path (reserved, not read)"] += 1
            continue
        article = source.prepare(member)
        if isinstance(article, Failure):
            counts[f"refused: {article.reason}"] += 1
            continue
        try:
            title = tag(member.data.decode("utf-8", "replace"), "TITLE", member.name)
        except AntFormatError:
            title = ""
        counts["read"] += 1
        found = match_report(article.text, title, query)
        counts["matched"] += found.matched
        yield {"member": member.name, "article_id": article.article_id, "outlet": article.outlet,
               "section": article.section, "published": article.published, "sha256": article.sha256, "title": title,
               **found.__dict__}
