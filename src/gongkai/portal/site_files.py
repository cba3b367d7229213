"""The files browsers and crawlers ask for at the site's root: ``/robots.txt`` and
``/favicon.ico``.

The icon is drawn here with Pillow (the brand-red square with a white page, the
same drawing as ``portal/static/portal/favicon.svg``, which the base templates
link for browsers that take SVG icons), once per process: no binary file in the
repository.
"""

from __future__ import annotations

import io
from functools import cache

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

BRAND = (0x9B, 0x1C, 0x1C)  # --brand in portal/base.css
ICON_SIZES = (16, 32, 48)
ONE_DAY = 24 * 3600


def _disallowed() -> list[tuple[str, str]]:
    """(path, reason shown as a comment) of what crawlers should not fetch; paths from the URLconf where it has names."""
    return [
        (reverse("workbench:home"), "工作台"),
        (reverse("admin:index"), "后台管理"),
        ("/accounts/", "工作人员登录"),
        ("/display/", "显示设置（仅接受提交）"),
        (reverse("portal:search"), "搜索结果（组合无穷）"),
        (reverse("xxgk:search"), "搜索结果（组合无穷）"),
        # The API's write paths; its read paths (documents, messages, statistics …) stay open.
        (reverse("api:disclosure_submit"), "部门报送接口"),
        (reverse("api:applications_submit") + "$", "提交申请的接口"),
        (reverse("api:applications_lookup"), "申请人查询接口"),
        (reverse("api:messages_lookup"), "留言人查询接口"),
        ("/api/v1/consultations/*/comments", "提交意见的接口"),
        # Citizens' own pages: receipts, lookups and what they do after a lookup.
        (reverse("applications_portal:receipt"), "申请回执"),
        (reverse("applications_portal:lookup"), "申请查询"),
        (reverse("applications_portal:status"), "申请人的办理情况"),
        ("/ysqgk/download/", "申请人的文书"),
        (reverse("interaction_portal:receipt"), "留言回执"),
        (reverse("interaction_portal:lookup"), "留言查询"),
        (reverse("interaction_portal:status"), "留言人的办理情况"),
        (reverse("interaction_portal:similar"), "写留言时的相似留言提示"),
    ]


@require_safe
@cache_control(public=True, max_age=ONE_DAY)
def robots_txt(request):
    lines = ["# 政务公开平台", "User-agent: *", "Allow: /"]
    lines += [f"Disallow: {path}  # {why}" for path, why in _disallowed()]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def _draw(size: int):
    from PIL import Image, ImageDraw

    # Drawn at 4x and scaled down, so the small sizes are smooth.
    big = size * 4
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    scale = big / 32
    draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=round(6 * scale), fill=BRAND)
    page = tuple(round(v * scale) for v in (9, 6, 23, 26))
    draw.rounded_rectangle(page, radius=round(1.5 * scale), fill=(255, 255, 255))
    for y in (11, 15, 19):
        line = tuple(round(v * scale) for v in (12, y, 20, y + 1.6))
        draw.rectangle(line, fill=BRAND)
    return image.resize((size, size), Image.LANCZOS)


@cache
def icon_bytes() -> bytes:
    """The ICO file (16, 32 and 48 px), made once per process."""
    out = io.BytesIO()
    largest = _draw(max(ICON_SIZES))
    largest.save(
        out,
        format="ICO",
        sizes=[(s, s) for s in ICON_SIZES],
        append_images=[_draw(s) for s in ICON_SIZES if s != max(ICON_SIZES)],
    )
    return out.getvalue()


@require_safe
@cache_control(public=True, max_age=ONE_DAY)
def favicon_ico(request):
    return HttpResponse(icon_bytes(), content_type="image/x-icon")
