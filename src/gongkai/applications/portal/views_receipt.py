"""The receipt (回执): tracking number and query password, printable."""

from __future__ import annotations

from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import session
from .views_apply import page


@never_cache
@require_safe
def receipt(request):
    found = session.receipt(request)
    if found is None:
        return page(request, "receipt_gone.html", {}, status=404)
    application, password, _repeated = found
    return page(
        request,
        "receipt.html",
        {"application": application, "password": password},
    )
