"""A fact's source sentence with its number highlighted, as escaped HTML.

Every piece of text from the warehouse is escaped first (html.escape); only the <mark>
around the number, and the table markup, are ours. The result goes to st.html, which
also sanitises, and is never interpreted as Markdown.
"""

from __future__ import annotations

import html

SENTENCE_END = "。！？!?\n"
MAX_SENTENCE = 220


def esc(s: object) -> str:
    return html.escape("" if s is None else str(s), quote=True)


def offsets_ok(text: str | None, span_start, span_end, num_start, num_end) -> bool:
    try:
        s, e, ns, ne = (int(x) for x in (span_start, span_end, num_start, num_end))
    except (TypeError, ValueError):
        return False
    return bool(text) and 0 <= s <= ns < ne <= e <= len(text)


def sentence_bounds(
    text: str, start: int, end: int, max_len: int = MAX_SENTENCE
) -> tuple[int, int]:
    """Widen [start, end) to the sentence around it (。！？ or a line break), within max_len."""
    a = start
    while a > 0 and text[a - 1] not in SENTENCE_END and start - a < max_len:
        a -= 1
    b = end
    while b < len(text) and text[b] not in SENTENCE_END and b - end < max_len:
        b += 1
    if b < len(text) and text[b] in SENTENCE_END and text[b] != "\n":
        b += 1  # keep the sentence's own full stop
    return a, b


def sentence_html(text: str | None, span_start, span_end, num_start, num_end,
                  quote: str | None = None) -> str:  # fmt: skip
    """The sentence around the fact with the number in <mark>; the quote alone (no mark)
    when the offsets do not fit the text (a table row, a correction)."""
    if not offsets_ok(text, span_start, span_end, num_start, num_end):
        return esc(quote or "")
    s, e, ns, ne = int(span_start), int(span_end), int(num_start), int(num_end)
    a, b = sentence_bounds(text, s, e)
    before, number, after = text[a:ns], text[ns:ne], text[ne:b]
    lead = "…" if a > 0 and text[a - 1] not in SENTENCE_END else ""
    tail = "…" if b < len(text) and text[b - 1] not in SENTENCE_END and text[b] != "\n" else ""
    return f"{lead}{esc(before.strip())}<mark>{esc(number)}</mark>{esc(after.rstrip())}{tail}"


def quote_html(quote: str | None, span_start, num_start, num_end) -> str:
    """The quote alone with its number in <mark>, the offsets being those of the document
    the quote was cut from (quote = text[span_start:span_end]): for a number whose
    document text is not in the warehouse (a parked report). The quote unmarked when the
    offsets do not fit it."""
    q = quote or ""
    try:
        a, b = int(num_start) - int(span_start), int(num_end) - int(span_start)
    except (TypeError, ValueError):
        return esc(q)
    if not 0 <= a < b <= len(q):
        return esc(q)
    return f"{esc(q[:a])}<mark>{esc(q[a:b])}</mark>{esc(q[b:])}"


STYLE = """<style>
.fz-wide{overflow-x:auto}
.fz-src{border-collapse:collapse;width:100%;font-size:0.92rem}
.fz-src td.w{min-width:11em}
.fz-src th,.fz-src td{border-bottom:1px solid #e3e6ea;padding:6px 8px;text-align:left;vertical-align:top}
.fz-src th{background:#f5f7fa;font-weight:600;white-space:nowrap}
.fz-src td.n{white-space:nowrap}
.fz-src small{color:#5f6b78}
.fz-src span.n{white-space:nowrap}
.fz-src mark{background:#ffe08a;padding:0 2px;border-radius:2px;font-weight:600}
.fz-demo{display:inline-block;background:#fff1e6;color:#a33b00;border:1px solid #f3c29b;
border-radius:3px;padding:0 4px;font-size:0.8rem;margin-left:4px}
.fz-card{border-left:3px solid #1f5fa8;padding:4px 10px;margin:6px 0;font-size:0.92rem}
.fz-card .m{color:#5f6b78;font-size:0.82rem}
.fz-card mark{background:#ffe08a;padding:0 2px;border-radius:2px;font-weight:600}
.fz-cand{border-left-color:#8a5cc2}
.fz-why{display:inline-block;background:#f1eafa;color:#5b3a8c;border:1px solid #d9c8ef;
border-radius:3px;padding:0 5px;font-size:0.8rem;margin-left:6px;font-weight:400}
</style>"""


def demo_badge(is_demo: bool, label: str) -> str:
    return f'<span class="fz-demo">{esc(label)}</span>' if is_demo else ""


def table_html(headers: list[str], rows: list[list[str]], raw_cols: set[int] = frozenset()) -> str:
    """An HTML table; cells are escaped unless their column is in raw_cols (already built
    from escaped pieces by this module). Wider than a phone, it scrolls sideways inside its
    box, never the page (数据质量 on a phone scrolled the page, its sentences nine
    characters wide at least instead of four)."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = []
    for r in rows:
        cells = []
        for i, c in enumerate(r):
            cls = ' class="n"' if i not in raw_cols and len(str(c)) <= 12 else ""
            cls = ' class="w"' if len(str(c)) > 60 else cls  # a sentence: not 4 characters wide
            cells.append(f"<td{cls}>{c if i in raw_cols else esc(c)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (f'{STYLE}<div class="fz-wide"><table class="fz-src"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div>')  # fmt: skip
