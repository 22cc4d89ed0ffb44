"""What several test modules share: the study article's id, scratch corpora, one-article views.

Fixtures live in ``tests/conftest.py``; plain helpers live here and are imported
(``from tests.support import STUDY_ARTICLE``).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from arabic_media.corpus import MANIFEST_COLUMNS, Corpus, write_manifest

#: The study's own article. Tests about *it* (14 sentences, its gold, the figures drawn
#: for it) select it by this id, so they hold when a user adds articles to the corpus;
#: tests about the corpus as a whole must hold for any corpus.
STUDY_ARTICLE = "arabi21-lefigaro-isis-propaganda"
#: The stance target of the study.
STUDY_TARGET = "us_tech_companies"


def only_article(corpus: Corpus, article_id: str) -> Corpus:
    """``corpus`` restricted to one article (its rows, fresh indexes); fails clearly
    when the corpus does not have that article."""
    if article_id not in set(corpus.articles["article_id"]):
        raise AssertionError(f"the corpus has no article {article_id!r}")

    def pick(table):
        return table[table["article_id"] == article_id].reset_index(drop=True)

    return Corpus(corpus.root, pick(corpus.articles), pick(corpus.sentences), pick(corpus.tokens))


def write_scratch_corpus(folder: Path, articles: dict[str, bytes], rows: list[dict] | None = None) -> Path:
    """Write a scratch corpus: article files and a manifest whose sha256s match.

    ``articles`` maps a file name to its bytes; ``rows`` (optional) overrides manifest
    cells per article, in the same order.
    """
    folder.mkdir(parents=True, exist_ok=True)
    manifest_rows = []
    for number, (name, data) in enumerate(articles.items()):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        row = {c: "" for c in MANIFEST_COLUMNS}
        row.update(article_id=f"a{number}", file=name, sha256=hashlib.sha256(data).hexdigest())
        if rows:
            row.update(rows[number])
        manifest_rows.append(row)
    write_manifest(folder / "manifest.csv", manifest_rows)
    return folder


def corpus_of(articles: dict[str, str | list[str]], *, outlet: str = "", original_outlet: str = "") -> Corpus:
    """A corpus of hand-written articles, built as the loader builds one
    (`arabic_media.corpus.corpus_from_texts`): ``articles`` maps an article id to its
    text, or to its sentences (joined by a space). Offsets are into each article's text."""
    from arabic_media.corpus import corpus_from_texts

    texts = {article_id: text if isinstance(text, str) else " ".join(text) for article_id, text in articles.items()}
    cells = {article_id: {"outlet": outlet, "original_outlet": original_outlet} for article_id in texts}
    return corpus_from_texts(texts, cells=cells)


def write_archive(path: Path, members: dict[str, bytes], mode: str = "w:xz") -> Path:
    """A tar archive at ``path`` holding ``members`` (name -> bytes), in the order given
    (``mode``: ``w:xz`` by default, ``w`` for a plain tar)."""
    import io
    import tarfile

    with tarfile.open(path, mode) as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path
