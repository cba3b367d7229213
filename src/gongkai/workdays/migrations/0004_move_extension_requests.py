"""Move the modules' extension requests onto their clocks.

``applications.ExtensionRequest`` (one per application) and
``interaction.ExtensionRequest`` (one per message) become
``workdays.ExtensionRequest`` rows on the clock they were about: an approved
request on the clock that carries its extension (same days, same approver);
otherwise the application's reply clock (``reply``, or ``reply_art35`` when it
had started by the day of the request) or the message's reply clock of that
round (``reply:<assignment>[:2]``, the latest started by the day of the
request). People, times, reasons and comments are kept; ids are new. The old
tables are dropped by the modules' next migrations.
"""

from django.db import migrations
from django.utils import timezone

FIELDS = (
    "days",
    "reason",
    "requested_by_id",
    "requested_at",
    "approved",
    "decided_by_id",
    "decided_at",
    "comment",
)

# (app of the old model, the model of its subject, the filter for the subject's reply clocks)
SOURCES = (
    ("applications", "application", {"stage__in": ["reply", "reply_art35"]}),
    ("interaction", "message", {"stage__startswith": "reply:"}),
)


def _content_type(apps, app_label: str, model: str):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.filter(app_label=app_label, model=model).first()


def clock_for(apps, row, *, content_type, object_id: str, reply: dict):
    """The clock an old request was about (see the module docstring)."""
    Clock = apps.get_model("workdays", "Clock")
    ClockExtension = apps.get_model("workdays", "ClockExtension")
    clocks = Clock.objects.filter(content_type=content_type, object_id=object_id)
    candidates = clocks.filter(**reply)
    if row.approved:
        extended = (
            ClockExtension.objects.filter(
                clock__in=candidates, days=row.days, approver_id=row.decided_by_id
            )
            .order_by("approved_at", "id")
            .first()
        )
        if extended is not None:
            return extended.clock
    day = timezone.localtime(row.requested_at).date()
    found = (
        candidates.filter(start_date__lte=day).order_by("-start_date", "-id").first()
        or candidates.order_by("-id").first()
        or clocks.order_by("-id").first()
    )
    if found is None:
        raise RuntimeError(
            f"{content_type.app_label}.extensionrequest {row.pk}: "
            f"no clock of {content_type.model} {object_id} to attach it to"
        )
    return found


def move_forward(apps, schema_editor):
    ExtensionRequest = apps.get_model("workdays", "ExtensionRequest")
    for app_label, subject, reply in SOURCES:
        Old = apps.get_model(app_label, "ExtensionRequest")
        rows = list(Old.objects.order_by("requested_at", "id"))
        if not rows:
            continue
        content_type = _content_type(apps, app_label, subject)
        ExtensionRequest.objects.bulk_create(
            ExtensionRequest(
                clock=clock_for(
                    apps,
                    row,
                    content_type=content_type,
                    object_id=str(getattr(row, f"{subject}_id")),
                    reply=reply,
                ),
                **{name: getattr(row, name) for name in FIELDS},
            )
            for row in rows
        )


def move_back(apps, schema_editor):
    ExtensionRequest = apps.get_model("workdays", "ExtensionRequest")
    for app_label, subject, _ in SOURCES:
        Old = apps.get_model(app_label, "ExtensionRequest")
        content_type = _content_type(apps, app_label, subject)
        if content_type is None:
            continue
        moved = ExtensionRequest.objects.filter(clock__content_type=content_type).select_related(
            "clock"
        )
        Old.objects.bulk_create(
            Old(
                **{f"{subject}_id": int(row.clock.object_id)},
                **{name: getattr(row, name) for name in FIELDS},
            )
            for row in moved.order_by("requested_at", "id")
        )
        moved.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("workdays", "0003_extensionrequest"),
        ("applications", "0006_application_request_fingerprint"),
        ("interaction", "0003_message_request_fingerprint"),
    ]

    operations = [migrations.RunPython(move_forward, move_back)]
