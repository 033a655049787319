"""Length-preserving normalisation of report text for matching.

Every character maps to exactly one character, so an offset in the normalised text is
the same offset in the source text: quotes and spans always point at what the report
says, in its own script and digits.
"""

from __future__ import annotations

import re
from functools import cache

# Past this many distinct characters to change (a report in traditional script), one
# str.translate over the text is cheaper than a str.replace for each of them.
MAX_REPLACED = 8


@cache
def _table() -> dict[int, str]:
    import zhconv.zhconv as zc

    zc.loaddict()
    table = {
        ord(k): v
        for k, v in zc.zhcdicts["zh2Hans"].items()
        if len(k) == 1 and len(v) == 1 and k != v
    }
    # Full-width ASCII (０-９, ％, ＡＢ…, punctuation) to half-width, except the Chinese
    # clause punctuation that the extractor splits on, which it knows in both widths.
    for code in range(0xFF01, 0xFF5F):
        table[code] = chr(code - 0xFEE0)
    table[0x3000] = " "  # ideographic space
    table[ord("〇")] = "〇"
    return table


@cache
def _changed() -> tuple[dict[str, str], re.Pattern, re.Pattern]:
    """(character → its replacement, for those that change; a pattern finding them in
    the Basic Multilingual Plane; a pattern finding any character beyond it).

    str.translate looks every character of the text up in the table (most of the time of
    a report's normalisation, though a simplified report changes only its full-width
    punctuation and digits). Finding the characters that change is one scan of a character
    class, which is fast only over the BMP: the class of the few hundred traditional
    characters beyond it makes the scan a search of a list at each position, so a text with
    any such character is translated whole."""
    table = {chr(k): v for k, v in _table().items() if chr(k) != v}
    bmp = sorted(c for c in table if ord(c) <= 0xFFFF)
    found = re.compile("[" + "".join(re.escape(c) for c in bmp) + "]")
    return table, found, re.compile("[\U00010000-\U0010ffff]")


def normalise(text: str) -> str:
    """Simplified script and half-width digits; same length as the input."""
    if _has_astral(text):
        return text.translate(_table())
    table, found, _ = _changed()
    # Each character that changes is found once and replaced all through the text; the
    # search then goes on from where it was found (a replacement is never itself replaced,
    # checked in the tests, and the text keeps its length): a report's few characters to
    # change (its full-width comma, brackets and digits) cost a search and a replace each,
    # where a findall made a string of every comma.
    out, at, n = text, 0, 0
    while m := found.search(out, at):
        n += 1
        if n > MAX_REPLACED:  # a report in traditional script: one translate is cheaper
            return text.translate(_table())
        c, at = m.group(), m.start()
        out = out.replace(c, table[c])
    assert len(out) == len(text)
    return out


def _has_astral(text: str) -> bool:
    """Whether text holds a character beyond the Basic Multilingual Plane: one that UTF-16
    writes in four bytes (a codec pass, several times faster than a search of the range)."""
    return len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)
