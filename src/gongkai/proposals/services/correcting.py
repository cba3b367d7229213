"""更正 (correction) of an imported item's text: a typo in the title found at the
交办会, a proposer's name spelt wrong, a unit missing from 建议承办单位.

Only the text that came from the congress or CPPCC office's list can be
corrected (标题, 领衔人及附议人, 内容, 建议承办单位), with the same checks as
the import. The 编号 is not: it is the item's identity within the session,
written into its clocks' labels and into the units' notices.

When: before the reply letter is sent (states 待交办, 办理中, 答复函待审签, and
only in the first round). A sent letter answers the text as it stood when the
unit's leader signed it, and the deputy or member has received both; changing
the text afterwards would make the public record say something the letter did
not answer. That is why re-handling (办理中 again after 不满意, a letter
already sent) is refused too, although its state is the same as round one's.

Who: the office that imports (rule ``proposals.correct``, states above). The
edit is version-checked (``claim_version``) so two people correcting at once
cannot overwrite each other, requires a reason, and is audited with the
changed fields before and after.
"""

from __future__ import annotations

from django.db import transaction

from gongkai import access
from gongkai.core.concurrency import claim_version
from gongkai.core.errors import DomainError, InvalidFields
from gongkai.workflow import timeline

from ..flow import FLOW
from ..models import Proposal, ReplyState
from .common import audit
from .importing import LABELS, LIMITS

CORRECTABLE = ("title", "authors", "content", "suggested_units")
REQUIRED = ("title", "authors", "content")
REASON_MAX = 500


def check_text(values: dict[str, str]) -> dict[str, str]:
    """The import's checks on one item's text, field by field (empty when all hold)."""
    errors = {}
    for name in CORRECTABLE:
        value = values.get(name, "")
        if name in REQUIRED and not value:
            errors[name] = f"请填写{LABELS[name]}。"
        elif name in LIMITS and len(value) > LIMITS[name]:
            errors[name] = f"{LABELS[name]}超过{LIMITS[name]}个字（现有{len(value)}字）。"
    return errors


def correct_text(
    proposal: Proposal,
    *,
    actor,
    expected_version: int,
    reason: str,
    ip: str | None = None,
    **values: str,
) -> list[str]:
    """Correct the imported text of ``proposal``; return the names of the fields changed.

    ``values`` are new values for some of ``CORRECTABLE`` (the others keep
    theirs). Refused: without a reason, after the reply letter was sent,
    when nothing changes, or when someone saved the item since
    ``expected_version`` (``StaleEdit``)."""
    unknown = set(values) - set(CORRECTABLE)
    if unknown:
        raise ValueError(f"not correctable: {sorted(unknown)}")
    reason = (reason or "").strip()
    if not reason:
        raise InvalidFields({"reason": "请说明更正理由（如：交办会上发现标题有错字）。"})
    if len(reason) > REASON_MAX:
        raise InvalidFields({"reason": f"更正理由不能超过{REASON_MAX}个字。"})
    new = {
        name: (values[name] if name in values else getattr(proposal, name)) for name in CORRECTABLE
    }
    new = {name: (value or "").strip() for name, value in new.items()}
    errors = check_text(new)
    if errors:
        raise InvalidFields(errors)
    with transaction.atomic():
        current = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if (
            current.state not in access.RULES["proposals.correct"].states
            or current.round > 1
            or current.replies.filter(state=ReplyState.SENT).exists()
        ):
            raise DomainError(
                "该件的答复函已经签发，不能再更正导入的内容：答复函是针对原文答复的。"
                "确需更正的，请与人大、政协联系并在办理记录中说明。",
                code="replied",
            )
        access.require(actor, "proposals.correct", current)
        claim_version(current, expected_version)
        changed = [name for name in CORRECTABLE if getattr(current, name) != new[name]]
        if not changed:
            raise DomainError("没有修改任何内容，无需更正。", code="nothing_changed")
        before = {name: getattr(current, name) for name in changed}
        for name in changed:
            setattr(proposal, name, new[name])
        proposal.version = current.version
        proposal.state = current.state
        proposal.save(update_fields=[*changed, "updated_at"])
        audit(
            proposal,
            "correct",
            actor=actor,
            before=before,
            after={**{name: new[name] for name in changed}, "reason": reason},
            ip=ip,
        )
        fields = "、".join(str(Proposal._meta.get_field(name).verbose_name) for name in changed)
        timeline.add(
            proposal,
            "corrected",
            "更正导入内容",
            workflow=FLOW.name,
            text=f"更正{fields}。理由：{reason}",
            actor=actor,
        )
    return changed
