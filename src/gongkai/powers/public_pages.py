"""What of 权责清单 the public sees, for the whole-page cache (``gongkai.core.pagecache``).

Imports write with ``bulk_create`` (no signals): ``services.importing`` calls
``content_changed`` itself."""

from gongkai.core.pagecache import watch

from .models import (
    Accountability,
    Adjustment,
    AdjustmentItem,
    LegalBasis,
    ListDocument,
    ListEntry,
    Power,
    PowerType,
    Responsibility,
)


def register() -> None:
    for model in (
        Power,
        LegalBasis,
        Responsibility,
        Accountability,
        Adjustment,
        AdjustmentItem,
        PowerType,
        ListDocument,
        ListEntry,
    ):
        watch(model)
