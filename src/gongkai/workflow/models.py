"""The one timeline (流程记录) of every stateful object on the platform.

An ``Entry`` is one line of an object's history. The transition mechanism
writes one for every state change (``from_state`` → ``to_state``); a module
adds entries that are not state changes (a note, a delivery, a reminder)
through ``gongkai.workflow.timeline.add``. Rows are appended, never changed:
an auditor answers "who changed this, when, from which state" for any object
of any module from this one table.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import CharField, OuterRef
from django.db.models.functions import Cast
from django.utils import timezone


class EntryQuerySet(models.QuerySet):
    def about(self, obj):
        """Entries of one object, oldest first, with the people and departments they name."""
        ct = ContentType.objects.get_for_model(obj)
        return self.filter(content_type=ct, object_id=str(obj.pk)).select_related(
            "actor", "department"
        )

    def about_each(self, model, pks):
        """Entries of the ``model`` rows whose primary keys are ``pks``."""
        ct = ContentType.objects.get_for_model(model)
        return self.filter(content_type=ct, object_id__in=[str(pk) for pk in pks])

    def about_outer(self, model, field: str = "pk"):
        """Entries of the outer query's object, for ``Subquery``/``Exists`` over ``model``."""
        ct = ContentType.objects.get_for_model(model)
        return self.filter(
            content_type=ct, object_id=Cast(OuterRef(field), output_field=CharField())
        )


class Entry(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    subject = GenericForeignKey("content_type", "object_id")
    workflow = models.CharField("流程", max_length=80)
    # What happened: a transition's action, or the module's word for a note
    # ("delivered", "reminded"); a transition annotated by the note that goes
    # with it (``timeline.add`` right after ``Workflow.apply``) takes the note's.
    kind = models.CharField("环节", max_length=40)
    # The words at the time, so that the history reads the same after a label changes.
    label = models.CharField("环节名称", max_length=100, blank=True)
    # The transition taken; empty for a note.
    action = models.CharField("操作", max_length=40, blank=True)
    from_state = models.CharField("原状态", max_length=40, blank=True)
    to_state = models.CharField("新状态", max_length=40, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    department = models.ForeignKey(
        "orgs.Department",
        verbose_name="部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    comment = models.TextField("意见", blank=True)  # what the actor wrote with a transition
    text = models.TextField("说明", blank=True)  # the line the timeline shows
    # When it happened: now, unless the caller replays a past event (``apply(at=)``).
    at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    # The day in law (e.g. the day a 补正 was received); the local date of ``at`` by default.
    on = models.DateField("日期")
    # Shown to the person the case is about (the applicant, the message's writer).
    public = models.BooleanField("对外公开", default=False)

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = "流程记录"
        verbose_name_plural = "流程记录"
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="entry_subject_idx")]

    def __str__(self) -> str:
        return f"{self.workflow}.{self.kind}: {self.from_state} → {self.to_state}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("流程记录只能追加，不能修改。")
        if self.on is None:
            self.on = timezone.localdate(self.at)
        super().save(*args, **kwargs)

    @property
    def is_transition(self) -> bool:
        return bool(self.action)

    @property
    def title(self) -> str:
        return self.label or self._workflow_label(
            lambda w: w.transition(self.kind).label, self.kind
        )

    @property
    def from_label(self) -> str:
        return self._workflow_label(lambda w: w.label(self.from_state), self.from_state)

    @property
    def to_label(self) -> str:
        return self._workflow_label(lambda w: w.label(self.to_state), self.to_state)

    def _workflow_label(self, read, default: str) -> str:
        from .engine import TransitionRefused, Workflow

        flow = Workflow.named(self.workflow)
        if flow is None:
            return default
        try:
            return read(flow)
        except TransitionRefused:  # an action no longer in the table: its code is all there is
            return default

    @classmethod
    def history_of(cls, obj):
        return cls.objects.about(obj)


class HasTimeline:
    """Mixin for a model with a timeline: ``obj.timeline`` is its entries, oldest first."""

    @property
    def timeline(self):
        return Entry.objects.about(self)
