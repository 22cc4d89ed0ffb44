"""Small hand-made lexicons, targets and corpora the stance tests share: every expected
score can be added up by hand."""

from __future__ import annotations

import pandas as pd

from arabic_media import stance
from tests.support import corpus_of


SMALL = stance.Lexicon.from_lists(
    cues=[
        ("تعاون", "FAVOR", 2),
        ("تحفظ", "AGAINST", 1),
        ("تورط", "AGAINST", 3),
        ("عائق", "AGAINST", 1),
        ("استعدادهم للتعاون", "FAVOR", 4),
    ],
    negators=[("رفضت", 2), ("عدم", 3), ("لم", 2)],
    markers=[("الا ان", "later_clause_dominates"), ("بينما", "no_dominance")],
)


COMPANIES = stance.Target.from_aliases(
    "companies",
    {"us_companies": ["شركات أمريكية"], "cloudflare": ["كلاود فلاير"], "these": ["هذه الشركات"]},
)


def label(text, **options):
    return stance.label_text(text, COMPANIES, SMALL, **options)


def label_table(labels):
    return pd.DataFrame({"article_id": "a", "sentence": range(1, len(labels) + 1), "label": labels})


def small_corpus(texts):
    return corpus_of({"a": texts})


LOO_TEXTS = [
    "أثبتت التحقيقات تورط شركات أمريكية.",  # تورط: here only
    "كلاود فلاير رفضت التعاون.",  # كلاود فلاير: here only
    "أكدت شركات أمريكية التعاون.",
    "أكد ممثلو شركات أمريكية استعدادهم للتعاون.",  # the long cue: here only
]


def two_articles():
    """Labels for two made-up articles of different lengths, with a gold that differs
    from the labels in one sentence."""
    texts = {
        ("b-article", 1): "أثبتت التحقيقات تورط شركات أمريكية.",
        ("b-article", 2): "شركات أمريكية رفضت التعاون مع الخلية.",
        ("b-article", 3): "تحدثت الحكومة عن الحرب.",
        ("a-article", 1): "أكدت شركات أمريكية استعدادها للتعاون.",
    }
    corpus = corpus_of({article: [t for (a, _), t in texts.items() if a == article]
                        for article in dict.fromkeys(a for a, _ in texts)})
    labels = stance.label_sentences(corpus, COMPANIES, SMALL)
    gold = labels.labels[["article_id", "sentence", "label"]].copy()
    gold.loc[gold["sentence"] == 3, "label"] = "AGAINST"
    return corpus, labels, gold
