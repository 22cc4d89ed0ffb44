"""Counting terms: frequencies, stop words, grouping, n-grams, KWIC, collocates, dispersion.

Every function takes the loader's ``tokens`` table (see `arabic_media.corpus.Corpus`)
after `annotate` has added two columns:

``category``
    ``content``, ``stopword``, ``reporting_verb``, ``attribution`` (word tokens),
    ``number`` or ``punct``. Reporting verbs (``قال``, ``وذكرت``, ``أكدوا`` ...) and the
    attribution word ``الصحيفة`` are *not* stop words: they are counted under their own
    categories and shown apart from the content words, because the attribution analysis
    needs them.
``group``
    The grouped form of the word: the label of its clitic/inflection group (the most
    frequent normalised member of the group in the annotated tokens), so ``شركات``,
    ``لشركات`` and ``الشركات`` count as one term. The grouping is `CliticGrouper`,
    chosen over Snowball and Tashaphyne by `evaluate_grouping` on the hand-made gold
    list ``corpus/lexicons/grouping_gold.csv``. That list and the splitter were written
    by the same author from the same article, so its scores are in-sample;
    ``grouping_gold_heldout.csv`` (news words not in the article) is the check on
    words the rules were not made from.

Terms are counted in three forms side by side: ``surface`` (as written), ``norm``
(`arabic_media.text.normalize`) and ``group``. Shares are per 1,000 *running tokens*:
word and number tokens of the article(s), stop words included, punctuation excluded.

The Arabic traps handled here: one word appears under many clitic-prefixed spellings
(``و ف ب ل ك ال``); light stemmers cut too deep (Snowball: ``لشركات`` -> ``لشركا``);
and in a right-to-left concordance line the *left* context is the text that comes
*after* the keyword (see `concordance`).
"""

from __future__ import annotations

import html
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from arabic_media.lexicons import read_lexicon
from arabic_media.paths import LEXICONS_DIR, relative
from arabic_media.text import PROCLITICS, normalize

__all__ = [
    "CATEGORIES",
    "CONTENT",
    "REPORTING",
    "FORMS",
    "load_stopwords",
    "load_reporting_terms",
    "load_glossary",
    "lookup_glosses",
    "load_grouping_gold",
    "load_grouping_candidates",
    "grouping_candidates",
    "missed_groups",
    "CliticGrouper",
    "annotate",
    "running_tokens",
    "processing_steps",
    "attribution_openings",
    "term_frequencies",
    "frequency_comparison",
    "ngrams",
    "evaluate_grouping",
    "pairwise_scores",
    "concordance",
    "KwicHTML",
    "kwic_html",
    "collocates",
    "association_scores",
    "dispersion",
    "dispersion_summary",
    "plot_term_bars",
    "plot_dispersion",
]

#: Every value of the ``category`` column that `annotate` adds.
CATEGORIES = ("content", "stopword", "reporting_verb", "attribution", "number", "punct")
#: The categories counted as content terms by default.
CONTENT = ("content",)
#: The categories of the attribution analysis, counted and shown apart.
REPORTING = ("reporting_verb", "attribution")
#: The three forms a term can be counted in.
FORMS = ("surface", "norm", "group")

#: Categories a content n-gram may not start or end with.
NGRAM_EDGE_EXCLUDE = ("stopword", "reporting_verb", "attribution")


# --- lexicons ------------------------------------------------------------------------


def load_stopwords(path: Path | str | None = None) -> frozenset[str]:
    """The study's stop words (normalised forms) from ``corpus/lexicons/stopwords_ar.txt``.

    The file is built by ``scripts/build_stopwords.py`` from stopwords-iso 0.7.1 (its
    ``#`` header lines say how); returns the set of its non-comment lines.
    """
    path = Path(path) if path is not None else LEXICONS_DIR / "stopwords_ar.txt"
    if not path.is_file():
        raise FileNotFoundError(f"{relative(path)}: no such lexicon file")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def load_reporting_terms(path: Path | str | None = None) -> pd.DataFrame:
    """Reporting verbs and attribution words: ``norm, lemma, category`` (one row per
    normalised form), from ``corpus/lexicons/reporting_terms.csv``."""
    path = Path(path) if path is not None else LEXICONS_DIR / "reporting_terms.csv"
    return read_lexicon(path, ["norm", "lemma", "category"])


def load_glossary(path: Path | str | None = None) -> dict[str, str]:
    """English glosses keyed by normalised term (words or space-joined n-grams), from
    ``corpus/lexicons/glossary.csv`` (columns ``term, gloss_en``). The file stores
    normalised terms already (a test reads it raw to check); the keys are normalised
    again so that a hand-typed hamza or alif maqsura cannot silently miss. Two rows
    with the same normalised term are an error."""
    path = Path(path) if path is not None else LEXICONS_DIR / "glossary.csv"
    table = read_lexicon(path, ["term", "gloss_en"])
    keys = [normalize(term) for term in table["term"]]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    if repeated:
        raise ValueError(f"{relative(path)}: terms repeated after normalisation: {repeated}")
    return dict(zip(keys, table["gloss_en"]))


def lookup_glosses(terms: Iterable[str], glossary: Mapping[str, str] | None = None) -> list[str]:
    """The English gloss of each of ``terms`` (words or space-joined n-grams, in any
    spelling: looked up by their normalised form), ``""`` when the glossary has none.
    ``glossary`` defaults to `load_glossary`. The one place a gloss is looked up: the
    figures' CSVs and the figures themselves both take their glosses from here."""
    glossary = load_glossary() if glossary is None else glossary
    return [glossary.get(normalize(str(term)), "") for term in terms]


def load_grouping_gold(path: Path | str | None = None, *, heldout: bool = False) -> pd.DataFrame:
    """A hand-made gold grouping: ``norm, group`` (one row per normalised word). Words
    with the same ``group`` are one term. By default ``corpus/lexicons/grouping_gold.csv``
    (the article's content words, written by the splitter's author from the same
    article: an in-sample list); with ``heldout`` ``grouping_gold_heldout.csv`` (common
    news words, none of them in the article, written before the splitter was run on
    them)."""
    default = "grouping_gold_heldout.csv" if heldout else "grouping_gold.csv"
    path = Path(path) if path is not None else LEXICONS_DIR / default
    gold = read_lexicon(path, ["norm", "group"])
    repeated = gold.loc[gold["norm"].duplicated(), "norm"].tolist()
    if repeated:
        raise ValueError(f"{relative(path)}: words listed twice: {repeated}")
    return gold


def load_grouping_candidates(path: Path | str | None = None) -> pd.DataFrame:
    """Keys that outside stemmers give the gold words (of both gold lists): ``candidate,
    package, version, norm, key``, from ``corpus/lexicons/grouping_candidates.csv``
    (built once by ``scripts/build_grouping_candidates.py``, so the study does not need
    the stemmers)."""
    path = Path(path) if path is not None else LEXICONS_DIR / "grouping_candidates.csv"
    return read_lexicon(path, ["candidate", "package", "version", "norm", "key"])


# --- grouping ------------------------------------------------------------------------

#: Suffix rewrites tried on a stem, longest first: (suffix, replacement). Plural and
#: dual endings, the feminine ة (also of nisba adjectives: امريكية -> امريكي), verb
#: ending وا, and pronoun suffixes (a ة before a pronoun is written ت: رغبتها).
_SUFFIX_REWRITES = (
    ("تهما", "ة"), ("تهم", "ة"), ("تها", "ة"), ("ته", "ة"),
    ("تان", "ة"), ("تين", "ة"), ("ات", "ة"), ("ات", ""),
    ("هما", ""), ("هم", ""), ("هن", ""), ("ها", ""), ("ه", ""),
    ("ان", ""), ("ين", ""), ("ون", ""), ("وا", ""),
    ("ة", ""),
)
#: The shortest stem a clitic or suffix may leave (كان must not become ان).
MIN_STEM = 3


@dataclass
class CliticGrouper:
    """A conservative clitic splitter that strips only what the corpus attests.

    Built from the ``vocabulary`` (normalised word forms seen in the corpus). A word's
    group key is found in two steps:

    1. **Proclitics.** Of the ways to read the word as proclitics (``و ف``, ``ب ل ك``,
       ``ال``/``لل``, in that order) + a rest of at least `MIN_STEM` letters, keep those
       whose rest is *attested*: seen in the vocabulary bare, or with the article
       (``ال`` + rest). Take the one with the shortest rest. ``لشركات`` -> ``شركات``
       (seen), ``الشركات`` -> ``شركات``; but ``لوفيغارو`` stays whole (``وفيغارو`` is
       not a word of the corpus) and ``كان`` stays (``ان`` is too short).
    2. **Suffixes** (``suffixes=True``). Rewrite the ending (plural ``ات``, dual ``تان``,
       feminine ``ة``, pronouns ``ها هم``, verb ``وا``; see ``_SUFFIX_REWRITES``)
       when the result is itself a step-1 key of some corpus word, repeatedly:
       ``شركات`` -> ``شركة``, ``الأمريكيتان`` -> ``امريكية`` -> ``امريكي``.

    Returns the key with ``grouper(norm)``; keys are internal (e.g. ``دعاية`` for
    ``الدعاية``); `annotate` labels each group by its most frequent member.
    """

    vocabulary: Iterable[str]
    suffixes: bool = True
    _vocab: frozenset[str] = field(init=False, repr=False)
    _keys: frozenset[str] = field(init=False, repr=False)
    _cache: dict[str, str] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._vocab = frozenset(self.vocabulary)
        self._keys = frozenset(self._strip_proclitics(w) for w in self._vocab)

    @property
    def name(self) -> str:
        return "clitic+suffix" if self.suffixes else "clitic"

    def _attested(self, rest: str) -> bool:
        return rest in self._vocab or ("ال" + rest) in self._vocab

    def _strip_proclitics(self, word: str) -> str:
        best = word
        for prefix in PROCLITICS:
            if word.startswith(prefix):
                rest = word[len(prefix) :]
                if len(rest) >= MIN_STEM and len(rest) < len(best) and self._attested(rest):
                    best = rest
        return best

    def _rewrite_suffixes(self, stem: str) -> str:
        for _ in range(4):  # at most a few endings stack up (امريكيتان -> امريكية -> امريكي)
            for suffix, replacement in _SUFFIX_REWRITES:
                if stem.endswith(suffix):
                    candidate = stem[: len(stem) - len(suffix)] + replacement
                    if len(candidate) >= MIN_STEM and candidate != stem and candidate in self._keys:
                        stem = candidate
                        break
            else:
                return stem
        return stem

    def __call__(self, word: str) -> str:
        if word not in self._cache:
            key = self._strip_proclitics(word)
            if self.suffixes:
                key = self._rewrite_suffixes(key)
            self._cache[word] = key
        return self._cache[word]


def pairwise_scores(gold: Mapping[str, str], predicted: Mapping[str, str]) -> dict[str, float]:
    """Score a grouping against the gold by its same-group decisions on pairs of words.

    Takes ``gold`` and ``predicted``: word -> group key (only words in ``gold`` count).
    Every unordered pair of gold words is a decision "same group or not". A pair put
    together by both is a true positive (tp); by the prediction only a false positive
    (fp); by the gold only a false negative (fn). Returns ``pairs, tp, fp, fn,
    precision = tp/(tp+fp), recall = tp/(tp+fn), f1`` (harmonic mean), and the numbers
    of gold and predicted groups. Precision says how often merging was right (a stemmer
    that cuts too deep loses it); recall how many true merges were found (leaving
    clitics on loses it). An empty denominator gives 1.0 (nothing claimed, nothing wrong).
    """
    words = sorted(gold)
    gold_groups = Counter(gold[w] for w in words)
    pred_groups = Counter(predicted[w] for w in words)
    joint = Counter((gold[w], predicted[w]) for w in words)

    def pairs(n: int) -> int:
        return n * (n - 1) // 2

    tp = sum(pairs(n) for n in joint.values())
    pred_same = sum(pairs(n) for n in pred_groups.values())
    gold_same = sum(pairs(n) for n in gold_groups.values())
    fp, fn = pred_same - tp, gold_same - tp
    precision = tp / pred_same if pred_same else 1.0
    recall = tp / gold_same if gold_same else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "words": len(words),
        "pairs": pairs(len(words)),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "gold_groups": len(gold_groups),
        "predicted_groups": len(pred_groups),
    }


def evaluate_grouping(
    gold: pd.DataFrame,
    candidates: Mapping[str, Callable[[str], str] | Mapping[str, str]],
) -> pd.DataFrame:
    """Score each grouping candidate on the gold list (`pairwise_scores`).

    ``gold`` has columns ``norm, group``; ``candidates`` maps a name to a function
    norm -> key or to a ready dict norm -> key (e.g. from `load_grouping_candidates`).
    Returns one row per candidate, best F1 first (ties: higher precision, then name).
    """
    truth = dict(zip(gold["norm"], gold["group"]))
    rows = []
    for name, grouper in candidates.items():
        if callable(grouper):
            predicted = {w: grouper(w) for w in truth}
        else:
            missing = sorted(set(truth) - set(grouper))
            if missing:
                raise ValueError(f"candidate {name!r} has no key for {len(missing)} gold words, e.g. {missing[:3]}")
            predicted = {w: grouper[w] for w in truth}
        rows.append({"candidate": name, **pairwise_scores(truth, predicted)})
    table = pd.DataFrame(rows)
    return table.sort_values(["f1", "precision", "candidate"], ascending=[False, False, True]).reset_index(drop=True)


def grouping_candidates(
    vocabulary: Iterable[str],
    outside: pd.DataFrame | None = None,
) -> dict[str, Callable[[str], str] | dict[str, str]]:
    """The grouping methods the study compares, ready for `evaluate_grouping`.

    Takes the ``vocabulary`` (normalised word forms) the splitter may use as evidence,
    and ``outside``, the stored stemmer keys (default `load_grouping_candidates`).
    Returns name -> grouper: ``none (normalised form)`` (every form its own group),
    ``clitic`` and ``clitic+suffix`` (`CliticGrouper` on ``vocabulary``), then one dict
    norm -> key per outside stemmer, named ``<candidate> (<package> <version>)``.

    The trap: the splitter strips only what ``vocabulary`` attests, so its score
    depends on the vocabulary it is given. To score it on words that are not in the
    article, pass the corpus words *and* those words (as the notebook does for the
    held-out list), as if they had been read in one more text.
    """
    vocabulary = list(vocabulary)
    outside = load_grouping_candidates() if outside is None else outside
    splitters = (CliticGrouper(vocabulary, suffixes=False), CliticGrouper(vocabulary))
    candidates: dict[str, Callable[[str], str] | dict[str, str]] = {
        "none (normalised form)": lambda word: word,
        **{splitter.name: splitter for splitter in splitters},
    }
    for name, rows in outside.groupby("candidate", sort=True):
        label = f"{name} ({rows['package'].iloc[0]} {rows['version'].iloc[0]})"
        candidates[label] = dict(zip(rows["norm"], rows["key"]))
    return candidates


def missed_groups(gold: pd.DataFrame, grouper: Callable[[str], str] | Mapping[str, str]) -> pd.DataFrame:
    """The gold groups that ``grouper`` splits: the source of its false negatives.

    Takes ``gold`` (``norm, group``) and a grouper (function or dict norm -> key).
    Returns ``norm, group, key`` for every member of each gold group whose members get
    more than one key, sorted by group then word. Groups the grouper wrongly *merges*
    (false positives) are not listed here.
    """
    keys = [grouper(w) if callable(grouper) else grouper[w] for w in gold["norm"]]
    table = gold[["norm", "group"]].assign(key=keys)
    split = table.groupby("group")["key"].transform("nunique") > 1
    return table[split].sort_values(["group", "norm"]).reset_index(drop=True)


# --- annotation ----------------------------------------------------------------------


def annotate(
    tokens: pd.DataFrame,
    *,
    stopwords: Iterable[str] | None = None,
    reporting: pd.DataFrame | None = None,
    grouper: Callable[[str], str] | None = None,
) -> pd.DataFrame:
    """Return a copy of the loader's ``tokens`` with ``category`` and ``group`` added.

    ``stopwords`` (default `load_stopwords`) and ``reporting`` (default
    `load_reporting_terms`) are matched on the ``norm`` column; a form in the
    reporting list is never a stop word. ``grouper`` maps a norm to a group key
    (default: a `CliticGrouper` built on the word norms of ``tokens``). ``group`` is
    the key's label: its most frequent member norm in ``tokens`` (ties: the shortest,
    then alphabetical). Numbers and punctuation get their kind as category and their
    norm as group.
    """
    stop = frozenset(load_stopwords() if stopwords is None else stopwords)
    reporting = load_reporting_terms() if reporting is None else reporting
    report_category = dict(zip(reporting["norm"], reporting["category"]))
    out = tokens.copy()
    is_word = out["kind"] == "word"
    if grouper is None:
        grouper = CliticGrouper(out.loc[is_word, "norm"])

    def category(kind: str, norm: str) -> str:
        if kind != "word":
            return kind
        if norm in report_category:
            return report_category[norm]
        return "stopword" if norm in stop else "content"

    out["category"] = [category(k, n) for k, n in zip(out["kind"], out["norm"])]
    keys = pd.Series([grouper(n) if w else n for n, w in zip(out["norm"], is_word)], index=out.index)
    counts = out.assign(_key=keys).groupby(["_key", "norm"]).size().reset_index(name="n")
    counts["len"] = counts["norm"].str.len()
    counts = counts.sort_values(["_key", "n", "len", "norm"], ascending=[True, False, True, True])
    label = counts.drop_duplicates("_key").set_index("_key")["norm"]
    out["group"] = keys.map(label)
    return out


# --- frequencies ---------------------------------------------------------------------


def _running(tokens: pd.DataFrame) -> pd.DataFrame:
    """The running tokens themselves: words and numbers, not punctuation."""
    return tokens[tokens["kind"] != "punct"]


def running_tokens(tokens: pd.DataFrame, *, by_article: bool = False,
                   by_sentence: bool = False) -> int | pd.Series:
    """Number of running tokens (words and numbers, not punctuation): the denominator of
    every per-1,000 share and of `dispersion_summary`'s sentence shares. Pooled int; a
    Series by ``article_id`` (``by_article``); or by ``(article_id, sentence)``
    (``by_sentence``; sentences without a running token are absent)."""
    running = _running(tokens)
    if by_sentence:
        return running.groupby(["article_id", "sentence"]).size()
    if by_article:
        return running.groupby("article_id").size()
    return len(running)


def processing_steps(tokens: pd.DataFrame) -> pd.DataFrame:
    """Counts at each step from tokens to grouped terms, for the README's methods.

    Takes annotated ``tokens`` (`annotate`). Returns ``step, count, what`` in order:
    ``tokens`` (all, punctuation included), ``words`` (word tokens: no punctuation, no
    numbers), ``after stop words`` (words not in the stop list), ``content words``
    (those left once reporting verbs and the attribution word are set apart, the
    tokens `term_frequencies` counts by default), ``distinct normalised`` and
    ``distinct grouped`` (distinct ``norm`` and ``group`` values of the content words).
    """
    _select(tokens, None)
    words = tokens[tokens["kind"] == "word"]
    not_stop = words[words["category"] != "stopword"]
    content = not_stop[~not_stop["category"].isin(list(REPORTING))]
    steps = [
        ("tokens", len(tokens), "all tokens, punctuation included"),
        ("words", len(words), "no punctuation, no numbers"),
        ("after stop words", len(not_stop), "words not in stopwords_ar.txt"),
        ("content words", len(content), "less reporting and attribution"),
        ("distinct normalised", content["norm"].nunique(), "norms of the content words"),
        ("distinct grouped", content["group"].nunique(), "groups of the content words"),
    ]
    return pd.DataFrame(steps, columns=["step", "count", "what"])


def _select(tokens: pd.DataFrame, categories: Iterable[str] | None) -> pd.DataFrame:
    if "category" not in tokens:
        raise ValueError("tokens have no 'category' column: pass them through annotate() first")
    if categories is None:
        return tokens
    return tokens[tokens["category"].isin(list(categories))]


def _rank(table: pd.DataFrame, keys: list[str], term_col: str) -> pd.DataFrame:
    """Sort by count (desc) then term, and add a competition rank (1, 2, 2, 4) per key."""
    table = table.sort_values(keys + ["count", term_col], ascending=[True] * len(keys) + [False, True])
    if keys:
        table["rank"] = table.groupby(keys)["count"].rank(method="min", ascending=False).astype(int)
    else:
        table["rank"] = table["count"].rank(method="min", ascending=False).astype(int)
    return table.reset_index(drop=True)


def term_frequencies(
    tokens: pd.DataFrame,
    *,
    form: str = "group",
    categories: Iterable[str] | None = CONTENT,
    by_article: bool = False,
) -> pd.DataFrame:
    """Frequency table of terms in one ``form`` (``surface``, ``norm`` or ``group``).

    Takes annotated ``tokens`` (`annotate`); counts word tokens whose ``category`` is in
    ``categories`` (default content words only: stop words, reporting verbs, numbers and
    punctuation left out; ``None`` counts every token). Returns columns ``[article_id,]
    term, display, count, per_1000, sentences, rank, forms``: ``display`` = the term as
    written, for labels (the most frequent surface spelling of the term's own normalised
    form, so ``أمريكية`` with its hamza, not ``امريكية``); ``per_1000`` = count / running
    tokens x 1000 (`running_tokens`, of the article or of the pool); ``sentences`` =
    number of sentences containing the term; ``rank`` = competition rank by count;
    ``forms`` = the normalised forms counted, most frequent first (``norm (n)``).
    Sorted by count, then term. With ``by_article`` every article is counted and
    ranked on its own; otherwise all articles are pooled.
    """
    if form not in FORMS:
        raise ValueError(f"form must be one of {FORMS}, not {form!r}")
    selected = _select(tokens, categories)
    keys = ["article_id"] if by_article else []
    term_keys = keys + [form]
    columns = keys + ["term", "display", "count", "per_1000", "sentences", "rank", "forms"]
    if selected.empty:
        return pd.DataFrame(columns=columns)
    grouped = selected.groupby(term_keys, sort=False)
    table = grouped.size().rename("count").to_frame()
    table["sentences"] = grouped[["article_id", "sentence"]].apply(lambda g: len(g.drop_duplicates()))
    members = selected.groupby(term_keys + ["norm"] if form != "norm" else term_keys).size()
    members = members.rename("n").reset_index()
    if form == "norm":
        members["_member"] = members["norm"]
    else:
        members = members.rename(columns={"norm": "_member"})
    members = members.sort_values(term_keys + ["n", "_member"], ascending=[True] * len(term_keys) + [False, True])
    members["_text"] = members["_member"] + " (" + members["n"].astype(str) + ")"
    table["forms"] = members.groupby(term_keys, sort=False)["_text"].agg("، ".join)
    table = table.reset_index().rename(columns={form: "term"})
    denominators = running_tokens(tokens, by_article=by_article)
    if by_article:
        table["per_1000"] = table["count"] / table["article_id"].map(denominators).astype("int64") * 1000
    else:
        table["per_1000"] = table["count"] / denominators * 1000
    table = _rank(table, keys, "term")
    table["display"] = _display_forms(selected, table, keys, form)
    return table[columns]


def _most_frequent(values: pd.Series) -> str:
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], v))


def _display_forms(selected: pd.DataFrame, table: pd.DataFrame, keys: list[str], form: str) -> list[str]:
    """Most frequent surface spelling (ties: code-point order) of each term's normalised
    form; for ``group`` the term is its label, itself a normalised form."""
    if form == "surface":
        return list(table["term"])
    spelled = selected[selected["norm"] == selected[form]] if form == "group" else selected
    surfaces = spelled.groupby(keys + ["norm"])["surface"].agg(_most_frequent)
    index = list(zip(*[table[k] for k in keys], table["term"])) if keys else list(table["term"])
    return [surfaces.get(i, i if isinstance(i, str) else i[-1]) for i in index]


def frequency_comparison(
    tokens: pd.DataFrame,
    *,
    top: int = 20,
    categories: Iterable[str] | None = CONTENT,
) -> pd.DataFrame:
    """The top ``top`` terms by surface, normalised and grouped form, side by side.

    Returns a table with one row per rank position (1..top) and, for each form, the
    columns ``<form>``, ``<form>_count``, ``<form>_per_1000``, ``<form>_sentences`` (all
    articles pooled). Reading across a row shows how normalising and grouping merge
    spellings: a grouped term's count is the sum of its forms' counts.
    """
    parts = []
    for form in FORMS:
        table = term_frequencies(tokens, form=form, categories=categories).head(top)
        table = table[["term", "count", "per_1000", "sentences"]].reset_index(drop=True)
        table.columns = [form, f"{form}_count", f"{form}_per_1000", f"{form}_sentences"]
        parts.append(table)
    combined = pd.concat(parts, axis=1)
    combined.index = pd.RangeIndex(1, len(combined) + 1, name="row")
    return combined


# --- attribution ---------------------------------------------------------------------


def attribution_openings(tokens: pd.DataFrame, *, first: int = 3,
                         categories: Iterable[str] = ("attribution",)) -> pd.DataFrame:
    """Which sentences name the source early: a token of ``categories`` (default the
    attribution word, ``الصحيفة``) among the sentence's ``first`` tokens.

    Takes annotated ``tokens``; "the first three tokens" are the loader's ``token``
    positions 1..``first`` within the sentence, punctuation included (an opening quote
    mark takes a position). Returns one row per sentence: ``article_id, sentence,
    opening`` (the first ``first`` tokens as written, joined by spaces, in reading
    order), ``named`` (True when one of them is in ``categories``) and ``position`` (the
    first such token's position, 0 when none).
    """
    _select(tokens, None)
    wanted = set(categories)
    rows = []
    ordered = tokens.sort_values(["article_id", "sentence", "token"])
    for (article_id, sentence), sent in ordered.groupby(["article_id", "sentence"], sort=True):
        head = sent[sent["token"] <= first]
        hits = head.loc[head["category"].isin(wanted), "token"]
        rows.append({
            "article_id": article_id,
            "sentence": int(sentence),
            "opening": " ".join(head["surface"]),
            "named": bool(len(hits)),
            "position": int(hits.min()) if len(hits) else 0,
        })
    return pd.DataFrame(rows, columns=["article_id", "sentence", "opening", "named", "position"])


# --- n-grams -------------------------------------------------------------------------


def ngrams(
    tokens: pd.DataFrame,
    n: int,
    *,
    form: str = "norm",
    exclude_edges: Iterable[str] = NGRAM_EDGE_EXCLUDE,
    by_article: bool = False,
) -> pd.DataFrame:
    """Count the n-grams (``n`` >= 2) of annotated ``tokens``.

    An n-gram is ``n`` consecutive word tokens in one sentence with no punctuation or
    number between them: n-grams never cross a sentence boundary, a comma or a quote.
    It may not start or end with a word whose category is in ``exclude_edges`` (default:
    stop words, and reporting/attribution words, which are counted apart); words inside
    may be anything (``مواقع التواصل الاجتماعي``). Terms are the ``form`` column joined
    by spaces, in logical (reading) order. Returns ``[article_id,] ngram, display, n,
    count, per_1000, sentences, rank`` (``display``: the most frequent spelling as
    written) (per 1,000 running tokens), sorted by count then n-gram.
    """
    if n < 2:
        raise ValueError("n must be at least 2 (single words: term_frequencies)")
    _select(tokens, None)
    ordered = tokens.sort_values(["article_id", "article_token"])
    breaks = (
        (ordered["kind"] != "word")
        | (ordered["article_id"] != ordered["article_id"].shift())
        | (ordered["sentence"] != ordered["sentence"].shift())
    )
    words = ordered.assign(_run=breaks.cumsum())[ordered["kind"] == "word"].reset_index(drop=True)
    edge_ok = ~words["category"].isin(list(exclude_edges))
    valid = edge_ok.copy()
    parts = [words[form]]
    spelled = [words["surface"]]
    for k in range(1, n):
        valid &= words["_run"].shift(-k).eq(words["_run"])
        parts.append(words[form].shift(-k))
        spelled.append(words["surface"].shift(-k))
    valid &= edge_ok.shift(-(n - 1), fill_value=False)
    found = words.loc[valid, ["article_id", "sentence"]].copy()
    found["ngram"] = [" ".join(str(p.iloc[i]) for p in parts) for i in found.index]
    found["_surface"] = [" ".join(str(p.iloc[i]) for p in spelled) for i in found.index]
    keys = ["article_id"] if by_article else []
    columns = keys + ["ngram", "display", "n", "count", "per_1000", "sentences", "rank"]
    if found.empty:
        return pd.DataFrame(columns=columns)
    grouped = found.groupby(keys + ["ngram"])
    table = grouped.size().rename("count").to_frame()
    table["sentences"] = grouped[["article_id", "sentence"]].apply(lambda g: len(g.drop_duplicates()))
    table["display"] = grouped["_surface"].agg(_most_frequent)
    table = table.reset_index()
    table["n"] = n
    denominators = running_tokens(tokens, by_article=by_article)
    if by_article:
        table["per_1000"] = table["count"] / table["article_id"].map(denominators).astype("int64") * 1000
    else:
        table["per_1000"] = table["count"] / denominators * 1000
    return _rank(table, keys, "ngram")[columns]


# --- concordance ---------------------------------------------------------------------


def _matches(tokens: pd.DataFrame, term: str, form: str) -> pd.Series:
    """Rows of ``tokens`` that are ``term`` in ``form``; for ``group``, ``term`` may be
    any member of the group (``لشركات`` finds the whole ``شركات`` group), its label, or
    a bare form seen only with proclitics (``شركات`` when the text has ``الشركات``)."""
    if form not in FORMS:
        raise ValueError(f"form must be one of {FORMS}, not {form!r}")
    if form == "surface":
        return tokens["surface"] == term
    norm = normalize(term)
    if form == "norm":
        return tokens["norm"] == norm
    groups = set(tokens.loc[tokens["norm"] == norm, "group"]) | ({norm} & set(tokens["group"]))
    if not groups:  # a bare form the text only has with clitics (شركات for الشركات)
        spellings = {prefix + norm for prefix in PROCLITICS}
        groups = set(tokens.loc[tokens["norm"].isin(spellings), "group"])
    return tokens["group"].isin(groups)


def _texts(articles: pd.DataFrame | Mapping[str, str]) -> Mapping[str, str]:
    if isinstance(articles, pd.DataFrame):
        return dict(zip(articles["article_id"], articles["text"]))
    return articles


_SPACE_RE = re.compile(r"\s+")


def _display(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


def concordance(
    tokens: pd.DataFrame,
    articles: pd.DataFrame | Mapping[str, str],
    term: str,
    *,
    form: str = "group",
    window: int = 6,
) -> pd.DataFrame:
    """Key word in context (KWIC) lines for ``term``.

    Takes annotated ``tokens``, the ``articles`` (the loader's table, or a dict
    article_id -> text), the ``term`` and the ``form`` it is matched in (``group``:
    any member of its group; ``norm``; ``surface``), and ``window``, the number of
    tokens (punctuation included) of context on each side, within the article.

    Returns one row per occurrence, in text order, with columns ``article_id, sentence,
    article_token, start, end`` (the keyword's character offsets), ``right, keyword,
    left`` and ``context_start, context_end`` (offsets of the whole line). The three
    text columns are named for where they stand on a right-to-left line, which is how
    Arabic is read: **right** is the text that comes *before* the keyword in logical
    (reading) order, ``text[context_start:start]``, and **left** is the text that comes
    *after* it, ``text[end:context_end]``. So a reader's eye meets right, keyword, left,
    in that order. The strings have their runs of whitespace (line breaks) collapsed to
    one space for display; the offsets point into the untouched text.
    """
    texts = _texts(articles)
    columns = ["article_id", "sentence", "article_token", "start", "end", "right", "keyword", "left",
               "context_start", "context_end"]
    rows = []
    for article_id, article in tokens.groupby("article_id", sort=True):
        article = article.sort_values("article_token").reset_index(drop=True)
        text = texts[article_id]
        hits = article.index[_matches(article, term, form).to_numpy()]
        for i in hits:
            first = article.loc[max(0, i - window)]
            last = article.loc[min(len(article) - 1, i + window)]
            hit = article.loc[i]
            rows.append({
                "article_id": article_id,
                "sentence": int(hit["sentence"]),
                "article_token": int(hit["article_token"]),
                "start": int(hit["start"]),
                "end": int(hit["end"]),
                "right": _display(text[int(first["start"]) : int(hit["start"])]),
                "keyword": text[int(hit["start"]) : int(hit["end"])],
                "left": _display(text[int(hit["end"]) : int(last["end"])]),
                "context_start": int(first["start"]),
                "context_end": int(last["end"]),
            })
    return pd.DataFrame(rows, columns=columns)


class KwicHTML(str):
    """HTML text that JupyterLab renders as HTML (it has ``_repr_html_``)."""

    def _repr_html_(self) -> str:
        return str(self)

    def _repr_pretty_(self, printer, cycle) -> None:  # plain-text view: short, stable
        printer.text(f"<KWIC table, {self.count('<tr>') - 1} lines>")


def kwic_html(lines: pd.DataFrame, *, caption: str | None = None) -> KwicHTML:
    """Render `concordance` lines as a right-to-left HTML table.

    The table has ``dir="rtl"`` and ``lang="ar"``, so its first cell is the rightmost:
    cells are written in reading order (right context, keyword, left context). The right
    context is aligned towards the keyword (``text-align: left``), the left context too
    (``text-align: right``), so the keywords form one column down the middle. Text is
    HTML-escaped; the markup has no ids or timestamps, so it is the same on every run.
    """
    cell = "padding:2px 6px;white-space:nowrap;"
    out = ['<table dir="rtl" lang="ar" style="border-collapse:collapse;font-size:110%">']
    if caption:
        out.append(f"<caption>{html.escape(caption)}</caption>")
    out.append(
        f'<thead><tr><th style="{cell}">السياق الأيمن (ما قبل)</th><th style="{cell}">الكلمة</th>'
        f'<th style="{cell}">السياق الأيسر (ما بعد)</th></tr></thead><tbody>'
    )
    for row in lines.itertuples(index=False):
        out.append(
            "<tr>"
            f'<td style="{cell}text-align:left">{html.escape(row.right)}</td>'
            f'<td style="{cell}text-align:center;font-weight:bold">{html.escape(row.keyword)}</td>'
            f'<td style="{cell}text-align:right">{html.escape(row.left)}</td>'
            "</tr>"
        )
    out.append("</tbody></table>")
    return KwicHTML("".join(out))


# --- collocates ----------------------------------------------------------------------


def association_scores(observed: float, node_freq: float, coll_freq: float, window_positions: float,
                       corpus_size: float) -> dict[str, float]:
    """Association measures of a node word and a collocate, from window counts.

    Notation (Evert 2008, "Corpora and collocations", surface co-occurrence):
    ``O`` = ``observed`` co-occurrences (collocate tokens inside the node's windows);
    ``f_n`` = ``node_freq``; ``f_c`` = ``coll_freq``; ``R1`` = ``window_positions``,
    the number of token slots in the union of the node's windows (see `collocates`); ``N`` = ``corpus_size``.

    * expected ``E = R1 * f_c / N`` (the collocate's share of the corpus, spread over
      the window slots).
    * ``MI = log2(O / E)`` (pointwise mutual information; favours rare pairs).
    * ``t = (O - E) / sqrt(O)`` (t-score; favours frequent pairs).
    * ``logDice = 14 + log2(2 O / (f_n + f_c))`` (Rychly 2008; 14 at most, independent
      of corpus size).
    * ``G2 = 2 * sum_ij O_ij * ln(O_ij / E_ij)`` (log-likelihood, Dunning 1993) over the
      2x2 table of window slots against collocate tokens:
      ``O11 = O``, ``O12 = R1 - O``, ``O21 = f_c - O``, ``O22 = N - R1 - f_c + O``, with
      ``E_ij = row_i * col_j / N``; a cell with ``O_ij = 0`` adds 0. NaN when a cell
      would be negative (windows larger than the corpus allows).

    Returns ``{"expected", "mi", "t_score", "log_dice", "g2"}``.
    """
    o, fn_, fc, r1, n = map(float, (observed, node_freq, coll_freq, window_positions, corpus_size))
    expected = r1 * fc / n
    mi = math.log2(o / expected) if o > 0 and expected > 0 else float("-inf")
    t_score = (o - expected) / math.sqrt(o) if o > 0 else float("nan")
    log_dice = 14 + math.log2(2 * o / (fn_ + fc)) if o > 0 else float("-inf")
    table = ((o, r1 - o), (fc - o, n - r1 - fc + o))
    if min(min(r) for r in table) < 0:
        g2 = float("nan")
    else:
        rows = (r1, n - r1)
        cols = (fc, n - fc)
        g2 = 0.0
        for i in range(2):
            for j in range(2):
                cell = table[i][j]
                if cell > 0:
                    g2 += cell * math.log(cell / (rows[i] * cols[j] / n))
        g2 *= 2
    return {"expected": expected, "mi": mi, "t_score": t_score, "log_dice": log_dice, "g2": g2}


def collocates(
    tokens: pd.DataFrame,
    node: str,
    *,
    form: str = "group",
    window: int = 4,
    categories: Iterable[str] | None = CONTENT,
    min_count: int = 1,
    positive_only: bool = True,
) -> pd.DataFrame:
    """Collocates of ``node`` within ``window`` words on each side, with association scores.

    Counting is over word tokens only (punctuation and numbers are skipped, not counted
    as positions) and stays inside the sentence. ``N`` is the number of word tokens in
    ``tokens``. The span of the node is the *union* of its windows, less the node
    occurrences themselves: a token within the window of two node occurrences
    (``A x A``, ``x`` between two nodes) is one slot of ``R1`` and, if it is a
    collocate, one co-occurrence in ``observed``, not two (Evert 2008: overlapping
    spans are merged, so ``observed <= collocate_freq`` and ``observed <= R1`` always,
    and the 2x2 table of `association_scores` is never negative). Windows cut by a
    sentence edge are smaller. The node term itself is not its own collocate, nor a
    slot of the span. Collocates are listed when their category is in ``categories``
    (default content words; ``None`` for all) and ``observed >= min_count``. G2 is
    large for pairs seen much *less* often than expected too; ``positive_only``
    (default) keeps only pairs seen more often than expected (``observed > expected``).

    Returns ``term, observed, expected, node_freq, collocate_freq, mi, t_score, log_dice,
    g2`` (formulas: `association_scores`), sorted by G2 then observed then term.
    """
    words = _select(tokens, None)
    words = words[words["kind"] == "word"].sort_values(["article_id", "article_token"]).reset_index(drop=True)
    is_node = _matches(words, node, form).to_numpy()
    terms = words[form].to_numpy()
    cats = words["category"].to_numpy()
    sentence = list(zip(words["article_id"], words["sentence"]))
    n_words = len(words)
    freq = Counter(terms)
    node_freq = int(is_node.sum())
    wanted = None if categories is None else set(categories)
    span: set[int] = set()  # the union of the node's windows: each token counted once
    for i in range(n_words):
        if not is_node[i]:
            continue
        for j in range(max(0, i - window), min(n_words, i + window + 1)):
            if sentence[j] == sentence[i] and not is_node[j]:
                span.add(j)
    window_positions = len(span)
    observed: Counter[str] = Counter(
        terms[j] for j in sorted(span) if wanted is None or cats[j] in wanted
    )
    columns = ["term", "observed", "expected", "node_freq", "collocate_freq", "mi", "t_score", "log_dice", "g2"]
    rows = []
    for term, o in observed.items():
        if o < min_count:
            continue
        scores = association_scores(o, node_freq, freq[term], window_positions, n_words)
        if positive_only and o <= scores["expected"]:
            continue
        rows.append({"term": term, "observed": o, "node_freq": node_freq, "collocate_freq": freq[term], **scores})
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["g2", "observed", "term"], ascending=[False, False, True]).reset_index(drop=True)


# --- dispersion ----------------------------------------------------------------------


def _spelling(tokens: pd.DataFrame, term: str) -> str:
    """The most frequent surface spelling (ties: code-point order) of ``term``'s
    normalised form in ``tokens``; ``term`` itself when that form never occurs."""
    written = tokens.loc[tokens["norm"] == normalize(term), "surface"]
    return _most_frequent(written) if len(written) else term


def dispersion(tokens: pd.DataFrame, terms: Iterable[str], *, form: str = "group",
               glossary: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Where each of ``terms`` occurs along its article.

    Returns one row per occurrence: ``article_id, term, display, gloss_en, sentence,
    article_token, start, position``; ``term`` is as given; ``display`` is the label a
    figure draws for it (the most frequent written spelling of its normalised form, as
    in `term_frequencies`, so ``أمريكية`` with its hamza); ``gloss_en`` its English gloss
    (`lookup_glosses`; ``glossary`` defaults to `load_glossary`); ``position`` =
    article_token / number of tokens in the article (0-1, so articles of different
    lengths can share an axis).
    """
    terms = list(terms)
    ordered = tokens.sort_values(["article_id", "article_token"])
    size = ordered.groupby("article_id")["article_token"].max()
    glosses = dict(zip(terms, lookup_glosses(terms, glossary)))
    parts = []
    for term in terms:
        hits = ordered[_matches(ordered, term, form)]
        part = hits[["article_id", "sentence", "article_token", "start"]].copy()
        part.insert(1, "term", term)
        part.insert(2, "display", _spelling(tokens, term))
        part.insert(3, "gloss_en", glosses[term])
        part["position"] = part["article_token"] / part["article_id"].map(size).astype("int64")
        parts.append(part)
    columns = ["article_id", "term", "display", "gloss_en", "sentence", "article_token", "start", "position"]
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True)[columns]


def dispersion_summary(tokens: pd.DataFrame, terms: Iterable[str], *, form: str = "group") -> pd.DataFrame:
    """How evenly each term spreads over the sentences of the article(s).

    Returns ``term, count, sentences, range, dp``: ``range`` = share of sentences that
    contain the term; ``dp`` = Gries' deviation of proportions (2008),
    ``DP = 0.5 * sum_i |v_i / f - s_i|`` over sentences ``i``, where ``v_i`` is the
    term's count in sentence ``i``, ``f`` its total, and ``s_i`` the sentence's share of
    the running tokens (`running_tokens`). 0 = spread in proportion to sentence length;
    near 1 = bunched in one place.
    """
    running = _running(tokens)
    sizes = running_tokens(tokens, by_sentence=True)
    share = sizes / sizes.sum()
    rows = []
    for term in terms:
        hits = running[_matches(running, term, form)]
        per_sentence = hits.groupby(["article_id", "sentence"]).size().reindex(share.index, fill_value=0)
        total = int(per_sentence.sum())
        dp = 0.5 * float((per_sentence / total - share).abs().sum()) if total else float("nan")
        rows.append({"term": term, "count": total, "sentences": int((per_sentence > 0).sum()),
                     "range": float((per_sentence > 0).mean()), "dp": dp})
    return pd.DataFrame(rows, columns=["term", "count", "sentences", "range", "dp"])


# --- figures -------------------------------------------------------------------------


def plot_term_bars(ax, terms: pd.DataFrame, *, label: str = "term", value: str = "count",
                   gloss: str | None = None, title: str | None = None,
                   xlabel: str | None = None):
    """Horizontal bars of ``terms[value]`` labelled with ``terms[label]`` (Arabic, first at
    the top), each with its English gloss (the column ``terms[gloss]``, filled by
    `lookup_glosses`, so the figure's CSV holds exactly what is drawn) written in grey
    just right of its bar, for readers of an English report. Arabic goes through
    `arabic_media.plotting.ar` (via ``barh``). Returns ``ax``."""
    from arabic_media.plotting import barh

    barh(ax, list(terms[label]), list(terms[value]), title=title, xlabel=xlabel)
    if gloss is not None:
        top = max(terms[value]) if len(terms) else 0
        for y, (text, v) in enumerate(zip(terms[gloss], terms[value])):
            if text:
                ax.text(v + top * 0.01, y, text, va="center", ha="left", fontsize=8, color="#555555")
        ax.set_xlim(0, top * 1.45 if top else 1)
    return ax


def plot_dispersion(ax, occurrences: pd.DataFrame, terms: list[str], *, tokens: pd.DataFrame | None = None,
                    glosses: bool = True, title: str | None = None):
    """A lexical dispersion plot of `dispersion` output: one row per term (first at the
    top), a tick at each occurrence. For one article the x axis is the token position
    (``article_token``; token 1 is the article's first word, so the axis runs in reading
    order from left to right, not right to left) and, given the annotated ``tokens``,
    each sentence start is a faint vertical line numbered along the top; for several
    articles it is the relative position (0-1) and articles share the rows. The Arabic
    tick labels are the ``display`` column of ``occurrences`` (through
    `arabic_media.plotting.ar`), and with ``glosses`` its ``gloss_en`` column is written
    on the right-hand axis, so the figure's CSV holds what is drawn; a term with no
    occurrence is labelled by itself, unglossed. Returns ``ax``."""
    from arabic_media.plotting import ar

    drawn = occurrences.drop_duplicates("term").set_index("term")
    labels = [drawn["display"].get(t, t) for t in terms]
    gloss_texts = [drawn["gloss_en"].get(t, "") for t in terms]

    several = occurrences["article_id"].nunique() > 1
    x = "position" if several else "article_token"
    for y, term in enumerate(terms):
        xs = occurrences.loc[occurrences["term"] == term, x]
        ax.scatter(xs, [y] * len(xs), marker="|", s=220, color="#4c72b0", linewidths=1.6)
    ax.set_yticks(range(len(terms)), [ar(label) for label in labels])
    ax.set_ylim(len(terms) - 0.5, -0.5)
    if glosses:
        right = ax.secondary_yaxis("right")
        right.set_yticks(range(len(terms)), gloss_texts, fontsize=8)
    if several or tokens is None:
        ax.set_xlabel("relative position in the article" if several else "token position in the article")
    else:
        article = tokens[tokens["article_id"] == occurrences["article_id"].iloc[0]]
        starts = article.groupby("sentence")["article_token"].min()
        for s in starts:
            ax.axvline(s - 0.5, color="#cccccc", linewidth=0.6, zorder=0)
        ax.set_xlim(0.5, article["article_token"].max() + 0.5)
        top = ax.secondary_xaxis("top")
        top.set_xticks(list(starts), [str(i) for i in starts.index], fontsize=7)
        top.set_xlabel("sentence", fontsize=8)
        ax.set_xlabel("token position in the article")
    if title is not None:
        ax.set_title(ar(title))
    return ax
