"""What every hand-checked query of the API raises: ``BadParameter`` (HTTP 400).

Endpoints that read ``request.GET`` themselves (``GET /api/v1/documents``,
``/api/v1/messages``, ``/api/v1/consultations`` …) refuse an unknown name, a
repeated single-valued parameter or a bad value with one clear Chinese
sentence naming the parameter, never a 422 in English from the schema layer.
"""

from __future__ import annotations


class BadParameter(ValueError):
    """A query parameter the API refuses (HTTP 400)."""

    def __init__(self, parameter: str, message: str):
        self.parameter = parameter
        super().__init__(message)
