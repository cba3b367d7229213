"""Reading what an inspection needs from a page's HTML: the dates of its items, its
links within the site, the columns a home page leads to, and its text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urldefrag, urljoin, urlsplit

import lxml.html

from gongkai.portal.columns import NEWS, NOTICE, OTHER

# 2016-05-26, 2016/5/26, 2016.05.26, 2016年5月26日
DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
NEWS_WORDS = ("动态", "要闻", "新闻", "工作信息", "图片")
NOTICE_WORDS = ("通知", "公告", "公示", "政策", "文件", "规范性", "解读")


@dataclass(frozen=True)
class Link:
    url: str
    text: str
    in_nav: bool


@dataclass
class Page:
    url: str
    text: str
    dates: list[date]
    links: list[Link]

    def newest(self, today: date) -> date | None:
        """The newest date not after ``today`` (a later one is a typo or a faked date)."""
        valid = [d for d in self.dates if d <= today]
        return max(valid) if valid else None

    def future_dates(self, today: date) -> list[date]:
        return sorted({d for d in self.dates if d > today})


def dates_in(text: str) -> list[date]:
    found = []
    for year, month, day in DATE.findall(text):
        try:
            found.append(date(int(year), int(month), int(day)))
        except ValueError:
            continue  # 2016-13-40 is not a date
    return found


def read(url: str, html: str) -> Page:
    if not html.strip():
        return Page(url, "", [], [])
    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return Page(url, "", [], [])
    for junk in root.xpath("//script|//style|//noscript"):
        junk.drop_tree()
    text = " ".join(root.text_content().split())
    links = []
    for anchor in root.xpath("//a[@href]"):
        href = anchor.get("href", "").strip()
        if not href or href.startswith(("javascript:", "mailto:", "tel:", "#")):
            continue
        target = urldefrag(urljoin(url, href))[0]
        in_nav = bool(anchor.xpath("ancestor::nav|ancestor::header"))
        links.append(Link(target, " ".join(anchor.text_content().split()), in_nav))
    return Page(url, text, dates_in(text), links)


def same_site(url: str, site: str) -> bool:
    return urlsplit(url).netloc == urlsplit(site).netloc


def column_kind(name: str) -> str:
    """News-type (动态、要闻类) or notice/policy-type (通知公告、政策文件类) by its name."""
    if any(word in name for word in NEWS_WORDS):
        return NEWS
    if any(word in name for word in NOTICE_WORDS):
        return NOTICE
    return OTHER


def columns_of(home: Page) -> list[Link]:
    """The columns a home page leads to: its navigation's links within the site (the
    home page itself excluded), once each, in order."""
    seen, columns = {home.url.rstrip("/")}, []
    for link in home.links:
        key = link.url.rstrip("/")
        if link.in_nav and same_site(link.url, home.url) and key not in seen:
            seen.add(key)
            columns.append(link)
    return columns
