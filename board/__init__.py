"""Shared page code of the dashboard: read-only queries, charts, filters and texts.

Pages (dashboard.py and pages/*.py) stay thin: read widgets, call board, draw.
Nothing here lives in pages/ because Streamlit turns every file there into a menu entry.
"""
