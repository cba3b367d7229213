"""The project's URLs with the disclosure API mounted as the API root will mount it
(``api.add_router("/", router)``) and the token admin registered, for as long as
the root does not do so yet."""

from django.contrib import admin
from django.urls import path
from ninja import NinjaAPI

from gongkai import urls as root
from gongkai.api.urls import api as root_api
from gongkai.api.workdays import router as workdays_router
from gongkai.disclosure.api import admin as _token_admin  # noqa: F401 - registers ApiTokenAdmin
from gongkai.disclosure.api import router as disclosure_router
from gongkai.orgs.api import router as orgs_router


def _mounted() -> bool:
    return any("documents" in str(p.pattern) for p in root_api.urls[0])


urlpatterns = [p for p in root.urlpatterns if str(p.pattern) != "admin/"]
urlpatterns.append(path("admin/", admin.site.urls))
if not _mounted():
    api = NinjaAPI(title="政务公开平台 API", version="1", urls_namespace="api", docs_url=None)
    api.add_router("/", orgs_router)
    api.add_router("/", workdays_router)
    api.add_router("/", disclosure_router)
    urlpatterns = [p for p in urlpatterns if str(p.pattern) != "api/v1/"]
    urlpatterns.append(path("api/v1/", api.urls))
