"""RSS 2.0 and Atom feeds, and the sitemap: well-formed XML with the public items only."""

import xml.etree.ElementTree as ET
from datetime import datetime
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

import pytest

from gongkai.disclosure.models import InformationItem, KeyArea, SubjectCategory

from .factories import draft, publish, withdraw

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def rss_items(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("title") and channel.findtext("link").startswith(
        "http://testserver/xxgk/"
    )
    return channel, [
        {
            "title": i.findtext("title"),
            "link": i.findtext("link"),
            "description": i.findtext("description"),
            "pubDate": i.findtext("pubDate"),
        }
        for i in channel.findall("item")
    ]


def atom_entries(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return [
        (e.findtext(f"{ATOM}title"), e.find(f"{ATOM}link").get("href"))
        for e in root.findall(f"{ATOM}entry")
    ]


@pytest.fixture
def items(world, site):
    budget = KeyArea.objects.get(slug="budget")
    return {
        "finance": publish(
            world, title="财政预算公开", key_areas=[budget], summary="预算 & 决算 <公开>"
        ),
        "environment": publish(
            world, department=world.environment, title="环境质量通报", subject="城乡建设、环境保护"
        ),
        "withdrawn": withdraw(publish(world, title="已撤回的通知", key_areas=[budget])),
        "draft": draft(world, title="草稿"),
        "elsewhere": publish(world, department=world.longnan_finance, title="陇南的通知"),
    }


def test_the_latest_feed_lists_public_items_newest_first(client, items):
    channel, entries = rss_items(client, "/xxgk/feeds/latest/rss.xml")
    assert [e["title"] for e in entries] == ["环境质量通报", "财政预算公开"]
    assert entries[1]["link"] == "http://testserver" + items["finance"].get_public_url()
    assert entries[1]["description"] == "预算 & 决算 <公开>"  # escaped in the XML, intact here
    assert all(e["pubDate"] for e in entries)
    assert "天水市人民政府" in channel.findtext("title")
    atom = atom_entries(client, "/xxgk/feeds/latest/atom.xml")
    assert [title for title, _ in atom] == ["环境质量通报", "财政预算公开"]


BEIJING = ZoneInfo("Asia/Shanghai")
AT_0830 = datetime(2026, 3, 3, 8, 30, tzinfo=BEIJING)  # 00:30 UTC


def test_guids_and_ids_are_absolute_and_dates_keep_the_beijing_instant(client, items):
    InformationItem.objects.filter(pk=items["finance"].pk).update(published_at=AT_0830)
    url = "http://testserver" + items["finance"].get_public_url()

    rss = ET.fromstring(client.get("/xxgk/feeds/latest/rss.xml").content)
    item = next(i for i in rss.iter("item") if i.findtext("title") == "财政预算公开")
    assert item.findtext("guid") == url
    assert item.findtext("pubDate") == "Tue, 03 Mar 2026 08:30:00 +0800"
    assert parsedate_to_datetime(item.findtext("pubDate")) == AT_0830
    assert rss.find("channel").findtext("lastBuildDate").endswith("+0800")

    feed = ET.fromstring(client.get("/xxgk/feeds/latest/atom.xml").content)
    entry = next(
        e for e in feed.iter(f"{ATOM}entry") if e.findtext(f"{ATOM}title") == "财政预算公开"
    )
    assert entry.findtext(f"{ATOM}id") == url
    assert entry.findtext(f"{ATOM}published") == "2026-03-03T08:30:00+08:00"
    assert datetime.fromisoformat(entry.findtext(f"{ATOM}published")) == AT_0830
    for e in feed.iter(f"{ATOM}entry"):
        assert e.findtext(f"{ATOM}id").startswith("http://testserver/xxgk/")


def test_department_subject_and_key_area_feeds_hold_their_own_items(client, world, items):
    environment = SubjectCategory.objects.get(name="城乡建设、环境保护")
    cases = {
        f"/xxgk/feeds/dept/{world.finance.pk}/": ["财政预算公开"],
        f"/xxgk/feeds/dept/{world.environment.pk}/": ["环境质量通报"],
        f"/xxgk/feeds/subject/{environment.pk}/": ["环境质量通报"],
        "/xxgk/feeds/key/budget/": ["财政预算公开"],
        "/xxgk/feeds/key/environment/": [],
    }
    for base, expected in cases.items():
        _, entries = rss_items(client, base + "rss.xml")
        assert [e["title"] for e in entries] == expected, base
        assert [t for t, _ in atom_entries(client, base + "atom.xml")] == expected, base


def test_feeds_of_unknown_or_foreign_things_are_404(client, world, items):
    for url in (
        "/xxgk/feeds/dept/999999/rss.xml",
        f"/xxgk/feeds/dept/{world.longnan_finance.pk}/rss.xml",
        "/xxgk/feeds/subject/999999/atom.xml",
        "/xxgk/feeds/key/nowhere/rss.xml",
    ):
        assert client.get(url).status_code == 404, url


def test_the_sitemap_lists_the_column_pages_and_public_items_only(client, world, items):
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    root = ET.fromstring(index.content)
    assert root.tag == f"{SITEMAP}sitemapindex"
    sections = [s.findtext(f"{SITEMAP}loc") for s in root.findall(f"{SITEMAP}sitemap")]
    assert "http://testserver/xxgk/sitemap-items.xml" in sections
    assert "http://testserver/xxgk/sitemap-columns.xml" in sections
    locations = []
    for section in sections:
        response = client.get(section.removeprefix("http://testserver"))
        assert response.status_code == 200, section
        urlset = ET.fromstring(response.content)
        assert urlset.tag == f"{SITEMAP}urlset"
        locations += [u.findtext(f"{SITEMAP}loc") for u in urlset.findall(f"{SITEMAP}url")]
    for name in ("finance", "environment"):
        assert "http://testserver" + items[name].get_public_url() in locations
    for name in ("withdrawn", "elsewhere"):
        assert "http://testserver" + items[name].get_public_url() not in locations
    for page in (
        "/xxgk/",
        "/xxgk/catalog/",
        "/xxgk/normative/",
        "/xxgk/key/budget/",
        f"/xxgk/dept/{world.finance.pk}/guide/",
    ):
        assert "http://testserver" + page in locations
    assert f"http://testserver/xxgk/dept/{world.longnan_finance.pk}/" not in locations
