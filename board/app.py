"""What every page calls first: page setup, the warehouse check, and the shared sidebar.

Shared filters (years, agencies, demo data, language) live in st.session_state["_f"], a
plain dict that is not a widget's state, so it survives page changes; the widgets are
re-created on every page from it (their keys seeded before they are drawn, their changes
copied back by on_change callbacks). The filters are also written to st.query_params on
every run, and read from them when a session starts, so a copied link opens the same view.
The navigation is drawn here (st.page_link with the filters as query parameters) so its
labels follow the language; Streamlit's own page list is hidden in .streamlit/config.toml.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from board import demo_banner, i18n, model, queries, regions, warehouse, zh_widgets
from board.pages_list import BY_ID, PAGES
from etl.paths import ROOT


def nav_pages() -> list[tuple[str, str, str, str]]:
    """(page id, file, label key or '', icon) of every page that exists, in menu order: the
    known ones, then any other file in pages/ (named after its file, as Streamlit would)."""
    known = {p.file for p in PAGES}
    out = [(p.id, p.file, p.label, p.icon) for p in PAGES if (ROOT / p.file).is_file()]
    for p in sorted((ROOT / "pages").glob("*.py")):
        rel = f"pages/{p.name}"
        if rel not in known:
            out.append((p.stem, rel, "", ":material/article:"))
    return out


def nav_label(label_key: str, file: str, lang: str) -> str:
    if label_key and label_key in i18n.TEXT:
        return i18n.t(label_key, lang)
    return re.sub(r"^\d+_", "", Path(file).stem).replace("_", " ")


@dataclass(frozen=True)
class Filters:
    y0: int
    y1: int
    agencies: tuple[str, ...]
    demo: bool
    lang: str
    banner: bool = True  # the demo banner (board.demo_banner); off for the session once hidden
    region: str = ""  # 省/市/区县 of the agency list, where the warehouse has many regions

    def params(self) -> dict[str, str]:
        """The filters as URL query parameters."""
        p = {
            "y0": str(self.y0),
            "y1": str(self.y1),
            "ag": ",".join(self.agencies),
            "demo": "1" if self.demo else "0",
            "lang": self.lang,
        }
        if not self.banner:
            p[demo_banner.PARAM] = "0"
        if self.region:
            p["rg"] = self.region
        return p


@dataclass
class Ctx:
    """What a page gets: its id, the filters, names/colours, and a translator."""

    page: str
    f: Filters
    meta: model.Meta

    @property
    def lang(self) -> str:
        return self.f.lang

    def t(self, key: str, **kw) -> str:
        return i18n.t(key, self.f.lang, **kw)

    # page-local settings kept in the session and the URL (e.g. the trends' indicators)
    def setting(self, name: str, widget: Callable, options: list, default, *, multi: bool = False,
                **kw) -> Any:  # fmt: skip
        return _page_setting(self, name, widget, options, default, multi=multi, **kw)


# -- warehouse ---------------------------------------------------------------------------------

_build_lock = threading.Lock()


def ensure_warehouse(lang: str) -> None:
    """Build the warehouse from data/ on the first run (with progress), or stop with a reason."""
    if warehouse.current() is not None:
        return
    try:
        from etl.build import build
    except Exception:  # absent or broken: say what to do instead of a traceback
        st.error(i18n.t("no_builder", lang))
        st.stop()
    bar = st.progress(0.0, text=i18n.t("building", lang))

    with _build_lock:
        if warehouse.current() is None:
            try:
                build(warehouse.data_dir(), warehouse.db_path(), progress=build_progress(bar, lang))
            except Exception as e:  # noqa: BLE001 - shown to the user in plain words
                bar.empty()
                st.error(i18n.t("build_failed", lang, err=str(e) or type(e).__name__))
                st.stop()
    bar.empty()
    if warehouse.current() is None:
        st.error(i18n.t("build_failed", lang, err=str(warehouse.db_path())))
        st.stop()
    st.toast(i18n.t("built", lang))


def build_progress(bar, lang: str) -> Callable[..., None]:
    """The build's progress callback onto `bar`, as etl.build calls it: (done, total) per
    file, and (done, total, page) per page of a scan (etl.scan_progress.ScanPage)."""

    def progress(done: float, total: int, page=None) -> None:
        text = i18n.t("building", lang) + (f" {i18n.scan_line(page, lang)}" if page else "")
        bar.progress(min(done / total, 1.0) if total else 0.0, text=text)

    return progress


# -- filters -----------------------------------------------------------------------------------


def load_meta() -> model.Meta:
    """The names, order and colours of the current warehouse version: made once per version
    and shared by every run and session (its lookups, e.g. the registry order of 6,948
    agencies, are built on first use and kept with it)."""
    v = warehouse.current()
    if v is None:
        raise queries.WarehouseMissing(str(warehouse.db_path()))
    return _meta(v.path, v.inode, v.mtime_ns)


@st.cache_resource(max_entries=4, show_spinner=False)
def _meta(path: str, inode: int, mtime_ns: int) -> model.Meta:
    return model.meta_from(queries.agencies(), queries.indicators(), queries.years())


def default_agencies(meta: model.Meta) -> list[str]:
    """The agencies a new session opens with (regions.opening)."""
    return regions.opening(meta.agencies)


def _first(v) -> str | None:
    if isinstance(v, list):
        return v[-1] if v else None
    return v


def _int(v, lo: int, hi: int) -> int | None:
    try:
        n = int(str(v).strip())
    except (TypeError, ValueError):
        return None
    return n if lo <= n <= hi else None


def filters_from(qp: dict, meta: model.Meta) -> dict:
    """Filters from URL query parameters; anything missing or invalid takes its default."""
    years = meta.years or [2018]
    lo, hi = min(years), max(years)
    y0 = _int(_first(qp.get("y0")), lo, hi) or lo
    y1 = _int(_first(qp.get("y1")), lo, hi) or hi
    if y0 > y1:
        y0, y1 = y1, y0
    ag_raw = _first(qp.get("ag"))
    agencies = default_agencies(meta)
    if ag_raw is not None:
        asked = [a for a in str(ag_raw).split(",") if a]
        known = [a for a in meta.agencies.index if a in set(asked)]
        agencies = known if known or not asked else agencies
    demo = str(_first(qp.get("demo")) or "1") not in ("0", "false", "no")
    lang = _first(qp.get("lang"))
    lang = lang if lang in i18n.LANGS else "zh"
    banner = str(_first(qp.get(demo_banner.PARAM)) or "1") not in ("0", "false", "no")
    region = str(_first(qp.get("rg")) or "")
    return {"y0": y0, "y1": y1, "agencies": list(agencies), "demo": demo, "lang": lang,
            "banner": banner, "region": region}  # fmt: skip


def _copy(widget_key: str, store: str, field: str, convert: Callable = lambda v: v) -> Callable:
    def cb() -> None:
        st.session_state[store][field] = convert(st.session_state[widget_key])

    return cb


def sidebar(meta: model.Meta) -> Filters:
    ss = st.session_state
    if "_f" not in ss:  # a new session: the filters come from the URL it was opened with
        ss["_f"] = filters_from(ss["_qp_run"], meta)
    f = ss["_f"]
    # keep stored values valid for this warehouse version
    years = meta.years or [f["y0"]]
    f["y0"] = min(max(f["y0"], min(years)), max(years))
    f["y1"] = min(max(f["y1"], f["y0"]), max(years))
    f["agencies"] = [a for a in f["agencies"] if a in meta.agencies.index]
    lang = f["lang"]
    sb = st.sidebar
    sb.markdown(f"### {i18n.t('app_title', lang)}")
    nav = sb.container()
    sb.divider()
    sb.markdown(f"**{i18n.t('f_header', lang)}**")

    if len(years) > 1:
        ss["w_years"] = (f["y0"], f["y1"])
        sb.slider(i18n.t("f_years", lang), min_value=min(years), max_value=max(years), step=1,
                  key="w_years", on_change=_years_changed, format="%d")  # fmt: skip
    else:
        sb.caption(f"{i18n.t('f_years', lang)}{i18n.colon(lang)}{years[0]}")
    options = list(meta.agencies.index)
    f.setdefault("region", "")
    if regions.needs_picker(meta.agencies):
        options = _region_picker(sb, meta, f, lang)
    else:
        f["region"] = ""
    ss["w_agencies"] = list(f["agencies"])
    sb.multiselect(i18n.t("f_agencies", lang), options=options, key="w_agencies",
                   format_func=lambda a: meta.agency(a, lang),
                   placeholder=i18n.t("f_agencies_ph", lang),
                   on_change=_copy("w_agencies", "_f", "agencies", list))  # fmt: skip
    ss["w_demo"] = bool(f["demo"])
    sb.toggle(i18n.t("f_demo", lang), key="w_demo", help=i18n.t("f_demo_help", lang),
              on_change=_copy("w_demo", "_f", "demo", bool))  # fmt: skip
    ss["w_lang"] = lang
    sb.radio(i18n.t("f_lang", lang), options=list(i18n.LANGS), key="w_lang", horizontal=True,
             format_func=lambda x: i18n.LANG_NAMES[x], on_change=_copy("w_lang", "_f", "lang"))  # fmt: skip
    filters = Filters(f["y0"], f["y1"], tuple(f["agencies"]), bool(f["demo"]), f["lang"],
                      bool(f.get("banner", True)), f["region"])  # fmt: skip
    sb.caption(i18n.t("f_link", filters.lang))

    qp = filters.params()
    for name, value in _page_params().items():
        qp[name] = value
    if {k: st.query_params.get_all(k) for k in st.query_params} != {k: [v] for k, v in qp.items()}:
        st.query_params.from_dict(qp)
    with nav:
        for _pid, path, label, icon in nav_pages():
            st.page_link(path, label=nav_label(label, path, filters.lang), icon=icon,
                         query_params=filters.params())  # fmt: skip
    return filters


def _region_picker(sb, meta: model.Meta, f: dict, lang: str) -> list[str]:
    """省 → 市 → 区县 selectboxes; returns the agency list's options: the chosen region's
    agencies (and any chosen elsewhere, so a shared link keeps them)."""
    ag = meta.agencies
    f["region"] = regions.settle(ag, f["region"] or regions.common(ag, f["agencies"]))
    parts = f["region"].split(regions.SEP) if f["region"] else []
    labels = [i18n.t(k, lang) for k in ("f_province", "f_city", "f_county")]
    prefix, level = "", 0
    while kids := regions.children(ag, prefix):
        whole = level > 0 and regions.whole_allowed(ag, prefix)
        options = ([""] if whole else []) + kids
        value = parts[level] if level < len(parts) else ""
        if value not in options:
            value = options[0]
        key = f"w_rg{level}"
        st.session_state[key] = value
        label = labels[level] if level < len(labels) else i18n.t("f_region", lang)
        sb.selectbox(label, options, key=key, on_change=_region_changed, args=(meta, level),
                     format_func=lambda x: x or i18n.t("f_region_all", lang))  # fmt: skip
        if not value:
            break
        prefix = f"{prefix}{regions.SEP}{value}" if prefix else value
        level += 1
    in_region = regions.within(ag, f["region"])
    inside = set(in_region)
    return in_region + [a for a in f["agencies"] if a not in inside]


def _region_changed(meta: model.Meta, level: int) -> None:
    """A new province, city or district: the path down to it, settled, and its agencies."""
    ss = st.session_state
    parts = [ss.get(f"w_rg{i}") or "" for i in range(level + 1)]
    path = regions.SEP.join(p for p in parts if p)
    path = regions.settle(meta.agencies, path)
    ss["_f"]["region"] = path
    ss["_f"]["agencies"] = regions.default_agencies(meta.agencies, path)


def _years_changed() -> None:
    y0, y1 = st.session_state["w_years"]
    st.session_state["_f"]["y0"], st.session_state["_f"]["y1"] = int(y0), int(y1)


def _page_params() -> dict[str, str]:
    page = st.session_state.get("_page")
    return dict(st.session_state.get("_pp", {}).get(page, {}).get("url", {}))


def _page_setting(ctx: Ctx, name: str, widget: Callable, options: list, default, *,
                  multi: bool = False, **kw) -> Any:  # fmt: skip
    """A page-local widget whose value is kept per page in the session and in the URL."""
    ss = st.session_state
    store = ss.setdefault("_pp", {}).setdefault(ctx.page, {"v": {}, "url": {}})
    vals = store["v"]
    if name not in vals:  # first visit of this page in the session: the URL may say
        vals[name] = _parse_setting(ss.get("_qp_run", {}).get(name), options, default, multi)
    if multi:
        vals[name] = [o for o in vals[name] if o in options]
    elif vals[name] not in options:
        vals[name] = default
    key = f"w_{ctx.page}_{name}"
    ss[key] = list(vals[name]) if multi else vals[name]

    def cb() -> None:
        vals[name] = list(ss[key]) if multi else ss[key]

    if widget is st.multiselect:  # emptied, it would say Streamlit's 'Choose options'
        kw.setdefault("placeholder", "请选择" if ctx.lang == "zh" else "Choose")
    value = widget(key=key, options=options, on_change=cb, **kw)
    value = vals[name] if value is None else value
    url = ",".join(map(str, value)) if multi else str(value)
    if store["url"].get(name) != url:
        store["url"][name] = url
        st.query_params[name] = url
    return list(value) if multi else value


def _parse_setting(raw, options: list, default, multi: bool):
    if not raw:
        return default
    text = raw[-1] if isinstance(raw, list) else str(raw)
    by_str = {str(o): o for o in options}
    if multi:
        got = [by_str[x] for x in text.split(",") if x in by_str]
        return got or default
    return by_str.get(text, default)


def page(page_id: str) -> Ctx:
    """Set up a page: config, warehouse, sidebar. Stops with a plain message when the
    filters leave nothing to show."""
    ss = st.session_state
    lang = ss.get("_f", {}).get("lang") or _first(st.query_params.get_all("lang")) or "zh"
    lang = lang if lang in i18n.LANGS else "zh"
    title = nav_label(BY_ID[page_id].label, BY_ID[page_id].file, lang)
    # "auto": open beside the page on a desktop, collapsed on a phone (a shared link opened
    # there would otherwise show the filters over the whole screen and hide the page)
    st.set_page_config(page_title=f"{title} · {i18n.t('app_title', lang)}", page_icon=":material/balance:",
                       layout="wide", initial_sidebar_state="auto")  # fmt: skip
    # the URL as this run found it, before the sidebar writes the filters back into it
    ss["_qp_run"] = {k: st.query_params.get_all(k) for k in st.query_params}
    ss["_page"] = page_id
    ensure_warehouse(lang)
    meta = load_meta()
    from board import warmup  # (imports the pages' views, which import this module)

    warmup.start()  # the default view of every page, once this run has drawn its page
    f = sidebar(meta)
    ctx = Ctx(page_id, f, meta)
    zh_widgets.apply(f.lang)  # Streamlit's own widget words (Upload, Select all) in Chinese
    demo_banner.draw(f.banner, f.demo, f.lang)
    st.title(nav_label(BY_ID[page_id].label, BY_ID[page_id].file, f.lang))
    if not f.agencies:
        st.info(ctx.t("no_agencies"))
        st.stop()
    return ctx


def nothing(ctx: Ctx) -> None:
    """Say plainly that the filters leave nothing, and stop the page."""
    st.info(ctx.t("no_data"))
    st.stop()
