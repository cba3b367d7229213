from ninja import NinjaAPI

from gongkai.api import errors, schema
from gongkai.api.workdays import router as workdays_router
from gongkai.applications.api import router as applications_router
from gongkai.applications.api_stats import router as application_stats_router
from gongkai.consultations.api import router as consultations_router
from gongkai.disclosure.api import router as documents_router
from gongkai.interaction.api import router as messages_router
from gongkai.orgs.api import router as orgs_router
from gongkai.proposals.api import router as proposals_router


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
    docs_url=None,  # the interactive page loads assets from a CDN; the schema is enough
    parser=errors.ApiParser(),
)
errors.install(api)
api.add_router("/", orgs_router)
api.add_router("/", workdays_router)
api.add_router("/", documents_router)
api.add_router("/", application_stats_router)
api.add_router("/", applications_router)
api.add_router("/", messages_router)
api.add_router("/", consultations_router)
api.add_router("/", proposals_router)
