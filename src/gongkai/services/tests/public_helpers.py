"""Published items for the tests of the public side (pages, API, search)."""

from __future__ import annotations

from datetime import date

from gongkai.services.models import Theme
from gongkai.services.services import guides

from .helpers import complete_guide, item

FIRST_DAY = date(2026, 3, 2)


def theme(world, name: str, slug: str, audience: str = "legal", government=None) -> Theme:
    return Theme.objects.create(
        government=government or world.tianshui, audience=audience, name=name, slug=slug
    )


def published(world, *, on: date = FIRST_DAY, themes=(), guide_fields=None, **fields):
    """An item with a complete guide, sent for review and published on ``on``."""
    service = item(world, **fields)
    if themes:
        service.themes.set(themes)
    guide = complete_guide(service, **(guide_fields or {}))
    if service.government_id != world.tianshui.pk and service.government.parent_id is None:
        # Another city: no one of the test world reviews there; written as publication would.
        guide.state, guide.published_on = "published", on
        guide.save()
        service.current, service.state = guide, "published"
        service.save()
        return service
    guides.submit(guide, actor=world.office)
    guides.publish(guide, actor=world.office, on=on)
    service.refresh_from_db()
    return service


def republish(world, service, *, on: date, change_note: str, **changes):
    """A second version of ``service``'s guide with ``changes`` (fields), published on ``on``."""
    draft = guides.new_draft(service, actor=world.office, change_note=change_note)
    for name, value in changes.items():
        setattr(draft, name, value)
    draft.save()
    guides.submit(draft, actor=world.office)
    guides.publish(draft, actor=world.office, on=on)
    service.refresh_from_db()
    return draft
