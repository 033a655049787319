"""Mojibake: Chinese text whose bytes were once read as Western (Windows-1252 / Latin-1)
and saved again, so that 科技局 arrives as `ç§‘æŠ€å±€`. Pages saved from websites with a
wrong charset, or passed through an old tool, come like this; read as they are, they give
no title, no year and no facts, and the file is refused for a reason that hides the cause.

    repair(text) -> (text, how) | None      how: "utf-8" or "gb18030", the bytes' real codec
    undo(text, encoding) -> (text, encoding)  the readers' call: repaired, or as it was

The damage can be undone exactly: a browser's Windows-1252 maps each of the 256 bytes to one
character (its five holes, 0x81 0x8D 0x8F 0x90 0x9D, to the C1 controls of the same number),
so mapping each character back gives the original bytes, which decode as UTF-8 or GB18030
(Latin-1's reading, C1 controls for all of 0x80-0x9F, is undone the same way).
We repair only when that decoding succeeds and gives Chinese: ordinary text is left alone.
"""

from __future__ import annotations

import re

# Windows-1252's characters for the bytes 0x80-0x9F, back to the Latin-1 character of that
# byte, so that `.encode("latin-1")` then gives the bytes themselves
_CP1252_BACK = {
    ord(bytes([b]).decode("cp1252")): b
    for b in range(0x80, 0xA0)
    if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}
_CP1252_CHARS = "".join(chr(c) for c in _CP1252_BACK)
_SINGLE_BYTE = re.compile(f"[\u0080-\u00ff{re.escape(_CP1252_CHARS)}]")
_HANZI = re.compile("[\u4e00-\u9fff]")
MIN_DAMAGED = 16  # fewer Western characters than this: a stray é or ×, not a damaged report


def repair(text: str) -> tuple[str, str] | None:
    """The text as it was before it was read as Windows-1252 and the codec it was in, or None
    when it does not look damaged or does not decode to Chinese."""
    # (one pass in C; a Chinese text's few “” and … are counted, and it has fewer than
    # MIN_DAMAGED: a search for the first of them first would only scan that part again)
    western = len(_SINGLE_BYTE.findall(text))
    if western < MIN_DAMAGED or 2 * len(_HANZI.findall(text)) > western:
        return None  # Chinese text with a few Western signs in it
    try:
        raw = text.translate(_CP1252_BACK).encode("latin-1")
    except UnicodeEncodeError:  # other characters beside the damage: repair the runs alone
        return _repair_runs(text)
    for codec, per_hanzi in (("utf-8", 3), ("gb18030", 2)):
        try:
            fixed = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        hanzi = "".join(_HANZI.findall(fixed))
        # most of the damage was Chinese characters (the rest punctuation), and real Chinese
        # is almost all common (GB2312) characters, which random GB18030 pairs are not
        if len(hanzi) * per_hanzi >= western // 2 and _common(hanzi):
            return fixed, codec
    return _repair_runs(text)  # e.g. a byte the saver lost: repair what can be repaired


def _common(hanzi: str) -> bool:
    return len(hanzi.encode("gb2312", "ignore")) // 2 >= 0.8 * len(hanzi)


def undo(text: str, encoding: str) -> tuple[str, str]:
    """What a reader keeps: the repaired text, its encoding named with the damage undone
    (kept in the document table), or the text and encoding as they were."""
    fixed = repair(text)
    return (
        (fixed[0], f"{fixed[1]} (mojibake via windows-1252, undone)") if fixed else (text, encoding)
    )


def _repair_runs(text: str) -> tuple[str, str] | None:
    """Each run of single-byte characters decoded as UTF-8 on its own (a page whose chrome
    came through intact, or with a character the saver could not map); GB18030 cannot be
    undone this way, as its second bytes may be ASCII letters."""
    out, last, changed = [], 0, False
    for m in re.finditer(f"{_SINGLE_BYTE.pattern}+", text):
        raw = m.group().translate(_CP1252_BACK).encode("latin-1")
        fixed = raw.decode("utf-8", "replace")
        if 4 * fixed.count("\ufffd") > len(fixed):
            continue  # not UTF-8: a run of real Western characters, or beyond repair
        out.append(text[last : m.start()])
        out.append(fixed)
        last, changed = m.end(), True
    if not changed:
        return None
    out.append(text[last:])
    fixed = "".join(out)
    return (fixed, "utf-8") if len(_HANZI.findall(fixed)) > len(_HANZI.findall(text)) else None
