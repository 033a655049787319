"""An exported chart's axis and legend labels drawn without Vega's length limit when none
can reach it.

Vega cuts an axis label longer than its labelLimit (Vega-Lite's default: 180 px), so it
measures every label against the limit as it draws; in vl-convert each measurement lays the
text out with the CJK font (about 1.5 ms), and the limit alone was about a quarter of
turning a trend chart into SVG. When every label an axis can show is certainly shorter than
the limit, the limit changes nothing and is dropped (config.axis.labelLimit = 0: no limit)
for the export: the same SVG, byte for byte, sooner. An axis with its own labelLimit keeps
it (first/last's agency names); one whose labels this cannot bound (a labelExpr, a format
of its own on names, a field not in the data) keeps the limit for every axis. A legend
(the agencies' names, 200 px) is decided on its own: its limit goes when all its names
are shorter.

Pure dicts (no pandas, no Altair): board.export_image calls it on the export's spec.
"""

from __future__ import annotations

DEFAULT_LIMIT = 180.0  # px: Vega-Lite's axis labelLimit
DEFAULT_SIZE = 10.0  # px: Vega's axis and legend labelFontSize
DEFAULT_LEGEND_LIMIT = 160.0  # px: Vega's legend labelLimit
# A number's tick label ('1,250,000', '0.25', '20M') is at most this many characters.
NUMBER_CHARS = 12
DISCRETE = ("nominal", "ordinal")


class Unbounded(Exception):
    """An axis whose labels cannot be bounded here."""


def drop_if_unreachable(spec: dict) -> bool:
    """Set config.axis.labelLimit = 0 in `spec` (an export's Vega-Lite spec, changed in
    place) when no label of an axis without its own limit can reach the limit; whether it
    did."""
    config = spec.setdefault("config", {})
    axis = config.get("axis") if isinstance(config.get("axis"), dict) else {}
    # (axisX, axisBand, ... override config.axis: labels they rewrite cannot be bounded)
    for k, v in config.items():
        if k.startswith("axis") and isinstance(v, dict) and ({"labelExpr", "format"} & set(v)):
            return False
    limit = float(axis.get("labelLimit", DEFAULT_LIMIT) or 0)
    if limit <= 0:
        return False  # no limit already
    size = float(axis.get("labelFontSize", DEFAULT_SIZE))
    values = _values(spec.get("datasets"))
    try:
        widest = max((_widest(ch, values, size) for ch in _axis_channels(spec)), default=0.0)
    except Unbounded:
        return False
    if widest >= limit:
        return False
    config["axis"] = {**axis, "labelLimit": 0}
    return True


def drop_legend_limits(spec: dict) -> int:
    """Set labelLimit 0 on each legend of `spec` (changed in place) none of whose labels can
    reach its limit; how many."""
    config = spec.get("config") if isinstance(spec.get("config"), dict) else {}
    base = config.get("legend") if isinstance(config.get("legend"), dict) else {}
    if "labelExpr" in base or "format" in base:
        return 0
    values = _values(spec.get("datasets"))
    n = 0
    for d in _legend_channels(spec):
        legend = d["legend"]
        limit = float(legend.get("labelLimit", base.get("labelLimit", DEFAULT_LEGEND_LIMIT)) or 0)
        size = max(float(base.get("labelFontSize", DEFAULT_SIZE)),
                   float(legend.get("labelFontSize", 0)))  # fmt: skip
        if limit <= 0 or "labelExpr" in legend or "format" in legend:
            continue
        try:
            widest = _discrete_widest(d, values, size)
        except Unbounded:
            continue
        if widest < limit:
            legend["labelLimit"] = 0
            n += 1
    return n


def _encodings(node):
    """Every encoding anywhere in the spec (layers, facets, concatenations), a node's own
    before those of the nodes it holds; never inside the data."""
    if isinstance(node, dict):
        enc = node.get("encoding")
        if isinstance(enc, dict):
            yield enc
        for k, v in node.items():
            if k not in ("encoding", "datasets", "data"):
                yield from _encodings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _encodings(v)


def _legend_channels(node):
    """The channel definitions anywhere in the spec that draw a legend of their own (a
    dict), of a discrete field."""
    for enc in _encodings(node):
        for d in enc.values():
            if isinstance(d, dict) and isinstance(d.get("legend"), dict):
                yield d


def _values(datasets) -> dict[str, set]:
    """Every value of every field in the spec's inline datasets."""
    out: dict[str, set] = {}
    for rows in (datasets or {}).values():
        for r in rows if isinstance(rows, list) else []:
            for k, v in r.items() if isinstance(r, dict) else []:
                out.setdefault(k, set()).add(v)
    return out


def _axis_channels(node):
    """The x and y channel definitions anywhere in the spec (layers, facets) that draw an
    axis without a labelLimit of their own."""
    for enc in _encodings(node):
        for ch in ("x", "y"):
            d = enc.get(ch)
            if isinstance(d, dict) and d.get("axis", {}) is not None:
                axis = d.get("axis") or {}
                if "labelLimit" not in axis:
                    yield d


def _widest(d: dict, values: dict[str, set], size: float) -> float:
    """An upper bound of the width in px of the channel's axis labels: every character as
    wide as the font is tall (a CJK character's width; Latin letters and digits are
    narrower)."""
    axis = d.get("axis") or {}
    if "labelExpr" in axis:
        raise Unbounded("labelExpr")
    size = max(size, float(axis.get("labelFontSize", size)))
    if "field" not in d and "datum" in d:  # a constant (the zero line of 同比's bars)
        v = d["datum"]
        if isinstance(v, int | float) and not isinstance(v, bool):
            return NUMBER_CHARS * size
        raise Unbounded(str(v))
    kind = d.get("type")
    if kind in ("quantitative", "temporal") and "timeUnit" not in d and "bin" not in d:
        return NUMBER_CHARS * size
    if "format" in axis:
        raise Unbounded("format")
    return _discrete_widest(d, values, size)


def _discrete_widest(d: dict, values: dict[str, set], size: float) -> float:
    """The upper bound of `_widest` for a channel of names (nominal, ordinal): its scale's
    domain, else its field's values in the data."""
    if d.get("type") not in DISCRETE or "timeUnit" in d or "bin" in d:
        raise Unbounded(str(d.get("type")))
    domain = (d.get("scale") or {}).get("domain")
    if isinstance(domain, list):
        labels = domain
    elif isinstance(d.get("field"), str) and d["field"] in values:
        labels = values[d["field"]]
    else:
        raise Unbounded(str(d.get("field")))
    return max((len(str(v)) * size for v in labels), default=0.0)
