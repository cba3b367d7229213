"""The platform's API: the kernel's routers, then the modules' (``gongkai.api.registry``)."""

from django.utils.module_loading import import_string
from ninja import NinjaAPI

from gongkai.api import errors, schema
from gongkai.api.registry import registered_routers
from gongkai.api.workdays import router as workdays_router
from gongkai.orgs.api import router as orgs_router


class GongkaiAPI(NinjaAPI):
    """ninja with the platform's refusals (``gongkai.api.errors``) and a schema document
    that declares them and resolves every reference (``gongkai.api.schema``)."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        document = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return schema.complete(document)


api = GongkaiAPI(
    title="政务公开平台 API",
    version="1",
    description="公开接口：机构目录、工作日计算等。所有日期按北京时间（Asia/Shanghai）。"
    "所有拒绝都是 JSON，detail 为中文说明；422 另有 errors（字段名 → 中文说明）。",
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
