"""The item page: the metadata box, the body, attachments, interpretations,
validity links, the change history; and the 404 of anything not public."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.disclosure import actions
from gongkai.disclosure.models import KeyArea, Validity
from gongkai.files.tests import samples

from .factories import correct, draft, personas, publish, withdraw
from .pages import meta_box

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_metadata_box_of_a_normative_document(client, world, site):
    item = publish(
        world,
        title="天水市淘汰尾气排放不达标黄标车和老旧机动车实施细则",
        document_number="天政办发〔2026〕71号",
        written_on=date(2026, 9, 1),
        subject="城乡建设、环境保护",
        genre="细则",
        keywords="黄标车 老旧机动车 淘汰",
        summary="规定黄标车和老旧机动车淘汰的范围、补贴标准和办理程序。",
        source="天水市环境保护局",
        item_type="normative",
        effective_on=date(2026, 10, 1),
        expires_on=date(2031, 9, 30),
        key_areas=[KeyArea.objects.get(slug="environment")],
        publishing_departments=[world.finance, world.environment],
    )
    response = client.get(item.get_public_url())
    assert response.status_code == 200
    html = response.content.decode()
    box = meta_box(html)
    assert box["索引号"] == item.index_number
    assert box["主题分类"] == "城乡建设、环境保护"
    assert set(box["发布机构"].split("、")) == {"天水市财政局", "天水市环境保护局"}
    assert box["文号"] == "天政办发〔2026〕71号"
    assert box["标题"] == item.title
    assert box["成文日期"] == "2026-09-01"
    assert box["发布日期"] == item.published_on.isoformat()
    assert box["关键词"] == "黄标车、老旧机动车、淘汰"
    assert box["体裁"] == "细则"
    assert box["生效日期"] == "2026-10-01"
    assert box["有效期至"] == "2031-09-30"
    assert box["有效性"] == "有效"
    assert box["信息来源"] == "天水市环境保护局"
    assert box["内容概述"] == "规定黄标车和老旧机动车淘汰的范围、补贴标准和办理程序。"
    assert box["重点领域"] == "环境保护"
    # Each term is a header cell of its value: a <dt> directly followed by its <dd>.
    assert "<dt>索引号</dt><dd>" in html
    assert f"<title>{item.title} - 天水市人民政府</title>" in html


def test_a_general_item_has_no_validity_fields(client, world, site):
    box = meta_box(client.get(publish(world).get_public_url()).content.decode())
    assert "有效性" not in box and "生效日期" not in box
    assert box["文号"].startswith("天财发")


def test_the_body_is_shown_as_sanitised_and_nothing_else_is_trusted(client, world, site):
    item = publish(
        world,
        title="标题<b>不加粗</b>",
        summary="概述<script>alert(1)</script>",
        body='<h2>一、总体要求</h2><p onclick="x()">正文<a href="javascript:alert(1)">链接</a></p>',
    )
    html = client.get(item.get_public_url()).content.decode()
    assert "<h2>一、总体要求</h2>" in html
    assert "onclick" not in html and "javascript:" not in html
    assert "标题&lt;b&gt;不加粗&lt;/b&gt;" in html
    assert "概述&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("kind", ["withdrawn", "on_request", "other_government", "unknown"])
def test_anything_not_public_is_a_404(client, world, site, kind):
    if kind == "withdrawn":
        item = publish(world)
        url = item.get_public_url()
        assert client.get(url).status_code == 200
        withdraw(item)
    elif kind == "on_request":
        url = publish(
            world, disclosure_attribute="on_request", exemption_reason="art15_privacy"
        ).get_public_url()
    elif kind == "other_government":
        url = publish(world, department=world.longnan_finance).get_public_url()
    else:
        url = "/xxgk/11620500MB0000000X/2026-99999/"
    response = client.get(url)
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_an_item_under_review_has_no_public_page_and_appears_once_published(client, world, site):
    item = draft(world, title="审核中的信息")
    handler, secrecy, reviewer = personas(world.finance)
    actions.submit_item(item, actor=handler)
    actions.pass_confidentiality_review(item, actor=secrecy)
    assert item.get_public_url() is None  # no 索引号 before publication
    assert "审核中的信息" not in client.get("/xxgk/catalog/").content.decode()
    actions.approve_item(item, actor=reviewer)
    item.refresh_from_db()
    assert client.get(item.get_public_url()).status_code == 200


def test_a_correction_shows_the_new_text_and_the_change_history(client, world, site):
    item = publish(world, title="天水市2026年市级预算公开的通知")
    first = client.get(item.get_public_url()).content.decode()
    assert "发布记录" in first and "首次发布" in first and "更正" not in first
    correct(item, title="天水市2026年度市级预算公开的通知", reason="标题年度表述有误，予以更正。")
    html = client.get(item.get_public_url()).content.decode()
    assert meta_box(html)["标题"] == "天水市2026年度市级预算公开的通知"
    assert "变更记录" in html
    assert "第 1 版" in html and "第 2 版" in html
    assert "首次发布" in html and "更正" in html
    assert "标题年度表述有误，予以更正。" in html
    assert html.index("第 1 版") < html.index("第 2 版")


def test_a_policy_and_its_interpretations_link_to_each_other(client, world, site):
    policy = publish(world, title="天水市精准扶贫专项行动方案", is_major_policy=True)
    text = publish(
        world,
        title="《天水市精准扶贫专项行动方案》政策解读",
        item_type="interpretation",
        interpretation_form="text",
        interprets=[policy],
    )
    hidden = withdraw(
        publish(
            world,
            title="已撤回的解读",
            item_type="interpretation",
            interpretation_form="qa",
            interprets=[policy],
        )
    )
    html = client.get(policy.get_public_url()).content.decode()
    assert '<h2 id="interpretations-heading">政策解读</h2>' in html
    assert text.get_public_url() in html and "文字解读" in html
    assert hidden.title not in html
    back = client.get(text.get_public_url()).content.decode()
    assert "本文是对以下政策的解读" in back and policy.get_public_url() in back
    assert meta_box(back)["解读形式"] == "文字解读"


def test_a_revised_document_points_to_its_replacement_and_back(client, world, site):
    old = publish(world, title="旧的实施细则", item_type="normative")
    new = publish(world, title="新的实施细则", item_type="normative")
    _, _, reviewer = personas(world.finance)
    actions.change_validity(
        old,
        actor=reviewer,
        validity=Validity.REVISED,
        on=date(2026, 11, 1),
        reason="已被新的实施细则修订。",
        replaced_by=[new],
    )
    html = client.get(old.get_public_url()).content.decode()
    assert "本文件已修订" in html
    assert meta_box(html)["有效性"] == "已修订"
    assert f'现行文件：<a href="{new.get_public_url()}">新的实施细则</a>' in html
    assert "有效性变更" in html and "已被新的实施细则修订。" in html
    newer = client.get(new.get_public_url()).content.decode()
    assert f'本文件替代：<a href="{old.get_public_url()}">旧的实施细则</a>' in newer


def _with_attachment(world, **fields):
    item = draft(world, **fields)
    handler, secrecy, reviewer = personas(world.finance)
    upload = SimpleUploadedFile("预算公开表.pdf", samples.pdf("2026年市级预算"), "application/pdf")
    attachment = actions.add_attachment(
        item, actor=handler, uploaded_file=upload, title="预算公开表"
    )
    actions.submit_item(item, actor=handler)
    actions.pass_confidentiality_review(item, actor=secrecy)
    actions.approve_item(item, actor=reviewer)
    item.refresh_from_db()
    return item, attachment


def test_attachments_are_listed_with_sizes_and_downloaded(client, world, site):
    item, attachment = _with_attachment(world)
    html = client.get(item.get_public_url()).content.decode()
    url = f"/xxgk/{item.index_number}/attachments/{attachment.pk}/"
    assert f'href="{url}"' in html
    assert "预算公开表" in html and "PDF 文档" in html and attachment.file.size_display in html
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment;" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_attachments_of_anything_not_public_are_never_served(client, world, site):
    item, attachment = _with_attachment(world)
    other = publish(world)
    url = f"/xxgk/{item.index_number}/attachments/{attachment.pk}/"
    # Another item's number with this attachment's id: refused.
    assert client.get(f"/xxgk/{other.index_number}/attachments/{attachment.pk}/").status_code == 404
    withdraw(item)
    assert client.get(url).status_code == 404


def test_the_item_page_runs_the_same_few_queries_however_much_it_shows(client, world, site):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(item):
        client.get(item.get_public_url())  # the site profile is cached after the first page
        with CaptureQueriesContext(connection) as captured:
            assert client.get(item.get_public_url()).status_code == 200
        return len(captured)

    plain = publish(world, item_type="normative")
    rich, _ = _with_attachment(
        world, item_type="normative", key_areas=list(KeyArea.objects.all()[:3])
    )
    for n in range(3):
        publish(
            world,
            title=f"解读{n}",
            item_type="interpretation",
            interpretation_form="text",
            interprets=[rich],
        )
    correct(rich, reason="更正一处笔误。", summary="更正后的概述。")
    assert queries(rich) == queries(plain) <= 14


def _uncached_queries(client, item) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(item.get_public_url())  # the site profile is cached after the first page
    with CaptureQueriesContext(connection) as captured:
        assert client.get(item.get_public_url()).status_code == 200
    return len(captured)


def test_the_uncached_item_page_asks_related_lists_in_one_query(client, world, site, settings):
    settings.PAGE_CACHE_ENABLED = False
    plain = publish(world, title="没有关联文件的信息")
    plain_queries = _uncached_queries(client, plain)
    assert plain_queries <= 5  # the item, its departments, links, versions, attachments
    rich = publish(
        world,
        title="有关联文件的规范性文件",
        item_type="normative",
        key_areas=list(KeyArea.objects.all()[:2]),
    )
    for n in range(3):
        publish(
            world,
            title=f"解读{n}",
            item_type="interpretation",
            interpretation_form="text",
            interprets=[rich],
        )
    rich_queries = _uncached_queries(client, rich)
    assert rich_queries == plain_queries + 2  # the related items, the key areas


def test_every_related_list_still_shows_public_items_only(client, world, site):
    old = publish(world, title="旧办法", item_type="normative")
    middle = publish(world, title="中间的办法", item_type="normative")
    new = publish(
        world, title="新办法", item_type="normative", key_areas=[KeyArea.objects.get(slug="budget")]
    )
    _, _, reviewer = personas(world.finance)
    for replaced, by in ((old, middle), (middle, new)):
        actions.change_validity(
            replaced,
            actor=reviewer,
            validity=Validity.REVISED,
            on=date(2026, 11, 1),
            reason="已修订。",
            replaced_by=[by],
        )
    reading = publish(
        world,
        title="新办法解读",
        item_type="interpretation",
        interpretation_form="qa",
        interprets=[middle],
    )
    hidden = withdraw(
        publish(
            world,
            title="撤回的解读",
            item_type="interpretation",
            interpretation_form="qa",
            interprets=[middle],
        )
    )
    html = client.get(middle.get_public_url()).content.decode()
    assert f'本文件替代：<a href="{old.get_public_url()}">旧办法</a>' in html
    assert f'本文件已被替代：<a href="{new.get_public_url()}">新办法</a>' in html
    assert f'现行文件：<a href="{new.get_public_url()}">新办法</a>' in html
    assert reading.get_public_url() in html and "问答" in html
    assert hidden.title not in html
    newest = client.get(new.get_public_url()).content.decode()
    assert "重点领域" in newest and "/xxgk/key/budget/" in newest
    back = client.get(reading.get_public_url()).content.decode()
    assert f'本文是对以下政策的解读：<a href="{middle.get_public_url()}">中间的办法</a>' in back
