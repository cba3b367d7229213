from django.urls import reverse


def test_administrators_see_the_calendar_warning_and_the_admin_link(client, world, monkeypatch):
    monkeypatch.setattr(
        "gongkai.workdays.calendar_warning", lambda today=None: "节假日日历只覆盖到2026年12月31日。"
    )
    client.force_login(world.admin)
    html = client.get(reverse("workbench:home")).content.decode()
    assert "系统提醒" in html
    assert "节假日日历只覆盖到2026年12月31日。" in html
    assert reverse("admin:index") in html


def test_no_banner_when_the_calendar_reaches_far_enough(client, world, monkeypatch):
    monkeypatch.setattr("gongkai.workdays.calendar_warning", lambda today=None: None)
    client.force_login(world.admin)
    html = client.get(reverse("workbench:home")).content.decode()
    assert "系统提醒" not in html


def test_handlers_see_neither(client, world, monkeypatch):
    monkeypatch.setattr(
        "gongkai.workdays.calendar_warning", lambda today=None: "节假日日历只覆盖到2026年12月31日。"
    )
    client.force_login(world.handler_finance)
    html = client.get(reverse("workbench:home")).content.decode()
    assert "节假日日历" not in html
    assert reverse("admin:index") not in html


def test_superusers_count_as_administrators(client, world, monkeypatch):
    from gongkai.accounts.models import User

    monkeypatch.setattr("gongkai.workdays.calendar_warning", lambda today=None: "日历将用尽。")
    root = User.objects.create_superuser("root", password="Gongkai-Test-2026")
    client.force_login(root)
    html = client.get(reverse("workbench:home")).content.decode()
    assert "日历将用尽。" in html
