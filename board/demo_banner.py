"""The band at the top of every page while demo data is shown: 演示数据, not real reports.

A leader who has read it once can switch it off for the whole session: the button sets
the `banner` filter off, which the sidebar writes into the URL (demo_banner=0) and every
navigation link carries, so the next pages and a copied link open without it. Exports
keep their own demo marks whatever is chosen here: a file travels without this page.
"""

from __future__ import annotations

import streamlit as st

from board import i18n, queries

PARAM = "demo_banner"  # the URL query parameter: 0 = switched off for the session
KEY = "demo_banner"  # the container's key: its element has the class st-key-demo_banner


def shown(banner_on: bool, demo_included: bool) -> bool:
    """Whether the band is drawn: demo data in the view, and not switched off."""
    return banner_on and demo_included and queries.has_demo()


def _off() -> None:
    st.session_state["_f"]["banner"] = False


def draw(banner_on: bool, demo_included: bool, lang: str) -> None:
    """The band with its switch, where the page is now (the top, before its title)."""
    if not shown(banner_on, demo_included):
        return
    with st.container(key=KEY):
        left, right = st.columns([5, 1], vertical_alignment="center")
        left.warning(i18n.t("demo_banner_text", lang), icon=":material/science:")
        right.button(i18n.t("demo_banner_off", lang), key="demo_banner_off", on_click=_off,
                     help=i18n.t("demo_banner_off_help", lang), width="stretch")  # fmt: skip
