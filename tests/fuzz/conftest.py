"""Fuzz targets (``-m fuzz``): the whole OpenAPI schema through schemathesis, and the
public HTML forms with hostile text. Their budget is ``GONGKAI_FUZZ_EXAMPLES``
(examples per API operation; values per form field scale with it): small by
default so the normal test run stays fast, raised in CI."""

from __future__ import annotations

import os

import pytest
from django.core.cache import cache


def fuzz_examples(default: int = 10) -> int:
    return max(1, int(os.environ.get("GONGKAI_FUZZ_EXAMPLES", default)))


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The API fuzz calls the real WSGI application, whose request signals close the
    database connection after each request (``close_old_connections``): on PostgreSQL
    that would close the test's own connection, inside its transaction. Django's test
    client keeps them disconnected while it handles a request; so do these tests."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _fresh_limits(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


LIMITS = (
    "APPLICATION_SUBMIT_LIMIT",
    "APPLICATION_LOOKUP_FAILURE_LIMIT",
    "LOOKUP_ADDRESS_FAILURE_LIMIT",
    "LOOKUP_CODE_FAILURE_LIMIT",
    "MESSAGE_SUBMIT_LIMIT_PER_ADDRESS",
    "MESSAGE_SUBMIT_LIMIT_PER_PHONE",
    "CONSULTATION_SUBMIT_LIMIT_PER_ADDRESS",
    "CONSULTATION_SUBMIT_LIMIT_PER_PHONE",
    "VOTE_CODE_LIMIT_PER_ADDRESS",
    "VOTE_CODE_LIMIT_PER_PHONE",
)


@pytest.fixture
def no_limits(settings):
    """Rate limits and lookup lockouts out of the way, so every request reaches the
    validation and the comparison with stored values (429 is tested elsewhere)."""
    for name in LIMITS:
        setattr(settings, name, 10**6)


@pytest.fixture
def fuzz_world(world):
    """The test world with a message board and a consultation open for comments."""
    from gongkai.consultations.tests.helpers import live
    from gongkai.interaction.tests.helpers import mayor_board

    mayor_board(world)
    world.consultation = live(world)
    return world


def pytest_configure(config):
    # Also declared in pyproject.toml; here so the fuzz targets run under --strict-markers.
    config.addinivalue_line("markers", "fuzz: fuzz targets; budget GONGKAI_FUZZ_EXAMPLES")
