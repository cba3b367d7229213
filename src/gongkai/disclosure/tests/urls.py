"""The project's URLs with the disclosure staff pages under the workbench, as
the workbench URLconf will include them (``workbench:disclosure:<name>``)."""

from django.urls import include, path

from gongkai import urls as root
from gongkai.workbench import urls as workbench

_patterns = list(workbench.urlpatterns)
if not any(str(p.pattern) == "disclosure/" for p in _patterns):
    _patterns.append(path("disclosure/", include("gongkai.disclosure.urls_workbench")))

urlpatterns = [p for p in root.urlpatterns if str(p.pattern) != "workbench/"]
urlpatterns.append(path("workbench/", include((_patterns, "workbench"))))
