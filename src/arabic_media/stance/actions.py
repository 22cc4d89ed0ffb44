"""What a company does, in every form, and the words around it that decide what it means.

The stance guidelines' section on the extremism reports (``STANCE_GUIDELINES.md`` 10.2 to
10.8) names the target's actions that take a stance: it removes, bans, demotes, detects,
warns, consults, repairs (for), or spreads, enables, keeps up, admits (against); and
another actor fines, punishes, sues or scrutinises it (against). This module reads them
as data and turns each into the patterns the matcher needs, in every form Arabic writes
them:

- ``company_actions.csv``: one row per action, with its perfect, its imperfect, its
  verbal noun and its participle where one is used (``أزال | يزيل | إزالة | مزال``: a
  hollow verb changes its letters, so each form is written out; ``|`` separates
  variants). The perfect and the imperfect's stem are matched
  with the verb rule (`arabic_media.matching.verb_matches`: person prefixes, endings,
  the future ``س``, object pronouns), the noun with clitics and pronoun suffixes. A row's
  ``object`` says which words must follow the action in its clause for it to count
  (``problem``, ``content``, ``rules``, ``stay``; ``rules:FAVOR|problem:AGAINST`` for a
  verb whose object decides its polarity, ``نشر``), ``class`` says what kind of act it is
  (``sanction``: another actor acts on the target, so the agent test does not apply).
- ``action_objects.csv``: the object words, by kind (the harm, content and accounts, the
  company's rules, ``بالبقاء``).
- ``failure_verbs.csv``: ``فشل``, ``أخفق``, ``عجز``, ``لم يتمكن``, ``عدم قدرة`` with their
  scope, read as negators (10.8: failing at a countering act is AGAINST).
- ``obligation_markers.csv`` and ``shortfall_words.csv``: a duty or demand (``يجب على``,
  ``طالبت``, ``أمرت``) and the comparatives that make a demand presuppose a shortfall
  (``مزيد``, ``أسرع``; 10.6).
- ``source_head_nouns.csv`` (shared with attribution): the head nouns of actors that are
  not the companies (governments, regulators, newspapers, experts, courts, and the
  abusers: bots, trolls, extremists, users), so that an act whose subject is one of them
  is that actor's (10.5, 10.6); ``venue_words.csv``: the words after which a platform is
  where or through which another acts (``على``, ``عبر``, ``استغلال``; 10.5).

`arabic_media.stance.rules` uses them, each through one switchable mechanism
(`arabic_media.stance.mechanisms.MECHANISMS`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from arabic_media.lexicons import read_lexicon
from arabic_media.matching import phrase_pattern
from arabic_media.paths import LEXICONS_DIR, relative

__all__ = ["ACTION_CLASSES", "OBJECT_KINDS", "ActionLexicon", "action_forms", "load_action_lexicon"]

#: The classes of ``company_actions.csv``: what the act is (guidelines 10.2 to 10.8).
ACTION_CLASSES = ("counter", "detect", "warn", "consult", "publish", "repair", "enable", "host", "admit", "sanction")
#: The kinds of ``action_objects.csv``.
OBJECT_KINDS = ("problem", "content", "rules", "stay")
#: The files, in ``corpus/lexicons/``.
FILES = ("company_actions.csv", "action_objects.csv", "failure_verbs.csv", "obligation_markers.csv",
         "shortfall_words.csv", "source_head_nouns.csv", "venue_words.csv")


@dataclass(frozen=True)
class ActionLexicon:
    """The action data as `arabic_media.matching.find` entries.

    Attributes
    ----------
    actions : tuple of tuple
        ``(pattern, form, polarity, weight, class, object_rule, participle)`` per written
        form of an action; ``polarity`` is ``FAVOR``, ``AGAINST`` or ``by_object``;
        ``participle`` is True for a participle (with the article it describes, it does
        not act: ``الحسابات المحظورة``).
    objects : tuple of tuple
        ``(pattern, word, kind, 1.0)`` per object word (matched as cues are, with clitics
        and pronoun suffixes: ``إرشاداتها``).
    failures : tuple of tuple
        ``(pattern, failure, scope_tokens)``: negator entries.
    obligations : tuple of tuple
        ``(pattern, marker, "obligation")``: marker entries.
    shortfalls : tuple of tuple
        ``(pattern, word, "shortfall")``.
    agents : tuple of tuple
        ``(pattern, noun, source_type)`` for the head nouns whose type is not ``company``.
    venues : tuple of tuple
        ``(pattern, word, "venue")``: a target named right after one is the venue or
        instrument of another's act (``على فيسبوك``, ``استغلال منصات``).
    """

    actions: tuple
    objects: tuple
    failures: tuple
    obligations: tuple
    shortfalls: tuple
    agents: tuple
    venues: tuple = ()


def _variants(cell: str) -> list[str]:
    return [v.strip() for v in cell.split("|") if v.strip()]


def action_forms(past: str, present: str, noun: str, participle: str = "") -> list[str]:
    """The written forms one action is matched by.

    The perfect, the verbal noun and the participle as written; the imperfect without
    its person prefix when what is left has three letters or more (``يزيل`` -> ``زيل``,
    so that ``تزيل``, ``سيزيلون`` match through the verb rule), else as written (``يحد
    من``).

    Parameters
    ----------
    past, present, noun, participle : str
        The cells of ``company_actions.csv``: variants separated by ``|``.

    Returns
    -------
    list of str
        The forms, each once, in that order.

    Examples
    --------
    >>> action_forms("أزال", "يزيل", "إزالة")
    ['أزال', 'زيل', 'إزالة']
    >>> action_forms("", "يحد من|تحد من", "الحد من")
    ['يحد من', 'تحد من', 'الحد من']
    """
    forms = _variants(past)
    for verb in _variants(present):
        words = verb.split()
        stem = words[0][1:] if words[0][:1] in "يت" else words[0]
        forms.append(" ".join([stem, *words[1:]]) if len(phrase_pattern(stem)[0]) >= 3 else verb)
    forms += _variants(noun) + _variants(participle)
    return list(dict.fromkeys(forms))


def _object_rule(cell: str, polarity: str, where: str) -> tuple:
    """``object`` as ``((kind, polarity), ...)``; an empty tuple needs no object."""
    rule = []
    for part in _variants(cell):
        kind, _, given = part.partition(":")
        if kind not in OBJECT_KINDS:
            raise ValueError(f"{where}: object kind {kind!r} is not one of {OBJECT_KINDS}")
        chosen = given or polarity
        if chosen not in ("FAVOR", "AGAINST"):
            raise ValueError(f"{where}: the object {part!r} needs a polarity (FAVOR or AGAINST)")
        rule.append((kind, chosen))
    if polarity == "by_object" and not rule:
        raise ValueError(f"{where}: a by_object action needs an object rule")
    return tuple(rule)


def load_action_lexicon(directory: Path | None = None) -> ActionLexicon:
    """Read the action files (`FILES`).

    Parameters
    ----------
    directory : Path, optional
        Default ``corpus/lexicons/``.

    Returns
    -------
    ActionLexicon

    Raises
    ------
    ValueError
        An unknown class, polarity or object kind, naming the file.
    FileNotFoundError
        A file is missing.
    """
    directory = Path(directory) if directory is not None else LEXICONS_DIR
    where = relative(directory / "company_actions.csv")
    table = read_lexicon(directory / "company_actions.csv", ["action", "class", "polarity", "past", "present", "noun",
                                                               "participle", "object"])
    actions = []
    for row in table.itertuples():
        if row[2] not in ACTION_CLASSES:
            raise ValueError(f"{where}: action {row.action!r}: class {row[2]!r} is not one of {ACTION_CLASSES}")
        if row.polarity not in ("FAVOR", "AGAINST", "by_object"):
            raise ValueError(f"{where}: action {row.action!r}: polarity {row.polarity!r}")
        rule = _object_rule(row.object, row.polarity, f"{where}: action {row.action!r}")
        participles = set(_variants(row.participle))
        for form in action_forms(row.past, row.present, row.noun, row.participle):
            actions.append((phrase_pattern(form), form, row.polarity, 1.0, row[2], rule, form in participles))
    objects = read_lexicon(directory / "action_objects.csv", ["word", "kind"])
    bad = sorted(set(objects["kind"]) - set(OBJECT_KINDS))
    if bad:
        raise ValueError(f"{relative(directory / 'action_objects.csv')}: unknown kind(s) {bad}")
    failures = read_lexicon(directory / "failure_verbs.csv", ["failure", "scope_tokens"])
    obligations = read_lexicon(directory / "obligation_markers.csv", ["marker"])
    shortfalls = read_lexicon(directory / "shortfall_words.csv", ["word"])
    heads = read_lexicon(directory / "source_head_nouns.csv", ["noun", "source_type"])
    heads = heads[heads["source_type"] != "company"]
    return ActionLexicon(
        actions=tuple(actions),
        objects=tuple((phrase_pattern(r.word), r.word, r.kind, 1.0) for r in objects.itertuples()),
        failures=tuple((phrase_pattern(r.failure), r.failure, int(r.scope_tokens)) for r in failures.itertuples()),
        obligations=tuple((phrase_pattern(m), m, "obligation") for m in obligations["marker"]),
        shortfalls=tuple((phrase_pattern(m), m, "shortfall") for m in shortfalls["word"]),
        agents=tuple((phrase_pattern(r.noun), r.noun, r.source_type) for r in heads.itertuples()),
        venues=tuple((phrase_pattern(w), w, "venue") for w in read_lexicon(directory / "venue_words.csv", ["word"])["word"]),
    )
