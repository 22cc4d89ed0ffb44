"""Categories and groups of tokens (arabic_media.terms.annotate), by hand."""

from __future__ import annotations



from arabic_media import terms as T
from tests.terms.helpers import NO_REPORTING, make_tokens


def test_annotate_sets_categories():
    tokens = make_tokens({"a": "وقالت الصحيفة إن الشركات في فرنسا 12 شركة."})
    annotated = T.annotate(tokens)
    got = dict(zip(annotated["surface"], annotated["category"]))
    assert got == {
        "وقالت": "reporting_verb", "الصحيفة": "attribution", "إن": "stopword", "الشركات": "content",
        "في": "stopword", "فرنسا": "content", "12": "number", "شركة": "content", ".": "punct",
    }


def test_annotate_labels_group_by_most_frequent_member():
    tokens = make_tokens({"a": "الشركات لشركات الشركات شركات."})
    annotated = T.annotate(tokens, stopwords=set(), reporting=NO_REPORTING)
    words = annotated[annotated["kind"] == "word"]
    # one group; الشركات (2) is more frequent than لشركات (1) and شركات (1)
    assert set(words["group"]) == {"الشركات"}


def test_group_keys_hold_across_corpora():
    """A group key is a function of the word and the grouper's stated vocabulary, not of
    the tokens annotated: two corpora annotated with one grouper can be joined on it,
    while their display labels may differ."""
    first = T.annotate(make_tokens({"a": "الشركات شركات لشركات"}), stopwords=set(), reporting=NO_REPORTING)
    second = T.annotate(make_tokens({"b": "الشركة الشركة الشركات"}), stopwords=set(), reporting=NO_REPORTING)
    grouper = T.CliticGrouper(list(first["norm"]) + list(second["norm"]))
    first = T.annotate(first[["article_id", "sentence", "token", "article_token", "start", "end", "surface",
                              "norm", "kind"]], stopwords=set(), reporting=NO_REPORTING, grouper=grouper)
    second = T.annotate(second[["article_id", "sentence", "token", "article_token", "start", "end", "surface",
                                "norm", "kind"]], stopwords=set(), reporting=NO_REPORTING, grouper=grouper)
    words = lambda t: t[t["kind"] == "word"]  # noqa: E731
    assert set(words(first)["group_key"]) == set(words(second)["group_key"]) == {"شركة"}
    assert set(words(first)["group"]) == {"شركات"} and set(words(second)["group"]) == {"الشركة"}
