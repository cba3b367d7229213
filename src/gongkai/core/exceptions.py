"""Turn a refused action into a page a person can act on (HTTP 409), not a server error."""

from django.shortcuts import render

from .errors import DomainError


class DomainErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DomainError):
            return render(request, "core/refused.html", {"message": exception.message}, status=409)
        return None
