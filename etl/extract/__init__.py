"""Indicator facts from report text, driven by the catalog (etl/catalog.toml).

The text is normalised (simplified script, half-width digits) without changing its
length, so every span points into the report as written. The stages, one module each:

- text: lines, sentences and clauses; the spans inside quotes and document numbers;
- rows: table rows however a page or PDF flattened them (pipes, tabs, spaces, one cell
  per line), with the label rules of the catalog's [[row]] entries;
- mentions: "number + unit" mentions (12次, 十二次, 10余次, 百分之百); numbers in quotes,
  titles, document numbers, ordinals and dates never qualify;
- choose: each mention goes to the indicator whose keyword stands nearest before it in
  its clause (开展执法检查12次), or directly after it (三项行政审批事项); deltas
  (比上年增加3次), stocks (累计, 现行有效), frequencies, plans and 其中-parts are set
  aside; zeros in words (未收到…申请, 未发生…案件, …均为零) give value 0;
- owners: the owner is the subordinate agency that is the subject of the sentence at
  that point (named in the clause or carried over from earlier clauses), another body's
  figure is never the reporter's, else the reporter;
- document: one pass over a report, giving the facts and, beside them, the candidates:
  every number that speaks of an indicator and was set aside, with why.
"""

from etl.extract.document import extract_all, extract_text
from etl.extract.owners import Owners, owners_for
from etl.extract.text import MAX_SENTENCE

__all__ = ["MAX_SENTENCE", "Owners", "extract_all", "extract_text", "owners_for"]
