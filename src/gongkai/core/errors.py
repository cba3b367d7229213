"""Domain errors: raised by actions when a guard refuses, with a message a person can act on."""


class DomainError(Exception):
    """An action was refused. ``str(error)`` is a Chinese sentence for the user."""

    def __init__(self, message: str, *, code: str = "refused"):
        super().__init__(message)
        self.message = message
        self.code = code
