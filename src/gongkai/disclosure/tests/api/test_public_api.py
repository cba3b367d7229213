"""GET /api/v1/documents: only public items, every filter, the reference lists."""

from __future__ import annotations

import pytest
from django.utils import timezone

from gongkai.disclosure import actions
from gongkai.disclosure.models import Genre, SubjectCategory
from gongkai.testing.problems import problem_of

from .conftest import beijing, index_all


def _titles(response) -> list[str]:
    assert response.status_code == 200, response.content.decode()
    return [item["title"] for item in response.json()["items"]]


def test_only_published_proactive_items_are_listed(
    world, client, draft, publish, publish_through_review
):
    shown = publish(title="已发布的主动公开信息")
    draft(title="草稿")
    submitted = draft(title="待审核的稿件")
    actions.submit_item(submitted, actor=world.handler_finance)
    publish(
        title="依申请公开的信息",
        disclosure_attribute="on_request",
        exemption_reason="art16_process",
    )
    withdrawn = publish(title="已撤回的信息")
    actions.withdraw_item(withdrawn, actor=world.reviewer_finance, reason="内容有误，撤回。")

    assert _titles(client.get("/api/v1/documents")) == ["已发布的主动公开信息"]
    detail = client.get(f"/api/v1/documents/{shown.index_number}")
    assert detail.status_code == 200 and detail.json()["title"] == "已发布的主动公开信息"
    gone = client.get(f"/api/v1/documents/{withdrawn.index_number}")
    assert gone.status_code == 410 and "撤回" in problem_of(gone)["detail"]
    assert client.get("/api/v1/documents/no/such-number").status_code == 404


def test_index_numbers_with_slashes_round_trip(world, client, publish):
    item = publish()
    assert "/" in item.index_number
    listed = client.get("/api/v1/documents").json()["items"][0]
    assert listed["index_number"] == item.index_number
    assert listed["api_url"].endswith(f"/api/v1/documents/{item.index_number}")
    by_url = client.get(listed["api_url"])
    assert by_url.status_code == 200 and by_url.json()["index_number"] == item.index_number
    encoded = client.get("/api/v1/documents/" + item.index_number.replace("/", "%2F"))
    assert encoded.status_code == 200 and encoded.json()["index_number"] == item.index_number
    assert listed["url"].endswith(item.get_public_url())


def test_the_detail_has_metadata_interpretations_versions_and_attachments(
    world, client, draft, publish, publish_through_review
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.files.tests import samples

    policy = draft(
        title="天水市淘汰尾气排放不达标黄标车和老旧机动车实施细则",
        item_type="normative",
        effective_on=beijing(2026, 10, 1).date(),
        is_major_policy=True,
        keywords="黄标车 老旧机动车",
    )
    actions.add_attachment(
        policy,
        actor=world.handler_finance,
        uploaded_file=SimpleUploadedFile("细则全文.pdf", samples.pdf("黄标车实施细则")),
        title="细则全文",
    )
    publish_through_review(policy)
    policy.refresh_from_db()
    reading = publish(
        title="《实施细则》政策解读",
        item_type="interpretation",
        interpretation_form="qa",
        interprets=[policy],
    )
    actions.correct_item(
        policy, actor=world.reviewer_finance, expected_version=policy.version,
        data={"summary": "补充了限行区域。"}, reason="补充限行区域说明。",
    )  # fmt: skip

    body = client.get(f"/api/v1/documents/{policy.index_number}").json()
    assert body["item_type"] == "normative" and body["validity"] == "valid"
    assert body["validity_label"] == "有效" and body["effective_on"] == "2026-10-01"
    assert body["keywords"] == ["黄标车", "老旧机动车"]
    assert [i["index_number"] for i in body["interpretations"]] == [reading.index_number]
    assert body["interpretations"][0]["form_label"] == "问答"
    assert [(v["revision"], v["kind"]) for v in body["versions"]] == [
        (1, "published"),
        (2, "corrected"),
    ]
    assert body["versions"][1]["reason"] == "补充限行区域说明。"
    (attachment,) = body["attachments"]
    assert (
        attachment["name"] == "细则全文" and attachment["kind"] == "pdf" and attachment["size"] > 0
    )
    download = client.get(attachment["download_url"])
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    explained = client.get(f"/api/v1/documents/{reading.index_number}").json()
    assert explained["interprets"][0]["index_number"] == policy.index_number
    assert explained["interpretation"]["form"] == "qa"


def test_attachments_of_items_no_longer_public_are_not_served(
    world, client, draft, publish_through_review
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.files.tests import samples

    item = draft()
    attachment = actions.add_attachment(
        item,
        actor=world.handler_finance,
        uploaded_file=SimpleUploadedFile("a.pdf", samples.pdf("x")),
    )
    assert client.get(f"/api/v1/documents/attachments/{attachment.pk}").status_code == 404
    publish_through_review(item)
    assert client.get(f"/api/v1/documents/attachments/{attachment.pk}").status_code == 200
    actions.withdraw_item(item, actor=world.reviewer_finance, reason="撤回。")
    assert client.get(f"/api/v1/documents/attachments/{attachment.pk}").status_code == 404


def test_filter_by_department_including_co_publishers(world, client, draft, publish):
    publish(title="财政局独家")
    publish(title="联合发文", publishing_departments=[world.finance, world.environment])
    env = draft(actor=world.handler_environment, department=world.environment, title="环保局自己的")
    assert _titles(client.get("/api/v1/documents", {"department": world.environment.pk})) == [
        "联合发文"
    ]
    by_code = client.get("/api/v1/documents", {"department": world.finance.uscc})
    assert set(_titles(by_code)) == {"财政局独家", "联合发文"}
    assert env.state == "draft"


def test_filter_by_subject_genre_type_year_validity_and_key_area(world, client, publish):
    publish(
        title="旧年份", at=beijing(2016, 5, 20, 10, 0), subject="城乡建设、环境保护", genre="公告"
    )
    publish(title="规范性文件", item_type="normative", key_areas=["environment"])
    publish(title="回应关切", item_type="response", key_areas=["budget"])
    subject = SubjectCategory.objects.get(name="城乡建设、环境保护")
    genre = Genre.objects.get(name="公告")
    get = lambda **q: _titles(client.get("/api/v1/documents", q))  # noqa: E731
    assert get(subject=subject.pk) == ["旧年份"]
    assert get(genre=genre.pk) == ["旧年份"]
    assert get(type="response") == ["回应关切"]
    assert get(year=2016) == ["旧年份"]
    # published now: in the year of the test run (see gongkai.testing.env)
    assert set(get(year=timezone.localdate().year)) == {"规范性文件", "回应关切"}
    assert get(validity="valid") == ["规范性文件"]
    assert get(validity="repealed") == []
    assert get(key_area="environment") == ["规范性文件"]
    both = client.get("/api/v1/documents?key_area=environment&key_area=budget")
    assert set(_titles(both)) == {"规范性文件", "回应关切"}


def test_full_text_query_goes_through_the_search(world, client, publish):
    publish(
        title="关于公开征集成纪新城19条道路名称的公告", body="<p>面向社会公开征集道路名称。</p>"
    )
    publish(title="天水市淘汰黄标车实施细则", body="<p>黄标车全天禁止在城区通行。</p>")
    index_all()
    assert _titles(client.get("/api/v1/documents", {"q": "成纪新城"})) == [
        "关于公开征集成纪新城19条道路名称的公告"
    ]
    assert _titles(client.get("/api/v1/documents", {"q": "黄标车", "type": "general"})) == [
        "天水市淘汰黄标车实施细则"
    ]
    assert _titles(client.get("/api/v1/documents", {"q": "黄标车", "year": 2016})) == []


def test_reference_lists(world, client):
    subjects = client.get("/api/v1/documents/subjects").json()
    assert len(subjects) == 22 and subjects[0]["name"] == "国务院组织机构"
    assert any(g["name"] == "通知" for g in client.get("/api/v1/documents/genres").json())
    areas = client.get("/api/v1/documents/key-areas").json()
    assert len(areas) == 9 and {"slug", "name", "responsible_department"} <= set(areas[0])


@pytest.mark.django_db
def test_openapi_lists_the_disclosure_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in [
        "/api/v1/documents",
        "/api/v1/documents/{index_number}",
        "/api/v1/documents/subjects",
        "/api/v1/documents/genres",
        "/api/v1/documents/key-areas",
        "/api/v1/documents/attachments/{attachment_id}",
        "/api/v1/documents/submissions",
        "/api/v1/documents/submissions/{item_id}",
        "/api/v1/documents/submissions/{item_id}/attachments",
        "/api/v1/documents/submissions/{item_id}/submit",
    ]:
        assert path in paths, path
    submit = paths["/api/v1/documents/submissions"]["post"]
    assert "title" in submit["requestBody"]["content"]["application/json"]["schema"]["properties"]
    assert "422" in submit["responses"]
