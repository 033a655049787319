"""数据导入 (import): upload reports and tables, see what each would give, then (editors)
save them under data/uploads/ and rebuild the warehouse."""

import streamlit as st

from board import access, app, i18n, importer, review
from board.highlight import esc, table_html

ctx = app.page("import")
lang = ctx.lang

if msg := st.session_state.pop("_im_flash", None):
    st.success(msg)
editor = access.gate(lang)
limits = ctx.t("im_help", mb=importer.max_upload_mb())
files = st.file_uploader(ctx.t("im_upload"), type=importer.UPLOAD_TYPES,
                         accept_multiple_files=True, help=limits, key="im_files")  # fmt: skip
if not files:
    st.caption(limits)
    st.stop()

good = []
for up in files:
    data = up.getvalue()
    reading = st.empty()  # a scan is read by OCR page by page: say which page
    p = importer.preview_once(st.session_state.setdefault("_im_previews", {}), up.name, data,
                              on_page=lambda pg, at=reading: at.caption(i18n.scan_line(pg, lang)))  # fmt: skip
    reading.empty()
    if p.parked:  # saved all the same, then placed by an editor on 审核
        st.warning(ctx.t("im_parked", name=p.name, reason=p.reason))
        good.append((up.name, data, importer.UNSORTED))
    elif not p.ok:
        st.error(ctx.t("im_refused", name=p.name, reason=p.reason))
    else:
        good.append((up.name, data, p.folder))
        head = ctx.t("im_ok", name=p.name, agency=p.agency or "—", year=p.year or "—",
                     n=len(p.facts), folder=p.folder)  # fmt: skip
        st.html(f"<b>{esc(head)}</b>")
        rows = [[esc(f["agency"]), esc(f["year"]), esc(f["indicator_zh"]),
                 esc(i18n.value_text(f["value"], f["unit"], f["qualifier"], lang)),
                 f["sentence_html"], esc(f["location"])] for f in p.facts]  # fmt: skip
        if rows:
            st.html(table_html(ctx.t("im_cols").split("|"), rows, raw_cols={0, 1, 2, 3, 4, 5}))
    if p.problems:
        with st.expander(f"{ctx.t('im_problem')}（{len(p.problems)}）"):
            st.markdown("\n".join(f"- {esc(x)}" for x in p.problems))

if editor and good and st.button(ctx.t("im_save", n=len(good)), type="primary", key="im_save"):
    for name, data, folder in good:
        importer.store(name, data, folder)
    bar = st.progress(0.0, text=ctx.t("rv_rebuilding"))
    review.rebuild(importer.build_progress(bar, ctx.t("rv_rebuilding"), ctx.lang))
    st.session_state["_im_flash"] = ctx.t("im_saved", n=len(good))
    st.rerun()
