"""Numbers as reports write them: 12, 1,200, 十二, 两, 一百二十, 百, 百分之九十五, 一半."""

from __future__ import annotations

from functools import lru_cache

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
          "七": 7, "八": 8, "九": 9}  # fmt: skip
SCALES = {"十": 10, "百": 100, "千": 1000, "万": 10000}
CN_CHARS = "".join(DIGITS) + "".join(SCALES)


@lru_cache(maxsize=4096)  # (reports write the same few numerals: 十二, 十五, 两)
def parse_chinese(s: str) -> int | None:
    """十二 → 12, 二十 → 20, 一百零五 → 105, 百 → 100, 三千 → 3000; None if malformed."""
    if not s or any(c not in DIGITS and c not in SCALES for c in s):
        return None
    if all(c in DIGITS for c in s):  # digit by digit: 二〇一八 (a year)
        if len(s) == 1:
            return DIGITS[s]
        if len(s) < 4 and not any(c in "〇零" for c in s):
            return None  # 二三次, 三五家: "two or three", a range, not 23
        return int("".join(str(DIGITS[c]) for c in s))
    total, section, digit = 0, 0, None
    for c in s:
        if c in DIGITS:
            if digit is not None and DIGITS[c] != 0:
                return None  # two digits in a row: 十二三 (a range), not one number
            digit = DIGITS[c] if DIGITS[c] != 0 else None
        else:
            scale = SCALES[c]
            if scale == 10000:
                total += (section + (digit or 0)) * scale
                section, digit = 0, None
            else:
                section += (1 if digit is None else digit) * scale
                digit = None
    return total + section + (digit or 0)


def parse_number(s: str) -> float | None:
    """Arabic (with thousands commas), Arabic in 万 (1.2万 → 12000) or Chinese numerals."""
    if s.isascii() and s.isdigit():
        return float(s)  # plain digits (most numbers): what the general path below gives
    s = s.strip()
    if not s:
        return None
    if s[0].isdigit() and s.endswith("万"):
        try:
            return round(float(s[:-1]) * 10000, 6)
        except ValueError:
            return None
    if s[0].isdigit():
        try:
            return float(s.replace(",", ""))
        except ValueError:
            return None
    v = parse_chinese(s)
    return None if v is None else float(v)
