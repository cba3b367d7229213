"""Public API of 依申请公开 (POST /api/v1/applications, POST /api/v1/applications/lookup)."""

from ninja import Router

router = Router(tags=["依申请公开"])
