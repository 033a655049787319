"""Every page of the dashboard, once: the sidebar's menu (board.app), the tests and the
benchmarks all read this list, so a new page is in the menu and smoke-tested by adding it
here (tests/test_pages_common.py fails while a file in pages/ is missing from it).

It imports nothing of Streamlit, so scripts can use it without starting an app.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Page:
    id: str  # what the page passes to board.app.page(), and tests call it by
    file: str  # relative to the project folder
    label: str  # board.i18n key of its menu entry and title
    icon: str
    charts: bool = False  # draws charts of the chosen agencies and years, and only those years
    edits: bool = False  # an editor's page (board.access says who may): it writes data/ and
    #                      shows the work to do, not the figures the filters choose

    @property
    def slug(self) -> str:
        """Its path in the URL, as Streamlit names it: '' for the overview, else the file's
        name without its number ('pages/1_趋势.py' -> '趋势')."""
        if self.file == "dashboard.py":
            return ""
        return re.sub(r"^\d+_", "", Path(self.file).stem)


PAGES: tuple[Page, ...] = (  # in menu order
    Page("overview", "dashboard.py", "nav_overview", ":material/dashboard:", charts=True),
    Page("trends", "pages/1_趋势.py", "nav_trends", ":material/show_chart:", charts=True),
    Page("compare", "pages/2_对比.py", "nav_compare", ":material/bar_chart:", charts=True),
    Page("approvals", "pages/3_审批提速.py", "nav_approvals", ":material/speed:", charts=True),
    Page("sources", "pages/4_来源.py", "nav_sources", ":material/description:"),
    Page("import", "pages/5_数据导入.py", "nav_import", ":material/upload_file:", edits=True),
    Page("review", "pages/6_审核.py", "nav_review", ":material/fact_check:", edits=True),
    Page("quality", "pages/7_数据质量.py", "nav_quality", ":material/rule:"),
    Page("meeting", "pages/9_会议材料.py", "nav_meeting", ":material/slideshow:"),
)
BY_ID = {p.id: p for p in PAGES}
