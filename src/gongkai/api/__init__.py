"""The public JSON API under /api/v1 (django-ninja), described at /api/v1/openapi.json."""
