"""Words under and over a chart, made from its rows as plain dicts: the sources footnote and
the subtitle's note lines. Free of pandas and Altair, so the command line's light export
(board/export_light.py) and the pages (board/series.py, board/charts.py) say them with one
piece of code.

    sources(rows, lang, max_titles=3) -> '来源：A、B等5份文件（其中3份为演示数据）'
    note_lines(notes, most=NOTE_LINE) -> the notes joined with '；' ('; ') into lines
    short_quote(quote, n=QUOTE_MAX) -> a source sentence on one line, cut with … at n
"""

from __future__ import annotations

from board import i18n
from board.chart_style import QUOTE_MAX

NOTE_LINE = 42  # characters of notes on one subtitle line (a longer line is cut with …)


def sources(rows: list[dict], lang: str, max_titles: int = 3) -> str:
    """The documents behind `rows` (each with doc_id, doc_title, year, agency_id, origin and
    method; None where unknown): the newest first, at most `max_titles` named."""
    if not rows or "doc_id" not in rows[0]:
        return i18n.t("sources_none", lang)
    seen: dict[str, dict] = {}
    for r in rows:
        if r.get("doc_id") is not None and r["doc_id"] not in seen:
            seen[r["doc_id"]] = r
    if not seen:  # table rows without a document: say how they were read
        methods = sorted({r["method"] for r in rows})
        return i18n.t(
            "sources_n", lang, docs=i18n.join([i18n.method_text(m, lang) for m in methods], lang)
        )
    docs = sorted(seen.values(), key=lambda r: r["agency_id"])
    docs = sorted(docs, key=lambda r: r["year"], reverse=True)  # stable: agency within a year
    titles = [t for r in docs if (t := r.get("doc_title") or "")]
    n = len(docs)
    shown = i18n.join(titles[:max_titles], lang)
    text = (
        shown
        if n <= max_titles
        else i18n.t("sources_more", lang, first=shown, n=n, rest=n - max_titles)
    )
    n_demo = sum(r["origin"] == "demo" for r in docs)
    out = i18n.t("sources_n", lang, docs=text)
    if n_demo:
        note = i18n.t("footnote_demo", lang, n=n_demo)
        out += f"（{note}）" if lang == "zh" else f" ({note})"
    return out


def notes_sep(notes: list[str]) -> str:
    """What stands between notes (i18n.semicolon) in the notes' language: English notes open
    with a Latin letter (a Chinese name may stand inside one)."""
    return i18n.semicolon("en" if notes and notes[0][:1].isascii() else "zh")


def note_lines(notes: list[str], most: int = NOTE_LINE) -> list[str]:
    """Notes joined with '；' ('; ' in English) into lines of at most `most` characters,
    never split inside a note: a chart about as wide as half the page shows every note
    instead of cutting the last ones (the red ring's explanation among them) off with '…'."""
    sep = notes_sep(notes)
    lines = [""]
    for n in notes:
        if lines[-1] and len(lines[-1]) + len(sep) + len(n) > most:
            lines[-1] += sep.rstrip()
            lines.append(n)
        else:
            lines[-1] += (sep if lines[-1] else "") + n
    return lines


def short_quote(q: str | None, n: int = QUOTE_MAX) -> str:
    q = (q or "").replace("\n", " ").strip()
    return q if len(q) <= n else q[: n - 1] + "…"
