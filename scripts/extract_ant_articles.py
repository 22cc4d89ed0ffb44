"""Extract the held-out articles of the stance evaluation from the ANT corpus.

Run once, from the project root, whenever ``MEMBERS`` below changes:

    python scripts/extract_ant_articles.py

Reads the multi-source ANT corpus v2.1 archive at
``../shared/data/antcorpus-multisource-v2.1.tar.xz`` (relative to the project root;
Apache-2.0, see ``corpus/heldout/README.md`` for the citation its authors require),
without unpacking it, and writes:

``corpus/heldout/articles/<docno in lower case>.txt``
    The ``<TEXT>`` body of each member in ``MEMBERS``, as bytes, cut by this rule:
    the member must be valid UTF-8 and hold ``<TEXT>\\n`` and ``\\n</TEXT>`` exactly
    once each, in that order; the body is the byte substring strictly between them
    (so the newline after ``<TEXT>`` and the one before ``</TEXT>`` are not part of
    it); then, while the body's last line (the bytes after its last ``\\n``) holds
    only ASCII whitespace (space, tab, CR, FF, VT), that line and the ``\\n`` before
    it are removed. Nothing else is changed: no newline is added at the end, and
    spaces, no-break spaces, diacritics, hashtags and double spaces inside the text
    are kept as published. A member whose bytes differ from the sha256 pinned in
    ``MEMBERS`` is refused, so a different copy of the archive cannot silently give
    different articles.
``corpus/heldout/manifest.csv``
    One row per article, with the study's manifest columns (``corpus/README.md``):
    ``title`` from ``<TITLE>``; ``published`` the calendar date of ``<TIME>`` in the
    UTC offset the member states (``YYYY-MM-DD``); ``url`` from ``<URL>`` as it
    stands; ``outlet``, ``original_outlet`` and ``original_language`` from
    ``MEMBERS`` (read by hand from ``<AUTHOR>`` and the text); ``notes`` the member
    path, its sha256 and the corpus citation.

The archive is read by the study's reader, which refuses a damaged or cut archive;
every member is checked and cut before anything is written, and the articles and the
manifest are moved into place together, so a refused member or a failed write leaves
the held-out corpus as it was.

The held-out articles are not part of the main study (``corpus/manifest.csv``); they
are loaded with ``load_corpus(root=PROJECT_ROOT / "corpus" / "heldout")``.
"""

from __future__ import annotations

import hashlib
import sys
import tarfile
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

from arabic_media.corpus import ant, write_manifest
from arabic_media.corpus.tarstream import regular_files
from arabic_media.files import replacing_all
from arabic_media.paths import ANT_ARCHIVE as ARCHIVE
from arabic_media.paths import HELDOUT_DIR as HELDOUT

ARCHIVE_NAME = "../shared/data/antcorpus-multisource-v2.1.tar.xz"  # as messages say it
PREFIX = "antcorpus-multisource-v2.1/"
CITATION = "cite Chouigui, Ben Khiroun, Elayeb 2021, doi:10.1007/s13369-020-05258-z"



@dataclass(frozen=True)
class Member:
    path: str  # inside the archive, after PREFIX
    sha256: str  # of the whole member file, as published
    outlet: str
    original_outlet: str
    original_language: str
    note: str  # what a reader of the numbers should know, read by hand


#: The held-out articles. BBC/technology/BB-technology-174-20180427.txt (Europol's
#: operation against IS media) was read and left out: it names no US tech company.
MEMBERS = [
    Member(
        path="SkyNews/technology/SK-technology-931-20180618.txt",
        sha256="8c95fcf7ca146cbf445908bf045f39365a55a8d6f80a40ed8366b10cc6d5c406",
        outlet="Sky News Arabia",
        original_outlet="The Times",
        original_language="en",
        note="Sky News Arabia's report of a story in The Times (London), named in the text",
    ),
    Member(
        path="Alarabia/technology/AL-technology-202-20180424.txt",
        sha256="14575c6191f262a5593c874d6f62de691228276cc85f1aa723bf40a45b0a8f3e",
        outlet="Al Arabiya",
        original_outlet="Reuters",
        original_language="",
        note=(
            "Al Arabiya's report of a Reuters dispatch (<AUTHOR> is the dateline "
            "'سان فرانسيسكو - رويترز'), with Al Arabiya's own opening sentence; the "
            "language of the Reuters original is not stated, so original_language is empty"
        ),
    ),
]

def text_body(member: bytes, name: str) -> bytes:
    """The ``<TEXT>`` body by the one ANT rule (`arabic_media.corpus.ant.text_body`),
    stopping the script (``SystemExit``) where the rule does not apply."""
    try:
        return ant.text_body(member, name)
    except ant.AntFormatError as err:
        sys.exit(str(err))


def tag(text: str, name: str, member: str) -> str:
    """`arabic_media.corpus.ant.tag`, stopping the script (``SystemExit``) when the tag
    does not occur exactly once."""
    try:
        return ant.tag(text, name, member)
    except ant.AntFormatError as err:
        sys.exit(str(err))


def manifest_row(
    *,
    article_id: str,
    file: str,
    body: bytes,
    text: str,
    name: str,
    member_sha256: str,
    outlet: str,
    original_outlet: str,
    original_language: str,
    note: str,
    script: str = "scripts/extract_ant_articles.py",
) -> dict[str, str]:
    """The manifest row of one extracted member (columns in the module docstring).

    ``text`` is the whole member decoded, ``name`` its path in the archive, ``body``
    the bytes written to ``file``; ``script`` is named in ``notes`` as the extractor.
    """
    published = parsedate_to_datetime(tag(text, "TIME", name)).date().isoformat()
    return {
        "article_id": article_id,
        "file": file,
        "sha256": hashlib.sha256(body).hexdigest(),
        "title": tag(text, "TITLE", name),
        "outlet": outlet,
        "original_outlet": original_outlet,
        "language": "ar",
        "original_language": original_language,
        "published": published,
        "url": tag(text, "URL", name),
        "notes": (
            f"ANT corpus v2.1 member {name}, sha256 of the member file "
            f"{member_sha256}; <TEXT> body extracted by "
            f"{script}; {CITATION}. "
            f"Title is the <TITLE> headline. {note}."
        ),
    }


def read_members(archive, wanted: set[str]) -> dict[str, bytes]:
    """The bytes of some members of the archive.

    Read by the study's archive reader (`arabic_media.corpus.tarstream.regular_files`,
    which refuses a damaged or cut archive instead of stopping early).

    Parameters
    ----------
    archive
        The ANT archive.
    wanted
        Member names, as the archive holds them.

    Returns
    -------
    dict[str, bytes]
        Each wanted member's bytes.

    Raises
    ------
    SystemExit
        The archive cannot be read to the last wanted member, or a member is not in it
        (the message names it).
    """
    found: dict[str, bytes] = {}
    try:
        for name, raw in regular_files(archive):
            if name in wanted:
                found[name] = raw
                if len(found) == len(wanted):
                    break
    except (tarfile.TarError, EOFError, OSError) as err:
        sys.exit(f"{ARCHIVE_NAME}: cannot be read ({err})")
    missing = sorted(wanted - set(found))
    if missing:
        sys.exit(f"{ARCHIVE_NAME}: no member {', '.join(missing)}")
    return found


def main() -> None:
    if not ARCHIVE.is_file():
        sys.exit(f"{ARCHIVE_NAME} not found; see corpus/heldout/README.md")
    members = read_members(ARCHIVE, {PREFIX + spec.path for spec in MEMBERS})
    # every member is checked and cut before anything is written, so a refused member
    # leaves the held-out corpus as it was
    bodies, rows = {}, []
    for spec in MEMBERS:
        name = PREFIX + spec.path
        raw = members[name]
        digest = hashlib.sha256(raw).hexdigest()
        if digest != spec.sha256:
            sys.exit(f"{name}: sha256 is {digest}, expected {spec.sha256}")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            sys.exit(f"{name}: not UTF-8 (byte {err.start})")
        docno = tag(text, "DOCNO", name)
        article_id = docno.lower()
        body = text_body(raw, name)
        file = f"articles/{article_id}.txt"
        bodies[file] = (body, name)
        rows.append(
            manifest_row(
                article_id=article_id,
                file=file,
                body=body,
                text=text,
                name=name,
                member_sha256=spec.sha256,
                outlet=spec.outlet,
                original_outlet=spec.original_outlet,
                original_language=spec.original_language,
                note=spec.note,
            )
        )
    (HELDOUT / "articles").mkdir(parents=True, exist_ok=True)
    # the articles and the manifest are moved into place together, once all are written
    with replacing_all([*(HELDOUT / file for file in bodies), HELDOUT / "manifest.csv"]) as partials:
        for partial, (body, _) in zip(partials, bodies.values()):
            partial.write_bytes(body)
        write_manifest(partials[-1], rows)
    for file, (body, name) in bodies.items():
        print(f"{file}: {len(body)} bytes from {name}")
    print(f"corpus/heldout/manifest.csv: {len(rows)} articles")


if __name__ == "__main__":
    main()
