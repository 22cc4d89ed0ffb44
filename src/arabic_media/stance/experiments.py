"""Baselines and experiments around the stance rules: the majority label, cue counting,
leave-one-sentence-out, and the ablation of negation and contrast.

Figures from `arabic_media.stance.evaluate` against the gold are in-sample: the
lexicons were written by the gold's annotator, with the article read. `leave_one_out`
gives a less optimistic figure from the same text: each sentence is labelled without
the cues (and aliases) that match in that sentence alone.
"""

from __future__ import annotations

import pandas as pd

from arabic_media.actors import Target, load_target
from arabic_media.lexicons import Lexicon, load_lexicon
from arabic_media.matching import SentenceWords, find, sentence_words
from arabic_media.stance.evaluate import gold_for
from arabic_media.stance.referring import sentence_references
from arabic_media.stance.rules import LABELS, OUTPUT_COLUMNS, Labelling, _tables, label_sentences, label_words

__all__ = [
    "majority_baseline",
    "cue_count_baseline",
    "leave_one_out",
    "ABLATION_VARIANTS",
    "ablation",
    "ablation_changes",
    "withheld_changes",
]



def majority_baseline(corpus, gold: pd.DataFrame, target: str | Target | None = None) -> pd.DataFrame:
    """Every sentence of ``corpus`` gets the most frequent label of ``gold``.

    Parameters
    ----------
    corpus : Corpus
        The sentences to label.
    gold : DataFrame
        The gold the majority is read from (its rows of ``target``, see `gold_for`);
        ties go to the first label in `LABELS`. In-sample when it is the gold the
        labels are scored on.
    target : str or Target, optional
        Which target's gold rows count.

    Returns
    -------
    DataFrame
        ``article_id, sentence, label``.
    """
    counts = gold_for(gold, target)["label"].value_counts()
    top = max(LABELS, key=lambda lab: (counts.get(lab, 0), -LABELS.index(lab)))
    predicted = corpus.sentences[["article_id", "sentence"]].copy()
    predicted["label"] = top
    return predicted


def cue_count_baseline(corpus, target: str | Target, lexicon: Lexicon | None = None) -> Labelling:
    """The labeller with negation and contrast switched off.

    The same mentions and cues as `label_sentences` (the mechanisms included), their
    weights summed as found: no negator flips a cue, no contrast marker discounts one.

    Parameters
    ----------
    corpus : Corpus
        The sentences to label.
    target : str or Target
        The stance target.
    lexicon : Lexicon, optional
        Default: the study's files.

    Returns
    -------
    Labelling
        As `label_sentences` returns it.
    """
    return label_sentences(corpus, target, lexicon, negation=False, contrast=False)


def _raw_sites(sents: list[SentenceWords], entries, kind: str) -> list[set[tuple[str, int]]]:
    """For each entry, the sentences it matches in, each entry matched on its own
    (so a cue inside a longer cue counts where the longer one is found)."""
    return [
        {(sent.article_id, sent.sentence) for sent in sents if find(sent, [entry], kind)}
        for entry in entries
    ]


_WITHHOLDABLE = ("cues", "aliases")


def _withheld(lexicon: Lexicon, target: Target, drop_cues: set[int], drop_aliases: set[int]):
    """``lexicon`` and ``target`` without the cues and aliases at those indexes."""
    held_lexicon = Lexicon(
        tuple(c for i, c in enumerate(lexicon.cues) if i not in drop_cues), lexicon.negators, lexicon.markers,
        lexicon.actions,
    )
    held_target = Target(
        target.name, target.actors, tuple(a for i, a in enumerate(target.aliases) if i not in drop_aliases)
    )
    return held_lexicon, held_target


def _only_here(sites: list[set[tuple[str, int]]], here: tuple[str, int]) -> set[int]:
    """The entries whose only site in ``here``'s article is ``here``."""
    article = here[0]
    return {i for i, found in enumerate(sites) if here in found and not any(
        key[0] == article and key != here for key in found)}


def leave_one_out(
    corpus,
    target: str | Target,
    lexicon: Lexicon | None = None,
    *,
    withhold: tuple[str, ...] = ("cues", "aliases"),
    negation: bool = True,
    contrast: bool = True,
    topic: bool = True,
) -> Labelling:
    """Label each sentence without the knowledge that could only have come from it.

    For each sentence, every cue (with ``"cues"`` in ``withhold``) and every target
    alias (with ``"aliases"``) that matches in that sentence and in no other sentence
    **of the same article** is removed, and the sentence is labelled with what is left.
    Each article is read on its own, so the result for one article does not depend on
    which other articles the corpus holds. Each entry is matched on its own to find
    where it occurs, so a cue hidden inside a longer one (``اكدوا استعدادهم`` inside
    ``استعدادهم للتعاون``) counts as occurring there, and a shorter cue known from other
    sentences (``تواطؤ``) may take the place of a withheld longer one (``تواطؤ سلبي``).
    Entries that match nowhere in the article are kept: they are not evidence from it.

    This errs on the pessimistic side for aliases: a generic name that happens to
    occur once (``الشركات الرقمية الأمريكية``) is withheld as if only that sentence
    could have taught it. Negators and contrast markers are never withheld: they are
    closed lists of function words and refusal verbs, not knowledge of this text.
    Anaphors and the topic rule are read as in `label_sentences`, with the withheld
    aliases gone (``topic=False`` switches the topic rule off).

    Parameters
    ----------
    corpus : Corpus
        The sentences to label.
    target : str or Target
        The stance target.
    lexicon : Lexicon, optional
        Default: the study's files.
    withhold : tuple of str
        Some of ``("cues", "aliases")``.
    negation, contrast, topic : bool
        As for `label_sentences`.

    Returns
    -------
    Labelling
        ``labels`` has the columns of `label_sentences` plus ``withheld_cues`` and
        ``withheld_aliases`` (the withheld entries as written in their files,
        ``|``-joined).

    Raises
    ------
    ValueError
        For an unknown ``withhold`` item.
    """
    unknown = sorted(set(withhold) - set(_WITHHOLDABLE))
    if unknown:
        raise ValueError(f"withhold: unknown {unknown}; use some of {_WITHHOLDABLE}")
    target = load_target(target) if isinstance(target, str) else target
    lexicon = lexicon if lexicon is not None else load_lexicon()
    rows, match_rows = [], []
    by_article: dict[str, list[SentenceWords]] = {}
    for sent in sentence_words(corpus.sentences, corpus.tokens):
        by_article.setdefault(sent.article_id, []).append(sent)
    for article in by_article.values():
        cue_sites = _raw_sites(article, lexicon.cues, "cue") if "cues" in withhold else []
        alias_sites = _raw_sites(article, target.aliases, "alias") if "aliases" in withhold else []
        for sent in article:
            here = (sent.article_id, sent.sentence)
            drop_cues, drop_aliases = _only_here(cue_sites, here), _only_here(alias_sites, here)
            held_lexicon, held_target = _withheld(lexicon, target, drop_cues, drop_aliases)
            reference = sentence_references(article, held_target, topic=topic)[here]
            row, found = label_words(sent, held_target, held_lexicon, negation=negation, contrast=contrast,
                                     reference=reference)
            row["withheld_cues"] = "|".join(lexicon.cues[i][1] for i in sorted(drop_cues))
            row["withheld_aliases"] = "|".join(target.aliases[i][1] for i in sorted(drop_aliases))
            rows.append(row)
            match_rows += found
    return _tables(rows, match_rows, OUTPUT_COLUMNS + ["withheld_cues", "withheld_aliases"])


#: The labeller's variants compared by `ablation`: name -> options of `label_sentences`.
ABLATION_VARIANTS = {
    "rules": {},
    "no negation": {"negation": False},
    "no contrast": {"contrast": False},
    "neither": {"negation": False, "contrast": False},
}


def ablation(corpus, target: str | Target, lexicon: Lexicon | None = None,
             gold: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each sentence's label under each of `ABLATION_VARIANTS`.

    Parameters
    ----------
    corpus : Corpus
        The sentences to label.
    target : str or Target
        The stance target.
    lexicon : Lexicon, optional
        Default: the study's files.
    gold : DataFrame, optional
        When given, its labels of ``target`` are added as column ``gold``.

    Returns
    -------
    DataFrame
        ``article_id, sentence``, one column per variant (the full rules, then with
        negation, contrast or both switched off), ``gold`` (with ``gold``) and
        ``changed`` (True where some variant differs from ``rules``).
    """
    target = load_target(target) if isinstance(target, str) else target
    lexicon = lexicon if lexicon is not None else load_lexicon()
    keys = ["article_id", "sentence"]
    table = None
    for name, options in ABLATION_VARIANTS.items():
        variant = label_sentences(corpus, target, lexicon, **options).labels[keys + ["label"]]
        variant = variant.rename(columns={"label": name})
        table = variant if table is None else table.merge(variant, on=keys, how="left")
    if gold is not None:
        gold = gold_for(gold, target)[keys + ["label"]].rename(columns={"label": "gold"})
        table = table.merge(gold, on=keys, how="left")
    names = list(ABLATION_VARIANTS)
    table["changed"] = table[names].ne(table["rules"], axis=0).any(axis=1)
    return table.reset_index(drop=True)


def ablation_changes(table: pd.DataFrame) -> pd.Series:
    """How many sentences each variant labels differently from the full rules.

    Parameters
    ----------
    table : DataFrame
        An `ablation` table.

    Returns
    -------
    Series
        One count per variant but ``rules``.
    """
    names = [name for name in ABLATION_VARIANTS if name != "rules"]
    return pd.Series({name: int((table[name] != table["rules"]).sum()) for name in names}, name="changed")


def withheld_changes(labels: pd.DataFrame, variants: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The sentences whose label changes under some leave-one-out variant.

    Each with what was withheld from it in each variant.

    Parameters
    ----------
    labels : DataFrame
        The full labeller's labels.
    variants : dict
        Name -> `leave_one_out` labels.

    Returns
    -------
    DataFrame
        ``article_id, sentence, in-sample``, then per variant its label and, under
        ``<name>: withheld``, the cues and aliases withheld; only changed sentences.
    """
    keys = ["article_id", "sentence"]
    table = labels[keys + ["label"]].rename(columns={"label": "in-sample"})
    for name, held in variants.items():
        withheld = (held["withheld_cues"] + " " + held["withheld_aliases"]).str.strip()
        part = held[keys].assign(**{name: held["label"], f"{name}: withheld": withheld})
        table = table.merge(part, on=keys)
    changed = table[list(variants)].ne(table["in-sample"], axis=0).any(axis=1)
    return table[changed].reset_index(drop=True)
