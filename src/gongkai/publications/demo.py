"""Demo data of 政府公报: the twelve monthly issues of 2016 of 《天水市人民政府公报》.

``load_gazette(ctx)`` (a loader for ``gongkai.demo.loaders``; it needs the city, its
general office's demo staff and the demo catalogue of ``gongkai.disclosure``) creates
the gazette (总第131期 is 2016年第1期, as the catalogue's own announcements say), its
distribution list (赠阅: 1,000 copies an issue, 12,000 in the year: the seed's 1.2万册)
and the issues, through the real actions: each compiled from the city's published
normative documents and notices of the weeks since the last issue (市政府文件 天政发,
市政府办公室文件 天政办发, the departments' own), with a 政府大事记 and a 发文要目 written
for the issue, submitted by the 公开办 and published on the 25th of its month by the
general office's reviewer.

The catalogue already holds twelve plain items announcing the issues
(genre 公报, "《天水市人民政府公报》2016年第N期（总第…期）"). They stay: they are the
catalogue's record that an issue appeared; each issue links to its announcement
(``Issue.catalogue_item``), and the compilation never places them as documents.

It also loads the 16 issues of 2016 of the city's 政务公开栏 (the seed: "更新市政府政务公开栏
16期"), posted about every three weeks on four boards and taken down after twenty days.

Deterministic (no randomness); idempotent: nothing is added when the gazette has issues.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from gongkai.accounts.models import User
from gongkai.disclosure.models import InformationItem

from . import services
from .models import Board, BulletinIssue, Gazette, Recipient, RecipientKind, Section

YEAR = 2016
BEIJING = ZoneInfo("Asia/Shanghai")
ISSUES_BEFORE = 130
COPIES_PER_ISSUE = 1000
GENRES = ["通知", "意见", "办法", "细则", "决定", "规定", "规划"]
PARTIES = ["民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社"]
SISTER_CITIES = ["日本国宇都宫市", "韩国仁川广域市南洞区"]


BOARDS = [
    ("市政务服务中心公开栏", "秦州区市政务服务中心一楼大厅", 2400, 1200),
    ("天水市民广场公开栏", "秦州区天水市民广场东侧", 1200, 900),
    ("市政府信访接待大厅公开栏", "秦州区民主西路市政府信访接待大厅", 1200, 900),
    ("龙城广场公开栏", "秦州区龙城广场南入口", 1800, 1200),
]
BULLETIN_THEMES = [
    "2016年市政府工作报告要点",
    "春节期间物价和食品安全提示",
    "精准扶贫精准脱贫政策问答",
    "城乡居民基本医疗保险政策",
    "黄标车和老旧机动车淘汰补贴办法",
    "政府信息依申请公开指南",
    "伏羲文化旅游节期间交通管理措施",
    "防汛抗旱和地质灾害防范常识",
    "高校毕业生就业创业扶持政策",
    "城乡居民大病保险实施办法解读",
    "全市重点项目建设进展",
    "棚户区和老旧小区改造政策",
    "最低工资标准和最低生活保障标准调整",
    "冬季大气污染防治措施",
    "冬季供暖和燃煤安全",
    "2016年为民办实事完成情况",
]


def _bulletins(city) -> int:
    boards = [
        Board.objects.create(government=city, name=n, location=loc, width_mm=w, height_mm=h)
        for n, loc, w, h in BOARDS
    ]
    for number, theme in enumerate(BULLETIN_THEMES, 1):
        posted = date(YEAR, 1, 10) + timedelta(days=22 * (number - 1))
        issue = BulletinIssue.objects.create(
            government=city,
            year=YEAR,
            number=number,
            theme=theme,
            text=f"本期政务公开栏主题：{theme}。\n"
            "详细内容可登录市政府门户网站“政府信息公开”栏目查阅，或到市政务服务中心政府信息查阅点查询。\n"
            "咨询电话：0938-8211000。",
            posted_on=posted,
            removed_on=posted + timedelta(days=20),
        )
        issue.boards.set(boards)
    return len(BULLETIN_THEMES)


def _recipients(gazette: Gazette, counties) -> None:
    rows = [
        ("中共天水市委办公室", RecipientKind.PARTY, 20),
        ("天水市人大常委会办公室", RecipientKind.CONGRESS, 20),
        ("政协天水市委员会办公室", RecipientKind.CPPCC, 20),
        *((f"{p}天水市委员会", RecipientKind.DEMOCRATIC_PARTY, 5) for p in PARTIES),
        ("市政府各部门、直属机构", RecipientKind.UNIT, 400),
        *((f"{c.name}人民政府", RecipientKind.COUNTY, 40) for c in counties),
        *((city, RecipientKind.SISTER_CITY, 5) for city in SISTER_CITIES),
        ("天水市图书馆、市档案馆政府信息查阅点", RecipientKind.READING_POINT, 10),
    ]
    given = sum(copies for _name, _kind, copies in rows)
    rows.append(("各乡镇人民政府、街道办事处", RecipientKind.TOWNSHIP, COPIES_PER_ISSUE - given))
    for order, (name, kind, copies) in enumerate(rows, 1):
        Recipient.objects.create(
            gazette=gazette, name=name, kind=kind, copies=copies, sort_order=order
        )


def _section_of(item: InformationItem, sections: dict[str, Section]) -> Section:
    if item.item_type == "rule":
        return sections["rules"]
    if item.document_number.startswith("天政办发"):
        return sections["office"]
    if item.document_number.startswith("天政发"):
        return sections["government"]
    return sections["departments"]


def _chronicle(month: int, items) -> str:
    lines = [
        f"{i.published_at.astimezone(BEIJING):%-m月%-d日}，{i.department.short_name}印发《{i.title}》。"
        for i in items[:8]
    ]
    return "\n".join(lines) or f"{month}月，市政府各项工作有序推进。"


def _list_of_documents(items) -> str:
    return "\n".join(
        f"{i.document_number}　{i.title}" if i.document_number else i.title for i in items
    )


def load_gazette(ctx) -> None:
    city = ctx.city
    gazette, _ = Gazette.objects.get_or_create(
        government=city,
        defaults={
            "title": "天水市人民政府公报",
            "sponsor": "天水市人民政府办公室",
            "editor": "天水市人民政府办公室公报编辑部",
            "issues_before": ISSUES_BEFORE,
        },
    )
    if gazette.issues.exists():
        ctx.out("  政府公报：已存在，未重复载入")
        return
    _recipients(gazette, ctx.counties)
    compiler = User.objects.get(username="ts_szfb_gkb")
    reviewer = User.objects.get(username="ts_szfb_reviewer")
    sections = {s.code: s for s in Section.objects.all()}
    start = date(YEAR, 1, 1)
    for month in range(1, 13):
        published_on = date(YEAR, month, 25)
        end = published_on - timedelta(days=1)
        issue = services.create_issue(gazette, actor=compiler, covers_from=start, covers_to=end)
        found = services.suggestions(issue, start, end, genres=GENRES)
        printed = [i for i in found if i.item_type in ("normative", "rule") or i.document_number]
        for item in printed:
            services.place(issue, item, _section_of(item, sections), actor=compiler)
        services.write_text(issue, sections["chronicle"], f"{YEAR}年{month}月政府大事记",
                            _chronicle(month, found), actor=compiler)  # fmt: skip
        services.write_text(issue, sections["documents_list"], f"{YEAR}年{month}月市政府及部门发文要目",
                            _list_of_documents(found) or "本月无。", actor=compiler)  # fmt: skip
        issue.catalogue_item = (
            InformationItem.objects.public()
            .filter(government=city, genre__name="公报", title__contains=f"{YEAR}年第{month}期")
            .first()
        )
        issue.save(update_fields=["catalogue_item"])
        services.submit(issue, actor=compiler)
        at = datetime.combine(published_on, time(9), tzinfo=BEIJING)
        services.publish(issue, actor=reviewer, on=published_on, at=at)
        services.distribute(issue)
        start = published_on
    total = services.copies_in_year(city, YEAR)
    ctx.out(f"  政府公报：{YEAR}年出版12期（总第131–142期），赠阅{total}册")
    ctx.out(f"  政务公开栏：{YEAR}年{_bulletins(city)}期，{len(BOARDS)}处公开栏")
