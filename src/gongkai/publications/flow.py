"""The transition table of a gazette issue (公报期次).

    编辑中 draft ─submit (送审)─▶ 待审核 review
    review ─return (退回修改, comment)─▶ draft
    review ─publish (审核通过并出版: numbers and date assigned)─▶ 已出版 published

Compiling (placing documents, writing 政府大事记) is done by the general office's
staff or the 公开办 in ``draft``; a reviewer of the general office publishes.
Publication goes through ``services.publishing.publish``, which assigns the numbers
under a lock of the gazette row.
"""

from gongkai.workflow import Transition, Workflow

from .models import IssueState as S

FLOW = Workflow(
    "publications.issue",
    states=dict(S.choices),
    transitions=[
        Transition("submit", S.DRAFT, S.REVIEW, "gazette.compile", "送审"),
        Transition(
            "return", S.REVIEW, S.DRAFT, "gazette.approve", "退回修改", comment_required=True
        ),
        Transition("publish", S.REVIEW, S.PUBLISHED, "gazette.approve", "审核通过并出版"),
    ],
)
