"""The band at the top of every page while demo data is shown: 演示数据, not real reports.

A leader who has read it once can switch it off for the whole session: the button sets
the `banner` filter off, which the sidebar writes into the URL (demo_banner=0) and every
navigation link carries, so the next pages and a copied link open without it. Exports
keep their own demo marks whatever is chosen here: a file travels without this page.
"""

from __future__ import annotations

import streamlit as st

from board import queries

PARAM = "demo_banner"  # the URL query parameter: 0 = switched off for the session
KEY = "demo_banner"  # the container's key: its element has the class st-key-demo_banner
TEXT: dict[str, tuple[str, str]] = {
    "text": (
        "演示数据：本看板正在显示虚构的演示数据（data/demo/），数字不是真实报告的数字，请勿引用。"
        "只看真实数据：在侧栏关闭“包含演示数据”。",
        "DEMO DATA: this board is showing invented demo figures (data/demo/), not real "
        "reports. Do not quote them. For real data only, turn off “Include demo data” in "
        "the sidebar.",
    ),
    "off": ("不再提示", "Hide notice"),
    "off_help": (
        "在本次会话中不再显示这条提示（换页和复制的链接都保持关闭）；导出的文件仍标注演示数据。",
        "Hide this notice for the session (kept across pages and in a copied link); "
        "exported files still say demo data.",
    ),
}


def tt(key: str, lang: str = "zh") -> str:
    zh, en = TEXT[key]
    return en if lang == "en" else zh


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
        left.warning(tt("text", lang), icon=":material/science:")
        right.button(tt("off", lang), key="demo_banner_off", on_click=_off,
                     help=tt("off_help", lang), width="stretch")  # fmt: skip
