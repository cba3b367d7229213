"""Cross-cutting HTTP middleware: security headers and display preferences."""

from __future__ import annotations

from django.conf import settings

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
