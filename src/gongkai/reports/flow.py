"""The review of an annual report (年度报告), as a transition table.

    编写中 draft / 退回修改 returned ─submit (the agency's leader)─▶ 待公开办审核 submitted
    submitted ─return (公开办, with the changes wanted)─▶ returned
    submitted ─approve (公开办; the content is frozen)─▶ 审核通过 approved

The workflow is named ``reports`` so that its audit actions keep the names they
had before it was a table (``reports.submit``, ``reports.return``,
``reports.approve``): an auditor searching the trail finds every year under one name.
"""

from gongkai.workflow import Transition, Workflow

from .models import EDITABLE
from .models import ReportState as S

FLOW = Workflow(
    "reports",
    states=dict(S.choices),
    transitions=[
        Transition("submit", EDITABLE, S.SUBMITTED, "reports.submit", "报送公开办审核"),
        Transition(
            "return", S.SUBMITTED, S.RETURNED, "reports.review", "退回修改", comment_required=True
        ),
        Transition("approve", S.SUBMITTED, S.APPROVED, "reports.review", "审核通过"),
    ],
)
