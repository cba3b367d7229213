"""Fixtures shared by every test in the project."""

import pytest


@pytest.fixture
def world(db):
    from gongkai.testing.factories import World

    return World()
