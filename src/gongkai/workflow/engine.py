"""The transition table and the one function that applies a transition."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from gongkai.core.errors import DomainError


class TransitionRefused(DomainError):
    pass


@dataclass(frozen=True)
class Transition:
    action: str  # e.g. "submit"
    sources: frozenset[str]  # states it may start from
    target: str
    # An action of gongkai.access.policy.RULES; None for a step taken by the
    # system (a job) or by a citizen the calling service has authenticated
    # (e.g. with a query password): staff buttons never offer those.
    permission: str | None
    label: str  # Chinese, for buttons and history: "提交审核"
    comment_required: bool = False

    def __init__(
        self,
        action: str,
        sources: Iterable[str] | str,
        target: str,
        permission: str | None,
        label: str,
        *,
        comment_required: bool = False,
    ):
        object.__setattr__(self, "action", action)
        object.__setattr__(
            self, "sources", frozenset([sources] if isinstance(sources, str) else sources)
        )
        object.__setattr__(self, "target", target)
        object.__setattr__(self, "permission", permission)
        object.__setattr__(self, "label", label)
        object.__setattr__(self, "comment_required", comment_required)


_REGISTRY: dict[str, Workflow] = {}


@dataclass
class Workflow:
    name: str  # e.g. "disclosure.item": used in audit actions ("disclosure.item.submit")
    states: dict[str, str]  # state -> Chinese label
    transitions: list[Transition]
    state_field: str = "state"
    _by_action: dict[str, Transition] = field(init=False, repr=False)

    def __post_init__(self):
        self._by_action = {}
        for t in self.transitions:
            if t.action in self._by_action:
                raise ValueError(f"{self.name}: action {t.action!r} declared twice")
            unknown = (t.sources | {t.target}) - set(self.states)
            if unknown:
                raise ValueError(f"{self.name}.{t.action}: unknown states {sorted(unknown)}")
            self._by_action[t.action] = t
        _REGISTRY[self.name] = self

    @staticmethod
    def named(name: str) -> Workflow | None:
        """The table declared under ``name`` (for reading labels of old timeline entries)."""
        return _REGISTRY.get(name)

    # -- reading ----------------------------------------------------------------

    def transition(self, action: str) -> Transition:
        try:
            return self._by_action[action]
        except KeyError:
            raise TransitionRefused(f"没有“{action}”这一操作。", code="unknown_action") from None

    def label(self, state: str) -> str:
        return self.states.get(state, state)

    def available(self, obj, user, access_object=None) -> list[Transition]:
        """The transitions ``user`` may take on ``obj`` in its current state."""
        from gongkai import access

        state = getattr(obj, self.state_field)
        target = obj if access_object is None else access_object
        return [
            t
            for t in self.transitions
            if state in t.sources
            and t.permission is not None
            and access.can(user, t.permission, target)
        ]

    # -- changing ---------------------------------------------------------------

    def check(self, obj, action: str, user, comment: str = "", access_object=None) -> Transition:
        """Raise unless ``user`` may take ``action`` on ``obj`` now.

        ``access_object`` is what the access policy is asked about when it is
        not ``obj`` itself, e.g. the lead department's assignment of a message
        (only the lead department may reply; co-handlers may only read).
        """
        from django.core.exceptions import PermissionDenied

        from gongkai import access

        t = self.transition(action)
        state = getattr(obj, self.state_field)
        if state not in t.sources:
            raise TransitionRefused(
                f"当前状态为“{self.label(state)}”，不能{t.label}。", code="wrong_state"
            )
        if t.comment_required and not comment.strip():
            raise TransitionRefused(
                f"{t.label}须填写意见，说明原因或需要修改的内容。", code="comment"
            )
        target = obj if access_object is None else access_object
        if t.permission is not None and not access.can(user, t.permission, target):
            raise PermissionDenied(f"无权执行此操作：{t.label}。")
        return t

    def apply(
        self,
        obj: models.Model,
        action: str,
        *,
        actor,
        comment: str = "",
        ip: str | None = None,
        changes: dict[str, Any] | None = None,
        after: Callable[[], None] | None = None,
        access_object=None,
        at: datetime | None = None,
        on: date | None = None,
    ) -> models.Model:
        """Take ``action`` on ``obj``: guard → lock → save → timeline → audit → on-commit hook.

        ``changes`` are further field values saved with the new state (e.g.
        ``published_at``); ``after`` runs once the transaction has committed.
        ``at`` is when the transition happened, for the history row, when that
        is not now (an action that takes its own time, such as publishing at a
        given moment, passes it on). The audit event keeps the time of writing.
        ``on`` is the day the act counts from in law (交办之日, 答复之日) when a
        clerk registers it later; by default the local date of ``at``.
        The timeline entry it writes may be completed by the note that goes
        with the transition (``timeline.add`` on the same object before commit).
        """
        from gongkai.audit.services import record

        from . import timeline

        self.check(obj, action, actor, comment, access_object)
        t = self.transition(action)
        changes = dict(changes or {})
        with transaction.atomic():
            # Re-read the state under a row lock: two reviewers acting at once
            # cannot both move the object from the same state.
            current = (
                type(obj)
                ._default_manager.select_for_update()
                .filter(pk=obj.pk)
                .values_list(self.state_field, flat=True)
                .get()
            )
            if current not in t.sources:
                raise TransitionRefused(
                    f"该事项已被他人处理（当前状态：{self.label(current)}），请刷新后再操作。",
                    code="stale_state",
                )
            before = {self.state_field: current}
            setattr(obj, self.state_field, t.target)
            for name, value in changes.items():
                setattr(obj, name, value)
            update_fields = [self.state_field, *changes]
            if any(f.name == "updated_at" for f in obj._meta.fields):
                update_fields.append("updated_at")
            obj.save(update_fields=update_fields)
            timeline.transition(
                obj,
                workflow=self.name,
                action=t.action,
                label=t.label,
                from_state=current,
                to_state=t.target,
                actor=actor,
                comment=comment.strip(),
                at=at or timezone.now(),
                on=on,
            )
            record(
                f"{self.name}.{t.action}",
                actor=actor,
                obj=obj,
                before=before,
                after={
                    self.state_field: t.target,
                    **changes,
                    **({"comment": comment} if comment else {}),
                },
                ip=ip,
            )
            if after is not None:
                transaction.on_commit(after)
        return obj

    def apply_each(
        self,
        queryset,
        action: str,
        *,
        actor,
        comment: str = "",
        changes: dict[str, Any] | None = None,
        ip: str | None = None,
    ) -> list[int]:
        """Take ``action`` on every row of ``queryset`` that is in one of its source states
        (a clerk approving forty comments at once); returns the primary keys moved.

        The same guarantees as :meth:`apply` for each row: locked, moved from a
        state the table allows (rows already in another state are left alone),
        one timeline entry and one audit event each. The caller checks access:
        a batch is authorised on what holds it (the consultation), not row by row.
        """
        from gongkai.audit.services import record

        from . import timeline

        t = self.transition(action)
        if t.comment_required and not comment.strip():
            raise TransitionRefused(
                f"{t.label}须填写意见，说明原因或需要修改的内容。", code="comment"
            )
        changes = dict(changes or {})
        field = self.state_field
        with transaction.atomic():
            rows = list(
                queryset.select_for_update().filter(**{f"{field}__in": t.sources}).order_by("pk")
            )
            if not rows:
                return []
            model = queryset.model
            values = {field: t.target, **changes}
            if any(f.name == "updated_at" for f in model._meta.fields):
                values["updated_at"] = timezone.now()
            model._default_manager.filter(pk__in=[row.pk for row in rows]).update(**values)
            timeline.transition_each(
                rows,
                workflow=self.name,
                action=t.action,
                label=t.label,
                from_states=[getattr(row, field) for row in rows],
                to_state=t.target,
                actor=actor,
                comment=comment.strip(),
            )
            for row in rows:
                record(
                    f"{self.name}.{t.action}",
                    actor=actor,
                    obj=row,
                    before={field: getattr(row, field)},
                    after={
                        field: t.target,
                        **changes,
                        **({"comment": comment} if comment else {}),
                    },
                    ip=ip,
                )
        return [row.pk for row in rows]
