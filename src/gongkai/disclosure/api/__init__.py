"""The disclosure catalogue over HTTP, mounted under ``/api/v1``.

``router`` holds, in this order (fixed paths before the index-number path,
which may contain ``/``):

* the write API for departments' systems (``write``, bearer token) —
  ``/documents/submissions…``;
* the public read API (``public``) — ``/documents``, ``/documents/subjects``,
  ``/documents/genres``, ``/documents/key-areas``,
  ``/documents/attachments/{id}``, ``/documents/{index_number}``.

The API root adds it with ``api.add_router("/", router)``.
"""

from ninja import Router

from .public import router as public_router
from .write import router as write_router

router = Router()
router.add_router("/", write_router)
router.add_router("/", public_router)

__all__ = ["router"]
