"""再参与: a new version of the draft opens a new round and shows what changed."""

from datetime import date

import pytest

from gongkai.consultations import clauses, services
from gongkai.consultations.models import Outcome, Phase
from gongkai.core.errors import DomainError

from .helpers import DRAFT_TEXT, at, comment_data, published

pytestmark = pytest.mark.django_db


def finished_first_round(world):
    consultation = published(world)
    round = consultation.current_round()
    comment = services.submit_comment(round, comment_data(), now=at(2026, 6, 3)).record
    services.moderate(
        consultation, comment_ids=[comment.pk], approve=True, actor=world.handler_finance
    )
    group = services.create_group(consultation, "补贴标准", actor=world.handler_finance)
    services.move_comments(consultation, [comment.pk], group, actor=world.handler_finance)
    services.decide_group(
        group,
        title="补贴标准",
        outcome=Outcome.ADOPTED,
        reason="已提高",
        actor=world.handler_finance,
    )
    services.publish_feedback(consultation, "采纳1条。", actor=world.reviewer_finance)
    return consultation


def test_new_round_shows_the_changes(world):
    consultation = finished_first_round(world)
    revised = (
        DRAFT_TEXT.replace("三千元至一万八千元", "五千元至两万元")
        + "\n第五条 本细则自发布之日起施行。"
    )
    round = services.open_new_round(
        consultation,
        draft_text=revised,
        changes_note="根据第一轮意见提高补贴标准，增加施行日期。",
        opens_on=date(2026, 8, 1),
        closes_on=date(2026, 8, 15),
        actor=world.handler_finance,
        now=at(2026, 7, 20),
    )
    assert round.number == 2
    consultation.refresh_from_db()
    assert consultation.current_round().pk == round.pk
    assert consultation.phase(at(2026, 8, 2)) == Phase.OPEN
    first, second = consultation.rounds.order_by("number")
    found = clauses.changes(list(first.clauses.all()), list(second.clauses.all()))
    kinds = {c.label: c.kind for c in found}
    assert kinds == {
        "": "same",
        "第一条": "same",
        "第二条": "same",
        "第三条": "changed",
        "第四条": "same",
        "第五条": "added",
    }
    changed = next(c for c in found if c.kind == "changed")
    assert "<del>三千元至一万八</del>" in changed.marked or "<del>" in changed.marked
    assert "<ins>" in changed.marked


def test_new_round_only_after_feedback(world):
    consultation = published(world)
    with pytest.raises(Exception):
        services.open_new_round(
            consultation,
            draft_text=DRAFT_TEXT,
            changes_note="x",
            opens_on=date(2026, 8, 1),
            closes_on=date(2026, 8, 15),
            actor=world.handler_finance,
            now=at(2026, 7, 20),
        )


def test_marked_diff_escapes_html():
    change = clauses.Change("changed", "第一条", "旧<b>文本", "新<script>文本")
    marked = str(change.marked)
    assert "<script" not in marked and "<b>" not in marked
    assert marked == "<del>旧</del><ins>新</ins>&lt;<del>b</del><ins>script</ins>&gt;文本"


def test_split_numbered_items_and_paragraphs():
    assert [p.label for p in clauses.split("征集说明\n一、名称要求\n二、提交方式")] == [
        "",
        "一、",
        "二、",
    ]
    assert [p.text for p in clauses.split("第一段\n\n第二段")] == ["第一段", "第二段"]
    assert clauses.split("  ") == []


def test_draft_without_text_is_refused(world):
    from .helpers import draft

    with pytest.raises(DomainError) as refused:
        services.create(world.finance, draft(draft_text=""), actor=world.handler_finance)
    assert refused.value.code == "no_text"
