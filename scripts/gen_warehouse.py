"""Generate a plausible warehouse (etl/schema.sql) for developing and benchmarking the board.

    python scripts/gen_warehouse.py --facts 3000 --out /tmp/wh.duckdb
    python scripts/gen_warehouse.py --facts 1000000 --out /tmp/wh_1m.duckdb

The three registry agencies get reports for 2016-2025 (2018 of the science bureau is
'real', the rest 'demo'); for larger N, generated agencies (周村区测试单位0001 ...) are
added until about N facts exist. Every fact's quote is document.text[span_start:span_end]
and its number is document.text[num_start:num_end], as the real ETL writes them. Some keys
get a second source that disagrees (resolved.conflict), some values are bounds (10余次),
some years are missing (gaps), and a few files are rejected.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import math
import os
import random
import sys
import time
import tomllib
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from etl.catalog import CATALOG_PATH as CATALOG  # noqa: E402
from etl.paths import DATA, REGISTRY_FILE, ROOT, SCHEMA  # noqa: E402
from etl.warehouse import RESOLVE_SQL  # noqa: E402

REGISTRY = DATA / REGISTRY_FILE
YEARS = list(range(2016, 2026))

# clause template per indicator: {n} is the number as written (with 余/近 around it)
CLAUSES = {
    "inspections": "开展执法检查{n}次",
    "inspection_plans": "上传行政执法检查计划{n}件",
    "inspected_entities": "检查企业{n}家",
    "certified_officers": "持证执法人员{n}人",
    "cases": "办理执法案件{n}件",
    "penalty_case_files": "提交行政处罚案卷{n}卷",
    "online_case_rate": "行政处罚网上办案率达到{n}%",
    "reconsideration_cases": "发生行政复议案件{n}件",
    "litigation_cases": "发生行政诉讼案件{n}件",
    "trainings": "组织专题学法培训{n}次",
    "training_attendance": "参训干部{n}人次",
    "law_exam_pass_rate": "学法考试通过率{n}%",
    "legal_meetings": "召开法治专题会议{n}次",
    "disclosures_proactive": "主动公开政府信息{n}条",
    "disclosure_requests": "收到依申请公开申请{n}件",
    "approval_items": "承担行政审批事项{n}项",
    "approval_volume": "办理审批事项{n}件",
    "approval_time_cut_pct": "审批办理时限压缩{n}%",
    "one_visit_items": "{n}项事项实现“一次办好”",
    "contracts_reviewed": "提交审核政府合同{n}件",
    "normative_documents": "制发规范性文件{n}件",
    "legal_reviews": "开展合法性审核{n}次",
}
# typical level per indicator (bureau size 1.0); percentages are handled apart
BASE = {
    "inspections": 12, "inspection_plans": 2, "inspected_entities": 40, "certified_officers": 15,
    "cases": 8, "penalty_case_files": 4, "reconsideration_cases": 0.3, "litigation_cases": 0.3,
    "trainings": 8, "training_attendance": 120, "legal_meetings": 4,
    "disclosures_proactive": 60, "disclosure_requests": 1, "approval_items": 6,
    "approval_volume": 150, "one_visit_items": 4, "contracts_reviewed": 3,
    "normative_documents": 1, "legal_reviews": 6,
}  # fmt: skip
PERCENT = {"online_case_rate": (80, 100), "law_exam_pass_rate": (90, 100)}
# what each agency mostly reports (the small ones report less)
SCALE = {"zc_kjj": 1.0, "zc_zscqj": 0.6, "zc_dzj": 0.35}


def load_catalog() -> tuple[list[dict], dict]:
    raw = tomllib.loads(CATALOG.read_text(encoding="utf-8"))
    return raw["indicator"], raw["areas"]


def load_registry() -> list[dict]:
    with REGISTRY.open(encoding="utf-8-sig", newline="") as fh:
        return [r for r in csv.DictReader(fh) if r.get("agency_id")]


class Table:
    def __init__(self, *cols: str):
        self.cols = {c: [] for c in cols}

    def add(self, **row) -> None:
        for c, v in self.cols.items():
            v.append(row[c])

    def arrow(self) -> pa.Table:
        return pa.table(self.cols)

    def __len__(self) -> int:
        return len(next(iter(self.cols.values())))


def fmt_num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


class Gen:
    def __init__(self, n_facts: int, seed: int):
        self.rng = random.Random(seed)
        self.target = n_facts
        self.indicators, self.areas = load_catalog()
        self.ind = {i["id"]: i for i in self.indicators}
        self.agency = Table("agency_id", "name_zh", "short_zh", "name_en", "short_en",
                            "parent_id", "kind", "sort_order", "region")  # fmt: skip
        self.alias = Table("alias", "agency_id")
        self.document = Table("doc_id", "agency_id", "year", "title", "path", "kind", "format",
                              "encoding", "origin", "text", "n_facts", "duplicate_paths")  # fmt: skip
        self.fact = Table("fact_id", "doc_id", "agency_id", "year", "indicator_id", "value",
                          "unit", "qualifier", "quote", "span_start", "span_end", "num_start",
                          "num_end", "location", "rule", "method", "origin", "status")  # fmt: skip
        self.n = 0

    # -- agencies -------------------------------------------------------------------------
    def agencies(self) -> list[tuple[str, str, float]]:
        out = []
        for r in load_registry():
            self.agency.add(agency_id=r["agency_id"], name_zh=r["name_zh"], short_zh=r["short_zh"],
                            name_en=r["name_en"], short_en=r["short_en"],
                            parent_id=r["parent_id"] or None, kind=r["kind"],
                            sort_order=int(r["sort_order"]), region=r.get("region") or None)  # fmt: skip
            for a in {r["name_zh"], r["short_zh"], *r["aliases"].split("|")} - {""}:
                self.alias.add(alias=a, agency_id=r["agency_id"])
            out.append((r["agency_id"], r["short_zh"], SCALE.get(r["agency_id"], 0.5)))
        per_agency = 180  # facts an agency of this generator yields over ten years, a bit less
        extra = max(0, math.ceil(self.target / per_agency) - len(out)) if self.target > 6000 else 0
        for k in range(1, extra + 1):
            aid = f"gen_{k:04d}"
            short = f"测试单位{k:04d}"
            self.agency.add(agency_id=aid, name_zh=f"周村区{short}", short_zh=short,
                            name_en=f"Test Agency {k:04d}", short_en=f"Test {k:04d}",
                            parent_id="zc_kjj", kind="subordinate", sort_order=100 + k,
                            region="山东省/淄博市/周村区")  # fmt: skip
            self.alias.add(alias=f"周村区{short}", agency_id=aid)
            out.append((aid, short, self.rng.uniform(0.3, 1.5)))
        return out

    # -- documents and facts -----------------------------------------------------------------
    def value(self, iid: str, scale: float, t: float) -> tuple[float, str | None]:
        """A value for year-index t (0..9) with a gentle trend; and its qualifier."""
        rng = self.rng
        if iid in PERCENT:
            lo, hi = PERCENT[iid]
            return float(min(100, round(lo + (hi - lo) * min(1, t / 6) + rng.uniform(-3, 3)))), None
        base = BASE[iid] * scale * (1 + 0.08 * t) * rng.uniform(0.75, 1.25)
        v = float(max(0, round(base)))
        q = None
        if v >= 10 and rng.random() < 0.06:
            v, q = float(int(v // 10 * 10)), "at_least"
        elif v >= 100 and rng.random() < 0.05:
            v, q = float(int(round(v, -2))), "about"
        return v, q

    def report(self, aid: str, short: str, scale: float, year: int, origin: str) -> None:
        rng = self.rng
        t = year - YEARS[0]
        title = f"{short}{year}年度法治政府建设情况报告"
        parts = [title, "\n\n"]
        pos = len(title) + 2
        facts = []
        chosen = [i for i in self.ind if i in CLAUSES and rng.random() < 0.85]
        approval_pair = rng.random() < 0.8
        para = 1

        def add_sentence(clause_parts: list[tuple[str, str | None, float | None, str | None]]):
            """clause_parts: (text, indicator or None, value, qualifier) pieces of one clause."""
            nonlocal pos, para
            lead = f"{year}年，{short}"
            parts.append(lead)
            pos += len(lead)
            clause_start = pos
            nums = []
            for text, iid, v, q in clause_parts:
                if iid is not None:
                    nums.append((iid, v, q, pos, pos + len(text)))
                parts.append(text)
                pos += len(text)
            clause_end = pos
            parts.append("。")
            pos += 1
            if rng.random() < 0.3:
                parts.append("\n")
                pos += 1
                para += 1
            for iid, v, q, ns, ne in nums:
                facts.append((iid, v, q, clause_start, clause_end, ns, ne, para))

        for iid in chosen:
            if iid == "approval_time_cut_pct":
                continue
            v, q = self.value(iid, scale, t)
            pre, post = CLAUSES[iid].split("{n}")
            num = fmt_num(v)
            if q == "at_least":
                post = "余" + post
            if q == "about":
                pre = pre + "近"
            add_sentence([(pre, None, None, None), (num, iid, v, q), (post, None, None, None)])
        if approval_pair:
            before = float(rng.choice([20, 15, 10, 30, 12]))
            after = float(max(1, round(before * rng.uniform(0.2, 0.7) * (1 - 0.03 * t))))
            cut = round((before - after) / before * 100)
            add_sentence([("审批办理时限由", None, None, None),
                          (fmt_num(before), "approval_days_before", before, None),
                          ("个工作日压缩至", None, None, None),
                          (fmt_num(after), "approval_days_after", after, None),
                          ("个工作日，压缩", None, None, None),
                          (str(cut), "approval_time_cut_pct", float(cut), None),
                          ("%", None, None, None)])  # fmt: skip
        text = "".join(parts)
        doc_id = hashlib.sha256(f"{aid}|{year}|{origin}|{self.n}".encode()).hexdigest()[:16]
        folder = "demo/reports" if origin == "demo" else "reports"
        self.document.add(doc_id=doc_id, agency_id=aid, year=year, title=title,
                          path=f"{folder}/{short}/{title}.txt", kind="report", format="txt",
                          encoding="utf-8", origin=origin, text=text, n_facts=len(facts),
                          duplicate_paths=None)  # fmt: skip
        for iid, v, q, cs, ce, ns, ne, p in facts:
            assert text[ns:ne] == fmt_num(v), (text[ns:ne], v)
            status = "verified" if rng.random() < 0.15 else "unverified"
            self.add_fact(doc_id, aid, year, iid, v, q, text[cs:ce], cs, ce, ns, ne,
                          f"第{p}段", "text", origin, status)  # fmt: skip
        # a second source that sometimes disagrees: a statistics table for the year, or a
        # supplementary report whose figure differs from the yearly report (a conflict)
        if rng.random() < 0.25 and facts:
            self.table(aid, short, year, origin, facts)
        if rng.random() < 0.12 and facts:
            self.supplement(aid, short, year, origin, facts)

    def supplement(self, aid, short, year, origin, facts) -> None:
        rng = self.rng
        iid, v, *_ = rng.choice(
            [f for f in facts if f[0] in CLAUSES and f[0] not in PERCENT] or facts
        )
        if iid not in CLAUSES:
            return
        v2 = max(0.0, v + rng.choice([-3, -2, -1, 1, 2, 4]))
        title = f"{short}{year}年度法治工作补充说明"
        pre, post = CLAUSES[iid].split("{n}")
        lead = f"{title}\n\n经核对，{year}年{short}"
        text = f"{lead}{pre}{fmt_num(v2)}{post}。"
        cs = len(lead)
        ns = cs + len(pre)
        ne = ns + len(fmt_num(v2))
        doc_id = hashlib.sha256(f"S|{aid}|{year}|{origin}|{self.n}".encode()).hexdigest()[:16]
        folder = "demo/reports" if origin == "demo" else "reports"
        self.document.add(doc_id=doc_id, agency_id=aid, year=year, title=title,
                          path=f"{folder}/{short}/{title}.txt", kind="report", format="txt",
                          encoding="utf-8", origin=origin, text=text, n_facts=1,
                          duplicate_paths=None)  # fmt: skip
        self.add_fact(doc_id, aid, year, iid, v2, None, text[cs:ne + len(post)], cs,
                      ne + len(post), ns, ne, "第1段", "text", origin, "unverified")  # fmt: skip

    def table(self, aid, short, year, origin, facts) -> None:
        rng = self.rng
        title = f"{short}{year}年法治工作统计表"
        doc_id = hashlib.sha256(f"T|{aid}|{year}|{origin}|{self.n}".encode()).hexdigest()[:16]
        picked = rng.sample(facts, k=min(len(facts), 3))
        self.document.add(doc_id=doc_id, agency_id=aid, year=year, title=title,
                          path=f"{'demo/' if origin == 'demo' else ''}tables/{title}.csv",
                          kind="table", format="csv", encoding="utf-8", origin=origin, text=None,
                          n_facts=len(picked), duplicate_paths=None)  # fmt: skip
        for row, (iid, v, *_rest) in enumerate(picked, start=2):
            if rng.random() < 0.4 and iid not in PERCENT:
                v = v + rng.choice([-2, -1, 1, 2, 3])  # disagrees with the report
                v = max(0.0, v)
            ind = self.ind[iid]
            quote = f"{short},{year},{ind['zh']},{fmt_num(v)},{ind['unit']}"
            self.add_fact(doc_id, aid, year, iid, v, None, quote, 0, 0, 0, 0, f"Sheet1!D{row}",
                          "table", origin, "unverified")  # fmt: skip

    def add_fact(self, doc_id, aid, year, iid, v, q, quote, cs, ce, ns, ne, loc, method, origin,
                 status) -> None:  # fmt: skip
        self.n += 1
        ind = self.ind[iid]
        self.fact.add(fact_id=self.n, doc_id=doc_id, agency_id=aid, year=year, indicator_id=iid,
                      value=v, unit=ind["unit"], qualifier=q, quote=quote, span_start=cs,
                      span_end=ce, num_start=ns, num_end=ne, location=loc,
                      rule=f"gen.{method}", method=method, origin=origin, status=status)  # fmt: skip

    def run(self) -> None:
        rng = self.rng
        agencies = self.agencies()
        for idx, (aid, short, scale) in enumerate(agencies):
            # gaps: each agency misses a year now and then (the earthquake bureau 2019)
            for year in YEARS:
                if aid == "zc_dzj" and year == 2019:
                    continue
                if idx >= 3 and rng.random() < 0.08:
                    continue
                if idx < 3:
                    origin = "real" if (aid == "zc_kjj" and year == 2018) else "demo"
                else:
                    origin = "demo" if rng.random() < 0.5 else "real"
                self.report(aid, short, scale, year, origin)
                if self.n >= self.target and idx >= 2:
                    return

    # -- write ------------------------------------------------------------------------------
    def write(self, out: Path) -> None:
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + f".gen-{os.getpid()}")
        for p in (tmp, Path(str(tmp) + ".wal")):
            p.unlink(missing_ok=True)
        con = duckdb.connect(str(tmp))
        con.execute(SCHEMA.read_text(encoding="utf-8"))
        indicator = Table("indicator_id", "name_zh", "name_en", "unit", "unit_en", "area",
                          "area_zh", "area_en", "sort_order", "headline")  # fmt: skip
        for n, i in enumerate(self.indicators, start=1):
            a = self.areas[i["area"]]
            indicator.add(indicator_id=i["id"], name_zh=i["zh"], name_en=i["en"], unit=i["unit"],
                          unit_en=i["unit_en"], area=i["area"], area_zh=a["zh"], area_en=a["en"],
                          sort_order=n, headline=bool(i.get("headline", False)))  # fmt: skip
        rejected = Table("path", "reason", "detail")
        rejected.add(path="reports/区科技局2017年度总结.doc",
                     reason="这是旧版 Word（.doc）文件，无法读取。请另存为 .docx 后重新放入。",
                     detail="format: doc")  # fmt: skip
        rejected.add(path="tables/统计表（草稿）.xlsx",
                     reason="表格缺少“年份”列，无法判断数据属于哪一年。请补上年份列。",
                     detail="missing column: 年份")  # fmt: skip
        now = datetime(2025, 11, 27, 20, 0, 0)
        run = Table("run_id", "started_at", "finished_at", "data_dir", "files_seen",
                    "files_loaded", "files_rejected", "facts")  # fmt: skip
        run.add(run_id="gen-1", started_at=now, finished_at=now + timedelta(seconds=3),
                data_dir="(generated)", files_seen=len(self.document) + 2,
                files_loaded=len(self.document), files_rejected=2, facts=len(self.fact))  # fmt: skip
        for name, t in [("agency", self.agency), ("agency_alias", self.alias),
                        ("indicator", indicator), ("document", self.document),
                        ("fact", self.fact), ("rejected_file", rejected), ("load_run", run)]:  # fmt: skip
            data = t.arrow()  # noqa: F841 (read by DuckDB's replacement scan)
            con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM data")
        con.execute(RESOLVE_SQL)
        con.execute("CREATE INDEX fact_key ON fact (agency_id, year, indicator_id)")
        con.execute("CREATE INDEX fact_doc ON fact (doc_id)")
        con.execute("CHECKPOINT")
        con.close()
        os.replace(tmp, out)


def generate(n_facts: int, out: Path, seed: int = 7) -> dict:
    g = Gen(n_facts, seed)
    g.run()
    g.write(out)
    return {"agencies": len(g.agency), "documents": len(g.document), "facts": len(g.fact)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--facts", type=int, default=3000, help="about how many facts (default 3000)")
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "gen_warehouse.duckdb")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    stats = generate(args.facts, args.out, args.seed)
    print(f"{args.out}: {stats['agencies']} agencies, {stats['documents']} documents, "
          f"{stats['facts']} facts in {time.perf_counter() - t0:.1f}s")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
