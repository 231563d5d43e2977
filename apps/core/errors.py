"""The refusals every service raises, by kind; views (`apps.core.http.attempt`) and the API
(`khedmat/api.py`) turn each kind into a form error, a page's message or a 4xx."""


class ServiceError(Exception):
    """A refusal with a Persian message meant for the user, never a 500. Raise one of its kinds."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InvalidError(ServiceError):
    """What was sent breaks a rule: a missing document, a date out of range, a score past its maximum."""


class ForbiddenError(ServiceError):
    """The person may see the record but not do this to it."""


class NotFoundError(ServiceError):
    """The record named does not exist (or is not the person's to see)."""


class ConflictError(ServiceError):
    """The record is not in a state that allows this, or somebody else acted on it first."""
