"""The stance mechanisms written from the guidelines' section on the extremism reports.

Each is switchable by name (`MECHANISMS`); `arabic_media.stance.rules` applies them in its
steps, and documents what each does. Their data are read by
`arabic_media.stance.actions`. Here:

- `cue_entries`, `negator_entries`: the entries matched, with the target's actions and the
  failure verbs when their mechanism is on;
- `with_objects`: the ``actions`` mechanism's check of an action's object;
- `apply_agents`: another actor's act or demand (``agents``);
- `apply_problem_objects`: a harm that is the object of a favourable act
  (``problem_objects``).

The ``contrast_uncued`` mechanism is a switch of the contrast step itself
(`arabic_media.stance.rules`).
"""

from __future__ import annotations

from dataclasses import replace

from arabic_media.lexicons import Lexicon
from arabic_media.matching import Match, SentenceWords, clause_break_between, find

__all__ = [
    "MECHANISMS", "OBJECT_WORDS", "DEMAND_WORDS", "SUBJECT_AFTER_VERB", "SUBJECT_BEFORE_VERB",
    "cue_entries", "negator_entries", "with_objects", "apply_agents", "apply_problem_objects",
]

#: The mechanisms `label_sentences` applies unless told otherwise (module docstring).
MECHANISMS = ("actions", "problem_objects", "agents", "failure", "contrast_uncued")
#: How far after an action its object may be, in words.
OBJECT_WORDS = 4
#: How far after a duty or demand the demanded act may be, in words.
DEMAND_WORDS = 10
#: How far after its subject an act written verb-first may name it, in words.
SUBJECT_AFTER_VERB = 3
#: How far before an act its subject may be named, in words.
SUBJECT_BEFORE_VERB = 5


_ENTRIES: dict = {}


def _entries(lexicon: Lexicon, name: str, build):
    """An entry list made from ``lexicon`` once and kept while it is alive (`find`
    indexes a list the first time it sees it)."""
    key = (id(lexicon), name)
    hit = _ENTRIES.get(key)
    if hit is None or hit[0] is not lexicon:
        if len(_ENTRIES) >= 64:
            _ENTRIES.clear()
        hit = _ENTRIES[key] = (lexicon, build())
    return hit[1]


def cue_entries(lexicon: Lexicon, actions: bool) -> tuple:
    """The entries `arabic_media.matching.find` matches as stance cues.

    Parameters
    ----------
    lexicon : Lexicon
        The stance lexicon.
    actions : bool
        Put the target's actions first (the ``actions`` mechanism), so that where a cue
        of ``stance_cues.csv`` is written as an action is, the action wins the tie.

    Returns
    -------
    tuple
        ``(pattern, key, polarity, weight, action, object_rule, participle)`` per entry,
        made once per lexicon.
    """

    def build():
        plain = tuple((p, cue, polarity, weight, "", (), False) for p, cue, polarity, weight in lexicon.cues)
        # the actions first: where a cue of stance_cues.csv is written as an action is
        # (حذف), the action wins the tie (`find` ranks by length, weight, then order)
        return (lexicon.actions.actions if actions and lexicon.actions is not None else ()) + plain

    return _entries(lexicon, f"cues {actions}", build)


def negator_entries(lexicon: Lexicon, failure: bool) -> tuple:
    """The entries matched as negators.

    The lexicon's negators, and with ``failure`` the failure verbs too.

    Parameters
    ----------
    lexicon : Lexicon
        The stance lexicon.
    failure : bool
        The ``failure`` mechanism.

    Returns
    -------
    tuple
        ``(pattern, negator, scope_tokens)`` per entry.
    """
    if not failure or lexicon.actions is None:
        return lexicon.negators
    return _entries(lexicon, "negators and failures", lambda: lexicon.negators + lexicon.actions.failures)


_DEFINITE = ("ال", "وال", "فال", "بال", "لل", "كال", "وبال", "ولل")


def _object_near(sent: SentenceWords, cue: Match, objects: list[Match], wanted: dict) -> str | None:
    """The polarity the nearest wanted object gives: a word of a wanted kind within
    `OBJECT_WORDS` after the action, else before it (a passive's subject, ``المنشورات
    المزيفة ستخفض رتبتها``), in its clause; None when there is none."""
    after = [o for o in objects if o.first > cue.last and o.first - cue.last <= OBJECT_WORDS
             and o.info[0] in wanted and not clause_break_between(sent, cue.last, o.first)]
    if after:
        return wanted[after[0].info[0]]
    before = [o for o in objects if o.last < cue.first and cue.first - o.last <= OBJECT_WORDS
              and o.info[0] in wanted and not clause_break_between(sent, o.last, cue.first)]
    return wanted[before[-1].info[0]] if before else None


def with_objects(sent: SentenceWords, cues: list[Match], objects: list[Match]) -> list[Match]:
    """The ``actions`` mechanism's check of each action's object.

    An action counts when `_object_near` finds the object its rule asks for (and a
    participle carries no article: ``الحسابات المحظورة`` describes, it does not act),
    with the polarity the object gives; other cues are kept as found.

    Parameters
    ----------
    sent : SentenceWords
    cues : list of Match
        From `cue_entries`.
    objects : list of Match
        The object words of the sentence (``action_objects.csv``).

    Returns
    -------
    list of Match
        The cues that count, in order.
    """
    kept = []
    for cue in cues:
        polarity, weight, action, rule, participle = cue.info
        if participle and sent.words[cue.first].startswith(_DEFINITE):
            continue  # الحسابات المحظورة: a description, not an act
        if not rule:
            kept.append(cue)
            continue
        chosen = _object_near(sent, cue, objects, dict(rule))
        if chosen is not None:
            kept.append(replace(cue, info=(chosen, weight, action, rule, participle)))
    return kept


def _in_clause(sent: SentenceWords, before: Match, after: Match, words: int) -> bool:
    """Does ``before`` end before ``after`` starts, at most ``words`` words before it, in
    the same clause?"""
    return before.last < after.first and after.first - before.last <= words and not clause_break_between(
        sent, before.last, after.first)


def _agent(sent: SentenceWords, cue: Match, target_words: set[int], other_words: set[int],
           venue_words: set[int] = frozenset()) -> str:
    """Who does the act at ``cue``: ``target``, ``other`` or ``""`` (unknown). The
    nearest actor before it in its clause, else one right after it (an act written
    verb-first names its subject after it). A target named right after a venue word
    (``venue_words``: ``على فيسبوك``, ``استغلال منصات``) is where or through which
    another acts: ``other``."""
    for k in range(cue.first - 1, max(-1, cue.first - 1 - SUBJECT_BEFORE_VERB), -1):
        if clause_break_between(sent, k, cue.first):
            break
        if k in target_words:
            first = k
            while first - 1 in target_words:
                first -= 1
            return "other" if first - 1 in venue_words else "target"
        if k in other_words:
            return "other"
    for k in range(cue.last + 1, min(len(sent.words), cue.last + 1 + SUBJECT_AFTER_VERB)):
        if clause_break_between(sent, cue.last, k):
            break
        if k in target_words:
            return "other" if k - 1 in venue_words else "target"
        if k in other_words:
            return "other"
    return ""


def _words_of(matches) -> set[int]:
    return {i for m in matches for i in range(m.first, m.last + 1)}


def apply_agents(sent: SentenceWords, records: list[dict], mentions: list[Match], lexicon: Lexicon,
                  others: list[Match]) -> None:
    """The ``agents`` mechanism, applied to a sentence's cue records in place.

    One of the target's favourable actions after a duty or demand is demanded, not done
    (discounted), or, with a comparative after the demand, a shortfall presupposed
    (AGAINST); an action whose subject is another actor is discounted. Cues of
    ``stance_cues.csv`` are not actions and are left as they are.

    Parameters
    ----------
    sent : SentenceWords
    records : list of dict
        The sentence's cue records (`arabic_media.stance.rules`).
    mentions : list of Match
        The target's mentions in the sentence.
    lexicon : Lexicon
        The stance lexicon (its action data).
    others : list of Match
        The other actors' and their head nouns' matches in the sentence.
    """
    data = lexicon.actions
    if data is None or not records:
        return
    demands = find(sent, data.obligations, "marker")
    target_words, other_words = _words_of(mentions), _words_of(others)
    venue_words = _words_of(find(sent, data.venues, "marker"))
    for r in records:
        cue = r["match"]
        if r["effective"] == "FAVOR" and r["action"] and not r["discounted"]:
            demand = [m for m in demands if _in_clause(sent, m, cue, DEMAND_WORDS)]
            if demand:
                shortfall = [m for m in find(sent, data.shortfalls, "alias")
                             if m.first > demand[-1].last and not clause_break_between(sent, demand[-1].last, m.first)]
                if shortfall:
                    r["effective"] = "AGAINST"
                    r["note"] = f"agents: demanded with '{shortfall[0].surface}', a shortfall presupposed"
                else:
                    r["discounted"] = True
                    r["note"] = f"agents: demanded ('{demand[-1].surface}'), not done"
                continue
        if r["action"] in ("", "sanction") or r["discounted"]:
            continue
        if _agent(sent, cue, target_words, other_words, venue_words) == "other":
            r["discounted"] = True
            r["note"] = "agents: another actor's act"


def apply_problem_objects(sent: SentenceWords, records: list[dict], objects: list[Match]) -> None:
    """The ``problem_objects`` mechanism, applied to a sentence's cue records in place.

    A cue of the lexicon that is a word for the harm does not count against the target
    when a counted favourable act comes before it in its clause (the harm is what the
    act is against).

    Parameters
    ----------
    sent : SentenceWords
    records : list of dict
        The sentence's cue records (`arabic_media.stance.rules`).
    objects : list of Match
        The object words of the sentence.
    """
    harm = _words_of(o for o in objects if o.info[0] == "problem")
    for r in records:
        cue = r["match"]
        if r["discounted"] or r["effective"] != "AGAINST" or r["action"] or not any(
                i in harm for i in range(cue.first, cue.last + 1)):
            continue
        acts = [q for q in records if not q["discounted"] and q["effective"] == "FAVOR"
                and _in_clause(sent, q["match"], cue, OBJECT_WORDS)]
        if acts:
            r["discounted"] = True
            r["note"] = f"problem_objects: the object of '{acts[-1]['match'].surface}'"
