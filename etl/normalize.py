"""Length-preserving normalisation of report text for matching.

Every character maps to exactly one character, so an offset in the normalised text is
the same offset in the source text: quotes and spans always point at what the report
says, in its own script and digits.
"""

from __future__ import annotations

from functools import cache


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


def normalise(text: str) -> str:
    """Simplified script and half-width digits; same length as the input."""
    out = text.translate(_table())
    assert len(out) == len(text)
    return out
