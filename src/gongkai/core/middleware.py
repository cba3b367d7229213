"""Cross-cutting HTTP middleware: security headers, sessions and display preferences."""

from __future__ import annotations

from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.utils.cache import patch_vary_headers

# All scripts and styles are files under /static/: no inline code is allowed.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's, except that a cookie naming no live session is deleted, not saved.

    ``SESSION_SAVE_EVERY_REQUEST`` (the staff idle timeout) makes Django save the
    session of every request that sends a session cookie. For a cookie that names no
    session (expired, or made up) that save creates a new, empty row and a new cookie,
    on every request: a write per public page for a visitor whose staff session has
    ended, and for any client that sends a cookie of its own choosing. Such a cookie
    is deleted instead; a session with data, or one the view wrote, is Django's.
    """

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if (
            session is not None
            and settings.SESSION_COOKIE_NAME in request.COOKIES
            and not session.modified
            and not session.keys()  # loads it: the save below would have
        ):
            response.delete_cookie(
                settings.SESSION_COOKIE_NAME,
                path=settings.SESSION_COOKIE_PATH,
                domain=settings.SESSION_COOKIE_DOMAIN,
                samesite=settings.SESSION_COOKIE_SAMESITE,
            )
            patch_vary_headers(response, ("Cookie",))
            return response
        return super().process_response(request, response)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not (settings.DEBUG and request.path.startswith("/api/v1/docs")):
            response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        return response


DISPLAY_COOKIE = "gk_display"
DISPLAY_OPTIONS = ("large", "contrast")


def parse_display_cookie(value: str | None) -> set[str]:
    return {item for item in (value or "").split(",") if item in DISPLAY_OPTIONS}


class DisplayPreferencesMiddleware:
    """Reads the larger-text / high-contrast choice so pages render with it.

    The choice is a cookie set by a plain form (works without JavaScript), so the
    server renders the right classes on <html> and there is no flash of the
    default style.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.display = parse_display_cookie(request.COOKIES.get(DISPLAY_COOKIE))
        return self.get_response(request)


# Paths of the staff sites: their login password is checked as typed (never folded).
STAFF_PREFIXES = ("/accounts/", "/workbench/", "/admin/")
FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class InputHygieneMiddleware:
    """Cleans the query string and the form data of every page (``gongkai.core.text``).

    Bidirectional overrides and control characters (NUL …) are removed from
    every value; identifiers (phone numbers, ID numbers, codes, tracking numbers,
    query passwords …, by field name) are NFKC-normalised, so ``１３８…`` typed on
    a Chinese keyboard is ``138…``. The JSON API (``/api/``) cleans its own bodies
    and answers 422 for what cannot be cleaned.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/api/"):
            staff = request.path.startswith(STAFF_PREFIXES)
            if request.GET:
                request.GET = _scrubbed(request.GET, staff)
            if request.method == "POST" and request.content_type in FORM_CONTENT_TYPES:
                request.POST = _scrubbed(request.POST, staff)
        return self.get_response(request)


def _scrubbed(data, staff: bool):
    from django.http import QueryDict

    from .text import scrub_field, scrub_text

    clean = QueryDict(mutable=True, encoding=data.encoding)
    for name, values in data.lists():
        for value in values:
            if staff and name == "password":
                clean.appendlist(name, scrub_text(value))
            else:
                clean.appendlist(scrub_text(name), scrub_field(name, value))
    clean._mutable = False
    return clean
