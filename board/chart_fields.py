"""The data fields a Vega-Lite spec reads, so a chart is sent only the columns it draws.

The frames behind the charts carry every display column of a value (about 30: the quote
and its short form, the document title and the source line, ids, units, ...), but a chart
reads a dozen: its encodings, its tooltip, the `datum.x` of its expressions and filters,
and the fields its click selection reports (agency_id, year, indicator_id). Sending only
those made the datasets of 对比's ten panels about half as many bytes for Streamlit to
convert, send and the browser to decode, and the export's inline data half as big for
vl-convert; the pictures are the same (nothing drawn reads the other columns).

Pure dicts and strings, no pandas or Altair: the pages' specs (board.charts.spec) and the
command line's light export (board.export_image) both prune with it. When it cannot tell
which fields a spec reads (a tooltip showing the whole datum, a transform it does not
know, an expression reading `datum` other than by a literal name) it answers None: keep
every column.
"""

from __future__ import annotations

import re

# Transforms whose fields are all named under "field", "fields", "groupby" or in their
# expressions; any other (fold, pivot, lookup, flatten, impute, ...) names fields in its
# own keys, so a spec with one keeps all its columns.
KNOWN_TRANSFORMS = frozenset({"filter", "calculate", "aggregate", "joinaggregate", "window",
                              "bin", "timeUnit"})  # fmt: skip
NAME_LISTS = ("fields", "groupby")  # keys whose value is a list of field names
SKIP = ("datasets", "data", "values")  # the data itself (its strings are not fields)

_DATUM = re.compile(r"\bdatum\b")
_DATUM_DOT = re.compile(r"\bdatum\.([A-Za-z_$][\w$]*)")
_DATUM_KEY = re.compile(r"""\bdatum\[\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*\]""")


class Unknown(Exception):
    """The spec reads fields in a way this module does not follow."""


def used_fields(spec: dict) -> set[str] | None:
    """The top-level fields of the data that `spec` reads, or None when it cannot tell."""
    out: set[str] = set()
    try:
        _walk(spec, out)
    except Unknown:
        return None
    return out


def _top(field: str) -> str:
    """A field's column: 'a.b' (a nested field) and 'a[0]' read column a."""
    return re.split(r"(?<!\\)[.\[]", field, maxsplit=1)[0].replace("\\", "")


def _expr(text: str, out: set[str]) -> None:
    """The fields an expression reads as datum.x or datum["x"]; any other use of datum
    (datum[k], a function given datum) reads fields this cannot name."""
    n = len(_DATUM.findall(text))
    if not n:
        return
    dots = _DATUM_DOT.findall(text)
    keys = [a or b for a, b in _DATUM_KEY.findall(text)]
    if len(dots) + len(keys) != n or any("\\" in k for k in keys):  # (an escaped name)
        raise Unknown(text)
    out.update(dots)
    out.update(_top(k) for k in keys)


def _walk(node, out: set[str]) -> None:
    if isinstance(node, dict):
        for k, v in node.items():
            if k in SKIP:
                continue
            if k == "tooltip" and (v is True or (isinstance(v, dict) and "content" in v)):
                raise Unknown("a tooltip of the whole datum")  # shows every field
            if k == "transform":
                for t in v if isinstance(v, list) else [v]:
                    if not isinstance(t, dict) or not (set(t) & KNOWN_TRANSFORMS):
                        raise Unknown(f"transform {t!r}")
            if k == "field" and isinstance(v, str):
                out.add(_top(v))
            elif k in NAME_LISTS and isinstance(v, list):
                out.update(_top(f) for f in v if isinstance(f, str))
            else:
                _walk(v, out)
    elif isinstance(node, list):
        for v in node:
            _walk(v, out)
    elif isinstance(node, str):
        _expr(node, out)


def keep(columns, spec: dict) -> list | None:
    """The columns of a dataset of `spec` to send (in their order), or None: all of them."""
    fields = used_fields(spec)
    if fields is None:
        return None
    return [c for c in columns if str(c) in fields]


def prune_records(spec: dict) -> dict:
    """`spec` with the rows of its inline datasets cut to the fields it reads (a new dict;
    the rows are new, the rest is shared): what vl-convert is given to draw."""
    data = spec.get("datasets")
    if not isinstance(data, dict):
        return spec
    fields = used_fields(spec)
    if fields is None:
        return spec
    out = dict(spec)
    out["datasets"] = {
        name: [{k: v for k, v in r.items() if k in fields} if isinstance(r, dict) else r
               for r in rows] if isinstance(rows, list) else rows
        for name, rows in data.items()
    }  # fmt: skip
    return out
