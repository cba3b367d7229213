"""What of the catalogue the public sees, for the whole-page cache (``gongkai.core.pagecache``):
a published or withdrawn item and everything shown with it, and the reference data of
the catalogue's filters. Saving a draft, or an item in review, bumps nothing."""

from gongkai.core.pagecache import watch

from .models import (
    CategoryRequirement,
    ContentCategory,
    DisclosureSettings,
    Genre,
    InformationItem,
    ItemAttachment,
    ItemState,
    ItemVersion,
    KeyArea,
    SubjectCategory,
)

SEEN = frozenset({ItemState.PUBLISHED, ItemState.WITHDRAWN})


def _seen(item) -> bool:
    return item.state in SEEN


def register() -> None:
    watch(InformationItem, when=_seen)
    watch(ItemAttachment, when=lambda attachment: _seen(attachment.item))
    watch(ItemVersion, when=lambda version: _seen(version.item))
    for model in (
        SubjectCategory,
        Genre,
        ContentCategory,
        CategoryRequirement,
        KeyArea,
        DisclosureSettings,
    ):
        watch(model)
