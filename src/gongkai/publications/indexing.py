"""Published gazette issues as a search source (``gongkai.search``): ``publications.issue``.

One entry per published issue: its label as the title; as body, each document's title,
document number and text (read from its catalogue item, as the print edition prints
it; a document withdrawn since, its title only) and the issue's own texts (政府大事记,
发文要目). The gazette's search page
(``/gongbao/search/``) is the site search narrowed to this source; the site search
shows issues beside the catalogue's items. Scheduled when an issue is published.
Facets: ``year``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.html import strip_tags

from .contents import contents
from .models import Issue, IssueState

SEARCH_SOURCE = "publications.issue"
BEIJING = ZoneInfo("Asia/Shanghai")


def _issues():
    return Issue.objects.filter(state=IssueState.PUBLISHED).select_related("gazette")


def entry_for(issue: Issue) -> dict[str, Any]:
    parts, titles = [], []
    for group in contents(issue):
        for entry in group.entries:
            titles.append(entry.title)
            if entry.item is not None and entry.item.state == "published":
                parts += [entry.title, entry.item.document_number, strip_tags(entry.item.body)]
            elif entry.item is not None:  # withdrawn since: its title only, as the page shows
                parts.append(entry.title)
            else:
                parts += [entry.title, entry.block.text]
    return {
        "object_id": str(issue.pk),
        "url": issue.get_absolute_url(),
        "title": f"《{issue.gazette.title}》{issue.label}",
        "summary": "；".join(titles[:6]),
        "body": "\n".join(p for p in parts if p),
        "published_at": datetime.combine(issue.published_on, time(), tzinfo=BEIJING),
        "facets": {"year": issue.year},
    }


def iter_entries() -> Iterator[dict[str, Any]]:
    for issue in _issues().order_by("pk").iterator(chunk_size=100):
        yield entry_for(issue)


def get_entry(object_id: str) -> dict[str, Any] | None:
    if not str(object_id).isdigit():
        return None
    issue = _issues().filter(pk=int(object_id)).first()
    return entry_for(issue) if issue is not None else None


def count() -> int:
    return _issues().count()


def schedule(issue: Issue) -> None:
    from gongkai.search.jobs import schedule_reindex

    schedule_reindex(SEARCH_SOURCE, issue.pk)


def register() -> None:
    from gongkai.search.registry import register_source

    register_source(
        SEARCH_SOURCE, label="政府公报", iter_entries=iter_entries, get_entry=get_entry, count=count
    )
