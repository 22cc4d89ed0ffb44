"""``corpus/coverage/`` (`arabic_media.coverage.build`): the slice found, analysed and
written the same way on every run, in one process, several, or on Dask; and the
committed tables rebuilt byte for byte from the archive when it is beside the project."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from arabic_media import paths
from arabic_media.corpus import CorpusError
from arabic_media.coverage.build import (
    COVERAGE_DIR,
    FILES,
    build_coverage,
    code_fingerprint,
)
from tests.support import write_archive

ANT = paths.ANT_ARCHIVE
ON_TOPIC = ("فيسبوك تحذف المحتوى المتطرف",
            ("أعلنت شركة فيسبوك أنها حذفت آلاف الحسابات التي تنشر الدعاية الإرهابية لتنظيم داعش. "
             "وقالت فيسبوك إن فرقها تعمل على مكافحة الإرهاب على منصتها. "
             "وانتقد خبراء تأخر تويتر في حذف المحتوى المتطرف."))
OFF_TOPIC = ("مباراة كرة القدم", "فاز الفريق بالمباراة أمس في الملعب الكبير.")


def _doc(number: int, title: str, body: str, date: str) -> bytes:
    return (f"<DOC>\n<DOCNO>X-{number}</DOCNO>\n<URL>http://example.org/{number}</URL>\n<TITLE>{title}</TITLE>\n"
            f"<TIME>{date}</TIME>\n<TEXT>\n{body}\n</TEXT>\n</DOC>\n").encode()


@pytest.fixture
def small_archive(tmp_path):
    return write_archive(tmp_path / "ant.tar.xz", {
        "ant/BBC/technology/BB-technology-1-20180424.txt": _doc(1, *ON_TOPIC, "2018-04-24"),
        "ant/SkyNews/technology/SK-technology-2-20180424.txt": _doc(2, *ON_TOPIC, "2018-04-24"),
        "ant/Alarabia/technology/AL-technology-3-20180501.txt": _doc(3, ON_TOPIC[0], ON_TOPIC[1], "2018-05-01"),
        "ant/CNN/sport/CN-sport-4-20180601.txt": _doc(4, *OFF_TOPIC, "2018-06-01"),
        "ant/France24/economy/FR-economy-5-20180601.txt": b"<DOC>\n</DOC>\n",
    })


def _files(folder) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in [*FILES.values(), "provenance.json"]}


def test_the_slice_is_found_analysed_and_written_with_its_provenance(small_archive, tmp_path):
    provenance = build_coverage(small_archive, tmp_path / "out", workers=1, progress=False)
    assert (provenance["members"], provenance["skipped_by_path"], provenance["read"], provenance["refused"],
            provenance["in_slice"]) == (5, 1, 3, 1, 2)
    members = pd.read_csv(tmp_path / "out" / "members.csv")
    assert members["article_id"].tolist() == ["al-technology-3-20180501", "bb-technology-1-20180424"]
    counts = pd.read_csv(tmp_path / "out" / "counts.csv")
    assert counts.to_dict("records")[-1] == {"outlet": "CNN", "month": "2018-06", "reports_read": 1,
                                               "reports_in_slice": 0}
    sentences = pd.read_csv(tmp_path / "out" / "sentences.csv")
    text = ON_TOPIC[1]
    first = sentences.iloc[0]
    assert text[first["start"]:first["end"]].startswith("أعلنت شركة فيسبوك") and first["label"] == "FAVOR"
    said = pd.read_csv(tmp_path / "out" / "attributions.csv", keep_default_na=False)
    cue = said[said["cue"] == "قالت"].iloc[0]
    assert text[int(cue["cue_start"]):int(cue["cue_end"])] == "قالت" and cue["source_actor_id"] == "facebook"
    terms = pd.read_csv(tmp_path / "out" / "terms.csv")
    assert terms.query("outlet == 'BBC' and term == 'فيسبوك'")["count"].item() == 2
    assert provenance["query"]["excluded_folders"] == ["SkyNews"] and len(provenance["archive"]["sha256"]) == 64
    assert provenance["code"]["fingerprint"] == code_fingerprint()
    assert "/tmp" not in (tmp_path / "out" / "provenance.json").read_text(encoding="utf-8")


def test_a_rebuild_in_several_processes_or_on_dask_gives_the_same_bytes(small_archive, tmp_path):
    build_coverage(small_archive, tmp_path / "one", workers=1, progress=False)
    build_coverage(small_archive, tmp_path / "two", workers=2, progress=False)
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, processes=True, threads_per_worker=1, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        build_coverage(small_archive, tmp_path / "dask", scheduler=client, progress=False)
    assert _files(tmp_path / "one") == _files(tmp_path / "dask")


def test_an_archive_with_no_report_of_the_slice_writes_nothing(tmp_path):
    archive = write_archive(tmp_path / "off.tar.xz", {"ant/CNN/sport/CN-sport-4-20180601.txt": _doc(4, *OFF_TOPIC, "2018-06-01")})
    out = tmp_path / "out"
    out.mkdir()
    (out / "members.csv").write_text("kept\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"^off\.tar\.xz: no report matches the query 'us_tech_extremism'"):
        build_coverage(archive, out, workers=1, progress=False)
    assert (out / "members.csv").read_text(encoding="utf-8") == "kept\n"


def test_the_committed_tables_were_built_by_this_code_and_these_lexicons():
    """A change to the code or the word lists that decide a row makes the tables stale:
    `make coverage` rebuilds them (with the archive beside the project)."""
    provenance = json.loads((COVERAGE_DIR / "provenance.json").read_text(encoding="utf-8"))
    assert provenance["code"]["fingerprint"] == code_fingerprint()
    assert provenance["in_slice"] == len(pd.read_csv(COVERAGE_DIR / "members.csv"))


@pytest.mark.slow
@pytest.mark.skipif(not ANT.is_file(), reason="the ANT archive is not beside the project")
def test_the_committed_tables_rebuild_to_the_same_bytes(tmp_path):
    build_coverage(ANT, tmp_path, progress=False)
    assert _files(tmp_path) == _files(COVERAGE_DIR)


def test_every_report_analysed_in_several_processes_as_in_one(small_archive):
    """The corpus-scale pass with the reader analysing too (the default), chunk by chunk
    on a worker and in the reading process, gives the rows of one process, in order."""
    from arabic_media.corpus.sources import TrecArchive
    from arabic_media.coverage import analyse_source

    options = {"target": "us_tech_companies", "query": "us_tech_extremism", "slice_only": False,
               "chunk_size": 1, "progress": False}
    one = analyse_source(TrecArchive(small_archive), workers=1, **options)
    two = analyse_source(TrecArchive(small_archive), workers=2, **options)
    assert one == two and [r["status"] for r in one] == ["read", "skipped", "read", "read", "refused"]
