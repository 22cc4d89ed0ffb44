"""count_corpus gives the numbers of load_corpus + annotate / ngrams, in any way it runs."""

from __future__ import annotations

import multiprocessing
import re
import signal
import tempfile
import time
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arabic_media import paths, terms
from arabic_media.corpus import CorpusWarning, load_corpus
from arabic_media.corpus.sources import ManifestFolder, TextFolder, TrecArchive
from arabic_media.counting import (
    count_chunk,
    count_corpus,
    merge_tallies,
    study_settings,
    tally_tables,
)
from arabic_media.counting.tables import _documents
from arabic_media.counting.scan import scan
from arabic_media.counting.vocabulary import _plain_letters
from arabic_media.text import normalize, segment_article, token_kind

ANT = paths.ANT_ARCHIVE
needs_ant = pytest.mark.skipif(not ANT.is_file(), reason="the ANT archive is not beside the project")

#: A scratch corpus that exercises every rule: clitics and suffixes (grouping), hamza and
#: alif maqsura spellings, diacritics, tatweel, presentation forms, an RLM inside a word,
#: numbers and punctuation between words, blank lines and single line breaks, reporting
#: verbs and the attribution word, an emoji (astral), a stray control character, CRLF.
SCRATCH = {
    "a.txt": "قال الوزير إن الشركات الأمريكية تواجه ضغوطاً. وأكدت الصحيفة أن الشركة\nالأمريكية ترفض.\n\n"
             "شركات التواصل الاجتماعي، ومواقع التواصل الاجتماعي 2018 تتعاون مع الحكومة 😀 الحكومة.",
    "b.txt": "الشركات الكبرى لشركات التكنولوجيا\n\nالدعاية المتطرفة على مواقع التواصل الاجتماعي ، "
             "وقالت الحكومة إن ﻻ شيء يتغير. ذكرت الصحيفة أن مواقع\u200fالتواصل الاجتماعي تحذف الدعاية",
    "c.txt": "الـدولة الإسلامية، والدولة الإسلامية؛ بالدولة الإسلامية! أكّد المسؤول على مواقع التواصل\r\n\r\n"
             "الاجتماعي \x02 الشركة الأمريكية \"الكبرى\" إلى الشركات الأمريكيتان",
}


def _expected(tokens: pd.DataFrame):
    """The numbers the study's own tables give: annotate, then group by hand and ngrams."""
    annotated = terms.annotate(tokens)
    words = annotated[annotated["kind"] == "word"]
    grouper = terms.CliticGrouper(words["norm"])
    norms = words.groupby(["norm", "category"]).agg(count=("norm", "size"), documents=("article_id", "nunique"))
    groups = words.assign(key=words["norm"].map(grouper)).groupby(["key", "group", "category"]).agg(
        count=("norm", "size"), documents=("article_id", "nunique"))
    bigrams = terms.ngrams(annotated, 2)
    return annotated, norms, groups, bigrams


def _check_against_study(counts, tokens: pd.DataFrame) -> None:
    annotated, norms, groups, bigrams = _expected(tokens)
    got = counts.norms.set_index(["term", "category"])[["count", "documents"]]
    assert got.sort_index().to_dict("index") == {k: dict(v) for k, v in norms.sort_index().to_dict("index").items()}
    got = counts.groups.set_index(["group", "label", "category"])[["count", "documents"]]
    assert got.to_dict("index") == groups.to_dict("index")
    # the same counts as term_frequencies on the group labels, for every category
    table = terms.term_frequencies(annotated, form="group", categories=terms.CATEGORIES[:4])
    assert dict(zip(table["term"], table["count"])) == counts.groups.groupby("label")["count"].sum().to_dict()
    assert dict(zip(bigrams["ngram"], bigrams["count"])) == dict(zip(counts.bigrams["bigram"], counts.bigrams["count"]))
    assert len(counts.bigrams) == len(bigrams) > 0
    running = terms.running_tokens(annotated, by_article=True)
    got_running = dict(zip(counts.articles["article_id"], counts.articles["running_tokens"]))
    assert got_running == running.to_dict()
    assert counts.provenance["tokens"] == len(tokens)
    assert counts.provenance["words"] == int((tokens["kind"] == "word").sum())


def test_study_corpus_counts_equal_the_loaders_tables(study_corpus):
    counts = count_corpus(workers=1, progress=False)
    _check_against_study(counts, study_corpus.tokens)
    assert counts.provenance["articles_read"] == len(study_corpus.articles) and counts.failures.empty


def test_scratch_corpus_counts_equal_the_loaders_tables(tmp_path, write_corpus):
    folder = write_corpus(tmp_path / "c", {k: v.encode("utf-8") for k, v in SCRATCH.items()})
    counts = count_corpus(ManifestFolder(folder), workers=1, progress=False)
    with pytest.warns(CorpusWarning, match="control character"):
        tokens = load_corpus(folder).tokens
    _check_against_study(counts, tokens)
    # the rules were exercised: a bigram across a blank line is not counted, across a
    # single line break it is; the grouper merged clitic forms
    assert "الشركة الامريكية" in set(counts.bigrams["bigram"])
    assert "التكنولوجيا الدعاية" not in set(counts.bigrams["bigram"])
    assert (counts.groups["forms"] > 2).any()
    assert counts.provenance["decoding_warnings"] == 1  # the control character


def test_tables_are_sorted_by_count_then_term(tmp_path, write_corpus):
    folder = write_corpus(tmp_path / "c", {k: v.encode("utf-8") for k, v in SCRATCH.items()})
    counts = count_corpus(ManifestFolder(folder), workers=1, progress=False)
    for table, term in ((counts.norms, "term"), (counts.bigrams, "bigram")):
        keys = list(zip(-table["count"], table[term]))
        assert keys == sorted(keys)


@pytest.mark.slow
def test_worker_processes_give_the_same_tables(tmp_path, write_corpus, monkeypatch):
    articles = {f"{n}-{k}": v.encode("utf-8") for n in range(3) for k, v in SCRATCH.items()}
    folder = write_corpus(tmp_path / "c", articles)
    one = count_corpus(ManifestFolder(folder), workers=1, progress=False)
    # the worker hands its tally over in a file of a scratch folder: none is left behind
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "scratch"))
    (tmp_path / "scratch").mkdir()
    two = count_corpus(ManifestFolder(folder), workers=2, chunk_size=2, progress=False)
    assert list((tmp_path / "scratch").iterdir()) == []
    for name in ("norms", "groups", "bigrams", "articles", "failures"):
        pd.testing.assert_frame_equal(getattr(one, name), getattr(two, name))
    assert one.provenance == two.provenance


def test_tallies_merge_in_any_order(tmp_path, write_corpus):
    folder = write_corpus(tmp_path / "c", {k: v.encode("utf-8") for k, v in SCRATCH.items()})
    source = ManifestFolder(folder)
    settings = study_settings()
    members = list(source.members())
    parts = [count_chunk(source, members[:1], settings, 0), count_chunk(source, members[1:], settings, 1)]
    forward = tally_tables(merge_tallies(parts), settings)
    backward = tally_tables(merge_tallies(parts[::-1]), settings)
    whole = tally_tables(count_chunk(source, members, settings), settings)
    # consumed (count_corpus's way: each part's arrays dropped once merged, the merged
    # tally's word lists once the groups are counted), the tables are the same
    fresh = [count_chunk(source, members[1:], settings, 1), count_chunk(source, members[:1], settings, 0)]
    with pytest.raises(ValueError, match="given twice cannot be consumed"):
        merge_tallies([fresh[0], fresh[0]], consume=True)
    merged = merge_tallies(fresh, consume=True)
    assert all(len(part.bigrams) == len(part.article_words) == 0 for part in fresh)
    consumed = tally_tables(merged, settings, consume=True)
    assert len(merged.article_words) == 0
    for name in ("norms", "groups", "bigrams", "articles"):
        pd.testing.assert_frame_equal(getattr(forward, name), getattr(whole, name))
        pd.testing.assert_frame_equal(getattr(backward, name), getattr(whole, name))
        pd.testing.assert_frame_equal(getattr(consumed, name), getattr(whole, name))


# --- the shortcuts are exact ------------------------------------------------------------


_PLAIN, _PLAIN_TABLE = _plain_letters()
_PLAIN_RE = re.compile(f"[{re.escape(_PLAIN)}]+")


def _is_plain(word: str) -> bool:
    """The test `_Vocabulary.identify` makes: stripping the plain letters leaves nothing."""
    return not word.strip(_PLAIN)


def test_plain_letters_are_the_arabic_letters_and_ascii_alphanumerics():
    expected = {chr(c) for c in range(0x0621, 0x064B)} - {"\u0640"}
    expected |= {chr(c) for c in range(0x7B) if chr(c).isascii() and chr(c).isalnum()}
    assert {chr(c) for c in range(0x110000) if _is_plain(chr(c))} == expected
    assert set(_PLAIN) == expected
    for letter in expected:
        assert normalize(letter) == letter.translate(_PLAIN_TABLE)


@given(st.text(alphabet=[chr(c) for c in range(0x0700) if _is_plain(chr(c))], min_size=1, max_size=12))
def test_plain_letters_normalise_by_translate(word):
    assert _is_plain(word)
    assert normalize(word) == word.translate(_PLAIN_TABLE)
    assert token_kind(word) == ("number" if word.isdigit() else "word")


@given(st.text(alphabet=st.sampled_from(list(_PLAIN) + ["\u0640", "\u064e", "\u200c", "ﻻ", "-", " ", "é"]),
               min_size=1, max_size=8))
def test_the_plain_test_is_every_letter_plain(word):
    # str.strip(chars) leaves nothing exactly when every character is one of chars
    assert _is_plain(word) == bool(_PLAIN_RE.fullmatch(word))


_PIECES = ["قال", "الشركة", "و", "2018", " ", "  ", "\n", "\n\n", "\r\n", "\n \t\n", ".", "،", "!", "»", "…",
           "\u200f", "\u200c", "\x02", "ﻻ", "a.", "؟ ", "\u2029", "\r\r"]


@given(st.lists(st.sampled_from(_PIECES), max_size=25).map("".join))
def test_word_pairs_break_exactly_where_sentences_do(text):
    """Consecutive word tokens of one sentence (segment_article) are exactly the
    consecutive words the counter pairs: no paragraph break between them (the only
    sentence end that can fall between two words; any other ends on punctuation)."""
    expected = []
    for _sentence, spans in segment_article(text):
        surfaces = [text[s.start:s.end] for s in spans]
        expected += [(a, b) for a, b in zip(surfaces, surfaces[1:]) if token_kind(a) == token_kind(b) == "word"]
    scanned = scan([text], breaks=True)
    surfaces = [text[a:b] for a, b in zip(scanned.starts.tolist(), scanned.ends.tolist())]
    got = [(a, b) for a, b, cut in zip(surfaces, surfaces[1:], scanned.break_before[1:].tolist())
           if not cut and token_kind(a) == token_kind(b) == "word"]
    assert got == expected


# --- the archive: a sample, on worker processes and on Dask -------------------------------


@needs_ant
@pytest.mark.slow
def test_dask_cluster_gives_the_single_machine_result():
    distributed = pytest.importorskip("distributed")
    sample = TrecArchive(ANT, limit=400)
    here = count_corpus(sample, workers=1, chunk_size=50, progress=False)
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        there = count_corpus(sample, scheduler=client, chunk_size=50, progress=False)
    for name in ("norms", "groups", "bigrams", "articles", "failures"):
        pd.testing.assert_frame_equal(getattr(here, name), getattr(there, name))
    assert here.provenance == there.provenance
    assert here.provenance["articles_read"] == 400 and len(here.bigrams) > 1000


@needs_ant
@pytest.mark.slow
def test_ant_sample_on_worker_processes_equals_one_process():
    sample = TrecArchive(ANT, limit=300)
    one = count_corpus(sample, workers=1, progress=False)
    two = count_corpus(sample, workers=2, chunk_size=40, progress=False)
    for name in ("norms", "groups", "bigrams", "articles"):
        pd.testing.assert_frame_equal(getattr(one, name), getattr(two, name))
    assert one.provenance["running_tokens"] == int(one.articles["running_tokens"].sum()) > 50_000


def test_progress_bar_shows_only_where_someone_sees_it(capsys):
    from arabic_media.counting.run import _progress

    for hidden in (False, None):  # None: pytest's stderr is no terminal, and no notebook
        with _progress(hidden, "counting") as bar:
            bar.update(3)
        assert bar.disable
    assert capsys.readouterr().err == ""
    with _progress(True, "counting") as bar:
        bar.update(3)
    assert "counting: 0 articles" in capsys.readouterr().err


def test_without_groups_the_other_tables_are_the_same(tmp_path, write_corpus):
    folder = write_corpus(tmp_path / "c", {k: v.encode("utf-8") for k, v in SCRATCH.items()})
    full = count_corpus(ManifestFolder(folder), workers=1, progress=False)
    bare = count_corpus(ManifestFolder(folder), workers=1, groups=False, progress=False)
    for name in ("norms", "bigrams", "articles", "failures"):
        pd.testing.assert_frame_equal(getattr(full, name), getattr(bare, name))
    assert bare.groups.empty and list(bare.groups.columns) == list(full.groups.columns)
    assert bare.provenance["groups"] is None and full.provenance["groups"] == full.groups["group"].nunique()


def test_lexicons_read_without_pandas_are_the_study_lexicons():
    from arabic_media.counting.vocabulary import _study_lexicons

    stopwords, reporting = _study_lexicons()
    assert stopwords == terms.load_stopwords()
    table = terms.load_reporting_terms()
    assert reporting == dict(zip(table["norm"], table["category"]))


def test_the_reader_does_not_import_pandas_before_the_tables():
    import subprocess
    import sys

    # nor does the grouper `tally_tables` builds before it imports pandas for the tables
    code = ("import sys; from arabic_media.counting.vocabulary import study_settings, _Vocabulary, "
            "_study_grouper; _Vocabulary(study_settings()); "
            "_study_grouper(['الشركات', 'شركات', 'لشركات']).keys(['لشركات']); print('pandas' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip() == "False"


@given(st.lists(st.lists(st.integers(0, 9), unique=True, max_size=6), max_size=12), st.integers(1, 8))
def test_group_documents_in_blocks_count_each_article_once_per_cell(articles, block):
    cell_of_word = np.array([0, 0, 1, 2, 2, 2, 3, 4, 4, 5])
    words = np.array([w for article in articles for w in article], np.int64)
    sizes = np.array([len(article) for article in articles], np.int64)
    expected = np.zeros(6, np.int64)
    for article in articles:
        for cell in {int(cell_of_word[w]) for w in article}:
            expected[cell] += 1
    assert _documents(words, sizes, cell_of_word, 6, block=block).tolist() == expected.tolist()


@dataclass(frozen=True)
class _FailsInWorkers(TextFolder):
    """A folder whose articles cannot be prepared in a worker process (and are slow to
    prepare in the reading one, so that the worker starts, fails and exits while the
    reader still hands out chunks: one is left in the queue, which nobody will take)."""

    def prepare(self, member):
        if multiprocessing.parent_process() is not None:
            raise ValueError("prepare failed in a worker")
        time.sleep(0.05)
        return super().prepare(member)


def test_a_failing_worker_stops_the_count_with_its_error(tmp_path):
    for n in range(100):
        (tmp_path / f"{n:02}.txt").write_text(f"قال الوزير {n}.", encoding="utf-8")

    def too_long(*_):
        raise TimeoutError("the count hung after a worker failed")

    previous = signal.signal(signal.SIGALRM, too_long)
    signal.alarm(120)
    try:
        with pytest.raises(RuntimeError, match="prepare failed in a worker"):
            count_corpus(_FailsInWorkers(tmp_path), workers=2, chunk_size=1, progress=False)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


#: A count run in a process of its own (the test waits for it with a deadline): a source
#: that cannot be unpickled in a worker (the worker dies while starting, before it takes
#: its settings), or that is slow to unpickle there (a worker still starting) while
#: its members fail at once (an archive that cannot be read).
_COUNT_THAT_FAILS = """
import os, sys, time
from dataclasses import dataclass, field
from pathlib import Path
from arabic_media.corpus import CorpusError
from arabic_media.corpus.sources import TextFolder
from arabic_media.counting import count_corpus


@dataclass(frozen=True)
class Source(TextFolder):
    how: str = ""
    parent: int = field(default_factory=os.getpid)

    def __setstate__(self, state):
        if os.getpid() != state["parent"]:  # in a worker, while it starts
            if state["how"] == "worker dies":
                raise RuntimeError("the worker failed while starting")
            time.sleep(10)  # longer than the count waits for a worker to end
        self.__dict__.update(state)

    def members(self):
        if self.how == "archive fails":
            raise CorpusError("the archive cannot be read")
        return super().members()


if __name__ == "__main__":
    try:
        count_corpus(Source(Path(sys.argv[1]), how=sys.argv[2]), workers=2, chunk_size=1, progress=False)
    except (RuntimeError, CorpusError) as err:
        print("count failed:", err, flush=True)
        sys.exit(3)
"""


@pytest.mark.parametrize(("how", "error"), [("worker dies", "a counting worker died: exit code 1"),
                                              ("archive fails", "the archive cannot be read")])
def test_a_count_whose_worker_or_source_fails_at_start_up_ends_within_seconds(tmp_path, how, error):
    # The settings a worker never took (it died, or was stopped while starting) used to
    # block the queue's feeder thread, and the process waited for it at exit: the error
    # was printed and the count never ended.
    import subprocess
    import sys

    for n in range(30):
        (tmp_path / f"{n:02}.txt").write_text(f"قال الوزير {n}.", encoding="utf-8")
    script = tmp_path / "count.py"
    script.write_text(_COUNT_THAT_FAILS, encoding="utf-8")
    started = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, str(script), str(tmp_path), how], capture_output=True, text=True,
                              timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the count hung after a failure ({how})")
    assert done.returncode == 3, done.stderr
    assert error in done.stdout
    assert time.perf_counter() - started < 30  # seconds, not a hang (about 2 s here)


def test_freed_memory_goes_back_to_the_system_on_glibc():
    import platform

    from arabic_media.counting.memory import _malloc_trim, release_memory

    if platform.libc_ver()[0] != "glibc":
        pytest.skip("malloc_trim is glibc's")
    assert _malloc_trim() is not None
    release_memory()  # returns; nothing is freed that is in use


def test_a_tally_cut_to_its_frequent_bigrams_keeps_their_numbers_and_is_not_merged(tmp_path, write_corpus):
    from arabic_media.counting.tally import keep_frequent_bigrams

    folder = write_corpus(tmp_path / "c", {k: v.encode("utf-8") for k, v in SCRATCH.items()})
    source, settings = ManifestFolder(folder), study_settings()
    tally = count_chunk(source, list(source.members()), settings)
    cut = keep_frequent_bigrams(tally, 2)
    assert 0 < len(cut.bigrams) < len(tally.bigrams) and cut.bigram_types == len(tally.bigrams)
    whole, after_cut = tally_tables(tally, settings, bigram_min_count=2), tally_tables(cut, settings, bigram_min_count=2)
    pd.testing.assert_frame_equal(whole.bigrams, after_cut.bigrams)
    assert whole.provenance == after_cut.provenance
    with pytest.raises(ValueError, match="cannot be merged"):
        merge_tallies([cut, tally])


def test_a_tally_with_a_form_twice_is_refused():
    from arabic_media.counting.tally import Tally

    twice = Tally(norms=["x", "x"], count=np.ones(2, np.int64), documents=np.ones(2, np.int64))
    once = Tally(norms=["x"], count=np.ones(1, np.int64), documents=np.ones(1, np.int64))
    for tallies in ([twice, once], [once, twice]):
        with pytest.raises(ValueError, match="twice"):
            merge_tallies(tallies)


def test_tables_of_nothing_have_the_types_of_tables_of_something():
    from arabic_media.counting.tally import Tally

    empty = tally_tables(Tally(), _SETTINGS)
    full = count_corpus(progress=False, workers=1)
    for name in ("norms", "groups", "bigrams", "articles"):
        assert len(getattr(empty, name)) == 0 and len(getattr(full, name)) > 0
        assert getattr(empty, name).dtypes.to_dict() == getattr(full, name).dtypes.to_dict(), name


def test_merging_tallies_made_by_hand_sums_codes_in_any_order():
    from arabic_media.counting.tally import Tally

    def tally(codes):
        ones = np.ones(len(codes), np.int64)
        return Tally(norms=["x", "y"], count=np.ones(2, np.int64), documents=np.ones(2, np.int64),
                     bigrams=np.array(codes, np.int64), bigram_count=ones, bigram_documents=ones)

    a, b, c = tally([1]), tally([1, 1]), tally([])  # b: a code twice, against the rule
    for order in ([a, b], [b, a], [c, b], [b, c, a], [a, c, b]):
        merged = merge_tallies(order)
        assert merged.bigrams.tolist() == [1]
        assert merged.bigram_count.tolist() == [sum(len(t.bigrams) for t in order)]


_SETTINGS = study_settings()


@given(st.lists(st.text(alphabet=st.sampled_from(list(_PLAIN) + ["أ", "إ", "آ", "ى", "ٱ", "\u0640", "\u064e", "ﻻ",
                                                               "٢", "é", "\u200f"]), min_size=1, max_size=7)
                | st.text(alphabet="0123456789٢", min_size=1, max_size=4),  # numbers among the words
                max_size=30))
def test_identifying_many_words_at_once_gives_what_one_at_a_time_gives(surfaces):
    from arabic_media.counting.vocabulary import _Vocabulary

    from arabic_media.categories import NGRAM_EDGE_EXCLUDE
    from arabic_media.counting.vocabulary import _NUMBER, _PUNCT, _category
    from arabic_media.text import normalize, token_kind

    together, one_by_one = _Vocabulary(_SETTINGS), _Vocabulary(_SETTINGS)
    ids = together.identify_many(surfaces)
    assert ids == [one_by_one.identify(s) for s in surfaces]
    assert together.norms == one_by_one.norms and together.edge == one_by_one.edge
    # and what the study's definitions give, worked out here without the vocabulary's code
    kinds = [token_kind(s) for s in surfaces]
    assert together.norms == list(dict.fromkeys(normalize(s) for s, k in zip(surfaces, kinds) if k == "word"))
    assert ids == [together.norm_ids[normalize(s)] if k == "word" else _NUMBER if k == "number" else _PUNCT
                   for s, k in zip(surfaces, kinds)]
    assert together.edge == [_category(n, _SETTINGS) not in NGRAM_EDGE_EXCLUDE for n in together.norms]


def test_categories_of_many_words_are_each_ones_category():
    from arabic_media.counting.vocabulary import _categories

    words = [*_SETTINGS.stopwords, *_SETTINGS.categories, "شركات", "داعش", "قال", "2018"]
    assert _categories(words, _SETTINGS) == [terms.categorize(w, _SETTINGS.stopwords, _SETTINGS.categories)
                                             for w in words]
    assert {"content", "stopword", "reporting_verb", "attribution"} <= set(_categories(words, _SETTINGS))


def test_a_word_may_start_a_bigram_unless_its_category_is_excluded():
    from arabic_media.categories import NGRAM_EDGE_EXCLUDE
    from arabic_media.counting.vocabulary import _category, _edges

    words = [*_SETTINGS.stopwords, *_SETTINGS.categories, "شركات", "داعش", "قال", "2018"]
    assert _edges(words, _SETTINGS) == [_category(w, _SETTINGS) not in NGRAM_EDGE_EXCLUDE for w in words]
    assert not all(_edges(words, _SETTINGS)) and any(_edges(words, _SETTINGS))


@given(st.dictionaries(st.integers(0, 60), st.tuples(st.integers(1, 9), st.integers(1, 9)), max_size=25),
       st.dictionaries(st.integers(0, 60), st.tuples(st.integers(1, 9), st.integers(1, 9)), max_size=25))
def test_merging_sorted_tables_adds_them(left, right):
    from arabic_media.counting.tally import _merge_sorted

    def table(rows):
        codes = sorted(rows)
        return (np.array(codes, np.int64), tuple(np.array([rows[c][i] for c in codes], np.int64) for i in (0, 1)))

    codes, values = _merge_sorted(*table(left), *table(right))
    expected = {c: tuple(left.get(c, (0, 0))[i] + right.get(c, (0, 0))[i] for i in (0, 1)) for c in {*left, *right}}
    assert codes.tolist() == sorted(expected)
    assert [tuple(v) for v in zip(*(column.tolist() for column in values))] == [expected[c] for c in sorted(expected)]


def test_a_process_refuses_more_bigrams_than_its_packed_counts_hold(tmp_path, write_corpus, monkeypatch):
    from arabic_media.counting import tally

    folder = write_corpus(tmp_path / "c", {k: v.encode("utf-8") for k, v in SCRATCH.items()})
    source = ManifestFolder(folder)
    monkeypatch.setattr(tally, "_PACK_LIMIT", 10)
    with pytest.raises(OverflowError, match="bigrams counted in one process"):
        count_chunk(source, list(source.members()), study_settings())


def _python_ranks(forms):
    expected = {form: place for place, form in enumerate(sorted(forms))}
    return [expected[form] for form in forms]


@given(st.lists(st.text(alphabet=st.sampled_from(["ا", "ب", "ي", "a", "b", "é", "\U0001d400", "\ud800", "\uffff"]),
                        max_size=5), unique=True, max_size=40))
def test_ranks_are_the_places_in_python_sorted_order(forms):
    from arabic_media.counting.tables import _ranks

    assert _ranks(forms).tolist() == _python_ranks(forms)  # numpy's sort of the UTF-8 bytes


def test_forms_numpy_cannot_rank_are_ranked_by_python():
    from unittest import mock

    from arabic_media.counting import tables

    # numpy's fixed-width bytes drop trailing NULs ("a" and "a\0" would tie)
    forms = ["a\x00", "a", "b", "\x00"]
    assert tables._ranks(forms).tolist() == _python_ranks(forms)
    with mock.patch.object(tables, "RANK_BYTES", 8):  # a wider array than allowed
        assert tables._ranks(["ccc", "a", "bb"]).tolist() == [2, 0, 1]


@st.composite
def _tallies_with_bigrams(draw):
    from arabic_media.counting.tally import Tally

    tallies = []
    for number in range(draw(st.integers(2, 3))):
        norms = draw(st.lists(st.sampled_from("abcdefg"), max_size=7, unique=True))
        ids = st.integers(0, max(len(norms) - 1, 0))
        pairs = draw(st.dictionaries(st.tuples(ids, ids), st.tuples(st.integers(1, 6), st.integers(1, 6)),
                                     max_size=12)) if norms else {}
        codes = sorted((a << 32) | b for a, b in pairs)
        if number:  # a later tally made by hand may list its codes in any order
            codes = draw(st.permutations(codes))
        values = [pairs[(c >> 32, c & 0xFFFFFFFF)] for c in codes]
        ones = np.ones(len(norms), np.int64)
        tallies.append(Tally(norms=norms, count=ones, documents=ones, bigrams=np.array(codes, np.int64),
                             bigram_count=np.array([v[0] for v in values], np.int64),
                             bigram_documents=np.array([v[1] for v in values], np.int64)))
    return tallies


@settings(max_examples=100)  # 10 ms an example (a review fuzzed 20,000 more once)
@given(_tallies_with_bigrams(), st.integers(2, 9))
def test_a_last_merge_that_cuts_rare_bigrams_gives_the_merge_then_the_cut(tallies, min_count):
    import copy

    from arabic_media.counting.tally import keep_frequent_bigrams

    expected = keep_frequent_bigrams(merge_tallies(copy.deepcopy(tallies)), min_count)
    cut = merge_tallies(tallies, consume=True, bigram_min_count=min_count)
    assert cut.norms == expected.norms and cut.bigram_types == expected.bigram_types
    for name in ("bigrams", "bigram_count", "bigram_documents"):
        assert getattr(cut, name).tolist() == getattr(expected, name).tolist()


def test_tallies_counted_with_different_settings_are_not_merged(tmp_path, write_corpus):
    # a tally counted without bigrams merged with one counted with them halved the
    # bigrams' counts without a word
    folder = write_corpus(tmp_path / "c", {k: v.encode("utf-8") for k, v in SCRATCH.items()})
    source = ManifestFolder(folder)
    members = list(source.members())
    with_bigrams, without = study_settings(), study_settings(bigrams=False)
    parts = [count_chunk(source, members[:1], with_bigrams, 0), count_chunk(source, members[1:], without, 1)]
    with pytest.raises(ValueError, match=r"different settings cannot be merged \(tally 1 and tally 2\): "
                                         r"bigrams: True in one, False in the other$"):
        merge_tallies(parts)
    other_words = study_settings()
    other_words = type(other_words)(other_words.stopwords | {"شركة"}, other_words.reporting)
    with pytest.raises(ValueError, match=r"stopwords: [\d,]+ forms, sha256 \w+ in one, [\d,]+ forms, sha256 \w+ in the other"):
        merge_tallies([parts[0], count_chunk(source, members[1:], other_words, 1)])
    # tables built with other settings than the tally's are refused too
    with pytest.raises(ValueError, match="counted with other settings than those given"):
        tally_tables(parts[1], with_bigrams)
    merged = merge_tallies([parts[0], count_chunk(source, members[1:], with_bigrams, 1)])
    assert merged.counted_with == with_bigrams.fingerprint


def test_articles_that_share_an_id_are_named_with_both_members(tmp_path):
    import io
    import tarfile

    from arabic_media.corpus.sources import read_articles

    body = "<DOC>\n<TEXT>\nقال الوزير إن الاقتصاد ينمو.\n</TEXT>\n</DOC>\n".encode()
    members = ["ant/BBC/economy/BB-economy-1-20180101.txt", "copy/BBC/economy/BB-economy-1-20180101.txt",
               "ant/BBC/economy/BB-economy-2-20180101.txt"]
    with tarfile.open(tmp_path / "a.tar", "w") as archive:
        for name in members:
            info = tarfile.TarInfo(name)
            info.size = len(body)
            archive.addfile(info, io.BytesIO(body))
    both = r"'bb-economy-1-20180101': ant/BBC/economy/BB-economy-1-20180101\.txt and copy/BBC/economy/BB-economy-1-20180101\.txt"
    with pytest.warns(CorpusWarning, match=rf"^1 article\(s\) have the id of an earlier article: {both}"):
        assert len(list(read_articles(TrecArchive(tmp_path / "a.tar")))) == 3
    with pytest.warns(CorpusWarning, match=both):
        counts = count_corpus(TrecArchive(tmp_path / "a.tar"), workers=1, progress=False)
    assert counts.provenance["duplicate_article_ids"] == 1 and len(counts.articles) == 3


@pytest.mark.parametrize(("options", "message"), [
    ({"limit": 0}, r"limit=0: give a number of articles of at least 1, or None"),
    ({"limit": -3}, r"limit=-3"),
    ({"limit": 2.5}, r"limit=2.5"),
    ({"step": 0}, r"step=0: give a whole number of at least 1"),
    ({"step": True}, r"step=True"),
])
def test_an_archive_sample_of_no_article_or_no_step_is_refused(tmp_path, options, message):
    # limit=0 gave one article, step=0 a ZeroDivisionError
    with pytest.raises(ValueError, match=rf"^TrecArchive {message}"):
        TrecArchive(tmp_path / "a.tar.xz", **options)


def test_the_category_names_are_the_terms_ones():
    # defined once in arabic_media.categories; terms.annotate's names must say the same
    from arabic_media import categories, counting

    assert counting.WORD_CATEGORIES == categories.WORD_CATEGORIES == terms.CATEGORIES[:4]
    assert set(categories.CATEGORIES) == set(terms.CATEGORIES)
    assert counting.NGRAM_EDGE_EXCLUDE == categories.NGRAM_EDGE_EXCLUDE == terms.NGRAM_EDGE_EXCLUDE
