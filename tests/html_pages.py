"""Web pages of our own in the shapes of real government pages, and the same reports as
plain text, for tests/test_readers_html.py.

Everything is invented: the figures, the sentences, the site; only the fixed row labels of
the State Council 信息公开 template (shared by every such report) are reproduced. A report is
a list of blocks: a string is a paragraph, a list is a table (rows of cells; a cell is a
string or (text, rowspan, colspan)).
"""

from __future__ import annotations

import email.charset
import html
import re
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

Cell = str | tuple[str, int, int]

DISCLOSURE_TITLE = "周村区地震局2025年政府信息公开工作年度报告"
DISCLOSURE_META = [
    ("索引号", "11370306MB0000031K/2026-00007"), ("主题分类", "综合政务/政务公开"),
    ("发布机构", "周村区地震局"), ("成文日期", "2026-01-19"),
    ("标题", DISCLOSURE_TITLE),
]  # fmt: skip
_ZERO7 = ["0"] * 7

DISCLOSURE: list = [
    "本报告依据《中华人民共和国政府信息公开条例》编制，所列数据统计期限为2025年1月1日至2025年12月31日。"
    "对本报告有疑问的，请与区地震局办公室联系。",
    "一、总体情况",
    "2025年，区地震局主动公开政府信息58条，其中通过门户网站公开44条、政务新媒体公开14条。"
    "全年办理建设工程抗震设防要求确定等行政许可12件，收到政府信息公开申请2件，均在法定期限内答复。",
    "二、主动公开政府信息情况",
    [
        [("第二十条第（一）项", 1, 4)],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "0", "0", "0"],
        ["行政规范性文件", "1", "0", "3"],
        [("第二十条第（五）项", 1, 4)],
        ["信息内容", ("本年处理决定数量", 1, 3)],
        ["行政许可", ("12", 1, 3)],
        [("第二十条第（六）项", 1, 4)],
        ["信息内容", ("本年处理决定数量", 1, 3)],
        ["行政处罚", ("0", 1, 3)],
        ["行政强制", ("0", 1, 3)],
        [("第二十条第（八）项", 1, 4)],
        ["信息内容", ("本年收费金额（单位：万元）", 1, 3)],
        ["行政事业性收费", ("0", 1, 3)],
    ],
    "三、收到和处理政府信息公开申请情况",
    [
        [
            ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3),
            ("申请人情况", 1, 7),
        ],  # fmt: skip
        [("自然人", 2, 1), ("法人或其他组织", 1, 5), ("其他", 2, 1), ("总计", 2, 1)],
        ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"],
        [("一、本年新收政府信息公开申请数量", 1, 3), "2", "0", "0", "0", "0", "0", "2"],
        [("二、上年结转政府信息公开申请数量", 1, 3), *_ZERO7],
        [("三、本年度办理结果", 6, 1), ("（一）予以公开", 1, 2), "1", "0", "0", "0", "0", "0", "1"],
        [("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1, 2), *_ZERO7],
        [("（三）不予公开", 2, 1), "1.属于国家秘密", *_ZERO7],
        ["2.其他法律行政法规禁止公开", *_ZERO7],
        ["（四）无法提供", "1.本机关不掌握相关政府信息", "1", "0", "0", "0", "0", "0", "1"],
        [("（七）总计", 1, 2), "2", "0", "0", "0", "0", "0", "2"],
        [("四、结转下年度继续办理", 1, 3), *_ZERO7],
    ],
    "四、政府信息公开行政复议、行政诉讼情况",
    [
        [("行政复议", 1, 5), ("行政诉讼", 1, 10)],
        [
            ("结果维持", 2, 1),
            ("结果纠正", 2, 1),
            ("其他结果", 2, 1),
            ("尚未审结", 2, 1),
            ("总计", 2, 1),
            ("未经复议直接起诉", 1, 5),
            ("复议后起诉", 1, 5),
        ],  # fmt: skip
        ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2,
        ["1", "0", "0", "0", "1", "0", "1", "0", "0", "1", "0", "0", "0", "0", "0"],
    ],
    "五、存在的主要问题及改进情况",
    "个别栏目更新不够及时。下一步将明确专人负责，定期检查栏目内容。",
    "六、其他需要报告的事项",
    "本年度未收取信息处理费。",
]

LAW_TITLE = "周村区科学技术局2013年度依法行政工作总结"
LAW_META = [
    ("发布机构", "周村区科学技术局"),
    ("发布日期", "2014-01-22"),
    ("文号", "周科发〔2014〕2号"),
]
LAW: list = [
    "2013年，区科技局在区委、区政府的领导下，认真落实依法行政各项要求，现将全年工作总结如下。",
    "一、严格规范执法",
    "全年开展科技领域执法检查16次，检查科技型企业和中介机构57家，立案查处违法案件3件。"
    "持有执法证件的执法人员达到9名。",
    "二、深化审批改革",
    "全年办理行政许可和备案事项42件，平均办理时限由20个工作日压缩至8个工作日。",
    "三、加强学法用法",
    "组织局机关学法培训6次，参训人员210人次；局党组专题研究法治建设工作2次。",
    "四、主要数据",
    [
        ["指标", "2012年", "2013年"],
        ["行政复议案件（件）", "0", "1"],
        ["行政诉讼案件（件）", "1", "0"],
        ["主动公开政府信息（条）", "64", "75"],
    ],
    "五、下一步打算",
    "2014年，计划开展执法检查不少于20次，继续加强执法队伍建设。",
]

# Page furniture, with figures and words of their own that must give no fact.
_SITE_TOP = """
<div class="header"><div class="logo">周村区人民政府</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
<li><a href="/zwfw">政务服务</a></li><li><a href="/hdjl">互动交流</a></li></ul>
<div class="search"><input type="text" value="请输入关键字"><button>搜索</button></div></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt;
<a href="/zwgk/nb">政府信息公开年度报告</a></div>
"""
_RELATED = """
<div class="list-box"><h3>相关新闻</h3><ul>
<li><a href="/a/1.html">区科技局开展执法检查5次</a><span>2025-06-01</span></li>
<li><a href="/a/2.html">区地震局组织学法培训3次，参训120人次</a><span>2025-05-11</span></li>
<li><a href="/a/3.html">区市场监管局办理行政许可300件</a><span>2025-04-20</span></li>
</ul></div>
"""
_SITE_BOTTOM = """
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
<div class="tools">【<a href="javascript:print()">打印本页</a>】【<a href="javascript:close()">关闭窗口</a>】</div>
<div class="footer"><p>主办单位：周村区人民政府办公室　承办单位：周村区大数据中心</p>
<p>网站标识码：3703060001　鲁ICP备12345678号-1　鲁公网安备 37030602000123号</p>
<p>联系电话：0533-6100000　建议使用1920×1080分辨率浏览</p></div>
<script>var visits = 1287; document.write("浏览次数：" + visits);</script>
"""


def _cell(c: Cell) -> tuple[str, int, int]:
    return (c, 1, 1) if isinstance(c, str) else c


def table_html(rows: list, attrs: str = 'border="1" cellspacing="0"') -> str:
    out = [f"<table {attrs}><tbody>"]
    for row in rows:
        out.append("<tr>")
        for c in row:
            text, rs, cs = _cell(c)
            span = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            out.append(f'<td{span}><p style="text-align:center">{html.escape(text)}</p></td>')
        out.append("</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def table_text(rows: list) -> list[str]:
    """The table as someone types it in a text file: cells between pipes, a merged cell's
    text in its first place (as r24 of tests/realshaped does)."""
    taken: set[tuple[int, int]] = set()
    grid: list[dict[int, str]] = []
    for r, row in enumerate(rows):
        line: dict[int, str] = {}
        col = 0
        for c in row:
            while (r, col) in taken:
                line[col] = ""
                col += 1
            text, rs, cs = _cell(c)
            for dr in range(rs):
                for dc in range(cs):
                    taken.add((r + dr, col + dc))
                    if not dr:
                        line[col + dc] = text if not dc else ""
            col += cs
        while (r, col) in taken:
            line[col] = ""
            col += 1
        grid.append(line)
    width = max(max(g) + 1 for g in grid)
    return [" | ".join(g.get(c, "") for c in range(width)) for g in grid]


def as_text(title: str, blocks: list) -> str:
    lines = [title, ""]
    for b in blocks:
        lines.extend(table_text(b) if isinstance(b, list) else [b])
    return "\n".join(lines) + "\n"


def _meta_table(meta: list[tuple[str, str]]) -> str:
    cells = [f"<td><b>{k}：</b></td><td>{html.escape(v)}</td>" for k, v in meta]
    rows = ["".join(cells[i : i + 2]) for i in range(0, len(cells), 2)]
    return '<table class="xxgk-info">' + "".join(f"<tr>{r}</tr>" for r in rows) + "</table>"


def as_page(title: str, meta: list[tuple[str, str]], blocks: list, charset: str = "utf-8") -> str:
    """A modern page: header, breadcrumbs, metadata table, h1, date bar, body, share bar,
    related news, footer."""
    body = []
    for b in blocks:
        if isinstance(b, list):
            body.append(table_html(b))
        else:
            body.append(f'<p style="text-indent:2em">{html.escape(b)}</p>')
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{html.escape(title)}_周村区人民政府</title>
<style>.nav li {{ float: left }}</style></head>
<body>{_SITE_TOP}
<div class="main"><div class="article">
{_meta_table(meta)}
<h1 class="title">{html.escape(title)}</h1>
<div class="info">发布时间：2026-01-20 09:30　　浏览次数：1287　　<span class="fontsize">字号：【大 中 小】</span></div>
<div class="content" id="zoom">
{chr(10).join(body)}
</div></div>{_RELATED}</div>{_SITE_BOTTOM}</body></html>
"""


def as_old_page(title: str, meta: list[tuple[str, str]], blocks: list, charset: str) -> str:
    """An older site: the whole page laid out with nested tables, metadata as a <ul>."""
    body = []
    for b in blocks:
        if isinstance(b, list):
            body.append(table_html(b, 'width="90%" border="1"'))
        else:
            body.append(f"<p>　　{html.escape(b)}</p>")
    meta_ul = "".join(f"<li><span>{k}：</span>{html.escape(v)}</li>" for k, v in meta)
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{html.escape(title)}</title></head><body>
<table width="1000" align="center"><tr><td>
  <table width="100%"><tr><td class="top"><img src="logo.gif" alt="周村区科学技术局"></td></tr>
  <tr><td class="menu"><a href="/">网站首页</a> | <a href="/gk">信息公开</a> | <a href="/bs">网上办事</a></td></tr></table>
</td></tr>
<tr><td>
  <table width="100%"><tr><td width="200" class="left"><ul><li><a href="/t1">通知公告</a></li>
  <li><a href="/t2">工作动态</a></li><li><a href="/t3">政策法规</a></li></ul></td>
  <td>
  <div class="dqwz">您现在的位置：<a href="/">首页</a> &gt;&gt; <a href="/gk">信息公开</a> &gt;&gt; 工作总结</div>
  <ul class="info-ul">{meta_ul}</ul>
  <div align="center"><font size="5"><b>{html.escape(title)}</b></font></div>
  <div align="center">发布日期：2014-01-22　点击数：356　【<a href="#">打印</a>】【<a href="#">关闭</a>】</div>
  {chr(10).join(body)}
  </td></tr></table>
</td></tr>
<tr><td class="bottom">版权所有：周村区科学技术局　地址：周村区新华路1号　电话：0533-6400000</td></tr>
</table></body></html>
"""


def as_mht(
    page: str,
    charset: str,
    url: str = "http://www.example.gov.cn/art/2014/1/22/1.html",
    base64: bool = False,
) -> bytes:
    """A page saved by a browser as one file (.mht): MIME multipart/related, the page in
    quoted-printable in its own charset, an image part beside it."""
    msg = MIMEMultipart("related", type="text/html")
    msg["From"] = "<Saved by Windows Internet Explorer 11>"
    msg["Subject"] = "page"
    cs = email.charset.Charset(charset)
    cs.body_encoding = email.charset.BASE64 if base64 else email.charset.QP
    part = MIMEText(page, "html", cs)
    part["Content-Location"] = url
    msg.attach(part)
    img = MIMEImage(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "gif")
    img["Content-Location"] = "logo.gif"
    msg.attach(img)
    return msg.as_bytes()


def realshaped_page(text: str) -> str:
    """A text report of tests/realshaped as a page: each line a <p>, a run of pipe or tab
    lines a <table> (cells as written), inside the site's furniture."""
    lines = text.split("\n")
    body, rows = [], []

    def close():
        if rows:
            body.append(table_html(rows))
            rows.clear()

    for line in lines:
        if "|" in line or "\t" in line:
            sep = "|" if "|" in line else "\t"
            cells = [c.strip() for c in line.split(sep)]
            if re.match(r"^\s*\|", line):  # markdown pipes: | a | b |
                cells = cells[1:-1] if line.rstrip().endswith("|") else cells[1:]
            rows.append(cells)
            continue
        close()
        if line.strip():
            body.append(f"<p>{html.escape(line.strip())}</p>")
    close()
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>page</title></head>
<body>{_SITE_TOP}<div class="article">{chr(10).join(body)}</div>{_RELATED}{_SITE_BOTTOM}</body></html>
"""
