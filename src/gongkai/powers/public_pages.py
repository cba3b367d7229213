"""What of 权责清单 the public sees, for the whole-page cache (``gongkai.core.pagecache``).

Imports write with ``bulk_create`` (no signals): ``services.importing`` calls
``content_changed`` itself."""

from gongkai.core.pagecache import watch

from .models import (
    Accountability,
    Adjustment,
    AdjustmentItem,
    Company,
    CreditRecord,
    LegalBasis,
    ListDocument,
    ListEntry,
    Power,
    PowerType,
    Practitioner,
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
        Company,
        Practitioner,
        CreditRecord,
    ):
        watch(model)
