"""The body (正文) is sanitised: no scripts, no event handlers, no javascript: links."""

from gongkai.disclosure.sanitize import clean_html, plain_text


def test_scripts_are_removed_with_their_content():
    assert clean_html("<p>通知<script>alert('x')</script></p>") == "<p>通知</p>"


def test_event_handlers_are_removed():
    cleaned = clean_html('<p onclick="steal()">正文</p><img src="/media/a.png" onerror="alert(1)">')
    assert "onclick" not in cleaned and "onerror" not in cleaned
    assert '<img src="/media/a.png">' in cleaned


def test_javascript_links_lose_their_href_whatever_the_case():
    for href in (
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "data:text/html,x",
    ):
        cleaned = clean_html(f'<a href="{href}">点此</a>')
        assert "href" not in cleaned, href
        assert "点此" in cleaned


def test_web_and_mail_links_stay_with_noopener():
    assert clean_html('<a href="https://www.gov.cn/" target="_blank">中国政府网</a>') == (
        '<a href="https://www.gov.cn/" rel="noopener noreferrer">中国政府网</a>'
    )
    assert 'href="mailto:gongkai@example.gov.cn"' in clean_html(
        '<a href="mailto:gongkai@example.gov.cn">来信</a>'
    )


def test_images_only_from_our_own_uploads():
    assert clean_html('<img src="https://tracker.example.com/p.gif">') == "<img>"
    assert clean_html('<img src="//tracker.example.com/media/p.gif">') == "<img>"
    assert clean_html('<img src="data:image/png;base64,iVBOR">') == "<img>"
    assert clean_html('<img src="/media/files/ab/x.png" alt="图解">') == (
        '<img src="/media/files/ab/x.png" alt="图解">'
    )


def test_styles_classes_and_unknown_tags_go_tables_stay():
    html = (
        '<div class="x" style="color:red"><h1>大标题</h1><table><tr>'
        '<td colspan="2" style="width:9px">1</td></tr></table><iframe src="https://x"></iframe></div>'
    )
    assert clean_html(html) == (
        '大标题<table><tbody><tr><td colspan="2">1</td></tr></tbody></table>'
    )


def test_cleaning_is_idempotent_and_the_action_stores_the_clean_body(world, draft):
    dirty = '<p onmouseover="x()">预算<script>x()</script><a href="javascript:x()">链接</a></p>'
    assert clean_html(clean_html(dirty)) == clean_html(dirty)
    item = draft(body=dirty)
    assert item.body == '<p>预算<a rel="noopener noreferrer">链接</a></p>'


def test_plain_text_for_search_and_summaries():
    assert plain_text("<p>一&amp;二</p><p>三</p>") == "一&二 三"
