"""Comments and entries: validation, the clause pointed at, double submissions, kinds."""

import pytest

from gongkai.consultations import services
from gongkai.consultations.models import Comment, Entry, Kind, Moderation
from gongkai.consultations.validation import ParticipationInvalid
from gongkai.core.errors import DomainError

from .helpers import at, comment_data, entry_data, published

pytestmark = pytest.mark.django_db
JUNE = at(2026, 6, 10, 9)


def test_comment_points_at_its_clause_and_waits_for_moderation(world):
    round = published(world).current_round()
    comment = services.submit_comment(round, comment_data(clause=4), now=JUNE).record
    assert comment.clause.label == "第三条"  # position 1 is the title line, 2 is 第一条
    assert comment.moderation == Moderation.PENDING
    assert not comment.shown


def test_clauses_are_split_at_article_headings(world):
    round = published(world).current_round()
    labels = list(round.clauses.values_list("label", flat=True))
    assert labels == ["", "第一条", "第二条", "第三条", "第四条"]
    assert round.clauses.get(label="第三条").text.startswith("提前淘汰黄标车的")


def test_invalid_comment_lists_every_field_in_chinese(world):
    round = published(world).current_round()
    with pytest.raises(ParticipationInvalid) as invalid:
        services.submit_comment(
            round, comment_data(clause=99, text="好", name="", phone="12345"), now=JUNE
        )
    errors = invalid.value.errors
    assert set(errors) == {"clause", "text", "name", "phone"}
    assert "不在本轮草案中" in errors["clause"][0]
    assert "至少写" in errors["text"][0]
    assert Comment.objects.count() == 0


def test_double_submission_makes_one_comment(world):
    from gongkai.core import idempotency

    round = published(world).current_round()
    first = services.submit_comment(round, comment_data(), idempotency_key="k1", now=JUNE)
    replay = services.submit_comment(round, comment_data(), idempotency_key="k1", now=JUNE)
    assert first.created and not replay.created and replay.record.pk == first.record.pk
    # the same key with other content: refused, the first comment untouched
    with pytest.raises(idempotency.KeyReused):
        services.submit_comment(
            round, comment_data(text="换了内容但是同一次提交。"), idempotency_key="k1", now=JUNE
        )
    # the same text from the same phone under another key: refused, nothing told
    with pytest.raises(idempotency.AlreadySubmitted) as refused:
        services.submit_comment(round, comment_data(name="赵六"), idempotency_key="k2", now=JUNE)
    assert "相同内容的意见已于" in refused.value.message
    assert Comment.objects.count() == 1


def test_an_entrys_key_replays_only_the_same_files(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.core import idempotency
    from gongkai.files.tests import samples

    round = published(world, kind=Kind.CALL).current_round()

    def photo(text):
        return SimpleUploadedFile("方案.pdf", samples.pdf(text), "application/pdf")

    first = services.submit_entry(
        round, entry_data(), files=[photo("方案")], idempotency_key="e1", now=JUNE
    )
    replay = services.submit_entry(
        round, entry_data(), files=[photo("方案")], idempotency_key="e1", now=JUNE
    )
    assert first.created and not replay.created and replay.record.pk == first.record.pk
    with pytest.raises(idempotency.KeyReused):
        services.submit_entry(
            round, entry_data(), files=[photo("另一个方案")], idempotency_key="e1", now=JUNE
        )
    assert Entry.objects.count() == 1


def test_the_same_text_on_another_clause_is_another_comment(world):
    round = published(world).current_round()
    services.submit_comment(round, comment_data(clause=3), now=JUNE)
    services.submit_comment(round, comment_data(clause=4), now=JUNE)
    assert Comment.objects.count() == 2


def test_draft_takes_comments_call_takes_entries(world):
    draft_round = published(world).current_round()
    call_round = published(world, Kind.CALL, title="成纪新城道路名称征集").current_round()
    with pytest.raises(DomainError):
        services.submit_entry(draft_round, entry_data(), now=JUNE)
    with pytest.raises(DomainError):
        services.submit_comment(call_round, comment_data(clause=None), now=JUNE)
    entry = services.submit_entry(call_round, entry_data(), now=JUNE).record
    assert entry.title == "羲皇大道" and Entry.objects.count() == 1


def test_comments_of_an_earlier_round_are_refused(world):
    consultation = published(world)
    first = consultation.current_round()
    consultation.rounds.create(
        number=2, opens_at=at(2026, 8, 1), closes_at=at(2026, 9, 1), changes_note="修改"
    )
    consultation = type(consultation).objects.get(pk=consultation.pk)
    first.consultation = consultation
    with pytest.raises(DomainError) as refused:
        services.submit_comment(first, comment_data(), now=JUNE)
    assert refused.value.code == "old_round"
