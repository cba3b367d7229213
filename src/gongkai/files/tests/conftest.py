import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Blobs of each test go to its own directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
