"""Public portal pages: home, sections under construction, search, display
preferences and the health check."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from gongkai.core.middleware import DISPLAY_COOKIE, DISPLAY_OPTIONS
from gongkai.core.net import same_origin

from .modules import MODULES, MODULES_BY_SLUG

DISPLAY_COOKIE_MAX_AGE = 365 * 24 * 3600
SEARCH_QUERY_MAX = 100


@require_safe
def home(request):
    return render(request, "portal/home.html", {"modules": MODULES})


@require_safe
def module(request, slug: str):
    section = MODULES_BY_SLUG.get(slug)
    if section is None:
        raise Http404("没有这个栏目。")
    if section.built:
        return redirect(section.url)
    return render(request, "portal/module_pending.html", {"section": section})


@require_safe
def search(request):
    """The header's search box: the site-wide search lives with the catalogue it searches."""
    query = request.GET.get("q", "").strip()[:SEARCH_QUERY_MAX]
    target = reverse("xxgk:search")
    return redirect(f"{target}?{urlencode({'q': query})}" if query else target)


def safe_next(request, candidate: str | None, default: str) -> str:
    """``candidate`` if it is a path or URL on this host, else ``default``."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


# Checked against cross-site posts (issue 15: a forged post could switch a visitor's
# display and send them to any page of the site), but not with a CSRF token: the toggle
# is on every public page, and a per-visitor token would keep every page out of the
# whole-page cache (gongkai.core.pagecache). The browser's Sec-Fetch-Site / Origin /
# Referer must name this site instead (gongkai.core.net.same_origin).
@csrf_exempt
@require_POST
def display(request):
    """Turn larger text or high contrast on or off; works without JavaScript."""
    if not same_origin(request):
        raise PermissionDenied("请在本网站的页面上切换显示设置。")
    chosen = set(getattr(request, "display", set()))
    toggle = request.POST.get("toggle", "")
    if toggle in DISPLAY_OPTIONS:
        chosen ^= {toggle}
    elif toggle == "reset":
        chosen = set()
    target = safe_next(request, request.POST.get("next"), reverse("portal:home"))
    response = HttpResponseRedirect(target, status=303)
    if chosen:
        response.set_cookie(
            DISPLAY_COOKIE,
            ",".join(option for option in DISPLAY_OPTIONS if option in chosen),
            max_age=DISPLAY_COOKIE_MAX_AGE,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
        )
    else:
        response.delete_cookie(DISPLAY_COOKIE, samesite="Lax")
    return response


@never_cache
@require_safe
def healthz(request):
    """For load balancers and monitoring: 200 when the database answers, else 503."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
