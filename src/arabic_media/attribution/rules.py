"""Attribution rules: per sentence, each cue with its source and content, nested.

The scheme is that of ``corpus/annotations/ATTRIBUTION_GUIDELINES.md`` (PARC moved to
Arabic news): a *cue* (a reporting verb, a prepositional phrase such as ``بحسب``, or a
speech-act noun) links a *source* to a *content*; an attribution whose cue lies inside
another's content is nested in it. Every part carries character offsets into the
article. A sentence with no cue gets one row marked ``no attribution``: nothing is
guessed for it.

The rules, in order (each Arabic trap is in the function that handles it):

1. **Cue** (`find_cues`): lexicon entries matched with `arabic_media.matching.find`; a
   verb must be a finite form (`words.verb_conj`), not its verbal noun; a conditioned
   verb needs a text as subject (``أثبت``), a text as object (``نشر``), or its governed
   preposition (``كشف عن``). The cue span drops a ``و``/``ف`` in front.
2. **Source** (`_source`): after a singular verb (VSO, ``وقالت الصحيفة``), the actor
   named there or a definite noun, with its nisba adjectives; otherwise before the verb
   back to the complementiser (SVO inside ``أن``: ``أن تحقيقات ...؛ أثبتت``); a
   pronoun on ``أن`` (``إلا أنهم أكدوا``) or no subject at all is an implicit source,
   resolved to the previous speaker. Resolution is `sources.resolve_actor`.
3. **Content** (`_content_start`): after the complementiser (``أن``, ``إن``, ``أنها``
   left out whole), also past a parenthetical between commas (``وقالت الصحيفة، في هذا
   التقرير ...، إن``); else after a governed preposition (``إلى``, ``عن``, an attached
   ``لـ``/``بـ``: ``لوجود`` -> ``وجود``); else at the object. It runs to the end of the
   sentence (final stop, comma and spaces off, closing quotes kept).
4. **Nesting** (`_nest`): parent = the innermost attribution whose content holds the
   cue; depth = parent's + 1. A nested content ends at its parent's end and before a
   contrast clause (``، إلا أن``, ``لكن``), which returns to the outer voice.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

import pandas as pd

from arabic_media.actors import find_mentions, outlet_actor_id
from arabic_media.attribution import words as w
from arabic_media.attribution.lexicon import (
    AttributionLexicon,
    load_attribution_lexicon,
)
from arabic_media.attribution.sources import ArticleActors, resolve_actor, source_type
from arabic_media.attribution.subjects import find_source, region_end, span_type
from arabic_media.matching import (
    Match,
    SentenceWords,
    clause_break_between,
    find,
    sentence_words,
)

__all__ = ["ATTRIBUTION_COLUMNS", "find_cues", "attribute_sentence", "attribute_article", "find_attributions"]

#: Columns of `find_attributions`' table: one row per attribution (``attribution``
#: numbers them in cue order in each article; ``parent`` and ``antecedent`` are such
#: numbers), and one row per sentence without one: its ``note`` is ``no attribution``,
#: its other cells but ``article_id`` and ``sentence`` are empty.
ATTRIBUTION_COLUMNS = [
    "article_id", "sentence", "attribution", "parent", "depth", "cue", "cue_start", "cue_end",
    "cue_kind", "cue_lemma", "source", "source_start", "source_end", "source_actor_id",
    "source_type", "content_start", "content_end", "antecedent", "note",
]
#: Words before a verb that make its speech planned or supposed, not made (8.1).
_NOT_MADE = frozenset({"سوف", "لو", "ولو"})
#: How far after ``نشر`` its text object may be (``نشر تقريرا``, ``بنشر ما قالت إنه
#: إرشادات``), in words.
_TEXT_OBJECT_WORDS = 3


@dataclass
class _Cue:
    match: Match
    start: int  # without a و/ف in front
    end: int  # with an attached ل of وفقا لـ
    kind: str
    governs: tuple
    condition: str
    attached: str
    lemma: str


@dataclass
class _Row:
    cue: _Cue
    source: tuple | None  # (first, last, char_start, char_end) or None
    actor: str
    how: str
    content: list = field(default_factory=list)  # [start, end]


def find_cues(sent: SentenceWords, text: str, lex: AttributionLexicon) -> list[_Cue]:
    """The attribution cues of one sentence, in text order.

    The matches of the cue lexicon that pass the verb-form test (`words.verb_conj`: a
    verb, not its verbal noun), whose attached letter is there (``وفقا لـ``), and whose
    speech is made, not planned or supposed (``سوف``, ``لو`` before the verb). A
    prepositional cue followed by ``ما`` and a verb takes the verb in (``بحسب ما
    نقلته``: one cue); a cue inside a longer one is dropped.

    Parameters
    ----------
    sent : SentenceWords
        The sentence.
    text : str
        The article (cue offsets are article offsets).
    lex : AttributionLexicon
        The cue lexicon.

    Returns
    -------
    list of _Cue
        Each with its match, its character span (without a ``و``/``ف`` in front; with
        an attached ``لـ`` or ``بـ``, unless it is fused with the next word's article),
        its kind, governed prepositions, condition, attached letter and lemma (the cue
        as written in its file).
    """
    cues = []
    for m in find(sent, lex.cues, "cue", verbs=True):
        kind, _weight, governs, condition, attached, stem = m.info
        word = sent.words[m.first]
        if kind == "verb":
            conj = w.verb_conj(word, stem)
            if conj is None:
                continue
        else:
            conj = 1 if word[:1] in "وف" and (not stem.startswith(word[:1]) or word[1:].startswith(stem)) else 0
        end = m.end
        if attached:
            nxt = m.last + 1
            if nxt >= len(sent.words) or not sent.words[nxt].startswith(attached):
                continue
            if sent.words[nxt].startswith(attached + "ل"):
                attached = ""  # وفقًا للشركة: the ل fused with the article stays in the source (8.2)
            else:
                end = w.skip_marks(text, sent.starts[nxt] + len(attached))
        elif kind == "preposition" and (sent.words[m.last] == "ما" or (
                m.last + 1 < len(sent.words) and sent.words[m.last + 1] == "ما")):
            # بحسب ما نقلته, وفق ما قال: one cue with its verb, the source after it (8.2)
            verb = m.last + 1 if sent.words[m.last] == "ما" else m.last + 2
            if verb < len(sent.words) and not set().union(*(sent.gaps[k] for k in range(m.last + 1, verb + 1))) - \
                    w.CLOSING_QUOTES:
                m = Match(m.key, sent.surface(m.first, verb), m.first, verb, m.start, sent.ends[verb], m.info)
                end = m.end
        if kind == "verb" and m.first > 0 and sent.words[m.first - 1] in _NOT_MADE:
            continue  # سوف تطلب, لو كتب: speech planned or supposed, not made (8.1)
        start = w.skip_marks(text, m.start + conj) if conj else m.start
        cues.append(_Cue(m, start, end, kind, governs, condition, attached, m.key))
    # a cue inside another (the verb of بحسب ما نقلته, which `find` matched on its own) is part of it
    inside = {k for c in cues if c.match.last > c.match.first for k in range(c.match.first + 1, c.match.last + 1)}
    return [c for c in cues if c.match.first not in inside]


class _SentenceIndex:
    """What the rules look up in one sentence, found once: the mentions by first word,
    the words that are a text or an inquiry, and the contrast clauses. Every look-up is
    then a dict access or a binary search, so a sentence's time grows with its length,
    not with its length times its number of cues."""

    def __init__(self, sent: SentenceWords, mentions: list[Match], lex: AttributionLexicon):
        self.sent, self.mentions = sent, mentions
        self.mention_at = {m.first: m for m in reversed(mentions)}  # the first match at a word wins
        self.firsts = [m.first for m in mentions]
        self._lex = lex
        self._documents: list[int] | None = None
        self._contrasts: list[int] | None = None
        self.head_at = {m.first: m for m in find(sent, lex.heads, "alias")} if lex.heads else {}
        self.taken: set[int] = set()

    def document_at_or_after(self, first: int, last: int) -> int | None:
        """The first word in ``first..last`` that is a text or an inquiry, or None."""
        if self._documents is None:
            self._documents = [m.first for m in find(self.sent, self._lex.document_entries, "cue", verbs=False)]
        at = bisect_left(self._documents, first)
        if at < len(self._documents) and self._documents[at] <= last:
            return self._documents[at]
        return None

    def contrast_after(self, offset: int) -> int | None:
        """The first word starting after character ``offset`` that opens a contrast
        clause (``، إلا``, ``لكن``, ``بينما`` after clause punctuation), or None."""
        sent = self.sent
        if self._contrasts is None:
            self._contrasts = [k for k in range(1, len(sent.words))
                               if set(sent.gaps[k]) & set("،,؛;") and sent.words[k] in w.CONTRAST_WORDS]
            self._contrast_starts = [sent.starts[k] for k in self._contrasts]
        at = bisect_right(self._contrast_starts, offset)
        return self._contrasts[at] if at < len(self._contrasts) else None


def _content_start(cue: _Cue, sent: SentenceWords, text: str, after: int) -> tuple[int, int] | None:
    """``(word, char offset)`` where the content starts, looking from word ``after`` (the
    first word after the cue and its source); None when the sentence ends first."""
    n = len(sent.words)
    if after >= n:
        return None
    word = sent.words[after]
    if w.complementiser(word):
        return (after + 1, sent.starts[after + 1]) if after + 1 < n else None
    if word in ("الي", "عن") and after + 1 < n:
        if word == "الي" and w.complementiser(sent.words[after + 1]) and after + 2 < n:
            return after + 2, sent.starts[after + 2]
        if word in cue.governs:
            return after + 1, sent.starts[after + 1]
    for k in range(after + 1, min(n - 1, after + 3)):
        # قال فلان للصحافيين إن / الأسبوع الماضي إن: an addressee or a time before the content
        if set(sent.gaps[k]) - set("،,") or k in range(after, after):
            break
        if w.complementiser(sent.words[k]) == "bare":
            return k + 1, sent.starts[k + 1]
    if "،" in sent.gaps[after] or "," in sent.gaps[after]:
        # a parenthetical between commas: وقالت الصحيفة، في هذا التقرير ...، إن
        for k in range(after, min(n - 1, after + 15)):
            if ("،" in sent.gaps[k] or "," in sent.gaps[k]) and w.complementiser(sent.words[k]):
                return k + 1, sent.starts[k + 1]
    for letter in cue.governs:
        if len(letter) == 1 and word.startswith(letter) and len(word) > 3:
            return after, w.skip_marks(text, sent.starts[after] + 1)
    return after, sent.starts[after]


def _noun_content(cue: _Cue, sent: SentenceWords, text: str, after: int) -> tuple[int, int] | None:
    """A speech-act noun's content: after its governed attached preposition within six
    words (``الاتهامات الموجهة لشركات أمريكية بدعم`` -> ``دعم``), else its next word."""
    for k in range(after, min(len(sent.words), after + 6)):
        word = sent.words[k]
        if any(len(g) == 1 and word.startswith(g) and len(word) > 3 for g in cue.governs):
            return k, w.skip_marks(text, sent.starts[k] + 1)
    return (after, sent.starts[after]) if after < len(sent.words) else None


def _prep_content(cue: _Cue, sent: SentenceWords, text: str, source_last: int) -> tuple[int, int] | None:
    """A prepositional cue's content as ``(start, end)``: the rest of the sentence after
    the source when the cue opens it (``بحسب الصحيفة، فإن ...``), else the sentence
    before the cue (``...، وفقا للصحيفة``)."""
    sentence_end = w.trim_end(text, sent.text_start, sent.text_start + len(sent.text))
    if cue.match.first <= 1:
        after = source_last + 1
        if after < len(sent.words) and w.complementiser(sent.words[after]):
            after += 1
        return (sent.starts[after], sentence_end) if after < len(sent.words) else None
    end = w.trim_end(text, sent.text_start, sent.starts[cue.match.first])
    start = sent.text_start
    for k in range(cue.match.first - 1, 0, -1):
        if set(sent.gaps[k]) & set("،,") and sent.words[k][:1] == "و":
            start = sent.starts[k]  # back to the nearest clause boundary "، و" (8.2)
            break
    return (start, end) if end > start else None


def _content(cue: _Cue, sent: SentenceWords, text: str, span: tuple | None,
             index: _SentenceIndex) -> tuple[int, int] | None:
    """The content ``(start, end)`` of a cue whose source is ``span``, or None when the
    cue's condition fails (``نشر`` without a text as object, ``كشف`` without ``عن``)."""
    m = cue.match
    sentence_end = w.trim_end(text, sent.text_start, sent.text_start + len(sent.text))
    if cue.kind == "preposition":
        return _prep_content(cue, sent, text, span[1] if span else m.last)
    after = max(m.last, span[1] if span and span[0] > m.last else m.last) + 1
    if cue.kind == "noun":
        found = _noun_content(cue, sent, text, after)
    elif cue.condition == "text_object":
        k = index.document_at_or_after(after, min(len(sent.words) - 1, after + _TEXT_OBJECT_WORDS))
        found = (k, sent.starts[k]) if k is not None and not clause_break_between(sent, after - 1, k) else None
    else:
        found = _content_start(cue, sent, text, after)
        if cue.condition == "governed" and found is not None and found[1] == sent.starts[after]:
            found = None
    if found is None or found[1] >= sentence_end:
        return None
    return found[1], sentence_end


def attribute_sentence(sent: SentenceWords, text: str, actors: ArticleActors, lex: AttributionLexicon,
                       previous: list[dict], anaphora: bool = True) -> list[dict]:
    """The attributions of one sentence, not yet nested.

    ``parent`` and ``depth`` come from `_nest`, in `attribute_article`. An implicit
    source is carried from the last attribution before it (in ``previous`` or earlier
    in the sentence) whose source is not unnamed (the Arabic trap: ``إلا أنهم أكدوا``
    and a pro-drop ``وأضافت`` name their speaker only by a suffix or the verb's
    ending).

    Parameters
    ----------
    sent : SentenceWords
        The sentence.
    text : str
        The article.
    actors : ArticleActors
        The article's actor mentions and outlet; its ``names`` is updated.
    lex : AttributionLexicon
        The attribution lexicons.
    previous : list of dict
        The article's rows before this sentence.
    anaphora : bool
        As for `find_attributions`.

    Returns
    -------
    list of dict
        One row per attribution, keyed by `ATTRIBUTION_COLUMNS` but ``antecedent``
        (``attribution``, ``parent`` and ``depth`` None), plus ``_antecedent``: the
        row an implicit source was carried from, or None.
    """
    mentions = find_mentions(sent, lex.finder)
    index = _SentenceIndex(sent, mentions, lex)
    cues = find_cues(sent, text, lex)
    taken = {i for c in cues for i in range(c.match.first, c.match.last + 1)}
    index.taken = taken
    rows: list[dict] = []
    for cue in cues:
        if cue.kind == "participle" and _opens_content_of(rows, cue, sent, text):
            continue  # كتب ... قائلا: "...": the finite verb's own content (8.1)
        span, how = find_source(cue, sent, index, taken, lex)
        if cue.condition == "text_subject" and (span is None or index.document_at_or_after(span[0], span[1]) is None):
            continue
        content = _content(cue, sent, text, span, index)
        if content is None:
            continue
        antecedent = None
        if span is not None:
            start = w.skip_marks(text, sent.starts[span[0]] + (len(cue.attached) if span[0] == cue.match.last + 1 else 0))
            actor, resolved = resolve_actor(sent, span, mentions, actors, lex, anaphora, index.firsts)
            source = (text[start:sent.ends[span[1]]], start, sent.ends[span[1]])
            end = region_end(sent, span, index)
            while end > span[1] and sent.starts[end] >= content[0]:
                end -= 1  # the content is not the source's description
            region = (span[0], end)
            kind = span_type(sent, region, index.head_at, lex, index.mention_at, actor)
            kind = actors.names.remember(sent, span, lex, kind)
        else:
            earlier = _last_named(rows, previous) if how == "implicit" else []
            if earlier:
                antecedent = earlier[0]
                actor, resolved, kind = (antecedent["source_actor_id"], "implicit: the previous speaker",
                                         antecedent["source_type"])
            else:
                actor, resolved, kind = "", how, "unnamed"
            source = ("", None, None)
        row = _row(sent, text, cue, source, actor, content, f"{how}; {resolved}" if span else resolved, lex)
        row["source_type"], row["_antecedent"] = kind, antecedent
        rows.append(row)
    return rows


def _last_named(rows: list[dict], previous: list[dict]) -> list[dict]:
    """The last attribution before this one with a named source (this sentence's rows,
    then the article's earlier ones), as a list of one, or empty: the speaker an
    implicit source is carried from. Read backwards, it stops at the first named one."""
    for earlier in (rows, previous):
        for row in reversed(earlier):
            if row["source_type"] != "unnamed":
                return [row]
    return []


def _opens_content_of(rows: list[dict], cue: _Cue, sent: SentenceWords, text: str) -> bool:
    """Does participle ``cue`` (``قائلا``) open the content of the finite cue before it in
    the sentence (``أضاف قائلا إن``, ``كتب ... عن الأجزاء التي حذفت، قائلا: "..."``),
    that verb having no content of its own before it (no complementiser, colon or
    quotation between them)? Then that content starts after the participle, and the
    participle is no attribution of its own (8.1)."""
    if cue.lemma != "قائلا" or not rows:
        return False
    row = rows[-1]
    at = bisect_left(sent.starts, row["cue_start"])
    after_cue = at + 1 if at < len(sent.starts) and sent.starts[at] == row["cue_start"] else cue.match.first
    between = range(after_cue, cue.match.first)
    if any(w.complementiser(sent.words[k]) or set(sent.gaps[k]) & (w.OPENING_QUOTES | set(":")) for k in between):
        return False
    start = cue.match.last + 1
    if start < len(sent.words):
        if w.complementiser(sent.words[start]) and start + 1 < len(sent.words):
            start += 1
        opening = text[sent.starts[start] - 1:sent.starts[start]] in w.OPENING_QUOTES
        row["content_start"] = sent.starts[start] - (1 if opening else 0)
    return True


def _row(sent, text, cue: _Cue, source: tuple, actor: str, content: tuple, note: str, lex) -> dict:
    return {
        "article_id": sent.article_id, "sentence": sent.sentence, "attribution": None, "parent": None,
        "depth": None, "cue": text[cue.start:cue.end], "cue_start": cue.start, "cue_end": cue.end,
        "cue_kind": cue.kind, "cue_lemma": cue.lemma, "source": source[0], "source_start": source[1],
        "source_end": source[2], "source_actor_id": actor, "source_type": source_type(actor, lex),
        "content_start": content[0], "content_end": content[1], "note": note,
    }


def _nest(rows: list[dict], indexes: dict[int, _SentenceIndex], text: str) -> None:
    """Number the article's rows in cue order, give each its parent (the row before it
    whose content holds its cue and starts last) and depth, and end a nested content at
    its parent's end and before a contrast clause (``، إلا أن``), where the outer voice
    resumes.

    Rows are taken in cue order, so a content that ends before one cue holds no later
    one: contents wait in a heap until their start is reached, then stand in a heap by
    start (latest first) until their end is passed. Each row enters and leaves each heap
    once, so an article's time grows with its rows times their logarithm."""
    rows.sort(key=lambda r: r["cue_start"])
    waiting: list[tuple[int, int]] = []  # (content_start, number): rows whose content has not begun
    open_: list[tuple[int, int]] = []  # (-content_start, number): contents begun, not yet passed
    for number, row in enumerate(rows, start=1):
        row["attribution"] = number
        cue = row["cue_start"]
        while waiting and waiting[0][0] <= cue:
            start, earlier = heapq.heappop(waiting)
            heapq.heappush(open_, (-start, earlier))
        while open_ and rows[open_[0][1] - 1]["content_end"] <= cue:
            heapq.heappop(open_)  # ended before this cue, so before every later one
        parent = rows[open_[0][1] - 1] if open_ else None
        row["parent"] = parent["attribution"] if parent else None
        row["depth"] = parent["depth"] + 1 if parent else 1
        if parent:
            row["content_end"] = min(row["content_end"], parent["content_end"],
                                     _contrast_end(indexes[row["sentence"]], text, row))
        heapq.heappush(waiting, (row["content_start"], number))


def _nest_in_trailing_prepositions(rows: list[dict], text: str) -> None:
    """A prepositional cue after its content (``...، بحسب ما نقلته البوابة``) holds the
    attributions of that content: their contents end before it, and they are nested in
    it (8.2). Parents and depths are read again in those sentences; numbers stay in cue
    order."""
    for prep in [r for r in rows if r["cue_kind"] == "preposition" and r["content_end"] <= r["cue_start"]]:
        inside = [r for r in rows if r is not prep and r["sentence"] == prep["sentence"]
                  and prep["content_start"] <= r["cue_start"] < prep["content_end"]]
        if not inside:
            continue
        for r in inside:
            if r["content_end"] > prep["cue_start"]:
                r["content_end"] = w.trim_end(text, r["content_start"], prep["cue_start"])
        same = [r for r in rows if r["sentence"] == prep["sentence"]]
        for r in sorted(same, key=lambda r: r["content_end"] - r["content_start"], reverse=True):
            holders = [h for h in same if h is not r and h["content_start"] <= r["cue_start"] < h["content_end"]]
            parent = min(holders, key=lambda h: h["content_end"] - h["content_start"]) if holders else None
            r["parent"] = parent["attribution"] if parent else None
        by_number = {r["attribution"]: r for r in same}
        for r in same:
            depth, up = 1, r["parent"]
            while up is not None and depth < 10:
                depth, up = depth + 1, by_number[up]["parent"] if up in by_number else None
            r["depth"] = depth


def _contrast_end(index: _SentenceIndex, text: str, row: dict) -> int:
    """Where a nested content stops: before the first ``، إلا`` / ``لكن`` / ``بينما``
    clause after its start (closing quotes kept), else the sentence's end."""
    sent = index.sent
    k = index.contrast_after(row["content_start"])
    if k is not None:
        return w.end_with_quotes(sent, text, k - 1)
    return sent.text_start + len(sent.text)


def attribute_article(article_id: str, text: str, sents: list[SentenceWords], outlet: str,
                      lex: AttributionLexicon, anaphora: bool = True) -> list[dict]:
    """Every attribution of one article, nested and numbered.

    Parameters
    ----------
    article_id : str
        The article's id.
    text : str
        Its text.
    sents : list of SentenceWords
        Its sentences, in order.
    outlet : str
        The manifest's ``original_outlet`` (what ``الصحيفة`` refers to).
    lex : AttributionLexicon
        The attribution lexicons.
    anaphora : bool
        As for `find_attributions`.

    Returns
    -------
    list of dict
        Rows keyed by `ATTRIBUTION_COLUMNS`, by sentence and number: the attributions,
        and one ``no attribution`` row per sentence without any.
    """
    actors = ArticleActors.build(sents, lex, outlet_actor_id(outlet, lex.actors))
    rows: list[dict] = []
    indexes: dict[int, _SentenceIndex] = {}
    for sent in sents:
        found = attribute_sentence(sent, text, actors, lex, rows, anaphora)
        if found:
            indexes[sent.sentence] = _SentenceIndex(sent, [], lex)
        rows += found
    _nest(rows, indexes, text)
    _nest_in_trailing_prepositions(rows, text)
    for row in rows:
        antecedent = row.pop("_antecedent", None)
        row["antecedent"] = antecedent["attribution"] if antecedent is not None else None
    spoken = {r["sentence"] for r in rows}
    rows += [dict.fromkeys(ATTRIBUTION_COLUMNS, None) | {"article_id": article_id, "sentence": s.sentence,
             "note": "no attribution"} for s in sents if s.sentence not in spoken]
    return sorted(rows, key=lambda r: (r["sentence"], r["attribution"] or 0))


def find_attributions(corpus, lex: AttributionLexicon | None = None, anaphora: bool = True) -> pd.DataFrame:
    """The attributions of every article of a corpus, by the module's rules.

    Parameters
    ----------
    corpus : Corpus
        Its articles (``original_outlet`` for ``الصحيفة``), sentences and tokens are
        read.
    lex : AttributionLexicon, optional
        Default: the study's lexicons.
    anaphora : bool
        False switches off the rule that resolves ``الشركة`` to the last company named
        (written after the held-out gold was read).

    Returns
    -------
    DataFrame
        `ATTRIBUTION_COLUMNS`, the articles in the corpus's order, each by sentence
        and number; offsets are article offsets (``text[start:end]`` is the span);
        numbers and offsets are nullable integers (``Int64``).
    """
    lex = lex or load_attribution_lexicon()
    by_article: dict[str, list[SentenceWords]] = {}
    for sent in sentence_words(corpus.sentences, corpus.tokens):
        by_article.setdefault(sent.article_id, []).append(sent)
    rows = []
    for article in corpus.articles.itertuples(index=False):
        sents = by_article.get(article.article_id, [])
        rows += attribute_article(article.article_id, article.text, sents, article.original_outlet, lex, anaphora)
    table = pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS)
    for col in ("attribution", "parent", "depth", "cue_start", "cue_end", "source_start", "source_end",
                "content_start", "content_end", "antecedent"):
        table[col] = table[col].astype("Int64")
    return table
