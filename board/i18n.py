"""Texts of the dashboard in Chinese (default) and English, and number formatting.

The words themselves are one table in board/texts.py; `t(key, lang)` reads it.
Indicator, area and agency names are not here: they come from the warehouse tables
`indicator` and `agency` (the catalog and the registry). This module holds only the words
around them, and how a value with its qualifier and unit is written.
"""

from __future__ import annotations

import math
import re

from board.texts import REASON_SHORT, SENTENCE, TEXT  # noqa: F401 - the tables, re-exported

LANGS = ("zh", "en")
LANG_NAMES = {"zh": "中文", "en": "English"}

# Whether more is better (the delta is coloured) or neither (cases: grey).
DIRECTION = {"cases": "off", "reconsideration_cases": "off", "litigation_cases": "off",
             "approval_days_after": "inverse", "approval_days_before": "off",
             "disclosure_requests": "off"}  # fmt: skip


def t(key: str, lang: str = "zh", **kw) -> str:
    zh, en = TEXT[key]
    s = en if lang == "en" else zh
    return s.format(**kw) if kw else s


def num(v: float | None, lang: str = "zh", digits: int = 1) -> str:
    """12 → '12', 12.5 → '12.5', 1234 → '1,234'; None/NaN → '—'."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "—"
    if float(v).is_integer():
        return f"{int(v):,}"
    return f"{v:,.{digits}f}".rstrip("0").rstrip(".")


def value_text(v: float | None, unit: str, qualifier: str | None = None, lang: str = "zh") -> str:
    """A value as a leader reads it: 12次, 10次以上 (10余次), 约1,000人次, 60%以上."""
    n = num(v, lang)
    if n == "—":
        return n
    if lang == "zh" and unit == "工作日":
        unit = "个工作日"  # 20个工作日, as the reports write it
    if lang == "en" and n == "1" and qualifier is None:
        unit = singular(unit)  # 1 item, 1 working day: not '1 items'
    sep = "" if lang == "zh" or unit == "%" else " "
    if qualifier == "at_least":
        return f"{n}{sep}{unit}以上" if lang == "zh" else f"{n}+{sep}{unit}"
    if qualifier == "about":
        return f"约{n}{sep}{unit}" if lang == "zh" else f"about {n}{sep}{unit}"
    return f"{n}{sep}{unit}"


def singular(unit: str) -> str:
    """An English unit for one: 'items' -> 'item', 'entities' -> 'entity', 'working days'
    -> 'working day'; '%' and what is not a plural stay as they are."""
    if unit.endswith("ies"):
        return unit[:-3] + "y"
    return unit[:-1] if unit.endswith("s") and not unit.endswith("ss") else unit


def pct_text(p: float | None, lang: str = "zh") -> str:
    if p is None or (isinstance(p, float) and math.isnan(p)):
        return "—"
    return f"{abs(p):.0f}%" if abs(p) >= 10 else f"{abs(p):.1f}%".replace(".0%", "%")


def signed(v: float, unit: str, lang: str = "zh") -> str:
    sign = "+" if v > 0 else ("−" if v < 0 else "±")
    return f"{sign}{value_text(abs(v), unit, None, lang)}"


def status_text(status: str, lang: str = "zh") -> str:
    return t(status, lang) if status in TEXT else status


def origin_text(origin: str, lang: str = "zh") -> str:
    return t("demo" if origin == "demo" else "real", lang)


def method_text(method: str, lang: str = "zh") -> str:
    return t(f"method_{method}", lang) if f"method_{method}" in TEXT else method


def kind_text(kind: str, lang: str = "zh") -> str:
    return t(f"kind_{kind}", lang) if f"kind_{kind}" in TEXT else kind


def reason_text(reason: str, lang: str = "zh", *, short: bool = False) -> str:
    """Why a candidate was set aside, in plain words: a few (short) or the full sentence of
    etl.model.CANDIDATE_REASONS. An unknown reason is shown as it is."""
    from etl.model import CANDIDATE_REASONS

    table = REASON_SHORT if short else CANDIDATE_REASONS
    pair = table.get(reason)
    return (pair[1] if lang == "en" else pair[0]) if pair else reason


def years_text(years: list[int], lang: str = "zh") -> str:
    """[2016, 2017, 2018, 2020] → '2016–2018年、2020年' (runs joined)."""
    ys = sorted(set(int(y) for y in years))
    if not ys:
        return ""
    runs, start, prev = [], ys[0], ys[0]
    for y in ys[1:] + [None]:
        if y is not None and y == prev + 1:
            prev = y
            continue
        runs.append((start, prev))
        if y is not None:
            start = prev = y
    suffix = "年" if lang == "zh" else ""
    parts = [f"{a}{suffix}" if a == b else f"{a}–{b}{suffix}" for a, b in runs]
    return ("、" if lang == "zh" else ", ").join(parts)


# where in a document a number is, as the ETL writes it: '第21段', '第2页 第5段'
LOCATION_EN = ((re.compile(r"第(\d+)页"), r"p. \1"), (re.compile(r"第(\d+)段"), r"para. \1"))


def location_text(location, lang: str = "zh"):
    """A fact's place in its document in `lang`: '第2页 第5段' -> 'p. 2 para. 5' in English;
    a sheet's cell ('审批提速!I12') stays as it is, and so does anything not a text."""
    if lang == "zh" or not isinstance(location, str):
        return location
    for rx, en in LOCATION_EN:
        location = rx.sub(en, location)
    return location


def colon(lang: str = "zh") -> str:
    """'：' between a name and what follows in Chinese, ': ' in English."""
    return "：" if lang == "zh" else ": "


def semicolon(lang: str = "zh") -> str:
    """'；' between notes in Chinese, '; ' in English."""
    return "；" if lang == "zh" else "; "


def join(items: list[str], lang: str = "zh") -> str:
    return ("、" if lang == "zh" else ", ").join(items)


def scan_line(page, lang: str) -> str:
    """Which page of a scan OCR is reading (an etl.scan_progress.ScanPage), in `lang`:
    '正在识别 报告.pdf 第3/12页' / 'Reading 报告.pdf by OCR, page 3 of 12'."""
    return t("ocr_reading", lang, name=page.name, page=page.page, pages=page.pages)
