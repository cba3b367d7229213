import pytest
from django.urls import reverse

notices = pytest.importorskip("gongkai.notices.services")


def send(user, subject):
    return notices.send_notice(
        channel="inapp", subject=subject, body="请及时办理。", recipient=user, url="/workbench/"
    )


def test_the_header_shows_the_unread_count_and_the_inbox_lists_notices(client, world):
    send(world.handler_finance, "新的依申请公开事项")
    send(world.handler_finance, "留言已转办")
    send(world.handler_environment, "别人的通知")
    client.force_login(world.handler_finance)
    html = client.get(reverse("workbench:home")).content.decode()
    assert '2<span class="visually-hidden"> 条未读</span>' in html
    page = client.get(reverse("workbench:notices")).content.decode()
    assert "新的依申请公开事项" in page and "留言已转办" in page
    assert "别人的通知" not in page


def test_marking_read(client, world):
    first = send(world.handler_finance, "一")
    send(world.handler_finance, "二")
    other = send(world.handler_environment, "别人的")
    client.force_login(world.handler_finance)
    client.post(reverse("workbench:notices"), {"notice": [first.pk, other.pk]})
    first.refresh_from_db()
    other.refresh_from_db()
    assert first.is_read and not other.is_read
    client.post(reverse("workbench:notices"), {"all": "1"})
    assert notices.inbox_for(world.handler_finance, unread_only=True).count() == 0


def test_empty_inbox(client, world):
    client.force_login(world.handler_finance)
    assert "暂无通知" in client.get(reverse("workbench:notices")).content.decode()
