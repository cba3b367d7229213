"""Domain errors: raised by actions when a guard refuses, with a message a person can act on."""


class DomainError(Exception):
    """An action was refused. ``str(error)`` is a Chinese sentence for the user."""

    def __init__(self, message: str, *, code: str = "refused"):
        super().__init__(message)
        self.message = message
        self.code = code


class InvalidFields(DomainError):
    """Input refused field by field: ``errors`` maps each field to its Chinese message(s).

    ``str(error)`` is ``message`` when given, else every message joined with "；"."""

    def __init__(self, errors: dict, message: str | None = None):
        self.errors = errors
        if message is None:
            message = "；".join(v if isinstance(v, str) else "；".join(v) for v in errors.values())
        super().__init__(message, code="invalid")


def first_message(errors: dict[str, list[str]], fallback: str) -> str:
    """The first field's first message (for a one-line summary of a refused form)."""
    return next(iter(errors.values()), [fallback])[0]
