"""The transition table of a guide version (办事指南).

    编辑中 draft ─submit (送审, complete guides only)─▶ 待审核 review
    review ─return (退回修改, comment)─▶ draft
    review ─publish (审核通过并发布)─▶ 现行 published
    published ─supersede (system: a newer version was published)─▶ superseded

Publishing goes through ``gongkai.services.guides.publish``, which checks the
elements again, supersedes the version before and points the item at the new one
in one transaction.
"""

from gongkai.workflow import Transition, Workflow

from .models import GuideState as S

GUIDE_FLOW = Workflow(
    "services.guide",
    states=dict(S.choices),
    transitions=[
        Transition("submit", S.DRAFT, S.REVIEW, "services.edit_guide", "送审"),
        Transition(
            "return", S.REVIEW, S.DRAFT, "services.publish_guide", "退回修改", comment_required=True
        ),
        Transition("publish", S.REVIEW, S.PUBLISHED, "services.publish_guide", "审核通过并发布"),
        Transition("supersede", S.PUBLISHED, S.SUPERSEDED, None, "被新版本替代"),
    ],
)
