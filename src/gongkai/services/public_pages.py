"""What of 政务服务 the public sees, for the whole-page cache (``gongkai.core.pagecache``).

An item's save (publication, withdrawal, a new name or theme) and a guide version
becoming current or superseded change the public pages; a draft's edits do not.
Materials, steps and questions are written only on drafts (published versions
are never edited), and reach the public with their version's publication. Theme
links (an M2M) send no ``post_save``: ``m2m_changed`` is watched for them.
"""

from django.db.models.signals import m2m_changed

from gongkai.core.pagecache import content_changed, watch

from .models import Case, GuideState, GuideVersion, Rating, RatingFollowUp, ServiceItem, Theme

PUBLIC_GUIDE_STATES = (GuideState.PUBLISHED, GuideState.SUPERSEDED)


def _themes_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        content_changed()


def register() -> None:
    watch(ServiceItem)
    watch(Theme)
    watch(GuideVersion, when=lambda guide: guide.state in PUBLIC_GUIDE_STATES)
    # 办件公示 and its statistics (public_cases): accepted cases, ratings, follow-ups
    watch(Case, when=lambda case: case.accepted_on is not None)
    watch(Rating)
    watch(RatingFollowUp)
    m2m_changed.connect(
        _themes_changed,
        sender=ServiceItem.themes.through,
        weak=False,
        dispatch_uid="pagecache:services.item_themes",
    )
