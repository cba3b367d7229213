"""The catalogue's pages come from the whole-page cache, and every change the public must
see ends the stored pages at once: publishing, withdrawing, correcting, reference data.
A draft saved meanwhile ends nothing."""

import pytest

from gongkai.disclosure.models import SubjectCategory

from .factories import correct, draft, publish, withdraw
from .pages import listed_titles

pytestmark = pytest.mark.django_db
CATALOGUE = "/xxgk/catalog/"


def titles(client, url=CATALOGUE):
    response = client.get(url)
    return response["X-Page-Cache"], listed_titles(response.content.decode())


def test_publishing_shows_the_new_item_at_once(client, world, site):
    publish(world, title="天水市财政局关于2026年市级预算公开的通知")
    assert titles(client)[0] == "miss"
    assert titles(client)[0] == "hit"
    publish(world, title="天水市财政局关于2026年政府采购意向公开的通知")
    state, listed = titles(client)
    assert state == "miss" and "天水市财政局关于2026年政府采购意向公开的通知" in listed


def test_a_draft_saved_in_between_ends_no_stored_page(client, world, site):
    publish(world, title="天水市财政局关于2026年市级预算公开的通知")
    titles(client)
    draft(world, title="尚未发布的草稿")
    assert titles(client) == ("hit", ["天水市财政局关于2026年市级预算公开的通知"])


def test_a_withdrawn_item_leaves_the_catalogue_and_its_page_at_once(client, world, site):
    item = publish(world, title="天水市财政局关于2026年市级预算公开的通知")
    page = client.get(item.get_public_url())
    assert page.status_code == 200 and titles(client)[1] == [item.title]
    withdraw(item)
    assert titles(client) == ("miss", [])
    assert "已撤回" in client.get(item.get_public_url()).content.decode() or (
        client.get(item.get_public_url()).status_code in (404, 410)
    )


def test_a_correction_shows_the_corrected_title_at_once(client, world, site):
    item = publish(world, title="天水市财政局关于2026年市级预算公开的通知")
    client.get(item.get_public_url())
    titles(client)
    correct(item, reason="标题有错字", title="天水市财政局关于2026年市级部门预算公开的通知")
    assert "天水市财政局关于2026年市级部门预算公开的通知" in titles(client)[1]
    assert "部门预算" in client.get(item.get_public_url()).content.decode()


def test_renamed_reference_data_shows_in_the_filters_at_once(client, world, site):
    publish(world, title="天水市财政局关于2026年市级预算公开的通知")
    client.get(CATALOGUE)
    subject = SubjectCategory.objects.order_by("pk").first()
    subject.name = "改名后的主题分类"
    subject.save()
    response = client.get(CATALOGUE)
    assert response["X-Page-Cache"] == "miss" and "改名后的主题分类" in response.content.decode()


def test_uncached_visitors_reuse_the_filters_reference_data_until_it_changes(client, world, site):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    publish(world, title="天水市财政局关于2026年市级预算公开的通知")
    client.cookies["sessionid"] = "a-visitor-with-a-session"  # past the page store

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(CATALOGUE)
        assert "X-Page-Cache" not in response
        return len(captured), response.content.decode()

    first, _ = queries()
    second, _ = queries()
    # departments, key areas, categories, subjects, genres, years; and the list's count
    assert second <= first - 7
    subject = SubjectCategory.objects.order_by("pk").first()
    subject.name = "改名后的主题分类"
    subject.save()
    third, html = queries()
    assert third == second + 7 and "改名后的主题分类" in html  # computed again, once


def test_the_filter_form_is_rendered_once_per_filters_and_version(client, world, site):
    from django.test.signals import template_rendered

    from gongkai.core.dates import today

    publish(world, title="天水市财政局关于市级预算公开的通知")  # published today
    this_year = today().year
    client.cookies["sessionid"] = "a-visitor-with-a-session"  # past the page store
    renders = []

    def rendered(sender, template, **kwargs):
        if template.name == "disclosure/portal/_filters.html":
            renders.append(template.name)

    template_rendered.connect(rendered)
    try:
        first = client.get(CATALOGUE).content.decode()
        again = client.get(CATALOGUE + "?page=1").content.decode()
        year = client.get(f"{CATALOGUE}?year={this_year}").content.decode()
        assert len(renders) == 2  # the plain form, then the year's; not the plain one again
        form = '<form class="xxgk-filters"'
        assert first.count(form) == again.count(form) == year.count(form) == 1
        chosen = f'<option value="{this_year}" selected>'
        assert chosen in year and chosen not in first

        subject = SubjectCategory.objects.order_by("pk").first()
        subject.name = "改名后的主题分类"
        subject.save()  # reference data changed: the form is made again
        assert "改名后的主题分类" in client.get(CATALOGUE).content.decode()
        assert len(renders) == 3
    finally:
        template_rendered.disconnect(rendered)
