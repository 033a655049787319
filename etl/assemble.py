"""The warehouse's rows from what the files gave (etl/process.py): refusals and parked
reports, the documents kept (the same content twice is kept once), their facts, candidates
and claims with agency and indicator names resolved, the registry and the catalog, and the
editors' assignments (their corrections: etl/corrections.py `apply`). Nothing here reads a
report or writes a file.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from etl import assignments, pipeline, warehouse
from etl.paths import ASSIGNMENTS_FILE, REGISTRY_FILE
from etl.process import CANDIDATE_FIELDS, CLAIM_FIELDS, FACT_FIELDS, Doc, Failed
from etl.registry import Agency, Registry

ROW_SKIPPED = "这一行已跳过，文件的其余内容已载入"


def origin_of(rel: str) -> str:
    """Files under data/demo/ are demo data; all others are real."""
    return "demo" if rel.split("/", 1)[0] == "demo" else "real"


def _getter(row_fields: tuple[str, ...], names: str) -> Callable[[tuple], tuple]:
    """The named fields (space-separated) of a row as it crossed from a worker, in that
    order: a fact, candidate or claim is a plain tuple of row_fields (etl/process.py)."""
    return operator.itemgetter(*(row_fields.index(n) for n in names.split()))


# where each field of a fact stands among its report's fact columns (etl/process.py Doc.facts)
_F = {name: i for i, name in enumerate(FACT_FIELDS)}
_CANDIDATE = _getter(
    CANDIDATE_FIELDS,
    "agency year indicator value unit reason quote start end num_start num_end location",
)
_CLAIM = _getter(
    CLAIM_FIELDS,
    "agency year indicator kind value unit about_year qualifier quote start end num_start "
    "num_end location",
)


class _Lookup(dict):
    """A memo of a name -> object resolver: lookup[name] (the same few names recur 600,000
    times in 20,000 reports; a dict's own lookup, resolving only a name not seen before)."""

    def __init__(self, resolve):
        super().__init__()
        self.resolve = resolve

    def __missing__(self, name):
        found = self[name] = self.resolve(name)
        return found


class _FactColumns:
    """The fact table, column by column: each kept report's fact columns (as a worker sent
    them, etl/process.py) are appended whole, and the values the warehouse stores otherwise
    (ids for names, numbers, defaults) are made once per column at the end. Making a row of
    every fact, then columns of the rows for Arrow, took 0.5 CPU s at 20,000 reports."""

    RAW = ("year", "value", "unit", "qualifier", "quote", "start", "end", "num_start",
           "num_end", "location", "rule", "method")  # fmt: skip

    def __init__(self) -> None:
        self.raw: dict[str, list] = {name: [] for name in self.RAW}
        self._into = [(self.raw[name], _F[name]) for name in self.RAW]  # (values, position)
        self.doc_id: list = []
        self.origin: list[str] = []
        self.agency_id: list[str] = []
        self.indicators: list = []

    def add(self, doc_id: str, origin: str, columns, agencies: list[Agency], indicators) -> None:
        n = len(agencies)
        for values, position in self._into:
            values.extend(columns[position])
        self.doc_id.extend([doc_id] * n)
        self.origin.extend([origin] * n)
        self.agency_id.extend([a.agency_id for a in agencies])
        self.indicators.extend(indicators)

    def table(self) -> dict[str, list]:
        """The columns of etl/schema.sql's fact, in its order."""
        raw, inds = self.raw, self.indicators
        n = len(inds)
        return {
            "fact_id": list(range(1, n + 1)),
            "doc_id": self.doc_id,
            "agency_id": self.agency_id,
            "year": list(map(int, raw["year"])),
            "indicator_id": [ind.id for ind in inds],
            "value": [None if v is None else float(v) for v in raw["value"]],
            "unit": [u or ind.unit for u, ind in zip(raw["unit"], inds, strict=True)],
            "qualifier": raw["qualifier"],
            "quote": raw["quote"],
            "span_start": raw["start"],
            "span_end": raw["end"],
            "num_start": raw["num_start"],
            "num_end": raw["num_end"],
            "location": [x or "" for x in raw["location"]],
            "rule": [x or "" for x in raw["rule"]],
            "method": [x or "text" for x in raw["method"]],
            "origin": self.origin,
            "status": ["unverified"] * n,
        }


class Assembly:
    """The rows of one build, and what its summary says (problems, rejected, parked...).
    `summary` is the build's Summary (etl/build.py): this fills its lists."""

    def __init__(self, registry: Registry, cat, summary) -> None:
        self.registry, self.cat, self.summary = registry, cat, summary
        self.rows = warehouse.Rows()
        self.agencies = _Lookup(registry.resolve)
        self.indicators = _Lookup(cat.resolve)
        self.per_indicator: Counter = Counter()  # facts loaded from the files, by indicator

    def reject(self, path: str, reason: str, detail: str | None, *, kind: str,
               doc_id: str | None = None, excerpt: str | None = None) -> None:  # fmt: skip
        """One rejected_file row. kind: file (a file refused), row (a row or value set
        aside, the rest of its file loaded), correction, assignment (a row of those files),
        unidentified (a report parked until an editor assigns its agency and year)."""
        self.rows.add("rejected_file", path=path, reason=reason, detail=detail, kind=kind,
                      doc_id=doc_id, excerpt=excerpt)  # fmt: skip

    def problem(self, path: str, reason: str, detail: str, *, kind: str) -> None:
        """A row or record set aside: in the summary and in rejected_file."""
        self.summary.problems.append((path, reason))
        self.reject(path, reason, detail, kind=kind)

    # --- before the files: registry, catalog, assignments ---------------------------------

    def registry_rows(self) -> None:
        registry = self.registry
        for a in registry.agencies:
            self.rows.add("agency", agency_id=a.agency_id, name_zh=a.name_zh,
                          short_zh=a.short_zh, name_en=a.name_en, short_en=a.short_en,
                          parent_id=a.parent_id, kind=a.kind, sort_order=a.sort_order,
                          region=a.region)  # fmt: skip
            # Every name a user may type for it (canonical, short, aliases), as the registry
            # resolves them (a name claimed by two agencies goes to the first).
            for name in dict.fromkeys((a.name_zh, a.short_zh, *a.aliases)):
                if registry.resolve(name) is a:
                    self.rows.add("agency_alias", alias=name, agency_id=a.agency_id)
        for i in self.cat.indicators:
            area = self.cat.areas[i.area]
            self.rows.add("indicator", indicator_id=i.id, name_zh=i.zh, name_en=i.en,
                          unit=i.unit, unit_en=i.unit_en, area=i.area, area_zh=area.zh,
                          area_en=area.en, sort_order=i.order, headline=i.headline)  # fmt: skip

    def assignments(self, data_dir: Path) -> dict:
        """The usable rows of data_dir/assignments.csv, the last per doc_id; a row that
        cannot be used (bad doc_id, agency not in the registry, impossible year) is a
        problem of the build with its reason, and the report it names stays parked."""
        good, bad = assignments.read(assignments.path_in(data_dir), self.registry)
        for _, reason in bad:
            self.problem(ASSIGNMENTS_FILE, reason, "指定记录", kind="assignment")
        return assignments.latest(good)

    # --- the files ------------------------------------------------------------------------

    def files(self, rels: list[str], results: list[Doc | Failed]) -> dict[str, str]:
        """Every file's rows, in path order. Refusals become rejected_file rows; of the same
        doc_id twice one is kept (real before demo, then the first path), the other paths
        become its duplicate_paths. Returns doc_id -> kind of every file that could be read
        (to tell which assignments named no report)."""
        kept: dict[str, tuple[str, Doc]] = {}
        dups: dict[str, list[str]] = {}
        seen: dict[str, str] = {}
        for rel, r in zip(rels, results, strict=True):
            if isinstance(r, Doc):
                seen[r.doc_id] = r.kind
                r = self._check_doc(r)
            if isinstance(r, Failed):
                self._failed(rel, r)
                if r.kind == pipeline.UNIDENTIFIED:
                    seen[r.doc_id] = "report"
            elif r.doc_id not in kept:
                kept[r.doc_id] = (rel, r)
                dups[r.doc_id] = []
            elif origin_of(kept[r.doc_id][0]) == "demo" and origin_of(rel) == "real":
                dups[r.doc_id].append(kept[r.doc_id][0])
                kept[r.doc_id] = (rel, r)
            else:
                dups[r.doc_id].append(rel)

        in_order = sorted(kept.items(), key=lambda kv: kv[1][0])
        doc_rows = []
        facts = _FactColumns()
        for doc_id, (rel, d) in in_order:
            origin = origin_of(rel)
            others = sorted(dups[doc_id])
            self.summary.duplicates += [(o, rel) for o in others]
            columns, agencies, indicators = self._facts(rel, d)
            for problem in d.problems:
                self.problem(rel, problem, ROW_SKIPPED, kind="row")
            agency_id, year = self._doc_agency_year(d, columns, agencies)
            self._candidates(doc_id, rel, d.candidates or [])
            self._claims(doc_id, rel, d.claims or [])
            doc_rows.append(  # d.text: UTF-8 bytes, for Arrow as they are
                (doc_id, agency_id, year, d.title or Path(rel).stem, rel, d.kind, d.format,
                 d.encoding, origin, d.text, len(agencies), "|".join(others) or None)
            )  # fmt: skip
            facts.add(doc_id, origin, columns, agencies, indicators)
        self.rows.extend("document", doc_rows)
        self.rows.extend("document_year", [
            (doc_id, d.year_source, d.agency_source, "；".join(d.notes or []) or None)
            for doc_id, (_, d) in in_order if d.year_source
        ])  # fmt: skip
        fact_table = facts.table()
        self.per_indicator.update(fact_table["indicator_id"])
        self.rows.set_columns("fact", fact_table)
        self.summary.files_loaded = len(kept)
        return seen

    def _failed(self, rel: str, r: Failed) -> None:
        for problem in r.problems:
            self.problem(rel, problem, "整个表格未载入", kind="row")
        self.summary.rejected.append((rel, r.reason))
        self.reject(rel, r.reason, r.detail or None, kind=r.kind, doc_id=r.doc_id,
                    excerpt=r.excerpt)  # fmt: skip
        if r.kind == pipeline.UNIDENTIFIED:
            self.summary.parked.append(rel)
        self._candidates(None, rel, r.candidates)

    def _facts(self, rel: str, d: Doc) -> tuple[tuple[tuple, ...], list[Agency], list]:
        """The facts of a kept file whose agency and indicator are known (their columns,
        agencies and indicators); each other one is a row set aside with its reason."""
        columns = d.facts
        agencies = [self.agencies[n] for n in columns[_F["agency"]]]
        indicators = [self.indicators[n] for n in columns[_F["indicator"]]]
        if all(agencies) and all(indicators):  # (not `None in`: that calls __eq__ on each)
            return columns, agencies, indicators
        keep = []
        for k, (a, ind) in enumerate(zip(agencies, indicators, strict=True)):
            if a is not None and ind is not None:
                keep.append(k)
                continue
            agency, indicator, location, start, quote = (
                columns[_F[name]][k]
                for name in ("agency", "indicator", "location", "start", "quote")
            )
            where = location or f"第{start}字"
            reason = (
                f"{where}：机构“{agency}”不在机构登记表中，该条数据未载入；请在 "
                f"data/{REGISTRY_FILE.as_posix()} 中加上它（或其别名）"
                if a is None
                else f"{where}：指标“{indicator}”不在指标目录中，该条数据未载入"
            )
            self.problem(rel, reason, quote, kind="row")
        columns = tuple(tuple(column[k] for k in keep) for column in columns)
        return columns, [agencies[k] for k in keep], [indicators[k] for k in keep]

    def _candidates(self, doc_id: str | None, rel: str, candidates: list[tuple]) -> None:
        """Candidate rows of one file (agency and indicator ids where known)."""
        n = self.rows.count("candidate")
        out = []
        for c in candidates:
            (agency, year, indicator, value, unit, reason, quote, start, end, num_start, num_end,
             location) = _CANDIDATE(c)  # fmt: skip
            a = self.agencies[agency] if agency else None
            ind = self.indicators[indicator] if indicator else None
            out.append((n + len(out) + 1, doc_id, rel, a.agency_id if a else None, year,
                        ind.id if ind else None, float(value), unit, reason, quote, start, end,
                        num_start, num_end, location or ""))  # fmt: skip
        self.rows.extend("candidate", out)

    def _claims(self, doc_id: str, rel: str, claims: list[tuple]) -> None:
        """Claim rows of one report (etl/extract/claims.py); checked after the build
        resolves its values (etl/check.py)."""
        n = self.rows.count("claim")
        out = []
        for c in claims:
            (agency, year, indicator, kind, value, unit, about_year, qualifier, quote, start, end,
             num_start, num_end, location) = _CLAIM(c)  # fmt: skip
            a, ind = self.agencies[agency], self.indicators[indicator]
            if a is None or ind is None:
                continue  # its fact was not loaded either (a row of rejected_file says why)
            out.append((n + len(out) + 1, doc_id, a.agency_id, int(year), ind.id, kind,
                        None if value is None else float(value), unit, int(about_year),
                        qualifier, quote, start, end, num_start, num_end, location or "",
                        origin_of(rel)))  # fmt: skip
        self.rows.extend("claim", out)

    def _check_doc(self, d: Doc) -> Doc | Failed:
        """A report whose reporting agency is not in the registry is refused, never dropped
        (process_file(strict=True) already does this; this is the build's own guard). A
        table none of whose rows can be loaded is refused too, with the reasons of its rows."""
        if d.kind == "table":
            names = zip(d.facts[_F["agency"]], d.facts[_F["indicator"]], strict=True)
            if any(self.agencies[a] and self.indicators[i] for a, i in names):
                return d
            return Failed(
                "表格中没有一行可以载入（各行的原因见“跳过的数据行”）；请按原因修改后重新构建",
                problems=d.problems,
            )
        if not d.agency or self.registry.resolve(d.agency) is None:
            return Failed(
                f"报告的机构“{d.agency or '（标题中没有机构名）'}”不在机构登记表中；"
                f"请在 data/{REGISTRY_FILE.as_posix()} 中加上它（或其别名）后重新构建",
                **self._parked(d),
            )
        if not d.year:
            return Failed(
                "报告标题中没有年度（例如“2018年度”）；请在标题中写明报告的年度",
                **self._parked(d),
            )
        return d

    @staticmethod
    def _parked(d: Doc) -> dict:
        """What a Failed keeps of a report parked here: made only for those (the excerpt
        decodes the text)."""
        excerpt = (d.text_str() or "").strip()[: pipeline.EXCERPT_CHARS]
        return {"kind": pipeline.UNIDENTIFIED, "doc_id": d.doc_id, "excerpt": excerpt}

    def _doc_agency_year(self, d: Doc, columns, agencies: list[Agency]) -> tuple[str, int]:
        """A report's own agency and year; for a table, the first agency in registry order
        among its rows and the latest year (a table without a usable row is refused)."""
        agency = self.agencies[d.agency] if d.agency else None
        if agency is None and agencies:
            agency = min(agencies, key=lambda a: (a.sort_order, a.agency_id))
        year = d.year or max(map(int, columns[_F["year"]]), default=0)
        return (agency.agency_id if agency else ""), int(year)

    # --- after the files ------------------------------------------------------------------

    def unused_assignments(self, assigned: dict, seen: dict[str, str]) -> None:
        """Notes (not errors) on assignments that name no report of this build."""
        for a in assigned.values():
            was = f"（指定时为 {a.path}）" if a.path else ""
            if a.doc_id not in seen:
                self.summary.notes.append((ASSIGNMENTS_FILE, f"第{a.line}行：没有内容相同的文件{was}，"
                                           "文件已修改或删除；这一行不再起作用，可以不管"))  # fmt: skip
            elif seen[a.doc_id] != "report":
                self.summary.notes.append((ASSIGNMENTS_FILE, f"第{a.line}行：该文件是表格{was}，"
                                           "表格的单位和年度取自各行；这一行不起作用"))  # fmt: skip
