"""Public API of 意见征集 (consultations). No account.

* ``GET /api/v1/consultations`` — published consultations of the site's
  scope, newest first, filtered by ``phase`` (planned / open / closed /
  voting / feedback), ``kind`` (draft / call) and ``department`` (id); page
  by page (``page``, ``page_size`` ≤ 100). Unknown parameters: 400.
* ``GET /api/v1/consultations/{id}`` — one consultation: the current round's
  period and phase, its clauses with the number of published comments each.
* ``POST /api/v1/consultations/{id}/comments`` — a comment on the current
  round of a draft, on a clause (``clause``: its position) or on the whole;
  the web form's rules (``consultations.validation``). 201 with the comment's
  state (待审核); 200 with the same comment for a double submission (the same
  ``Idempotency-Key`` header, or the same text from the same phone); 409
  when the period does not accept comments (not open yet, closed); 422 with
  ``errors`` — field → Chinese messages; 429 with ``Retry-After`` beyond the
  limits per phone and address shared with the web form.
"""

from . import comments, reading  # noqa: F401  (they add their endpoints)
from .common import router

__all__ = ["router"]
