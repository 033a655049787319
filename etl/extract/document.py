"""One pass over a report: line by line (table rows first), sentence by sentence, clause
by clause; facts and the candidates set aside beside them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from operator import attrgetter

from etl.extract import rows
from etl.extract.choose import (
    _choose,
    _guess,
    _guess_area,
    _headed,
    _is_delta,
    _listed_owners,
    _right,
    _row_indicator,
    _veto_reason,
    _zero_targets,
    _zeros,
    heading_indicator,
)
from etl.extract.mentions import _compiled, _Mention, _mentions, bare_mentions
from etl.extract.owners import (
    Owners,
    Subjects,
    _is_self,
    _level_core,
    _owner_at,
    _subject_marks,
    owners_for,
)
from etl.extract.parts import channel_parts, named_parts, set_aside_parts
from etl.extract.patterns import (
    ATTENDING,
    BATCH_UNITS,
    CLAUSE_OPEN,
    CLAUSE_STOP,
    COMPARED_YEAR,
    GLOBAL_VETO,
    HEADING,
    HELD_BY,
    LIST_COUNT,
    LIST_NAMED,
    LOOKS_AHEAD,
    MIXED_OUTLOOK,
    NAMED_HEADING,
    OTHER,
    OTHER_BODY,
    OTHER_BODY_AT_START,
    OUTLOOK_HEADING,
    PART_OF_YEAR,
    SELF,
    SENTENCE_END,
    STOCK_SPAN,
    SYSTEM,
    THIS_YEAR_WORD,
    TO_LEVEL,
    TRAINING_WORDS,
    WHOLE_YEAR,
    WIDE,
    YEAR_MARK,
    YEAR_SHARE,
    ZERO_HINT,
    ZERO_NEEDED,
    fields,
    pairs,
)
from etl.extract.text import (
    STRIPPED,
    _between,
    _clause_end,
    _clause_start,
    _clauses,
    _inside,
    _lines,
    _protected,
    _quote,
    _sentences,
)
from etl.extract.year_marks import relative_years, year_spans
from etl.identify import region_of
from etl.model import Candidate, Fact
from etl.normalize import normalise
from etl.numbers import parse_number

# What WIDE can open with beside white space (tests/test_text_shortcuts.py)
WIDE_OPENS = frozenset("全各一二三四五六七八九十0123456789（(")

# a line that is 无 alone: 无[。.]? (a set: a line is looked up, not matched)
NONE_LINES = frozenset(("无", "无。", "无."))
assert max(map(len, NONE_LINES)) == 2

# What a stripped line that OUTLOOK_HEADING or HEADING matches can open with (both open
# with \s*, of which a stripped line has none), beside a digit: most lines open with
# none of these and are not matched against either (tests/test_extract_prefilter.py)
HEADING_OPENS = frozenset("一二三四五六七八九十(（第")


def extract_text(
    text: str,
    agency: str,
    year: int,
    registry=None,
    owners: Owners | None = None,
    norm: str | None = None,
) -> list[Fact]:
    """Facts of `text`, reported by `agency` for `year`. Spans index `text`.
    `norm`: normalise(text), when the caller has it already."""
    return extract_all(text, agency, year, registry, owners, norm)[0]


def extract_all(
    text: str,
    agency: str,
    year: int,
    registry=None,
    owners: Owners | None = None,
    norm: str | None = None,
) -> tuple[list[Fact], list[Candidate]]:
    """Facts of `text` and the candidates beside them: every number that speaks of an
    indicator and did not become a fact, with why."""
    x = _Extraction(text, year, owners or owners_for(agency, registry), norm)
    return x.run(), x.candidates


# a clause opening with these counts what is left beside a figure stated already (其他…11条,
# 另有…): a part, never the year's total
OTHER_PART = ("其他", "其余", "另有")

# The 信息公开 templates' rows of decisions (行政许可 / 行政处罚 | 本年处理决定数量) told in
# prose count decisions, each one application handled or one case: 处理决定0个 is the count
# the template's row gives, read in the unit of those counts (件), as 处理决定0件 is; and the
# row's name says what it counts, not the rest of its sentence
DECISIONS_BEFORE = re.compile(r"(?:许可|处罚)(?:处理)?决定(?:数量?|数)?[为共计]?$")

# what may stand between two numbers of one clause that share the words before the first
# (5次和3次); a comma ends the clause, so never stands between them
JOINERS = frozenset(("和", "、", "及", "与"))

# What may stand before a number that a label and a colon name (执法检查：全年6次)
LABEL_COUNT = re.compile(r"\s*(?:全年|本年度?|共|共计|合计|计)?\s*")

# The reporter's own level within a system's figure (其中区本级办理32件, 局本级)
OWN_LEVEL = re.compile(r"(?:(?P<level>[区县市省旗])|局)?本级")

# A list's next item: a name and then its own number (、审查合同5份)
NEXT_ITEM = re.compile(r"^、[^、，,。；;\d]{1,12}\d")

# What may stand between a clause's subject and its number where the clause repeats the
# clause before it for another subject (…执法检查112次，我局开展7次)
PARALLEL_REST = re.compile(
    r"(?:全年|本年度?|共计?|也|亦|则|同期)*(?:开展|进行|组织|办理|查处|举办|召开|受理|立案|办结)?"
)


HANZI_YEAR = re.compile(r"([一二][〇一二三四五六七八九]{3})\s*年(?!\s*[\-—–~至])")
_HANZI_DIGIT = str.maketrans("〇一二三四五六七八九", "0123456789")


def _hanzi_years(norm: str) -> list[tuple[int, int]]:
    """(position, year) of each year written in Chinese numerals (二〇一五年)."""
    out = []
    for m in HANZI_YEAR.finditer(norm):
        year = int(m[1].translate(_HANZI_DIGIT))
        if 1990 <= year <= 2099:
            out.append((m.start(), year))
    return out


def _open_bracket_cut(quote: str, qs: int, qe: int, ne: int) -> tuple[str, int]:
    """The quote without a bracket it opens after its number and never closes, and what
    follows that bracket (公开政府信息71条(其中 → 公开政府信息71条: the clause ran to the
    comma inside the bracket); the quote and its end."""
    for i in range(max(0, ne - qs), len(quote)):
        if quote[i] in "(（" and not any(c in ")）" for c in quote[i:]):
            cut = quote[:i].rstrip(STRIPPED)
            return cut, qs + len(cut)
    return quote, qe


# what stands around a row's cells and is not the row's: white space, and the pipes an
# empty first or last cell leaves (" | 行政确认 | 0", "规范性文件 | 0 | 2 |", "| 12 | 3 |")
ROW_EDGES = STRIPPED + "|"


def _row_span(text: str, s: int, e: int) -> tuple[int, int]:
    """The span of the row text[s:e] as it reads: without the pipes and white space at its
    ends (a quote reads as the row does)."""
    row = text[s:e]
    kept = row.strip(ROW_EDGES)
    if not kept:
        return s, s
    s += len(row) - len(row.lstrip(ROW_EDGES))
    return s, s + len(kept)


class _Extraction:
    """One pass over one text; holds what later sentences need of earlier ones."""

    def __init__(self, text: str, year: int, owners: Owners, norm: str | None = None):
        self.text, self.year, self.owners = text, year, owners
        self.norm = normalise(text) if norm is None else norm
        self.protected = _protected(self.norm)
        self.mentions = _mentions(self.norm, 0, len(self.norm), self.protected)
        # counts that lost their unit (主动公开政府信息287并…), read as if they had it
        if bare := bare_mentions(self.norm, self.mentions, self.protected):
            self.mentions = sorted(self.mentions + bare, key=attrgetter("start"))
        self.mention_starts = [m.start for m in self.mentions]
        first = OTHER_BODY_AT_START.match(self.norm)
        self.bodies = [
            (m.start("name"), m.end("name"), m["name"])
            for m in ([first] if first else []) + list(OTHER_BODY.finditer(self.norm))
        ]
        # (position, year) of 去年 / 今年 opening a clause and of spans of years (year 0)
        self.year_marks = sorted(
            [
                (at, year - 1 if first in "去上前" else year)
                for at, first in relative_years(self.norm)  # RELATIVE_YEAR's matches
                if CLAUSE_OPEN.search(self.norm, max(0, at - 3), at)
            ]
            + [(m.start(), 0) for m in year_spans(self.norm)]  # YEAR_SPAN's
            # a year in Chinese numerals (二〇一五年，…), which YEAR_MARK's digits miss
            + (_hanzi_years(self.norm) if "〇" in self.norm else [])
        )
        self.facts: list[Fact] = []
        self.candidates: list[Candidate] = []
        self.sentence_at = (0, 0)  # the sentence (or section) being read
        # the indicators of the row whose note is being read: what its words speak of
        self.row_of_note: list = []
        # (indicator, its name, where it opens) of a heading that names the indicator of the
        # sentence being read (（二）执法检查。全年开展4次), or None
        self.heading = None
        self.stated_at: dict = {}
        self.others_stated: dict = {}
        self.seen: set = set()
        self.cat = _compiled()[0]
        # the pairs (由20个工作日压缩至5个工作日) found anywhere in the text: a sentence can
        # hold only those (a pair's pattern has no lookaround, so what it finds between two
        # offsets it finds in the whole text), and most texts hold none
        self.pairs = [pair for pair in pairs() if pair.pattern.search(self.norm)]
        self.subjects = Subjects(self.norm, owners)
        self.respective = "分别" in self.norm  # (most texts: no clause needs respectively)
        # which marks the text holds beside 。 and the half-width , ; : (a normalised
        # text holds no full-width ones): most lines and sentences are then split by
        # str.find (text._sentences, text._clauses)
        norm = self.norm
        self.plain_sentences = not ("!" in norm or "?" in norm or "！" in norm or "？" in norm)
        self.plain_clauses = not ("，" in norm or "；" in norm or "：" in norm)

    def emit(self, ind, value, qualifier, qs, qe, ns, ne, who, rule):
        if who == OTHER:
            return  # another body's figure
        key = (who, ind.id, value, qualifier)
        if key in self.seen:
            return
        self.seen.add(key)
        quote, qs, qe = _quote(self.text, qs, qe)  # (_strip_span, and the quote)
        if "(" in quote or "（" in quote:
            quote, qe = _open_bracket_cut(quote, qs, qe, ne)
        self.facts.append(
            Fact(who, self.year, ind.id, value, ind.unit, qualifier, quote, qs, qe, rule, ns, ne)
        )  # fmt: skip (positional: cheaper)

    def run(self) -> list[Fact]:
        norm, prev_line, outlook = self.norm, (0, 0), False
        prev_stated: dict = {}  # (agency, indicator) -> the total a sentence stated
        table = rows.Table(self.year)
        lines = _lines(norm)
        plain = self.plain_sentences  # (a line holds no newline)
        skip_to = -1
        # a heading that names one indicator ((indicator, its name, where the heading
        # opens)): `pending` when it stood alone on its line, for the next line; `scope`
        # with where on this line its first sentence with a number may open
        pending = scope = None
        # whether a line or sentence holds a number: a bisect, inline (asked of every line
        # and most sentences)
        starts, n_mentions = self.mention_starts, len(self.mention_starts)
        for n, (ls, le) in enumerate(lines):
            if n <= skip_to:
                continue  # cells of a row read with the line before
            line = norm[ls:le].strip()
            if not line:
                continue
            scope, named = None, None
            if line[0] in HEADING_OPENS or line[0].isdecimal():
                if OUTLOOK_HEADING.match(line):
                    # a section of the year's shortcomings and the plans: "mixed", only the
                    # sentences that look ahead are plans
                    outlook = "mixed" if MIXED_OUTLOOK.search(line) else True
                elif HEADING.match(line):
                    outlook = False
                if not outlook and (m := NAMED_HEADING.match(line)):
                    named = heading_indicator(m["name"])
            if outlook is True:
                self.set_aside_all(ls, le, "plan")  # next year's plans are not this year's facts
                pending = None
                continue
            if named is not None:
                hs = ls + (len(norm[ls:le]) - len(norm[ls:le].lstrip()))
                heading = (named, m["name"], hs)
                if line[m.end() :].strip(SENTENCE_END + " \t\u3000"):
                    scope, pending = (*heading, hs + m.end()), None  # its figure on its line
                else:
                    pending = heading  # the heading alone: its figure on the next line
            elif pending is not None:
                scope, pending = (*pending, ls), None
            # a table row has separators, ends with its numbers, or is a short label line
            maybe_row = "|" in line or "\t" in line or line[-1].isdigit() or len(line) <= 40
            last = self.table_row(table, lines, n, line) if maybe_row else None
            if last is not None:
                prev_line, skip_to = (ls, le), last
                continue
            # a heading answered by 无 on the next line (looked up only where short enough:
            # a set lookup hashes the whole line)
            if len(line) <= 2 and line in NONE_LINES:
                ps, pe = prev_line
                for ind in _zero_targets(norm[ps:pe]):
                    self.emit(ind, 0.0, None, ps, le, ls, le, self.owners.reporter, "zero:heading")
                continue
            prev_line = (ls, le)
            number = (i := bisect_left(starts, ls)) < n_mentions and starts[i] < le
            if not (number or ZERO_HINT.search(norm, ls, le) or "下一步" in line):
                # no sentence of the line can hold a figure (most lines): each would only
                # reset what the next 其中 carries
                prev_stated = {} if norm[ls:le].strip(SENTENCE_END) else prev_stated
                continue
            for ss, se in _sentences(norm, ls, le, plain):
                k = ss  # where the sentence's words open (after its white space)
                while k < se and norm[k].isspace():
                    k += 1
                # (the first character first: most sentences open with neither word)
                first = norm[k] if k < se else ""
                if first == "下" and norm.startswith("下一步", k, se):
                    self.set_aside_all(ss, le, "plan")
                    break  # the rest of the paragraph looks ahead
                if outlook and self.looks_ahead(ss, se):  # (a "mixed" section)
                    self.set_aside_all(ss, se, "plan")
                    prev_stated = {}
                    continue
                # 其中 opening a sentence continues the previous one's totals
                carried = prev_stated if first == "其" and norm.startswith("其中", k, se) else {}
                number = (i := bisect_left(starts, ss)) < n_mentions and starts[i] < se
                if number or ZERO_HINT.search(norm, ss, se):
                    stated = dict(carried)
                    # the first sentence with a number after a heading that names an indicator
                    self.heading = scope if number and scope and ss >= scope[3] else None
                    if self.heading is not None:
                        scope = None
                    prev_stated = (
                        self.sentence(ss, se, stated)
                        if number or self.may_state(ss, se)
                        else stated
                    )
                    self.heading = None
                else:
                    prev_stated = {}  # most sentences state no figure: skip them cheaply
        self.facts, self.candidates = set_aside_parts(self.text, self.facts, self.candidates)
        # (the named figure first: a channel's figure named 主动公开 is the year's where the
        # other figure beside it is of everything published, 公开各类政府信息约1754条)
        self.facts, self.candidates = named_parts(
            self.norm, self.facts, self.candidates, self.cat.by_id
        )
        self.facts, self.candidates = channel_parts(
            self.norm, self.facts, self.candidates, self.cat.by_id
        )
        return self.facts

    def table_row(self, table: rows.Table, lines, n: int, line: str) -> int | None:
        """Read lines[n] (`line`, stripped) as a table row (with the lines after it, when a
        page saved the row one cell per line); the index of its last line, or None when it
        is no row."""
        norm = self.norm
        ls, le = lines[n]
        cells, last = rows.split_line(norm, ls, le), n
        decisions = None
        # a review run opens with a number alone on its line, which ends with its digit or
        # a pipe a page left after it: most short lines (labels, headings, dates) do not
        lone_number = line[-1].isdigit() or line[-1] == "|"
        if cells is None and lone_number and (run := rows.review_run(norm, lines, n)):
            numbers, last, head = run  # 复议/诉讼 numbers one to a line, under their header
            decisions = table.review(numbers, head)
        elif (
            cells is None
            # (a label line is a row only with a lone cell on the next line: asked first,
            # as most lines are neither)
            and last + 1 < len(lines)
            and rows.lone_cell(norm, *lines[last + 1])
            and rows.is_label_line(norm[ls:le])
        ):
            more = []
            while last + 1 < len(lines) and (c := rows.lone_cell(norm, *lines[last + 1])):
                more.append(c)
                last += 1
            if not any(c.numeric for c in more):
                return None
            cells = [rows.label_cell(norm, ls, le), *more]
        if cells is not None:
            decisions = table.row(cells, n, _row_indicator, last, self.row_body)
        if decisions is None:
            return None
        if decisions and decisions[0].across and table.header:
            # 执法检查（次） | 检查企业（家）, then 15 | 42: the quote is the header and the row
            # (the header's line to the row's end), not the bare figures 15 | 42
            ls = norm.rfind("\n", 0, table.header[0].start) + 1
        qs, qe = _row_span(self.text, ls, lines[last][1])
        stated = {}  # (agency, indicator) -> the row's figure: what its notes break down
        for d in decisions:
            ind = self.cat.by_id[d.indicator]
            ns, ne = d.cell.start, d.cell.start + len(d.cell.text)
            who = d.owner or self.owners.reporter
            if d.total and not self.total_row(table, who, ind.id, d.number):
                return None  # a 合计 smaller than a row above it sums other things
            reason, total = d.reason, table.stated.get((who, ind.id))
            if reason is None and total is not None and d.number < total:
                reason = "part"  # a kind of what an earlier row of the table totalled
            if reason is None:
                stated.setdefault((who, ind.id), d.number)
                table.stated.setdefault((who, ind.id), d.number)
                n_facts = len(self.facts)
                self.emit(ind, d.number, None, qs, qe, ns, ne, who, f"row:{ind.id}")
                table.facts.extend(self.facts[n_facts:])
            else:
                self.candidates.append(
                    Candidate(None if d.owner is None and reason == "other_body" else who,
                              self.year, ind.id, d.number, ind.unit, reason,
                              self.text[qs:qe], qs, qe, ns, ne)
                )  # fmt: skip
        if cells is not None and decisions:
            self.notes(cells, stated)
        elif cells is not None:  # a row with no figure: a zero in words in a cell of it
            self.notes(cells, stated, zeros_only=True)  # 行政许可 | —（本局无行政许可事项）
        return last

    def total_row(self, table: rows.Table, who: str, ind_id: str, value: float) -> bool:
        """A 合计 row after rows of kinds of one indicator (双随机抽查 | 6, 专项检查 | 4,
        合计 | 10): the facts those rows gave become its parts (candidates), as under a
        total stated first; False, and nothing changed, when one of them is larger than
        the 合计 (then it sums something else)."""
        mine = [f for f in table.facts if f.agency == who and f.indicator == ind_id]
        if not mine or any(f.value > value for f in mine):
            return False
        for f in mine:
            self.facts.remove(f)
            self.seen.discard((f.agency, f.indicator, f.value, f.qualifier))
            self.candidates.append(Candidate(f.agency, f.year, f.indicator, f.value, f.unit,
                                             "part", f.quote, f.start, f.end, f.num_start,
                                             f.num_end))  # fmt: skip
        table.facts = [f for f in table.facts if f not in mine]
        table.stated.pop((who, ind_id), None)
        return True

    def notes(self, cells: list[rows.Cell], stated: dict, zeros_only: bool = False) -> None:
        """The figures written in a row's note (备注, 说明: 其中联合检查9次。…), read as the
        report's sentences: a part of the row's figure (其中…, 含…) is set aside as such,
        another indicator's figure is a fact, and none is lost. A cell of words with a
        number in it, after the row's label, is such a note."""
        starts, n = self.mention_starts, len(self.mention_starts)
        for c in cells[1:]:
            cs, ce = c.start, c.start + len(c.text)
            number = (i := bisect_left(starts, cs)) < n and starts[i] < ce
            if zeros_only and (number or not ZERO_NEEDED.search(self.norm, cs, ce)):
                continue  # (a row that gave nothing: only its cells with a zero in words)
            if c.numeric or not (number or ZERO_NEEDED.search(self.norm, cs, ce)):
                continue  # a figure of the row, or words with no number nor zero (most cells)
            self.row_of_note = [self.cat.by_id[i] for _, i in stated]
            for ss, se in _sentences(self.norm, cs, ce):
                self.sentence(ss, se, dict(stated))
            self.row_of_note = []

    def _compared_scoped(self, norm: str, se: int, years: list) -> list:
        """The years named in a sentence, each a (position, year), with the scope of a compared
        year closed: 较2018年的60条增加28条；受理依申请公开2件 — after the comparison's clause
        the year is the one named before it (or the report's)."""
        if not any(COMPARED_YEAR.search(norm, max(0, p - 3), p) for p, _ in years):
            return years
        out, before = [], self.year
        for p, y in years:
            out.append((p, y))
            if COMPARED_YEAR.search(norm, max(0, p - 3), p):
                stop = CLAUSE_STOP.search(norm, p, se)
                if stop:
                    out.append((stop.end(), before))
            else:
                before = y
        return sorted(out)

    def set_aside(self, mt: _Mention, reason: str, cs: int, ce: int, marks, ind=None) -> None:
        """Keep a number that was not taken as a candidate, with why; only where its
        clause speaks of an indicator (ind, or the best guess from the clause's words)."""
        ind = ind or _guess(self.norm, cs, ce, mt) or _guess(self.norm, *self.sentence_at, mt)
        if ind is None and self.row_of_note:  # a row's note (含简易程序1件): the row's words
            ind = next((i for i in self.row_of_note if mt.unit in i.units), None)
        if ind is None and reason != "ambiguous" and mt.unit != "%":
            # a figure set aside for a reason where the sentence's words name its area in
            # another unit (参训干部共160人次，2018年为4次); not one no words claim (整改通知书
            # 17份), nor a rate (满意率, 较上年增长36%), which names its own
            ind = _guess_area(self.norm, *self.sentence_at, mt)
        if ind is None:
            return
        owner = _owner_at(mt.start, marks, self.owners) if marks is not None else None
        quote, qs, qe = _quote(self.text, cs, ce)
        self.candidates.append(
            Candidate(None if owner in (None, OTHER) else owner, self.year, ind.id, mt.value,
                      mt.unit, reason, quote, qs, qe, mt.num_start, mt.num_end)
        )  # fmt: skip

    def set_aside_all(self, s: int, e: int, reason: str) -> None:
        """Every number of norm[s:e] as a candidate (a section that looks ahead)."""
        for i in range(bisect_left(self.mention_starts, s), len(self.mentions)):
            mt = self.mentions[i]
            if mt.start >= e:
                break
            cs = max(s, _clause_start(self.norm, mt.start))
            ce = min(e, _clause_end(self.norm, mt.end))
            self.sentence_at = (s, e)
            self.set_aside(mt, reason, cs, ce, None)

    def year_of_stock(self, ss: int, cs: int, mt: _Mention, clause_left: str):
        """The standing total set aside just before in the sentence, where this clause gives
        the year's share of it (累计开展执法检查31次，其中2016年开展13次): its candidate,
        whose indicator the year's figure is of; else None."""
        m = YEAR_SHARE.match(clause_left)
        if m is None or not self.candidates:
            return None
        if m["year"] and int(m["year"]) != self.year:
            return None
        c = self.candidates[-1]
        ok = c.reason == "stock" and c.indicator and c.unit == mt.unit
        return c if ok and ss <= c.num_start < cs else None

    def stock_before(self, ss: int, cs: int, at: int) -> bool:
        """An earlier clause of the sentence (ss..cs) states a standing total over years
        (2014年以来…累计, “十四五”期间…累计), which the clauses listed after it share up to
        `at`, unless the year itself is named between (全年…, 其中2016年…)."""
        norm = self.norm
        k = norm.rfind("累计", ss, cs)
        if k < 0 or not GLOBAL_VETO.match(norm, k):
            return False
        if not STOCK_SPAN.search(norm, ss, min(k + 4, cs)) or self.whole_year(ss, k):
            return False
        if THIS_YEAR_WORD.search(norm, k, at):
            return False
        return not any(int(y.group(1)) == self.year for y in YEAR_MARK.finditer(norm, k, at))

    def whole_year(self, s: int, e: int) -> bool:
        """norm[s:e] states the report's whole year as its period (…1月1日至12月31日)."""
        m = WHOLE_YEAR.search(self.norm, s, e)
        return bool(m) and int(m["year"] or self.year) == self.year

    def wide(self, cs: int, ce: int) -> bool:
        """The clause gives a whole region's or system's figure, not the reporter's."""
        if not WIDE.match(self.norm, cs, ce):
            return False
        clause = self.norm[cs:ce]
        field = next(
            (v for k, v in fields().items() if _level_core(self.owners.reporter)[1] == k), None
        )
        return bool(SYSTEM.search(clause)) or not (field and re.search(field, clause))

    def attending(self, ind, stated: dict, cs: int, ce: int) -> bool:
        """A whole system's people who attended the training the reporter held in the same
        sentence (举办“科技法律大讲堂”4期，全市科技系统干部参加420余人次): the attendance at
        the reporter's training, not the system's figure. Not when another body is named as
        the holder of what they attended, after the reporter's training (…集中学法8次；
        二是参加市科技局举办的全市科技系统法治培训班，全市科技系统共210人次参训)."""
        key = (self.owners.reporter, "trainings")
        if not (
            ind.id == "training_attendance"
            and key in stated
            and ATTENDING.search(self.norm, cs, ce) is not None
        ):
            return False
        since = max(self.stated_at.get(key, self.sentence_at[0]), self.sentence_at[0])
        return not any(
            not _is_self(m["name"], self.owners) for m in HELD_BY.finditer(self.norm, since, cs)
        )

    def take(self, mt, ind, also, how, value, who, stated, broken_down, cs, ce, marks) -> None:
        """Emit mt's value as `who`'s figure of ind (and of also), unless it is another
        body's or a part of a total the sentence stated. broken_down: a 其中 follows it."""
        norm = self.norm
        # (WIDE opens with white space, 全 or 各: most clauses open with none, and are not asked)
        if who == self.owners.reporter and (norm[cs] in WIDE_OPENS or norm[cs].isspace()):
            who = OTHER if self.wide(cs, ce) and not self.attending(ind, stated, cs, ce) else who
        if who == OTHER:
            self.set_aside(mt, "other_body", cs, ce, marks, ind)
            # what a 其中 after it counts (全区科技系统…抽查26次，其中我局开展9次): part_of
            self.others_stated[(OTHER, ind.id)] = value
            self.stated_at.setdefault((OTHER, ind.id), mt.start)
            return
        for target in (ind, *also):
            total = stated.get((who, target.id))
            # 其中-parts, 结案4起 after 查处5起: parts of a stated total; but not a
            # figure larger than it (党组会学习2次…学法培训11次): a second value,
            # which the board shows as a dispute rather than hide
            if total is not None and not value > total:
                if target is ind:
                    self.set_aside(mt, "part", cs, ce, marks, ind)
                continue
            if total is None and (
                broken_down or not (target.channel and target.channel.search(norm, cs, ce))
            ):
                # one channel's figure does not make a later total a part of it
                # (网站发布180条，新媒体390条，全年主动公开共570条): parts.channel_parts;
                # but what its 其中 breaks down is its part (网站公开31条，其中…9条)
                stated[(who, target.id)] = value
                self.stated_at[(who, target.id)] = mt.start
            self.emit(target, value, mt.qualifier, cs, ce, mt.num_start, mt.num_end, who,
                      f"{how}:{target.id}")  # fmt: skip

    def parallel(self, cs: int, at: int) -> bool:
        """The clause names a subject first and then, before the number at `at`, no more
        than a verb of doing (我局开展7次, 区知识产权局全年查处3件): it says the same as the
        clause before of another subject, its indicator left out."""
        norm = self.norm
        m = SELF.match(norm, cs) or OTHER_BODY_AT_START.match(norm, cs)
        if m is None and self.owners.pattern is not None:
            m = self.owners.pattern.match(norm, cs)
        return m is not None and PARALLEL_REST.fullmatch(norm, m.end(), at) is not None

    def names_ours(self, s: int, e: int) -> bool:
        """norm[s:e] names the reporter (我局, 局机关, 本局, its own level: 区本级 in a
        district's report, not 市本级) or one of its subordinates."""
        norm, pattern = self.norm, self.owners.pattern
        if SELF.search(norm, s, e) or (pattern and pattern.search(norm, s, e)):
            return True
        own = OWN_LEVEL.search(norm, s, e)
        return own is not None and (
            not own["level"] or region_of(self.owners.reporter).endswith(own["level"])
        )

    def part_of(self, stated: dict, unit: str, part: int):
        """The indicator of a 其中-part that names none (全局共办理行政处罚案件五件，其中区知识
        产权局办理三件): the one total stated before its 其中 (at `part`) in its unit; (None,
        [], "") when there is none, or several. A figure stated in the 其中's own list is no
        total of it (行政职权28项，其中：行政许可1项、行政确认12项: 12 is not a licensing item)."""
        at = self.stated_at
        kinds = {i for k in stated if unit in self.cat.by_id[(i := k[1])].units
                 and at.get(k, -1) < part}  # fmt: skip
        if len(kinds) != 1:
            return None, [], ""
        return self.cat.by_id[kinds.pop()], [], "part"

    def named_before(self, ss: int, cs: int, mt, right: str, about: str, how: str):
        """The indicator of a number its clause does not name, named by the clause before it
        in its sentence, and where that clause opens (the fact's quote takes both): how
        "list", a number that counts what a list holds (公布“一次办好”事项清单，列入事项2项:
        one-visit items); how "label", a number that is all its clause holds after a colon,
        named by the label before the colon (执法检查：6次; 主动公开政府信息：62条).
        (None, [], "", cs) when there is no such clause, or it names no indicator."""
        if cs <= ss:  # the sentence's first clause: no clause before it
            return None, [], "", cs
        prev = max(ss, _clause_start(self.norm, cs - 1))
        name = self.norm[prev : cs - 1]
        named = (
            LIST_NAMED.search(name) is not None
            if how == "list"
            else bool(name.strip()) and len(name) <= 20  # a label, not a sentence
        )
        if not named:
            return None, [], "", cs
        ind, also, _ = _choose(name, name, right, mt, about)
        return ind, also, how, prev if ind is not None else cs

    def row_body(self, label: str) -> str | None:
        """The body a table row names (区知识产权局 | 5 | 18), rows.SUM for a total row, None
        when the label names no body (the row is then read as an indicator's)."""
        name = re.sub(r"\s+", "", label)
        if name in ("合计", "总计", "小计", "全局合计"):
            return rows.SUM
        if SELF.fullmatch(name) or _is_self(name, self.owners):
            return self.owners.reporter
        if self.owners.pattern is not None and self.owners.pattern.fullmatch(name):
            return self.owners.canonical(name)
        return None

    def respectively(self, cs: int, ce: int, marks) -> dict[int, tuple[str, ...]]:
        """Owners listed before 分别 (区知识产权局、区地震局分别开展执法检查5次和3次) take
        the clause's numbers after it in order, one each, or all of them its one number
        (分别开展执法检查5次: five each): {mention index: owners}."""
        at = self.norm.find("分别", cs, ce)
        if at < 0:
            return {}
        listed = _listed_owners(self.norm, at, marks, self.owners)[::-1]
        first = bisect_left(self.mention_starts, at)
        after = range(first, bisect_left(self.mention_starts, ce, first))
        if len(listed) < 2:
            return {}
        if len(after) == 1:
            return {after[0]: tuple(listed)}
        if len(after) != len(listed):
            return {}
        return {i: (who,) for i, who in zip(after, listed, strict=True)}

    def looks_ahead(self, ss: int, se: int) -> bool:
        """norm[ss:se] speaks of what is to come (将, 计划, 力争, 不少于, a later year): in a
        section of shortcomings and plans, its numbers are plans."""
        if LOOKS_AHEAD.search(self.norm, ss, se):
            return True
        return any(int(m.group(1)) > self.year for m in YEAR_MARK.finditer(self.norm, ss, se))

    def may_state(self, ss: int, se: int) -> bool:
        """Whether norm[ss:se], a sentence without a number (run() asks only of those), can
        give a fact or a candidate: through a pair (由20个工作日压缩至5个工作日) or a zero in
        words, and a zero needs one of ZERO_NEEDED's words (a year's 0 in 2020年 lets many
        sentences past ZERO_HINT)."""
        if ZERO_NEEDED.search(self.norm, ss, se):
            return True
        return any(pair.pattern.search(self.norm, ss, se) for pair in self.pairs)

    def sentence(self, ss: int, se: int, stated: dict) -> dict:
        """Facts of one sentence. `stated`: (agency, indicator) -> the total already given
        in it (or in the sentence its 其中 continues)."""
        norm, owners = self.norm, self.owners
        self.sentence_at = (ss, se)
        self.stated_at = {}  # (agency, indicator) -> where its total was stated in the sentence
        self.others_stated = {}  # (OTHER, indicator) -> another body's figure in the sentence
        # (those carried from the sentence a 其中 continues: before it)
        bodies = _between(self.bodies, ss, se) if self.bodies else []  # (most texts: none)
        # no name of ours, of the reporter's or of another body in the sentence (and none
        # running into it): no mark (what _subject_marks finds then), without the call
        subjects = self.subjects
        own_at, named_at = subjects.own_at, subjects.named_at
        i = bisect_left(own_at, ss)
        quiet = (
            not bodies
            and (i == len(own_at) or own_at[i] >= se)
            and (i == 0 or subjects.own[i - 1][1] <= ss)
        )
        if quiet and owners.pattern is not None:
            i = bisect_left(named_at, ss)
            quiet = (i == len(named_at) or named_at[i] >= se) and (
                i == 0 or subjects.named[i - 1][1] <= ss
            )
        marks = [] if quiet else _subject_marks(norm, ss, se, owners, bodies, subjects)
        years = [(m.start(), int(m.group(1))) for m in YEAR_MARK.finditer(norm, ss, se)
                 if not _inside(m.start(), self.protected)]  # fmt: skip
        # _between(self.year_marks, ss, se), inline: 去年…，今年… (本年度 in most texts)
        marks_y = self.year_marks
        more = (
            marks_y[bisect_left(marks_y, (ss,)) : bisect_left(marks_y, (se,))]
            if marks_y and marks_y[-1][0] >= ss and marks_y[0][0] < se
            else []
        )
        if more:
            years = sorted(years + [(p, y) for p, y in more])
        if years:
            years = self._compared_scoped(norm, se, years)

        def other_year(pos: int) -> bool:
            last = None  # the last year named before pos (years are in text order)
            for mark in years:
                if mark[0] >= pos:
                    break
                last = mark
            if last is None or last[1] == self.year:
                return False
            # 由2017年的5次增加到9次: the 9 is this year's
            return not TO_LEVEL.search(norm, last[0], max(last[0], pos))

        said = None  # (indicator, unit) of the sentence's last number taken, before this clause
        taken = None
        # a pair found in a clause is found in its sentence: most sentences have none
        live = (
            [pair for pair in self.pairs if pair.pattern.search(norm, ss, se)] if self.pairs else []
        )
        # _zeros reads a clause only with one of ZERO_NEEDED's words, and a clause holds
        # one only where its sentence does (the pattern looks at nothing outside a match)
        zero_words = ZERO_NEEDED.search(norm, ss, se) is not None
        for cs, ce in _clauses(norm, ss, se, self.plain_clauses):  # (no 。!?\n in a sentence)
            used = []
            for pair in live:  # 由20个工作日压缩至5个工作日
                for m in pair.pattern.finditer(norm, cs, ce):
                    used.append((m.start(), m.end()))
                    if other_year(m.start()):
                        continue
                    who = _owner_at(m.start(), marks, owners)
                    for g, ind_id in (("a", pair.before), ("b", pair.after)):
                        v = parse_number(m.group(g))
                        if v is not None:
                            self.emit(self.cat.by_id[ind_id], v, None, cs, ce, m.start(g),
                                      m.end(g), who, f"pair:{ind_id}")  # fmt: skip
            # (_zeros' own first test, before its call: most clauses hold no zero word)
            if zero_words and ZERO_NEEDED.search(norm, cs, ce):
                _zeros(norm, cs, ce, marks, owners, self.emit, other_year)
            prev_end = left_from = cs
            if taken is not None:
                said = taken[1:]
            taken = None  # (end, indicator, unit) of the clause's last number taken
            # 区知识产权局、区地震局分别…5次和3次 (a clause holds 分别 only where the text does)
            each = self.respectively(cs, ce, marks) if self.respective else {}
            for i in range(bisect_left(self.mention_starts, cs), len(self.mentions)):
                mt = self.mentions[i]
                if mt.start >= ce:
                    break
                if mt.start < prev_end or (used and any(a <= mt.num_start < b for a, b in used)):
                    continue
                if mt.aside:  # a range: never a fact, and not a number the next one skips
                    self.set_aside(mt, mt.aside, cs, ce, marks)
                    continue
                # keywords are looked for since the last number that was taken
                left, clause_left = norm[left_from : mt.start], norm[cs : mt.start]
                prev_end = mt.end
                veto = GLOBAL_VETO.search(clause_left)
                # 主动公开政府信息总数7条 is the year's total; 截至年底…总数 is a stock
                while (
                    veto and veto.group(0) == "总数" and not STOCK_SPAN.search(norm, ss, mt.start)
                ):
                    veto = GLOBAL_VETO.search(clause_left, veto.end())
                if (
                    veto
                    and veto.group(0) == "累计"
                    and (self.whole_year(ss, mt.start) or not STOCK_SPAN.search(norm, ss, mt.start))
                ):
                    veto = None  # 2021年1月1日至12月31日…累计, 培训2期，累计参训: the year's
                if veto:
                    self.set_aside(mt, _veto_reason(veto.group(0)), cs, ce, marks)
                    continue
                if cs > ss and self.stock_before(ss, cs, mt.start):
                    # “十四五”期间，全局累计开展执法检查38次，组织集中学法44次: both totals
                    self.set_aside(mt, "stock", cs, ce, marks)
                    continue
                if _is_delta(left, clause_left, norm, ss, mt.start):
                    self.set_aside(mt, "delta", cs, ce, marks)
                    continue
                if years and other_year(mt.start):  # (no year named: none other)
                    self.set_aside(mt, "other_year", cs, ce, marks)
                    continue
                if PART_OF_YEAR.search(norm, ss, mt.start):
                    self.set_aside(mt, "period", cs, ce, marks)
                    continue
                # what the sentence is about (a require) is not decided by its 其中-parts
                part = norm.find("其中", mt.end, se)
                about = norm[ss : se if part < 0 else part]
                # (_right's call only where a comma ends the clause inside the sentence)
                right = (
                    _right(norm, mt.end, ce, se)
                    if ce < se and norm[ce] in "，,"
                    else norm[mt.end : ce]
                )
                if right[:1] == "、" and NEXT_ITEM.search(right):
                    # 制发规范性文件2件、审查合同5份: what follows the 、 is the next item's
                    # name, with its own number, and says nothing of this one
                    right = ""
                row_named = (
                    mt.unit in ("个", "件")
                    and "决定"
                    in left[-6:]  # (DECISIONS_BEFORE's, within its reach: most have none)
                    and DECISIONS_BEFORE.search(left, max(0, len(left) - 10))
                )
                if row_named:
                    # a template row's name counts its own figure, whatever else its
                    # sentence or its heading is about (（二）依申请公开情况 / 收到依申请公开
                    # 0件，行政许可处理决定0个)
                    about = norm[cs:ce]
                    mt = _Mention(mt.start, mt.num_start, mt.num_end, mt.end, mt.value, "件",
                                  mt.qualifier, mt.aside)  # fmt: skip
                ind, also, how = _choose(left, clause_left, right, mt, about)
                if (  # （四）行政复议。全年办理1件: the heading rules 办理 out
                    ind is not None
                    and self.heading is not None
                    and not row_named
                    and _headed(self.heading[:2], ind, mt, clause_left, about) is None
                ):
                    ind, also, how = None, [], ""
                if ind is None and TRAINING_WORDS.search(norm, ss, mt.start):
                    # 干部职工共45人次参加，分3期进行 / …专利执法培训，共计8人次
                    batch = {"人次": "training_attendance"}.get(mt.unit, "trainings")
                    target = self.cat.by_id[batch]
                    if (mt.unit in BATCH_UNITS or mt.unit == "人次") and not (
                        target.veto and target.veto.search(norm, ss, mt.start)
                    ):
                        ind, also, how = target, [], "batch"
                if (
                    ind is None
                    and taken
                    and taken[2] == mt.unit
                    and norm[taken[0] : mt.start] in JOINERS
                ):
                    ind, also, how = taken[1], [], "shared"  # 分别开展执法检查5次和3次
                if (
                    ind is None
                    and (stated or self.others_stated)
                    and ((part_at := norm.rfind("其中", ss, mt.start)) >= 0)
                ):
                    # (another body's figure, set aside, still says what its 其中 counts
                    # where the part names the reporter or one of ours as its subject: 其中
                    # 我局开展9次 is the reporter's share; 其中各县区开展20次 stays unclear)
                    ours = self.others_stated and self.names_ours(part_at, mt.start)
                    ind, also, how = self.part_of(
                        {**self.others_stated, **stated} if ours else stated, mt.unit, part_at
                    )
                if (
                    ind is None
                    and said is not None
                    and said[1] == mt.unit
                    and self.parallel(cs, mt.start)
                ):
                    # 全市地震系统全年开展执法检查112次，我局开展7次: a new subject doing
                    # the same, its indicator left out
                    ind, also, how = said[0], [], "parallel"
                if ind is None and (c := self.year_of_stock(ss, cs, mt, clause_left)):
                    ind, also, how = self.cat.by_id[c.indicator], [], "year_of_stock"
                # where the fact's quote opens: its clause, the list it counts, or the
                # heading that named it
                qs = cs
                if ind is None and LIST_COUNT.fullmatch(clause_left):
                    ind, also, how, qs = self.named_before(ss, cs, mt, right, about, "list")
                if (
                    ind is None
                    and cs > ss
                    and norm[cs - 1] in "：:"
                    and LABEL_COUNT.fullmatch(clause_left)
                ):
                    ind, also, how, qs = self.named_before(ss, cs, mt, right, about, "label")
                if ind is None and self.heading is not None:  # （二）执法检查。…全年开展4次
                    ind = _headed(self.heading[:2], None, mt, clause_left, about)
                    if ind is not None:
                        also, how, qs = [], "heading", self.heading[2]
                if ind is None:
                    self.set_aside(mt, "ambiguous", cs, ce, marks)
                    continue
                if clause_left.startswith(OTHER_PART):  # 其他应主动公开的政府信息11条: the rest
                    self.set_aside(mt, "part", cs, ce, marks, ind)  # of a total, not one
                    continue
                taken = (mt.end, ind, mt.unit)
                value = mt.value
                # 压缩至法定时限的30%: the cut is the rest (一半 is 50% either way)
                if ind.complement is not None and ind.complement.search(left):
                    value = 100 - value
                left_from = mt.end
                # (no subject named in the sentence: the reporter's, as _owner_at says)
                owner = _owner_at(mt.start, marks, owners) if marks else owners.reporter
                for who in each.get(i) or (owner,):
                    self.take(mt, ind, also, how, value, who, stated, part >= 0, qs, ce, marks)
        return stated
