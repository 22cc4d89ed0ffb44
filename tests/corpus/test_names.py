"""Names that are not UTF-8 are shown with escapes, never lost and never left unencodable."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from arabic_media.corpus.names import shown_name


@given(st.binary(max_size=40))
def test_any_name_is_shown_as_encodable_text_keeping_its_bytes(raw):
    name = raw.decode("utf-8", "surrogateescape")  # as tarfile and pathlib give it
    shown, note = shown_name(name)
    shown.encode("utf-8")  # never raises
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        assert note is not None and note.startswith(f"{shown}: the name is not UTF-8 (byte 0x")
        # each byte that is not UTF-8 is one \xNN: putting them back gives the bytes
        back = re.sub(r"\\x([0-9a-f]{2})", lambda m: chr(0xDC00 + int(m[1], 16)), shown)
        if "\\x" not in name:
            assert back.encode("utf-8", "surrogateescape") == raw
    else:
        assert (shown, note) == (name, None)
