"""Completed cases in the test world, ready to be rated."""

from __future__ import annotations

from gongkai.services.services import cases

from .case_helpers import apply, published_item


def completed_case(world, service=None, **applicant):
    """A case applied online, accepted, granted and issued today; (case, password)."""
    service = service or published_item(world)
    submission = apply(service, **applicant)
    case = submission.case
    cases.accept(case, actor=world.handler_finance)
    cases.decide(case, actor=world.reviewer_finance, outcome="granted", reasons="符合法定条件")
    cases.issue(case, actor=world.handler_finance, certificate_number="ZF-0001")
    case.refresh_from_db()
    return case, submission.password
