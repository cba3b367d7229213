"""The portal's Chinese 404 page in development mode too.

With ``DEBUG`` on (development mode, and so the demo), Django answers an
unknown address, or a view's ``Http404``, with its English technical page
listing the URL patterns; the project's ``404.html`` is only used with DEBUG
off. ``PortalNotFoundMiddleware`` renders ``404.html`` (through Django's own
``page_not_found`` view, exactly as with DEBUG off) for public addresses, and
leaves the technical page where developers want it: the workbench, the
admin, sign-in and the API.

Why a middleware and not a catch-all last URL pattern: a pattern matching
every path makes every path "valid", so ``APPEND_SLASH`` would no longer
redirect ``/xxgk`` to ``/xxgk/``, and it would not cover the ``Http404`` a
view raises (an unknown section, a withdrawn item). The middleware sits after
``CommonMiddleware``, which still sees the 404 and adds the slash when that
finds a page.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.urls import Resolver404, resolve
from django.views.defaults import page_not_found

STAFF_PREFIXES = ("/workbench/", "/admin/", "/accounts/", "/api/")


def _public(request) -> bool:
    return not request.path.startswith(STAFF_PREFIXES)


class PortalNotFoundMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.DEBUG and _public(request):
            try:
                resolve(request.path_info, getattr(request, "urlconf", None))
            except Resolver404 as error:
                return page_not_found(request, error)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if settings.DEBUG and isinstance(exception, Http404) and _public(request):
            return page_not_found(request, exception)
        return None
