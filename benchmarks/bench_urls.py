"""gongkai's URLconf plus ``/bench/bare/``: a plain Django view, the baseline of ``benchmarks.pages``."""

from django.http import HttpResponse
from django.urls import path

from gongkai.urls import urlpatterns as gongkai_urlpatterns


def bare(request):
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


urlpatterns = [path("bench/bare/", bare), *gongkai_urlpatterns]
