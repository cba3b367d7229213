"""A consultation's history moves from reading the audit trail to its own timeline.

The audit trail stays as it is (append-only, hash-chained); each staff action
recorded there on a consultation also becomes a line of the consultation's
timeline, in the words ``timeline_text`` gives new lines.
"""

from django.db import migrations
from django.utils import timezone

from gongkai.consultations.timeline_text import LABELS, WORKFLOW, text_of

PREFIX = "consultations."


def forward(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    Entry = apps.get_model("workflow", "Entry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ct, _ = ContentType.objects.get_or_create(app_label="consultations", model="consultation")
    events = AuditEvent.objects.filter(
        object_type="consultations.consultation", action__startswith=PREFIX
    ).order_by("id")
    lines = []
    for event in events.iterator(chunk_size=2000):
        action = event.action[len(PREFIX) :]
        if action not in LABELS:
            continue
        lines.append(
            Entry(
                content_type=ct,
                object_id=event.object_id,
                workflow=WORKFLOW,
                kind=action,
                label=LABELS[action],
                text=text_of(action, event.before, event.after),
                actor_id=event.actor_id,
                at=event.at,
                on=timezone.localdate(event.at),
            )
        )
    Entry.objects.bulk_create(lines, batch_size=1000)


def backward(apps, schema_editor):
    # Back to reading the audit trail, which kept every action: the lines go.
    apps.get_model("workflow", "Entry").objects.filter(workflow=WORKFLOW).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_key_id"),
        ("workflow", "0003_one_timeline"),
        ("consultations", "0002_participation_request_fingerprint"),
    ]

    operations = [migrations.RunPython(forward, backward)]
