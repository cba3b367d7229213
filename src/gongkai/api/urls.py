"""The platform's API: the kernel's routers, then the modules' (``gongkai.api.registry``)."""

import functools

from django.http import HttpResponseNotAllowed
from django.urls import re_path
from django.utils.module_loading import import_string
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI

from gongkai.api import errors, schema
from gongkai.api.registry import registered_routers
from gongkai.api.workdays import router as workdays_router
from gongkai.orgs.api import router as orgs_router


class GongkaiAPI(NinjaAPI):
    """ninja with the platform's refusals (``gongkai.api.errors``) and a schema document
    that declares them and resolves every reference (``gongkai.api.schema``).

    Its URLs answer with a problem (``application/problem+json``) where ninja and
    Django would answer in plain text or HTML: 405 for a method a path does not
    take, 404 for a path under /api/v1/ that no endpoint has (the last pattern)."""

    def _get_urls(self):
        patterns = super()._get_urls()
        for pattern in patterns:
            pattern.callback = _problem_for_405(pattern.callback)
        patterns.append(re_path(r"^.*$", csrf_exempt(errors.unknown_path), name="unknown"))
        return patterns

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        document = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return schema.complete(document)


def _problem_for_405(view):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            allowed = [m.strip() for m in response["Allow"].split(",") if m.strip()]
            return errors.method_not_allowed(request, allowed)
        return response

    wrapped.csrf_exempt = getattr(view, "csrf_exempt", False)
    return wrapped


api = GongkaiAPI(
    title="政务公开平台 API",
    version="1",
    description="公开接口：机构目录、工作日计算等。所有日期按北京时间（Asia/Shanghai）。\n\n"
    + errors.description(),
    urls_namespace="api",
    # The interactive page (Swagger UI) from the copy bundled with django-ninja
    # ("ninja" in INSTALLED_APPS): nothing is loaded from a CDN.
    docs_url="/docs",
    parser=errors.ApiParser(),
)
errors.install(api)
api.add_router("/", orgs_router)
api.add_router("/", workdays_router)
for path in registered_routers():
    api.add_router("/", import_string(path))
