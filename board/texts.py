"""Every text of the board in Chinese and English: one table, read through board.i18n.t.

This module is long on purpose: it is the one table of words (pages, exports, the deck),
so that tests/test_texts.py can check every key used against it; code lives in i18n.py.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # app and navigation
    "app_title": ("法治指标看板", "Rule-of-law indicators"),
    "app_sub": (
        "周村区科学技术局及所属单位法治政府建设指标",
        "Zhoucun District Science Bureau and its agencies",
    ),  # fmt: skip
    "nav_overview": ("总览", "Overview"),
    "nav_trends": ("趋势", "Trends"),
    "nav_compare": ("对比", "Comparison"),
    "nav_approvals": ("审批提速", "Approval speed-up"),
    "nav_sources": ("来源", "Sources"),
    "nav_meeting": ("会议材料", "Meeting pack"),
    "nav_import": ("数据导入", "Import"),
    "nav_review": ("审核", "Review"),
    "nav_quality": ("数据质量", "Data quality"),
    # access (board/access.py)
    "acc_viewer": (
        "您目前只能查看。确认、更正或驳回数值需要编辑权限：请在本机打开看板，或输入编辑密码登录。",
        "You can view only. To confirm, correct or reject values, open the dashboard on this "
        "machine or sign in with the editor password.",
    ),  # fmt: skip
    "acc_password": ("编辑密码", "Editor password"),
    "acc_signin": ("登录", "Sign in"),
    "acc_wrong": ("密码不正确。", "Wrong password."),
    "acc_login": ("用单位账号登录", "Sign in with your account"),
    "acc_logout": ("退出登录", "Sign out"),
    # import page
    "im_upload": ("上传报告或表格", "Upload reports or tables"),
    "im_help": (
        "可上传 .txt .docx .pdf .csv .xlsx、网页（.html .htm .mht）和扫描件或照片（.png .jpg，文字识别），单个文件不超过 {mb} MB（更大的报告请拆分，或压缩其中的图片）。"
        "保存前先显示每个文件能提取到什么。",
        "Upload .txt .docx .pdf .csv .xlsx files, saved web pages (.html .htm .mht) and scans or photos (.png .jpg, by OCR) of up to {mb} MB each (split a larger report or "
        "compress its images). What each would give is shown before saving.",
    ),  # fmt: skip
    "im_ok": (
        "{name}：{agency} {year}，提取到 {n} 个数值，将保存到 data/uploads/{folder}/",
        "{name}: {agency} {year}, {n} values, to be saved in data/uploads/{folder}/",
    ),
    "im_refused": ("{name}：不能载入。{reason}", "{name}: cannot be loaded. {reason}"),
    "im_parked": (
        "{name}：{reason}。可以照常保存：保存后它会列在“审核”页“待指定单位和年度的报告”中，"
        "由编辑指定单位和年度后载入。",
        "{name}: {reason}. It can be saved all the same: it is then listed on the Review "
        "page under reports awaiting an agency and year, and loads once an editor assigns them.",
    ),
    "im_problem": ("跳过的数据行", "Rows set aside"),
    "im_save": ("保存并重建数据仓库（{n}个文件）", "Save and rebuild ({n} files)"),
    "im_saved": (
        "已保存 {n} 个文件，数据仓库已重建。",
        "Saved {n} files; the warehouse was rebuilt.",
    ),
    "im_cols": ("单位|年份|指标|数值|原文|位置", "Agency|Year|Indicator|Value|Sentence|Where"),
    # data quality page
    "q_missing": ("缺少年份的指标（{n}项）", "Indicators with missing years ({n})"),
    "q_missing_none": ("所选范围内，各单位已有的指标每年都有数值。", "No year is missing."),
    "q_conflicts": ("来源不一致（{n}处）", "Sources that disagree ({n})"),
    "q_conflicts_none": ("没有来源不一致的数值。", "No source disagrees."),
    "q_year_path": (
        "单位或年度不是取自标题的报告，或有疑问的报告（{n}份）",
        "Reports whose agency or year is not from their title, or is in doubt ({n})",
    ),
    "q_totals": (
        "表格中与各单位或各年度之和不一致的合计（{n}处）",
        "Table totals that disagree with the rows they sum ({n})",
    ),
    "q_totals_none": (
        "表格中的合计都与各单位或各年度之和一致（合计行只用于核对，不作为数据载入）。",
        "Every table total agrees with its rows (a total is a check, never loaded as data).",
    ),
    "q_cols_totals": ("文件|核对结果", "File|Check"),
    "q_year_path_none": (
        "所有报告的单位和年度都取自标题。",
        "Every report's agency and year come from its title.",
    ),
    "q_never": ("从未找到数值的指标（{n}项）", "Indicators never found ({n})"),
    "q_never_none": ("每个指标都找到了数值。", "Every indicator has values."),
    "q_cols_missing": (
        "单位|指标|缺少的年份|缺少年数",
        "Agency|Indicator|Missing years|Years missing",
    ),
    "q_cols_conf": (
        "单位|年份|指标|显示的数值|依据|另一数值|另一来源原文|另一来源文件",
        "Agency|Year|Indicator|Shown|Its source|Other value|Other source|Other file",
    ),
    "q_cols_path": (
        "单位|年份|标题|文件|单位来源|年度来源|疑问",
        "Agency|Year|Title|File|Agency from|Year from|Doubt",
    ),
    "q_cand": (
        "未采用的数字最多的报告（{n}份）",
        "Reports by numbers set aside ({n})",
    ),
    "q_cand_none": ("所选范围内没有未采用的数字。", "No number was set aside in this selection."),
    "q_cand_help": (
        "每份报告中谈到指标、却没有作为数值采用的数字（候选），按原因计数；逐条查看和采用在“审核”页。",
        "Numbers in each report that speak of an indicator but were not taken as values "
        "(candidates), counted by reason; see and adopt them one by one on the Review page.",
    ),  # fmt: skip
    "q_cols_cand": (
        "报告|单位|年度|候选数|按原因|文件",
        "Report|Agency|Year|Candidates|By reason|File",
    ),
    "q_unplaced": ("待指定", "to assign"),
    # review page
    "rv_queue": ("待审核的数值（{n}条）", "Values to review ({n})"),
    "rv_none": ("没有待审核的数值。", "Nothing to review."),
    "rv_indicators": ("指标", "Indicators"),
    "rv_shown": (
        "第{a}–{b}条，共{n}条（翻页查看其余）",
        "{a}–{b} of {n} (turn the page for the rest)",
    ),
    "rv_confirm": ("确认无误", "Confirm"),
    "rv_reject": ("驳回", "Reject"),
    "rv_correct": ("更正", "Correct"),
    "rv_new_value": ("正确的数值", "Correct value"),
    "rv_reason": ("理由（必填）", "Reason (required)"),
    "rv_reject_reason": ("驳回理由", "Why reject"),
    "rv_saved": (
        "已记入 data/corrections.csv 第{line}行，数据仓库已重建。",
        "Saved to data/corrections.csv line {line}; the warehouse was rebuilt.",
    ),  # fmt: skip
    "rv_rebuilding": ("正在重建数据仓库……", "Rebuilding the warehouse…"),
    "rv_bad": ("未保存：{err}", "Not saved: {err}"),
    "rv_view": ("显示", "Show"),
    "rv_tab_queue": ("待审核的数值（{n}条）", "Values to review ({n})"),
    "rv_tab_cand": ("未采用的数字（{n}个）", "Numbers set aside ({n})"),
    # candidates on the review page (board/candidates.py)
    "cd_title": ("未采用的数字（候选，{n}个）", "Numbers set aside (candidates, {n})"),
    "cd_help": (
        "报告中谈到某项指标、却没有作为数值采用的数字，附未采用的原因。若其实应当采用"
        "（或据此可得出本年数值），在“采用为数值”中确认指标、单位、年度和数值并写明理由："
        "记入 data/corrections.csv（状态为更正），数据仓库随即重建。",
        "Numbers in the reports that speak of an indicator but were not taken as values, each "
        "with why. If one should count (or gives this year's value), confirm its indicator, "
        "agency, year and value under “Use as a value” with a reason: it is saved in "
        "data/corrections.csv as a correction and the warehouse is rebuilt.",
    ),  # fmt: skip
    "cd_viewer": (
        "报告中谈到某项指标、却没有作为数值采用的数字，附未采用的原因；有编辑权限的人可以把其中的数字采用为数值。",
        "Numbers in the reports that speak of an indicator but were not taken as values, each "
        "with why; an editor can turn one into a value.",
    ),  # fmt: skip
    "cd_reasons": ("按原因筛选", "Filter by reason"),
    "cd_none": ("所选范围内没有未采用的数字。", "No number was set aside in this selection."),
    "cd_range": ("第{a}–{b}个，共{n}个", "{a}–{b} of {n}"),
    "cd_why": ("未采用的原因：{why}", "Set aside: {why}"),
    "cd_file": ("文件：{path}", "File: {path}"),
    "cd_unplaced": (
        "这份报告的单位和年度尚未确定（见本页上方“待指定单位和年度的报告”）。",
        "This report's agency and year are not known yet (see the reports waiting above).",
    ),  # fmt: skip
    "cd_current": (
        "该单位该年度此指标现有数值：{v}（{how}）；采用后以采用的数值为准。",
        "This agency, year and indicator show {v} now ({how}); a value adopted here takes its "
        "place.",
    ),  # fmt: skip
    "cd_taken": ("已采用为数值（人工更正）。", "Adopted as a value (a correction)."),
    "cd_no_ind": ("指标待定", "indicator unknown"),
    "cd_no_agency": ("单位待定", "agency unknown"),
    "cd_no_year": ("年度待定", "year unknown"),
    "cd_adopt": ("采用为数值", "Use as a value"),
    "cd_ind_ph": ("请选择指标", "Choose an indicator"),
    "cd_reason_ph": (
        "例如：上年为8次，比上年增加1次，本年应为9次",
        "e.g. 8 the year before and 1 more, so 9 this year",
    ),
    "cd_save": ("采用并重建", "Adopt and rebuild"),
    "cd_need": ("请先选择或填写：{what}。", "Fill in first: {what}."),
    "cd_saved": (
        "已记入 data/corrections.csv 第{line}行，数据仓库已重建：{agency} {year}年“{ind}”现为 {v}（人工更正）。",
        "Saved to data/corrections.csv line {line}; the warehouse was rebuilt: {agency}, "
        "{year}, {ind} is now {v} (a correction).",
    ),  # fmt: skip
    "cd_not_shown": (
        "已记入 data/corrections.csv 第{line}行，数据仓库已重建，但{agency} {year}年“{ind}”显示的不是 {v}。{why}",
        "Saved to data/corrections.csv line {line} and rebuilt, but {agency}, {year}, {ind} "
        "does not show {v}. {why}",
    ),  # fmt: skip
    # parked reports on the review page (board/parked.py)
    "pk_title": ("待指定单位和年度的报告（{n}份）", "Reports waiting for an agency and year ({n})"),
    "pk_help": (
        "构建时无法确定这些报告的单位或年度，它们暂未载入。请根据原文指定单位和年度："
        "保存后记入 data/assignments.csv，数据仓库随即重建并载入该报告。",
        "The build could not tell these reports' agency or year, so they are not loaded. "
        "Assign them from the text: the assignment is saved in data/assignments.csv and the "
        "warehouse is rebuilt with the report.",
    ),  # fmt: skip
    "pk_viewer": (
        "构建时无法确定这些报告的单位或年度，它们暂未载入；有编辑权限的人可以为它们指定单位和年度。",
        "The build could not tell these reports' agency or year, so they are not loaded; an "
        "editor can assign them.",
    ),  # fmt: skip
    "pk_old": (
        "当前数据仓库是旧版本生成的，列不出待指定的报告；保存一次审核结果或导入文件（重建）后即可看到。",
        "The warehouse was built by an older version and cannot list the reports waiting for "
        "an agency and year; it will after the next rebuild.",
    ),  # fmt: skip
    "pk_shown": ("显示前 {k} 份。", "Showing the first {k}."),
    "pk_why": ("未载入的原因", "Why it is not loaded"),
    "pk_head": ("正文开头", "Beginning of the text"),
    "pk_agency": ("单位", "Agency"),
    "pk_agency_ph": ("请选择单位", "Choose an agency"),
    "pk_year": ("年度", "Year"),
    "pk_reason": ("依据（可不填）", "Why (optional)"),
    "pk_reason_ph": (
        "例如：正文第二段写明“2021年，区地震局……”",
        "e.g. the second paragraph names the year",
    ),
    "pk_assign": ("指定并重建", "Assign and rebuild"),
    "pk_need_agency": ("请先选择单位。", "Choose an agency first."),
    "pk_saved": (
        "已记入 data/assignments.csv 第{line}行，数据仓库已重建：{path} 已按 {agency} {year}年 载入。",
        "Saved to data/assignments.csv line {line}; the warehouse was rebuilt and {path} is "
        "loaded as {agency} {year}.",
    ),  # fmt: skip
    "pk_still": (
        "已记入 data/assignments.csv 第{line}行，但重建后 {path} 仍未载入：{reason}",
        "Saved to data/assignments.csv line {line}, but {path} is still not loaded: {reason}",
    ),  # fmt: skip
    # sidebar
    "f_header": ("筛选", "Filters"),
    "f_years": ("年份", "Years"),
    "f_agencies": ("单位", "Agencies"),
    "f_province": ("省", "Province"),
    "f_city": ("市", "City"),
    "f_county": ("区县", "District / county"),
    "f_region": ("地区", "Region"),
    "f_region_all": ("（全部）", "(all)"),
    "f_agencies_ph": ("请选择单位", "Choose agencies"),
    "f_demo": ("包含演示数据", "Include demo data"),
    "f_demo_help": (
        "演示数据不是真实报告，只用于展示看板；图中均有“演示数据”标注。",
        "Demo data are not real reports; every chart that uses them says so.",
    ),  # fmt: skip
    "f_lang": ("语言", "Language"),
    "f_link": (
        "复制浏览器地址栏中的链接，即可打开同样的视图。",
        "Copy the address bar to share this exact view.",
    ),  # fmt: skip
    # shared words
    "demo": ("演示数据", "demo data"),
    "real": ("真实数据", "real data"),
    "contains_demo": ("含演示数据", "includes demo data"),
    "unverified": ("未核实", "unverified"),
    "verified": ("已核实", "verified"),
    "corrected": ("已更正", "corrected"),
    "rejected": ("已否决", "rejected"),
    "method_text": ("报告原文", "report text"),
    "method_table": ("统计表", "table"),
    "method_correction": ("人工更正", "correction"),
    "method_ocr": ("扫描件文字识别", "OCR of a scan"),
    "scan_pages": (
        "扫描件原图与识别的句子（{n}页）",
        "Scanned pages beside the sentences read (OCR, {n} pages)",
    ),
    "scan_pick": ("扫描件页面", "Scanned page"),
    "ocr_reading": (
        "正在识别 {name} 第{page}/{pages}页",
        "Reading {name} by OCR, page {page} of {pages}",
    ),
    "scan_gone": (
        "原文件已不在 data/ 中或已被替换，无法显示原图。",
        "The file is gone from data/ or was replaced: no image.",
    ),
    "scan_page": (
        "扫描件第{page}页（文字识别，请对照原图核实）",
        "scan, page {page} (OCR: check against the image)",
    ),
    "hollow_unverified": ("空心点为未核实数值", "hollow points: unverified"),
    "bound_mark": ("“以上/约”为报告中的约数", "“+ / about”: bounds stated in the report"),
    "agency": ("单位", "Agency"),
    "year": ("年份", "Year"),
    "indicator": ("指标", "Indicator"),
    "area": ("领域", "Area"),
    "value": ("数值", "Value"),
    "status": ("状态", "Status"),
    "origin": ("数据类型", "Data"),
    "source": ("来源句子", "Source sentence"),
    "document": ("来源文件", "Source document"),
    "method": ("提取方式", "Method"),
    "yoy": ("同比", "YoY"),
    "yoy_pct": ("同比变化（%）", "YoY change (%)"),
    "sources_n": ("来源：{docs}", "Sources: {docs}"),
    "sources_more": ("{first}等{n}份文件", "{first} and {rest} more"),
    "sources_none": ("来源：无", "Sources: none"),
    "footnote_demo": ("其中{n}份为演示数据", "{n} of them demo data"),
    "click_hint": (
        "点击图中的点，可在此查看来源句子。",
        "Click a point to see its source sentence here.",
    ),
    "selected_sources": ("来源句子", "Source sentences"),
    "no_data": (
        "所选条件下没有数据。请放宽年份或单位，或勾选“包含演示数据”。",
        "Nothing matches these filters. Widen the years or agencies, or include demo data.",
    ),  # fmt: skip
    "no_agencies": ("请在左侧至少选择一个单位。", "Choose at least one agency on the left."),
    "building": (
        "正在根据 data/ 中的报告建立数据仓库，首次打开需要一点时间……",
        "Building the data warehouse from data/ (first run only)…",
    ),  # fmt: skip
    "built": ("数据仓库已建好。", "The data warehouse is ready."),
    "build_failed": (
        "建立数据仓库失败：{err}。请联系法制科，或在项目目录运行 python -m etl build 查看原因。",
        "Building the warehouse failed: {err}. Run python -m etl build to see why.",
    ),  # fmt: skip
    "no_builder": (
        "数据仓库不存在，且找不到建库程序（etl.build）。请在项目目录运行 python -m etl build 后刷新本页。",
        "No warehouse, and the builder (etl.build) is not available. Run python -m etl build, then reload.",
    ),  # fmt: skip
    "view_chart": ("图表", "Chart"),
    "view_table": ("表格", "Table"),
    # overview
    "ov_lead": ("{year}年要点（{agencies}）", "Highlights {year} ({agencies})"),
    "ov_cards": ("各领域主要指标", "Headline indicators by area"),
    "ov_no_value": ("本年无数据", "no data this year"),
    "ov_no_prev": ("上年无数据，无法计算同比", "no data for the year before"),
    "ov_spark": ("历年走势（{unit}）", "By year ({unit})"),
    "ov_coverage": ("数据覆盖", "What the data covers"),
    "ov_cov_no_docs": ("无报告", "no reports"),
    "ov_cov_demo": ("演示数据", "Demo data"),  # a column's header: 'demo data' is mid-sentence
    "ov_cov_missing": ("缺少", "Missing"),
    "ov_missing_areas": ("{year}年没有数据的领域：{areas}。", "No data in {year} for: {areas}."),
    # sentences (see SENTENCE below for the indicator-specific part)
    "s_up": ("同比增长{pct}", "up {pct} on the year before"),
    "s_down": ("同比下降{pct}", "down {pct} on the year before"),
    "s_up_abs": ("比上年增加{d}", "{d} more than the year before"),
    "s_down_abs": ("比上年减少{d}", "{d} fewer than the year before"),
    "s_matched": (
        "（同比按两年均有数据的{n}个单位计算）",
        " (comparing the {n} agencies with both years)",
    ),
    "ov_matched": (
        "同比按两年均有数据的{n}个单位计算",
        "change over the {n} agencies with both years",
    ),
    "ov_docs": ("来源：{n}份文件", "Sources: {n} documents"),
    "ov_docs_demo": ("来源：{n}份文件（{d}份演示数据）", "Sources: {n} documents ({d} demo)"),
    "s_flat": ("与上年持平", "the same as the year before"),
    "s_no_prev": ("上年无可比数据", "no figure for the year before"),
    "s_max": ("为近{n}年最高", "the highest in {n} years"),
    "s_min": ("为近{n}年最低", "the lowest in {n} years"),
    "s_demo": ("（演示数据）", " (demo data)"),
    # trends
    "tr_indicators": ("指标", "Indicators"),
    "tr_mode": ("显示", "Show"),
    "tr_mode_value": ("数值", "Values"),
    "tr_mode_yoy": ("同比变化", "Year-over-year change"),
    "tr_chart_title": ("{name}（{unit}）", "{name} ({unit})"),
    "tr_chart_multi": (
        "所选指标历年变化（单位见各分图）",
        "Chosen indicators by year (units per panel)",
    ),
    "tr_yoy_title": ("{name}同比变化（%）", "{name}: change on the year before (%)"),
    "tr_yoy_multi": ("所选指标同比变化（%）", "Chosen indicators: change on the year before (%)"),
    "tr_gaps": (
        "断开处表示该年没有数据（不是零）。",
        "Breaks in a line are missing years, not zeros.",
    ),
    # comparison
    "cmp_bars": ("{y0}–{y1}年各单位主要指标", "Headline indicators by agency, {y0}–{y1}"),
    "cmp_bars_1": ("{y0}年各单位主要指标", "Headline indicators by agency, {y0}"),
    "cmp_panel": ("{area}：{name}（{unit}）", "{area}: {name} ({unit})"),
    "cmp_first_last": ("{y0}年与{y1}年对比", "{y0} versus {y1}"),
    "cmp_first_last_note": (
        "每个单位取所选范围内最早和最晚有数据的年份。",
        "For each agency: the first and the last year with data in the range.",
    ),  # fmt: skip
    "cmp_change": ("变化", "Change"),
    "cmp_fl_title": ("各单位首年与末年主要指标", "First and last year by agency"),
    "cmp_view": ("查看", "Show"),
    "cmp_view_years": ("各年各单位", "Each year by agency"),
    "cmp_view_first_last": ("首年与末年", "First and last year"),
    "ov_latest": ("最近一次：{year}年 {v}", "latest: {v} in {year}"),
    "cmp_first": ("首年", "First year"),
    "cmp_last": ("末年", "Last year"),
    # approvals
    "ap_items": ("审批事项与“一次办好”事项（项）", "Approval items and one-visit items (items)"),
    "ap_days": (
        "办理时限：压缩前后（工作日）",
        "Time limits before and after the cut (working days)",
    ),
    "ap_table": ("明细表", "Details"),
    "ap_derived": ("推算：由压缩前后时限计算", "derived from the time limits before and after"),
    "ap_before": ("压缩前", "before"),
    "ap_after": ("压缩后", "after"),
    "ap_kind": ("类别", "Kind"),
    # sources
    "src_docs": ("已载入的文件（{n}份）", "Documents loaded ({n})"),
    "src_facts": ("提取到的数值（{n}条）", "Values found ({n})"),
    "src_indicators": ("按指标筛选", "Filter by indicator"),
    "src_all_ind": ("全部指标", "all indicators"),
    "src_page": ("页码（每页{n}条）", "Page ({n} per page)"),
    "src_conflicts": ("来源之间不一致（{n}处）", "Sources that disagree ({n})"),
    "src_conflicts_none": ("所选范围内各来源数值一致。", "No disagreements in this selection."),
    "src_rejected": ("未能载入的文件（{n}份）", "Files not loaded ({n})"),
    "src_rejected_none": ("所有文件均已载入。", "Every file was loaded."),
    "src_shown": ("显示", "Shown"),
    "src_other_values": ("其他来源的数值", "Other values"),
    "src_n_sources": ("来源数", "Sources"),
    "src_kind": ("类型", "Kind"),
    "src_title_col": ("标题", "Title"),
    "src_path": ("文件", "File"),
    "src_facts_col": ("数值条数", "Values"),
    "src_reason": ("原因", "Reason"),
    "src_detail": ("详情", "Detail"),
    "src_run": (
        "最近一次建库：{when}，读取{seen}份文件，载入{loaded}份，提取{facts}条数值。",
        "Last build: {when}; {seen} files seen, {loaded} loaded, {facts} values.",
    ),  # fmt: skip
    "kind_report": ("报告", "report"),
    "kind_table": ("统计表", "table"),
    # exported images and tables (board/export.py)
    "exported": ("导出自法治指标看板，{d}", "Exported from the rule-of-law board, {d}"),
    "unit_col": ("计量单位", "Unit"),
    "as_written": ("原文写法", "As written"),
    "kind": ("类别", "Kind"),
    "agency_id": ("单位代码", "Agency id"),
    "indicator_id": ("指标代码", "Indicator id"),
    "sheet_data": ("数据", "Data"),
    "sheet_notes": ("说明", "Notes"),
    "n_title": ("标题", "Title"),
    "n_sources": ("来源", "Sources"),
    "n_exported": ("导出时间", "Exported"),
    "n_rows": ("数据行数", "Rows"),
    "n_units": ("计量单位", "Units"),
    "n_notes": ("说明", "Notes"),
    "n_docs": ("来源文件", "Source documents"),
    "note_value": (
        "“数值”为报告中的数字；“原文写法”保留“以上”“约”等限定词，数值为其下限或约数。",
        "'Value' is the number in the report; 'As written' keeps bounds such as "
        "'10+' or 'about', where the value is the bound.",
    ),  # fmt: skip
    "note_missing": (
        "没有数据的年份不列出（不是零）。",
        "Years without a value are not listed (not zero).",
    ),
    "note_demo": (
        "“数据类型”为“演示数据”的行不是真实报告，仅用于演示。",
        "Rows whose data type is 'demo data' are not from real reports.",
    ),  # fmt: skip
    "banner_demo": (
        "演示数据：本图含虚构的演示数字，不是真实报告的数字，请勿引用。",
        "DEMO DATA: invented figures, not from real reports. Do not quote.",
    ),
    "n_warning": ("注意", "Warning"),
    "note_unverified": (
        "“状态”为“未核实”的数值尚未经法制科核对。",
        "Values whose status is 'unverified' have not been checked yet.",
    ),  # fmt: skip
    # download menu beside a chart (board/export_ui.py)
    "dl_menu": ("下载", "Download"),
    "dl_png": ("图片 PNG", "Image PNG"),
    "dl_svg": ("矢量图 SVG", "Vector SVG"),
    "dl_pdf": ("PDF", "PDF"),
    "dl_csv": ("数据 CSV", "Data CSV"),
    "dl_xlsx": ("数据 Excel", "Data Excel"),
    "dl_help_png": ("高清图片（2倍），可直接放入幻灯片", "Sharp image (2×) for slides"),
    "dl_help_svg": (
        "矢量图：放大不失真（打开的电脑需有中文字体）",
        "Vector image (needs a Chinese font where it is opened)",
    ),
    "dl_help_pdf": ("PDF：中文字体已嵌入，可直接打印", "PDF with the Chinese font embedded"),
    "dl_help_csv": ("表格数据，UTF-8（Excel 可直接打开）", "The numbers, UTF-8 (opens in Excel)"),
    "dl_help_xlsx": (
        "Excel 工作簿：数据、计量单位、来源和说明",
        "Workbook: numbers, units, sources and notes",
    ),
    # the meeting pack (board/deck.py) and its page
    "pack": ("会议材料", "Meeting pack"),
    "deck_title": ("{year}年度法治政府建设主要指标", "Rule-of-law indicators {year}"),
    "deck_sub": ("单位：{agencies}", "Agencies: {agencies}"),
    "deck_period": ("数据范围：{y0}–{y1}年", "Period: {y0}–{y1}"),
    "deck_date": ("会议材料 · {d}", "Meeting pack · {d}"),
    "deck_demo": (
        "演示数据：本材料的数字含虚构的演示数据，不是真实报告的数字，请勿在会上引用。",
        "DEMO DATA: these figures include invented demo data, not from real reports. "
        "Do not quote them.",
    ),  # fmt: skip
    "slide_demo": (
        "演示数据：本页数字为虚构的演示数据，不是真实报告的数字",
        "DEMO DATA: invented figures on this slide, not from real reports",
    ),
    "slide_title": (
        "{name}（{unit}）：{agencies}，{y0}–{y1}年",
        "{name} ({unit}): {agencies}, {y0}–{y1}",
    ),
    "slide_title_1": ("{name}（{unit}）：{agencies}，{y1}年", "{name} ({unit}): {agencies}, {y1}"),
    "notes_key": ("要点：{s}", "Takeaway: {s}"),
    "notes_cover": ("范围：{agencies}，{y0}–{y1}年。", "Covers {agencies}, {y0}–{y1}."),
    "notes_docs": ("来源文件：", "Source documents:"),
    "notes_quotes": ("{year}年的原文：", "Source sentences for {year}:"),
    "made": ("{y}年{m}月{d}日", "{y}-{m:02d}-{d:02d}"),
    # the 会议材料 page
    "pg_intro": (
        "选择年份和图表，下载 16:9 的 PPT 或同样内容的 PDF：首页（单位、年份、日期），每张图一页，"
        "附一句要点和来源（来源也在备注中）。",
        "Choose a year and charts, then download a 16:9 PowerPoint or the same pages as PDF: "
        "a title slide, one slide per chart with a takeaway, and the sources (also in the notes).",
    ),
    "pg_year": ("年份", "Year"),
    "pg_mode": ("图表", "Charts"),
    "pg_areas": ("五个领域", "The five areas"),
    "pg_pick": ("自选指标", "Choose indicators"),
    "pg_inds": ("指标（每个指标一页）", "Indicators (a slide each)"),
    "pg_slides": ("共{n}页：", "{n} slides:"),
    "pg_pptx": ("下载 PPT", "Download PowerPoint"),
    "pg_pdf": ("下载 PDF", "Download PDF"),
    "pg_skipped": (
        "以下指标在所选范围内没有数据，未生成幻灯片：{names}",
        "No data, so no slide, for: {names}",
    ),
    "pg_preview": ("预览图表", "Preview the chart"),
    # a slide's takeaway (board/takeaway.py)
    "tk_no_value": ("{year}年没有{name}的数据。", "No figure for {name} in {year}."),
    # disputed values (board/disputes.py)
    "dp_label": ("有争议", "disputed"),
    "dp_note_col": ("争议说明", "Why disputed"),
    "dp_yes": ("是", "yes"),
    "dp_conflict": (
        "来源不一致：{shown}取自{method}，另有来源为{others}",
        "sources disagree: {shown} from the {method}, another source gives {others}",
    ),
    "dp_chart_note": (
        "红圈为有争议的数值（来源不一致，或与报告中“比上年”的说法不符）",
        "red ring: disputed value (sources disagree, or a year-on-year claim does not hold)",
    ),
    "dp_spark_note": ("红圈：有争议", "red ring: disputed"),  # a sparkline's subtitle is short
    "dp_claim": (
        "与报告中“比上年”的说法不符：{note}",
        "a year-on-year claim does not hold: {note}",
    ),
    "dp_footnote": ("有争议：{items}。", "Disputed: {items}."),
    "dp_item": (
        "{agency}{year}年{indicator}{value}（{note}）",
        "{agency} {year} {indicator} {value} ({note})",
    ),
    "dp_count_years": ("有争议{n}处（{years}）", "{n} disputed ({years})"),
    "dp_xlsx_note": (
        "“有争议”为“是”的数值，其来源之间不一致，引用前请先核对（见“争议说明”）。",
        "Values marked disputed have sources that disagree: check them before quoting.",
    ),
    # whose figure a headline is (board/scope.py)
    "sc_whole": ("全局合计（{n}个单位）", "Bureau-wide total ({n} agencies)"),
    "sc_sum": ("{n}个单位合计（{names}）", "Total of {n} agencies ({names})"),
    "sc_only": ("仅{name}", "{name} only"),
    "sc_each": ("各单位分列（{n}个单位，不作平均）", "By agency ({n} agencies, not averaged)"),
    "sc_none": ("本年无数据", "no data this year"),
    "sc_best": ("最高", "highest"),
    "sc_best_low": ("最低", "lowest"),
    "sc_range": ("各单位在{lo}至{hi}之间", "agencies range from {lo} to {hi}"),
    # claims about another year on the quality page (board/claims_ui.py)
    "cl_title": (
        "前后年度说法不符或无法核对（{n}）",
        "Claims about another year that do not hold or cannot be checked ({n})",
    ),
    "cl_help": (
        "报告中“比上年增加3次”“同比下降15%”“与上年持平”“连续三年零复议”等说法，按两年的数字逐条核对。"
        "不符：报告说法与数字对不上，可能是数字读错，也可能是报告写错，请到“审核”核对两句原文；"
        "无法核对：缺少所比年度的数字。",
        "Claims such as 比上年增加3次 are checked against the figures of both years. Inconsistent: "
        "the claim and the figures disagree (a misread figure or a misstated report: check both "
        "sentences on the review page); unverifiable: the other year's figure is missing.",
    ),
    "cl_none": (
        "报告中与上年比较的说法都与数字相符（共核对 {n} 条）。",
        "Every claim about another year agrees with the figures ({n} checked).",
    ),
    "cl_old": (
        "数据仓库是旧版本，还没有核对结果；重新构建后即可看到。",
        "The warehouse predates the claim check; rebuild it to see the results.",
    ),
    "cl_cols": (
        "单位|年度|指标|结论|报告原句|所比年度的数字（原句）|核对说明|审核",
        "Agency|Year|Indicator|Verdict|The claim|The other year's figure|Check|Review",
    ),
    "cl_inconsistent": ("不符", "inconsistent"),
    "cl_unverifiable": ("无法核对", "unverifiable"),
    "cl_missing": ("（缺少该年数字）", "(no figure for that year)"),
    "cl_link": ("去审核", "review"),
    "cl_demo": ("演示", "demo"),
    "cl_counts": (
        "共核对 {total} 条说法：相符 {ok}，不符 {bad}，无法核对 {unk}。",
        "{total} claims checked: {ok} consistent, {bad} inconsistent, {unk} unverifiable.",
    ),
    # the report draft on the meeting page (board/draft_ui.py)
    "dr_title": ("报告数字部分草稿（Word）", "Draft of the report's figures (Word)"),
    "dr_intro": (
        "按所选年度的数字写出报告的数字段落：各领域一段，附“比上年”比较；每个数字的来源在脚注中；"
        "尚未核实的数字标黄，有争议的标粉；缺少的数字留作【待补】，不会编造。",
        "The figures paragraphs of the year's report, one per area with year-on-year "
        "comparisons; each figure's source in a footnote; unverified figures yellow, disputed "
        "ones pink; missing figures left as visible blanks, never invented.",
    ),
    "dr_agency": ("单位", "Agency"),
    "dr_kind": ("报告类型", "Report"),
    "dr_fazhi": ("法治政府建设情况报告", "rule-of-law report"),
    "dr_xxgk": ("政府信息公开工作年度报告", "government information disclosure report"),
    "dr_button": ("下载草稿（Word）", "Download the draft (Word)"),
    "dr_summary": (
        "{year}年：{n} 个数字，其中尚未核实 {unverified} 个、有争议 {disputed} 个；待补 {blanks} 处。",
        "{year}: {n} figures, {unverified} unverified, {disputed} disputed; {blanks} blanks.",
    ),
    "dr_nothing": (
        "{agency}{year}年没有可写入这类报告的数字。",
        "{agency} has no figures for this report in {year}.",
    ),
    "dr_demo": (
        "含演示数据：草稿首页会注明。",
        "Includes demo data: the draft says so on its first page.",
    ),
    # the demo data notice at the top of every page (board/demo_banner.py)
    "demo_banner_text": (
        "演示数据：本看板正在显示虚构的演示数据（data/demo/），数字不是真实报告的数字，请勿引用。"
        "只看真实数据：在侧栏关闭“包含演示数据”。",
        "DEMO DATA: this board is showing invented demo figures (data/demo/), not real "
        "reports. Do not quote them. For real data only, turn off “Include demo data” in "
        "the sidebar.",
    ),
    "demo_banner_off": ("不再提示", "Hide notice"),
    "demo_banner_off_help": (
        "在本次会话中不再显示这条提示（换页和复制的链接都保持关闭）；导出的文件仍标注演示数据。",
        "Hide this notice for the session (kept across pages and in a copied link); "
        "exported files still say demo data.",
    ),
}

# Why a number was set aside (etl/model.py CANDIDATE_REASONS has the full sentence), in a
# few words for filters and counts.
REASON_SHORT: dict[str, tuple[str, str]] = {
    "delta": ("与上年增减", "change on a year"),
    "stock": ("累计或现有总量", "cumulative total"),
    "part": ("总数中的一部分", "part of a total"),
    "other_body": ("其他单位", "another body"),
    "other_year": ("其他年度", "another year"),
    "plan": ("计划或目标", "plan or target"),
    "frequency": ("频次要求", "frequency rule"),
    "range": ("数值区间", "range"),
    "period": ("不是全年", "part of the year"),
    "ambiguous": ("指标不明", "indicator unclear"),
    "no_owner": ("单位不明", "owner unclear"),
    "unidentified_document": ("报告单位或年度未定", "report not identified"),
}


# How a leader would say the headline value of an indicator: "{v}" is the value with unit.
SENTENCE: dict[str, tuple[str, str]] = {
    "inspections": ("开展执法检查{v}", "carried out enforcement inspections {v}"),
    "cases": ("办理执法案件{v}", "handled {v} in law enforcement"),
    "trainings": ("组织学法培训{v}", "held {v} of law training"),
    "disclosures_proactive": ("主动公开政府信息{v}", "proactively disclosed {v}"),
    "approval_time_cut_pct": ("审批办理时限压缩{v}", "cut approval times by {v}"),
    "normative_documents": ("制发规范性文件{v}", "issued normative documents: {v}"),
}
