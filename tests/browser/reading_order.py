"""Reading order from the rendered page: where each character of a table cell or a
printed line was drawn, and the checks made on those positions.

`GLYPHS_JS` returns, for every table cell and every printed block under a root, its
text in logical order and each visible character's box (``left``, ``top``, ``width``),
measured with DOM ranges after layout. The checks then say, from positions alone, that
text a reader must read left to right was drawn left to right:

* a signed number (``-5.0``), a range (``1573-1580``, ``[0-13]``): each character to
  the right of the one before it;
* a run of Latin words inside a cell: each word to the right of the one before it;
* in a printed line (a left-to-right paragraph), a number after an Arabic word: to the
  right of that word.
"""

from __future__ import annotations

import re

GLYPHS_JS = r"""
const root = arguments[0] ? document.querySelector(arguments[0]) : document;
const found = [];
const blocks = root.querySelectorAll('td, th, pre');
for (const block of blocks) {
  if (block.tagName === 'PRE' && block.querySelector('code')) continue;  // code, not output
  const chars = [];
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    for (let i = 0; i < node.length; i++) {
      const range = document.createRange();
      range.setStart(node, i); range.setEnd(node, i + 1);
      const rect = range.getBoundingClientRect();
      chars.push([node.data[i], rect.left, rect.top, rect.width]);
    }
  }
  found.push({kind: block.tagName.toLowerCase(), chars: chars});
}
return found;
"""

_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f]")
#: A signed number or a range, with its brackets when it has them.
NUMBER_RE = re.compile(r"\[?(?<![\w.])(?:[-−+]\d+(?:[.,]\d+)*|\d+(?:[.,]\d+)*\s?[-–]\s?\d+(?:[.,]\d+)*)\]?")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z_']+")


def _visible(chars, start: int, end: int) -> list[tuple[str, float, float]]:
    """The characters start..end that take space on the page, ``(char, left, top)``."""
    return [(c, x, y) for c, x, y, w in chars[start:end] if w > 0.5 and not c.isspace()]


def _one_line(glyphs) -> bool:
    return bool(glyphs) and max(y for _, _, y in glyphs) - min(y for _, _, y in glyphs) < 4


def misordered(block: dict) -> list[str]:
    """What, in one rendered block, is not drawn in reading order (empty when all is).

    Parameters
    ----------
    block : dict
        One item of `GLYPHS_JS`'s result.

    Returns
    -------
    list of str
        One message per token drawn out of order, quoting it.
    """
    chars = block["chars"]
    text = "".join(c for c, *_ in chars)
    problems = []
    for match in NUMBER_RE.finditer(text):
        glyphs = _visible(chars, match.start(), match.end())
        if _one_line(glyphs) and any(b[1] <= a[1] for a, b in zip(glyphs, glyphs[1:])):
            problems.append(f"{match.group(0)!r} drawn as {''.join(g for g, _, _ in sorted(glyphs, key=lambda g: g[1]))!r}"
                            f" in {text[:80]!r}")
    if _ARABIC.search(text):
        words = [(m, _visible(chars, m.start(), m.end())) for m in _LATIN_WORD.finditer(text)]
        for (first, a), (second, b) in zip(words, words[1:]):
            between = text[first.end():second.start()]
            if a and b and not _ARABIC.search(between) and abs(a[0][2] - b[0][2]) < 4 and b[0][1] <= a[0][1]:
                problems.append(f"{first.group(0)!r} drawn after {second.group(0)!r} in {text[:80]!r}")
    if block["kind"] == "pre":
        problems += _numbers_after_arabic(chars, text)
    return problems


def _numbers_after_arabic(chars, text: str) -> list[str]:
    """In a left-to-right printed line, a number right after an Arabic label (a colon, a
    space or a bracket between), and not itself inside Arabic text (the next letter after
    it is Latin, or there is none), must be drawn to the label's right."""
    problems = []
    pattern = r"([\u0600-\u06ff][\u0600-\u06ff ]*)[\u2066-\u2069]?[:\s(]+(\d[\d,.]*)(?![\d,.])(?=[^A-Za-z\u0600-\u06ff]*(?:[A-Za-z]|$))"
    for match in re.finditer(pattern, text):
        word = _visible(chars, match.start(1), match.end(1))
        number = _visible(chars, match.start(2), match.end(2))
        if word and number and abs(word[0][2] - number[0][2]) < 4:
            if min(x for _, x, _ in number) <= max(x for _, x, _ in word):
                problems.append(f"{match.group(2)!r} drawn before {match.group(1).strip()!r} in {text[:80]!r}")
    return problems


def checked(blocks: list[dict]) -> int:
    """How many tokens the checks looked at in ``blocks``: signed numbers and ranges,
    Latin words in Arabic blocks, numbers after Arabic in printed lines."""
    total = 0
    for block in blocks:
        text = "".join(c for c, *_ in block["chars"])
        total += len(NUMBER_RE.findall(text))
        if _ARABIC.search(text):
            total += len(_LATIN_WORD.findall(text))
    return total
