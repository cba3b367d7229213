"""Public API of 互动交流 (citizen messages): write, look up, read the board. No account.

* ``POST /api/v1/messages`` — JSON with channel and type by code, the place by
  division code; validated by ``services.submit_message`` (the board's form
  rules). 201 with the query code (查询码) and the query password (查询密码,
  shown once); 200 with the same message and a new password for a double
  submission (same ``Idempotency-Key`` header, or the same phone and text
  within the duplicate window). Messages of links only or repeated text are
  accepted as ``held`` (待人工核查). Invalid input: 400 (not JSON, bad key) or
  422 with ``errors`` — field → Chinese messages. The hotline is refused (422).
* ``POST /api/v1/messages/lookup`` — query code + password (or the phone
  given): state, public steps, reply deadline, the reply, the rating. One
  neutral 404 whatever did not match.
* ``GET /api/v1/messages`` — published messages only, masked versions only
  (never the writer's name, phone, original text or reply), newest
  publication first, filters and full text (``gongkai.search``), signed
  keyset cursors as in ``GET /api/v1/documents``.
* ``GET /api/v1/messages/{id}`` — one published message.

Submissions and failed lookups share the board's rate limits (``limits``):
HTTP 429 with ``Retry-After``.
"""

# Registration order is routing order: /messages/lookup before /messages/{id}.
from . import lookup, submit  # noqa: F401  (they add their endpoints)

# isort: split
from . import board  # noqa: F401
from .common import router

__all__ = ["router"]
