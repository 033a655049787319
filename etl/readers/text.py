"""Plain-text reports: detect the encoding instead of assuming it.

Staff files come from Windows machines (GBK/GB18030, UTF-16 with BOM, UTF-8 with BOM)
as often as from anywhere else. We try the unambiguous encodings first and refuse a
decoding that produces garbage, because a wrongly decoded report silently yields no
facts. The text is otherwise kept as written (newlines unified, and the breaks of a text
wrapped at a fixed width joined: etl/readers/wrapped.py), since fact offsets refer to it.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from etl.model import ReadError, TextDoc
from etl.readers import mojibake, wrapped

UNDECODABLE = (
    "无法识别文件编码（不是 UTF-8、GBK 或 GB18030 文本），请用记事本或 WPS 打开后另存为 UTF-8 再提供。"
    "（Unknown text encoding: please save the file as UTF-8.）"
)

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)
_ALLOWED_CONTROLS = set("\t\n\r\f\v")
# Unicode category Cc (C0, DEL, C1) less the allowed ones: one regex pass, not a loop.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# the same characters as the bytes of their Latin-1 encoding (one byte each)
_CONTROL_BYTES = bytes(c for c in range(0x100) if _CONTROLS.match(chr(c)))


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raises ReadError if no encoding fits cleanly."""
    text, encoding = _decode_raw(data)
    text, encoding = mojibake.undo(text, encoding)
    if not _plausible(text, legacy=encoding in ("gbk", "gb18030")):
        raise ReadError(UNDECODABLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.removeprefix("\ufeff"), encoding


# Characters shown as nothing: zero-width space/joiners, word joiner, BOM, soft hyphen
# (&#8203;, &shy;), which editors pasting from WeChat or Word leave inside words and numbers
# (执法检查1\u200b2次 shows as 12). Read as a character they would split the number.
INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")


def read_txt(path: Path, data: bytes | None = None) -> TextDoc:
    """data: the file's bytes, when they have been read already."""
    path = path if isinstance(path, Path) else Path(path)
    text, encoding = decode(path.read_bytes() if data is None else data)
    if INVISIBLE.search(text):  # 执法检查1\u200b2次, pasted from WeChat: 12, not 1 and 2
        text = INVISIBLE.sub("", text)
    text = wrapped.join_fixed_width(text)  # a PDF's lines copied out: "执法检\n查12次"
    if not text or text.isspace():  # (not text.strip(), without the copy)
        raise ReadError("文件为空（只有空白字符），请提供有内容的报告。（The file has no text.）")
    return TextDoc(path=path, text=text, format="txt", encoding=encoding)


def _decode_raw(data: bytes) -> tuple[str, str]:
    for bom, name, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), name
            except UnicodeDecodeError:
                raise ReadError(UNDECODABLE) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise ReadError(UNDECODABLE) from None
    try:
        return text, ("gbk" if data.decode("gbk") == text else "gb18030")
    except UnicodeDecodeError:
        return text, "gb18030"


def _controls(text: str) -> int:
    """How many of _CONTROLS's characters text holds, counted as bytes: its characters
    below U+0100 in Latin-1 (the others dropped), less those without the control bytes.
    A codec pass and a byte table, several times faster over a Chinese text than the
    pattern's findall."""
    low = text.encode("latin-1", "ignore")
    return len(low) - len(low.translate(None, _CONTROL_BYTES))


def _plausible(text: str, legacy: bool) -> bool:
    """False for NULs, many control characters, or (legacy decodings) non-Chinese garbage."""
    if "\x00" in text:
        return False
    controls = _controls(text)
    if controls > max(1, len(text) // 100):
        return False
    if not legacy:
        return True
    # counted by regex and codec, not character by character in Python
    wide = len(text) - len(text.encode("ascii", "ignore"))
    if not wide:
        return True
    # (counted by deleting the others: findall would make a string of each character)
    if len(_NOT_CHINESE_LIKE.sub("", text)) < 0.8 * wide:
        return False  # e.g. Big5 or Shift-JIS read as GB18030: kana, Cyrillic, box drawing
    # real Chinese text is almost all common (GB2312) characters; random GBK pairs are not
    hanzi = _NOT_HANZI.sub("", text)  # the hanzi of the text, in order
    # GB2312 gives every character it has two bytes
    return len(hanzi) < 20 or len(hanzi.encode("gb2312", "ignore")) // 2 >= 0.5 * len(hanzi)


_HANZI_RANGES = "\u4e00-\u9fff\u3400-\u4dbf\U00020000-\U0003134f"
_NOT_HANZI = re.compile(f"[^{_HANZI_RANGES}]")
# What Chinese text is made of, beside hanzi (each is beyond ASCII): the characters not
# of it, which _plausible deletes to count the rest
_NOT_CHINESE_LIKE = re.compile(
    f"[^{_HANZI_RANGES}"
    "\u3000-\u303f"  # CJK punctuation 、。《》【】
    "\uff00-\uffef"  # full-width forms （），：１２
    "\u2000-\u206f"  # general punctuation “”‘’—…
    "\u2160-\u217f"  # Roman numerals Ⅰ Ⅱ
    "\u2460-\u24ff"  # circled numbers ①
    "·×÷°℃№％‰￥¥§]"
)
