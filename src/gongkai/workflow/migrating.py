"""Moving a module's own timeline table into the one timeline (used by migrations).

A module that kept its own ``Step`` rows (applications, messages) wrote most
of them right after a transition of the same object, which the workflow
recorded too. Each such step completes that transition's entry, as
``timeline.add`` does today; the others become notes. Historical models only:
this runs inside migrations.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

# A step written within this time after a transition of the same object went with it.
SAME_MOMENT = timedelta(seconds=2)


def copy_steps(apps, *, step_model: str, subject_field: str, subject_model: str, workflow: str):
    """Copy every row of ``step_model`` (``"app.Step"``) into ``workflow.Entry``."""
    Step = apps.get_model(step_model)
    Entry = apps.get_model("workflow", "Entry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    app_label, model_name = subject_model.split(".")
    ct, _ = ContentType.objects.get_or_create(app_label=app_label, model=model_name.lower())
    labels = dict(Step._meta.get_field("kind").choices)
    has_department = any(f.name == "department" for f in Step._meta.fields)
    subject_id = f"{subject_field}_id"

    pending: dict[str, list] = {}
    for entry in Entry.objects.filter(content_type=ct).exclude(action="").order_by("at", "id"):
        pending.setdefault(entry.object_id, []).append(entry)

    completed, created = [], []
    for step in Step.objects.order_by(subject_id, "at", "id").iterator(chunk_size=2000):
        object_id = str(getattr(step, subject_id))
        values = {
            "kind": step.kind,
            "label": labels.get(step.kind, step.kind),
            "on": step.on,
            "text": step.text,
            "public": step.public,
            "department_id": step.department_id if has_department else None,
        }
        match = _transition_for(pending.get(object_id, []), step)
        if match is not None:
            for name, value in values.items():
                setattr(match, name, value)
            if match.actor_id is None:
                match.actor_id = step.actor_id
            completed.append(match)
            continue
        created.append(
            Entry(
                content_type=ct,
                object_id=object_id,
                workflow=workflow,
                actor_id=step.actor_id,
                at=step.at or timezone.now(),
                **values,
            )
        )
    Entry.objects.bulk_update(
        completed,
        ["kind", "label", "on", "text", "public", "department_id", "actor_id"],
        batch_size=1000,
    )
    Entry.objects.bulk_create(created, batch_size=1000)


def _transition_for(candidates: list, step):
    """The first transition not yet completed, written just before ``step`` by its actor."""
    for i, entry in enumerate(candidates):
        if entry.at > step.at:
            break
        if step.at - entry.at <= SAME_MOMENT and (
            step.actor_id is None or entry.actor_id in (None, step.actor_id)
        ):
            return candidates.pop(i)
    return None
