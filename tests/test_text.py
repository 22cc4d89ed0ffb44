"""Normalisation steps on real strings, and lossless segmentation (with properties)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from arabic_media.text import NORMALIZE_DEFAULTS, normalize, split_sentences, token_kind, tokenize

ALL_OFF = {name: False for name in NORMALIZE_DEFAULTS}


def only(step: str) -> dict[str, bool]:
    return {**ALL_OFF, step: True}


@pytest.mark.parametrize(
    ("step", "raw", "expected"),
    [
        ("diacritics", "تَنْظِيمُ الدَّوْلَةِ", "تنظيم الدولة"),
        ("diacritics", "هٰذا", "هذا"),  # dagger alef
        ("diacritics", "كتابٌ", "كتاب"),  # tanwin
        ("tatweel", "الـــدولة", "الدولة"),
        ("alef", "أكد إن آلة ٱلله", "اكد ان الة الله"),
        ("alef_maqsura", "على إلى", "علي إلي"),
        ("ta_marbuta", "الصحيفة", "الصحيفه"),
        ("presentation_forms", "\ufefb\ufeeb\ufee0", "لاهل"),  # ﻻ ﻫ ﻠ
        ("presentation_forms", "\ufe8e\ufedf", "ال"),
        ("digits", "عربي٢١ و۲۰۱۵", "عربي21 و2015"),
        ("persian_letters", "کلاود فلایر", "كلاود فلاير"),
        ("invisible", "عربي\u200f21\u200c", "عربي21"),
        ("invisible", "\ufeffنشرت\u202bصحيفة\u202c", "نشرتصحيفة"),
    ],
)
def test_each_step_alone(step, raw, expected):
    assert normalize(raw, **only(step)) == expected


@pytest.mark.parametrize("step", sorted(NORMALIZE_DEFAULTS))
def test_each_step_can_be_switched_off(step):
    samples = {
        "invisible": "ا\u200fب",
        "presentation_forms": "\ufefb",
        "diacritics": "بَ",
        "tatweel": "بـب",
        "alef": "أ",
        "alef_maqsura": "ى",
        "ta_marbuta": "ة",
        "persian_letters": "ی",
        "digits": "٣",
    }
    on = {**NORMALIZE_DEFAULTS, step: True}
    off = {**NORMALIZE_DEFAULTS, step: False}
    assert normalize(samples[step], **on) != normalize(samples[step], **off)


def test_defaults_keep_ta_marbuta_and_merge_spelling_variants():
    assert normalize("الصحيفة") == "الصحيفة"
    assert normalize("أكّد") == normalize("اكد") == "اكد"
    assert normalize("إلى") == normalize("الى") == "الي"


def test_combining_hamza_is_the_same_letter():
    # alef + U+0654 (combining hamza above) is canonically أ
    assert normalize("ا\u0654كد") == normalize("أكد")


@given(st.text())
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


#: Characters around every branch of the one-pass path: letters it maps, marks it
#: deletes, the combining madda and hamzas NFC composes, presentation forms, Latin
#: combining marks, invisible controls, Persian letters and digits.
NORMALIZING_TEXT = st.text(alphabet=st.sampled_from(list(
    "اأإآٱىيوؤئهةكکیےگ٠١٩۰۹abcé e\u0301" "\u064b\u064e\u0651\u0652\u0653\u0654\u0655\u0670\u0640"
    "\u200f\u200c\u061c\u2066\u2069\ufeff\u00ad\ufefb\ufe8e\ufb50 ،.")), max_size=80)


@given(NORMALIZING_TEXT)
def test_the_one_pass_path_of_normalize_gives_what_the_steps_give(text):
    import unicodedata as ud

    import arabic_media.text as T

    steps = ud.normalize("NFC", text)
    steps = T._INVISIBLE_RE.sub("", steps)
    steps = ud.normalize("NFC", T._PRESENTATION_RE.sub(T._unpresent, steps))
    steps = T._DIACRITICS_RE.sub("", steps).replace(T._TATWEEL, "")
    for table in (T._ALEF_VARIANTS, T._ALEF_MAQSURA, T._PERSIAN_LETTERS, T._DIGITS):
        steps = steps.translate(table)
    assert normalize(text) == ud.normalize("NFC", steps)


def test_the_one_pass_path_agrees_on_every_committed_text():
    import unicodedata as ud

    import arabic_media.text as T
    from arabic_media.paths import CORPUS_DIR

    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS_DIR.glob("**/articles/*.txt"))]
    assert len(texts) > 40
    for text in texts:
        slow = T._DIACRITICS_RE.sub("", T._INVISIBLE_RE.sub("", ud.normalize("NFC", text))).replace(T._TATWEEL, "")
        for table in (T._ALEF_VARIANTS, T._ALEF_MAQSURA, T._PERSIAN_LETTERS, T._DIGITS):
            slow = slow.translate(table)
        if not T._PRESENTATION_RE.search(text):
            assert normalize(text) == ud.normalize("NFC", slow)


@given(st.text(), st.booleans())
def test_normalize_is_idempotent_with_ta_marbuta(text, ta):
    once = normalize(text, ta_marbuta=ta)
    assert normalize(once, ta_marbuta=ta) == once


# --- segmentation ------------------------------------------------------------------


def test_hard_wrapped_lines_do_not_split_sentences():
    text = 'وقالت الصحيفة، في هذا التقرير الذي ترجمته "\nعربي21"، إن التنظيم\nيستفيد.\nواعتبرت الصحيفة أن ذلك صعب.'
    spans = split_sentences(text)
    assert [text[s.start : s.end] for s in spans] == [
        'وقالت الصحيفة، في هذا التقرير الذي ترجمته "\nعربي21"، إن التنظيم\nيستفيد.',
        "واعتبرت الصحيفة أن ذلك صعب.",
    ]


def test_sentence_terminals_and_closing_quotes():
    text = 'هل هذا صحيح؟ قال "نعم." ثم غادر! آخر سطر بلا نقطة'
    assert [text[s.start : s.end] for s in split_sentences(text)] == [
        "هل هذا صحيح؟",
        'قال "نعم."',
        "ثم غادر!",
        "آخر سطر بلا نقطة",
    ]


def test_blank_line_ends_a_sentence_and_crlf_is_kept():
    text = "عنوان بلا نقطة\r\n\r\nالنص الأول.\r\nالنص الثاني."
    spans = split_sentences(text)
    assert [text[s.start : s.end] for s in spans] == ["عنوان بلا نقطة", "النص الأول.", "النص الثاني."]


def test_decimal_point_is_not_a_sentence_end():
    text = "بلغت النسبة 3.5 بالمئة."
    assert len(split_sentences(text)) == 1


def test_tokens_separate_arabic_punctuation_and_keep_arabi21():
    text = "«عربي21»، قال: هل؟ نعم؛ \"لا\" “ربما”"
    surfaces = [text[s.start : s.end] for s in tokenize(text)]
    assert surfaces == ["«", "عربي21", "»", "،", "قال", ":", "هل", "؟", "نعم", "؛", '"', "لا", '"', "“", "ربما", "”"]


def test_diacritics_and_tatweel_stay_inside_the_word():
    text = "تَنْظِيمُ الـدولة"
    assert [text[s.start : s.end] for s in tokenize(text)] == ["تَنْظِيمُ", "الـدولة"]


def test_invisible_mark_inside_a_word_keeps_it_one_token():
    text = "عربي\u200f21 نشرت"
    assert [text[s.start : s.end] for s in tokenize(text)] == ["عربي\u200f21", "نشرت"]


def test_token_kind():
    assert [token_kind(s) for s in ("عربي21", "2015", "٢٠١٥", "،", '"')] == ["word", "number", "number", "punct", "punct"]


def _assert_lossless(text):
    sentences = split_sentences(text)
    pos = 0
    for sent in sentences:
        assert sent.start >= pos and sent.end > sent.start
        gap = text[pos : sent.start]
        assert all(c.isspace() or c in "\u200b\u200c\u200d\u200e\u200f\ufeff" or not c.isprintable() for c in gap) or gap.strip() == ""
        tokens = tokenize(text, sent.start, sent.end)
        tpos = sent.start
        for tok in tokens:
            assert tpos <= tok.start < tok.end <= sent.end
            assert text[tpos : tok.start].strip() == "" or all(
                not ch.isprintable() or ch.isspace() for ch in text[tpos : tok.start]
            )
            tpos = tok.end
        pos = sent.end
    # everything after the last sentence is whitespace or invisible
    assert all(not c.isprintable() or c.isspace() for c in text[pos:])
    # every visible character lies in exactly one token
    covered = set()
    for sent in sentences:
        for tok in tokenize(text, sent.start, sent.end):
            covered.update(range(tok.start, tok.end))
    visible = {i for i, c in enumerate(text) if c.isprintable() and not c.isspace()}
    assert visible <= covered


ARABIC_TEXT = st.text(
    alphabet=st.sampled_from(list("نشرتصحيفةلوغاروأإآىـًٌٍَُِّْٰ٠١٢ abc123.،؛؟?!\"'“”«»\n\r\t\u200f\u200c")),
    max_size=200,
)


@given(ARABIC_TEXT)
def test_segmentation_is_lossless_on_arabic_like_text(text):
    _assert_lossless(text)


@given(st.text(max_size=200))
def test_segmentation_is_lossless_on_arbitrary_text(text):
    _assert_lossless(text)


def _reference_tokenize(text):
    """The token definition written as a plain loop over characters, as an oracle for
    the compiled regex in `tokenize`."""
    import unicodedata

    def is_word(c):
        return unicodedata.category(c)[0] in "LMN"

    def is_format(c):
        return unicodedata.category(c) == "Cf"

    spans, i = [], 0
    while i < len(text):
        if is_word(text[i]):
            j = i + 1
            while j < len(text):
                if is_word(text[j]):
                    j += 1
                    continue
                k = j
                while k < len(text) and is_format(text[k]):
                    k += 1
                if k > j and k < len(text) and is_word(text[k]):
                    j = k
                    continue
                break
            spans.append((i, j))
            i = j
        elif text[i].isspace() or is_format(text[i]) or unicodedata.category(text[i]) == "Cc":
            i += 1
        else:
            spans.append((i, i + 1))
            i += 1
    return spans


@given(st.one_of(ARABIC_TEXT, st.text(max_size=200)))
def test_tokenize_matches_the_reference_definition(text):
    assert [(s.start, s.end) for s in tokenize(text)] == _reference_tokenize(text)


def test_tokenize_respects_start_and_end():
    text = "أولا. ثانيا، ثالثا."
    spans = tokenize(text, 6, len(text))
    assert [text[s.start : s.end] for s in spans] == ["ثانيا", "،", "ثالثا", "."]


def test_full_stop_glued_to_the_next_word_is_not_a_boundary():
    # A known limit, stated in the README: seen in the ANT corpus ("تويتر".بعد).
    text = 'عبر موقع "تويتر".بعد الجدل قال.'
    assert len(split_sentences(text)) == 1



# --- paragraph breaks of every kind ---------------------------------------------------

#: Line breaks: LF, CR, VT, FF, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR (CRLF is one).
BREAKS = "\n\r\v\f\x85\u2028\u2029"
#: Blank, not a line break: spaces of every kind, a tab, an information separator (a
#: control), and invisible format characters (ZWSP, ZWNJ, RLM, LRM, BOM).
BLANKS = " \t\u00a0\u2003\u3000\x1c\u200b\u200c\u200f\u200e\ufeff"
HEADLINE = "عنوان بلا نقطة"


@pytest.mark.parametrize(
    "blank_line",
    [
        "\r\r",  # CR-only line endings
        "\r \r",
        "\n\u00a0\n",  # a blank line holding a no-break space
        "\r\n\u00a0\r\n",
        "\n\u3000\u2003\t\n",  # ideographic and em space
        "\n\u200b\n",  # zero-width space
        "\n\u200f\n",  # right-to-left mark
        "\u2028\u2028",  # two LINE SEPARATORs
        "\x85\x85",  # two NELs
        "\f\f",
        "\v \v",
        "\n\r\n",  # LF then CRLF: two line breaks
        "\u2029",  # a PARAGRAPH SEPARATOR alone: a paragraph break by definition
        " \u200f\u2029\u00a0",
    ],
)
def test_any_blank_line_or_paragraph_separator_ends_a_headline(blank_line):
    text = f"{HEADLINE}{blank_line}النص الأول."
    assert [text[s.start : s.end] for s in split_sentences(text)] == [HEADLINE, "النص الأول."]


@pytest.mark.parametrize("line_break", ["\n", "\r", "\r\n", "\v", "\f", "\x85", "\u2028"])
def test_a_single_line_break_of_any_kind_is_not_a_boundary(line_break):
    # Hard-wrapped mid-sentence, once inside a quotation, with blanks around the break.
    text = f'وقالت الصحيفة إن "التنظيم{line_break}يستفيد" من الشركات \u00a0{line_break}\u200f الأمريكية.'
    assert [(s.start, s.end) for s in split_sentences(text)] == [(0, len(text))]


def _gap(c):
    return c.isspace() or unicodedata.category(c) in ("Cf", "Cc")


def _line_breaks(blank):
    """How many line breaks a run of blank characters holds (CRLF is one)."""
    return sum(1 for i, c in enumerate(blank) if c in BREAKS and not (c == "\n" and i and blank[i - 1] == "\r"))


def _is_paragraph_break(blank):
    return "\u2029" in blank or _line_breaks(blank) >= 2


def _reference_split(text):
    """The sentence definition as a plain loop, as an oracle for `split_sentences`: a
    sentence runs from a visible character to the end of a run of terminals (plus
    closers) followed by whitespace or the end, or to the last visible character before
    a paragraph break (a blank run holding U+2029 or two line breaks), or to the last
    visible character of the text."""
    spans, i, n = [], 0, len(text)
    while i < n:
        if _gap(text[i]):
            i += 1
            continue
        start = j = i
        while j < n:
            if text[j] in ".!?؟…":
                k = j
                while k < n and text[k] in ".!?؟…":
                    k += 1
                while k < n and text[k] in "\"'”’»)]}›":
                    k += 1
                if k == n or text[k].isspace():
                    j = k
                    break
                j = k
            elif _gap(text[j]):
                k = j
                while k < n and _gap(text[k]):
                    k += 1
                if k == n or _is_paragraph_break(text[j:k]):
                    break
                j = k
            else:
                j += 1
        spans.append((start, j))
        i = j
    return spans


def _assert_strictly_lossless(text):
    """Every visible character is in exactly one sentence; sentences are ordered,
    non-empty and trimmed (first and last characters visible); what lies between them
    is blank; and no sentence holds a paragraph break."""
    spans = split_sentences(text)
    pos = 0
    for s in spans:
        assert pos <= s.start < s.end <= len(text)
        assert all(_gap(c) for c in text[pos : s.start])
        assert not _gap(text[s.start]) and not _gap(text[s.end - 1])
        inside, blank = text[s.start : s.end], ""
        for c in inside + "x":
            if _gap(c):
                blank += c
            else:
                assert not _is_paragraph_break(blank), (inside, blank)
                blank = ""
        pos = s.end
    assert all(_gap(c) for c in text[pos:])


#: Text made of words, terminals, closers, line breaks (CRLF as one piece) and blanks.
BREAKY_TEXT = st.lists(
    st.sampled_from(list("نص ab.؟!…\"»)" + BREAKS + BLANKS) + ["\r\n"]), max_size=120
).map("".join)


@given(BREAKY_TEXT)
def test_splitter_matches_the_reference_definition(text):
    assert [(s.start, s.end) for s in split_sentences(text)] == _reference_split(text)


@given(st.one_of(BREAKY_TEXT, st.text(max_size=200)))
def test_splitter_is_strictly_lossless(text):
    _assert_strictly_lossless(text)


# --- long runs: the splitter is linear (benchmarks/segmentation.py shows the times) --


@pytest.mark.parametrize("run", [".", "؟!", "…", "!?.", ".)»"])
def test_a_100k_run_of_sentence_final_punctuation_is_split_correctly(run):
    # Such a run once took minutes (the sentence-end pattern rescanned the rest of the
    # run from each of its positions). This asserts the result only; a quadratic
    # splitter would not finish in any reasonable time.
    body = run * (100_000 // len(run))
    glued = "قال" + body + "x ثم غادر."  # the run is glued to a letter: no boundary in it
    assert [(s.start, s.end) for s in split_sentences(glued)] == [(0, len(glued))]
    spaced = "قال" + body + " ثم غادر."  # the run, followed by a space, ends the sentence
    assert [(s.start, s.end) for s in split_sentences(spaced)] == [(0, 3 + len(body)), (4 + len(body), len(spaced))]
