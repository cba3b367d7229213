"""The public pages of 意见征集 (/zhengji/): lists, the draft with counts per clause, sending
a comment or an entry, the closed period, the honeypot, the limits, voting, the feedback, RSS."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from gongkai.consultations import services
from gongkai.consultations.models import Comment, Entry, Kind, Moderation, Vote
from gongkai.notices.models import Notice

from .helpers import close_now, live

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clean(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


def form(**overrides) -> dict:
    data = {
        "clause": "4",
        "text": "建议提高补贴标准，三千元太低，车主积极性不高。",
        "name": "王小明",
        "phone": "13800001234",
        "email": "",
        "wants_public": "on",
        "idempotency_key": "tok-1",
        "website": "",
    }
    data.update(overrides)
    return data


def test_index_lists_open_and_past(client, world):
    open_one = live(world)
    past = live(world, title="往期的征集")
    close_now(past)
    html = client.get(reverse("consultations_portal:index")).content.decode()
    open_part, past_part = html.split('id="past-heading"')
    assert open_one.title in open_part and "征集中" in open_part
    assert "往期的征集" in past_part and "反馈整理中" in past_part


def test_unpublished_is_not_found(client, world):
    from .helpers import draft

    hidden = services.create(world.finance, draft(), actor=world.handler_finance)
    assert client.get(reverse("consultations_portal:detail", args=[hidden.pk])).status_code == 404


def test_comment_flow_and_counts_per_clause(client, world):
    consultation = live(world)
    url = reverse("consultations_portal:comment", args=[consultation.pk])
    response = client.post(url, form())
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "您的意见已提交" in page
    comment = Comment.objects.get()
    assert comment.clause.label == "第三条" and comment.moderation == Moderation.PENDING
    assert "本条暂无公开意见" in page  # not shown before moderation
    services.moderate(
        consultation, comment_ids=[comment.pk], approve=True, actor=world.handler_finance
    )
    page = client.get(consultation.get_public_url()).content.decode()
    assert "本条公开意见 1 条" in page
    assert "王小明" not in page and "13800001234" not in page


def test_repeat_post_makes_one_comment(client, world):
    consultation = live(world)
    url = reverse("consultations_portal:comment", args=[consultation.pk])
    client.post(url, form())
    again = client.post(url, form())
    assert again.status_code == 302
    assert "无需重复提交" in client.get(again["Location"]).content.decode()
    assert Comment.objects.count() == 1


def test_invalid_comment_keeps_what_was_typed(client, world):
    consultation = live(world)
    response = client.post(
        reverse("consultations_portal:comment", args=[consultation.pk]),
        form(phone="123", text="补贴标准太低了吧。"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "电话号码格式不正确" in html and "补贴标准太低了吧。" in html
    assert Comment.objects.count() == 0


def test_closed_period_refuses_with_a_clear_message(client, world):
    consultation = live(world)
    page = client.get(consultation.get_public_url()).content.decode()
    assert 'id="comment-form"' in page
    close_now(consultation)
    response = client.post(reverse("consultations_portal:comment", args=[consultation.pk]), form())
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "不再接受意见" in html and 'id="comment-form"' not in html
    assert Comment.objects.count() == 0


def test_honeypot_stores_nothing(client, world):
    consultation = live(world)
    response = client.post(
        reverse("consultations_portal:comment", args=[consultation.pk]), form(website="http://x")
    )
    assert response.status_code == 302 and Comment.objects.count() == 0


def test_rate_limit_per_phone(client, world, settings):
    settings.CONSULTATION_SUBMIT_LIMIT_PER_PHONE = 2
    consultation = live(world)
    url = reverse("consultations_portal:comment", args=[consultation.pk])
    for i in range(2):
        client.post(url, form(idempotency_key=f"t{i}", text=f"第{i}条意见，关于补贴标准。"))
    refused = client.post(url, form(idempotency_key="t9", text="第三条意见，关于补贴标准。"))
    assert refused.status_code == 429 and "Retry-After" in refused
    assert "已达到上限" in refused.content.decode()
    assert Comment.objects.count() == 2


def test_entry_and_vote(client, world):
    consultation = live(world, Kind.CALL, title="成纪新城道路名称征集")
    entry_url = reverse("consultations_portal:entry", args=[consultation.pk])
    for i, name in enumerate(["羲皇大道", "成纪大道"]):
        response = client.post(
            entry_url,
            {
                "title": name,
                "description": "取天水历史文化之意，便于记忆。",
                "name": "赵敏",
                "phone": f"1390000{i:04d}",
                "wants_public": "on",
                "idempotency_key": f"e{i}",
            },
        )
        assert response.status_code == 302
    entries = list(Entry.objects.order_by("id"))
    services.moderate(
        consultation, entry_ids=[e.pk for e in entries], approve=True, actor=world.handler_finance
    )
    close_now(consultation)
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    services.schedule_vote(
        consultation,
        [e.pk for e in entries],
        opens_on=today,
        closes_on=today + timedelta(days=3),
        actor=world.handler_finance,
        now=consultation.current_round().closes_at,
    )
    page = client.get(consultation.get_public_url()).content.decode()
    assert "投票给1号" in page
    vote_url = reverse("consultations_portal:vote", args=[consultation.pk])
    sent = client.post(vote_url, {"entry": entries[1].pk, "phone": "13700001111", "step": "code"})
    assert "验证码已发送" in sent.content.decode()
    code = re.search(r"验证码是(\d{6})", Notice.objects.latest("id").body).group(1)
    wrong = client.post(
        vote_url, {"entry": entries[1].pk, "phone": "13700001111", "code": "abc", "step": "vote"}
    )
    assert wrong.status_code == 400 and "验证码不正确" in wrong.content.decode()
    done = client.post(
        vote_url, {"entry": entries[1].pk, "phone": "13700001111", "code": code, "step": "vote"}
    )
    assert done.status_code == 302
    assert "投票成功" in client.get(done["Location"]).content.decode()
    assert Vote.objects.get().entry == entries[1]
    again = client.post(vote_url, {"entry": entries[0].pk, "phone": "13700001111", "step": "code"})
    assert "只能投一票" in again.content.decode() and Vote.objects.count() == 1


def test_publishing_the_feedback_ends_the_stored_consultation_pages(client, world):
    consultation = live(world)
    client.post(reverse("consultations_portal:comment", args=[consultation.pk]), form())
    comment = Comment.objects.get()
    services.moderate(
        consultation, comment_ids=[comment.pk], approve=True, actor=world.handler_finance
    )
    close_now(consultation)
    index = reverse("consultations_portal:index")
    client.cookies.clear()  # the comment's receipt left a message cookie behind
    before = client.get(index)
    assert before["X-Page-Cache"] == "miss" and client.get(index)["X-Page-Cache"] == "hit"
    services.suggest_groups(consultation, actor=world.handler_finance)
    group = comment.round.groups.get()
    services.decide_group(
        group,
        title="关于补贴标准",
        outcome="partly",
        reason="上限提高到两万元。",
        actor=world.handler_finance,
    )
    services.publish_feedback(consultation, "共收到意见1条。", actor=world.reviewer_finance)
    after = client.get(index)
    assert after["X-Page-Cache"] == "miss" and after.content != before.content
    feedback = reverse("consultations_portal:feedback", args=[consultation.pk])
    assert "上限提高到两万元" in client.get(feedback).content.decode()


def test_feedback_page_before_and_after(client, world):
    consultation = live(world)
    url = reverse("consultations_portal:feedback", args=[consultation.pk])
    assert client.get(url).status_code == 404
    client.post(reverse("consultations_portal:comment", args=[consultation.pk]), form())
    comment = Comment.objects.get()
    services.moderate(
        consultation, comment_ids=[comment.pk], approve=True, actor=world.handler_finance
    )
    close_now(consultation)
    services.suggest_groups(consultation, actor=world.handler_finance)
    group = comment.round.groups.get()
    services.decide_group(
        group,
        title="关于补贴标准",
        outcome="partly",
        reason="上限提高到两万元。",
        actor=world.handler_finance,
    )
    services.publish_feedback(consultation, "共收到意见1条。", actor=world.reviewer_finance)
    html = client.get(url).content.decode()
    assert "关于补贴标准（1条）" in html and "部分采纳" in html and "上限提高到两万元" in html
    assert "王小明" not in html


def test_feed_lists_new_consultations(client, world):
    live(world, title="关于伏羲庙标识设计征集")
    response = client.get(reverse("consultations_portal:feed"))
    assert response["Content-Type"].startswith("application/rss+xml")
    assert "关于伏羲庙标识设计征集" in response.content.decode()


def test_feed_guids_are_absolute_and_pubdates_keep_the_beijing_instant(client, world):
    import xml.etree.ElementTree as ET
    from datetime import datetime
    from email.utils import parsedate_to_datetime
    from zoneinfo import ZoneInfo

    from gongkai.consultations.models import Consultation

    consultation = live(world, title="关于伏羲庙标识设计征集")
    at_0830 = datetime(2026, 3, 3, 8, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    Consultation.objects.filter(pk=consultation.pk).update(published_at=at_0830)
    channel = ET.fromstring(client.get(reverse("consultations_portal:feed")).content)
    item = channel.find("channel/item")
    assert item.findtext("guid") == "http://testserver" + consultation.get_public_url()
    assert item.findtext("guid") == item.findtext("link")
    assert item.findtext("pubDate") == "Tue, 03 Mar 2026 08:30:00 +0800"
    assert parsedate_to_datetime(item.findtext("pubDate")) == at_0830


def test_index_filters_by_the_year_the_first_round_opened(client, world):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from gongkai.consultations.models import Round

    this_year = live(world)
    older = live(world, title="2016年的征集")
    # Its first round opened at 00:30 on 1 January 2016, Beijing time (still 2015 in UTC).
    beijing = ZoneInfo("Asia/Shanghai")
    Round.objects.filter(consultation=older).update(
        opens_at=datetime(2016, 1, 1, 0, 30, tzinfo=beijing),
        closes_at=datetime(2016, 2, 1, tzinfo=beijing),
    )
    index = reverse("consultations_portal:index")
    html = client.get(index, {"year": 2016}).content.decode()
    assert "2016年的征集" in html and this_year.title not in html
    assert "仅显示2016年开始的征集" in html
    assert 'href="?kind=draft&amp;year=2016"' in html  # the kind links keep the year
    assert "2016年的征集" not in client.get(index, {"year": 2015}).content.decode()
    html = client.get(index, {"year": this_year.rounds.first().opens_at.year}).content.decode()
    assert this_year.title in html and older.title not in html
    response = client.get(index, {"year": "abc"})
    assert response.status_code == 400 and "年份不正确" in response.content.decode()
