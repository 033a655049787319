"""Write the demo corpus (data/demo/) and its golden facts (tests/golden/demo_expected.jsonl).

Deterministic: fixed seeds, fixed file timestamps inside .docx/.xlsx; running it twice gives
identical files. The figures below are invented (演示数据), except that 2018 keeps the figures
of the real 2018 report in data/reports/, so the series stays consistent.

    python scripts/make_demo_corpus.py [--data DIR] [--golden FILE]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import re
import shutil
import sys
import zipfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etl.catalog import load as load_catalog  # noqa: E402
from synth import Report, make_report  # noqa: E402

KJJ = "周村区科学技术局"
IP = "周村区知识产权局"
EQ = "周村区地震局"
YEARS = list(range(2016, 2026))
NOTICE = "（演示数据：本报告为虚构示例，数字不代表真实情况）"
AL, AB = "at_least", "about"
_ = None

# ------------------------------------------------------------------ the figures, per year
# One list per indicator for 2016…2025; None: not reported that year (a gap);
# (value, qualifier) for a bound.
SERIES: dict[str, dict[str, list]] = {
    KJJ: {
        "inspection_plans": [_, 1, 1, 1, 1, 2, 2, 2, 2, 2],
        "inspections": [8, 10, 12, 14, 9, 13, 14, 15, 17, 16],
        "inspected_entities": [_, _, _, 35, 22, 40, 46, 52, _, 58],
        "certified_officers": [6, 6, _, 7, 8, 8, 9, _, 9, 10],
        "cases": [6, 9, 11, 8, 5, 10, 7, 12, 9, 6],
        "online_case_rate": [_, (95, AL), 100, 100, 100, 100, _, 100, 100, 100],
        "reconsideration_cases": [0, 0, 0, 0, 0, 1, 0, 0, _, 0],
        "litigation_cases": [0, _, _, 0, 0, 0, _, 0, 1, 0],
        "trainings": [4, _, 6, 7, 8, (10, AL), 10, 11, 12, 12],
        "training_attendance": [_, _, _, 120, _, (200, AB), 230, 260, _, 300],
        "law_exam_pass_rate": [_, 100, _, 100, _, _, 100, _, 100, _],
        "legal_meetings": [2, 2, _, 3, 3, 4, 4, _, 5, 4],
        "disclosures_proactive": [30, 36, _, 55, 61, 68, _, 80, 86, 90],
        "disclosure_requests": [0, 0, 0, 1, 0, 2, 0, 1, 0, 3],
        "approval_items": [_, _, _, 3, 3, 4, 4, 5, 5, 5],
        "one_visit_items": [_, _, _, 2, 3, 4, 4, 5, 5, 5],
        "approval_days_before": [_, 20, 20, 20, 20, 20, 20, 20, 20, 20],
        "approval_days_after": [_, 15, 12, 10, 8, 6, 5, 4, 3, 3],
        "approval_time_cut_pct": [_, 25, 40, 50, 60, 70, 75, 80, 85, 85],
        "contracts_reviewed": [2, 1, 3, 4, 2, 5, 3, 6, 4, 5],
        "legal_reviews": [_, _, _, 6, 5, 8, 7, 9, 10, 9],
        "normative_documents": [0, _, _, 1, 0, 1, 0, _, 1, 0],
    },
    IP: {
        "inspections": [4, 5, _, 6, 3, 6, 7, 8, 8, 9],
        "cases": [3, 5, _, 6, 2, 5, 4, 6, 5, 4],
        "penalty_case_files": [2, 3, 4, 3, 2, 4, 3, 5, 4, 3],
        # written only in the IP office's own reports (and the approval table)
        "trainings": [_, _, _, 3, _, _, _, 5, _, _],
        "certified_officers": [_, _, _, 4, _, _, _, 5, _, _],
        "online_case_rate": [_, _, _, 100, _, _, _, 100, _, _],
        "disclosures_proactive": [_, _, _, _, _, 21, _, _, _, _],
        "disclosure_requests": [_, _, _, _, _, 0, _, _, _, _],
        "reconsideration_cases": [_, _, _, _, _, 0, _, _, _, _],
        "litigation_cases": [_, _, _, _, _, 0, _, _, _, _],
        "approval_items": [_, _, _, _, _, 1, 1, 1, 1, 1],
        "one_visit_items": [_, _, _, _, _, 1, 1, 1, 1, 1],
    },
    EQ: {
        "approval_items": [_, 2, 2, 2, 2, 2, 2, 2, 2, 2],
        "approval_volume": [_, _, _, 16, 12, 19, 23, 26, 28, 29],
        "one_visit_items": [_, _, _, 2, 2, 2, 2, 2, 2, 2],
        "approval_days_before": [_, 20, 20, 20, 20, 20, 20, 20, 20, 20],
        "approval_days_after": [_, 15, 10, 8, 6, 5, 5, 4, 3, 2],
        "approval_time_cut_pct": [_, 25, 50, 60, 70, 75, 75, 80, 85, 90],
        "inspections": [2, 2, _, 3, 2, 3, 4, 4, 3, 4],
        "trainings": [_, _, _, _, 2, _, 3, _, _, _],  # own reports only
    },
}
# What the bureau's own report says about its subordinates (as the real report does).
IN_BUREAU_REPORT = {
    IP: {"inspections", "cases", "penalty_case_files"},
    EQ: {"approval_items", "approval_volume", "one_visit_items", "approval_days_before",
         "approval_days_after", "approval_time_cut_pct", "inspections"},
}  # fmt: skip

# (agency, year, style, title, file format, encoding, line ends)
DOCS = [
    (KJJ, 2016, "fazhi", "区科技局2016年度法治政府建设情况报告", "txt", "utf-8", "\n"),
    (KJJ, 2017, "fazhi", "周村区科学技术局2017年度法治政府建设工作报告", "txt", "gb18030", "\n"),
    (KJJ, 2018, "fazhi", "周村区科技局2018年度法治政府建设情况报告", "txt", "utf-8", "\n"),
    (KJJ, 2019, "fazhi", "区科技局2019年度法治政府建设情况报告", "docx", "", ""),
    (KJJ, 2020, "fazhi", "周村区科技局2020年法治政府建设工作情况报告", "txt", "utf-8", "\r\n"),
    (KJJ, 2021, "fazhi", "周村区科技局关于2021年度法治政府建设工作的报告", "txt", "utf-8", "\n"),
    (KJJ, 2022, "fazhi", "区科学技术局2022年度法治政府建设情况报告", "txt", "gb18030", "\n"),
    (KJJ, 2023, "fazhi", "周村区科学技术局2023年法治政府建设情况报告", "txt", "utf-8", "\n"),
    (KJJ, 2024, "fazhi", "区科技局关于2024年法治政府建设情况的报告", "docx", "", ""),
    (KJJ, 2025, "fazhi", "周村区科学技术局2025年度法治政府建设情况报告", "txt", "utf-8", "\n"),
    (IP, 2019, "fazhi", "区知识产权局2019年度法治政府建设情况报告", "txt", "utf-8", "\n"),
    (IP, 2021, "xxgk", "周村区知识产权局2021年政府信息公开工作年度报告", "txt", "utf-8", "\n"),
    (IP, 2023, "fazhi", "周村区知识产权局2023年度法治政府建设工作报告", "txt", "utf-8", "\n"),
    (EQ, 2020, "fazhi", "区地震局2020年度法治政府建设情况报告", "txt", "utf-8", "\n"),
    (EQ, 2022, "fazhi", "周村区地震局关于2022年度法治政府建设工作的报告", "txt", "utf-8", "\n"),
]  # fmt: skip

# The 2024 Word report puts these figures of the bureau in a table instead of sentences.
TABLE_2024 = [("执法检查次数", "inspections", "次"), ("学法培训次数", "trainings", "次"),
              ("主动公开政府信息", "disclosures_proactive", "条"),
              ("审核政府合同", "contracts_reviewed", "件")]  # fmt: skip

APPROVAL_XLSX = "周村区审批提速统计表（演示）.xlsx"
APPROVAL_YEARS = list(range(2019, 2026))
APPROVAL_ROWS = [  # (单位 as written, agency, indicator)
    *[("周村区科学技术局", KJJ, i) for i in ("approval_items", "one_visit_items",
      "approval_days_before", "approval_days_after", "approval_time_cut_pct")],
    *[("区知识产权局", IP, i) for i in ("approval_items", "one_visit_items")],
    *[("区地震局", EQ, i) for i in ("approval_items", "one_visit_items",
      "approval_days_before", "approval_days_after", "approval_time_cut_pct")],
]  # fmt: skip
INSPECT_CSV = "周村区执法检查统计（演示）.csv"
INSPECT_ROWS = [(KJJ, "inspections"), (KJJ, "inspection_plans"), (KJJ, "inspected_entities"),
                (IP, "inspections"), (EQ, "inspections")]  # fmt: skip
# The one deliberate disagreement: the CSV counts 15 inspections for the bureau in 2021
# (joint inspections with other departments included), the 2021 report says 13.
CONFLICT = (KJJ, 2021, "inspections", 15, "含配合市级部门开展的联合检查")
# The one deliberately misstated claim: the bureau's 2023 report takes its 2022 count of
# inspected firms as 48 (it was 46), so it says 检查对象52家，比上年增加4家 where the facts
# give +6; `python -m etl check` and 数据质量 show it as inconsistent, and the trends mark
# both years' values. Its facts are unchanged (the claim is never a fact). Not on a
# headline indicator, so the charts of inspections keep their one conflict (2021).
MISSTATED = {(KJJ, 2023): {(KJJ, "inspected_entities"): 48}}

FIXED_TIME = datetime(2026, 1, 1, 0, 0, 0)
ZIP_TIME = (2026, 1, 1, 0, 0, 0)

README = """\
# 演示数据（DEMO DATA）

本文件夹中的全部文件都是**演示数据**：报告和表格中的数字均为虚构，不代表周村区科学技术局、
周村区知识产权局、周村区地震局的真实工作情况（唯一例外：2018 年的数字沿用 `data/reports/`
中真实报告的数字，以便序列前后一致）。这些文件只用于试用看板：看板会把来自本文件夹的数据
标注为“演示”。正式使用时，请删除 `data/demo/` 文件夹（或不予理会），只在 `data/reports/`
和 `data/tables/` 中放入真实材料。

内容：

- `reports/周村区科学技术局/`：2016—2025 年每年一份法治政府建设情况报告，同时报告其所属
  区知识产权局和内设区地震局的数字。格式有意多样：多数为 UTF-8 文本，2017 和 2022 年为
  GB18030 编码文本，2020 年为 Windows 换行（CRLF），2019 和 2024 年为 Word（.docx），
  其中 2024 年的部分数字放在 Word 表格里。每份报告第二行注明“演示数据”。
- `reports/周村区知识产权局/`、`reports/周村区地震局/`：两个下属单位自己的报告（知识产权局
  2019、2021（政府信息公开年度报告）、2023 年；地震局 2020、2022 年），数字与科技局报告中
  的同年数字一致。
- `tables/周村区审批提速统计表（演示）.xlsx`：宽表（单位、指标、2019…2025），审批提速指标。
- `tables/周村区执法检查统计（演示）.csv`：长表（单位,年度,指标,数值,计量单位,备注）。

**有意设置的一处不一致**：`周村区执法检查统计（演示）.csv` 中周村区科学技术局 2021 年
“执法检查次数”为 15（备注：含配合市级部门开展的联合检查），而 2021 年报告写的是 13 次。
这是为了让看板有一处数据冲突可以展示；其余表格数字均与报告一致。

**有意写错的一处“比上年”说法**：2023 年科技局报告写“本局随机抽取检查对象52家，比上年增加
4家”，而 2022 年报告中的检查对象是 46 家（实际增加 6 家）。这是为了让 `python -m etl check`
和“数据质量”页有一处前后年度说法不一致可以展示（退出码 3），趋势图上两年的数值也标为有争议；
报告中其余“比上年增加/减少”的说法都与数据相符。这句话的事实（52 家）不受影响。

每份文件应当提取出的指标事实列在 `tests/golden/demo_expected.jsonl` 中；本文件夹由
`scripts/make_demo_corpus.py` 生成，请勿手工修改（修改脚本后重新运行即可，结果是确定的）。

---

# Demo data

Everything in this folder is **demo data** (演示数据): the figures in these reports and
tables are invented and do not describe the real work of the Zhoucun district science
bureau, its IP office or its earthquake bureau (the one exception: 2018 keeps the figures
of the real report in `data/reports/`, so the series stays consistent). The files are here
so the dashboard can be tried out; the dashboard labels data from this folder as demo. For
real use, delete `data/demo/` (or ignore it) and put real material in `data/reports/` and
`data/tables/`.

Contents: one rule-of-law report a year for 2016–2025 by the science bureau (also reporting
for its IP office and earthquake bureau), in mixed formats on purpose (UTF-8 text, GB18030
text for 2017 and 2022, CRLF line ends for 2020, Word for 2019 and 2024 — the 2024 one with
some figures in a Word table); a few reports by the IP office (2019, 2021 disclosure report,
2023) and the earthquake bureau (2020, 2022) whose figures agree with the bureau's; a wide
XLSX table of approval speed-up figures and a long CSV of inspection counts. The second
line of every demo report says it is demo data.

**One deliberate disagreement**: the CSV gives the science bureau 15 inspections in 2021
(note: joint inspections with city departments included) where the 2021 report says 13, so
the dashboard has a conflict to show. Every other table value agrees with the reports.

**One deliberately misstated claim**: the bureau's 2023 report says it inspected 52 firms,
"4 more than last year", where its 2022 figure is 46 (+6), so that `python -m etl check`
(exit 3), 数据质量 and the trends (both years marked disputed) have a cross-year
inconsistency to show. Every other 比上年 claim agrees with the figures; the fact itself
(52) is unchanged.

The facts each file should yield are in `tests/golden/demo_expected.jsonl`. This folder is
generated by `scripts/make_demo_corpus.py` (deterministic); edit the script, not the files.
"""


def figure(agency: str, ind: str, year: int):
    """(value, qualifier) or None."""
    v = SERIES[agency].get(ind, [None] * len(YEARS))[year - YEARS[0]]
    if v is None:
        return None
    return v if isinstance(v, tuple) else (v, None)


def figures_for(agency: str, year: int) -> dict:
    figs = {}
    owners = [agency] + ([IP, EQ] if agency == KJJ else [])
    for owner in owners:
        for ind in SERIES[owner]:
            if owner != agency and ind not in IN_BUREAU_REPORT[owner]:
                continue
            f = figure(owner, ind, year)
            if f is not None:
                figs[(owner, ind)] = f
    return figs


def fact(doc: str, agency: str, year: int, ind: str, value, qual=None) -> dict:
    v = int(value) if float(value).is_integer() else float(value)
    return {"doc": doc, "agency": agency, "year": year, "indicator": ind, "value": v,
            "qualifier": qual}  # fmt: skip


# ------------------------------------------------------------------------ the writers


def _normalise_zip(data: bytes) -> bytes:
    """Same bytes every run: fixed member timestamps and fixed core-property dates."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                blob = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                              rb"\g<1>2026-01-01T00:00:00Z", blob)  # fmt: skip
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, blob)
    return out.getvalue()


def write_docx(path: Path, rep: Report, table: list[tuple[str, str]] | None = None) -> None:
    from docx import Document

    doc = Document()
    cp = doc.core_properties
    cp.author = "演示数据"
    cp.last_modified_by = "演示数据"
    cp.title = rep.title
    cp.created = cp.modified = FIXED_TIME
    cp.revision = 1
    lines = [ln for ln in rep.text.split("\n") if ln.strip()]
    for i, line in enumerate(lines):
        doc.add_paragraph(line)
        if table and i == 2:  # after the opening paragraph
            doc.add_paragraph("全年主要法治工作数据见下表。")
            t = doc.add_table(rows=1 + len(table), cols=2)
            t.style = "Table Grid"
            t.cell(0, 0).text, t.cell(0, 1).text = "指标", "数值"
            for r, (name, value) in enumerate(table, start=1):
                t.cell(r, 0).text, t.cell(r, 1).text = name, value
    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(_normalise_zip(buf.getvalue()))


def write_xlsx(path: Path, header: list, rows: list[list]) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "审批提速"
    ws.append(header)
    for row in rows:
        ws.append(row)
    ws.column_dimensions["A"].width = 20
    ws.column_dimensions["B"].width = 18
    wb.properties.creator = "演示数据"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(_normalise_zip(buf.getvalue()))


def build(data_dir: Path, golden: Path) -> list[dict]:
    demo = data_dir / "demo"
    for sub in ("reports", "tables"):
        shutil.rmtree(demo / sub, ignore_errors=True)
    demo.mkdir(parents=True, exist_ok=True)
    (demo / "README.md").write_text(README, encoding="utf-8")
    zh = {i.id: i.zh for i in load_catalog().indicators}
    expected: list[dict] = []

    for agency, year, style, title, fmt, enc, eol in DOCS:
        figs = figures_for(agency, year)
        table = []
        if agency == KJJ and year == 2024:  # these go into the Word table
            for name, ind, unit in TABLE_2024:
                v, _q = figs.pop((KJJ, ind))
                table.append((name, f"{v}{unit}", ind, v))
        prev = figures_for(agency, year - 1) if year > YEARS[0] else {}
        for key, wrong in MISSTATED.get((agency, year), {}).items():
            prev[key] = (wrong, None)
        rng = random.Random(f"demo:{agency}:{year}:{style}")
        rep = make_report(agency, year, figs, rng, [IP, EQ] if agency == KJJ else [], style,
                          title=title, notice=NOTICE, prev=prev)  # fmt: skip
        folder = demo / "reports" / agency
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{title}.{fmt}"
        if fmt == "docx":
            write_docx(path, rep, [(n, s) for n, s, _i, _v in table])
        else:
            path.write_bytes(rep.text.replace("\n", eol).encode(enc))
        doc = path.relative_to(data_dir).as_posix()
        expected += [{"doc": doc, **e} for e in rep.expected]
        expected += [fact(doc, KJJ, year, ind, v) for _n, _s, ind, v in table]

    # the wide approval table
    tables = demo / "tables"
    tables.mkdir(parents=True, exist_ok=True)
    doc = (tables / APPROVAL_XLSX).relative_to(data_dir).as_posix()
    rows = []
    for written, agency, ind in APPROVAL_ROWS:
        row = [written, zh[ind]]
        for y in APPROVAL_YEARS:
            f = figure(agency, ind, y)
            row.append(f[0] if f else None)
            if f:
                expected.append(fact(doc, agency, y, ind, f[0]))
        rows.append(row)
    write_xlsx(tables / APPROVAL_XLSX, ["单位", "指标", *map(str, APPROVAL_YEARS)], rows)

    # the long inspection table, with the one deliberate disagreement
    doc = (tables / INSPECT_CSV).relative_to(data_dir).as_posix()
    units = {i.id: i.unit for i in load_catalog().indicators}
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["单位", "年度", "指标", "数值", "计量单位", "备注"])
    for agency, ind in INSPECT_ROWS:
        for y in APPROVAL_YEARS:
            f = figure(agency, ind, y)
            if f is None:
                continue
            value, note = f[0], ""
            if (agency, y, ind) == CONFLICT[:3]:
                value, note = CONFLICT[3], CONFLICT[4]
            w.writerow([agency, y, zh[ind], value, units[ind], note])
            expected.append(fact(doc, agency, y, ind, value))
    (tables / INSPECT_CSV).write_text(buf.getvalue(), encoding="utf-8")

    golden.parent.mkdir(parents=True, exist_ok=True)
    golden.write_text(
        "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in expected), encoding="utf-8"
    )
    return expected


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT / "data", help="the data folder")
    ap.add_argument(
        "--golden", type=Path, default=ROOT / "tests" / "golden" / "demo_expected.jsonl"
    )
    args = ap.parse_args(argv)
    facts = build(args.data, args.golden)
    docs = len({f["doc"] for f in facts})
    print(
        f"wrote {args.data / 'demo'}: {docs} files with facts, {len(facts)} facts -> {args.golden}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
