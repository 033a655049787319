"""How every chart looks, as plain values: colours, fonts, the y axis, text sizes. Free of
pandas and Altair, so the pages (board.charts, board.meta, board.disputes) and the command
line's light export (board/export_light.py) draw with the same values, not copies of them."""

from __future__ import annotations

# one colour per agency, in the agencies' order
PALETTE = ("#1f5fa8", "#e8772e", "#2e9c5a", "#c23b3b", "#8a5cc2", "#8c6d31", "#d65fa7",
           "#5f6b78", "#b5a300", "#17a2b8")  # fmt: skip
QUOTE_MAX = 90  # characters of a source sentence in a tooltip
DEMO_OPACITY = 0.45  # a demo value's mark
DISPUTE_COLOR = "#d62728"  # the ring on charts and the marker on slides
FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"
# the unit written horizontally above the axis, ending at the axis line
Y_AXIS = {"titleAngle": 0, "titleAlign": "right", "titleBaseline": "bottom", "titleX": 4,
          "titleY": -8, "labelOverlap": True}  # fmt: skip
AXIS_CONFIG = {"labelFontSize": 12, "titleFontSize": 12, "titleFontWeight": "normal"}
HEADER_CONFIG = {"labelFontSize": 13, "titleFontSize": 13}
LEGEND_CONFIG = {"labelFontSize": 12, "titleFontSize": 12}
