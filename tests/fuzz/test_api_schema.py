"""The whole OpenAPI schema through schemathesis: no answer is a server error, and
every answer has a documented status, content type and body.

Each operation is one test (``[POST /api/v1/applications]`` …) with
``GONGKAI_FUZZ_EXAMPLES`` examples; the requests go to the Django WSGI application
in process, on the test database with the test world (a message board, an open
consultation). Rate limits answer 429 after a few requests: documented, so fine.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from gongkai.api.urls import api

from .conftest import fuzz_examples

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

# The document as /api/v1/openapi.json serves it (no database needed to build it).
schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = get_wsgi_application()


@schema.parametrize()
@settings(
    max_examples=fuzz_examples(),
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_answers_every_request_as_documented(case, fuzz_world):
    case.call_and_validate(checks=CHECKS)
