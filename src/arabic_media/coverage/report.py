"""One report of an archive, analysed as the study analyses its article: matched
against the slice query, its sentences labelled for stance toward the target, its
attributions traced. Tables are not built: a corpus-scale pass works on the words of
each sentence (`arabic_media.matching.text_sentence_words`), and returns plain rows."""

from __future__ import annotations

import functools
from dataclasses import dataclass

__all__ = ["ATTRIBUTION_FIELDS", "Tools", "load_tools", "analyse_text", "analyse_member"]

#: The fields of an attribution a corpus-scale pass keeps (`analyse_text`).
ATTRIBUTION_FIELDS = ("sentence", "attribution", "parent", "depth", "cue", "cue_start", "cue_end", "source",
                      "source_start", "source_end", "source_actor_id", "source_type")


@dataclass(frozen=True)
class Tools:
    """What the analyses read, loaded once per process.

    Attributes
    ----------
    target : Target
        The stance target.
    lexicon : Lexicon
        The stance lexicon.
    others : Target
        The actors that make a sentence another's (`stance.referring.other_subjects`).
    lex : AttributionLexicon
        The attribution lexicon.
    query : SliceQuery or None
        The slice query (None: every report).
    """

    target: object
    lexicon: object
    others: object
    lex: object
    query: object


@functools.lru_cache(maxsize=4)
def load_tools(target: str, query: str | None = None) -> Tools:
    """The analyses' data, read once per process.

    Parameters
    ----------
    target : str
        A target file's name.
    query : str, optional
        A committed query's name.

    Returns
    -------
    Tools
    """
    from arabic_media.actors import load_target
    from arabic_media.attribution import load_attribution_lexicon
    from arabic_media.lexicons import load_lexicon
    from arabic_media.slices import load_query
    from arabic_media.stance.referring import other_subjects

    loaded = load_target(target)
    return Tools(loaded, load_lexicon(), other_subjects(loaded), load_attribution_lexicon(),
                 load_query(query) if query else None)


def analyse_text(article_id: str, text: str, tools: Tools, *, original_outlet: str = "") -> dict:
    """Label a text's sentences for stance and trace its attributions.

    Parameters
    ----------
    article_id : str
    text : str
    tools : Tools
    original_outlet : str
        What ``الصحيفة`` (the newspaper) refers to, when known.

    Returns
    -------
    dict
        ``sentences`` (how many), ``labels`` (the stance label of each sentence, in
        order), ``spans`` (each sentence's ``(start, end)`` character offsets into the
        text) and ``attributions``: each attribution found, as a dict of
        `ATTRIBUTION_FIELDS` (its cue, source and their offsets, depth, actor, type).
    """
    from arabic_media.actors import outlet_actor_id
    from arabic_media.attribution.rules import attribute_article
    from arabic_media.matching import text_sentence_words
    from arabic_media.stance.rules import label_sentence_words

    sents = text_sentence_words(article_id, text)
    rows, _ = label_sentence_words(sents, tools.target, tools.lexicon, others=tools.others)
    outlet = outlet_actor_id(original_outlet, tools.lex.actors) if original_outlet else ""
    found = attribute_article(article_id, text, sents, outlet or original_outlet, tools.lex)
    said = [r for r in found if r["cue_start"] is not None]
    return {
        "sentences": len(sents),
        "labels": tuple(row["label"] for row in rows),
        "spans": tuple((sent.text_start, sent.text_start + len(sent.text)) for sent in sents),
        "attributions": tuple({key: r[key] for key in ATTRIBUTION_FIELDS} for r in said),
    }


def analyse_member(source, member, tools: Tools, *, slice_only: bool = True, keep_text: bool = False) -> dict:
    """One member of a source, skipped, refused, matched or analysed.

    Skipped by its path when the query reserves its folder, refused when it cannot be
    read, else matched and (when in the slice, or always with ``slice_only`` False)
    analysed.

    Parameters
    ----------
    source : TrecArchive or another source of `arabic_media.corpus.sources`
    member : Member
    tools : Tools
    slice_only : bool
        Analyse only the reports the query selects.
    keep_text : bool
        Return an analysed report's text too (``text``).

    Returns
    -------
    dict
        ``member`` and ``status`` (``skipped``, ``refused``, ``read``); for a read
        report its provenance (``article_id, outlet, section, published, sha256,
        title``), the query's fields (`arabic_media.slices.ReportMatch`) and, when
        analysed, the fields of `analyse_text`.
    """
    from arabic_media.corpus.ant import AntFormatError, tag
    from arabic_media.corpus.sources import Failure
    from arabic_media.slices import match_report

    query = tools.query
    if query is not None and any(folder in member.name.split("/") for folder in query.excluded_folders):
        return {"member": member.name, "status": "skipped"}
    article = source.prepare(member)
    if isinstance(article, Failure):
        return {"member": member.name, "status": "refused", "reason": article.reason}
    try:
        title = tag(member.data.decode("utf-8", "replace"), "TITLE", member.name)
    except AntFormatError:
        title = ""
    row = {"member": member.name, "status": "read", "article_id": article.article_id, "outlet": article.outlet,
           "section": article.section, "published": article.published, "sha256": article.sha256, "title": title}
    if query is not None:
        row.update(match_report(article.text, title, query).__dict__)
        if slice_only and not row["matched"]:
            return row
    row.update(analyse_text(article.article_id, article.text, tools))
    if keep_text:
        row["text"] = article.text
    return row
