"""One vote per verified phone: an SMS code, a few tries, the vote period."""

from datetime import date

import pytest

from gongkai.consultations import services
from gongkai.consultations.models import Kind, PhoneCode, Vote
from gongkai.core.errors import DomainError
from gongkai.notices.models import Notice

from .helpers import at, entry_data, published

pytestmark = pytest.mark.django_db
VOTING = at(2026, 7, 10, 10)


@pytest.fixture
def ballot(world):
    consultation = published(world, Kind.CALL, title="成纪新城19条道路名称征集")
    round = consultation.current_round()
    entries = [
        services.submit_entry(
            round,
            entry_data(title=name, phone=f"1390000{i:04d}"),
            now=at(2026, 6, 5),
        ).record
        for i, name in enumerate(["羲皇大道", "成纪大道", "天河路"])
    ]
    services.moderate(
        consultation, entry_ids=[e.pk for e in entries], approve=True, actor=world.handler_finance
    )
    services.schedule_vote(
        consultation,
        [e.pk for e in entries[:2]],
        opens_on=date(2026, 7, 5),
        closes_on=date(2026, 7, 15),
        actor=world.handler_finance,
        now=at(2026, 7, 2),
    )
    round.refresh_from_db()
    return round, entries


def code_sent_to(phone: str) -> str:
    body = Notice.objects.filter(address=phone, subject="投票验证码").latest("id").body
    return body.split("验证码是")[1][:6]


def test_one_vote_per_phone(ballot):
    round, entries = ballot
    services.send_vote_code(round, "13800001111", now=VOTING)
    code = code_sent_to("13800001111")
    vote = services.cast_vote(round, entries[0].pk, "138 0000 1111", code, now=VOTING)
    assert vote.entry == entries[0] and vote.phone == "13800001111"
    with pytest.raises(DomainError) as again:
        services.send_vote_code(round, "+86 13800001111", now=VOTING)
    assert again.value.code == "voted"
    assert Vote.objects.count() == 1


def test_only_shortlisted_entries_take_votes(ballot):
    round, entries = ballot
    assert [e.ballot_number for e in round.entries.order_by("id")] == [1, 2, None]
    services.send_vote_code(round, "13800001111", now=VOTING)
    with pytest.raises(DomainError) as refused:
        services.cast_vote(
            round, entries[2].pk, "13800001111", code_sent_to("13800001111"), now=VOTING
        )
    assert refused.value.code == "entry"


def test_wrong_codes_are_counted_and_then_refused(ballot):
    round, entries = ballot
    services.send_vote_code(round, "13800001111", now=VOTING)
    right = code_sent_to("13800001111")
    wrong = "000000" if right != "000000" else "111111"
    for left in (4, 3, 2, 1, 0):
        with pytest.raises(DomainError) as refused:
            services.cast_vote(round, entries[0].pk, "13800001111", wrong, now=VOTING)
        assert f"还可以再试{left}次" in refused.value.message
    with pytest.raises(DomainError) as locked:
        services.cast_vote(round, entries[0].pk, "13800001111", right, now=VOTING)
    assert locked.value.code == "code_attempts"
    assert PhoneCode.objects.get().attempts == 5


def test_expired_code_and_closed_vote(ballot, settings):
    round, entries = ballot
    services.send_vote_code(round, "13800001111", now=VOTING)
    code = code_sent_to("13800001111")
    later = at(2026, 7, 10, 10, settings.VOTE_CODE_MINUTES)
    with pytest.raises(DomainError) as expired:
        services.cast_vote(round, entries[0].pk, "13800001111", code, now=later)
    assert expired.value.code == "code_missing"
    with pytest.raises(DomainError) as closed:
        services.send_vote_code(round, "13800002222", now=at(2026, 7, 16))
    assert closed.value.code == "vote_closed"


def test_landline_cannot_vote(ballot):
    round, _ = ballot
    with pytest.raises(DomainError) as refused:
        services.send_vote_code(round, "0938-8212345", now=VOTING)
    assert refused.value.code == "phone"
